//! Evaluation of the latency model: 5-fold cross-validation (seeded, deterministic) over
//! every measured link, and leave-one-provider-out (each provider's links predicted from
//! the other providers' measurements only), with the baseline `inflation × floor` and the
//! distance fit alone for comparison. `meridian model-eval` prints [`EvalReport::markdown`].

use crate::data::{regions, Provider};

use super::model::{observations, Baseline, DistanceFit, Model, Observation, Params};

/// Seed of the fold assignment, fixed so the figures are reproducible.
pub const SEED: u64 = 0x5eed_2026;
pub const FOLDS: usize = 5;

/// Median and p90 absolute percentage error over a set of links.
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

/// Absolute percentage errors per (predictor, scheme, provider).
#[derive(Clone, Debug, Default)]
pub struct EvalReport {
    /// (predictor, cross-validation?, provider, errors %)
    pub rows: Vec<(Predictor, bool, Option<Provider>, ErrorStats)>,
    /// Share of LOPO predictions of the neighbour model that had neighbours.
    pub lopo_neighbour_share: f64,
    /// LOPO errors of the neighbour model by link length: (label, stats).
    pub lopo_by_length: Vec<(&'static str, ErrorStats)>,
    /// How far two providers' measurements of the same metro pair disagree, by link length:
    /// the noise floor any cross-provider prediction is held to.
    pub agreement_by_length: Vec<(&'static str, ErrorStats)>,
}

/// Ends within this distance count as the same metro for the agreement check.
pub const COLOCATED_KM: f64 = 100.0;

/// For every pair of links measured by two different providers whose ends are both within
/// [`COLOCATED_KM`] of each other, the absolute % difference (relative to the first, in both
/// orders), after the same distance adjustment the model uses; grouped by link length, the
/// last group being all lengths.
fn colocated_agreement(params: Params) -> Vec<Vec<f64>> {
    let obs = observations();
    let regs = regions();
    let n = regs.len();
    let km: Vec<f64> = (0..n * n)
        .map(|k| crate::geo::great_circle_km(regs[k / n].location(), regs[k % n].location()))
        .collect();
    let d = |i: u16, j: u16| km[usize::from(i) * n + usize::from(j)];
    let mut out: Vec<Vec<f64>> = vec![Vec::new(); LENGTH_BANDS.len()];
    for x in obs {
        for y in obs.iter().filter(|y| y.provider != x.provider) {
            let (e1, e2) = (d(x.a, y.a) + d(x.b, y.b), d(x.a, y.b) + d(x.b, y.a));
            let (ea, eb) = if e1 <= e2 {
                (d(x.a, y.a), d(x.b, y.b))
            } else {
                (d(x.a, y.b), d(x.b, y.a))
            };
            if ea > COLOCATED_KM || eb > COLOCATED_KM {
                continue;
            }
            let adj = y.p50_ms
                + params.marginal_inflation * 2.0 * (x.km - y.km) / crate::geo::FIBRE_KM_PER_MS;
            if let Some(band) = LENGTH_BANDS.iter().position(|b| x.km >= b.1 && x.km < b.2) {
                out[band].push(pct_err(adj, x.p50_ms));
            }
        }
    }
    let all = out.concat();
    out.push(all);
    out
}

/// Link-length bands for the breakdown (km, lower bound inclusive).
pub const LENGTH_BANDS: [(&str, f64, f64); 4] = [
    ("< 1,000 km", 0.0, 1000.0),
    ("1,000–2,500 km", 1000.0, 2500.0),
    ("2,500–5,000 km", 2500.0, 5000.0),
    ("≥ 5,000 km", 5000.0, f64::INFINITY),
];

fn pct_err(pred: f64, actual: f64) -> f64 {
    100.0 * (pred - actual).abs() / actual
}

/// Predictions of the three predictors for `test`, trained on `train`.
fn predict_all(train: Vec<Observation>, test: &[&Observation], params: Params) -> Vec<[f64; 3]> {
    let base = Baseline::fit(train.iter());
    let fit = DistanceFit::fit(train.iter());
    let model = Model::new(train, params);
    let regs = regions();
    test.iter()
        .map(|o| {
            let (a, b) = (
                regs[usize::from(o.a)].location(),
                regs[usize::from(o.b)].location(),
            );
            [
                model.predict(a, b).p50_ms,
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

/// Runs both schemes with `params`.
pub fn evaluate(params: Params) -> EvalReport {
    let obs = observations();
    // errs[scheme][predictor] = (provider, err)
    let mut errs: [[Vec<(Provider, f64)>; 3]; 2] = Default::default();
    let mut by_length: Vec<Vec<f64>> = vec![Vec::new(); LENGTH_BANDS.len() + 1];

    for f in 0..FOLDS {
        let train: Vec<Observation> = obs
            .iter()
            .enumerate()
            .filter(|(k, _)| fold_of(*k) != f)
            .map(|(_, o)| *o)
            .collect();
        let test: Vec<&Observation> = obs
            .iter()
            .enumerate()
            .filter(|(k, _)| fold_of(*k) == f)
            .map(|(_, o)| o)
            .collect();
        for (o, p) in test.iter().zip(predict_all(train, &test, params)) {
            for (slot, v) in p.iter().enumerate() {
                errs[0][slot].push((o.provider, pct_err(*v, o.p50_ms)));
            }
        }
    }

    let mut with_neighbours = 0usize;
    for prov in Provider::ALL {
        let train: Vec<Observation> = obs.iter().filter(|o| o.provider != prov).copied().collect();
        let test: Vec<&Observation> = obs.iter().filter(|o| o.provider == prov).collect();
        let m = Model::new(train.clone(), params);
        let regs = regions();
        with_neighbours += test
            .iter()
            .filter(|o| {
                matches!(
                    m.predict(
                        regs[usize::from(o.a)].location(),
                        regs[usize::from(o.b)].location()
                    )
                    .basis,
                    super::model::Basis::Neighbours { .. }
                )
            })
            .count();
        for (o, p) in test.iter().zip(predict_all(train, &test, params)) {
            for (slot, v) in p.iter().enumerate() {
                errs[1][slot].push((o.provider, pct_err(*v, o.p50_ms)));
            }
            if let Some(band) = LENGTH_BANDS.iter().position(|b| o.km >= b.1 && o.km < b.2) {
                by_length[band].push(pct_err(p[0], o.p50_ms));
            }
            by_length[LENGTH_BANDS.len()].push(pct_err(p[0], o.p50_ms));
        }
    }

    let mut report = EvalReport {
        rows: Vec::new(),
        lopo_neighbour_share: with_neighbours as f64 / obs.len() as f64,
        lopo_by_length: LENGTH_BANDS
            .iter()
            .map(|b| b.0)
            .chain(["all"])
            .zip(by_length)
            .map(|(b, e)| (b, ErrorStats::of(e)))
            .collect(),
        agreement_by_length: LENGTH_BANDS
            .iter()
            .map(|b| b.0)
            .chain(["all"])
            .zip(colocated_agreement(params))
            .map(|(b, e)| (b, ErrorStats::of(e)))
            .collect(),
    };
    for (scheme, per_pred) in errs.iter().enumerate() {
        for (slot, e) in per_pred.iter().enumerate() {
            let pred = Predictor::ALL[slot];
            for prov in Provider::ALL {
                let v = e.iter().filter(|x| x.0 == prov).map(|x| x.1).collect();
                report
                    .rows
                    .push((pred, scheme == 0, Some(prov), ErrorStats::of(v)));
            }
            let all = e.iter().map(|x| x.1).collect();
            report
                .rows
                .push((pred, scheme == 0, None, ErrorStats::of(all)));
        }
    }
    report
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
    /// The stats of one (predictor, scheme, provider or all) cell.
    pub fn get(&self, pred: Predictor, cv: bool, prov: Option<Provider>) -> ErrorStats {
        self.rows
            .iter()
            .find(|r| r.0 == pred && r.1 == cv && r.2 == prov)
            .map(|r| r.3)
            .expect("every cell is computed")
    }

    /// The table: one row per predictor × provider, CV and LOPO columns.
    pub fn markdown(&self) -> String {
        let mut s = String::from(
            "| predictor | provider (links) | 5-fold CV median | CV p90 | leave-one-provider-out median | LOPO p90 |\n|---|---|---|---|---|---|\n",
        );
        for pred in Predictor::ALL {
            let provs: Vec<Option<Provider>> =
                Provider::ALL.into_iter().map(Some).chain([None]).collect();
            for prov in provs {
                let cv = self.get(pred, true, prov);
                let lo = self.get(pred, false, prov);
                let name = prov.map_or("all", |p| p.display_name());
                s.push_str(&format!(
                    "| {} | {} ({}) | {:.1} % | {:.1} % | {:.1} % | {:.1} % |\n",
                    pred.label(),
                    name,
                    cv.n,
                    cv.median_pct,
                    cv.p90_pct,
                    lo.median_pct,
                    lo.p90_pct
                ));
            }
        }
        s.push_str(&format!(
            "\nAbsolute percentage error of the predicted p50 against the measured p50 (AWS: mean + 0.5 ms). \
             Folds seeded with {SEED:#x}. In leave-one-provider-out, {:.0} % of links had measured neighbours \
             from the other providers; the rest used the distance fit.\n",
            100.0 * self.lopo_neighbour_share
        ));
        s.push_str(
            "\nNeighbour model, leave-one-provider-out, by link length, next to how much two providers' \
             measurements of the same metro pair (both ends within 100 km) disagree:\n\n\
             | link length | links | LOPO median | LOPO p90 | co-located pairs | disagreement median | disagreement p90 |\n\
             |---|---|---|---|---|---|---|\n",
        );
        for ((label, e), (_, g)) in self.lopo_by_length.iter().zip(&self.agreement_by_length) {
            s.push_str(&format!(
                "| {label} | {} | {:.1} % | {:.1} % | {} | {:.1} % | {:.1} % |\n",
                e.n, e.median_pct, e.p90_pct, g.n, g.median_pct, g.p90_pct
            ));
        }
        let f = super::tail::tail_fit();
        let t = tail_fit_error();
        s.push_str(&format!(
            "\nTail fit: p95 − p50 = {:.2} ms + {:.4} × p50 over {} Azure links; its p95 is off the measured \
             P95 by {:.1} % median, {:.1} % p90.\n",
            f.intercept_ms, f.slope, f.pairs, t.median_pct, t.p90_pct
        ));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_stats_nearest_rank() {
        let s = ErrorStats::of((1..=10).map(f64::from).collect());
        assert_eq!((s.n, s.median_pct, s.p90_pct), (10, 5.0, 9.0));
    }

    /// The figures `rtt()` attaches to modeled links must be the ones this evaluation
    /// produces; if the data or the model change, this fails until they are updated.
    #[test]
    fn shipped_error_constants_match_the_evaluation() {
        use crate::latency::*;
        let r = evaluate(Params::default());
        let n = r.get(Predictor::Neighbours, false, None);
        let d = r.get(Predictor::DistanceFit, false, None);
        let close = |a: f64, b: f64| (a - b).abs() < 0.1;
        assert!(close(n.median_pct, NEIGHBOURS_MEDIAN_ERR_PCT), "{n:?}");
        assert!(close(n.p90_pct, NEIGHBOURS_P90_ERR_PCT), "{n:?}");
        assert!(close(d.median_pct, DISTANCE_FIT_MEDIAN_ERR_PCT), "{d:?}");
        assert!(close(d.p90_pct, DISTANCE_FIT_P90_ERR_PCT), "{d:?}");
        for (band, (label, e)) in NEIGHBOURS_BY_LENGTH.iter().zip(&r.lopo_by_length) {
            assert!(close(band.median_pct, e.median_pct), "{label}: {e:?}");
            assert!(close(band.p90_pct, e.p90_pct), "{label}: {e:?}");
        }
        for (band, b) in NEIGHBOURS_BY_LENGTH.iter().zip(LENGTH_BANDS) {
            assert_eq!((band.min_km, band.max_km), (b.1, b.2));
        }
    }

    /// The point of the model: it must beat the distance × inflation baseline clearly.
    #[test]
    fn neighbour_model_beats_the_baseline() {
        let r = evaluate(Params::default());
        for cv in [true, false] {
            let n = r.get(Predictor::Neighbours, cv, None);
            let b = r.get(Predictor::Baseline, cv, None);
            assert!(n.median_pct < 0.6 * b.median_pct, "{n:?} vs {b:?}");
            assert!(n.p90_pct < 0.75 * b.p90_pct, "{n:?} vs {b:?}");
        }
    }

    #[test]
    fn folds_are_balanced() {
        let mut c = [0usize; FOLDS];
        for k in 0..5000 {
            c[fold_of(k)] += 1;
        }
        assert!(c.iter().all(|&n| n > 850 && n < 1150), "{c:?}");
    }
}
