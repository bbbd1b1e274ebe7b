//! The world map: Natural Earth land (public domain) as one path in equirectangular degrees,
//! so a place at (lat, lon) is drawn at (lon, -lat) with no projection code.

use leptos::prelude::*;

use crate::data::{regions, Provider};
use crate::plan::PlaceRef;

use super::Editor;

/// Latitudes 75° N to 56° S: every region and most people, without the polar caps.
pub const VIEW_BOX: &str = "-180 -75 360 131";

/// The land outline inside a map: a file of its own (`assets/land-110m.svg`, copied next to
/// the page by Trunk), not part of the wasm, so the browser caches it apart from the app and
/// parses its 60 KB of path once per page however many maps refer to it.
#[component]
pub fn Land() -> impl IntoView {
    view! { <use class="land" href="land-110m.svg#land-110m" /> }
}

/// Which regions a map or list shows: one provider, or the user's custom places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Provider(Provider),
    Custom,
}

/// Adds or removes a catalog region from the plan's candidate regions.
pub fn toggle_region(editor: Editor, key: String) {
    editor.edit(move |p| {
        if let Some(i) = p.regions.iter().position(|r| r.label() == key) {
            p.regions.remove(i);
        } else {
            p.regions.push(PlaceRef::Key(key));
        }
    });
}

/// Map coordinates (lon, lat) of a click, from its position in the map's box, and the
/// map's scale (px per degree): the map is plain equirectangular degrees over [`VIEW_BOX`],
/// drawn at its own aspect ratio.
fn click_to_lon_lat(ev: &web_sys::MouseEvent) -> Option<(f64, f64, f64)> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
    let r = el.get_bounding_client_rect();
    if r.width() <= 0.0 || r.height() <= 0.0 {
        return None;
    }
    let lon = -180.0 + (f64::from(ev.client_x()) - r.left()) / r.width() * 360.0;
    let lat = 75.0 - (f64::from(ev.client_y()) - r.top()) / r.height() * 131.0;
    Some((
        (lon * 100.0).round() / 100.0,
        (lat * 100.0).round() / 100.0,
        r.width() / 360.0,
    ))
}

/// The picker map: a click on a region's dot selects or deselects it; while a user
/// population is being placed (`placing`), a click anywhere moves it there.
#[component]
pub fn PickerMap(
    editor: Editor,
    tab: RwSignal<Tab>,
    placing: RwSignal<Option<usize>>,
) -> impl IntoView {
    // One handler for the whole map: while placing users, the click moves them; otherwise
    // it toggles the nearest dot within 22 px, a 44 px touch target that never picks a
    // farther dot over a nearer one (a tap beside us-west-1 must not hit us-west-2).
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some((lon, lat, px_per_deg)) = click_to_lon_lat(&ev) else {
            return;
        };
        let Some(i) = placing.get_untracked() else {
            let Tab::Provider(provider) = tab.get_untracked() else {
                return;
            };
            let nearest = regions()
                .iter()
                .filter(|r| r.provider == provider)
                .map(|r| ((r.lon - lon).hypot(r.lat - lat) * px_per_deg, r))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((d, r)) = nearest {
                if d <= 22.0 {
                    toggle_region(editor, r.key());
                }
            }
            return;
        };
        ev.stop_propagation();
        placing.set(None);
        editor.edit(move |p| {
            // The place's label and derived jurisdiction follow the click; a jurisdiction the
            // user set stays. A population near a catalog region becomes a custom place.
            match p.users.get_mut(i).map(|u| &mut u.place) {
                Some(PlaceRef::Custom(c)) => c.move_to(lat, lon),
                Some(place) => *place = PlaceRef::at(lat, lon),
                None => {}
            }
        });
    };
    // The plan's region labels, compared by value: each dot reads them twice, and an edit
    // that leaves the regions alone (most do) must not wake every dot on the map.
    let chosen = Memo::new(move |_| {
        editor
            .plan
            .with(|p| p.regions.iter().map(|r| r.label()).collect::<Vec<_>>())
    });
    let selected = move |key: &str| chosen.with(|c| c.iter().any(|l| l == key));
    // Keyboard: one tab stop into the map (a roving tabindex), arrows move between the
    // tab's dots west-east and south-north, Enter or Space selects, as a click does.
    // The dot that takes Tab: the last one focused while it is on this tab, else the first
    // selected region of the tab, else its first dot.
    let active: RwSignal<Option<String>> = RwSignal::new(None);
    let provider = move || match tab.get() {
        Tab::Provider(p) => Some(p),
        Tab::Custom => None,
    };
    let tab_stop = Memo::new(move |_| {
        let provider = provider();
        let shown = || {
            regions()
                .iter()
                .filter(move |r| Some(r.provider) == provider)
        };
        active
            .get()
            .filter(|a| shown().any(|r| r.key() == *a))
            .or_else(|| shown().find(|r| selected(&r.key())).map(|r| r.key()))
            .or_else(|| shown().next().map(|r| r.key()))
    });
    let dots = move || {
        let provider = provider();
        regions()
            .iter()
            .filter(move |r| Some(r.provider) == provider)
            .map(|r| {
                let key = r.key();
                let (k2, k3, k4, k5) = (key.clone(), key.clone(), key.clone(), key.clone());
                let label = format!("{key}, {} ({})", r.name, super::region_notes::place_name(r));
                let title = format!(
                    "{key} — {} ({}); carbon: {}",
                    r.name,
                    super::region_notes::place_name(r),
                    crate::present::carbon::region_carbon(
                        crate::data::carbon::region_carbon(r).as_ref()
                    )
                );
                let on_key = move |ev: web_sys::KeyboardEvent| {
                    let to = match ev.key().as_str() {
                        "ArrowRight" => neighbour(&k4, provider, Step::East),
                        "ArrowLeft" => neighbour(&k4, provider, Step::West),
                        "ArrowUp" => neighbour(&k4, provider, Step::North),
                        "ArrowDown" => neighbour(&k4, provider, Step::South),
                        "Enter" | " " => {
                            ev.prevent_default();
                            toggle_region(editor, k4.clone());
                            return;
                        }
                        _ => return,
                    };
                    ev.prevent_default();
                    if let Some(to) = to {
                        active.set(Some(to.clone()));
                        focus_dot(&to);
                    }
                };
                view! {
                    <circle
                        class="dot"
                        class:selected=move || selected(&k2)
                        cx=r.lon
                        cy=-r.lat
                        r="2.2"
                        role="checkbox"
                        aria-label=label
                        aria-checked=move || if selected(&k3) { "true" } else { "false" }
                        tabindex=move || if tab_stop.with(|t| t.as_deref() == Some(k5.as_str())) { "0" } else { "-1" }
                        on:keydown=on_key
                        on:focus=move |_| active.set(Some(key.clone()))
                        data-testid=format!("map-dot-{}", r.key())
                    >
                        <title>{title}</title>
                    </circle>
                }
            })
            .collect_view()
    };
    // The populations' names and places; their marks are redrawn only when these change.
    let placed = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.users
                .iter()
                .filter_map(|u| {
                    u.place
                        .resolve()
                        .ok()
                        .map(|pl| (u.name.clone(), pl.location()))
                })
                .collect::<Vec<_>>()
        })
    });
    let users = move || {
        placed.with(|placed| {
            placed
                .iter()
                .map(|(name, at)| {
                    view! {
                        <rect class="user" x=at.lon - 1.3 y=-at.lat - 1.3 width="2.6" height="2.6" transform=format!("rotate(45 {} {})", at.lon, -at.lat)>
                            <title>{format!("Users: {name}")}</title>
                        </rect>
                    }
                })
                .collect_view()
        })
    };
    view! {
        {move || placing.get().map(|i| view! {
            <p class="placing" role="status" data-testid="placing-hint">
                {format!("Click the map where {} are.", editor.plan.with(|p| p.users.get(i).map(|u| u.name.clone()).unwrap_or_default()))}
                " "
                <button on:click=move |_| placing.set(None)>"Cancel"</button>
            </p>
        })}
        <svg class="map" class:placing=move || placing.get().is_some() viewBox=VIEW_BOX role="group"
            aria-label="World map of the provider's regions: click a dot, or Tab into the map and use the arrow keys and Enter, to select a region" data-testid="picker-map"
            on:click=on_click>
            <Land />
            {dots}
            // Populations above the dots, so a region never hides them.
            {users}
        </svg>
        <p class="legend"><span class="key dot-key"></span>" region · "<span class="key sel-key"></span>" selected · "<span class="key user-key"></span>" users. By keyboard: Tab into the map, arrows move between regions, Enter selects; the region list below selects the same regions. Land: Natural Earth 1:110m (public domain)."</p>
    }
}

/// A direction to move between map dots by keyboard.
#[derive(Clone, Copy)]
enum Step {
    East,
    West,
    North,
    South,
}

/// The next dot of the same tab from `key` in direction `step`: the nearest one whose
/// longitude (east, west) or latitude (north, south) is further that way.
fn neighbour(key: &str, provider: Option<Provider>, step: Step) -> Option<String> {
    let here = regions().iter().find(|r| r.key() == key)?;
    regions()
        .iter()
        .filter(|r| Some(r.provider) == provider && r.key() != key)
        .filter_map(|r| {
            let (along, across) = match step {
                Step::East => (r.lon - here.lon, r.lat - here.lat),
                Step::West => (here.lon - r.lon, r.lat - here.lat),
                Step::North => (r.lat - here.lat, r.lon - here.lon),
                Step::South => (here.lat - r.lat, r.lon - here.lon),
            };
            // Ahead in that direction; ties in position go by the catalog order.
            (along > 0.0 || (along == 0.0 && across > 0.0)).then_some((along.hypot(across), r))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| r.key())
}

/// Moves keyboard focus to a map dot (the outside world: the DOM's focus).
fn focus_dot(key: &str) {
    use wasm_bindgen::JsCast;
    let dot = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("[data-testid=\"map-dot-{key}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok());
    if let Some(dot) = dot {
        let _ = dot.focus();
    }
}
