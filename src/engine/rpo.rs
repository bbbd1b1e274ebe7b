//! RPO: what a hard region failure loses.
//!
//! Asynchronous replication lag between regions a and b is modelled as half the round trip
//! (the one-way trip) plus an apply/batching delay, added quantile-wise like every
//! sequential leg (see [`super::latency`]):
//! `lag_p50 = RTT_p50/2 + APPLY_P50_MS`, `lag_p99 = RTT_p99/2 + APPLY_P99_MS`, floor at half
//! the fibre round trip. The achieved RPO of an async posture is the p99 lag; the writes
//! lost on a hard failure are `writes/s x RPO` for the traffic that region accepted.

use super::latency::Dist;
use super::Ctx;
use crate::catalog::{Fit, Service};
use crate::plan::DataClass;
use crate::present::product::{Factor, LagParts};
use crate::present::service_figures::LagBy;
use crate::present::{self as show, Product};

/// Apply/batching delay p50 (ms). Assumption: 50 ms for a replica that keeps up in steady
/// state; no public figure fits every engine, and a chosen managed service's published lag
/// replaces the whole model (docs/technologies.md).
pub const APPLY_P50_MS: f64 = 50.0;
/// Apply/batching delay p99 (ms). The Aurora User Guide ("Using Amazon Aurora Global
/// Database", read 2026-11-29) says secondaries receive changes with "typical latency of
/// under a second"; we assume that second as the p99 (lag spikes under load are not
/// modelled).
pub const APPLY_P99_MS: f64 = 1000.0;

/// The replication lag distribution from region `a` to region `b` (ms).
pub(crate) fn lag(ctx: &Ctx, a: usize, b: usize) -> Dist {
    let l = ctx.rr(a, b);
    lag_from_rtt(l.floor_ms, l.q.p50, l.q.p99)
}

/// The lag distribution for a link with the given fibre floor and RTT p50/p99 (ms).
pub fn lag_from_rtt(floor_ms: f64, p50_ms: f64, p99_ms: f64) -> Dist {
    Dist::fit(
        floor_ms / 2.0,
        p50_ms / 2.0 + APPLY_P50_MS,
        p99_ms / 2.0 + APPLY_P99_MS,
    )
}

/// The parts of the modelled p99 lag from `a` to `b`, as shown (the RPO's).
pub(crate) fn p99_lag_parts(ctx: &Ctx, a: usize, b: usize) -> LagParts {
    LagParts {
        quantile: "p99",
        half_rtt_ms: ctx.rr(a, b).q.p99 / 2.0,
        apply_ms: APPLY_P99_MS,
    }
}

/// The parts of the modelled median lag from `a` to `b`, as shown (a conflict window's).
pub(crate) fn median_lag_parts(ctx: &Ctx, a: usize, b: usize) -> LagParts {
    LagParts {
        quantile: "p50",
        half_rtt_ms: ctx.rr(a, b).q.p50 / 2.0,
        apply_ms: APPLY_P50_MS,
    }
}

/// p99 lag in seconds, the RPO of async replication from `a` to `b`.
pub(crate) fn rpo_async_s(ctx: &Ctx, a: usize, b: usize) -> f64 {
    lag(ctx, a, b).p99() / 1000.0
}

/// The lag behind an RPO: the engine's model, or a chosen service's published lag
/// (docs/technologies.md, "RPO with a chosen service"): the provider's figure is its
/// end-to-end replication lag (the network trip included), so it replaces the model
/// rather than adding to it, but never below half the p99 round trip (a replica cannot
/// apply a write before it arrives). A service that publishes no lag keeps the model, and
/// the factor says so.
pub(crate) struct RpoLag<'c, 'a> {
    ctx: &'c Ctx<'a>,
    service: Option<&'static Service>,
}

impl<'c, 'a> RpoLag<'c, 'a> {
    /// The lag for a class whose chosen service fits (`fit`), or the model alone.
    pub fn new(ctx: &'c Ctx<'a>, fit: Option<&Fit>) -> Self {
        RpoLag {
            ctx,
            service: fit.map(|f| f.service),
        }
    }

    /// The lag from `a` to `b` (s, as shown) and, with a service, where it comes from.
    fn lag(&self, a: usize, b: usize) -> (f64, Option<LagBy>) {
        let model = show::round_duration(rpo_async_s(self.ctx, a, b));
        let Some(service) = self.service else {
            return (model, None);
        };
        match service.lag.value {
            None => (model, Some(LagBy::Modelled)),
            Some(published_ms) => {
                let transit_ms = self.ctx.rr(a, b).q.p99 / 2.0;
                if transit_ms > published_ms {
                    (
                        show::round_duration(transit_ms / 1000.0),
                        Some(LagBy::Transit),
                    )
                } else {
                    (
                        show::round_duration(published_ms / 1000.0),
                        Some(LagBy::Service),
                    )
                }
            }
        }
    }

    /// The RPO of asynchronous replication from `a` to `b` (s, as shown).
    pub fn seconds(&self, a: usize, b: usize) -> f64 {
        self.lag(a, b).0
    }

    /// The writes lost when `a`, accepting `share` of the class's writes, fails before its
    /// copy in `b` caught up, with the lag factor naming the service's figure.
    pub fn loss(&self, class: &DataClass, share: f64, a: usize, b: usize) -> Product {
        let (s, by) = self.lag(a, b);
        let parts = p99_lag_parts(self.ctx, a, b);
        let lag = match (self.service, by) {
            (Some(service), Some(by)) => {
                show::service_figures::rpo_lag_factor(service, s, by, &parts)
            }
            _ => Factor::modelled_lag_s(s, &parts),
        };
        Product::writes_lost_with(class.writes_per_s, share, lag)
    }
}

/// Writes lost when a region that accepted `writes_per_s` fails with `rpo_s` unreplicated.
pub fn writes_lost(writes_per_s: f64, rpo_s: f64) -> f64 {
    writes_per_s * rpo_s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lag_of_a_70ms_link_by_hand() {
        // RTT p50 70, p99 90: lag p50 = 35 + 50 = 85 ms, p99 = 45 + 1000 = 1045 ms.
        let d = lag_from_rtt(40.0, 70.0, 90.0);
        assert!((d.p50() - 85.0).abs() < 1e-9);
        assert!((d.p99() - 1045.0).abs() < 1e-9);
        // 100 writes/s over 1.045 s: 104.5 writes lost.
        assert!((writes_lost(100.0, d.p99() / 1000.0) - 104.5).abs() < 1e-9);
    }
}
