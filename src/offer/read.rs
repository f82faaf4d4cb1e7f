//! Reading an offer file.
use super::{Offer, OfferError};
/// Parses and validates an offer file.
pub fn parse_offer(text: &str) -> Result<Offer, OfferError> { let _ = text; Err(OfferError::Invalid(vec![])) }
