//! Lower bounds that prune the consensus search (consensus.rs) before any read-your-writes
//! mixture or quorum order statistic is computed. Each is at most the exact objective of every
//! placement it stands for, so the search visits the same placements in the same order and
//! keeps the same optimum; it only skips, sooner, those that cannot beat the best found.
//!
//! * A write's p99 only grows with the quorum wait, which is at least the smaller 49.5th
//!   percentile of the leader's two links (`F_min <= F_a + F_b`).
//! * A read's p99 is at least the lowest read floor ([`super::Link::read_floor`]) among the
//!   voters; linearizable reads are the leader's own.

use super::{mix, user_term, Objective};
use crate::engine::Ctx;
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

/// The bound of every placement `[l, a, b]` for one class, the same sums as [`bound`] (and so
/// as the exact objective) over the evaluation's compact tables ([`crate::engine::BoundRows`]):
/// the consensus search bounds millions of voter pairs at 80 regions.
pub(crate) struct TripleBounds<'c> {
    n: usize,
    users: usize,
    linearizable: bool,
    commit99: f64,
    write_budget: Option<f64>,
    read_budget: Option<f64>,
    writes: f64,
    reads: f64,
    shares: &'c [f64],
    half: &'c [f64],
    floor: &'c [f64],
    to_region: &'c [f64],
}

/// The bound of `[l, a, b]` with `a` fixed: what the row's pairs share.
pub(crate) struct Row {
    l: usize,
    half_a: f64,
    /// Per user: the smaller read floor of `l` and `a` (the leader's p99 if linearizable).
    read: [f64; MAX_ROW_USERS],
    /// Per user: the p99 to the leader.
    to_leader: [f64; MAX_ROW_USERS],
}

/// Populations a [`Row`] holds without allocating (the plan allows 12).
pub(crate) const MAX_ROW_USERS: usize = 16;

impl<'c> TripleBounds<'c> {
    pub fn new(ctx: &'c Ctx, class: &DataClass) -> TripleBounds<'c> {
        let (writes, reads) = mix(class);
        let rows = &ctx.bound_rows;
        TripleBounds {
            n: ctx.n(),
            users: ctx.users.len(),
            linearizable: class.consistency == Consistency::Linearizable,
            commit99: ctx.commit.p99,
            write_budget: class.write_p99_budget_ms,
            read_budget: class.read_p99_budget_ms,
            writes,
            reads,
            shares: &ctx.shares,
            half: &rows.half,
            floor: &rows.read_floor,
            to_region: &rows.to_region_p99,
        }
    }

    /// The shared part of the row of leader `l` and voter `a`; `None` past [`MAX_ROW_USERS`]
    /// populations (the search then bounds pairs through [`bound`]).
    pub fn row(&self, l: usize, a: usize) -> Option<Row> {
        if self.users > MAX_ROW_USERS {
            return None;
        }
        let mut row = Row {
            l,
            half_a: self.half[l * self.n + a],
            read: [0.0; MAX_ROW_USERS],
            to_leader: [0.0; MAX_ROW_USERS],
        };
        for u in 0..self.users {
            let tl = self.to_region[u * self.n + l];
            row.to_leader[u] = tl;
            row.read[u] = if self.linearizable {
                tl
            } else {
                let f = &self.floor[u * self.n..(u + 1) * self.n];
                f64::INFINITY.min(f[l]).min(f[a])
            };
        }
        Some(row)
    }

    /// The bound of `[row.l, a, b]`: quorum wait at the smaller 49.5th percentile of the
    /// leader's two links, each read at the lowest read floor among the voters.
    pub fn triple(&self, row: &Row, b: usize) -> Objective {
        let q99 = row.half_a.min(self.half[row.l * self.n + b]);
        let over = |v: f64, budget: Option<f64>| budget.map_or(0.0, |x| (v - x).max(0.0));
        let mut o = Objective::ZERO;
        for u in 0..self.users {
            let w99 = row.to_leader[u] + q99 + self.commit99;
            let r99 = if self.linearizable {
                row.read[u]
            } else {
                row.read[u].min(self.floor[u * self.n + b])
            };
            // The same arithmetic as `user_term`.
            o.excess_ms += over(w99, self.write_budget) + over(r99, self.read_budget);
            o.weighted_ms += self.shares[u] * (self.writes * w99 + self.reads * r99);
        }
        o
    }
}

/// A bound for the placement with voters `[l, a, b]` (any number of populations).
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
