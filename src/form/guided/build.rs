//! Building the offer from the guided start's answers: a complete offer document, with each
//! answer that cannot be read stored as typed (as the form does) and its own message.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::form::draft;
use crate::form::fields::{self, FieldKind};
use crate::offer::entry::{normalize_as, parse_entry, parse_list};
use crate::offer::paths::set;

/// The steps, in order.
use super::*;

/// The offer document the answers make, and the answers that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    pub document: Value,
    /// `(question id, message)`, for answers that could not be read as typed.
    pub problems: Vec<(&'static str, String)>,
}

/// Builds the offer document from the answers: a complete version 3 offer over five years, with
/// the blank offer's simulation settings. Unreadable answers are stored as typed (the validator
/// then names them too) and listed in `problems`; questions not asked leave their terms out.
#[must_use]
pub fn build(answers: &Answers) -> Built {
    let mut b = Builder { answers, doc: draft::blank_offer(answers.get("name")), problems: vec![] };
    b.text("name");
    b.text("currency");
    // What you are offered.
    if answers.get(GRANT_AS) == "share" {
        match share_tokens(answers.get(SHARE_PCT)) {
            Ok(tokens) => {
                set(&mut b.doc, "grant.tokens", json!(tokens));
                set(&mut b.doc, "grant.supply", json!(SHARE_POOL));
            }
            Err(message) => {
                b.problems.push((SHARE_PCT, message));
                set(&mut b.doc, "grant.tokens", json!(answers.get(SHARE_PCT)));
            }
        }
    } else {
        b.number("grant.tokens", FieldKind::Count);
        b.number("grant.supply", FieldKind::Count);
    }
    if let Some(schedule) = draft::vesting_preset(answers.get(VESTING)) {
        set(&mut b.doc, "grant.vesting", json!({ "schedule": schedule }));
    }
    if b.yes(COMPUTE) {
        let budget = draft::default_compute_budget(&b.doc);
        set(&mut b.doc, "compute_budget", budget);
        b.number("compute_budget.annual", FieldKind::Money);
        b.number("compute_budget.personal_use_pct", FieldKind::Percent);
    }
    // How they pay.
    if b.yes(REVENUE_SHARE) {
        set(&mut b.doc, "payouts.revenue_share", draft::default_payout_block("revenue_share"));
        b.number("payouts.revenue_share.pool_pct", FieldKind::Percent);
        b.text(BASIS);
        if answers.get(BASIS) == "gross_profit" {
            b.number("payouts.revenue_share.gross_margin_pct", FieldKind::Percent);
        }
    }
    let milestone = b.yes(MILESTONE);
    if milestone {
        set(
            &mut b.doc,
            "payouts.milestones",
            json!([{ "name": "", "per_token": "0", "month": 1 }]),
        );
        b.text("payouts.milestones[0].name");
        b.number("payouts.milestones[0].per_token", FieldKind::Money);
        b.number("payouts.milestones[0].month", FieldKind::Months);
    }
    if b.yes(BUYBACK) {
        set(&mut b.doc, "payouts.buyback", draft::default_payout_block("buyback"));
        b.number("payouts.buyback.revenue_multiple", FieldKind::Factor);
        b.number("payouts.buyback.first_window_month", FieldKind::Months);
        b.number("payouts.buyback.every_months", FieldKind::Months);
        b.number("payouts.buyback.sell_pct", FieldKind::Percent);
    }
    // What you give up.
    b.number("salary.base_annual", FieldKind::Money);
    b.number("salary.sacrificed_annual", FieldKind::Money);
    b.text("leaving.salary_after_cancellation");
    // How the project goes.
    b.outlooks(milestone);
    // Your situation.
    b.number("leaving.annual_departure_pct", FieldKind::Percent);
    b.text("leaving.vested_on_leave");
    for path in [
        "personal.wealth",
        "personal.risk_aversion",
        "personal.income_tax_pct",
        "personal.redemption_tax_pct",
        "personal.discount_rate_pct",
    ] {
        b.number(path, FieldKind::Money);
    }
    b.text("personal.taxed_at");
    b.residence();
    // An empty answer is no rule; any other starts from the form's yearly review (MODEL.md 8.2).
    if !b.answers.get("leaving.quit_if.min_trailing_revenue").trim().is_empty() {
        set(&mut b.doc, "leaving.quit_if", draft::default_quit_rule());
        b.number("leaving.quit_if.min_trailing_revenue", FieldKind::Money);
    }
    Built { document: b.doc, problems: b.problems }
}

/// The tokens of a share of [`SHARE_POOL`], or why the share cannot be read.
pub(super) fn share_tokens(text: &str) -> Result<u64, String> {
    let share = parse_entry(text).map_err(|e| e.0)?;
    if share <= Decimal::ZERO || share > Decimal::ONE_HUNDRED {
        return Err("enter a share above 0 and at most 100 %".to_string());
    }
    share
        .checked_mul(Decimal::from(SHARE_POOL / 100))
        .map(|t| t.round())
        .and_then(|t| u64::try_from(t).ok())
        .filter(|t| *t >= 1)
        .ok_or_else(|| "enter a share of at least 0.000001 %".to_string())
}

/// The revenue of each year as typed (`0; 2M; 6M`, `5M 15M 30M`), or why not.
pub fn parse_years(text: &str) -> Result<Vec<Decimal>, String> {
    let years = parse_list(text).map_err(|(i, e)| format!("year {}: {}", i + 1, e.0))?;
    if years.is_empty() {
        return Err("enter the revenue of at least one year, such as 0; 2M; 6M".to_string());
    }
    match years.iter().position(|d| d.is_sign_negative()) {
        Some(i) => Err(format!("year {}: enter an amount of 0 or more", i + 1)),
        None => Ok(years),
    }
}

struct Builder<'a> {
    answers: &'a Answers,
    doc: Value,
    problems: Vec<(&'static str, String)>,
}

impl Builder<'_> {
    /// Whose rates: the residence and its tax year (MODEL.md 8.5), or neither; for tokens, the
    /// long-term rate too.
    fn residence(&mut self) {
        let residence = self.answers.get(RESIDENCE);
        let year = crate::tax::preset::files_for(residence).ok().map(|f| f[0].tax_year);
        if let (Some(year), Some(personal)) =
            (year, self.doc.get_mut("personal").and_then(Value::as_object_mut))
        {
            personal.insert("tax_residence".into(), json!(residence));
            personal.insert("tax_year".into(), json!(year));
        }
        // Tokens also take the preset's lower rate after a holding period, as the form's choice
        // does; the rates as answered stay (the file's own win).
        if year.is_some() && crate::tax::unit_kind(&self.doc) == crate::tax::UnitKind::Tokens {
            let _ = crate::tax::fill_offer(
                &mut self.doc,
                Some(residence),
                crate::tax::UnitKind::Tokens,
            );
        }
    }

    fn yes(&self, id: &str) -> bool {
        self.answers.get(id) == "true"
    }

    fn text(&mut self, path: &'static str) {
        let text = self.answers.get(path).trim().to_string();
        set(&mut self.doc, path, json!(text));
    }

    /// Stores an amount (as decimal text) or a whole number (as an integer), as the form does.
    fn number(&mut self, path: &'static str, kind: FieldKind) {
        let typed = self.answers.get(path);
        let whole = matches!(kind, FieldKind::Count | FieldKind::Months | FieldKind::Whole);
        let stored = if whole {
            parse_entry(typed)
                .ok()
                .filter(|d| d.fract().is_zero() && !d.is_sign_negative())
                .and_then(|d| u64::try_from(d).ok())
                .map(Value::from)
                .ok_or_else(|| "enter a whole number, such as 12".to_string())
        } else {
            let reading = fields::find(path).map_or(kind.reading(""), |f| kind.reading(f.unit));
            normalize_as(typed, reading).map(Value::String).map_err(|e| e.0)
        };
        let value = stored.unwrap_or_else(|message| {
            self.problems.push((path, message));
            json!(typed)
        });
        set(&mut self.doc, path, value);
    }

    /// The three outlooks as the offer's scenarios.
    fn outlooks(&mut self, milestone: bool) {
        let ready = self.answers.get(OUTLOOKS) != "own";
        let plan = if ready {
            match parse_entry(self.answers.get(PLAN_REVENUE)) {
                Ok(plan) if !plan.is_sign_negative() => Some(plan),
                Ok(_) => {
                    self.problems.push((PLAN_REVENUE, "enter an amount of 0 or more".to_string()));
                    None
                }
                Err(e) => {
                    self.problems.push((PLAN_REVENUE, e.0));
                    None
                }
            }
        } else {
            None
        };
        let hit_name = self.answers.get("payouts.milestones[0].name").trim().to_string();
        let mut scenarios = Vec::new();
        for (i, outlook) in OUTLOOKS_READY.iter().enumerate() {
            let revenue: Vec<Decimal> = if ready {
                ready_revenue(outlook, plan.unwrap_or_default())
            } else {
                parse_years(self.answers.get(REVENUE_IDS[i])).unwrap_or_else(|message| {
                    self.problems.push((REVENUE_IDS[i], message));
                    vec![Decimal::ZERO]
                })
            };
            let hits: Vec<Value> =
                if milestone && i > 0 { vec![json!(hit_name)] } else { Vec::new() };
            let mut scenario = json!({
                "name": outlook.name,
                "probability_pct": "0",
                "annual_revenue": revenue.iter().map(|d| json!(d.to_string())).collect::<Vec<_>>(),
                "milestones_hit": hits,
            });
            if i == 0 {
                let shut = if ready {
                    outlook.shut_down_month.map(Value::from)
                } else {
                    let typed = self.answers.get("scenarios[0].cancelled_month").trim();
                    if typed.is_empty() {
                        None
                    } else {
                        match parse_entry(typed)
                            .ok()
                            .filter(|d| d.fract().is_zero() && *d >= Decimal::ONE)
                            .and_then(|d| u64::try_from(d).ok())
                        {
                            Some(month) => Some(Value::from(month)),
                            None => {
                                self.problems.push((
                                    "scenarios[0].cancelled_month",
                                    "enter a month of 1 or more, such as 24, or leave it empty"
                                        .to_string(),
                                ));
                                None
                            }
                        }
                    }
                };
                if let Some(month) = shut {
                    scenario["cancelled_month"] = month;
                }
            }
            scenarios.push(scenario);
        }
        set(&mut self.doc, "scenarios", Value::Array(scenarios));
        for id in CHANCE_IDS {
            self.number(id, FieldKind::Percent);
        }
    }
}
