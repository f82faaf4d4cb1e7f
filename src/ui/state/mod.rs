//! The app's state: the saved offers (the one source of truth), what is derived from them, and the
//! few effects that sync with the outside world (local storage, other tabs, the simulation's timer).

use leptos::prelude::*;
use serde_json::Value;

use super::editors::{joined_id, OfferDoc};
use super::kit::field::Document;
use super::kit::focus::FocusMark;
use super::kit::storage;
use super::kit::synced::{Opened, SyncedStore};
use super::kit::tasks::Runs;
use crate::engine::{value_exact_figures, Decision, MonteCarloReport, Report};
use crate::form::draft;
use crate::offer::paths;
use crate::offer::{read_offer, FieldError, Offer, OfferError};
use crate::store::library::{Library, SavedOffer};

mod links;
mod tabs;
use tabs::OFFERS;
mod tasks;

pub use links::embed_options;
use links::{clear_address_fragment, shared_from_address};

/// The validated offer on screen, or the errors at their field paths.
pub type Checked = Result<Offer, Vec<FieldError>>;

/// A notice about stored data the person must know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Storage cannot be used; the app works in memory.
    Storage(String),
    /// Unreadable stored data was kept under a backup key (`key`), with its text for download.
    Backup { key: Option<String>, raw: String },
    /// The stored library was written by a newer tokenworth; it is left alone.
    Newer(u64),
    /// The company plan named by the site's config could not be loaded.
    Plan(String),
    /// Another tab stored what this one must not write over; this tab stopped saving.
    StoppedSaving(String),
    /// A field typed here was also typed in another tab, whose edit came later and stands.
    Replaced(String),
    /// The guided start saved this offer and closed.
    GuidedSaved(String),
    /// The guided start's chunk could not be fetched.
    GuidedUnavailable,
}

/// A company plan loaded from the site's config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyPlan {
    pub company: String,
    pub file: String,
    /// The plan's disclosure page, for the banner to link to.
    pub disclosure: Option<String>,
}

/// The simulation's progress and result.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SimulationView {
    pub done: u32,
    pub total: u32,
    pub running: bool,
    /// The finished run for the current inputs, or the last one while a new run goes.
    pub result: Option<MonteCarloReport>,
    /// True when `result` belongs to earlier inputs.
    pub stale: bool,
}

/// A decision with the report it was worked out beside, so that the verdict's words always quote
/// the figures of the same inputs.
#[derive(Clone, Debug)]
pub struct Decided {
    pub report: Option<Report>,
    pub decision: Result<Decision, String>,
}

/// A what-if: an ask tried on the offer (issue 28), shown and edited in memory while the offer
/// it was tried on is the one on screen, and never saved unless the person keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    /// The offer as it was when tried: the what-if shows only over this one.
    pub base: Value,
    /// The offer with the ask in it, and any edits since.
    pub document: Value,
    /// What was tried, in the verdict's words.
    pub tried: String,
}

/// Everything the components share, as cheap-to-copy signals.
#[derive(Clone, Copy)]
pub struct Workspace {
    pub library: RwSignal<Library>,
    /// Bumped when the draft is replaced from outside a field (open, import, another tab), so
    /// that the form's inputs start again from the draft.
    pub form_epoch: RwSignal<u64>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The library as local storage and the other tabs hold it.
    pub store: SyncedStore<Library>,
    /// The field this tab typed in last, and when: another tab's later edit of it is said.
    typed: StoredValue<Option<(String, f64)>>,
    /// The last deleted offer and where it was, for undo.
    pub deleted: RwSignal<Option<(usize, SavedOffer)>>,
    /// An offer opened from a share link: on screen, edited in memory, never saved unless the
    /// person chooses "Save a copy".
    pub shared: RwSignal<Option<Value>>,
    /// True when `shared` is the offer this tab showed when another tab deleted it.
    pub orphan: RwSignal<bool>,
    /// The offer the guided start is building, on screen over any other while it is open (saved
    /// only once the person answers).
    /// Whether the guided start is open (its steps take the form's place).
    pub guiding: RwSignal<bool>,
    pub guided: RwSignal<Option<Value>>,
    /// A "Try it" on screen over the offer it was tried on, until the person keeps or leaves it.
    pub what_if: RwSignal<Option<WhatIf>>,
    /// Why the share link in the address could not be opened.
    pub share_error: RwSignal<Option<String>>,
    /// The company plan this site publishes, once loaded.
    pub plan: RwSignal<Option<CompanyPlan>>,
    /// The current offer's document (the shared one while there is one).
    pub draft: Memo<Value>,
    pub checked: Memo<Checked>,
    /// The last valid offer, kept while the inputs are invalid.
    pub last_valid: Memo<Option<Offer>>,
    /// The exact figures of the last valid inputs, kept while the inputs are invalid.
    pub report: Memo<Option<Result<Report, String>>>,
    /// True while the inputs are invalid and `report` shows earlier ones.
    pub out_of_date: Memo<bool>,
    pub simulation: RwSignal<SimulationView>,
    /// The verdict's figures for the last valid inputs, worked out just after the details.
    pub decision: RwSignal<Option<Decided>>,
    /// The report the details (charts, ledgers) draw: `report`, after the keystroke's figures are
    /// painted, so that a keystroke's own task updates only the headline. (It has no sensitivity
    /// table, which the page does not show: the tornado draws the verdict's turning points.)
    pub settled_report: RwSignal<Option<Report>>,
    /// The simulation's runs: a new one, or a cancel, stops the one before.
    pub(crate) simulation_runs: Runs,
    /// The headline's "Exact figures" switch: rounded figures shown to the cent, page-wide.
    pub exact_figures: RwSignal<bool>,
}

impl Workspace {
    /// Loads the saved offers and wires storage, other tabs and the simulation.
    #[must_use]
    pub fn load() -> Workspace {
        let workspace = Workspace::read();
        workspace.wire();
        workspace
    }

    /// Loads the saved offers, and the offer on screen from them, read and valued when first
    /// asked for. Nothing follows storage, other tabs or changes until [`Workspace::wire`].
    #[must_use]
    pub fn read() -> Workspace {
        // Embedded in a blog post, the app never reads or writes the reader's storage.
        let embedded = embed_options().is_some();
        let (library, raw, notices, saving) =
            if embedded { (starter_library(), None, Vec::new(), false) } else { load_library() };
        let store = SyncedStore::start(&OFFERS, raw, &library, saving);
        let library = RwSignal::new(library);
        let (shared, share_error) = shared_from_address();
        let shared = RwSignal::new(shared);
        let share_error = RwSignal::new(share_error);
        let guided = RwSignal::new(None::<Value>);
        let guiding = RwSignal::new(false);
        let what_if = RwSignal::new(None::<WhatIf>);
        let draft = Memo::new(move |_| {
            guided.get().unwrap_or_else(|| {
                let under = shared.get().unwrap_or_else(|| {
                    library.with(|lib| {
                        lib.current().map(|o| o.document.clone()).unwrap_or(Value::Null)
                    })
                });
                what_if
                    .with(|w| w.as_ref().filter(|w| w.base == under).map(|w| w.document.clone()))
                    .unwrap_or(under)
            })
        });
        let checked = Memo::new(move |_| {
            draft.with(|doc| {
                read_offer(doc).map_err(|e| match e {
                    OfferError::Invalid(errors) => errors,
                    OfferError::Syntax { message, .. } => {
                        vec![FieldError { path: String::new(), message }]
                    }
                })
            })
        });
        let last_valid = Memo::new(move |previous: Option<&Option<Offer>>| {
            checked.with(|c| c.as_ref().ok().cloned()).or_else(|| previous.cloned().flatten())
        });
        let report = Memo::new(move |previous: Option<&Option<Result<Report, String>>>| {
            checked.with(|c| match c {
                Ok(offer) => Some(value_exact_figures(offer).map_err(|e| e.to_string())),
                Err(_) => previous.cloned().flatten(),
            })
        });
        let out_of_date =
            Memo::new(move |_| checked.with(Result::is_err) && report.with(Option::is_some));
        Workspace {
            library,
            form_epoch: RwSignal::new(0),
            notices: RwSignal::new(notices),
            store,
            typed: StoredValue::new(None),
            deleted: RwSignal::new(None),
            shared,
            orphan: RwSignal::new(false),
            guided,
            guiding,
            what_if,
            share_error,
            plan: RwSignal::new(None),
            draft,
            checked,
            last_valid,
            report,
            out_of_date,
            simulation: RwSignal::new(SimulationView::default()),
            decision: RwSignal::new(None),
            settled_report: RwSignal::new(None),
            simulation_runs: Runs::new(),
            exact_figures: RwSignal::new(false),
        }
    }

    /// Keeps the offers saved and in step with other tabs, follows share links, and works out the
    /// simulation and the verdict whenever the offer changes. (Their first runs read the offer.)
    pub fn wire(self) {
        if embed_options().is_none() {
            self.save_on_change();
            self.follow_other_tabs();
            self.remember_tab_current();
            self.load_company_plan();
        }
        self.follow_share_links();
        self.simulate_on_change();
        self.decide_on_change();
    }

    /// The errors of the field at `path`.
    #[must_use]
    pub fn errors_at(&self, path: &str) -> Vec<String> {
        self.checked.with(|c| match c {
            Ok(_) => Vec::new(),
            Err(errors) => {
                errors.iter().filter(|e| e.path == path).map(|e| e.message.clone()).collect()
            }
        })
    }

    /// Edits the current offer's document (the shared one, in memory, while one is open). An
    /// edited document is saved in the newest format (an older one migrates, so that its new
    /// fields can be set).
    pub fn edit(&self, change: impl FnOnce(&mut Value)) {
        let change = |doc: &mut Value| {
            crate::offer::migrate(doc);
            change(doc);
        };
        if self.what_if_shown() {
            self.what_if.update(|w| {
                if let Some(w) = w {
                    change(&mut w.document);
                }
            });
            return;
        }
        if self.shared.with_untracked(Option::is_some) {
            self.shared.update(|shared| {
                if let Some(doc) = shared {
                    change(doc);
                }
            });
            return;
        }
        self.library.update(|lib| {
            if let Some(document) = lib.current_document_mut() {
                change(document);
            }
        });
    }

    /// The offer under any what-if: the shared one, or the saved one open.
    fn offer_under(&self) -> Value {
        self.shared.get_untracked().unwrap_or_else(|| {
            self.library.with_untracked(|lib| {
                lib.current().map(|o| o.document.clone()).unwrap_or(Value::Null)
            })
        })
    }

    /// Whether a what-if is on screen (over the offer it was tried on).
    #[must_use]
    pub fn what_if_shown(&self) -> bool {
        self.guided.with_untracked(Option::is_none)
            && self
                .what_if
                .with_untracked(|w| w.as_ref().is_some_and(|w| w.base == self.offer_under()))
    }

    /// Tries an ask (`tried`, in the verdict's words): the offer with `change` in it, on screen
    /// until kept or left; the offer itself is not changed.
    pub fn try_what_if(&self, tried: String, change: impl FnOnce(&mut Value)) {
        // Tried on top of a what-if, it stays one what-if over the same offer, saying both.
        let tried = match self.what_if.get_untracked().filter(|_| self.what_if_shown()) {
            Some(before) => format!("{} {tried}", before.tried),
            None => tried,
        };
        let mut document = self.draft.get_untracked();
        crate::offer::migrate(&mut document);
        change(&mut document);
        self.what_if.set(Some(WhatIf { base: self.offer_under(), document, tried }));
        self.rebuild_form();
    }

    /// Keeps the what-if on screen: it becomes the offer (saved, or the shared one in memory).
    pub fn keep_what_if(&self) {
        if !self.what_if_shown() {
            return;
        }
        let Some(kept) = self.what_if.get_untracked() else { return };
        self.what_if.set(None);
        self.edit_whole(|doc| *doc = kept.document);
    }

    /// Leaves the what-if: the offer is on screen as it was.
    pub fn leave_what_if(&self) {
        self.what_if.set(None);
        self.rebuild_form();
    }

    /// Sets one field of the current offer.
    pub fn set_field(&self, path: &str, value: Value) {
        self.typed.set_value(Some((path.to_string(), js_sys::Date::now())));
        if let Some(k) = draft::milestone_name_index(path) {
            // The scenarios' mentions follow the name as it is typed.
            let name = value.as_str().unwrap_or_default().to_string();
            self.edit(|doc| draft::rename_milestone(doc, k, &name));
            return;
        }
        if path == "salary.sacrificed_annual" {
            // Under a salary mix the tokens follow, from the fixed grant of the last valid offer.
            let fixed =
                self.last_valid.with_untracked(|o| o.as_ref().and_then(Offer::fixed_tokens));
            self.edit(|doc| {
                draft::set_salary_traded(doc, value, fixed);
            });
            return;
        }
        self.edit(|doc| {
            paths::set(doc, path, value);
        });
    }

    /// Re-renders the form from the draft, keeping the keyboard's place in it.
    pub fn rebuild_form(&self) {
        let mark = FocusMark::take();
        self.form_epoch.update(|e| *e += 1);
        // The form is rebuilt by an effect before the next frame; then focus goes back.
        request_animation_frame(move || mark.restore());
    }

    /// Replaces the draft from outside the form's fields: the form starts again from it.
    pub fn edit_whole(&self, change: impl FnOnce(&mut Value)) {
        self.edit(change);
        self.rebuild_form();
    }

    pub fn open(&self, id: &str) {
        self.close_shared();
        self.library.update(|lib| lib.open(id));
        self.rebuild_form();
    }

    /// Takes a shared (or orphaned) offer off the screen, for a saved one.
    pub(crate) fn close_shared(&self) {
        if self.shared.get_untracked().is_some() {
            self.shared.set(None);
            self.orphan.set(false);
            clear_address_fragment();
        }
    }

    /// Adds a document as a new saved offer and opens it (in place of a shared one on screen, so
    /// that what was imported is what is shown and edited).
    pub fn add(&self, document: Value) {
        self.close_shared();
        self.library.update(|lib| {
            lib.add(&format!("offer-{}", js_sys::Date::now() as u64), document);
        });
        self.rebuild_form();
    }

    pub fn duplicate(&self, id: &str) {
        let Some(mut document) = self.library.with_untracked(|lib| lib.document(id).cloned())
        else {
            return;
        };
        let name = paths::text_at(&document, "name");
        paths::set(&mut document, "name", Value::String(format!("{name} (copy)")));
        self.add(document);
    }

    /// Renames the offer on screen.
    pub fn rename(&self, name: &str) {
        self.edit_whole(|doc| {
            paths::set(doc, "name", Value::String(name.to_string()));
        });
    }

    /// Deletes an offer, keeping it for [`Workspace::undo_delete`].
    pub fn delete(&self, id: &str) {
        let mut removed = None;
        self.library.update(|lib| removed = lib.remove(id));
        self.deleted.set(removed);
        self.rebuild_form();
    }

    pub fn undo_delete(&self) {
        let Some((index, offer)) = self.deleted.get_untracked() else { return };
        self.library.update(|lib| lib.restore(index, offer));
        self.deleted.set(None);
        self.rebuild_form();
    }

    /// Keeps the shared offer as a saved one and leaves the shared view.
    pub fn save_shared_copy(&self) {
        if let Some(document) = self.shared.get_untracked() {
            self.add(document);
        }
    }

    /// Leaves a shared offer or a broken link for the saved offers.
    pub fn leave_shared(&self) {
        self.shared.set(None);
        self.orphan.set(false);
        self.share_error.set(None);
        clear_address_fragment();
        self.rebuild_form();
    }

    /// Whether the field at `path` is set by the company plan (on the plan's own offer only).
    #[must_use]
    pub fn is_locked(&self, path: &str) -> bool {
        self.plan.with_untracked(Option::is_some)
            && self.shared.with_untracked(Option::is_none)
            && self.library.with_untracked(|lib| {
                lib.current().is_some_and(|o| o.id == crate::team::intranet::PLAN_OFFER_ID)
            })
            && crate::team::intranet::is_locked(path)
    }
}

/// The form field that has the keyboard, by its path (`field-{path}` test ids).
pub(crate) fn focused_field() -> Option<String> {
    let active = document().active_element()?;
    active.get_attribute("data-testid")?.strip_prefix("field-").map(str::to_string)
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The stored library (this tab's current offer again after a reload), the text it was read
/// from, the notices it calls for, and whether to write changes back.
fn load_library() -> (Library, Option<String>, Vec<Notice>, bool) {
    let (raw, opened) = SyncedStore::open(&OFFERS);
    let (mut library, notices, saving) = match opened {
        Opened::Unavailable(problem) => {
            (starter_library(), vec![Notice::Storage(problem.message())], false)
        }
        Opened::Document(library) if !library.offers.is_empty() => (library, Vec::new(), true),
        Opened::Document(_) | Opened::Empty => (starter_library(), Vec::new(), true),
        Opened::Unreadable { raw, kept, .. } => match kept {
            Ok(key) => (starter_library(), vec![Notice::Backup { key: Some(key), raw }], true),
            // Without a safe copy, never overwrite what is there: work in memory.
            Err(problem) => (
                starter_library(),
                vec![Notice::Backup { key: None, raw }, Notice::Storage(problem.message())],
                false,
            ),
        },
        Opened::Newer(version) => (starter_library(), vec![Notice::Newer(version)], false),
    };
    if let Some(id) = storage::tab_current() {
        library.reopen(&id);
    }
    (library, raw, notices, saving)
}

/// A library holding the example offers.
#[must_use]
pub fn starter_library() -> Library {
    let mut library = Library::default();
    for (id, text) in crate::store::examples::STARTERS {
        if let Ok(mut document) = serde_json::from_str::<Value>(text) {
            crate::offer::migrate(&mut document);
            library.add(id, document);
        }
    }
    library.open_first();
    library
}

/// The calculator's fields edit the current offer's draft.
impl Document for Workspace {
    fn text_at(&self, path: &str) -> String {
        self.draft.with(|doc| paths::text_at(doc, path))
    }
    fn text_at_untracked(&self, path: &str) -> String {
        self.draft.with_untracked(|doc| paths::text_at(doc, path))
    }
    fn errors_at(&self, path: &str) -> Vec<String> {
        Workspace::errors_at(self, path)
    }
    fn set_field(&self, path: &str, value: Value) {
        Workspace::set_field(self, path, value);
    }
    fn set_choice(&self, path: &str, value: &str) {
        let mut redraw = false;
        self.edit(|doc| redraw = draft::set_choice(doc, path, value));
        if redraw {
            self.rebuild_form();
        }
    }
    fn is_locked(&self, path: &str) -> bool {
        Workspace::is_locked(self, path)
    }
}

/// The calculator's section editors edit the same draft, drawing the form again on a table change
/// (the focus is put back where it was: `rebuild_form`).
impl OfferDoc for Workspace {
    fn with_offer<T>(&self, read: impl FnOnce(&Value) -> T) -> T {
        self.draft.with(read)
    }
    fn with_offer_untracked<T>(&self, read: impl FnOnce(&Value) -> T) -> T {
        self.draft.with_untracked(read)
    }
    fn restructure(&self, _keep: String, change: impl FnOnce(&mut Value)) {
        self.edit_whole(change);
    }
    fn edit(&self, change: impl FnOnce(&mut Value)) {
        Workspace::edit(self, change);
    }
    fn errors_shown_at(&self, at: &str) -> Vec<String> {
        let under = format!("{at}[");
        self.checked.with(|c| match c {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .iter()
                .filter(|e| e.path == at || e.path.starts_with(&under))
                .map(|e| e.message.clone())
                .collect(),
        })
    }
    fn test_id(&self, name: &str, rows: &[usize]) -> String {
        joined_id(name, rows.iter().copied())
    }
}
