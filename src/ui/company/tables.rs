//! The team's own fields, and its projects and members as editable tables: each field is an
//! input over the document at its path, with the team reader's errors for that path beside it.

use leptos::prelude::*;
use serde_json::Value;

use super::state::{example_team, Company};
use crate::company::draft::{
    self, field_spec, project_names, row_errors, MEMBER_COLUMNS, PROJECT_COLUMNS,
};
use crate::company::saved;
use crate::offer::paths::{list_len, text_at};
use crate::ui::kit::field::{field_id, Field};
use crate::ui::kit::files::import_chosen_file;

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
                <div class="team-field"><span>"Company"</span><Field doc=co spec=field_spec("company") at="company" label="Company" compact=true /></div>
                <div class="team-field"><span>"Its discount rate (% a year)"</span><Field doc=co spec=field_spec("discount_rate_pct") at="discount_rate_pct" label="The company's discount rate, % a year" compact=true /></div>
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
    let count = Memo::new(move |_| co.team.with(|d| list_len(d, "projects")));
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
                                    <td><Field doc=co spec=field_spec(&format!("projects[{i}].{column}")) at=format!("projects[{i}].{column}") label=*label compact=true /></td>
                                }).collect_view()}
                                <super::plan::ProjectRowErrors i=i />
                                {row_actions(co, "project", i, draft::duplicate_project, draft::remove_project, "Remove (with its members)")}
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

/// A row's buttons: a copy of it below, and its removal.
fn row_actions(
    co: Company,
    row: &'static str,
    i: usize,
    duplicate: fn(&mut Value, usize) -> Option<usize>,
    remove: fn(&mut Value, usize) -> bool,
    remove_words: &'static str,
) -> impl IntoView {
    view! {
        <td class="row-actions">
            <button type="button" data-testid=format!("duplicate-{row}-{i}")
                on:click=move |_| co.restructure(|d| { duplicate(d, i); })>"Duplicate"</button>
            <button type="button" data-testid=format!("remove-{row}-{i}")
                on:click=move |_| co.restructure(|d| { remove(d, i); })>{remove_words}</button>
        </td>
    }
}

/// The members: a person, or a role of alike people, on one project.
#[component]
pub fn MembersTable() -> impl IntoView {
    let co = expect_context::<Company>();
    let shape = Memo::new(move |_| co.team.with(|d| (list_len(d, "members"), project_names(d))));
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
                                            view! { <td><Field doc=co spec=field_spec(&path) at=path.clone() label=*label compact=true /></td> }.into_any()
                                        }
                                    }).collect_view()}
                                    <RowErrors row=format!("members[{i}]") columns=&MEMBER_COLUMNS[..] />
                                    {row_actions(co, "member", i, draft::duplicate_member, draft::remove_member, "Remove")}
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
    let id = field_id(&path);
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
        import_chosen_file(
            &ev,
            |name, text| saved::import(text).map_err(|why| format!("{name}: {why}")),
            move |document| {
                co.replace(document, "The team you had open before the import was put aside.");
            },
            move |words| message.set(Some(words)),
        );
    };
    let on_export = move |_| {
        let (name, text) = co.team.with_untracked(|doc| {
            (
                crate::ui::kit::files::file_name(&format!("{} team", text_at(doc, "company"))),
                serde_json::to_string_pretty(doc).unwrap_or_default(),
            )
        });
        if let Err(why) = crate::ui::kit::files::download(&name, &text, "application/json") {
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
