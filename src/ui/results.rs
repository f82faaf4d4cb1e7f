//! The results: headline figures with one plain sentence, the simulation, the charts, the yearly
//! ledgers and the questions to ask before signing. Everything here only reads the workspace.

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

use super::kit::charts::{chart_width, OutcomeChart, Svg, TokensChart, YearlyCashChart};
use super::kit::chunk::{in_chunk, Lazy};
use super::kit::tasks::next_task;
use super::state::Workspace;
use super::AfterFirstPaint;
use crate::engine::{MonteCarloReport, Report};
use crate::offer::paths::text_at;
use crate::report::bending_note;
use crate::report::breakeven::{breakeven_words, risk_breakeven_sentence};
use crate::report::charts::{risk_adjusted_rows, tornado_chart};
use crate::report::checklist::checklist_questions;
use crate::report::format::{
    group_digits, money, money_decimal, money_spoken, percent, Amounts, Precision,
};
use crate::report::locale::neutral;
use crate::report::verdict::{compute_budget_words, compute_trade_words};
use crate::report::{section_8_sentences, summary_sentence_at};

/// The last valid report, for components that draw it.
pub(crate) fn current_report(ws: Workspace) -> Signal<Option<Report>> {
    Signal::derive(move || ws.report.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).cloned()))
}

/// How sentences say their figures now, by the headline's "Exact figures" switch
/// (`Workspace::exact_figures`, for the whole page: the headline, the simulation, the verdict).
pub(crate) fn precision(ws: Workspace) -> Precision {
    if ws.exact_figures.get() {
        Precision::Exact
    } else {
        Precision::Spoken
    }
}

/// A figure as the page shows it: said as an estimate, and for money its exact amount, which
/// goes in `data-exact` (and, for the simulated figures, the title) and is shown under "Exact figures".
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Shown {
    spoken: String,
    /// In the command line's form, whatever the page's locale (issue 26).
    exact: Option<String>,
    /// In the page's locale.
    exact_shown: Option<String>,
}

impl Shown {
    /// Money: `$85,300`, exactly `$85,295.19`.
    pub(crate) fn money(amount: f64, currency: &str) -> Shown {
        Shown {
            spoken: money_spoken(amount, currency),
            exact: Some(neutral(|| money(amount, currency))),
            exact_shown: Some(money(amount, currency)),
        }
    }

    /// The text on the page, at the switch's setting.
    pub(crate) fn text(&self, exact: bool) -> String {
        match (&self.exact_shown, exact) {
            (Some(e), true) => e.clone(),
            _ => self.spoken.clone(),
        }
    }

    /// `data-exact`.
    pub(crate) fn exact(&self) -> Option<String> {
        self.exact.clone()
    }

    /// The title: the exact figure, for a pointer's hover.
    pub(crate) fn title(&self) -> Option<String> {
        self.exact_shown.as_ref().map(|e| format!("Exactly {e}"))
    }
}

/// One headline figure.
#[component]
fn Figure(
    figure: &'static HeadlineFigure,
    /// The text shown: an estimate, or to the cent under "Exact figures". (A money figure's exact
    /// amount goes in `data-exact`, written by [`write_exact_figures`].)
    value: Signal<String>,
) -> impl IntoView {
    let HeadlineFigure { label, testid, note, .. } = *figure;
    view! {
        <div class="figure">
            <dt>{label}</dt>
            // elementtiming: the browser records when the figure is first painted (scripts/page-perf.mjs).
            <dd data-testid={testid} {..custom_attribute("elementtiming", testid)}>{value}</dd>
            <dd class="note">{note}</dd>
        </div>
    }
}

/// The figures a person needs first, and the sentence that sums them up.
#[component]
pub fn Headline() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let report = current_report(ws);
    let exact = ws.exact_figures;
    // A figure's text, following the switch.
    let shown = move |said: Said| {
        Signal::derive(move || {
            let precision = if exact.get() { Precision::Exact } else { Precision::Spoken };
            report.with(|r| r.as_ref().map(|r| said(r, precision)).unwrap_or_default())
        })
    };
    write_exact_figures(report);
    let engine_error =
        move || ws.report.with(|r| r.as_ref().and_then(|r| r.as_ref().err()).cloned());
    // The sentence is made once per change, for the page and for the screen reader.
    let summary = Memo::new(move |_| {
        let precision = precision(ws);
        report.with(|r| r.as_ref().map(|r| summary_sentence_at(r, precision)).unwrap_or_default())
    });
    let announcement = announce_after_pause(summary);
    // Tax before cash, the chance of a loss, ruin, the leaving rule (MODEL.md 8), in words.
    let section_8 = Memo::new(move |_| {
        let precision = precision(ws);
        report.with(|r| r.as_ref().map(|r| section_8_sentences(r, precision)).unwrap_or_default())
    });
    view! {
        <section class="headline" aria-labelledby="headline-title" class:stale=move || ws.out_of_date.get()>
            <h2 id="headline-title">"What this offer is worth to you"</h2>
            <Show when=move || ws.out_of_date.get()>
                <p class="stale-note" role="status" data-testid="out-of-date">"Out of date: these are the figures for your last valid inputs. Fix the field marked in red to update them."</p>
            </Show>
            <Show when=move || ws.checked.with(Result::is_err) && ws.report.with(Option::is_none)>
                <p class="stale-note" role="status">"Fix the fields marked in red to see what this offer is worth."</p>
            </Show>
            {move || engine_error().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || example_name(ws).map(|name| view! {
                <p class="example-note" data-testid="example-note">
                    {format!("An example: these are the figures of \u{201c}{name}\u{201d}, a made-up offer, not yours. ")}
                    <a href="#start" data-testid="example-start">"Start from your offer letter"</a>
                </p>
            })}
            <dl class="figures">
                {HEADLINE.iter().map(|figure| view! { <Figure figure=figure value=shown(figure.said) /> }).collect_view()}
            </dl>
            <p class="summary" data-testid="summary">{summary}</p>
            <Show when=move || section_8.with(|s| !s.is_empty())>
                <ul class="section-8" data-testid="tax-and-leaving">
                    {move || section_8.get().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ul>
            </Show>
            <ComputeBudgetSummary report=report />
            <p class="visually-hidden" aria-live="polite" data-testid="announcement">{move || announcement.get()}</p>
            // Built after the first paint with the other sections below the figures.
            <AfterFirstPaint><Lazy load=simulation_summary /></AfterFirstPaint>
        </section>
    }
}

/// A headline figure as the report says it, at a precision.
type Said = fn(&Report, Precision) -> String;

/// An amount of the report, at a precision.
fn say(amount: f64, r: &Report, precision: Precision) -> String {
    Amounts { currency: &r.currency, precision }.of(amount)
}

/// One figure of the headline: its label, test id and note, and how the report says it.
struct HeadlineFigure {
    label: &'static str,
    testid: &'static str,
    note: &'static str,
    said: Said,
    /// A money figure, whose exact amount is kept in its `data-exact`.
    money: bool,
}

/// The headline's figures, in order: the range first (README: the exact distribution's P10 to
/// P90, the outcome chart's markers); on average, less the cost of the risk, is the answer after
/// risk (the deal's figures, which the summary and the verdict quote too).
const HEADLINE: [HeadlineFigure; 7] = [
    HeadlineFigure {
        label: "Eight in ten outcomes",
        testid: "range",
        note: "the tokens' value after tax, in today's money: one outcome in ten is below it, one in ten above",
        said: |r, p| format!("{} to {}", say(r.distribution.p10, r, p), say(r.distribution.p90, r, p)),
        money: true,
    },
    HeadlineFigure {
        label: "Expected value of the tokens",
        testid: "expected-token-pv",
        note: "after tax, in today's money",
        said: |r, p| say(r.expected.token_pv, r, p),
        money: true,
    },
    HeadlineFigure {
        label: "Chance they pay nothing",
        testid: "prob-zero",
        note: "across scenarios and leaving early",
        said: |r, _| percent(r.prob_zero),
        money: false,
    },
    HeadlineFigure {
        label: "Against salary only, on average",
        testid: "net-pv",
        note: "the tokens (and any compute budget) less the salary given up",
        said: |r, p| say(r.deal.expected_net, r, p),
        money: true,
    },
    HeadlineFigure {
        label: "Cost of the risk to you",
        testid: "cost-of-risk",
        note: "what the uncertainty costs you, at your savings",
        said: |r, p| say(r.deal.cost_of_risk, r, p),
        money: true,
    },
    HeadlineFigure {
        label: "Against salary only, after risk",
        testid: "risk-adjusted-net",
        note: "the answer: what taking it is worth to you for sure",
        said: |r, p| say(r.deal.risk_adjusted_net, r, p),
        money: true,
    },
    HeadlineFigure {
        label: "The same as this much pay",
        testid: "deal-yearly",
        note: "a year, before tax, over the years valued",
        said: |r, p| say(r.deal.yearly_pretax, r, p),
        money: true,
    },
];

/// Writes each headline money figure's exact amount into its `data-exact` (where a test or a
/// script reads it to the cent), from one effect: an attribute per figure cost the first load
/// 1.7 KB of Leptos's attribute code.
fn write_exact_figures(report: Signal<Option<Report>>) {
    Effect::new(move || {
        report.with(|r| {
            for figure in HEADLINE.iter().filter(|f| f.money) {
                let exact = neutral(|| r.as_ref().map(|r| (figure.said)(r, Precision::Exact)))
                    .unwrap_or_default();
                // Every copy: while the page is built behind the first paint, the document holds
                // the prerendered headline too, for the same offer and build.
                let Ok(copies) =
                    document().query_selector_all(&format!("[data-testid={}]", figure.testid))
                else {
                    continue;
                };
                for copy in (0..copies.length()).filter_map(|i| copies.get(i)) {
                    // A selector matches elements only.
                    let copy: web_sys::Element = wasm_bindgen::JsCast::unchecked_into(copy);
                    let _ = copy.set_attribute("data-exact", &exact);
                }
            }
        })
    });
}

/// The name of the offer on screen when it is one of the made-up examples a first visit opens
/// (`examples::STARTERS`), so that its figures are not taken for the person's own.
fn example_name(ws: Workspace) -> Option<String> {
    if ws.shared.with(Option::is_some) || ws.guided.with(Option::is_some) {
        return None;
    }
    let id = ws.library.with(|lib| lib.current().map(|o| o.id.clone()))?;
    crate::store::examples::STARTERS
        .iter()
        .any(|(starter, _)| *starter == id)
        .then(|| ws.draft.with(|d| text_at(d, "name")))
}

/// What a screen reader hears after a change: the summary sentence, once the person has paused
/// for a second. Each keystroke values the offer again, and announcing every one would drown them;
/// nothing is announced on load, when the page itself is read.
fn announce_after_pause(summary: Memo<String>) -> RwSignal<String> {
    let announcement = RwSignal::new(String::new());
    let changes = StoredValue::new(0_u64);
    Effect::new(move |previous: Option<String>| {
        let sentence = summary.get();
        // Not the first figures (before them, the sentence is empty): those are read with the page.
        if previous.is_some_and(|previous| !previous.is_empty() && previous != sentence) {
            changes.update_value(|n| *n = n.wrapping_add(1));
            let this_change = changes.get_value();
            let said = sentence.clone();
            set_timeout(
                move || {
                    if changes.try_get_value() == Some(this_change) {
                        announcement.try_set(said);
                    }
                },
                std::time::Duration::from_secs(1),
            );
        }
        sentence
    });
    announcement
}

/// The Monte Carlo's figures, its progress, and a way to stop a long run. The figures and the
/// progress row keep their place while a run starts and ends (placeholders, a row of fixed
/// height), so that nothing below them moves when the results arrive.
#[component]
fn SimulationSummary() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let currency = move || ws.draft.with(|d| text_at(d, "currency"));
    let sim = ws.simulation;
    let exact = ws.exact_figures;
    // A figure of the finished run, or a placeholder; its test id only once there is a figure.
    let shown = move |f: fn(&MonteCarloReport, &str) -> String| {
        move || {
            sim.with(|s| s.result.as_ref().map_or_else(|| "…".to_string(), |mc| f(mc, &currency())))
        }
    };
    // An amount of the finished run, as an estimate (or to the cent), its exact text in `data-exact`.
    let amount = move |f: fn(&MonteCarloReport) -> f64| {
        let figure = Memo::new(move |_| {
            sim.with(|s| s.result.as_ref().map(|mc| Shown::money(f(mc), &currency())))
        });
        let text = move || {
            figure.with(|v| v.as_ref().map_or_else(|| "…".to_string(), |v| v.text(exact.get())))
        };
        let exact_text = move || figure.with(|v| v.as_ref().and_then(Shown::exact));
        let title = move || figure.with(|v| v.as_ref().and_then(Shown::title));
        (text, exact_text, title)
    };
    let (p5, p5_exact, p5_title) = amount(|mc| mc.percentiles.p5);
    let (p95, p95_exact, p95_title) = amount(|mc| mc.percentiles.p95);
    let (mean, mean_exact, mean_title) = amount(|mc| mc.mean);
    let (error, error_exact, error_title) = amount(|mc| mc.std_error);
    let testid = move |id: &'static str| move || sim.with(|s| s.result.is_some().then_some(id));
    view! {
        // Not a live region: its progress changes many times a second (the summary sentence is
        // announced instead, after a pause).
        <div class="simulation">
            // Small figures like the headline's, the range first. (One long sentence here would be
            // the page's largest text, painted only when the run ends: Lighthouse's LCP.)
            <dl class="figures" class:stale=move || sim.with(|s| s.stale || s.result.is_none())>
                <div class="figure range">
                    <dt>"Nine in ten simulated futures, with revenue varying too"</dt>
                    <dd>
                        <span data-testid=testid("mc-p5") data-exact=p5_exact title=p5_title>{p5}</span>
                        " to "
                        <span data-testid=testid("mc-p95") data-exact=p95_exact title=p95_title>{p95}</span>
                    </dd>
                    <dd class="note">{shown(|mc, _| format!("of {} random futures", group_digits(&mc.paths.to_string())))}</dd>
                </div>
                <div class="figure">
                    <dt>"Simulated average"</dt>
                    <dd data-testid=testid("mc-mean") data-exact=mean_exact title=mean_title>{mean}</dd>
                    <dd class="note">"± "<span data-exact=error_exact title=error_title>{error}</span>" (standard error)"</dd>
                </div>
                // Not the verdict's chance (each scenario's revenue as planned): named apart, both shown.
                <div class="figure">
                    <dt>"Simulated chance of less than the salary given up"</dt>
                    <dd data-testid=testid("mc-prob-below")>{shown(|mc, _| percent(mc.prob_below_sacrifice))}</dd>
                    <dd class="note" data-testid="prob-below-exact">{move || exact_chance_below(ws)}</dd>
                </div>
            </dl>
            <BendNote testid="bend-note" />
            <div class="progress-row">
                <Show when=move || sim.with(|s| s.running)>
                    <div class="progress">
                        <progress max=move || sim.with(|s| s.total) value=move || sim.with(|s| s.done) data-testid="mc-progress"></progress>
                        <span>{move || sim.with(|s| format!("Simulating {} of {} futures…", group_digits(&s.done.to_string()), group_digits(&s.total.to_string())))}</span>
                        <button type="button" class="small" data-testid="mc-cancel" on:click=move |_| ws.cancel_simulation()>"Stop"</button>
                    </div>
                </Show>
            </div>
        </div>
    }
}

/// Under the simulated chance of less than the salary given up: the exact one, which the verdict
/// quotes, with what makes the two differ.
fn exact_chance_below(ws: Workspace) -> String {
    ws.report.with(|r| {
        r.as_ref().and_then(|r| r.as_ref().ok()).map_or_else(String::new, |r| {
            format!(
                "revenue varying around each plan; {} with each scenario's revenue as planned (the verdict's)",
                percent(r.deal.prob_worse_than_salary_only)
            )
        })
    })
}

/// The compute budget (MODEL.md 7.6), for an offer that has one: its list value beside its worth
/// to the person, in figures and in plain words, and what trading salary for it costs. It is not
/// part of the token figures above.
#[component]
fn ComputeBudgetSummary(report: Signal<Option<Report>>) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    move || {
        let precision = precision(ws);
        report.with(|r| {
            let r = r.as_ref()?;
            let b = r.compute_budget.as_ref()?;
            let c = r.currency.as_str();
            let sentence = compute_budget_words(r, precision);
            let trade = compute_trade_words(r, precision);
            let on = precision == Precision::Exact;
            let (list, worth) = (Shown::money(b.list_pv, c), Shown::money(b.value_pv, c));
            Some(view! {
                <div class="compute-budget" data-testid="compute-budget">
                    <h3>"The compute budget"</h3>
                    <dl class="figures">
                        <div class="figure"><dt>"At list price"</dt><dd data-testid="compute-list-pv" data-exact=list.exact()>{list.text(on)}</dd><dd class="note">"while you stay, in today's money"</dd></div>
                        <div class="figure"><dt>"Worth to you"</dt><dd data-testid="compute-value-pv" data-exact=worth.exact()>{worth.text(on)}</dd><dd class="note">"after tax, in today's money"</dd></div>
                        <div class="figure"><dt>"Share of the list value"</dt><dd data-testid="compute-realized">{b.realized_pct.map_or_else(|| "–".to_string(), |p| percent(p / 100.0))}</dd><dd class="note">"what it is really worth to you"</dd></div>
                    </dl>
                    <p data-testid="compute-sentence">{sentence}</p>
                    {trade.map(|t| view! { <p data-testid="compute-trade">{t}</p> })}
                </div>
            })
        })
    }
}

/// Beside the simulated figures, for an offer whose floor, cap, hurdle or sale limit bends a flow
/// while revenue is uncertain: why the simulated average is not the exact mean (MODEL.md 7.7).
#[component]
fn BendNote(testid: &'static str) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    // The same words as `tokenworth value --text` prints under its simulated figures.
    let note = Memo::new(move |_| {
        ws.report.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).and_then(bending_note))
    });
    move || note.get().map(|n| view! { <p class="bend-note" data-testid=testid>{n}</p> })
}

in_chunk! {
    /// The details, in the chunk of the sections built after the first paint.
    pub fn details() in sections { view! { <Details /> } }
}

in_chunk! {
    /// The simulation's summary and the breakeven under the headline, in the same chunk (one
    /// split function for both: each costs the main module a stub).
    fn simulation_summary() in sections { view! { <ExactFiguresSwitch /> <SimulationSummary /> <BreakevenSummary /> } }
}

/// Figures are rounded as estimates are spoken of; this switch shows them to the cent, on the
/// whole page. Under the figures, in the chunk built after the first paint: in the headline's
/// own code it cost the first load a view of its own.
#[component]
fn ExactFiguresSwitch() -> impl IntoView {
    let exact = expect_context::<Workspace>().exact_figures;
    view! {
        <p class="precision">
            "Figures are rounded, as estimates are. "
            <button type="button" class="small" data-testid="exact-figures" aria-pressed=move || exact.get().to_string()
                title="Show the figures to the cent" on:click=move |_| exact.update(|on| *on = !*on)>"Exact figures"</button>
        </p>
    }
}

/// When the tokens repay the salary given up (`breakeven`): the share of the planned revenue, and
/// what that revenue is in each scenario; the same words as `tokenworth value --text`.
#[component]
fn BreakevenSummary() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let words = Memo::new(move |_| {
        let precision = precision(ws);
        ws.report.with(|r| {
            r.as_ref().and_then(|r| r.as_ref().ok()).map(|r| breakeven_words(r, precision))
        })
    });
    // The breakeven after risk, once the verdict's turning points are found.
    let after_risk = Memo::new(move |_| {
        ws.decision.with(|decided| {
            let decided = decided.as_ref()?;
            risk_breakeven_sentence(decided.report.as_ref()?, decided.decision.as_ref().ok()?)
        })
    });
    move || {
        words.get().map(|b| {
            let scenarios = (!b.scenarios.is_empty()).then(|| {
                view! {
                    <ul data-testid="breakeven-scenarios">
                        {b.scenarios.into_iter().map(|need| view! { <li><strong>{need.name}</strong>": "{need.revenue}</li> }).collect_view()}
                    </ul>
                }
            });
            view! {
                <div class="breakeven" data-testid="breakeven">
                    <h3>"When the tokens repay the salary you give up"</h3>
                    <p data-testid="breakeven-sentence">{b.sentence}</p>
                    {scenarios}
                    {move || after_risk.get().map(|s| view! { <p data-testid="risk-breakeven-sentence">{s}</p> })}
                </div>
            }
        })
    }
}

/// Charts, ledgers, exact-against-simulated figures and the questions to ask.
#[component]
fn Details() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let report: Signal<Option<Report>> = ws.settled_report.into();
    let scenario = RwSignal::new(0usize);
    // Built top to bottom in three tasks (issue 29: no long task on a slow phone; built whole,
    // the section was a task of 300 ms at 4 × CPU): the first two charts at once, the next two
    // in the task after, the tables in the one after that. Each part goes below the ones before,
    // so nothing built moves: both tasks are queued now, before whatever part of the page is
    // built after this one (src/ui/kit/chunk.rs gives each its turn in a task queued later).
    let built = RwSignal::new(1_u8);
    next_task(move || {
        built.try_set(2);
    });
    next_task(move || {
        built.try_set(3);
    });
    view! {
        <section class="details" aria-label="Details" class:stale=move || ws.out_of_date.get()>
            <h2>"The range of outcomes"</h2>
            <OutcomeChart report=report />
            <h2>"Cash from the tokens, year by year"</h2>
            <p class="help">"If you stay to the end: after tax, not discounted."</p>
            <YearlyCashChart report=report />
            <Show when=move || { built.get() >= 2 }>
                <h2>"Your tokens over time"</h2>
                <label class="inline">"Scenario "
                    <select on:change=move |ev| scenario.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || report.with(|r| r.as_ref().map(|r| r.scenarios.iter().enumerate().map(|(i, s)| view! {
                            <option value=i.to_string() selected=move || scenario.get() == i>{s.name.clone()}</option>
                        }).collect_view()))}
                    </select>
                </label>
                <TokensChart report=report scenario=scenario />
                <h2>"What moves the answer most"</h2>
                <p class="help">"The value net of salary given up, with each input 20% lower and 20% higher."</p>
                <TornadoChart />
            </Show>
            <Show when=move || { built.get() >= 3 }>
                <ExactAndSimulated report=report />
                <Ledgers report=report />
                <Questions />
            </Show>
        </section>
    }
}

/// The exact figures beside the simulated ones.
#[component]
fn ExactAndSimulated(report: Signal<Option<Report>>) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    move || {
        let r = report.get()?;
        let c = r.currency.clone();
        let mc = ws.simulation.with(|s| s.result.clone());
        let sim = |f: &dyn Fn(&MonteCarloReport) -> String| {
            mc.as_ref().map_or_else(|| "…".to_string(), f)
        };
        let rows: Vec<(&str, String, String)> = vec![
            ("Mean token value", money(r.expected.token_pv, &c), sim(&|m| money(m.mean, &c))),
            ("Chance of nothing", percent(r.prob_zero), sim(&|m| percent(m.prob_zero))),
            ("Median (P50)", money(r.distribution.p50, &c), sim(&|m| money(m.percentiles.p50, &c))),
            ("P10", money(r.distribution.p10, &c), sim(&|m| money(m.percentiles.p10, &c))),
            ("P90", money(r.distribution.p90, &c), sim(&|m| money(m.percentiles.p90, &c))),
            (
                "Risk-adjusted value",
                money(r.certainty_equivalent, &c),
                sim(&|m| money(m.certainty_equivalent, &c)),
            ),
        ];
        Some(view! {
            <h2>"Exact and simulated"</h2>
            <p class="help">"Exact: every scenario and leaving month, weighted. Simulated: random futures that also vary revenue around each scenario's plan."</p>
            <BendNote testid="bend-note-details" />
            <div class="table-scroll" tabindex="0" role="region" aria-label="Exact and simulated figures">
                <table class="figures-table" data-testid="exact-vs-simulated">
                    <thead><tr><th scope="col">"Figure"</th><th scope="col">"Exact"</th><th scope="col">"Simulated"</th></tr></thead>
                    <tbody>{rows.into_iter().map(|(label, exact, simulated)| view! {
                        <tr><th scope="row">{label}</th><td>{exact}</td><td>{simulated}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </div>
        })
    }
}

/// A yearly ledger per scenario, for the path that never leaves.
#[component]
fn Ledgers(report: Signal<Option<Report>>) -> impl IntoView {
    move || {
        let r = report.get()?;
        let c = r.currency.clone();
        let csv = crate::report::ledgers_csv(&r);
        let file = super::kit::files::file_name(&r.name).replace(".json", "-ledgers.csv");
        Some(view! {
            <h2>"Year by year, per scenario"</h2>
            <p class="help">"If you stay to the end: after-tax amounts, not discounted."</p>
            <button type="button" class="no-print" data-testid="download-csv"
                on:click=move |_| { let _ = super::kit::files::download(&file, &csv, "text/csv"); }>"Download the ledgers (CSV)"</button>
            {r.scenarios.iter().enumerate().map(|(i, s)| {
                let c = c.clone();
                // Where the cap bit or units expired (MODEL.md 7.3, 7.5), a column says so.
                let noted = s.stay.years.iter().any(|y| y.cap_reached || y.expired);
                // Tokens taxed as they vest (MODEL.md 8.3): a column of money going out.
                let taxed = s.stay.years.iter().any(|y| !y.tax_at_vest.is_zero());
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=format!("Yearly ledger: {}", s.name)>
                    <table class="ledger" data-testid=format!("ledger-{i}")>
                        <caption>{format!("{} ({}): expected {} if this happens", s.name, percent(s.probability), money(s.expected_token_pv, &c))}</caption>
                        <thead><tr>
                            <th scope="col">"Year"</th><th scope="col">"Vested"</th><th scope="col">"Revenue share"</th>
                            <th scope="col">"Milestones"</th><th scope="col">"Buybacks"</th><th scope="col">"Value at end"</th>
                            <th scope="col">"Salary given up"</th>
                            {taxed.then(|| view! { <th scope="col" title="Income tax owed on the tokens as they vest, before any cash: money going out">"Tax at vest (out)"</th> })}
                            {noted.then(|| view! { <th scope="col" title="Where the cap on what a token pays cut a payment, or the units still held expired">"Note"</th> })}
                        </tr></thead>
                        <tbody>{s.stay.years.iter().map(|y| { let c = c.clone(); view! {
                            <tr>
                                <th scope="row">{y.year}</th><td>{group_digits(&y.vested_end.to_string())}</td>
                                <td>{money_decimal(y.revenue_share, &c)}</td><td>{money_decimal(y.milestones, &c)}</td>
                                <td>{money_decimal(y.buyback, &c)}</td><td>{money_decimal(y.terminal, &c)}</td>
                                <td>{money_decimal(y.sacrifice, &c)}</td>
                                {taxed.then(|| view! { <td class="outgoing" data-testid=format!("ledger-tax-{i}-{}", y.year)>{money_decimal(-y.tax_at_vest, &c)}</td> })}
                                {noted.then(|| view! { <td class="note" data-testid=format!("ledger-note-{i}-{}", y.year)>{ledger_note(y.cap_reached, y.expired)}</td> })}
                            </tr>
                        }}).collect_view()}</tbody>
                    </table>
                    </div>
                }
            }).collect_view()}
        })
    }
}

/// The words of a ledger year's note: short, so that the ledger still fits its column.
fn ledger_note(cap_reached: bool, expired: bool) -> &'static str {
    match (cap_reached, expired) {
        (true, true) => "Cap reached; expired",
        (true, false) => "Cap reached",
        (false, true) => "Expired",
        (false, false) => "",
    }
}

/// Every checklist answer that is not "yes", as a question to ask, printable.
#[component]
fn Questions() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let open = move || {
        ws.draft.with(|d| {
            let budget =
                crate::offer::paths::get(d, "compute_budget").is_some_and(|b| !b.is_null());
            checklist_questions(budget)
                .filter(|(key, _)| text_at(d, &format!("checklist.{key}")) != "yes")
                .map(|(_, q)| *q)
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="questions" aria-labelledby="questions-title">
            <h2 id="questions-title">"Questions to ask before you sign"</h2>
            {move || {
                let open = open();
                if open.is_empty() {
                    view! { <p>"You have answers to every question on the list."</p> }.into_any()
                } else {
                    view! { <ol data-testid="questions">{open.into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}</ol> }.into_any()
                }
            }}
            <button type="button" class="no-print" data-testid="print" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"Print"</button>
        </section>
    }
}

/// The tornado of what would change the answer: the deal after risk as each input moves.
#[component]
pub fn TornadoChart() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    move || {
        let width = chart_width();
        ws.decision.with(|decided| {
            let decided = decided.as_ref()?;
            let decision = decided.decision.as_ref().ok()?;
            let found = decision.what_changes_it.as_ref()?;
            let currency = decided.report.as_ref().map_or("USD", |r| r.currency.as_str());
            let chart = tornado_chart(&risk_adjusted_rows(found), decision.risk_adjusted_net, currency, width);
            Some(view! { <Svg id="tornado" title="What would change the answer: the deal after risk" chart=chart y_labels_left=true /> })
        })
    }
}
