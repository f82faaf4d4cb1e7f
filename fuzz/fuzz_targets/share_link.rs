//! Any URL fragment: the share-link decoder never panics, and an offer it accepts encodes back to a
//! link that decodes to the same offer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tokenworth::store::share::{decode_fragment, encode_fragment};

fuzz_target!(|fragment: &str| {
    if let Ok(offer) = decode_fragment(fragment) {
        assert_eq!(decode_fragment(&encode_fragment(&offer)), Ok(offer));
    }
});
