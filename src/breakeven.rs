//! The breakeven in words (MODEL.md 6 "Breakeven", 7.7): how much of the planned revenue the
//! project must reach for the tokens to repay the salary given up, and what that revenue is in
//! each scenario. The page and `tokenworth value --text` say the same words.
//!
//! The factor scales every scenario's revenue at once (`Report::breakeven_revenue_scale`): at
//! 0.42× the expected token value, over scenarios and leaving, equals the expected salary given
//! up, both after tax in today's money.

use rust_decimal::prelude::ToPrimitive;

use crate::engine::{Decision, Report, ScenarioReport};
use crate::format::{times, Amounts, Precision};

/// The breakeven, sentence by sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakeven {
    /// What the factor is and what it means, or why there is none.
    pub sentence: String,
    /// Where there is a factor above 0: each scenario's revenue at it, year by year.
    pub scenarios: Vec<ScenarioNeed>,
}

/// One scenario's revenue at the breakeven factor.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioNeed {
    pub name: String,
    /// `$42,000 in year 1, $84,000 in year 2, then $126,000 a year`.
    pub revenue: String,
}

/// The breakeven of a report in words, its amounts said at `precision`.
#[must_use]
pub fn breakeven_words(report: &Report, precision: Precision) -> Breakeven {
    let m = Amounts { currency: &report.currency, precision };
    let none = |sentence: String| Breakeven { sentence, scenarios: Vec::new() };
    if report.expected.sacrifice_pv <= 0.0 {
        return none(
            "You give up no salary for these tokens, so there is nothing for them to repay: whatever they pay comes on top."
                .to_string(),
        );
    }
    match report.breakeven_revenue_scale {
        Some(s) if s <= 0.0 => none(
            "The tokens repay the salary you give up even if the project earns no revenue at all: what they pay regardless of revenue (milestones, a floor price) is enough."
                .to_string(),
        ),
        Some(s) => {
            let enough = if s < 1.0 {
                "less than you plan, so on average, before counting risk, they repay it with room to spare"
            } else if s > 1.0 {
                "more than you plan, so on average they fall short of it even before counting risk"
            } else {
                "exactly your plan"
            };
            Breakeven {
                sentence: format!(
                    "On average the tokens repay the salary you give up if the project's revenue reaches {} your plan: {enough}. In each scenario, that is:",
                    times(s)
                ),
                scenarios: report
                    .scenarios
                    .iter()
                    .map(|scenario| ScenarioNeed {
                        name: scenario.name.clone(),
                        revenue: revenue_at(scenario, s, m),
                    })
                    .collect(),
            }
        }
        None if report.revenue_linked_pv != 0.0 => none(
            "The tokens never repay the salary you give up: not even a million times your plan's revenue is enough, because the plan's terms limit what a token can pay."
                .to_string(),
        ),
        None if report.scenarios.iter().all(|s| s.annual_revenue.iter().all(|r| r.is_zero())) => {
            none(
                "Your scenarios plan no revenue, so no multiple of your plan makes the tokens repay the salary you give up, and what they pay regardless of revenue falls short of it."
                    .to_string(),
            )
        }
        None => none(
            "Nothing these tokens pay depends on the project's revenue, and what they pay falls short of the salary you give up: no revenue, however high, makes them repay it."
                .to_string(),
        ),
    }
}

/// The breakeven after risk (`Decision::risk_breakeven_revenue_scale`): the revenue at which the
/// whole deal is worth as much to the person as salary only, or why no revenue makes it so.
/// `None` until the decision's turning points are found.
#[must_use]
pub fn risk_breakeven_sentence(report: &Report, decision: &Decision) -> Option<String> {
    let found = decision.what_changes_it.as_ref()?;
    if report.expected.sacrifice_pv <= 0.0 && decision.risk_adjusted_net >= 0.0 {
        return Some("Counting the risk too, the deal costs you nothing to take.".to_string());
    }
    Some(match found.risk_breakeven_revenue_scale {
        Some(s) if s <= 0.0 => "Counting the risk, the deal is worth salary only to you even if the project earns no revenue at all.".to_string(),
        Some(s) => {
            let holds = if s <= 1.0 {
                "at or below your plan, so after risk the deal holds on your plan"
            } else {
                "above your plan, so after risk the deal falls short on your plan"
            };
            format!(
                "Counting the risk, the deal is worth as much to you as salary only if the project's revenue reaches {} your plan: {holds}.",
                times(s)
            )
        }
        None => "Counting the risk, no revenue alone makes the deal fair to you: the losing paths are the ones where the project flops or you leave early, and more revenue where it succeeds does not make up for them at your savings and risk aversion.".to_string(),
    })
}

/// A scenario's revenue by year at factor `s`: the last year's figure repeats.
fn revenue_at(scenario: &ScenarioReport, s: f64, m: Amounts) -> String {
    let years: Vec<f64> =
        scenario.annual_revenue.iter().map(|r| r.to_f64().unwrap_or(0.0) * s).collect();
    let mut words = match years.as_slice() {
        [] => "no revenue planned".to_string(),
        [rest @ .., last] if rest.iter().all(|y| y == last) => {
            if *last == 0.0 {
                "no revenue planned".to_string()
            } else {
                format!("{} a year", m.of(*last))
            }
        }
        [rest @ .., last] => {
            let listed: Vec<String> = rest
                .iter()
                .enumerate()
                .map(|(i, y)| format!("{} in year {}", m.of(*y), i + 1))
                .collect();
            format!("{}, then {} a year", listed.join(", "), m.of(*last))
        }
    };
    if let Some(month) = scenario.cancelled_month {
        words.push_str(&format!(", until it is shut down in month {month}"));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_s_revenue_at_the_factor() {
        let scenario = |revenue: &[i64], cancelled| ScenarioReport {
            name: "Steady".into(),
            probability: 1.0,
            expected_token_pv: 0.0,
            stay: crate::engine::StayLedger {
                token_pv: 0.0,
                token_nominal: rust_decimal::Decimal::ZERO,
                sacrifice_pv: 0.0,
                most_owed_before_cash: rust_decimal::Decimal::ZERO,
                years: Vec::new(),
                vested_by_month: Vec::new(),
                held_by_month: Vec::new(),
            },
            annual_revenue: revenue.iter().map(|r| rust_decimal::Decimal::from(*r)).collect(),
            cancelled_month: cancelled,
        };
        let m = Amounts { currency: "USD", precision: Precision::Spoken };
        assert_eq!(
            revenue_at(&scenario(&[0, 1_000_000, 3_000_000], None), 0.42, m),
            "$0 in year 1, $420,000 in year 2, then $1,260,000 a year"
        );
        assert_eq!(
            revenue_at(&scenario(&[2_000_000], Some(18)), 2.5, m),
            "$5,000,000 a year, until it is shut down in month 18"
        );
        assert_eq!(revenue_at(&scenario(&[0, 0], None), 3.0, m), "no revenue planned");
        let exact = Amounts { currency: "USD", precision: Precision::Exact };
        assert_eq!(revenue_at(&scenario(&[123_456], None), 1.0, exact), "$123,456.00 a year");
    }
}
