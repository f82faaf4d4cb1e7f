//! The offer file of MODEL.md section 1: plain data, parsed exactly, validated, written back.
//!
//! Money and percentages are [`Decimal`]s read from the JSON text itself (never through `f64`);
//! percentages are in percent (`12.5` means 12.5 %); months count from the grant, month 1 first.

pub mod entry;
pub(crate) mod read;
mod write;

use rust_decimal::Decimal;
use serde::Serialize;

pub use read::{parse_offer, read_offer, MAX_HORIZON_MONTHS, MAX_PATHS};
pub use write::write_offer;

/// The `format` tag every offer file carries.
pub const OFFER_FORMAT: &str = "tokenworth-offer";
/// The newest offer-file version this build reads and writes. Version 2 added the optional salary
/// `mix` and the buyback `floor_price`; a version 1 file is read as it is (it has neither).
pub const OFFER_VERSION: u32 = 2;

/// Brings an offer document of an older version up to [`OFFER_VERSION`], in place; returns whether
/// it changed. Version 2 only added optional fields, so a version 1 document migrates by its
/// number. Anything else (another format, a newer or unknown version) is left alone for the reader
/// to refuse with its own message.
pub fn migrate(document: &mut serde_json::Value) -> bool {
    let is_offer = document.get("format").and_then(serde_json::Value::as_str) == Some(OFFER_FORMAT);
    let old = document
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .is_some_and(|v| v >= 1 && v < u64::from(OFFER_VERSION));
    if is_offer && old {
        document["version"] = serde_json::Value::from(OFFER_VERSION);
    }
    is_offer && old
}

/// A whole offer: the terms, the scenarios and the person's own situation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offer {
    pub name: String,
    /// An ISO 4217 code such as `USD`: every money figure is in it.
    pub currency: String,
    /// H: the months valued, 1 to 240.
    pub horizon_months: u32,
    pub salary: Salary,
    pub grant: Grant,
    pub payouts: Payouts,
    pub leaving: Leaving,
    pub scenarios: Vec<Scenario>,
    pub personal: Personal,
    pub simulation: Simulation,
    pub checklist: Checklist,
    /// How much salary the plan lets the person trade for tokens, if it lets them choose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mix: Option<Mix>,
}

/// A plan that lets the person choose how much yearly salary to trade: `tokens_per_unit` tokens for
/// each unit of currency given up a year, up to `max_sacrificed_annual`, in steps of `step_annual`.
///
/// The offer's own `salary.sacrificed_annual` and `grant.tokens` are the current choice; tokens
/// beyond what the mix gives for that choice are a fixed grant that every choice keeps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mix {
    pub tokens_per_unit: Decimal,
    pub max_sacrificed_annual: Decimal,
    /// The amounts one may choose are multiples of this (1 when the plan allows any whole amount).
    pub step_annual: Decimal,
}

impl Mix {
    /// The tokens the plan gives for `sacrificed` a year: `floor(sacrificed × tokens_per_unit)`;
    /// `None` if that is beyond counting.
    #[must_use]
    pub fn tokens_for(&self, sacrificed: Decimal) -> Option<u64> {
        let tokens = sacrificed.checked_mul(self.tokens_per_unit)?.floor();
        u64::try_from(tokens).ok()
    }

    /// Whether the plan lets one give up `sacrificed` a year: a multiple of the step, up to the cap.
    #[must_use]
    pub fn allows(&self, sacrificed: Decimal) -> bool {
        !sacrificed.is_sign_negative()
            && sacrificed <= self.max_sacrificed_annual
            && sacrificed.checked_rem(self.step_annual).is_some_and(|r| r.is_zero())
    }
}

impl Offer {
    /// Under a salary mix, the tokens granted whatever amount is traded: the grant beyond what the
    /// offer's own choice trades for. `None` without a mix.
    #[must_use]
    pub fn fixed_tokens(&self) -> Option<u64> {
        let mix = self.mix.as_ref()?;
        Some(
            self.grant
                .tokens
                .saturating_sub(mix.tokens_for(self.salary.sacrificed_annual).unwrap_or(0)),
        )
    }
}

/// Pay under this offer; `base_annual` is already net of what was given up for tokens.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Salary {
    pub base_annual: Decimal,
    pub sacrificed_annual: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grant {
    pub tokens: u64,
    pub supply: u64,
    pub annual_dilution_pct: Decimal,
    pub vesting: Vesting,
}

/// Cliff, length and step of vesting, in months.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vesting {
    pub cliff_months: u32,
    pub duration_months: u32,
    pub every_months: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Payouts {
    pub revenue_share: Option<RevenueShare>,
    pub milestones: Vec<Milestone>,
    pub buyback: Option<Buyback>,
}

/// A share of the project's revenue (or gross profit) paid to holders every few months.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevenueShare {
    pub pool_pct: Decimal,
    pub basis: PoolBasis,
    /// Used only with [`PoolBasis::GrossProfit`].
    pub gross_margin_pct: Decimal,
    pub every_months: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PoolBasis {
    Revenue,
    GrossProfit,
}

/// A fixed payment per held token when the project reaches a named goal in a given month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub name: String,
    pub per_token: Decimal,
    pub month: u32,
}

/// The company buys tokens back at a formula price in windows, and may value the rest at the end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Buyback {
    pub revenue_multiple: Decimal,
    pub first_window_month: u32,
    pub every_months: u32,
    pub sell_pct: Decimal,
    pub terminal: bool,
    pub illiquidity_discount_pct: Decimal,
    /// A price per token (before tax) below which the company never buys back or values a token,
    /// while the project runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor_price: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leaving {
    pub annual_departure_pct: Decimal,
    pub vested_on_leave: OnLeave,
}

/// What happens to vested tokens when the holder leaves (unvested ones are always lost).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnLeave {
    /// They stay yours and keep paying.
    Keep,
    /// All tokens are lost.
    Forfeit,
    /// The company buys every held vested token at the formula price on the day you leave.
    Buyback,
}

/// One way the project could turn out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    pub name: String,
    pub probability_pct: Decimal,
    /// Revenue per year of the project, year 1 first; the last value repeats.
    pub annual_revenue: Vec<Decimal>,
    /// The project is shut down at the end of this month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancelled_month: Option<u32>,
    pub milestones_hit: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Personal {
    pub discount_rate_pct: Decimal,
    pub income_tax_pct: Decimal,
    pub redemption_tax_pct: Decimal,
    pub wealth: Decimal,
    /// Relative risk aversion γ, 0 (risk-neutral) to 20.
    pub risk_aversion: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulation {
    pub paths: u32,
    pub revenue_volatility_pct: Decimal,
    pub seed: u64,
}

impl Default for Simulation {
    fn default() -> Self {
        Simulation { paths: 10_000, revenue_volatility_pct: Decimal::ZERO, seed: 1 }
    }
}

/// An answer to one transparency question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    #[default]
    Unknown,
}

/// The questions to ask before signing; they change no figure.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Checklist {
    pub initial_value_explained: Answer,
    pub formula_in_writing: Answer,
    pub revenue_audited: Answer,
    pub formula_locked: Answer,
    pub cancellation_terms: Answer,
    pub leaving_terms: Answer,
    pub tax_explained: Answer,
    pub recourse: Answer,
}

impl Checklist {
    /// The keys of the offer file, in the order the app asks them.
    pub const KEYS: [&'static str; 8] = [
        "initial_value_explained",
        "formula_in_writing",
        "revenue_audited",
        "formula_locked",
        "cancellation_terms",
        "leaving_terms",
        "tax_explained",
        "recourse",
    ];

    /// The answer under a key of [`Checklist::KEYS`] (unknown for any other key).
    #[must_use]
    pub fn answer(&self, key: &str) -> Answer {
        self.clone().answer_mut(key).map_or(Answer::Unknown, |a| *a)
    }

    /// The answer stored under a key of [`Checklist::KEYS`].
    #[must_use]
    pub fn answer_mut(&mut self, key: &str) -> Option<&mut Answer> {
        Some(match key {
            "initial_value_explained" => &mut self.initial_value_explained,
            "formula_in_writing" => &mut self.formula_in_writing,
            "revenue_audited" => &mut self.revenue_audited,
            "formula_locked" => &mut self.formula_locked,
            "cancellation_terms" => &mut self.cancellation_terms,
            "leaving_terms" => &mut self.leaving_terms,
            "tax_explained" => &mut self.tax_explained,
            "recourse" => &mut self.recourse,
            _ => return None,
        })
    }
}

/// One problem with one field, named by its path (`scenarios[2].probability_pct`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

/// Why an offer file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfferError {
    /// The text is not JSON; line and column are 1-based.
    Syntax { line: usize, column: usize, message: String },
    /// The JSON is not a valid offer: every problem found, each at its field.
    Invalid(Vec<FieldError>),
}

impl std::fmt::Display for OfferError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OfferError::Syntax { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            OfferError::Invalid(errors) => {
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{}: {}", e.path, e.message)?;
                }
                Ok(())
            }
        }
    }
}
