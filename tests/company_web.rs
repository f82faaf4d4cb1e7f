//! The Company view's components in a real browser (wasm-bindgen-test in headless Chromium):
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver
//!  cargo test --target wasm32-unknown-unknown --test company_web`
#![cfg(target_arch = "wasm32")]

use tokenworth::company::saved;
use tokenworth::report::format::money;
use tokenworth::team::{read_team, value_team};
use tokenworth::ui::company::CompanyApp;
use tokenworth::ui::kit::storage::TEAM_KEY;
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

/// Resolves in a later task: the report is valued in tasks after the paint.
async fn a_task_later() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until the report is the team's as it is now (`aria-busy` false), for at most ten seconds.
async fn settled() {
    // The change's own effects first: they mark the report as updating.
    leptos::task::tick().await;
    for _ in 0..1000 {
        let busy = by_testid("team-report").and_then(|r| r.get_attribute("aria-busy"));
        if busy.as_deref() == Some("false") {
            return;
        }
        a_task_later().await;
    }
    panic!("the report did not settle");
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
    settled().await;
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
    settled().await;
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
    settled().await;
    assert!(by_testid("team-report").is_some());
    assert_eq!(saved_team()["members"][1]["tokens"], 8000);
    host.remove();
}

#[wasm_bindgen_test]
async fn rows_are_added_duplicated_and_removed_and_every_change_is_saved() {
    storage().clear().unwrap();
    let host = mount();
    settled().await;
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

fn cell(row: &str, testid: &str) -> String {
    by_testid(row)
        .and_then(|r| r.query_selector(&format!("[data-testid={testid}]")).unwrap())
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn value_of(testid: &str) -> String {
    by_testid(testid).unwrap().unchecked_into::<web_sys::HtmlInputElement>().value()
}

/// The report's figures are the engine's for the team as saved.
fn assert_report_is_the_engines() {
    let team = read_team(&saved_team()).unwrap();
    let report = value_team(&team).unwrap();
    for (i, p) in report.projects.iter().enumerate() {
        assert_eq!(cell(&format!("totals-project-{i}"), "cost"), money(p.totals.token_cost, "USD"));
        assert_eq!(
            cell(&format!("totals-project-{i}"), "worth"),
            money(p.totals.worth_pretax, "USD")
        );
    }
    assert_eq!(cell("totals-team", "risk-carried"), money(report.team.risk_carried, "USD"));
}

#[wasm_bindgen_test]
async fn a_payout_term_and_a_scenario_are_edited_in_the_page_and_the_report_follows() {
    storage().clear().unwrap();
    let host = mount();
    settled().await;
    let before = cell("totals-project-0", "cost");
    // A term of the plan, typed as the calculator takes it.
    assert_eq!(value_of("field-projects[0].payouts.revenue_share.pool_pct"), "10");
    type_into("field-projects[0].payouts.revenue_share.pool_pct", "12.5%");
    leptos::task::tick().await;
    assert_eq!(saved_team()["projects"][0]["payouts"]["revenue_share"]["pool_pct"], "12.5");
    // A scenario's chance: until they add up again, the error is at the scenarios and the report waits.
    type_into("field-projects[0].scenarios[0].probability_pct", "30");
    leptos::task::tick().await;
    assert!(!text("error-projects[0].scenarios").trim().is_empty());
    assert_eq!(text("probability-total-0"), "95%");
    assert!(by_testid("team-report").is_none());
    assert!(text("plan-problems-0").contains("1 problem"), "{}", text("plan-problems-0"));
    type_into("field-projects[0].scenarios[1].probability_pct", "55");
    type_into("field-projects[0].scenarios[1].annual_revenue[4]", "12M");
    settled().await;
    assert!(text("error-projects[0].scenarios").trim().is_empty());
    assert_eq!(saved_team()["projects"][0]["scenarios"][1]["annual_revenue"][4], "12000000");
    assert!(by_testid("team-report").is_some());
    assert_ne!(cell("totals-project-0", "cost"), before);
    assert_report_is_the_engines();
    host.remove();
}

#[wasm_bindgen_test]
async fn a_bad_term_is_shown_at_its_field_and_counted_on_the_plan_and_its_row() {
    storage().clear().unwrap();
    let host = mount();
    settled().await;
    type_into("field-projects[1].payouts.milestones[0].per_token", "lots");
    leptos::task::tick().await;
    assert!(!text("error-projects[1].payouts.milestones[0].per_token").trim().is_empty());
    assert_eq!(
        by_testid("field-projects[1].payouts.milestones[0].per_token")
            .unwrap()
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(text("plan-problems-1").contains("1 problem"));
    assert!(text("row-errors-projects[1]").contains("in its plan terms below"));
    assert!(text("plan-problems-0").is_empty());
    // Saved as typed, so that nothing typed is lost.
    assert_eq!(saved_team()["projects"][1]["payouts"]["milestones"][0]["per_token"], "lots");
    type_into("field-projects[1].payouts.milestones[0].per_token", "3");
    leptos::task::tick().await;
    assert!(text("plan-problems-1").is_empty() && by_testid("team-report").is_some());
    host.remove();
}

#[wasm_bindgen_test]
async fn scenarios_are_added_and_balanced_and_blocks_switched_with_the_calculators_operations() {
    storage().clear().unwrap();
    let host = mount();
    leptos::task::tick().await;
    click("add-scenario-1");
    leptos::task::tick().await;
    assert!(by_testid("scenario-row-1-3").is_some());
    assert_eq!(value_of("field-projects[1].scenarios[3].name"), "Scenario");
    type_into("field-projects[1].scenarios[3].probability_pct", "10");
    leptos::task::tick().await;
    assert_eq!(text("probability-total-1"), "110%");
    click("balance-probabilities-1");
    leptos::task::tick().await;
    assert_eq!(text("probability-total-1"), "100%");
    // The milestone it reaches, ticked in its row.
    click("hit-1-3-0");
    leptos::task::tick().await;
    assert_eq!(saved_team()["projects"][1]["scenarios"][3]["milestones_hit"][0], "Public beta");
    // Buybacks off: their fields go, the scenarios' tender prices too.
    assert!(by_testid("field-projects[0].payouts.buyback.sell_pct").is_some());
    click("switch-buyback-0");
    settled().await;
    assert!(by_testid("field-projects[0].payouts.buyback.sell_pct").is_none());
    assert!(saved_team()["projects"][0]["payouts"]["buyback"].is_null());
    assert!(by_testid("team-report").is_some());
    assert_report_is_the_engines();
    // Tenders priced per scenario bring a price list per scenario.
    click("add-buyback-0");
    leptos::task::tick().await;
    let price = by_testid("field-projects[0].payouts.buyback.price").unwrap();
    js_sys::Reflect::set(&price, &"value".into(), &"scenario".into()).unwrap();
    price.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settled().await;
    assert!(by_testid("field-projects[0].scenarios[1].price_per_token[0]").is_some());
    assert!(by_testid("field-projects[0].payouts.buyback.revenue_multiple").is_none());
    assert!(by_testid("team-report").is_some());
    assert_report_is_the_engines();
    host.remove();
}

#[wasm_bindgen_test]
async fn the_vesting_becomes_a_schedule_and_the_members_own_fields_are_in_their_table() {
    storage().clear().unwrap();
    let host = mount();
    leptos::task::tick().await;
    click("vesting-schedule-0");
    settled().await;
    assert!(by_testid("field-projects[0].grant.vesting.cliff_months").is_none());
    assert_eq!(text("vesting-total-0"), "100%");
    assert!(by_testid("team-report").is_some());
    assert_report_is_the_engines();
    type_into("field-members[0].personal.redemption_tax_pct", "25");
    type_into("field-members[0].notes", "Staff engineers too");
    leptos::task::tick().await;
    assert_eq!(saved_team()["members"][0]["personal"]["redemption_tax_pct"], "25");
    assert_eq!(saved_team()["members"][0]["notes"], "Staff engineers too");
    type_into("field-members[0].notes", "");
    leptos::task::tick().await;
    assert!(saved_team()["members"][0]["notes"].is_null() && by_testid("team-report").is_some());
    host.remove();
}

#[wasm_bindgen_test]
async fn a_change_marks_the_report_as_updating_and_it_settles_to_the_engines_figures() {
    storage().clear().unwrap();
    let host = mount();
    settled().await;
    let before = cell("totals-team", "cost");
    type_into("field-members[0].tokens", "12,000");
    leptos::task::tick().await;
    // The keystroke's own task: the last figures stay, marked as updating.
    let report = by_testid("team-report").unwrap();
    assert_eq!(report.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(text("report-updating"), "Updating…");
    assert_eq!(cell("totals-team", "cost"), before);
    settled().await;
    assert_eq!(text("report-updating"), "");
    assert_ne!(cell("totals-team", "cost"), before);
    assert_report_is_the_engines();
    host.remove();
}

#[wasm_bindgen_test]
async fn typing_the_company_s_name_draws_no_table_again_and_keeps_the_publish_confirmations() {
    storage().clear().unwrap();
    let host = mount();
    settled().await;
    let table = by_testid("totals-table").unwrap();
    let claims = by_testid("publish-copilot-claims").unwrap();
    click("publish-copilot-confirm");
    leptos::task::tick().await;
    type_into("field-company", "Acme Renamed");
    settled().await;
    assert!(table.is_same_node(by_testid("totals-table").as_deref()));
    assert!(claims.is_same_node(by_testid("publish-copilot-claims").as_deref()));
    let confirm: web_sys::HtmlInputElement =
        by_testid("publish-copilot-confirm").unwrap().unchecked_into();
    assert!(confirm.checked());
    assert_eq!(saved_team()["company"], "Acme Renamed");
    host.remove();
}
