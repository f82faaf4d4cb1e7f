//! A document kept in local storage and in step with the other tabs, for both pages (the
//! calculator's offers, the Company view's team): read on load, written on every change with a note
//! of the version it was merged against, another tab's write handed to the page to merge, and no
//! more writing over a newer version's document or an unreadable one (which is first kept under a
//! backup key). The envelope's rules and the merge are pure (`store`, `company::saved`); the page
//! says what each outcome means to the person.

use leptos::prelude::*;

use serde_json::Value;

use super::storage::{self, StorageProblem};
use crate::offer::paths;
use crate::store::envelope::Found;
use crate::store::merge::{ancestors, base_note, keep_typing, Seen};

/// Where a document is kept, and its envelope.
pub struct Kept<T> {
    pub key: &'static str,
    /// Unreadable documents are kept under this plus a timestamp, never overwritten.
    pub backup_prefix: &'static str,
    /// Reads the envelope's text (nothing: `None`).
    pub read: fn(Option<&str>) -> Found<T>,
    /// The envelope's text for a document.
    pub text: fn(&T) -> String,
}

/// What storage held when the page opened.
pub enum Opened<T> {
    /// Storage cannot be used.
    Unavailable(StorageProblem),
    Empty,
    Document(T),
    /// Stored text this build cannot read, copied aside under a backup key (or why it could not
    /// be: then it must not be written over).
    Unreadable {
        raw: String,
        why: String,
        kept: Result<String, StorageProblem>,
    },
    /// A newer tokenworth's document: leave it alone.
    Newer(u64),
}

/// What another tab stored, as this tab takes it in.
pub enum Incoming<T> {
    /// A document to merge with this tab's, and the text it was stored as.
    Theirs { raw: String, theirs: T },
    /// Nothing stored any more.
    Empty,
    /// A newer tokenworth's document: this tab has stopped saving.
    Newer(u64),
    /// A document this tab cannot read, kept under the backup key (or why not): this tab has
    /// stopped saving.
    Unreadable(Result<String, StorageProblem>),
}

/// What [`SyncedStore::save`] did.
pub enum Saved {
    /// Nothing to write: saving is off, or storage already holds the document.
    Nothing,
    /// Another tab wrote since this one last looked: merge its document (`Later::Ours`) first.
    TheirsFirst(String),
    Wrote(Result<(), StorageProblem>),
}

/// The stored document as this tab last read or wrote it: the text (to tell another tab's write
/// from nothing new) and the document; and the versions it wrote or merged lately, where the base
/// of a merge with another tab's write is found ([`crate::store::merge`]).
struct Synced<T> {
    raw: Option<String>,
    last: T,
    seen: Seen<T>,
}

/// One document kept in step with local storage and the other tabs.
pub struct SyncedStore<T: Send + Sync + 'static> {
    kept: &'static Kept<T>,
    /// Whether changes are written (off once writing would overwrite what must be kept).
    saving: RwSignal<bool>,
    synced: StoredValue<Synced<T>>,
}

impl<T: Send + Sync + 'static> Clone for SyncedStore<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for SyncedStore<T> {}

impl<T: Clone + Send + Sync + 'static> SyncedStore<T> {
    /// The text stored under `kept`'s key and what it holds (an unreadable document is copied
    /// aside first).
    pub fn open(kept: &'static Kept<T>) -> (Option<String>, Opened<T>) {
        let raw = match storage::read(kept.key) {
            Ok(raw) => raw,
            Err(problem) => return (None, Opened::Unavailable(problem)),
        };
        let opened = match (kept.read)(raw.as_deref()) {
            Found::Empty => Opened::Empty,
            Found::Document(document) => Opened::Document(document),
            Found::Unreadable { raw, why } => {
                let kept = storage::keep_backup(kept.backup_prefix, &raw);
                Opened::Unreadable { raw, why, kept }
            }
            Found::Newer { version } => Opened::Newer(version),
        };
        (raw, opened)
    }

    /// Keeps `document`, opened from `raw` (the version another tab may name as the base of its
    /// next write), in step from now on; `saving` says whether changes are written.
    pub fn start(
        kept: &'static Kept<T>,
        raw: Option<String>,
        document: &T,
        saving: bool,
    ) -> SyncedStore<T> {
        let mut seen = Seen::default();
        if let Some(text) = &raw {
            seen.push(js_sys::Date::now(), text, document.clone());
        }
        let synced = StoredValue::new(Synced { raw, last: document.clone(), seen });
        SyncedStore { kept, saving: RwSignal::new(saving), synced }
    }

    /// Copies `raw` aside under a new backup key; returns the key.
    pub fn keep_backup(self, raw: &str) -> Result<String, StorageProblem> {
        storage::keep_backup(self.kept.backup_prefix, raw)
    }

    /// Whether changes are written.
    pub fn is_saving(self) -> bool {
        self.saving.get_untracked()
    }

    /// Writes nothing more (until the page is loaded again).
    pub fn stop_saving(self) {
        self.saving.set(false);
    }

    /// Writes `document`, unless storage holds it already or another tab wrote since this one
    /// last looked (then that is merged first, not overwritten).
    pub fn save(self, document: &T) -> Saved {
        if !self.is_saving() {
            return Saved::Nothing;
        }
        let text = (self.kept.text)(document);
        if self.synced.with_value(|synced| synced.raw.as_deref() == Some(text.as_str())) {
            return Saved::Nothing;
        }
        if let Ok(Some(raw)) = storage::read(self.kept.key) {
            if self.synced.with_value(|synced| synced.raw.as_ref() != Some(&raw)) {
                return Saved::TheirsFirst(raw);
            }
        }
        let previous = storage::note_of(self.kept.key);
        let note = self.synced.with_value(|synced| {
            base_note(previous.as_deref(), &text, synced.raw.as_deref().unwrap_or(""))
        });
        let result = storage::write_noted(self.kept.key, &text, &note);
        if result.is_ok() {
            let now = js_sys::Date::now();
            self.synced.update_value(|synced| {
                synced.seen.push(now, &text, document.clone());
                synced.raw = Some(text);
                synced.last = document.clone();
            });
        }
        Saved::Wrote(result)
    }

    /// Hands `take` what storage holds under the key each time another tab writes it, unless it
    /// is what this tab last read or wrote.
    pub fn follow_other_tabs(self, take: impl Fn(Option<String>) + 'static) {
        let handle =
            window_event_listener(leptos::ev::storage, move |event: web_sys::StorageEvent| {
                if event.key().as_deref() != Some(self.kept.key) || !self.is_saving() {
                    return;
                }
                // Storage as it is now: an event may arrive after later writes.
                let Ok(raw) = storage::read(self.kept.key) else { return };
                if self.synced.with_value(|synced| synced.raw != raw) {
                    take(raw);
                }
            });
        on_cleanup(move || handle.remove());
    }

    /// Reads what another tab stored. A newer version's or an unreadable document stops this
    /// tab's saving (an unreadable one is first copied to a backup key).
    pub fn incoming(self, raw: Option<String>) -> Incoming<T> {
        match (self.kept.read)(raw.as_deref()) {
            Found::Document(theirs) => Incoming::Theirs { raw: raw.unwrap_or_default(), theirs },
            Found::Empty => Incoming::Empty,
            Found::Newer { version } => {
                self.stop_saving();
                Incoming::Newer(version)
            }
            Found::Unreadable { raw, .. } => {
                let kept = self.keep_backup(&raw);
                self.stop_saving();
                Incoming::Unreadable(kept)
            }
        }
    }

    /// Reads the base to merge another tab's `raw` against: the newest version it descends from
    /// (as the notes say) that this tab wrote or merged too; else, when the notes have moved on
    /// or another tab's write left its note beside this one, the last version this tab read or
    /// wrote. With what `read` gives, whether the base is shared (`false`: a guess).
    pub fn with_base<R>(self, raw: &str, read: impl FnOnce(&T) -> R) -> (R, bool) {
        let ancestors =
            storage::note_of(self.kept.key).map_or_else(Vec::new, |note| ancestors(&note, raw));
        self.synced.with_value(|synced| match synced.seen.newest_of(&ancestors) {
            Some(shared) => (read(shared), true),
            None => (read(&synced.last), false),
        })
    }

    /// After a merge against a guessed base: sets the field at `path` of `merged`, which this
    /// tab is typing in, back to `ours` where the merge took a text it had here lately
    /// ([`keep_typing`]). `document` finds the field's document in a version of `T`. Call it
    /// before [`SyncedStore::received`], so that the other tab's copy is not counted as this tab's.
    pub fn keep_typing(
        self,
        merged: &mut Value,
        ours: &Value,
        path: &str,
        document: impl Fn(&T) -> Option<&Value>,
    ) {
        keep_typing(merged, ours, path, |value| {
            self.synced.with_value(|synced| {
                synced
                    .seen
                    .any(|version| document(version).and_then(|d| paths::get(d, path)) == value)
            })
        });
    }

    /// Notes another tab's document, stored as `raw`, as the one storage holds now.
    pub fn received(self, raw: String, theirs: T) {
        let now = js_sys::Date::now();
        self.synced.update_value(|synced| {
            synced.seen.push(now, &raw, theirs.clone());
            synced.raw = Some(raw);
            synced.last = theirs;
        });
    }

    /// Notes that storage holds nothing now (emptied in another tab): the next save writes again.
    pub fn emptied(self) {
        self.synced.update_value(|synced| synced.raw = None);
    }
}
