//! Each `examples/NAME.json`, valued, against `examples/NAME.expected-report.json` (computed by an
//! independent implementation of MODEL.md), with the tolerances of `tools/compare_report.py`: money
//! to 0.011 absolute or 1e-8 relative, probabilities to 1e-9, the certainty and salary equivalents to
//! 1e-7 relative, the breakeven factor to 1e-6, `vested_end` exactly; plus the sensitivity rows.
//! The `monte_carlo` block is not in the expected reports (another generator gives other draws).

mod common;

use common::{repo_path, EXAMPLES};
use serde_json::Value;
use tokenworth::report::to_json;
use tokenworth::value;

/// Differences between a report and the expected one, as `compare_report.py` would list them.
#[derive(Default)]
struct Comparison {
    diffs: Vec<String>,
}

/// How a field is read and how close it must be.
#[derive(Clone, Copy)]
struct Tolerance {
    abs: f64,
    rel: f64,
}

const MONEY: Tolerance = Tolerance { abs: 0.011, rel: 1e-8 };
const PROBABILITY: Tolerance = Tolerance { abs: 1e-9, rel: 1e-8 };
const EQUIVALENT: Tolerance = Tolerance { abs: 0.011, rel: 1e-7 };
const FACTOR: Tolerance = Tolerance { abs: 1e-6, rel: 1e-6 };
const EXACT: Tolerance = Tolerance { abs: 0.0, rel: 0.0 };

/// A money string or a number as `f64`; `None` for JSON null or a missing field.
fn number(value: Option<&Value>) -> Result<Option<f64>, ()> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => s.parse().map(Some).map_err(|_| ()),
        Some(Value::Number(n)) => n.to_string().parse().map(Some).map_err(|_| ()),
        Some(_) => Err(()),
    }
}

fn get<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    value.pointer(pointer)
}

impl Comparison {
    /// `|got − want| <= max(abs, rel·|want|)`; both absent (null) also agree.
    fn check(&mut self, label: &str, got: Option<&Value>, want: Option<&Value>, tol: Tolerance) {
        match (number(got), number(want)) {
            (Ok(Some(g)), Ok(Some(w))) if (g - w).abs() <= tol.abs.max(tol.rel * w.abs()) => {}
            (Ok(None), Ok(None)) => {}
            _ => self.diffs.push(format!("{label}: got {got:?}, want {want:?}")),
        }
    }

    fn same(&mut self, label: &str, got: Option<&Value>, want: Option<&Value>) {
        if got != want {
            self.diffs.push(format!("{label}: got {got:?}, want {want:?}"));
        }
    }
}

/// Every figure `compare_report.py` compares, plus the envelope, the scenario names and
/// probabilities, the number of ledger years and every sensitivity row.
fn compare(got: &Value, want: &Value) -> Vec<String> {
    let mut c = Comparison::default();
    for key in ["/format", "/version", "/name", "/currency"] {
        c.same(key, get(got, key), get(want, key));
    }
    for k in ["token_pv", "sacrifice_pv", "net_pv", "salary_pv", "total_comp_pv"] {
        let p = format!("/expected/{k}");
        c.check(&p, get(got, &p), get(want, &p), MONEY);
    }
    c.check("prob_zero", get(got, "/prob_zero"), get(want, "/prob_zero"), PROBABILITY);
    for k in ["p10", "p50", "p90"] {
        let p = format!("/distribution/{k}");
        c.check(&p, get(got, &p), get(want, &p), MONEY);
    }
    for k in ["certainty_equivalent", "salary_equivalent_annual_pretax"] {
        let p = format!("/{k}");
        c.check(&p, get(got, &p), get(want, &p), EQUIVALENT);
    }
    c.check(
        "breakeven_revenue_scale",
        get(got, "/breakeven_revenue_scale"),
        get(want, "/breakeven_revenue_scale"),
        FACTOR,
    );

    let empty = Vec::new();
    let want_scenarios = get(want, "/scenarios").and_then(Value::as_array).unwrap_or(&empty);
    let got_count = get(got, "/scenarios").and_then(Value::as_array).map_or(0, Vec::len);
    if got_count != want_scenarios.len() {
        c.diffs.push(format!("scenarios: got {got_count}, want {}", want_scenarios.len()));
    }
    for (i, sw) in want_scenarios.iter().enumerate() {
        let sg = get(got, &format!("/scenarios/{i}")).unwrap_or(&Value::Null);
        c.same(&format!("scenarios[{i}].name"), get(sg, "/name"), get(sw, "/name"));
        c.check(
            &format!("scenarios[{i}].probability"),
            get(sg, "/probability"),
            get(sw, "/probability"),
            PROBABILITY,
        );
        c.check(
            &format!("scenarios[{i}].expected_token_pv"),
            get(sg, "/expected_token_pv"),
            get(sw, "/expected_token_pv"),
            MONEY,
        );
        for k in ["token_pv", "token_nominal", "sacrifice_pv"] {
            let p = format!("/stay/{k}");
            c.check(&format!("scenarios[{i}].stay.{k}"), get(sg, &p), get(sw, &p), MONEY);
        }
        let want_years = get(sw, "/stay/years").and_then(Value::as_array).unwrap_or(&empty);
        let got_years = get(sg, "/stay/years").and_then(Value::as_array).map_or(0, Vec::len);
        if got_years != want_years.len() {
            c.diffs.push(format!(
                "scenarios[{i}].stay.years: got {got_years}, want {}",
                want_years.len()
            ));
        }
        for (y, yw) in want_years.iter().enumerate() {
            let yg = get(sg, &format!("/stay/years/{y}")).unwrap_or(&Value::Null);
            c.check(
                &format!("scenarios[{i}].stay.years[{y}].year"),
                get(yg, "/year"),
                get(yw, "/year"),
                EXACT,
            );
            for k in ["revenue_share", "milestones", "buyback", "terminal", "sacrifice"] {
                let p = format!("/{k}");
                c.check(
                    &format!("scenarios[{i}].stay.years[{y}].{k}"),
                    get(yg, &p),
                    get(yw, &p),
                    MONEY,
                );
            }
            c.check(
                &format!("scenarios[{i}].stay.years[{y}].vested_end"),
                get(yg, "/vested_end"),
                get(yw, "/vested_end"),
                EXACT,
            );
        }
    }

    // Version 4's figures (MODEL.md 8.2, 8.3, 8.5), wherever the expected report has them: then
    // they must be in the report.
    let present = |c: &mut Comparison, pointer: &str| -> bool {
        let wanted = get(want, pointer).is_some();
        if wanted && get(got, pointer).is_none() {
            c.diffs.push(format!("{pointer}: missing"));
            return false;
        }
        wanted
    };
    for (pointer, tol) in [("/expected/tax_at_vest_pv", MONEY), ("/prob_loss", PROBABILITY)] {
        if present(&mut c, pointer) {
            c.check(pointer, get(got, pointer), get(want, pointer), tol);
        }
    }
    if get(want, "/prob_loss").is_some() {
        c.same("/ruin", get(got, "/ruin"), get(want, "/ruin"));
    }
    for pointer in ["/tax_residence", "/tax_year", "/quit_rule/leave_month"] {
        if present(&mut c, pointer) {
            c.same(pointer, get(got, pointer), get(want, pointer));
        }
    }
    for pointer in ["/quit_rule/deal_pv_without", "/quit_rule/option_value"] {
        if present(&mut c, pointer) {
            c.check(pointer, get(got, pointer), get(want, pointer), MONEY);
        }
    }
    for (i, sw) in want_scenarios.iter().enumerate() {
        if get(sw, "/stay/most_owed_before_cash").is_some() {
            let p = format!("/scenarios/{i}/stay/most_owed_before_cash");
            if present(&mut c, &p) {
                c.check(&p, get(got, &p), get(want, &p), MONEY);
            }
        }
        let years = get(sw, "/stay/years").and_then(Value::as_array).map_or(0, Vec::len);
        for y in 0..years {
            let p = format!("/scenarios/{i}/stay/years/{y}/tax_at_vest");
            if present(&mut c, &p) {
                c.check(&p, get(got, &p), get(want, &p), MONEY);
            }
        }
    }

    // The version 3 examples' expected reports leave the sensitivity table out (shared/examples'
    // README); tests/engine.rs checks theirs by hand.
    let Some(want_rows) = get(want, "/sensitivity").and_then(Value::as_array) else {
        return c.diffs;
    };
    let got_rows = get(got, "/sensitivity").and_then(Value::as_array).map_or(0, Vec::len);
    if got_rows != want_rows.len() {
        c.diffs.push(format!("sensitivity: got {got_rows} rows, want {}", want_rows.len()));
    }
    for (r, rw) in want_rows.iter().enumerate() {
        let rg = get(got, &format!("/sensitivity/{r}")).unwrap_or(&Value::Null);
        c.same(&format!("sensitivity[{r}].input"), get(rg, "/input"), get(rw, "/input"));
        for k in ["low", "high", "swing"] {
            let p = format!("/{k}");
            c.check(&format!("sensitivity[{r}].{k}"), get(rg, &p), get(rw, &p), MONEY);
        }
    }
    c.diffs
}

fn read_json(relative: &str) -> Value {
    let path = repo_path(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn report_of(name: &str) -> Value {
    let report = value(&common::example(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&to_json(&report)).unwrap()
}

#[test]
fn every_example_agrees_with_its_expected_report() {
    for name in EXAMPLES {
        let got = report_of(name);
        let want = read_json(&format!("examples/{name}.expected-report.json"));
        let diffs = compare(&got, &want);
        assert!(diffs.is_empty(), "{name}: {} differences:\n{}", diffs.len(), diffs.join("\n"));
    }
}

#[test]
fn the_headline_figures_to_the_cent() {
    // The figures quoted in the docs and the CLI test, exactly as printed.
    for (name, token_pv, net_pv) in [
        ("acme-copilot", "85295.19", "49961.45"),
        ("research-lab", "13843.86", "-10890.94"),
        ("salary-only", "0.00", "0.00"),
    ] {
        let got = report_of(name);
        assert_eq!(
            get(&got, "/expected/token_pv").and_then(Value::as_str),
            Some(token_pv),
            "{name}"
        );
        assert_eq!(get(&got, "/expected/net_pv").and_then(Value::as_str), Some(net_pv), "{name}");
    }
}

#[test]
fn the_comparison_notices_a_difference() {
    // The comparison above could pass vacuously if it compared nothing: change one figure at a time
    // by just more than its tolerance and see it reported.
    let want = read_json("examples/acme-copilot.expected-report.json");
    assert!(compare(&want, &want).is_empty());
    for (pointer, changed) in [
        ("/expected/token_pv", Value::from("85295.21")),
        ("/prob_zero", Value::from(0.138_409_94)),
        ("/distribution/p90", Value::from("292496.93")),
        ("/certainty_equivalent", Value::from("43899.96")),
        ("/breakeven_revenue_scale", Value::Null),
        ("/scenarios/1/expected_token_pv", Value::from("70808.18")),
        ("/scenarios/2/stay/years/3/buyback", Value::from("0.00")),
        ("/scenarios/0/stay/years/0/vested_end", Value::from(2501)),
        ("/scenarios/1/name", Value::from("base")),
        ("/sensitivity/0/input", Value::from("pool_pct")),
        ("/sensitivity/6/swing", Value::from("1984.26")),
    ] {
        let mut got = want.clone();
        *got.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = changed;
        assert_eq!(compare(&got, &want).len(), 1, "a change at {pointer} goes unnoticed");
    }
    // Money within a cent agrees.
    let mut got = want.clone();
    *got.pointer_mut("/expected/token_pv").unwrap() = Value::from("85295.20");
    assert!(compare(&got, &want).is_empty());
    // A missing sensitivity row is noticed.
    let mut got = want.clone();
    got["sensitivity"].as_array_mut().unwrap().pop();
    assert!(!compare(&got, &want).is_empty());
}
