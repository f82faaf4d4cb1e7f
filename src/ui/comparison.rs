//! Offers side by side: pick two to four saved offers, see the figures that decide between them
//! and their outcome distributions on one chart.

use leptos::prelude::*;

use super::charts::{chart_width, Svg};
use super::chunk::in_chunk;
use super::state::Workspace;
use crate::comparison::compare;
use crate::engine::value_exact_figures;
use crate::form::draft::text_at;
use crate::format::{money, percent};
use crate::offer::read_offer;

/// A row of the table: its label and how to show one offer's figure.
type Row = (&'static str, fn(&crate::comparison::ComparedOffer) -> String);

/// The most offers compared at once.
const MOST: usize = 4;

in_chunk! {
    /// The comparison, in the chunk of the sections built after the first paint.
    pub fn compare_panel() in sections { view! { <ComparePanel /> } }
}

/// The comparison section.
#[component]
fn ComparePanel() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let picked = RwSignal::new(Vec::<String>::new());
    let comparison = Memo::new(move |_| {
        let picked = picked.get();
        let reports: Vec<(String, crate::engine::Report)> = ws.library.with(|lib| {
            picked
                .iter()
                .filter_map(|id| lib.offers.iter().find(|o| &o.id == id))
                .filter_map(|o| read_offer(&o.document).ok())
                .filter_map(|offer| {
                    value_exact_figures(&offer).ok().map(|r| (offer.name.clone(), r))
                })
                .collect()
        });
        (reports.len() >= 2).then(|| compare(&reports, chart_width()))
    });
    view! {
        <section class="details compare" aria-labelledby="compare-title">
            <h2 id="compare-title">"Compare offers"</h2>
            <p class="help">"Tick two to four of your saved offers (a salary-only one too) to see them side by side."</p>
            <div class="presets" role="group" aria-label="Offers to compare">
                {move || ws.library.with(|lib| lib.offers.iter().map(|o| {
                    let id = o.id.clone();
                    let valid = read_offer(&o.document).is_ok();
                    let name = text_at(&o.document, "name");
                    let id_for_check = id.clone();
                    let is_picked = move || picked.with(|p| p.contains(&id_for_check));
                    let id_for_full = id.clone();
                    let full = move || picked.with(|p| p.len() >= MOST && !p.contains(&id_for_full));
                    view! {
                        <label class="answer">
                            <input type="checkbox" data-testid=format!("compare-pick-{id}") prop:checked=is_picked
                                disabled=move || !valid || full()
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    picked.update(|p| { p.retain(|x| x != &id); if on { p.push(id.clone()); } });
                                } />
                            " " {name} {(!valid).then_some(" (has errors)")}
                        </label>
                    }
                }).collect_view())}
            </div>
            {move || comparison.get().map(|c| {
                let mut rows: Vec<Row> = vec![
                    ("Total pay, today's money", |o| money(o.total_pay, &o.currency)),
                    ("Risk-adjusted total pay", |o| money(o.risk_adjusted_pay, &o.currency)),
                    ("Expected token value", |o| money(o.token_pv, &o.currency)),
                    ("Chance the tokens pay nothing", |o| percent(o.prob_zero)),
                    ("Risk-adjusted token value", |o| money(o.certainty_equivalent, &o.currency)),
                    ("Worth this much salary a year", |o| money(o.salary_equivalent, &o.currency)),
                    ("Net of salary given up", |o| money(o.net_pv, &o.currency)),
                ];
                // A compute budget is its own row: its list value is not what it is worth.
                if c.offers.iter().any(|o| o.compute_value_pv.is_some()) {
                    rows.insert(2, ("Compute budget, worth to you", |o| o.compute_value_pv.map_or_else(|| "none".to_string(), |v| money(v, &o.currency))));
                    rows.insert(3, ("Compute budget at list price", |o| o.compute_list_pv.map_or_else(|| "none".to_string(), |v| money(v, &o.currency))));
                }
                view! {
                    <p class="summary" data-testid="compare-verdict">{c.verdict.clone()}</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Offers side by side">
                        <table class="figures-table" data-testid="compare-table">
                            <thead><tr><th scope="col">"Figure"</th>
                                {c.offers.iter().map(|o| view! { <th scope="col">{o.name.clone()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>{rows.iter().map(|(label, cell)| view! {
                                <tr data-testid=format!("compare-row-{}", label.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"))><th scope="row">{*label}</th>
                                    {c.offers.iter().map(|o| view! { <td>{cell(o)}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                    <Svg id="compare" title="Outcomes of each offer" chart=c.chart.clone() />
                }
            })}
        </section>
    }
}
