//! The guided start (issue 17, "Start from your offer letter"): a few plain questions, one step at
//! a time, whose answers build a complete offer document; and the three ready outlooks (flop,
//! steady, hit) drawn from the base rates.
//!
//! Answers are kept as typed (`"250k"`, `"12.5%"`), by question id. A question that is one field
//! of the offer file has that field's path as its id (`grant.tokens`), so the validator's
//! messages land next to it; the guided start's own questions are named `guided.…`. Amounts are
//! read with [`parse_entry`]; an answer that cannot be read is stored in the document as typed,
//! as the form does, with its own message. No reactive or browser types here.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::base_rates::{DEPARTURE_PCT, SHUT_DOWN_PCT};
use super::draft;
use super::fields::{self, FieldKind, FieldSpec, Shown, Whose};
use crate::offer::entry::parse_entry;

mod build;

pub use build::{build, parse_years, Built};

/// The steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Offered,
    Pay,
    GiveUp,
    Outlook,
    Situation,
    Finish,
}

pub const STEPS: [Step; 6] =
    [Step::Offered, Step::Pay, Step::GiveUp, Step::Outlook, Step::Situation, Step::Finish];

impl Step {
    /// The step's heading.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Step::Offered => "What you are offered",
            Step::Pay => "How the tokens pay",
            Step::GiveUp => "What you give up",
            Step::Outlook => "How you think the project goes",
            Step::Situation => "Your situation",
            Step::Finish => "Name it and finish",
        }
    }

    /// One sentence under the heading.
    #[must_use]
    pub fn intro(self) -> &'static str {
        match self {
            Step::Offered => "Take these from the offer letter: the tokens you get, out of how many, and how they vest.",
            Step::Pay => "Tick each way the letter says the tokens pay. Leave a way unticked if the letter does not mention it.",
            Step::GiveUp => "Your salary under this offer, and how much less it is than without the tokens.",
            Step::Outlook => "Nobody knows how the project will go. Start from three ready outlooks drawn from how new ventures usually turn out, and adjust them, or enter your own numbers.",
            Step::Situation => "These are about you, not the letter. The defaults suit most people; change any that do not fit.",
            Step::Finish => "Give the offer a name. It is saved as a new offer in this browser, beside your others, and every answer stays editable in the full form.",
        }
    }

    /// A short id for the page (`offered`, `pay`…).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Step::Offered => "offered",
            Step::Pay => "pay",
            Step::GiveUp => "give-up",
            Step::Outlook => "outlook",
            Step::Situation => "situation",
            Step::Finish => "finish",
        }
    }

    /// Its place, from 1.
    #[must_use]
    pub fn number(self) -> usize {
        STEPS.iter().position(|s| *s == self).map_or(1, |i| i + 1)
    }

    /// "Step 2 of 6".
    #[must_use]
    pub fn progress(self) -> String {
        format!("Step {} of {}", self.number(), STEPS.len())
    }

    #[must_use]
    pub fn next(self) -> Option<Step> {
        STEPS.get(self.number()).copied()
    }

    #[must_use]
    pub fn previous(self) -> Option<Step> {
        self.number().checked_sub(2).and_then(|i| STEPS.get(i).copied())
    }

    /// Whether a validator message at `path` is about this step's part of the offer.
    fn owns(self, path: &str) -> bool {
        let first = path.split(['.', '[']).next().unwrap_or(path);
        match self {
            Step::Offered => matches!(first, "grant" | "compute_budget"),
            Step::Pay => first == "payouts",
            Step::GiveUp => first == "salary",
            Step::Outlook => first == "scenarios",
            Step::Situation => matches!(first, "leaving" | "personal"),
            Step::Finish => !STEPS[..5].iter().any(|s| s.owns(path)),
        }
    }
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// As the form's field of this kind (money, a percentage, a count, a choice…).
    Field(FieldKind),
    /// A revenue for each year, separated by `;` or by a comma and a space: `0; 2M; 6M` (typed
    /// as text: its spec's kind).
    Years,
}

/// When a question is asked: some follow another answer (a switch, a choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// While the answer `id` is `value`.
    Answer(&'static str, &'static str),
}

/// One question of a step: a field (the form's own, or one of the guided start's) and when it is
/// asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// The field asked for. Its path is where the answer is kept: the offer field's path when it
    /// is one (so the validator's messages land next to it), else a `guided.…` name.
    pub spec: FieldSpec,
    /// Revenue for each year, typed as one list (`0; 2M; 6M`), rather than one value of
    /// `spec.kind`.
    years: bool,
    pub when: When,
    /// Help said instead of `spec.help` while another answer holds (an outlook's chance under "My
    /// own numbers" is not the ready outlook's): see [`Question::help_for`].
    pub help_when: Option<(When, &'static str)>,
}

impl Question {
    /// The form field at `path` (a fixed field, or a milestone's or scenario's column), with the
    /// form's own label, unit and help.
    fn of(path: &'static str) -> Question {
        let column = |columns: &'static [FieldSpec], column: &str| {
            columns.iter().find(|c| c.path == column).copied()
        };
        let spec = fields::find(path).copied().or_else(|| {
            let (_, column_name) = path.rsplit_once('.')?;
            if path.starts_with("payouts.milestones[") {
                column(fields::MILESTONE_COLUMNS, column_name)
            } else {
                column(fields::SCENARIO_COLUMNS, column_name)
            }
        });
        let spec = spec.unwrap_or(FieldSpec {
            path,
            label: path,
            unit: "",
            help: "",
            kind: FieldKind::Text,
            optional: false,
            shown: Shown::Always,
            whose: Whose::Unsaid,
        });
        Question {
            spec: FieldSpec { path, ..spec },
            years: false,
            when: When::Always,
            help_when: None,
        }
    }

    /// One of the guided start's own questions, not a field of the offer file.
    fn own(
        id: &'static str,
        label: &'static str,
        unit: &'static str,
        input: Input,
        help: &'static str,
    ) -> Question {
        let (kind, years) = match input {
            Input::Field(kind) => (kind, false),
            Input::Years => (FieldKind::Text, true),
        };
        let spec = FieldSpec {
            path: id,
            label,
            unit,
            help,
            kind,
            optional: false,
            shown: Shown::Always,
            whose: Whose::Unsaid,
        };
        Question { spec, years, when: When::Always, help_when: None }
    }

    fn when(self, id: &'static str, value: &'static str) -> Question {
        Question { when: When::Answer(id, value), ..self }
    }

    fn labelled(self, label: &'static str, help: &'static str) -> Question {
        Question { spec: FieldSpec { label, help, ..self.spec }, ..self }
    }

    /// Answered by choosing one of `choices`, not as the form's field is.
    fn choosing(self, choices: &'static [(&'static str, &'static str)]) -> Question {
        Question { spec: FieldSpec { kind: FieldKind::Choice(choices), ..self.spec }, ..self }
    }

    /// A term the letter sets (badged as the letter's).
    fn the_letters(self) -> Question {
        Question { spec: FieldSpec { whose: Whose::Plan, ..self.spec }, ..self }
    }

    /// May be left empty.
    fn optional(self) -> Question {
        Question { spec: FieldSpec { optional: true, ..self.spec }, ..self }
    }

    /// Says `help` instead while the answer `id` is `value`.
    fn help_when(self, id: &'static str, value: &'static str, help: &'static str) -> Question {
        Question { help_when: Some((When::Answer(id, value), help)), ..self }
    }

    /// Where its answer is kept.
    #[must_use]
    pub fn id(&self) -> &'static str {
        self.spec.path
    }

    /// How it is answered.
    #[must_use]
    pub fn input(&self) -> Input {
        if self.years {
            Input::Years
        } else {
            Input::Field(self.spec.kind)
        }
    }

    /// The help for the answers so far: the one that fits the choice made (issue 28).
    #[must_use]
    pub fn help_for(&self, answers: &Answers) -> &'static str {
        match self.help_when {
            Some((When::Answer(id, value), help)) if answers.get(id) == value => help,
            Some((When::Always, help)) => help,
            _ => self.spec.help,
        }
    }

    /// Whether it is asked, given the answers so far.
    #[must_use]
    pub fn is_asked(&self, answers: &Answers) -> bool {
        match self.when {
            When::Always => true,
            When::Answer(id, value) => answers.get(id) == value,
        }
    }
}

pub const GRANT_AS: &str = "guided.grant_as";
pub const SHARE_PCT: &str = "guided.share_pct";
pub const VESTING: &str = "guided.vesting";
pub const COMPUTE: &str = "guided.compute";
pub const REVENUE_SHARE: &str = "guided.revenue_share";
pub const MILESTONE: &str = "guided.milestone";
pub const BUYBACK: &str = "guided.buyback";
/// How the letter's first buyback window reads: month 13, month 24, or another month typed in.
pub const FIRST_WINDOW: &str = "guided.first_window";
const BASIS: &str = "payouts.revenue_share.basis";
pub const OUTLOOKS: &str = "guided.outlooks";
pub const PLAN_REVENUE: &str = "guided.plan_revenue";
/// Where the person pays tax: the offer's `personal.tax_residence`.
pub const RESIDENCE: &str = "personal.tax_residence";
/// The two rates the residence last filled in, so that a salary changed afterwards moves only
/// the rates the person has not changed themselves.
const FILLED_RATES: &str = "guided.filled_rates";
const RATE_IDS: [&str; 2] = ["personal.income_tax_pct", "personal.redemption_tax_pct"];

/// The pool a share of it is counted in: a share is the tokens of this many (so a share of
/// 0.000001 % is still one whole token).
pub const SHARE_POOL: u64 = 100_000_000;

pub const GRANT_AS_CHOICES: &[(&str, &str)] = &[
    ("tokens", "A number of tokens, out of a pool of all the project's tokens"),
    ("share", "A share of the pool, as a percentage"),
];
pub const OUTLOOK_CHOICES: &[(&str, &str)] = &[
    ("ready", "Three ready outlooks from the base rates (flop, steady, hit)"),
    ("own", "My own numbers for each outlook, year by year"),
];
const YES_NO: FieldKind = FieldKind::Switch;
/// What the revenue share is a share of, in the letter's words (issue 28).
pub const BASIS_CHOICES: &[(&str, &str)] = &[
    ("revenue", "Revenue: the letter says \u{201c}x % of revenue\u{201d}, of everything customers pay"),
    ("gross_profit", "Gross profit: the letter says \u{201c}x % of gross profit\u{201d}, of what is left after the direct costs"),
];
/// The two readings of "each year from year 2" for the first window, and any other month
/// (issue 28): the answer sets `payouts.buyback.first_window_month`, typed only for "other".
pub const FIRST_WINDOW_CHOICES: &[(&str, &str)] = &[
    ("13", "Month 13, when year 2 begins: the letter says \u{201c}from year 2\u{201d} or \u{201c}after your first year\u{201d}"),
    ("24", "Month 24, when year 2 ends: the letter says \u{201c}after two years\u{201d} or \u{201c}at the end of year 2\u{201d}"),
    ("other", "Another month, which I type"),
];

/// The vesting choices: the form's presets.
fn vesting_choices() -> &'static [(&'static str, &'static str)] {
    const CHOICES: [(&str, &str); 6] = {
        let p = &draft::VESTING_PRESETS;
        [
            (p[0].id, p[0].label),
            (p[1].id, p[1].label),
            (p[2].id, p[2].label),
            (p[3].id, p[3].label),
            (p[4].id, p[4].label),
            (p[5].id, p[5].label),
        ]
    };
    &CHOICES
}

/// The questions of a step, in the order they are asked (some only after an answer before them).
#[must_use]
pub fn questions(step: Step) -> Vec<Question> {
    match step {
        Step::Offered => vec![
            Question::own(GRANT_AS, "The letter offers you", "", Input::Field(FieldKind::Choice(GRANT_AS_CHOICES)), "Some letters give a number of tokens out of a pool; others a share of it."),
            Question::of("grant.tokens").when(GRANT_AS, "tokens"),
            Question::of("grant.supply").when(GRANT_AS, "tokens"),
            Question::own(SHARE_PCT, "Your share of the pool", "%", Input::Field(FieldKind::Percent), "The part of all the project's tokens that you get, such as 0.5 %.").when(GRANT_AS, "share"),
            Question::own(VESTING, "How they vest", "", Input::Field(FieldKind::Choice(vesting_choices())), "When the tokens become yours. Most letters say four years with a one-year cliff; the full form takes any schedule."),
            Question::own(COMPUTE, "A compute budget comes with the job (AI compute the employer pays for)", "", Input::Field(YES_NO), "Only if the letter offers a budget of AI compute, in money or in tokens of named models."),
            Question::of("compute_budget.annual").when(COMPUTE, "true"),
            // The letter's term, 0 when it says nothing, as its help says (issue 28).
            Question::of("compute_budget.personal_use_pct").when(COMPUTE, "true"),
        ],
        Step::Pay => vec![
            Question::own(REVENUE_SHARE, "A share of the project's revenue is paid to token holders", "", Input::Field(YES_NO), "A revenue share or pool paid out, say, every quarter."),
            Question::of("payouts.revenue_share.pool_pct").when(REVENUE_SHARE, "true"),
            // "x % of gross profit" (issue 28): the basis is the letter's, the margin an estimate.
            Question::of(BASIS).choosing(BASIS_CHOICES).when(REVENUE_SHARE, "true").labelled("The share is paid out of", "Read the letter's words: a share of revenue, or of gross profit (revenue less the direct costs, such as compute and hosting)."),
            Question::of("payouts.revenue_share.gross_margin_pct").when(BASIS, "gross_profit").labelled("The project's gross margin", "Gross profit as a share of revenue, such as 60 %: the pool is this share of revenue, times the share above. The company's plan may say; otherwise it is your estimate."),
            Question::own(MILESTONE, "A fixed amount per token when a milestone is reached", "", Input::Field(YES_NO), "Such as a payment at launch. The full form takes more than one."),
            Question::of("payouts.milestones[0].name").when(MILESTONE, "true").labelled("Milestone", "What has to happen for it to pay, such as \"Launch\". It is reached in the steady and hit outlooks, not in a flop."),
            Question::of("payouts.milestones[0].per_token").when(MILESTONE, "true"),
            Question::of("payouts.milestones[0].month").when(MILESTONE, "true"),
            Question::own(BUYBACK, "The company buys tokens back, or holds tenders", "", Input::Field(YES_NO), "Windows in which you may sell some of your tokens, at a price set by a multiple of revenue. Tokens still held at the end are valued at that price, less a discount for not being able to sell them."),
            Question::of("payouts.buyback.revenue_multiple").when(BUYBACK, "true"),
            // "Each year from year 2" reads two ways (issue 28): both spelled out, to choose.
            Question::own(FIRST_WINDOW, "The first chance to sell comes in", "", Input::Field(FieldKind::Choice(FIRST_WINDOW_CHOICES)), "A letter's \u{201c}each year from year 2\u{201d} can mean either: the first window when year 2 begins (month 13) or when it ends (month 24), and the two can move the value by a tenth. If the letter does not say which, ask the company.").when(BUYBACK, "true").the_letters(),
            Question::of("payouts.buyback.first_window_month").when(FIRST_WINDOW, "other").labelled("First chance to sell, in month", "The month of the first buyback window, counted from your start: month 1 is your first month."),
            Question::of("payouts.buyback.every_months").when(BUYBACK, "true"),
            // A letter's "up to 25 % of your vested units" is the plan's limit: badged as the
            // letter's (issue 28), with the choice to sell all of it said as the assumption.
            Question::of("payouts.buyback.sell_pct").when(BUYBACK, "true").labelled("Most you may sell in each window", "The share of your vested tokens the letter lets you sell in each window, such as \"up to 25 %\". You are taken to sell that much each time; change it in the form if you would sell less.").the_letters(),
        ],
        Step::GiveUp => vec![
            Question::of("salary.base_annual"),
            Question::of("salary.sacrificed_annual"),
            Question::of("leaving.salary_after_cancellation").labelled("If the project is shut down, the salary you give up", "Most people on a shut project go back to full pay, on other work or elsewhere. Choose \"goes on\" only if the letter keeps the cut after a shutdown."),
        ],
        Step::Outlook => {
            let mut asked = vec![Question::own(OUTLOOKS, "Start from", "", Input::Field(FieldKind::Choice(OUTLOOK_CHOICES)), "Choosing your own numbers starts from the ready outlooks' figures.")];
            asked.push(Question::own(PLAN_REVENUE, "Revenue the project is planned to reach", "a year", Input::Field(FieldKind::Money), "What the company expects the project to bring in a year once it is established (the pitch or the plan usually says). The outlooks scale from it.").when(OUTLOOKS, "ready"));
            for (i, outlook) in OUTLOOKS_READY.iter().enumerate() {
                asked.push(Question::own(CHANCE_IDS[i], outlook.chance_label, "%", Input::Field(FieldKind::Percent), outlook.help).help_when(OUTLOOKS, "own", outlook.own_help));
                asked.push(Question::own(REVENUE_IDS[i], outlook.revenue_label, "", Input::Years, "Year 1, year 2, … separated by semicolons, such as 0; 2M; 6M. The last year repeats.").when(OUTLOOKS, "own"));
                if i == 0 {
                    asked.push(Question::of("scenarios[0].cancelled_month").when(OUTLOOKS, "own").labelled("Flop: shut down in month", "Leave empty if it keeps going. Nothing is paid after a shutdown.").optional());
                }
            }
            asked
        }
        Step::Situation => vec![
            Question::of("leaving.annual_departure_pct").labelled("Chance you leave in a given year", "About 40 % of startup employees are still there after four years (Carta): about 20.5 % leaving a year, the default. Unvested tokens are lost when you go."),
            Question::of("leaving.vested_on_leave"),
            Question::of("personal.wealth"),
            Question::of("personal.risk_aversion").labelled("How much you dislike risk", "0 takes the average at face value; 2 is typical; 4 cautious; 8 very cautious."),
            // Empty: "I'll enter my own rates".
            Question::of(RESIDENCE).labelled("Where you pay tax", "Your two tax rates are worked out from the published rates of where you live, at the salary you gave: the rate on your next unit of pay, with its sources. Or enter your own; either way they stay yours to change.").optional(),
            Question::of("personal.income_tax_pct"),
            Question::of("personal.redemption_tax_pct"),
            Question::of("personal.taxed_at").labelled("When are the tokens taxed?", "In the US, the UK, Canada and India, tokens you get as pay are taxed as pay when they vest, at what they are worth then, before you can sell any: you can owe tax on tokens that later pay nothing, and you get none of it back if you lose them. Choose \"when they pay out\" if your letter or your adviser says they are taxed only when you receive money. Taxing at vest needs the buyback's price to value them."),
            Question::of("leaving.quit_if.min_trailing_revenue").labelled("Would you leave if the project earned less than … a year?", "If the project is going badly, you might leave or ask to move, and stop giving up salary. Enter the yearly revenue below which you would, looked at every year from month 24; leave empty if you would stay whatever happens.").optional(),
            Question::of("personal.discount_rate_pct"),
        ],
        Step::Finish => vec![Question::of("name"), Question::of("currency")],
    }
}

/// Every question, with its step.
pub fn all_questions() -> impl Iterator<Item = (Step, Question)> {
    STEPS.into_iter().flat_map(|step| questions(step).into_iter().map(move |q| (step, q)))
}

const CHANCE_IDS: [&str; 3] = [
    "scenarios[0].probability_pct",
    "scenarios[1].probability_pct",
    "scenarios[2].probability_pct",
];
const REVENUE_IDS: [&str; 3] =
    ["scenarios[0].annual_revenue", "scenarios[1].annual_revenue", "scenarios[2].annual_revenue"];

/// One ready outlook: its chance and its revenue each year as a share of the plan's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadyOutlook {
    pub name: &'static str,
    /// Its chance, in percent.
    pub chance_pct: &'static str,
    /// Revenue in year 1, 2, … as a percentage of the planned yearly revenue (the last repeats).
    pub revenue_pct: &'static [i64],
    /// The month it shuts down in, if it does.
    pub shut_down_month: Option<u32>,
    pub chance_label: &'static str,
    pub revenue_label: &'static str,
    /// What the ready outlook is and where its chance comes from.
    pub help: &'static str,
    /// Its help under "My own numbers", where the revenue and shutdown are the person's.
    pub own_help: &'static str,
}

/// The share of ventures acquired about six years on (Carta's 2018 cohort): the hit's chance.
pub const HIT_PCT: &str = "5";
/// The steady outlook's chance: what is left after the flop and the hit.
pub const STEADY_PCT: &str = "46";

/// Flop, steady and hit. The chances are the base rates of `base_rates` (49 % shut down, 5 %
/// acquired, the rest carry on); the shapes are plain ones: a flop makes a tenth of the plan in
/// its second year and shuts down at month 24; steady grows to the plan by year 5; a hit makes
/// five times the plan.
pub const OUTLOOKS_READY: [ReadyOutlook; 3] = [
    ReadyOutlook {
        name: "Flop",
        chance_pct: SHUT_DOWN_PCT,
        revenue_pct: &[0, 10],
        shut_down_month: Some(24),
        chance_label: "Chance of a flop",
        revenue_label: "Flop: revenue each year",
        help: "It makes little (a tenth of the plan in year 2) and shuts down after two years. Of the startups Carta tracked from 2018, 49 % had shut down six years on.",
        own_help: "Your chance that it goes badly, with the revenue each year and the month it shuts down that you enter below. For comparison, of the startups Carta tracked from 2018, 49 % had shut down six years on.",
    },
    ReadyOutlook {
        name: "Steady",
        chance_pct: STEADY_PCT,
        revenue_pct: &[0, 25, 50, 75, 100],
        shut_down_month: None,
        chance_label: "Chance it goes steadily",
        revenue_label: "Steady: revenue each year",
        help: "It grows to the planned revenue by year 5: nothing in year 1, then a quarter, a half, three quarters and all of it.",
        own_help: "Your chance that it goes as planned, with the revenue each year that you enter below.",
    },
    ReadyOutlook {
        name: "Hit",
        chance_pct: HIT_PCT,
        revenue_pct: &[10, 100, 250, 400, 500],
        shut_down_month: None,
        chance_label: "Chance it is a hit",
        revenue_label: "Hit: revenue each year",
        help: "It makes the plan in year 2 and five times it by year 5. About 5 % of the startups Carta tracked from 2018 had been acquired six years on.",
        own_help: "Your chance that it does far better than planned, with the revenue each year that you enter below. For comparison, about 5 % of the startups Carta tracked from 2018 had been acquired six years on.",
    },
];

/// A ready outlook's revenue each year for a planned yearly revenue, in whole currency units.
#[must_use]
pub fn ready_revenue(outlook: &ReadyOutlook, plan: Decimal) -> Vec<Decimal> {
    outlook
        .revenue_pct
        .iter()
        .map(|pct| {
            plan.checked_mul(Decimal::from(*pct))
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                .unwrap_or_default()
                .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .normalize()
        })
        .collect()
}

/// The answers so far, as typed, by question id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers(BTreeMap<String, String>);

impl Default for Answers {
    /// Every question answered with a sensible starting value, so that each step shows figures
    /// from the start: the blank offer's terms, the base rates for leaving and the outlooks.
    fn default() -> Self {
        let mut answers = BTreeMap::new();
        for (id, text) in [
            (GRANT_AS, "tokens"),
            ("grant.tokens", "10,000"),
            ("grant.supply", "1,000,000"),
            (SHARE_PCT, "1"),
            (VESTING, "four-years-cliff"),
            (COMPUTE, "false"),
            ("compute_budget.annual", "12,000"),
            ("compute_budget.personal_use_pct", "0"),
            (REVENUE_SHARE, "true"),
            ("payouts.revenue_share.pool_pct", "10"),
            (BASIS, "revenue"),
            ("payouts.revenue_share.gross_margin_pct", "60"),
            (MILESTONE, "false"),
            ("payouts.milestones[0].name", "Launch"),
            ("payouts.milestones[0].per_token", "1"),
            ("payouts.milestones[0].month", "18"),
            (BUYBACK, "false"),
            ("payouts.buyback.revenue_multiple", "3"),
            (FIRST_WINDOW, "24"),
            ("payouts.buyback.first_window_month", "24"),
            ("payouts.buyback.every_months", "12"),
            ("payouts.buyback.sell_pct", "25"),
            ("salary.base_annual", "150,000"),
            ("salary.sacrificed_annual", "0"),
            ("leaving.salary_after_cancellation", "restored"),
            (OUTLOOKS, "ready"),
            (PLAN_REVENUE, "5,000,000"),
            ("leaving.annual_departure_pct", DEPARTURE_PCT),
            ("leaving.vested_on_leave", "keep"),
            ("personal.wealth", "100,000"),
            ("personal.risk_aversion", "2"),
            (RESIDENCE, ""),
            ("personal.income_tax_pct", "30"),
            ("personal.redemption_tax_pct", "20"),
            ("personal.taxed_at", "payout"),
            ("leaving.quit_if.min_trailing_revenue", ""),
            ("personal.discount_rate_pct", "10"),
            ("name", "My offer"),
            ("currency", "USD"),
        ] {
            answers.insert(id.to_string(), text.to_string());
        }
        for (i, outlook) in OUTLOOKS_READY.iter().enumerate() {
            answers.insert(CHANCE_IDS[i].to_string(), outlook.chance_pct.to_string());
        }
        let mut answers = Answers(answers);
        answers.fill_own_from_ready();
        answers
    }
}

impl Answers {
    /// The answer to `id` as typed ("" if none).
    #[must_use]
    pub fn get(&self, id: &str) -> &str {
        self.0.get(id).map_or("", String::as_str)
    }

    pub fn set(&mut self, id: &str, text: impl Into<String>) {
        self.0.insert(id.to_string(), text.into());
    }

    /// Sets an answer; choosing "own numbers" starts them from the ready outlooks' figures for
    /// the planned revenue, so that "adjust them" means changing what is already there.
    pub fn answer(&mut self, id: &str, text: impl Into<String>) {
        let text = text.into();
        let to_own = id == OUTLOOKS && text == "own" && self.get(OUTLOOKS) != "own";
        self.set(id, text);
        if to_own {
            self.fill_own_from_ready();
        }
        if id == FIRST_WINDOW && self.get(FIRST_WINDOW) != "other" {
            let month = self.get(FIRST_WINDOW).to_string();
            self.set("payouts.buyback.first_window_month", month);
        }
        if id == RESIDENCE {
            self.fill_rates(true);
        } else if id == "salary.base_annual" || id == "personal.taxed_at" {
            self.fill_rates(false);
        }
    }

    /// The two tax rates from the residence's presets at the salary given, for the kind of unit
    /// answered (taxed at vest: tokens), and the currency they are in. Choosing a residence fills
    /// both; a new salary or kind moves only a rate still as filled.
    /// Nothing changes while the salary cannot be read, or where the rate would be 100 % or more.
    fn fill_rates(&mut self, chosen: bool) {
        let residence = self.get(RESIDENCE).to_string();
        if residence.is_empty() {
            self.set(FILLED_RATES, "");
            return;
        }
        let Ok(salary) = parse_entry(self.get("salary.base_annual")) else { return };
        // Taxed at vest, the units are tokens and a sale is a gain.
        let kind = crate::tax::UnitKind::taxed_at(self.get("personal.taxed_at"));
        let Ok(rates) = crate::tax::rates(&residence, salary, kind) else {
            return;
        };
        let filled: Vec<String> = self.get(FILLED_RATES).split(';').map(str::to_string).collect();
        let new = [rates.income_tax_pct, rates.redemption_tax_pct];
        for (i, id) in RATE_IDS.into_iter().enumerate() {
            let as_filled = filled
                .get(i)
                .is_some_and(|f| parse_entry(f).ok() == parse_entry(self.get(id)).ok());
            if (chosen || as_filled) && new[i] < Decimal::ONE_HUNDRED {
                self.set(id, new[i].to_string());
            }
        }
        self.set(FILLED_RATES, format!("{};{}", new[0], new[1]));
        self.set("currency", rates.currency);
    }

    /// The ready outlooks' yearly revenue and shutdown month, as own numbers to edit.
    pub fn fill_own_from_ready(&mut self) {
        let plan = parse_entry(self.get(PLAN_REVENUE)).unwrap_or_default();
        for (i, outlook) in OUTLOOKS_READY.iter().enumerate() {
            let years: Vec<String> = ready_revenue(outlook, plan)
                .iter()
                .map(|d| crate::report::format::group_digits(&d.to_string()))
                .collect();
            self.set(REVENUE_IDS[i], years.join("; "));
        }
        let shut = OUTLOOKS_READY[0].shut_down_month.map(|m| m.to_string()).unwrap_or_default();
        self.set("scenarios[0].cancelled_month", shut);
    }
}

/// What the figures beside the guided start assume until the person reaches the steps after
/// `furthest` (issue 28): the starting answers of those steps, in words, each with its step; `None`
/// once every step that sets a figure has been seen. The figures themselves are the page's
/// valuation of the offer these answers build.
#[must_use]
pub fn assumed_sentence(answers: &Answers, furthest: Step) -> Option<String> {
    let currency = answers.get("currency");
    let money = |id: &str| match parse_entry(answers.get(id)) {
        Ok(amount) => crate::report::format::money_figure(amount, currency),
        Err(_) => answers.get(id).to_string(),
    };
    let pct = |id: &str| format!("{} %", answers.get(id).trim().trim_end_matches('%').trim());
    let mut assumed = Vec::new();
    for step in STEPS.into_iter().filter(|s| s.number() > furthest.number()) {
        let said = match step {
            Step::Pay => {
                let share = if answers.get(REVENUE_SHARE) == "true" {
                    format!("a {} share of revenue paid to token holders", pct("payouts.revenue_share.pool_pct"))
                } else {
                    "no share of revenue paid to token holders".to_string()
                };
                let milestone = if answers.get(MILESTONE) == "true" { "a" } else { "no" };
                let buyback = if answers.get(BUYBACK) == "true" { "a" } else { "no" };
                format!("{share}, with {milestone} milestone payment and {buyback} buyback")
            }
            Step::GiveUp => {
                let given_up = parse_entry(answers.get("salary.sacrificed_annual"))
                    .ok()
                    .filter(|d| !d.is_zero())
                    .map_or_else(|| "none of it".to_string(), |_| money("salary.sacrificed_annual"));
                format!("a salary of {} a year, {given_up} given up for the tokens", money("salary.base_annual"))
            }
            Step::Outlook => format!(
                "the three ready outlooks for a planned revenue of {} a year",
                money(PLAN_REVENUE)
            ),
            Step::Situation => format!(
                "a {} chance a year that you leave, savings of {}, a risk aversion of {}, and tax at {} on pay and {} on what the tokens pay",
                pct("leaving.annual_departure_pct"),
                money("personal.wealth"),
                answers.get("personal.risk_aversion").trim(),
                pct("personal.income_tax_pct"),
                pct("personal.redemption_tax_pct"),
            ),
            Step::Offered | Step::Finish => continue,
        };
        assumed.push(format!("{said} (step {})", step.number()));
    }
    (!assumed.is_empty()).then(|| {
        format!(
            "The figures beside this take your answers so far. Until you reach those steps, they assume {}.",
            assumed.join("; ")
        )
    })
}

/// The question a validator message at `path` belongs to, among those asked: the field's own
/// question, or the one whose answer made it (a share of the pool makes the tokens and the pool;
/// the planned revenue makes the ready outlooks' revenue).
#[must_use]
pub fn question_for_path(answers: &Answers, path: &str) -> Option<&'static str> {
    let within = |id: &str| {
        path == id || path.strip_prefix(id).is_some_and(|rest| rest.starts_with(['.', '[']))
    };
    let asked = all_questions().map(|(_, q)| q).filter(|q| q.is_asked(answers));
    let mut found = None;
    for q in asked {
        if within(q.id()) && found.is_none_or(|f: &str| q.id().len() > f.len()) {
            found = Some(q.id());
        }
    }
    found.or_else(|| {
        if answers.get(GRANT_AS) == "share" && (within("grant.tokens") || within("grant.supply")) {
            Some(SHARE_PCT)
        } else if answers.get(OUTLOOKS) != "own" && REVENUE_IDS.iter().any(|id| within(id)) {
            Some(PLAN_REVENUE)
        } else {
            None
        }
    })
}

/// The step a validator message at `path` is shown in: its question's, or the part of the offer
/// it is about (`scenarios`, the chances' sum, goes to the outlooks).
#[must_use]
pub fn step_for_path(answers: &Answers, path: &str) -> Step {
    if let Some(id) = question_for_path(answers, path) {
        if let Some((step, _)) = all_questions().find(|(_, q)| q.id() == id) {
            return step;
        }
    }
    STEPS.into_iter().find(|s| s.owns(path)).unwrap_or(Step::Finish)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::value_exact_figures;
    use crate::offer::read_offer;
    use serde_json::{json, Value};

    fn answered(pairs: &[(&str, &str)]) -> Answers {
        let mut answers = Answers::default();
        for (id, text) in pairs {
            answers.answer(id, *text);
        }
        answers
    }

    #[test]
    fn the_starting_answers_make_a_valid_offer_with_three_outlooks() {
        let built = build(&Answers::default());
        assert_eq!(built.problems, vec![]);
        let doc = &built.document;
        assert!(read_offer(doc).is_ok(), "{:?}", read_offer(doc));
        assert_eq!(
            doc["scenarios"],
            json!([
                { "name": "Flop", "probability_pct": "49", "annual_revenue": ["0", "500000"], "milestones_hit": [], "cancelled_month": 24 },
                { "name": "Steady", "probability_pct": "46", "annual_revenue": ["0", "1250000", "2500000", "3750000", "5000000"], "milestones_hit": [] },
                { "name": "Hit", "probability_pct": "5", "annual_revenue": ["500000", "5000000", "12500000", "20000000", "25000000"], "milestones_hit": [] },
            ])
        );
        assert_eq!(
            doc["leaving"],
            json!({ "annual_departure_pct": "20.5", "vested_on_leave": "keep", "salary_after_cancellation": "restored" })
        );
        assert_eq!(doc["payouts"]["revenue_share"]["pool_pct"], json!("10"));
        assert_eq!(doc["payouts"]["buyback"], Value::Null);
    }

    #[test]
    fn a_letter_answered_in_full_makes_exactly_this_offer() {
        let answers = answered(&[
            ("grant.tokens", "25k"),
            ("grant.supply", "2,000,000"),
            (VESTING, "lock-then-two-years"),
            (COMPUTE, "true"),
            ("compute_budget.annual", "$24,000"),
            ("compute_budget.personal_use_pct", "5"),
            ("payouts.revenue_share.pool_pct", "12.5%"),
            (MILESTONE, "true"),
            ("payouts.milestones[0].name", "GA"),
            ("payouts.milestones[0].per_token", "0.5"),
            ("payouts.milestones[0].month", "18"),
            (BUYBACK, "true"),
            ("payouts.buyback.revenue_multiple", "4"),
            (FIRST_WINDOW, "other"),
            ("payouts.buyback.first_window_month", "36"),
            ("payouts.buyback.every_months", "12"),
            ("payouts.buyback.sell_pct", "20"),
            ("salary.base_annual", "160k"),
            ("salary.sacrificed_annual", "20,000"),
            (PLAN_REVENUE, "10M"),
            ("scenarios[0].probability_pct", "50"),
            ("scenarios[1].probability_pct", "40"),
            ("scenarios[2].probability_pct", "10"),
            ("leaving.annual_departure_pct", "15"),
            ("personal.wealth", "250k"),
            ("personal.risk_aversion", "4"),
            ("personal.income_tax_pct", "35"),
            ("personal.redemption_tax_pct", "20"),
            ("personal.taxed_at", "vest"),
            ("leaving.quit_if.min_trailing_revenue", "500k"),
            ("personal.discount_rate_pct", "12"),
            ("name", "  Letter from Acme "),
            ("currency", "EUR"),
        ]);
        let built = build(&answers);
        assert_eq!(built.problems, vec![]);
        let want = json!({
            "format": "tokenworth-offer", "version": 4, "name": "Letter from Acme", "currency": "EUR",
            "horizon_months": 60,
            "salary": { "base_annual": "160000", "sacrificed_annual": "20000" },
            "grant": { "tokens": 25000, "supply": 2000000, "annual_dilution_pct": "0",
                       "vesting": { "schedule": [{ "from_month": 13, "to_month": 36, "every_months": 1, "pct": "100" }] } },
            "compute_budget": { "annual": "24000", "unit": "money", "annual_price_decline_pct": "0", "used_pct": "70",
                                "personal_use_pct": "5", "personal_value_pct": "10", "work_value_pct": "0",
                                "cash_out_unused_pct": "0", "taxable_annual": "0" },
            "payouts": {
                "revenue_share": { "pool_pct": "12.5", "basis": "revenue", "gross_margin_pct": "100", "every_months": 3 },
                "milestones": [{ "name": "GA", "per_token": "0.5", "month": 18 }],
                "buyback": { "revenue_multiple": "4", "first_window_month": 36, "every_months": 12, "sell_pct": "20",
                             "terminal": true, "illiquidity_discount_pct": "30" }
            },
            "leaving": { "annual_departure_pct": "15", "vested_on_leave": "keep", "salary_after_cancellation": "restored",
                         "quit_if": { "first_review_month": 24, "every_months": 12, "min_trailing_revenue": "500000" } },
            "scenarios": [
                { "name": "Flop", "probability_pct": "50", "annual_revenue": ["0", "1000000"], "milestones_hit": [], "cancelled_month": 24 },
                { "name": "Steady", "probability_pct": "40", "annual_revenue": ["0", "2500000", "5000000", "7500000", "10000000"], "milestones_hit": ["GA"] },
                { "name": "Hit", "probability_pct": "10", "annual_revenue": ["1000000", "10000000", "25000000", "40000000", "50000000"], "milestones_hit": ["GA"] }
            ],
            "personal": { "discount_rate_pct": "12", "income_tax_pct": "35", "redemption_tax_pct": "20", "taxed_at": "vest",
                          "wealth": "250000", "risk_aversion": "4", "wealth_counts": "savings_and_pay" },
            "simulation": { "paths": 10000, "revenue_volatility_pct": "40", "seed": 1 },
            "checklist": {}
        });
        assert_eq!(built.document, want);
        let offer = read_offer(&built.document).expect("valid");
        assert!(value_exact_figures(&offer).is_ok());
    }

    #[test]
    fn a_share_of_the_pool_is_that_many_tokens_of_a_hundred_million() {
        for (share, tokens) in [
            ("0.5", 500_000u64),
            ("0.5%", 500_000),
            ("0.000001", 1),
            ("100", 100_000_000),
            ("1.2345678", 1_234_568),
        ] {
            let built = build(&answered(&[(GRANT_AS, "share"), (SHARE_PCT, share)]));
            assert_eq!(built.problems, vec![], "{share}");
            assert_eq!(built.document["grant"]["tokens"], json!(tokens), "{share}");
            assert_eq!(built.document["grant"]["supply"], json!(SHARE_POOL), "{share}");
        }
        for (share, message) in [
            ("0", "enter a share above 0 and at most 100 %"),
            ("101", "enter a share above 0 and at most 100 %"),
            ("0.0000001", "enter a share of at least 0.000001 %"),
            ("half", "\"half\": use k for thousands, M for millions, bn for billions"),
        ] {
            let built = build(&answered(&[(GRANT_AS, "share"), (SHARE_PCT, share)]));
            assert_eq!(built.problems, vec![(SHARE_PCT, message.to_string())], "{share}");
        }
    }

    /// Issue 28: what the letter sets is badged as the letter's, in the guided start too.
    #[test]
    fn a_sale_limit_in_the_letter_is_badged_as_the_letters() {
        let sell = questions(Step::Pay).into_iter().find(|q| q.id() == "payouts.buyback.sell_pct");
        let sell = sell.expect("asked");
        assert_eq!(
            (sell.spec.label, sell.spec.whose),
            ("Most you may sell in each window", Whose::Plan)
        );
    }

    #[test]
    fn unreadable_answers_are_kept_as_typed_with_a_message_at_their_question() {
        let built = build(&answered(&[
            ("grant.tokens", "10,00"),
            ("salary.sacrificed_annual", "20 grand"),
            ("payouts.revenue_share.pool_pct", ""),
            (PLAN_REVENUE, "-5"),
        ]));
        assert_eq!(
            built.problems,
            vec![
                ("grant.tokens", "enter a whole number, such as 12".to_string()),
                ("payouts.revenue_share.pool_pct", "enter a number".to_string()),
                (
                    "salary.sacrificed_annual",
                    "\"20 grand\": use k for thousands, M for millions, bn for billions"
                        .to_string()
                ),
                (PLAN_REVENUE, "enter an amount of 0 or more".to_string()),
            ]
        );
        assert_eq!(built.document["grant"]["tokens"], json!("10,00"));
        assert!(read_offer(&built.document).is_err());
    }

    #[test]
    fn own_numbers_start_from_the_ready_outlooks_and_read_year_by_year() {
        let mut answers = answered(&[(PLAN_REVENUE, "2M")]);
        answers.answer(OUTLOOKS, "own");
        assert_eq!(
            answers.get("scenarios[1].annual_revenue"),
            "0; 500,000; 1,000,000; 1,500,000; 2,000,000"
        );
        assert_eq!(answers.get("scenarios[0].cancelled_month"), "24");
        // Unchanged, they make the same scenarios as the ready outlooks.
        let ready = build(&answered(&[(PLAN_REVENUE, "2M")]));
        assert_eq!(build(&answers).document, ready.document);
        answers.answer("scenarios[2].annual_revenue", "1M, 3M;8M");
        answers.answer("scenarios[0].cancelled_month", "");
        let own = build(&answers);
        assert_eq!(own.problems, vec![]);
        assert_eq!(
            own.document["scenarios"][2]["annual_revenue"],
            json!(["1000000", "3000000", "8000000"])
        );
        assert_eq!(own.document["scenarios"][0].get("cancelled_month"), None);
        answers.answer("scenarios[1].annual_revenue", "1M; lots");
        answers.answer("scenarios[0].cancelled_month", "0");
        assert_eq!(
            build(&answers).problems,
            vec![
                (
                    "scenarios[0].cancelled_month",
                    "enter a month of 1 or more, such as 24, or leave it empty".to_string()
                ),
                (
                    "scenarios[1].annual_revenue",
                    "year 2: \"lots\": use k for thousands, M for millions, bn for billions"
                        .to_string()
                ),
            ]
        );
        // Going back to ready and to own again starts from the plan once more.
        answers.answer(OUTLOOKS, "ready");
        answers.answer(OUTLOOKS, "own");
        assert_eq!(
            answers.get("scenarios[2].annual_revenue"),
            "200,000; 2,000,000; 5,000,000; 8,000,000; 10,000,000"
        );
    }

    #[test]
    fn years_are_read_as_people_type_them() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(parse_years("0; 2M; 6,000,000"), Ok(vec![d("0"), d("2000000"), d("6000000")]));
        assert_eq!(parse_years("1.5M, 250k"), Ok(vec![d("1500000"), d("250000")]));
        let planned = Ok(vec![d("5000000"), d("15000000"), d("30000000")]);
        assert_eq!(parse_years("5M 15M 30M"), planned);
        assert_eq!(parse_years("5M,15M,30M"), planned);
        assert!(parse_years("12 50").is_err_and(|e| e.starts_with("year 1: ")));
        assert_eq!(
            parse_years(" ; "),
            Err("enter the revenue of at least one year, such as 0; 2M; 6M".to_string())
        );
        assert_eq!(parse_years("1M; -2"), Err("year 2: enter an amount of 0 or more".to_string()));
    }

    #[test]
    fn the_ready_outlooks_follow_the_base_rates_and_add_up_to_one_hundred() {
        let total: Decimal =
            OUTLOOKS_READY.iter().map(|o| Decimal::from_str_exact(o.chance_pct).unwrap()).sum();
        assert_eq!(total, Decimal::ONE_HUNDRED);
        assert_eq!(OUTLOOKS_READY[0].chance_pct, SHUT_DOWN_PCT);
        let plan = Decimal::from(3_333_333);
        assert_eq!(
            ready_revenue(&OUTLOOKS_READY[1], plan),
            vec![
                Decimal::ZERO,
                Decimal::from(833_333),
                Decimal::from(1_666_667),
                Decimal::from(2_500_000),
                Decimal::from(3_333_333)
            ]
        );
    }

    #[test]
    fn validator_messages_find_their_question_and_step() {
        let ready = Answers::default();
        for (path, question, step) in [
            ("grant.tokens", Some("grant.tokens"), Step::Offered),
            ("grant.vesting.schedule", None, Step::Offered),
            ("scenarios", None, Step::Outlook),
            ("scenarios[1].probability_pct", Some("scenarios[1].probability_pct"), Step::Outlook),
            ("scenarios[1].annual_revenue[2]", Some(PLAN_REVENUE), Step::Outlook),
            ("leaving.vested_on_leave", Some("leaving.vested_on_leave"), Step::Situation),
            ("personal.wealth", Some("personal.wealth"), Step::Situation),
            ("salary.base_annual", Some("salary.base_annual"), Step::GiveUp),
            ("payouts.buyback.sell_pct", None, Step::Pay),
            ("currency", Some("currency"), Step::Finish),
        ] {
            assert_eq!(question_for_path(&ready, path), question, "{path}");
            assert_eq!(step_for_path(&ready, path), step, "{path}");
        }
        let share = answered(&[(GRANT_AS, "share"), (BUYBACK, "true"), (OUTLOOKS, "own")]);
        assert_eq!(question_for_path(&share, "grant.tokens"), Some(SHARE_PCT));
        assert_eq!(
            question_for_path(&share, "payouts.buyback.sell_pct"),
            Some("payouts.buyback.sell_pct")
        );
        assert_eq!(
            question_for_path(&share, "scenarios[1].annual_revenue[2]"),
            Some("scenarios[1].annual_revenue")
        );
    }

    #[test]
    fn where_you_pay_tax_fills_the_rates_and_the_currency_and_records_the_residence() {
        let mut answers = Answers::default();
        answers.answer("salary.base_annual", "60,000");
        answers.answer(RESIDENCE, "DE");
        // Germany at €60,000: the rates of the preset (tests/tax.rs checks them by hand).
        let income =
            crate::tax::rates("DE", Decimal::from(60_000), crate::tax::UnitKind::CashSettled)
                .unwrap();
        assert_eq!(answers.get("personal.income_tax_pct"), income.income_tax_pct.to_string());
        assert_eq!(answers.get("currency"), "EUR");
        // A rate the person changes is theirs: a new salary moves only the other one.
        answers.answer("personal.income_tax_pct", "45");
        answers.answer("salary.base_annual", "120,000");
        assert_eq!(answers.get("personal.income_tax_pct"), "45");
        assert_eq!(answers.get("personal.redemption_tax_pct"), "44.31");
        let built = build(&answers);
        assert_eq!(built.document["personal"]["tax_residence"], "DE");
        assert_eq!(built.document["personal"]["tax_year"], 2026);
        assert_eq!(built.document["personal"]["income_tax_pct"], "45");
        assert!(crate::offer::parse_offer(&built.document.to_string()).is_ok());
        // "I'll enter my own rates": no residence in the offer, the rates as they were.
        answers.answer(RESIDENCE, "");
        let built = build(&answers);
        assert!(built.document["personal"].get("tax_residence").is_none());
        assert_eq!(built.document["personal"]["redemption_tax_pct"], "44.31");
    }

    #[test]
    fn tokens_taxed_at_vest_get_the_presets_rates_for_tokens() {
        let mut answers = Answers::default();
        answers.answer("salary.base_annual", "50,000");
        answers.answer(RESIDENCE, "DE");
        // Cash-settled first: a payout is pay, at the income rate.
        assert_eq!(
            answers.get("personal.redemption_tax_pct"),
            answers.get("personal.income_tax_pct")
        );
        // Tokens taxed at vest: a sale within a year at the income tax rate alone, 34.69 %
        // (tests/tax.rs), and tax-free after 12 months in the offer built.
        answers.answer(BUYBACK, "true");
        answers.answer("personal.taxed_at", "vest");
        assert_eq!(answers.get("personal.redemption_tax_pct"), "34.69");
        let built = build(&answers);
        let personal = &built.document["personal"];
        assert_eq!(personal["long_term_redemption_tax_pct"], "0");
        assert_eq!(personal["long_term_after_months"], 12);
        assert_eq!(personal["tax_residence"], "DE");
        assert!(crate::offer::parse_offer(&built.document.to_string()).is_ok());
    }

    #[test]
    fn six_steps_each_with_a_title_and_questions_of_the_form() {
        assert_eq!(Step::Pay.progress(), "Step 2 of 6");
        assert_eq!(Step::Offered.previous(), None);
        assert_eq!(Step::Finish.next(), None);
        assert_eq!(Step::GiveUp.next(), Some(Step::Outlook));
        let tokens =
            questions(Step::Offered).into_iter().find(|q| q.id() == "grant.tokens").unwrap();
        assert_eq!(tokens.spec.label, "Tokens granted");
        assert_eq!(tokens.input(), Input::Field(FieldKind::Count));
        let per_token = questions(Step::Pay)
            .into_iter()
            .find(|q| q.id() == "payouts.milestones[0].per_token")
            .unwrap();
        assert_eq!(per_token.spec.label, "Pays per token");
        // Every answer a question asks for has a starting value.
        let answers = Answers::default();
        for (_, q) in all_questions() {
            assert!(
                !answers.get(q.id()).is_empty() || q.spec.optional,
                "{} has no starting answer",
                q.id()
            );
            assert_ne!(q.spec.label, q.id(), "{} has no label", q.id());
        }
    }
    /// Issue 28: "x % of gross profit" is asked as the letter says it, and the margin with it.
    #[test]
    fn a_share_of_gross_profit_is_asked_with_the_margin() {
        let pay = |answers: &Answers| {
            questions(Step::Pay)
                .into_iter()
                .filter(|q| q.is_asked(answers))
                .map(|q| q.id())
                .collect::<Vec<_>>()
        };
        let revenue = Answers::default();
        assert!(pay(&revenue).contains(&BASIS));
        assert!(!pay(&revenue).contains(&"payouts.revenue_share.gross_margin_pct"));
        let built = build(&revenue);
        assert_eq!(built.document["payouts"]["revenue_share"]["basis"], json!("revenue"));
        let profit =
            answered(&[(BASIS, "gross_profit"), ("payouts.revenue_share.gross_margin_pct", "40%")]);
        assert!(pay(&profit).contains(&"payouts.revenue_share.gross_margin_pct"));
        let built = build(&profit);
        assert_eq!(built.problems, vec![]);
        assert_eq!(
            built.document["payouts"]["revenue_share"],
            json!({ "pool_pct": "10", "basis": "gross_profit", "gross_margin_pct": "40", "every_months": 3 })
        );
        assert!(read_offer(&built.document).is_ok());
        let margin = questions(Step::Pay)
            .into_iter()
            .find(|q| q.id() == "payouts.revenue_share.gross_margin_pct");
        assert_eq!(margin.map(|q| q.spec.whose), Some(Whose::Yours));
    }

    /// Issue 28: "each year from year 2" read either way, both spelled out; another month typed.
    #[test]
    fn the_first_window_is_chosen_between_the_two_readings() {
        let first = |answers: &Answers| {
            build(answers).document["payouts"]["buyback"]["first_window_month"].clone()
        };
        let mut answers = answered(&[(BUYBACK, "true")]);
        assert_eq!(first(&answers), json!(24));
        let choice =
            questions(Step::Pay).into_iter().find(|q| q.id() == FIRST_WINDOW).expect("asked");
        assert_eq!(choice.spec.whose, Whose::Plan);
        let Input::Field(FieldKind::Choice(choices)) = choice.input() else { panic!("a choice") };
        assert!(choices[0].1.contains("Month 13") && choices[0].1.contains("from year 2"));
        assert!(choices[1].1.contains("Month 24") && choices[1].1.contains("end of year 2"));
        assert!(choice.spec.help.contains("each year from year 2"));
        answers.answer(FIRST_WINDOW, "13");
        assert_eq!(first(&answers), json!(13));
        let month_asked = |a: &Answers| {
            questions(Step::Pay)
                .into_iter()
                .any(|q| q.id() == "payouts.buyback.first_window_month" && q.is_asked(a))
        };
        assert!(!month_asked(&answers));
        answers.answer(FIRST_WINDOW, "other");
        assert!(month_asked(&answers));
        assert_eq!(first(&answers), json!(13), "another month starts from the last reading");
        answers.answer("payouts.buyback.first_window_month", "18");
        assert_eq!(first(&answers), json!(18));
    }

    /// Issue 28: the personal-use share is the letter's term and 0 when it says nothing.
    #[test]
    fn a_compute_budgets_personal_use_is_asked_and_0_unless_the_letter_says() {
        let answers = answered(&[(COMPUTE, "true")]);
        let asked = questions(Step::Offered)
            .into_iter()
            .find(|q| q.id() == "compute_budget.personal_use_pct");
        let asked = asked.expect("asked");
        assert!(asked.is_asked(&answers));
        assert_eq!(asked.spec.whose, Whose::Plan);
        assert!(asked.spec.help.contains("0 if it says nothing"));
        assert_eq!(build(&answers).document["compute_budget"]["personal_use_pct"], json!("0"));
        let five = answered(&[(COMPUTE, "true"), ("compute_budget.personal_use_pct", "5")]);
        assert_eq!(build(&five).document["compute_budget"]["personal_use_pct"], json!("5"));
    }

    /// Issue 28: an outlook's help follows the choice between ready outlooks and own numbers.
    #[test]
    fn the_outlooks_help_follows_the_choice() {
        let flop = questions(Step::Outlook).into_iter().find(|q| q.id() == CHANCE_IDS[0]).unwrap();
        let ready = Answers::default();
        assert!(flop.help_for(&ready).contains("a tenth of the plan"));
        let own = answered(&[(OUTLOOKS, "own")]);
        assert!(!flop.help_for(&own).contains("a tenth of the plan"), "{}", flop.help_for(&own));
        assert!(flop.help_for(&own).contains("you enter below"));
        for id in CHANCE_IDS {
            let q = questions(Step::Outlook).into_iter().find(|q| q.id() == id).unwrap();
            assert_ne!(q.help_for(&own), q.help_for(&ready), "{id}");
        }
        let plan = questions(Step::Outlook).into_iter().find(|q| q.id() == PLAN_REVENUE).unwrap();
        assert_eq!(plan.help_for(&own), plan.spec.help);
    }

    /// Issue 28: the figures beside the first steps say what they assume, step by step.
    #[test]
    fn what_the_figures_assume_until_each_step_is_reached() {
        let answers = Answers::default();
        let first = assumed_sentence(&answers, Step::Offered).expect("assumptions");
        assert_eq!(
            first,
            "The figures beside this take your answers so far. Until you reach those steps, they assume a 10 % share of revenue paid to token holders, with no milestone payment and no buyback (step 2); a salary of $150,000 a year, none of it given up for the tokens (step 3); the three ready outlooks for a planned revenue of $5,000,000 a year (step 4); a 20.5 % chance a year that you leave, savings of $100,000, a risk aversion of 2, and tax at 30 % on pay and 20 % on what the tokens pay (step 5)."
        );
        let given = answered(&[("salary.sacrificed_annual", "20k")]);
        let pay = assumed_sentence(&given, Step::Pay).unwrap();
        assert!(
            pay.contains("a salary of $150,000 a year, $20,000 given up for the tokens (step 3)"),
            "{pay}"
        );
        assert!(!pay.contains("step 2"));
        assert!(assumed_sentence(&answers, Step::Outlook).unwrap().contains("(step 5)."));
        assert_eq!(assumed_sentence(&answers, Step::Situation), None);
        assert_eq!(assumed_sentence(&answers, Step::Finish), None);
    }
}
