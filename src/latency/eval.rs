//! Evaluation of the latency model: 5-fold cross-validation (seeded, deterministic) over
//! every measured link, and leave-one-provider-out (each provider's links predicted from
//! the other providers' measurements only), with the baseline `inflation × floor` and the
//! distance fit alone for comparison, per provider and per link-length band.
//! `meridian model-eval` prints [`EvalReport::markdown`] (in [`report`]).

use crate::data::{regions, Provider};

use super::model::{observations, Baseline, DistanceFit, End, Model, Observation, Params};

mod agreement;
mod cross_cloud;
pub mod report;

pub use agreement::{colocated_agreement, Agreement, COLOCATED_KM};
use cross_cloud::cross_cloud;
pub use cross_cloud::CrossCloudCheck;

/// Seed of the fold assignment, fixed so the figures are reproducible.
pub const SEED: u64 = 0x5eed_2026;
pub const FOLDS: usize = 5;

/// Link-length bands of the breakdown (km, lower bound inclusive), as issue 12 asks.
pub const LENGTH_BANDS: [(&str, f64, f64); 4] = [
    ("< 150 km", 0.0, 150.0),
    ("150–2,500 km", 150.0, 2500.0),
    ("2,500–8,000 km", 2500.0, 8000.0),
    ("≥ 8,000 km", 8000.0, f64::INFINITY),
];

/// The band index of a link `km` long.
pub fn band_of(km: f64) -> usize {
    LENGTH_BANDS
        .iter()
        .position(|b| km >= b.1 && km < b.2)
        .unwrap_or(LENGTH_BANDS.len() - 1)
}

/// Median and p90 of a set of errors (percent, or ms for the same-metro figure).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ErrorStats {
    pub n: usize,
    pub median_pct: f64,
    pub p90_pct: f64,
}

impl ErrorStats {
    pub fn of(mut errs: Vec<f64>) -> ErrorStats {
        errs.sort_by(f64::total_cmp);
        let q = |p: f64| {
            if errs.is_empty() {
                f64::NAN
            } else {
                // Nearest-rank quantile.
                let k = ((p * errs.len() as f64).ceil() as usize).clamp(1, errs.len()) - 1;
                errs[k]
            }
        };
        ErrorStats {
            n: errs.len(),
            median_pct: q(0.5),
            p90_pct: q(0.9),
        }
    }
}

/// The three predictors compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Predictor {
    Neighbours,
    DistanceFit,
    Baseline,
}

impl Predictor {
    pub const ALL: [Predictor; 3] = [
        Predictor::Neighbours,
        Predictor::DistanceFit,
        Predictor::Baseline,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Predictor::Neighbours => "neighbour model (shipped)",
            Predictor::DistanceFit => "distance fit c0 + k·floor (fallback)",
            Predictor::Baseline => "baseline inflation × floor",
        }
    }
}

/// One held-out link's prediction error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkError {
    pub provider: Provider,
    /// Catalog indices of the link's two ends.
    pub a: u16,
    pub b: u16,
    pub km: f64,
    /// Predicted minus measured (ms): the residual's sign shows a bias.
    pub signed_ms: f64,
    /// Absolute percentage error.
    pub pct: f64,
    /// Absolute error, ms.
    pub abs_ms: f64,
}

/// Every held-out prediction of both schemes, and the measurements' own disagreement.
#[derive(Clone, Debug)]
pub struct EvalReport {
    /// (predictor, cross-validation?, one error per link)
    pub errors: Vec<(Predictor, bool, Vec<LinkError>)>,
    /// Share of LOPO predictions of the neighbour model that had neighbours.
    pub lopo_neighbour_share: f64,
    /// Co-located cross-provider measurement pairs: the noise floor of any prediction.
    pub agreement: Vec<Agreement>,
    /// A custom place at each measured link's first end, predicted against the second end
    /// by the shipped model: how well measured pairs are reproduced (in-sample).
    pub reproduction: ErrorStats,
    /// The measured cross-cloud pairs against the model trained on every provider matrix
    /// (none of them is in it), with and without the cross-provider penalty.
    pub cross_cloud: Vec<CrossCloudCheck>,
    /// The penalty the same-metro cross-cloud pairs give (ms).
    pub cross_cloud_penalty_fit: Option<f64>,
}

fn pct_err(pred: f64, actual: f64) -> f64 {
    100.0 * (pred - actual).abs() / actual
}

fn ends(o: &Observation) -> (End, End) {
    let regs = regions();
    let end = |i: u16| End {
        at: regs[usize::from(i)].location(),
        provider: Some(o.provider),
    };
    (end(o.a), end(o.b))
}

/// Predictions of the three predictors for `test`, trained on `train`.
fn predict_all(train: Vec<Observation>, test: &[&Observation], params: Params) -> Vec<[f64; 3]> {
    let base = Baseline::fit(train.iter());
    let fit = DistanceFit::fit(train.iter());
    let model = Model::new(train, params);
    test.iter()
        .map(|o| {
            let (a, b) = ends(o);
            [
                model.predict_ends(a, b).p50_ms,
                fit.predict_km(o.km),
                base.predict_km(o.km),
            ]
        })
        .collect()
}

/// A deterministic fold per link (xorshift over the link's position).
fn fold_of(k: usize) -> usize {
    let mut x = SEED ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    (x % FOLDS as u64) as usize
}

/// Runs `held_out(k)` as the test set for each split; errors per predictor.
fn run_scheme(splits: impl Iterator<Item = Vec<bool>>, params: Params) -> [Vec<LinkError>; 3] {
    let obs = observations();
    let mut out: [Vec<LinkError>; 3] = Default::default();
    for test_mask in splits {
        let train: Vec<Observation> = obs
            .iter()
            .zip(&test_mask)
            .filter(|(_, t)| !**t)
            .map(|(o, _)| *o)
            .collect();
        let test: Vec<&Observation> = obs
            .iter()
            .zip(&test_mask)
            .filter(|(_, t)| **t)
            .map(|(o, _)| o)
            .collect();
        for (o, p) in test.iter().zip(predict_all(train, &test, params)) {
            for (slot, v) in p.iter().enumerate() {
                out[slot].push(LinkError {
                    provider: o.provider,
                    a: o.a,
                    b: o.b,
                    km: o.km,
                    signed_ms: *v - o.p50_ms,
                    pct: pct_err(*v, o.p50_ms),
                    abs_ms: (*v - o.p50_ms).abs(),
                });
            }
        }
    }
    out
}

/// Runs both schemes with `params`.
pub fn evaluate(params: Params) -> EvalReport {
    let obs = observations();
    let folds = (0..FOLDS).map(|f| (0..obs.len()).map(|k| fold_of(k) == f).collect());
    let cv = run_scheme(folds, params);
    let lopo_splits = Provider::ALL
        .into_iter()
        .map(|p| obs.iter().map(|o| o.provider == p).collect());
    let lopo = run_scheme(lopo_splits, params);

    let with_neighbours: usize = Provider::ALL
        .into_iter()
        .map(|prov| {
            let m = Model::new(
                obs.iter().filter(|o| o.provider != prov).copied().collect(),
                params,
            );
            obs.iter()
                .filter(|o| o.provider == prov)
                .filter(|o| {
                    let (a, b) = ends(o);
                    matches!(
                        m.predict_ends(a, b).basis,
                        super::model::Basis::Neighbours { .. }
                    )
                })
                .count()
        })
        .sum();

    let mut errors = Vec::new();
    for (cv_scheme, per_pred) in [(true, cv), (false, lopo)] {
        for (pred, e) in Predictor::ALL.into_iter().zip(per_pred) {
            errors.push((pred, cv_scheme, e));
        }
    }
    EvalReport {
        errors,
        lopo_neighbour_share: with_neighbours as f64 / obs.len().max(1) as f64,
        agreement: colocated_agreement(params),
        reproduction: reproduction(params),
        cross_cloud: cross_cloud(params),
        cross_cloud_penalty_fit: super::crosscloud::fit_penalty(&Model::new(
            obs.to_vec(),
            Params {
                cross_provider_penalty_ms: 0.0,
                ..params
            },
        )),
    }
}

/// In-sample: a point-place at each link's first end against the region at its second
/// end, with the model trained on everything (what a custom place put exactly on a measured
/// region gets).
fn reproduction(params: Params) -> ErrorStats {
    let obs = observations();
    let model = Model::new(obs.to_vec(), params);
    let regs = regions();
    ErrorStats::of(
        obs.iter()
            .map(|o| {
                let a = End::point(regs[usize::from(o.a)].location());
                let (_, b) = ends(o);
                pct_err(model.predict_ends(a, b).p50_ms, o.p50_ms)
            })
            .collect(),
    )
}

/// How well the tail fit's p95 matches Azure's measured P95 over the links it was fitted
/// on (in-sample: two parameters over 1,431 links, so over-fitting is not the concern).
pub fn tail_fit_error() -> ErrorStats {
    use crate::data::matrices::{AZURE_P50, AZURE_P95};
    let fit = super::tail::tail_fit();
    ErrorStats::of(
        AZURE_P50
            .links()
            .iter()
            .filter_map(|l| {
                let q = AZURE_P95.lookup(l.a.into(), l.b.into())?;
                Some(pct_err(fit.p95(f64::from(l.ms)), f64::from(q.ms)))
            })
            .collect(),
    )
}

impl EvalReport {
    /// Every held-out link's error of one predictor and scheme (for residual analysis).
    pub fn link_errors(&self, pred: Predictor, cv: bool) -> &[LinkError] {
        self.errors
            .iter()
            .find(|r| r.0 == pred && r.1 == cv)
            .map_or(&[], |r| r.2.as_slice())
    }

    /// The % error stats of one (predictor, scheme, provider or all) cell.
    pub fn get(&self, pred: Predictor, cv: bool, prov: Option<Provider>) -> ErrorStats {
        ErrorStats::of(
            self.link_errors(pred, cv)
                .iter()
                .filter(|e| prov.is_none_or(|p| e.provider == p))
                .map(|e| e.pct)
                .collect(),
        )
    }

    /// The % error stats of one length band (`None`: all bands).
    pub fn band(&self, pred: Predictor, cv: bool, band: Option<usize>) -> ErrorStats {
        ErrorStats::of(
            self.link_errors(pred, cv)
                .iter()
                .filter(|e| band.is_none_or(|b| band_of(e.km) == b))
                .map(|e| e.pct)
                .collect(),
        )
    }

    /// Absolute error (ms) of the neighbour model on links under 150 km.
    pub fn same_metro_ms(&self, cv: bool) -> ErrorStats {
        ErrorStats::of(
            self.link_errors(Predictor::Neighbours, cv)
                .iter()
                .filter(|e| band_of(e.km) == 0)
                .map(|e| e.abs_ms)
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests;
