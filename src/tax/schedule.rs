//! The amount of each tax component at a given pay, in exact decimals: bands, formula zones,
//! surcharges with relief, rebates. The marginal rate is then the amount on the next unit of pay
//! less the amount on this one, so every rule (a ceiling, a taper, a surtax on a tax) is measured
//! the same way rather than derived by hand.

use rust_decimal::Decimal;

use super::preset::{Base, Component, PresetFile, Zone};

/// An overflow in a preset's arithmetic (a pay beyond any tax table), never a panic.
pub(crate) type Amount = Result<Decimal, String>;

fn overflow() -> String {
    "the pay is too large to work out its tax".to_string()
}

fn add(a: Decimal, b: Decimal) -> Amount {
    a.checked_add(b).ok_or_else(overflow)
}

fn sub(a: Decimal, b: Decimal) -> Amount {
    a.checked_sub(b).ok_or_else(overflow)
}

fn mul(a: Decimal, b: Decimal) -> Amount {
    a.checked_mul(b).ok_or_else(overflow)
}

fn pct_of(percent: Decimal, x: Decimal) -> Amount {
    mul(percent, x)?.checked_div(Decimal::ONE_HUNDRED).ok_or_else(overflow)
}

/// The components in force for a residence (a subdivision's replacing its country's), each with
/// the file it belongs to.
pub(crate) struct Residence<'a> {
    pub files: &'a [PresetFile],
    pub components: Vec<(usize, &'a Component)>,
}

impl<'a> Residence<'a> {
    pub fn new(files: &'a [PresetFile]) -> Self {
        let replaced: Vec<&str> =
            files.iter().flat_map(|f| f.replaces.iter().map(String::as_str)).collect();
        let mut components = Vec::new();
        for (i, file) in files.iter().enumerate() {
            for c in &file.components {
                let is_replaced = i == 0 && files.len() > 1 && replaced.contains(&c.id.as_str());
                if !is_replaced {
                    components.push((i, c));
                }
            }
        }
        Residence { files, components }
    }

    fn find(&self, id: &str) -> Result<(usize, &'a Component), String> {
        self.components
            .iter()
            .find(|(_, c)| c.id == id)
            .copied()
            .ok_or_else(|| format!("the tax preset names a missing component {id}"))
    }

    /// The base a component of file `file` is levied on, at pay `pay`.
    pub fn base(&self, file: usize, c: &Component, pay: Decimal) -> Amount {
        match c.base {
            Base::Gross => Ok(pay),
            Base::Taxable => self.taxable(file, pay),
            Base::TaxOf => {
                let mut sum = Decimal::ZERO;
                for id in &c.of {
                    let (f, of) = self.find(id)?;
                    sum = add(sum, self.amount(f, of, pay)?)?;
                }
                Ok(sum)
            }
        }
    }

    /// Pay less the file's deduction and deductible contributions, times its taxable share.
    pub fn taxable(&self, file: usize, pay: Decimal) -> Amount {
        let f = &self.files[file];
        let mut left = pay;
        if let Some(d) = &f.deduction {
            left = sub(left, d.amount)?;
        }
        for (i, c) in &self.components {
            if *i == file && c.deductible {
                left = sub(left, self.amount(*i, c, pay)?)?;
            }
        }
        let left = left.max(Decimal::ZERO);
        match f.taxable_share_pct {
            Some(share) => pct_of(share, left),
            None => Ok(left),
        }
    }

    /// The component's amount at pay `pay`.
    pub fn amount(&self, file: usize, c: &Component, pay: Decimal) -> Amount {
        let base = self.base(file, c, pay)?;
        if let Some(bands) = &c.bands {
            let tax = progressive(bands, base)?;
            return match &c.rebate {
                Some(r) if base <= r.up_to => sub(tax, tax.min(r.max)),
                Some(r) => Ok(tax.min(sub(base, r.up_to)?)),
                None => Ok(tax),
            };
        }
        if let Some(zones) = &c.zones {
            return formula(zones, base);
        }
        if let Some(r) = &c.relief {
            if base <= r.free_limit {
                return Ok(Decimal::ZERO);
            }
            let full = pct_of(r.pct, base)?;
            let relieved = pct_of(r.relief_pct, sub(base, r.free_limit)?)?;
            return Ok(full.min(relieved));
        }
        if let Some(steps) = &c.surcharge {
            return self.surcharge(file, c, steps, pay, base);
        }
        Ok(Decimal::ZERO)
    }

    /// A surcharge of a percentage of the tax by income, with marginal relief: the tax and
    /// surcharge together exceed those at the threshold passed by no more than the income above
    /// it.
    fn surcharge(
        &self,
        file: usize,
        c: &Component,
        steps: &[(Decimal, Decimal)],
        pay: Decimal,
        tax: Decimal,
    ) -> Amount {
        let income = self.taxable(file, pay)?;
        let Some(k) = steps.iter().rposition(|(above, _)| income > *above) else {
            return Ok(Decimal::ZERO);
        };
        let (threshold, rate) = steps[k];
        let full = pct_of(rate, tax)?;
        let below_rate = if k == 0 { Decimal::ZERO } else { steps[k - 1].1 };
        let excess = sub(income, threshold)?;
        let pay_at_threshold = sub(pay, excess)?;
        let tax_at_threshold = self.base(file, c, pay_at_threshold)?;
        let due_at_threshold = add(tax_at_threshold, pct_of(below_rate, tax_at_threshold)?)?;
        let relieved = sub(add(due_at_threshold, excess)?, tax)?;
        Ok(full.min(relieved.max(Decimal::ZERO)))
    }
}

/// Tax on `base` by progressive bands.
pub(crate) fn progressive(bands: &[(Decimal, Decimal)], base: Decimal) -> Amount {
    let mut tax = Decimal::ZERO;
    for (i, (from, rate)) in bands.iter().enumerate() {
        if base <= *from {
            break;
        }
        let to = bands.get(i + 1).map_or(base, |(next, _)| base.min(*next));
        tax = add(tax, pct_of(*rate, sub(to, *from)?)?)?;
    }
    Ok(tax)
}

/// Tax on `base` by a formula tariff, never below zero.
fn formula(zones: &[Zone], base: Decimal) -> Amount {
    match zones.iter().rev().find(|z| base > z.from) {
        Some(zone) => Ok(in_zone(zone, base)?.max(Decimal::ZERO)),
        None => Ok(Decimal::ZERO),
    }
}

/// The tax between two bases by the formula of the zone the higher one is in. The law's
/// coefficients meet only to the cent at a zone's edge, so measuring across an edge with two
/// zones would add that rounding to the rate.
pub(crate) fn formula_step(zones: &[Zone], from: Decimal, to: Decimal) -> Amount {
    match zones.iter().rev().find(|z| to > z.from) {
        Some(zone) if zone.a.is_zero() && zone.b.is_zero() && zone.c.is_zero() => Ok(Decimal::ZERO),
        Some(zone) => sub(in_zone(zone, to)?, in_zone(zone, from)?),
        None => Ok(Decimal::ZERO),
    }
}

fn in_zone(zone: &Zone, base: Decimal) -> Amount {
    let u = sub(base, zone.origin)?.checked_div(Decimal::from(10_000)).ok_or_else(overflow)?;
    add(mul(add(mul(zone.a, u)?, zone.b)?, u)?, zone.c)
}

/// The band `base` falls in: its index, lower edge and (unless it is the last) upper edge. A base
/// exactly on an edge is in the band above, where its next unit is taxed.
pub(crate) fn band_at(
    bands: &[(Decimal, Decimal)],
    base: Decimal,
) -> (usize, Decimal, Option<Decimal>) {
    let i = bands.iter().rposition(|(from, _)| base >= *from).unwrap_or(0);
    (i, bands[i].0, bands.get(i + 1).map(|(to, _)| *to))
}
