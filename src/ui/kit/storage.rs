//! The only module that talks to local storage.
//!
//! Storage can be missing or hostile: private browsing, a sandboxed iframe (reading
//! `window.localStorage` throws `SecurityError`), blocked site data, a full quota. Every path here
//! returns an error instead of panicking: storage is reached through web-sys's `Result`s only.
//! (Not gloo-storage: its `LocalStorage::raw` throws where storage is blocked, and its typed
//! `get`/`set` would hide the raw text that the envelope, the backups and the merge notes need.)

use wasm_bindgen::JsValue;

/// Where the saved offers live.
pub const LIBRARY_KEY: &str = "tokenworth.library";
/// Unreadable data is kept under this prefix plus a timestamp, never overwritten.
pub const BACKUP_PREFIX: &str = "tokenworth.backup.";

/// Why storage could not be used, in words for the notice the person sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser does not let this page use storage at all.
    Unavailable(String),
    /// Storage is full.
    Full,
    /// Another failure while writing.
    WriteFailed(String),
}

impl StorageProblem {
    /// One sentence for the notice.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            StorageProblem::Unavailable(why) => format!(
                "This browser does not let tokenworth save here ({why}). Everything works, but changes are lost when you close the page: export your offers to keep them."
            ),
            StorageProblem::Full => "The browser's storage is full, so the latest changes are not saved. Export your offers to keep them.".to_string(),
            StorageProblem::WriteFailed(why) => format!("Saving failed ({why}). Export your offers to keep them."),
        }
    }
}

/// Local storage, if the browser lets this page reach it.
pub fn local_storage() -> Result<web_sys::Storage, StorageProblem> {
    let window =
        web_sys::window().ok_or_else(|| StorageProblem::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageProblem::Unavailable("no local storage".into())),
        Err(e) => Err(StorageProblem::Unavailable(error_name(&e))),
    }
}

/// The raw text stored under `key`, if any.
pub fn read(key: &str) -> Result<Option<String>, StorageProblem> {
    local_storage()?.get_item(key).map_err(|e| StorageProblem::Unavailable(error_name(&e)))
}

/// Writes `note` under `key`'s note key (best effort: without it a reader merges against the last
/// version it saw), then `text` under `key`: a document's envelope and its base note
/// ([`crate::store::merge::base_note`]), for the tabs that read it.
pub fn write_noted(key: &str, text: &str, note: &str) -> Result<(), StorageProblem> {
    let storage = local_storage()?;
    let _ = storage.set_item(&format!("{key}{NOTE_SUFFIX}"), note);
    storage.set_item(key, text).map_err(|e| write_problem(&e))
}

/// The note beside the document stored under `key`, if any.
#[must_use]
pub fn note_of(key: &str) -> Option<String> {
    local_storage().ok()?.get_item(&format!("{key}{NOTE_SUFFIX}")).ok()?
}

/// A stored document's note is kept under its key plus this.
const NOTE_SUFFIX: &str = ".base";

/// Where a tab keeps the id of the offer it shows: session storage is the tab's own, and
/// survives a reload.
const TAB_CURRENT_KEY: &str = "tokenworth.current";

/// The offer this tab showed before a reload, if any.
#[must_use]
pub fn tab_current() -> Option<String> {
    let window = web_sys::window()?;
    window.session_storage().ok()??.get_item(TAB_CURRENT_KEY).ok()?
}

/// Remembers the offer this tab shows (best effort: without it a reload opens the first offer).
pub fn set_tab_current(id: &str) {
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(session) = session {
        let _ = session.set_item(TAB_CURRENT_KEY, id);
    }
}

/// Keeps `raw` under a new key, `prefix` plus a timestamp; returns the key.
pub fn keep_backup(prefix: &str, raw: &str) -> Result<String, StorageProblem> {
    let storage = local_storage()?;
    let key = format!("{prefix}{}", js_sys::Date::now() as u64);
    storage.set_item(&key, raw).map_err(|e| write_problem(&e))?;
    Ok(key)
}

/// Every backup kept so far: `(key, text)`, oldest first.
#[must_use]
pub fn backups() -> Vec<(String, String)> {
    let Ok(storage) = local_storage() else { return Vec::new() };
    let count = storage.length().unwrap_or(0);
    let mut found: Vec<(String, String)> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(BACKUP_PREFIX))
        .filter_map(|key| storage.get_item(&key).ok().flatten().map(|raw| (key, raw)))
        .collect();
    found.sort();
    found
}

/// A DOM exception's name (`SecurityError`, `QuotaExceededError`), or its text.
fn error_name(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Where the page keeps the headline it last showed, for the next visit's first paint (issue 29):
/// `[key, offers list's options, headline]`, written by `ui::first_paint` and read by
/// `src/ui/first_paint.js` before the WebAssembly arrives.
pub const FIRST_PAINT_KEY: &str = "tokenworth.first-paint";

/// Keeps the headline for the next visit's first paint (best effort: without it the next visit
/// waits for the engine, as a first one did before issue 29).
pub fn keep_first_paint(text: &str) {
    if let Ok(storage) = local_storage() {
        let _ = storage.set_item(FIRST_PAINT_KEY, text);
    }
}

/// Forgets the kept headline, when what is on screen is not the stored offers' own.
pub fn forget_first_paint() {
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(FIRST_PAINT_KEY);
    }
}

/// Where the person's choice of number format is kept (`de-DE`; absent for the browser's).
pub const LOCALE_KEY: &str = "tokenworth.locale";

/// The person's chosen number format, if any (`ui::kit::locale`).
#[must_use]
pub fn read_locale() -> Option<String> {
    local_storage().ok()?.get_item(LOCALE_KEY).ok().flatten().filter(|l| !l.is_empty())
}

/// Keeps the person's chosen number format (best effort); `None` forgets it.
pub fn write_locale(locale: Option<&str>) {
    if let Ok(storage) = local_storage() {
        let _ = match locale {
            Some(locale) => storage.set_item(LOCALE_KEY, locale),
            None => storage.remove_item(LOCALE_KEY),
        };
    }
}

/// Where the Company view keeps the team it edits.
pub const TEAM_KEY: &str = "tokenworth.team";
/// The Company view's unreadable or replaced teams are kept under this prefix plus a timestamp
/// (apart from the offers' backups, which the calculator lists).
pub const TEAM_BACKUP_PREFIX: &str = "tokenworth.team-backup.";

fn write_problem(e: &JsValue) -> StorageProblem {
    if error_name(e) == "QuotaExceededError" {
        StorageProblem::Full
    } else {
        StorageProblem::WriteFailed(error_name(e))
    }
}
