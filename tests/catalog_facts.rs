//! The technology catalog against published facts (data/technologies.json, docs/technologies.md):
//! DynamoDB MRSC region sets, Spanner's fixed configurations, Cosmos DB's strong-consistency
//! write formula, Aurora Global's promotion time with its source.

use meridian::catalog::{
    all_regions_write_p99_ms, catalog, evaluate, farthest_pair, options, service, Basis, Broken,
};
use meridian::data::Provider;
use meridian::engine::report::{Home, Placement, Replication};
use meridian::engine::Posture;
use meridian::place::Place;

fn consensus(leader: &str, followers: &[&str]) -> Placement {
    Placement::Consensus {
        leader: leader.into(),
        followers: followers.iter().map(|f| f.to_string()).collect(),
    }
}

fn svc(id: &str) -> &'static meridian::catalog::Service {
    service(id).expect("catalog loads").expect("service exists")
}

#[test]
fn catalog_loads_and_every_entry_has_a_source_and_a_date() {
    let cat = catalog().expect("valid catalog");
    assert!(cat.services.len() >= 20);
    for s in &cat.services {
        assert!(!s.sources.is_empty(), "{}", s.id);
        for src in &s.sources {
            assert!(src.url.starts_with("https://"), "{}", s.id);
            assert_eq!(src.read.len(), 10, "{}", s.id);
        }
    }
}

#[test]
fn dynamodb_mrsc_across_two_region_sets_is_refused_with_the_reason() {
    let p = consensus("aws:us-east-1", &["aws:us-east-2", "aws:eu-west-1"]);
    let m = evaluate(svc("aws-dynamodb-mrsc"), Posture::GlobalConsensus, &p).unwrap_err();
    assert!(
        matches!(*m.broken, Broken::AcrossSets { .. }),
        "{:?}",
        m.broken
    );
    assert!(
        m.message.contains(
            "DynamoDB strong consistency needs all three replicas in one region set; \
             eu-west-1 and us-east-1 are in different sets"
        ),
        "{}",
        m.message
    );
    // And it shows up among the options that cannot, for an AWS plan.
    let o = options(Posture::GlobalConsensus, &[Provider::Aws], &p).unwrap();
    assert!(o
        .misfits
        .iter()
        .any(|m| m.service.id == "aws-dynamodb-mrsc"));
    assert!(o.fits.iter().all(|f| f.service.id != "aws-dynamodb-mrsc"));
}

#[test]
fn dynamodb_mrsc_inside_one_set_fits_and_two_regions_get_a_witness() {
    let three = consensus("aws:us-east-1", &["aws:us-east-2", "aws:us-west-2"]);
    let f = evaluate(svc("aws-dynamodb-mrsc"), Posture::GlobalConsensus, &three).unwrap();
    assert!(f.effects.rpo_zero);
    let v = f.effects.voters.as_ref().unwrap();
    assert_eq!((v.total, v.quorum, v.acks_from_other_regions()), (3, 2, 1));

    let two = consensus("aws:eu-west-1", &["aws:eu-west-2"]);
    let f = evaluate(svc("aws-dynamodb-mrsc"), Posture::GlobalConsensus, &two).unwrap();
    assert_eq!(f.layouts[0].witness.as_deref(), Some("aws:eu-west-3"));

    let four = consensus(
        "aws:eu-west-1",
        &["aws:eu-west-2", "aws:eu-west-3", "aws:eu-central-1"],
    );
    let m = evaluate(svc("aws-dynamodb-mrsc"), Posture::GlobalConsensus, &four).unwrap_err();
    assert!(
        m.message
            .contains("needs exactly three replicas, or two and a witness"),
        "{}",
        m.message
    );
    let outside = consensus("aws:us-east-1", &["aws:us-east-2", "aws:us-west-1"]);
    let m = evaluate(svc("aws-dynamodb-mrsc"), Posture::GlobalConsensus, &outside).unwrap_err();
    assert!(m.message.contains("us-west-1 is in none"), "{}", m.message);
}

#[test]
fn spanner_multi_region_offers_only_its_documented_regions() {
    let spanner = svc("gcp-spanner-multi-region");
    // nam3: read-write us-east4 (default leader) and us-east1, witness us-central1.
    let nam3 = consensus("gcp:us-east4", &["gcp:us-east1", "gcp:us-central1"]);
    let f = evaluate(spanner, Posture::GlobalConsensus, &nam3).unwrap();
    assert_eq!(f.layouts[0].configuration.as_deref(), Some("nam3"));
    let v = f.effects.voters.as_ref().unwrap();
    assert_eq!((v.total, v.in_leader_region, v.quorum), (5, 2, 3));
    assert_eq!(v.acks_from_other_regions(), 1);

    // A region outside every configuration is refused, naming the closest and what it lacks.
    let london = consensus("gcp:us-east4", &["gcp:us-east1", "gcp:europe-west2"]);
    let m = evaluate(spanner, Posture::GlobalConsensus, &london).unwrap_err();
    assert!(
        matches!(&*m.broken, Broken::NoConfiguration { missing, .. } if missing == &["europe-west2"])
    );
    assert!(
        m.message.contains("the closest, nam3, lacks europe-west2"),
        "{}",
        m.message
    );
    // us-west1 is a read-only region of nam9: it fits there and does not vote.
    let west = consensus("gcp:us-east4", &["gcp:us-east1", "gcp:us-west1"]);
    let f = evaluate(spanner, Posture::GlobalConsensus, &west).unwrap();
    assert_eq!(f.layouts[0].configuration.as_deref(), Some("nam9"));
    assert_eq!(f.layouts[0].extra_regions, ["gcp:us-central1"]);
    let v = f.effects.voters.as_ref().unwrap();
    assert!(!v.others.iter().any(|o| o == "gcp:us-west1"), "{v:?}");

    // A writer in a witness region cannot lead (eur3's witness is europe-north1).
    let witness_leader = consensus(
        "gcp:europe-north1",
        &["gcp:europe-west1", "gcp:europe-west4"],
    );
    let m = evaluate(spanner, Posture::GlobalConsensus, &witness_leader).unwrap_err();
    assert!(
        matches!(*m.broken, Broken::LeaderNotWritable { .. }),
        "{:?}",
        m.broken
    );

    // Every fitting layout stays inside its configuration, for every pair of GCP regions
    // around each configuration's leader.
    let cfgs = match &spanner.regions {
        meridian::catalog::data::RegionRule::Configurations { configurations, .. } => {
            configurations
        }
        _ => panic!("Spanner multi-region is configuration-based"),
    };
    let gcp: Vec<String> = meridian::data::regions()
        .iter()
        .filter(|r| r.provider == Provider::Gcp)
        .map(|r| r.key())
        .collect();
    for c in cfgs {
        let leader = format!("gcp:{}", c.read_write[0]);
        for a in &gcp {
            for b in &gcp {
                if a == b || *a == leader || *b == leader {
                    continue;
                }
                let p = consensus(&leader, &[a, b]);
                if let Ok(f) = evaluate(spanner, Posture::GlobalConsensus, &p) {
                    let name = f.layouts[0].configuration.clone().unwrap();
                    let cfg = cfgs.iter().find(|c| c.name == name).unwrap();
                    for r in p.regions() {
                        let code = r.split_once(':').unwrap().1;
                        assert!(cfg.regions().any(|x| x == code), "{r} not in {name}");
                    }
                }
            }
        }
    }
}

#[test]
fn cosmos_strong_write_across_two_regions_follows_the_published_formula() {
    let cosmos = svc("azure-cosmos-strong");
    let p = Placement::Standby {
        primary: "azure:westeurope".into(),
        standby: "azure:eastus".into(),
        replication: Replication::Sync,
    };
    let f = evaluate(cosmos, Posture::SyncStandby, &p).unwrap();
    let rtt = |a: &str, b: &str| {
        let (a, b) = (Place::parse(a).unwrap(), Place::parse(b).unwrap());
        meridian::latency::rtt(&a, &b).p99_ms
    };
    let regions = p.regions();
    let (_, _, far) = farthest_pair(&regions, rtt).unwrap();
    let write = all_regions_write_p99_ms(&f.effects.write, far).unwrap();
    // Microsoft: p99 write = 2 x RTT between the two farthest regions + 10 ms.
    assert!((write - (2.0 * far + 10.0)).abs() < 1e-9);
    assert!(
        write > 2.0 * 60.0,
        "a transatlantic strong write is over 120 ms: {write}"
    );
    assert!(
        f.message
            .contains("p99 = 2 x the farthest pair's RTT + 10 ms"),
        "{}",
        f.message
    );
    assert_eq!(
        meridian::present::technology::all_regions_formula(2.0, 80.0, 10.0, 170.0),
        "2 x 80 ms + 10 ms = 170 ms (p99)"
    );
}

#[test]
fn aurora_global_promotion_is_what_the_catalog_says_with_its_source() {
    let aurora = svc("aws-aurora-global");
    assert_eq!(aurora.promotion.value, Some(60.0));
    assert_eq!(aurora.promotion.basis, Basis::PublishedTypical);
    let src = &aurora.sources[aurora.promotion.source.unwrap()];
    assert!(src.url.contains("5.1-aurora"), "{}", src.url);
    assert_eq!(src.read, "2026-11-29");
    let p = Placement::Standby {
        primary: "aws:us-east-1".into(),
        standby: "aws:us-west-2".into(),
        replication: Replication::Async,
    };
    let f = evaluate(aurora, Posture::WarmStandby, &p).unwrap();
    assert_eq!(f.effects.promotion_s.value, Some(60.0));
    assert!(
        f.message
            .contains("promotion 60 s (published typical) in the RTO"),
        "{}",
        f.message
    );
    assert!(
        f.message
            .contains("lag 1,000 ms (published typical) in the RPO"),
        "{}",
        f.message
    );
    // More than its ten secondaries is refused.
    let many: Vec<String> = meridian::data::regions()
        .iter()
        .filter(|r| r.provider == Provider::Aws)
        .take(12)
        .map(|r| r.key())
        .collect();
    let p = Placement::Replicated {
        primary: many[0].clone(),
        replicas: many[1..].to_vec(),
    };
    let m = evaluate(aurora, Posture::ReadLocalWriteGlobal, &p).unwrap_err();
    assert!(
        m.message
            .contains("allows at most 11 regions; this placement has 12"),
        "{}",
        m.message
    );
}

#[test]
fn providers_and_places_outside_a_service_are_refused_or_filtered() {
    let p = Placement::Standby {
        primary: "aws:us-east-1".into(),
        standby: "gcp:us-east1".into(),
        replication: Replication::Async,
    };
    let m = evaluate(svc("aws-aurora-global"), Posture::WarmStandby, &p).unwrap_err();
    assert!(
        m.message
            .contains("runs only in AWS regions; gcp:us-east1 is not one"),
        "{}",
        m.message
    );
    // Only the plan's providers (and self-managed software) are offered.
    let o = options(Posture::WarmStandby, &[Provider::Azure], &p).unwrap();
    let hosts = o
        .fits
        .iter()
        .map(|f| f.service)
        .chain(o.misfits.iter().map(|m| m.service));
    for s in hosts {
        assert!(
            s.host.provider().is_none_or(|x| x == Provider::Azure),
            "{}",
            s.id
        );
    }
    assert!(o
        .fits
        .iter()
        .any(|f| f.service.id == "self-postgres-patroni"));
    // A posture the chosen service does not deliver is named.
    let m = evaluate(svc("aws-aurora-global"), Posture::GlobalConsensus, &p).unwrap_err();
    assert!(
        m.message.contains("does not deliver this posture"),
        "{}",
        m.message
    );
}

#[test]
fn partitioned_placements_are_checked_per_partition() {
    let p = Placement::Partitioned {
        homes: vec![
            Home {
                population: "Europe".into(),
                region: "aws:eu-west-1".into(),
                standby: Some("aws:eu-central-1".into()),
            },
            Home {
                population: "North America".into(),
                region: "aws:us-east-1".into(),
                standby: Some("aws:us-west-2".into()),
            },
        ],
    };
    let f = evaluate(
        svc("aws-dynamodb-mrec"),
        Posture::ActiveActivePartitioned,
        &p,
    )
    .unwrap();
    assert_eq!(f.layouts.len(), 2);
    assert!(f.message.contains("last writer wins"), "{}", f.message);
}

/// Google's table of base multi-region and dual-region configurations
/// (cloud.google.com/spanner/docs/instance-configurations, read 2026-11-29): name, read-write
/// regions (default leader first), read-only regions, witness region.
/// (name, read-write, read-only, witness)
type ConfigRow = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const SPANNER_MULTI: [ConfigRow; 20] = [
    (
        "asia1",
        &["asia-northeast1", "asia-northeast2"],
        &[],
        &["asia-northeast3"],
    ),
    (
        "asia2",
        &["asia-south1", "asia-south2", "asia-southeast1"],
        &[],
        &[],
    ),
    (
        "eur3",
        &["europe-west1", "europe-west4"],
        &[],
        &["europe-north1"],
    ),
    (
        "eur5",
        &["europe-west2", "europe-west1"],
        &[],
        &["europe-west4"],
    ),
    (
        "eur6",
        &["europe-west4", "europe-west3"],
        &[],
        &["europe-west6"],
    ),
    (
        "eur7",
        &["europe-west8", "europe-west3"],
        &[],
        &["europe-west12"],
    ),
    ("nam3", &["us-east4", "us-east1"], &[], &["us-central1"]),
    (
        "nam6",
        &["us-central1", "us-east1"],
        &["us-west1", "us-west2"],
        &["us-central2"],
    ),
    ("nam7", &["us-central1", "us-east4"], &[], &["us-central2"]),
    ("nam8", &["us-west2", "us-west1"], &[], &["us-west3"]),
    (
        "nam9",
        &["us-east4", "us-central1"],
        &["us-west1"],
        &["us-east1"],
    ),
    ("nam10", &["us-central1", "us-west3"], &[], &["us-central2"]),
    ("nam11", &["us-central1", "us-east1"], &[], &["us-central2"]),
    (
        "nam12",
        &["us-central1", "us-east4"],
        &["us-west1"],
        &["us-central2"],
    ),
    ("nam13", &["us-central2", "us-central1"], &[], &["us-west3"]),
    (
        "nam14",
        &["us-east4", "northamerica-northeast1"],
        &[],
        &["us-east1"],
    ),
    ("nam15", &["us-south1", "us-east4"], &[], &["us-central1"]),
    ("nam16", &["us-central1", "us-east4"], &[], &["us-east5"]),
    (
        "nam-eur-asia1",
        &["us-central1", "us-central2"],
        &["europe-west1", "asia-east1"],
        &["us-east1"],
    ),
    (
        "nam-eur-asia3",
        &["us-central1", "us-east1"],
        &["europe-west1", "europe-west4", "asia-east1"],
        &["us-central2"],
    ),
];

const SPANNER_DUAL: [(&str, [&str; 2]); 4] = [
    (
        "dual-region-australia1",
        ["australia-southeast1", "australia-southeast2"],
    ),
    ("dual-region-germany1", ["europe-west10", "europe-west3"]),
    ("dual-region-india1", ["asia-south1", "asia-south2"]),
    ("dual-region-japan1", ["asia-northeast1", "asia-northeast2"]),
];

fn configurations(id: &str) -> &'static [meridian::catalog::data::Configuration] {
    match &svc(id).regions {
        meridian::catalog::data::RegionRule::Configurations { configurations, .. } => {
            configurations
        }
        _ => panic!("{id} is configuration-based"),
    }
}

#[test]
fn spanner_multi_region_configurations_offer_only_their_documented_regions() {
    let cfgs = configurations("gcp-spanner-multi-region");
    assert_eq!(
        cfgs.len(),
        SPANNER_MULTI.len(),
        "every base configuration, no other"
    );
    for (name, rw, ro, witness) in SPANNER_MULTI {
        let c = cfgs
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(c.read_write, rw, "{name} read-write");
        assert_eq!(c.read_only, ro, "{name} read-only");
        assert_eq!(c.witness, witness, "{name} witness");
        assert_eq!(
            c.default_leader.as_deref(),
            Some(rw[0]),
            "{name} default leader"
        );
    }
    let dual = configurations("gcp-spanner-dual-region");
    assert_eq!(dual.len(), SPANNER_DUAL.len());
    for (name, regions) in SPANNER_DUAL {
        let c = dual
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(c.read_write, regions, "{name}");
        assert_eq!(c.default_leader.as_deref(), Some(regions[0]));
    }
    // A dual-region pair in two countries is refused; one in a country fits, with RPO 0
    // and a write that waits for the other region.
    let sync = |a: &str, b: &str| Placement::Standby {
        primary: a.into(),
        standby: b.into(),
        replication: Replication::Sync,
    };
    let s = svc("gcp-spanner-dual-region");
    let m = evaluate(
        s,
        Posture::SyncStandby,
        &sync("gcp:asia-northeast1", "gcp:asia-south1"),
    )
    .unwrap_err();
    assert!(
        matches!(*m.broken, Broken::NoConfiguration { .. }),
        "{:?}",
        m.broken
    );
    let f = evaluate(
        s,
        Posture::SyncStandby,
        &sync("gcp:europe-west3", "gcp:europe-west10"),
    )
    .unwrap();
    assert!(f.effects.rpo_zero);
    let v = f.effects.voters.as_ref().unwrap();
    assert_eq!((v.total, v.in_leader_region, v.wait_regions), (6, 3, 1));
    assert_eq!(
        f.layouts[0].default_leader.as_deref(),
        Some("gcp:europe-west10")
    );
}

#[test]
fn dynamodb_mrsc_write_waits_for_one_other_replica_as_documented() {
    let mrsc = svc("aws-dynamodb-mrsc");
    match &mrsc.write {
        meridian::catalog::WriteRule::Quorum { note } => {
            assert!(note.starts_with("documented"), "{note}")
        }
        other => panic!("{other:?}"),
    }
    assert!(mrsc
        .sources
        .iter()
        .any(|s| s.url.ends_with("V2globaltables_HowItWorks.html")));
    let p = consensus("aws:us-east-1", &["aws:us-east-2", "aws:us-west-2"]);
    let f = evaluate(mrsc, Posture::GlobalConsensus, &p).unwrap();
    assert_eq!(f.effects.voters.as_ref().unwrap().wait_regions, 1);
}
