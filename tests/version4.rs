//! MODEL.md section 8's rules 8.2, 8.3 and 8.5, worked by hand: each a small offer built from
//! `common::offer()` with one mechanism switched on, the arithmetic of every row in its comment.
//!
//! Unless a test says otherwise: no tax, no discounting, nobody leaves, 1,000 of 100,000 tokens.

mod common;

use common::{cents, d, decimal_cents, example, linear, milestone, offer, scenario};
use rust_decimal::Decimal;
use tokenworth::engine::{value, value_exact, Report};
use tokenworth::offer::{Buyback, OnLeave, QuitRule, TaxedAt, TenderPrice};
use tokenworth::report::to_json;
use tokenworth::Offer;

fn exact(offer: &Offer) -> Report {
    value_exact(offer).unwrap_or_else(|e| panic!("{e}"))
}

/// 8.5: where the person pays tax is recorded and repeated, and changes no figure.
#[test]
fn the_report_repeats_where_the_person_pays_tax_and_nothing_moves() {
    let mut plain = offer();
    plain.salary.sacrificed_annual = d("1200");
    let mut recorded = plain.clone();
    recorded.personal.tax_residence = Some("GB".to_string());
    recorded.personal.tax_year = Some(2026);
    let json = |o| -> serde_json::Value {
        serde_json::from_str(&to_json(&value_exact(o).unwrap())).unwrap()
    };
    let (mut without, with) = (json(&plain), json(&recorded));
    assert_eq!(without["tax_residence"], serde_json::Value::Null);
    assert_eq!(without["tax_year"], serde_json::Value::Null);
    assert_eq!(with["tax_residence"], "GB");
    assert_eq!(with["tax_year"], 2026);
    without["tax_residence"] = "GB".into();
    without["tax_year"] = 2026.into();
    assert_eq!(without, with, "nothing else differs");
}

/// Tender prices set per scenario (one a year), windows from `first_window` a year apart selling
/// `sell_pct`, a terminal value without discount: prices that make each row easy to work.
fn priced(offer: &mut Offer, prices: &[&str], first_window: u32, sell_pct: &str) {
    offer.payouts.buyback = Some(Buyback {
        price: TenderPrice::Scenario,
        revenue_multiple: None,
        first_window_month: first_window,
        every_months: 12,
        sell_pct: d(sell_pct),
        terminal: true,
        illiquidity_discount_pct: Decimal::ZERO,
        floor_price: None,
        max_sale_per_window: None,
        former_max_sale_per_window: None,
    });
    for s in &mut offer.scenarios {
        s.price_per_token = prices.iter().map(|p| d(p)).collect();
    }
}

/// The first scenario's stay ledger: `(year, buyback, terminal, tax_at_vest)` as printed.
fn ledger(report: &Report) -> Vec<(u32, String, String, String)> {
    report.scenarios[0]
        .stay
        .years
        .iter()
        .map(|y| {
            (
                y.year,
                decimal_cents(y.buyback),
                decimal_cents(y.terminal),
                decimal_cents(y.tax_at_vest),
            )
        })
        .collect()
}

fn row(
    year: u32,
    buyback: &str,
    terminal: &str,
    tax_at_vest: &str,
) -> (u32, String, String, String) {
    (year, buyback.into(), terminal.into(), tax_at_vest.into())
}

#[test]
fn lots_leave_first_in_first_out_across_two_sales_with_a_long_and_a_short_term_part() {
    // 1,000 tokens vest 500 in month 1 and 500 in month 2; taxed when they pay (basis 0), 20 %,
    // or 10 % on a lot held 12 months or more. Prices: 2 in year 1, 3 in year 2.
    let mut o = offer();
    o.horizon_months = 24;
    o.grant.vesting = linear(0, 2, 1);
    priced(&mut o, &["2", "3"], 13, "60");
    o.personal.redemption_tax_pct = d("20");
    o.personal.long_term_redemption_tax_pct = Some(d("10"));
    o.personal.long_term_after_months = Some(12);
    let report = exact(&o);
    assert_eq!(
        ledger(&report),
        [
            row(1, "0.00", "0.00", "0.00"),
            // Month 13 sells floor(1,000 × 60 %) = 600 at 3: the 500 of month 1 held 12 months at
            // the long-term rate, 500 × 3 × 0.9 = 1,350; then 100 of month 2's lot, held 11
            // months, at 20 %: 100 × 3 × 0.8 = 240. 1,350 + 240 = 1,590.
            // Month 24 values the 400 left of month 2's lot, held 22 months: 400 × 3 × 0.9.
            row(2, "1590.00", "1080.00", "0.00"),
        ]
    );
    // Without the long-term rate every token sold owes 20 %: 600 × 3 × 0.8 and 400 × 3 × 0.8.
    o.personal.long_term_redemption_tax_pct = None;
    o.personal.long_term_after_months = None;
    assert_eq!(ledger(&exact(&o))[1], row(2, "1440.00", "960.00", "0.00"));
}

#[test]
fn tax_at_vest_then_sales_at_a_loss_owing_nothing() {
    // All 1,000 tokens vest in month 1, when a token would fetch 5: income tax 40 % of 5,000 is
    // owed then, and each token's basis is 5. In year 2 a token fetches only 1.
    let mut o = offer();
    o.horizon_months = 24;
    priced(&mut o, &["5", "1"], 13, "50");
    o.personal.taxed_at = TaxedAt::Vest;
    o.personal.income_tax_pct = d("40");
    o.personal.redemption_tax_pct = d("20");
    let report = exact(&o);
    assert_eq!(
        ledger(&report),
        [
            // 0.4 × 1,000 × 5 = 2,000 of tax at vest in month 1.
            row(1, "0.00", "0.00", "2000.00"),
            // Month 13 sells 500 at 1, below the basis of 5: a loss owes nothing, 500 × 1 = 500;
            // month 24 values the other 500 the same way.
            row(2, "500.00", "500.00", "0.00"),
        ]
    );
    let stay = &report.scenarios[0].stay;
    // −2,000 + 500 + 500.
    assert_eq!(decimal_cents(stay.token_nominal), "-1000.00");
    assert_eq!(cents(report.expected.token_pv), "-1000.00");
    assert_eq!(cents(report.expected.tax_at_vest_pv), "2000.00");
    // Out of pocket: 2,000 after month 1, 1,500 after the sale in month 13 (the terminal value
    // is a valuation, not cash): the most is 2,000.
    assert_eq!(decimal_cents(stay.most_owed_before_cash), "2000.00");
    // Worth less than nothing on the one path: a loss, and counted as nothing.
    assert_eq!((report.prob_zero, report.prob_loss), (1.0, 1.0));
    assert_eq!(cents(report.distribution.p50), "-1000.00");
    assert!(!report.ruin);
}

#[test]
fn ruin_when_the_tax_costs_all_the_savings() {
    // The offer above with savings of 1,000 and γ = 2: W + X = 1,000 − 1,000 = 0, so the
    // certainty equivalent is −W = −1,000 and the report says ruin (MODEL.md 8.3).
    let mut o = offer();
    o.horizon_months = 24;
    priced(&mut o, &["5", "1"], 13, "50");
    o.personal.taxed_at = TaxedAt::Vest;
    o.personal.income_tax_pct = d("40");
    o.personal.wealth = d("1000");
    o.personal.risk_aversion = d("2");
    let report = exact(&o);
    assert!(report.ruin);
    assert_eq!(cents(report.certainty_equivalent), "-1000.00");
    let json: serde_json::Value = serde_json::from_str(&to_json(&report)).unwrap();
    assert_eq!(json["ruin"], true);
    // One more unit of savings and no path costs all of it: no ruin, a certainty equivalent
    // above −W.
    o.personal.wealth = d("1001");
    let report = exact(&o);
    assert!(!report.ruin && report.certainty_equivalent > -1001.0);
    let json: serde_json::Value = serde_json::from_str(&to_json(&report)).unwrap();
    assert!(json.get("ruin").is_none(), "said only when true");
}

#[test]
fn tax_at_vest_under_a_binding_cap() {
    // A cap of 3 a token. 500 tokens vest in month 1 and 500 in month 2, when a token would fetch
    // 5; a milestone pays 2 a held token in month 1. Income tax 50 %, none on sales.
    let mut o = offer();
    o.horizon_months = 2;
    o.grant.vesting = linear(0, 2, 1);
    priced(&mut o, &["5"], 1200, "0");
    o.payouts.cap_per_token = Some(d("3"));
    o.payouts.milestones = vec![milestone("M", "2", 1)];
    o.scenarios[0].milestones_hit = vec!["M".into()];
    o.personal.taxed_at = TaxedAt::Vest;
    o.personal.income_tax_pct = d("50");
    let report = exact(&o);
    let stay = &report.scenarios[0].stay;
    let year = &stay.years[0];
    // Month 1: v = min(5, 3 − 0) = 3: 0.5 × 500 × 3 = 750. Month 2: the milestone brought 2, so
    // v = min(5, 3 − 2) = 1: 0.5 × 500 × 1 = 250. 750 + 250 = 1,000.
    assert_eq!(decimal_cents(year.tax_at_vest), "1000.00");
    // The milestone: 500 × 2 × 0.5 = 500.
    assert_eq!(decimal_cents(year.milestones), "500.00");
    // At H a token is valued at min(5, 3 − 2) = 1: month 1's lot (basis 3) at a loss and month
    // 2's (basis 1) at no gain owe nothing: 1,000 × 1.
    assert_eq!(decimal_cents(year.terminal), "1000.00");
    // 500 + 1,000 − 1,000.
    assert_eq!(decimal_cents(stay.token_nominal), "500.00");
    // Out of pocket after month 1: 750 owed less 500 of milestone = 250; after month 2,
    // 1,000 − 500 = 500 (the terminal value is no cash).
    assert_eq!(decimal_cents(stay.most_owed_before_cash), "500.00");
}

#[test]
fn nothing_is_taxed_at_vest_after_a_cancellation() {
    // 250 tokens vest in each of months 1 to 4 at a price of 4; the project is shut at the end of
    // month 2. Income tax 50 %.
    let mut o = offer();
    o.grant.vesting = linear(0, 4, 1);
    priced(&mut o, &["4"], 1200, "0");
    o.scenarios[0].cancelled_month = Some(2);
    o.personal.taxed_at = TaxedAt::Vest;
    o.personal.income_tax_pct = d("50");
    let report = exact(&o);
    let year = &report.scenarios[0].stay.years[0];
    // Months 1 and 2: 0.5 × 250 × 4 = 500 each; months 3 and 4 vest at v = 0 (nothing is paid
    // after the cancellation): 1,000 in all, and no terminal value.
    assert_eq!(decimal_cents(year.tax_at_vest), "1000.00");
    assert_eq!(year.vested_end, 1000);
    assert_eq!(decimal_cents(year.terminal), "0.00");
    assert_eq!(decimal_cents(report.scenarios[0].stay.token_nominal), "-1000.00");
}

#[test]
fn forfeiting_after_tax_at_vest_gives_none_of_it_back() {
    // All 1,000 tokens vest in month 1 at a price of 2, income tax 50 %: 1,000 owed. The project
    // earns 100 a year, under the rule's 1,000: the person leaves at the review of month 12, and
    // forfeits the tokens. 1,200 a year of salary is given up while employed.
    let mut o = offer();
    o.horizon_months = 24;
    priced(&mut o, &["2"], 1200, "0");
    o.scenarios[0].annual_revenue = vec![d("100")];
    o.salary.sacrificed_annual = d("1200");
    o.leaving.vested_on_leave = OnLeave::Forfeit;
    o.leaving.quit_if = Some(QuitRule {
        first_review_month: 12,
        every_months: 12,
        min_trailing_revenue: d("1000"),
    });
    o.personal.taxed_at = TaxedAt::Vest;
    o.personal.income_tax_pct = d("50");
    let report = exact(&o);
    let stay = &report.scenarios[0].stay;
    // 0.5 × 1,000 × 2 = 1,000 owed in month 1, nothing back: the terminal value is forfeited.
    assert_eq!(
        ledger(&report),
        [row(1, "0.00", "0.00", "1000.00"), row(2, "0.00", "0.00", "0.00")]
    );
    assert_eq!(decimal_cents(stay.token_nominal), "-1000.00");
    // 12 months of 100 given up, 50 after income tax, then none.
    assert_eq!(decimal_cents(stay.years[0].sacrifice), "600.00");
    assert_eq!(decimal_cents(stay.years[1].sacrifice), "0.00");
    let quit = report.quit_rule.as_ref().unwrap();
    assert_eq!(quit.leave_month, [Some(12)]);
    // Without the rule: −1,000 + 1,000 × 2 at H (basis 2, no gain) − 24 × 50 = −200. With it:
    // −1,000 − 12 × 50 = −1,600. The rule costs 1,400: it leaves too early.
    assert_eq!(cents(quit.deal_pv_without), "-200.00");
    assert_eq!(cents(quit.option_value), "-1400.00");
}

#[test]
fn the_quit_rule_leaves_at_a_review_after_a_cancellation_or_never() {
    // Reviews at months 12, 18 and 24 of the trailing year's revenue against 1,000.
    let mut o = offer();
    o.horizon_months = 24;
    o.scenarios = vec![
        // Month 12's year earned 500: below, so it leaves at 12.
        scenario("At a review", "20", &["500", "2000"], &[]),
        // 3,000 a year (250 a month) until it is shut in month 15: month 18's year (months 7 to
        // 18) earned 9 × 250 = 2,250; month 24's (13 to 24) 3 × 250 = 750, below: it leaves at 24.
        scenario("Cancelled", "30", &["3000"], &[]),
        // Exactly 1,000 a year is not below 1,000 (twelve twelfths, compared exactly): never.
        scenario("Never", "50", &["1000"], &[]),
    ];
    o.scenarios[1].cancelled_month = Some(15);
    o.leaving.quit_if =
        Some(QuitRule { first_review_month: 12, every_months: 6, min_trailing_revenue: d("1000") });
    o.simulation.paths = 1000;
    let report = value(&o).unwrap();
    assert_eq!(report.quit_rule.as_ref().unwrap().leave_month, [Some(12), Some(24), None]);
    // Nobody leaves of their own accord, so the rule leaves first on 20 % + 30 % of the paths.
    let mc = report.monte_carlo.unwrap();
    assert!((mc.quit_share - 0.5).abs() < 0.05, "{}", mc.quit_share);
}

/// MODEL.md 8.6's property: a `quit_if` whose minimum is 0 never leaves, and changes no figure.
#[test]
fn a_quit_rule_with_a_minimum_of_0_changes_no_figure() {
    for name in ["taxed-at-vest", "acme-copilot", "compute-budget"] {
        let mut without = example(name);
        without.leaving.quit_if = None;
        let mut with = without.clone();
        with.leaving.quit_if = Some(QuitRule {
            first_review_month: 12,
            every_months: 1,
            min_trailing_revenue: d("0"),
        });
        let json = |o: &Offer| -> serde_json::Value {
            let mut v: serde_json::Value =
                serde_json::from_str(&to_json(&value(o).unwrap())).unwrap();
            v.as_object_mut().unwrap().remove("quit_rule");
            v
        };
        let (a, b) = (json(&without), json(&with));
        assert_eq!(a, b, "{name}");
        let rule = value_exact(&with).unwrap().quit_rule.unwrap();
        assert!(rule.leave_month.iter().all(Option::is_none), "{name}");
        assert_eq!(cents(rule.option_value), "0.00", "{name}");
    }
}

/// MODEL.md 8.6's property: taxed at vest with both rates at 0 is taxed when it pays at 0.
#[test]
fn taxed_at_vest_at_0_percent_is_taxed_at_payout_at_0_percent() {
    for name in ["taxed-at-vest", "acme-copilot", "tender-units"] {
        let mut payout = example(name);
        payout.personal.income_tax_pct = Decimal::ZERO;
        payout.personal.redemption_tax_pct = Decimal::ZERO;
        payout.personal.long_term_redemption_tax_pct = None;
        payout.personal.long_term_after_months = None;
        payout.personal.taxed_at = TaxedAt::Payout;
        let mut vest = payout.clone();
        vest.personal.taxed_at = TaxedAt::Vest;
        vest.personal.long_term_redemption_tax_pct = Some(Decimal::ZERO);
        vest.personal.long_term_after_months = Some(12);
        let (a, b) = (value_exact(&payout).unwrap(), value_exact(&vest).unwrap());
        let json = |r: &Report| -> serde_json::Value {
            let mut v: serde_json::Value = serde_json::from_str(&to_json(r)).unwrap();
            // Found by another search on the grid: compared to 1e-9 below.
            v.as_object_mut().unwrap().remove("breakeven_revenue_scale");
            v
        };
        assert_eq!(json(&a), json(&b), "{name}");
        match (a.breakeven_revenue_scale, b.breakeven_revenue_scale) {
            (Some(x), Some(y)) => assert!((x - y).abs() <= 1e-8 * x.max(1.0), "{name}: {x} {y}"),
            (x, y) => assert_eq!(x, y, "{name}"),
        }
    }
}

/// MODEL.md 8.6's property: under tax at vest, a higher income tax never raises the value.
#[test]
fn raising_the_income_tax_never_raises_the_value_under_vest() {
    for name in ["taxed-at-vest", "acme-copilot"] {
        let mut o = example(name);
        o.personal.taxed_at = TaxedAt::Vest;
        let mut last: Option<Report> = None;
        for rate in ["0", "10", "25", "40", "47", "60", "80", "99.9"] {
            o.personal.income_tax_pct = d(rate);
            let report = value_exact(&o).unwrap();
            if let Some(before) = &last {
                assert!(
                    report.expected.token_pv <= before.expected.token_pv + 1e-9,
                    "{name} at {rate}"
                );
                for (s, b) in report.scenarios.iter().zip(&before.scenarios) {
                    assert!(
                        s.stay.token_pv <= b.stay.token_pv + 1e-9,
                        "{name} {} at {rate}",
                        s.name
                    );
                }
            }
            last = Some(report);
        }
    }
}

/// MODEL.md 8.6's property: at volatility 0 the simulated mean agrees with the exact one (here
/// within four standard errors, the draws being of scenarios and leaving months).
#[test]
fn the_simulated_mean_agrees_with_the_exact_one_at_volatility_0() {
    let mut o = example("taxed-at-vest");
    o.simulation.revenue_volatility_pct = Decimal::ZERO;
    o.simulation.paths = 40_000;
    let report = value(&o).unwrap();
    let mc = report.monte_carlo.unwrap();
    let gap = (mc.mean - report.expected.token_pv).abs();
    assert!(
        gap <= 4.0 * mc.std_error,
        "{} against {} ± {}",
        mc.mean,
        report.expected.token_pv,
        mc.std_error
    );
    assert!((mc.prob_loss - report.prob_loss).abs() < 0.02);
    // Quit first on the Fizzles paths still employed at month 24: 35 % × 0.88².
    assert!((mc.quit_share - 0.35 * 0.88 * 0.88).abs() < 0.01, "{}", mc.quit_share);
}

/// The simulated paths follow the exact engine's rules: with a long-term rate on sales taxed when
/// they pay (basis 0), and at vest, at volatility 0 each simulated path is its exact figure, and
/// at a volatility of 0.01 % the simulated mean is the exact one within a few standard errors,
/// both where draws are priced month by month (a cap that never binds) and where they are not.
#[test]
fn simulated_paths_follow_the_lots_and_the_tax_at_vest() {
    // One scenario and nobody leaving of their own accord: every path is the same path but for
    // the noise, so the simulated mean is its exact value within the noise's own spread.
    let mut o = example("taxed-at-vest");
    o.simulation.paths = 2_000;
    o.simulation.revenue_volatility_pct = d("0.01");
    o.leaving.annual_departure_pct = Decimal::ZERO;
    o.scenarios.remove(0);
    o.scenarios.truncate(1);
    o.scenarios[0].probability_pct = d("100");
    for (taxed_at, cap) in [
        (TaxedAt::Payout, None),
        (TaxedAt::Vest, None),
        (TaxedAt::Payout, Some(d("1000000"))),
        (TaxedAt::Vest, Some(d("1000000"))),
    ] {
        o.personal.taxed_at = taxed_at;
        o.personal.long_term_redemption_tax_pct = Some(d("10"));
        o.payouts.cap_per_token = cap;
        let report = value(&o).unwrap();
        let mc = report.monte_carlo.unwrap();
        let gap = (mc.mean - report.expected.token_pv).abs();
        assert!(
            gap <= 1e-3 * report.expected.token_pv.abs(),
            "{taxed_at:?} {cap:?}: {} against {} ± {}",
            mc.mean,
            report.expected.token_pv,
            mc.std_error
        );
    }
}
