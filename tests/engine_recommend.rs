//! The recommendation's order and its explanations: simplest first, then cheapest; every
//! rejection cites its numbers; when nothing fits, the report says what to relax.

use meridian::engine::report::Requirement;
use meridian::engine::{evaluate, Posture};
use meridian::plan::{ConflictSemantics, DataClass, Plan, Preset};

fn one_class(c: DataClass) -> Plan {
    Plan {
        data_classes: vec![c],
        ..Plan::example()
    }
}

#[test]
fn nothing_fits_names_the_closest_posture_and_what_to_relax() {
    let mut c = DataClass::preset(Preset::Ledger);
    c.write_p99_budget_ms = Some(5.0);
    let r = evaluate(&one_class(c)).unwrap();
    let class = &r.classes[0];
    assert!(!class.feasible);
    assert_eq!(r.totals.infeasible_classes, vec!["ledger".to_string()]);
    assert!(!class.relax.is_empty());
    assert!(
        class
            .relax
            .iter()
            .any(|l| l.starts_with("Raise the write p99 budget of ledger from 5.0 ms to ")),
        "{:?}",
        class.relax
    );
    // The closest posture breaks only numeric targets.
    assert!(class.chosen.violations.iter().all(|v| v.target.is_some()));
}

#[test]
fn rejections_state_the_requirement_and_by_how_much() {
    let r = evaluate(&Plan::example()).unwrap();
    let ledger = &r.classes[0];
    let pilot = ledger
        .rejected
        .iter()
        .find(|x| x.posture == Posture::PilotLight)
        .unwrap();
    let rpo = pilot
        .violations
        .iter()
        .find(|v| v.requirement == Requirement::Rpo)
        .unwrap();
    assert_eq!(rpo.target, Some(0.0));
    let achieved = rpo.achieved.unwrap();
    assert!(achieved > 0.0);
    assert_eq!(rpo.by, Some(achieved));
    assert!(rpo.message.starts_with("RPO is "), "{}", rpo.message);
    // Multi-writer is rejected for a never-conflict class on that ground.
    let mw = ledger
        .rejected
        .iter()
        .find(|x| x.posture == Posture::ActiveActiveMultiWriter)
        .unwrap();
    assert!(mw
        .violations
        .iter()
        .any(|v| v.requirement == Requirement::Conflicts));
}

#[test]
fn simplest_wins_over_cheapest_and_cheapest_breaks_ties_within_a_tier() {
    // No targets, no budgets: every placeable posture fits; single region (tier 0) wins.
    let mut c = DataClass::preset(Preset::AdminTooling);
    c.rpo_s = None;
    c.rto_s = None;
    let r = evaluate(&one_class(c.clone())).unwrap();
    assert_eq!(r.classes[0].chosen.posture, Posture::SingleRegion);
    // A region-loss target that both pilot light and warm standby meet: same tier, the
    // cheaper (pilot light runs no standby compute) wins, and the reason says so.
    c.rpo_s = Some(60.0);
    c.rto_s = Some(3600.0);
    let r = evaluate(&one_class(c)).unwrap();
    let class = &r.classes[0];
    assert_eq!(class.chosen.posture, Posture::PilotLight);
    let warm = &class.evaluations[3];
    assert_eq!(warm.posture, Posture::WarmStandby);
    assert!(warm.monthly_cost_usd > class.chosen.monthly_cost_usd);
    assert!(class
        .reasons
        .iter()
        .any(|x| x.starts_with("Warm standby also fits at the same complexity but costs")));
}

#[test]
fn mergeable_data_may_go_multi_writer_but_never_conflict_data_may_not() {
    let mut c = DataClass::preset(Preset::LikesPresence);
    let r = evaluate(&one_class(c.clone())).unwrap();
    assert_eq!(
        r.classes[0].chosen.posture,
        Posture::ActiveActiveMultiWriter
    );
    assert!(r.classes[0].chosen.conflicts_per_day.unwrap() > 0.0);
    c.conflicts = ConflictSemantics::NeverConflict;
    let r = evaluate(&one_class(c)).unwrap();
    assert_ne!(
        r.classes[0].chosen.posture,
        Posture::ActiveActiveMultiWriter
    );
}

#[test]
fn cost_multiples_are_relative_to_single_region() {
    let r = evaluate(&Plan::example()).unwrap();
    for c in &r.classes {
        let single = &c.evaluations[0];
        assert_eq!(single.posture, Posture::SingleRegion);
        if single.placeable {
            assert!((single.cost_multiple.unwrap() - 1.0).abs() < 1e-12);
            let e = &c.chosen;
            let by_hand = e.monthly_cost_usd.unwrap() / single.monthly_cost_usd.unwrap();
            assert!((e.cost_multiple.unwrap() - by_hand).abs() < 1e-9);
        }
    }
    let sum: f64 = r
        .classes
        .iter()
        .filter_map(|c| c.chosen.monthly_cost_usd)
        .sum();
    assert!((r.totals.monthly_cost_usd - sum).abs() < 1e-6);
}

#[test]
fn pinned_residency_keeps_every_copy_inside() {
    let r = evaluate(&Plan::example()).unwrap();
    let eu = r
        .classes
        .iter()
        .find(|c| c.name == "eu-personal-data")
        .unwrap();
    for e in eu.evaluations.iter().filter(|e| e.placeable) {
        assert!(!e.residency.is_empty());
        for copy in &e.residency {
            assert_eq!(copy.jurisdiction, "EU", "{} {:?}", e.posture, copy);
            assert!(copy.compliant);
        }
    }
    // Only two EU regions in the example: three consensus voters cannot fit.
    let consensus = &eu.evaluations[8];
    assert!(!consensus.placeable);
    assert_eq!(consensus.violations[0].requirement, Requirement::Residency);
}

#[test]
fn a_one_region_plan_explains_why_multi_region_postures_do_not_apply() {
    let mut plan = one_class(DataClass::preset(Preset::Sessions));
    plan.regions.truncate(1);
    let r = evaluate(&plan).unwrap();
    let c = &r.classes[0];
    let pilot = &c.evaluations[2];
    assert!(!pilot.placeable);
    assert_eq!(pilot.violations[0].requirement, Requirement::Applicability);
    assert_eq!(
        pilot.violations[0].message,
        "needs 2 regions for the primary and a standby; the plan lists 1"
    );
}

#[test]
fn home_hints_pin_the_primary() {
    let mut c = DataClass::preset(Preset::Ledger);
    c.home_hints = vec![meridian::plan::PlaceRef::key("aws:eu-west-1")];
    let r = evaluate(&one_class(c)).unwrap();
    let e = &r.classes[0].chosen;
    assert_eq!(e.posture, Posture::SyncStandby);
    assert_eq!(
        e.placement.as_ref().and_then(|p| p.primary()),
        Some("aws:eu-west-1")
    );
}

#[test]
fn outage_stories_match_the_roles() {
    let r = evaluate(&Plan::example()).unwrap();
    let ledger = &r.classes[0].chosen;
    assert_eq!(ledger.posture, Posture::SyncStandby);
    let primary = ledger.placement.as_ref().unwrap().primary().unwrap();
    let standby = ledger.placement.as_ref().unwrap().standby().unwrap();
    assert_eq!(ledger.outages.len(), Plan::example().regions.len());
    for o in &ledger.outages {
        if o.region == primary {
            assert_eq!(o.downtime_s, ledger.rto_s);
            assert_eq!(o.writes_lost.value, 0.0);
            assert!(o.effect.starts_with("primary lost"), "{}", o.effect);
        } else if o.region == standby {
            // Writes stall for the health-check detection (10 s x 3) before going async.
            assert_eq!(o.downtime_s, Some(30.0));
        } else {
            assert_eq!(o.downtime_s, Some(0.0), "{}", o.region);
        }
    }
}

/// A one-region plan: nothing can be cheaper than single region there, and the total is not
/// below its own baseline (a partitioned posture once skipped its backups).
#[test]
fn a_one_region_plan_never_costs_less_than_its_single_region_baseline() {
    let mut plan = Plan::example();
    plan.regions.truncate(1);
    let r = evaluate(&plan).unwrap();
    for c in &r.classes {
        // A class pinned elsewhere has no placement at all in this one region.
        let Some(single) = c.evaluations[0].monthly_cost_usd else {
            assert!(c.evaluations.iter().all(|e| !e.placeable), "{}", c.name);
            continue;
        };
        for e in c.evaluations.iter().filter(|e| e.placeable) {
            assert!(
                e.monthly_cost_usd.unwrap() >= single,
                "{} {}: {:?} < {single}",
                c.name,
                e.posture.slug(),
                e.monthly_cost_usd
            );
        }
    }
    assert!(r.totals.monthly_cost_usd >= r.totals.single_region_monthly_cost_usd);
}

/// A pinned posture: every figure follows the pin, the report names the engine's choice and
/// what the pin breaks, and the pin survives the plan JSON and the share link.
#[test]
fn a_pinned_posture_is_followed_and_explained() {
    let plan = Plan::example();
    let engine = evaluate(&plan).unwrap();
    let ledger = &engine.classes[0];
    assert_eq!(ledger.chosen.posture, Posture::SyncStandby);
    let mut pinned = plan.clone();
    pinned.data_classes[0].pin = Some(Posture::WarmStandby);
    let r = evaluate(&pinned).unwrap();
    let c = &r.classes[0];
    assert_eq!(c.chosen.posture, Posture::WarmStandby);
    // Warm standby cannot give the ledger's RPO 0: the pin breaks it, and says so.
    assert!(!c.feasible);
    let note = c.pin.as_ref().unwrap();
    assert_eq!(note.engine_choice, Posture::SyncStandby);
    assert!(note.breaks.contains(&Requirement::Rpo), "{note:?}");
    assert!(c.reasons[0].starts_with(
        "Pinned to Warm standby by the plan; the engine would choose Synchronous standby: RPO "
    ));
    assert!(c
        .reasons
        .iter()
        .any(|x| x.starts_with("the pin breaks RPO")));
    assert_eq!(r.totals.infeasible_classes, vec!["ledger".to_string()]);
    // Figures follow the pin in the totals and the markdown.
    assert_eq!(
        r.totals.monthly_cost_usd - c.chosen.monthly_cost_usd.unwrap(),
        engine.totals.monthly_cost_usd - ledger.chosen.monthly_cost_usd.unwrap()
    );
    let md = meridian::engine::report::to_markdown(&pinned, &r);
    assert!(
        md.contains("| ledger | `warm-standby` (pinned; breaks RPO; the engine would choose `sync-standby`) |"),
        "{md}"
    );
    // The pin travels in the plan JSON and the link.
    let back = Plan::from_json(&pinned.to_json_pretty()).unwrap();
    assert_eq!(back.data_classes[0].pin, Some(Posture::WarmStandby));
    let link = meridian::share::encode_plan(&pinned);
    assert_eq!(meridian::share::decode_plan(&link).unwrap(), pinned);
}
