//! The page's first paint before the WebAssembly arrives (issue 29). index.html carries the frame
//! the mount task builds for a first visitor, prerendered at build time from this app
//! (scripts/prerender.mjs), and `first_paint.js` shows it, or a returning visitor's remembered
//! headline in it, or neither (the waiting state). The app takes the frame over in its mount task,
//! and remembers its headline when the page is hidden or left.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::kit::storage;
use super::state::Workspace;
use crate::store::library::first_paint_key;

/// Removes the prerendered frame just before the app mounts the same markup, in the same task: no
/// frame is painted between them, so nothing moves. The page is then live (no longer marked as
/// remembered). What the person did in the frame before the app arrived (an example chosen, a
/// button pressed, a file picked to import) is returned, to be handed to the live page once it is mounted.
pub fn take_over() -> Handover {
    let document = document();
    let mut handover = Handover::default();
    if let Some(frame) = document.get_element_by_id("first-paint") {
        handover = Handover::from_frame(&frame);
        frame.remove();
    }
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-first-paint", "live");
    }
    handover
}

/// What the person did in the frame before the app was live: the first paint shows real controls
/// (the offers bar), and a choice made in them must not be lost when the app replaces them.
#[derive(Default)]
pub struct Handover {
    /// (the select's id, the option chosen) for each select moved off the option it opened on.
    chosen: Vec<(String, String)>,
    /// The buttons pressed, by `data-testid`, in order (first_paint.js notes them).
    pressed: Vec<String>,
    /// (the input's id, the files picked) for each file input with a choice.
    picked: Vec<(String, web_sys::FileList)>,
}

impl Handover {
    fn from_frame(frame: &web_sys::Element) -> Self {
        let mut handover = Self::default();
        for select in elements::<web_sys::HtmlSelectElement>(frame, "select[id]") {
            let default = (0..select.length())
                .filter_map(|i| select.item(i)?.dyn_into::<web_sys::HtmlOptionElement>().ok())
                .find(web_sys::HtmlOptionElement::default_selected)
                .map(|o| o.value());
            if default.unwrap_or_default() != select.value() {
                handover.chosen.push((select.id(), select.value()));
            }
        }
        for input in elements::<web_sys::HtmlInputElement>(frame, "input[type=file][id]") {
            if let Some(files) = input.files().filter(|f| f.length() > 0) {
                handover.picked.push((input.id(), files));
            }
        }
        let pressed = js_sys::Reflect::get(&window(), &"tokenworthPressed".into()).ok();
        if let Some(pressed) = pressed.filter(|p| p.is_array()) {
            let pressed: js_sys::Array = pressed.unchecked_into();
            handover.pressed = pressed.iter().filter_map(|p| p.as_string()).collect();
        }
        handover
    }

    /// Gives each to the live page, as if done there: a choice, a press, then a file to import.
    pub fn replay(self) {
        let document = document();
        for (id, value) in self.chosen {
            if let Some(select) = document
                .get_element_by_id(&id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                select.set_value(&value);
                dispatch(&select, "change");
            }
        }
        for testid in self.pressed {
            let found = document
                .query_selector(&format!("button[data-testid=\"{testid}\"]"))
                .ok()
                .flatten();
            if let Some(button) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                button.click();
            }
        }
        for (id, files) in self.picked {
            if let Some(input) = document
                .get_element_by_id(&id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_files(Some(&files));
                dispatch(&input, "change");
            }
        }
    }
}

/// The elements under `root` matching `selector` that are of type `T`.
fn elements<T: JsCast>(root: &web_sys::Element, selector: &str) -> Vec<T> {
    let Ok(found) = root.query_selector_all(selector) else { return Vec::new() };
    (0..found.length()).filter_map(|i| found.get(i)?.dyn_into::<T>().ok()).collect()
}

fn dispatch(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Keeps the headline on screen for the next visit whenever the page is hidden or left (the last
/// moment the person saw it), or forgets it when it is not the stored offers' own.
pub fn remember_on_leave(ws: Workspace) {
    let left = window_event_listener(leptos::ev::pagehide, move |_| remember(ws));
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            remember(ws);
        }
    });
    on_cleanup(move || {
        left.remove();
        hidden.remove();
    });
}

fn remember(ws: Workspace) {
    let Some(build) = build_id() else { return };
    match remembered(ws, &build) {
        Some(text) => storage::keep_first_paint(&text),
        None => storage::forget_first_paint(),
    }
}

/// The build's id, which scripts/prerender.mjs writes into index.html (no build, no memory).
fn build_id() -> Option<String> {
    document().query_selector("meta[name=tokenworth-build]").ok()??.get_attribute("content")
}

/// What to keep: the offers list and the headline as on screen, under the key of this build and
/// the stored offers; only when the screen shows exactly what the stored offers open on, as the
/// mount task would build it (no share link or guided start, valid and up-to-date figures,
/// rounded as they open).
fn remembered(ws: Workspace, build: &str) -> Option<String> {
    let elsewhere = ws.shared.with_untracked(Option::is_some)
        || ws.guided.with_untracked(Option::is_some)
        || ws.exact_figures.get_untracked()
        || ws.out_of_date.get_untracked()
        || !ws.store.is_saving();
    if elsewhere || !ws.report.with_untracked(|r| matches!(r, Some(Ok(_)))) {
        return None;
    }
    let stored = storage::read(storage::LIBRARY_KEY).ok()??;
    let (text, shown) = ws.library.with_untracked(|lib| {
        let shown = lib.current().map(|o| o.id.clone());
        let first = lib.offers.first().map(|o| o.id.clone());
        (lib.stored_text(), if shown == first { Some(String::new()) } else { shown })
    });
    if stored != text {
        return None;
    }
    let document = document();
    let picker = document.get_element_by_id("offer-picker")?.inner_html();
    let headline = document.query_selector("section.headline").ok()??.clone_node_with_deep(true);
    let headline = headline.ok()?.dyn_into::<web_sys::Element>().ok()?;
    // The parts built after the first paint, and what is said of a moment.
    for later in [".precision", ".simulation", ".breakeven", "[role=alert]"] {
        while let Ok(Some(part)) = headline.query_selector(later) {
            part.remove();
        }
    }
    if let Ok(Some(said)) = headline.query_selector("[aria-live]") {
        said.set_text_content(None);
    }
    // An array, not an object: the main module already has the code that writes one.
    let key = first_paint_key(build, &shown?, &stored);
    let kept = serde_json::to_string(&[key, picker, headline.outer_html()]).ok()?;
    Some(kept)
}
