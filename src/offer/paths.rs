//! Field paths into an offer's (or a team file's) JSON document: `scenarios[1].annual_revenue[0]`,
//! read and written whether the document is valid or not. The reader reports each problem at such a
//! path, and the form, the Company view and the merge of two tabs' edits all address fields by it.

use serde_json::{Map, Value};

/// One step of a field path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a.b[2].c` → `[Key(a), Key(b), Index(2), Key(c)]`; `None` if malformed.
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while !rest.is_empty() {
            let (number, after) = rest.split_once(']')?;
            out.push(Step::Index(number.parse().ok()?));
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    Some(out)
}

/// The value at `path`, if there is one.
#[must_use]
pub fn get<'v>(doc: &'v Value, path: &str) -> Option<&'v Value> {
    steps(path)?.into_iter().try_fold(doc, |v, step| match step {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

/// The length of the list at `path` (0 when there is none, or it is not a list).
#[must_use]
pub fn list_len(doc: &Value, path: &str) -> usize {
    get(doc, path).and_then(Value::as_array).map_or(0, Vec::len)
}

/// The value at `path` as the text a form field shows (`"12.5"`, `"3"`, `""` when absent).
#[must_use]
pub fn text_at(doc: &Value, path: &str) -> String {
    match get(doc, path) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// Writes `value` at `path`, creating objects on the way; a list index may be at most its length
/// (which appends). Returns false, changing nothing, when the path does not fit the document.
pub fn set(doc: &mut Value, path: &str, value: Value) -> bool {
    let Some(steps) = steps(path) else { return false };
    let Some((last, parents)) = steps.split_last() else {
        *doc = value;
        return true;
    };
    let mut node = doc;
    for (step, next) in parents.iter().zip(steps.iter().skip(1)) {
        let fresh = || {
            if matches!(next, Step::Index(_)) {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            }
        };
        node = match (step, node) {
            (Step::Key(k), Value::Object(map)) => {
                let slot = map.entry((*k).to_string()).or_insert_with(fresh);
                if slot.is_null() {
                    *slot = fresh();
                }
                slot
            }
            (Step::Index(i), Value::Array(items)) if *i < items.len() => &mut items[*i],
            _ => return false,
        };
    }
    match (last, node) {
        (Step::Key(k), Value::Object(map)) => {
            map.insert((*k).to_string(), value);
            true
        }
        (Step::Index(i), Value::Array(items)) if *i < items.len() => {
            items[*i] = value;
            true
        }
        (Step::Index(i), Value::Array(items)) if *i == items.len() => {
            items.push(value);
            true
        }
        _ => false,
    }
}

/// Removes the list item at `path` (`scenarios[2]`); false if there is none.
pub fn remove_item(doc: &mut Value, list_path: &str, index: usize) -> bool {
    match get_mut(doc, list_path) {
        Some(Value::Array(items)) if index < items.len() => {
            items.remove(index);
            true
        }
        _ => false,
    }
}

/// The value at `path`, mutably.
pub fn get_mut<'v>(doc: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    steps(path)?.into_iter().try_fold(doc, |v, step| match step {
        Step::Key(k) => v.get_mut(k),
        Step::Index(i) => v.get_mut(i),
    })
}
