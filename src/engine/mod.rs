//! The valuation of MODEL.md sections 2 and 3: ledgers, the exact distribution over scenarios and
//! leaving months, the offer's figures and their sensitivity.
//!
//! Nominal ledgers are [`Decimal`] money; present values, probabilities and the figures built on them
//! are `f64`, as the model's discount factors are. Money is rounded only in [`crate::format`].

use rust_decimal::Decimal;

use crate::offer::Offer;

/// Everything the report shows, unrounded.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub name: String,
    pub currency: String,
    pub expected: Expected,
    /// The chance that every token flow is exactly zero.
    pub prob_zero: f64,
    pub distribution: Distribution,
    pub certainty_equivalent: f64,
    pub salary_equivalent_annual_pretax: f64,
    /// The factor on all revenue at which expected token value equals expected sacrifice;
    /// `None` when nothing depends on revenue and milestones alone fall short.
    pub breakeven_revenue_scale: Option<f64>,
    pub scenarios: Vec<ScenarioReport>,
    pub sensitivity: Vec<SensitivityRow>,
}

/// Expected present values after tax, in today's money.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Expected {
    pub token_pv: f64,
    pub sacrifice_pv: f64,
    pub net_pv: f64,
    pub salary_pv: f64,
    pub total_comp_pv: f64,
}

/// Weighted nearest-rank percentiles of the token value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distribution {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioReport {
    pub name: String,
    pub probability: f64,
    /// Conditional on this scenario, over leaving months.
    pub expected_token_pv: f64,
    /// The path that never leaves.
    pub stay: StayLedger,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StayLedger {
    pub token_pv: f64,
    pub token_nominal: Decimal,
    pub sacrifice_pv: f64,
    pub years: Vec<LedgerYear>,
}

/// One year of the never-leaving path: nominal after-tax amounts.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerYear {
    pub year: u32,
    pub vested_end: u64,
    pub revenue_share: Decimal,
    pub milestones: Decimal,
    pub buyback: Decimal,
    pub terminal: Decimal,
    pub sacrifice: Decimal,
}

/// `expected.net_pv` with one input at 0.8× and 1.2× its value.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityRow {
    pub input: &'static str,
    pub low: f64,
    pub high: f64,
    pub swing: f64,
}

/// Why an offer that passed validation still could not be valued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// A figure outgrew what can be computed exactly; the text says which.
    Overflow(String),
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Overflow(what) => write!(f, "the figures are too large to compute: {what}"),
        }
    }
}

/// Values a validated offer.
pub fn value(offer: &Offer) -> Result<Report, EngineError> {
    let _ = offer;
    Err(EngineError::Overflow("engine not written yet".into()))
}
