//! A member's own figures beyond the members table's columns (their leaving rule, when and where
//! they are taxed: MODEL.md 8.2, 8.3, 8.5), edited by the calculator's own sections. The sections
//! edit an offer; a member's own fields are seen as one (`salary`, `personal`,
//! `leaving.quit_if`, in the member's project's currency) and written back where the team file
//! keeps them (`members[i].quit_if` for the offer's `leaving.quit_if`: `team::member_path`).

use serde_json::{json, Value};

use super::draft::MEMBER_COLUMNS;
use super::plan::is_members_own;
use crate::form::fields::{FieldSpec, Section, SECTIONS};
use crate::offer::paths::text_at;

/// The calculator's sections a member's own figures are drawn with: where they pay tax and their
/// rates, and their rule for leaving when the project goes badly.
pub const MEMBER_SECTIONS: [&str; 2] = ["personal", "quit"];

/// The sections of [`MEMBER_SECTIONS`], in that order.
pub fn member_sections() -> impl Iterator<Item = &'static Section> {
    MEMBER_SECTIONS.iter().filter_map(|id| SECTIONS.iter().find(|s| s.id == *id))
}

/// Whether the member's own editor shows the offer field `spec`: a member's own field that the
/// members table does not already have a column for.
#[must_use]
pub fn edits(spec: &FieldSpec) -> bool {
    is_members_own(spec.path) && !MEMBER_COLUMNS.iter().any(|(column, _)| *column == spec.path)
}

/// Member `i`'s own fields as an offer: its project's currency, the member's salary, personal
/// figures and leaving rule, in the offer version the team reader values members' offers in (so
/// that a residence fills a member's tokens' long-term rate as the calculator's form does).
/// `Value::Null` when there is no such member.
#[must_use]
pub fn member_offer(doc: &Value, i: usize) -> Value {
    let Some(member) = doc.get("members").and_then(|m| m.get(i)) else { return Value::Null };
    let project = text_at(doc, &format!("members[{i}].project"));
    let currency = doc
        .get("projects")
        .and_then(Value::as_array)
        .and_then(|ps| ps.iter().find(|p| p.get("name").and_then(Value::as_str) == Some(&project)))
        .and_then(|p| p.get("currency"))
        .cloned()
        .unwrap_or(Value::Null);
    let own = |key: &str| member.get(key).cloned().unwrap_or(Value::Null);
    json!({
        "version": crate::offer::OFFER_VERSION,
        "currency": currency,
        "salary": own("salary"),
        "personal": own("personal"),
        "leaving": { "quit_if": own("quit_if") },
    })
}

/// Applies `change` to member `i`'s own fields seen as an offer ([`member_offer`]), and writes
/// them back: the salary, the personal figures, and the leaving rule (removed when switched off).
pub fn edit_member<R>(
    doc: &mut Value,
    i: usize,
    change: impl FnOnce(&mut Value) -> R,
) -> Option<R> {
    let mut offer = member_offer(doc, i);
    if offer.is_null() {
        return None;
    }
    let result = change(&mut offer);
    let member = doc.get_mut("members")?.get_mut(i)?.as_object_mut()?;
    for key in ["salary", "personal"] {
        if let Some(v) = offer.get(key).filter(|v| !v.is_null()) {
            member.insert(key.into(), v.clone());
        }
    }
    match offer.pointer("/leaving/quit_if").filter(|v| !v.is_null()) {
        Some(rule) => member.insert("quit_if".into(), rule.clone()),
        None => member.remove("quit_if"),
    };
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::draft::{set_choice, switch_block};

    fn team() -> Value {
        serde_json::from_str(super::super::EXAMPLE_TEAM).unwrap()
    }

    #[test]
    fn the_sections_show_only_what_the_table_does_not() {
        let shown: Vec<&str> = member_sections()
            .flat_map(|s| s.fields.iter())
            .filter(|f| edits(f))
            .map(|f| f.path)
            .collect();
        assert!(shown.contains(&"personal.taxed_at"));
        assert!(shown.contains(&"personal.tax_residence"));
        assert!(shown.contains(&"leaving.quit_if.min_trailing_revenue"));
        // In the table already.
        assert!(!shown.contains(&"personal.wealth"));
        assert!(!shown.contains(&"personal.income_tax_pct"));
    }

    #[test]
    fn a_leaving_rule_switched_on_and_off_is_the_member_s_own() {
        let mut doc = team();
        edit_member(&mut doc, 1, |o| switch_block(o, "leaving.quit_if", true)).unwrap();
        assert!(doc["members"][1]["quit_if"]["min_trailing_revenue"].is_string());
        assert!(doc["members"][0].get("quit_if").is_none(), "another member is left alone");
        assert!(doc["projects"][0]["leaving"].get("quit_if").is_none(), "the plan is left alone");
        edit_member(&mut doc, 1, |o| switch_block(o, "leaving.quit_if", false)).unwrap();
        assert!(doc["members"][1].get("quit_if").is_none());
        assert_eq!(edit_member(&mut doc, 99, |_| ()), None);
    }

    #[test]
    fn where_a_member_pays_tax_fills_their_rates_at_their_salary() {
        // The example team is in US dollars: the US preset fills the member's rates from their
        // salary, as the calculator's form does for a person.
        let mut doc = team();
        let before = doc["members"][0]["personal"]["income_tax_pct"].clone();
        edit_member(&mut doc, 0, |o| set_choice(o, "personal.tax_residence", "US-TX")).unwrap();
        let personal = &doc["members"][0]["personal"];
        assert_eq!(personal["tax_residence"], "US-TX");
        assert_ne!(personal["income_tax_pct"], before);
        assert!(personal["tax_year"].is_number());
        // The other members keep theirs.
        assert!(doc["members"][1]["personal"].get("tax_residence").is_none());
        // A member whose tokens are taxed at vest gets Texas's rates for tokens, as a person in
        // the calculator does (tests/tax.rs): 24 % on a sale within a year, 15 % after 12 months.
        doc["members"][1]["personal"]["taxed_at"] = json!("vest");
        doc["members"][1]["salary"]["base_annual"] = json!("150000");
        edit_member(&mut doc, 1, |o| set_choice(o, "personal.tax_residence", "US-TX")).unwrap();
        let personal = &doc["members"][1]["personal"];
        assert_eq!(personal["redemption_tax_pct"], "24");
        assert_eq!(personal["long_term_redemption_tax_pct"], "15");
        assert_eq!(personal["long_term_after_months"], 12);
        assert!(crate::team::read_team(&doc).is_ok(), "the team still reads");
    }
}
