//! The tax presets as data: one JSON file per jurisdiction and tax year in `data/tax/`, each
//! figure with the source it was read from and the date it was checked. They are compiled in
//! (`include_str!`), so nothing is fetched; read them only from code that runs on first use (the
//! form's chunk, the CLI), so that they stay out of the page's first load.

use rust_decimal::Decimal;
use serde::Deserialize;

/// Every preset file, by the residence it is for. A subdivision (`US-CA`) is added to its
/// country's file (`US`), which may name components it replaces (Scotland's income tax).
const FILES: [(&str, &str); 13] = [
    ("US", include_str!("../../data/tax/US-2026.json")),
    ("US-CA", include_str!("../../data/tax/US-CA-2025.json")),
    ("US-NY", include_str!("../../data/tax/US-NY-2026.json")),
    ("US-TX", include_str!("../../data/tax/US-TX-2026.json")),
    ("US-WA", include_str!("../../data/tax/US-WA-2025.json")),
    ("GB", include_str!("../../data/tax/GB-2026.json")),
    ("GB-SCT", include_str!("../../data/tax/GB-SCT-2026.json")),
    ("DE", include_str!("../../data/tax/DE-2026.json")),
    ("FR", include_str!("../../data/tax/FR-2026.json")),
    ("CA", include_str!("../../data/tax/CA-2026.json")),
    ("CA-ON", include_str!("../../data/tax/CA-ON-2026.json")),
    ("CA-BC", include_str!("../../data/tax/CA-BC-2026.json")),
    ("IN", include_str!("../../data/tax/IN-2025.json")),
];

/// The residences a person can pick, in the order the page lists them, with the picker's words;
/// first, the choice of no preset. A country alone means its national taxes only.
pub const RESIDENCE_CHOICES: &[(&str, &str)] = &[
    ("", "I'll enter my own rates"),
    ("US-CA", "United States: California"),
    ("US-NY", "United States: New York"),
    ("US-WA", "United States: Washington"),
    ("US-TX", "United States: Texas"),
    ("US", "United States: federal taxes only"),
    ("GB", "United Kingdom: England, Wales, Northern Ireland"),
    ("GB-SCT", "United Kingdom: Scotland"),
    ("DE", "Germany"),
    ("FR", "France"),
    ("CA-ON", "Canada: Ontario"),
    ("CA-BC", "Canada: British Columbia"),
    ("CA", "Canada: federal taxes only"),
    ("IN", "India (new tax regime)"),
];

/// The residences with a preset.
pub fn residence_codes() -> impl Iterator<Item = &'static str> {
    RESIDENCE_CHOICES.iter().map(|(code, _)| *code).filter(|code| !code.is_empty())
}

/// One preset file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresetFile {
    pub residence: String,
    pub name: String,
    pub currency: String,
    pub tax_year: u32,
    /// The tax year in the country's own words ("6 April 2026 to 5 April 2027").
    pub year_label: String,
    /// Where a figure comes from another year than `tax_year`, or is only proposed.
    pub year_note: Option<String>,
    /// Components of the country's file that this subdivision's replace.
    #[serde(default)]
    pub replaces: Vec<String>,
    /// Taken off pay before a `taxable` base's bands (a standard deduction).
    pub deduction: Option<Deduction>,
    /// The share of pay, after deductions, that is taxable (France's 10 % allowance: 90).
    pub taxable_share_pct: Option<Decimal>,
    pub components: Vec<Component>,
    pub gains: Option<Gains>,
    /// How tokens received as pay are taxed here.
    pub tokens: Option<Rule>,
    /// How cash payouts of phantom or profit-share units are taxed here.
    pub cash_units: Option<Words>,
    #[serde(default)]
    pub notes: Vec<Words>,
    #[serde(default)]
    pub not_included: Vec<String>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deduction {
    pub amount: Decimal,
    pub name: String,
    pub source: String,
}

/// One tax or contribution on pay.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: String,
    /// In words, as the arithmetic says it ("National Insurance").
    pub name: String,
    pub kind: Kind,
    pub base: Base,
    /// With base `tax_of`: the components whose amounts it is levied on.
    #[serde(default)]
    pub of: Vec<String>,
    /// Taken off pay before this file's `taxable` base (France's deductible contributions).
    #[serde(default)]
    pub deductible: bool,
    /// Progressive bands: `[from, percent]`, the percent applying to the part of the base above
    /// `from` up to the next band's `from`.
    pub bands: Option<Vec<(Decimal, Decimal)>>,
    /// A formula tariff (Germany's § 32a EStG), zone by zone.
    pub zones: Option<Vec<Zone>>,
    /// A surcharge with an exemption limit and relief above it (Germany's solidarity surcharge).
    pub relief: Option<Relief>,
    /// A surcharge by income with marginal relief (India): `[income above, percent of the tax]`.
    pub surcharge: Option<Vec<(Decimal, Decimal)>>,
    /// A rebate of the bands' tax up to an income, with marginal relief above it (India's 87A).
    pub rebate: Option<Rebate>,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An income tax: it also taxes gains where they are taxed as income.
    Income,
    /// A contribution on pay only.
    Social,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// The pay itself.
    Gross,
    /// Pay less the file's deduction and deductible components, times its taxable share.
    Taxable,
    /// The amounts of the components named in `of`.
    TaxOf,
}

/// A zone of a formula tariff: on a base x above `from`, with u = (x − origin) / 10,000, the tax
/// is (a·u + b)·u + c, as § 32a EStG writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    pub from: Decimal,
    pub origin: Decimal,
    pub a: Decimal,
    pub b: Decimal,
    pub c: Decimal,
}

/// `pct` of the base, nothing up to `free_limit`, and never more than `relief_pct` of the part
/// above it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relief {
    pub pct: Decimal,
    pub free_limit: Decimal,
    pub relief_pct: Decimal,
}

/// The whole tax, up to `max`, is given back while the base is at most `up_to`; above it the
/// tax is at most the base's excess over `up_to`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rebate {
    pub up_to: Decimal,
    pub max: Decimal,
}

/// How a sale of tokens is taxed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gains {
    /// The tax in words ("Capital Gains Tax").
    pub name: String,
    pub short: GainRule,
    /// The rate after a holding period, where the country has one.
    pub long: Option<LongRule>,
    /// Taxes on top of either, above an income (the US Net Investment Income Tax).
    #[serde(default)]
    pub extra: Vec<Extra>,
    pub source: String,
    pub words: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum GainRule {
    /// Taxed as income: this file's income components at the margin.
    Income,
    /// A share of the gain is taxed as income (Canada's one-half inclusion).
    ShareOfIncome {
        pct: Decimal,
    },
    Flat {
        pct: Decimal,
    },
    /// A rate by the band the pay falls in (the UK's 18 % and 24 %).
    Bands {
        base: Base,
        bands: Vec<(Decimal, Decimal)>,
    },
}

/// A flattened rule cannot also deny unknown fields (serde); the rule's own tag still checks it.
#[derive(Debug, Clone, Deserialize)]
pub struct LongRule {
    pub after_months: u32,
    #[serde(flatten)]
    pub rule: GainRule,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extra {
    pub name: String,
    pub pct: Decimal,
    pub above: Decimal,
    pub source: String,
}

/// When tokens received as pay are taxed, and the rule in words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub taxed_at: TaxedAt,
    pub words: String,
    pub source: String,
}

/// MODEL.md 8.3's `taxed_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxedAt {
    Payout,
    Vest,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    #[serde(alias = "words")]
    pub text: String,
    pub source: String,
}

/// Where a figure was published, where it was read (when that is another page), and when.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: String,
    pub read: Option<String>,
    pub checked: String,
}

/// The files that make up a residence's preset: its country's, then its subdivision's.
pub fn files_for(residence: &str) -> Result<Vec<PresetFile>, String> {
    if !residence_codes().any(|code| code == residence) {
        let known: Vec<&str> = residence_codes().collect();
        return Err(format!("no tax preset for '{residence}': choose one of {}", known.join(", ")));
    }
    let country = residence.split('-').next().unwrap_or(residence);
    let mut files = vec![load(country)?];
    if country != residence {
        files.push(load(residence)?);
    }
    Ok(files)
}

/// Reads the embedded file for exactly `residence`.
pub fn load(residence: &str) -> Result<PresetFile, String> {
    let text = FILES
        .iter()
        .find(|(code, _)| *code == residence)
        .map(|(_, text)| *text)
        .ok_or_else(|| format!("no tax preset file for '{residence}'"))?;
    let file: PresetFile = serde_json::from_str(text)
        .map_err(|e| format!("the tax preset for {residence} cannot be read: {e}"))?;
    check(&file)?;
    Ok(file)
}

/// What the types cannot say: each component has exactly one schedule, its bands rise, and every
/// source it names is listed.
fn check(file: &PresetFile) -> Result<(), String> {
    let fail = |what: String| Err(format!("tax preset {}: {what}", file.residence));
    let known = |id: &str| file.sources.iter().any(|s| s.id == id);
    for c in &file.components {
        let schedules =
            [c.bands.is_some(), c.zones.is_some(), c.relief.is_some(), c.surcharge.is_some()];
        if schedules.iter().filter(|&&s| s).count() != 1 {
            return fail(format!("{} needs exactly one of bands, zones, relief, surcharge", c.id));
        }
        if !known(&c.source) {
            return fail(format!("{} names an unlisted source {}", c.id, c.source));
        }
        if (c.base == Base::TaxOf) == c.of.is_empty() {
            return fail(format!("{}: `of` goes with base tax_of, and only with it", c.id));
        }
        for steps in [c.bands.as_ref(), c.surcharge.as_ref()].into_iter().flatten() {
            if steps.is_empty() || steps.windows(2).any(|w| w[0].0 >= w[1].0) {
                return fail(format!("{}: bands must rise and not be empty", c.id));
            }
        }
        if let Some(zones) = &c.zones {
            if zones.is_empty() || zones.windows(2).any(|w| w[0].from >= w[1].from) {
                return fail(format!("{}: zones must rise and not be empty", c.id));
            }
        }
    }
    let mut named: Vec<&str> = Vec::new();
    if let Some(d) = &file.deduction {
        named.push(&d.source);
    }
    if let Some(g) = &file.gains {
        named.push(&g.source);
        named.extend(g.extra.iter().map(|e| e.source.as_str()));
    }
    named.extend(file.tokens.iter().map(|t| t.source.as_str()));
    named.extend(file.cash_units.iter().map(|t| t.source.as_str()));
    named.extend(file.notes.iter().map(|t| t.source.as_str()));
    match named.into_iter().find(|id| !known(id)) {
        Some(id) => fail(format!("names an unlisted source {id}")),
        None => Ok(()),
    }
}
