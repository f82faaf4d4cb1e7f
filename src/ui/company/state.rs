//! The Company view's state: the team document (the one source of truth), what the team reader
//! makes of it, the report, and the effects that save it and follow other tabs.

use leptos::prelude::*;
use serde_json::Value;

use crate::company::charts::{member_ranges, MemberRange};
use crate::company::saved::{self, LoadedTeam};
use crate::company::EXAMPLE_TEAM;
use crate::offer::{FieldError, OfferError};
use crate::team::{read_team, value_team, TeamFile, TeamReport};
use crate::ui::storage;

/// Something the person must see about their saved team.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Storage cannot be used, or a write failed.
    Storage(String),
    /// A newer tokenworth's team is in storage, left alone.
    Newer(u64),
    /// A team was put aside (unreadable, or replaced by an import): kept under `key`, and
    /// downloadable as `raw`.
    Kept { key: Option<String>, raw: String, why: String },
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
        let (team, notices, persist) = load_team();
        let team = RwSignal::new(team);
        let checked = Memo::new(move |_| team.with(check));
        let report = Memo::new(move |_| {
            checked.with(|c| c.as_ref().ok().map(|t| value_team(t).map_err(|e| e.to_string())))
        });
        let ranges = Memo::new(move |_| {
            checked.with(|c| c.as_ref().ok().and_then(|t| member_ranges(t).ok()))
        });
        let company = Company {
            team,
            generation: RwSignal::new(0),
            notices: RwSignal::new(notices),
            persist: StoredValue::new(persist),
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
        self.team.update(|doc| {
            crate::company::draft::set_field(doc, path, value);
        });
    }

    /// Changes the rows (add, remove, duplicate): the tables rebuild from the document.
    pub fn restructure(&self, change: impl FnOnce(&mut Value)) {
        self.team.update(change);
        self.generation.update(|g| *g += 1);
    }

    /// Opens an imported team, keeping the one it replaces under a backup key.
    pub fn replace(&self, document: Value, why: &str) {
        let previous = self.team.get_untracked();
        if previous != document {
            let raw = serde_json::to_string_pretty(&previous).unwrap_or_default();
            let key =
                if self.persist.get_value() { storage::keep_team_backup(&raw).ok() } else { None };
            self.notices.update(|n| n.push(Notice::Kept { key, raw, why: why.to_string() }));
        }
        self.team.set(document);
        self.generation.update(|g| *g += 1);
    }

    /// Every change is written at once (the one effect that writes).
    fn save_on_change(self) {
        Effect::new(move |_| {
            let text = self.team.with(saved::to_json);
            if !self.persist.get_value() {
                return;
            }
            let result = storage::write_team(&text);
            self.notices.update(|notices| {
                notices.retain(|n| !matches!(n, Notice::Storage(_)));
                if let Err(problem) = result {
                    notices.push(Notice::Storage(problem.message()));
                }
            });
        });
    }

    /// Shows a change saved in another tab instead of writing over it.
    fn follow_other_tabs(self) {
        let handle =
            window_event_listener(leptos::ev::storage, move |event: web_sys::StorageEvent| {
                if event.key().as_deref() != Some(storage::TEAM_KEY) {
                    return;
                }
                if let LoadedTeam::Team(team) = saved::load(event.new_value().as_deref()) {
                    if self.team.get_untracked() != team {
                        self.team.set(team);
                        self.generation.update(|g| *g += 1);
                    }
                }
            });
        on_cleanup(move || handle.remove());
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

/// The stored team, the notices it calls for, and whether to write changes back.
fn load_team() -> (Value, Vec<Notice>, bool) {
    let raw = match storage::read_team() {
        Ok(raw) => raw,
        Err(problem) => return (example_team(), vec![Notice::Storage(problem.message())], false),
    };
    match saved::load(raw.as_deref()) {
        LoadedTeam::Team(team) => (team, Vec::new(), true),
        LoadedTeam::Empty => (example_team(), Vec::new(), true),
        LoadedTeam::Unreadable { raw, why } => {
            let why = format!("The team saved here could not be read ({why}).");
            match storage::keep_team_backup(&raw) {
                Ok(key) => (example_team(), vec![Notice::Kept { key: Some(key), raw, why }], true),
                // Without a safe copy, never overwrite what is there.
                Err(problem) => (
                    example_team(),
                    vec![Notice::Kept { key: None, raw, why }, Notice::Storage(problem.message())],
                    false,
                ),
            }
        }
        LoadedTeam::Newer { version } => (example_team(), vec![Notice::Newer(version)], false),
    }
}
