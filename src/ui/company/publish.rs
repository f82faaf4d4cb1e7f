//! "Publish": what each project's intranet site serves, as downloads: its `plan.json`, the
//! `tokenworth.config.json` that names it, and the printable disclosure page `plan.html`. Put the
//! three beside the calculator's `index.html` (one site per project).

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

/// One row per project, with its downloads.
#[component]
pub fn PublishPanel() -> impl IntoView {
    let co = expect_context::<Company>();
    let message = RwSignal::new(None::<String>);
    let sites = Memo::new(move |_| co.checked.with(|c| c.as_ref().ok().map(publish)));
    // The example team's claims, flagged where a team still makes them (issue 28).
    let example_claims = StoredValue::new(
        crate::team::parse_team(crate::company::EXAMPLE_TEAM)
            .map(|team| {
                publish(&team).iter().flat_map(|s| s.disclosure.claims()).collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let fetch = move |site: &Site, only: Option<&'static str>| {
        for (name, text, mime) in files(site) {
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
            {move || match sites.get() {
                None => view! { <p data-testid="publish-waiting">"Publishing needs a team that reads: see the messages above."</p> }.into_any(),
                Some(sites) => view! {
                    <ul class="sites">
                        {sites.into_iter().map(|site| {
                            let dir = site.directory.clone();
                            let claims = site.disclosure.claims();
                            let site = StoredValue::new(site);
                            // Nothing is downloaded before the person confirms every claim.
                            let confirmed = RwSignal::new(false);
                            let none = claims.is_empty();
                            view! {
                                <li data-testid=format!("publish-{dir}")>
                                    <strong>{site.with_value(|s| s.project.clone())}</strong>
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
                                    <button type="button" data-testid=format!("publish-{dir}-all") disabled=move || !confirmed.get() on:click=move |_| site.with_value(|s| fetch(s, None))>"Download the three files"</button>" "
                                    {[PLAN_FILE, CONFIG_FILE, DISCLOSURE_FILE].into_iter().map(|name| view! {
                                        <button type="button" class="link" data-testid=format!("publish-{dir}-{name}") disabled=move || !confirmed.get() on:click=move |_| site.with_value(|s| fetch(s, Some(name)))>{name}</button>" "
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
