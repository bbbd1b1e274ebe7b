//! Searches of the postures with one writer at a time (primary and takeover region pairs,
//! read-local-write-global) and of the per-user postures (partitioned homes, multi-writer).

use std::cmp::Ordering;

use super::reads::{
    best_read_near, failover_home, linearizable, nearest_other, nearest_to_user,
    needs_session_reads, session_read_share,
};
use super::{failover_terms, objective, sum_user_terms, Choice, Objective, Unplaceable};
use crate::engine::posture::Posture;
use crate::engine::Ctx;
use crate::plan::{DataClass, Ownership};

/// The best primary x takeover pair (standby, or where a backup is restored) among
/// `primaries` x `takeovers`, in that order, the first of equal objectives kept.
///
/// The objective splits (see [`super::objective`]): its normal-operation fields depend on the
/// primary alone and its failover fields on the takeover region alone, so each is summed once
/// per region, with the same additions in the same order as the whole objective, and a pair's
/// objective is the two put together. A sync standby's round trip is on every write, so its
/// normal part depends on the pair: the part without it is a lower bound (a write's p99 only
/// grows), and a pair whose bound already loses to the best found is skipped.
pub(super) fn best_pair(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    primaries: &[usize],
    takeovers: &[usize],
) -> (Choice, Objective) {
    // Normal operation from primary `p`, with the sync standby `s`'s round trip if any.
    let normal = |p: usize, sync: Option<usize>| -> Objective {
        sum_user_terms(ctx, class, |u| {
            let to_p = ctx.ur(u, p).q;
            let mut write = to_p.then(ctx.commit);
            if let Some(s) = sync {
                write = write.then(ctx.rr(p, s).q);
            }
            (write.p99, to_p.p99)
        })
    };
    // Everyone served from the takeover region `t` after the primary's region is lost.
    let failover = |t: usize| failover_terms(ctx, class, t);
    let join = |n: &Objective, f: &Objective| Objective {
        excess_ms: n.excess_ms,
        failover_excess_ms: f.failover_excess_ms,
        weighted_ms: n.weighted_ms,
        failover_weighted_ms: f.failover_weighted_ms,
    };
    let after: Vec<Objective> = takeovers.iter().map(|&t| failover(t)).collect();
    let sync = posture == Posture::SyncStandby;
    // Without a sync standby, a pair's objective is the primary's fields and the takeover
    // region's fields, so for one primary the pairs compare by the takeover region's fields
    // alone: the first takeover region with the least, or the first with the second least
    // when that is the primary itself, is the one the enumeration would keep for it.
    let (first, second) = if sync {
        (None, None)
    } else {
        least_two(&after)
    };
    let mut best: Option<(usize, usize, Objective)> = None;
    for &p in primaries {
        let without_sync = normal(p, None);
        if let Some(first) = first {
            let k = if takeovers[first] != p {
                Some(first)
            } else {
                second
            };
            if let Some(k) = k {
                let o = join(&without_sync, &after[k]);
                if best
                    .as_ref()
                    .is_none_or(|b| o.compare(&b.2) == Ordering::Less)
                {
                    best = Some((p, takeovers[k], o));
                }
            }
            continue;
        }
        for (&t, f) in takeovers.iter().zip(&after) {
            if t == p {
                continue;
            }
            let mut o = join(&without_sync, f);
            if sync {
                if best
                    .as_ref()
                    .is_some_and(|b| o.compare(&b.2) == Ordering::Greater)
                {
                    continue;
                }
                o = join(&normal(p, Some(t)), f);
            }
            if best
                .as_ref()
                .is_none_or(|b| o.compare(&b.2) == Ordering::Less)
            {
                best = Some((p, t, o));
            }
        }
    }
    let (p, t, o) = best.expect("at least two candidates");
    (Choice::with_takeover(posture, p, t), o)
}

/// The positions of the least and second least of `after` by their failover fields (the only
/// ones a takeover region sets), each the first among equals; `(None, None)` when empty.
fn least_two(after: &[Objective]) -> (Option<usize>, Option<usize>) {
    let key = |o: &Objective| Objective {
        excess_ms: 0.0,
        weighted_ms: 0.0,
        ..*o
    };
    let (mut first, mut second): (Option<usize>, Option<usize>) = (None, None);
    for (k, o) in after.iter().enumerate() {
        let o = key(o);
        if first.is_none_or(|f| o.compare(&key(&after[f])) == Ordering::Less) {
            second = first;
            first = Some(k);
        } else if second.is_none_or(|s| o.compare(&key(&after[s])) == Ordering::Less) {
            second = Some(k);
        }
    }
    (first, second)
}

/// The best read-local-write-global placement among `primaries`, in that order, the first of
/// equal objectives kept. A primary is skipped, before its replicas and their reads'
/// mixtures are worked out, when a lower bound of its objective already loses to the best
/// found: writes exact (they all go to the primary), each read at least the lower of the
/// primary's own read and the least any allowed replica's read could be (its p99 for plain
/// reads, [`Ctx::session_read_floor`] for read-your-writes mixtures).
pub(super) fn best_rlwg(
    ctx: &Ctx,
    class: &DataClass,
    primaries: &[usize],
    allowed: &[usize],
) -> (Choice, Objective) {
    let users = ctx.users.len();
    let share = session_read_share(class);
    let mixed = needs_session_reads(class) && share > 0.0;
    let nearest99: Vec<f64> = (0..users)
        .map(|u| {
            allowed
                .iter()
                .map(|&r| ctx.ur(u, r).q.p99)
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    let bound = |p: usize| -> Objective {
        sum_user_terms(ctx, class, |u| {
            let to_p = ctx.ur(u, p).q;
            let read = if linearizable(class) {
                to_p.p99
            } else if mixed {
                let replica = allowed
                    .iter()
                    .filter(|&&r| r != p)
                    .map(|&r| ctx.session_read_floor(share, u, r, p))
                    .fold(f64::INFINITY, f64::min);
                to_p.p99.min(replica)
            } else {
                nearest99[u]
            };
            (to_p.then(ctx.commit).p99, read)
        })
    };
    // Each user's nearest allowed region, whichever the primary.
    let nearest: Vec<Option<usize>> = (0..users)
        .map(|u| nearest_to_user(ctx, u, allowed))
        .collect();
    let mut best: Option<(Choice, Objective)> = None;
    for &p in primaries {
        if best
            .as_ref()
            .is_some_and(|b| bound(p).compare(&b.1) == Ordering::Greater)
        {
            continue;
        }
        let c = rlwg_choice_near(ctx, class, p, allowed, &nearest);
        let o = objective(ctx, class, Posture::ReadLocalWriteGlobal, &c);
        if best
            .as_ref()
            .is_none_or(|b| o.compare(&b.1) == Ordering::Less)
        {
            best = Some((c, o));
        }
    }
    best.expect("at least one candidate")
}

/// Multi-writer: a writer at each user's nearest allowed region, at least two.
pub(super) fn multi_writer_choice(ctx: &Ctx, allowed: &[usize]) -> Choice {
    let mut writers: Vec<usize> = (0..ctx.users.len())
        .filter_map(|u| nearest_to_user(ctx, u, allowed))
        .collect();
    writers.sort_unstable();
    writers.dedup();
    if writers.len() < 2 {
        if let Some(o) = nearest_other(ctx, writers[0], allowed) {
            writers.push(o);
        }
    }
    Choice {
        replicas: writers,
        ..Choice::default()
    }
}

/// RLWG with primary `p`: a replica at each user's nearest allowed region, and at least one
/// replica besides the primary so a region loss is survivable.
pub(crate) fn rlwg_choice(ctx: &Ctx, class: &DataClass, p: usize, allowed: &[usize]) -> Choice {
    let nearest: Vec<Option<usize>> = (0..ctx.users.len())
        .map(|u| nearest_to_user(ctx, u, allowed))
        .collect();
    rlwg_choice_near(ctx, class, p, allowed, &nearest)
}

/// [`rlwg_choice`] with each user's nearest allowed region already known.
fn rlwg_choice_near(
    ctx: &Ctx,
    class: &DataClass,
    p: usize,
    allowed: &[usize],
    nearest: &[Option<usize>],
) -> Choice {
    let p_allowed = allowed.contains(&p);
    let mut replicas: Vec<usize> = if linearizable(class) {
        Vec::new()
    } else {
        (0..ctx.users.len())
            .filter_map(|u| nearest[u].map(|n| best_read_near(ctx, class, u, n, p_allowed, p)))
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

pub(super) fn partitioned_choice(ctx: &Ctx, class: &DataClass) -> Result<Choice, Unplaceable> {
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
