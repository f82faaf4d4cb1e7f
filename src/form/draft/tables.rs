//! The offer's tables as edited: a scenario list's years, the scenarios (added, copied, their
//! chances balanced) and the milestones (added, removed, renamed with every scenario's mention of
//! them, ticked per scenario).

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::vesting::scaled_to_100;
use crate::offer::entry::parse_entry;
use crate::offer::paths::{get, remove_item, set, text_at};

/// Appends a copy of a list's last item (`"0"` for an empty list): one more year of revenue or of
/// tender prices, starting where the last year left off.
pub fn add_year(doc: &mut Value, list_path: &str) {
    let items = get(doc, list_path).and_then(Value::as_array);
    let last = items.and_then(|a| a.last().cloned()).unwrap_or(Value::String("0".into()));
    let len = items.map_or(0, Vec::len);
    if len == 0 {
        set(doc, list_path, json!([]));
    }
    set(doc, &format!("{list_path}[{len}]"), last);
}

/// Removes a list's last item (the last year), if there is one.
pub fn remove_year(doc: &mut Value, list_path: &str) {
    let len = crate::offer::paths::list_len(doc, list_path);
    if len > 0 {
        remove_item(doc, list_path, len - 1);
    }
}

pub(super) fn scenarios_mut(doc: &mut Value) -> Option<&mut Vec<Value>> {
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
    if text_at(doc, "payouts.buyback.price") == "scenario" {
        let index = scenarios_mut(doc).map_or(0, |l| l.len().saturating_sub(1));
        set(doc, &format!("scenarios[{index}].price_per_token"), json!(["0"]));
    }
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
    let current: Vec<Decimal> = list.iter().map(probability_of).collect();
    for (scenario, p) in list.iter_mut().zip(scaled_to_100(&current)) {
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

/// The index of the milestone whose name is at `path` (`payouts.milestones[2].name`), if it is one:
/// typing there renames the milestone everywhere ([`rename_milestone`]).
#[must_use]
pub fn milestone_name_index(path: &str) -> Option<usize> {
    path.strip_prefix("payouts.milestones[")?.strip_suffix("].name")?.parse().ok()
}

/// Ticks or unticks milestone `k` (by its name now) in scenario `index`.
pub fn set_milestone_hit_at(doc: &mut Value, index: usize, k: usize, hit: bool) {
    let name = text_at(doc, &format!("payouts.milestones[{k}].name"));
    set_milestone_hit(doc, index, &name, hit);
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
