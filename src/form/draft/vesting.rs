//! The vesting as edited (MODEL.md 7.1): the ready-made schedules, switching between the classic
//! cliff and steps and a schedule that vests the same, the schedule's rows and their total, and the
//! share vested month by month that the small chart draws.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::decimal_at;
use crate::offer::entry::parse_entry;
use crate::offer::paths::{get, set, text_at};
use crate::offer::VestingEntry;

/// A ready-made vesting schedule (MODEL.md 7.1), applied as an ordinary, editable schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VestingPreset {
    pub id: &'static str,
    pub label: &'static str,
    /// Who is reported to use it (from `research/real_plans.md`), or what it is.
    pub note: &'static str,
}

/// The presets the form offers, in its order.
pub const VESTING_PRESETS: [VestingPreset; 6] = [
    VestingPreset { id: "four-years-cliff", label: "Four years, one-year cliff, monthly", note: "A quarter at month 12, then a 48th a month: the usual start-up grant." },
    VestingPreset { id: "lock-then-two-years", label: "One-year lock, then monthly over two years", note: "Nothing for a year, then equal monthly parts to month 36, as reported of Arbitrum's contributor grants." },
    VestingPreset { id: "lock-then-three-years", label: "One-year lock, then monthly over three years", note: "Nothing for a year, then equal monthly parts to month 48, as reported of Worldcoin's." },
    VestingPreset { id: "front-loaded", label: "Front-loaded 40/30/20/10, yearly", note: "Most of it early: 40% after year 1, then 30%, 20% and 10%." },
    VestingPreset { id: "back-loaded", label: "Back-loaded 5/15/40/40, yearly", note: "Most of it late: 5% after year 1, 15% after year 2, then 40% and 40%." },
    VestingPreset { id: "yearly-quarters", label: "25% a year for four years", note: "A quarter at the end of each year." },
];

/// The schedule of a preset.
#[must_use]
pub fn vesting_preset(id: &str) -> Option<Value> {
    let yearly = |pcts: [&str; 4]| {
        Value::Array(
            pcts.iter()
                .zip([12, 24, 36, 48])
                .map(|(p, m)| json!({ "month": m, "pct": p }))
                .collect(),
        )
    };
    Some(match id {
        "four-years-cliff" => json!([
            { "month": 12, "pct": "25" },
            { "from_month": 13, "to_month": 48, "every_months": 1, "pct": "75" }
        ]),
        "lock-then-two-years" => {
            json!([{ "from_month": 13, "to_month": 36, "every_months": 1, "pct": "100" }])
        }
        "lock-then-three-years" => {
            json!([{ "from_month": 13, "to_month": 48, "every_months": 1, "pct": "100" }])
        }
        "front-loaded" => yearly(["40", "30", "20", "10"]),
        "back-loaded" => yearly(["5", "15", "40", "40"]),
        "yearly-quarters" => yearly(["25", "25", "25", "25"]),
        _ => return None,
    })
}

/// Replaces the vesting with a preset's schedule; false (nothing changed) for an unknown preset.
pub fn apply_vesting_preset(doc: &mut Value, id: &str) -> bool {
    let Some(schedule) = vesting_preset(id) else { return false };
    set(doc, "grant.vesting", json!({ "schedule": schedule }))
}

/// Whether the vesting is a schedule of steps and runs (else the classic cliff and steps).
#[must_use]
pub fn is_schedule(doc: &Value) -> bool {
    get(doc, "grant.vesting.schedule").is_some()
}

/// Switches the classic vesting to a schedule that vests the same: a step at the cliff for what
/// it releases, a run of the steps after it, and a last step when the length is not a whole
/// number of steps. Shares are rounded to 4 decimals, the rest going to the last entry, so
/// they add up to exactly 100 % (the counts are then the classic ones wherever `100·e/D` is exact,
/// as for 12 / 48 / 1).
pub fn use_schedule(doc: &mut Value) {
    if is_schedule(doc) {
        return;
    }
    let month = |path: &str| decimal_at(doc, path).and_then(|d| u32::try_from(d).ok());
    let (Some(cliff), Some(length), Some(every)) = (
        month("grant.vesting.cliff_months"),
        month("grant.vesting.duration_months"),
        month("grant.vesting.every_months"),
    ) else {
        apply_vesting_preset(doc, "four-years-cliff");
        return;
    };
    let (length, every) = (length.max(1), every.max(1));
    let cliff = cliff.min(length);
    let at_cliff = if cliff == 0 { 0 } else { (cliff / every * every).min(length) };
    let last_step = length / every * every;
    // (month or run, months vested by it)
    let mut parts: Vec<(Value, u32)> = Vec::new();
    if at_cliff > 0 {
        parts.push((json!({ "month": cliff.max(1) }), at_cliff));
    }
    let first_after = (at_cliff / every + 1) * every;
    let first_after = first_after.max(cliff.max(1));
    if first_after <= last_step {
        let steps_months = last_step - at_cliff;
        parts.push((
            json!({ "from_month": first_after, "to_month": last_step, "every_months": every }),
            steps_months,
        ));
    }
    // The classic rule reaches the whole length only at the first step past it: 10 months in
    // steps of 3 vest the last month's part at month 12.
    if last_step < length {
        parts.push((json!({ "month": last_step + every }), length - last_step));
    }
    let pcts = shares_of_100(&parts.iter().map(|(_, m)| *m).collect::<Vec<_>>(), length);
    let schedule: Vec<Value> = parts
        .into_iter()
        .zip(pcts)
        .map(|((mut entry, _), pct)| {
            entry["pct"] = Value::String(pct.normalize().to_string());
            entry
        })
        .collect();
    let schedule =
        if schedule.is_empty() { vec![json!({ "month": 1, "pct": "100" })] } else { schedule };
    set(doc, "grant.vesting", json!({ "schedule": schedule }));
}

/// `100 · part / whole` for each part, to 4 decimals, the rounding rest on the last.
fn shares_of_100(parts: &[u32], whole: u32) -> Vec<Decimal> {
    let whole = Decimal::from(whole.max(1));
    let mut shares: Vec<Decimal> = parts
        .iter()
        .map(|&p| (Decimal::from(p) * Decimal::ONE_HUNDRED / whole).round_dp(4))
        .collect();
    let sum: Decimal = shares.iter().copied().sum();
    if let Some(last) = shares.last_mut() {
        *last += Decimal::ONE_HUNDRED - sum;
    }
    shares
}

/// Switches a schedule back to the classic cliff and steps nearest to it: the cliff at its first
/// vesting month, the length at its last, the step of its first run (else yearly steps when its steps fall
/// twelve months apart, else monthly).
pub fn use_classic(doc: &mut Value) {
    if !is_schedule(doc) {
        return;
    }
    let entries = schedule_entries(doc);
    let first = entries.iter().map(VestingEntry::first_month).min().unwrap_or(12);
    let last = entries.iter().map(VestingEntry::last_month).max().unwrap_or(48);
    let every = entries
        .iter()
        .find_map(|e| match *e {
            VestingEntry::Run { every_months, .. } if e.steps() > 1 => Some(every_months),
            _ => None,
        })
        .or_else(|| {
            // Only steps remain here, one month each.
            let mut steps: Vec<u32> = entries.iter().map(VestingEntry::first_month).collect();
            steps.sort_unstable();
            (steps.len() > 1 && steps.windows(2).all(|w| w[1] - w[0] == 12)).then_some(12)
        })
        .unwrap_or(1);
    let cliff = first;
    set(
        doc,
        "grant.vesting",
        json!({ "cliff_months": cliff.min(last), "duration_months": last.max(1), "every_months": every }),
    );
}

/// The schedule's entries that read (a half-typed one is left out).
fn schedule_entries(doc: &Value) -> Vec<VestingEntry> {
    let Some(items) = get(doc, "grant.vesting.schedule").and_then(Value::as_array) else {
        return Vec::new();
    };
    let month = |item: &Value, key: &str| {
        decimal_at(item, key).filter(|d| d.fract().is_zero()).and_then(|d| u32::try_from(d).ok())
    };
    items
        .iter()
        .filter_map(|item| {
            let pct = decimal_at(item, "pct")?;
            if item.get("month").is_some() {
                return Some(VestingEntry::Step { month: month(item, "month")?, pct });
            }
            let (from_month, to_month, every_months) = (
                month(item, "from_month")?,
                month(item, "to_month")?,
                month(item, "every_months")?,
            );
            // The entry's steps are worked out, not listed, so a far month costs nothing.
            (every_months > 0 && from_month <= to_month).then_some(VestingEntry::Run {
                from_month,
                to_month,
                every_months,
                pct,
            })
        })
        .collect()
}

/// Adds a step a year after the schedule's last month, at 0 % (so the total does not jump; the
/// reader asks for a share above 0 until one is typed).
pub fn add_vesting_step(doc: &mut Value) {
    use_schedule(doc);
    let last = schedule_entries(doc).iter().map(VestingEntry::last_month).max();
    push_schedule_entry(
        doc,
        json!({ "month": last.map_or(12, |m| m.saturating_add(12)), "pct": "0" }),
    );
}

/// Adds a monthly run over the year after the schedule's last month, at 0 %.
pub fn add_vesting_run(doc: &mut Value) {
    use_schedule(doc);
    let last = schedule_entries(doc).iter().map(VestingEntry::last_month).max().unwrap_or(0);
    push_schedule_entry(
        doc,
        json!({ "from_month": last.saturating_add(1), "to_month": last.saturating_add(12), "every_months": 1, "pct": "0" }),
    );
}

fn push_schedule_entry(doc: &mut Value, entry: Value) {
    use_schedule(doc);
    let len = crate::offer::paths::list_len(doc, "grant.vesting.schedule");
    set(doc, &format!("grant.vesting.schedule[{len}]"), entry);
}

/// Turns schedule entry `index` into a step (at the run's last month) or a run (monthly, from and
/// to the step's month), keeping its share.
pub fn set_vesting_entry_kind(doc: &mut Value, index: usize, run: bool) {
    let path = format!("grant.vesting.schedule[{index}]");
    let Some(entry) = get(doc, &path).cloned() else { return };
    let is_run = entry.get("month").is_none();
    if is_run == run {
        return;
    }
    let pct = entry.get("pct").cloned().unwrap_or(Value::String("0".into()));
    let new = if run {
        let month = entry.get("month").cloned().unwrap_or(Value::from(12));
        json!({ "from_month": month, "to_month": month, "every_months": 1, "pct": pct })
    } else {
        let month = entry.get("to_month").cloned().unwrap_or(Value::from(12));
        json!({ "month": month, "pct": pct })
    };
    set(doc, &path, new);
}

/// The schedule's shares added up, as typed so far (unreadable ones count as 0).
#[must_use]
pub fn schedule_total(doc: &Value) -> Decimal {
    get(doc, "grant.vesting.schedule")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| parse_entry(&text_at(item, "pct")).ok())
                .fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(a))
        })
        .unwrap_or(Decimal::ZERO)
}

/// Scales the schedule's shares to add up to exactly 100 % (4 decimals, the rest to the largest);
/// with every share 0, splits 100 % evenly.
pub fn balance_schedule(doc: &mut Value) {
    let Some(items) = doc.pointer_mut("/grant/vesting/schedule").and_then(Value::as_array_mut)
    else {
        return;
    };
    let shares: Vec<Decimal> = items
        .iter()
        .map(|item| {
            parse_entry(&text_at(item, "pct"))
                .ok()
                .filter(|d| *d > Decimal::ZERO)
                .unwrap_or_default()
        })
        .collect();
    for (item, share) in items.iter_mut().zip(scaled_to_100(&shares)) {
        item["pct"] = Value::String(share.normalize().to_string());
    }
}

/// Shares scaled to add up to exactly 100 (4 decimals, the rounding rest to the largest); all zero
/// splits evenly.
pub(super) fn scaled_to_100(current: &[Decimal]) -> Vec<Decimal> {
    if current.is_empty() {
        return Vec::new();
    }
    let total: Decimal =
        current.iter().copied().fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(a));
    let count = Decimal::from(current.len());
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
    balanced
}

/// [`vesting_curve`] over the offer's (or a team project's) own horizon as typed so far, 60 months
/// while it cannot be read, and at most 240 so that a typo draws no huge chart.
#[must_use]
pub fn vesting_curve_over_horizon(doc: &Value) -> Vec<f64> {
    let months = text_at(doc, "horizon_months").parse::<u32>().unwrap_or(60).clamp(1, 240);
    vesting_curve(doc, months)
}

/// The share of the grant vested at the end of each month `0..=months`, in percent, as the draft
/// reads so far (classic or schedule): what the form's small chart draws while the person types.
/// The exact counts are the engine's; this is `C(t)` of MODEL.md 7.1 (or `k(t)/D` of 2.1) in `f64`.
#[must_use]
pub fn vesting_curve(doc: &Value, months: u32) -> Vec<f64> {
    use rust_decimal::prelude::ToPrimitive;
    if is_schedule(doc) {
        let entries = schedule_entries(doc);
        return (0..=months)
            .map(|t| {
                entries
                    .iter()
                    .map(|e| {
                        e.pct().to_f64().unwrap_or(0.0) * e.steps_by(t) as f64 / e.steps() as f64
                    })
                    .sum()
            })
            .collect();
    }
    let month = |path: &str| decimal_at(doc, path).and_then(|d| u32::try_from(d).ok());
    let cliff = month("grant.vesting.cliff_months").unwrap_or(0);
    let length = month("grant.vesting.duration_months").unwrap_or(1).max(1);
    let every = month("grant.vesting.every_months").unwrap_or(1).max(1);
    (0..=months)
        .map(|t| {
            let k = if t < cliff { 0 } else { (t / every * every).min(length) };
            100.0 * f64::from(k) / f64::from(length)
        })
        .collect()
}
