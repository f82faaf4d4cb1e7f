//! The person the deal is valued for (MODEL.md 3 and 8.4: their wealth at risk and risk aversion)
//! and the search both the asks and the turning points solve with: a choice's figures over the
//! exact paths, and the bisection to the last whole unit at which the verdict holds.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::exact::{ExpectedUtility, Model, WeightedPath};
use super::EngineError;
use crate::offer::Offer;

/// The person's wealth at risk (MODEL.md 8.4) and risk aversion.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Person {
    pub(crate) wealth: f64,
    pub(crate) gamma: f64,
}

/// One choice's figures over the exact distribution.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Outcome {
    pub(crate) risk_adjusted_net: f64,
    pub(crate) expected_net: f64,
    pub(crate) prob_worse: f64,
    pub(crate) ruin: bool,
}

impl Person {
    pub(crate) fn of(offer: &Offer, model: &Model) -> Person {
        Person { wealth: model.wealth, gamma: offer.personal.risk_aversion.to_f64().unwrap_or(0.0) }
    }

    /// The figures of a choice whose paths are `paths`; worse off means below `reference` (the
    /// token value of trading nothing, path by path), or below zero without one.
    ///
    /// The expected value is over the weights as given, like `expected.net_pv`; at γ = 0 it is
    /// also the risk-adjusted value (MODEL.md 3).
    pub(crate) fn outcome(self, paths: &[WeightedPath], reference: Option<&[f64]>) -> Outcome {
        self.outcome_less(paths, reference, 0.0)
    }

    /// [`Person::outcome`] with the sure amount `less` taken off every path's net value.
    pub(crate) fn outcome_less(
        self,
        paths: &[WeightedPath],
        reference: Option<&[f64]>,
        less: f64,
    ) -> Outcome {
        let mut utility = ExpectedUtility::new(self.wealth, self.gamma);
        let (mut token, mut sacrifice, mut worse) = (0.0, less, 0.0);
        for (i, p) in paths.iter().enumerate() {
            // A compute budget's worth stops with the job, so it counts on each path (MODEL.md 7.6).
            let net = p.value.token_pv + p.compute_pv - p.sacrifice_pv - less;
            utility.add(net, p.weight);
            token += p.weight * (p.value.token_pv + p.compute_pv);
            sacrifice += p.weight * p.sacrifice_pv;
            let floor = reference.and_then(|r| r.get(i)).copied().unwrap_or(0.0);
            if net < floor {
                worse += p.weight;
            }
        }
        let expected_net = token - sacrifice;
        Outcome {
            risk_adjusted_net: if self.gamma == 0.0 {
                expected_net
            } else {
                utility.certainty_equivalent()
            },
            expected_net,
            prob_worse: worse.min(1.0),
            ruin: utility.is_ruin(),
        }
    }

    pub(crate) fn risk_adjusted(self, paths: &[WeightedPath]) -> f64 {
        self.outcome(paths, None).risk_adjusted_net
    }
}

/// The passing value next to the failing one, by bisection between `pass` and `fail` (in either
/// order): the boundary where the offer turns fair.
pub(crate) fn boundary(
    pass: u64,
    fail: u64,
    mut passes: impl FnMut(u64) -> Result<bool, EngineError>,
) -> Result<u64, EngineError> {
    let mut bisection = Bisection { pass, fail };
    while let Some(mid) = bisection.next() {
        bisection.found(mid, passes(mid)?);
    }
    Ok(bisection.pass)
}

/// A bisection between a passing and a failing value, a test at a time ([`boundary`] runs it
/// through; the turning points' search spreads it over steps).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bisection {
    pub(crate) pass: u64,
    pub(crate) fail: u64,
}

impl Bisection {
    /// The value to test next; `None` once `pass` is next to `fail`.
    pub(crate) fn next(self) -> Option<u64> {
        (self.pass.abs_diff(self.fail) > 1)
            .then(|| self.pass.min(self.fail).saturating_add(self.pass.abs_diff(self.fail) / 2))
    }

    pub(crate) fn found(&mut self, mid: u64, passes: bool) {
        if passes {
            self.pass = mid;
        } else {
            self.fail = mid;
        }
    }
}

/// `value` in whole units of 10^−scale, rounded down (negative and huge values clamp).
pub(crate) fn to_units(value: Decimal, scale: u32) -> u64 {
    let factor = Decimal::from(10u64.saturating_pow(scale));
    let clamp = |v: Decimal| if v.is_sign_negative() { 0 } else { u64::MAX };
    value
        .checked_mul(factor)
        .map_or_else(|| clamp(value), |v| v.floor().to_u64().unwrap_or_else(|| clamp(v)))
}

/// `units` × 10^−scale.
pub(crate) fn from_units(units: u64, scale: u32) -> Decimal {
    Decimal::from_i128_with_scale(i128::from(units), scale)
}
