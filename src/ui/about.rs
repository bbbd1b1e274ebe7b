//! "About the numbers": pick any two places and see the round trip with where it came from.

use leptos::prelude::*;

use crate::data::{find_region, regions, Provider};
use crate::latency::rtt;
use crate::place::Place;

fn place_of(key: &str) -> Option<Place> {
    let (p, code) = key.split_once(':')?;
    find_region(Provider::from_slug(p)?, code).map(Place::Region)
}

/// A region `<select>` whose value is a `provider:code` key.
#[component]
fn RegionSelect(
    label: &'static str,
    testid: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <select
                data-testid=testid
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {regions()
                    .iter()
                    .map(|r| {
                        let key = r.key();
                        view! { <option value=key.clone()>{format!("{key} — {}", r.name)}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn AboutNumbers() -> impl IntoView {
    let from = RwSignal::new("aws:us-east-1".to_string());
    let to = RwSignal::new("aws:eu-west-1".to_string());
    let link = Memo::new(move |_| {
        let (a, b) = (place_of(&from.get())?, place_of(&to.get())?);
        Some(rtt(&a, &b))
    });
    view! {
        <section class="panel" aria-labelledby="about-h">
            <h2 id="about-h">"About the numbers: round trip between two places"</h2>
            <div class="row">
                <RegionSelect label="From" testid="rtt-from" value=from />
                <RegionSelect label="To" testid="rtt-to" value=to />
            </div>
            <p data-testid="rtt-result" class="figure">
                {move || match link.get() {
                    Some(l) => format!("p50 {:.0} ms · p99 {:.0} ms — {:?}", l.p50_ms, l.p99_ms, l.source),
                    None => "Pick two regions from the catalog.".to_string(),
                }}
            </p>
        </section>
    }
}
