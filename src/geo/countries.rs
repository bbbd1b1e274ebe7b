//! Which country a point is in: Natural Earth 1:50m admin-0 countries (public domain, via
//! npm's world-atlas 2.0.2), simplified and quantised by `scripts/countries-bin.mjs` into
//! `assets/countries-50m.bin` (layout in the script, read by [`asset`]).
//!
//! A point inside a country's polygons gets its ISO 3166-1 alpha-2 code. A point in no
//! polygon (at sea, or off a coast the simplification moved) gets the country whose border
//! or coast is nearest: distances are measured on a local equirectangular projection around
//! the point (longitude differences scaled by cos(latitude)), which ranks candidates a few
//! hundred km away correctly and is cheap; it is an approximation far from the point.
//!
//! Start-up: nothing is decoded up front. build.rs indexes the asset (`COUNTRIES`: each
//! country's box and where its polygons start; build/countries_index.rs), and a lookup
//! decodes, once each, only the countries whose box can hold the point or, at sea, whose
//! box is no farther than the nearest country found so far. The answers are those of
//! decoding every country (tests compare the two).

mod asset;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use asset::{Ring, QUANTUM, TURN};

static ASSET: &[u8] = include_bytes!("../../assets/countries-50m.bin");

/// A country of the asset as build.rs indexed it; longitudes and latitudes in asset units.
struct Indexed {
    code: &'static str,
    /// Byte offset of its polygons in the asset.
    at: u16,
    /// Its rings' longitudes lie in `west ..= west + span`, modulo a turn.
    west: i32,
    span: i32,
    south: i32,
    north: i32,
}

include!(concat!(env!("OUT_DIR"), "/countries_index.rs"));

/// A country's rings, decoded on first use. A damaged asset would be a build defect (build.rs
/// decodes every country); it reads as no rings, never as a panic in the page.
fn rings(i: usize) -> &'static [Ring] {
    static DECODED: [OnceLock<Vec<Ring>>; COUNTRY_COUNT] =
        [const { OnceLock::new() }; COUNTRY_COUNT];
    DECODED[i].get_or_init(|| {
        let arc_at = |a: usize| ARC_AT.get(a).map(|&at| usize::from(at));
        asset::country_rings(ASSET, usize::from(COUNTRIES[i].at), arc_at).unwrap_or_default()
    })
}

impl Indexed {
    /// How far east of `west` the longitude `x` is, in asset units, in `0..TURN`.
    fn east_of_west(&self, x: f64) -> f64 {
        (x - f64::from(self.west)).rem_euclid(f64::from(TURN))
    }

    /// Whether a ring of this country can contain the point: a unit of slack on every side
    /// keeps the float arithmetic from excluding a point on the box's edge.
    fn may_contain(&self, x: f64, y: f64) -> bool {
        y >= f64::from(self.south - 1)
            && y <= f64::from(self.north + 1)
            && (self.span >= TURN - 1 || {
                let e = self.east_of_west(x);
                e <= f64::from(self.span + 1) || e >= f64::from(TURN - 1)
            })
    }

    /// A lower bound on [`Ring::distance2`] for every ring of the country. Longitudes: when
    /// the box spans under 179°, every segment `distance2` measures has both ends on the
    /// box's side of the point (a segment that would cross to the other side spans over 180°
    /// and is skipped there), so it is at least the angle from the point to the box.
    fn distance2_bound(&self, lon: f64, lat: f64, cos_lat: f64) -> f64 {
        let q = f64::from(QUANTUM);
        let (x, y) = (lon * q, lat * q);
        let dy = (f64::from(self.south - 1) - y)
            .max(y - f64::from(self.north + 1))
            .max(0.0);
        let dx = if self.span >= TURN / 2 - QUANTUM {
            0.0
        } else {
            let e = self.east_of_west(x);
            let outside = (e - f64::from(self.span)).min(f64::from(TURN) - e);
            (outside - 1.0).max(0.0)
        };
        let (dx, dy) = (dx / q * cos_lat, dy / q);
        (dx * dx + dy * dy) * (1.0 - 1e-9)
    }
}

impl Ring {
    /// Even-odd crossing test of a horizontal ray; `x` is first moved by whole turns into the
    /// ring's own longitude range (rings may extend past ±180°).
    fn crossings(&self, x: f64, y: f64) -> bool {
        let turn = f64::from(TURN);
        let x = x - ((x - f64::from(self.min.0)) / turn).floor() * turn;
        if x > f64::from(self.max.0) || y < f64::from(self.min.1) || y > f64::from(self.max.1) {
            return false;
        }
        let mut inside = false;
        for w in self.pts.windows(2) {
            let ((x1, y1), (x2, y2)) = (
                (f64::from(w[0].0), f64::from(w[0].1)),
                (f64::from(w[1].0), f64::from(w[1].1)),
            );
            if (y1 > y) != (y2 > y) && x < x1 + (y - y1) / (y2 - y1) * (x2 - x1) {
                inside = !inside;
            }
        }
        inside
    }

    /// Squared distance (degrees², longitudes scaled by `cos_lat`) from the point to the ring.
    fn distance2(&self, lon: f64, lat: f64, cos_lat: f64) -> f64 {
        let project = |&(x, y): &(i32, i32)| {
            let q = f64::from(QUANTUM);
            let dx = (f64::from(x) / q - lon + 540.0).rem_euclid(360.0) - 180.0;
            (dx * cos_lat, f64::from(y) / q - lat)
        };
        let mut best = f64::INFINITY;
        for w in self.pts.windows(2) {
            let (a, b) = (project(&w[0]), project(&w[1]));
            // A segment whose ends fall on both sides of the far meridian is not near.
            if (a.0 - b.0).abs() > 180.0 * cos_lat {
                continue;
            }
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len2 = dx * dx + dy * dy;
            let t = if len2 == 0.0 {
                0.0
            } else {
                (-(a.0 * dx + a.1 * dy) / len2).clamp(0.0, 1.0)
            };
            let (px, py) = (a.0 + t * dx, a.1 + t * dy);
            best = best.min(px * px + py * py);
        }
        best
    }
}

/// Whether an odd number of a country's rings hold the point (holes and lakes are rings too).
fn holds(rings: &[Ring], x: f64, y: f64) -> bool {
    rings.iter().filter(|r| r.crossings(x, y)).count() % 2 == 1
}

/// The squared distance from the point to the nearest ring of a country.
fn distance2(rings: &[Ring], lon: f64, lat: f64, cos_lat: f64) -> f64 {
    rings
        .iter()
        .map(|r| r.distance2(lon, lat, cos_lat))
        .fold(f64::INFINITY, f64::min)
}

/// The ISO 3166-1 alpha-2 code of the country at a point (unfolded: Germany is `DE`), or of
/// the nearest country for a point in none; `""` only if the asset failed to decode.
pub(super) fn country_code_at(lat: f64, lon: f64) -> &'static str {
    let (x, y) = (lon * f64::from(QUANTUM), lat * f64::from(QUANTUM));
    // The first country in the asset's order that holds the point, as a scan of all would.
    if let Some(c) = (0..COUNTRIES.len())
        .filter(|&i| COUNTRIES[i].may_contain(x, y))
        .find(|&i| holds(rings(i), x, y))
    {
        return COUNTRIES[c].code;
    }
    // At sea: the nearest country, the first in the asset's order on a tie. Countries are
    // measured nearest box first, until a box is farther than the best distance found.
    let cos_lat = lat.to_radians().cos().max(0.01);
    let mut by_bound: Vec<(f64, usize)> = (0..COUNTRIES.len())
        .map(|i| (COUNTRIES[i].distance2_bound(lon, lat, cos_lat), i))
        .collect();
    crate::sort::sort_by(&mut by_bound, |a, b| {
        a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
    });
    let mut best: Option<(f64, usize)> = None;
    for (bound, i) in by_bound {
        if best.is_some_and(|(d, _)| bound > d) {
            break;
        }
        let d = distance2(rings(i), lon, lat, cos_lat);
        if best.is_none_or(|(bd, bi)| d.total_cmp(&bd).then(i.cmp(&bi)).is_lt()) {
            best = Some((d, i));
        }
    }
    best.map_or("", |(_, i)| COUNTRIES[i].code)
}

/// Countries and points in the asset, for the size table and tests.
pub(super) fn asset_stats() -> (usize, usize, usize) {
    let points = (0..COUNTRIES.len())
        .flat_map(rings)
        .map(|r| r.pts.len())
        .sum();
    (ASSET.len(), COUNTRIES.len(), points)
}

/// Whether the map has a country with this alpha-2 code.
pub(super) fn has_code(code: &str) -> bool {
    COUNTRIES.iter().any(|c| c.code == code)
}
