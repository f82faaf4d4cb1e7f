//! Three-way merge of JSON documents by path, for two tabs editing one stored document: each tab
//! merges the other's version against the last version it saw itself, so that edits to different
//! fields both survive and only an edit to the same field has to lose.
//!
//! Storage reaches another tab a little late, so a tab may merge against a version older than the
//! one this tab last wrote. Each write therefore leaves a note beside it naming the version it was
//! merged against ([`base_note`]), so that the notes chain each version to its ancestors
//! ([`ancestors`]). The tab that reads it merges against the newest of those ancestors that its own
//! document descends from too ([`Seen`]: the versions it wrote or merged): a field the writer did
//! not change then keeps this tab's later keys, and a field this tab did not change takes the
//! writer's. (A version this tab saw but never merged is no base: a field of it that this tab is
//! behind on would look like this tab's own edit, and a stale copy would win.)

use serde_json::{Map, Value};

use crate::offer::paths;

/// How recently a field typed in this tab is still this person's edit, so that another tab's
/// later change of it is said rather than silently shown.
pub const RECENT_TYPING_MS: f64 = 5_000.0;

/// How long a tab keeps the versions it saw: far longer than storage takes to reach another tab.
pub const KEEP_SEEN_MS: f64 = 10_000.0;

/// The versions of a stored document this tab wrote or merged lately, by the fingerprint of
/// their text, newest last: its document's ancestors, where the base of a merge is found.
#[derive(Debug, Clone)]
pub struct Seen<T>(Vec<(f64, u64, T)>);

/// None seen yet, whatever the document (a derived `Default` would ask one of `T` too).
impl<T> Default for Seen<T> {
    fn default() -> Self {
        Seen(Vec::new())
    }
}

impl<T> Seen<T> {
    /// Notes `version`, stored as `text`, seen at `now` (ms).
    pub fn push(&mut self, now: f64, text: &str, version: T) {
        self.0.retain(|(at, _, _)| now - at < KEEP_SEEN_MS);
        self.0.push((now, fingerprint(text), version));
    }

    /// The version whose text has this fingerprint, if this tab wrote or merged it lately.
    #[must_use]
    pub fn find(&self, fingerprint: u64) -> Option<&T> {
        self.0.iter().rev().find(|(_, f, _)| *f == fingerprint).map(|(_, _, v)| v)
    }

    /// Whether any version this tab wrote or merged lately satisfies `had`.
    pub fn any(&self, had: impl Fn(&T) -> bool) -> bool {
        self.0.iter().any(|(_, _, v)| had(v))
    }

    /// The first of `ancestors` (newest first) that this tab wrote or merged lately.
    #[must_use]
    pub fn newest_of(&self, ancestors: &[u64]) -> Option<&T> {
        ancestors.iter().find_map(|f| self.find(*f))
    }
}

/// A short fingerprint of a stored text (64-bit FNV-1a): enough to tell a tab's recent versions
/// apart.
#[must_use]
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// How many writes the note beside a document names: a reader finds an ancestor it shares even
/// when two tabs typing at once wrote many times meanwhile (an entry is 34 characters at most).
const NOTED_WRITES: usize = 32;

/// The note stored beside `text`: the `previous` note's latest entries and one more, the
/// fingerprints of `text` and of the version it was merged against (`text:base`, in hex).
#[must_use]
pub fn base_note(previous: Option<&str>, text: &str, base: &str) -> String {
    let entry = format!("{:x}:{:x}", fingerprint(text), fingerprint(base));
    let mut entries: Vec<&str> = previous.map_or_else(Vec::new, |p| p.split(',').collect());
    entries.push(&entry);
    entries[entries.len().saturating_sub(NOTED_WRITES)..].join(",")
}

/// The fingerprints of the versions `text` descends from, as far as `note` names them: the version
/// it was merged against, that version's, and so on, newest first.
#[must_use]
pub fn ancestors(note: &str, text: &str) -> Vec<u64> {
    let entries: Vec<(u64, u64)> = note
        .split(',')
        .filter_map(|entry| {
            let (text, base) = entry.split_once(':')?;
            Some((u64::from_str_radix(text, 16).ok()?, u64::from_str_radix(base, 16).ok()?))
        })
        .collect();
    let mut chain = Vec::new();
    let mut at = fingerprint(text);
    // A text written twice is noted twice: its latest entry is the one that led here, and the
    // walk ends rather than going round.
    while let Some(&(_, base)) = entries.iter().rev().find(|(text, _)| *text == at) {
        if chain.contains(&base) || chain.len() == entries.len() {
            break;
        }
        chain.push(base);
        at = base;
    }
    chain
}

/// Sets the field at `path`, which this tab is typing in, back to `ours` where the merge took a
/// value the field had here lately (`had_here`): that is this tab's own earlier keys coming back
/// in another tab's copy (the base of the merge was lost in a race of the two tabs' writes, each
/// a note and a document), not an edit made there. Returns whether it did.
pub fn keep_typing(
    merged: &mut Value,
    ours: &Value,
    path: &str,
    had_here: impl Fn(Option<&Value>) -> bool,
) -> bool {
    let (now, typed) = (paths::get(merged, path), paths::get(ours, path));
    if now == typed || !had_here(now) {
        return false;
    }
    match typed {
        Some(typed) => paths::set(merged, path, typed.clone()),
        None => false,
    }
}

/// Which side wrote last: it wins where both changed the same field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Later {
    Ours,
    Theirs,
}

/// The merged document and the paths (`a.b[2].c`) where both sides changed the same field.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// `None` when the merge removes the document (or key) altogether.
    pub value: Option<Value>,
    pub conflicts: Vec<String>,
}

/// Merges `ours` and `theirs`, two edits of `base` (`None`: absent).
#[must_use]
pub fn merge(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    later: Later,
) -> Merged {
    let mut conflicts = Vec::new();
    let value = merge_at("", base, ours, theirs, later, &mut conflicts);
    Merged { value, conflicts }
}

fn merge_at(
    path: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    later: Later,
    conflicts: &mut Vec<String>,
) -> Option<Value> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    match (base, ours, theirs) {
        // Both changed an object: key by key (a key neither had in `base` merges from nothing).
        (None | Some(Value::Object(_)), Some(Value::Object(o)), Some(Value::Object(t))) => {
            let empty = Map::new();
            let b = base.and_then(Value::as_object).unwrap_or(&empty);
            let keys = o.keys().chain(t.keys().filter(|k| !o.contains_key(*k)));
            let mut merged = Map::new();
            for key in keys {
                let at = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                if let Some(v) = merge_at(&at, b.get(key), o.get(key), t.get(key), later, conflicts)
                {
                    merged.insert(key.clone(), v);
                }
            }
            Some(Value::Object(merged))
        }
        // A list keeps its rows' places only while no side adds or removes one.
        (Some(Value::Array(b)), Some(Value::Array(o)), Some(Value::Array(t)))
            if b.len() == o.len() && o.len() == t.len() =>
        {
            let items = (0..o.len())
                .map(|i| {
                    let at = format!("{path}[{i}]");
                    merge_at(&at, b.get(i), o.get(i), t.get(i), later, conflicts)
                        .unwrap_or(Value::Null)
                })
                .collect();
            Some(Value::Array(items))
        }
        _ => {
            conflicts.push(path.to_string());
            match later {
                Later::Ours => ours.cloned(),
                Later::Theirs => theirs.cloned(),
            }
        }
    }
}

/// Whether `a` and `b` differ only in the text or numbers of fields both have: the same keys,
/// list lengths, switches (booleans) and empty (null) fields. A page can then show the change in
/// place, without drawing its form again under the person's fingers.
#[must_use]
pub fn same_shape(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same_shape(v, w)))
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(v, w)| same_shape(v, w))
        }
        (Value::String(_) | Value::Number(_), Value::String(_) | Value::Number(_)) => true,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn merged(base: Value, ours: Value, theirs: Value, later: Later) -> (Value, Vec<String>) {
        let m = merge(Some(&base), Some(&ours), Some(&theirs), later);
        (m.value.unwrap_or(Value::Null), m.conflicts)
    }

    #[test]
    fn edits_to_different_fields_both_survive() {
        // One tab typed the name, the other the salary, both from the same saved offer.
        let base = json!({"name": "Acme", "salary": {"base": "100", "cut": "10"}});
        let ours = json!({"name": "Acme Copilot", "salary": {"base": "100", "cut": "10"}});
        let theirs = json!({"name": "Acme", "salary": {"base": "100", "cut": "15"}});
        let want = json!({"name": "Acme Copilot", "salary": {"base": "100", "cut": "15"}});
        for later in [Later::Ours, Later::Theirs] {
            assert_eq!(
                merged(base.clone(), ours.clone(), theirs.clone(), later),
                (want.clone(), vec![])
            );
        }
    }

    #[test]
    fn the_same_field_goes_to_the_later_edit_and_is_named() {
        let base = json!({"name": "Acme", "rows": [{"v": "1"}, {"v": "2"}]});
        let ours = json!({"name": "Acme A", "rows": [{"v": "1"}, {"v": "20"}]});
        let theirs = json!({"name": "Acme B", "rows": [{"v": "1"}, {"v": "21"}]});
        let (value, conflicts) = merged(base.clone(), ours.clone(), theirs.clone(), Later::Ours);
        assert_eq!(value, ours);
        assert_eq!(conflicts, ["name", "rows[1].v"]);
        let (value, _) = merged(base, ours, theirs.clone(), Later::Theirs);
        assert_eq!(value, theirs);
    }

    #[test]
    fn added_and_removed_keys_merge_and_rows_added_on_one_side_are_kept() {
        let base = json!({"a": "1", "b": "2", "rows": ["x"]});
        // Ours removed `b` and added a row; theirs added `c` and changed `a`.
        let ours = json!({"a": "1", "rows": ["x", "y"]});
        let theirs = json!({"a": "9", "b": "2", "c": "3", "rows": ["x"]});
        let (value, conflicts) = merged(base, ours, theirs, Later::Theirs);
        assert_eq!(value, json!({"a": "9", "rows": ["x", "y"], "c": "3"}));
        assert!(conflicts.is_empty());
    }

    #[test]
    fn rows_added_on_both_sides_are_one_conflict_at_the_list() {
        let base = json!({"rows": ["x"]});
        let ours = json!({"rows": ["x", "ours"]});
        let theirs = json!({"rows": ["x", "theirs", "more"]});
        let (value, conflicts) = merged(base, ours.clone(), theirs, Later::Ours);
        assert_eq!((value, conflicts), (ours, vec!["rows".to_string()]));
    }

    #[test]
    fn a_removed_document_stays_removed_unless_the_other_side_edited_it() {
        let base = json!({"name": "A"});
        assert_eq!(merge(Some(&base), Some(&base), None, Later::Theirs).value, None);
        let edited = json!({"name": "AB"});
        let m = merge(Some(&base), Some(&edited), None, Later::Ours);
        assert_eq!((m.value, m.conflicts), (Some(edited), vec![String::new()]));
    }

    #[test]
    fn merged_against_the_version_the_writer_saw_a_late_copy_keeps_later_keys() {
        // This tab stored "a", then "ab"; the other tab, which had read only "a", typed its
        // scenario and stored {"name": "a", "s": "x"}, noting "a" as its base.
        let v1 = json!({"name": "a", "s": ""});
        let ours = json!({"name": "ab", "s": ""});
        let theirs = json!({"name": "a", "s": "x"});
        let mut seen = Seen::default();
        seen.push(0.0, "v1", v1);
        seen.push(80.0, "ours", ours.clone());
        let base = seen.newest_of(&ancestors(&base_note(None, "theirs", "v1"), "theirs"));
        let m = merge(base, Some(&ours), Some(&theirs), Later::Theirs);
        assert_eq!((m.value, m.conflicts), (Some(json!({"name": "ab", "s": "x"})), vec![]));
        // Against the last version this tab stored, their late copy would undo the "b".
        let m = merge(Some(&ours), Some(&ours), Some(&theirs), Later::Theirs);
        assert_eq!(m.value, Some(theirs));
    }

    #[test]
    fn a_note_chains_the_last_writes_to_their_bases_and_old_versions_are_forgotten() {
        let note = base_note(None, "text", "base");
        // Another tab wrote after: the note names both, newest ancestor first.
        let note = base_note(Some(&note), "later", "text");
        assert_eq!(ancestors(&note, "later"), [fingerprint("text"), fingerprint("base")]);
        assert_eq!(ancestors(&note, "text"), [fingerprint("base")]);
        assert!(ancestors(&note, "never written").is_empty());
        assert!(ancestors("not a note", "text").is_empty());
        // Written again on top of its own descendant: the walk stops.
        let round = base_note(Some(&note), "text", "later");
        assert_eq!(ancestors(&round, "text"), [fingerprint("later"), fingerprint("text")]);
        let note = (0..40).fold(note, |note, i| base_note(Some(&note), &i.to_string(), "b"));
        assert_eq!((ancestors(&note, "text").len(), note.split(',').count()), (0, 32));
        let mut seen = Seen::default();
        seen.push(0.0, "old", 1);
        seen.push(KEEP_SEEN_MS, "new", 2);
        assert_eq!(
            (seen.find(fingerprint("old")), seen.find(fingerprint("new"))),
            (None, Some(&2))
        );
        assert_eq!(seen.newest_of(&[fingerprint("old"), fingerprint("new")]), Some(&2));
    }

    /// Two tabs typing at once, each into its own field, storage reaching each a little late.
    /// Tab A stored "Scenario" (on tab B's b1) and then "Scenario "; tab B, which had merged
    /// only b1, typed "y" and finds A's latest before writing. Neither loses a key.
    #[test]
    fn two_tabs_typing_into_different_fields_merge_against_an_ancestor_both_share() {
        let b1 = json!({"name": "Scenari", "s": "x"});
        let a0 = json!({"name": "Scenario", "s": "x"});
        let a1 = json!({"name": "Scenario ", "s": "x"});
        let note = base_note(Some(&base_note(None, "a0", "b1")), "a1", "a0");
        // Tab B: its document descends from b1 only.
        let mut seen_by_b = Seen::default();
        seen_by_b.push(0.0, "b1", b1.clone());
        let ours = json!({"name": "Scenari", "s": "xy"});
        let base = seen_by_b.newest_of(&ancestors(&note, "a1"));
        assert_eq!(base, Some(&b1));
        let m = merge(base, Some(&ours), Some(&a1), Later::Ours);
        assert_eq!((m.value, m.conflicts), (Some(json!({"name": "Scenario ", "s": "xy"})), vec![]));
        // Against a0, a version B saw go by but never merged, B's stale "Scenari" would look
        // like its own edit and win.
        let m = merge(Some(&a0), Some(&ours), Some(&a1), Later::Ours);
        assert_eq!(m.value, Some(ours.clone()));
        // Tab A then takes B's write (on a1), while it has typed "n" meanwhile.
        let note = base_note(Some(&note), "b2", "a1");
        let b2 = json!({"name": "Scenario ", "s": "xy"});
        let mut seen_by_a = Seen::default();
        seen_by_a.push(0.0, "a0", a0.clone());
        seen_by_a.push(1.0, "a1", a1.clone());
        let ours = json!({"name": "Scenario n", "s": "x"});
        let base = seen_by_a.newest_of(&ancestors(&note, "b2"));
        let m = merge(base, Some(&ours), Some(&b2), Later::Theirs);
        assert_eq!(
            (m.value, m.conflicts),
            (Some(json!({"name": "Scenario n", "s": "xy"})), vec![])
        );
    }

    /// Tab A typed "Named " while tab B, behind, wrote "Named" back with its own scenario, and
    /// the note that names B's base was overwritten by A's: the merge took B's "Named".
    #[test]
    fn a_field_being_typed_never_goes_back_to_a_text_it_had_here() {
        let ours = json!({"name": "Named ", "s": "sec"});
        let had = [json!({"name": "Name", "s": "sec"}), json!({"name": "Named", "s": "sec"})];
        let had_here = |v: Option<&Value>| had.iter().any(|h| h.get("name") == v);
        let mut merged = json!({"name": "Named", "s": "second"});
        assert!(keep_typing(&mut merged, &ours, "name", had_here));
        assert_eq!(merged, json!({"name": "Named ", "s": "second"}));
        // A text this tab never had is the other tab's edit (typed later there): it stands.
        let mut merged = json!({"name": "Second", "s": "second"});
        assert!(!keep_typing(&mut merged, &ours, "name", had_here));
        assert_eq!(merged["name"], "Second");
        // The field left as typed, or a path that is not there: nothing to do.
        let mut merged = ours.clone();
        assert!(!keep_typing(&mut merged, &ours, "name", |_| true));
        assert!(!keep_typing(&mut merged, &ours, "rows[3].x", |_| true));
    }

    #[test]
    fn shape_is_keys_lengths_switches_and_empty_fields() {
        let a = json!({"name": "A", "n": 1, "on": true, "rows": ["x"], "cap": null});
        assert!(same_shape(
            &a,
            &json!({"name": "B", "n": "2", "on": true, "rows": ["y"], "cap": null})
        ));
        for other in [
            json!({"name": "A", "n": 1, "on": false, "rows": ["x"], "cap": null}),
            json!({"name": "A", "n": 1, "on": true, "rows": ["x", "y"], "cap": null}),
            json!({"name": "A", "n": 1, "on": true, "rows": ["x"], "cap": "5"}),
            json!({"name": "A", "n": 1, "on": true, "rows": ["x"]}),
        ] {
            assert!(!same_shape(&a, &other), "{other}");
        }
    }
}
