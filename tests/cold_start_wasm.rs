//! The page's first `evaluate()` as the page pays it: the example plan evaluated first thing
//! in a fresh wasm instance (its own test binary, so no other test has built a once-cell or
//! run the engine's code), then again, in a JavaScript engine (V8 under Node, the engine of
//! Chromium). Printed for docs/latency-model.md "Start-up"; nothing about time is asserted.
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!       cargo test --target wasm32-unknown-unknown --test cold_start_wasm -- --nocapture`
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: sub-millisecond wall clock in browsers and Node.
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

/// One test: a second would find the engine warm.
#[wasm_bindgen_test]
fn first_evaluate_of_a_fresh_instance() {
    let plan = meridian::plan::Plan::example();
    let t0 = now();
    let first = meridian::engine::evaluate(&plan);
    let t1 = now();
    let again = meridian::engine::evaluate(&plan);
    let t2 = now();
    console_log!(
        "fresh instance: the example plan's first evaluate() {:.2} ms (every one-time set-up, V8 compiling the engine's code), a repeat {:.2} ms",
        t1 - t0,
        t2 - t1
    );
    assert_eq!(first.ok(), again.ok());
}
