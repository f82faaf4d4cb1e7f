//! Work that can wait, in later tasks: after the next paint, or in a task of its own. Both pages keep a keystroke's own task short this way (the
//! calculator's verdict and simulation, the Company view's report).

use std::time::Duration;

use leptos::prelude::{request_animation_frame, set_timeout};

/// Runs `work` in a task after the next frame is painted: work that can wait (details, verdict,
/// simulation, a team's report) never delays the figures the person is looking at. (A timer
/// alone may run before the browser paints.)
pub(crate) fn after_paint(work: impl FnOnce() + 'static) {
    request_animation_frame(move || next_task(work));
}

/// Runs `work` in a task of its own, soon: long work split into short tasks leaves the page free
/// to paint and to take keystrokes between them.
pub(crate) fn next_task(work: impl FnOnce() + 'static) {
    set_timeout(work, Duration::ZERO);
}
