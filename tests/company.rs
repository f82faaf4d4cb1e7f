//! The Company view's pure core (src/company): table operations on the team document keep it a
//! team the reader accepts, errors land on the rows and fields that show them, the storage
//! envelope keeps and refuses what it must, and the charts' geometry worked by hand.

use serde_json::{json, Value};
use tokenworth::company::charts::{cost_worth_chart, member_ranges, range_chart};
use tokenworth::company::draft::{self, errors_at, row_errors, MEMBER_COLUMNS, PROJECT_COLUMNS};
use tokenworth::company::saved::{self, LoadedTeam};
use tokenworth::company::EXAMPLE_TEAM;
use tokenworth::form::draft::text_at;
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
    (0..draft::rows(doc, "members")).map(|i| text_at(doc, &format!("members[{i}].name"))).collect()
}

#[test]
fn the_example_team_reads_and_has_two_projects_and_three_roles() {
    let doc = example();
    assert!(errors(&doc).is_empty());
    assert_eq!(draft::project_names(&doc), ["Copilot", "Agents"]);
    assert_eq!(draft::rows(&doc, "members"), 3);
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
    let members = draft::rows(&doc, "members");
    let on_first = (0..members)
        .filter(|m| text_at(&doc, &format!("members[{m}].project")) == "Copilot")
        .count();
    assert_eq!(draft::duplicate_project(&mut doc, 0), Some(1));
    assert_eq!(draft::project_names(&doc), ["Copilot", "Copilot (copy)", "Agents"]);
    assert_eq!(draft::rows(&doc, "members"), members + on_first);
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
    // The axis runs 0 to 1,000 from x = 64 + 70 = 134 to 640 − 16 = 624: each bar 490 wide.
    let team = read_team(&sure_team()).unwrap();
    let report = value_team(&team).unwrap();
    let chart = cost_worth_chart(&report, 640.0);
    assert_eq!(chart.bars.len(), 2);
    for bar in &chart.bars {
        assert!((bar.x - 134.0).abs() < 1e-9 && (bar.width - 490.0).abs() < 1e-6, "{bar:?}");
    }
    assert_eq!(chart.bars[0].class, "bar-cost");
    assert!(chart.bars[1].label.contains("$1,000.00"), "{}", chart.bars[1].label);
    // One row: the axis under it, the chart a little taller.
    assert!((chart.axis_y - (16.0 + 30.0)).abs() < 1e-9 && chart.height > chart.axis_y);
    assert!(chart.description.contains("P · Dev 100%"), "{}", chart.description);
}

#[test]
fn the_range_of_outcomes_by_hand() {
    // A sure 750 after tax: P10 = P50 = P90 = expected = 750, no chance of nothing. Ticks to
    // 800, so 750 sits at 134 + 490 × 750 / 800 = 593.375; the range is a 1-unit sliver there.
    let team = read_team(&sure_team()).unwrap();
    let ranges = member_ranges(&team).unwrap();
    assert_eq!(ranges.len(), 1);
    let r = &ranges[0];
    for v in [r.p10, r.p50, r.p90, r.expected] {
        assert!((v - 750.0).abs() < 1e-6, "{r:?}");
    }
    assert_eq!(r.prob_zero, 0.0);
    let chart = range_chart(&ranges, "USD", 640.0);
    let at = 134.0 + 490.0 * 750.0 / 800.0;
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
    let ranges = member_ranges(&team).unwrap();
    assert_eq!(cost_worth_chart(&report, 360.0).bars.len(), 2 * 3);
    let chart = range_chart(&ranges, "USD", 360.0);
    assert_eq!(chart.bars.len(), 3 * 3);
    for (r, m) in ranges.iter().zip(&report.members) {
        // The range chart's expected value is the member's own, as `tokenworth value` has it.
        assert!((r.expected - m.own.expected_token_pv).abs() < 1e-9);
        assert!(r.p10 <= r.p50 && r.p50 <= r.p90);
    }
    for bar in &chart.bars {
        assert!(bar.x >= 64.0 + 70.0 - 3.0 && bar.x + bar.width <= 360.0 - 16.0 + 3.0, "{bar:?}");
    }
    assert!(member_names(&example()).len() == 3);
}
