//! The browser app's entry point (bin `tokenworth-app`, built by Trunk): a panic hook and the mount.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // In the task after the module's instantiation, so that neither task is long (issue 6).
    leptos::prelude::set_timeout(tokenworth::ui::start, std::time::Duration::ZERO);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tokenworth-app is the browser app: build it with `trunk build --release`; use `tokenworth value` on the command line.");
    std::process::exit(2);
}
