//! How far two providers' measurements of the same metro pair disagree: the noise floor
//! any cross-provider prediction is held to.

use crate::data::{regions, Provider};
use crate::geo::{great_circle_km, FIBRE_KM_PER_MS};

use super::super::model::{observations, Params};
use super::pct_err;

/// Ends within this distance count as the same metro for the agreement check.
pub const COLOCATED_KM: f64 = 100.0;

/// One link of provider `x` next to a co-located link of provider `y`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Agreement {
    pub x: Provider,
    pub y: Provider,
    /// Length of `x`'s link, km.
    pub km: f64,
    /// |y's figure, adjusted for the length difference as the model does − x's| / x's, %.
    pub pct: f64,
}

/// For every pair of links measured by two different providers whose ends are both within
/// [`COLOCATED_KM`] of each other, the absolute % difference (relative to the first, in both
/// orders), after the same distance adjustment the model uses.
pub fn colocated_agreement(params: Params) -> Vec<Agreement> {
    let obs = observations();
    let regs = regions();
    let n = regs.len();
    let km: Vec<f64> = (0..n * n)
        .map(|k| great_circle_km(regs[k / n].location(), regs[k % n].location()))
        .collect();
    let d = |i: u16, j: u16| km[usize::from(i) * n + usize::from(j)];
    let mut out = Vec::new();
    for x in obs {
        for y in obs.iter().filter(|y| y.provider != x.provider) {
            let (e1, e2) = (d(x.a, y.a) + d(x.b, y.b), d(x.a, y.b) + d(x.b, y.a));
            let (ea, eb) = if e1 <= e2 {
                (d(x.a, y.a), d(x.b, y.b))
            } else {
                (d(x.a, y.b), d(x.b, y.a))
            };
            if ea > COLOCATED_KM || eb > COLOCATED_KM {
                continue;
            }
            let adj = y.p50_ms + params.marginal_inflation * 2.0 * (x.km - y.km) / FIBRE_KM_PER_MS;
            out.push(Agreement {
                x: x.provider,
                y: y.provider,
                km: x.km,
                pct: pct_err(adj, x.p50_ms),
            });
        }
    }
    out
}
