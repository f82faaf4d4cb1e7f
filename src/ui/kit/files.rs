//! Files the person takes away: a download made in the page, and a file name from a name.

use wasm_bindgen::JsCast;

/// Offers a text file for download (export, backups, CSV).
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |what: &str| format!("could not prepare the download ({what})");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("url"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("document"))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("link"))?
        .dyn_into()
        .map_err(|_| fail("link"))?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// A file name from an offer's name (`Acme Copilot tokens` → `acme-copilot-tokens.json`).
#[must_use]
pub fn file_name(name: &str) -> String {
    let mut slug = String::new();
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    format!("{}.json", if slug.is_empty() { "offer" } else { slug })
}

/// Imports the file chosen in an `<input type="file">`, cleared so that the same file can be
/// chosen again: a file too large or not JSON is refused before it is read; else `import` reads
/// its name and text into what `open` opens, or says why not. `say` gets the outcome in words.
pub fn import_chosen_file<T: 'static>(
    ev: &leptos::ev::Event,
    import: impl FnOnce(&str, &str) -> Result<T, String> + 'static,
    open: impl FnOnce(T) + 'static,
    say: impl Fn(String) + 'static,
) {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
    input.set_value("");
    if let Some(why) = crate::store::library::import_refused(&file.name(), file.size()) {
        return say(why);
    }
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string());
        let name = file.name();
        match text.map(|t| import(&name, &t)) {
            Some(Ok(opened)) => {
                open(opened);
                say(format!("Imported {name}."));
            }
            Some(Err(why)) => say(why),
            None => say(format!("Could not read {name}.")),
        }
    });
}
