//! A company's own plan on its intranet: `tokenworth.config.json` beside `index.html` names an offer
//! file (`plan.json`) whose grant and payout terms are the company's; the employee's own assumptions
//! (salary, scenarios, leaving rate, taxes, discount rate, risk) stay theirs.
//!
//! Pure: reading the config and merging the plan's locked terms into the employee's saved copy.

use serde_json::Value;

use crate::form::draft;

/// The `format` tag of the config file.
pub const CONFIG_FORMAT: &str = "tokenworth-config";
/// The config file's name, beside `index.html`.
pub const CONFIG_FILE: &str = "tokenworth.config.json";
/// The saved offer that holds the employee's copy of the company plan.
pub const PLAN_OFFER_ID: &str = "company-plan";

/// The terms a company plan sets: every field under these paths is locked in the form.
pub const LOCKED: [&str; 5] = ["currency", "grant", "payouts", "leaving.vested_on_leave", "mix"];

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

/// Reads `tokenworth.config.json`.
pub fn parse_config(text: &str) -> Result<PlanConfig, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("{CONFIG_FILE} is not valid JSON ({e})"))?;
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
    let plan = match value.get("plan") {
        None | Some(Value::Null) => None,
        Some(Value::String(p)) if is_safe_relative(p, ".json") => Some(p.clone()),
        Some(_) => {
            return Err(format!(
            "{CONFIG_FILE}: \"plan\" must be a file name beside index.html, such as \"plan.json\""
        ))
        }
    };
    let company =
        value.get("company").and_then(Value::as_str).unwrap_or("your company").to_string();
    let disclosure = match value.get("disclosure") {
        None | Some(Value::Null) => None,
        Some(Value::String(p)) if is_safe_relative(p, ".html") => Some(p.clone()),
        Some(_) => {
            return Err(format!(
            "{CONFIG_FILE}: \"disclosure\" must be a page beside index.html, such as \"plan.html\""
        ))
        }
    };
    Ok(PlanConfig { plan, company, disclosure })
}

/// A path stays inside the site: relative, no `..`, no scheme, and of the kind its `suffix` says.
fn is_safe_relative(path: &str, suffix: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains("..")
        && !path.contains(':')
        && !path.contains('\\')
        && path.ends_with(suffix)
}

/// Whether a form field at `path` is set by the company plan.
#[must_use]
pub fn is_locked(path: &str) -> bool {
    LOCKED.iter().any(|locked| {
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
        let value = draft::get(plan, path).cloned().unwrap_or(Value::Null);
        draft::set(&mut merged, path, value);
    }
    // Where the plan lets the employee choose how much salary to trade, their choice stands and
    // the tokens follow it from the plan's terms.
    if let (Some(chosen), Ok(plan_offer)) =
        (draft::get(saved, "salary.sacrificed_annual"), crate::offer::read_offer(plan))
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
            serde_json::from_str(include_str!("../examples/acme-copilot.json")).unwrap();
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
