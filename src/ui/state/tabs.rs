//! Local storage and the other tabs (through `ui::kit::synced`): the library saved on every change, another tab's write merged
//! in field by field (in the `work` chunk), and which offer this tab shows, kept for its reload.

use leptos::prelude::*;

use crate::offer::paths;
use crate::store::library::Library;
use crate::store::merge::{same_shape, Later, RECENT_TYPING_MS};
use crate::ui::kit::chunk::{in_chunk, when_ready};
use crate::ui::kit::storage::{self, BACKUP_PREFIX, LIBRARY_KEY};
use crate::ui::kit::synced::{Incoming, Kept, Saved};

/// The offers library, as local storage keeps it.
pub(super) static OFFERS: Kept<Library> = Kept {
    key: LIBRARY_KEY,
    backup_prefix: BACKUP_PREFIX,
    read: |raw| Library::load(raw).into(),
    text: Library::stored_text,
};

use super::{focused_field, Notice, Workspace};
use crate::ui::kit::tasks::after_paint;

impl Workspace {
    /// Writes every change to storage at once (the one effect that writes). What storage already
    /// holds (another tab's change, received) is not written back; a change another tab stored
    /// since this one last looked is merged in first.
    pub(super) fn save_on_change(self) {
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

    pub(super) fn save(self) {
        let saved = self.library.with_untracked(|library| self.store.save(library));
        match saved {
            Saved::Nothing => {}
            // A write from another tab whose event has not arrived yet is merged, not
            // overwritten (then saved again from the merge).
            Saved::TheirsFirst(raw) => self.take_stored(Some(raw), Later::Ours),
            Saved::Wrote(result) => self.notices.update(|notices| {
                notices.retain(|n| !matches!(n, Notice::Storage(_)));
                if let Err(problem) = result {
                    notices.push(Notice::Storage(problem.message()));
                }
            }),
        }
    }

    /// Takes in what another tab stored.
    pub(super) fn follow_other_tabs(self) {
        self.store.follow_other_tabs(move |raw| self.take_stored(raw, Later::Theirs));
    }

    /// Takes in what another tab stored (from its event, or found before a write), then saves
    /// whatever this tab has that it lacks. The merge is in the `work` chunk: the first load
    /// does not need it.
    pub(super) fn take_stored(self, raw: Option<String>, later: Later) {
        when_ready(merge_stored(self, raw, later), move |merged| match merged {
            Ok(()) => self.save(),
            Err(_) => self.stop_saving(MERGE_CHUNK_FAILED.to_string()),
        });
    }

    /// Says what another tab's change did here, in place of the last such notice.
    pub(super) fn say_from_other_tab(self, what: String) {
        self.notices.update(|n| {
            n.retain(|n| !matches!(n, Notice::Replaced(_)));
            n.push(Notice::Replaced(what));
        });
    }

    pub(super) fn stop_saving(self, why: String) {
        self.store.stop_saving();
        self.say_stopped(why);
    }

    /// Says that this tab saves nothing more, and why.
    fn say_stopped(self, why: String) {
        self.notices.update(|n| n.push(Notice::StoppedSaving(why)));
    }

    /// Remembers, for a reload of this tab, which offer it shows.
    pub(super) fn remember_tab_current(self) {
        let current =
            Memo::new(move |_| self.library.with(|lib| lib.current().map(|o| o.id.clone())));
        Effect::new(move |_| {
            if let Some(id) = current.get() {
                storage::set_tab_current(&id);
            }
        });
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
    let (raw, theirs) = match ws.store.incoming(raw) {
        Incoming::Theirs { raw, theirs } => (raw, theirs),
        // Emptied elsewhere: nothing to merge; this tab's offers are written again.
        Incoming::Empty => return ws.store.emptied(),
        Incoming::Newer(version) => {
            return ws.say_stopped(format!(
                "Another tab saved your offers with a newer tokenworth (library version {version}). They are left untouched: this tab saves nothing more until you reload it. Export the offers you changed here to keep them."
            ));
        }
        Incoming::Unreadable(kept) => {
            let kept = match kept {
                Ok(key) => format!("They are kept under \u{201c}{key}\u{201d}."),
                Err(_) => "They are left untouched.".to_string(),
            };
            return ws.say_stopped(format!(
                "Another tab stored offers this tokenworth cannot read. {kept} This tab saves nothing more until you reload it. Export the offers you changed here to keep them."
            ));
        }
    };
    let before = ws.library.get_untracked();
    let ((mut merged, conflicts), shared_base) =
        ws.store.with_base(&raw, |base| before.merged(base, &theirs, later));
    let shown = before.current().map(|o| (o.id.clone(), o.document.clone()));
    let showing_saved = ws.shared.with_untracked(Option::is_none);
    let typed_here =
        ws.typed.get_value().filter(|(_, at)| js_sys::Date::now() - at < RECENT_TYPING_MS);
    // Against a guessed base, a stale copy of the field being typed would look like an edit.
    if let (false, true, Some((id, ours)), Some((path, _))) =
        (shared_base, showing_saved, &shown, &typed_here)
    {
        if let Some(offer) = merged.offers.iter_mut().find(|o| &o.id == id) {
            ws.store.keep_typing(&mut offer.document, ours, path, |lib| lib.document(id));
        }
    }
    ws.store.received(raw, theirs);
    if merged == before {
        return;
    }
    if let (Some((id, document)), true) = (&shown, showing_saved) {
        if !merged.offers.iter().any(|o| &o.id == id) {
            // Deleted in another tab: it stays on screen, in memory, and this tab says so.
            let name = paths::text_at(document, "name");
            ws.shared.set(Some(document.clone()));
            ws.orphan.set(true);
            merged.open_first();
            ws.library.set(merged);
            return ws.say_from_other_tab(format!(
                "\u{201c}{name}\u{201d} was deleted in another tab. It stays on screen here, unsaved: \u{201c}Save a copy\u{201d} keeps it."
            ));
        }
    }
    let after = merged.current().map(|o| o.document.clone());
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
