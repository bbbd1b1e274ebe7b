//! Browser entry point: install the panic hook and mount the app. Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(meridian::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("meridian-web is the browser app: build it with `trunk build`; the native tool is `meridian`.");
    std::process::exit(2);
}
