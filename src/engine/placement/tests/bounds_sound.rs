//! The consensus search's bounds against every voter set they stand for: each is at most the
//! exact objective, field by field (docs/engine.md, "How the search prunes").

use super::super::bounds::{self, least_quorum_floor};
use super::super::consensus;
use super::super::reads::linearizable;
use super::super::*;
use super::{class_strategy, plan};
use proptest::prelude::*;

/// `bound` is at most `exact` in both fields the consensus objective sets.
fn below(bound: &Objective, exact: &Objective) -> bool {
    bound.excess_ms <= exact.excess_ms && bound.weighted_ms <= exact.weighted_ms
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn consensus_bounds_are_at_most_every_objective_they_stand_for(
        region_idx in prop::collection::vec(0usize..200, 3..9),
        user_idx in prop::collection::vec(0usize..200, 1..7),
        class in class_strategy(),
    ) {
        let p = plan(&region_idx, &user_idx, class);
        let ctx = Ctx::new(&p);
        let class = &p.data_classes[0];
        let allowed = ctx.allowed(class);
        prop_assume!(allowed.len() >= 3);
        let sets = (!linearizable(class)).then(|| ReadSets::of(&ctx, class, true));
        // Rows of second voters at once (the search's cheap bound).
        let rows = bounds::TripleBounds::new(&ctx, class, &allowed);
        let (mut excess, mut weighted, mut quorum) = (Vec::new(), Vec::new(), Vec::new());
        for (li, &l) in allowed.iter().enumerate() {
            for (ai, &a) in allowed.iter().enumerate().filter(|&(_, &a)| a != l) {
                rows.row(li, ai, &mut excess, &mut weighted, &mut quorum);
                for (j, &b) in allowed[ai + 1..].iter().enumerate().filter(|&(_, &b)| b != l) {
                    let exact = consensus::objective(&ctx, class, &[l, a, b], ctx.quorum3_p99(l, a, b));
                    let row = Objective { excess_ms: excess[j], weighted_ms: weighted[j], ..Objective::ZERO };
                    prop_assert!(below(&row, &exact), "{row:?} > {exact:?}");
                }
            }
        }
        for &l in &allowed {
            let any_quorum = least_quorum_floor(&ctx, l, &allowed);
            for &a in allowed.iter().filter(|&&a| a != l) {
                for &b in allowed.iter().filter(|&&b| b != l && b != a) {
                    let q99 = ctx.quorum3_p99(l, a, b);
                    let floor = ctx.rr(l, a).quorum_floor.min(ctx.rr(l, b).quorum_floor);
                    prop_assert!(floor <= q99, "quorum {floor} > {q99}");
                    let exact = consensus::objective(&ctx, class, &[l, a, b], q99);
                    let triple = bounds::triple(&ctx, class, [l, a, b]);
                    prop_assert!(below(&triple, &exact), "{triple:?} > {exact:?}");
                    if let Some(sets) = &sets {
                        let pair = sets.bound(&ctx, class, l, Some(a), floor);
                        prop_assert!(below(&pair, &exact), "{pair:?} > {exact:?}");
                        let any = sets.bound(&ctx, class, l, None, any_quorum);
                        prop_assert!(below(&any, &exact), "{any:?} > {exact:?}");
                    }
                }
            }
        }
    }
}
