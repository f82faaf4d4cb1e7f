//! The team as local storage keeps it: a tagged, versioned envelope around the team file's JSON
//! document, valid or not (a half-typed value must not cost the rest of the team on reload). The
//! rules are the offers library's (`crate::store::library`): unreadable data is handed back whole for a
//! backup, data from a newer version is refused and never written over.

use serde_json::{json, Value};

use crate::store::envelope::Found;

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

impl From<LoadedTeam> for Found<Value> {
    fn from(loaded: LoadedTeam) -> Found<Value> {
        match loaded {
            LoadedTeam::Empty => Found::Empty,
            LoadedTeam::Team(team) => Found::Document(team),
            LoadedTeam::Unreadable { raw, why } => Found::Unreadable { raw, why },
            LoadedTeam::Newer { version } => Found::Newer { version },
        }
    }
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
    // A list longer than tokenworth reads is refused whole: the tables would lay it out row by row.
    if let Err(crate::offer::OfferError::Invalid(errors)) = crate::team::read_team(&value) {
        if let Some(e) = errors.iter().find(|e| e.is_beyond_bounds()) {
            return Err(format!("this team cannot be opened: {} {}", e.path, e.message));
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 30: a team import reads a byte order mark, and refuses a repeated key or a list
    /// longer than tokenworth reads, saying where; a team with mistakes opens as it is.
    #[test]
    fn a_team_import_is_read_strictly_and_bounded() {
        let text = include_str!("../../examples/team/acme-team.json");
        let team = import(text).unwrap();
        assert_eq!(import(&format!("\u{feff}{text}")), Ok(team.clone()));
        let doubled = text.replacen("\"company\":", "\"company\": \"X\", \"company\":", 1);
        assert_eq!(
            import(&doubled),
            Err("this file cannot be opened: company: is given more than once in its object; give each field once".into())
        );
        let mut crowd = team.clone();
        crowd["members"] = (0..5_000).map(|_| team["members"][0].clone()).collect();
        assert_eq!(
            import(&crowd.to_string()),
            Err("this team cannot be opened: members lists 5000 members; tokenworth reads at most 100".into())
        );
        let mut mistaken = team.clone();
        mistaken["company"] = "".into();
        assert_eq!(import(&mistaken.to_string()), Ok(mistaken));
    }
}
