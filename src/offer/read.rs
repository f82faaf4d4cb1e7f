//! Reading an offer file: JSON text to a validated [`Offer`], with every problem reported at once.
//!
//! The reader walks the JSON tree itself rather than deriving `Deserialize`, so that it can keep going
//! after the first problem, name each field's path, refuse unknown fields at their own path, and read
//! decimals from the number's own text (serde_json's `arbitrary_precision` keeps it).

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{
    Answer, BudgetUnit, Buyback, Checklist, ComputeBudget, FieldError, Grant, Leaving, Milestone,
    Mix, Offer, OfferError, OnLeave, Payouts, Personal, PoolBasis, QuitRule, RevenueShare, Salary,
    SalaryAfterCancellation, Scenario, Simulation, TaxedAt, TenderPrice, Vesting, VestingEntry,
    WealthCounts, OFFER_FORMAT, OFFER_VERSION,
};

/// The version of the offer file that added a field, for the fields added after version 1: a
/// file of an older version that has one is told so, rather than that the field is unknown.
fn introduced_in(key: &str) -> u32 {
    match key {
        "mix" | "floor_price" => 2,
        "schedule"
        | "price"
        | "price_per_token"
        | "max_sale_per_window"
        | "former_max_sale_per_window"
        | "cap_per_token"
        | "hurdle_annual"
        | "expires_month"
        | "compute_budget" => 3,
        key if Checklist::COMPUTE_KEYS.contains(&key) => 3,
        "salary_after_cancellation"
        | "wealth_counts"
        | "quit_if"
        | "taxed_at"
        | "long_term_redemption_tax_pct"
        | "long_term_after_months"
        | "tax_residence"
        | "tax_year" => 4,
        _ => 1,
    }
}

/// The latest tax year `personal.tax_year` may name (MODEL.md 8.6).
pub const MAX_TAX_YEAR: u64 = 9999;

/// How far the scenario probabilities may miss 100 %.
const PROBABILITY_TOLERANCE_PCT: Decimal = Decimal::from_parts(1, 0, 0, false, 4);
/// The longest horizon the model values, in months.
pub const MAX_HORIZON_MONTHS: u32 = 240;
/// The most Monte Carlo paths one run may ask for.
pub const MAX_PATHS: u32 = 1_000_000;
/// The words of every list-length error (see [`FieldError::is_beyond_bounds`]).
pub(crate) const BEYOND_BOUNDS: &str = "tokenworth reads at most";
/// The latest month a term may name: 100 years, five longest horizons. A month past the horizon
/// pays nothing but still counts in a vesting run's share per step, so it is kept as written, not
/// clamped; past a century it is a slip, and refusing it bounds what any month can cost.
pub const MAX_MONTH: u32 = 1_200;
/// The most scenarios an offer may list. Offers list three to five; the exact valuation walks every
/// (scenario, leaving month) path over the horizon, so this bounds its work (issue 30).
pub const MAX_SCENARIOS: usize = 20;
/// The most milestones an offer may define (each priced in every month of every path).
pub const MAX_MILESTONES: usize = 50;
/// The most steps and runs a vesting schedule may list: one step a month over the longest horizon.
pub const MAX_SCHEDULE_ENTRIES: usize = MAX_HORIZON_MONTHS as usize;
/// The most yearly figures a scenario may list (revenue, tender prices): the longest horizon's
/// years, past which no year is reached.
pub const MAX_YEARS: usize = MAX_HORIZON_MONTHS as usize / 12;

/// Parses and validates an offer file.
///
/// Malformed JSON gives [`OfferError::Syntax`] with its line and column; a document that is JSON
/// but not a valid offer gives [`OfferError::Invalid`] with every problem found.
pub fn parse_offer(text: &str) -> Result<Offer, OfferError> {
    read_offer(&parse_json(text)?)
}

/// JSON text as every reader takes it (offers, team files, share links, imports): a leading UTF-8
/// byte order mark is skipped, as the browser's file reading skips it, so that the CLI and the page
/// read the same files; and a key given twice in one object is refused at its path, where
/// serde_json would silently keep the last (issue 30). Numbers keep their own text.
pub fn parse_json(text: &str) -> Result<Value, OfferError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let (line, column) = syntax_position(text, e.line(), e.column());
        OfferError::Syntax { line, column, message: syntax_message(&e) }
    })?;
    let repeated = repeated_keys(text);
    if repeated.is_empty() {
        Ok(value)
    } else {
        Err(OfferError::Invalid(repeated))
    }
}

/// Each key repeated within its object in `text` (JSON already parsed, so well formed), at the
/// key's path. A walk of the text's brackets, strings and separators rather than a second serde
/// visitor, which would add its own copy of the parser to the page's first load.
fn repeated_keys(text: &str) -> Vec<FieldError> {
    /// An open object (its path, the keys seen, the last key, whether a key comes next) or list
    /// (its path and the index of the current entry).
    enum Open {
        Object { path: String, keys: HashSet<String>, key: String, wants_key: bool },
        List { path: String, at: usize },
    }
    let mut found = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => {
                let path = match open.last() {
                    None => String::new(),
                    Some(Open::Object { path, key, .. }) => join(path, key),
                    Some(Open::List { path, at }) => index(path, *at),
                };
                open.push(if bytes[i] == b'{' {
                    Open::Object { path, keys: HashSet::new(), key: String::new(), wants_key: true }
                } else {
                    Open::List { path, at: 0 }
                });
            }
            b'}' | b']' => {
                open.pop();
            }
            b',' => match open.last_mut() {
                Some(Open::Object { wants_key, .. }) => *wants_key = true,
                Some(Open::List { at, .. }) => *at += 1,
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Open::Object { path, keys, key, wants_key: wants @ true }) =
                    open.last_mut()
                {
                    // The key as JSON means it: `"a"` and `"\u0061"` are one key.
                    *key = text
                        .get(start..=i)
                        .and_then(|k| serde_json::from_str(k).ok())
                        .unwrap_or_default();
                    *wants = false;
                    if !keys.insert(key.clone()) {
                        found.push(FieldError {
                            path: join(path, key),
                            message: "is given more than once in its object; give each field once"
                                .into(),
                        });
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Validates an offer already parsed as JSON (the app's storage and share links use this).
pub fn read_offer(value: &Value) -> Result<Offer, OfferError> {
    let mut reader = Reader::default();
    let offer = reader.offer(value);
    match offer {
        Some(offer) if reader.errors.is_empty() => Ok(offer),
        _ => Err(OfferError::Invalid(reader.errors)),
    }
}

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
#[derive(Default)]
pub(crate) struct Reader {
    errors: Vec<FieldError>,
    /// The file's own version, 1 to [`OFFER_VERSION`].
    version: u32,
}

/// A JSON object being read, with its path.
pub(crate) struct Fields<'v> {
    map: &'v Map<String, Value>,
    path: String,
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
            let since = introduced_in(key);
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

    /// A rule of version 4 (MODEL.md 8.1, 8.4): one of `options` in a version 4 file (the first,
    /// version 4's default, when absent or `null`); in an older file, `older`, the rule it always
    /// meant (the field itself is refused there by [`Reader::object`]).
    fn version_4_rule<T: Copy>(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        options: &[(&str, T)],
        older: T,
    ) -> T {
        match Self::optional(fields, key) {
            _ if self.version < 4 => older,
            Some(_) => self.choice(fields, key, options),
            None => options[0].1,
        }
    }

    /// One of a few named values; the first stands in after an error.
    fn choice<T: Copy>(&mut self, fields: &Fields<'_>, key: &str, options: &[(&str, T)]) -> T {
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
    fn decimal_value(&mut self, value: &Value, path: &str) -> Option<Decimal> {
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

    fn optional_decimal_in(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        range: Range,
    ) -> Option<Decimal> {
        let value = Self::optional(fields, key)?;
        Some(self.checked_decimal(value, &fields.path_of(key), range))
    }

    fn checked_decimal(&mut self, value: &Value, path: &str, range: Range) -> Decimal {
        let Some(d) = self.decimal_value(value, path) else { return Decimal::ZERO };
        if let Some(why) = range.violation(d) {
            self.error(path, why);
        }
        d
    }

    /// A JSON integer (not a string, not a fraction) within `min..=max`.
    fn whole_value(&mut self, value: &Value, path: &str, min: u64, max: u64) -> u64 {
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

    fn month(&mut self, fields: &Fields<'_>, key: &str, min: u32) -> u32 {
        match self.required(fields, key) {
            Some(v) => self.month_value(v, &fields.path_of(key), min),
            None => min,
        }
    }

    /// A month (or a number of months) from `min` to [`MAX_MONTH`].
    fn month_value(&mut self, value: &Value, path: &str, min: u32) -> u32 {
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

    fn offer(&mut self, value: &Value) -> Option<Offer> {
        const FIELDS: [&str; 15] = [
            "format",
            "version",
            "name",
            "currency",
            "horizon_months",
            "salary",
            "grant",
            "payouts",
            "leaving",
            "scenarios",
            "personal",
            "simulation",
            "checklist",
            "mix",
            "compute_budget",
        ];
        let Value::Object(map) = value else {
            self.error("", format!("an offer file must be a JSON object, not {}", kind(value)));
            return None;
        };
        // Format and version come first: a document of another kind or a newer version is refused
        // whole, never guessed at field by field.
        match map.get("format") {
            Some(Value::String(f)) if f == OFFER_FORMAT => {}
            Some(Value::String(f)) => {
                self.error(
                    "format",
                    format!("is \"{f}\"; this is not a tokenworth offer (\"{OFFER_FORMAT}\")"),
                );
                return None;
            }
            _ => {
                self.error("format", format!("is required and must be \"{OFFER_FORMAT}\""));
                return None;
            }
        }
        match map.get("version").and_then(Value::as_u64) {
            // Each version is read by its own rules: version 1 is version 2 without its new fields.
            Some(v @ 1..) if v <= u64::from(OFFER_VERSION) => self.version = narrow(v),
            Some(v) if v > u64::from(OFFER_VERSION) => {
                self.error(
                    "version",
                    format!("is {v}, newer than this tokenworth reads (up to {OFFER_VERSION}); use a newer tokenworth"),
                );
                return None;
            }
            _ => {
                self.error(
                    "version",
                    format!("must be a known version number (1 to {OFFER_VERSION})"),
                );
                return None;
            }
        }
        let fields = self.object(value, "", &FIELDS)?;
        let name = self.string(&fields, "name");
        let currency = self.string(&fields, "currency");
        let iso_shaped = currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase());
        if !currency.is_empty() && !iso_shaped {
            self.error("currency", "must be a three-letter currency code such as USD or EUR");
        }
        let horizon_months =
            narrow(self.whole(&fields, "horizon_months", 1, u64::from(MAX_HORIZON_MONTHS)));
        let salary = self.section(&fields, "salary", Self::salary);
        let grant = self.section(&fields, "grant", Self::grant);
        let payouts = self.section(&fields, "payouts", Self::payouts);
        let leaving = self.section(&fields, "leaving", Self::leaving);
        let scenarios = self.scenarios(&fields);
        let personal = self.section(&fields, "personal", Self::personal);
        let simulation = match Self::optional(&fields, "simulation") {
            Some(v) => self.simulation(v).unwrap_or_default(),
            None => Simulation::default(),
        };
        let checklist = match Self::optional(&fields, "checklist") {
            Some(v) => self.checklist(v),
            None => Checklist::default(),
        };
        let mix = Self::optional(&fields, "mix").and_then(|v| self.mix(v, "mix"));
        let compute_budget = Self::optional(&fields, "compute_budget")
            .and_then(|v| self.compute_budget(v, "compute_budget"));
        let (payouts, milestones) =
            payouts.map_or((None, Vec::new()), |(p, slots)| (Some(p), slots));
        // Every rule runs on whatever parts could be read, so one missing section does not hide
        // the other problems.
        self.cross_field_rules(
            grant.as_ref(),
            leaving.as_ref(),
            personal.as_ref(),
            payouts.as_ref(),
            &milestones,
            &scenarios,
        );
        if let (Some(mix), Some(salary), Some(grant)) = (&mix, &salary, &grant) {
            self.mix_rules(mix, salary, grant);
        }
        Some(Offer {
            name,
            currency,
            horizon_months,
            salary: salary?,
            grant: grant?,
            payouts: payouts?,
            leaving: leaving?,
            scenarios: scenarios.into_iter().collect::<Option<Vec<_>>>()?,
            personal: personal?,
            simulation,
            checklist,
            mix,
            compute_budget,
        })
    }

    /// A required sub-object read by `read`.
    fn section<T>(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        read: fn(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<T> {
        let value = self.required(fields, key)?;
        read(self, value, &fields.path_of(key))
    }

    fn salary(&mut self, value: &Value, path: &str) -> Option<Salary> {
        let f = self.object(value, path, &["base_annual", "sacrificed_annual"])?;
        Some(Salary {
            base_annual: self.decimal_in(&f, "base_annual", Range::Money),
            sacrificed_annual: self.decimal_in(&f, "sacrificed_annual", Range::Money),
        })
    }

    fn grant(&mut self, value: &Value, path: &str) -> Option<Grant> {
        let f = self.object(
            value,
            path,
            &["tokens", "supply", "annual_dilution_pct", "vesting", "expires_month"],
        )?;
        let tokens = self.whole(&f, "tokens", 0, u64::MAX);
        let supply = self.whole(&f, "supply", 1, u64::MAX);
        let annual_dilution_pct = self.decimal_in(&f, "annual_dilution_pct", Range::Percent);
        let vesting = self.section(&f, "vesting", Self::vesting);
        let expires_month = Self::optional(&f, "expires_month")
            .map(|v| self.month_value(v, &f.path_of("expires_month"), 1));
        Some(Grant { tokens, supply, annual_dilution_pct, vesting: vesting?, expires_month })
    }

    /// Version 1's cliff and line, or a schedule (MODEL.md 7.1), never a mix of the two.
    fn vesting(&mut self, value: &Value, path: &str) -> Option<Vesting> {
        const LINEAR: [&str; 3] = ["cliff_months", "duration_months", "every_months"];
        if let Some(map) = value.as_object().filter(|m| m.contains_key("schedule")) {
            if let Some(key) = LINEAR.iter().find(|key| map.contains_key(**key)) {
                self.error(
                    join(path, key),
                    "cannot stand beside a schedule: give either cliff_months, duration_months and every_months, or a schedule",
                );
                return None;
            }
            let f = self.object(value, path, &["schedule"])?;
            return self.vesting_schedule(&f);
        }
        let f = self.object(value, path, &LINEAR)?;
        Some(Vesting::Linear {
            cliff_months: self.month(&f, "cliff_months", 0),
            duration_months: self.month(&f, "duration_months", 1),
            every_months: self.month(&f, "every_months", 1),
        })
    }

    /// Steps and runs whose percentages sum to exactly 100.
    fn vesting_schedule(&mut self, f: &Fields<'_>) -> Option<Vesting> {
        let path = f.path_of("schedule");
        let items = match self.required(f, "schedule")? {
            Value::Array(items) => items,
            other => {
                self.error(&path, format!("must be a list of steps and runs, not {}", kind(other)));
                return None;
            }
        };
        if items.is_empty() {
            self.error(&path, "needs at least one step or run");
            return None;
        }
        if self.too_long(items, &path, MAX_SCHEDULE_ENTRIES, "steps and runs") {
            return None;
        }
        let entries: Vec<Option<VestingEntry>> = items
            .iter()
            .enumerate()
            .map(|(i, item)| self.vesting_entry(item, &index(&path, i)))
            .collect();
        let entries: Vec<VestingEntry> = entries.into_iter().collect::<Option<_>>()?;
        let total = entries
            .iter()
            .map(VestingEntry::pct)
            .fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(Decimal::MAX));
        if total != Decimal::ONE_HUNDRED {
            self.error(
                &path,
                format!(
                    "the percentages add up to {}%; they must add up to exactly 100%",
                    total.normalize()
                ),
            );
        }
        Some(Vesting::Schedule { schedule: entries })
    }

    /// A step `{month, pct}` or a run `{from_month, to_month, every_months, pct}`.
    fn vesting_entry(&mut self, value: &Value, path: &str) -> Option<VestingEntry> {
        let is_run = value.as_object().is_some_and(|m| !m.contains_key("month"));
        if !is_run {
            let f = self.object(value, path, &["month", "pct"])?;
            let month = self.month(&f, "month", 1);
            let pct = self.decimal_in(&f, "pct", Range::SchedulePercent);
            return Some(VestingEntry::Step { month, pct });
        }
        let f = self.object(value, path, &["from_month", "to_month", "every_months", "pct"])?;
        let from_month = self.month(&f, "from_month", 1);
        let to_month = self.month(&f, "to_month", 1);
        let every_months = self.month(&f, "every_months", 1);
        let pct = self.decimal_in(&f, "pct", Range::SchedulePercent);
        if to_month < from_month {
            self.error(
                f.path_of("to_month"),
                format!("is before the run's first month ({from_month})"),
            );
        }
        Some(VestingEntry::Run { from_month, to_month, every_months, pct })
    }

    /// The payouts, with each milestone entry at its own index (`None` where it could not be read),
    /// so that later checks name the right entry.
    fn payouts(&mut self, value: &Value, path: &str) -> Option<(Payouts, Vec<Option<Milestone>>)> {
        let f =
            self.object(value, path, &["revenue_share", "milestones", "buyback", "cap_per_token"])?;
        let revenue_share = Self::optional(&f, "revenue_share")
            .and_then(|v| self.revenue_share(v, &f.path_of("revenue_share")));
        let slots: Vec<Option<Milestone>> = match Self::optional(&f, "milestones") {
            Some(Value::Array(items))
                if self.too_long(items, &f.path_of("milestones"), MAX_MILESTONES, "milestones") =>
            {
                // One unread slot: the scenarios' milestones are then not called undefined.
                vec![None]
            }
            Some(Value::Array(items)) => {
                let list_path = f.path_of("milestones");
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.milestone(v, &index(&list_path, i)))
                    .collect()
            }
            Some(other) => {
                self.error(f.path_of("milestones"), format!("must be a list, not {}", kind(other)));
                Vec::new()
            }
            None => Vec::new(),
        };
        let buyback =
            Self::optional(&f, "buyback").and_then(|v| self.buyback(v, &f.path_of("buyback")));
        let cap_per_token = self.optional_decimal_in(&f, "cap_per_token", Range::Money);
        let milestones = slots.iter().flatten().cloned().collect();
        Some((Payouts { revenue_share, milestones, buyback, cap_per_token }, slots))
    }

    fn revenue_share(&mut self, value: &Value, path: &str) -> Option<RevenueShare> {
        let f = self.object(
            value,
            path,
            &["pool_pct", "basis", "gross_margin_pct", "every_months", "hurdle_annual"],
        )?;
        let pool_pct = self.decimal_in(&f, "pool_pct", Range::Percent);
        let basis = self.choice(
            &f,
            "basis",
            &[("revenue", PoolBasis::Revenue), ("gross_profit", PoolBasis::GrossProfit)],
        );
        let gross_margin_pct =
            match self.optional_decimal_in(&f, "gross_margin_pct", Range::Percent) {
                Some(m) => m,
                None if basis == PoolBasis::GrossProfit => {
                    self.error(
                        f.path_of("gross_margin_pct"),
                        "is required when the basis is \"gross_profit\"",
                    );
                    Decimal::ZERO
                }
                None => Decimal::ONE_HUNDRED,
            };
        let every_months = self.month(&f, "every_months", 1);
        let hurdle_annual = self.optional_decimal_in(&f, "hurdle_annual", Range::Money);
        Some(RevenueShare { pool_pct, basis, gross_margin_pct, every_months, hurdle_annual })
    }

    fn milestone(&mut self, value: &Value, path: &str) -> Option<Milestone> {
        let f = self.object(value, path, &["name", "per_token", "month"])?;
        let name = self.string(&f, "name");
        let per_token = self.decimal_in(&f, "per_token", Range::Money);
        let month = self.month(&f, "month", 1);
        Some(Milestone { name, per_token, month })
    }

    fn buyback(&mut self, value: &Value, path: &str) -> Option<Buyback> {
        const FIELDS: [&str; 10] = [
            "price",
            "revenue_multiple",
            "first_window_month",
            "every_months",
            "sell_pct",
            "terminal",
            "illiquidity_discount_pct",
            "floor_price",
            "max_sale_per_window",
            "former_max_sale_per_window",
        ];
        let f = self.object(value, path, &FIELDS)?;
        let price = match Self::optional(&f, "price") {
            Some(_) => self.choice(
                &f,
                "price",
                &[("formula", TenderPrice::Formula), ("scenario", TenderPrice::Scenario)],
            ),
            None => TenderPrice::Formula,
        };
        let revenue_multiple = match (price, Self::optional(&f, "revenue_multiple")) {
            (TenderPrice::Formula, None) => {
                self.error(f.path_of("revenue_multiple"), "is required with the formula price");
                None
            }
            (TenderPrice::Formula, Some(v)) => {
                Some(self.checked_decimal(v, &f.path_of("revenue_multiple"), Range::NonNegative))
            }
            (TenderPrice::Scenario, None) => None,
            (TenderPrice::Scenario, Some(_)) => {
                self.error(
                    f.path_of("revenue_multiple"),
                    "must be left out when prices are set per scenario (\"price\": \"scenario\")",
                );
                None
            }
        };
        let first_window_month = self.month(&f, "first_window_month", 1);
        let every_months = self.month(&f, "every_months", 1);
        let sell_pct = self.decimal_in(&f, "sell_pct", Range::Percent);
        let terminal = match self.required(&f, "terminal") {
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.error(
                    f.path_of("terminal"),
                    format!("must be true or false, not {}", kind(other)),
                );
                false
            }
            None => false,
        };
        let illiquidity_discount_pct =
            self.decimal_in(&f, "illiquidity_discount_pct", Range::Percent);
        let floor_price = self.optional_decimal_in(&f, "floor_price", Range::Money);
        let max_sale_per_window = self.optional_decimal_in(&f, "max_sale_per_window", Range::Money);
        let former_max_sale_per_window =
            self.optional_decimal_in(&f, "former_max_sale_per_window", Range::Money);
        Some(Buyback {
            price,
            revenue_multiple,
            max_sale_per_window,
            former_max_sale_per_window,
            first_window_month,
            every_months,
            sell_pct,
            terminal,
            illiquidity_discount_pct,
            floor_price,
        })
    }

    fn mix(&mut self, value: &Value, path: &str) -> Option<Mix> {
        let f =
            self.object(value, path, &["tokens_per_unit", "max_sacrificed_annual", "step_annual"])?;
        Some(Mix {
            tokens_per_unit: self.decimal_in(&f, "tokens_per_unit", Range::NonNegative),
            max_sacrificed_annual: self.decimal_in(&f, "max_sacrificed_annual", Range::Money),
            step_annual: self
                .optional_decimal_in(&f, "step_annual", Range::Positive)
                .unwrap_or(Decimal::ONE),
        })
    }

    /// The current choice (the salary given up and the tokens) must be one the mix allows.
    fn mix_rules(&mut self, mix: &Mix, salary: &Salary, grant: &Grant) {
        let chosen = salary.sacrificed_annual;
        let whole_salary = salary.base_annual.checked_add(chosen).unwrap_or(Decimal::MAX);
        if mix.max_sacrificed_annual > whole_salary {
            self.error(
                "mix.max_sacrificed_annual",
                format!(
                    "is more than the whole salary ({}: base plus what is given up)",
                    whole_salary.normalize()
                ),
            );
        }
        if chosen > mix.max_sacrificed_annual {
            self.error(
                "salary.sacrificed_annual",
                format!(
                    "is more than the most the plan lets you trade ({})",
                    mix.max_sacrificed_annual.normalize()
                ),
            );
        } else if !mix.allows(chosen) {
            self.error(
                "salary.sacrificed_annual",
                format!("must be a multiple of the plan's step ({})", mix.step_annual.normalize()),
            );
        }
        match (mix.tokens_for(chosen), mix.tokens_for(mix.max_sacrificed_annual)) {
            (Some(traded), _) if traded > grant.tokens => self.error(
                "grant.tokens",
                format!("is fewer than the {traded} tokens the plan gives for the salary given up"),
            ),
            (Some(traded), Some(most))
                if most > grant.supply || grant.tokens - traded > grant.supply - most =>
            {
                self.error(
                    "mix.max_sacrificed_annual",
                    "would give more tokens than the whole supply",
                )
            }
            (None, _) | (_, None) => {
                self.error("mix.tokens_per_unit", "gives more tokens than tokenworth can count")
            }
            _ => {}
        }
    }

    fn leaving(&mut self, value: &Value, path: &str) -> Option<Leaving> {
        let f = self.object(
            value,
            path,
            &["annual_departure_pct", "vested_on_leave", "salary_after_cancellation", "quit_if"],
        )?;
        let annual_departure_pct = self.decimal_in(&f, "annual_departure_pct", Range::Percent);
        let vested_on_leave = self.choice(
            &f,
            "vested_on_leave",
            &[
                ("keep", OnLeave::Keep),
                ("forfeit", OnLeave::Forfeit),
                ("buyback", OnLeave::Buyback),
            ],
        );
        let salary_after_cancellation = self.version_4_rule(
            &f,
            "salary_after_cancellation",
            &[
                ("restored", SalaryAfterCancellation::Restored),
                ("continues", SalaryAfterCancellation::Continues),
            ],
            SalaryAfterCancellation::Continues,
        );
        let quit_if =
            Self::optional(&f, "quit_if").and_then(|v| self.quit_rule(v, &f.path_of("quit_if")));
        Some(Leaving { annual_departure_pct, vested_on_leave, salary_after_cancellation, quit_if })
    }

    /// `{first_review_month ≥ 12, every_months ≥ 1, min_trailing_revenue ≥ 0}` (MODEL.md 8.2).
    fn quit_rule(&mut self, value: &Value, path: &str) -> Option<QuitRule> {
        let f = self.object(
            value,
            path,
            &["first_review_month", "every_months", "min_trailing_revenue"],
        )?;
        Some(QuitRule {
            first_review_month: self.month(&f, "first_review_month", 12),
            every_months: self.month(&f, "every_months", 1),
            min_trailing_revenue: self.decimal_in(&f, "min_trailing_revenue", Range::Money),
        })
    }

    /// The scenarios, each at its own index (`None` where it could not be read).
    fn scenarios(&mut self, fields: &Fields<'_>) -> Vec<Option<Scenario>> {
        let path = fields.path_of("scenarios");
        match self.required(fields, "scenarios") {
            Some(Value::Array(items)) => {
                if items.is_empty() {
                    self.error(&path, "needs at least one scenario");
                }
                if self.too_long(items, &path, MAX_SCENARIOS, "scenarios") {
                    return Vec::new();
                }
                items.iter().enumerate().map(|(i, v)| self.scenario(v, &index(&path, i))).collect()
            }
            Some(other) => {
                self.error(&path, format!("must be a list, not {}", kind(other)));
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    fn scenario(&mut self, value: &Value, path: &str) -> Option<Scenario> {
        let f = self.object(
            value,
            path,
            &[
                "name",
                "probability_pct",
                "annual_revenue",
                "cancelled_month",
                "milestones_hit",
                "price_per_token",
            ],
        )?;
        let name = self.string(&f, "name");
        let probability_pct = self.decimal_in(&f, "probability_pct", Range::Percent);
        let revenue_path = f.path_of("annual_revenue");
        let annual_revenue = match self.required(&f, "annual_revenue") {
            Some(Value::Array(items))
                if self.too_long(items, &revenue_path, MAX_YEARS, "yearly amounts") =>
            {
                Vec::new()
            }
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| self.checked_decimal(v, &index(&revenue_path, i), Range::Money))
                .collect(),
            Some(other) => {
                self.error(
                    &revenue_path,
                    format!("must be a list of yearly amounts, not {}", kind(other)),
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        let cancelled_month = Self::optional(&f, "cancelled_month")
            .map(|v| self.month_value(v, &f.path_of("cancelled_month"), 1));
        let hit_path = f.path_of("milestones_hit");
        let milestones_hit = match Self::optional(&f, "milestones_hit") {
            Some(Value::Array(items))
                if self.too_long(items, &hit_path, MAX_MILESTONES, "milestones") =>
            {
                Vec::new()
            }
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Value::String(s) => s.clone(),
                    other => {
                        self.error(
                            index(&hit_path, i),
                            format!("must be a milestone's name, not {}", kind(other)),
                        );
                        String::new()
                    }
                })
                .collect(),
            Some(other) => {
                self.error(
                    &hit_path,
                    format!("must be a list of milestone names, not {}", kind(other)),
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        let price_path = f.path_of("price_per_token");
        let price_per_token = match Self::optional(&f, "price_per_token") {
            Some(Value::Array(items))
                if self.too_long(items, &price_path, MAX_YEARS, "yearly prices") =>
            {
                Vec::new()
            }
            Some(Value::Array(items)) => {
                if items.is_empty() {
                    self.error(&price_path, "needs at least one yearly price");
                }
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.checked_decimal(v, &index(&price_path, i), Range::Money))
                    .collect()
            }
            Some(other) => {
                self.error(
                    &price_path,
                    format!("must be a list of yearly prices, not {}", kind(other)),
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        Some(Scenario {
            name,
            probability_pct,
            annual_revenue,
            cancelled_month,
            milestones_hit,
            price_per_token,
        })
    }

    fn personal(&mut self, value: &Value, path: &str) -> Option<Personal> {
        let f = self.object(
            value,
            path,
            &[
                "discount_rate_pct",
                "income_tax_pct",
                "redemption_tax_pct",
                "wealth",
                "risk_aversion",
                "wealth_counts",
                "taxed_at",
                "long_term_redemption_tax_pct",
                "long_term_after_months",
                "tax_residence",
                "tax_year",
            ],
        )?;
        let wealth_counts = self.version_4_rule(
            &f,
            "wealth_counts",
            &[("savings_and_pay", WealthCounts::SavingsAndPay), ("savings", WealthCounts::Savings)],
            WealthCounts::Savings,
        );
        let taxed_at = match Self::optional(&f, "taxed_at") {
            Some(_) => {
                self.choice(&f, "taxed_at", &[("payout", TaxedAt::Payout), ("vest", TaxedAt::Vest)])
            }
            None => TaxedAt::Payout,
        };
        let long_term_redemption_tax_pct =
            self.optional_decimal_in(&f, "long_term_redemption_tax_pct", Range::TaxRate);
        let long_term_after_months = Self::optional(&f, "long_term_after_months")
            .map(|v| self.month_value(v, &f.path_of("long_term_after_months"), 1));
        // The long-term rate and its months come together (MODEL.md 8.6): the error is at the
        // one missing.
        match (long_term_redemption_tax_pct, long_term_after_months) {
            (Some(_), None) => self.error(
                f.path_of("long_term_after_months"),
                "is required with long_term_redemption_tax_pct: after how many months of holding the long-term rate applies",
            ),
            (None, Some(_)) => self.error(
                f.path_of("long_term_redemption_tax_pct"),
                "is required with long_term_after_months: the rate on sales of tokens held that long",
            ),
            _ => {}
        }
        let tax_residence = Self::optional(&f, "tax_residence").map(|v| match v {
            Value::String(code) if is_tax_residence(code) => code.clone(),
            Value::String(code) => {
                self.error(
                    f.path_of("tax_residence"),
                    format!("is \"{code}\"; it must be a country's two capital letters (ISO 3166), optionally with a subdivision: \"GB\", \"DE\", \"US-CA\""),
                );
                String::new()
            }
            other => {
                self.error(
                    f.path_of("tax_residence"),
                    format!("must be text such as \"GB\" or \"US-CA\", not {}", kind(other)),
                );
                String::new()
            }
        });
        let tax_year = Self::optional(&f, "tax_year")
            .map(|v| narrow(self.whole_value(v, &f.path_of("tax_year"), 1, MAX_TAX_YEAR)));
        Some(Personal {
            discount_rate_pct: self.decimal_in(&f, "discount_rate_pct", Range::Percent),
            income_tax_pct: self.decimal_in(&f, "income_tax_pct", Range::TaxRate),
            redemption_tax_pct: self.decimal_in(&f, "redemption_tax_pct", Range::TaxRate),
            wealth: self.decimal_in(&f, "wealth", Range::Positive),
            risk_aversion: self.decimal_in(&f, "risk_aversion", Range::RiskAversion),
            wealth_counts,
            taxed_at,
            long_term_redemption_tax_pct,
            long_term_after_months,
            tax_residence,
            tax_year,
        })
    }

    fn simulation(&mut self, value: &Value) -> Option<Simulation> {
        let f = self.object(value, "simulation", &["paths", "revenue_volatility_pct", "seed"])?;
        let defaults = Simulation::default();
        let paths = match Self::optional(&f, "paths") {
            Some(v) => narrow(self.whole_value(v, &f.path_of("paths"), 1, u64::from(MAX_PATHS))),
            None => defaults.paths,
        };
        let revenue_volatility_pct = self
            .optional_decimal_in(&f, "revenue_volatility_pct", Range::Percent)
            .unwrap_or(defaults.revenue_volatility_pct);
        let seed = match Self::optional(&f, "seed") {
            Some(v) => self.whole_value(v, &f.path_of("seed"), 0, u64::MAX),
            None => defaults.seed,
        };
        Some(Simulation { paths, revenue_volatility_pct, seed })
    }

    fn compute_budget(&mut self, value: &Value, path: &str) -> Option<ComputeBudget> {
        let f = self.object(
            value,
            path,
            &[
                "annual",
                "unit",
                "annual_price_decline_pct",
                "used_pct",
                "personal_use_pct",
                "personal_value_pct",
                "work_value_pct",
                "cash_out_unused_pct",
                "taxable_annual",
            ],
        )?;
        let percent = |reader: &mut Self, key: &str, default: Decimal| {
            reader.optional_decimal_in(&f, key, Range::Percent).unwrap_or(default)
        };
        let budget = ComputeBudget {
            annual: self.decimal_in(&f, "annual", Range::Money),
            unit: self.choice(
                &f,
                "unit",
                &[("money", BudgetUnit::Money), ("tokens", BudgetUnit::Tokens)],
            ),
            annual_price_decline_pct: percent(self, "annual_price_decline_pct", Decimal::ZERO),
            used_pct: percent(self, "used_pct", Decimal::ONE_HUNDRED),
            personal_use_pct: percent(self, "personal_use_pct", Decimal::ZERO),
            personal_value_pct: percent(self, "personal_value_pct", Decimal::ZERO),
            work_value_pct: percent(self, "work_value_pct", Decimal::ZERO),
            cash_out_unused_pct: percent(self, "cash_out_unused_pct", Decimal::ZERO),
            taxable_annual: self
                .optional_decimal_in(&f, "taxable_annual", Range::Money)
                .unwrap_or(Decimal::ZERO),
        };
        if budget.unit == BudgetUnit::Money && !budget.annual_price_decline_pct.is_zero() {
            self.error(
                f.path_of("annual_price_decline_pct"),
                "must be 0 for a budget in money, which keeps its value; a yearly price decline applies to a budget in tokens (\"unit\": \"tokens\")",
            );
        }
        Some(budget)
    }

    fn checklist(&mut self, value: &Value) -> Checklist {
        let mut checklist = Checklist::default();
        let keys: Vec<&str> = Checklist::keys_for(true).collect();
        let Some(f) = self.object(value, "checklist", &keys) else { return checklist };
        for (key, v) in f.map {
            let answer = match v {
                Value::String(s) if s == "yes" => Answer::Yes,
                Value::String(s) if s == "no" => Answer::No,
                Value::String(s) if s == "unknown" => Answer::Unknown,
                _ => {
                    self.error(f.path_of(key), "must be \"yes\", \"no\" or \"unknown\"");
                    continue;
                }
            };
            if let Some(slot) = checklist.answer_mut(key) {
                *slot = answer;
            }
        }
        checklist
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

    /// The rules that tie fields together, each reported at the field MODEL.md names; a rule whose
    /// inputs could not be read is skipped (their own errors are already reported).
    fn cross_field_rules(
        &mut self,
        grant: Option<&Grant>,
        leaving: Option<&Leaving>,
        personal: Option<&Personal>,
        payouts: Option<&Payouts>,
        milestones: &[Option<Milestone>],
        scenarios: &[Option<Scenario>],
    ) {
        if let Some(grant) = grant {
            if grant.tokens > grant.supply {
                self.error(
                    "grant.tokens",
                    format!("is more than the total supply ({})", grant.supply),
                );
            }
            if let Vesting::Linear { cliff_months, duration_months, .. } = grant.vesting {
                if cliff_months > duration_months {
                    self.error(
                        "grant.vesting.cliff_months",
                        format!("is longer than the vesting duration ({duration_months} months)"),
                    );
                }
            }
        }
        if let (Some(personal), Some(payouts)) = (personal, payouts) {
            if personal.taxed_at == TaxedAt::Vest && payouts.buyback.is_none() {
                self.error(
                    "personal.taxed_at",
                    "is \"vest\", which values each token as it vests at what it would fetch, but the payouts have no buyback block to set that price",
                );
            }
        }
        if let (Some(leaving), Some(payouts)) = (leaving, payouts) {
            if leaving.vested_on_leave == OnLeave::Buyback && payouts.buyback.is_none() {
                self.error(
                    "leaving.vested_on_leave",
                    "is \"buyback\", but the payouts have no buyback block to set the price",
                );
            }
        }
        let milestone_names = self.unique_names(
            milestones.iter().enumerate().filter_map(|(i, m)| Some((i, m.as_ref()?.name.as_str()))),
            "payouts.milestones",
            "milestone",
        );
        // A name can only be called undefined when every milestone could be read.
        let milestones_known = payouts.is_some() && milestones.iter().all(Option::is_some);
        self.unique_names(
            scenarios.iter().enumerate().filter_map(|(i, s)| Some((i, s.as_ref()?.name.as_str()))),
            "scenarios",
            "scenario",
        );
        for (i, s) in scenarios.iter().enumerate() {
            let Some(s) = s else { continue };
            let mut hits = HashSet::new();
            for (j, hit) in s.milestones_hit.iter().enumerate() {
                let path = format!("scenarios[{i}].milestones_hit[{j}]");
                if milestones_known && !milestone_names.contains(hit.as_str()) {
                    self.error(
                        path,
                        format!("\"{hit}\" is not one of the milestones defined under payouts"),
                    );
                } else if !hits.insert(hit.as_str()) {
                    self.error(path, format!("\"{hit}\" is listed twice"));
                }
            }
        }
        let scenario_prices =
            payouts.and_then(|p| p.buyback.as_ref()).map(|b| b.price == TenderPrice::Scenario);
        for (i, s) in scenarios.iter().enumerate() {
            let Some(s) = s else { continue };
            let path = format!("scenarios[{i}].price_per_token");
            match scenario_prices {
                Some(true) if s.price_per_token.is_empty() => {
                    self.error(path, "is required: the buyback's prices are set per scenario");
                }
                Some(false) | None if !s.price_per_token.is_empty() => self.error(
                    path,
                    "is allowed only when the buyback's prices are set per scenario (\"price\": \"scenario\")",
                ),
                _ => {}
            }
        }
        let all_read: Option<Vec<&Scenario>> = scenarios.iter().map(Option::as_ref).collect();
        if let Some(all) = all_read.filter(|all| !all.is_empty()) {
            let total: Decimal = all
                .iter()
                .map(|s| s.probability_pct)
                .fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(Decimal::MAX));
            if (total - Decimal::ONE_HUNDRED).abs() > PROBABILITY_TOLERANCE_PCT {
                self.error(
                    "scenarios",
                    format!(
                        "the probabilities add up to {}%; they must add up to 100%",
                        total.normalize()
                    ),
                );
            }
        }
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
    fn violation(self, d: Decimal) -> Option<&'static str> {
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

/// Whether `code` is a tax residence as MODEL.md 8.6 allows: `^[A-Z]{2}(-[A-Z0-9]{1,3})?$`.
fn is_tax_residence(code: &str) -> bool {
    let bytes = code.as_bytes();
    let country = bytes.len() >= 2 && bytes[..2].iter().all(u8::is_ascii_uppercase);
    let subdivision = match bytes.get(2..) {
        Some([]) => true,
        Some([b'-', rest @ ..]) => {
            (1..=3).contains(&rest.len())
                && rest.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        }
        _ => false,
    };
    country && subdivision
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

fn path_or_root(path: &str) -> &str {
    if path.is_empty() {
        "(the document)"
    } else {
        path
    }
}

fn whole_range_message(min: u64, max: u64) -> String {
    format!("must be {}", range_words(min, max))
}

fn range_words(min: u64, max: u64) -> String {
    if max == u64::MAX || max == u64::from(u32::MAX) {
        format!("{min} or more")
    } else {
        format!("from {min} to {max}")
    }
}

/// Values checked against a `u32` bound on reading always fit.
fn narrow(n: u64) -> u32 {
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
