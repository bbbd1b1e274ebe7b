//! Browser entry point: install the panic hook and mount the app (not in the engine worker,
//! which runs the same wasm). Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The engine worker (public/engine-worker.js) starts this same wasm to evaluate plans
    // off the page's main thread: it has no page to mount the app on.
    if web_sys::window().is_none() {
        return;
    }
    leptos::mount::mount_to_body(meridian::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("meridian-web is the browser app: build it with `trunk build`; the native tool is `meridian`.");
    std::process::exit(2);
}
