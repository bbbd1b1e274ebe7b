//! The results column below the toolbar: the summary, one card per class (keyed by the
//! class's stable id), the failover story and the RTT matrix. Reads the shared report; never
//! evaluates.

use std::sync::Arc;

use leptos::prelude::*;

use super::charts;
use super::results::{ClassCard, ClassOf, FailoverStory, Summary};
use super::rtt_matrix;
use super::{AfterFirstPaint, Editor};
use crate::engine::report::Report;
use crate::plan::{Plan, PlanErrors};

/// The results. Each class card re-renders only when its own report, targets or the
/// places change (per-class memos), so editing one class does not redraw the others.
pub(super) fn results_view(
    editor: Editor,
    outcome: Memo<Result<Arc<Report>, PlanErrors>>,
) -> impl IntoView {
    let plan = editor.plan;
    let report = Memo::new(move |_| outcome.get().ok());
    let count = Memo::new(move |_| report.with(|r| r.as_ref().map_or(0, |r| r.classes.len())));
    let places = Memo::new(move |_| plan.with(|p| (p.regions.clone(), p.users.clone())));
    let sources =
        Memo::new(move |_| report.with(|r| r.as_deref().map(charts::sources).unwrap_or_default()));
    // The plan signal itself, not a derived copy: each summary row reads its class in place.
    let plan_sig: Signal<Plan> = plan.into();
    let report_sig =
        Signal::derive(move || report.get().unwrap_or_else(|| Arc::new(empty_report())));
    view! {
        // An invalid plan has no report: show its problems (above), not a summary of zeros.
        <Show when=move || report.with(Option::is_some)>
        <Summary plan=plan_sig report=report_sig />
        // Keyed by the class's stable id: a card's open charts follow the class when it moves.
        <For each=move || editor.class_rows.keys(count.get()) key=|id| *id let:id>
            {
                let at = editor.class_rows.position(id, count);
                let class = Memo::new(move |_| report.with(|r| r.as_ref().zip(at.get()).and_then(|(r, i)| ClassOf::new(r, i))));
                let target = Memo::new(move |_| plan.with(|p| at.get().and_then(|i| p.data_classes.get(i).cloned())));
                let charts_open = RwSignal::new(false);
                let card_open = RwSignal::new(at.get_untracked() == Some(0));
                move || match (class.get(), target.get(), at.get_untracked()) {
                    (Some(c), Some(t), Some(i)) => view! {
                        <ClassCard index=i class=c target=t places=places.get() sources=sources.get() charts_open card_open open=card_open.get() />
                    }.into_any(),
                    _ => ().into_any(),
                }
            }
        </For>
        // Below the cards, off-screen when results first show: built in the task after the
        // results' first frame is painted, not in it (a plan of 24 regions and 16 classes is
        // 384 failover cells and 576 round trips).
        <AfterFirstPaint>
            <FailoverStory report=report_sig />
            <rtt_matrix::RttMatrix plan=Signal::derive(move || Plan { regions: places.get().0, ..plan.get_untracked() }) />
        </AfterFirstPaint>
        </Show>
    }
}

fn empty_report() -> Report {
    Report {
        plan_name: String::new(),
        classes: Vec::new(),
        totals: crate::engine::report::Totals {
            monthly_cost_usd: 0.0,
            single_region_monthly_cost_usd: 0.0,
            cost_multiple: None,
            infeasible_classes: Vec::new(),
            unpriced_classes: Vec::new(),
            no_baseline_classes: Vec::new(),
            scaled_from_bill: None,
        },
        price_sources: Vec::new(),
        rtt_sources: Vec::new(),
    }
}
