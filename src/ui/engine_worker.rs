//! The engine off the page's main thread (issue 15): a plan whose evaluation would take more
//! than about a frame ([`OFFLOAD_ABOVE`], measured) is evaluated in a module worker running
//! the page's own wasm (public/engine-worker.js), so typing never waits for the engine.
//! Smaller plans, and every plan when the worker is missing or fails, are evaluated on the
//! page as before. Design and measurements: docs/plan-format.md, "Evaluating off the main
//! thread".
//!
//! Only the newest plan's report is ever shown: each request has a sequence number, the worker
//! evaluates one plan at a time, and a plan waiting for it is replaced by a newer one (stale
//! work is never queued); an answer to an older request is dropped.

mod client;
mod serve;

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::engine::{report::Report, work_estimate, Evaluator, Progress};
use crate::plan::{validate, Plan, PlanErrors};
use client::{Answer, Client, CLIENT};

/// Plans whose [`work_estimate`] is above this go to the worker: about a frame (16 ms) of the
/// page's own evaluation where it was measured (docs/plan-format.md, "Evaluating off the
/// main thread"). The example plan (444) stays on the page, the 20-region benchmark plan
/// (3,744) and the largest allowed plan (10,752) go to the worker.
pub const OFFLOAD_ABOVE: u64 = 2_700;

/// How long the app waits for the worker to start before its first full render, when it opens
/// a plan for the worker (ms). Measured here: a module worker's script ran 38 to 216 ms after
/// the page's main thread went idle (load average 5 to 12). An assumption beyond that: a
/// worker slower than this starts after the render instead, as if the app had not waited.
pub const START_WAIT_MS: u32 = 200;

thread_local! {
    /// The engine of this page, or of the worker: it keeps the last plan's class reports and
    /// evaluates again only the classes an edit changed (the same report as `evaluate`).
    static EVALUATOR: RefCell<Evaluator> = RefCell::new(Evaluator::default());
}

/// Evaluates `plan` with this global's [`Evaluator`].
fn evaluate_reusing(plan: &Plan, progress: &mut dyn FnMut(Progress)) -> Result<Report, PlanErrors> {
    EVALUATOR.with_borrow_mut(|engine| engine.evaluate(plan, progress))
}

/// How long the worker's evaluation of the plan on screen runs before the page says so (the
/// status line, the previous results dimmed), ms. After an edit the worker usually answers
/// sooner, and a line that comes and goes within a frame or two would only move the results
/// down and back (two layouts and repaints of the whole column). 100 ms: about where a wait
/// starts to be noticed (Card, Robertson and Mackinlay, "The information visualizer", CHI
/// 1991); public/engine-worker.js sends its progress at most as often.
pub const SHOW_WAIT_AFTER_MS: u32 = 100;

/// Where a plan's outcome comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    /// Evaluated on the page: the report, or the plan's problems (always found on the page,
    /// so they show at once).
    Page(Result<Arc<Report>, PlanErrors>),
    /// Valid, and evaluated by the worker.
    Worker,
}

/// The app's handle on the engine: Copy, and its state is reactive.
#[derive(Clone, Copy)]
pub struct Engine {
    /// The newest plan's report from the worker, until the next request.
    delivered: RwSignal<Option<Arc<Report>>>,
    /// While the worker evaluates the plan on screen: how far it is.
    pub progress: RwSignal<Option<Progress>>,
    /// The current wait (requests with no report shown between them) has lasted
    /// [`SHOW_WAIT_AFTER_MS`]: the page shows it.
    waited: RwSignal<bool>,
    /// Which wait that is: a timer from an earlier one does nothing.
    waits: StoredValue<u64>,
    /// False once the worker failed or where there is none: every plan is evaluated on the page.
    usable: RwSignal<bool>,
    /// The worker's wasm is up: see [`Engine::started`].
    up: RwSignal<bool>,
}

impl Engine {
    pub fn new() -> Engine {
        let has_worker = js_sys::Reflect::has(&js_sys::global(), &"Worker".into()).unwrap_or(false);
        if !has_worker {
            warn("this browser has no Web Workers; large plans are evaluated on the page");
        }
        Engine {
            delivered: RwSignal::new(None),
            progress: RwSignal::new(None),
            waited: RwSignal::new(false),
            waits: StoredValue::new(0),
            usable: RwSignal::new(has_worker),
            up: RwSignal::new(false),
        }
    }

    /// True once the worker has started (its wasm is up: it has the page's module and first
    /// plan) or cannot be used. A worker does not start, nor get the page's messages, while
    /// the page's main thread is busy, so the app waits for this (at most [`START_WAIT_MS`])
    /// before its first full render when it opens a large plan.
    pub fn started(&self) -> bool {
        self.up.get() || !self.usable.get()
    }

    /// Where `plan` is evaluated; a plan for the page is evaluated here (its engine time is
    /// the measure `meridian:evaluate`).
    pub fn route(&self, plan: &Plan) -> Route {
        if self.usable.get() && work_estimate(plan) > OFFLOAD_ABOVE {
            match super::timed("meridian:validate", || validate(plan)) {
                Err(e) => Route::Page(Err(e)),
                Ok(()) => Route::Worker,
            }
        } else {
            Route::Page(super::timed("meridian:evaluate", || {
                evaluate_reusing(plan, &mut |_| {}).map(Arc::new)
            }))
        }
    }

    /// The outcome to show: the page's, or the worker's newest report; while the worker is
    /// busy, the previous report (`previous`) stays; before there is any, an empty list of
    /// problems (shown as nothing: the progress line says what is happening).
    pub fn outcome(
        &self,
        route: &Route,
        previous: Option<&Result<Arc<Report>, PlanErrors>>,
    ) -> Result<Arc<Report>, PlanErrors> {
        match route {
            Route::Page(outcome) => outcome.clone(),
            Route::Worker => match self.delivered.get() {
                Some(report) => Ok(report),
                None => match previous {
                    Some(Ok(report)) => Ok(report.clone()),
                    _ => Err(PlanErrors(Vec::new())),
                },
            },
        }
    }

    /// True while the worker evaluates the plan on screen.
    pub fn updating(&self) -> bool {
        self.progress.with(Option::is_some)
    }

    /// How far the worker is, once the wait has lasted [`SHOW_WAIT_AFTER_MS`] (the status line
    /// and the dimmed results); `None` before and when not updating.
    pub fn shown_progress(&self) -> Option<Progress> {
        self.progress.get().filter(|_| self.waited.get())
    }

    /// Sends `plan` to the worker (starting it the first time); it replaces any plan still
    /// waiting there. `over_results`: a report is on screen, and stays there while the worker
    /// evaluates (the wait is shown only once it has lasted [`SHOW_WAIT_AFTER_MS`]); without
    /// one, the status line is all the results column has, and shows at once.
    pub fn request(&self, plan: &Plan, over_results: bool) {
        let json = match serde_json::to_string(plan) {
            Ok(json) => json,
            Err(e) => return self.fail(&format!("the plan could not be sent: {e}")),
        };
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("meridian:request");
        }
        let started = CLIENT.with_borrow_mut(|c| {
            if c.is_none() {
                *c = Some(Client::start(*self)?);
            }
            let c = c.as_mut().expect("started above");
            c.newest += 1;
            c.waiting = Some((c.newest, json));
            c.post_waiting();
            Ok::<(), String>(())
        });
        if let Err(e) = started {
            return self.fail(&e);
        }
        self.delivered.set(None);
        let starts_a_wait = self.progress.with_untracked(Option::is_none);
        let classes = plan.data_classes.len();
        self.progress.set(Some(Progress { done: 0, classes }));
        if starts_a_wait {
            self.show_wait(over_results);
        }
    }

    /// Shows the wait that starts now: at once, or `later` once it has lasted
    /// [`SHOW_WAIT_AFTER_MS`], if it has.
    fn show_wait(&self, later: bool) {
        let wait = self.waits.get_value() + 1;
        self.waits.set_value(wait);
        if self.waited.get_untracked() == later {
            self.waited.set(!later);
        }
        if !later {
            return;
        }
        let engine = *self;
        gloo::timers::callback::Timeout::new(SHOW_WAIT_AFTER_MS, move || {
            if engine.waits.get_value() == wait && engine.progress.with_untracked(Option::is_some) {
                engine.waited.set(true);
            }
        })
        .forget();
    }

    /// The plan on screen is evaluated on the page: drop what the worker is doing for it.
    pub fn cancel(&self) {
        CLIENT.with_borrow_mut(|c| {
            if let Some(c) = c {
                c.newest += 1;
                c.waiting = None;
                c.edit_waits = false;
            }
        });
        if self.progress.with_untracked(Option::is_some) {
            self.progress.set(None);
        }
        if self.delivered.with_untracked(Option::is_some) {
            self.delivered.set(None);
        }
    }

    /// An edit's `meridian:edit-to-results` is measured when its results show: at the next
    /// frame for the page's own evaluation; when the worker is evaluating the edited plan
    /// (true here), once the worker's report is shown.
    pub fn edit_waits(&self) -> bool {
        if !self.progress.with_untracked(Option::is_some) {
            return false;
        }
        CLIENT.with_borrow_mut(|c| c.as_mut().map(|c| c.edit_waits = true).is_some())
    }

    /// The worker cannot be used: say so and evaluate on the page from now on.
    fn fail(&self, why: &str) {
        warn(&format!(
            "the engine worker failed ({why}); plans are evaluated on the page"
        ));
        if let Some(client) = CLIENT.with_borrow_mut(Option::take) {
            client.worker.terminate();
            // Dropped later: its message handler may be what is running now.
            gloo::timers::callback::Timeout::new(0, move || drop(client)).forget();
        }
        self.progress.set(None);
        self.usable.set(false);
    }

    /// The worker's wasm is up.
    fn set_up(&self) {
        self.up.set(true);
    }

    /// Shows the newest plan's report, with the worker's engine time (`meridian:evaluate`), its
    /// time writing the report's JSON right after (`meridian:report-encode`), the page's time reading it (`meridian:report-decode`, the sum of its pieces) and, at the
    /// next frame, `meridian:results` from the request (and the edit's edit-to-results).
    fn show(&self, answer: Answer) {
        let now = serve::performance_now();
        let began = answer.evaluate_started - serve::time_origin();
        let began = if began.is_finite() && began <= now {
            began
        } else {
            now - answer.evaluate_ms
        };
        record_span("meridian:evaluate", began, answer.evaluate_ms);
        record_span(
            "meridian:report-encode",
            began + answer.evaluate_ms,
            answer.encode_ms,
        );
        record_span(
            "meridian:report-decode",
            now - answer.read_ms,
            answer.read_ms,
        );
        self.delivered.set(Some(answer.report));
        self.progress.set(None);
        let edit_waits = answer.edit_waits;
        request_animation_frame(move || {
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                let _ = p.measure_with_start_mark("meridian:results", "meridian:request");
                if edit_waits {
                    let _ = p.measure_with_start_mark("meridian:edit-to-results", "meridian:edit");
                }
            }
        });
    }
}

fn warn(message: &str) {
    web_sys::console::warn_1(&format!("Meridian: {message}").into());
}

#[wasm_bindgen]
extern "C" {
    /// `performance.measure(name, { start, duration })`: web-sys has the options form only
    /// as an unstable API.
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn measure_span(name: &str, options: &JsValue) -> Result<JsValue, JsValue>;
}

/// Records a span of `duration_ms` from `start` (the page's performance time) as the measure
/// `name`: the worker's engine time (when it ran, on the page's timeline) and the page's
/// reading of the report (the sum of its pieces, ending now), so the e2e suite reads them
/// like the page's own.
fn record_span(name: &str, start: f64, duration_ms: f64) {
    if !duration_ms.is_finite() || !start.is_finite() {
        return;
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.max(0.0).into());
    let _ = js_sys::Reflect::set(&options, &"duration".into(), &duration_ms.into());
    let _ = measure_span(name, &options);
}
