//! The team report as JSON (`tokenworth team team.json`) and as text for people (`--text`).
//!
//! Money leaves here rounded once to cents by [`crate::report::format`]; shares, ratios and probabilities
//! are numbers.

use serde::Serialize;

use super::value::{MemberReport, Pool, ProjectReport, Spread, TeamReport, Totals};
use crate::engine::Solved;
use crate::report::format::{cents, decimal_cents, group_digits, money, percent};

/// The `format` tag of a team report.
pub const TEAM_REPORT_FORMAT: &str = "tokenworth-team-report";
/// The team report's version.
pub const TEAM_REPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonTeam<'a> {
    format: &'static str,
    version: u32,
    company: &'a str,
    currency: &'a str,
    discount_rate_pct: String,
    team: JsonTotals,
    projects: Vec<JsonProject<'a>>,
    members: Vec<JsonMember<'a>>,
    fairness: JsonFairness<'a>,
}

#[derive(Serialize)]
struct JsonTotals {
    people: u64,
    token_cost: String,
    salary_saved: String,
    net_cost: String,
    expected_token_pv: String,
    expected_sacrifice_pv: String,
    certainty_equivalent: String,
    worth_pretax: String,
    salary_equivalent_annual_pretax: String,
    cost_beyond_worth: String,
    worth_to_cost: Option<f64>,
    risk_adjusted_net: String,
    risk_carried: String,
    value_per_unit_given_up: Option<f64>,
}

fn totals_json(t: &Totals) -> JsonTotals {
    JsonTotals {
        people: t.people,
        token_cost: cents(t.token_cost),
        salary_saved: cents(t.salary_saved),
        net_cost: cents(t.net_cost()),
        expected_token_pv: cents(t.expected_token_pv),
        expected_sacrifice_pv: cents(t.expected_sacrifice_pv),
        certainty_equivalent: cents(t.certainty_equivalent),
        worth_pretax: cents(t.worth_pretax),
        salary_equivalent_annual_pretax: cents(t.salary_equivalent_annual_pretax),
        cost_beyond_worth: cents(t.cost_beyond_worth()),
        worth_to_cost: t.worth_to_cost(),
        risk_adjusted_net: cents(t.risk_adjusted_net),
        risk_carried: cents(t.risk_carried),
        value_per_unit_given_up: t.value_per_unit_given_up(),
    }
}

#[derive(Serialize)]
struct JsonProject<'a> {
    name: &'a str,
    prob_zero: f64,
    totals: JsonTotals,
    pool: JsonPool,
}

#[derive(Serialize)]
struct JsonPool {
    supply: u64,
    held: u64,
    held_share: f64,
    left: u64,
    held_levelled: Option<u64>,
    held_fair: Option<u64>,
}

fn pool_json(p: &Pool) -> JsonPool {
    JsonPool {
        supply: p.supply,
        held: p.held,
        held_share: p.share(p.held),
        left: p.left(p.held),
        held_levelled: p.held_levelled,
        held_fair: p.held_fair,
    }
}

fn project_json(p: &ProjectReport) -> JsonProject<'_> {
    JsonProject {
        name: &p.name,
        prob_zero: p.prob_zero,
        totals: totals_json(&p.totals),
        pool: pool_json(&p.pool),
    }
}

/// One person's offer, under the names `tokenworth value` gives the same figures.
#[derive(Serialize)]
struct JsonOwn {
    expected: JsonExpected,
    prob_zero: f64,
    certainty_equivalent: String,
    salary_equivalent_annual_pretax: String,
    decision: JsonOwnDecision,
}

#[derive(Serialize)]
struct JsonExpected {
    token_pv: String,
    sacrifice_pv: String,
    net_pv: String,
}

#[derive(Serialize)]
struct JsonOwnDecision {
    risk_adjusted_net: String,
    risk_carried: String,
}

#[derive(Serialize)]
struct JsonMember<'a> {
    name: &'a str,
    project: &'a str,
    count: u64,
    tokens: u64,
    sacrificed_annual: String,
    offer: JsonOwn,
    each: JsonTotals,
    all: JsonTotals,
    levelled: JsonLevelled,
}

/// `{"status": "solved", "tokens": N}` or `{"status": "unreachable"}`, and the cost per person.
#[derive(Serialize)]
struct JsonGrant {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token_cost_each: Option<String>,
}

fn grant_json(solved: Solved<u64>, cost: Option<f64>) -> JsonGrant {
    match solved {
        Solved::At(t) => {
            JsonGrant { status: "solved", tokens: Some(t), token_cost_each: cost.map(cents) }
        }
        Solved::Unreachable | Solved::NotInPlan => {
            JsonGrant { status: "unreachable", tokens: None, token_cost_each: None }
        }
    }
}

#[derive(Serialize)]
struct JsonLevelled {
    to_target: JsonGrant,
    fair: JsonGrant,
}

fn member_json(m: &MemberReport) -> JsonMember<'_> {
    let o = &m.own;
    JsonMember {
        name: &m.name,
        project: &m.project,
        count: m.count,
        tokens: m.tokens,
        sacrificed_annual: decimal_cents(m.sacrificed_annual),
        offer: JsonOwn {
            expected: JsonExpected {
                token_pv: cents(o.expected_token_pv),
                sacrifice_pv: cents(o.expected_sacrifice_pv),
                net_pv: cents(o.expected_net_pv),
            },
            prob_zero: o.prob_zero,
            certainty_equivalent: cents(o.certainty_equivalent),
            salary_equivalent_annual_pretax: cents(o.salary_equivalent_annual_pretax),
            decision: JsonOwnDecision {
                risk_adjusted_net: cents(o.risk_adjusted_net),
                risk_carried: cents(o.risk_carried),
            },
        },
        each: totals_json(&m.each),
        all: totals_json(&m.all),
        levelled: JsonLevelled {
            to_target: grant_json(m.levelled.tokens, m.levelled.token_cost),
            fair: grant_json(m.levelled.fair_tokens, m.levelled.fair_token_cost),
        },
    }
}

#[derive(Serialize)]
struct JsonFairness<'a> {
    table: Vec<JsonFairRow<'a>>,
    spread: JsonSpread,
    level: JsonLevel,
}

/// The side-by-side table: one person of each member.
#[derive(Serialize)]
struct JsonFairRow<'a> {
    member: &'a str,
    project: &'a str,
    expected_token_pv: String,
    prob_zero: f64,
    risk_adjusted_net: String,
    value_per_unit_given_up: Option<f64>,
}

#[derive(Serialize)]
struct JsonSpread {
    best_project: Option<String>,
    best: Option<f64>,
    worst_project: Option<String>,
    worst: Option<f64>,
    difference: Option<f64>,
}

#[derive(Serialize)]
struct JsonLevel {
    target_value_per_unit_given_up: Option<f64>,
    target_member: Option<String>,
    extra_token_cost: Option<String>,
    extra_token_cost_fair: Option<String>,
}

/// The team report as the JSON object `tokenworth team` prints.
#[must_use]
pub fn to_json(report: &TeamReport) -> String {
    let spread = &report.spread;
    let json = JsonTeam {
        format: TEAM_REPORT_FORMAT,
        version: TEAM_REPORT_VERSION,
        company: &report.company,
        currency: &report.currency,
        discount_rate_pct: report.discount_rate_pct.normalize().to_string(),
        team: totals_json(&report.team),
        projects: report.projects.iter().map(project_json).collect(),
        members: report.members.iter().map(member_json).collect(),
        fairness: JsonFairness {
            table: report
                .members
                .iter()
                .map(|m| JsonFairRow {
                    member: &m.name,
                    project: &m.project,
                    expected_token_pv: cents(m.own.expected_token_pv),
                    prob_zero: m.own.prob_zero,
                    risk_adjusted_net: cents(m.own.risk_adjusted_net),
                    value_per_unit_given_up: m.each.value_per_unit_given_up(),
                })
                .collect(),
            spread: JsonSpread {
                best_project: spread.best.as_ref().map(|b| b.0.clone()),
                best: spread.best.as_ref().map(|b| b.1),
                worst_project: spread.worst.as_ref().map(|w| w.0.clone()),
                worst: spread.worst.as_ref().map(|w| w.1),
                difference: spread.difference(),
            },
            level: JsonLevel {
                target_value_per_unit_given_up: report.levelling.target,
                target_member: report.levelling.target_member.clone(),
                extra_token_cost: report.levelling.extra_token_cost.map(cents),
                extra_token_cost_fair: report.levelling.extra_token_cost_fair.map(cents),
            },
        },
    };
    serde_json::to_string_pretty(&json).unwrap_or_else(|_| String::from("{}"))
}

/// A ratio as people read it, two decimals (`0.43×`); a dash when there is none.
fn ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "–".to_string(), |r| format!("{r:.2}×"))
}

/// A levelled or fair grant in words: its tokens, or that no grant (up to the whole supply) makes
/// the member's deal fair, as the page and `--text` both say it.
#[must_use]
pub fn tokens_text(solved: Solved<u64>) -> String {
    match solved {
        Solved::At(t) => group_digits(&t.to_string()),
        Solved::Unreachable | Solved::NotInPlan => "no grant makes it fair".to_string(),
    }
}

/// A change in the team's token cost, or why there is none to give.
#[must_use]
pub fn cost_change_text(change: Option<f64>, currency: &str) -> String {
    change.map_or("– (for someone, no grant makes the deal fair)".to_string(), |x| {
        money(x, currency)
    })
}

/// How far apart the projects are, per unit of salary given up after risk; none with one project
/// (or no one giving up salary), where there is nothing to compare.
#[must_use]
pub fn spread_sentence(spread: &Spread) -> Option<String> {
    let (best, worst) = (spread.best.as_ref()?, spread.worst.as_ref()?);
    (best.0 != worst.0).then(|| {
        format!(
            "Across projects, per unit of salary given up after risk: {} {:+.2}, {} {:+.2}, apart by {:.2}.",
            best.0,
            best.1,
            worst.0,
            worst.1,
            best.1 - worst.1
        )
    })
}

/// A summary a person can read in a terminal: the same figures as the JSON, formatted for people.
#[must_use]
pub fn to_text(report: &TeamReport) -> String {
    let c = report.currency.as_str();
    let mut out = format!(
        "{}: the token plan across the team (company discount rate {}%)\n",
        report.company,
        report.discount_rate_pct.normalize()
    );
    out.push_str(
        "\nWhat the grant costs the company and what the grant alone is worth to the people who hold it\n\
         (cost: payouts before tax at the company's rate; grant's worth: the tokens alone as sure cash before income tax,\n\
         not the deal: the salary given up is set against it below)\n",
    );
    out.push_str(&format!(
        "  {:<34} {:>6} {:>16} {:>16} {:>16} {:>8} {:>16}\n",
        "", "people", "token cost", "salary saved", "grant's worth", "worth/", "risk carried"
    ));
    out.push_str(&format!(
        "  {:<34} {:>6} {:>16} {:>16} {:>16} {:>8} {:>16}\n",
        "", "", "", "", "", "cost", ""
    ));
    let mut row = |label: &str, t: &Totals| {
        out.push_str(&format!(
            "  {:<34} {:>6} {:>16} {:>16} {:>16} {:>8} {:>16}\n",
            label,
            t.people,
            money(t.token_cost, c),
            money(t.salary_saved, c),
            money(t.worth_pretax, c),
            ratio(t.worth_to_cost()),
            money(t.risk_carried, c),
        ));
    };
    for m in &report.members {
        row(&format!("{} · {}", m.project, m.name), &m.all);
    }
    for p in &report.projects {
        row(&format!("Project {}", p.name), &p.totals);
    }
    row("Whole team", &report.team);

    out.push_str(
        "\nIs it fair? The whole deal, after the salary given up: one person of each role, on their own\n\
         assumptions (after tax, today)\n",
    );
    out.push_str(&format!(
        "  {:<34} {:>16} {:>9} {:>16} {:>16}\n",
        "", "tokens, average", "nothing", "deal after risk", "per unit given up"
    ));
    for m in &report.members {
        out.push_str(&format!(
            "  {:<34} {:>16} {:>9} {:>16} {:>16}\n",
            format!("{} · {}", m.project, m.name),
            money(m.own.expected_token_pv, c),
            percent(m.own.prob_zero),
            money(m.own.risk_adjusted_net, c),
            m.each.value_per_unit_given_up().map_or("–".to_string(), |r| format!("{r:+.2}")),
        ));
    }
    if let Some(sentence) = spread_sentence(&report.spread) {
        out.push_str(&format!("  {sentence}\n"));
    }

    out.push_str("\nLevel the deal\n");
    match (&report.levelling.target, &report.levelling.target_member) {
        (Some(target), Some(whose)) => out.push_str(&format!(
            "  Target: {target:+.2} per unit of salary given up after risk, the best of any role ({whose}); \
             fair: the fewest tokens at which the offer is worth its salary after risk.\n"
        )),
        _ => out.push_str("  No one gives up salary: there is nothing to level.\n"),
    }
    out.push_str(&format!("  {:<34} {:>14} {:>18} {:>18}\n", "", "tokens now", "levelled", "fair"));
    for m in &report.members {
        out.push_str(&format!(
            "  {:<34} {:>14} {:>18} {:>18}\n",
            format!("{} · {}", m.project, m.name),
            group_digits(&m.tokens.to_string()),
            tokens_text(m.levelled.tokens),
            tokens_text(m.levelled.fair_tokens),
        ));
    }
    let change = |x: Option<f64>| cost_change_text(x, c);
    out.push_str(&format!(
        "  Change in the team's token cost: levelled {}, fair {}\n",
        change(report.levelling.extra_token_cost),
        change(report.levelling.extra_token_cost_fair)
    ));

    out.push_str("\nThe pool (tokens held by the team, of each project's supply at grant)\n");
    for p in &report.projects {
        let pool = &p.pool;
        let held = |h: Option<u64>| {
            h.map_or("–".to_string(), |h| {
                format!("{} ({})", group_digits(&h.to_string()), percent(pool.share(h)))
            })
        };
        out.push_str(&format!(
            "  {:<34} now {} of {}, {} left; levelled {}; fair {}\n",
            p.name,
            held(Some(pool.held)),
            group_digits(&pool.supply.to_string()),
            group_digits(&pool.left(pool.held).to_string()),
            held(pool.held_levelled),
            held(pool.held_fair),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 28: one project is not compared with itself ("Atlas −0.49, Atlas −0.49, apart by 0.00").
    #[test]
    fn the_spread_is_said_only_between_two_projects() {
        let spread = |best: (&str, f64), worst: (&str, f64)| Spread {
            best: Some((best.0.to_string(), best.1)),
            worst: Some((worst.0.to_string(), worst.1)),
        };
        assert_eq!(spread_sentence(&spread(("Atlas", -0.49), ("Atlas", -0.49))), None);
        assert_eq!(spread_sentence(&Spread { best: None, worst: None }), None);
        assert_eq!(
            spread_sentence(&spread(("Copilot", 0.25), ("Atlas", -0.5))).as_deref(),
            Some("Across projects, per unit of salary given up after risk: Copilot +0.25, Atlas -0.50, apart by 0.75.")
        );
        assert_eq!(tokens_text(Solved::Unreachable), "no grant makes it fair");
        assert_eq!(tokens_text(Solved::At(12_500)), "12,500");
    }
}
