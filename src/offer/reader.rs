//! The reader kit every tokenworth file is read with (the offer file here, the team file in
//! `crate::team`): a walk over the JSON tree by hand that records every problem at its path
//! (`scenarios[2].probability_pct`) and goes on with a placeholder, so that one reading finds them
//! all; decimals read exactly from the number's own text; the bounds every file is read to.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{FieldError, OFFER_VERSION};

/// The longest horizon the model values, in months.
pub const MAX_HORIZON_MONTHS: u32 = 240;

/// The words of every list-length error (see [`FieldError::is_beyond_bounds`]).
pub(crate) const BEYOND_BOUNDS: &str = "tokenworth reads at most";

/// The latest month a term may name: 100 years, five longest horizons. A month past the horizon
/// pays nothing but still counts in a vesting run's share per step, so it is kept as written, not
/// clamped; past a century it is a slip, and refusing it bounds what any month can cost.
pub const MAX_MONTH: u32 = 1_200;

/// A 1-based position. serde_json reports an error found at a line's end (or in empty text) as
/// column 0 of the line after it; that is the last character of the line before.
pub(crate) fn syntax_position(text: &str, line: usize, column: usize) -> (usize, usize) {
    if column > 0 {
        return (line, column);
    }
    match line.checked_sub(2).and_then(|previous| text.lines().nth(previous)) {
        Some(previous) => (line - 1, previous.chars().count().max(1)),
        None => (line.max(1), 1),
    }
}

/// serde_json's message without its own " at line L column C" suffix, which we report apart.
pub(crate) fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// The field path of `key` inside `parent` (`grant` + `tokens` = `grant.tokens`).
pub(crate) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

pub(crate) fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// Collects errors while reading; every reader returns a placeholder after recording a problem, so
/// that the walk goes on and finds the rest.
pub(crate) struct Reader {
    pub(crate) errors: Vec<FieldError>,
    /// The file's own version, 1 to [`OFFER_VERSION`].
    pub(crate) version: u32,
    /// The version of the file that added a field (the offer file's own table); a field of a
    /// later version than the file's is refused as such.
    pub(crate) introduced_in: fn(&str) -> u32,
}

impl Default for Reader {
    fn default() -> Self {
        Reader { errors: Vec::new(), version: 0, introduced_in: |_| 1 }
    }
}

/// A JSON object being read, with its path.
pub(crate) struct Fields<'v> {
    pub(crate) map: &'v Map<String, Value>,
    pub(crate) path: String,
}

impl<'v> Fields<'v> {
    pub(crate) fn path_of(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

impl Reader {
    pub(crate) fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError { path: path.into(), message: message.into() });
    }

    /// An object with only the allowed keys; each unknown key is an error at its own path.
    pub(crate) fn object<'v>(
        &mut self,
        value: &'v Value,
        path: &str,
        allowed: &[&str],
    ) -> Option<Fields<'v>> {
        let Value::Object(map) = value else {
            self.error(path_or_root(path), format!("must be an object, not {}", kind(value)));
            return None;
        };
        for key in map.keys() {
            let since = (self.introduced_in)(key);
            let known = allowed.contains(&key.as_str());
            if known && since <= self.version {
                continue;
            }
            let message = if known {
                format!(
                    "is a field of version {since} of the offer file; this file says \"version\": {}",
                    self.version
                )
            } else {
                format!("is not a field of this object; the fields are: {}", allowed.join(", "))
            };
            self.error(join(path, key), message);
        }
        Some(Fields { map, path: path.to_string() })
    }

    /// A field that must be present (and not `null`).
    pub(crate) fn required<'v>(&mut self, fields: &Fields<'v>, key: &str) -> Option<&'v Value> {
        match fields.map.get(key) {
            None | Some(Value::Null) => {
                self.error(fields.path_of(key), "is required");
                None
            }
            Some(v) => Some(v),
        }
    }

    /// A field that may be absent or `null`.
    pub(crate) fn optional<'v>(fields: &Fields<'v>, key: &str) -> Option<&'v Value> {
        match fields.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    pub(crate) fn string(&mut self, fields: &Fields<'_>, key: &str) -> String {
        match self.required(fields, key) {
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                self.error(fields.path_of(key), format!("must be text, not {}", kind(other)));
                String::new()
            }
            None => String::new(),
        }
    }

    /// One of a few named values; the first stands in after an error.
    pub(crate) fn choice<T: Copy>(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        options: &[(&str, T)],
    ) -> T {
        let given = self.string(fields, key);
        if let Some((_, value)) = options.iter().find(|(name, _)| *name == given) {
            return *value;
        }
        if fields.map.get(key).is_some_and(Value::is_string) {
            let names: Vec<String> =
                options.iter().map(|(name, _)| format!("\"{name}\"")).collect();
            self.error(
                fields.path_of(key),
                format!("is \"{given}\"; it must be one of {}", names.join(", ")),
            );
        }
        options[0].1
    }

    /// A decimal read exactly from a JSON string or number.
    pub(crate) fn decimal_value(&mut self, value: &Value, path: &str) -> Option<Decimal> {
        let text = match value {
            Value::String(s) => s.as_str().to_string(),
            Value::Number(n) => n.to_string(),
            other => {
                self.error(
                    path,
                    format!("must be a number (as \"12.5\" or 12.5), not {}", kind(other)),
                );
                return None;
            }
        };
        match parse_decimal(&text) {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(path, why);
                None
            }
        }
    }

    pub(crate) fn decimal_in(&mut self, fields: &Fields<'_>, key: &str, range: Range) -> Decimal {
        let Some(value) = self.required(fields, key) else { return Decimal::ZERO };
        self.checked_decimal(value, &fields.path_of(key), range)
    }

    pub(crate) fn optional_decimal_in(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        range: Range,
    ) -> Option<Decimal> {
        let value = Self::optional(fields, key)?;
        Some(self.checked_decimal(value, &fields.path_of(key), range))
    }

    pub(crate) fn checked_decimal(&mut self, value: &Value, path: &str, range: Range) -> Decimal {
        let Some(d) = self.decimal_value(value, path) else { return Decimal::ZERO };
        if let Some(why) = range.violation(d) {
            self.error(path, why);
        }
        d
    }

    /// A JSON integer (not a string, not a fraction) within `min..=max`.
    pub(crate) fn whole_value(&mut self, value: &Value, path: &str, min: u64, max: u64) -> u64 {
        let n = match value {
            Value::Number(n) => n.as_u64().or_else(|| {
                // "12.0" or "1e2" may still be a whole number; "-3" and "2.5" are not.
                parse_decimal(&n.to_string())
                    .ok()
                    .filter(|d| d.fract().is_zero() && !d.is_sign_negative())
                    .and_then(|d| u64::try_from(d).ok())
            }),
            _ => None,
        };
        match n {
            Some(n) if (min..=max).contains(&n) => n,
            Some(_) => {
                self.error(path, whole_range_message(min, max));
                min
            }
            None => {
                self.error(
                    path,
                    format!(
                        "must be a whole number written without quotes ({})",
                        range_words(min, max)
                    ),
                );
                min
            }
        }
    }

    pub(crate) fn whole(&mut self, fields: &Fields<'_>, key: &str, min: u64, max: u64) -> u64 {
        match self.required(fields, key) {
            Some(v) => self.whole_value(v, &fields.path_of(key), min, max),
            None => min,
        }
    }

    pub(crate) fn month(&mut self, fields: &Fields<'_>, key: &str, min: u32) -> u32 {
        match self.required(fields, key) {
            Some(v) => self.month_value(v, &fields.path_of(key), min),
            None => min,
        }
    }

    /// A month (or a number of months) from `min` to [`MAX_MONTH`].
    pub(crate) fn month_value(&mut self, value: &Value, path: &str, min: u32) -> u32 {
        // A whole number past the bound, even one too long for a decimal, is named as such.
        let past = match value {
            Value::Number(n) => {
                let text = n.to_string();
                match parse_decimal(&text) {
                    Ok(d) if d.fract().is_zero() && d > Decimal::from(MAX_MONTH) => {
                        Some(d.normalize().to_string())
                    }
                    // (Digits only, so cutting at any byte is safe; the message stays short.)
                    Err(_) if text.bytes().all(|b| b.is_ascii_digit()) && text.len() > 40 => {
                        Some(format!("{}…", &text[..40]))
                    }
                    Err(_) if text.bytes().all(|b| b.is_ascii_digit()) => Some(text),
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some(n) = past {
            self.error(
                path,
                format!("is {n} months; a term may name months up to {MAX_MONTH} (100 years), and none past the horizon ({MAX_HORIZON_MONTHS} months at most) is valued"),
            );
            return min;
        }
        narrow(self.whole_value(value, path, u64::from(min), u64::from(MAX_MONTH)))
    }

    /// Whether a list is longer than `max`: if so, the error at its path says so, and the caller
    /// reads none of its entries, so that its length costs nothing more (issue 30).
    pub(crate) fn too_long(&mut self, items: &[Value], path: &str, max: usize, noun: &str) -> bool {
        let long = items.len() > max;
        if long {
            self.error(path, format!("lists {} {noun}; {BEYOND_BOUNDS} {max}", items.len()));
        }
        long
    }

    /// Checks that the names of a list's entries (`(index, name)`) are non-empty and unique; a repeat
    /// is reported at the second one. Returns the names seen.
    pub(crate) fn unique_names<'n>(
        &mut self,
        names: impl Iterator<Item = (usize, &'n str)>,
        list: &str,
        noun: &str,
    ) -> HashSet<&'n str> {
        let mut seen = HashSet::new();
        for (i, name) in names {
            let path = format!("{list}[{i}].name");
            if name.trim().is_empty() {
                self.error(path, "must not be empty");
            } else if !seen.insert(name) {
                self.error(path, format!("\"{name}\" is already the name of another {noun}"));
            }
        }
        seen
    }
}

/// The allowed values of a decimal field.
#[derive(Clone, Copy)]
pub(crate) enum Range {
    /// 0 to 100 inclusive.
    Percent,
    /// 0 up to but not including 100.
    TaxRate,
    /// Any amount of money from zero up.
    Money,
    /// A factor from zero up.
    NonNegative,
    /// More than zero.
    Positive,
    /// 0 to 20.
    RiskAversion,
    /// More than 0, at most 100: one entry of a vesting schedule.
    SchedulePercent,
}

impl Range {
    pub(crate) fn violation(self, d: Decimal) -> Option<&'static str> {
        let hundred = Decimal::ONE_HUNDRED;
        match self {
            Range::Percent if d.is_sign_negative() && !d.is_zero() || d > hundred => {
                Some("must be a percentage from 0 to 100")
            }
            Range::TaxRate if d.is_sign_negative() && !d.is_zero() || d >= hundred => {
                Some("must be a tax rate from 0 up to, but not including, 100 %")
            }
            Range::Money if d.is_sign_negative() && !d.is_zero() => {
                Some("must be an amount of zero or more")
            }
            Range::NonNegative if d.is_sign_negative() && !d.is_zero() => {
                Some("must be zero or more")
            }
            Range::Positive if d <= Decimal::ZERO => Some("must be more than zero"),
            Range::SchedulePercent if d <= Decimal::ZERO || d > hundred => {
                Some("must be a percentage more than 0 and at most 100")
            }
            Range::RiskAversion
                if d.is_sign_negative() && !d.is_zero() || d > Decimal::from(20) =>
            {
                Some("must be from 0 (risk-neutral) to 20")
            }
            _ => None,
        }
    }
}

/// Reads a decimal exactly from its text: plain (`12.5`) or scientific (`1.25e6`).
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("must be a number, not empty text".to_string());
    }
    let parsed = if trimmed.contains(['e', 'E']) {
        Decimal::from_scientific(trimmed)
    } else {
        Decimal::from_str_exact(trimmed)
    };
    parsed.map_err(|_| {
        if trimmed.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+') {
            format!("\"{trimmed}\" has more digits or is larger than tokenworth can hold exactly (28 digits)")
        } else {
            format!("\"{trimmed}\" is not a number")
        }
    })
}

pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn path_or_root(path: &str) -> &str {
    if path.is_empty() {
        "(the document)"
    } else {
        path
    }
}

pub(crate) fn whole_range_message(min: u64, max: u64) -> String {
    format!("must be {}", range_words(min, max))
}

pub(crate) fn range_words(min: u64, max: u64) -> String {
    if max == u64::MAX || max == u64::from(u32::MAX) {
        format!("{min} or more")
    } else {
        format!("from {min} to {max}")
    }
}

/// Values checked against a `u32` bound on reading always fit.
pub(crate) fn narrow(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Reader {
    /// A reader for another file read the same way (the team file of `crate::team`): it knows
    /// every field of the newest offer version, so no field is called "of version 2".
    pub(crate) fn at_newest_version() -> Reader {
        Reader { version: OFFER_VERSION, ..Reader::default() }
    }

    /// Every problem found so far, in the order found.
    pub(crate) fn into_errors(self) -> Vec<FieldError> {
        self.errors
    }
}
