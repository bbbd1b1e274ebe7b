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
                    {move || match editor.plan.with(|p| p.users.get(i).map(|u| u.place.clone())) {
                        Some(PlaceRef::Custom(_)) => view! {
                            <NumberField label="Latitude" unit="°" testid=format!("user-lat-{i}") value=custom_coord(editor, i, true) min=-90.0 max=90.0
                                on_change=Callback::new(move |v: Option<f64>| edit_user(editor, i, move |u| if let (PlaceRef::Custom(c), Some(v)) = (&mut u.place, v) { c.lat = v })) />
                            <NumberField label="Longitude" unit="°" testid=format!("user-lon-{i}") value=custom_coord(editor, i, false) min=-180.0 max=180.0
                                on_change=Callback::new(move |v: Option<f64>| edit_user(editor, i, move |u| if let (PlaceRef::Custom(c), Some(v)) = (&mut u.place, v) { c.lon = v })) />
                        }.into_any(),
                        Some(other) => view! { <span class="field"><span>"Near"</span><code>{other.label()}</code></span> }.into_any(),
                        None => ().into_any(),
                    }}
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
            <button data-testid="add-user" on:click=move |_| editor.edit(|p| p.users.push(UserPopulation {
                name: format!("Users {}", p.users.len() + 1),
                place: PlaceRef::custom("São Paulo", -23.55, -46.63, "BR"),
                share: 0.0,
            }))>"Add a population"</button>
        </section>
    }
}
