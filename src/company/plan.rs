//! A project's plan terms and scenarios as the Company view edits them. A project is an offer
//! file less what is each member's own, at the same paths under `projects[i]`, so the view uses
//! the calculator's own pieces: its field specs (`form::fields`: label, unit, help, kind, when a
//! field shows) and its table operations (`form::draft`: scenarios, milestones, years, vesting
//! schedules, switches and choices), applied to the project's part of the team document.
//!
//! Which paths the editor shows an error at is said here too (`shown_at`), so that a reader error
//! the editor has no field for is listed in the project's row instead of being lost.

use serde_json::Value;

use crate::form::draft;
use crate::offer::paths;

use crate::form::fields::{is_shown, FieldKind, FieldSpec, Section, Shown, Whose, SECTIONS};

use crate::offer::paths::get;
use crate::report::checklist::checklist_questions;

use super::draft::PROJECT_COLUMNS;

/// A project's notes (sources, caveats): optional text that changes no figure.
pub const NOTES: FieldSpec = FieldSpec {
    path: "notes",
    label: "Notes",
    unit: "",
    help: "Optional: sources and caveats. They change no figure.",
    kind: FieldKind::Text,
    optional: true,
    shown: Shown::Always,
    whose: Whose::Unsaid,
};

/// One section of the calculator's form as a project's plan: its fields less the member's own
/// and the projects table's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSection {
    pub section: &'static Section,
    pub fields: Vec<&'static FieldSpec>,
}

/// Whether an offer field is each member's own (the members table's), not the plan's.
#[must_use]
pub fn is_members_own(offer_path: &str) -> bool {
    crate::team::member_path(offer_path, 0).is_some()
}

/// Whether a project's plan editor shows the offer field at `path`: not each member's own, and
/// not one the projects table already shows.
#[must_use]
pub fn is_plan_field(path: &str) -> bool {
    !is_members_own(path) && !PROJECT_COLUMNS.iter().any(|(c, _)| *c == path)
}

/// The calculator's sections that hold plan terms, in the form's order, each with the fields a
/// project sets that the projects table does not already show (horizon, supply, dilution).
#[must_use]
pub fn plan_sections() -> Vec<PlanSection> {
    SECTIONS
        .iter()
        .map(|section| PlanSection {
            section,
            fields: section.fields.iter().filter(|f| is_plan_field(f.path)).collect(),
        })
        .filter(|s| !s.fields.is_empty() || s.section.switch.is_some_and(|b| !is_members_own(b)))
        .collect()
}

/// Whether an optional block (`payouts.buyback`) is on in `project`.
#[must_use]
pub fn block_on(project: &Value, block: &str) -> bool {
    get(project, block).is_some_and(Value::is_object)
}

/// The project's part of the team document.
#[must_use]
pub fn project(doc: &Value, i: usize) -> Option<&Value> {
    doc.get("projects")?.get(i)
}

/// `projects[i].` + `offer_path`.
#[must_use]
pub fn team_path(i: usize, offer_path: &str) -> String {
    format!("projects[{i}].{offer_path}")
}

/// Where the editor shows an error reported at `offer_path` of `project`: the path of a field, a
/// list or a switch it draws, or `None` when it draws none (a block that is not an object, an
/// unknown field). A scenario's milestones are one cell, so `milestones_hit[2]` is shown at
/// `milestones_hit`.
#[must_use]
pub fn shown_at(project: &Value, offer_path: &str) -> Option<String> {
    let (row, rest) = split_row(offer_path);
    match row {
        Some(("scenarios", j)) => {
            if j >= paths::list_len(project, "scenarios") {
                return None;
            }
            let column = rest?;
            let (list, year) = split_row(column);
            match (list, year) {
                (Some((list @ ("annual_revenue" | "price_per_token"), y)), None) => {
                    (list == "annual_revenue" || priced_by_scenario(project))
                        .then(|| format!("scenarios[{j}].{list}[{y}]"))
                        .filter(|_| y < paths::list_len(project, &format!("scenarios[{j}].{list}")))
                }
                (Some(("milestones_hit", _)), _) => Some(format!("scenarios[{j}].milestones_hit")),
                (None, None)
                    if [
                        "name",
                        "probability_pct",
                        "cancelled_month",
                        "annual_revenue",
                        "milestones_hit",
                    ]
                    .contains(&column)
                        || (column == "price_per_token" && priced_by_scenario(project)) =>
                {
                    Some(offer_path.to_string())
                }
                _ => None,
            }
        }
        Some(("payouts.milestones", k)) => {
            let column = rest?;
            (k < paths::list_len(project, "payouts.milestones")
                && ["name", "per_token", "month"].contains(&column))
            .then(|| offer_path.to_string())
        }
        Some(("grant.vesting.schedule", k)) => {
            let column = rest?;
            (draft::is_schedule(project)
                && k < paths::list_len(project, "grant.vesting.schedule")
                && ["month", "pct", "from_month", "to_month", "every_months"].contains(&column))
            .then(|| offer_path.to_string())
        }
        Some(_) => None,
        None => {
            let lists = ["scenarios", "payouts.milestones"];
            let schedule = offer_path == "grant.vesting.schedule" && draft::is_schedule(project);
            let field = plan_sections().iter().any(|s| {
                s.section.switch == Some(offer_path)
                    || (s.section.switch.is_none_or(|b| block_on(project, b))
                        && s.fields.iter().any(|f| f.path == offer_path && is_shown(f, project)))
            });
            let checklist = offer_path.strip_prefix("checklist.").is_some_and(|key| {
                checklist_questions(block_on(project, "compute_budget")).any(|(k, _)| *k == key)
            });
            (field
                || checklist
                || schedule
                || lists.contains(&offer_path)
                || offer_path == NOTES.path)
                .then(|| offer_path.to_string())
        }
    }
}

/// Whether the tenders are priced per scenario (the scenarios then have a prices table).
#[must_use]
pub fn priced_by_scenario(project: &Value) -> bool {
    paths::text_at(project, "payouts.buyback.price") == "scenario"
}

/// `scenarios[2].name` → (`scenarios`, 2) and `name`; `scenarios[2]` → (`scenarios`, 2), no rest;
/// a path with no index → no row.
fn split_row(path: &str) -> (Option<(&str, usize)>, Option<&str>) {
    let Some((list, after)) = path.split_once('[') else { return (None, None) };
    let Some((index, rest)) = after.split_once(']') else { return (None, None) };
    let Ok(index) = index.parse() else { return (None, None) };
    let rest = rest.strip_prefix('.').filter(|r| !r.is_empty());
    (Some((list, index)), rest)
}

/// The reader's errors for project `i` that no field of the projects table or of its plan editor
/// shows, each with its path under the project (`payouts.buyback.bonus: is not a field …`).
#[must_use]
pub fn errors_elsewhere(doc: &Value, errors: &[crate::offer::FieldError], i: usize) -> Vec<String> {
    let Some(project) = project(doc, i) else { return Vec::new() };
    let row = format!("projects[{i}]");
    errors
        .iter()
        .filter_map(|e| {
            let rest = e.path.strip_prefix(&row)?;
            if rest.is_empty() {
                return Some(e.message.clone());
            }
            let field = rest.strip_prefix('.')?;
            let in_table = PROJECT_COLUMNS.iter().any(|(c, _)| *c == field);
            (!in_table && shown_at(project, field).is_none())
                .then(|| format!("{field}: {}", e.message))
        })
        .collect()
}

/// How many of the reader's errors for project `i` its plan editor shows (said on its heading,
/// so that a closed editor still tells the person where to look).
#[must_use]
pub fn plan_problem_count(doc: &Value, errors: &[crate::offer::FieldError], i: usize) -> usize {
    let Some(project) = project(doc, i) else { return 0 };
    let row = format!("projects[{i}].");
    errors
        .iter()
        .filter_map(|e| e.path.strip_prefix(&row))
        .filter(|field| !PROJECT_COLUMNS.iter().any(|(c, _)| c == field))
        .filter(|field| shown_at(project, field).is_some())
        .count()
}

/// The errors shown at `offer_path` of project `i` (a field's own), or in a cell that gathers a
/// list's (`scenarios[0].milestones_hit`).
#[must_use]
pub fn errors_shown_at(
    doc: &Value,
    errors: &[crate::offer::FieldError],
    i: usize,
    offer_path: &str,
) -> Vec<String> {
    let Some(project) = project(doc, i) else { return Vec::new() };
    let row = format!("projects[{i}].");
    errors
        .iter()
        .filter(|e| {
            e.path
                .strip_prefix(&row)
                .and_then(|field| shown_at(project, field))
                .is_some_and(|at| at == offer_path)
        })
        .map(|e| e.message.clone())
        .collect()
}
