//! Numbers as people type them into a form: `1,250,000`, `1.25M`, `250k`, `12.5%`, ` 3 `.
//!
//! The result is the plain decimal text the offer file stores (`"1250000"`), so that the validator
//! sees exactly what the person meant and reports its own message at the field.

use rust_decimal::Decimal;

use super::reader::parse_decimal;

/// Why a typed number could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryError(pub String);

/// The signs a person's locale writes numbers with: `1,234.5` (en-US), `1.234,5` (de-DE),
/// `1 234,5` (fr-FR). The page measures them (`report::locale`); files and the command line always
/// use [`NumberSigns::POINT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberSigns {
    /// The decimal sign.
    pub decimal: char,
    /// The sign between groups of thousands.
    pub group: char,
}

impl NumberSigns {
    /// A point for decimals, a comma between thousands: what every field read before issue 26.
    pub const POINT: NumberSigns = NumberSigns { decimal: '.', group: ',' };

    /// A number written with these signs (`1234.5` → `1.234,5`), to show in a message.
    fn example(self, plain: &str) -> String {
        let (whole, fraction) = plain.split_once('.').unwrap_or((plain, ""));
        let mut out = String::new();
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(self.group);
            }
            out.push(ch);
        }
        if !fraction.is_empty() {
            out.push(self.decimal);
            out.push_str(fraction);
        }
        out
    }

    fn name(sign: char) -> &'static str {
        match sign {
            '.' => "a point",
            ',' => "a comma",
            '\'' | '’' => "an apostrophe",
            _ => "a space",
        }
    }
}

/// How a field reads the words people type after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A plain amount, count or percentage.
    Amount,
    /// An amount a year: `$500/month` (or `a month`, `per month`, `monthly`) is twelve times it,
    /// `/year` is the amount itself.
    Yearly,
    /// A multiple: `6x` and `6×` are 6.
    Multiple,
}

/// Reads a typed amount: thousands separators (`,`, `_`, thin or plain spaces between digit groups),
/// a suffix `k` (thousand), `m`/`M`/`mn` (million), `b`/`bn` (billion), an optional `%`, and
/// currency signs (`$`, `€`, `£`, `¥`) in front. Returns the exact decimal.
pub fn parse_entry(text: &str) -> Result<Decimal, EntryError> {
    parse_plain(text)
}

/// [`parse_entry`], with the words a field of this [`Reading`] also accepts; what it cannot read
/// for sure gets a message saying exactly what to change (`6x` where a multiple is not asked for,
/// `/month` where the amount is not yearly, several amounts where one is).
pub fn parse_as(text: &str, reading: Reading) -> Result<Decimal, EntryError> {
    parse_as_point(text, reading)
}

/// [`parse_as`] in a locale's [`NumberSigns`]: in de-DE `1.234,56` is 1234.56, `12,5` is 12.5 and
/// `250.000` is 250000. What only a point can mean keeps its meaning (`1.25M`, `12.5 %`: a point
/// that cannot separate thousands is a decimal point); what the locale's signs cannot say is
/// refused with the number as the locale writes it (`1,234.56` → "type 1.234,56").
pub fn parse_as_in(
    text: &str,
    reading: Reading,
    signs: NumberSigns,
) -> Result<Decimal, EntryError> {
    if signs.decimal != ',' {
        return parse_as_point(text, reading);
    }
    // The number in the text, rewritten with a decimal point (`1.234,56 €` → `1234.56 €`), read
    // as ever; a message quotes what the person typed.
    let typed = text.trim();
    let converted = in_point_form_text(typed, signs)?;
    parse_as_point(&converted, reading).map_err(|e| EntryError(e.0.replace(&converted, typed)))
}

/// [`parse_as`], the words after the number read as `reading` says.
fn parse_as_point(text: &str, reading: Reading) -> Result<Decimal, EntryError> {
    let typed = text.trim();
    let (amount, months) = match (reading, split_period(typed)) {
        (Reading::Yearly, Some((amount, months, _))) => (amount, months),
        (_, Some((_, _, period))) => {
            return Err(EntryError(format!(
                "\"{typed}\": type the amount alone, without \"{period}\""
            )))
        }
        (_, None) => (typed, 1),
    };
    let amount = match (reading, amount.strip_suffix(['x', 'X', '×'])) {
        (Reading::Multiple, Some(number)) => number.trim_end(),
        (_, Some(number)) if parse_plain(number).is_ok() => {
            return Err(EntryError(format!(
                "\"{typed}\": this is not a multiple; type the number alone, such as {}",
                number.trim()
            )))
        }
        _ => amount,
    };
    let value = parse_plain(amount).map_err(|e| several_amounts(typed).unwrap_or(e))?;
    value
        .checked_mul(Decimal::from(months))
        .ok_or_else(|| EntryError(format!("\"{typed}\" is too large")))
}

/// Reads a list of amounts, one a year (`0; 2M; 6M`): separated by `;`, by `, `, or, where every
/// amount carries its unit (`5M 15M 30M`, `5M,15M,30M`), by spaces or commas alone. Digits alone
/// split by a space or a bare comma (`12 50`, `1,2`) could be one number, and are refused.
pub fn parse_list(text: &str) -> Result<Vec<Decimal>, (usize, EntryError)> {
    let mut amounts = Vec::new();
    let pieces = text.split(';').flat_map(|piece| piece.split(", ")).map(str::trim);
    for piece in pieces.filter(|p| !p.is_empty()) {
        match parse_as(piece, Reading::Amount) {
            Ok(d) => amounts.push(d),
            Err(e) => match split_with_units(piece) {
                Some(several) => amounts.extend(several),
                None => return Err((amounts.len(), e)),
            },
        }
    }
    Ok(amounts)
}

/// The amounts of `text` split at spaces and commas, when every one carries a unit (`5M 15M`).
fn split_with_units(text: &str) -> Option<Vec<Decimal>> {
    let pieces: Vec<&str> =
        text.split([' ', ',']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let with_unit = |p: &&str| p.bytes().last().is_some_and(|b| b.is_ascii_alphabetic());
    if pieces.len() < 2 || !pieces.iter().all(with_unit) {
        return None;
    }
    pieces.iter().map(|p| parse_plain(p).ok()).collect()
}

/// The message for several amounts typed into a field that takes one (`5M 15M 30M`).
fn several_amounts(text: &str) -> Option<EntryError> {
    let several = split_with_units(text).is_some()
        || (text.contains(';') || text.contains(", "))
            && parse_list(text).is_ok_and(|list| list.len() > 1);
    several.then(|| EntryError(format!("\"{text}\" is several amounts: type one here")))
}

/// Splits `$500/month` into `("$500", 12, "/month")`: the amount, the months it is for, and the
/// words that said so.
fn split_period(text: &str) -> Option<(&str, u32, &str)> {
    const PERIODS: [(&str, u32); 14] = [
        ("/month", 12),
        ("/mo", 12),
        ("per month", 12),
        ("a month", 12),
        ("monthly", 12),
        ("/mth", 12),
        ("a mo", 12),
        ("/year", 1),
        ("/yr", 1),
        ("per year", 1),
        ("a year", 1),
        ("yearly", 1),
        ("annually", 1),
        ("/y", 1),
    ];
    let lower = text.to_ascii_lowercase();
    PERIODS.iter().find_map(|&(period, months)| {
        let at = lower.strip_suffix(period)?.len();
        let amount = text.get(..at)?.trim_end();
        let words = text.get(at..)?;
        (!amount.is_empty() && (period.starts_with('/') || amount.len() < at))
            .then_some((amount, months, words))
    })
}

/// An amount with no words after it but its unit (`k`, `M`, `bn`, `%`).
fn parse_plain(text: &str) -> Result<Decimal, EntryError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(EntryError("enter a number".to_string()));
    }
    let (negative, unsigned) = match trimmed.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let unsigned = unsigned.trim_start_matches(['$', '€', '£', '¥', '₹']).trim();
    // Where the locale writes the sign after the number (`1.234,56 €`).
    let unsigned = unsigned.trim_end_matches(['$', '€', '£', '¥', '₹']).trim_end();
    let unsigned = unsigned.strip_suffix('%').map_or(unsigned, str::trim_end);
    let (number, multiplier) = split_suffix(unsigned)?;
    let digits = strip_group_separators(number)?;
    if digits.is_empty() || !digits.bytes().any(|b| b.is_ascii_digit()) {
        return Err(EntryError(format!("\"{}\" is not a number", text.trim())));
    }
    if !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') || digits.matches('.').count() > 1 {
        return Err(EntryError(format!("\"{}\" is not a number", text.trim())));
    }
    let value = parse_decimal(&digits).map_err(EntryError)?;
    let scaled = value
        .checked_mul(multiplier)
        .ok_or_else(|| EntryError(format!("\"{}\" is too large", text.trim())))?;
    Ok(if negative { -scaled } else { scaled })
}

/// The decimal text to store for a typed amount (`"1.25M"` → `"1250000"`).
pub fn normalize_entry(text: &str) -> Result<String, EntryError> {
    normalize_as(text, Reading::Amount)
}

/// [`normalize_entry`] for a field of this [`Reading`] (`"$500/month"` → `"6000"` a year).
pub fn normalize_as(text: &str, reading: Reading) -> Result<String, EntryError> {
    normalize_as_in(text, reading, NumberSigns::POINT)
}

/// [`normalize_as`] in a locale's [`NumberSigns`] (`"1.234,56"` → `"1234.56"` in de-DE).
pub fn normalize_as_in(
    text: &str,
    reading: Reading,
    signs: NumberSigns,
) -> Result<String, EntryError> {
    parse_as_in(text, reading, signs).map(|d| d.normalize().to_string())
}

/// `text` with its number (the first run of digits and their signs) in point form
/// ([`in_point_form`]): `1.234,56 €` → `1234.56 €`, `1,25M` → `1.25M`. The guided start keeps its
/// answers so, whatever the page's number format.
pub fn in_point_form_text(text: &str, signs: NumberSigns) -> Result<String, EntryError> {
    let starts = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let is_part = |c: char| starts(c) || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’');
    let Some(first) = text.find(starts) else { return Ok(text.to_string()) };
    let end = text[first..].find(|c: char| !is_part(c)).map_or(text.len(), |at| first + at);
    let span = text[first..end].trim_end_matches(|c: char| !c.is_ascii_digit());
    let number = in_point_form(span, signs)?;
    Ok(format!("{}{number}{}", &text[..first], &text[first + span.len()..]))
}

/// A number typed with a decimal comma (`1.234,56`, `1 234,56`, `12,5`, `250.000`) as the same
/// number with a decimal point and no groups (`1234.56`); other signs are left as typed. A point
/// that cannot separate thousands (`1.25`, `12.5`) is a decimal point, as it always was here.
fn in_point_form(number: &str, signs: NumberSigns) -> Result<String, EntryError> {
    if signs.decimal != ',' {
        return Ok(number.to_string());
    }
    let is_group = |c: char| matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’');
    let grouped = |whole: &str| {
        let groups: Vec<&str> = whole.split(is_group).collect();
        groups.len() > 1
            && groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.iter().skip(1).all(|g| g.len() == 3)
    };
    let ungrouped = |whole: &str| whole.chars().filter(|&c| !is_group(c)).collect::<String>();
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let read = match number.matches(',').count() {
        0 if grouped(number) => Some(ungrouped(number)),
        // No comma, and no point that groups: as typed (`1.25`, `250000`).
        0 if number.matches('.').count() <= 1 => Some(number.to_string()),
        1 => number.split_once(',').and_then(|(whole, fraction)| {
            let whole_ok = !whole.contains(is_group) || grouped(whole);
            (whole_ok && digits_only(fraction)).then(|| format!("{}.{fraction}", ungrouped(whole)))
        }),
        _ => None,
    };
    read.ok_or_else(|| {
        // What the person most likely meant, read as a decimal point would, written as this
        // locale writes it.
        let meant = parse_plain(number)
            .map(|d| signs.example(&d.normalize().to_string()))
            .unwrap_or_else(|_| signs.example("1234.56"));
        EntryError(format!(
            "\"{number}\": here decimals take {} and thousands {}: type {meant}",
            NumberSigns::name(signs.decimal),
            NumberSigns::name(signs.group),
        ))
    })
}

/// Splits `1.25M` into `("1.25", 1_000_000)`.
fn split_suffix(text: &str) -> Result<(&str, Decimal), EntryError> {
    let lower = text.to_ascii_lowercase();
    for (suffix, multiplier) in [
        ("bn", 1_000_000_000i64),
        ("mn", 1_000_000),
        ("k", 1_000),
        ("m", 1_000_000),
        ("b", 1_000_000_000),
    ] {
        if lower.ends_with(suffix) {
            let number = text[..text.len() - suffix.len()].trim_end();
            return Ok((number, Decimal::from(multiplier)));
        }
    }
    if text.bytes().last().is_some_and(|b| b.is_ascii_alphabetic()) {
        return Err(EntryError(format!(
            "\"{text}\": use k for thousands, M for millions, bn for billions"
        )));
    }
    Ok((text, Decimal::ONE))
}

/// Removes separators between groups of three digits; a separator elsewhere (`1,2`) is refused so
/// that a decimal comma is never silently read as a thousands separator.
fn strip_group_separators(text: &str) -> Result<String, EntryError> {
    let is_separator = |c: char| matches!(c, ',' | '_' | ' ' | '\u{202f}' | '\u{a0}' | '\'' | '’');
    if !text.contains(is_separator) {
        return Ok(text.to_string());
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let groups: Vec<&str> = whole.split(is_separator).collect();
    let well_grouped = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3);
    // India's lakh and crore: the last three digits, then groups of two (`12,34,567`).
    let lakh_grouped = groups.len() > 2
        && groups.first().is_some_and(|g| (1..=2).contains(&g.len()))
        && groups.last().is_some_and(|g| g.len() == 3)
        && groups[1..groups.len() - 1].iter().all(|g| g.len() == 2);
    let well_grouped = well_grouped || lakh_grouped;
    if !well_grouped || fraction.is_some_and(|f| f.contains(is_separator)) {
        return Err(EntryError(format!(
            "\"{text}\" is not a number: separate thousands as 1,250,000 and use a point for decimals"
        )));
    }
    let mut digits = groups.concat();
    if let Some(f) = fraction {
        digits.push('.');
        digits.push_str(f);
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_type() {
        for (typed, want) in [
            ("1,250,000", "1250000"),
            ("1.25M", "1250000"),
            ("1.25m", "1250000"),
            ("250k", "250000"),
            ("250 K", "250000"),
            ("3bn", "3000000000"),
            ("2.5 mn", "2500000"),
            ("$180,000", "180000"),
            ("€ 95000", "95000"),
            ("12.5%", "12.5"),
            (" 42 ", "42"),
            ("0.1000000000000000000001", "0.1000000000000000000001"),
            ("1 250 000", "1250000"),
            ("1_000.50", "1000.5"),
            ("-3", "-3"),
            (".5", "0.5"),
        ] {
            assert_eq!(normalize_entry(typed).as_deref(), Ok(want), "{typed}");
        }
    }

    /// What a yearly field and a multiple accept beyond a plain amount, and what each reading
    /// says about the other's words.
    #[test]
    fn reads_periods_and_multiples_where_the_field_says_which() {
        for (typed, reading, want) in [
            ("$500/month", Reading::Yearly, "6000"),
            ("500 a month", Reading::Yearly, "6000"),
            ("1.5k per month", Reading::Yearly, "18000"),
            ("$2,000 monthly", Reading::Yearly, "24000"),
            ("180k/year", Reading::Yearly, "180000"),
            ("20,000 a year", Reading::Yearly, "20000"),
            ("6000", Reading::Yearly, "6000"),
            ("6x", Reading::Multiple, "6"),
            ("12.5 ×", Reading::Multiple, "12.5"),
            ("8X", Reading::Multiple, "8"),
            ("8", Reading::Multiple, "8"),
        ] {
            assert_eq!(normalize_as(typed, reading).as_deref(), Ok(want), "{typed}");
        }
        for (typed, reading, message) in [
            (
                "$500/month",
                Reading::Amount,
                "\"$500/month\": type the amount alone, without \"/month\"",
            ),
            (
                "500 a month",
                Reading::Multiple,
                "\"500 a month\": type the amount alone, without \"a month\"",
            ),
            (
                "6x",
                Reading::Amount,
                "\"6x\": this is not a multiple; type the number alone, such as 6",
            ),
            (
                "6x",
                Reading::Yearly,
                "\"6x\": this is not a multiple; type the number alone, such as 6",
            ),
            ("5M 15M 30M", Reading::Amount, "\"5M 15M 30M\" is several amounts: type one here"),
            ("5M, 15M, 30M", Reading::Yearly, "\"5M, 15M, 30M\" is several amounts: type one here"),
            (
                "5x/month",
                Reading::Yearly,
                "\"5x/month\": this is not a multiple; type the number alone, such as 5",
            ),
        ] {
            assert_eq!(parse_as(typed, reading), Err(EntryError(message.to_string())), "{typed}");
        }
    }

    /// A list of yearly amounts: by `;` or `, ` always; by spaces or bare commas only where each
    /// amount carries its unit, since `12 50` or `1,2` could be one number.
    #[test]
    fn reads_lists_where_they_are_unambiguous() {
        let m = |n: i64| Decimal::from(n * 1_000_000);
        for (typed, want) in [
            ("5M, 15M, 30M", vec![m(5), m(15), m(30)]),
            ("5M 15M 30M", vec![m(5), m(15), m(30)]),
            ("5M,15M,30M", vec![m(5), m(15), m(30)]),
            ("0; 2M; 6M", vec![m(0), m(2), m(6)]),
            ("1,250,000; 2,000,000", vec![Decimal::from(1_250_000), m(2)]),
            ("1 250 000", vec![Decimal::from(1_250_000)]),
            ("500k 1.5M", vec![Decimal::from(500_000), Decimal::from(1_500_000)]),
        ] {
            assert_eq!(parse_list(typed), Ok(want), "{typed}");
        }
        for (typed, at) in [("12 50", 0), ("1,2", 0), ("2M; 12 50", 1), ("5M 15", 0)] {
            assert_eq!(parse_list(typed).map_err(|(i, _)| i), Err(at), "{typed}");
        }
    }

    /// Issue 26: a locale's decimal comma and its groups, as typed and as the page shows them;
    /// what only a point can mean keeps its meaning; what the locale cannot say is refused with
    /// the number written as it writes it.
    #[test]
    fn reads_a_decimal_comma_where_the_locale_writes_one() {
        let de = NumberSigns { decimal: ',', group: '.' };
        let fr = NumberSigns { decimal: ',', group: '\u{202f}' };
        for (typed, signs, want) in [
            ("1.234,56", de, "1234.56"),
            ("1.234,56 €", de, "1234.56"),
            ("-1.234,56 €", de, "-1234.56"),
            ("12,5", de, "12.5"),
            ("12,5 %", de, "12.5"),
            ("250.000", de, "250000"),
            ("1.250.000", de, "1250000"),
            ("1,25M", de, "1250000"),
            ("1.25M", de, "1250000"),
            ("2.5", de, "2.5"),
            ("0,5", de, "0.5"),
            ("250k", de, "250000"),
            ("1.234", de, "1234"),
            ("1\u{202f}234,56 €", fr, "1234.56"),
            ("1 234 567,8", fr, "1234567.8"),
            ("12,34,567.89", NumberSigns::POINT, "1234567.89"),
            ("1,23,45,678", NumberSigns::POINT, "12345678"),
            ("1’234.5", NumberSigns { decimal: '.', group: '’' }, "1234.5"),
        ] {
            assert_eq!(
                normalize_as_in(typed, Reading::Amount, signs).as_deref(),
                Ok(want),
                "{typed}"
            );
        }
        assert_eq!(
            normalize_as_in("500,50/month", Reading::Yearly, de).as_deref(),
            Ok("6006"),
            "a yearly field reads the locale's decimals too"
        );
        for (typed, message) in [
            (
                "1,234.56",
                "\"1,234.56\": here decimals take a comma and thousands a point: type 1.234,56",
            ),
            (
                "1,250,000",
                "\"1,250,000\": here decimals take a comma and thousands a point: type 1.250.000",
            ),
            (
                "1.25.5",
                "\"1.25.5\": here decimals take a comma and thousands a point: type 1.234,56",
            ),
            (
                "12,5.5",
                "\"12,5.5\": here decimals take a comma and thousands a point: type 1.234,56",
            ),
        ] {
            assert_eq!(
                parse_as_in(typed, Reading::Amount, de),
                Err(EntryError(message.to_string())),
                "{typed}"
            );
        }
        // The forms read before issue 26 read the same without a locale.
        assert_eq!(normalize_entry("1,250").as_deref(), Ok("1250"));
        assert!(parse_entry("12,50").is_err());
    }

    #[test]
    fn refuses_what_it_cannot_read_for_sure() {
        for typed in
            ["", "abc", "1,2", "12,50", "1.2.3", "5x", "k", "1,000.0,0", "--3", "1e", "12.5.%"]
        {
            assert!(parse_entry(typed).is_err(), "{typed:?} should be refused");
        }
    }
}
