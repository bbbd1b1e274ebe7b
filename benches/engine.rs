//! Criterion benchmarks of a full evaluation: the built-in example plan, a large plan
//! (20 regions, 12 data classes, 6 user populations), and the large plan's classes and users over
//! 5 to 80 regions (how the engine scales), and the largest plan the limits allow. Aims: < 1 ms,
//! < 20 ms and < 20 ms at 80 regions.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

use meridian::engine::{clear_rtt_cache, evaluate, evaluate_past_region_limit};
use meridian::plan::Plan;

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
    let large = Plan::large_benchmark();
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

/// The large plan (12 classes, 6 populations) over `n` catalog regions spread evenly through the
/// catalog's order (providers and continents interleave), so each size is a realistic mix.
fn plan_with_regions(n: usize) -> Plan {
    let catalog = meridian::data::regions();
    let picked = (0..n).map(|i| &catalog[i * catalog.len() / n]);
    Plan {
        regions: picked
            .map(|r| meridian::plan::PlaceRef::key(&r.key()))
            .collect(),
        ..Plan::large_benchmark()
    }
}

/// evaluate() over 5-80 regions (past 24, the plan format's limit, through the benchmark's own
/// entry point that skips only that count) with 12 classes and 6 populations, round trips memoised (warm) as
/// in every re-evaluation in the UI; docs/benchmarks.md states the growth in regions and classes.
fn scale(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate by regions (12 classes, 6 populations), warm");
    group.sample_size(10);
    for n in [5, 10, 20, 40, 80] {
        let plan = plan_with_regions(n);
        evaluate_past_region_limit(&plan).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(n), &plan, |b, plan| {
            b.iter(|| evaluate_past_region_limit(black_box(plan)).unwrap())
        });
    }
    group.finish();
}

/// The largest plan the limits allow (docs/plan-format.md: 24 regions, 16 classes, 12
/// populations), the same file e2e/perf.test.mjs opens in the browser: 24 custom places (the
/// slowest kind for the latency model), warm and cold.
fn largest_allowed(c: &mut Criterion) {
    let plan = Plan::from_json(include_str!("../e2e/fixtures/largest-plan.json")).unwrap();
    assert_eq!(
        (
            plan.regions.len(),
            plan.data_classes.len(),
            plan.users.len()
        ),
        (24, 16, 12)
    );
    let mut group = c.benchmark_group("largest_allowed (24 regions, 16 classes, 12 populations)");
    group.sample_size(10);
    group.bench_function("cold", |b| {
        b.iter(|| {
            clear_rtt_cache();
            evaluate(black_box(&plan)).unwrap()
        })
    });
    evaluate(&plan).unwrap();
    group.bench_function("warm", |b| b.iter(|| evaluate(black_box(&plan)).unwrap()));
    group.finish();
}

criterion_group!(benches, bench, scale, largest_allowed);
criterion_main!(benches);
