//! The layers of ARCHITECTURE.md, checked from the source: each folder of `src/` is a layer, and a
//! layer's code uses only the layers below it (inside `ui`, the kit and the offer's editors use no
//! page); every layer but `ui` is pure (no browser crate); and no file's imports run in a circle. This file is the one list of the layers and of what is pure.
//!
//! A file's `#[cfg(test)] mod tests` at its end is left out: tests sit above every layer.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A layer may use the ones before it, never the ones after.
const LAYERS: [&str; 9] =
    ["offer", "engine", "report", "tax", "form", "team", "store", "company", "ui"];

/// The layers that never touch the browser: all but the last.
const PURE: [&str; 8] = ["offer", "engine", "report", "tax", "form", "team", "store", "company"];

/// The browser crates, as Rust code names them.
const BROWSER_CRATES: [&str; 5] = ["leptos", "web_sys", "gloo", "js_sys", "wasm_bindgen"];

/// Every `.rs` file under `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A source file's code: comments and its closing test module left out.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module path of a file under `src/` (`src/report/verdict.rs` → `["report", "verdict"]`,
/// `src/report/mod.rs` → `["report"]`).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> =
        relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The paths a file's code names from the crate's root, each as its segments: `crate::a::b`,
/// `crate::{a::b, c}`, and `super::` resolved against the file's module.
fn paths_named(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut found = Vec::new();
    // `rest` follows `prefix::`: `a::b`, `a::{b, c::d}` or `{a::b, c}`.
    fn expand(base: Vec<String>, rest: &str, found: &mut Vec<Vec<String>>) {
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        let mut path = base;
        let mut rest = rest;
        loop {
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or_default();
                for item in inner.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                    expand(path.clone(), item, found);
                }
                return;
            }
            let name: String = rest.chars().take_while(|c| ident(*c)).collect();
            if name.is_empty() {
                break;
            }
            path.push(name.clone());
            match rest[name.len()..].strip_prefix("::") {
                Some(after) => rest = after,
                None => break,
            }
        }
        found.push(path);
    }
    for (i, _) in code.match_indices("crate::") {
        if i > 0 && code[..i].ends_with(|c: char| ident(c) || c == ':') {
            continue;
        }
        expand(Vec::new(), &code[i + "crate::".len()..], &mut found);
    }
    for (i, _) in code.match_indices("super::") {
        if i > 0 && code[..i].ends_with(|c: char| ident(c) || c == ':') {
            continue;
        }
        let mut base = module.to_vec();
        let mut rest = &code[i..];
        // A `mod.rs` is its folder's module (`module_of`), so its `super` is the folder's parent.
        while let Some(after) = rest.strip_prefix("super::") {
            base.pop();
            rest = after;
        }
        expand(base, rest, &mut found);
    }
    found
}

/// The source file a path names, the deepest that exists (`["report", "format", "money"]` →
/// `src/report/format.rs`).
fn file_of(src: &Path, path: &[String]) -> Option<PathBuf> {
    let mut best = None;
    for depth in 1..=path.len() {
        let stem = src.join(path[..depth].join("/"));
        let file = stem.with_extension("rs");
        let folder = stem.join("mod.rs");
        if file.is_file() {
            best = Some(file);
        } else if folder.is_file() {
            best = Some(folder);
        } else {
            break;
        }
    }
    best
}

/// Each file of the library, with the files it uses (a folder's `mod.rs` declaring and
/// re-exporting its own files is not a use of them).
fn import_graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let src = common::repo_path("src");
    let mut graph = BTreeMap::new();
    for file in files_under(&src) {
        if file.starts_with(src.join("bin")) || file.parent() == Some(src.as_path()) {
            continue;
        }
        let module = module_of(&src, &file);
        let is_mod = file.ends_with("mod.rs");
        let folder = file.parent().unwrap().to_path_buf();
        let mut uses = BTreeSet::new();
        for path in paths_named(&code_of(&file), &module) {
            if let Some(target) = file_of(&src, &path) {
                let facade = is_mod && target.starts_with(&folder);
                if target != file && !facade {
                    uses.insert(target);
                }
            }
        }
        graph.insert(file, uses);
    }
    graph
}

/// The layer a file of `src/` belongs to: its top folder.
fn layer_of(file: &Path) -> String {
    let src = common::repo_path("src");
    let relative = file.strip_prefix(&src).unwrap();
    relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned()
}

#[test]
fn every_folder_of_src_is_a_layer_and_every_file_lies_in_one() {
    let src = common::repo_path("src");
    let mut folders: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| name != "bin")
        .collect();
    folders.sort();
    let mut layers: Vec<String> = LAYERS.iter().map(ToString::to_string).collect();
    layers.sort();
    assert_eq!(folders, layers, "a folder of src/ that is not a layer, or a layer with no folder");
    // Loose in src/: only the crate's root and the two pages' entry points.
    let mut loose: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    loose.sort();
    assert_eq!(loose, ["company_main.rs", "lib.rs", "main.rs"]);
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let graph = import_graph();
    assert!(graph.len() > 60, "the walk found only {} files", graph.len());
    let rank = |layer: &str| LAYERS.iter().position(|l| *l == layer);
    let mut upward = Vec::new();
    for (file, uses) in &graph {
        let from = layer_of(file);
        for target in uses {
            let to = layer_of(target);
            if rank(&to) > rank(&from) {
                upward.push(format!(
                    "{} ({from}) uses {} ({to})",
                    file.display(),
                    target.display()
                ));
            }
        }
    }
    assert!(upward.is_empty(), "imports that run up the layers:\n{}", upward.join("\n"));
}

/// Inside `ui`, the same rule: the kit, then the offer's editors, then the pages.
#[test]
fn the_ui_kit_and_editors_import_no_page() {
    let graph = import_graph();
    let src = common::repo_path("src/ui");
    let (kit, editors) = (src.join("kit"), src.join("editors"));
    let mut upward = Vec::new();
    for (file, uses) in &graph {
        let allowed: &[&PathBuf] = if file.starts_with(&kit) {
            &[&kit]
        } else if file.starts_with(&editors) {
            &[&kit, &editors]
        } else {
            continue;
        };
        for target in uses.iter().filter(|t| t.starts_with(&src)) {
            if !allowed.iter().any(|a| target.starts_with(a)) {
                upward.push(format!("{} uses {}", file.display(), target.display()));
            }
        }
    }
    assert!(graph.keys().any(|f| f.starts_with(&kit)), "the kit was not read");
    assert!(upward.is_empty(), "the kit or the editors use a page:\n{}", upward.join("\n"));
}

#[test]
fn no_file_imports_run_in_a_circle() {
    let graph = import_graph();
    // Depth-first search; a file met again while still on the stack closes a circle.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        file: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        marks: &mut BTreeMap<PathBuf, Mark>,
        stack: &mut Vec<PathBuf>,
        circles: &mut Vec<String>,
    ) {
        match marks.get(file) {
            Some(Mark::Done) => return,
            Some(Mark::Open) => {
                let start = stack.iter().position(|f| f == file).unwrap();
                let names: Vec<String> =
                    stack[start..].iter().map(|f| f.display().to_string()).collect();
                circles.push(format!("{} → {}", names.join(" → "), file.display()));
                return;
            }
            None => {}
        }
        marks.insert(file.clone(), Mark::Open);
        stack.push(file.clone());
        for next in graph.get(file).into_iter().flatten() {
            visit(next, graph, marks, stack, circles);
        }
        stack.pop();
        marks.insert(file.clone(), Mark::Done);
    }
    let mut marks = BTreeMap::new();
    let mut circles = Vec::new();
    for file in graph.keys() {
        visit(file, &graph, &mut marks, &mut Vec::new(), &mut circles);
    }
    assert!(circles.is_empty(), "imports in a circle:\n{}", circles.join("\n"));
}

#[test]
fn the_pure_layers_never_mention_a_browser_crate() {
    let src = common::repo_path("src");
    let mut offenders = Vec::new();
    let mut read = 0;
    for layer in PURE {
        for file in files_under(&src.join(layer)) {
            read += 1;
            let found = browser_mentions(&std::fs::read_to_string(&file).unwrap());
            if !found.is_empty() {
                offenders.push(format!("{} mentions {}", file.display(), found.join(", ")));
            }
        }
    }
    assert!(read > 40, "only {read} files read");
    assert!(offenders.is_empty(), "a pure layer touches the browser:\n{}", offenders.join("\n"));
}

/// The browser crates a source text mentions, case-insensitively (`wasm_bindgen`, `Leptos`).
fn browser_mentions(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    BROWSER_CRATES.into_iter().filter(|name| lower.contains(name)).collect()
}

#[test]
fn the_checks_read_imports_as_rust_writes_them() {
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
    let module = ["report".to_string(), "verdict".to_string()];
    let named = paths_named(
        "use crate::engine::{Deal, decision::x};\nlet m = crate::report::format::money(1.0);\nuse super::breakeven;",
        &module,
    );
    let joined: Vec<String> = named.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        ["engine::Deal", "engine::decision::x", "report::format::money", "report::breakeven"]
    );
    let src = common::repo_path("src");
    assert_eq!(
        file_of(&src, &["report".into(), "format".into(), "money".into()]),
        Some(src.join("report/format.rs"))
    );
    assert_eq!(file_of(&src, &["engine".into(), "Deal".into()]), Some(src.join("engine/mod.rs")));
    assert_eq!(file_of(&src, &["nowhere".into()]), None);
}
