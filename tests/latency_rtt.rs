//! `rtt()` as the engine sees it: measured, modeled, same place, custom places; and the
//! properties every answer must have (never below the fibre floor, symmetric, p99 ≥ p50).

// Native only: reads data files / runs the binary / uses proptest, none of which exist in wasm.
#![cfg(not(target_arch = "wasm32"))]

use meridian::data::regions;
use meridian::geo::fibre_floor_rtt_ms;
use meridian::latency::{rtt, RttSource, CROSS_AZ_P50_MS};
use meridian::place::{CustomPlace, Place};
use proptest::prelude::*;

fn place(s: &str) -> Place {
    Place::parse(s).unwrap()
}

#[test]
fn same_region_is_the_cross_az_figure() {
    let a = place("gcp:europe-west1");
    let l = rtt(&a, &a);
    assert_eq!(l.source, RttSource::SameRegion);
    assert_eq!(l.p50_ms, CROSS_AZ_P50_MS);
}

#[test]
fn azure_pair_is_measured_with_its_provenance() {
    let l = rtt(&place("azure:westeurope"), &place("azure:eastus"));
    match &l.source {
        RttSource::Measured {
            statistic, date, ..
        } => {
            assert_eq!(*statistic, "P50");
            assert!(date.contains("2026-07-30"));
        }
        s => panic!("{s:?}"),
    }
    // Published P50 both ways is ~80-90 ms; the p99 extrapolates the measured P95.
    assert!(l.p50_ms > 70.0 && l.p50_ms < 100.0, "{l:?}");
    assert!(l.p99_ms > l.p50_ms, "{l:?}");
    assert!(
        l.source.describe().starts_with("measured: Azure"),
        "{}",
        l.source
    );
}

#[test]
fn aws_pairs_are_the_2025_p50_with_their_date() {
    let (a, b) = (place("aws:us-east-1"), place("aws:us-west-2"));
    let l = rtt(&a, &b);
    let d = l.source.describe();
    assert!(d.contains("CloudPing.co") && d.contains("2025-05"), "{d}");
    // Asymmetry rule: the mean of both published directions.
    let text = std::fs::read_to_string("data/latency_aws_cloudping_p50_1y_2025-05.csv").unwrap();
    let dir = |from: &str, to: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(&format!("aws,{from},{to},")))
            .and_then(|l| l.trim_end().rsplit(',').next())
            .unwrap()
            .parse()
            .unwrap()
    };
    let want = (dir("us-east-1", "us-west-2") + dir("us-west-2", "us-east-1")) / 2.0;
    assert!((l.p50_ms - want).abs() < 1e-3, "{l:?} vs {want}");
}

#[test]
fn cross_provider_pair_is_modeled_and_close_to_co_located_measurements() {
    // AWS eu-central-1 and GCP europe-west3 are both in Frankfurt; to Azure East US
    // (Virginia) the prediction should sit near the measured Frankfurt-Virginia figures.
    let l = rtt(&place("aws:eu-central-1"), &place("azure:eastus"));
    assert!(matches!(l.source, RttSource::Modeled { .. }), "{l:?}");
    let azure = rtt(&place("azure:germanywestcentral"), &place("azure:eastus")).p50_ms;
    assert!(
        (l.p50_ms - azure).abs() / azure < 0.2,
        "{} vs {azure}",
        l.p50_ms
    );
}

#[test]
fn coordinate_places_are_modeled() {
    let paris = place("48.85,2.35");
    let l = rtt(&paris, &place("gcp:us-east4"));
    assert!(matches!(l.source, RttSource::Modeled { .. }), "{l:?}");
    assert!(l.p50_ms > 70.0 && l.p50_ms < 110.0, "{l:?}");
}

#[test]
fn region_missing_from_its_matrix_is_modeled() {
    // Azure West India (Mumbai) is not in Microsoft's matrix.
    let l = rtt(&place("azure:westindia"), &place("azure:westeurope"));
    assert!(matches!(l.source, RttSource::Modeled { .. }), "{l:?}");
    let central = rtt(&place("azure:centralindia"), &place("azure:westeurope")).p50_ms;
    assert!(
        (l.p50_ms - central).abs() / central < 0.15,
        "{l:?} vs {central}"
    );
}

fn any_place() -> impl Strategy<Value = Place> {
    let n = regions().len();
    prop_oneof![
        (0..n).prop_map(|i| Place::Region(&regions()[i])),
        (-89.0f64..89.0, -179.0f64..179.0)
            .prop_map(|(lat, lon)| Place::Custom(CustomPlace::at(lat, lon))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_below_the_floor_symmetric_and_tail_above_median(a in any_place(), b in any_place()) {
        let ab = rtt(&a, &b);
        let ba = rtt(&b, &a);
        let floor = fibre_floor_rtt_ms(a.location(), b.location());
        prop_assert!(ab.p50_ms >= floor - 1e-9, "{ab:?} floor {floor}");
        prop_assert!(ab.p99_ms >= ab.p50_ms, "{ab:?}");
        prop_assert!(ab.p50_ms.is_finite() && ab.p50_ms > 0.0);
        prop_assert!((ab.p50_ms - ba.p50_ms).abs() < 1e-9, "{ab:?} vs {ba:?}");
        prop_assert!((ab.p99_ms - ba.p99_ms).abs() < 1e-9);
        prop_assert_eq!(ab.source, ba.source);
    }
}
