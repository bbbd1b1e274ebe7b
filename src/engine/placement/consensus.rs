//! The consensus search: a leader and two more voters among the allowed regions, by branch
//! and bound over leader x voter pairs. docs/engine.md ("How the consensus search prunes")
//! gives the argument that it returns what enumerating every triple in the same order would.

use std::cmp::Ordering;

use super::bounds::{self, LeaderBounds, TripleBounds};
use super::reads::{
    best_read_near, consensus_p99s, linearizable, nearest_to_user, needs_session_reads,
    session_read_share,
};
use super::{sum_user_terms, Choice, Objective, ReadSets};
use crate::engine::Ctx;
use crate::plan::DataClass;

/// Leaders whose first guess is evaluated before the ordered search (see [`first_guess`]).
const GUESSED_LEADERS: usize = 4;

/// The consensus objective for `voters` with a quorum wait of p99 `q99` (exact or a lower
/// bound).
pub(super) fn objective(ctx: &Ctx, class: &DataClass, voters: &[usize], q99: f64) -> Objective {
    sum_user_terms(ctx, class, |u| consensus_p99s(ctx, class, voters, q99, u))
}

/// At most [`objective`] for `voters` with a quorum wait of p99 `q99` or more, computing no
/// read-your-writes mixture: each user reads from the voter [`best_read`] would weigh (the
/// nearest), and where that read would be a mixture its p99 is bounded by
/// [`Ctx::session_read_floor`]; `best_read` keeps the lower of it and the leader's own read.
fn objective_without_mixtures(
    ctx: &Ctx,
    class: &DataClass,
    voters: &[usize; 3],
    q99: f64,
) -> Objective {
    let l = voters[0];
    let share = session_read_share(class);
    let mixed = needs_session_reads(class) && share > 0.0;
    sum_user_terms(ctx, class, |u| {
        let to_leader = ctx.ur(u, l).q;
        let w99 = to_leader.p99 + q99 + ctx.commit.p99;
        let r99 = if linearizable(class) {
            to_leader.p99
        } else {
            let n = nearest_to_user(ctx, u, voters).unwrap_or(l);
            if mixed && n != l {
                to_leader.p99.min(ctx.session_read_floor(share, u, n, l))
            } else {
                ctx.ur(u, n).q.p99
            }
        };
        (w99, r99)
    })
}

fn worse(o: &Objective, than: Option<&Objective>) -> bool {
    than.is_some_and(|x| o.compare(x) == Ordering::Greater)
}

/// The leaders in search order: by a lower bound of every placement they lead (zero quorum
/// wait, reads from the nearest allowed region, or the leader itself for linearizable reads),
/// then by region index.
pub(super) fn leader_order(
    ctx: &Ctx,
    class: &DataClass,
    allowed: &[usize],
) -> Vec<(usize, Objective)> {
    // Each user's nearest allowed region, whoever leads.
    let nearest: Vec<Option<usize>> = (0..ctx.users.len())
        .map(|u| nearest_to_user(ctx, u, allowed))
        .collect();
    let mut leaders: Vec<(usize, Objective)> = ctx
        .hinted(class, allowed)
        .into_iter()
        .map(|l| {
            let l_allowed = allowed.contains(&l);
            let o = sum_user_terms(ctx, class, |u| {
                let w = ctx.ur(u, l).q.then(ctx.commit).p99;
                let r = if linearizable(class) {
                    ctx.ur(u, l).q.p99
                } else {
                    let n =
                        nearest[u].map_or(l, |n| best_read_near(ctx, class, u, n, l_allowed, l));
                    ctx.ur(u, n).q.p99
                };
                (w, r)
            });
            (l, o)
        })
        .collect();
    leaders.sort_by(|a, b| a.1.compare(&b.1).then(a.0.cmp(&b.0)));
    leaders
}

/// The best voters `[leader, a, b]` for `class`: among equal objectives, the first in the
/// order leaders by their bound (then index), `a` before `b` in `allowed`'s order.
pub(super) fn search(ctx: &Ctx, class: &DataClass, allowed: &[usize]) -> (Choice, Objective) {
    let leaders = leader_order(ctx, class, allowed);
    let triples = TripleBounds::new(ctx, class, allowed);
    let mixed = needs_session_reads(class) && session_read_share(class) > 0.0;

    // `limit`: the objective of a placement already known, so at least the optimum's; a
    // candidate whose lower bound is strictly above it cannot be the optimum nor tie with it.
    // `best`: the best candidate visited, in the search order.
    let mut limit = first_guess(ctx, class, allowed, &leaders);
    // Least reads over whole voter sets (read_sets.rs); linearizable reads are the leader's,
    // which the bounds below add exactly. Read budget excess only if the guess has some.
    let sets = (!linearizable(class)).then(|| {
        let over = limit.is_some_and(|g| g.excess_ms > 0.0);
        ReadSets::of(ctx, class, over)
    });
    // Reused for every row (no allocation per voter pair).
    let (mut excess, mut weighted, mut quorum) = (Vec::new(), Vec::new(), Vec::new());
    let mut best: Option<([usize; 3], Objective)> = None;
    for &(l, bound) in &leaders {
        let li = allowed
            .iter()
            .position(|&r| r == l)
            .expect("leaders are allowed");
        if worse(&bound, limit.as_ref()) {
            break;
        }
        // The leader's own bound above sets the order; these skip (read_sets.rs, bounds.rs),
        // the first before the leader's tables are built.
        if sets.as_ref().is_some_and(|s| {
            let q99 = bounds::least_quorum_floor(ctx, l, allowed);
            worse(&s.bound(ctx, class, l, None, q99), limit.as_ref())
        }) {
            continue;
        }
        let bounds = LeaderBounds::new(ctx, l, allowed);
        if worse(&bounds.any(ctx, class, l), limit.as_ref()) {
            continue;
        }
        for (i, &a) in allowed.iter().enumerate() {
            if a == l || i + 1 == allowed.len() {
                continue;
            }
            // Every pair (a, later b) at once, without mixtures (bounds.rs).
            if worse(&bounds.after(ctx, class, l, i, a), limit.as_ref())
                || sets.as_ref().is_some_and(|s| {
                    let q99 = bounds.quorum_after(ctx, l, i, a);
                    worse(&s.bound(ctx, class, l, Some(a), q99), limit.as_ref())
                })
            {
                continue;
            }
            triples.row(li, i, &mut excess, &mut weighted, &mut quorum);
            for (j, &b) in allowed[i + 1..].iter().enumerate() {
                if b == l {
                    continue;
                }
                let voters = [l, a, b];
                if let Some(x) = &limit {
                    // First at the voters' read floors (bounds.rs), then with the quorum at the
                    // smaller of the two links' quorum floors (`Link::quorum_floor`). All lower
                    // bounds, each tighter and dearer than the one before.
                    let cheap = Objective {
                        excess_ms: excess[j],
                        weighted_ms: weighted[j],
                        ..Objective::ZERO
                    };
                    if cheap.compare(x) == Ordering::Greater {
                        continue;
                    }
                    let lb = ctx.rr(l, a).quorum_floor.min(ctx.rr(l, b).quorum_floor);
                    // Then with reads bounded without mixtures (only read-your-writes reads
                    // have them), then with exact reads.
                    if mixed
                        && objective_without_mixtures(ctx, class, &voters, lb).compare(x)
                            == Ordering::Greater
                    {
                        continue;
                    }
                    if objective(ctx, class, &voters, lb).compare(x) == Ordering::Greater {
                        continue;
                    }
                }
                let o = objective(ctx, class, &voters, ctx.quorum3_p99(l, a, b));
                if best
                    .as_ref()
                    .is_none_or(|x| o.compare(&x.1) == Ordering::Less)
                {
                    best = Some((voters, o));
                }
                if limit
                    .as_ref()
                    .is_none_or(|x| o.compare(x) == Ordering::Less)
                {
                    limit = Some(o);
                }
            }
        }
    }
    let (voters, o) = best.expect("three allowed regions");
    let choice = Choice {
        voters: voters.to_vec(),
        ..Choice::default()
    };
    (choice, o)
}

/// A good placement found cheaply, to prune from the start: for each of the first leaders in
/// bound order, the voter with the best bound as a pair, then the best third voter by the
/// triple bound; the exact objective of the best of these (voters in `allowed`'s order, as the
/// search visits them). Any real placement's objective is at least the optimum's, which is all
/// the search needs of it; a better guess only prunes more.
fn first_guess(
    ctx: &Ctx,
    class: &DataClass,
    allowed: &[usize],
    leaders: &[(usize, Objective)],
) -> Option<Objective> {
    let mut guess: Option<Objective> = None;
    let pos = |r: usize| allowed.iter().position(|&x| x == r);
    let cheap = |voters: [usize; 3]| bounds::triple(ctx, class, voters);
    let lowest = |cands: &mut dyn Iterator<Item = usize>, f: &dyn Fn(usize) -> Objective| {
        cands
            .map(|v| (v, f(v)))
            .min_by(|x, y| x.1.compare(&y.1).then(x.0.cmp(&y.0)))
            .map(|(v, _)| v)
    };
    for &(l, _) in leaders.iter().take(GUESSED_LEADERS) {
        let Some(a) = lowest(&mut allowed.iter().copied().filter(|&v| v != l), &|a| {
            cheap([l, a, a])
        }) else {
            continue;
        };
        let Some(b) = lowest(
            &mut allowed.iter().copied().filter(|&v| v != l && v != a),
            &|b| cheap([l, a, b]),
        ) else {
            continue;
        };
        let (a, b) = if pos(a) < pos(b) { (a, b) } else { (b, a) };
        let o = objective(ctx, class, &[l, a, b], ctx.quorum3_p99(l, a, b));
        if guess.is_none_or(|g| o.compare(&g) == Ordering::Less) {
            guess = Some(o);
        }
    }
    guess
}
