//! Each project's plan terms and scenarios, editable in the page: the calculator's sections
//! (`form::fields`, less what is each member's own) with its switches and choices, the vesting
//! (cliff and steps, or a schedule), the milestones, the scenarios with their revenue (and tender
//! prices) year by year, and the checklist's answers. Every field is an input over the team
//! document at `projects[i].<offer path>`, stored as the calculator stores it, with the reader's
//! errors for that path beside it; the table operations are the calculator's (`form::draft`)
//! applied to the project (`company::draft::edit_project`).

use leptos::prelude::*;

use super::state::{Company, Project};
use crate::company::plan::{errors_elsewhere, plan_problem_count, plan_sections, NOTES};
use crate::offer::paths::list_len;
use crate::offer::paths::text_at;
use crate::ui::editors::{after_section, Checklist, Section, VestingEditor};
use crate::ui::kit::disclosures::OpenRows;
use crate::ui::kit::field::Field;

/// Every project's plan, one disclosure each (the first open), kept open across rebuilds.
#[component]
pub fn ProjectPlans() -> impl IntoView {
    let co = expect_context::<Company>();
    let count = Memo::new(move |_| co.team.with(|d| list_len(d, "projects")));
    // The first plan is open from the start.
    let open = OpenRows::new(vec![true]);
    // The vesting preset each plan last applied, kept while the plans are drawn again.
    let presets = StoredValue::new(
        (0..crate::team::MAX_PROJECTS).map(|_| RwSignal::new(None)).collect::<Vec<_>>(),
    );
    move || {
        co.generation.track();
        let n = count.get();
        view! {
            <section aria-labelledby="plans-heading" data-testid="project-plans">
                <h2 id="plans-heading">"Plan terms and scenarios"</h2>
                <p class="hint">"Each project's terms, as the calculator asks for them: what every member's offer on it shares, and what its published plan locks. The members' own figures are in the members table."</p>
                {(0..n).map(|i| {
                    let on_toggle = move |ev: leptos::ev::Event| {
                        open.toggled(i, &ev);
                    };
                    view! {
                        <details class="plan" data-testid=format!("plan-{i}") open=open.is_open(i) on:toggle=on_toggle>
                            <summary data-testid=format!("plan-summary-{i}")><PlanSummary i=i /></summary>
                            <ProjectPlan i=i preset=presets.with_value(|p| p.get(i).copied()).unwrap_or_else(|| RwSignal::new(None)) />
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
    let problems = Memo::new(move |_| problems_in_plan(co, i));
    view! {
        <span class="plan-name">{name}</span>
        <span class="plan-problems" data-testid=format!("plan-problems-{i}")>{move || match problems.get() {
            0 => String::new(),
            1 => " (1 problem)".to_string(),
            n => format!(" ({n} problems)"),
        }}</span>
    }
}

/// How many problems are inside project `i`'s plan (tracked): its heading and its row say so.
fn problems_in_plan(co: Company, i: usize) -> usize {
    co.checked
        .with(|c| c.as_ref().err().map_or(0, |e| co.team.with(|d| plan_problem_count(d, e, i))))
}

/// The problems of project `i` that no field of its plan shows (tracked): its row and its plan
/// list them.
fn problems_elsewhere(co: Company, i: usize) -> Vec<String> {
    co.checked.with(|c| {
        c.as_ref().err().map(|e| co.team.with(|d| errors_elsewhere(d, e, i))).unwrap_or_default()
    })
}

/// The problems of project `i` that no field shows, in its row of the projects table.
#[component]
pub fn ProjectRowErrors(i: usize) -> impl IntoView {
    let co = expect_context::<Company>();
    let errors = Memo::new(move |_| problems_elsewhere(co, i));
    let in_plan = Memo::new(move |_| problems_in_plan(co, i));
    view! {
        <td class="row-errors" data-testid=format!("row-errors-projects[{i}]")>
            {move || errors.get().into_iter().map(|e| view! { <p class="field-error">{e}</p> }).collect_view()}
            {move || (in_plan.get() > 0).then(|| view! {
                <p class="field-error">{format!("{} in its plan terms below", match in_plan.get() { 1 => "1 problem".to_string(), n => format!("{n} problems") })}</p>
            })}
        </td>
    }
}

/// One project's plan: the calculator's own editors over the project (its sections, vesting,
/// milestones, scenarios and checklist), less each member's own fields, and its notes.
#[component]
fn ProjectPlan(i: usize, preset: RwSignal<Option<&'static str>>) -> impl IntoView {
    let co = expect_context::<Company>();
    let doc = Project { co, i };
    let elsewhere = Memo::new(move |_| problems_elsewhere(co, i));
    let sections = plan_sections()
        .into_iter()
        .map(|s| {
            let vesting = (s.section.id == "grant")
                .then(|| view! { <VestingEditor doc=doc preset=preset /> });
            view! {
                <Section doc=doc section=s.section>{vesting}</Section>
                {after_section(doc, s.section.id)}
            }
        })
        .collect_view();
    view! {
        <div class="plan-body">
            <ul class="errors" data-testid=format!("plan-errors-{i}")>
                {move || elsewhere.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
            {sections}
            <Checklist doc=doc />
            <fieldset class="form-section"><legend>"Notes"</legend><Field doc=doc spec=&NOTES /></fieldset>
        </div>
    }
}
