//! SVG snapshots of every chart for the example plan, plus robustness on degenerate input.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test chart_snapshots` rewrites tests/snapshots/charts/;
//! otherwise each SVG must match its file byte for byte (the charts are deterministic).

use std::path::PathBuf;

use meridian::charts::{cost, latency, rto, rtt, staleness};
use meridian::engine::{self, ClassReport, Report};
use meridian::plan::Plan;

const W: u32 = 900;
const H: u32 = 500;

fn example() -> (Plan, Report) {
    let plan = Plan::example();
    let report = engine::evaluate(&plan).expect("the example plan evaluates");
    (plan, report)
}

/// Every chart of the example plan: (file name, SVG).
fn example_charts() -> Vec<(String, String)> {
    let (plan, report) = example();
    let mut out = vec![(
        "rtt.svg".to_string(),
        rtt::svg(&rtt::data_from(&plan), W, H),
    )];
    for (class, dc) in report.classes.iter().zip(&plan.data_classes) {
        let name = &class.name;
        let lat = latency::data_from(class, &report.rtt_sources);
        out.push((format!("latency-{name}.svg"), latency::svg(&lat, W, H)));
        let st = staleness::data_from(class, &report.rtt_sources);
        out.push((format!("staleness-{name}.svg"), staleness::svg(&st, W, H)));
        let r = rto::data_from(class, dc.rto_s);
        out.push((format!("rto-{name}.svg"), rto::svg(&r, W, H)));
        let c = cost::data_from(class, &report.price_sources);
        out.push((format!("cost-{name}.svg"), cost::svg(&c, W, H)));
    }
    out
}

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/charts")
}

#[test]
fn example_charts_match_snapshots() {
    let dir = snapshot_dir();
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1");
    let mut mismatched = Vec::new();
    for (file, svg) in example_charts() {
        let path = dir.join(&file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &svg).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_SNAPSHOTS=1", path.display()));
        if want != svg {
            mismatched.push(file);
        }
    }
    assert!(
        mismatched.is_empty(),
        "SVGs differ from tests/snapshots/charts (UPDATE_SNAPSHOTS=1 to accept): {mismatched:?}"
    );
}

#[test]
fn charts_are_deterministic() {
    assert_eq!(example_charts(), example_charts());
}

/// Renders at several sizes (including absurdly small) and checks for an SVG that names no
/// non-finite number.
fn assert_renders(name: &str, render: impl Fn(u32, u32) -> String, expect: &str) {
    for (w, h) in [(900, 500), (300, 200), (0, 0)] {
        let svg = render(w, h);
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{name}"
        );
        for bad in ["NaN", "inf"] {
            assert!(!svg.contains(bad), "{name} at {w}x{h} shows {bad}");
        }
        assert!(svg.contains(expect), "{name} at {w}x{h} lacks {expect:?}");
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\""), "{name}");
    }
}

#[test]
fn every_chart_survives_empty_and_degenerate_input() {
    let (mut plan, report) = example();
    let class = ClassReport::clone(&report.classes[0]);

    // Empty: no evaluations, no regions.
    let mut empty = class.clone();
    empty.evaluations.clear();
    empty.chosen.staleness.clear();
    let lat = latency::data_from(&empty, &[]);
    assert_renders("latency/empty", |w, h| latency::svg(&lat, w, h), "figures.");
    let st = staleness::data_from(&empty, &[]);
    assert_renders(
        "staleness/empty",
        |w, h| staleness::svg(&st, w, h),
        "figures",
    );
    let r = rto::data_from(&empty, None);
    assert_renders("rto/empty", |w, h| rto::svg(&r, w, h), "region.");
    let c = cost::data_from(&empty, &[]);
    assert_renders("cost/empty", |w, h| cost::svg(&c, w, h), "cost.");
    plan.regions.clear();
    let m = rtt::data_from(&plan);
    assert_renders("rtt/empty", |w, h| rtt::svg(&m, w, h), "regions.");

    // Degenerate: one posture, every number NaN or infinite, no budgets or target.
    let mut bad = class.clone();
    bad.evaluations.truncate(1);
    let e = &mut bad.evaluations[0];
    e.placeable = true;
    for l in &mut e.latency {
        l.write_p50_ms = f64::NAN;
        l.write_p99_ms = f64::INFINITY;
        l.read_p50_ms = f64::NEG_INFINITY;
        l.read_p99_ms = f64::NAN;
        l.write_budget_ms = None;
        l.read_budget_ms = Some(f64::NAN);
    }
    e.rto = Some(meridian::engine::report::RtoBreakdown {
        detection_s: f64::NAN,
        routing_s: f64::INFINITY,
        promotion_s: -1.0,
        warmup_s: 0.0,
        promotion_by: None,
    });
    if let Some(c) = e.cost.as_mut() {
        c.lines.compute_usd = f64::INFINITY;
        c.lines.storage_usd = f64::NAN;
    }
    e.staleness = vec![meridian::engine::report::StalenessPoint {
        t_ms: f64::NAN,
        p_consistent: 0.5,
    }];
    bad.chosen = bad.evaluations[0].clone();
    bad.chosen.cost_multiple = Some(f64::NAN);
    let lat = latency::data_from(&bad, &[]);
    assert_renders("latency/nan", |w, h| latency::svg(&lat, w, h), "ledger");
    let st = staleness::data_from(&bad, &[]);
    assert_renders("staleness/nan", |w, h| staleness::svg(&st, w, h), "figures");
    let r = rto::data_from(&bad, Some(f64::NAN));
    assert_eq!(r.target_s, None);
    assert_renders("rto/nan", |w, h| rto::svg(&r, w, h), "0 s");
    let c = cost::data_from(&bad, &[]);
    assert_renders("cost/nan", |w, h| cost::svg(&c, w, h), "USD per month");

    // A single staleness point and a single region.
    let mut one = class.clone();
    one.chosen.staleness.truncate(1);
    let st = staleness::data_from(&one, &[]);
    assert_renders(
        "staleness/one",
        |w, h| staleness::svg(&st, w, h),
        "spaced by log(1 + ms)",
    );
    plan.regions = vec![meridian::plan::PlaceRef::key("aws:us-east-1")];
    let m = rtt::data_from(&plan);
    assert_renders("rtt/one", |w, h| rtt::svg(&m, w, h), "Round-trip");
    // The one cell's number shows at a normal size (tiny charts leave numbers to the table).
    assert!(rtt::svg(&m, W, H).contains(">\n1.5\n</text>"));
}

/// On the page the sources go under the chart as text: the SVG drawn without its caption
/// has none of the caption's lines, and the footnotes have them all.
#[test]
fn charts_drawn_for_the_page_leave_their_footnotes_outside() {
    let plan = Plan::example();
    let report = engine::evaluate(&plan).unwrap();
    let class = &report.classes[0];
    let d = latency::data_from(class, &report.rtt_sources);
    let inside = latency::svg(&d, W, H);
    let outside = meridian::charts::without_caption(|| latency::svg(&d, W, H));
    let notes = latency::footnotes(&d);
    assert!(!notes.is_empty());
    let first_words: String = notes[0].split(' ').take(3).collect::<Vec<_>>().join(" ");
    assert!(inside.contains(&first_words), "{first_words}");
    assert!(!outside.contains(&first_words), "{first_words}");
    // Once the closure returns, captions are drawn inside again.
    assert_eq!(latency::svg(&d, W, H), inside);
}
