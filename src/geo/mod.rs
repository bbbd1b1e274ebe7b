//! Geometry on the sphere, the physical floor on round-trip time, and what the coordinates
//! of a place say about it (its country, jurisdiction and label).

use serde::{Deserialize, Serialize};

mod countries;
mod jurisdiction;
#[cfg(test)]
mod tests_places;

pub use jurisdiction::{
    coordinates_label, country_at, fold_eu, is_country_code, jurisdiction_at, place_label,
    EU_MEMBERS, METRO_RADIUS_KM,
};

/// Bytes of the built-in country map, countries and points in it (for size reports).
pub fn country_map_stats() -> (usize, usize, usize) {
    countries::asset_stats()
}

/// Mean Earth radius (km), the usual figure for haversine distances.
pub const EARTH_RADIUS_KM: f64 = 6371.0;
/// Light in fibre travels about 200 km per ms (refractive index ~1.47).
pub const FIBRE_KM_PER_MS: f64 = 200.0;

/// A point on Earth in decimal degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub const fn new(lat: f64, lon: f64) -> Self {
        LatLon { lat, lon }
    }
}

/// Great-circle distance in km (haversine).
pub fn great_circle_km(a: LatLon, b: LatLon) -> f64 {
    Anchor::new(a).km_to(&Anchor::new(b))
}

/// A point with its latitude's radians and cosine worked out once, for many distances from
/// it: a catalog region's ([`crate::data::region_anchors`]) serves every distance to it, so a
/// haversine between two anchors costs two sines instead of four trigonometric calls
/// (software trig is slow in wasm, the more so before V8 has optimised it: the page's first
/// evaluation computes a few thousand). The same operations in the same order as
/// [`great_circle_km`], so every distance is bit-for-bit the same.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor {
    at: LatLon,
    lat_rad: f64,
    cos_lat: f64,
}

impl Anchor {
    pub fn new(at: LatLon) -> Anchor {
        let lat_rad = at.lat.to_radians();
        Anchor {
            at,
            lat_rad,
            cos_lat: lat_rad.cos(),
        }
    }

    pub fn at(&self) -> LatLon {
        self.at
    }

    /// [`great_circle_km`] from this point to `b`.
    pub fn km_to(&self, b: &Anchor) -> f64 {
        let dp = b.lat_rad - self.lat_rad;
        let dl = (b.at.lon - self.at.lon).to_radians();
        let h = (dp / 2.0).sin().powi(2) + self.cos_lat * b.cos_lat * (dl / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
    }
}

/// The fibre lower bound on a round trip: there and back along the great circle at 200 km/ms.
pub fn fibre_floor_rtt_ms(a: LatLon, b: LatLon) -> f64 {
    2.0 * great_circle_km(a, b) / FIBRE_KM_PER_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn london_to_sydney_is_about_17000_km_and_170_ms_floor() {
        let london = LatLon::new(51.5074, -0.1278);
        let sydney = LatLon::new(-33.8688, 151.2093);
        let km = great_circle_km(london, sydney);
        assert!((km - 16_990.0).abs() < 60.0, "{km}");
        let floor = fibre_floor_rtt_ms(london, sydney);
        assert!((floor - 169.9).abs() < 1.0, "{floor}");
    }

    /// The haversine as written before anchors, each call doing its own trigonometry.
    fn haversine(a: LatLon, b: LatLon) -> f64 {
        let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
        let dp = p2 - p1;
        let dl = (b.lon - a.lon).to_radians();
        let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
    }

    #[test]
    fn anchored_distances_are_the_haversine_bit_for_bit() {
        let regions = crate::data::regions();
        let anchors = crate::data::region_anchors();
        let points = [
            LatLon::new(51.5074, -0.1278),
            LatLon::new(-33.8688, 151.2093),
        ];
        for (i, a) in regions.iter().enumerate() {
            assert_eq!(a.anchor(), anchors[i]);
            for (j, b) in regions.iter().enumerate() {
                let want = haversine(a.location(), b.location());
                assert_eq!(anchors[i].km_to(&anchors[j]).to_bits(), want.to_bits());
                assert_eq!(
                    great_circle_km(a.location(), b.location()).to_bits(),
                    want.to_bits()
                );
            }
            for p in points {
                let want = haversine(p, a.location()).to_bits();
                assert_eq!(Anchor::new(p).km_to(&anchors[i]).to_bits(), want);
            }
        }
        // A region that is not a catalog row (a copy) gets an anchor worked out on the spot.
        let copy = regions[0];
        assert_eq!(copy.anchor(), Anchor::new(copy.location()));
    }

    #[test]
    fn distance_to_self_is_zero() {
        let p = LatLon::new(10.0, 20.0);
        assert_eq!(great_circle_km(p, p), 0.0);
    }
}
