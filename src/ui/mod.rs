//! The browser app: thin Leptos components over the pure layers.
//!
//! `kit` holds the pieces every page is built of (the field, the charts' SVG, chunks, storage);
//! `editors` the offer's section editors, shared with the Company view (`company`). The calculator:
//! `state` holds the workspace (saved offers → draft → validated offer → report, and the sliced
//! simulation); `form` lays out the editors; `results` and `decide` read the report; `library`
//! manages the saved offers; `guided` is the guided start.

pub mod company;
pub mod comparison;
pub mod decide;
pub mod editors;
pub mod embed;
pub mod first_paint;
pub mod form;
pub mod guided;
pub mod kit;
pub mod library;
pub mod results;
pub mod state;

use leptos::prelude::*;

use form::OfferForm;
use kit::chunk::{in_chunk, Lazy};
use kit::tasks::{after_paint, next_task};
use library::{LibraryBar, Notices};
use results::Headline;
use state::Workspace;

/// The whole app, over the offers as stored.
#[component]
pub fn App() -> impl IntoView {
    view! { <Calculator workspace=Workspace::load() /> }
}

/// The calculator over a workspace already loaded (the page's start loads it in a task of its own).
#[component]
fn Calculator(workspace: Workspace) -> impl IntoView {
    provide_context(workspace);
    provide_context(FirstLoad::new());
    kit::charts::provide_chart_width();
    // Mounted: index.html's "has not loaded" message never shows.
    if let Some(note) = document().get_element_by_id("load-failed") {
        note.remove();
    }
    if let Some(open) = state::embed_options() {
        // The page's static header (index.html) is not part of an embed.
        if let Some(header) = document().get_element_by_id("page-header") {
            header.remove();
        }
        return view! { <embed::EmbedView open=open /> }.into_any();
    }
    guided::follow_start_links(workspace);
    first_paint::remember_on_leave(workspace);
    // The header is static in index.html, painted before the WebAssembly arrives.
    view! {
        <Notices />
        <LibraryBar />
        <main class="layout">
            <guided::GuidedColumn />
            // On a phone: the results come first and the form is long; this bar stays at the top
            // and jumps between the two (hidden in two columns, where both are in view). Plain
            // links: no code in the first load, and the browser moves the keyboard there too (an
            // address fragment that is not a share link is left alone).
            <nav class="skip-bar" aria-label="Jump to">
                <a class="button" href="#results" data-testid="jump-results">"Results"</a>
                <a class="button" href="#inputs" data-testid="jump-inputs">"Inputs"</a>
            </nav>
            <div class="inputs" id="inputs">
                <OfferForm />
            </div>
            <div class="outputs" id="results">
                <Headline />
                <AfterFirstPaint><Lazy load=decide::decide_panel /></AfterFirstPaint>
                <AfterFirstPaint><Lazy load=results::details /></AfterFirstPaint>
                <AfterFirstPaint><Lazy load=comparison::compare_panel /></AfterFirstPaint>
            </div>
        </main>
        // Last, so that the sections built before it never push it down the screen.
        <AfterFirstPaint><Lazy load=footer /></AfterFirstPaint>
    }
    .into_any()
}

in_chunk! {
    /// The page's footer, in the same chunk (it is below them).
    fn footer() in sections {
        view! {
            <footer class="bottom"><p>"tokenworth values offers with the model in MODEL.md: ranges first, point estimates second. It is a calculator, not advice."</p>
                <LocaleChoice /></footer>
        }
    }
}

/// Replaces the first paint with the calculator, in the person's number format (issue 26): where it
/// is not en-US, measured first, in a chunk of its own, so that every figure is written in it.
///
/// The prerendered first paint stays on screen while the app gets ready in three tasks, none of
/// which is as long as the three together (issue 29: no long task on a slow phone): the stored
/// offers are loaded; the offer on screen is read and valued; the page is built and replaces the
/// frame.
pub fn start() {
    let mount = || {
        // The workspace's effects are spawned on Leptos's executor, which mounting would start.
        let _ = any_spawner::Executor::init_wasm_bindgen();
        // Owns the workspace for the page's life: it is made before the page's own owner.
        let owner = Owner::new();
        let workspace = owner.with(Workspace::load);
        next_task(move || {
            owner.with(|| workspace.report.with_untracked(|_| ()));
            next_task(move || {
                // The frame is replaced in the same task: nothing moves. What the person did in
                // it meanwhile is handed to the live page.
                let handover = first_paint::take_over();
                owner.with(|| {
                    leptos::mount::mount_to_body(move || view! { <Calculator workspace /> });
                });
                std::mem::forget(owner);
                handover.replay();
            });
        });
    };
    kit::locale::then_mount(state::embed_options().is_some(), mount);
}

/// The person's number format: their browser's, or one they choose (kept in local storage; a
/// link's `locale=` comes first, so that a shared offer reads as its author wrote it).
#[component]
fn LocaleChoice() -> impl IntoView {
    let chosen = kit::locale::chosen();
    let in_use = kit::locale::in_use();
    view! {
        <p class="locale-choice">
            <label for="locale-choice">"Number format "</label>
            <select id="locale-choice" data-testid="locale-choice" on:change=move |ev| kit::locale::choose(&event_target_value(&ev))>
                <option value="" selected=chosen.is_empty()>{format!("Automatic ({in_use})")}</option>
                {kit::locale::CHOICES.iter().map(|(tag, label)| view! {
                    <option value=*tag selected=chosen == *tag>{*label}</option>
                }).collect_view()}
            </select>
        </p>
    }
}

/// Builds its children in a task of its own after the first paint. The page's first task then
/// builds only the offers bar and the headline, so the figures are on screen sooner, and no one
/// task builds all 1,100 elements (issue 6: first results within 150 ms, no long tasks). On a
/// narrow screen the outputs come first, and in two columns each column keeps its place, so
/// nothing painted moves. After the first load, children are built at once (switching offers
/// rebuilds the form whole). Its children are mostly a [`Lazy`] part, whose code comes in a
/// chunk fetched then (src/ui/chunk.rs).
#[component]
pub fn AfterFirstPaint(children: ChildrenFn) -> impl IntoView {
    let first_load = use_context::<FirstLoad>().unwrap_or_else(FirstLoad::new);
    let ready = RwSignal::new(first_load.0.get_value());
    if !ready.get_untracked() {
        after_paint(move || {
            first_load.0.set_value(true);
            ready.set(true);
        });
    }
    view! { <Show when=move || ready.get()>{children()}</Show> }
}

/// Whether this app's first load has built its deferred sections: later ones need not wait.
#[derive(Clone, Copy)]
struct FirstLoad(StoredValue<bool>);

impl FirstLoad {
    fn new() -> Self {
        FirstLoad(StoredValue::new(false))
    }
}
