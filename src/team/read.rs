//! Reading a team file: JSON text to a validated [`TeamFile`], every problem at its path.
//!
//! The team's own fields are read with the offer reader's helpers. A project's terms are not read
//! here at all: each member's offer document (the project's terms plus the member's own fields) is
//! read by [`read_offer`], and each of its errors is reported at the team file's path of the field
//! it came from (`scenarios[0].probability_pct` → `projects[1].scenarios[0].probability_pct`,
//! `grant.tokens` → `members[2].tokens`). So every field and rule of every offer version the reader
//! knows holds in a team file, and an error in a project's terms is reported once, not per member.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{Member, Project, TeamFile, TEAM_FORMAT, TEAM_VERSION};
use crate::offer::reader::{index, join, kind, Range, Reader};
use crate::offer::{read_offer, FieldError, OfferError, OFFER_FORMAT, OFFER_VERSION};

/// The most people one member entry may stand for.
pub const MAX_COUNT: u64 = 1_000_000;
/// The most member entries a team file may list. An entry stands for a role (`count` people),
/// so teams list tens; each entry's offer is valued in full, so this bounds the team's work.
pub const MAX_MEMBERS: usize = 100;
/// The most projects a team file may list (each is published as a site of its own).
pub const MAX_PROJECTS: usize = 50;

const TEAM_FIELDS: [&str; 7] =
    ["format", "version", "company", "discount_rate_pct", "notes", "projects", "members"];
const MEMBER_FIELDS: [&str; 9] = [
    "name",
    "project",
    "count",
    "notes",
    "salary",
    "tokens",
    "annual_departure_pct",
    "quit_if",
    "personal",
];
/// The member's fields that go into a section of the offer: (section, offer key, member key).
/// Whether to leave when the project goes badly is each person's own rule (MODEL.md 8.2).
const MEMBERS_OWN_IN_SECTIONS: [(&str, &str, &str); 3] = [
    ("grant", "tokens", "tokens"),
    ("leaving", "annual_departure_pct", "annual_departure_pct"),
    ("leaving", "quit_if", "quit_if"),
];
/// Offer-file fields that are each member's own, so a project may not set them.
const MEMBERS_OWN: [&str; 2] = ["salary", "personal"];

/// Parses and validates a team file; errors as [`crate::offer::parse_offer`]'s.
pub fn parse_team(text: &str) -> Result<TeamFile, OfferError> {
    read_team(&crate::offer::parse_json(text)?)
}

/// Validates a team file already parsed as JSON (what a page that edits the team would call).
pub fn read_team(value: &Value) -> Result<TeamFile, OfferError> {
    let mut reader = Reader::at_newest_version();
    let team = team(&mut reader, value);
    // A project's terms are read once per member; the same problem is reported once.
    let mut errors: Vec<FieldError> = Vec::new();
    for e in reader.into_errors() {
        if !errors.contains(&e) {
            errors.push(e);
        }
    }
    match team {
        Some(team) if errors.is_empty() => Ok(team),
        _ => Err(OfferError::Invalid(errors)),
    }
}

/// A project as read, before its members' offers are.
struct ProjectRead {
    name: String,
    notes: Option<String>,
    terms: Map<String, Value>,
}

/// A member as read: their own offer fields are kept as JSON for the offer reader.
struct MemberRead {
    name: String,
    notes: Option<String>,
    project: String,
    count: u64,
    own: Map<String, Value>,
}

fn team(r: &mut Reader, value: &Value) -> Option<TeamFile> {
    let Value::Object(map) = value else {
        r.error("", format!("a team file must be a JSON object, not {}", kind(value)));
        return None;
    };
    // Format and version first: another kind of file, or a newer version, is refused whole.
    match map.get("format") {
        Some(Value::String(f)) if f == TEAM_FORMAT => {}
        Some(Value::String(f)) if f == OFFER_FORMAT => {
            r.error(
                "format",
                "is an offer file's; `tokenworth value` reads it, and a team file says \"tokenworth-team\"",
            );
            return None;
        }
        Some(Value::String(f)) => {
            r.error(
                "format",
                format!("is \"{f}\"; this is not a tokenworth team (\"{TEAM_FORMAT}\")"),
            );
            return None;
        }
        _ => {
            r.error("format", format!("is required and must be \"{TEAM_FORMAT}\""));
            return None;
        }
    }
    match map.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(TEAM_VERSION) => {}
        Some(v) if v > u64::from(TEAM_VERSION) => {
            r.error(
                "version",
                format!("is {v}, newer than this tokenworth reads (up to {TEAM_VERSION}); use a newer tokenworth"),
            );
            return None;
        }
        _ => {
            r.error("version", format!("must be a known version number ({TEAM_VERSION})"));
            return None;
        }
    }
    let f = r.object(value, "", &TEAM_FIELDS)?;
    let company = r.string(&f, "company");
    if map.get("company").is_some_and(Value::is_string) && company.trim().is_empty() {
        r.error("company", "must not be empty");
    }
    let discount_rate_pct = r.decimal_in(&f, "discount_rate_pct", Range::Percent);
    let notes = notes(r, map, "");
    let projects = list(r, map, ("projects", MAX_PROJECTS), project);
    let members = list(r, map, ("members", MAX_MEMBERS), member);

    let names = r.unique_names(
        projects.iter().enumerate().filter_map(|(i, p)| Some((i, p.as_ref()?.name.as_str()))),
        "projects",
        "project",
    );
    let names: HashSet<String> = names.into_iter().map(str::to_string).collect();
    same_directory(r, &projects);
    // (None were read when the list was empty or too long: a member's project is not called unknown.)
    let all_projects_read = !projects.is_empty() && projects.iter().all(Option::is_some);
    let project_of =
        |name: &str| projects.iter().position(|p| p.as_ref().is_some_and(|p| p.name == name));

    let mut read_members = Vec::new();
    let mut seen: HashSet<(usize, &str)> = HashSet::new();
    for (m, member) in members.iter().enumerate() {
        let Some(member) = member else { continue };
        let Some(p) = project_of(&member.project) else {
            if all_projects_read && !member.project.is_empty() {
                let mut known: Vec<&str> = names.iter().map(String::as_str).collect();
                known.sort_unstable();
                r.error(
                    format!("members[{m}].project"),
                    format!(
                        "\"{}\" is not one of the projects ({})",
                        member.project,
                        known.join(", ")
                    ),
                );
            }
            continue;
        };
        if !member.name.trim().is_empty() && !seen.insert((p, member.name.as_str())) {
            r.error(
                format!("members[{m}].name"),
                format!(
                    "\"{}\" is already a member of project \"{}\"",
                    member.name, member.project
                ),
            );
        }
        let Some(project) = &projects[p] else { continue };
        let document = member_document(project, member);
        match read_offer(&document) {
            Ok(offer) => read_members.push(Some(Member {
                name: member.name.clone(),
                notes: member.notes.clone(),
                project: p,
                count: member.count,
                document,
                offer,
            })),
            Err(OfferError::Invalid(errors)) => {
                for e in errors {
                    r.error(team_path(&e.path, p, m), e.message);
                }
                read_members.push(None);
            }
            Err(OfferError::Syntax { message, .. }) => {
                r.error(format!("members[{m}]"), message);
                read_members.push(None);
            }
        }
    }
    let members: Option<Vec<Member>> =
        if read_members.len() == members.len() { read_members.into_iter().collect() } else { None };

    for (p, project) in projects.iter().enumerate() {
        let Some(project) = project else { continue };
        if no_member_names(map, &project.name) {
            r.error(
                index("projects", p),
                "has no members; a project's terms are valued through the offers of the people on it",
            );
        }
    }
    let members = members?;
    cross_project_rules(r, &members, projects.len());
    Some(TeamFile {
        company,
        discount_rate_pct,
        notes,
        projects: projects
            .into_iter()
            .map(|p| p.map(|p| Project { name: p.name, notes: p.notes, terms: p.terms }))
            .collect::<Option<Vec<_>>>()?,
        members,
    })
}

/// Whether no entry of `members` names `project` (so that a project is called empty only when no
/// member even tried to join it).
fn no_member_names(map: &Map<String, Value>, project: &str) -> bool {
    let Some(Value::Array(members)) = map.get("members") else { return true };
    !members.iter().any(|m| m.get("project").and_then(Value::as_str) == Some(project))
}

/// One currency for the whole team, and no project's members holding more than its supply.
fn cross_project_rules(r: &mut Reader, members: &[Member], projects: usize) {
    if let Some(first) = members.first() {
        let mut reported = HashSet::new();
        for m in members {
            if m.offer.currency != first.offer.currency && reported.insert(m.project) {
                r.error(
                    format!("projects[{}].currency", m.project),
                    format!(
                        "is {}; every project of a team is in one currency ({}) so that the team's figures add up",
                        m.offer.currency, first.offer.currency
                    ),
                );
            }
        }
    }
    for p in 0..projects {
        let on_it: Vec<&Member> = members.iter().filter(|m| m.project == p).collect();
        let Some(first) = on_it.first() else { continue };
        let held: u128 = on_it
            .iter()
            .map(|m| u128::from(m.count).saturating_mul(u128::from(m.offer.grant.tokens)))
            .fold(0, u128::saturating_add);
        let supply = first.offer.grant.supply;
        if held > u128::from(supply) {
            r.error(
                format!("projects[{p}].grant.supply"),
                format!(
                    "is {supply} tokens, fewer than its members hold ({held}: each member's tokens × count)"
                ),
            );
        }
    }
}

/// Reads the list under `key`, each entry at its own index (`None` where it could not be read).
fn list<T>(
    r: &mut Reader,
    map: &Map<String, Value>,
    (key, max): (&str, usize),
    read: fn(&mut Reader, &Value, &str) -> Option<T>,
) -> Vec<Option<T>> {
    match map.get(key) {
        Some(Value::Array(items)) if r.too_long(items, key, max, key) => Vec::new(),
        Some(Value::Array(items)) => {
            if items.is_empty() {
                r.error(key, format!("needs at least one entry in {key}"));
            }
            items.iter().enumerate().map(|(i, v)| read(r, v, &index(key, i))).collect()
        }
        None | Some(Value::Null) => {
            r.error(key, "is required");
            Vec::new()
        }
        Some(other) => {
            r.error(key, format!("must be a list, not {}", kind(other)));
            Vec::new()
        }
    }
}

/// Each project is published to a directory named after it (`team --publish`, the Company view's
/// "Publish"), so two names that map to one (`Copilot` and `copilot`, or `AI/ML` and `ai ml`)
/// would overwrite one site with the other: the second is refused at its name (issue 30). A name
/// repeated exactly is already refused as such.
fn same_directory(r: &mut Reader, projects: &[Option<ProjectRead>]) {
    let mut first: HashMap<String, &str> = HashMap::new();
    for (i, project) in projects.iter().enumerate() {
        let Some(name) = project.as_ref().map(|p| p.name.as_str()) else { continue };
        if name.trim().is_empty() {
            continue;
        }
        let directory = super::publish::directory(name, i);
        match first.get(directory.as_str()) {
            Some(&earlier) if earlier != name => r.error(
                format!("projects[{i}].name"),
                format!("would be published to the same directory ({directory}/) as project \"{earlier}\"; give it a name that differs in more than case or punctuation"),
            ),
            Some(_) => {}
            None => {
                first.insert(directory, name);
            }
        }
    }
}

/// The optional free text under `notes` (sources, caveats): it changes no figure.
fn notes(r: &mut Reader, map: &Map<String, Value>, path: &str) -> Option<String> {
    match map.get("notes") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            r.error(join(path, "notes"), format!("must be text, not {}", kind(other)));
            None
        }
    }
}

/// A project: its name and notes; everything else is the plan's terms, for the offer reader to
/// judge, except the fields that are each member's own.
fn project(r: &mut Reader, value: &Value, path: &str) -> Option<ProjectRead> {
    let Value::Object(map) = value else {
        r.error(path, format!("must be an object, not {}", kind(value)));
        return None;
    };
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    let f = r.object(value, path, &keys)?;
    let name = r.string(&f, "name");
    let notes = notes(r, map, path);
    let mut terms = map.clone();
    for key in ["name", "notes"] {
        terms.remove(key);
    }
    for key in ["format", "version"] {
        if terms.remove(key).is_some() {
            r.error(join(path, key), "belongs to the team file, not to a project");
        }
    }
    for key in MEMBERS_OWN {
        if terms.remove(key).is_some() {
            r.error(join(path, key), format!("is each member's own: give it as members[].{key}"));
        }
    }
    for (section, key, member_key) in MEMBERS_OWN_IN_SECTIONS {
        if let Some(Value::Object(inner)) = terms.get_mut(section) {
            if inner.remove(key).is_some() {
                r.error(
                    join(&join(path, section), key),
                    format!("is each member's own: give it as members[].{member_key}"),
                );
            }
        }
    }
    Some(ProjectRead { name, notes, terms })
}

fn member(r: &mut Reader, value: &Value, path: &str) -> Option<MemberRead> {
    let f = r.object(value, path, &MEMBER_FIELDS)?;
    let Value::Object(map) = value else { return None };
    let name = r.string(&f, "name");
    let project = r.string(&f, "project");
    let count = r.whole(&f, "count", 1, MAX_COUNT);
    let notes = notes(r, map, path);
    let own = ["salary", "tokens", "annual_departure_pct", "quit_if", "personal"]
        .into_iter()
        .filter_map(|key| Some((key.to_string(), map.get(key)?.clone())))
        .collect();
    Some(MemberRead { name, notes, project, count, own })
}

/// The member's offer document: the project's terms, the member's own fields where the offer file
/// has them, and a name that says whose it is.
fn member_document(project: &ProjectRead, member: &MemberRead) -> Value {
    let mut doc = project.terms.clone();
    doc.insert("format".into(), Value::from(OFFER_FORMAT));
    doc.insert("version".into(), Value::from(OFFER_VERSION));
    doc.insert("name".into(), Value::from(format!("{} · {}", project.name, member.name)));
    for key in MEMBERS_OWN {
        if let Some(v) = member.own.get(key) {
            doc.insert(key.into(), v.clone());
        }
    }
    // Where the project's section is not an object, the offer reader reports that at the
    // project's path; the member's field has nowhere to go.
    for (section, key, member_key) in MEMBERS_OWN_IN_SECTIONS {
        if let (Some(Value::Object(inner)), Some(v)) =
            (doc.get_mut(section), member.own.get(member_key))
        {
            inner.insert(key.into(), v.clone());
        }
    }
    // Team file version 1 was written for offer rules before version 4: where neither the project
    // nor the member sets version 4's two rules, it keeps meaning the old ones (docs/TEAM.md).
    for (section, key, old_rule) in [
        ("leaving", "salary_after_cancellation", "continues"),
        ("personal", "wealth_counts", "savings"),
    ] {
        if let Some(Value::Object(inner)) = doc.get_mut(section) {
            inner.entry(key).or_insert_with(|| Value::from(old_rule));
        }
    }
    Value::Object(doc)
}

/// The team file's path of member `m`'s own field at `offer_path` of their offer (`grant.tokens`
/// → `members[2].tokens`, `leaving.quit_if.every_months` → `members[2].quit_if.every_months`,
/// `personal.wealth` → `members[2].personal.wealth`), or `None` for a field the project's plan
/// sets. The one list of what is each member's own.
#[must_use]
pub fn member_path(offer_path: &str, m: usize) -> Option<String> {
    // What follows `key` in `offer_path`, if it is `key` or a field under it.
    let under = |key: &str| {
        offer_path.strip_prefix(key).filter(|rest| rest.is_empty() || rest.starts_with('.'))
    };
    if offer_path == "name" {
        return Some(format!("members[{m}].name"));
    }
    for (section, key, member_key) in MEMBERS_OWN_IN_SECTIONS {
        if let Some(rest) = under(&format!("{section}.{key}")) {
            return Some(format!("members[{m}].{member_key}{rest}"));
        }
    }
    MEMBERS_OWN.iter().any(|k| under(k).is_some()).then(|| format!("members[{m}].{offer_path}"))
}

/// The offer path of member `m`'s own field at the team file's `path`: [`member_path`] turned
/// round (`members[2].quit_if` → `leaving.quit_if`).
#[must_use]
pub fn member_offer_path(path: &str, m: usize) -> Option<String> {
    let own = path.strip_prefix(&format!("members[{m}]."))?;
    let under =
        |key: &str| own.strip_prefix(key).filter(|rest| rest.is_empty() || rest.starts_with('.'));
    for (section, key, member_key) in MEMBERS_OWN_IN_SECTIONS {
        if let Some(rest) = under(member_key) {
            return Some(format!("{section}.{key}{rest}"));
        }
    }
    Some(own.to_string())
}

/// The team file's path of a field of member `m`'s offer on project `p`.
fn team_path(offer_path: &str, p: usize, m: usize) -> String {
    if let Some(path) = member_path(offer_path, m) {
        return path;
    }
    match offer_path {
        "" => format!("projects[{p}]"),
        path if path.starts_with('[') => format!("projects[{p}]{path}"),
        path => format!("projects[{p}].{path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{member_offer_path, member_path, team_path};

    #[test]
    fn an_offer_s_paths_become_the_team_file_s() {
        for (offer, team) in [
            ("scenarios[0].probability_pct", "projects[1].scenarios[0].probability_pct"),
            ("grant.vesting.cliff_months", "projects[1].grant.vesting.cliff_months"),
            ("grant.tokens", "members[2].tokens"),
            ("leaving.annual_departure_pct", "members[2].annual_departure_pct"),
            ("leaving.vested_on_leave", "projects[1].leaving.vested_on_leave"),
            ("leaving.quit_if", "members[2].quit_if"),
            ("leaving.quit_if.min_trailing_revenue", "members[2].quit_if.min_trailing_revenue"),
            ("salary.base_annual", "members[2].salary.base_annual"),
            ("salary", "members[2].salary"),
            ("personal.wealth", "members[2].personal.wealth"),
            ("personality", "projects[1].personality"),
            ("scenarios", "projects[1].scenarios"),
            ("", "projects[1]"),
        ] {
            assert_eq!(team_path(offer, 1, 2), team, "{offer}");
        }
    }

    #[test]
    fn a_member_s_paths_go_both_ways() {
        for (at, path) in [
            ("personal.taxed_at", "members[2].personal.taxed_at"),
            ("leaving.quit_if", "members[2].quit_if"),
            ("leaving.quit_if.every_months", "members[2].quit_if.every_months"),
            ("salary.base_annual", "members[2].salary.base_annual"),
        ] {
            assert_eq!(member_path(at, 2).as_deref(), Some(path));
            assert_eq!(member_offer_path(path, 2).as_deref(), Some(at));
        }
        assert_eq!(member_offer_path("members[2].personal.wealth", 1), None);
        // The plan's own fields are no member's.
        assert_eq!(member_path("leaving.vested_on_leave", 2), None);
        assert_eq!(member_path("personality", 2), None);
    }
}
