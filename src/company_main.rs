//! The Company view's entry point (bin `tokenworth-company`, built by Trunk from `company.html`
//! into `dist/company/`): a page and a WebAssembly module of its own, so that the calculator's
//! first load fetches nothing of it.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // Figures in the person's number format, as on the calculator's page.
    leptos::prelude::set_timeout(
        || {
            tokenworth::ui::kit::locale::then_mount(false, || {
                leptos::mount::mount_to_body(tokenworth::ui::company::CompanyApp);
            });
        },
        std::time::Duration::ZERO,
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tokenworth-company is the Company view for the browser: build it with `trunk build company.html --release --dist target/company-site`; use `tokenworth team` on the command line.");
    std::process::exit(2);
}
