//! SVG snapshots of every chart for the example plan, plus robustness on degenerate input.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test chart_snapshots` rewrites tests/snapshots/charts/;
//! otherwise each SVG must match its file byte for byte (the charts are deterministic).

use std::path::PathBuf;

use meridian::charts::{cost, latency, rto, rtt, staleness};
use meridian::engine::{self, Report};
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
