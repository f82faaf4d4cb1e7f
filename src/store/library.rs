//! The saved offers, as the app keeps them in local storage: a tagged, versioned envelope.
//!
//! Pure data and JSON here; `ui::storage` does the browser side. Each saved offer is kept as its
//! offer-file JSON *document*, valid or not, because a person half-way through typing an invalid
//! value must not lose the rest of their offer on reload.
//!
//! Rules, as in Mozilla application-services: additive changes get defaults; a breaking change gets
//! a new version and a migration from every older one (frozen fixtures in the tests prove they load);
//! data that cannot be read is handed back whole for a backup, never dropped; data written by a
//! newer version is refused, never downgraded or overwritten.

use serde::Serialize;
use serde_json::Value;

use crate::offer::{parse_json, read_offer, OfferError};
use crate::store::envelope::Found;
use crate::store::merge::{merge, Later};

/// The `format` tag of the stored library.
pub const LIBRARY_FORMAT: &str = "tokenworth-library";
/// The newest library version this build reads and writes.
pub const LIBRARY_VERSION: u32 = 1;

/// The largest file an import reads, in bytes: 1 MiB, some 300 times a real offer file (the
/// examples are 2 to 4 KB) or a team of a hundred members, and a fifth of what a browser's local
/// storage holds, so that an import can neither freeze the page nor fill storage (issue 30).
pub const MAX_IMPORT_BYTES: f64 = 1_048_576.0;

/// Why a file of `bytes` is not imported, said before it is read; `None` when it may be.
#[must_use]
pub fn import_refused(name: &str, bytes: f64) -> Option<String> {
    (bytes > MAX_IMPORT_BYTES).then(|| {
        format!(
            "{name} is {:.1} MB, larger than any offer or team file (at most 1 MB); it was not read.",
            bytes / 1_048_576.0
        )
    })
}

/// What importing `text` adds: an offer document (valid, or with mistakes to fix at its fields),
/// or why not: not JSON, a key given twice, another kind of document, a newer version, or a list
/// longer than tokenworth reads (which the form would otherwise lay out row by row).
pub fn import_offer(text: &str) -> Result<Value, String> {
    let document = match parse_json(text) {
        Ok(document) => document,
        Err(OfferError::Syntax { line, column, message }) => {
            return Err(format!(
                "This file is not valid JSON (line {line}, column {column}: {message})."
            ))
        }
        Err(OfferError::Invalid(repeated)) => {
            return Err(format!("This file cannot be opened: {}.", OfferError::Invalid(repeated)))
        }
    };
    match read_offer(&document) {
        Ok(offer) => {
            serde_json::from_str(&crate::offer::write_offer(&offer)).map_err(|e| e.to_string())
        }
        // A tokenworth offer with mistakes is imported as it is, with its errors shown at their
        // fields; another kind of document, or a newer version, is refused.
        Err(OfferError::Invalid(errors)) => {
            let refused = errors.iter().find(|e| {
                e.path == "format"
                    || e.path == "version"
                    || e.path.is_empty()
                    || e.is_beyond_bounds()
            });
            match refused {
                Some(e) => Err(format!(
                    "This is not an offer tokenworth can open: {} {}.",
                    e.path, e.message
                )),
                None => Ok(document),
            }
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Every saved offer and which one is open. (Written by serde; read by hand, [`read_v1`].)
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Library {
    pub format: String,
    pub version: u32,
    pub offers: Vec<SavedOffer>,
    /// The id of the offer on screen in this tab. Each tab keeps its own: the stored library
    /// holds `null` (older builds stored theirs, still read).
    #[serde(default)]
    pub current: Option<String>,
}

/// One saved offer: its id and its offer-file document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SavedOffer {
    pub id: String,
    pub document: Value,
}

/// What was found in storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    Library(Library),
    /// Stored text that is not a library this build can read; keep `raw` as a backup.
    Unreadable {
        raw: String,
        why: String,
    },
    /// Written by a newer tokenworth: leave it alone.
    Newer {
        version: u64,
    },
}

impl From<Loaded> for Found<Library> {
    fn from(loaded: Loaded) -> Found<Library> {
        match loaded {
            Loaded::Empty => Found::Empty,
            Loaded::Library(library) => Found::Document(library),
            Loaded::Unreadable { raw, why } => Found::Unreadable { raw, why },
            Loaded::Newer { version } => Found::Newer { version },
        }
    }
}

impl Default for Library {
    fn default() -> Self {
        Library {
            format: LIBRARY_FORMAT.to_string(),
            version: LIBRARY_VERSION,
            offers: Vec::new(),
            current: None,
        }
    }
}

impl Library {
    /// Reads what storage held under the library key.
    #[must_use]
    pub fn load(raw: Option<&str>) -> Loaded {
        let Some(raw) = raw else { return Loaded::Empty };
        let unreadable = |why: String| Loaded::Unreadable { raw: raw.to_string(), why };
        let value: Value = match serde_json::from_str(raw) {
            Ok(v) => v,
            Err(e) => return unreadable(format!("not valid JSON ({e})")),
        };
        if value.get("format").and_then(Value::as_str) != Some(LIBRARY_FORMAT) {
            return unreadable("not a tokenworth library".to_string());
        }
        match value.get("version").and_then(Value::as_u64) {
            Some(v) if v > u64::from(LIBRARY_VERSION) => Loaded::Newer { version: v },
            Some(1) => match read_v1(value) {
                Ok(library) => Loaded::Library(library.repaired()),
                Err(e) => unreadable(format!("damaged ({e})")),
            },
            _ => unreadable("no version it knows".to_string()),
        }
    }

    /// The JSON stored under the library key.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The JSON a tab stores: the offers, not which one it shows.
    #[must_use]
    pub fn stored_text(&self) -> String {
        Library { current: None, ..self.clone() }.to_json()
    }

    /// The open offer, or the first.
    #[must_use]
    pub fn current(&self) -> Option<&SavedOffer> {
        let wanted = self.current.as_deref();
        self.offers.iter().find(|o| Some(o.id.as_str()) == wanted).or_else(|| self.offers.first())
    }

    /// The saved document of the offer `id`.
    #[must_use]
    pub fn document(&self, id: &str) -> Option<&Value> {
        self.offers.iter().find(|o| o.id == id).map(|o| &o.document)
    }

    /// The open offer's document, to edit in place.
    pub fn current_document_mut(&mut self) -> Option<&mut Value> {
        let id = self.current()?.id.clone();
        self.offers.iter_mut().find(|o| o.id == id).map(|o| &mut o.document)
    }

    /// Opens the offer `id` in this tab.
    pub fn open(&mut self, id: &str) {
        self.current = Some(id.to_string());
    }

    /// Opens the offer `id` if it is one of the saved offers (a tab's remembered offer may have
    /// been deleted since); returns whether it did.
    pub fn reopen(&mut self, id: &str) -> bool {
        let saved = self.offers.iter().any(|o| o.id == id);
        if saved {
            self.open(id);
        }
        saved
    }

    /// Opens the first saved offer (none when there is none).
    pub fn open_first(&mut self) {
        self.current = self.offers.first().map(|o| o.id.clone());
    }

    /// Adds `document` as a new offer under a fresh id from `stem`, opens it, and returns its id.
    pub fn add(&mut self, stem: &str, document: Value) -> String {
        let id = self.fresh_id(stem);
        self.offers.push(SavedOffer { id: id.clone(), document });
        self.current = Some(id.clone());
        id
    }

    /// Saves `document` as the offer `id`: in its place when it is there, else (when `create`)
    /// as a new offer, opened. Returns whether it was saved.
    pub fn save(&mut self, id: &str, document: Value, create: bool) -> bool {
        match self.offers.iter_mut().find(|o| o.id == id) {
            Some(offer) => offer.document = document,
            None if create => {
                self.offers.push(SavedOffer { id: id.to_string(), document });
                self.current = Some(id.to_string());
            }
            None => return false,
        }
        true
    }

    /// Saves `document` as the offer `id`, first in the list when it is new (the company plan's
    /// copy); opens it when `open`.
    pub fn save_first(&mut self, id: &str, document: Value, open: bool) {
        match self.offers.iter_mut().find(|o| o.id == id) {
            Some(offer) => offer.document = document,
            None => self.offers.insert(0, SavedOffer { id: id.to_string(), document }),
        }
        if open {
            self.current = Some(id.to_string());
        }
    }

    /// Removes the offer `id` and returns it with its place, for an undo. When it was open, the
    /// one before it (or the first) opens.
    pub fn remove(&mut self, id: &str) -> Option<(usize, SavedOffer)> {
        let index = self.offers.iter().position(|o| o.id == id)?;
        let removed = self.offers.remove(index);
        if self.current.as_deref() == Some(id) {
            self.current = self
                .offers
                .get(index.saturating_sub(1))
                .or(self.offers.first())
                .map(|o| o.id.clone());
        }
        Some((index, removed))
    }

    /// Puts a removed offer back in its place, and opens it.
    pub fn restore(&mut self, index: usize, offer: SavedOffer) {
        let id = offer.id.clone();
        self.offers.insert(index.min(self.offers.len()), offer);
        self.current = Some(id);
    }

    /// Removes the offer `id` (a guided start left) and opens `previous` if it is still there,
    /// else the first.
    pub fn discard(&mut self, id: &str, previous: Option<&str>) {
        self.offers.retain(|o| o.id != id);
        self.current = previous
            .filter(|p| self.offers.iter().any(|o| o.id == *p))
            .map(str::to_string)
            .or_else(|| self.offers.first().map(|o| o.id.clone()));
    }

    /// A new id not used by any saved offer, from a caller-supplied unique-ish stem (a timestamp).
    #[must_use]
    pub fn fresh_id(&self, stem: &str) -> String {
        let mut n = 0u32;
        loop {
            let id = if n == 0 { stem.to_string() } else { format!("{stem}-{n}") };
            if !self.offers.iter().any(|o| o.id == id) {
                return id;
            }
            n = n.saturating_add(1);
        }
    }

    /// Merges another tab's library (`theirs`) into this tab's (`self`), both edited from `base`:
    /// offers added on either side are kept, an offer deleted on one side goes unless the other
    /// edited it, and each offer's document is merged field by field ([`crate::store::merge`]). Keeps
    /// this tab's `current`; returns the fields both edited, as (offer id, path).
    #[must_use]
    pub fn merged(
        &self,
        base: &Library,
        theirs: &Library,
        later: Later,
    ) -> (Library, Vec<(String, String)>) {
        let find = |lib: &'_ Library, id: &str| -> Option<Value> {
            lib.offers.iter().find(|o| o.id == id).map(|o| o.document.clone())
        };
        let mut conflicts = Vec::new();
        let mut offers: Vec<SavedOffer> = Vec::new();
        let mut merge_one = |id: &str, offers: &mut Vec<SavedOffer>| {
            let (b, o, t) = (find(base, id), find(self, id), find(theirs, id));
            let m = merge(b.as_ref(), o.as_ref(), t.as_ref(), later);
            conflicts.extend(m.conflicts.into_iter().map(|path| (id.to_string(), path)));
            if let Some(document) = m.value {
                offers.push(SavedOffer { id: id.to_string(), document });
            }
        };
        for offer in &theirs.offers {
            merge_one(&offer.id, &mut offers);
        }
        // Offers theirs lacks (added here, or deleted there), near where this tab has them.
        for (index, offer) in self.offers.iter().enumerate() {
            if theirs.offers.iter().all(|o| o.id != offer.id) {
                let mut one = Vec::new();
                merge_one(&offer.id, &mut one);
                let at = index.min(offers.len());
                offers.splice(at..at, one);
            }
        }
        (Library { offers, current: self.current.clone(), ..self.clone() }, conflicts)
    }

    /// Points `current` at an offer that exists, and brings every offer to the newest format.
    fn repaired(mut self) -> Library {
        for offer in &mut self.offers {
            crate::offer::migrate(&mut offer.document);
        }
        let exists = |id: &String| self.offers.iter().any(|o| &o.id == id);
        if !self.current.as_ref().is_some_and(exists) {
            self.current = self.offers.first().map(|o| o.id.clone());
        }
        self
    }
}

/// Reads a version 1 library, strictly (an unknown field is damage, as it is in the offer
/// reader). By hand rather than by `#[derive(Deserialize)]`: serde's generic deserializer for a
/// JSON tree was 10 KB of the WebAssembly (issue 6's size budget), and the tree is already here.
fn read_v1(value: Value) -> Result<Library, String> {
    let Value::Object(mut fields) = value else { return Err("not an object".to_string()) };
    let format = match fields.remove("format") {
        Some(Value::String(format)) => format,
        _ => return Err("`format` is not text".to_string()),
    };
    let version = match fields.remove("version").as_ref().and_then(Value::as_u64).map(u32::try_from)
    {
        Some(Ok(version)) => version,
        _ => return Err("`version` is not a small whole number".to_string()),
    };
    let offers = match fields.remove("offers") {
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| read_saved_offer(item).map_err(|e| format!("offers[{i}]: {e}")))
            .collect::<Result<Vec<_>, _>>()?,
        _ => return Err("`offers` is not a list".to_string()),
    };
    let current = match fields.remove("current") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id),
        Some(_) => return Err("`current` is not text".to_string()),
    };
    match fields.keys().next() {
        Some(unknown) => Err(format!("unknown field `{unknown}`")),
        None => Ok(Library { format, version, offers, current }),
    }
}

/// One `{ "id": ..., "document": ... }` of a version 1 library.
fn read_saved_offer(item: Value) -> Result<SavedOffer, String> {
    let Value::Object(mut fields) = item else { return Err("not an object".to_string()) };
    let id = match fields.remove("id") {
        Some(Value::String(id)) => id,
        _ => return Err("`id` is not text".to_string()),
    };
    let Some(document) = fields.remove("document") else { return Err("no `document`".to_string()) };
    match fields.keys().next() {
        Some(unknown) => Err(format!("unknown field `{unknown}`")),
        None => Ok(SavedOffer { id, document }),
    }
}

/// The key a remembered headline is kept under (in `ui::storage::FIRST_PAINT_KEY`): the same
/// build's figures for the same stored offers, opened on the same offer. `build` is the site's
/// build id (index.html's `tokenworth-build`), `shown` the id of the offer on screen when it is
/// not the first stored one (else empty: a new tab opens the first), `stored` the library's stored
/// text. Two 32-bit FNV-1a hashes over UTF-16 code units, in hex: `src/ui/first_paint.js` computes
/// the same, synchronously, before the first paint (the browser's SHA-256 answers only in a later
/// task).
#[must_use]
pub fn first_paint_key(build: &str, shown: &str, stored: &str) -> String {
    let mut a: u32 = 0x811c_9dc5;
    let mut b: u32 = 0x050c_5d1f;
    let text = [build, shown, stored].join("\n");
    for unit in text.encode_utf16() {
        a = (a ^ u32::from(unit)).wrapping_mul(0x0100_0193);
        b = (b ^ u32::from(unit)).wrapping_mul(0x0100_0193).rotate_left(5);
    }
    format!("{a:08x}{b:08x}-{}", text.encode_utf16().count())
}

#[cfg(test)]
mod tests {

    fn named(names: &[&str]) -> Library {
        let mut lib = Library::default();
        for name in names {
            lib.add(name, json!({ "name": name }));
        }
        lib
    }

    fn ids(lib: &Library) -> Vec<&str> {
        lib.offers.iter().map(|o| o.id.as_str()).collect()
    }

    /// The operations the pages use, each worked on a library of three offers a, b, c.
    #[test]
    fn the_operations_keep_the_offers_and_which_is_open() {
        let mut lib = named(&["a", "b", "c"]);
        assert_eq!(ids(&lib), ["a", "b", "c"]);
        assert_eq!(lib.current.as_deref(), Some("c"), "an added offer opens");
        // A second "a" gets a fresh id.
        assert_eq!(lib.add("a", json!({})), "a-1");
        lib.remove("a-1");
        // Removing the open one opens the one before it; an undo puts it back, open.
        lib.open("b");
        let (index, removed) = lib.remove("b").unwrap();
        assert_eq!((index, ids(&lib), lib.current.as_deref()), (1, vec!["a", "c"], Some("a")));
        lib.restore(index, removed);
        assert_eq!((ids(&lib), lib.current.as_deref()), (vec!["a", "b", "c"], Some("b")));
        // Removing the first while open opens the new first; one not open leaves it so.
        lib.open("a");
        lib.remove("a");
        assert_eq!(lib.current.as_deref(), Some("b"));
        lib.remove("c");
        assert_eq!((ids(&lib), lib.current.as_deref()), (vec!["b"], Some("b")));
        assert!(lib.remove("nowhere").is_none());
        // Editing in place edits the open offer.
        *lib.current_document_mut().unwrap() = json!({ "name": "b2" });
        assert_eq!(lib.document("b"), Some(&json!({ "name": "b2" })));
        // Saving: in place, as a new open offer when asked, else not at all.
        assert!(lib.save("b", json!(1), false));
        assert!(!lib.save("g", json!(2), false) && lib.document("g").is_none());
        assert!(lib.save("g", json!(2), true));
        assert_eq!((ids(&lib), lib.current.as_deref()), (vec!["b", "g"], Some("g")));
        // The plan's copy goes first, opened only when asked.
        lib.save_first("plan", json!(3), false);
        assert_eq!((ids(&lib), lib.current.as_deref()), (vec!["plan", "b", "g"], Some("g")));
        lib.save_first("plan", json!(4), true);
        assert_eq!((lib.document("plan"), lib.current.as_deref()), (Some(&json!(4)), Some("plan")));
        // A guided start left: its offer goes, the one open before it comes back if it is there.
        lib.discard("g", Some("b"));
        assert_eq!((ids(&lib), lib.current.as_deref()), (vec!["plan", "b"], Some("b")));
        lib.discard("b", Some("gone"));
        assert_eq!((ids(&lib), lib.current.as_deref()), (vec!["plan"], Some("plan")));
        // A tab's remembered offer reopens only while it is saved; else the first opens.
        let mut lib = named(&["a", "b", "c"]);
        assert!(lib.reopen("b") && lib.current.as_deref() == Some("b"));
        assert!(!lib.reopen("gone") && lib.current.as_deref() == Some("b"));
        lib.open_first();
        assert_eq!(lib.current.as_deref(), Some("a"));
        let mut empty = Library::default();
        empty.open_first();
        assert_eq!(empty.current, None);
    }

    use super::*;
    use serde_json::json;

    fn library(offers: &[(&str, Value)], current: &str) -> Library {
        Library {
            offers: offers
                .iter()
                .map(|(id, document)| SavedOffer { id: id.to_string(), document: document.clone() })
                .collect(),
            current: Some(current.to_string()),
            ..Library::default()
        }
    }

    #[test]
    fn two_tabs_merge_offer_by_offer_and_keep_their_own_current() {
        let base = library(&[("a", json!({"name": "A"})), ("b", json!({"name": "B"}))], "a");
        // This tab renamed `a` and added `c`; the other opened `b`, renamed it and deleted nothing.
        let ours = library(
            &[
                ("a", json!({"name": "A2"})),
                ("b", json!({"name": "B"})),
                ("c", json!({"name": "C"})),
            ],
            "a",
        );
        let theirs = library(&[("a", json!({"name": "A"})), ("b", json!({"name": "B2"}))], "b");
        let (merged, conflicts) = ours.merged(&base, &theirs, Later::Theirs);
        let want = library(
            &[
                ("a", json!({"name": "A2"})),
                ("b", json!({"name": "B2"})),
                ("c", json!({"name": "C"})),
            ],
            "a",
        );
        assert_eq!((merged, conflicts), (want, vec![]));
    }

    #[test]
    fn a_deleted_offer_goes_unless_the_other_tab_edited_it() {
        let base = library(&[("a", json!({"name": "A"})), ("b", json!({"name": "B"}))], "a");
        let theirs = library(&[("a", json!({"name": "A"}))], "a");
        let (merged, _) = base.merged(&base, &theirs, Later::Theirs);
        assert_eq!(merged.offers.len(), 1);
        // This tab typed into `b` as the other deleted it: the keystroke, written later, keeps it.
        let ours = library(&[("a", json!({"name": "A"})), ("b", json!({"name": "Bx"}))], "b");
        let (merged, conflicts) = ours.merged(&base, &theirs, Later::Ours);
        assert_eq!(merged, ours);
        assert_eq!(conflicts, [("b".to_string(), String::new())]);
    }

    #[test]
    fn the_same_field_in_one_offer_is_a_named_conflict() {
        let base = library(&[("a", json!({"name": "A", "x": "1"}))], "a");
        let ours = library(&[("a", json!({"name": "Ours", "x": "1"}))], "a");
        let theirs = library(&[("a", json!({"name": "Theirs", "x": "2"}))], "a");
        let (merged, conflicts) = ours.merged(&base, &theirs, Later::Theirs);
        assert_eq!(merged.offers[0].document, json!({"name": "Theirs", "x": "2"}));
        assert_eq!(conflicts, [("a".to_string(), "name".to_string())]);
    }

    /// Issue 30: a file above the stated size is refused by its size alone, with its name.
    #[test]
    fn imports_above_one_megabyte_are_refused_before_reading() {
        assert_eq!(import_refused("offer.json", 3_000.0), None);
        assert_eq!(import_refused("offer.json", MAX_IMPORT_BYTES), None);
        assert_eq!(
            import_refused("huge.json", 50.0 * 1_048_576.0).as_deref(),
            Some("huge.json is 50.0 MB, larger than any offer or team file (at most 1 MB); it was not read.")
        );
        assert!(import_refused("x.json", MAX_IMPORT_BYTES + 1.0).is_some());
    }

    /// Issue 30: what an import opens and what it refuses, with the message the page shows.
    #[test]
    fn an_import_refuses_repeated_keys_and_lists_past_their_bound_and_reads_a_bom() {
        let text = include_str!("../../examples/acme-copilot.json");
        let opened = import_offer(text).unwrap();
        assert_eq!(import_offer(&format!("\u{feff}{text}")), Ok(opened.clone()));
        let doubled = text.replacen("\"tokens\": 10000,", "\"tokens\": 10000, \"tokens\": 1,", 1);
        assert_eq!(
            import_offer(&doubled),
            Err("This file cannot be opened: grant.tokens: is given more than once in its object; give each field once.".into())
        );
        let mut crowd = opened.clone();
        crowd["scenarios"] = (0..10_000).map(|_| opened["scenarios"][0].clone()).collect();
        assert_eq!(
            import_offer(&crowd.to_string()),
            Err("This is not an offer tokenworth can open: scenarios lists 10000 scenarios; tokenworth reads at most 20.".into())
        );
        // A mistake to fix at its field is still opened as it is, a far month among them.
        let mut far = opened.clone();
        far["payouts"]["milestones"][0]["month"] = 4_294_967_295_u64.into();
        assert_eq!(import_offer(&far.to_string()), Ok(far));
    }

    /// A library as version 1 stored it. Don't modify this string: it proves old data still loads.
    const FROZEN_V1: &str = r#"{"format":"tokenworth-library","version":1,"offers":[{"id":"a1","document":{"format":"tokenworth-offer","version":1,"name":"Half typed"}}],"current":"a1"}"#;

    #[test]
    fn frozen_version_1_loads() {
        let Loaded::Library(lib) = Library::load(Some(FROZEN_V1)) else { panic!("v1 must load") };
        assert_eq!(lib.offers.len(), 1);
        assert_eq!(lib.current().map(|o| o.id.as_str()), Some("a1"));
        assert_eq!(lib.offers[0].document["name"], "Half typed");
    }

    #[test]
    fn round_trips() {
        let Loaded::Library(lib) = Library::load(Some(FROZEN_V1)) else { panic!() };
        assert_eq!(Library::load(Some(&lib.to_json())), Loaded::Library(lib));
    }

    #[test]
    fn unreadable_data_comes_back_whole_for_a_backup() {
        for raw in [
            "{not json",
            "[1,2]",
            r#"{"format":"tokenworth-library","version":1,"offers":"x"}"#,
            r#"{"format":"other"}"#,
        ] {
            match Library::load(Some(raw)) {
                Loaded::Unreadable { raw: kept, .. } => assert_eq!(kept, raw),
                other => panic!("{raw}: {other:?}"),
            }
        }
    }

    #[test]
    fn damage_is_named_and_unknown_fields_are_damage() {
        let library =
            |rest: &str| format!(r#"{{"format":"tokenworth-library","version":1{rest}}}"#);
        for (rest, why) in [
            (r#","offers":[{"id":"a","document":{}}],"shiny":true"#, "unknown field `shiny`"),
            (
                r#","offers":[{"id":"a","document":{},"extra":1}]"#,
                "offers[0]: unknown field `extra`",
            ),
            (r#","offers":[{"id":7,"document":{}}]"#, "offers[0]: `id` is not text"),
            (r#","offers":[{"id":"a"}]"#, "offers[0]: no `document`"),
            (r#","offers":[],"current":3"#, "`current` is not text"),
            ("", "`offers` is not a list"),
        ] {
            match Library::load(Some(&library(rest))) {
                Loaded::Unreadable { why: found, .. } => {
                    assert_eq!(found, format!("damaged ({why})"), "{rest}")
                }
                other => panic!("{rest}: {other:?}"),
            }
        }
        let Loaded::Library(lib) =
            Library::load(Some(&library(r#","offers":[{"id":"a","document":{}}],"current":null"#)))
        else {
            panic!("a null current is no current")
        };
        assert_eq!(lib.current.as_deref(), Some("a"));
    }

    #[test]
    fn newer_versions_are_refused_not_read() {
        let raw = r#"{"format":"tokenworth-library","version":7,"offers":[],"shiny":true}"#;
        assert_eq!(Library::load(Some(raw)), Loaded::Newer { version: 7 });
        assert_eq!(Library::load(None), Loaded::Empty);
    }

    #[test]
    fn current_points_at_an_existing_offer() {
        let raw = r#"{"format":"tokenworth-library","version":1,"offers":[{"id":"x","document":{}}],"current":"gone"}"#;
        let Loaded::Library(lib) = Library::load(Some(raw)) else { panic!() };
        assert_eq!(lib.current.as_deref(), Some("x"));
        assert_eq!(lib.fresh_id("x"), "x-1");
    }

    #[test]
    fn the_first_paint_key_is_the_one_the_page_script_computes() {
        // Computed by src/ui/first_paint.js's `key` in Node.js.
        assert_eq!(first_paint_key("abc123", "", "{\"offers\":[]}"), "281448ba7ab08f94-21");
        assert_eq!(
            first_paint_key("b", "research-lab", "{\"name\":\"Zürich ☃ 😀\"}"),
            "9d3810c3686f7ef7-37"
        );
        // Any change of build, offer shown or stored text changes it.
        let key = first_paint_key("b1", "", "{}");
        assert_ne!(key, first_paint_key("b2", "", "{}"));
        assert_ne!(key, first_paint_key("b1", "x", "{}"));
        assert_ne!(key, first_paint_key("b1", "", "{ }"));
    }
}
