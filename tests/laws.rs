//! Laws of the engine that hold for every valid offer, checked on 1,000 random offers each
//! (`TOKENWORTH_CASES=N` for more). Offers are small (up to three years, three scenarios) so that a
//! thousand of them value in seconds.

mod common;

use common::linear;
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;
use tokenworth::engine::{value_exact, Report, Simulation};
use tokenworth::offer::{
    Buyback, Milestone, OnLeave, PoolBasis, RevenueShare, Scenario, TenderPrice,
};
use tokenworth::Offer;

fn config() -> Config {
    let cases =
        std::env::var("TOKENWORTH_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000);
    Config { cases, failure_persistence: None, ..Config::default() }
}

fn pct(max: i64) -> impl Strategy<Value = Decimal> {
    (0..=max * 10).prop_map(|n| Decimal::new(n, 1))
}

fn money(max: i64) -> impl Strategy<Value = Decimal> {
    (0..=max).prop_map(Decimal::from)
}

/// A small valid offer: every mechanism may be on or off.
fn small_offer() -> impl Strategy<Value = Offer> {
    (
        (1u32..=36, 0u64..=5_000, 1u64..=100_000, pct(20), 0u32..=12, 1u32..=24, 1u32..=6),
        (
            proptest::option::of((pct(30), any::<bool>(), pct(100), 1u32..=6)),
            proptest::option::of((money(10), 1u32..=36)),
        ),
        proptest::option::of((0i64..=50, 1u32..=36, 1u32..=12, pct(100), any::<bool>(), pct(60))),
        (pct(40), 0u8..3),
        proptest::collection::vec(
            (
                1u32..=10,
                proptest::collection::vec(money(5_000_000), 0..4),
                proptest::option::of(1u32..=40),
                any::<bool>(),
            ),
            1..=3,
        ),
        (pct(20), pct(60), pct(60), 1i64..=1_000_000, 0i64..=80),
        (money(300_000), money(100_000)),
    )
        .prop_map(
            |(grant, (share, milestone), buyback, leaving, scenarios, personal, salary)| {
                let mut o = common::offer();
                let (horizon, tokens, supply, dilution, cliff, duration, every) = grant;
                o.horizon_months = horizon;
                o.grant.supply = supply.max(tokens).max(1);
                o.grant.tokens = tokens;
                o.grant.annual_dilution_pct = dilution;
                o.grant.vesting = linear(cliff.min(duration), duration, every);
                o.payouts.revenue_share =
                    share.map(|(pool_pct, gross, margin, every_months)| RevenueShare {
                        pool_pct,
                        basis: if gross { PoolBasis::GrossProfit } else { PoolBasis::Revenue },
                        gross_margin_pct: margin,
                        every_months,
                        hurdle_annual: None,
                    });
                o.payouts.milestones = milestone
                    .map(|(per_token, month)| Milestone { name: "M".into(), per_token, month })
                    .into_iter()
                    .collect();
                o.payouts.buyback =
                    buyback.map(|(multiple, first, every, sell, terminal, discount)| Buyback {
                        price: TenderPrice::Formula,
                        revenue_multiple: Some(Decimal::new(multiple, 1)),
                        max_sale_per_window: None,
                        former_max_sale_per_window: None,
                        first_window_month: first,
                        every_months: every,
                        sell_pct: sell,
                        terminal,
                        illiquidity_discount_pct: discount,
                        floor_price: None,
                    });
                o.leaving.annual_departure_pct = leaving.0;
                o.leaving.vested_on_leave = match (leaving.1, &o.payouts.buyback) {
                    (1, _) => OnLeave::Forfeit,
                    (2, Some(_)) => OnLeave::Buyback,
                    _ => OnLeave::Keep,
                };
                let weights: u32 = scenarios.iter().map(|s| s.0).sum();
                let count = scenarios.len();
                let mut given = Decimal::ZERO;
                o.scenarios = scenarios
                    .into_iter()
                    .enumerate()
                    .map(|(i, (w, revenue, cancelled, hits))| {
                        let p = if i + 1 == count {
                            Decimal::ONE_HUNDRED - given
                        } else {
                            (Decimal::from(w * 100) / Decimal::from(weights)).round_dp(2)
                        };
                        given += p;
                        Scenario {
                            name: format!("S{i}"),
                            probability_pct: p,
                            annual_revenue: revenue,
                            cancelled_month: cancelled,
                            price_per_token: Vec::new(),
                            milestones_hit: if hits && !o.payouts.milestones.is_empty() {
                                vec!["M".into()]
                            } else {
                                Vec::new()
                            },
                        }
                    })
                    .collect();
                let (discount, income, redemption, wealth, gamma) = personal;
                o.personal.discount_rate_pct = discount;
                o.personal.income_tax_pct = income;
                o.personal.redemption_tax_pct = redemption;
                o.personal.wealth = Decimal::from(wealth);
                o.personal.risk_aversion = Decimal::new(gamma, 1);
                o.salary.base_annual = salary.0;
                o.salary.sacrificed_annual = salary.1;
                o.simulation.paths = 64;
                o
            },
        )
}

fn value(o: &Offer) -> Report {
    value_exact(o).expect("a small valid offer values")
}

/// `a <= b`, allowing for the rounding of sums of a few hundred terms.
fn at_most(a: f64, b: f64) -> bool {
    a <= b + 1e-9 * b.abs().max(1.0)
}

fn with_revenue_scaled(o: &Offer, factor: Decimal) -> Offer {
    let mut scaled = o.clone();
    for s in &mut scaled.scenarios {
        for r in &mut s.annual_revenue {
            *r *= factor;
        }
    }
    scaled
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_higher_discount_rate_never_raises_present_values(o in small_offer(), more in 1i64..=200) {
        let mut higher = o.clone();
        higher.personal.discount_rate_pct = (o.personal.discount_rate_pct + Decimal::new(more, 1)).min(Decimal::ONE_HUNDRED);
        let (a, b) = (value(&o), value(&higher));
        prop_assert!(at_most(b.expected.token_pv, a.expected.token_pv));
        prop_assert!(at_most(b.expected.salary_pv, a.expected.salary_pv));
        prop_assert!(at_most(b.expected.sacrifice_pv, a.expected.sacrifice_pv));
    }

    #[test]
    fn more_revenue_never_lowers_the_token_value(o in small_offer(), factor in 11i64..=50) {
        let more = with_revenue_scaled(&o, Decimal::new(factor, 1));
        prop_assert!(at_most(value(&o).expected.token_pv, value(&more).expected.token_pv));
    }

    #[test]
    fn a_revenue_share_pays_in_proportion_to_the_pool(o in small_offer()) {
        let mut only_share = o.clone();
        only_share.payouts.milestones.clear();
        only_share.payouts.buyback = None;
        only_share.leaving.vested_on_leave = OnLeave::Keep;
        for s in &mut only_share.scenarios {
            s.milestones_hit.clear();
        }
        let Some(share) = only_share.payouts.revenue_share.as_mut() else { return Ok(()) };
        share.pool_pct = Decimal::new(10, 0);
        let single = value(&only_share).expected.token_pv;
        if let Some(share) = only_share.payouts.revenue_share.as_mut() {
            share.pool_pct = Decimal::new(20, 0);
        }
        let double = value(&only_share).expected.token_pv;
        prop_assert!((double - 2.0 * single).abs() <= 1e-9 * double.abs().max(1.0), "{single} {double}");
    }

    #[test]
    fn exact_percentiles_are_ordered_and_within_the_outcomes(o in small_offer()) {
        let r = value(&o);
        let d = r.distribution;
        prop_assert!(d.p10 <= d.p50 && d.p50 <= d.p90);
        let lowest = r.outcomes.first().map_or(0.0, |o| o.0);
        let highest = r.outcomes.last().map_or(0.0, |o| o.0);
        prop_assert!(lowest <= d.p10 && d.p90 <= highest);
    }

    #[test]
    fn simulated_percentiles_are_ordered(mut o in small_offer(), vol in pct(100)) {
        o.simulation.revenue_volatility_pct = vol;
        let p = Simulation::new(&o).expect("prepares").finish().percentiles;
        let chain = [p.p5, p.p10, p.p25, p.p50, p.p75, p.p90, p.p95];
        prop_assert!(chain.windows(2).all(|w| w[0] <= w[1]), "{chain:?}");
    }

    #[test]
    fn a_fixed_seed_gives_identical_simulations(mut o in small_offer(), seed in any::<u64>(), vol in pct(100)) {
        o.simulation.seed = seed;
        o.simulation.revenue_volatility_pct = vol;
        let first = Simulation::new(&o).expect("prepares").finish();
        let second = Simulation::new(&o).expect("prepares").finish();
        prop_assert_eq!(first, second);
    }

    #[test]
    fn a_higher_income_tax_never_raises_the_token_value(o in small_offer(), more in 1i64..=300) {
        let mut higher = o.clone();
        higher.personal.income_tax_pct = (o.personal.income_tax_pct + Decimal::new(more, 1)).min(Decimal::new(999, 1));
        prop_assert!(at_most(value(&higher).expected.token_pv, value(&o).expected.token_pv));
    }

    #[test]
    fn a_higher_redemption_tax_never_raises_the_token_value(o in small_offer(), more in 1i64..=300) {
        let mut higher = o.clone();
        higher.personal.redemption_tax_pct = (o.personal.redemption_tax_pct + Decimal::new(more, 1)).min(Decimal::new(999, 1));
        prop_assert!(at_most(value(&higher).expected.token_pv, value(&o).expected.token_pv));
    }

    #[test]
    fn leaving_more_often_never_raises_the_salary_given_up(o in small_offer(), more in 1i64..=300) {
        let mut faster = o.clone();
        faster.leaving.annual_departure_pct = (o.leaving.annual_departure_pct + Decimal::new(more, 1)).min(Decimal::ONE_HUNDRED);
        prop_assert!(at_most(value(&faster).expected.sacrifice_pv, value(&o).expected.sacrifice_pv));
    }

    #[test]
    fn more_dilution_never_raises_the_token_value(o in small_offer(), more in 1i64..=200) {
        let mut diluted = o.clone();
        diluted.grant.annual_dilution_pct = (o.grant.annual_dilution_pct + Decimal::new(more, 1)).min(Decimal::ONE_HUNDRED);
        prop_assert!(at_most(value(&diluted).expected.token_pv, value(&o).expected.token_pv));
    }

    #[test]
    fn the_expected_value_is_the_probability_weighted_sum_of_the_scenarios(o in small_offer()) {
        let r = value(&o);
        let weighted: f64 = r.scenarios.iter().map(|s| s.probability * s.expected_token_pv).sum();
        prop_assert!((weighted - r.expected.token_pv).abs() <= 1e-9 * r.expected.token_pv.abs().max(1.0));
    }

    #[test]
    fn totals_add_up(o in small_offer()) {
        let r = value(&o);
        let e = r.expected;
        prop_assert_eq!(e.net_pv, e.token_pv - e.sacrifice_pv);
        prop_assert_eq!(e.total_comp_pv, e.salary_pv + e.token_pv);
        prop_assert!(e.token_pv >= 0.0 && (0.0..=1.0 + 1e-12).contains(&r.prob_zero));
        prop_assert!(r.certainty_equivalent >= 0.0 && r.salary_equivalent_annual_pretax >= 0.0);
        prop_assert_eq!(r.certainty_equivalent == 0.0, r.salary_equivalent_annual_pretax == 0.0);
    }

    #[test]
    fn no_tokens_are_worth_nothing(mut o in small_offer()) {
        o.grant.tokens = 0;
        let r = value(&o);
        prop_assert_eq!(r.expected.token_pv, 0.0);
        prop_assert!((r.prob_zero - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_sensitivity_table_is_sorted_by_swing(o in small_offer()) {
        let swings: Vec<f64> = value(&o).sensitivity.iter().map(|r| (r.swing * 100.0).round()).collect();
        prop_assert!(swings.windows(2).all(|w| w[0] >= w[1]), "{swings:?}");
    }

    #[test]
    fn vesting_in_the_ledger_only_grows_and_never_passes_the_grant(o in small_offer()) {
        for s in value(&o).scenarios {
            let vested: Vec<u64> = s.stay.years.iter().map(|y| y.vested_end).collect();
            prop_assert!(vested.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(vested.iter().all(|&v| v <= o.grant.tokens));
            prop_assert!(s.stay.held_by_month.iter().zip(&s.stay.vested_by_month).all(|(h, v)| h <= v));
        }
    }

    #[test]
    fn any_offer_survives_a_share_link(o in small_offer()) {
        let fragment = tokenworth::store::share::encode_fragment(&o);
        prop_assert_eq!(tokenworth::store::share::decode_fragment(&fragment), Ok(o));
    }
}
