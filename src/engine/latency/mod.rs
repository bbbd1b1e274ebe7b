//! Link latency distributions and quorum order statistics, computed exactly (numerically),
//! so every figure is deterministic without a random seed.
//!
//! A link's round trip is modelled as a *shifted log-normal*: the fibre floor (a hard
//! physical lower bound) plus a log-normal excess fitted to the link's p50 and p99. The
//! shift guarantees no latency is ever below the fibre bound; the log-normal excess is the
//! usual shape for queueing and routing delay (right-skewed, positive).
//!
//! Quorum latency is the k-th smallest of independent link round trips. Its CDF is
//! `P(at least k of m links <= t)`, computed by a dynamic programme over the per-link CDFs
//! (a Poisson-binomial tail), and its quantiles by bisection on that CDF: exact up to the
//! bisection tolerance (1e-6 ms relative), no sampling.
//!
//! Legs that happen one after another (user -> leader, then leader -> quorum) are added
//! quantile by quantile. That is exact for perfectly correlated legs and an upper bound on
//! the p99 of independent legs, which is the safe side for a budget check.

/// z-score of the 99th percentile of the standard normal.
pub const Z99: f64 = 2.326_347_874_040_841;

/// Standard normal CDF via erfc (W. J. Cody's rational approximation is overkill here; the
/// Abramowitz & Stegun 7.1.26 form has |error| < 1.5e-7, far below the data's precision).
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let ax = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * ax);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let r = poly * (-ax * ax).exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// Inverse of the standard normal CDF (P. J. Acklam's rational approximation, relative
/// error < 1.2e-9).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let pl = 0.02425;
    if p < pl {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - pl {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

/// A round-trip distribution: `shift + LogNormal(mu, sigma)` (ms).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dist {
    pub shift: f64,
    pub mu: f64,
    pub sigma: f64,
}

impl Dist {
    /// Fits the distribution to a floor, a p50 and a p99 (ms). A floor above the p50 (data
    /// quirks) is lowered to 90 % of the p50; a p99 at or below the p50 gives a near-point mass.
    pub fn fit(floor_ms: f64, p50_ms: f64, p99_ms: f64) -> Dist {
        let shift = floor_ms.min(0.9 * p50_ms).max(0.0);
        let e50 = (p50_ms - shift).max(1e-6);
        let e99 = (p99_ms - shift).max(e50 * (1.0 + 1e-9));
        Dist {
            shift,
            mu: e50.ln(),
            sigma: ((e99 / e50).ln() / Z99).max(1e-9),
        }
    }

    /// A point mass at `ms` (used for fixed delays and in hand-worked tests).
    pub fn point(ms: f64) -> Dist {
        Dist::fit(0.0, ms, ms)
    }

    pub fn cdf(&self, t: f64) -> f64 {
        let x = t - self.shift;
        if x <= 0.0 {
            return 0.0;
        }
        normal_cdf((x.ln() - self.mu) / self.sigma)
    }

    pub fn quantile(&self, p: f64) -> f64 {
        self.shift + (self.mu + self.sigma * normal_quantile(p)).exp()
    }

    pub fn p50(&self) -> f64 {
        self.shift + self.mu.exp()
    }

    pub fn p99(&self) -> f64 {
        self.shift + (self.mu + self.sigma * Z99).exp()
    }
}

mod mixture;
pub use mixture::mixture_quantile;

/// A p50/p99 pair (ms).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantiles {
    pub p50: f64,
    pub p99: f64,
}

impl Quantiles {
    pub const ZERO: Quantiles = Quantiles { p50: 0.0, p99: 0.0 };

    pub fn of(d: &Dist) -> Quantiles {
        Quantiles {
            p50: d.p50(),
            p99: d.p99(),
        }
    }

    /// Sequential legs, added quantile-wise (see the module docs).
    pub fn then(self, o: Quantiles) -> Quantiles {
        Quantiles {
            p50: self.p50 + o.p50,
            p99: self.p99 + o.p99,
        }
    }
}

/// `P(at least k of the links are <= t)`: the CDF of the k-th smallest (1-based).
pub fn kth_smallest_cdf(links: &[Dist], k: usize, t: f64) -> f64 {
    debug_assert!(k >= 1 && k <= links.len());
    // dp[j] = P(exactly j of the links seen so far are <= t), j capped at k ("k or more").
    let mut dp = [0.0f64; 16];
    let mut big;
    let dp: &mut [f64] = if k < 16 {
        &mut dp[..=k]
    } else {
        big = vec![0.0; k + 1];
        &mut big[..]
    };
    dp[0] = 1.0;
    for l in links {
        let p = l.cdf(t);
        for j in (0..=k).rev() {
            let stay = if j == k { dp[j] } else { dp[j] * (1.0 - p) };
            let come = if j > 0 { dp[j - 1] * p } else { 0.0 };
            dp[j] = stay + come;
        }
    }
    dp[k]
}

/// The `p`-quantile of the k-th smallest of independent links (ms), by bisection to
/// 1e-4 ms. Bracket: below `min_i q_i(k p / m)` fewer than k links are expected under t, so
/// by Markov's inequality `F_(k) <= p` there; at `max_i q_i(p^(1/m))` all m links are under
/// t with probability >= p.
pub fn kth_smallest_quantile(links: &[Dist], k: usize, p: f64) -> f64 {
    let m = links.len() as f64;
    let lo_p = k as f64 * p / m;
    let mut lo = if lo_p < 1.0 {
        links
            .iter()
            .map(|d| d.quantile(lo_p))
            .fold(f64::INFINITY, f64::min)
    } else {
        links.iter().map(|d| d.shift).fold(f64::INFINITY, f64::min)
    };
    let hi_p = p.powf(1.0 / m);
    let mut hi = links.iter().map(|d| d.quantile(hi_p)).fold(0.0, f64::max);
    while hi - lo > 1e-4 {
        let mid = 0.5 * (lo + hi);
        if kth_smallest_cdf(links, k, mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// p50 and p99 of the k-th smallest of `links`.
pub fn kth_smallest(links: &[Dist], k: usize) -> Quantiles {
    if links.is_empty() || k == 0 {
        return Quantiles::ZERO;
    }
    Quantiles {
        p50: kth_smallest_quantile(links, k, 0.5),
        p99: kth_smallest_quantile(links, k, 0.99),
    }
}

/// Majority quorum size for `n` voters: floor(n/2) + 1.
pub fn majority(n: usize) -> usize {
    n / 2 + 1
}

/// The wait for a majority quorum of `n` voters from the leader: the leader's own ack is
/// local, so it waits for the (q-1)-th fastest of the other n-1 links.
pub fn quorum_wait(leader_to_others: &[Dist]) -> Quantiles {
    let n = leader_to_others.len() + 1;
    kth_smallest(leader_to_others, majority(n) - 1)
}

/// One quantile (`p`) of [`quorum_wait`], the same bisection as its p50 or p99.
pub fn quorum_wait_at(leader_to_others: &[Dist], p: f64) -> f64 {
    let n = leader_to_others.len() + 1;
    let k = majority(n) - 1;
    if leader_to_others.is_empty() || k == 0 {
        return 0.0;
    }
    kth_smallest_quantile(leader_to_others, k, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mixture_quantile_lies_between_its_parts_and_matches_by_hand() {
        let (near, far) = (Dist::point(10.0), Dist::point(100.0));
        // 20 % of reads at 100 ms: the p50 is 10 ms, the p99 is 100 ms.
        let mix = [(0.8, near), (0.2, far)];
        assert!((mixture_quantile(&mix, 0.5) - 10.0).abs() < 0.5);
        assert!((mixture_quantile(&mix, 0.99) - 100.0).abs() < 1.0);
        // All weight on one part gives that part.
        let only = [(1.0, near), (0.0, far)];
        assert!((mixture_quantile(&only, 0.99) - near.p99()).abs() < 1e-6);
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn fit_recovers_p50_and_p99() {
        let d = Dist::fit(40.0, 70.0, 95.0);
        assert!(close(d.p50(), 70.0, 1e-9));
        assert!(close(d.p99(), 95.0, 1e-9));
        assert_eq!(d.cdf(39.9), 0.0);
        assert!(close(d.cdf(70.0), 0.5, 1e-6));
    }

    #[test]
    fn quorum_of_five_across_three_continents_point_masses() {
        // Leader in us-east-1; other voters us-west-2 (65 ms), eu-west-1 (75 ms),
        // eu-central-1 (90 ms), ap-northeast-1 (150 ms). Five voters: majority 3, the
        // leader counts itself, so it waits for the 2nd fastest of 4: 75 ms by hand.
        let links: Vec<Dist> = [65.0, 75.0, 90.0, 150.0]
            .into_iter()
            .map(Dist::point)
            .collect();
        let q = quorum_wait(&links);
        assert!(close(q.p50, 75.0, 1e-3), "{q:?}");
        assert!(close(q.p99, 75.0, 1e-3), "{q:?}");
    }

    #[test]
    fn quorum_of_five_across_three_continents_with_spread() {
        // Same five voters, but the two links that matter are i.i.d. and the others are
        // far slower: the 2nd smallest of 4 is then essentially the larger of the two fast
        // ones. P(max <= t) = F(t)^2 = 0.5 gives F(t) = 0.7071, z = 0.5449; with the fit
        // shift 30, median excess 45, sigma = ln(60/45)/Z99, t = 30 + 45 e^{0.5449 sigma}.
        let fast = Dist::fit(30.0, 75.0, 90.0);
        let slow = Dist::point(400.0);
        let q = quorum_wait(&[fast, fast, slow, slow]);
        let sigma = (60.0f64 / 45.0).ln() / Z99;
        let by_hand = 30.0 + 45.0 * (0.5449 * sigma).exp();
        assert!(close(q.p50, by_hand, 0.01), "{} vs {by_hand}", q.p50);
        // p99: F(t)^2 = 0.99, F = 0.994987, z = 2.5758.
        let by_hand99 = 30.0 + 45.0 * (2.5758 * sigma).exp();
        assert!(close(q.p99, by_hand99, 0.01), "{} vs {by_hand99}", q.p99);
    }

    #[test]
    fn min_of_two_identical_links_by_hand() {
        // 1 - (1 - F)^2 = 0.5 -> F = 0.29289, z = -0.5449.
        let d = Dist::fit(10.0, 30.0, 50.0);
        let q = kth_smallest(&[d, d], 1);
        let sigma = (40.0f64 / 20.0).ln() / Z99;
        assert!(close(q.p50, 10.0 + 20.0 * (-0.5449 * sigma).exp(), 0.01));
    }

    #[test]
    fn normal_cdf_matches_tables() {
        assert!(close(normal_cdf(0.0), 0.5, 1e-7));
        assert!(close(normal_cdf(1.96), 0.975, 1e-4));
        assert!(close(normal_quantile(0.99), Z99, 1e-5));
    }
}
