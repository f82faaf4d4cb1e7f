//! The team's figures: for each member, each project and the whole team, what the tokens cost the
//! company, what they are worth to the people holding them, how fair the deals are side by side,
//! and the grants that would level them.
//!
//! Each member's own figures are `tokenworth value`'s for their offer (the same engine calls).
//! The company's figures value the same offer as the company sees it ([`company_offer`]): before
//! tax, at the company's discount rate, risk-neutral, over the same leaving months. Money is `f64`
//! in today's money, unrounded; [`super::report`] rounds it once.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::TeamFile;
use crate::engine::decision::GrantSizes;
use crate::engine::{value_exact_figures, EngineError, Solved};
use crate::offer::Offer;

/// Everything the team report shows, unrounded.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamReport {
    pub company: String,
    pub currency: String,
    pub discount_rate_pct: Decimal,
    /// In the team file's order.
    pub members: Vec<MemberReport>,
    /// In the team file's order.
    pub projects: Vec<ProjectReport>,
    /// Every member × count.
    pub team: Totals,
    pub spread: Spread,
    pub levelling: Levelling,
}

/// One member (a person, or a role of `count` people).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberReport {
    pub name: String,
    pub project: String,
    pub count: u64,
    pub tokens: u64,
    pub sacrificed_annual: Decimal,
    /// One person's figures from their own offer, exactly as `tokenworth value` reports them.
    pub own: OwnFigures,
    /// One person's figures, the company's and theirs side by side.
    pub each: Totals,
    /// `each` × count.
    pub all: Totals,
    pub levelled: Levelled,
}

/// The figures of one person's offer as `tokenworth value` reports them: after their taxes, at
/// their discount rate, risk and wealth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OwnFigures {
    pub expected_token_pv: f64,
    /// The token value's range (the range chart draws it).
    pub distribution: crate::engine::Distribution,
    pub expected_sacrifice_pv: f64,
    pub expected_net_pv: f64,
    pub prob_zero: f64,
    pub certainty_equivalent: f64,
    pub salary_equivalent_annual_pretax: f64,
    pub risk_adjusted_net: f64,
    pub risk_carried: f64,
}

/// Money figures that add up over people: one person's, a role's, a project's or the team's.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    pub people: u64,
    /// What the tokens are expected to cost the company: the payouts before tax, at the company's
    /// discount rate, over the leaving months, tokens still held at the horizon at their formula
    /// price without the holder's illiquidity discount.
    pub token_cost: f64,
    /// The salary the company does not pay: what the members give up, before tax, at the
    /// company's rate, while they are employed.
    pub salary_saved: f64,
    /// The members' expected token value (after their tax, at their rate).
    pub expected_token_pv: f64,
    /// The salary they give up (after their tax, at their rate).
    pub expected_sacrifice_pv: f64,
    /// What the tokens are worth to them for sure (the certainty equivalent).
    pub certainty_equivalent: f64,
    /// The same as cash today before income tax: `CE / (1 − income tax)`, what a cash bonus in its
    /// place would cost the company.
    pub worth_pretax: f64,
    /// The raise in yearly pay before tax worth as much to them.
    pub salary_equivalent_annual_pretax: f64,
    /// The certainty equivalent of token value minus salary given up, path by path.
    pub risk_adjusted_net: f64,
    /// Expected net value minus the risk-adjusted net value: the project's risk the members
    /// carry, in money.
    pub risk_carried: f64,
}

impl Totals {
    fn times(self, n: u64) -> Totals {
        // People counts are at most a million a member: exact in f64.
        #[allow(clippy::cast_precision_loss)]
        let k = n as f64;
        Totals {
            people: self.people.saturating_mul(n),
            token_cost: self.token_cost * k,
            salary_saved: self.salary_saved * k,
            expected_token_pv: self.expected_token_pv * k,
            expected_sacrifice_pv: self.expected_sacrifice_pv * k,
            certainty_equivalent: self.certainty_equivalent * k,
            worth_pretax: self.worth_pretax * k,
            salary_equivalent_annual_pretax: self.salary_equivalent_annual_pretax * k,
            risk_adjusted_net: self.risk_adjusted_net * k,
            risk_carried: self.risk_carried * k,
        }
    }

    fn plus(self, o: Totals) -> Totals {
        Totals {
            people: self.people.saturating_add(o.people),
            token_cost: self.token_cost + o.token_cost,
            salary_saved: self.salary_saved + o.salary_saved,
            expected_token_pv: self.expected_token_pv + o.expected_token_pv,
            expected_sacrifice_pv: self.expected_sacrifice_pv + o.expected_sacrifice_pv,
            certainty_equivalent: self.certainty_equivalent + o.certainty_equivalent,
            worth_pretax: self.worth_pretax + o.worth_pretax,
            salary_equivalent_annual_pretax: self.salary_equivalent_annual_pretax
                + o.salary_equivalent_annual_pretax,
            risk_adjusted_net: self.risk_adjusted_net + o.risk_adjusted_net,
            risk_carried: self.risk_carried + o.risk_carried,
        }
    }

    /// What the plan costs the company net of the salary it saves.
    #[must_use]
    pub fn net_cost(&self) -> f64 {
        self.token_cost - self.salary_saved
    }

    /// What the company spends beyond what the grants are worth to the people holding them.
    #[must_use]
    pub fn cost_beyond_worth(&self) -> f64 {
        self.token_cost - self.worth_pretax
    }

    /// Worth to the members per unit of cost to the company; `None` when the tokens cost nothing.
    #[must_use]
    pub fn worth_to_cost(&self) -> Option<f64> {
        (self.token_cost > 0.0).then(|| self.worth_pretax / self.token_cost)
    }

    /// The risk-adjusted net value per unit of salary given up (both after tax, today); `None`
    /// when nothing is given up. Zero is a fair deal at the members' assumptions.
    #[must_use]
    pub fn value_per_unit_given_up(&self) -> Option<f64> {
        (self.expected_sacrifice_pv > 0.0)
            .then(|| self.risk_adjusted_net / self.expected_sacrifice_pv)
    }
}

/// A project's members together, and its pool.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectReport {
    pub name: String,
    pub totals: Totals,
    /// The chance of nothing, averaged over the project's people.
    pub prob_zero: f64,
    pub pool: Pool,
}

/// How much of a project's supply the team holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pool {
    /// The supply at grant (dilution adds to it later).
    pub supply: u64,
    /// Each member's tokens × count.
    pub held: u64,
    /// Held under the levelled grants; `None` when one of them cannot be reached.
    pub held_levelled: Option<u64>,
    /// Held under the fair grants; `None` when one of them cannot be reached.
    pub held_fair: Option<u64>,
}

impl Pool {
    /// The share of the supply a number of tokens is, 0..1.
    #[must_use]
    pub fn share(&self, tokens: u64) -> f64 {
        // Token counts beyond 2^53 lose digits far below a percent's.
        #[allow(clippy::cast_precision_loss)]
        let share = tokens as f64 / self.supply.max(1) as f64;
        share
    }

    /// What is left of the supply for later hires (zero when the grants take all of it or more).
    #[must_use]
    pub fn left(&self, held: u64) -> u64 {
        self.supply.saturating_sub(held)
    }
}

/// A member's grant levelled two ways.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Levelled {
    /// The tokens that give this member the target risk-adjusted value per unit of salary given
    /// up ([`Levelling::target`]); the grant as it is for a member at or above the target, or who
    /// gives up nothing.
    pub tokens: Solved<u64>,
    /// The fewest tokens that make the offer fair at the member's assumptions (a risk-adjusted net
    /// value of zero or more): fewer than now when it is more than fair.
    pub fair_tokens: Solved<u64>,
    /// One person's token cost to the company under `tokens` and `fair_tokens`.
    pub token_cost: Option<f64>,
    pub fair_token_cost: Option<f64>,
}

/// The target of "level the deal" and what levelling costs.
#[derive(Debug, Clone, PartialEq)]
pub struct Levelling {
    /// The best risk-adjusted value per unit of salary given up of any member: levelling lifts
    /// everyone to it and lowers no one. `None` when no one gives up salary.
    pub target: Option<f64>,
    /// Whose it is (`project · member`).
    pub target_member: Option<String>,
    /// The change in the team's token cost under the levelled and under the fair grants; `None`
    /// when a grant cannot be reached.
    pub extra_token_cost: Option<f64>,
    pub extra_token_cost_fair: Option<f64>,
}

/// How far apart the projects' deals are.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// The projects with the best and the worst risk-adjusted value per unit of salary given up,
    /// and that value; `None` when no one gives up salary.
    pub best: Option<(String, f64)>,
    pub worst: Option<(String, f64)>,
}

impl Spread {
    /// Best minus worst value per unit of salary given up.
    #[must_use]
    pub fn difference(&self) -> Option<f64> {
        Some(self.best.as_ref()?.1 - self.worst.as_ref()?.1)
    }
}

/// The member's offer as the company sees it: no tax on either side (payouts and the salary it
/// saves are counted before tax), the company's discount rate, risk-neutral, and the tokens still
/// held at the horizon at their full formula price (the illiquidity discount is the holder's,
/// not a saving of the company's, which still owes what the tokens pay later).
#[must_use]
pub fn company_offer(offer: &Offer, discount_rate_pct: Decimal) -> Offer {
    let mut company = offer.clone();
    company.personal.discount_rate_pct = discount_rate_pct;
    company.personal.income_tax_pct = Decimal::ZERO;
    company.personal.redemption_tax_pct = Decimal::ZERO;
    company.personal.risk_aversion = Decimal::ZERO;
    if let Some(buyback) = company.payouts.buyback.as_mut() {
        buyback.illiquidity_discount_pct = Decimal::ZERO;
    }
    company
}

/// One person's figures, and what the levelling needs of them.
struct Valued {
    own: OwnFigures,
    each: Totals,
    sizes: GrantSizes,
    cost_sizes: GrantSizes,
}

fn value_member(offer: &Offer, discount_rate_pct: Decimal) -> Result<Valued, EngineError> {
    // The deal after risk is the headline's (`Report::deal`), figure for figure what `decide`
    // finds first: the asks and what would change the answer, which revalue the offer hundreds
    // of times, are not the team report's.
    let report = value_exact_figures(offer)?;
    let company = company_offer(offer, discount_rate_pct);
    let cost = value_exact_figures(&company)?;
    let income_kept = 1.0 - offer.personal.income_tax_pct.to_f64().unwrap_or(0.0) / 100.0;
    let own = OwnFigures {
        expected_token_pv: report.expected.token_pv,
        distribution: report.distribution,
        expected_sacrifice_pv: report.expected.sacrifice_pv,
        expected_net_pv: report.expected.net_pv,
        prob_zero: report.prob_zero,
        certainty_equivalent: report.certainty_equivalent,
        salary_equivalent_annual_pretax: report.salary_equivalent_annual_pretax,
        risk_adjusted_net: report.deal.risk_adjusted_net,
        risk_carried: report.deal.cost_of_risk,
    };
    let each = Totals {
        people: 1,
        token_cost: cost.expected.token_pv,
        salary_saved: cost.expected.sacrifice_pv,
        expected_token_pv: own.expected_token_pv,
        expected_sacrifice_pv: own.expected_sacrifice_pv,
        certainty_equivalent: own.certainty_equivalent,
        worth_pretax: if income_kept > 0.0 { own.certainty_equivalent / income_kept } else { 0.0 },
        salary_equivalent_annual_pretax: own.salary_equivalent_annual_pretax,
        risk_adjusted_net: own.risk_adjusted_net,
        risk_carried: own.risk_carried,
    };
    Ok(Valued { own, each, sizes: GrantSizes::new(offer)?, cost_sizes: GrantSizes::new(&company)? })
}

/// Values a validated team: every member, every project, the whole team, and the levelling.
///
/// Never panics; a figure too large to compute is an [`EngineError`].
pub fn value_team(team: &TeamFile) -> Result<TeamReport, EngineError> {
    TeamValuation::new(team.clone()).finish()
}

/// [`value_team`] one step at a time, so that a page can spread it over short tasks: each
/// member's figures, then each member's levelled grant (which needs every member's figures first,
/// for the target), then each member's fair grant, then the report.
pub struct TeamValuation {
    team: TeamFile,
    valued: Vec<Valued>,
    /// Each member's levelled grant, and its cost.
    levelled: Vec<(Solved<u64>, Option<f64>)>,
    /// Each member's fair grant, and its cost.
    fair: Vec<(Solved<u64>, Option<f64>)>,
}

impl TeamValuation {
    #[must_use]
    pub fn new(team: TeamFile) -> TeamValuation {
        TeamValuation { team, valued: Vec::new(), levelled: Vec::new(), fair: Vec::new() }
    }

    /// Takes the next step, one member's figures, levelled grant or fair grant; `Ok(true)` once
    /// every step is taken.
    pub fn step(&mut self) -> Result<bool, EngineError> {
        let team = &self.team;
        if let Some(member) = team.members.get(self.valued.len()) {
            self.valued.push(value_member(&member.offer, team.discount_rate_pct)?);
        } else if let Some(member) = team.members.get(self.levelled.len()) {
            let v = &self.valued[self.levelled.len()];
            self.levelled.push(levelled(member, v, levelling_target(&self.valued))?);
        } else if let Some(member) = team.members.get(self.fair.len()) {
            self.fair.push(fair(member, &self.valued[self.fair.len()])?);
        }
        Ok(self.is_finished())
    }

    /// Whether every step is taken.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.fair.len() == self.team.members.len()
    }

    /// The report, after any steps left.
    pub fn finish(mut self) -> Result<TeamReport, EngineError> {
        while !self.step()? {}
        Ok(self.report())
    }

    fn report(self) -> TeamReport {
        let TeamValuation { team, valued, levelled, fair } = self;
        let target = levelling_target(&valued);
        let members: Vec<MemberReport> = team
            .members
            .iter()
            .zip(valued)
            .zip(levelled.into_iter().zip(fair))
            .map(|((member, v), ((tokens, token_cost), (fair_tokens, fair_token_cost)))| {
                MemberReport {
                    name: member.name.clone(),
                    project: team
                        .projects
                        .get(member.project)
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    count: member.count,
                    tokens: member.offer.grant.tokens,
                    sacrificed_annual: member.offer.salary.sacrificed_annual,
                    own: v.own,
                    each: v.each,
                    all: v.each.times(member.count),
                    levelled: Levelled { tokens, fair_tokens, token_cost, fair_token_cost },
                }
            })
            .collect();

        let projects: Vec<ProjectReport> = team
            .projects
            .iter()
            .enumerate()
            .map(|(p, project)| project_report(&team, &members, p, &project.name))
            .collect();
        let team_totals = members.iter().fold(Totals::default(), |t, m| t.plus(m.all));

        let ranked: Vec<(String, f64)> = projects
            .iter()
            .filter_map(|p| Some((p.name.clone(), p.totals.value_per_unit_given_up()?)))
            .collect();
        let best = ranked.iter().cloned().reduce(|a, b| if b.1 > a.1 { b } else { a });
        let worst = ranked.iter().cloned().reduce(|a, b| if b.1 < a.1 { b } else { a });

        let extra = |pick: fn(&Levelled) -> Option<f64>| -> Option<f64> {
            members.iter().try_fold(0.0, |sum, m| {
                #[allow(clippy::cast_precision_loss)]
                let people = m.count as f64;
                Some(sum + (pick(&m.levelled)? - m.each.token_cost) * people)
            })
        };
        let levelling = Levelling {
            target: target.map(|(_, r)| r),
            target_member: target
                .map(|(i, _)| format!("{} · {}", members[i].project, members[i].name)),
            extra_token_cost: extra(|l| l.token_cost),
            extra_token_cost_fair: extra(|l| l.fair_token_cost),
        };

        TeamReport {
            company: team.company.clone(),
            currency: team.currency().to_string(),
            discount_rate_pct: team.discount_rate_pct,
            members,
            projects,
            team: team_totals,
            spread: Spread { best, worst },
            levelling,
        }
    }
}

/// The target of the levelling: the member with the best value per unit of salary given up, and
/// that value (the first on a tie).
fn levelling_target(valued: &[Valued]) -> Option<(usize, f64)> {
    let mut target: Option<(usize, f64)> = None;
    for (i, v) in valued.iter().enumerate() {
        if let Some(ratio) = v.each.value_per_unit_given_up() {
            if target.is_none_or(|(_, best)| ratio > best) {
                target = Some((i, ratio));
            }
        }
    }
    target
}

/// A member's grant levelled to the `target`, and its cost to the company.
fn levelled(
    member: &super::Member,
    v: &Valued,
    target: Option<(usize, f64)>,
) -> Result<(Solved<u64>, Option<f64>), EngineError> {
    let tokens = member.offer.grant.tokens;
    let sacrifice = v.each.expected_sacrifice_pv;
    let levelled = match (target, v.each.value_per_unit_given_up()) {
        (Some((_, goal)), Some(ratio)) if ratio < goal => {
            v.sizes.fewest_tokens(tokens, |net| net / sacrifice >= goal)?
        }
        _ => Solved::At(tokens),
    };
    Ok((levelled, cost_at(v, levelled)?))
}

/// A member's fair grant, and its cost to the company.
fn fair(member: &super::Member, v: &Valued) -> Result<(Solved<u64>, Option<f64>), EngineError> {
    let fair = v.sizes.fewest_tokens(member.offer.grant.tokens, |net| net >= 0.0)?;
    Ok((fair, cost_at(v, fair)?))
}

/// One person's token cost to the company under a grant, if it can be reached.
fn cost_at(v: &Valued, solved: Solved<u64>) -> Result<Option<f64>, EngineError> {
    match solved {
        Solved::At(t) => v.cost_sizes.expected_token_pv(t).map(Some),
        _ => Ok(None),
    }
}

fn project_report(
    team: &TeamFile,
    members: &[MemberReport],
    p: usize,
    name: &str,
) -> ProjectReport {
    let on_it: Vec<(&MemberReport, u64)> = team
        .members
        .iter()
        .zip(members)
        .filter(|(m, _)| m.project == p)
        .map(|(m, r)| (r, m.offer.grant.supply))
        .collect();
    let totals = on_it.iter().fold(Totals::default(), |t, (m, _)| t.plus(m.all));
    #[allow(clippy::cast_precision_loss)]
    let prob_zero = if totals.people > 0 {
        on_it.iter().map(|(m, _)| m.own.prob_zero * m.count as f64).sum::<f64>()
            / totals.people as f64
    } else {
        0.0
    };
    let held_under = |pick: fn(&Levelled) -> Solved<u64>| -> Option<u64> {
        on_it.iter().try_fold(0u64, |sum, (m, _)| match pick(&m.levelled) {
            Solved::At(t) => Some(sum.saturating_add(t.saturating_mul(m.count))),
            _ => None,
        })
    };
    ProjectReport {
        name: name.to_string(),
        totals,
        prob_zero,
        pool: Pool {
            supply: on_it.first().map_or(0, |(_, s)| *s),
            held: on_it
                .iter()
                .fold(0u64, |sum, (m, _)| sum.saturating_add(m.tokens.saturating_mul(m.count))),
            held_levelled: held_under(|l| l.tokens),
            held_fair: held_under(|l| l.fair_tokens),
        },
    }
}
