//! Per-provider additive offsets: each provider's published round trips carry its own fixed
//! overhead (probe stack, hub routing), which shows on short links where two providers
//! measure the same metro pair: Google's dashboard reports European metro pairs ~3 ms below
//! the other two, Azure and CloudPing's AWS figures 1–2 ms above them. The model predicts on
//! a common scale (each measured link with its provider's offset taken off) and adds back
//! the offsets of the pair's own providers. A provider with no training links (the held-out
//! one in leave-one-provider-out) and a custom place get offset 0: the providers' consensus.

use std::sync::OnceLock;

use crate::data::{regions, Provider};
use crate::geo::great_circle_km;

use super::model::{LinksByRegion, Observation, Params};
use super::observations::floor_ms;

/// Links shorter than this fit the offsets. Chosen on leave-one-provider-out (fit windows
/// 600, 1,000, 1,500 and 2,500 km give 5.89 % median and 20.57–20.58 % p90 alike; 8,000 km
/// and more make it worse, as long links add route differences to the overhead).
pub const OFFSET_FIT_KM: f64 = 1000.0;

/// Two links are measurements of the same metro pair when both ends are this close
/// (the same rule as the evaluation's disagreement table).
const SAME_METRO_PAIR_KM: f64 = 100.0;

/// Offset (ms) per provider, `None` where the provider had no training links.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ProviderOffsets {
    by_provider: [Option<f64>; 3],
}

fn slot(p: Provider) -> usize {
    Provider::ALL.iter().position(|&q| q == p).unwrap_or(0)
}

impl ProviderOffsets {
    /// Offsets fitted elsewhere (build.rs: [`super::fitted::OFFSETS`]), in
    /// [`Provider::ALL`] order.
    pub const fn from_fit(by_provider: [Option<f64>; 3]) -> ProviderOffsets {
        ProviderOffsets { by_provider }
    }

    /// The offset of `p` (0 when it had no training links).
    pub fn ms(&self, p: Provider) -> f64 {
        self.by_provider[slot(p)].unwrap_or(0.0)
    }

    /// Whether `p` had training links to learn an offset from.
    pub fn learned(&self, p: Provider) -> bool {
        self.by_provider[slot(p)].is_some()
    }

    /// What a pair adds back: the mean of its two ends' offsets (a custom place counts 0).
    pub fn of_pair(&self, a: Option<Provider>, b: Option<Provider>) -> f64 {
        let end = |e: Option<Provider>| e.map_or(0.0, |p| self.ms(p));
        0.5 * (end(a) + end(b))
    }

    /// Fits the offsets on `obs`: for every ordered pair of providers (x, y), the median of
    /// x's figure minus y's co-located figure (adjusted for the length difference as the
    /// model does) over links shorter than [`Params::offset_fit_km`]; x's raw offset is the
    /// mean of those medians over the other providers, and the offsets are centred on zero.
    pub fn fit(obs: &[Observation], by_region: &LinksByRegion, params: Params) -> ProviderOffsets {
        let mut present = [false; 3];
        for o in obs {
            present[slot(o.provider)] = true;
        }
        if params.offset_fit_km <= 0.0 {
            return ProviderOffsets::default();
        }
        let near = same_metro_regions();
        let mut diffs: [[Vec<f64>; 3]; 3] = Default::default();
        let mut seen = vec![false; obs.len()];
        let mut touched: Vec<usize> = Vec::new();
        for x in obs.iter().filter(|o| o.km < params.offset_fit_km) {
            let (na, nb) = (&near[usize::from(x.a)], &near[usize::from(x.b)]);
            for k in touched.drain(..) {
                seen[k] = false;
            }
            for k in na
                .iter()
                .flat_map(|&r| by_region.at(r).iter().map(|&k| k as usize))
            {
                let y = &obs[k];
                if std::mem::replace(&mut seen[k], true) {
                    continue;
                }
                touched.push(k);
                if y.provider == x.provider {
                    continue;
                }
                let (i, j) = (usize::from(y.a), usize::from(y.b));
                let close = |p: usize, q: usize| na.contains(&p) && nb.contains(&q);
                if !(close(i, j) || close(j, i)) {
                    continue;
                }
                let adjusted =
                    y.p50_ms + params.marginal_inflation * (floor_ms(x.km) - floor_ms(y.km));
                diffs[slot(x.provider)][slot(y.provider)].push(x.p50_ms - adjusted);
            }
        }
        let provs: Vec<usize> = (0..3).filter(|&i| present[i]).collect();
        let by_provider = super::fit_math::centred_offsets(&diffs, &provs);
        ProviderOffsets { by_provider }
    }
}

/// For each catalog region, the regions within [`SAME_METRO_PAIR_KM`] (itself included),
/// built once: a latitude prefilter keeps the haversines to the few candidates (trigonometry is
/// slow in wasm, and this runs while the first round trip waits).
fn same_metro_regions() -> &'static [Vec<usize>] {
    static NEAR: OnceLock<Vec<Vec<usize>>> = OnceLock::new();
    NEAR.get_or_init(|| {
        let regs = regions();
        // One degree of latitude is ~111 km everywhere.
        let max_dlat = SAME_METRO_PAIR_KM / 111.0;
        regs.iter()
            .map(|a| {
                (0..regs.len())
                    .filter(|&j| (regs[j].lat - a.lat).abs() <= max_dlat)
                    .filter(|&j| {
                        great_circle_km(a.location(), regs[j].location()) <= SAME_METRO_PAIR_KM
                    })
                    .collect()
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::latency::model::model;

    #[test]
    fn offsets_are_centred_and_google_short_links_run_lowest() {
        let o = model().offsets();
        let sum: f64 = Provider::ALL.iter().map(|&p| o.ms(p)).sum();
        assert!(sum.abs() < 1e-9, "{o:?}");
        assert!(Provider::ALL.iter().all(|&p| o.learned(p)), "{o:?}");
        // docs/latency-model.md quotes these (AWS +1.2, Google −3.0, Azure +1.8 ms).
        let r = |p| (o.ms(p) * 10.0).round() / 10.0;
        assert_eq!(
            (r(Provider::Aws), r(Provider::Gcp), r(Provider::Azure)),
            (1.2, -3.0, 1.8),
            "{o:?}"
        );
        assert_eq!(o.of_pair(None, None), 0.0);
        assert!((o.of_pair(Some(Provider::Aws), None) - 0.5 * o.ms(Provider::Aws)).abs() < 1e-12);
    }
}
