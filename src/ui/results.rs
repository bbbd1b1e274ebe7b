//! Results: the summary across classes, then a card per data class with the recommended
//! posture, each figure beside its target, the reasons and the rejected postures.

use leptos::prelude::*;
use std::sync::Arc;

use crate::engine::report::{ClassReport, Report};
use crate::plan::{DataClass, Plan};
use crate::present::{self as show, Check};

mod card;
mod failover;
pub use card::{ClassCard, Sources};
pub use failover::FailoverStory;

/// One class of a shared report, read in place: never cloned (a class of the largest plan's
/// report is thousands of values, and a clone per view was a large part of showing a new
/// report), but compared by the class's value, so that a memo holding it wakes its views only
/// when that class changed (the report is recomputed whole on every edit).
#[derive(Clone)]
pub struct ClassOf {
    report: Arc<Report>,
    index: usize,
}

impl ClassOf {
    /// Class `index` of `report`, if it has one.
    pub fn new(report: &Arc<Report>, index: usize) -> Option<ClassOf> {
        (index < report.classes.len()).then(|| ClassOf {
            report: report.clone(),
            index,
        })
    }
}

impl std::ops::Deref for ClassOf {
    type Target = ClassReport;
    fn deref(&self) -> &ClassReport {
        &self.report.classes[self.index]
    }
}

impl PartialEq for ClassOf {
    fn eq(&self, other: &ClassOf) -> bool {
        (Arc::ptr_eq(&self.report, &other.report) && self.index == other.index) || **self == **other
    }
}

/// "achieved / target" cell with a met/missed mark that does not rely on colour alone.
#[component]
fn VsTarget(check: Check) -> impl IntoView {
    view! {
        <span class=format!("vs {}", check.state)>
            <strong>{check.achieved}</strong>
            <small>{check.note}</small>
        </span>
    }
}

/// The table across classes, and the totals.
#[component]
pub fn Summary(plan: Signal<Plan>, report: Signal<Arc<Report>>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="summary-h" data-testid="summary">
            <h2 id="summary-h">"Recommendation"</h2>
            <p class="to-inputs"><a href="#inputs" data-testid="to-inputs">"Edit the plan (regions, users, data classes) ↓"</a></p>
            <p class="totals" data-testid="total-cost">
                {move || {
                    report.with(|r| show::totals_sentence(&r.totals))
                }}
            </p>
            <div class="table-scroll" tabindex="0">
                <table class="summary">
                    <thead>
                        <tr>
                            <th scope="col">"Data class"</th>
                            <th scope="col">"Posture"</th>
                            <th scope="col">"RPO"</th>
                            <th scope="col">"RTO"</th>
                            <th scope="col">"Write p99 (worst)"</th>
                            <th scope="col">"Read p99 (worst)"</th>
                            <th scope="col">"Cost / month"</th>
                            // Long text last: on a phone the verdicts come first.
                            <th scope="col">"Placement"</th>
                        </tr>
                    </thead>
                    <tbody>
                        // One keyed row per class, each re-rendered only when its own
                        // recommendation or targets change.
                        <For each=move || 0..report.with(|r| r.classes.len()) key=|i| *i let:i>
                            {
                                let class = Memo::new(move |_| report.with(|r| ClassOf::new(r, i)));
                                let target = Memo::new(move |_| plan.with(|p| p.data_classes.get(i).cloned()));
                                move || match (class.get(), target.get()) {
                                    (Some(c), Some(t)) => summary_row(i, &c, t).into_any(),
                                    _ => ().into_any(),
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn summary_row(i: usize, c: &ClassReport, dc: DataClass) -> impl IntoView {
    // The same words as the markdown's decisions table, without its code marks.
    let posture = crate::present::posture_verdict(c).replace('`', "");
    let e = &c.chosen;
    view! {
        <tr class:infeasible=!c.feasible>
            <th scope="row"><a href=format!("#class-card-{i}") data-testid=format!("open-card-{i}") on:click=move |ev| {
                // Opens the class's card (closing the open one: they share a name) and shows it.
                ev.prevent_default();
                use wasm_bindgen::JsCast;
                if let Some(d) = document()
                    .query_selector(&format!("[data-testid='class-card-{i}']"))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                {
                    d.set_open(true);
                    d.scroll_into_view();
                }
            }>{c.name.clone()}</a></th>
            <td data-testid=format!("posture-{i}")><code>{posture}</code></td>
            <td><VsTarget check=Check::duration(e.rpo_s, dc.rpo_s) /></td>
            <td data-testid=format!("summary-rto-{i}")><VsTarget check=Check::duration(e.rto_s, dc.rto_s) /></td>
            <td><VsTarget check=Check::ms(e.worst_p99(true), dc.write_p99_budget_ms) /></td>
            <td><VsTarget check=Check::ms(e.worst_p99(false), dc.read_p99_budget_ms) /></td>
            <td>{show::posture_cost(e)} <small>{format!(" ({})", show::posture_multiple(e))}</small></td>
            <td class="placement-cell">{show::placement(e.placement.as_ref())}</td>
        </tr>
    }
}
