//! What would change the answer: how the deal's risk-adjusted net value (the verdict's one measure,
//! [`super::Decision::risk_adjusted_net`]) moves with every input the person or the plan sets, and
//! for each input that can turn the verdict, the value at which it turns, solved as the asks are:
//! to the input's last shown unit, so that one unit short of it the verdict is still the same.
//!
//! MODEL.md's own `sensitivity` (the expected net value, risk-neutral) stays in the report as it
//! is; this table is the one the tornado and the caveat rank by, since it is the one that can say
//! "with savings of $142,000 or more the deal is fair to you".

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::cents::round_cents;
use super::exact::Model;
use super::person::{boundary, from_units, to_units, Bisection, Person};
use super::EngineError;
use crate::offer::{Offer, TenderPrice};

/// An input of the offer, as varied here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Every scenario's revenue, by a factor.
    Revenue,
    PoolPct,
    RevenueMultiple,
    /// Every scenario's tender prices, by a factor (MODEL.md 7.2).
    TokenPrice,
    DilutionPct,
    DeparturePct,
    DiscountRatePct,
    IncomeTaxPct,
    RedemptionTaxPct,
    /// The person's savings.
    Wealth,
    RiskAversion,
    /// One scenario's probability; the others keep their proportions and fill the rest.
    Probability(usize),
}

/// One input's row: the risk-adjusted net value at 0.8× and 1.2× of it, and where the verdict turns.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskRow {
    pub input: Input,
    /// For a scenario's probability, the scenario's name.
    pub scenario: Option<String>,
    pub low: f64,
    pub high: f64,
    pub swing: f64,
    /// The value at which the verdict turns, if any in the input's range.
    pub turning_point: Option<TurningPoint>,
}

/// The value of an input at which the deal turns fair (or stops being fair), all else as it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TurningPoint {
    /// The input's value there, in its own unit (money, percent, γ, or a factor on revenue).
    pub value: Decimal,
    /// True when the turn lies above the input's value now.
    pub above: bool,
    /// What the verdict is at and beyond `value`: fair (worth at least salary only after risk).
    pub fair_beyond: bool,
}

/// Turning points are solved to 0.01 of the input's unit: a cent of savings, a hundredth of a
/// percentage point, of γ, or of a factor.
const SCALE: u32 = 2;

/// The range an input's turning point is sought in, in its own unit.
fn range_of(input: Input, now: Decimal) -> (Decimal, Decimal) {
    let hundred = Decimal::ONE_HUNDRED;
    match input {
        // Savings must stay above zero; ten billion (or today's figure, if higher) is past any
        // real turn.
        Input::Wealth => (Decimal::new(1, 2), Decimal::from(10_000_000_000_i64).max(now)),
        Input::RiskAversion => (Decimal::ZERO, Decimal::from(20)),
        Input::IncomeTaxPct | Input::RedemptionTaxPct => (Decimal::ZERO, Decimal::new(9999, 2)),
        Input::Revenue | Input::RevenueMultiple | Input::TokenPrice => {
            (Decimal::ZERO, Decimal::from(1_000_000).max(now))
        }
        _ => (Decimal::ZERO, hundred),
    }
}

/// What would change the answer: the risk-adjusted breakeven and each input's row, the inputs
/// that can turn the verdict first.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatChangesIt {
    /// The factor on every scenario's revenue at which the deal turns fair after risk (`0` when
    /// it is with no revenue; `None` when no revenue alone makes it fair).
    pub risk_breakeven_revenue_scale: Option<f64>,
    pub rows: Vec<RiskRow>,
}

impl WhatChangesIt {
    /// The rows ranked: those with a turning point first, then by swing as printed (in cents).
    #[must_use]
    pub fn new(risk_breakeven_revenue_scale: Option<f64>, mut rows: Vec<RiskRow>) -> WhatChangesIt {
        rows.sort_by_key(|row| {
            (row.turning_point.is_none(), std::cmp::Reverse(round_cents(row.swing)))
        });
        WhatChangesIt { risk_breakeven_revenue_scale, rows }
    }
}

/// Every input the offer has (not zero, not absent), with its value now: the rows of
/// [`WhatChangesIt`], each found by [`risk_row`].
#[must_use]
pub fn risk_inputs(offer: &Offer) -> Vec<(Input, Decimal)> {
    let mut inputs = Vec::new();
    let p = &offer.personal;
    let any_revenue = offer.scenarios.iter().flat_map(|s| &s.annual_revenue).any(|r| !r.is_zero());
    if any_revenue {
        inputs.push((Input::Revenue, Decimal::ONE));
    }
    if let Some(share) = offer.payouts.revenue_share.as_ref().filter(|s| !s.pool_pct.is_zero()) {
        inputs.push((Input::PoolPct, share.pool_pct));
    }
    if let Some(b) = &offer.payouts.buyback {
        if b.price == TenderPrice::Formula && !b.multiple().is_zero() {
            inputs.push((Input::RevenueMultiple, b.multiple()));
        }
        let any_price =
            offer.scenarios.iter().flat_map(|s| &s.price_per_token).any(|p| !p.is_zero());
        if b.price == TenderPrice::Scenario && any_price {
            inputs.push((Input::TokenPrice, Decimal::ONE));
        }
    }
    for (input, value) in [
        (Input::DilutionPct, offer.grant.annual_dilution_pct),
        (Input::DeparturePct, offer.leaving.annual_departure_pct),
        (Input::DiscountRatePct, p.discount_rate_pct),
        (Input::IncomeTaxPct, p.income_tax_pct),
        (Input::RedemptionTaxPct, p.redemption_tax_pct),
    ] {
        if !value.is_zero() {
            inputs.push((input, value));
        }
    }
    inputs.push((Input::Wealth, p.wealth));
    if !p.risk_aversion.is_zero() {
        inputs.push((Input::RiskAversion, p.risk_aversion));
    }
    if offer.scenarios.len() > 1 {
        for (i, s) in offer.scenarios.iter().enumerate() {
            inputs.push((Input::Probability(i), s.probability_pct));
        }
    }
    inputs
}

/// The offer with `input` set to `value` (for a factor input, every amount it scales by `value`),
/// and the factor on revenue to price it at.
fn with_input(offer: &Offer, input: Input, value: Decimal) -> (Offer, Decimal) {
    let mut varied = offer.clone();
    let mut revenue_scale = Decimal::ONE;
    let p = &mut varied.personal;
    match input {
        Input::Revenue => revenue_scale = value,
        Input::PoolPct => {
            if let Some(share) = varied.payouts.revenue_share.as_mut() {
                share.pool_pct = value;
            }
        }
        Input::RevenueMultiple => {
            if let Some(b) = varied.payouts.buyback.as_mut() {
                b.revenue_multiple = Some(value);
            }
        }
        Input::TokenPrice => {
            for price in varied.scenarios.iter_mut().flat_map(|s| &mut s.price_per_token) {
                *price = price.checked_mul(value).unwrap_or(Decimal::MAX);
            }
        }
        Input::DilutionPct => varied.grant.annual_dilution_pct = value,
        Input::DeparturePct => varied.leaving.annual_departure_pct = value,
        Input::DiscountRatePct => p.discount_rate_pct = value,
        Input::IncomeTaxPct => p.income_tax_pct = value,
        Input::RedemptionTaxPct => p.redemption_tax_pct = value,
        Input::Wealth => p.wealth = value,
        Input::RiskAversion => p.risk_aversion = value,
        Input::Probability(i) => set_probability(&mut varied, i, value),
    }
    (varied, revenue_scale)
}

/// Scenario `i`'s probability set to `pct`, the others scaled to fill the rest in their own
/// proportions (all equally when they were all zero).
fn set_probability(offer: &mut Offer, i: usize, pct: Decimal) {
    let others: Decimal = offer
        .scenarios
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != i)
        .fold(Decimal::ZERO, |sum, (_, s)| sum.saturating_add(s.probability_pct));
    let rest = Decimal::ONE_HUNDRED.saturating_sub(pct);
    let count = Decimal::from(offer.scenarios.len().saturating_sub(1).max(1));
    for (j, s) in offer.scenarios.iter_mut().enumerate() {
        s.probability_pct = if j == i {
            pct
        } else if others.is_zero() {
            rest.checked_div(count).unwrap_or(Decimal::ZERO)
        } else {
            s.probability_pct
                .checked_mul(rest)
                .and_then(|share| share.checked_div(others))
                .unwrap_or(Decimal::ZERO)
        };
    }
}

/// The deal's risk-adjusted net value with `input` at `value` (all else as it is).
pub fn risk_adjusted_at(offer: &Offer, input: Input, value: Decimal) -> Result<f64, EngineError> {
    let (varied, revenue_scale) = with_input(offer, input, value);
    let model = Model::new(&varied, revenue_scale)?;
    Ok(Person::of(&varied, &model).risk_adjusted(&model.paths()))
}

/// One input's row; `risk_adjusted_net` is the offer's value as it is.
pub fn risk_row(
    offer: &Offer,
    input: Input,
    now: Decimal,
    risk_adjusted_net: f64,
) -> Result<RiskRow, EngineError> {
    let mut search = RowSearch::new(input, now, risk_adjusted_net);
    loop {
        if let Some(row) = search.step(offer)? {
            return Ok(row);
        }
    }
}

/// One input's row, found a valuation of the offer at a time: its values at 0.8× and 1.2×, then
/// where the verdict turns (the top of the input's range first, then the bottom, and if one
/// turns it, a bisection between it and the value now, to the input's last unit: at it the
/// verdict has turned, one unit nearer now it has not). A row takes a few dozen valuations; a
/// page spreads them over short tasks, and [`risk_row`] runs them through.
#[derive(Debug, Clone)]
pub struct RowSearch {
    input: Input,
    now: Decimal,
    fair_now: bool,
    low: f64,
    high: f64,
    next: Next,
}

#[derive(Debug, Clone, Copy)]
enum Next {
    Low,
    High,
    /// Whether the top (`above`) or the bottom of the range turns the verdict.
    End {
        above: bool,
    },
    /// Between a value that turns it (`pass`) and the value now.
    Turning {
        bisection: Bisection,
        above: bool,
    },
}

impl RowSearch {
    #[must_use]
    pub fn new(input: Input, now: Decimal, risk_adjusted_net: f64) -> RowSearch {
        RowSearch {
            input,
            now,
            fair_now: risk_adjusted_net >= 0.0,
            low: 0.0,
            high: 0.0,
            next: Next::Low,
        }
    }

    /// The next valuation (at most one); the row once it is found.
    pub fn step(&mut self, offer: &Offer) -> Result<Option<RiskRow>, EngineError> {
        let (input, now) = (self.input, self.now);
        let (lowest, highest) = range_of(input, now);
        let at_factor = |factor: Decimal| -> Decimal {
            now.checked_mul(factor).unwrap_or(highest).min(highest).max(lowest)
        };
        let turned = |units: u64| -> Result<bool, EngineError> {
            Ok((risk_adjusted_at(offer, input, from_units(units, SCALE))? >= 0.0) != self.fair_now)
        };
        let now_units = to_units(now, SCALE);
        match self.next {
            Next::Low => {
                self.low = risk_adjusted_at(offer, input, at_factor(Decimal::new(8, 1)))?;
                self.next = Next::High;
            }
            Next::High => {
                self.high = risk_adjusted_at(offer, input, at_factor(Decimal::new(12, 1)))?;
                self.next = Next::End { above: true };
            }
            Next::End { above } => {
                let end = to_units(if above { highest } else { lowest }, SCALE);
                if end != now_units && turned(end)? {
                    let bisection = Bisection { pass: end, fail: now_units };
                    self.next = Next::Turning { bisection, above };
                } else if above {
                    self.next = Next::End { above: false };
                } else {
                    return Ok(Some(self.row(offer, None)));
                }
            }
            Next::Turning { mut bisection, above } => match bisection.next() {
                Some(mid) => {
                    bisection.found(mid, turned(mid)?);
                    self.next = Next::Turning { bisection, above };
                }
                None => {
                    let value = from_units(bisection.pass, SCALE).normalize();
                    let fair_beyond = !self.fair_now;
                    let point = TurningPoint { value, above, fair_beyond };
                    return Ok(Some(self.row(offer, Some(point))));
                }
            },
        }
        Ok(None)
    }

    fn row(&self, offer: &Offer, turning_point: Option<TurningPoint>) -> RiskRow {
        RiskRow {
            input: self.input,
            scenario: match self.input {
                Input::Probability(i) => offer.scenarios.get(i).map(|s| s.name.clone()),
                _ => None,
            },
            low: self.low,
            high: self.high,
            swing: (self.high - self.low).abs(),
            turning_point,
        }
    }
}

/// The risk-adjusted breakeven: the least factor on every scenario's revenue at which the deal's
/// risk-adjusted net value reaches zero (to 0.01), `Some(0)` when it does with no revenue at all,
/// `None` when no factor up to a million does (the losing paths are those where the project
/// flops, which no revenue elsewhere makes up for).
pub fn risk_breakeven_revenue_scale(
    offer: &Offer,
    risk_adjusted_net: f64,
) -> Result<Option<f64>, EngineError> {
    let fair_at = |units: u64| -> Result<bool, EngineError> {
        Ok(risk_adjusted_at(offer, Input::Revenue, from_units(units, SCALE))? >= 0.0)
    };
    if fair_at(0)? {
        return Ok(Some(0.0));
    }
    // Fair on the plan: the turn lies between no revenue and the plan.
    if risk_adjusted_net >= 0.0 {
        let at = boundary(100, 0, fair_at)?;
        return Ok(from_units(at, SCALE).to_f64());
    }
    let most = to_units(Decimal::from(1_000_000), SCALE);
    // Doubling from the plan (factor 1) brackets most offers in a few steps.
    let (mut fails, mut passes) = (0, 100);
    while !fair_at(passes)? {
        if passes >= most {
            return Ok(None);
        }
        fails = passes;
        passes = passes.saturating_mul(2).min(most);
    }
    let at = boundary(passes, fails, fair_at)?;
    Ok(from_units(at, SCALE).to_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probability_moves_the_others_in_proportion() {
        let mut offer =
            crate::parse_offer(include_str!("../../examples/acme-copilot.json")).unwrap();
        set_probability(&mut offer, 0, Decimal::from(70));
        let p: Vec<Decimal> = offer.scenarios.iter().map(|s| s.probability_pct).collect();
        // 40 / 45 / 15 → 70, and the 60 left as 45 : 15 = 22.5 : 7.5.
        assert_eq!(p, [Decimal::from(70), Decimal::new(225, 1), Decimal::new(75, 1)]);
    }
}
