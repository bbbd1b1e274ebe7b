//! The quantile of a mixture of link distributions (a read-your-writes read: most reads local,
//! the share right after the user's own write at the writer), by bisection on its CDF.

use super::{normal_cdf, Dist};

/// The `p`-quantile of a mixture of distributions with the given weights (summing to 1):
/// reads that go to one of several places with known shares. Found by bisection on the
/// mixture's CDF between the smallest and largest component quantiles: 40 halvings, the
/// bracket (at most a few hundred ms) shrinks below 1e-9 ms.
///
/// The result is exactly that bisection's, but most of its CDF evaluations are skipped: a
/// safeguarded Newton iteration first finds points `a` and `b` a few 1e-9 ms either side of
/// the root with `F(a) < p - SLOP` and `F(b) >= p + SLOP` (each checked with the same CDF), and
/// a halving's midpoint at or below `a` (at or above `b`) is then known to fall below (above)
/// `p` without evaluating it (see [`Skip`]). Only the few midpoints between `a` and `b` are
/// evaluated; when no such pair is found every midpoint is, as before.
pub fn mixture_quantile(parts: &[(f64, Dist)], p: f64) -> f64 {
    let cdf = |t: f64| -> f64 { parts.iter().map(|(w, d)| w * d.cdf(t)).sum() };
    let (mut lo, mut hi) = parts
        .iter()
        .fold((f64::INFINITY, 0.0f64), |(lo, hi), (_, d)| {
            let q = d.quantile(p);
            (lo.min(q), hi.max(q))
        });
    if lo >= hi || lo.is_nan() || hi.is_nan() {
        return hi;
    }
    let skip = Skip::around_root(parts, p, lo, hi, &cdf);
    for _ in 0..40 {
        let mid = 0.5 * (lo + hi);
        let below = if mid <= skip.below {
            true
        } else if mid >= skip.above {
            false
        } else {
            cdf(mid) < p
        };
        if below {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// Where [`mixture_quantile`]'s halvings may skip the CDF: every `t <= below` has
/// `F(t) < p` and every `t >= above` has `F(t) >= p`, as the CDF computes them.
///
/// Why a skipped comparison is the one the bisection would make: the mixture's CDF is
/// non-decreasing, and as computed (a logarithm, a rational erfc approximation, an exp, a
/// weighted sum) it departs from a non-decreasing function by rounding only. With every
/// component's sigma at least [`Skip::MIN_SIGMA`], a few ulps of the logarithm (about 1e-15
/// for latencies under 1e4 ms) move z by under 1e-12 and the CDF by under 4e-13, and the
/// erfc polynomial, exp and sum add a few 1e-16. So for `t <= below`, the computed
/// `F(t) <= F(below) + SLOP < p`, and likewise above. Components with a smaller sigma (near
/// point masses, only from hand-written tests) skip nothing.
struct Skip {
    below: f64,
    above: f64,
}

impl Skip {
    /// Margin for rounding in the computed CDF (see above: well under 1e-12).
    const SLOP: f64 = 1e-12;
    const MIN_SIGMA: f64 = 0.01;
    const NOTHING: Skip = Skip {
        below: f64::NEG_INFINITY,
        above: f64::INFINITY,
    };

    fn around_root(
        parts: &[(f64, Dist)],
        p: f64,
        lo: f64,
        hi: f64,
        cdf: &dyn Fn(f64) -> f64,
    ) -> Skip {
        if parts
            .iter()
            .any(|(w, d)| *w != 0.0 && (d.sigma.is_nan() || d.sigma < Self::MIN_SIGMA))
        {
            return Self::NOTHING;
        }
        let Some((t, slope)) = newton_root(parts, p, lo, hi) else {
            return Self::NOTHING;
        };
        // Far enough either side that the CDF differs from p by several SLOPs, plus a little
        // for Newton's own error; widened once if the checks fail.
        let mut delta = 8.0 * Self::SLOP / slope + 1e-12 * t;
        for _ in 0..2 {
            let (below, above) = (t - delta, t + delta);
            if cdf(below) < p - Self::SLOP && cdf(above) >= p + Self::SLOP {
                return Skip { below, above };
            }
            delta *= 64.0;
        }
        Self::NOTHING
    }
}

/// The mixture's CDF and density at `t`.
fn cdf_and_density(parts: &[(f64, Dist)], t: f64) -> (f64, f64) {
    let (mut cdf, mut density) = (0.0, 0.0);
    for (w, d) in parts {
        let x = t - d.shift;
        if x <= 0.0 {
            continue;
        }
        let z = (x.ln() - d.mu) / d.sigma;
        cdf += w * normal_cdf(z);
        density += w * (-0.5 * z * z).exp() / (d.sigma * x * (2.0 * std::f64::consts::PI).sqrt());
    }
    (cdf, density)
}

/// A root of `F(t) = p` in `[lo, hi]` by Newton's method, bisecting whenever a step would
/// leave the bracket kept from the signs seen; with the density there. `None` when it does not
/// settle (the caller then skips nothing).
fn newton_root(parts: &[(f64, Dist)], p: f64, mut lo: f64, mut hi: f64) -> Option<(f64, f64)> {
    // Start at a lower bound of the root, near it when one part dominates the tail: each
    // part's CDF is at most 1, so at the root `w_i F_i(t) >= p - (1 - w_i)` for every part.
    let floor = parts
        .iter()
        .filter(|(w, _)| *w > 0.0 && p - (1.0 - w) > 0.0 && p - (1.0 - w) < *w)
        .map(|(w, d)| d.quantile((p - (1.0 - w)) / w))
        .fold(lo, f64::max);
    let mut t = if floor > lo && floor < hi {
        floor
    } else {
        0.5 * (lo + hi)
    };
    for _ in 0..60 {
        let (f, density) = cdf_and_density(parts, t);
        if !f.is_finite() || !density.is_finite() {
            return None;
        }
        if f < p {
            lo = t;
        } else {
            hi = t;
        }
        let newton = t - (f - p) / density;
        let next = if density > 0.0 && newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if (next - t).abs() <= 1e-11 * t.abs() {
            return (density > 0.0).then_some((next, density));
        }
        t = next;
    }
    None
}
