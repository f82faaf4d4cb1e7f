//! The report of MODEL.md section 5: as JSON for machines and as text for people.
//!
//! Money leaves here rounded once to cents by [`crate::report::format`]; probabilities and factors are numbers.

pub mod breakeven;
pub mod charts;
pub mod checklist;
pub mod comparison;
pub mod format;
pub mod locale;
pub mod terms;
pub mod verdict;

use serde::Serialize;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::engine::{
    Decision, MixOption, MonteCarloReport, Report, ScenarioReport, SensitivityRow, Solved,
};
use crate::offer::{FieldError, Offer};
use crate::report::breakeven::{breakeven_words, risk_breakeven_sentence};
use crate::report::format::{
    cents, decimal_cents, money, money_decimal, percent, times, Amounts, Precision,
};
use crate::report::verdict::verdict;

/// The `format` tag of a report.
pub const REPORT_FORMAT: &str = "tokenworth-report";
/// The report's version.
pub const REPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    format: &'static str,
    version: u32,
    name: &'a str,
    currency: &'a str,
    /// MODEL.md 8.5: whose rates and which year, `null` when the offer does not say.
    tax_residence: Option<&'a str>,
    tax_year: Option<u32>,
    expected: JsonExpected,
    prob_zero: f64,
    /// MODEL.md 8.3: the chance the tokens cost more than they bring.
    prob_loss: f64,
    distribution: JsonDistribution,
    certainty_equivalent: String,
    /// Beside the certainty equivalent when a path costs all of W or more (MODEL.md 8.3).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ruin: bool,
    salary_equivalent_annual_pretax: String,
    breakeven_revenue_scale: Option<f64>,
    /// MODEL.md 8.2: `null` without a rule.
    quit_rule: Option<JsonQuitRule>,
    scenarios: Vec<JsonScenario<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    monte_carlo: Option<JsonMonteCarlo>,
    sensitivity: Vec<JsonSensitivity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<JsonDecision>,
    /// MODEL.md 7.6, for offers with a compute budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    compute_budget: Option<JsonComputeBudget>,
    /// The terms that bend a flow under revenue noise (MODEL.md 7.7), for offers that have any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    bending_terms: Vec<&'static str>,
}

#[derive(Serialize)]
struct JsonQuitRule {
    leave_month: Vec<Option<u32>>,
    deal_pv_without: String,
    option_value: String,
}

#[derive(Serialize)]
struct JsonComputeBudget {
    list_pv: String,
    value_pv: String,
    realized_pct: Option<f64>,
}

/// The verdict's figures and words (tokenworth's addition to MODEL.md's report).
#[derive(Serialize)]
struct JsonDecision {
    risk_adjusted_net: String,
    expected_net: String,
    risk_carried: String,
    /// The risk-adjusted net value as a yearly raise (or cut, negative) before tax.
    risk_adjusted_net_annual_pretax: String,
    /// W: the wealth the risk is weighed against (MODEL.md 8.4).
    wealth_at_risk: String,
    prob_worse_than_salary_only: f64,
    fair: bool,
    /// The revenue factor at which the deal turns fair after risk; `null` when none does.
    risk_breakeven_revenue_scale: Option<f64>,
    /// The risk-adjusted net value at 0.8× and 1.2× of each input, and where the verdict turns.
    what_changes_it: Vec<JsonRiskRow>,
    /// `null` when the offer is already fair.
    asks: Option<JsonAsks>,
    open_questions: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mix: Option<JsonMix>,
    verdict: String,
    asks_text: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    caveat: Option<String>,
}

#[derive(Serialize)]
struct JsonRiskRow {
    input: String,
    low: String,
    high: String,
    swing: String,
    /// The input's value at which the verdict turns, and whether it is then fair.
    #[serde(skip_serializing_if = "Option::is_none")]
    turning_point: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fair_beyond: Option<bool>,
}

#[derive(Serialize)]
struct JsonAsks {
    extra_tokens: JsonSolved,
    sacrificed_annual: JsonSolved,
    buyback_floor_price: JsonSolved,
    pool_pct: JsonSolved,
}

/// `{"status": "solved", "value": "…"}`, `{"status": "unreachable"}` or `{"status": "not_in_plan"}`.
#[derive(Serialize)]
struct JsonSolved {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
}

impl<T> From<Solved<T>> for JsonSolved
where
    T: ToString,
{
    fn from(solved: Solved<T>) -> JsonSolved {
        match solved {
            Solved::At(v) => JsonSolved { status: "solved", value: Some(v.to_string()) },
            Solved::Unreachable => JsonSolved { status: "unreachable", value: None },
            Solved::NotInPlan => JsonSolved { status: "not_in_plan", value: None },
        }
    }
}

/// An input of the verdict's sensitivity as the report names it: MODEL.md's names, `wealth`,
/// `risk_aversion`, `redemption_tax_pct`, and `probability:NAME` for a scenario's.
fn risk_input_key(row: &crate::engine::RiskRow) -> String {
    use crate::engine::Input;
    match row.input {
        Input::Revenue => "revenue".into(),
        Input::PoolPct => "pool_pct".into(),
        Input::RevenueMultiple => "revenue_multiple".into(),
        Input::TokenPrice => "token_price".into(),
        Input::DilutionPct => "annual_dilution_pct".into(),
        Input::DeparturePct => "annual_departure_pct".into(),
        Input::DiscountRatePct => "discount_rate_pct".into(),
        Input::IncomeTaxPct => "income_tax_pct".into(),
        Input::RedemptionTaxPct => "redemption_tax_pct".into(),
        Input::Wealth => "wealth".into(),
        Input::RiskAversion => "risk_aversion".into(),
        Input::Probability(_) => {
            format!("probability:{}", row.scenario.as_deref().unwrap_or_default())
        }
    }
}

#[derive(Serialize)]
struct JsonMix {
    best: JsonMixOption,
    current: JsonMixOption,
    options: Vec<JsonMixOption>,
    best_text: String,
}

#[derive(Serialize)]
struct JsonMixOption {
    sacrificed_annual: String,
    tokens: u64,
    risk_adjusted_net: String,
    expected_net: String,
    prob_worse_than_salary_only: f64,
}

fn mix_option_json(o: &MixOption) -> JsonMixOption {
    JsonMixOption {
        sacrificed_annual: decimal_cents(o.sacrificed_annual),
        tokens: o.tokens,
        risk_adjusted_net: cents(o.risk_adjusted_net),
        expected_net: cents(o.expected_net),
        prob_worse_than_salary_only: o.prob_worse_than_salary_only,
    }
}

fn decision_json(report: &Report, d: &Decision) -> JsonDecision {
    let words = verdict(report, d);
    let money_ask = |s: Solved<Decimal>| JsonSolved::from(s.map(decimal_cents));
    JsonDecision {
        risk_adjusted_net: cents(d.risk_adjusted_net),
        expected_net: cents(d.expected_net),
        risk_carried: cents(d.risk_carried),
        risk_adjusted_net_annual_pretax: cents(report.deal.yearly_pretax),
        wealth_at_risk: cents(report.deal.wealth),
        prob_worse_than_salary_only: d.prob_worse_than_salary_only,
        fair: words.fair,
        risk_breakeven_revenue_scale: d
            .what_changes_it
            .as_ref()
            .and_then(|w| w.risk_breakeven_revenue_scale),
        what_changes_it: d
            .what_changes_it
            .iter()
            .flat_map(|w| &w.rows)
            .map(|row| JsonRiskRow {
                input: risk_input_key(row),
                low: cents(row.low),
                high: cents(row.high),
                swing: cents(row.swing),
                turning_point: row.turning_point.and_then(|t| t.value.to_f64()),
                fair_beyond: row.turning_point.map(|t| t.fair_beyond),
            })
            .collect(),
        asks: d.asks.as_ref().map(|a| JsonAsks {
            extra_tokens: a.extra_tokens.into(),
            sacrificed_annual: money_ask(a.sacrificed_annual),
            buyback_floor_price: money_ask(a.buyback_floor_price),
            pool_pct: a.pool_pct.map(|p| p.normalize()).into(),
        }),
        open_questions: d.open_questions.clone(),
        mix: d.mix.as_ref().map(|m| JsonMix {
            best: mix_option_json(&m.best),
            current: mix_option_json(&m.current),
            options: m.options.iter().map(mix_option_json).collect(),
            best_text: words.best_mix.clone().unwrap_or_default(),
        }),
        verdict: words.paragraph,
        asks_text: words.asks.into_iter().map(|a| a.text).collect(),
        caveat: words.caveat,
    }
}

#[derive(Serialize)]
struct JsonMonteCarlo {
    paths: u32,
    seed: u64,
    mean: String,
    std_error: String,
    p5: String,
    p10: String,
    p25: String,
    p50: String,
    p75: String,
    p90: String,
    p95: String,
    prob_zero: f64,
    prob_loss: f64,
    prob_below_sacrifice: f64,
    certainty_equivalent: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ruin: bool,
    /// The share of paths the quit rule made leave before their own leaving month (MODEL.md 8.2).
    quit_share: f64,
}

fn monte_carlo_json(mc: &MonteCarloReport) -> JsonMonteCarlo {
    let p = &mc.percentiles;
    JsonMonteCarlo {
        paths: mc.paths,
        seed: mc.seed,
        mean: cents(mc.mean),
        std_error: cents(mc.std_error),
        p5: cents(p.p5),
        p10: cents(p.p10),
        p25: cents(p.p25),
        p50: cents(p.p50),
        p75: cents(p.p75),
        p90: cents(p.p90),
        p95: cents(p.p95),
        prob_zero: mc.prob_zero,
        prob_loss: mc.prob_loss,
        prob_below_sacrifice: mc.prob_below_sacrifice,
        certainty_equivalent: cents(mc.certainty_equivalent),
        ruin: mc.ruin,
        quit_share: mc.quit_share,
    }
}

#[derive(Serialize)]
struct JsonExpected {
    token_pv: String,
    sacrifice_pv: String,
    net_pv: String,
    salary_pv: String,
    total_comp_pv: String,
    tax_at_vest_pv: String,
}

#[derive(Serialize)]
struct JsonDistribution {
    p10: String,
    p50: String,
    p90: String,
}

#[derive(Serialize)]
struct JsonScenario<'a> {
    name: &'a str,
    probability: f64,
    expected_token_pv: String,
    stay: JsonStay,
}

#[derive(Serialize)]
struct JsonStay {
    token_pv: String,
    token_nominal: String,
    sacrifice_pv: String,
    most_owed_before_cash: String,
    years: Vec<JsonYear>,
}

#[derive(Serialize)]
struct JsonYear {
    year: u32,
    revenue_share: String,
    milestones: String,
    buyback: String,
    terminal: String,
    sacrifice: String,
    vested_end: u64,
    tax_at_vest: String,
    /// Where the cap bit or the units expired, said only where it happened.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cap_reached: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    expired: bool,
}

#[derive(Serialize)]
struct JsonSensitivity {
    input: &'static str,
    low: String,
    high: String,
    swing: String,
}

fn scenario_json(s: &ScenarioReport) -> JsonScenario<'_> {
    JsonScenario {
        name: &s.name,
        probability: s.probability,
        expected_token_pv: cents(s.expected_token_pv),
        stay: JsonStay {
            token_pv: cents(s.stay.token_pv),
            token_nominal: decimal_cents(s.stay.token_nominal),
            sacrifice_pv: cents(s.stay.sacrifice_pv),
            most_owed_before_cash: decimal_cents(s.stay.most_owed_before_cash),
            years: s
                .stay
                .years
                .iter()
                .map(|y| JsonYear {
                    year: y.year,
                    revenue_share: decimal_cents(y.revenue_share),
                    milestones: decimal_cents(y.milestones),
                    buyback: decimal_cents(y.buyback),
                    terminal: decimal_cents(y.terminal),
                    sacrifice: decimal_cents(y.sacrifice),
                    vested_end: y.vested_end,
                    tax_at_vest: decimal_cents(y.tax_at_vest),
                    cap_reached: y.cap_reached,
                    expired: y.expired,
                })
                .collect(),
        },
    }
}

fn sensitivity_json(row: &SensitivityRow) -> JsonSensitivity {
    JsonSensitivity {
        input: row.input,
        low: cents(row.low),
        high: cents(row.high),
        swing: cents(row.swing),
    }
}

/// The report as the JSON object `tokenworth value` prints.
#[must_use]
pub fn to_json(report: &Report) -> String {
    let json = JsonReport {
        format: REPORT_FORMAT,
        version: REPORT_VERSION,
        name: &report.name,
        currency: &report.currency,
        tax_residence: report.tax_residence.as_deref(),
        tax_year: report.tax_year,
        expected: JsonExpected {
            token_pv: cents(report.expected.token_pv),
            sacrifice_pv: cents(report.expected.sacrifice_pv),
            net_pv: cents(report.expected.net_pv),
            salary_pv: cents(report.expected.salary_pv),
            total_comp_pv: cents(report.expected.total_comp_pv),
            tax_at_vest_pv: cents(report.expected.tax_at_vest_pv),
        },
        prob_zero: report.prob_zero,
        prob_loss: report.prob_loss,
        ruin: report.ruin,
        quit_rule: report.quit_rule.as_ref().map(|q| JsonQuitRule {
            leave_month: q.leave_month.clone(),
            deal_pv_without: cents(q.deal_pv_without),
            option_value: cents(q.option_value),
        }),
        distribution: JsonDistribution {
            p10: cents(report.distribution.p10),
            p50: cents(report.distribution.p50),
            p90: cents(report.distribution.p90),
        },
        certainty_equivalent: cents(report.certainty_equivalent),
        salary_equivalent_annual_pretax: cents(report.salary_equivalent_annual_pretax),
        breakeven_revenue_scale: report.breakeven_revenue_scale,
        scenarios: report.scenarios.iter().map(scenario_json).collect(),
        monte_carlo: report.monte_carlo.as_ref().map(monte_carlo_json),
        sensitivity: report.sensitivity.iter().map(sensitivity_json).collect(),
        decision: report.decision.as_ref().map(|d| decision_json(report, d)),
        compute_budget: report.compute_budget.as_ref().map(|c| JsonComputeBudget {
            list_pv: cents(c.list_pv),
            value_pv: cents(c.value_pv),
            realized_pct: c.realized_pct,
        }),
        bending_terms: report.bending_terms.clone(),
    };
    serde_json::to_string_pretty(&json).unwrap_or_else(|_| String::from("{}"))
}

/// The `{"errors": [...]}` object printed for an invalid offer.
#[must_use]
pub fn errors_to_json(errors: &[FieldError]) -> String {
    #[derive(Serialize)]
    struct Errors<'a> {
        errors: &'a [FieldError],
    }
    serde_json::to_string_pretty(&Errors { errors })
        .unwrap_or_else(|_| String::from("{\"errors\": []}"))
}

/// The yearly ledgers of every scenario as CSV (one row per scenario and year, amounts in the
/// report's currency, to the cent), for a spreadsheet.
#[must_use]
pub fn ledgers_csv(report: &Report) -> String {
    let mut csv = String::from("scenario,probability,year,vested_end,revenue_share,milestones,buyback,terminal,sacrifice,tax_at_vest,currency\n");
    for s in &report.scenarios {
        for y in &s.stay.years {
            csv.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{},{}\n",
                csv_text(&s.name),
                s.probability,
                y.year,
                y.vested_end,
                decimal_cents(y.revenue_share),
                decimal_cents(y.milestones),
                decimal_cents(y.buyback),
                decimal_cents(y.terminal),
                decimal_cents(y.sacrifice),
                decimal_cents(y.tax_at_vest),
                report.currency
            ));
        }
    }
    csv
}

/// A text cell of the CSV, quoted, and neutralised as OWASP's CSV-injection guidance says: a
/// spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a
/// formula, so such a cell gets a leading `'` and is read as text.
#[must_use]
pub fn csv_text(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    format!("\"{}{}\"", if formula { "'" } else { "" }, text.replace('"', "\"\""))
}

/// One plain sentence that sums the offer up, for the page and the terminal alike, its figures
/// said as estimates (`format::money_spoken`).
#[must_use]
pub fn summary_sentence(report: &Report) -> String {
    summary_sentence_at(report, Precision::Spoken)
}

/// [`summary_sentence`] with its figures said at `precision` (the page's "Exact figures").
///
/// Its answer is the deal's (tokens and compute budget less the salary given up, path by path),
/// the one the verdict gives: on average, less the cost of the risk, equals after risk.
#[must_use]
pub fn summary_sentence_at(report: &Report, precision: Precision) -> String {
    let m = Amounts { currency: &report.currency, precision };
    let e = &report.expected;
    let deal = &report.deal;
    let budget = report.compute_budget.as_ref().map(|b| b.value_pv);
    if e.token_pv <= 0.0 && budget.is_none() {
        return if e.sacrifice_pv > 0.0 {
            format!("On your assumptions these tokens pay nothing, and you give up {} of salary for them: salary only is better by that much.", m.of(e.sacrifice_pv))
        } else {
            "On your assumptions these tokens pay nothing; this offer is its salary.".to_string()
        };
    }
    let range = if e.token_pv > 0.0 && report.distribution.p50 <= 0.0 {
        // Not "worth $0 or less": at least half the outcomes are nothing.
        format!(
            "On average the tokens are worth {} after tax in today's money, but there is a {} chance they pay nothing: at least half the time they pay nothing at all.",
            m.of(e.token_pv),
            percent(report.prob_zero),
        )
    } else if e.token_pv > 0.0 {
        format!(
            "On average the tokens are worth {} after tax in today's money, but there is a {} chance they pay nothing and half the time they are worth {} or less.",
            m.of(e.token_pv),
            percent(report.prob_zero),
            m.of(report.distribution.p50),
        )
    } else {
        "On your assumptions the tokens pay nothing.".to_string()
    };
    let with_budget = budget
        .map(|b| format!(", and with the compute budget's {} to you,", m.of(b)))
        .unwrap_or_else(|| ",".to_string());
    let against = if e.sacrifice_pv > 0.0 {
        format!("Less the {} of salary you give up{with_budget} the deal", m.of(e.sacrifice_pv))
    } else {
        format!("You give up no salary{with_budget} so the deal")
    };
    let answer = better_or_worse(deal.risk_adjusted_net, m);
    let after_risk = if deal.cost_of_risk.abs() < 0.005 {
        format!("; it carries no cost of risk for you, so it leaves you {answer} than salary only.")
    } else {
        format!(
            ", and its risk costs you {}: after risk it leaves you {answer} than salary only.",
            m.of(deal.cost_of_risk),
        )
    };
    format!(
        "{range} {against} leaves you {} on average{after_risk}",
        better_or_worse(deal.expected_net, m)
    )
}

/// What section 8 of MODEL.md adds, in plain words, for the page and `--text` alike: the tax owed
/// on tokens before any cash, scenario by scenario; the chance of a loss; a warning at ruin; and
/// what the rule of leaving when the project goes badly is worth. Empty for an offer that has
/// none of them.
#[must_use]
pub fn section_8_sentences(report: &Report, precision: Precision) -> Vec<String> {
    let m = Amounts { currency: &report.currency, precision };
    let mut sentences = Vec::new();
    for s in &report.scenarios {
        let tax: Decimal = s.stay.years.iter().map(|y| y.tax_at_vest).sum();
        if tax <= Decimal::ZERO {
            continue;
        }
        let cash = s.stay.token_nominal + tax;
        let owed = m.of_decimal(s.stay.most_owed_before_cash);
        sentences.push(if cash.is_zero() {
            format!(
                "In the {} scenario you would pay {} of tax on tokens that never pay.",
                s.name,
                m.of_decimal(tax)
            )
        } else if s.stay.token_nominal < Decimal::ZERO {
            format!(
                "In the {} scenario you would pay {} of tax on the tokens as they vest and get only {} back from them: at worst {owed} out of your own pocket.",
                s.name,
                m.of_decimal(tax),
                m.of_decimal(cash)
            )
        } else if s.stay.most_owed_before_cash > Decimal::ZERO {
            format!(
                "In the {} scenario you would pay {} of tax on the tokens as they vest, and be up to {owed} out of pocket before their cash catches up.",
                s.name,
                m.of_decimal(tax)
            )
        } else {
            format!(
                "In the {} scenario you would pay {} of tax on the tokens as they vest, out of what they pay.",
                s.name,
                m.of_decimal(tax)
            )
        });
    }
    if report.prob_loss > 0.0 {
        sentences.push(format!(
            "The chance that the tokens cost you more than they bring (tax paid on value they never pay out) is {}, beside a {} chance that they are worth nothing or less.",
            percent(report.prob_loss),
            percent(report.prob_zero)
        ));
    }
    if report.ruin || report.deal.ruin {
        sentences.push(format!(
            "Warning: on some outcomes this offer costs you more than everything counted as yours ({}), so after risk it is worth minus all of it. You could owe more than you have: check when the tax falls and what you give up before you sign.",
            m.of(report.deal.wealth)
        ));
    }
    if let Some(rule) = &report.quit_rule {
        let leaves: Vec<String> = report
            .scenarios
            .iter()
            .zip(&rule.leave_month)
            .filter_map(|(s, q)| q.map(|month| format!("{} at month {month}", s.name)))
            .collect();
        let when = if leaves.is_empty() {
            "in none of your scenarios does it leave".to_string()
        } else {
            format!("it leaves in {}", leaves.join(", "))
        };
        let minimum = m.of_decimal(rule.min_trailing_revenue);
        let worth = rule.option_value;
        sentences.push(if worth.abs() < 0.005 {
            format!("Leaving if the project earns under {minimum} a year changes nothing on average ({when}).")
        } else if worth > 0.0 {
            format!("Leaving if the project earns under {minimum} a year is worth {} to you on average ({when}).", m.of(worth))
        } else {
            format!(
                "Leaving if the project earns under {minimum} a year costs you {} on average: it leaves too early ({when}).",
                m.of(-worth)
            )
        });
    }
    match (&report.tax_residence, report.tax_year) {
        (Some(residence), Some(year)) => {
            sentences.push(format!("The tax rates in use are {residence}'s, for {year}."));
        }
        (Some(residence), None) => {
            sentences.push(format!("The tax rates in use are {residence}'s."));
        }
        (None, Some(year)) => sentences.push(format!("The tax rates in use are for {year}.")),
        (None, None) => {}
    }
    sentences
}

/// "$5,700 better off", "$39,400 worse off", or "no better or worse off" below a cent.
#[must_use]
pub fn better_or_worse(amount: f64, m: Amounts) -> String {
    if amount.abs() < 0.005 {
        "no better or worse off".to_string()
    } else if amount > 0.0 {
        format!("{} better off", m.of(amount))
    } else {
        format!("{} worse off", m.of(-amount))
    }
}

/// A summary a person can read in a terminal: the same figures as the page, formatted the same way.
#[must_use]
pub fn to_text(offer: &Offer, report: &Report) -> String {
    let c = report.currency.as_str();
    let e = &report.expected;
    let d = &report.distribution;
    let mut out = String::new();
    let line = |out: &mut String, label: &str, value: String| {
        out.push_str(&format!("  {label:<48} {value:>16}\n"));
    };
    line(&mut out, "Expected value of the tokens (after tax, today)", money(e.token_pv, c));
    line(&mut out, "Chance the tokens pay nothing", percent(report.prob_zero));
    if report.expected.tax_at_vest_pv > 0.0 || report.prob_loss > 0.0 {
        line(&mut out, "Chance the tokens cost more than they bring", percent(report.prob_loss));
        line(
            &mut out,
            "Tax on the tokens as they vest (today)",
            money(report.expected.tax_at_vest_pv, c),
        );
    }
    line(&mut out, "Salary given up (after tax, today)", money(e.sacrifice_pv, c));
    let deal = &report.deal;
    line(&mut out, "The deal against salary only, on average", money(deal.expected_net, c));
    line(&mut out, "The cost of its risk to you", money(deal.cost_of_risk, c));
    line(&mut out, "The deal against salary only, after risk", money(deal.risk_adjusted_net, c));
    line(
        &mut out,
        "  the same as this much a year of pay, before tax",
        money(deal.yearly_pretax, c),
    );
    line(
        &mut out,
        "The tokens alone, as sure cash (certainty equivalent)",
        if report.ruin {
            format!("ruin: {}", money(report.certainty_equivalent, c))
        } else {
            money(report.certainty_equivalent, c)
        },
    );
    line(
        &mut out,
        "  the same as this much a year of pay, before tax",
        money(report.salary_equivalent_annual_pretax, c),
    );
    line(&mut out, "Base salary (after tax, today)", money(e.salary_pv, c));
    let total = if report.compute_budget.is_some() {
        "Total pay: salary + tokens + compute (today)"
    } else {
        "Total pay: salary + tokens (today)"
    };
    line(&mut out, total, money(e.total_comp_pv, c));
    line(
        &mut out,
        "Range: P10 / P50 / P90",
        format!("{} / {} / {}", money(d.p10, c), money(d.p50, c), money(d.p90, c)),
    );
    let breakeven = match report.breakeven_revenue_scale {
        Some(s) => format!("{} the scenarios' revenue", times(s)),
        None => "never (see below)".to_string(),
    };
    line(&mut out, "On average, repays the salary given up at", breakeven);
    if let Some(found) = report.decision.as_ref().and_then(|d| d.what_changes_it.as_ref()) {
        let after_risk = match found.risk_breakeven_revenue_scale {
            Some(s) => format!("{} the scenarios' revenue", times(s)),
            None => "no revenue alone".to_string(),
        };
        line(&mut out, "After risk, worth salary only at", after_risk);
    }
    if let Some(mc) = &report.monte_carlo {
        let p = &mc.percentiles;
        line(
            &mut out,
            &format!("Simulated ({} paths): mean ± std. error", mc.paths),
            format!("{} ± {}", money(mc.mean, c), money(mc.std_error, c)),
        );
        line(
            &mut out,
            "Simulated P5 / P50 / P95",
            format!("{} / {} / {}", money(p.p5, c), money(p.p50, c), money(p.p95, c)),
        );
        line(
            &mut out,
            "Simulated chance below the salary given up",
            percent(mc.prob_below_sacrifice),
        );
        if report.prob_loss > 0.0 || mc.prob_loss > 0.0 {
            line(&mut out, "Simulated chance of a loss", percent(mc.prob_loss));
        }
        if report.quit_rule.is_some() {
            line(&mut out, "Simulated paths the leaving rule ended early", percent(mc.quit_share));
        }
        if let Some(note) = bending_note(report) {
            out.push_str(&format!("{}\n", wrap(&note, 2)));
        }
    }
    if let Some(budget) = &report.compute_budget {
        line(&mut out, "Compute budget at list price (today)", money(budget.list_pv, c));
        line(&mut out, "Compute budget's worth to you (today)", money(budget.value_pv, c));
    }
    let mut terms = String::new();
    let described = terms::describe(offer);
    if !described.is_empty() {
        terms.push_str("Terms\n");
        for term in &described {
            terms.push_str(&wrap(&format!("{}: {}", term.label, term.words), 2));
            terms.push('\n');
        }
        terms.push('\n');
    }
    let section_8 = section_8_sentences(report, Precision::Spoken);
    if !section_8.is_empty() {
        terms.push_str("Tax before cash, and leaving when it goes badly\n");
        for sentence in &section_8 {
            terms.push_str(&wrap(sentence, 2));
            terms.push('\n');
        }
        terms.push('\n');
    }
    let mut text = format!("{}\n\n{}\n\n{terms}{out}\nScenarios (expected value if this happens; never leaving: nominal total)\n", report.name, summary_sentence(report));
    for s in &report.scenarios {
        text.push_str(&format!(
            "  {:<28} {:>6}  {:>16}  {:>16}\n",
            s.name,
            percent(s.probability),
            money(s.expected_token_pv, c),
            money_decimal(s.stay.token_nominal, c),
        ));
    }
    // The breakeven in the page's words, its revenue said as estimates.
    let breakeven = breakeven_words(report, Precision::Spoken);
    text.push_str(&format!(
        "\nWhen the tokens repay the salary given up\n{}\n",
        wrap(&breakeven.sentence, 2)
    ));
    for need in &breakeven.scenarios {
        text.push_str(&format!("{}\n", wrap(&format!("- {}: {}", need.name, need.revenue), 4)));
    }
    if let Some(sentence) =
        report.decision.as_ref().and_then(|d| risk_breakeven_sentence(report, d))
    {
        text.push_str(&format!("{}\n", wrap(&sentence, 2)));
    }
    if !report.sensitivity.is_empty() {
        text.push_str("\nWhat moves the expected net value most (input at 0.8× / 1.2×)\n");
        for row in &report.sensitivity {
            text.push_str(&format!(
                "  {:<28} {:>16} {:>16}\n",
                row.input,
                money(row.low, c),
                money(row.high, c)
            ));
        }
    }
    if let Some(decision) = &report.decision {
        text.push_str(&decision_text(report, decision));
    }
    text
}

/// Beside the simulated figures, where a term bends a flow under revenue noise (MODEL.md 7.7):
/// the simulated mean then differs from the exact one, and that is no error.
#[must_use]
pub fn bending_note(report: &Report) -> Option<String> {
    if !report.noisy || report.bending_terms.is_empty() {
        return None;
    }
    let terms = match report.bending_terms.as_slice() {
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => return None,
    };
    let bend = if report.bending_terms.len() == 1 { "bends" } else { "bend" };
    Some(format!(
        "The simulated mean differs from the exact one by more than chance: {terms} {bend} a payout when revenue moves (the noise does not average out through them), so the simulation shows what volatility does to this plan."
    ))
}

/// The verdict, the asks, the mix and the open questions, as the page's "Should I take it?" shows them.
fn decision_text(report: &Report, d: &Decision) -> String {
    let c = report.currency.as_str();
    let words = verdict(report, d);
    let mut text = format!("\nShould I take it?\n{}\n", wrap(&words.paragraph, 2));
    for sentence in words.compute_budget.iter().chain(&words.compute_trade) {
        text.push_str(&format!("\n{}\n", wrap(sentence, 2)));
    }
    if !words.asks.is_empty() {
        text.push_str("\n  To make it fair at your assumptions, ask for any one of:\n");
        for ask in &words.asks {
            text.push_str(&format!("{}\n", wrap(&format!("- {}", ask.text), 4)));
        }
    }
    if let Some(mix) = &d.mix {
        text.push_str(&format!(
            "\n  How much salary to trade\n{}\n",
            wrap(words.best_mix.as_deref().unwrap_or(""), 2)
        ));
        text.push_str(&format!(
            "  {:>16} {:>14} {:>16} {:>16} {:>8}\n",
            "given up a year", "tokens", "after risk", "expected", "worse"
        ));
        for o in &mix.options {
            let mark = if o.sacrificed_annual == mix.best.sacrificed_annual {
                " best"
            } else if o.sacrificed_annual == mix.current.sacrificed_annual {
                " offer"
            } else {
                ""
            };
            text.push_str(&format!(
                "  {:>16} {:>14} {:>16} {:>16} {:>8}{mark}\n",
                money_decimal(o.sacrificed_annual, c),
                crate::report::format::group_digits(&o.tokens.to_string()),
                money(o.risk_adjusted_net, c),
                money(o.expected_net, c),
                percent(o.prob_worse_than_salary_only),
            ));
        }
    }
    if let Some(caveat) = &words.caveat {
        text.push_str(&format!("\n{}\n", wrap(caveat, 2)));
    }
    if !words.open_questions.is_empty() {
        text.push_str("\n  Still open before you sign:\n");
        for q in &words.open_questions {
            text.push_str(&format!("{}\n", wrap(&format!("- {q}"), 4)));
        }
    }
    text
}

/// `text` wrapped at 100 columns, indented by `indent`; a leading "- " hangs in the margin.
fn wrap(text: &str, indent: usize) -> String {
    let hang = if text.starts_with("- ") { 2 } else { 0 };
    let mut out = String::new();
    let mut line = " ".repeat(indent.saturating_sub(hang));
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > 100 {
            out.push_str(&line);
            out.push('\n');
            line = " ".repeat(indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledgers_as_csv() {
        let offer = crate::parse_offer(include_str!("../../examples/acme-copilot.json")).unwrap();
        let csv = ledgers_csv(&crate::engine::value_exact(&offer).unwrap());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + 3 * 5);
        assert_eq!(lines[7], "\"Base\",0.45,2,5000,502.98,6093.75,5714.29,0.00,13000.00,0.00,USD");
    }

    /// Issue 28: with most outcomes nothing, the median is not said as "worth $0 or less".
    #[test]
    fn a_median_of_nothing_is_said_as_nothing() {
        let text = include_str!("../../examples/acme-copilot.json")
            .replace("\"annual_departure_pct\": \"15\"", "\"annual_departure_pct\": \"90\"");
        let report = crate::engine::value_exact(&crate::parse_offer(&text).unwrap()).unwrap();
        assert!(report.prob_zero > 0.5 && report.distribution.p50 <= 0.0, "{}", report.prob_zero);
        let sentence = summary_sentence_at(&report, Precision::Exact);
        assert!(
            sentence.contains(": at least half the time they pay nothing at all."),
            "{sentence}"
        );
        assert!(!sentence.contains("or less"), "{sentence}");
    }

    /// Issue 30: a name a spreadsheet would run as a formula is written as text; others as they are.
    #[test]
    fn csv_cells_are_neutralised() {
        for (name, cell) in [
            ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
            ("+1", "\"'+1\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tTab", "\"'\tTab\""),
            ("\rReturn", "\"'\rReturn\""),
            ("Base", "\"Base\""),
            ("Mid-case = 2", "\"Mid-case = 2\""),
        ] {
            assert_eq!(csv_text(name), cell, "{name:?}");
        }
        let mut offer =
            crate::parse_offer(include_str!("../../examples/acme-copilot.json")).unwrap();
        offer.scenarios[1].name = "=cmd|' /C calc'!A0".into();
        let csv = ledgers_csv(&crate::engine::value_exact(&offer).unwrap());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[7],
            "\"'=cmd|' /C calc'!A0\",0.45,2,5000,502.98,6093.75,5714.29,0.00,13000.00,0.00,USD"
        );
        assert_eq!(
            lines[1],
            ledgers_csv(
                &crate::engine::value_exact(
                    &crate::parse_offer(include_str!("../../examples/acme-copilot.json")).unwrap()
                )
                .unwrap()
            )
            .lines()
            .nth(1)
            .unwrap()
        );
    }
}
