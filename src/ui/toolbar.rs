//! Share, save and export: copy the plan link, new plan / reset, JSON download and upload,
//! markdown download and copy, print.

use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{window, Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use crate::data::Provider;
use crate::engine::report::Report;
use crate::export::{document, plan_json, report_json};
use crate::plan::Plan;

use super::persist::{app_url, share_link, Saved};
use super::plan_file::open_chosen_plan;
use super::Editor;

/// Offers `text` as a file download (a Blob URL: nothing leaves the browser).
pub(super) fn download(name: &str, mime: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    let a: HtmlAnchorElement = window()?
        .document()?
        .create_element("a")
        .ok()?
        .dyn_into()
        .ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    Url::revoke_object_url(&url).ok()
}

fn copy(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

#[component]
pub fn Toolbar(
    editor: Editor,
    report: Signal<Option<Arc<Report>>>,
    notice: RwSignal<Option<String>>,
    saved: Saved,
) -> impl IntoView {
    let link = saved.link;
    let status = RwSignal::new(String::new());
    let markdown = move || {
        let plan = editor.plan.get_untracked();
        report
            .get_untracked()
            .map(|r| document(&plan, &r, Some(&app_url())))
    };
    let upload = move |ev: leptos::ev::Event| {
        open_chosen_plan(
            &ev,
            "Your plan on screen was kept.",
            move |name, plan| match plan {
                Ok(plan) => {
                    editor.replace(plan);
                    notice.set(None);
                    status.set(format!("Opened {name}."));
                }
                Err(e) => notice.set(Some(e)),
            },
        );
    };
    view! {
        <section class="panel toolbar" aria-label="Share, save and export">
            <div class="row">
                <label class="field share">
                    <span>"Plan link (the plan lives in the link; no server sees it)"</span>
                    <input type="text" readonly data-testid="share-link" prop:value=move || link.get()
                        data-saved=move || if saved.current.get() { "true" } else { "false" } />
                </label>
                <button data-testid="copy-link" on:click=move |_| {
                    // The plan as it is now, even if the URL has not caught up yet.
                    let l = editor.plan.with_untracked(share_link);
                    copy(&l);
                    status.set(format!("Link copied ({} characters).", l.len()));
                }>"Copy link"</button>
            </div>
            <div class="row">
                <button data-testid="new-plan" on:click=move |_| editor.replace(super::start::fresh_plan(Provider::Aws, super::start::guessed_place()))>"New plan"</button>
                <button data-testid="reset-example" on:click=move |_| editor.replace(Plan::example())>"Reset to example"</button>
                <button data-testid="download-plan" on:click=move |_| { download("meridian-plan.json", "application/json", &plan_json(&editor.plan.get_untracked())); }>"Download plan JSON"</button>
                <label class="button-like">"Upload plan JSON"
                    <input type="file" accept=".json,application/json" data-testid="upload-plan" class="visually-hidden" on:change=upload />
                </label>
                <button data-testid="download-report" disabled=move || report.get().is_none()
                    on:click=move |_| { if let Some(r) = report.get_untracked() { download("meridian-report.json", "application/json", &report_json(&r)); } }>"Download report JSON"</button>
                <button data-testid="download-markdown" disabled=move || report.get().is_none()
                    on:click=move |_| { if let Some(md) = markdown() { download("meridian-plan.md", "text/markdown", &md); } }>"Download markdown"</button>
                <button data-testid="copy-markdown" disabled=move || report.get().is_none()
                    on:click=move |_| { if let Some(md) = markdown() { copy(&md); status.set("Markdown copied.".into()); } }>"Copy markdown"</button>
                <button on:click=move |_| { if let Some(w) = window() { let _ = w.print(); } }>"Print"</button>
            </div>
            <p class="hint" role="status" data-testid="toolbar-status">{move || status.get()}</p>
        </section>
    }
}
