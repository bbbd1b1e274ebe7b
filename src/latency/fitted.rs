//! The shipped model's global parameters, fitted at build time by `build/latency_fit.rs`
//! over every measured link, so the page's first round trip does not pay for the fits: the
//! distance fit (`c0 + k·floor`), the per-provider offsets and the tail fit. They are the
//! figures [`super::model::Model::new`] and [`super::tail::fit_tail`] compute from the same
//! data at run time, bit for bit (the tests below); evaluations that train on a subset of
//! the links (`model-eval`) fit their own at run time.

use super::fit::DistanceFit;
use super::offsets::ProviderOffsets;
use super::tail::TailFit;

include!(concat!(env!("OUT_DIR"), "/latency_fit.rs"));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::latency::model::{Model, Params};
    use crate::latency::observations::observations;
    use crate::latency::tail::fit_tail;

    #[test]
    fn build_time_fit_equals_the_run_time_fit() {
        let obs = observations();
        assert_eq!(LINKS, obs.len());
        let m = Model::new(obs.to_vec(), Params::default());
        assert_eq!(DISTANCE_FIT, m.distance_fit());
        assert_eq!(OFFSETS, m.offsets());
        assert_eq!(TAIL_FIT, fit_tail());
    }
}
