//! Anything typed into a number field: the entry parser never panics, and normalizing its own
//! output gives the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenworth::offer::entry::normalize_entry;

fuzz_target!(|text: &str| {
    if let Ok(normal) = normalize_entry(text) {
        assert_eq!(normalize_entry(&normal).as_deref(), Ok(normal.as_str()), "not idempotent for {text:?}");
    }
});
