//! Criterion benchmarks of a full evaluation: the built-in example plan, and a large plan
//! (20 regions, 12 data classes, 6 user populations). Aims: < 1 ms and < 20 ms natively.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

use meridian::engine::{clear_rtt_cache, evaluate};
use meridian::plan::{DataClass, PlaceRef, Plan, Preset, UserPopulation};

fn large_plan() -> Plan {
    let regions = [
        "aws:us-east-1",
        "aws:us-east-2",
        "aws:us-west-1",
        "aws:us-west-2",
        "aws:ca-central-1",
        "aws:sa-east-1",
        "aws:eu-west-1",
        "aws:eu-west-2",
        "aws:eu-west-3",
        "aws:eu-central-1",
        "aws:eu-north-1",
        "aws:ap-northeast-1",
        "aws:ap-northeast-2",
        "aws:ap-southeast-1",
        "aws:ap-southeast-2",
        "aws:ap-south-1",
        "gcp:us-central1",
        "gcp:europe-west4",
        "azure:westeurope",
        "azure:eastus",
    ];
    let users = [
        ("US East", 40.71, -74.01, "US", 0.3),
        ("US West", 37.77, -122.42, "US", 0.15),
        ("Europe", 52.52, 13.40, "EU", 0.25),
        ("India", 19.08, 72.88, "IN", 0.1),
        ("Japan", 35.68, 139.69, "JP", 0.1),
        ("Australia", -33.87, 151.21, "AU", 0.1),
    ];
    let mut classes: Vec<DataClass> = Preset::ALL.iter().map(|&p| DataClass::preset(p)).collect();
    for (i, p) in [Preset::Ledger, Preset::Carts, Preset::UserProfiles]
        .into_iter()
        .enumerate()
    {
        let mut c = DataClass::preset(p);
        c.name = format!("{}-{}", c.name, i + 2);
        c.write_p99_budget_ms = c.write_p99_budget_ms.map(|b| b * 0.8);
        classes.push(c);
    }
    Plan {
        name: "large".into(),
        regions: regions.iter().map(|k| PlaceRef::key(k)).collect(),
        users: users
            .iter()
            .map(|&(name, lat, lon, j, share)| UserPopulation {
                name: name.into(),
                place: PlaceRef::custom(name, lat, lon, j),
                share,
            })
            .collect(),
        data_classes: classes,
        ..Plan::example()
    }
}

fn bench(c: &mut Criterion) {
    let example = Plan::example();
    // Cold: the latency model is asked for every pair (the first evaluation of a session).
    c.bench_function(
        "evaluate example plan, cold (5 regions, 4 classes, 3 populations)",
        |b| {
            b.iter(|| {
                clear_rtt_cache();
                evaluate(black_box(&example)).unwrap()
            })
        },
    );
    // Warm: round trips memoised by an earlier evaluation (every re-evaluation in the UI).
    c.bench_function(
        "evaluate example plan, warm (5 regions, 4 classes, 3 populations)",
        |b| b.iter(|| evaluate(black_box(&example)).unwrap()),
    );
    // The share of the example's time spent in the latency model: the RTT of every pair the
    // engine asks for (regions x regions once per unordered pair, users x regions).
    let regions: Vec<_> = example
        .regions
        .iter()
        .map(|r| r.resolve().unwrap())
        .collect();
    let users: Vec<_> = example
        .users
        .iter()
        .map(|u| u.place.resolve().unwrap())
        .collect();
    c.bench_function("latency model: the example plan's RTT pairs", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            for (i, a) in regions.iter().enumerate() {
                for r in &regions[i..] {
                    sum += meridian::latency::rtt_explained(a, r).link.p99_ms;
                }
            }
            for u in &users {
                for r in &regions {
                    sum += meridian::latency::rtt_explained(u, r).link.p99_ms;
                }
            }
            black_box(sum)
        })
    });
    let large = large_plan();
    assert_eq!(
        (
            large.regions.len(),
            large.data_classes.len(),
            large.users.len()
        ),
        (20, 12, 6)
    );
    // Cold: the latency model is asked for every pair (the first evaluation of a session).
    c.bench_function(
        "evaluate large plan, cold (20 regions, 12 classes, 6 populations)",
        |b| {
            b.iter(|| {
                clear_rtt_cache();
                evaluate(black_box(&large)).unwrap()
            })
        },
    );
    // Warm: round trips memoised by an earlier evaluation (every re-evaluation in the UI).
    c.bench_function(
        "evaluate large plan, warm (20 regions, 12 classes, 6 populations)",
        |b| b.iter(|| evaluate(black_box(&large)).unwrap()),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
