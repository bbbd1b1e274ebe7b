//! Evaluating plan after plan, as the page does while someone edits: a class that nothing
//! it depends on has changed keeps its report from the last plan.

use std::sync::Arc;

use super::{check, evaluate_valid, Limits, Progress};
use crate::engine::report::{ClassReport, Report};
use crate::plan::{Plan, PlanErrors};

/// The price sources one class used, in first-use order: in the first pass (its postures'
/// evaluations) and in the second (recommendation, pins, advice).
pub(super) type ClassSources = [Vec<String>; 2];

/// One class's part of a report (shared with the reports it is in) and the price sources it
/// used.
pub(super) struct ClassOutcome {
    pub(super) report: Arc<ClassReport>,
    pub(super) sources: ClassSources,
}

/// Evaluates plans one after another and reuses, for each class, the last plan's report of
/// it when that report holds for the new plan too; every report is the one
/// [`evaluate`](super::evaluate) gives for the same plan (tests/engine_reuse.rs checks it
/// over edits of every example).
///
/// A class's report holds when the class is the same, at the same index, and the rest of the
/// plan (places, operations, prices) is the same: a class is evaluated from these alone. So is
/// its advice when nothing fits: each suggestion changes this class's targets or residency
/// scope, or adds catalog regions, and is checked by validating the changed plan, whose only
/// rule across classes (unique names) advice never touches. A plan with a bill to scale from
/// is evaluated whole every time: the bill is shared out over every class's costs.
#[derive(Default)]
pub struct Evaluator {
    last: Option<(Plan, Vec<ClassOutcome>)>,
}

impl Evaluator {
    /// [`evaluate_with_progress`](super::evaluate_with_progress), reusing what holds from
    /// the last plan this evaluator was given. Reused classes count as done at once.
    pub fn evaluate(
        &mut self,
        plan: &Plan,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Report, PlanErrors> {
        check(plan, Limits::Plan)?;
        let reused = match self.last.take() {
            Some((last, outcomes)) if same_setting(&last, plan) => outcomes
                .into_iter()
                .zip(&last.data_classes)
                .zip(&plan.data_classes)
                .map(|((outcome, was), class)| (was == class).then_some(outcome))
                .collect(),
            _ => Vec::new(),
        };
        let (report, sources) = evaluate_valid(plan, Limits::Plan, progress, reused);
        let outcomes = report
            .classes
            .iter()
            .cloned()
            .zip(sources)
            .map(|(report, sources)| ClassOutcome { report, sources })
            .collect();
        self.last = Some((plan.clone(), outcomes));
        Ok(report)
    }
}

/// Whether everything but the classes is the same in both plans, and there is no bill.
/// Every field is named so that a new one must be considered here.
fn same_setting(a: &Plan, b: &Plan) -> bool {
    let Plan {
        version,
        name,
        regions,
        users,
        operations,
        data_classes: _,
        prices,
        baseline_bill,
    } = a;
    baseline_bill.is_none()
        && b.baseline_bill.is_none()
        && *version == b.version
        && *name == b.name
        && *regions == b.regions
        && *users == b.users
        && *operations == b.operations
        && *prices == b.prices
}
