//! Invariants of MODEL.md section 3, on the examples, on a few built offers, and on random valid
//! offers (proptest): the engine never panics, every figure is finite, the figures hang together
//! (net = token − sacrifice, total = salary + token, p10 <= p50 <= p90, CE <= expected value), the
//! breakeven factor breaks even, and more tokens never lower the value.

mod common;

use common::{assert_near, d, example, milestone, offer, revenue_share, scenario, EXAMPLES};
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use tokenworth::engine::{value, value_exact, Report};
use tokenworth::offer::{
    Buyback, Checklist, Grant, Leaving, Milestone, OnLeave, Payouts, Personal, PoolBasis, RevenueShare, Salary,
    Scenario, Simulation, Vesting,
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

/// Every string of the JSON report other than names is money: an optional minus, digits, a point
/// and two digits. Every number is a number (serde_json writes a non-finite float as null).
fn check_json_money(value: &Value, path: &str, problems: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if !["format", "name", "currency", "input"].contains(&key.as_str()) {
                    check_json_money(v, &format!("{path}.{key}"), problems);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_json_money(v, &format!("{path}[{i}]"), problems);
            }
        }
        Value::String(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            let well_formed = digits.split_once('.').is_some_and(|(whole, cents)| {
                !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) && cents.len() == 2 && cents.bytes().all(|b| b.is_ascii_digit())
            });
            if !well_formed || !s.parse::<f64>().is_ok_and(f64::is_finite) {
                problems.push(format!("{path} = {s:?} is not money"));
            }
        }
        Value::Null if path != ".breakeven_revenue_scale" => problems.push(format!("{path} is null")),
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
    let json: Value = serde_json::from_str(&tokenworth::report::to_json(report)).map_err(|e| e.to_string())?;
    check_json_money(&json, "", &mut problems);

    let e = &report.expected;
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()));
    if !close(e.net_pv, e.token_pv - e.sacrifice_pv) {
        problems.push(format!("net_pv {} != token_pv {} − sacrifice_pv {}", e.net_pv, e.token_pv, e.sacrifice_pv));
    }
    if !close(e.total_comp_pv, e.salary_pv + e.token_pv) {
        problems.push(format!("total_comp_pv {} != salary_pv {} + token_pv {}", e.total_comp_pv, e.salary_pv, e.token_pv));
    }
    // (−1e-9 rather than 0 for the same known rounding bug.)
    if e.token_pv < -1e-9 || e.sacrifice_pv < 0.0 || e.salary_pv < 0.0 {
        problems.push(format!("a negative value: {e:?}"));
    }
    let dist = &report.distribution;
    if !(dist.p10 <= dist.p50 && dist.p50 <= dist.p90 && dist.p10 >= -1e-9) {
        problems.push(format!("percentiles out of order: {dist:?}"));
    }
    if !(0.0..=1.0 + 1e-12).contains(&report.prob_zero) {
        problems.push(format!("prob_zero {}", report.prob_zero));
    }
    // The certainty equivalent is the expected value when risk-neutral and no more than it otherwise.
    let ce = report.certainty_equivalent;
    if offer.personal.risk_aversion.is_zero() {
        if !close(ce, e.token_pv) {
            problems.push(format!("risk-neutral CE {ce} != expected {}", e.token_pv));
        }
    } else if ce > e.token_pv * (1.0 + 1e-9) + 1e-6 || ce < -1e-6 {
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
            problems.push(format!("scenarios[{i}] has {} ledger years, not {years}", s.stay.years.len()));
        }
        let mut last = 0;
        for y in &s.stay.years {
            if y.vested_end < last || y.vested_end > offer.grant.tokens {
                problems.push(format!("scenarios[{i}] year {}: vested_end {}", y.year, y.vested_end));
            }
            last = y.vested_end;
            // (Not below −1e-12 rather than not negative: engine.rs shows the known rounding bug that
            // leaves prices of ±1e-22 to 1e-19 where they should be exactly zero.)
            let tiny = Decimal::new(-1, 12);
            if [y.revenue_share, y.milestones, y.buyback, y.terminal, y.sacrifice].iter().any(|&a| a < tiny) {
                problems.push(format!("scenarios[{i}] year {}: a negative amount", y.year));
            }
        }
    }
    // Sensitivity: swing = |high − low|, largest (as printed) first.
    for row in &report.sensitivity {
        if !close(row.swing, (row.high - row.low).abs()) {
            problems.push(format!("sensitivity {}: swing {} of {} and {}", row.input, row.swing, row.low, row.high));
        }
    }
    let swings: Vec<Decimal> = report.sensitivity.iter().filter_map(|r| tokenworth::format::round_cents(r.swing)).collect();
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
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// `offer` with every scenario's revenue multiplied by `scale`.
fn scale_revenue(offer: &Offer, scale: f64) -> Offer {
    let factor = Decimal::from_f64(scale).expect("a finite scale");
    let mut scaled = offer.clone();
    for s in &mut scaled.scenarios {
        for r in &mut s.annual_revenue {
            *r = r.checked_mul(factor).expect("the scaled revenue fits");
        }
    }
    scaled
}

/// At revenue × `breakeven_revenue_scale`, the expected token value equals the expected sacrifice.
fn check_breakeven(offer: &Offer) -> Result<Option<f64>, String> {
    let report = value_exact(offer).map_err(|e| e.to_string())?;
    let Some(scale) = report.breakeven_revenue_scale else { return Ok(None) };
    if scale <= 0.0 || scale > 1e6 {
        return Ok(None);
    }
    let scaled = value_exact(&scale_revenue(offer, scale)).map_err(|e| e.to_string())?;
    let (token, sacrifice) = (scaled.expected.token_pv, scaled.expected.sacrifice_pv);
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
    mixed.grant.vesting = Vesting { cliff_months: 12, duration_months: 48, every_months: 3 };
    let mut share = revenue_share("8", 6);
    share.basis = PoolBasis::GrossProfit;
    share.gross_margin_pct = d("60");
    mixed.payouts.revenue_share = Some(share);
    mixed.payouts.milestones = vec![milestone("Launch", "1.5", 18)];
    mixed.payouts.buyback = Some(Buyback {
        revenue_multiple: d("4"),
        first_window_month: 24,
        every_months: 12,
        sell_pct: d("20"),
        terminal: true,
        illiquidity_discount_pct: d("25"),
    });
    mixed.leaving = Leaving { annual_departure_pct: d("20"), vested_on_leave: OnLeave::Buyback };
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
    assert_eq!(tested.len(), 5, "{tested:?}");
    assert_near("acme-copilot breakeven", tested[0].1, 0.395_712_497_523_393_8, 1e-9, 1e-9);
    assert_near("research-lab breakeven", tested[1].1, 7.698_811_067_492_315, 1e-9, 1e-9);
}

#[test]
fn more_tokens_in_whole_vesting_lots_never_lower_the_value_of_the_examples() {
    for o in EXAMPLES.iter().map(|n| example(n)).chain(built_offers()) {
        let base = value_exact(&o).unwrap().expected.token_pv;
        let mut more = o.clone();
        more.grant.tokens += u64::from(o.grant.vesting.duration_months) * 7;
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
    prop_oneof![Just(Decimal::ZERO), Just(Decimal::ONE_HUNDRED), (0i64..=10_000).prop_map(|n| Decimal::new(n, 2))]
}

/// A tax rate with two decimals, 0 to 99.99.
fn tax_rate() -> impl Strategy<Value = Decimal> {
    prop_oneof![Just(Decimal::ZERO), (0i64..=9_999).prop_map(|n| Decimal::new(n, 2))]
}

/// Money with cents, 0 to `max_whole`.
fn money(max_whole: i64) -> impl Strategy<Value = Decimal> {
    prop_oneof![Just(Decimal::ZERO), (0..=max_whole * 100).prop_map(|n| Decimal::new(n, 2))]
}

fn vesting() -> impl Strategy<Value = Vesting> {
    (1u32..=120, 1u32..=24)
        .prop_flat_map(|(duration, every)| (0..=duration, Just(duration), Just(every)))
        .prop_map(|(cliff_months, duration_months, every_months)| Vesting { cliff_months, duration_months, every_months })
}

fn grant() -> impl Strategy<Value = Grant> {
    let supply = prop_oneof![1u64..=1_000, 1u64..=1_000_000_000_000];
    (supply, percent(), vesting())
        .prop_flat_map(|(supply, dilution, vesting)| (0..=supply, Just(supply), Just(dilution), Just(vesting)))
        .prop_map(|(tokens, supply, annual_dilution_pct, vesting)| Grant { tokens, supply, annual_dilution_pct, vesting })
}

fn payouts() -> impl Strategy<Value = Payouts> {
    let share = proptest::option::of((percent(), any::<bool>(), percent(), 1u32..=24).prop_map(|(pool, gross, margin, every)| {
        RevenueShare {
            pool_pct: pool,
            basis: if gross { PoolBasis::GrossProfit } else { PoolBasis::Revenue },
            gross_margin_pct: margin,
            every_months: every,
        }
    }));
    let milestones = proptest::collection::vec((money(1_000), 1u32..=150), 0..=3).prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(|(i, (per_token, month))| Milestone { name: format!("m{i}"), per_token, month })
            .collect::<Vec<_>>()
    });
    let buyback = proptest::option::of(
        (money(50), 1u32..=150, 1u32..=24, percent(), any::<bool>(), percent()).prop_map(
            |(revenue_multiple, first_window_month, every_months, sell_pct, terminal, illiquidity_discount_pct)| Buyback {
                revenue_multiple,
                first_window_month,
                every_months,
                sell_pct,
                terminal,
                illiquidity_discount_pct,
            },
        ),
    );
    (share, milestones, buyback).prop_map(|(revenue_share, milestones, buyback)| Payouts { revenue_share, milestones, buyback })
}

/// One scenario's raw draw: weight, yearly revenue, cancellation, which milestones it hits (bits).
type ScenarioDraw = (u32, Vec<Decimal>, Option<u32>, u8);

/// Weights from 1: a scenario of probability 0 has two known bugs of its own (engine.rs), one of
/// which makes the certainty equivalent infinite.
fn scenario_draws() -> impl Strategy<Value = Vec<ScenarioDraw>> {
    let revenue = proptest::collection::vec(money(1_000_000_000), 0..=6);
    proptest::collection::vec((1u32..=10, revenue, proptest::option::of(1u32..=150), any::<u8>()), 1..=4)
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
                (Decimal::from(weights[i]) * Decimal::ONE_HUNDRED / total).round_dp_with_strategy(4, RoundingStrategy::ToZero)
            };
            given += probability_pct;
            let milestones_hit =
                milestones.iter().enumerate().filter(|(j, _)| hit_bits & (1 << j) != 0).map(|(_, m)| m.name.clone()).collect();
            Scenario { name: format!("s{i}"), probability_pct, annual_revenue, cancelled_month, milestones_hit }
        })
        .collect()
}

fn personal() -> impl Strategy<Value = Personal> {
    let wealth = prop_oneof![Just(d("0.01")), (1i64..=1_000_000_000).prop_map(|n| Decimal::new(n, 2))];
    (percent(), tax_rate(), tax_rate(), wealth, (0i64..=200).prop_map(|n| Decimal::new(n, 1))).prop_map(
        |(discount_rate_pct, income_tax_pct, redemption_tax_pct, wealth, risk_aversion)| Personal {
            discount_rate_pct,
            income_tax_pct,
            redemption_tax_pct,
            wealth,
            risk_aversion,
        },
    )
}

prop_compose! {
    fn valid_offer()(
        horizon_months in 1u32..=120,
        salary in (money(10_000_000), money(1_000_000)),
        grant in grant(),
        payouts in payouts(),
        leaving in (percent(), 0u8..3),
        draws in scenario_draws(),
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
            leaving: Leaving { annual_departure_pct: leaving.0, vested_on_leave },
            scenarios,
            personal,
            simulation: Simulation { paths: simulation.0, revenue_volatility_pct: simulation.1, seed: simulation.2 },
            checklist: Checklist::default(),
        }
    }
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
                b.revenue_multiple = huge;
                b.every_months = u32::MAX;
            }
        }
        if on[5] {
            o.grant.vesting = Vesting { cliff_months: u32::MAX, duration_months: u32::MAX, every_months: u32::MAX };
        }
        if on[6] {
            o.grant.vesting.every_months = u32::MAX;
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
    let cases = std::env::var("TOKENWORTH_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000);
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
        let add = if sells { lots * u64::from(o.grant.vesting.duration_months) } else { extra };
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
        // Never a panic: either figures (all finite, the money well formed) or an overflow error.
        prop_assert_eq!(parse_offer(&write_offer(&o)), Ok(o.clone()));
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
