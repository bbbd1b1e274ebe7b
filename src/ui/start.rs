//! Where a plan begins: one line saying what is on screen, a fresh plan near a place the
//! user picks, and three templates. Every start opens with a recommendation on screen.

use leptos::prelude::*;

use crate::data::Provider;
use crate::plan::templates::{Template, START_PLACES};
use crate::plan::Plan;

use super::Editor;

/// The start place nearest the browser's time zone (a guess the user can change): the
/// zone's region prefix picks a continent, a few zones pick a city.
pub fn guessed_place() -> usize {
    let zone = js_sys::Reflect::get(
        &js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
            .resolved_options(),
        &"timeZone".into(),
    )
    .ok()
    .and_then(|z| z.as_string())
    .unwrap_or_default();
    let city = match zone.as_str() {
        z if z.contains("Los_Angeles") || z.contains("Vancouver") || z.contains("Denver") => {
            "San Francisco"
        }
        z if z.starts_with("America/") && (z.contains("Sao_Paulo") || z.contains("Buenos")) => {
            "São Paulo"
        }
        "Europe/London" | "Europe/Dublin" | "Europe/Lisbon" => "London",
        z if z.starts_with("Europe/") || z.starts_with("Africa/") => "Frankfurt",
        "Asia/Kolkata" | "Asia/Calcutta" | "Asia/Dubai" | "Asia/Karachi" => "Mumbai",
        z if z.starts_with("Australia/") || z.starts_with("Pacific/Auckland") => "Sydney",
        z if z.starts_with("Asia/") => "Tokyo",
        _ => "New York",
    };
    START_PLACES.iter().position(|p| p.0 == city).unwrap_or(0)
}

/// A fresh plan near start place `i` on `provider`.
pub fn fresh_plan(provider: Provider, i: usize) -> Plan {
    let (_, lat, lon) = START_PLACES[i.min(START_PLACES.len() - 1)];
    Plan::new_near(provider, lat, lon)
}

#[component]
pub fn StartLine(editor: Editor) -> impl IntoView {
    // The browser's time zone is read after the first frame is painted: its first use sets
    // up the browser's date and time formats, 30 to 90 ms of the first render here (profiled
    // opening the largest plan's link). A place picked before then is kept.
    let place = RwSignal::new(0);
    let picked = StoredValue::new(false);
    request_animation_frame(move || {
        gloo::timers::callback::Timeout::new(0, move || {
            if !picked.get_value() {
                place.set(guessed_place());
            }
        })
        .forget();
    });
    let provider = RwSignal::new(Provider::Aws);
    let is_example = Memo::new(move |_| editor.plan.with(|p| *p == Plan::example()));
    view! {
        <section class="panel start" aria-label="Start a plan" data-testid="start">
            <p class="start-line">
                {move || if is_example.get() {
                    "This is an example plan (a global consumer app on five AWS regions): edit it, or start your own."
                } else {
                    "Start another plan:"
                }}
            </p>
            <div class="row start-row">
                <label class="field"><span>"Users near"</span>
                    <select data-testid="start-place" prop:value=move || place.get().to_string()
                        on:change=move |ev| { picked.set_value(true); place.set(event_target_value(&ev).parse().unwrap_or(0)); }>
                        {START_PLACES.iter().enumerate().map(|(i, p)| view! { <option value=i.to_string()>{p.0}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field"><span>"Provider"</span>
                    <select data-testid="start-provider" prop:value=move || provider.get().slug()
                        on:change=move |ev| { let v = event_target_value(&ev); provider.set(Provider::ALL.into_iter().find(|p| p.slug() == v).unwrap_or(Provider::Aws)); }>
                        {Provider::ALL.into_iter().map(|p| view! { <option value=p.slug()>{p.display_name()}</option> }).collect_view()}
                    </select>
                </label>
                <button data-testid="start-scratch" on:click=move |_| editor.replace(fresh_plan(provider.get_untracked(), place.get_untracked()))>"Start from scratch"</button>
                <span class="start-or">"or a template:"</span>
                {Template::ALL.into_iter().map(|t| view! {
                    <button data-testid=format!("template-{}", t.slug()) on:click=move |_| editor.replace(t.plan())>{t.display_name()}</button>
                }).collect_view()}
            </div>
        </section>
    }
}
