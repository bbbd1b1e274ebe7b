//! A population's place: coordinates (for a custom place), the label and jurisdiction they
//! give, and the jurisdiction override.

use leptos::prelude::*;

use crate::plan::{PlaceRef, UserPopulation};

use super::fields::NumberField;
use super::Editor;

/// The row's index now (untracked, for edits); `usize::MAX` edits nothing.
pub fn now(at: Memo<Option<usize>>) -> usize {
    at.get_untracked().unwrap_or(usize::MAX)
}

/// The row's index, tracked (for test ids that follow the row).
pub fn idx(at: Memo<Option<usize>>) -> usize {
    at.get().unwrap_or(usize::MAX)
}

pub fn edit_user(
    editor: Editor,
    at: Memo<Option<usize>>,
    f: impl FnOnce(&mut UserPopulation) + 'static,
) {
    let i = now(at);
    editor.edit(move |p| {
        if let Some(u) = p.users.get_mut(i) {
            f(u)
        }
    });
}

/// Moves population `i` (a custom place) to new coordinates: its label and derived
/// jurisdiction follow; a jurisdiction the user set stays.
fn move_user(editor: Editor, at: Memo<Option<usize>>, lat: Option<f64>, lon: Option<f64>) {
    edit_user(editor, at, move |u| {
        if let PlaceRef::Custom(c) = &mut u.place {
            c.move_to(lat.unwrap_or(c.lat), lon.unwrap_or(c.lon));
        }
    });
}

fn custom_coord(editor: Editor, at: Memo<Option<usize>>, lat: bool) -> Signal<Option<f64>> {
    Signal::derive(move || {
        editor.plan.with(
            |p| match at.get().and_then(|i| p.users.get(i)).map(|u| &u.place) {
                Some(PlaceRef::Custom(c)) => Some(if lat { c.lat } else { c.lon }),
                _ => None,
            },
        )
    })
}

/// What the place says about the population: its label and jurisdiction, and whether the
/// jurisdiction is the user's own (`None` for a population that is gone).
fn place_facts(editor: Editor, at: Memo<Option<usize>>) -> Memo<Option<(String, String, bool)>> {
    Memo::new(move |_| {
        editor.plan.with(|p| {
            let place = &p.users.get(at.get()?)?.place;
            let overridden =
                matches!(place, PlaceRef::Custom(c) if c.jurisdiction_override.is_some());
            let resolved = place.resolve().ok()?;
            Some((
                resolved.label(),
                resolved.jurisdiction().to_string(),
                overridden,
            ))
        })
    })
}

/// A population's coordinates (for a custom place), the label and jurisdiction they give,
/// and the jurisdiction override, shown as "AU (from coordinates)" or "EU (set by you)".
#[component]
pub fn UserPlace(editor: Editor, at: Memo<Option<usize>>) -> impl IntoView {
    let custom = Memo::new(move |_| {
        editor.plan.with(|p| {
            matches!(
                at.get().and_then(|i| p.users.get(i)).map(|u| &u.place),
                Some(PlaceRef::Custom(_))
            )
        })
    });
    let facts = place_facts(editor, at);
    let set_override = move |v: String| {
        let code = v.trim().to_ascii_uppercase();
        edit_user(editor, at, move |u| {
            if let PlaceRef::Custom(c) = &mut u.place {
                c.jurisdiction_override = Some(code).filter(|c| !c.is_empty());
            }
        })
    };
    let coords = move || {
        custom.get().then(|| view! {
            <NumberField label="Latitude" unit="°" testid=Signal::derive(move || format!("user-lat-{}", idx(at))) value=custom_coord(editor, at, true) min=-90.0 max=90.0
                on_change=Callback::new(move |v: Option<f64>| if v.is_some() { move_user(editor, at, v, None) }) />
            <NumberField label="Longitude" unit="°" testid=Signal::derive(move || format!("user-lon-{}", idx(at))) value=custom_coord(editor, at, false) min=-180.0 max=180.0
                on_change=Callback::new(move |v: Option<f64>| if v.is_some() { move_user(editor, at, None, v) }) />
        })
    };
    let label = move || facts.get().map(|f| f.0).unwrap_or_default();
    let source = move || {
        facts.get().map_or(String::new(), |(_, j, user)| {
            crate::present::jurisdiction_source(&j, user, custom.get())
        })
    };
    let overridden = move || facts.get().is_some_and(|f| f.2);
    view! {
        {coords}
        <span class="field"><span>"Near"</span><output data-testid=move || format!("user-near-{}", idx(at))>{label}</output></span>
        {move || if custom.get() {
            // One field: empty follows the coordinates (their code is the placeholder); a
            // typed code is the user's; the line under it says which.
            view! {
                <label class="field">
                    <span>"Jurisdiction"</span>
                    <input type="text" size="6" data-testid=move || format!("user-jurisdiction-override-{}", idx(at))
                        placeholder=move || facts.get().map(|f| f.1).unwrap_or_default()
                        prop:value=move || if overridden() { facts.get().map(|f| f.1).unwrap_or_default() } else { String::new() }
                        on:change=move |ev| set_override(event_target_value(&ev)) />
                    <small data-testid=move || format!("user-jurisdiction-{}", idx(at))>{source}</small>
                </label>
            }.into_any()
        } else {
            view! {
                <span class="field"><span>"Jurisdiction"</span><output data-testid=move || format!("user-jurisdiction-{}", idx(at))>{source}</output></span>
            }.into_any()
        }}
        {move || overridden().then(|| view! {
            <button data-testid=move || format!("user-jurisdiction-reset-{}", idx(at)) on:click=move |_| set_override(String::new())>"Use coordinates"</button>
        })}
    }
}
