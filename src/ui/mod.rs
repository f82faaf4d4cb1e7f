//! The browser app: thin Leptos components over the pure engine and form core.
//!
//! `state` holds the workspace (saved offers → draft → validated offer → report, and the sliced
//! simulation); `form` edits the draft; `results` and `charts` read the report; `library` manages
//! the saved offers; `storage` is the only module that touches local storage.

pub mod charts;
pub mod comparison;
pub mod decide;
pub mod embed;
pub mod form;
pub mod library;
pub mod results;
pub mod state;
pub mod storage;

use leptos::prelude::*;

use form::OfferForm;
use library::{LibraryBar, Notices};
use results::{Details, Headline};
use state::Workspace;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let workspace = Workspace::load();
    provide_context(workspace);
    if let Some(open) = state::embed_options() {
        return view! { <embed::EmbedView open=open /> }.into_any();
    }
    view! {
        <header class="top">
            <h1>"tokenworth"</h1>
            <p class="tagline">"What is an offer of AI-project tokens really worth? Everything is computed in your browser; nothing is sent anywhere."</p>
        </header>
        <Notices />
        <LibraryBar />
        <main class="layout">
            <div class="inputs">
                <OfferForm />
            </div>
            <div class="outputs">
                <Headline />
                <decide::DecidePanel />
                <Details />
                <comparison::ComparePanel />
            </div>
        </main>
        <footer class="bottom"><p>"tokenworth values offers with the model in MODEL.md: ranges first, point estimates second. It is a calculator, not advice."</p></footer>
    }
    .into_any()
}
