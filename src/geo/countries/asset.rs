//! Reading `assets/countries-50m.bin` (layout in `scripts/countries-bin.mjs`): where each arc
//! and each country starts, and one country's rings. Std only, so build.rs includes this file
//! too (`build/countries_index.rs`) and indexes the asset with the very code that reads it.

/// Units per degree in the asset (0.01°); must match `QUANTUM` in the script.
pub const QUANTUM: i32 = 100;
pub const TURN: i32 = 360 * QUANTUM;

/// One closed ring, in asset units, with its bounding box (longitudes may pass ±180°).
pub struct Ring {
    pub pts: Vec<(i32, i32)>,
    pub min: (i32, i32),
    pub max: (i32, i32),
}

/// Where things start in the asset: each arc's point count, each country's code (its
/// polygons follow the two code bytes). Built by build.rs (and tests); the app reads its
/// copy in `countries_index.rs`.
#[allow(dead_code)]
pub struct Layout<'a> {
    pub arc_at: Vec<usize>,
    pub countries: Vec<(&'a str, usize)>,
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

/// Walks the whole asset once without keeping a point: the offsets an index needs.
#[allow(dead_code)]
pub fn layout(bytes: &[u8]) -> Option<Layout<'_>> {
    if bytes.get(..4)? != b"MC1\n" {
        return None;
    }
    let mut r = Reader { bytes, at: 4 };
    let arc_count = r.uv()? as usize;
    let mut arc_at = Vec::with_capacity(arc_count.min(65_536));
    for _ in 0..arc_count {
        arc_at.push(r.at);
        for _ in 0..2 * r.uv()? {
            r.uv()?;
        }
    }
    let count = r.uv()? as usize;
    let mut countries = Vec::with_capacity(count.min(512));
    for _ in 0..count {
        let code = r.code()?;
        countries.push((code, r.at));
        for _ in 0..r.uv()? {
            for _ in 0..r.uv()? {
                for _ in 0..r.uv()? {
                    r.zv()?;
                }
            }
        }
    }
    Some(Layout { arc_at, countries })
}

/// The arc whose point count is at byte `at`: absolute points from its deltas.
pub fn arc(bytes: &[u8], at: usize) -> Option<Vec<(i32, i32)>> {
    let mut r = Reader { bytes, at };
    let n = r.uv()? as usize;
    let mut arc = Vec::with_capacity(n.min(65_536));
    let (mut x, mut y) = (0i32, 0i32);
    for _ in 0..n {
        x = x.checked_add(r.zv()?)?;
        y = y.checked_add(r.zv()?)?;
        arc.push((x, y));
    }
    Some(arc)
}

/// The rings of the country whose polygons start at byte `at` (every polygon's rings, in
/// order), each arc read through `arc_at` (arc index -> its byte offset).
pub fn country_rings(
    bytes: &[u8],
    at: usize,
    arc_at: impl Fn(usize) -> Option<usize>,
) -> Option<Vec<Ring>> {
    let mut r = Reader { bytes, at };
    let mut rings = Vec::new();
    for _ in 0..r.uv()? {
        for _ in 0..r.uv()? {
            let refs = (0..r.uv()?).map(|_| r.zv()).collect::<Option<Vec<_>>>()?;
            rings.push(ring(&refs, |i| arc(bytes, arc_at(i)?))?);
        }
    }
    Some(rings)
}

/// Joins a ring's arcs (`~i` = arc `i` reversed), shifting each by whole turns so it meets the
/// previous one (arcs are unwrapped across the antimeridian); a ring that ends a turn away
/// from its start goes round a pole and is closed along it.
fn ring(refs: &[i32], arc: impl Fn(usize) -> Option<Vec<(i32, i32)>>) -> Option<Ring> {
    let mut pts: Vec<(i32, i32)> = Vec::new();
    for &i in refs {
        let mut seq = arc(if i < 0 { !i } else { i } as usize)?;
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
