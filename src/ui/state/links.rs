//! What the address and the site bring: a share link (or the guided start's `#start`, in
//! `guided`), an embed's options, and a company's plan on its intranet.

use leptos::prelude::*;
use serde_json::Value;

use super::{CompanyPlan, Notice, Workspace};

impl Workspace {
    /// Loads the site's config and, if it names a company plan, opens the employee's copy of it.
    pub(super) fn load_company_plan(self) {
        leptos::task::spawn_local(async move {
            let Ok(config_text) = fetch_text(crate::team::intranet::CONFIG_FILE).await else {
                return;
            };
            let config = match crate::team::intranet::parse_config(&config_text) {
                Ok(config) => config,
                Err(why) => return self.notices.update(|n| n.push(Notice::Plan(why))),
            };
            let Some(file) = config.plan else { return };
            let plan = match fetch_text(&file).await {
                Ok(text) => crate::offer::parse_offer(&text)
                    .map_err(|e| format!("{file} is not a valid offer: {e}")),
                Err(why) => Err(why),
            };
            let plan: Value = match plan.and_then(|offer| {
                serde_json::from_str(&crate::offer::write_offer(&offer)).map_err(|e| e.to_string())
            }) {
                Ok(plan) => plan,
                Err(why) => return self.notices.update(|n| n.push(Notice::Plan(why))),
            };
            let opens = self.shared.with_untracked(Option::is_none);
            self.library.update(|lib| {
                let id = crate::team::intranet::PLAN_OFFER_ID;
                let document = crate::team::intranet::merge_plan(&plan, lib.document(id));
                lib.save_first(id, document, opens);
            });
            self.plan.set(Some(CompanyPlan {
                company: config.company,
                file,
                disclosure: config.disclosure,
            }));
            self.rebuild_form();
        });
    }

    /// A share link pasted into this tab's address bar opens like a fresh one (`#start` is the
    /// guided start's: `guided::follow_start_links`).
    pub(super) fn follow_share_links(self) {
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            let (shared, error) = shared_from_address();
            if shared.is_some() || error.is_some() {
                self.shared.set(shared);
                self.share_error.set(error);
                self.rebuild_form();
            }
        });
        on_cleanup(move || handle.remove());
    }
}

/// The offer of a share link in the address (`#offer=v1.…`), or why it cannot be opened; nothing
/// when the address has no share link.
pub(super) fn shared_from_address() -> (Option<Value>, Option<String>) {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    if !fragment.starts_with(crate::store::share::FRAGMENT_PREFIX) {
        return (None, None);
    }
    match crate::store::share::decode_fragment(fragment) {
        Ok(offer) => (serde_json::from_str(&crate::offer::write_offer(&offer)).ok(), None),
        Err(e) => (None, Some(e.to_string())),
    }
}

/// What an embed shows: `?embed&open=salary.sacrificed_annual,grant.tokens` leaves those fields
/// open; `None` outside an embed.
#[must_use]
pub fn embed_options() -> Option<Vec<String>> {
    let search = web_sys::window()?.location().search().ok()?;
    let query = search.strip_prefix('?')?;
    let mut embedded = false;
    let mut open = Vec::new();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "embed" => embedded = true,
            // Paths the form does not know are left out by the embed's inputs, whose chunk
            // holds the form's fields: the first load does not.
            "open" => open = value.split(',').map(str::to_string).collect(),
            _ => {}
        }
    }
    embedded.then_some(open)
}

/// Removes the share link from the address without reloading or adding a history entry.
pub(super) fn clear_address_fragment() {
    let Some(window) = web_sys::window() else { return };
    let path = window.location().pathname().unwrap_or_default()
        + &window.location().search().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// Fetches a file beside `index.html` (a relative URL, so the site works from any sub-path).
async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url} could not be fetched"))?
        .dyn_into()
        .map_err(|_| format!("{url}: no response"))?;
    if !response.ok() {
        return Err(format!("{url}: the server answered {}", response.status()));
    }
    let text = response.text().map_err(|_| format!("{url}: unreadable"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{url}: unreadable"))
}
