//! The scenario table: name, chance, revenue by year, shutdown month, milestones reached; with
//! tenders priced per scenario (MODEL.md 7.2), each scenario's price per token by year in a table
//! of its own beside it.

use leptos::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

use super::{Audience, OfferDoc};
use crate::form::draft;
use crate::form::fields::{is_shown, FieldSpec, SCENARIO_COLUMNS};
use crate::offer::paths;
use crate::ui::kit::field::{Errors, Field};

/// The scenarios, with the chances' total and the buttons that add, copy and balance them.
#[component]
pub fn Scenarios<D: OfferDoc>(doc: D) -> impl IntoView {
    let total = Memo::new(move |_| doc.with_offer(draft::probability_total));
    let adds_up = move || total.get() == Decimal::ONE_HUNDRED;
    let milestones = doc.list_len("payouts.milestones");
    let count = doc.list_len("scenarios");
    let [name_col, chance_col, revenue_col, price_col, cancel_col, hits_col] =
        [0, 1, 2, 3, 4, 5].map(|c| &SCENARIO_COLUMNS[c]);
    let priced = doc.with_offer_untracked(|o| is_shown(price_col, o));
    // Tender prices have a table of their own below, so that this one still fits its column.
    let columns: Vec<&FieldSpec> =
        SCENARIO_COLUMNS.iter().filter(|c| c.path != price_col.path).collect();
    let rows = (0..count)
        .map(|j| {
            // By index, each named as it is now: a milestone renamed above keeps its ticks.
            let hits = (0..milestones)
                .map(|k| {
                    let name_at = format!("payouts.milestones[{k}].name");
                    let name = {
                        let path = doc.path(&name_at);
                        move || doc.text_at(&path)
                    };
                    let hit = doc.with_offer_untracked(|o| {
                        let name = paths::text_at(o, &name_at);
                        paths::get(o, &format!("scenarios[{j}].milestones_hit"))
                            .and_then(Value::as_array)
                            .is_some_and(|h| h.iter().any(|x| x.as_str() == Some(name.as_str())))
                    });
                    view! {
                        <label class="hit"><input type="checkbox" checked=hit data-testid=doc.test_id("hit", &[j, k])
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                doc.edit(|o| draft::set_milestone_hit_at(o, j, k, on));
                            } />
                            " " {name}</label>
                    }
                })
                .collect_view();
            let hits_at = format!("scenarios[{j}].milestones_hit");
            let hits_error_id = format!("error-{}", doc.path(&hits_at));
            let (dup_id, remove_id) =
                (doc.test_id("duplicate-scenario", &[j]), doc.test_id("remove-scenario", &[j]));
            let keep_dup = dup_id.clone();
            view! {
                <tr data-testid=doc.test_id("scenario-row", &[j])>
                    <td><Field doc=doc spec=name_col at=format!("scenarios[{j}].name") compact=true /></td>
                    <td><Field doc=doc spec=chance_col at=format!("scenarios[{j}].probability_pct") compact=true /></td>
                    <td class="revenue"><YearList doc=doc spec=revenue_col j=j list="annual_revenue" /></td>
                    <td><Field doc=doc spec=cancel_col at=format!("scenarios[{j}].cancelled_month") optional=true compact=true /></td>
                    // The row's own buttons share the last cell, so that the table fits the form's
                    // column on a desktop instead of hiding them behind a sideways scroll.
                    <td>
                        <div class="hits" role="group" aria-label=hits_col.label>{hits}</div>
                        <p class="error" data-testid=hits_error_id>{move || doc.errors_shown_at(&hits_at).join("; ")}</p>
                        <div class="row-actions">
                            <button type="button" class="small" data-testid=dup_id aria-label=format!("Duplicate scenario {}", j + 1)
                                on:click=move |_| doc.restructure(keep_dup.clone(), |o| draft::duplicate_scenario(o, j))>"Duplicate"</button>
                            <button type="button" class="small" data-testid=remove_id aria-label=format!("Remove scenario {}", j + 1)
                                disabled=count <= 1
                                on:click=move |_| doc.restructure(doc.test_id("add-scenario", &[]), |o| { paths::remove_item(o, "scenarios", j); })>"Remove"</button>
                        </div>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let help = match doc.audience() {
        Audience::Person => view! {
            <p class="help"><span class="whose yours">"Your estimates"</span><span class="visually-hidden">". "</span>" The ways the project could turn out, each with how likely you think it is. Revenue is per year; the last year's figure repeats."</p>
        }.into_any(),
        Audience::Company => view! {
            <p class="help">"The ways the project could turn out, each with how likely the company thinks it is. Revenue is per year; the last year's figure repeats."</p>
        }.into_any(),
    };
    let errors_at = doc.path("scenarios");
    let (add_id, balance_id) =
        (doc.test_id("add-scenario", &[]), doc.test_id("balance-probabilities", &[]));
    let (keep_add, keep_balance) = (add_id.clone(), balance_id.clone());
    view! {
        <fieldset class="form-section" id=doc.test_id("section-scenarios", &[]) data-testid=doc.test_id("section-scenarios", &[])>
            <legend>"Scenarios"</legend>
            {help}
            <div class="table-scroll">
                <table class="edit-table cards scenarios" data-testid=doc.test_id("scenarios-table", &[])>
                    <thead><tr>
                        {columns.iter().map(|c| view! { <th scope="col" title=c.help>{c.label}{if c.unit == "%" { " (%)" } else { "" }}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {priced.then(|| view! { <TenderPrices doc=doc spec=price_col /> })}
            <p class="probability-total" class:invalid=move || !adds_up() aria-live="polite">
                "Chances add up to " <strong data-testid=doc.test_id("probability-total", &[])>{move || format!("{}%", total.get().normalize())}</strong>
                {move || if adds_up() { "." } else { ": they must add up to 100%." }}
            </p>
            <Errors doc=doc path=errors_at />
            <div class="buttons">
                <button type="button" data-testid=balance_id disabled=adds_up
                    on:click=move |_| doc.restructure(keep_balance.clone(), draft::balance_probabilities)>"Make them add up to 100%"</button>
                <button type="button" data-testid=add_id on:click=move |_| doc.restructure(keep_add.clone(), draft::add_scenario)>"Add a scenario"</button>
            </div>
        </fieldset>
    }
}

/// Each scenario's price per token by year, in a table beside the revenue table.
#[component]
fn TenderPrices<D: OfferDoc>(doc: D, spec: &'static FieldSpec) -> impl IntoView {
    let rows = (0..doc.list_len("scenarios"))
        .map(|j| {
            let name = doc.with_offer_untracked(|o| paths::text_at(o, &format!("scenarios[{j}].name")));
            view! {
                <tr data-testid=doc.test_id("prices-row", &[j])>
                    <th scope="row">{name}</th>
                    <td class="revenue prices"><YearList doc=doc spec=spec j=j list="price_per_token" /></td>
                </tr>
            }
        })
        .collect_view();
    let title_id = doc.test_id("prices-title", &[]);
    view! {
        // Not a heading: the form's groups are named by their legends.
        <p class="table-title" id=title_id.clone()>{spec.label}</p>
        <p class="help">{spec.help}" Windows, a buyback when you leave and the value at the end all use it."</p>
        <div class="table-scroll">
            <table class="edit-table cards prices" data-testid=doc.test_id("prices-table", &[]) aria-labelledby=title_id>
                <thead><tr><th scope="col">"Scenario"</th><th scope="col">"Price per token, year by year"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Scenario `j`'s list by year (`annual_revenue` or `price_per_token`): a field a year, the
/// list's error, and buttons for one more or one less year.
#[component]
fn YearList<D: OfferDoc>(
    doc: D,
    spec: &'static FieldSpec,
    j: usize,
    list: &'static str,
) -> impl IntoView {
    let at = format!("scenarios[{j}].{list}");
    let years = doc.list_len(&at);
    let fields = (0..years)
        .map(|y| {
            view! {
                <div class="year">
                    <span class="year-label" aria-hidden="true">{format!("Y{}", y + 1)}</span>
                    <Field doc=doc spec=spec at=format!("{at}[{y}]") compact=true />
                </div>
            }
        })
        .collect_view();
    let what = if list == "annual_revenue" { "revenue" } else { "tender prices" };
    let (add_id, remove_id) = (
        doc.test_id(&format!("add-year-{list}"), &[j]),
        doc.test_id(&format!("remove-year-{list}"), &[j]),
    );
    let (keep_add, keep_remove) = (add_id.clone(), remove_id.clone());
    let errors_at = doc.path(&at);
    let (add_at, remove_at) = (at.clone(), at);
    view! {
        <div class="years">{fields}</div>
        <Errors doc=doc path=errors_at />
        <button type="button" class="small" data-testid=add_id aria-label=format!("One more year of {what}, scenario {}", j + 1)
            on:click=move |_| doc.restructure(keep_add.clone(), |o| draft::add_year(o, &add_at))>"+ year"</button>
        <button type="button" class="small" data-testid=remove_id aria-label=format!("One year less of {what}, scenario {}", j + 1) disabled=years == 0
            on:click=move |_| doc.restructure(keep_remove.clone(), |o| draft::remove_year(o, &remove_at))>"− year"</button>
    }
}
