//! Start-up and per-call cost of the catalog and the latency model in a JavaScript engine
//! (V8 under Node, the engine of Chromium), printed for docs/latency-model.md. Nothing is
//! asserted about time (that would be flaky); the test only checks the answers are sane.
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!       cargo test --target wasm32-unknown-unknown --test latency_wasm -- --nocapture`
#![cfg(target_arch = "wasm32")]

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

#[wasm_bindgen_test]
fn startup_and_matrix_cost() {
    let t0 = now();
    let n = regions().len();
    let t1 = now();
    let a = Place::parse("aws:us-east-1").unwrap();
    let b = Place::parse("gcp:europe-west1").unwrap();
    let first = rtt(&a, &b);
    let t2 = now();
    let places: Vec<Place> = regions()
        .iter()
        .step_by(4)
        .take(30)
        .map(Place::Region)
        .collect();
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
        "catalog access: {:.3} ms ({n} regions); first rtt() incl. one-time model init: {:.3} ms; 30x30 rtt_matrix: {:.3} ms; another 30x30: {:.3} ms",
        t1 - t0,
        t2 - t1,
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
    for ds in DATASETS {
        let (got, want) = (ds.links(), ds.reference_links());
        assert_eq!(got.len(), want.len(), "{:?}", ds.id);
        for (g, w) in got.iter().zip(want) {
            assert_eq!(
                (g.a, g.b, g.directions, g.ms.to_bits(), g.km.to_bits()),
                (w.a, w.b, w.directions, w.ms.to_bits(), w.km.to_bits()),
                "{:?}: {g:?} vs {w:?}",
                ds.id
            );
        }
    }
}
