//! Component tests in a real browser (wasm-bindgen-test in headless Chromium):
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver
//!  cargo test --target wasm32-unknown-unknown --test web`
#![cfg(target_arch = "wasm32")]

use tokenworth::report::format::money;
use tokenworth::ui::kit::storage::LIBRARY_KEY;
use tokenworth::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn by_testid(testid: &str) -> Option<web_sys::Element> {
    document().query_selector(&format!("[data-testid=\"{testid}\"]")).unwrap()
}

/// A rounded figure's exact amount (`data-exact`), which the page shows under "Exact figures".
fn exact(testid: &str) -> String {
    by_testid(testid).and_then(|e| e.get_attribute("data-exact")).unwrap_or_default()
}

fn text(testid: &str) -> String {
    by_testid(testid).and_then(|e| e.text_content()).unwrap_or_default()
}

fn clear_storage() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
}

fn mount() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), App);
    std::mem::forget(handle);
    host
}

/// Waits until the page has painted and the sections built after the first paint are there.
async fn after_first_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let then_timer = wasm_bindgen::closure::Closure::once_into_js(move || {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0)
                .unwrap();
        });
        web_sys::window().unwrap().request_animation_frame(then_timer.unchecked_ref()).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn the_headline_is_built_first_and_the_form_after_the_first_paint() {
    clear_storage();
    let host = mount();
    leptos::task::tick().await;
    assert!(!text("expected-token-pv").is_empty());
    assert!(by_testid("field-name").is_none(), "the form waits for the first paint");
    after_first_paint().await;
    assert!(by_testid("field-name").is_some());
    host.remove();
}

#[wasm_bindgen_test]
async fn the_app_shows_the_engines_figures_for_the_first_example() {
    clear_storage();
    let host = mount();
    leptos::task::tick().await;
    let offer = tokenworth::parse_offer(include_str!("../examples/acme-copilot.json")).unwrap();
    let report = tokenworth::engine::value_exact(&offer).unwrap();
    assert_eq!(exact("expected-token-pv"), money(report.expected.token_pv, "USD"));
    assert_eq!(exact("net-pv"), money(report.expected.net_pv, "USD"));
    host.remove();
}

#[wasm_bindgen_test]
async fn typing_an_invalid_value_marks_the_field_and_keeps_the_last_results() {
    clear_storage();
    let host = mount();
    after_first_paint().await;
    let before = text("expected-token-pv");
    let input: web_sys::HtmlInputElement =
        by_testid("field-personal.wealth").unwrap().unchecked_into();
    input.set_value("-5");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    assert!(
        text("error-personal.wealth").contains("more than zero"),
        "{}",
        text("error-personal.wealth")
    );
    assert!(by_testid("out-of-date").is_some());
    assert_eq!(text("expected-token-pv"), before);
    host.remove();
}

#[wasm_bindgen_test]
async fn every_change_is_saved_to_local_storage_at_once() {
    clear_storage();
    let host = mount();
    after_first_paint().await;
    let input: web_sys::HtmlInputElement = by_testid("field-name").unwrap().unchecked_into();
    input.set_value("Saved right away");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(LIBRARY_KEY)
        .unwrap()
        .unwrap();
    assert!(stored.contains("Saved right away"));
    host.remove();
}

fn input(testid: &str) -> web_sys::HtmlInputElement {
    by_testid(testid).unwrap_or_else(|| panic!("no {testid}")).unchecked_into()
}

fn change(element: &web_sys::Element) {
    element.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

fn click(testid: &str) {
    let button: web_sys::HtmlElement =
        by_testid(testid).unwrap_or_else(|| panic!("no {testid}")).unchecked_into();
    button.click();
}

/// The first example with the form's edits applied, valued as the CLI would.
fn acme_with(edit: impl FnOnce(&mut serde_json::Value)) -> tokenworth::engine::Report {
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../examples/acme-copilot.json")).unwrap();
    tokenworth::offer::migrate(&mut doc);
    edit(&mut doc);
    tokenworth::engine::value_exact(&tokenworth::offer::read_offer(&doc).unwrap()).unwrap()
}

#[wasm_bindgen_test]
async fn a_vesting_preset_becomes_an_editable_schedule_and_the_figures_follow() {
    use tokenworth::form::draft;
    clear_storage();
    let host = mount();
    after_first_paint().await;
    assert!(by_testid("vesting-table").is_none(), "the classic vesting has no table");
    let schedule = input("vesting-schedule");
    schedule.set_checked(true);
    change(&schedule);
    after_first_paint().await;
    assert!(by_testid("vesting-table").is_some());
    assert!(by_testid("field-grant.vesting.cliff_months").is_none());
    // The classic 12 / 48 / 1 as a schedule vests the same, so the figures stay.
    let classic = acme_with(|_| {});
    assert_eq!(exact("expected-token-pv"), money(classic.expected.token_pv, "USD"));
    click("vesting-preset-back-loaded");
    after_first_paint().await;
    assert_eq!(text("vesting-total"), "100%");
    let back_loaded = acme_with(|doc| {
        draft::apply_vesting_preset(doc, "back-loaded");
    });
    assert_eq!(exact("expected-token-pv"), money(back_loaded.expected.token_pv, "USD"));
    assert_ne!(back_loaded.expected.token_pv, classic.expected.token_pv);
    // Edited after applying: the total follows as typed.
    let pct = input("field-grant.vesting.schedule[0].pct");
    pct.set_value("10");
    pct.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    assert_eq!(text("vesting-total"), "105%");
    assert!(
        text("error-grant.vesting.schedule").contains("100"),
        "{}",
        text("error-grant.vesting.schedule")
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn tender_prices_per_scenario_replace_the_multiple() {
    clear_storage();
    let host = mount();
    after_first_paint().await;
    let price: web_sys::HtmlSelectElement =
        by_testid("field-payouts.buyback.price").unwrap().unchecked_into();
    price.set_value("scenario");
    change(&price);
    after_first_paint().await;
    assert!(by_testid("field-payouts.buyback.revenue_multiple").is_none());
    assert!(by_testid("prices-table").is_some());
    assert_eq!(input("field-scenarios[1].price_per_token[1]").value(), "5.7143");
    let report = acme_with(|doc| {
        tokenworth::form::draft::set_choice(doc, "payouts.buyback.price", "scenario");
    });
    assert_eq!(exact("expected-token-pv"), money(report.expected.token_pv, "USD"));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_compute_budget_switched_on_shows_its_list_value_beside_its_worth() {
    clear_storage();
    let host = mount();
    after_first_paint().await;
    assert!(by_testid("compute-budget").is_none());
    assert!(by_testid("checklist-compute_no_quota-no").is_none());
    // The example has no budget: its section is one line, and its button adds one.
    assert!(by_testid("add-compute_budget").is_some());
    click("add-compute_budget");
    after_first_paint().await;
    assert!(input("switch-compute_budget").checked(), "the section opens with its switch on");
    let report = acme_with(|doc| {
        tokenworth::form::draft::switch_block(doc, "compute_budget", true);
    });
    let budget = report.compute_budget.as_ref().unwrap();
    assert_eq!(exact("compute-list-pv"), money(budget.list_pv, "USD"));
    assert_eq!(exact("compute-value-pv"), money(budget.value_pv, "USD"));
    assert_eq!(
        text("compute-sentence"),
        tokenworth::report::verdict::compute_budget_words(
            &report,
            tokenworth::report::format::Precision::Spoken
        )
        .unwrap()
    );
    assert!(text("compute-sentence").contains("a tool for the job, not pay"));
    assert!(by_testid("checklist-compute_no_quota-no").is_some(), "its questions are asked");
    // The token figures stay about the tokens alone.
    assert_eq!(exact("expected-token-pv"), money(report.expected.token_pv, "USD"));
    host.remove();
}

/// A stand-in for a chunk's fetch: pending until opened, then waking its waiters last first, as
/// no caller may rely on.
#[derive(Clone, Default)]
struct Gate(std::rc::Rc<std::cell::RefCell<(bool, Vec<std::task::Waker>)>>);

impl Gate {
    fn wait(
        &self,
    ) -> impl std::future::Future<Output = Result<(), tokenworth::ui::kit::chunk::ChunkError>> {
        let gate = self.clone();
        std::future::poll_fn(move |cx| {
            let mut state = gate.0.borrow_mut();
            if state.0 {
                std::task::Poll::Ready(Ok(()))
            } else {
                state.1.push(cx.waker().clone());
                std::task::Poll::Pending
            }
        })
    }

    fn open(&self) {
        let waiting = {
            let mut state = self.0.borrow_mut();
            state.0 = true;
            std::mem::take(&mut state.1)
        };
        waiting.into_iter().rev().for_each(std::task::Waker::wake);
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_parts_waiting_for_a_chunk_are_built_in_the_order_they_asked_for_it() {
    use tokenworth::ui::kit::chunk::{run_when_fetched, ChunkError};
    let gate = Gate::default();
    let built = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut waiting: Vec<_> = (0..5)
        .map(|part| {
            let built = built.clone();
            Some(run_when_fetched("order-test", gate.wait(), move || async move {
                built.borrow_mut().push(part);
                Ok::<_, ChunkError>(())
            }))
        })
        .collect();
    // A part that goes before its chunk comes (its section was closed) holds up none after it.
    waiting[2] = None;
    for part in waiting.into_iter().flatten() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = part.await;
        });
    }
    sleep(20).await;
    assert!(built.borrow().is_empty(), "nothing is built before the chunk is there");
    gate.open();
    for _ in 0..100 {
        if built.borrow().len() == 4 {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(*built.borrow(), vec![0, 1, 3, 4]);
}
