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
//!   postures the primary x takeover region pairs, from per-region sums computed once
//!   (single.rs: the normal-operation part depends on the primary alone, the failover part
//!   on the takeover region alone, except a sync standby's round trip, bounded below);
//! * per-user choices (homes, nearest replica, nearest writer) decompose: each user's best
//!   region is independent of the others;
//! * consensus enumerates leader x voter pairs with branch and bound (consensus.rs, bounds
//!   in bounds.rs, the argument in docs/engine.md). Quorum waits are memoised per evaluation.
//!
//! Among placements with equal objectives the search keeps the first in a fixed candidate
//! order (docs/engine.md, "Ties"); pruning skips only placements whose lower bound is
//! strictly worse than a placement already known, so it never changes which one is kept.
//!
//! `brute_force` (tests only) enumerates every placement without these shortcuts; tests check
//! both give the same optimum on plans of up to 12 regions.
//!
//! A partition's standby is the allowed region closest to its population, then to its home
//! (see `failover_home`): the users' latency after the failover first, replication lag next.

use std::cmp::Ordering;

use super::latency::Quantiles;
use super::posture::Posture;
use super::Ctx;
use crate::plan::DataClass;

mod bounds;
#[cfg(test)]
mod brute_force;
mod consensus;
mod read_sets;
mod reads;
mod single;
#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) use brute_force::brute_force;
pub(crate) use read_sets::{ReadSets, SetLeast};
pub(crate) use reads::{nearest_other, needs_session_reads, session_read_share, user_latency};
pub(crate) use single::rlwg_choice;

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

impl Choice {
    /// A primary and the region that takes over when it is lost: it holds the backups, and
    /// a standby there for every standby posture but backup-restore (which restores there).
    pub fn with_takeover(posture: Posture, primary: usize, takeover: usize) -> Choice {
        Choice {
            primary: Some(primary),
            standby: (posture != Posture::BackupRestore).then_some(takeover),
            backup: Some(takeover),
            ..Choice::default()
        }
    }
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

/// Every user's [`user_term`] from its (write, read) p99, summed in user order: the
/// normal-operation part of an objective (every search, bound and score adds it this way).
pub(crate) fn sum_user_terms(
    ctx: &Ctx,
    class: &DataClass,
    mut p99s: impl FnMut(usize) -> (f64, f64),
) -> Objective {
    let mut o = Objective::ZERO;
    for u in 0..ctx.users.len() {
        let (w99, r99) = p99s(u);
        let t = user_term(ctx, class, u, w99, r99);
        o.excess_ms += t.excess_ms;
        o.weighted_ms += t.weighted_ms;
    }
    o
}

/// The failover part of an objective: after the primary's region is lost every user is
/// served from the takeover region `t` (no sync partner any more).
pub(crate) fn failover_terms(ctx: &Ctx, class: &DataClass, t: usize) -> Objective {
    let f = sum_user_terms(ctx, class, |u| {
        let to = ctx.ur(u, t).q;
        (to.then(ctx.commit).p99, to.p99)
    });
    Objective {
        failover_excess_ms: f.excess_ms,
        failover_weighted_ms: f.weighted_ms,
        ..Objective::ZERO
    }
}

/// Every consensus voter set `[leader, a, b]`: each of `leaders` with two other regions of
/// `pool`, `a` before `b` in pool order, visited in that order.
pub(crate) fn voter_triples(leaders: &[usize], pool: &[usize], mut visit: impl FnMut(Vec<usize>)) {
    for &l in leaders {
        let others: Vec<usize> = pool.iter().copied().filter(|&r| r != l).collect();
        for (i, &a) in others.iter().enumerate() {
            for &b in &others[i + 1..] {
                visit(vec![l, a, b]);
            }
        }
    }
}

/// The objective of a complete placement.
pub(crate) fn objective(ctx: &Ctx, class: &DataClass, posture: Posture, c: &Choice) -> Objective {
    let mut o = sum_user_terms(ctx, class, |u| reads::user_p99s(ctx, class, posture, c, u));
    if let Some(t) = takeover(posture, c) {
        // No weight is needed: budgets in normal operation come first, budgets after a
        // failover second, then latency in normal operation (nearly all of the time; a sync
        // standby's round trip is paid on every write), then latency after a failover, which
        // alone decides between async standbys.
        let f = failover_terms(ctx, class, t);
        o.failover_excess_ms = f.failover_excess_ms;
        o.failover_weighted_ms = f.failover_weighted_ms;
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
    // Primary and takeover region together: the takeover region changes the objective
    // through the users' latency after a failover (and, for sync standby, every write).
    let best_pair = || single::best_pair(ctx, class, posture, &ctx.hinted(class, &allowed), &dr);
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
            Ok(best_pair())
        }
        Posture::PilotLight | Posture::WarmStandby | Posture::SyncStandby => {
            need_dr(if posture == Posture::SyncStandby {
                "the primary and a synchronous standby"
            } else {
                "the primary and a standby"
            })?;
            Ok(best_pair())
        }
        Posture::ReadLocalWriteGlobal => {
            need(2, "the primary and a replica")?;
            Ok(single::best_rlwg(
                ctx,
                class,
                &ctx.hinted(class, &allowed),
                &allowed,
            ))
        }
        Posture::ActiveActivePartitioned => {
            let c = single::partitioned_choice(ctx, class)?;
            let o = objective(ctx, class, posture, &c);
            Ok((c, o))
        }
        Posture::ActiveActiveMultiWriter => {
            need(2, "two writer regions")?;
            let c = single::multi_writer_choice(ctx, &allowed);
            let o = objective(ctx, class, posture, &c);
            Ok((c, o))
        }
        Posture::GlobalConsensus => {
            need(3, "three consensus voters")?;
            Ok(consensus::search(ctx, class, &allowed))
        }
    }
}
