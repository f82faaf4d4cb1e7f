//! What one token receives, month by month, in one scenario (MODEL.md 2.2 to 2.5 and 2.7).
//!
//! A path's flows are "so many tokens × so much per token"; this module prices the "per token" side
//! in exact [`Decimal`] money, after tax, once per scenario. [`super::ledger`] counts the tokens.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::checked::{add, div, mul, pct, sub};
use super::EngineError;
use crate::offer::{Offer, PoolBasis, Scenario, Vesting};

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
}

impl Terms {
    pub fn new(offer: &Offer) -> Result<Terms, EngineError> {
        let horizon = offer.horizon_months;
        let grant = &offer.grant;
        let vesting = &grant.vesting;
        let vested = vesting_table(grant.tokens, vesting, horizon);
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
        })
    }

    /// The same terms for a grant of `tokens` on the same vesting schedule.
    #[must_use]
    pub fn with_tokens(&self, tokens: u64, vesting: &Vesting) -> Terms {
        Terms { vested: vesting_table(tokens, vesting, self.horizon), ..self.clone() }
    }
}

/// `vested(t)` for t = 0..=H.
fn vesting_table(tokens: u64, vesting: &Vesting, horizon: u32) -> Vec<u64> {
    (0..=horizon)
        .map(|t| {
            vested_tokens(
                tokens,
                vesting.cliff_months,
                vesting.duration_months,
                vesting.every_months,
                t,
            )
        })
        .collect()
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
}

impl<T: Copy + Default> PerToken<T> {
    fn zeros(months: usize) -> PerToken<T> {
        PerToken {
            revenue_share: vec![T::default(); months],
            milestone: vec![T::default(); months],
            price: vec![T::default(); months],
            terminal: None,
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
    /// (`multiple · (1 − tax) / S_t`), zero after a cancellation.
    pub price_rate: Vec<Decimal>,
    /// The revenue-share period in months, if there is a revenue share.
    pub share_period: Option<u32>,
    /// `1 − illiquidity discount` for the terminal value.
    pub terminal_kept: Decimal,
    /// The buyback floor price after redemption tax (zero without one): no window, leaving buyback
    /// or terminal value prices a token below it while the project runs.
    pub price_floor: Decimal,
}

/// Prices every month of one scenario with its revenue multiplied by `revenue_scale`.
pub fn scenario_schedule(
    offer: &Offer,
    scenario: &Scenario,
    revenue_scale: Decimal,
) -> Result<ScenarioSchedule, EngineError> {
    let horizon = offer.horizon_months;
    let months = usize::try_from(horizon).unwrap_or(0).saturating_add(1);
    let last_paid = scenario.cancelled_month.unwrap_or(u32::MAX);
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
    };

    if let Some(share) = &offer.payouts.revenue_share {
        let pool = pct(share.pool_pct)?;
        let margin = match share.basis {
            PoolBasis::Revenue => Decimal::ONE,
            PoolBasis::GrossProfit => pct(share.gross_margin_pct)?,
        };
        let every = share.every_months.max(1);
        schedule.share_period = Some(every);
        let kept_share = mul(
            mul(pool, margin, "the revenue-share pool")?,
            income_kept,
            "the revenue-share pool",
        )?;
        let mut period_revenue = Decimal::ZERO;
        for t in 1..=horizon {
            period_revenue = add(period_revenue, revenue[idx(t)], "the revenue-share pool")?;
            if t.checked_rem(every) == Some(0) {
                if t <= last_paid {
                    let rate = div(kept_share, supply[idx(t)], "the payout per token")?;
                    schedule.share_rate[idx(t)] = rate;
                    schedule.amounts.revenue_share[idx(t)] =
                        mul(rate, period_revenue, "the payout per token")?;
                }
                period_revenue = Decimal::ZERO;
            }
        }
    }

    for milestone in &offer.payouts.milestones {
        let hit = scenario.milestones_hit.contains(&milestone.name);
        if hit && milestone.month <= horizon && milestone.month <= last_paid {
            let slot = &mut schedule.amounts.milestone[idx(milestone.month)];
            let after_tax = mul(milestone.per_token, income_kept, "a milestone payment")?;
            *slot = add(*slot, after_tax, "the milestone payments")?;
        }
    }

    if let Some(buyback) = &offer.payouts.buyback {
        let kept_multiple = mul(buyback.revenue_multiple, redemption_kept, "the formula price")?;
        let floor = match buyback.floor_price {
            Some(price) => mul(price, redemption_kept, "the floor price")?,
            None => Decimal::ZERO,
        };
        schedule.price_floor = floor;
        for t in 1..=horizon {
            // Summed afresh for each month (not a running add-and-subtract), so that a year without
            // revenue gives exactly zero and never a rounding rest of 1e-20.
            let first = t.saturating_sub(11).max(1);
            let mut trailing = Decimal::ZERO;
            for s in first..=t {
                trailing = add(trailing, revenue[idx(s)], "trailing revenue")?;
            }
            if t <= last_paid {
                let rate = div(kept_multiple, supply[idx(t)], "the formula price")?;
                schedule.price_rate[idx(t)] = rate;
                schedule.amounts.price[idx(t)] =
                    mul(rate, trailing, "the formula price")?.max(floor);
            }
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
            let kept = sub(
                Decimal::ONE,
                pct(buyback.illiquidity_discount_pct)?,
                "the illiquidity discount",
            )?;
            schedule.terminal_kept = kept;
            schedule.amounts.terminal =
                Some(mul(schedule.amounts.price[idx(horizon)], kept, "the terminal value")?);
        }
    }
    schedule.revenue = revenue;
    Ok(schedule)
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
