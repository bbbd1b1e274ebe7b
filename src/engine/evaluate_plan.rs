//! Evaluating a whole plan: validation, every class x posture, the user's bill, pins,
//! recommendations and the advice that re-checks a changed class.

use std::sync::Arc;

use super::posture::Posture;
use super::report::{Evaluation, Report};
use super::{cost, evaluate_posture, pin, recommend, services, Ctx};
use crate::plan::{validate, DataClass, Plan, PlanError, PlanErrors};

mod class_report;
mod reuse;

use class_report::recommend_class;
pub use reuse::Evaluator;
use reuse::{ClassOutcome, ClassSources};

/// Evaluates a plan: validates it, then every class x posture, then recommends.
pub fn evaluate(plan: &Plan) -> Result<Report, PlanErrors> {
    evaluate_checked(plan, Limits::Plan, &mut |_| {})
}

/// [`evaluate`], telling `progress` how many of the plan's classes are done after each one
/// (the browser's engine worker shows "class 5 of 16"). The same report as [`evaluate`].
pub fn evaluate_with_progress(
    plan: &Plan,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, PlanErrors> {
    evaluate_checked(plan, Limits::Plan, progress)
}

/// How far an evaluation is: `done` of `classes` classes have every posture evaluated (the
/// first pass, most of the time); then recommendation and advice follow, class by class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub classes: usize,
}

/// How much work evaluating `plan` is, in class x population x region units: what decides
/// whether the browser evaluates it on the page or in its engine worker. Measured, the time
/// grows with classes x populations x (regions + [`FIXED_WORK_IN_REGIONS`]) at the sizes the
/// limits allow (the placement searches' pruning keeps them far below their n^2 worst case;
/// docs/benchmarks.md, "How the engine scales"); the fit and its error are in
/// docs/plan-format.md, "Evaluating off the main thread".
pub fn work_estimate(plan: &Plan) -> u64 {
    let regions = plan.regions.len() as u64;
    let populations = plan.users.len().max(1) as u64;
    let classes = plan.data_classes.len() as u64;
    classes * populations * (regions + FIXED_WORK_IN_REGIONS)
}

/// The part of a class's work per population that does not grow with the regions (latency
/// tables, outage stories, reasons), in regions' worth: fitted to measured evaluation times
/// (docs/plan-format.md, "Evaluating off the main thread").
pub const FIXED_WORK_IN_REGIONS: u64 = 32;

/// [`evaluate`] for the scale benchmark only (benches/engine.rs): a plan with more regions than
/// the plan format allows (docs/plan-format.md, "Limits") is evaluated when it passes every
/// other check, to measure how the engine grows up to 80 regions. Not for user input.
#[doc(hidden)]
pub fn evaluate_past_region_limit(plan: &Plan) -> Result<Report, PlanErrors> {
    evaluate_checked(plan, Limits::PastRegionLimit, &mut |_| {})
}

/// Which plan limits [`check`] applies.
#[derive(Clone, Copy, PartialEq)]
enum Limits {
    Plan,
    PastRegionLimit,
}

/// Validation, without the region count under [`Limits::PastRegionLimit`] (the regions past
/// the limit must then be catalog regions: validation checks entries up to the limit only).
fn check(plan: &Plan, limits: Limits) -> Result<(), PlanErrors> {
    match validate(plan) {
        Err(PlanErrors(errors)) if limits == Limits::PastRegionLimit => {
            let rest: Vec<_> = errors
                .into_iter()
                .filter(|e| !matches!(e, PlanError::TooMany { field, .. } if field == "regions"))
                .collect();
            if rest.is_empty() {
                Ok(())
            } else {
                Err(PlanErrors(rest))
            }
        }
        other => other,
    }
}

fn evaluate_checked(
    plan: &Plan,
    limits: Limits,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, PlanErrors> {
    check(plan, limits)?;
    Ok(evaluate_valid(plan, limits, progress, Vec::new()).0)
}

/// The report of a plan that passed [`check`], and the price sources each class used in each
/// of the two passes, in first-use order (what [`Evaluator`] keeps to reuse the class).
/// `reused[i]`, when there, is class `i`'s outcome from an earlier plan that it holds for
/// this one too (see [`Evaluator`]): it is not evaluated again.
fn evaluate_valid(
    plan: &Plan,
    limits: Limits,
    progress: &mut dyn FnMut(Progress),
    mut reused: Vec<Option<ClassOutcome>>,
) -> (Report, Vec<ClassSources>) {
    let ctx = Ctx::new(plan);
    let classes = plan.data_classes.len();
    reused.resize_with(classes, || None);
    // Each class records its price sources on its own, so that a reused class brings its
    // own; merged below in the order one shared list would have had.
    let mut first_pass_sources = Vec::with_capacity(classes);
    let mut evaluations: Vec<Vec<Evaluation>> = plan
        .data_classes
        .iter()
        .enumerate()
        .map(|(i, class)| {
            let evals = match reused[i] {
                Some(_) => Vec::new(),
                None => evaluate_class(&ctx, class),
            };
            first_pass_sources.push(ctx.price_sources.take());
            progress(Progress {
                done: i + 1,
                classes,
            });
            evals
        })
        .collect();
    if let Some(bill) = &plan.baseline_bill {
        debug_assert!(reused.iter().all(Option::is_none), "a bill couples classes");
        cost::baseline::apply(bill, &mut evaluations);
    }
    let outcomes: Vec<ClassOutcome> = plan
        .data_classes
        .iter()
        .zip(evaluations)
        .zip(first_pass_sources)
        .enumerate()
        .map(|(ci, ((class, evals), first_sources))| {
            if let Some(outcome) = reused[ci].take() {
                return outcome;
            }
            let report = recommend_class(&ctx, plan, ci, class, evals, limits);
            ClassOutcome {
                report: Arc::new(report),
                sources: [first_sources, ctx.price_sources.take()],
            }
        })
        .collect();
    *ctx.price_sources.borrow_mut() = merged_sources(&outcomes);
    let (reports, sources) = outcomes.into_iter().map(|o| (o.report, o.sources)).unzip();
    (recommend::assemble(&ctx, reports), sources)
}

/// The price sources of every class, first pass then second, class by class, each once: the
/// first-use order of one list shared by the whole evaluation.
fn merged_sources(outcomes: &[ClassOutcome]) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for pass in 0..2 {
        for source in outcomes.iter().flat_map(|o| &o.sources[pass]) {
            if !all.contains(source) {
                all.push(source.clone());
            }
        }
    }
    all
}

/// Every posture of `class` in `ctx`, with its chosen service applied.
fn evaluate_class(ctx: &Ctx, class: &DataClass) -> Vec<Evaluation> {
    Posture::ALL
        .iter()
        .map(|&p| evaluate_class_posture(ctx, class, p))
        .collect()
}

/// One posture of `class` in `ctx`, with its chosen service applied (each posture is
/// evaluated on its own: advice checks only the posture it suggests).
fn evaluate_class_posture(ctx: &Ctx, class: &DataClass, posture: Posture) -> Evaluation {
    let e = evaluate_posture::evaluate(ctx, class, posture);
    services::apply_choice(ctx, class, pin::check_residency(class, e))
}
