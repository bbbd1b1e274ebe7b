//! A chosen service shapes the class's numbers beyond its write rule (docs/technologies.md):
//! its published lag is the RPO's factor (with basis, page and date), its layout decides
//! the service after a region loss, the placement search honours its constraints, and
//! Cosmos DB strong consistency's default distance limit is a constraint with its reason.

use meridian::catalog::{self, Broken};
use meridian::engine::report::{ClassReport, Placement, Requirement};
use meridian::engine::{evaluate, Posture};
use meridian::plan::{PlaceRef, Plan};

fn plan(regions: &[&str], pin: Option<Posture>, service: Option<&str>) -> Plan {
    let mut p = Plan::example();
    p.regions = regions.iter().map(|k| PlaceRef::key(k)).collect();
    p.data_classes.truncate(1);
    p.data_classes[0].pin = pin;
    p.data_classes[0].service = service.map(str::to_string);
    p
}

fn class(p: &Plan, i: usize) -> ClassReport {
    ClassReport::clone(&evaluate(p).expect("valid plan").classes[i])
}

fn rtt_p99(a: &str, b: &str) -> f64 {
    use meridian::place::Place;
    meridian::latency::rtt(&Place::parse(a).unwrap(), &Place::parse(b).unwrap()).p99_ms
}

const SOURCE: &str = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html, read 2026-11-29";

/// Aurora Global Database for the example's user profiles (read-local-write-global): the
/// RPO is AWS's "typically under a second", 1.0 s, instead of the model's half round trip
/// plus 1 s apply delay (1.1 s), and the writes lost name the figure, its basis and page.
#[test]
fn aurora_global_lag_is_the_rpo_factor_with_its_source_and_date() {
    let without = class(&Plan::example(), 1).chosen;
    assert_eq!(without.posture, Posture::ReadLocalWriteGlobal);
    assert_eq!(without.rpo_s, Some(1.1));
    let mut p = Plan::example();
    p.data_classes[1].service = Some("aws-aurora-global".into());
    let with = class(&p, 1).chosen;
    assert_eq!(with.posture, Posture::ReadLocalWriteGlobal);
    assert_eq!(with.placement, without.placement);
    assert_eq!(with.rpo_s, Some(1.0));
    let lost = with.writes_lost_on_region_failure.as_ref().unwrap();
    assert_eq!(
        lost.writes_text(),
        format!("~20 writes (20 writes/s x 1.0 s lag (Aurora Global Database, published typical; {SOURCE}))")
    );
    assert_eq!(lost.factors.last().unwrap().shown, 1.0);
    // The primary's row of the outage table loses the same writes.
    let primary = with
        .placement
        .as_ref()
        .unwrap()
        .primary()
        .unwrap()
        .to_string();
    let row = with.outages.iter().find(|o| o.region == primary).unwrap();
    assert_eq!(&row.writes_lost, lost);
}

/// A service that publishes no lag keeps the model, and the factor says so.
#[test]
fn a_service_without_a_published_lag_keeps_the_model_and_says_so() {
    let mut p = Plan::example();
    p.data_classes[1].service = Some("aws-rds-cross-region-replica".into());
    let with = class(&p, 1).chosen;
    assert_eq!(with.rpo_s, Some(1.1));
    assert_eq!(
        with.writes_lost_on_region_failure.unwrap().writes_text(),
        "~22 writes (20 writes/s x 1.1 s lag (modelled: half the p99 round trip 52 ms + 1,000 ms apply delay, assumption; RDS cross-Region read replicas publishes no typical lag))"
    );
}

const US_EU: [&str; 6] = [
    "aws:us-east-1",
    "aws:us-east-2",
    "aws:eu-west-1",
    "aws:eu-west-2",
    "aws:eu-central-1",
    "aws:us-west-2",
];

/// The unconstrained consensus optimum spans the US and EU region sets, which DynamoDB
/// MRSC refuses; with MRSC chosen the search finds three regions in the US set.
#[test]
fn search_finds_a_dynamodb_mrsc_placement_inside_one_region_set() {
    let free = class(&plan(&US_EU, Some(Posture::GlobalConsensus), None), 0).chosen;
    let spanning = free.placement.clone().unwrap();
    let mrsc = catalog::service("aws-dynamodb-mrsc").unwrap().unwrap();
    let refused = catalog::evaluate(mrsc, Posture::GlobalConsensus, &spanning).unwrap_err();
    assert!(
        matches!(*refused.broken, Broken::AcrossSets { .. }),
        "{spanning:?}"
    );

    let with = class(
        &plan(
            &US_EU,
            Some(Posture::GlobalConsensus),
            Some("aws-dynamodb-mrsc"),
        ),
        0,
    )
    .chosen;
    let placed = with.placement.clone().unwrap();
    let mut regions = placed.regions();
    regions.sort_unstable();
    assert_eq!(regions, ["aws:us-east-1", "aws:us-east-2", "aws:us-west-2"]);
    assert!(catalog::evaluate(mrsc, Posture::GlobalConsensus, &placed).is_ok());
    assert!(
        !with
            .violations
            .iter()
            .any(|v| v.requirement == Requirement::Applicability),
        "{:?}",
        with.violations
    );
}

/// Cosmos DB strong consistency's default distance limit, in the search: eastus with
/// japaneast (10,870 km) is refused by default, so the synchronous pair is japaneast with
/// koreacentral.
#[test]
fn search_keeps_cosmos_db_strong_within_its_default_distance() {
    let r = ["azure:eastus", "azure:japaneast", "azure:koreacentral"];
    let free = class(&plan(&r, Some(Posture::SyncStandby), None), 0).chosen;
    let far = free.placement.clone().unwrap();
    assert_eq!(far.regions(), ["azure:eastus", "azure:japaneast"]);
    let with = class(
        &plan(&r, Some(Posture::SyncStandby), Some("azure-cosmos-strong")),
        0,
    )
    .chosen;
    assert_eq!(
        with.placement.unwrap().regions(),
        ["azure:japaneast", "azure:koreacentral"]
    );
}

#[test]
fn cosmos_strong_beyond_8000_km_is_refused_with_the_reason() {
    let s = catalog::service("azure-cosmos-strong").unwrap().unwrap();
    let p = Placement::Standby {
        primary: "azure:eastus".into(),
        standby: "azure:japaneast".into(),
        replication: meridian::engine::report::Replication::Sync,
    };
    let m = catalog::evaluate(s, Posture::SyncStandby, &p).unwrap_err();
    assert_eq!(
        m.message,
        "Cosmos DB strong consistency is blocked by default for regions more than 8,000 km apart; azure:eastus and azure:japaneast are 10,870 km apart (great circle). Azure support can lift the block."
    );
    let limit = s.max_span.as_ref().unwrap();
    assert_eq!(limit.km, 8000.0);
    assert_eq!(
        s.sources[limit.source].url,
        "https://learn.microsoft.com/azure/cosmos-db/consistency-levels"
    );
    // Across the Atlantic (about 6,200 km) is within the limit.
    let near = Placement::Standby {
        primary: "azure:eastus".into(),
        standby: "azure:westeurope".into(),
        replication: meridian::engine::report::Replication::Sync,
    };
    assert!(catalog::evaluate(s, Posture::SyncStandby, &near).is_ok());
}

/// With one voter region lost, a population's write waits for the service's surviving
/// voters from the (new) leader: write - read (a linearizable read goes to the leader) is
/// the round trip to the surviving voter + the local commit.
fn assert_waits_for(
    after: &[meridian::engine::report::PopulationAfter],
    leader: &str,
    voter: &str,
) {
    assert!(!after.is_empty());
    for a in after {
        assert_eq!(a.served_from.as_deref(), Some(leader), "{a:?}");
        let wait = a.write_p99_ms.unwrap() - a.read_p99_ms.unwrap();
        let want = rtt_p99(leader, voter) + meridian::latency::CROSS_AZ_P99_MS;
        assert!(
            (wait - want).abs() < 0.5,
            "{}: {wait} vs {want}",
            a.population
        );
    }
}

/// DynamoDB MRSC with one of three replicas lost still commits with the remaining two.
#[test]
fn after_losing_a_replica_dynamodb_mrsc_commits_with_the_remaining_two() {
    let c = class(
        &plan(
            &US_EU,
            Some(Posture::GlobalConsensus),
            Some("aws-dynamodb-mrsc"),
        ),
        0,
    )
    .chosen;
    let Some(Placement::Consensus { leader, .. }) = &c.placement else {
        panic!("{:?}", c.placement)
    };
    assert_eq!(leader, "aws:us-east-2");
    let lost = c
        .outages
        .iter()
        .find(|o| o.region == "aws:us-west-2")
        .unwrap();
    assert_waits_for(&lost.after, "aws:us-east-2", "aws:us-east-1");
    let lost = c
        .outages
        .iter()
        .find(|o| o.region == "aws:us-east-1")
        .unwrap();
    assert_waits_for(&lost.after, "aws:us-east-2", "aws:us-west-2");
}

/// Spanner nam3 (read-write us-east4 and us-east1, witness us-central1): losing the
/// leader's region moves the leader to the other read-write region, never to the
/// witness, although the posture's own rule would lead from us-central1.
#[test]
fn after_losing_the_leader_spanner_leads_from_its_other_read_write_region() {
    let r = ["gcp:us-east4", "gcp:us-east1", "gcp:us-central1"];
    let free = class(&plan(&r, Some(Posture::GlobalConsensus), None), 0).chosen;
    let lost = free
        .outages
        .iter()
        .find(|o| o.region == "gcp:us-east4")
        .unwrap();
    assert_eq!(
        lost.after[0].served_from.as_deref(),
        Some("gcp:us-central1")
    );

    let c = class(
        &plan(
            &r,
            Some(Posture::GlobalConsensus),
            Some("gcp-spanner-multi-region"),
        ),
        0,
    )
    .chosen;
    assert_eq!(c.placement, free.placement);
    assert!(c
        .violations
        .iter()
        .all(|v| v.requirement != Requirement::Applicability));
    let lost = c
        .outages
        .iter()
        .find(|o| o.region == "gcp:us-east4")
        .unwrap();
    assert_waits_for(&lost.after, "gcp:us-east1", "gcp:us-central1");
    let short = &catalog::service("gcp-spanner-multi-region")
        .unwrap()
        .unwrap()
        .short;
    assert_eq!(
        lost.effect,
        format!(
            "leader lost: {short} moves the leader to gcp:us-east1; no acknowledged write is lost; users re-route in {}",
            meridian::present::duration(lost.downtime_s.unwrap())
        )
    );
    let witness = c
        .outages
        .iter()
        .find(|o| o.region == "gcp:us-central1")
        .unwrap();
    assert_eq!(
        witness.effect,
        format!("voter lost: {short} keeps its quorum with the surviving voters; writes continue, no loss")
    );
}

/// A multi-cloud plan: the engine's own writers include an Azure region nearer Berlin;
/// DynamoDB global tables run only on AWS, so with them chosen the search (the engine's own,
/// on the plan's AWS regions) writes in AWS regions only.
#[test]
fn search_keeps_dynamodb_multi_writer_on_aws_regions() {
    let r = [
        "aws:us-east-1",
        "aws:eu-west-1",
        "azure:germanywestcentral",
        "aws:ap-northeast-1",
    ];
    // The example's sessions class alone, pinned to multi-writer.
    let sessions = |service: Option<&str>| {
        let mut p = plan(&r, None, None);
        p.data_classes = vec![Plan::example().data_classes[2].clone()];
        p.data_classes[0].pin = Some(Posture::ActiveActiveMultiWriter);
        p.data_classes[0].service = service.map(str::to_string);
        class(&p, 0).chosen
    };
    let free = sessions(None);
    assert!(
        free.placement
            .as_ref()
            .unwrap()
            .regions()
            .contains(&"azure:germanywestcentral"),
        "{:?}",
        free.placement
    );
    let with = sessions(Some("aws-dynamodb-mrec"));
    let mut regions = with.placement.as_ref().unwrap().regions();
    regions.sort_unstable();
    assert_eq!(
        regions,
        ["aws:ap-northeast-1", "aws:eu-west-1", "aws:us-east-1"]
    );
    assert!(
        with.violations
            .iter()
            .all(|v| v.requirement != Requirement::Applicability),
        "{:?}",
        with.violations
    );
    // Its RPO is AWS's "typically within a second or less", per writer.
    assert_eq!(with.rpo_s, Some(1.0));
}
