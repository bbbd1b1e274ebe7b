//! What crosses to and from the browser's engine worker (src/ui/engine_worker.rs): the plan
//! as plan JSON and the report in its plain serde form (each class on its own, then the
//! report without its classes). The page must show the very report the engine made, so both
//! round trips are exact, and the worker's entry point with progress gives the same report
//! as `evaluate`. The report's JSON form (CLI, export) is the plain form with the flattened
//! fields moved into their parents.

#[path = "support/plans.rs"]
mod support_plans;

use meridian::engine::cost::baseline::BaselineBill;
use meridian::engine::report::ClassReport;
use meridian::engine::{
    evaluate, evaluate_with_progress, work_estimate, Posture, Progress, Report,
    FIXED_WORK_IN_REGIONS,
};
use meridian::plan::Plan;
use serde_json::{Map, Value};
use std::sync::Arc;

/// The example plans, and variants whose reports hold what the examples' do not: advice
/// (nothing fits), a pinned posture, a pinned placement and a bill to scale from.
fn plans() -> Vec<(String, Plan)> {
    let mut out = support_plans::example_plans();
    let mut strict = Plan::example();
    for c in &mut strict.data_classes {
        c.rpo_s = Some(0.0);
        c.write_p99_budget_ms = Some(1.0);
    }
    out.push(("nothing fits (advice)".into(), strict));
    let mut pinned = Plan::example();
    pinned.data_classes[0].pin = Some(Posture::ActiveActiveMultiWriter);
    pinned.data_classes[1].placement_pin.primary = Some("aws:eu-central-1".into());
    pinned.baseline_bill = Some(BaselineBill {
        compute_usd: 1000.0,
        database_usd: 2000.0,
        storage_usd: 300.0,
        network_usd: 400.0,
        platform_usd: 500.0,
    });
    out.push(("pins and a bill".into(), pinned));
    let largest =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e/fixtures/largest-plan.json");
    let largest = std::fs::read_to_string(largest).unwrap();
    out.push(("largest plan".into(), Plan::from_json(&largest).unwrap()));
    out
}

/// What the worker sends (src/ui/engine_worker/serve.rs), read back as the page does
/// (client.rs): each class on its own, then the report without its classes.
fn through_the_wire(report: &Report) -> Report {
    let classes: Vec<Arc<ClassReport>> = report
        .classes
        .iter()
        .map(|class| {
            let json = serde_json::to_string(class).unwrap();
            let back: ClassReport = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), json);
            Arc::new(back)
        })
        .collect();
    let head = Report {
        classes: Vec::new(),
        ..report.clone()
    };
    let mut back: Report = serde_json::from_str(&serde_json::to_string(&head).unwrap()).unwrap();
    back.classes = classes;
    back
}

#[test]
fn every_report_reads_back_as_itself() {
    for (name, plan) in plans() {
        let report = evaluate(&plan).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(through_the_wire(&report), report, "{name}");
    }
}

/// Moves the fields of the objects under `key` into their parent, in every object of `value`
/// (what serde's `flatten` writes).
fn flatten(value: &mut Value, key: &str) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(inner)) = map.remove(key) {
                for (k, v) in inner {
                    assert!(map.insert(k.clone(), v).is_none(), "{k} twice");
                }
            }
            map.values_mut().for_each(|v| flatten(v, key));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| flatten(v, key)),
        _ => {}
    }
}

#[test]
fn the_json_form_is_the_plain_form_with_the_chosen_evaluation_and_cost_lines_flattened() {
    for (name, plan) in plans() {
        let report = evaluate(&plan).unwrap();
        let json_form: Value =
            serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
        let mut plain = Value::Object(Map::from_iter([
            (
                "plan_name".to_string(),
                Value::from(report.plan_name.clone()),
            ),
            (
                "classes".to_string(),
                serde_json::to_value(&report.classes).unwrap(),
            ),
        ]));
        let head = serde_json::to_value(Report {
            classes: Vec::new(),
            ..report.clone()
        })
        .unwrap();
        for (k, v) in head.as_object().unwrap() {
            if k != "classes" {
                plain[k] = v.clone();
            }
        }
        let nested = plain["classes"].to_string();
        assert!(
            nested.contains("\"chosen\"") && nested.contains("\"lines\""),
            "{name}"
        );
        flatten(&mut plain, "chosen");
        flatten(&mut plain, "lines");
        assert_eq!(json_form, plain, "{name}");
        // Pretty (the CLI's and the export's) writes the same fields.
        let pretty: Value =
            serde_json::from_str(&serde_json::to_string_pretty(&report).unwrap()).unwrap();
        assert_eq!(pretty, json_form, "{name}");
    }
}

#[test]
fn the_variants_hold_advice_pins_and_a_scaled_bill() {
    let all = plans();
    let report = |name: &str| evaluate(&all.iter().find(|(n, _)| n == name).unwrap().1).unwrap();
    let strict = report("nothing fits (advice)");
    assert!(strict.classes.iter().any(|c| !c.advice.is_empty()));
    let pinned = report("pins and a bill");
    assert!(pinned.classes[0].pin.is_some());
    assert!(pinned.classes[1].placement_pin.is_some());
    assert!(pinned.totals.scaled_from_bill.is_some());
}

#[test]
fn a_plan_sent_as_json_evaluates_to_the_same_report() {
    for (name, plan) in plans() {
        let sent: Plan = serde_json::from_str(&serde_json::to_string(&plan).unwrap()).unwrap();
        assert_eq!(evaluate(&sent), evaluate(&plan), "{name}");
    }
}

#[test]
fn progress_counts_every_class_in_order_and_changes_nothing() {
    for (name, plan) in plans() {
        let mut seen = Vec::new();
        let report = evaluate_with_progress(&plan, &mut |p| seen.push(p)).unwrap();
        assert_eq!(report, evaluate(&plan).unwrap(), "{name}");
        let classes = plan.data_classes.len();
        let expected: Vec<Progress> = (1..=classes)
            .map(|done| Progress { done, classes })
            .collect();
        assert_eq!(seen, expected, "{name}");
    }
}

#[test]
fn progress_is_silent_for_an_invalid_plan() {
    let mut plan = Plan::example();
    plan.regions.clear();
    let mut seen = 0;
    assert!(evaluate_with_progress(&plan, &mut |_| seen += 1).is_err());
    assert_eq!(seen, 0);
}

#[test]
fn work_grows_with_classes_populations_and_regions() {
    let example = Plan::example();
    let (k, u, n) = (
        example.data_classes.len() as u64,
        example.users.len() as u64,
        example.regions.len() as u64,
    );
    assert_eq!(work_estimate(&example), k * u * (n + FIXED_WORK_IN_REGIONS));
    // A plan with no populations yet still has each class's own work.
    let mut no_users = example.clone();
    no_users.users.clear();
    assert_eq!(work_estimate(&no_users), k * (n + FIXED_WORK_IN_REGIONS));
    let mut no_classes = example;
    no_classes.data_classes.clear();
    assert_eq!(work_estimate(&no_classes), 0);
}
