//! Two plans compared (`engine::compare::diff`, worded by `present::plan_diff`): "before and
//! after adding Sydney" shows the added region and population, the changed shares, and class
//! by class which results moved.

use meridian::engine::compare::{diff, Presence, Value};
use meridian::engine::evaluate;
use meridian::plan::{AccessNetwork, PlaceRef, Plan, UserPopulation};
use meridian::present::plan_diff::{class_sections, input_lines, summary};

/// The example with Sydney added: a region there and a population moved from Asia-Pacific.
fn with_sydney() -> Plan {
    let mut p = Plan::example();
    p.regions.push(PlaceRef::key("aws:ap-southeast-2"));
    p.users[2].share = 0.05;
    p.users.push(UserPopulation {
        name: "Oceania".into(),
        place: PlaceRef::at(-33.87, 151.21),
        share: 0.10,
        access: AccessNetwork::FixedBroadband,
    });
    p
}

#[test]
fn the_same_plan_changes_nothing() {
    let p = Plan::example();
    let r = evaluate(&p).unwrap();
    let d = diff(&p, Some(&r), &p, Some(&r));
    assert!(d.inputs_equal());
    assert!(input_lines(&d).is_empty());
    assert!(class_sections(&d).iter().all(|s| s.status == "unchanged"));
    assert_eq!(
        summary(&d),
        "The opened plan is the same as the current one."
    );
}

#[test]
fn adding_sydney_shows_the_region_the_population_and_the_changed_classes() {
    let (a, b) = (Plan::example(), with_sydney());
    let (ra, rb) = (evaluate(&a).unwrap(), evaluate(&b).unwrap());
    let d = diff(&a, Some(&ra), &b, Some(&rb));
    assert_eq!(d.regions_added, vec!["aws:ap-southeast-2".to_string()]);
    assert!(d.regions_removed.is_empty());
    assert_eq!(
        input_lines(&d),
        vec![
            "Regions added: aws:ap-southeast-2".to_string(),
            "Users Asia-Pacific: Share: 15 % → 5 %".to_string(),
            "Users Oceania: added".to_string(),
        ]
    );
    let sections = class_sections(&d);
    assert_eq!(sections.len(), 4);
    // Every class is in both plans with no field changed; those whose figures moved say so.
    for (s, c) in sections.iter().zip(&d.classes) {
        assert_eq!(c.presence, Presence::Both);
        assert!(s.inputs.is_empty(), "{:?}", s.inputs);
        let moved = s.results.iter().any(|r| r.changed);
        assert_eq!(
            s.status,
            if moved { "changed" } else { "unchanged" },
            "{}",
            s.name
        );
    }
    // Sessions are homed per population: Oceania gets a home, so the placement changes.
    let sessions = sections.iter().find(|s| s.name == "sessions").unwrap();
    assert_eq!(sessions.status, "changed");
    let placement = sessions
        .results
        .iter()
        .find(|r| r.figure == "Placement")
        .unwrap();
    assert!(placement.changed);
    assert!(
        placement.after.contains("aws:ap-southeast-2"),
        "{}",
        placement.after
    );
    assert!(!placement.before.contains("aws:ap-southeast-2"));
    assert!(summary(&d).starts_with("The opened plan changes 3 inputs and the results of "));
    // A moved figure carries its difference as shown: the two shown figures subtracted.
    let ledger = sections.iter().find(|s| s.name == "ledger").unwrap();
    let w = ledger
        .results
        .iter()
        .find(|r| r.figure == "Write p99 (worst)")
        .unwrap();
    let (before, after): (f64, f64) = (
        w.before.trim_end_matches(" ms").parse().unwrap(),
        w.after.trim_end_matches(" ms").parse().unwrap(),
    );
    assert!(
        after > before,
        "Oceania's writes reach us-east-1 from Sydney"
    );
    assert_eq!(
        w.delta.as_deref(),
        Some(format!("+{} ms", after - before).as_str())
    );
    let posture = &ledger.results[0];
    assert_eq!(posture.delta, None);
}

#[test]
fn class_fields_and_classes_only_in_one_plan() {
    let a = Plan::example();
    let mut b = a.clone();
    b.data_classes[0].rpo_s = Some(30.0);
    b.data_classes[0].pin = Some(meridian::engine::Posture::WarmStandby);
    b.data_classes.remove(3);
    b.operations.dns_ttl_s = 300.0;
    let d = diff(&a, None, &b, None);
    let ledger = &d.classes[0];
    assert_eq!(ledger.changes[0].field, "rpo_s");
    assert_eq!(ledger.changes[0].after, Value::Seconds(Some(30.0)));
    let sections = class_sections(&d);
    assert_eq!(
        sections[0].inputs,
        vec![
            "RPO target: 0 s → 30 s".to_string(),
            "Posture: recommended → Warm standby".to_string()
        ]
    );
    assert_eq!(sections[3].status, "only in the current plan");
    // Without reports (a plan that does not validate) the figures are dashes, never zeros.
    assert!(sections[0]
        .results
        .iter()
        .all(|r| r.before == "–" && r.after == "–"));
    assert_eq!(
        input_lines(&d),
        vec!["Operations, DNS TTL: 60 s → 5 min".to_string()]
    );
}
