//! The work after the headline, in short tasks: the verdict and what would change it (one input
//! a task), and the Monte Carlo in slices of at most 12 ms, each cancellable by a newer change.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::engine::turning_points::{risk_breakeven_revenue_scale, risk_inputs, RowSearch};
use crate::engine::{
    decide_first, Decision, Input, MonteCarloReport, RiskRow, Simulation, WhatChangesIt,
};
use crate::offer::Offer;
use crate::ui::kit::chunk::{in_chunk, when_ready};
use crate::ui::kit::tasks::{after_paint, next_task, Run, Runs};

use super::{now_ms, Decided, SimulationView, Workspace};

impl Workspace {
    /// Reruns the simulation, in slices, whenever the valid inputs change.
    pub(super) fn simulate_on_change(self) {
        Effect::new(move |_| {
            let offer = match self.checked.get() {
                Ok(offer) => offer,
                Err(_) => return,
            };
            let run = self.simulation_runs.start();
            self.simulation.update(|view| {
                view.done = 0;
                view.total = offer.simulation.paths;
                view.running = true;
                view.stale = view.result.is_some();
            });
            // Preparing the paths waits until the keystroke's exact figures are painted; the
            // slices start in the task after (each task stays short).
            after_paint(move || {
                if !run.is_current() {
                    return;
                }
                when_ready(new_simulation(offer), move |simulation| match simulation {
                    Ok(Some(simulation)) => {
                        next_task(move || run_slices(self, run, simulation));
                    }
                    _ => self.simulation.set(SimulationView::default()),
                });
            });
        });
    }

    /// Draws the details and works out the verdict whenever the valid inputs change, after the
    /// keystroke's figures have been painted, so that the headline is on screen first; a newer
    /// change supersedes it. Short tasks rather than one long one: the details, then the verdict,
    /// then what would change it, a row at a time in slices ([`TurningPoints`]).
    pub(super) fn decide_on_change(self) {
        let runs = Runs::new();
        Effect::new(move |_| {
            let Some(offer) = self.checked.with(|c| c.as_ref().ok().cloned()) else {
                return;
            };
            let run = runs.start();
            after_paint(move || {
                if !run.is_current() {
                    return;
                }
                // Read here, not in the effect: valuing waits for the paint too. (While this
                // run is current, the report is the one for `offer`.)
                let report = self
                    .report
                    .with_untracked(|r| r.as_ref().and_then(|r| r.as_ref().ok()).cloned());
                self.settled_report.set(report.clone());
                next_task(move || {
                    if !run.is_current() {
                        return;
                    }
                    when_ready(decision(offer.clone()), move |decision| {
                        if !run.is_current() {
                            return;
                        }
                        let decision = decision.unwrap_or_else(|_| Err(CHUNK_FAILED.to_string()));
                        let first = decision.as_ref().ok().cloned();
                        self.decision.set(Some(Decided { report, decision }));
                        if let Some(first) = first {
                            let points = TurningPoints::new(self, run, offer, &first);
                            next_task(move || points.start());
                        }
                    });
                });
            });
        });
    }

    /// Stops the running simulation; the figures so far stay, marked as partial.
    pub fn cancel_simulation(&self) {
        self.simulation_runs.start();
        self.simulation.update(|view| view.running = false);
    }
}

/// How long one slice of the simulation may hold the main thread.
const SLICE_BUDGET_MS: f64 = 12.0;

/// Paths between two looks at the clock.
const PATHS_PER_CHECK: u32 = 250;

/// Runs the simulation for at most [`SLICE_BUDGET_MS`] at a time, yielding to the page in between,
/// until it finishes or a newer run (or a cancel) takes over.
fn run_slices(workspace: Workspace, run: Run, simulation: Rc<RefCell<Simulation>>) {
    if !run.is_current() {
        return;
    }
    // The chunk is there: `new_simulation` came from it.
    when_ready(run_slice(Rc::clone(&simulation)), move |slice| {
        let Ok((done, finished)) = slice else {
            return workspace.simulation.update(|view| view.running = false);
        };
        workspace.simulation.update(|view| view.done = done);
        if finished {
            // The summary selects percentiles among all the paths' values: a task of its own.
            next_task(move || {
                if run.is_current() {
                    when_ready(summarize(simulation), move |result| {
                        workspace.simulation.update(|view| {
                            view.result = result.ok();
                            view.running = false;
                            view.stale = false;
                        });
                    });
                }
            });
        } else {
            next_task(move || run_slices(workspace, run, simulation));
        }
    });
}

/// What the verdict says when the code that works it out could not be fetched.
const CHUNK_FAILED: &str =
    "The code that works out the verdict could not be loaded. Check the connection and reload the page.";

// The work done after the first paint is in chunks too (src/ui/chunk.rs): the main module then
// holds only the exact valuation the headline shows.
in_chunk! {
    /// The offer's simulation, ready to run in slices.
    fn new_simulation(offer: Offer) in work -> Option<Rc<RefCell<Simulation>>> {
        Simulation::new(&offer).ok().map(|simulation| Rc::new(RefCell::new(simulation)))
    }
}

in_chunk! {
    /// Runs the simulation for one slice: the paths done, and whether it is finished.
    fn run_slice(simulation: Rc<RefCell<Simulation>>) in work -> (u32, bool) {
        let mut sim = simulation.borrow_mut();
        for_one_slice(|| {
            if sim.is_finished() {
                return Some(());
            }
            sim.run(PATHS_PER_CHECK);
            None
        });
        (sim.done(), sim.is_finished())
    }
}

/// Calls `step` until it gives its result, or for at most [`SLICE_BUDGET_MS`] (`None`): one slice
/// of long work, in a task of its own.
fn for_one_slice<T>(mut step: impl FnMut() -> Option<T>) -> Option<T> {
    let started = now_ms();
    loop {
        if let Some(done) = step() {
            return Some(done);
        }
        if now_ms() - started >= SLICE_BUDGET_MS {
            return None;
        }
    }
}

in_chunk! {
    /// The finished simulation's figures.
    fn summarize(simulation: Rc<RefCell<Simulation>>) in work -> MonteCarloReport {
        simulation.borrow().summary()
    }
}

in_chunk! {
    /// The verdict's figures, without what would change the answer (found next, in steps).
    fn decision(offer: Offer) in work -> Result<Decision, String> {
        decide_first(&offer).map_err(|e| e.to_string())
    }
}

in_chunk! {
    /// The inputs whose rows [`TurningPoints`] finds.
    fn turning_inputs(offer: Rc<Offer>) in work -> Vec<(Input, Decimal)> {
        risk_inputs(&offer)
    }
}

in_chunk! {
    /// Searches for one row of what would change the answer for one slice (a row revalues the
    /// offer a few dozen times): `Some` once it is found (`None` inside if the engine could not
    /// value it), `None` while it is not.
    fn turning_row_slice(offer: Rc<Offer>, search: Rc<RefCell<RowSearch>>) in work -> Option<Option<RiskRow>> {
        let mut search = search.borrow_mut();
        for_one_slice(|| search.step(&offer).transpose().map(Result::ok))
    }
}

in_chunk! {
    /// The risk-adjusted breakeven.
    fn turning_breakeven(offer: Rc<Offer>, net: f64) in work -> Option<f64> {
        risk_breakeven_revenue_scale(&offer, net).ok().flatten()
    }
}

/// What would change the answer, found after the verdict is on screen: each input's row in slices
/// of a task each, then the breakeven after risk, then the verdict again with them (its caveat and
/// breakeven). A newer change stops it.
struct TurningPoints {
    ws: Workspace,
    run: Run,
    offer: Rc<Offer>,
    net: f64,
    /// The inputs whose rows are sought, and the rows found so far.
    inputs: Vec<(Input, Decimal)>,
    rows: Vec<RiskRow>,
}

impl TurningPoints {
    fn new(ws: Workspace, run: Run, offer: Offer, decision: &Decision) -> TurningPoints {
        let (offer, net) = (Rc::new(offer), decision.risk_adjusted_net);
        TurningPoints { ws, run, offer, net, inputs: Vec::new(), rows: Vec::new() }
    }

    fn start(mut self) {
        when_ready(turning_inputs(Rc::clone(&self.offer)), move |inputs| {
            self.inputs = inputs.unwrap_or_default();
            self.row(0);
        });
    }

    /// Starts input `i`'s search, or the breakeven after the last input.
    fn row(self, i: usize) {
        if !self.run.is_current() {
            return;
        }
        match self.inputs.get(i) {
            Some(&(input, now)) => {
                let search = RowSearch::new(input, now, self.net);
                self.search(i, Rc::new(RefCell::new(search)));
            }
            None => self.finish(),
        }
    }

    /// One slice of input `i`'s search; the next in a task of its own, or the next input's row.
    fn search(mut self, i: usize, search: Rc<RefCell<RowSearch>>) {
        if !self.run.is_current() {
            return;
        }
        let slice = turning_row_slice(Rc::clone(&self.offer), Rc::clone(&search));
        when_ready(slice, move |found| match found {
            Ok(None) => next_task(move || self.search(i, search)),
            found => {
                self.rows.extend(found.ok().flatten().flatten());
                next_task(move || self.row(i.saturating_add(1)));
            }
        });
    }

    fn finish(self) {
        when_ready(turning_breakeven(Rc::clone(&self.offer), self.net), move |scale| {
            if !self.run.is_current() {
                return;
            }
            let found = WhatChangesIt::new(scale.ok().flatten(), self.rows);
            self.ws.decision.update(|decided| {
                if let Some(Ok(decision)) = decided.as_mut().map(|d| d.decision.as_mut()) {
                    decision.what_changes_it = Some(found);
                }
            });
        });
    }
}
