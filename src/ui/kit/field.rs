//! The one field: a labelled input for one path of a document, typed and stored as its
//! `FieldSpec` says, with its unit, whose figure it is, its help, and the reader's messages beside
//! it. The calculator's form, its tables and the Company view's plans and tables all draw it, over
//! whichever [`Document`] they edit.
//!
//! Inputs are uncontrolled: they start from the document and write to it as the person types, so
//! that typing `1.` or `250k` is never rewritten under their fingers; a change made elsewhere shows
//! in a field the person is not typing in ([`follow_outside_changes`]).

use leptos::prelude::*;
use serde_json::Value;

use crate::form::fields::{FieldKind, FieldSpec, Whose};
use crate::offer::entry::{parse_as_in, parse_entry};
use crate::report::locale::signs;

/// A document a page's fields edit: the calculator's offer draft, a project of the team file (an
/// offer at `projects[i].`), or the team file itself.
pub trait Document: Copy + Send + Sync + 'static {
    /// The path of the document's field at `at` (an offer path for a project of a team).
    fn path(&self, at: &str) -> String {
        at.to_string()
    }
    /// The text stored at `path`; tracked, so that a view reading it follows it.
    fn text_at(&self, path: &str) -> String;
    /// The same, untracked: what an input starts from.
    fn text_at_untracked(&self, path: &str) -> String;
    /// The reader's messages for `path`.
    fn errors_at(&self, path: &str) -> Vec<String>;
    /// Writes a field as typed (a milestone's name renames its mentions with it).
    fn set_field(&self, path: &str, value: Value);
    /// Sets a choice; some bring other fields with them, and the page redraws when they do.
    fn set_choice(&self, path: &str, value: &str);
    /// A field the company plan sets, shown read-only.
    fn is_locked(&self, _path: &str) -> bool {
        false
    }
    /// Who fills it in: a field says whose figure it is ("from your offer letter", "your
    /// estimate") to a person, not to a company writing its plan.
    fn audience(&self) -> Audience {
        Audience::Person
    }
    /// The currency of the money at `path`, for its unit.
    fn currency(&self, at: &str) -> String {
        let _ = at;
        self.text_at(&self.path("currency"))
    }
}

/// Who is filling the offer in: a person weighing it, or a company writing its plan. The words
/// change with it ("how likely you think it is", "the company thinks"), never the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Person,
    Company,
}

/// A DOM id for a field path (`scenarios[1].name` → `f-scenarios-1-name`).
#[must_use]
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for ch in path.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            id.push(ch);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

/// The unit shown after an input: the currency for money.
#[must_use]
pub fn unit_text(spec: &FieldSpec, currency: &str) -> String {
    match (spec.kind, spec.unit) {
        (FieldKind::Money, "") => currency.to_string(),
        (FieldKind::Money, per) => format!("{currency} {per}"),
        (_, unit) => unit.to_string(),
    }
}

/// Whose figure it is ("From your offer letter", "Your estimate"), as a badge read first, as a
/// sentence, with the help that follows it: the fields, the tables and the guided start's
/// questions all say it so.
pub fn whose_badge(whose: Whose) -> Option<impl IntoView> {
    let class = match whose {
        Whose::Plan => "whose plan",
        Whose::Yours => "whose yours",
        Whose::Unsaid => return None,
    };
    whose.badge().map(|badge| {
        view! { <span class=class>{badge}</span><span class="visually-hidden">". "</span>" " }
    })
}

/// Shows a change made elsewhere (the tokens following the salary traded under a mix, another
/// tab's edit) in an input the person is not typing in. Text that already means the stored value
/// (`25k` for `25000`) is left as typed. `stored` reads the field's stored text, tracked.
pub fn follow_outside_changes(
    stored: impl Fn() -> String + 'static,
    kind: FieldKind,
    input_ref: NodeRef<leptos::html::Input>,
) {
    Effect::new(move |_| {
        let stored = stored();
        let Some(input) = input_ref.get() else { return };
        let focused = document().active_element().is_some_and(|active| {
            wasm_bindgen::JsValue::from(active) == wasm_bindgen::JsValue::from(input.clone())
        });
        let shown = input.value();
        let same = match kind {
            FieldKind::Text => shown == stored,
            // Read as leniently as any field of its kind reads (`$500/month` for `6000` a year).
            _ => {
                parse_as_in(&shown, kind.reading("a year"), signs()).ok()
                    == parse_entry(&stored).ok()
            }
        };
        if !focused && !same {
            input.set_value(&kind.shown(stored));
        }
    });
}

/// One labelled input bound to the document's field at `at`.
#[component]
pub fn Field<D: Document>(
    /// The document the field edits.
    doc: D,
    /// What the field is: label, unit, help, kind.
    spec: &'static FieldSpec,
    /// Its path in the document (under the document's own prefix); defaults to the spec's path
    /// (table cells give theirs).
    #[prop(optional, into)]
    at: Option<String>,
    /// An empty input removes the field (for optional ones such as a shutdown month).
    #[prop(optional)]
    optional: bool,
    /// Show the label, unit and help only to screen readers (in tables, the column header says
    /// them).
    #[prop(optional)]
    compact: bool,
    /// Its label, where the spec's would not say enough (a cell of the Company view's tables).
    #[prop(optional)]
    label: Option<&'static str>,
) -> impl IntoView {
    let at = at.unwrap_or_else(|| spec.path.to_string());
    let path = doc.path(&at);
    let id = field_id(&path);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let locked = doc.is_locked(&path);
    let initial = spec.kind.shown(doc.text_at_untracked(&path));
    // What could not be read as typed, else the reader's messages.
    let entry_error = RwSignal::new(None::<String>);
    let problems = {
        let path = path.clone();
        Memo::new(move |_| entry_error.get().map_or_else(|| doc.errors_at(&path), |e| vec![e]))
    };
    let invalid = move || problems.with(|p| !p.is_empty());
    let optional = optional || spec.optional;
    let test_id = format!("field-{path}");
    let input = match spec.kind {
        FieldKind::Choice(choices) => {
            let path = path.clone();
            view! {
                <select id=id.clone() data-testid=test_id aria-describedby=format!("{help_id} {error_id}") disabled=locked
                    aria-invalid=move || invalid().to_string()
                    on:change=move |ev| doc.set_choice(&path, &event_target_value(&ev))>
                    {choices.iter().map(|(value, label)| view! {
                        <option value=*value selected=initial == *value>{*label}</option>
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        FieldKind::Switch => {
            let path = path.clone();
            view! {
                <input type="checkbox" id=id.clone() data-testid=test_id checked=initial == "true" disabled=locked
                    aria-describedby=format!("{help_id} {error_id}")
                    on:change=move |ev| doc.set_field(&path, Value::Bool(event_target_checked(&ev))) />
            }
            .into_any()
        }
        kind => {
            let mode = if kind == FieldKind::Text { "text" } else { "decimal" };
            let input_ref = NodeRef::<leptos::html::Input>::new();
            let stored = {
                let path = path.clone();
                move || doc.text_at(&path)
            };
            follow_outside_changes(stored, kind, input_ref);
            let path = path.clone();
            view! {
                <input type="text" node_ref=input_ref id=id.clone() data-testid=test_id value=initial inputmode=mode readonly=locked
                    autocomplete="off" spellcheck="false"
                    aria-describedby=format!("{help_id} {error_id}")
                    aria-invalid=move || invalid().to_string()
                    on:input=move |ev| {
                        let (value, problem) = spec.stored_in(&event_target_value(&ev), optional, signs());
                        entry_error.set(problem);
                        doc.set_field(&path, value);
                    } />
            }
            .into_any()
        }
    };
    let currency = move || doc.currency(&at);
    view! {
        <div class="field" class:invalid=invalid class:compact=compact
            class:plan=(doc.audience() == Audience::Person) && spec.whose == Whose::Plan
            class:yours=(doc.audience() == Audience::Person) && spec.whose == Whose::Yours>
            <label for=id class:visually-hidden=compact>{label.unwrap_or(spec.label)}</label>
            <div class="input-row">
                {input}
                // In tables the column header names the unit.
                {(!compact).then(|| view! { <span class="unit">{move || unit_text(spec, &currency())}</span> })}
            </div>
            <p class="help" class:visually-hidden=compact id=help_id>
                // Whose figure it is, as a badge; read first, as a sentence, with the help.
                {(doc.audience() == Audience::Person).then(|| whose_badge(spec.whose))}
                {spec.help}
                {locked.then(|| view! { <span class="locked-note">" Set by the company plan."</span> })}
            </p>
            <p class="error" id=error_id data-testid=format!("error-{path}") aria-live="polite">
                {move || problems.get().join("; ")}
            </p>
        </div>
    }
}

/// The reader's messages at `path` (a list's, a block's), beside the controls they are about.
#[component]
pub fn Errors<D: Document>(doc: D, path: String) -> impl IntoView {
    let testid = format!("error-{path}");
    view! { <p class="error" data-testid=testid>{move || doc.errors_at(&path).join("; ")}</p> }
}
