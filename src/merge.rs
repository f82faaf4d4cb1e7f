//! Three-way merge of JSON documents by path, for two tabs editing one stored document: each tab
//! merges the other's version against the last version it saw itself, so that edits to different
//! fields both survive and only an edit to the same field has to lose.
//!
//! Storage reaches another tab a little late, so a tab may merge against a version older than the
//! one this tab last wrote, and store a field as this tab had it a key ago. A value equal to one
//! this tab replaced only just before (`earlier`, [`Written::just_replaced`]) is taken for such a
//! stale copy and does not undo the later key (a person typing back exactly that value in the
//! other tab within [`STALE_COPY_MS`] is the price).

use serde_json::{Map, Value};

/// How soon after this tab replaced a value another tab's copy of it may still arrive: storage
/// reaches another tab within milliseconds, and a person types a value back far later.
pub const STALE_COPY_MS: f64 = 300.0;

/// How recently a field typed in this tab is still this person's edit, so that another tab's
/// later change of it is said rather than silently shown.
pub const RECENT_TYPING_MS: f64 = 5_000.0;

/// The versions this tab wrote, with when (ms), oldest first; only those it may still receive a
/// stale copy of are kept.
#[derive(Debug, Clone, Default)]
pub struct Written<T>(Vec<(f64, T)>);

impl<T> Written<T> {
    /// Notes a version written at `now`.
    pub fn push(&mut self, now: f64, version: T) {
        self.0.push((now, version));
        while self.0.len() > 1 && now - self.0[1].0 >= STALE_COPY_MS {
            self.0.remove(0);
        }
    }

    /// The versions replaced by a later write less than [`STALE_COPY_MS`] before `now`.
    #[must_use]
    pub fn just_replaced(&self, now: f64) -> Vec<&T> {
        self.0.windows(2).filter(|w| now - w[1].0 < STALE_COPY_MS).map(|w| &w[0].1).collect()
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

/// Merges `ours` and `theirs`, two edits of `base` (`None`: absent); `earlier` holds this tab's
/// own recent versions of the document.
#[must_use]
pub fn merge(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    earlier: &[Option<&Value>],
    later: Later,
) -> Merged {
    let mut conflicts = Vec::new();
    let value = merge_at("", [base, ours, theirs], earlier, later, &mut conflicts);
    Merged { value, conflicts }
}

fn merge_at(
    path: &str,
    [base, ours, theirs]: [Option<&Value>; 3],
    earlier: &[Option<&Value>],
    later: Later,
    conflicts: &mut Vec<String>,
) -> Option<Value> {
    if ours == theirs || theirs == base || earlier.contains(&theirs) {
        return ours.cloned();
    }
    let (o_rows, t_rows) = (ours.and_then(Value::as_array), theirs.and_then(Value::as_array));
    let same_rows = o_rows.is_some_and(|o| t_rows.is_some_and(|t| o.len() == t.len()));
    // Only theirs changed: taken whole, unless a stale copy may hide inside.
    if ours == base && !(both_objects(ours, theirs) || same_rows) {
        return theirs.cloned();
    }
    let sides = [base, ours, theirs];
    match (base, ours, theirs) {
        // Both changed an object: key by key (a key neither had in `base` merges from nothing).
        (None | Some(Value::Object(_)), Some(Value::Object(o)), Some(Value::Object(t))) => {
            let keys = o.keys().chain(t.keys().filter(|k| !o.contains_key(*k)));
            let mut merged = Map::new();
            for key in keys {
                let at = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                if let Some(v) = child(&at, Step::Key(key), sides, earlier, later, conflicts) {
                    merged.insert(key.clone(), v);
                }
            }
            Some(Value::Object(merged))
        }
        // A list keeps its rows' places only while no side adds or removes one.
        (Some(Value::Array(b)), Some(Value::Array(o)), Some(Value::Array(_)))
            if same_rows && b.len() == o.len() =>
        {
            let items = (0..o.len())
                .map(|i| {
                    let at = format!("{path}[{i}]");
                    child(&at, Step::Index(i), sides, earlier, later, conflicts)
                        .unwrap_or(Value::Null)
                })
                .collect();
            Some(Value::Array(items))
        }
        _ if ours == base => theirs.cloned(),
        _ => {
            conflicts.push(path.to_string());
            match later {
                Later::Ours => ours.cloned(),
                Later::Theirs => theirs.cloned(),
            }
        }
    }
}

/// One step down a document: a key or a row.
#[derive(Clone, Copy)]
enum Step<'k> {
    Key(&'k str),
    Index(usize),
}

fn step<'v>(value: Option<&'v Value>, step: Step) -> Option<&'v Value> {
    match step {
        Step::Key(key) => value?.get(key),
        Step::Index(i) => value?.get(i),
    }
}

/// Merges one key or row of the three sides (and of this tab's earlier versions).
fn child(
    path: &str,
    at: Step,
    sides: [Option<&Value>; 3],
    earlier: &[Option<&Value>],
    later: Later,
    conflicts: &mut Vec<String>,
) -> Option<Value> {
    let earlier: Vec<_> = earlier.iter().map(|e| step(*e, at)).collect();
    merge_at(path, sides.map(|v| step(v, at)), &earlier, later, conflicts)
}

fn both_objects(a: Option<&Value>, b: Option<&Value>) -> bool {
    a.is_some_and(Value::is_object) && b.is_some_and(Value::is_object)
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
        let m = merge(Some(&base), Some(&ours), Some(&theirs), &[], later);
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
        assert_eq!(merge(Some(&base), Some(&base), None, &[], Later::Theirs).value, None);
        let edited = json!({"name": "AB"});
        let m = merge(Some(&base), Some(&edited), None, &[], Later::Ours);
        assert_eq!((m.value, m.conflicts), (Some(edited), vec![String::new()]));
    }

    #[test]
    fn a_stale_copy_of_our_own_earlier_text_does_not_undo_later_keys() {
        // This tab typed "a", "ab", "abc" (each stored); the other tab, which had seen only "a",
        // typed its scenario and stored {"name": "a", "s": "x"}.
        let (v1, v2) = (json!({"name": "a", "s": ""}), json!({"name": "ab", "s": ""}));
        let ours = json!({"name": "abc", "s": ""});
        let theirs = json!({"name": "a", "s": "x"});
        let m =
            merge(Some(&ours), Some(&ours), Some(&theirs), &[Some(&v1), Some(&v2)], Later::Theirs);
        assert_eq!((m.value, m.conflicts), (Some(json!({"name": "abc", "s": "x"})), vec![]));
        // Without that history, their copy would win: the case this guards against.
        let m = merge(Some(&ours), Some(&ours), Some(&theirs), &[], Later::Theirs);
        assert_eq!(m.value, Some(theirs));
    }

    #[test]
    fn only_a_version_replaced_just_now_can_come_back_as_a_stale_copy() {
        let mut written = Written::default();
        written.push(0.0, "a");
        written.push(100.0, "ab");
        written.push(1_000.0, "abc");
        // "ab" was replaced 10 ms ago; "a" 910 ms ago, long enough for the other tab to know.
        assert_eq!(written.just_replaced(1_010.0), [&"ab"]);
        assert!(written.just_replaced(1_300.0).is_empty());
        written.push(1_400.0, "abcd");
        assert_eq!(written.0.len(), 2, "what can no longer come back is forgotten");
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
