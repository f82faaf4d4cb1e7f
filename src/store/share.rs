//! Share links: a whole offer in a URL fragment (`#offer=v1.<base64url>`), so that nothing is sent
//! to any server when a link is opened.
//!
//! A link is untrusted input. Decoding checks its size before anything else, then the version tag,
//! the base64url alphabet and UTF-8, and finally hands the JSON to the offer reader, which validates
//! every field. Nothing from a link is ever run; it can only become an offer document on screen.

use serde_json::Value;

use crate::offer::{parse_json, read_offer, write_offer, Offer, OfferError};

/// What a fragment starts with.
pub const FRAGMENT_PREFIX: &str = "offer=";
/// The codec's version tag.
pub const SHARE_VERSION: &str = "v1";
/// The longest fragment accepted, in bytes: far above any real offer (the examples need under
/// 2 KB), far below what would slow the page down.
pub const MAX_FRAGMENT_BYTES: usize = 64 * 1024;

/// Why a share link could not be opened, in words for the page that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// No offer in this fragment.
    Missing,
    TooLong {
        bytes: usize,
    },
    /// A version this build cannot read (a newer tokenworth made the link).
    UnknownVersion(String),
    /// Damaged on the way: not base64url, not UTF-8 or not JSON.
    Damaged(String),
    /// The offer in it is not valid.
    Invalid(Vec<crate::offer::FieldError>),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::Missing => write!(f, "this link holds no offer"),
            ShareError::TooLong { bytes } => {
                write!(f, "this link is {bytes} bytes long, more than any offer needs ({MAX_FRAGMENT_BYTES})")
            }
            ShareError::UnknownVersion(v) => {
                write!(f, "this link was made by a newer tokenworth (format {v})")
            }
            ShareError::Damaged(why) => write!(f, "this link is damaged ({why}); ask for it again"),
            ShareError::Invalid(errors) => {
                write!(f, "the offer in this link is not valid: ")?;
                for (i, e) in errors.iter().take(3).enumerate() {
                    write!(f, "{}{}: {}", if i > 0 { "; " } else { "" }, e.path, e.message)?;
                }
                Ok(())
            }
        }
    }
}

impl From<OfferError> for ShareError {
    fn from(e: OfferError) -> ShareError {
        match e {
            OfferError::Invalid(errors) => ShareError::Invalid(errors),
            OfferError::Syntax { message, .. } => {
                ShareError::Damaged(format!("not JSON: {message}"))
            }
        }
    }
}

/// The fragment (without `#`) that carries `offer`.
#[must_use]
pub fn encode_fragment(offer: &Offer) -> String {
    let json: Value = serde_json::from_str(&write_offer(offer)).unwrap_or(Value::Null);
    let compact = serde_json::to_string(&json).unwrap_or_default();
    format!("{FRAGMENT_PREFIX}{SHARE_VERSION}.{}", base64url_encode(compact.as_bytes()))
}

/// The fragment of a link a person sends: the offer's terms and scenarios, and their own
/// figures (the `personal` section: savings, tax rates, discount rate, attitude to risk) only when
/// `own` is true; otherwise the reader sees a new offer's defaults there (issue 28).
#[must_use]
pub fn encode_share(offer: &Offer, own: bool) -> String {
    if own {
        return encode_fragment(offer);
    }
    let mut sent = offer.clone();
    if let Some(defaults) = default_personal() {
        sent.personal = defaults;
    }
    encode_fragment(&sent)
}

/// Whether an offer's own figures are a new offer's defaults (what a link without them carries).
#[must_use]
pub fn has_default_personal(offer: &Offer) -> bool {
    default_personal().is_some_and(|p| p == offer.personal)
}

/// A new offer's `personal` section (`draft::blank_offer`'s: one copy of the defaults).
fn default_personal() -> Option<crate::offer::Personal> {
    read_offer(&crate::form::draft::blank_offer("")).ok().map(|o| o.personal)
}

/// The offer in a fragment (with or without its `#`), validated.
pub fn decode_fragment(fragment: &str) -> Result<Offer, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_FRAGMENT_BYTES {
        return Err(ShareError::TooLong { bytes: fragment.len() });
    }
    let payload = fragment.strip_prefix(FRAGMENT_PREFIX).ok_or(ShareError::Missing)?;
    let (version, data) =
        payload.split_once('.').ok_or_else(|| ShareError::Damaged("no version tag".into()))?;
    if version != SHARE_VERSION {
        return Err(ShareError::UnknownVersion(version.chars().take(12).collect()));
    }
    let bytes =
        base64url_decode(data).ok_or_else(|| ShareError::Damaged("not base64url".into()))?;
    let text =
        String::from_utf8(bytes).map_err(|_| ShareError::Damaged("not UTF-8 text".into()))?;
    read_offer(&parse_json(&text)?).map_err(ShareError::from)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): safe in a URL fragment as it is.
#[must_use]
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// The inverse of [`base64url_encode`]; `None` for any character outside the alphabet or a
/// length no encoding produces.
#[must_use]
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|p| p as u32);
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        for i in 0..produced {
            out.push(((n >> (16 - 8 * i)) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> Offer {
        crate::parse_offer(include_str!("../../examples/acme-copilot.json")).unwrap()
    }

    /// Issue 28: a link leaves the sender's own figures out unless they choose to include them.
    #[test]
    fn a_link_carries_the_senders_own_figures_only_by_choice() {
        let offer = acme();
        assert_eq!(offer.personal.wealth, rust_decimal::Decimal::from(150_000));
        assert!(!has_default_personal(&offer));
        assert_eq!(decode_fragment(&encode_share(&offer, true)), Ok(offer.clone()));
        let sent = decode_fragment(&encode_share(&offer, false)).unwrap();
        assert!(has_default_personal(&sent));
        assert_eq!(sent.personal.wealth, rust_decimal::Decimal::from(100_000));
        assert_eq!(sent.personal.risk_aversion, rust_decimal::Decimal::from(2));
        assert_eq!(Offer { personal: offer.personal.clone(), ..sent }, offer, "all else as sent");
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37).wrapping_add(200)).collect();
            let text = base64url_encode(&bytes);
            assert!(text.bytes().all(|b| ALPHABET.contains(&b)));
            assert_eq!(base64url_decode(&text), Some(bytes));
        }
        assert_eq!(base64url_encode(b"tokenworth"), "dG9rZW53b3J0aA");
    }

    #[test]
    fn an_offer_survives_a_link() {
        let fragment = encode_fragment(&acme());
        assert!(fragment.starts_with("offer=v1."));
        assert!(fragment.len() < 3_000, "compact: {} bytes", fragment.len());
        assert_eq!(decode_fragment(&format!("#{fragment}")), Ok(acme()));
    }

    #[test]
    fn a_version_3_offer_survives_a_link() {
        for text in [
            include_str!("../../examples/tender-units.json"),
            include_str!("../../examples/compute-budget.json"),
        ] {
            let offer = crate::parse_offer(text).unwrap();
            assert_eq!(decode_fragment(&encode_fragment(&offer)), Ok(offer));
        }
    }

    /// Issue 30: a small link that asks for unbounded work (a 2 KB link with a run to month
    /// 4294967295, or 625 scenarios, which froze the page for 16 s) or gives a key twice is refused
    /// at the field's path, and nothing else in it is called wrong.
    #[test]
    fn links_that_ask_for_unbounded_work_are_refused_at_the_path() {
        let link = |edit: &dyn Fn(&mut Value)| {
            let mut doc: Value = serde_json::from_str(&write_offer(&acme())).unwrap();
            edit(&mut doc);
            format!("#offer=v1.{}", base64url_encode(doc.to_string().as_bytes()))
        };
        let refused = |fragment: &str| match decode_fragment(fragment) {
            Err(ShareError::Invalid(errors)) => {
                errors.into_iter().map(|e| (e.path, e.message)).collect::<Vec<_>>()
            }
            other => panic!("expected the offer refused, got {other:?}"),
        };
        let far_run = link(&|doc| {
            doc["grant"]["vesting"] = serde_json::json!({"schedule": [
                {"from_month": 1, "to_month": 4_294_967_295_u64, "every_months": 1, "pct": "100"}]});
        });
        assert!(far_run.len() < 2_500, "{} bytes", far_run.len());
        assert_eq!(
            refused(&far_run),
            [(
                "grant.vesting.schedule[0].to_month".to_string(),
                "is 4294967295 months; a term may name months up to 1200 (100 years), and none past the horizon (240 months at most) is valued".to_string()
            )]
        );
        let crowd = link(&|doc| {
            doc["horizon_months"] = 240.into();
            let one = |i: usize| serde_json::json!({"name": format!("S{i}"), "probability_pct": "0.16", "annual_revenue": ["1"]});
            doc["scenarios"] = (0..625).map(one).collect();
        });
        assert!(crowd.len() < MAX_FRAGMENT_BYTES, "{} bytes", crowd.len());
        assert_eq!(
            refused(&crowd),
            [(
                "scenarios".to_string(),
                "lists 625 scenarios; tokenworth reads at most 20".to_string()
            )]
        );
        let text = write_offer(&acme()).replacen("\"name\": ", "\"name\": \"X\", \"name\": ", 1);
        let doubled = format!("offer=v1.{}", base64url_encode(text.as_bytes()));
        assert_eq!(
            refused(&doubled),
            [(
                "name".to_string(),
                "is given more than once in its object; give each field once".to_string()
            )]
        );
        // A byte order mark reads as without it.
        let marked = format!("\u{feff}{}", write_offer(&acme()));
        assert_eq!(decode_fragment(&base64url_fragment(&marked)), Ok(acme()));
    }

    fn base64url_fragment(text: &str) -> String {
        format!("offer=v1.{}", base64url_encode(text.as_bytes()))
    }

    #[test]
    fn broken_and_tampered_links_are_refused_with_a_reason() {
        let good = encode_fragment(&acme());
        let cases: Vec<(String, &str)> = vec![
            (String::new(), "no offer"),
            ("offer=v9.abc".into(), "newer"),
            ("offer=v1.@@@".into(), "damaged"),
            ("offer=v1.".to_string() + &"A".repeat(MAX_FRAGMENT_BYTES), "bytes long"),
            (format!("offer=v1.{}", base64url_encode(b"{\"format\": 1")), "damaged"),
            (format!("offer=v1.{}", base64url_encode(&[0xff, 0xfe])), "damaged"),
            (good.replacen("offer=v1.", "offer=v1", 1), "damaged"),
        ];
        for (fragment, says) in cases {
            let error = decode_fragment(&fragment).unwrap_err();
            assert!(error.to_string().contains(says), "{fragment:.40}: {error}");
        }
        let mut tampered = acme();
        tampered.grant.tokens = tampered.grant.supply + 1;
        let link = format!("offer=v1.{}", base64url_encode(write_offer(&tampered).as_bytes()));
        assert!(
            matches!(decode_fragment(&link), Err(ShareError::Invalid(e)) if e[0].path == "grant.tokens")
        );
    }
}
