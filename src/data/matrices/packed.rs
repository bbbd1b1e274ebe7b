//! The matrices as stored in the binary (issue 16: what the browser downloads): integers in
//! the CSV's own unit, decoded once into [`SymRtt`] links at first use. See
//! build/packed_matrices.rs for the layout; tests/packed_matrices.rs proves the decoded
//! links equal, bit for bit, the `f32` tables build.rs computes from the same files.

use super::SymRtt;
use crate::data::region_anchors;

/// "Not measured" in [`PackedMatrix::there`] (and after adding the difference, for `j → i`).
const NONE: u16 = u16::MAX;

/// One matrix: its regions and, for each pair `i < j` of them in row order, both directions.
#[derive(Debug)]
pub struct PackedMatrix {
    /// Units per millisecond: 1, 10 or 100, the finest decimal the CSV uses.
    pub per_ms: f64,
    /// Catalog indices of the matrix's regions, ascending.
    pub regions: &'static [u16],
    /// `regions[i] → regions[j]` in units, [`u16::MAX`] when not measured.
    pub there: &'static [u16],
    /// `regions[j] → regions[i]` minus `there`, wrapping in `u16`.
    pub back_minus_there: &'static [i16],
}

impl PackedMatrix {
    /// The directed figures of every pair: `(from, to, ms)` for each measured direction, the
    /// `ms` being the `f64` the CSV text parses to.
    pub fn directed(&self) -> impl Iterator<Item = (u16, u16, f64)> + '_ {
        self.pairs()
            .zip(self.there.iter().zip(self.back_minus_there))
            .flat_map(move |((a, b), (&ab, &d))| {
                let ba = ab.wrapping_add(d as u16);
                [(a, b, ab), (b, a, ba)]
            })
            .filter(|&(_, _, u)| u != NONE)
            .map(|(a, b, u)| (a, b, f64::from(u) / self.per_ms))
    }

    /// The undirected links after the asymmetry rule, sorted by `(a, b)`: the mean of the
    /// measured directions, computed as build.rs's `symmetrise` does (each direction rounded
    /// to `f32` first, summed in `f64`), and the haversine distance as `f32` (between the
    /// regions' cached [`crate::geo::Anchor`]s: the same bits as `great_circle_km`).
    pub fn links(&self) -> Vec<SymRtt> {
        let anchors = region_anchors();
        self.pairs()
            .zip(self.there.iter().zip(self.back_minus_there))
            .filter_map(|((a, b), (&ab, &d))| {
                let (ms, directions) = self.mean(ab, d)?;
                let (ra, rb) = (&anchors[usize::from(a)], &anchors[usize::from(b)]);
                Some(SymRtt {
                    a,
                    b,
                    ms,
                    directions,
                    km: ra.km_to(rb) as f32,
                })
            })
            .collect()
    }

    /// The link between catalog regions `i` and `j` (either order) without decoding the
    /// matrix: its mean (ms, bit for bit [`PackedMatrix::links`]'s) and how many directions
    /// were measured. For a matrix read only pair by pair (the Azure P95s), this spares the
    /// page's first evaluation a decode and a haversine per link.
    pub fn link(&self, i: usize, j: usize) -> Option<(f32, u8)> {
        let at = |r: usize| {
            let r = u16::try_from(r).ok()?;
            self.regions.binary_search(&r).ok()
        };
        let (p, q) = (at(i.min(j))?, at(i.max(j))?);
        if p == q {
            return None;
        }
        // Row p (the pairs of regions[p] with each later region) starts after rows 0..p.
        let n = self.regions.len();
        let k = p * (n - 1) - p * p.saturating_sub(1) / 2 + (q - p - 1);
        self.mean(self.there[k], self.back_minus_there[k])
    }

    /// The mean of a pair's measured directions, computed as build.rs's `symmetrise` does
    /// (each direction rounded to `f32` first, summed in `f64`), and how many there are.
    fn mean(&self, ab: u16, d: i16) -> Option<(f32, u8)> {
        let (mut sum, mut n) = (0.0, 0u8);
        for u in [ab, ab.wrapping_add(d as u16)] {
            if u != NONE {
                sum += f64::from((f64::from(u) / self.per_ms) as f32);
                n += 1;
            }
        }
        (n > 0).then(|| ((sum / f64::from(n)) as f32, n))
    }

    /// `(regions[i], regions[j])` for `i < j`, in row order.
    fn pairs(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        let r = self.regions;
        (0..r.len()).flat_map(move |i| r[i + 1..].iter().map(move |&b| (r[i], b)))
    }
}

#[cfg(test)]
mod tests {
    use crate::data::matrices::DATASETS;
    use crate::data::REGIONS;

    #[test]
    fn a_pair_read_in_place_is_its_decoded_link_bit_for_bit() {
        for ds in DATASETS {
            let (packed, links) = (ds.packed(), ds.reference_links());
            for l in links {
                let (a, b) = (usize::from(l.a), usize::from(l.b));
                let want = Some((l.ms.to_bits(), l.directions));
                let got = |i, j| {
                    packed
                        .link(i, j)
                        .map(|(ms, n): (f32, u8)| (ms.to_bits(), n))
                };
                assert_eq!(got(a, b), want, "{} {l:?}", ds.file);
                assert_eq!(got(b, a), want, "{} {l:?}", ds.file);
            }
            // Every other pair of catalog regions (unmeasured, or not in this matrix) is None.
            let mut found = 0;
            for i in 0..REGIONS.len() {
                for j in 0..REGIONS.len() {
                    found += usize::from(packed.link(i, j).is_some());
                }
            }
            assert_eq!(found, 2 * links.len(), "{}", ds.file);
            assert_eq!(packed.link(REGIONS.len() + 70_000, 0), None);
        }
    }
}
