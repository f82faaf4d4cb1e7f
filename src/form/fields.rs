//! Every fixed field of the offer file as the form shows it: grouped the way a person thinks, each
//! with a label, its unit and a short plain-words explanation.
//!
//! Lists (milestones, scenarios) are edited as tables by the form; their columns are here too.

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
}

/// A group of fields with a heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    /// The optional block this section's fields live in (`payouts.revenue_share`), switched on and off.
    pub switch: Option<&'static str>,
    pub fields: &'static [FieldSpec],
}

const fn field(
    path: &'static str,
    label: &'static str,
    unit: &'static str,
    kind: FieldKind,
    help: &'static str,
) -> FieldSpec {
    FieldSpec { path, label, unit, help, kind, optional: false }
}

const fn optional_field(
    path: &'static str,
    label: &'static str,
    unit: &'static str,
    kind: FieldKind,
    help: &'static str,
) -> FieldSpec {
    FieldSpec { path, label, unit, help, kind, optional: true }
}

use FieldKind::{Choice, Count, Factor, Money, Months, Percent, Switch, Text, Whole};

pub const BASIS_CHOICES: &[(&str, &str)] =
    &[("revenue", "Revenue"), ("gross_profit", "Gross profit")];
pub const ON_LEAVE_CHOICES: &[(&str, &str)] = &[
    ("keep", "I keep them and they keep paying"),
    ("forfeit", "I lose them all"),
    ("buyback", "The company buys them back at the formula price"),
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
            field("horizon_months", "Months looked ahead", "months", Months, "How far ahead the valuation looks. Anything paid later counts as nothing."),
        ],
    },
    Section {
        id: "pay",
        title: "Your pay",
        switch: None,
        fields: &[
            field("salary.base_annual", "Base salary", "a year", Money, "Your yearly salary under this offer, already after what you give up for tokens."),
            field("salary.sacrificed_annual", "Salary given up for tokens", "a year", Money, "How much less salary a year you take to get the tokens. Zero if the tokens come on top."),
        ],
    },
    Section {
        id: "grant",
        title: "The grant",
        switch: None,
        fields: &[
            field("grant.tokens", "Tokens granted", "tokens", Count, "How many tokens you are offered in total."),
            field("grant.supply", "Total tokens in the pool", "tokens", Count, "All tokens of this project, held by everyone. Your share of payouts is your tokens divided by this."),
            field("grant.annual_dilution_pct", "New tokens each year", "%", Percent, "How much the pool grows each year as new tokens are issued, shrinking your share."),
            field("grant.vesting.cliff_months", "Cliff", "months", Months, "Nothing vests before this month; at the cliff, everything earned so far vests at once."),
            field("grant.vesting.duration_months", "Vesting length", "months", Months, "The month by which all your tokens have vested."),
            field("grant.vesting.every_months", "Vests every", "months", Months, "After the cliff, tokens vest in steps of this many months."),
        ],
    },
    Section {
        id: "revenue_share",
        title: "Revenue share",
        switch: Some("payouts.revenue_share"),
        fields: &[
            field("payouts.revenue_share.pool_pct", "Share paid to token holders", "%", Percent, "The part of the project's revenue (or gross profit) paid out to all token holders together."),
            field("payouts.revenue_share.basis", "Paid out of", "", Choice(BASIS_CHOICES), "Revenue is everything customers pay; gross profit is what is left after the direct costs."),
            field("payouts.revenue_share.gross_margin_pct", "Gross margin", "%", Percent, "Gross profit as a share of revenue. Used only when the pool is paid out of gross profit."),
            field("payouts.revenue_share.every_months", "Paid every", "months", Months, "How often the pool is paid out. Money earned in a period that has not ended is not paid."),
        ],
    },
    Section {
        id: "buyback",
        title: "Buybacks and value at the end",
        switch: Some("payouts.buyback"),
        fields: &[
            field("payouts.buyback.revenue_multiple", "Price: times yearly revenue", "×", Factor, "The company values all tokens at this multiple of the last twelve months' revenue; one token's price is that divided by the pool."),
            field("payouts.buyback.first_window_month", "First buyback", "month", Months, "The month of the first chance to sell tokens back."),
            field("payouts.buyback.every_months", "Buyback every", "months", Months, "How often a buyback window opens after the first."),
            field("payouts.buyback.sell_pct", "Share sold each window", "%", Percent, "The part of your vested tokens you sell back in each window."),
            field("payouts.buyback.terminal", "Count the tokens left at the end", "", Switch, "Value the tokens you still hold at the end at the formula price, less the discount below."),
            field("payouts.buyback.illiquidity_discount_pct", "Discount for not being able to sell", "%", Percent, "Tokens you cannot sell are worth less than the formula says; this is how much less."),
            optional_field("payouts.buyback.floor_price", "Floor price per token", "", Money, "Optional: a price the company guarantees never to buy back or value a token below while the project runs. Leave empty if there is none."),
        ],
    },
    Section {
        id: "mix",
        title: "Choosing how much salary to trade",
        switch: Some("mix"),
        fields: &[
            field("mix.tokens_per_unit", "Tokens for each unit of salary", "tokens", Factor, "How many tokens the plan gives for each unit of currency of yearly salary you give up."),
            field("mix.max_sacrificed_annual", "Most you may trade", "a year", Money, "The largest amount of yearly salary the plan lets you trade for tokens."),
            optional_field("mix.step_annual", "In steps of", "a year", Money, "The amounts you may choose are multiples of this. Leave empty for any whole amount."),
        ],
    },
    Section {
        id: "leaving",
        title: "If you leave",
        switch: None,
        fields: &[
            field("leaving.annual_departure_pct", "Chance you leave in a given year", "%", Percent, "Across the industry, people leave jobs; unvested tokens are lost when you go."),
            field("leaving.vested_on_leave", "Your vested tokens when you leave", "", Choice(ON_LEAVE_CHOICES), "What the grant agreement says happens to the tokens that have vested."),
        ],
    },
    Section {
        id: "personal",
        title: "Your situation",
        switch: None,
        fields: &[
            field("personal.discount_rate_pct", "Return you could earn elsewhere", "% a year", Percent, "Money later is worth less than money now; this is the yearly rate used to bring future payouts to today's money."),
            field("personal.income_tax_pct", "Income tax rate", "%", Percent, "Your marginal tax rate on salary, revenue-share and milestone payouts."),
            field("personal.redemption_tax_pct", "Tax on selling tokens", "%", Percent, "The tax rate on money from selling tokens back or on their value at the end."),
            field("personal.wealth", "Your savings", "", Money, "What you own besides this offer. The same gamble weighs more on someone with less."),
            field("personal.risk_aversion", "How much you dislike risk", "", Factor, "0 takes the average at face value; 2 is typical; higher values weigh bad outcomes more."),
        ],
    },
    Section {
        id: "simulation",
        title: "Simulation",
        switch: None,
        fields: &[
            field("simulation.paths", "Simulated futures", "paths", Count, "How many random futures to simulate. More is steadier but slower."),
            field("simulation.revenue_volatility_pct", "Revenue uncertainty", "% a year", Percent, "How far each scenario's revenue may stray from its plan, year to year."),
            field("simulation.seed", "Random seed", "", Whole, "The same seed gives the same simulation every time."),
        ],
    },
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

/// The transparency questions, by checklist key, as the person reads them.
pub const CHECKLIST_QUESTIONS: [(&str, &str); 8] = [
    (
        "initial_value_explained",
        "Has the company explained how the tokens' value at grant was set?",
    ),
    ("formula_in_writing", "Is the payout formula written into the grant agreement?"),
    ("revenue_audited", "Is the metric that decides payouts audited, or open to holders?"),
    ("formula_locked", "Is the company unable to change the formula on its own?"),
    ("cancellation_terms", "Is it written down what happens if the project is cancelled?"),
    ("leaving_terms", "Is it written down what you keep when you leave?"),
    ("tax_explained", "Is the tax treatment of payouts documented?"),
    ("recourse", "Is there a way to dispute how the plan is run?"),
];

/// The fixed field at `path`, if it is one.
#[must_use]
pub fn find(path: &str) -> Option<&'static FieldSpec> {
    SECTIONS.iter().flat_map(|s| s.fields.iter()).find(|f| f.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::draft::{get, text_at};
    use crate::offer::{write_offer, Checklist};

    /// Every leaf of a full offer file is either a form field, a table column, or the envelope.
    #[test]
    fn every_field_of_the_offer_file_is_in_the_form() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/acme-copilot.json"
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
                || table_column(&path, "payouts.milestones[", MILESTONE_COLUMNS)
                || table_column(&path, "scenarios[", SCENARIO_COLUMNS);
            assert!(covered, "{path} has no place in the form");
        }
        assert_eq!(CHECKLIST_QUESTIONS.map(|(k, _)| k), Checklist::KEYS);
        assert_eq!(text_at(&doc, "grant.tokens"), "10000");
        assert!(get(&doc, "payouts.buyback.terminal").is_some());
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
