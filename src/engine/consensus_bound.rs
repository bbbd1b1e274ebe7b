//! Lower bounds that prune the consensus search (placement.rs) before any read-your-writes
//! mixture or quorum order statistic is computed. Each is at most the exact objective of every
//! placement it stands for, so the search visits the same placements in the same order and
//! keeps the same optimum; it only skips, sooner, those that cannot beat the best found.
//!
//! * A write's p99 only grows with the quorum wait, which is at least the smaller 49.5th
//!   percentile of the leader's two links (`F_min <= F_a + F_b`).
//! * A read's p99 is at least the lowest read floor ([`super::Link::read_floor`]) among the
//!   voters; linearizable reads are the leader's own.

use super::placement::{user_term, Objective};
use super::Ctx;
use crate::plan::{Consistency, DataClass};

/// For leader `l` and the allowed regions in search order: the suffix minima the bound of
/// "`l` with voter `allowed[i]` and any later voter" needs, built once per leader.
pub(crate) struct LeaderBounds {
    /// `half[i]`: the smallest 49.5th percentile from `l` among `allowed[i..]`.
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
                ctx.rr(l, allowed[i]).p99_half
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

    /// A bound for every placement led by `l`.
    pub fn any(&self, ctx: &Ctx, class: &DataClass, l: usize) -> Objective {
        let read = |u: usize| self.floor[u * (self.len + 1)];
        bound(ctx, class, l, self.half[0], &read)
    }

    /// A bound for every placement with leader `l`, voter `a = allowed[i]` and a second voter
    /// among `allowed[i + 1..]`.
    pub fn after(&self, ctx: &Ctx, class: &DataClass, l: usize, i: usize, a: usize) -> Objective {
        let q99 = ctx.rr(l, a).p99_half.min(self.half[i + 1]);
        let read = |u: usize| {
            let own = ctx.ur(u, l).read_floor.min(ctx.ur(u, a).read_floor);
            own.min(self.floor[u * (self.len + 1) + i + 1])
        };
        bound(ctx, class, l, q99, &read)
    }
}

/// A bound for the placement with voters `[l, a, b]`.
pub(crate) fn triple(ctx: &Ctx, class: &DataClass, voters: [usize; 3]) -> Objective {
    let [l, a, b] = voters;
    let q99 = ctx.rr(l, a).p99_half.min(ctx.rr(l, b).p99_half);
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
    let mut o = Objective::ZERO;
    for u in 0..ctx.users.len() {
        let to_leader = ctx.ur(u, l).q;
        let w99 = to_leader.p99 + q99 + ctx.commit.p99;
        let r99 = if linearizable { to_leader.p99 } else { read(u) };
        let t = user_term(ctx, class, u, w99, r99);
        o.excess_ms += t.excess_ms;
        o.weighted_ms += t.weighted_ms;
    }
    o
}
