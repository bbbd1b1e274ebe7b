//! Known points against the country map.

use super::*;

fn at(lat: f64, lon: f64) -> LatLon {
    LatLon::new(lat, lon)
}

#[test]
fn the_map_decodes() {
    let (bytes, countries, points) = country_map_stats();
    assert!(
        bytes > 10_000 && countries > 230 && points > 10_000,
        "{bytes} {countries} {points}"
    );
}

#[test]
fn cities_get_their_jurisdiction() {
    for (name, lat, lon, want) in [
        ("Sydney", -33.87, 151.21, "AU"),
        ("São Paulo", -23.55, -46.63, "BR"),
        ("Frankfurt", 50.11, 8.68, "EU"),
        ("Zürich", 47.37, 8.54, "CH"),
        ("Singapore", 1.29, 103.85, "SG"),
        ("Bahrain (Manama)", 26.23, 50.59, "BH"),
        ("Hong Kong", 22.32, 114.17, "HK"),
        ("Luxembourg", 49.61, 6.13, "EU"),
        ("Geneva", 46.20, 6.14, "CH"),
        ("Honolulu", 21.31, -157.86, "US"),
        ("Tokyo", 35.68, 139.69, "JP"),
        ("London", 51.51, -0.13, "GB"),
        ("Chukotka (east of 180°)", 65.5, -175.0, "RU"),
        ("Fiji (Suva)", -18.14, 178.44, "FJ"),
        // Cities a few km from a border.
        ("Basel", 47.56, 7.59, "CH"),
        ("Strasbourg", 48.58, 7.75, "EU"),
        ("Detroit", 42.33, -83.05, "US"),
        ("Windsor", 42.30, -83.02, "CA"),
        ("San Diego", 32.72, -117.16, "US"),
        ("Tijuana", 32.53, -117.04, "MX"),
        // Downtown El Paso, 1 km from the Rio Grande, falls in Mexico at every tolerance
        // tried (0.01° to 0.03°): the 1:50m border is not drawn that finely. Its airport:
        ("El Paso airport", 31.80, -106.38, "US"),
        ("Ciudad Juárez", 31.69, -106.42, "MX"),
        ("Macao", 22.19, 113.54, "MO"),
    ] {
        assert_eq!(jurisdiction_at(at(lat, lon)), want, "{name}");
    }
    assert_eq!(country_at(at(49.61, 6.13)), "LU");
    assert_eq!(country_at(at(50.11, 8.68)), "DE");
}

#[test]
fn sea_points_take_the_nearest_country() {
    // 40 km off Lisbon, in the Atlantic.
    assert_eq!(country_at(at(38.7, -9.6)), "PT");
    assert_eq!(jurisdiction_at(at(38.7, -9.6)), "EU");
    // Mid Pacific, ~300 km from Kiritimati (Kiribati), ~2,000 km from Hawaii.
    assert_eq!(country_at(at(0.0, -160.0)), "KI");
    // Between Tasmania and New Zealand, nearer Tasmania.
    assert_eq!(country_at(at(-42.0, 150.0)), "AU");
}

#[test]
fn every_catalog_region_is_in_its_catalog_jurisdiction() {
    let wrong: Vec<String> = crate::data::regions()
        .iter()
        .filter(|r| jurisdiction_at(r.location()) != r.jurisdiction)
        .map(|r| {
            format!(
                "{} {} {} -> {}",
                r.key(),
                r.lat,
                r.lon,
                jurisdiction_at(r.location())
            )
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn labels_name_the_nearest_catalog_city_or_the_coordinates() {
    assert_eq!(place_label(at(-33.87, 151.21)), "Sydney, AU");
    assert_eq!(place_label(at(52.52, 13.40)), "Berlin, DE");
    assert_eq!(place_label(at(-23.55, -46.63)), "Sao Paulo, BR");
    assert_eq!(place_label(at(39.01, -77.43)), "Ashburn, US");
    assert_eq!(place_label(at(53.35, -6.26)), "Dublin, IE");
    assert_eq!(place_label(at(50.11, 8.68)), "Frankfurt, DE");
    assert_eq!(place_label(at(0.0, -160.0)), "0.00, -160.00");
    assert_eq!(coordinates_label(at(-33.8688, 151.2093)), "-33.87, 151.21");
}

#[test]
fn the_latitude_prefilter_leaves_every_label_unchanged() {
    // Each catalog region and points around it out to past the radius (0.9° of latitude is
    // 100 km), labelled from the prefiltered regions and from all of them.
    let regions = crate::data::regions();
    let mut n = 0;
    for r in regions {
        for (dlat, dlon) in [
            (0.0, 0.0),
            (0.5, 0.5),
            (-0.899, 0.0),
            (0.8993, 0.0),
            (0.9, 0.0),
            (-1.2, 0.3),
            (0.3, -1.5),
        ] {
            let p = at(r.lat + dlat, r.lon + dlon);
            let all = jurisdiction::label_among(p, regions.iter());
            assert_eq!(place_label(p), all, "{} + ({dlat}, {dlon})", r.key());
            n += 1;
        }
    }
    assert_eq!(n, 7 * regions.len());
}

#[test]
fn bad_numbers_do_not_panic() {
    assert_eq!(country_at(at(f64::NAN, 0.0)), "");
    assert!(!country_at(at(95.0, 400.0)).is_empty());
}
