//! The offer file of MODEL.md section 1: plain data, parsed exactly, validated, written back.
//!
//! Money and percentages are [`Decimal`]s read from the JSON text itself (never through `f64`);
//! percentages are in percent (`12.5` means 12.5 %); months count from the grant, month 1 first.

pub mod entry;
pub mod paths;
pub(crate) mod read;
pub(crate) mod reader;
mod write;

use rust_decimal::Decimal;
use serde::Serialize;

pub use read::{
    parse_json, parse_offer, read_offer, MAX_MILESTONES, MAX_PATHS, MAX_SCENARIOS,
    MAX_SCHEDULE_ENTRIES, MAX_YEARS,
};
pub use reader::{MAX_HORIZON_MONTHS, MAX_MONTH};

pub use write::write_offer;

/// The `format` tag every offer file carries.
pub const OFFER_FORMAT: &str = "tokenworth-offer";
/// The newest offer-file version this build reads and writes. Version 2 added the optional salary
/// `mix` and the buyback `floor_price`; version 3 (MODEL.md 7) vesting schedules, tender prices per
/// scenario, sale limits, a cap, a hurdle, expiry and compute budgets; version 4 (MODEL.md 8.1 and
/// 8.4) a salary cut that ends with the project and risk weighed against savings and pay. An older
/// file is read by its own version's rules (it has none of the newer fields). Version 4 also has
/// the rest of section 8: leaving when the project goes badly (8.2), tax at vest and a long-term
/// rate (8.3), and where the person pays tax (8.5).
pub const OFFER_VERSION: u32 = 4;

/// Brings an offer document of an older version up to [`OFFER_VERSION`], in place; returns whether
/// it changed. Versions 2 and 3 only added optional fields, so such a document migrates by its
/// number. Version 4's two rules have new defaults, so a document brought up to it gets the rules
/// its own version meant written out (`"continues"`, `"savings"`): it keeps its figures. Anything
/// else (another format, a newer or unknown version) is left alone for the reader to refuse.
pub fn migrate(document: &mut serde_json::Value) -> bool {
    let is_offer = document.get("format").and_then(serde_json::Value::as_str) == Some(OFFER_FORMAT);
    let old = document
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .is_some_and(|v| v >= 1 && v < u64::from(OFFER_VERSION));
    if !(is_offer && old) {
        return false;
    }
    document["version"] = serde_json::Value::from(OFFER_VERSION);
    let mut write_out = |section: &str, key: &str, value: &str| {
        if let Some(fields) = document.get_mut(section).and_then(serde_json::Value::as_object_mut) {
            fields.entry(key).or_insert_with(|| serde_json::Value::from(value));
        }
    };
    write_out("leaving", "salary_after_cancellation", "continues");
    write_out("personal", "wealth_counts", "savings");
    true
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
    /// A yearly budget of AI compute beside the salary (MODEL.md 7.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compute_budget: Option<ComputeBudget>,
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
    /// Whether the offer uses any term of version 3 (MODEL.md 7): such an offer's breakeven is
    /// searched for (7.7) rather than taken from the linear formula of section 3.
    #[must_use]
    pub fn uses_version_3(&self) -> bool {
        let buyback = self.payouts.buyback.as_ref();
        matches!(self.grant.vesting, Vesting::Schedule { .. })
            || self.grant.expires_month.is_some()
            || self.payouts.cap_per_token.is_some()
            || self.payouts.revenue_share.as_ref().is_some_and(|s| s.hurdle_annual.is_some())
            || buyback.is_some_and(|b| {
                b.price == TenderPrice::Scenario
                    || b.max_sale_per_window.is_some()
                    || b.former_max_sale_per_window.is_some()
            })
            || self.compute_budget.is_some()
    }

    /// The terms that make a flow bend under revenue noise, so that the simulated mean differs
    /// from the exact one when volatility is above 0 (MODEL.md 7.7), in plain words.
    #[must_use]
    pub fn bending_terms(&self) -> Vec<&'static str> {
        let buyback = self.payouts.buyback.as_ref();
        let mut terms = Vec::new();
        if buyback.is_some_and(|b| b.floor_price.is_some()) {
            terms.push("a floor price");
        }
        if self.payouts.cap_per_token.is_some() {
            terms.push("a cap");
        }
        if self.payouts.revenue_share.as_ref().is_some_and(|s| s.hurdle_annual.is_some()) {
            terms.push("a hurdle");
        }
        if buyback.is_some_and(|b| {
            b.max_sale_per_window.is_some() || b.former_max_sale_per_window.is_some()
        }) {
            terms.push("a sale limit");
        }
        terms
    }

    /// The same offer under version 4's two rules (MODEL.md 8.1 and 8.4), if it has either rule
    /// of the older versions: what the page offers with what it changes.
    #[must_use]
    pub fn under_version_4_rules(&self) -> Option<Offer> {
        let old_cut = self.leaving.salary_after_cancellation == SalaryAfterCancellation::Continues;
        let old_wealth = self.personal.wealth_counts == WealthCounts::Savings;
        (old_cut || old_wealth).then(|| {
            let mut offer = self.clone();
            offer.leaving.salary_after_cancellation = SalaryAfterCancellation::Restored;
            offer.personal.wealth_counts = WealthCounts::SavingsAndPay;
            offer
        })
    }

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
    /// Every token still held is forfeited at the end of this month (MODEL.md 7.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_month: Option<u32>,
}

/// How the grant vests: version 1's cliff and straight line, or a schedule of steps and runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Vesting {
    /// Nothing before the cliff, then `duration_months` in steps of `every_months`.
    Linear { cliff_months: u32, duration_months: u32, every_months: u32 },
    /// Steps and runs whose percentages sum to exactly 100 (MODEL.md 7.1).
    Schedule { schedule: Vec<VestingEntry> },
}

/// One entry of a vesting schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum VestingEntry {
    /// `pct` % of the grant vests at the end of `month`.
    Step { month: u32, pct: Decimal },
    /// `pct` % spread evenly over the months `from_month`, `from_month + every_months`, … up to
    /// `to_month`.
    Run { from_month: u32, to_month: u32, every_months: u32, pct: Decimal },
}

impl VestingEntry {
    /// The entry's first month, its last and the months between its steps.
    fn span(&self) -> (u32, u32, u32) {
        match *self {
            VestingEntry::Step { month, .. } => (month, month, 1),
            VestingEntry::Run { from_month, to_month, every_months, .. } => {
                (from_month, to_month.max(from_month), every_months.max(1))
            }
        }
    }

    /// How many months this entry vests in. Worked out, never counted month by month, so that a
    /// run to a far month costs nothing (issue 30).
    #[must_use]
    pub fn steps(&self) -> u64 {
        self.steps_by(u32::MAX)
    }

    /// How many of this entry's months are at or before `month`.
    #[must_use]
    pub fn steps_by(&self, month: u32) -> u64 {
        let (from, to, every) = self.span();
        if month < from {
            0
        } else {
            u64::from((month.min(to) - from) / every) + 1
        }
    }

    /// The month of the entry's first step.
    #[must_use]
    pub fn first_month(&self) -> u32 {
        self.span().0
    }

    /// The month of the entry's last step.
    #[must_use]
    pub fn last_month(&self) -> u32 {
        let (from, to, every) = self.span();
        from + (to - from) / every * every
    }

    #[must_use]
    pub fn pct(&self) -> Decimal {
        match *self {
            VestingEntry::Step { pct, .. } | VestingEntry::Run { pct, .. } => pct,
        }
    }
}

impl Vesting {
    /// D of the salary equivalent: the month the last tokens vest.
    #[must_use]
    pub fn last_month(&self) -> u32 {
        match self {
            Vesting::Linear { duration_months, .. } => *duration_months,
            Vesting::Schedule { schedule } => {
                schedule.iter().map(VestingEntry::last_month).max().unwrap_or(0)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Payouts {
    pub revenue_share: Option<RevenueShare>,
    pub milestones: Vec<Milestone>,
    pub buyback: Option<Buyback>,
    /// The most one token may bring in all, before tax (MODEL.md 7.3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap_per_token: Option<Decimal>,
}

/// A share of the project's revenue (or gross profit) paid to holders every few months.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevenueShare {
    pub pool_pct: Decimal,
    pub basis: PoolBasis,
    /// Used only with [`PoolBasis::GrossProfit`].
    pub gross_margin_pct: Decimal,
    pub every_months: u32,
    /// The pool is taken only from the basis above this much a year (MODEL.md 7.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hurdle_annual: Option<Decimal>,
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

/// The company buys tokens back in windows (tenders), at a formula price or at prices set per
/// scenario, and may value the rest at the end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Buyback {
    /// How a token is priced; written only when it is set per scenario.
    #[serde(skip_serializing_if = "TenderPrice::is_formula")]
    pub price: TenderPrice,
    /// The formula's multiple of trailing revenue (zero, and not written, with scenario prices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue_multiple: Option<Decimal>,
    pub first_window_month: u32,
    pub every_months: u32,
    pub sell_pct: Decimal,
    pub terminal: bool,
    pub illiquidity_discount_pct: Decimal,
    /// A price per token (before tax) below which the company never buys back or values a token,
    /// while the project runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor_price: Option<Decimal>,
    /// The most a current holder may sell in one window, in money before tax (MODEL.md 7.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_sale_per_window: Option<Decimal>,
    /// The same limit for a holder who has left (`0`: none may be sold); absent, the one above.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub former_max_sale_per_window: Option<Decimal>,
}

impl Buyback {
    /// The formula's multiple, zero when prices are set per scenario.
    #[must_use]
    pub fn multiple(&self) -> Decimal {
        self.revenue_multiple.unwrap_or(Decimal::ZERO)
    }
}

/// How a tender prices a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TenderPrice {
    /// `P_t = multiple · TTM_t / S_t` (MODEL.md 2.5).
    Formula,
    /// Each scenario's `price_per_token` for the year (MODEL.md 7.2).
    Scenario,
}

impl TenderPrice {
    fn is_formula(&self) -> bool {
        *self == TenderPrice::Formula
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leaving {
    pub annual_departure_pct: Decimal,
    pub vested_on_leave: OnLeave,
    /// Whether the salary cut goes on after the project is shut (MODEL.md 8.1).
    pub salary_after_cancellation: SalaryAfterCancellation,
    /// Leaving when the project goes badly (MODEL.md 8.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quit_if: Option<QuitRule>,
}

/// The person leaves at the first review at which the project's trailing twelve months of revenue
/// are below `min_trailing_revenue` (MODEL.md 8.2).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuitRule {
    /// r0, at least 12, so that the first review sees a year of revenue.
    pub first_review_month: u32,
    pub every_months: u32,
    pub min_trailing_revenue: Decimal,
}

impl QuitRule {
    /// Whether the rule can ever leave: one whose minimum is 0 never does, and is no rule at all
    /// (docs/MODEL-DECISIONS.md): it changes no figure and is not said.
    #[must_use]
    pub fn can_leave(&self) -> bool {
        !self.min_trailing_revenue.is_zero()
    }

    /// The review months r0, r0 + e, … up to `horizon`.
    pub fn reviews(&self, horizon: u32) -> impl Iterator<Item = u32> {
        let every = self.every_months.max(1);
        let first = self.first_review_month;
        (0..).map_while(move |k: u32| {
            k.checked_mul(every).and_then(|step| first.checked_add(step)).filter(|&r| r <= horizon)
        })
    }
}

/// When tokens received as pay are taxed (MODEL.md 8.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TaxedAt {
    /// When they pay: payouts as income, sales on the whole amount (section 2.7).
    #[default]
    Payout,
    /// As pay when they vest, at their value then; sales on the gain over that value.
    Vest,
}

impl TaxedAt {
    fn is_payout(&self) -> bool {
        *self == TaxedAt::Payout
    }
}

/// What happens to the salary given up once a scenario's project is shut (MODEL.md 8.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SalaryAfterCancellation {
    /// Back on full pay: salary is given up only while the project runs (version 4's default).
    Restored,
    /// Still given up to the horizon or leaving (what versions 1 to 3 always mean).
    Continues,
}

/// What the risk of the deal is weighed against (MODEL.md 8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WealthCounts {
    /// Savings plus the after-tax base salary over the horizon (version 4's default).
    SavingsAndPay,
    /// Savings alone (what versions 1 to 3 always mean).
    Savings,
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
    /// What one token fetches in a tender in each year, with prices set per scenario; the last
    /// repeats.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub price_per_token: Vec<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Personal {
    pub discount_rate_pct: Decimal,
    pub income_tax_pct: Decimal,
    pub redemption_tax_pct: Decimal,
    pub wealth: Decimal,
    /// Relative risk aversion γ, 0 (risk-neutral) to 20.
    pub risk_aversion: Decimal,
    /// Whether the pay over the horizon carries the risk beside the savings (MODEL.md 8.4).
    pub wealth_counts: WealthCounts,
    /// When the tokens are taxed (MODEL.md 8.3); written only when at vest.
    #[serde(skip_serializing_if = "TaxedAt::is_payout")]
    pub taxed_at: TaxedAt,
    /// A lower rate on sales of tokens held at least `long_term_after_months` (both or neither).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub long_term_redemption_tax_pct: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub long_term_after_months: Option<u32>,
    /// Whose published rates filled the tax fields: an ISO 3166 code, `"GB"`, `"US-CA"` (MODEL.md
    /// 8.5). It changes no figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_residence: Option<String>,
    /// The tax year of those rates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_year: Option<u32>,
}

impl Personal {
    /// The long-term rate and the months after which it applies, when the offer gives them.
    #[must_use]
    pub fn long_term(&self) -> Option<(Decimal, u32)> {
        self.long_term_redemption_tax_pct.zip(self.long_term_after_months)
    }
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

/// A yearly budget of AI compute paid while the person works there (MODEL.md 7.6); percentages
/// in percent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComputeBudget {
    /// The list value of the first year's budget.
    pub annual: Decimal,
    pub unit: BudgetUnit,
    /// With a budget in tokens, how much their price falls a year.
    pub annual_price_decline_pct: Decimal,
    /// u: the share the person would really use.
    pub used_pct: Decimal,
    /// p: the share of what they use that they may use for themselves.
    pub personal_use_pct: Decimal,
    /// v: what list-price compute used for themselves is worth to them.
    pub personal_value_pct: Decimal,
    /// w: what compute used only for the employer's work is worth to them.
    pub work_value_pct: Decimal,
    /// c: the share of the unused budget paid out in cash.
    pub cash_out_unused_pct: Decimal,
    /// X: what the employer reports as taxable pay for it a year.
    pub taxable_annual: Decimal,
}

/// What a compute budget is fixed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetUnit {
    /// An amount of currency: it keeps its value.
    Money,
    /// An allowance of tokens of named models, whose price falls each year.
    Tokens,
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

impl Answer {
    fn is_unknown(&self) -> bool {
        *self == Answer::Unknown
    }
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
    #[serde(skip_serializing_if = "Answer::is_unknown")]
    pub compute_in_writing: Answer,
    #[serde(skip_serializing_if = "Answer::is_unknown")]
    pub compute_no_quota: Answer,
    #[serde(skip_serializing_if = "Answer::is_unknown")]
    pub compute_personal_use: Answer,
    #[serde(skip_serializing_if = "Answer::is_unknown")]
    pub compute_on_leaving: Answer,
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

    /// The questions about a compute budget (MODEL.md 7.6), asked of offers with one.
    pub const COMPUTE_KEYS: [&'static str; 4] =
        ["compute_in_writing", "compute_no_quota", "compute_personal_use", "compute_on_leaving"];

    /// The questions for an offer, with or without a compute budget, in the app's order.
    pub fn keys_for(has_compute_budget: bool) -> impl Iterator<Item = &'static str> {
        let compute: &[&'static str] = if has_compute_budget { &Self::COMPUTE_KEYS } else { &[] };
        Self::KEYS.into_iter().chain(compute.iter().copied())
    }

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
            "compute_in_writing" => &mut self.compute_in_writing,
            "compute_no_quota" => &mut self.compute_no_quota,
            "compute_personal_use" => &mut self.compute_personal_use,
            "compute_on_leaving" => &mut self.compute_on_leaving,
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

impl FieldError {
    /// Whether this is a list longer than tokenworth reads (issue 30): an import refuses such a
    /// document whole rather than opening it to fix at its fields.
    #[must_use]
    pub fn is_beyond_bounds(&self) -> bool {
        self.message.contains(reader::BEYOND_BOUNDS)
    }
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
