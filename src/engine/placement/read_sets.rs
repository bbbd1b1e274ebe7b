//! Least read sums over voter sets: a bound on the reads of every consensus placement with a
//! given leader, or leader and second voter, however the third voter is chosen. The bounds in
//! bounds.rs take each population's least read over the remaining voters on its own, which
//! is weak (some region is near every population, but three voters are not near all six);
//! this one takes the least over whole sets of three, so a leader or a (leader, voter) row
//! whose every set reads badly is skipped before its voter pairs are bounded one by one.
//!
//! A population's read p99 under voters `{x, y, z}` is at least the lowest of its read floors
//! to them ([`crate::engine::Link::read_floor`]; bounds.rs says why), whoever leads. So for
//! every set, with `m_u` that lowest floor, the read part of the objective is at least
//! `sum_u max(0, m_u - budget)` (excess) and `sum_u share_u m_u` (times the read share of the
//! mix, weighted); each table keeps, per region pair and per region, the least of each sum over
//! every set containing them (over all the plan's regions, a superset of any class's allowed
//! ones, so still a lower bound). Each least is taken field by field, so the bound is at most
//! every set's fields and so, compared lexicographically, at most its objective.

use std::rc::Rc;

use super::{mix, Objective};
use crate::engine::links::SetKey;
use crate::engine::Ctx;
use crate::plan::DataClass;

/// The sums above are added in another order than the exact objective's, so they may differ
/// from it in the last bits; bounds are lowered by this relative margin (far above the
/// ~1e-15 relative error of a dozen additions) so rounding cannot make a bound exceed the
/// objective it bounds.
const ROUNDING_MARGIN: f64 = 1.0 - 1e-9;

/// Tables kept per set of link tables before they are emptied.
const SET_TABLES_KEPT: usize = 16;

/// The least of one read sum over voter sets (see the module docs), over the plan's regions:
/// the share-weighted reads, or the excess over one read budget.
pub(crate) struct SetLeast {
    n: usize,
    /// `pair[x * n + y]`: the least over sets `{x, y, z}`.
    pair: Vec<f64>,
    /// `one[x]`: the least over sets containing `x`.
    one: Vec<f64>,
}

/// What a [`SetLeast`] sums per population: its share-weighted read, or its excess over a
/// read budget.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum ReadSum {
    Weighted,
    Excess(f64),
}

impl SetLeast {
    /// Every set of three of the plan's regions, once: `C(n, 3)` sets x populations, a row of
    /// third voters at a time.
    fn new(ctx: &Ctx, sum: ReadSum) -> SetLeast {
        let n = ctx.n();
        let users = ctx.users.len();
        let floor = &ctx.bound_rows.read_floor;
        let mut pair = vec![f64::INFINITY; n * n];
        let mut row_sums = vec![0.0; n];
        for x in 0..n {
            for y in x + 1..n {
                let from = y + 1;
                if from == n {
                    continue;
                }
                let sums = &mut row_sums[from..];
                sums.fill(0.0);
                for u in 0..users {
                    let row = &floor[u * n..(u + 1) * n];
                    let both = row[x].min(row[y]);
                    let cells = sums.iter_mut().zip(&row[from..]);
                    match sum {
                        ReadSum::Weighted => {
                            let share = ctx.shares[u];
                            cells.for_each(|(s, &f)| *s += share * both.min(f));
                        }
                        ReadSum::Excess(budget) => {
                            cells.for_each(|(s, &f)| *s += (both.min(f) - budget).max(0.0));
                        }
                    }
                }
                let at = x * n + y;
                pair[at] = sums.iter().copied().fold(pair[at], f64::min);
                // Pairs (x, z) and (y, z) for every z of the row: contiguous runs.
                for r in [x, y] {
                    let run = &mut pair[r * n + from..(r + 1) * n];
                    run.iter_mut()
                        .zip(sums.iter())
                        .for_each(|(t, &v)| *t = t.min(v));
                }
            }
        }
        for x in 0..n {
            for y in x + 1..n {
                pair[y * n + x] = pair[x * n + y];
            }
        }
        let one = pair
            .chunks(n.max(1))
            .map(|r| r.iter().copied().fold(f64::INFINITY, f64::min))
            .collect();
        SetLeast { n, pair, one }
    }

    /// The table of `sum` for the evaluation's links (kept with them, see
    /// [`crate::engine::links::SetTables`]), built on first use.
    pub fn of(ctx: &Ctx, sum: ReadSum) -> Rc<SetLeast> {
        let key = match sum {
            ReadSum::Weighted => SetKey::Weighted(ctx.shares.iter().map(|s| s.to_bits()).collect()),
            ReadSum::Excess(b) => SetKey::Excess(b.to_bits()),
        };
        if let Some((_, t)) = ctx.read_sets.borrow().iter().find(|(k, _)| *k == key) {
            return t.clone();
        }
        let t = Rc::new(SetLeast::new(ctx, sum));
        let mut kept = ctx.read_sets.borrow_mut();
        // Edits of the populations' shares each add a weighted table: keep a few (a rebuilt
        // table is the same table).
        if kept.len() >= SET_TABLES_KEPT {
            kept.clear();
        }
        kept.push((key, t.clone()));
        t
    }

    /// The least over sets containing `x` and `y` (`None`: `x` and any two others).
    fn least(&self, x: usize, y: Option<usize>) -> f64 {
        match y {
            Some(y) => self.pair[x * self.n + y],
            None => self.one[x],
        }
    }
}

/// The tables one class's consensus search bounds its reads with.
pub(crate) struct ReadSets {
    weighted: Rc<SetLeast>,
    /// `None` without a read budget, or when the search has no placement over budget to
    /// prune against (an excess bound of 0 then loses nothing).
    excess: Option<Rc<SetLeast>>,
}

impl ReadSets {
    /// `with_excess`: whether the excess over the class's read budget is worth bounding.
    pub fn of(ctx: &Ctx, class: &DataClass, with_excess: bool) -> ReadSets {
        ReadSets {
            weighted: SetLeast::of(ctx, ReadSum::Weighted),
            excess: class
                .read_p99_budget_ms
                .filter(|_| with_excess)
                .map(|b| SetLeast::of(ctx, ReadSum::Excess(b))),
        }
    }

    /// At most the objective of every placement led by `l` with `voter` among the other two
    /// (`None`: any), whose quorum wait has a p99 of `q99` or more: writes at that wait, reads
    /// at the least sums above (an excess of 0 without its table). Not for linearizable reads
    /// (the leader's own, which the bounds in bounds.rs add exactly).
    pub fn bound(
        &self,
        ctx: &Ctx,
        class: &DataClass,
        l: usize,
        voter: Option<usize>,
        q99: f64,
    ) -> Objective {
        let (writes, reads) = mix(class);
        let budget = class.write_p99_budget_ms.unwrap_or(f64::INFINITY);
        let (mut excess, mut weighted) = (0.0, 0.0);
        for u in 0..ctx.users.len() {
            let w99 = ctx.ur(u, l).q.p99 + q99 + ctx.commit.p99;
            excess += (w99 - budget).max(0.0);
            weighted += ctx.shares[u] * w99;
        }
        let read_excess = self.excess.as_ref().map_or(0.0, |t| t.least(l, voter));
        let read_weighted = self.weighted.least(l, voter);
        Objective {
            excess_ms: (excess + read_excess) * ROUNDING_MARGIN,
            weighted_ms: (writes * weighted + reads * read_weighted) * ROUNDING_MARGIN,
            ..Objective::ZERO
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;

    /// Each table entry is the least over the sets it stands for, summed by hand.
    #[test]
    fn the_tables_hold_the_least_sums_over_every_set() {
        let plan = Plan {
            regions: Plan::large_benchmark().regions[..9].to_vec(),
            ..Plan::large_benchmark()
        };
        let ctx = Ctx::new(&plan);
        let (n, users) = (ctx.n(), ctx.users.len());
        for budget in [None, Some(60.0), Some(5.0)] {
            let table = SetLeast::new(&ctx, budget.map_or(ReadSum::Weighted, ReadSum::Excess));
            let sum = |x: usize, y: usize, z: usize| {
                let mut s = 0.0;
                for u in 0..users {
                    let m = [x, y, z]
                        .iter()
                        .map(|&r| ctx.ur(u, r).read_floor)
                        .fold(f64::INFINITY, f64::min);
                    s += match budget {
                        None => ctx.shares[u] * m,
                        Some(b) => (m - b).max(0.0),
                    };
                }
                s
            };
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
            for x in 0..n {
                let mut one = f64::INFINITY;
                for y in (0..n).filter(|&y| y != x) {
                    let least = (0..n)
                        .filter(|&z| z != x && z != y)
                        .map(|z| sum(x, y, z))
                        .fold(f64::INFINITY, f64::min);
                    assert!(close(table.least(x, Some(y)), least), "{x} {y} {budget:?}");
                    one = one.min(least);
                }
                assert!(close(table.least(x, None), one), "{x} {budget:?}");
            }
        }
        // A budget nothing meets gives some excess; none gives none.
        let unmet = SetLeast::new(&ctx, ReadSum::Excess(1.0));
        assert!(unmet.one.iter().all(|&e| e > 0.0));
    }
}
