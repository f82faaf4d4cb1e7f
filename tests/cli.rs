//! The command-line tool (`tokenworth value`), run as a user would: exit status, standard output and
//! standard error, on the examples and on offers that cannot be read.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Runs `tokenworth ARGS` in the repository, feeding `stdin` if given.
fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tokenworth"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tokenworth binary runs");
    let mut pipe = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        pipe.write_all(text.as_bytes()).unwrap();
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output))
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", stdout(output)))
}

#[test]
fn value_prints_the_json_report() {
    let out = run(&["value", "examples/acme-copilot.json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["format"], "tokenworth-report");
    assert_eq!(report["version"], 1);
    assert_eq!(report["currency"], "USD");
    assert_eq!(report["expected"]["token_pv"], "85295.19");
    assert_eq!(report["expected"]["net_pv"], "49961.45");
    assert_eq!(report["scenarios"].as_array().map(Vec::len), Some(3));
    assert_eq!(report["monte_carlo"]["paths"], 10_000);
    assert_eq!(report["monte_carlo"]["seed"], 42);
    // The same text as the library's report.
    let offer = common::example("acme-copilot");
    let want = tokenworth::report::to_json(&tokenworth::value(&offer).unwrap());
    assert_eq!(stdout(&out).trim_end(), want);
}

#[test]
fn value_text_prints_the_headline_money() {
    let out = run(&["value", "--text", "examples/acme-copilot.json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for fragment in
        ["Acme Copilot tokens", "$85,295.19", "$43,899.94", "13.8%", "Flop", "revenue_multiple"]
    {
        assert!(text.contains(fragment), "{fragment} not in:\n{text}");
    }
    // Euros for the research lab.
    let out = run(&["value", "--text", "examples/research-lab.json"], None);
    assert!(stdout(&out).contains("€13,843.86"), "{}", stdout(&out));
    assert!(stdout(&out).contains("-€10,890.94"), "{}", stdout(&out));
}

#[test]
fn a_dash_reads_the_offer_from_standard_input() {
    let offer = common::example_text("research-lab");
    let piped = run(&["value", "-"], Some(&offer));
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    assert_eq!(json(&piped)["expected"]["token_pv"], "13843.86");
    let from_file = run(&["value", "examples/research-lab.json"], None);
    assert_eq!(stdout(&piped), stdout(&from_file));
}

#[test]
fn paths_and_seed_override_the_offer() {
    let out = run(&["value", "--paths", "50", "--seed", "9", "examples/acme-copilot.json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(
        (report["monte_carlo"]["paths"].as_u64(), report["monte_carlo"]["seed"].as_u64()),
        (Some(50), Some(9))
    );
    // The exact figures do not depend on the simulation.
    assert_eq!(report["expected"]["token_pv"], "85295.19");
}

#[test]
fn an_invalid_offer_prints_its_errors_and_exits_2() {
    let out = run(&["value", "tests/fixtures/invalid-offer.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let errors = json(&out);
    let paths: Vec<&str> =
        errors["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["horizon_months", "personal.wealth", "simulation.sead"]);
    for e in errors["errors"].as_array().unwrap() {
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
    // With --text the same errors go to standard error, for people.
    let out = run(&["value", "--text", "tests/fixtures/invalid-offer.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("personal.wealth: must be more than zero"), "{}", stderr(&out));
}

#[test]
fn malformed_json_names_the_file_line_and_column() {
    // Line 6 of the fixture is `  oops`: the o is its 3rd character.
    let out = run(&["value", "tests/fixtures/malformed.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    for fragment in ["tests/fixtures/malformed.json", "line 6", "column 3"] {
        assert!(message.contains(fragment), "{fragment} not in: {message}");
    }
    assert!(stdout(&out).is_empty(), "no report for a malformed file: {}", stdout(&out));
    // From standard input it is named as such.
    let out = run(&["value", "-"], Some("{\"format\": }"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("standard input") && stderr(&out).contains("line 1, column 12"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_file_exits_2_with_its_name() {
    let out = run(&["value", "examples/no-such-offer.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("examples/no-such-offer.json"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn usage_mistakes_exit_2_and_help_exits_0() {
    for args in [
        &["frobnicate"][..],
        &["value"][..],
        &["value", "--paths", "0", "x.json"][..],
        &["value", "--bogus", "x.json"][..],
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("Usage"), "{args:?}: {}", stderr(&out));
    }
    let out = run(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("tokenworth value"));
}

/// Runs `tokenworth ARGS` with its standard output a pipe whose reader is already gone, as when
/// `| head` has read its lines and exited, and returns its exit status and standard error.
fn run_into_a_closed_pipe(args: &[&str]) -> (std::process::ExitStatus, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_tokenworth"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("the tokenworth binary runs");
    (out.status, stderr(&out))
}

/// The output (a few kilobytes) fits in a pipe's buffer, so a reader closing part-way would race the
/// writes; one closed from the start makes every write fail, as the writes after `head` exits do.
#[test]
fn a_reader_that_goes_away_ends_it_quietly() {
    for args in [
        &["value", "examples/acme-copilot.json"][..],
        &["value", "--text", "examples/research-lab.json"][..],
        &["--help"][..],
        &["--version"][..],
    ] {
        let (status, message) = run_into_a_closed_pipe(args);
        assert_eq!(status.code(), Some(0), "{args:?}: {message}");
        assert_eq!(message, "", "{args:?}: nothing on standard error");
    }
    // An offer that cannot be valued still says so by its status when nobody reads its errors.
    let (status, message) = run_into_a_closed_pipe(&["value", "tests/fixtures/invalid-offer.json"]);
    assert_eq!(status.code(), Some(2), "{message}");
    assert_eq!(message, "");
}

#[test]
fn a_report_that_cannot_be_written_is_an_error() {
    // Unlike a reader that left, a full disk loses the report the reader wanted.
    let Ok(full) = std::fs::File::create("/dev/full") else { return };
    let out = Command::new(env!("CARGO_BIN_EXE_tokenworth"))
        .args(["value", "examples/acme-copilot.json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .output()
        .expect("the tokenworth binary runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("tokenworth: cannot write standard output: No space left"),
        "{}",
        stderr(&out)
    );
}

/// The acme example with `edit` applied to its JSON, as text.
fn acme_with(edit: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value = serde_json::from_str(&common::example_text("acme-copilot")).unwrap();
    edit(&mut doc);
    doc.to_string()
}

/// Issue 30: the vesting run that made the CLI ask for 17 GB and abort, and the 10,000 scenarios
/// that ran past a minute, are each refused at once at their path, with exit status 2 and no other
/// error, in JSON and in `--text`.
#[test]
fn offers_that_ask_for_unbounded_work_are_refused_at_their_path() {
    let far_run = acme_with(|doc| {
        doc["version"] = 3.into();
        doc["grant"]["vesting"] = serde_json::json!({"schedule": [
            {"from_month": 1, "to_month": 4_294_967_295_u64, "every_months": 1, "pct": "100"}]});
    });
    let crowd = acme_with(|doc| {
        let one = doc["scenarios"][1].clone();
        doc["scenarios"] = Value::Array(vec![one; 10_000]);
    });
    for (offer, path, message) in [
        (&far_run, "grant.vesting.schedule[0].to_month", "is 4294967295 months; a term may name months up to 1200 (100 years), and none past the horizon (240 months at most) is valued"),
        (&crowd, "scenarios", "lists 10000 scenarios; tokenworth reads at most 20"),
    ] {
        let out = run(&["value", "-"], Some(offer));
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert_eq!(json(&out), serde_json::json!({"errors": [{"path": path, "message": message}]}));
        let out = run(&["value", "--text", "-"], Some(offer));
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(stdout(&out), "");
        assert_eq!(
            stderr(&out),
            format!("tokenworth: standard input is not a valid offer:\n  {path}: {message}\n")
        );
    }
}

/// Issue 30: escape sequences in names (window title, clear screen, clipboard, an 8-bit CSI) are
/// written out in `--text`, in error messages and in JSON, which stays the same JSON.
#[test]
fn control_characters_in_names_never_reach_the_terminal() {
    let hostile = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{1b}]52;c;aGk=\u{7}Base";
    let shown = "\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u001b]52;c;aGk=\\u0007Base";
    let named = acme_with(|doc| doc["scenarios"][1]["name"] = hostile.into());
    let clean = |out: &Output| {
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        let text = String::from_utf8(all).unwrap();
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{text:?}");
        text
    };
    let text = run(&["value", "--text", "-"], Some(&named));
    assert_eq!(text.status.code(), Some(0));
    assert!(clean(&text).contains(&format!("{shown}: ")), "{}", stdout(&text));
    let report = run(&["value", "-"], Some(&named));
    clean(&report);
    assert_eq!(json(&report)["scenarios"][1]["name"], hostile, "the JSON still reads the name");
    // The same name twice: the error message names it, written out.
    let twice = acme_with(|doc| {
        doc["scenarios"][0]["name"] = hostile.into();
        doc["scenarios"][1]["name"] = hostile.into();
    });
    let refused = run(&["value", "--text", "-"], Some(&twice));
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        clean(&refused),
        format!("tokenworth: standard input is not a valid offer:\n  scenarios[1].name: \"{shown}\" is already the name of another scenario\n")
    );
}

/// Issue 30: a file with a UTF-8 byte order mark reads as the browser reads it (it was "not valid
/// JSON" here), and a key given twice is refused at its path.
#[test]
fn a_byte_order_mark_is_read_and_a_repeated_key_refused() {
    let text = common::example_text("acme-copilot");
    let plain = run(&["value", "-"], Some(&text));
    let marked = run(&["value", "-"], Some(&format!("\u{feff}{text}")));
    assert_eq!(marked.status.code(), Some(0), "{}", stderr(&marked));
    assert_eq!(stdout(&marked), stdout(&plain));
    let doubled = text.replacen("\"tokens\": 10000,", "\"tokens\": 10000, \"tokens\": 1,", 1);
    let out = run(&["value", "--text", "-"], Some(&doubled));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "tokenworth: standard input is not a valid offer:\n  grant.tokens: is given more than once in its object; give each field once\n"
    );
}

/// An example offer as a JSON document with `edit` applied, as text for standard input.
fn edited(name: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value = serde_json::from_str(&common::example_text(name)).unwrap();
    edit(&mut doc);
    doc.to_string()
}

/// The offer in pounds at a £60,000 salary, with the given tax rates (`None`: left out).
fn in_pounds(name: &str, income: Option<&str>, redemption: Option<&str>) -> String {
    edited(name, |doc| {
        doc["currency"] = "GBP".into();
        doc["salary"]["base_annual"] = "60000".into();
        let personal = doc["personal"].as_object_mut().unwrap();
        personal.remove("income_tax_pct");
        personal.remove("redemption_tax_pct");
        if let Some(rate) = income {
            personal.insert("income_tax_pct".into(), rate.into());
        }
        if let Some(rate) = redemption {
            personal.insert("redemption_tax_pct".into(), rate.into());
        }
    })
}

#[test]
fn a_tax_residence_fills_the_rates_the_file_lacks() {
    // GB at £60,000: 40 % income tax + 2 % National Insurance (tests/tax.rs works it out).
    let filled =
        run(&["value", "--tax-residence", "GB", "-"], Some(&in_pounds("acme-copilot", None, None)));
    assert_eq!(filled.status.code(), Some(0), "{}", stderr(&filled));
    let typed = run(&["value", "-"], Some(&in_pounds("acme-copilot", Some("42"), Some("42"))));
    assert_eq!(json(&filled), json(&typed), "the same figures as the rates typed in");
    let note = stderr(&filled);
    assert!(note.contains("United Kingdom"), "{note}");
    assert!(
        note.contains("personal.income_tax_pct 42 % = 40 % income tax from £50,270 to £125,140 + 2 % National Insurance above £50,270"),
        "{note}"
    );
    // Tokens received as property are sold at the Capital Gains Tax rate, 24 % above £50,270.
    let tokens = run(
        &["value", "--tax-residence", "GB", "--units", "tokens", "-"],
        Some(&in_pounds("acme-copilot", None, None)),
    );
    let typed = run(&["value", "-"], Some(&in_pounds("acme-copilot", Some("42"), Some("24"))));
    assert_eq!(json(&tokens), json(&typed));
}

#[test]
fn the_files_own_rates_win_over_the_residence() {
    let out = run(
        &["value", "--tax-residence", "GB", "-"],
        Some(&in_pounds("acme-copilot", Some("30"), None)),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let typed = run(&["value", "-"], Some(&in_pounds("acme-copilot", Some("30"), Some("42"))));
    assert_eq!(json(&out), json(&typed));
    assert!(stderr(&out).contains("kept the file's own income_tax_pct"), "{}", stderr(&out));
}

#[test]
fn a_version_4_offer_records_whose_rates_and_which_year() {
    let out = run(
        &["value", "--tax-residence", "GB-SCT", "-"],
        Some(&in_pounds("restored-salary", None, None)),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["tax_residence"], "GB-SCT");
    assert_eq!(report["tax_year"], 2026);
    // Scotland at £60,000: 42 % higher rate + 2 % NI; the same as typing 44 and 44 with the residence.
    let mut typed: Value =
        serde_json::from_str(&in_pounds("restored-salary", Some("44"), Some("44"))).unwrap();
    typed["personal"]["tax_residence"] = "GB-SCT".into();
    typed["personal"]["tax_year"] = 2026.into();
    let typed = run(&["value", "-"], Some(&typed.to_string()));
    assert_eq!(report, json(&typed));
}

#[test]
fn a_residence_that_cannot_fill_the_rates_says_why() {
    let unknown =
        run(&["value", "--tax-residence", "XX", "-"], Some(&in_pounds("acme-copilot", None, None)));
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no tax preset for 'XX'"), "{}", stderr(&unknown));
    let dollars = edited("acme-copilot", |doc| {
        doc["personal"].as_object_mut().unwrap().remove("income_tax_pct");
    });
    let mismatch = run(&["value", "--tax-residence", "GB", "-"], Some(&dollars));
    assert_eq!(mismatch.status.code(), Some(2));
    assert!(
        stderr(&mismatch).contains("the offer is in USD and GB's rates are in GBP"),
        "{}",
        stderr(&mismatch)
    );
    // India's rebate: at a taxable ₹12 lakh the next rupee costs 104 %, which no offer can hold.
    let rupees = edited("acme-copilot", |doc| {
        doc["currency"] = "INR".into();
        doc["salary"]["base_annual"] = "1275000".into();
        doc["personal"].as_object_mut().unwrap().remove("income_tax_pct");
    });
    let relief = run(&["value", "--tax-residence", "IN", "-"], Some(&rupees));
    assert_eq!(relief.status.code(), Some(2));
    assert!(
        stderr(&relief).contains("must be below 100 %; give personal.income_tax_pct yourself"),
        "{}",
        stderr(&relief)
    );
}

#[test]
fn tax_shows_a_residences_rates_with_year_and_sources() {
    let out = run(&["tax", "DE", "80000"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Germany (DE), tax year 2026"), "{text}");
    assert!(text.contains("income_tax_pct      57.6 % = 42 % income tax"), "{text}");
    assert!(text.contains("https://www.gesetze-im-internet.de/estg/__32a.html"), "{text}");
    assert!(text.contains("checked 2026-12-07") && text.contains("This is no tax advice."));
    let list = stdout(&run(&["tax"], None));
    assert!(list.contains("GB-SCT\tScotland, United Kingdom"), "{list}");
}

#[test]
fn an_offer_naming_its_residence_beside_its_own_rates_values_quietly() {
    let mut doc: Value =
        serde_json::from_str(&in_pounds("restored-salary", Some("30"), Some("20"))).unwrap();
    doc["personal"]["tax_residence"] = "GB".into();
    let out = run(&["value", "-"], Some(&doc.to_string()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    // Without its rates, it fills them from its own residence and says so.
    let bare = in_pounds("restored-salary", None, None);
    let mut bare: Value = serde_json::from_str(&bare).unwrap();
    bare["personal"]["tax_residence"] = "GB".into();
    let out = run(&["value", "-"], Some(&bare.to_string()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("personal.income_tax_pct 42 %"), "{}", stderr(&out));
}

/// Issue 25: `--text` says the tax owed before any cash, the chance of a loss, whose tax rates,
/// the leaving rule's worth, and warns at ruin.
#[test]
fn text_says_the_tax_before_cash_the_chance_of_a_loss_and_the_leaving_rule() {
    let path = common::repo_path("examples/taxed-at-vest.json");
    let out = run(&["value", "--text", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "In the Fizzles scenario you would pay £3,750 of tax on the tokens as they vest and get only £3,070",
        "Chance the tokens cost more than they bring                 30.2%",
        "Tax on the tokens as they vest (today)                 £34,378.17",
        "Leaving if the project earns under £1,000,000 a year is worth £1,470 to you on average",
        "in Fizzles at month 24",
        "The tax rates in use are GB's, for 2026.",
        "Simulated chance of a loss",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains("Warning"), "no ruin here");
    // With savings of £1 and its pay not counted, the tax can cost more than all of it.
    let mut offer: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    offer["personal"]["wealth"] = "1".into();
    offer["personal"]["wealth_counts"] = "savings".into();
    let out = run(&["value", "--text", "-"], Some(&offer.to_string()));
    let text = stdout(&out);
    assert!(
        text.contains("Warning: on some outcomes this offer costs you more than everything"),
        "{text}"
    );
    assert!(text.contains("ruin: -£1.00"), "{text}");
}

#[test]
fn tokens_in_a_version_4_offer_get_when_tax_falls_and_the_long_term_rate() {
    // Texas at $150,000 (tests/tax.rs): 31.65 % on pay, 24 % on a sale within a year, 15 % after
    // 12 months; tokens received as pay are taxed when received (vest), which this offer can
    // value: it has a buyback price.
    let bare = edited("restored-salary", |doc| {
        let personal = doc["personal"].as_object_mut().unwrap();
        personal.remove("income_tax_pct");
        personal.remove("redemption_tax_pct");
    });
    let out = run(&["value", "--tax-residence", "US-TX", "--units", "tokens", "-"], Some(&bare));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("personal.taxed_at vest"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("after 12 months: 15 % = 15 % federal tax on gains"),
        "{}",
        stderr(&out)
    );
    let typed = edited("restored-salary", |doc| {
        let p = &mut doc["personal"];
        p["income_tax_pct"] = "31.65".into();
        p["redemption_tax_pct"] = "24".into();
        p["taxed_at"] = "vest".into();
        p["long_term_redemption_tax_pct"] = "15".into();
        p["long_term_after_months"] = 12.into();
        p["tax_residence"] = "US-TX".into();
        p["tax_year"] = 2026.into();
    });
    let typed = run(&["value", "-"], Some(&typed));
    assert_eq!(json(&out), json(&typed));
    assert!(json(&out)["expected"]["tax_at_vest_pv"] != "0.00", "the tax at vest is valued");
    // An offer taxed at vest says its units are tokens: without --units they are read so, as
    // the page reads them (tests/tax.rs: the form fills the same fields).
    let vest = edited("restored-salary", |doc| {
        let personal = doc["personal"].as_object_mut().unwrap();
        personal.remove("income_tax_pct");
        personal.remove("redemption_tax_pct");
        personal.insert("taxed_at".into(), "vest".into());
    });
    let read = run(&["value", "--tax-residence", "US-TX", "-"], Some(&vest));
    assert_eq!(json(&read), json(&typed));
    // And an offer that does not say so is cash-settled: a sale is pay, at 31.65 %.
    let cash = run(&["value", "--tax-residence", "US-TX", "-"], Some(&bare));
    assert!(stderr(&cash).contains("personal.redemption_tax_pct 31.65 %"), "{}", stderr(&cash));
}
