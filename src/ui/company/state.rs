//! The Company view's state: the team document (the one source of truth), what the team reader
//! makes of it, the report, and the effects that save it and follow other tabs (through
//! `ui::kit::synced`, as the calculator's offers are).

use leptos::prelude::*;
use serde_json::Value;

use crate::company::charts::{member_ranges, MemberRange};
use crate::company::draft::edit_project;
use crate::company::plan::{self, team_path};
use crate::company::saved;
use crate::company::EXAMPLE_TEAM;
use crate::engine::EngineError;
use crate::form::draft;
use crate::form::fields::FieldSpec;
use crate::offer::paths::text_at;
use crate::offer::{FieldError, OfferError};
use crate::store::merge::{merge, same_shape, Later, RECENT_TYPING_MS};
use crate::team::{read_team, TeamFile, TeamReport, TeamValuation};
use crate::ui::editors::{joined_id, Audience, OfferDoc};
use crate::ui::kit::field::Document;
use crate::ui::kit::focus::focus_when_drawn;
use crate::ui::kit::storage::{self, TEAM_BACKUP_PREFIX, TEAM_KEY};
use crate::ui::kit::synced::{Incoming, Kept, Opened, Saved, SyncedStore};
use crate::ui::kit::tasks::{after_paint, next_task, Run, Runs};

/// The team, as local storage keeps it.
static TEAM: Kept<Value> = Kept {
    key: TEAM_KEY,
    backup_prefix: TEAM_BACKUP_PREFIX,
    read: |raw| saved::load(raw).into(),
    text: saved::to_json,
};

/// Something the person must see about their saved team.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Storage cannot be used, or a write failed.
    Storage(String),
    /// A newer tokenworth's team is in storage, left alone.
    Newer(u64),
    /// A team was put aside (unreadable, or replaced by an import): kept under `key`, and
    /// downloadable as `raw`. Without a key, `why` says what became of it.
    Kept { key: Option<String>, raw: String, why: String },
    /// What another tab did here: replaced a field typed here, or stored a team this page must
    /// not write over (then it saves nothing more).
    OtherTab(String),
}

/// The team being edited and everything derived from it.
#[derive(Clone, Copy)]
pub struct Company {
    /// The team file's JSON document, valid or not.
    pub team: RwSignal<Value>,
    /// Bumped when the document is replaced or its rows move, so that the tables rebuild.
    pub generation: RwSignal<u32>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The team as local storage and the other tabs hold it.
    store: SyncedStore<Value>,
    /// The field typed in last, and when: another tab's later edit of it is said.
    typed: StoredValue<Option<(String, f64)>>,
    /// The validated team, or every problem at its path: read at once, for the fields' messages.
    pub checked: Memo<Result<TeamFile, Vec<FieldError>>>,
    /// The report as last worked out, or why the engine could not value the team; `None` before
    /// the first. Valued in tasks after the paint ([`Company::value_on_change`]).
    pub report: RwSignal<Option<Result<TeamReport, String>>>,
    /// Whether a newer team than `report`'s is being valued.
    pub updating: RwSignal<bool>,
    /// Each member's range of outcomes, from `report`.
    pub ranges: Memo<Option<Vec<MemberRange>>>,
    /// The valuation under way: a newer team's drops it.
    valuing: Runs,
}

impl Company {
    /// Loads the saved team (or the example), and starts saving and following other tabs.
    pub fn load() -> Company {
        let (team, raw, notices, saving) = load_team();
        let store = SyncedStore::start(&TEAM, raw, &team, saving);
        let team = RwSignal::new(team);
        let checked = Memo::new(move |_| team.with(check));
        let report: RwSignal<Option<Result<TeamReport, String>>> = RwSignal::new(None);
        let ranges = Memo::new(move |_| {
            report.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(member_ranges))
        });
        let company = Company {
            team,
            generation: RwSignal::new(0),
            notices: RwSignal::new(notices),
            store,
            typed: StoredValue::new(None),
            checked,
            report,
            updating: RwSignal::new(true),
            ranges,
            valuing: Runs::new(),
        };
        company.value_on_change();
        company.save_on_change();
        company.follow_other_tabs();
        company
    }

    /// The errors at exactly `path`, tracked.
    pub fn errors_at(&self, path: &str) -> Vec<String> {
        self.checked.with(|c| match c {
            Ok(_) => Vec::new(),
            Err(errors) => crate::company::draft::errors_at(errors, path)
                .into_iter()
                .map(str::to_string)
                .collect(),
        })
    }

    /// Writes one field (typing).
    pub fn set_field(&self, path: &str, value: Value) {
        self.typed.set_value(Some((path.to_string(), js_sys::Date::now())));
        self.team.update(|doc| {
            crate::company::draft::set_field(doc, path, value);
        });
    }

    /// Changes the rows (add, remove, duplicate): the tables rebuild from the document.
    pub fn restructure(&self, change: impl FnOnce(&mut Value)) {
        self.team.update(change);
        self.generation.update(|g| *g += 1);
    }

    /// Opens an imported team, keeping the one it replaces under a backup key. Where no backup
    /// can be written (storage full), the stored team is left as it is and this page stops
    /// saving: the only copy is never replaced.
    pub fn replace(&self, document: Value, why: &str) {
        let previous = self.team.get_untracked();
        if previous != document {
            let raw = serde_json::to_string_pretty(&previous).unwrap_or_default();
            let (key, why) = if !self.store.is_saving() {
                (
                    None,
                    format!("{why} Nothing is saved in this browser here: download it to keep it."),
                )
            } else {
                match self.store.keep_backup(&raw) {
                    Ok(key) => (Some(key), why.to_string()),
                    Err(problem) => {
                        self.store.stop_saving();
                        let full = problem == storage::StorageProblem::Full;
                        let cause =
                            if full { "the browser's storage is full" } else { "storage failed" };
                        (None, format!("{why} It could not be copied aside ({cause}), so it stays the team saved in this browser, and the team now open is not saved: export it to keep it."))
                    }
                }
            };
            self.notices.update(|n| n.push(Notice::Kept { key, raw, why }));
        }
        self.team.set(document);
        self.generation.update(|g| *g += 1);
    }

    /// Values the team whenever it reads anew, after the keystroke's own task is painted, one
    /// step (a member's figures, or a member's levelled grants) a task: the keystroke's task only
    /// reads the team, for its fields' messages. Meanwhile the last report stays on screen,
    /// marked as updating; a newer change drops the stale steps.
    fn value_on_change(self) {
        Effect::new(move |_| {
            let run = self.valuing.start();
            let Some(team) = self.checked.with(|c| c.as_ref().ok().cloned()) else {
                // The report waits for a team that reads: nothing is being valued.
                return self.updating.set(false);
            };
            self.updating.set(true);
            after_paint(move || self.value_in_steps(run, TeamValuation::new(team)));
        });
    }

    fn value_in_steps(self, run: Run, mut valuation: TeamValuation) {
        if !run.is_current() {
            return;
        }
        match valuation.step() {
            Ok(false) => next_task(move || self.value_in_steps(run, valuation)),
            // The report is drawn in a task of its own.
            Ok(true) => next_task(move || {
                if run.is_current() {
                    self.settle(valuation.finish());
                }
            }),
            Err(problem) => self.settle(Err(problem)),
        }
    }

    /// Shows the new report; views of figures that did not change are not drawn again.
    fn settle(self, report: Result<TeamReport, EngineError>) {
        let report = report.map_err(|e| e.to_string());
        if self.report.with_untracked(|r| r.as_ref() != Some(&report)) {
            self.report.set(Some(report));
        }
        self.updating.set(false);
    }

    /// Every change is written at once (the one effect that writes); what storage already holds
    /// (another tab's change, received) is not written back, and a team another tab stored since
    /// this one last looked is merged in first.
    fn save_on_change(self) {
        Effect::new(move |_| {
            self.team.track();
            self.save();
        });
    }

    fn save(self) {
        let saved = self.team.with_untracked(|team| self.store.save(team));
        match saved {
            Saved::Nothing => {}
            // A team another tab stored since this one last looked is merged in, then saved.
            Saved::TheirsFirst(raw) => {
                self.take_stored(Some(raw), Later::Ours);
                self.save();
            }
            Saved::Wrote(result) => self.notices.update(|notices| {
                notices.retain(|n| !matches!(n, Notice::Storage(_)));
                if let Err(problem) = result {
                    notices.push(Notice::Storage(problem.message()));
                }
            }),
        }
    }

    /// Takes in a change saved in another tab.
    fn follow_other_tabs(self) {
        self.store.follow_other_tabs(move |raw| self.take_stored(raw, Later::Theirs));
    }

    /// Merges another tab's stored team into this one, field by field against the last team this
    /// tab saw; a newer or unreadable one stops this page's saving (an unreadable one is copied
    /// to a backup key first), and the team here stays on screen.
    fn take_stored(self, raw: Option<String>, later: Later) {
        let (raw, theirs) = match self.store.incoming(raw) {
            Incoming::Theirs { raw, theirs } => (raw, theirs),
            Incoming::Empty => return,
            Incoming::Newer(version) => {
                return self.say_stopped(format!("Another tab saved the team with a newer tokenworth (version {version}). It is left untouched: this page saves nothing more until you reload it. Export the team to keep the changes made here."));
            }
            Incoming::Unreadable(kept) => {
                let kept = match kept {
                    Ok(key) => format!("It is kept under \"{key}\"."),
                    Err(_) => "It is left untouched.".to_string(),
                };
                return self.say_stopped(format!("Another tab stored a team this tokenworth cannot read. {kept} This page saves nothing more until you reload it. Export the team to keep the changes made here."));
            }
        };
        let before = self.team.get_untracked();
        let (merged, shared_base) = self
            .store
            .with_base(&raw, |base| merge(Some(base), Some(&before), Some(&theirs), later));
        let mut after = merged.value.unwrap_or_else(|| theirs.clone());
        let typed_here =
            self.typed.get_value().filter(|(_, at)| js_sys::Date::now() - at < RECENT_TYPING_MS);
        // Against a guessed base, a stale copy of the field being typed would look like an edit.
        if let (false, Some((path, _))) = (shared_base, &typed_here) {
            self.store.keep_typing(&mut after, &before, path, |team: &Value| Some(team));
        }
        self.store.received(raw, theirs);
        if after == before {
            return;
        }
        // The field both typed in, or the one typed here last that the other tab changed.
        let replaced = if later == Later::Theirs {
            let typed = typed_here
                .map(|(path, _)| path)
                .filter(|path| text_at(&before, path) != text_at(&after, path));
            merged.conflicts.into_iter().chain(typed).next()
        } else {
            None
        };
        let redraw = !same_shape(&before, &after)
            || crate::ui::state::focused_field()
                .is_some_and(|p| text_at(&before, &p) != text_at(&after, &p));
        self.team.set(after);
        if redraw {
            self.generation.update(|g| *g += 1);
        }
        if let Some(path) = replaced {
            self.notices.update(|n| {
                n.retain(|n| !matches!(n, Notice::OtherTab(_)));
                n.push(Notice::OtherTab(format!(
                    "Your change to \u{201c}{path}\u{201d} was replaced by the one typed later in another tab."
                )));
            });
        }
    }

    /// Says that this page saves nothing more, and why.
    fn say_stopped(self, why: String) {
        self.notices.update(|n| n.push(Notice::OtherTab(why)));
    }
}

/// The team reader's verdict on a document.
fn check(doc: &Value) -> Result<TeamFile, Vec<FieldError>> {
    read_team(doc).map_err(|e| match e {
        OfferError::Invalid(errors) => errors,
        other => vec![FieldError { path: String::new(), message: other.to_string() }],
    })
}

/// The example team's document.
#[must_use]
pub fn example_team() -> Value {
    serde_json::from_str(EXAMPLE_TEAM).unwrap_or(Value::Null)
}

/// The stored team, the text it was read from, the notices it calls for, and whether to write
/// changes back.
fn load_team() -> (Value, Option<String>, Vec<Notice>, bool) {
    let (raw, opened) = SyncedStore::open(&TEAM);
    let (team, notices, saving) = match opened {
        Opened::Unavailable(problem) => {
            (example_team(), vec![Notice::Storage(problem.message())], false)
        }
        Opened::Document(team) => (team, Vec::new(), true),
        Opened::Empty => (example_team(), Vec::new(), true),
        Opened::Unreadable { raw, why, kept } => {
            let why = format!("The team saved here could not be read ({why}).");
            match kept {
                Ok(key) => (example_team(), vec![Notice::Kept { key: Some(key), raw, why }], true),
                // Without a safe copy, never overwrite what is there.
                Err(problem) => (
                    example_team(),
                    vec![
                        Notice::Kept {
                            key: None,
                            raw,
                            why: format!("{why} It could not be copied aside, so it is left untouched and nothing is saved here."),
                        },
                        Notice::Storage(problem.message()),
                    ],
                    false,
                ),
            }
        }
        Opened::Newer(version) => (example_team(), vec![Notice::Newer(version)], false),
    };
    (team, raw, notices, saving)
}

/// The team file's own fields (the company, its projects' and members' rows), as the kit's fields
/// edit them.
impl Document for Company {
    fn text_at(&self, path: &str) -> String {
        self.team.with(|doc| text_at(doc, path))
    }
    fn text_at_untracked(&self, path: &str) -> String {
        self.team.with_untracked(|doc| text_at(doc, path))
    }
    fn errors_at(&self, path: &str) -> Vec<String> {
        Company::errors_at(self, path)
    }
    fn set_field(&self, path: &str, value: Value) {
        Company::set_field(self, path, value);
    }
    fn set_choice(&self, path: &str, value: &str) {
        Company::set_field(self, path, Value::String(value.to_string()));
    }
    fn audience(&self) -> Audience {
        Audience::Company
    }
}

/// Project `i`'s plan: an offer at `projects[i].` of the team file, edited by the calculator's own
/// fields and table operations.
#[derive(Clone, Copy)]
pub struct Project {
    pub co: Company,
    pub i: usize,
}

impl Document for Project {
    fn path(&self, at: &str) -> String {
        team_path(self.i, at)
    }
    fn text_at(&self, path: &str) -> String {
        self.co.text_at(path)
    }
    fn text_at_untracked(&self, path: &str) -> String {
        self.co.text_at_untracked(path)
    }
    fn errors_at(&self, path: &str) -> Vec<String> {
        self.co.errors_at(path)
    }
    fn set_field(&self, path: &str, value: Value) {
        self.co.set_field(path, value);
    }
    /// Some choices bring other fields with them (tender prices per scenario): the plan is drawn
    /// again, and the choice keeps the focus.
    fn set_choice(&self, path: &str, value: &str) {
        let Some(at) = path.strip_prefix(&team_path(self.i, "")) else { return };
        let mut redraw = false;
        self.co.team.update(|d| {
            edit_project(d, self.i, |p| redraw = draft::set_choice(p, at, value));
        });
        if redraw {
            self.co.restructure(|_| ());
            focus_when_drawn(format!("[data-testid=\"field-{path}\"]"));
        }
    }
    fn audience(&self) -> Audience {
        Audience::Company
    }
}

/// The plan editors draw the calculator's section editors over the project.
impl OfferDoc for Project {
    fn with_offer<T>(&self, read: impl FnOnce(&Value) -> T) -> T {
        self.co.team.with(|d| read(plan::project(d, self.i).unwrap_or(&Value::Null)))
    }
    fn with_offer_untracked<T>(&self, read: impl FnOnce(&Value) -> T) -> T {
        self.co.team.with_untracked(|d| read(plan::project(d, self.i).unwrap_or(&Value::Null)))
    }
    fn restructure(&self, keep: String, change: impl FnOnce(&mut Value)) {
        self.co.restructure(|d| {
            edit_project(d, self.i, change);
        });
        focus_when_drawn(format!("[data-testid=\"{keep}\"]"));
    }
    fn edit(&self, change: impl FnOnce(&mut Value)) {
        self.co.team.update(|d| {
            edit_project(d, self.i, change);
        });
    }
    fn errors_shown_at(&self, at: &str) -> Vec<String> {
        self.co.checked.with(|c| match c {
            Ok(_) => Vec::new(),
            Err(errors) => self.co.team.with(|d| plan::errors_shown_at(d, errors, self.i, at)),
        })
    }
    fn test_id(&self, name: &str, rows: &[usize]) -> String {
        joined_id(name, std::iter::once(self.i).chain(rows.iter().copied()))
    }
    fn edits(&self, spec: &FieldSpec) -> bool {
        plan::is_plan_field(spec.path)
    }
}
