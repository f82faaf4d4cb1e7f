//! Invariants of MODEL.md sections 2 to 4, on the examples, on a few built offers, and on random
//! valid offers (proptest, 1,000 cases each; `TOKENWORTH_CASES=N` for a longer hunt).
//!
//! On one offer: the engine never panics, every figure is finite, the figures hang together
//! (net = token − sacrifice, total = salary + token, p10 <= p50 <= p90, CE <= expected value) and
//! follow the formulas of section 3, the breakeven factor breaks even, every offer survives
//! write-then-read. Between two offers that differ in one input: which way each figure moves
//! (discount rate, revenue, taxes, departure, dilution, cancellation, cliff, what happens on
//! leaving, risk aversion, tokens) or by how much (pool and milestone linearity, revenue
//! affinity, payouts adding up, the sensitivity table, scenario order and splitting).
//!
//! The offers of the two-offer properties are small (up to five years, three scenarios) so that the
//! file runs in well under a minute.

mod common;

use common::{
    assert_near, cents, d, example, linear, milestone, offer, revenue_share, scenario,
    vesting_steps, EXAMPLES,
};
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use tokenworth::engine::exact::{means, quit_months, Model};
use tokenworth::engine::{value, value_exact, Report, Simulation as MonteCarlo};
use tokenworth::offer::{
    BudgetUnit, Buyback, Checklist, ComputeBudget, Grant, Leaving, Milestone, OnLeave, Payouts,
    Personal, PoolBasis, RevenueShare, Salary, SalaryAfterCancellation, Scenario, Simulation,
    TaxedAt, TenderPrice, Vesting, VestingEntry, WealthCounts,
};
use tokenworth::{parse_offer, write_offer, Offer};

// ---------------------------------------------------------------------------------------------
// The invariants, as checks on one offer

/// Every `f64` of the report, named.
fn floats(report: &Report) -> Vec<(String, f64)> {
    let e = &report.expected;
    let mut all = vec![
        ("expected.token_pv".to_string(), e.token_pv),
        ("expected.sacrifice_pv".to_string(), e.sacrifice_pv),
        ("expected.net_pv".to_string(), e.net_pv),
        ("expected.salary_pv".to_string(), e.salary_pv),
        ("expected.total_comp_pv".to_string(), e.total_comp_pv),
        ("prob_zero".to_string(), report.prob_zero),
        ("distribution.p10".to_string(), report.distribution.p10),
        ("distribution.p50".to_string(), report.distribution.p50),
        ("distribution.p90".to_string(), report.distribution.p90),
        ("certainty_equivalent".to_string(), report.certainty_equivalent),
        ("salary_equivalent_annual_pretax".to_string(), report.salary_equivalent_annual_pretax),
    ];
    if let Some(s) = report.breakeven_revenue_scale {
        all.push(("breakeven_revenue_scale".to_string(), s));
    }
    for (i, s) in report.scenarios.iter().enumerate() {
        all.push((format!("scenarios[{i}].probability"), s.probability));
        all.push((format!("scenarios[{i}].expected_token_pv"), s.expected_token_pv));
        all.push((format!("scenarios[{i}].stay.token_pv"), s.stay.token_pv));
        all.push((format!("scenarios[{i}].stay.sacrifice_pv"), s.stay.sacrifice_pv));
    }
    if let Some(mc) = &report.monte_carlo {
        let p = &mc.percentiles;
        for (name, x) in [
            ("mean", mc.mean),
            ("std_error", mc.std_error),
            ("p5", p.p5),
            ("p10", p.p10),
            ("p25", p.p25),
            ("p50", p.p50),
            ("p75", p.p75),
            ("p90", p.p90),
            ("p95", p.p95),
            ("prob_zero", mc.prob_zero),
            ("prob_below_sacrifice", mc.prob_below_sacrifice),
            ("certainty_equivalent", mc.certainty_equivalent),
        ] {
            all.push((format!("monte_carlo.{name}"), x));
        }
    }
    for row in &report.sensitivity {
        all.push((format!("sensitivity.{}.low", row.input), row.low));
        all.push((format!("sensitivity.{}.high", row.input), row.high));
        all.push((format!("sensitivity.{}.swing", row.input), row.swing));
    }
    all
}

/// Every string of the JSON report other than names, words and the asks that are not money is
/// money: an optional minus, digits, a point and two digits. Every number is a number (serde_json
/// writes a non-finite float as null).
fn check_json_money(value: &Value, path: &str, problems: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let words = [
                    "format",
                    "name",
                    "currency",
                    "input",
                    "verdict",
                    "asks_text",
                    "caveat",
                    "best_text",
                    "open_questions",
                    "bending_terms",
                    "status",
                ];
                let not_money = ["extra_tokens", "pool_pct"];
                let is_words = words.contains(&key.as_str());
                let is_count = path.ends_with(".asks") && not_money.contains(&key.as_str());
                if !(is_words || is_count) {
                    check_json_money(v, &format!("{path}.{key}"), problems);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_json_money(v, &format!("{path}[{i}]"), problems);
            }
        }
        Value::String(_) if path == ".tax_residence" => {}
        Value::String(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            let well_formed = digits.split_once('.').is_some_and(|(whole, cents)| {
                !whole.is_empty()
                    && whole.bytes().all(|b| b.is_ascii_digit())
                    && cents.len() == 2
                    && cents.bytes().all(|b| b.is_ascii_digit())
            });
            if !well_formed || !s.parse::<f64>().is_ok_and(f64::is_finite) {
                problems.push(format!("{path} = {s:?} is not money"));
            }
        }
        Value::Null
            if ![
                ".breakeven_revenue_scale",
                ".decision.asks",
                ".decision.risk_breakeven_revenue_scale",
                ".compute_budget.realized_pct",
                ".quit_rule",
                ".tax_residence",
                ".tax_year",
            ]
            .contains(&path)
                && !path.starts_with(".quit_rule.leave_month") =>
        {
            problems.push(format!("{path} is null"))
        }
        _ => {}
    }
}

/// MODEL.md section 3's invariants on one valued offer.
fn check_invariants(offer: &Offer, report: &Report) -> Result<(), String> {
    let mut problems = Vec::new();
    for (name, x) in floats(report) {
        if !x.is_finite() {
            problems.push(format!("{name} = {x}"));
        }
    }
    let json: Value =
        serde_json::from_str(&tokenworth::report::to_json(report)).map_err(|e| e.to_string())?;
    check_json_money(&json, "", &mut problems);

    let e = &report.expected;
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()));
    if !close(e.net_pv, e.token_pv - e.sacrifice_pv) {
        problems.push(format!(
            "net_pv {} != token_pv {} − sacrifice_pv {}",
            e.net_pv, e.token_pv, e.sacrifice_pv
        ));
    }
    // A compute budget's worth is pay too (MODEL.md 7.6).
    let compute = report.compute_budget.as_ref().map_or(0.0, |c| c.value_pv);
    if !close(e.total_comp_pv, e.salary_pv + e.token_pv + compute) {
        problems.push(format!(
            "total_comp_pv {} != salary_pv {} + token_pv {} + compute {compute}",
            e.total_comp_pv, e.salary_pv, e.token_pv
        ));
    }
    // Only tax at vest makes tokens cost money (MODEL.md 8.3).
    let at_vest = offer.personal.taxed_at == TaxedAt::Vest;
    if !at_vest && e.token_pv < 0.0 || e.sacrifice_pv < 0.0 || e.salary_pv < 0.0 {
        problems.push(format!("a negative value: {e:?}"));
    }
    if e.tax_at_vest_pv < 0.0 || !at_vest && e.tax_at_vest_pv != 0.0 {
        problems.push(format!("tax at vest {}", e.tax_at_vest_pv));
    }
    let dist = &report.distribution;
    if !(dist.p10 <= dist.p50 && dist.p50 <= dist.p90 && (at_vest || dist.p10 >= 0.0)) {
        problems.push(format!("percentiles out of order: {dist:?}"));
    }
    if !(0.0..=1.0 + 1e-12).contains(&report.prob_zero)
        || !(0.0..=report.prob_zero + 1e-12).contains(&report.prob_loss)
        || !at_vest && report.prob_loss != 0.0
    {
        problems.push(format!("prob_zero {}, prob_loss {}", report.prob_zero, report.prob_loss));
    }
    // The certainty equivalent is the expected value when risk-neutral and no more than it otherwise.
    let ce = report.certainty_equivalent;
    if offer.personal.risk_aversion.is_zero() {
        if !close(ce, e.token_pv) {
            problems.push(format!("risk-neutral CE {ce} != expected {}", e.token_pv));
        }
    } else if report.ruin {
        if ce != -report.deal.wealth {
            problems.push(format!("CE {ce} at ruin, not −W"));
        }
    } else if ce > e.token_pv + 1e-9 * e.token_pv.abs() + 1e-6 || !at_vest && ce < -1e-6 {
        // (1e-6: with outcomes a hundred-millionth of the wealth, the log-sum-exp keeps only ~8
        // digits of the gap between CE and the expected value; far below a cent.)
        problems.push(format!("CE {ce} above the expected value {} (or negative)", e.token_pv));
    }
    // Scenario probabilities sum to 1 (within the validator's 0.0001 %).
    let total: f64 = report.scenarios.iter().map(|s| s.probability).sum();
    if (total - 1.0).abs() > 2e-6 {
        problems.push(format!("scenario probabilities sum to {total}"));
    }
    // Ledgers: ceil(H/12) years, vested_end never falling and never above the grant, no negative amount.
    let years = offer.horizon_months.div_ceil(12) as usize;
    for (i, s) in report.scenarios.iter().enumerate() {
        if s.stay.years.len() != years {
            problems.push(format!(
                "scenarios[{i}] has {} ledger years, not {years}",
                s.stay.years.len()
            ));
        }
        let mut last = 0;
        for y in &s.stay.years {
            if y.vested_end < last || y.vested_end > offer.grant.tokens {
                problems
                    .push(format!("scenarios[{i}] year {}: vested_end {}", y.year, y.vested_end));
            }
            last = y.vested_end;
            if [y.revenue_share, y.milestones, y.buyback, y.terminal, y.sacrifice, y.tax_at_vest]
                .iter()
                .any(|&a| a < Decimal::ZERO)
            {
                problems.push(format!("scenarios[{i}] year {}: a negative amount", y.year));
            }
        }
    }
    // Sensitivity: swing = |high − low|, largest (as printed) first.
    for row in &report.sensitivity {
        if !close(row.swing, (row.high - row.low).abs()) {
            problems.push(format!(
                "sensitivity {}: swing {} of {} and {}",
                row.input, row.swing, row.low, row.high
            ));
        }
    }
    let swings: Vec<Decimal> = report
        .sensitivity
        .iter()
        .filter_map(|r| tokenworth::format::round_cents(r.swing))
        .collect();
    if swings.windows(2).any(|w| w[0] < w[1]) {
        problems.push(format!("sensitivity not sorted by swing: {swings:?}"));
    }
    if let Some(mc) = &report.monte_carlo {
        let p = &mc.percentiles;
        let ordered = [p.p5, p.p10, p.p25, p.p50, p.p75, p.p90, p.p95];
        if ordered.windows(2).any(|w| w[0] > w[1]) || !(0.0..=1.0).contains(&mc.prob_zero) {
            problems.push(format!("monte carlo out of order: {mc:?}"));
        }
    }
    // The verdict's figures: the same expected net value as the report; risk never adds value to
    // someone averse to it; asks exactly when the offer falls short; a probability.
    if let Some(d) = &report.decision {
        if compute == 0.0 && d.expected_net != e.net_pv
            || !close(d.expected_net, e.net_pv + compute)
        {
            problems.push(format!(
                "decision expected_net {} but net_pv {} + compute {compute}",
                d.expected_net, e.net_pv
            ));
        }
        // The certainty equivalent is found through the utility of wealth plus each outcome, so it
        // is known only to a few units in the last place of the person's wealth: 2.9e-9 of
        // rounding at a wealth of 7.5 million once showed as risk carried below zero.
        let precision =
            1e-9 * (1.0 + d.expected_net.abs()) + 16.0 * f64::EPSILON * f(offer.personal.wealth);
        // At ruin the value after risk is −W (MODEL.md 8.6), above a mean loss beyond W.
        if d.risk_carried < -precision && !report.deal.ruin {
            problems.push(format!("negative risk carried: {d:?}"));
        }
        if d.asks.is_some() != (d.risk_adjusted_net < 0.0)
            || !(0.0..=1.0).contains(&d.prob_worse_than_salary_only)
        {
            problems.push(format!("decision out of order: {d:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// At revenue × `breakeven_revenue_scale`, the expected token value equals the expected sacrifice.
fn check_breakeven(offer: &Offer) -> Result<Option<f64>, String> {
    let report = value_exact(offer).map_err(|e| e.to_string())?;
    let Some(scale) = report.breakeven_revenue_scale else { return Ok(None) };
    if scale <= 0.0 || scale > 1e6 {
        return Ok(None);
    }
    // The quit rule keeps the months of the offer as it is (MODEL.md 8.2).
    let quit = quit_months(offer, Decimal::ONE).map_err(|e| e.to_string())?;
    let model = Model::new(offer, Decimal::from_f64(scale).expect("a finite scale"))
        .map_err(|e| e.to_string())?
        .with_quit(quit);
    let scaled = means(&model.paths());
    let (token, sacrifice) = (scaled.token_pv, scaled.sacrifice_pv);
    if (token - sacrifice).abs() <= 1e-6 * sacrifice.abs().max(1e-3) {
        Ok(Some(scale))
    } else {
        Err(format!("at {scale}× the revenue: token_pv {token}, sacrifice_pv {sacrifice}"))
    }
}

// ---------------------------------------------------------------------------------------------
// The examples and a few built offers

/// Offers that exercise leaving, windows, dilution and a gross-profit pool together.
fn built_offers() -> Vec<Offer> {
    let mut mixed = offer();
    mixed.horizon_months = 60;
    mixed.salary.sacrificed_annual = d("30000");
    mixed.grant.annual_dilution_pct = d("7.5");
    mixed.grant.vesting = linear(12, 48, 3);
    let mut share = revenue_share("8", 6);
    share.basis = PoolBasis::GrossProfit;
    share.gross_margin_pct = d("60");
    mixed.payouts.revenue_share = Some(share);
    mixed.payouts.milestones = vec![milestone("Launch", "1.5", 18)];
    mixed.payouts.buyback = Some(Buyback {
        price: TenderPrice::Formula,
        revenue_multiple: Some(d("4")),
        max_sale_per_window: None,
        former_max_sale_per_window: None,
        first_window_month: 24,
        every_months: 12,
        sell_pct: d("20"),
        terminal: true,
        illiquidity_discount_pct: d("25"),
        floor_price: None,
    });
    mixed.leaving = Leaving {
        annual_departure_pct: d("20"),
        vested_on_leave: OnLeave::Buyback,
        salary_after_cancellation: SalaryAfterCancellation::Continues,
        quit_if: None,
    };
    mixed.scenarios = vec![
        scenario("Down", "30", &["0", "500000"], &[]),
        scenario("Mid", "50", &["1000000", "3000000", "8000000"], &["Launch"]),
        scenario("Up", "20", &["2000000", "10000000", "40000000"], &["Launch"]),
    ];
    mixed.scenarios[0].cancelled_month = Some(30);
    mixed.personal = Personal {
        discount_rate_pct: d("15"),
        income_tax_pct: d("40"),
        redemption_tax_pct: d("25"),
        wealth: d("80000"),
        risk_aversion: d("1"),
        wealth_counts: WealthCounts::Savings,
        taxed_at: TaxedAt::Payout,
        long_term_redemption_tax_pct: None,
        long_term_after_months: None,
        tax_residence: None,
        tax_year: None,
    };
    let mut forfeit = mixed.clone();
    forfeit.leaving.vested_on_leave = OnLeave::Forfeit;
    forfeit.personal.risk_aversion = d("20");
    let mut keep = mixed.clone();
    keep.leaving.vested_on_leave = OnLeave::Keep;
    keep.payouts.buyback = None;
    keep.personal.risk_aversion = d("0");
    vec![mixed, forfeit, keep]
}

/// The random offer on which rounding near a wealth of 7.5 million once showed as risk carried
/// below zero (2.9e-9): two tokens of a pool of two worth 2.5e-5 after tax and discounting.
const TINY_VALUE_LARGE_WEALTH: &str = r#"{
  "format": "tokenworth-offer", "version": 2, "name": "Random", "currency": "EUR", "horizon_months": 86,
  "salary": { "base_annual": "0", "sacrificed_annual": "0" },
  "grant": { "tokens": 2, "supply": 2, "annual_dilution_pct": "35.20",
             "vesting": { "cliff_months": 76, "duration_months": 145, "every_months": 9 } },
  "payouts": {
    "revenue_share": { "pool_pct": "25.53", "basis": "gross_profit", "gross_margin_pct": "100", "every_months": 6 },
    "milestones": [ { "name": "m0", "per_token": "0", "month": 56 }, { "name": "m1", "per_token": "0", "month": 102 } ],
    "buyback": null
  },
  "leaving": { "annual_departure_pct": "93.92", "vested_on_leave": "keep" },
  "scenarios": [ { "name": "s0", "probability_pct": "100", "annual_revenue": ["452676282.18"], "milestones_hit": ["m0"] } ],
  "personal": { "discount_rate_pct": "100", "income_tax_pct": "91.24", "redemption_tax_pct": "0",
                "wealth": "7484812.75", "risk_aversion": "0.8" },
  "simulation": { "paths": 32, "revenue_volatility_pct": "91.58", "seed": 2227776317108360434 },
  "checklist": {}
}"#;

#[test]
fn invariants_hold_for_a_tiny_value_beside_a_large_wealth() {
    let o = parse_offer(TINY_VALUE_LARGE_WEALTH).expect("the offer proptest found");
    let report = value(&o).unwrap();
    let decision = report.decision.as_ref().expect("a decision");
    assert!(decision.expected_net > 0.0 && decision.expected_net < 1e-4, "{decision:?}");
    check_invariants(&o, &report).unwrap();
}

#[test]
fn invariants_hold_on_the_examples_and_built_offers() {
    let offers: Vec<Offer> = EXAMPLES.iter().map(|n| example(n)).chain(built_offers()).collect();
    for o in &offers {
        let report = value(o).unwrap_or_else(|e| panic!("{}: {e}", o.name));
        if let Err(problems) = check_invariants(o, &report) {
            panic!("{}:\n{problems}", o.name);
        }
    }
    // And strictly: a risk-averse holder of a risky offer values it below its expected value.
    let acme = value_exact(&example("acme-copilot")).unwrap();
    assert!(acme.certainty_equivalent < acme.expected.token_pv - 1000.0);
}

#[test]
fn the_breakeven_factor_breaks_even_on_the_examples_and_built_offers() {
    // acme-copilot and research-lab have a factor above zero; salary-only has none to test (0).
    let mut tested = Vec::new();
    for o in EXAMPLES.iter().map(|n| example(n)).chain(built_offers()) {
        if let Some(scale) = check_breakeven(&o).unwrap_or_else(|e| panic!("{}: {e}", o.name)) {
            tested.push((o.name.clone(), scale));
        }
    }
    assert_eq!(tested.len(), 8, "{tested:?}");
    assert_near("acme-copilot breakeven", tested[0].1, 0.395_712_497_523_393_8, 1e-9, 1e-9);
    assert_near("research-lab breakeven", tested[1].1, 7.698_811_067_492_315, 1e-9, 1e-9);
    // Searched by bisection (a hurdle: MODEL.md 7.7), against the independent report's figure.
    assert_near("compute-budget breakeven", tested[2].1, 2.911_262_874_491_512_8, 0.0, 1e-9);
    // Version 4 (the salary restored when the project is shut), against the independent report.
    assert_near("restored-salary breakeven", tested[3].1, 1.043_032_405_723_352, 0.0, 1e-9);
    // On MODEL.md 8.3's grid (tax at vest, a quit rule), against the independent report.
    assert_near("taxed-at-vest breakeven", tested[4].1, 0.311_819_194_583_222_27, 0.0, 1e-9);
}

#[test]
fn more_tokens_in_whole_vesting_lots_never_lower_the_value_of_the_examples() {
    for o in EXAMPLES.iter().map(|n| example(n)).chain(built_offers()) {
        let base = value_exact(&o).unwrap().expected.token_pv;
        let mut more = o.clone();
        more.grant.tokens += u64::from(vesting_steps(&o.grant.vesting)) * 7;
        more.grant.supply = more.grant.supply.max(more.grant.tokens);
        if more.grant.supply != o.grant.supply {
            continue; // a bigger supply would change the price; salary-only has supply 1
        }
        let richer = value_exact(&more).unwrap().expected.token_pv;
        assert!(richer >= base, "{}: {richer} < {base}", o.name);
        if base > 0.0 {
            assert!(richer > base, "{}: more tokens, same value {base}", o.name);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Random valid offers

/// A percentage with two decimals, 0 to 100.
fn percent() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(Decimal::ONE_HUNDRED),
        (0i64..=10_000).prop_map(|n| Decimal::new(n, 2))
    ]
}

/// A tax rate with two decimals, 0 to 99.99.
fn tax_rate() -> impl Strategy<Value = Decimal> {
    prop_oneof![Just(Decimal::ZERO), (0i64..=9_999).prop_map(|n| Decimal::new(n, 2))]
}

/// Money with cents, 0 to `max_whole`.
fn money(max_whole: i64) -> impl Strategy<Value = Decimal> {
    prop_oneof![Just(Decimal::ZERO), (0..=max_whole * 100).prop_map(|n| Decimal::new(n, 2))]
}

/// How large a random offer may be: the horizon, the number of scenarios, and the latest month an
/// event (a milestone, the first window, the end of vesting, a cancellation) is drawn at, so that
/// some fall past the horizon and never happen.
#[derive(Debug, Clone, Copy)]
struct Size {
    horizon: u32,
    scenarios: usize,
    months: u32,
}

/// Up to ten years and four scenarios: the figures and the file format.
const FULL: Size = Size { horizon: 120, scenarios: 4, months: 150 };
/// Up to five years and three scenarios: the properties that value an offer two or more times.
const SMALL: Size = Size { horizon: 60, scenarios: 3, months: 75 };

fn vesting(size: Size) -> impl Strategy<Value = Vesting> {
    (1u32..=size.months, 1u32..=24)
        .prop_flat_map(|(duration, every)| (0..=duration, Just(duration), Just(every)))
        .prop_map(|(cliff_months, duration_months, every_months)| Vesting::Linear {
            cliff_months,
            duration_months,
            every_months,
        })
}

fn grant(size: Size) -> impl Strategy<Value = Grant> {
    let supply = prop_oneof![1u64..=1_000, 1u64..=1_000_000_000_000];
    (supply, percent(), vesting(size))
        .prop_flat_map(|(supply, dilution, vesting)| {
            (0..=supply, Just(supply), Just(dilution), Just(vesting))
        })
        .prop_map(|(tokens, supply, annual_dilution_pct, vesting)| Grant {
            tokens,
            supply,
            annual_dilution_pct,
            vesting,
            expires_month: None,
        })
}

fn payouts(size: Size) -> impl Strategy<Value = Payouts> {
    let share = proptest::option::of((percent(), any::<bool>(), percent(), 1u32..=24).prop_map(
        |(pool, gross, margin, every)| RevenueShare {
            pool_pct: pool,
            basis: if gross { PoolBasis::GrossProfit } else { PoolBasis::Revenue },
            gross_margin_pct: margin,
            every_months: every,
            hurdle_annual: None,
        },
    ));
    let milestones =
        proptest::collection::vec((money(1_000), 1u32..=size.months), 0..=3).prop_map(|list| {
            list.into_iter()
                .enumerate()
                .map(|(i, (per_token, month))| Milestone {
                    name: format!("m{i}"),
                    per_token,
                    month,
                })
                .collect::<Vec<_>>()
        });
    let buyback = proptest::option::of(
        (money(50), 1u32..=size.months, 1u32..=24, percent(), any::<bool>(), percent()).prop_map(
            |(
                revenue_multiple,
                first_window_month,
                every_months,
                sell_pct,
                terminal,
                illiquidity_discount_pct,
            )| Buyback {
                price: TenderPrice::Formula,
                revenue_multiple: Some(revenue_multiple),
                first_window_month,
                every_months,
                sell_pct,
                terminal,
                illiquidity_discount_pct,
                floor_price: None,
                max_sale_per_window: None,
                former_max_sale_per_window: None,
            },
        ),
    );
    (share, milestones, buyback).prop_map(|(revenue_share, milestones, buyback)| Payouts {
        revenue_share,
        milestones,
        buyback,
        cap_per_token: None,
    })
}

/// One scenario's raw draw: weight, yearly revenue, cancellation, which milestones it hits (bits).
type ScenarioDraw = (u32, Vec<Decimal>, Option<u32>, u8);

/// Weights from 0 (a scenario of probability 0 is valid, and once had bugs of its own: engine.rs);
/// at least one is positive.
fn scenario_draws(size: Size) -> impl Strategy<Value = Vec<ScenarioDraw>> {
    let revenue = proptest::collection::vec(money(1_000_000_000), 0..=6);
    proptest::collection::vec(
        (0u32..=10, revenue, proptest::option::of(1u32..=size.months), any::<u8>()),
        1..=size.scenarios,
    )
    .prop_map(|mut draws| {
        if draws.iter().all(|d| d.0 == 0) {
            draws[0].0 = 1;
        }
        draws
    })
}

/// Probabilities from weights: each rounded down to 4 decimals, the last taking the rest, so that
/// they are all in [0, 100] and add up to exactly 100.
fn scenarios_from(draws: Vec<ScenarioDraw>, milestones: &[Milestone]) -> Vec<Scenario> {
    let weights: Vec<u32> = draws.iter().map(|d| d.0).collect();
    let total = Decimal::from(weights.iter().sum::<u32>());
    let last = draws.len() - 1;
    let mut given = Decimal::ZERO;
    draws
        .into_iter()
        .enumerate()
        .map(|(i, (_, annual_revenue, cancelled_month, hit_bits))| {
            let probability_pct = if i == last {
                Decimal::ONE_HUNDRED - given
            } else {
                (Decimal::from(weights[i]) * Decimal::ONE_HUNDRED / total)
                    .round_dp_with_strategy(4, RoundingStrategy::ToZero)
            };
            given += probability_pct;
            let milestones_hit = milestones
                .iter()
                .enumerate()
                .filter(|(j, _)| hit_bits & (1 << j) != 0)
                .map(|(_, m)| m.name.clone())
                .collect();
            Scenario {
                name: format!("s{i}"),
                probability_pct,
                annual_revenue,
                cancelled_month,
                milestones_hit,
                price_per_token: Vec::new(),
            }
        })
        .collect()
}

fn personal() -> impl Strategy<Value = Personal> {
    let wealth =
        prop_oneof![Just(d("0.01")), (1i64..=1_000_000_000).prop_map(|n| Decimal::new(n, 2))];
    let counts = prop_oneof![Just(WealthCounts::Savings), Just(WealthCounts::SavingsAndPay)];
    (
        percent(),
        tax_rate(),
        tax_rate(),
        wealth,
        (0i64..=200).prop_map(|n| Decimal::new(n, 1)),
        counts,
    )
        .prop_map(
            |(
                discount_rate_pct,
                income_tax_pct,
                redemption_tax_pct,
                wealth,
                risk_aversion,
                wealth_counts,
            )| Personal {
                discount_rate_pct,
                income_tax_pct,
                redemption_tax_pct,
                wealth,
                risk_aversion,
                wealth_counts,
                taxed_at: TaxedAt::Payout,
                long_term_redemption_tax_pct: None,
                long_term_after_months: None,
                tax_residence: None,
                tax_year: None,
            },
        )
}

prop_compose! {
    /// A valid offer of at most `size`: every mechanism may be on or off, every amount has cents.
    fn offer_of(size: Size)(
        horizon_months in 1u32..=size.horizon,
        salary in (money(10_000_000), money(1_000_000)),
        grant in grant(size),
        payouts in payouts(size),
        leaving in (percent(), 0u8..3, any::<bool>()),
        draws in scenario_draws(size),
        personal in personal(),
        simulation in (1u32..=64, percent(), any::<u64>()),
    ) -> Offer {
        let vested_on_leave = match (leaving.1, &payouts.buyback) {
            (1, _) => OnLeave::Forfeit,
            (2, Some(_)) => OnLeave::Buyback,
            _ => OnLeave::Keep,
        };
        let scenarios = scenarios_from(draws, &payouts.milestones);
        Offer {
            name: "Random".to_string(),
            currency: "EUR".to_string(),
            horizon_months,
            salary: Salary { base_annual: salary.0, sacrificed_annual: salary.1 },
            grant,
            payouts,
            leaving: Leaving {
                annual_departure_pct: leaving.0,
                vested_on_leave,
                salary_after_cancellation: if leaving.2 {
                    SalaryAfterCancellation::Restored
                } else {
                    SalaryAfterCancellation::Continues
                },
                quit_if: None,
            },
            scenarios,
            personal,
            simulation: Simulation { paths: simulation.0, revenue_volatility_pct: simulation.1, seed: simulation.2 },
            checklist: Checklist::default(),
            mix: None,
            compute_budget: None,
        }
    }
}

/// A valid offer of up to ten years and four scenarios.
fn valid_offer() -> impl Strategy<Value = Offer> {
    offer_of(FULL)
}

/// A valid offer of up to five years and three scenarios.
fn small_offer() -> impl Strategy<Value = Offer> {
    offer_of(SMALL)
}

/// A valid offer pushed to the limits the validator allows, one switch per limit.
fn extreme_offer() -> impl Strategy<Value = Offer> {
    (valid_offer(), proptest::collection::vec(any::<bool>(), 12)).prop_map(|(mut o, on)| {
        let huge = Decimal::from_i128_with_scale(7_000_000_000_000_000_000_000_000_000, 0);
        if on[0] {
            o.grant.tokens = u64::MAX;
            o.grant.supply = u64::MAX;
        }
        if on[1] {
            o.horizon_months = 240;
        }
        if on[2] {
            for s in &mut o.scenarios {
                s.annual_revenue.push(huge);
            }
        }
        if on[3] {
            for m in &mut o.payouts.milestones {
                m.per_token = Decimal::from_i128_with_scale(100_000_000_000_000_000_000, 0);
            }
        }
        if on[4] {
            if let Some(b) = o.payouts.buyback.as_mut() {
                b.revenue_multiple = Some(huge);
                b.every_months = u32::MAX;
            }
        }
        if on[5] {
            o.grant.vesting = linear(u32::MAX, u32::MAX, u32::MAX);
        }
        if on[6] {
            if let Vesting::Linear { every_months, .. } = &mut o.grant.vesting {
                *every_months = u32::MAX;
            }
            for m in &mut o.payouts.milestones {
                m.month = u32::MAX;
            }
            if let Some(b) = o.payouts.buyback.as_mut() {
                b.first_window_month = u32::MAX;
            }
        }
        if on[7] {
            for s in &mut o.scenarios {
                s.cancelled_month = Some(u32::MAX);
            }
        }
        if on[8] {
            o.personal.wealth = Decimal::new(1, 28);
        }
        if on[9] {
            o.personal.wealth = huge;
            o.salary.base_annual = huge;
            o.salary.sacrificed_annual = huge;
        }
        if on[10] {
            o.personal.risk_aversion = Decimal::from(20);
        }
        if on[11] {
            o.simulation.revenue_volatility_pct = Decimal::ONE_HUNDRED;
            o.grant.annual_dilution_pct = Decimal::ONE_HUNDRED;
            o.personal.discount_rate_pct = Decimal::ONE_HUNDRED;
        }
        o
    })
}

/// 1,000 cases per property (`TOKENWORTH_CASES=N` for a longer hunt), no regression
/// files written into the repository.
fn config() -> Config {
    let cases =
        std::env::var("TOKENWORTH_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000);
    Config { cases, failure_persistence: None, ..Config::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_offers_are_valid_and_survive_a_round_trip(o in valid_offer()) {
        let written = write_offer(&o);
        let again = parse_offer(&written);
        prop_assert_eq!(again, Ok(o));
    }

    #[test]
    fn every_offer_of_the_earlier_format_reads_the_same_and_migrates(o in valid_offer()) {
        // A version 1 file is a version 2 file without the mix and the floor price; the random
        // offers have neither, so each, written as version 1 without version 4's two rules, is an
        // earlier file of the same offer under the rules version 1 always meant.
        let mut o = o;
        o.leaving.salary_after_cancellation = SalaryAfterCancellation::Continues;
        o.personal.wealth_counts = WealthCounts::Savings;
        let mut old: serde_json::Value = serde_json::from_str(&write_offer(&o)).unwrap();
        old["version"] = serde_json::Value::from(1);
        old["leaving"].as_object_mut().unwrap().remove("salary_after_cancellation");
        old["personal"].as_object_mut().unwrap().remove("wealth_counts");
        prop_assert_eq!(tokenworth::offer::read_offer(&old), Ok(o.clone()));
        prop_assert!(tokenworth::offer::migrate(&mut old));
        prop_assert_eq!(&old["version"], &serde_json::Value::from(tokenworth::offer::OFFER_VERSION));
        prop_assert_eq!(tokenworth::offer::read_offer(&old), Ok(o));
        prop_assert!(!tokenworth::offer::migrate(&mut old), "a current document is left alone");
    }

    #[test]
    fn random_offers_value_to_finite_consistent_figures(o in valid_offer()) {
        let report = value(&o);
        prop_assert!(report.is_ok(), "value failed: {:?}", report);
        let report = report.unwrap();
        let checked = check_invariants(&o, &report);
        prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
    }

    #[test]
    fn random_offers_break_even_at_the_breakeven_factor(o in valid_offer()) {
        let checked = check_breakeven(&o);
        prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
    }

    #[test]
    fn more_tokens_never_lower_the_value(o in valid_offer(), lots in 1u64..=1_000, extra in 1u64..=1_000_000) {
        // MODEL.md's vesting floors g·k/D: adding whole lots of D tokens adds k(t) to every vested(t),
        // so the tokens held, sold and kept all grow (see engine.rs for why adding a single token can
        // lower the value when windows sell). Without windows any extra tokens will do.
        let sells = o.payouts.buyback.as_ref().is_some_and(|b| !b.sell_pct.is_zero());
        let add = if sells { lots * u64::from(vesting_steps(&o.grant.vesting)) } else { extra };
        // Both offers have the same supply, large enough for the extra tokens.
        let mut o = o;
        o.grant.supply = o.grant.supply.max(o.grant.tokens + add);
        let mut more = o.clone();
        more.grant.tokens += add;
        let base = value_exact(&o).unwrap().expected.token_pv;
        let richer = value_exact(&more).unwrap().expected.token_pv;
        prop_assert!(richer >= base * (1.0 - 1e-12) - 1e-9, "{} tokens: {}; {} tokens: {}", o.grant.tokens, base, more.grant.tokens, richer);
    }

    #[test]
    fn risk_neutral_ce_is_the_expected_value_and_risk_aversion_lowers_it(o in valid_offer(), gamma in 1i64..=200) {
        let mut neutral = o.clone();
        neutral.personal.risk_aversion = Decimal::ZERO;
        let n = value_exact(&neutral).unwrap();
        prop_assert!((n.certainty_equivalent - n.expected.token_pv).abs() <= 1e-9 * (1.0 + n.expected.token_pv));
        let mut averse = o;
        averse.personal.risk_aversion = Decimal::new(gamma, 1);
        let a = value_exact(&averse).unwrap();
        prop_assert!(a.certainty_equivalent <= a.expected.token_pv * (1.0 + 1e-9) + 1e-6,
            "γ {}: CE {} above {}", averse.personal.risk_aversion, a.certainty_equivalent, a.expected.token_pv);
        // Strictly below when the outcome is uncertain: two paths of positive weight differ by more than
        // a thousandth of the wealth and a ten-thousandth of the value (so that the gap is far above
        // rounding).
        let spread = a.distribution.p90 - a.distribution.p10;
        let wealth = averse.personal.wealth.to_string().parse::<f64>().unwrap();
        if spread > 1.0 && spread > 1e-3 * wealth && spread > 1e-4 * a.expected.token_pv {
            prop_assert!(a.certainty_equivalent < a.expected.token_pv);
        }
    }

    #[test]
    fn extreme_offers_value_or_name_an_overflow(o in extreme_offer()) {
        // The reader reads it back, or refuses only its months past MAX_MONTH (issue 30); the
        // engine is tried on it either way.
        match parse_offer(&write_offer(&o)) {
            Err(tokenworth::OfferError::Invalid(errors)) => prop_assert!(
                errors.iter().all(|e| e.message.contains("a term may name months up to 1200")),
                "{:?}", errors
            ),
            read => prop_assert_eq!(read, Ok(o.clone())),
        }
        // Never a panic: either figures (all finite, the money well formed) or an overflow error.
        match value(&o) {
            Ok(report) => {
                let mut problems: Vec<String> =
                    floats(&report).into_iter().filter(|(_, x)| !x.is_finite()).map(|(n, x)| format!("{n} = {x}")).collect();
                // Money beyond Decimal's range (7.9e28) prints "NaN": a known bug (engine.rs), so the
                // printed money is checked only when every figure is within that range.
                if floats(&report).iter().all(|(_, x)| x.abs() < 7.9e28) {
                    let json: Value = serde_json::from_str(&tokenworth::report::to_json(&report)).unwrap();
                    check_json_money(&json, "", &mut problems);
                }
                prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
            }
            Err(tokenworth::EngineError::Overflow(what)) => prop_assert!(!what.is_empty()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Laws of the engine on random offers: each changes one input (or splits the offer) and says
// which way, or by how much, the figures must move.

/// The exact figures of a small valid offer (far from any overflow).
fn exact(o: &Offer) -> Report {
    value_exact(o).unwrap_or_else(|e| panic!("a small valid offer values: {e}"))
}

/// A decimal of the offer as `f64`, for figures the model computes in floating point.
fn f(x: Decimal) -> f64 {
    x.to_f64().expect("a decimal of a valid offer fits in f64")
}

/// `a <= b`, allowing for the rounding of float sums of a few thousand terms.
fn at_most(a: f64, b: f64) -> bool {
    a <= b + 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// `a == b` but for that rounding.
fn near(a: f64, b: f64) -> bool {
    at_most(a, b) && at_most(b, a)
}

/// `got == want` to 1e-9 relative; the 1e-9 absolute floor (a ten-millionth of a cent) covers
/// per-token amounts so small that Decimal's 28 decimal places hold only a few of their digits.
fn near_relative(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-9 * want.abs() + 1e-9
}

fn check(result: Result<(), String>) -> Result<(), TestCaseError> {
    result.map_err(TestCaseError::fail)
}

/// Every path's token value, lowest first (the exact distribution without its weights).
fn path_values(r: &Report) -> Vec<f64> {
    r.outcomes.iter().map(|o| o.0).collect()
}

/// What "no path of `low` is worth more than the same path of `high`" implies, for two offers
/// with the same paths and weights: the k-th lowest path value, the expected value, each
/// scenario's values, the percentiles and the certainty equivalent are all no higher in `low`.
fn dominated(low: &Report, high: &Report) -> Result<(), String> {
    let (a, b) = (path_values(low), path_values(high));
    if a.len() != b.len() {
        return Err(format!("{} paths against {}", a.len(), b.len()));
    }
    if let Some(k) = a.iter().zip(&b).position(|(x, y)| !at_most(*x, *y)) {
        return Err(format!("path of rank {k}: {} above {}", a[k], b[k]));
    }
    let mut figures = vec![
        ("expected.token_pv".to_string(), low.expected.token_pv, high.expected.token_pv),
        ("p10".to_string(), low.distribution.p10, high.distribution.p10),
        ("p50".to_string(), low.distribution.p50, high.distribution.p50),
        ("p90".to_string(), low.distribution.p90, high.distribution.p90),
    ];
    for (i, (s, t)) in low.scenarios.iter().zip(&high.scenarios).enumerate() {
        figures.push((
            format!("scenarios[{i}].expected_token_pv"),
            s.expected_token_pv,
            t.expected_token_pv,
        ));
        figures.push((format!("scenarios[{i}].stay.token_pv"), s.stay.token_pv, t.stay.token_pv));
    }
    for (name, a, b) in figures {
        if !at_most(a, b) {
            return Err(format!("{name}: {a} above {b}"));
        }
    }
    // (1e-6: the log-sum-exp keeps ~8 digits of a gap far below the wealth; see check_invariants.)
    let (a, b) = (low.certainty_equivalent, high.certainty_equivalent);
    if a > b * (1.0 + 1e-9) + 1e-6 {
        return Err(format!("certainty_equivalent: {a} above {b}"));
    }
    Ok(())
}

/// `offer` with every scenario's yearly revenue multiplied by `factor`.
fn scale_revenue_by(offer: &Offer, factor: Decimal) -> Offer {
    let mut scaled = offer.clone();
    for r in scaled.scenarios.iter_mut().flat_map(|s| s.annual_revenue.iter_mut()) {
        *r = r.checked_mul(factor).expect("the scaled revenue fits");
    }
    scaled
}

/// `offer` with only the payouts asked for, and the same tokens held on every path whatever is
/// paid: nothing is sold in a window (MODEL 2.5 sells whole tokens, which would tie the payouts
/// together), and a buyback block that is not asked for stays with a price of zero, so that
/// "buyback" on leaving still ends the path.
fn only_payouts(offer: &Offer, share: bool, milestones: bool, buyback: bool) -> Offer {
    let mut o = offer.clone();
    if let Some(b) = o.payouts.buyback.as_mut() {
        b.sell_pct = Decimal::ZERO;
    }
    if !share {
        o.payouts.revenue_share = None;
    }
    if !milestones {
        o.payouts.milestones.clear();
        for s in &mut o.scenarios {
            s.milestones_hit.clear();
        }
    }
    if let Some(b) = o.payouts.buyback.as_mut().filter(|_| !buyback) {
        b.revenue_multiple = Some(Decimal::ZERO);
        b.terminal = false;
    }
    o
}

/// A percentage raised by `hundredths` of a point, capped at `cap`.
fn raised(pct: Decimal, hundredths: i64, cap: Decimal) -> Decimal {
    (pct + Decimal::new(hundredths, 2)).min(cap)
}

/// The inputs of the sensitivity table, in MODEL.md's order.
const SENSITIVITY_INPUTS: [&str; 7] = [
    "revenue",
    "pool_pct",
    "revenue_multiple",
    "discount_rate_pct",
    "annual_departure_pct",
    "annual_dilution_pct",
    "income_tax_pct",
];

/// `offer` with one sensitivity input multiplied by `factor` (a percentage capped at 100), or
/// `None` when the offer does not have that input or has it at zero (MODEL 3: left out).
fn with_input_scaled(offer: &Offer, input: &str, factor: Decimal) -> Option<Offer> {
    let scale_pct = |pct: &mut Decimal| -> Option<()> {
        if pct.is_zero() {
            return None;
        }
        *pct = (*pct * factor).min(Decimal::ONE_HUNDRED);
        Some(())
    };
    let mut o = offer.clone();
    match input {
        "revenue" => {
            if offer.scenarios.iter().flat_map(|s| &s.annual_revenue).all(Decimal::is_zero) {
                return None;
            }
            return Some(scale_revenue_by(offer, factor));
        }
        "pool_pct" => scale_pct(&mut o.payouts.revenue_share.as_mut()?.pool_pct)?,
        "revenue_multiple" => {
            let b = o.payouts.buyback.as_mut()?;
            let multiple = b.revenue_multiple.as_mut()?;
            if multiple.is_zero() {
                return None;
            }
            *multiple *= factor;
        }
        "discount_rate_pct" => scale_pct(&mut o.personal.discount_rate_pct)?,
        "annual_departure_pct" => scale_pct(&mut o.leaving.annual_departure_pct)?,
        "annual_dilution_pct" => scale_pct(&mut o.grant.annual_dilution_pct)?,
        "income_tax_pct" => scale_pct(&mut o.personal.income_tax_pct)?,
        _ => unreachable!("{input}"),
    }
    Some(o)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_higher_discount_rate_lowers_every_present_value(o in small_offer(), more in 1i64..=5_000) {
        // MODEL 2.7: a flow at month t is worth CF / (1 + k)^(t/12); a higher k lowers every term.
        let mut higher = o.clone();
        higher.personal.discount_rate_pct = raised(o.personal.discount_rate_pct, more, Decimal::ONE_HUNDRED);
        let (a, b) = (exact(&o), exact(&higher));
        check(dominated(&b, &a))?;
        prop_assert!(at_most(b.expected.sacrifice_pv, a.expected.sacrifice_pv));
        prop_assert!(at_most(b.expected.salary_pv, a.expected.salary_pv));
        // Strictly, for the salary: it is paid every month from month 1.
        if higher.personal.discount_rate_pct > o.personal.discount_rate_pct && a.expected.salary_pv > 1.0 {
            prop_assert!(b.expected.salary_pv < a.expected.salary_pv);
        }
    }

    #[test]
    fn more_revenue_never_lowers_any_outcome(o in small_offer(), factor in 101i64..=500) {
        // Token counts do not depend on revenue; every revenue-linked flow is a non-negative multiple
        // of it, milestones do not move.
        let more = scale_revenue_by(&o, Decimal::new(factor, 2));
        let (a, b) = (exact(&o), exact(&more));
        check(dominated(&a, &b))?;
        prop_assert!(b.prob_zero <= a.prob_zero + 1e-12);
        prop_assert_eq!(a.expected.sacrifice_pv, b.expected.sacrifice_pv);
    }

    #[test]
    fn the_token_value_is_affine_in_revenue(o in small_offer(), factor in 0i64..=400) {
        // MODEL 6, "Breakeven": token value is A + s·B with A from milestones, B from the rest. At
        // s = 0 only A is left, so value(s) = value(0) + s·(value(1) − value(0)), scenario by scenario.
        let s = Decimal::new(factor, 2);
        let (zero, one, at_s) = (exact(&scale_revenue_by(&o, Decimal::ZERO)), exact(&o), exact(&scale_revenue_by(&o, s)));
        let fs = f(s);
        let affine = |z: f64, u: f64, x: f64| (x - (z + fs * (u - z))).abs() <= 1e-9 * z.abs().max(u.abs()).max(x.abs()).max(1.0);
        prop_assert!(affine(zero.expected.token_pv, one.expected.token_pv, at_s.expected.token_pv),
            "value(0) {}, value(1) {}, value({}) {}", zero.expected.token_pv, one.expected.token_pv, s, at_s.expected.token_pv);
        for i in 0..o.scenarios.len() {
            let (z, u, x) = (&zero.scenarios[i], &one.scenarios[i], &at_s.scenarios[i]);
            prop_assert!(affine(z.expected_token_pv, u.expected_token_pv, x.expected_token_pv), "scenario {}", i);
            prop_assert!(affine(z.stay.token_pv, u.stay.token_pv, x.stay.token_pv), "scenario {} (stay)", i);
        }
    }

    #[test]
    fn a_revenue_share_alone_pays_in_proportion_to_its_pool(o in small_offer(), pool in 1i64..=5_000) {
        // Only a revenue share: every path's value is pool × (what the path would get at 100 %).
        let mut single = only_payouts(&o, true, false, false);
        let share = single.payouts.revenue_share.get_or_insert_with(|| revenue_share("1", 3));
        share.pool_pct = Decimal::new(pool, 2);
        let mut double = single.clone();
        if let Some(share) = double.payouts.revenue_share.as_mut() {
            share.pool_pct = Decimal::new(2 * pool, 2);
        }
        let (a, b) = (exact(&single), exact(&double));
        prop_assert!(near_relative(b.expected.token_pv, 2.0 * a.expected.token_pv), "{} at 2× the pool, {} at 1×", b.expected.token_pv, a.expected.token_pv);
        for (x, y) in path_values(&a).iter().zip(&path_values(&b)) {
            prop_assert!(near_relative(*y, 2.0 * x), "a path worth {} at 1×, {} at 2×", x, y);
        }
        for (s, t) in a.scenarios.iter().zip(&b.scenarios) {
            prop_assert!(near_relative(t.expected_token_pv, 2.0 * s.expected_token_pv));
        }
        prop_assert_eq!(a.prob_zero, b.prob_zero);
    }

    #[test]
    fn milestones_alone_pay_in_proportion_to_their_amounts(o in small_offer(), k in 2i64..=9) {
        let mut once = only_payouts(&o, false, true, false);
        if once.payouts.milestones.is_empty() {
            once.payouts.milestones.push(milestone("m0", "1.5", 1));
            once.scenarios[0].milestones_hit.push("m0".to_string());
        }
        let mut times = once.clone();
        for m in &mut times.payouts.milestones {
            m.per_token *= Decimal::from(k);
        }
        let (a, b) = (exact(&once), exact(&times));
        let kf = f(Decimal::from(k));
        prop_assert!(near_relative(b.expected.token_pv, kf * a.expected.token_pv));
        for (x, y) in path_values(&a).iter().zip(&path_values(&b)) {
            prop_assert!(near_relative(*y, kf * x));
        }
        // Nothing depends on revenue: the breakeven factor is 0 (milestones cover the sacrifice) or none.
        prop_assert!(matches!(a.breakeven_revenue_scale, None | Some(0.0)), "{:?}", a.breakeven_revenue_scale);
    }

    #[test]
    fn payouts_add_up_when_no_token_is_sold(o in small_offer()) {
        // With the same tokens held on every path, each path's value is the sum of what the revenue
        // share, the milestones and the buyback block (terminal value, leaving buyback) pay.
        let whole = exact(&only_payouts(&o, true, true, true));
        let parts = [
            exact(&only_payouts(&o, true, false, false)),
            exact(&only_payouts(&o, false, true, false)),
            exact(&only_payouts(&o, false, false, true)),
        ];
        let sum: f64 = parts.iter().map(|r| r.expected.token_pv).sum();
        prop_assert!(near(whole.expected.token_pv, sum), "whole {}, parts {:?}", whole.expected.token_pv,
            parts.iter().map(|r| r.expected.token_pv).collect::<Vec<_>>());
        for (i, s) in whole.scenarios.iter().enumerate() {
            let stay: f64 = parts.iter().map(|r| r.scenarios[i].stay.token_pv).sum();
            let expected: f64 = parts.iter().map(|r| r.scenarios[i].expected_token_pv).sum();
            let nominal: Decimal = parts.iter().map(|r| r.scenarios[i].stay.token_nominal).sum();
            prop_assert!(near(s.stay.token_pv, stay) && near(s.expected_token_pv, expected), "scenario {}", i);
            // (Decimal rounds each sum at its 28th digit, in another order here.)
            prop_assert!((s.stay.token_nominal - nominal).abs() <= Decimal::new(1, 12), "scenario {} nominal {} against {}", i, s.stay.token_nominal, nominal);
        }
    }

    #[test]
    fn exact_percentiles_are_the_weighted_nearest_rank(o in valid_offer()) {
        // MODEL 3: p_q is the smallest outcome x with P(token_pv <= x) >= q.
        let r = exact(&o);
        let outcomes = &r.outcomes;
        prop_assert!(outcomes.windows(2).all(|w| w[0].0 <= w[1].0), "outcomes not sorted");
        prop_assert!(outcomes.iter().all(|&(x, w)| x.is_finite() && x >= 0.0 && (0.0..=1.0).contains(&w)));
        let total: f64 = outcomes.iter().map(|o| o.1).sum();
        prop_assert!((total - 1.0).abs() < 1e-9, "weights sum to {}", total);
        let mean: f64 = outcomes.iter().map(|(x, w)| x * w).sum();
        prop_assert!(near(mean, r.expected.token_pv));
        let d = r.distribution;
        for (q, p) in [(0.1, d.p10), (0.5, d.p50), (0.9, d.p90)] {
            prop_assert!(outcomes.iter().any(|&(x, w)| x == p && w > 0.0), "p{} = {} is no outcome of weight", q * 100.0, p);
            let at_or_below: f64 = outcomes.iter().filter(|o| o.0 <= p).map(|o| o.1).sum();
            let below: f64 = outcomes.iter().filter(|o| o.0 < p).map(|o| o.1).sum();
            prop_assert!(at_or_below >= q - 1e-9 && below < q + 1e-9, "p{} = {}: P(X <= p) {}, P(X < p) {}", q * 100.0, p, at_or_below, below);
        }
    }

    #[test]
    fn simulated_figures_are_ordered_and_without_noise_within_the_exact_outcomes(o in small_offer(), vol in percent()) {
        let mut o = o;
        o.simulation.revenue_volatility_pct = vol;
        let mc = MonteCarlo::new(&o).expect("prepares").finish();
        let p = mc.percentiles;
        let chain = [p.p5, p.p10, p.p25, p.p50, p.p75, p.p90, p.p95];
        prop_assert!(chain.windows(2).all(|w| w[0] <= w[1]), "{:?}", chain);
        prop_assert_eq!((mc.paths, mc.seed), (o.simulation.paths, o.simulation.seed));
        prop_assert!((0.0..=1.0).contains(&mc.prob_zero) && (0.0..=1.0).contains(&mc.prob_below_sacrifice));
        prop_assert!(mc.std_error.is_finite() && mc.std_error >= 0.0 && mc.mean.is_finite());
        prop_assert!(chain[0] >= 0.0 || chain[0] > -1e-9, "a negative path value {}", chain[0]);
        if o.personal.risk_aversion.is_zero() {
            prop_assert!(near(mc.certainty_equivalent, mc.mean), "CE {} at γ = 0, mean {}", mc.certainty_equivalent, mc.mean);
        } else {
            prop_assert!(mc.certainty_equivalent <= mc.mean * (1.0 + 1e-9) + 1e-6);
        }
        // Without noise every simulated path is one of the exact paths of positive weight.
        if vol.is_zero() {
            let r = exact(&o);
            let weighty: Vec<f64> = r.outcomes.iter().filter(|o| o.1 > 0.0).map(|o| o.0).collect();
            let (lowest, highest) = (weighty[0], weighty[weighty.len() - 1]);
            for x in chain.iter().chain([&mc.mean]) {
                prop_assert!(at_most(lowest, *x) && at_most(*x, highest), "{} outside [{}, {}]", x, lowest, highest);
            }
        }
    }

    #[test]
    fn a_fixed_seed_gives_identical_results_however_the_simulation_is_sliced(o in small_offer(), slice in 1u32..=20, vol in percent()) {
        let mut o = o;
        o.simulation.revenue_volatility_pct = vol;
        let first = value(&o).expect("values");
        prop_assert_eq!(&value(&o).expect("values"), &first);
        // The page runs the simulation in slices; the command line all at once.
        let mut sliced = MonteCarlo::new(&o).expect("prepares");
        while !sliced.is_finished() {
            prop_assert!(sliced.run(slice) > 0);
        }
        prop_assert_eq!(Some(sliced.summary()), first.monte_carlo.clone());
        // And `value` is `value_exact` plus that simulation and the decision.
        let mut exact_part = first;
        exact_part.monte_carlo = None;
        exact_part.decision = None;
        prop_assert_eq!(exact_part, exact(&o));
    }

    #[test]
    fn the_figures_follow_the_formulas_of_model_section_3(o in valid_offer()) {
        let r = exact(&o);
        let e = r.expected;
        prop_assert_eq!(e.net_pv, e.token_pv - e.sacrifice_pv);
        prop_assert_eq!(e.total_comp_pv, e.salary_pv + e.token_pv);
        // Salary and sacrifice recomputed here: P(still employed in month t) = (1 − h)^(t − 1).
        let k = f(o.personal.discount_rate_pct) / 100.0;
        let kept = 1.0 - f(o.personal.income_tax_pct) / 100.0;
        let df = |t: u32| (1.0 + k).powf(-f64::from(t) / 12.0);
        let h = 1.0 - (1.0 - f(o.leaving.annual_departure_pct) / 100.0).powf(1.0 / 12.0);
        let months = 1..=o.horizon_months;
        let salary: f64 = months.clone().map(|t| f(o.salary.base_annual) / 12.0 * kept * df(t)).sum();
        let employed = |t: u32| (1.0 - h).powi(i32::try_from(t).unwrap() - 1);
        // MODEL.md 8.1: with the salary restored, a scenario's cut stops when its project is shut.
        let cut_in = |given: &Scenario, t: u32| {
            o.leaving.salary_after_cancellation == SalaryAfterCancellation::Continues
                || given.cancelled_month.is_none_or(|c| t <= c)
        };
        let sacrifice: f64 = o
            .scenarios
            .iter()
            .map(|given| {
                f(given.probability_pct) / 100.0
                    * months
                        .clone()
                        .filter(|&t| cut_in(given, t))
                        .map(|t| employed(t) * f(o.salary.sacrificed_annual) / 12.0 * kept * df(t))
                        .sum::<f64>()
            })
            .sum();
        prop_assert!(near(e.salary_pv, salary), "salary_pv {} against {}", e.salary_pv, salary);
        prop_assert!(near(e.sacrifice_pv, sacrifice), "sacrifice_pv {} against {}", e.sacrifice_pv, sacrifice);
        // The expected value is the probability-weighted sum of the scenarios' conditional values.
        for (s, given) in r.scenarios.iter().zip(&o.scenarios) {
            prop_assert!(near(s.probability, f(given.probability_pct) / 100.0));
        }
        let weighted: f64 = r.scenarios.iter().map(|s| s.probability * s.expected_token_pv).sum();
        prop_assert!(near(weighted, e.token_pv), "Σ p·E[scenario] {} against {}", weighted, e.token_pv);
        // The salary equivalent: 12 · CE / Σ_{t=1..D'} (1 + k)^(−t/12) / (1 − income tax).
        let vesting_months = o.grant.vesting.last_month().min(o.horizon_months);
        let annuity: f64 = (1..=vesting_months).map(df).sum();
        let equivalent = 12.0 * r.certainty_equivalent / annuity / kept;
        prop_assert!(near(r.salary_equivalent_annual_pretax, equivalent), "{} against {}", r.salary_equivalent_annual_pretax, equivalent);
    }

    #[test]
    fn prob_zero_is_the_weight_of_the_paths_worth_nothing(o in valid_offer(), no_tokens in any::<bool>()) {
        let mut o = o;
        if no_tokens {
            o.grant.tokens = 0;
        }
        let r = exact(&o);
        // (1 + 1e-12: the float sum of the weights can pass 1; see the ignored test below.)
        prop_assert!((0.0..=1.0 + 1e-12).contains(&r.prob_zero), "prob_zero {}", r.prob_zero);
        let zero_weight: f64 = r.outcomes.iter().filter(|o| o.0 == 0.0).map(|o| o.1).sum();
        prop_assert!(r.prob_zero <= zero_weight + 1e-12, "prob_zero {} above the weight {} of the zero outcomes", r.prob_zero, zero_weight);
        let d = r.distribution;
        for (q, p) in [(0.1, d.p10), (0.5, d.p50), (0.9, d.p90)] {
            if r.prob_zero >= q + 1e-9 {
                prop_assert_eq!(p, 0.0, "P(zero) {} but p{} {}", r.prob_zero, q * 100.0, p);
            }
        }
        if no_tokens {
            prop_assert!((r.prob_zero - 1.0).abs() < 1e-12);
            prop_assert_eq!((r.expected.token_pv, r.certainty_equivalent, d.p90), (0.0, 0.0, 0.0));
        }
    }

    #[test]
    fn a_higher_income_tax_never_raises_any_outcome(o in small_offer(), more in 1i64..=5_000) {
        let mut higher = o.clone();
        higher.personal.income_tax_pct = raised(o.personal.income_tax_pct, more, Decimal::new(9_999, 2));
        let (a, b) = (exact(&o), exact(&higher));
        check(dominated(&b, &a))?;
        // The salary and the salary given up are counted after income tax, so they fall too.
        prop_assert!(at_most(b.expected.sacrifice_pv, a.expected.sacrifice_pv));
        prop_assert!(at_most(b.expected.salary_pv, a.expected.salary_pv));
    }

    #[test]
    fn a_higher_redemption_tax_never_raises_any_outcome(o in small_offer(), more in 1i64..=5_000) {
        let mut higher = o.clone();
        higher.personal.redemption_tax_pct = raised(o.personal.redemption_tax_pct, more, Decimal::new(9_999, 2));
        let (a, b) = (exact(&o), exact(&higher));
        check(dominated(&b, &a))?;
        prop_assert_eq!(a.expected.sacrifice_pv, b.expected.sacrifice_pv);
        // Only buyback and terminal proceeds bear it.
        if o.payouts.buyback.is_none() {
            prop_assert_eq!(path_values(&a), path_values(&b));
        }
    }

    #[test]
    fn leaving_sooner_never_raises_the_expected_sacrifice(o in small_offer(), more in 1i64..=5_000) {
        let mut sooner = o.clone();
        sooner.leaving.annual_departure_pct = raised(o.leaving.annual_departure_pct, more, Decimal::ONE_HUNDRED);
        let (a, b) = (exact(&o), exact(&sooner));
        prop_assert!(at_most(b.expected.sacrifice_pv, a.expected.sacrifice_pv), "{} then {}", a.expected.sacrifice_pv, b.expected.sacrifice_pv);
        // Strictly, when something is given up after month 1 and the rate did rise.
        let monthly = f(o.salary.sacrificed_annual) * (1.0 - f(o.personal.income_tax_pct) / 100.0);
        // (With the salary restored, a scenario shut in month 1 gives up nothing after it.)
        let cut_after_month_1 = o.leaving.salary_after_cancellation == SalaryAfterCancellation::Continues
            || o.scenarios.iter().any(|s| !s.probability_pct.is_zero() && s.cancelled_month.is_none_or(|c| c > 1));
        if sooner.leaving.annual_departure_pct > o.leaving.annual_departure_pct && monthly > 1.0 && o.horizon_months > 1 && cut_after_month_1 {
            prop_assert!(b.expected.sacrifice_pv < a.expected.sacrifice_pv);
        }
        // The base salary and the path that never leaves do not depend on it.
        prop_assert_eq!(a.expected.salary_pv, b.expected.salary_pv);
        for (s, t) in a.scenarios.iter().zip(&b.scenarios) {
            prop_assert_eq!(&s.stay, &t.stay);
        }
    }

    #[test]
    fn more_dilution_never_raises_any_outcome(o in small_offer(), more in 1i64..=5_000) {
        let mut diluted = o.clone();
        diluted.grant.annual_dilution_pct = raised(o.grant.annual_dilution_pct, more, Decimal::ONE_HUNDRED);
        let (a, b) = (exact(&o), exact(&diluted));
        check(dominated(&b, &a))?;
        prop_assert_eq!(a.expected.sacrifice_pv, b.expected.sacrifice_pv);
    }

    #[test]
    fn an_earlier_cancellation_never_raises_any_outcome(o in small_offer(), which in any::<prop::sample::Index>(), month in 1u32..=75) {
        // Everything up to the new month C is as before; after it nothing is paid.
        let i = which.index(o.scenarios.len());
        let mut earlier = o.clone();
        let c = earlier.scenarios[i].cancelled_month.map_or(month, |c| c.min(month));
        earlier.scenarios[i].cancelled_month = Some(c);
        let (a, b) = (exact(&o), exact(&earlier));
        check(dominated(&b, &a))?;
        for (j, (s, t)) in a.scenarios.iter().zip(&b.scenarios).enumerate() {
            if j != i {
                prop_assert_eq!(s, t, "scenario {} changed", j);
            }
        }
    }

    #[test]
    fn keeping_vested_tokens_is_worth_at_least_forfeiting_them(o in small_offer()) {
        // Up to the leaving month the paths are the same; after it "forfeit" pays nothing, "keep"
        // and "buyback" something non-negative.
        let under = |rule: OnLeave| {
            let mut v = o.clone();
            v.leaving.vested_on_leave = rule;
            exact(&v)
        };
        let (forfeit, keep) = (under(OnLeave::Forfeit), under(OnLeave::Keep));
        check(dominated(&forfeit, &keep))?;
        if o.payouts.buyback.is_some() {
            check(dominated(&forfeit, &under(OnLeave::Buyback)))?;
        }
        if o.leaving.annual_departure_pct.is_zero() {
            prop_assert_eq!(forfeit.expected.token_pv, keep.expected.token_pv);
        }
    }

    #[test]
    fn a_later_cliff_never_raises_any_outcome_when_no_window_sells(o in small_offer(), later in 1u32..=24) {
        // vested(t) only falls with a later cliff. (With windows selling floor-rounded counts fewer
        // tokens can be worth more: docs/MODEL-DECISIONS.md.)
        let mut o = o;
        if let Some(b) = o.payouts.buyback.as_mut() {
            b.sell_pct = Decimal::ZERO;
        }
        let Vesting::Linear { cliff_months, duration_months, every_months } = o.grant.vesting else {
            return Ok(());
        };
        let mut late = o.clone();
        late.grant.vesting = linear((cliff_months + later).min(duration_months), duration_months, every_months);
        check(dominated(&exact(&late), &exact(&o)))?;
    }

    #[test]
    fn the_order_and_the_splitting_of_scenarios_change_nothing(o in small_offer()) {
        let r = exact(&o);
        let mut reversed = o.clone();
        reversed.scenarios.reverse();
        // The first scenario as two identical halves.
        let mut split = o.clone();
        let mut twin = split.scenarios[0].clone();
        let half = (twin.probability_pct / Decimal::TWO).round_dp_with_strategy(5, RoundingStrategy::ToZero);
        twin.name = "twin".to_string();
        twin.probability_pct -= half;
        split.scenarios[0].probability_pct = half;
        split.scenarios.push(twin);
        for (how, other) in [("reversed", reversed), ("split", split)] {
            let t = exact(&other);
            for (name, a, b) in [
                ("token_pv", r.expected.token_pv, t.expected.token_pv),
                ("sacrifice_pv", r.expected.sacrifice_pv, t.expected.sacrifice_pv),
                ("prob_zero", r.prob_zero, t.prob_zero),
                ("p10", r.distribution.p10, t.distribution.p10),
                ("p50", r.distribution.p50, t.distribution.p50),
                ("p90", r.distribution.p90, t.distribution.p90),
                ("breakeven", r.breakeven_revenue_scale.unwrap_or(-1.0), t.breakeven_revenue_scale.unwrap_or(-1.0)),
            ] {
                prop_assert!(near(a, b), "{}: {} {} against {}", how, name, b, a);
            }
            // The certainty equivalent is the difference of two utilities' inverses at the
            // person's wealth, so it is exact only to about a millionth absolute; the salary
            // equivalent is it times a fixed factor, so it is as exact times that factor (a
            // relative 1e-9 failed it: 2.10970384 against 2.10970383 at a wealth of 1.1 million).
            let ce_tolerance = 1e-9 * r.certainty_equivalent.abs() + 1e-6;
            prop_assert!((r.certainty_equivalent - t.certainty_equivalent).abs() <= ce_tolerance);
            let factor = if r.certainty_equivalent == 0.0 { 0.0 } else { r.salary_equivalent_annual_pretax / r.certainty_equivalent };
            prop_assert!(
                (r.salary_equivalent_annual_pretax - t.salary_equivalent_annual_pretax).abs() <= ce_tolerance * factor.abs() + 1e-9,
                "{}: salary_equivalent {} against {}", how, t.salary_equivalent_annual_pretax, r.salary_equivalent_annual_pretax
            );
            for row in &r.sensitivity {
                let same = t.sensitivity.iter().find(|s| s.input == row.input);
                prop_assert!(same.is_some_and(|s| near(s.low, row.low) && near(s.high, row.high)), "{}: sensitivity {}", how, row.input);
            }
        }
    }

    #[test]
    fn the_stay_ledger_follows_the_vesting_formula_and_adds_up(o in small_offer()) {
        let r = exact(&o);
        // MODEL 2.1: k(t) = 0 before the cliff, else min(D, floor(t/e)·e); vested(t) = floor(g·k(t)/D).
        let g = o.grant.tokens;
        let Vesting::Linear { cliff_months, duration_months, every_months } = o.grant.vesting else {
            return Ok(());
        };
        let vested = |t: u32| -> u64 {
            if t < cliff_months {
                return 0;
            }
            let credited = (t / every_months * every_months).min(duration_months);
            u64::try_from(u128::from(g) * u128::from(credited) / u128::from(duration_months)).unwrap()
        };
        let horizon = o.horizon_months;
        let formula: Vec<u64> = (0..=horizon).map(vested).collect();
        let monthly_sacrifice = o.salary.sacrificed_annual / Decimal::from(12) * (Decimal::ONE - o.personal.income_tax_pct / Decimal::ONE_HUNDRED);
        for (i, (s, given)) in r.scenarios.iter().zip(&o.scenarios).enumerate() {
            let restored = o.leaving.salary_after_cancellation == SalaryAfterCancellation::Restored;
            let last_given_up = given.cancelled_month.filter(|_| restored).map_or(horizon, |c| c.min(horizon));
            prop_assert_eq!(&s.stay.vested_by_month, &formula, "scenario {}", i);
            prop_assert!(s.stay.held_by_month.iter().zip(&formula).all(|(h, v)| h <= v));
            prop_assert_eq!(s.stay.years.len(), horizon.div_ceil(12) as usize);
            let mut nominal = Decimal::ZERO;
            for (n, y) in (1u32..).zip(&s.stay.years) {
                let last = (12 * n).min(horizon);
                prop_assert_eq!((y.year, y.vested_end), (n, vested(last)));
                let months = Decimal::from(last.min(last_given_up).saturating_sub(12 * (n - 1)));
                prop_assert!((y.sacrifice - monthly_sacrifice * months).abs() <= Decimal::new(1, 18), "year {}: sacrifice {}", n, y.sacrifice);
                for amount in [y.revenue_share, y.milestones, y.buyback, y.terminal] {
                    prop_assert!(!amount.is_sign_negative() || amount.is_zero(), "year {}: {:?}", n, y);
                    nominal += amount;
                }
            }
            prop_assert_eq!(s.stay.token_nominal, nominal, "scenario {}", i);
        }
        // With no discounting, the path that never leaves is worth its nominal total.
        let mut flat = o.clone();
        flat.personal.discount_rate_pct = Decimal::ZERO;
        for s in exact(&flat).scenarios {
            prop_assert!(near(s.stay.token_pv, f(s.stay.token_nominal)), "{} against {}", s.stay.token_pv, s.stay.token_nominal);
        }
    }

    #[test]
    fn each_sensitivity_row_is_the_net_value_at_0_8_and_1_2_times_its_input(o in small_offer(), pick in 0usize..7) {
        let r = exact(&o);
        let input = SENSITIVITY_INPUTS[pick];
        let row = r.sensitivity.iter().find(|row| row.input == input);
        match (with_input_scaled(&o, input, Decimal::new(8, 1)), row) {
            (None, None) => {}
            (None, Some(row)) => prop_assert!(false, "a row for {} that the offer does not have: {:?}", input, row),
            (Some(_), None) => prop_assert!(false, "no row for {}", input),
            (Some(low), Some(row)) => {
                let high = with_input_scaled(&o, input, Decimal::new(12, 1)).expect("present at 1.2× too");
                let (low, high) = (exact(&low).expected.net_pv, exact(&high).expected.net_pv);
                prop_assert!(near(row.low, low) && near(row.high, high), "{:?}: recomputed {} and {}", row, low, high);
                prop_assert!(near(row.swing, (high - low).abs()));
            }
        }
        // Every present input has one row, and no other row is there.
        let present = SENSITIVITY_INPUTS.iter().filter(|i| with_input_scaled(&o, i, Decimal::ONE).is_some()).count();
        prop_assert_eq!(r.sensitivity.len(), present);
    }

    #[test]
    fn more_risk_aversion_or_less_wealth_never_raises_the_certainty_equivalent(
        o in small_offer(), gammas in (0i64..=200, 0i64..=200), richer in 2i64..=100,
    ) {
        // CRRA: the certainty equivalent falls as γ rises (power means) and, for γ > 0, rises with
        // wealth (decreasing absolute risk aversion); it stays within the outcomes of positive weight.
        let (lo, hi) = (gammas.0.min(gammas.1), gammas.0.max(gammas.1));
        let mut calm = o.clone();
        calm.personal.risk_aversion = Decimal::new(lo, 1);
        let mut wary = o.clone();
        wary.personal.risk_aversion = Decimal::new(hi, 1);
        let mut wealthy = wary.clone();
        wealthy.personal.wealth *= Decimal::from(richer);
        let (a, b, c) = (exact(&calm).certainty_equivalent, exact(&wary), exact(&wealthy).certainty_equivalent);
        let below = |x: f64, y: f64| x <= y * (1.0 + 1e-9) + 1e-6;
        prop_assert!(below(b.certainty_equivalent, a), "γ {}: CE {}; γ {}: CE {}", hi, b.certainty_equivalent, lo, a);
        prop_assert!(below(b.certainty_equivalent, c), "wealth × {}: CE {} from {}", richer, c, b.certainty_equivalent);
        let weighty: Vec<f64> = b.outcomes.iter().filter(|o| o.1 > 0.0).map(|o| o.0).collect();
        let (lowest, highest) = (weighty[0], weighty[weighty.len() - 1]);
        prop_assert!(below(lowest, b.certainty_equivalent) && below(b.certainty_equivalent, highest),
            "CE {} outside [{}, {}]", b.certainty_equivalent, lowest, highest);
    }
}

// ---------------------------------------------------------------------------------------------
// Bugs the properties found, kept as failing tests until src/ is fixed

#[test]
fn prob_zero_of_an_offer_worth_nothing_is_at_most_one() {
    // MODEL 3: prob_zero is the weight of the paths with token_pv = 0, a probability. With no tokens
    // every path is worth nothing, so it is exactly 1. acme-copilot with 0 tokens (departure 15 %,
    // H = 60) reports "prob_zero": 1.0000000000000002: Σ_t P(τ = t) + P(never) summed in f64.
    let mut o = example("acme-copilot");
    o.grant.tokens = 0;
    let report = value_exact(&o).unwrap();
    assert!(report.prob_zero <= 1.0, "prob_zero {}", report.prob_zero);
    assert_eq!(report.prob_zero, 1.0);
}

#[test]
fn risk_neutral_ce_is_the_expected_value_when_the_probabilities_miss_100_within_the_tolerance() {
    // MODEL 1 accepts probabilities that add up to 100 within 0.0001; MODEL 3: at γ = 0 the
    // certainty equivalent is the expected value. acme-copilot with "Hit" at 14.9999 % (total
    // 99.9999 %) and γ = 0: expected.token_pv is Σ w·X over the given weights (85,294.83), but the
    // certainty equivalent divides by Σ w = 0.999999 (85,294.92): a risk-neutral holder valued above
    // the expected value, and CE > expected value, by 9 cents.
    let mut o = example("acme-copilot");
    o.scenarios[2].probability_pct = d("14.9999");
    o.personal.risk_aversion = Decimal::ZERO;
    assert!(parse_offer(&write_offer(&o)).is_ok(), "the offer is valid");
    let report = value_exact(&o).unwrap();
    assert_eq!(cents(report.certainty_equivalent), cents(report.expected.token_pv));
    assert_near(
        "certainty_equivalent",
        report.certainty_equivalent,
        report.expected.token_pv,
        0.0,
        1e-12,
    );
}

// ---------------------------------------------------------------------------------------------
// Version 3's terms (MODEL.md 7) on random offers

/// A schedule of one to four entries, steps and runs, whose whole percentages sum to 100.
fn schedule(size: Size) -> impl Strategy<Value = Vesting> {
    proptest::collection::vec(
        (1u32..=size.months, 0u32..=24, 1u32..=6, any::<bool>(), 1u32..=100),
        1..=4,
    )
    .prop_map(|entries| {
        let total: u32 = entries.iter().map(|e| e.4).sum();
        let mut given = 0u32;
        let count = entries.len();
        let schedule = entries
            .into_iter()
            .enumerate()
            .filter_map(|(i, (from, length, every, is_run, weight))| {
                let pct = if i + 1 == count { 100 - given } else { weight * 100 / total };
                if pct == 0 {
                    return None;
                }
                given += pct;
                let pct = Decimal::from(pct);
                Some(if is_run {
                    VestingEntry::Run {
                        from_month: from,
                        to_month: from + length,
                        every_months: every,
                        pct,
                    }
                } else {
                    VestingEntry::Step { month: from, pct }
                })
            })
            .collect();
        Vesting::Schedule { schedule }
    })
}

/// A compute budget with any of its estimates.
fn compute_budget() -> impl Strategy<Value = ComputeBudget> {
    (
        money(500_000),
        any::<bool>(),
        percent(),
        [percent(), percent(), percent(), percent(), percent()],
        money(50_000),
    )
        .prop_map(
            |(annual, in_tokens, decline, [used, personal, value, work, cash], taxable)| {
                ComputeBudget {
                    annual,
                    unit: if in_tokens { BudgetUnit::Tokens } else { BudgetUnit::Money },
                    annual_price_decline_pct: if in_tokens { decline } else { Decimal::ZERO },
                    used_pct: used,
                    personal_use_pct: personal,
                    personal_value_pct: value,
                    work_value_pct: work,
                    cash_out_unused_pct: cash,
                    taxable_annual: taxable,
                }
            },
        )
}

/// A small random offer with some of version 3's terms switched on.
fn version_3_offer() -> impl Strategy<Value = Offer> {
    let terms = (
        proptest::option::of(schedule(SMALL)),
        proptest::option::of(1u32..=80),
        proptest::option::of(money(100)),
        proptest::option::of(money(5_000_000)),
        proptest::option::of(proptest::collection::vec(money(500), 1..=6)),
        (proptest::option::of(money(100_000)), proptest::option::of(money(100_000))),
        proptest::option::of(compute_budget()),
    );
    (small_offer(), terms).prop_map(
        |(mut o, (vesting, expires, cap, hurdle, prices, (limit, former), budget))| {
            if let Some(v) = vesting {
                o.grant.vesting = v;
            }
            o.grant.expires_month = expires;
            o.payouts.cap_per_token = cap;
            if let Some(share) = o.payouts.revenue_share.as_mut() {
                share.hurdle_annual = hurdle;
            }
            if let Some(b) = o.payouts.buyback.as_mut() {
                if let Some(prices) = prices {
                    b.price = TenderPrice::Scenario;
                    b.revenue_multiple = None;
                    for s in &mut o.scenarios {
                        s.price_per_token.clone_from(&prices);
                    }
                }
                b.max_sale_per_window = limit;
                b.former_max_sale_per_window = former;
            }
            o.compute_budget = budget;
            o
        },
    )
}

proptest! {
    #![proptest_config(Config { cases: config().cases / 4, ..config() })]

    #[test]
    fn version_3_offers_survive_a_round_trip(o in version_3_offer()) {
        let written = write_offer(&o);
        prop_assert_eq!(parse_offer(&written), Ok(o));
    }

    #[test]
    fn version_3_offers_value_to_finite_consistent_figures(o in version_3_offer()) {
        let report = value(&o);
        prop_assert!(report.is_ok(), "value failed: {:?}", report);
        let report = report.unwrap();
        let checked = check_invariants(&o, &report);
        prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
    }

    #[test]
    fn a_cap_never_raises_the_value_and_a_higher_one_never_lowers_it(o in version_3_offer(), cap in money(50)) {
        // Without a sale limit in money: under one, a window sells the whole tokens that fit in
        // the limit at the price (MODEL.md 7.2), and a capped, lower price can fit one more token
        // in the limit's remainder. (Found here: a limit of 64,030.33 a window sells 231 tokens at
        // 276.73, 63,924.63 in all, but 640 at a cap of 100, 64,000.)
        let mut o = o;
        if let Some(buyback) = &mut o.payouts.buyback {
            buyback.max_sale_per_window = None;
            buyback.former_max_sale_per_window = None;
        }
        let mut capped = o.clone();
        capped.payouts.cap_per_token = Some(cap);
        let mut higher = o.clone();
        higher.payouts.cap_per_token = Some(cap + Decimal::ONE);
        let mut none = o.clone();
        none.payouts.cap_per_token = None;
        let (a, b, c) = (exact(&capped).expected.token_pv, exact(&higher).expected.token_pv, exact(&none).expected.token_pv);
        prop_assert!(a <= b + 1e-9 * b.abs().max(1.0) && b <= c + 1e-9 * c.abs().max(1.0), "{a} {b} {c}");
    }
}
