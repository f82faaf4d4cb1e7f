//! Shared helpers of the integration tests: a minimal valid offer to tweak, the shared examples, and
//! money compared the way the report prints it (to the cent, half away from zero).
//!
//! Every test binary uses a different subset of these helpers.
#![allow(dead_code)]

use rust_decimal::Decimal;
use tokenworth::offer::{
    Buyback, Checklist, Grant, Leaving, Milestone, OnLeave, Payouts, Personal, PoolBasis,
    RevenueShare, Salary, SalaryAfterCancellation, Scenario, Simulation, TaxedAt, TenderPrice,
    Vesting, WealthCounts,
};
use tokenworth::{parse_offer, Offer};

/// The shared example offers, by file stem.
pub const EXAMPLES: [&str; 7] = [
    "acme-copilot",
    "research-lab",
    "salary-only",
    "tender-units",
    "compute-budget",
    "restored-salary",
    "taxed-at-vest",
];

/// A path inside the repository.
#[must_use]
pub fn repo_path(relative: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The text of `examples/NAME.json`.
#[must_use]
pub fn example_text(name: &str) -> String {
    let path = repo_path(&format!("examples/{name}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// `examples/NAME.json`, parsed.
#[must_use]
pub fn example(name: &str) -> Offer {
    parse_offer(&example_text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// An exact decimal from its text (`d("2.50")`).
#[must_use]
pub fn d(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// The smallest offer that values to something: 12 months; 1,000 of 100,000 tokens, all vested at
/// the end of month 1 (cliff 0, duration 1, step 1); no payouts; no salary; nobody ever leaves; one
/// certain scenario with no revenue; no tax, no discounting, risk-neutral; 100 simulated paths.
/// Tests switch on one mechanism at a time.
#[must_use]
pub fn offer() -> Offer {
    Offer {
        name: "Test offer".to_string(),
        currency: "USD".to_string(),
        horizon_months: 12,
        salary: Salary { base_annual: Decimal::ZERO, sacrificed_annual: Decimal::ZERO },
        grant: Grant {
            tokens: 1000,
            supply: 100_000,
            annual_dilution_pct: Decimal::ZERO,
            vesting: linear(0, 1, 1),
            expires_month: None,
        },
        payouts: Payouts {
            revenue_share: None,
            milestones: Vec::new(),
            buyback: None,
            cap_per_token: None,
        },
        leaving: Leaving {
            annual_departure_pct: Decimal::ZERO,
            vested_on_leave: OnLeave::Keep,
            salary_after_cancellation: SalaryAfterCancellation::Continues,
            quit_if: None,
        },
        scenarios: vec![scenario("Only", "100", &[], &[])],
        personal: Personal {
            discount_rate_pct: Decimal::ZERO,
            income_tax_pct: Decimal::ZERO,
            redemption_tax_pct: Decimal::ZERO,
            wealth: Decimal::from(1_000_000),
            risk_aversion: Decimal::ZERO,
            wealth_counts: WealthCounts::Savings,
            taxed_at: TaxedAt::Payout,
            long_term_redemption_tax_pct: None,
            long_term_after_months: None,
            tax_residence: None,
            tax_year: None,
        },
        simulation: Simulation { paths: 100, revenue_volatility_pct: Decimal::ZERO, seed: 1 },
        checklist: Checklist::default(),
        mix: None,
        compute_budget: None,
    }
}

/// Version 1's vesting: nothing before the cliff, then `duration` months in steps of `every`.
#[must_use]
pub fn linear(cliff_months: u32, duration_months: u32, every_months: u32) -> Vesting {
    Vesting::Linear { cliff_months, duration_months, every_months }
}

/// The denominator of a vesting's fractions: adding tokens in multiples of it keeps "more tokens
/// are never worth less" (docs/MODEL-DECISIONS.md).
#[must_use]
pub fn vesting_steps(vesting: &Vesting) -> u32 {
    match vesting {
        Vesting::Linear { duration_months, .. } => *duration_months,
        Vesting::Schedule { .. } => 100 * 240,
    }
}

/// A scenario: name, probability in percent, yearly revenue, milestones hit.
#[must_use]
pub fn scenario(
    name: &str,
    probability_pct: &str,
    annual_revenue: &[&str],
    hits: &[&str],
) -> Scenario {
    Scenario {
        name: name.to_string(),
        probability_pct: d(probability_pct),
        annual_revenue: annual_revenue.iter().map(|r| d(r)).collect(),
        cancelled_month: None,
        milestones_hit: hits.iter().map(|h| (*h).to_string()).collect(),
        price_per_token: Vec::new(),
    }
}

/// A revenue share on revenue: `pool_pct` paid every `every_months`.
#[must_use]
pub fn revenue_share(pool_pct: &str, every_months: u32) -> RevenueShare {
    RevenueShare {
        pool_pct: d(pool_pct),
        basis: PoolBasis::Revenue,
        gross_margin_pct: Decimal::ONE_HUNDRED,
        every_months,
        hurdle_annual: None,
    }
}

/// A milestone paying `per_token` per held token at `month`.
#[must_use]
pub fn milestone(name: &str, per_token: &str, month: u32) -> Milestone {
    Milestone { name: name.to_string(), per_token: d(per_token), month }
}

/// Buyback windows with no terminal value.
#[must_use]
pub fn buyback(
    revenue_multiple: &str,
    first_window_month: u32,
    every_months: u32,
    sell_pct: &str,
) -> Buyback {
    Buyback {
        price: TenderPrice::Formula,
        revenue_multiple: Some(d(revenue_multiple)),
        first_window_month,
        every_months,
        sell_pct: d(sell_pct),
        terminal: false,
        illiquidity_discount_pct: Decimal::ZERO,
        floor_price: None,
        max_sale_per_window: None,
        former_max_sale_per_window: None,
    }
}

/// A buyback block used only for its terminal value (its first window is the latest month a term
/// may name, far past any horizon).
#[must_use]
pub fn terminal_only(revenue_multiple: &str, illiquidity_discount_pct: &str) -> Buyback {
    Buyback {
        price: TenderPrice::Formula,
        revenue_multiple: Some(d(revenue_multiple)),
        first_window_month: tokenworth::offer::MAX_MONTH,
        every_months: 12,
        sell_pct: Decimal::ZERO,
        terminal: true,
        illiquidity_discount_pct: d(illiquidity_discount_pct),
        floor_price: None,
        max_sale_per_window: None,
        former_max_sale_per_window: None,
    }
}

/// Money as the report prints it: rounded once to cents.
#[must_use]
pub fn cents(amount: f64) -> String {
    tokenworth::format::cents(amount)
}

/// A decimal ledger amount as the report prints it.
#[must_use]
pub fn decimal_cents(amount: Decimal) -> String {
    tokenworth::format::decimal_cents(amount)
}

/// `|got − want| <= max(abs, rel·|want|)`, with a message naming the figure.
pub fn assert_near(what: &str, got: f64, want: f64, abs: f64, rel: f64) {
    assert!(
        got.is_finite() && (got - want).abs() <= abs.max(rel * want.abs()),
        "{what}: got {got}, want {want} (tolerance {abs} or {rel} relative)"
    );
}

/// The monthly hazard `1 − (1 − a)^(1/12)` of an annual departure rate `a` (a fraction).
#[must_use]
pub fn hazard(annual: f64) -> f64 {
    1.0 - (1.0 - annual).powf(1.0 / 12.0)
}
