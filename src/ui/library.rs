//! The saved offers: pick, create, rename, duplicate, delete (with undo), import and export; and the
//! notices about stored data that a person must see.

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::kit::chunk::{in_chunk, when_ready, Lazy};
use super::kit::files::{download, file_name, import_chosen_file};
use super::kit::focus::focus_when_drawn;
use super::state::{Notice, Workspace};
use crate::form::draft;
use crate::offer::paths::text_at;
use crate::offer::write_offer;
use crate::store::examples::{EXAMPLES, LISTED};

/// The offer file text to export: the validated offer written back, or the draft as it is.
fn export_text(document: &Value) -> String {
    match crate::offer::read_offer(document) {
        Ok(offer) => write_offer(&offer),
        Err(_) => serde_json::to_string_pretty(document).unwrap_or_default(),
    }
}

/// The bar above the form.
#[component]
pub fn LibraryBar() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    // What the last import or copied example came to, when it needs saying.
    let status = RwSignal::new(None::<String>);
    let sharing = RwSignal::new(false);
    let embedding = RwSignal::new(false);
    // The example last copied from the picker, whose sources are shown under the bar.
    let chosen_example = RwSignal::new(None::<usize>);
    let renaming = RwSignal::new(false);
    let current_id =
        move || ws.library.with(|lib| lib.current().map(|o| o.id.clone()).unwrap_or_default());
    let current_name = move || ws.draft.with(|d| text_at(d, "name"));
    let on_import = move |ev: leptos::ev::Event| {
        import_chosen_file(
            &ev,
            |_, text| crate::store::library::import_offer(text),
            move |document| ws.add(document),
            move |words| status.set(Some(words)),
        );
    };
    view! {
        <nav class="library" aria-label="Your offers">
            <label for="offer-picker" class="visually-hidden">"Offer"</label>
            <select id="offer-picker" data-testid="offer-picker" on:change=move |ev| {
                let id = event_target_value(&ev);
                if !id.is_empty() { ws.open(&id); }
            }>
                // A shared offer on screen is named, selected, first: it is the one the bar's
                // actions (Rename...) act on, not a saved one.
                {move || ws.shared.with(|shared| shared.as_ref().map(|doc| {
                    view! { <option value="" selected=true data-testid="shared-option">{format!("{} (shared, not saved)", text_at(doc, "name"))}</option> }
                }))}
                {move || ws.library.with(|lib| {
                    let current = lib.current().map(|o| o.id.clone()).filter(|_| ws.shared.with(Option::is_none));
                    lib.offers.iter().map(|o| {
                        let name = text_at(&o.document, "name");
                        let label = if name.trim().is_empty() { "Untitled offer".to_string() } else { name };
                        view! { <option value=o.id.clone() selected=current.as_ref() == Some(&o.id)>{label}</option> }
                    }).collect_view()
                })}
            </select>
            // The one primary action; the guided start's one entry is the page header's.
            <button type="button" class="primary" data-testid="new-offer" on:click=move |_| ws.add(draft::blank_offer("New offer"))>"New"</button>
            <label class="visually-hidden" for="example-picker">"New from an example"</label>
            <select id="example-picker" data-testid="new-from-example" on:change=move |ev| {
                let chosen = event_target_value(&ev);
                // A command, not a setting: back to its prompt, so that the same example can be chosen again.
                if let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
                    select.set_value("");
                }
                let Some(index) = LISTED.iter().position(|(id, _)| *id == chosen) else { return };
                // The offer files come with the chunk built after the first paint (src/store/examples.rs).
                when_ready(example_document(index), move |document| match document {
                    Ok(document) => {
                        if let Some(document) = document { ws.add(document); }
                        chosen_example.set(Some(index));
                        status.set(None);
                    }
                    Err(_) => status.set(Some("This example could not be loaded. Check the connection, then choose it again.".to_string())),
                });
            }>
                <option value="" selected=true>"New from an example…"</option>
                {LISTED.iter().map(|(id, description)| view! { <option value=*id>{*description}</option> }).collect_view()}
            </select>
            // Secondary actions, outlined; on a phone one row that scrolls, so that the figures
            // stay in the first screen. Delete is last and looks destructive.
            <div class="actions">
                <Show when=move || renaming.get() fallback=move || view! {
                    <button type="button" class="secondary" data-testid="rename" on:click=move |_| {
                        renaming.set(true);
                        focus_when_drawn("[data-testid=rename-input]");
                    }>"Rename"</button>
                }>
                    // Enter keeps the name and Escape does not; either way the keyboard goes back to
                    // "Rename". Leaving the field keeps what was typed.
                    <input type="text" aria-label="New name" data-testid="rename-input" value=current_name()
                        on:change=move |ev| { ws.rename(&event_target_value(&ev)); renaming.set(false); }
                        on:blur=move |_| renaming.set(false)
                        on:keydown=move |ev| {
                            let key = ev.key();
                            if key == "Enter" || key == "Escape" {
                                ev.prevent_default();
                                if key == "Enter" {
                                    ws.rename(&event_target_value(&ev));
                                } else if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    // Put back the name, so that leaving the field does not keep what was typed.
                                    input.set_value(&current_name());
                                }
                                renaming.set(false);
                                focus_when_drawn("[data-testid=rename]");
                            }
                        } />
                </Show>
                <button type="button" class="secondary" data-testid="duplicate-offer" disabled=move || ws.shared.with(Option::is_some) on:click=move |_| ws.duplicate(&current_id())>"Duplicate"</button>
                <label class="button secondary" for="import-file">"Import"</label>
                <input type="file" id="import-file" class="visually-hidden" accept=".json,application/json" data-testid="import-file" on:change=on_import />
                <button type="button" class="secondary" data-testid="share" disabled=move || ws.checked.with(Result::is_err)
                    on:click=move |_| sharing.set(true)>"Share"</button>
                <button type="button" class="secondary" data-testid="embed" disabled=move || ws.checked.with(Result::is_err)
                    aria-expanded=move || embedding.get().to_string() on:click=move |_| embedding.update(|e| *e = !*e)>"Embed"</button>
                <button type="button" class="secondary" data-testid="export-file" on:click=move |_| {
                    let document = ws.draft.get_untracked();
                    let _ = download(&file_name(&text_at(&document, "name")), &export_text(&document), "application/json");
                }>"Export"</button>
                <button type="button" class="danger" data-testid="delete-offer" disabled=move || ws.shared.with(Option::is_some) || ws.library.with(|l| l.offers.len() <= 1)
                    on:click=move |_| ws.delete(&current_id())>"Delete"</button>
            </div>
        </nav>
        {move || chosen_example.get().map(|index| view! { <Lazy load=move || example_sources(index) /> })}
        {move || ws.deleted.get().map(|(_, offer)| view! {
            <p class="notice" role="status" data-testid="undo-notice">
                {format!("Deleted \u{201c}{}\u{201d}. ", text_at(&offer.document, "name"))}
                <button type="button" data-testid="undo-delete" on:click=move |_| {
                    ws.undo_delete();
                    focus_when_drawn("[data-testid=delete-offer]");
                }>"Undo"</button>
            </p>
        })}
        {move || status.get().map(|m| view! { <p class="notice" role="status" data-testid="import-message">{m}</p> })}
        <Show when=move || sharing.get()><Lazy load=move || share_panel(sharing) /></Show>
        <Show when=move || embedding.get()><Lazy load=embed_snippet /></Show>
        <SharedBanner />
        <PlanBanner />
    }
}

/// Says whose terms the company plan's offer carries, while it is on screen.
#[component]
fn PlanBanner() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let on_plan = move || {
        ws.shared.with(Option::is_none)
            && ws.library.with(|lib| {
                lib.current().is_some_and(|o| o.id == crate::team::intranet::PLAN_OFFER_ID)
            })
    };
    move || {
        let plan = ws.plan.get()?;
        on_plan().then(|| view! {
            <p class="notice plan" role="status" data-testid="plan-banner">
                <strong>{format!("These are {} plan terms", crate::report::format::possessive(&plan.company))}</strong>
                {format!(" (from {}). The grant and how the tokens pay are set by the plan; your salary, scenarios, taxes, discount rate and attitude to risk are yours to change.", plan.file)}
                {plan.disclosure.map(|page| view! {
                    " "<a href=page data-testid="plan-disclosure-link">"Read the plan's terms and the company's answers"</a>"."
                })}
            </p>
        })
    }
}

/// Inputs an author may leave open in an embed: `(path, label)`.
const EMBED_INPUTS: [(&str, &str); 6] = [
    ("salary.sacrificed_annual", "Salary given up"),
    ("grant.tokens", "Tokens granted"),
    ("leaving.annual_departure_pct", "Chance of leaving"),
    ("personal.discount_rate_pct", "Discount rate"),
    ("personal.income_tax_pct", "Income tax"),
    ("personal.risk_aversion", "Risk aversion"),
];

in_chunk! {
    /// The offer file of the example at `index` in [`LISTED`], as a document to add.
    fn example_document(index: usize) in sections -> Option<Value> {
        EXAMPLES.get(index).and_then(|example| serde_json::from_str(example.text).ok())
    }
}

in_chunk! {
    /// Where the example at `index` comes from, under the bar.
    fn example_sources(index: usize) in sections {
        EXAMPLES.get(index).map(|example| view! {
            <p class="notice" data-testid="example-sources">
                {crate::store::examples::sources_sentence(example)}
                {example.sources.iter().map(|(label, url)| view! {
                    " " <a href=*url rel="noopener noreferrer" target="_blank">{*label}</a>
                }).collect_view()}
            </p>
        })
    }
}

in_chunk! {
    /// The embed snippet, with the sections built after the first paint.
    fn embed_snippet() in sections { view! { <EmbedSnippet /> } }
}

/// The `<iframe>` snippet for a blog post, with the inputs the author leaves open.
#[component]
fn EmbedSnippet() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let open =
        RwSignal::new(vec!["salary.sacrificed_annual".to_string(), "grant.tokens".to_string()]);
    let snippet = move || {
        let offer = ws.checked.with(|c| c.as_ref().ok().cloned())?;
        let href = web_sys::window()?.location().href().ok()?;
        let base = href.split(['#', '?']).next().unwrap_or(&href).to_string();
        let title = offer.name.replace(['"', '<', '>', '&'], "");
        Some(format!(
            "<iframe id=\"tokenworth-embed\" src=\"{base}?embed&open={}&{}={}#{}\" title=\"tokenworth: {title}\" \
sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\" style=\"width:100%;border:0\" height=\"640\" loading=\"lazy\"></iframe>\n\
<script>addEventListener(\"message\",function(e){{var f=document.getElementById(\"tokenworth-embed\");\
if(f&&e.source===f.contentWindow&&e.data&&e.data.type===\"{}\"){{f.height=e.data.height}}}});</script>",
            open.get().join(","),
            // The author's number format goes with the offer (issue 26).
            super::kit::locale::PARAM,
            super::kit::locale::in_use(),
            crate::store::share::encode_fragment(&offer),
            super::embed::HEIGHT_MESSAGE,
        ))
    };
    // Whether this host sends the header a sandboxed frame needs (issue 28): asked once, of this
    // page's own address, whose files are served alike.
    let host = RwSignal::new(None::<bool>);
    leptos::task::spawn_local(async move { host.set(host_allows_frames().await) });
    view! {
        <div class="notice embed-panel" role="region" aria-label="Embed this offer" data-testid="embed-panel"
            data-host=move || match host.get() { Some(true) => "sends-cors", Some(false) => "no-cors", None => "unknown" }>
            {move || (host.get() == Some(false)).then(|| view! {
                <p class="warning" role="alert" data-testid="embed-host-warning">
                    <strong>"This host will not work for an embed. "</strong>
                    "It does not send the header Access-Control-Allow-Origin: *, which a sandboxed frame on another site needs to load tokenworth's files: readers would see a message instead of the figures. Ask for that header on this folder, or host tokenworth where it is sent (GitHub Pages does)."
                </p>
            })}
            <p>"Paste this into a blog post. Readers see the headline figures and the outcome chart, and can change the inputs you leave open:"</p>
            <div class="presets">
                {EMBED_INPUTS.iter().map(|(path, label)| {
                    let checked = open.get_untracked().iter().any(|p| p == path);
                    view! {
                        <label class="answer"><input type="checkbox" checked=checked data-testid=format!("embed-open-{path}")
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                open.update(|list| { list.retain(|p| p != path); if on { list.push((*path).to_string()); } });
                            } />" " {*label}</label>
                    }
                }).collect_view()}
            </div>
            <label for="embed-snippet" class="visually-hidden">"Embed code"</label>
            <textarea id="embed-snippet" readonly=true rows="5" data-testid="embed-snippet" prop:value=move || snippet().unwrap_or_default()></textarea>
        </div>
    }
}

in_chunk! {
    /// The share panel, with the sections built after the first paint.
    fn share_panel(open: RwSignal<bool>) in sections { view! { <SharePanel open=open /> } }
}

/// The link to the offer on screen, what it carries, a choice to include the sender's own
/// figures (left out unless chosen: issue 28), and a button that copies it.
#[component]
fn SharePanel(
    /// Whether the panel is open; "Close" shuts it.
    open: RwSignal<bool>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let own = RwSignal::new(false);
    let copied = RwSignal::new("");
    let link = move || {
        let own = own.get();
        ws.checked.with(|c| c.as_ref().ok().and_then(|offer| share_link(offer, own)))
    };
    let copy = move |_| {
        let text = link().unwrap_or_default();
        leptos::task::spawn_local(async move {
            copied.set(if copy_text(&text).await {
                "Copied."
            } else {
                "Could not copy here: select the link and copy it."
            });
        });
    };
    // The link takes the keyboard, selected, as soon as it is on the page.
    let link_ref = NodeRef::<leptos::html::Input>::new();
    link_ref.on_load(|input| {
        let _ = input.focus();
        input.select();
    });
    view! {
        <div class="notice share" role="region" aria-label="Share this offer">
            <p data-testid="share-carries">{move || if own.get() {
                "Anyone with this link sees this offer and your own figures: savings, tax rates, discount rate and attitude to risk. It travels inside the link, so nothing is sent to any server."
            } else {
                "Anyone with this link sees this offer: its terms and your scenarios and estimates. Your savings, tax rates, discount rate and attitude to risk are left out (they see tokenworth's defaults). It travels inside the link, so nothing is sent to any server."
            }}</p>
            <label class="answer"><input type="checkbox" data-testid="share-own" on:change=move |ev| { own.set(event_target_checked(&ev)); copied.set(""); } />
                " Include my savings, tax rates, discount rate and attitude to risk"</label>
            <label for="share-link">"The link"</label>
            <div class="input-row">
                <input id="share-link" node_ref=link_ref type="text" readonly=true prop:value=move || link().unwrap_or_default() data-testid="share-link"
                    on:focus=|ev| { if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { input.select(); } } />
                <button type="button" data-testid="share-copy" on:click=copy>"Copy"</button>
            </div>
            <p class="note" role="status" data-testid="share-copied">{move || copied.get()}</p>
            <button type="button" class="small" data-testid="share-close" on:click=move |_| {
                open.set(false);
                focus_when_drawn("[data-testid=share]");
            }>"Close"</button>
        </div>
    }
}

/// Whether this page's host answers with `Access-Control-Allow-Origin: *` (what a sandboxed frame,
/// whose origin is opaque, needs to load the app's files); `None` when it cannot be asked.
async fn host_allows_frames() -> Option<bool> {
    use wasm_bindgen::JsValue;
    let window = web_sys::window()?;
    let href = window.location().href().ok()?;
    let page = href.split('#').next().unwrap_or(&href).to_string();
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&page)).await.ok()?;
    let headers = js_sys::Reflect::get(&response, &JsValue::from_str("headers")).ok()?;
    let get = js_sys::Reflect::get(&headers, &JsValue::from_str("get")).ok()?;
    let get = get.dyn_into::<js_sys::Function>().ok()?;
    let value = get.call1(&headers, &JsValue::from_str("access-control-allow-origin")).ok()?;
    Some(value.as_string().is_some_and(|v| v.trim() == "*"))
}

/// The link that opens `offer` on this page.
fn share_link(offer: &crate::offer::Offer, own: bool) -> Option<String> {
    let base = web_sys::window()?.location().href().ok()?;
    let base = base.split('#').next().unwrap_or(&base).to_string();
    // The author's number format goes with the offer (issue 26).
    let base = super::kit::locale::with_locale(&base);
    Some(format!("{base}#{}", crate::store::share::encode_share(offer, own)))
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`); false where the browser refuses.
async fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsValue;
    let Some(window) = web_sys::window() else { return false };
    let get = |from: &JsValue, key: &str| js_sys::Reflect::get(from, &JsValue::from_str(key)).ok();
    let clipboard = get(window.as_ref(), "navigator").and_then(|n| get(&n, "clipboard"));
    let Some(clipboard) = clipboard.filter(|c| !c.is_undefined()) else { return false };
    let Some(write) =
        get(&clipboard, "writeText").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else { return false };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else { return false };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Says when the offer on screen came from a share link, or why a link could not be opened.
#[component]
fn SharedBanner() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    view! {
        <Show when=move || ws.shared.with(Option::is_some)>
            <div class="notice shared" role="status" data-testid="shared-banner">
                {move || if ws.orphan.get() {
                    "This offer was deleted in another tab. It is not saved in your browser until you choose to keep it. "
                } else {
                    "This is a shared offer. It is not saved in your browser until you choose to keep it. "
                }}
                {move || (!ws.orphan.get() && ws.checked.with(|c| c.as_ref().is_ok_and(crate::store::share::has_default_personal))).then_some(
                    "Its savings, tax rates, discount rate and attitude to risk are tokenworth's defaults, not the sender's: put in your own. "
                )}
                <button type="button" data-testid="save-shared" on:click=move |_| ws.save_shared_copy()>"Save a copy"</button>
                " "
                <button type="button" class="small" on:click=move |_| ws.leave_shared()>"Back to my offers"</button>
            </div>
        </Show>
        {move || ws.share_error.get().map(|why| view! {
            <div class="notice warning" role="alert" data-testid="share-error">
                <p><strong>"This share link could not be opened."</strong> " " {why} "."</p>
                <p>"Nothing was changed in your saved offers."</p>
                <button type="button" on:click=move |_| ws.leave_shared()>"Go to my offers"</button>
            </div>
        })}
    }
}

/// Notices about storage: unusable, backed up, or written by a newer version.
#[component]
pub fn Notices() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    move || {
        ws.notices.get().into_iter().map(|notice| match notice {
            Notice::Storage(message) => view! { <p class="notice warning" role="status" data-testid="storage-notice">{message}</p> }.into_any(),
            Notice::Backup { key, raw } => {
                let kept = match key {
                    Some(key) => format!("It is kept under \u{201c}{key}\u{201d} in this browser, and you can download it."),
                    None => "It could not be copied, so it was left untouched; you can download it.".to_string(),
                };
                view! {
                    <p class="notice warning" role="alert" data-testid="backup-notice">
                        "Your saved offers could not be read, so tokenworth started afresh. " {kept} " "
                        <button type="button" data-testid="download-backup" on:click=move |_| { let _ = download("tokenworth-backup.json", &raw, "application/json"); }>"Download the unreadable data"</button>
                    </p>
                }.into_any()
            }
            Notice::Plan(why) => view! {
                <p class="notice warning" role="alert" data-testid="plan-notice">{format!("The company plan could not be loaded: {why}")}</p>
            }.into_any(),
            Notice::StoppedSaving(why) => view! {
                <p class="notice warning" role="alert" data-testid="stopped-saving-notice">{why}</p>
            }.into_any(),
            Notice::Replaced(what) => view! {
                <p class="notice" role="status" data-testid="other-tab-notice">{what}</p>
            }.into_any(),
            Notice::GuidedSaved(name) => view! {
                <p class="notice" role="status" data-testid="guided-saved">
                    {format!("Saved \u{201c}{name}\u{201d} as a new offer. Every answer is in the form below, to change or to add to.")}
                </p>
            }.into_any(),
            Notice::GuidedUnavailable => view! {
                <p class="notice" role="alert" data-testid="guided-unavailable">
                    "The guided start could not be loaded. Check the connection, then choose \u{201c}Start from your offer letter\u{201d} again."
                </p>
            }.into_any(),
            Notice::Newer(version) => view! {
                <p class="notice warning" role="alert" data-testid="newer-notice">
                    {format!("Your saved offers were written by a newer tokenworth (library version {version}). They are left untouched; changes made here are not saved.")}
                </p>
            }.into_any(),
        }).collect_view()
    }
}
