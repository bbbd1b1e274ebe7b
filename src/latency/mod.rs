//! Round-trip times between places, each with where it came from.
//!
//! [`rtt`] answers, in order: the same place → the cross-AZ figure; two regions of one
//! provider that its matrix measures → the measurement (asymmetry rule: mean of both
//! directions when both exist, else the one that exists); anything else → the model of
//! [`model`] (nearby measured pairs, the pair's own providers weighted more, blended toward
//! a same-metro line on short links; else a distance fit). p99 comes from
//! the tail model of [`tail`]. Nothing is ever below the fibre floor. See
//! docs/latency-model.md.

use std::fmt;

use crate::geo::fibre_floor_rtt_ms;
use crate::place::Place;

pub mod crosscloud;
mod errors;
pub mod eval;
pub mod fit;
pub(crate) mod fit_math;
pub mod fitted;
pub mod measured;
pub mod metro;
pub mod model;
pub mod observations;
pub mod offsets;
pub mod tail;

pub use errors::*;

/// Round trip between two availability zones of one region: Microsoft states zones are
/// connected "with a round-trip latency of less than 2 ms" (Azure docs, "What are
/// availability zones?", read 2026-11-29). 1.5 ms is our assumption inside that bound.
pub const CROSS_AZ_P50_MS: f64 = 1.5;
/// Its p99. Assumption: twice the median, a conservative round figure for an in-metro link.
pub const CROSS_AZ_P99_MS: f64 = 3.0;

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

impl RttSource {
    /// One human-readable line of provenance, for the UI and the CLI.
    pub fn describe(&self) -> String {
        match self {
            RttSource::SameRegion => format!(
                "same region: cross-AZ round trip, {CROSS_AZ_P50_MS} ms p50 / {CROSS_AZ_P99_MS} ms p99 (assumption, within the < 2 ms Azure publishes between zones)"
            ),
            RttSource::Measured {
                dataset,
                statistic,
                date,
            } => format!("measured: {dataset}, {statistic}, {date}"),
            RttSource::Modeled {
                method,
                median_abs_error_pct,
                p90_abs_error_pct,
            } => format!(
                "modeled: {method}; expected error {median_abs_error_pct:.1} % median, {p90_abs_error_pct:.1} % p90 (leave-one-provider-out)"
            ),
        }
    }

    pub fn is_measured(&self) -> bool {
        matches!(self, RttSource::Measured { .. })
    }
}

impl fmt::Display for RttSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// A link's round-trip time distribution summary (ms).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkRtt {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub source: RttSource,
}

/// [`rtt`] with the detail behind it: the p95 used for the tail, and for a modeled link the
/// prediction (its basis and the closest measured pairs it drew on).
#[derive(Clone, Debug, PartialEq)]
pub struct RttExplained {
    pub link: LinkRtt,
    /// Measured p95 where published (Azure), else the tail fit's.
    pub p95_ms: f64,
    pub p95_measured: bool,
    /// The fibre lower bound for this pair (ms).
    pub floor_ms: f64,
    pub prediction: Option<model::Prediction>,
}

/// The round trip between two places, never below the fibre lower bound.
pub fn rtt(a: &Place, b: &Place) -> LinkRtt {
    rtt_explained(a, b).link
}

/// The RTT between every two of `places`, row-major (`m[i * n + j]`): each unordered pair is
/// computed once and mirrored (`rtt` is symmetric), so an n-place plan costs n(n−1)/2 calls.
pub fn rtt_matrix(places: &[Place]) -> Vec<LinkRtt> {
    let n = places.len();
    let mut m: Vec<Option<LinkRtt>> = vec![None; n * n];
    for i in 0..n {
        for j in i..n {
            let l = rtt(&places[i], &places[j]);
            m[j * n + i] = Some(l.clone());
            m[i * n + j] = Some(l);
        }
    }
    m.into_iter()
        .map(|l| l.expect("every cell is filled"))
        .collect()
}

/// [`rtt`] with its working shown.
pub fn rtt_explained(a: &Place, b: &Place) -> RttExplained {
    let floor = fibre_floor_rtt_ms(a.location(), b.location());
    if a == b {
        return RttExplained {
            link: LinkRtt {
                p50_ms: CROSS_AZ_P50_MS,
                p99_ms: CROSS_AZ_P99_MS,
                source: RttSource::SameRegion,
            },
            // The p95 consistent with the stated p50 and p99 under the log-normal assumption.
            p95_ms: CROSS_AZ_P50_MS
                * (CROSS_AZ_P99_MS / CROSS_AZ_P50_MS).powf(tail::Z95 / tail::Z99),
            p95_measured: false,
            floor_ms: 0.0,
            prediction: None,
        };
    }
    if let (Place::Region(ra), Place::Region(rb)) = (a, b) {
        if let Some(m) = measured::measured(ra, rb) {
            let p50 = m.p50_ms.max(floor);
            let p95 = m
                .p95_ms
                .unwrap_or_else(|| tail::tail_fit().p95(p50))
                .max(p50);
            let stat = if m.dataset.statistic == "mean" {
                "mean (p50 taken as mean + 0.5 ms)"
            } else {
                m.dataset.statistic
            };
            return RttExplained {
                link: LinkRtt {
                    p50_ms: p50,
                    p99_ms: tail::p99_from(p50, Some(p95)),
                    source: RttSource::Measured {
                        dataset: m.dataset.name,
                        statistic: stat,
                        date: m.dataset.date,
                    },
                },
                p95_ms: p95,
                p95_measured: m.p95_ms.is_some(),
                floor_ms: floor,
                prediction: None,
            };
        }
    }
    // Predict in a canonical order so rtt(a, b) and rtt(b, a) are bit-for-bit equal (the
    // neighbour sums would otherwise be added in a different order).
    let (la, lb) = (a.location(), b.location());
    let swap = (la.lat, la.lon, a.label())
        .partial_cmp(&(lb.lat, lb.lon, b.label()))
        .is_some_and(|o| o.is_gt());
    let end = |p: &Place| match p {
        Place::Region(r) => model::End::region(r),
        Place::Custom(_) => model::End::point(p.location()),
    };
    let pred = if swap {
        model::model().predict_ends(end(b), end(a))
    } else {
        model::model().predict_ends(end(a), end(b))
    };
    let p50 = pred.p50_ms.max(floor);
    let p95 = tail::tail_fit().p95(p50);
    // A short link is mostly the same-metro line even when no measured pair is near: it
    // reports its length band's error, like the links the band was measured on.
    let source = if matches!(pred.basis, model::Basis::DistanceFit) && pred.metro_share == 0.0 {
        RttSource::Modeled {
            method: METHOD_DISTANCE_FIT,
            median_abs_error_pct: DISTANCE_FIT_MEDIAN_ERR_PCT,
            p90_abs_error_pct: DISTANCE_FIT_P90_ERR_PCT,
        }
    } else {
        let band = neighbour_band(crate::geo::great_circle_km(a.location(), b.location()));
        RttSource::Modeled {
            method: band.method,
            median_abs_error_pct: band.median_pct,
            p90_abs_error_pct: band.p90_pct,
        }
    };
    RttExplained {
        link: LinkRtt {
            p50_ms: p50,
            p99_ms: tail::p99_from(p50, Some(p95)),
            source,
        },
        p95_ms: p95,
        p95_measured: false,
        floor_ms: floor,
        prediction: Some(pred),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_is_one_readable_line_per_source() {
        assert_eq!(
            RttSource::SameRegion.describe(),
            "same region: cross-AZ round trip, 1.5 ms p50 / 3 ms p99 (assumption, within the < 2 ms Azure publishes between zones)"
        );
        let m = RttSource::Modeled {
            method: METHOD_NEIGHBOURS,
            median_abs_error_pct: 6.0,
            p90_abs_error_pct: 21.8,
        };
        assert_eq!(
            m.to_string(),
            "modeled: nearby measured pairs (the pair's own providers weighted x10), adjusted for distance; expected error 6.0 % median, 21.8 % p90 (leave-one-provider-out)"
        );
        let d = RttSource::Measured {
            dataset: "X",
            statistic: "P50",
            date: "2026",
        };
        assert_eq!(d.describe(), "measured: X, P50, 2026");
        assert!(d.is_measured() && !m.is_measured());
    }

    #[test]
    fn modeled_links_report_the_error_of_their_length_band() {
        let short = rtt(
            &Place::parse("aws:eu-central-1").unwrap(),
            &Place::parse("gcp:europe-west4").unwrap(),
        );
        let long = rtt(
            &Place::parse("aws:eu-central-1").unwrap(),
            &Place::parse("gcp:asia-northeast1").unwrap(),
        );
        match (&short.source, &long.source) {
            (
                RttSource::Modeled {
                    method: ms,
                    p90_abs_error_pct: ps,
                    ..
                },
                RttSource::Modeled {
                    method: ml,
                    p90_abs_error_pct: pl,
                    ..
                },
            ) => {
                assert!(
                    ms.starts_with(METHOD_NEIGHBOURS) && ms.ends_with("150-2,500 km"),
                    "{ms}"
                );
                assert!(ml.ends_with(">= 8,000 km"), "{ml}");
                assert!(ps > pl, "{ps} {pl}");
            }
            x => panic!("{x:?}"),
        }
    }

    #[test]
    fn bands_are_contiguous() {
        for w in NEIGHBOURS_BY_LENGTH.windows(2) {
            assert_eq!(w[0].max_km, w[1].min_km);
        }
        assert!(neighbour_band(0.0).max_km == 150.0 && neighbour_band(1e6).min_km == 8000.0);
    }

    #[test]
    fn matrix_is_symmetric_and_matches_rtt() {
        let places: Vec<Place> = ["aws:us-east-1", "gcp:europe-west1", "10,10"]
            .iter()
            .map(|s| Place::parse(s).unwrap())
            .collect();
        let m = rtt_matrix(&places);
        assert_eq!(m.len(), 9);
        for i in 0..3 {
            for j in 0..3 {
                assert_eq!(m[i * 3 + j], rtt(&places[i], &places[j]));
                assert_eq!(m[i * 3 + j], m[j * 3 + i]);
            }
        }
    }

    #[test]
    fn same_place_percentiles_are_ordered() {
        let p = Place::parse("aws:us-east-1").unwrap();
        let x = rtt_explained(&p, &p);
        assert!(
            x.link.p50_ms < x.p95_ms && x.p95_ms < x.link.p99_ms,
            "{x:?}"
        );
    }
}
