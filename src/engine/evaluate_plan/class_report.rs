//! One class's report from its postures' evaluations: recommendation, pins, services and, when
//! nothing fits, the advice with the plan changes it checks.

use std::cell::RefCell;

use super::{check, evaluate_class, evaluate_class_posture, Limits};
use crate::engine::posture::Posture;
use crate::engine::report::{ClassReport, Evaluation};
use crate::engine::{advice, cost, pin, recommend, services, Ctx};
use crate::plan::{DataClass, Plan};

/// Class `ci`'s report from its postures' evaluations: recommendation, pins, services and,
/// when nothing fits, the advice.
pub(super) fn recommend_class(
    ctx: &Ctx,
    plan: &Plan,
    ci: usize,
    class: &DataClass,
    evals: Vec<Evaluation>,
    limits: Limits,
) -> ClassReport {
    let report = pin::apply(class, recommend::recommend(ctx, class, evals));
    let mut report = pin::apply_placement(class, report, || {
        let free = DataClass {
            placement_pin: Default::default(),
            ..class.clone()
        };
        let evals = unpinned_evaluations(ctx, plan, ci, &free);
        pin::apply(&free, recommend::recommend(ctx, &free, evals))
    });
    report.services = services::options(plan, &report.chosen);
    if !report.feasible {
        // Suggestions that keep the plan's places reuse this evaluation's round trips.
        let checked = RefCell::new(Vec::new());
        let verify = |p: &Plan, i: usize, posture: Posture| {
            if p.regions == plan.regions && p.users == plan.users {
                check(p, limits).ok()?;
                let changed = p.data_classes.get(i)?;
                let original = plan.data_classes.get(i)?;
                Some(evaluate_in_place(ctx, original, changed, posture, &checked))
            } else {
                evaluate_one(p, i, posture, limits)
            }
        };
        report.advice = advice::advise(plan, ci, &report.evaluations, &verify);
        if !report.advice.is_empty() {
            report.relax = report.advice.iter().map(|a| a.text.clone()).collect();
        }
    }
    report
}

/// Class `ci` evaluated as `free` (its placement pin lifted), priced like the rest of the
/// plan: from the user's bill when there is one, which is apportioned over every class.
fn unpinned_evaluations(ctx: &Ctx, plan: &Plan, ci: usize, free: &DataClass) -> Vec<Evaluation> {
    let Some(bill) = &plan.baseline_bill else {
        return evaluate_class(ctx, free);
    };
    let mut all: Vec<Vec<Evaluation>> = plan
        .data_classes
        .iter()
        .enumerate()
        .map(|(i, c)| evaluate_class(ctx, if i == ci { free } else { c }))
        .collect();
    cost::baseline::apply(bill, &mut all);
    all.swap_remove(ci)
}

/// A posture of a class that advice changed from `original`, in the plan's own places
/// (`ctx`). The report's price sources also hold those of the class's other postures (advice
/// used to evaluate them all); they are recorded in the same order from their placement and
/// cost alone, the first time each changed class is checked. A class whose only changes are
/// its RPO and RTO targets has nothing to record: neither the placement search nor the cost
/// reads those targets, so its placements and prices are the original's, every one recorded
/// when the original was evaluated (and recording skips sources already there).
fn evaluate_in_place(
    ctx: &Ctx,
    original: &DataClass,
    changed: &DataClass,
    posture: Posture,
    checked: &RefCell<Vec<DataClass>>,
) -> Evaluation {
    let first = !checked.borrow().contains(changed);
    if !first || only_recovery_targets_differ(original, changed) {
        return evaluate_class_posture(ctx, changed, posture);
    }
    checked.borrow_mut().push(changed.clone());
    let at = Posture::ALL.iter().position(|&p| p == posture).unwrap_or(0);
    for &p in &Posture::ALL[..at] {
        record_price_sources(ctx, changed, p);
    }
    let e = evaluate_class_posture(ctx, changed, posture);
    for &p in &Posture::ALL[at + 1..] {
        record_price_sources(ctx, changed, p);
    }
    e
}

/// Whether `changed` is `original` with at most its RPO and RTO targets changed.
fn only_recovery_targets_differ(original: &DataClass, changed: &DataClass) -> bool {
    let with_original_targets = DataClass {
        rpo_s: original.rpo_s,
        rto_s: original.rto_s,
        ..changed.clone()
    };
    with_original_targets == *original
}

/// What a full evaluation of `posture` adds to the report's price sources, without the rest.
fn record_price_sources(ctx: &Ctx, class: &DataClass, posture: Posture) {
    if let Ok((c, _)) = services::search(ctx, class, posture) {
        let mut sources = ctx.price_sources.borrow_mut();
        cost::cost(ctx, class, posture, &c, &ctx.prices, &mut sources);
    }
}

/// One posture of class `ci` alone, without recommendation or advice (to check a suggestion
/// that changes the plan's places); `None` if the changed plan does not validate.
fn evaluate_one(plan: &Plan, ci: usize, posture: Posture, limits: Limits) -> Option<Evaluation> {
    check(plan, limits).ok()?;
    let one = Plan {
        data_classes: vec![plan.data_classes.get(ci)?.clone()],
        ..plan.clone()
    };
    let ctx = Ctx::new(&one);
    Some(evaluate_class_posture(&ctx, &one.data_classes[0], posture))
}
