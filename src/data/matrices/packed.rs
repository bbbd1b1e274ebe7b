//! The matrices as stored in the binary (issue 16: what the browser downloads): integers in
//! the CSV's own unit, decoded once into [`SymRtt`] links at first use. See
//! build/packed_matrices.rs for the layout; tests/packed_matrices.rs proves the decoded
//! links equal, bit for bit, the `f32` tables build.rs computes from the same files.

use super::SymRtt;
use crate::data::REGIONS;
use crate::geo::great_circle_km;

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
    /// to `f32` first, summed in `f64`), and the haversine distance as `f32`.
    pub fn links(&self) -> Vec<SymRtt> {
        self.pairs()
            .zip(self.there.iter().zip(self.back_minus_there))
            .filter_map(|((a, b), (&ab, &d))| {
                let (mut sum, mut n) = (0.0, 0u8);
                for u in [ab, ab.wrapping_add(d as u16)] {
                    if u != NONE {
                        sum += f64::from((f64::from(u) / self.per_ms) as f32);
                        n += 1;
                    }
                }
                if n == 0 {
                    return None;
                }
                let (ra, rb) = (&REGIONS[usize::from(a)], &REGIONS[usize::from(b)]);
                Some(SymRtt {
                    a,
                    b,
                    ms: (sum / f64::from(n)) as f32,
                    directions: n,
                    km: great_circle_km(ra.location(), rb.location()) as f32,
                })
            })
            .collect()
    }

    /// `(regions[i], regions[j])` for `i < j`, in row order.
    fn pairs(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        let r = self.regions;
        (0..r.len()).flat_map(move |i| r[i + 1..].iter().map(move |&b| (r[i], b)))
    }
}
