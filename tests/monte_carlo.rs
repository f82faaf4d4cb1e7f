//! The Monte Carlo of MODEL.md section 4 against the exact distribution of section 3: honest
//! statistics on every example at 0 %, 40 % and 100 % revenue volatility, reproducibility, and a
//! few figures pinned for a fixed seed.

use rust_decimal::Decimal;
use tokenworth::engine::exact::{sorted_values, weighted_percentile, Model};
use tokenworth::engine::{value_exact, MonteCarloReport, Simulation};
use tokenworth::{parse_offer, Offer};

const EXAMPLES: [&str; 3] = ["acme-copilot", "research-lab", "salary-only"];

fn example(name: &str) -> Offer {
    let path = format!("{}/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    parse_offer(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn simulate(offer: &Offer) -> MonteCarloReport {
    Simulation::new(offer).unwrap().finish()
}

fn with(offer: &Offer, volatility_pct: i64, paths: u32, seed: u64) -> Offer {
    let mut varied = offer.clone();
    varied.simulation.revenue_volatility_pct = Decimal::from(volatility_pct);
    varied.simulation.paths = paths;
    varied.simulation.seed = seed;
    varied
}

#[test]
fn simulated_mean_within_four_standard_errors_of_the_exact_mean() {
    for name in EXAMPLES {
        for volatility in [0, 40, 100] {
            for seed in [1, 2, 3] {
                let offer = with(&example(name), volatility, 20_000, seed);
                let exact = value_exact(&offer).unwrap().expected.token_pv;
                let mc = simulate(&offer);
                let gap = (mc.mean - exact).abs();
                assert!(
                    gap <= 4.0 * mc.std_error + 1e-9,
                    "{name} at {volatility}% seed {seed}: mean {} vs exact {exact} (se {})",
                    mc.mean,
                    mc.std_error
                );
            }
        }
    }
}

#[test]
fn prob_zero_agrees_with_the_exact_figure_within_sampling_error() {
    for name in EXAMPLES {
        for volatility in [0, 40, 100] {
            let offer = with(&example(name), volatility, 20_000, 11);
            let exact = value_exact(&offer).unwrap().prob_zero;
            let mc = simulate(&offer);
            let se = (exact * (1.0 - exact) / 20_000.0).sqrt();
            assert!(
                (mc.prob_zero - exact).abs() <= 4.0 * se + 1e-12,
                "{name} at {volatility}%: prob_zero {} vs exact {exact}",
                mc.prob_zero
            );
        }
    }
}

#[test]
fn percentiles_are_ordered_and_figures_are_sane() {
    for name in EXAMPLES {
        for volatility in [0, 40, 100] {
            let mc = simulate(&with(&example(name), volatility, 5_000, 3));
            let p = mc.percentiles;
            let chain = [p.p5, p.p10, p.p25, p.p50, p.p75, p.p90, p.p95];
            assert!(chain.windows(2).all(|w| w[0] <= w[1]), "{name} {volatility}%: {chain:?}");
            assert!(
                (0.0..=1.0).contains(&mc.prob_zero)
                    && (0.0..=1.0).contains(&mc.prob_below_sacrifice)
            );
            assert!(
                mc.certainty_equivalent <= mc.mean + 1e-9,
                "CE above the mean with risk aversion > 0"
            );
            assert_eq!(mc.paths, 5_000);
        }
    }
}

/// At 0 % volatility only the scenario and the leaving month are drawn, so the simulated quantiles
/// must fall between the exact distribution's just below and just above the same rank.
#[test]
fn at_zero_volatility_simulated_percentiles_converge_to_the_exact_distribution() {
    for name in ["acme-copilot", "research-lab"] {
        let offer = with(&example(name), 0, 200_000, 9);
        let model = Model::new(&offer, Decimal::ONE).unwrap();
        let exact = sorted_values(&model.paths());
        let mc = simulate(&offer).percentiles;
        for (q, simulated) in
            [(0.10, mc.p10), (0.25, mc.p25), (0.50, mc.p50), (0.75, mc.p75), (0.90, mc.p90)]
        {
            let low = weighted_percentile(&exact, q - 0.01);
            let high = weighted_percentile(&exact, q + 0.01);
            assert!(
                (low - 1e-9..=high + 1e-9).contains(&simulated),
                "{name} q={q}: simulated {simulated} outside exact [{low}, {high}]"
            );
        }
    }
}

#[test]
fn same_seed_same_numbers_and_slicing_changes_nothing() {
    let offer = with(&example("acme-copilot"), 40, 10_000, 42);
    let whole = simulate(&offer);
    assert_eq!(whole, simulate(&offer));
    let mut sliced = Simulation::new(&offer).unwrap();
    while !sliced.is_finished() {
        sliced.run(737);
    }
    assert_eq!(sliced.summary(), whole);
    let other = simulate(&with(&example("acme-copilot"), 40, 10_000, 43));
    assert_ne!(other.mean, whole.mean);
}

/// Pinned for seed 42 (the acme example's own settings): a change to the random stream, the draw
/// order or the path pricing shows up here. Re-pin only for a deliberate change, and say so.
#[test]
fn pinned_figures_for_a_fixed_seed() {
    let cases = [
        ("acme-copilot", 10_000, 42, "85505.62", "1856.88", "20349.22", 0.1336, "39739.71"),
        ("research-lab", 2_000, 5, "14326.02", "406.52", "4296.30", 0.0785, "10398.54"),
    ];
    for (name, paths, seed, mean, std_error, p50, prob_zero, ce) in cases {
        let mut offer = example(name);
        offer.simulation.paths = paths;
        offer.simulation.seed = seed;
        let mc = simulate(&offer);
        let cents = tokenworth::report::format::cents;
        assert_eq!(
            (
                cents(mc.mean).as_str(),
                cents(mc.std_error).as_str(),
                cents(mc.percentiles.p50).as_str(),
                mc.prob_zero,
                cents(mc.certainty_equivalent).as_str()
            ),
            (mean, std_error, p50, prob_zero, ce),
            "{name} seed {seed}"
        );
    }
}

#[test]
fn the_report_carries_the_simulation_and_the_cli_overrides_it() {
    let report = tokenworth::value(&example("acme-copilot")).unwrap();
    let mc = report.monte_carlo.as_ref().expect("value() simulates");
    assert_eq!((mc.paths, mc.seed), (10_000, 42));
    let json: serde_json::Value =
        serde_json::from_str(&tokenworth::report::to_json(&report)).unwrap();
    let block = &json["monte_carlo"];
    for key in [
        "paths",
        "seed",
        "mean",
        "std_error",
        "p5",
        "p10",
        "p25",
        "p50",
        "p75",
        "p90",
        "p95",
        "prob_zero",
        "prob_below_sacrifice",
        "certainty_equivalent",
    ] {
        assert!(!block[key].is_null(), "monte_carlo.{key} missing");
    }
    assert_eq!(block["mean"], "85505.62");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tokenworth"))
        .args(["value", "--paths", "2000", "--seed", "5"])
        .arg(format!("{}/examples/research-lab.json", env!("CARGO_MANIFEST_DIR")))
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["monte_carlo"]["paths"], 2000);
    assert_eq!(json["monte_carlo"]["seed"], 5);
    assert_eq!(json["monte_carlo"]["mean"], "14326.02");
}
