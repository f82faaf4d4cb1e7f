//! Each project's plan terms and scenarios, editable in the page: the calculator's sections
//! (`form::fields`, less what is each member's own) with its switches and choices, the vesting
//! (cliff and steps, or a schedule), the milestones, the scenarios with their revenue (and tender
//! prices) year by year, and the checklist's answers. Every field is an input over the team
//! document at `projects[i].<offer path>`, stored as the calculator stores it, with the reader's
//! errors for that path beside it; the table operations are the calculator's (`form::draft`)
//! applied to the project (`company::draft::edit_project`).

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::state::{refocus, Company, Project};
use crate::company::draft::rows;
use crate::company::plan::{
    self, block_on, errors_elsewhere, errors_shown_at, list_len, milestone_names,
    plan_problem_count, plan_sections, priced_by_scenario, reaches, team_path, NOTES,
};
use crate::form::draft::{self, VESTING_PRESETS};
use crate::form::fields::{
    is_shown, FieldSpec, MILESTONE_COLUMNS, SCENARIO_COLUMNS, VESTING_RUN_COLUMNS,
    VESTING_STEP_COLUMNS,
};
use crate::offer::paths;
use crate::offer::paths::text_at;
use crate::report::checklist::checklist_questions;
use crate::ui::kit::charts::VestingChart;
use crate::ui::kit::field::{field_id, Field};

/// Every project's plan, one disclosure each (the first open), kept open across rebuilds.
#[component]
pub fn ProjectPlans() -> impl IntoView {
    let co = expect_context::<Company>();
    let count = Memo::new(move |_| co.team.with(|d| rows(d, "projects")));
    // Which plans the person has open (by row), so that a table change does not close them.
    let open = StoredValue::new(vec![true]);
    move || {
        co.generation.track();
        let n = count.get();
        view! {
            <section aria-labelledby="plans-heading" data-testid="project-plans">
                <h2 id="plans-heading">"Plan terms and scenarios"</h2>
                <p class="hint">"Each project's terms, as the calculator asks for them: what every member's offer on it shares, and what its published plan locks. The members' own figures are in the members table."</p>
                {(0..n).map(|i| {
                    let is_open = open.with_value(|o| o.get(i).copied().unwrap_or(false));
                    let on_toggle = move |ev: leptos::ev::Event| {
                        let now = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .is_some_and(|e| e.has_attribute("open"));
                        open.update_value(|o| {
                            if o.len() <= i { o.resize(i + 1, false); }
                            o[i] = now;
                        });
                    };
                    view! {
                        <details class="plan" data-testid=format!("plan-{i}") open=is_open on:toggle=on_toggle>
                            <summary data-testid=format!("plan-summary-{i}")><PlanSummary i=i /></summary>
                            <ProjectPlan i=i />
                        </details>
                    }
                }).collect_view()}
            </section>
        }
    }
}

/// A plan's heading: the project's name, and how many problems are inside.
#[component]
fn PlanSummary(i: usize) -> impl IntoView {
    let co = expect_context::<Company>();
    let name = move || co.team.with(|d| text_at(d, &format!("projects[{i}].name")));
    let problems = Memo::new(move |_| {
        co.checked
            .with(|c| c.as_ref().err().map_or(0, |e| co.team.with(|d| plan_problem_count(d, e, i))))
    });
    view! {
        <span class="plan-name">{name}</span>
        <span class="plan-problems" data-testid=format!("plan-problems-{i}")>{move || match problems.get() {
            0 => String::new(),
            1 => " (1 problem)".to_string(),
            n => format!(" ({n} problems)"),
        }}</span>
    }
}

/// The problems of project `i` that no field shows, in its row of the projects table.
#[component]
pub fn ProjectRowErrors(i: usize) -> impl IntoView {
    let co = expect_context::<Company>();
    let errors = Memo::new(move |_| {
        co.checked.with(|c| {
            c.as_ref()
                .err()
                .map(|e| co.team.with(|d| errors_elsewhere(d, e, i)))
                .unwrap_or_default()
        })
    });
    let in_plan = Memo::new(move |_| {
        co.checked
            .with(|c| c.as_ref().err().map_or(0, |e| co.team.with(|d| plan_problem_count(d, e, i))))
    });
    view! {
        <td class="row-errors" data-testid=format!("row-errors-projects[{i}]")>
            {move || errors.get().into_iter().map(|e| view! { <p class="field-error">{e}</p> }).collect_view()}
            {move || (in_plan.get() > 0).then(|| view! {
                <p class="field-error">{format!("{} in its plan terms below", match in_plan.get() { 1 => "1 problem".to_string(), n => format!("{n} problems") })}</p>
            })}
        </td>
    }
}

/// One project's plan: its sections, vesting, milestones, scenarios, checklist and notes.
#[component]
fn ProjectPlan(i: usize) -> impl IntoView {
    let co = expect_context::<Company>();
    let project = co.team.with_untracked(|d| plan::project(d, i).cloned().unwrap_or(Value::Null));
    let elsewhere = Memo::new(move |_| {
        co.checked.with(|c| {
            c.as_ref()
                .err()
                .map(|e| co.team.with(|d| errors_elsewhere(d, e, i)))
                .unwrap_or_default()
        })
    });
    let sections = plan_sections()
        .into_iter()
        .map(|s| {
            let on = s.section.switch.is_none_or(|b| block_on(&project, b));
            let fields = on.then(|| {
                s.fields
                    .iter()
                    .filter(|f| is_shown(f, &project))
                    .map(|spec| view! { <Field doc=Project { co, i } spec=*spec /> })
                    .collect_view()
            });
            let extras = match s.section.id {
                "grant" => Some(view! { <Vesting i=i project=project.clone() /> }.into_any()),
                "revenue_share" => {
                    Some(view! { <Milestones i=i project=project.clone() /> }.into_any())
                }
                _ => None,
            };
            view! {
                <fieldset class="form-section" data-testid=format!("plan-{i}-{}", s.section.id)>
                    <legend>{s.section.title}</legend>
                    {s.section.switch.map(|block| view! { <BlockSwitch i=i block=block on=on /> })}
                    {fields}
                    {extras}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <div class="plan-body">
            <ul class="errors" data-testid=format!("plan-errors-{i}")>
                {move || elsewhere.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
            {sections}
            <Scenarios i=i project=project.clone() />
            <PlanChecklist i=i project=project.clone() />
            <fieldset class="form-section"><legend>"Notes"</legend><Field doc=Project { co, i } spec=&NOTES /></fieldset>
        </div>
    }
}

/// Applies a calculator table operation to project `i`, rebuilds the tables, and keeps the
/// keyboard on the control `testid`.
fn rebuild(co: Company, i: usize, testid: String, change: impl FnOnce(&mut Value)) {
    co.restructure(|d| {
        crate::company::draft::edit_project(d, i, change);
    });
    refocus(testid);
}

/// The switch of an optional block (revenue share, buybacks, the mix, a compute budget).
#[component]
fn BlockSwitch(i: usize, block: &'static str, on: bool) -> impl IntoView {
    let co = expect_context::<Company>();
    let path = team_path(i, block);
    let id = format!("{}-on", field_id(&path));
    let testid = format!("switch-{path}");
    let problems = {
        let path = path.clone();
        Memo::new(move |_| co.errors_at(&path))
    };
    let keep = testid.clone();
    let label_for = id.clone();
    view! {
        <label class="answer switch" for=label_for>
            <input type="checkbox" id=id checked=on data-testid=testid
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    rebuild(co, i, keep.clone(), |p| draft::switch_block(p, block, on));
                } />
            " The plan has this"
        </label>
        <p class="error" data-testid=format!("error-{path}")>{move || problems.get().join("; ")}</p>
    }
}

/// The grant's vesting: a cliff and steps (the section's own fields) or a schedule of steps and
/// runs, and the calculator's presets.
#[component]
fn Vesting(i: usize, project: Value) -> impl IntoView {
    let co = expect_context::<Company>();
    let schedule = draft::is_schedule(&project);
    let name = format!("vesting-shape-{i}");
    let (classic_id, schedule_id, preset_id) = (
        format!("vesting-classic-{i}"),
        format!("vesting-schedule-{i}"),
        format!("vesting-preset-{i}"),
    );
    let (keep_classic, keep_schedule, keep_preset) =
        (classic_id.clone(), schedule_id.clone(), preset_id.clone());
    view! {
        <fieldset class="choice" role="radiogroup">
            <legend>"How the tokens vest"</legend>
            <label class="answer">
                <input type="radio" name=name.clone() checked=!schedule data-testid=classic_id
                    on:change=move |_| rebuild(co, i, keep_classic.clone(), draft::use_classic) />
                " A cliff, then equal steps"
            </label>
            <label class="answer">
                <input type="radio" name=name checked=schedule data-testid=schedule_id
                    on:change=move |_| rebuild(co, i, keep_schedule.clone(), draft::use_schedule) />
                " A schedule"
            </label>
        </fieldset>
        <div class="field">
            <label for=preset_id.clone()>"Start from a common schedule"</label>
            <select id=preset_id.clone() data-testid=preset_id
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    rebuild(co, i, keep_preset.clone(), |p| { draft::apply_vesting_preset(p, &id); });
                }>
                <option value="" selected=true>"Choose…"</option>
                {VESTING_PRESETS.iter().map(|p| view! { <option value=p.id title=p.note>{p.label}</option> }).collect_view()}
            </select>
        </div>
        <VestingChart id=format!("vesting-{i}") title="Share of the grant vested each month"
            curve=Memo::new(move |_| co.team.with(|d| plan::project(d, i).map(draft::vesting_curve_over_horizon).unwrap_or_default())) />
        {schedule.then(|| view! { <Schedule i=i project=project.clone() /> })}
    }
}

/// The vesting schedule's table: each row a step (a month) or a run (equal steps over months).
#[component]
fn Schedule(i: usize, project: Value) -> impl IntoView {
    let co = expect_context::<Company>();
    let total = Memo::new(move |_| {
        co.team.with(|d| plan::project(d, i).map(draft::schedule_total).unwrap_or_default())
    });
    let rows_view = (0..list_len(&project, "grant.vesting.schedule"))
        .map(|k| {
            let at = format!("grant.vesting.schedule[{k}]");
            let is_run = paths::get(&project, &format!("{at}.month")).is_none();
            let columns = if is_run { VESTING_RUN_COLUMNS } else { VESTING_STEP_COLUMNS };
            let cells = columns
                .iter()
                .map(|spec| view! { <Field doc=Project { co, i } spec=spec at=format!("{at}.{}", spec.path) compact=true /> })
                .collect_view();
            let (kind_id, remove_id) =
                (format!("vesting-kind-{i}-{k}"), format!("remove-vesting-{i}-{k}"));
            let keep_kind = kind_id.clone();
            view! {
                <tr data-testid=format!("vesting-row-{i}-{k}")>
                    <td><div class="cells">{cells}</div></td>
                    <td class="row-actions">
                        <button type="button" class="small" data-testid=kind_id
                            on:click=move |_| rebuild(co, i, keep_kind.clone(), |p| draft::set_vesting_entry_kind(p, k, !is_run))>
                            {if is_run { "Make it one step" } else { "Make it a run" }}</button>
                        <button type="button" class="small" data-testid=remove_id
                            on:click=move |_| rebuild(co, i, format!("add-vesting-step-{i}"), |p| { paths::remove_item(p, "grant.vesting.schedule", k); })>"Remove"</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let list_path = team_path(i, "grant.vesting.schedule");
    let list_errors = {
        let path = list_path.clone();
        Memo::new(move |_| co.errors_at(&path))
    };
    let (step_id, run_id, balance_id) = (
        format!("add-vesting-step-{i}"),
        format!("add-vesting-run-{i}"),
        format!("balance-vesting-{i}"),
    );
    let (keep_step, keep_run, keep_balance) = (step_id.clone(), run_id.clone(), balance_id.clone());
    view! {
        <div class="table-scroll">
            <table class="edit-table" data-testid=format!("vesting-table-{i}")>
                <thead><tr><th scope="col">"Step or run"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>{rows_view}</tbody>
            </table>
        </div>
        <p class="probability-total">"Shares add up to " <strong data-testid=format!("vesting-total-{i}")>{move || format!("{}%", total.get().normalize())}</strong>"."</p>
        <p class="error" data-testid=format!("error-{list_path}")>{move || list_errors.get().join("; ")}</p>
        <div class="buttons">
            <button type="button" data-testid=step_id on:click=move |_| rebuild(co, i, keep_step.clone(), draft::add_vesting_step)>"Add a step"</button>
            <button type="button" data-testid=run_id on:click=move |_| rebuild(co, i, keep_run.clone(), draft::add_vesting_run)>"Add a run"</button>
            <button type="button" data-testid=balance_id on:click=move |_| rebuild(co, i, keep_balance.clone(), draft::balance_schedule)>"Make them add up to 100%"</button>
        </div>
    }
}

/// The milestones: fixed payments per token when the project reaches a goal.
#[component]
fn Milestones(i: usize, project: Value) -> impl IntoView {
    let co = expect_context::<Company>();
    let rows_view = (0..list_len(&project, "payouts.milestones"))
        .map(|k| {
            let cells = MILESTONE_COLUMNS
                .iter()
                .map(|spec| view! { <td><Field doc=Project { co, i } spec=spec at=format!("payouts.milestones[{k}].{}", spec.path) compact=true /></td> })
                .collect_view();
            view! {
                <tr data-testid=format!("milestone-row-{i}-{k}")>
                    {cells}
                    <td><button type="button" class="small" data-testid=format!("remove-milestone-{i}-{k}") aria-label=format!("Remove milestone {}", k + 1)
                        on:click=move |_| rebuild(co, i, format!("add-milestone-{i}"), |p| draft::remove_milestone(p, k))>"Remove"</button></td>
                </tr>
            }
        })
        .collect_view();
    let list_path = team_path(i, "payouts.milestones");
    let errors = {
        let path = list_path.clone();
        Memo::new(move |_| co.errors_at(&path))
    };
    let add_id = format!("add-milestone-{i}");
    let keep = add_id.clone();
    view! {
        <p class="table-title">"Milestones"</p>
        <p class="help">"Fixed payments per token if the project reaches a goal; which scenarios reach which is set in the scenario table."</p>
        <div class="table-scroll">
            <table class="edit-table" data-testid=format!("milestones-table-{i}")>
                <thead><tr>{MILESTONE_COLUMNS.iter().map(|c| view! { <th scope="col">{c.label}</th> }).collect_view()}<th><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>{rows_view}</tbody>
            </table>
        </div>
        <p class="error" data-testid=format!("error-{list_path}")>{move || errors.get().join("; ")}</p>
        <button type="button" data-testid=add_id on:click=move |_| rebuild(co, i, keep.clone(), draft::add_milestone)>"Add a milestone"</button>
    }
}

/// The scenarios: name, chance, revenue year by year (and tender prices when the plan sets them
/// per scenario), shutdown month, milestones reached.
#[component]
fn Scenarios(i: usize, project: Value) -> impl IntoView {
    let co = expect_context::<Company>();
    let total = Memo::new(move |_| {
        co.team.with(|d| plan::project(d, i).map(draft::probability_total).unwrap_or_default())
    });
    let adds_up = move || total.get() == rust_decimal::Decimal::ONE_HUNDRED;
    let [name_col, chance_col, revenue_col, price_col, cancel_col, hits_col] =
        [0, 1, 2, 3, 4, 5].map(|c| &SCENARIO_COLUMNS[c]);
    let priced = priced_by_scenario(&project);
    let milestones = milestone_names(&project);
    let n = list_len(&project, "scenarios");
    let rows_view = (0..n)
        .map(|j| {
            let hits = (0..milestones.len())
                .map(|k| {
                    let hit = reaches(&project, j, &milestones[k]);
                    // The name is read when ticked, so that a milestone renamed since still links.
                    let name_now = move || {
                        co.team.with(|d| text_at(d, &format!("projects[{i}].payouts.milestones[{k}].name")))
                    };
                    view! {
                        <label class="hit"><input type="checkbox" checked=hit data-testid=format!("hit-{i}-{j}-{k}")
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let name = name_now();
                                co.team.update(|d| { crate::company::draft::edit_project(d, i, |p| draft::set_milestone_hit(p, j, &name, on)); });
                            } />
                            " " {name_now}</label>
                    }
                })
                .collect_view();
            let hit_errors = Memo::new(move |_| {
                co.checked.with(|c| {
                    c.as_ref()
                        .err()
                        .map(|e| {
                            co.team.with(|d| {
                                errors_shown_at(d, e, i, &format!("scenarios[{j}].milestones_hit"))
                            })
                        })
                        .unwrap_or_default()
                })
            });
            let (dup_id, remove_id) =
                (format!("duplicate-scenario-{i}-{j}"), format!("remove-scenario-{i}-{j}"));
            let keep_dup = dup_id.clone();
            view! {
                <tr data-testid=format!("scenario-row-{i}-{j}")>
                    <td><Field doc=Project { co, i } spec=name_col at=format!("scenarios[{j}].name") compact=true /></td>
                    <td><Field doc=Project { co, i } spec=chance_col at=format!("scenarios[{j}].probability_pct") compact=true /></td>
                    <td class="revenue">{year_list(co, i, j, &project, revenue_col, "annual_revenue")}</td>
                    {priced.then(|| view! { <td class="revenue prices">{year_list(co, i, j, &project, price_col, "price_per_token")}</td> })}
                    <td><Field doc=Project { co, i } spec=cancel_col at=format!("scenarios[{j}].cancelled_month") optional=true compact=true /></td>
                    <td>
                        <div class="hits" role="group" aria-label=hits_col.label>{hits}</div>
                        <p class="error" data-testid=format!("error-projects[{i}].scenarios[{j}].milestones_hit")>{move || hit_errors.get().join("; ")}</p>
                    </td>
                    <td class="row-actions">
                        <button type="button" class="small" data-testid=dup_id aria-label=format!("Duplicate scenario {}", j + 1)
                            on:click=move |_| rebuild(co, i, keep_dup.clone(), |p| draft::duplicate_scenario(p, j))>"Duplicate"</button>
                        <button type="button" class="small" data-testid=remove_id aria-label=format!("Remove scenario {}", j + 1) disabled=n <= 1
                            on:click=move |_| rebuild(co, i, format!("add-scenario-{i}"), |p| { paths::remove_item(p, "scenarios", j); })>"Remove"</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let list_path = team_path(i, "scenarios");
    let errors = {
        let path = list_path.clone();
        Memo::new(move |_| co.errors_at(&path))
    };
    let (add_id, balance_id) = (format!("add-scenario-{i}"), format!("balance-probabilities-{i}"));
    let (keep_add, keep_balance) = (add_id.clone(), balance_id.clone());
    let head = [name_col, chance_col, revenue_col]
        .into_iter()
        .chain(priced.then_some(price_col))
        .chain([cancel_col, hits_col]);
    view! {
        <fieldset class="form-section" data-testid=format!("plan-{i}-scenarios")>
            <legend>"Scenarios"</legend>
            <p class="help">"The ways the project could turn out, each with how likely the company thinks it is. Revenue is per year; the last year's figure repeats."</p>
            <div class="table-scroll">
                <table class="edit-table scenarios" data-testid=format!("scenarios-table-{i}")>
                    <thead><tr>
                        {head.map(|c| view! { <th scope="col" title=c.help>{c.label}{if c.unit == "%" { " (%)" } else { "" }}</th> }).collect_view()}
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr></thead>
                    <tbody>{rows_view}</tbody>
                </table>
            </div>
            <p class="probability-total" class:invalid=move || !adds_up()>
                "Chances add up to " <strong data-testid=format!("probability-total-{i}")>{move || format!("{}%", total.get().normalize())}</strong>
                {move || if adds_up() { "." } else { ": they must add up to 100%." }}
            </p>
            <p class="error" data-testid=format!("error-{list_path}")>{move || errors.get().join("; ")}</p>
            <div class="buttons">
                <button type="button" data-testid=balance_id disabled=adds_up
                    on:click=move |_| rebuild(co, i, keep_balance.clone(), draft::balance_probabilities)>"Make them add up to 100%"</button>
                <button type="button" data-testid=add_id on:click=move |_| rebuild(co, i, keep_add.clone(), draft::add_scenario)>"Add a scenario"</button>
            </div>
        </fieldset>
    }
}

/// A scenario's list by year (`annual_revenue` or `price_per_token`): a field a year, the list's
/// errors, one year more or less.
fn year_list(
    co: Company,
    i: usize,
    j: usize,
    project: &Value,
    spec: &'static FieldSpec,
    list: &'static str,
) -> AnyView {
    let at = format!("scenarios[{j}].{list}");
    let years = list_len(project, &at);
    let fields = (0..years)
        .map(|y| {
            view! {
                <div class="year">
                    <span class="year-label" aria-hidden="true">{format!("Y{}", y + 1)}</span>
                    <Field doc=Project { co, i } spec=spec at=format!("{at}[{y}]") compact=true />
                </div>
            }
        })
        .collect_view();
    let path = team_path(i, &at);
    let errors = {
        let path = path.clone();
        Memo::new(move |_| co.errors_at(&path))
    };
    let what = if list == "annual_revenue" { "revenue" } else { "tender prices" };
    let (add_id, remove_id) =
        (format!("add-year-{list}-{i}-{j}"), format!("remove-year-{list}-{i}-{j}"));
    let (keep_add, keep_remove) = (add_id.clone(), remove_id.clone());
    let (add_at, remove_at) = (at.clone(), at);
    view! {
        <div class="years">{fields}</div>
        <p class="error" data-testid=format!("error-{path}")>{move || errors.get().join("; ")}</p>
        <button type="button" class="small" data-testid=add_id aria-label=format!("One more year of {what}, scenario {}", j + 1)
            on:click=move |_| rebuild(co, i, keep_add.clone(), |p| draft::add_year(p, &add_at))>"+ year"</button>
        <button type="button" class="small" data-testid=remove_id aria-label=format!("One year less of {what}, scenario {}", j + 1) disabled=years == 0
            on:click=move |_| rebuild(co, i, keep_remove.clone(), |p| draft::remove_year(p, &remove_at))>"− year"</button>
    }
    .into_any()
}

/// The company's answers to the transparency questions, which the disclosure page publishes.
#[component]
fn PlanChecklist(i: usize, project: Value) -> impl IntoView {
    let co = expect_context::<Company>();
    let questions = checklist_questions(block_on(&project, "compute_budget"))
        .map(|(key, question)| {
            let path = team_path(i, &format!("checklist.{key}"));
            let answer = text_at(&project, &format!("checklist.{key}"));
            let id = field_id(&path);
            let errors = {
                let path = path.clone();
                Memo::new(move |_| co.errors_at(&path))
            };
            let test_id = format!("field-{path}");
            let error_id = format!("error-{path}");
            view! {
                <div class="field">
                    <label for=id.clone()>{*question}</label>
                    <select id=id data-testid=test_id
                        on:change=move |ev| co.set_field(&path, Value::String(event_target_value(&ev)))>
                        {[("yes", "Yes"), ("no", "No"), ("unknown", "Not said")].into_iter().map(|(value, label)| {
                            let selected = answer == value || (value == "unknown" && answer.is_empty());
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                    <p class="error" data-testid=error_id>{move || errors.get().join("; ")}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="form-section" data-testid=format!("plan-{i}-checklist")>
            <legend>"The company's answers"</legend>
            <p class="help">"What the plan disclosure page tells employees about how the plan is run."</p>
            {questions}
        </fieldset>
    }
}
