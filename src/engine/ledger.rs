//! One path of MODEL.md section 2: a scenario and a leaving month, walked month by month.
//!
//! The walk only counts tokens: how many receive each flow, when. What a token receives comes from
//! the [`ScenarioSchedule`], so the same walk serves the present values, the Decimal ledgers and the
//! Monte Carlo (whose prices change per draw while the token counts do not).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::checked::{add, mul, sub};
use super::schedule::{idx, FlowKind, ScenarioSchedule, Terms};
use super::{EngineError, LedgerYear, StayLedger};
use crate::offer::OnLeave;

/// `tokens` tokens receive the per-token amount of `kind` at the end of `month`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenFlow {
    pub kind: FlowKind,
    pub month: u32,
    pub tokens: u64,
    /// For a sale split into lots (MODEL.md 8.3), the month the lot sold vested in; 0 when
    /// sales are not split (every token sold owes the same).
    pub lot: u32,
}

/// What the walk needs of a scenario's prices: which flows pay at all, when the windows are and
/// how many tokens a window may take. The exact engine's [`ScenarioSchedule`] answers it, and so
/// does each draw of the Monte Carlo, whose prices (and so its sale limits) move with the noise.
pub trait PathPrices {
    /// Whether one token receives anything from a flow of `kind` in month `t`.
    fn pays(&self, kind: FlowKind, t: u32) -> bool;
    /// Whether month `t` has a buyback window.
    fn is_window(&self, t: u32) -> bool;
    /// The most tokens the window of month `t` may take from a current holder (`former`: one
    /// who has left), where a limit in money applies (MODEL.md 7.2).
    fn sale_limit(&self, t: u32, former: bool) -> Option<u64>;
}

impl PathPrices for ScenarioSchedule {
    fn pays(&self, kind: FlowKind, t: u32) -> bool {
        !self.amounts.at(kind, t).is_zero()
    }

    fn is_window(&self, t: u32) -> bool {
        self.window.get(idx(t)).copied().unwrap_or(false)
    }

    fn sale_limit(&self, t: u32, former: bool) -> Option<u64> {
        let limits = if former { &self.former_sale_limit } else { &self.sale_limit };
        limits.get(idx(t)).copied().flatten()
    }
}

/// Walks the path that leaves at the end of month `leaving` (or never), in the model's order within
/// a month: vesting (and any tax at vest), revenue share, milestones, buyback window, leaving,
/// expiry, and at H the terminal value. Calls `on_flow` for every flow to at least one token that
/// the prices pay something for, and for every window sale (tokens sold at a zero price still
/// leave the holder's hands). Where sales are taxed lot by lot (MODEL.md 8.3), a sale takes the
/// oldest lots first and comes as one flow per lot it takes from.
pub fn walk_path(
    terms: &Terms,
    prices: &impl PathPrices,
    leaving: Option<u32>,
    mut on_flow: impl FnMut(TokenFlow),
) {
    let mut sold: u64 = 0;
    let mut frozen_vested: Option<u64> = None;
    let by_lot = terms.sale_tax.by_lot;
    // The lots still held, oldest first: (month vested, tokens left).
    let mut lots: std::collections::VecDeque<(u32, u64)> = std::collections::VecDeque::new();
    let mut emit = |kind: FlowKind, month: u32, tokens: u64, even_unpaid: bool, lot: u32| {
        if tokens > 0 && (even_unpaid || prices.pays(kind, month)) {
            on_flow(TokenFlow { kind, month, tokens, lot });
        }
    };
    // A sale of `tokens`, whole or lot by lot, first in first out.
    let sell = |lots: &mut std::collections::VecDeque<(u32, u64)>,
                emit: &mut dyn FnMut(FlowKind, u32, u64, bool, u32),
                kind: FlowKind,
                t: u32,
                tokens: u64,
                even_unpaid: bool| {
        if !by_lot {
            emit(kind, t, tokens, even_unpaid, 0);
            return;
        }
        let mut left = tokens;
        while left > 0 {
            let Some(front) = lots.front_mut() else { break };
            let part = left.min(front.1);
            emit(kind, t, part, even_unpaid, front.0);
            front.1 = front.1.saturating_sub(part);
            left = left.saturating_sub(part);
            if front.1 == 0 {
                lots.pop_front();
            }
        }
    };
    let mut vested_before = 0u64;
    for t in 1..=terms.horizon {
        let vested =
            frozen_vested.unwrap_or_else(|| terms.vested.get(idx(t)).copied().unwrap_or(0));
        let new = vested.saturating_sub(vested_before);
        vested_before = vested;
        if new > 0 {
            if by_lot {
                lots.push_back((t, new));
            }
            if terms.tax_at_vest {
                emit(FlowKind::TaxAtVest, t, new, false, 0);
            }
        }
        let mut held = vested.saturating_sub(sold);
        emit(FlowKind::RevenueShare, t, held, false, 0);
        emit(FlowKind::Milestone, t, held, false, 0);
        if prices.is_window(t) {
            let mut selling = tokens_sold(held, terms.sell_fraction.unwrap_or(Decimal::ZERO));
            // Leaving comes after the window: in the leaving month the holder is still current.
            if let Some(limit) = prices.sale_limit(t, leaving.is_some_and(|l| l < t)) {
                selling = selling.min(limit);
            }
            sell(&mut lots, &mut emit, FlowKind::Buyback, t, selling, true);
            sold = sold.saturating_add(selling);
            held = held.saturating_sub(selling);
        }
        if leaving == Some(t) {
            match terms.on_leave {
                OnLeave::Keep => frozen_vested = Some(vested),
                OnLeave::Forfeit => return,
                OnLeave::Buyback => {
                    sell(&mut lots, &mut emit, FlowKind::Buyback, t, held, false);
                    return;
                }
            }
        }
        if terms.expires == Some(t) {
            return;
        }
        if t == terms.horizon {
            sell(&mut lots, &mut emit, FlowKind::Terminal, t, held, false);
        }
    }
}

/// `floor(held · sell_fraction)`: whole tokens only.
#[must_use]
pub fn tokens_sold(held: u64, sell_fraction: Decimal) -> u64 {
    Decimal::from(held)
        .checked_mul(sell_fraction)
        .and_then(|d| d.floor().to_u64())
        .map_or(0, |sold| sold.min(held))
}

/// The nominal after-tax amount of a flow: tokens × what each receives (for a sale lot by lot,
/// what each token of its lot brings after the tax on its gain).
pub fn flow_amount(
    terms: &Terms,
    schedule: &ScenarioSchedule,
    flow: TokenFlow,
) -> Result<Decimal, EngineError> {
    let per_token = if flow.lot > 0 {
        schedule.lot_sale(&terms.sale_tax, flow.kind, flow.month, flow.lot)?
    } else {
        schedule.amounts.at(flow.kind, flow.month)
    };
    mul(Decimal::from(flow.tokens), per_token, "a payout")
}

/// The never-leaving path's yearly ledger of nominal after-tax amounts (MODEL.md 6, "Per scenario").
///
/// The stay path is the one that never leaves of its own accord: with a quit rule it leaves at
/// the scenario's `leaving` month (MODEL.md 8.6).
pub fn stay_ledger(
    terms: &Terms,
    schedule: &ScenarioSchedule,
    leaving: Option<u32>,
    token_pv: f64,
    sacrifice_pv: f64,
    last_month_given_up: u32,
) -> Result<StayLedger, EngineError> {
    let horizon = terms.horizon;
    let year_count = horizon.div_ceil(12);
    let mut years: Vec<LedgerYear> = (1..=year_count)
        .map(|year| {
            let last_month = year.saturating_mul(12).min(horizon);
            let months_given_up = last_month
                .min(last_month_given_up)
                .saturating_sub(year.saturating_sub(1).saturating_mul(12));
            LedgerYear {
                year,
                vested_end: terms.vested.get(idx(last_month)).copied().unwrap_or(0),
                revenue_share: Decimal::ZERO,
                milestones: Decimal::ZERO,
                buyback: Decimal::ZERO,
                terminal: Decimal::ZERO,
                // A twelfth of a valid salary times at most 12 cannot overflow; saturate all the same.
                sacrifice: terms
                    .monthly_sacrifice
                    .checked_mul(Decimal::from(months_given_up))
                    .unwrap_or(Decimal::MAX),
                tax_at_vest: Decimal::ZERO,
                cap_reached: false,
                expired: false,
            }
        })
        .collect();
    let mut failure = None;
    let mut sold_in_month = vec![0u64; terms.vested.len()];
    // Each month's tax at vest, and its cash (all but the terminal value, a valuation), for the
    // most owed before cash (MODEL.md 8.6).
    let mut owed_in_month = vec![Decimal::ZERO; terms.vested.len()];
    let mut cash_in_month = vec![Decimal::ZERO; terms.vested.len()];
    walk_path(terms, schedule, leaving, |flow| {
        if flow.kind == FlowKind::Buyback {
            sold_in_month[idx(flow.month)] =
                sold_in_month[idx(flow.month)].saturating_add(flow.tokens);
        }
        let year = &mut years[idx(flow.month.saturating_sub(1) / 12)];
        year.cap_reached |= schedule.capped.get(idx(flow.month)).copied().unwrap_or(false);
        let (column, by_month) = match flow.kind {
            FlowKind::RevenueShare => (&mut year.revenue_share, Some(&mut cash_in_month)),
            FlowKind::Milestone => (&mut year.milestones, Some(&mut cash_in_month)),
            FlowKind::Buyback => (&mut year.buyback, Some(&mut cash_in_month)),
            FlowKind::Terminal => (&mut year.terminal, None),
            FlowKind::TaxAtVest => (&mut year.tax_at_vest, Some(&mut owed_in_month)),
        };
        let book = || -> Result<(), EngineError> {
            // The tax at vest is money going out: the ledger shows it as a positive amount.
            let amount = flow_amount(terms, schedule, flow)?.abs();
            *column = add(*column, amount, "a yearly ledger")?;
            if let Some(slot) = by_month.and_then(|m| m.get_mut(idx(flow.month))) {
                *slot = add(*slot, amount, "a month's flows")?;
            }
            Ok(())
        };
        if let Err(e) = book() {
            failure = Some(e);
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    let mut sold = 0u64;
    let expired_after = terms.expires.map_or(usize::MAX, idx);
    let held_by_month: Vec<u64> = terms
        .vested
        .iter()
        .zip(&sold_in_month)
        .enumerate()
        .map(|(t, (vested, sold_now))| {
            sold = sold.saturating_add(*sold_now);
            if t >= expired_after {
                0
            } else {
                vested.saturating_sub(sold)
            }
        })
        .collect();
    // The year the units expired, if any were still held then (MODEL.md 7.5).
    if let Some(e) = terms.expires.filter(|&e| e <= horizon) {
        let vested_at_e = terms.vested.get(idx(e)).copied().unwrap_or(0);
        let sold_by_e = sold_in_month
            .iter()
            .take(idx(e).saturating_add(1))
            .fold(0u64, |a, b| a.saturating_add(*b));
        if vested_at_e > sold_by_e {
            if let Some(year) = years.get_mut(idx(e.saturating_sub(1) / 12)) {
                year.expired = true;
            }
        }
    }
    let mut token_nominal = Decimal::ZERO;
    for y in &years {
        for amount in [y.revenue_share, y.milestones, y.buyback, y.terminal] {
            token_nominal = add(token_nominal, amount, "the nominal token total")?;
        }
        token_nominal = sub(token_nominal, y.tax_at_vest, "the nominal token total")?;
    }
    let (mut out_of_pocket, mut most_owed_before_cash) = (Decimal::ZERO, Decimal::ZERO);
    for (owed, cash) in owed_in_month.iter().zip(&cash_in_month) {
        out_of_pocket = sub(add(out_of_pocket, *owed, "the tax at vest")?, *cash, "the cash")?;
        most_owed_before_cash = most_owed_before_cash.max(out_of_pocket);
    }
    Ok(StayLedger {
        token_pv,
        token_nominal,
        sacrifice_pv,
        most_owed_before_cash,
        years,
        vested_by_month: terms.vested.clone(),
        held_by_month,
    })
}
