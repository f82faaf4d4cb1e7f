//! Base rates for the guesses people get wrong most: how often employees stay to full vesting, and
//! how new ventures turn out. General data about startups, not about any one project; each preset
//! says where its figure comes from and what it changes, and the person can always override it.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::draft::probability_of;
use crate::offer::entry::parse_entry;
use crate::offer::paths::{get, set};

/// One preset as the form shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaseRate {
    pub id: &'static str,
    pub title: &'static str,
    /// The figure in words.
    pub figure: &'static str,
    /// Where it comes from.
    pub source: &'static str,
    /// What applying it changes.
    pub effect: &'static str,
}

/// The yearly departure rate at which 40 % are still there after four years: 1 − 0.4^(1/4) = 20.47 %.
pub const DEPARTURE_PCT: &str = "20.5";
/// The share of ventures that shut down, given to the offer's worst scenario.
pub const SHUT_DOWN_PCT: &str = "49";

pub const BASE_RATES: [BaseRate; 2] = [
    BaseRate {
        id: "departure",
        title: "How often people stay to full vesting",
        figure: "About 40 % of startup employees are still there at the end of a four-year vesting schedule: about 20.5 % leaving a year.",
        source: "Carta's data on how long employees of US startups stay and vest.",
        effect: "Sets the chance you leave in a given year to 20.5 %.",
    },
    BaseRate {
        id: "outcomes",
        title: "How new ventures turn out",
        figure: "Of the startups Carta tracked from 2018, about six years on 49 % had shut down and 5 % had been acquired.",
        source: "Carta's data on the startups founded in 2018, about six years on.",
        effect: "Gives your worst scenario (or a new \"Shut down\" one) a 49 % chance and scales the others to share the other 51 %.",
    },
];

/// Applies the preset `id` to the draft; returns what changed, in words, or `None` for an unknown
/// preset or a draft without the fields it needs.
pub fn apply(id: &str, doc: &mut Value) -> Option<String> {
    match id {
        "departure" => set(doc, "leaving.annual_departure_pct", json!(DEPARTURE_PCT))
            .then(|| format!("The chance you leave in a given year is now {DEPARTURE_PCT} %.")),
        "outcomes" => apply_outcomes(doc),
        _ => None,
    }
}

fn apply_outcomes(doc: &mut Value) -> Option<String> {
    let horizon = doc
        .get("horizon_months")
        .and_then(Value::as_u64)
        .and_then(|h| u32::try_from(h).ok())
        .unwrap_or(60);
    let scenarios = doc.get_mut("scenarios")?.as_array_mut()?;
    let worst = if scenarios.len() <= 1 {
        scenarios.push(json!({ "name": "Shut down", "probability_pct": SHUT_DOWN_PCT, "annual_revenue": ["0"], "milestones_hit": [] }));
        scenarios.len() - 1
    } else {
        (0..scenarios.len()).min_by(|&a, &b| {
            revenue_until_shutdown(&scenarios[a], horizon)
                .cmp(&revenue_until_shutdown(&scenarios[b], horizon))
                .then(a.cmp(&b))
        })?
    };
    let shut = Decimal::from_str_exact(SHUT_DOWN_PCT).ok()?;
    let rest = Decimal::ONE_HUNDRED.checked_sub(shut)?;
    let weights: Vec<Decimal> = scenarios.iter().map(probability_of).collect();
    let others_total =
        sum(weights.iter().enumerate().filter(|&(i, _)| i != worst).map(|(_, w)| *w));
    let others = scenarios.len().saturating_sub(1);
    let mut shares: Vec<Decimal> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == worst {
                shut
            } else if others_total.is_zero() {
                rest.checked_div(Decimal::from(others.max(1))).unwrap_or_default().round_dp(4)
            } else {
                rest.checked_mul(*w)
                    .and_then(|x| x.checked_div(others_total))
                    .unwrap_or_default()
                    .round_dp(4)
            }
        })
        .collect();
    // The rounding rest goes to the largest of the others, so that they add up to exactly 100.
    let total = sum(shares.iter().copied());
    if let Some(largest) = (0..shares.len())
        .filter(|&i| i != worst)
        .max_by(|&a, &b| shares[a].cmp(&shares[b]).then(b.cmp(&a)))
    {
        shares[largest] = Decimal::ONE_HUNDRED
            .checked_sub(total)
            .and_then(|r| shares[largest].checked_add(r))
            .unwrap_or(shares[largest]);
    }
    for (scenario, share) in scenarios.iter_mut().zip(&shares) {
        scenario["probability_pct"] = json!(share.normalize().to_string());
    }
    let name = get(doc, &format!("scenarios[{worst}].name"))
        .and_then(Value::as_str)
        .unwrap_or("Shut down")
        .to_string();
    Some(format!("\"{name}\" now has a {SHUT_DOWN_PCT} % chance; the other scenarios share the other {rest} %."))
}

/// A sum that stops growing rather than overflow (the draft may hold anything while typed).
fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.fold(Decimal::ZERO, |total, v| total.checked_add(v).unwrap_or(total))
}

/// The revenue a scenario plans over the horizon, up to its shutdown: how bad it is.
fn revenue_until_shutdown(scenario: &Value, horizon: u32) -> Decimal {
    let yearly: Vec<Decimal> = scenario
        .get("annual_revenue")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|v| parse_entry(v.as_str().map_or(&v.to_string(), |s| s)).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    let shutdown = scenario
        .get("cancelled_month")
        .and_then(Value::as_u64)
        .map_or(horizon, |c| u32::try_from(c).unwrap_or(horizon).min(horizon));
    let Some(last) = yearly.len().checked_sub(1) else { return Decimal::ZERO };
    (1..=shutdown).fold(Decimal::ZERO, |total, month| {
        let year = usize::try_from((month - 1) / 12).unwrap_or(usize::MAX).min(last);
        yearly[year]
            .checked_div(Decimal::from(12))
            .and_then(|m| total.checked_add(m))
            .unwrap_or(total)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::draft::blank_offer;
    use crate::offer::paths::text_at;
    use crate::offer::read_offer;

    fn acme() -> Value {
        serde_json::from_str(include_str!("../../examples/acme-copilot.json")).unwrap()
    }

    #[test]
    fn the_departure_rate_matches_forty_percent_after_four_years() {
        let rate: f64 = DEPARTURE_PCT.parse::<f64>().unwrap() / 100.0;
        let staying = (1.0 - rate).powi(4);
        assert!((staying - 0.40).abs() < 0.002, "{staying}");
        let mut doc = acme();
        assert!(apply("departure", &mut doc).is_some());
        assert_eq!(text_at(&doc, "leaving.annual_departure_pct"), "20.5");
        assert!(read_offer(&doc).is_ok());
    }

    #[test]
    fn the_worst_scenario_gets_the_shutdown_rate_and_the_rest_keep_their_proportions() {
        let mut doc = acme();
        let said = apply("outcomes", &mut doc).unwrap();
        // Flop (cancelled at month 20, little revenue) is the worst; Base 45 : Hit 15 share 51.
        assert!(said.contains("\"Flop\""), "{said}");
        assert_eq!(text_at(&doc, "scenarios[0].probability_pct"), "49");
        assert_eq!(text_at(&doc, "scenarios[1].probability_pct"), "38.25");
        assert_eq!(text_at(&doc, "scenarios[2].probability_pct"), "12.75");
        assert!(read_offer(&doc).is_ok());
    }

    #[test]
    fn a_single_scenario_gets_a_shutdown_beside_it() {
        let mut doc = blank_offer("x");
        apply("outcomes", &mut doc).unwrap();
        assert_eq!(text_at(&doc, "scenarios[0].probability_pct"), "51");
        assert_eq!(text_at(&doc, "scenarios[1].name"), "Shut down");
        assert_eq!(text_at(&doc, "scenarios[1].probability_pct"), "49");
        assert!(read_offer(&doc).is_ok(), "{:?}", read_offer(&doc));
    }

    #[test]
    fn three_ways_that_do_not_divide_evenly_still_add_up_to_one_hundred() {
        let mut doc = acme();
        for (i, p) in ["10", "30", "30", "30"].iter().enumerate() {
            if i == 3 {
                let copy = doc["scenarios"][2].clone();
                doc["scenarios"].as_array_mut().unwrap().push(copy);
                doc["scenarios"][3]["name"] = json!("Hit 2");
            }
            doc["scenarios"][i]["probability_pct"] = json!(p);
        }
        apply("outcomes", &mut doc).unwrap();
        assert!(read_offer(&doc).is_ok(), "{:?}", read_offer(&doc));
        assert_eq!(apply("nonsense", &mut doc), None);
    }
}
