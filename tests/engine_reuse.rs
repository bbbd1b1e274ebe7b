//! `engine::Evaluator` reuses a class's report from the last plan when nothing it depends on
//! changed: every report it gives must be the one `evaluate` gives for the same plan, byte for
//! byte (price sources in the same order included), whatever the edits before it.

#[path = "support/plans.rs"]
mod support_plans;

use meridian::engine::cost::baseline::BaselineBill;
use meridian::engine::{evaluate, Evaluator, Posture, Progress};
use meridian::plan::Plan;

/// The report JSON from a fresh evaluation and from `evaluator`, for `plan`.
fn both(evaluator: &mut Evaluator, plan: &Plan) -> (String, String) {
    let fresh = serde_json::to_string(&evaluate(plan).unwrap()).unwrap();
    let mut done = Vec::new();
    let reused = evaluator
        .evaluate(plan, &mut |p: Progress| done.push(p.done))
        .unwrap();
    assert_eq!(done, (1..=plan.data_classes.len()).collect::<Vec<_>>());
    (fresh, serde_json::to_string(&reused).unwrap())
}

/// Edits one after another, as someone at the page would make them: every class's targets
/// and budgets, a class made impossible and then possible again, pins, a renamed and a
/// removed class, and changes outside the classes (operations, name, regions, a bill).
fn edits(plan: &Plan, classes: usize) -> Vec<(String, Plan)> {
    let mut out = Vec::new();
    let mut p = plan.clone();
    let mut push = |what: String, p: &Plan| out.push((what, p.clone()));
    for i in 0..p.data_classes.len().min(classes) {
        p.data_classes[i].rpo_s = Some(p.data_classes[i].rpo_s.unwrap_or(60.0) * 2.0 + 1.0);
        push(format!("class {i} rpo"), &p);
        let budget = p.data_classes[i].write_p99_budget_ms;
        p.data_classes[i].write_p99_budget_ms = Some(1.0);
        push(format!("class {i} nothing fits"), &p);
        p.data_classes[i].write_p99_budget_ms = budget;
        push(format!("class {i} fits again"), &p);
    }
    p.data_classes[0].pin = Some(Posture::WarmStandby);
    push("pin".into(), &p);
    p.data_classes[0].name.push_str(" (renamed)");
    push("rename".into(), &p);
    p.operations.dns_ttl_s += 30.0;
    push("operations".into(), &p);
    p.name.push_str(" v2");
    push("plan name".into(), &p);
    let removed = p.data_classes.pop().unwrap();
    push("class removed".into(), &p);
    p.data_classes.insert(0, removed);
    push("class added first".into(), &p);
    p.baseline_bill = Some(BaselineBill {
        compute_usd: 1000.0,
        database_usd: 2000.0,
        storage_usd: 300.0,
        network_usd: 400.0,
        platform_usd: 500.0,
    });
    push("bill".into(), &p);
    p.data_classes[0].rpo_s = Some(5.0);
    push("class 0 rpo with a bill".into(), &p);
    p.baseline_bill = None;
    push("bill removed".into(), &p);
    if p.regions.len() > 2 {
        p.regions.pop();
        p.data_classes
            .iter_mut()
            .for_each(|c| c.placement_pin = Default::default());
        push("region removed".into(), &p);
    }
    out
}

/// The examples, every class of the example made impossible (advice in every report, reused
/// while other classes change), and the 20-region benchmark plan (two of its classes have
/// advice), whose edits stop after two classes to keep the test quick.
fn plans() -> Vec<(String, Plan, usize)> {
    let mut out: Vec<_> = support_plans::example_plans()
        .into_iter()
        .map(|(name, plan)| (name, plan, usize::MAX))
        .collect();
    let mut strict = Plan::example();
    for c in &mut strict.data_classes {
        c.rpo_s = Some(0.0);
        c.write_p99_budget_ms = Some(1.0);
    }
    out.push(("nothing fits (advice)".into(), strict, usize::MAX));
    out.push(("large benchmark".into(), Plan::large_benchmark(), 2));
    out
}

#[test]
fn every_report_is_the_fresh_evaluations_over_edits_of_every_example() {
    for (name, plan, classes) in plans() {
        let mut evaluator = Evaluator::default();
        let (fresh, reused) = both(&mut evaluator, &plan);
        assert_eq!(fresh, reused, "{name}: first plan");
        for (what, edited) in edits(&plan, classes) {
            if meridian::plan::validate(&edited).is_err() {
                continue;
            }
            let (fresh, reused) = both(&mut evaluator, &edited);
            assert_eq!(fresh, reused, "{name}: after {what}");
        }
    }
}

#[test]
fn an_invalid_plan_is_refused_and_the_next_valid_one_still_matches() {
    let plan = Plan::example();
    let mut evaluator = Evaluator::default();
    both(&mut evaluator, &plan);
    let mut bad = plan.clone();
    bad.data_classes[0].rpo_s = Some(-1.0);
    assert_eq!(
        evaluator.evaluate(&bad, &mut |_| {}).unwrap_err(),
        evaluate(&bad).unwrap_err()
    );
    let mut next = plan.clone();
    next.data_classes[1].rpo_s = Some(7.0);
    let (fresh, reused) = both(&mut evaluator, &next);
    assert_eq!(fresh, reused);
}
