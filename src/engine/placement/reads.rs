//! What one user's write and read cost under a placement: the nearest region, the
//! read-your-writes mixture, and the user's latency under each posture.

use super::{Choice, UserLatency};
use crate::engine::latency::Quantiles;
use crate::engine::posture::Posture;
use crate::engine::Ctx;
use crate::plan::{Consistency, DataClass};

/// The region among `cands` with the lowest p99 from user `u` (ties: lower p50, lower index).
pub(super) fn nearest_to_user(ctx: &Ctx, u: usize, cands: &[usize]) -> Option<usize> {
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
pub(super) fn failover_home(ctx: &Ctx, u: usize, home: usize, cands: &[usize]) -> Option<usize> {
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

pub(super) fn linearizable(class: &DataClass) -> bool {
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
pub(super) fn session_read(
    ctx: &Ctx,
    class: &DataClass,
    u: usize,
    local: usize,
    writer: usize,
) -> Quantiles {
    let f = session_read_share(class);
    if local == writer || !needs_session_reads(class) || f <= 0.0 {
        return ctx.ur(u, local).q;
    }
    ctx.session_read(f, u, local, writer)
}

/// The p99 of [`session_read`] alone: no p50 is computed (the search adds up p99s).
pub(super) fn session_read_p99(
    ctx: &Ctx,
    class: &DataClass,
    u: usize,
    local: usize,
    writer: usize,
) -> f64 {
    let f = session_read_share(class);
    if local == writer || !needs_session_reads(class) || f <= 0.0 {
        return ctx.ur(u, local).q.p99;
    }
    ctx.session_read_p99(f, u, local, writer)
}

/// Where user `u` reads among `cands` when writes land in `writer`: the region nearest the
/// user, or with read-your-writes the writer itself when that gives a lower read p99 than the
/// nearest region's mixture (see [`session_read`]).
pub(super) fn best_read(
    ctx: &Ctx,
    class: &DataClass,
    u: usize,
    cands: &[usize],
    writer: usize,
) -> Option<usize> {
    let nearest = nearest_to_user(ctx, u, cands)?;
    Some(best_read_near(
        ctx,
        class,
        u,
        nearest,
        cands.contains(&writer),
        writer,
    ))
}

/// [`best_read`] with the nearest candidate already known (searches that ask for many writers
/// over the same candidates find it once per user), and whether the writer is a candidate.
pub(super) fn best_read_near(
    ctx: &Ctx,
    class: &DataClass,
    u: usize,
    nearest: usize,
    writer_is_candidate: bool,
    writer: usize,
) -> usize {
    if !needs_session_reads(class) || !writer_is_candidate || nearest == writer {
        return nearest;
    }
    // With read-your-writes, reading at the writer itself (no mixture) can beat the nearest
    // replica's mixture; other replicas are not weighed (mixtures for every candidate made the
    // search ~15x slower, for differences below 1e-4 ms in the tests' plans).
    // Lower p99, then lower p50; the p50s (a second bisection) only for equal p99s.
    let p99 = |r: usize| session_read_p99(ctx, class, u, r, writer);
    let p50 = |r: usize| session_read(ctx, class, u, r, writer).p50;
    let writer_reads = p99(writer)
        .total_cmp(&p99(nearest))
        .then_with(|| p50(writer).total_cmp(&p50(nearest)))
        .is_lt();
    if writer_reads {
        writer
    } else {
        nearest
    }
}

/// Write and read latency of user `u` under `choice`.
pub(crate) fn user_latency(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    c: &Choice,
    u: usize,
) -> UserLatency {
    match posture {
        Posture::SingleRegion
        | Posture::BackupRestore
        | Posture::PilotLight
        | Posture::WarmStandby
        | Posture::SyncStandby
        | Posture::ReadLocalWriteGlobal => {
            let (p, write, read_from) = single_writer_route(ctx, class, posture, c, u);
            UserLatency {
                write,
                read: session_read(ctx, class, u, read_from, p),
                write_via: p,
                read_from,
                quorum_via: None,
            }
        }
        Posture::ActiveActivePartitioned => served_by(ctx, u, c.homes[u].0),
        Posture::ActiveActiveMultiWriter => served_by(
            ctx,
            u,
            nearest_to_user(ctx, u, &c.replicas).expect("writers"),
        ),
        Posture::GlobalConsensus => {
            let q = ctx.quorum3(c.voters[0], c.voters[1], c.voters[2]);
            consensus_user(ctx, class, &c.voters, q, u)
        }
    }
}

/// A user who writes to and reads from one region `r` (its home, or its nearest writer),
/// which commits locally.
fn served_by(ctx: &Ctx, u: usize, r: usize) -> UserLatency {
    UserLatency {
        write: ctx.ur(u, r).q.then(ctx.commit),
        read: ctx.ur(u, r).q,
        write_via: r,
        read_from: r,
        quorum_via: None,
    }
}

/// A user's latency under consensus with voters `[leader, a, b]` and quorum wait `q`.
pub(super) fn consensus_user(
    ctx: &Ctx,
    class: &DataClass,
    voters: &[usize],
    q: Quantiles,
    u: usize,
) -> UserLatency {
    let (l, a, b) = (voters[0], voters[1], voters[2]);
    let read_from = consensus_read_from(ctx, class, voters, u);
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

/// Under a single-writer posture: user `u`'s primary, write quantiles and the region its
/// reads are served from.
fn single_writer_route(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    c: &Choice,
    u: usize,
) -> (usize, Quantiles, usize) {
    let p = c.primary.expect("single-writer postures have a primary");
    let mut write = ctx.ur(u, p).q.then(ctx.commit);
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
    (p, write, read_from)
}

/// The voter user `u` reads from under consensus with voters `[leader, a, b]`.
fn consensus_read_from(ctx: &Ctx, class: &DataClass, voters: &[usize], u: usize) -> usize {
    let l = voters[0];
    if linearizable(class) {
        l
    } else {
        best_read(ctx, class, u, voters, l).unwrap_or(l)
    }
}

/// The write and read p99 of [`consensus_user`] with a quorum wait of p99 `q99`, computing no
/// p50 (the same additions, in the same order).
pub(super) fn consensus_p99s(
    ctx: &Ctx,
    class: &DataClass,
    voters: &[usize],
    q99: f64,
    u: usize,
) -> (f64, f64) {
    let l = voters[0];
    let read_from = consensus_read_from(ctx, class, voters, u);
    let write = ctx.ur(u, l).q.p99 + q99 + ctx.commit.p99;
    (write, session_read_p99(ctx, class, u, read_from, l))
}

/// The write and read p99 of [`user_latency`], computing no p50 a report does not need:
/// what the objective adds up.
pub(crate) fn user_p99s(
    ctx: &Ctx,
    class: &DataClass,
    posture: Posture,
    c: &Choice,
    u: usize,
) -> (f64, f64) {
    match posture {
        Posture::SingleRegion
        | Posture::BackupRestore
        | Posture::PilotLight
        | Posture::WarmStandby
        | Posture::SyncStandby
        | Posture::ReadLocalWriteGlobal => {
            let (p, write, read_from) = single_writer_route(ctx, class, posture, c, u);
            (write.p99, session_read_p99(ctx, class, u, read_from, p))
        }
        Posture::GlobalConsensus => {
            let q99 = ctx.quorum3_p99(c.voters[0], c.voters[1], c.voters[2]);
            consensus_p99s(ctx, class, &c.voters, q99, u)
        }
        Posture::ActiveActivePartitioned | Posture::ActiveActiveMultiWriter => {
            let l = user_latency(ctx, class, posture, c, u);
            (l.write.p99, l.read.p99)
        }
    }
}
