//! The vesting editor of the grant section (MODEL.md 7.1): the classic cliff and steps or a
//! schedule of steps and runs, presets that start a schedule, a small chart of the share vested
//! each month, and the schedule's table (cards on a phone, as the scenario table).

use leptos::prelude::*;
use serde_json::Value;

use super::{Audience, OfferDoc};
use crate::form::draft::{self, VESTING_PRESETS};
use crate::form::fields::{FieldSpec, VESTING_RUN_COLUMNS, VESTING_STEP_COLUMNS};
use crate::offer::paths;
use crate::ui::kit::charts::VestingChart;
use crate::ui::kit::field::{field_id, Errors, Field};

const LIST: &str = "grant.vesting.schedule";

/// The editor, drawn again with the offer's editors whenever the vesting's shape changes.
#[component]
pub fn VestingEditor<D: OfferDoc>(
    doc: D,
    /// The preset last applied: the editors draw themselves again, and the presets stay open
    /// with a word on what was applied.
    preset: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let schedule = doc.with_offer_untracked(draft::is_schedule);
    let locked = doc.is_locked(&doc.path("grant.vesting"));
    let person = doc.audience() == Audience::Person;
    let shape = doc.test_id("vesting-shape", &[]);
    let (classic_id, schedule_id) =
        (doc.test_id("vesting-classic", &[]), doc.test_id("vesting-schedule", &[]));
    let (keep_classic, keep_schedule) = (classic_id.clone(), schedule_id.clone());
    view! {
        <div class="vesting-editor" data-testid=doc.test_id("vesting-editor", &[])>
            <fieldset class="choice" role="radiogroup">
                <legend>{if person { "How your tokens vest" } else { "How the tokens vest" }}</legend>
                <label class="answer">
                    <input type="radio" name=shape.clone() value="classic" checked=!schedule disabled=locked data-testid=classic_id
                        on:change=move |_| doc.restructure(keep_classic.clone(), draft::use_classic) />
                    " A cliff, then equal steps"
                </label>
                <label class="answer">
                    <input type="radio" name=shape value="schedule" checked=schedule disabled=locked data-testid=schedule_id
                        on:change=move |_| doc.restructure(keep_schedule.clone(), draft::use_schedule) />
                    {if person { " A schedule of my own" } else { " A schedule" }}
                </label>
                <p class="help">{if schedule {
                    "Each row vests a share of the grant: at one month, or in equal steps over a run of months. Going back to a cliff and steps keeps the first and last months, not the shares."
                } else {
                    "A schedule lets you enter any plan: a lock and then monthly parts, back-loaded years, uneven steps."
                }}</p>
            </fieldset>
            <VestingChart curve=Memo::new(move |_| doc.with_offer(draft::vesting_curve_over_horizon))
                id=doc.test_id("vesting", &[])
                title=if person { "Share of your grant vested each month" } else { "Share of the grant vested each month" } />
            <Presets doc=doc preset=preset locked=locked />
            {schedule.then(|| view! { <ScheduleTable doc=doc locked=locked /> })}
        </div>
    }
}

/// The common schedules, each applied as an ordinary schedule that can then be edited.
#[component]
fn Presets<D: OfferDoc>(
    doc: D,
    preset: RwSignal<Option<&'static str>>,
    locked: bool,
) -> impl IntoView {
    let applied = preset.get_untracked().and_then(|id| VESTING_PRESETS.iter().find(|p| p.id == id));
    view! {
        <details class="base-rates vesting-presets" data-testid=doc.test_id("vesting-presets", &[]) open=applied.is_some()>
            <summary>"Start from a common schedule"</summary>
            {VESTING_PRESETS.iter().map(|p| view! {
                <div class="base-rate">
                    <p><strong>{p.label}</strong>" "<span class="help">{p.note}</span></p>
                    <button type="button" class="small" data-testid=doc.test_id(&format!("vesting-preset-{}", p.id), &[]) aria-label=format!("Apply: {}", p.label) disabled=locked
                        on:click=move |_| {
                            preset.set(Some(p.id));
                            doc.restructure(doc.test_id(&format!("vesting-preset-{}", p.id), &[]), |o| { draft::apply_vesting_preset(o, p.id); });
                        }>"Apply"</button>
                </div>
            }).collect_view()}
            <p class="help" role="status" data-testid=doc.test_id("vesting-preset-applied", &[])>
                {applied.map(|p| format!("Applied: {}. Change any row below to fit your plan.", p.label))}
            </p>
        </details>
    }
}

/// The schedule's rows: a step (one month) or a run (equal steps), its share, and its buttons.
#[component]
fn ScheduleTable<D: OfferDoc>(doc: D, locked: bool) -> impl IntoView {
    let total = move || doc.with_offer(draft::schedule_total);
    let adds_up = move || total() == rust_decimal::Decimal::ONE_HUNDRED;
    let entries: Vec<bool> = doc.with_offer_untracked(|d| {
        paths::get(d, LIST)
            .and_then(Value::as_array)
            .map(|items| items.iter().map(|e| e.get("month").is_none()).collect())
            .unwrap_or_default()
    });
    let count = entries.len();
    let cell = |spec: &'static FieldSpec, i: usize| {
        view! { <td><Field doc=doc spec=spec at=format!("{LIST}[{i}].{}", spec.path) compact=true /></td> }
    };
    let rows = entries
        .into_iter()
        .enumerate()
        .map(|(i, run)| {
            let fields = if run {
                VESTING_RUN_COLUMNS.iter().map(|spec| cell(spec, i)).collect_view().into_any()
            } else {
                // A step's month under "From month"; the run's other columns stay empty.
                let [month, pct] = [&VESTING_STEP_COLUMNS[0], &VESTING_STEP_COLUMNS[1]];
                view! { {cell(month, i)} <td class="empty"></td> <td class="empty"></td> {cell(pct, i)} }.into_any()
            };
            let kind_id = format!("{}-kind", field_id(&doc.path(&format!("{LIST}[{i}]"))));
            let keep_kind = doc.test_id("vesting-kind", &[i]);
            view! {
                <tr data-testid=doc.test_id("vesting-row", &[i])>
                    <td>
                        <div class="field compact">
                            <label for=kind_id.clone() class="visually-hidden">{format!("Row {}: kind", i + 1)}</label>
                            <select id=kind_id data-testid=keep_kind.clone() disabled=locked
                                on:change=move |ev| {
                                    let run = event_target_value(&ev) == "run";
                                    doc.restructure(keep_kind.clone(), |o| draft::set_vesting_entry_kind(o, i, run));
                                }>
                                <option value="step" selected=!run>"At one month"</option>
                                <option value="run" selected=run>"Equal steps"</option>
                            </select>
                        </div>
                    </td>
                    {fields}
                    <td>
                        <button type="button" class="small" data-testid=doc.test_id("remove-vesting", &[i]) aria-label=format!("Remove vesting row {}", i + 1)
                            disabled=locked || count <= 1
                            on:click=move |_| doc.restructure(doc.test_id("add-vesting-step", &[]), |o| { paths::remove_item(o, LIST, i); })>"Remove"</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let errors_at = doc.path(LIST);
    let (balance_id, step_id, run_id) = (
        doc.test_id("balance-vesting", &[]),
        doc.test_id("add-vesting-step", &[]),
        doc.test_id("add-vesting-run", &[]),
    );
    let (keep_balance, keep_step, keep_run) = (balance_id.clone(), step_id.clone(), run_id.clone());
    view! {
        <div class="table-scroll">
            <table class="edit-table cards vesting" data-testid=doc.test_id("vesting-table", &[])>
                <thead><tr>
                    <th scope="col">"Kind"</th><th scope="col">"Month, or from month"</th><th scope="col">"To month"</th>
                    <th scope="col">"Every (months)"</th><th scope="col">"Share (%)"</th><th><span class="visually-hidden">"Actions"</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="probability-total" class:invalid=move || !adds_up() aria-live="polite">
            "Shares add up to " <strong data-testid=doc.test_id("vesting-total", &[])>{move || format!("{}%", total().normalize())}</strong>
            {move || if adds_up() { "." } else { ": they must add up to 100%." }}
        </p>
        <Errors doc=doc path=errors_at />
        <div class="buttons">
            <button type="button" data-testid=balance_id disabled=move || locked || adds_up()
                on:click=move |_| doc.restructure(keep_balance.clone(), draft::balance_schedule)>"Make them add up to 100%"</button>
            <button type="button" data-testid=step_id disabled=locked on:click=move |_| doc.restructure(keep_step.clone(), draft::add_vesting_step)>"Add a month"</button>
            <button type="button" data-testid=run_id disabled=locked on:click=move |_| doc.restructure(keep_run.clone(), draft::add_vesting_run)>"Add a run of steps"</button>
        </div>
    }
}
