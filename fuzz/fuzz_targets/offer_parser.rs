//! Any text given as an offer file: the reader never panics; an offer it accepts is valued without
//! panicking and survives write-then-read unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(offer) = tokenworth::parse_offer(text) else { return };
    let written = tokenworth::write_offer(&offer);
    assert_eq!(tokenworth::parse_offer(&written).as_ref(), Ok(&offer), "write-then-read changed the offer");
    // Keep the valuation affordable for the fuzzer; the horizon and scenarios are as given.
    let mut quick = offer;
    quick.simulation.paths = quick.simulation.paths.min(200);
    if let Ok(report) = tokenworth::engine::value_exact(&quick) {
        assert!(report.expected.token_pv.is_finite() && report.prob_zero.is_finite());
    }
});
