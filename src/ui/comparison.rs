//! Offers side by side: pick two to four saved offers, see them valued with one person's
//! assumptions (the open offer's, or any compared offer's), ranked by the deal after risk against
//! one salary-only job, and their outcome distributions on one chart.

use leptos::prelude::*;

use super::kit::charts::{chart_width, Svg};
use super::kit::chunk::in_chunk;
use super::state::Workspace;
use crate::offer::entry::{parse_as_in, Reading};
use crate::offer::paths::text_at;
use crate::offer::{read_offer, Offer};
use crate::report::comparison::{compare_at, ComparedOffer, ExchangeRate};
use crate::report::format::{money, money_decimal, percent};
use crate::report::locale::signs;

/// A row of the table: its test id (kept when a label changes), its label and how to show one
/// offer's figure.
type Row = (&'static str, String, fn(&ComparedOffer) -> String);

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
    // Whose assumptions every offer is valued with: `None` for the open offer's.
    let person = RwSignal::new(None::<String>);
    // The exchange rates typed, by currency: `(currency, rate as typed, its date)`, each one unit
    // of that currency in the first offer's (issue 26).
    let typed_rates = RwSignal::new(Vec::<(String, String, String)>::new());
    let picked_offers = move || {
        let picked = picked.get();
        ws.library.with(|lib| {
            picked
                .iter()
                .filter_map(|id| lib.offers.iter().find(|o| &o.id == id))
                .filter_map(|o| read_offer(&o.document).ok())
                .collect::<Vec<Offer>>()
        })
    };
    // The first offer's currency, and the others' (each once), which need a rate.
    let currencies = Memo::new(move |_| {
        let offers = picked_offers();
        let first = offers.first().map(|o| o.currency.clone()).unwrap_or_default();
        let mut others: Vec<String> = Vec::new();
        for o in &offers {
            if o.currency != first && !others.contains(&o.currency) {
                others.push(o.currency.clone());
            }
        }
        (first, others)
    });
    let typed = move |currency: &str, which: usize| {
        typed_rates
            .with(|rates| {
                rates.iter().find(|r| r.0 == currency).map(|r| {
                    if which == 0 {
                        r.1.clone()
                    } else {
                        r.2.clone()
                    }
                })
            })
            .unwrap_or_default()
    };
    let set_typed = move |currency: String, which: usize, value: String| {
        typed_rates.update(|rates| {
            let at = match rates.iter().position(|r| r.0 == currency) {
                Some(at) => at,
                None => {
                    rates.push((currency.clone(), String::new(), String::new()));
                    rates.len() - 1
                }
            };
            if which == 0 {
                rates[at].1 = value
            } else {
                rates[at].2 = value
            }
        });
    };
    // A typed rate, read in the person's number format: more than zero, or what to change.
    let read_rate = |typed: &str| -> Result<rust_decimal::Decimal, String> {
        match parse_as_in(typed, Reading::Amount, signs()) {
            Ok(rate) if rate > rust_decimal::Decimal::ZERO => Ok(rate),
            Ok(_) => Err("an exchange rate is more than zero".to_string()),
            Err(e) => Err(e.0),
        }
    };
    let rates = move || {
        let (first, _) = currencies.get();
        typed_rates.with(|rates| {
            rates
                .iter()
                .filter(|(_, rate, date)| !rate.trim().is_empty() && !date.is_empty())
                .filter_map(|(from, rate, date)| {
                    Some(ExchangeRate {
                        from: from.clone(),
                        to: first.clone(),
                        rate: read_rate(rate).ok()?,
                        date: date.clone(),
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    let comparison = Memo::new(move |_| {
        let picked = picked.get();
        let chosen = person.get();
        let offers = picked_offers();
        let rates = rates();
        ws.library.with(|lib| {
            let chosen = chosen
                .filter(|id| picked.contains(id))
                .and_then(|id| lib.offers.iter().find(|o| o.id == id))
                .or_else(|| lib.current())
                .and_then(|o| read_offer(&o.document).ok())
                .or_else(|| offers.first().cloned())?;
            (offers.len() >= 2)
                .then(|| compare_at(&offers, &chosen, chart_width(), &rates).ok())
                .flatten()
        })
    });
    view! {
        <section class="details compare" aria-labelledby="compare-heading">
            // Not `compare-title`: the comparison chart's own title has that id (`Svg id="compare"`).
            <h2 id="compare-heading">"Compare offers"</h2>
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
            <Show when=move || picked.with(|p| p.len() >= 2)>
                <p>
                    <label for="compare-person">"Whose assumptions "</label>
                    <select id="compare-person" data-testid="compare-person" on:change=move |ev| {
                        let id = event_target_value(&ev);
                        person.set((!id.is_empty()).then_some(id));
                    }>
                        {move || ws.library.with(|lib| {
                            let open = lib.current().map(|o| (String::new(), format!("{} (the open offer)", text_at(&o.document, "name"))));
                            let compared = picked.get().into_iter().filter_map(|id| {
                                lib.offers.iter().find(|o| o.id == id).map(|o| (id, text_at(&o.document, "name")))
                            });
                            let chosen = person.get().unwrap_or_default();
                            open.into_iter().chain(compared).map(|(value, label)| {
                                let selected = value == chosen;
                                view! { <option value=value selected=selected>{label}</option> }
                            }).collect_view()
                        })}
                    </select>
                </p>
            </Show>
            // Offers in other currencies: a rate and its date for each, typed, never fetched.
            {move || {
                let (first, others) = currencies.get();
                (picked.with(|p| p.len() >= 2) && !others.is_empty()).then(|| view! {
                    <fieldset class="rates" data-testid="compare-rates">
                        <legend>{format!("Exchange rates into {first}, as you find them (nothing is fetched)")}</legend>
                        {others.into_iter().map(|currency| {
                            let id = format!("compare-rate-{currency}");
                            let date_id = format!("compare-rate-date-{currency}");
                            let error_id = format!("{id}-error");
                            let (c1, c2, c3, c4) = (currency.clone(), currency.clone(), currency.clone(), currency.clone());
                            let problem = move |currency: &str| {
                                let t = typed(currency, 0);
                                if t.trim().is_empty() { String::new() } else { read_rate(&t).err().unwrap_or_default() }
                            };
                            let (rate0, date0) = untrack(|| (typed(&currency, 0), typed(&currency, 1)));
                            view! {
                                <div class="input-row">
                                    <label for=id.clone()>{format!("1 {currency} in {first}")}</label>
                                    <input type="text" inputmode="decimal" id=id.clone() data-testid=id.clone() autocomplete="off"
                                        aria-describedby=error_id.clone() value=rate0
                                        aria-invalid=move || (!problem(&c3).is_empty()).to_string()
                                        on:input=move |ev| set_typed(c1.clone(), 0, event_target_value(&ev)) />
                                    <label for=date_id.clone()>" on "<span class="visually-hidden">{format!("(the date of the {currency} rate)")}</span></label>
                                    <input type="date" id=date_id.clone() data-testid=date_id value=date0
                                        on:input=move |ev| set_typed(c2.clone(), 1, event_target_value(&ev)) />
                                </div>
                                <p class="error" id=error_id aria-live="polite">{move || problem(&c4)}</p>
                            }
                        }).collect_view()}
                    </fieldset>
                })
            }}
            {move || comparison.get().map(|c| {
                let against = c.baseline_annual.map_or_else(
                    || "After risk, against its own salary only".to_string(),
                    |b| format!("After risk, against salary only at {} a year", money_decimal(b, &c.offers[0].currency)),
                );
                let mut rows: Vec<Row> = vec![
                    ("after-risk", against, |o| money(o.against_baseline, &o.currency)),
                    ("total-pay--today-s-money", "Total pay in today's money (expected)".to_string(), |o| money(o.total_pay, &o.currency)),
                    ("full-salary", "Full salary a year (before any is given up)".to_string(), |o| money_decimal(o.full_salary_annual, &o.currency)),
                    ("expected-token-value", "Expected token value".to_string(), |o| money(o.token_pv, &o.currency)),
                    ("chance-the-tokens-pay-nothing", "Chance the tokens pay nothing".to_string(), |o| percent(o.prob_zero)),
                    ("the-tokens-alone", "The tokens alone, as sure cash".to_string(), |o| money(o.certainty_equivalent, &o.currency)),
                    ("net-of-salary-given-up", "Expected token value net of salary given up".to_string(), |o| money(o.net_pv, &o.currency)),
                ];
                // A compute budget is its own row: its list value is not what it is worth.
                if c.offers.iter().any(|o| o.compute_value_pv.is_some()) {
                    rows.insert(3, ("compute-budget--worth-to-you", "Compute budget, worth to you".to_string(), |o| o.compute_value_pv.map_or_else(|| "none".to_string(), |v| money(v, &o.currency))));
                    rows.insert(4, ("compute-budget-at-list-price", "Compute budget at list price".to_string(), |o| o.compute_list_pv.map_or_else(|| "none".to_string(), |v| money(v, &o.currency))));
                }
                // Version 4's figures (MODEL.md 8.2, 8.3), where an offer has them.
                if c.offers.iter().any(|o| o.tax_at_vest_pv > 0.0) {
                    rows.push(("tax-at-vest", "Tax on the tokens as they vest (today's money)".to_string(), |o| money(o.tax_at_vest_pv, &o.currency)));
                    rows.push(("chance-of-a-loss", "Chance the tokens cost more than they bring".to_string(), |o| percent(o.prob_loss)));
                }
                if c.offers.iter().any(|o| o.leaves_under.is_some()) {
                    rows.push(("leaving-rule", "You leave if the project earns less than".to_string(), |o| o.leaves_under.map_or_else(|| "no rule".to_string(), |m| format!("{} a year", money_decimal(m, &o.currency)))));
                }
                view! {
                    <p data-testid="compare-assumptions">{c.assumptions.clone()}</p>
                    {c.differing.clone().map(|d| view! { <p class="note" data-testid="compare-differing">{d}</p> })}
                    <p class="summary" data-testid="compare-verdict">{c.verdict.clone()}</p>
                    {c.conversions.iter().map(|said| view! { <p class="note" data-testid="compare-conversion">{said.clone()}</p> }).collect_view()}
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Offers side by side">
                        <table class="figures-table" data-testid="compare-table">
                            <thead><tr><th scope="col">"Figure"</th>
                                {c.offers.iter().map(|o| view! { <th scope="col">{o.name.clone()}
                                    {o.converted.as_ref().map(|r| view! { <span class="note converted">{format!(" (converted from {} at {})", r.from, r.words())}</span> })}
                                </th> }).collect_view()}
                            </tr></thead>
                            <tbody>{rows.iter().map(|(id, label, cell)| view! {
                                <tr data-testid=format!("compare-row-{id}")><th scope="row">{label.clone()}</th>
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
