//! Anything typed into a number field: the entry parser never panics; `parse_entry` and
//! `normalize_entry` accept the same texts; the normal text is a plain decimal (digits, at most one
//! point, an optional leading minus) of the same value; and normalizing it again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use tokenworth::offer::entry::{normalize_entry, parse_entry};

fuzz_target!(|text: &str| {
    let parsed = parse_entry(text);
    let normal = normalize_entry(text);
    match (parsed, normal) {
        (Ok(value), Ok(normal)) => {
            let digits = normal.strip_prefix('-').unwrap_or(&normal);
            assert!(
                !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && digits.matches('.').count() <= 1,
                "{text:?} normalizes to {normal:?}, not a plain decimal"
            );
            assert_eq!(
                Decimal::from_str_exact(&normal),
                Ok(value),
                "{text:?} normalizes to {normal:?}"
            );
            assert_eq!(
                parse_entry(&normal),
                Ok(value),
                "{normal:?} (from {text:?}) reads as another number"
            );
            assert_eq!(
                normalize_entry(&normal).as_deref(),
                Ok(normal.as_str()),
                "not idempotent for {text:?}"
            );
        }
        (Err(_), Err(_)) => {}
        (parsed, normal) => {
            panic!("{text:?}: parse_entry gives {parsed:?} but normalize_entry {normal:?}")
        }
    }
});
