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
                            let steps = TurningPoints::new(offer, &first);
                            next_task(move || steps.run(self, run));
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
    /// Runs the simulation for at most [`SLICE_BUDGET_MS`]: the paths done, and whether it is
    /// finished.
    fn run_slice(simulation: Rc<RefCell<Simulation>>) in work -> (u32, bool) {
        let started = now_ms();
        let mut sim = simulation.borrow_mut();
        while !sim.is_finished() && now_ms() - started < SLICE_BUDGET_MS {
            sim.run(PATHS_PER_CHECK);
        }
        (sim.done(), sim.is_finished())
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
    /// Searches for one row of what would change the answer for at most [`SLICE_BUDGET_MS`] (a
    /// row revalues the offer a few dozen times): `Some` once it is found (`None` inside if the
    /// engine could not value it), `None` while it is not.
    fn turning_row_slice(offer: Rc<Offer>, search: Rc<RefCell<RowSearch>>) in work -> Option<Option<RiskRow>> {
        let started = now_ms();
        let mut search = search.borrow_mut();
        loop {
            match search.step(&offer) {
                Ok(None) if now_ms() - started < SLICE_BUDGET_MS => {}
                Ok(None) => break None,
                Ok(Some(row)) => break Some(Some(row)),
                Err(_) => break Some(None),
            }
        }
    }
}

in_chunk! {
    /// The risk-adjusted breakeven.
    fn turning_breakeven(offer: Rc<Offer>, net: f64) in work -> Option<f64> {
        risk_breakeven_revenue_scale(&offer, net).ok().flatten()
    }
}

/// What would change the answer, found after the verdict is on screen: one input a task, then
/// the breakeven after risk, then the verdict again with them (its caveat and breakeven).
struct TurningPoints {
    offer: Rc<Offer>,
    net: f64,
}

impl TurningPoints {
    fn new(offer: Offer, decision: &Decision) -> TurningPoints {
        TurningPoints { offer: Rc::new(offer), net: decision.risk_adjusted_net }
    }

    fn run(self, ws: Workspace, run: Run) {
        when_ready(turning_inputs(Rc::clone(&self.offer)), move |inputs| {
            let inputs = inputs.unwrap_or_default();
            self.row(ws, run, Rc::new(inputs), 0, Vec::new());
        });
    }

    /// Finds input `i`'s row in slices of a task each, then the next.
    fn row(
        self,
        ws: Workspace,
        run: Run,
        inputs: Rc<Vec<(Input, Decimal)>>,
        i: usize,
        rows: Vec<RiskRow>,
    ) {
        if !run.is_current() {
            return;
        }
        let Some(&(input, now)) = inputs.get(i) else {
            self.finish(ws, run, rows);
            return;
        };
        let search = Rc::new(RefCell::new(RowSearch::new(input, now, self.net)));
        self.search(ws, run, inputs, i, rows, search);
    }

    /// One slice of input `i`'s search; the next in a task of its own, or the next input's row.
    fn search(
        self,
        ws: Workspace,
        run: Run,
        inputs: Rc<Vec<(Input, Decimal)>>,
        i: usize,
        mut rows: Vec<RiskRow>,
        search: Rc<RefCell<RowSearch>>,
    ) {
        if !run.is_current() {
            return;
        }
        let slice = turning_row_slice(Rc::clone(&self.offer), Rc::clone(&search));
        when_ready(slice, move |found| match found {
            Ok(None) => next_task(move || self.search(ws, run, inputs, i, rows, search)),
            found => {
                rows.extend(found.ok().flatten().flatten());
                next_task(move || self.row(ws, run, inputs, i.saturating_add(1), rows));
            }
        });
    }

    fn finish(self, ws: Workspace, run: Run, rows: Vec<RiskRow>) {
        when_ready(turning_breakeven(Rc::clone(&self.offer), self.net), move |scale| {
            if !run.is_current() {
                return;
            }
            let found = WhatChangesIt::new(scale.ok().flatten(), rows);
            ws.decision.update(|decided| {
                if let Some(Ok(decision)) = decided.as_mut().map(|d| d.decision.as_mut()) {
                    decision.what_changes_it = Some(found);
                }
            });
        });
    }
}
