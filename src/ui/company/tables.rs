//! The team's own fields, and its projects and members as editable tables: each field is an
//! input over the document at its path, with the team reader's errors for that path beside it.

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::state::{example_team, Company};
use crate::company::draft::{
    self, field_spec, project_names, row_errors, rows, MEMBER_COLUMNS, PROJECT_COLUMNS,
};
use crate::company::saved;
use crate::form::draft::text_at;
use crate::form::fields::FieldKind;

/// An id and test id from a path (`members[2].salary.base_annual` → `members-2-salary-base_annual`).
pub(super) fn slug(path: &str) -> String {
    path.replace(['[', '.'], "-").replace(']', "")
}

/// What typing `text` stores, as the calculator's form stores that field (`field_spec`), and a
/// message when it cannot be read; unreadable text is stored as typed, for the reader to name.
pub(super) fn stored(path: &str, text: &str) -> (Value, Option<String>) {
    let spec = field_spec(path);
    spec.stored(text, spec.optional)
}

/// How a stored value reads in its input.
fn shown(doc: &Value, path: &str) -> String {
    field_spec(path).kind.shown(text_at(doc, path))
}

/// One field: its input, and the reader's errors at its path next to it.
#[component]
fn TeamField(
    /// The field's path in the team file.
    path: String,
    /// What it is, for people (a visually hidden label in a table cell).
    label: &'static str,
) -> impl IntoView {
    let co = expect_context::<Company>();
    let id = format!("team-{}", slug(&path));
    let error_id = format!("{id}-error");
    let initial = co.team.with_untracked(|doc| shown(doc, &path));
    // What could not be read as typed, else the reader's errors at the path.
    let entry_error = RwSignal::new(None::<String>);
    let problems = {
        let path = path.clone();
        Memo::new(move |_| entry_error.get().map_or_else(|| co.errors_at(&path), |e| vec![e]))
    };
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let (value, problem) = stored(&path, &event_target_value(&ev));
            entry_error.set(problem);
            co.set_field(&path, value);
        }
    };
    let test_id = format!("field-{path}");
    let error_test_id = format!("error-{path}");
    // Another tab's edit shows here unless the person is typing in this field.
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let kind = field_spec(&path).kind;
    let stored = move || co.team.with(|doc| text_at(doc, &path));
    crate::ui::form::follow_outside_changes(stored, kind, input_ref);
    view! {
        <label for=id.clone() class="visually-hidden">{label}</label>
        <input id=id type="text" inputmode=if kind == FieldKind::Text { "text" } else { "decimal" }
            node_ref=input_ref data-testid=test_id value=initial on:input=on_input
            aria-invalid=move || (!problems.with(Vec::is_empty)).then_some("true")
            aria-describedby=error_id.clone() />
        <span class="field-error" id=error_id data-testid=error_test_id>
            {move || problems.get().join("; ")}
        </span>
    }
}

/// The company's name and discount rate, with the team's own errors.
#[component]
pub fn TeamFields() -> impl IntoView {
    let co = expect_context::<Company>();
    let general = Memo::new(move |_| {
        co.checked.with(|c| match c {
            Ok(_) => Vec::new(),
            Err(errors) => draft::team_errors(errors)
                .into_iter()
                .filter(|e| e.path != "company" && e.path != "discount_rate_pct")
                .map(|e| {
                    if e.path.is_empty() {
                        e.message.clone()
                    } else {
                        format!("{}: {}", e.path, e.message)
                    }
                })
                .collect::<Vec<_>>(),
        })
    });
    move || {
        co.generation.track();
        view! {
            <section class="team-fields" aria-labelledby="team-heading">
                <h2 id="team-heading">"The company"</h2>
                <div class="team-field"><span>"Company"</span><TeamField path={"company".to_string()} label="Company" /></div>
                <div class="team-field"><span>"Its discount rate (% a year)"</span><TeamField path={"discount_rate_pct".to_string()} label="The company's discount rate, % a year" /></div>
                <ul class="errors" data-testid="team-errors">
                    {move || general.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                </ul>
            </section>
        }
    }
}

/// The problems of a row that its columns do not show.
#[component]
fn RowErrors(row: String, columns: &'static [(&'static str, &'static str)]) -> impl IntoView {
    let co = expect_context::<Company>();
    let test_id = format!("row-errors-{row}");
    let errors = Memo::new(move |_| {
        co.checked
            .with(|c| c.as_ref().err().map(|e| row_errors(e, &row, columns)).unwrap_or_default())
    });
    view! {
        <td class="row-errors" data-testid=test_id>
            {move || errors.get().into_iter().map(|e| view! { <p class="field-error">{e}</p> }).collect_view()}
        </td>
    }
}

/// The projects: name, horizon, supply, dilution; the rest of their terms are in `plan`.
#[component]
pub fn ProjectsTable() -> impl IntoView {
    let co = expect_context::<Company>();
    let count = Memo::new(move |_| co.team.with(|d| rows(d, "projects")));
    move || {
        co.generation.track();
        let n = count.get();
        view! {
            <section aria-labelledby="projects-heading">
                <h2 id="projects-heading">"Projects"</h2>
                <p class="hint">"Each project's payouts, vesting and scenarios are under \"Plan terms and scenarios\" below."</p>
                <div class="table-scroll">
                <table class="team-table" data-testid="projects-table">
                    <thead><tr>
                        {PROJECT_COLUMNS.iter().map(|(_, label)| view! { <th scope="col">{*label}</th> }).collect_view()}
                        <th scope="col">"Other problems"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr></thead>
                    <tbody>
                        {(0..n).map(|i| view! {
                            <tr data-testid=format!("project-row-{i}")>
                                {PROJECT_COLUMNS.iter().map(|(column, label)| view! {
                                    <td><TeamField path=format!("projects[{i}].{column}") label=*label /></td>
                                }).collect_view()}
                                <super::plan::ProjectRowErrors i=i />
                                <td class="row-actions">
                                    <button type="button" data-testid=format!("duplicate-project-{i}")
                                        on:click=move |_| co.restructure(|d| { draft::duplicate_project(d, i); })>"Duplicate"</button>
                                    <button type="button" data-testid=format!("remove-project-{i}")
                                        on:click=move |_| co.restructure(|d| { draft::remove_project(d, i); })>"Remove (with its members)"</button>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <button type="button" data-testid="add-project" on:click=move |_| co.restructure(|d| { draft::add_project(d); })>"Add a project"</button>
            </section>
        }
    }
}

/// The members: a person, or a role of alike people, on one project.
#[component]
pub fn MembersTable() -> impl IntoView {
    let co = expect_context::<Company>();
    let shape = Memo::new(move |_| co.team.with(|d| (rows(d, "members"), project_names(d))));
    move || {
        co.generation.track();
        let (n, projects) = shape.get();
        view! {
            <section aria-labelledby="members-heading">
                <h2 id="members-heading">"Members"</h2>
                <div class="table-scroll">
                <table class="team-table" data-testid="members-table">
                    <thead><tr>
                        {MEMBER_COLUMNS.iter().map(|(_, label)| view! { <th scope="col">{*label}</th> }).collect_view()}
                        <th scope="col">"Other problems"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr></thead>
                    <tbody>
                        {(0..n).map(|i| {
                            let projects = projects.clone();
                            view! {
                                <tr data-testid=format!("member-row-{i}")>
                                    {MEMBER_COLUMNS.iter().map(|(column, label)| {
                                        let path = format!("members[{i}].{column}");
                                        if *column == "project" {
                                            view! { <td><ProjectChoice path=path names=projects.clone() /></td> }.into_any()
                                        } else {
                                            view! { <td><TeamField path=path label=*label /></td> }.into_any()
                                        }
                                    }).collect_view()}
                                    <RowErrors row=format!("members[{i}]") columns=&MEMBER_COLUMNS[..] />
                                    <td class="row-actions">
                                        <button type="button" data-testid=format!("duplicate-member-{i}")
                                            on:click=move |_| co.restructure(|d| { draft::duplicate_member(d, i); })>"Duplicate"</button>
                                        <button type="button" data-testid=format!("remove-member-{i}")
                                            on:click=move |_| co.restructure(|d| { draft::remove_member(d, i); })>"Remove"</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <button type="button" data-testid="add-member" on:click=move |_| co.restructure(|d| { draft::add_member(d); })>"Add a member"</button>
            </section>
        }
    }
}

/// A member's project, chosen among the team's.
#[component]
fn ProjectChoice(path: String, names: Vec<String>) -> impl IntoView {
    let co = expect_context::<Company>();
    let current = co.team.with_untracked(|d| text_at(d, &path));
    let id = format!("team-{}", slug(&path));
    let error_id = format!("{id}-error");
    let problems = {
        let path = path.clone();
        Memo::new(move |_| co.errors_at(&path))
    };
    let known = names.contains(&current);
    let test_id = format!("field-{path}");
    let error_test_id = format!("error-{path}");
    let on_change = {
        let path = path.clone();
        move |ev: leptos::ev::Event| co.set_field(&path, Value::String(event_target_value(&ev)))
    };
    view! {
        <label for=id.clone() class="visually-hidden">"Project"</label>
        <select id=id data-testid=test_id on:change=on_change aria-describedby=error_id.clone()>
            {(!known).then(|| view! { <option value=current.clone() selected=true>{format!("{current} (no such project)")}</option> })}
            {names.into_iter().map(|name| {
                let selected = name == current;
                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
            }).collect_view()}
        </select>
        <span class="field-error" id=error_id data-testid=error_test_id>{move || problems.get().join("; ")}</span>
    }
}

/// Import, export and starting again from the example.
#[component]
pub fn TeamBar() -> impl IntoView {
    let co = expect_context::<Company>();
    let message = RwSignal::new(None::<String>);
    let on_import = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        if let Some(why) = crate::library::import_refused(&file.name(), file.size()) {
            return message.set(Some(why));
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            match text.map(|t| saved::import(&t)) {
                Some(Ok(document)) => {
                    co.replace(document, "The team you had open before the import was put aside.");
                    message.set(Some(format!("Imported {}.", file.name())));
                }
                Some(Err(why)) => message.set(Some(format!("{}: {why}", file.name()))),
                None => message.set(Some(format!("Could not read {}.", file.name()))),
            }
        });
    };
    let on_export = move |_| {
        let (name, text) = co.team.with_untracked(|doc| {
            (
                crate::ui::library::file_name(&format!("{} team", text_at(doc, "company"))),
                serde_json::to_string_pretty(doc).unwrap_or_default(),
            )
        });
        if let Err(why) = crate::ui::library::download(&name, &text, "application/json") {
            message.set(Some(why));
        }
    };
    view! {
        <nav class="library" aria-label="The team file">
            <label class="button" data-testid="import-team-label">"Import a team file"
                <input type="file" accept=".json,application/json" class="visually-hidden" data-testid="import-team" on:change=on_import />
            </label>
            <button type="button" data-testid="export-team" on:click=on_export>"Export the team file"</button>
            <button type="button" data-testid="example-team" on:click=move |_| {
                co.replace(example_team(), "The team you had open before opening the example was put aside.");
            }>"Start from the example"</button>
            <span role="status" data-testid="team-message">{move || message.get()}</span>
        </nav>
    }
}
