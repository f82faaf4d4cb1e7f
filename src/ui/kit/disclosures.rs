//! Which disclosures (`<details>`, one a row of a list) the person has open, so that a change
//! that draws the list again leaves them as they were.

use leptos::prelude::*;

/// Open or closed, by row; a row never opened is closed.
#[derive(Clone, Copy)]
pub struct OpenRows(StoredValue<Vec<bool>>);

impl OpenRows {
    /// `open[i]` for row `i` at the start.
    #[must_use]
    pub fn new(open: Vec<bool>) -> OpenRows {
        OpenRows(StoredValue::new(open))
    }

    /// Whether row `i` is open.
    #[must_use]
    pub fn is_open(self, i: usize) -> bool {
        self.0.with_value(|open| open.get(i).copied().unwrap_or(false))
    }

    /// Notes what row `i`'s `toggle` event did; returns whether it is open now.
    pub fn toggled(self, i: usize, event: &leptos::ev::Event) -> bool {
        let now = event_target::<web_sys::HtmlDetailsElement>(event).open();
        self.0.update_value(|open| {
            if open.len() <= i {
                open.resize(i + 1, false);
            }
            open[i] = now;
        });
        now
    }
}
