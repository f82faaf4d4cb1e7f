//! The engine's speed in Chromium's WebAssembly, run by `scripts/wasm-bench.sh` (not part of the
//! test suite: it prints timings and asserts nothing). Same work as `benches/engine.rs`.
#![cfg(target_arch = "wasm32")]

use tokenworth::engine::{value_exact, Simulation};
use tokenworth::{parse_offer, Offer};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// The median time of `runs` runs of `work`, in milliseconds.
fn median_ms(runs: usize, mut work: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = now_ms();
            work();
            now_ms() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn acme() -> Offer {
    parse_offer(include_str!("../examples/acme-copilot.json")).unwrap()
}

#[wasm_bindgen_test]
fn engine_speed_in_webassembly() {
    let acme = acme();
    let exact = median_ms(51, || {
        std::hint::black_box(value_exact(&acme).unwrap());
    });
    let mut small = acme.clone();
    small.simulation.paths = 10_000;
    let mc_small = median_ms(21, || {
        std::hint::black_box(Simulation::new(&small).unwrap().finish());
    });
    let mut big = acme.clone();
    big.horizon_months = 120;
    big.simulation.paths = 1_000_000;
    let mc_big = median_ms(3, || {
        std::hint::black_box(Simulation::new(&big).unwrap().finish());
    });
    console_log!("WASM exact valuation, acme-copilot (60 months, 3 scenarios) {exact:.3} ms");
    console_log!("WASM Monte Carlo 10,000 paths x 60 months (acme, 40% vol) {mc_small:.3} ms");
    console_log!("WASM Monte Carlo 1,000,000 paths x 120 months (acme, 40% vol) {mc_big:.3} ms");
}
