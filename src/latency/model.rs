//! The latency model for pairs without a measurement: pairs across providers, custom places,
//! and regions missing from their provider's matrix.
//!
//! Why neighbours: a route's inflation over the great circle depends mostly on where the
//! cables and backbones run, which is shared by everyone in the same two metros. So a
//! measured pair (a′, b′) with a′ near a and b′ near b (any provider) predicts (a, b) far
//! better than a global distance fit does. The prediction from each neighbour is its
//! measured p50 adjusted for the difference in great-circle length,
//! `m′ + k·2·(D − D′)/200`, and neighbours are weighted by closeness
//! `exp(−(da + db)/s)`. Neighbours must have both ends within `max(radius, relative·D)`
//! (see [`Params`]); with none, a fitted distance model `c0 + k·floor` is used instead, and
//! it is also blended in as one weak pseudo-neighbour. Every result is clamped at the fibre
//! floor. docs/latency-model.md has the evaluation.

use std::sync::OnceLock;

use crate::data::matrices::{Dataset, DatasetId, AWS_MEAN, AZURE_P50, GCP_P50};
use crate::data::{regions, Provider};
use crate::geo::{great_circle_km, LatLon, FIBRE_KM_PER_MS};

use super::measured::p50_of;

/// One measured link used to train and evaluate the model (p50 scale).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Observation {
    /// Catalog indices of the two ends.
    pub a: u16,
    pub b: u16,
    pub p50_ms: f64,
    /// Great-circle distance between the ends (km).
    pub km: f64,
    pub dataset: DatasetId,
    pub provider: Provider,
}

fn floor_ms(km: f64) -> f64 {
    2.0 * km / FIBRE_KM_PER_MS
}

/// Every measured median link of the three providers (Azure P50, GCP P50, AWS mean → p50).
pub fn observations() -> &'static [Observation] {
    static OBS: OnceLock<Vec<Observation>> = OnceLock::new();
    OBS.get_or_init(|| {
        let sets: [&Dataset; 3] = [&AZURE_P50, &GCP_P50, &AWS_MEAN];
        let mut out = Vec::new();
        for ds in sets {
            for l in ds.links() {
                out.push(Observation {
                    a: l.a,
                    b: l.b,
                    p50_ms: p50_of(ds, f64::from(l.ms)),
                    km: f64::from(l.km),
                    dataset: ds.id,
                    provider: ds.provider,
                });
            }
        }
        out
    })
}

/// `p50 = c0 + k·floor`, fitted by least squares on relative error (weights 1/m²), so long
/// and short links count alike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DistanceFit {
    pub c0_ms: f64,
    pub k: f64,
}

impl DistanceFit {
    pub fn fit<'a>(obs: impl Iterator<Item = &'a Observation>) -> DistanceFit {
        // Minimise Σ ((c0 + k f − m)/m)²: weighted normal equations with w = 1/m².
        let (mut sw, mut sf, mut sff, mut sm, mut sfm) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for o in obs {
            let (f, m) = (floor_ms(o.km), o.p50_ms.max(0.5));
            let w = 1.0 / (m * m);
            sw += w;
            sf += w * f;
            sff += w * f * f;
            sm += w * m;
            sfm += w * f * m;
        }
        let det = sw * sff - sf * sf;
        if det.abs() < 1e-12 {
            return DistanceFit {
                c0_ms: 2.0,
                k: 1.75,
            };
        }
        DistanceFit {
            c0_ms: (sm * sff - sf * sfm) / det,
            k: (sw * sfm - sf * sm) / det,
        }
    }

    pub fn predict_km(&self, km: f64) -> f64 {
        (self.c0_ms + self.k * floor_ms(km)).max(floor_ms(km))
    }
}

/// The baseline the issue asks to beat: `p50 = inflation × floor`, inflation the median of
/// measured/floor over the training links.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Baseline {
    pub inflation: f64,
}

impl Baseline {
    pub fn fit<'a>(obs: impl Iterator<Item = &'a Observation>) -> Baseline {
        let mut r: Vec<f64> = obs
            .filter(|o| o.km > 1.0)
            .map(|o| o.p50_ms / floor_ms(o.km))
            .collect();
        r.sort_by(f64::total_cmp);
        Baseline {
            inflation: if r.is_empty() { 1.75 } else { r[r.len() / 2] },
        }
    }

    pub fn predict_km(&self, km: f64) -> f64 {
        self.inflation * floor_ms(km)
    }
}

/// Tuning of the neighbour model, chosen on the leave-one-provider-out evaluation by a small
/// grid (radius 300–800 km, scale 100–250 km, k 1.0–1.6, relative 0–0.25, prior 0–0.2); the
/// optimum is flat, so these round values are not over-fitted to the last decimal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// A neighbour's ends must each be within this distance of the pair's ends.
    pub radius_km: f64,
    /// Closeness scale `s` of the weight `exp(−(da + db)/s)`.
    pub scale_km: f64,
    /// Inflation `k` applied to the difference in great-circle length.
    pub marginal_inflation: f64,
    /// On long links the radius grows to this fraction of the link's length D (and the
    /// scale in proportion, `relative·D·scale/radius`): 300 km off matters on a 400 km hop,
    /// not on a 9,000 km one.
    pub relative: f64,
    /// Weight of the distance fit, blended in as one pseudo-neighbour.
    pub prior_weight: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            radius_km: 600.0,
            scale_km: 200.0,
            marginal_inflation: 1.3,
            relative: 0.2,
            prior_weight: 0.05,
        }
    }
}

/// How a prediction was made.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Basis {
    /// From measured pairs between nearby places.
    Neighbours {
        /// How many measured pairs contributed.
        pairs: usize,
        /// The closest one: da + db (km).
        nearest_km: f64,
    },
    /// From the distance fit (no measured pair near enough at both ends).
    DistanceFit,
}

/// A predicted median with its basis and the closest contributing measurements.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    pub p50_ms: f64,
    pub basis: Basis,
    /// Up to three contributing measurements, closest first, with their weight share.
    pub top: Vec<(Observation, f64)>,
}

/// The fitted model over a set of observations.
#[derive(Clone, Debug)]
pub struct Model {
    obs: Vec<Observation>,
    /// For each catalog region, the observations with an end there: the neighbour search
    /// only visits links touching regions near one end (a few hundred, not all 2,364).
    by_region: Vec<Vec<u32>>,
    fit: DistanceFit,
    params: Params,
}

impl Model {
    pub fn new(obs: Vec<Observation>, params: Params) -> Model {
        let fit = DistanceFit::fit(obs.iter());
        let mut by_region = vec![Vec::new(); regions().len()];
        for (k, o) in obs.iter().enumerate() {
            by_region[usize::from(o.a)].push(k as u32);
            by_region[usize::from(o.b)].push(k as u32);
        }
        Model {
            obs,
            by_region,
            fit,
            params,
        }
    }

    pub fn distance_fit(&self) -> DistanceFit {
        self.fit
    }

    /// The median RTT between two points, never below the fibre floor.
    pub fn predict(&self, a: LatLon, b: LatLon) -> Prediction {
        let (da, db) = (distances_from(a), distances_from(b));
        let km = great_circle_km(a, b);
        let floor = floor_ms(km);
        let p = self.params;
        let radius = p.radius_km.max(p.relative * km);
        let scale = p.scale_km.max(p.relative * km * p.scale_km / p.radius_km);
        let prior = self.fit.predict_km(km);
        let (mut sw, mut swp) = (p.prior_weight, p.prior_weight * prior);
        let mut used: Vec<(Observation, f64, f64)> = Vec::new();
        // Candidates: links with an end within the radius of `a` (any link that qualifies
        // has one); each is visited once, then tested exactly as a full scan would.
        let mut seen = vec![false; self.obs.len()];
        let candidates = (0..da.len())
            .filter(|&r| da[r] <= radius)
            .flat_map(|r| self.by_region[r].iter().map(|&k| k as usize));
        for k in candidates {
            if std::mem::replace(&mut seen[k], true) {
                continue;
            }
            let o = &self.obs[k];
            let (i, j) = (usize::from(o.a), usize::from(o.b));
            let (x1, y1, x2, y2) = (da[i], db[j], da[j], db[i]);
            let (ea, eb) = if x1 + y1 <= x2 + y2 {
                (x1, y1)
            } else {
                (x2, y2)
            };
            if ea > radius || eb > radius {
                continue;
            }
            let near = ea + eb;
            let w = (-near / scale).exp();
            let pred = o.p50_ms + p.marginal_inflation * (floor - floor_ms(o.km));
            sw += w;
            swp += w * pred.max(floor);
            used.push((*o, w, near));
        }
        if used.is_empty() {
            return Prediction {
                p50_ms: self.fit.predict_km(km),
                basis: Basis::DistanceFit,
                top: Vec::new(),
            };
        }
        used.sort_by(|x, y| x.2.total_cmp(&y.2));
        let nearest_km = used[0].2;
        Prediction {
            p50_ms: (swp / sw).max(floor),
            basis: Basis::Neighbours {
                pairs: used.len(),
                nearest_km,
            },
            top: used.iter().take(3).map(|u| (u.0, u.1 / sw)).collect(),
        }
    }
}

/// Great-circle km from catalog region `i` to every region, computed the first time it is
/// needed and kept: a plan's places cost one row of 135 haversines each, once, so a matrix
/// of region places is table look-ups, not trigonometry (software trig is slow in wasm).
fn region_row(i: usize) -> &'static [f64] {
    static ROWS: OnceLock<Vec<OnceLock<Vec<f64>>>> = OnceLock::new();
    let regs = regions();
    ROWS.get_or_init(|| (0..regs.len()).map(|_| OnceLock::new()).collect())[i].get_or_init(|| {
        regs.iter()
            .map(|r| great_circle_km(regs[i].location(), r.location()))
            .collect()
    })
}

/// Distances from `p` to every catalog region: a cached row when `p` is a region's own
/// location, else computed.
fn distances_from(p: LatLon) -> std::borrow::Cow<'static, [f64]> {
    let regs = regions();
    match regs.iter().position(|r| r.location() == p) {
        Some(i) => std::borrow::Cow::Borrowed(region_row(i)),
        None => std::borrow::Cow::Owned(
            regs.iter()
                .map(|r| great_circle_km(p, r.location()))
                .collect(),
        ),
    }
}

/// The model trained on every measurement, built once.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::new(observations().to_vec(), Params::default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::find_region;

    fn synthetic(km: f64, p50_ms: f64) -> Observation {
        Observation {
            a: 0,
            b: 1,
            p50_ms,
            km,
            dataset: DatasetId::AzureP50,
            provider: Provider::Azure,
        }
    }

    #[test]
    fn distance_fit_recovers_a_known_line() {
        let obs: Vec<Observation> = [100.0, 500.0, 2000.0, 6000.0, 12000.0]
            .iter()
            .map(|&km| synthetic(km, 3.0 + 1.5 * floor_ms(km)))
            .collect();
        let f = DistanceFit::fit(obs.iter());
        assert!(
            (f.c0_ms - 3.0).abs() < 1e-6 && (f.k - 1.5).abs() < 1e-6,
            "{f:?}"
        );
        let b = Baseline::fit(obs.iter());
        // Median of (3 + 1.5 f)/f over the five links: the 2,000 km one, 1.5 + 3/20.
        assert!((b.inflation - 1.65).abs() < 1e-9, "{b:?}");
    }

    #[test]
    fn co_located_measurements_predict_a_cross_provider_pair() {
        // AWS eu-west-1 (Dublin) to GCP us-east4 (Ashburn): Azure northeurope (Dublin) to
        // eastus (Virginia) is measured, so the prediction must lean on it.
        let a = find_region(Provider::Aws, "eu-west-1").unwrap().location();
        let b = find_region(Provider::Gcp, "us-east4").unwrap().location();
        let p = model().predict(a, b);
        assert!(matches!(p.basis, Basis::Neighbours { .. }), "{p:?}");
        assert!(p.p50_ms > 60.0 && p.p50_ms < 90.0, "{p:?}");
        let top: Vec<String> = p
            .top
            .iter()
            .map(|(o, _)| regions()[usize::from(o.a)].key())
            .collect();
        assert!(!top.is_empty(), "{p:?}");
    }

    #[test]
    fn far_from_every_region_falls_back_to_the_distance_fit() {
        // Mid-Pacific to mid-Atlantic: no measured region within reach of either end.
        let p = model().predict(LatLon::new(-40.0, -140.0), LatLon::new(-30.0, -20.0));
        assert_eq!(p.basis, Basis::DistanceFit);
        let km = great_circle_km(LatLon::new(-40.0, -140.0), LatLon::new(-30.0, -20.0));
        assert!((p.p50_ms - model().distance_fit().predict_km(km)).abs() < 1e-9);
    }

    #[test]
    fn observations_cover_all_three_providers_on_the_p50_scale() {
        let obs = observations();
        assert_eq!(obs.len(), 1431 + 780 + 153);
        for o in obs.iter().filter(|o| o.provider == Provider::Aws) {
            let published = AWS_MEAN.lookup(o.a.into(), o.b.into()).unwrap().ms;
            assert_eq!(o.p50_ms, f64::from(published) + 0.5, "{o:?}");
        }
    }
}
