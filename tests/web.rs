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

/// The element once it is in the page: panels below the fold (About among them) are built
/// in the task after the first frame's paint, so they are waited for, up to two seconds.
async fn built<T: JsCast>(root: &HtmlElement, id: &str) -> T {
    for _ in 0..100 {
        if root
            .query_selector(&format!("[data-testid='{id}']"))
            .unwrap()
            .is_some()
        {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    by_testid(root, id)
}

#[wasm_bindgen_test]
async fn rtt_lookup_updates_when_a_region_changes() {
    let root = mount_app();
    tick().await;
    let result: HtmlElement = built(&root, "rtt-result").await;
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

#[wasm_bindgen_test]
async fn a_number_field_keeps_text_that_does_not_parse_and_names_the_field() {
    use meridian::ui::fields::NumberField;
    use web_sys::HtmlInputElement;

    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let value = RwSignal::new(Some(60.0));
    std::mem::forget(mount_to(container.clone(), move || {
        view! {
            <NumberField label="RPO target" unit="s" testid="rpo".to_string() optional=true
                value=Signal::derive(move || value.get())
                on_change=Callback::new(move |v| value.set(v)) />
        }
    }));
    tick().await;
    let input: HtmlInputElement = by_testid(&container, "rpo");
    assert_eq!(input.value(), "60");

    input.set_value("1 minute");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(input.value(), "1 minute", "the typed text must stay");
    assert_eq!(
        value.get_untracked(),
        Some(60.0),
        "the plan keeps its last valid value"
    );
    let alert = container
        .query_selector("[role=alert]")
        .unwrap()
        .expect("a message");
    assert_eq!(
        alert.text_content().unwrap(),
        "RPO target: \"1 minute\" is not a number"
    );

    input.set_value("");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(
        value.get_untracked(),
        None,
        "empty means none for an optional target"
    );
    assert!(container.query_selector("[role=alert]").unwrap().is_none());
}

/// The summary shows each figure as the same string the markdown and the CLI print: both
/// come from `meridian::present`, applied to the same report.
#[wasm_bindgen_test]
async fn the_summary_shows_the_same_strings_as_the_exports() {
    use meridian::present as show;
    let root = mount_app();
    tick().await;
    let report = meridian::engine::evaluate(&meridian::plan::Plan::example()).unwrap();
    let total: HtmlElement = by_testid(&root, "total-cost");
    assert_eq!(
        total.text_content().unwrap().trim(),
        show::totals_sentence(&report.totals)
    );
    for (i, c) in report.classes.iter().enumerate() {
        let cell: HtmlElement = by_testid(&root, &format!("posture-{i}"));
        let row = cell.parent_element().unwrap().text_content().unwrap();
        for figure in [
            show::recovery(c.chosen.rpo_s),
            show::recovery(c.chosen.rto_s),
            show::posture_cost(&c.chosen),
            show::placement(c.chosen.placement.as_ref()),
        ] {
            assert!(
                row.contains(&figure),
                "{}: {row:?} lacks {figure:?}",
                c.name
            );
        }
    }
}
