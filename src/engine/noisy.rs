//! Monte Carlo draws for offers whose flows bend under revenue noise (MODEL.md 7.2 to 7.4, 7.7):
//! a cap, a hurdle, a sale limit in money or tender prices set per scenario. Such a flow is no
//! fixed multiple of the noisy revenue, so each draw prices its months afresh (in `f64`, today's
//! money) and walks its path with [`walk_path`], whose window sales then follow the draw's prices.
//!
//! At zero noise a draw gives the exact engine's figure for its path (tested below); the
//! simulation itself takes the exact figure then, as it does for every offer.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::ledger::{walk_path, PathPrices};
use super::random::{portable_exp, Random};
use super::schedule::{idx, FlowKind, ScenarioSchedule, Terms};

/// Whether an offer's simulation needs draws priced month by month.
#[must_use]
pub fn bends(offer: &crate::offer::Offer) -> bool {
    let buyback = offer.payouts.buyback.as_ref();
    offer.payouts.cap_per_token.is_some()
        || offer.payouts.revenue_share.as_ref().is_some_and(|s| s.hurdle_annual.is_some())
        || buyback.is_some_and(|b| {
            b.price == crate::offer::TenderPrice::Scenario
                || b.max_sale_per_window.is_some()
                || b.former_max_sale_per_window.is_some()
        })
}

/// One scenario's pricing terms in `f64`, prepared once.
#[derive(Debug, Clone)]
pub struct NoisyScenario {
    revenue: Vec<f64>,
    pool_rate: Vec<f64>,
    share_period: u32,
    margin: f64,
    monthly_hurdle: f64,
    milestone: Vec<f64>,
    price_base: Vec<f64>,
    price_is_formula: bool,
    floor: f64,
    cap: Option<f64>,
    max_sale: Option<f64>,
    former_max_sale: Option<f64>,
    window: Vec<bool>,
    /// `1 − illiquidity discount`, where the scenario has a terminal value.
    terminal_kept: Option<f64>,
    /// After-tax discount factors: `(1 − tax) · df_t` for income and for redemptions.
    income_pv: Vec<f64>,
    redemption_pv: Vec<f64>,
    last_paid: u32,
    /// Discount factors, for sales taxed lot by lot and the tax at vest (MODEL.md 8.3).
    discount: Vec<f64>,
    /// The income tax rate, where tokens are taxed as they vest (else zero).
    vest_tax: f64,
    /// The revenue a quit rule reviews: zero only after a cancellation (MODEL.md 8.2).
    quit: Option<QuitReview>,
}

/// A quit rule's reviews of one scenario's noisy revenue (MODEL.md 8.2).
#[derive(Debug, Clone)]
pub struct QuitReview {
    /// `R_t` for t = 0..=H, zero after a cancellation (and only then).
    pub revenue: Vec<f64>,
    /// The review months up to H.
    pub reviews: Vec<u32>,
    pub minimum: f64,
}

impl QuitReview {
    /// The scenario's reviews, if the offer has a quit rule.
    #[must_use]
    pub fn of(offer: &crate::offer::Offer, scenario: usize) -> Option<QuitReview> {
        // A minimum of 0 is never undercut: such a rule reviews nothing (and draws nothing).
        let rule = offer.leaving.quit_if.as_ref().filter(|r| r.can_leave())?;
        let s = offer.scenarios.get(scenario)?;
        let running = s.cancelled_month.unwrap_or(u32::MAX);
        let revenue = (0..=offer.horizon_months)
            .map(|t| {
                if t == 0 || t > running {
                    return 0.0;
                }
                let y = idx(t.saturating_sub(1) / 12);
                let list = &s.annual_revenue;
                list.get(y).or(list.last()).map_or(0.0, float) / 12.0
            })
            .collect();
        Some(QuitReview {
            revenue,
            reviews: rule.reviews(offer.horizon_months).collect(),
            minimum: float(&rule.min_trailing_revenue),
        })
    }

    /// The last month a review could need, for a path that would leave at `leaving`.
    #[must_use]
    pub fn last_needed(&self, leaving: Option<u32>) -> u32 {
        self.reviews
            .iter()
            .copied()
            .take_while(|&r| leaving.is_none_or(|l| r < l))
            .last()
            .unwrap_or(0)
    }

    /// The first review before `leaving` at which the trailing year of revenue, each month
    /// times its noise `factor[t]`, is below the minimum.
    #[must_use]
    pub fn leaves(&self, factor: &[f64], leaving: Option<u32>) -> Option<u32> {
        self.reviews.iter().copied().take_while(|&r| leaving.is_none_or(|l| r < l)).find(|&r| {
            let first = idx(r.saturating_sub(11).max(1));
            let trailing: f64 = (first..=idx(r))
                .map(|t| {
                    self.revenue.get(t).copied().unwrap_or(0.0)
                        * factor.get(t).copied().unwrap_or(0.0)
                })
                .sum();
            trailing < self.minimum
        })
    }
}

fn float(d: &Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

impl NoisyScenario {
    #[must_use]
    pub fn new(
        schedule: &ScenarioSchedule,
        terms: &Terms,
        vest_tax: f64,
        quit: Option<QuitReview>,
    ) -> NoisyScenario {
        let pricing = &schedule.terms;
        let column = |c: &[Decimal]| c.iter().map(float).collect::<Vec<f64>>();
        let after_tax = |kept: &Decimal| terms.discount.iter().map(|df| float(kept) * df).collect();
        NoisyScenario {
            revenue: column(&schedule.revenue),
            pool_rate: column(&pricing.pool_rate),
            share_period: schedule.share_period.unwrap_or(1).max(1),
            margin: float(&pricing.margin),
            monthly_hurdle: float(&pricing.monthly_hurdle),
            milestone: column(&pricing.milestone),
            price_base: column(&pricing.price_base),
            price_is_formula: pricing.price_is_formula,
            floor: float(&pricing.floor),
            cap: pricing.cap.as_ref().map(float),
            max_sale: pricing.max_sale.as_ref().map(float),
            former_max_sale: pricing.former_max_sale.or(pricing.max_sale).as_ref().map(float),
            window: schedule.window.clone(),
            terminal_kept: schedule.amounts.terminal.map(|_| float(&schedule.terminal_kept)),
            income_pv: after_tax(&pricing.income_kept),
            redemption_pv: after_tax(&pricing.redemption_kept),
            last_paid: pricing.last_paid,
            discount: terms.discount.clone(),
            vest_tax,
            quit,
        }
    }
}

/// One draw's prices per token, in today's money, after tax; reused from draw to draw.
#[derive(Debug, Clone, Default)]
pub struct NoisyDraw {
    revenue_share: Vec<f64>,
    milestone: Vec<f64>,
    price: Vec<f64>,
    /// The sale price before tax, which the sale limits are set against.
    price_before_tax: Vec<f64>,
    terminal: f64,
    trailing: Vec<f64>,
    /// v_t: what a token vesting in month t is valued at (MODEL.md 8.3), before tax.
    vest_value: Vec<f64>,
    /// The tax at vest per token, in today's money (negative).
    tax_at_vest: Vec<f64>,
    /// Each month's noise factor, for the quit rule's reviews.
    factor: Vec<f64>,
}

impl NoisyDraw {
    #[must_use]
    pub fn new(months: usize) -> NoisyDraw {
        NoisyDraw {
            revenue_share: vec![0.0; months],
            milestone: vec![0.0; months],
            price: vec![0.0; months],
            price_before_tax: vec![0.0; months],
            terminal: 0.0,
            trailing: vec![0.0; months],
            vest_value: vec![0.0; months],
            tax_at_vest: vec![0.0; months],
            factor: vec![0.0; months],
        }
    }

    /// Prices months 1..=H with the noise factors `noise(t)` (MODEL.md 4: revenue and tender
    /// prices both move with the month's factor); months after the last payment pay nothing.
    pub fn price(&mut self, s: &NoisyScenario, mut noise: impl FnMut(u32) -> f64) {
        let horizon = s.revenue.len().saturating_sub(1);
        self.revenue_share.fill(0.0);
        self.milestone.fill(0.0);
        self.price.fill(0.0);
        self.price_before_tax.fill(0.0);
        self.vest_value.fill(0.0);
        self.tax_at_vest.fill(0.0);
        self.terminal = 0.0;
        let mut basis = 0.0;
        let mut received = 0.0;
        let mut running = 0.0;
        let period = idx(s.share_period);
        for t in 1..=idx(s.last_paid).min(horizon) {
            let factor = noise(u32::try_from(t).unwrap_or(u32::MAX));
            let revenue = s.revenue[t] * factor;
            running += revenue;
            self.trailing[t] = running;
            basis += (revenue * s.margin - s.monthly_hurdle).max(0.0);
            let mut share = 0.0;
            if t.checked_rem(period) == Some(0) {
                share = s.pool_rate[t] * basis;
                basis = 0.0;
            }
            let mut milestone = s.milestone[t];
            let mut price = if s.price_is_formula {
                let year_ago = self.trailing[t.saturating_sub(12)];
                s.price_base[t] * (running - if t > 12 { year_ago } else { 0.0 })
            } else {
                s.price_base[t] * factor
            }
            .max(s.floor);
            // A token vesting this month is valued within the cap's room before its payouts.
            self.vest_value[t] = match s.cap {
                Some(cap) => price.min((cap - received).max(0.0)),
                None => price,
            };
            self.tax_at_vest[t] = -s.vest_tax * self.vest_value[t] * s.discount[t];
            if let Some(cap) = s.cap {
                share = share.min((cap - received).max(0.0));
                received += share;
                milestone = milestone.min((cap - received).max(0.0));
                received += milestone;
                price = price.min((cap - received).max(0.0));
            }
            self.revenue_share[t] = share * s.income_pv[t];
            self.milestone[t] = milestone * s.income_pv[t];
            self.price[t] = price * s.redemption_pv[t];
            self.price_before_tax[t] = price;
        }
        if let Some(kept) = s.terminal_kept {
            self.terminal = self.price_before_tax[horizon] * kept * s.redemption_pv[horizon];
        }
    }

    /// What one token receives from a flow, in today's money.
    #[must_use]
    pub fn at(&self, kind: FlowKind, t: u32) -> f64 {
        let column = |c: &[f64]| c.get(idx(t)).copied().unwrap_or(0.0);
        match kind {
            FlowKind::RevenueShare => column(&self.revenue_share),
            FlowKind::Milestone => column(&self.milestone),
            FlowKind::Buyback => column(&self.price),
            FlowKind::Terminal => self.terminal,
            FlowKind::TaxAtVest => column(&self.tax_at_vest),
        }
    }

    /// The path's token value and whether any flow pays, for the path leaving at `leaving`.
    #[must_use]
    pub fn path_value(
        &self,
        scenario: &NoisyScenario,
        terms: &Terms,
        leaving: Option<u32>,
    ) -> (f64, bool) {
        let mut value = 0.0;
        let mut pays = false;
        walk_path(terms, &DrawPrices { scenario, draw: self }, leaving, |flow| {
            let per_token = if flow.lot > 0 {
                self.lot_sale(scenario, terms, flow.kind, flow.month, flow.lot)
            } else {
                self.at(flow.kind, flow.month)
            };
            if per_token != 0.0 {
                // Token counts beyond 2^53 lose a few units: far below a cent.
                #[allow(clippy::cast_precision_loss)]
                let amount = flow.tokens as f64 * per_token;
                value += amount;
                pays = true;
            }
        });
        (value, pays)
    }

    /// What one token of the lot of month `lot` brings after the tax on its gain, sold by a
    /// flow of `kind` in month `t`, in today's money (MODEL.md 8.3).
    fn lot_sale(&self, s: &NoisyScenario, terms: &Terms, kind: FlowKind, t: u32, lot: u32) -> f64 {
        let price = self.price_before_tax.get(idx(t)).copied().unwrap_or(0.0)
            * if kind == FlowKind::Terminal { s.terminal_kept.unwrap_or(0.0) } else { 1.0 };
        // A lot's basis is its value at vest, or nothing when taxed as it pays.
        let basis = if terms.tax_at_vest {
            self.vest_value.get(idx(lot)).copied().unwrap_or(0.0)
        } else {
            0.0
        };
        terms.sale_tax.after_tax_f64(price, basis, lot, t)
            * s.discount.get(idx(t)).copied().unwrap_or(0.0)
    }

    /// Draws the noise from `rng` (`σ_m` a month) and prices the draw: the months up to the last
    /// payment, and with a quit rule those its reviews before `leaving` need. Returns the month
    /// the quit rule leaves at, if it does before `leaving` (MODEL.md 8.2).
    pub fn draw(
        &mut self,
        scenario: &NoisyScenario,
        rng: &mut Random,
        monthly_volatility: f64,
        leaving: Option<u32>,
    ) -> Option<u32> {
        let drift = -0.5 * monthly_volatility * monthly_volatility;
        let horizon = scenario.revenue.len().saturating_sub(1);
        let reviewed = scenario.quit.as_ref().map_or(0, |q| idx(q.last_needed(leaving)));
        let months = idx(scenario.last_paid).min(horizon).max(reviewed);
        let mut log_noise = 0.0;
        for t in 1..=months {
            log_noise += monthly_volatility * rng.normal() + drift;
            self.factor[t] = portable_exp(log_noise);
        }
        let factor = std::mem::take(&mut self.factor);
        self.price(scenario, |t| factor.get(idx(t)).copied().unwrap_or(0.0));
        let quit = scenario.quit.as_ref().and_then(|q| q.leaves(&factor, leaving));
        self.factor = factor;
        quit
    }
}

/// A draw's prices with its scenario's windows and limits: what the walk reads.
struct DrawPrices<'a> {
    scenario: &'a NoisyScenario,
    draw: &'a NoisyDraw,
}

impl PathPrices for DrawPrices<'_> {
    fn pays(&self, kind: FlowKind, t: u32) -> bool {
        self.draw.at(kind, t) != 0.0
    }

    fn is_window(&self, t: u32) -> bool {
        self.scenario.window.get(idx(t)).copied().unwrap_or(false)
    }

    fn sale_limit(&self, t: u32, former: bool) -> Option<u64> {
        let limit = if former { self.scenario.former_max_sale } else { self.scenario.max_sale }?;
        let price = self.draw.price_before_tax.get(idx(t)).copied().unwrap_or(0.0);
        if price <= 0.0 {
            return None;
        }
        // The quotient is finite and non-negative here; `as` saturates.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some((limit / price).floor() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::exact::Model;

    /// At zero noise every path of every scenario is worth what the exact engine says.
    #[test]
    fn a_draw_without_noise_is_the_exact_path() {
        for name in ["tender-units", "compute-budget", "acme-copilot", "taxed-at-vest"] {
            let text = std::fs::read_to_string(format!("examples/{name}.json")).unwrap();
            let offer = crate::offer::parse_offer(&text).unwrap();
            let model = Model::new(&offer, Decimal::ONE).unwrap();
            let mut draw = NoisyDraw::new(idx(offer.horizon_months) + 1);
            for priced in &model.scenarios {
                let vest_tax = if model.terms.tax_at_vest {
                    float(&crate::engine::checked::pct(offer.personal.income_tax_pct).unwrap())
                } else {
                    0.0
                };
                let scenario = NoisyScenario::new(&priced.schedule, &model.terms, vest_tax, None);
                draw.price(&scenario, |_| 1.0);
                for leaving in (1..=offer.horizon_months).map(Some).chain([None]) {
                    let exact = priced.path_value(&model.terms, leaving);
                    let (value, pays) = draw.path_value(&scenario, &model.terms, leaving);
                    assert!(
                        (value - exact.token_pv).abs() <= 1e-9 * exact.token_pv.abs().max(1.0),
                        "{name}, leaving {leaving:?}: {value} against {}",
                        exact.token_pv
                    );
                    assert_eq!(pays, exact.pays, "{name}, leaving {leaving:?}");
                }
            }
        }
    }
}
