//! What one token receives, month by month, in one scenario (MODEL.md 2.2 to 2.5 and 2.7).
//!
//! A path's flows are "so many tokens × so much per token"; this module prices the "per token" side
//! in exact [`Decimal`] money, after tax, once per scenario. [`super::ledger`] counts the tokens.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::checked::{add, div, mul, pct, sub};
use super::EngineError;
use crate::offer::{Offer, PoolBasis, Scenario, TaxedAt, TenderPrice, Vesting, VestingEntry};

/// The kinds of token flow, each with its own tax and ledger column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowKind {
    /// A revenue-share payout (income tax).
    RevenueShare,
    /// Milestone payments (income tax).
    Milestone,
    /// Tokens sold back at the formula price, in a window or on leaving (redemption tax).
    Buyback,
    /// The value of tokens still held at the horizon (redemption tax).
    Terminal,
    /// Income tax on tokens as they vest, at what each would fetch then (MODEL.md 8.3): money
    /// going out, so its per-token amount is negative.
    TaxAtVest,
}

/// Offer-wide terms that do not depend on the scenario.
#[derive(Debug, Clone)]
pub struct Terms {
    /// H.
    pub horizon: u32,
    /// `vested[t]` for t = 0..=H: the vesting formula of MODEL.md 2.1, before any leaving.
    pub vested: Vec<u64>,
    /// `discount[t] = (1 + k)^(−t/12)` for t = 0..=H.
    pub discount: Vec<f64>,
    /// The salary given up in one month, after income tax.
    pub monthly_sacrifice: Decimal,
    /// The base salary of one month, after income tax.
    pub monthly_salary: Decimal,
    /// The share of a window's held tokens sold (0..1), if there are windows.
    pub sell_fraction: Option<Decimal>,
    /// What leaving does to vested tokens.
    pub on_leave: crate::offer::OnLeave,
    /// E: every token still held is forfeited at the end of this month (MODEL.md 7.5).
    pub expires: Option<u32>,
    /// The tax on sales, lot by lot (MODEL.md 8.3): the rates and whether sales are split into
    /// lots at all (only with tax at vest or a long-term rate; otherwise every token sold owes the
    /// same, as in section 2.7).
    pub sale_tax: SaleTax,
    /// Tokens are taxed as pay when they vest (MODEL.md 8.3).
    pub tax_at_vest: bool,
}

/// The rates on a sale, by how long the lot sold was held (MODEL.md 8.3).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SaleTax {
    /// Whether sales take lots first in, first out, each owing on its own gain.
    pub by_lot: bool,
    /// `redemption_tax_pct` as a fraction.
    pub short: Decimal,
    /// The long-term rate as a fraction, and the months of holding after which it applies.
    pub long: Option<(Decimal, u32)>,
    /// The two rates as `f64`, for present values and the Monte Carlo.
    short_f64: f64,
    long_f64: f64,
}

impl SaleTax {
    /// The rate on a part of a lot that vested in month `lot`, sold in month `t`.
    #[must_use]
    pub fn rate(&self, lot: u32, t: u32) -> Decimal {
        match self.long {
            Some((rate, after)) if t.saturating_sub(lot) >= after => rate,
            _ => self.short,
        }
    }

    /// What a token of the lot of month `lot`, with basis `basis`, brings after tax when sold
    /// in month `t` for `price`: `p − rate · max(0, p − b)` (a sale at a loss owes nothing).
    pub fn after_tax(
        &self,
        price: Decimal,
        basis: Decimal,
        lot: u32,
        t: u32,
    ) -> Result<Decimal, EngineError> {
        let gain = sub(price, basis, "the gain on a sale")?.max(Decimal::ZERO);
        sub(price, mul(self.rate(lot, t), gain, "the tax on a sale")?, "a sale after tax")
    }

    /// [`SaleTax::after_tax`] in `f64`, for present values and the Monte Carlo.
    #[must_use]
    pub fn after_tax_f64(&self, price: f64, basis: f64, lot: u32, t: u32) -> f64 {
        let rate = match self.long {
            Some((_, after)) if t.saturating_sub(lot) >= after => self.long_f64,
            _ => self.short_f64,
        };
        price - rate * (price - basis).max(0.0)
    }

    fn new(offer: &Offer) -> Result<SaleTax, EngineError> {
        let short = pct(offer.personal.redemption_tax_pct)?;
        let long = match offer.personal.long_term() {
            Some((rate, after)) => Some((pct(rate)?, after)),
            None => None,
        };
        Ok(SaleTax {
            by_lot: offer.personal.taxed_at == TaxedAt::Vest || long.is_some(),
            short,
            long,
            short_f64: short.to_f64().unwrap_or(0.0),
            long_f64: long.and_then(|(rate, _)| rate.to_f64()).unwrap_or(0.0),
        })
    }
}

impl Terms {
    pub fn new(offer: &Offer) -> Result<Terms, EngineError> {
        let horizon = offer.horizon_months;
        let grant = &offer.grant;
        let vesting = &grant.vesting;
        let vested = vesting_table(grant.tokens, vesting, horizon)?;
        let k = offer.personal.discount_rate_pct.to_f64().unwrap_or(0.0) / 100.0;
        let discount = (0..=horizon).map(|t| libm::pow(1.0 + k, -f64::from(t) / 12.0)).collect();
        let income_kept =
            sub(Decimal::ONE, pct(offer.personal.income_tax_pct)?, "the income tax rate")?;
        let twelfth = |annual: Decimal, what: &str| monthly_after_tax(annual, income_kept, what);
        Ok(Terms {
            horizon,
            vested,
            discount,
            monthly_sacrifice: twelfth(offer.salary.sacrificed_annual, "the salary given up")?,
            monthly_salary: twelfth(offer.salary.base_annual, "the base salary")?,
            sell_fraction: match &offer.payouts.buyback {
                Some(b) => Some(pct(b.sell_pct)?),
                None => None,
            },
            on_leave: offer.leaving.vested_on_leave,
            expires: grant.expires_month,
            sale_tax: SaleTax::new(offer)?,
            tax_at_vest: offer.personal.taxed_at == TaxedAt::Vest,
        })
    }

    /// The same terms for a grant of `tokens` on the same vesting schedule.
    pub fn with_tokens(&self, tokens: u64, vesting: &Vesting) -> Result<Terms, EngineError> {
        Ok(Terms { vested: vesting_table(tokens, vesting, self.horizon)?, ..self.clone() })
    }
}

/// `vested(t)` for t = 0..=H.
fn vesting_table(tokens: u64, vesting: &Vesting, horizon: u32) -> Result<Vec<u64>, EngineError> {
    match vesting {
        Vesting::Linear { cliff_months, duration_months, every_months } => Ok((0..=horizon)
            .map(|t| vested_tokens(tokens, *cliff_months, *duration_months, *every_months, t))
            .collect()),
        Vesting::Schedule { schedule } => {
            let fraction = ScheduleFraction::new(schedule)?;
            (0..=horizon).map(|t| fraction.vested(tokens, t)).collect()
        }
    }
}

/// A vesting schedule's `C(t)` as an exact fraction `X(t) / Y` of the whole grant (MODEL.md 7.1):
/// each entry's percentage as an integer at a common decimal scale, each run's steps over the
/// least common multiple of the runs' step counts, so that `floor(g · C(t) / 100)` rounds nothing
/// before its floor.
struct ScheduleFraction {
    /// `(percentage at the common scale, the entry, D / n)` for each entry.
    entries: Vec<(u128, VestingEntry, u128)>,
    /// `Y = 100 · 10^scale · D`.
    whole: u128,
}

impl ScheduleFraction {
    fn new(schedule: &[VestingEntry]) -> Result<ScheduleFraction, EngineError> {
        let too_intricate = || EngineError::Overflow("the vesting schedule's fractions".into());
        let scale = schedule.iter().map(|e| e.pct().scale()).max().unwrap_or(0);
        let mut common: u128 = 1;
        for entry in schedule {
            let n = u128::from(entry.steps());
            common = common
                .checked_div(gcd(common, n))
                .and_then(|c| c.checked_mul(n))
                .ok_or_else(too_intricate)?;
        }
        let mut entries = Vec::with_capacity(schedule.len());
        for entry in schedule {
            let pct = entry.pct();
            let rescale = 10u128.checked_pow(scale.saturating_sub(pct.scale()));
            let units = u128::try_from(pct.mantissa())
                .ok()
                .zip(rescale)
                .and_then(|(m, r)| m.checked_mul(r))
                .ok_or_else(too_intricate)?;
            let per_step =
                common.checked_div(u128::from(entry.steps())).ok_or_else(too_intricate)?;
            entries.push((units, entry.clone(), per_step));
        }
        let whole = 10u128
            .checked_pow(scale)
            .and_then(|s| s.checked_mul(100))
            .and_then(|s| s.checked_mul(common))
            .ok_or_else(too_intricate)?;
        Ok(ScheduleFraction { entries, whole })
    }

    /// `floor(tokens · C(t) / 100)`.
    fn vested(&self, tokens: u64, t: u32) -> Result<u64, EngineError> {
        let too_intricate = || EngineError::Overflow("the vesting schedule's fractions".into());
        let mut credited: u128 = 0;
        for (units, entry, per_step) in &self.entries {
            let done = u128::from(entry.steps_by(t));
            let part = units
                .checked_mul(done)
                .and_then(|p| p.checked_mul(*per_step))
                .ok_or_else(too_intricate)?;
            credited = credited.checked_add(part).ok_or_else(too_intricate)?;
        }
        // The percentages sum to 100, so the fraction is at most one; min() guards the rest.
        Ok(mul_div_floor(credited.min(self.whole), tokens, self.whole)
            .unwrap_or(tokens)
            .min(tokens))
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        let r = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = r;
    }
    a.max(1)
}

/// `floor(x · g / y)` exactly, through a 256-bit product, for `x ≤ y` (so the result is at most
/// `g`); `None` when `y` is zero.
fn mul_div_floor(x: u128, g: u64, y: u128) -> Option<u64> {
    if y == 0 {
        return None;
    }
    let g = u128::from(g);
    let low_half = x & u128::from(u64::MAX);
    let high_half = x >> 64;
    // x · g = high_half · g · 2^64 + low_half · g; each product fits in 128 bits.
    let low_product = low_half.wrapping_mul(g);
    let high_product = high_half.wrapping_mul(g);
    let (low, carry) = low_product.overflowing_add(high_product << 64);
    let high = (high_product >> 64).wrapping_add(u128::from(carry));
    // Long division of the 256-bit (high, low) by y, one bit at a time.
    let mut remainder: u128 = 0;
    let mut quotient: u128 = 0;
    for bit in (0..256u32).rev() {
        let next = if bit >= 128 { (high >> bit.wrapping_sub(128)) & 1 } else { (low >> bit) & 1 };
        let overflowed = remainder >> 127 == 1;
        remainder = (remainder << 1) | next;
        quotient <<= 1;
        if overflowed || remainder >= y {
            remainder = remainder.wrapping_sub(y);
            quotient |= 1;
        }
    }
    u64::try_from(quotient).ok()
}

/// A twelfth of a yearly amount of pay, after income tax (`income_kept` = 1 − the tax rate).
pub fn monthly_after_tax(
    annual: Decimal,
    income_kept: Decimal,
    what: &str,
) -> Result<Decimal, EngineError> {
    mul(div(annual, Decimal::from(12), what)?, income_kept, what)
}

/// Tokens vested at the end of month `t`: `floor(g · k(t) / D)`, with `k(t)` the months credited
/// (none before the cliff, then whole steps of `every`, at most `D`).
#[must_use]
pub fn vested_tokens(tokens: u64, cliff: u32, duration: u32, every: u32, t: u32) -> u64 {
    if t < cliff || duration == 0 || every == 0 {
        return 0;
    }
    let credited = t.checked_div(every).unwrap_or(0).saturating_mul(every).min(duration);
    // At most 2^64 · 2^32: no overflow in u128; duration is at least 1 here.
    let vested = u128::from(tokens)
        .saturating_mul(u128::from(credited))
        .checked_div(u128::from(duration))
        .unwrap_or(0);
    u64::try_from(vested).unwrap_or(tokens)
}

/// What one token receives from each kind of flow: a column per kind indexed by month (index 0
/// unused), and the value at the horizon. `T` is exact `Decimal` money, or `f64` in today's money.
#[derive(Debug, Clone, PartialEq)]
pub struct PerToken<T> {
    /// Revenue-share payout per held token at a payout month, else zero.
    pub revenue_share: Vec<T>,
    /// Milestone payments per held token in the month they fall due, else zero.
    pub milestone: Vec<T>,
    /// The formula price `P_t` after redemption tax; zero after a cancellation.
    pub price: Vec<T>,
    /// The terminal value per token held at H, if there is one.
    pub terminal: Option<T>,
    /// The income tax on a token vesting in the month (negative; zero unless taxed at vest).
    pub tax_at_vest: Vec<T>,
}

impl<T: Copy + Default> PerToken<T> {
    fn zeros(months: usize) -> PerToken<T> {
        PerToken {
            revenue_share: vec![T::default(); months],
            milestone: vec![T::default(); months],
            price: vec![T::default(); months],
            terminal: None,
            tax_at_vest: vec![T::default(); months],
        }
    }

    /// What one token receives from a flow of `kind` in month `t`.
    #[must_use]
    pub fn at(&self, kind: FlowKind, t: u32) -> T {
        let column = |c: &[T]| c.get(idx(t)).copied().unwrap_or_default();
        match kind {
            FlowKind::RevenueShare => column(&self.revenue_share),
            FlowKind::Milestone => column(&self.milestone),
            FlowKind::Buyback => column(&self.price),
            FlowKind::Terminal => self.terminal.unwrap_or_default(),
            FlowKind::TaxAtVest => column(&self.tax_at_vest),
        }
    }

    /// The same amounts converted month by month, as `convert(amount, month)`; the terminal value
    /// is at month `horizon`.
    #[must_use]
    pub fn map<U>(&self, horizon: u32, convert: impl Fn(T, usize) -> U) -> PerToken<U> {
        let column =
            |c: &[T]| c.iter().enumerate().map(|(t, &amount)| convert(amount, t)).collect();
        PerToken {
            revenue_share: column(&self.revenue_share),
            milestone: column(&self.milestone),
            price: column(&self.price),
            terminal: self.terminal.map(|amount| convert(amount, idx(horizon))),
            tax_at_vest: column(&self.tax_at_vest),
        }
    }
}

/// One scenario, priced for months 1..=H.
#[derive(Debug, Clone)]
pub struct ScenarioSchedule {
    /// What a token receives, after tax, in exact money.
    pub amounts: PerToken<Decimal>,
    /// Whether month t has a buyback window.
    pub window: Vec<bool>,
    /// The month the project is shut down, if it is within the horizon.
    pub cancelled: Option<u32>,
    /// `R_t`: monthly revenue, zero after a cancellation (the Monte Carlo scales it by its noise).
    pub revenue: Vec<Decimal>,
    /// The after-tax payout per held token per unit of revenue in the period ending at a payout
    /// month (`pool · margin · (1 − tax) / S_t`), else zero.
    pub share_rate: Vec<Decimal>,
    /// The after-tax price per token per unit of trailing-12-month revenue
    /// (`multiple · (1 − tax) / S_t`), zero after a cancellation or with prices per scenario.
    pub price_rate: Vec<Decimal>,
    /// The revenue-share period in months, if there is a revenue share.
    pub share_period: Option<u32>,
    /// `1 − illiquidity discount` for the terminal value.
    pub terminal_kept: Decimal,
    /// The buyback floor price after redemption tax (zero without one): no window, leaving buyback
    /// or terminal value prices a token below it while the project runs.
    pub price_floor: Decimal,
    /// The most tokens a current holder may sell in the window of month t (MODEL.md 7.2), where a
    /// limit in money applies.
    pub sale_limit: Vec<Option<u64>>,
    /// The same for a holder who has left and kept their tokens.
    pub former_sale_limit: Vec<Option<u64>>,
    /// Months in which the cap cut what a token received (MODEL.md 7.3).
    pub capped: Vec<bool>,
    /// The pre-tax terms behind the amounts, for a Monte Carlo whose noise bends a flow.
    pub terms: PricingTerms,
    /// What a token fetches in a sale in month t before tax (after floor and cap; zero where
    /// nothing is paid): what a lot's gain is measured from (MODEL.md 8.3).
    pub sale_price: Vec<Decimal>,
    /// What a token held at H is valued at before tax, `min(P_H, cap − I_H) · (1 − illiquidity)`.
    pub terminal_price: Option<Decimal>,
    /// v_t: what a token vesting in month t is valued at for tax at vest, and so its lot's basis
    /// (zero unless taxed at vest).
    pub vest_value: Vec<Decimal>,
}

impl ScenarioSchedule {
    /// What one token of the lot of month `lot` brings after tax, sold by a flow of
    /// `kind` (a sale or the terminal value) in month `t`, lot by lot (MODEL.md 8.3).
    pub fn lot_sale(
        &self,
        sale_tax: &SaleTax,
        kind: FlowKind,
        t: u32,
        lot: u32,
    ) -> Result<Decimal, EngineError> {
        let price = if kind == FlowKind::Terminal {
            self.terminal_price.unwrap_or(Decimal::ZERO)
        } else {
            self.sale_price.get(idx(t)).copied().unwrap_or(Decimal::ZERO)
        };
        let basis = self.vest_value.get(idx(lot)).copied().unwrap_or(Decimal::ZERO);
        sale_tax.after_tax(price, basis, lot, t)
    }
}

/// What a token's pre-tax amounts are made of, month by month, before any noise, cap or floor:
/// the Monte Carlo prices each draw from them when a cap, a hurdle, a sale limit or prices set
/// per scenario make a flow other than a fixed multiple of the noise (MODEL.md 7.2 to 7.4).
#[derive(Debug, Clone, Default)]
pub struct PricingTerms {
    /// `pool / S_t` at each revenue-share payout month that pays, else zero.
    pub pool_rate: Vec<Decimal>,
    /// The gross margin applied to revenue (1 for a revenue basis).
    pub margin: Decimal,
    /// The hurdle a month, `hurdle_annual / 12`.
    pub monthly_hurdle: Decimal,
    /// Milestone payments per token, before tax.
    pub milestone: Vec<Decimal>,
    /// With the formula price, `multiple / S_t` per unit of trailing revenue; with prices per
    /// scenario, the year's `price_per_token`; zero where nothing is paid.
    pub price_base: Vec<Decimal>,
    pub price_is_formula: bool,
    /// The floor price before tax (zero without one).
    pub floor: Decimal,
    pub cap: Option<Decimal>,
    pub max_sale: Option<Decimal>,
    pub former_max_sale: Option<Decimal>,
    pub income_kept: Decimal,
    pub redemption_kept: Decimal,
    /// The last month anything is paid (the cancellation or the expiry), at most H.
    pub last_paid: u32,
}

/// The pre-tax amounts one token receives, before they are taxed: what the cap and the sale
/// limits are set against (both are in money before tax).
struct PreTax {
    revenue_share: Vec<Decimal>,
    milestone: Vec<Decimal>,
    /// The tender price `P_t` after any floor, zero where nothing is paid.
    price: Vec<Decimal>,
}

/// Prices every month of one scenario with its revenue multiplied by `revenue_scale`.
pub fn scenario_schedule(
    offer: &Offer,
    scenario: &Scenario,
    revenue_scale: Decimal,
) -> Result<ScenarioSchedule, EngineError> {
    let horizon = offer.horizon_months;
    let months = idx(horizon).saturating_add(1);
    let last_paid = last_paid_month(offer, scenario);
    let income_kept =
        sub(Decimal::ONE, pct(offer.personal.income_tax_pct)?, "the income tax rate")?;
    let redemption_kept =
        sub(Decimal::ONE, pct(offer.personal.redemption_tax_pct)?, "the redemption tax rate")?;

    let revenue = monthly_revenue(scenario, horizon, last_paid, revenue_scale)?;
    let supply = token_supply(offer, horizon)?;

    let mut schedule = ScenarioSchedule {
        amounts: PerToken::zeros(months),
        window: vec![false; months],
        cancelled: scenario.cancelled_month.filter(|&c| c <= horizon),
        revenue: Vec::new(),
        share_rate: vec![Decimal::ZERO; months],
        price_rate: vec![Decimal::ZERO; months],
        share_period: None,
        terminal_kept: Decimal::ONE,
        price_floor: Decimal::ZERO,
        sale_limit: vec![None; months],
        former_sale_limit: vec![None; months],
        capped: vec![false; months],
        sale_price: Vec::new(),
        terminal_price: None,
        vest_value: vec![Decimal::ZERO; months],
        terms: PricingTerms {
            pool_rate: vec![Decimal::ZERO; months],
            margin: Decimal::ONE,
            milestone: vec![Decimal::ZERO; months],
            price_base: vec![Decimal::ZERO; months],
            price_is_formula: true,
            cap: offer.payouts.cap_per_token,
            income_kept,
            redemption_kept,
            last_paid: last_paid.min(horizon),
            ..PricingTerms::default()
        },
    };
    let mut pre = PreTax {
        revenue_share: vec![Decimal::ZERO; months],
        milestone: vec![Decimal::ZERO; months],
        price: vec![Decimal::ZERO; months],
    };

    if let Some(share) = &offer.payouts.revenue_share {
        let pool = pct(share.pool_pct)?;
        let margin = match share.basis {
            PoolBasis::Revenue => Decimal::ONE,
            PoolBasis::GrossProfit => pct(share.gross_margin_pct)?,
        };
        let hurdle = div(
            share.hurdle_annual.unwrap_or(Decimal::ZERO),
            Decimal::from(12),
            "the monthly hurdle",
        )?;
        let every = share.every_months.max(1);
        schedule.share_period = Some(every);
        schedule.terms.margin = margin;
        schedule.terms.monthly_hurdle = hurdle;
        let pool_share = mul(pool, margin, "the revenue-share pool")?;
        // Without a hurdle the period's revenue is summed and the margin goes into the rate;
        // with one, each month's basis above the hurdle, B'_t = max(0, B_t − hurdle / 12).
        let mut period_basis = Decimal::ZERO;
        for t in 1..=horizon {
            let basis = if hurdle.is_zero() {
                revenue[idx(t)]
            } else {
                let basis = mul(revenue[idx(t)], margin, "the pool basis")?;
                sub(basis, hurdle, "the basis above the hurdle")?.max(Decimal::ZERO)
            };
            period_basis = add(period_basis, basis, "the revenue-share pool")?;
            if t.checked_rem(every) == Some(0) {
                if t <= last_paid {
                    let supply_t = supply[idx(t)];
                    let rate = div(pool_share, supply_t, "the payout per token")?;
                    schedule.share_rate[idx(t)] = mul(rate, income_kept, "the payout per token")?;
                    let pool_rate = div(pool, supply_t, "the payout per token")?;
                    schedule.terms.pool_rate[idx(t)] = pool_rate;
                    let per_basis = if hurdle.is_zero() { rate } else { pool_rate };
                    pre.revenue_share[idx(t)] =
                        mul(per_basis, period_basis, "the payout per token")?;
                }
                period_basis = Decimal::ZERO;
            }
        }
    }

    for milestone in &offer.payouts.milestones {
        let hit = scenario.milestones_hit.contains(&milestone.name);
        if hit && milestone.month <= horizon && milestone.month <= last_paid {
            let slot = &mut pre.milestone[idx(milestone.month)];
            *slot = add(*slot, milestone.per_token, "the milestone payments")?;
        }
    }
    schedule.terms.milestone.clone_from(&pre.milestone);

    let mut terminal_price = None;
    if let Some(buyback) = &offer.payouts.buyback {
        let floor = buyback.floor_price.unwrap_or(Decimal::ZERO);
        schedule.price_floor = mul(floor, redemption_kept, "the floor price")?;
        schedule.terms.floor = floor;
        schedule.terms.price_is_formula = buyback.price == TenderPrice::Formula;
        schedule.terms.max_sale = buyback.max_sale_per_window;
        schedule.terms.former_max_sale = buyback.former_max_sale_per_window;
        for t in 1..=horizon {
            if t > last_paid {
                continue;
            }
            let price = match buyback.price {
                TenderPrice::Formula => {
                    // Summed afresh for each month (not a running add-and-subtract), so that a
                    // year without revenue gives exactly zero and never a rounding rest of 1e-20.
                    let first = t.saturating_sub(11).max(1);
                    let mut trailing = Decimal::ZERO;
                    for s in first..=t {
                        trailing = add(trailing, revenue[idx(s)], "trailing revenue")?;
                    }
                    let rate = div(buyback.multiple(), supply[idx(t)], "the formula price")?;
                    schedule.price_rate[idx(t)] = mul(rate, redemption_kept, "the formula price")?;
                    schedule.terms.price_base[idx(t)] = rate;
                    mul(rate, trailing, "the formula price")?
                }
                TenderPrice::Scenario => {
                    let price = year_entry(&scenario.price_per_token, t);
                    schedule.terms.price_base[idx(t)] = price;
                    price
                }
            };
            pre.price[idx(t)] = price.max(floor);
        }
        let mut window = buyback.first_window_month;
        while window <= horizon && window <= last_paid {
            schedule.window[idx(window)] = true;
            window = match window.checked_add(buyback.every_months.max(1)) {
                Some(next) => next,
                None => break,
            };
        }
        if buyback.terminal && last_paid > horizon {
            schedule.terminal_kept = sub(
                Decimal::ONE,
                pct(buyback.illiquidity_discount_pct)?,
                "the illiquidity discount",
            )?;
            terminal_price = Some(pre.price[idx(horizon)]);
        }
    }

    // Tax at vest values a vesting token at what it would fetch, within the cap's room before
    // the month's own payouts (MODEL.md 8.3): the price before the cap, cut below.
    if offer.personal.taxed_at == TaxedAt::Vest {
        schedule.vest_value.clone_from(&pre.price);
    }
    if let Some(cap) = offer.payouts.cap_per_token {
        let sold_in =
            |t: usize| schedule.window[t] || (t == idx(horizon) && terminal_price.is_some());
        let sale_months: Vec<bool> = (0..months).map(sold_in).collect();
        let room_before = apply_cap(&mut pre, &mut schedule.capped, &sale_months, cap)?;
        terminal_price = terminal_price.map(|_| pre.price.last().copied().unwrap_or_default());
        for (value, room) in schedule.vest_value.iter_mut().zip(room_before) {
            *value = (*value).min(room).max(Decimal::ZERO);
        }
    }
    if let Some(buyback) = &offer.payouts.buyback {
        let current = buyback.max_sale_per_window;
        let former = buyback.former_max_sale_per_window.or(current);
        for t in 1..=horizon {
            let price = pre.price[idx(t)];
            schedule.sale_limit[idx(t)] = tokens_within(current, price);
            schedule.former_sale_limit[idx(t)] = tokens_within(former, price);
        }
    }

    for t in 1..=horizon {
        let i = idx(t);
        let amounts = &mut schedule.amounts;
        amounts.revenue_share[i] = mul(pre.revenue_share[i], income_kept, "the payout per token")?;
        amounts.milestone[i] = mul(pre.milestone[i], income_kept, "a milestone payment")?;
        amounts.price[i] = mul(pre.price[i], redemption_kept, "the tender price")?;
        let tax = mul(schedule.vest_value[i], pct(offer.personal.income_tax_pct)?, "tax at vest")?;
        amounts.tax_at_vest[i] = sub(Decimal::ZERO, tax, "the tax at vest")?;
    }
    if let Some(price) = terminal_price {
        let kept = mul(schedule.terminal_kept, redemption_kept, "the terminal value")?;
        schedule.amounts.terminal = Some(mul(price, kept, "the terminal value")?);
        schedule.terminal_price = Some(mul(price, schedule.terminal_kept, "the terminal value")?);
    }
    schedule.sale_price = pre.price;
    schedule.revenue = revenue;
    Ok(schedule)
}

/// The last month anything is paid: the cancellation, or the expiry (MODEL.md 7.5); `u32::MAX`
/// when neither comes.
fn last_paid_month(offer: &Offer, scenario: &Scenario) -> u32 {
    scenario.cancelled_month.unwrap_or(u32::MAX).min(offer.grant.expires_month.unwrap_or(u32::MAX))
}

/// This year's entry of a yearly list (the last repeats), for month t.
fn year_entry(yearly: &[Decimal], t: u32) -> Decimal {
    let year = usize::try_from(t.saturating_sub(1) / 12).unwrap_or(usize::MAX);
    yearly.get(year).or(yearly.last()).copied().unwrap_or(Decimal::ZERO)
}

/// Cuts the pre-tax amounts of a token held from month 1 so that all it brings in never passes
/// `cap` (MODEL.md 7.3): each month's revenue share, then each milestone, against what came
/// before; a sale fetches at most what is left under the cap (the terminal value is the
/// horizon's price). Marks the months where the cap cut a payment, or the price of a sale in
/// `sale_months` (windows, and the horizon with a terminal value). Returns the room under the cap
/// at the start of each month, `cap − I_{t−1}`, which a token vesting then is valued within.
fn apply_cap(
    pre: &mut PreTax,
    capped: &mut [bool],
    sale_months: &[bool],
    cap: Decimal,
) -> Result<Vec<Decimal>, EngineError> {
    let mut received = Decimal::ZERO;
    let mut room_before = vec![cap; pre.price.len()];
    #[allow(clippy::needless_range_loop)] // four columns walked in step
    for t in 1..pre.price.len() {
        room_before[t] = sub(cap, received, "the cap")?.max(Decimal::ZERO);
        for slot in [&mut pre.revenue_share[t], &mut pre.milestone[t]] {
            let room = sub(cap, received, "the cap")?.max(Decimal::ZERO);
            if *slot > room {
                *slot = room;
                capped[t] = true;
            }
            received = add(received, *slot, "the amount under the cap")?;
        }
        let room = sub(cap, received, "the cap")?.max(Decimal::ZERO);
        if pre.price[t] > room {
            pre.price[t] = room;
            capped[t] |= sale_months.get(t).copied().unwrap_or(false);
        }
    }
    Ok(room_before)
}

/// The most whole tokens `limit` (money, before tax) buys at `price`: no limit without one, or
/// where a token fetches nothing (MODEL.md 7.2).
pub fn tokens_within(limit: Option<Decimal>, price: Decimal) -> Option<u64> {
    let limit = limit?;
    if price <= Decimal::ZERO {
        return None;
    }
    let Some(whole) = limit.checked_div(price).map(|n| n.floor()) else { return Some(u64::MAX) };
    // The quotient is rounded to 28 digits: step back where that rounded it up to a whole number.
    let whole = match whole.checked_mul(price) {
        Some(cost) if cost > limit => whole.checked_sub(Decimal::ONE).unwrap_or(Decimal::ZERO),
        _ => whole,
    };
    Some(whole.to_u64().unwrap_or(u64::MAX))
}

/// `R_t` for t = 0..=H (index 0 unused): a twelfth of the year's revenue, zero after cancellation.
fn monthly_revenue(
    scenario: &Scenario,
    horizon: u32,
    last_paid: u32,
    scale: Decimal,
) -> Result<Vec<Decimal>, EngineError> {
    let mut revenue = vec![Decimal::ZERO; idx(horizon).saturating_add(1)];
    let Some(last_year) = scenario.annual_revenue.len().checked_sub(1) else { return Ok(revenue) };
    let twelfths = scenario
        .annual_revenue
        .iter()
        .map(|annual| {
            div(mul(*annual, scale, "the revenue")?, Decimal::from(12), "the monthly revenue")
        })
        .collect::<Result<Vec<_>, _>>()?;
    for t in 1..=horizon.min(last_paid) {
        let year = usize::try_from(t.saturating_sub(1) / 12).unwrap_or(usize::MAX).min(last_year);
        revenue[idx(t)] = twelfths[year];
    }
    Ok(revenue)
}

/// `S_t` for t = 0..=H: the supply, diluted at the start of each year after the first.
fn token_supply(offer: &Offer, horizon: u32) -> Result<Vec<Decimal>, EngineError> {
    let growth = add(Decimal::ONE, pct(offer.grant.annual_dilution_pct)?, "the dilution")?;
    let mut supply = Vec::with_capacity(idx(horizon).saturating_add(1));
    let mut this_year = Decimal::from(offer.grant.supply);
    supply.push(this_year);
    for t in 1..=horizon {
        if t > 1 && t.saturating_sub(1) % 12 == 0 {
            this_year = mul(this_year, growth, "the diluted supply")?;
        }
        supply.push(this_year);
    }
    Ok(supply)
}

/// A month as an index into the per-month columns.
#[must_use]
pub fn idx(t: u32) -> usize {
    usize::try_from(t).unwrap_or(usize::MAX)
}
