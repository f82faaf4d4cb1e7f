//! Work that can wait, in later tasks: after the next paint, or in a task of its own, and dropped
//! when newer work supersedes it. Both pages keep a keystroke's own task short this way (the
//! calculator's verdict and simulation, the Company view's report).

use std::time::Duration;

use leptos::prelude::*;

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

/// One step of work split into short tasks, named for the performance timeline (`mark`).
pub(crate) type Step = (&'static str, Box<dyn FnOnce()>);

/// Runs each step in a task of its own, in order, marking each as done: the page paints and takes
/// input between them.
pub(crate) fn one_task_each(steps: Vec<Step>) {
    fn run(mut steps: std::vec::IntoIter<Step>) {
        if let Some((name, step)) = steps.next() {
            next_task(move || {
                step();
                mark(name);
                run(steps);
            });
        }
    }
    run(steps.into_iter());
}

/// Marks a step of the page's work on the browser's performance timeline (`what` starts with
/// `tokenworth:`), so that a long task can be told by the step it ran (scripts/long-tasks.mjs).
pub(crate) fn mark(what: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(what);
    }
}

/// Work spread over later tasks, that newer work supersedes: each [`Runs::start`] leaves every
/// earlier [`Run`] no longer current, so that its remaining tasks return at once.
#[derive(Clone, Copy)]
pub(crate) struct Runs(StoredValue<u64>);

/// One run of [`Runs`].
#[derive(Clone, Copy)]
pub(crate) struct Run {
    runs: Runs,
    id: u64,
}

impl Runs {
    pub(crate) fn new() -> Runs {
        Runs(StoredValue::new(0))
    }

    /// A new run; every earlier one stops being current.
    pub(crate) fn start(self) -> Run {
        self.0.update_value(|id| *id = id.wrapping_add(1));
        Run { runs: self, id: self.0.get_value() }
    }
}

impl Run {
    /// Whether no newer run has started since.
    pub(crate) fn is_current(self) -> bool {
        self.runs.0.get_value() == self.id
    }
}
