//! How much `expected.net_pv` moves when one input is 20 % lower or higher (MODEL.md 3 and 6).

use rust_decimal::Decimal;

use super::cents::round_cents;
use super::checked::mul;
use super::exact::{means, Model};
use super::{EngineError, SensitivityRow};
use crate::offer::{Offer, TenderPrice};

/// The inputs varied, in the order MODEL.md lists them (ties in swing keep this order);
/// `token_price` (MODEL.md 7.2) stands where `revenue_multiple` would, which it replaces.
const INPUTS: [&str; 8] = [
    "revenue",
    "pool_pct",
    "revenue_multiple",
    "token_price",
    "discount_rate_pct",
    "annual_departure_pct",
    "annual_dilution_pct",
    "income_tax_pct",
];

/// One row per input that is present and not zero, largest swing (as printed, in cents) first.
pub fn sensitivity(offer: &Offer) -> Result<Vec<SensitivityRow>, EngineError> {
    let mut rows = Vec::new();
    for input in INPUTS {
        if !is_present(offer, input) {
            continue;
        }
        let low = net_pv_scaled(offer, input, Decimal::new(8, 1))?;
        let high = net_pv_scaled(offer, input, Decimal::new(12, 1))?;
        rows.push(SensitivityRow { input, low, high, swing: (high - low).abs() });
    }
    rows.sort_by_key(|row| std::cmp::Reverse(round_cents(row.swing)));
    Ok(rows)
}

/// Whether the offer has this input at a value other than zero.
fn is_present(offer: &Offer, input: &str) -> bool {
    match input {
        "revenue" => offer.scenarios.iter().flat_map(|s| &s.annual_revenue).any(|r| !r.is_zero()),
        "pool_pct" => offer.payouts.revenue_share.as_ref().is_some_and(|r| !r.pool_pct.is_zero()),
        "revenue_multiple" => offer
            .payouts
            .buyback
            .as_ref()
            .is_some_and(|b| b.price == TenderPrice::Formula && !b.multiple().is_zero()),
        "token_price" => offer.payouts.buyback.as_ref().is_some_and(|b| {
            b.price == TenderPrice::Scenario
                && offer.scenarios.iter().flat_map(|s| &s.price_per_token).any(|p| !p.is_zero())
        }),
        "discount_rate_pct" => !offer.personal.discount_rate_pct.is_zero(),
        "annual_departure_pct" => !offer.leaving.annual_departure_pct.is_zero(),
        "annual_dilution_pct" => !offer.grant.annual_dilution_pct.is_zero(),
        "income_tax_pct" => !offer.personal.income_tax_pct.is_zero(),
        _ => false,
    }
}

/// `expected.net_pv` with `input` multiplied by `factor` (a percentage capped at 100), all else fixed.
fn net_pv_scaled(offer: &Offer, input: &str, factor: Decimal) -> Result<f64, EngineError> {
    let scale_pct = |pct: &mut Decimal| {
        *pct = pct.checked_mul(factor).unwrap_or(Decimal::ONE_HUNDRED).min(Decimal::ONE_HUNDRED);
    };
    let mut varied = offer.clone();
    let mut revenue_scale = Decimal::ONE;
    match input {
        "revenue" => revenue_scale = factor,
        "pool_pct" => {
            if let Some(share) = varied.payouts.revenue_share.as_mut() {
                scale_pct(&mut share.pool_pct);
            }
        }
        "revenue_multiple" => {
            if let Some(buyback) = varied.payouts.buyback.as_mut() {
                buyback.revenue_multiple =
                    Some(mul(buyback.multiple(), factor, "the revenue multiple")?);
            }
        }
        "token_price" => {
            for scenario in &mut varied.scenarios {
                for price in &mut scenario.price_per_token {
                    *price = mul(*price, factor, "the token price")?;
                }
            }
        }
        "discount_rate_pct" => scale_pct(&mut varied.personal.discount_rate_pct),
        "annual_departure_pct" => scale_pct(&mut varied.leaving.annual_departure_pct),
        "annual_dilution_pct" => scale_pct(&mut varied.grant.annual_dilution_pct),
        "income_tax_pct" => scale_pct(&mut varied.personal.income_tax_pct),
        _ => {}
    }
    let model = Model::new(&varied, revenue_scale)?;
    let m = means(&model.paths());
    Ok(m.token_pv - m.sacrifice_pv)
}
