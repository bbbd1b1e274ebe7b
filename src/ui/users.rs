//! User populations: where requests come from and their share of traffic.

use leptos::prelude::*;

use crate::plan::{PlaceRef, UserPopulation};

use super::fields::{NumberField, Problems, TextField};
use super::Editor;

fn edit_user(editor: Editor, i: usize, f: impl FnOnce(&mut UserPopulation) + 'static) {
    editor.edit(move |p| {
        if let Some(u) = p.users.get_mut(i) {
            f(u)
        }
    });
}

/// Moves population `i` (a custom place) to new coordinates: its label and derived
/// jurisdiction follow; a jurisdiction the user set stays.
fn move_user(editor: Editor, i: usize, lat: Option<f64>, lon: Option<f64>) {
    edit_user(editor, i, move |u| {
        if let PlaceRef::Custom(c) = &mut u.place {
            c.move_to(lat.unwrap_or(c.lat), lon.unwrap_or(c.lon));
        }
    });
}

fn custom_coord(editor: Editor, i: usize, lat: bool) -> Signal<Option<f64>> {
    Signal::derive(move || {
        editor
            .plan
            .with(|p| match p.users.get(i).map(|u| &u.place) {
                Some(PlaceRef::Custom(c)) => Some(if lat { c.lat } else { c.lon }),
                _ => None,
            })
    })
}

#[component]
pub fn UsersTable(editor: Editor, placing: RwSignal<Option<usize>>) -> impl IntoView {
    let count = Memo::new(move |_| editor.plan.with(|p| p.users.len()));
    let problems = editor.problems_under("users".to_string());
    let share_total = Memo::new(move |_| {
        editor
            .plan
            .with(|p| p.users.iter().map(|u| u.share).sum::<f64>())
    });
    view! {
        <section class="panel" aria-labelledby="users-h">
            <h2 id="users-h">"Users"</h2>
            <p class="hint">"Each population's share of every data class's requests; the shares add up to 100 %. Users are drawn as diamonds on the map."</p>
            {move || (0..count.get()).map(|i| view! {
                <div class="row user-row" data-testid=format!("user-{i}")>
                    <TextField label="Name" testid=format!("user-name-{i}")
                        value=Signal::derive(move || editor.plan.with(|p| p.users.get(i).map(|u| u.name.clone()).unwrap_or_default()))
                        on_change=Callback::new(move |v: String| edit_user(editor, i, move |u| u.name = v)) />
                    <UserPlace editor i />
                    <NumberField label="Share" unit="% of traffic" testid=format!("user-share-{i}") max=100.0
                        value=Signal::derive(move || editor.plan.with(|p| p.users.get(i).map(|u| (u.share * 1e4).round() / 100.0)))
                        on_change=Callback::new(move |v: Option<f64>| edit_user(editor, i, move |u| u.share = v.unwrap_or(0.0) / 100.0)) />
                    <button data-testid=format!("user-place-{i}") on:click=move |_| {
                        placing.set(Some(i));
                        // The map is at the top of the editor; bring it into view for the click.
                        if let Some(map) = document().query_selector("[data-testid='picker-map']").ok().flatten() {
                            map.scroll_into_view();
                        }
                    }>"Place on map"</button>
                    <button class="icon" aria-label="Remove this population" on:click=move |_| editor.edit(move |p| { if i < p.users.len() { p.users.remove(i); } })>"Remove"</button>
                </div>
            }).collect_view()}
            <p class=move || { if (share_total.get() - 1.0).abs() > 0.01 { "hint field-error" } else { "hint" } } data-testid="share-total">
                {move || format!("Shares add up to {}.", crate::present::percent(share_total.get()))}
            </p>
            <Problems problems testid="user-problems".to_string() />
            // A new population starts in São Paulo; its label and jurisdiction follow it.
            <button data-testid="add-user" on:click=move |_| editor.edit(|p| p.users.push(UserPopulation {
                name: format!("Users {}", p.users.len() + 1),
                place: PlaceRef::at(-23.55, -46.63),
                share: 0.0,
                access: Default::default(),
            }))>"Add a population"</button>
        </section>
    }
}

/// What the place says about the population: its label and jurisdiction, and whether the
/// jurisdiction is the user's own (`None` for a population that is gone).
fn place_facts(editor: Editor, i: usize) -> Memo<Option<(String, String, bool)>> {
    Memo::new(move |_| {
        editor.plan.with(|p| {
            let place = &p.users.get(i)?.place;
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
fn UserPlace(editor: Editor, i: usize) -> impl IntoView {
    let custom = Memo::new(move |_| {
        editor
            .plan
            .with(|p| matches!(p.users.get(i).map(|u| &u.place), Some(PlaceRef::Custom(_))))
    });
    let facts = place_facts(editor, i);
    let set_override = move |v: String| {
        let code = v.trim().to_uppercase();
        edit_user(editor, i, move |u| {
            if let PlaceRef::Custom(c) = &mut u.place {
                c.jurisdiction_override = Some(code).filter(|c| !c.is_empty());
            }
        })
    };
    let coords = move || {
        custom.get().then(|| view! {
            <NumberField label="Latitude" unit="°" testid=format!("user-lat-{i}") value=custom_coord(editor, i, true) min=-90.0 max=90.0
                on_change=Callback::new(move |v: Option<f64>| if v.is_some() { move_user(editor, i, v, None) }) />
            <NumberField label="Longitude" unit="°" testid=format!("user-lon-{i}") value=custom_coord(editor, i, false) min=-180.0 max=180.0
                on_change=Callback::new(move |v: Option<f64>| if v.is_some() { move_user(editor, i, None, v) }) />
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
        <span class="field"><span>"Near"</span><output data-testid=format!("user-near-{i}")>{label}</output></span>
        {move || if custom.get() {
            // One field: empty follows the coordinates (their code is the placeholder); a
            // typed code is the user's; the line under it says which.
            view! {
                <label class="field">
                    <span>"Jurisdiction"</span>
                    <input type="text" size="6" data-testid=format!("user-jurisdiction-override-{i}")
                        placeholder=move || facts.get().map(|f| f.1).unwrap_or_default()
                        prop:value=move || if overridden() { facts.get().map(|f| f.1).unwrap_or_default() } else { String::new() }
                        on:change=move |ev| set_override(event_target_value(&ev)) />
                    <small data-testid=format!("user-jurisdiction-{i}")>{source}</small>
                </label>
            }.into_any()
        } else {
            view! {
                <span class="field"><span>"Jurisdiction"</span><output data-testid=format!("user-jurisdiction-{i}")>{source}</output></span>
            }.into_any()
        }}
        {move || overridden().then(|| view! {
            <button data-testid=format!("user-jurisdiction-reset-{i}") on:click=move |_| set_override(String::new())>"Use coordinates"</button>
        })}
    }
}
