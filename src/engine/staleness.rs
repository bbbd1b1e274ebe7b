//! Staleness, PBS-style (Bailis et al., "Probabilistically Bounded Staleness").
//!
//! With N replicas, a write acknowledged by W of them and a read that asks R of them, a read
//! issued t ms after the acknowledgement is stale if every replica it asks is among the N-W
//! that had not acknowledged *and* none of those has applied the write by t:
//! `P(stale, t) = C(N-W, R) / C(N, R) x (1 - F_lag(t))^R`, with `F_lag` the replication lag
//! CDF (averaged over the non-acknowledging replicas). At t = 0 this is the classic
//! `C(N-W, R) / C(N, R)`; R + W > N gives 0 (strong reads).

use super::latency::Dist;

/// Binomial coefficient as f64 (small arguments).
pub fn binomial(n: usize, k: usize) -> f64 {
    if k > n {
        return 0.0;
    }
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// Probability a read misses the latest write at time zero.
pub fn stale_at_zero(n: usize, r: usize, w: usize) -> f64 {
    if r + w > n {
        return 0.0;
    }
    binomial(n - w, r) / binomial(n, r)
}

/// Probability a read at `t_ms` after the write's acknowledgement sees it, given the lag
/// distributions to the replicas that did not acknowledge.
pub fn p_consistent(n: usize, r: usize, w: usize, lags: &[Dist], t_ms: f64) -> f64 {
    let f = if lags.is_empty() {
        1.0
    } else {
        lags.iter().map(|d| d.cdf(t_ms)).sum::<f64>() / lags.len() as f64
    };
    1.0 - stale_at_zero(n, r, w) * (1.0 - f).powi(r as i32)
}

/// The times (ms) at which the report samples the curve.
pub const CURVE_T_MS: [f64; 10] = [
    0.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n3_r1_w1_at_time_zero_is_two_thirds_stale() {
        // C(2,1)/C(3,1) = 2/3.
        assert!((stale_at_zero(3, 1, 1) - 2.0 / 3.0).abs() < 1e-12);
        let lag = Dist::fit(20.0, 100.0, 1000.0);
        assert!((p_consistent(3, 1, 1, &[lag, lag], 0.0) - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn strong_quorums_are_never_stale_and_curves_rise() {
        assert_eq!(stale_at_zero(3, 2, 2), 0.0);
        let lag = Dist::fit(20.0, 100.0, 1000.0);
        // At the lag median half the non-acking replicas have it: 1 - 2/3 x 0.5 = 2/3.
        assert!((p_consistent(3, 1, 1, &[lag], 100.0) - 2.0 / 3.0).abs() < 1e-6);
        let mut prev = 0.0;
        for t in CURVE_T_MS {
            let p = p_consistent(3, 1, 1, &[lag], t);
            assert!(p >= prev);
            prev = p;
        }
    }
}
