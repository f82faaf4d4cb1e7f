//! The exact distribution of MODEL.md section 3: every scenario × every leaving month, weighted,
//! with no sampling.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::checked::{add, mul};
use super::compute::ComputeCurves;
use super::ledger::walk_path;
use super::schedule::{idx, scenario_schedule, FlowKind, PerToken, ScenarioSchedule, Terms};
use super::EngineError;
use crate::offer::{Offer, SalaryAfterCancellation, WealthCounts};

/// When the holder leaves: `P(τ = t)` for t = 1..=H, and the chance of staying past H.
#[derive(Debug, Clone)]
pub struct LeavingOdds {
    /// Index t holds `P(τ = t)`; index 0 is unused (zero).
    pub in_month: Vec<f64>,
    pub never: f64,
    /// The monthly hazard h.
    pub hazard: f64,
}

impl LeavingOdds {
    /// A constant monthly hazard `h = 1 − (1 − a)^(1/12)` from the annual departure rate `a`.
    #[must_use]
    pub fn new(annual_departure_pct: Decimal, horizon: u32) -> LeavingOdds {
        let annual = (annual_departure_pct.to_f64().unwrap_or(0.0) / 100.0).clamp(0.0, 1.0);
        let hazard = 1.0 - libm::pow(1.0 - annual, 1.0 / 12.0);
        let mut in_month = vec![0.0; idx(horizon).saturating_add(1)];
        let mut staying = 1.0;
        for p in in_month.iter_mut().skip(1) {
            *p = staying * hazard;
            staying *= 1.0 - hazard;
        }
        LeavingOdds { in_month, never: staying, hazard }
    }

    /// `(leaving month, probability)` for every leaving month with weight, and then never.
    pub fn outcomes(&self) -> impl Iterator<Item = (Option<u32>, f64)> + '_ {
        let months =
            self.in_month.iter().enumerate().skip(1).map(|(t, &p)| (u32::try_from(t).ok(), p));
        months.chain(std::iter::once((None, self.never))).filter(|&(_, p)| p > 0.0)
    }
}

/// The present value of one path's token flows.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PathValue {
    /// All token flows, after tax, in today's money.
    pub token_pv: f64,
    /// The part from milestones (A of the breakeven).
    pub milestone_pv: f64,
    /// The part that scales with revenue: revenue share, buybacks, terminal value (B), and the
    /// tax at vest (negative).
    pub revenue_linked_pv: f64,
    /// The tax at vest, as a positive amount in today's money (MODEL.md 8.3).
    pub tax_at_vest_pv: f64,
    /// False when every token flow is exactly zero.
    pub pays: bool,
}

impl PathValue {
    /// Worth nothing or less (MODEL.md 8.3's `prob_zero`): no flow at all, or tax at vest that
    /// the cash does not repay.
    #[must_use]
    pub fn is_zero(&self) -> bool {
        !self.pays || self.token_pv <= 0.0
    }
}

/// One scenario's per-token amounts in today's money, as `f64` (the one Decimal → float boundary
/// of the exact engine).
#[derive(Debug, Clone)]
pub struct PresentSchedule {
    pub schedule: ScenarioSchedule,
    /// What a token receives, in today's money.
    pub present: PerToken<f64>,
    /// Where sales are taxed lot by lot: each month's sale price before tax, the terminal
    /// valuation's, and each lot's basis, as `f64` (MODEL.md 8.3).
    sale_price: Vec<f64>,
    terminal_price: f64,
    basis: Vec<f64>,
}

impl PresentSchedule {
    #[must_use]
    pub fn new(schedule: ScenarioSchedule, terms: &Terms) -> PresentSchedule {
        let present = schedule.amounts.map(terms.horizon, |amount, t| {
            amount.to_f64().unwrap_or(0.0) * terms.discount.get(t).copied().unwrap_or(0.0)
        });
        let float = |column: &[Decimal]| -> Vec<f64> {
            if terms.sale_tax.by_lot {
                column.iter().map(|d| d.to_f64().unwrap_or(0.0)).collect()
            } else {
                Vec::new()
            }
        };
        PresentSchedule {
            sale_price: float(&schedule.sale_price),
            terminal_price: schedule.terminal_price.and_then(|p| p.to_f64()).unwrap_or(0.0),
            basis: float(&schedule.vest_value),
            schedule,
            present,
        }
    }

    /// What one token of the lot of month `lot` brings, after the tax on its gain, sold by a
    /// flow of `kind` in month `t`, in today's money.
    #[must_use]
    pub fn lot_sale_pv(&self, terms: &Terms, kind: FlowKind, t: u32, lot: u32) -> f64 {
        let price = if kind == FlowKind::Terminal {
            self.terminal_price
        } else {
            self.sale_price.get(idx(t)).copied().unwrap_or(0.0)
        };
        let basis = self.basis.get(idx(lot)).copied().unwrap_or(0.0);
        terms.sale_tax.after_tax_f64(price, basis, lot, t)
            * terms.discount.get(idx(t)).copied().unwrap_or(0.0)
    }

    /// Values the path that leaves at `leaving`.
    #[must_use]
    pub fn path_value(&self, terms: &Terms, leaving: Option<u32>) -> PathValue {
        let mut value = PathValue::default();
        walk_path(terms, &self.schedule, leaving, |flow| {
            if self.schedule.amounts.at(flow.kind, flow.month).is_zero() {
                return;
            }
            let per_token = if flow.lot > 0 {
                self.lot_sale_pv(terms, flow.kind, flow.month, flow.lot)
            } else {
                self.present.at(flow.kind, flow.month)
            };
            // Token counts are exact in f64 up to 2^53; beyond that the rounding is far below a cent
            // of the per-token amounts.
            #[allow(clippy::cast_precision_loss)]
            let pv = flow.tokens as f64 * per_token;
            value.token_pv += pv;
            match flow.kind {
                FlowKind::Milestone => value.milestone_pv += pv,
                FlowKind::TaxAtVest => {
                    value.revenue_linked_pv += pv;
                    value.tax_at_vest_pv -= pv;
                }
                _ => value.revenue_linked_pv += pv,
            }
            value.pays = true;
        });
        value
    }
}

/// An offer's terms and scenarios, priced: everything the exact figures are computed from.
#[derive(Debug, Clone)]
pub struct Model {
    pub terms: Terms,
    pub scenarios: Vec<PresentSchedule>,
    /// Each scenario's probability, 0..1.
    pub probabilities: Vec<f64>,
    pub leaving: LeavingOdds,
    /// `sacrifice_pv[t]`: the salary given up over months 1..=t, in today's money.
    pub sacrifice_pv: Vec<f64>,
    /// Each scenario's last month of salary given up whoever stays: its `cancelled_month` when the
    /// salary is restored once a project is shut (MODEL.md 8.1), else none.
    pub sacrifice_stops: Vec<Option<u32>>,
    /// W of the certainty equivalent (MODEL.md 8.4): the savings, plus the after-tax base salary
    /// over the horizon when the pay carries the risk too.
    pub wealth: f64,
    /// The compute budget's worth over the months employed, if the offer has one.
    pub compute: Option<ComputeCurves>,
    /// q_i: the month each scenario's quit rule leaves at, if it does (MODEL.md 8.2).
    pub quit: Vec<Option<u32>>,
}

impl Model {
    /// Prices every scenario of `offer` with all revenue multiplied by `revenue_scale`.
    pub fn new(offer: &Offer, revenue_scale: Decimal) -> Result<Model, EngineError> {
        let terms = Terms::new(offer)?;
        let scenarios = offer
            .scenarios
            .iter()
            .map(|s| Ok(PresentSchedule::new(scenario_schedule(offer, s, revenue_scale)?, &terms)))
            .collect::<Result<Vec<_>, EngineError>>()?;
        let probabilities = offer
            .scenarios
            .iter()
            .map(|s| s.probability_pct.to_f64().unwrap_or(0.0) / 100.0)
            .collect();
        let sacrifice_pv = sacrifice_curve(terms.monthly_sacrifice, &terms.discount);
        let leaving = LeavingOdds::new(offer.leaving.annual_departure_pct, offer.horizon_months);
        let compute = ComputeCurves::of(offer, &terms.discount)?;
        let sacrifice_stops = offer
            .scenarios
            .iter()
            .map(|s| match offer.leaving.salary_after_cancellation {
                SalaryAfterCancellation::Restored => s.cancelled_month,
                SalaryAfterCancellation::Continues => None,
            })
            .collect();
        let wealth = wealth_at_risk(offer, &terms);
        let quit = quit_months(offer, revenue_scale)?;
        Ok(Model {
            terms,
            scenarios,
            probabilities,
            leaving,
            sacrifice_pv,
            sacrifice_stops,
            wealth,
            compute,
            quit,
        })
    }

    /// The same model with the quit rule leaving at `quit` (the breakeven holds the months of
    /// the offer as it is while it scales revenue: MODEL.md 8.2).
    #[must_use]
    pub fn with_quit(mut self, quit: Vec<Option<u32>>) -> Model {
        self.quit = quit;
        self
    }

    /// When a path of scenario `scenario` that would leave at `leaving` does leave: the earlier
    /// of that and the quit rule's month (MODEL.md 8.2).
    #[must_use]
    pub fn leaves(&self, scenario: usize, leaving: Option<u32>) -> Option<u32> {
        earlier(leaving, self.quit.get(scenario).copied().flatten())
    }

    /// The compute budget's worth on a path that leaves at `leaving` (zero without a budget).
    #[must_use]
    pub fn compute_until(&self, leaving: Option<u32>) -> f64 {
        self.compute.as_ref().map_or(0.0, |c| c.worth_until(self.terms.horizon, leaving))
    }

    /// The salary given up on scenario `scenario`'s path that leaves at `leaving`, in today's money.
    #[must_use]
    pub fn sacrifice_until(&self, scenario: usize, leaving: Option<u32>) -> f64 {
        self.sacrifice_on(&self.sacrifice_pv, scenario, leaving)
    }

    /// The last month salary is given up on a path: the leaving month, the horizon, or the month
    /// the scenario's project is shut when that restores the salary (MODEL.md 8.1).
    #[must_use]
    pub fn last_month_given_up(&self, scenario: usize, leaving: Option<u32>) -> u32 {
        let employed = leaving.unwrap_or(self.terms.horizon).min(self.terms.horizon);
        self.sacrifice_stops.get(scenario).copied().flatten().map_or(employed, |c| employed.min(c))
    }

    /// A [`sacrifice_curve`] read at a path's last month of salary given up.
    fn sacrifice_on(&self, curve: &[f64], scenario: usize, leaving: Option<u32>) -> f64 {
        curve.get(idx(self.last_month_given_up(scenario, leaving))).copied().unwrap_or(0.0)
    }

    /// Every path with its weight `p_i · P(τ)`, scenario by scenario.
    #[must_use]
    pub fn paths(&self) -> Vec<WeightedPath> {
        self.paths_with(&self.terms, &self.sacrifice_pv)
    }

    /// [`Model::paths`] for another grant size (`terms` from [`Terms::with_tokens`]) or another
    /// salary given up (`sacrifice_pv` from [`sacrifice_curve`]), in the same order.
    #[must_use]
    pub fn paths_with(&self, terms: &Terms, sacrifice_pv: &[f64]) -> Vec<WeightedPath> {
        let mut paths =
            Vec::with_capacity(self.scenarios.len().saturating_mul(self.leaving.in_month.len()));
        for (scenario, (priced, p)) in self.scenarios.iter().zip(&self.probabilities).enumerate() {
            for (drawn, p_leave) in self.leaving.outcomes() {
                // Every leaving month past the quit rule's (never included) leaves there instead.
                let leaving = self.leaves(scenario, drawn);
                paths.push(WeightedPath {
                    scenario,
                    leaving,
                    weight: p * p_leave,
                    leaving_probability: p_leave,
                    value: priced.path_value(terms, leaving),
                    sacrifice_pv: self.sacrifice_on(sacrifice_pv, scenario, leaving),
                    compute_pv: self.compute_until(leaving),
                });
            }
        }
        paths
    }
}

/// The earlier of two leaving months, `None` meaning never.
#[must_use]
pub fn earlier(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// q_i of MODEL.md 8.2 for every scenario, its revenue multiplied by `revenue_scale`: the first
/// review month whose trailing twelve months of revenue (none after a cancellation) fall below
/// the rule's minimum; `None` where no review does, or without a rule.
///
/// Compared exactly: the sum of the twelve months' yearly figures against 12 × the minimum, so
/// that a year of exactly the minimum is not cut below it by the rounding of a twelfth.
pub fn quit_months(offer: &Offer, revenue_scale: Decimal) -> Result<Vec<Option<u32>>, EngineError> {
    let Some(rule) = &offer.leaving.quit_if else {
        return Ok(vec![None; offer.scenarios.len()]);
    };
    let twelve_minimums = mul(rule.min_trailing_revenue, Decimal::from(12), "the quit rule")?;
    let mut months = Vec::with_capacity(offer.scenarios.len());
    for scenario in &offer.scenarios {
        let running = scenario.cancelled_month.unwrap_or(u32::MAX);
        let yearly = |t: u32| -> Decimal {
            let y = usize::try_from(t.saturating_sub(1) / 12).unwrap_or(usize::MAX);
            let list = &scenario.annual_revenue;
            list.get(y).or(list.last()).copied().unwrap_or(Decimal::ZERO)
        };
        let mut quit = None;
        for review in rule.reviews(offer.horizon_months) {
            let mut twelve = Decimal::ZERO;
            for s in review.saturating_sub(11).max(1)..=review.min(running) {
                twelve = add(twelve, yearly(s), "the trailing revenue")?;
            }
            if mul(twelve, revenue_scale, "the trailing revenue")? < twelve_minimums {
                quit = Some(review);
                break;
            }
        }
        months.push(quit);
    }
    Ok(months)
}

/// `curve[t]`: the salary given up over months 1..=t in today's money, at `monthly` after tax.
#[must_use]
pub fn sacrifice_curve(monthly: Decimal, discount: &[f64]) -> Vec<f64> {
    let monthly = monthly.to_f64().unwrap_or(0.0);
    let mut running = 0.0;
    discount
        .iter()
        .enumerate()
        .map(|(t, df)| {
            if t > 0 {
                running += monthly * df;
            }
            running
        })
        .collect()
}

/// The after-tax base salary over the horizon in today's money (MODEL.md 2.7's `salary_pv`).
#[must_use]
pub fn salary_pv(terms: &Terms) -> f64 {
    let monthly = terms.monthly_salary.to_f64().unwrap_or(0.0);
    terms.discount.iter().skip(1).map(|df| monthly * df).sum()
}

/// W of every certainty equivalent (MODEL.md 8.4): the savings, plus the unrounded `salary_pv`
/// under `"savings_and_pay"`.
#[must_use]
pub fn wealth_at_risk(offer: &Offer, terms: &Terms) -> f64 {
    let savings = offer.personal.wealth.to_f64().unwrap_or(0.0);
    match offer.personal.wealth_counts {
        WealthCounts::Savings => savings,
        WealthCounts::SavingsAndPay => savings + salary_pv(terms),
    }
}

/// One path of the exact distribution.
#[derive(Debug, Clone, Copy)]
pub struct WeightedPath {
    pub scenario: usize,
    pub leaving: Option<u32>,
    /// Its probability, `p_i · P(τ)`.
    pub weight: f64,
    /// `P(τ)` alone: the weight within its scenario.
    pub leaving_probability: f64,
    pub value: PathValue,
    pub sacrifice_pv: f64,
    /// The compute budget's worth over the months employed (zero without one).
    pub compute_pv: f64,
}

/// Probability-weighted means over the exact distribution.
#[derive(Debug, Clone, Copy, Default)]
pub struct Means {
    pub token_pv: f64,
    pub milestone_pv: f64,
    pub revenue_linked_pv: f64,
    pub sacrifice_pv: f64,
    pub compute_pv: f64,
    pub prob_zero: f64,
    /// The weight of paths whose token value is below zero (MODEL.md 8.3).
    pub prob_loss: f64,
    pub tax_at_vest_pv: f64,
}

#[must_use]
pub fn means(paths: &[WeightedPath]) -> Means {
    let mut m = Means::default();
    for p in paths {
        m.token_pv += p.weight * p.value.token_pv;
        m.milestone_pv += p.weight * p.value.milestone_pv;
        m.revenue_linked_pv += p.weight * p.value.revenue_linked_pv;
        m.sacrifice_pv += p.weight * p.sacrifice_pv;
        m.compute_pv += p.weight * p.compute_pv;
        m.tax_at_vest_pv += p.weight * p.value.tax_at_vest_pv;
        if p.value.is_zero() {
            m.prob_zero += p.weight;
        }
        if p.value.token_pv < 0.0 {
            m.prob_loss += p.weight;
        }
    }
    m
}

/// Weighted nearest rank: the smallest x with `P(X <= x) >= q`.
///
/// The cumulative weight is compared with a 1e-12 allowance, so that a rank the model hits exactly
/// (say 50 % of the weight on zero) is not lost to the rounding of a float sum.
#[must_use]
pub fn weighted_percentile(sorted: &[(f64, f64)], q: f64) -> f64 {
    let mut cumulative = 0.0;
    for &(x, w) in sorted {
        cumulative += w;
        if cumulative >= q - 1e-12 {
            return x;
        }
    }
    sorted.last().map_or(0.0, |&(x, _)| x)
}

/// `(value, weight)` pairs sorted by value, for [`weighted_percentile`].
#[must_use]
pub fn sorted_values(paths: &[WeightedPath]) -> Vec<(f64, f64)> {
    let mut values: Vec<(f64, f64)> = paths.iter().map(|p| (p.value.token_pv, p.weight)).collect();
    values.sort_by(|a, b| a.0.total_cmp(&b.0));
    values
}

/// The sure amount worth as much as the gamble to someone with `wealth` and relative risk aversion
/// `gamma` (CRRA utility), from `(outcome, weight)` pairs.
#[must_use]
pub fn certainty_equivalent(
    outcomes: impl Iterator<Item = (f64, f64)>,
    wealth: f64,
    gamma: f64,
) -> f64 {
    let mut utility = ExpectedUtility::new(wealth, gamma);
    for (x, w) in outcomes {
        utility.add(x, w);
    }
    utility.certainty_equivalent()
}

/// Expected CRRA utility, accumulated one outcome at a time, so that the Monte Carlo can keep it up
/// as paths arrive instead of passing over a million of them at the end.
///
/// It works on `ln(1 + X/W)` with a streaming log-sum-exp, so that γ up to 20 and outcomes far above
/// wealth neither overflow nor underflow; outcomes of zero weight are ignored. Outcomes may be
/// losses (a net value after the salary given up, tax at vest): a loss of all wealth or more on
/// any path is ruin, and the certainty equivalent is then −W at any risk aversion above zero
/// (MODEL.md 8.3 and 8.6).
#[derive(Debug, Clone)]
pub struct ExpectedUtility {
    wealth: f64,
    gamma: f64,
    total_weight: f64,
    /// γ = 0: Σ w·X; γ = 1: Σ w·ln(1 + X/W); otherwise unused.
    linear: f64,
    /// Otherwise: the largest exponent `(1 − γ)·ln(1 + X/W)` so far and Σ w·e^(exponent − peak).
    peak: f64,
    scaled: f64,
    /// False while every outcome is exactly zero (the certainty equivalent is then exactly zero).
    any_nonzero: bool,
    /// Some outcome with weight loses all wealth or more.
    ruined: bool,
}

impl ExpectedUtility {
    #[must_use]
    pub fn new(wealth: f64, gamma: f64) -> ExpectedUtility {
        ExpectedUtility {
            wealth,
            gamma,
            total_weight: 0.0,
            linear: 0.0,
            peak: f64::NEG_INFINITY,
            scaled: 0.0,
            any_nonzero: false,
            ruined: false,
        }
    }

    fn is_log(&self) -> bool {
        (self.gamma - 1.0).abs() < f64::EPSILON
    }

    pub fn add(&mut self, x: f64, w: f64) {
        if w <= 0.0 || self.wealth <= 0.0 {
            return;
        }
        self.total_weight += w;
        self.any_nonzero |= x != 0.0;
        if self.gamma == 0.0 {
            self.linear += w * x;
            return;
        }
        if x <= -self.wealth {
            // (W + X)^(1−γ) is 0 for γ < 1: the weight counts, the sum gains nothing.
            self.ruined = true;
            return;
        }
        let growth = libm::log1p(x / self.wealth);
        if self.is_log() {
            self.linear += w * growth;
            return;
        }
        let exponent = (1.0 - self.gamma) * growth;
        if exponent > self.peak {
            self.scaled = self.scaled * libm::exp(self.peak - exponent) + w;
            self.peak = exponent;
        } else {
            self.scaled += w * libm::exp(exponent - self.peak);
        }
    }

    /// Whether some outcome of positive weight loses all of the wealth or more, with risk
    /// aversion above zero: the certainty equivalent is then −W (MODEL.md 8.3 and 8.6).
    #[must_use]
    pub fn is_ruin(&self) -> bool {
        self.ruined && self.gamma > 0.0
    }

    #[must_use]
    pub fn certainty_equivalent(&self) -> f64 {
        if self.total_weight <= 0.0 || !self.any_nonzero {
            return 0.0;
        }
        if self.gamma == 0.0 {
            return self.linear / self.total_weight;
        }
        if self.ruined || self.peak == f64::NEG_INFINITY && !self.is_log() {
            return -self.wealth;
        }
        let mean_log_utility = if self.is_log() {
            self.linear / self.total_weight
        } else {
            (self.peak + libm::log(self.scaled / self.total_weight)) / (1.0 - self.gamma)
        };
        self.wealth * libm::expm1(mean_log_utility)
    }
}
