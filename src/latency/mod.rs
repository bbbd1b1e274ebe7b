//! Round-trip times between places, each with where it came from.
//!
//! INTERFACE STUB: the measured matrices and the fitted model replace the body of [`rtt`];
//! the types are the contract the engine and the UI rely on.

use crate::geo::fibre_floor_rtt_ms;
use crate::place::Place;

/// Where an RTT figure came from, so every number can be defended.
#[derive(Clone, Debug, PartialEq)]
pub enum RttSource {
    /// Both ends are the same region: the cross-AZ round trip from the brief.
    SameRegion,
    /// Measured by a provider's published matrix.
    Measured {
        dataset: &'static str,
        statistic: &'static str,
        date: &'static str,
    },
    /// Predicted by a model, with the model's own cross-validated error.
    Modeled {
        method: &'static str,
        median_abs_error_pct: f64,
        p90_abs_error_pct: f64,
    },
}

/// A link's round-trip time distribution summary (ms).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkRtt {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub source: RttSource,
}

/// The round trip between two places, never below the fibre lower bound.
pub fn rtt(a: &Place, b: &Place) -> LinkRtt {
    if a == b {
        return LinkRtt {
            p50_ms: 1.5,
            p99_ms: 3.0,
            source: RttSource::SameRegion,
        };
    }
    let p50 = (fibre_floor_rtt_ms(a.location(), b.location()) * 1.75).max(1.5);
    LinkRtt {
        p50_ms: p50,
        p99_ms: p50 * 1.3,
        source: RttSource::Modeled {
            method: "stub: fibre floor x 1.75",
            median_abs_error_pct: 15.0,
            p90_abs_error_pct: 40.0,
        },
    }
}
