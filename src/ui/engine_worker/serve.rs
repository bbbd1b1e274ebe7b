//! The worker's side: public/engine-worker.js starts the page's own wasm in a module worker
//! and calls [`engine_evaluate`] for each plan the page sends. Plan and report cross as JSON
//! (the plan file format and the report JSON), so both sides read the same bytes.

use wasm_bindgen::prelude::*;

use crate::engine::{evaluate_with_progress, Progress};
use crate::plan::Plan;

#[wasm_bindgen]
extern "C" {
    /// `performance.now()` of whichever global runs this (page or worker).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    pub(super) fn performance_now() -> f64;
}

/// `performance.timeOrigin` of whichever global runs this: page and worker count their
/// `performance.now()` from different origins (NaN if the browser has none).
pub(super) fn time_origin() -> f64 {
    let get = |from: &JsValue, key: &str| js_sys::Reflect::get(from, &key.into()).ok();
    get(&js_sys::global(), "performance")
        .and_then(|p| get(&p, "timeOrigin"))
        .and_then(|t| t.as_f64())
        .unwrap_or(f64::NAN)
}

/// Evaluates the plan `plan_json` (the plan file format), calling `progress(done, classes)`
/// after each class, and returns `{ head, classes, evaluate_ms, evaluate_started }`: the report
/// JSON without its classes, each class's JSON (the page reads one per task, so no single task
/// reads a large report), the engine's own time (ms) and when it began (ms since the epoch,
/// `timeOrigin + now`, so that the page places it on its own timeline). An error (the plan does not parse or
/// validate: the page validates first, so not expected) is thrown as a JS error.
#[wasm_bindgen(js_name = engineEvaluate)]
pub fn engine_evaluate(plan_json: &str, progress: &js_sys::Function) -> Result<JsValue, JsError> {
    let plan: Plan = serde_json::from_str(plan_json)?;
    let started = performance_now();
    let mut tell = |p: Progress| {
        let _ = progress.call2(&JsValue::NULL, &p.done.into(), &p.classes.into());
    };
    let mut report = evaluate_with_progress(&plan, &mut tell)
        .map_err(|e| JsError::new(&format!("the plan does not validate: {:?}", e.0)))?;
    let evaluate_ms = performance_now() - started;
    let classes = js_sys::Array::new();
    for class in std::mem::take(&mut report.classes) {
        classes.push(&serde_json::to_string(&class)?.into());
    }
    let out = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&out, &key.into(), value)
            .map(drop)
            .map_err(|_| JsError::new("cannot build the answer"))
    };
    set("head", &serde_json::to_string(&report)?.into())?;
    set("classes", &classes)?;
    set("evaluate_ms", &evaluate_ms.into())?;
    set("evaluate_started", &(time_origin() + started).into())?;
    Ok(out.into())
}
