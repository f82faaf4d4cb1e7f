//! The plan's terms in plain words, for the terms that change how the tokens pay beyond version 1's
//! textbook plan (MODEL.md 7): the vesting, how tenders are priced and limited, a cap, a hurdle,
//! expiry and a compute budget. `tokenworth value --text` prints them; the page can show them too.

use rust_decimal::Decimal;

use crate::offer::{BudgetUnit, Offer, TenderPrice, Vesting, VestingEntry};
use crate::report::format::money_decimal;

/// One term: what it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub label: &'static str,
    pub words: String,
}

fn pct(p: Decimal) -> String {
    crate::report::format::percent_number_spaced(&p.normalize().to_string())
}

/// The offer's terms in words, those of version 3 and the vesting of any version.
#[must_use]
pub fn describe(offer: &Offer) -> Vec<Term> {
    let c = offer.currency.as_str();
    let mut terms = vec![Term { label: "Vesting", words: vesting_words(&offer.grant.vesting) }];
    if let Some(b) = &offer.payouts.buyback {
        let price = match b.price {
            TenderPrice::Formula => format!(
                "at {}× the last twelve months' revenue, per token of the supply",
                b.multiple().normalize()
            ),
            TenderPrice::Scenario => {
                "at the price per token each scenario sets for the year".into()
            }
        };
        terms.push(Term {
            label: "Tenders",
            words: format!(
                "from month {}, every {} months, up to {} of the tokens held, {price}",
                b.first_window_month,
                b.every_months,
                pct(b.sell_pct)
            ),
        });
        let limit = |m: Decimal| format!("at most {} a window", money_decimal(m, c));
        match (b.max_sale_per_window, b.former_max_sale_per_window) {
            (None, None) => {}
            (current, former) => {
                let current = current.map_or("no limit".to_string(), limit);
                let former = match former {
                    Some(m) if m.is_zero() => "may not sell in tenders".to_string(),
                    Some(m) => limit(m),
                    None => "the same".to_string(),
                };
                terms.push(Term {
                    label: "Sale limits",
                    words: format!(
                        "while you work there {current}; after you leave, {former} (before tax)"
                    ),
                });
            }
        }
    }
    if let Some(cap) = offer.payouts.cap_per_token {
        terms.push(Term {
            label: "Cap",
            words: format!(
                "a token brings in at most {} in all, before tax",
                money_decimal(cap, c)
            ),
        });
    }
    if let Some(hurdle) = offer.payouts.revenue_share.as_ref().and_then(|s| s.hurdle_annual) {
        terms.push(Term {
            label: "Hurdle",
            words: format!(
                "the pool is taken only from the basis above {} a year",
                money_decimal(hurdle, c)
            ),
        });
    }
    if let Some(month) = offer.grant.expires_month {
        terms.push(Term {
            label: "Expiry",
            words: format!("every token still held is forfeited at the end of month {month}"),
        });
    }
    if let Some(budget) = &offer.compute_budget {
        let decline = match budget.unit {
            BudgetUnit::Money => "in money".to_string(),
            BudgetUnit::Tokens => format!(
                "in tokens whose price falls {} a year",
                pct(budget.annual_price_decline_pct)
            ),
        };
        terms.push(Term {
            label: "Compute budget",
            words: format!(
                "{} a year at list price, {decline}; you would use {}, {} of it for yourself, worth {} of list price to you ({} for work); {} of the unused part paid out; {} a year reported as taxable pay",
                money_decimal(budget.annual, c),
                pct(budget.used_pct),
                pct(budget.personal_use_pct),
                pct(budget.personal_value_pct),
                pct(budget.work_value_pct),
                pct(budget.cash_out_unused_pct),
                money_decimal(budget.taxable_annual, c),
            ),
        });
    }
    terms
}

fn vesting_words(vesting: &Vesting) -> String {
    match vesting {
        Vesting::Linear { cliff_months, duration_months, every_months } => format!(
            "a cliff of {cliff_months} months, all vested by month {duration_months}, every {every_months} months"
        ),
        Vesting::Schedule { schedule } => schedule
            .iter()
            .map(|entry| match entry {
                VestingEntry::Step { month, pct: p } => format!("{} at month {month}", pct(*p)),
                VestingEntry::Run { from_month, to_month, every_months, pct: p } => format!(
                    "{} from month {from_month} to {to_month}, every {every_months} months",
                    pct(*p)
                ),
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}
