//! The offer form: every field of the offer file, grouped as `form::fields` describes, with the
//! validator's message next to the field it is about.
//!
//! Inputs are uncontrolled: they start from the draft and write to it as the person types, so that
//! typing `1.` or `250k` is never rewritten under their fingers. When the draft is replaced from
//! outside (open, import, another tab, a table change), `form_epoch` re-renders the form from it.

use leptos::prelude::*;
use serde_json::Value;

use super::editors::{after_section, has_table_after, Checklist, Section, VestingEditor};
use super::kit::chunk::{in_chunk, Lazy};
use super::kit::tasks::next_task;
use super::state::Workspace;
use super::AfterFirstPaint;
use crate::form::base_rates::{self, BASE_RATES};
use crate::form::fields::{Section as SectionSpec, RISK_PRESETS, SECTIONS};
use crate::form::tax_note::{self, Typed};
use crate::offer::paths;
use crate::offer::paths::text_at;

/// What the two badges mean, above the form.
#[component]
fn WhoseLegend() -> impl IntoView {
    view! {
        <p class="whose-legend" data-testid="whose-legend">
            <span class="whose plan">"From your offer letter"</span>" what the plan sets: check it against the letter. "
            <span class="whose yours">"Your estimate"</span>" your own guess: change it to see how much the answer moves."
        </p>
    }
}

/// The whole form, re-rendered from the draft whenever it is replaced from outside.
#[component]
pub fn OfferForm() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let applied = RwSignal::new(None::<String>);
    let preset = RwSignal::new(None::<&'static str>);
    // The form's first build is the page's first load; a rebuild (another offer, a table changed)
    // is drawn whole in one task, keeping the keyboard's place.
    let first_build = StoredValue::new(true);
    move || {
        ws.form_epoch.track();
        let staged = first_build.get_value();
        first_build.set_value(false);
        view! {
            <form class="offer-form" on:submit=|ev| ev.prevent_default() aria-label="The offer and your assumptions">
                // On the first load each section is built in a task of its own, and the table
                // after it in the next (no long task). By index: the sections' fields, labels
                // and help are the chunk's, not the first load's.
                {(0..SECTIONS.len()).map(|index| view! {
                    <AfterFirstPaint><Lazy load=move || form_section(index, applied, preset, staged) /></AfterFirstPaint>
                }).collect_view()}
                <AfterFirstPaint><Lazy load=checklist /></AfterFirstPaint>
            </form>
        }
    }
}

in_chunk! {
    /// A section of the form, in the chunk of the sections built after the first paint.
    fn form_section(
        index: usize,
        applied: RwSignal<Option<String>>,
        preset: RwSignal<Option<&'static str>>,
        staged: bool,
    ) in sections {
        SECTIONS.get(index).map(|section| section_with_extras(section, applied, preset, staged))
    }
}

in_chunk! {
    /// The checklist, in the same chunk.
    fn checklist() in sections {
        let ws = expect_context::<Workspace>();
        view! { <Checklist doc=ws /> }
    }
}

/// A section of the form with the tools that belong to it: the pool share under the grant, the
/// base rates under leaving, the risk presets under personal, and the tables after their section.
/// `staged` (the page's first load): the table is built in the task after its section, queued
/// before the next section's (src/ui/kit/chunk.rs), so it still comes right under it.
fn section_with_extras(
    section: &'static SectionSpec,
    applied: RwSignal<Option<String>>,
    preset: RwSignal<Option<&'static str>>,
    staged: bool,
) -> AnyView {
    let ws = expect_context::<Workspace>();
    let extra = match section.id {
        "grant" => view! { <PoolShare /> <VestingEditor doc=ws preset=preset /> }.into_any(),
        "leaving" => view! { <BaseRates applied=applied /> }.into_any(),
        "personal" => view! { <TaxPreset /> <RiskPresets /> }.into_any(),
        _ => ().into_any(),
    };
    let after = if staged && has_table_after(section.id) {
        let built = RwSignal::new(false);
        next_task(move || {
            built.try_set(true);
        });
        view! { <Show when=move || built.get()>{move || after_section(ws, section.id)}</Show> }
            .into_any()
    } else {
        after_section(ws, section.id).into_any()
    };
    // What the badges mean, above the first section.
    let legend = (section.id == SECTIONS[0].id).then(|| view! { <WhoseLegend /> });
    view! { {legend} <Section doc=ws section=section>{extra}</Section> {after} }.into_any()
}

/// "Tokens granted" as a share of the pool, both ways.
#[component]
fn PoolShare() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let share = move || {
        ws.checked.with(|c| {
            c.as_ref().ok().map(|o| {
                #[allow(clippy::cast_precision_loss)]
                let pct = o.grant.tokens as f64 / o.grant.supply as f64 * 100.0;
                format!("Your grant is {} of the pool.", crate::report::format::share_pct(pct))
            })
        })
    };
    view! {
        <div class="field">
            <label for="f-pool-share">"Or set the grant as a share of the pool"</label>
            <div class="input-row">
                <input id="f-pool-share" type="text" inputmode="decimal" data-testid="field-pool-share" placeholder="e.g. 1" readonly=ws.is_locked("grant.tokens")
                    on:change=move |ev| {
                        let typed = event_target_value(&ev);
                        let signs = crate::report::locale::signs();
                        let Ok(pct) = crate::offer::entry::parse_as_in(&typed, crate::offer::entry::Reading::Amount, signs) else { return };
                        let supply = ws.draft.with_untracked(|d| text_at(d, "grant.supply")).parse::<u64>().unwrap_or(0);
                        let tokens = rust_decimal::Decimal::from(supply)
                            .checked_mul(pct)
                            .and_then(|x| x.checked_div(rust_decimal::Decimal::ONE_HUNDRED))
                            .map(|x| x.round())
                            .and_then(|x| u64::try_from(x).ok());
                        if let Some(tokens) = tokens {
                            ws.edit_whole(|doc| { paths::set(doc, "grant.tokens", Value::from(tokens)); });
                        }
                    } />
                <span class="unit">"%"</span>
            </div>
            <p class="help" aria-live="polite">{share}</p>
        </div>
    }
}

/// Base rates for the guesses people get wrong most, each with its source, applied on request.
#[component]
fn BaseRates(
    /// What the last preset changed; kept by the form, which redraws itself when one is applied.
    applied: RwSignal<Option<String>>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    view! {
        // Applying a preset rebuilds the form (`edit_whole`): it opens again where the person was.
        <details class="base-rates" data-testid="base-rates" open=applied.get_untracked().is_some()>
            <summary>"Base rates: how things usually go"</summary>
            <p class="help">"General data about startups and their staff, not about this project. Applying one changes your inputs; you can change them back at any time."</p>
            {BASE_RATES.iter().map(|rate| view! {
                <div class="base-rate">
                    <p><strong>{rate.title}</strong>" "{rate.figure}</p>
                    <p class="help">"Source: "{rate.source}" "{rate.effect}</p>
                    <button type="button" class="small" data-testid=format!("base-rate-{}", rate.id) aria-label=format!("Apply: {}", rate.title)
                        on:click=move |_| {
                            let mut said = None;
                            ws.edit_whole(|doc| said = base_rates::apply(rate.id, doc));
                            applied.set(said);
                        }>"Apply"</button>
                </div>
            }).collect_view()}
            <p class="help" role="status" data-testid="base-rate-applied">{move || applied.get()}</p>
        </details>
    }
}

/// Where the person pays tax (issue 26): whose published rates the tax fields hold, for which
/// year, how each adds up at the offer's salary, a rate changed since as the person's own, and
/// the rules that are not rates with every source. For tokens (an offer taxed at vest) it also
/// says when they are taxed and the lower rate after a holding period, each as the preset gives
/// it or as the person's own. Drawn from the draft as it changes; the presets are read here, in
/// the form's chunk, never on the first load.
#[component]
fn TaxPreset() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let this_year = js_sys::Date::new_0().get_full_year();
    move || {
        let (found, typed) = ws.draft.with(|doc| (crate::tax::for_document(doc), Typed::of(doc)));
        found.map(|found| match found {
            Err(why) => view! {
                <p class="error" role="status" data-testid="tax-preset-error">{why}</p>
            }
            .into_any(),
            Ok(rates) => tax_note(ws, rates, &typed, this_year),
        })
    }
}

fn tax_note(ws: Workspace, rates: crate::tax::Rates, typed: &Typed, this_year: u32) -> AnyView {
    let lines = tax_note::lines(&rates, typed);
    // "Use these rates" cannot turn taxed_at back (the offer keeps its kind of unit), so only
    // the figures it puts back offer it.
    let any_own = lines.iter().any(|l| l.own.is_some() && l.key != "taxed_at");
    let residence = rates.residence.clone();
    let past = rates.tax_year < this_year;
    view! {
        <div class="tax-preset" data-testid="tax-preset">
            <p>
                <strong>{format!("Published rates of {}, tax year {} ({})", rates.name, rates.tax_year, rates.year_label)}</strong>
                ": the tax on your next unit of pay at your salary. This is no tax advice."
            </p>
            {past.then(|| view! {
                <p class="help" data-testid="tax-preset-past">{format!("These are {}'s rates, the latest found; this year's may differ.", rates.tax_year)}</p>
            })}
            {rates.year_notes.iter().map(|note| view! { <p class="help">{note.clone()}</p> }).collect_view()}
            <ul class="tax-lines">
                {lines.into_iter().map(|line| view! {
                    <li data-testid=format!("tax-preset-{}", line.key)>
                        {line.label}": "{line.words}
                        {line.own.map(|entered| view! {
                            " "<span class="whose yours" data-testid=format!("tax-own-{}", line.key)>"Your own"</span>
                            {format!(" {entered}")}
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {any_own.then(|| view! {
                <button type="button" class="small" data-testid="tax-preset-use"
                    on:click=move |_| ws.edit_whole(|doc| { let _ = crate::tax::choose_residence(doc, &residence); })>
                    "Use these rates"
                </button>
            })}
            <details data-testid="tax-preset-sources">
                <summary>"Rules and sources"</summary>
                <ul>{rates.rules.iter().map(|rule| view! { <li>{rule.clone()}</li> }).collect_view()}</ul>
                {(!rates.not_included.is_empty()).then(|| view! {
                    <p class="help">"Not included:"</p>
                    <ul>{rates.not_included.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                })}
                <ol class="sources">
                    {rates.sources.iter().map(|source| view! {
                        <li>
                            <a href=source.url.clone() rel="noopener noreferrer" target="_blank">{source.title.clone()}</a>
                            {source.read.clone().map(|read| format!(" (read at {read})"))}
                            {format!(", checked {}", source.checked)}
                        </li>
                    }).collect_view()}
                </ol>
            </details>
        </div>
    }
    .into_any()
}

/// Plain presets for risk aversion.
#[component]
fn RiskPresets() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    view! {
        <div class="presets" role="group" aria-label="Risk attitude presets">
            {RISK_PRESETS.iter().map(|(value, label)| view! {
                <button type="button" class="preset" on:click=move |_| ws.edit_whole(|doc| {
                    paths::set(doc, "personal.risk_aversion", Value::String((*value).to_string()));
                })>{*label}</button>
            }).collect_view()}
        </div>
    }
}
