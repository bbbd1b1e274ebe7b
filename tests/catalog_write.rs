//! A chosen service's write rule drives the class's write latency (docs/technologies.md):
//! Cosmos DB strong consistency by Microsoft's published formula, Spanner by its
//! configuration's voters, with the factors in each population's write path.

use meridian::engine::{evaluate, report::Evaluation, Posture};
use meridian::latency::{rtt, CROSS_AZ_P99_MS};
use meridian::place::Place;
use meridian::plan::{PlaceRef, Plan};

/// The example plan on other regions, its ledger alone, pinned and with a chosen service.
fn plan(regions: &[&str], pin: Posture, service: Option<&str>) -> Plan {
    let mut p = Plan::example();
    p.regions = regions.iter().map(|k| PlaceRef::key(k)).collect();
    p.data_classes.truncate(1);
    p.data_classes[0].pin = Some(pin);
    p.data_classes[0].service = service.map(str::to_string);
    p
}

fn chosen(p: &Plan) -> Evaluation {
    evaluate(p).expect("valid plan").classes[0].chosen.clone()
}

fn rtt_p99(a: &str, b: &str) -> f64 {
    rtt(&Place::parse(a).unwrap(), &Place::parse(b).unwrap()).p99_ms
}

fn p_data_gb() -> f64 {
    Plan::example().data_classes[0].data_gb
}

const AZURE: [&str; 4] = [
    "azure:eastus",
    "azure:westeurope",
    "azure:japaneast",
    "azure:westus2",
];

/// Cosmos DB strong: p99 write = 2 x RTT(farthest pair) + 10 ms after the user's leg. The
/// posture's own formula is RTT(primary, standby) + the local commit after the same leg, so
/// the difference per population is RTT_p99 + 10 ms - commit p99, whatever the leg.
#[test]
fn cosmos_strong_sync_standby_write_follows_the_published_formula_per_population() {
    let without = chosen(&plan(&AZURE, Posture::SyncStandby, None));
    let with = chosen(&plan(
        &AZURE,
        Posture::SyncStandby,
        Some("azure-cosmos-strong"),
    ));
    assert_eq!(with.placement, without.placement, "same placement");
    let p = with.placement.as_ref().unwrap();
    let (primary, standby) = (p.primary().unwrap(), p.standby().unwrap());
    let far = rtt_p99(primary, standby);
    for (a, b) in with.latency.iter().zip(&without.latency) {
        let want = b.write_p99_ms + far + 10.0 - CROSS_AZ_P99_MS;
        assert!(
            (a.write_p99_ms - want).abs() < 1e-6,
            "{}: {} vs {want}",
            a.population,
            a.write_p99_ms
        );
        assert!(a.write_p50_ms < a.write_p99_ms);
        // The factors are in the path: 2 x RTT + 10 ms = total, and the pair.
        let total = 2.0 * far + 10.0;
        let formula = meridian::present::technology::all_regions_formula(2.0, far, 10.0, total);
        assert!(a.write_path.contains(&formula), "{}", a.write_path);
        assert!(
            a.write_path
                .contains("Cosmos DB strong consistency: every region acknowledges"),
            "{}",
            a.write_path
        );
    }
    // Its documented RTO bound (< 15 minutes) replaces the promotion part.
    let rto = with.rto.as_ref().unwrap();
    assert_eq!(rto.promotion_s, 900.0);
    // The card's RTO part says where the 15 min come from, not the plan's setting.
    let parts = meridian::present::operations::rto_parts(
        with.posture,
        p_data_gb(),
        &Plan::example().operations,
        rto,
    );
    let promotion = parts.iter().find(|x| x.part == "promotion").unwrap();
    assert!(
        promotion
            .text
            .starts_with("promotion 15 min: Cosmos DB strong consistency, documented maximum: "),
        "{}",
        promotion.text
    );
    assert!(promotion.fields.is_empty(), "no plan setting behind it");
    assert!(with.rto_s.unwrap() > without.rto_s.unwrap());
    // Losing the primary takes that RTO, in the outage table and its sentence.
    let lost = with.outages.iter().find(|o| o.region == primary).unwrap();
    assert_eq!(lost.downtime_s, with.rto_s);
    assert!(
        lost.effect.contains("fails over in 16 min 30 s"),
        "{}",
        lost.effect
    );
}

/// Spanner nam9: us-west1 is a read-only region, so a write from the us-east4 leader waits
/// for the fastest of the configuration's other voters (us-central1, which the
/// configuration adds, and the us-east1 witness), never for us-west1.
#[test]
fn spanner_nam9_write_waits_for_its_voters_not_the_read_only_region() {
    let regions = ["gcp:us-east4", "gcp:us-east1", "gcp:us-west1"];
    let mut p = plan(
        &regions,
        Posture::GlobalConsensus,
        Some("gcp-spanner-multi-region"),
    );
    p.data_classes[0].home_hints = vec![PlaceRef::key("gcp:us-east4")];
    let with = chosen(&p);
    p.data_classes[0].service = None;
    let without = chosen(&p);
    let placement = with.placement.as_ref().unwrap();
    assert_eq!(placement.primary(), Some("gcp:us-east4"));
    assert!(
        with.violations
            .iter()
            .all(|v| v.requirement != meridian::engine::report::Requirement::Applicability),
        "{:?}",
        with.violations
    );
    for (a, b) in with.latency.iter().zip(&without.latency) {
        assert!(
            a.write_path.contains("Spanner multi-region nam9: three of five voters, two in us-east4, then the fastest of"),
            "{}",
            a.write_path
        );
        assert!(a.write_path.contains("us-central1 ("), "{}", a.write_path);
        assert!(!a.write_path.contains("us-west1"), "{}", a.write_path);
        // Waiting for the nearer of us-central1 / us-east1 instead of us-east1 / us-west1:
        // never slower than the posture's own quorum over the placement's three regions.
        assert!(
            a.write_p99_ms <= b.write_p99_ms + 1e-9,
            "{} > {}",
            a.write_p99_ms,
            b.write_p99_ms
        );
    }
}

/// Spanner dual-region needs two replicas in each region: every write waits for the other
/// region, as the posture's synchronous standby does; the path says so.
#[test]
fn spanner_dual_region_waits_for_the_other_region() {
    let regions = ["gcp:asia-northeast1", "gcp:asia-northeast2"];
    let p = plan(
        &regions,
        Posture::SyncStandby,
        Some("gcp-spanner-dual-region"),
    );
    let with = chosen(&p);
    let mut q = p.clone();
    q.data_classes[0].service = None;
    let without = chosen(&q);
    for (a, b) in with.latency.iter().zip(&without.latency) {
        assert!(
            a.write_path
                .contains("Spanner dual-region dual-region-japan1: four of six voters, three in")
                && a.write_path
                    .contains("then every other region: asia-northeast"),
            "{}",
            a.write_path
        );
        // Same legs as the synchronous standby: RTT to the other region + the commit.
        assert!((a.write_p99_ms - b.write_p99_ms).abs() < 1e-6);
    }
    assert_eq!(with.rpo_s, Some(0.0));
}
