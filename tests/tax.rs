//! Each preset's marginal rate worked by hand from its cited source, at salaries on each side of
//! every ceiling and band edge the country has (issue 26). A row's comment is the arithmetic; the
//! source is the preset file's (`data/tax/`), named by its id.

use std::str::FromStr;

use rust_decimal::Decimal;
use tokenworth::tax::{rates, residence_codes, residences, TaxedAt, UnitKind};

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// The marginal rate on the next unit of pay (cash-settled units: the income rate), in percent.
fn check(rows: &[(&str, &str, &str)]) {
    for &(residence, salary, expected) in rows {
        let got = rates(residence, d(salary), UnitKind::CashSettled)
            .unwrap_or_else(|e| panic!("{residence} at {salary}: {e}"));
        assert_eq!(
            got.income_tax_pct,
            d(expected),
            "{residence} at {salary}: {}",
            got.income_words()
        );
        assert_eq!(got.redemption_tax_pct, got.income_tax_pct, "cash units are paid as pay");
        assert_eq!(got.taxed_at, TaxedAt::Payout);
        assert!(got.long_term.is_none());
    }
}

/// Tokens: (residence, salary, sale rate, long-term rate and months, when tax falls).
type TokenRow<'a> = (&'a str, &'a str, &'a str, Option<(&'a str, u32)>, TaxedAt);

fn check_tokens(rows: &[TokenRow]) {
    for &(residence, salary, sale, long, taxed_at) in rows {
        let got = rates(residence, d(salary), UnitKind::Tokens).unwrap();
        assert_eq!(
            got.redemption_tax_pct,
            d(sale),
            "{residence} at {salary}: {}",
            got.redemption_words()
        );
        let long_got = got.long_term.as_ref().map(|l| (l.redemption_tax_pct, l.after_months));
        assert_eq!(long_got, long.map(|(pct, months)| (d(pct), months)), "{residence} at {salary}");
        assert_eq!(got.taxed_at, taxed_at, "{residence}");
    }
}

#[test]
fn united_kingdom() {
    // hmrc-income-tax (bands on pay with the £12,570 allowance; £1 of it lost per £2 above
    // £100,000, i.e. 20 % more) and hmrc-nic (8 % from £12,570, 2 % above £50,270).
    check(&[
        ("GB", "12000", "0"),   // under the allowance and the primary threshold
        ("GB", "12570", "28"),  // the next pound: 20 + 8
        ("GB", "30000", "28"),  // 20 + 8
        ("GB", "50269", "28"),  // still basic rate and main NI: 20 + 8
        ("GB", "50270", "42"),  // the next pound is higher rate, NI above the UEL: 40 + 2
        ("GB", "99999", "42"),  // 40 + 2
        ("GB", "100000", "62"), // the taper starts: 40 + 20 + 2
        ("GB", "125139", "62"), // 40 + 20 + 2
        ("GB", "125140", "47"), // additional rate, allowance gone: 45 + 2
        ("GB", "300000", "47"), // 45 + 2
    ]);
    let words = rates("GB", d("60000"), UnitKind::CashSettled).unwrap().income_words();
    assert_eq!(
        words,
        "42 % = 40 % income tax from £50,270 to £125,140 + 2 % National Insurance above £50,270"
    );
}

#[test]
fn scotland() {
    // scot-budget-2026 (19 / 20 / 21 / 42 / 45 / 48 % above £12,570, £16,537, £29,526, £43,662,
    // £75,000, £125,140; the taper at 45 %: 22.5 % more) with the UK's NI (hmrc-nic).
    check(&[
        ("GB-SCT", "14000", "27"),    // starter 19 + 8
        ("GB-SCT", "16537", "28"),    // basic 20 + 8
        ("GB-SCT", "29526", "29"),    // intermediate 21 + 8
        ("GB-SCT", "43662", "50"),    // higher 42 with main-rate NI 8
        ("GB-SCT", "50270", "44"),    // 42 + 2
        ("GB-SCT", "75000", "47"),    // advanced 45 + 2
        ("GB-SCT", "100000", "69.5"), // 45 + 22.5 + 2
        ("GB-SCT", "125140", "50"),   // top 48 + 2
    ]);
}

#[test]
fn united_states_federal_and_states() {
    // irs-rp-25-32 (single; taxable = pay − $16,100), ssa-wage-base (6.2 % to $184,500), irc-3101
    // (1.45 %, 2.35 % above $200,000); ftb-rates on pay − $5,706, rtc-17043, edd-de201 (1.3 %);
    // ny-601 on pay − $8,000; Texas and Washington tax no wages (tx-const-8-24a, wa-rcw-82-87).
    check(&[
        ("US-TX", "60000", "19.65"),   // taxable 43,900: 12 + 6.2 + 1.45
        ("US-TX", "66500", "29.65"),   // taxable 50,400, the next dollar at 22: 22 + 6.2 + 1.45
        ("US-TX", "150000", "31.65"),  // taxable 133,900: 24 + 6.2 + 1.45
        ("US-TX", "184500", "25.45"),  // past the wage base: 24 + 0 + 1.45
        ("US-TX", "200000", "26.35"),  // Additional Medicare: 24 + 2.35
        ("US-TX", "300000", "37.35"),  // taxable 283,900: 35 + 2.35
        ("US-TX", "700000", "39.35"),  // taxable 683,900: 37 + 2.35
        ("US-WA", "150000", "31.65"),  // as Texas
        ("US", "150000", "31.65"),     // federal only
        ("US-CA", "150000", "42.25"),  // 24 + 6.2 + 1.45 + CA 9.3 (taxable 144,294) + SDI 1.3
        ("US-CA", "78429", "38.95"), // fed taxable 62,329 (22); CA taxable 72,723 (8): 22 + 6.2 + 1.45 + 8 + 1.3
        ("US-CA", "78430", "40.25"), // CA taxable 72,724, the next dollar at 9.3: 22 + 6.2 + 1.45 + 9.3 + 1.3
        ("US-CA", "250000", "44.95"), // 32 + 0 + 2.35 + 9.3 + 1.3
        ("US-CA", "1100000", "53.95"), // 37 + 2.35 + 12.3 + 1 (Mental Health Services) + 1.3
        ("US-NY", "150000", "37.55"), // 24 + 6.2 + 1.45 + NY 5.9 (taxable 142,000)
        ("US-NY", "300000", "44.2"), // 35 + 2.35 + NY 6.85 (taxable 292,000)
    ]);
}

#[test]
fn germany() {
    // estg-32a's 2026 formula on taxable x = pay − €1,230 (estg-9a); solz (5.5 % of the tax above
    // €20,350 of tax, at most 11.9 % of the excess); sv-2026 employee shares 9.3 + 1.3 = 10.6 to
    // €101,400 and 8.75 + 1.8 = 10.55 to €69,750 (21.15 in all below both ceilings).
    check(&[
        ("DE", "13000", "21.15"), // x = 11,770, under the €12,348 allowance: social only
        ("DE", "13578", "35.15"), // x = 12,348, next euro in zone 2: (914.51·0.0001 + 1,400)·0.0001 = 14.00 % + 21.15
        ("DE", "19029", "45.12"), // x = 17,799, next euro in zone 3: (173.10·0.0001 + 2,397)·0.0001 = 23.97 % + 21.15
        ("DE", "50000", "55.84"), // x = 48,770, z = 3.0971: (173.10·(2z·0.0001 + 1e-8) + 0.2397) = 34.69 % + 21.15
        ("DE", "69749", "62.68"), // x = 68,519: 41.53 % + 21.15
        ("DE", "69750", "52.13"), // past the health and care ceiling: 41.53 + 10.6
        ("DE", "71108", "52.6"), // x = 69,878, next euro at 42 %; tax 18,213 under the Soli limit: 42 + 10.6
        ("DE", "76196", "57.6"), // x = 74,966: tax 20,350.09, Soli relief 11.9 % of 42: 42 + 4.998 + 10.6
        ("DE", "101399", "57.6"), // 42 + 4.998 + 10.6
        ("DE", "101400", "47"),  // past the pension ceiling: 42 + 4.998
        ("DE", "117000", "47"), // tax 37,483 < 37,838.28 (where 5.5 % = 11.9 % of the excess): 42 + 4.998
        ("DE", "118000", "44.31"), // the full 5.5 %: 42 + 2.31
        ("DE", "279055", "47.48"), // x = 277,825, next euro at 45 %: 45 + 2.475
    ]);
}

#[test]
fn france() {
    // css-d242-4 (6.9 % to the €48,060 ceiling, 0.4 % on all), agirc-arrco-2026 (4.01 % to the
    // ceiling, 9.86 % to 8 ceilings), csg-crds (6.681 % deductible + 2.84925 %, 6.8 + 2.9 above 4
    // ceilings); lf-2026-bareme on 90 % of pay less the deductible contributions; cgi-223-sexies.
    // The income tax's share of the next euro is rate × 0.9 × (1 − the deductible rates).
    check(&[
        ("FR", "25000", "28.96"),  // 20.84025 + 11 × 0.9 × (1 − 0.17991)
        ("FR", "48060", "42.22"), // past the ceiling, taxable 35,472: 19.79025 + 30 × 0.9 × 0.83059
        ("FR", "60000", "42.22"), // taxable 44,398: the same bands
        ("FR", "192240", "50.56"), // past 4 ceilings, taxable 143,251: 19.96 + 41 × 0.9 × 0.8294
        ("FR", "200000", "50.56"),
        ("FR", "350000", "55.79"), // taxable 261,013: 19.96 + (45 + 3 CEHR) × 0.9 × 0.8294
        ("FR", "384480", "50.19"), // past 8 ceilings: 10.1 + 48 × 0.9 × 0.928
    ]);
}

#[test]
fn canada() {
    // cra-rates-2026 (14 % after the $16,452 basic amount, 20.5 / 26 / 29 / 33 % above $58,523,
    // $117,045, $181,440, $258,482), cra-cpp-ei-2026 (5.95 % from $3,500 to $74,600, 4 % to
    // $85,000; EI 1.63 % to $68,900); on-rates-2026 (surtax 20 % of Ontario tax above $5,818, 56 %
    // above $7,446); bc-rates-2026.
    check(&[
        ("CA-ON", "60000", "37.23"),  // 20.5 + 5.95 + 1.63 + 9.15
        ("CA-ON", "68900", "35.6"),   // past EI's ceiling: 20.5 + 5.95 + 9.15
        ("CA-ON", "74600", "33.65"),  // CPP2: 20.5 + 4 + 9.15
        ("CA-ON", "85000", "29.65"),  // past both CPP ceilings: 20.5 + 9.15
        ("CA-ON", "94000", "29.65"),  // Ontario tax 4,829 < 5,818
        ("CA-ON", "95000", "31.48"),  // Ontario tax 5,827: 20.5 + 9.15 × 1.2
        ("CA-ON", "250000", "49.53"), // 29 + 13.16 × 1.56
        ("CA-ON", "300000", "53.53"), // 33 + 13.16 × 1.56
        ("CA-BC", "60000", "35.78"),  // 20.5 + 5.95 + 1.63 + 7.7
        ("CA-BC", "150000", "40.7"),  // 26 + 14.7
        ("CA-BC", "300000", "53.5"),  // 33 + 20.5
        ("CA", "150000", "26"),       // federal only
    ]);
}

#[test]
fn india() {
    // it-115bac (slabs of FY 2025-26 on pay − ₹75,000; the 87A rebate to ₹12 lakh, and above it
    // tax at most the income over ₹12 lakh), fa-2025-surcharge (10 / 15 / 25 % above ₹50 lakh,
    // ₹1 crore, ₹2 crore, with marginal relief; cess 4 %).
    check(&[
        ("IN", "1000000", "0"),      // taxable 9.25 lakh: the rebate gives it all back
        ("IN", "1275000", "104"), // taxable 12 lakh: the next rupee's tax is the rupee itself, + 4 % cess
        ("IN", "1350000", "15.6"), // taxable 12.75 lakh, past the relief (it ends at 12,70,588): 15 × 1.04
        ("IN", "2000000", "20.8"), // 20 × 1.04
        ("IN", "2575000", "31.2"), // taxable 25 lakh: 30 × 1.04
        ("IN", "5080000", "104"),  // taxable 50.05 lakh: the surcharge's marginal relief
        ("IN", "6000000", "34.32"), // 30 × 1.10 × 1.04
        ("IN", "11075000", "35.88"), // 30 × 1.15 × 1.04
        ("IN", "21075000", "39"),  // 30 × 1.25 × 1.04
    ]);
}

#[test]
fn tokens_sales_and_holding_periods() {
    use TaxedAt::{Payout, Vest};
    check_tokens(&[
        ("GB", "40000", "18", None, Vest), // hmrc-cgt, within the basic rate band
        ("GB", "60000", "24", None, Vest), // above it
        ("US-TX", "150000", "24", Some(("15", 12)), Vest), // ordinary 24; long-term 15 (rp-25-32)
        ("US-WA", "300000", "38.8", Some(("18.8", 12)), Vest), // 35 + NIIT 3.8; 15 + 3.8
        ("US-CA", "250000", "45.1", Some(("28.1", 12)), Vest), // 32 + 3.8 + 9.3; 15 + 3.8 + 9.3
        ("DE", "50000", "34.69", Some(("0", 12)), Vest), // estg-23: income tax, tax-free after a year
        ("DE", "120000", "44.31", Some(("0", 12)), Vest),
        ("FR", "60000", "31.4", None, Payout), // lfss-2026 flat tax; tokens' rule unsettled
        ("CA-ON", "250000", "24.76", None, Vest), // half of 29 + half of 20.53
        ("IN", "6000000", "31.2", None, Vest), // it-115bbh: 30 % + 4 % cess
    ]);
}

#[test]
fn every_preset_reads_and_gives_rates_everywhere() {
    assert_eq!(residences().len(), residence_codes().count());
    assert_eq!(residence_codes().count(), 13);
    for (code, name) in residences() {
        assert!(!name.starts_with("no tax preset"), "{code}: {name}");
        for salary in ["0", "1", "30000", "69750", "101400", "250000", "1000000", "30000000"] {
            let r = rates(code, d(salary), UnitKind::Tokens).unwrap();
            assert!(
                r.income_tax_pct >= Decimal::ZERO && r.income_tax_pct < d("105"),
                "{code} {salary}"
            );
            assert!(!r.sources.is_empty() && r.sources.iter().all(|s| s.url.starts_with("http")));
            assert!(r.sources.iter().all(|s| s.checked.len() == 10), "{code}: a date checked");
        }
    }
}

#[test]
fn unknown_residences_and_negative_pay_are_refused_in_words() {
    let e = rates("XX", d("1"), UnitKind::CashSettled).unwrap_err();
    assert!(e.contains("no tax preset for 'XX'") && e.contains("GB-SCT"), "{e}");
    assert!(rates("GB", d("-1"), UnitKind::CashSettled).is_err());
}

#[test]
fn choosing_a_residence_in_the_form_fills_both_rates_and_records_it() {
    use serde_json::json;
    use tokenworth::form::draft::set_choice;
    let mut doc = json!({
        "currency": "GBP", "version": 4,
        "salary": { "base_annual": "60000" },
        "personal": { "income_tax_pct": "30", "redemption_tax_pct": "20" }
    });
    assert!(set_choice(&mut doc, "personal.tax_residence", "GB"), "the form is drawn again");
    assert_eq!(doc["personal"]["income_tax_pct"], "42");
    assert_eq!(doc["personal"]["redemption_tax_pct"], "42");
    assert_eq!(
        (&doc["personal"]["tax_residence"], &doc["personal"]["tax_year"]),
        (&json!("GB"), &json!(2026))
    );
    let note = tokenworth::tax::for_document(&doc).unwrap().unwrap();
    assert_eq!(note.income_tax_pct, d("42"));
    // Another currency: the choice is kept without a year, and the note says why no rate came.
    doc["currency"] = "USD".into();
    set_choice(&mut doc, "personal.tax_residence", "GB-SCT");
    assert_eq!(doc["personal"]["tax_residence"], "GB-SCT");
    assert!(doc["personal"].get("tax_year").is_none());
    assert_eq!(doc["personal"]["income_tax_pct"], "42", "unchanged");
    let why = tokenworth::tax::for_document(&doc).unwrap().unwrap_err();
    assert!(why.contains("the offer is in USD and GB-SCT's rates are in GBP"), "{why}");
    // "I'll enter my own rates".
    set_choice(&mut doc, "personal.tax_residence", "");
    assert!(
        doc["personal"].get("tax_residence").is_none()
            && tokenworth::tax::for_document(&doc).is_none()
    );
}

/// The restored-salary example (version 4, priced by a buyback, $150,000) with `edit` applied.
fn restored_salary(
    edit: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>),
) -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/restored-salary.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    edit(doc["personal"].as_object_mut().unwrap());
    doc
}

#[test]
fn the_form_and_the_command_line_fill_tokens_alike() {
    use serde_json::json;
    use tokenworth::form::draft::set_choice;
    use tokenworth::tax::{fill_offer, unit_kind};
    // Tokens taxed when received, with the person's own rates and long-term rate. Choosing Texas
    // at $150,000 asks for its rates on tokens: 31.65 % on pay (24 + 6.2 + 1.45), 24 % on a sale
    // within a year, 15 % after 12 months (rp-25-32); taxed at vest, as the offer already is.
    let mut form = restored_salary(|p| {
        p.insert("taxed_at".into(), json!("vest"));
        p.insert("long_term_redemption_tax_pct".into(), json!("10"));
        p.insert("long_term_after_months".into(), json!(24));
    });
    assert_eq!(unit_kind(&form), UnitKind::Tokens);
    set_choice(&mut form, "personal.tax_residence", "US-TX");
    let personal = &form["personal"];
    assert_eq!(
        [&personal["income_tax_pct"], &personal["redemption_tax_pct"], &personal["taxed_at"]],
        [&json!("31.65"), &json!("24"), &json!("vest")]
    );
    assert_eq!(
        [&personal["long_term_redemption_tax_pct"], &personal["long_term_after_months"]],
        [&json!("15"), &json!(12)]
    );
    // The command line on the same offer without those fields, its kind of unit read from it as
    // the form reads it: the same file, so the same figures.
    let mut cli = restored_salary(|p| {
        p.remove("income_tax_pct");
        p.remove("redemption_tax_pct");
        p.insert("taxed_at".into(), json!("vest"));
    });
    let kind = unit_kind(&cli);
    let filled = fill_offer(&mut cli, Some("US-TX"), kind).unwrap().unwrap();
    assert_eq!(
        filled.filled,
        ["income_tax_pct", "redemption_tax_pct", "long_term_redemption_tax_pct"]
    );
    assert_eq!(cli, form);
    let valued = |doc: &serde_json::Value| {
        let offer = tokenworth::offer::parse_offer(&doc.to_string()).unwrap();
        tokenworth::report::to_json(&tokenworth::engine::value(&offer).unwrap())
    };
    assert_eq!(valued(&cli), valued(&form));

    // The United Kingdom has no lower rate after a holding period: choosing it takes the
    // person's away; a sale is Capital Gains Tax at 24 % above £50,270 (hmrc-cgt).
    let mut gb = form.clone();
    gb["currency"] = json!("GBP");
    gb["salary"]["base_annual"] = json!("60000");
    set_choice(&mut gb, "personal.tax_residence", "GB");
    assert_eq!(
        [&gb["personal"]["income_tax_pct"], &gb["personal"]["redemption_tax_pct"]],
        [&json!("42"), &json!("24")]
    );
    assert!(gb["personal"].get("long_term_redemption_tax_pct").is_none());
    assert!(gb["personal"].get("long_term_after_months").is_none());
    let mut gb_cli = gb.clone();
    for field in ["income_tax_pct", "redemption_tax_pct"] {
        gb_cli["personal"].as_object_mut().unwrap().remove(field);
    }
    let kind = unit_kind(&gb_cli);
    fill_offer(&mut gb_cli, None, kind).unwrap();
    assert_eq!(gb_cli, gb);
}

#[test]
fn rules_that_are_not_rates_are_said_in_words_beside_them() {
    use serde_json::json;
    use tokenworth::form::draft::set_choice;
    use tokenworth::form::tax_note;
    // Germany taxes tokens when they can be traded, and sales after a year not at all.
    let mut de = restored_salary(|p| {
        p.insert("taxed_at".into(), json!("vest"));
    });
    de["currency"] = json!("EUR");
    de["salary"]["base_annual"] = json!("50000");
    set_choice(&mut de, "personal.tax_residence", "DE");
    assert_eq!(de["personal"]["redemption_tax_pct"], "34.69");
    assert_eq!(de["personal"]["long_term_redemption_tax_pct"], "0");
    let note = tokenworth::tax::for_document(&de).unwrap().unwrap();
    assert!(note
        .when_words
        .as_deref()
        .unwrap()
        .contains("taxation starts only once the tokens can be traded"));
    assert!(note.sale_words[0].contains("tax-free after a year"), "{:?}", note.sale_words);
    // Beside the form's fields: each as the preset gives it, none yet the person's own; a
    // long-term rate changed is theirs.
    let lines = |doc: &serde_json::Value| {
        let rates = tokenworth::tax::for_document(doc).unwrap().unwrap();
        tax_note::lines(&rates, &tax_note::Typed::of(doc))
    };
    let shown = lines(&de);
    let keys: Vec<&str> = shown.iter().map(|l| l.key).collect();
    assert_eq!(keys, ["income", "redemption", "taxed_at", "long_term"]);
    assert!(shown.iter().all(|l| l.own.is_none()));
    assert!(shown[2]
        .words
        .starts_with("when they vest, as pay. Tokens given to employees are wages"));
    assert!(shown[3].words.starts_with("after 12 months: 0 %"), "{}", shown[3].words);
    de["personal"]["long_term_redemption_tax_pct"] = json!("5");
    assert_eq!(lines(&de)[3].own.as_deref(), Some("you entered: 5 % after 12 months"));
    // India: a flat rate on a sale with no set-off of losses.
    let india = rates("IN", d("6000000"), UnitKind::Tokens).unwrap();
    assert!(india.sale_words[0].contains("no set-off of losses"), "{:?}", india.sale_words);
    // France's rule for tokens given to staff is unsettled: the preset treats them as taxed when
    // they pay, in words, and the offer keeps being taxed at vest, as the person said.
    let mut fr = de.clone();
    fr["salary"]["base_annual"] = json!("60000");
    set_choice(&mut fr, "personal.tax_residence", "FR");
    assert_eq!(fr["personal"]["taxed_at"], "vest");
    assert_eq!(fr["personal"]["redemption_tax_pct"], "31.4");
    assert!(fr["personal"].get("long_term_redemption_tax_pct").is_none());
    let note = tokenworth::tax::for_document(&fr).unwrap().unwrap();
    assert_eq!(note.taxed_at, TaxedAt::Payout);
    assert!(note.when_words.as_deref().unwrap().contains("is not settled"));
    let shown = lines(&fr);
    assert!(shown[2].words.starts_with("when they pay. How tokens given to employees"));
    assert_eq!(shown[2].own.as_deref(), Some("you chose: when they vest"));
    assert!(shown[3].words.starts_with("none here") && shown[3].own.is_none());
    // Cash-settled units: a sale is pay, and the words are the cash payouts' rule.
    let cash = rates("DE", d("50000"), UnitKind::CashSettled).unwrap();
    assert!(cash.sale_words.is_empty() && cash.when_words.unwrap().contains("VSOP"));
}
