//! `latency::mixture_quantile` skips most of its bisection's CDF evaluations (a Newton step
//! finds where the answer must lie); the answer must stay that of the plain bisection to the
//! bit, so reports do not change by a digit.

use meridian::engine::latency::{mixture_quantile, Dist};
use proptest::prelude::*;

/// The bisection as it was: 40 halvings, the CDF evaluated at every midpoint.
fn plain_bisection(parts: &[(f64, Dist)], p: f64) -> f64 {
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
    for _ in 0..40 {
        let mid = 0.5 * (lo + hi);
        if cdf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// A link as the latency model fits one: a fibre floor, a median above it, a p99 above that.
fn link() -> impl Strategy<Value = Dist> {
    (0.0f64..200.0, 0.2f64..250.0, 1.01f64..6.0)
        .prop_map(|(floor, excess, tail)| Dist::fit(floor, floor + excess, floor + excess * tail))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn two_part_mixtures_equal_the_plain_bisection_to_the_bit(
        local in link(),
        writer in link(),
        share in 0.0005f64..1.0,
        p99 in any::<bool>(),
    ) {
        let p = if p99 { 0.99 } else { 0.5 };
        let parts = [(1.0 - share, local), (share, writer)];
        let (fast, plain) = (mixture_quantile(&parts, p), plain_bisection(&parts, p));
        prop_assert_eq!(fast.to_bits(), plain.to_bits(), "{} vs {}", fast, plain);
    }

    #[test]
    fn three_part_mixtures_equal_the_plain_bisection_to_the_bit(
        links in proptest::collection::vec(link(), 3),
        w in (0.01f64..1.0, 0.01f64..1.0, 0.01f64..1.0),
        p in 0.01f64..0.999,
    ) {
        let sum = w.0 + w.1 + w.2;
        let parts = [(w.0 / sum, links[0]), (w.1 / sum, links[1]), (w.2 / sum, links[2])];
        let (fast, plain) = (mixture_quantile(&parts, p), plain_bisection(&parts, p));
        prop_assert_eq!(fast.to_bits(), plain.to_bits(), "{} vs {}", fast, plain);
    }
}

#[test]
fn near_point_masses_equal_the_plain_bisection() {
    // Sigma at its 1e-9 floor: nothing is skipped, the bisection runs as before.
    for (a, b, f) in [(10.0, 100.0, 0.2), (30.0, 31.0, 0.5), (5.0, 5.0, 0.1)] {
        let parts = [(1.0 - f, Dist::point(a)), (f, Dist::point(b))];
        for p in [0.5, 0.99] {
            assert_eq!(
                mixture_quantile(&parts, p).to_bits(),
                plain_bisection(&parts, p).to_bits()
            );
        }
    }
}
