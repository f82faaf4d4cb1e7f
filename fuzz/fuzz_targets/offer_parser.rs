//! Any bytes given as an offer file: the reader never panics (invalid UTF-8 is refused before it,
//! as the command line and the browser's file reader do); an offer it accepts survives
//! write-then-read unchanged, and values and decides without panicking to figures that hang
//! together.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenworth::engine::{decide, value_exact, Simulation};
use tokenworth::{parse_offer, write_offer, EngineError};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(offer) = parse_offer(text) else { return };
    let written = write_offer(&offer);
    assert_eq!(
        parse_offer(&written).as_ref(),
        Ok(&offer),
        "write-then-read changed the offer:\n{written}"
    );

    // The exact valuation (with its sensitivity table) on the offer as given; an overflow must be
    // an error naming the figure, never a panic.
    let report = match value_exact(&offer) {
        Ok(report) => report,
        Err(EngineError::Overflow(what)) => {
            assert!(!what.is_empty(), "an overflow error that names no figure");
            return;
        }
    };
    let e = &report.expected;
    for (name, x) in [
        ("token_pv", e.token_pv),
        ("sacrifice_pv", e.sacrifice_pv),
        ("salary_pv", e.salary_pv),
        ("certainty_equivalent", report.certainty_equivalent),
        ("salary_equivalent", report.salary_equivalent_annual_pretax),
    ] {
        assert!(x.is_finite() && x >= 0.0, "{name} = {x}");
    }
    assert!(e.net_pv == e.token_pv - e.sacrifice_pv, "net_pv {e:?}");
    let d = &report.distribution;
    assert!(d.p10 <= d.p50 && d.p50 <= d.p90, "percentiles {d:?}");
    // (A hair above 1 is the float sum of the path weights; the figure must not be far off.)
    assert!((0.0..=1.0 + 1e-9).contains(&report.prob_zero), "prob_zero {}", report.prob_zero);
    let _ = tokenworth::report::to_json(&report);

    // The verdict: asks solved, the mix searched; an overflow is an error, never a panic, and a
    // fair offer asks for nothing.
    if let Ok(decision) = decide(&offer) {
        assert!(
            decision.risk_adjusted_net.is_finite() && decision.expected_net.is_finite(),
            "{decision:?}"
        );
        assert_eq!(decision.asks.is_none(), decision.risk_adjusted_net >= 0.0, "{decision:?}");
        let _ = tokenworth::report::verdict::verdict(&report, &decision);
    }

    // A short simulation of the same offer (the fuzzer cannot afford the offer's own path count).
    let mut quick = offer;
    quick.simulation.paths = quick.simulation.paths.min(16);
    if let Ok(mut simulation) = Simulation::new(&quick) {
        simulation.run(u32::MAX);
        let mc = simulation.summary();
        let p = &mc.percentiles;
        let chain = [p.p5, p.p10, p.p25, p.p50, p.p75, p.p90, p.p95];
        assert!(chain.windows(2).all(|w| w[0] <= w[1]), "simulated percentiles {chain:?}");
        assert!(mc.mean.is_finite() && (0.0..=1.0).contains(&mc.prob_zero), "{mc:?}");
    }
});
