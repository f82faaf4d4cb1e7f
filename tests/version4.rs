//! MODEL.md section 8's rules 8.2, 8.3 and 8.5, worked by hand: each a small offer built from
//! `common::offer()` with one mechanism switched on, the arithmetic of every row in its comment.
//!
//! Unless a test says otherwise: no tax, no discounting, nobody leaves, 1,000 of 100,000 tokens.

mod common;

use common::{d, offer};
use tokenworth::engine::value_exact;
use tokenworth::report::to_json;

/// 8.5: where the person pays tax is recorded and repeated, and changes no figure.
#[test]
fn the_report_repeats_where_the_person_pays_tax_and_nothing_moves() {
    let mut plain = offer();
    plain.salary.sacrificed_annual = d("1200");
    let mut recorded = plain.clone();
    recorded.personal.tax_residence = Some("GB".to_string());
    recorded.personal.tax_year = Some(2026);
    let json = |o| -> serde_json::Value {
        serde_json::from_str(&to_json(&value_exact(o).unwrap())).unwrap()
    };
    let (mut without, with) = (json(&plain), json(&recorded));
    assert_eq!(without["tax_residence"], serde_json::Value::Null);
    assert_eq!(without["tax_year"], serde_json::Value::Null);
    assert_eq!(with["tax_residence"], "GB");
    assert_eq!(with["tax_year"], 2026);
    without["tax_residence"] = "GB".into();
    without["tax_year"] = 2026.into();
    assert_eq!(without, with, "nothing else differs");
}
