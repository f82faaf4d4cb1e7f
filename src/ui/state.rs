//! The app's state: the saved offers (the one source of truth), what is derived from them, and the
//! few effects that sync with the outside world (local storage, other tabs, the simulation's timer).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

use super::editors::{joined_id, Audience, OfferDoc};
use super::kit::chunk::{in_chunk, when_ready};
use super::kit::field::Document;
use super::kit::focus::FocusMark;
use super::kit::storage::{self, LIBRARY_KEY};
use crate::engine::turning_points::{risk_breakeven_revenue_scale, risk_inputs, risk_row};
use crate::engine::{
    decide_first, value_exact_figures, Decision, Input, MonteCarloReport, Report, RiskRow,
    Simulation, WhatChangesIt,
};
use crate::form::draft;
use crate::offer::paths;
use crate::offer::{read_offer, FieldError, Offer, OfferError};
use crate::store::library::{Library, Loaded, SavedOffer};
use crate::store::merge::{base_note, base_of, same_shape, Later, Seen, RECENT_TYPING_MS};

/// How long one slice of the simulation may hold the main thread.
const SLICE_BUDGET_MS: f64 = 12.0;
/// Paths between two looks at the clock.
const PATHS_PER_CHECK: u32 = 250;

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
}

/// The stored library as this tab last saw it: the text (to tell another tab's write from
/// nothing new) and the offers (the base of a merge with another tab's); and the versions it saw
/// lately, where the base another tab's note names is found ([`crate::store::merge`]).
#[derive(Clone)]
struct Synced {
    raw: Option<String>,
    library: Library,
    seen: Seen<Library>,
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
    /// Whether changes are written to storage (off when storage holds a newer version's data).
    pub persist: RwSignal<bool>,
    /// The stored library as this tab last read or wrote it.
    synced: StoredValue<Synced>,
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
    /// Bumped to start or cancel a simulation run.
    pub run_generation: RwSignal<u64>,
    /// The headline's "Exact figures" switch: rounded figures shown to the cent, page-wide.
    pub exact_figures: RwSignal<bool>,
}

impl Workspace {
    /// Loads the saved offers and wires storage, other tabs and the simulation.
    #[must_use]
    pub fn load() -> Workspace {
        // Embedded in a blog post, the app never reads or writes the reader's storage.
        let embedded = embed_options().is_some();
        let (library, raw, notices, persist) =
            if embedded { (starter_library(), None, Vec::new(), false) } else { load_library() };
        // The version read is one another tab may name as the base of its next write.
        let mut seen = Seen::default();
        if let Some(text) = &raw {
            seen.push(js_sys::Date::now(), text, library.clone());
        }
        let synced = StoredValue::new(Synced { raw, library: library.clone(), seen });
        let library = RwSignal::new(library);
        let (shared, share_error) = shared_from_address();
        let shared = RwSignal::new(shared);
        let share_error = RwSignal::new(share_error);
        let guided = RwSignal::new(None::<Value>);
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
        let workspace = Workspace {
            library,
            form_epoch: RwSignal::new(0),
            notices: RwSignal::new(notices),
            persist: RwSignal::new(persist),
            synced,
            typed: StoredValue::new(None),
            deleted: RwSignal::new(None),
            shared,
            orphan: RwSignal::new(false),
            guided,
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
            run_generation: RwSignal::new(0),
            exact_figures: RwSignal::new(false),
        };
        if !embedded {
            workspace.save_on_change();
            workspace.follow_other_tabs();
            workspace.remember_tab_current();
            workspace.load_company_plan();
        }
        workspace.follow_share_links();
        workspace.simulate_on_change();
        workspace.decide_on_change();
        workspace
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

    /// Loads the site's config and, if it names a company plan, opens the employee's copy of it.
    fn load_company_plan(self) {
        leptos::task::spawn_local(async move {
            let Ok(config_text) = fetch_text(crate::team::intranet::CONFIG_FILE).await else {
                return;
            };
            let config = match crate::team::intranet::parse_config(&config_text) {
                Ok(config) => config,
                Err(why) => return self.notices.update(|n| n.push(Notice::Plan(why))),
            };
            let Some(file) = config.plan else { return };
            let plan = match fetch_text(&file).await {
                Ok(text) => crate::offer::parse_offer(&text)
                    .map_err(|e| format!("{file} is not a valid offer: {e}")),
                Err(why) => Err(why),
            };
            let plan: Value = match plan.and_then(|offer| {
                serde_json::from_str(&crate::offer::write_offer(&offer)).map_err(|e| e.to_string())
            }) {
                Ok(plan) => plan,
                Err(why) => return self.notices.update(|n| n.push(Notice::Plan(why))),
            };
            let opens = self.shared.with_untracked(Option::is_none);
            self.library.update(|lib| {
                let id = crate::team::intranet::PLAN_OFFER_ID;
                let document = crate::team::intranet::merge_plan(&plan, lib.document(id));
                lib.save_first(id, document, opens);
            });
            self.plan.set(Some(CompanyPlan {
                company: config.company,
                file,
                disclosure: config.disclosure,
            }));
            self.rebuild_form();
        });
    }

    /// A share link pasted into this tab's address bar opens like a fresh one (`#start` is the
    /// guided start's: `guided::follow_start_links`).
    fn follow_share_links(self) {
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            let (shared, error) = shared_from_address();
            if shared.is_some() || error.is_some() {
                self.shared.set(shared);
                self.share_error.set(error);
                self.rebuild_form();
            }
        });
        on_cleanup(move || handle.remove());
    }

    /// Writes every change to storage at once (the one effect that writes). What storage already
    /// holds (another tab's change, received) is not written back; a change another tab stored
    /// since this one last looked is merged in first.
    fn save_on_change(self) {
        Effect::new(move |previous: Option<()>| {
            self.library.track();
            // On load, the write (which stores migrated or starter offers in the newest format)
            // can wait until the figures are painted; every change after that is saved at once.
            if previous.is_none() {
                after_paint(move || self.save());
            } else {
                self.save();
            }
        });
    }

    fn save(self) {
        if !self.persist.get_untracked() {
            return;
        }
        let text = self.library.with_untracked(Library::stored_text);
        // Storage already holds it (another tab's change, received, is not written back).
        if self.synced.with_value(|synced| synced.raw.as_deref() == Some(text.as_str())) {
            return;
        }
        // A write from another tab whose event has not arrived yet is merged, not overwritten
        // (then saved again from the merge).
        if let Ok(Some(raw)) = storage::read_library() {
            if self.synced.with_value(|synced| synced.raw.as_ref() != Some(&raw)) {
                return self.take_stored(Some(raw), Later::Ours);
            }
        }
        let previous = storage::library_note();
        let note = self.synced.with_value(|synced| {
            base_note(previous.as_deref(), &text, synced.raw.as_deref().unwrap_or(""))
        });
        let result = storage::write_library(&text, &note);
        if result.is_ok() {
            let library = self.library.get_untracked();
            let now = js_sys::Date::now();
            self.synced.update_value(|synced| {
                synced.seen.push(now, &text, library.clone());
                synced.raw = Some(text);
                synced.library = library;
            });
        }
        self.notices.update(|notices| {
            notices.retain(|n| !matches!(n, Notice::Storage(_)));
            if let Err(problem) = result {
                notices.push(Notice::Storage(problem.message()));
            }
        });
    }

    /// Takes in what another tab stored (from its event, or found before a write).
    fn follow_other_tabs(self) {
        let handle =
            window_event_listener(leptos::ev::storage, move |event: web_sys::StorageEvent| {
                if event.key().as_deref() != Some(LIBRARY_KEY) || !self.persist.get_untracked() {
                    return;
                }
                // Every version written is one a later write may name as its base.
                if let Some(text) = event.new_value() {
                    if let Loaded::Library(library) = Library::load(Some(&text)) {
                        let now = js_sys::Date::now();
                        self.synced.update_value(|synced| synced.seen.push(now, &text, library));
                    }
                }
                // Storage as it is now: an event may arrive after later writes.
                let Ok(raw) = storage::read_library() else { return };
                if self.synced.with_value(|synced| synced.raw != raw) {
                    self.take_stored(raw, Later::Theirs);
                }
            });
        on_cleanup(move || handle.remove());
    }

    /// Takes in what another tab stored (from its event, or found before a write), then saves
    /// whatever this tab has that it lacks. The merge is in the `work` chunk: the first load
    /// does not need it.
    fn take_stored(self, raw: Option<String>, later: Later) {
        when_ready(merge_stored(self, raw, later), move |merged| match merged {
            Ok(()) => self.save(),
            Err(_) => self.stop_saving(MERGE_CHUNK_FAILED.to_string()),
        });
    }

    /// Says what another tab's change did here, in place of the last such notice.
    fn say_from_other_tab(self, what: String) {
        self.notices.update(|n| {
            n.retain(|n| !matches!(n, Notice::Replaced(_)));
            n.push(Notice::Replaced(what));
        });
    }

    fn stop_saving(self, why: String) {
        self.persist.set(false);
        self.notices.update(|n| n.push(Notice::StoppedSaving(why)));
    }

    /// Remembers, for a reload of this tab, which offer it shows.
    fn remember_tab_current(self) {
        let current =
            Memo::new(move |_| self.library.with(|lib| lib.current().map(|o| o.id.clone())));
        Effect::new(move |_| {
            if let Some(id) = current.get() {
                storage::set_tab_current(&id);
            }
        });
    }

    /// Reruns the simulation, in slices, whenever the valid inputs change.
    fn simulate_on_change(self) {
        Effect::new(move |_| {
            let offer = match self.checked.get() {
                Ok(offer) => offer,
                Err(_) => return,
            };
            self.run_generation.update(|g| *g += 1);
            let generation = self.run_generation.get_untracked();
            self.simulation.update(|view| {
                view.done = 0;
                view.total = offer.simulation.paths;
                view.running = true;
                view.stale = view.result.is_some();
            });
            // Preparing the paths waits until the keystroke's exact figures are painted; the
            // slices start in the task after (each task stays short).
            after_paint(move || {
                if self.run_generation.get_untracked() != generation {
                    return;
                }
                when_ready(new_simulation(offer), move |simulation| match simulation {
                    Ok(Some(simulation)) => {
                        next_task(move || run_slices(self, generation, simulation));
                    }
                    _ => self.simulation.set(SimulationView::default()),
                });
            });
        });
    }

    /// Draws the details and works out the verdict whenever the valid inputs change, after the
    /// keystroke's figures have been painted, so that the headline is on screen first; a newer
    /// change supersedes it. Short tasks rather than one long one: the details, then the verdict,
    /// then what would change it, one input a task ([`TurningPoints`]).
    fn decide_on_change(self) {
        let latest = Rc::new(std::cell::Cell::new(0u64));
        Effect::new(move |_| {
            let Some(offer) = self.checked.with(|c| c.as_ref().ok().cloned()) else {
                return;
            };
            let generation = latest.get().wrapping_add(1);
            latest.set(generation);
            let current = {
                let latest = Rc::clone(&latest);
                move || latest.get() == generation
            };
            after_paint(move || {
                if !current() {
                    return;
                }
                // Read here, not in the effect: valuing waits for the paint too. (While this
                // generation is current, the report is the one for `offer`.)
                let report = self
                    .report
                    .with_untracked(|r| r.as_ref().and_then(|r| r.as_ref().ok()).cloned());
                self.settled_report.set(report.clone());
                next_task(move || {
                    if !current() {
                        return;
                    }
                    when_ready(decision(offer.clone()), move |decision| {
                        if !current() {
                            return;
                        }
                        let decision = decision.unwrap_or_else(|_| Err(CHUNK_FAILED.to_string()));
                        let first = decision.as_ref().ok().cloned();
                        self.decision.set(Some(Decided { report, decision }));
                        if let Some(first) = first {
                            let steps = TurningPoints::new(offer, &first);
                            let current: Rc<dyn Fn() -> bool> = Rc::new(current);
                            next_task(move || steps.run(self, current));
                        }
                    });
                });
            });
        });
    }

    /// Stops the running simulation; the figures so far stay, marked as partial.
    pub fn cancel_simulation(&self) {
        self.run_generation.update(|g| *g += 1);
        self.simulation.update(|view| view.running = false);
    }
}

/// Runs `work` in a task after the next frame is painted: work that can wait (details, verdict,
/// simulation) never delays the figures the person is looking at. (A timer alone may run before
/// the browser paints.)
pub(crate) fn after_paint(work: impl FnOnce() + 'static) {
    request_animation_frame(move || next_task(work));
}

/// Runs `work` in a task of its own, soon: long work split into short tasks leaves the page free
/// to paint and to take keystrokes between them.
fn next_task(work: impl FnOnce() + 'static) {
    set_timeout(work, Duration::ZERO);
}

/// Runs the simulation for at most [`SLICE_BUDGET_MS`] at a time, yielding to the page in between,
/// until it finishes or a newer run (or a cancel) takes over.
fn run_slices(workspace: Workspace, generation: u64, simulation: Rc<RefCell<Simulation>>) {
    if workspace.run_generation.get_untracked() != generation {
        return;
    }
    // The chunk is there: `new_simulation` came from it.
    when_ready(run_slice(Rc::clone(&simulation)), move |slice| {
        let Ok((done, finished)) = slice else {
            return workspace.simulation.update(|view| view.running = false);
        };
        workspace.simulation.update(|view| view.done = done);
        if finished {
            // The summary selects percentiles among all the paths' values: a task of its own.
            next_task(move || {
                if workspace.run_generation.get_untracked() == generation {
                    when_ready(summarize(simulation), move |result| {
                        workspace.simulation.update(|view| {
                            view.result = result.ok();
                            view.running = false;
                            view.stale = false;
                        });
                    });
                }
            });
        } else {
            next_task(move || run_slices(workspace, generation, simulation));
        }
    });
}

/// What the verdict says when the code that works it out could not be fetched.
const CHUNK_FAILED: &str =
    "The code that works out the verdict could not be loaded. Check the connection and reload the page.";

// The work done after the first paint is in chunks too (src/ui/chunk.rs): the main module then
// holds only the exact valuation the headline shows.
in_chunk! {
    /// The offer's simulation, ready to run in slices.
    fn new_simulation(offer: Offer) in work -> Option<Rc<RefCell<Simulation>>> {
        Simulation::new(&offer).ok().map(|simulation| Rc::new(RefCell::new(simulation)))
    }
}

in_chunk! {
    /// Runs the simulation for at most [`SLICE_BUDGET_MS`]: the paths done, and whether it is
    /// finished.
    fn run_slice(simulation: Rc<RefCell<Simulation>>) in work -> (u32, bool) {
        let started = now_ms();
        let mut sim = simulation.borrow_mut();
        while !sim.is_finished() && now_ms() - started < SLICE_BUDGET_MS {
            sim.run(PATHS_PER_CHECK);
        }
        (sim.done(), sim.is_finished())
    }
}

in_chunk! {
    /// The finished simulation's figures.
    fn summarize(simulation: Rc<RefCell<Simulation>>) in work -> MonteCarloReport {
        simulation.borrow().summary()
    }
}

/// What a tab says when the code that merges another tab's changes could not be fetched.
const MERGE_CHUNK_FAILED: &str = "Another tab changed your offers, and the code that merges its changes could not be loaded: this tab saves nothing more until you reload it.";

in_chunk! {
    /// [`merge_into`], in the chunk.
    fn merge_stored(ws: Workspace, raw: Option<String>, later: Later) in work -> () {
        merge_into(ws, raw, later)
    }
}

/// Merges another tab's stored library into this tab's. A newer or unreadable one stops this
/// tab's saving (an unreadable one is copied to a backup key first); this tab's offers stay
/// on screen.
fn merge_into(ws: Workspace, raw: Option<String>, later: Later) {
    let theirs = match Library::load(raw.as_deref()) {
        Loaded::Library(theirs) => theirs,
        // Emptied elsewhere: nothing to merge; this tab's offers are written again.
        Loaded::Empty => return ws.synced.update_value(|synced| synced.raw = None),
        Loaded::Newer { version } => {
            return ws.stop_saving(format!(
                "Another tab saved your offers with a newer tokenworth (library version {version}). They are left untouched: this tab saves nothing more until you reload it. Export the offers you changed here to keep them."
            ));
        }
        Loaded::Unreadable { raw, .. } => {
            let kept = match storage::keep_backup(&raw) {
                Ok(key) => format!("They are kept under \u{201c}{key}\u{201d}."),
                Err(_) => "They are left untouched.".to_string(),
            };
            return ws.stop_saving(format!(
                "Another tab stored offers this tokenworth cannot read. {kept} This tab saves nothing more until you reload it. Export the offers you changed here to keep them."
            ));
        }
    };
    let before = ws.library.get_untracked();
    let (merged, conflicts) = ws.synced.with_value(|synced| {
        // Against the version the writer merged with, if this tab saw it; else the last one it saw.
        let named = storage::library_note().and_then(|note| base_of(&note, raw.as_deref()?));
        let base = named.and_then(|f| synced.seen.find(f)).unwrap_or(&synced.library);
        before.merged(base, &theirs, later)
    });
    ws.synced.update_value(|synced| {
        if let Some(text) = &raw {
            synced.seen.push(js_sys::Date::now(), text, theirs.clone());
        }
        synced.raw = raw;
        synced.library = theirs;
    });
    if merged == before {
        return;
    }
    let shown = before.current().map(|o| (o.id.clone(), o.document.clone()));
    let showing_saved = ws.shared.with_untracked(Option::is_none);
    let mut merged = merged;
    if let (Some((id, document)), true) = (&shown, showing_saved) {
        if !merged.offers.iter().any(|o| &o.id == id) {
            // Deleted in another tab: it stays on screen, in memory, and this tab says so.
            let name = paths::text_at(document, "name");
            ws.shared.set(Some(document.clone()));
            ws.orphan.set(true);
            merged.current = merged.offers.first().map(|o| o.id.clone());
            ws.library.set(merged);
            return ws.say_from_other_tab(format!(
                "\u{201c}{name}\u{201d} was deleted in another tab. It stays on screen here, unsaved: \u{201c}Save a copy\u{201d} keeps it."
            ));
        }
    }
    let after = merged.current().map(|o| o.document.clone());
    let typed_here =
        ws.typed.get_value().filter(|(_, at)| js_sys::Date::now() - at < RECENT_TYPING_MS);
    let replaced: Vec<String> = match (&shown, &after) {
        (Some((_, old)), Some(new)) if showing_saved && later == Later::Theirs => conflicts
            .iter()
            .filter(|(id, _)| Some(id) == shown.as_ref().map(|(id, _)| id))
            .map(|(_, path)| path.clone())
            .chain(
                typed_here
                    .map(|(path, _)| path)
                    .filter(|path| paths::text_at(old, path) != paths::text_at(new, path)),
            )
            .collect(),
        _ => Vec::new(),
    };
    let redraw = showing_saved
        && match (&shown, &after) {
            (Some((_, old)), Some(new)) => {
                !same_shape(old, new)
                    || focused_field()
                        .is_some_and(|p| paths::text_at(old, &p) != paths::text_at(new, &p))
            }
            _ => true,
        };
    ws.library.set(merged);
    if let Some(path) = replaced.first() {
        ws.say_from_other_tab(format!(
            "Your change to \u{201c}{path}\u{201d} was replaced by the one typed later in another tab."
        ));
    }
    if redraw {
        ws.rebuild_form();
    }
}

in_chunk! {
    /// The verdict's figures, without what would change the answer (found next, in steps).
    fn decision(offer: Offer) in work -> Result<Decision, String> {
        decide_first(&offer).map_err(|e| e.to_string())
    }
}

in_chunk! {
    /// The inputs whose rows [`TurningPoints`] finds.
    fn turning_inputs(offer: Rc<Offer>) in work -> Vec<(Input, Decimal)> {
        risk_inputs(&offer)
    }
}

in_chunk! {
    /// One row of what would change the answer (it revalues the offer a few dozen times).
    fn turning_row(offer: Rc<Offer>, input: Input, now: Decimal, net: f64) in work -> Option<RiskRow> {
        risk_row(&offer, input, now, net).ok()
    }
}

in_chunk! {
    /// The risk-adjusted breakeven.
    fn turning_breakeven(offer: Rc<Offer>, net: f64) in work -> Option<f64> {
        risk_breakeven_revenue_scale(&offer, net).ok().flatten()
    }
}

/// What would change the answer, found after the verdict is on screen: one input a task, then
/// the breakeven after risk, then the verdict again with them (its caveat and breakeven).
struct TurningPoints {
    offer: Rc<Offer>,
    net: f64,
}

impl TurningPoints {
    fn new(offer: Offer, decision: &Decision) -> TurningPoints {
        TurningPoints { offer: Rc::new(offer), net: decision.risk_adjusted_net }
    }

    fn run(self, ws: Workspace, current: Rc<dyn Fn() -> bool>) {
        when_ready(turning_inputs(Rc::clone(&self.offer)), move |inputs| {
            let inputs = inputs.unwrap_or_default();
            self.row(ws, current, Rc::new(inputs), 0, Vec::new());
        });
    }

    /// Finds input `i`'s row in a task of its own, then the next.
    fn row(
        self,
        ws: Workspace,
        current: Rc<dyn Fn() -> bool>,
        inputs: Rc<Vec<(Input, Decimal)>>,
        i: usize,
        mut rows: Vec<RiskRow>,
    ) {
        if !current() {
            return;
        }
        let Some(&(input, now)) = inputs.get(i) else {
            self.finish(ws, current, rows);
            return;
        };
        let job = turning_row(Rc::clone(&self.offer), input, now, self.net);
        when_ready(job, move |row| {
            rows.extend(row.ok().flatten());
            next_task(move || self.row(ws, current, inputs, i.saturating_add(1), rows));
        });
    }

    fn finish(self, ws: Workspace, current: Rc<dyn Fn() -> bool>, rows: Vec<RiskRow>) {
        when_ready(turning_breakeven(Rc::clone(&self.offer), self.net), move |scale| {
            if !current() {
                return;
            }
            let found = WhatChangesIt::new(scale.ok().flatten(), rows);
            ws.decision.update(|decided| {
                if let Some(Ok(decision)) = decided.as_mut().map(|d| d.decision.as_mut()) {
                    decision.what_changes_it = Some(found);
                }
            });
        });
    }
}

/// The offer of a share link in the address (`#offer=v1.…`), or why it cannot be opened; nothing
/// when the address has no share link.
fn shared_from_address() -> (Option<Value>, Option<String>) {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    if !fragment.starts_with(crate::store::share::FRAGMENT_PREFIX) {
        return (None, None);
    }
    match crate::store::share::decode_fragment(fragment) {
        Ok(offer) => (serde_json::from_str(&crate::offer::write_offer(&offer)).ok(), None),
        Err(e) => (None, Some(e.to_string())),
    }
}

/// What an embed shows: `?embed&open=salary.sacrificed_annual,grant.tokens` leaves those fields
/// open; `None` outside an embed.
#[must_use]
pub fn embed_options() -> Option<Vec<String>> {
    let search = web_sys::window()?.location().search().ok()?;
    let query = search.strip_prefix('?')?;
    let mut embedded = false;
    let mut open = Vec::new();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "embed" => embedded = true,
            // Paths the form does not know are left out by the embed's inputs, whose chunk
            // holds the form's fields: the first load does not.
            "open" => open = value.split(',').map(str::to_string).collect(),
            _ => {}
        }
    }
    embedded.then_some(open)
}

/// Fetches a file beside `index.html` (a relative URL, so the site works from any sub-path).
async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url} could not be fetched"))?
        .dyn_into()
        .map_err(|_| format!("{url}: no response"))?;
    if !response.ok() {
        return Err(format!("{url}: the server answered {}", response.status()));
    }
    let text = response.text().map_err(|_| format!("{url}: unreadable"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{url}: unreadable"))
}

/// Removes the share link from the address without reloading or adding a history entry.
fn clear_address_fragment() {
    let Some(window) = web_sys::window() else { return };
    let path = window.location().pathname().unwrap_or_default()
        + &window.location().search().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
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
    let raw = match storage::read_library() {
        Ok(raw) => raw,
        Err(problem) => {
            return (starter_library(), None, vec![Notice::Storage(problem.message())], false)
        }
    };
    let (mut library, notices, persist) = match Library::load(raw.as_deref()) {
        Loaded::Library(library) if !library.offers.is_empty() => (library, Vec::new(), true),
        Loaded::Library(_) | Loaded::Empty => (starter_library(), Vec::new(), true),
        Loaded::Unreadable { raw, .. } => match storage::keep_backup(&raw) {
            Ok(key) => (starter_library(), vec![Notice::Backup { key: Some(key), raw }], true),
            // Without a safe copy, never overwrite what is there: work in memory.
            Err(problem) => (
                starter_library(),
                vec![Notice::Backup { key: None, raw }, Notice::Storage(problem.message())],
                false,
            ),
        },
        Loaded::Newer { version } => (starter_library(), vec![Notice::Newer(version)], false),
    };
    if let Some(id) = storage::tab_current().filter(|id| library.offers.iter().any(|o| &o.id == id))
    {
        library.current = Some(id);
    }
    (library, raw, notices, persist)
}

/// A library holding the example offers.
#[must_use]
pub fn starter_library() -> Library {
    let mut library = Library::default();
    for (id, text) in crate::store::examples::STARTERS {
        if let Ok(mut document) = serde_json::from_str::<Value>(text) {
            crate::offer::migrate(&mut document);
            library.offers.push(SavedOffer { id: id.to_string(), document });
        }
    }
    library.current = library.offers.first().map(|o| o.id.clone());
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
    fn audience(&self) -> Audience {
        Audience::Person
    }
}
