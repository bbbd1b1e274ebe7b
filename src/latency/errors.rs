//! The error figures a modeled RTT carries in its [`super::RttSource::Modeled`]: what
//! `meridian model-eval` measures (leave-one-provider-out), copied here so the answer needs
//! no evaluation at run time. A unit test in [`super::eval`] fails when they drift.

/// Method names used in [`super::RttSource::Modeled`] (the neighbour method is followed by
/// the link-length band, see [`NEIGHBOURS_BY_LENGTH`]).
pub const METHOD_NEIGHBOURS: &str =
    "nearby measured pairs (the pair's own providers weighted x10), adjusted for distance";
pub const METHOD_DISTANCE_FIT: &str = "distance fit c0 + k x fibre floor";

/// Leave-one-provider-out error of the neighbour model over all measured pairs, as printed
/// by `meridian model-eval`.
pub const NEIGHBOURS_MEDIAN_ERR_PCT: f64 = 5.9;
pub const NEIGHBOURS_P90_ERR_PCT: f64 = 20.5;
/// Leave-one-provider-out error of the distance fit alone (the fallback).
pub const DISTANCE_FIT_MEDIAN_ERR_PCT: f64 = 13.8;
pub const DISTANCE_FIT_P90_ERR_PCT: f64 = 34.6;

/// The neighbour model's expected error for links of one length band. Error grows sharply
/// on short links (providers disagree most there), so a modeled link reports the figure of
/// its own band, not the all-links average.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BandError {
    /// Great-circle length range of the band, km (`min ≤ d < max`).
    pub min_km: f64,
    pub max_km: f64,
    /// [`METHOD_NEIGHBOURS`] plus the band, shown as the method.
    pub method: &'static str,
    pub median_pct: f64,
    pub p90_pct: f64,
}

/// Leave-one-provider-out error of the neighbour model by link length (the bands of
/// [`super::eval::LENGTH_BANDS`]). The < 150 km band rests on the few measured links that
/// short (see docs/latency-model.md), so its figure is a rough one.
pub const NEIGHBOURS_BY_LENGTH: [BandError; 4] = [
    BandError {
        min_km: 0.0,
        max_km: 150.0,
        method: "same-metro line (cross-AZ + fitted inflation) blended with nearby measured pairs or the distance fit; links < 150 km",
        median_pct: 29.8,
        p90_pct: 57.1,
    },
    BandError {
        min_km: 150.0,
        max_km: 2500.0,
        method: "nearby measured pairs (the pair's own providers weighted x10), adjusted for distance; links 150-2,500 km",
        median_pct: 14.4,
        p90_pct: 37.3,
    },
    BandError {
        min_km: 2500.0,
        max_km: 8000.0,
        method: "nearby measured pairs (the pair's own providers weighted x10), adjusted for distance; links 2,500-8,000 km",
        median_pct: 6.9,
        p90_pct: 19.8,
    },
    BandError {
        min_km: 8000.0,
        max_km: f64::INFINITY,
        method: "nearby measured pairs (the pair's own providers weighted x10), adjusted for distance; links >= 8,000 km",
        median_pct: 4.4,
        p90_pct: 14.1,
    },
];

/// The band of a link `km` long.
pub fn neighbour_band(km: f64) -> &'static BandError {
    NEIGHBOURS_BY_LENGTH
        .iter()
        .find(|b| km >= b.min_km && km < b.max_km)
        .unwrap_or(&NEIGHBOURS_BY_LENGTH[NEIGHBOURS_BY_LENGTH.len() - 1])
}
