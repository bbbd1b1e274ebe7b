//! Start-up and per-call cost of the catalog and the latency model in a JavaScript engine
//! (V8 under Node, the engine of Chromium), printed for docs/latency-model.md. Nothing is
//! asserted about time (that would be flaky); the test only checks the answers are sane.
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!       cargo test --target wasm32-unknown-unknown --test latency_wasm -- --nocapture`
#![cfg(target_arch = "wasm32")]

#[path = "support/packed_links.rs"]
mod support_packed_links;

use meridian::data::regions;
use meridian::latency::{rtt, rtt_matrix};
use meridian::place::Place;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: sub-millisecond wall clock in browsers and Node.
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

/// Times `f` (ms) with `performance.now()`.
fn timed<R>(f: impl FnOnce() -> R) -> (R, f64) {
    let t = now();
    let r = f();
    (r, now() - t)
}

/// The one-time set-up a page's first evaluation pays, one piece at a time, then that first
/// evaluation and a repeat (the breakdown docs/latency-model.md "Start-up" quotes). One test,
/// because every piece is a process-wide once-cell: a second test would find them built.
#[wasm_bindgen_test]
fn startup_and_matrix_cost() {
    use meridian::latency::{fitted, model, observations, tail};
    let (n, t_catalog) = timed(|| regions().len());
    let (obs, t_obs) = timed(|| observations::observations().len());
    let (_, t_tail) = timed(|| tail::tail_fit().pairs);
    // The shipped model's pieces, built once more outside its once-cell to time each.
    let (links, t_copy) = timed(|| observations::observations().to_vec());
    let (_, t_index) = timed(|| {
        model::Model::with_fit(
            links,
            model::Params::default(),
            fitted::DISTANCE_FIT,
            fitted::OFFSETS,
        )
    });
    let (_, t_model) = timed(|| model::model().params());
    let a = Place::parse("aws:us-east-1").unwrap();
    let b = Place::parse("gcp:europe-west1").unwrap();
    let (first, t_rtt) = timed(|| rtt(&a, &b));
    // Static data since issue 12 (build/technologies_table.rs): converted and checked.
    let (services, t_tech) = timed(|| meridian::catalog::catalog().map(|c| c.services.len()));
    // Since issue 12 a lookup decodes only the countries whose box holds the point.
    let (country, t_country) = timed(|| {
        meridian::geo::country_at(meridian::geo::LatLon {
            lat: 48.85,
            lon: 2.35,
        })
    });
    let plan = meridian::plan::Plan::example();
    let (report, t_eval1) = timed(|| meridian::engine::evaluate(&plan));
    let (_, t_eval2) = timed(|| meridian::engine::evaluate(&plan));
    meridian::engine::clear_rtt_cache();
    let (_, t_eval3) = timed(|| meridian::engine::evaluate(&plan));
    // The page labels every catalog region (its map and region list), outside evaluate().
    let (labels, t_labels) = timed(|| {
        regions()
            .iter()
            .map(|r| meridian::geo::place_label(r.location()))
            .collect::<Vec<_>>()
    });
    console_log!(
        "one-time set-up: observations {t_obs:.2} ms ({obs} links); tail fit {t_tail:.2} ms; copying the links {t_copy:.2} ms, indexing them {t_index:.2} ms, then the shipped model (the same with the build-time fit) {t_model:.2} ms; first rtt() after them {t_rtt:.2} ms; technology catalog load {t_tech:.2} ms; countries: first lookup {t_country:.2} ms; then the example plan's first evaluate() {t_eval1:.2} ms, a repeat {t_eval2:.2} ms, a repeat with the RTT memo emptied {t_eval3:.2} ms; then labels of the {} catalog regions {t_labels:.2} ms",
        labels.len()
    );
    assert!(report.is_ok() && services.is_ok_and(|s| s > 0) && country == "FR");
    let t0 = now();
    let n2 = regions().len();
    let t1 = now();
    assert_eq!(n, n2);
    let places: Vec<Place> = regions()
        .iter()
        .step_by(4)
        .take(30)
        .map(Place::Region)
        .collect();
    let t2 = now();
    let m = rtt_matrix(&places);
    let t3 = now();
    // Another 30 places: new distance rows, but the code is now warm (V8 compiles wasm in
    // tiers, so the first calls above also pay for optimising compilation).
    let others: Vec<Place> = regions()
        .iter()
        .skip(2)
        .step_by(4)
        .take(30)
        .map(Place::Region)
        .collect();
    let m2 = rtt_matrix(&others);
    let t4 = now();
    console_log!(
        "catalog access: {t_catalog:.3} ms ({n} regions), again {:.3} ms; 30x30 rtt_matrix: {:.3} ms; another 30x30: {:.3} ms",
        t1 - t0,
        t3 - t2,
        t4 - t3
    );
    assert_eq!(n, 135);
    assert!(first.p50_ms > 50.0 && first.p50_ms < 150.0, "{first:?}");
    assert_eq!(m.len(), 900);
    assert_eq!(m2.len(), 900);
}

/// The packed matrices decode, in the browser's engine too, to the links build.rs computes
/// natively: the same mean and the same `f32` distance, although the wasm haversine runs on
/// Rust's own `sin`/`cos`/`asin` and build.rs on the host's (their `f64` results differ in
/// the last bit for some pairs; the `f32` must not). tests/packed_matrices.rs checks natively.
#[wasm_bindgen_test]
fn packed_links_equal_the_build_time_tables_in_wasm() {
    use meridian::data::matrices::DATASETS;
    // The decode itself, timed apart from the cached `links()` (which another test may
    // already have filled): what the packing adds to start-up.
    let t0 = now();
    let decoded: usize = DATASETS.iter().map(|ds| ds.packed().links().len()).sum();
    console_log!(
        "packed matrices decoded: {decoded} links in {:.3} ms",
        now() - t0
    );
    support_packed_links::assert_decoded_links_equal_build_time_tables();
}
