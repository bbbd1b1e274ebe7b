//! Placement search: for one data class and posture, the roles (primary, standby, replicas,
//! homes, voters, leader) among the plan's regions that minimise the latency objective.
//!
//! The objective, compared lexicographically:
//! 1. `excess_ms`: total p99 milliseconds by which users exceed the class's write and read
//!    budgets (a placement that meets the budgets beats any that does not);
//! 2. `failover_excess_ms`: the same after the primary's region is lost and the takeover
//!    region (standby, or where a backup is restored) serves everyone;
//! 3. `weighted_ms`: the traffic-weighted p99 latency, users weighted by share and operations
//!    by the class's write/read mix;
//! 4. `failover_weighted_ms`: the same after the failover. It alone decides between async
//!    standbys (which do not change latency in normal operation). No weight constant: normal
//!    operation is nearly all of the time, and a sync standby's round trip is on every write.
//!
//! Each is a sum over user populations of terms that only grow with a user's write and read
//! p99, which is what makes the search exact:
//! * single-primary postures enumerate the primary, and standby and backup & restore
//!   postures the primary x takeover region pairs;
//! * per-user choices (homes, nearest replica, nearest writer) decompose: each user's best
//!   region is independent of the others;
//! * consensus enumerates leader x voter pairs with branch and bound: a leader's lower bound
//!   is its objective with a zero quorum wait and every read served by the nearest allowed
//!   region; leaders are visited in bound order and the search stops once the bound exceeds
//!   the best found. Each voter pair is first bounded without read-your-writes mixtures
//!   (consensus_bound.rs). Quorum waits are memoised per evaluation.
//!
//! [`brute_force`] enumerates every placement without these shortcuts; tests check both
//! give the same optimum on plans of up to 12 regions.
//!
//! A partition's standby is the allowed region closest to its population, then to its home
//! (see `failover_home`): the users' latency after the failover first, replication lag next.

use std::cmp::Ordering;

use super::consensus_bound::{self, LeaderBounds};
use super::latency::Quantiles;
use super::posture::Posture;
use super::Ctx;
use crate::plan::{Consistency, DataClass, Ownership};

/// Roles as region indices into the plan's `regions`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Choice {
    pub primary: Option<usize>,
    pub standby: Option<usize>,
    /// RLWG: read replicas besides the primary; multi-writer: every writer region.
    pub replicas: Vec<usize>,
    /// Partitioned: per user population, its home and that partition's standby.
    pub homes: Vec<(usize, Option<usize>)>,
    /// Consensus voters, leader first.
    pub voters: Vec<usize>,
    pub backup: Option<usize>,
}

/// The latency objective (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Objective {
    pub excess_ms: f64,
    /// Budget excess after the takeover region serves everyone (standby postures).
    pub failover_excess_ms: f64,
    pub weighted_ms: f64,
    /// The traffic-weighted p99 after the takeover region serves everyone.
    pub failover_weighted_ms: f64,
}

impl Objective {
    pub const ZERO: Objective = Objective {
        excess_ms: 0.0,
        failover_excess_ms: 0.0,
        weighted_ms: 0.0,
        failover_weighted_ms: 0.0,
    };

    pub fn compare(&self, o: &Objective) -> Ordering {
        self.excess_ms
            .total_cmp(&o.excess_ms)
            .then(self.failover_excess_ms.total_cmp(&o.failover_excess_ms))
            .then(self.weighted_ms.total_cmp(&o.weighted_ms))
            .then(self.failover_weighted_ms.total_cmp(&o.failover_weighted_ms))
    }
}

/// What a user's write and read do under a placement.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UserLatency {
    pub write: Quantiles,
    pub read: Quantiles,
    /// The region the write enters.
    pub write_via: usize,
    /// The region that reads are served from.
    pub read_from: usize,
    /// Consensus: the voter whose ack completes the quorum at the p50 (the nearer one).
    pub quorum_via: Option<usize>,
}

/// The region among `cands` with the lowest p99 from user `u` (ties: lower p50, lower index).
fn nearest_to_user(ctx: &Ctx, u: usize, cands: &[usize]) -> Option<usize> {
    cands.iter().copied().min_by(|&a, &b| {
        let (la, lb) = (ctx.ur(u, a).q, ctx.ur(u, b).q);
        la.p99.total_cmp(&lb.p99).then(la.p50.total_cmp(&lb.p50))
    })
}

/// The region among `cands` other than `from` with the lowest p99 RTT from `from`.
pub(crate) fn nearest_other(ctx: &Ctx, from: usize, cands: &[usize]) -> Option<usize> {
    cands
        .iter()
        .copied()
        .filter(|&r| r != from)
        .min_by(|&a, &b| {
            let (la, lb) = (ctx.rr(from, a).q, ctx.rr(from, b).q);
            la.p99.total_cmp(&lb.p99).then(la.p50.total_cmp(&lb.p50))
        })
}

/// The standby of population `u`'s partition: where its users are served after their home
/// region `home` is lost, so the region closest to them (p99), then the one closest to the
/// home (shorter replication lag). Nearest-to-home alone can put North America's standby
/// across the Atlantic when that link is a few ms shorter than the one across the continent.
fn failover_home(ctx: &Ctx, u: usize, home: usize, cands: &[usize]) -> Option<usize> {
    cands
        .iter()
        .copied()
        .filter(|&r| r != home)
        .min_by(|&a, &b| {
            let (ua, ub) = (ctx.ur(u, a).q, ctx.ur(u, b).q);
            let (ra, rb) = (ctx.rr(home, a).q, ctx.rr(home, b).q);
            ua.p99.total_cmp(&ub.p99).then(ra.p99.total_cmp(&rb.p99))
        })
}

fn linearizable(class: &DataClass) -> bool {
    class.consistency == Consistency::Linearizable
}

/// Does the class need a user's reads to see that user's own writes (read-your-writes, or
/// causal, which includes it)?
pub(crate) fn needs_session_reads(class: &DataClass) -> bool {
    matches!(
        class.consistency,
        Consistency::ReadYourWrites | Consistency::Causal
    )
}

/// The share of reads that follow the reader's own write within the replication lag, and so
/// must be served where the write landed. Assumption (stated in docs/engine.md): each write
/// is followed by one read of it by the same user right away (the redirect-after-post
/// pattern), so the share is writes/s over reads/s, at most all reads.
pub(crate) fn session_read_share(class: &DataClass) -> f64 {
    if class.reads_per_s > 0.0 {
        (class.writes_per_s / class.reads_per_s).min(1.0)
    } else {
        0.0
    }
}

/// A read served from `local` by a class that needs read-your-writes: the share of reads
/// right after the user's own write goes to `writer` (sticky routing for the lag window),
/// the rest stays local; the read percentiles are those of that mixture.
fn session_read(ctx: &Ctx, class: &DataClass, u: usize, local: usize, writer: usize) -> Quantiles {
    let f = session_read_share(class);
    if local == writer || !needs_session_reads(class) || f <= 0.0 {
        return ctx.ur(u, local).q;
    }
    ctx.session_read(f, u, local, writer)
}

/// Where user `u` reads among `cands` when writes land in `writer`: the region nearest the
/// user, or with read-your-writes the writer itself when that gives a lower read p99 than the
/// nearest region's mixture (see [`session_read`]).
fn best_read(
    ctx: &Ctx,
    class: &DataClass,
    u: usize,
    cands: &[usize],
    writer: usize,
) -> Option<usize> {
    let nearest = nearest_to_user(ctx, u, cands)?;
    if !needs_session_reads(class) || !cands.contains(&writer) || nearest == writer {
        return Some(nearest);
    }
    // With read-your-writes, reading at the writer itself (no mixture) can beat the nearest
    // replica's mixture; other replicas are not weighed (mixtures for every candidate made the
    // search ~15x slower, for differences below 1e-4 ms in the tests' plans).
    let read = |r: usize| session_read(ctx, class, u, r, writer);
    let (qn, qw) = (read(nearest), read(writer));
    Some(
        if qw
            .p99
            .total_cmp(&qn.p99)
            .then(qw.p50.total_cmp(&qn.p50))
            .is_lt()
        {
            writer
        } else {
            nearest
        },
    )
}

/// Write and read latency of user `u` under `choice`.
pub(crate) fn user_latency(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    c: &Choice,
    u: usize,
) -> UserLatency {
    let commit = ctx.commit;
    match posture {
        Posture::SingleRegion
        | Posture::BackupRestore
        | Posture::PilotLight
        | Posture::WarmStandby
        | Posture::SyncStandby
        | Posture::ReadLocalWriteGlobal => {
            let p = c.primary.expect("single-writer postures have a primary");
            let to_p = ctx.ur(u, p).q;
            let mut write = to_p.then(commit);
            if posture == Posture::SyncStandby {
                let s = c.standby.expect("sync-standby has a standby");
                write = write.then(ctx.rr(p, s).q);
            }
            let read_from = if posture == Posture::ReadLocalWriteGlobal && !linearizable(class) {
                // The primary serves reads too; ties go to the earlier candidate.
                let mut cands = vec![p];
                cands.extend(&c.replicas);
                best_read(ctx, class, u, &cands, p).unwrap_or(p)
            } else {
                p
            };
            UserLatency {
                write,
                read: session_read(ctx, class, u, read_from, p),
                write_via: p,
                read_from,
                quorum_via: None,
            }
        }
        Posture::ActiveActivePartitioned => {
            let h = c.homes[u].0;
            UserLatency {
                write: ctx.ur(u, h).q.then(commit),
                read: ctx.ur(u, h).q,
                write_via: h,
                read_from: h,
                quorum_via: None,
            }
        }
        Posture::ActiveActiveMultiWriter => {
            let w = nearest_to_user(ctx, u, &c.replicas).expect("writers");
            UserLatency {
                write: ctx.ur(u, w).q.then(commit),
                read: ctx.ur(u, w).q,
                write_via: w,
                read_from: w,
                quorum_via: None,
            }
        }
        Posture::GlobalConsensus => {
            let q = ctx.quorum3(c.voters[0], c.voters[1], c.voters[2]);
            consensus_user(ctx, class, &c.voters, q, u)
        }
    }
}

/// A user's latency under consensus with voters `[leader, a, b]` and quorum wait `q`.
fn consensus_user(
    ctx: &Ctx,
    class: &DataClass,
    voters: &[usize],
    q: Quantiles,
    u: usize,
) -> UserLatency {
    let (l, a, b) = (voters[0], voters[1], voters[2]);
    let read_from = if linearizable(class) {
        l
    } else {
        best_read(ctx, class, u, voters, l).unwrap_or(l)
    };
    let via = if ctx.rr(l, a).q.p50 <= ctx.rr(l, b).q.p50 {
        a
    } else {
        b
    };
    UserLatency {
        write: ctx.ur(u, l).q.then(q).then(ctx.commit),
        read: session_read(ctx, class, u, read_from, l),
        write_via: l,
        read_from,
        quorum_via: Some(via),
    }
}

/// The consensus objective for `voters` with quorum wait `q` (exact or a lower bound).
fn consensus_objective(ctx: &Ctx, class: &DataClass, voters: &[usize], q: Quantiles) -> Objective {
    let mut o = Objective::ZERO;
    for u in 0..ctx.users.len() {
        let l = consensus_user(ctx, class, voters, q, u);
        let t = user_term(ctx, class, u, l.write.p99, l.read.p99);
        o.excess_ms += t.excess_ms;
        o.weighted_ms += t.weighted_ms;
    }
    o
}

/// The write/read mix weights: the share of operations that are writes and reads.
fn mix(class: &DataClass) -> (f64, f64) {
    let total = class.writes_per_s + class.reads_per_s;
    if total > 0.0 {
        (class.writes_per_s / total, class.reads_per_s / total)
    } else {
        (0.5, 0.5)
    }
}

/// One user's contribution to the objective from its write and read p99.
pub(crate) fn user_term(ctx: &Ctx, class: &DataClass, u: usize, w99: f64, r99: f64) -> Objective {
    let (fw, fr) = mix(class);
    let over = |v: f64, b: Option<f64>| b.map_or(0.0, |b| (v - b).max(0.0));
    Objective {
        excess_ms: over(w99, class.write_p99_budget_ms) + over(r99, class.read_p99_budget_ms),
        failover_excess_ms: 0.0,
        weighted_ms: ctx.shares[u] * (fw * w99 + fr * r99),
        failover_weighted_ms: 0.0,
    }
}

/// The objective of a complete placement.
pub(crate) fn objective(ctx: &Ctx, class: &DataClass, posture: Posture, c: &Choice) -> Objective {
    let mut o = Objective::ZERO;
    for u in 0..ctx.users.len() {
        let l = user_latency(ctx, class, posture, c, u);
        let t = user_term(ctx, class, u, l.write.p99, l.read.p99);
        o.excess_ms += t.excess_ms;
        o.weighted_ms += t.weighted_ms;
    }
    if let Some(t) = takeover(posture, c) {
        // After the primary's region is lost every user is served from the takeover region
        // (no sync partner any more). No weight is needed: budgets in normal operation come
        // first, budgets after a failover second, then latency in normal operation (nearly all
        // of the time; a sync standby's round trip is paid on every write), then latency after
        // a failover, which alone decides between async standbys.
        for u in 0..ctx.users.len() {
            let to = ctx.ur(u, t).q;
            let f = user_term(ctx, class, u, to.then(ctx.commit).p99, to.p99);
            o.failover_excess_ms += f.excess_ms;
            o.failover_weighted_ms += f.weighted_ms;
        }
    }
    o
}

/// The region that serves everyone after a single-primary posture loses its primary's
/// region: the standby, or for backup & restore the region the backup is restored in.
pub(crate) fn takeover(posture: Posture, c: &Choice) -> Option<usize> {
    match posture {
        Posture::PilotLight | Posture::WarmStandby | Posture::SyncStandby => c.standby,
        Posture::BackupRestore => c.backup,
        _ => None,
    }
}

/// Why a posture has no placement at all.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Unplaceable {
    /// Residency leaves too few regions (the message says which and why).
    Residency(String),
    /// The posture does not apply to this class.
    Applicability(String),
}

fn residency_msg(ctx: &Ctx, class: &DataClass, need: usize, have: usize, role: &str) -> String {
    format!(
        "{} needs {need} allowed region(s) for {role}, residency ({}) allows {have} of the plan's {}",
        class.name,
        crate::present::residency_rule(&class.residency),
        ctx.n()
    )
}

/// `Ok` when residency leaves at least `k` regions for `role`, else why not.
fn need_regions(
    ctx: &Ctx,
    class: &DataClass,
    allowed: &[usize],
    k: usize,
    role: &str,
) -> Result<(), Unplaceable> {
    if allowed.len() >= k {
        Ok(())
    } else if ctx.n() < k {
        Err(Unplaceable::Applicability(format!(
            "needs {k} regions for {role}; the plan lists {}",
            ctx.n()
        )))
    } else {
        Err(Unplaceable::Residency(residency_msg(
            ctx,
            class,
            k,
            allowed.len(),
            role,
        )))
    }
}

/// The best placement for `class` under `posture`, found by the exact search.
pub(crate) fn search(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
) -> Result<(Choice, Objective), Unplaceable> {
    // A placement pinned by the plan: only the roles it leaves open are searched.
    if let Some(pinned) = super::pin::search(ctx, class, posture) {
        return Ok(pinned);
    }
    let allowed = ctx.allowed(class);
    // Where disaster-recovery copies (standby, backup) may go: anywhere when the class's
    // residency binds only the primary copies.
    let dr = ctx.dr_allowed(class);
    let need_dr = |role: &str| -> Result<(), Unplaceable> {
        if allowed.is_empty() || dr.len() < 2 {
            need_regions(ctx, class, &allowed, 2, role)
        } else {
            Ok(())
        }
    };
    let need = |k: usize, role: &str| need_regions(ctx, class, &allowed, k, role);
    // Primary and takeover region together: the takeover region changes the objective
    // through the users' latency after a failover (and, for sync standby, every write).
    let best_pair = |mk: &dyn Fn(usize, usize) -> Choice| -> (Choice, Objective) {
        let mut best: Option<(Choice, Objective)> = None;
        for &p in &ctx.hinted(class, &allowed) {
            for &t in dr.iter().filter(|&&t| t != p) {
                let c = mk(p, t);
                let o = objective(ctx, class, posture, &c);
                if best
                    .as_ref()
                    .is_none_or(|b| o.compare(&b.1) == Ordering::Less)
                {
                    best = Some((c, o));
                }
            }
        }
        best.expect("at least two candidates")
    };
    let best_primary = |mk: &dyn Fn(usize) -> Choice| -> (Choice, Objective) {
        let mut best: Option<(Choice, Objective)> = None;
        for &p in &ctx.hinted(class, &allowed) {
            let c = mk(p);
            let o = objective(ctx, class, posture, &c);
            if best
                .as_ref()
                .is_none_or(|b| o.compare(&b.1) == Ordering::Less)
            {
                best = Some((c, o));
            }
        }
        best.expect("at least one candidate")
    };
    match posture {
        Posture::SingleRegion => {
            need(1, "the primary")?;
            Ok(best_primary(&|p| Choice {
                primary: Some(p),
                ..Choice::default()
            }))
        }
        Posture::BackupRestore => {
            need_dr("the primary and a cross-region backup")?;
            Ok(best_pair(&|p, b| Choice {
                primary: Some(p),
                backup: Some(b),
                ..Choice::default()
            }))
        }
        Posture::PilotLight | Posture::WarmStandby | Posture::SyncStandby => {
            need_dr(if posture == Posture::SyncStandby {
                "the primary and a synchronous standby"
            } else {
                "the primary and a standby"
            })?;
            Ok(best_pair(&|p, s| Choice {
                primary: Some(p),
                standby: Some(s),
                backup: Some(s),
                ..Choice::default()
            }))
        }
        Posture::ReadLocalWriteGlobal => {
            need(2, "the primary and a replica")?;
            Ok(best_primary(&|p| rlwg_choice(ctx, class, p, &allowed)))
        }
        Posture::ActiveActivePartitioned => {
            let c = partitioned_choice(ctx, class)?;
            let o = objective(ctx, class, posture, &c);
            Ok((c, o))
        }
        Posture::ActiveActiveMultiWriter => {
            need(2, "two writer regions")?;
            let mut writers: Vec<usize> = (0..ctx.users.len())
                .filter_map(|u| nearest_to_user(ctx, u, &allowed))
                .collect();
            writers.sort_unstable();
            writers.dedup();
            if writers.len() < 2 {
                if let Some(o) = nearest_other(ctx, writers[0], &allowed) {
                    writers.push(o);
                }
            }
            let c = Choice {
                replicas: writers,
                ..Choice::default()
            };
            let o = objective(ctx, class, posture, &c);
            Ok((c, o))
        }
        Posture::GlobalConsensus => {
            need(3, "three consensus voters")?;
            Ok(consensus_search(ctx, class, &allowed))
        }
    }
}

/// RLWG with primary `p`: a replica at each user's nearest allowed region, and at least one
/// replica besides the primary so a region loss is survivable.
pub(crate) fn rlwg_choice(ctx: &Ctx, class: &DataClass, p: usize, allowed: &[usize]) -> Choice {
    let mut replicas: Vec<usize> = if linearizable(class) {
        Vec::new()
    } else {
        (0..ctx.users.len())
            .filter_map(|u| best_read(ctx, class, u, allowed, p))
            .filter(|&r| r != p)
            .collect()
    };
    replicas.sort_unstable();
    replicas.dedup();
    if replicas.is_empty() {
        replicas.extend(nearest_other(ctx, p, allowed));
    }
    Choice {
        primary: Some(p),
        replicas,
        backup: None,
        ..Choice::default()
    }
}

fn partitioned_choice(ctx: &Ctx, class: &DataClass) -> Result<Choice, Unplaceable> {
    if class.ownership == Ownership::Shared {
        return Err(Unplaceable::Applicability(format!(
            "{} is shared by all user populations, so records have no home region to partition by",
            class.name
        )));
    }
    let mut homes = Vec::with_capacity(ctx.users.len());
    for u in 0..ctx.users.len() {
        let allowed_u = ctx.allowed_for_user(class, u);
        let Some(h) = nearest_to_user(ctx, u, &ctx.hinted(class, &allowed_u)) else {
            return Err(Unplaceable::Residency(format!(
                "no region in the plan may hold the records of {} ({}: residency {})",
                ctx.user_name(u),
                crate::present::jurisdiction(ctx.user_jurisdiction(u)),
                crate::present::residency_rule(&class.residency)
            )));
        };
        let dr_u = ctx.dr_allowed_for_user(class, u);
        homes.push((h, failover_home(ctx, u, h, &dr_u)));
    }
    Ok(Choice {
        homes,
        ..Choice::default()
    })
}

fn consensus_search(ctx: &Ctx, class: &DataClass, allowed: &[usize]) -> (Choice, Objective) {
    let users = ctx.users.len();
    // Lower bound per leader: zero quorum wait, reads from the nearest allowed region (or
    // the leader itself for linearizable reads).
    let mut leaders: Vec<(usize, Objective)> = ctx
        .hinted(class, allowed)
        .into_iter()
        .map(|l| {
            let mut o = Objective::ZERO;
            for u in 0..users {
                let w = ctx.ur(u, l).q.then(ctx.commit).p99;
                let r = if linearizable(class) {
                    ctx.ur(u, l).q.p99
                } else {
                    let n = best_read(ctx, class, u, allowed, l).unwrap_or(l);
                    ctx.ur(u, n).q.p99
                };
                let t = user_term(ctx, class, u, w, r);
                o.excess_ms += t.excess_ms;
                o.weighted_ms += t.weighted_ms;
            }
            (l, o)
        })
        .collect();
    leaders.sort_by(|a, b| a.1.compare(&b.1).then(a.0.cmp(&b.0)));
    let mut best: Option<(Choice, Objective)> = None;
    for (l, bound) in leaders {
        if let Some(b) = &best {
            if bound.compare(&b.1) == Ordering::Greater {
                break;
            }
        }
        let bounds = LeaderBounds::new(ctx, l, allowed);
        if let Some(x) = &best {
            // The leader's own bound above sets the order; this one skips (consensus_bound.rs).
            if bounds.any(ctx, class, l).compare(&x.1) == Ordering::Greater {
                continue;
            }
        }
        for (i, &a) in allowed.iter().enumerate() {
            if a == l || i + 1 == allowed.len() {
                continue;
            }
            // Every pair (a, later b) at once, without mixtures (consensus_bound.rs).
            if let Some(x) = &best {
                if bounds.after(ctx, class, l, i, a).compare(&x.1) == Ordering::Greater {
                    continue;
                }
            }
            for &b in &allowed[i + 1..] {
                if b == l {
                    continue;
                }
                let voters = [l, a, b];
                // Pair-level bound: the p99 of the faster of two acks is at least the
                // smaller of the two links' 49.5th percentiles (F_min <= F_a + F_b).
                if let Some(x) = &best {
                    let lb = Quantiles {
                        p50: 0.0,
                        p99: ctx.rr(l, a).p99_half.min(ctx.rr(l, b).p99_half),
                    };
                    // First without reads' mixtures (consensus_bound.rs), then with exact
                    // reads: both are lower bounds, the first much cheaper.
                    if consensus_bound::triple(ctx, class, voters).compare(&x.1)
                        == Ordering::Greater
                    {
                        continue;
                    }
                    let bound = consensus_objective(ctx, class, &voters, lb);
                    if bound.compare(&x.1) == Ordering::Greater {
                        continue;
                    }
                }
                let o = consensus_objective(ctx, class, &voters, ctx.quorum3(l, a, b));
                if best
                    .as_ref()
                    .is_none_or(|x| o.compare(&x.1) == Ordering::Less)
                {
                    best = Some((
                        Choice {
                            voters: voters.to_vec(),
                            ..Choice::default()
                        },
                        o,
                    ));
                }
            }
        }
    }
    best.expect("three allowed regions")
}

/// Every placement enumerated, no shortcuts: the reference the search is tested against.
/// Returns the best objective (placements with equal objectives are interchangeable).
#[cfg(test)]
pub(crate) fn brute_force(ctx: &Ctx, class: &DataClass, posture: Posture) -> Option<Objective> {
    let allowed = ctx.allowed(class);
    let n_users = ctx.users.len();
    let mut best: Option<Objective> = None;
    let mut consider = |c: Choice| {
        let o = objective(ctx, class, posture, &c);
        if best.is_none_or(|b| o.compare(&b) == Ordering::Less) {
            best = Some(o);
        }
    };
    let hinted = ctx.hinted(class, &allowed);
    let subsets = |items: &[usize]| -> Vec<Vec<usize>> {
        (1u32..(1 << items.len()))
            .map(|m| {
                items
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| m & (1 << i) != 0)
                    .map(|(_, &r)| r)
                    .collect()
            })
            .collect()
    };
    match posture {
        Posture::SingleRegion
        | Posture::BackupRestore
        | Posture::PilotLight
        | Posture::WarmStandby
        | Posture::SyncStandby => {
            let dr = ctx.dr_allowed(class);
            if allowed.is_empty() || (posture != Posture::SingleRegion && dr.len() < 2) {
                return None;
            }
            for &p in &hinted {
                if posture == Posture::SingleRegion {
                    consider(Choice {
                        primary: Some(p),
                        ..Choice::default()
                    });
                }
                for &s in dr.iter().filter(|&&s| s != p) {
                    consider(Choice {
                        primary: Some(p),
                        standby: Some(s),
                        backup: Some(s),
                        ..Choice::default()
                    });
                }
            }
        }
        Posture::ReadLocalWriteGlobal => {
            if allowed.len() < 2 {
                return None;
            }
            for &p in &hinted {
                let others: Vec<usize> = allowed.iter().copied().filter(|&r| r != p).collect();
                for reps in subsets(&others) {
                    consider(Choice {
                        primary: Some(p),
                        replicas: reps,
                        ..Choice::default()
                    });
                }
            }
        }
        Posture::ActiveActivePartitioned => {
            if class.ownership == Ownership::Shared {
                return None;
            }
            let per_user: Vec<Vec<usize>> = (0..n_users)
                .map(|u| ctx.hinted(class, &ctx.allowed_for_user(class, u)))
                .collect();
            if per_user.iter().any(|v| v.is_empty()) {
                return None;
            }
            let mut idx = vec![0usize; n_users];
            loop {
                consider(Choice {
                    homes: (0..n_users).map(|u| (per_user[u][idx[u]], None)).collect(),
                    ..Choice::default()
                });
                let mut k = 0;
                while k < n_users {
                    idx[k] += 1;
                    if idx[k] < per_user[k].len() {
                        break;
                    }
                    idx[k] = 0;
                    k += 1;
                }
                if k == n_users {
                    break;
                }
            }
        }
        Posture::ActiveActiveMultiWriter => {
            if allowed.len() < 2 {
                return None;
            }
            for ws in subsets(&allowed) {
                if ws.len() >= 2 {
                    consider(Choice {
                        replicas: ws,
                        ..Choice::default()
                    });
                }
            }
        }
        Posture::GlobalConsensus => {
            if allowed.len() < 3 {
                return None;
            }
            for &l in &hinted {
                for &a in &allowed {
                    for &b in &allowed {
                        if a != l && b != l && a != b {
                            consider(Choice {
                                voters: vec![l, a, b],
                                ..Choice::default()
                            });
                        }
                    }
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::regions;
    use crate::plan::{
        ConflictSemantics, Consistency, Ownership, PlaceRef, Plan, Preset, Residency,
        UserPopulation,
    };
    use proptest::prelude::*;

    /// A plan over `region_idx` (catalog indices) with users at `user_idx` and one class.
    fn plan(region_idx: &[usize], user_idx: &[usize], class: DataClass) -> Plan {
        let cat = regions();
        let mut p = Plan::example();
        p.regions = region_idx
            .iter()
            .map(|&i| PlaceRef::key(&cat[i % cat.len()].key()))
            .collect();
        p.regions.dedup();
        let share = 1.0 / user_idx.len() as f64;
        p.users = user_idx
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let r = &cat[i % cat.len()];
                UserPopulation {
                    name: format!("u{k}"),
                    place: PlaceRef::custom(
                        &format!("near {}", r.code),
                        r.lat + 0.5,
                        r.lon + 0.5,
                        r.jurisdiction,
                    ),
                    share,
                    access: Default::default(),
                }
            })
            .collect();
        p.data_classes = vec![class];
        p
    }

    fn class_strategy() -> impl Strategy<Value = DataClass> {
        (
            0usize..9,
            prop::option::of(20.0f64..300.0),
            prop::option::of(20.0f64..300.0),
            0usize..4,
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(preset, wb, rb, cons, per_pop, pinned)| {
                let mut c = DataClass::preset(Preset::ALL[preset]);
                c.write_p99_budget_ms = wb;
                c.read_p99_budget_ms = rb;
                c.consistency = Consistency::ALL[cons];
                c.ownership = if per_pop {
                    Ownership::PerPopulation
                } else {
                    Ownership::Shared
                };
                c.conflicts = ConflictSemantics::LastWriterWins;
                c.residency = if pinned {
                    Residency::Pinned {
                        jurisdictions: vec!["US".into(), "EU".into()],
                    }
                } else {
                    Residency::None
                };
                c
            })
    }

    fn check_equal(p: &Plan) {
        let ctx = Ctx::new(p);
        let class = &p.data_classes[0];
        for posture in Posture::ALL {
            let s = search(&ctx, class, posture).ok().map(|(_, o)| o);
            let b = brute_force(&ctx, class, posture);
            // Equal up to 1 µs: sums in another order and bisected mixture quantiles differ in
            // the last bits, and with read-your-writes the search weighs only the nearest
            // replica and the writer for each reader (see `best_read`), which the enumeration
            // has beaten by up to 8e-5 ms. Latencies are shown to 0.1 ms, 100x coarser.
            let close = |x: f64, y: f64| (x - y).abs() <= 1e-3;
            match (s, b) {
                (Some(s), Some(b)) => assert!(
                    close(s.excess_ms, b.excess_ms)
                        && close(s.failover_excess_ms, b.failover_excess_ms)
                        && close(s.weighted_ms, b.weighted_ms)
                        && close(s.failover_weighted_ms, b.failover_weighted_ms),
                    "{posture:?} on {:?}: {s:?} vs {b:?}",
                    p.regions
                ),
                (s, b) => assert_eq!(s, b, "{posture:?} on {:?}", p.regions),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn search_equals_brute_force(
            region_idx in prop::collection::vec(0usize..200, 3..9),
            user_idx in prop::collection::vec(0usize..200, 1..4),
            class in class_strategy(),
        ) {
            check_equal(&plan(&region_idx, &user_idx, class));
        }
    }

    #[test]
    fn search_equals_brute_force_on_twelve_regions() {
        // Twelve regions on five continents, users on three, every preset.
        let keys = [
            "aws:us-east-1",
            "aws:us-west-2",
            "aws:ca-central-1",
            "aws:sa-east-1",
            "aws:eu-west-1",
            "aws:eu-central-1",
            "aws:eu-west-2",
            "aws:ap-northeast-1",
            "aws:ap-southeast-1",
            "aws:ap-southeast-2",
            "aws:ap-south-1",
            "aws:af-south-1",
        ];
        for preset in Preset::ALL {
            let mut p = Plan::example();
            p.regions = keys.iter().map(|k| PlaceRef::key(k)).collect();
            p.data_classes = vec![DataClass::preset(preset)];
            check_equal(&p);
        }
    }
}

#[cfg(test)]
mod monotone {
    use super::*;
    use crate::data::regions;
    use crate::plan::{PlaceRef, Plan, Preset};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Adding a region never makes the best latency objective of any posture worse (the
        /// search is exact, and every old placement is still available).
        #[test]
        fn adding_a_region_never_worsens_the_best_latency(
            region_idx in prop::collection::vec(0usize..500, 3..7),
            extra in 0usize..500,
            preset in 0usize..9,
        ) {
            let cat = regions();
            let mut p = Plan::example();
            let mut keys: Vec<String> = region_idx.iter().map(|&i| cat[i % cat.len()].key()).collect();
            keys.sort();
            keys.dedup();
            let extra_key = cat[extra % cat.len()].key();
            prop_assume!(!keys.contains(&extra_key));
            p.regions = keys.iter().map(|k| PlaceRef::key(k)).collect();
            p.data_classes = vec![DataClass::preset(Preset::ALL[preset])];
            let mut bigger = p.clone();
            bigger.regions.push(PlaceRef::key(&extra_key));
            let (small, big) = (Ctx::new(&p), Ctx::new(&bigger));
            let class = &p.data_classes[0];
            for posture in Posture::ALL {
                if let Ok((_, before)) = search(&small, class, posture) {
                    let (_, after) = search(&big, class, posture).expect("still placeable");
                    // Up to 1 µs (shown to 0.1 ms): sums in another order, bisected mixture
                    // quantiles, and the read-your-writes search's nearest-replica shortcut
                    // (see `search_equals_brute_force`) have moved it by 2e-4 ms.
                    let nudged = Objective {
                        excess_ms: before.excess_ms + 1e-3,
                        failover_excess_ms: before.failover_excess_ms + 1e-3,
                        weighted_ms: before.weighted_ms + 1e-3,
                        failover_weighted_ms: before.failover_weighted_ms + 1e-3,
                    };
                    prop_assert!(after.compare(&nudged) != Ordering::Greater, "{posture:?}: {before:?} -> {after:?}");
                }
            }
        }
    }
}
