//! Money and figures for people and reports, rounded to cents half away from zero (`engine::cents`).
//!
//! The JSON report uses [`cents`] (`"85295.19"`); the details, the ledgers, the CSV and the figure
//! lines of `tokenworth value --text` show [`money`] (`$85,295.19`).
//!
//! Headline and verdict figures are estimates, and are shown as people speak of estimates
//! ([`money_spoken`]): **three significant figures from 1,000 up, whole units below**, half away
//! from zero (`$85,295.19` → `$85,300`, `$407,714.86` → `$408,000`, `-$10,890.94` → `-$10,900`,
//! `$612.49` → `$612`). The exact figure is one step away: on the page in the figure's
//! `data-exact` attribute and title, and under "Exact figures"; in the report, in cents.
//! [`Precision`] chooses between the two where the same words can be said either way.
//!
//! On a page in another locale than en-US, the figures are written in its style
//! (`report::locale`: `1.234,56 €`): the same digits, rounded here, laid out as the person reads
//! them. `data-exact` keeps the form above ([`crate::report::locale::neutral`]).

use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

pub use crate::engine::cents::{round_cents, round_decimal_cents};
use crate::report::locale::style;

/// The report's money text: two decimals, no grouping (`"-10890.94"`).
#[must_use]
pub fn cents(amount: f64) -> String {
    match round_cents(amount) {
        Some(d) => format!("{:.2}", normalize_zero(d)),
        // Beyond Decimal's 7.9e28 an f64 has no cents to round: print its value as it is.
        None if amount.is_finite() => format!("{amount:.2}"),
        None => "NaN".to_string(),
    }
}

/// The report's text for a decimal ledger amount.
#[must_use]
pub fn decimal_cents(amount: Decimal) -> String {
    format!("{:.2}", normalize_zero(round_decimal_cents(amount)))
}

/// Money as people read it: currency sign, thousands separators, cents (`-$1,234.50`, `€12.00`,
/// `CHF 3.10`).
#[must_use]
pub fn money(amount: f64, currency: &str) -> String {
    let text = cents(amount);
    money_text(&text, currency)
}

/// [`money`] for a decimal ledger amount.
#[must_use]
pub fn money_decimal(amount: Decimal, currency: &str) -> String {
    money_text(&decimal_cents(amount), currency)
}

/// An exact figure as a law writes it (a threshold, a ceiling): whole units when it is whole
/// (`£50,270`), its own decimals otherwise; never rounded.
#[must_use]
pub fn money_figure(amount: Decimal, currency: &str) -> String {
    with_currency(&amount.normalize().to_string(), currency)
}

/// How amounts are said in a sentence or a headline figure: as estimates ([`money_spoken`]) or
/// to the cent ([`money`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    /// Three significant figures from 1,000 up, whole units below.
    #[default]
    Spoken,
    /// To the cent.
    Exact,
}

/// Money in one currency at one [`Precision`]: what the verdict's and the summary's sentences
/// say their figures with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amounts<'a> {
    pub currency: &'a str,
    pub precision: Precision,
}

impl Amounts<'_> {
    /// An amount.
    #[must_use]
    pub fn of(&self, amount: f64) -> String {
        match self.precision {
            Precision::Spoken => money_spoken(amount, self.currency),
            Precision::Exact => money(amount, self.currency),
        }
    }

    /// A decimal amount.
    #[must_use]
    pub fn of_decimal(&self, amount: Decimal) -> String {
        match self.precision {
            Precision::Spoken => money_spoken_decimal(amount, self.currency),
            Precision::Exact => money_decimal(amount, self.currency),
        }
    }
}

/// Money as people speak of an estimate: three significant figures from 1,000 up, whole units
/// below, half away from zero (`$85,300`, `-€10,900`, `CHF 612`). See the module's doc.
#[must_use]
pub fn money_spoken(amount: f64, currency: &str) -> String {
    match Decimal::from_f64_retain(amount).or_else(|| Decimal::from_f64(amount)) {
        Some(d) => money_spoken_decimal(d, currency),
        None => money(amount, currency),
    }
}

/// [`money_spoken`] for a decimal amount.
#[must_use]
pub fn money_spoken_decimal(amount: Decimal, currency: &str) -> String {
    // Rounded once, on the amount itself (never to cents first, which could round twice): from
    // 1,000 up, at the power of ten that leaves three significant figures.
    let whole_at = |step: Decimal| {
        amount
            .checked_div(step)
            .map(|d| d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
            .and_then(|d| d.checked_mul(step))
    };
    let mut step = Decimal::ONE;
    let mut spoken = whole_at(step).unwrap_or(amount);
    while spoken.abs().checked_div(step).is_some_and(|digits| digits >= Decimal::ONE_THOUSAND) {
        let Some(next) = step.checked_mul(Decimal::TEN) else { break };
        step = next;
        spoken = whole_at(step).unwrap_or(spoken);
    }
    with_currency(&normalize_zero(spoken).round_dp(0).to_string(), currency)
}

/// A factor on an amount, such as the breakeven's share of the planned revenue: two decimals
/// (`0.42×`, `2.50×`), or two significant figures below 0.1 (`0.0042×`) so that a small factor is
/// never shown as `0.00×`.
#[must_use]
pub fn times(factor: f64) -> String {
    if factor != 0.0 && factor.abs() < 0.1 && factor.is_finite() {
        let digits = (-factor.abs().log10().floor()) as usize + 1;
        format!("{}×", group_digits(&format!("{factor:.digits$}")))
    } else {
        format!("{}×", group_digits(&format!("{factor:.2}")))
    }
}

/// A name as an owner (`Acme's`, `Atlas Labs'`): a name ending in s takes the apostrophe alone.
#[must_use]
pub fn possessive(name: &str) -> String {
    if name.ends_with(['s', 'S']) {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// A share given in percent, to four decimals without the trailing zeros (`2%`, `0.0025%`,
/// `33.3333%`): a grant's share of the pool, which may be tiny, never read as `2.0000 %`.
#[must_use]
pub fn share_pct(pct: f64) -> String {
    let shown = format!("{pct:.4}");
    let shown = shown.trim_end_matches('0').trim_end_matches('.');
    let shown = if shown == "-0" { "0" } else { shown };
    match style() {
        Some(style) => style.percent(shown),
        None => format!("{shown}%"),
    }
}

/// A percentage whose number is `plain` (`12.5`): `12.5%` as the command line writes it, or in
/// the page's locale (`12,5 %`).
#[must_use]
pub fn percent_number(plain: &str) -> String {
    match style() {
        Some(style) => style.percent(plain),
        None => format!("{plain}%"),
    }
}

/// [`percent_number`] with the space the command line writes before the sign where a law's
/// figures are quoted (`25 %`).
#[must_use]
pub fn percent_number_spaced(plain: &str) -> String {
    match style() {
        Some(style) => style.percent(plain),
        None => format!("{plain} %"),
    }
}

/// A probability as a percentage with one decimal (`13.8%`).
#[must_use]
pub fn percent(probability: f64) -> String {
    let pct = round_cents(probability * 100.0)
        .map(|d| d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero));
    match pct {
        Some(d) => match style() {
            Some(style) => style.percent(&format!("{:.1}", normalize_zero(d))),
            None => format!("{:.1}%", normalize_zero(d)),
        },
        None => "NaN".to_string(),
    }
}

/// Thousands separators for a plain decimal text (`1250000.5` → `1,250,000.5`); other text is
/// returned as it is. In the page's locale, if it installed one (`report::locale`).
#[must_use]
pub fn group_digits(text: &str) -> String {
    match style() {
        Some(style) => style.number(text),
        None => group_digits_en(text),
    }
}

/// [`group_digits`] as the command line writes it.
fn group_digits_en(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || fraction.is_some_and(|f| !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return text.to_string();
    }
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 + 1);
    grouped.push_str(sign);
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if let Some(f) = fraction {
        grouped.push('.');
        grouped.push_str(f);
    }
    grouped
}

/// Groups the integer digits of a report money text and adds the currency.
fn money_text(cents_text: &str, currency: &str) -> String {
    if cents_text.contains('.') {
        with_currency(cents_text, currency)
    } else {
        with_currency(&format!("{cents_text}.00"), currency)
    }
}

/// A plain number's text (`-1234.5`) with its digits grouped and the currency before them, after
/// the sign: `-$1,234.5`, `CHF 612`.
fn with_currency(number: &str, currency: &str) -> String {
    if let Some(style) = style() {
        return style.money(number, currency);
    }
    let (sign, digits) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let grouped = group_digits_en(digits);
    match currency_symbol(currency) {
        Some(symbol) => format!("{sign}{symbol}{grouped}"),
        None => format!("{sign}{currency} {grouped}"),
    }
}

fn currency_symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        "INR" => Some("₹"),
        _ => None,
    }
}

/// `-0.00` reads as a loss that is not there.
fn normalize_zero(d: Decimal) -> Decimal {
    if d.is_zero() {
        Decimal::ZERO.round_dp(2)
    } else {
        d
    }
}

/// Text for a terminal with every control character but the line break and the tab written as
/// `\u001b` (as JSON writes it), and the bidirectional overrides too: a name in a file could
/// otherwise clear the screen, set the window's title or the clipboard, or hide text (issue 30).
/// JSON text stays JSON: serde_json already escapes what is below U+0020, and what this escapes
/// can only be inside its strings.
#[must_use]
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_as_written() {
        assert_eq!(possessive("Acme"), "Acme's");
        assert_eq!(possessive("Atlas Labs"), "Atlas Labs'");
    }

    #[test]
    fn a_share_of_the_pool_keeps_its_digits_not_its_zeros() {
        for (pct, shown) in [
            (2.0, "2%"),
            (0.0025, "0.0025%"),
            (12.5, "12.5%"),
            (100.0 / 3.0, "33.3333%"),
            (0.00001, "0%"),
            (100.0, "100%"),
        ] {
            assert_eq!(share_pct(pct), shown, "{pct}");
        }
    }

    /// Issue 30: escape sequences (clear screen, window title, clipboard, an 8-bit CSI, a carriage
    /// return, a right-to-left override) are written out, lines and tabs kept.
    #[test]
    fn control_characters_are_written_out_for_a_terminal() {
        for (raw, shown) in [
            ("Base", "Base"),
            ("\u{1b}[2J\u{1b}]0;pwned\u{7}", "\\u001b[2J\\u001b]0;pwned\\u0007"),
            ("\u{1b}]52;c;aGk=\u{1b}\\", "\\u001b]52;c;aGk=\\u001b\\"),
            ("a\u{9b}31mb\u{7f}", "a\\u009b31mb\\u007f"),
            ("over\rwrite", "over\\u000dwrite"),
            ("abc\u{202e}txt.exe", "abc\\u202etxt.exe"),
            ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ] {
            assert_eq!(for_terminal(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn rounds_half_away_from_zero() {
        for (amount, want) in [
            (0.125, "0.13"),
            (-0.125, "-0.13"),
            (2.675, "2.67"), // 2.675 is 2.67499999… in binary: no double rounding.
            (-0.001, "0.00"),
            (85295.194, "85295.19"),
            (1e15, "1000000000000000.00"),
            (8e28, "79999999999999996664957894656.00"), // 8e28 as the nearest f64, in full.
        ] {
            assert_eq!(cents(amount), want, "{amount}");
        }
    }

    #[test]
    fn money_for_people() {
        for (amount, currency, want) in [
            (1234567.891, "USD", "$1,234,567.89"),
            (-10890.94, "EUR", "-€10,890.94"),
            (0.0, "GBP", "£0.00"),
            (999.999, "CHF", "CHF 1,000.00"),
            (100.0, "USD", "$100.00"),
        ] {
            assert_eq!(money(amount, currency), want);
        }
        assert_eq!(percent(0.1384099361146619), "13.8%");
        for (plain, grouped) in [
            ("1250000", "1,250,000"),
            ("2.50", "2.50"),
            ("-1234.5", "-1,234.5"),
            ("abc", "abc"),
            ("", ""),
            ("100", "100"),
        ] {
            assert_eq!(group_digits(plain), grouped);
        }
        assert_eq!(percent(1.0), "100.0%");
    }

    #[test]
    fn money_as_people_speak_of_estimates() {
        for (amount, currency, want) in [
            (85295.19, "USD", "$85,300"),
            (407714.86, "USD", "$408,000"),
            (-10890.94, "EUR", "-€10,900"),
            (612.49, "CHF", "CHF 612"),
            (612.5, "USD", "$613"),
            (999.49, "USD", "$999"),
            (999.5, "USD", "$1,000"),
            (1234.5, "USD", "$1,230"),
            (1235.0, "USD", "$1,240"),
            (1234.996, "USD", "$1,230"), // rounded once: not to cents (1,235.00) first
            (9995.0, "USD", "$10,000"),
            (7.9e28, "USD", "$79,000,000,000,000,000,000,000,000,000"),
            (20000.0, "GBP", "£20,000"),
            (1234567.891, "USD", "$1,230,000"),
            (-0.4, "USD", "$0"),
            (0.0, "USD", "$0"),
            (0.5, "USD", "$1"),
        ] {
            assert_eq!(money_spoken(amount, currency), want, "{amount}");
        }
        assert_eq!(money_spoken_decimal(Decimal::new(2_000_000, 2), "USD"), "$20,000");
        let exact = Amounts { currency: "USD", precision: Precision::Exact };
        assert_eq!(exact.of(85295.19), "$85,295.19");
        let spoken = Amounts { currency: "USD", precision: Precision::Spoken };
        assert_eq!(spoken.of_decimal(Decimal::new(1_250_050, 2)), "$12,500");
        for (factor, want) in [
            (0.4199, "0.42×"),
            (2.5, "2.50×"),
            (0.0042, "0.0042×"),
            (0.0, "0.00×"),
            (1234.5, "1,234.50×"),
        ] {
            assert_eq!(times(factor), want, "{factor}");
        }
    }
}
