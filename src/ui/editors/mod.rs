//! The offer's section editors, one copy for every page that edits an offer: a section of fields
//! with its switch or its "not in this offer" line, the vesting (a cliff and steps, or a schedule,
//! with its presets and chart), the milestones, the scenarios (revenue and tender prices year by
//! year, milestones reached) and the checklist. The calculator draws them over its draft; the
//! Company view draws them over each project of the team file, an offer at `projects[i].`.
//!
//! They edit through [`OfferDoc`], with the table operations of `form::draft`, so that a rename or
//! a new row does the same on every page.

mod checklist;
mod milestones;
mod scenarios;
mod section;
mod vesting;

pub use checklist::Checklist;
pub use milestones::Milestones;
pub use scenarios::Scenarios;
pub use section::{absent_line, Section};
pub use vesting::VestingEditor;

use serde_json::Value;

use crate::form::fields::FieldSpec;
use crate::offer::paths;
pub use crate::ui::kit::field::Audience;
use crate::ui::kit::field::Document;

/// An offer a page edits, as the section editors need it: read whole, changed by a table
/// operation (and drawn again), and each control named for tests.
pub trait OfferDoc: Document {
    /// Reads the offer (the draft; a team's project), tracked.
    fn with_offer<T>(&self, read: impl FnOnce(&Value) -> T) -> T;
    /// The same, untracked: what an editor is drawn from.
    fn with_offer_untracked<T>(&self, read: impl FnOnce(&Value) -> T) -> T;
    /// Applies a table operation (`draft::add_scenario`, …) to the offer and draws the editors
    /// again, the keyboard back on the control whose test id is `keep`.
    fn restructure(&self, keep: String, change: impl FnOnce(&mut Value));
    /// Applies a change to the offer that draws nothing again (a milestone ticked).
    fn edit(&self, change: impl FnOnce(&mut Value));
    /// The reader's messages the editor shows at `at` (an offer path), those of paths it has no
    /// field for included.
    fn errors_shown_at(&self, at: &str) -> Vec<String>;
    /// A control's test id: `name`, the project's index where the page has several, then `rows`
    /// (`remove-milestone-2`; `remove-milestone-0-2` for the first project).
    fn test_id(&self, name: &str, rows: &[usize]) -> String;
    /// Whether this page edits the field here (a team's members set their own salary and
    /// estimates in the members table, not in the project's plan).
    fn edits(&self, _spec: &FieldSpec) -> bool {
        true
    }

    /// The length of the list at `at` (0 when there is none), untracked.
    fn list_len(&self, at: &str) -> usize {
        self.with_offer_untracked(|o| paths::list_len(o, at))
    }
}

/// What a page draws after a section of the offer: the milestones after the revenue share (both
/// are "how the tokens pay"), the scenarios after leaving.
pub fn after_section<D: OfferDoc>(doc: D, section_id: &str) -> Option<leptos::prelude::AnyView> {
    if !has_table_after(section_id) {
        return None;
    }
    use leptos::prelude::*;
    match section_id {
        "revenue_share" => Some(view! { <Milestones doc=doc /> }.into_any()),
        "leaving" => Some(view! { <Scenarios doc=doc /> }.into_any()),
        _ => None,
    }
}

/// Whether a page draws a table after this section ([`after_section`]).
#[must_use]
pub fn has_table_after(section_id: &str) -> bool {
    matches!(section_id, "revenue_share" | "leaving")
}

/// `name` and its indices joined by dashes: the test ids of both pages' controls.
#[must_use]
pub fn joined_id(name: &str, indices: impl IntoIterator<Item = usize>) -> String {
    indices.into_iter().fold(name.to_string(), |id, i| format!("{id}-{i}"))
}
