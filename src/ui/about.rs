//! "About the numbers": any pair's round trip with its working, every data source with its
//! date and licence, and the latency model's measured error.

use leptos::prelude::*;

use crate::data::matrices::DATASETS;
use crate::data::{find_region, regions, Provider};
use crate::latency::eval::LENGTH_BANDS;
use crate::latency::{rtt_explained, NEIGHBOURS_BY_LENGTH};
use crate::place::Place;
use crate::present::latency as words;

fn place_of(key: &str) -> Option<Place> {
    let (p, code) = key.split_once(':')?;
    find_region(Provider::from_slug(p)?, code).map(Place::Region)
}

/// A region `<select>` whose value is a `provider:code` key, grouped by provider.
#[component]
fn RegionSelect(
    label: &'static str,
    testid: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <select data-testid=testid prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                {Provider::ALL.into_iter().map(|p| view! {
                    <optgroup label=p.display_name()>
                        {regions().iter().filter(|r| r.provider == p).map(|r| {
                            let key = r.key();
                            view! { <option value=key.clone()>{format!("{key} — {}", r.name)}</option> }
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn AboutNumbers(#[prop(into)] price_sources: Signal<Vec<String>>) -> impl IntoView {
    let from = RwSignal::new("aws:us-east-1".to_string());
    let to = RwSignal::new("aws:eu-west-1".to_string());
    let link = Memo::new(move |_| {
        Some(rtt_explained(
            &place_of(&from.get())?,
            &place_of(&to.get())?,
        ))
    });
    view! {
        <section class="panel about" aria-labelledby="about-h" data-testid="about">
            <h2 id="about-h">"About the numbers"</h2>
            <h3>"Round trip between any two regions"</h3>
            <div class="row">
                <RegionSelect label="From" testid="rtt-from" value=from />
                <RegionSelect label="To" testid="rtt-to" value=to />
            </div>
            <p data-testid="rtt-result" class="figure">
                {move || match link.get() {
                    Some(x) => words::rtt_working(&x),
                    None => "Pick two regions from the catalog.".to_string(),
                }}
            </p>
            // The long reference material is one click away, so the page ends near the results.
            <details class="about-more" data-testid="about-more">
            <summary>"How the figures are made: the latency model's error, the measured datasets, prices and sources"</summary>
            <h3>"The latency model's error"</h3>
            <p>{words::model_summary()}</p>
            <div class="table-scroll" tabindex="0">
                <table data-testid="model-error-bands">
                    <thead><tr><th scope="col">"Link length"</th><th scope="col">"Median error"</th><th scope="col">"p90 error"</th></tr></thead>
                    <tbody>
                        {NEIGHBOURS_BY_LENGTH.iter().zip(LENGTH_BANDS).map(|(b, (label, _, _))| view! {
                            <tr><th scope="row">{label}</th><td>{crate::present::error_pct(b.median_pct)}</td><td>{crate::present::error_pct(b.p90_pct)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p data-testid="cross-cloud-check">{words::cross_cloud_check()}</p>
            <h3>"Measured round trips"</h3>
            <div class="table-scroll" tabindex="0">
                <table>
                    <thead><tr><th scope="col">"Dataset"</th><th scope="col">"Statistic"</th><th scope="col">"When"</th><th scope="col">"Licence"</th><th scope="col">"Caveat"</th></tr></thead>
                    <tbody>
                        {DATASETS.iter().map(|d| view! {
                            <tr><th scope="row">{d.name}</th><td>{d.statistic}</td><td>{d.date}</td><td>{d.licence}</td><td>{d.caveat}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>"Prices used in this plan"</h3>
            <p class="hint">"List prices, each with its source and date; override them in the plan's prices when yours differ."</p>
            <ul data-testid="price-sources">{move || price_sources.get().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            <h3>"Other sources"</h3>
            <ul>
                <li>"Region catalog (135 regions, coordinates): tal66/cloud-regions (MIT), Azure ARM location metadata, Cyclenerd/google-cloud-pricing-cost-calculator (Apache-2.0); 2025-01. See data/SOURCES.md."</li>
                <li>"Metro coordinates of seven regions (aws us-east-1, us-east-2, us-west-1, us-west-2, mx-central-1; azure francecentral, israelcentral): data-centre points from electricitymaps/electricitymaps-contrib, config/data_centers/data_centers.json (AGPL-3.0 repository; coordinates only), 2026-07. Azure eastus is placed at aws us-east-1's point by inference, not from a published location: Aviatrix measured 1.868 ms between the two (2019-02-20), which by the fibre floor puts East US within 187 km of it; its state-level catalog point was 277 km away."</li>
                <li>"Cross-cloud round trips (used to check the model, never shown as measurements): Aviatrix Docs, \"Multi-Cloud Region Affinity and Latency\", AviatrixSystems/Docs, 18 AWS-to-Azure and AWS-to-Google Cloud pairs, published 2019-02-20, statistic not stated."</li>
                <li>"Land outlines: Natural Earth 1:110m (public domain), via the world-atlas package."</li>
                <li>"Failover and replication reference figures (DNS TTL, health checks, promotion, lag): the project's design brief; each constant is documented in docs/engine.md."</li>
            </ul>
            </details>
        </section>
    }
}
