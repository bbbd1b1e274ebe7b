//! The latency model for pairs without a measurement: pairs across providers, custom places,
//! and regions missing from their provider's matrix.
//!
//! Why neighbours: a route's inflation over the great circle depends mostly on where the
//! cables and backbones run, which is shared by everyone in the same two metros. So a
//! measured pair (a′, b′) with a′ near a and b′ near b predicts (a, b) far better than a
//! global distance fit does. Each neighbour predicts its measured p50 adjusted for the
//! difference in great-circle length, `m′ + k·2·(D − D′)/200`, weighted by closeness
//! `exp(−(da + db)/s)`, tapered to zero at the neighbour radius so a link entering or leaving
//! the neighbourhood moves the answer smoothly. A provider's own links weigh
//! [`Params::own_provider_weight`] times more for pairs with an end of that provider, so its
//! detours (AWS af-south-1 through Europe) carry into its pairs. Each provider's fixed
//! overhead ([`super::offsets`]) is taken off its links and the pair's own added back, and a
//! pair across two clouds adds the cross-provider penalty ([`super::crosscloud`], fitted: none
//! today). The distance fit
//! `c0 + k·floor` is one weak pseudo-neighbour, and the whole answer when nothing is near.
//! Short links blend toward the same-metro line ([`super::metro`]). Every result is clamped
//! at the fibre floor. docs/latency-model.md has the evaluation.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::data::{region_anchors, regions, Provider, Region};
use crate::geo::{great_circle_km, Anchor, LatLon};

pub use super::fit::{Baseline, DistanceFit};
pub use super::observations::{observations, Observation};

use super::crosscloud;
use super::metro;
use super::observations::floor_ms;
use super::offsets::{self, ProviderOffsets};

/// Tuning of the neighbour model. Radius, scale, inflation, relative and prior were chosen
/// on the leave-one-provider-out evaluation by a small grid (radius 300–800 km, scale
/// 100–250 km, k 1.0–1.6, relative 0–0.25, prior 0–0.2) and re-checked on the v2 data
/// (radius 400–1,000 km, scale 150–300 km, relative 0.1–0.3); the optimum is flat, so these
/// round values are not over-fitted to the last decimal. The own-provider weight was chosen
/// on 5-fold cross-validation (1, 3, 10, 30, 100: the gain flattens from 10 on).
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
    /// Weight multiplier of a measured link whose provider is the provider of either end.
    pub own_provider_weight: f64,
    /// Length below which the same-metro line takes part ([`metro::METRO_KM`]; 0 disables).
    pub metro_km: f64,
    /// Links shorter than this fit the per-provider offsets ([`offsets`]; 0 disables).
    pub offset_fit_km: f64,
    /// Added to a pair of regions of two different providers
    /// ([`crosscloud::CROSS_PROVIDER_PENALTY_MS`], fitted on measured cross-cloud pairs).
    pub cross_provider_penalty_ms: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            radius_km: 600.0,
            scale_km: 200.0,
            marginal_inflation: 1.3,
            relative: 0.2,
            prior_weight: 0.05,
            own_provider_weight: 10.0,
            metro_km: metro::METRO_KM,
            offset_fit_km: offsets::OFFSET_FIT_KM,
            cross_provider_penalty_ms: crosscloud::CROSS_PROVIDER_PENALTY_MS,
        }
    }
}

/// One end of a pair: where it is and, for a catalog region, whose region it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct End {
    pub at: LatLon,
    pub provider: Option<Provider>,
}

impl End {
    /// A place that belongs to no provider (a custom place, a user population).
    pub fn point(at: LatLon) -> End {
        End { at, provider: None }
    }

    pub fn region(r: &Region) -> End {
        End {
            at: r.location(),
            provider: Some(r.provider),
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
    /// Share of the same-metro line in `p50_ms` (0 for links of [`Params::metro_km`] or more).
    pub metro_share: f64,
}

/// The fitted model over a set of observations.
#[derive(Clone, Debug)]
pub struct Model {
    obs: Vec<Observation>,
    /// For each catalog region, the observations with an end there: the neighbour search
    /// only visits links touching regions near one end (a few hundred, not all 2,700).
    by_region: LinksByRegion,
    fit: DistanceFit,
    params: Params,
    offsets: ProviderOffsets,
}

impl Model {
    /// Fits the model's global parameters on `obs` (the distance fit and the provider
    /// offsets) and indexes the links.
    pub fn new(obs: Vec<Observation>, params: Params) -> Model {
        let fit = DistanceFit::fit(obs.iter());
        let by_region = LinksByRegion::new(&obs);
        let offsets = ProviderOffsets::fit(&obs, &by_region, params);
        Model {
            obs,
            by_region,
            fit,
            params,
            offsets,
        }
    }

    /// The model over `obs` with global parameters fitted beforehand on exactly these links
    /// and `params` (the shipped model's come from build.rs, [`super::fitted`]).
    pub fn with_fit(
        obs: Vec<Observation>,
        params: Params,
        fit: DistanceFit,
        offsets: ProviderOffsets,
    ) -> Model {
        let by_region = LinksByRegion::new(&obs);
        Model {
            obs,
            by_region,
            fit,
            params,
            offsets,
        }
    }

    pub fn distance_fit(&self) -> DistanceFit {
        self.fit
    }

    /// The per-provider offsets learned from the training links.
    pub fn offsets(&self) -> ProviderOffsets {
        self.offsets
    }

    pub fn params(&self) -> Params {
        self.params
    }

    /// The median RTT between two points that belong to no provider.
    pub fn predict(&self, a: LatLon, b: LatLon) -> Prediction {
        self.predict_ends(End::point(a), End::point(b))
    }

    /// The median RTT between two ends, never below the fibre floor.
    pub fn predict_ends(&self, a: End, b: End) -> Prediction {
        let km = great_circle_km(a.at, b.at);
        let floor = floor_ms(km);
        let mut p = self.neighbours(a, b, km);
        let (blended, share) = metro::blend(p.p50_ms, km, self.fit.k, self.params.metro_km);
        let cross_cloud = matches!((a.provider, b.provider), (Some(x), Some(y)) if x != y);
        let penalty = if cross_cloud {
            self.params.cross_provider_penalty_ms
        } else {
            0.0
        };
        p.p50_ms = (blended + penalty).max(floor);
        p.metro_share = share;
        p
    }

    /// The neighbour (or distance-fit) prediction, before the same-metro blend.
    fn neighbours(&self, a: End, b: End, km: f64) -> Prediction {
        let (da, db) = (distances_from(a.at), distances_from(b.at));
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
            .flat_map(|r| self.by_region.at(r).iter().map(|&k| k as usize));
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
            if ea >= radius || eb >= radius {
                continue;
            }
            let own = if Some(o.provider) == a.provider || Some(o.provider) == b.provider {
                p.own_provider_weight
            } else {
                1.0
            };
            let near = ea + eb;
            let w = own * (-near / scale).exp() * (1.0 - ea.max(eb) / radius);
            // On the common scale: the link's provider's offset taken off.
            let pred = o.p50_ms - self.offsets.ms(o.provider)
                + p.marginal_inflation * (floor - floor_ms(o.km));
            sw += w;
            swp += w * pred.max(floor);
            used.push((*o, w, near));
        }
        if used.is_empty() {
            return Prediction {
                p50_ms: self.fit.predict_km(km),
                basis: Basis::DistanceFit,
                top: Vec::new(),
                metro_share: 0.0,
            };
        }
        used.sort_by(|x, y| x.2.total_cmp(&y.2));
        let nearest_km = used[0].2;
        Prediction {
            p50_ms: (swp / sw + self.offsets.of_pair(a.provider, b.provider)).max(floor),
            basis: Basis::Neighbours {
                pairs: used.len(),
                nearest_km,
            },
            top: used.iter().take(3).map(|u| (u.0, u.1 / sw)).collect(),
            metro_share: 0.0,
        }
    }
}

/// For each catalog region, the indices of the links with an end there, in two flat arrays
/// (region `r`'s links are `links[start[r]..start[r + 1]]`): two allocations at start-up
/// rather than one growing list per region.
#[derive(Clone, Debug)]
pub struct LinksByRegion {
    start: Vec<u32>,
    links: Vec<u32>,
}

impl LinksByRegion {
    pub fn new(obs: &[Observation]) -> LinksByRegion {
        let n = regions().len();
        let mut start = vec![0u32; n + 1];
        for o in obs {
            start[usize::from(o.a) + 1] += 1;
            start[usize::from(o.b) + 1] += 1;
        }
        for r in 0..n {
            start[r + 1] += start[r];
        }
        let mut next = start.clone();
        let mut links = vec![0u32; 2 * obs.len()];
        for (k, o) in obs.iter().enumerate() {
            for end in [o.a, o.b] {
                let slot = &mut next[usize::from(end)];
                links[*slot as usize] = k as u32;
                *slot += 1;
            }
        }
        LinksByRegion { start, links }
    }

    /// The links with an end at catalog region `r`, in training order.
    pub fn at(&self, r: usize) -> &[u32] {
        &self.links[self.start[r] as usize..self.start[r + 1] as usize]
    }
}

/// Great-circle km from catalog region `i` to every region, computed the first time it is
/// needed and kept: a plan's places cost one row of haversines each, once, so a matrix of
/// region places is table look-ups, not trigonometry (software trig is slow in wasm).
fn region_row(i: usize) -> &'static [f64] {
    static ROWS: OnceLock<Vec<OnceLock<Vec<f64>>>> = OnceLock::new();
    let anchors = region_anchors();
    ROWS.get_or_init(|| (0..anchors.len()).map(|_| OnceLock::new()).collect())[i]
        .get_or_init(|| anchors.iter().map(|r| anchors[i].km_to(r)).collect())
}

/// Distances from `p` to every catalog region: a cached row when `p` is a region's own
/// location, else computed.
fn distances_from(p: LatLon) -> Cow<'static, [f64]> {
    let regs = regions();
    match regs.iter().position(|r| r.location() == p) {
        Some(i) => Cow::Borrowed(region_row(i)),
        None => {
            let p = Anchor::new(p);
            Cow::Owned(region_anchors().iter().map(|r| p.km_to(r)).collect())
        }
    }
}

/// The model trained on every measurement, built once, with the global parameters build.rs
/// fitted on the same links (`fitted::tests` proves they equal [`Model::new`]'s).
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        use super::fitted;
        let obs = observations().to_vec();
        // A fit over other links than these would be stale: fit now instead (never the
        // case in a clean build, where both come from the same data/ files).
        if obs.len() != fitted::LINKS {
            return Model::new(obs, Params::default());
        }
        Model::with_fit(
            obs,
            Params::default(),
            fitted::DISTANCE_FIT,
            fitted::OFFSETS,
        )
    })
}

#[cfg(test)]
mod tests;
