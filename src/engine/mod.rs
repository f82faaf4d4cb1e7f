//! The valuation of MODEL.md sections 2 and 3: ledgers, the exact distribution over scenarios and
//! leaving months, the offer's figures and their sensitivity.
//!
//! Nominal ledgers are [`Decimal`] money; present values, probabilities and the figures built on them
//! are `f64`, as the model's discount factors are. Money is rounded only in [`crate::report::format`].

#![deny(clippy::arithmetic_side_effects)]

pub mod cents;
mod checked;
pub mod compute;
pub mod decision;
pub mod exact;
pub mod ledger;
pub mod monte_carlo;
pub mod noisy;
mod person;
pub mod random;
pub mod schedule;
mod sensitivity;
pub mod turning_points;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::offer::{self, Offer};
pub use decision::{
    deal_against_salary, decide, decide_first, Asks, Deal, Decision, MixAnalysis, MixOption, Solved,
};
pub use monte_carlo::{MonteCarloReport, Percentiles, Simulation};
pub use sensitivity::sensitivity;
pub use turning_points::{Input, RiskRow, TurningPoint, WhatChangesIt};

use exact::{means, sorted_values, weighted_percentile, ExpectedUtility, Model};

/// Everything the report shows, unrounded.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub name: String,
    pub currency: String,
    /// Whose published tax rates the offer's tax fields hold, and for which year (MODEL.md 8.5):
    /// recorded, changing no figure.
    pub tax_residence: Option<String>,
    pub tax_year: Option<u32>,
    pub expected: Expected,
    /// The chance that the tokens are worth nothing or less: every flow exactly zero, or tax at
    /// vest that the cash does not repay (MODEL.md 8.3).
    pub prob_zero: f64,
    /// The chance that the tokens cost more than they bring (tax at vest; MODEL.md 8.3).
    pub prob_loss: f64,
    /// Some path of positive weight costs all of W or more: the certainty equivalent is −W.
    pub ruin: bool,
    /// The quit rule's figures (MODEL.md 8.2), for offers with one.
    pub quit_rule: Option<QuitRuleFigures>,
    pub distribution: Distribution,
    pub certainty_equivalent: f64,
    pub salary_equivalent_annual_pretax: f64,
    /// The factor on all revenue at which expected token value equals expected sacrifice;
    /// `None` when nothing depends on revenue and milestones alone fall short.
    pub breakeven_revenue_scale: Option<f64>,
    /// The part of `expected.token_pv` from flows that follow revenue (B of the breakeven): zero
    /// when nothing the tokens pay depends on revenue.
    pub revenue_linked_pv: f64,
    pub scenarios: Vec<ScenarioReport>,
    /// The exact distribution of token value: `(token_pv, probability)`, sorted by value.
    pub outcomes: Vec<(f64, f64)>,
    /// The simulated figures; `None` from [`value_exact`], whose caller simulates in slices.
    pub monte_carlo: Option<MonteCarloReport>,
    /// The verdict's figures; `None` from [`value_exact`], whose caller decides after the headline.
    pub decision: Option<Decision>,
    /// The whole deal against salary only, after risk: the one answer to "should I take it?",
    /// computed with the headline (the verdict's asks and turning points come later).
    pub deal: Deal,
    pub sensitivity: Vec<SensitivityRow>,
    /// The compute budget's figures, if the offer has one (MODEL.md 7.6).
    pub compute_budget: Option<ComputeBudgetFigures>,
    /// The terms that bend a flow under revenue noise, in words ("a cap"): with volatility above
    /// 0 the simulated mean then differs from the exact one (MODEL.md 7.7).
    pub bending_terms: Vec<&'static str>,
    /// Whether the simulation adds revenue noise (its volatility is above zero).
    pub noisy: bool,
}

/// What the rule of leaving when the project goes badly does (MODEL.md 8.2).
#[derive(Debug, Clone, PartialEq)]
pub struct QuitRuleFigures {
    /// The rule's minimum trailing revenue a year, for the words.
    pub min_trailing_revenue: Decimal,
    /// q_i: the month each scenario's rule leaves at, if it does.
    pub leave_month: Vec<Option<u32>>,
    /// `expected.net_pv` plus the compute budget's worth, of the same offer without the rule.
    pub deal_pv_without: f64,
    /// That sum with the rule, less `deal_pv_without`: what the rule is worth (negative when it
    /// leaves too early).
    pub option_value: f64,
}

impl QuitRuleFigures {
    /// The yearly revenue under which the rule leaves, if it can ever leave
    /// ([`offer::QuitRule::can_leave`]): what the words and the comparison say of it.
    #[must_use]
    pub fn leaves_under(&self) -> Option<Decimal> {
        (!self.min_trailing_revenue.is_zero()).then_some(self.min_trailing_revenue)
    }
}

/// A compute budget at list price and at its worth to the person, expected over leaving months.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputeBudgetFigures {
    pub list_pv: f64,
    pub value_pv: f64,
    /// `100 · value_pv / list_pv`; `None` when the list value is zero.
    pub realized_pct: Option<f64>,
    /// The first year's budget at list price, and its worth to the person, nominal after tax.
    pub first_year_list: Decimal,
    pub first_year_worth: Decimal,
}

/// Expected present values after tax, in today's money.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Expected {
    pub token_pv: f64,
    pub sacrifice_pv: f64,
    pub net_pv: f64,
    pub salary_pv: f64,
    pub total_comp_pv: f64,
    /// The tax at vest, as a positive amount (MODEL.md 8.3).
    pub tax_at_vest_pv: f64,
}

/// Weighted nearest-rank percentiles of the token value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distribution {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioReport {
    pub name: String,
    pub probability: f64,
    /// Conditional on this scenario, over leaving months.
    pub expected_token_pv: f64,
    /// The path that never leaves.
    pub stay: StayLedger,
    /// The scenario's revenue by year as the offer plans it (the last repeats): what the
    /// breakeven's factor scales.
    pub annual_revenue: Vec<Decimal>,
    /// The month the project is shut down in, in this scenario.
    pub cancelled_month: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StayLedger {
    pub token_pv: f64,
    /// The path's after-tax token flows summed, the tax at vest taken off.
    pub token_nominal: Decimal,
    pub sacrifice_pv: f64,
    /// The most the person is out of pocket on the tokens at any month's end: tax at vest paid
    /// less the token cash received so far, or zero (MODEL.md 8.3), nominal.
    pub most_owed_before_cash: Decimal,
    pub years: Vec<LedgerYear>,
    /// `vested(t)` at the end of month t = 0..=H (for the vesting chart).
    pub vested_by_month: Vec<u64>,
    /// Tokens still held at the end of month t = 0..=H, after window sales.
    pub held_by_month: Vec<u64>,
}

/// One year of the never-leaving path: nominal after-tax amounts.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerYear {
    pub year: u32,
    pub vested_end: u64,
    pub revenue_share: Decimal,
    pub milestones: Decimal,
    pub buyback: Decimal,
    pub terminal: Decimal,
    pub sacrifice: Decimal,
    /// The income tax paid on tokens as they vested this year, as a positive amount (MODEL.md 8.3).
    pub tax_at_vest: Decimal,
    /// The cap on what a token may bring in cut a payment or a sale this year (MODEL.md 7.3).
    pub cap_reached: bool,
    /// Units still held expired this year (MODEL.md 7.5).
    pub expired: bool,
}

/// `expected.net_pv` with one input at 0.8× and 1.2× its value.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityRow {
    pub input: &'static str,
    pub low: f64,
    pub high: f64,
    pub swing: f64,
}

/// Why an offer that passed validation still could not be valued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// A figure outgrew what can be computed exactly; the text says which.
    Overflow(String),
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Overflow(what) => {
                write!(f, "the figures are too large to compute: {what}")
            }
        }
    }
}

/// Values a validated offer: every figure of MODEL.md sections 3 and 4.
///
/// Never panics; a figure too large for exact decimal money is an [`EngineError`].
pub fn value(offer: &Offer) -> Result<Report, EngineError> {
    let mut report = value_exact(offer)?;
    report.monte_carlo = Some(monte_carlo::simulate(offer)?);
    report.decision = Some(decide(offer)?);
    Ok(report)
}

/// The exact figures only (section 3), with no simulation: what the page shows at once while a
/// [`Simulation`] runs in slices.
pub fn value_exact(offer: &Offer) -> Result<Report, EngineError> {
    let mut report = value_exact_figures(offer)?;
    report.sensitivity = sensitivity::sensitivity(offer)?;
    Ok(report)
}

/// [`value_exact`] without the sensitivity table, which revalues the offer twice per input and so
/// costs nine tenths of the time: what the page's headline needs on a keystroke. The page adds
/// the table one task later, with the charts it feeds.
pub fn value_exact_figures(offer: &Offer) -> Result<Report, EngineError> {
    let model = Model::new(offer, Decimal::ONE)?;
    let paths = model.paths();
    let m = means(&paths);
    let terms = &model.terms;

    let salary_pv = exact::salary_pv(terms);
    let compute_budget = model.compute.as_ref().map(|curves| {
        let horizon = terms.horizon;
        let over_leaving = |quit: Option<u32>| {
            model.leaving.outcomes().fold((0.0, 0.0), |(l, v), (drawn, p)| {
                let leaving = exact::earlier(drawn, quit);
                (
                    l + p * curves.list_until(horizon, leaving),
                    v + p * curves.worth_until(horizon, leaving),
                )
            })
        };
        // With a quit rule the budget stops at each scenario's own month (MODEL.md 8.2).
        let (list_pv, value_pv) = if offer.leaving.quit_if.is_some() {
            model.quit.iter().zip(&model.probabilities).fold((0.0, 0.0), |(l, v), (q, p)| {
                let (list, value) = over_leaving(*q);
                (l + p * list, v + p * value)
            })
        } else {
            over_leaving(None)
        };
        ComputeBudgetFigures {
            list_pv,
            value_pv,
            realized_pct: (list_pv != 0.0).then(|| 100.0 * value_pv / list_pv),
            first_year_list: curves.first_year_list,
            first_year_worth: curves.first_year_worth,
        }
    });
    let sorted = sorted_values(&paths);
    let wealth = model.wealth;
    let gamma = offer.personal.risk_aversion.to_f64().unwrap_or(0.0);
    // At γ = 0 the certainty equivalent is the expected value itself (MODEL.md 3), over the
    // weights as given even when the probabilities miss 100 % within the tolerance.
    let mut utility = ExpectedUtility::new(wealth, gamma);
    for p in &paths {
        utility.add(p.value.token_pv, p.weight);
    }
    let ce = if gamma == 0.0 { m.token_pv } else { utility.certainty_equivalent() };

    let scenarios = offer
        .scenarios
        .iter()
        .zip(&model.scenarios)
        .enumerate()
        .map(|(i, (scenario, priced))| {
            let (weighted, weight) =
                paths.iter().filter(|p| p.scenario == i).fold((0.0, 0.0), |(sum, total), p| {
                    (sum + p.leaving_probability * p.value.token_pv, total + p.leaving_probability)
                });
            // The stay path leaves only by the quit rule (MODEL.md 8.6).
            let quit = model.leaves(i, None);
            let stay_pv = priced.path_value(terms, quit).token_pv;
            let stay = ledger::stay_ledger(
                terms,
                &priced.schedule,
                quit,
                stay_pv,
                model.sacrifice_until(i, quit),
                model.last_month_given_up(i, quit),
            )?;
            Ok(ScenarioReport {
                name: scenario.name.clone(),
                probability: model.probabilities[i],
                expected_token_pv: if weight > 0.0 { weighted / weight } else { 0.0 },
                stay,
                annual_revenue: scenario.annual_revenue.clone(),
                cancelled_month: scenario.cancelled_month,
            })
        })
        .collect::<Result<Vec<_>, EngineError>>()?;

    Ok(Report {
        name: offer.name.clone(),
        currency: offer.currency.clone(),
        tax_residence: offer.personal.tax_residence.clone(),
        tax_year: offer.personal.tax_year,
        expected: Expected {
            token_pv: m.token_pv,
            sacrifice_pv: m.sacrifice_pv,
            net_pv: m.token_pv - m.sacrifice_pv,
            salary_pv,
            total_comp_pv: salary_pv
                + m.token_pv
                + compute_budget.as_ref().map_or(0.0, |c| c.value_pv),
            tax_at_vest_pv: m.tax_at_vest_pv,
        },
        // (A float sum of the leaving odds can pass 1 by an ulp; it is a probability.)
        prob_zero: m.prob_zero.min(1.0),
        prob_loss: m.prob_loss.min(1.0),
        ruin: utility.is_ruin(),
        quit_rule: quit_rule_figures(offer, &model, &m, compute_budget.as_ref())?,
        distribution: Distribution {
            p10: weighted_percentile(&sorted, 0.10),
            p50: weighted_percentile(&sorted, 0.50),
            p90: weighted_percentile(&sorted, 0.90),
        },
        certainty_equivalent: ce,
        salary_equivalent_annual_pretax: salary_equivalent(offer, terms, ce),
        breakeven_revenue_scale: if breakeven_on_grid(offer) && breakeven_is_searched(offer) {
            grid_breakeven(offer, &model.quit, m.sacrifice_pv)?
        } else if breakeven_on_grid(offer) {
            linear_grid_breakeven(m.milestone_pv, m.revenue_linked_pv, m.sacrifice_pv)
        } else if breakeven_is_searched(offer) {
            search_breakeven(offer, m.token_pv, m.sacrifice_pv)?
        } else {
            breakeven_revenue_scale(m.milestone_pv, m.revenue_linked_pv, m.sacrifice_pv)
        },
        revenue_linked_pv: m.revenue_linked_pv,
        scenarios,
        outcomes: sorted,
        monte_carlo: None,
        decision: None,
        deal: decision::deal(offer, &model, &paths),
        sensitivity: Vec::new(),
        compute_budget,
        bending_terms: offer.bending_terms(),
        noisy: !offer.simulation.revenue_volatility_pct.is_zero(),
    })
}

/// The quit rule's months and worth (MODEL.md 8.2): the deal's expected value (the compute
/// budget's worth included, which leaving stops too) with the rule, against the same offer
/// without it. `None` without a rule.
fn quit_rule_figures(
    offer: &Offer,
    model: &Model,
    with: &exact::Means,
    budget: Option<&ComputeBudgetFigures>,
) -> Result<Option<QuitRuleFigures>, EngineError> {
    let Some(rule) = &offer.leaving.quit_if else { return Ok(None) };
    let mut without = offer.clone();
    without.leaving.quit_if = None;
    let model_without = Model::new(&without, Decimal::ONE)?;
    let m = means(&model_without.paths());
    let budget_without = model_without.compute.as_ref().map_or(0.0, |curves| {
        model_without.leaving.outcomes().fold(0.0, |v, (leaving, p)| {
            v + p * curves.worth_until(model_without.terms.horizon, leaving)
        })
    });
    let deal_pv_without = m.token_pv - m.sacrifice_pv + budget_without;
    let deal_pv_with = with.token_pv - with.sacrifice_pv + budget.map_or(0.0, |b| b.value_pv);
    Ok(Some(QuitRuleFigures {
        min_trailing_revenue: rule.min_trailing_revenue,
        leave_month: model.quit.clone(),
        deal_pv_without,
        option_value: deal_pv_with - deal_pv_without,
    }))
}

/// Whether the breakeven is found on MODEL.md 8.3's grid: with a quit rule or tax at vest, token
/// value can fall as revenue grows (tax on value never received, a rule that stays longer).
/// A rule with a minimum of 0 never leaves, so it changes no figure, this one included.
fn breakeven_on_grid(offer: &Offer) -> bool {
    offer.leaving.quit_if.as_ref().is_some_and(offer::QuitRule::can_leave)
        || offer.personal.taxed_at == offer::TaxedAt::Vest
}

/// The smallest s on the grid {0} ∪ {2^k : k = −20 … 20} at which the expected token value reaches
/// the expected salary given up, refined by bisection between it and the grid point before it
/// (keeping `f(lo) < sacrifice ≤ f(hi)`) until `hi − lo ≤ 1e-9 · hi`; the quit rule's months are
/// those of the offer as it is (MODEL.md 8.2, 8.3, 8.6).
fn grid_breakeven(
    offer: &Offer,
    quit: &[Option<u32>],
    sacrifice_pv: f64,
) -> Result<Option<f64>, EngineError> {
    let repays = |s: f64| -> Result<bool, EngineError> {
        let scale = Decimal::from_f64_retain(s).unwrap_or(Decimal::ZERO);
        let model = Model::new(offer, scale)?.with_quit(quit.to_vec());
        Ok(means(&model.paths()).token_pv >= sacrifice_pv)
    };
    if repays(0.0)? {
        return Ok(Some(0.0));
    }
    let mut low = 0.0;
    for k in -20..=20 {
        let high = libm::ldexp(1.0, k);
        if repays(high)? {
            return narrow_breakeven(low, high, repays).map(Some);
        }
        low = high;
    }
    Ok(None)
}

/// MODEL.md 8.3's grid breakeven where token value is `A + s·B` (no term of 7.7 bends it): with
/// the quit rule's months held at s = 1 the paths do not change with s, and a sale's gain and the
/// tax at vest both scale with the price, so B may be negative (tax on value never received) but
/// value is still a line. The grid then finds its root `(sacrifice − A) / B` when B > 0 and it is
/// at most 2^20, the bisection stopping within 1e-9 of it: the root itself is given (and the grid
/// evaluated some fifty times would cost the keystroke its budget). `0` when A already repays the
/// salary; `None` when B ≤ 0 and A falls short, or the root is past 2^20.
fn linear_grid_breakeven(
    milestone_pv: f64,
    revenue_linked_pv: f64,
    sacrifice_pv: f64,
) -> Option<f64> {
    if milestone_pv >= sacrifice_pv {
        return Some(0.0);
    }
    if revenue_linked_pv <= 0.0 {
        return None;
    }
    let root = (sacrifice_pv - milestone_pv) / revenue_linked_pv;
    (root <= libm::ldexp(1.0, 20)).then_some(root)
}

/// Whether the breakeven is searched for (MODEL.md 7.7): in an offer of version 3's terms where a
/// hurdle, a cap, a floor or prices set per scenario make token value other than `A + s·B` with
/// B all the revenue-linked flows. Other offers keep section 3's formula, figure for figure.
fn breakeven_is_searched(offer: &Offer) -> bool {
    let buyback = offer.payouts.buyback.as_ref();
    offer.uses_version_3()
        && (offer.payouts.cap_per_token.is_some()
            || offer.payouts.revenue_share.as_ref().is_some_and(|s| s.hurdle_annual.is_some())
            || buyback.is_some_and(|b| {
                b.floor_price.is_some() || b.price == offer::TenderPrice::Scenario
            })
            || buyback.is_some_and(|b| {
                b.max_sale_per_window.is_some() || b.former_max_sale_per_window.is_some()
            }))
}

/// The largest revenue factor searched: past it the tokens "never" repay the salary given up.
const BREAKEVEN_MAX_SCALE: f64 = 1e6;

/// The smallest factor s ≥ 0 on every scenario's revenue at which the expected token value reaches
/// the expected salary given up (token value never falls as s grows): `0` when s = 0 already does,
/// `None` when even 10^6 does not. Bracketed by doubling, then narrowed by bisection to a relative
/// width of 1e-9 (MODEL.md 7.7).
fn search_breakeven(
    offer: &Offer,
    token_pv: f64,
    sacrifice_pv: f64,
) -> Result<Option<f64>, EngineError> {
    let token_value_at = |s: f64| -> Result<f64, EngineError> {
        let scale = Decimal::from_f64_retain(s).unwrap_or(Decimal::ZERO);
        Ok(means(&Model::new(offer, scale)?.paths()).token_pv)
    };
    let repays = |s: f64| -> Result<bool, EngineError> { Ok(token_value_at(s)? >= sacrifice_pv) };
    if repays(0.0)? {
        return Ok(Some(0.0));
    }
    // The offer as it is, at s = 1, brackets most searches at once.
    let (mut low, mut high) = if token_pv >= sacrifice_pv { (0.0, 1.0) } else { (1.0, 2.0) };
    while !repays(high)? {
        if high >= BREAKEVEN_MAX_SCALE {
            return Ok(None);
        }
        low = high;
        high = (high * 2.0).min(BREAKEVEN_MAX_SCALE);
    }
    narrow_breakeven(low, high, repays).map(Some)
}

/// Bisects a bracket of the breakeven, keeping `low` short of it and `high` repaying, until
/// `high − low ≤ 1e-9 · high` (MODEL.md 7.7 and 8.6); returns `high`.
fn narrow_breakeven(
    mut low: f64,
    mut high: f64,
    repays: impl Fn(f64) -> Result<bool, EngineError>,
) -> Result<f64, EngineError> {
    while high - low > 1e-9 * high {
        let mid = 0.5 * (low + high);
        if repays(mid)? {
            high = mid;
        } else {
            low = mid;
        }
    }
    Ok(high)
}

/// The raise in guaranteed pay, before tax, worth the certainty equivalent: spread over the vesting
/// months within the horizon, in today's money.
fn salary_equivalent(offer: &Offer, terms: &schedule::Terms, ce: f64) -> f64 {
    let months = offer.grant.vesting.last_month().min(terms.horizon);
    let annuity: f64 = terms.discount.iter().skip(1).take(schedule::idx(months)).sum();
    let income_kept = 1.0 - offer.personal.income_tax_pct.to_f64().unwrap_or(0.0) / 100.0;
    if annuity <= 0.0 || income_kept <= 0.0 {
        return 0.0;
    }
    12.0 * ce / annuity / income_kept
}

/// The factor s with `A + s·B = sacrifice` (MODEL.md 6, "Breakeven").
fn breakeven_revenue_scale(
    milestone_pv: f64,
    revenue_linked_pv: f64,
    sacrifice_pv: f64,
) -> Option<f64> {
    if milestone_pv >= sacrifice_pv {
        Some(0.0)
    } else if revenue_linked_pv == 0.0 {
        None
    } else {
        Some((sacrifice_pv - milestone_pv) / revenue_linked_pv)
    }
}
