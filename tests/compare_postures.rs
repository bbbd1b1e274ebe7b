//! The nine postures side by side (`present::compare`): one column per posture in the
//! report's order, the recommendation marked, broken requirements in their cells, an
//! unplaceable posture with its reason and no figures, and sorting by a row.

use meridian::engine::{evaluate, Posture};
use meridian::plan::Plan;
use meridian::present::compare::{posture_table, sort_caption, sort_columns};

#[test]
fn every_posture_has_a_column_and_the_recommendation_is_marked() {
    let plan = Plan::example();
    let report = evaluate(&plan).unwrap();
    let ledger = &report.classes[0];
    let t = posture_table(ledger, &plan.data_classes[0]);
    assert_eq!(t.columns.len(), 9);
    let slugs: Vec<&str> = t.columns.iter().map(|c| c.slug).collect();
    let all: Vec<&str> = Posture::ALL.iter().map(|p| p.slug()).collect();
    assert_eq!(slugs, all);
    let marked: Vec<&str> = t
        .columns
        .iter()
        .filter(|c| c.recommended)
        .map(|c| c.slug)
        .collect();
    assert_eq!(marked, vec![ledger.chosen.posture.slug()]);
    let rec = t.columns.iter().find(|c| c.recommended).unwrap();
    assert_eq!(rec.mark, "recommended");
    assert_eq!(rec.verdict, "meets every requirement");
    // Three populations: a write and a read row each, besides the fixed rows.
    assert_eq!(t.rows.len(), 1 + 3 + 3 + 12);
    for c in t.columns.iter().filter(|c| c.unplaceable.is_none()) {
        assert_eq!(c.cells.len(), t.rows.len(), "{}", c.slug);
    }
}

#[test]
fn a_broken_requirement_is_shown_in_its_cell() {
    let plan = Plan::example();
    let report = evaluate(&plan).unwrap();
    let t = posture_table(&report.classes[0], &plan.data_classes[0]);
    // The ledger's RPO target is 0: a warm standby's async lag breaks it, in the RPO cell.
    let rpo = t.rows.iter().position(|r| r.key == "rpo").unwrap();
    let warm = t.columns.iter().find(|c| c.slug == "warm-standby").unwrap();
    let cell = &warm.cells[rpo];
    let msg = cell
        .broken
        .as_deref()
        .expect("the RPO cell carries the break");
    assert!(msg.starts_with("RPO is "), "{msg}");
    assert!(warm.verdict.starts_with("breaks RPO"), "{}", warm.verdict);
    // A synchronous standby's RPO of 0 breaks nothing.
    let sync = t.columns.iter().find(|c| c.slug == "sync-standby").unwrap();
    assert_eq!(sync.cells[rpo].text, "0 s");
    assert_eq!(sync.cells[rpo].broken, None);
}

#[test]
fn an_unplaceable_posture_says_why_and_shows_no_figures() {
    let plan = Plan::example();
    let report = evaluate(&plan).unwrap();
    // The ledger is shared by every population: nothing to partition by.
    let t = posture_table(&report.classes[0], &plan.data_classes[0]);
    let part = t
        .columns
        .iter()
        .find(|c| c.slug == "active-active-partitioned")
        .unwrap();
    assert!(part.cells.is_empty());
    let why = part.unplaceable.as_deref().unwrap();
    assert!(why.contains("shared by all user populations"), "{why}");
}

#[test]
fn columns_sort_by_a_row_lowest_first_unplaceable_last() {
    let plan = Plan::example();
    let report = evaluate(&plan).unwrap();
    let ledger = &report.classes[0];
    let t = posture_table(ledger, &plan.data_classes[0]);
    let order = sort_columns(&t, Some("cost"));
    let costs: Vec<Option<f64>> = order
        .iter()
        .map(|&c| ledger.evaluations[c].monthly_cost_usd)
        .collect();
    let priced: Vec<f64> = costs.iter().flatten().copied().collect();
    assert!(priced.windows(2).all(|w| w[0] <= w[1]), "{costs:?}");
    assert_eq!(
        costs.last(),
        Some(&None),
        "the unplaceable posture comes last"
    );
    assert_eq!(
        sort_caption(&t, Some("cost")),
        "sorted by Cost / month (lowest first)"
    );
    // Unsorted: the plan's posture first, then the rest in order of complexity.
    let chosen = Posture::ALL
        .iter()
        .position(|&p| p == ledger.chosen.posture)
        .unwrap();
    let mut want = vec![chosen];
    want.extend((0..9).filter(|&c| c != chosen));
    assert_eq!(sort_columns(&t, None), want);
    // RTO: not survived (single region) sorts after every survived figure.
    let by_rto = sort_columns(&t, Some("rto"));
    let single = Posture::ALL
        .iter()
        .position(|&p| p == Posture::SingleRegion)
        .unwrap();
    let placeable = t.columns.iter().filter(|c| c.unplaceable.is_none()).count();
    assert_eq!(by_rto[placeable - 1], single);
}

#[test]
fn a_pinned_posture_comes_first_and_the_recommendation_stays_marked() {
    let mut plan = Plan::example();
    plan.data_classes[0].pin = Some(Posture::WarmStandby);
    let report = evaluate(&plan).unwrap();
    let t = posture_table(&report.classes[0], &plan.data_classes[0]);
    let marks: Vec<(&str, &str)> = t
        .columns
        .iter()
        .filter(|c| !c.mark.is_empty())
        .map(|c| (c.slug, c.mark.as_str()))
        .collect();
    assert_eq!(
        marks,
        vec![
            ("warm-standby", "pinned by the plan"),
            (
                "sync-standby",
                "recommended (not chosen: the plan pins another)"
            ),
        ]
    );
    let order: Vec<&str> = sort_columns(&t, None)
        .into_iter()
        .take(2)
        .map(|c| t.columns[c].slug)
        .collect();
    assert_eq!(order, vec!["warm-standby", "sync-standby"]);
}
