//! The indexed, on-demand lookup against decoding every country up front and scanning them
//! all (the lookup as it was before the index): the same country for every point tried.

use std::sync::OnceLock;

use super::*;

/// Every country decoded, in the asset's order, without the build-time index.
fn all_decoded() -> &'static [(&'static str, Vec<Ring>)] {
    static ALL: OnceLock<Vec<(&'static str, Vec<Ring>)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let layout = asset::layout(ASSET).expect("the asset reads");
        let arc_at = |i: usize| layout.arc_at.get(i).copied();
        layout
            .countries
            .iter()
            .map(|&(code, at)| (code, asset::country_rings(ASSET, at, arc_at).unwrap()))
            .collect()
    })
}

/// The lookup over every decoded country: the first that holds the point, else the nearest
/// (the first on a tie).
fn full_scan(lat: f64, lon: f64) -> &'static str {
    let (x, y) = (lon * f64::from(QUANTUM), lat * f64::from(QUANTUM));
    let all = all_decoded();
    if let Some((code, _)) = all.iter().find(|(_, rings)| holds(rings, x, y)) {
        return code;
    }
    let cos_lat = lat.to_radians().cos().max(0.01);
    all.iter()
        .map(|(code, rings)| (distance2(rings, lon, lat, cos_lat), *code))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map_or("", |(_, code)| code)
}

fn assert_same(points: impl IntoIterator<Item = (f64, f64)>, what: &str) -> usize {
    let mut n = 0;
    for (lat, lon) in points {
        assert_eq!(
            country_code_at(lat, lon),
            full_scan(lat, lon),
            "{what}: ({lat}, {lon})"
        );
        n += 1;
    }
    n
}

#[test]
fn the_index_matches_the_asset() {
    let layout = asset::layout(ASSET).unwrap();
    assert_eq!(layout.arc_at.len(), ARC_AT.len());
    assert!(layout
        .arc_at
        .iter()
        .zip(&ARC_AT)
        .all(|(a, &b)| *a == usize::from(b)));
    let codes: Vec<&str> = layout.countries.iter().map(|c| c.0).collect();
    let indexed: Vec<&str> = COUNTRIES.iter().map(|c| c.code).collect();
    assert_eq!(codes, indexed);
}

#[test]
fn every_ring_point_is_inside_its_country_box() {
    for (i, (code, rings)) in all_decoded().iter().enumerate() {
        let c = &COUNTRIES[i];
        for &(x, y) in rings.iter().flat_map(|r| &r.pts) {
            let (x, y) = (f64::from(x), f64::from(y));
            assert!(c.may_contain(x, y), "{code}: ({x}, {y})");
            assert_eq!(c.distance2_bound(x / 100.0, y / 100.0, 0.5), 0.0, "{code}");
        }
    }
}

#[test]
fn a_world_grid_gets_the_same_countries() {
    // Every 4° (offset so that no point sits on a quantum), then 0.5° over the dense borders
    // of Europe and 1° over the antimeridian, where rings pass ±180°.
    let world = (0..45).flat_map(|i| {
        (0..90).map(move |j| (-88.7 + 4.0 * f64::from(i), -179.3 + 4.0 * f64::from(j)))
    });
    let europe = (0..50).flat_map(|i| {
        (0..80).map(move |j| (35.13 + 0.5 * f64::from(i), -10.07 + 0.5 * f64::from(j)))
    });
    let antimeridian = (0..130).flat_map(|i| {
        (0..20).map(move |j| {
            let lon = 170.04 + f64::from(j);
            (
                -59.9 + f64::from(i),
                if lon > 180.0 { lon - 360.0 } else { lon },
            )
        })
    });
    assert_eq!(assert_same(world, "world"), 4_050);
    assert_eq!(assert_same(europe, "Europe"), 4_000);
    assert_eq!(assert_same(antimeridian, "antimeridian"), 2_600);
}

#[test]
fn catalog_regions_and_example_populations_get_the_same_countries() {
    let regions = crate::data::regions()
        .iter()
        .map(|r| (r.location().lat, r.location().lon));
    assert_eq!(
        assert_same(regions, "catalog region"),
        crate::data::regions().len()
    );
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/");
    let mut files: Vec<String> = std::fs::read_dir(format!("{dir}examples"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.push(format!("{dir}e2e/fixtures/largest-plan.json"));
    files.push(format!("{dir}e2e/fixtures/large-plan.json"));
    let mut points = Vec::new();
    for f in &files {
        let plan: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap())
            .unwrap_or_else(|e| panic!("{f}: {e}"));
        collect_points(&plan, &mut points);
    }
    assert!(points.len() >= 20, "{}", points.len());
    assert_same(points, "plan point");
}

/// Every `{"lat": .., "lon": ..}` object in a plan file.
fn collect_points(v: &serde_json::Value, out: &mut Vec<(f64, f64)>) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(lat), Some(lon)) = (
                m.get("lat").and_then(|v| v.as_f64()),
                m.get("lon").and_then(|v| v.as_f64()),
            ) {
                out.push((lat, lon));
            }
            m.values().for_each(|v| collect_points(v, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_points(v, out)),
        _ => {}
    }
}
