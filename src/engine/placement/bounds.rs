//! Lower bounds that prune the consensus search (consensus.rs) before any read-your-writes
//! mixture or quorum order statistic is computed. Each is at most the exact objective of every
//! placement it stands for, so the search visits the same placements in the same order and
//! keeps the same optimum; it only skips, sooner, those that cannot beat the best found.
//!
//! * A write's p99 only grows with the quorum wait, which is at least the smaller quorum
//!   floor of the leader's two links ([`crate::engine::Link::quorum_floor`]).
//! * A read's p99 is at least the lowest read floor ([`super::Link::read_floor`]) among the
//!   voters; linearizable reads are the leader's own.
//! * With read-your-writes mixtures (writes land in the leader), a read is the leader's own
//!   or a mixture whose writer is the leader; a mixture's p99 is at least the writer-level
//!   floor of the leader's link ([`Ctx::session_writer_floor`]), so a read's p99 is at least
//!   the lower of the leader's own p99 and the larger of that floor and the bound above.

use super::reads::{needs_session_reads, session_read_share};
use super::{mix, sum_user_terms, Objective};
use crate::engine::Ctx;
use crate::plan::{Consistency, DataClass};

/// For leader `l` and the allowed regions in search order: the suffix minima the bound of
/// "`l` with voter `allowed[i]` and any later voter" needs, built once per leader.
pub(crate) struct LeaderBounds {
    /// `half[i]`: the smallest quorum floor from `l` among `allowed[i..]`.
    half: Vec<f64>,
    /// `floor[u * (len + 1) + i]`: user `u`'s smallest read floor among `allowed[i..]`.
    floor: Vec<f64>,
    len: usize,
}

impl LeaderBounds {
    pub fn new(ctx: &Ctx, l: usize, allowed: &[usize]) -> LeaderBounds {
        let len = allowed.len();
        let mut half = vec![f64::INFINITY; len + 1];
        for i in (0..len).rev() {
            // The leader is not its own second voter (its own link would be no bound).
            let h = if allowed[i] == l {
                f64::INFINITY
            } else {
                ctx.rr(l, allowed[i]).quorum_floor
            };
            half[i] = h.min(half[i + 1]);
        }
        let users = ctx.users.len();
        let mut floor = vec![f64::INFINITY; users * (len + 1)];
        for u in 0..users {
            let row = &mut floor[u * (len + 1)..(u + 1) * (len + 1)];
            for i in (0..len).rev() {
                row[i] = ctx.ur(u, allowed[i]).read_floor.min(row[i + 1]);
            }
        }
        LeaderBounds { half, floor, len }
    }

    /// The least quorum wait p99 of a placement led by `l` with voter `a = allowed[i]` and a
    /// second voter among `allowed[i + 1..]` ([`LeaderBounds::after`]).
    pub fn quorum_after(&self, ctx: &Ctx, l: usize, i: usize, a: usize) -> f64 {
        ctx.rr(l, a).quorum_floor.min(self.half[i + 1])
    }

    /// A bound for every placement led by `l`.
    pub fn any(&self, ctx: &Ctx, class: &DataClass, l: usize) -> Objective {
        let read = |u: usize| self.floor[u * (self.len + 1)];
        bound(ctx, class, l, self.half[0], &read)
    }

    /// A bound for every placement with leader `l`, voter `a = allowed[i]` and a second voter
    /// among `allowed[i + 1..]`.
    pub fn after(&self, ctx: &Ctx, class: &DataClass, l: usize, i: usize, a: usize) -> Objective {
        let q99 = self.quorum_after(ctx, l, i, a);
        let read = |u: usize| {
            let own = ctx.ur(u, l).read_floor.min(ctx.ur(u, a).read_floor);
            own.min(self.floor[u * (self.len + 1) + i + 1])
        };
        bound(ctx, class, l, q99, &read)
    }
}

/// The bound of every placement `[l, a, b]` for one class, with the same sums as [`bound`]
/// (and so as the exact objective), a whole row of second voters `b` at once: the consensus
/// search bounds millions of voter pairs at 80 regions. The tables are the evaluation's
/// ([`crate::engine::BoundRows`]) restricted to the class's allowed regions, so a row is a
/// contiguous run the compiler can vectorise.
pub(crate) struct TripleBounds<'c> {
    /// Allowed regions.
    len: usize,
    users: usize,
    linearizable: bool,
    commit99: f64,
    /// Budgets, infinite when none: `max(0, v - inf)` is 0, as for no budget.
    write_budget: f64,
    read_budget: f64,
    writes: f64,
    reads: f64,
    shares: &'c [f64],
    /// `half[x * len + j]`: quorum floor between allowed regions `x` and `j`.
    half: Vec<f64>,
    /// `floor[u * len + j]`: user `u`'s read floor to allowed region `j`.
    floor: Vec<f64>,
    /// `to_region[u * len + j]`: user `u`'s p99 to allowed region `j`.
    to_region: Vec<f64>,
    /// With read-your-writes mixtures, `writer_floor[u * len + j]`: the writer-level floor of
    /// user `u`'s link to allowed region `j` (module docs); empty without them.
    writer_floor: Vec<f64>,
}

impl<'c> TripleBounds<'c> {
    pub fn new(ctx: &'c Ctx, class: &DataClass, allowed: &[usize]) -> TripleBounds<'c> {
        let (writes, reads) = mix(class);
        let (n, len, users) = (ctx.n(), allowed.len(), ctx.users.len());
        let rows = &ctx.bound_rows;
        let pick = |table: &[f64], rows: usize| -> Vec<f64> {
            (0..rows)
                .flat_map(|x| allowed.iter().map(move |&r| (x, r)))
                .map(|(x, r)| table[x * n + r])
                .collect()
        };
        let half = allowed
            .iter()
            .flat_map(|&x| allowed.iter().map(move |&r| rows.half[x * n + r]))
            .collect();
        TripleBounds {
            len,
            users,
            linearizable: class.consistency == Consistency::Linearizable,
            commit99: ctx.commit.p99,
            write_budget: class.write_p99_budget_ms.unwrap_or(f64::INFINITY),
            read_budget: class.read_p99_budget_ms.unwrap_or(f64::INFINITY),
            writes,
            reads,
            shares: &ctx.shares,
            half,
            floor: pick(&rows.read_floor, users),
            to_region: pick(&rows.to_region_p99, users),
            writer_floor: if needs_session_reads(class) && session_read_share(class) > 0.0 {
                pick(&ctx.session_writer_floors(session_read_share(class)), users)
            } else {
                Vec::new()
            },
        }
    }

    /// Bounds of `[allowed[li], allowed[ai], allowed[j]]` for every `j` after `ai`, into
    /// `excess[j - ai - 1]` and `weighted[j - ai - 1]` (the other fields are 0): the quorum wait
    /// at the smaller quorum floor of the leader's two links, each read at the lowest
    /// read floor among the voters (the leader's p99 if linearizable). `j == li` is computed
    /// too; the caller skips it.
    pub fn row(
        &self,
        li: usize,
        ai: usize,
        excess: &mut Vec<f64>,
        weighted: &mut Vec<f64>,
        quorum: &mut Vec<f64>,
    ) {
        let len = self.len;
        let from = ai + 1;
        let half_a = self.half[li * len + ai];
        quorum.clear();
        quorum.extend(
            self.half[li * len + from..(li + 1) * len]
                .iter()
                .map(|&h| half_a.min(h)),
        );
        excess.clear();
        excess.resize(len - from, 0.0);
        weighted.clear();
        weighted.resize(len - from, 0.0);
        let (wb, rb, c99) = (self.write_budget, self.read_budget, self.commit99);
        let (fw, fr) = (self.writes, self.reads);
        for u in 0..self.users {
            let to_leader = self.to_region[u * len + li];
            // No mixture: a read is never below 0.
            let writer = self.writer_floor.get(u * len + li).copied().unwrap_or(0.0);
            let share = self.shares[u];
            let floors = &self.floor[u * len..(u + 1) * len];
            // The row's own voters: with the later voter's floor below, the lowest among the
            // three (the leader's own p99 for linearizable reads).
            let own = f64::INFINITY.min(floors[li]).min(floors[ai]);
            let later = &floors[from..];
            let cells = excess
                .iter_mut()
                .zip(weighted.iter_mut())
                .zip(quorum.iter().zip(later));
            for ((ex, wt), (&q99, &f)) in cells {
                let w99 = to_leader + q99 + c99;
                let r99 = if self.linearizable {
                    to_leader
                } else if self.writer_floor.is_empty() {
                    own.min(f)
                } else {
                    to_leader.min(own.min(f).max(writer))
                };
                // The same arithmetic as `user_term`.
                *ex += (w99 - wb).max(0.0) + (r99 - rb).max(0.0);
                *wt += share * (fw * w99 + fr * r99);
            }
        }
    }
}

/// At most the quorum wait p99 of any placement led by `l` among `allowed`: the least quorum
/// floor of its links to the others (as [`LeaderBounds::any`] takes it).
pub(crate) fn least_quorum_floor(ctx: &Ctx, l: usize, allowed: &[usize]) -> f64 {
    allowed
        .iter()
        .filter(|&&r| r != l)
        .map(|&r| ctx.rr(l, r).quorum_floor)
        .fold(f64::INFINITY, f64::min)
}

/// A bound for the placement with voters `[l, a, b]` (any number of populations).
pub(crate) fn triple(ctx: &Ctx, class: &DataClass, voters: [usize; 3]) -> Objective {
    let [l, a, b] = voters;
    let q99 = ctx.rr(l, a).quorum_floor.min(ctx.rr(l, b).quorum_floor);
    let read = |u: usize| {
        voters
            .iter()
            .map(|&v| ctx.ur(u, v).read_floor)
            .fold(f64::INFINITY, f64::min)
    };
    bound(ctx, class, l, q99, &read)
}

/// The objective with quorum wait p99 `q99` and each user's read p99 at `read(u)` (the
/// leader's exact p99 for linearizable reads); the same sums as the exact objective.
fn bound(
    ctx: &Ctx,
    class: &DataClass,
    l: usize,
    q99: f64,
    read: &dyn Fn(usize) -> f64,
) -> Objective {
    let linearizable = class.consistency == Consistency::Linearizable;
    let share = session_read_share(class);
    let mixed = needs_session_reads(class) && share > 0.0;
    sum_user_terms(ctx, class, |u| {
        let to_leader = ctx.ur(u, l).q;
        let w99 = to_leader.p99 + q99 + ctx.commit.p99;
        let r99 = if linearizable {
            to_leader.p99
        } else if mixed {
            let writer = ctx.session_writer_floor(share, u, l);
            to_leader.p99.min(read(u).max(writer))
        } else {
            read(u)
        };
        (w99, r99)
    })
}
