//! The whole path under hostile input (issue 15): link text -> decode -> validate ->
//! evaluate -> markdown, and plan JSON -> the same, with plans near and past every limit
//! (counts, name lengths, numbers at their edges, NaN, infinities, 1e308, negative prices).
//! Nothing may panic, and no evaluated plan may print NaN or an infinity. 500 cases per
//! property by default; `WHOLE_PATH_CASES=100000` for a long run (docs/share-link.md).

use meridian::engine::evaluate;
use meridian::export::{document, plan_from_file};
use meridian::plan::{DataClass, PlaceRef, Plan, Preset, UserPopulation};
use meridian::share::{decode_plan_unvalidated, encode_plan};
use proptest::prelude::*;

fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("WHOLE_PATH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Numbers at and past the edges of the documented ranges.
fn edgy() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.0..1e4,
        1 => prop::sample::select(vec![
            0.0, -0.0, -1.0, 1.0, 0.5, 1e-300, 60.0, 86_400.0, 86_401.0, 3_600.0, 43_200.0,
            1e8, 1e8 + 1.0, 1e9, 1e15, 31_536_000.0, 60_000.0, 1e308, -1e308,
            f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE,
        ]),
    ]
}

prop_compose! {
    fn plan()(
        regions in prop::collection::vec((-95.0..95.0f64, -185.0..185.0f64, any::<bool>()), 0..27),
        users in prop::collection::vec((-90.0..90.0f64, -180.0..180.0f64), 0..14),
        classes in prop::collection::vec((0..9usize, edgy(), edgy(), edgy(), edgy()), 0..18),
        ops in (edgy(), edgy(), 0u32..12),
        price in (edgy(), edgy()),
        name_len in prop::sample::select(vec![0usize, 5, 120, 121, 200, 201, 5000]),
    ) -> Plan {
        let mut p = Plan::example();
        p.name = "n".repeat(name_len);
        p.regions = regions.iter().enumerate().map(|(i, &(lat, lon, key))| {
            if key { PlaceRef::key(["aws:us-east-1", "gcp:europe-west1", "azure:westeurope", "aws:mars-1"][i % 4]) }
            else { PlaceRef::at(lat, lon) }
        }).collect();
        let n = users.len().max(1) as f64;
        p.users = users.iter().enumerate().map(|(i, &(lat, lon))| UserPopulation {
            name: format!("u{i}"), place: PlaceRef::at(lat, lon), share: 1.0 / n, access: Default::default(),
        }).collect();
        p.data_classes = classes.iter().enumerate().map(|(i, &(k, a, b, c, d))| {
            let mut x = DataClass::preset(Preset::ALL[k % Preset::ALL.len()]);
            x.name = format!("c{i}");
            (x.writes_per_s, x.record_bytes, x.data_gb) = (a, b, c);
            x.rpo_s = x.rpo_s.map(|_| d);
            x
        }).collect();
        (p.operations.dns_ttl_s, p.operations.cache_warmup_s, p.operations.health_check_failure_threshold) = ops;
        p.prices.vm_usd_per_month.insert("aws".into(), price.0);
        p.prices.transfer_usd_per_gb.insert("intercontinental".into(), price.1);
        p
    }
}

/// Validate, evaluate and export: no panic, and no NaN or infinity in what a user reads.
fn whole_path(p: &Plan) -> Result<(), TestCaseError> {
    if let Ok(report) = evaluate(p) {
        let md = document(p, &report, Some("https://x.test/"));
        prop_assert!(
            !md.contains("NaN") && !md.contains("inf "),
            "NaN in markdown"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn plans_near_the_limits_through_a_link(p in plan()) {
        let link = format!("#plan={}", encode_plan(&p));
        let opened = decode_plan_unvalidated(&link);
        prop_assert!(opened.is_ok(), "{opened:?}");
        whole_path(&opened.unwrap())?;
    }

    #[test]
    fn plans_near_the_limits_through_json(p in plan()) {
        // JSON has no NaN: serde writes null, which the reader refuses with a message.
        if let Ok(opened) = plan_from_file(&format!("\u{feff}{}", p.to_json_pretty())) {
            whole_path(&opened)?;
        }
    }

    #[test]
    fn arbitrary_link_text_through_the_whole_path(s in ".{0,400}") {
        for text in [s.clone(), format!("#plan=v2.{s}"), format!("#plan=v1.{s}")] {
            if let Ok(p) = decode_plan_unvalidated(&text) {
                whole_path(&p)?;
            }
        }
    }

    #[test]
    fn arbitrary_json_through_the_whole_path(s in "[{}\\[\\]\",:0-9a-z_ .e-]{0,300}") {
        if let Ok(p) = plan_from_file(&s) {
            whole_path(&p)?;
        }
    }
}
