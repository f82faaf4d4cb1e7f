//! The six "start from a real plan" examples (issues 14 and 15), each against figures worked by hand.
//!
//! Ledger amounts are nominal after tax and exact (`Decimal`), compared to the cent; present values
//! are compared to the cent as the report prints them. Where a test changes an example, it says why:
//! a variant shows what one term does by taking it away or pushing it to where it binds.

mod common;

use std::process::Command;

use serde_json::Value;
use tokenworth::engine::value_exact;
use tokenworth::report::format::{cents, decimal_cents};
use tokenworth::{parse_offer, Offer, Report};

/// The six examples, by file stem.
const REAL_PLANS: [&str; 6] = [
    "openai-ppu",
    "contributor-grant",
    "expiring-rsus",
    "profits-interest",
    "huang-compute-budget",
    "startup-compute-swap",
];

fn document(name: &str) -> Value {
    serde_json::from_str(&common::example_text(name)).unwrap()
}

fn offer_of(document: &Value) -> Offer {
    parse_offer(&document.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn report_of(document: &Value) -> Report {
    value_exact(&offer_of(document)).unwrap()
}

/// The never-leaving ledger of scenario `i`, year `year` (from 1): (buyback, terminal, revenue share).
fn year(report: &Report, i: usize, year: usize) -> (String, String, String) {
    let y = &report.scenarios[i].stay.years[year - 1];
    (decimal_cents(y.buyback), decimal_cents(y.terminal), decimal_cents(y.revenue_share))
}

fn vested(report: &Report, i: usize, months: &[usize]) -> Vec<u64> {
    months.iter().map(|&t| report.scenarios[i].stay.vested_by_month[t]).collect()
}

// --- (1) OpenAI-style profit units -------------------------------------------------------------
// 40,000 units (an assumed $50 a unit for the reported $2M grant), 25 % at month 12, then 75 %
// monthly over months 13–48: vested(t) = 40,000 · (25 + 75·(t − 12)/36) / 100.
// vested(11) = 0, vested(12) = 10,000, vested(24) = 20,000, vested(36) = 30,000, vested(48) = 40,000.
// Tenders at 24, 36, 48, 60, 72, selling all held; tax 40 %.
// Month 24 (year index 1, $210): 20,000 · 210 = 4,200,000 < the $10M limit → · 0.6 = 2,520,000.
// "Follows the rounds": month 36 at $401: 10,000 · 401 · 0.6 = 2,406,000; month 48 at $669, capped
// at $500 (10× the assumed $50): 10,000 · 500 · 0.6 = 3,000,000 (uncapped 4,014,000). Nothing is
// left for the terminal value. Nominal total 7,926,000.
#[test]
fn openai_profit_units() {
    let doc = document("openai-ppu");
    let r = report_of(&doc);
    assert_eq!(
        vested(&r, 0, &[11, 12, 24, 36, 48, 72]),
        [0, 10_000, 20_000, 30_000, 40_000, 40_000]
    );
    // Years 1–2 are locked: nothing until the first tender in month 24.
    assert_eq!(year(&r, 0, 1).0, "0.00");
    assert_eq!(year(&r, 0, 2).0, "2520000.00");
    assert_eq!(year(&r, 0, 3).0, "2406000.00");
    assert_eq!(year(&r, 0, 4).0, "3000000.00", "the cap of $500 a unit binds at $669");
    assert_eq!((year(&r, 0, 6).0, year(&r, 0, 6).1), ("0.00".into(), "0.00".into()));
    assert_eq!(decimal_cents(r.scenarios[0].stay.token_nominal), "7926000.00");
    // At the 2024 price throughout: 2,520,000 + 2 · 10,000 · 210 · 0.6 = 5,040,000.
    assert_eq!(decimal_cents(r.scenarios[1].stay.token_nominal), "5040000.00");
    // Tenders stop: only the first one pays (later windows at a price of 0 pay nothing).
    assert_eq!(decimal_cents(r.scenarios[2].stay.token_nominal), "2520000.00");

    // Without the cap month 48 fetches $669: 10,000 · 669 · 0.6 = 4,014,000.
    let mut uncapped = doc.clone();
    uncapped["payouts"].as_object_mut().unwrap().remove("cap_per_token");
    assert_eq!(year(&report_of(&uncapped), 0, 4).0, "4014000.00");

    // Where the $10M limit binds: the same plan with 100,000 units. Month 24: 50,000 held,
    // 50,000 · 210 = 10.5M > 10M, so floor(10,000,000 / 210) = 47,619 are sold: 9,999,990 · 0.6 =
    // 5,999,994. Month 36 ($401): held 75,000 − 47,619 = 27,381, worth 10,979,781 > 10M, so
    // floor(10M / 401) = 24,937 sold: 9,999,737 · 0.6 = 5,999,842.20.
    let mut big = doc;
    big["grant"]["tokens"] = 100_000.into();
    let b = report_of(&big);
    assert_eq!(year(&b, 0, 2).0, "5999994.00");
    assert_eq!(year(&b, 0, 3).0, "5999842.20");
}

// --- (2) A contributor grant: a one-year lock, then monthly over three years -------------------
// 36,000 tokens, 100 % spread over the 36 monthly steps 13..48: vested(t) = 1,000 · (t − 12).
// Every month from 13 the holder sells what unlocked; tax 35 %. Median 2025 launch: $0.29 from
// month 13 (−71 %): the first sale is 1,000 · 0.29 · 0.65 = 188.50; a year of them 2,262.
// Holds at $1: 12,000 · 0.65 = 7,800 a year; doubles: 15,600 a year.
#[test]
fn contributor_grant_with_a_lock() {
    let doc = document("contributor-grant");
    let r = report_of(&doc);
    assert_eq!(vested(&r, 0, &[1, 12, 13, 24, 36, 48]), [0, 0, 1_000, 12_000, 24_000, 36_000]);
    assert_eq!(year(&r, 0, 1).0, "0.00");
    for y in 2..=4 {
        assert_eq!(year(&r, 0, y).0, "2262.00");
        assert_eq!(year(&r, 1, y).0, "7800.00");
        assert_eq!(year(&r, 2, y).0, "15600.00");
    }
    // Everything is sold as it unlocks, so nothing is left at H for a terminal value.
    assert_eq!(year(&r, 1, 4).1, "0.00");
    // The first sale alone: the same plan cut off at month 13.
    let mut first = doc;
    first["horizon_months"] = 13.into();
    assert_eq!(year(&report_of(&first), 0, 2).0, "188.50");
}

// --- (3) Double-trigger units that expire at month 84 -----------------------------------------
// 8,000 units, 25 % at month 12 then monthly to 48: vested(12) = 2,000, vested(30) = 5,000,
// vested(48) = 8,000. Tenders at 60, 72, 84, 96, each taking half of what is held; tax 40 %.
// A tender in year 5 at $13: month 60 sells 4,000 → 31,200; month 72 sells 2,000 → 15,600; month 84
// sells 1,000 → 7,800; at the end of month 84 the last 1,000 expire: year 8 has no sale and no
// terminal value. Without expiry: month 96 sells 500 → 3,900 and the terminal value is
// 500 · 13 · 0.7 · 0.6 = 2,730.
// A listing in year 8 at $40 comes after expiry: nothing. (Its earlier windows are at a price of 0
// and take half of the units each time for nothing, MODEL.md 2.5; without expiry month 96 sells
// 500 → 12,000 and the terminal value is 500 · 40 · 0.7 · 0.6 = 8,400.)
#[test]
fn double_trigger_units_expire() {
    let doc = document("expiring-rsus");
    let r = report_of(&doc);
    assert_eq!(vested(&r, 0, &[11, 12, 30, 48, 96]), [0, 2_000, 5_000, 8_000, 8_000]);
    assert_eq!(year(&r, 0, 5).0, "31200.00");
    assert_eq!(year(&r, 0, 6).0, "15600.00");
    assert_eq!(year(&r, 0, 7).0, "7800.00");
    assert_eq!((year(&r, 0, 8).0, year(&r, 0, 8).1), ("0.00".into(), "0.00".into()));
    assert_eq!(r.scenarios[0].stay.held_by_month[96], 0, "the units left at month 84 expired");
    assert_eq!(decimal_cents(r.scenarios[1].stay.token_nominal), "0.00");
    assert_eq!(decimal_cents(r.scenarios[2].stay.token_nominal), "0.00");

    let mut lasting = doc;
    lasting["grant"].as_object_mut().unwrap().remove("expires_month");
    let l = report_of(&lasting);
    assert_eq!((year(&l, 0, 8).0, year(&l, 0, 8).1), ("3900.00".into(), "2730.00".into()));
    assert_eq!((year(&l, 1, 8).0, year(&l, 1, 8).1), ("12000.00".into(), "8400.00".into()));
}

// --- (4) A profits interest above a hurdle ----------------------------------------------------
// 20,000 of 1,000,000 units, a third at months 12, 24, 36: vested 6,666, 13,333, 20,000. Pool 20 %
// of gross profit (40 % of revenue) above $4M a year (the grant-date level), paid yearly; tax 37 %.
// Grows: year 1 $10M → $4M of profit, nothing above the hurdle: 0. Year 2 $15M → 6M, 2M above →
// pool 400,000 · 13,333 / 1,000,000 = 5,333.20 → 3,359.92 (to the cent). Year 3 $22M → 8.8M, 4.8M
// above → 960,000 · 0.02 = 19,200 → 12,096. Year 4 $30M → 1.6M · 0.02 → 20,160. Year 5 $36M → 14.4M,
// 10.4M above → 2.08M · 0.02 = 41,600 → 26,208. Stays at the grant level or shrinks: nothing, ever.
// Without the hurdle, year 1 would pay 0.2 · 4M · 6,666 / 1M = 5,332.80 → 3,359.66.
#[test]
fn profits_interest_above_a_hurdle() {
    let doc = document("profits-interest");
    let r = report_of(&doc);
    assert_eq!(vested(&r, 1, &[11, 12, 24, 35, 36]), [0, 6_666, 13_333, 13_333, 20_000]);
    let grows: Vec<String> = (1..=5).map(|y| year(&r, 1, y).2).collect();
    assert_eq!(grows, ["0.00", "3359.92", "12096.00", "20160.00", "26208.00"]);
    assert_eq!(decimal_cents(r.scenarios[0].stay.token_nominal), "0.00");
    assert_eq!(decimal_cents(r.scenarios[2].stay.token_nominal), "0.00");
    assert!(r.prob_zero >= 0.55, "at least the 40 % + 15 % of flat and shrinking: {}", r.prob_zero);

    let mut no_hurdle = doc;
    no_hurdle["payouts"]["revenue_share"].as_object_mut().unwrap().remove("hurdle_annual");
    assert_eq!(year(&report_of(&no_hurdle), 1, 1).2, "3359.66");
}

// --- (5) Half the salary again in compute, for work only --------------------------------------
// $150,000 a year ($12,500 a month), used 70 %, 2 % of that for oneself at 10 % of list, work at 0,
// no cash-out, not taxed: worth 150,000 · 0.7 · 0.02 · 0.1 = $210 a year ($17.50 a month), 0.14 %.
// Employed in month t with chance (1 − h)^(t−1), (1 − h)^12 = 0.85; discounted 1.1^(−t/12):
// list_pv = Σ_{t=1..60} 12,500 · 0.85^((t−1)/12) · 1.1^(−t/12) = 422,670.44 and
// value_pv = the same sum of 17.50 = 591.74. Never leaving and undiscounted: 750,000 and 1,050.
#[test]
fn huang_compute_budget() {
    let doc = document("huang-compute-budget");
    let r = report_of(&doc);
    let c = r.compute_budget.as_ref().expect("a compute budget");
    assert_eq!(decimal_cents(c.first_year_list), "150000.00");
    assert_eq!(decimal_cents(c.first_year_worth), "210.00");
    assert_eq!(cents(c.list_pv), "422670.44");
    assert_eq!(cents(c.value_pv), "591.74");
    let realized = c.realized_pct.unwrap();
    assert!((realized - 0.14).abs() < 1e-9, "{realized}");
    // No project tokens: the token figures stay zero; total pay adds the budget's worth.
    assert_eq!(cents(r.expected.token_pv), "0.00");
    assert_eq!(cents(r.expected.total_comp_pv - r.expected.salary_pv), "591.74");

    let mut plain = doc;
    plain["leaving"]["annual_departure_pct"] = "0".into();
    plain["personal"]["discount_rate_pct"] = "0".into();
    let p = report_of(&plain);
    let c = p.compute_budget.as_ref().unwrap();
    assert_eq!((cents(c.list_pv), cents(c.value_pv)), ("750000.00".into(), "1050.00".into()));
}

// --- (6) A startup trades $10k of salary for a $30k budget -------------------------------------
// u 80 %, p 30 %, v 25 %, c 50 %, X $7,200, tax 35 %. A year: personal use 30,000 · 0.8 · 0.3 · 0.25 =
// 1,800; cash-out 30,000 · 0.2 · 0.5 · 0.65 = 1,950; tax on X −2,520: worth 1,230 (4.1 %), $102.50
// a month. The salary given up, after tax: 10,000 · 0.65 = 6,500 a year, $541.67 a month.
// With (1 − h)^12 = 0.8 and 1.1^(−t/12) over 60 months: list_pv = 75,436.42, value_pv = 3,092.89,
// sacrifice_pv = 16,344.56.
// Fixed in tokens with an 80 % yearly price decline, two years, never leaving, undiscounted: year 2
// lists at 6,000 and is worth 360 + 390 − 2,520 = −1,770: list 36,000, worth 1,230 − 1,770 = −540.
#[test]
fn startup_compute_swap() {
    let doc = document("startup-compute-swap");
    let r = report_of(&doc);
    let c = r.compute_budget.as_ref().expect("a compute budget");
    assert_eq!(decimal_cents(c.first_year_list), "30000.00");
    assert_eq!(decimal_cents(c.first_year_worth), "1230.00");
    assert_eq!(cents(c.list_pv), "75436.42");
    assert_eq!(cents(c.value_pv), "3092.89");
    assert_eq!(cents(r.expected.sacrifice_pv), "16344.56");
    assert!(c.value_pv < r.expected.sacrifice_pv, "the trade costs more than the budget is worth");

    let mut tokens = doc;
    tokens["horizon_months"] = 24.into();
    tokens["leaving"]["annual_departure_pct"] = "0".into();
    tokens["personal"]["discount_rate_pct"] = "0".into();
    tokens["compute_budget"]["unit"] = "tokens".into();
    tokens["compute_budget"]["annual_price_decline_pct"] = "80".into();
    let t = report_of(&tokens);
    let c = t.compute_budget.as_ref().unwrap();
    assert_eq!(decimal_cents(c.first_year_worth), "1230.00");
    assert_eq!((cents(c.list_pv), cents(c.value_pv)), ("36000.00".into(), "-540.00".into()));
}

/// Each example prints through the command-line tool without an error, under its own name.
#[test]
fn every_real_plan_prints_through_the_cli() {
    for name in REAL_PLANS {
        let path = common::repo_path(&format!("examples/{name}.json"));
        let out = Command::new(env!("CARGO_BIN_EXE_tokenworth"))
            .args(["value", "--text"])
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let title = document(name)["name"].as_str().unwrap().to_string();
        assert!(text.starts_with(&title), "{name} starts with its name: {text}");
        // Every sensitivity input has a name: version 3's token_price once read "other".
        assert!(!text.contains("depends most on other"), "{name}: {text}");
    }
}

/// The app's catalogue: every example reads, the picker's line starts with the file's name, and each
/// real plan names its sources by an https address.
#[test]
fn the_catalogue_names_every_real_plan_and_its_sources() {
    use tokenworth::store::examples::EXAMPLES;
    for example in &EXAMPLES {
        let offer = parse_offer(example.text).unwrap_or_else(|e| panic!("{}: {e}", example.id));
        assert!(example.description.starts_with(&format!("{}: ", offer.name)), "{}", example.id);
        assert_eq!(example.text, common::example_text(example.id), "{} is its file", example.id);
    }
    for name in REAL_PLANS {
        let example = EXAMPLES.iter().find(|e| e.id == name).expect(name);
        assert!(!example.starter, "{name} is offered, not forced on a new library");
        assert!(!example.sources.is_empty(), "{name} names its sources");
        assert!(example
            .sources
            .iter()
            .all(|(label, url)| !label.is_empty() && url.starts_with("https://")));
    }
}
