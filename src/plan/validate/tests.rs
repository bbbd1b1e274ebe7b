//! Exact messages of the checks, and the limits at and just past their edge.

use super::limits::*;
use super::*;
use crate::plan::{DataClass, PlaceRef, Preset, Residency, UserPopulation};

#[test]
fn example_is_valid() {
    assert_eq!(validate(&Plan::example()), Ok(()));
}

#[test]
fn messages_name_the_field_and_the_allowed_values() {
    let mut p = Plan::example();
    p.version = 7;
    p.data_classes[2].rpo_s = Some(-1.0);
    p.regions[1] = PlaceRef::key("aws:mars-north-1");
    p.operations.health_check_failure_threshold = 0;
    let errs = validate(&p).unwrap_err();
    let msgs: Vec<String> = errs.0.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs,
        vec![
            "version: 7 is not supported; allowed: 2".to_string(),
            "regions[1]: \"aws:mars-north-1\" is not in the region catalog; did you mean \
             aws:cn-north-1, aws:eu-north-1?"
                .to_string(),
            "operations.health_check_failure_threshold: 0 is out of range; allowed: an integer from 1 to 10"
                .to_string(),
            "data_classes[2].rpo_s: -1 is out of range; allowed: a number from 0 to 31536000, or null"
                .to_string(),
        ]
    );
}

#[test]
fn shares_must_sum_to_one_and_per_owner_needs_per_population() {
    let mut p = Plan::example();
    p.users[0].share = 0.2;
    p.data_classes[0].residency = Residency::PerOwner;
    let msgs: Vec<String> = validate(&p)
        .unwrap_err()
        .0
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        msgs,
        vec![
            "users[*].share: shares add up to 0.700; allowed: a total of 1 (within 0.01)",
            "data_classes[0].residency: per-owner residency needs ownership \"per-population\"; \
             allowed with \"shared\": residency \"none\" or \"pinned\"",
        ]
    );
}

#[test]
fn unknown_provider_lists_the_allowed_ones() {
    let mut p = Plan::example();
    p.regions[0] = PlaceRef::key("oracle:us-ashburn-1");
    assert_eq!(
        validate(&p).unwrap_err().to_string(),
        "regions[0]: unknown provider \"oracle\"; allowed: aws, gcp, azure"
    );
}

#[test]
fn every_error_names_the_field_a_form_shows_it_beside() {
    let mut p = Plan::example();
    p.data_classes[2].rpo_s = Some(-1.0);
    p.users[0].share = 0.9;
    let errs = validate(&p).unwrap_err();
    let fields: Vec<&str> = errs.0.iter().map(PlanError::field).collect();
    assert!(fields.contains(&"data_classes[2].rpo_s"), "{fields:?}");
    assert!(fields.contains(&"users[*].share"), "{fields:?}");
}

fn messages(p: &Plan) -> Vec<String> {
    match validate(p) {
        Ok(()) => Vec::new(),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

/// A plan with every list at its limit: valid; one more entry in any list: refused.
#[test]
fn counts_are_allowed_up_to_their_limit_and_not_past_it() {
    let mut p = Plan::example();
    p.regions = (0..MAX_REGIONS)
        .map(|i| PlaceRef::at(-60.0 + 5.0 * i as f64, 10.0))
        .collect();
    p.users = (0..MAX_USERS)
        .map(|i| UserPopulation {
            name: format!("u{i}"),
            place: PlaceRef::at(40.0, i as f64),
            share: 1.0 / MAX_USERS as f64,
            access: Default::default(),
        })
        .collect();
    p.data_classes = (0..MAX_CLASSES)
        .map(|i| DataClass {
            name: format!("c{i}"),
            ..DataClass::preset(Preset::Sessions)
        })
        .collect();
    assert_eq!(messages(&p), Vec::<String>::new());
    p.regions.push(PlaceRef::at(70.0, 10.0));
    p.users.push(p.users[0].clone());
    p.data_classes.push(p.data_classes[0].clone());
    assert_eq!(
        messages(&p),
        vec![
            "regions: 25 entries; allowed: at most 24",
            "users: 13 entries; allowed: at most 12",
            "data_classes: 17 entries; allowed: at most 16",
        ]
    );
}

/// The 6,000-region link of issue 15: refused by count, without checking each place.
#[test]
fn thousands_of_regions_are_refused_by_count() {
    let mut p = Plan::example();
    p.regions = (0..6000)
        .map(|i| PlaceRef::at(0.0, i as f64 * 0.01))
        .collect();
    assert_eq!(
        messages(&p),
        vec!["regions: 6000 entries; allowed: at most 24"]
    );
}

#[test]
fn numbers_past_their_range_and_non_finite_prices_are_refused() {
    let mut p = Plan::example();
    p.data_classes[0].record_bytes = 1e308;
    p.data_classes[1].writes_per_s = f64::INFINITY;
    p.operations.dns_ttl_s = 86_401.0;
    p.prices.vm_usd_per_month.insert("aws".into(), f64::NAN);
    p.prices
        .transfer_usd_per_gb
        .insert("internet".into(), -0.01);
    assert_eq!(
        messages(&p),
        vec![
            "operations.dns_ttl_s: 86401 is out of range; allowed: a number from 0 to 86400",
            "data_classes[0].record_bytes: 1e308 is out of range; allowed: a number from 1 to 100000000",
            "data_classes[1].writes_per_s: inf is out of range; allowed: a number from 0 to 100000000",
            "prices.transfer_usd_per_gb[\"internet\"]: -0.01 is out of range; allowed: a number from 0 to 100",
            "prices.vm_usd_per_month[\"aws\"]: NaN is out of range; allowed: a number from 0 to 1000000",
        ]
    );
}

#[test]
fn long_names_and_region_lookalikes_are_refused() {
    let mut p = Plan::example();
    p.name = "x".repeat(MAX_PLAN_NAME_CHARS);
    p.users[0].name = "é".repeat(MAX_NAME_CHARS);
    assert_eq!(
        messages(&p),
        Vec::<String>::new(),
        "at the limit, in characters"
    );
    p.data_classes[0].name = "x".repeat(100_000);
    p.regions[0] = PlaceRef::custom("aws:eu-central-1", 50.1, 8.7, "");
    assert_eq!(
        messages(&p),
        vec![
            "regions[0].name: \"aws:eu-central-1\" is a catalog region's key; allowed: any other name",
            // It passes for the real region, listed third in the example.
            "regions[2]: aws:eu-central-1 is listed more than once",
            "data_classes[0].name: 100000 characters; allowed: at most 120",
        ]
    );
}
