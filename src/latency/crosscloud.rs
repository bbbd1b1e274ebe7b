//! Round trips measured between regions of two different clouds, the only public ones found:
//! Aviatrix's "Multi-Cloud Region Affinity and Latency" table (18 pairs, AWS to Azure and
//! Google Cloud, published 2019-02-20; the statistic is not stated). No provider matrix has a
//! cross-cloud pair, so these fit the model's additive cross-provider penalty (on the pairs
//! of one metro) and check its cross-cloud predictions (all 18). They are parsed only by the
//! evaluation, never at start-up.

use crate::data::{find_region, Provider, Region};

/// The dataset as the UI and the docs cite it.
pub const DATASET: &str =
    "Aviatrix Docs \"Multi-Cloud Region Affinity and Latency\" (AWS to Azure and Google Cloud, 18 pairs)";
pub const DATE: &str = "published 2019-02-20";

/// What a pair of regions of two different providers adds to the model's prediction (ms).
/// Assumption, with its evidence: the fit ([`fit_penalty`], the median of measured minus
/// predicted over the measured cross-cloud pairs of one metro) is −0.10 ms on the four pairs
/// under [`SAME_METRO_FIT_KM`] (residuals −0.96 to +0.37 ms) and +0.21 ms if a fifth pair
/// 118 km apart is let in: indistinguishable from zero, and a negative penalty has no
/// physical reading. So none is added; the same-metro line (cross-AZ 1.5 ms at 0 km) already
/// matches these pairs within 1 ms. A unit test fails if new data moves the fit off zero.
pub const CROSS_PROVIDER_PENALTY_MS: f64 = 0.0;

/// Pairs shorter than this fit the penalty: two ends this close are one metro (the
/// evaluation's same-metro-pair rule); on longer pairs the routes differ more than any
/// constant.
pub const SAME_METRO_FIT_KM: f64 = 100.0;

/// What `meridian model-eval` measures on these pairs, copied for the UI ("About the
/// numbers"); a unit test in [`super::eval`] fails when they drift. Pairs under
/// [`SAME_METRO_FIT_KM`]: absolute error (ms); longer pairs: absolute percentage error.
pub const SAME_METRO_PAIRS: usize = 4;
pub const SAME_METRO_MEDIAN_MS: f64 = 0.37;
pub const SAME_METRO_MAX_MS: f64 = 0.96;
pub const LONGER_PAIRS: usize = 14;
pub const LONGER_MEDIAN_PCT: f64 = 7.6;
pub const LONGER_P90_PCT: f64 = 40.1;

const CSV: &str = include_str!("../../data/latency_crosscloud_aviatrix_2019-02.csv");

/// One measured cross-cloud pair.
#[derive(Clone, Copy, Debug)]
pub struct CrossCloudPair {
    pub a: &'static Region,
    pub b: &'static Region,
    pub rtt_ms: f64,
}

/// Every pair of the dataset whose two regions are in the catalog.
pub fn pairs() -> Vec<CrossCloudPair> {
    CSV.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split(',').map(str::trim).collect();
            let region = |p: &str, c: &str| find_region(Provider::from_slug(p)?, c);
            Some(CrossCloudPair {
                a: region(f.first()?, f.get(1)?)?,
                b: region(f.get(2)?, f.get(3)?)?,
                rtt_ms: f.get(4)?.parse().ok()?,
            })
        })
        .collect()
}

/// The penalty the data supports for `model` (built without one): the median residual of the
/// same-metro pairs.
pub fn fit_penalty(model: &super::model::Model) -> Option<f64> {
    let mut r: Vec<f64> = pairs()
        .iter()
        .filter(|p| crate::geo::great_circle_km(p.a.location(), p.b.location()) < SAME_METRO_FIT_KM)
        .map(|p| p.rtt_ms - predict(model, p))
        .collect();
    r.sort_by(f64::total_cmp);
    match r.len() {
        0 => None,
        n if n % 2 == 1 => Some(r[n / 2]),
        n => Some(0.5 * (r[n / 2 - 1] + r[n / 2])),
    }
}

/// The model's p50 for a measured pair (in a canonical order, as `rtt` predicts).
pub fn predict(model: &super::model::Model, p: &CrossCloudPair) -> f64 {
    use super::model::End;
    model
        .predict_ends(End::region(p.a), End::region(p.b))
        .p50_ms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::latency::model::{observations, Model, Params};

    #[test]
    fn every_pair_is_in_the_catalog_and_across_two_clouds() {
        let ps = pairs();
        assert_eq!(ps.len(), 18);
        assert!(ps.iter().all(|p| p.a.provider != p.b.provider));
    }

    /// The shipped penalty (none) stays what the data gives: a fit within 0.25 ms of zero.
    #[test]
    fn shipped_penalty_matches_its_fit() {
        let m = Model::new(
            observations().to_vec(),
            Params {
                cross_provider_penalty_ms: 0.0,
                ..Params::default()
            },
        );
        let fit = fit_penalty(&m).unwrap();
        assert!((fit - CROSS_PROVIDER_PENALTY_MS).abs() < 0.25, "{fit}");
    }
}
