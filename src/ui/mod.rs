//! The browser UI. Thin by design: the plan is one signal, the report a `Memo` over it, and
//! components read derived state and send edits. Effects only touch the outside world.

mod about;
mod charts;
mod class_editor;
mod classes;
mod compare_plans;
mod compare_postures;
mod cost_regions;
mod costs;
mod engine_worker;
pub mod fields;
mod library;
mod map;
mod operations;
mod over_limit;
mod persist;
mod placement_pin;
mod plan_file;
mod region_notes;
mod regions;
mod results;
mod results_view;
mod rows;
mod rtt_matrix;
mod start;
mod toolbar;
mod topology;
mod user_place;
mod users;

use std::sync::Arc;

use leptos::prelude::*;

use crate::engine::report::Report;
use crate::plan::{Plan, PlanErrors};

pub use about::AboutNumbers;
use classes::ClassList;
use regions::RegionPicker;
use users::UsersTable;

/// Applies an edit to the plan and records, with performance marks, how long the edit takes
/// to reach the screen (`meridian:edit-to-results`, read by the e2e suite).
#[derive(Clone, Copy)]
pub struct Editor {
    pub plan: ReadSignal<Plan>,
    set_plan: WriteSignal<Plan>,
    /// The plan's validation problems as (field path, message), for inline display.
    pub problems: Signal<Vec<(String, String)>>,
    /// Stable ids of the data classes and populations, for keyed lists.
    pub class_rows: rows::RowIds,
    pub user_rows: rows::RowIds,
    /// Where the plan is evaluated: here, or in the engine worker.
    engine: engine_worker::Engine,
}

impl Editor {
    pub fn edit(&self, f: impl FnOnce(&mut Plan)) {
        let perf = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &perf {
            let _ = p.mark("meridian:edit");
        }
        self.set_plan.update(f);
        // The reactive system patches the DOM in microtasks: a zero timeout runs after them
        // (edit-to-dom, the work done); the next animation frame is when it can be seen
        // (edit-to-results, what a user waits for).
        if perf.is_some() {
            gloo::timers::callback::Timeout::new(0, || measure("meridian:edit-to-dom")).forget();
            // A plan the engine worker evaluates: measured when its report is shown.
            let engine = self.engine;
            request_animation_frame(move || {
                if !engine.edit_waits() {
                    measure("meridian:edit-to-results");
                }
            });
        }
    }

    /// Replaces the whole plan (template, upload, reset): rows get new ids, so no field
    /// text or open card of the old plan shows up in the new one.
    pub fn replace(&self, plan: Plan) {
        library::next_save_is_a_new_plan(); // the plan on screen stays in the library
        self.class_rows.reset(plan.data_classes.len());
        self.user_rows.reset(plan.users.len());
        self.edit(move |p| *p = plan);
    }

    pub fn class_count(&self) -> Memo<usize> {
        let plan = self.plan;
        Memo::new(move |_| plan.with(|p| p.data_classes.len()))
    }

    pub fn user_count(&self) -> Memo<usize> {
        let plan = self.plan;
        Memo::new(move |_| plan.with(|p| p.users.len()))
    }

    /// Validation messages for the field `prefix` and those under it (e.g. `data_classes[2]`);
    /// the prefix is a signal because a row's index changes when rows move.
    pub fn problems_under(
        &self,
        prefix: impl Into<Signal<String>>,
    ) -> impl Fn() -> Vec<String> + Copy + 'static {
        let problems = self.problems;
        let prefix: Signal<String> = prefix.into();
        move || {
            let prefix = prefix.get();
            // `data_classes[1]` must not take `data_classes[10]`'s problems.
            let under = |f: &str| {
                f.strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            };
            problems.with(|ps| {
                ps.iter()
                    .filter(|(f, _)| under(f))
                    .map(|(_, m)| m.clone())
                    .collect()
            })
        }
    }
}

fn measure(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, "meridian:edit");
    }
}

/// Runs `f` after a performance mark and records the span as the measure `name`.
pub(crate) fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark(name, &start);
    }
    out
}

/// Load time in the app's own marks: `meridian:app-start` when the wasm starts the app, and
/// from navigation (performance time 0) to the first frame with results mounted,
/// `meridian:load-to-results` (read by e2e/perf.test.mjs). The first view is built in one
/// go, so the next frame after mounting is the first that can show the results.
fn mark_load() {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("meridian:app-start");
        request_animation_frame(move || {
            let _ = p.measure("meridian:load-to-results");
        });
    }
}

/// Its children, built in the first task after the frame that shows it is painted: for
/// content far below the first screen, so the frame above it is painted without waiting for
/// it (issues 15 and 16). Built then whether or not it is scrolled to (the e2e page objects
/// and the find-in-page search see it at once).
#[component]
pub(crate) fn AfterFirstPaint(children: ChildrenFn) -> impl IntoView {
    let built = RwSignal::new(false);
    // An animation frame callback runs before its frame's paint; a zero timeout queued there
    // runs after it.
    request_animation_frame(move || {
        set_timeout(
            move || {
                built.try_set(true);
            },
            std::time::Duration::ZERO,
        )
    });
    move || built.get().then(|| children())
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    mark_load();
    let (restored, lib, save_now) = persist::load();
    let (plan, set_plan) = signal(restored.plan);
    let notice = RwSignal::new(restored.notice);
    let saved = persist::sync(plan, set_plan, notice, (lib, save_now));
    // Small plans are evaluated here; large ones in the engine worker (engine_worker.rs), the
    // previous report staying on screen meanwhile. Shared, not copied: every reader of the
    // report clones an `Arc`, never the report.
    let engine = engine_worker::Engine::new();
    let route = Memo::new(move |_| plan.with(|p| engine.route(p)));
    let to_worker = move || route.with(|r| matches!(r, engine_worker::Route::Worker));
    // A large plan opened (a link, the autosave) goes to the worker now, before the page is
    // built: its start-up and the engine then run beside the page's first render instead of
    // after it (effects run only once the view is mounted).
    let sent_at_start = to_worker();
    if sent_at_start {
        plan.with_untracked(|p| engine.request(p, false));
    }
    // ...and the page is built once the worker runs: its script waits for an idle main thread,
    // which the first render of such a plan would keep busy for half a second.
    let waited = RwSignal::new(!sent_at_start);
    if sent_at_start {
        gloo::timers::callback::Timeout::new(engine_worker::START_WAIT_MS, move || {
            waited.set(true)
        })
        .forget();
    }
    let built = Memo::new(move |_| waited.get() || engine.started());
    // `route` already compared the page's reports by value; a report is new when its `Arc` is.
    let outcome: Memo<Result<Arc<Report>, PlanErrors>> = Memo::new_with_compare(
        move |previous| route.with(|r| engine.outcome(r, previous)),
        |a, b| match (a, b) {
            (Some(Ok(a)), Some(Ok(b))) => !Arc::ptr_eq(a, b),
            (a, b) => a != b,
        },
    );
    Effect::new(move |ran: Option<()>| {
        if to_worker() {
            let over_results = outcome.with_untracked(Result::is_ok);
            plan.with(|p| {
                if ran.is_some() || !sent_at_start {
                    engine.request(p, over_results)
                }
            });
        } else {
            engine.cancel();
        }
    });
    let problems = Signal::derive(move || {
        outcome.with(|o| match o {
            Ok(_) => Vec::new(),
            Err(e) => {
                e.0.iter()
                    .map(|e| (e.field().to_string(), crate::present::problem(e)))
                    .collect()
            }
        })
    });
    // Which user population the next click on the map moves, if any.
    let placing_users = RwSignal::new(None::<usize>);
    let editor = Editor {
        plan,
        set_plan,
        problems,
        class_rows: rows::RowIds::new(plan.with_untracked(|p| p.data_classes.len())),
        user_rows: rows::RowIds::new(plan.with_untracked(|p| p.users.len())),
        engine,
    };
    let report = Signal::derive(move || outcome.get().ok());
    // Exports follow the plan on screen: none while its report is still being evaluated.
    let current_report = Signal::derive(move || {
        if engine.updating() {
            None
        } else {
            report.get()
        }
    });
    provide_context(editor);
    view! {
        <a class="skip-link" href="#results" data-testid="skip-to-results">"Skip to the results"</a>
        <header class="masthead">
            <h1>"Meridian"</h1>
            <p class="tagline">"Multi-region architecture planner: latency, cost and consistency per data class, computed in your browser."</p>
        </header>
        {move || notice.get().map(|n| view! {
            <div class="notice" role="alert" data-testid="notice">
                <span>{n}</span>
                <button aria-label="Dismiss" on:click=move |_| notice.set(None)>"Dismiss"</button>
            </div>
        })}
        <library::Notices lib editor />
        <library::Plans lib editor />
        {move || built.get().then(|| view! {
        <main id="main" class="layout">
            <start::StartLine editor />
            <div class="editor-col" id="inputs">
                <RegionPicker editor placing=placing_users report />
                <UsersTable editor placing=placing_users />
                <ClassList editor />
                // Operations and Costs start 2,500 px or more down at every width.
                <AfterFirstPaint>
                    <operations::OperationsPanel editor />
                    <costs::CostInputs editor />
                </AfterFirstPaint>
            </div>
            <div class="results-col" id="results" tabindex="-1"
                class:updating=move || engine.shown_progress().is_some() aria-busy=move || engine.updating().to_string()>
                <toolbar::Toolbar editor report=current_report notice saved />
                <p class="evaluation-progress" role="status" data-testid="evaluation-progress">
                    {move || engine.shown_progress().map(|p| crate::present::progress::evaluation_progress(p.done, p.classes))}
                </p>
                // An empty list: no report yet, the worker is evaluating (the line above says so).
                {move || outcome.with(|o| o.as_ref().err().filter(|e| !e.0.is_empty()).cloned()).map(|errors| view! {
                        <section class="panel errors" role="alert" data-testid="plan-errors">
                            <h2>"The plan needs attention"</h2>
                            <p>"Nothing you entered is lost; fix these and the results come back:"</p>
                            <ul>{errors.0.iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
                        </section>
                })}
                {results_view::results_view(editor, outcome)}
                // As do Compare and About, at the end of the results.
                <AfterFirstPaint>
                    <compare_plans::ComparePlans editor report />
                    <AboutNumbers price_sources=Signal::derive(move || report.with(|r| r.as_ref().map(|r| r.price_sources.clone()).unwrap_or_default())) />
                </AfterFirstPaint>
            </div>
        </main>
        })}
    }
}
