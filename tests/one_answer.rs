//! One answer to "should I take it?" (issue 24): every sentence that sets money figures side by
//! side adds up to the rounding it shows, none calls the deal better than salary only where its
//! risk-adjusted net value is negative (or the reverse); the turning points and the breakeven after
//! risk sit on their boundaries; version 4's first two rules worked by hand.

mod common;

use common::{d, example, linear, milestone, offer, scenario, EXAMPLES};
use rust_decimal::Decimal;
use tokenworth::engine::turning_points::{risk_adjusted_at, risk_inputs, risk_row, RowSearch};
use tokenworth::engine::{value, value_exact, Input, Report};
use tokenworth::offer::{SalaryAfterCancellation, WealthCounts};
use tokenworth::report::verdict::verdict;
use tokenworth::report::{summary_sentence, to_text};
use tokenworth::Offer;

/// The example offers, the shared ones and the real plans the app ships.
fn every_example() -> Vec<Offer> {
    let real = [
        "openai-ppu",
        "expiring-rsus",
        "profits-interest",
        "contributor-grant",
        "huang-compute-budget",
        "startup-compute-swap",
    ];
    EXAMPLES.iter().chain(&real).map(|name| example(name)).collect()
}

/// A money figure as a sentence says it ("$85,300", "−€2,940"), and the half of its last unit:
/// how far the figure said may be from the figure.
#[derive(Debug, Clone, Copy)]
struct Said {
    amount: f64,
    half_unit: f64,
}

/// The money figures of a sentence, in order.
fn money_in(sentence: &str) -> Vec<Said> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !matches!(chars[i], '$' | '€' | '£') {
            i += 1;
            continue;
        }
        let negative = i > 0 && matches!(chars[i - 1], '−' | '-');
        let mut j = i + 1;
        let mut digits = String::new();
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || (matches!(chars[j], ',' | '.')
                    && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
        {
            if chars[j] != ',' {
                digits.push(chars[j]);
            }
            j += 1;
        }
        let value: f64 = digits.parse().unwrap_or_else(|_| panic!("{sentence}: {digits}"));
        let half_unit = if digits.contains('.') {
            0.005
        } else {
            // Three significant figures from 1,000 up, whole units below.
            let whole_digits = i32::try_from(digits.len()).unwrap();
            0.5 * 10f64.powi((whole_digits - 3).max(0))
        };
        found.push(Said { amount: if negative { -value } else { value }, half_unit });
        i = j;
    }
    found
}

/// `a − b = c` within the rounding of the three figures said.
fn subtracts(a: Said, b: Said, c: Said, what: &str, sentence: &str) {
    let slack = a.half_unit + b.half_unit + c.half_unit + 1e-9;
    assert!(
        (a.amount - b.amount - c.amount).abs() <= slack,
        "{what}: {} − {} is not {} in\n{sentence}",
        a.amount,
        b.amount,
        c.amount
    );
}

/// The amount of "{figure} better off" / "{figure} worse off" / "no better or worse off" right
/// after `lead` in `sentence`, signed.
fn standing_after(sentence: &str, lead: &str) -> Said {
    let rest = &sentence
        [sentence.find(lead).unwrap_or_else(|| panic!("{lead:?} in {sentence}")) + lead.len()..];
    if rest.starts_with("no better or worse off") {
        return Said { amount: 0.0, half_unit: 0.005 };
    }
    let said = money_in(rest)[0];
    let better = rest.find(" better off").unwrap_or(usize::MAX);
    let worse = rest.find(" worse off").unwrap_or(usize::MAX);
    Said { amount: if worse < better { -said.amount } else { said.amount }, ..said }
}

fn checked_summary(report: &Report) {
    let summary = summary_sentence(report);
    let deal = &report.deal;
    let Some(at) = summary.find("Less the ").or_else(|| summary.find("You give up no salary"))
    else {
        // Tokens that pay nothing: the sentence says so, with the salary given up.
        assert!(report.expected.token_pv <= 0.0, "{summary}");
        return;
    };
    let tail = &summary[at..];
    let figures = money_in(tail);
    let on_average = standing_after(tail, "leaves you ");
    let answer = standing_after(tail, "after risk it leaves you ");
    // On average: the tokens (the range's first figure) and the budget, less the salary.
    let token = if report.expected.token_pv > 0.0 {
        money_in(&summary)[0]
    } else {
        Said { amount: 0.0, half_unit: 0.0 }
    };
    let (given_up, budget) = if summary.contains("Less the ") {
        let budget = report.compute_budget.as_ref().map(|_| figures[1]);
        (figures[0], budget)
    } else {
        (Said { amount: 0.0, half_unit: 0.0 }, report.compute_budget.as_ref().map(|_| figures[0]))
    };
    let budget = budget.unwrap_or(Said { amount: 0.0, half_unit: 0.0 });
    let with_budget = Said {
        amount: token.amount + budget.amount,
        half_unit: token.half_unit + budget.half_unit,
    };
    subtracts(with_budget, given_up, on_average, "on average", &summary);
    if let Some(cost) = tail.find("its risk costs you ").map(|i| money_in(&tail[i..])[0]) {
        subtracts(on_average, cost, answer, "after risk", &summary);
    }
    assert_eq!(answer.amount >= 0.0, deal.risk_adjusted_net >= -0.005, "{summary}");
}

fn checked_verdict(report: &Report) {
    let decision = report.decision.as_ref().unwrap();
    let paragraph = verdict(report, decision).paragraph;
    // "{average} on average, less {cost}, is {answer} after risk."
    if let Some(start) = paragraph.find(" on average, less ") {
        let from = paragraph[..start].rfind(". ").map_or(0, |i| i + 2);
        let sum = money_in(&paragraph[from..]);
        subtracts(sum[0], sum[1], sum[2], "average − cost of risk", &paragraph);
    }
    if let Some(at) = paragraph.find("On average ") {
        // "On average … worth {A} against the {S} of salary given up …: {E} better off on average."
        let tail = &paragraph[at..];
        let figures = money_in(tail);
        let net = standing_after(tail, "in today's money: ");
        subtracts(figures[0], figures[1], net, "worth − salary given up", &paragraph);
    }
    let fair = decision.risk_adjusted_net >= 0.0;
    let says_better = paragraph.contains("better off than salary only");
    let says_worse = paragraph.contains("worse off than salary only");
    assert!(!says_better || fair, "{paragraph}");
    assert!(!says_worse || !fair, "{paragraph}");
}

#[test]
fn every_sentence_that_compares_with_salary_only_adds_up_and_gives_the_verdict_s_answer() {
    for offer in every_example() {
        let report = value(&offer).unwrap();
        let decision = report.decision.as_ref().unwrap();
        // One measure: the headline's deal is the verdict's.
        assert_eq!(report.deal.risk_adjusted_net, decision.risk_adjusted_net, "{}", offer.name);
        assert_eq!(report.deal.expected_net, decision.expected_net, "{}", offer.name);
        checked_summary(&report);
        checked_verdict(&report);
        let fair = decision.risk_adjusted_net >= 0.0;
        let text = to_text(&offer, &report);
        assert!(text.contains(&summary_sentence(&report)), "{}", offer.name);
        for sentence in text.split(". ") {
            if sentence.contains("better off than salary only") {
                assert!(fair, "{}: {sentence}", offer.name);
            }
            if sentence.contains("worse off than salary only") {
                assert!(!fair, "{}: {sentence}", offer.name);
            }
        }
        // The figure lines: on average − the cost of risk = after risk, to the cent.
        let line = |label: &str| -> f64 {
            let row = text.lines().find(|l| l.trim_start().starts_with(label)).unwrap();
            let said = money_in(row);
            said[said.len() - 1].amount
        };
        let average = line("The deal against salary only, on average");
        let cost = line("The cost of its risk to you");
        let after = line("The deal against salary only, after risk");
        assert!(
            (average - cost - after).abs() <= 0.011,
            "{}: {average} {cost} {after}",
            offer.name
        );
    }
}

#[test]
fn the_tokens_own_certainty_equivalent_is_never_set_against_the_salary_given_up() {
    for offer in every_example() {
        let report = value(&offer).unwrap();
        let summary = summary_sentence(&report);
        assert!(!summary.contains("for sure"), "{summary}");
        let text = to_text(&offer, &report);
        assert!(text.contains("The tokens alone, as sure cash (certainty equivalent)"));
    }
}

#[test]
fn each_turning_point_sits_on_its_boundary() {
    let mut checked = 0;
    for offer in every_example() {
        let report = value(&offer).unwrap();
        let decision = report.decision.as_ref().unwrap();
        let found = decision.what_changes_it.as_ref().unwrap();
        let fair_now = decision.risk_adjusted_net >= 0.0;
        for row in &found.rows {
            let Some(t) = row.turning_point else { continue };
            assert_eq!(t.fair_beyond, !fair_now);
            let at = risk_adjusted_at(&offer, row.input, t.value).unwrap();
            assert_eq!(at >= 0.0, t.fair_beyond, "{} {:?} at {}", offer.name, row.input, t.value);
            // One step (0.01 of the input's unit) back towards today's value keeps the verdict.
            let step = Decimal::new(1, 2);
            let back = if t.above { t.value - step } else { t.value + step };
            let before = risk_adjusted_at(&offer, row.input, back).unwrap();
            assert_eq!(before >= 0.0, fair_now, "{} {:?} at {back}", offer.name, row.input);
            checked += 1;
        }
        if let Some(s) = found.risk_breakeven_revenue_scale.filter(|s| *s > 0.0) {
            let scale = Decimal::try_from(s).unwrap().round_dp(2);
            assert!(risk_adjusted_at(&offer, Input::Revenue, scale).unwrap() >= 0.0);
            let short = risk_adjusted_at(&offer, Input::Revenue, scale - Decimal::new(1, 2));
            assert!(short.unwrap() < 0.0, "{}: {s}", offer.name);
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} boundaries checked");
}

#[test]
fn acme_s_answer_turns_with_savings_below_a_figure_solved_to_the_cent() {
    let offer = example("acme-copilot");
    let report = value(&offer).unwrap();
    let found = report.decision.as_ref().unwrap().what_changes_it.clone().unwrap();
    let savings = found.rows.iter().find(|r| r.input == Input::Wealth).unwrap();
    let t = savings.turning_point.unwrap();
    // Fair at $150,000 of savings; no longer with $118,122.95 or less.
    assert_eq!((t.value, t.above, t.fair_beyond), (d("118122.95"), false, false));
    assert!(risk_adjusted_at(&offer, Input::Wealth, d("118122.96")).unwrap() >= 0.0);
    assert!(risk_adjusted_at(&offer, Input::Wealth, d("118122.95")).unwrap() < 0.0);
    // The rows at 0.8× and 1.2× of the savings, by the same function.
    assert_eq!(savings.low, risk_adjusted_at(&offer, Input::Wealth, d("120000")).unwrap());
    assert_eq!(savings.high, risk_adjusted_at(&offer, Input::Wealth, d("180000")).unwrap());
}

/// The page finds each row in slices of short tasks (issue 29): a step values the offer once, so
/// that a row of a few dozen valuations can be spread, and the row is the one found at once.
#[test]
fn a_row_is_found_a_valuation_at_a_time() {
    let offer = example("acme-copilot");
    let net = value(&offer).unwrap().decision.unwrap().risk_adjusted_net;
    let (input, now) = risk_inputs(&offer).into_iter().find(|(i, _)| *i == Input::Wealth).unwrap();
    assert_eq!(now, d("150000"));
    let mut search = RowSearch::new(input, now, net);
    let mut steps = 0;
    let row = loop {
        steps += 1;
        if let Some(row) = search.step(&offer).unwrap() {
            break row;
        }
    };
    assert_eq!(row, risk_row(&offer, input, now, net).unwrap());
    // 0.8x and 1.2x, the range's top (no turn) and bottom (a turn), then a halving of the 15,000,000
    // cents between the bottom and now per step (2^23 < 15,000,000 < 2^24), and the row.
    assert!((27..=29).contains(&steps), "{steps} steps");
}

/// Two scenarios, half and half: one whose project is shut at the end of month 6, one that runs.
/// 24 months, 12,000 a year given up (1,000 a month), no tax, no discounting, nobody leaves.
fn shut_at_six(rule: SalaryAfterCancellation) -> Offer {
    let mut o = offer();
    o.horizon_months = 24;
    o.salary.sacrificed_annual = d("12000");
    o.leaving.salary_after_cancellation = rule;
    o.scenarios = vec![scenario("Shut", "50", &[], &[]), scenario("Runs", "50", &[], &[])];
    o.scenarios[0].cancelled_month = Some(6);
    o
}

#[test]
fn the_salary_cut_ends_with_the_project_by_hand() {
    // MODEL.md 8.1. "Restored": the shut scenario gives up months 1..6 = 6,000, the other 24,000;
    // expected 0.5 × 6,000 + 0.5 × 24,000 = 15,000. "Continues": 24,000 in both.
    let restored = value_exact(&shut_at_six(SalaryAfterCancellation::Restored)).unwrap();
    assert_eq!(restored.expected.sacrifice_pv, 15_000.0);
    assert_eq!(restored.scenarios[0].stay.sacrifice_pv, 6_000.0);
    let shut_years: Vec<Decimal> =
        restored.scenarios[0].stay.years.iter().map(|y| y.sacrifice).collect();
    assert_eq!(shut_years, [d("6000"), d("0")], "year 1: months 1 to 6; year 2: nothing");
    assert_eq!(restored.scenarios[1].stay.sacrifice_pv, 24_000.0);
    let continues = value_exact(&shut_at_six(SalaryAfterCancellation::Continues)).unwrap();
    assert_eq!(continues.expected.sacrifice_pv, 24_000.0);
    // Risk-neutral, the deal is minus the salary given up.
    assert_eq!(restored.deal.risk_adjusted_net, -15_000.0);
}

/// One certain-or-nothing milestone: 1,000 tokens, all vested in month 1, paying 10 a token in
/// month 12 in "Pays" (half the time) and nothing in "Nothing"; 12 months, no tax, no discounting,
/// nothing given up; a base salary of 120,000 a year; 30,000 of savings; log utility (γ = 1).
fn milestone_or_nothing(counts: WealthCounts) -> Offer {
    let mut o = offer();
    o.grant.vesting = linear(0, 1, 1);
    o.salary.base_annual = d("120000");
    o.payouts.milestones = vec![milestone("Launch", "10", 12)];
    o.scenarios =
        vec![scenario("Pays", "50", &[], &["Launch"]), scenario("Nothing", "50", &[], &[])];
    o.personal.wealth = d("30000");
    o.personal.risk_aversion = d("1");
    o.personal.wealth_counts = counts;
    o
}

#[test]
fn the_risk_is_weighed_against_savings_and_pay_by_hand() {
    // MODEL.md 8.4. The tokens pay 10,000 or nothing, half and half.
    // "savings": W = 30,000; CE = √(40,000 × 30,000) − 30,000 = 34,641.02 − 30,000 = 4,641.02.
    // "savings_and_pay": W = 30,000 + 120,000 (salary_pv: 12 × 10,000, no tax, no discounting)
    // = 150,000; CE = √(160,000 × 150,000) − 150,000 = 154,919.33 − 150,000 = 4,919.33.
    let savings = value(&milestone_or_nothing(WealthCounts::Savings)).unwrap();
    let with_pay = value(&milestone_or_nothing(WealthCounts::SavingsAndPay)).unwrap();
    assert_eq!(with_pay.expected.salary_pv, 120_000.0);
    common::assert_near("savings", savings.certainty_equivalent, 4_641.016_151_377_5, 1e-6, 0.0);
    common::assert_near("with pay", with_pay.certainty_equivalent, 4_919.333_848_296_7, 1e-6, 0.0);
    // The deal gives nothing up: its risk-adjusted net value is the same certainty equivalent,
    // and its cost of risk the rest of the 5,000 on average.
    assert_eq!(with_pay.deal.wealth, 150_000.0);
    common::assert_near("deal", with_pay.deal.risk_adjusted_net, 4_919.333_848_296_7, 1e-6, 0.0);
    common::assert_near("cost of risk", with_pay.deal.cost_of_risk, 80.666_151_703_3, 1e-6, 0.0);
    // Nothing else changes.
    assert_eq!(savings.expected, with_pay.expected);
}
