//! The browser UI. Thin by design: the plan is one signal, the report a `Memo` over it, and
//! components read derived state and send edits. Effects only touch the outside world.

mod about;
mod charts;
mod classes;
mod fields;
mod map;
mod persist;
mod regions;
mod results;
mod toolbar;
mod topology;
mod users;

use leptos::prelude::*;

use crate::engine::{evaluate, report::Report};
use crate::plan::{Plan, PlanErrors};

pub use about::AboutNumbers;
use classes::ClassList;
use regions::RegionPicker;
use results::{ClassCard, FailoverStory, Summary};
use users::UsersTable;

/// Applies an edit to the plan and records, with performance marks, how long the edit takes
/// to reach the screen (`meridian:edit-to-results`, read by the e2e suite).
#[derive(Clone, Copy)]
pub struct Editor {
    pub plan: ReadSignal<Plan>,
    set_plan: WriteSignal<Plan>,
}

impl Editor {
    pub fn edit(&self, f: impl FnOnce(&mut Plan)) {
        let perf = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &perf {
            let _ = p.mark("meridian:edit");
        }
        self.set_plan.update(f);
        // The reactive system patches the DOM before the next frame; measure there.
        if perf.is_some() {
            request_animation_frame(move || {
                if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                    let _ = p.measure_with_start_mark("meridian:edit-to-results", "meridian:edit");
                }
            });
        }
    }

    pub fn replace(&self, plan: Plan) {
        self.edit(move |p| *p = plan);
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let restored = persist::load();
    let (plan, set_plan) = signal(restored.plan);
    let notice = RwSignal::new(restored.notice);
    let editor = Editor { plan, set_plan };
    persist::sync(plan, set_plan, notice);
    let outcome: Memo<Result<Report, PlanErrors>> = Memo::new(move |_| plan.with(evaluate));
    let report = Signal::derive(move || outcome.get().ok());
    view! {
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
        <main id="main" class="layout">
            <div class="editor-col">
                <RegionPicker editor />
                <UsersTable editor />
                <ClassList editor />
            </div>
            <div class="results-col">
                <toolbar::Toolbar editor report notice />
                {move || match outcome.get() {
                    Ok(report) => results_view(editor, report).into_any(),
                    Err(errors) => view! {
                        <section class="panel errors" role="alert" data-testid="plan-errors">
                            <h2>"The plan needs attention"</h2>
                            <p>"Nothing you entered is lost; fix these and the results come back:"</p>
                            <ul>{errors.0.iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
                        </section>
                    }.into_any(),
                }}
                <AboutNumbers price_sources=Signal::derive(move || report.get().map(|r| r.price_sources).unwrap_or_default()) />
            </div>
        </main>
    }
}

fn results_view(editor: Editor, report: Report) -> impl IntoView {
    let plan = editor.plan.get_untracked();
    let report_sig = Signal::derive({
        let r = report.clone();
        move || r.clone()
    });
    let plan_sig = Signal::derive({
        let plan = plan.clone();
        move || plan.clone()
    });
    let targets = plan.data_classes.clone();
    let classes = report.classes.clone();
    view! {
        <Summary plan=plan_sig report=report_sig />
        {classes
            .into_iter()
            .zip(targets)
            .enumerate()
            .map(|(i, (c, t))| view! { <ClassCard index=i class=c target=t plan=plan.clone() sources=charts::sources(&report) /> })
            .collect_view()}
        <charts::RttHeatmap plan=plan.clone() />
        <FailoverStory report=report_sig />
    }
}
