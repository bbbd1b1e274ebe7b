//! Tables kept across evaluations (link tables, voter-set tables, read-your-writes mixtures'
//! quantiles per share of reads) change no report: a warm evaluation equals a cold one, also
//! after evaluations of the same places with other shares in between.

use meridian::engine::{clear_rtt_cache, evaluate, Report};
use meridian::plan::Plan;

fn cold(plan: &Plan) -> Report {
    clear_rtt_cache();
    evaluate(plan).unwrap()
}

#[test]
fn kept_mixture_tables_change_no_report() {
    for plan in [Plan::example(), Plan::large_benchmark()] {
        // Another share of reads that follow a write for every class: new mixture tables
        // over the same links.
        let mut other = plan.clone();
        for c in &mut other.data_classes {
            c.writes_per_s *= 1.7;
        }
        let (want, want_other) = (cold(&plan), cold(&other));
        assert_ne!(want, want_other);
        clear_rtt_cache();
        for _ in 0..2 {
            assert_eq!(evaluate(&plan).unwrap(), want);
            assert_eq!(evaluate(&other).unwrap(), want_other);
        }
    }
}

#[test]
fn more_shares_than_the_kept_tables_change_no_report() {
    // Past the number of share tables kept per set of links, the oldest are dropped and
    // computed again when asked for.
    let plan = Plan::example();
    let want = cold(&plan);
    for i in 0..40 {
        let mut p = plan.clone();
        for c in &mut p.data_classes {
            c.writes_per_s *= 1.0 + f64::from(i) / 10.0;
        }
        evaluate(&p).unwrap();
    }
    assert_eq!(evaluate(&plan).unwrap(), want);
}
