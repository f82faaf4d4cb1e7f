//! The offer file of MODEL.md section 1: every validation rule with a bad offer (an edit of a valid
//! example, the error's path, a word its message must contain), exact decimals, syntax errors, and
//! the write → parse round trip.

mod common;

use common::{d, example, example_text, EXAMPLES};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use tokenworth::offer::{
    FieldError, OnLeave, PoolBasis, SalaryAfterCancellation, Vesting, WealthCounts,
};
use tokenworth::{parse_offer, write_offer, Offer, OfferError};

/// One change to a JSON document: the value at a JSON pointer set (`Some`, adding the key or the
/// next list item if new) or removed (`None`).
type Edit = (&'static str, Option<Value>);

fn set(pointer: &'static str, value: Value) -> Edit {
    (pointer, Some(value))
}

fn remove(pointer: &'static str) -> Edit {
    (pointer, None)
}

/// The acme example with `edits` applied, as JSON text.
fn edited(edits: &[Edit]) -> String {
    let mut doc: Value = serde_json::from_str(&example_text("acme-copilot")).unwrap();
    for (pointer, value) in edits {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let parent =
            doc.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent} in the example"));
        match (parent, value) {
            (Value::Object(map), Some(v)) => {
                map.insert(key.to_string(), v.clone());
            }
            (Value::Object(map), None) => {
                map.remove(key).unwrap_or_else(|| panic!("no {pointer} to remove"));
            }
            (Value::Array(items), Some(v)) => {
                let i: usize = key.parse().unwrap();
                if i == items.len() {
                    items.push(v.clone());
                } else {
                    items[i] = v.clone();
                }
            }
            (Value::Array(items), None) => {
                items.remove(key.parse().unwrap());
            }
            (other, _) => panic!("{pointer}: the parent is {other}"),
        }
    }
    serde_json::to_string_pretty(&doc).unwrap()
}

fn errors_of(text: &str) -> Vec<FieldError> {
    match parse_offer(text) {
        Err(OfferError::Invalid(errors)) => errors,
        Err(syntax) => panic!("expected validation errors, got {syntax:?}"),
        Ok(_) => panic!("expected validation errors, the offer was accepted"),
    }
}

/// Each row: the edits that make the example invalid, the path an error must name, and a word its
/// message must contain.
fn check_invalid(rows: Vec<(Vec<Edit>, &str, &str)>) {
    for (edits, path, word) in rows {
        let errors = errors_of(&edited(&edits));
        assert!(
            errors.iter().any(|e| e.path == path && e.message.contains(word)),
            "after {edits:?}: no error at {path} saying \"{word}\"; got {errors:?}"
        );
    }
}

/// Edits that keep the example valid, and what must then be true of the offer.
type ValidRow = (Vec<Edit>, fn(&Offer) -> bool);

fn check_valid(rows: Vec<ValidRow>) {
    for (edits, holds) in rows {
        match parse_offer(&edited(&edits)) {
            Ok(offer) => assert!(holds(&offer), "after {edits:?}: the offer is not as expected"),
            Err(e) => panic!("after {edits:?}: refused: {e}"),
        }
    }
}

#[test]
fn the_examples_are_valid() {
    for name in EXAMPLES {
        assert!(!example(name).scenarios.is_empty(), "{name}");
    }
}

#[test]
fn cross_field_rules() {
    check_invalid(vec![
        (vec![set("/scenarios/0/probability_pct", json!("41"))], "scenarios", "100%"),
        (vec![set("/scenarios/0/probability_pct", json!("40.00011"))], "scenarios", "100%"),
        (vec![set("/scenarios", json!([]))], "scenarios", "at least one"),
        (vec![set("/scenarios/1/name", json!("Flop"))], "scenarios[1].name", "already"),
        (vec![set("/scenarios/2/name", json!("Flop"))], "scenarios[2].name", "already"),
        (
            vec![set(
                "/payouts/milestones/1",
                json!({"name": "GA launch", "per_token": "1", "month": 30}),
            )],
            "payouts.milestones[1].name",
            "already",
        ),
        (vec![set("/scenarios/2/name", json!(" "))], "scenarios[2].name", "empty"),
        (vec![set("/payouts/milestones/0/name", json!(""))], "payouts.milestones[0].name", "empty"),
        (
            vec![set("/scenarios/1/milestones_hit/1", json!("IPO"))],
            "scenarios[1].milestones_hit[1]",
            "IPO",
        ),
        (
            vec![set("/scenarios/0/milestones_hit/0", json!("IPO"))],
            "scenarios[0].milestones_hit[0]",
            "not one of",
        ),
        (
            vec![set("/scenarios/1/milestones_hit/1", json!("GA launch"))],
            "scenarios[1].milestones_hit[1]",
            "twice",
        ),
        (vec![set("/grant/tokens", json!(1_000_001))], "grant.tokens", "supply"),
        (
            vec![set("/grant/vesting/cliff_months", json!(49))],
            "grant.vesting.cliff_months",
            "longer",
        ),
        (
            vec![
                set("/leaving/vested_on_leave", json!("buyback")),
                set("/payouts/buyback", Value::Null),
            ],
            "leaving.vested_on_leave",
            "buyback",
        ),
        (
            vec![set("/leaving/vested_on_leave", json!("buyback")), remove("/payouts/buyback")],
            "leaving.vested_on_leave",
            "buyback",
        ),
        (
            vec![
                set("/payouts/revenue_share/basis", json!("gross_profit")),
                remove("/payouts/revenue_share/gross_margin_pct"),
            ],
            "payouts.revenue_share.gross_margin_pct",
            "required",
        ),
        (
            vec![
                set("/payouts/revenue_share/basis", json!("gross_profit")),
                set("/payouts/revenue_share/gross_margin_pct", Value::Null),
            ],
            "payouts.revenue_share.gross_margin_pct",
            "required",
        ),
    ]);
}

#[test]
fn ranges_of_whole_numbers() {
    check_invalid(vec![
        (vec![set("/horizon_months", json!(0))], "horizon_months", "1 to 240"),
        (vec![set("/horizon_months", json!(241))], "horizon_months", "1 to 240"),
        (vec![set("/grant/supply", json!(0))], "grant.supply", "1 or more"),
        (vec![set("/grant/tokens", json!(-1))], "grant.tokens", "whole number"),
        (
            vec![set("/grant/vesting/every_months", json!(0))],
            "grant.vesting.every_months",
            "1 to 1200",
        ),
        (
            vec![set("/payouts/revenue_share/every_months", json!(0))],
            "payouts.revenue_share.every_months",
            "1 to 1200",
        ),
        (
            vec![set("/payouts/buyback/every_months", json!(0))],
            "payouts.buyback.every_months",
            "1 to 1200",
        ),
        (
            vec![set("/grant/vesting/duration_months", json!(0))],
            "grant.vesting.duration_months",
            "1 to 1200",
        ),
        (
            vec![set("/payouts/milestones/0/month", json!(0))],
            "payouts.milestones[0].month",
            "1 to 1200",
        ),
        (
            vec![set("/payouts/buyback/first_window_month", json!(0))],
            "payouts.buyback.first_window_month",
            "1 to 1200",
        ),
        (
            vec![set("/scenarios/0/cancelled_month", json!(0))],
            "scenarios[0].cancelled_month",
            "1 to 1200",
        ),
        (vec![set("/simulation/paths", json!(0))], "simulation.paths", "1 to 1000000"),
        (vec![set("/simulation/paths", json!(1_000_001))], "simulation.paths", "1 to 1000000"),
    ]);
}

#[test]
fn months_counts_and_the_seed_are_json_integers() {
    check_invalid(vec![
        (
            vec![set("/grant/vesting/cliff_months", json!("12"))],
            "grant.vesting.cliff_months",
            "whole number",
        ),
        (
            vec![set("/grant/vesting/cliff_months", json!(12.5))],
            "grant.vesting.cliff_months",
            "whole number",
        ),
        (
            vec![set("/payouts/milestones/0/month", json!("18"))],
            "payouts.milestones[0].month",
            "whole number",
        ),
        (vec![set("/horizon_months", json!(12.5))], "horizon_months", "whole number"),
        (vec![set("/horizon_months", json!("60"))], "horizon_months", "whole number"),
        (vec![set("/grant/tokens", json!("10000"))], "grant.tokens", "whole number"),
        (
            vec![set("/scenarios/0/cancelled_month", json!(20.5))],
            "scenarios[0].cancelled_month",
            "whole number",
        ),
        (vec![set("/simulation/seed", json!("42"))], "simulation.seed", "whole number"),
        (vec![set("/simulation/paths", json!("10000"))], "simulation.paths", "whole number"),
    ]);
}

#[test]
fn percentages_taxes_money_and_personal_figures() {
    check_invalid(vec![
        (
            vec![set("/grant/annual_dilution_pct", json!("-1"))],
            "grant.annual_dilution_pct",
            "percentage",
        ),
        (
            vec![set("/payouts/revenue_share/pool_pct", json!("100.01"))],
            "payouts.revenue_share.pool_pct",
            "percentage",
        ),
        (
            vec![set("/payouts/revenue_share/gross_margin_pct", json!("101"))],
            "payouts.revenue_share.gross_margin_pct",
            "percentage",
        ),
        (
            vec![set("/payouts/buyback/sell_pct", json!("-0.5"))],
            "payouts.buyback.sell_pct",
            "percentage",
        ),
        (
            vec![set("/payouts/buyback/illiquidity_discount_pct", json!(101))],
            "payouts.buyback.illiquidity_discount_pct",
            "percentage",
        ),
        (
            vec![set("/leaving/annual_departure_pct", json!("100.5"))],
            "leaving.annual_departure_pct",
            "percentage",
        ),
        (
            vec![set("/scenarios/0/probability_pct", json!("-5"))],
            "scenarios[0].probability_pct",
            "percentage",
        ),
        (
            vec![set("/scenarios/0/probability_pct", json!("140"))],
            "scenarios[0].probability_pct",
            "percentage",
        ),
        (
            vec![set("/personal/discount_rate_pct", json!("150"))],
            "personal.discount_rate_pct",
            "percentage",
        ),
        (
            vec![set("/simulation/revenue_volatility_pct", json!("-1"))],
            "simulation.revenue_volatility_pct",
            "percentage",
        ),
        (
            vec![set("/personal/income_tax_pct", json!("100"))],
            "personal.income_tax_pct",
            "tax rate",
        ),
        (vec![set("/personal/income_tax_pct", json!(100))], "personal.income_tax_pct", "tax rate"),
        (vec![set("/personal/income_tax_pct", json!("-1"))], "personal.income_tax_pct", "tax rate"),
        (
            vec![set("/personal/redemption_tax_pct", json!("100"))],
            "personal.redemption_tax_pct",
            "tax rate",
        ),
        (vec![set("/salary/base_annual", json!("-1"))], "salary.base_annual", "zero or more"),
        (
            vec![set("/salary/sacrificed_annual", json!("-0.01"))],
            "salary.sacrificed_annual",
            "zero or more",
        ),
        (
            vec![set("/payouts/milestones/0/per_token", json!(-2.5))],
            "payouts.milestones[0].per_token",
            "zero or more",
        ),
        (
            vec![set("/scenarios/0/annual_revenue/1", json!("-300000"))],
            "scenarios[0].annual_revenue[1]",
            "zero or more",
        ),
        (
            vec![set("/payouts/buyback/revenue_multiple", json!("-3"))],
            "payouts.buyback.revenue_multiple",
            "zero or more",
        ),
        (vec![set("/personal/wealth", json!("0"))], "personal.wealth", "more than zero"),
        (vec![set("/personal/wealth", json!("-150000"))], "personal.wealth", "more than zero"),
        (vec![set("/personal/risk_aversion", json!("21"))], "personal.risk_aversion", "20"),
        (vec![set("/personal/risk_aversion", json!("20.0001"))], "personal.risk_aversion", "20"),
        (vec![set("/personal/risk_aversion", json!("-0.1"))], "personal.risk_aversion", "20"),
        (vec![set("/salary/base_annual", json!("abc"))], "salary.base_annual", "not a number"),
        (vec![set("/salary/base_annual", json!(true))], "salary.base_annual", "must be a number"),
        (
            vec![set("/salary/base_annual", json!("1.00000000000000000000000000001"))],
            "salary.base_annual",
            "28 digits",
        ),
    ]);
}

#[test]
fn format_version_unknown_fields_and_choices() {
    check_invalid(vec![
        (vec![set("/format", json!("tokenworth-report"))], "format", "tokenworth-offer"),
        (vec![remove("/format")], "format", "tokenworth-offer"),
        (vec![set("/version", json!(5))], "version", "newer"),
        (vec![set("/version", json!(0))], "version", "known version"),
        (vec![set("/version", json!("1"))], "version", "known version"),
        (vec![remove("/version")], "version", "known version"),
        (vec![set("/simulation/sead", json!(42))], "simulation.sead", "not a field"),
        (vec![set("/horizon", json!(60))], "horizon", "not a field"),
        (vec![set("/grant/vesting/cliff", json!(12))], "grant.vesting.cliff", "not a field"),
        (
            vec![set("/scenarios/1/probability", json!("45"))],
            "scenarios[1].probability",
            "not a field",
        ),
        (
            vec![set("/payouts/milestones/0/date", json!("2026"))],
            "payouts.milestones[0].date",
            "not a field",
        ),
        (vec![set("/checklist/vibes", json!("yes"))], "checklist.vibes", "not a field"),
        (vec![set("/checklist/recourse", json!("maybe"))], "checklist.recourse", "\"yes\""),
        (
            vec![set("/payouts/revenue_share/basis", json!("profit"))],
            "payouts.revenue_share.basis",
            "gross_profit",
        ),
        (
            vec![set("/leaving/vested_on_leave", json!("sell"))],
            "leaving.vested_on_leave",
            "forfeit",
        ),
        (
            vec![set("/payouts/buyback/terminal", json!("yes"))],
            "payouts.buyback.terminal",
            "true or false",
        ),
        (vec![set("/currency", json!("usd"))], "currency", "three-letter"),
        (vec![set("/currency", json!("US$"))], "currency", "three-letter"),
        (vec![remove("/salary/base_annual")], "salary.base_annual", "required"),
        (vec![remove("/grant")], "grant", "required"),
        (vec![set("/name", Value::Null)], "name", "required"),
        (vec![set("/scenarios", json!({}))], "scenarios", "list"),
    ]);
    // A document that is not an object is refused whole.
    let errors = errors_of("[1, 2]");
    assert!(errors.iter().any(|e| e.message.contains("object")), "{errors:?}");
}

#[test]
fn version_4_reads_section_8_with_every_error_at_its_path() {
    let v4 = |edits: &[Edit]| {
        let mut all = vec![set("/version", json!(4))];
        all.extend(edits.iter().cloned());
        edited(&all)
    };
    // Left out, a version 4 file means version 4's defaults (MODEL.md 8.1 and 8.4).
    let offer = parse_offer(&v4(&[])).unwrap();
    assert_eq!(offer.leaving.salary_after_cancellation, SalaryAfterCancellation::Restored);
    assert_eq!(offer.personal.wealth_counts, WealthCounts::SavingsAndPay);
    let offer = parse_offer(&v4(&[
        set("/leaving/salary_after_cancellation", json!("continues")),
        set("/personal/wealth_counts", json!("savings")),
    ]))
    .unwrap();
    assert_eq!(offer, example("acme-copilot"), "version 1's rules, written out");
    // An older file always means the old rules, and is told the new fields are of version 4.
    let errors =
        errors_of(&edited(&[set("/leaving/salary_after_cancellation", json!("restored"))]));
    assert!(
        errors
            .iter()
            .any(|e| e.path == "leaving.salary_after_cancellation"
                && e.message.contains("version 4")),
        "{errors:?}"
    );
    for (edit, path, word) in [
        (
            set("/leaving/salary_after_cancellation", json!("stops")),
            "leaving.salary_after_cancellation",
            "\"restored\"",
        ),
        (
            set("/personal/wealth_counts", json!("all")),
            "personal.wealth_counts",
            "\"savings_and_pay\"",
        ),
        // The rest of section 8 (8.2, 8.3, 8.5), each error at its path (MODEL.md 8.6).
        (
            set(
                "/leaving/quit_if",
                json!({"first_review_month": 11, "every_months": 12, "min_trailing_revenue": "1"}),
            ),
            "leaving.quit_if.first_review_month",
            "from 12",
        ),
        (
            set(
                "/leaving/quit_if",
                json!({"first_review_month": 12, "every_months": 0, "min_trailing_revenue": "1"}),
            ),
            "leaving.quit_if.every_months",
            "from 1",
        ),
        (
            set(
                "/leaving/quit_if",
                json!({"first_review_month": 12, "every_months": 1, "min_trailing_revenue": "-1"}),
            ),
            "leaving.quit_if.min_trailing_revenue",
            "zero or more",
        ),
        (
            set("/leaving/quit_if", json!({"first_review_month": 12, "every_months": 1})),
            "leaving.quit_if.min_trailing_revenue",
            "required",
        ),
        (
            set(
                "/leaving/quit_if",
                json!({"first_review_month": 12, "every_months": 1, "min_trailing_revenue": "1", "max": 2}),
            ),
            "leaving.quit_if.max",
            "not a field",
        ),
        (set("/personal/taxed_at", json!("grant")), "personal.taxed_at", "\"vest\""),
        (
            set("/personal/long_term_redemption_tax_pct", json!("10")),
            "personal.long_term_after_months",
            "required",
        ),
        (
            set("/personal/long_term_after_months", json!(12)),
            "personal.long_term_redemption_tax_pct",
            "required",
        ),
        (
            set("/personal/long_term_redemption_tax_pct", json!("100")),
            "personal.long_term_redemption_tax_pct",
            "tax rate",
        ),
        (
            set("/personal/long_term_after_months", json!(0)),
            "personal.long_term_after_months",
            "from 1",
        ),
        (set("/personal/tax_residence", json!("gb")), "personal.tax_residence", "ISO 3166"),
        (set("/personal/tax_residence", json!("US-CALI")), "personal.tax_residence", "ISO 3166"),
        (set("/personal/tax_residence", json!("GBR")), "personal.tax_residence", "ISO 3166"),
        (set("/personal/tax_residence", json!("US-")), "personal.tax_residence", "ISO 3166"),
        (set("/personal/tax_residence", json!(44)), "personal.tax_residence", "text"),
        (set("/personal/tax_year", json!(0)), "personal.tax_year", "from 1 to 9999"),
        (set("/personal/tax_year", json!(10000)), "personal.tax_year", "from 1 to 9999"),
        (set("/personal/tax_year", json!("2026")), "personal.tax_year", "whole number"),
    ] {
        let errors = errors_of(&v4(&[edit]));
        assert!(
            errors.iter().any(|e| e.path == path && e.message.contains(word)),
            "{path}: {errors:?}"
        );
    }
    // Taxed at vest needs a price to value each vesting token at: the buyback's.
    let errors =
        errors_of(&v4(&[set("/personal/taxed_at", json!("vest")), remove("/payouts/buyback")]));
    assert!(
        errors.iter().any(|e| e.path == "personal.taxed_at" && e.message.contains("buyback")),
        "{errors:?}"
    );
    // An older file is told each of them is of version 4.
    for (edit, path) in [
        (set("/personal/taxed_at", json!("vest")), "personal.taxed_at"),
        (set("/personal/tax_year", json!(2026)), "personal.tax_year"),
        (
            set(
                "/leaving/quit_if",
                json!({"first_review_month": 12, "every_months": 12, "min_trailing_revenue": "1"}),
            ),
            "leaving.quit_if",
        ),
    ] {
        let errors = errors_of(&edited(&[edit]));
        assert!(
            errors.iter().any(|e| e.path == path && e.message.contains("version 4")),
            "{path}: {errors:?}"
        );
    }
    // Read as written (MODEL.md 8.5: recorded, and no figure changes).
    let offer = parse_offer(&v4(&[
        set("/personal/tax_residence", json!("US-CA")),
        set("/personal/tax_year", json!(2026)),
    ]))
    .unwrap();
    assert_eq!(offer.personal.tax_residence.as_deref(), Some("US-CA"));
    assert_eq!(offer.personal.tax_year, Some(2026));
    // Written and read back, the same offer.
    assert_eq!(parse_offer(&write_offer(&offer)).unwrap(), offer);
    for code in ["GB", "DE", "US-CA", "GB-SCT", "FR-75"] {
        assert!(parse_offer(&v4(&[set("/personal/tax_residence", json!(code))])).is_ok(), "{code}");
    }
    // `quit_if: null` is the same as absent (MODEL.md 8.6).
    assert!(parse_offer(&v4(&[set("/leaving/quit_if", Value::Null)])).is_ok());
}

#[test]
fn what_is_optional_or_at_the_edge_of_its_range_is_accepted() {
    check_valid(vec![
        (vec![], |o| o.name == "Acme Copilot tokens" && o.horizon_months == 60),
        (vec![set("/payouts/revenue_share", Value::Null)], |o| o.payouts.revenue_share.is_none()),
        (vec![remove("/payouts/buyback")], |o| o.payouts.buyback.is_none()),
        (
            vec![
                remove("/payouts/milestones"),
                set("/scenarios/1/milestones_hit", json!([])),
                remove("/scenarios/2/milestones_hit"),
            ],
            |o| {
                o.payouts.milestones.is_empty()
                    && o.scenarios.iter().all(|s| s.milestones_hit.is_empty())
            },
        ),
        (vec![remove("/scenarios/0/cancelled_month")], |o| {
            o.scenarios[0].cancelled_month.is_none()
        }),
        (vec![remove("/simulation")], |o| {
            o.simulation.paths == 10_000
                && o.simulation.revenue_volatility_pct.is_zero()
                && o.simulation.seed == 1
        }),
        (vec![remove("/simulation/seed")], |o| {
            o.simulation.seed == 1 && o.simulation.paths == 10_000
        }),
        (vec![remove("/checklist")], |o| o.checklist == Default::default()),
        (vec![remove("/payouts/revenue_share/gross_margin_pct")], |o| {
            o.payouts
                .revenue_share
                .as_ref()
                .is_some_and(|r| r.gross_margin_pct == Decimal::ONE_HUNDRED)
        }),
        (vec![set("/payouts/revenue_share/basis", json!("gross_profit"))], |o| {
            o.payouts.revenue_share.as_ref().is_some_and(|r| r.basis == PoolBasis::GrossProfit)
        }),
        (vec![set("/leaving/vested_on_leave", json!("buyback"))], |o| {
            o.leaving.vested_on_leave == OnLeave::Buyback
        }),
        // 40.0001 + 45 + 15 misses 100 by exactly the tolerance.
        (vec![set("/scenarios/0/probability_pct", json!("40.0001"))], |o| {
            o.scenarios[0].probability_pct == d("40.0001")
        }),
        (vec![set("/grant/tokens", json!(1_000_000))], |o| o.grant.tokens == o.grant.supply),
        (vec![set("/grant/tokens", json!(0))], |o| o.grant.tokens == 0),
        (vec![set("/grant/vesting/cliff_months", json!(48))], |o| {
            matches!(o.grant.vesting, Vesting::Linear { cliff_months: 48, .. })
        }),
        (vec![set("/horizon_months", json!(1))], |o| o.horizon_months == 1),
        (vec![set("/horizon_months", json!(240))], |o| o.horizon_months == 240),
        (vec![set("/horizon_months", json!(60.0))], |o| o.horizon_months == 60),
        (vec![set("/simulation/paths", json!(1))], |o| o.simulation.paths == 1),
        (vec![set("/simulation/paths", json!(1_000_000))], |o| o.simulation.paths == 1_000_000),
        (vec![set("/personal/income_tax_pct", json!("99.99"))], |o| {
            o.personal.income_tax_pct == d("99.99")
        }),
        (vec![set("/personal/risk_aversion", json!(20))], |o| {
            o.personal.risk_aversion == Decimal::from(20)
        }),
        (vec![set("/personal/risk_aversion", json!(0))], |o| o.personal.risk_aversion.is_zero()),
        (vec![set("/personal/wealth", json!("0.01"))], |o| o.personal.wealth == d("0.01")),
        (vec![set("/grant/annual_dilution_pct", json!(100))], |o| {
            o.grant.annual_dilution_pct == Decimal::ONE_HUNDRED
        }),
        // Events past the horizon are allowed and simply never happen.
        (vec![set("/payouts/milestones/0/month", json!(500))], |o| {
            o.payouts.milestones[0].month == 500
        }),
        (vec![set("/simulation/seed", json!(u64::MAX))], |o| o.simulation.seed == u64::MAX),
        (vec![set("/checklist/recourse", json!("no"))], |o| {
            o.checklist.recourse == tokenworth::offer::Answer::No
        }),
    ]);
}

#[test]
fn every_problem_in_a_document_is_reported_at_once() {
    let errors = errors_of(&edited(&[
        set("/horizon_months", json!(0)),
        set("/personal/wealth", json!("0")),
        set("/simulation/sead", json!(1)),
        set("/scenarios/1/name", json!("Flop")),
        set("/payouts/revenue_share/pool_pct", json!("-1")),
        set("/grant/tokens", json!(2_000_000)),
    ]));
    let mut paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        vec![
            "grant.tokens",
            "horizon_months",
            "payouts.revenue_share.pool_pct",
            "personal.wealth",
            "scenarios[1].name",
            "simulation.sead"
        ],
        "{errors:?}"
    );
}

#[test]
fn a_missing_section_does_not_hide_the_other_problems() {
    // No `personal` section, probabilities adding up to 101 %, "Flop" twice, 2,000,000 tokens of a
    // 1,000,000 supply: four problems, each at its own path. The reader stops before the cross-field
    // rules when a section could not be read, so it reports only `personal`.
    let errors = errors_of(&edited(&[
        remove("/personal"),
        set("/scenarios/0/probability_pct", json!("41")),
        set("/scenarios/1/name", json!("Flop")),
        set("/grant/tokens", json!(2_000_000)),
    ]));
    let mut paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(paths, ["grant.tokens", "personal", "scenarios", "scenarios[1].name"], "{errors:?}");
}

#[test]
fn cross_field_paths_count_entries_that_are_not_objects() {
    // scenarios[0] is not an object; scenarios[2] repeats the name of scenarios[1]. MODEL.md 6: "a
    // repeated name → the second one's `name`", i.e. scenarios[2].name. The reader drops the bad entry
    // before the cross-field rules, so it reports scenarios[1].name (the first "Base", which is fine)
    // and adds the probabilities of the two remaining scenarios only ("add up to 60%").
    let errors = errors_of(&edited(&[
        set("/scenarios/0", json!(5)),
        set("/scenarios/2/name", json!("Base")),
    ]));
    assert!(errors.iter().any(|e| e.path == "scenarios[0]"), "{errors:?}");
    assert!(errors.iter().any(|e| e.path == "scenarios[2].name"), "{errors:?}");
    assert!(!errors.iter().any(|e| e.path == "scenarios[1].name"), "{errors:?}");
    // The same with milestones: milestones[0] is not an object, milestones[2] repeats milestones[1].
    let errors = errors_of(&edited(&[
        set("/payouts/milestones/0", json!("GA launch")),
        set("/payouts/milestones/1", json!({"name": "Beta", "per_token": "1", "month": 6})),
        set("/payouts/milestones/2", json!({"name": "Beta", "per_token": "1", "month": 7})),
    ]));
    assert!(errors.iter().any(|e| e.path == "payouts.milestones[2].name"), "{errors:?}");
}

// ---------------------------------------------------------------------------------------------
// Decimals, read exactly

/// The acme example with `"base_annual": "180000"` replaced by the raw JSON text `replacement`.
fn with_base_annual(replacement: &str) -> Offer {
    let text = example_text("acme-copilot");
    assert!(text.contains("\"base_annual\": \"180000\""));
    let text =
        text.replace("\"base_annual\": \"180000\"", &format!("\"base_annual\": {replacement}"));
    parse_offer(&text).unwrap_or_else(|e| panic!("{replacement}: {e}"))
}

#[test]
fn decimals_keep_every_digit_from_strings_and_from_json_numbers() {
    for (raw, want) in [
        ("\"0.1000000000000000000001\"", "0.1000000000000000000001"),
        ("0.1000000000000000000001", "0.1000000000000000000001"),
        ("\"12.5\"", "12.5"),
        ("12.5", "12.5"),
        ("0.1", "0.1"), // not 0.1000000000000000055511… as a binary float would have it
        ("\"1.25e6\"", "1250000"),
        ("1.25e6", "1250000"),
        ("1E-2", "0.01"),
        ("\"2.50\"", "2.50"),
        ("12345678901234567890.12345678", "12345678901234567890.12345678"),
    ] {
        let got = with_base_annual(raw).salary.base_annual;
        assert_eq!(got, d(want), "{raw}");
    }
    // The 22nd significant digit survives: the value is not 0.1.
    assert_ne!(with_base_annual("0.1000000000000000000001").salary.base_annual, d("0.1"));
    // Percentages too.
    let text = example_text("acme-copilot")
        .replace("\"pool_pct\": \"10\"", "\"pool_pct\": 10.000000000000000000001");
    let offer = parse_offer(&text).unwrap();
    assert_eq!(offer.payouts.revenue_share.unwrap().pool_pct, d("10.000000000000000000001"));
}

// ---------------------------------------------------------------------------------------------
// Syntax errors

#[test]
fn malformed_json_gives_the_line_and_column() {
    for (text, line, column) in [
        // Line 3 is `  "version": 1 2`: the stray 2 is its 16th character.
        ("{\n  \"format\": \"tokenworth-offer\",\n  \"version\": 1 2\n}", 3, 16),
        // A trailing comma: the `}` after it is the 9th character.
        ("{\"a\": 1,}", 1, 9),
        // A bad literal in the middle of line 2.
        ("{\n  \"a\": nul,\n  \"b\": 2\n}", 2, 11),
    ] {
        match parse_offer(text) {
            Err(OfferError::Syntax { line: l, column: c, message }) => {
                assert_eq!((l, c), (line, column), "{text:?}: {message}");
                assert!(!message.is_empty() && !message.contains(" at line "), "{message}");
            }
            other => panic!("{text:?}: expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn syntax_error_positions_are_one_based() {
    // OfferError::Syntax promises 1-based line and column, and the CLI prints them for people to find
    // the mistake. serde_json reports an error found on reading a newline (or at the end of the text)
    // as column 0 of the following line, and the reader passes that through: `"x": tru` at the end of
    // line 3 comes out as line 4, column 0; an empty file as line 1, column 0.
    // A string left open at the end of line 2 comes out as line 3, column 0 too.
    for text in [
        "",
        "{\n\n   \"x\": tru\n}",
        "{\n  \"format\": \"tokenworth-offer\",\n",
        "{\n  \"a\": \"open\n}",
    ] {
        match parse_offer(text) {
            Err(OfferError::Syntax { line, column, .. }) => {
                assert!(line >= 1 && column >= 1, "{text:?}: line {line}, column {column}");
            }
            other => panic!("{text:?}: expected a syntax error, got {other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

#[test]
fn every_example_survives_a_round_trip() {
    for name in EXAMPLES {
        let offer = example(name);
        let written = write_offer(&offer);
        let again = parse_offer(&written)
            .unwrap_or_else(|e| panic!("{name}: the written offer is refused: {e}\n{written}"));
        assert_eq!(again, offer, "{name}");
        assert_eq!(write_offer(&again), written, "{name}: writing twice gives other text");
    }
}

#[test]
fn a_built_offer_survives_a_round_trip() {
    let mut offer = common::offer();
    offer.scenarios[0].cancelled_month = Some(7);
    offer.payouts.milestones = vec![common::milestone("M", "0.1000000000000000000001", 3)];
    offer.scenarios[0].milestones_hit = vec!["M".to_string()];
    offer.payouts.buyback = Some(common::terminal_only("2.5", "12.50"));
    let written = write_offer(&offer);
    assert_eq!(parse_offer(&written).unwrap(), offer, "{written}");
}

#[test]
fn written_decimals_keep_their_text() {
    let written = write_offer(&example("acme-copilot"));
    for fragment in [
        "\"format\": \"tokenworth-offer\"",
        "\"version\": 4",
        "\"per_token\": \"2.50\"",
        "\"base_annual\": \"180000\"",
    ] {
        assert!(written.contains(fragment), "{fragment} not in\n{written}");
    }
}

// ---------------------------------------------------------------------------------------------
// Version 3 (MODEL.md 7)

/// The acme example as a version 3 file, with `edits` after that.
fn v3(edits: &[Edit]) -> Vec<Edit> {
    let mut all = vec![set("/version", json!(3))];
    all.extend_from_slice(edits);
    all
}

const SCHEDULE: &str = "/grant/vesting/schedule";

#[test]
fn version_3_fields_in_an_older_file_are_refused_by_name() {
    let rows = vec![
        (vec![set("/grant/expires_month", json!(60))], "grant.expires_month", "field of version 3"),
        (vec![set("/payouts/cap_per_token", json!("10"))], "payouts.cap_per_token", "version 3"),
        (
            vec![set("/payouts/revenue_share/hurdle_annual", json!("1000"))],
            "payouts.revenue_share.hurdle_annual",
            "version 3",
        ),
        (
            vec![set("/payouts/buyback/price", json!("formula"))],
            "payouts.buyback.price",
            "version 3",
        ),
        (
            vec![set("/payouts/buyback/max_sale_per_window", json!("1000"))],
            "payouts.buyback.max_sale_per_window",
            "version 3",
        ),
        (
            vec![set("/compute_budget", json!({"annual": "1000", "unit": "money"}))],
            "compute_budget",
            "\"version\": 1",
        ),
        (
            vec![set("/checklist/compute_no_quota", json!("yes"))],
            "checklist.compute_no_quota",
            "version 3",
        ),
    ];
    check_invalid(rows);
    // A schedule in a version 1 file: the vesting's own field is named.
    let errors = errors_of(&edited(&[set(
        "/grant/vesting",
        json!({"schedule": [{"month": 12, "pct": "100"}]}),
    )]));
    assert!(errors.iter().any(|e| e.path == "grant.vesting.schedule" && e.message.contains("3")));
}

#[test]
fn version_3_rules_each_at_its_path() {
    let run = |from: u32, to: u32, every: u32, pct: &str| json!({"from_month": from, "to_month": to, "every_months": every, "pct": pct});
    let rows = vec![
        (
            v3(&[set("/grant/vesting", json!({"schedule": [{"month": 12, "pct": "60"}]}))]),
            "grant.vesting.schedule",
            "add up to 60%",
        ),
        (
            v3(&[set("/grant/vesting", json!({"schedule": []}))]),
            "grant.vesting.schedule",
            "at least one",
        ),
        (
            v3(&[set(
                "/grant/vesting",
                json!({"schedule": [{"month": 12, "pct": "0"}, run(13, 48, 1, "100")]}),
            )]),
            "grant.vesting.schedule[0].pct",
            "more than 0",
        ),
        (
            v3(&[set("/grant/vesting", json!({"schedule": [run(48, 13, 1, "100")]}))]),
            "grant.vesting.schedule[0].to_month",
            "before",
        ),
        (
            v3(&[set("/grant/vesting", json!({"schedule": [run(13, 48, 0, "100")]}))]),
            "grant.vesting.schedule[0].every_months",
            "1 to 1200",
        ),
        (
            v3(&[set("/grant/vesting", json!({"schedule": [{"month": 0, "pct": "100"}]}))]),
            "grant.vesting.schedule[0].month",
            "1 to 1200",
        ),
        (
            v3(&[set(
                "/grant/vesting",
                json!({"cliff_months": 12, "schedule": [{"month": 12, "pct": "100"}]}),
            )]),
            "grant.vesting.cliff_months",
            "either",
        ),
        (v3(&[set("/grant/expires_month", json!(0))]), "grant.expires_month", "1 to 1200"),
        (
            v3(&[set("/payouts/cap_per_token", json!("-1"))]),
            "payouts.cap_per_token",
            "zero or more",
        ),
        (
            v3(&[set("/payouts/buyback/price", json!("scenario"))]),
            "payouts.buyback.revenue_multiple",
            "left out",
        ),
        (
            v3(&[
                set("/payouts/buyback/price", json!("scenario")),
                remove("/payouts/buyback/revenue_multiple"),
            ]),
            "scenarios[1].price_per_token",
            "required",
        ),
        (
            v3(&[remove("/payouts/buyback/revenue_multiple")]),
            "payouts.buyback.revenue_multiple",
            "required",
        ),
        (
            v3(&[set("/scenarios/0/price_per_token", json!(["5"]))]),
            "scenarios[0].price_per_token",
            "only when",
        ),
        (
            v3(&[
                set("/payouts/buyback/price", json!("scenario")),
                remove("/payouts/buyback/revenue_multiple"),
                set("/scenarios/0/price_per_token", json!([])),
            ]),
            "scenarios[0].price_per_token",
            "at least one",
        ),
        (
            v3(&[set("/payouts/buyback/price", json!("investors"))]),
            "payouts.buyback.price",
            "one of",
        ),
        (
            v3(&[set(
                "/compute_budget",
                json!({"annual": "1000", "unit": "money",
                "annual_price_decline_pct": "20"}),
            )]),
            "compute_budget.annual_price_decline_pct",
            "must be 0",
        ),
        (
            v3(&[set("/compute_budget", json!({"unit": "money"}))]),
            "compute_budget.annual",
            "required",
        ),
        (
            v3(&[set("/compute_budget", json!({"annual": "1000", "unit": "gpu"}))]),
            "compute_budget.unit",
            "one of",
        ),
        (
            v3(&[set(
                "/compute_budget",
                json!({"annual": "1000", "unit": "money",
                "used_pct": "120"}),
            )]),
            "compute_budget.used_pct",
            "0 to 100",
        ),
        (
            v3(&[set("/compute_budget", json!({"annual": "1000", "unit": "money", "use": "1"}))]),
            "compute_budget.use",
            "not a field",
        ),
    ];
    check_invalid(rows);
    // A run's `pct` and a step's are read exactly: the percentages must sum to exactly 100.
    let errors = errors_of(&edited(&v3(&[set(
        SCHEDULE.rsplit_once('/').map(|(parent, _)| parent).unwrap(),
        json!({"schedule": [{"month": 12, "pct": "33.3333"}, run(13, 48, 1, "66.6666")]}),
    )])));
    assert!(errors.iter().any(|e| e.path == "grant.vesting.schedule"), "{errors:?}");
}

#[test]
fn version_3_examples_round_trip_and_older_documents_migrate() {
    for name in ["tender-units", "compute-budget"] {
        let offer = example(name);
        assert!(offer.uses_version_3(), "{name}");
        let written = write_offer(&offer);
        assert!(written.contains("\"version\": 4"), "{written}");
        assert_eq!(parse_offer(&written).unwrap(), offer, "{name}");
    }
    // An offer without version 3's terms writes none of their fields.
    let acme = write_offer(&example("acme-copilot"));
    for field in ["schedule", "price", "cap_per_token", "expires_month", "compute_budget"] {
        assert!(!acme.contains(&format!("\"{field}\"")), "{field} in\n{acme}");
    }
    // Saved documents of versions 1 to 3 migrate to version 4 with the rules they always meant
    // written out (MODEL.md 8), and read the same, figure for figure.
    for version in [1, 2, 3] {
        let mut doc: Value = serde_json::from_str(&example_text("acme-copilot")).unwrap();
        doc["version"] = json!(version);
        let before = tokenworth::offer::read_offer(&doc).unwrap();
        assert!(tokenworth::offer::migrate(&mut doc));
        assert_eq!(doc["version"], json!(4));
        assert_eq!(doc["leaving"]["salary_after_cancellation"], json!("continues"));
        assert_eq!(doc["personal"]["wealth_counts"], json!("savings"));
        let after = tokenworth::offer::read_offer(&doc).unwrap();
        assert_eq!(after, before);
        assert_eq!(
            tokenworth::report::to_json(&tokenworth::engine::value_exact(&after).unwrap()),
            tokenworth::report::to_json(&tokenworth::engine::value_exact(&before).unwrap())
        );
    }
}

/// The one error an edited example must give, exactly: the hostile value is refused at its path
/// and nothing else in the offer is called wrong.
fn check_only_error(rows: Vec<(Vec<Edit>, &str, &str)>) {
    for (edits, path, message) in rows {
        let errors = errors_of(&edited(&edits));
        let want = vec![FieldError { path: path.into(), message: message.into() }];
        assert_eq!(errors, want, "after {edits:?}");
    }
}

/// Issue 30: a month past `MAX_MONTH` is refused at its own path, before anything counts its
/// months (the run below made the CLI ask for 17 GB), and month 1,200 is still read.
#[test]
fn months_past_a_century_are_refused_at_their_path() {
    let past_text = |n: &str| {
        format!("is {n} months; a term may name months up to 1200 (100 years), and none past the horizon (240 months at most) is valued")
    };
    let past = |n: u64| past_text(&n.to_string());
    let run =
        json!({"from_month": 1, "to_month": 4_294_967_295_u64, "every_months": 1, "pct": "100"});
    check_only_error(vec![
        (
            v3(&[set("/grant/vesting", json!({"schedule": [run]}))]),
            "grant.vesting.schedule[0].to_month",
            &past(4_294_967_295),
        ),
        (
            v3(&[set("/grant/vesting", json!({"schedule": [{"month": 1201, "pct": "100"}]}))]),
            "grant.vesting.schedule[0].month",
            &past(1201),
        ),
        (
            vec![
                set("/grant/vesting/cliff_months", json!(0)),
                set("/grant/vesting/duration_months", json!(5000)),
            ],
            "grant.vesting.duration_months",
            &past(5000),
        ),
        (
            vec![set("/grant/vesting/every_months", json!(1201))],
            "grant.vesting.every_months",
            &past(1201),
        ),
        (
            vec![set("/grant/vesting/cliff_months", json!(99_999))],
            "grant.vesting.cliff_months",
            &past(99_999),
        ),
        (
            v3(&[set("/grant/expires_month", json!(1_000_000))]),
            "grant.expires_month",
            &past(1_000_000),
        ),
        (
            vec![set("/payouts/milestones/0/month", json!(2000))],
            "payouts.milestones[0].month",
            &past(2000),
        ),
        (
            vec![set("/payouts/milestones/0/month", json!(10_u128.pow(30)))],
            "payouts.milestones[0].month",
            &past_text("1000000000000000000000000000000"),
        ),
        (
            vec![set("/payouts/revenue_share/every_months", json!(1300))],
            "payouts.revenue_share.every_months",
            &past(1300),
        ),
        (
            vec![set("/payouts/buyback/first_window_month", json!(1201))],
            "payouts.buyback.first_window_month",
            &past(1201),
        ),
        (
            vec![set("/payouts/buyback/every_months", json!(1201))],
            "payouts.buyback.every_months",
            &past(1201),
        ),
        (
            vec![set("/scenarios/0/cancelled_month", json!(4_294_967_296_u64))],
            "scenarios[0].cancelled_month",
            &past(4_294_967_296),
        ),
    ]);
    check_valid(vec![(
        vec![
            set("/grant/vesting/cliff_months", json!(1200)),
            set("/grant/vesting/duration_months", json!(1200)),
            set("/grant/vesting/every_months", json!(1200)),
        ],
        |o| o.grant.vesting == common::linear(1200, 1200, 1200),
    )]);
}

/// Issue 30: each list is refused whole past its bound, at its path, and none of its entries is
/// read; at the bound it is read as before.
#[test]
fn lists_longer_than_the_model_uses_are_refused_at_their_path() {
    use tokenworth::offer::{MAX_MILESTONES, MAX_SCENARIOS, MAX_SCHEDULE_ENTRIES, MAX_YEARS};
    let scenario = |i: usize| json!({"name": format!("S{i}"), "probability_pct": "1", "annual_revenue": ["0"]});
    let milestone = |i: usize| json!({"name": format!("M{i}"), "per_token": "1", "month": 12});
    let step = |_| json!({"month": 12, "pct": "0.4"});
    let list = |n: usize, item: &dyn Fn(usize) -> Value| Value::Array((0..n).map(item).collect());
    check_only_error(vec![
        (
            vec![set("/scenarios", list(MAX_SCENARIOS + 1, &scenario))],
            "scenarios",
            "lists 21 scenarios; tokenworth reads at most 20",
        ),
        (
            vec![set("/payouts/milestones", list(MAX_MILESTONES + 1, &milestone))],
            "payouts.milestones",
            "lists 51 milestones; tokenworth reads at most 50",
        ),
        (
            v3(&[set(
                "/grant/vesting",
                json!({"schedule": list(MAX_SCHEDULE_ENTRIES + 1, &step)}),
            )]),
            "grant.vesting.schedule",
            "lists 241 steps and runs; tokenworth reads at most 240",
        ),
        (
            vec![set("/scenarios/1/annual_revenue", list(MAX_YEARS + 1, &|_| json!("1")))],
            "scenarios[1].annual_revenue",
            "lists 21 yearly amounts; tokenworth reads at most 20",
        ),
        (
            vec![set(
                "/scenarios/1/milestones_hit",
                list(MAX_MILESTONES + 1, &|_| json!("GA launch")),
            )],
            "scenarios[1].milestones_hit",
            "lists 51 milestones; tokenworth reads at most 50",
        ),
    ]);
    let mut at_bound: Vec<Value> = (0..MAX_SCENARIOS).map(scenario).collect();
    at_bound[0]["probability_pct"] = json!("81");
    check_valid(vec![
        (vec![set("/scenarios", Value::Array(at_bound))], |o| o.scenarios.len() == 20),
        (vec![set("/scenarios/1/annual_revenue", list(MAX_YEARS, &|_| json!("1")))], |o| {
            o.scenarios[1].annual_revenue.len() == 20
        }),
    ]);
}

/// Issue 30: a key given twice in one object is refused at its path (serde_json alone keeps the
/// last one silently), wherever the object is; the numbers keep their exact text.
#[test]
fn a_key_given_twice_is_refused_at_its_path() {
    let text = example_text("acme-copilot");
    let twice = |from: &str, to: &str| {
        assert!(text.contains(from), "{from}");
        text.replacen(from, to, 1)
    };
    let message = "is given more than once in its object; give each field once";
    for (doubled, path) in [
        (twice("\"name\": \"Acme Copilot tokens\",", "\"name\": \"A\", \"name\": \"B\","), "name"),
        (twice("\"tokens\": 10000,", "\"tokens\": 10000, \"tokens\": 99999,"), "grant.tokens"),
        // The same key written with an escape, and a string value that looks like a key.
        (twice("\"tokens\": 10000,", "\"tokens\": 10000, \"t\\u006fkens\": 1,"), "grant.tokens"),
        (
            twice("\"name\": \"Base\",", "\"name\": \"Base\", \"na\\\"me\": 1, \"na\\\"me\": 2,"),
            "scenarios[1].na\"me",
        ),
        (
            twice("\"name\": \"Base\",", "\"name\": \"Base\", \"name\": \"Base\","),
            "scenarios[1].name",
        ),
    ] {
        assert_eq!(
            errors_of(&doubled),
            vec![FieldError { path: path.into(), message: message.into() }]
        );
    }
    // Keys that are alike but not the same are not repeats; exact decimals still read exactly.
    let offer = parse_offer(&twice(
        "\"base_annual\": \"180000\"",
        "\"base_annual\": 180000.000000000000000000001",
    ))
    .unwrap();
    assert_eq!(offer.salary.base_annual, d("180000.000000000000000000001"));
}

/// Issue 30: a file that starts with a UTF-8 byte order mark reads as the same file without it
/// (the browser's file reading drops it too).
#[test]
fn a_byte_order_mark_is_read_as_the_browser_reads_it() {
    let text = example_text("acme-copilot");
    assert_eq!(parse_offer(&format!("\u{feff}{text}")), parse_offer(&text));
    assert!(parse_offer(&format!("\u{feff}{text}")).is_ok());
    // Only one, and only at the start.
    assert!(matches!(
        parse_offer(&format!("\u{feff}\u{feff}{text}")),
        Err(OfferError::Syntax { .. })
    ));
}
