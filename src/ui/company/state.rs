//! The Company view's state: the team document (the one source of truth), what the team reader
//! makes of it, the report, and the effects that save it and follow other tabs.

use leptos::prelude::*;
use serde_json::Value;

use crate::company::charts::{member_ranges, MemberRange};
use crate::company::draft::edit_project;
use crate::company::plan::{self, team_path};
use crate::company::saved::{self, LoadedTeam};
use crate::company::EXAMPLE_TEAM;
use crate::form::draft;
use crate::form::fields::FieldSpec;
use crate::offer::paths::text_at;
use crate::offer::{FieldError, OfferError};
use crate::store::merge::{base_note, base_of, merge, same_shape, Later, Seen, RECENT_TYPING_MS};
use crate::team::{read_team, value_team, TeamFile, TeamReport};
use crate::ui::editors::{joined_id, Audience, OfferDoc};
use crate::ui::kit::field::Document;
use crate::ui::kit::focus::focus_when_drawn;
use crate::ui::kit::storage;

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
    /// False when writing would overwrite what must be kept (a newer version's team).
    persist: StoredValue<bool>,
    /// The stored envelope's text and its team as this tab last read or wrote them: the base of
    /// a merge with another tab's team.
    synced: StoredValue<(Option<String>, Value)>,
    /// The teams this tab saw lately, where the base another tab's note names is found
    /// ([`crate::store::merge`]).
    seen: StoredValue<Seen<Value>>,
    /// The field typed in last, and when: another tab's later edit of it is said.
    typed: StoredValue<Option<(String, f64)>>,
    /// The validated team, or every problem at its path.
    pub checked: Memo<Result<TeamFile, Vec<FieldError>>>,
    /// The report, or why the engine could not value the team.
    pub report: Memo<Option<Result<TeamReport, String>>>,
    /// Each member's range of outcomes.
    pub ranges: Memo<Option<Vec<MemberRange>>>,
}

impl Company {
    /// Loads the saved team (or the example), and starts saving and following other tabs.
    pub fn load() -> Company {
        let (team, raw, notices, persist) = load_team();
        // The version read is one another tab may name as the base of its next write.
        let mut seen = Seen::default();
        if let Some(text) = &raw {
            seen.push(js_sys::Date::now(), text, team.clone());
        }
        let synced = StoredValue::new((raw, team.clone()));
        let team = RwSignal::new(team);
        let checked = Memo::new(move |_| team.with(check));
        let report = Memo::new(move |_| {
            checked.with(|c| c.as_ref().ok().map(|t| value_team(t).map_err(|e| e.to_string())))
        });
        let ranges = Memo::new(move |_| {
            report.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(member_ranges))
        });
        let company = Company {
            team,
            generation: RwSignal::new(0),
            notices: RwSignal::new(notices),
            persist: StoredValue::new(persist),
            synced,
            seen: StoredValue::new(seen),
            typed: StoredValue::new(None),
            checked,
            report,
            ranges,
        };
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
            let (key, why) = if !self.persist.get_value() {
                (
                    None,
                    format!("{why} Nothing is saved in this browser here: download it to keep it."),
                )
            } else {
                match storage::keep_team_backup(&raw) {
                    Ok(key) => (Some(key), why.to_string()),
                    Err(problem) => {
                        self.persist.set_value(false);
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
        if !self.persist.get_value() {
            return;
        }
        let mut text = self.team.with_untracked(saved::to_json);
        if self.synced.with_value(|(raw, _)| raw.as_deref() == Some(text.as_str())) {
            return;
        }
        if let Ok(Some(raw)) = storage::read_team() {
            if self.synced.with_value(|(seen, _)| seen.as_ref() != Some(&raw)) {
                self.take_stored(raw, Later::Ours);
                if !self.persist.get_value() {
                    return;
                }
                text = self.team.with_untracked(saved::to_json);
            }
        }
        let previous = storage::team_note();
        let note = self.synced.with_value(|(raw, _)| {
            base_note(previous.as_deref(), &text, raw.as_deref().unwrap_or(""))
        });
        let result = storage::write_team(&text, &note);
        if result.is_ok() {
            let team = self.team.get_untracked();
            let now = js_sys::Date::now();
            self.seen.update_value(|seen| seen.push(now, &text, team.clone()));
            self.synced.set_value((Some(text), team));
        }
        self.notices.update(|notices| {
            notices.retain(|n| !matches!(n, Notice::Storage(_)));
            if let Err(problem) = result {
                notices.push(Notice::Storage(problem.message()));
            }
        });
    }

    /// Takes in a change saved in another tab (storage as it is now: events can arrive late).
    fn follow_other_tabs(self) {
        let handle =
            window_event_listener(leptos::ev::storage, move |event: web_sys::StorageEvent| {
                if event.key().as_deref() != Some(storage::TEAM_KEY) || !self.persist.get_value() {
                    return;
                }
                // Every version written is one a later write may name as its base.
                if let Some(text) = event.new_value() {
                    if let LoadedTeam::Team(team) = saved::load(Some(&text)) {
                        let now = js_sys::Date::now();
                        self.seen.update_value(|seen| seen.push(now, &text, team));
                    }
                }
                // Storage as it is now: an event may arrive after later writes.
                if let Ok(Some(raw)) = storage::read_team() {
                    if self.synced.with_value(|(seen, _)| seen.as_ref() != Some(&raw)) {
                        self.take_stored(raw, Later::Theirs);
                    }
                }
            });
        on_cleanup(move || handle.remove());
    }

    /// Merges another tab's stored team into this one, field by field against the last team this
    /// tab saw; a newer or unreadable one stops this page's saving (an unreadable one is copied
    /// to a backup key first), and the team here stays on screen.
    fn take_stored(self, raw: String, later: Later) {
        let theirs = match saved::load(Some(&raw)) {
            LoadedTeam::Team(theirs) => theirs,
            LoadedTeam::Empty => return,
            LoadedTeam::Newer { version } => {
                return self.stop_saving(format!("Another tab saved the team with a newer tokenworth (version {version}). It is left untouched: this page saves nothing more until you reload it. Export the team to keep the changes made here."));
            }
            LoadedTeam::Unreadable { raw, .. } => {
                let kept = match storage::keep_team_backup(&raw) {
                    Ok(key) => format!("It is kept under \"{key}\"."),
                    Err(_) => "It is left untouched.".to_string(),
                };
                return self.stop_saving(format!("Another tab stored a team this tokenworth cannot read. {kept} This page saves nothing more until you reload it. Export the team to keep the changes made here."));
            }
        };
        let before = self.team.get_untracked();
        // Against the version the writer merged with, if this tab saw it; else the last one it saw.
        let named = storage::team_note().and_then(|note| base_of(&note, &raw));
        let base = self.synced.with_value(|(_, last)| {
            named
                .and_then(|f| self.seen.with_value(|seen| seen.find(f).cloned()))
                .unwrap_or_else(|| last.clone())
        });
        let merged = merge(Some(&base), Some(&before), Some(&theirs), later);
        self.seen.update_value(|seen| seen.push(js_sys::Date::now(), &raw, theirs.clone()));
        self.synced.set_value((Some(raw), theirs.clone()));
        let after = merged.value.unwrap_or(theirs);
        if after == before {
            return;
        }
        let typed_here =
            self.typed.get_value().filter(|(_, at)| js_sys::Date::now() - at < RECENT_TYPING_MS);
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

    fn stop_saving(self, why: String) {
        self.persist.set_value(false);
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
    let raw = match storage::read_team() {
        Ok(raw) => raw,
        Err(problem) => {
            return (example_team(), None, vec![Notice::Storage(problem.message())], false)
        }
    };
    let (team, notices, persist) = match saved::load(raw.as_deref()) {
        LoadedTeam::Team(team) => (team, Vec::new(), true),
        LoadedTeam::Empty => (example_team(), Vec::new(), true),
        LoadedTeam::Unreadable { raw, why } => {
            let why = format!("The team saved here could not be read ({why}).");
            match storage::keep_team_backup(&raw) {
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
        LoadedTeam::Newer { version } => (example_team(), vec![Notice::Newer(version)], false),
    };
    (team, raw, notices, persist)
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
