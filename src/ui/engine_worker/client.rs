//! The page's side of the worker: starting it, sending the newest plan when it is free, and
//! reading its answers (one class per message, so no single task reads a whole report).

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::Set;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::{serve::performance_now, Engine};
use crate::engine::report::{ClassReport, Report};
use crate::engine::Progress;

/// The worker script, relative to the page (Trunk copies public/ as is).
const SCRIPT: &str = "public/engine-worker.js";

/// Where public/boot.js leaves the worker it started early.
const EARLY: &str = "meridianEngineWorker";

/// If the worker has not said it is ready by then, it is given up for this page.
const START_TIMEOUT_MS: u32 = 10_000;

/// The worker and what is sent to it.
pub(super) struct Client {
    pub(super) worker: Worker,
    /// The worker's wasm has started.
    ready: bool,
    /// The newest request's sequence number; answers to others are dropped.
    pub(super) newest: u64,
    /// The worker is evaluating a plan (it takes one at a time).
    pub(super) in_flight: bool,
    /// The newest plan, not yet sent: (sequence number, plan JSON).
    pub(super) waiting: Option<(u64, String)>,
    /// The classes of the newest plan's report read so far.
    reading: Option<Reading>,
    /// The last report read, with its request's sequence number: sent to the worker as `base`
    /// with the next plan, so that it sends only the classes that differ from it. It changes
    /// only when the newest request's report is read, after which the next plan is sent: so
    /// while the newest request's classes arrive, it is the report that request named.
    held: Option<(u64, Arc<Report>)>,
    /// An edit waits for the newest report to record its edit-to-results.
    pub(super) edit_waits: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// A report arriving class by class.
struct Reading {
    seq: u64,
    classes: Vec<Arc<ClassReport>>,
    /// Time spent reading it on the page so far (ms).
    read_ms: f64,
}

/// The newest plan's report, read, with the page's time spent reading it.
pub(super) struct Answer {
    pub(super) report: Arc<Report>,
    pub(super) read_ms: f64,
    pub(super) evaluate_ms: f64,
    /// The worker's time writing the report's JSON (ms), right after its engine.
    pub(super) encode_ms: f64,
    /// When the worker's engine began, ms since the epoch (NaN if not said).
    pub(super) evaluate_started: f64,
    pub(super) edit_waits: bool,
}

thread_local! {
    pub(super) static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

impl Client {
    /// Starts the worker and hands it the page's compiled wasm module (nothing is
    /// downloaded or compiled again).
    pub(super) fn start(engine: Engine) -> Result<Client, String> {
        let worker = match started_early()? {
            Some(worker) => worker,
            None => {
                let options = WorkerOptions::new();
                options.set_type(WorkerType::Module);
                Worker::new_with_options(SCRIPT, &options).map_err(describe)?
            }
        };
        let on_message =
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| on_message(engine, e));
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let message = js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "it could not be loaded".to_string());
            engine.fail(&message);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let init = js_sys::Object::new();
        js_sys::Reflect::set(&init, &"module".into(), &wasm_bindgen::module()).map_err(describe)?;
        worker.post_message(&init).map_err(describe)?;
        gloo::timers::callback::Timeout::new(START_TIMEOUT_MS, move || {
            let started = CLIENT.with_borrow(|c| c.as_ref().is_none_or(|c| c.ready));
            if !started {
                engine.fail("it did not start in time");
            }
        })
        .forget();
        Ok(Client {
            worker,
            ready: false,
            newest: 0,
            in_flight: false,
            waiting: None,
            reading: None,
            held: None,
            edit_waits: false,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends the waiting plan if the worker is free. Not waiting for its `ready`: the worker
    /// reads a plan once its wasm is up, and `ready` would have to wait for the page's main
    /// thread, busy with the first render when a large plan is opened.
    pub(super) fn post_waiting(&mut self) {
        if self.in_flight {
            return;
        }
        let Some((seq, plan)) = self.waiting.take() else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"seq".into(), &(seq as f64).into());
        let _ = js_sys::Reflect::set(&message, &"plan".into(), &plan.into());
        if let Some((base, _)) = &self.held {
            let _ = js_sys::Reflect::set(&message, &"base".into(), &(*base as f64).into());
        }
        self.in_flight = self.worker.post_message(&message).is_ok();
    }

    /// Reads classes `index..index + count` of request `seq`'s report, if that is the newest
    /// request: from `json` (one class), or (`None`) the same classes of the held report the
    /// worker was told of.
    fn read_classes(
        &mut self,
        seq: u64,
        index: usize,
        count: usize,
        json: Option<&str>,
    ) -> Result<(), String> {
        if seq != self.newest {
            return Ok(());
        }
        let reading = match &mut self.reading {
            Some(r) if r.seq == seq => r,
            other => other.insert(Reading {
                seq,
                classes: Vec::new(),
                read_ms: 0.0,
            }),
        };
        if index != reading.classes.len() {
            return Err(format!("class {index} came out of order"));
        }
        let started = performance_now();
        match json {
            Some(json) => reading.classes.push(Arc::new(
                serde_json::from_str(json).map_err(|e| format!("class {index}: {e}"))?,
            )),
            None => {
                let held = self
                    .held
                    .as_ref()
                    .and_then(|(_, report)| report.classes.get(index..index + count))
                    .ok_or_else(|| {
                        format!(
                            "classes {index} to {} are unchanged, but from a report not held",
                            (index + count).saturating_sub(1)
                        )
                    })?;
                reading.classes.extend_from_slice(held);
            }
        }
        reading.read_ms += performance_now() - started;
        Ok(())
    }

    /// The worker's last message for request `seq`: the report without its classes (`head`)
    /// and how many there are. `None` for an older request's answer.
    fn finish(
        &mut self,
        seq: u64,
        head: &str,
        classes: usize,
        (evaluate_ms, evaluate_started, encode_ms): (f64, f64, f64),
    ) -> Option<Result<Answer, String>> {
        self.in_flight = false;
        let reading = self.reading.take();
        if seq != self.newest {
            self.post_waiting(); // the worker starts on the next plan while this one is shown
            return None;
        }
        let Some(reading) = reading.filter(|r| r.seq == seq && r.classes.len() == classes) else {
            return Some(Err("a class of its report is missing".to_string()));
        };
        let started = performance_now();
        let mut report: Report = match serde_json::from_str(head) {
            Ok(report) => report,
            Err(e) => return Some(Err(format!("its report: {e}"))),
        };
        report.classes = reading.classes;
        let report = Arc::new(report);
        // Held before the next plan is sent, so that the worker may answer it against this one.
        self.held = Some((seq, report.clone()));
        self.post_waiting(); // the worker starts on the next plan while this one is shown
        Some(Ok(Answer {
            report,
            read_ms: reading.read_ms + performance_now() - started,
            evaluate_ms,
            encode_ms,
            evaluate_started,
            edit_waits: std::mem::take(&mut self.edit_waits),
        }))
    }
}

/// The worker public/boot.js started while the page loaded (when it opened a plan link), if
/// any: taken once. Its script failing before now is this worker's failure.
fn started_early() -> Result<Option<Worker>, String> {
    let global = js_sys::global();
    let key = JsValue::from_str(EARLY);
    let Some(worker) = js_sys::Reflect::get(&global, &key)
        .ok()
        .and_then(|w| w.dyn_into::<Worker>().ok())
    else {
        return Ok(None);
    };
    let _ = js_sys::Reflect::delete_property(&global, &key);
    worker.set_onerror(None);
    let field = |name: &str| js_sys::Reflect::get(&worker, &name.into()).ok();
    match field("startError").and_then(|e| e.as_string()) {
        Some(message) => {
            worker.terminate();
            Err(message)
        }
        None => Ok(Some(worker)),
    }
}

/// One message from the worker (public/engine-worker.js lists them).
fn on_message(engine: Engine, event: MessageEvent) {
    let data = event.data();
    let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).unwrap_or_default();
    let number = |name: &str| field(name).as_f64().unwrap_or(f64::NAN);
    let seq = number("seq") as u64;
    let with_client = |f: &mut dyn FnMut(&mut Client)| {
        CLIENT.with_borrow_mut(|c| {
            if let Some(c) = c {
                f(c)
            }
        })
    };
    match field("kind").as_string().as_deref() {
        Some("ready") => {
            with_client(&mut |c| c.ready = true);
            engine.set_up();
        }
        Some("progress") => {
            let newest = CLIENT.with_borrow(|c| c.as_ref().map(|c| c.newest));
            let done = number("done") as usize;
            let classes = number("classes") as usize;
            if newest == Some(seq) && engine.updating() {
                engine.progress.set(Some(Progress { done, classes }));
            }
        }
        Some("class") => {
            let json = field("json").as_string();
            let mut read = Ok(());
            with_client(&mut |c| {
                let count = field("count").as_f64().map_or(1, |n| n as usize);
                read = c.read_classes(seq, number("index") as usize, count, json.as_deref())
            });
            if let Err(e) = read {
                engine.fail(&format!("its report could not be read: {e}"));
            }
        }
        Some("report") => {
            let head = field("head").as_string().unwrap_or_default();
            let mut answer = None;
            with_client(&mut |c| {
                answer = c.finish(
                    seq,
                    &head,
                    number("classes") as usize,
                    (
                        number("evaluate_ms"),
                        number("evaluate_started"),
                        number("encode_ms"),
                    ),
                )
            });
            match answer {
                Some(Ok(answer)) => engine.show(answer),
                Some(Err(e)) => engine.fail(&format!("its report could not be read: {e}")),
                None => {}
            }
        }
        _ => engine.fail(
            &field("message")
                .as_string()
                .unwrap_or_else(|| "an unknown message".to_string()),
        ),
    }
}

fn describe(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}
