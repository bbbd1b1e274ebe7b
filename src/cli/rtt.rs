//! `meridian rtt PLACE PLACE` and `meridian model-eval`.

use std::ffi::OsString;
use std::fmt::Write as _;

use crate::latency::{self, eval, model::Basis, RttSource};
use crate::place::Place;

const USAGE: &str = "usage: meridian rtt PLACE PLACE\n(a PLACE is provider:code, e.g. aws:us-east-1, or lat,lon, e.g. -33.87,151.21)";

/// `-33.87,151.21` and the like: a number, a comma, a number.
fn looks_like_coordinate(s: &str) -> bool {
    s.split_once(',')
        .is_some_and(|(a, b)| a.trim().parse::<f64>().is_ok() && b.trim().parse::<f64>().is_ok())
}

fn parse_place(arg: &str) -> Result<Place, i32> {
    Place::parse(arg).map_err(|e| {
        eprintln!("meridian rtt: {e}");
        2
    })
}

/// Prints the p50 and p99 between two places and where each came from. Exit 2 on bad input.
pub fn run(args: Vec<OsString>) -> i32 {
    let mut places = Vec::new();
    let mut parser = lexopt::Parser::from_args(args);
    loop {
        // A southern or western coordinate (`-33.87,151.21`) starts with '-': take it as a
        // place before lexopt reads it as a cluster of short options.
        if let Some(mut raw) = parser.try_raw_args() {
            if let Some(v) = raw.next_if(|a| looks_like_coordinate(&a.to_string_lossy())) {
                places.push(v.to_string_lossy().into_owned());
                continue;
            }
        }
        match parser.next() {
            Ok(None) => break,
            Ok(Some(lexopt::Arg::Value(v))) => places.push(v.to_string_lossy().into_owned()),
            Ok(Some(lexopt::Arg::Long("help") | lexopt::Arg::Short('h'))) => {
                return super::emit("rtt", &format!("{USAGE}\n"));
            }
            Ok(Some(arg)) => {
                eprintln!("meridian rtt: unexpected {}\n{USAGE}", arg.unexpected());
                return 2;
            }
            Err(e) => {
                eprintln!("meridian rtt: {e}\n{USAGE}");
                return 2;
            }
        }
    }
    if places.len() != 2 {
        eprintln!(
            "meridian rtt: expected two places, got {}\n{USAGE}",
            places.len()
        );
        return 2;
    }
    let (a, b) = match (parse_place(&places[0]), parse_place(&places[1])) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(c), _) | (_, Err(c)) => return c,
    };
    let x = latency::rtt_explained(&a, &b);
    let mut out = String::new();
    let _ = writeln!(out, "{} <-> {}", a.label(), b.label());
    let _ = writeln!(
        out,
        "  p50  {:7.1} ms  {}",
        x.link.p50_ms,
        x.link.source.describe()
    );
    let tail = if x.p95_measured {
        "log-normal from the measured P95 (Azure)"
    } else {
        "log-normal from the p95 fitted on Azure P50/P95"
    };
    let _ = writeln!(out, "  p95  {:7.1} ms  {tail}", x.p95_ms);
    let _ = writeln!(
        out,
        "  p99  {:7.1} ms  ln(p99/p50) = (2.326/1.645) ln(p95/p50)",
        x.link.p99_ms
    );
    let _ = writeln!(out, "  fibre floor {:.1} ms", x.floor_ms);
    if let Some(p) = &x.prediction {
        match p.basis {
            Basis::Neighbours { pairs, nearest_km } => {
                let _ = writeln!(
        out,"  from {pairs} measured pairs nearby (closest: ends {nearest_km:.0} km off in total):");
                let regs = crate::data::regions();
                for (o, w) in &p.top {
                    let _ = writeln!(
                        out,
                        "    {} <-> {}  {:.1} ms p50, weight {:.0} %",
                        regs[usize::from(o.a)].key(),
                        regs[usize::from(o.b)].key(),
                        o.p50_ms,
                        100.0 * w
                    );
                }
            }
            Basis::DistanceFit => {
                let f = latency::model::model().distance_fit();
                let _ = writeln!(
                    out,
                    "  no measured pair near both ends: {:.1} ms + {:.2} x fibre floor",
                    f.c0_ms, f.k
                );
            }
        }
    }
    if let Some(p) = x.prediction.as_ref().filter(|p| p.metro_share > 0.0) {
        let _ = writeln!(
            out,
            "  short link: {:.0} % from the same-metro line ({} ms cross-AZ + {:.2} x fibre floor)",
            100.0 * p.metro_share,
            latency::CROSS_AZ_P50_MS,
            latency::model::model().distance_fit().k
        );
    }
    if let RttSource::Measured { .. } = x.link.source {
        let _ = writeln!(out, "  (both directions averaged where both are published)");
    }
    super::emit("rtt", &out)
}

/// Prints the model's cross-validated and leave-one-provider-out errors as markdown.
pub fn run_model_eval(args: Vec<OsString>) -> i32 {
    if let Some(a) = args.first() {
        eprintln!(
            "meridian model-eval: unexpected argument {:?}\nusage: meridian model-eval",
            a
        );
        return 2;
    }
    let report = eval::evaluate(latency::model::Params::default());
    super::emit("model-eval", &report.markdown())
}
