//! "Should I take it?": the verdict in plain words, the asks that would make the offer fair (each
//! can be tried on the offer), the best amount of salary to trade with its charts, and which
//! guesses the answer hangs on. Everything here reads `Workspace::decision` and the report settled
//! with it (`Decided::report`), so the words always match the figures they quote.

use leptos::prelude::*;
use serde_json::Value;

use super::kit::charts::{chart_width, Svg};
use super::kit::chunk::in_chunk;
use super::kit::focus::FocusMark;
use super::results::precision;
use super::state::{Decided, Workspace};
use crate::engine::{Decision, MixAnalysis, Report};
use crate::offer::paths;
use crate::report::charts::{mix_risk_chart, mix_value_chart};
use crate::report::format::Precision;
use crate::report::verdict::{new_rules_sentence, verdict_at, Ask};

in_chunk! {
    /// The verdict panel, in the chunk of the sections built after the first paint.
    pub fn decide_panel() in sections { view! { <DecidePanel /> } }
}

/// The verdict panel, shown once the decision for the current inputs is worked out.
#[component]
fn DecidePanel() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    view! {
        <section class="decide" aria-labelledby="decide-title" data-testid="decide" class:stale=move || ws.out_of_date.get()>
            <h2 id="decide-title">"Should I take it?"</h2>
            <WhatIfBanner />
            {move || {
                let decided = ws.decision.get();
                let precision = precision(ws);
                // Rebuilt whole for each decision: a "Try it" that had focus is gone once its ask is
                // met, and focus goes to the new verdict.
                FocusMark::keep_within("[data-testid=decide]", "[data-testid=verdict]");
                match decided {
                    Some(Decided { report: Some(report), decision: Ok(decision) }) => view! { <Verdict report=report decision=decision precision=precision /> }.into_any(),
                    Some(Decided { decision: Err(e), .. }) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    _ => view! { <p class="help">"Working it out…"</p> }.into_any(),
                }
            }}
        </section>
    }
}

/// The verdict's paragraph, asks, mix, caveat and open questions for one report and its decision,
/// its figures said as estimates or, under "Exact figures", to the cent.
#[component]
fn Verdict(report: Report, decision: Decision, precision: Precision) -> impl IntoView {
    let words = verdict_at(&report, &decision, precision);
    let c = report.currency.clone();
    let open = words.open_questions.len();
    view! {
        <p class="verdict" class:fair=words.fair class:unfair=!words.fair data-testid="verdict" tabindex="-1">{words.paragraph}</p>
        {words.compute_budget.map(|w| view! { <p data-testid="verdict-compute">{w}</p> })}
        {words.compute_trade.map(|w| view! { <p data-testid="verdict-compute-trade">{w}</p> })}
        {(!words.asks.is_empty()).then(|| view! {
            <h3>"To make it fair at your assumptions, ask for any one of"</h3>
            <ul class="asks" data-testid="asks">{words.asks.into_iter().map(|ask| view! { <AskItem ask=ask /> }).collect_view()}</ul>
        })}
        {decision.mix.map(|mix| view! {
            <h3>"How much salary to trade"</h3>
            <p data-testid="best-mix">{words.best_mix.clone().unwrap_or_default()}</p>
            <ChooseAmount mix=mix.clone() />
            {move || {
                let width = chart_width();
                view! {
                    <Svg id="mix-value" title="What each amount traded is worth to you" chart=mix_value_chart(&mix, &c, width) />
                    <Svg id="mix-risk" title="Chance of ending up worse off than trading nothing" chart=mix_risk_chart(&mix, &c, width) />
                }
            }}
        })}
        {words.caveat.map(|caveat| view! { <p class="caveat" data-testid="caveat">{caveat}</p> })}
        <NewRules report=report.clone() precision=precision />
        {(open > 0).then(|| view! {
            <p class="help" data-testid="open-questions">
                {if open == 1 { "One question is still open".to_string() } else { format!("{open} questions are still open") }}
                ": see "<a href="#questions-title">"Questions to ask before you sign"</a>" below."
            </p>
        })}
    }
}

/// For an offer under the older rules: what version 4's two rules would change, and a button
/// that adopts them (a change the person makes, undone like any other edit).
#[component]
fn NewRules(report: Report, precision: Precision) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let sentence = ws.checked.with_untracked(|checked| {
        checked.as_ref().ok().and_then(|offer| new_rules_sentence(offer, &report, precision))
    })?;
    let locked =
        ws.is_locked("leaving.salary_after_cancellation") || ws.is_locked("personal.wealth_counts");
    Some(view! {
        <p class="help" data-testid="new-rules">
            {sentence}" "
            <button type="button" class="small" data-testid="use-new-rules" disabled=locked
                on:click=move |_| {
                    ws.edit_whole(|doc| {
                        paths::set(doc, "leaving.salary_after_cancellation", Value::from("restored"));
                        paths::set(doc, "personal.wealth_counts", Value::from("savings_and_pay"));
                    });
                    ws.rebuild_form();
                }>"Use the new rules"</button>
        </p>
    })
}

/// Puts the best amount into the offer (the tokens follow from the plan's rate).
#[component]
fn ChooseAmount(mix: MixAnalysis) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let best = mix.best.sacrificed_annual;
    (best != mix.current.sacrificed_annual).then(|| {
        let locked = ws.is_locked("salary.sacrificed_annual");
        view! {
            <button type="button" class="small" data-testid="choose-best-mix" disabled=locked
                on:click=move |_| {
                    ws.set_field("salary.sacrificed_annual", Value::String(best.to_string()));
                    ws.rebuild_form();
                }>
                "Choose this amount"
            </button>
        }
    })
}

/// While a "Try it" is on screen: what was tried, that the offer is unchanged, and the choice to
/// keep it or to go back (issue 28: an ask is a what-if, never a silent change to the letter's terms).
#[component]
fn WhatIfBanner() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let tried = move || {
        ws.draft.track();
        ws.what_if.with(|w| w.as_ref().map(|w| w.tried.clone())).filter(|_| ws.what_if_shown())
    };
    move || {
        tried().map(|tried| view! {
            <div class="notice what-if" role="status" data-testid="what-if">
                <p><strong>"What if: "</strong>{tried}</p>
                <p>"The figures and the form show it; your offer is unchanged until you keep it."</p>
                <button type="button" data-testid="what-if-keep" on:click=move |_| ws.keep_what_if()>"Keep it in the offer"</button>
                " "
                <button type="button" class="secondary" data-testid="what-if-leave" on:click=move |_| ws.leave_what_if()>"Back to the offer as it was"</button>
            </div>
        })
    }
}

/// One ask, with a button that tries it on the offer (a what-if) so its effect shows at once.
#[component]
fn AskItem(ask: Ask) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let tried = ask.text.clone();
    let button = ask.edit.map(|(path, value)| {
        let locked = ws.is_locked(path);
        view! {
            <button type="button" class="small" data-testid=format!("try-{path}") disabled=locked
                on:click=move |_| ws.try_what_if(tried.clone(), |doc| { paths::set(doc, path, value.clone()); })>"Try it"</button>
        }
    });
    view! { <li>{ask.text}" "{button}</li> }
}
