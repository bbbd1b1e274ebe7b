//! The search against every placement enumerated, and its monotonicity in the regions.

use super::*;
use crate::data::regions;
use crate::plan::{
    ConflictSemantics, Consistency, Ownership, PlaceRef, Plan, Preset, Residency, UserPopulation,
};
use proptest::prelude::*;

/// A plan over `region_idx` (catalog indices) with users at `user_idx` and one class.
fn plan(region_idx: &[usize], user_idx: &[usize], class: DataClass) -> Plan {
    let cat = regions();
    let mut p = Plan::example();
    p.regions = region_idx
        .iter()
        .map(|&i| PlaceRef::key(&cat[i % cat.len()].key()))
        .collect();
    p.regions.dedup();
    let share = 1.0 / user_idx.len() as f64;
    p.users = user_idx
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let r = &cat[i % cat.len()];
            UserPopulation {
                name: format!("u{k}"),
                place: PlaceRef::custom(
                    &format!("near {}", r.code),
                    r.lat + 0.5,
                    r.lon + 0.5,
                    r.jurisdiction,
                ),
                share,
                access: Default::default(),
            }
        })
        .collect();
    p.data_classes = vec![class];
    p
}

fn class_strategy() -> impl Strategy<Value = DataClass> {
    (
        0usize..9,
        prop::option::of(20.0f64..300.0),
        prop::option::of(20.0f64..300.0),
        0usize..4,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(preset, wb, rb, cons, per_pop, pinned)| {
            let mut c = DataClass::preset(Preset::ALL[preset]);
            c.write_p99_budget_ms = wb;
            c.read_p99_budget_ms = rb;
            c.consistency = Consistency::ALL[cons];
            c.ownership = if per_pop {
                Ownership::PerPopulation
            } else {
                Ownership::Shared
            };
            c.conflicts = ConflictSemantics::LastWriterWins;
            c.residency = if pinned {
                Residency::Pinned {
                    jurisdictions: vec!["US".into(), "EU".into()],
                }
            } else {
                Residency::None
            };
            c
        })
}

fn check_equal(p: &Plan) {
    let ctx = Ctx::new(p);
    let class = &p.data_classes[0];
    for posture in Posture::ALL {
        let s = search(&ctx, class, posture).ok().map(|(_, o)| o);
        let b = brute_force(&ctx, class, posture);
        // Equal up to 1 µs: sums in another order and bisected mixture quantiles differ in
        // the last bits, and with read-your-writes the search weighs only the nearest
        // replica and the writer for each reader (see `best_read`), which the enumeration
        // has beaten by up to 8e-5 ms. Latencies are shown to 0.1 ms, 100x coarser.
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-3;
        match (s, b) {
            (Some(s), Some(b)) => assert!(
                close(s.excess_ms, b.excess_ms)
                    && close(s.failover_excess_ms, b.failover_excess_ms)
                    && close(s.weighted_ms, b.weighted_ms)
                    && close(s.failover_weighted_ms, b.failover_weighted_ms),
                "{posture:?} on {:?}: {s:?} vs {b:?}",
                p.regions
            ),
            (s, b) => assert_eq!(s, b, "{posture:?} on {:?}", p.regions),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn search_equals_brute_force(
        region_idx in prop::collection::vec(0usize..200, 3..9),
        user_idx in prop::collection::vec(0usize..200, 1..4),
        class in class_strategy(),
    ) {
        check_equal(&plan(&region_idx, &user_idx, class));
    }
}

#[test]
fn search_equals_brute_force_on_twelve_regions() {
    // Twelve regions on five continents, users on three, every preset.
    let keys = [
        "aws:us-east-1",
        "aws:us-west-2",
        "aws:ca-central-1",
        "aws:sa-east-1",
        "aws:eu-west-1",
        "aws:eu-central-1",
        "aws:eu-west-2",
        "aws:ap-northeast-1",
        "aws:ap-southeast-1",
        "aws:ap-southeast-2",
        "aws:ap-south-1",
        "aws:af-south-1",
    ];
    for preset in Preset::ALL {
        let mut p = Plan::example();
        p.regions = keys.iter().map(|k| PlaceRef::key(k)).collect();
        p.data_classes = vec![DataClass::preset(preset)];
        check_equal(&p);
    }
}

/// The enumeration the pruned searches stand for, nothing skipped, in their candidate order
/// (docs/engine.md, "Ties"): the first placement of least objective. Standby and backup
/// postures, read-local-write-global and consensus; the others do not enumerate.
fn ordered_enumeration(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
) -> Option<(Choice, Objective)> {
    let allowed = ctx.allowed(class);
    let hinted = ctx.hinted(class, &allowed);
    let dr = ctx.dr_allowed(class);
    let mut cands: Vec<Choice> = Vec::new();
    match posture {
        Posture::BackupRestore
        | Posture::PilotLight
        | Posture::WarmStandby
        | Posture::SyncStandby => {
            if allowed.is_empty() || dr.len() < 2 {
                return None;
            }
            for &p in &hinted {
                for &t in dr.iter().filter(|&&t| t != p) {
                    cands.push(Choice::with_takeover(posture, p, t));
                }
            }
        }
        Posture::ReadLocalWriteGlobal => {
            if allowed.len() < 2 {
                return None;
            }
            cands.extend(hinted.iter().map(|&p| rlwg_choice(ctx, class, p, &allowed)));
        }
        Posture::GlobalConsensus => {
            if allowed.len() < 3 {
                return None;
            }
            for (l, _) in consensus::leader_order(ctx, class, &allowed) {
                for (i, &a) in allowed.iter().enumerate() {
                    for &b in &allowed[i + 1..] {
                        if a != l && b != l {
                            cands.push(Choice {
                                voters: vec![l, a, b],
                                ..Choice::default()
                            });
                        }
                    }
                }
            }
        }
        _ => return None,
    }
    let mut best: Option<(Choice, Objective)> = None;
    for c in cands {
        let o = objective(ctx, class, posture, &c);
        if best
            .as_ref()
            .is_none_or(|b| o.compare(&b.1) == Ordering::Less)
        {
            best = Some((c, o));
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Pruning never changes the result: the searches return exactly (same placement, same
    /// objective to the bit) what their candidate order gives with nothing skipped.
    #[test]
    fn pruned_search_is_the_ordered_enumeration(
        region_idx in prop::collection::vec(0usize..200, 3..11),
        user_idx in prop::collection::vec(0usize..200, 1..7),
        class in class_strategy(),
    ) {
        let p = plan(&region_idx, &user_idx, class);
        let ctx = Ctx::new(&p);
        let class = &p.data_classes[0];
        for posture in [
            Posture::BackupRestore,
            Posture::PilotLight,
            Posture::WarmStandby,
            Posture::SyncStandby,
            Posture::ReadLocalWriteGlobal,
            Posture::GlobalConsensus,
        ] {
            let found = search(&ctx, class, posture).ok();
            let all = ordered_enumeration(&ctx, class, posture);
            prop_assert_eq!(found, all, "{:?} on {:?}", posture, p.regions);
        }
    }
}

mod monotone {
    use super::super::*;
    use crate::data::regions;
    use crate::plan::{PlaceRef, Plan, Preset};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Adding a region never makes the best latency objective of any posture worse (the
        /// search is exact, and every old placement is still available).
        #[test]
        fn adding_a_region_never_worsens_the_best_latency(
            region_idx in prop::collection::vec(0usize..500, 3..7),
            extra in 0usize..500,
            preset in 0usize..9,
        ) {
            let cat = regions();
            let mut p = Plan::example();
            let mut keys: Vec<String> = region_idx.iter().map(|&i| cat[i % cat.len()].key()).collect();
            keys.sort();
            keys.dedup();
            let extra_key = cat[extra % cat.len()].key();
            prop_assume!(!keys.contains(&extra_key));
            p.regions = keys.iter().map(|k| PlaceRef::key(k)).collect();
            p.data_classes = vec![DataClass::preset(Preset::ALL[preset])];
            let mut bigger = p.clone();
            bigger.regions.push(PlaceRef::key(&extra_key));
            let (small, big) = (Ctx::new(&p), Ctx::new(&bigger));
            let class = &p.data_classes[0];
            for posture in Posture::ALL {
                if let Ok((_, before)) = search(&small, class, posture) {
                    let (_, after) = search(&big, class, posture).expect("still placeable");
                    // Up to 1 µs (shown to 0.1 ms): sums in another order, bisected mixture
                    // quantiles, and the read-your-writes search's nearest-replica shortcut
                    // (see `search_equals_brute_force`) have moved it by 2e-4 ms.
                    let nudged = Objective {
                        excess_ms: before.excess_ms + 1e-3,
                        failover_excess_ms: before.failover_excess_ms + 1e-3,
                        weighted_ms: before.weighted_ms + 1e-3,
                        failover_weighted_ms: before.failover_weighted_ms + 1e-3,
                    };
                    prop_assert!(after.compare(&nudged) != Ordering::Greater, "{posture:?}: {before:?} -> {after:?}");
                }
            }
        }
    }
}

mod bounds_sound;
