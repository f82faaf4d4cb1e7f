//! The person's number format, from the browser's own `Intl.NumberFormat` (issue 26): which
//! locale (the link's `locale=`, so that shares and embeds keep the author's; then the person's
//! choice, kept in local storage; then the browser's language), measured once at the start into a
//! `report::locale::NumberStyle` that `report::format` writes every figure in.
//!
//! en-US is `format`'s own style: on an en-US page nothing is installed, and the figures are byte
//! for byte the command line's.

use js_sys::{Array, Intl::NumberFormat, Object, Reflect};
use wasm_bindgen::JsValue;

use super::chunk::in_chunk;
use crate::report::locale::{set_style, CurrencyPatterns, NumberStyle, Pattern, Piece};

/// The currencies measured for the locale; another is laid out as the euro is, with its code.
const CURRENCIES: [&str; 16] = [
    "USD", "EUR", "GBP", "JPY", "INR", "CHF", "CAD", "AUD", "CNY", "SEK", "NOK", "DKK", "PLN",
    "BRL", "SGD", "HKD",
];

/// The link's parameter (`?locale=de-DE`).
pub const PARAM: &str = "locale";

/// The locales offered in the chooser, with a sample of each: `(tag, what the person reads)`.
pub const CHOICES: &[(&str, &str)] = &[
    ("en-US", "English (US): 1,234.56"),
    ("en-GB", "English (UK): 1,234.56"),
    ("en-IN", "English (India): 12,34,567.89"),
    ("de-DE", "Deutsch (Deutschland): 1.234,56"),
    ("de-CH", "Deutsch (Schweiz): 1’234.56"),
    ("fr-FR", "Français (France): 1 234,56"),
    ("fr-CA", "Français (Canada): 1 234,56"),
    ("es-ES", "Español (España): 1234,56"),
    ("it-IT", "Italiano: 1.234,56"),
    ("nl-NL", "Nederlands: 1.234,56"),
    ("pt-BR", "Português (Brasil): 1.234,56"),
    ("ja-JP", "日本語: 1,234.56"),
];

/// The locale the person reads figures in, when it is not en-US (`format`'s own): the link's,
/// else their choice (never read in an embed, which leaves the reader's storage alone), else
/// their browser's.
#[must_use]
pub fn wanted(embedded: bool) -> Option<String> {
    let chosen = if embedded { None } else { super::storage::read_locale() };
    let locale = [from_link(), chosen, browser()].into_iter().flatten().find(|l| well_formed(l))?;
    (!matches!(locale.as_str(), "en-US" | "en")).then_some(locale)
}

in_chunk! {
    /// What `locale`'s figures look like, as the browser's `Intl.NumberFormat` writes them: in a
    /// chunk of its own, fetched before the page is drawn only for a locale other than en-US.
    pub fn measured(locale: String) in locale -> Option<NumberStyle> { measure(&locale) }
}

/// Runs `mount` once the page's number style is installed: at once for en-US, after the
/// `locale` chunk has measured another locale (Leptos's executor starts with the mount: before
/// it, the browser's own). The calculator and the Company view start alike.
pub fn then_mount(embedded: bool, mount: impl FnOnce() + 'static) {
    match wanted(embedded) {
        None => mount(),
        Some(locale) => wasm_bindgen_futures::spawn_local(async move {
            if let Ok(Some(style)) = measured(locale).await {
                install(style);
            }
            mount();
        }),
    }
}

/// Installs the style measured: every figure is written in it from now on.
pub fn install(style: NumberStyle) {
    // Measured as en-US (a browser's `en-US-u-…`): format's own style, byte for byte.
    if style.locale != "en-US" {
        set_style(Some(style));
    }
}

/// The locale the page shows figures in (`en-US` unless another was found): share links and the
/// embed snippet carry it.
#[must_use]
pub fn in_use() -> String {
    crate::report::locale::style().map_or_else(|| "en-US".to_string(), |s| s.locale.clone())
}

/// The person's stored choice, or "" for their browser's.
#[must_use]
pub fn chosen() -> String {
    super::storage::read_locale().unwrap_or_default()
}

/// Keeps the person's choice ("" for the browser's), takes the link's `locale=` out of the address
/// (the choice is theirs now) and reloads: every figure is drawn again in the new format. The
/// offers are in storage, so nothing is lost.
pub fn choose(locale: &str) {
    super::storage::write_locale((!locale.is_empty()).then_some(locale));
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let path = location.pathname().unwrap_or_default()
        + &without_locale(&search)
        + &location.hash().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
    let _ = location.reload();
}

/// A query (`?embed&locale=de-DE`) without its `locale=` (`?embed`).
#[must_use]
pub fn without_locale(search: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(PARAM))
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// An address (before its `#`) with the locale in use as its `locale=`.
#[must_use]
pub fn with_locale(address: &str) -> String {
    let (path, search) = match address.split_once('?') {
        Some((p, s)) => (p, format!("?{s}")),
        None => (address, String::new()),
    };
    let rest = without_locale(&search);
    let joiner = if rest.is_empty() { "?" } else { "&" };
    format!("{path}{rest}{joiner}{PARAM}={}", in_use())
}

fn from_link() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == PARAM).then(|| value.to_string())
    })
}

fn browser() -> Option<String> {
    let window: JsValue = web_sys::window()?.into();
    let navigator = Reflect::get(&window, &JsValue::from_str("navigator")).ok()?;
    Reflect::get(&navigator, &JsValue::from_str("language")).ok()?.as_string()
}

/// A language tag Intl accepts without throwing: `de`, `de-DE`, `zh-Hant-TW`, `es-419`.
fn well_formed(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let alpha = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
    };
    if !parts.next().is_some_and(|l| alpha(l, 2..=3)) {
        return false;
    }
    let mut rest: Vec<&str> = parts.collect();
    if rest.first().is_some_and(|s| alpha(s, 4..=4)) {
        rest.remove(0);
    }
    match rest.as_slice() {
        [] => true,
        [region] => {
            alpha(region, 2..=2)
                || (region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit()))
        }
        _ => false,
    }
}

/// `Intl.NumberFormat(locale, options)`.
fn number_format(locale: &str, options: &[(&str, JsValue)]) -> NumberFormat {
    let object = Object::new();
    for (key, value) in options {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    NumberFormat::new(&Array::of1(&JsValue::from_str(locale)), &object)
}

/// `formatToParts`, as `(type, value)` pairs.
fn parts(format: &NumberFormat, number: f64) -> Vec<(String, String)> {
    let get = |part: &JsValue, key: &str| {
        Reflect::get(part, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    format.format_to_parts(number).iter().map(|p| (get(&p, "type"), get(&p, "value"))).collect()
}

/// The parts as a pattern: the digits and their signs one [`Piece::Number`], the rest text.
fn pattern(parts: &[(String, String)]) -> Pattern {
    let mut pieces = Vec::new();
    for (kind, value) in parts {
        if matches!(kind.as_str(), "integer" | "group" | "decimal" | "fraction") {
            if pieces.last() != Some(&Piece::Number) {
                pieces.push(Piece::Number);
            }
        } else {
            pieces.push(Piece::Text(value.clone()));
        }
    }
    Pattern(pieces)
}

/// What `locale`'s figures look like, as the browser formats them.
fn measure(locale: &str) -> Option<NumberStyle> {
    let plain = number_format(locale, &[]);
    let resolved = Reflect::get(&plain.resolved_options(), &JsValue::from_str("locale"))
        .ok()
        .and_then(|l| l.as_string())?;
    let big = parts(&plain, -1_234_567.5);
    let find = |kind: &str| big.iter().find(|(k, _)| k == kind).map(|(_, v)| v.clone());
    let integers: Vec<usize> =
        big.iter().filter(|(k, _)| k == "integer").map(|(_, v)| v.chars().count()).collect();
    let indian = integers.len() > 2 && integers.get(1) == Some(&2);
    let min_grouped = if parts(&plain, 1234.0).iter().any(|(k, _)| k == "group") { 4 } else { 5 };
    let percent = number_format(
        locale,
        &[
            ("style", "percent".into()),
            ("minimumFractionDigits", 0.into()),
            ("maximumFractionDigits", 1.into()),
        ],
    );
    let percent = pattern(&parts(&percent, 0.5));
    let currencies = CURRENCIES
        .iter()
        .map(|code| {
            let format = number_format(
                &resolved,
                &[("style", "currency".into()), ("currency", (*code).into())],
            );
            let patterns = CurrencyPatterns {
                positive: pattern(&parts(&format, 1234.5)),
                negative: pattern(&parts(&format, -1234.5)),
            };
            ((*code).to_string(), patterns)
        })
        .collect();
    Some(NumberStyle::new(
        &resolved,
        &find("decimal").unwrap_or_else(|| ".".into()),
        &find("group").unwrap_or_else(|| ",".into()),
        indian,
        min_grouped,
        &find("minusSign").unwrap_or_else(|| "-".into()),
        percent,
        currencies,
    ))
}
