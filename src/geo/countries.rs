//! Which country a point is in: Natural Earth 1:50m admin-0 countries (public domain, via
//! npm's world-atlas 2.0.2), simplified and quantised by `scripts/countries-bin.mjs` into
//! `assets/countries-50m.bin` (layout in the script). Decoded once, on first use.
//!
//! A point inside a country's polygons gets its ISO 3166-1 alpha-2 code. A point in no
//! polygon (at sea, or off a coast the simplification moved) gets the country whose border
//! or coast is nearest: distances are measured on a local equirectangular projection around
//! the point (longitude differences scaled by cos(latitude)), which ranks candidates a few
//! hundred km away correctly and is cheap; it is an approximation far from the point.

use std::sync::OnceLock;

static ASSET: &[u8] = include_bytes!("../../assets/countries-50m.bin");
/// Units per degree in the asset (0.01°); must match `QUANTUM` in the script.
const QUANTUM: i32 = 100;
const TURN: i32 = 360 * QUANTUM;

struct Ring {
    pts: Vec<(i32, i32)>,
    min: (i32, i32),
    max: (i32, i32),
}

struct Country {
    code: &'static str,
    rings: Vec<Ring>,
}

fn countries() -> &'static [Country] {
    static DECODED: OnceLock<Vec<Country>> = OnceLock::new();
    // A damaged asset would be a build defect (tests decode it); never a panic in the page.
    DECODED.get_or_init(|| decode(ASSET).unwrap_or_default())
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }
    fn uv(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn zv(&mut self) -> Option<i32> {
        let u = self.uv()?;
        Some(((u >> 1) as i32) ^ -((u & 1) as i32))
    }
    fn code(&mut self) -> Option<&'a str> {
        let s = self.bytes.get(self.at..self.at + 2)?;
        self.at += 2;
        std::str::from_utf8(s).ok()
    }
}

fn decode(bytes: &'static [u8]) -> Option<Vec<Country>> {
    let mut r = Reader { bytes, at: 0 };
    if bytes.get(..4)? != b"MC1\n" {
        return None;
    }
    r.at = 4;
    let arc_count = r.uv()? as usize;
    let mut arcs: Vec<Vec<(i32, i32)>> = Vec::with_capacity(arc_count.min(4096));
    for _ in 0..arc_count {
        let n = r.uv()? as usize;
        let mut arc = Vec::with_capacity(n.min(65_536));
        let (mut x, mut y) = (0i32, 0i32);
        for _ in 0..n {
            x = x.checked_add(r.zv()?)?;
            y = y.checked_add(r.zv()?)?;
            arc.push((x, y));
        }
        arcs.push(arc);
    }
    let count = r.uv()? as usize;
    let mut out = Vec::with_capacity(count.min(512));
    for _ in 0..count {
        let code = r.code()?;
        let mut rings = Vec::new();
        for _ in 0..r.uv()? {
            for _ in 0..r.uv()? {
                let refs = (0..r.uv()?).map(|_| r.zv()).collect::<Option<Vec<_>>>()?;
                rings.push(ring(&arcs, &refs)?);
            }
        }
        out.push(Country { code, rings });
    }
    Some(out)
}

/// Joins a ring's arcs (`~i` = arc `i` reversed), shifting each by whole turns so it meets the
/// previous one (arcs are unwrapped across the antimeridian); a ring that ends a turn away
/// from its start goes round a pole and is closed along it.
fn ring(arcs: &[Vec<(i32, i32)>], refs: &[i32]) -> Option<Ring> {
    let mut pts: Vec<(i32, i32)> = Vec::new();
    for &i in refs {
        let arc = arcs.get(if i < 0 { !i } else { i } as usize)?;
        let mut seq: Vec<(i32, i32)> = arc.clone();
        if i < 0 {
            seq.reverse();
        }
        let shift = match (pts.last(), seq.first()) {
            (Some(&(px, _)), Some(&(fx, _))) => {
                ((px - fx) as f64 / TURN as f64).round() as i32 * TURN
            }
            _ => 0,
        };
        let skip = usize::from(!pts.is_empty());
        pts.extend(seq.into_iter().skip(skip).map(|(x, y)| (x + shift, y)));
    }
    let (&first, &last) = (pts.first()?, pts.last()?);
    if first.0 != last.0 {
        let mean_y = pts.iter().map(|p| i64::from(p.1)).sum::<i64>() / pts.len() as i64;
        let pole = if mean_y < 0 { -90 } else { 90 } * QUANTUM;
        pts.extend([(last.0, pole), (first.0, pole), first]);
    }
    let min = pts
        .iter()
        .fold((i32::MAX, i32::MAX), |m, p| (m.0.min(p.0), m.1.min(p.1)));
    let max = pts
        .iter()
        .fold((i32::MIN, i32::MIN), |m, p| (m.0.max(p.0), m.1.max(p.1)));
    Some(Ring { pts, min, max })
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

/// The ISO 3166-1 alpha-2 code of the country at a point (unfolded: Germany is `DE`), or of
/// the nearest country for a point in none; `""` only if the asset failed to decode.
pub(super) fn country_code_at(lat: f64, lon: f64) -> &'static str {
    let (x, y) = (lon * f64::from(QUANTUM), lat * f64::from(QUANTUM));
    let all = countries();
    if let Some(c) = all
        .iter()
        .find(|c| c.rings.iter().filter(|r| r.crossings(x, y)).count() % 2 == 1)
    {
        return c.code;
    }
    let cos_lat = lat.to_radians().cos().max(0.01);
    all.iter()
        .map(|c| {
            let d = c
                .rings
                .iter()
                .map(|r| r.distance2(lon, lat, cos_lat))
                .fold(f64::INFINITY, f64::min);
            (d, c.code)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map_or("", |(_, code)| code)
}

/// Countries and points in the asset, for the size table and tests.
pub(super) fn asset_stats() -> (usize, usize, usize) {
    let c = countries();
    let points = c.iter().flat_map(|c| &c.rings).map(|r| r.pts.len()).sum();
    (ASSET.len(), c.len(), points)
}

/// Whether the map has a country with this alpha-2 code.
pub(super) fn has_code(code: &str) -> bool {
    countries().iter().any(|c| c.code == code)
}
