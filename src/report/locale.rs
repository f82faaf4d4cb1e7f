//! Figures in a person's own number format (issue 26): the decimal sign, the grouping (three by
//! three, or India's lakh and crore: `12,34,567.89`), the minus sign, and where the currency and
//! the percent sign go.
//!
//! The page measures a locale once with the browser's own `Intl.NumberFormat`
//! (`ui::kit::locale`), writes what it found into a [`NumberStyle`], and installs it here with
//! [`set_style`]; `format` then writes every figure it has rounded in that style. Nothing else
//! changes: the rounding, the digits and the figures are `format`'s, in any locale. Without a style
//! (the command line, the native tests, a page in en-US) `format` writes what it always wrote, and
//! [`neutral`] gives that form on a page in another locale too (the `data-exact` attributes, which
//! must equal the command line's figures).

use std::cell::RefCell;
use std::rc::Rc;

pub use crate::offer::entry::NumberSigns;

/// A piece of a figure's pattern: its number, or text around it (a currency sign, a space, a
/// minus sign, a percent sign).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Number,
    Text(String),
}

/// How a figure is laid out around its number (`-`, `1.234,50`, ` `, `€`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pattern(pub Vec<Piece>);

impl Pattern {
    /// The pattern with `number` in its place.
    #[must_use]
    pub fn fill(&self, number: &str) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Number => out.push_str(number),
                Piece::Text(t) => out.push_str(t),
            }
        }
        out
    }
}

/// A currency's patterns for a positive and a negative amount.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CurrencyPatterns {
    pub positive: Pattern,
    pub negative: Pattern,
}

/// What a locale's figures look like: measured by the page with `Intl.NumberFormat`, applied here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberStyle {
    /// The locale, as the browser resolved it (`de-DE`).
    pub locale: String,
    /// The decimal sign (`,`).
    pub decimal: String,
    /// The sign between groups of digits (`.`, a narrow no-break space in French).
    pub group: String,
    /// Groups of two above the thousands (India: `12,34,567`).
    pub indian: bool,
    /// The fewest digits before the decimal sign that are grouped (4; 5 where `1234` is written
    /// so, as in Spanish).
    pub min_grouped: usize,
    /// The minus sign of a plain number.
    pub minus: String,
    /// A percentage's pattern (`13,8 %`).
    pub percent: Pattern,
    /// The currencies' patterns, as measured for this locale (`("EUR", …)`). A currency not
    /// measured is laid out as the euro is, with its code for the sign.
    pub currencies: Vec<(String, CurrencyPatterns)>,
}

impl NumberStyle {
    /// A style.
    #[must_use]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        locale: &str,
        decimal: &str,
        group: &str,
        indian: bool,
        min_grouped: usize,
        minus: &str,
        percent: Pattern,
        currencies: Vec<(String, CurrencyPatterns)>,
    ) -> NumberStyle {
        NumberStyle {
            locale: locale.to_string(),
            decimal: decimal.to_string(),
            group: group.to_string(),
            indian,
            min_grouped: min_grouped.max(1),
            minus: minus.to_string(),
            percent,
            currencies,
        }
    }

    /// The signs a typed number is read with in this locale.
    #[must_use]
    pub fn signs(&self) -> NumberSigns {
        let decimal = self.decimal.chars().next().unwrap_or('.');
        let group = self.group.chars().next().unwrap_or(',');
        NumberSigns { decimal, group }
    }

    /// A plain number's text (`-1234567.5`, as `format` writes it before grouping) in this style
    /// (`-1.234.567,5`); other text is returned as it is.
    #[must_use]
    pub fn number(&self, plain: &str) -> String {
        let (negative, digits) = match plain.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, plain),
        };
        match self.unsigned(digits) {
            Some(shown) if negative => format!("{}{shown}", self.minus),
            Some(shown) => shown,
            None => plain.to_string(),
        }
    }

    /// Money: a plain number's text with the currency where this locale puts it (`-1.234,50 €`).
    #[must_use]
    pub fn money(&self, plain: &str, currency: &str) -> String {
        let (negative, digits) = match plain.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, plain),
        };
        let Some(shown) = self.unsigned(digits) else {
            return format!("{plain} {currency}");
        };
        let measured = |code: &str| self.currencies.iter().find(|(c, _)| c == code).map(|(_, p)| p);
        match (measured(currency), measured("EUR")) {
            (Some(p), _) => if negative { &p.negative } else { &p.positive }.fill(&shown),
            // Laid out as the euro is, with the code for its sign.
            (None, Some(euro)) => if negative { &euro.negative } else { &euro.positive }
                .fill(&shown)
                .replace('€', currency),
            (None, None) => {
                format!("{}{shown}\u{a0}{currency}", if negative { &*self.minus } else { "" })
            }
        }
    }

    /// A percentage from its plain number's text (`13.8` → `13,8 %`).
    #[must_use]
    pub fn percent(&self, plain: &str) -> String {
        let shown = self.number(plain);
        if self.percent.0.is_empty() {
            format!("{shown}%")
        } else {
            self.percent.fill(&shown)
        }
    }

    /// Digits with at most one decimal point, grouped and with this locale's decimal sign.
    fn unsigned(&self, digits: &str) -> Option<String> {
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (digits, None),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
            return None;
        }
        let mut out = String::with_capacity(digits.len() + 8);
        let n = whole.len();
        for (i, ch) in whole.chars().enumerate() {
            let left = n - i;
            let boundary = i > 0
                && n >= self.min_grouped
                && if self.indian && left > 3 { (left - 3) % 2 == 0 } else { left % 3 == 0 };
            if boundary {
                out.push_str(&self.group);
            }
            out.push(ch);
        }
        if let Some(f) = fraction {
            out.push_str(&self.decimal);
            out.push_str(f);
        }
        Some(out)
    }
}

thread_local! {
    static STYLE: RefCell<Option<Rc<NumberStyle>>> = const { RefCell::new(None) };
}

/// Installs the style every figure is written in from now on (the page's, at its start); `None`
/// for `format`'s own.
pub fn set_style(style: Option<NumberStyle>) {
    STYLE.with(|s| *s.borrow_mut() = style.map(Rc::new));
}

/// The style figures are written in, if the page installed one.
#[must_use]
pub fn style() -> Option<Rc<NumberStyle>> {
    STYLE.with(|s| s.borrow().clone())
}

/// The signs a typed number is read with: the installed style's, else a point for decimals.
#[must_use]
pub fn signs() -> NumberSigns {
    style().map_or(NumberSigns::POINT, |s| s.signs())
}

/// Runs `f` with `format`'s own style, as the command line writes figures: for what a program
/// reads (`data-exact`, files to download).
pub fn neutral<R>(f: impl FnOnce() -> R) -> R {
    let saved = STYLE.with(|s| s.borrow_mut().take());
    let out = f();
    STYLE.with(|s| *s.borrow_mut() = saved);
    out
}

/// A style for tests and for the documentation, as the browser measures these locales: `de-DE`
/// (`1.234,56 €`), `fr-FR` (`1 234,56 €`, narrow no-break spaces), `en-IN` (`₹12,34,567.89`).
#[must_use]
pub fn sample_style(locale: &str) -> Option<NumberStyle> {
    let text = |s: &str| Piece::Text(s.to_string());
    let after = |space: &str| -> Vec<(String, CurrencyPatterns)> {
        [("EUR", "€"), ("USD", "$"), ("GBP", "£")]
            .iter()
            .map(|(code, sign)| {
                let after = Piece::Text(format!("{space}{sign}"));
                let patterns = CurrencyPatterns {
                    positive: Pattern(vec![Piece::Number, after.clone()]),
                    negative: Pattern(vec![Piece::Text("-".into()), Piece::Number, after]),
                };
                ((*code).to_string(), patterns)
            })
            .collect()
    };
    match locale {
        "de-DE" => Some(NumberStyle::new(
            "de-DE",
            ",",
            ".",
            false,
            4,
            "-",
            Pattern(vec![Piece::Number, text("\u{a0}%")]),
            after("\u{a0}"),
        )),
        "fr-FR" => Some(NumberStyle::new(
            "fr-FR",
            ",",
            "\u{202f}",
            false,
            4,
            "-",
            Pattern(vec![Piece::Number, text("\u{a0}%")]),
            after("\u{a0}"),
        )),
        "en-IN" => Some(NumberStyle::new(
            "en-IN",
            ".",
            ",",
            true,
            4,
            "-",
            Pattern(vec![Piece::Number, text("%")]),
            vec![(
                "INR".to_string(),
                CurrencyPatterns {
                    positive: Pattern(vec![Piece::Text("₹".into()), Piece::Number]),
                    negative: Pattern(vec![Piece::Text("-₹".into()), Piece::Number]),
                },
            )],
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::format::{group_digits, money, money_spoken, percent, times};

    fn in_locale<R>(locale: &str, f: impl FnOnce() -> R) -> R {
        set_style(sample_style(locale));
        let out = f();
        set_style(None);
        out
    }

    /// The figures `format` writes, in each locale's own style, and unchanged without one.
    #[test]
    fn figures_in_the_persons_own_format() {
        for (locale, amount, currency, want) in [
            ("de-DE", 1234.56, "EUR", "1.234,56\u{a0}€"),
            ("de-DE", -10890.94, "EUR", "-10.890,94\u{a0}€"),
            ("de-DE", 1234567.891, "USD", "1.234.567,89\u{a0}$"),
            ("de-DE", 0.0, "GBP", "0,00\u{a0}£"),
            // A currency not measured: laid out as the euro, with its code.
            ("de-DE", -3.1, "CHF", "-3,10\u{a0}CHF"),
            ("fr-FR", 1234567.891, "EUR", "1\u{202f}234\u{202f}567,89\u{a0}€"),
            ("en-IN", 1234567.891, "INR", "₹12,34,567.89"),
            ("en-IN", -123456789.0, "INR", "-₹12,34,56,789.00"),
            ("en-IN", 999.0, "INR", "₹999.00"),
        ] {
            assert_eq!(in_locale(locale, || money(amount, currency)), want, "{locale} {amount}");
        }
        for (locale, amount, want) in [
            ("de-DE", 85295.19, "85.300\u{a0}€"),
            ("en-IN", 1234567.891, "₹12,30,000"),
            ("de-DE", 612.49, "612\u{a0}€"),
        ] {
            let currency = if locale == "en-IN" { "INR" } else { "EUR" };
            assert_eq!(in_locale(locale, || money_spoken(amount, currency)), want, "{amount}");
        }
        assert_eq!(in_locale("de-DE", || percent(0.1384)), "13,8\u{a0}%");
        // A chart's axis: the suffix after the number, the currency where the locale puts it.
        let axis = crate::report::charts::compact_money;
        assert_eq!(in_locale("de-DE", || axis(1_234_567.0, "EUR")), "1,2M\u{a0}€");
        assert_eq!(in_locale("de-DE", || axis(-20_000.0, "USD")), "-20k\u{a0}$");
        assert_eq!(in_locale("en-IN", || axis(350_000.0, "INR")), "₹350k");
        assert_eq!(axis(1_234_567.0, "EUR"), "€1.2M");
        assert_eq!(in_locale("de-DE", || group_digits("1250000")), "1.250.000");
        assert_eq!(in_locale("de-DE", || group_digits("1234.5")), "1.234,5");
        assert_eq!(in_locale("de-DE", || times(2.5)), "2,50×");
        assert_eq!(in_locale("en-IN", || group_digits("12345678")), "1,23,45,678");
        // The command line's form, for data-exact, on a page in another locale.
        assert_eq!(in_locale("de-DE", || neutral(|| money(1234.56, "EUR"))), "€1,234.56");
        // No style: byte for byte what format always wrote.
        assert_eq!(money(1234.56, "EUR"), "€1,234.56");
        assert_eq!(percent(0.1384), "13.8%");
    }

    /// Spanish leaves a four-digit number ungrouped (`1234`, but `12.345`).
    #[test]
    fn a_locale_may_leave_four_digits_ungrouped() {
        let style = NumberStyle::new("es-ES", ",", ".", false, 5, "-", Pattern::default(), vec![]);
        assert_eq!(style.number("1234.5"), "1234,5");
        assert_eq!(style.number("12345"), "12.345");
        assert_eq!(style.money("-12345.5", "XYZ"), "-12.345,5\u{a0}XYZ");
        assert_eq!(style.number("abc"), "abc");
        assert_eq!(style.signs(), NumberSigns { decimal: ',', group: '.' });
    }
}
