//! User populations: where requests come from and their share of traffic. Adding or
//! removing one rebalances the shares ([`Plan::add_population`]), so results stay on screen.

use leptos::prelude::*;

use crate::plan::limits::MAX_USERS;
use crate::plan::{AccessNetwork, PlaceRef, Plan};

use super::fields::{NumberField, Problems, SelectField, TextField};
use super::over_limit::OverLimit;
use super::user_place::{edit_user, idx, now, UserPlace};
use super::Editor;

#[component]
pub fn UsersTable(editor: Editor, placing: RwSignal<Option<usize>>) -> impl IntoView {
    let count = editor.user_count();
    let rows = editor.user_rows;
    let problems = editor.problems_under("users".to_string());
    let share_total = Memo::new(move |_| {
        editor
            .plan
            .with(|p| p.users.iter().map(|u| u.share).sum::<f64>())
    });
    let off = move || (share_total.get() - 1.0).abs() > 0.01;
    // A new population starts at the plan's first region (where the plan already serves,
    // so the results stay as they were until it is moved), else in São Paulo.
    let add = move |_| {
        let n = count.get_untracked();
        rows.insert(n, n);
        editor.edit(|p| {
            let at = p
                .regions
                .iter()
                .find_map(|r| r.resolve().ok())
                .map(|r| r.location());
            let (lat, lon) = at.map_or((-23.55, -46.63), |l| (l.lat, l.lon));
            p.add_population(PlaceRef::at(lat, lon))
        });
    };
    view! {
        <section class="panel" aria-labelledby="users-h">
            <h2 id="users-h">"Users"</h2>
            <p class="hint">"Each population's share of every data class's requests; the shares add up to 100 %. Users are drawn as diamonds on the map."</p>
            <OverLimit count max=MAX_USERS what="populations" testid="users-over-limit"
                keep=Callback::new(move |()| editor.edit(|p| p.users.truncate(MAX_USERS))) />
            <For each=move || rows.keys(count.get().min(MAX_USERS)) key=|id| *id let:id>
                <UserRow editor at=rows.position(id, count) count placing />
            </For>
            <p class=move || if off() { "hint field-error" } else { "hint" } data-testid="share-total">
                {move || format!("Shares add up to {}.", crate::present::percent(share_total.get()))}
                {move || off().then(|| view! {
                    " " <button data-testid="rebalance" on:click=move |_| editor.edit(Plan::rebalance_shares)>"Rebalance to 100 %"</button>
                })}
            </p>
            <Problems problems testid="user-problems".to_string() />
            <button data-testid="add-user" on:click=add>"Add a population"</button>
        </section>
    }
}

#[component]
fn UserRow(
    editor: Editor,
    at: Memo<Option<usize>>,
    count: Memo<usize>,
    placing: RwSignal<Option<usize>>,
) -> impl IntoView {
    let tid = move |k: &'static str| Signal::derive(move || format!("{k}-{}", idx(at)));
    let remove = move |_| {
        let i = now(at);
        let n = count.get_untracked();
        if n > 1 && i < n {
            editor.user_rows.remove(i, n);
            editor.edit(move |p| {
                p.remove_population(i);
            });
            // The button is gone: focus the row that took its place, else "Add a population".
            let next = format!(
                "[data-testid='user-remove-{}']:not([disabled]), [data-testid='add-user']",
                i.min(n - 2)
            );
            request_animation_frame(move || {
                use wasm_bindgen::JsCast;
                if let Some(b) = document()
                    .query_selector(&next)
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = b.focus();
                }
            });
        }
    };
    view! {
        <div class="row user-row" data-testid=move || format!("user-{}", idx(at))>
            <TextField label="Name" testid=tid("user-name")
                value=Signal::derive(move || editor.plan.with(|p| at.get().and_then(|i| p.users.get(i)).map(|u| u.name.clone()).unwrap_or_default()))
                on_change=Callback::new(move |v: String| edit_user(editor, at, move |u| u.name = v)) />
            <UserPlace editor at />
            <NumberField label="Share" unit="% of traffic" testid=tid("user-share") max=100.0
                value=Signal::derive(move || editor.plan.with(|p| at.get().and_then(|i| p.users.get(i)).map(|u| (u.share * 1e4).round() / 100.0)))
                on_change=Callback::new(move |v: Option<f64>| edit_user(editor, at, move |u| u.share = v.unwrap_or(0.0) / 100.0)) />
            <SelectField label="Access network" testid=tid("user-access")
                options=AccessNetwork::ALL.iter().map(|&a| (a.slug(), access_label(a))).collect()
                value=Signal::derive(move || editor.plan.with(|p| at.get().and_then(|i| p.users.get(i)).map_or("fixed-broadband", |u| u.access.slug())))
                on_change=Callback::new(move |v: String| edit_user(editor, at, move |u| {
                    u.access = AccessNetwork::ALL.into_iter().find(|a| a.slug() == v).unwrap_or_default()
                })) />
            <small class="access-note" data-testid=tid("user-access-note")>{move || editor.plan.with(|p| {
                at.get().and_then(|i| p.users.get(i)).map(|u| format!("adds {} to every leg", crate::present::access(u.access))).unwrap_or_default()
            })}</small>
            <button data-testid=move || format!("user-place-{}", idx(at)) on:click=move |_| {
                placing.set(at.get_untracked());
                // The map is at the top of the editor; bring it into view for the click.
                if let Some(map) = document().query_selector("[data-testid='picker-map']").ok().flatten() {
                    map.scroll_into_view();
                }
            }>"Place on map"</button>
            <button class="icon" data-testid=move || format!("user-remove-{}", idx(at))
                aria-label=move || format!("Remove population {}", editor.plan.with(|p| at.get().and_then(|i| p.users.get(i)).map(|u| u.name.clone()).unwrap_or_default()))
                disabled=move || count.get() <= 1
                title=move || if count.get() <= 1 { "A plan needs at least one population" } else { "" }
                on:click=remove>"Remove"</button>
        </div>
    }
}

/// The access network's option text (its round trip is shown beside the field).
fn access_label(a: AccessNetwork) -> &'static str {
    match a {
        AccessNetwork::DataCentre => "data centre",
        AccessNetwork::FixedBroadband => "fixed broadband",
        AccessNetwork::Mobile => "mobile",
    }
}
