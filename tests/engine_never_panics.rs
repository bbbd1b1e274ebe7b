//! The engine never panics on a valid plan (issue: "the engine never panics on a valid
//! plan"): random plans over every field the format has (custom places, residency rules,
//! ownership, conflict semantics, consistency, zero rates, empty targets, home hints,
//! operations), kept when they validate, evaluated and exported to markdown.
//! `ENGINE_FUZZ_CASES=N` runs more (the fuzzing record in docs/share-link.md says how many).

#![cfg(not(target_arch = "wasm32"))]

use meridian::data::regions;
use meridian::engine::evaluate;
use meridian::place::CustomPlace;
use meridian::plan::*;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("ENGINE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn arb_place() -> impl Strategy<Value = PlaceRef> {
    prop_oneof![
        4 => (0usize..1000).prop_map(|i| {
            let cat = regions();
            PlaceRef::key(&cat[i % cat.len()].key())
        }),
        1 => (-89.0f64..89.0, -179.0f64..179.0).prop_map(|(la, lo)| PlaceRef::Custom(CustomPlace::at(la, lo))),
    ]
}

fn arb_opt(lo: f64, hi: f64) -> impl Strategy<Value = Option<f64>> {
    prop_oneof![Just(None), Just(Some(0.0)), (lo..hi).prop_map(Some)]
}

fn arb_budget() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![Just(None), (1.0f64..2000.0).prop_map(Some)]
}

fn arb_class(k: usize) -> impl Strategy<Value = DataClass> {
    (
        (0usize..4, arb_opt(0.0, 7200.0), arb_opt(0.0, 7200.0)),
        (arb_budget(), arb_budget()),
        (0usize..3, 0usize..2, 0usize..3),
        (prop_oneof![Just(0.0), 0.0f64..5000.0], 0.0f64..50_000.0),
        (1.0f64..1e6, 0.0f64..1e5, prop::option::of(1.0f64..1e9)),
        prop::collection::vec(arb_place(), 0..2),
    )
        .prop_map(
            move |((c, rpo, rto), (wb, rb), (res, own, conf), (w, r), (bytes, gb, keys), hints)| {
                let mut d = DataClass::preset(Preset::ALL[k % Preset::ALL.len()]);
                d.name = format!("class-{k}");
                d.consistency = Consistency::ALL[c];
                (d.rpo_s, d.rto_s) = (rpo, rto);
                (d.write_p99_budget_ms, d.read_p99_budget_ms) = (wb, rb);
                d.residency = match res {
                    0 => Residency::None,
                    1 => Residency::Pinned {
                        jurisdictions: vec!["EU".into(), "US".into()],
                    },
                    _ => Residency::PerOwner,
                };
                // Per-owner residency needs per-population ownership (a validation rule).
                d.ownership = if res == 2 {
                    Ownership::PerPopulation
                } else {
                    [Ownership::PerPopulation, Ownership::Shared][own]
                };
                d.conflicts = [
                    ConflictSemantics::NeverConflict,
                    ConflictSemantics::LastWriterWins,
                    ConflictSemantics::Mergeable,
                ][conf];
                (d.writes_per_s, d.reads_per_s) = (w, r);
                (d.record_bytes, d.data_gb, d.keys) = (bytes, gb, keys);
                d.home_hints = hints;
                d
            },
        )
}

fn arb_plan() -> impl Strategy<Value = Plan> {
    (
        prop::collection::vec(arb_place(), 1..7),
        prop::collection::vec(arb_place(), 1..4),
        (0usize..2, 0usize..2, 0.0f64..600.0, 1.0f64..120.0),
        prop::collection::vec(0usize..9, 1..4),
    )
        .prop_flat_map(|(regions, users, ops, presets)| {
            let classes: Vec<_> = presets
                .iter()
                .enumerate()
                .map(|(k, _)| arb_class(k))
                .collect();
            (Just(regions), Just(users), Just(ops), classes)
        })
        .prop_map(
            |(mut regions, users, (routing, promotion, ttl, interval), classes)| {
                regions.dedup_by_key(|r| r.label());
                let share = 1.0 / users.len() as f64;
                let mut p = Plan::example();
                p.regions = regions;
                p.users = users
                    .into_iter()
                    .enumerate()
                    .map(|(k, place)| UserPopulation {
                        name: format!("users-{k}"),
                        place,
                        share,
                        access: AccessNetwork::ALL[k % 3],
                    })
                    .collect();
                p.operations.routing = [Routing::Dns, Routing::Anycast][routing];
                p.operations.promotion = [Promotion::Automated, Promotion::Manual][promotion];
                p.operations.dns_ttl_s = ttl;
                p.operations.health_check_interval_s = interval;
                p.data_classes = classes;
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn the_engine_never_panics_on_a_valid_plan(plan in arb_plan()) {
        if validate(&plan).is_ok() {
            let report = evaluate(&plan).unwrap();
            prop_assert_eq!(report.classes.len(), plan.data_classes.len());
            let md = meridian::engine::report::to_markdown(&plan, &report);
            prop_assert!(!md.is_empty());
        }
    }
}

#[test]
fn most_generated_plans_are_valid() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut valid, n) = (0, 200);
    for _ in 0..n {
        let plan = arb_plan().new_tree(&mut runner).unwrap().current();
        match validate(&plan) {
            Ok(()) => valid += 1,
            Err(e) => eprintln!("{e}"),
        }
    }
    // A generator whose plans all fail validation would test nothing.
    assert!(
        valid * 2 >= n,
        "only {valid} of {n} generated plans validate"
    );
}
