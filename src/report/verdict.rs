//! The verdict in plain words: what the deal is worth to this person after risk against what it
//! costs, the risk they carry, the asks that would make it fair, the questions still open, and
//! which guesses the answer hangs on. The page and `tokenworth value --text` print the same words.
//!
//! The figures in these sentences are estimates and are said as such (`format::money_spoken`:
//! `$85,300`), except in the asks: an ask is a term to put in writing, on the boundary where the
//! offer becomes fair, so it keeps its cents (rounded, it could fall short). The page can say the
//! same words to the cent ([`verdict_at`] with `Precision::Exact`).

use rust_decimal::Decimal;
use serde_json::Value;

use crate::engine::{
    Decision, Input, MixAnalysis, QuitRuleFigures, Report, RiskRow, Solved, TurningPoint,
};
use crate::offer::{Offer, SalaryAfterCancellation, WealthCounts};
use crate::report::better_or_worse;
use crate::report::checklist::question;
use crate::report::format::{group_digits, money_decimal, percent, Amounts, Precision};

/// The verdict, sentence by sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The verdict in one line: the paragraph's first sentence (the compact embed shows it).
    pub line: String,
    /// The paragraph: worth after risk against cost, and the risk carried.
    pub paragraph: String,
    /// True when the deal is worth at least salary only, after risk, at the person's assumptions.
    pub fair: bool,
    /// One per ask, each enough on its own; empty when the offer is already fair.
    pub asks: Vec<Ask>,
    /// The checklist questions not yet answered "yes".
    pub open_questions: Vec<&'static str>,
    /// Which guesses move the answer most, from the sensitivity figures.
    pub caveat: Option<String>,
    /// The best amount of salary to trade, when the plan lets the person choose.
    pub best_mix: Option<String>,
    /// The compute budget's list value beside its worth to the person, for an offer with one.
    pub compute_budget: Option<String>,
    /// The budget's worth beside the salary given up, where salary is given up.
    pub compute_trade: Option<String>,
}

/// One ask: the sentence, and the change to the offer that tries it, where there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    pub text: String,
    /// The field to set (a path in the offer file) and its new value.
    pub edit: Option<(&'static str, Value)>,
}

impl Ask {
    fn words(text: impl Into<String>) -> Ask {
        Ask { text: text.into(), edit: None }
    }

    fn with_edit(text: String, path: &'static str, value: Value) -> Ask {
        Ask { text, edit: Some((path, value)) }
    }
}

/// Words for a report and its decision, their figures said as estimates: what the page shows
/// and `--text` prints.
#[must_use]
pub fn verdict(report: &Report, decision: &Decision) -> Verdict {
    verdict_at(report, decision, Precision::Spoken)
}

/// [`verdict`] with its figures said at `precision` (the page's "Exact figures").
#[must_use]
pub fn verdict_at(report: &Report, decision: &Decision, precision: Precision) -> Verdict {
    let c = report.currency.as_str();
    let m = Amounts { currency: c, precision };
    let fair = decision.risk_adjusted_net >= 0.0;
    Verdict {
        line: verdict_line(report, decision, m),
        paragraph: paragraph(report, decision, m),
        fair,
        asks: decision
            .asks
            .as_ref()
            .map(|asks| ask_sentences(asks, decision, c))
            .unwrap_or_default(),
        open_questions: decision.open_questions.iter().filter_map(|key| question(key)).collect(),
        caveat: caveat(report, decision, m),
        best_mix: decision.mix.as_ref().map(|mix| best_mix_sentence(mix, m)),
        compute_budget: compute_budget_words(report, precision),
        compute_trade: compute_trade_words(report, precision),
    }
}

/// The verdict in one line, the paragraph's first sentence: what the deal leaves the person after
/// risk. The salary given up is for the tokens (`salary.sacrificed_annual`); a compute budget is
/// counted beside them, never said to be bought with it (issue 28).
fn verdict_line(report: &Report, d: &Decision, m: Amounts) -> String {
    let e = &report.expected;
    let budget = report.compute_budget.is_some();
    if e.sacrifice_pv <= 0.0 {
        let what = if budget { "these tokens and the compute budget" } else { "these tokens" };
        format!(
            "You give up no salary for {what}, so they can only add to your pay: after risk they are worth {} to you (on average {}), after tax in today's money.",
            m.of(d.risk_adjusted_net),
            m.of(d.expected_net + e.sacrifice_pv),
        )
    } else {
        let counted = if budget { ", with the compute budget counted beside them," } else { "" };
        format!(
            "Counting its risk, giving up {} a year of salary for these tokens{counted} leaves you {} than salary only.",
            m.of_decimal(d.offered.sacrificed_annual),
            better_or_worse(d.risk_adjusted_net, m),
        )
    }
}

/// The verdict's paragraph. Its figures add up as the page shows them: on average, less the cost
/// of the risk, is the answer after risk (the deal's figures, [`crate::engine::Deal`]).
fn paragraph(report: &Report, d: &Decision, m: Amounts) -> String {
    let e = &report.expected;
    let budget = report.compute_budget.as_ref().map(|b| b.value_pv);
    let worth = if budget.is_some() { "the tokens and the budget are" } else { "the tokens are" };
    let on_average = d.expected_net + e.sacrifice_pv;
    let mut text = if e.sacrifice_pv <= 0.0 {
        verdict_line(report, d, m)
    } else {
        format!(
            "{} On average {worth} worth {} against the {} of salary given up, all after tax in today's money: {} on average. The chance that {worth} worth less than the salary you give up is {}.",
            verdict_line(report, d, m),
            m.of(on_average),
            m.of(e.sacrifice_pv),
            better_or_worse(d.expected_net, m),
            percent(d.prob_worse_than_salary_only),
        )
    };
    if let Some(counted) = counted_sentence(report, m) {
        text.push(' ');
        text.push_str(&counted);
    }
    text.push(' ');
    if report.deal.ruin {
        text.push_str(&format!(
            "The cost of the risk to you is {}: on some outcomes the deal costs you more than everything counted as yours ({}), and an outcome that takes all you have weighs as losing all of it. {} on average, less {}, is {} after risk.",
            m.of(d.risk_carried),
            m.of(report.deal.wealth),
            signed(d.expected_net, m),
            m.of(d.risk_carried),
            signed(d.risk_adjusted_net, m),
        ));
    } else if d.risk_carried >= 0.005 {
        text.push_str(&format!(
            "The cost of the risk to you is {}: the project's risk, which you carry for the company. {} on average, less {}, is {} after risk.",
            m.of(d.risk_carried),
            signed(d.expected_net, m),
            m.of(d.risk_carried),
            signed(d.risk_adjusted_net, m),
        ));
    } else if d.risk_neutral {
        text.push_str("At a risk aversion of 0 you value the deal at its average, so no cost of risk is counted.");
    } else {
        text.push_str("Its outcome does not vary, so it carries no risk for you.");
    }
    text
}

/// What the figures count besides the salary and the tokens' cash (MODEL.md 8.2, 8.3), so that the
/// answer does not hide them: the tax due as the tokens vest, and the person's rule for leaving.
fn counted_sentence(report: &Report, m: Amounts) -> Option<String> {
    let tax = report.expected.tax_at_vest_pv;
    let mut counted = Vec::new();
    if tax >= 0.005 {
        counted.push(format!(
            "take off the {} of income tax due on the tokens as they vest (before any can be sold)",
            m.of(tax)
        ));
    }
    if let Some(minimum) = report.quit_rule.as_ref().and_then(QuitRuleFigures::leaves_under) {
        counted.push(format!(
            "count your rule to leave if the project earns under {} a year",
            m.of_decimal(minimum)
        ));
    }
    (!counted.is_empty()).then(|| format!("These figures {}.", counted.join(" and ")))
}

/// An amount with its sign, as in a sum: `$22,400`, `−$39,400`.
fn signed(amount: f64, m: Amounts) -> String {
    if amount < 0.0 && amount.abs() >= 0.005 {
        format!("−{}", m.of(-amount))
    } else {
        m.of(amount.max(0.0))
    }
}

fn ask_sentences(asks: &crate::engine::Asks, d: &Decision, c: &str) -> Vec<Ask> {
    let offered = &d.offered;
    let money_text = |amount: Decimal| Value::String(amount.normalize().to_string());
    vec![
        match asks.extra_tokens {
            Solved::At(n) => {
                let total = offered.tokens.saturating_add(n);
                Ask::with_edit(
                    format!(
                        "{} more tokens ({} in all instead of {}).",
                        group_digits(&n.to_string()),
                        group_digits(&total.to_string()),
                        group_digits(&offered.tokens.to_string()),
                    ),
                    "grant.tokens",
                    Value::from(total),
                )
            }
            _ => Ask::words("No number of extra tokens alone makes it fair: on the paths that lose, more tokens pay no more."),
        },
        match asks.sacrificed_annual {
            Solved::At(s) => Ask::with_edit(
                format!("Give up {} a year instead of {}, for the same tokens.", money_decimal(s, c), money_decimal(offered.sacrificed_annual, c)),
                "salary.sacrificed_annual",
                money_text(s),
            ),
            _ => Ask::words("A smaller salary cut alone does not make it fair."),
        },
        match asks.buyback_floor_price {
            Solved::At(f) => Ask::with_edit(
                format!(
                    "A buyback floor of {} a token{}: the company never buys back or values a token below it while the project runs.",
                    money_decimal(f, c),
                    offered.floor_price.map(|now| format!(" instead of {}", money_decimal(now, c))).unwrap_or_default(),
                ),
                "payouts.buyback.floor_price",
                money_text(f),
            ),
            Solved::Unreachable => Ask::words("No buyback floor alone makes it fair: the paths that lose end before a buyback could pay."),
            Solved::NotInPlan => Ask::words("The plan buys no tokens back, so there is no floor price to ask for; a buyback with a floor would be a new term."),
        },
        match asks.pool_pct {
            Solved::At(p) => Ask::with_edit(
                format!("A revenue-share pool of {} of revenue instead of {}.", pct_text(p), offered.pool_pct.map(pct_text).unwrap_or_default()),
                "payouts.revenue_share.pool_pct",
                Value::String(p.normalize().to_string()),
            ),
            Solved::Unreachable => Ask::words("No revenue-share pool alone makes it fair, not even all of the revenue."),
            Solved::NotInPlan => Ask::words("The plan shares no revenue, so there is no pool share to ask for."),
        },
    ]
}

/// For an offer under the older rules: what version 4's two rules (MODEL.md 8.1, 8.4) would make
/// of the deal after risk, naming only the rules that change, or `None` when they change nothing
/// (to the cent) or the offer already follows them.
#[must_use]
pub fn new_rules_sentence(offer: &Offer, report: &Report, precision: Precision) -> Option<String> {
    let newer = offer.under_version_4_rules()?;
    let then = crate::engine::value_exact_figures(&newer).ok()?.deal.risk_adjusted_net;
    let now = report.deal.risk_adjusted_net;
    if (then - now).abs() < 0.005 {
        return None;
    }
    let mut changes = Vec::new();
    let shut = offer.scenarios.iter().any(|s| s.cancelled_month.is_some());
    if offer.leaving.salary_after_cancellation == SalaryAfterCancellation::Continues && shut {
        changes.push("with your salary cut ending when the project is shut");
    }
    if offer.personal.wealth_counts == WealthCounts::Savings {
        changes.push("counting your pay over these years beside your savings");
    }
    let m = Amounts { currency: &report.currency, precision };
    Some(format!(
        "This offer follows the older rules. {}, the deal would be worth {} to you after risk, not {}.",
        capitalise(&changes.join(" and ")),
        signed(then, m),
        signed(now, m),
    ))
}

/// `text` with its first letter in capitals.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A percentage as typed: `12.5` → `12.5%`.
fn pct_text(p: Decimal) -> String {
    crate::report::format::percent_number(&p.normalize().to_string())
}

/// What would change the answer: the inputs that can turn the verdict, each at its turning point,
/// or else the two that move the risk-adjusted net value most (MODEL.md's risk-neutral table is
/// the report's `sensitivity`; this one is the verdict's measure).
fn caveat(report: &Report, d: &Decision, m: Amounts) -> Option<String> {
    let rows = &d.what_changes_it.as_ref()?.rows;
    let turns: Vec<String> = rows
        .iter()
        .filter_map(|row| row.turning_point.map(|t| turning_point_words(row, t, &report.currency)))
        .take(3)
        .collect();
    if !turns.is_empty() {
        let then = if d.risk_adjusted_net >= 0.0 {
            "the deal would no longer be fair to you"
        } else {
            "the deal would be fair to you"
        };
        let mut text = format!(
            "What would change the answer, each on its own with all else as it is: {}. With any of these, {then}. They rest on your guesses: check them first.",
            join_or(&turns)
        );
        if taxed_success_turns(report, d) {
            text.push_str(" More success turns it because the tax due as the tokens vest grows with their value before any can be sold: on the outcomes that never pay, it could cost more than you have.");
        }
        return Some(text);
    }
    let rows: Vec<String> = rows
        .iter()
        .take(2)
        .filter(|row| row.swing >= 0.005)
        .map(|row| {
            format!(
                "{} ({} to {} after risk at 0.8× to 1.2× of your figure)",
                risk_input_name(row).to_lowercase(),
                m.of(row.low),
                m.of(row.high),
            )
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    Some(format!(
        "These figures rest on your guesses; no single one of them turns the answer within its range. The deal after risk depends most on {}.",
        rows.join(" and on ")
    ))
}

/// Whether one of the first turning points is more of what makes the tokens worth more (revenue,
/// its multiple, tender prices, the pool) turning a fair deal unfair: under tax at vest the tax on
/// value not yet cash can outrun the person's means, which the caveat must explain.
fn taxed_success_turns(report: &Report, d: &Decision) -> bool {
    let Some(found) = &d.what_changes_it else { return false };
    report.expected.tax_at_vest_pv > 0.0
        && d.risk_adjusted_net >= 0.0
        && found.rows.iter().filter(|r| r.turning_point.is_some()).take(3).any(|row| {
            row.turning_point.is_some_and(|t| t.above)
                && matches!(
                    row.input,
                    Input::Revenue | Input::RevenueMultiple | Input::TokenPrice | Input::PoolPct
                )
        })
}

/// `a, b or c`.
fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// An input of the verdict's sensitivity in words: "Savings", "Chance of Flop".
#[must_use]
pub fn risk_input_name(row: &RiskRow) -> String {
    match row.input {
        Input::Revenue => "Revenue".into(),
        Input::PoolPct => "Pool share".into(),
        Input::RevenueMultiple => "Revenue multiple".into(),
        Input::TokenPrice => "Tender price".into(),
        Input::DilutionPct => "Dilution".into(),
        Input::DeparturePct => "Departure rate".into(),
        Input::DiscountRatePct => "Discount rate".into(),
        Input::IncomeTaxPct => "Income tax".into(),
        Input::RedemptionTaxPct => "Tax on sales".into(),
        Input::Wealth => "Savings".into(),
        Input::RiskAversion => "Risk aversion".into(),
        Input::Probability(_) => {
            format!("Chance of {}", row.scenario.as_deref().unwrap_or("a scenario"))
        }
    }
}

/// Where one input turns the verdict: "savings of $142,000.00 or more" (the verdict there is
/// `t.fair_beyond`). The value keeps its last unit, as an ask does: it is the boundary itself.
#[must_use]
pub fn turning_point_words(row: &RiskRow, t: TurningPoint, currency: &str) -> String {
    let v = t.value;
    let value = match row.input {
        Input::Wealth => format!("savings of {}", money_decimal(v, currency)),
        Input::RiskAversion => format!("a risk aversion of {v}"),
        Input::Revenue => format!("revenue at {v}× your plan"),
        Input::RevenueMultiple => format!("a revenue multiple of {v}"),
        Input::TokenPrice => format!("tender prices at {v}× yours"),
        Input::Probability(_) => {
            format!("a {v}% chance of {}", row.scenario.as_deref().unwrap_or("that scenario"))
        }
        _ => format!("{} of {v}%", article_name(row)),
    };
    let direction = if t.above { "or more" } else { "or less" };
    format!("{value} {direction}")
}

/// "a departure rate", "an income tax".
fn article_name(row: &RiskRow) -> String {
    let name = risk_input_name(row).to_lowercase();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {name}")
}

/// A compute budget in plain words (MODEL.md 7.6): its list value beside what it is worth to the
/// person, and what that makes it. `first_year_list` and `first_year_worth` are the first year's
/// budget at list price and its worth to the person (nominal, after tax); `realized_pct` is
/// `100 · value_pv / list_pv` over the whole stay (none when the list value is 0). Under 10 % the
/// research's flag applies: a tool for the job, not pay.
#[must_use]
pub fn compute_budget_sentence(
    first_year_list: Decimal,
    first_year_worth: Decimal,
    realized_pct: Option<f64>,
    m: Amounts,
) -> String {
    let list = format!("{} a year of compute at list price", m.of_decimal(first_year_list));
    let Some(realized) = realized_pct else {
        return format!("{list}: nothing to value.");
    };
    if first_year_worth.is_sign_negative() && !first_year_worth.is_zero() {
        return format!(
            "{list}; it costs you about {} a year: the tax on what is reported as pay is more than it is worth to you.",
            m.of_decimal(-first_year_worth)
        );
    }
    let what = if realized < 10.0 {
        "a tool for the job, not pay"
    } else if realized < 50.0 {
        "only partly pay"
    } else {
        "most of it as good as pay"
    };
    format!(
        "{list}; worth about {} a year to you, {}: {what}.",
        m.of_decimal(first_year_worth),
        share_text(realized)
    )
}

/// [`compute_budget_sentence`] for a report with a compute budget: the page and `--text` alike.
#[must_use]
pub fn compute_budget_words(report: &Report, precision: Precision) -> Option<String> {
    let b = report.compute_budget.as_ref()?;
    let m = Amounts { currency: &report.currency, precision };
    Some(compute_budget_sentence(b.first_year_list, b.first_year_worth, b.realized_pct, m))
}

/// [`compute_trade_sentence`] for a report with a compute budget; tokens that can pay nothing
/// (every outcome zero) count as none.
#[must_use]
pub fn compute_trade_words(report: &Report, precision: Precision) -> Option<String> {
    let b = report.compute_budget.as_ref()?;
    let with_tokens = report.prob_zero < 1.0;
    let m = Amounts { currency: &report.currency, precision };
    compute_trade_sentence(report.expected.sacrifice_pv, b.value_pv, with_tokens, m)
}

/// A share in percent for a sentence: one decimal, or two below 0.1 % (`0.14%`, never `0.0%`).
fn share_text(pct: f64) -> String {
    if pct.abs() < 0.1 && pct != 0.0 {
        format!("{pct:.2}%")
    } else {
        format!("{pct:.1}%")
    }
}

/// Where salary is given up and the offer has a compute budget: the budget's worth beside the
/// salary given up, all after tax in today's money. The salary is given up for the tokens
/// (`salary.sacrificed_annual`); the budget comes with the job, so it is never said to be bought
/// with that salary (issue 28): it is counted beside the tokens, as the decision counts it.
#[must_use]
pub fn compute_trade_sentence(
    sacrifice_pv: f64,
    value_pv: f64,
    with_tokens: bool,
    m: Amounts,
) -> Option<String> {
    if sacrifice_pv <= 0.0 {
        return None;
    }
    let rest = sacrifice_pv - value_pv;
    Some(if !with_tokens {
        if rest > 0.0 {
            format!(
                "The tokens pay nothing on these figures, and the budget is worth {} to you: {} less than the {} of salary given up, after tax in today's money.",
                m.of(value_pv),
                m.of(rest),
                m.of(sacrifice_pv)
            )
        } else {
            format!(
                "The tokens pay nothing on these figures; the budget is worth {} to you, more than the {} of salary given up.",
                m.of(value_pv),
                m.of(sacrifice_pv)
            )
        }
    } else if rest <= 0.0 {
        format!(
            "Counted beside the tokens, the budget's worth to you ({}) is more than the {} of salary given up for them; whatever the tokens pay comes on top.",
            m.of(value_pv),
            m.of(sacrifice_pv)
        )
    } else if value_pv < 0.0 {
        // A budget taxed as pay beyond its worth adds to what the tokens must make up.
        format!(
            "The budget costs you {} (the tax on what is reported as pay is more than it is worth to you), so the tokens must make up {} in all: the {} of salary given up for them and that cost.",
            m.of(-value_pv),
            m.of(rest),
            m.of(sacrifice_pv)
        )
    } else {
        format!(
            "Counted beside the tokens, the budget is worth {} to you, so the tokens must make up the other {} of the {} of salary given up for them.",
            m.of(value_pv),
            m.of(rest),
            m.of(sacrifice_pv)
        )
    })
}

fn best_mix_sentence(mix: &MixAnalysis, m: Amounts) -> String {
    let best = &mix.best;
    let current = &mix.current;
    let choice = if best.sacrificed_annual.is_zero() {
        "trading no salary for tokens".to_string()
    } else {
        format!(
            "giving up {} a year for {} tokens",
            // The amount to choose, as "Choose this amount" sets it: not an estimate.
            money_decimal(best.sacrificed_annual, m.currency),
            group_digits(&best.tokens.to_string())
        )
    };
    let against = if best.sacrificed_annual == current.sacrificed_annual {
        "which is the choice in this offer".to_string()
    } else {
        format!("against {} for the choice in this offer", m.of(current.risk_adjusted_net))
    };
    format!(
        "At your wealth and risk aversion the best amount is {choice}: worth {} to you after risk ({against}), with a {} chance of ending up worse off than trading nothing.",
        m.of(best.risk_adjusted_net),
        percent(best.prob_worse_than_salary_only),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const USD: Amounts = Amounts { currency: "USD", precision: Precision::Spoken };
    const EUR: Amounts = Amounts { currency: "EUR", precision: Precision::Spoken };

    fn verdict_of(text: &str) -> Verdict {
        let offer = crate::parse_offer(text).unwrap();
        let report = crate::engine::value_exact(&offer).unwrap();
        verdict(&report, &crate::engine::decide(&offer).unwrap())
    }

    #[test]
    fn the_answer_says_it_counts_the_tax_at_vest_and_the_leaving_rule() {
        // examples/taxed-at-vest.json: expected.tax_at_vest_pv £34,378.17, said as £34,400; the
        // rule leaves under £1,000,000 a year of trailing revenue.
        let words = verdict_of(include_str!("../../examples/taxed-at-vest.json"));
        assert!(
            words.paragraph.contains("These figures take off the £34,400 of income tax due on the tokens as they vest (before any can be sold) and count your rule to leave if the project earns under £1,000,000 a year."),
            "{}",
            words.paragraph
        );
        // Its first turning point is revenue at 105.02× the plan or more: more success, less worth.
        let caveat = words.caveat.unwrap();
        assert!(caveat.contains("revenue at 105.02× your plan or more"), "{caveat}");
        assert!(caveat.ends_with("More success turns it because the tax due as the tokens vest grows with their value before any can be sold: on the outcomes that never pay, it could cost more than you have."));
        // An offer taxed when it pays, with no rule, says neither.
        let plain = verdict_of(include_str!("../../examples/acme-copilot.json"));
        assert!(!plain.paragraph.contains("These figures"), "{}", plain.paragraph);
        assert!(!plain.caveat.unwrap_or_default().contains("More success"));
    }

    #[test]
    fn ruin_is_said_as_ruin_not_as_the_projects_risk() {
        // The same offer with every scenario's revenue at 200×: on some of Fizzles's leaving
        // paths the tax at vest is more than W = £60,000 + £263,117.99 of salary (£678,601.86 owed
        // before cash on the stay path), so the value after risk is −W (MODEL.md 8.6) and the deal,
        // worth millions on average, is worse than salary only.
        let mut offer: serde_json::Value =
            serde_json::from_str(include_str!("../../examples/taxed-at-vest.json")).unwrap();
        for scenario in offer["scenarios"].as_array_mut().unwrap() {
            for year in scenario["annual_revenue"].as_array_mut().unwrap() {
                let r: Decimal = year.as_str().unwrap().parse().unwrap();
                *year = Value::String((r * Decimal::from(200)).to_string());
            }
        }
        let words = verdict_of(&offer.to_string());
        assert!(!words.fair);
        assert!(words.paragraph.contains("on some outcomes the deal costs you more than everything counted as yours (£323,000)"), "{}", words.paragraph);
        assert!(!words.paragraph.contains("which you carry for the company"));
    }

    #[test]
    fn a_compute_budget_in_plain_words() {
        // MODEL.md 7.6's example: 150,000 × 70 % used × 2 % personal × 10 % worth = 210 a year,
        // 0.14 % of the list value, said to one decimal.
        let d = |n: i64| Decimal::from(n);
        assert_eq!(
            compute_budget_sentence(d(150_000), d(210), Some(0.14), USD),
            "$150,000 a year of compute at list price; worth about $210 a year to you, 0.1%: a tool for the job, not pay."
        );
        assert_eq!(share_text(0.04), "0.04%", "a small share is not shown as 0.0%");
        assert!(compute_budget_sentence(d(10_000), d(3_000), Some(30.0), USD)
            .ends_with("30.0%: only partly pay."));
        assert!(compute_budget_sentence(d(10_000), d(8_000), Some(80.0), EUR)
            .contains("€8,000 a year to you, 80.0%: most"));
        // Taxed on 6,000 a year at 30 %, worth nothing: it costs 1,800 a year.
        assert_eq!(
            compute_budget_sentence(d(50_000), d(-1_800), Some(-3.6), USD),
            "$50,000 a year of compute at list price; it costs you about $1,800 a year: the tax on what is reported as pay is more than it is worth to you."
        );
        assert!(compute_budget_sentence(d(0), d(0), None, USD).ends_with("nothing to value."));
    }

    /// Issue 28: the salary is given up for the tokens; a budget beside them is never said to be
    /// bought with it ("instead of salary", "makes up the salary").
    #[test]
    fn a_budget_beside_the_salary_given_up_is_never_said_to_be_bought_with_it() {
        assert_eq!(compute_trade_sentence(0.0, 500.0, false, USD), None);
        assert_eq!(
            compute_trade_sentence(60_000.0, 1_500.0, false, USD).unwrap(),
            "The tokens pay nothing on these figures, and the budget is worth $1,500 to you: $58,500 less than the $60,000 of salary given up, after tax in today's money."
        );
        assert_eq!(
            compute_trade_sentence(60_000.0, 1_500.0, true, USD).unwrap(),
            "Counted beside the tokens, the budget is worth $1,500 to you, so the tokens must make up the other $58,500 of the $60,000 of salary given up for them."
        );
        assert!(compute_trade_sentence(1_000.0, 1_500.0, true, USD)
            .unwrap()
            .contains("comes on top"));
        // A budget worth less than its tax costs money, and the tokens' share adds up
        // (17,500 + 1,300 = 18,800).
        assert_eq!(
            compute_trade_sentence(17_500.0, -1_300.0, true, USD).unwrap(),
            "The budget costs you $1,300 (the tax on what is reported as pay is more than it is worth to you), so the tokens must make up $18,800 in all: the $17,500 of salary given up for them and that cost."
        );
        for (sacrifice, value, tokens) in [
            (60_000.0, 1_500.0, false),
            (500.0, 1_500.0, false),
            (60_000.0, 1_500.0, true),
            (1_000.0, 1_500.0, true),
            (17_500.0, -1_300.0, true),
        ] {
            let said = compute_trade_sentence(sacrifice, value, tokens, USD).unwrap();
            for bought in ["instead of salary", "for it", "makes up", "covers"] {
                assert!(!said.contains(bought), "{said}");
            }
        }
    }

    /// Issue 28: the embed's one line is the paragraph's first sentence, word for word.
    #[test]
    fn the_one_line_is_how_the_paragraph_begins() {
        let offer = crate::parse_offer(include_str!("../../examples/acme-copilot.json")).unwrap();
        let report = crate::engine::value_exact(&offer).unwrap();
        let words = verdict(&report, &crate::engine::decide(&offer).unwrap());
        assert!(words.line.starts_with("Counting its risk, giving up $"), "{}", words.line);
        assert!(words.line.ends_with(" than salary only."), "{}", words.line);
        assert!(words.paragraph.starts_with(&format!("{} ", words.line)), "{}", words.paragraph);
    }
}
