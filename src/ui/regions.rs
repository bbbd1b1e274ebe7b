//! Regions: provider tabs, the picker map, a searchable list, and custom places.

use leptos::prelude::*;
use std::sync::Arc;

use crate::data::carbon::{region_carbon, RegionCarbon};
use crate::data::{regions, Provider};
use crate::engine::report::Report;
use crate::place::CustomPlace;
use crate::plan::PlaceRef;
use crate::present::carbon::region_carbon as show_carbon;

use super::fields::{NumberField, Problems};
use super::map::{toggle_region, PickerMap, Tab};
use super::region_notes::{place_name, UnusedRegions};
use super::Editor;

/// Case-blind for ASCII letters only (codes and almost every catalog name): full Unicode
/// case folding brought ~24 KB of tables into the download (docs/benchmarks.md).
fn matches(query: &str, hay: &[&str]) -> bool {
    let q = query.trim().to_ascii_lowercase();
    q.is_empty() || hay.iter().any(|h| h.to_ascii_lowercase().contains(&q))
}

#[component]
pub fn RegionPicker(
    editor: Editor,
    placing: RwSignal<Option<usize>>,
    report: Signal<Option<Arc<Report>>>,
) -> impl IntoView {
    let tab = RwSignal::new(Tab::Provider(Provider::Aws));
    let query = RwSignal::new(String::new());
    let problems = editor.problems_under("regions".to_string());
    let tabs = Provider::ALL
        .into_iter()
        .map(|p| (Tab::Provider(p), p.display_name(), p.slug()))
        .chain(std::iter::once((Tab::Custom, "Custom places", "custom")));
    view! {
        <section class="panel" aria-labelledby="regions-h">
            <h2 id="regions-h">"Regions"</h2>
            <div class="tabs" role="tablist" aria-label="Provider">
                {tabs.map(|(t, name, slug)| view! {
                    <button
                        role="tab"
                        aria-selected=move || if tab.get() == t { "true" } else { "false" }
                        data-testid=format!("tab-{slug}")
                        on:click=move |_| tab.set(t)
                    >{name}</button>
                }).collect_view()}
            </div>
            <PickerMap editor tab placing />
            <SelectedRegions editor />
            <UnusedRegions editor report />
            <Problems problems testid="region-problems".to_string() />
            {move || match tab.get() {
                Tab::Provider(p) => view! { <RegionList editor provider=p query /> }.into_any(),
                Tab::Custom => view! { <CustomPlaceForm editor /> }.into_any(),
            }}
        </section>
    }
}

/// The plan's region labels, compared by value: an edit that leaves the regions alone (most
/// do) wakes neither the chips nor the list's checkboxes.
fn chosen_labels(editor: Editor) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        editor
            .plan
            .with(|p| p.regions.iter().map(|r| r.label()).collect())
    })
}

/// The chosen regions as removable chips.
#[component]
fn SelectedRegions(editor: Editor) -> impl IntoView {
    let chosen = chosen_labels(editor);
    view! {
        <ul class="chips" aria-label="Selected regions" data-testid="selected-regions">
            {move || chosen.get().into_iter().map(|label| {
                let l2 = label.clone();
                view! {
                    <li class="chip">
                        {label.clone()}
                        <button class="x" aria-label=format!("Remove {label}") on:click=move |_| {
                            let l = l2.clone();
                            editor.edit(move |p| p.regions.retain(|r| r.label() != l));
                        }>"×"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// How the region list is ordered: the catalog's order, or lowest grid carbon first (a
/// view only: the recommendation never looks at carbon).
#[derive(Clone, Copy, PartialEq, Eq)]
enum RegionOrder {
    Catalog,
    Carbon,
}

#[component]
fn RegionList(editor: Editor, provider: Provider, query: RwSignal<String>) -> impl IntoView {
    let order = RwSignal::new(RegionOrder::Catalog);
    let chosen = chosen_labels(editor);
    let rows = move || {
        let q = query.get();
        let mut list: Vec<_> = regions()
            .iter()
            .filter(|r| r.provider == provider && matches(&q, &[r.code, r.name, r.city, r.country]))
            .map(|r| (r, region_carbon(r)))
            .collect();
        if order.get() == RegionOrder::Carbon {
            // Lowest grid intensity first, regions without data last; stable, so ties keep
            // the catalog's order.
            crate::sort::sort_by(&mut list, |a, b| {
                let g = |c: &Option<RegionCarbon>| c.map_or(f64::INFINITY, |c| c.grid_g_per_kwh);
                g(&a.1).total_cmp(&g(&b.1))
            });
        }
        list.into_iter()
            .map(|(r, carbon)| {
                let key = r.key();
                let (k1, k2) = (key.clone(), key.clone());
                let source = carbon.map_or_else(
                    || "No carbon figure for this region in the data".to_string(),
                    |c| c.source(),
                );
                view! {
                    <li data-testid="region-row" data-key=key.clone()>
                        <label>
                            <input
                                type="checkbox"
                                data-testid=format!("region-{key}")
                                prop:checked=move || chosen.with(|c| c.contains(&k1))
                                on:change=move |_| toggle_region(editor, k2.clone())
                            />
                            <code>{r.code}</code>" " {r.name}<small>" · " {place_name(r)}</small>
                        </label>
                        <small class="carbon" data-testid=format!("carbon-{key}") title=source
                            data-g-per-kwh=carbon.map(|c| c.grid_g_per_kwh.to_string()).unwrap_or_default()>
                            {show_carbon(carbon.as_ref())}
                        </small>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="row region-tools">
            <label class="field search">
                <span>{format!("Search {} regions", provider.display_name())}</span>
                <input type="search" data-testid="region-search" placeholder="code, name or city"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            </label>
            <label class="field">
                <span>"Order"</span>
                <select data-testid="region-order"
                    on:change=move |ev| order.set(if event_target_value(&ev) == "carbon" { RegionOrder::Carbon } else { RegionOrder::Catalog })>
                    <option value="catalog" selected=move || order.get() == RegionOrder::Catalog>"Catalog order"</option>
                    <option value="carbon" selected=move || order.get() == RegionOrder::Carbon>"Grid carbon, lowest first"</option>
                </select>
            </label>
        </div>
        <p class="hint">"Carbon beside each region: its grid's average intensity (gCO2e/kWh), with Google's carbon-free energy share for Google Cloud regions, and the data's year. Shown for your choice only: the recommendation never uses it."</p>
        <ul class="region-list">{rows}</ul>
    }
}

/// Adds an on-premises site or another cloud's region by coordinates; its name and
/// jurisdiction come from them unless the user types their own.
#[component]
fn CustomPlaceForm(editor: Editor) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let lat = RwSignal::new(None::<f64>);
    let lon = RwSignal::new(None::<f64>);
    let jurisdiction = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // What the coordinates give, recomputed as they are typed.
    let derived = Memo::new(move |_| match (lat.get(), lon.get()) {
        (Some(la), Some(lo)) => {
            let at = CustomPlace::at(la, lo);
            Some((at.label(), at.jurisdiction().to_string()))
        }
        _ => None,
    });
    let source = move || {
        let typed = jurisdiction.get().trim().to_ascii_uppercase();
        match derived.get() {
            _ if !typed.is_empty() => crate::present::jurisdiction_source(&typed, true, true),
            Some((_, j)) => crate::present::jurisdiction_source(&j, false, true),
            None => "from the coordinates".to_string(),
        }
    };
    let add = move |_| match (lat.get(), lon.get()) {
        (Some(la), Some(lo)) => {
            problem.set(None);
            let (n, j) = (name.get(), jurisdiction.get().trim().to_ascii_uppercase());
            editor.edit(move |p| p.regions.push(PlaceRef::custom(&n, la, lo, &j)));
            name.set(String::new());
            jurisdiction.set(String::new());
        }
        _ => problem.set(Some(
            "Latitude and longitude: required, in decimal degrees".into(),
        )),
    };
    view! {
        <div class="custom-form">
            <p>"A place outside the catalog (an on-premises data centre, another cloud's region). Its round trips are modeled from coordinates; its name and jurisdiction come from them unless you type your own."</p>
            <div class="row">
                <NumberField label="Latitude" unit="°" testid="custom-lat".to_string() value=Signal::derive(move || lat.get()) on_change=Callback::new(move |v| lat.set(v)) optional=true min=-90.0 max=90.0 />
                <NumberField label="Longitude" unit="°" testid="custom-lon".to_string() value=Signal::derive(move || lon.get()) on_change=Callback::new(move |v| lon.set(v)) optional=true min=-180.0 max=180.0 />
                <label class="field"><span>"Name (optional)"</span>
                    <input type="text" data-testid="custom-name" placeholder=move || derived.get().map(|d| d.0).unwrap_or_else(|| "e.g. Frankfurt DC".into())
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label class="field"><span>"Jurisdiction (optional)"</span>
                    <input type="text" size="6" data-testid="custom-jurisdiction" placeholder=move || derived.get().map(|d| d.1).unwrap_or_default()
                        prop:value=move || jurisdiction.get() on:input=move |ev| jurisdiction.set(event_target_value(&ev)) /></label>
                <output data-testid="custom-jurisdiction-source">{source}</output>
                <button data-testid="custom-add" on:click=add>"Add place"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        </div>
    }
}
