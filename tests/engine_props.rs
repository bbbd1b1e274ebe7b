//! Property tests of the engine's public behaviour (proptest, deterministic seeds):
//! latencies never below the fibre bound; tightening an RPO or RTO target never yields a
//! posture that achieves a worse one; the same plan always gives the same report.
//! (Search = brute force and "adding a region never worsens the best latency" are tested
//! next to the search, in src/engine/placement.rs, where the objective is visible.)

use meridian::data::regions;
use meridian::engine::{evaluate, Posture};
use meridian::geo::fibre_floor_rtt_ms;
use meridian::place::Place;
use meridian::plan::{DataClass, PlaceRef, Plan, Preset, UserPopulation};
use proptest::prelude::*;

fn plan_from(region_idx: &[usize], user_idx: &[usize], presets: &[usize]) -> Plan {
    let cat = regions();
    let mut keys: Vec<String> = region_idx
        .iter()
        .map(|&i| cat[i % cat.len()].key())
        .collect();
    keys.sort();
    keys.dedup();
    let share = 1.0 / user_idx.len() as f64;
    Plan {
        regions: keys.iter().map(|k| PlaceRef::key(k)).collect(),
        users: user_idx
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let r = &cat[i % cat.len()];
                UserPopulation {
                    name: format!("users-{k}"),
                    place: PlaceRef::custom(
                        &format!("city-{k}"),
                        r.lat - 1.0,
                        r.lon + 1.0,
                        r.jurisdiction,
                    ),
                    share,
                    access: Default::default(),
                }
            })
            .collect(),
        data_classes: presets
            .iter()
            .enumerate()
            .map(|(k, &p)| {
                let mut c = DataClass::preset(Preset::ALL[p % Preset::ALL.len()]);
                c.name = format!("{}-{k}", c.name);
                c
            })
            .collect(),
        ..Plan::example()
    }
}

fn place(label: &str, plan: &Plan) -> Place {
    plan.regions
        .iter()
        .chain(plan.users.iter().map(|u| &u.place))
        .find(|p| p.label() == label)
        .unwrap()
        .resolve()
        .unwrap()
}

fn arb_plan() -> impl Strategy<Value = Plan> {
    (
        prop::collection::vec(0usize..500, 3..8),
        prop::collection::vec(0usize..500, 1..4),
        prop::collection::vec(0usize..9, 1..4),
    )
        .prop_map(|(r, u, p)| plan_from(&r, &u, &p))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn latencies_never_below_the_fibre_bound(plan in arb_plan()) {
        let report = evaluate(&plan).unwrap();
        for class in &report.classes {
            for e in class.evaluations.iter().filter(|e| e.placeable) {
                for (u, l) in plan.users.iter().zip(&e.latency) {
                    let up = u.place.resolve().unwrap();
                    // Reads: at least the fibre round trip to the region serving them.
                    let read_floor = fibre_floor_rtt_ms(up.location(), place(&l.read_from, &plan).location());
                    prop_assert!(l.read_p50_ms >= read_floor - 1e-9, "{} read {} < {}", e.posture, l.read_p50_ms, read_floor);
                    // Writes: at least the round trip to the region the write enters...
                    let entry = l.write_path.trim_start_matches("leader ").split(',').next().unwrap();
                    let entry_place = place(entry, &plan);
                    let mut floor = fibre_floor_rtt_ms(up.location(), entry_place.location());
                    // ...plus, for consensus, the round trip to the nearest other voter.
                    if e.posture == Posture::GlobalConsensus {
                        let copies = e.placement.as_ref().unwrap().copies();
                        floor += copies.iter().map(|c| c.1).filter(|v| *v != entry)
                            .map(|v| fibre_floor_rtt_ms(entry_place.location(), place(v, &plan).location()))
                            .fold(f64::INFINITY, f64::min);
                    }
                    if e.posture == Posture::SyncStandby {
                        let s = place(e.placement.as_ref().unwrap().standby().unwrap(), &plan);
                        floor += fibre_floor_rtt_ms(entry_place.location(), s.location());
                    }
                    prop_assert!(l.write_p50_ms >= floor - 1e-9, "{} write {} < {}", e.posture, l.write_p50_ms, floor);
                    prop_assert!(l.write_p99_ms >= l.write_p50_ms && l.read_p99_ms >= l.read_p50_ms);
                }
            }
        }
    }

    #[test]
    fn tightening_rpo_or_rto_never_yields_a_worse_one(
        plan in arb_plan(),
        factor in 0.0f64..1.0,
        which_rpo in any::<bool>(),
    ) {
        let before = evaluate(&plan).unwrap();
        let mut tight = plan.clone();
        for c in &mut tight.data_classes {
            let t = if which_rpo { &mut c.rpo_s } else { &mut c.rto_s };
            *t = Some(t.unwrap_or(1e6) * factor);
        }
        let after = evaluate(&tight).unwrap();
        let inf = |v: Option<f64>| v.unwrap_or(f64::INFINITY);
        for (b, a) in before.classes.iter().zip(&after.classes) {
            if b.feasible && a.feasible {
                let (vb, va) = if which_rpo {
                    (inf(b.chosen.rpo_s), inf(a.chosen.rpo_s))
                } else {
                    (inf(b.chosen.rto_s), inf(a.chosen.rto_s))
                };
                prop_assert!(va <= vb + 1e-9, "{}: {} -> {} ({} -> {})", b.name, vb, va, b.chosen.posture, a.chosen.posture);
            }
        }
    }

    #[test]
    fn the_same_plan_always_gives_the_same_report(plan in arb_plan()) {
        let a = evaluate(&plan).unwrap();
        let round_tripped = Plan::from_json(&plan.to_json_pretty()).unwrap();
        prop_assert_eq!(&a, &evaluate(&round_tripped).unwrap());
        prop_assert_eq!(&a, &evaluate(&plan).unwrap());
    }
}

#[test]
fn example_report_is_fully_numeric_and_cites_numbers() {
    let report = evaluate(&Plan::example()).unwrap();
    // serde_json writes NaN and infinities as null: every latency and cost must be a number.
    fn check(v: &serde_json::Value, key: &str) {
        match v {
            serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| check(v, k)),
            serde_json::Value::Array(a) => a.iter().for_each(|v| check(v, key)),
            other => {
                let numeric =
                    (key.ends_with("_ms") && !key.contains("budget")) || key.ends_with("_usd");
                assert!(!numeric || other.is_number(), "{key}: {other}");
            }
        }
    }
    check(&serde_json::to_value(&report).unwrap(), "");
    for c in &report.classes {
        assert!(!c.reasons.is_empty());
        assert!(
            c.reasons
                .iter()
                .skip(1)
                .all(|r| r.chars().any(|ch| ch.is_ascii_digit())),
            "{:?}",
            c.reasons
        );
        assert_eq!(c.evaluations.len(), Posture::ALL.len());
        assert_eq!(c.rejected.len(), Posture::ALL.len() - 1);
    }
}

#[test]
fn the_rtt_memo_does_not_change_the_report() {
    let plan = Plan::example();
    meridian::engine::clear_rtt_cache();
    let cold = evaluate(&plan).unwrap();
    let warm = evaluate(&plan).unwrap();
    assert_eq!(cold, warm);
}

fn arb_small_or_large_plan() -> impl Strategy<Value = Plan> {
    (
        prop::collection::vec(0usize..500, 1..8),
        prop::collection::vec(0usize..500, 1..4),
        prop::collection::vec(0usize..9, 1..4),
    )
        .prop_map(|(r, u, p)| plan_from(&r, &u, &p))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every figure of every posture is either there and finite (placeable) or absent (not
    /// placeable, with the reason in its violation); no total sits below its single-region
    /// baseline without a sentence saying why.
    #[test]
    fn figures_are_finite_or_absent_and_totals_explain_themselves(plan in arb_small_or_large_plan()) {
        let r = evaluate(&plan).unwrap();
        for c in &r.classes {
            for e in &c.evaluations {
                prop_assert_eq!(e.placeable, e.placement.is_some(), "{}", e.posture);
                if e.placeable {
                    let cost = e.cost.as_ref().unwrap();
                    let total = e.monthly_cost_usd.unwrap();
                    prop_assert!(total.is_finite() && total >= 0.0);
                    for v in [cost.lines.compute_usd, cost.lines.storage_usd, cost.lines.transfer_usd, cost.lines.backup_usd] {
                        prop_assert!(v.is_finite() && v >= 0.0);
                    }
                    prop_assert!(e.cost_multiple.is_none_or(|m| m.is_finite() && m > 0.0));
                    prop_assert!(e.conflicts_per_day.is_some_and(f64::is_finite));
                    prop_assert_eq!(e.latency.len(), plan.users.len());
                    for l in &e.latency {
                        for v in [l.write_p50_ms, l.write_p99_ms, l.read_p50_ms, l.read_p99_ms] {
                            prop_assert!(v.is_finite() && v >= 0.0);
                        }
                    }
                    prop_assert!(e.rpo_s.is_none_or(f64::is_finite));
                    prop_assert!(e.rto_s.is_none_or(f64::is_finite));
                } else {
                    prop_assert!(e.monthly_cost_usd.is_none() && e.cost.is_none());
                    prop_assert!(e.cost_multiple.is_none() && e.conflicts_per_day.is_none());
                    prop_assert!(e.latency.is_empty() && e.outages.is_empty());
                    prop_assert!(e.links.is_empty() && e.staleness.is_empty());
                    prop_assert!(e.rpo_s.is_none() && e.rto_s.is_none());
                    prop_assert!(!e.violations.is_empty());
                }
            }
            let (chosen, single) = (&c.chosen, &c.evaluations[0]);
            if let (Some(a), Some(b)) = (chosen.monthly_cost_usd, single.monthly_cost_usd) {
                if a < b {
                    prop_assert!(
                        c.reasons.iter().any(|x| x.contains("costs less than single region")),
                        "{}: {} < {} with no reason: {:?}", c.name, a, b, c.reasons
                    );
                }
            }
        }
        let t = &r.totals;
        let sentence = meridian::present::totals_sentence(t);
        if t.cost_multiple.is_some_and(|m| m < 1.0) {
            prop_assert!(sentence.contains("Below single region"), "{}", sentence);
        }
        for name in t.unpriced_classes.iter().chain(&t.no_baseline_classes) {
            prop_assert!(sentence.contains(name.as_str()), "{}", sentence);
        }
    }
}
