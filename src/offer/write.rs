//! Writing an offer file: the exact inverse of [`super::parse_offer`] (decimals keep their text).

use serde::Serialize;

use super::{Offer, OFFER_FORMAT, OFFER_VERSION};

/// The file's tagged, versioned envelope around the offer's fields.
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    offer: &'a Offer,
}

/// The offer as a pretty-printed offer file of the newest version.
#[must_use]
pub fn write_offer(offer: &Offer) -> String {
    let envelope = Envelope { format: OFFER_FORMAT, version: OFFER_VERSION, offer };
    // Serializing plain data with string keys cannot fail; an empty object is the safe fallback.
    serde_json::to_string_pretty(&envelope).unwrap_or_else(|_| String::from("{}"))
}
