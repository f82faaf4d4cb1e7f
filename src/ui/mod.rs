//! The browser app: thin Leptos components over the pure engine.

pub mod charts;
pub mod storage;

use leptos::prelude::*;

use crate::engine::value_exact;
use crate::format::{money, percent};
use crate::offer::parse_offer;

const EXAMPLE: &str = include_str!("../../examples/acme-copilot.json");

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let report = parse_offer(EXAMPLE).map_err(|e| e.to_string()).and_then(|o| value_exact(&o).map_err(|e| e.to_string()));
    view! {
        <main>
            <h1>"tokenworth"</h1>
            {match report {
                Ok(r) => view! {
                    <p data-testid="expected-token-pv">{money(r.expected.token_pv, &r.currency)}</p>
                    <p data-testid="prob-zero">{percent(r.prob_zero)}</p>
                }.into_any(),
                Err(e) => view! { <p class="error">{e}</p> }.into_any(),
            }}
        </main>
    }
}
