//! The out-of-sample check on measured cross-cloud pairs ([`crate::latency::crosscloud`]).

use super::super::model::{observations, Model, Params};
use super::{ErrorStats, EvalReport};

/// One measured cross-cloud pair next to the model's predictions.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossCloudCheck {
    pub pair: String,
    pub km: f64,
    pub measured_ms: f64,
    pub predicted_ms: f64,
}

/// Every measured cross-cloud pair, predicted from all provider matrices.
pub(super) fn cross_cloud(params: Params) -> Vec<CrossCloudCheck> {
    use crate::latency::crosscloud::{pairs, predict};
    let obs = observations();
    let model = Model::new(obs.to_vec(), params);
    pairs()
        .iter()
        .map(|p| CrossCloudCheck {
            pair: format!("{}–{}", p.a.key(), p.b.key()),
            km: crate::geo::great_circle_km(p.a.location(), p.b.location()),
            measured_ms: p.rtt_ms,
            predicted_ms: predict(&model, p),
        })
        .collect()
}

impl EvalReport {
    /// The cross-cloud check: absolute error (ms) of the pairs under the same-metro length,
    /// and absolute % error of the longer ones.
    pub fn cross_cloud_errors(&self) -> (ErrorStats, ErrorStats) {
        use crate::latency::crosscloud::SAME_METRO_FIT_KM;
        let pick = |short: bool| {
            ErrorStats::of(
                self.cross_cloud
                    .iter()
                    .filter(|c| (c.km < SAME_METRO_FIT_KM) == short)
                    .map(|c| {
                        let e = (c.predicted_ms - c.measured_ms).abs();
                        if short {
                            e
                        } else {
                            100.0 * e / c.measured_ms
                        }
                    })
                    .collect(),
            )
        };
        (pick(true), pick(false))
    }
}
