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
mod links;
mod outages;

pub use evaluate_plan::{
    evaluate, evaluate_past_region_limit, evaluate_with_progress, work_estimate, Evaluator,
    Progress, FIXED_WORK_IN_REGIONS,
};
pub use links::clear_rtt_cache;
pub(crate) use links::{BoundRows, Link};
pub use posture::Posture;
pub use report::{ClassReport, Evaluation, Report};

use latency::{Dist, Quantiles};

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
    /// Memoised quorum waits, keyed by (leader, sorted other voters): the other voters in the
    /// order of the first call (the order statistic is computed over the links in that
    /// order) and each half when first asked for (the search needs only p99s).
    quorum_cache: RefCell<HashMap<(usize, usize, usize), QuorumHalves>>,
    /// The least read sums over voter sets (placement::read_sets), built when a consensus
    /// search first needs them and shared by every class; kept with the link tables they are
    /// built from ([`links::SetTables`]), so re-evaluations of the same places reuse them.
    pub(crate) read_sets: links::SetTables,
    /// Memoised read-your-writes read mixtures, one table per share of reads that follow a
    /// write (classes with the same share, and advice's checks of a class, reuse it), indexed
    /// by (user, local, writer): the placement search asks for the same ones many times, and
    /// a flat table is much cheaper than hashing the key.
    /// Each half (p50, p99) is computed when first asked for: the search compares p99s and
    /// needs a p50 only to break a tie. `NaN` marks one not computed yet (a mixture's
    /// quantile never is NaN: `f64::min`/`max` skip NaN parts).
    /// Kept with the link tables (`links::SessionTables`), so shared by every evaluation over
    /// the same links.
    session_cache: links::SessionTables,
    /// Per share of reads that follow a write, per (user, region): lower bounds of any
    /// read-your-writes mixture's p99 with that region as the local part and as the writer
    /// (see [`Ctx::session_read_floor`]), so the search can skip placements before bisecting.
    session_floor_cache: RefCell<Vec<(u64, Vec<SessionFloors>)>>,
    /// Transfer streams' GB/month as shown, per (class, share of writes): the cost model asks
    /// for the same ones for every posture and advice check, and each is formatted and read
    /// back (`present::cost::stream_gb_month`).
    stream_gb: RefCell<Vec<(DataClass, u64, f64)>>,
    /// Sources of the prices used, in first-use order.
    pub price_sources: RefCell<Vec<String>>,
    /// The plan's prices, memoised.
    pub prices: cost::PriceCache<'a>,
}

/// A memoised quorum wait: the other two voters in the order first asked, and each half once
/// computed.
#[derive(Clone, Copy)]
struct QuorumHalves {
    first: usize,
    second: usize,
    p50: Option<f64>,
    p99: Option<f64>,
}

/// For one user x region link and one share of reads that follow a write: lower bounds of a
/// read-your-writes mixture's p99 with the region as the local part, and as the writer.
type SessionFloors = (f64, f64);

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
        let (rr, ur, sources, read_sets, sessions) =
            links::link_tables(&regions, &users, &plan.users);
        let n = regions.len();
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
            read_sets,
            stream_gb: RefCell::new(Vec::new()),
            session_cache: sessions,
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
        Quantiles {
            p50: self.session_read_at(f, u, local, writer, 0.5),
            p99: self.session_read_at(f, u, local, writer, 0.99),
        }
    }

    /// The p99 of [`Ctx::session_read`] alone (what the objective adds up).
    pub fn session_read_p99(&self, f: f64, u: usize, local: usize, writer: usize) -> f64 {
        self.session_read_at(f, u, local, writer, 0.99)
    }

    /// One half (`level` 0.5 or 0.99) of [`Ctx::session_read`], memoised.
    fn session_read_at(&self, f: f64, u: usize, local: usize, writer: usize, level: f64) -> f64 {
        let n = self.n();
        let at = (u * n + local) * n + writer;
        fn half(t: &mut links::SessionHalves, level: f64) -> &mut Vec<f64> {
            if level == 0.5 {
                &mut t.p50
            } else {
                &mut t.p99
            }
        }
        let table = {
            let mut cache = self.session_cache.borrow_mut();
            let table = match cache.iter().position(|(bits, _)| *bits == f.to_bits()) {
                Some(t) => t,
                None => {
                    if cache.len() >= links::SESSION_TABLES_KEPT {
                        cache.remove(0);
                    }
                    let len = self.users.len() * n * n;
                    cache.push((
                        f.to_bits(),
                        links::SessionHalves {
                            p50: vec![f64::NAN; len],
                            p99: vec![f64::NAN; len],
                        },
                    ));
                    cache.len() - 1
                }
            };
            if let Some(&v) = half(&mut cache[table].1, level).get(at) {
                if !v.is_nan() {
                    return v;
                }
            }
            table
        };
        let parts = [
            (1.0 - f, self.ur(u, local).dist),
            (f, self.ur(u, writer).dist),
        ];
        let v = latency::mixture_quantile(&parts, level);
        if let Some(slot) = half(&mut self.session_cache.borrow_mut()[table].1, level).get_mut(at) {
            *slot = v;
        }
        v
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
        let table = self.session_floors(f);
        let cache = self.session_floor_cache.borrow();
        let rows = &cache[table].1;
        let (lo, wr) = (self.ur(u, local), self.ur(u, writer));
        let both = lo.read_floor.min(wr.read_floor);
        rows[u * n + local].0.max(rows[u * n + writer].1).max(both)
    }

    /// The part of [`Ctx::session_read_floor`] that depends on the writer alone: at most the
    /// p99 of any read-your-writes mixture of user `u` with writes in `writer`, wherever the
    /// rest is read. Per (user, region), row-major like the links.
    pub fn session_writer_floors(&self, f: f64) -> Vec<f64> {
        let table = self.session_floors(f);
        let cache = self.session_floor_cache.borrow();
        cache[table].1.iter().map(|r| r.1).collect()
    }

    /// One entry of [`Ctx::session_writer_floors`].
    pub fn session_writer_floor(&self, f: f64, u: usize, writer: usize) -> f64 {
        let table = self.session_floors(f);
        self.session_floor_cache.borrow()[table].1[u * self.n() + writer].1
    }

    /// The index of share `f`'s table of (as local part, as writer) floors, built on first use.
    fn session_floors(&self, f: f64) -> usize {
        let mut cache = self.session_floor_cache.borrow_mut();
        if let Some(t) = cache.iter().position(|(bits, _)| *bits == f.to_bits()) {
            return t;
        }
        const SLACK: f64 = 1e-6;
        let at = |d: &Dist, level: f64| {
            if level > 0.0 && level < 1.0 {
                d.quantile(level)
            } else {
                0.0
            }
        };
        let (as_local, as_writer) = ((0.99 - f) / (1.0 - f) - SLACK, (f - 0.01) / f - SLACK);
        let rows = self
            .ur
            .iter()
            .map(|l| (at(&l.dist, as_local), at(&l.dist, as_writer)))
            .collect();
        cache.push((f.to_bits(), rows));
        cache.len() - 1
    }

    /// [`crate::present::cost::stream_gb_month`], memoised for the evaluation (a pure function
    /// of the class and the share; the whole class is the key).
    pub fn stream_gb_month(&self, class: &DataClass, share: f64) -> f64 {
        let bits = share.to_bits();
        let known = self
            .stream_gb
            .borrow()
            .iter()
            .find(|(c, s, _)| *s == bits && c == class)
            .map(|e| e.2);
        known.unwrap_or_else(|| {
            let gb = crate::present::cost::stream_gb_month(class, share);
            self.stream_gb.borrow_mut().push((class.clone(), bits, gb));
            gb
        })
    }

    /// The wait for a majority of three voters from `leader`: the faster of its two links.
    pub fn quorum3(&self, leader: usize, a: usize, b: usize) -> Quantiles {
        Quantiles {
            p50: self.quorum3_at(leader, a, b, 0.5),
            p99: self.quorum3_at(leader, a, b, 0.99),
        }
    }

    /// The p99 of [`Ctx::quorum3`] alone (what the search's objective adds up).
    pub fn quorum3_p99(&self, leader: usize, a: usize, b: usize) -> f64 {
        self.quorum3_at(leader, a, b, 0.99)
    }

    /// One half of [`Ctx::quorum3`] (`level` 0.5 or 0.99), memoised. Both halves are computed
    /// over the two links in the order of the first call, as [`latency::quorum_wait`] was.
    fn quorum3_at(&self, leader: usize, a: usize, b: usize, level: f64) -> f64 {
        let key = (leader, a.min(b), a.max(b));
        let mut e = *self
            .quorum_cache
            .borrow_mut()
            .entry(key)
            .or_insert(QuorumHalves {
                first: a,
                second: b,
                p50: None,
                p99: None,
            });
        let slot = if level == 0.5 { &mut e.p50 } else { &mut e.p99 };
        if let Some(v) = *slot {
            return v;
        }
        let links = [
            self.rr(leader, e.first).dist,
            self.rr(leader, e.second).dist,
        ];
        let v = latency::quorum_wait_at(&links, level);
        *slot = Some(v);
        self.quorum_cache.borrow_mut().insert(key, e);
        v
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
