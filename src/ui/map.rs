//! The world map: Natural Earth land (public domain) as one path in equirectangular degrees,
//! so a place at (lat, lon) is drawn at (lon, -lat) with no projection code.

use leptos::prelude::*;

use crate::data::{regions, Provider};
use crate::plan::PlaceRef;

use super::Editor;

const LAND: &str = include_str!("../../assets/land-110m.path");
/// Latitudes 75° N to 56° S: every region and most people, without the polar caps.
pub const VIEW_BOX: &str = "-180 -75 360 131";

/// The land outline, defined once per page: every map references it with `<use>`, so an
/// edit that redraws the topology maps does not make the browser parse 60 KB of path again.
#[component]
pub fn LandDefs() -> impl IntoView {
    view! {
        <svg class="defs" aria-hidden="true" width="0" height="0">
            <defs><path id="land-110m" d=LAND /></defs>
        </svg>
    }
}

/// The land outline inside a map.
#[component]
pub fn Land() -> impl IntoView {
    view! { <use class="land" href="#land-110m" /> }
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

/// The picker map: a click on a region's dot selects or deselects it.
#[component]
pub fn PickerMap(editor: Editor, tab: RwSignal<Tab>) -> impl IntoView {
    let selected = move |key: &str| {
        editor
            .plan
            .with(|p| p.regions.iter().any(|r| r.label() == key))
    };
    let dots = move || {
        let provider = match tab.get() {
            Tab::Provider(p) => Some(p),
            Tab::Custom => None,
        };
        regions()
            .iter()
            .filter(move |r| Some(r.provider) == provider)
            .map(|r| {
                let key = r.key();
                let k2 = key.clone();
                let k3 = key.clone();
                view! {
                    <circle
                        class="dot"
                        class:selected=move || selected(&k2)
                        cx=r.lon
                        cy=-r.lat
                        r="2.2"
                        data-testid=format!("map-dot-{key}")
                        on:click=move |_| toggle_region(editor, k3.clone())
                    >
                        <title>{format!("{key} — {} ({})", r.name, r.city)}</title>
                    </circle>
                }
            })
            .collect_view()
    };
    let users = move || {
        editor.plan.with(|p| {
            p.users
                .iter()
                .filter_map(|u| u.place.resolve().ok().map(|pl| (u.name.clone(), pl.location())))
                .map(|(name, at)| {
                    view! {
                        <rect class="user" x=at.lon - 2.0 y=-at.lat - 2.0 width="4" height="4" transform=format!("rotate(45 {} {})", at.lon, -at.lat)>
                            <title>{format!("Users: {name}")}</title>
                        </rect>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <svg class="map" viewBox=VIEW_BOX role="img" aria-label="World map of the provider's regions; click a dot to select a region" data-testid="picker-map">
            <Land />
            {users}
            {dots}
        </svg>
        <p class="legend"><span class="key dot-key"></span>" region · "<span class="key sel-key"></span>" selected · "<span class="key user-key"></span>" users. Land: Natural Earth 1:110m (public domain)."</p>
    }
}
