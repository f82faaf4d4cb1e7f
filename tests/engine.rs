//! Hand-worked examples of every mechanism of MODEL.md sections 2 and 3, each a small offer built
//! from `common::offer()` with one mechanism switched on, and the figure worked out in a comment.
//!
//! Money is compared as the report prints it (to the cent); probabilities and factors to ~1e-9.
//! Unless a test says otherwise: no tax, no discounting, nobody leaves (0 % departure, so only the
//! never-leaving path exists), and 1,000 of 100,000 tokens are all vested at the end of month 1.

mod common;

use common::{
    assert_near, buyback, cents, d, decimal_cents, hazard, linear, milestone, offer, revenue_share,
    scenario, terminal_only,
};
use rust_decimal::Decimal;
use tokenworth::engine::exact::{LeavingOdds, Model};
use tokenworth::engine::schedule::vested_tokens;
use tokenworth::engine::{value, value_exact, Report};
use tokenworth::offer::{OnLeave, PoolBasis};
use tokenworth::Offer;

/// One year of the never-leaving ledger: `(vested_end, revenue_share, milestones, buyback, terminal,
/// sacrifice)`, money as the report prints it.
type Year = (u64, &'static str, &'static str, &'static str, &'static str, &'static str);

fn exact(offer: &Offer) -> Report {
    value_exact(offer).unwrap_or_else(|e| panic!("{e}"))
}

/// The never-leaving ledger of the first scenario, year by year, against a table.
fn check_years(offer: &Offer, want: &[Year]) {
    let report = exact(offer);
    let got: Vec<(u64, String, String, String, String, String)> = report.scenarios[0]
        .stay
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            assert_eq!(y.year as usize, i + 1, "years are numbered from 1");
            (
                y.vested_end,
                decimal_cents(y.revenue_share),
                decimal_cents(y.milestones),
                decimal_cents(y.buyback),
                decimal_cents(y.terminal),
                decimal_cents(y.sacrifice),
            )
        })
        .collect();
    let want: Vec<(u64, String, String, String, String, String)> = want
        .iter()
        .map(|&(v, r, m, b, t, s)| {
            (v, r.to_string(), m.to_string(), b.to_string(), t.to_string(), s.to_string())
        })
        .collect();
    assert_eq!(got, want);
}

/// The never-leaving path's nominal token total and present value, to the cent.
fn check_stay(offer: &Offer, nominal: &str, pv: &str) {
    let report = exact(offer);
    let stay = &report.scenarios[0].stay;
    assert_eq!(
        (decimal_cents(stay.token_nominal), cents(stay.token_pv)),
        (nominal.to_string(), pv.to_string())
    );
}

/// `token_pv` of the first scenario's path that leaves at the end of `leaving` (or never), to the cent.
fn path_pv(offer: &Offer, leaving: Option<u32>) -> String {
    let model = Model::new(offer, Decimal::ONE).unwrap_or_else(|e| panic!("{e}"));
    cents(model.scenarios[0].path_value(&model.terms, leaving).token_pv)
}

// ---------------------------------------------------------------------------------------------
// 2.1 Vesting

/// `vested_tokens(g, c, D, e, t)` for each row `(g, c, D, e, t, want)`.
fn check_vested(rows: &[(u64, u32, u32, u32, u32, u64)]) {
    for &(g, c, dur, e, t, want) in rows {
        assert_eq!(
            vested_tokens(g, c, dur, e, t),
            want,
            "vested_tokens({g}, cliff {c}, duration {dur}, step {e}, month {t})"
        );
    }
}

#[test]
fn vesting_with_an_awkward_cliff_step_and_duration() {
    // 1,000 tokens, cliff 7, duration 36, step 5: k(t) = 0 before month 7, else min(36, floor(t/5)·5);
    // vested = floor(1000·k/36).
    check_vested(&[
        (1000, 7, 36, 5, 0, 0),
        (1000, 7, 36, 5, 1, 0),
        (1000, 7, 36, 5, 5, 0), // a whole step done, but before the cliff
        (1000, 7, 36, 5, 6, 0),
        (1000, 7, 36, 5, 7, 138), // k = 5: 5000/36 = 138.9
        (1000, 7, 36, 5, 9, 138),
        (1000, 7, 36, 5, 10, 277), // k = 10: 10000/36 = 277.8
        (1000, 7, 36, 5, 14, 277),
        (1000, 7, 36, 5, 15, 416), // 15000/36 = 416.7
        (1000, 7, 36, 5, 25, 694), // 25000/36 = 694.4
        (1000, 7, 36, 5, 30, 833), // 30000/36 = 833.3
        (1000, 7, 36, 5, 34, 833),
        (1000, 7, 36, 5, 35, 972), // 35000/36 = 972.2
        (1000, 7, 36, 5, 36, 972), // month 36 is not a whole step: k = 35, still 972
        (1000, 7, 36, 5, 39, 972),
        (1000, 7, 36, 5, 40, 1000), // k = min(36, 40) = 36: all vested only at month 40
        (1000, 7, 36, 5, 100, 1000),
    ]);
}

#[test]
fn vesting_edge_cases() {
    check_vested(&[
        // Cliff equal to the duration: nothing, then everything.
        (1200, 12, 12, 1, 11, 0),
        (1200, 12, 12, 1, 12, 1200),
        // No cliff, monthly thirds, floored.
        (1000, 0, 3, 1, 0, 0),
        (1000, 0, 3, 1, 1, 333),
        (1000, 0, 3, 1, 2, 666),
        (1000, 0, 3, 1, 3, 1000),
        // A step longer than the duration: k = min(4, 6) = 4 at month 6.
        (1000, 0, 4, 6, 5, 0),
        (1000, 0, 4, 6, 6, 1000),
        // No tokens.
        (0, 0, 12, 1, 12, 0),
        // The largest grant: g·k overflows u64 but not the model (u64::MAX = 3 · 6148914691236517205).
        (u64::MAX, 0, 3, 1, 1, 6_148_914_691_236_517_205),
        (u64::MAX, 0, 3, 1, 2, 12_297_829_382_473_034_410),
        (u64::MAX, 0, 3, 1, 3, u64::MAX),
    ]);
}

#[test]
fn vested_end_in_the_yearly_ledger_with_a_part_year() {
    // Same schedule (1,000 tokens, cliff 7, duration 36, step 5) over H = 40: ceil(40/12) = 4 years,
    // the last of 4 months. vested_end is vested(t) at each year's last month: 12 → k 10 → 277;
    // 24 → k 20 → 555; 36 → k 35 → 972; 40 → 1000. Salary given up 12,000 a year = 1,000 a month.
    let mut o = offer();
    o.horizon_months = 40;
    o.grant.vesting = linear(7, 36, 5);
    o.salary.sacrificed_annual = d("12000");
    check_years(
        &o,
        &[
            (277, "0.00", "0.00", "0.00", "0.00", "12000.00"),
            (555, "0.00", "0.00", "0.00", "0.00", "12000.00"),
            (972, "0.00", "0.00", "0.00", "0.00", "12000.00"),
            (1000, "0.00", "0.00", "0.00", "0.00", "4000.00"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// 2.2 and 2.3 Revenue share

/// H = 24; revenue 1.2M then 2.4M a year (R = 100,000 then 200,000 a month); 10 % dilution, so
/// S = 100,000 in year 1 and 110,000 in year 2; a 10 % pool paid every `every` months.
fn revenue_share_offer(every: u32) -> Offer {
    let mut o = offer();
    o.horizon_months = 24;
    o.grant.annual_dilution_pct = d("10");
    o.payouts.revenue_share = Some(revenue_share("10", every));
    o.scenarios = vec![scenario("Only", "100", &["1200000", "2400000"], &[])];
    o
}

#[test]
fn quarterly_revenue_share_on_gross_profit_with_dilution() {
    // Gross profit at a 50 % margin: B = 50,000 a month in year 1, 100,000 in year 2.
    // Year 1 quarters: 10 % · 150,000 · 1,000 / 100,000 = 150, four times = 600.
    // Year 2 quarters: 10 % · 300,000 · 1,000 / 110,000 = 272.7272…, four times = 1,090.909…
    let mut o = revenue_share_offer(3);
    let share = o.payouts.revenue_share.as_mut().unwrap();
    share.basis = PoolBasis::GrossProfit;
    share.gross_margin_pct = d("50");
    check_years(
        &o,
        &[
            (1000, "600.00", "0.00", "0.00", "0.00", "0.00"),
            (1000, "1090.91", "0.00", "0.00", "0.00", "0.00"),
        ],
    );
    check_stay(&o, "1690.91", "1690.91");

    // Income tax of 20 % takes a fifth of each payout: 480 and 872.7272…
    o.personal.income_tax_pct = d("20");
    check_years(
        &o,
        &[
            (1000, "480.00", "0.00", "0.00", "0.00", "0.00"),
            (1000, "872.73", "0.00", "0.00", "0.00", "0.00"),
        ],
    );
    check_stay(&o, "1352.73", "1352.73");
}

#[test]
fn gross_margin_is_ignored_on_a_revenue_basis() {
    // Basis "revenue" with a 50 % margin written down: the pool is on all revenue.
    // Year 1: 4 · 10 % · 300,000 · 1 % = 1,200; year 2: 4 · 10 % · 600,000 · 1,000/110,000 = 2,181.818…
    let mut o = revenue_share_offer(3);
    o.payouts.revenue_share.as_mut().unwrap().gross_margin_pct = d("50");
    check_years(
        &o,
        &[
            (1000, "1200.00", "0.00", "0.00", "0.00", "0.00"),
            (1000, "2181.82", "0.00", "0.00", "0.00", "0.00"),
        ],
    );
}

#[test]
fn a_payout_period_across_a_year_start_and_an_unfinished_last_period() {
    // Every 5 months over H = 24: payouts at 5, 10, 15, 20; months 21 to 24 are never paid.
    // 5 and 10: 10 % · 500,000 · 1 % = 500 each.
    // 15 (months 11..15 = 2 · 100,000 + 3 · 200,000 = 800,000), diluted S_15 = 110,000:
    //    10 % · 800,000 · 1,000 / 110,000 = 727.2727…
    // 20 (months 16..20 = 1,000,000): 100,000 · 1,000 / 110,000 = 909.0909…; year 2 = 1,636.3636…
    check_years(
        &revenue_share_offer(5),
        &[
            (1000, "1000.00", "0.00", "0.00", "0.00", "0.00"),
            (1000, "1636.36", "0.00", "0.00", "0.00", "0.00"),
        ],
    );
}

#[test]
fn the_diluted_supply_is_not_rounded_to_whole_tokens() {
    // 2 of 3 tokens, 50 % dilution: S = 3 in year 1, 4.5 in year 2 (not 4 or 5). A yearly 10 % pool
    // on revenue 0 then 9,000: at 24, 10 % · 9,000 · 2 / 4.5 = 400 (rounding S would give 450 or 360).
    let mut o = offer();
    o.horizon_months = 24;
    o.grant.tokens = 2;
    o.grant.supply = 3;
    o.grant.annual_dilution_pct = d("50");
    o.payouts.revenue_share = Some(revenue_share("10", 12));
    o.scenarios = vec![scenario("Only", "100", &["0", "9000"], &[])];
    check_years(
        &o,
        &[
            (2, "0.00", "0.00", "0.00", "0.00", "0.00"),
            (2, "400.00", "0.00", "0.00", "0.00", "0.00"),
        ],
    );
}

#[test]
fn revenue_share_uses_the_tokens_held_at_the_payout_month_for_the_whole_period() {
    // Cliff 3 of 3 months: nothing held in months 1 and 2, all 1,000 tokens at month 3. The quarterly
    // payout at 3 is on the whole quarter's pool: 10 % · 300,000 · 1 % = 300; four quarters = 1,200.
    let mut o = offer();
    o.grant.vesting = linear(3, 3, 1);
    o.payouts.revenue_share = Some(revenue_share("10", 3));
    o.scenarios = vec![scenario("Only", "100", &["1200000"], &[])];
    check_years(&o, &[(1000, "1200.00", "0.00", "0.00", "0.00", "0.00")]);
}

#[test]
fn the_last_revenue_figure_repeats_and_no_revenue_pays_nothing() {
    // Revenue [1.2M] over H = 36 repeats every year: 3 · 1,200 = 3,600.
    let mut o = offer();
    o.horizon_months = 36;
    o.payouts.revenue_share = Some(revenue_share("10", 12));
    o.scenarios = vec![scenario("Only", "100", &["1200000"], &[])];
    check_stay(&o, "3600.00", "3600.00");
    // An empty revenue list means no revenue: the held tokens receive nothing, so the path is zero.
    o.scenarios = vec![scenario("Only", "100", &[], &[])];
    check_stay(&o, "0.00", "0.00");
    assert_eq!(exact(&o).prob_zero, 1.0);
}

#[test]
fn revenue_share_stops_at_the_cancellation() {
    // Quarterly 10 % of 100,000 a month = 300 a quarter. Cancelled at month 6: the payout due at 6
    // is made, nothing after it. Cancelled at 7: months 7..9's pool is lost with the project.
    for (cancelled, want) in [
        (None, "1200.00"),
        (Some(12), "1200.00"),
        (Some(6), "600.00"),
        (Some(7), "600.00"),
        (Some(2), "0.00"),
    ] {
        let mut o = offer();
        o.payouts.revenue_share = Some(revenue_share("10", 3));
        o.scenarios = vec![scenario("Only", "100", &["1200000"], &[])];
        o.scenarios[0].cancelled_month = cancelled;
        assert_eq!(
            decimal_cents(exact(&o).scenarios[0].stay.token_nominal),
            want,
            "cancelled {cancelled:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 2.4 Milestones

#[test]
fn milestones_around_a_cancellation() {
    // A pays 2 at month 6, B 3 at month 10, C 5 at month 12, D 7 at month 13 (after H = 12, never).
    // Each pays per_token · 1,000 held tokens, if hit, at or before the cancellation month.
    for (cancelled, hits, want) in [
        (None, &["A", "B", "C", "D"][..], "10000.00"), // 2,000 + 3,000 + 5,000
        (Some(10), &["A", "B", "C", "D"][..], "5000.00"), // B at the cancellation month is paid; C is not
        (Some(9), &["A", "B", "C", "D"][..], "2000.00"),
        (Some(12), &["A", "B", "C", "D"][..], "10000.00"),
        (Some(5), &["A", "B", "C", "D"][..], "0.00"),
        (None, &["A"][..], "2000.00"), // only what the scenario hits
        (None, &[][..], "0.00"),
    ] {
        let mut o = offer();
        o.payouts.milestones = vec![
            milestone("A", "2", 6),
            milestone("B", "3", 10),
            milestone("C", "5", 12),
            milestone("D", "7", 13),
        ];
        o.scenarios = vec![scenario("Only", "100", &[], hits)];
        o.scenarios[0].cancelled_month = cancelled;
        let report = exact(&o);
        assert_eq!(
            decimal_cents(report.scenarios[0].stay.years[0].milestones),
            want,
            "cancelled {cancelled:?}, hits {hits:?}"
        );
    }
}

#[test]
fn milestones_pay_on_tokens_held_at_their_month_and_add_up() {
    // Vesting cliff 6 of 12 months, monthly: vested(5) = 0, vested(6) = 500, vested(9) = 750.
    // "Early" (month 5, 4 a token) pays nothing; "Half" (month 6, 2) pays 1,000; two milestones in
    // month 9 (1 and 3 a token) pay 750 + 2,250 = 3,000. Income tax 10 %: 3,600 after tax.
    let mut o = offer();
    o.grant.vesting = linear(6, 12, 1);
    o.payouts.milestones = vec![
        milestone("Early", "4", 5),
        milestone("Half", "2", 6),
        milestone("Nine", "1", 9),
        milestone("Also nine", "3", 9),
    ];
    o.scenarios = vec![scenario("Only", "100", &[], &["Early", "Half", "Nine", "Also nine"])];
    o.personal.income_tax_pct = d("10");
    check_years(&o, &[(1000, "0.00", "3600.00", "0.00", "0.00", "0.00")]);
}

// ---------------------------------------------------------------------------------------------
// 2.5 Buyback windows and terminal value

/// H = 24; revenue 1.2M then 2.4M; windows at 12, 18, 24 selling 25 % at 3× trailing revenue / supply;
/// redemption tax 20 %.
fn buyback_offer() -> Offer {
    let mut o = offer();
    o.horizon_months = 24;
    o.payouts.buyback = Some(buyback("3", 12, 6, "25"));
    o.scenarios = vec![scenario("Only", "100", &["1200000", "2400000"], &[])];
    o.personal.redemption_tax_pct = d("20");
    o
}

#[test]
fn buyback_windows_sell_a_floored_share_at_the_trailing_revenue_price() {
    // Window 12: sell floor(1000 · 25 %) = 250; TTM = 1.2M; P = 3 · 1.2M / 100,000 = 36, after tax
    //   28.80: 7,200.
    // Window 18: held 750, sell floor(187.5) = 187; TTM (months 7..18) = 600,000 + 1,200,000 = 1.8M;
    //   P = 54, after tax 43.20: 8,078.40.
    // Window 24: held 563, sell floor(140.75) = 140; TTM = 2.4M; P = 72, after tax 57.60: 8,064.
    // Year 2 = 16,142.40; 423 tokens still held, no terminal value.
    let o = buyback_offer();
    check_years(
        &o,
        &[
            (1000, "0.00", "0.00", "7200.00", "0.00", "0.00"),
            (1000, "0.00", "0.00", "16142.40", "0.00", "0.00"),
        ],
    );

    // With a terminal value at a 30 % illiquidity discount: 423 · 72 · 0.7 · 0.8 = 17,055.36.
    let mut with_terminal = o.clone();
    with_terminal.payouts.buyback.as_mut().unwrap().terminal = true;
    with_terminal.payouts.buyback.as_mut().unwrap().illiquidity_discount_pct = d("30");
    check_years(
        &with_terminal,
        &[
            (1000, "0.00", "0.00", "7200.00", "0.00", "0.00"),
            (1000, "0.00", "0.00", "16142.40", "17055.36", "0.00"),
        ],
    );
    check_stay(&with_terminal, "40397.76", "40397.76");
}

#[test]
fn buyback_price_uses_the_diluted_supply() {
    // 10 % dilution: S = 110,000 from month 13. Window 12 as before: 7,200.
    // Window 18: P = 3 · 1.8M / 110,000, after tax 0.8 · 5.4M / 110,000 = 432/11; 187 · 432/11 = 7,344.
    // Window 24: after tax 0.8 · 7.2M / 110,000 = 576/11; 140 · 576/11 = 7,330.909…; year 2 = 14,674.909…
    // Terminal (30 % discount): 423 · 576/11 · 0.7 = 15,504.872…
    let mut o = buyback_offer();
    o.grant.annual_dilution_pct = d("10");
    o.payouts.buyback.as_mut().unwrap().terminal = true;
    o.payouts.buyback.as_mut().unwrap().illiquidity_discount_pct = d("30");
    check_years(
        &o,
        &[
            (1000, "0.00", "0.00", "7200.00", "0.00", "0.00"),
            (1000, "0.00", "0.00", "14674.91", "15504.87", "0.00"),
        ],
    );
}

#[test]
fn buyback_windows_stop_at_the_cancellation() {
    // Cancelled at 18: the window at 18 (the cancellation month itself) still buys 187 at 43.20;
    // the window at 24 does not happen.
    let mut o = buyback_offer();
    o.scenarios[0].cancelled_month = Some(18);
    check_years(
        &o,
        &[
            (1000, "0.00", "0.00", "7200.00", "0.00", "0.00"),
            (1000, "0.00", "0.00", "8078.40", "0.00", "0.00"),
        ],
    );
}

#[test]
fn a_window_at_a_zero_price_still_takes_the_tokens() {
    // Revenue 0 then 1.2M: the window at 12 sells floor(50 % · 1000) = 500 tokens at P_12 = 0 (no
    // trailing revenue). The terminal value (no discount, no tax) is on the 500 left:
    // 500 · 3 · 1.2M / 100,000 = 18,000, not 36,000.
    let mut o = offer();
    o.horizon_months = 24;
    let mut b = buyback("3", 12, 100, "50");
    b.terminal = true;
    o.payouts.buyback = Some(b);
    o.scenarios = vec![scenario("Only", "100", &["0", "1200000"], &[])];
    check_stay(&o, "18000.00", "18000.00");
}

#[test]
fn terminal_value_with_an_illiquidity_discount_and_none_after_a_cancellation() {
    // P_24 = 3 · 2.4M / 100,000 = 72; 1,000 tokens · 72 · (1 − discount) · (1 − 20 % tax).
    for (cancelled, discount, want) in [
        (None, "30", "40320.00"),     // 72,000 · 0.7 · 0.8
        (Some(25), "30", "40320.00"), // cancelled after H: no effect within the horizon
        (Some(24), "30", "0.00"),     // cancelled in month H: no terminal value
        (Some(20), "30", "0.00"),
        (None, "0", "57600.00"),
        (None, "100", "0.00"),
        (None, "12.5", "50400.00"),
    ] {
        let mut o = offer();
        o.horizon_months = 24;
        o.payouts.buyback = Some(terminal_only("3", discount));
        o.scenarios = vec![scenario("Only", "100", &["1200000", "2400000"], &[])];
        o.scenarios[0].cancelled_month = cancelled;
        o.personal.redemption_tax_pct = d("20");
        let report = exact(&o);
        let years = &report.scenarios[0].stay.years;
        assert_eq!(
            decimal_cents(years[1].terminal),
            want,
            "cancelled {cancelled:?}, discount {discount}"
        );
        assert_eq!(
            decimal_cents(years[0].terminal),
            "0.00",
            "the terminal value falls in the last year"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 2.6 Leaving

/// H = 24; 1,200 of 120,000 tokens vesting 100 a month over 12 months (no cliff); revenue 100,000 a
/// month; a 10 % pool paid yearly (at 12 and 24: 10 % · 1.2M / 120,000 = 1 per held token); a price
/// of 1× trailing revenue, P_t = min(t, 12) · 100,000 / 120,000 (P_6 = 5, P_12 = P_24 = 10); a
/// terminal value at a 50 % discount (5 a token); no windows.
fn leaving_offer(rule: OnLeave) -> Offer {
    let mut o = offer();
    o.horizon_months = 24;
    o.grant.tokens = 1200;
    o.grant.supply = 120_000;
    o.grant.vesting = linear(0, 12, 1);
    o.payouts.revenue_share = Some(revenue_share("10", 12));
    o.payouts.buyback = Some(terminal_only("1", "50"));
    o.leaving.vested_on_leave = rule;
    o.scenarios = vec![scenario("Only", "100", &["1200000"], &[])];
    o
}

#[test]
fn each_leaving_rule_path_by_path() {
    use OnLeave::{Buyback, Forfeit, Keep};
    for (rule, leaving, want) in [
        // Never leaving: 1,200 at 12 + 1,200 at 24 + 1,200 · 5 terminal.
        (Keep, None, "8400.00"),
        (Forfeit, None, "8400.00"),
        (Buyback, None, "8400.00"),
        // Keep at 6: 600 vested tokens stay and keep paying: 600 + 600 + 600 · 5.
        (Keep, Some(6), "4200.00"),
        (Keep, Some(1), "700.00"),
        (Keep, Some(12), "8400.00"),
        (Keep, Some(24), "8400.00"),
        // Forfeit: everything paid up to and including the leaving month, then nothing.
        (Forfeit, Some(6), "0.00"),
        (Forfeit, Some(12), "1200.00"),
        (Forfeit, Some(23), "1200.00"),
        (Forfeit, Some(24), "2400.00"), // leaving in month H comes before the terminal value
        // Buyback: the held vested tokens are sold at P_τ on leaving.
        (Buyback, Some(6), "3000.00"),   // 600 · 5
        (Buyback, Some(12), "13200.00"), // 1,200 payout + 1,200 · 10
        (Buyback, Some(24), "14400.00"), // 2,400 + 1,200 · 10: the full P_H, no illiquidity discount
    ] {
        assert_eq!(path_pv(&leaving_offer(rule), leaving), want, "{rule:?} leaving at {leaving:?}");
    }
}

#[test]
fn leaving_buyback_around_a_cancellation() {
    // Cancelled at 10. Leaving at 10 (the cancellation month): 1,000 vested tokens sold at
    // P_10 = 10 · 100,000 / 120,000 = 8.333…: 8,333.33. Leaving at 12, after the cancellation: nothing.
    // Keeping: the yearly payout at 12 comes after the cancellation, so nothing either.
    let mut o = leaving_offer(OnLeave::Buyback);
    o.scenarios[0].cancelled_month = Some(10);
    assert_eq!(path_pv(&o, Some(10)), "8333.33");
    assert_eq!(path_pv(&o, Some(9)), "6750.00"); // 900 · 7.5
    assert_eq!(path_pv(&o, Some(12)), "0.00");
    assert_eq!(path_pv(&o, None), "0.00");
    o.leaving.vested_on_leave = OnLeave::Keep;
    assert_eq!(path_pv(&o, Some(10)), "0.00");
}

#[test]
fn a_window_in_the_leaving_month_comes_before_the_leaving_buyback() {
    // Windows at 6 and 18 selling 50 %. Leaving at 6 under "buyback": the window sells 300 of the
    // 600 vested at P_6 = 5 (1,500), then leaving sells the other 300 at the same price (1,500).
    // Keeping instead: the window sells 300 at 5 (1,500) and 300 tokens stay: the payout at 12 pays
    // 300, the window at 18 sells 150 at 10 (1,500), the payout at 24 pays 150, and 150 are valued at
    // 5 at H (750): 1,500 + 300 + 1,500 + 150 + 750 = 4,200.
    let mut o = leaving_offer(OnLeave::Buyback);
    let b = o.payouts.buyback.as_mut().unwrap();
    b.first_window_month = 6;
    b.every_months = 12;
    b.sell_pct = d("50");
    assert_eq!(path_pv(&o, Some(6)), "3000.00");
    o.leaving.vested_on_leave = OnLeave::Keep;
    assert_eq!(path_pv(&o, Some(6)), "4200.00");
}

#[test]
fn expected_value_over_leaving_months() {
    // Keep at 15 % a year: h = 1 − 0.85^(1/12), P(τ = t) = (1 − h)^(t−1)·h. A path leaving at
    // τ <= 11 is worth 700·τ (100·τ tokens: two payouts and a terminal value of 5 each); every other
    // path is worth 8,400. E = Σ_{τ=1..11} P(τ)·700·τ + (1 − Σ_{τ=1..11} P(τ))·8,400 = 7,805.56.
    let mut o = leaving_offer(OnLeave::Keep);
    o.leaving.annual_departure_pct = d("15");
    let h = hazard(0.15);
    let p = |t: i32| (1.0 - h).powi(t - 1) * h;
    let early: f64 = (1..=11).map(|t| p(t) * 700.0 * f64::from(t)).sum();
    let left_early: f64 = (1..=11).map(p).sum();
    let want = early + (1.0 - left_early) * 8400.0;
    assert_eq!(cents(want), "7805.56");
    let report = exact(&o);
    assert_near("expected.token_pv", report.expected.token_pv, want, 1e-9, 1e-12);
    assert_eq!(cents(report.scenarios[0].expected_token_pv), "7805.56");
    // The never-leaving ledger is the same whatever the departure rate.
    assert_eq!(cents(report.scenarios[0].stay.token_pv), "8400.00");
    // Nobody holds a path worth nothing.
    assert_eq!(report.prob_zero, 0.0);
}

#[test]
fn forfeiting_paths_are_zero_and_set_the_percentiles() {
    // Forfeit at 50 % a year: paths leaving at τ <= 11 are worth 0 (P = 1 − 0.5^(11/12) = 0.4703),
    // at 12..23 1,200 (cumulative 1 − 0.5^(23/12) = 0.7351), at 24 2,400 (cumulative 0.75), never
    // 8,400 (0.25). p10 = 0, p50 = 1,200, p90 = 8,400; prob_zero = 1 − 0.5^(11/12).
    let mut o = leaving_offer(OnLeave::Forfeit);
    o.leaving.annual_departure_pct = d("50");
    let report = exact(&o);
    assert_near("prob_zero", report.prob_zero, 1.0 - 0.5f64.powf(11.0 / 12.0), 1e-12, 0.0);
    let dist = report.distribution;
    assert_eq!(
        (cents(dist.p10), cents(dist.p50), cents(dist.p90)),
        ("0.00".into(), "1200.00".into(), "8400.00".into())
    );
    // At 15 % a year the zero paths weigh 1 − 0.85^(11/12) = 0.13841.
    o.leaving.annual_departure_pct = d("15");
    assert_near("prob_zero", exact(&o).prob_zero, 1.0 - 0.85f64.powf(11.0 / 12.0), 1e-12, 0.0);
}

#[test]
fn salary_given_up_while_employed() {
    // 12,000 a year given up, 25 % income tax: 750 a month after tax, for months 1..min(τ, H).
    let mut o = leaving_offer(OnLeave::Keep);
    o.salary.sacrificed_annual = d("12000");
    o.personal.income_tax_pct = d("25");
    let model = Model::new(&o, Decimal::ONE).unwrap();
    for (leaving, want) in
        [(Some(1), "750.00"), (Some(6), "4500.00"), (Some(24), "18000.00"), (None, "18000.00")]
    {
        assert_eq!(cents(model.sacrifice_until(0, leaving)), want, "leaving at {leaving:?}");
    }
    // Everyone leaves at the end of month 1 at a 100 % departure rate: the expected sacrifice is one month.
    o.leaving.annual_departure_pct = d("100");
    let report = exact(&o);
    assert_eq!(cents(report.expected.sacrifice_pv), "750.00");
    // The never-leaving ledger counts every month, also after a cancellation.
    o.scenarios[0].cancelled_month = Some(3);
    let report = exact(&o);
    assert_eq!(decimal_cents(report.scenarios[0].stay.years[1].sacrifice), "9000.00");
    // Vesting keeps following its formula after the cancellation: 1,200 vested at the end of year 1.
    let vested: Vec<u64> = report.scenarios[0].stay.years.iter().map(|y| y.vested_end).collect();
    assert_eq!(vested, [1200, 1200]);
    assert_eq!(cents(report.scenarios[0].stay.sacrifice_pv), "18000.00");
}

// ---------------------------------------------------------------------------------------------
// Section 3: the leaving distribution

#[test]
fn leaving_odds_from_an_annual_rate() {
    // (annual %, H, hazard, P(never)): h = 1 − (1 − a)^(1/12), P(never) = (1 − h)^H = (1 − a)^(H/12).
    for (annual, horizon, want_hazard, want_never) in [
        ("0", 12, 0.0, 1.0),
        ("15", 12, 0.013_451_947_011_868_914, 0.85),
        ("15", 60, 0.013_451_947_011_868_914, 0.443_705_312_5), // 0.85^5
        ("50", 24, 1.0 - 0.5f64.powf(1.0 / 12.0), 0.25),
        ("100", 12, 1.0, 0.0),
    ] {
        let odds = LeavingOdds::new(d(annual), horizon);
        assert_near(&format!("hazard at {annual}%"), odds.hazard, want_hazard, 1e-15, 0.0);
        assert_near(
            &format!("P(never) at {annual}%, H {horizon}"),
            odds.never,
            want_never,
            1e-12,
            0.0,
        );
        assert_eq!(odds.in_month.len(), horizon as usize + 1);
        for t in 1..=horizon {
            let want = (1.0 - want_hazard).powi(t as i32 - 1) * want_hazard;
            assert_near(
                &format!("P(τ = {t}) at {annual}%"),
                odds.in_month[t as usize],
                want,
                1e-15,
                0.0,
            );
        }
        let total: f64 = odds.outcomes().map(|(_, p)| p).sum();
        assert_near("total probability", total, 1.0, 1e-12, 0.0);
    }
    // At 0 % only the never-leaving path has weight; at 100 % everyone leaves at the end of month 1.
    assert_eq!(LeavingOdds::new(d("0"), 12).outcomes().collect::<Vec<_>>(), vec![(None, 1.0)]);
    assert_eq!(LeavingOdds::new(d("100"), 12).outcomes().collect::<Vec<_>>(), vec![(Some(1), 1.0)]);
}

// ---------------------------------------------------------------------------------------------
// 2.7 Tax and discounting

/// H = 12, revenue 1.2M: a 10 % yearly pool pays 1,200 at 12; milestone "M" 1 a token at 6 pays
/// 1,000; a window at 12 sells 500 tokens at P_12 = 2 · 1.2M / 100,000 = 24 (12,000); the other 500
/// are valued at 24 at H with no discount (12,000); 12,000 a year given up.
fn taxed_offer(income: &str, redemption: &str) -> Offer {
    let mut o = offer();
    o.salary.sacrificed_annual = d("12000");
    o.payouts.revenue_share = Some(revenue_share("10", 12));
    o.payouts.milestones = vec![milestone("M", "1", 6)];
    let mut b = buyback("2", 12, 12, "50");
    b.terminal = true;
    o.payouts.buyback = Some(b);
    o.scenarios = vec![scenario("Only", "100", &["1200000"], &["M"])];
    o.personal.income_tax_pct = d(income);
    o.personal.redemption_tax_pct = d(redemption);
    o
}

#[test]
fn income_tax_and_redemption_tax_each_on_their_own_flows() {
    // Income tax on the revenue share, milestones and salary given up; redemption tax on the buyback
    // and the terminal value.
    for (income, redemption, year) in [
        ("0", "0", (1000, "1200.00", "1000.00", "12000.00", "12000.00", "12000.00")),
        ("25", "0", (1000, "900.00", "750.00", "12000.00", "12000.00", "9000.00")),
        ("0", "40", (1000, "1200.00", "1000.00", "7200.00", "7200.00", "12000.00")),
        ("25", "40", (1000, "900.00", "750.00", "7200.00", "7200.00", "9000.00")),
        ("99.99", "99.99", (1000, "0.12", "0.10", "1.20", "1.20", "1.20")),
    ] {
        check_years(&taxed_offer(income, redemption), &[year]);
    }
    // 900 + 750 + 7,200 + 7,200 = 16,050.
    check_stay(&taxed_offer("25", "40"), "16050.00", "16050.00");
}

#[test]
fn base_salary_after_income_tax() {
    // 120,000 a year at 25 % income tax, no discounting: 12 · 7,500 = 90,000 over H = 12;
    // total pay = salary + tokens.
    let mut o = taxed_offer("25", "40");
    o.salary.base_annual = d("120000");
    let report = exact(&o);
    assert_eq!(cents(report.expected.salary_pv), "90000.00");
    assert_eq!(cents(report.expected.total_comp_pv), "106050.00");
    assert_eq!(cents(report.expected.net_pv), "7050.00"); // 16,050 − 9,000
}

#[test]
fn discounting_a_flow_at_month_t() {
    // One milestone paying 1,000 (1 a token) at month t, at 10 % a year: 1,000 / 1.1^(t/12).
    for (month, want) in [
        (12, "909.09"), // 1000 / 1.1
        (6, "953.46"),  // 1000 / 1.1^0.5 = 953.4626
        (18, "866.78"), // 1000 / 1.1^1.5 = 866.7842
        (1, "992.09"),  // 1000 / 1.1^(1/12) = 992.0889
        (24, "826.45"), // 1000 / 1.21
    ] {
        let mut o = offer();
        o.horizon_months = 24;
        o.payouts.milestones = vec![milestone("M", "1", month)];
        o.scenarios = vec![scenario("Only", "100", &[], &["M"])];
        o.personal.discount_rate_pct = d("10");
        let report = exact(&o);
        assert_eq!(cents(report.expected.token_pv), want, "month {month}");
        // The ledger is nominal.
        assert_eq!(decimal_cents(report.scenarios[0].stay.token_nominal), "1000.00");
    }
}

#[test]
fn discounting_the_salary() {
    // 120,000 a year, no tax, 10 %: Σ_{t=1..12} 10,000 · v^t with v = 1.1^(−1/12), which is
    // 10,000 · v · (1 − v^12) / (1 − v) = 114,004.88. The same for the salary given up.
    let mut o = offer();
    o.salary.base_annual = d("120000");
    o.salary.sacrificed_annual = d("120000");
    o.personal.discount_rate_pct = d("10");
    let v = 1.1f64.powf(-1.0 / 12.0);
    let want = 10_000.0 * v * (1.0 - v.powi(12)) / (1.0 - v);
    assert_eq!(cents(want), "114004.88");
    let report = exact(&o);
    assert_near("salary_pv", report.expected.salary_pv, want, 1e-8, 0.0);
    assert_near("sacrifice_pv", report.expected.sacrifice_pv, want, 1e-8, 0.0);
}

// ---------------------------------------------------------------------------------------------
// Section 3: the offer's figures

/// Two equally likely scenarios: "Zero" pays nothing; "Pays" hits a milestone at month `month` of
/// `per_token` a token. Wealth 100.
fn gamble(risk_aversion: &str, duration: u32, month: u32, per_token: &str) -> Offer {
    let mut o = offer();
    o.grant.vesting = linear(0, duration, 1);
    o.payouts.milestones = vec![milestone("M", per_token, month)];
    o.scenarios = vec![scenario("Zero", "50", &[], &[]), scenario("Pays", "50", &[], &["M"])];
    o.personal.wealth = d("100");
    o.personal.risk_aversion = d(risk_aversion);
    o
}

#[test]
fn certainty_equivalent_of_a_coin_flip() {
    // Half 0, half 300 (1,000 tokens · 0.30), wealth 100: CE = (½·100^(1−γ) + ½·400^(1−γ))^(1/(1−γ)) − 100.
    for (gamma, want) in [
        ("0", 150.0),                 // the expected value
        ("0.5", 125.0),               // (½·10 + ½·20)² − 100
        ("1", 100.0),                 // √(100 · 400) − 100
        ("2", 60.0),                  // 1 / (½/100 + ½/400) − 100
        ("3", 37.198_868_114_007_07), // (½·10⁻⁴ + ½·400⁻²)^(−½) − 100
    ] {
        let report = exact(&gamble(gamma, 1, 1, "0.3"));
        assert_near(&format!("CE at γ = {gamma}"), report.certainty_equivalent, want, 1e-9, 1e-12);
        assert_eq!(cents(report.expected.token_pv), "150.00");
        assert_eq!(report.prob_zero, 0.5);
        // Weighted nearest rank: P(X <= 0) = 0.5 exactly, so the median is 0.
        let dist = report.distribution;
        assert_eq!(
            (cents(dist.p10), cents(dist.p50), cents(dist.p90)),
            ("0.00".into(), "0.00".into(), "300.00".into())
        );
    }
}

#[test]
fn salary_equivalent_spreads_the_ce_over_the_vesting_months() {
    // 12 · CE / Σ_{t=1..D'} (1 + k)^(−t/12) / (1 − income tax), D' = min(duration, H), k = 0.
    // Duration 1, milestone at 1: D' = 1, CE(γ = 2) = 60 → 12 · 60 = 720.
    assert_eq!(cents(exact(&gamble("2", 1, 1, "0.3")).salary_equivalent_annual_pretax), "720.00");
    // Duration 48 beyond H = 12: D' = 12; 250 tokens vested at 12 · 1.20 = 300; CE 60 → 12 · 60 / 12 = 60.
    assert_eq!(cents(exact(&gamble("2", 48, 12, "1.2")).salary_equivalent_annual_pretax), "60.00");
    // 20 % income tax: the milestone pays 240, CE = 1 / (½/100 + ½/340) − 100 = 54.5454…;
    // 12 · 54.5454… / 0.8 = 818.18.
    let mut o = gamble("2", 1, 1, "0.3");
    o.personal.income_tax_pct = d("20");
    assert_eq!(cents(exact(&o).salary_equivalent_annual_pretax), "818.18");
}

/// H = 12; 12,000 a year given up (so sacrifice_pv = 12,000); a milestone at 1 worth `per_token`
/// · 1,000; a yearly 10 % pool on 5M of revenue (5,000) if `pool`.
fn breakeven_offer(per_token: &str, pool: bool, sacrificed: &str) -> Offer {
    let mut o = offer();
    o.salary.sacrificed_annual = d(sacrificed);
    o.payouts.milestones = vec![milestone("M", per_token, 1)];
    if pool {
        o.payouts.revenue_share = Some(revenue_share("10", 12));
    }
    o.scenarios = vec![scenario("Only", "100", &["5000000"], &["M"])];
    o
}

#[test]
fn breakeven_revenue_scale() {
    // (sacrifice − A) / B; 0 when A >= sacrifice; none when B = 0 and A < sacrifice.
    for (per_token, pool, sacrificed, want) in [
        ("2", true, "12000", Some(2.0)),  // (12,000 − 2,000) / 5,000
        ("0", true, "12000", Some(2.4)),  // 12,000 / 5,000
        ("12", true, "12000", Some(0.0)), // milestones alone cover it exactly
        ("13", true, "12000", Some(0.0)),
        ("1", false, "12000", None),  // nothing depends on revenue
        ("0", false, "0", Some(0.0)), // both zero
    ] {
        let got = exact(&breakeven_offer(per_token, pool, sacrificed)).breakeven_revenue_scale;
        match (got, want) {
            (Some(g), Some(w)) => {
                assert_near(&format!("breakeven {per_token} {pool}"), g, w, 1e-12, 1e-12)
            }
            _ => assert_eq!(got, want, "breakeven {per_token} {pool} {sacrificed}"),
        }
    }
    // The report writes "none" as null.
    let json = tokenworth::report::to_json(&exact(&breakeven_offer("1", false, "12000")));
    assert!(json.contains("\"breakeven_revenue_scale\": null"), "{json}");
    // Doubling the revenue then breaks even: 2,000 + 2 · 5,000 = 12,000.
    let mut o = breakeven_offer("2", true, "12000");
    o.scenarios[0].annual_revenue = vec![d("10000000")];
    let report = exact(&o);
    assert_eq!(
        (cents(report.expected.token_pv), cents(report.expected.net_pv)),
        ("12000.00".into(), "0.00".into())
    );
}

/// The breakeven in words, worked by hand on `breakeven_offer` (the milestone pays `per_token` ·
/// 1,000, the pool 5,000 on the plan's 5M, 12,000 given up).
#[test]
fn breakeven_in_words() {
    use tokenworth::report::breakeven::breakeven_words;
    use tokenworth::report::format::money;
    use tokenworth::report::format::Precision::{Exact, Spoken};
    let words = |o: &Offer| breakeven_words(&exact(o), Spoken);
    // (12,000 − 2,000) / 5,000 = 2: the project must earn 2 × 5M = 10M a year.
    let two = words(&breakeven_offer("2", true, "12000"));
    assert_eq!(
        two.sentence,
        "On average the tokens repay the salary you give up if the project's revenue reaches 2.00× your plan: more than you plan, so on average they fall short of it even before counting risk. In each scenario, that is:"
    );
    assert_eq!(two.scenarios.len(), 1);
    assert_eq!(
        (two.scenarios[0].name.as_str(), two.scenarios[0].revenue.as_str()),
        ("Only", "$10,000,000 a year")
    );
    // 12,000 / 5,000 = 2.4, and a plan that grows: 2.4 × (1M, 2.5M, then 5M).
    let mut growing = breakeven_offer("0", true, "12000");
    growing.scenarios[0].annual_revenue = vec![d("1000000"), d("2500000"), d("5000000")];
    let mut flat_first = growing.clone();
    flat_first.scenarios[0].annual_revenue = vec![d("5000000")];
    let at = |o: &Offer| exact(o).breakeven_revenue_scale.unwrap();
    // The pool on 1M + 2.5M + 5M … is less than on 5M a year, so the factor is larger than 2.4.
    assert!(at(&growing) > at(&flat_first));
    let s = at(&growing);
    let need = breakeven_words(&exact(&growing), Exact).scenarios[0].revenue.clone();
    assert_eq!(
        need,
        format!(
            "{} in year 1, {} in year 2, then {} a year",
            money(1_000_000.0 * s, "USD"),
            money(2_500_000.0 * s, "USD"),
            money(5_000_000.0 * s, "USD")
        )
    );
    // Half the salary given up: (6,000 − 0) / 5,000 = 1.2; a fifth: 2,400 / 5,000 = 0.48 < 1.
    let low = words(&breakeven_offer("0", true, "2400"));
    assert!(
        low.sentence.contains("reaches 0.48× your plan: less than you plan"),
        "{}",
        low.sentence
    );
    assert_eq!(low.scenarios[0].revenue, "$2,400,000 a year");
    // Milestones alone cover it; nothing given up; nothing follows revenue.
    assert!(words(&breakeven_offer("13", true, "12000"))
        .sentence
        .contains("even if the project earns no revenue at all"));
    let none_given = words(&breakeven_offer("0", false, "0"));
    assert!(none_given.sentence.starts_with("You give up no salary for these tokens"));
    assert!(none_given.scenarios.is_empty());
    let fixed = words(&breakeven_offer("1", false, "12000"));
    assert!(
        fixed.sentence.starts_with("Nothing these tokens pay depends on the project's revenue"),
        "{}",
        fixed.sentence
    );
    // A pool on a plan of no revenue at all.
    let mut nothing = breakeven_offer("1", true, "12000");
    nothing.scenarios[0].annual_revenue = vec![d("0")];
    assert!(words(&nothing).sentence.starts_with("Your scenarios plan no revenue"));
    // --text says the same words under its figure lines.
    let offer = breakeven_offer("2", true, "12000");
    let text = tokenworth::report::to_text(&offer, &exact(&offer));
    assert!(text.contains("2.00× the scenarios' revenue"), "{text}");
    assert!(text.contains("When the tokens repay the salary given up\n  On average the tokens repay the salary you give up if the project's revenue reaches 2.00×"), "{text}");
    assert!(text.contains("  - Only: $10,000,000 a year\n"), "{text}");
}

#[test]
fn sensitivity_rows_by_hand() {
    // A 10 % yearly pool on 5M, 12,000 given up, 90 % income tax: tokens 500, sacrifice 1,200, net −700.
    // revenue and pool_pct at 0.8× / 1.2×: 400 − 1,200 = −800 and 600 − 1,200 = −600 (swing 200).
    // income_tax_pct at 72 %: 1,400 − 3,360 = −1,960; at 1.2 · 90 = 108, capped at 100 %: 0 − 0 = 0.
    // Largest swing first; revenue and pool_pct tie and keep MODEL.md's order. The zero inputs
    // (discount, departure, dilution) and the absent revenue_multiple are left out.
    let mut o = breakeven_offer("0", true, "12000");
    o.payouts.milestones.clear();
    o.scenarios[0].milestones_hit.clear();
    o.personal.income_tax_pct = d("90");
    let report = exact(&o);
    assert_eq!(cents(report.expected.net_pv), "-700.00");
    let rows: Vec<(&str, String, String, String)> = report
        .sensitivity
        .iter()
        .map(|r| (r.input, cents(r.low), cents(r.high), cents(r.swing)))
        .collect();
    let row = |input, low: &str, high: &str, swing: &str| {
        (input, low.to_string(), high.to_string(), swing.to_string())
    };
    assert_eq!(
        rows,
        vec![
            row("income_tax_pct", "-1960.00", "0.00", "1960.00"),
            row("revenue", "-800.00", "-600.00", "200.00"),
            row("pool_pct", "-800.00", "-600.00", "200.00"),
        ]
    );
}

#[test]
fn sensitivity_caps_a_percentage_at_100() {
    // Forfeit at 90 % a year: 1.2 · 90 = 108 is capped at 100 %, where everyone leaves at the end of
    // month 1 with nothing paid yet: tokens 0, sacrifice one month of 1,000: net −1,000.
    let mut o = leaving_offer(OnLeave::Forfeit);
    o.salary.sacrificed_annual = d("12000");
    o.leaving.annual_departure_pct = d("90");
    let report = exact(&o);
    let row = report
        .sensitivity
        .iter()
        .find(|r| r.input == "annual_departure_pct")
        .expect("a departure row");
    assert_eq!(cents(row.high), "-1000.00");
    // And 0.8 · 90 = 72 % is the same as valuing the offer at 72 %.
    let mut low = o.clone();
    low.leaving.annual_departure_pct = d("72");
    assert_near("low", row.low, exact(&low).expected.net_pv, 1e-9, 1e-12);
    assert_near("swing", row.swing, (row.high - row.low).abs(), 0.0, 0.0);
}

#[test]
fn value_adds_the_monte_carlo_block_and_agrees_with_value_exact() {
    // value() = value_exact() plus the simulation and the decision; at 0 % volatility and no leaving, every simulated
    // path of a one-scenario offer is the exact path.
    let o = taxed_offer("25", "40");
    let full = value(&o).unwrap();
    let mc = full.monte_carlo.clone().expect("value() simulates");
    assert_eq!(mc.paths, 100);
    assert_near("simulated mean", mc.mean, full.expected.token_pv, 1e-6, 1e-12);
    assert_eq!(full.decision, Some(tokenworth::engine::decide(&o).unwrap()));
    let mut without = full.clone();
    without.monte_carlo = None;
    without.decision = None;
    assert_eq!(without, exact(&o));
}

#[test]
fn the_report_rounds_each_figure_once_half_away_from_zero() {
    // H = 1. Rows: (per_token of a milestone at month 1 on 1,000 tokens, salary given up a year,
    // token_pv, sacrifice_pv, net_pv) as printed.
    for (per_token, sacrificed, token, sacrifice, net) in [
        // 1,000.004 and 0.008: net 999.996 prints 1000.00, not 1000.00 − 0.01.
        ("1.000004", "0.096", "1000.00", "0.01", "1000.00"),
        // 0.125 exactly: half a cent rounds away from zero, both ways.
        ("0.000125", "0", "0.13", "0.00", "0.13"),
        ("0", "1.5", "0.00", "0.13", "-0.13"),
        // Less than half a cent below zero prints 0.00, not -0.00.
        ("0", "0.048", "0.00", "0.00", "0.00"),
    ] {
        let mut o = offer();
        o.horizon_months = 1;
        o.salary.sacrificed_annual = d(sacrificed);
        o.payouts.milestones = vec![milestone("M", per_token, 1)];
        o.scenarios = vec![scenario("Only", "100", &[], &["M"])];
        let json: serde_json::Value =
            serde_json::from_str(&tokenworth::report::to_json(&exact(&o))).unwrap();
        let e = &json["expected"];
        assert_eq!(
            (e["token_pv"].as_str(), e["sacrifice_pv"].as_str(), e["net_pv"].as_str()),
            (Some(token), Some(sacrifice), Some(net)),
            "{per_token} {sacrificed}"
        );
    }
}

#[test]
fn the_report_prints_large_money_as_money() {
    // Money has no upper bound in the offer file ("money >= 0"). A base salary of 4·10^27 a year, no
    // tax, no discounting, over H = 240: salary_pv = 240 · 4·10^27 / 12 = 8·10^28, a finite f64 and
    // within the validator's rules. MODEL.md 5: "Money is a string with two decimals". format::cents
    // goes through Decimal, whose largest value is 7.9·10^28, and prints "NaN" instead (also for
    // total_comp_pv); an engine error naming the figure would do as well, but not "NaN".
    let mut o = offer();
    o.horizon_months = 240;
    o.salary.base_annual = d("4000000000000000000000000000");
    let report = exact(&o);
    assert_near("salary_pv", report.expected.salary_pv, 8e28, 0.0, 1e-12);
    let json: serde_json::Value =
        serde_json::from_str(&tokenworth::report::to_json(&report)).unwrap();
    let printed = json["expected"]["salary_pv"].as_str().unwrap().to_string();
    assert!(
        printed.ends_with(".00") && printed.parse::<f64>().is_ok_and(|x| (x - 8e28).abs() <= 8e16),
        "{printed}"
    );
}

// ---------------------------------------------------------------------------------------------
// Consequences of MODEL.md worth knowing

#[test]
fn one_more_token_can_lower_the_value_when_windows_sell_whole_tokens() {
    // Not a bug, MODEL.md's own arithmetic: floor(g·k/D) vests the extra token early, a window sells
    // it at a lower price than the later token it displaces. Supply 100, revenue 100 a month,
    // 1× trailing revenue: P_t = t. Duration 5, monthly, H = 3, windows every month from 2 selling 100 %.
    // g = 2: vested 0, 0, 1 → the window at 3 sells 1 token at 3: worth 3.
    // g = 3: vested 0, 1, 1 → the window at 2 sells 1 token at 2: worth 2.
    let with_tokens = |tokens| {
        let mut o = offer();
        o.horizon_months = 3;
        o.grant.tokens = tokens;
        o.grant.supply = 100;
        o.grant.vesting = linear(0, 5, 1);
        o.payouts.buyback = Some(buyback("1", 2, 1, "100"));
        o.scenarios = vec![scenario("Only", "100", &["1200"], &[])];
        cents(exact(&o).expected.token_pv)
    };
    assert_eq!((with_tokens(2), with_tokens(3)), ("3.00".to_string(), "2.00".to_string()));
}

#[test]
fn expected_token_pv_is_conditional_even_for_a_scenario_of_probability_zero() {
    // MODEL.md 6: "expected_token_pv is conditional on that scenario (weighted over leaving months
    // only, not multiplied by its probability)". A scenario of probability 0 (allowed: percentages
    // are in [0, 100]) hitting a milestone of 1 a token at month 1, nobody leaving: its only path pays
    // 1,000 tokens · 1 = 1,000, so its conditional expected value is 1,000.
    let mut o = offer();
    o.payouts.milestones = vec![milestone("M", "1", 1)];
    o.scenarios = vec![scenario("Main", "100", &[], &[]), scenario("Unlikely", "0", &[], &["M"])];
    let report = exact(&o);
    assert_eq!(cents(report.scenarios[1].stay.token_pv), "1000.00");
    assert_eq!(cents(report.scenarios[1].expected_token_pv), "1000.00");
}

#[test]
fn a_price_on_zero_trailing_revenue_is_exactly_zero() {
    // Revenue 2,000,000,000 in year 1, then 0; a terminal value at 1× trailing revenue, no windows,
    // no discount or tax. MODEL.md 2.5: TTM_24 = Σ R_s over s = 13..24 = 0, so P_24 = 0, the terminal
    // value is 0, the path's only token flow is exactly zero and the path is worth nothing (6, "Zero"):
    // prob_zero = 1. The engine keeps TTM as a running sum (add R_t, subtract R_(t−12)) of twelfths
    // rounded to 28 digits (166,666,666.666…67); after adding and removing twelve of them the sum is
    // 5e-22, not 0, so the terminal value is 0.0000000000000000000005, the path "pays" and
    // prob_zero comes out 0 while token_pv prints 0.00.
    let mut o = offer();
    o.horizon_months = 24;
    o.payouts.buyback = Some(terminal_only("1", "0"));
    o.scenarios = vec![scenario("Only", "100", &["2000000000", "0"], &[])];
    let report = exact(&o);
    assert_eq!(report.scenarios[0].stay.years[1].terminal, Decimal::ZERO);
    assert_eq!(report.expected.token_pv, 0.0);
    assert_eq!(report.prob_zero, 1.0);
    // The same rounding can go the other way and sell tokens at a negative price: revenue of
    // 544,014,575.78 and 385,910,953.86 in years 3 and 4, then nothing; a window at month 97 sells at
    // floor(6 · 18.39 %) = 1 token at P_97 = 36.11 · 0 / 6 = 0, but the engine pays −6.0e-20 for it.
    let mut o = offer();
    o.horizon_months = 97;
    o.grant.tokens = 6;
    o.grant.supply = 6;
    o.payouts.buyback = Some(buyback("36.11", 97, 19, "18.39"));
    o.scenarios =
        vec![scenario("Only", "100", &["0", "0", "544014575.78", "385910953.86", "0"], &[])];
    let report = exact(&o);
    assert!(
        !report.scenarios[0].stay.years[8].buyback.is_sign_negative(),
        "{:?}",
        report.scenarios[0].stay.years[8]
    );
    assert_eq!(report.prob_zero, 1.0);
}

#[test]
fn a_scenario_of_probability_zero_does_not_move_the_certainty_equivalent() {
    // 10^12 tokens (all of the supply), two milestones of 1,000 a token at month 1 in "Pays" (100 %):
    // X = 2·10^15 for sure. "Nothing" (0 %) pays nothing. Wealth 0.01, γ = 20. MODEL.md 3: CE =
    // (Σ w·(W + X)^(1−γ))^(1/(1−γ)) − W; the 0 % path has w = 0, so CE = (W + X) − W = X = 2·10^15,
    // as the engine finds without the 0 % scenario. With it the engine takes the log-sum-exp's peak
    // from the weightless path (ln 1 = 0), exp(−19 · ln(1 + 2·10^17)) underflows to 0, and CE and the
    // salary equivalent come out +inf (printed "NaN" in the report).
    let mut o = offer();
    o.grant.tokens = 1_000_000_000_000;
    o.grant.supply = 1_000_000_000_000;
    o.payouts.milestones = vec![milestone("A", "1000", 1), milestone("B", "1000", 1)];
    o.scenarios =
        vec![scenario("Pays", "100", &[], &["A", "B"]), scenario("Nothing", "0", &[], &[])];
    o.personal.wealth = d("0.01");
    o.personal.risk_aversion = d("20");
    let report = exact(&o);
    assert_eq!(report.expected.token_pv, 2e15);
    assert_near("certainty_equivalent", report.certainty_equivalent, 2e15, 0.0, 1e-9);
    assert!(report.salary_equivalent_annual_pretax.is_finite());
    // The milder form, found by tests/properties.rs: the real scenario never pays (no revenue), a 0 %
    // scenario would (revenue 80,235,935.11 a year, windows every month from 10 selling 16.67 % of 6
    // tokens at 10.33× trailing revenue / 8). Every path of weight is worth 0, so CE = 0 exactly; the
    // engine gives about 1e-9 from rounding around the weightless paths' peak.
    let mut o = offer();
    o.horizon_months = 42;
    o.grant.tokens = 6;
    o.grant.supply = 8;
    o.payouts.buyback = Some(buyback("10.33", 10, 1, "16.67"));
    o.leaving.annual_departure_pct = d("33.73");
    o.scenarios = vec![
        scenario("Never pays", "100", &[], &[]),
        scenario("Would pay", "0", &["80235935.11"], &[]),
    ];
    o.personal.discount_rate_pct = d("24.85");
    o.personal.wealth = d("1816629.35");
    o.personal.risk_aversion = d("0.2");
    let report = exact(&o);
    assert_eq!(report.expected.token_pv, 0.0);
    assert_eq!(report.certainty_equivalent, 0.0);
}

/// The page's keystroke path values without the sensitivity table and adds it later: the figures
/// must be the very ones `value_exact` gives, and the table the one `sensitivity` gives.
#[test]
fn the_figures_without_the_table_are_the_exact_figures() {
    for name in ["acme-copilot", "research-lab", "salary-only"] {
        let offer = common::example(name);
        let full = value_exact(&offer).unwrap();
        let figures = tokenworth::engine::value_exact_figures(&offer).unwrap();
        assert!(figures.sensitivity.is_empty(), "{name}");
        assert!(!full.sensitivity.is_empty() || name == "salary-only", "{name} has a table");
        assert_eq!(tokenworth::engine::sensitivity(&offer).unwrap(), full.sensitivity, "{name}");
        assert_eq!(Report { sensitivity: full.sensitivity.clone(), ..figures }, full, "{name}");
    }
}
