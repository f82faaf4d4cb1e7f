//! `cargo bench`: the engine's speed on the example offers, against the budgets of the issues
//! (exact valuation well under 5 ms; 10,000 paths × 60 months under 10 ms; 1,000,000 × 120 under 2 s).
//! Prints figures; it asserts nothing, since timings belong in notes, not in tests.

use std::hint::black_box;
use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use tokenworth::engine::monte_carlo::percentiles;
use tokenworth::engine::random::Random;
use tokenworth::engine::turning_points::{risk_breakeven_revenue_scale, risk_inputs, risk_row};
use tokenworth::engine::{decide, decide_first, value_exact, value_exact_figures, Simulation};
use tokenworth::offer::Mix;
use tokenworth::{parse_offer, Offer};

fn example(name: &str) -> Offer {
    let path = format!("{}/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("example offer");
    parse_offer(&text).expect("valid example")
}

/// The median time of `runs` runs of `work`.
fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn report(label: &str, time: Duration) {
    println!("{label:<58} {:>10.3} ms", time.as_secs_f64() * 1e3);
}

fn main() {
    // `cargo bench` passes --bench; a filter argument is not supported and not needed.
    let acme = example("acme-copilot");
    let lab = example("research-lab");

    report(
        "exact valuation, acme-copilot (60 months, 3 scenarios)",
        median(51, || {
            black_box(value_exact(black_box(&acme)).expect("values"));
        }),
    );
    report(
        "exact valuation, research-lab (48 months, 3 scenarios)",
        median(51, || {
            black_box(value_exact(black_box(&lab)).expect("values"));
        }),
    );

    report(
        "the headline with the deal, acme (value_exact_figures)",
        median(51, || {
            black_box(value_exact_figures(black_box(&acme)).expect("values"));
        }),
    );
    report(
        "the verdict without what would change it, acme (decide_first)",
        median(51, || {
            black_box(decide_first(black_box(&acme)).expect("decides"));
        }),
    );
    let inputs = risk_inputs(&acme);
    let slowest = inputs
        .iter()
        .map(|&(input, now)| {
            median(11, || {
                black_box(risk_row(black_box(&acme), input, now, 5_700.0).expect("a row"));
            })
        })
        .max()
        .unwrap_or_default();
    report(
        &format!(
            "what would change the answer, acme: the slowest of {} rows (a task each on the page)",
            inputs.len()
        ),
        slowest,
    );
    report(
        "the breakeven after risk, acme",
        median(21, || {
            black_box(risk_breakeven_revenue_scale(black_box(&acme), 5_700.0).expect("solves"));
        }),
    );
    report(
        "decision, research-lab (unfair: four asks solved)",
        median(51, || {
            black_box(decide(black_box(&lab)).expect("decides"));
        }),
    );
    let mut unfair = acme.clone();
    unfair.salary.sacrificed_annual = Decimal::from(25_000);
    report(
        "decision, acme at 25,000 given up (four asks solved)",
        median(51, || {
            black_box(decide(black_box(&unfair)).expect("decides"));
        }),
    );
    let mut mixed = acme.clone();
    mixed.mix = Some(Mix {
        tokens_per_unit: Decimal::new(5, 1),
        max_sacrificed_annual: Decimal::from(60_000),
        step_annual: Decimal::ONE,
    });
    report(
        "decision with a mix, acme (60,001 choices searched)",
        median(21, || {
            black_box(decide(black_box(&mixed)).expect("decides"));
        }),
    );

    let mut mc = acme.clone();
    mc.simulation.paths = 10_000;
    report(
        "Monte Carlo 10,000 paths x 60 months (acme, 40% vol)",
        median(21, || {
            black_box(Simulation::new(black_box(&mc)).expect("prepares").finish());
        }),
    );

    let mut big = acme.clone();
    big.horizon_months = 120;
    big.simulation.paths = 1_000_000;
    report(
        "Monte Carlo 1,000,000 paths x 120 months (acme, 40% vol)",
        median(3, || {
            black_box(Simulation::new(black_box(&big)).expect("prepares").finish());
        }),
    );

    // Version 3: a searched breakeven (a hurdle) on the keystroke path, and draws priced month by
    // month where terms bend (tender prices per scenario, a cap, sale limits).
    let budget = example("compute-budget");
    report(
        "exact figures, compute-budget (hurdle: breakeven by bisection)",
        median(21, || {
            black_box(value_exact_figures(black_box(&budget)).expect("values"));
        }),
    );
    let mut tenders = example("tender-units");
    tenders.simulation.revenue_volatility_pct = Decimal::from(40);
    report(
        "exact valuation, tender-units (60 months, prices per scenario)",
        median(51, || {
            black_box(value_exact(black_box(&tenders)).expect("values"));
        }),
    );
    report(
        "Monte Carlo 10,000 paths x 60 months (tender-units, 40% vol, draws priced monthly)",
        median(21, || {
            black_box(Simulation::new(black_box(&tenders)).expect("prepares").finish());
        }),
    );

    // Version 4 (issue 25): the Monte Carlo of an offer taxed at vest with a quit rule, against
    // the same offer taxed when it pays with no rule (budget: within 1.5×); and its headline.
    let mut vest = example("taxed-at-vest");
    vest.simulation.paths = 100_000;
    let mut plain = vest.clone();
    plain.leaving.quit_if = None;
    plain.personal.taxed_at = tokenworth::offer::TaxedAt::Payout;
    plain.personal.long_term_redemption_tax_pct = None;
    plain.personal.long_term_after_months = None;
    let without = median(11, || {
        black_box(Simulation::new(black_box(&plain)).expect("prepares").finish());
    });
    let with = median(11, || {
        black_box(Simulation::new(black_box(&vest)).expect("prepares").finish());
    });
    report(
        "Monte Carlo 100,000 paths x 60 months (taxed-at-vest as payout, no quit rule)",
        without,
    );
    report("Monte Carlo 100,000 paths x 60 months (taxed at vest, quit rule)", with);
    println!(
        "{:<58} {:>10.2} x",
        "  taxed at vest with a quit rule, against without",
        with.as_secs_f64() / without.as_secs_f64()
    );
    report(
        "the headline, taxed-at-vest (value_exact_figures: grid breakeven, quit rule's worth)",
        median(21, || {
            black_box(value_exact_figures(black_box(&vest)).expect("values"));
        }),
    );

    // The summary of a finished run: in the browser it has a task to itself, which must stay short.
    let mut rng = Random::new(7);
    let values: Vec<f64> =
        (0..1_000_000).map(|i| if i % 5 == 0 { 0.0 } else { rng.normal().abs() * 1e5 }).collect();
    report(
        "percentiles of 1,000,000 simulated values (7 ranks)",
        median(11, || {
            black_box(percentiles(black_box(&values), [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]));
        }),
    );
}
