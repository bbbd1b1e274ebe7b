//! Work in progress travels (issue 15, item 7): a link or file of a half-edited plan opens
//! as that plan, for the UI to show its problems; only an unreadable one falls back.

use meridian::export::{plan_from_file, plan_from_upload, UploadError};
use meridian::plan::{validate, Plan};
use meridian::share::{decode_plan, encode_plan, restore, LinkError, Source};

fn half_edited() -> Plan {
    let mut p = Plan::example();
    p.users[0].share = 0.2;
    p.data_classes[1].rpo_s = Some(-3.0);
    assert!(validate(&p).is_err());
    p
}

#[test]
fn an_invalid_link_opens_as_that_plan_without_a_notice() {
    let p = half_edited();
    let r = restore(Some(&format!("#plan={}", encode_plan(&p))), None);
    assert_eq!((&r.plan, r.source, r.notice), (&p, Source::Link, None));
    // The validating decoder still says why, for callers that need a valid plan.
    assert!(matches!(
        decode_plan(&encode_plan(&p)),
        Err(LinkError::Invalid(_))
    ));
}

#[test]
fn a_link_over_the_limits_opens_and_validation_refuses_it() {
    let mut p = Plan::example();
    p.regions = (0..6000)
        .map(|i| meridian::plan::PlaceRef::at((i % 120) as f64 - 60.0, (i / 120) as f64))
        .collect();
    let r = restore(Some(&format!("#plan={}", encode_plan(&p))), None);
    assert_eq!(r.source, Source::Link);
    assert_eq!(r.plan.regions.len(), 6000);
    assert_eq!(
        meridian::engine::evaluate(&r.plan).unwrap_err().to_string(),
        "regions: 6000 entries; allowed: at most 24"
    );
}

#[test]
fn an_invalid_file_opens_unvalidated_and_a_bom_is_accepted() {
    let p = half_edited();
    let text = format!("\u{feff}{}", p.to_json_pretty());
    assert_eq!(plan_from_file(&text), Ok(p.clone()));
    assert!(matches!(
        plan_from_upload(&text),
        Err(UploadError::Invalid(_))
    ));
    let r = restore(None, Some(&text));
    assert_eq!((r.plan, r.source), (p, Source::Autosave));
}

#[test]
fn a_v0_link_is_not_said_to_come_from_a_newer_version() {
    assert_eq!(
        decode_plan("#plan=v0.AAAA").unwrap_err().to_string(),
        "This plan link uses format v0, which this version of Meridian cannot read (it reads v1, \
         v2, v3); no version of Meridian wrote it; it may be damaged."
    );
}
