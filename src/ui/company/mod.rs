//! The Company view (issue 16), a page of its own (`company/index.html`, bin `tokenworth-company`):
//! the team file's projects and members as editable tables, each project's plan terms and
//! scenarios, saved in local storage, imported and exported; the team's report and charts; and "Publish", which downloads what each project's
//! intranet site serves. Thin components over `crate::company` (the document and its storage
//! envelope) and `crate::team` (reading, valuing, publishing).

mod members;
mod plan;
mod publish;
mod report;
mod state;
mod tables;

use leptos::prelude::*;

pub use state::{Company, Notice};

/// The whole Company view.
#[component]
pub fn CompanyApp() -> impl IntoView {
    let company = Company::load();
    provide_context(company);
    crate::ui::kit::charts::provide_chart_width();
    view! {
        <Notices />
        <main class="company">
            <tables::TeamBar />
            <tables::TeamFields />
            <tables::ProjectsTable />
            <tables::MembersTable />
            <members::MembersOwnFigures />
            <plan::ProjectPlans />
            <report::TeamReportView />
            <publish::PublishPanel />
        </main>
    }
}

/// What the person must know about their saved team.
#[component]
fn Notices() -> impl IntoView {
    let co = expect_context::<Company>();
    move || {
        co.notices.get().into_iter().map(|n| match n {
            Notice::Storage(text) => view! { <p class="notice" role="alert" data-testid="team-storage-notice">{text}</p> }.into_any(),
            Notice::Newer(v) => view! {
                <p class="notice" role="alert" data-testid="team-newer-notice">{format!("The team saved here was written by a newer tokenworth (version {v}). It is left untouched: this page works on the example team and saves nothing.")}</p>
            }.into_any(),
            Notice::OtherTab(text) => view! { <p class="notice" role="alert" data-testid="team-other-tab-notice">{text}</p> }.into_any(),
            Notice::Kept { key, raw, why } => {
                let text = match key {
                    Some(key) => format!("{why} It is kept in this browser under \"{key}\"; you can also download it."),
                    None => why,
                };
                view! {
                    <p class="notice" role="alert" data-testid="team-kept-notice">{text}" "
                        <button type="button" data-testid="download-kept" on:click=move |_| {
                            let _ = crate::ui::kit::files::download("kept-team.json", &raw, "application/json");
                        }>"Download it"</button>
                    </p>
                }.into_any()
            }
        }).collect_view()
    }
}
