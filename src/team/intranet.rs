//! A company's own plan on its intranet: `tokenworth.config.json` beside `index.html` names an offer
//! file (`plan.json`) whose grant and payout terms are the company's; the employee's own assumptions
//! (salary, scenarios, leaving rate, taxes, discount rate, risk) stay theirs.
//!
//! Pure: reading the config and merging the plan's locked terms into the employee's saved copy.

use serde_json::Value;

use crate::form::draft;
use crate::offer::paths;

/// The `format` tag of the config file.
pub const CONFIG_FORMAT: &str = "tokenworth-config";
/// The config file's name, beside `index.html`.
pub const CONFIG_FILE: &str = "tokenworth.config.json";
/// The saved offer that holds the employee's copy of the company plan.
pub const PLAN_OFFER_ID: &str = "company-plan";

/// The terms a company plan sets: every field under these paths is locked in the form.
pub const LOCKED: [&str; 5] = ["currency", "grant", "payouts", "leaving.vested_on_leave", "mix"];

/// A compute budget's own estimates (MODEL.md 7.6): what the person would use and what it is
/// worth to them stay theirs; the rest of the budget block is the plan's.
pub const COMPUTE_ESTIMATES: [&str; 3] = ["used_pct", "personal_value_pct", "work_value_pct"];

/// What the config file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanConfig {
    /// The plan's offer file, relative to `index.html`; `None` when there is no company plan.
    pub plan: Option<String>,
    /// Whose terms these are, as the page says it.
    pub company: String,
    /// The plan's disclosure page (terms in plain words, the company's checklist answers),
    /// relative to `index.html`, for the plan's banner to link to; `None` when there is none.
    pub disclosure: Option<String>,
}

/// Reads `tokenworth.config.json` (a byte order mark and repeated keys as every reader takes them).
pub fn parse_config(text: &str) -> Result<PlanConfig, String> {
    let value = crate::offer::parse_json(text).map_err(|e| match e {
        crate::offer::OfferError::Syntax { .. } => format!("{CONFIG_FILE} is not valid JSON ({e})"),
        repeated => format!("{CONFIG_FILE}: {repeated}"),
    })?;
    if value.get("format").and_then(Value::as_str) != Some(CONFIG_FORMAT) {
        return Err(format!("{CONFIG_FILE} must have \"format\": \"{CONFIG_FORMAT}\""));
    }
    if value.get("version").and_then(Value::as_u64) != Some(1) {
        return Err(format!("{CONFIG_FILE} has a version this tokenworth does not know"));
    }
    if let Some(unknown) = value.as_object().and_then(|o| {
        o.keys()
            .find(|k| !["format", "version", "plan", "company", "disclosure"].contains(&k.as_str()))
    }) {
        return Err(format!("{CONFIG_FILE} has an unknown field \"{unknown}\""));
    }
    let plan =
        site_file(&value, "plan", ".json", "a file in the site's folder, such as \"plan.json\"")?;
    let company =
        value.get("company").and_then(Value::as_str).unwrap_or("your company").to_string();
    let disclosure = site_file(
        &value,
        "disclosure",
        ".html",
        "a page in the site's folder, such as \"plan.html\"",
    )?;
    Ok(PlanConfig { plan, company, disclosure })
}

/// The config's `key`, a path in the site's folder ending in `suffix` (see [`site_path`]), or
/// why not, at its key.
fn site_file(value: &Value, key: &str, suffix: &str, kind: &str) -> Result<Option<String>, String> {
    let refused = |why: &str| format!("{CONFIG_FILE}: \"{key}\" must be {kind}; {why}");
    match value.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(path)) => match site_path(path) {
            Ok(path) if path.ends_with(suffix) => Ok(Some(path)),
            Ok(_) => Err(refused(&format!("this one does not end in {suffix}"))),
            Err(why) => Err(refused(why)),
        },
        Some(_) => Err(refused("this one is not text")),
    }
}

/// A path the page may fetch: relative and inside the site's folder, as the browser would
/// resolve it. It is trimmed, percent-decoded once and normalised (`./` and empty segments
/// dropped) before it is checked, so that ` //other.host/plan.json` or `%2e%2e/plan.json` cannot
/// pass as a file name (issue 30); what is fetched is the normalised path.
pub fn site_path(path: &str) -> Result<String, &'static str> {
    let trimmed = path.trim();
    if trimmed.contains(char::is_control) {
        return Err("this one has a control character in it");
    }
    let decoded = percent_decode(trimmed).ok_or("this one's percent-encoding is not valid")?;
    if decoded.contains(char::is_control) || decoded.contains('%') {
        return Err("this one is encoded more than once or hides a control character");
    }
    if decoded.starts_with('/') || decoded.contains('\\') {
        return Err("this one starts at a root or another host, or has a backslash");
    }
    if decoded.contains([':', '?', '#']) {
        return Err("this one names a scheme, a query or a fragment");
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty() && *s != ".").collect();
    if segments.contains(&"..") {
        return Err("this one leaves the site's folder (..)");
    }
    if segments.is_empty() {
        return Err("this one is empty");
    }
    Ok(segments.join("/"))
}

/// `%XX` sequences decoded to the bytes they stand for; `None` if one is malformed or the bytes
/// are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a form field at `path` is set by the company plan.
#[must_use]
pub fn is_locked(path: &str) -> bool {
    if let Some(field) = path.strip_prefix("compute_budget.") {
        return !COMPUTE_ESTIMATES.contains(&field);
    }
    path == "compute_budget"
        || LOCKED.iter().any(|locked| {
            path == *locked
                || path.strip_prefix(locked).is_some_and(|rest| rest.starts_with(['.', '[']))
        })
}

/// The employee's copy of the plan: the plan's locked terms over their own saved copy (or the
/// plan itself the first time). A plan that changes its terms updates them; the employee's
/// assumptions are kept.
#[must_use]
pub fn merge_plan(plan: &Value, saved: Option<&Value>) -> Value {
    let Some(saved) = saved else { return plan.clone() };
    let mut merged = saved.clone();
    for path in LOCKED {
        let value = paths::get(plan, path).cloned().unwrap_or(Value::Null);
        paths::set(&mut merged, path, value);
    }
    // The plan's budget, with the employee's own estimates of it where they made them.
    let mut budget = plan.get("compute_budget").cloned().unwrap_or(Value::Null);
    if let (Some(mine), Value::Object(terms)) = (saved.get("compute_budget"), &mut budget) {
        for field in COMPUTE_ESTIMATES {
            if let Some(estimate) = mine.get(field) {
                terms.insert(field.to_string(), estimate.clone());
            }
        }
    }
    paths::set(&mut merged, "compute_budget", budget);
    // The plan's terms are read by the plan's version, even over an older saved copy.
    if let (Some(plan_version), Some(saved_version)) =
        (plan.get("version").and_then(Value::as_u64), merged.get("version").and_then(Value::as_u64))
    {
        if plan_version > saved_version {
            merged["version"] = Value::from(plan_version);
        }
    }
    // Where the plan lets the employee choose how much salary to trade, their choice stands and
    // the tokens follow it from the plan's terms.
    if let (Some(chosen), Ok(plan_offer)) =
        (paths::get(saved, "salary.sacrificed_annual"), crate::offer::read_offer(plan))
    {
        draft::set_salary_traded(&mut merged, chosen.clone(), plan_offer.fixed_tokens());
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_config() {
        let config = parse_config(
            r#"{"format":"tokenworth-config","version":1,"plan":"plan.json","company":"Acme Corp"}"#,
        );
        assert_eq!(
            config,
            Ok(PlanConfig {
                plan: Some("plan.json".into()),
                company: "Acme Corp".into(),
                disclosure: None
            })
        );
        assert_eq!(
            parse_config(
                r#"{"format":"tokenworth-config","version":1,"plan":"plan.json","disclosure":"plan.html"}"#
            )
            .map(|c| c.disclosure),
            Ok(Some("plan.html".into()))
        );
        assert_eq!(
            parse_config(r#"{"format":"tokenworth-config","version":1,"plan":null}"#)
                .map(|c| c.plan),
            Ok(None)
        );
        for bad in [
            "{",
            r#"{"format":"other","version":1}"#,
            r#"{"format":"tokenworth-config","version":2}"#,
            r#"{"format":"tokenworth-config","version":1,"plan":"../secret.json"}"#,
            r#"{"format":"tokenworth-config","version":1,"plan":"https://elsewhere/plan.json"}"#,
            r#"{"format":"tokenworth-config","version":1,"plan":"/plan.json"}"#,
            r#"{"format":"tokenworth-config","version":1,"plna":"plan.json"}"#,
            r#"{"format":"tokenworth-config","version":1,"disclosure":"../plan.html"}"#,
            r#"{"format":"tokenworth-config","version":1,"disclosure":"javascript:alert(1).html"}"#,
            r#"{"format":"tokenworth-config","version":1,"disclosure":"plan.json"}"#,
        ] {
            assert!(parse_config(bad).is_err(), "{bad}");
        }
    }

    /// Issue 30: the config's paths are checked as the browser would resolve them, after trimming
    /// and decoding; only a path inside the site's folder is fetched, normalised.
    #[test]
    fn only_a_path_inside_the_site_s_folder_is_fetched() {
        for (path, fetched) in [
            ("plan.json", Ok("plan.json")),
            ("  plan.json\n", Ok("plan.json")),
            ("./plans//acme.json", Ok("plans/acme.json")),
            ("my%20plan.json", Ok("my plan.json")),
            ("plan..v2.json", Ok("plan..v2.json")),
            (
                " //other.host/plan.json",
                Err("this one starts at a root or another host, or has a backslash"),
            ),
            ("\t/\t/other.host/plan.json", Err("this one has a control character in it")),
            ("%2e%2e/plan.json", Err("this one leaves the site's folder (..)")),
            (".%2E/plan.json", Err("this one leaves the site's folder (..)")),
            ("plans/../../plan.json", Err("this one leaves the site's folder (..)")),
            (
                "%2f%2fother.host/plan.json",
                Err("this one starts at a root or another host, or has a backslash"),
            ),
            ("..\\plan.json", Err("this one starts at a root or another host, or has a backslash")),
            (
                "%5c%5cother.host%5cplan.json",
                Err("this one starts at a root or another host, or has a backslash"),
            ),
            ("https://other.host/plan.json", Err("this one names a scheme, a query or a fragment")),
            (
                " https%3a//other.host/plan.json",
                Err("this one names a scheme, a query or a fragment"),
            ),
            (
                "%252e%252e/plan.json",
                Err("this one is encoded more than once or hides a control character"),
            ),
            (
                "plan%0a.json",
                Err("this one is encoded more than once or hides a control character"),
            ),
            ("%zz.json", Err("this one's percent-encoding is not valid")),
            ("%", Err("this one's percent-encoding is not valid")),
            (" ./ ", Err("this one is empty")),
        ] {
            assert_eq!(site_path(path), fetched.map(str::to_string), "{path:?}");
        }
        let config = |plan: &str| {
            parse_config(
                &serde_json::json!({"format": "tokenworth-config", "version": 1, "plan": plan})
                    .to_string(),
            )
        };
        assert_eq!(config(" ./plan.json ").map(|c| c.plan), Ok(Some("plan.json".into())));
        assert_eq!(
            config(" //other.host/plan.json"),
            Err("tokenworth.config.json: \"plan\" must be a file in the site's folder, such as \"plan.json\"; this one starts at a root or another host, or has a backslash".into())
        );
        assert_eq!(
            config("%2e%2e/plan.json"),
            Err("tokenworth.config.json: \"plan\" must be a file in the site's folder, such as \"plan.json\"; this one leaves the site's folder (..)".into())
        );
        assert_eq!(
            parse_config(r#"{"format":"tokenworth-config","version":1,"plan":"plan.json","plan":"../x.json"}"#),
            Err("tokenworth.config.json: plan: is given more than once in its object; give each field once".into())
        );
    }

    #[test]
    fn a_plans_compute_budget_keeps_the_employees_estimates() {
        let mut plan: Value =
            serde_json::from_str(include_str!("../../examples/compute-budget.json")).unwrap();
        // The employee's copy of an older plan, as version 2, with their own estimate of use.
        let mut saved = plan.clone();
        saved["version"] = Value::from(2);
        saved["grant"] = serde_json::json!({"tokens": 1, "supply": 2, "annual_dilution_pct": "0",
            "vesting": {"cliff_months": 0, "duration_months": 1, "every_months": 1}});
        saved["compute_budget"] =
            serde_json::json!({"annual": "1", "unit": "money", "used_pct": "40"});
        plan["compute_budget"]["taxable_annual"] = Value::from("7000");
        let merged = merge_plan(&plan, Some(&saved));
        assert_eq!(merged["version"], Value::from(3));
        assert_eq!(merged["compute_budget"]["used_pct"], Value::from("40"));
        assert_eq!(merged["compute_budget"]["annual"], Value::from("120000"));
        assert_eq!(merged["compute_budget"]["taxable_annual"], Value::from("7000"));
        assert!(crate::offer::read_offer(&merged).is_ok());
        assert!(is_locked("compute_budget.annual") && is_locked("compute_budget"));
        assert!(!is_locked("compute_budget.used_pct"));
        // A plan without a budget leaves none in the employee's copy.
        plan.as_object_mut().unwrap().remove("compute_budget");
        let merged = merge_plan(&plan, Some(&saved));
        assert!(crate::offer::read_offer(&merged).unwrap().compute_budget.is_none());
    }

    #[test]
    fn locks_the_plan_terms_only() {
        for locked in [
            "grant.tokens",
            "grant.vesting.cliff_months",
            "payouts.milestones[0].per_token",
            "payouts.buyback",
            "leaving.vested_on_leave",
            "currency",
        ] {
            assert!(is_locked(locked), "{locked}");
        }
        for free in [
            "salary.base_annual",
            "scenarios[0].probability_pct",
            "leaving.annual_departure_pct",
            "personal.wealth",
            "grantee",
            "name",
        ] {
            assert!(!is_locked(free), "{free}");
        }
    }

    #[test]
    fn with_a_mix_the_employee_s_choice_stands_and_the_tokens_follow_the_plan() {
        let mix = json!({"tokens_per_unit": "0.5", "max_sacrificed_annual": "40000", "step_annual": "1000"});
        let mut plan: Value =
            serde_json::from_str(include_str!("../../examples/acme-copilot.json")).unwrap();
        plan["version"] = json!(2);
        plan["grant"]["tokens"] = json!(11000);
        plan["mix"] = mix.clone();
        let mut saved = plan.clone();
        saved["grant"]["tokens"] = json!(3);
        saved["salary"]["sacrificed_annual"] = json!("10000");
        let merged = merge_plan(&plan, Some(&saved));
        // The plan's fixed grant (11,000 − 0.5 × 20,000 = 1,000) plus 0.5 × the employee's 10,000.
        assert_eq!(merged["grant"]["tokens"], 6000);
        assert_eq!(merged["salary"]["sacrificed_annual"], "10000");
        assert!(is_locked("mix.tokens_per_unit"));
    }

    #[test]
    fn merging_keeps_the_employees_assumptions_and_takes_the_plans_terms() {
        let plan = json!({"currency": "EUR", "grant": {"tokens": 500}, "payouts": {"milestones": []}, "leaving": {"vested_on_leave": "forfeit", "annual_departure_pct": "10"}, "personal": {"wealth": "1"}});
        let saved = json!({"currency": "USD", "grant": {"tokens": 99999}, "payouts": {"milestones": [1]}, "leaving": {"vested_on_leave": "keep", "annual_departure_pct": "30"}, "personal": {"wealth": "250000"}});
        let merged = merge_plan(&plan, Some(&saved));
        assert_eq!(merged["grant"]["tokens"], 500);
        assert_eq!(merged["currency"], "EUR");
        assert_eq!(merged["leaving"]["vested_on_leave"], "forfeit");
        assert_eq!(merged["leaving"]["annual_departure_pct"], "30");
        assert_eq!(merged["personal"]["wealth"], "250000");
        assert_eq!(merge_plan(&plan, None), plan);
    }
}
