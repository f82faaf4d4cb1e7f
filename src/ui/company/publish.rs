//! "Publish": what each project's intranet site serves, as downloads: its `plan.json`, the
//! `tokenworth.config.json` that names it, and the printable disclosure page `plan.html`. Put the
//! three beside the calculator's `index.html` (one site per project). The panel shows each site's
//! claims; its files are written when they are asked for, from the team as it is then.

use leptos::prelude::*;

use super::state::Company;
use crate::team::intranet::CONFIG_FILE;
use crate::team::{publish, Site, DISCLOSURE_FILE, PLAN_FILE};
use crate::ui::kit::files::download;

/// The three files of one site: name, text, type.
fn files(site: &Site) -> [(&'static str, String, &'static str); 3] {
    [
        (PLAN_FILE, site.plan_json.clone(), "application/json"),
        (CONFIG_FILE, site.config_json.clone(), "application/json"),
        (DISCLOSURE_FILE, site.disclosure_html.clone(), "text/html"),
    ]
}

/// What the panel shows of one site: its directory, its project and its claims.
#[derive(Clone, PartialEq)]
struct Row {
    directory: String,
    project: String,
    claims: Vec<String>,
}

/// One row per project, with its downloads.
#[component]
pub fn PublishPanel() -> impl IntoView {
    let co = expect_context::<Company>();
    let message = RwSignal::new(None::<String>);
    // The rows are drawn again only when a claim, a name or the projects change: a keystroke
    // elsewhere keeps the confirmations.
    let rows = Memo::new(move |_| {
        co.checked.with(|c| {
            c.as_ref().ok().map(|team| {
                publish(team)
                    .into_iter()
                    .map(|s| Row {
                        claims: s.disclosure.claims(),
                        directory: s.directory,
                        project: s.project,
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // The example team's claims, flagged where a team still makes them (issue 28).
    let example_claims = StoredValue::new(
        crate::team::parse_team(crate::company::EXAMPLE_TEAM)
            .map(|team| {
                publish(&team).iter().flat_map(|s| s.disclosure.claims()).collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    // The site's files from the team as it is now (the panel shows no figure of the team that
    // the claims do not say).
    let fetch = move |directory: &str, only: Option<&'static str>| {
        let site = co.checked.with_untracked(|c| {
            c.as_ref()
                .ok()
                .and_then(|team| publish(team).into_iter().find(|s| s.directory == directory))
        });
        let Some(site) = site else { return };
        for (name, text, mime) in files(&site) {
            if only.is_none_or(|o| o == name) {
                if let Err(why) = download(name, &text, mime) {
                    message.set(Some(why));
                }
            }
        }
    };
    view! {
        <section class="publish" aria-labelledby="publish-heading">
            <h2 id="publish-heading">"Publish"</h2>
            <p class="hint">"Each project is a site of its own: put its three files beside the calculator's index.html on your intranet. Employees then see the plan's terms locked, with a link to the disclosure page in the plan's banner."</p>
            {move || match rows.get() {
                None => view! { <p data-testid="publish-waiting">"Publishing needs a team that reads: see the messages above."</p> }.into_any(),
                Some(rows) => view! {
                    <ul class="sites">
                        {rows.into_iter().map(|Row { directory: dir, project, claims }| {
                            let directory = StoredValue::new(dir.clone());
                            // Nothing is downloaded before the person confirms every claim.
                            let confirmed = RwSignal::new(false);
                            let none = claims.is_empty();
                            view! {
                                <li data-testid=format!("publish-{dir}")>
                                    <strong>{project}</strong>
                                    <p>{if none { "The disclosure page makes no claim of yours: no note, no answer, no scenario." } else { "The disclosure page will say, in your company's name:" }}</p>
                                    <ul class="claims" data-testid=format!("publish-{dir}-claims")>
                                        {claims.into_iter().map(|claim| {
                                            let from_example = example_claims.with_value(|e| e.contains(&claim));
                                            view! { <li>{claim}{from_example.then_some(" (the example team's words: keep it only if it is true of yours)")}</li> }
                                        }).collect_view()}
                                    </ul>
                                    <label class="answer"><input type="checkbox" data-testid=format!("publish-{dir}-confirm")
                                        on:change=move |ev| confirmed.set(event_target_checked(&ev)) />
                                        {if none { " Publish these terms" } else { " Every claim above is ours, and true" }}</label>
                                    " "
                                    <button type="button" data-testid=format!("publish-{dir}-all") disabled=move || !confirmed.get() on:click=move |_| directory.with_value(|d| fetch(d, None))>"Download the three files"</button>" "
                                    {[PLAN_FILE, CONFIG_FILE, DISCLOSURE_FILE].into_iter().map(|name| view! {
                                        <button type="button" class="link" data-testid=format!("publish-{dir}-{name}") disabled=move || !confirmed.get() on:click=move |_| directory.with_value(|d| fetch(d, Some(name)))>{name}</button>" "
                                    }).collect_view()}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <p role="status">{move || message.get()}</p>
        </section>
    }
}
