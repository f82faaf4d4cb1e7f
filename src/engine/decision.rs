//! Help to decide: what the deal is worth to this person after risk, what would make it fair at
//! their own assumptions, and how much salary to trade when the plan lets them choose.
//!
//! The deal's **risk-adjusted net value** is the certainty equivalent (MODEL.md 3, CRRA at the
//! person's wealth and risk aversion) of each path's token value minus the salary it gave up: the
//! sure amount, today and after tax, worth as much to them as taking the deal instead of salary
//! only. The offer is fair at their assumptions when it is zero or more. Each ask changes one term
//! and is found by solving the model for that zero, to the whole token or the cent: at the ask the
//! value is zero or more, one unit short of it below zero.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::checked::{mul, pct, sub};
use super::exact::{sacrifice_curve, ExpectedUtility, Model, WeightedPath};
use super::schedule::monthly_after_tax;
use super::turning_points::{risk_breakeven_revenue_scale, risk_inputs, risk_row, WhatChangesIt};
use super::EngineError;
use crate::offer::{Answer, Checklist, Mix, Offer};

/// The figures behind the verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The certainty equivalent of token value minus salary given up, path by path.
    pub risk_adjusted_net: f64,
    /// Expected token value minus expected salary given up (`expected.net_pv`).
    pub expected_net: f64,
    /// `expected_net − risk_adjusted_net`: the project's risk this person carries, in money; the
    /// company, which can spread it, would otherwise carry it.
    pub risk_carried: f64,
    /// The chance that the tokens end up worth less than the salary given up for them.
    pub prob_worse_than_salary_only: f64,
    /// Risk aversion 0: the person values the deal at its average.
    pub risk_neutral: bool,
    /// What would change the answer; `None` from [`decide_first`], whose caller (the page) finds
    /// it input by input in tasks of their own.
    pub what_changes_it: Option<WhatChangesIt>,
    /// What would make the offer fair, each on its own; `None` when it already is.
    pub asks: Option<Asks>,
    /// The salary-to-token trade, when the plan lets the person choose it.
    pub mix: Option<MixAnalysis>,
    /// The terms the asks would change, as offered.
    pub offered: Offered,
    /// The checklist questions not answered "yes", by key, in the app's order.
    pub open_questions: Vec<&'static str>,
}

/// The offered terms that the asks are set against.
#[derive(Debug, Clone, PartialEq)]
pub struct Offered {
    pub tokens: u64,
    pub sacrificed_annual: Decimal,
    pub pool_pct: Option<Decimal>,
    pub floor_price: Option<Decimal>,
}

/// Changes of one term each that make the risk-adjusted net value zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Asks {
    /// This many more tokens, on the same terms.
    pub extra_tokens: Solved<u64>,
    /// Give up only this much salary a year, for the same tokens.
    pub sacrificed_annual: Solved<Decimal>,
    /// A price per token (before tax) below which the company never buys back or values a token.
    pub buyback_floor_price: Solved<Decimal>,
    /// The revenue-share pool as this percentage of revenue.
    pub pool_pct: Solved<Decimal>,
}

/// The outcome of solving for one ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Solved<T> {
    /// The least change that makes the offer fair.
    At(T),
    /// No value of this term alone makes the offer fair.
    Unreachable,
    /// The plan has no such term (no buyback, no revenue share).
    NotInPlan,
}

/// The amounts of salary the person could trade, valued.
#[derive(Debug, Clone, PartialEq)]
pub struct MixAnalysis {
    /// Amounts across the plan's range (at most [`GRID_POINTS`] + 3), with the current choice and
    /// the best, smallest first: what the chart draws.
    pub options: Vec<MixOption>,
    /// The amount with the largest risk-adjusted net value of every amount the plan allows (the
    /// smallest such amount on a tie).
    pub best: MixOption,
    /// The offer's own choice.
    pub current: MixOption,
}

/// One amount of yearly salary traded, and what it does for this person.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MixOption {
    pub sacrificed_annual: Decimal,
    pub tokens: u64,
    pub risk_adjusted_net: f64,
    pub expected_net: f64,
    /// The chance of ending up worse off than trading nothing: token value minus salary given up
    /// below what the tokens kept without trading (a fixed grant, if any) would pay on that path.
    pub prob_worse_than_salary_only: f64,
}

/// How many amounts the mix chart samples across the plan's range.
pub const GRID_POINTS: u64 = 48;
/// A plan with at most this many choices has every one of them valued.
const EXHAUSTIVE_UP_TO: u64 = 64;
/// The highest floor price tried, in cents per token: beyond it an ask is "unreachable".
const MAX_FLOOR_CENTS: u64 = 1_000_000_000_000_000;
/// Pool percentages are solved to 0.0001 percentage points.
const POOL_SCALE: u32 = 4;

/// The deal against salary only, path by path (tokens, compute budget, salary given up): the one
/// measure every part of the page, the CLI and an embed answer "should I take it?" by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deal {
    /// The certainty equivalent at W (MODEL.md 8.4) of each path's net value.
    pub risk_adjusted_net: f64,
    /// The expected net value, the compute budget's worth included.
    pub expected_net: f64,
    /// `expected_net − risk_adjusted_net`: what the risk costs this person.
    pub cost_of_risk: f64,
    /// The chance that the deal ends up worse than salary only (net value below zero).
    pub prob_worse_than_salary_only: f64,
    /// The risk-adjusted net value as a yearly raise (or cut) in pay before tax, spread over the
    /// horizon's months like the salary given up.
    pub yearly_pretax: f64,
    /// W: what carries the risk.
    pub wealth: f64,
    pub risk_neutral: bool,
    /// Some path costs all of W or more, so the value after risk is −W (MODEL.md 8.6): a person
    /// could owe more than they have.
    pub ruin: bool,
}

/// The [`Deal`] of a validated offer: one pass over the exact paths, cheap enough for the headline.
pub fn deal(offer: &Offer, model: &Model, paths: &[WeightedPath]) -> Deal {
    deal_less(offer, model, paths, 0.0)
}

/// The [`Deal`] with a sure amount `less` (today's money, after tax) taken off every path before
/// the risk is weighed: what the comparison ranks by, `less` being the pay this offer's full
/// salary falls short of the best-paid salary-only job's by (see [`deal_against_salary`]). With
/// `less` zero it is [`deal`], figure for figure.
pub fn deal_less(offer: &Offer, model: &Model, paths: &[WeightedPath], less: f64) -> Deal {
    let person = Person::of(offer, model);
    let here = person.outcome_less(paths, None, less);
    let annuity: f64 = model.terms.discount.iter().skip(1).sum();
    let income_kept = 1.0 - offer.personal.income_tax_pct.to_f64().unwrap_or(0.0) / 100.0;
    let yearly_pretax = if annuity > 0.0 && income_kept > 0.0 {
        12.0 * here.risk_adjusted_net / annuity / income_kept
    } else {
        0.0
    };
    Deal {
        risk_adjusted_net: here.risk_adjusted_net,
        expected_net: here.expected_net,
        cost_of_risk: here.expected_net - here.risk_adjusted_net,
        prob_worse_than_salary_only: here.prob_worse,
        yearly_pretax,
        wealth: person.wealth,
        risk_neutral: person.gamma == 0.0,
        ruin: here.ruin,
    }
}

/// A validated offer's [`Deal`] against a salary-only job paying `full_annual` before tax (the
/// comparison's common baseline): the salary this offer pays short of it in full
/// (`base_annual + sacrificed_annual` below `full_annual`) is given up for sure, after tax, in
/// today's money over the horizon, on top of the salary the offer itself trades. An offer whose
/// full salary is `full_annual` gets its own `deal`.
pub fn deal_against_salary(offer: &Offer, full_annual: Decimal) -> Result<Deal, EngineError> {
    let model = Model::new(offer, Decimal::ONE)?;
    let own = offer
        .salary
        .base_annual
        .checked_add(offer.salary.sacrificed_annual)
        .ok_or_else(|| EngineError::Overflow("the full salary".to_string()))?;
    let income_kept =
        sub(Decimal::ONE, pct(offer.personal.income_tax_pct)?, "the income tax rate")?;
    let monthly = monthly_after_tax(
        sub(full_annual, own, "the salary short of the baseline")?,
        income_kept,
        "the salary short of the baseline",
    )?;
    let short = sacrifice_curve(monthly, &model.terms.discount).last().copied().unwrap_or(0.0);
    Ok(deal_less(offer, &model, &model.paths(), short))
}

/// The verdict's figures for a validated offer, what would change the answer included.
pub fn decide(offer: &Offer) -> Result<Decision, EngineError> {
    let mut decision = decide_first(offer)?;
    let rows = risk_inputs(offer)
        .into_iter()
        .map(|(input, now)| risk_row(offer, input, now, decision.risk_adjusted_net))
        .collect::<Result<Vec<_>, _>>()?;
    decision.what_changes_it = Some(WhatChangesIt::new(
        risk_breakeven_revenue_scale(offer, decision.risk_adjusted_net)?,
        rows,
    ));
    Ok(decision)
}

/// [`decide`] without what would change the answer (which revalues the offer some hundreds of
/// times): the verdict, the asks and the mix.
pub fn decide_first(offer: &Offer) -> Result<Decision, EngineError> {
    let model = Model::new(offer, Decimal::ONE)?;
    let person = Person::of(offer, &model);
    let here = person.outcome(&model.paths(), None);
    let asks =
        if here.risk_adjusted_net >= 0.0 { None } else { Some(solve_asks(offer, &model, person)?) };
    let mix = match &offer.mix {
        Some(mix) => Some(analyse_mix(offer, mix, &model, person)?),
        None => None,
    };
    Ok(Decision {
        risk_adjusted_net: here.risk_adjusted_net,
        expected_net: here.expected_net,
        risk_carried: here.expected_net - here.risk_adjusted_net,
        prob_worse_than_salary_only: here.prob_worse,
        risk_neutral: person.gamma == 0.0,
        what_changes_it: None,
        asks,
        mix,
        offered: Offered {
            tokens: offer.grant.tokens,
            sacrificed_annual: offer.salary.sacrificed_annual,
            pool_pct: offer.payouts.revenue_share.as_ref().map(|s| s.pool_pct),
            floor_price: offer.payouts.buyback.as_ref().and_then(|b| b.floor_price),
        },
        // A compute budget adds its own four questions (MODEL.md 7.6).
        open_questions: Checklist::keys_for(offer.compute_budget.is_some())
            .filter(|key| offer.checklist.answer(key) != Answer::Yes)
            .collect(),
    })
}

/// The person's wealth at risk (MODEL.md 8.4) and risk aversion.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Person {
    wealth: f64,
    gamma: f64,
}

/// One choice's figures over the exact distribution.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    risk_adjusted_net: f64,
    expected_net: f64,
    prob_worse: f64,
    ruin: bool,
}

impl Person {
    pub(crate) fn of(offer: &Offer, model: &Model) -> Person {
        Person { wealth: model.wealth, gamma: offer.personal.risk_aversion.to_f64().unwrap_or(0.0) }
    }

    /// The figures of a choice whose paths are `paths`; worse off means below `reference` (the
    /// token value of trading nothing, path by path), or below zero without one.
    ///
    /// The expected value is over the weights as given, like `expected.net_pv`; at γ = 0 it is
    /// also the risk-adjusted value (MODEL.md 3).
    fn outcome(self, paths: &[WeightedPath], reference: Option<&[f64]>) -> Outcome {
        self.outcome_less(paths, reference, 0.0)
    }

    /// [`Person::outcome`] with the sure amount `less` taken off every path's net value.
    fn outcome_less(self, paths: &[WeightedPath], reference: Option<&[f64]>, less: f64) -> Outcome {
        let mut utility = ExpectedUtility::new(self.wealth, self.gamma);
        let (mut token, mut sacrifice, mut worse) = (0.0, less, 0.0);
        for (i, p) in paths.iter().enumerate() {
            // A compute budget's worth stops with the job, so it counts on each path (MODEL.md 7.6).
            let net = p.value.token_pv + p.compute_pv - p.sacrifice_pv - less;
            utility.add(net, p.weight);
            token += p.weight * (p.value.token_pv + p.compute_pv);
            sacrifice += p.weight * p.sacrifice_pv;
            let floor = reference.and_then(|r| r.get(i)).copied().unwrap_or(0.0);
            if net < floor {
                worse += p.weight;
            }
        }
        let expected_net = token - sacrifice;
        Outcome {
            risk_adjusted_net: if self.gamma == 0.0 {
                expected_net
            } else {
                utility.certainty_equivalent()
            },
            expected_net,
            prob_worse: worse.min(1.0),
            ruin: utility.is_ruin(),
        }
    }

    pub(crate) fn risk_adjusted(self, paths: &[WeightedPath]) -> f64 {
        self.outcome(paths, None).risk_adjusted_net
    }
}

/// Solves for each ask on its own, the offer being unfair as it stands.
fn solve_asks(offer: &Offer, model: &Model, person: Person) -> Result<Asks, EngineError> {
    let vesting = &offer.grant.vesting;
    let fair_with_tokens = |tokens: u64| -> Result<bool, EngineError> {
        let terms = model.terms.with_tokens(tokens, vesting)?;
        Ok(person.risk_adjusted(&model.paths_with(&terms, &model.sacrifice_pv)) >= 0.0)
    };
    let grant = &offer.grant;
    let extra_tokens = match bracket_upwards(grant.tokens, grant.supply, fair_with_tokens)? {
        Some((fails, passes)) => {
            Solved::At(boundary(passes, fails, fair_with_tokens)?.saturating_sub(grant.tokens))
        }
        None => Solved::Unreachable,
    };

    let income_kept =
        sub(Decimal::ONE, pct(offer.personal.income_tax_pct)?, "the income tax rate")?;
    let fair_giving_up = |cents: u64| -> Result<bool, EngineError> {
        let annual = from_units(cents, 2);
        let monthly = monthly_after_tax(annual, income_kept, "the salary given up")?;
        let curve = sacrifice_curve(monthly, &model.terms.discount);
        Ok(person.risk_adjusted(&model.paths_with(&model.terms, &curve)) >= 0.0)
    };
    let given_up = to_units(offer.salary.sacrificed_annual, 2);
    let sacrificed_annual = if given_up > 0 && fair_giving_up(0)? {
        Solved::At(from_units(boundary(0, given_up, fair_giving_up)?, 2))
    } else {
        Solved::Unreachable
    };

    let buyback_floor_price = match &offer.payouts.buyback {
        None => Solved::NotInPlan,
        Some(buyback) => {
            let fair_with_floor = |cents: u64| {
                fair_when_varied(offer, person, |v| {
                    if let Some(b) = v.payouts.buyback.as_mut() {
                        b.floor_price = Some(from_units(cents, 2));
                    }
                })
            };
            let now = buyback.floor_price.map_or(0, |f| to_units(f, 2));
            solve_upwards(now, MAX_FLOOR_CENTS, fair_with_floor)?.map(|cents| from_units(cents, 2))
        }
    };

    let pool_pct = match &offer.payouts.revenue_share {
        None => Solved::NotInPlan,
        Some(share) => {
            let fair_with_pool = |units: u64| {
                fair_when_varied(offer, person, |v| {
                    if let Some(s) = v.payouts.revenue_share.as_mut() {
                        s.pool_pct = from_units(units, POOL_SCALE);
                    }
                })
            };
            let all = to_units(Decimal::ONE_HUNDRED, POOL_SCALE);
            solve_upwards(to_units(share.pool_pct, POOL_SCALE), all, fair_with_pool)?
                .map(|units| from_units(units, POOL_SCALE))
        }
    };

    Ok(Asks { extra_tokens, sacrificed_annual, buyback_floor_price, pool_pct })
}

/// Whether the offer with one term changed by `vary` is fair, revalued from scratch (the term
/// changes the per-token schedule, so nothing of the offer's own model can be kept).
fn fair_when_varied(
    offer: &Offer,
    person: Person,
    vary: impl FnOnce(&mut Offer),
) -> Result<bool, EngineError> {
    let mut varied = offer.clone();
    vary(&mut varied);
    Ok(person.risk_adjusted(&Model::new(&varied, Decimal::ONE)?.paths()) >= 0.0)
}

impl<T> Solved<T> {
    /// The solved value converted; the other outcomes as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Solved<U> {
        match self {
            Solved::At(x) => Solved::At(f(x)),
            Solved::Unreachable => Solved::Unreachable,
            Solved::NotInPlan => Solved::NotInPlan,
        }
    }
}

/// The least value above `now` (which fails) up to `most` that passes, if any does.
fn solve_upwards(
    now: u64,
    most: u64,
    mut passes: impl FnMut(u64) -> Result<bool, EngineError>,
) -> Result<Solved<u64>, EngineError> {
    if now >= most || !passes(most)? {
        return Ok(Solved::Unreachable);
    }
    match bracket_upwards(now, most, &mut passes)? {
        Some((fails, pass)) => Ok(Solved::At(boundary(pass, fails, passes)?)),
        None => Ok(Solved::Unreachable),
    }
}

/// Steps up from `start` (which fails) in doubling steps, at most to `most`: the last failing
/// value and the first passing one, or `None` if even `most` fails.
fn bracket_upwards(
    start: u64,
    most: u64,
    mut passes: impl FnMut(u64) -> Result<bool, EngineError>,
) -> Result<Option<(u64, u64)>, EngineError> {
    let mut fails = start;
    // A first step of an eighth of the start (one at least): most asks are a fraction of it.
    let mut step = (start / 8).max(1);
    while fails < most {
        let next = fails.saturating_add(step).min(most);
        if passes(next)? {
            return Ok(Some((fails, next)));
        }
        fails = next;
        step = step.saturating_mul(2);
    }
    Ok(None)
}

/// The passing value next to the failing one, by bisection between `pass` and `fail` (in either
/// order): the boundary where the offer turns fair.
pub(crate) fn boundary(
    mut pass: u64,
    mut fail: u64,
    mut passes: impl FnMut(u64) -> Result<bool, EngineError>,
) -> Result<u64, EngineError> {
    while pass.abs_diff(fail) > 1 {
        let mid = pass.min(fail).saturating_add(pass.abs_diff(fail) / 2);
        if passes(mid)? {
            pass = mid;
        } else {
            fail = mid;
        }
    }
    Ok(pass)
}

/// `value` in whole units of 10^−scale, rounded down (negative and huge values clamp).
pub(crate) fn to_units(value: Decimal, scale: u32) -> u64 {
    let factor = Decimal::from(10u64.saturating_pow(scale));
    let clamp = |v: Decimal| if v.is_sign_negative() { 0 } else { u64::MAX };
    value
        .checked_mul(factor)
        .map_or_else(|| clamp(value), |v| v.floor().to_u64().unwrap_or_else(|| clamp(v)))
}

/// `units` × 10^−scale.
pub(crate) fn from_units(units: u64, scale: u32) -> Decimal {
    Decimal::from_i128_with_scale(i128::from(units), scale)
}

/// Values the amounts of salary the plan lets the person trade, and finds the best for them.
fn analyse_mix(
    offer: &Offer,
    mix: &Mix,
    model: &Model,
    person: Person,
) -> Result<MixAnalysis, EngineError> {
    let trades = Trades::new(offer, mix, model, person)?;
    let choices = trades.choices();
    let current_choice = to_choice(offer.salary.sacrificed_annual, mix.step_annual);

    let grid: Vec<u64> = if choices <= EXHAUSTIVE_UP_TO {
        (0..=choices).collect()
    } else {
        (0..=GRID_POINTS).map(|i| spread(i, GRID_POINTS, choices)).collect()
    };
    let mut valued = Vec::with_capacity(grid.len());
    for &k in &grid {
        valued.push((k, trades.value(k)?));
    }
    let mut best = best_of(&valued);
    if choices > EXHAUSTIVE_UP_TO {
        best = trades.refine(&valued, best)?;
    }
    let mut options: Vec<MixOption> = valued.iter().map(|&(_, o)| o).collect();
    let current = trades.value(current_choice)?;
    for extra in [current, best.1] {
        if !options.iter().any(|o| o.sacrificed_annual == extra.sacrificed_annual) {
            options.push(extra);
        }
    }
    options.sort_by_key(|o| o.sacrificed_annual);
    Ok(MixAnalysis { options, best: best.1, current })
}

/// The `i`-th of `n` evenly spread choices from 0 to `last`.
fn spread(i: u64, n: u64, last: u64) -> u64 {
    let at = u128::from(i).saturating_mul(u128::from(last)).checked_div(u128::from(n)).unwrap_or(0);
    u64::try_from(at).unwrap_or(last)
}

/// The choice `k` with `k × step` nearest below `amount`.
fn to_choice(amount: Decimal, step: Decimal) -> u64 {
    amount.checked_div(step).and_then(|k| k.floor().to_u64()).unwrap_or(0)
}

/// The valued choice with the largest risk-adjusted net value; the smallest amount on a tie.
fn best_of(valued: &[(u64, MixOption)]) -> (u64, MixOption) {
    let mut best = valued[0];
    for &(k, option) in &valued[1..] {
        if option.risk_adjusted_net > best.1.risk_adjusted_net {
            best = (k, option);
        }
    }
    best
}

/// The plan's choices `k = 0, 1, …`: giving up `k × step` a year for the tokens the mix gives.
struct Trades<'a> {
    offer: &'a Offer,
    mix: &'a Mix,
    model: &'a Model,
    person: Person,
    /// Tokens granted whatever the choice: the grant beyond what the current choice trades for.
    fixed_tokens: u64,
    income_kept: Decimal,
    /// What the fixed tokens alone pay on each path: the "salary only" alternative.
    reference: Vec<f64>,
}

impl<'a> Trades<'a> {
    fn new(
        offer: &'a Offer,
        mix: &'a Mix,
        model: &'a Model,
        person: Person,
    ) -> Result<Trades<'a>, EngineError> {
        let fixed_tokens = offer.fixed_tokens().unwrap_or(0);
        let income_kept =
            sub(Decimal::ONE, pct(offer.personal.income_tax_pct)?, "the income tax rate")?;
        let nothing = vec![0.0; model.sacrifice_pv.len()];
        let terms = model.terms.with_tokens(fixed_tokens, &offer.grant.vesting)?;
        let reference = model
            .paths_with(&terms, &nothing)
            .iter()
            .map(|p| p.value.token_pv + p.compute_pv)
            .collect();
        Ok(Trades { offer, mix, model, person, fixed_tokens, income_kept, reference })
    }

    /// The last choice, `floor(max / step)`.
    fn choices(&self) -> u64 {
        to_choice(self.mix.max_sacrificed_annual, self.mix.step_annual)
    }

    /// Values choice `k`.
    fn value(&self, k: u64) -> Result<MixOption, EngineError> {
        let sacrificed = mul(Decimal::from(k), self.mix.step_annual, "the salary traded")?;
        let traded = self
            .mix
            .tokens_for(sacrificed)
            .ok_or_else(|| EngineError::Overflow("the tokens for the salary traded".to_string()))?;
        let tokens = self.fixed_tokens.saturating_add(traded).min(self.offer.grant.supply);
        let terms = self.model.terms.with_tokens(tokens, &self.offer.grant.vesting)?;
        let monthly = monthly_after_tax(sacrificed, self.income_kept, "the salary traded")?;
        let curve = sacrifice_curve(monthly, &self.model.terms.discount);
        let outcome =
            self.person.outcome(&self.model.paths_with(&terms, &curve), Some(&self.reference));
        Ok(MixOption {
            sacrificed_annual: sacrificed.normalize(),
            tokens,
            risk_adjusted_net: outcome.risk_adjusted_net,
            expected_net: outcome.expected_net,
            prob_worse_than_salary_only: outcome.prob_worse,
        })
    }

    /// Narrows the search from the best grid point to the best choice between its neighbours: a
    /// golden-section search (the value is concave in the amount, but for whole-token rounding),
    /// then every choice in the last few.
    fn refine(
        &self,
        grid: &[(u64, MixOption)],
        best: (u64, MixOption),
    ) -> Result<(u64, MixOption), EngineError> {
        let at = grid.iter().position(|&(k, _)| k == best.0).unwrap_or(0);
        let mut low = grid[at.saturating_sub(1)].0;
        let mut high = grid.get(at.saturating_add(1)).map_or(best.0, |&(k, _)| k);
        let mut winner = best;
        let consider = |k: u64, winner: &mut (u64, MixOption)| -> Result<f64, EngineError> {
            let option = self.value(k)?;
            let better = option.risk_adjusted_net > winner.1.risk_adjusted_net
                || (option.risk_adjusted_net == winner.1.risk_adjusted_net && k < winner.0);
            if better {
                *winner = (k, option);
            }
            Ok(option.risk_adjusted_net)
        };
        while high.saturating_sub(low) > 8 {
            let third = high.saturating_sub(low) / 3;
            let (a, b) = (low.saturating_add(third), high.saturating_sub(third));
            if consider(a, &mut winner)? < consider(b, &mut winner)? {
                low = a;
            } else {
                high = b;
            }
        }
        for k in low..=high {
            consider(k, &mut winner)?;
        }
        Ok(winner)
    }
}

/// Every choice the plan allows, valued one by one: the brute force the tests check
/// [`decide`]'s search against.
pub fn value_every_choice(offer: &Offer) -> Result<Vec<MixOption>, EngineError> {
    let Some(mix) = &offer.mix else { return Ok(Vec::new()) };
    let model = Model::new(offer, Decimal::ONE)?;
    let trades = Trades::new(offer, mix, &model, Person::of(offer, &model))?;
    (0..=trades.choices()).map(|k| trades.value(k)).collect()
}

/// The offer with another number of tokens, everything else as offered: what a company levelling
/// its team's grants searches along (`crate::team`). The model is priced once; each grant size
/// costs one pass over the paths.
#[derive(Debug, Clone)]
pub struct GrantSizes {
    model: Model,
    person: Person,
    vesting: crate::offer::Vesting,
    supply: u64,
}

impl GrantSizes {
    pub fn new(offer: &Offer) -> Result<GrantSizes, EngineError> {
        let model = Model::new(offer, Decimal::ONE)?;
        Ok(GrantSizes {
            person: Person::of(offer, &model),
            model,
            vesting: offer.grant.vesting.clone(),
            supply: offer.grant.supply,
        })
    }

    fn paths(&self, tokens: u64) -> Result<Vec<WeightedPath>, EngineError> {
        let terms = self.model.terms.with_tokens(tokens, &self.vesting)?;
        Ok(self.model.paths_with(&terms, &self.model.sacrifice_pv))
    }

    /// The risk-adjusted net value (as [`Decision::risk_adjusted_net`]) with `tokens`.
    pub fn risk_adjusted_net(&self, tokens: u64) -> Result<f64, EngineError> {
        Ok(self.person.risk_adjusted(&self.paths(tokens)?))
    }

    /// The expected token value (as `expected.token_pv`) with `tokens`.
    pub fn expected_token_pv(&self, tokens: u64) -> Result<f64, EngineError> {
        Ok(self.paths(tokens)?.iter().map(|p| p.weight * p.value.token_pv).sum())
    }

    /// The fewest tokens, from none up to the whole supply, whose risk-adjusted net value
    /// `passes`, searched from `from` the way the asks are; `Unreachable` when even the whole
    /// supply does not pass. The value rises with the grant but for the floor-rounding exception
    /// of docs/MODEL-DECISIONS.md, so the answer is a boundary: it passes, one token fewer fails.
    pub fn fewest_tokens(
        &self,
        from: u64,
        mut passes: impl FnMut(f64) -> bool,
    ) -> Result<Solved<u64>, EngineError> {
        let from = from.min(self.supply);
        let mut test = |tokens: u64| Ok(passes(self.risk_adjusted_net(tokens)?));
        if test(from)? {
            if from == 0 || test(0)? {
                return Ok(Solved::At(0));
            }
            return Ok(Solved::At(boundary(from, 0, test)?));
        }
        match bracket_upwards(from, self.supply, &mut test)? {
            Some((fails, pass)) => Ok(Solved::At(boundary(pass, fails, test)?)),
            None => Ok(Solved::Unreachable),
        }
    }
}
