//! The team being edited, as its team-file JSON document, valid or not: table operations on its
//! projects and members (add, remove, duplicate, rename), and which reader errors belong to which
//! row. Fields are read and written by path with `crate::form::draft`'s `get`/`set`, and
//! `crate::team::read_team` reports each problem at the same path the page's field carries.

use serde_json::{json, Value};

use crate::form::fields::{self, FieldKind, FieldSpec, Shown, Whose};
use crate::offer::paths::{get, list_len, remove_item, set, text_at};
use crate::offer::FieldError;

/// The project fields the projects table edits (path under `projects[i]`, label).
pub const PROJECT_COLUMNS: [(&str, &str); 4] = [
    ("name", "Project"),
    ("horizon_months", "Horizon (months)"),
    ("grant.supply", "Token supply"),
    ("grant.annual_dilution_pct", "Dilution a year (%)"),
];

/// The member fields the members table edits (path under `members[i]`, label).
pub const MEMBER_COLUMNS: [(&str, &str); 13] = [
    ("name", "Member or role"),
    ("project", "Project"),
    ("count", "People"),
    ("salary.base_annual", "Salary a year"),
    ("salary.sacrificed_annual", "Salary given up a year"),
    ("tokens", "Tokens each"),
    ("annual_departure_pct", "Leaving a year (%)"),
    ("personal.wealth", "Savings"),
    ("personal.risk_aversion", "Risk aversion"),
    ("personal.income_tax_pct", "Income tax (%)"),
    ("personal.redemption_tax_pct", "Tax on sales (%)"),
    ("personal.discount_rate_pct", "Their discount rate (%)"),
    ("notes", "Notes"),
];

const fn spec(kind: FieldKind, optional: bool) -> FieldSpec {
    FieldSpec {
        path: "",
        label: "",
        unit: "",
        help: "",
        kind,
        optional,
        shown: Shown::Always,
        whose: Whose::Unsaid,
    }
}

const TEXT: FieldSpec = spec(FieldKind::Text, false);
const OPTIONAL_TEXT: FieldSpec = spec(FieldKind::Text, true);
const COUNT: FieldSpec = spec(FieldKind::Count, false);
const PERCENT: FieldSpec = spec(FieldKind::Percent, false);

/// How a field of the team file is typed: a member's or a project's offer field as the
/// calculator's form types it (`members[2].tokens` is the offer's `grant.tokens`, a count), the
/// team's own fields as text, a count or a percentage.
#[must_use]
pub fn field_spec(path: &str) -> &'static FieldSpec {
    let (row, column) = path.split_once("].").map_or(("", path), |(r, c)| (r, c));
    let offer_path = match (row.split('[').next().unwrap_or(""), column) {
        (_, "name" | "project" | "company") => return &TEXT,
        (_, "notes") => return &OPTIONAL_TEXT,
        ("members", "count") => return &COUNT,
        ("", "discount_rate_pct") => return &PERCENT,
        ("members", "tokens") => "grant.tokens",
        ("members", "annual_departure_pct") => "leaving.annual_departure_pct",
        (_, other) => other,
    };
    fields::find(offer_path).unwrap_or(&TEXT)
}

/// The projects' names, in order (what a member's project may be).
#[must_use]
pub fn project_names(doc: &Value) -> Vec<String> {
    (0..list_len(doc, "projects")).map(|i| text_at(doc, &format!("projects[{i}].name"))).collect()
}

/// Writes `value` at `path`. Renaming a project renames it in its members too, so that no
/// member is left on a project that no longer exists. False, changing nothing, when the path
/// does not fit the document.
pub fn set_field(doc: &mut Value, path: &str, value: Value) -> bool {
    if let Some((i, k)) = milestone_name_of(path) {
        // A milestone's name is renamed in the scenarios that reach it, so that the link is kept.
        let name = value.as_str().unwrap_or_default().to_string();
        return edit_project(doc, i, |p| {
            crate::form::draft::rename_milestone(p, k, &name);
        })
        .is_some();
    }
    let renamed = project_name_index(path).map(|i| text_at(doc, &format!("projects[{i}].name")));
    let new_name = value.as_str().map(str::to_string);
    if !set(doc, path, value) {
        return false;
    }
    if let (Some(old), Some(new)) = (renamed, new_name) {
        for m in 0..list_len(doc, "members") {
            let at = format!("members[{m}].project");
            if text_at(doc, &at) == old {
                set(doc, &at, Value::String(new.clone()));
            }
        }
    }
    true
}

/// Applies a calculator draft operation (`draft::add_scenario`, …) to project `i`, whose paths
/// are an offer's. Returns what it returned, or `None` when there is no such project.
pub fn edit_project<R>(
    doc: &mut Value,
    i: usize,
    change: impl FnOnce(&mut Value) -> R,
) -> Option<R> {
    let project = doc.get_mut("projects")?.get_mut(i)?;
    project.is_object().then(|| change(project))
}

/// `projects[1].payouts.milestones[2].name` → (1, 2).
fn milestone_name_of(path: &str) -> Option<(usize, usize)> {
    let (i, at) = path.strip_prefix("projects[")?.split_once("].")?;
    Some((i.parse().ok()?, crate::form::draft::milestone_name_index(at)?))
}

/// `projects[3].name` → 3.
fn project_name_index(path: &str) -> Option<usize> {
    path.strip_prefix("projects[")?.strip_suffix("].name")?.parse().ok()
}

/// A name not yet used among `taken`: `stem`, else `stem 2`, `stem 3`, ….
fn unused_name(stem: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == stem) {
        return stem.to_string();
    }
    (2..).map(|n| format!("{stem} {n}")).find(|c| !taken.contains(c)).unwrap_or_default()
}

fn names(doc: &Value, key: &str) -> Vec<String> {
    (0..list_len(doc, key)).map(|i| text_at(doc, &format!("{key}[{i}].name"))).collect()
}

/// Adds a member: a copy of the last one (or a typical engineer) named anew, on the same project
/// (or the first). Returns its row.
pub fn add_member(doc: &mut Value) -> usize {
    let n = list_len(doc, "members");
    let mut member = get(doc, &format!("members[{}]", n.saturating_sub(1)))
        .filter(|_| n > 0)
        .cloned()
        .unwrap_or_else(|| {
            json!({
                "name": "Engineer", "project": project_names(doc).first().cloned().unwrap_or_default(),
                "count": 1, "salary": { "base_annual": "150000", "sacrificed_annual": "15000" },
                "tokens": 5000, "annual_departure_pct": "15",
                "personal": { "discount_rate_pct": "10", "income_tax_pct": "35",
                              "redemption_tax_pct": "20", "wealth": "100000", "risk_aversion": "2" }
            })
        });
    let name = unused_name("New member", &names(doc, "members"));
    member["name"] = Value::String(name);
    if let Some(m) = member.as_object_mut() {
        m.remove("notes");
    }
    push(doc, "members", member)
}

/// Duplicates member `i` just after it, named `… (copy)`. Returns the copy's row.
pub fn duplicate_member(doc: &mut Value, i: usize) -> Option<usize> {
    duplicate(doc, "members", i)
}

/// Removes member `i`; false if there is none.
pub fn remove_member(doc: &mut Value, i: usize) -> bool {
    remove_item(doc, "members", i)
}

/// Adds a project: a copy of the last one's terms (so that it values), named anew, with one
/// member copied from the last so that it has someone to value it through. Returns its row.
pub fn add_project(doc: &mut Value) -> Option<usize> {
    let n = list_len(doc, "projects");
    let mut project = get(doc, &format!("projects[{}]", n.checked_sub(1)?)).cloned()?;
    let name = unused_name("New project", &names(doc, "projects"));
    project["name"] = Value::String(name.clone());
    if let Some(p) = project.as_object_mut() {
        p.remove("notes");
    }
    let row = push(doc, "projects", project);
    let m = add_member(doc);
    set(doc, &format!("members[{m}].project"), Value::String(name));
    Some(row)
}

/// Duplicates project `i` just after it, with copies of its members on the copy.
pub fn duplicate_project(doc: &mut Value, i: usize) -> Option<usize> {
    let old = text_at(doc, &format!("projects[{i}].name"));
    let row = duplicate(doc, "projects", i)?;
    let new = text_at(doc, &format!("projects[{row}].name"));
    let on_it: Vec<Value> = (0..list_len(doc, "members"))
        .filter(|m| text_at(doc, &format!("members[{m}].project")) == old)
        .filter_map(|m| get(doc, &format!("members[{m}]")).cloned())
        .collect();
    for mut member in on_it {
        member["project"] = Value::String(new.clone());
        push(doc, "members", member);
    }
    Some(row)
}

/// Removes project `i` and its members (a member must be on a project that exists).
pub fn remove_project(doc: &mut Value, i: usize) -> bool {
    let name = text_at(doc, &format!("projects[{i}].name"));
    if !remove_item(doc, "projects", i) {
        return false;
    }
    let mut m = list_len(doc, "members");
    while m > 0 {
        m -= 1;
        if text_at(doc, &format!("members[{m}].project")) == name {
            remove_item(doc, "members", m);
        }
    }
    true
}

fn push(doc: &mut Value, key: &str, item: Value) -> usize {
    let n = list_len(doc, key);
    set(doc, &format!("{key}[{n}]"), item);
    n
}

fn duplicate(doc: &mut Value, key: &str, i: usize) -> Option<usize> {
    let mut item = get(doc, &format!("{key}[{i}]")).cloned()?;
    let stem = format!("{} (copy)", text_at(doc, &format!("{key}[{i}].name")));
    item["name"] = Value::String(unused_name(&stem, &names(doc, key)));
    let list = doc.get_mut(key)?.as_array_mut()?;
    list.insert(i + 1, item);
    Some(i + 1)
}

/// The errors at exactly `path` (a field's own messages).
#[must_use]
pub fn errors_at<'e>(errors: &'e [FieldError], path: &str) -> Vec<&'e str> {
    errors.iter().filter(|e| e.path == path).map(|e| e.message.as_str()).collect()
}

/// The errors of row `row` (`members[2]`) that no column of `columns` shows: the row's own, and
/// those of fields the table does not edit (`projects[1].scenarios[0].probability_pct`), with
/// their paths under the row.
#[must_use]
pub fn row_errors(errors: &[FieldError], row: &str, columns: &[(&str, &str)]) -> Vec<String> {
    errors
        .iter()
        .filter_map(|e| {
            let rest = e.path.strip_prefix(row)?;
            if rest.is_empty() {
                return Some(e.message.clone());
            }
            let field = rest.strip_prefix('.').or_else(|| rest.starts_with('[').then_some(rest))?;
            (!columns.iter().any(|(c, _)| *c == field)).then(|| format!("{field}: {}", e.message))
        })
        .collect()
}

/// The errors that belong to no row: the team's own fields and the file as a whole.
#[must_use]
pub fn team_errors(errors: &[FieldError]) -> Vec<&FieldError> {
    errors
        .iter()
        .filter(|e| !e.path.starts_with("projects[") && !e.path.starts_with("members["))
        .collect()
}
