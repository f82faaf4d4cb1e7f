//! Component tests in a real browser (wasm-bindgen-test in headless Chromium):
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver
//!  cargo test --target wasm32-unknown-unknown --test web`
#![cfg(target_arch = "wasm32")]

use tokenworth::format::money;
use tokenworth::ui::storage::LIBRARY_KEY;
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
    assert_eq!(text("expected-token-pv"), money(report.expected.token_pv, "USD"));
    assert_eq!(text("net-pv"), money(report.expected.net_pv, "USD"));
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
