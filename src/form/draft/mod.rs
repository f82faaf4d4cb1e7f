//! The offer being edited, as its JSON document: read and written by field path
//! (`scenarios[1].annual_revenue[0]`), valid or not.
//!
//! The form edits this draft; [`crate::offer::read_offer`] turns it into an `Offer` or into errors at
//! the same paths the form's fields carry, so each message lands next to its field.

use rust_decimal::Decimal;

use crate::offer::entry::parse_entry;

use serde_json::{json, Value};

use crate::offer::paths::{get, set, text_at};

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

/// A valid offer to start from: one certain scenario, no payouts yet, the person's defaults.
#[must_use]
pub fn blank_offer(name: &str) -> Value {
    json!({
        "format": "tokenworth-offer",
        "version": 4,
        "name": name,
        "currency": "USD",
        "horizon_months": 60,
        "salary": { "base_annual": "150000", "sacrificed_annual": "0" },
        "grant": {
            "tokens": 10000, "supply": 1000000, "annual_dilution_pct": "0",
            "vesting": { "cliff_months": 12, "duration_months": 48, "every_months": 1 }
        },
        "payouts": { "revenue_share": null, "milestones": [], "buyback": null },
        "leaving": { "annual_departure_pct": "15", "vested_on_leave": "keep",
                     "salary_after_cancellation": "restored" },
        "scenarios": [ { "name": "Base", "probability_pct": "100", "annual_revenue": ["0"], "milestones_hit": [] } ],
        "personal": { "discount_rate_pct": "10", "income_tax_pct": "30", "redemption_tax_pct": "20",
                      "wealth": "100000", "risk_aversion": "2", "wealth_counts": "savings_and_pay" },
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

/// Switches an optional block (`payouts.buyback`, `compute_budget`, …) on with its starting terms,
/// or off; turning buybacks off also takes away the scenarios' tender prices, which only a
/// buyback at scenario prices may have.
pub fn switch_block(doc: &mut Value, block: &str, on: bool) {
    let value = match (on, block) {
        (false, _) => Value::Null,
        (true, "mix") => default_mix(doc),
        (true, "compute_budget") => default_compute_budget(doc),
        (true, "leaving.quit_if") => default_quit_rule(),
        (true, _) => default_payout_block(block.rsplit('.').next().unwrap_or(block)),
    };
    if block == "payouts.buyback" && !on {
        clear_tender_prices(doc);
    }
    if block == "compute_budget" && !on {
        // Version 3 files refuse a null block where the budget may only be absent or whole.
        if let Some(map) = doc.as_object_mut() {
            map.remove("compute_budget");
        }
        return;
    }
    set(doc, block, value);
}

/// A rule of leaving when the project goes badly to start from (MODEL.md 8.2): a yearly review
/// from month 24, the first that sees a year of revenue after a year's ramp, against a million a
/// year, to change.
#[must_use]
pub fn default_quit_rule() -> Value {
    json!({ "first_review_month": 24, "every_months": 12, "min_trailing_revenue": "1000000" })
}

/// A compute budget to start from (MODEL.md 7.6): half the base salary on top of it, as proposed
/// at Nvidia's GTC in March 2026, in money; the estimates of the model's example, which
/// `research/compute_budgets.md` backs: 70 % used, worth 10 % of list price to the person (what a
/// subscription costs against what it gives), nothing for work use, no cash-out, no tax. The share
/// for oneself is a term of the written policy, and no policy on it has been reported: 0 until the
/// letter says (issue 28: the model's example's 2 % was badged as the letter's).
#[must_use]
pub fn default_compute_budget(doc: &Value) -> Value {
    let half_salary = decimal_at(doc, "salary.base_annual")
        .and_then(|s| s.checked_div(Decimal::from(2000)))
        .map(|thousands| thousands.round() * Decimal::from(1000))
        .filter(|d| *d > Decimal::ZERO)
        .unwrap_or(Decimal::from(150_000));
    json!({
        "annual": half_salary.normalize().to_string(), "unit": "money",
        "annual_price_decline_pct": "0", "used_pct": "70", "personal_use_pct": "0",
        "personal_value_pct": "10", "work_value_pct": "0", "cash_out_unused_pct": "0",
        "taxable_annual": "0"
    })
}

/// The yearly price fall a budget fixed in tokens starts with: 5× a year, the low end of what
/// Gundlach et al. (MIT FutureTech, 2026) measured for frontier models.
pub const TOKEN_PRICE_DECLINE_PCT: &str = "80";

/// Sets a choice field. Some choices change other fields with them (MODEL.md 7.2 and 7.6): the
/// tender price moves the revenue multiple into scenario prices and back; a budget in money has
/// no price decline. Returns whether the form must be drawn again (fields come or go).
pub fn set_choice(doc: &mut Value, path: &str, value: &str) -> bool {
    match path {
        "payouts.buyback.price" => {
            set_tender_pricing(doc, value == "scenario");
            true
        }
        "compute_budget.unit" => {
            set(doc, path, Value::String(value.to_string()));
            let decline = if value == "tokens" { TOKEN_PRICE_DECLINE_PCT } else { "0" };
            set(doc, "compute_budget.annual_price_decline_pct", Value::String(decline.into()));
            true
        }
        // Where the person pays tax fills the two rates from its presets (issue 26); when it
        // cannot (another currency, no salary), the choice is kept and the form's note says why.
        "personal.tax_residence" => {
            if crate::tax::choose_residence(doc, value).is_err() {
                set(doc, path, Value::String(value.to_string()));
                if let Some(personal) = doc.get_mut("personal").and_then(Value::as_object_mut) {
                    personal.remove("tax_year");
                }
            }
            true
        }
        _ => {
            set(doc, path, Value::String(value.to_string()));
            false
        }
    }
}

/// Switches how tenders are priced. To scenario prices: each scenario starts from what the formula
/// paid at the end of each year of its revenue list (`multiple × that year's revenue / that year's
/// supply`, to 4 decimals), and the multiple goes, as MODEL.md 7.2 requires. Back to the formula:
/// the prices go and the multiple comes back, as the first scenario's first priced year implies
/// (else 3).
pub fn set_tender_pricing(doc: &mut Value, by_scenario: bool) {
    if get(doc, "payouts.buyback").is_none_or(Value::is_null) {
        return;
    }
    if by_scenario {
        let multiple =
            decimal_at(doc, "payouts.buyback.revenue_multiple").unwrap_or(Decimal::from(3));
        let supplies = yearly_supply(doc);
        for scenario in scenarios_mut(doc).into_iter().flatten() {
            if scenario.get("price_per_token").is_some() {
                continue;
            }
            let revenue: Vec<Decimal> = scenario
                .get("annual_revenue")
                .and_then(Value::as_array)
                .map(|years| years.iter().map(|r| decimal_at(r, "").unwrap_or_default()).collect())
                .unwrap_or_default();
            let prices: Vec<Value> = revenue
                .iter()
                .enumerate()
                .map(|(year, r)| {
                    let price = supplies(year)
                        .and_then(|supply| multiple.checked_mul(*r)?.checked_div(supply))
                        .unwrap_or_default();
                    Value::String(price.round_dp(4).normalize().to_string())
                })
                .collect();
            let prices = if prices.is_empty() { vec![Value::String("0".into())] } else { prices };
            scenario["price_per_token"] = Value::Array(prices);
        }
        if let Some(buyback) = doc.pointer_mut("/payouts/buyback").and_then(Value::as_object_mut) {
            buyback.remove("revenue_multiple");
            buyback.insert("price".into(), Value::String("scenario".into()));
        }
    } else {
        let supplies = yearly_supply(doc);
        let implied = get(doc, "scenarios[0]").and_then(|first| {
            let year = (0..).take(240).find(|&y| {
                decimal_at(first, &format!("annual_revenue[{y}]"))
                    .is_some_and(|r| r > Decimal::ZERO)
                    && decimal_at(first, &format!("price_per_token[{y}]")).is_some()
            })?;
            let revenue = decimal_at(first, &format!("annual_revenue[{year}]"))?;
            let price = decimal_at(first, &format!("price_per_token[{year}]"))?;
            price.checked_mul(supplies(year)?)?.checked_div(revenue).map(|m| m.round_dp(2))
        });
        let multiple = implied.filter(|m| *m > Decimal::ZERO).unwrap_or(Decimal::from(3));
        clear_tender_prices(doc);
        if let Some(buyback) = doc.pointer_mut("/payouts/buyback").and_then(Value::as_object_mut) {
            buyback
                .insert("revenue_multiple".into(), Value::String(multiple.normalize().to_string()));
            buyback.insert("price".into(), Value::String("formula".into()));
        }
    }
}

/// The pool in year `y` (0-based), after the yearly dilution: `supply · (1 + d)^y`.
fn yearly_supply(doc: &Value) -> impl Fn(usize) -> Option<Decimal> {
    let supply = decimal_at(doc, "grant.supply");
    let growth = decimal_at(doc, "grant.annual_dilution_pct")
        .and_then(|d| d.checked_div(Decimal::ONE_HUNDRED))
        .unwrap_or_default();
    move |year| {
        (0..year)
            .try_fold(supply?, |s, _| s.checked_mul(Decimal::ONE + growth))
            .filter(|s| !s.is_zero())
    }
}

fn clear_tender_prices(doc: &mut Value) {
    for scenario in scenarios_mut(doc).into_iter().flatten() {
        if let Some(map) = scenario.as_object_mut() {
            map.remove("price_per_token");
        }
    }
}

mod tables;
mod vesting;

pub use tables::*;
pub use vesting::*;

use tables::scenarios_mut;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::paths::remove_item;
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
            serde_json::from_str(include_str!("../../../examples/acme-copilot.json")).unwrap();
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
            serde_json::from_str(include_str!("../../../examples/acme-copilot.json")).unwrap();
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
        assert_eq!(milestone_name_index("payouts.milestones[0].name"), Some(0));
        assert_eq!(milestone_name_index("payouts.milestones[12].name"), Some(12));
        assert_eq!(milestone_name_index("payouts.milestones[0].month"), None);
        rename_milestone(&mut doc, 0, "GA launch");
        assert_eq!(text_at(&doc, "scenarios[0].milestones_hit[0]"), "GA launch");
        assert!(read_offer(&doc).is_ok());
        remove_milestone(&mut doc, 0);
        assert!(get(&doc, "scenarios[0].milestones_hit[0]").is_none());
        assert!(read_offer(&doc).is_ok());
    }
    #[test]
    fn the_vesting_curve_runs_over_the_horizon_as_typed() {
        let mut doc = blank_offer("x");
        for (typed, points) in [("36", 37), ("", 61), ("soon", 61), ("0", 2), ("9999", 241)] {
            set(&mut doc, "horizon_months", Value::String(typed.into()));
            assert_eq!(vesting_curve_over_horizon(&doc).len(), points, "horizon {typed:?}");
        }
        set(&mut doc, "horizon_months", Value::String("48".into()));
        assert_eq!(vesting_curve_over_horizon(&doc), vesting_curve(&doc, 48));
    }

    fn vesting_at(doc: &Value, months: &[u32]) -> Vec<f64> {
        let curve = vesting_curve(doc, 60);
        months.iter().map(|&m| (curve[m as usize] * 1e6).round() / 1e6).collect()
    }

    #[test]
    fn vesting_presets_are_the_schedules_of_model_7_1() {
        // (preset, share vested at months 11, 12, 13, 24, 36, 47, 48): worked by hand.
        let table: [(&str, [f64; 7]); 6] = [
            (
                "four-years-cliff",
                [0.0, 25.0, 25.0 + 75.0 / 36.0, 50.0, 75.0, 100.0 - 75.0 / 36.0, 100.0],
            ),
            ("lock-then-two-years", [0.0, 0.0, 100.0 / 24.0, 50.0, 100.0, 100.0, 100.0]),
            (
                "lock-then-three-years",
                [
                    0.0,
                    0.0,
                    100.0 / 36.0,
                    100.0 / 3.0,
                    100.0 * 24.0 / 36.0,
                    100.0 - 100.0 / 36.0,
                    100.0,
                ],
            ),
            ("front-loaded", [0.0, 40.0, 40.0, 70.0, 90.0, 90.0, 100.0]),
            ("back-loaded", [0.0, 5.0, 5.0, 20.0, 60.0, 60.0, 100.0]),
            ("yearly-quarters", [0.0, 25.0, 25.0, 50.0, 75.0, 75.0, 100.0]),
        ];
        for (id, want) in table {
            let mut doc = blank_offer("x");
            assert!(apply_vesting_preset(&mut doc, id), "{id}");
            assert!(is_schedule(&doc));
            assert_eq!(schedule_total(&doc), Decimal::ONE_HUNDRED, "{id}");
            let got = vesting_at(&doc, &[11, 12, 13, 24, 36, 47, 48]);
            let want: Vec<f64> = want.iter().map(|w| (w * 1e6).round() / 1e6).collect();
            assert_eq!(got, want, "{id}");
        }
        assert!(!apply_vesting_preset(&mut blank_offer("x"), "no-such-preset"));
        assert_eq!(VESTING_PRESETS.map(|p| vesting_preset(p.id).is_some()), [true; 6]);
    }

    #[test]
    fn a_classic_vesting_becomes_a_schedule_that_vests_the_same_and_back() {
        // (cliff, length, step): the usual one, a cliff between steps, a length that is not a
        // whole number of steps, no cliff, a cliff at the end.
        for (cliff, length, every) in
            [(12, 48, 1), (12, 48, 3), (10, 40, 6), (0, 36, 12), (7, 10, 3), (10, 10, 3)]
        {
            let mut doc = blank_offer("x");
            set(
                &mut doc,
                "grant.vesting",
                json!({ "cliff_months": cliff, "duration_months": length, "every_months": every }),
            );
            let classic = vesting_curve(&doc, 60);
            use_schedule(&mut doc);
            assert!(is_schedule(&doc));
            assert_eq!(schedule_total(&doc), Decimal::ONE_HUNDRED, "{cliff}/{length}/{every}");
            let schedule = vesting_curve(&doc, 60);
            for (t, (a, b)) in classic.iter().zip(&schedule).enumerate() {
                assert!(
                    (a - b).abs() < 1e-3,
                    "{cliff}/{length}/{every} at month {t}: {a} against {b}: {}",
                    doc["grant"]["vesting"]
                );
            }
        }
        let mut doc = blank_offer("x");
        use_schedule(&mut doc);
        assert_eq!(
            doc["grant"]["vesting"],
            json!({ "schedule": [{ "month": 12, "pct": "25" }, { "from_month": 13, "to_month": 48, "every_months": 1, "pct": "75" }] })
        );
        use_classic(&mut doc);
        assert_eq!(
            doc["grant"]["vesting"],
            json!({ "cliff_months": 12, "duration_months": 48, "every_months": 1 })
        );
        // Yearly steps become a one-year cliff with yearly steps: an even 25 % a year, so the
        // back-loaded shares are lost (the form says so beside the choice).
        apply_vesting_preset(&mut doc, "back-loaded");
        use_classic(&mut doc);
        assert_eq!(
            doc["grant"]["vesting"],
            json!({ "cliff_months": 12, "duration_months": 48, "every_months": 12 })
        );
    }

    #[test]
    fn schedule_rows_add_switch_kind_and_balance_to_exactly_100() {
        let mut doc = blank_offer("x");
        apply_vesting_preset(&mut doc, "yearly-quarters");
        add_vesting_step(&mut doc);
        assert_eq!(doc["grant"]["vesting"]["schedule"][4], json!({ "month": 60, "pct": "0" }));
        add_vesting_run(&mut doc);
        assert_eq!(
            doc["grant"]["vesting"]["schedule"][5],
            json!({ "from_month": 61, "to_month": 72, "every_months": 1, "pct": "0" })
        );
        set_vesting_entry_kind(&mut doc, 5, false);
        assert_eq!(doc["grant"]["vesting"]["schedule"][5], json!({ "month": 72, "pct": "0" }));
        set_vesting_entry_kind(&mut doc, 0, true);
        assert_eq!(
            doc["grant"]["vesting"]["schedule"][0],
            json!({ "from_month": 12, "to_month": 12, "every_months": 1, "pct": "25" })
        );
        set(&mut doc, "grant.vesting.schedule[4].pct", json!("25"));
        assert_eq!(schedule_total(&doc), Decimal::from(125));
        balance_schedule(&mut doc);
        assert_eq!(schedule_total(&doc), Decimal::ONE_HUNDRED);
        assert_eq!(text_at(&doc, "grant.vesting.schedule[0].pct"), "20");
        assert_eq!(text_at(&doc, "grant.vesting.schedule[5].pct"), "0");
        assert!(remove_item(&mut doc, "grant.vesting.schedule", 5));
        // Adding a row to a classic vesting first turns it into its schedule.
        let mut classic = blank_offer("x");
        add_vesting_step(&mut classic);
        assert_eq!(text_at(&classic, "grant.vesting.schedule[2].month"), "60");
    }

    #[test]
    fn a_half_typed_schedule_still_draws_what_reads() {
        let mut doc = blank_offer("x");
        apply_vesting_preset(&mut doc, "yearly-quarters");
        set(&mut doc, "grant.vesting.schedule[1].pct", json!("2x"));
        set(&mut doc, "grant.vesting.schedule[2].month", json!("3x"));
        assert_eq!(vesting_at(&doc, &[12, 24, 36, 48]), [25.0, 25.0, 25.0, 50.0]);
    }

    #[test]
    fn tender_prices_move_the_multiple_into_scenario_prices_and_back() {
        let mut doc: Value =
            serde_json::from_str(include_str!("../../../examples/acme-copilot.json")).unwrap();
        assert!(set_choice(&mut doc, "payouts.buyback.price", "scenario"));
        assert!(get(&doc, "payouts.buyback.revenue_multiple").is_none());
        assert_eq!(text_at(&doc, "payouts.buyback.price"), "scenario");
        // Base: 3 × revenue / supply, the supply growing 5 % a year: year 2, 3 × 2,000,000 /
        // 1,050,000 = 5.7143; year 3, 3 × 6,000,000 / 1,102,500 = 16.3265.
        assert_eq!(doc["scenarios"][1]["price_per_token"][0], json!("0"));
        assert_eq!(doc["scenarios"][1]["price_per_token"][1], json!("5.7143"));
        assert_eq!(doc["scenarios"][1]["price_per_token"][2], json!("16.3265"));
        assert_eq!(doc["scenarios"][0]["price_per_token"], json!(["0", "0.8571"]));
        add_scenario(&mut doc);
        assert_eq!(doc["scenarios"][3]["price_per_token"], json!(["0"]));
        add_year(&mut doc, "scenarios[3].price_per_token");
        assert_eq!(doc["scenarios"][3]["price_per_token"], json!(["0", "0"]));
        remove_year(&mut doc, "scenarios[3].price_per_token");
        assert_eq!(doc["scenarios"][3]["price_per_token"], json!(["0"]));
        assert!(set_choice(&mut doc, "payouts.buyback.price", "formula"));
        // Flop's year 2 implies the multiple back: 0.8571 × 1,050,000 / 300,000 = 2.99985, 3.00; Flop
        // is the first scenario, and its first year has no revenue.
        assert_eq!(text_at(&doc, "payouts.buyback.revenue_multiple"), "3");
        assert!((0..4).all(|i| get(&doc, &format!("scenarios[{i}].price_per_token")).is_none()));
        // Turning buybacks off takes the scenario prices with it.
        set_choice(&mut doc, "payouts.buyback.price", "scenario");
        switch_block(&mut doc, "payouts.buyback", false);
        assert!(get(&doc, "scenarios[0].price_per_token").is_none());
        assert!(doc["payouts"]["buyback"].is_null());
    }

    #[test]
    fn a_compute_budget_starts_at_half_the_salary_and_its_unit_sets_the_decline() {
        let mut doc = blank_offer("x");
        switch_block(&mut doc, "compute_budget", true);
        assert_eq!(text_at(&doc, "compute_budget.annual"), "75000");
        assert_eq!(text_at(&doc, "compute_budget.used_pct"), "70");
        assert!(set_choice(&mut doc, "compute_budget.unit", "tokens"));
        assert_eq!(text_at(&doc, "compute_budget.annual_price_decline_pct"), "80");
        assert!(set_choice(&mut doc, "compute_budget.unit", "money"));
        assert_eq!(text_at(&doc, "compute_budget.annual_price_decline_pct"), "0");
        assert!(!set_choice(&mut doc, "leaving.vested_on_leave", "forfeit"));
        assert_eq!(text_at(&doc, "leaving.vested_on_leave"), "forfeit");
        switch_block(&mut doc, "compute_budget", false);
        assert!(get(&doc, "compute_budget").is_none());
    }

    /// What the form's version 3 tools make is an offer the reader accepts, and a classic vesting
    /// turned into its schedule gives the same report (MODEL.md 7.1: 12 / 48 / 1 is 25 % and a
    /// monthly 75 %).
    #[test]
    fn version_3_edits_read_as_valid_offers() {
        let acme: Value =
            serde_json::from_str(include_str!("../../../examples/acme-copilot.json")).unwrap();
        let valid = |doc: &Value| {
            let mut doc = doc.clone();
            crate::offer::migrate(&mut doc);
            read_offer(&doc).unwrap_or_else(|e| panic!("{e}: {doc}"))
        };
        let classic = crate::engine::value_exact(&valid(&acme)).unwrap();
        let mut doc = acme.clone();
        use_schedule(&mut doc);
        let as_schedule = crate::engine::value_exact(&valid(&doc)).unwrap();
        assert_eq!(as_schedule.expected.token_pv, classic.expected.token_pv);
        assert_eq!(
            as_schedule.scenarios[1].stay.vested_by_month,
            classic.scenarios[1].stay.vested_by_month
        );
        for preset in VESTING_PRESETS {
            let mut doc = acme.clone();
            apply_vesting_preset(&mut doc, preset.id);
            valid(&doc);
        }
        let mut doc = acme.clone();
        set_choice(&mut doc, "payouts.buyback.price", "scenario");
        add_scenario(&mut doc);
        valid(&doc);
        set_choice(&mut doc, "payouts.buyback.price", "formula");
        valid(&doc);
        set_choice(&mut doc, "payouts.buyback.price", "scenario");
        switch_block(&mut doc, "payouts.buyback", false);
        valid(&doc);
        let mut doc = acme.clone();
        switch_block(&mut doc, "compute_budget", true);
        let report = crate::engine::value_exact(&valid(&doc)).unwrap();
        // 90,000 a year at list price (half of 180,000); worth nothing to the person until the
        // letter allows personal use (0 % of it for oneself, issue 28): 90,000 × 70 % × 0 % × 10 %.
        let budget = report.compute_budget.unwrap();
        assert_eq!(budget.first_year_list, Decimal::from(90_000));
        assert_eq!(budget.first_year_worth, Decimal::ZERO);
        // With 2 % for oneself written down: 90,000 × 70 % × 2 % × 10 % = 126.
        set(&mut doc, "compute_budget.personal_use_pct", json!("2"));
        let report = crate::engine::value_exact(&valid(&doc)).unwrap();
        assert_eq!(report.compute_budget.unwrap().first_year_worth, Decimal::from(126));
        set_choice(&mut doc, "compute_budget.unit", "tokens");
        valid(&doc);
        for path in [
            "grant.expires_month",
            "payouts.cap_per_token",
            "payouts.revenue_share.hurdle_annual",
            "payouts.buyback.max_sale_per_window",
            "payouts.buyback.former_max_sale_per_window",
        ] {
            // An optional field left empty is stored as null, which reads as absent.
            let mut doc = acme.clone();
            switch_block(&mut doc, "payouts.revenue_share", true);
            set(&mut doc, path, Value::Null);
            valid(&doc);
        }
    }
}
