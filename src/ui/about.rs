//! "About the numbers": any pair's round trip with its working, every data source with its
//! date and licence, and the latency model's measured error.

use leptos::prelude::*;

use crate::data::matrices::DATASETS;
use crate::data::{find_region, regions, Provider};
use crate::latency::eval::LENGTH_BANDS;
use crate::latency::{
    rtt_explained, DISTANCE_FIT_MEDIAN_ERR_PCT, DISTANCE_FIT_P90_ERR_PCT, NEIGHBOURS_BY_LENGTH,
    NEIGHBOURS_MEDIAN_ERR_PCT, NEIGHBOURS_P90_ERR_PCT,
};
use crate::place::Place;
use crate::present::ms as fmt_ms;

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
                    Some(x) => format!(
                        "p50 {} · p95 {}{} · p99 {} · fibre floor {} — {}",
                        fmt_ms(x.link.p50_ms), fmt_ms(x.p95_ms), if x.p95_measured { " (measured)" } else { " (tail model)" },
                        fmt_ms(x.link.p99_ms), fmt_ms(x.floor_ms), x.link.source.describe()
                    ),
                    None => "Pick two regions from the catalog.".to_string(),
                }}
            </p>
            // The long reference material is one click away, so the page ends near the results.
            <details class="about-more" data-testid="about-more">
            <summary>"How the figures are made: the latency model's error, the measured datasets, prices and sources"</summary>
            <h3>"The latency model's error"</h3>
            <p>{format!(
                "Pairs without a measurement (other providers, custom places, regions missing from a matrix) are predicted from measured pairs between nearby places, adjusted for distance, the pair's own providers' measurements weighing ten times more; links under 300 km blend toward the same-metro figure (cross-AZ 1.5 ms plus distance). Leave-one-provider-out error over all measured links: {NEIGHBOURS_MEDIAN_ERR_PCT:.1} % median, {NEIGHBOURS_P90_ERR_PCT:.1} % p90; by link length below (each modeled figure shows its own band's). With no measured pair nearby, a distance fit: {DISTANCE_FIT_MEDIAN_ERR_PCT:.1} % median, {DISTANCE_FIT_P90_ERR_PCT:.1} % p90. No figure is ever below the fibre floor (2 × great-circle distance at 200 km/ms). p99 comes from p50 (and the measured p95 where Azure publishes one) through a log-normal tail model. Details, 5-fold CV and per-provider errors: docs/latency-model.md; reproduce with `meridian model-eval`."
            )}</p>
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
                <li>"Metro coordinates of seven regions (aws us-east-1, us-east-2, us-west-1, us-west-2, mx-central-1; azure francecentral, israelcentral): data-centre points from electricitymaps/electricitymaps-contrib, config/data_centers/data_centers.json (AGPL-3.0 repository; coordinates only), 2026-07."</li>
                <li>"Land outlines: Natural Earth 1:110m (public domain), via the world-atlas package."</li>
                <li>"Failover and replication reference figures (DNS TTL, health checks, promotion, lag): the project's design brief; each constant is documented in docs/engine.md."</li>
            </ul>
            </details>
        </section>
    }
}
