//! Criterion benchmarks of a full evaluation: the built-in example plan, and a large plan
//! (20 regions, 12 data classes, 6 user populations). Aims: < 1 ms and < 20 ms natively.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

use meridian::engine::{clear_rtt_cache, evaluate};
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

criterion_group!(benches, bench);
criterion_main!(benches);
