//! A compute budget's worth to the person (MODEL.md 7.6): month by month while they work there,
//! at what they would use and what that use is worth to them, not at its list price.
//!
//! The budget depends on the leaving month alone (never on the project's scenario), so it is two
//! curves over the months employed, added to a path's figures where the decision needs them.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::checked::{add, div, mul, pct, sub};
use super::schedule::idx;
use super::EngineError;
use crate::offer::{BudgetUnit, ComputeBudget, Offer};

/// A budget's present values over months 1..=t, after tax, in today's money.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputeCurves {
    /// `worth[t]`: Σ V_s · df_s for s = 1..=t (it may be negative: tax on a budget of no use).
    pub worth: Vec<f64>,
    /// `list[t]`: Σ L_s · df_s, the budget at list price.
    pub list: Vec<f64>,
    /// V of each month of year 1 and L of year 1, times 12: the first year's figures in words.
    pub first_year_worth: Decimal,
    pub first_year_list: Decimal,
}

impl ComputeCurves {
    /// The curves of the offer's budget, if it has one.
    pub fn of(offer: &Offer, discount: &[f64]) -> Result<Option<ComputeCurves>, EngineError> {
        let Some(budget) = &offer.compute_budget else { return Ok(None) };
        let income_tax = pct(offer.personal.income_tax_pct)?;
        let horizon = offer.horizon_months;
        let years = horizon.div_ceil(12);
        let mut worth = vec![0.0; idx(horizon).saturating_add(1)];
        let mut list = worth.clone();
        let (mut running_worth, mut running_list) = (0.0, 0.0);
        let mut first_year = (Decimal::ZERO, Decimal::ZERO);
        for year in 0..years {
            let (monthly_list, monthly_worth) = monthly(budget, income_tax, year)?;
            if year == 0 {
                let twelve = Decimal::from(12);
                first_year = (
                    mul(monthly_worth, twelve, "the compute budget")?,
                    mul(monthly_list, twelve, "the compute budget")?,
                );
            }
            let (l, v) =
                (monthly_list.to_f64().unwrap_or(0.0), monthly_worth.to_f64().unwrap_or(0.0));
            let first = year.saturating_mul(12).saturating_add(1);
            for t in first..=first.saturating_add(11).min(horizon) {
                let df = discount.get(idx(t)).copied().unwrap_or(0.0);
                running_worth += v * df;
                running_list += l * df;
                worth[idx(t)] = running_worth;
                list[idx(t)] = running_list;
            }
        }
        Ok(Some(ComputeCurves {
            worth,
            list,
            first_year_worth: first_year.0,
            first_year_list: first_year.1,
        }))
    }

    /// The worth over the months employed on a path that leaves at `leaving` (or never).
    #[must_use]
    pub fn worth_until(&self, horizon: u32, leaving: Option<u32>) -> f64 {
        at(&self.worth, horizon, leaving)
    }

    /// The list value over the months employed on a path that leaves at `leaving` (or never).
    #[must_use]
    pub fn list_until(&self, horizon: u32, leaving: Option<u32>) -> f64 {
        at(&self.list, horizon, leaving)
    }
}

fn at(curve: &[f64], horizon: u32, leaving: Option<u32>) -> f64 {
    let last = leaving.unwrap_or(horizon).min(horizon);
    curve.get(idx(last)).copied().unwrap_or(0.0)
}

/// `(L_t, V_t)` for the months of year `year` (0 first): the list value of a month's budget,
/// `(annual / 12) · (1 − d)^year`, and its worth, `L·u·(p·v + (1 − p)·w) + L·(1 − u)·c·(1 −
/// income tax) − (X / 12)·income tax`.
fn monthly(
    budget: &ComputeBudget,
    income_tax: Decimal,
    year: u32,
) -> Result<(Decimal, Decimal), EngineError> {
    let what = "the compute budget";
    let mut list = div(budget.annual, Decimal::from(12), what)?;
    if budget.unit == BudgetUnit::Tokens {
        let kept = sub(Decimal::ONE, pct(budget.annual_price_decline_pct)?, what)?;
        for _ in 0..year {
            list = mul(list, kept, what)?;
        }
    }
    let used = pct(budget.used_pct)?;
    let personal = pct(budget.personal_use_pct)?;
    let per_unit_used = add(
        mul(personal, pct(budget.personal_value_pct)?, what)?,
        mul(sub(Decimal::ONE, personal, what)?, pct(budget.work_value_pct)?, what)?,
        what,
    )?;
    let used_worth = mul(mul(list, used, what)?, per_unit_used, what)?;
    let unused = mul(list, sub(Decimal::ONE, used, what)?, what)?;
    let cash_out = mul(
        mul(unused, pct(budget.cash_out_unused_pct)?, what)?,
        sub(Decimal::ONE, income_tax, what)?,
        what,
    )?;
    let tax = mul(div(budget.taxable_annual, Decimal::from(12), what)?, income_tax, what)?;
    Ok((list, sub(add(used_worth, cash_out, what)?, tax, what)?))
}
