//! Criterion benchmarks of a full evaluation: the built-in example plan, a large plan
//! (20 regions, 12 data classes, 6 user populations), and the large plan's classes and users over
//! 5 to 80 regions (how the engine scales), and the largest plan the limits allow. Aims: < 1 ms,
//! < 20 ms and < 20 ms at 80 regions.

use criterion::{criterion_group, BenchmarkId, Criterion};
use std::hint::black_box;

use meridian::engine::{clear_rtt_cache, evaluate, evaluate_past_region_limit, Evaluator};
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

/// An edit as the page makes it: two plans that differ in one class's RPO target, evaluated
/// in turn by one [`Evaluator`], which evaluates the edited class again and reuses the others.
fn one_class_edited(c: &mut Criterion) {
    let mut group = c.benchmark_group("an edit of one class (Evaluator), warm");
    for (name, plan) in [
        ("example", Plan::example()),
        ("large", Plan::large_benchmark()),
    ] {
        let mut edited = plan.clone();
        edited.data_classes[0].rpo_s = Some(edited.data_classes[0].rpo_s.unwrap_or(60.0) + 1.0);
        let mut evaluator = Evaluator::default();
        let mut turn = false;
        group.bench_function(name, |b| {
            b.iter(|| {
                turn = !turn;
                let plan = if turn { &edited } else { &plan };
                evaluator.evaluate(black_box(plan), &mut |_| {}).unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench, scale, largest_allowed, one_class_edited);

/// With `MERIDIAN_BENCH_REPORTS=<dir>`, writes the report JSON of every plan benchmarked here
/// (`scale-<n>.json`, `example.json`, `large.json`, `largest.json`) into that directory and
/// measures nothing: a speed change is checked against the reports of the build before it.
/// Each plan is evaluated twice and the second (warm) report written, which must equal the
/// first.
fn main() {
    if let Some(dir) = std::env::var_os("MERIDIAN_BENCH_REPORTS") {
        let dir = std::path::PathBuf::from(dir);
        let write = |name: &str, plan: Plan| {
            let first = evaluate_past_region_limit(&plan).unwrap();
            let warm = evaluate_past_region_limit(&plan).unwrap();
            assert!(
                first == warm,
                "{name}: the warm report differs from the first"
            );
            let json = serde_json::to_string_pretty(&warm).unwrap();
            std::fs::write(dir.join(name), json).unwrap();
        };
        for n in [5, 10, 20, 40, 80] {
            write(&format!("scale-{n}.json"), plan_with_regions(n));
        }
        write("example.json", Plan::example());
        write("large.json", Plan::large_benchmark());
        let largest = include_str!("../e2e/fixtures/largest-plan.json");
        write("largest.json", Plan::from_json(largest).unwrap());
        return;
    }
    if let Some(which) = std::env::var_os("MERIDIAN_BENCH_CPU") {
        cpu_times(&which.to_string_lossy());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

/// With `MERIDIAN_BENCH_CPU=<names>` (comma-separated: example, large, largest, 5, 10, 20, 40,
/// 80), prints each plan's CPU time per warm evaluation: the evaluating thread's user + system
/// time (`/proc/thread-self/stat`) over at least 1.5 s of repeated evaluations. On a machine
/// shared with other work, wall-clock time measures the waiting as much as the code.
fn cpu_times(which: &str) {
    for name in which.split(',') {
        let plan = match name {
            "example" => Plan::example(),
            "large" => Plan::large_benchmark(),
            "largest" => {
                Plan::from_json(include_str!("../e2e/fixtures/largest-plan.json")).unwrap()
            }
            n => plan_with_regions(n.parse().expect("a plan name or a region count")),
        };
        evaluate_past_region_limit(&plan).unwrap();
        let start = thread_cpu_s();
        let mut runs = 0u32;
        while thread_cpu_s() - start < 1.5 {
            black_box(evaluate_past_region_limit(black_box(&plan)).unwrap());
            runs += 1;
        }
        let ms = (thread_cpu_s() - start) * 1e3 / f64::from(runs);
        println!("{name}: {ms:.2} ms CPU per evaluation ({runs} runs)");
    }
}

/// User + system CPU seconds of the calling thread (Linux; clock ticks of 1/100 s).
fn thread_cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
    // Fields after the command name (which is in parentheses): utime and stime are the 12th
    // and 13th of them.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}
