use super::*;
use crate::data::find_region;

fn region(p: Provider, code: &str) -> &'static Region {
    find_region(p, code).unwrap()
}

#[test]
fn co_located_measurements_predict_a_cross_provider_pair() {
    // AWS eu-west-1 (Dublin) to GCP us-east4 (Ashburn): Azure northeurope (Dublin) to
    // eastus (Virginia) and AWS eu-west-1 to us-east-1 are measured, so the prediction
    // must lean on them.
    let a = End::region(region(Provider::Aws, "eu-west-1"));
    let b = End::region(region(Provider::Gcp, "us-east4"));
    let p = model().predict_ends(a, b);
    assert!(matches!(p.basis, Basis::Neighbours { .. }), "{p:?}");
    assert!(p.p50_ms > 60.0 && p.p50_ms < 90.0, "{p:?}");
    assert!(!p.top.is_empty(), "{p:?}");
}

#[test]
fn far_from_every_region_falls_back_to_the_distance_fit() {
    // Mid-Pacific to mid-Atlantic: no measured region within reach of either end.
    let (a, b) = (LatLon::new(-40.0, -140.0), LatLon::new(-30.0, -20.0));
    let p = model().predict(a, b);
    assert_eq!(p.basis, Basis::DistanceFit);
    let km = great_circle_km(a, b);
    assert!((p.p50_ms - model().distance_fit().predict_km(km)).abs() < 1e-9);
}

#[test]
fn same_metro_across_clouds_is_a_few_ms_not_an_inter_region_hop() {
    // Regions of different clouds in one metro (Dublin; Mumbai; Ashburn after the metro
    // coordinates): cross-AZ scale, not the 5–15 ms of short inter-region links.
    for (a, b) in [
        (
            region(Provider::Aws, "eu-west-1"),
            region(Provider::Azure, "northeurope"),
        ),
        (
            region(Provider::Aws, "ap-south-1"),
            region(Provider::Gcp, "asia-south1"),
        ),
        (
            region(Provider::Aws, "us-east-1"),
            region(Provider::Gcp, "us-east4"),
        ),
    ] {
        let p = model().predict_ends(End::region(a), End::region(b));
        assert!(p.p50_ms < 3.0, "{} {} {p:?}", a.key(), b.key());
        assert!(p.metro_share > 0.9, "{p:?}");
    }
}

#[test]
fn own_provider_links_carry_its_detours() {
    // AWS routes Cape Town to Mumbai through Europe; a pair with an AWS Cape Town end keeps
    // more of that than a point at the same place that belongs to no provider.
    let cpt = region(Provider::Aws, "af-south-1");
    let bom = region(Provider::Gcp, "asia-south1");
    let aws = model().predict_ends(End::region(cpt), End::region(bom));
    let neutral = model().predict(cpt.location(), bom.location());
    assert!(aws.p50_ms > neutral.p50_ms, "{aws:?} vs {neutral:?}");
}
