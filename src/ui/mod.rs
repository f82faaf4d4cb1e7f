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
use kit::tasks::{after_paint, mark, one_task_each, Step};
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
    provide_page_context(workspace, FirstLoad::new());
    mark_mounted();
    if let Some(open) = state::embed_options() {
        // The page's static header (index.html) is not part of an embed.
        if let Some(header) = document().get_element_by_id("page-header") {
            header.remove();
        }
        return view! { <embed::EmbedView open=open /> }.into_any();
    }
    view! { <PageTop workspace /> <PageBody /> }.into_any()
}

/// What every part of the calculator reads: the workspace, whether the first load's later parts
/// are built, the charts' width.
fn provide_page_context(workspace: Workspace, first_load: FirstLoad) {
    provide_context(workspace);
    provide_context(first_load);
    kit::charts::provide_chart_width();
}

/// index.html's "has not loaded" message (shown after 4 s) never shows once the app mounts.
fn mark_mounted() {
    if let Some(note) = document().get_element_by_id("load-failed") {
        note.remove();
    }
}

/// The notices and the offers bar, with what the page does for its whole life: following the
/// guided start's links, remembering the headline for the next visit.
#[component]
fn PageTop(workspace: Workspace) -> AnyView {
    guided::follow_start_links(workspace);
    first_paint::remember_on_leave(workspace);
    view! { <Notices /> <LibraryBar /> }.into_any()
}

/// The form and the results, then the footer. (The header is static in index.html, painted
/// before the WebAssembly arrives.)
#[component]
fn PageBody() -> AnyView {
    view! {
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
/// The prerendered first paint stays on screen while the app gets ready, a step a task (issue 29:
/// no long task on a slow phone; each step was part of one task of 70 to 230 ms at 4 x CPU): the
/// stored offers are loaded; the offer on screen is read; the workspace starts following
/// storage, other tabs and changes (their first runs); the offer is valued; the page is built
/// behind the frame and shown in its place ([`behind_the_frame`]).
pub fn start() {
    mark("tokenworth:started");
    let embedded = state::embed_options().is_some();
    kit::locale::then_mount(embedded, move || {
        // The workspace's effects are spawned on Leptos's executor, which mounting would start.
        let _ = any_spawner::Executor::init_wasm_bindgen();
        // Owns the workspace for the page's life: it is made before the page's own owner.
        let owner = Owner::new();
        let workspace = owner.with(Workspace::read);
        mark("tokenworth:offers loaded");
        let wiring = owner.clone();
        let mut steps: Vec<Step> = vec![
            ("tokenworth:offer read", Box::new(move || workspace.checked.with_untracked(|_| ()))),
            ("tokenworth:wired", Box::new(move || wiring.with(|| workspace.wire()))),
            ("tokenworth:offer valued", Box::new(move || workspace.report.with_untracked(|_| ()))),
        ];
        if embedded {
            // An embed has no offers bar or form: one short task.
            steps.push((
                "tokenworth:shown",
                Box::new(move || {
                    in_the_frames_place(owner, |owner| {
                        owner.with(|| {
                            leptos::mount::mount_to_body(move || {
                                view! { <Calculator workspace /> }.into_any()
                            });
                        });
                    });
                }),
            ));
        } else {
            steps.extend(behind_the_frame(owner, workspace));
        }
        one_task_each(steps);
    });
}

/// Builds the calculator in two steps, the top bars then the form and results (each about half
/// of one task of 120 to 230 ms at 4 x CPU), hidden behind the frame (`data-building` on the
/// body, main.css), and shows it in place of the frame in a third: the frame is removed in the
/// same task, so nothing moves. What the person did in the frame meanwhile is handed to the live
/// page. The sections built after the first paint wait until the page is shown.
fn behind_the_frame(owner: Owner, workspace: Workspace) -> [Step; 3] {
    let first_load = FirstLoad::behind_frame();
    let (top, body) = (owner.clone(), owner.clone());
    [
        (
            "tokenworth:top built",
            Box::new(move || {
                building(true);
                top.with(|| {
                    provide_page_context(workspace, first_load);
                    mark_mounted();
                    leptos::mount::mount_to_body(move || {
                        view! { <PageTop workspace /> }.into_any()
                    });
                });
            }),
        ),
        (
            "tokenworth:body built",
            Box::new(move || {
                body.with(|| leptos::mount::mount_to_body(PageBody));
            }),
        ),
        (
            "tokenworth:shown",
            Box::new(move || {
                in_the_frames_place(owner, |_| {
                    building(false);
                    first_load.shown();
                });
            }),
        ),
    ]
}

/// Removes the frame and, in the same task (nothing moves), puts the page in its place with
/// `show`; then hands the live page what the person did in the frame meanwhile. The page's owner
/// lives as long as the page.
fn in_the_frames_place(owner: Owner, show: impl FnOnce(&Owner)) {
    let handover = first_paint::take_over();
    show(&owner);
    std::mem::forget(owner);
    handover.replay();
}

/// Marks the body as holding the app's nodes built behind the frame (main.css hides them).
fn building(on: bool) {
    if let Some(body) = document().body() {
        let _ = if on {
            body.set_attribute("data-building", "")
        } else {
            body.remove_attribute("data-building")
        };
    }
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

/// Builds its children in a task of its own after the first paint of the page as shown. The
/// page's mount then builds only the offers bar and the headline, so the figures are on screen
/// sooner, and no one task builds all 1,100 elements (issue 6: first results within 150 ms, no
/// long tasks). On a narrow screen the outputs come first, and in two columns each column keeps
/// its place, so nothing painted moves. After the first load, children are built at once (switching offers
/// rebuilds the form whole). Its children are mostly a [`Lazy`] part, whose code comes in a
/// chunk fetched then (src/ui/chunk.rs).
#[component]
pub fn AfterFirstPaint(children: ChildrenFn) -> impl IntoView {
    let first_load = use_context::<FirstLoad>().unwrap_or_else(FirstLoad::new);
    let ready = RwSignal::new(first_load.built.get_value());
    if !ready.get_untracked() {
        first_load.after_shown(move || {
            first_load.built.set_value(true);
            ready.set(true);
        });
    }
    view! { <Show when=move || ready.get()>{children()}</Show> }
}

/// The first load's progress, for the sections built after its first paint.
#[derive(Clone, Copy)]
struct FirstLoad {
    /// Whether they are built: later ones need not wait.
    built: StoredValue<bool>,
    /// While the page is built behind the frame, what waits for it to be shown (`None` once it is).
    waiting: StoredValue<Option<Vec<Waiting>>>,
}

/// Work waiting for the page to be shown.
type Waiting = Box<dyn FnOnce() + Send + Sync>;

impl FirstLoad {
    fn new() -> Self {
        FirstLoad { built: StoredValue::new(false), waiting: StoredValue::new(None) }
    }

    /// A page built behind the frame, shown later ([`behind_the_frame`]).
    fn behind_frame() -> Self {
        FirstLoad { waiting: StoredValue::new(Some(Vec::new())), ..Self::new() }
    }

    /// Runs `work` in a task after the first paint of the page as shown.
    fn after_shown(self, work: impl FnOnce() + Send + Sync + 'static) {
        let not_queued = self.waiting.try_update_value(|waiting| match waiting {
            Some(waiting) => {
                waiting.push(Box::new(work));
                None
            }
            None => Some(work),
        });
        if let Some(work) = not_queued.flatten() {
            after_paint(work);
        }
    }

    /// The page is on screen: what waited for it runs after its first paint.
    fn shown(self) {
        for work in self.waiting.try_update_value(Option::take).flatten().unwrap_or_default() {
            after_paint(work);
        }
    }
}
