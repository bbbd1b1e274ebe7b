//! A pinned placement (primary, standby, voters): the engine keeps the pinned roles and
//! searches the rest, says what the pin breaks and where it would have placed the class,
//! with the difference in numbers; bad pins are refused in the form's words.

use meridian::engine::report::{Placement, Requirement};
use meridian::engine::{evaluate, Posture};
use meridian::plan::{validate, DataClass, PlacementPin, Plan, Preset};
use meridian::present::problem;

fn one_class(c: DataClass) -> Plan {
    Plan {
        data_classes: vec![c],
        ..Plan::example()
    }
}

fn pin(primary: Option<&str>, standby: Option<&str>, voters: &[&str]) -> PlacementPin {
    PlacementPin {
        primary: primary.map(Into::into),
        standby: standby.map(Into::into),
        voters: voters.iter().map(|v| v.to_string()).collect(),
    }
}

#[test]
fn a_pinned_primary_is_kept_and_the_engines_placement_is_named_with_numbers() {
    let mut ledger = DataClass::preset(Preset::Ledger);
    let free = evaluate(&one_class(ledger.clone())).unwrap().classes[0].clone();
    assert_eq!(
        free.chosen.placement.as_ref().unwrap().primary(),
        Some("aws:us-east-1")
    );
    ledger.placement_pin = pin(Some("aws:eu-west-1"), None, &[]);
    let r = evaluate(&one_class(ledger)).unwrap();
    let c = &r.classes[0];
    assert_eq!(c.chosen.posture, Posture::SyncStandby);
    let placed = c.chosen.placement.as_ref().unwrap();
    assert_eq!(placed.primary(), Some("aws:eu-west-1"));
    // The standby is still searched: the nearest region to the pinned primary's users.
    assert_ne!(placed.standby(), Some("aws:eu-west-1"));
    let note = c.placement_pin.as_ref().unwrap();
    assert!(note.applies);
    assert_eq!(note.engine_posture, Posture::SyncStandby);
    assert_eq!(note.engine_placement, free.chosen.placement);
    assert!(
        note.comparison.starts_with(
            "Placement pinned by the plan (primary aws:eu-west-1): Synchronous standby at primary aws:eu-west-1; sync standby "
        ),
        "{}",
        note.comparison
    );
    assert!(
        note.comparison.contains(
            "; without the pin the engine would choose Synchronous standby at primary aws:us-east-1; sync standby aws:us-west-2: RPO 0 s vs 0 s, "
        ),
        "{}",
        note.comparison
    );
    // The difference in numbers: the pinned figures first, the engine's second.
    let worst = meridian::present::ms(c.chosen.worst_p99(true).unwrap());
    let engine_worst = meridian::present::ms(free.chosen.worst_p99(true).unwrap());
    assert!(
        note.comparison
            .contains(&format!("worst write p99 {worst} vs {engine_worst}")),
        "{}",
        note.comparison
    );
    assert_eq!(c.reasons[0], note.comparison);
    assert!(meridian::present::posture_verdict(c).contains("(placement pinned"));
    // The markdown follows: the decisions table and the reasons.
    let mut plan = one_class(DataClass::preset(Preset::Ledger));
    plan.data_classes[0].placement_pin = pin(Some("aws:eu-west-1"), None, &[]);
    let md = meridian::engine::report::to_markdown(&plan, &r);
    assert!(
        md.contains("| ledger | `sync-standby` (placement pinned) |"),
        "{md}"
    );
    assert!(md.contains(&note.comparison), "{md}");
}

#[test]
fn a_pinned_standby_outside_residency_is_reported_as_broken() {
    let mut eu = DataClass::preset(Preset::EuPersonalData);
    eu.pin = Some(Posture::WarmStandby);
    eu.placement_pin = pin(None, Some("aws:us-east-1"), &[]);
    let r = evaluate(&one_class(eu)).unwrap();
    let c = &r.classes[0];
    assert!(!c.feasible);
    let placed = c.chosen.placement.as_ref().unwrap();
    assert_eq!(placed.standby(), Some("aws:us-east-1"));
    let v = &c.chosen.violations[0];
    assert_eq!(v.requirement, Requirement::Residency);
    assert_eq!(
        v.message,
        "the pinned placement puts copies outside residency (pinned to EU): standby in aws:us-east-1 (US), backup in aws:us-east-1 (US)"
    );
    let note = c.placement_pin.as_ref().unwrap();
    assert_eq!(note.breaks, vec![Requirement::Residency]);
    assert!(c
        .reasons
        .iter()
        .any(|r| r.starts_with("the placement pin breaks residency: the pinned placement puts")));
}

#[test]
fn pinning_the_engines_own_placement_changes_no_figure() {
    let plan = Plan::example();
    let free = evaluate(&plan).unwrap();
    let mut pinned = plan.clone();
    let Some(Placement::Standby {
        primary, standby, ..
    }) = free.classes[0].chosen.placement.clone()
    else {
        panic!("the example's ledger has a standby");
    };
    pinned.data_classes[0].placement_pin = pin(Some(&primary), Some(&standby), &[]);
    let r = evaluate(&pinned).unwrap();
    assert_eq!(r.classes[0].chosen, free.classes[0].chosen);
    let note = r.classes[0].placement_pin.as_ref().unwrap();
    assert!(note.breaks.is_empty());
    assert!(
        note.comparison
            .ends_with("; without the pin the engine would choose the same"),
        "{}",
        note.comparison
    );
    // Every other class is untouched.
    assert_eq!(r.classes[1..], free.classes[1..]);
}

#[test]
fn pinned_voters_are_the_consensus_group() {
    let mut ledger = DataClass::preset(Preset::Ledger);
    ledger.pin = Some(Posture::GlobalConsensus);
    ledger.placement_pin = pin(
        Some("aws:eu-west-1"),
        None,
        &["aws:us-east-1", "aws:eu-west-1", "aws:ap-northeast-1"],
    );
    let r = evaluate(&one_class(ledger)).unwrap();
    let c = &r.classes[0];
    assert_eq!(
        c.chosen.placement,
        Some(Placement::Consensus {
            leader: "aws:eu-west-1".into(),
            followers: vec!["aws:us-east-1".into(), "aws:ap-northeast-1".into()],
        })
    );
    assert!(c.placement_pin.as_ref().unwrap().applies);
}

#[test]
fn a_pin_binds_no_role_of_a_multi_writer_posture() {
    let mut sessions = DataClass::preset(Preset::Sessions);
    sessions.pin = Some(Posture::ActiveActiveMultiWriter);
    let free = evaluate(&one_class(sessions.clone())).unwrap().classes[0].clone();
    sessions.placement_pin = pin(Some("aws:eu-west-1"), None, &[]);
    let r = evaluate(&one_class(sessions)).unwrap();
    let c = &r.classes[0];
    assert_eq!(c.chosen.placement, free.chosen.placement);
    let note = c.placement_pin.as_ref().unwrap();
    assert!(!note.applies);
    assert!(
        note.comparison.starts_with(
            "Placement pinned by the plan (primary aws:eu-west-1), which binds no role of the chosen Active-active"
        ),
        "{}",
        note.comparison
    );
    assert!(!meridian::present::posture_verdict(c).contains("placement pinned"));
}

/// The form's words for every problem of the example with class 0 pinned as `p`.
fn problems(p: PlacementPin) -> Vec<(String, String)> {
    let mut plan = Plan::example();
    plan.data_classes[0].placement_pin = p;
    validate(&plan)
        .unwrap_err()
        .0
        .iter()
        .map(|e| (e.field().to_string(), problem(e)))
        .collect()
}

#[test]
fn bad_pins_are_refused_in_the_forms_words() {
    assert_eq!(
        problems(pin(Some("aws:sa-east-1"), Some("aws:sa-east-1"), &[])),
        vec![
            (
                "data_classes[0].placement_pin.primary".to_string(),
                "Pinned primary: aws:sa-east-1 is not one of the plan's regions; choose one of them, or let the engine choose".to_string()
            ),
            (
                "data_classes[0].placement_pin.standby".to_string(),
                "Pinned standby: aws:sa-east-1 is not one of the plan's regions; choose one of them, or let the engine choose".to_string()
            ),
            (
                "data_classes[0].placement_pin.standby".to_string(),
                "Pinned standby: must differ from the pinned primary (aws:sa-east-1)".to_string()
            ),
        ]
    );
    assert_eq!(
        problems(pin(Some("aws:us-west-2"), None, &["aws:us-east-1", "aws:us-east-1"])),
        vec![
            (
                "data_classes[0].placement_pin.voters".to_string(),
                "Pinned voters: choose exactly 3 regions (you chose 2), or none".to_string()
            ),
            (
                "data_classes[0].placement_pin.voters".to_string(),
                "Pinned voters: aws:us-east-1 is chosen twice".to_string()
            ),
            (
                "data_classes[0].placement_pin.voters".to_string(),
                "Pinned voters: must include the pinned primary (aws:us-west-2), which leads the consensus group".to_string()
            ),
        ]
    );
    // The file's words (CLI, report JSON) name the path and what is allowed.
    let mut plan = Plan::example();
    plan.data_classes[0].placement_pin = pin(None, None, &["aws:us-east-1"]);
    assert_eq!(
        validate(&plan).unwrap_err().to_string(),
        "data_classes[0].placement_pin.voters: 1 voters; allowed: exactly 3, or none"
    );
}

#[test]
fn a_placement_pin_round_trips_through_plan_json_and_old_files_have_none() {
    let mut plan = Plan::example();
    plan.data_classes[0].placement_pin = pin(Some("aws:eu-west-1"), Some("aws:eu-central-1"), &[]);
    let json = plan.to_json_pretty();
    assert!(json.contains("\"placement_pin\""), "{json}");
    assert_eq!(Plan::from_json(&json).unwrap(), plan);
    // A class without a pin writes no field.
    assert!(!Plan::example().to_json_pretty().contains("placement_pin"));
}

/// With the user's bill, the engine's own placement is priced from that bill too (the bill is
/// apportioned over every class), so the pinned and unpinned costs compare like with like.
#[test]
fn with_a_bill_the_unpinned_placement_is_priced_from_the_bill() {
    let mut plan = Plan::example();
    plan.baseline_bill = Some(meridian::engine::cost::baseline::BaselineBill {
        compute_usd: 1200.0,
        database_usd: 800.0,
        storage_usd: 150.0,
        network_usd: 90.0,
        platform_usd: 60.0,
    });
    let free = evaluate(&plan).unwrap();
    plan.data_classes[0].placement_pin = pin(Some("aws:eu-central-1"), None, &[]);
    let r = evaluate(&plan).unwrap();
    let note = r.classes[0].placement_pin.as_ref().unwrap();
    assert_eq!(
        note.engine_placement, free.classes[0].chosen.placement,
        "{}",
        note.comparison
    );
    // The engine's figure in the comparison is the bill-scaled cost of the unpinned plan.
    let cost = meridian::present::posture_cost(&free.classes[0].chosen);
    assert!(
        note.comparison.contains(&cost),
        "{cost}: {}",
        note.comparison
    );
}
