//! The Monte Carlo of MODEL.md section 4: sampled scenarios, leaving months and revenue noise.
//!
//! Cost is paths × months with a small constant. What does not depend on the noise is prepared once:
//! for every scenario and leaving month, a *plan* of which tokens receive which flow when (the same
//! walk as the exact engine), and per-month coefficients that turn revenue into money per token
//! in today's money. A draw then only sums noisy revenue and multiplies.
//!
//! A [`Simulation`] runs in slices ([`Simulation::run`]) so that the browser can keep the page
//! responsive; slicing does not change a single number.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::exact::{ExpectedUtility, Model};
use super::ledger::walk_path;
use super::noisy::{NoisyDraw, NoisyScenario, QuitReview};
use super::random::{portable_exp, Random};
use super::schedule::{idx, FlowKind, SaleTax, Terms};
use super::EngineError;
use crate::offer::Offer;

/// The simulated figures of the report's `monte_carlo` block (money in today's money, after tax).
#[derive(Debug, Clone, PartialEq)]
pub struct MonteCarloReport {
    pub paths: u32,
    pub seed: u64,
    pub mean: f64,
    /// Sample standard deviation (n − 1) over √n.
    pub std_error: f64,
    pub percentiles: Percentiles,
    pub prob_zero: f64,
    /// The share of paths whose token value is below zero (MODEL.md 8.3).
    pub prob_loss: f64,
    /// The chance a path's token value is below the salary it gave up.
    pub prob_below_sacrifice: f64,
    pub certainty_equivalent: f64,
    /// Some path cost all of W or more: the certainty equivalent is −W (MODEL.md 8.6).
    pub ruin: bool,
    /// The share of paths on which the quit rule left before the path's own leaving month.
    pub quit_share: f64,
}

/// Linear interpolation between order statistics, as a spreadsheet's PERCENTILE.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percentiles {
    pub p5: f64,
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
    pub p95: f64,
}

/// One flow of a plan, priced per token in today's money once the draw's revenue is known.
#[derive(Debug, Clone, Copy)]
struct PlannedFlow {
    kind: FlowKind,
    month: u32,
    tokens: f64,
    /// The month of the lot a sale takes from, where sales are taxed lot by lot (else 0).
    lot: u32,
}

/// What one (scenario, leaving month) path pays, short of the revenue noise.
#[derive(Debug, Clone)]
struct Plan {
    flows: Vec<PlannedFlow>,
    /// The last month whose revenue any flow depends on (0: none).
    last_revenue_month: u32,
    /// The path's value with no noise (the exact engine's figure).
    exact_pv: f64,
    pays: bool,
    sacrifice_pv: f64,
}

/// A scenario's coefficients in `f64`, today's money per token.
#[derive(Debug, Clone)]
struct Coefficients {
    revenue: Vec<f64>,
    /// Per unit of revenue in the payout period ending at t.
    share: Vec<f64>,
    share_period: u32,
    /// Per unit of trailing-12-month revenue at t.
    price: Vec<f64>,
    /// The floor price per token at t, in today's money (zero without one or after a cancellation).
    price_floor: Vec<f64>,
    /// Per unit of trailing-12-month revenue at H, for tokens still held.
    terminal: f64,
    /// The floor of the terminal value per token, in today's money.
    terminal_floor: f64,
    /// Milestone payments per token (no revenue in them).
    milestone: Vec<f64>,
    /// Plans by leaving month: index t − 1 for t = 1..=H, then never.
    plans: Vec<Plan>,
    /// For sales taxed lot by lot and the tax at vest (MODEL.md 8.3): the price before tax per
    /// unit of trailing revenue, the floor before tax where it holds, and `1 − illiquidity`.
    price_before_tax: Vec<f64>,
    floor_before_tax: Vec<f64>,
    terminal_kept: f64,
    /// The quit rule's reviews of this scenario (MODEL.md 8.2), and its month without noise.
    quit: Option<QuitReview>,
    exact_quit: Option<u32>,
}

/// A Monte Carlo run in progress.
#[derive(Debug, Clone)]
pub struct Simulation {
    paths: u32,
    seed: u64,
    rng: Random,
    horizon: u32,
    /// Cumulative scenario probabilities, for drawing a scenario.
    cumulative: Vec<f64>,
    hazard: f64,
    /// σ_m = σ / √12.
    monthly_volatility: f64,
    scenarios: Vec<Coefficients>,
    values: Vec<f64>,
    zero: u32,
    loss: u32,
    below_sacrifice: u32,
    /// Paths the quit rule made leave before their own leaving month.
    quit_early: u32,
    /// Σ value, in draw order.
    sum: f64,
    /// Welford's running mean and sum of squared deviations, for the standard error.
    running_mean: f64,
    squared_deviations: f64,
    utility: ExpectedUtility,
    /// Scratch: prefix sums of the draw's noisy revenue.
    cumulative_revenue: Vec<f64>,
    /// For an offer whose flows bend under the noise (a cap, a hurdle, a sale limit, prices per
    /// scenario), each scenario priced draw by draw, with the walk's terms and a scratch draw.
    noisy: Option<(Vec<NoisyScenario>, Terms, NoisyDraw)>,
    /// Scratch: each month's noise factor, for the quit rule's reviews, and the log-noise of the
    /// last month drawn, to draw on from.
    factor: Vec<f64>,
    log_noise: f64,
    /// Scratch: each month's price before tax on the noise drawn (see `price_before_tax`).
    price_scratch: Vec<f64>,
    /// The tax on sales (MODEL.md 8.3), the discount factors, and the income tax on tokens as
    /// they vest (zero unless taxed at vest).
    sale_tax: SaleTax,
    discount: Vec<f64>,
    vest_tax: f64,
    at_vest: bool,
}

impl Simulation {
    /// Prepares a run of the offer's own `simulation` settings.
    pub fn new(offer: &Offer) -> Result<Simulation, EngineError> {
        let model = Model::new(offer, Decimal::ONE)?;
        let terms = &model.terms;
        let horizon = terms.horizon;
        let f = |d: &Decimal| d.to_f64().unwrap_or(0.0);
        let scenarios = model
            .scenarios
            .iter()
            .enumerate()
            .map(|(i, priced)| {
                let schedule = &priced.schedule;
                let present = |column: &[Decimal]| -> Vec<f64> {
                    column.iter().zip(&terms.discount).map(|(d, df)| f(d) * df).collect()
                };
                let discount_h = terms.discount.get(idx(horizon)).copied().unwrap_or(0.0);
                let (terminal, terminal_floor) = if schedule.amounts.terminal.is_some() {
                    let kept = f(&schedule.terminal_kept) * discount_h;
                    (f(&schedule.price_rate[idx(horizon)]) * kept, f(&schedule.price_floor) * kept)
                } else {
                    (0.0, 0.0)
                };
                // The floor holds where the formula price is paid at all (not after a cancellation).
                let floor = f(&schedule.price_floor);
                let price_floor = schedule
                    .price_rate
                    .iter()
                    .zip(&terms.discount)
                    .enumerate()
                    .map(|(t, (_, df))| {
                        if t > 0 && schedule.cancelled.is_none_or(|c| t <= idx(c)) {
                            floor * df
                        } else {
                            0.0
                        }
                    })
                    .collect();
                let plans = (1..=horizon)
                    .map(Some)
                    .chain(std::iter::once(None))
                    .map(|leaving| {
                        let mut flows = Vec::new();
                        let mut last_revenue_month = 0;
                        walk_path(terms, schedule, leaving, |flow| {
                            if schedule.amounts.at(flow.kind, flow.month).is_zero() {
                                return;
                            }
                            if flow.kind != FlowKind::Milestone {
                                last_revenue_month = last_revenue_month.max(flow.month);
                            }
                            // Token counts beyond 2^53 lose a few units: far below a cent.
                            #[allow(clippy::cast_precision_loss)]
                            flows.push(PlannedFlow {
                                kind: flow.kind,
                                month: flow.month,
                                tokens: flow.tokens as f64,
                                lot: flow.lot,
                            });
                        });
                        let value = priced.path_value(terms, leaving);
                        Plan {
                            pays: !flows.is_empty(),
                            flows,
                            last_revenue_month,
                            exact_pv: value.token_pv,
                            sacrifice_pv: model.sacrifice_until(i, leaving),
                        }
                    })
                    .collect();
                let last_paid = idx(schedule.terms.last_paid);
                let paid = |column: &[Decimal], floor: bool| -> Vec<f64> {
                    (0..column.len())
                        .map(|t| {
                            if t == 0 || t > last_paid {
                                0.0
                            } else if floor {
                                f(&schedule.terms.floor)
                            } else {
                                f(&column[t])
                            }
                        })
                        .collect()
                };
                Coefficients {
                    price_before_tax: paid(&schedule.terms.price_base, false),
                    floor_before_tax: paid(&schedule.terms.price_base, true),
                    terminal_kept: f(&schedule.terminal_kept),
                    quit: QuitReview::of(offer, i),
                    exact_quit: model.quit.get(i).copied().flatten(),
                    revenue: schedule.revenue.iter().map(f).collect(),
                    share: present(&schedule.share_rate),
                    share_period: schedule.share_period.unwrap_or(1),
                    price: present(&schedule.price_rate),
                    price_floor,
                    terminal,
                    terminal_floor,
                    milestone: present(&schedule.amounts.milestone),
                    plans,
                }
            })
            .collect();
        let mut running = 0.0;
        let cumulative = model
            .probabilities
            .iter()
            .map(|p| {
                running += p;
                running
            })
            .collect();
        let sim = &offer.simulation;
        let sigma = f(&sim.revenue_volatility_pct) / 100.0;
        let vest_tax = if terms.tax_at_vest {
            f(&super::checked::pct(offer.personal.income_tax_pct)?)
        } else {
            0.0
        };
        let noisy = (sigma > 0.0 && super::noisy::bends(offer)).then(|| {
            let priced = model.scenarios.iter().enumerate().map(|(i, p)| {
                NoisyScenario::new(&p.schedule, terms, vest_tax, QuitReview::of(offer, i))
            });
            let months = idx(horizon).saturating_add(1);
            (priced.collect(), terms.clone(), NoisyDraw::new(months))
        });
        Ok(Simulation {
            paths: sim.paths,
            seed: sim.seed,
            rng: Random::new(sim.seed),
            horizon,
            cumulative,
            hazard: model.leaving.hazard,
            monthly_volatility: sigma / libm::sqrt(12.0),
            scenarios,
            values: Vec::with_capacity(usize::try_from(sim.paths).unwrap_or(0)),
            zero: 0,
            loss: 0,
            below_sacrifice: 0,
            quit_early: 0,
            sum: 0.0,
            running_mean: 0.0,
            squared_deviations: 0.0,
            utility: ExpectedUtility::new(model.wealth, f(&offer.personal.risk_aversion)),
            cumulative_revenue: vec![0.0; idx(horizon).saturating_add(1)],
            noisy,
            factor: vec![0.0; idx(horizon).saturating_add(1)],
            log_noise: 0.0,
            price_scratch: vec![0.0; idx(horizon).saturating_add(1)],
            sale_tax: terms.sale_tax,
            discount: terms.discount.clone(),
            vest_tax,
            at_vest: terms.tax_at_vest,
        })
    }

    /// Paths simulated so far.
    #[must_use]
    pub fn done(&self) -> u32 {
        u32::try_from(self.values.len()).unwrap_or(u32::MAX)
    }

    /// Paths asked for.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.paths
    }

    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.done() >= self.paths
    }

    /// Simulates up to `max_paths` more paths; returns how many it did.
    pub fn run(&mut self, max_paths: u32) -> u32 {
        let count = max_paths.min(self.paths.saturating_sub(self.done()));
        for _ in 0..count {
            let (value, pays, sacrifice) = self.draw_path();
            if !pays || value <= 0.0 {
                self.zero = self.zero.saturating_add(1);
            }
            if value < 0.0 {
                self.loss = self.loss.saturating_add(1);
            }
            if value < sacrifice {
                self.below_sacrifice = self.below_sacrifice.saturating_add(1);
            }
            self.values.push(value);
            self.sum += value;
            let n = self.values.len() as f64;
            let delta = value - self.running_mean;
            self.running_mean += delta / n;
            self.squared_deviations += delta * (value - self.running_mean);
            self.utility.add(value, 1.0);
        }
        count
    }

    /// Runs to the end and summarizes.
    #[must_use]
    pub fn finish(mut self) -> MonteCarloReport {
        self.run(u32::MAX);
        self.summary()
    }

    /// The figures of the paths simulated so far (all of them once finished).
    #[must_use]
    pub fn summary(&self) -> MonteCarloReport {
        let n = self.values.len();
        let count = n as f64;
        let mean = if n > 0 { self.sum / count } else { 0.0 };
        let std_error = if n > 1 {
            libm::sqrt(self.squared_deviations / (count - 1.0)) / libm::sqrt(count)
        } else {
            0.0
        };
        let [p5, p10, p25, p50, p75, p90, p95] =
            percentiles(&self.values, [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]);
        let share = |k: u32| if n > 0 { f64::from(k) / count } else { 0.0 };
        MonteCarloReport {
            paths: self.done(),
            seed: self.seed,
            mean,
            std_error,
            percentiles: Percentiles { p5, p10, p25, p50, p75, p90, p95 },
            prob_zero: share(self.zero),
            prob_loss: share(self.loss),
            prob_below_sacrifice: share(self.below_sacrifice),
            certainty_equivalent: self.utility.certainty_equivalent(),
            ruin: self.utility.is_ruin(),
            quit_share: share(self.quit_early),
        }
    }

    /// One path: a scenario, a leaving month, a revenue-noise path; its value, whether it pays at
    /// all, and the salary it gave up. With a quit rule the path leaves at the rule's month when
    /// that comes first, on its own noisy revenue (MODEL.md 8.2).
    fn draw_path(&mut self) -> (f64, bool, f64) {
        let u = self.rng.uniform();
        let scenario = self
            .cumulative
            .iter()
            .position(|&c| u < c)
            .unwrap_or(self.cumulative.len().saturating_sub(1));
        let drawn = self.draw_leaving_month();
        let horizon = self.horizon;
        let plan_index =
            |leaving: Option<u32>| leaving.map_or(idx(horizon), |t| idx(t).saturating_sub(1));
        let Some(coefficients) = self.scenarios.get(scenario) else { return (0.0, false, 0.0) };
        if self.monthly_volatility == 0.0 {
            let leaving = super::exact::earlier(drawn, coefficients.exact_quit);
            let Some(plan) = coefficients.plans.get(plan_index(leaving)) else {
                return (0.0, false, 0.0);
            };
            let figures = (plan.exact_pv, plan.pays, plan.sacrifice_pv);
            self.count_quit(drawn, leaving);
            return figures;
        }
        if coefficients.quit.is_none() {
            // A path with nothing that follows revenue is its exact figure, with no draw.
            if let Some(plan) = coefficients.plans.get(plan_index(drawn)) {
                if plan.last_revenue_month == 0 {
                    return (plan.exact_pv, plan.pays, plan.sacrifice_pv);
                }
            }
        }
        if let Some((scenarios, terms, draw)) = self.noisy.as_mut() {
            let Some(priced) = scenarios.get(scenario) else { return (0.0, false, 0.0) };
            let quit = draw.draw(priced, &mut self.rng, self.monthly_volatility, drawn);
            let leaving = super::exact::earlier(drawn, quit);
            let Some(plan) = coefficients.plans.get(plan_index(leaving)) else {
                return (0.0, false, 0.0);
            };
            let (value, pays) = draw.path_value(priced, terms, leaving);
            let sacrifice = plan.sacrifice_pv;
            self.count_quit(drawn, leaving);
            return (value, pays, sacrifice);
        }
        let Some(plan) = coefficients.plans.get(plan_index(drawn)) else {
            return (0.0, false, 0.0);
        };
        let (pays, sacrifice, last) = (plan.pays, plan.sacrifice_pv, plan.last_revenue_month);
        let Some(review) = coefficients.quit.as_ref() else {
            self.draw_noise(scenario, 0, last);
            self.price_before_tax(scenario, last);
            return (self.plan_value(scenario, plan_index(drawn)), pays, sacrifice);
        };
        // The reviews before the path's own leaving month first, then what its plan needs.
        let reviewed = review.last_needed(drawn);
        let mut drawn_to = self.draw_noise(scenario, 0, last.max(reviewed));
        let Some(coefficients) = self.scenarios.get(scenario) else { return (0.0, false, 0.0) };
        let quit = coefficients.quit.as_ref().and_then(|q| q.leaves(&self.factor, drawn));
        let leaving = super::exact::earlier(drawn, quit);
        let Some(plan) = coefficients.plans.get(plan_index(leaving)) else {
            return (0.0, false, 0.0);
        };
        let (pays, sacrifice, last) = (plan.pays, plan.sacrifice_pv, plan.last_revenue_month);
        let exact_pv = plan.exact_pv;
        self.count_quit(drawn, leaving);
        if last == 0 {
            return (exact_pv, pays, sacrifice);
        }
        if last > drawn_to {
            drawn_to = self.draw_noise(scenario, drawn_to, last);
        }
        debug_assert!(drawn_to >= last);
        self.price_before_tax(scenario, last);
        (self.plan_value(scenario, plan_index(leaving)), pays, sacrifice)
    }

    /// Counts a path the quit rule made leave before its own leaving month.
    fn count_quit(&mut self, drawn: Option<u32>, leaving: Option<u32>) {
        if leaving != drawn {
            self.quit_early = self.quit_early.saturating_add(1);
        }
    }

    /// Draws the noise of months `from + 1 ..= to` on from month `from` (whose log-noise it
    /// continues), into the prefix sums of noisy revenue and the noise factors; returns `to`.
    fn draw_noise(&mut self, scenario: usize, from: u32, to: u32) -> u32 {
        let Some(coefficients) = self.scenarios.get(scenario) else { return to };
        let drift = -0.5 * self.monthly_volatility * self.monthly_volatility;
        let quit = coefficients.quit.is_some();
        // Noisy revenue R_t · exp(σ_m·ΣZ − σ_m²·t/2), summed into prefix sums.
        let start = idx(from);
        let (mut log_noise, mut total) = if start == 0 {
            (0.0, 0.0)
        } else {
            (self.log_noise, self.cumulative_revenue.get(start).copied().unwrap_or(0.0))
        };
        let months = idx(to).min(coefficients.revenue.len().saturating_sub(1));
        for t in start.saturating_add(1)..=months {
            log_noise += self.monthly_volatility * self.rng.normal() + drift;
            let revenue = coefficients.revenue[t];
            if quit {
                let factor = portable_exp(log_noise);
                self.factor[t] = factor;
                total += revenue * factor;
            } else if revenue != 0.0 {
                total += revenue * portable_exp(log_noise);
            }
            self.cumulative_revenue[t] = total;
        }
        self.log_noise = log_noise;
        to
    }

    /// What a token fetches before tax in months 1..=`to` on the noise drawn, where sales are taxed
    /// lot by lot or tokens at vest (MODEL.md 8.3): `max(P'_t, floor)`.
    fn price_before_tax(&mut self, scenario: usize, to: u32) {
        let Some(c) = self.scenarios.get(scenario) else { return };
        if !self.sale_tax.by_lot {
            return;
        }
        let prefix = &self.cumulative_revenue;
        for t in 1..=idx(to).min(prefix.len().saturating_sub(1)) {
            let trailing = prefix[t] - prefix[t.saturating_sub(12)];
            self.price_scratch[t] = (c.price_before_tax[t] * trailing).max(c.floor_before_tax[t]);
        }
    }

    /// The value of plan `plan` of `scenario` on the noise drawn (its prefix sums).
    fn plan_value(&self, scenario: usize, plan: usize) -> f64 {
        let Some(coefficients) = self.scenarios.get(scenario) else { return 0.0 };
        let Some(plan) = coefficients.plans.get(plan) else { return 0.0 };
        let prefix = &self.cumulative_revenue;
        let window = |t: u32, months: u32| prefix[idx(t)] - prefix[idx(t.saturating_sub(months))];
        // What a token fetches before tax in month t (MODEL.md 8.3's sales and v_t), worked out
        // once a draw where sales are taxed lot by lot or at vest.
        let before_tax = |t: usize| -> f64 { self.price_scratch.get(t).copied().unwrap_or(0.0) };
        let mut value = 0.0;
        for flow in &plan.flows {
            let t = idx(flow.month);
            let per_token = match flow.kind {
                FlowKind::Buyback | FlowKind::Terminal if flow.lot > 0 => {
                    let kept = if flow.kind == FlowKind::Terminal {
                        coefficients.terminal_kept
                    } else {
                        1.0
                    };
                    let price = before_tax(t) * kept;
                    // A lot's basis is its value at vest, or nothing when taxed as it pays.
                    let basis = if self.at_vest { before_tax(idx(flow.lot)) } else { 0.0 };
                    self.sale_tax.after_tax_f64(price, basis, flow.lot, flow.month)
                        * self.discount[t]
                }
                FlowKind::RevenueShare => {
                    coefficients.share[t] * window(flow.month, coefficients.share_period)
                }
                FlowKind::Milestone => coefficients.milestone[t],
                FlowKind::Buyback => (coefficients.price[t] * window(flow.month, 12))
                    .max(coefficients.price_floor[t]),
                FlowKind::Terminal => (coefficients.terminal * window(flow.month, 12))
                    .max(coefficients.terminal_floor),
                FlowKind::TaxAtVest => -self.vest_tax * before_tax(t) * self.discount[t],
            };
            value += flow.tokens * per_token;
        }
        value
    }

    /// A leaving month from the constant monthly hazard (geometric), or never.
    fn draw_leaving_month(&mut self) -> Option<u32> {
        if self.hazard <= 0.0 {
            return None;
        }
        if self.hazard >= 1.0 {
            return Some(1);
        }
        let u = self.rng.uniform_open_zero();
        let months = (libm::log(u) / libm::log1p(-self.hazard)).ceil().max(1.0);
        // Compared as f64 first: a month past the horizon means staying to the end.
        if months > f64::from(self.horizon) {
            None
        } else {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Some(months as u32)
        }
    }
}

/// Percentiles with linear interpolation between order statistics at rank `q·(n − 1)`, for ranks
/// in any order. Selection instead of a full sort, each selection within the part that the
/// ones before it left (see [`select_order_statistics`]): a million values take about 6 ms
/// natively, and the browser gives the summary a task of its own.
#[must_use]
pub fn percentiles<const K: usize>(values: &[f64], ranks: [f64; K]) -> [f64; K] {
    let mut out = [0.0; K];
    let Some(last) = values.len().checked_sub(1) else { return out };
    #[allow(clippy::cast_precision_loss)]
    let ranks = ranks.map(|q| q.clamp(0.0, 1.0) * last as f64);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let below = ranks.map(|rank| (rank.floor() as usize).min(last));
    let mut targets = below.to_vec();
    targets.sort_unstable();
    targets.dedup();
    let mut work = values.to_vec();
    select_order_statistics(&mut work, 0, &targets);
    for ((slot, rank), at) in out.iter_mut().zip(ranks).zip(below) {
        let value = work.get(at).copied().unwrap_or(0.0);
        let fraction = rank - rank.floor();
        // The next order statistic is the least value between this one and the next selected one
        // (or the end): selection left every value after that one no smaller than it.
        let next = if fraction > 0.0 && at < last {
            let until = targets.iter().copied().find(|&t| t > at).unwrap_or(last);
            work.get(at.saturating_add(1)..=until)
                .map_or(value, |gap| gap.iter().copied().fold(f64::INFINITY, f64::min))
        } else {
            value
        };
        *slot = value + fraction * (next - value);
    }
    out
}

/// Puts the order statistics at the indexes `targets` (increasing, each within `offset ..
/// offset + work.len()`) in their places, and every other value on the correct side of each:
/// the middle target first, then each half within its own part, so a million values with seven
/// targets cost about three passes, not seven.
fn select_order_statistics(work: &mut [f64], offset: usize, targets: &[usize]) {
    let middle = targets.len() / 2;
    let Some(&target) = targets.get(middle) else { return };
    let Some(local) = target.checked_sub(offset).filter(|&i| i < work.len()) else { return };
    let (left, _, right) = work.select_nth_unstable_by(local, f64::total_cmp);
    select_order_statistics(left, offset, targets.get(..middle).unwrap_or_default());
    select_order_statistics(
        right,
        target.saturating_add(1),
        targets.get(middle.saturating_add(1)..).unwrap_or_default(),
    );
}

/// Linear interpolation between the order statistics of `sorted` at rank `q·(n − 1)`.
#[must_use]
pub fn interpolated_percentile(sorted: &[f64], q: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else { return 0.0 };
    #[allow(clippy::cast_precision_loss)]
    let rank = q.clamp(0.0, 1.0) * last as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let below = rank.floor() as usize;
    let above = below.saturating_add(1).min(last);
    let fraction = rank - rank.floor();
    sorted[below] + fraction * (sorted[above] - sorted[below])
}

/// Runs the offer's whole simulation at once.
pub fn simulate(offer: &Offer) -> Result<MonteCarloReport, EngineError> {
    Ok(Simulation::new(offer)?.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_gives_the_same_percentiles_as_sorting() {
        let mut rng = Random::new(3);
        for n in [1usize, 2, 3, 10, 101, 1000, 4099] {
            // Ties, as in real runs: every seventh value is zero, every third one is rounded.
            let values: Vec<f64> = (0..n)
                .map(|i| match (i % 7, i % 3) {
                    (0, _) => 0.0,
                    (_, 0) => (rng.normal().abs() * 10.0).round() * 100.0,
                    _ => rng.normal().abs() * 1000.0,
                })
                .collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let ranks = [0.0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1.0];
            let got = percentiles(&values, ranks);
            for (q, g) in ranks.iter().zip(got) {
                assert_eq!(g, interpolated_percentile(&sorted, *q), "n={n} q={q}");
            }
            // Ranks in any order, repeated, or alone.
            let ranks = [0.9, 0.123, 0.9, 0.0, 0.5001];
            for (q, g) in ranks.iter().zip(percentiles(&values, ranks)) {
                assert_eq!(g, interpolated_percentile(&sorted, *q), "n={n} q={q}");
            }
            assert_eq!(
                percentiles(&values, [0.37]),
                [interpolated_percentile(&sorted, 0.37)],
                "n={n}"
            );
        }
    }
}
