//! The per-evaluation link tables: every region x region and user x region link with the
//! figures the placement search bounds with, built from the latency model through a memo of
//! round trips kept across evaluations.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::access;
use super::latency::{Dist, Quantiles};
use super::placement::SetLeast;
use crate::latency::{rtt_explained, LinkRtt, RttSource};
use crate::place::Place;
use crate::plan::{AccessNetwork, UserPopulation};

/// One directed link's distribution, precomputed once per evaluation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link {
    pub dist: Dist,
    pub q: Quantiles,
    pub floor_ms: f64,
    /// At most the p99 of the faster of this link and any other (a three-voter quorum wait):
    /// the [`QUORUM_FLOOR_LEVEL`] quantile less [`QUORUM_FLOOR_SLACK_MS`]. Used to prune the
    /// consensus search.
    pub quorum_floor: f64,
    /// At most the p99 of any read served over this link, alone or as part of a
    /// read-your-writes mixture (a mixture's quantile is never below its smallest part's,
    /// which [`super::latency::mixture_quantile`] takes from `dist.quantile`): a bound that prunes the
    /// consensus search before any mixture is computed.
    pub read_floor: f64,
}

/// The p99 `t` of the faster of two independent links has `(1 - F_a(t)) (1 - F_b(t)) = 0.01`,
/// so one factor is at most 0.1: `t` is at least the smaller of the links' 90th percentiles.
/// The level is lowered to 0.89 because the quorum wait is computed numerically (its CDF with
/// an erfc accurate to 1.5e-7, [`super::latency::normal_cdf`]): below it both factors exceed 0.11
/// and the CDF of the faster is under 0.988, far from 0.99 for any such error.
const QUORUM_FLOOR_LEVEL: f64 = 0.89;

/// The quorum wait's bisection stops within 1e-4 ms of the crossing and returns the middle of
/// its bracket ([`super::latency::kth_smallest_quantile`]), so the bound is lowered by ten times that.
const QUORUM_FLOOR_SLACK_MS: f64 = 1e-3;

impl Link {
    fn new(dist: Dist, q: Quantiles, floor_ms: f64) -> Link {
        Link {
            dist,
            q,
            floor_ms,
            quorum_floor: dist.quantile(QUORUM_FLOOR_LEVEL) - QUORUM_FLOOR_SLACK_MS,
            read_floor: q.p99.min(dist.quantile(0.99)),
        }
    }
}

/// Per-evaluation copies of the link fields the placement search bounds with (see
/// [`Link::quorum_floor`], [`Link::read_floor`]), row-major like the links themselves.
pub(crate) struct BoundRows {
    /// Region x region quorum floors.
    pub half: Vec<f64>,
    /// User x region read floors.
    pub read_floor: Vec<f64>,
    /// User x region p99.
    pub to_region_p99: Vec<f64>,
}

impl BoundRows {
    pub(super) fn new(rr: &[Link], ur: &[Link]) -> BoundRows {
        BoundRows {
            half: rr.iter().map(|l| l.quorum_floor).collect(),
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

/// The link tables of the latest evaluations and the places they were built for: an edit
/// that keeps the plan's regions and user populations (most edits: a class, a budget, a
/// price) reuses them whole instead of looking up every pair in [`RTT_MEMO`] again (hashing
/// the pairs' keys was a tenth of an 80-region evaluation). The same pairs give the same
/// links, so the report is identical either way.
struct LinkTables {
    regions: Vec<PlaceKey>,
    users: Vec<(PlaceKey, AccessNetwork)>,
    rr: Vec<Link>,
    ur: Vec<Link>,
    sources: Vec<RttSource>,
    read_sets: SetTables,
    sessions: SessionTables,
}

/// What a table of least read sums over voter sets ([`crate::engine::placement::SetLeast`])
/// is of, besides the links' read floors: the share-weighted reads for these shares (their
/// bits), or the excess over one read budget (its bits).
#[derive(Clone, PartialEq)]
pub(crate) enum SetKey {
    Weighted(Vec<u64>),
    Excess(u64),
}

/// The tables of least read sums built from one set of link tables, shared by the
/// evaluations that use those links.
pub(crate) type SetTables = Rc<RefCell<Vec<(SetKey, Rc<SetLeast>)>>>;

/// Read-your-writes mixtures' quantiles memoised for one set of link tables, one table per
/// share of reads that follow a write (see `Ctx::session_read_at`): a mixture's quantile is a
/// function of the share and the two links alone, so every evaluation over the same links
/// (an edit that keeps the places) reuses them.
pub(crate) type SessionTables = Rc<RefCell<Vec<(u64, SessionHalves)>>>;

/// Share tables kept per set of link tables; past it the oldest is dropped (each is 16 bytes
/// x users x regions^2; an edit of a class's reads or writes makes a new share).
pub(crate) const SESSION_TABLES_KEPT: usize = 32;

/// Read-your-writes mixtures of one share, indexed by (user, local, writer): p50s and p99s,
/// `NaN` until computed.
pub(crate) struct SessionHalves {
    pub p50: Vec<f64>,
    pub p99: Vec<f64>,
}

/// Link tables kept (advice may evaluate a plan with other places in between).
const LINK_TABLES_KEPT: usize = 4;

thread_local! {
    /// The latest first.
    static LAST_TABLES: RefCell<Vec<LinkTables>> = const { RefCell::new(Vec::new()) };
}

/// Empties the memo of round-trip times (benchmarks use it to measure a cold evaluation).
pub fn clear_rtt_cache() {
    RTT_MEMO.with(|m| m.borrow_mut().clear());
    LAST_TABLES.with(|t| t.borrow_mut().clear());
}

/// The region x region and user x region links of these places, and the sources of their
/// round trips in first-use order: from [`LAST_TABLES`] when kept for the same places, else
/// built (through [`RTT_MEMO`]) and kept there.
pub(super) fn link_tables(
    regions: &[Place],
    users: &[Place],
    populations: &[UserPopulation],
) -> (
    Vec<Link>,
    Vec<Link>,
    Vec<RttSource>,
    SetTables,
    SessionTables,
) {
    let region_keys: Vec<PlaceKey> = regions.iter().map(place_key).collect();
    let user_keys: Vec<(PlaceKey, AccessNetwork)> = users
        .iter()
        .zip(populations)
        .map(|(u, pop)| (place_key(u), pop.access))
        .collect();
    let hit = LAST_TABLES.with(|t| {
        t.borrow()
            .iter()
            .find(|t| t.regions == region_keys && t.users == user_keys)
            .map(|t| {
                let sets = t.read_sets.clone();
                let sessions = t.sessions.clone();
                (
                    t.rr.clone(),
                    t.ur.clone(),
                    t.sources.clone(),
                    sets,
                    sessions,
                )
            })
    });
    if let Some(tables) = hit {
        return tables;
    }
    let mut sources = Vec::new();
    // The latency model is symmetric (measured matrices are symmetrised, the model is a
    // function of the pair), so each unordered pair is computed once.
    let n = regions.len();
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
    for (u, (ku, access)) in users.iter().zip(&user_keys) {
        let last_mile = access::round_trip(*access);
        for (r, kr) in regions.iter().zip(&region_keys) {
            ur.push(with_access(
                link_of((u, ku), (r, kr), &mut sources),
                last_mile,
            ));
        }
    }
    let read_sets = SetTables::default();
    let sessions = SessionTables::default();
    LAST_TABLES.with(|t| {
        let mut t = t.borrow_mut();
        t.truncate(LINK_TABLES_KEPT - 1);
        t.insert(
            0,
            LinkTables {
                regions: region_keys,
                users: user_keys,
                rr: rr.clone(),
                ur: ur.clone(),
                sources: sources.clone(),
                read_sets: read_sets.clone(),
                sessions: sessions.clone(),
            },
        );
    });
    (rr, ur, sources, read_sets, sessions)
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

#[cfg(test)]
mod tests {
    use crate::engine::{clear_rtt_cache, evaluate};
    use crate::plan::{AccessNetwork, Plan};

    /// Reused link tables (and the voter-set tables kept with them) give the report a cold
    /// evaluation gives, and another plan's places (here only the users' access network
    /// differs) or shares are never served from them.
    #[test]
    fn kept_link_tables_change_no_report() {
        let plan = Plan::example();
        let mut other = plan.clone();
        other.users[0].access = AccessNetwork::DataCentre;
        let mut shares = plan.clone();
        shares.users[0].share += 0.1;
        shares.users[1].share -= 0.1;
        let cold = |p: &Plan| {
            clear_rtt_cache();
            evaluate(p).unwrap()
        };
        let reports = [cold(&plan), cold(&other), cold(&shares)];
        assert_ne!(reports[0], reports[1]);
        assert_ne!(reports[0], reports[2]);
        for _ in 0..2 {
            for (p, r) in [&plan, &other, &shares].into_iter().zip(&reports) {
                assert_eq!(&evaluate(p).unwrap(), r);
            }
        }
    }
}
