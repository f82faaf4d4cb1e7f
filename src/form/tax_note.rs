//! The note beside the form's tax fields (issue 26): each field as the residence's preset gives
//! it, in words, beside what the offer holds, so that a figure the person changed is badged as
//! their own. Pure: `ui::form` draws it.

use serde_json::Value;

use crate::offer::entry::parse_entry;
use crate::offer::paths::text_at;

/// The offer's tax fields as they are, to set beside the preset's.
pub struct Typed {
    pub income: String,
    pub redemption: String,
    pub long_term: String,
    pub long_term_months: String,
}

impl Typed {
    #[must_use]
    pub fn of(doc: &Value) -> Typed {
        Typed {
            income: text_at(doc, "personal.income_tax_pct"),
            redemption: text_at(doc, "personal.redemption_tax_pct"),
            long_term: text_at(doc, "personal.long_term_redemption_tax_pct"),
            long_term_months: text_at(doc, "personal.long_term_after_months"),
        }
    }
}

/// One line of the note: the field's label, the preset's figure in words, and, where the offer's
/// differs, "Your own" with what the person entered.
pub struct Line {
    /// For its test id: `income`, `redemption`, `taxed_at`, `long_term`.
    pub key: &'static str,
    pub label: &'static str,
    pub words: String,
    /// What the person entered, where it is not the preset's.
    pub own: Option<String>,
}

/// The note's lines: both rates; for tokens also when they are taxed and the long-term rate,
/// each with the preset's rules in words where they are more than a rate.
#[must_use]
pub fn lines(rates: &crate::tax::Rates, typed: &Typed) -> Vec<Line> {
    use crate::tax::{TaxedAt, UnitKind};
    let differs = |text: &str, preset| parse_entry(text).ok() != Some(preset);
    let own_rate =
        |text: &str, preset| differs(text, preset).then(|| format!("you entered: {text} %"));
    let with_rules = |figure: String, rules: &[String]| {
        std::iter::once(figure).chain(rules.iter().cloned()).collect::<Vec<_>>().join(" ")
    };
    let mut lines = vec![
        Line {
            key: "income",
            label: "Income tax rate",
            words: rates.income_words(),
            own: own_rate(&typed.income, rates.income_tax_pct),
        },
        Line {
            key: "redemption",
            label: "Tax on selling tokens",
            words: with_rules(rates.redemption_words(), &rates.sale_words),
            own: own_rate(&typed.redemption, rates.redemption_tax_pct),
        },
    ];
    if rates.kind != UnitKind::Tokens {
        return lines;
    }
    // The offer is taxed at vest (that is what makes its units tokens); the preset says when.
    let when = match rates.taxed_at {
        TaxedAt::Vest => "when they vest, as pay.",
        TaxedAt::Payout => "when they pay.",
    };
    lines.push(Line {
        key: "taxed_at",
        label: "When the tokens are taxed",
        words: with_rules(when.to_string(), rates.when_words.as_slice()),
        own: (rates.taxed_at != TaxedAt::Vest).then(|| "you chose: when they vest".to_string()),
    });
    let (words, own) = match &rates.long_term {
        Some(long) => (
            rates.long_term_words().unwrap_or_default(),
            differs(&typed.long_term, long.redemption_tax_pct)
                || typed.long_term_months != long.after_months.to_string(),
        ),
        None => (
            "none here: a sale is taxed at the rate above however long the tokens were held."
                .to_string(),
            !typed.long_term.is_empty(),
        ),
    };
    let entered =
        format!("you entered: {} % after {} months", typed.long_term, typed.long_term_months);
    lines.push(Line {
        key: "long_term",
        label: "Lower tax on selling tokens held long",
        words,
        own: own.then_some(entered),
    });
    lines
}
