//! The planning engine: for every data class, every posture at its best placement, evaluated
//! for latency, RPO, RTO, staleness, conflicts, cost and residency; then one recommendation
//! per class with reasons that cite numbers.
//!
//! Pure and deterministic: no threads, no I/O, no randomness (quorum order statistics are
//! computed by numeric integration, see [`latency`]). The UI calls [`evaluate`] from a memo.
//!
//! ```
//! use meridian::{engine, plan::Plan};
//! let report = engine::evaluate(&Plan::example()).unwrap();
//! assert_eq!(report.classes.len(), 4);
//! assert_eq!(report.classes[0].chosen.posture.slug(), "sync-standby");
//! ```

use std::cell::RefCell;
use std::collections::HashMap;

use crate::latency::{rtt_explained, LinkRtt, RttSource};
use crate::place::Place;
use crate::plan::{DataClass, Operations, Plan, Residency, ResidencyScope};

pub mod access;
pub mod advice;
mod after_failover;
pub mod compare;
pub mod cost;
pub mod latency;
pub mod pin;
pub mod placement;
pub mod posture;
pub mod recommend;
pub mod report;
pub mod residency;
pub mod rpo;
pub mod rto;
pub mod services;
pub mod staleness;

mod evaluate_plan;
mod evaluate_posture;
mod outages;

pub use evaluate_plan::{
    evaluate, evaluate_past_region_limit, evaluate_with_progress, work_estimate, Progress,
    FIXED_WORK_IN_REGIONS,
};
pub use posture::Posture;
pub use report::{ClassReport, Evaluation, Report};

use latency::{Dist, Quantiles};

/// One directed link's distribution, precomputed once per evaluation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link {
    pub dist: Dist,
    pub q: Quantiles,
    pub floor_ms: f64,
    /// The 49.5th percentile: a cheap lower bound for the p99 of a min of two links
    /// (`F_min <= F_a + F_b`), used to prune the consensus search.
    pub p99_half: f64,
    /// At most the p99 of any read served over this link, alone or as part of a
    /// read-your-writes mixture (a mixture's quantile is never below its smallest part's,
    /// which [`latency::mixture_quantile`] takes from `dist.quantile`): a bound that prunes the
    /// consensus search before any mixture is computed.
    pub read_floor: f64,
}

impl Link {
    fn new(dist: Dist, q: Quantiles, floor_ms: f64) -> Link {
        Link {
            dist,
            q,
            floor_ms,
            p99_half: dist.quantile(0.495),
            read_floor: q.p99.min(dist.quantile(0.99)),
        }
    }
}

/// The resolved plan: places, users and the RTT matrices, built once per evaluation.
pub(crate) struct Ctx<'a> {
    pub plan: &'a Plan,
    pub regions: Vec<Place>,
    pub labels: Vec<String>,
    pub users: Vec<Place>,
    pub shares: Vec<f64>,
    /// Region x region links, row-major.
    rr: Vec<Link>,
    /// User x region links, row-major.
    ur: Vec<Link>,
    /// The fields of those links the consensus search's bounds read millions of times, in
    /// compact row-major tables built once per evaluation and shared by every class (a `Link`
    /// is ten numbers, so reading one field of it strides through memory).
    pub(crate) bound_rows: BoundRows,
    /// The local durable commit (cross-AZ round trip in one region).
    pub commit: Quantiles,
    pub rtt_sources: Vec<String>,
    /// Memoised quorum waits, keyed by (leader, sorted other voters).
    quorum_cache: RefCell<HashMap<(usize, usize, usize), Quantiles>>,
    /// Memoised read-your-writes read mixtures, one table per share of reads that follow a
    /// write (classes with the same share, and advice's checks of a class, reuse it), indexed
    /// by (user, local, writer): the placement search asks for the same ones many times, and
    /// a flat table is much cheaper than hashing the key.
    session_cache: RefCell<Vec<(u64, Vec<Option<Quantiles>>)>>,
    /// Per share of reads that follow a write, per (user, region): lower bounds of any
    /// read-your-writes mixture's p99 with that region as the local part and as the writer
    /// (see [`Ctx::session_read_floor`]), so the search can skip placements before bisecting.
    session_floor_cache: RefCell<Vec<(u64, Vec<SessionFloors>)>>,
    /// Sources of the prices used, in first-use order.
    pub price_sources: RefCell<Vec<String>>,
    /// The plan's prices, memoised.
    pub prices: cost::PriceCache<'a>,
}

/// For one user x region link and one share of reads that follow a write: lower bounds of a
/// read-your-writes mixture's p99 with the region as the local part, and as the writer.
type SessionFloors = (f64, f64);

/// Per-evaluation copies of the link fields the placement search bounds with (see
/// [`Link::p99_half`], [`Link::read_floor`]), row-major like the links themselves.
pub(crate) struct BoundRows {
    /// Region x region 49.5th percentiles.
    pub half: Vec<f64>,
    /// User x region read floors.
    pub read_floor: Vec<f64>,
    /// User x region p99.
    pub to_region_p99: Vec<f64>,
}

impl BoundRows {
    fn new(rr: &[Link], ur: &[Link]) -> BoundRows {
        BoundRows {
            half: rr.iter().map(|l| l.p99_half).collect(),
            read_floor: ur.iter().map(|l| l.read_floor).collect(),
            to_region_p99: ur.iter().map(|l| l.q.p99).collect(),
        }
    }
}

/// A place's identity for the RTT memo: its label and exact coordinates.
type PlaceKey = (String, u64, u64);

fn place_key(p: &Place) -> PlaceKey {
    let l = p.location();
    (p.label(), l.lat.to_bits(), l.lon.to_bits())
}

/// Entries kept in the RTT memo before it is emptied (a plan has at most a few hundred).
const RTT_MEMO_CAP: usize = 20_000;

thread_local! {
    /// Round trips already asked of the latency model, kept across evaluations: the UI
    /// re-evaluates the plan on every edit, and a pair's RTT never changes within a session.
    /// The model is a pure function, so results are identical with or without the memo.
    static RTT_MEMO: RefCell<HashMap<(PlaceKey, PlaceKey), (LinkRtt, f64)>> =
        RefCell::new(HashMap::new());
}

/// Empties the memo of round-trip times (benchmarks use it to measure a cold evaluation).
pub fn clear_rtt_cache() {
    RTT_MEMO.with(|m| m.borrow_mut().clear());
}

/// `ka`, `kb`: the places' [`place_key`]s, computed once per place by the caller (a label is
/// looked up, so computing it per pair was a tenth of an 80-region evaluation).
fn memo_rtt(a: &Place, b: &Place, ka: &PlaceKey, kb: &PlaceKey) -> (LinkRtt, f64) {
    let key = (ka.clone(), kb.clone());
    if let Some(hit) = RTT_MEMO.with(|m| m.borrow().get(&key).cloned()) {
        return hit;
    }
    let e = rtt_explained(a, b);
    let v = (e.link, e.floor_ms);
    RTT_MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= RTT_MEMO_CAP {
            m.clear();
        }
        m.insert(key, v.clone());
    });
    v
}

fn link_of(
    (a, ka): (&Place, &PlaceKey),
    (b, kb): (&Place, &PlaceKey),
    sources: &mut Vec<RttSource>,
) -> Link {
    let (link, floor_ms) = memo_rtt(a, b, ka, kb);
    if !sources.contains(&link.source) {
        sources.push(link.source.clone());
    }
    let dist = Dist::fit(floor_ms, link.p50_ms, link.p99_ms);
    let q = Quantiles {
        p50: link.p50_ms,
        p99: link.p99_ms,
    };
    Link::new(dist, q, floor_ms)
}

/// A user-to-region link with the user's access network in front of it: the quantiles
/// add (as every sequential leg does, see [`latency`]); the fibre floor is unchanged.
fn with_access(l: Link, last_mile: Quantiles) -> Link {
    if last_mile == Quantiles::ZERO {
        return l;
    }
    let q = last_mile.then(l.q);
    Link::new(Dist::fit(l.floor_ms, q.p50, q.p99), q, l.floor_ms)
}

impl<'a> Ctx<'a> {
    /// Resolves every place; the plan must be valid.
    pub fn new(plan: &'a Plan) -> Ctx<'a> {
        let regions: Vec<Place> = plan
            .regions
            .iter()
            .map(|r| r.resolve().expect("validated"))
            .collect();
        let users: Vec<Place> = plan
            .users
            .iter()
            .map(|u| u.place.resolve().expect("validated"))
            .collect();
        let mut sources = Vec::new();
        // The latency model is symmetric (measured matrices are symmetrised, the model is a
        // function of the pair), so each unordered pair is computed once.
        let n = regions.len();
        let region_keys: Vec<PlaceKey> = regions.iter().map(place_key).collect();
        let user_keys: Vec<PlaceKey> = users.iter().map(place_key).collect();
        let mut rr: Vec<Option<Link>> = vec![None; n * n];
        for i in 0..n {
            for j in i..n {
                let l = link_of(
                    (&regions[i], &region_keys[i]),
                    (&regions[j], &region_keys[j]),
                    &mut sources,
                );
                rr[i * n + j] = Some(l);
                rr[j * n + i] = Some(l);
            }
        }
        let rr: Vec<Link> = rr.into_iter().map(|l| l.expect("filled")).collect();
        let mut ur = Vec::with_capacity(users.len() * regions.len());
        for ((u, ku), pop) in users.iter().zip(&user_keys).zip(&plan.users) {
            let last_mile = access::round_trip(pop.access);
            for (r, kr) in regions.iter().zip(&region_keys) {
                ur.push(with_access(
                    link_of((u, ku), (r, kr), &mut sources),
                    last_mile,
                ));
            }
        }
        let commit = if n > 0 { rr[0].q } else { Quantiles::ZERO };
        let bound_rows = BoundRows::new(&rr, &ur);
        Ctx {
            plan,
            labels: plan.regions.iter().map(|r| r.label()).collect(),
            regions,
            users,
            shares: plan.users.iter().map(|u| u.share).collect(),
            rr,
            ur,
            bound_rows,
            commit,
            rtt_sources: sources
                .iter()
                .map(|s| s.describe())
                .chain(std::iter::once(access::SOURCE.to_string()))
                .collect(),
            quorum_cache: RefCell::new(HashMap::new()),
            session_cache: RefCell::new(Vec::new()),
            session_floor_cache: RefCell::new(Vec::new()),
            price_sources: RefCell::new(Vec::new()),
            prices: cost::PriceCache::new(&plan.prices),
        }
    }

    pub fn n(&self) -> usize {
        self.regions.len()
    }

    pub fn rr(&self, a: usize, b: usize) -> &Link {
        &self.rr[a * self.regions.len() + b]
    }

    pub fn ur(&self, u: usize, r: usize) -> &Link {
        &self.ur[u * self.regions.len() + r]
    }

    pub fn ops(&self) -> &Operations {
        &self.plan.operations
    }

    pub fn user_name(&self, u: usize) -> &str {
        &self.plan.users[u].name
    }

    /// Jurisdiction of user population `u` (from its place).
    pub fn user_jurisdiction(&self, u: usize) -> &str {
        self.users[u].jurisdiction()
    }

    /// Reads of user `u` served from `local`, except the share `f` that follow the user's own
    /// write and go to `writer`: the mixture's p50 and p99.
    pub fn session_read(&self, f: f64, u: usize, local: usize, writer: usize) -> Quantiles {
        let n = self.n();
        let at = (u * n + local) * n + writer;
        let table = {
            let mut cache = self.session_cache.borrow_mut();
            let table = match cache.iter().position(|(bits, _)| *bits == f.to_bits()) {
                Some(t) => t,
                None => {
                    cache.push((f.to_bits(), vec![None; self.users.len() * n * n]));
                    cache.len() - 1
                }
            };
            if let Some(Some(q)) = cache[table].1.get(at) {
                return *q;
            }
            table
        };
        let parts = [
            (1.0 - f, self.ur(u, local).dist),
            (f, self.ur(u, writer).dist),
        ];
        let q = Quantiles {
            p50: latency::mixture_quantile(&parts, 0.5),
            p99: latency::mixture_quantile(&parts, 0.99),
        };
        if let Some(slot) = self.session_cache.borrow_mut()[table].1.get_mut(at) {
            *slot = Some(q);
        }
        q
    }

    /// At most the p99 that [`Ctx::session_read`] returns for the same arguments, without its
    /// bisection. The mixture's CDF is `(1-f) F_local + f F_writer`, and each CDF is at most 1,
    /// so at the mixture's p99 `F_local >= (0.99 - f) / (1 - f)` and `F_writer >= (f - 0.01) /
    /// f`: the p99 is at least the local link's quantile at the first level and the writer's at
    /// the second. The bisection works with a normal CDF accurate to 1.5e-7
    /// ([`latency::normal_cdf`]), so both levels are lowered by 1e-6 (a margin of several
    /// 1e-6 in z, against the quantile's 1.2e-9 relative error). Also at least the smaller of
    /// the two read floors (the bisection's lower end).
    pub fn session_read_floor(&self, f: f64, u: usize, local: usize, writer: usize) -> f64 {
        let n = self.n();
        let mut cache = self.session_floor_cache.borrow_mut();
        let table = match cache.iter().position(|(bits, _)| *bits == f.to_bits()) {
            Some(t) => t,
            None => {
                const SLACK: f64 = 1e-6;
                let at = |d: &Dist, level: f64| {
                    if level > 0.0 && level < 1.0 {
                        d.quantile(level)
                    } else {
                        0.0
                    }
                };
                let (as_local, as_writer) =
                    ((0.99 - f) / (1.0 - f) - SLACK, (f - 0.01) / f - SLACK);
                let rows = self
                    .ur
                    .iter()
                    .map(|l| (at(&l.dist, as_local), at(&l.dist, as_writer)))
                    .collect();
                cache.push((f.to_bits(), rows));
                cache.len() - 1
            }
        };
        let rows = &cache[table].1;
        let (lo, wr) = (self.ur(u, local), self.ur(u, writer));
        let both = lo.read_floor.min(wr.read_floor);
        rows[u * n + local].0.max(rows[u * n + writer].1).max(both)
    }

    /// The wait for a majority of three voters from `leader`: the faster of its two links.
    pub fn quorum3(&self, leader: usize, a: usize, b: usize) -> Quantiles {
        let key = (leader, a.min(b), a.max(b));
        if let Some(q) = self.quorum_cache.borrow().get(&key) {
            return *q;
        }
        let q = latency::quorum_wait(&[self.rr(leader, a).dist, self.rr(leader, b).dist]);
        self.quorum_cache.borrow_mut().insert(key, q);
        q
    }

    /// Regions where any copy of `class` may live (residency `pinned`); for `per-owner`
    /// this is the regions whose jurisdiction every population shares (usually none).
    pub fn allowed(&self, class: &DataClass) -> Vec<usize> {
        (0..self.n())
            .filter(|&r| residency::region_allowed(self, class, r))
            .collect()
    }

    /// Regions allowed to hold the records of population `u` (per-owner residency binds to
    /// the population's jurisdiction).
    pub fn allowed_for_user(&self, class: &DataClass, u: usize) -> Vec<usize> {
        (0..self.n())
            .filter(|&r| match &class.residency {
                Residency::PerOwner => self.regions[r].jurisdiction() == self.user_jurisdiction(u),
                _ => residency::region_allowed(self, class, r),
            })
            .collect()
    }

    /// Regions where a disaster-recovery copy (standby, backup) of `class` may live: all of
    /// them when its residency binds the primary copies only.
    pub fn dr_allowed(&self, class: &DataClass) -> Vec<usize> {
        match class.residency_scope {
            ResidencyScope::PrimaryOnly => (0..self.n()).collect(),
            ResidencyScope::EveryCopy => self.allowed(class),
        }
    }

    /// Where the disaster-recovery copy of population `u`'s records may live.
    pub fn dr_allowed_for_user(&self, class: &DataClass, u: usize) -> Vec<usize> {
        match class.residency_scope {
            ResidencyScope::PrimaryOnly => (0..self.n()).collect(),
            ResidencyScope::EveryCopy => self.allowed_for_user(class, u),
        }
    }

    /// Home hints restricted to `cands`; all of `cands` if no hint is among them.
    pub fn hinted(&self, class: &DataClass, cands: &[usize]) -> Vec<usize> {
        let hinted: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&r| class.home_hints.iter().any(|h| h.label() == self.labels[r]))
            .collect();
        if hinted.is_empty() {
            cands.to_vec()
        } else {
            hinted
        }
    }
}
