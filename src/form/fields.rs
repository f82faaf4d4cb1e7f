//! Every fixed field of the offer file as the form shows it: grouped the way a person thinks, each
//! with a label, its unit and a short plain-words explanation.
//!
//! Lists (milestones, scenarios) are edited as tables by the form; their columns are here too.

use crate::offer::entry::{NumberSigns, Reading};

/// How a field is typed and stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// An amount in the offer's currency; accepts `1,250,000`, `1.25M`, `250k`; stored as decimal text.
    Money,
    /// A percentage, 0 to 100; stored as decimal text.
    Percent,
    /// A plain decimal factor (a revenue multiple, risk aversion); stored as decimal text.
    Factor,
    /// A quantity (tokens, paths); stored as a JSON integer, shown with thousands separators so
    /// that a pool of `1,000,000` is not misread by a factor of ten.
    Count,
    /// A whole number read as a label (the random seed); stored as a JSON integer, shown as is.
    Whole,
    /// A number of months, or a month counted from the grant; stored as a JSON integer.
    Months,
    /// Free text.
    Text,
    /// A yes/no switch.
    Switch,
    /// One of a few values: `(stored value, what the person reads)`.
    Choice(&'static [(&'static str, &'static str)]),
}

impl FieldKind {
    /// What typing `text` into a field of this kind stores, and a message when it cannot be read:
    /// amounts as decimal text (`250k` → `"250000"`), whole numbers as JSON integers, an empty
    /// optional field as null (the term is then absent). Unreadable text is stored as typed, so
    /// that it survives a reload and the reader names it at its field.
    #[must_use]
    pub fn stored(self, text: &str, optional: bool) -> (serde_json::Value, Option<String>) {
        self.stored_as(text, optional, self.reading(""))
    }

    /// How a field of this kind, with this unit, reads what is typed after the number: a
    /// multiple's `6x`, a yearly amount's `$500/month`.
    #[must_use]
    pub fn reading(self, unit: &str) -> Reading {
        match self {
            FieldKind::Factor => Reading::Multiple,
            FieldKind::Money if unit == "a year" => Reading::Yearly,
            _ => Reading::Amount,
        }
    }

    /// [`FieldKind::stored`], reading the words after a number as `reading` says.
    #[must_use]
    pub fn stored_as(
        self,
        text: &str,
        optional: bool,
        reading: Reading,
    ) -> (serde_json::Value, Option<String>) {
        self.stored_in(text, optional, reading, NumberSigns::POINT)
    }

    /// [`FieldKind::stored_as`], the number typed in a locale's signs (`1.234,56` in de-DE).
    #[must_use]
    pub fn stored_in(
        self,
        text: &str,
        optional: bool,
        reading: Reading,
        signs: NumberSigns,
    ) -> (serde_json::Value, Option<String>) {
        use crate::offer::entry::{normalize_as_in, parse_as_in};
        use serde_json::Value;
        if optional && text.trim().is_empty() {
            return (Value::Null, None);
        }
        match self {
            FieldKind::Money | FieldKind::Percent | FieldKind::Factor => {
                match normalize_as_in(text, reading, signs) {
                    Ok(decimal) => (Value::String(decimal), None),
                    Err(e) => (Value::String(text.to_string()), Some(e.0)),
                }
            }
            FieldKind::Count | FieldKind::Whole | FieldKind::Months => {
                let whole = parse_as_in(text, Reading::Amount, signs)
                    .ok()
                    .filter(|d| d.fract().is_zero() && !d.is_sign_negative())
                    .and_then(|d| u64::try_from(d).ok());
                match whole {
                    Some(n) => (Value::from(n), None),
                    None => (
                        Value::String(text.to_string()),
                        Some("enter a whole number, such as 12".to_string()),
                    ),
                }
            }
            FieldKind::Text | FieldKind::Choice(_) => (Value::String(text.to_string()), None),
            FieldKind::Switch => (Value::Bool(text == "true"), None),
        }
    }

    /// How a stored value reads in its input: amounts and quantities with thousands separators,
    /// in the page's number format where it installed one (`report::locale`).
    #[must_use]
    pub fn shown(self, stored: String) -> String {
        match self {
            FieldKind::Money | FieldKind::Count => crate::report::format::group_digits(&stored),
            // In the page's locale, a percentage or a factor takes its decimal sign (`12,5`).
            FieldKind::Percent | FieldKind::Factor => match crate::report::locale::style() {
                Some(style) => style.number(&stored),
                None => stored,
            },
            _ => stored,
        }
    }
}

/// One field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Its path in the offer file, also where the validator reports its errors.
    pub path: &'static str,
    pub label: &'static str,
    /// The unit shown beside the input (`"%"`, `"months"`, `""` for the currency).
    pub unit: &'static str,
    pub help: &'static str,
    pub kind: FieldKind,
    /// May be left empty (the field is then left out of the offer).
    pub optional: bool,
    /// When the form shows it: some fields belong to one choice only (the classic vesting fields
    /// to the classic shape, the revenue multiple to formula prices).
    pub shown: Shown,
    /// Whether it is a term of the plan or the person's own estimate (said beside the field).
    pub whose: Whose,
}

/// When a field is part of the form, by the choices the offer makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Always,
    /// Vesting by cliff, length and step (no `grant.vesting.schedule`).
    ClassicVesting,
    /// Tenders at the revenue formula (`payouts.buyback.price` absent or `"formula"`).
    FormulaPrice,
    /// Tenders at prices set per scenario.
    ScenarioPrice,
    /// A compute budget fixed in tokens, whose price falls.
    BudgetInTokens,
}

/// Whose figure a field is, said beside it ("From your offer letter", "Your estimate"), so that
/// what the letter says stays visibly apart from what the person guesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// Neither: a setting of this tool (the offer's name, its currency, the simulation's size).
    Unsaid,
    /// A term the employer sets (the offer letter or the written policy says it).
    Plan,
    /// The person's own estimate.
    Yours,
}

impl Whose {
    /// The words beside a field.
    #[must_use]
    pub fn badge(self) -> Option<&'static str> {
        match self {
            Whose::Unsaid => None,
            Whose::Plan => Some("From your offer letter"),
            Whose::Yours => Some("Your estimate"),
        }
    }
}

impl FieldSpec {
    /// What typing `text` into this field stores, and a message when it cannot be read
    /// ([`FieldKind::stored`], with this field's unit: a yearly amount takes `$500/month`).
    #[must_use]
    pub fn stored(&self, text: &str, optional: bool) -> (serde_json::Value, Option<String>) {
        self.kind.stored_as(text, optional, self.kind.reading(self.unit))
    }

    /// [`FieldSpec::stored`], typed in a locale's signs.
    #[must_use]
    pub fn stored_in(
        &self,
        text: &str,
        optional: bool,
        signs: NumberSigns,
    ) -> (serde_json::Value, Option<String>) {
        self.kind.stored_in(text, optional, self.kind.reading(self.unit), signs)
    }

    const fn when(self, shown: Shown) -> FieldSpec {
        FieldSpec { shown, ..self }
    }

    const fn whose(self, whose: Whose) -> FieldSpec {
        FieldSpec { whose, ..self }
    }
}

/// Whether the form shows `spec` for the offer document `doc`.
#[must_use]
pub fn is_shown(spec: &FieldSpec, doc: &serde_json::Value) -> bool {
    use crate::offer::paths::{get, text_at};
    match spec.shown {
        Shown::Always => true,
        Shown::ClassicVesting => get(doc, "grant.vesting.schedule").is_none(),
        Shown::FormulaPrice => text_at(doc, "payouts.buyback.price") != "scenario",
        Shown::ScenarioPrice => text_at(doc, "payouts.buyback.price") == "scenario",
        Shown::BudgetInTokens => text_at(doc, "compute_budget.unit") == "tokens",
    }
}

/// A group of fields with a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    /// The optional block this section's fields live in (`payouts.revenue_share`), switched on and off.
    pub switch: Option<&'static str>,
    pub fields: &'static [FieldSpec],
    /// For a term an offer may not have: the one line the section collapses to when this offer
    /// has none (its block is off, or its fields are empty), and the button that adds it.
    pub absent: Option<Absent>,
}

/// A section collapsed to one line: "No buybacks in this offer." and "Add buybacks".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Absent {
    pub says: &'static str,
    pub add: &'static str,
}

/// The milestones table's line when there are none.
pub const NO_MILESTONES: Absent =
    Absent { says: "No milestones in this offer.", add: "Add a milestone" };

const fn field(
    path: &'static str,
    label: &'static str,
    unit: &'static str,
    kind: FieldKind,
    help: &'static str,
) -> FieldSpec {
    FieldSpec {
        path,
        label,
        unit,
        help,
        kind,
        optional: false,
        shown: Shown::Always,
        whose: Whose::Unsaid,
    }
}

/// A field that may be left empty (the term is then absent from the offer).
const fn optional_field(
    path: &'static str,
    label: &'static str,
    unit: &'static str,
    kind: FieldKind,
    help: &'static str,
) -> FieldSpec {
    FieldSpec { optional: true, ..field(path, label, unit, kind, help) }
}

use FieldKind::{Choice, Count, Factor, Money, Months, Percent, Switch, Text, Whole};

pub const BASIS_CHOICES: &[(&str, &str)] =
    &[("revenue", "Revenue"), ("gross_profit", "Gross profit")];
pub const ON_LEAVE_CHOICES: &[(&str, &str)] = &[
    ("keep", "I keep them and they keep paying"),
    ("forfeit", "I lose them all"),
    ("buyback", "The company buys them back at the tender price"),
];
/// MODEL.md 8.1: what happens to the salary given up once the project is shut.
pub const SALARY_AFTER_CANCELLATION_CHOICES: &[(&str, &str)] =
    &[("restored", "It ends: I am back on full pay"), ("continues", "It goes on while I stay")];
/// MODEL.md 8.4: what the deal's risk is weighed against.
pub const WEALTH_COUNTS_CHOICES: &[(&str, &str)] = &[
    ("savings_and_pay", "My savings and my pay over these years"),
    ("savings", "My savings alone"),
];
/// MODEL.md 8.3: when tokens received as pay are taxed.
pub const TAXED_AT_CHOICES: &[(&str, &str)] = &[
    ("payout", "When they pay out (sales on the whole amount)"),
    ("vest", "As pay when they vest, before any cash"),
];
pub const PRICE_CHOICES: &[(&str, &str)] = &[
    ("formula", "A multiple of revenue (the formula)"),
    ("scenario", "A price I set for each year of each scenario"),
];
pub const BUDGET_UNIT_CHOICES: &[(&str, &str)] = &[
    ("money", "An amount of money a year"),
    ("tokens", "A fixed number of tokens of named models a year"),
];
/// Plain presets for relative risk aversion.
pub const RISK_PRESETS: &[(&str, &str)] = &[
    ("0", "Indifferent to risk (0)"),
    ("1", "Relaxed (1)"),
    ("2", "Typical (2)"),
    ("4", "Cautious (4)"),
    ("8", "Very cautious (8)"),
];

/// The offer file's fixed fields, in the order the form shows them.
pub const SECTIONS: &[Section] = &[
    Section {
        id: "offer",
        title: "The offer",
        switch: None,
        fields: &[
            field("name", "Name", "", Text, "A name for this offer, so you can tell it from others."),
            field("currency", "Currency", "", Text, "Three-letter code of the currency every amount is in, such as USD or EUR."),
            field("horizon_months", "Months looked ahead", "months", Months, "How far ahead the valuation looks. Anything paid later counts as nothing.").whose(Whose::Yours),
        ],
        absent: None,
    },
    Section {
        id: "pay",
        title: "Your pay",
        switch: None,
        fields: &[
            field("salary.base_annual", "Base salary", "a year", Money, "Your yearly salary under this offer, already after what you give up for tokens.").whose(Whose::Plan),
            field("salary.sacrificed_annual", "Salary given up for tokens", "a year", Money, "How much less salary a year you take to get the tokens. Zero if the tokens come on top.").whose(Whose::Plan),
        ],
        absent: None,
    },
    Section {
        id: "compute_budget",
        title: "Compute budget",
        switch: Some("compute_budget"),
        fields: COMPUTE_FIELDS,
        absent: Some(Absent { says: "No compute budget in this offer.", add: "Add a compute budget" }),
    },
    Section {
        id: "grant",
        title: "The grant",
        switch: None,
        fields: &[
            field("grant.tokens", "Tokens granted", "tokens", Count, "How many tokens you are offered in total.").whose(Whose::Plan),
            field("grant.supply", "Total tokens in the pool", "tokens", Count, "All tokens of this project, held by everyone. Your share of payouts is your tokens divided by this.").whose(Whose::Plan),
            field("grant.annual_dilution_pct", "New tokens each year", "%", Percent, "How much the pool grows each year as new tokens are issued, shrinking your share.").whose(Whose::Yours),
            field("grant.vesting.cliff_months", "Cliff", "months", Months, "Nothing vests before this month; at the cliff, everything earned so far vests at once.").when(Shown::ClassicVesting).whose(Whose::Plan),
            field("grant.vesting.duration_months", "Vesting length", "months", Months, "The month by which all your tokens have vested.").when(Shown::ClassicVesting).whose(Whose::Plan),
            field("grant.vesting.every_months", "Vests every", "months", Months, "After the cliff, tokens vest in steps of this many months.").when(Shown::ClassicVesting).whose(Whose::Plan),
            optional_field("grant.expires_month", "Units expire in month", "month", Months, "Optional: some units (double-trigger ones) lapse if no sale comes in time. At the end of this month every token you still hold is lost: nothing is paid after it and nothing is counted at the end. Leave empty if they never expire.").whose(Whose::Plan),
        ],
        absent: None,
    },
    Section {
        id: "revenue_share",
        title: "Revenue share",
        switch: Some("payouts.revenue_share"),
        fields: &[
            field("payouts.revenue_share.pool_pct", "Share paid to token holders", "%", Percent, "The part of the project's revenue (or gross profit) paid out to all token holders together.").whose(Whose::Plan),
            field("payouts.revenue_share.basis", "Paid out of", "", Choice(BASIS_CHOICES), "Revenue is everything customers pay; gross profit is what is left after the direct costs.").whose(Whose::Plan),
            field("payouts.revenue_share.gross_margin_pct", "Gross margin", "%", Percent, "Gross profit as a share of revenue. Used only when the pool is paid out of gross profit.").whose(Whose::Yours),
            field("payouts.revenue_share.every_months", "Paid every", "months", Months, "How often the pool is paid out. Money earned in a period that has not ended is not paid.").whose(Whose::Plan),
            optional_field("payouts.revenue_share.hurdle_annual", "Only above a yearly hurdle of", "a year", Money, "Optional: the pool is paid only out of the revenue (or gross profit) above this much a year, as with profits interests. Each month, a twelfth of it comes off first; a month below it pays nothing. Leave empty if there is none.").whose(Whose::Plan),
        ],
        absent: Some(Absent { says: "No revenue share in this offer.", add: "Add a revenue share" }),
    },
    Section {
        id: "buyback",
        title: "Buybacks and value at the end",
        switch: Some("payouts.buyback"),
        fields: &[
            field("payouts.buyback.price", "How the tender price is set", "", Choice(PRICE_CHOICES), "Either a formula (a multiple of the last twelve months' revenue), or the price investors set in each tender, which you enter per scenario and year in the scenario table.").whose(Whose::Plan),
            field("payouts.buyback.revenue_multiple", "Price: times yearly revenue", "×", Factor, "The company values all tokens at this multiple of the last twelve months' revenue; one token's price is that divided by the pool.").when(Shown::FormulaPrice).whose(Whose::Plan),
            field("payouts.buyback.first_window_month", "First buyback", "month", Months, "The month of the first chance to sell tokens back.").whose(Whose::Plan),
            field("payouts.buyback.every_months", "Buyback every", "months", Months, "How often a buyback window opens after the first.").whose(Whose::Plan),
            field("payouts.buyback.sell_pct", "Share sold each window", "%", Percent, "The part of your vested tokens you sell back in each window.").whose(Whose::Yours),
            field("payouts.buyback.terminal", "Count the tokens left at the end", "", Switch, "Value the tokens you still hold at the end at the formula price, less the discount below.").whose(Whose::Yours),
            field("payouts.buyback.illiquidity_discount_pct", "Discount for not being able to sell", "%", Percent, "Tokens you cannot sell are worth less than the formula says; this is how much less.").whose(Whose::Yours),
            optional_field("payouts.buyback.floor_price", "Floor price per token", "", Money, "Optional: a price the company guarantees never to buy back or value a token below while the project runs. Leave empty if there is none.").whose(Whose::Plan),
            optional_field("payouts.buyback.max_sale_per_window", "Most you may sell in one window", "", Money, "Optional: a limit on the money (before tax) one tender may buy from you. Past it you keep the rest of your tokens for later windows, so a big grant takes longer to sell. Leave empty if there is none.").whose(Whose::Plan),
            optional_field("payouts.buyback.former_max_sale_per_window", "Most a former employee may sell in one window", "", Money, "Optional: the same limit once you have left and kept your tokens; 0 means former employees may not sell in tenders at all (their tokens still count at the end). Leave empty for the limit above.").whose(Whose::Plan),
        ],
        absent: Some(Absent { says: "No buybacks or value at the end in this offer.", add: "Add buybacks" }),
    },
    Section {
        id: "cap",
        title: "A cap on what a token can pay",
        switch: None,
        fields: &[
            optional_field("payouts.cap_per_token", "Most one token can ever bring in", "", Money, "Optional: a cap on everything one token pays in all, before tax (revenue share, milestones and sales together), such as ten times its value at grant. Once a token has brought in this much it pays nothing more, so the best outcomes are cut. Leave empty if there is none.").whose(Whose::Plan),
        ],
        absent: Some(Absent { says: "No cap on what a token can pay in this offer.", add: "Add a cap" }),
    },
    Section {
        id: "mix",
        title: "Choosing how much salary to trade",
        switch: Some("mix"),
        fields: &[
            field("mix.tokens_per_unit", "Tokens for each unit of salary", "tokens", Factor, "How many tokens the plan gives for each unit of currency of yearly salary you give up.").whose(Whose::Plan),
            field("mix.max_sacrificed_annual", "Most you may trade", "a year", Money, "The largest amount of yearly salary the plan lets you trade for tokens.").whose(Whose::Plan),
            optional_field("mix.step_annual", "In steps of", "a year", Money, "The amounts you may choose are multiples of this. Leave empty for any whole amount.").whose(Whose::Plan),
        ],
        absent: Some(Absent { says: "No choice of how much salary to trade in this offer.", add: "Add a choice of amount" }),
    },
    Section {
        id: "leaving",
        title: "If you leave",
        switch: None,
        fields: &[
            field("leaving.annual_departure_pct", "Chance you leave in a given year", "%", Percent, "Across the industry, people leave jobs; unvested tokens are lost when you go.").whose(Whose::Yours),
            field("leaving.vested_on_leave", "Your vested tokens when you leave", "", Choice(ON_LEAVE_CHOICES), "What the grant agreement says happens to the tokens that have vested.").whose(Whose::Plan),
            field("leaving.salary_after_cancellation", "Your salary cut if the project is shut", "", Choice(SALARY_AFTER_CANCELLATION_CHOICES), "Once a project is shut its people usually go back to full pay, on other work or elsewhere. Choose \"goes on\" only if the letter keeps the cut after a shutdown.").whose(Whose::Plan),
        ],
        absent: None,
    },
    Section {
        id: "quit",
        title: "Leaving if the project goes badly",
        switch: Some("leaving.quit_if"),
        fields: &[
            field("leaving.quit_if.min_trailing_revenue", "You would leave if it earns less than", "a year", Money, "At each review you look at what the project earned over the last twelve months; below this you leave (or ask to move) and stop giving up salary. Your tokens then go as the plan says on leaving.").whose(Whose::Yours),
            field("leaving.quit_if.first_review_month", "First review", "month", Months, "The first month you would look, 12 or later so that it sees a whole year of revenue.").whose(Whose::Yours),
            field("leaving.quit_if.every_months", "Then every", "months", Months, "How often you would look again, such as every 12 months at your yearly review.").whose(Whose::Yours),
        ],
        absent: Some(Absent { says: "No rule to leave if the project goes badly.", add: "Add a leaving rule" }),
    },
    Section {
        id: "personal",
        title: "Your situation",
        switch: None,
        fields: &[
            field("personal.discount_rate_pct", "Return you could earn elsewhere", "% a year", Percent, "Money later is worth less than money now; this is the yearly rate used to bring future payouts to today's money.").whose(Whose::Yours),
            field("personal.tax_residence", "Where you pay tax", "", Choice(crate::tax::RESIDENCE_CHOICES), "Fills the two tax rates below from the published rates of where you live, at your salary: the rate on your next unit of pay. The rates stay yours to change.").whose(Whose::Yours),
            field("personal.income_tax_pct", "Income tax rate", "%", Percent, "Your marginal tax rate on salary, revenue-share and milestone payouts.").whose(Whose::Yours),
            field("personal.redemption_tax_pct", "Tax on selling tokens", "%", Percent, "The tax rate on money from selling tokens back or on their value at the end.").whose(Whose::Yours),
            field("personal.wealth", "Your savings", "", Money, "What you own besides this offer. The same gamble weighs more on someone with less.").whose(Whose::Yours),
            field("personal.risk_aversion", "How much you dislike risk", "", Factor, "0 takes the average at face value; 2 is typical; higher values weigh bad outcomes more.").whose(Whose::Yours),
            field("personal.wealth_counts", "What carries the risk", "", Choice(WEALTH_COUNTS_CHOICES), "A salary cut over years risks a share of your pay over those years, not of your savings alone: counting both is the usual reading.").whose(Whose::Yours),
            field("personal.taxed_at", "When the tokens are taxed", "", Choice(TAXED_AT_CHOICES), "In the US, the UK, Canada and India tokens received as pay are taxed as pay when they vest, at their value then, before you can sell them: you can owe tax on tokens that never pay, and losing them gives none of it back. Sales are then taxed only on the gain over that value.").whose(Whose::Yours),
            optional_field("personal.long_term_redemption_tax_pct", "Lower tax on selling tokens held long", "%", Percent, "Where sales of tokens held a while are taxed at a lower rate (long-term capital gains). Leave empty if there is none.").whose(Whose::Yours),
            optional_field("personal.long_term_after_months", "after holding them", "months", Months, "How long a token must be held for the lower rate, such as 12 months. Give both or neither.").whose(Whose::Yours),
            optional_field("personal.tax_year", "For the tax year", "", Whole, "The year of those rates, such as 2026.").whose(Whose::Yours),
        ],
        absent: None,
    },
    Section {
        id: "simulation",
        title: "Simulation",
        switch: None,
        fields: &[
            field("simulation.paths", "Simulated futures", "paths", Count, "How many random futures to simulate. More is steadier but slower."),
            field("simulation.revenue_volatility_pct", "Revenue uncertainty", "% a year", Percent, "How far each scenario's revenue may stray from its plan, year to year.").whose(Whose::Yours),
            field("simulation.seed", "Random seed", "", Whole, "The same seed gives the same simulation every time."),
        ],
        absent: None,
    },
];

/// The compute budget's fields (MODEL.md 7.6): a budget of AI compute the employer pays for while
/// you work there, valued at what it is worth to you. Sources are named in the help; see
/// `research/compute_budgets.md` for the full list.
pub const COMPUTE_FIELDS: &[FieldSpec] = &[
    field("compute_budget.annual", "Budget a year, at list price", "a year", Money, "What the offer says the budget is worth in its first year, at the providers' list prices. A proposal reported from Nvidia's GTC (March 2026) was half the base salary on top of it; Uber's engineers reportedly spend $500 to $2,000 a month. It stops the day you leave.").whose(Whose::Plan),
    field("compute_budget.unit", "The budget is", "", Choice(BUDGET_UNIT_CHOICES), "An amount of money keeps its value. A fixed number of tokens of named models is worth less each year, because the price of the same model falls.").whose(Whose::Plan),
    field("compute_budget.annual_price_decline_pct", "Yearly fall in the price of those tokens", "% a year", Percent, "How much cheaper the same tokens get each year, so how much of its worth a budget fixed in tokens loses. Measured: about 10× a year for the same capability (a16z, 2024), 5 to 10× for frontier models (Gundlach et al., MIT FutureTech, 2026); 80% is 5× a year.").whose(Whose::Yours).when(Shown::BudgetInTokens),
    field("compute_budget.used_pct", "Share you would really use", "%", Percent, "How much of the budget you would actually spend. What you leave unused is worth nothing to you, unless it is paid out.").whose(Whose::Yours),
    field("compute_budget.personal_use_pct", "Share of your use that may be for yourself", "%", Percent, "What the written policy lets you use for your own projects, as a share of what you use. Only this part can be pay: the rest is a tool for the employer's work. No company's written policy on it has been reported (2026); 0 if it says nothing.").whose(Whose::Plan),
    field("compute_budget.personal_value_pct", "What your own use is worth to you", "% of list price", Percent, "What you would otherwise pay for the compute you use for yourself, as a share of its list price. Subscriptions give far more than they cost: Claude Pro ($20 a month) gives about $163 a month at list prices (she-llac.com/claude-limits), Max 20× ($200) about $2,130 (rhombus.so/limits.html), so about 10%.").whose(Whose::Yours),
    field("compute_budget.work_value_pct", "What work use is worth to you", "% of list price", Percent, "What compute used only for the employer's work is worth to you. 0 by default: a tool to do the job, like a laptop, is not pay.").whose(Whose::Yours),
    field("compute_budget.cash_out_unused_pct", "Share of unused budget paid out in cash", "%", Percent, "If the company pays you for budget you do not use, the share it pays (taxed as income). Reports found no plan that does (2026); 0 if none.").whose(Whose::Plan),
    field("compute_budget.taxable_annual", "Reported as taxable pay", "a year", Money, "How much of it a year your employer reports as taxable wages; you pay income tax on it whether or not you use it. Compute used only for work is probably a tax-free working-condition fringe in the US (IRC §132(d)); personal use is probably taxable.").whose(Whose::Plan),
];

/// Columns of one step of a vesting schedule: `grant.vesting.schedule[i].<column>`.
pub const VESTING_STEP_COLUMNS: &[FieldSpec] = &[
    field(
        "month",
        "Month",
        "month",
        Months,
        "The month this part vests at, counted from the grant.",
    ),
    field("pct", "Share of the grant", "%", Percent, "The part of your tokens that vests then."),
];

/// Columns of one run of a vesting schedule: equal steps from one month to another.
pub const VESTING_RUN_COLUMNS: &[FieldSpec] = &[
    field("from_month", "From month", "month", Months, "The month of the run's first step."),
    field("to_month", "To month", "month", Months, "The latest month a step may fall in."),
    field("every_months", "Every", "months", Months, "Months between the steps."),
    field(
        "pct",
        "Share of the grant",
        "%",
        Percent,
        "The part of your tokens vesting over the whole run, in equal steps.",
    ),
];

/// Columns of one milestone row: `payouts.milestones[i].<column>`.
pub const MILESTONE_COLUMNS: &[FieldSpec] = &[
    field("name", "Milestone", "", Text, "What has to happen for it to pay."),
    field(
        "per_token",
        "Pays per token",
        "",
        Money,
        "The amount paid for each token you hold then.",
    ),
    field("month", "Month", "month", Months, "The month it pays in, counted from the grant."),
];

/// Columns of one scenario row: `scenarios[i].<column>`; `annual_revenue` and `milestones_hit`
/// are lists the table edits year by year and milestone by milestone.
pub const SCENARIO_COLUMNS: &[FieldSpec] = &[
    field("name", "Scenario", "", Text, "A short name for this way things could go."),
    field(
        "probability_pct",
        "Chance",
        "%",
        Percent,
        "How likely you think this is. All scenarios together make 100 %.",
    ),
    field(
        "annual_revenue",
        "Revenue each year",
        "",
        Money,
        "The project's revenue in year 1, 2, …; the last year repeats.",
    ),
    field(
        "price_per_token",
        "Tender price per token each year",
        "",
        Money,
        "What one token fetches in a tender in year 1, 2, …, as investors would price it in this scenario (before any floor or cap); the last year repeats.",
    )
    .when(Shown::ScenarioPrice),
    field(
        "cancelled_month",
        "Shut down in month",
        "month",
        Months,
        "Leave empty if the project keeps going. Nothing is paid after a shutdown.",
    ),
    field(
        "milestones_hit",
        "Milestones reached",
        "",
        Text,
        "Which milestones pay out in this scenario.",
    ),
];

/// The fixed field at `path`, if it is one.
#[must_use]
pub fn find(path: &str) -> Option<&'static FieldSpec> {
    SECTIONS.iter().flat_map(|s| s.fields.iter()).find(|f| f.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::write_offer;

    /// Every leaf of a full offer file is either a form field, a table column, or the envelope:
    /// the first example, and version 3's examples with a schedule, tender prices, a cap, sale
    /// limits, a hurdle, expiry and a compute budget.
    #[test]
    fn every_field_of_the_offer_file_is_in_the_form() {
        for example in ["acme-copilot", "tender-units", "compute-budget"] {
            let text = std::fs::read_to_string(format!(
                "{}/examples/{example}.json",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let offer = crate::parse_offer(&text).unwrap();
            let doc: serde_json::Value = serde_json::from_str(&write_offer(&offer)).unwrap();
            let mut leaves = Vec::new();
            collect_leaves(&doc, String::new(), &mut leaves);
            for path in leaves {
                let covered = find(&path).is_some()
                    || ["format", "version"].contains(&path.as_str())
                    || path.starts_with("checklist.")
                    || SECTIONS.iter().any(|s| s.switch == Some(path.as_str()))
                    || table_column(&path, "payouts.milestones[", MILESTONE_COLUMNS)
                    || table_column(&path, "scenarios[", SCENARIO_COLUMNS)
                    || table_column(&path, "grant.vesting.schedule[", VESTING_STEP_COLUMNS)
                    || table_column(&path, "grant.vesting.schedule[", VESTING_RUN_COLUMNS);
                assert!(covered, "{example}: {path} has no place in the form");
            }
        }
    }

    /// Which fields each choice shows: the classic vesting's under it, the multiple with formula
    /// prices, the price fall with a budget in tokens.
    #[test]
    fn each_choice_shows_its_own_fields() {
        use crate::form::draft::{apply_vesting_preset, blank_offer, set_choice, switch_block};
        let shown = |doc: &serde_json::Value, path: &str| {
            let spec = find(path).or_else(|| SCENARIO_COLUMNS.iter().find(|c| c.path == path));
            is_shown(spec.unwrap(), doc)
        };
        let mut doc = blank_offer("x");
        assert!(shown(&doc, "grant.vesting.cliff_months"));
        apply_vesting_preset(&mut doc, "back-loaded");
        assert!(!shown(&doc, "grant.vesting.cliff_months"));
        switch_block(&mut doc, "payouts.buyback", true);
        assert!(shown(&doc, "payouts.buyback.revenue_multiple") && !shown(&doc, "price_per_token"));
        set_choice(&mut doc, "payouts.buyback.price", "scenario");
        assert!(!shown(&doc, "payouts.buyback.revenue_multiple") && shown(&doc, "price_per_token"));
        switch_block(&mut doc, "compute_budget", true);
        assert!(!shown(&doc, "compute_budget.annual_price_decline_pct"));
        set_choice(&mut doc, "compute_budget.unit", "tokens");
        assert!(shown(&doc, "compute_budget.annual_price_decline_pct"));
        // Every figure says whose it is; only the tool's own settings say neither.
        let unsaid: Vec<&str> = SECTIONS
            .iter()
            .flat_map(|s| s.fields)
            .filter(|f| f.whose == Whose::Unsaid)
            .map(|f| f.path)
            .collect();
        assert_eq!(unsaid, ["name", "currency", "simulation.paths", "simulation.seed"]);
        let whose = |path| find(path).unwrap().whose;
        assert_eq!(whose("grant.tokens"), Whose::Plan, "the letter says it");
        assert_eq!(whose("leaving.annual_departure_pct"), Whose::Yours, "a guess");
        assert_eq!(Whose::Plan.badge(), Some("From your offer letter"));
        // Each term an offer may lack can collapse to one line that adds it.
        for id in ["compute_budget", "revenue_share", "buyback", "cap", "mix"] {
            let section = SECTIONS.iter().find(|s| s.id == id).unwrap();
            let absent = section.absent.unwrap();
            assert!(absent.says.starts_with("No ") && absent.says.ends_with(" in this offer."));
            assert!(absent.add.starts_with("Add "));
        }
    }

    /// What typing stores, by kind: the calculator's and the Company view's fields share it.
    #[test]
    fn typing_stores_by_kind() {
        use serde_json::json;
        for (kind, optional, typed, want, problem) in [
            (FieldKind::Money, false, "250k", json!("250000"), false),
            (FieldKind::Percent, false, "12.5%", json!("12.5"), false),
            (FieldKind::Money, false, "lots", json!("lots"), true),
            (FieldKind::Count, false, "1,000,000", json!(1_000_000), false),
            (FieldKind::Months, false, "1.5", json!("1.5"), true),
            (FieldKind::Months, true, " ", serde_json::Value::Null, false),
            (FieldKind::Text, false, "Copilot", json!("Copilot"), false),
            (FieldKind::Switch, false, "true", json!(true), false),
        ] {
            let (value, message) = kind.stored(typed, optional);
            assert_eq!((value, message.is_some()), (want, problem), "{kind:?} {typed:?}");
        }
        // A field reads what its unit makes unambiguous: a yearly amount per month, a multiple's x.
        for (path, typed, want, problem) in [
            ("salary.sacrificed_annual", "$500/month", json!("6000"), None),
            ("compute_budget.annual", "2k a month", json!("24000"), None),
            ("payouts.buyback.revenue_multiple", "6x", json!("6"), None),
            ("grant.tokens", "6x", json!("6x"), Some("enter a whole number, such as 12")),
            (
                "payouts.milestones[0].per_token",
                "$500/month",
                json!("$500/month"),
                Some("\"$500/month\": type the amount alone, without \"/month\""),
            ),
            (
                "personal.wealth",
                "6x",
                json!("6x"),
                Some("\"6x\": this is not a multiple; type the number alone, such as 6"),
            ),
        ] {
            let spec = find(path).copied().unwrap_or(FieldSpec {
                path,
                label: "",
                unit: "",
                help: "",
                kind: FieldKind::Money,
                optional: false,
                shown: Shown::Always,
                whose: Whose::Unsaid,
            });
            let (value, message) = spec.stored(typed, false);
            assert_eq!((value, message.as_deref()), (want, problem), "{path} {typed:?}");
        }
        assert_eq!(FieldKind::Count.shown("1000000".into()), "1,000,000");
        assert_eq!(FieldKind::Percent.shown("12.5".into()), "12.5");
    }

    fn table_column(path: &str, prefix: &str, columns: &[FieldSpec]) -> bool {
        path.strip_prefix(prefix).and_then(|rest| rest.split_once("].")).is_some_and(
            |(_, column)| {
                columns
                    .iter()
                    .any(|c| column == c.path || column.starts_with(&format!("{}[", c.path)))
            },
        )
    }

    fn collect_leaves(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, child) in map {
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    collect_leaves(child, p, out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    collect_leaves(child, format!("{path}[{i}]"), out);
                }
            }
            _ => out.push(path),
        }
    }
}
