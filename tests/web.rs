//! Component tests in headless Chromium (wasm-bindgen-test). Run by `make test-wasm`.
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, prelude::*, task::tick};
use meridian::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh container and returns it (the handle is leaked on purpose:
/// the container lives until the test page closes).
fn mount_app() -> HtmlElement {
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    std::mem::forget(mount_to(container.clone(), App));
    container
}

fn by_testid<T: JsCast>(root: &HtmlElement, id: &str) -> T {
    root.query_selector(&format!("[data-testid='{id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn rtt_lookup_updates_when_a_region_changes() {
    let root = mount_app();
    tick().await;
    let result: HtmlElement = by_testid(&root, "rtt-result");
    let before = result.text_content().unwrap();
    assert!(before.contains("ms"), "{before}");

    let to: HtmlSelectElement = by_testid(&root, "rtt-to");
    to.set_value("aws:ap-southeast-2");
    to.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    let after = result.text_content().unwrap();
    assert_ne!(before, after, "the RTT did not change after picking Sydney");
}
