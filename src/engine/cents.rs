//! Rounding to cents, half away from zero, like a spreadsheet's ROUND: the engine ranks by it (an
//! input that moves a figure by less than a cent moves nothing) and `report::format` writes every
//! amount people and reports read through it.

use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// An amount rounded once to cents; a non-finite or out-of-range `f64` gives `None`.
#[must_use]
pub fn round_cents(amount: f64) -> Option<Decimal> {
    let exact = Decimal::from_f64_retain(amount).or_else(|| Decimal::from_f64(amount))?;
    Some(exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// A decimal amount rounded to cents, half away from zero.
#[must_use]
pub fn round_decimal_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}
