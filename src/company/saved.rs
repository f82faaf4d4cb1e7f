//! The team as local storage keeps it: a tagged, versioned envelope around the team file's JSON
//! document, valid or not (a half-typed value must not cost the rest of the team on reload). The
//! rules are the offers library's (`crate::library`): unreadable data is handed back whole for a
//! backup, data from a newer version is refused and never written over.

use serde_json::{json, Value};

/// The `format` tag of the stored team.
pub const SAVED_TEAM_FORMAT: &str = "tokenworth-company";
/// The newest envelope version this build reads and writes.
pub const SAVED_TEAM_VERSION: u64 = 1;

/// What was found in storage.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadedTeam {
    /// Nothing stored yet.
    Empty,
    /// The team file document as last edited.
    Team(Value),
    /// Stored text this build cannot read; keep `raw` as a backup.
    Unreadable { raw: String, why: String },
    /// Written by a newer tokenworth: leave it alone.
    Newer { version: u64 },
}

/// Reads what storage held under the team key.
#[must_use]
pub fn load(raw: Option<&str>) -> LoadedTeam {
    let Some(raw) = raw else { return LoadedTeam::Empty };
    let unreadable = |why: &str| LoadedTeam::Unreadable { raw: raw.to_string(), why: why.into() };
    let Ok(value) = serde_json::from_str::<Value>(raw) else {
        return unreadable("not valid JSON");
    };
    if value.get("format").and_then(Value::as_str) != Some(SAVED_TEAM_FORMAT) {
        return unreadable("not a saved tokenworth team");
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if v > SAVED_TEAM_VERSION => LoadedTeam::Newer { version: v },
        Some(SAVED_TEAM_VERSION) => match value.get("team") {
            Some(team) if team.is_object() => LoadedTeam::Team(team.clone()),
            _ => unreadable("the saved team is missing"),
        },
        _ => unreadable("an unknown version"),
    }
}

/// The envelope's text for `team`.
#[must_use]
pub fn to_json(team: &Value) -> String {
    json!({ "format": SAVED_TEAM_FORMAT, "version": SAVED_TEAM_VERSION, "team": team }).to_string()
}

/// What importing `text` opens: a team file's document (valid or not, so that its errors show at
/// their fields), or why not. Only a `tokenworth-team` document is taken.
pub fn import(text: &str) -> Result<Value, String> {
    let value = crate::offer::parse_json(text).map_err(|e| match e {
        crate::offer::OfferError::Syntax { line, column, .. } => {
            format!("this file is not JSON (line {line}, column {column})")
        }
        repeated => format!("this file cannot be opened: {repeated}"),
    })?;
    if value.get("format").and_then(Value::as_str) != Some(crate::team::TEAM_FORMAT) {
        return Err(format!(
            "this is not a team file (it needs \"format\": \"{}\")",
            crate::team::TEAM_FORMAT
        ));
    }
    Ok(value)
}
