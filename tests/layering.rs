//! The engine and the offer model never touch the browser (ARCHITECTURE.md, "Invariants"): no file of
//! `src/engine/`, `src/offer/`, `src/team/`, `src/company/`, `src/form/`, `src/tax/`, `src/report.rs`, `src/format.rs` or
//! `src/breakeven.rs` mentions a browser crate.

mod common;

use std::path::{Path, PathBuf};

/// The browser crates, as Rust code names them.
const BROWSER_CRATES: [&str; 5] = ["leptos", "web_sys", "gloo", "js_sys", "wasm_bindgen"];

/// Every file under `dir`, recursively.
fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

/// The pure core's source files.
fn core_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["src/engine", "src/offer", "src/team", "src/company", "src/form", "src/tax"] {
        files_under(&common::repo_path(dir), &mut files);
    }
    files.push(common::repo_path("src/report.rs"));
    files.push(common::repo_path("src/format.rs"));
    files.push(common::repo_path("src/breakeven.rs"));
    files.sort();
    files
}

/// The browser crates a source text mentions, case-insensitively (`wasm_bindgen`, `Leptos`).
fn browser_mentions(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    BROWSER_CRATES.into_iter().filter(|name| lower.contains(name)).collect()
}

#[test]
fn the_core_never_mentions_a_browser_crate() {
    let files = core_files();
    // The walk must find the engine and the offer model, or the test would pass on nothing.
    for expected in [
        "src/engine/mod.rs",
        "src/engine/ledger.rs",
        "src/offer/read.rs",
        "src/team/value.rs",
        "src/form/guided.rs",
        "src/report.rs",
        "src/format.rs",
    ] {
        assert!(files.contains(&common::repo_path(expected)), "{expected} was not read");
    }
    let mut offenders = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let found = browser_mentions(&text);
        if !found.is_empty() {
            offenders.push(format!("{} mentions {}", file.display(), found.join(", ")));
        }
    }
    assert!(offenders.is_empty(), "the pure core touches the browser:\n{}", offenders.join("\n"));
}

#[test]
fn the_check_recognises_each_crate() {
    for (text, want) in [
        ("use leptos::prelude::*;", vec!["leptos"]),
        ("let w = web_sys::window();", vec!["web_sys"]),
        ("gloo_storage::LocalStorage::get(\"k\")", vec!["gloo"]),
        ("js_sys::Date::now()", vec!["js_sys"]),
        ("#[wasm_bindgen]", vec!["wasm_bindgen"]),
        ("fn value(offer: &Offer) -> Report", vec![]),
    ] {
        assert_eq!(browser_mentions(text), want, "{text}");
    }
}
