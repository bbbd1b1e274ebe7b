//! Tail latency: p95 and p99 of a link from its p50.
//!
//! Azure publishes P50 and P95 for the same 2,862 directed pairs (1,431 links); their spread grows with
//! the link's length but much more slowly than the median, so the relative tail is widest on
//! short hops. We fit `p95 − p50 = a + b·p50` by least squares on those pairs (at build
//! time, `build/latency_fit.rs`; [`fit_tail`] repeats it at run time for the test) and derive p99 assuming the RTT is
//! log-normal around its median: `ln(p99/p50) = (z99/z95)·ln(p95/p50)` with z99 = 2.326 and
//! z95 = 1.645. Where a P95 is measured (Azure), it is used instead of the fit.

use crate::data::matrices::{AZURE_P50, AZURE_P95};

/// Standard normal quantiles used by the log-normal assumption.
pub const Z95: f64 = 1.644_853_6;
pub const Z99: f64 = 2.326_347_9;

/// `p95 − p50 = intercept_ms + slope·p50`, fitted on Azure's P50/P95 pairs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TailFit {
    pub intercept_ms: f64,
    pub slope: f64,
    /// Pairs the fit used.
    pub pairs: usize,
}

impl TailFit {
    /// The p95 this fit expects for a link with median `p50_ms`.
    pub fn p95(&self, p50_ms: f64) -> f64 {
        p50_ms + (self.intercept_ms + self.slope * p50_ms).max(0.0)
    }
}

/// The fit over the Azure P50/P95 links, as build.rs computed it ([`super::fitted`]).
pub fn tail_fit() -> &'static TailFit {
    &super::fitted::TAIL_FIT
}

/// The fit over the Azure P50/P95 links (after the asymmetry rule, matched by link),
/// computed now: what the build-time figure must equal.
pub fn fit_tail() -> TailFit {
    let mut xs = Vec::with_capacity(AZURE_P50.links().len());
    for l in AZURE_P50.links() {
        if let Some(q) = AZURE_P95.lookup(l.a.into(), l.b.into()) {
            xs.push((f64::from(l.ms), f64::from(q.ms - l.ms)));
        }
    }
    let (intercept_ms, slope) = super::fit_math::line(&xs);
    TailFit {
        intercept_ms,
        slope,
        pairs: xs.len(),
    }
}

/// The p99 of a link with median `p50_ms` and, when measured, p95 `p95_ms`
/// (log-normal extrapolation from the p95; the fitted p95 when none is measured).
pub fn p99_from(p50_ms: f64, p95_ms: Option<f64>) -> f64 {
    if p50_ms <= 0.0 {
        return 0.0;
    }
    let p95 = p95_ms.unwrap_or_else(|| tail_fit().p95(p50_ms)).max(p50_ms);
    p50_ms * (Z99 / Z95 * (p95 / p50_ms).ln()).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_has_a_positive_floor_and_slope() {
        let f = tail_fit();
        assert!(f.pairs > 1000, "{f:?}");
        assert!(f.intercept_ms > 0.5 && f.intercept_ms < 5.0, "{f:?}");
        assert!(f.slope > 0.0 && f.slope < 0.1, "{f:?}");
    }

    #[test]
    fn lognormal_p99_from_measured_p95() {
        // p95/p50 = 1.1 → p99/p50 = 1.1^(2.326/1.645) ≈ 1.1443.
        let p99 = p99_from(100.0, Some(110.0));
        assert!((p99 - 114.43).abs() < 0.05, "{p99}");
    }

    #[test]
    fn p99_exceeds_p50_and_short_links_have_wider_relative_tails() {
        let short = p99_from(5.0, None) / 5.0;
        let long = p99_from(200.0, None) / 200.0;
        assert!(short > long && long > 1.0, "{short} {long}");
    }
}
