//! The Company view's components in a real browser (wasm-bindgen-test in headless Chromium):
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver
//!  cargo test --target wasm32-unknown-unknown --test company_web`
#![cfg(target_arch = "wasm32")]

use tokenworth::company::saved;
use tokenworth::format::money;
use tokenworth::team::{read_team, value_team};
use tokenworth::ui::company::CompanyApp;
use tokenworth::ui::storage::TEAM_KEY;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn by_testid(testid: &str) -> Option<web_sys::Element> {
    document().query_selector(&format!("[data-testid=\"{testid}\"]")).unwrap()
}

fn text(testid: &str) -> String {
    by_testid(testid).and_then(|e| e.text_content()).unwrap_or_default()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn mount() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    std::mem::forget(leptos::mount::mount_to(host.clone(), CompanyApp));
    host
}

fn type_into(testid: &str, value: &str) {
    let input: web_sys::HtmlInputElement = by_testid(testid).unwrap().unchecked_into();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn click(testid: &str) {
    by_testid(testid).unwrap().unchecked_into::<web_sys::HtmlElement>().click();
}

fn saved_team() -> serde_json::Value {
    match saved::load(storage().get_item(TEAM_KEY).unwrap().as_deref()) {
        saved::LoadedTeam::Team(team) => team,
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
async fn the_view_starts_from_the_example_and_shows_the_engines_figures() {
    storage().clear().unwrap();
    let host = mount();
    leptos::task::tick().await;
    let team =
        read_team(&serde_json::from_str(tokenworth::company::EXAMPLE_TEAM).unwrap()).unwrap();
    let report = value_team(&team).unwrap();
    let totals = by_testid("totals-team").unwrap();
    let cost = totals.query_selector("[data-testid=cost]").unwrap().unwrap();
    assert_eq!(cost.text_content().unwrap(), money(report.team.token_cost, "USD"));
    assert!(by_testid("member-row-2").is_some() && by_testid("member-row-3").is_none());
    assert!(by_testid("publish-copilot").is_some() && by_testid("publish-agents").is_some());
    assert!(by_testid("chart-cost-worth").is_some() && by_testid("chart-member-ranges").is_some());
    host.remove();
}

#[wasm_bindgen_test]
async fn an_invalid_field_shows_the_readers_error_beside_it_and_is_saved_as_typed() {
    storage().clear().unwrap();
    let host = mount();
    leptos::task::tick().await;
    type_into("field-members[1].tokens", "lots");
    leptos::task::tick().await;
    assert!(!text("error-members[1].tokens").trim().is_empty());
    assert_eq!(
        by_testid("field-members[1].tokens").unwrap().get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert!(text("error-members[0].tokens").trim().is_empty());
    assert!(by_testid("team-report").is_none() && by_testid("report-waiting").is_some());
    assert_eq!(saved_team()["members"][1]["tokens"], "lots");
    type_into("field-members[1].tokens", "8,000");
    leptos::task::tick().await;
    assert!(by_testid("team-report").is_some());
    assert_eq!(saved_team()["members"][1]["tokens"], 8000);
    host.remove();
}

#[wasm_bindgen_test]
async fn rows_are_added_duplicated_and_removed_and_every_change_is_saved() {
    storage().clear().unwrap();
    let host = mount();
    leptos::task::tick().await;
    click("add-member");
    leptos::task::tick().await;
    assert!(by_testid("member-row-3").is_some());
    assert_eq!(saved_team()["members"][3]["name"], "New member");
    click("duplicate-member-0");
    leptos::task::tick().await;
    assert_eq!(saved_team()["members"].as_array().unwrap().len(), 5);
    let copy: web_sys::HtmlInputElement =
        by_testid("field-members[1].name").unwrap().unchecked_into();
    assert_eq!(copy.value(), "Product engineer (copy)");
    click("remove-member-1");
    click("remove-member-3");
    leptos::task::tick().await;
    assert_eq!(saved_team()["members"].as_array().unwrap().len(), 3);
    // Removing a project takes its members with it; the report follows.
    click("remove-project-1");
    leptos::task::tick().await;
    assert!(by_testid("project-row-1").is_none() && by_testid("member-row-2").is_none());
    assert!(by_testid("publish-agents").is_none() && by_testid("team-report").is_some());
    host.remove();
}

#[wasm_bindgen_test]
async fn a_newer_saved_team_is_left_untouched() {
    storage().clear().unwrap();
    let newer = r#"{"format":"tokenworth-company","version":9,"team":{}}"#;
    storage().set_item(TEAM_KEY, newer).unwrap();
    let host = mount();
    leptos::task::tick().await;
    assert!(by_testid("team-newer-notice").is_some());
    type_into("field-company", "Someone else");
    leptos::task::tick().await;
    assert_eq!(storage().get_item(TEAM_KEY).unwrap().as_deref(), Some(newer));
    host.remove();
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_saved_team_is_reopened_as_it_was_left() {
    storage().clear().unwrap();
    let mut team: serde_json::Value =
        serde_json::from_str(tokenworth::company::EXAMPLE_TEAM).unwrap();
    team["company"] = "Reopened Ltd".into();
    team["members"][0]["count"] = "a few".into();
    storage().set_item(TEAM_KEY, &saved::to_json(&team)).unwrap();
    let host = mount();
    leptos::task::tick().await;
    let company: web_sys::HtmlInputElement = by_testid("field-company").unwrap().unchecked_into();
    assert_eq!(company.value(), "Reopened Ltd");
    assert!(!text("error-members[0].count").trim().is_empty());
    assert_eq!(saved_team(), team);
    host.remove();
}
