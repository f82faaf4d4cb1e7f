//! Where the person pays tax (issue 26, MODEL.md 8.3 and 8.5): from a residence's published rates
//! and a salary, the rates an offer's `personal` block needs, with the arithmetic in words, the
//! tax year and the sources. Pure: no browser, no I/O; the presets are data in `data/tax/`.
//!
//! The income rate is the **marginal** rate on the next unit of pay at that salary: each tax or
//! contribution's amount on salary + 1 less its amount on the salary, so bands, ceilings, tapers
//! and surtaxes are all measured, not assumed. Percentages are in percent, to two decimals.
//! This is no tax advice: the page and the CLI say which rates are used, for which year.

pub mod preset;
mod schedule;

use crate::report::format::percent_number_spaced as spaced;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

pub use preset::{residence_codes, Source, TaxedAt, RESIDENCE_CHOICES};
use preset::{Base, GainRule, Kind, PresetFile};
use schedule::{band_at, Residence};

/// The kind of unit an offer grants: how its payouts and sales are taxed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Phantom, profit-share or revenue-share units paid in cash: pay when paid.
    CashSettled,
    /// Tokens received as property: pay when received (or tradable), then a gain when sold.
    Tokens,
}

/// One part of a rate, for the arithmetic in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// In percent, to two decimals.
    pub pct: Decimal,
    /// What it is and where the salary falls ("National Insurance above £50,270").
    pub words: String,
}

/// The rates a residence's presets give at a salary, for one kind of unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rates {
    /// MODEL.md 8.5's `tax_residence`.
    pub residence: String,
    /// The residence in words ("Scotland, United Kingdom").
    pub name: String,
    pub currency: String,
    /// The kind of unit these rates are for.
    pub kind: UnitKind,
    /// MODEL.md 8.5's `tax_year`: the country's file's year.
    pub tax_year: u32,
    pub year_label: String,
    /// Figures from another year, or only proposed, in words.
    pub year_notes: Vec<String>,
    pub income_tax_pct: Decimal,
    pub income_parts: Vec<Part>,
    pub redemption_tax_pct: Decimal,
    pub redemption_parts: Vec<Part>,
    /// The rate after a holding period, and the months, where the country has one (tokens only).
    pub long_term: Option<LongTerm>,
    pub taxed_at: TaxedAt,
    /// When tax falls on this kind of unit, in the preset's words (Germany: once tradable).
    pub when_words: Option<String>,
    /// How a sale of tokens is taxed, in the preset's words, where it is more than a rate (a
    /// holding period, a flat rate with no loss offset); empty for cash-settled units.
    pub sale_words: Vec<String>,
    /// The rules that are not rates: when tax falls, holding periods, choices for an adviser.
    pub rules: Vec<String>,
    pub not_included: Vec<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LongTerm {
    pub redemption_tax_pct: Decimal,
    pub after_months: u32,
    pub parts: Vec<Part>,
}

impl Rates {
    /// "42 % = 40 % income tax from £50,270 to £100,000 + 2 % National Insurance above £50,270".
    #[must_use]
    pub fn income_words(&self) -> String {
        sum_words(self.income_tax_pct, &self.income_parts)
    }

    #[must_use]
    pub fn redemption_words(&self) -> String {
        sum_words(self.redemption_tax_pct, &self.redemption_parts)
    }

    /// The long-term rate in words, with its holding period.
    #[must_use]
    pub fn long_term_words(&self) -> Option<String> {
        self.long_term.as_ref().map(|l| {
            format!(
                "after {} months: {}",
                l.after_months,
                sum_words(l.redemption_tax_pct, &l.parts)
            )
        })
    }
}

/// The residences with a preset, each with its name in words, for a picker.
#[must_use]
pub fn residences() -> Vec<(&'static str, String)> {
    residence_codes()
        .map(|code| {
            let name = preset::files_for(code).map_or_else(|e| e, |files| residence_name(&files));
            (code, name)
        })
        .collect()
}

/// The rates for `residence` (`"GB"`, `"US-CA"`) at `salary` a year, for a unit of `kind`.
pub fn rates(residence: &str, salary: Decimal, kind: UnitKind) -> Result<Rates, String> {
    if salary < Decimal::ZERO {
        return Err("the salary must be zero or more".to_string());
    }
    let files = preset::files_for(residence)?;
    let home = Residence::new(&files);
    let (income_tax_pct, income_parts) = income(&home, salary)?;
    let (short, long) = gains(&home, salary)?;
    let country = &files[0];
    let tokens_rule = files.iter().rev().find_map(|f| f.tokens.as_ref());
    let taxed_at = match kind {
        UnitKind::CashSettled => TaxedAt::Payout,
        UnitKind::Tokens => tokens_rule.map_or(TaxedAt::Payout, |t| t.taxed_at),
    };
    let mut rules: Vec<String> = Vec::new();
    for f in &files {
        match kind {
            UnitKind::CashSettled => rules.extend(f.cash_units.iter().map(|w| w.text.clone())),
            UnitKind::Tokens => {
                rules.extend(f.tokens.iter().map(|t| t.words.clone()));
                rules.extend(f.gains.iter().filter_map(|g| g.words.clone()));
            }
        }
        rules.extend(f.notes.iter().map(|n| n.text.clone()));
    }
    let when_words = match kind {
        UnitKind::CashSettled => {
            files.iter().rev().find_map(|f| f.cash_units.as_ref()).map(|w| w.text.clone())
        }
        UnitKind::Tokens => tokens_rule.map(|t| t.words.clone()),
    };
    let sale_words = match kind {
        UnitKind::CashSettled => Vec::new(),
        UnitKind::Tokens => files.iter().filter_map(|f| f.gains.as_ref()?.words.clone()).collect(),
    };
    let (redemption_tax_pct, redemption_parts, long_term) = match kind {
        UnitKind::CashSettled => (income_tax_pct, income_parts.clone(), None),
        UnitKind::Tokens => (short.0, short.1, long),
    };
    let mut sources: Vec<Source> = Vec::new();
    for s in files.iter().flat_map(|f| f.sources.iter()) {
        if !sources.contains(s) {
            sources.push(s.clone());
        }
    }
    Ok(Rates {
        residence: residence.to_string(),
        name: residence_name(&files),
        currency: country.currency.clone(),
        kind,
        tax_year: country.tax_year,
        year_label: country.year_label.clone(),
        year_notes: files.iter().filter_map(|f| f.year_note.clone()).collect(),
        income_tax_pct,
        income_parts,
        redemption_tax_pct,
        redemption_parts,
        long_term,
        taxed_at,
        when_words,
        sale_words,
        rules,
        not_included: files.iter().flat_map(|f| f.not_included.iter().cloned()).collect(),
        sources,
    })
}

fn residence_name(files: &[PresetFile]) -> String {
    match files {
        [country, region] => format!("{}, {}", region.name, country.name),
        [country] => country.name.clone(),
        _ => String::new(),
    }
}

/// The next unit of pay.
const NEXT: Decimal = Decimal::ONE;

/// The marginal rate of each component (in percent), with its words.
fn income(home: &Residence, salary: Decimal) -> Result<(Decimal, Vec<Part>), String> {
    let mut parts = Vec::new();
    let mut total = Decimal::ZERO;
    let next = salary.checked_add(NEXT).ok_or("the salary is too large")?;
    for &(file, c) in &home.components {
        let rate = marginal(home, file, c, salary, next)?;
        total += rate;
        if let Some(words) = component_words(home, file, c, salary, rate)? {
            parts.push(Part { pct: rounded(rate), words });
        }
    }
    Ok((rounded(total), parts))
}

/// A component's amount on the next unit of pay, in percent.
fn marginal(
    home: &Residence,
    file: usize,
    c: &preset::Component,
    salary: Decimal,
    next: Decimal,
) -> Result<Decimal, String> {
    let step = match &c.zones {
        Some(zones) => {
            let (now, then) = (home.base(file, c, salary)?, home.base(file, c, next)?);
            schedule::formula_step(zones, now, then)?
        }
        None => home.amount(file, c, next)? - home.amount(file, c, salary)?,
    };
    step.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|d| d.checked_div(NEXT))
        .ok_or_else(|| "the pay is too large to work out its tax".to_string())
}

/// What a component is and where the salary falls in it; `None` for one that does not reach
/// this salary (a surcharge below its limit), so the words list only what applies or what a
/// ceiling has just stopped.
fn component_words(
    home: &Residence,
    file: usize,
    c: &preset::Component,
    salary: Decimal,
    rate: Decimal,
) -> Result<Option<String>, String> {
    let currency = &home.files[0].currency;
    let base = home.base(file, c, salary)?;
    let money = |d: Decimal| crate::report::format::money_figure(d, currency);
    let words = match (&c.bands, c.base) {
        (Some(bands), Base::Gross | Base::Taxable) => {
            let (i, from, to) = band_at(bands, base);
            if rate.is_zero() && i == 0 {
                return Ok(None);
            }
            let range = match to {
                Some(to) if from.is_zero() => format!("up to {}", money(to)),
                Some(to) => format!("from {} to {}", money(from), money(to)),
                None if from.is_zero() => String::new(),
                None => format!("above {}", money(from)),
            };
            let on = if c.base == Base::Taxable && !range.is_empty() {
                " of taxable income"
            } else {
                ""
            };
            let why = match &c.rebate {
                _ if bands[i].1.is_zero() => " (past its ceiling)".to_string(),
                _ if rate == bands[i].1 => String::new(),
                Some(r) if base <= r.up_to => {
                    format!(" (given back by the rebate up to {})", money(r.up_to))
                }
                Some(r) => format!(" (the rebate's marginal relief above {})", money(r.up_to)),
                None => String::new(),
            };
            format!("{} {range}{on}{why}", c.name).trim_end().to_string()
        }
        _ if rate.is_zero() => return Ok(None),
        (_, Base::TaxOf) => {
            let of: Vec<String> =
                c.of.iter()
                    .filter_map(|id| home.components.iter().find(|(_, o)| &o.id == id))
                    .map(|(_, o)| short_name(&o.name))
                    .collect();
            format!("{} (on the {})", c.name, of.join(" and "))
        }
        _ => format!("{} at {} of taxable income", c.name, money(base)),
    };
    Ok(Some(words))
}

type Rate = (Decimal, Vec<Part>);

/// The rate on a sale of tokens, and after a holding period where there is one.
fn gains(home: &Residence, salary: Decimal) -> Result<(Rate, Option<LongTerm>), String> {
    let next = salary.checked_add(NEXT).ok_or("the salary is too large")?;
    let months = home
        .files
        .iter()
        .filter_map(|f| f.gains.as_ref())
        .find_map(|g| g.long.as_ref().map(|l| l.after_months));
    let mut short = (Decimal::ZERO, Vec::new());
    let mut long = (Decimal::ZERO, Vec::new());
    for (i, f) in home.files.iter().enumerate() {
        let Some(g) = &f.gains else { continue };
        let s = gain_rule(home, i, &g.name, &g.short, salary, next)?;
        let l = match &g.long {
            Some(rule) => gain_rule(home, i, &g.name, &rule.rule, salary, next)?,
            None => s.clone(),
        };
        for extra in g.extra.iter().filter(|e| salary > e.above) {
            let part = Part { pct: extra.pct, words: extra.name.clone() };
            short.0 += extra.pct;
            short.1.push(part.clone());
            long.0 += extra.pct;
            long.1.push(part);
        }
        short.0 += s.0;
        short.1.extend(s.1);
        long.0 += l.0;
        long.1.extend(l.1);
    }
    let short = (rounded(short.0), short.1);
    let long = months.map(|after_months| LongTerm {
        redemption_tax_pct: rounded(long.0),
        after_months,
        parts: long.1,
    });
    Ok((short, long))
}

fn gain_rule(
    home: &Residence,
    file: usize,
    name: &str,
    rule: &GainRule,
    salary: Decimal,
    next: Decimal,
) -> Result<Rate, String> {
    let income_of_file = || -> Result<Rate, String> {
        let mut total = Decimal::ZERO;
        let mut parts = Vec::new();
        for &(i, c) in home.components.iter().filter(|(i, c)| *i == file && c.kind == Kind::Income)
        {
            let rate = marginal(home, i, c, salary, next)?;
            total += rate;
            if !rate.is_zero() {
                parts.push(Part { pct: rounded(rate), words: format!("{} on the gain", c.name) });
            }
        }
        Ok((total, parts))
    };
    let one = |pct: Decimal, words: String| Ok((pct, vec![Part { pct: rounded(pct), words }]));
    match rule {
        GainRule::Income => income_of_file(),
        GainRule::ShareOfIncome { pct } => {
            let (rate, _) = income_of_file()?;
            let share = rate * *pct / Decimal::ONE_HUNDRED;
            one(
                share,
                format!(
                    "{name} ({} of the gain at {})",
                    spaced(&plain(*pct)),
                    spaced(&plain(rounded(rate)))
                ),
            )
        }
        GainRule::Flat { pct } => one(*pct, name.to_string()),
        GainRule::Bands { base, bands } => {
            let at = match base {
                Base::Taxable => home.taxable(file, salary)?,
                _ => salary,
            };
            let (i, from, _) = band_at(bands, at);
            let money = crate::report::format::money_figure(from, &home.files[0].currency);
            let on = if *base == Base::Taxable { " taxable" } else { "" };
            let words = if from.is_zero() {
                name.to_string()
            } else {
                format!("{name} (with{on} income above {money})")
            };
            one(bands[i].1, words)
        }
    }
}

/// A component's name without its parenthesis, to name it inside another's words.
fn short_name(name: &str) -> String {
    name.split(" (").next().unwrap_or(name).to_string()
}

/// A rate to two decimals, half away from zero.
fn rounded(pct: Decimal) -> Decimal {
    pct.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero).normalize()
}

/// A percentage as written: `42`, `41.5`, `2.31`.
fn plain(pct: Decimal) -> String {
    pct.normalize().to_string()
}

fn sum_words(total: Decimal, parts: &[Part]) -> String {
    let shown: Vec<String> =
        parts.iter().map(|p| format!("{} {}", spaced(&plain(p.pct)), p.words)).collect();
    if shown.is_empty() {
        spaced(&plain(total))
    } else {
        format!("{} = {}", spaced(&plain(total)), shown.join(" + "))
    }
}

/// What [`fill_offer`] did: the rates it used, the fields it filled and those the file kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    pub rates: Rates,
    pub filled: Vec<&'static str>,
    pub kept: Vec<&'static str>,
}

impl Filled {
    /// For a terminal: whose rates, which year, each filled field's arithmetic, what was kept.
    #[must_use]
    pub fn words(&self) -> String {
        let r = &self.rates;
        let mut lines =
            vec![format!("tax rates of {} ({}, {}):", r.name, r.residence, r.year_label)];
        for field in &self.filled {
            let words = match *field {
                "income_tax_pct" => r.income_words(),
                "redemption_tax_pct" => r.redemption_words(),
                "taxed_at" => "vest: tokens are taxed as pay when received".to_string(),
                "long_term_redemption_tax_pct" => r.long_term_words().unwrap_or_default(),
                _ => continue,
            };
            lines.push(format!("  personal.{field} {words}"));
        }
        let vest_unpriced = r.taxed_at == TaxedAt::Vest
            && !self.filled.contains(&"taxed_at")
            && !self.kept.contains(&"taxed_at");
        if vest_unpriced {
            lines.push(
                "  tokens are taxed as pay when received here; valued with tax at payout, since \
                 tax at vest needs a version 4 offer with a price (a buyback block)"
                    .to_string(),
            );
        }
        if !self.kept.is_empty() {
            lines.push(format!("  kept the file's own {}", self.kept.join(", ")));
        }
        lines.extend(r.year_notes.iter().map(|n| format!("  {n}")));
        lines.push("  not tax advice; sources: `tokenworth tax` lists them".to_string());
        lines.join("\n")
    }
}

/// The kind of unit an offer grants, as the offer says it: units taxed when received
/// (`taxed_at` "vest") are tokens held as property; any other offer's are cash-settled. The form
/// and the command line both read it so, so that one offer gets one residence's one set of rates
/// (MODEL-DECISIONS.md: when tokens are taxed follows the kind of unit the plan grants).
#[must_use]
pub fn unit_kind(doc: &serde_json::Value) -> UnitKind {
    let taxed_at = doc.pointer("/personal/taxed_at").and_then(serde_json::Value::as_str);
    UnitKind::taxed_at(taxed_at.unwrap_or_default())
}

impl UnitKind {
    /// The kind of unit of an offer whose `taxed_at` is this text ([`unit_kind`]; the guided
    /// start reads it from its answer).
    #[must_use]
    pub fn taxed_at(taxed_at: &str) -> UnitKind {
        if taxed_at == "vest" {
            UnitKind::Tokens
        } else {
            UnitKind::CashSettled
        }
    }
}

/// Fills an offer document's missing tax rates from `residence` (or, without one, from the file's
/// own `personal.tax_residence`) at its `salary.base_annual`, and, in a version 4 file, records
/// `tax_residence` and `tax_year` when it filled a rate and the file names none. `Ok(None)`: no
/// residence to fill from. An error names what is missing or a rate an offer cannot hold.
pub fn fill_offer(
    doc: &mut serde_json::Value,
    residence: Option<&str>,
    kind: UnitKind,
) -> Result<Option<Filled>, String> {
    use serde_json::Value;
    let own = doc.pointer("/personal/tax_residence").and_then(Value::as_str).map(str::to_string);
    let Some(residence) = residence.map(str::to_string).or(own) else {
        return Ok(None);
    };
    let rates = rates_for_document(doc, &residence, kind)?;
    let (filled, kept) = fill_personal(doc, &rates, Fill::KeepOwn)?;
    let version = doc.get("version").and_then(Value::as_u64).unwrap_or(1);
    let personal = personal_mut(doc)?;
    let named = personal.get("tax_residence").and_then(Value::as_str);
    if version >= 4 && !filled.is_empty() && named.is_none_or(|n| n == rates.residence) {
        personal.insert("tax_residence".to_string(), Value::String(rates.residence.clone()));
        personal.entry("tax_year").or_insert_with(|| Value::from(rates.tax_year));
    }
    Ok(Some(Filled { rates, filled, kept }))
}

/// The person chose where they pay tax in the form: the rates its presets give at the offer's
/// salary for the offer's kind of unit ([`unit_kind`]), overwriting what was there (choosing is
/// asking for them), with the residence and year; the same fields and figures as [`fill_offer`]
/// gives a file that lacks them. Choosing none takes the residence and year away and leaves the
/// rates as they are. An error (another currency, no salary, a rate of 100 % or more) changes
/// nothing.
pub fn choose_residence(doc: &mut serde_json::Value, residence: &str) -> Result<(), String> {
    use serde_json::Value;
    if residence.is_empty() {
        let personal = personal_mut(doc)?;
        personal.remove("tax_residence");
        personal.remove("tax_year");
        return Ok(());
    }
    let rates = rates_for_document(doc, residence, unit_kind(doc))?;
    fill_personal(doc, &rates, Fill::Replace)?;
    let personal = personal_mut(doc)?;
    personal.insert("tax_residence".into(), Value::String(rates.residence.clone()));
    personal.insert("tax_year".into(), Value::from(rates.tax_year));
    Ok(())
}

/// Whether filling keeps the offer's own tax fields (the command line: the file's own rates win)
/// or replaces them (the form: choosing a residence is asking for its rates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    KeepOwn,
    Replace,
}

/// The one filling of an offer's `personal` tax fields from `rates`: the two rates; for tokens in
/// a version 4 offer, when tax falls and the long-term rate (MODEL.md 8.3). Tax at vest needs a
/// price to value the tokens at (a buyback block), so without one they stay taxed at payout, and
/// [`Filled::words`] says so; `taxed_at` is never turned back to payout (France's unsettled rule
/// is said in words), so the offer keeps its kind of unit. Returns the fields filled and those
/// kept; a rate of 100 % or more is refused before anything changes.
fn fill_personal(
    doc: &mut serde_json::Value,
    rates: &Rates,
    fill: Fill,
) -> Result<(Vec<&'static str>, Vec<&'static str>), String> {
    use serde_json::Value;
    let version = doc.get("version").and_then(Value::as_u64).unwrap_or(1);
    let priced = doc.pointer("/payouts/buyback").is_some_and(|b| !b.is_null());
    let personal = personal_mut(doc)?;
    let keeps = |personal: &serde_json::Map<String, Value>, field: &str| {
        fill == Fill::KeepOwn && personal.contains_key(field)
    };
    let (mut filled, mut kept) = (Vec::new(), Vec::new());
    let mut writes = Vec::new();
    for (field, pct, words) in [
        ("income_tax_pct", rates.income_tax_pct, rates.income_words()),
        ("redemption_tax_pct", rates.redemption_tax_pct, rates.redemption_words()),
    ] {
        if keeps(personal, field) {
            kept.push(field);
        } else if pct >= Decimal::ONE_HUNDRED {
            return Err(format!(
                "the {} rate on the next unit of pay at this salary is {words}: an offer's rate \
                 must be below 100 %; give personal.{field} yourself",
                rates.residence
            ));
        } else {
            writes.push((field, Value::String(pct.to_string())));
        }
    }
    for (field, value) in writes {
        personal.insert(field.to_string(), value);
        filled.push(field);
    }
    if version < 4 || rates.kind != UnitKind::Tokens {
        return Ok((filled, kept));
    }
    if keeps(personal, "taxed_at") {
        kept.push("taxed_at");
    } else if rates.taxed_at == TaxedAt::Vest && priced {
        personal.insert("taxed_at".into(), Value::String("vest".into()));
        filled.push("taxed_at");
    }
    if LONG.iter().any(|field| keeps(personal, field)) {
        kept.push(LONG[0]);
    } else if let Some(long) = &rates.long_term {
        personal.insert(LONG[0].into(), Value::String(long.redemption_tax_pct.to_string()));
        personal.insert(LONG[1].into(), Value::from(long.after_months));
        filled.push(LONG[0]);
    } else {
        // The preset has no lower rate for tokens held long: the offer then has none either.
        for field in LONG {
            personal.remove(field);
        }
    }
    Ok((filled, kept))
}

/// MODEL.md 8.3's long-term rate and its months: both or neither.
const LONG: [&str; 2] = ["long_term_redemption_tax_pct", "long_term_after_months"];

/// The offer's `personal` block, made when it has none.
fn personal_mut(
    doc: &mut serde_json::Value,
) -> Result<&mut serde_json::Map<String, serde_json::Value>, String> {
    doc.as_object_mut()
        .ok_or("the offer is not a JSON object")?
        .entry("personal")
        .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()))
        .as_object_mut()
        .ok_or_else(|| "personal is not an object".to_string())
}

/// The rates as a person reads them in a terminal: whose, which year, the arithmetic, the rules
/// that are not rates, what is left out, and every source with the date it was checked.
#[must_use]
pub fn to_text(r: &Rates) -> String {
    let mut out = vec![
        format!("{} ({}), tax year {} ({})", r.name, r.residence, r.tax_year, r.year_label),
        format!("income_tax_pct      {}", r.income_words()),
        format!("redemption_tax_pct  {}", r.redemption_words()),
    ];
    if let Some(long) = r.long_term_words() {
        out.push(format!("long-term           {long}"));
    }
    let when = match r.taxed_at {
        TaxedAt::Payout => "payout (when the units pay)",
        TaxedAt::Vest => "vest (as pay when received)",
    };
    out.push(format!("taxed_at            {when}"));
    out.extend(r.year_notes.iter().cloned());
    out.extend(r.rules.iter().map(|rule| format!("- {rule}")));
    if !r.not_included.is_empty() {
        out.push("Not included:".to_string());
        out.extend(r.not_included.iter().map(|n| format!("- {n}")));
    }
    out.push("Sources:".to_string());
    for s in &r.sources {
        let read = s.read.as_ref().map(|read| format!(" (read at {read})")).unwrap_or_default();
        out.push(format!("- {}: {}{read}, checked {}", s.title, s.url, s.checked));
    }
    out.push("This is no tax advice.".to_string());
    out.join("\n")
}

/// The rates of `residence` at an offer document's salary, in its currency.
fn rates_for_document(
    doc: &serde_json::Value,
    residence: &str,
    kind: UnitKind,
) -> Result<Rates, String> {
    use serde_json::Value;
    let salary = match doc.pointer("/salary/base_annual") {
        Some(Value::String(text)) => text.parse::<Decimal>().ok(),
        Some(Value::Number(n)) => n.to_string().parse::<Decimal>().ok(),
        _ => None,
    }
    .ok_or("enter your salary first: the rates are those on your next unit of pay")?;
    let rates = rates(residence, salary, kind)?;
    let currency = doc.get("currency").and_then(Value::as_str).unwrap_or_default();
    if currency != rates.currency {
        return Err(format!(
            "the offer is in {currency} and {}'s rates are in {}: its salary cannot be placed in \
             those bands without an exchange rate; give the rates yourself",
            rates.residence, rates.currency
        ));
    }
    Ok(rates)
}

/// The rates the offer's own `personal.tax_residence` gives at its salary for its kind of unit
/// ([`unit_kind`]), for the form's note beside the tax fields; `None` when it names no residence.
#[must_use]
pub fn for_document(doc: &serde_json::Value) -> Option<Result<Rates, String>> {
    let residence = doc.pointer("/personal/tax_residence")?.as_str()?;
    Some(rates_for_document(doc, residence, unit_kind(doc)))
}
