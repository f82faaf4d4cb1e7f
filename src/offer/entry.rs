//! Numbers as people type them into a form: `1,250,000`, `1.25M`, `250k`, `12.5%`, ` 3 `.
//!
//! The result is the plain decimal text the offer file stores (`"1250000"`), so that the validator
//! sees exactly what the person meant and reports its own message at the field.

use rust_decimal::Decimal;

use super::reader::parse_decimal;

/// Why a typed number could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryError(pub String);

/// Reads a typed amount: thousands separators (`,`, `_`, thin or plain spaces between digit groups),
/// a suffix `k` (thousand), `m`/`M`/`mn` (million), `b`/`bn` (billion), an optional `%`, and
/// currency signs (`$`, `€`, `£`, `¥`) in front. Returns the exact decimal.
pub fn parse_entry(text: &str) -> Result<Decimal, EntryError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(EntryError("enter a number".to_string()));
    }
    let (negative, unsigned) = match trimmed.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let unsigned = unsigned.trim_start_matches(['$', '€', '£', '¥']).trim();
    let unsigned = unsigned.strip_suffix('%').map_or(unsigned, str::trim_end);
    let (number, multiplier) = split_suffix(unsigned)?;
    let digits = strip_group_separators(number)?;
    if digits.is_empty() || !digits.bytes().any(|b| b.is_ascii_digit()) {
        return Err(EntryError(format!("\"{}\" is not a number", text.trim())));
    }
    if !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') || digits.matches('.').count() > 1 {
        return Err(EntryError(format!("\"{}\" is not a number", text.trim())));
    }
    let value = parse_decimal(&digits).map_err(EntryError)?;
    let scaled = value
        .checked_mul(multiplier)
        .ok_or_else(|| EntryError(format!("\"{}\" is too large", text.trim())))?;
    Ok(if negative { -scaled } else { scaled })
}

/// The decimal text to store for a typed amount (`"1.25M"` → `"1250000"`).
pub fn normalize_entry(text: &str) -> Result<String, EntryError> {
    parse_entry(text).map(|d| d.normalize().to_string())
}

/// Splits `1.25M` into `("1.25", 1_000_000)`.
fn split_suffix(text: &str) -> Result<(&str, Decimal), EntryError> {
    let lower = text.to_ascii_lowercase();
    for (suffix, multiplier) in [
        ("bn", 1_000_000_000i64),
        ("mn", 1_000_000),
        ("k", 1_000),
        ("m", 1_000_000),
        ("b", 1_000_000_000),
    ] {
        if lower.ends_with(suffix) {
            let number = text[..text.len() - suffix.len()].trim_end();
            return Ok((number, Decimal::from(multiplier)));
        }
    }
    if text.bytes().last().is_some_and(|b| b.is_ascii_alphabetic()) {
        return Err(EntryError(format!(
            "\"{text}\": use k for thousands, M for millions, bn for billions"
        )));
    }
    Ok((text, Decimal::ONE))
}

/// Removes separators between groups of three digits; a separator elsewhere (`1,2`) is refused so
/// that a decimal comma is never silently read as a thousands separator.
fn strip_group_separators(text: &str) -> Result<String, EntryError> {
    let is_separator = |c: char| matches!(c, ',' | '_' | ' ' | '\u{202f}' | '\u{a0}' | '\'');
    if !text.contains(is_separator) {
        return Ok(text.to_string());
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let groups: Vec<&str> = whole.split(is_separator).collect();
    let well_grouped = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3);
    if !well_grouped || fraction.is_some_and(|f| f.contains(is_separator)) {
        return Err(EntryError(format!(
            "\"{text}\" is not a number: separate thousands as 1,250,000 and use a point for decimals"
        )));
    }
    let mut digits = groups.concat();
    if let Some(f) = fraction {
        digits.push('.');
        digits.push_str(f);
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_type() {
        for (typed, want) in [
            ("1,250,000", "1250000"),
            ("1.25M", "1250000"),
            ("1.25m", "1250000"),
            ("250k", "250000"),
            ("250 K", "250000"),
            ("3bn", "3000000000"),
            ("2.5 mn", "2500000"),
            ("$180,000", "180000"),
            ("€ 95000", "95000"),
            ("12.5%", "12.5"),
            (" 42 ", "42"),
            ("0.1000000000000000000001", "0.1000000000000000000001"),
            ("1 250 000", "1250000"),
            ("1_000.50", "1000.5"),
            ("-3", "-3"),
            (".5", "0.5"),
        ] {
            assert_eq!(normalize_entry(typed).as_deref(), Ok(want), "{typed}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_read_for_sure() {
        for typed in
            ["", "abc", "1,2", "12,50", "1.2.3", "5x", "k", "1,000.0,0", "--3", "1e", "12.5.%"]
        {
            assert!(parse_entry(typed).is_err(), "{typed:?} should be refused");
        }
    }
}
