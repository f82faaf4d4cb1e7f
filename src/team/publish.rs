//! "Publish": what each project's intranet site serves (README, "Hosting it on a company
//! intranet"): its `plan.json`, the `tokenworth.config.json` that names it, and a plan disclosure
//! page with the terms in plain words, every role's grant and the company's checklist answers.
//!
//! The calculator locks the plan's grant (`crate::plan::LOCKED`), so one site serves one grant:
//! a project's `plan.json` carries the grant of its largest role (the first on a tie), with that
//! role's assumptions as the employee's starting point; the disclosure page lists every role's.

use rust_decimal::Decimal;
use serde_json::json;

use super::TeamFile;
use crate::form::fields::CHECKLIST_QUESTIONS;
use crate::format::{group_digits, money_decimal};
use crate::offer::{write_offer, Answer, Offer, OnLeave, PoolBasis};
use crate::plan::CONFIG_FORMAT;

/// The plan's file name beside `index.html`.
pub const PLAN_FILE: &str = "plan.json";
/// The disclosure page's file name beside `index.html`.
pub const DISCLOSURE_FILE: &str = "plan.html";

/// What one project's site serves.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub project: String,
    /// A directory name for the site, from the project's name (`copilot`).
    pub directory: String,
    /// The text of `plan.json`: an offer file the offer reader reads.
    pub plan_json: String,
    /// The text of `tokenworth.config.json`, naming `plan.json`, the company and `plan.html`.
    pub config_json: String,
    pub disclosure: Disclosure,
    /// The disclosure page (`plan.html`) as a static HTML document: no script, no inline style (it is served
    /// under the site's strict content security policy), all text escaped.
    pub disclosure_html: String,
}

/// The plan disclosure page's content.
#[derive(Debug, Clone, PartialEq)]
pub struct Disclosure {
    pub title: String,
    pub company: String,
    pub project: String,
    pub notes: Option<String>,
    /// The terms in plain words, one paragraph each.
    pub terms: Vec<Term>,
    pub roles: Vec<RoleGrant>,
    /// The company's own scenarios for the project (employees may set their own in the calculator).
    pub scenarios: Vec<ScenarioLine>,
    /// Each transparency question with the company's answer.
    pub checklist: Vec<(&'static str, Answer)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub heading: &'static str,
    pub text: String,
}

/// One role's grant as the page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleGrant {
    pub role: String,
    pub people: u64,
    pub tokens: u64,
    /// The salary each gives up a year, in the currency's words (`$20,000.00`).
    pub sacrificed_annual: String,
    /// Of the supply at grant, 0..1.
    pub share_of_supply: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioLine {
    pub name: String,
    pub probability_pct: Decimal,
    pub text: String,
}

/// Every project's site.
#[must_use]
pub fn publish(team: &TeamFile) -> Vec<Site> {
    team.projects
        .iter()
        .enumerate()
        .filter_map(|(p, project)| {
            // The largest role's offer is the plan; the reader gives every project a member.
            let (_, plan_member) =
                team.members_of(p)
                    .reduce(|best, m| if m.1.count > best.1.count { m } else { best })?;
            let mut plan = plan_member.offer.clone();
            plan.name = format!("{} token plan ({})", team.company, project.name);
            let config = json!({
                "format": CONFIG_FORMAT,
                "version": 1,
                "plan": PLAN_FILE,
                "company": team.company,
                "disclosure": DISCLOSURE_FILE,
            });
            let disclosure = disclosure(team, p, &plan);
            Some(Site {
                project: project.name.clone(),
                directory: slug(&project.name, p),
                plan_json: write_offer(&plan),
                config_json: serde_json::to_string_pretty(&config).unwrap_or_default(),
                disclosure_html: disclosure_html(&disclosure),
                disclosure,
            })
        })
        .collect()
}

/// A directory name: lower-case letters and digits, other runs as one `-`; `project-N` if none.
fn slug(name: &str, p: usize) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        format!("project-{}", p.saturating_add(1))
    } else {
        trimmed.to_string()
    }
}

fn disclosure(team: &TeamFile, p: usize, plan: &Offer) -> Disclosure {
    let project = &team.projects[p];
    let roles = team
        .members_of(p)
        .map(|(_, m)| {
            // Whole tokens of a supply of at least one: the share loses nothing a page shows.
            #[allow(clippy::cast_precision_loss)]
            let share = m.offer.grant.tokens as f64 / m.offer.grant.supply.max(1) as f64;
            RoleGrant {
                role: m.name.clone(),
                people: m.count,
                tokens: m.offer.grant.tokens,
                sacrificed_annual: money_decimal(m.offer.salary.sacrificed_annual, &plan.currency),
                share_of_supply: share,
            }
        })
        .collect();
    let scenarios = plan
        .scenarios
        .iter()
        .map(|s| {
            let revenue: Vec<String> =
                s.annual_revenue.iter().map(|r| money_decimal(*r, &plan.currency)).collect();
            let mut text = if s.annual_revenue.iter().all(Decimal::is_zero) {
                "No revenue.".to_string()
            } else {
                format!("Revenue a year, year 1 first (the last repeats): {}.", revenue.join(", "))
            };
            if let Some(c) = s.cancelled_month {
                text.push_str(&format!(" Cancelled at the end of month {c}."));
            }
            if !s.milestones_hit.is_empty() {
                text.push_str(&format!(" Reaches: {}.", s.milestones_hit.join(", ")));
            }
            ScenarioLine { name: s.name.clone(), probability_pct: s.probability_pct, text }
        })
        .collect();
    Disclosure {
        title: format!("{}: the {} token plan", team.company, project.name),
        company: team.company.clone(),
        project: project.name.clone(),
        notes: project.notes.clone(),
        terms: terms_in_words(plan),
        roles,
        scenarios,
        checklist: CHECKLIST_QUESTIONS
            .iter()
            .map(|(key, question)| (*question, plan.checklist.answer(key)))
            .collect(),
    }
}

fn pct(d: Decimal) -> String {
    format!("{}%", d.normalize())
}

/// The plan's terms in plain words.
fn terms_in_words(plan: &Offer) -> Vec<Term> {
    let c = plan.currency.as_str();
    let g = &plan.grant;
    let v = &g.vesting;
    let mut terms = vec![Term {
        heading: "The tokens",
        text: format!(
            "The project has {} tokens at grant{}. Each role's grant is listed below.",
            group_digits(&g.supply.to_string()),
            if g.annual_dilution_pct.is_zero() {
                String::new()
            } else {
                format!(
                    "; {} more are issued each year, so every holder's share shrinks by that much",
                    pct(g.annual_dilution_pct)
                )
            }
        ),
    }];
    let every = if v.every_months == 1 {
        "every month".to_string()
    } else {
        format!("every {} months", v.every_months)
    };
    terms.push(Term {
        heading: "Vesting",
        text: vesting_in_words(v.cliff_months, v.duration_months, &every),
    });
    let payouts = &plan.payouts;
    terms.push(Term {
        heading: "Share of revenue",
        text: match &payouts.revenue_share {
            None => "The tokens receive no share of the project's revenue.".to_string(),
            Some(s) => {
                let basis = match s.basis {
                    PoolBasis::Revenue => "revenue".to_string(),
                    PoolBasis::GrossProfit => {
                        format!("gross profit (revenue × a {} margin)", pct(s.gross_margin_pct))
                    }
                };
                let when = if s.every_months == 1 {
                    "every month".to_string()
                } else {
                    format!("every {} months", s.every_months)
                };
                format!(
                    "{} of the project's {basis} is paid to holders {when}, split by the tokens each holds out of the whole supply.",
                    pct(s.pool_pct)
                )
            }
        },
    });
    terms.push(Term {
        heading: "Milestones",
        text: if payouts.milestones.is_empty() {
            "No payment is tied to a milestone.".to_string()
        } else {
            let each: Vec<String> = payouts
                .milestones
                .iter()
                .map(|m| {
                    format!(
                        "{}: {} a token held at month {}",
                        m.name,
                        money_decimal(m.per_token, c),
                        m.month
                    )
                })
                .collect();
            format!("If the project reaches it: {}.", each.join("; "))
        },
    });
    terms.push(Term {
        heading: "Buyback",
        text: match &payouts.buyback {
            None => "The company does not buy tokens back; there is no price at which to sell them.".to_string(),
            Some(b) => {
                let mut text = format!(
                    "From month {} and every {} months after, the company buys back up to {} of the tokens each holder holds, at {}× the project's revenue of the last twelve months divided by the supply.",
                    b.first_window_month,
                    b.every_months,
                    pct(b.sell_pct),
                    b.revenue_multiple.normalize()
                );
                if let Some(floor) = b.floor_price {
                    text.push_str(&format!(" It never pays less than {} a token while the project runs.", money_decimal(floor, c)));
                }
                if b.terminal {
                    text.push_str(&format!(
                        " Tokens still held after {} months are valued at that price less {} for being hard to sell.",
                        plan.horizon_months,
                        pct(b.illiquidity_discount_pct)
                    ));
                }
                text
            }
        },
    });
    terms.push(Term {
        heading: "If you leave",
        text: format!(
            "Tokens not yet vested are lost. {}",
            match plan.leaving.vested_on_leave {
                OnLeave::Keep => "Vested tokens stay yours and keep paying.",
                OnLeave::Forfeit => "Vested tokens are lost too.",
                OnLeave::Buyback => "The company buys your vested tokens at the buyback price on the day you leave.",
            }
        ),
    });
    terms.push(Term {
        heading: "If the project is cancelled",
        text: "Nothing more is paid after the month it is shut down: no share of revenue, milestone, buyback or end value.".to_string(),
    });
    terms
}

/// The vesting of MODEL.md 2.1 in words: at the cliff the months since the grant count at once.
fn vesting_in_words(cliff: u32, duration: u32, every: &str) -> String {
    if cliff == 0 {
        return format!(
            "The grant vests {every}, in equal parts, until it has all vested at month {duration}."
        );
    }
    format!(
        "Nothing vests before the end of month {cliff}, when the months since the grant count at once; \
         then more vests {every} until it has all vested at month {duration}."
    )
}

/// Text safe inside HTML elements and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The disclosure page as a printable, static HTML document.
#[must_use]
pub fn disclosure_html(d: &Disclosure) -> String {
    let mut h = String::new();
    let title = escape(&d.title);
    h.push_str(&format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
    ));
    h.push_str(&format!(
        "<p>These are the terms {} sets for tokens of the project {}. Open the <a href=\"./\">calculator</a> to see what they are worth on your own assumptions.</p>\n",
        escape(&d.company),
        escape(&d.project)
    ));
    if let Some(notes) = &d.notes {
        h.push_str(&format!("<p>{}</p>\n", escape(notes)));
    }
    h.push_str("<h2>The terms</h2>\n");
    for t in &d.terms {
        h.push_str(&format!("<h3>{}</h3>\n<p>{}</p>\n", escape(t.heading), escape(&t.text)));
    }
    h.push_str("<h2>Grants by role</h2>\n<table>\n<thead><tr><th scope=\"col\">Role</th><th scope=\"col\">People</th><th scope=\"col\">Tokens each</th><th scope=\"col\">Share of the supply</th><th scope=\"col\">Salary given up a year</th></tr></thead>\n<tbody>\n");
    for r in &d.roles {
        h.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&r.role),
            r.people,
            group_digits(&r.tokens.to_string()),
            crate::format::percent(r.share_of_supply),
            escape(&r.sacrificed_annual)
        ));
    }
    h.push_str("</tbody>\n</table>\n<h2>The company's scenarios</h2>\n<p>How the company itself sees the project's chances; set your own in the calculator.</p>\n<ul>\n");
    for s in &d.scenarios {
        h.push_str(&format!(
            "<li><strong>{}</strong> ({}): {}</li>\n",
            escape(&s.name),
            pct(s.probability_pct),
            escape(&s.text)
        ));
    }
    h.push_str("</ul>\n<h2>The company's answers</h2>\n<table>\n<thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Answer</th></tr></thead>\n<tbody>\n");
    for (question, answer) in &d.checklist {
        let word = match answer {
            Answer::Yes => "Yes",
            Answer::No => "No",
            Answer::Unknown => "Not answered",
        };
        h.push_str(&format!("<tr><td>{}</td><td>{word}</td></tr>\n", escape(question)));
    }
    h.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::{escape, slug};

    #[test]
    fn names_become_directories_and_text_is_escaped() {
        assert_eq!(slug("Copilot (GA)", 0), "copilot-ga");
        assert_eq!(slug("  ", 1), "project-2");
        assert_eq!(escape("<b>\"R&D\"</b>'"), "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;&#39;");
    }
}
