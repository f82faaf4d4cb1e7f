//! The embed: a compact calculator for an `<iframe>` in a blog post. Headline figures, the outcome
//! chart and the few inputs the author left open; the offer comes in the link's fragment.
//!
//! It never touches the reader's storage, tells its parent page its height with `postMessage`,
//! and works in `<iframe sandbox="allow-scripts">`. "Open in tokenworth" hands the offer to the full
//! app in a new tab, where it is a shared offer until the reader saves a copy.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use super::kit::charts::OutcomeChart;
use super::kit::chunk::{in_chunk, Lazy};
use super::kit::field::Field;
use super::results::{precision, Headline};
use super::state::{Decided, Workspace};
use crate::engine::Report;
use crate::form::fields::find;
use crate::offer::paths::text_at;
use crate::report::verdict::verdict_at;

/// The message type the parent page listens for.
pub const HEIGHT_MESSAGE: &str = "tokenworth:height";

/// The compact view.
#[component]
pub fn EmbedView(
    /// Paths of the fields left open to the reader.
    open: Vec<String>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let report = Signal::derive(move || {
        ws.report.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).cloned())
    });
    let full_app_link = move || {
        let offer = ws.checked.with(|c| c.as_ref().ok().cloned())?;
        Some(format!("./#{}", crate::store::share::encode_fragment(&offer)))
    };
    report_height_to_parent();
    view! {
        <main class="embed">
            <h1 class="embed-title">{move || ws.draft.with(|d| text_at(d, "name"))}</h1>
            // The verdict's line, the full page's words (issue 28), first under the title.
            <Lazy load=verdict_line />
            // Compact (issue 28): the open inputs first, then the range and the answer (the
            // stylesheet leaves out the headline's other parts), then the chart.
            {(!open.is_empty()).then(|| {
                let open = open.clone();
                view! { <Lazy load=move || embed_inputs(open.clone()) /> }
            })}
            <Headline />
            <Lazy load=move || outcome_chart(report) />
            <p class="embed-footer">
                <a data-testid="open-in-tokenworth" target="_blank" rel="noopener" href=move || full_app_link().unwrap_or_else(|| "./".into())>
                    "Open in tokenworth"
                </a>
                " · computed in your browser; nothing is sent anywhere"
            </p>
        </main>
    }
}

in_chunk! {
    /// The embed's chart, in the sections' chunk (the headline comes first).
    fn outcome_chart(report: Signal<Option<Report>>) in sections { view! { <OutcomeChart report=report /> } }
}

in_chunk! {
    /// The verdict in one line, as the full page's verdict begins (`report::verdict`), in the
    /// sections' chunk with the verdict panel; empty until the decision is worked out.
    fn verdict_line() in sections {
        let ws = expect_context::<Workspace>();
        let line = move || {
            ws.decision.with(|decided| match decided {
                Some(Decided { report: Some(report), decision: Ok(decision) }) => {
                    Some(verdict_at(report, decision, precision(ws)))
                }
                _ => None,
            })
        };
        view! {
            <p class="embed-verdict" data-testid="embed-verdict" class:stale=move || ws.out_of_date.get()>
                {move || line().map(|v| v.line).unwrap_or_default()}
            </p>
        }
    }
}

in_chunk! {
    /// The inputs the author left open, in the same chunk.
    fn embed_inputs(open: Vec<String>) in sections {
        // A path the form does not know (a mistyped link) is left out.
        let specs: Vec<_> = open.iter().filter_map(|path| find(path)).collect();
        let ws = expect_context::<Workspace>();
        (!specs.is_empty()).then(|| view! {
            <form class="embed-inputs" aria-label="Try your own numbers" on:submit=|ev| ev.prevent_default()>
                {specs.into_iter().map(|spec| view! { <Field doc=ws spec=spec /> }).collect_view()}
            </form>
        })
    }
}

/// Posts the height of the page's content to the parent whenever it changes: when the figures
/// come, when a chunk (the chart, the inputs) arrives, when the window narrows. The body's height,
/// not the document's scroll height, which is never less than the frame's: the frame may shrink.
fn report_height_to_parent() {
    let Some(body) = document().body() else { return };
    let post = Closure::<dyn Fn()>::new({
        let body = body.clone();
        move || {
            let Ok(Some(parent)) = window().parent() else { return };
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
            let height = body.offset_height();
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            let _ = parent.post_message(&message, "*");
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) else { return };
    observer.observe(&body);
    let kept = send_wrapper::SendWrapper::new((observer, post));
    on_cleanup(move || kept.0.disconnect());
}
