//! The scale benchmark's entry point (benches/engine.rs): past the plan's region limit it
//! evaluates, within it it is `evaluate` itself, and it refuses every other problem.

use meridian::engine::{evaluate, evaluate_past_region_limit};
use meridian::plan::{PlaceRef, Plan, PlanError, PlanErrors};

/// The large plan over `n` catalog regions spread through the catalog (as the bench).
fn plan_with_regions(n: usize) -> Plan {
    let catalog = meridian::data::regions();
    Plan {
        regions: (0..n)
            .map(|i| PlaceRef::key(&catalog[i * catalog.len() / n].key()))
            .collect(),
        ..Plan::large_benchmark()
    }
}

#[test]
fn past_the_limit_only_the_bench_entry_evaluates() {
    let plan = plan_with_regions(40);
    assert_eq!(
        evaluate(&plan).unwrap_err(),
        PlanErrors(vec![PlanError::TooMany {
            field: "regions".into(),
            count: 40,
            max: 24
        }])
    );
    let report = evaluate_past_region_limit(&plan).unwrap();
    assert_eq!(report.classes.len(), 12);
}

#[test]
fn within_the_limit_the_bench_entry_is_evaluate() {
    let plan = plan_with_regions(20);
    assert_eq!(
        evaluate_past_region_limit(&plan).unwrap(),
        evaluate(&plan).unwrap()
    );
}

#[test]
fn past_the_limit_other_problems_are_still_refused() {
    let mut plan = plan_with_regions(30);
    plan.users.clear();
    assert_eq!(
        evaluate_past_region_limit(&plan).unwrap_err(),
        PlanErrors(vec![PlanError::Empty {
            field: "users".into()
        }])
    );
}
