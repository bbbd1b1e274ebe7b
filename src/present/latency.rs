//! The latency model in words: a round trip with its working, the model's method and error,
//! the cross-cloud check, and the list of round-trip sources behind a table of figures.

use crate::latency::crosscloud::{
    CROSS_PROVIDER_PENALTY_MS, DATASET as CROSS_CLOUD_DATASET, DATE as CROSS_CLOUD_DATE,
    LONGER_MEDIAN_PCT, LONGER_P90_PCT, LONGER_PAIRS, SAME_METRO_FIT_KM, SAME_METRO_MAX_MS,
    SAME_METRO_MEDIAN_MS, SAME_METRO_PAIRS,
};
use crate::latency::{
    RttExplained, DISTANCE_FIT_MEDIAN_ERR_PCT, DISTANCE_FIT_P90_ERR_PCT, NEIGHBOURS_MEDIAN_ERR_PCT,
    NEIGHBOURS_P90_ERR_PCT,
};

use super::{error_pct, ms};

/// "p50 … · p95 … (measured) · p99 … · fibre floor … — source": one pair's working.
pub fn rtt_working(x: &RttExplained) -> String {
    format!(
        "p50 {} · p95 {}{} · p99 {} · fibre floor {} — {}",
        ms(x.link.p50_ms),
        ms(x.p95_ms),
        if x.p95_measured {
            " (measured)"
        } else {
            " (tail model)"
        },
        ms(x.link.p99_ms),
        ms(x.floor_ms),
        x.link.source.describe()
    )
}

/// How pairs without a measurement are predicted, and the model's leave-one-provider-out error.
pub fn model_summary() -> String {
    format!(
        "Pairs without a measurement (other providers, custom places, regions missing from a matrix) are \
         predicted from measured pairs between nearby places, adjusted for distance, the pair's own providers' \
         measurements weighing ten times more, each provider's fixed overhead (learned where two providers \
         measure the same metro pair) taken off and the pair's own added back; links under 300 km blend toward \
         the same-metro figure (cross-AZ 1.5 ms plus distance). Leave-one-provider-out error over all measured \
         links: {} median, {} p90; by link length below (each modeled figure shows its own band's). With no \
         measured pair nearby, a distance fit: {} median, {} p90. No figure is ever below the fibre floor \
         (2 × great-circle distance at 200 km/ms). p99 comes from p50 (and the measured p95 where Azure \
         publishes one) through a log-normal tail model. Details, 5-fold CV and per-provider errors: \
         docs/latency-model.md; reproduce with `meridian model-eval`.",
        error_pct(NEIGHBOURS_MEDIAN_ERR_PCT),
        error_pct(NEIGHBOURS_P90_ERR_PCT),
        error_pct(DISTANCE_FIT_MEDIAN_ERR_PCT),
        error_pct(DISTANCE_FIT_P90_ERR_PCT),
    )
}

/// The out-of-sample check on measured cross-cloud pairs, and the penalty it supports.
pub fn cross_cloud_check() -> String {
    format!(
        "Across clouds (no provider publishes such pairs): against {CROSS_CLOUD_DATASET}, {CROSS_CLOUD_DATE}, \
         the model is {} off at the median ({} at most) on the {SAME_METRO_PAIRS} pairs in one metro (under \
         {SAME_METRO_FIT_KM:.0} km) and {} median, {} p90 on the {LONGER_PAIRS} longer ones. The cross-provider \
         penalty those pairs support is indistinguishable from zero, so {} is added.",
        ms(SAME_METRO_MEDIAN_MS),
        ms(SAME_METRO_MAX_MS),
        error_pct(LONGER_MEDIAN_PCT),
        error_pct(LONGER_P90_PCT),
        if CROSS_PROVIDER_PENALTY_MS == 0.0 {
            "none".to_string()
        } else {
            ms(CROSS_PROVIDER_PENALTY_MS)
        }
    )
}

/// The heading over the list of round-trip sources under a table of latency figures.
pub fn round_trip_sources_heading(count: usize) -> String {
    match count {
        0 => "No round trip in this plan's figures".to_string(),
        n => format!(
            "Where this plan's round trips come from ({n}: each dataset with its date, or the model with its error)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_heading_counts_them() {
        assert_eq!(
            round_trip_sources_heading(0),
            "No round trip in this plan's figures"
        );
        assert!(round_trip_sources_heading(3)
            .starts_with("Where this plan's round trips come from (3:"));
    }

    #[test]
    fn cross_cloud_check_says_no_penalty() {
        let s = cross_cloud_check();
        assert!(s.contains("so none is added"), "{s}");
        assert!(s.contains("2019-02-20"), "{s}");
    }
}
