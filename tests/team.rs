//! The team file and its report (src/team): tables worked by hand for one-member teams and for
//! the levelling, the reader's errors at their paths, `tokenworth team` as JSON and as text, each
//! member's offer valued by `tokenworth value` to the same figures, and what "publish" writes.

mod common;

use std::process::{Command, Output};

use serde_json::{json, Value};
use tokenworth::engine::decision::GrantSizes;
use tokenworth::engine::{decide, Solved};
use tokenworth::offer::Answer;
use tokenworth::team::{
    self, parse_team, publish, read_team, value_team, TeamReport, TeamValuation,
};
use tokenworth::{parse_offer, value, OfferError};

/// One project of `horizon` 12 months, 1,000 tokens of supply, everything vested at the end of
/// month 1, nobody leaves, no volatility: a milestone "Launch" of 10 a token at month 12, hit in
/// the scenarios listed as hitting it.
fn project(name: &str, scenarios: Value) -> Value {
    json!({
        "name": name,
        "currency": "USD",
        "horizon_months": 12,
        "grant": {"supply": 1000, "annual_dilution_pct": "0",
                  "vesting": {"cliff_months": 0, "duration_months": 1, "every_months": 1}},
        "payouts": {"milestones": [{"name": "Launch", "per_token": "10", "month": 12}]},
        "leaving": {"vested_on_leave": "keep"},
        "scenarios": scenarios,
        "simulation": {"paths": 100, "revenue_volatility_pct": "0", "seed": 1}
    })
}

fn sure() -> Value {
    json!([{"name": "Launches", "probability_pct": "100", "annual_revenue": [], "milestones_hit": ["Launch"]}])
}

fn coin() -> Value {
    json!([
        {"name": "Launches", "probability_pct": "50", "annual_revenue": [], "milestones_hit": ["Launch"]},
        {"name": "Fails", "probability_pct": "50", "annual_revenue": [], "milestones_hit": []}
    ])
}

/// A member giving up 1,200 a year for 100 tokens, discounting at 0 %, never leaving.
fn member(
    name: &str,
    project: &str,
    count: u64,
    income_tax: &str,
    wealth: &str,
    gamma: &str,
) -> Value {
    json!({
        "name": name, "project": project, "count": count,
        "salary": {"base_annual": "60000", "sacrificed_annual": "1200"},
        "tokens": 100,
        "annual_departure_pct": "0",
        "personal": {"discount_rate_pct": "0", "income_tax_pct": income_tax, "redemption_tax_pct": "0",
                     "wealth": wealth, "risk_aversion": gamma}
    })
}

fn team_of(rate: &str, projects: Vec<Value>, members: Vec<Value>) -> Value {
    json!({"format": "tokenworth-team", "version": 1, "company": "Test Co",
           "discount_rate_pct": rate, "projects": projects, "members": members})
}

fn report_of(team: &Value) -> TeamReport {
    value_team(&read_team(team).unwrap_or_else(|e| panic!("{e}"))).unwrap()
}

fn near(what: &str, got: f64, want: f64) {
    assert!((got - want).abs() < 1e-6, "{what}: got {got}, want {want}");
}

#[test]
fn a_sure_one_member_team_by_hand() {
    // Company rate 0: 100 tokens × 10 = 1,000 paid before tax; 12 × 100 = 1,200 of salary saved.
    // Member (income tax 25 %): tokens 750, salary given up 900, net −150, no risk at all; worth
    // as cash before tax 750 / 0.75 = 1,000, so worth/cost = 1. Salary equivalent: the CE spread
    // over the one month of vesting, 12 × 750 / 0.75 = 12,000 a year.
    let team = team_of(
        "0",
        vec![project("Sure", sure())],
        vec![member("Eng", "Sure", 3, "25", "10000", "2")],
    );
    let r = report_of(&team);
    let m = &r.members[0];
    let each = &m.each;
    for (what, got, want) in [
        ("token cost", each.token_cost, 1000.0),
        ("salary saved", each.salary_saved, 1200.0),
        ("expected token value", m.own.expected_token_pv, 750.0),
        ("salary given up", m.own.expected_sacrifice_pv, 900.0),
        ("net", m.own.expected_net_pv, -150.0),
        ("certainty equivalent", m.own.certainty_equivalent, 750.0),
        ("worth before tax", each.worth_pretax, 1000.0),
        ("salary equivalent", m.own.salary_equivalent_annual_pretax, 12000.0),
        ("risk-adjusted net", m.own.risk_adjusted_net, -150.0),
        ("risk carried", m.own.risk_carried, 0.0),
        ("net cost", each.net_cost(), -200.0),
        ("cost beyond worth", each.cost_beyond_worth(), 0.0),
    ] {
        near(what, got, want);
    }
    assert_eq!(m.own.prob_zero, 0.0);
    near("worth/cost", each.worth_to_cost().unwrap(), 1.0);
    near("per unit given up", each.value_per_unit_given_up().unwrap(), -150.0 / 900.0);
    // Three of them: every money figure × 3; the project and the team are that member.
    near("all: token cost", m.all.token_cost, 3000.0);
    near("all: worth", m.all.worth_pretax, 3000.0);
    assert_eq!(m.all.people, 3);
    assert_eq!(r.projects[0].totals, m.all);
    assert_eq!(r.team, m.all);
    // Fair at 7.5 t ≥ 900: t = 120 (119 gives 892.50). The only member is the target itself.
    assert_eq!(m.levelled.fair_tokens, Solved::At(120));
    assert_eq!(m.levelled.tokens, Solved::At(100));
    near("fair cost each", m.levelled.fair_token_cost.unwrap(), 1200.0);
    near("extra cost fair", r.levelling.extra_token_cost_fair.unwrap(), 3.0 * 200.0);
    near("extra cost levelled", r.levelling.extra_token_cost.unwrap(), 0.0);
    // The pool: 3 × 100 of 1,000; 3 × 120 when fair.
    let pool = r.projects[0].pool;
    assert_eq!((pool.supply, pool.held, pool.left(pool.held)), (1000, 300, 700));
    near("held share", pool.share(pool.held), 0.3);
    assert_eq!((pool.held_levelled, pool.held_fair), (Some(300), Some(360)));
}

#[test]
fn the_company_discounts_at_its_own_rate() {
    // At 10 % a year the milestone at month 12 costs 1,000 / 1.1; the salary saved is 100 a
    // month, each discounted by 1.1^(t/12). The member still discounts at 0 %.
    let team = team_of(
        "10",
        vec![project("Sure", sure())],
        vec![member("Eng", "Sure", 1, "25", "10000", "2")],
    );
    let each = report_of(&team).members[0].each;
    near("token cost", each.token_cost, 1000.0 / 1.1);
    let saved: f64 = (1..=12).map(|t| 100.0 * 1.1_f64.powf(-f64::from(t) / 12.0)).sum();
    near("salary saved", each.salary_saved, saved);
    near("member's own value", each.expected_token_pv, 750.0);
}

#[test]
fn a_coin_flip_member_by_hand_with_log_utility() {
    // Tax 25 %, wealth 1,250, γ = 1. Tokens: 750 or 0 after tax, CE = √(2000 · 1250) − 1250;
    // net: −150 or −900, CE = √(1100 · 350) − 1250; expected net 375 − 900 = −525. The company,
    // risk-neutral at 0 %, expects 500 of cost; the chance of nothing is one half.
    let team = team_of(
        "0",
        vec![project("Coin", coin())],
        vec![member("Eng", "Coin", 1, "25", "1250", "1")],
    );
    let r = report_of(&team);
    let m = &r.members[0];
    let ce = (2000.0_f64 * 1250.0).sqrt() - 1250.0;
    let ran = (1100.0_f64 * 350.0).sqrt() - 1250.0;
    near("token cost", m.each.token_cost, 500.0);
    near("certainty equivalent", m.own.certainty_equivalent, ce);
    near("worth before tax", m.each.worth_pretax, ce / 0.75);
    near("worth/cost", m.each.worth_to_cost().unwrap(), ce / 0.75 / 500.0);
    near("risk-adjusted net", m.own.risk_adjusted_net, ran);
    near("risk carried", m.own.risk_carried, -525.0 - ran);
    near("chance of nothing", m.own.prob_zero, 0.5);
    near("project's chance of nothing", r.projects[0].prob_zero, 0.5);
}

#[test]
fn the_company_counts_the_terminal_value_at_the_full_formula_price() {
    // Revenue 12,000 a year: at month 12 the formula price is 2 × 12,000 / 1,000 = 24 a token.
    // The member's 100 tokens are worth 2,400 × (1 − 30 % illiquidity) × (1 − 20 % tax) = 1,344 to
    // them; the company still owes the full 2,400.
    let mut p = project(
        "Rev",
        json!([{"name": "Sells", "probability_pct": "100", "annual_revenue": ["12000"]}]),
    );
    p["payouts"] = json!({"buyback": {"revenue_multiple": "2", "first_window_month": 1000, "every_months": 12,
        "sell_pct": "0", "terminal": true, "illiquidity_discount_pct": "30"}});
    let mut m = member("Eng", "Rev", 1, "25", "10000", "0");
    m["personal"]["redemption_tax_pct"] = json!("20");
    let r = report_of(&team_of("0", vec![p], vec![m]));
    near("member's value", r.members[0].own.expected_token_pv, 1344.0);
    near("company's cost", r.members[0].each.token_cost, 2400.0);
}

#[test]
fn levelling_two_projects_by_hand() {
    // Risk-neutral, no tax, rate 0, 1,200 given up, 100 tokens each. Sure: 10 a token, net −200,
    // −1/6 per unit given up. Coin: 5 a token expected, net −700, −7/12 per unit. The target is
    // Sure's −1/6: Coin needs 5 t − 1,200 ≥ −200, t = 200. Fair: Sure 10 t ≥ 1,200 → 120; Coin
    // 5 t ≥ 1,200 → 240. The levelled grants cost the company (200 − 100) × 5 = 500 more for each
    // of Coin's 2 people; the fair ones 20 × 10 for Sure's one and 140 × 5 for each of Coin's two.
    let team = team_of(
        "0",
        vec![project("Sure", sure()), project("Coin", coin())],
        vec![member("A", "Sure", 1, "0", "10000", "0"), member("B", "Coin", 2, "0", "10000", "0")],
    );
    let r = report_of(&team);
    let (a, b) = (&r.members[0], &r.members[1]);
    near("A per unit", a.each.value_per_unit_given_up().unwrap(), -200.0 / 1200.0);
    near("B per unit", b.each.value_per_unit_given_up().unwrap(), -700.0 / 1200.0);
    near("target", r.levelling.target.unwrap(), -200.0 / 1200.0);
    assert_eq!(r.levelling.target_member.as_deref(), Some("Sure · A"));
    assert_eq!((a.levelled.tokens, b.levelled.tokens), (Solved::At(100), Solved::At(200)));
    assert_eq!(
        (a.levelled.fair_tokens, b.levelled.fair_tokens),
        (Solved::At(120), Solved::At(240))
    );
    near("extra cost levelled", r.levelling.extra_token_cost.unwrap(), 2.0 * 500.0);
    near("extra cost fair", r.levelling.extra_token_cost_fair.unwrap(), 200.0 + 2.0 * 700.0);
    let best = r.spread.best.clone().unwrap();
    let worst = r.spread.worst.clone().unwrap();
    assert_eq!((best.0.as_str(), worst.0.as_str()), ("Sure", "Coin"));
    near("spread", r.spread.difference().unwrap(), 500.0 / 1200.0);
    assert_eq!(r.projects[1].pool.held_levelled, Some(400));
    assert_eq!(r.projects[1].pool.held_fair, Some(480));
}

#[test]
fn a_grant_beyond_the_supply_is_unreachable() {
    // Coin's fair grant would be 240 tokens; with a supply of 200 it cannot be reached.
    let mut p = project("Coin", coin());
    p["grant"]["supply"] = json!(200);
    let r = report_of(&team_of("0", vec![p], vec![member("B", "Coin", 1, "0", "10000", "0")]));
    assert_eq!(r.members[0].levelled.fair_tokens, Solved::Unreachable);
    assert_eq!(r.projects[0].pool.held_fair, None);
    assert_eq!(r.levelling.extra_token_cost_fair, None);
}

fn example() -> team::TeamFile {
    let text = std::fs::read_to_string(common::repo_path("examples/team/acme-team.json")).unwrap();
    parse_team(&text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_example_shows_the_unfairness_and_levels_it() {
    let team = example();
    let r = value_team(&team).unwrap();
    assert_eq!((r.projects.len(), r.members.len()), (2, 3));
    let per_unit = |i: usize| r.members[i].each.value_per_unit_given_up().unwrap();
    // The same plan and salary given up; the riskier project's people are far worse off.
    assert!(per_unit(0) > 0.0 && per_unit(2) < 0.0, "{} {}", per_unit(0), per_unit(2));
    assert!(r.spread.difference().unwrap() > 0.5);
    let target = r.levelling.target.unwrap();
    for (m, report) in team.members.iter().zip(&r.members) {
        let sizes = GrantSizes::new(&m.offer).unwrap();
        let sacrifice = report.each.expected_sacrifice_pv;
        // At the levelled grant the member reaches the target; one token fewer falls short
        // (unless it is their grant as it is, already at or above it).
        let Solved::At(t) = report.levelled.tokens else { panic!("{} unreachable", report.name) };
        assert!(sizes.risk_adjusted_net(t).unwrap() / sacrifice >= target || t == report.tokens);
        if t > report.tokens {
            assert!(
                sizes.risk_adjusted_net(t - 1).unwrap() / sacrifice < target,
                "{}",
                report.name
            );
        }
        // The fair grant is the existing ask: the grant plus the extra tokens decide() solves for.
        let decision = decide(&m.offer).unwrap();
        let Solved::At(fair) = report.levelled.fair_tokens else { panic!("unreachable") };
        match decision.asks {
            Some(asks) => assert_eq!(Solved::At(fair - report.tokens), asks.extra_tokens),
            None => assert!(fair <= report.tokens && sizes.risk_adjusted_net(fair).unwrap() >= 0.0),
        }
        // The engine's risk-adjusted value at the grant as it is is the decision's.
        assert_eq!(sizes.risk_adjusted_net(report.tokens).unwrap(), decision.risk_adjusted_net);
    }
}

/// The Company view values a team a step at a time, in tasks of their own: the steps add up to
/// `value_team`'s report, three a member: their figures, their levelled grant, their fair grant.
#[test]
fn the_valuation_taken_a_step_at_a_time_is_value_team_s() {
    let team = example();
    let mut valuation = TeamValuation::new(team.clone());
    let mut steps = 1;
    while !valuation.step().unwrap() {
        steps += 1;
    }
    assert_eq!(steps, 3 * team.members.len());
    assert!(valuation.is_finished());
    assert_eq!(valuation.finish().unwrap(), value_team(&team).unwrap());
}

/// Runs `tokenworth ARGS` in the repository.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenworth"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the tokenworth binary runs")
}

fn stdout_json(out: &Output) -> Value {
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

#[test]
fn each_member_s_offer_is_what_tokenworth_value_reports() {
    let team = example();
    let report = stdout_json(&run(&["team", "examples/team/acme-team.json"]));
    let dir = std::env::temp_dir().join(format!("tokenworth-team-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, m) in team.members.iter().enumerate() {
        let file = dir.join(format!("member-{i}.json"));
        std::fs::write(&file, m.offer_text()).unwrap();
        let out = run(&["value", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0));
        let valued = stdout_json(&out);
        let mine = &report["members"][i]["offer"];
        for path in [
            "/expected/token_pv",
            "/expected/sacrifice_pv",
            "/expected/net_pv",
            "/prob_zero",
            "/certainty_equivalent",
            "/salary_equivalent_annual_pretax",
            "/decision/risk_adjusted_net",
            "/decision/risk_carried",
        ] {
            assert_eq!(mine.pointer(path), valued.pointer(path), "member {i} {path}");
            assert!(valued.pointer(path).is_some(), "{path}");
        }
        // And in the library: the written offer reads back to the member's own.
        assert_eq!(parse_offer(&m.offer_text()).unwrap(), m.offer);
        let lib = value(&m.offer).unwrap();
        assert_eq!(
            lib.certainty_equivalent,
            value_team(&team).unwrap().members[i].own.certainty_equivalent
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn tokenworth_team_prints_the_json_report() {
    let out = run(&["team", "examples/team/acme-team.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r = stdout_json(&out);
    assert_eq!(r["format"], "tokenworth-team-report");
    assert_eq!(r["version"], 1);
    assert_eq!(r["company"], "Acme Corp");
    assert_eq!(r["currency"], "USD");
    assert_eq!(r["discount_rate_pct"], "10");
    assert_eq!(r["projects"].as_array().map(Vec::len), Some(2));
    assert_eq!(r["members"].as_array().map(Vec::len), Some(3));
    assert_eq!(r["team"]["people"], 12);
    assert_eq!(r["fairness"]["table"].as_array().map(Vec::len), Some(3));
    assert_eq!(r["fairness"]["spread"]["best_project"], "Copilot");
    assert_eq!(r["fairness"]["spread"]["worst_project"], "Agents");
    assert_eq!(r["members"][2]["levelled"]["to_target"]["status"], "solved");
    // The same text as the library's.
    let want = team::to_json(&value_team(&example()).unwrap());
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim_end(), want);
}

#[test]
fn tokenworth_team_text_is_for_people() {
    let out = run(&["team", "--text", "examples/team/acme-team.json"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for fragment in [
        "Acme Corp",
        "Copilot · Product engineer",
        "Agents · Research engineer",
        "Whole team",
        "Level the deal",
        "The pool",
        "$",
        "%",
    ] {
        assert!(text.contains(fragment), "{fragment} not in:\n{text}");
    }
}

#[test]
fn an_invalid_team_prints_its_errors_and_exits_2() {
    let dir = std::env::temp_dir().join(format!("tokenworth-bad-team-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("team.json");
    let mut bad =
        team_of("0", vec![project("Sure", sure())], vec![member("A", "Nope", 1, "0", "1", "0")]);
    bad["members"][0]["project"] = json!("Nope");
    std::fs::write(&file, bad.to_string()).unwrap();
    let out = run(&["team", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let errors = stdout_json(&out);
    let paths: Vec<&str> =
        errors["errors"].as_array().unwrap().iter().filter_map(|e| e["path"].as_str()).collect();
    assert!(paths.contains(&"members[0].project"), "{paths:?}");
    let text = run(&["team", "--text", file.to_str().unwrap()]);
    assert_eq!(text.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&text.stderr).contains("members[0].project"));
    std::fs::write(&file, "{\"format\": ").unwrap();
    let syntax = run(&["team", file.to_str().unwrap()]);
    assert_eq!(syntax.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&syntax.stderr).contains("line 1"));
    std::fs::remove_dir_all(&dir).ok();
}

/// The errors of a team document, as `(path, message)`.
fn errors(team: &Value) -> Vec<(String, String)> {
    match read_team(team) {
        Err(OfferError::Invalid(errors)) => {
            errors.into_iter().map(|e| (e.path, e.message)).collect()
        }
        other => panic!("expected errors, got {other:?}"),
    }
}

fn has(errors: &[(String, String)], path: &str, fragment: &str) {
    assert!(
        errors.iter().any(|(p, m)| p == path && m.contains(fragment)),
        "no error at {path} containing {fragment:?} in {errors:#?}"
    );
}

/// Version 4's own figures of a member (MODEL.md 8.2, 8.3, 8.5): a leaving rule, tax at vest with
/// a long-term rate, and where they pay tax, each in the member's offer as in an offer file.
#[test]
fn a_member_s_leaving_rule_and_tax_at_vest_are_their_own() {
    let mut a = member("A", "Sure", 1, "40", "1000", "0");
    a["quit_if"] =
        json!({"first_review_month": 12, "every_months": 3, "min_trailing_revenue": "500"});
    a["personal"]["taxed_at"] = json!("vest");
    a["personal"]["long_term_redemption_tax_pct"] = json!("20");
    a["personal"]["long_term_after_months"] = json!(12);
    a["personal"]["tax_residence"] = json!("GB");
    a["personal"]["tax_year"] = json!(2026);
    let b = member("B", "Sure", 1, "40", "1000", "0");
    // Tax at vest values a token at what a buyback would pay for it: the plan needs one.
    let mut sure_project = project("Sure", sure());
    sure_project["payouts"]["buyback"] = json!({"revenue_multiple": "4", "first_window_month": 12,
        "every_months": 12, "sell_pct": "25", "terminal": true, "illiquidity_discount_pct": "30"});
    let team = read_team(&team_of("0", vec![sure_project], vec![a, b])).unwrap();
    let (a, b) = (&team.members[0].offer, &team.members[1].offer);
    let rule = a.leaving.quit_if.as_ref().unwrap();
    assert_eq!((rule.first_review_month, rule.every_months), (12, 3));
    assert_eq!(rule.min_trailing_revenue.to_string(), "500");
    assert_eq!(a.personal.taxed_at, tokenworth::offer::TaxedAt::Vest);
    assert_eq!(a.personal.long_term().map(|(r, m)| (r.to_string(), m)), Some(("20".into(), 12)));
    assert_eq!(a.personal.tax_residence.as_deref(), Some("GB"));
    // The other member on the same plan keeps the defaults.
    assert!(b.leaving.quit_if.is_none());
    assert_eq!(b.personal.taxed_at, tokenworth::offer::TaxedAt::default());
    // Each member's offer is what `tokenworth value` reads: the same fields, written out.
    let written = team.members[0].offer_text();
    assert_eq!(&tokenworth::parse_offer(&written).unwrap(), a);
}

#[test]
fn the_reader_reports_every_error_at_its_path() {
    let mut coin_project = project("Coin", coin());
    coin_project["scenarios"][0]["probability_pct"] = json!("150");
    coin_project["bonus"] = json!(1);
    let mut sure_project = project("Sure", sure());
    sure_project["salary"] = json!({"base_annual": "1"});
    sure_project["grant"]["tokens"] = json!(5);
    let mut a = member("A", "Sure", 1, "0", "1000", "0");
    a["tokens"] = json!("ten");
    a["colour"] = json!("blue");
    let mut b = member("B", "Coin", 1, "0", "1000", "0");
    b["personal"]["wealth"] = json!("0");
    let c = member("C", "Nope", 1, "0", "1000", "0");
    let mut d = member("D", "Coin", 1, "0", "1000", "0");
    d["annual_departure_pct"] = json!("101");
    d["quit_if"] =
        json!({"first_review_month": 12, "every_months": 0, "min_trailing_revenue": "1000"});
    let e = member("B", "Coin", 0, "0", "1000", "0");
    sure_project["leaving"]["quit_if"] =
        json!({"first_review_month": 12, "every_months": 12, "min_trailing_revenue": "1"});
    let mut team = team_of("120", vec![sure_project, coin_project], vec![a, b, c, d, e]);
    team["colour"] = json!("red");
    let found = errors(&team);
    has(&found, "colour", "not a field");
    has(&found, "discount_rate_pct", "percentage");
    has(&found, "projects[1].scenarios[0].probability_pct", "percentage");
    has(&found, "projects[1].bonus", "not a field");
    has(&found, "projects[0].salary", "each member's own");
    has(&found, "projects[0].grant.tokens", "each member's own");
    has(&found, "members[0].tokens", "whole number");
    has(&found, "members[0].colour", "not a field");
    has(&found, "members[1].personal.wealth", "more than zero");
    has(&found, "members[2].project", "\"Nope\" is not one of the projects (Coin, Sure)");
    has(&found, "members[3].annual_departure_pct", "percentage");
    has(&found, "members[3].quit_if.every_months", "");
    has(&found, "projects[0].leaving.quit_if", "each member's own: give it as members[].quit_if");
    has(&found, "members[4].name", "already a member of project \"Coin\"");
    has(&found, "members[4].count", "from 1");
    // A project's own error is reported once, though three members' offers are read on it.
    let repeats =
        found.iter().filter(|(p, _)| p == "projects[1].scenarios[0].probability_pct").count();
    assert_eq!(repeats, 1, "{found:#?}");
}

#[test]
fn team_wide_rules() {
    let mut euro = project("Euro", sure());
    euro["currency"] = json!("EUR");
    let mut tight = project("Tight", sure());
    tight["grant"]["supply"] = json!(150);
    let team = team_of(
        "5",
        vec![
            project("Sure", sure()),
            euro,
            tight,
            project("Empty", sure()),
            project("Sure", coin()),
        ],
        vec![
            member("A", "Sure", 1, "0", "1", "0"),
            member("B", "Euro", 1, "0", "1", "0"),
            member("C", "Tight", 2, "0", "1", "0"),
        ],
    );
    let found = errors(&team);
    has(&found, "projects[1].currency", "one currency (USD)");
    has(&found, "projects[2].grant.supply", "fewer than its members hold (200");
    has(&found, "projects[3]", "has no members");
    has(&found, "projects[4].name", "already the name of another project");
}

#[test]
fn other_files_and_versions_are_refused_whole() {
    for (doc, path, fragment) in [
        (json!({"format": "tokenworth-offer", "version": 2}), "format", "offer file"),
        (json!({"format": "something", "version": 1}), "format", "not a tokenworth team"),
        (json!({"version": 1}), "format", "required"),
        (json!({"format": "tokenworth-team", "version": 2}), "version", "newer"),
        (json!({"format": "tokenworth-team", "version": 0}), "version", "known version"),
        (json!([1]), "", "JSON object"),
    ] {
        let found = errors(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        has(&found, path, fragment);
    }
    let found = errors(&json!({"format": "tokenworth-team", "version": 1}));
    for path in ["company", "discount_rate_pct", "projects", "members"] {
        has(&found, path, "required");
    }
    assert!(matches!(parse_team("{\n  \"format\": "), Err(OfferError::Syntax { line: 2, .. })));
}

#[test]
fn publish_writes_each_project_s_site() {
    let team = example();
    let sites = publish(&team);
    assert_eq!(sites.len(), 2);
    for (site, project) in sites.iter().zip(&team.projects) {
        assert_eq!(site.project, project.name);
        let config = tokenworth::team::intranet::parse_config(&site.config_json).unwrap();
        assert_eq!(config.plan.as_deref(), Some(team::PLAN_FILE));
        assert_eq!(config.company, "Acme Corp");
        assert_eq!(config.disclosure.as_deref(), Some(team::DISCLOSURE_FILE));
        let plan = parse_offer(&site.plan_json).unwrap();
        assert_eq!(plan.name, format!("Acme Corp token plan ({})", project.name));
        let html = &site.disclosure_html;
        assert!(html.starts_with("<!doctype html>"));
        for forbidden in ["<script", "style=", "<style"] {
            assert!(!html.contains(forbidden), "{forbidden} in {}", site.directory);
        }
        assert_eq!(site.disclosure.checklist.len(), 8);
        for role in &site.disclosure.roles {
            assert!(html.contains(&role.role));
        }
    }
    assert_eq!(sites[0].directory, "copilot");
    // Copilot's plan carries the grant of its largest role (six product engineers).
    let copilot = parse_offer(&sites[0].plan_json).unwrap();
    assert_eq!(copilot.grant.tokens, 10000);
    assert_eq!(copilot.salary.sacrificed_annual, common::d("20000"));
    assert_eq!(sites[0].disclosure.roles.len(), 2);
    assert_eq!(sites[0].disclosure.checklist[0].1, Answer::Yes);
    let terms: Vec<&str> = sites[0].disclosure.terms.iter().map(|t| t.heading).collect();
    assert!(terms.contains(&"Vesting") && terms.contains(&"If you leave"), "{terms:?}");
    assert!(sites[0]
        .disclosure_html
        .contains("Nothing vests before month 12. At month 12, the first 12 months&#39; share vests at once (25% of the grant)"));
    // The illiquidity discount is the calculator's assumption, not a term of the plan.
    assert!(sites[0].disclosure_html.contains("(Not a term of the plan: the calculator values"));
}

#[test]
fn the_disclosure_page_escapes_the_company_s_text() {
    let mut t = team_of(
        "0",
        vec![project("<Sure>", sure())],
        vec![member("A & B", "<Sure>", 1, "0", "1", "0")],
    );
    t["company"] = json!("\"Evil\" <script>alert(1)</script>");
    let sites = publish(&read_team(&t).unwrap());
    let html = &sites[0].disclosure_html;
    assert!(!html.contains("<script>"));
    assert!(
        html.contains("&lt;script&gt;")
            && html.contains("A &amp; B")
            && html.contains("&lt;Sure&gt;")
    );
    assert_eq!(sites[0].directory, "sure");
}

#[test]
fn a_project_may_use_every_field_the_offer_reader_knows() {
    // A version 2 field (the buyback floor) in a project's terms reaches each member's offer, and
    // with it the figures: a floor of 3 a token, sold at the terminal value with no revenue at all.
    let mut p = project(
        "Floor",
        json!([{"name": "Nothing", "probability_pct": "100", "annual_revenue": []}]),
    );
    p["payouts"] = json!({"buyback": {"revenue_multiple": "2", "first_window_month": 1000, "every_months": 12,
        "sell_pct": "0", "terminal": true, "illiquidity_discount_pct": "0", "floor_price": "3"}});
    let team = read_team(&team_of("0", vec![p], vec![member("A", "Floor", 1, "0", "10000", "0")]))
        .unwrap();
    let buyback = team.members[0].offer.payouts.buyback.as_ref().unwrap();
    assert_eq!(buyback.floor_price, Some(common::d("3")));
    let r = value_team(&team).unwrap();
    near("company's cost at the floor", r.members[0].each.token_cost, 300.0);
    // A misspelt one is refused at the project's path.
    let mut p = project("Floor", sure());
    p["payouts"]["buyback"] = json!({"revenue_multiple": "2", "first_window_month": 12, "every_months": 12,
        "sell_pct": "0", "terminal": false, "illiquidity_discount_pct": "0", "flor_price": "3"});
    let found = errors(&team_of("0", vec![p], vec![member("A", "Floor", 1, "0", "1", "0")]));
    has(&found, "projects[0].payouts.buyback.flor_price", "not a field");
}

/// Every leaf of a JSON document, as a JSON pointer.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => map.iter().for_each(|(k, v)| leaves(v, format!("{at}/{k}"), out)),
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out))
        }
        _ => out.push(at),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

    /// Any one field of a valid team replaced by any kind of value: the reader answers (a team, or
    /// errors each at a path that exists in the team file's terms), and a team it accepts is valued.
    #[test]
    fn the_reader_and_the_valuation_never_panic(
        pick in 0usize..10_000,
        replacement in proptest::sample::select(vec![
            json!(null), json!(-1), json!(0), json!(1.5), json!("7"), json!("x"), json!(true),
            json!([]), json!({}), json!(1e30), json!("1e40"), json!(u64::MAX), json!(100),
        ]),
    ) {
        let base = team_of(
            "5",
            vec![project("Sure", sure()), project("Coin", coin())],
            vec![member("A", "Sure", 2, "25", "1000", "2"), member("B", "Coin", 3, "25", "1000", "2")],
        );
        let mut paths = Vec::new();
        leaves(&base, String::new(), &mut paths);
        let path = &paths[pick % paths.len()];
        let mut doc = base.clone();
        *doc.pointer_mut(path).unwrap() = replacement;
        match read_team(&doc) {
            Ok(team) => {
                let report = value_team(&team);
                proptest::prop_assert!(report.is_ok(), "{path}: {report:?}");
            }
            Err(OfferError::Invalid(errors)) => {
                proptest::prop_assert!(!errors.is_empty());
                for e in &errors {
                    let root = e.path.split(['.', '[']).next().unwrap_or("");
                    proptest::prop_assert!(
                        ["", "format", "version", "company", "discount_rate_pct", "projects", "members"]
                            .contains(&root),
                        "{path}: error at {}", e.path
                    );
                }
            }
            Err(other) => proptest::prop_assert!(false, "{other:?}"),
        }
    }
}

#[test]
fn tokenworth_team_publish_writes_each_site() {
    let dir = std::env::temp_dir().join(format!("tokenworth-publish-{}", std::process::id()));
    let out = run(&["team", "--publish", dir.to_str().unwrap(), "examples/team/acme-team.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let written = String::from_utf8(out.stdout).unwrap();
    assert_eq!(written.lines().count(), 6, "{written}");
    for (site, want) in publish(&example()).iter().zip(["copilot", "agents"]) {
        let read = |name: &str| std::fs::read_to_string(dir.join(want).join(name)).unwrap();
        assert_eq!(read("plan.json"), site.plan_json);
        assert_eq!(read("tokenworth.config.json"), site.config_json);
        assert_eq!(read("plan.html"), site.disclosure_html);
    }
    std::fs::remove_dir_all(&dir).ok();
    let missing = run(&["team", "--publish"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--publish needs a directory"));
}

/// Issue 30: two projects that would be published to one directory are refused at the second
/// one's name, by the reader, so `team --publish` writes nothing and says where; names that
/// differ in their letters still publish apart.
#[test]
fn two_projects_for_one_directory_are_refused_at_the_second_name() {
    let two = |first: &str, second: &str| {
        team_of(
            "0",
            vec![project(first, sure()), project(second, sure())],
            vec![
                member("A", first, 1, "0", "100000", "0"),
                member("B", second, 1, "0", "100000", "0"),
            ],
        )
    };
    for (first, second, directory) in [
        ("Copilot", "copilot", "copilot"),
        ("AI/ML", "ai  ml", "ai-ml"),
        ("項目", "Project 1", "project-1"),
    ] {
        let message = format!("would be published to the same directory ({directory}/) as project \"{first}\"; give it a name that differs in more than case or punctuation");
        assert_eq!(errors(&two(first, second)), vec![("projects[1].name".to_string(), message)]);
    }
    assert!(read_team(&two("項目", "プロジェクト")).is_ok());
    assert_eq!(
        publish(&read_team(&two("Copilot", "Copilot 2")).unwrap())
            .iter()
            .map(|s| s.directory.as_str())
            .collect::<Vec<_>>(),
        ["copilot", "copilot-2"]
    );

    let dir = std::env::temp_dir().join(format!("tokenworth-same-dir-{}", std::process::id()));
    let file = dir.with_extension("json");
    std::fs::write(&file, two("Copilot", "copilot").to_string()).unwrap();
    let out = run(&["team", "--text", "--publish", dir.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("  projects[1].name: would be published to the same directory (copilot/) as project \"Copilot\""));
    assert!(!dir.exists(), "nothing is written");
    std::fs::remove_file(&file).ok();
}

/// Issue 30: a team's lists are bounded (a 5,000-member team ran past a minute), a repeated key
/// is refused at its path, and a byte order mark is read as the browser reads it.
#[test]
fn a_team_file_is_bounded_and_read_strictly() {
    let many: Vec<Value> = (0..=tokenworth::team::MAX_MEMBERS)
        .map(|i| member(&format!("M{i}"), "Copilot", 1, "0", "100000", "0"))
        .collect();
    let crowded = team_of("0", vec![project("Copilot", sure())], many);
    assert_eq!(
        errors(&crowded),
        vec![(
            "members".to_string(),
            "lists 101 members; tokenworth reads at most 100".to_string()
        )]
    );
    let text = std::fs::read_to_string(common::repo_path("examples/team/acme-team.json")).unwrap();
    assert_eq!(parse_team(&format!("\u{feff}{text}")).unwrap(), parse_team(&text).unwrap());
    let doubled = text.replacen("\"company\":", "\"company\": \"Other\", \"company\":", 1);
    assert!(doubled != text);
    match parse_team(&doubled) {
        Err(OfferError::Invalid(errors)) => assert_eq!(
            errors.iter().map(|e| (e.path.as_str(), e.message.as_str())).collect::<Vec<_>>(),
            [("company", "is given more than once in its object; give each field once")]
        ),
        other => panic!("expected the repeated key, got {other:?}"),
    }
}

/// Issue 28: a team of one project has no "Across projects" line (it compared the project with
/// itself, "apart by 0.00"), and every claim the disclosure page makes is listed for confirmation.
#[test]
fn one_project_is_not_compared_with_itself_and_every_claim_is_listed() {
    let mut one: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo_path("examples/team/acme-team.json")).unwrap(),
    )
    .unwrap();
    one["projects"].as_array_mut().unwrap().truncate(1);
    one["members"].as_array_mut().unwrap().retain(|m| m["project"] == "Copilot");
    let dir = std::env::temp_dir().join(format!("tokenworth-one-project-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("team.json");
    std::fs::write(&file, one.to_string()).unwrap();
    let text = |path: &str| String::from_utf8(run(&["team", "--text", path]).stdout).unwrap();
    assert!(!text(file.to_str().unwrap()).contains("Across projects"));
    assert!(text("examples/team/acme-team.json").contains("Across projects"));

    let sites = publish(&example());
    let claims = sites[0].disclosure.claims();
    assert!(claims[0].starts_with("About the project: A product already selling"), "{claims:?}");
    let answered = claims.iter().filter(|c| c.ends_with(" Yes.") || c.ends_with(" No.")).count();
    assert_eq!(answered, 7, "seven answers given, one left unknown: {claims:?}");
    assert!(claims.iter().any(|c| c.starts_with("The company's scenario ")));
    // Each claim's words are the page's: the note, the question, the scenario's line.
    for claim in &claims {
        let said = claim.trim_end_matches(" Yes.").trim_end_matches(" No.");
        let said = said.rsplit(": ").next().unwrap_or(said).replace('\'', "&#39;");
        assert!(sites[0].disclosure_html.contains(&said), "{said} not on the page");
    }
}
