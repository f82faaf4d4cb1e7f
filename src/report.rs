//! The report of MODEL.md section 5: as JSON for machines and as text for people.

use crate::engine::Report;

/// The report as the JSON object `tokenworth value` prints.
#[must_use]
pub fn to_json(report: &Report) -> String {
    let _ = report;
    String::from("{}")
}

/// A summary a person can read in a terminal.
#[must_use]
pub fn to_text(report: &Report) -> String {
    let _ = report;
    String::new()
}
