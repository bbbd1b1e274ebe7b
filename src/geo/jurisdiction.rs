//! A point's jurisdiction and label, from its coordinates alone.
//!
//! The jurisdiction is the country's ISO 3166-1 alpha-2 code, except that the European
//! Union's member states fold into `EU` ([`fold_eu`], the one place that does it), because
//! residency rules and the region catalog bind to the Union, not to a member state.

use std::cell::RefCell;

use super::{countries, Anchor, LatLon, EARTH_RADIUS_KM};

/// The EU's 27 member states (europa.eu, "EU countries", 2020 onwards), plus the two
/// ISO 3166 entries Natural Earth draws apart from their state but which are inside the
/// Union: Åland (`AX`, Finland) and Saint-Martin (`MF`, an outermost region of France,
/// TFEU art. 349). Other overseas countries and territories (Greenland, Aruba, New
/// Caledonia...) are outside the Union and keep their own code.
pub const EU_MEMBERS: [&str; 29] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "AX", "MF",
];

/// `EU` for a member state's code, the code itself otherwise.
pub fn fold_eu(country: &'static str) -> &'static str {
    if EU_MEMBERS.contains(&country) {
        "EU"
    } else {
        country
    }
}

/// Lookups the page repeats (every evaluation asks for every population) are remembered;
/// assumption: 256 distinct points is far more than a plan has, so the cache just resets.
const CACHE_POINTS: usize = 256;

/// The country (ISO 3166-1 alpha-2, member states not folded) at a point; a point at sea
/// gets the nearest country. `""` only if the built-in map failed to load.
pub fn country_at(p: LatLon) -> &'static str {
    thread_local! {
        static CACHE: RefCell<Vec<((u64, u64), &'static str)>> = const { RefCell::new(Vec::new()) };
    }
    let key = (p.lat.to_bits(), p.lon.to_bits());
    if let Some(hit) = CACHE.with_borrow(|c| c.iter().find(|e| e.0 == key).map(|e| e.1)) {
        return hit;
    }
    let code = if p.lat.is_finite() && p.lon.is_finite() {
        countries::country_code_at(p.lat.clamp(-90.0, 90.0), p.lon)
    } else {
        ""
    };
    CACHE.with_borrow_mut(|c| {
        if c.len() >= CACHE_POINTS {
            c.clear();
        }
        c.push((key, code));
    });
    code
}

/// The jurisdiction residency rules see at a point: [`country_at`] with the EU folded.
pub fn jurisdiction_at(p: LatLon) -> &'static str {
    fold_eu(country_at(p))
}

/// True for a code the coordinates can produce (a country in the map, or `EU`): a v1 plan's
/// claim of such a code is a claim about where the place is, which the coordinates decide.
pub fn is_country_code(code: &str) -> bool {
    code == "EU" || countries::has_code(code)
}

/// Within this distance a place is labelled by the nearest catalog city. Assumption: 100 km
/// spans a metropolitan area and its commuter belt, and is far less than the distance
/// between two catalog cities that share no metro.
pub const METRO_RADIUS_KM: f64 = 100.0;

/// How a place with no name of its own is labelled: the catalog city within
/// [`METRO_RADIUS_KM`] that most catalog regions there name (ties: the nearest), with its
/// country ("Sydney, AU": AWS and Google say Sydney where Azure says New South Wales), else
/// its coordinates to 0.01° ("-33.87, 151.21"); a label never names a place the coordinates
/// have left.
pub fn place_label(p: LatLon) -> String {
    // No path between two latitudes is shorter than the meridian's, so a region whose
    // latitude alone is farther than the radius needs no haversine (the page labels every
    // catalog region, each against all of them); the margin covers rounding.
    let max_dlat = (METRO_RADIUS_KM / EARTH_RADIUS_KM).to_degrees() * (1.0 + 1e-6);
    let regions = crate::data::regions().iter();
    label_among(p, regions.filter(|r| (r.lat - p.lat).abs() <= max_dlat))
}

/// [`place_label`] choosing among `regions` (tests pass every catalog region).
pub(super) fn label_among<'a>(
    p: LatLon,
    regions: impl Iterator<Item = &'a crate::data::Region>,
) -> String {
    // The catalog's city column sometimes adds a state or country: "Sydney, Australia".
    let city = |r: &crate::data::Region| r.city.split(',').next().unwrap_or(r.city).trim();
    let at = Anchor::new(p);
    let near: Vec<(f64, &crate::data::Region)> = regions
        .map(|r| (at.km_to(&r.anchor()), r))
        .filter(|(km, _)| *km <= METRO_RADIUS_KM)
        .collect();
    let votes = |name: &str| near.iter().filter(|(_, r)| city(r) == name).count();
    let best = near.iter().min_by(|a, b| {
        votes(city(b.1))
            .cmp(&votes(city(a.1)))
            .then(a.0.total_cmp(&b.0))
    });
    match best {
        Some((_, r)) => format!("{}, {}", city(r), country_at(r.location())),
        None => coordinates_label(p),
    }
}

/// "lat, lon" to 0.01° (about 1 km), the precision the map places a click at.
pub fn coordinates_label(p: LatLon) -> String {
    format!("{:.2}, {:.2}", p.lat, p.lon)
}
