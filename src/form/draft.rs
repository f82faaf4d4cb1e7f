//! The offer being edited, as its JSON document: read and written by field path
//! (`scenarios[1].annual_revenue[0]`), valid or not.
//!
//! The form edits this draft; [`crate::offer::read_offer`] turns it into an `Offer` or into errors at
//! the same paths the form's fields carry, so each message lands next to its field.

use rust_decimal::Decimal;

use crate::offer::entry::parse_entry;
use serde_json::{json, Map, Value};

/// One step of a field path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a.b[2].c` → `[Key(a), Key(b), Index(2), Key(c)]`; `None` if malformed.
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while !rest.is_empty() {
            let (number, after) = rest.split_once(']')?;
            out.push(Step::Index(number.parse().ok()?));
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    Some(out)
}

/// The value at `path`, if there is one.
#[must_use]
pub fn get<'v>(doc: &'v Value, path: &str) -> Option<&'v Value> {
    steps(path)?.into_iter().try_fold(doc, |v, step| match step {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

/// The value at `path` as the text a form field shows (`"12.5"`, `"3"`, `""` when absent).
#[must_use]
pub fn text_at(doc: &Value, path: &str) -> String {
    match get(doc, path) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// Writes `value` at `path`, creating objects on the way; a list index may be at most its length
/// (which appends). Returns false, changing nothing, when the path does not fit the document.
pub fn set(doc: &mut Value, path: &str, value: Value) -> bool {
    let Some(steps) = steps(path) else { return false };
    let Some((last, parents)) = steps.split_last() else {
        *doc = value;
        return true;
    };
    let mut node = doc;
    for (step, next) in parents.iter().zip(steps.iter().skip(1)) {
        let fresh = || {
            if matches!(next, Step::Index(_)) {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            }
        };
        node = match (step, node) {
            (Step::Key(k), Value::Object(map)) => {
                let slot = map.entry((*k).to_string()).or_insert_with(fresh);
                if slot.is_null() {
                    *slot = fresh();
                }
                slot
            }
            (Step::Index(i), Value::Array(items)) if *i < items.len() => &mut items[*i],
            _ => return false,
        };
    }
    match (last, node) {
        (Step::Key(k), Value::Object(map)) => {
            map.insert((*k).to_string(), value);
            true
        }
        (Step::Index(i), Value::Array(items)) if *i < items.len() => {
            items[*i] = value;
            true
        }
        (Step::Index(i), Value::Array(items)) if *i == items.len() => {
            items.push(value);
            true
        }
        _ => false,
    }
}

/// Sets the salary given up; under a salary mix the tokens follow it: `fixed` (the grant beyond
/// what the plan trades, from the last valid offer) plus what the plan gives for the new amount.
/// Text that does not read yet leaves the tokens alone. Returns false, changing nothing, as `set`.
pub fn set_salary_traded(doc: &mut Value, value: Value, fixed: Option<u64>) -> bool {
    const PATH: &str = "salary.sacrificed_annual";
    if !set(doc, PATH, value) {
        return false;
    }
    let traded =
        mix_of(doc).zip(decimal_at(doc, PATH)).and_then(|(mix, amount)| mix.tokens_for(amount));
    if let Some(total) = fixed.zip(traded).and_then(|(fixed, traded)| fixed.checked_add(traded)) {
        set(doc, "grant.tokens", Value::from(total));
    }
    true
}

/// The document's salary mix, if it has one that reads.
#[must_use]
pub fn mix_of(doc: &Value) -> Option<crate::offer::Mix> {
    get(doc, "mix").filter(|m| m.is_object())?;
    Some(crate::offer::Mix {
        tokens_per_unit: decimal_at(doc, "mix.tokens_per_unit")?,
        max_sacrificed_annual: decimal_at(doc, "mix.max_sacrificed_annual")?,
        step_annual: decimal_at(doc, "mix.step_annual").unwrap_or(Decimal::ONE),
    })
}

fn decimal_at(doc: &Value, path: &str) -> Option<Decimal> {
    get(doc, path).filter(|v| !v.is_null())?;
    parse_entry(&text_at(doc, path)).ok().filter(|d| !d.is_sign_negative())
}

/// Removes the list item at `path` (`scenarios[2]`); false if there is none.
pub fn remove_item(doc: &mut Value, list_path: &str, index: usize) -> bool {
    match get_mut(doc, list_path) {
        Some(Value::Array(items)) if index < items.len() => {
            items.remove(index);
            true
        }
        _ => false,
    }
}

fn get_mut<'v>(doc: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    steps(path)?.into_iter().try_fold(doc, |v, step| match step {
        Step::Key(k) => v.get_mut(k),
        Step::Index(i) => v.get_mut(i),
    })
}

/// A valid offer to start from: one certain scenario, no payouts yet, the person's defaults.
#[must_use]
pub fn blank_offer(name: &str) -> Value {
    json!({
        "format": "tokenworth-offer",
        "version": 3,
        "name": name,
        "currency": "USD",
        "horizon_months": 60,
        "salary": { "base_annual": "150000", "sacrificed_annual": "0" },
        "grant": {
            "tokens": 10000, "supply": 1000000, "annual_dilution_pct": "0",
            "vesting": { "cliff_months": 12, "duration_months": 48, "every_months": 1 }
        },
        "payouts": { "revenue_share": null, "milestones": [], "buyback": null },
        "leaving": { "annual_departure_pct": "15", "vested_on_leave": "keep" },
        "scenarios": [ { "name": "Base", "probability_pct": "100", "annual_revenue": ["0"], "milestones_hit": [] } ],
        "personal": { "discount_rate_pct": "10", "income_tax_pct": "30", "redemption_tax_pct": "20",
                      "wealth": "100000", "risk_aversion": "2" },
        "simulation": { "paths": 10000, "revenue_volatility_pct": "40", "seed": 1 },
        "checklist": {}
    })
}

/// The block a payout switch turns on (`revenue_share` or `buyback`), with plain starting terms.
#[must_use]
pub fn default_payout_block(kind: &str) -> Value {
    match kind {
        "revenue_share" => {
            json!({ "pool_pct": "10", "basis": "revenue", "gross_margin_pct": "100", "every_months": 3 })
        }
        "buyback" => json!({ "revenue_multiple": "3", "first_window_month": 24, "every_months": 12,
                              "sell_pct": "25", "terminal": true, "illiquidity_discount_pct": "30" }),
        _ => Value::Null,
    }
}

/// The salary-to-token mix a switch turns on, set so that the offer's own choice is one of its
/// choices: the rate is the offer's tokens per unit of salary given up (rounded down), the cap twice
/// what is given up (at most the whole salary), any whole amount. With nothing given up yet it
/// offers a starting rate of one token per 10 units of currency.
#[must_use]
pub fn default_mix(doc: &Value) -> Value {
    let number =
        |path: &str| parse_entry(&text_at(doc, path)).ok().filter(|d| !d.is_sign_negative());
    let given_up = number("salary.sacrificed_annual").unwrap_or_default().floor();
    let whole_salary =
        number("salary.base_annual").unwrap_or_default().checked_add(given_up).unwrap_or(given_up);
    let tokens = number("grant.tokens").unwrap_or_default();
    let rate = if given_up.is_zero() {
        Decimal::new(1, 1)
    } else {
        tokens.checked_div(given_up).map_or(Decimal::ZERO, |r| {
            r.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::ToZero)
        })
    };
    let cap =
        given_up.checked_mul(Decimal::TWO).unwrap_or(given_up).min(whole_salary).max(given_up);
    json!({
        "tokens_per_unit": rate.normalize().to_string(),
        "max_sacrificed_annual": cap.normalize().to_string(),
        "step_annual": "1",
    })
}

fn scenarios_mut(doc: &mut Value) -> Option<&mut Vec<Value>> {
    doc.get_mut("scenarios").and_then(Value::as_array_mut)
}

/// A name not yet used in `names`: `base`, then `base 2`, `base 3`, …
fn unused_name(names: &[&str], base: &str) -> String {
    (1..)
        .map(|n| if n == 1 { base.to_string() } else { format!("{base} {n}") })
        .find(|candidate| !names.contains(&candidate.as_str()))
        .unwrap_or_else(|| base.to_string())
}

fn names_of(items: &[Value]) -> Vec<&str> {
    items.iter().filter_map(|s| s.get("name").and_then(Value::as_str)).collect()
}

/// Adds an empty scenario at 0 % (so the total does not jump).
pub fn add_scenario(doc: &mut Value) {
    let Some(list) = scenarios_mut(doc) else {
        set(doc, "scenarios", json!([]));
        return add_scenario(doc);
    };
    let name = unused_name(&names_of(list), "Scenario");
    list.push(json!({ "name": name, "probability_pct": "0", "annual_revenue": ["0"], "milestones_hit": [] }));
}

/// Copies scenario `index` right after it, as "Name (copy)" at 0 %.
pub fn duplicate_scenario(doc: &mut Value, index: usize) {
    let Some(list) = scenarios_mut(doc) else { return };
    let Some(original) = list.get(index).cloned() else { return };
    let base =
        format!("{} (copy)", original.get("name").and_then(Value::as_str).unwrap_or("Scenario"));
    let name = unused_name(&names_of(list), &base);
    let mut copy = original;
    copy["name"] = Value::String(name);
    copy["probability_pct"] = Value::String("0".into());
    list.insert(index + 1, copy);
}

/// A scenario's probability as typed, or zero where it is missing, unreadable or not positive.
#[must_use]
pub fn probability_of(scenario: &Value) -> Decimal {
    let text = match scenario.get("probability_pct") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    parse_entry(&text).ok().filter(|d| *d > Decimal::ZERO).unwrap_or(Decimal::ZERO)
}

/// Scales the scenario probabilities to add up to exactly 100 % (four decimals; the rounding rest
/// goes to the largest). With every probability zero or unreadable, splits 100 % evenly.
pub fn balance_probabilities(doc: &mut Value) {
    let Some(list) = scenarios_mut(doc) else { return };
    if list.is_empty() {
        return;
    }
    let current: Vec<Decimal> = list.iter().map(probability_of).collect();
    let total: Decimal =
        current.iter().copied().fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(a));
    let count = Decimal::from(list.len());
    let mut balanced: Vec<Decimal> = current
        .iter()
        .map(|p| {
            let share = if total.is_zero() {
                Decimal::ONE_HUNDRED.checked_div(count)
            } else {
                p.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(total))
            };
            share.unwrap_or(Decimal::ZERO).round_dp(4)
        })
        .collect();
    let sum: Decimal = balanced.iter().copied().fold(Decimal::ZERO, |a, b| a + b);
    if let Some(largest) =
        (0..balanced.len()).max_by(|&a, &b| balanced[a].cmp(&balanced[b]).then(b.cmp(&a)))
    {
        balanced[largest] += Decimal::ONE_HUNDRED - sum;
    }
    for (scenario, p) in list.iter_mut().zip(balanced) {
        scenario["probability_pct"] = Value::String(p.normalize().to_string());
    }
}

/// The scenario probabilities' total in percent, as typed so far (unreadable ones count as 0).
#[must_use]
pub fn probability_total(doc: &Value) -> Decimal {
    get(doc, "scenarios")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|s| {
                    crate::offer::entry::parse_entry(&text_at(s, "probability_pct")).ok()
                })
                .fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(a))
        })
        .unwrap_or(Decimal::ZERO)
}

/// Adds a milestone with a fresh name.
pub fn add_milestone(doc: &mut Value) {
    let existing: Vec<Value> =
        get(doc, "payouts.milestones").and_then(Value::as_array).cloned().unwrap_or_default();
    let name = unused_name(&names_of(&existing), "Milestone");
    let index = existing.len();
    set(
        doc,
        &format!("payouts.milestones[{index}]"),
        json!({ "name": name, "per_token": "1", "month": 12 }),
    );
}

/// Removes milestone `index` and every scenario's mention of it.
pub fn remove_milestone(doc: &mut Value, index: usize) {
    let name = text_at(doc, &format!("payouts.milestones[{index}].name"));
    if !remove_item(doc, "payouts.milestones", index) {
        return;
    }
    for scenario in scenarios_mut(doc).into_iter().flatten() {
        if let Some(hits) = scenario.get_mut("milestones_hit").and_then(Value::as_array_mut) {
            hits.retain(|h| h.as_str() != Some(name.as_str()));
        }
    }
}

/// Renames milestone `index` and every scenario's mention of it, so the link is kept.
pub fn rename_milestone(doc: &mut Value, index: usize, new_name: &str) {
    let old = text_at(doc, &format!("payouts.milestones[{index}].name"));
    set(doc, &format!("payouts.milestones[{index}].name"), Value::String(new_name.to_string()));
    for scenario in scenarios_mut(doc).into_iter().flatten() {
        if let Some(hits) = scenario.get_mut("milestones_hit").and_then(Value::as_array_mut) {
            for hit in hits.iter_mut().filter(|h| h.as_str() == Some(old.as_str())) {
                *hit = Value::String(new_name.to_string());
            }
        }
    }
}

/// Ticks or unticks milestone `name` in scenario `index`.
pub fn set_milestone_hit(doc: &mut Value, index: usize, name: &str, hit: bool) {
    let path = format!("scenarios[{index}].milestones_hit");
    let mut hits: Vec<Value> =
        get(doc, &path).and_then(Value::as_array).cloned().unwrap_or_default();
    hits.retain(|h| h.as_str() != Some(name));
    if hit {
        hits.push(Value::String(name.to_string()));
    }
    set(doc, &path, Value::Array(hits));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::read_offer;

    #[test]
    fn paths_read_and_write() {
        let mut doc = blank_offer("Mine");
        assert_eq!(text_at(&doc, "grant.vesting.cliff_months"), "12");
        assert_eq!(text_at(&doc, "scenarios[0].annual_revenue[0]"), "0");
        assert!(set(&mut doc, "scenarios[0].annual_revenue[1]", json!("2000000")));
        assert!(!set(&mut doc, "scenarios[0].annual_revenue[5]", json!("1")), "no gaps in lists");
        assert!(set(&mut doc, "payouts.revenue_share", default_payout_block("revenue_share")));
        assert!(set(&mut doc, "payouts.revenue_share.pool_pct", json!("12.5")));
        assert_eq!(text_at(&doc, "payouts.revenue_share.pool_pct"), "12.5");
        assert!(read_offer(&doc).is_ok(), "{:?}", read_offer(&doc));
    }

    #[test]
    fn with_a_mix_the_tokens_follow_the_salary_traded() {
        let mut doc: Value =
            serde_json::from_str(include_str!("../../examples/acme-copilot.json")).unwrap();
        // Without a mix, the salary given up is just set.
        assert!(set_salary_traded(&mut doc, json!("30000"), Some(0)));
        assert_eq!(text_at(&doc, "grant.tokens"), "10000");
        // 0.4 tokens a unit traded, 2,000 fixed.
        set(&mut doc, "mix", json!({ "tokens_per_unit": "0.4", "max_sacrificed_annual": "40000" }));
        assert!(set_salary_traded(&mut doc, json!("30000"), Some(2000)));
        assert_eq!(text_at(&doc, "grant.tokens"), "14000");
        // Half-typed text leaves the tokens as they are; the next readable amount sets them.
        assert!(set_salary_traded(&mut doc, json!("25,0"), Some(2000)));
        assert_eq!(text_at(&doc, "grant.tokens"), "14000");
        assert!(set_salary_traded(&mut doc, json!("0"), Some(2000)));
        assert_eq!(text_at(&doc, "grant.tokens"), "2000");
        doc["version"] = json!(2);
        assert!(read_offer(&doc).is_ok(), "{:?}", read_offer(&doc));
        assert_eq!(read_offer(&doc).unwrap().fixed_tokens(), Some(2000));
    }

    #[test]
    fn the_default_mix_allows_the_offer_s_own_choice() {
        let mut doc: Value =
            serde_json::from_str(include_str!("../../examples/acme-copilot.json")).unwrap();
        doc["version"] = json!(2);
        let mix = default_mix(&doc);
        assert_eq!(
            mix,
            json!({ "tokens_per_unit": "0.5", "max_sacrificed_annual": "40000", "step_annual": "1" })
        );
        set(&mut doc, "mix", mix);
        assert!(read_offer(&doc).is_ok(), "{:?}", read_offer(&doc));
        let mut blank = blank_offer("x");
        let mix = default_mix(&blank);
        set(&mut blank, "mix", mix);
        assert!(read_offer(&blank).is_ok(), "{:?}", read_offer(&blank));
    }

    #[test]
    fn blank_and_payout_blocks_are_valid_offers() {
        let mut doc = blank_offer("x");
        set(&mut doc, "payouts.buyback", default_payout_block("buyback"));
        set(&mut doc, "payouts.revenue_share", default_payout_block("revenue_share"));
        add_milestone(&mut doc);
        set_milestone_hit(&mut doc, 0, "Milestone", true);
        assert!(read_offer(&doc).is_ok(), "{:?}", read_offer(&doc));
    }

    #[test]
    fn scenarios_add_duplicate_and_balance_to_exactly_100() {
        let mut doc = blank_offer("x");
        add_scenario(&mut doc);
        duplicate_scenario(&mut doc, 0);
        let names: Vec<String> =
            (0..3).map(|i| text_at(&doc, &format!("scenarios[{i}].name"))).collect();
        assert_eq!(names, ["Base", "Base (copy)", "Scenario"]);
        set(&mut doc, "scenarios[0].probability_pct", json!("50"));
        set(&mut doc, "scenarios[1].probability_pct", json!("50"));
        set(&mut doc, "scenarios[2].probability_pct", json!("50"));
        assert_eq!(probability_total(&doc), Decimal::from(150));
        balance_probabilities(&mut doc);
        assert_eq!(probability_total(&doc), Decimal::ONE_HUNDRED);
        assert_eq!(text_at(&doc, "scenarios[0].probability_pct"), "33.3334");
        assert_eq!(text_at(&doc, "scenarios[1].probability_pct"), "33.3333");
        assert!(read_offer(&doc).is_ok());
        for i in 0..3 {
            set(&mut doc, &format!("scenarios[{i}].probability_pct"), json!("0"));
        }
        balance_probabilities(&mut doc);
        assert_eq!(probability_total(&doc), Decimal::ONE_HUNDRED);
    }

    #[test]
    fn renaming_and_removing_a_milestone_keeps_scenarios_consistent() {
        let mut doc = blank_offer("x");
        add_milestone(&mut doc);
        set_milestone_hit(&mut doc, 0, "Milestone", true);
        rename_milestone(&mut doc, 0, "GA launch");
        assert_eq!(text_at(&doc, "scenarios[0].milestones_hit[0]"), "GA launch");
        assert!(read_offer(&doc).is_ok());
        remove_milestone(&mut doc, 0);
        assert!(get(&doc, "scenarios[0].milestones_hit[0]").is_none());
        assert!(read_offer(&doc).is_ok());
    }
}
