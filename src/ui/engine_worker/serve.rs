//! The worker's side: public/engine-worker.js starts the page's own wasm in a module worker
//! and calls [`engine_evaluate`] for each plan the page sends. Plan and report cross as JSON:
//! the plan file format, and each report struct's plain serde form (nested structs under
//! their own keys, not the flattened JSON form the CLI writes: reading that would make serde
//! buffer each class into its `Content` tree, src/engine/report/json_form.rs).

use std::cell::RefCell;
use std::sync::Arc;

use wasm_bindgen::prelude::*;

use crate::engine::report::ClassReport;
use crate::engine::Progress;
use crate::plan::Plan;

thread_local! {
    /// The classes of the last report this worker delivered, with its request's sequence
    /// number: a class equal to its counterpart there is sent as `null` to a page that holds
    /// that report (it said so: `base`), which reuses its own copy instead of reading JSON.
    static DELIVERED: RefCell<Option<(f64, Vec<Arc<ClassReport>>)>> = const { RefCell::new(None) };
}

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
/// after each class, and hands each class's report JSON to `deliver(index, json)` as soon as it
/// is written, so that the page reads class 0 while the worker writes class 1. With `seq`
/// (this request) and `base` (the request whose report the page holds), a class equal to the
/// one this worker delivered for `base` is handed over as `null` instead (an edit usually
/// changes one class of many: the others are neither written nor read again). Returns
/// `{ head, classes, evaluate_ms, evaluate_started, encode_ms }`: the report JSON without its
/// classes, how many classes were delivered (without `deliver`: their JSON, an array), the
/// engine's own time (ms), when it began (ms since the epoch, `timeOrigin + now`, so that the
/// page places it on its own timeline) and the time spent writing the JSON (ms). An error (the
/// plan does not parse or validate: the page validates first, so not expected) is thrown as
/// a JS error.
#[wasm_bindgen(js_name = engineEvaluate)]
pub fn engine_evaluate(
    plan_json: &str,
    progress: &js_sys::Function,
    deliver: Option<js_sys::Function>,
    seq: Option<f64>,
    base: Option<f64>,
) -> Result<JsValue, JsError> {
    let plan: Plan = serde_json::from_str(plan_json)?;
    let started = performance_now();
    let mut tell = |p: Progress| {
        let _ = progress.call2(&JsValue::NULL, &p.done.into(), &p.classes.into());
    };
    let mut report = super::evaluate_reusing(&plan, &mut tell)
        .map_err(|e| JsError::new(&format!("the plan does not validate: {:?}", e.0)))?;
    let evaluate_ms = performance_now() - started;
    let classes = js_sys::Array::new();
    let count = report.classes.len();
    let mut encode_ms = 0.0;
    let held = DELIVERED
        .take()
        .filter(|(sent, _)| deliver.is_some() && Some(*sent) == base);
    for (index, class) in report.classes.iter().enumerate() {
        let began = performance_now();
        // A class the engine reused is the very one delivered: no need to compare it field by field.
        let unchanged = held
            .as_ref()
            .and_then(|(_, old)| old.get(index))
            .is_some_and(|old| Arc::ptr_eq(old, class) || old == class);
        let json: JsValue = if unchanged {
            JsValue::NULL
        } else {
            serde_json::to_string(class)?.into()
        };
        encode_ms += performance_now() - began;
        match &deliver {
            Some(deliver) => {
                let _ = deliver.call2(&JsValue::NULL, &index.into(), &json);
            }
            None => {
                classes.push(&json);
            }
        }
    }
    let delivered = std::mem::take(&mut report.classes);
    if let (Some(seq), Some(_)) = (seq, &deliver) {
        DELIVERED.set(Some((seq, delivered)));
    }
    let began = performance_now();
    let head: JsValue = serde_json::to_string(&report)?.into();
    encode_ms += performance_now() - began;
    let out = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&out, &key.into(), value)
            .map(drop)
            .map_err(|_| JsError::new("cannot build the answer"))
    };
    set("head", &head)?;
    match deliver {
        Some(_) => set("classes", &count.into())?,
        None => set("classes", &classes)?,
    }
    set("evaluate_ms", &evaluate_ms.into())?;
    set("evaluate_started", &(time_origin() + started).into())?;
    set("encode_ms", &encode_ms.into())?;
    Ok(out.into())
}
