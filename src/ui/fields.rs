//! Form fields that never lose what the user typed: text that does not parse stays in the
//! input with a message naming the field and what is allowed, and the plan keeps its last
//! valid value until the input parses again.

use leptos::prelude::*;

use crate::present::{input::parse_number, plain as fmt_number};

/// A number input with its unit. `optional` fields accept empty as "none".
#[component]
pub fn NumberField(
    label: &'static str,
    unit: &'static str,
    #[prop(into)] testid: Signal<String>,
    #[prop(into)] value: Signal<Option<f64>>,
    on_change: Callback<Option<f64>>,
    #[prop(default = false)] optional: bool,
    #[prop(default = 0.0)] min: f64,
    #[prop(default = 1e12)] max: f64,
    #[prop(optional, into)] hint: Option<&'static str>,
) -> impl IntoView {
    // Compared by value: an edit elsewhere in the plan neither reformats this field's number
    // nor writes its input (every field reads the whole plan).
    let value = Memo::new(move |_| value.get());
    // The text the user typed while it does not parse; None shows the plan's value.
    let pending = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let shown = move || {
        pending
            .get()
            .unwrap_or_else(|| value.get().map(fmt_number).unwrap_or_default())
    };
    let on_input = move |ev| {
        let raw = event_target_value(&ev);
        match parse_number(&raw, optional, min, max) {
            Ok(v) => {
                pending.set(None);
                error.set(None);
                on_change.run(v);
            }
            Err(e) => {
                pending.set(Some(raw));
                error.set(Some(format!("{label}: {e}")));
            }
        }
    };
    let placeholder = if optional { "none" } else { "" };
    view! {
        <label class="field" class:invalid=move || error.get().is_some()>
            <span>{label} " " <small class="unit">"(" {unit} ")"</small></span>
            <input
                type="text"
                inputmode="decimal"
                data-testid=move || testid.get()
                placeholder=placeholder
                prop:value=shown
                on:input=on_input
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                title=hint.unwrap_or("")
            />
            {move || error.get().map(|e| view! { <small class="field-error" role="alert">{e}</small> })}
        </label>
    }
}

/// A free-text input (names); empty is reported by plan validation, not here.
#[component]
pub fn TextField(
    label: &'static str,
    #[prop(into)] testid: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let value = Memo::new(move |_| value.get());
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                data-testid=move || testid.get()
                prop:value=move || value.get()
                on:input=move |ev| on_change.run(event_target_value(&ev))
            />
        </label>
    }
}

/// A `<select>` over `(slug, label)` options.
#[component]
pub fn SelectField(
    label: &'static str,
    #[prop(into)] testid: Signal<String>,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] value: Signal<&'static str>,
    on_change: Callback<String>,
) -> impl IntoView {
    let value = Memo::new(move |_| value.get());
    view! {
        <label class="field">
            <span>{label}</span>
            <select
                data-testid=move || testid.get()
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {options
                    .into_iter()
                    .map(|(slug, text)| view! { <option value=slug>{text}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The plan's validation problems for one part of the form, shown beside it.
#[component]
pub fn Problems(
    problems: impl Fn() -> Vec<String> + Send + Sync + 'static,
    #[prop(into)] testid: Signal<String>,
) -> impl IntoView {
    move || {
        let msgs = problems();
        (!msgs.is_empty()).then(|| {
            view! {
                <ul class="inline-problems" role="alert" data-testid=move || testid.get()>
                    {msgs.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
            }
        })
    }
}
