//! Checked decimal arithmetic: an overflow becomes an [`EngineError`] naming the figure, never a
//! panic (a panic would take the whole WebAssembly app down).

use rust_decimal::Decimal;

use super::EngineError;

fn overflow(what: &str) -> EngineError {
    EngineError::Overflow(what.to_string())
}

pub fn add(a: Decimal, b: Decimal, what: &str) -> Result<Decimal, EngineError> {
    a.checked_add(b).ok_or_else(|| overflow(what))
}

pub fn sub(a: Decimal, b: Decimal, what: &str) -> Result<Decimal, EngineError> {
    a.checked_sub(b).ok_or_else(|| overflow(what))
}

pub fn mul(a: Decimal, b: Decimal, what: &str) -> Result<Decimal, EngineError> {
    a.checked_mul(b).ok_or_else(|| overflow(what))
}

/// Division; dividing by zero is reported like an overflow (validation keeps divisors positive).
pub fn div(a: Decimal, b: Decimal, what: &str) -> Result<Decimal, EngineError> {
    a.checked_div(b).ok_or_else(|| overflow(what))
}

/// A percentage as a fraction: `12.5` → `0.125`.
pub fn pct(percent: Decimal) -> Result<Decimal, EngineError> {
    div(percent, Decimal::ONE_HUNDRED, "a percentage")
}
