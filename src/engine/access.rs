//! The last mile: the round trip between a user and the nearest network edge, added to
//! every user leg (budgets are end-user latency, not data-centre latency).
//!
//! Medians: Ookla's Speedtest Global Index for November 2022 reports a global median
//! (multi-server) latency of 10 ms on fixed broadband and 28 ms on mobile networks
//! (Ookla, "Speedtest Global Index", November 2022, as reported by Tele.net, December 2022).
//! Tails: no public source we found gives a percentile above the median for access
//! latency, so the p99 is an assumption: three times the median, for queueing in home
//! routers and radio scheduling (loaded latency is routinely several times idle latency).
//! A population inside a data centre adds nothing: its callers sit next to a region, and
//! the in-region commit is already counted.

use super::latency::Quantiles;
use crate::plan::AccessNetwork;

/// Global median latency, fixed broadband (ms): Ookla Speedtest Global Index, Nov 2022.
pub const FIXED_BROADBAND_P50_MS: f64 = 10.0;
/// Global median latency, mobile (ms): Ookla Speedtest Global Index, Nov 2022.
pub const MOBILE_P50_MS: f64 = 28.0;
/// p99 over p50 of access latency. Assumption (no published tail; see the module docs).
pub const TAIL_OVER_MEDIAN: f64 = 3.0;

/// Where the figures come from, for "About the numbers" and the report's sources.
pub const SOURCE: &str = "Access networks: fixed broadband 10 ms, mobile 28 ms median (Ookla Speedtest Global Index, November 2022); p99 assumed 3x the median (no published tail)";

/// The access network's round trip (p50, p99 in ms).
pub fn round_trip(a: AccessNetwork) -> Quantiles {
    let p50 = match a {
        AccessNetwork::DataCentre => 0.0,
        AccessNetwork::FixedBroadband => FIXED_BROADBAND_P50_MS,
        AccessNetwork::Mobile => MOBILE_P50_MS,
    };
    Quantiles {
        p50,
        p99: p50 * TAIL_OVER_MEDIAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_round_trips_by_hand() {
        assert_eq!(round_trip(AccessNetwork::DataCentre), Quantiles::ZERO);
        let f = round_trip(AccessNetwork::FixedBroadband);
        assert_eq!((f.p50, f.p99), (10.0, 30.0));
        let m = round_trip(AccessNetwork::Mobile);
        assert_eq!((m.p50, m.p99), (28.0, 84.0));
    }
}
