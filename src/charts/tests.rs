//! Data extraction and tables: the charts' numbers are the report's numbers.

use super::*;
use crate::engine::{self, Report};
use crate::plan::{PlaceRef, Plan};

fn example() -> (Plan, Report) {
    let plan = Plan::example();
    let report = engine::evaluate(&plan).unwrap();
    (plan, report)
}

fn assert_rectangular(t: &Table) {
    assert!(!t.caption.is_empty());
    for r in &t.rows {
        assert_eq!(r.len(), t.headers.len(), "{r:?}");
    }
}

#[test]
fn latency_points_are_the_reports() {
    let (plan, report) = example();
    for class in &report.classes {
        let d = latency::data_from(class, &report.rtt_sources);
        assert_eq!(d.rows.len(), class.evaluations.len());
        let dc = plan
            .data_classes
            .iter()
            .find(|c| c.name == class.name)
            .unwrap();
        assert_eq!(d.write_budget_ms, dc.write_p99_budget_ms);
        assert_eq!(d.read_budget_ms, dc.read_p99_budget_ms);
        assert_eq!(d.populations, ["North America", "Europe", "Asia-Pacific"]);
        assert_eq!(d.rows.iter().filter(|r| r.chosen).count(), 1);
        for (row, e) in d.rows.iter().zip(&class.evaluations) {
            assert_eq!(row.posture, e.posture);
            assert_eq!(row.chosen, e.posture == class.chosen.posture);
            assert_eq!(row.status, PostureStatus::of(e));
            if !e.placeable {
                assert!(row.points.is_empty());
                continue;
            }
            assert_eq!(row.points.len(), e.latency.len());
            for (p, l) in row.points.iter().zip(&e.latency) {
                assert_eq!(p.population, l.population);
                assert_eq!(p.write_p50_ms, l.write_p50_ms);
                assert_eq!(p.write_p99_ms, l.write_p99_ms);
                assert_eq!(p.read_p50_ms, l.read_p50_ms);
                assert_eq!(p.read_p99_ms, l.read_p99_ms);
            }
        }
    }
}

#[test]
fn latency_table_has_a_row_per_population_and_posture() {
    let (_, report) = example();
    let class = &report.classes[0];
    let d = latency::data_from(class, &report.rtt_sources);
    let t = latency::table(&d);
    assert_rectangular(&t);
    let placeable = class.evaluations.iter().filter(|e| e.placeable).count();
    let unplaceable = class.evaluations.len() - placeable;
    assert_eq!(t.rows.len(), placeable * 3 + unplaceable);
    let chosen = &class.chosen.latency[0];
    let row = t
        .rows
        .iter()
        .find(|r| r[0].ends_with("(chosen)") && r[2] == chosen.population)
        .unwrap();
    assert_eq!(row[4], format!("{:.1}", chosen.write_p99_ms));
    assert!(t.caption.contains("400 ms"), "{}", t.caption);
}

#[test]
fn rtt_cells_are_latency_rtt_and_modeled_pairs_are_marked() {
    let mut plan = Plan::example();
    // A cross-provider pair has no measurement, so it is modeled.
    plan.regions = vec![
        PlaceRef::key("aws:us-east-1"),
        PlaceRef::key("gcp:europe-west1"),
    ];
    let d = rtt::data_from(&plan);
    let places: Vec<_> = plan.regions.iter().map(|r| r.resolve().unwrap()).collect();
    for (i, a) in places.iter().enumerate() {
        for (j, b) in places.iter().enumerate() {
            let c = d.cells[i][j].as_ref().unwrap();
            let l = crate::latency::rtt(a, b);
            assert_eq!((c.p50_ms, c.p99_ms), (l.p50_ms, l.p99_ms));
            let want = if i == j {
                rtt::CellKind::SameRegion
            } else {
                rtt::CellKind::Modeled
            };
            assert_eq!(c.kind, want);
        }
    }
    let t = rtt::table(&d);
    assert_rectangular(&t);
    assert!(t.rows[0][2].starts_with('~'), "{:?}", t.rows[0]);
    assert!(!t.rows[0][1].starts_with('~'));
    let svg = rtt::svg(&d, 600, 400);
    assert!(svg.contains("font-style=\"italic\""));
    assert!(d.sources.iter().any(|s| s.starts_with("modeled:")));
}

#[test]
fn rtt_unknown_region_is_a_gap_not_a_panic() {
    let mut plan = Plan::example();
    plan.regions.push(PlaceRef::key("aws:nowhere-9"));
    let d = rtt::data_from(&plan);
    assert!(d.cells[5].iter().all(Option::is_none));
    assert!(d.cells[0][5].is_none() && d.cells[0][0].is_some());
    assert_eq!(rtt::table(&d).rows[5][1], "unknown region");
    assert!(rtt::svg(&d, 900, 500).contains(">\n?\n</text>"));
}

#[test]
fn staleness_series_are_the_reports() {
    let (_, report) = example();
    for class in &report.classes {
        let d = staleness::data_from(class, &report.rtt_sources);
        assert_eq!(d.series[0].posture, class.chosen.posture);
        assert!(d.series[0].chosen);
        let want: Vec<(f64, f64)> = class
            .chosen
            .staleness
            .iter()
            .map(|p| (p.t_ms, p.p_consistent))
            .collect();
        assert_eq!(d.series[0].points, want);
        for s in &d.series[1..] {
            assert!(s.points.iter().any(|p| p.1 < 1.0), "{:?}", s.posture);
        }
        for p in &d.always_fresh {
            let e = class.evaluations.iter().find(|e| e.posture == *p).unwrap();
            assert!(e.staleness.iter().all(|s| s.p_consistent >= 1.0));
        }
        let t = staleness::table(&d);
        assert_rectangular(&t);
        assert_eq!(t.rows.len(), want.len());
    }
}

#[test]
fn rto_bars_sum_to_the_reports_rto() {
    let (plan, report) = example();
    let class = &report.classes[0];
    let d = rto::data_from(class, plan.data_classes[0].rto_s);
    assert_eq!(d.target_s, plan.data_classes[0].rto_s);
    for (row, e) in d.rows.iter().zip(&class.evaluations) {
        let total = row.total_s();
        match e.rto_s {
            Some(r) if e.placeable => assert!((total.unwrap() - r).abs() < 1e-9),
            _ => assert_eq!(total, None),
        }
    }
    let t = rto::table(&d);
    assert_rectangular(&t);
    let single = t
        .rows
        .iter()
        .find(|r| r[0].starts_with("Single region"))
        .unwrap();
    assert_eq!(single[6], "no failover");
    let unplaceable = d.rows.iter().position(|r| !r.status.placeable()).unwrap();
    assert_eq!(t.rows[unplaceable][6], "—");
}

#[test]
fn cost_bars_sum_to_the_reports_cost() {
    let (_, report) = example();
    for class in &report.classes {
        let d = cost::data_from(class, &report.price_sources);
        let single = class
            .evaluations
            .iter()
            .find(|e| e.posture == crate::engine::Posture::SingleRegion)
            .unwrap();
        assert_eq!(d.single_region_usd, single.monthly_cost_usd);
        for (row, e) in d.rows.iter().zip(&class.evaluations) {
            match row.total_usd() {
                Some(t) => assert!(
                    (t - e.monthly_cost_usd.unwrap()).abs() < 1e-6,
                    "{:?}",
                    e.posture
                ),
                None => assert!(!e.placeable && e.monthly_cost_usd.is_none()),
            }
        }
        let t = cost::table(&d);
        assert_rectangular(&t);
        let chosen = t.rows.iter().find(|r| r[0].ends_with("(chosen)")).unwrap();
        assert_eq!(
            chosen[2 + cost::COMPONENTS.len()],
            format!("{:.2}", class.chosen.monthly_cost_usd.unwrap())
        );
    }
}

#[test]
fn markdown_table_escapes_pipes() {
    let t = Table {
        caption: "c".into(),
        headers: vec!["a".into(), "b|c".into()],
        rows: vec![vec!["1".into(), "2".into()]],
    };
    assert_eq!(
        t.to_markdown(),
        "c\n\n| a | b\\|c |\n|---|---|\n| 1 | 2 |\n"
    );
}

#[test]
fn the_rtt_matrix_sorts_by_a_column_and_copies_as_csv() {
    let plan = Plan::example();
    let d = rtt::data_from(&plan);
    // Sorted by the round trip to us-east-1: itself first, then the nearest.
    let order = rtt::row_order(&d, Some(0));
    assert_eq!(order[0], 0);
    let to = |r: usize| d.cells[r][0].as_ref().unwrap().p50_ms;
    assert!(order.windows(2).all(|w| to(w[0]) <= to(w[1])));
    let csv = rtt::csv(&d, &order);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + plan.regions.len());
    assert!(
        lines[0].starts_with("\"from \\ to (p50 ms)\",\"aws:us-east-1\""),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("\"aws:us-east-1\","));
    // Every cell names its source.
    for c in d.cells.iter().flatten().flatten() {
        assert!(c.source < d.sources.len());
    }
}

/// Issue 15: a custom place named like a formula is text in a spreadsheet.
#[test]
fn a_place_named_like_a_formula_is_text_in_the_csv() {
    let mut plan = Plan::example();
    plan.regions.push(crate::plan::PlaceRef::custom(
        "=HYPERLINK(\"x\")",
        10.0,
        10.0,
        "",
    ));
    let d = rtt::data_from(&plan);
    let csv = rtt::csv(&d, &rtt::row_order(&d, None));
    assert!(csv.contains(",\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
    assert!(csv.lines().last().unwrap().starts_with("\"'=HYPERLINK("));
}
