//! The Company view's pure core (src/company): table operations on the team document keep it a
//! team the reader accepts, errors land on the rows and fields that show them, the storage
//! envelope keeps and refuses what it must, and the charts' geometry worked by hand.

use serde_json::{json, Value};
use tokenworth::company::charts::{cost_worth_chart, member_ranges, range_chart};
use tokenworth::company::draft::{self, errors_at, row_errors, MEMBER_COLUMNS, PROJECT_COLUMNS};
use tokenworth::company::saved::{self, LoadedTeam};
use tokenworth::company::EXAMPLE_TEAM;
use tokenworth::offer::paths::{self, text_at};
use tokenworth::offer::{FieldError, OfferError};
use tokenworth::team::{read_team, value_team};

fn example() -> Value {
    serde_json::from_str(EXAMPLE_TEAM).unwrap()
}

fn errors(doc: &Value) -> Vec<FieldError> {
    match read_team(doc) {
        Ok(_) => Vec::new(),
        Err(OfferError::Invalid(e)) => e,
        Err(other) => panic!("{other}"),
    }
}

fn member_names(doc: &Value) -> Vec<String> {
    (0..paths::list_len(doc, "members"))
        .map(|i| text_at(doc, &format!("members[{i}].name")))
        .collect()
}

#[test]
fn the_example_team_reads_and_has_two_projects_and_three_roles() {
    let doc = example();
    assert!(errors(&doc).is_empty());
    assert_eq!(draft::project_names(&doc), ["Copilot", "Agents"]);
    assert_eq!(paths::list_len(&doc, "members"), 3);
}

#[test]
fn adding_a_member_copies_the_last_under_a_new_name_and_still_reads() {
    let mut doc = example();
    let row = draft::add_member(&mut doc);
    assert_eq!(row, 3);
    assert_eq!(text_at(&doc, "members[3].name"), "New member");
    assert_eq!(text_at(&doc, "members[3].project"), text_at(&doc, "members[2].project"));
    assert_eq!(text_at(&doc, "members[3].tokens"), text_at(&doc, "members[2].tokens"));
    assert!(errors(&doc).is_empty(), "{:?}", errors(&doc));
    // A second one is not given the same name (names are unique within a project).
    draft::add_member(&mut doc);
    assert_eq!(text_at(&doc, "members[4].name"), "New member 2");
    assert!(errors(&doc).is_empty(), "{:?}", errors(&doc));
}

#[test]
fn duplicating_and_removing_members() {
    let mut doc = example();
    let first = text_at(&doc, "members[0].name");
    assert_eq!(draft::duplicate_member(&mut doc, 0), Some(1));
    assert_eq!(text_at(&doc, "members[1].name"), format!("{first} (copy)"));
    assert_eq!(draft::duplicate_member(&mut doc, 0), Some(1));
    assert_eq!(text_at(&doc, "members[1].name"), format!("{first} (copy) 2"));
    assert!(draft::remove_member(&mut doc, 1));
    assert!(draft::remove_member(&mut doc, 1));
    assert_eq!(doc, example());
    assert!(!draft::remove_member(&mut doc, 9));
    assert_eq!(draft::duplicate_member(&mut doc, 9), None);
}

#[test]
fn renaming_a_project_renames_it_in_its_members() {
    let mut doc = example();
    assert!(draft::set_field(&mut doc, "projects[0].name", json!("Pilot")));
    let on_pilot = (0..3).filter(|m| text_at(&doc, &format!("members[{m}].project")) == "Pilot");
    assert!(on_pilot.count() >= 1);
    assert!(errors(&doc).is_empty(), "{:?}", errors(&doc));
    // Other fields are written as they are, and a path that does not fit changes nothing.
    assert!(draft::set_field(&mut doc, "members[0].tokens", json!(1)));
    assert_eq!(text_at(&doc, "members[0].tokens"), "1");
    let before = doc.clone();
    assert!(!draft::set_field(&mut doc, "members[7].tokens", json!(1)));
    assert_eq!(doc, before);
}

#[test]
fn projects_are_added_duplicated_and_removed_with_their_members() {
    let mut doc = example();
    let members = paths::list_len(&doc, "members");
    let on_first = (0..members)
        .filter(|m| text_at(&doc, &format!("members[{m}].project")) == "Copilot")
        .count();
    assert_eq!(draft::duplicate_project(&mut doc, 0), Some(1));
    assert_eq!(draft::project_names(&doc), ["Copilot", "Copilot (copy)", "Agents"]);
    assert_eq!(paths::list_len(&doc, "members"), members + on_first);
    assert!(errors(&doc).is_empty(), "{:?}", errors(&doc));
    assert!(draft::remove_project(&mut doc, 1));
    assert_eq!(doc, example());

    assert_eq!(draft::add_project(&mut doc), Some(2));
    assert_eq!(text_at(&doc, "projects[2].name"), "New project");
    assert_eq!(text_at(&doc, &format!("members[{members}].project")), "New project");
    assert!(errors(&doc).is_empty(), "{:?}", errors(&doc));
    assert!(draft::remove_project(&mut doc, 2));
    assert_eq!(doc, example());
}

#[test]
fn errors_land_on_their_field_or_their_row() {
    let mut doc = example();
    draft::set_field(&mut doc, "members[1].tokens", json!("lots"));
    draft::set_field(&mut doc, "projects[0].scenarios[0].probability_pct", json!("90"));
    draft::set_field(&mut doc, "discount_rate_pct", json!("-5"));
    let errs = errors(&doc);
    assert_eq!(errors_at(&errs, "members[1].tokens").len(), 1, "{errs:?}");
    assert!(!errors_at(&errs, "discount_rate_pct").is_empty(), "{errs:?}");
    // The scenario is not a column of the projects table: the row says it, with its path.
    let row = row_errors(&errs, "projects[0]", &PROJECT_COLUMNS);
    assert!(row.iter().any(|e| e.starts_with("scenarios")), "{row:?}");
    // The tokens are a column: the member's row does not repeat them; projects[10] is not [1].
    assert!(row_errors(&errs, "members[1]", &MEMBER_COLUMNS).is_empty());
    assert!(row_errors(&errs, "projects[1]", &PROJECT_COLUMNS).is_empty());
    assert_eq!(draft::team_errors(&errs).len(), 1);
}

#[test]
fn the_stored_envelope_keeps_refuses_and_backs_up() {
    let doc = example();
    assert_eq!(saved::load(None), LoadedTeam::Empty);
    assert_eq!(saved::load(Some(&saved::to_json(&doc))), LoadedTeam::Team(doc.clone()));
    // A team half typed is kept as it is.
    let mut broken = doc.clone();
    draft::set_field(&mut broken, "members[0].count", json!("a few"));
    assert_eq!(saved::load(Some(&saved::to_json(&broken))), LoadedTeam::Team(broken));
    // A frozen version 1 envelope (don't modify this string).
    let frozen = r#"{"format":"tokenworth-company","version":1,"team":{"format":"tokenworth-team","version":1,"company":"Frozen"}}"#;
    assert!(matches!(saved::load(Some(frozen)), LoadedTeam::Team(t) if t["company"] == "Frozen"));
    assert_eq!(
        saved::load(Some(r#"{"format":"tokenworth-company","version":2,"team":{}}"#)),
        LoadedTeam::Newer { version: 2 }
    );
    for raw in [
        "{not json",
        r#"{"format":"tokenworth-library","version":1}"#,
        r#"{"format":"tokenworth-company","version":1}"#,
    ] {
        assert!(
            matches!(saved::load(Some(raw)), LoadedTeam::Unreadable { raw: r, .. } if r == raw),
            "{raw}"
        );
    }
    assert_eq!(saved::import(EXAMPLE_TEAM), Ok(doc));
    assert!(saved::import(r#"{"format":"tokenworth-offer","version":3}"#)
        .unwrap_err()
        .contains("not a team file"));
    assert!(saved::import("[").unwrap_err().contains("not JSON"));
}

/// One member on a sure project: 100 tokens × 10 paid at month 12, income tax 25 %, rates 0.
fn sure_team() -> Value {
    json!({"format": "tokenworth-team", "version": 1, "company": "Test Co", "discount_rate_pct": "0",
        "projects": [{"name": "P", "currency": "USD", "horizon_months": 12,
            "grant": {"supply": 1000, "annual_dilution_pct": "0",
                      "vesting": {"cliff_months": 0, "duration_months": 1, "every_months": 1}},
            "payouts": {"milestones": [{"name": "Launch", "per_token": "10", "month": 12}]},
            "leaving": {"vested_on_leave": "keep"},
            "scenarios": [{"name": "Launches", "probability_pct": "100", "annual_revenue": [], "milestones_hit": ["Launch"]}],
            "simulation": {"paths": 100, "revenue_volatility_pct": "0", "seed": 1}}],
        "members": [{"name": "Dev", "project": "P", "count": 1,
            "salary": {"base_annual": "60000", "sacrificed_annual": "1200"}, "tokens": 100,
            "annual_departure_pct": "0",
            "personal": {"discount_rate_pct": "0", "income_tax_pct": "25", "redemption_tax_pct": "0",
                         "wealth": "100000", "risk_aversion": "2"}}]})
}

#[test]
fn cost_against_worth_by_hand() {
    // Cost 1,000 before tax; worth 750 after tax = 1,000 as cash before tax: two equal bars.
    // The axis runs 0 to 1,000 from x = 24 to 640 − 40 = 600: each bar 576 wide (the names are
    // above the bars, whole).
    let team = read_team(&sure_team()).unwrap();
    let report = value_team(&team).unwrap();
    let chart = cost_worth_chart(&report, 640.0);
    assert_eq!(chart.bars.len(), 2);
    for bar in &chart.bars {
        assert!((bar.x - 24.0).abs() < 1e-9 && (bar.width - 576.0).abs() < 1e-6, "{bar:?}");
    }
    assert_eq!(chart.bars[0].class, "bar-cost");
    assert!(chart.bars[1].label.contains("$1,000.00"), "{}", chart.bars[1].label);
    // One row: its name above its bars, the axis under it, the chart a little taller.
    assert!((chart.axis_y - (8.0 + 54.0)).abs() < 1e-9 && chart.height > chart.axis_y);
    assert_eq!(chart.row_labels.len(), 1);
    assert_eq!((chart.row_labels[0].x, chart.row_labels[0].text.as_str()), (24.0, "P · Dev"));
    assert!(chart.row_labels[0].y < chart.bars[0].y);
    assert!(chart.description.contains("P · Dev 100%"), "{}", chart.description);
}

#[test]
fn the_range_of_outcomes_by_hand() {
    // A sure 750 after tax: P10 = P50 = P90 = expected = 750, no chance of nothing. Ticks to
    // 800, so 750 sits at 24 + 576 × 750 / 800 = 564; the range is a 1-unit sliver there.
    let team = read_team(&sure_team()).unwrap();
    let ranges = member_ranges(&value_team(&team).unwrap());
    assert_eq!(ranges.len(), 1);
    let r = &ranges[0];
    for v in [r.p10, r.p50, r.p90, r.expected] {
        assert!((v - 750.0).abs() < 1e-6, "{r:?}");
    }
    assert_eq!(r.prob_zero, 0.0);
    let chart = range_chart(&ranges, "USD", 640.0);
    let at = 24.0 + 576.0 * 750.0 / 800.0;
    assert!(
        (chart.bars[0].x - at).abs() < 1e-6 && chart.bars[0].width == 1.0,
        "{:?}",
        chart.bars[0]
    );
    assert!((chart.bars[1].x - (at - 1.0)).abs() < 1e-6, "median tick {:?}", chart.bars[1]);
    assert!((chart.bars[2].x - (at - 3.0)).abs() < 1e-6, "expected dot {:?}", chart.bars[2]);
    assert!(
        chart.description.contains("P · Dev from $750 to $750 (0% chance of nothing)"),
        "{}",
        chart.description
    );
}

#[test]
fn the_example_teams_charts_have_a_row_per_member() {
    let team = read_team(&example()).unwrap();
    let report = value_team(&team).unwrap();
    let ranges = member_ranges(&report);
    assert_eq!(cost_worth_chart(&report, 360.0).bars.len(), 2 * 3);
    let chart = range_chart(&ranges, "USD", 360.0);
    assert_eq!(chart.bars.len(), 3 * 3);
    for (r, m) in ranges.iter().zip(&report.members) {
        // The range chart's expected value is the member's own, as `tokenworth value` has it.
        assert!((r.expected - m.own.expected_token_pv).abs() < 1e-9);
        assert!(r.p10 <= r.p50 && r.p50 <= r.p90);
    }
    for bar in &chart.bars {
        assert!(bar.x >= 24.0 - 3.0 && bar.x + bar.width <= 360.0 - 40.0 + 3.0, "{bar:?}");
    }
    // Every name whole (issue 28: they were cut to 18 characters), each above its row.
    let names: Vec<&str> = chart.row_labels.iter().map(|l| l.text.as_str()).collect();
    let whole: Vec<&str> = ranges.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, whole);
    assert!(member_names(&example()).len() == 3);
}

/// Every leaf path of a JSON document (`payouts.buyback.sell_pct`, `scenarios[0].annual_revenue[1]`).
fn leaves(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                leaves(child, if path.is_empty() { k.clone() } else { format!("{path}.{k}") }, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, child) in items.iter().enumerate() {
                leaves(child, format!("{path}[{i}]"), out);
            }
        }
        _ => out.push(path),
    }
}

/// An offer file as a project: everything but what the team file keeps elsewhere.
fn as_project(offer: &str) -> Value {
    let offer = tokenworth::parse_offer(offer).unwrap();
    let mut doc: Value = serde_json::from_str(&tokenworth::offer::write_offer(&offer)).unwrap();
    let map = doc.as_object_mut().unwrap();
    for key in ["format", "version", "salary", "personal"] {
        map.remove(key);
    }
    map.insert("name".into(), json!("P"));
    doc["grant"].as_object_mut().unwrap().remove("tokens");
    // Each member's own (company::plan::is_members_own), as the departure rate is.
    doc["leaving"].as_object_mut().unwrap().remove("annual_departure_pct");
    doc["leaving"].as_object_mut().unwrap().remove("quit_if");
    doc
}

/// Every term of every shipped offer, put in a project, has a field in the Company view: in the
/// projects table, or in the project's plan editor (the calculator's sections, its vesting,
/// milestone and scenario tables, the checklist), so that nothing needs the team file by hand.
#[test]
fn every_term_of_a_plan_has_a_field_in_the_page() {
    use tokenworth::company::plan::shown_at;
    use tokenworth::form::fields::{find, is_shown};
    let dir = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".json") || name.contains("expected") {
            continue;
        }
        let project = as_project(&std::fs::read_to_string(&path).unwrap());
        let mut paths = Vec::new();
        leaves(&project, String::new(), &mut paths);
        for p in paths {
            let in_table = PROJECT_COLUMNS.iter().any(|(c, _)| *c == p);
            // A field its choice hides (a price decline with a budget in money) is hidden in the
            // calculator too; an error there is listed in the project's row.
            let hidden = find(&p).is_some_and(|f| !is_shown(f, &project));
            assert!(
                in_table || hidden || shown_at(&project, &p).is_some(),
                "{name}: {p} has no field"
            );
        }
        seen += 1;
    }
    assert!(seen >= 10, "{seen} examples");
    // What the editor has no field for is not claimed: an unknown term, a scenario beyond the list.
    let project = &example()["projects"][0];
    for p in
        ["payouts.buyback.bonus", "scenarios[7].name", "payouts", "grant.vesting.schedule[0].pct"]
    {
        assert_eq!(shown_at(project, p), None, "{p}");
    }
    assert_eq!(
        shown_at(project, "scenarios[1].milestones_hit[0]").as_deref(),
        Some("scenarios[1].milestones_hit")
    );
}

/// The plan's sections are the calculator's, less the member's own fields and the table's.
#[test]
fn the_plan_editor_has_the_calculators_sections_less_the_members_fields() {
    use tokenworth::company::plan::plan_sections;
    let sections = plan_sections();
    let ids: Vec<&str> = sections.iter().map(|s| s.section.id).collect();
    assert_eq!(
        ids,
        [
            "offer",
            "compute_budget",
            "grant",
            "revenue_share",
            "buyback",
            "cap",
            "mix",
            "leaving",
            "simulation"
        ]
    );
    let fields: Vec<&str> = sections.iter().flat_map(|s| s.fields.iter().map(|f| f.path)).collect();
    for own in [
        "name",
        "horizon_months",
        "grant.tokens",
        "grant.supply",
        "leaving.annual_departure_pct",
        "salary.base_annual",
        "personal.wealth",
    ] {
        assert!(!fields.contains(&own), "{own}");
    }
    for term in [
        "currency",
        "payouts.revenue_share.pool_pct",
        "payouts.revenue_share.hurdle_annual",
        "payouts.buyback.max_sale_per_window",
        "payouts.cap_per_token",
        "grant.expires_month",
        "grant.vesting.cliff_months",
        "leaving.vested_on_leave",
        "simulation.seed",
    ] {
        assert!(fields.contains(&term), "{term}");
    }
}

/// The calculator's own table operations, applied to a project, keep the team one the reader
/// takes, and its figures follow: a fourth scenario, chances made to add up, a milestone it
/// reaches, tenders priced per scenario.
#[test]
fn the_calculators_table_operations_edit_a_project() {
    use tokenworth::company::draft::edit_project;
    use tokenworth::form::draft as offer_draft;
    let mut doc = example();
    let before = value_team(&read_team(&doc).unwrap()).unwrap();
    edit_project(&mut doc, 1, offer_draft::add_scenario).unwrap();
    draft::set_field(&mut doc, "projects[1].scenarios[3].probability_pct", json!("10"));
    draft::set_field(&mut doc, "projects[1].scenarios[3].annual_revenue[0]", json!("5000000"));
    assert!(!errors(&doc).is_empty(), "110 % in all");
    edit_project(&mut doc, 1, offer_draft::balance_probabilities).unwrap();
    assert_eq!(offer_draft::probability_total(&doc["projects"][1]), 100.into());
    edit_project(&mut doc, 1, offer_draft::add_milestone).unwrap();
    edit_project(&mut doc, 1, |p| offer_draft::set_milestone_hit(p, 3, "Milestone", true)).unwrap();
    edit_project(&mut doc, 1, |p| offer_draft::set_choice(p, "payouts.buyback.price", "scenario"))
        .unwrap();
    assert!(errors(&doc).is_empty(), "{:?}", errors(&doc));
    let after = value_team(&read_team(&doc).unwrap()).unwrap();
    assert_ne!(after.projects[1].totals, before.projects[1].totals);
    assert_eq!(after.projects[0].totals, before.projects[0].totals, "Copilot is as it was");
    assert!(edit_project(&mut doc, 9, offer_draft::add_scenario).is_none());
}

/// A plan's errors land on its fields; what no field shows is listed in the project's row, with
/// its path, and the plan's heading counts the rest.
#[test]
fn a_plans_errors_land_on_its_fields_or_its_row() {
    use tokenworth::company::plan::{errors_elsewhere, errors_shown_at, plan_problem_count};
    let mut doc = example();
    draft::set_field(&mut doc, "projects[0].payouts.revenue_share.pool_pct", json!("150"));
    draft::set_field(&mut doc, "projects[0].payouts.buyback.bonus", json!("1"));
    draft::set_field(&mut doc, "projects[0].scenarios[1].milestones_hit[0]", json!("Nope"));
    let errs = errors(&doc);
    assert_eq!(errors_at(&errs, "projects[0].payouts.revenue_share.pool_pct").len(), 1, "{errs:?}");
    let elsewhere = errors_elsewhere(&doc, &errs, 0);
    assert_eq!(elsewhere.len(), 1, "{elsewhere:?}");
    assert!(elsewhere[0].starts_with("payouts.buyback.bonus: "), "{elsewhere:?}");
    assert_eq!(plan_problem_count(&doc, &errs, 0), 2, "{errs:?}");
    assert_eq!(errors_shown_at(&doc, &errs, 0, "scenarios[1].milestones_hit").len(), 1);
    assert!(errors_elsewhere(&doc, &errs, 1).is_empty() && plan_problem_count(&doc, &errs, 1) == 0);
}

/// Each field of the team file is typed as the calculator types it.
#[test]
fn team_fields_are_typed_as_the_calculators() {
    use tokenworth::form::fields::FieldKind::{Count, Money, Percent, Text};
    for (path, kind, optional) in [
        ("company", Text, false),
        ("discount_rate_pct", Percent, false),
        ("projects[0].name", Text, false),
        ("projects[0].grant.supply", Count, false),
        ("projects[1].grant.annual_dilution_pct", Percent, false),
        ("members[2].tokens", Count, false),
        ("members[2].count", Count, false),
        ("members[0].annual_departure_pct", Percent, false),
        ("members[0].salary.base_annual", Money, false),
        ("members[0].personal.redemption_tax_pct", Percent, false),
        ("members[0].notes", Text, true),
    ] {
        let spec = draft::field_spec(path);
        assert_eq!((spec.kind, spec.optional), (kind, optional), "{path}");
    }
}
