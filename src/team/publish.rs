//! "Publish": what each project's intranet site serves (README, "Hosting it on a company
//! intranet"): its `plan.json`, the `tokenworth.config.json` that names it, and a plan disclosure
//! page with the terms in plain words, every role's grant and the company's checklist answers.
//!
//! The calculator locks the plan's grant (`crate::team::intranet::LOCKED`), so one site serves one grant:
//! a project's `plan.json` carries the grant of its largest role (the first on a tie), with that
//! role's assumptions as the employee's starting point; the disclosure page lists every role's.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::TeamFile;
use crate::offer::paths;
use crate::offer::reader::parse_decimal;
use crate::offer::{write_offer, Answer, Offer, OnLeave, PoolBasis};
use crate::report::checklist::CHECKLIST_QUESTIONS;
use crate::report::format::{group_digits, money_decimal, percent_number};
use crate::team::intranet::CONFIG_FORMAT;

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

impl Disclosure {
    /// Every claim the page makes that only the company can make, in the page's words: its note
    /// on the project, each checklist answer it gives (yes or no: "not answered" claims nothing)
    /// and its scenarios. The Company view shows them for confirmation before any download, so
    /// that a company never publishes a claim it did not make (issue 28).
    #[must_use]
    pub fn claims(&self) -> Vec<String> {
        let notes = self.notes.iter().map(|n| format!("About the project: {n}"));
        let answers = self.checklist.iter().filter_map(|(question, answer)| match answer {
            Answer::Yes => Some(format!("{question} Yes.")),
            Answer::No => Some(format!("{question} No.")),
            Answer::Unknown => None,
        });
        let scenarios = self.scenarios.iter().map(|s| {
            format!("The company's scenario {} ({}): {}", s.name, pct(s.probability_pct), s.text)
        });
        notes.chain(answers).chain(scenarios).collect()
    }
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
            let disclosure = disclosure(team, p, &plan, &plan_member.document);
            Some(Site {
                project: project.name.clone(),
                directory: directory(&project.name, p),
                plan_json: write_offer(&plan),
                config_json: serde_json::to_string_pretty(&config).unwrap_or_default(),
                disclosure_html: disclosure_html(&disclosure),
                disclosure,
            })
        })
        .collect()
}

/// The directory of project `p`'s site: lower-case letters and digits, other runs as one `-`;
/// `project-N` if none. The team reader refuses two projects with one directory.
pub(crate) fn directory(name: &str, p: usize) -> String {
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

fn disclosure(team: &TeamFile, p: usize, plan: &Offer, document: &Value) -> Disclosure {
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
                // Amounts with a decimal comma (`1.000,00 €`) are listed with semicolons.
                let comma = crate::report::locale::style().is_some_and(|s| s.decimal == ",");
                let between = if comma { "; " } else { ", " };
                format!(
                    "Revenue a year, year 1 first (the last repeats): {}.",
                    revenue.join(between)
                )
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
        terms: terms_in_words(plan, document),
        roles,
        scenarios,
        checklist: CHECKLIST_QUESTIONS
            .iter()
            .map(|(key, question)| (*question, plan.checklist.answer(key)))
            .collect(),
    }
}

/// A percentage of the plan's as written (`12.5%`), in the installed number format (`12,5 %`).
fn pct(d: Decimal) -> String {
    percent_number(&d.normalize().to_string())
}

/// The plan's terms in plain words.
fn terms_in_words(plan: &Offer, document: &Value) -> Vec<Term> {
    let c = plan.currency.as_str();
    let g = &plan.grant;
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
    terms.push(Term { heading: "Vesting", text: vesting_in_words(document) });
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
                let tender = paths::get(document, "payouts.buyback.price").and_then(Value::as_str)
                    == Some("scenario");
                let price = if tender {
                    "at that year's tender price".to_string()
                } else {
                    format!(
                        "at {}× the project's revenue of the last twelve months divided by the supply",
                        group_digits(&b.multiple().normalize().to_string())
                    )
                };
                let mut text = format!(
                    "From month {} and every {} months after, the company buys back up to {} of the tokens each holder holds, {price}.",
                    b.first_window_month,
                    b.every_months,
                    pct(b.sell_pct),
                );
                if let Some(floor) = b.floor_price {
                    text.push_str(&format!(" It never pays less than {} a token while the project runs.", money_decimal(floor, c)));
                }
                // The illiquidity discount is the calculator's valuation assumption, not a term
                // the company sets: said apart from the plan's terms (issue 28).
                if b.terminal {
                    text.push_str(&format!(
                        " (Not a term of the plan: the calculator values the tokens still held after {} months at that price less {} for being hard to sell, an assumption each person may change.)",
                        plan.horizon_months,
                        pct(b.illiquidity_discount_pct)
                    ));
                }
                text
            }
        },
    });
    terms.extend(version_3_terms(document, c));
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

/// The text of a decimal or whole number at `path` of the plan's offer document.
fn number_at(document: &Value, path: &str) -> Option<Decimal> {
    match paths::get(document, path)? {
        Value::String(s) => parse_decimal(s).ok(),
        Value::Number(n) => parse_decimal(&n.to_string()).ok(),
        _ => None,
    }
}

fn every_words(months: Decimal) -> String {
    if months == Decimal::ONE {
        "every month".to_string()
    } else {
        format!("every {} months", months.normalize())
    }
}

/// The vesting in words, read from the offer document so that both of its forms are described:
/// MODEL.md 2.1's cliff and steps (at the cliff the months since the grant count at once) and
/// version 3's schedule of steps and runs (MODEL.md 7.1).
fn vesting_in_words(document: &Value) -> String {
    if let Some(Value::Array(entries)) = paths::get(document, "grant.vesting.schedule") {
        let parts: Vec<String> = entries
            .iter()
            .filter_map(|entry| {
                let at = |key: &str| number_at(entry, key);
                let share = pct(at("pct")?);
                Some(match (at("month"), at("from_month"), at("to_month"), at("every_months")) {
                    (Some(m), ..) => format!("{share} at month {}", m.normalize()),
                    (None, Some(a), Some(b), Some(e)) => format!(
                        "{share} in equal parts {} from month {} to month {}",
                        every_words(e),
                        a.normalize(),
                        b.normalize()
                    ),
                    _ => return None,
                })
            })
            .collect();
        return format!("The grant vests on this schedule: {}.", parts.join("; "));
    }
    let at = |key: &str| number_at(document, &format!("grant.vesting.{key}"));
    let (Some(cliff), Some(duration), Some(every)) =
        (at("cliff_months"), at("duration_months"), at("every_months"))
    else {
        return "The grant's vesting is set out in the plan file.".to_string();
    };
    let (cliff, duration, every) = (cliff.normalize(), duration.normalize(), every_words(every));
    if cliff.is_zero() {
        return format!(
            "The grant vests {every}, in equal parts, until it has all vested at month {duration}."
        );
    }
    // The cliff's share: the months to it, of all the months to the last (MODEL.md 2.1).
    let at_cliff = (cliff * Decimal::ONE_HUNDRED)
        .checked_div(duration)
        .map_or_else(String::new, |p| format!(" ({} of the grant)", pct(p.round_dp(2))));
    format!(
        "Nothing vests before month {cliff}. At month {cliff}, the first {cliff} months' share vests \
         at once{at_cliff}; then more vests {every} until it has all vested at month {duration}."
    )
}

/// The terms of offer-file version 3 (MODEL.md 7) that the plan uses, read from its document: a
/// tender price, sale limits, a cap, a hurdle, expiry and a compute budget.
fn version_3_terms(document: &Value, c: &str) -> Vec<Term> {
    let money = |path: &str| number_at(document, path).map(|d| money_decimal(d, c));
    let mut terms = Vec::new();
    let mut limits = Vec::new();
    if paths::get(document, "payouts.buyback.price").and_then(Value::as_str) == Some("scenario") {
        limits.push(
            "The buyback price is not a formula: it is a price per token for each year, set as in \
             the company's scenarios (a tender price)."
                .to_string(),
        );
    }
    if let Some(most) = money("payouts.buyback.max_sale_per_window") {
        limits.push(format!("No holder may sell more than {most} (before tax) in one window."));
    }
    match number_at(document, "payouts.buyback.former_max_sale_per_window") {
        Some(d) if d.is_zero() => {
            limits.push("Former employees may not sell in the windows.".to_string());
        }
        Some(d) => limits.push(format!(
            "Former employees may sell up to {} (before tax) in one window.",
            money_decimal(d, c)
        )),
        None => {}
    }
    if !limits.is_empty() {
        terms.push(Term { heading: "Selling", text: limits.join(" ") });
    }
    if let Some(cap) = money("payouts.cap_per_token") {
        terms.push(Term {
            heading: "A cap",
            text: format!("No token can bring in more than {cap} in all, before tax."),
        });
    }
    if let Some(hurdle) = money("payouts.revenue_share.hurdle_annual") {
        terms.push(Term {
            heading: "A hurdle",
            text: format!("The share of revenue is paid only on what the project earns above {hurdle} a year."),
        });
    }
    if let Some(month) = number_at(document, "grant.expires_month") {
        terms.push(Term {
            heading: "Expiry",
            text: format!(
                "Tokens still held at the end of month {} expire: nothing is paid for them after it.",
                month.normalize()
            ),
        });
    }
    if let Some(annual) = money("compute_budget.annual") {
        let mut text = format!(
            "While you work here the job comes with a compute budget of {annual} a year at list price"
        );
        if paths::get(document, "compute_budget.unit").and_then(Value::as_str) == Some("tokens") {
            let decline = number_at(document, "compute_budget.annual_price_decline_pct")
                .unwrap_or(Decimal::ZERO);
            text.push_str(&format!(
                ", as an allowance of tokens of named models whose price falls {} a year",
                pct(decline)
            ));
        }
        text.push('.');
        if let Some(p) = number_at(document, "compute_budget.personal_use_pct") {
            text.push_str(&format!(" You may use {} of what you use for yourself.", pct(p)));
        }
        if let Some(cash) = number_at(document, "compute_budget.cash_out_unused_pct") {
            if !cash.is_zero() {
                text.push_str(&format!(" {} of what is unused is paid out in cash.", pct(cash)));
            }
        }
        if let Some(taxable) = money("compute_budget.taxable_annual") {
            text.push_str(&format!(" {taxable} a year of it is reported as taxable pay."));
        }
        text.push_str(" It ends when you leave.");
        terms.push(Term { heading: "Compute budget", text });
    }
    terms
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

/// The site's stylesheet, under `index.html`'s folder with a name without a hash (Trunk copies it
/// there, `index.html`), which the disclosure page links: same-origin, so the site's strict content
/// security policy (`style-src 'self'`) lets it in, and no inline style is needed.
pub const SITE_STYLESHEET: &str = "published/main.css";
/// The site's icon, copied beside the stylesheet: a `data:` icon would be refused by the same
/// policy (`img-src` falls back to `'self'`), and none at all has the browser ask the host's root.
pub const SITE_ICON: &str = "published/favicon.svg";

/// The page's language and number format: English text, in the region of the number format
/// installed on the page that wrote it (`en-DE` for `de-DE`), with that format itself beside it
/// (`data-number-format`); plain `en` where none is installed (the command line, an en-US page).
/// A screen reader keeps reading the words as English.
fn html_lang() -> String {
    let Some(style) = crate::report::locale::style() else {
        return "lang=\"en\"".to_string();
    };
    let region = style.locale.split('-').skip(1).find(|tag| {
        (tag.len() == 2 && tag.bytes().all(|b| b.is_ascii_uppercase()))
            || (tag.len() == 3 && tag.bytes().all(|b| b.is_ascii_digit()))
    });
    let lang = region.map_or_else(|| "en".to_string(), |r| format!("en-{r}"));
    format!("lang=\"{lang}\" data-number-format=\"{}\"", escape(&style.locale))
}

/// The disclosure page as a printable, static HTML document, its figures in the number format
/// installed on the page that writes it (`report::locale`; the command line's own without one).
/// Its icon, the site's own, keeps the browser from asking the host for `/favicon.ico`, which an
/// intranet folder rarely has.
#[must_use]
pub fn disclosure_html(d: &Disclosure) -> String {
    let mut h = String::new();
    let title = escape(&d.title);
    let lang = html_lang();
    h.push_str(&format!(
        "<!doctype html>\n<html {lang}>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"icon\" href=\"{SITE_ICON}\">\n<link rel=\"stylesheet\" href=\"{SITE_STYLESHEET}\">\n</head>\n<body>\n<main class=\"disclosure\">\n<h1>{title}</h1>\n"
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
            crate::report::format::percent(r.share_of_supply),
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
    use super::{directory, escape, version_3_terms, vesting_in_words};
    use serde_json::json;

    /// The example team's Copilot page, its projects in euros, written with `locale`'s style
    /// installed (`None`: the command line's).
    fn copilot_page(locale: Option<&str>) -> String {
        use crate::report::locale::{sample_style, set_style};
        let mut doc: serde_json::Value =
            serde_json::from_str(crate::company::EXAMPLE_TEAM).unwrap();
        for project in doc["projects"].as_array_mut().unwrap() {
            project["currency"] = json!("EUR");
        }
        let team = crate::team::read_team(&doc).unwrap();
        set_style(locale.and_then(sample_style));
        let html = super::publish(&team)[0].disclosure_html.clone();
        set_style(None);
        html
    }

    #[test]
    fn the_page_is_in_the_number_format_of_the_page_that_publishes_it() {
        let de = copilot_page(Some("de-DE"));
        assert!(de.contains("<html lang=\"en-DE\" data-number-format=\"de-DE\">"), "{de}");
        // Product engineers: 10,000 of 1,000,000 tokens, giving up 20,000 a year.
        assert!(
            de.contains("<td>6</td><td>10.000</td><td>1,0\u{a0}%</td><td>20.000,00\u{a0}€</td>"),
            "{de}"
        );
        assert!(de.contains("(25\u{a0}% of the grant)"));
        assert!(de.contains("The project has 1.000.000 tokens at grant; 5\u{a0}% more are issued"));
        // Amounts with a decimal comma are listed with semicolons.
        assert!(de.contains("(the last repeats): 0,00\u{a0}€; 300.000,00\u{a0}€."), "{de}");
        // The command line's page is as it always was.
        let en = copilot_page(None);
        assert!(en.contains("<html lang=\"en\">"));
        assert!(en.contains("<td>6</td><td>10,000</td><td>1.0%</td><td>€20,000.00</td>"));
        assert!(en.contains("(25% of the grant)"));
        assert!(en.contains("(the last repeats): €0.00, €300,000.00."));
        // India: English in India.
        assert!(copilot_page(Some("en-IN"))
            .contains("<html lang=\"en-IN\" data-number-format=\"en-IN\">"));
    }

    #[test]
    fn names_become_directories_and_text_is_escaped() {
        assert_eq!(directory("Copilot (GA)", 0), "copilot-ga");
        assert_eq!(directory("  ", 1), "project-2");
        assert_eq!(escape("<b>\"R&D\"</b>'"), "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;&#39;");
    }

    #[test]
    fn vesting_in_both_forms() {
        let classic = json!({"grant": {"vesting": {"cliff_months": 12, "duration_months": 48, "every_months": 1}}});
        assert_eq!(
            vesting_in_words(&classic),
            "Nothing vests before month 12. At month 12, the first 12 months' share vests at once \
             (25% of the grant); then more vests every month until it has all vested at month 48."
        );
        let straight = json!({"grant": {"vesting": {"cliff_months": 0, "duration_months": 36, "every_months": 3}}});
        assert_eq!(
            vesting_in_words(&straight),
            "The grant vests every 3 months, in equal parts, until it has all vested at month 36."
        );
        let schedule = json!({"grant": {"vesting": {"schedule": [
            {"month": 12, "pct": "25"},
            {"from_month": 13, "to_month": 48, "every_months": 1, "pct": "75"}
        ]}}});
        assert_eq!(
            vesting_in_words(&schedule),
            "The grant vests on this schedule: 25% at month 12; 75% in equal parts every month \
             from month 13 to month 48."
        );
    }

    #[test]
    fn version_3_terms_in_words() {
        let plan = json!({
            "grant": {"expires_month": 120},
            "payouts": {"cap_per_token": "20", "revenue_share": {"hurdle_annual": "1000000"},
                        "buyback": {"price": "scenario", "max_sale_per_window": "10000000",
                                    "former_max_sale_per_window": "0"}},
            "compute_budget": {"annual": "150000", "unit": "tokens", "annual_price_decline_pct": "30",
                               "personal_use_pct": "2", "cash_out_unused_pct": "0", "taxable_annual": "0"}
        });
        let terms = version_3_terms(&plan, "USD");
        let headings: Vec<&str> = terms.iter().map(|t| t.heading).collect();
        assert_eq!(headings, ["Selling", "A cap", "A hurdle", "Expiry", "Compute budget"]);
        assert!(terms[0].text.contains("tender price") && terms[0].text.contains("$10,000,000.00"));
        assert!(terms[0].text.contains("Former employees may not sell"));
        assert!(terms[1].text.contains("$20.00"));
        assert!(
            terms[4].text.contains("falls 30% a year")
                && terms[4].text.contains("ends when you leave")
        );
        assert!(version_3_terms(&json!({"payouts": {}}), "USD").is_empty());
    }
}
