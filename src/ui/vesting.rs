//! The vesting editor of the grant section (MODEL.md 7.1): the classic cliff and steps or a
//! schedule of steps and runs, presets that start a schedule, a small chart of the share vested
//! each month, and the schedule's table (cards on a phone, as the scenario table).

use leptos::prelude::*;
use serde_json::Value;

use super::kit::charts::VestingChart;
use super::kit::field::Field;
use super::state::Workspace;
use crate::form::draft::{self, VESTING_PRESETS};
use crate::form::fields::{FieldSpec, VESTING_RUN_COLUMNS, VESTING_STEP_COLUMNS};
use crate::offer::paths;

/// The editor, drawn again with the form whenever the vesting's shape changes.
#[component]
pub fn VestingEditor(
    /// The preset last applied: the form redraws itself, and the presets stay open with a word on
    /// what was applied.
    preset: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let schedule = ws.draft.with_untracked(draft::is_schedule);
    let locked = ws.is_locked("grant.vesting");
    view! {
        <div class="vesting-editor" data-testid="vesting-editor">
            <fieldset class="choice" role="radiogroup">
                <legend>"How your tokens vest"</legend>
                <label class="answer">
                    <input type="radio" name="vesting-shape" value="classic" checked=!schedule disabled=locked data-testid="vesting-classic"
                        on:change=move |_| ws.edit_whole(draft::use_classic) />
                    " A cliff, then equal steps"
                </label>
                <label class="answer">
                    <input type="radio" name="vesting-shape" value="schedule" checked=schedule disabled=locked data-testid="vesting-schedule"
                        on:change=move |_| ws.edit_whole(draft::use_schedule) />
                    " A schedule of my own"
                </label>
                <p class="help">{if schedule {
                    "Each row vests a share of the grant: at one month, or in equal steps over a run of months. Going back to a cliff and steps keeps the first and last months, not the shares."
                } else {
                    "A schedule lets you enter any plan: a lock and then monthly parts, back-loaded years, uneven steps."
                }}</p>
            </fieldset>
            <VestingChart curve=Memo::new(move |_| ws.draft.with(draft::vesting_curve_over_horizon))
                id="vesting" title="Share of your grant vested each month" />
            <Presets preset=preset locked=locked />
            {schedule.then(|| view! { <ScheduleTable locked=locked /> })}
        </div>
    }
}

/// The common schedules, each applied as an ordinary schedule that can then be edited.
#[component]
fn Presets(preset: RwSignal<Option<&'static str>>, locked: bool) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let applied = preset.get_untracked().and_then(|id| VESTING_PRESETS.iter().find(|p| p.id == id));
    view! {
        <details class="base-rates vesting-presets" data-testid="vesting-presets" open=applied.is_some()>
            <summary>"Start from a common schedule"</summary>
            {VESTING_PRESETS.iter().map(|p| view! {
                <div class="base-rate">
                    <p><strong>{p.label}</strong>" "<span class="help">{p.note}</span></p>
                    <button type="button" class="small" data-testid=format!("vesting-preset-{}", p.id) aria-label=format!("Apply: {}", p.label) disabled=locked
                        on:click=move |_| {
                            preset.set(Some(p.id));
                            ws.edit_whole(|doc| { draft::apply_vesting_preset(doc, p.id); });
                        }>"Apply"</button>
                </div>
            }).collect_view()}
            <p class="help" role="status" data-testid="vesting-preset-applied">
                {applied.map(|p| format!("Applied: {}. Change any row below to fit your plan.", p.label))}
            </p>
        </details>
    }
}

/// The schedule's rows: a step (one month) or a run (equal steps), its share, and its buttons.
#[component]
fn ScheduleTable(locked: bool) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    const LIST: &str = "grant.vesting.schedule";
    let total = move || ws.draft.with(draft::schedule_total);
    let adds_up = move || total() == rust_decimal::Decimal::ONE_HUNDRED;
    let entries: Vec<bool> = ws.draft.with_untracked(|d| {
        paths::get(d, LIST)
            .and_then(Value::as_array)
            .map(|items| items.iter().map(|e| e.get("month").is_none()).collect())
            .unwrap_or_default()
    });
    let count = entries.len();
    let cell = |spec: &'static FieldSpec, i: usize| {
        view! { <td><Field doc=ws spec=spec at=format!("{LIST}[{i}].{}", spec.path) compact=true /></td> }
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
            let kind_id = format!("f-vesting-kind-{i}");
            view! {
                <tr data-testid=format!("vesting-row-{i}")>
                    <td>
                        <div class="field compact">
                            <label for=kind_id.clone() class="visually-hidden">{format!("Row {}: kind", i + 1)}</label>
                            <select id=kind_id data-testid=format!("vesting-kind-{i}") disabled=locked
                                on:change=move |ev| {
                                    let run = event_target_value(&ev) == "run";
                                    ws.edit_whole(|doc| draft::set_vesting_entry_kind(doc, i, run));
                                }>
                                <option value="step" selected=!run>"At one month"</option>
                                <option value="run" selected=run>"Equal steps"</option>
                            </select>
                        </div>
                    </td>
                    {fields}
                    <td>
                        <button type="button" class="small" data-testid=format!("remove-vesting-{i}") aria-label=format!("Remove vesting row {}", i + 1)
                            disabled=locked || count <= 1
                            on:click=move |_| ws.edit_whole(|doc| { paths::remove_item(doc, LIST, i); })>"Remove"</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="edit-table cards vesting" data-testid="vesting-table">
                <thead><tr>
                    <th scope="col">"Kind"</th><th scope="col">"Month, or from month"</th><th scope="col">"To month"</th>
                    <th scope="col">"Every (months)"</th><th scope="col">"Share (%)"</th><th><span class="visually-hidden">"Actions"</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="probability-total" class:invalid=move || !adds_up() aria-live="polite">
            "Shares add up to " <strong data-testid="vesting-total">{move || format!("{}%", total().normalize())}</strong>
            {move || if adds_up() { "." } else { ": they must add up to 100%." }}
        </p>
        <p class="error" data-testid=format!("error-{LIST}")>{move || ws.errors_at(LIST).join("; ")}</p>
        <div class="buttons">
            <button type="button" data-testid="balance-vesting" disabled=move || locked || adds_up()
                on:click=move |_| ws.edit_whole(draft::balance_schedule)>"Make them add up to 100%"</button>
            <button type="button" data-testid="add-vesting-step" disabled=locked on:click=move |_| ws.edit_whole(draft::add_vesting_step)>"Add a month"</button>
            <button type="button" data-testid="add-vesting-run" disabled=locked on:click=move |_| ws.edit_whole(draft::add_vesting_run)>"Add a run of steps"</button>
        </div>
    }
}
