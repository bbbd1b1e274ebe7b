//! Build-time fit of the shipped latency model's global parameters, so a page's first round
//! trip does not pay for them: the distance fit `c0 + k·floor` (`src/latency/fit.rs`), the
//! per-provider offsets (`src/latency/offsets.rs`) and the tail fit (`src/latency/tail.rs`).
//! Included by build.rs; writes `latency_fit.rs` into `OUT_DIR`, which `src/latency/fitted.rs`
//! includes.
//!
//! This reads the CSVs on its own (regions, then each median matrix symmetrised by the
//! asymmetry rule, then one figure per link, newest matrix first) and fits with the crate's
//! own arithmetic (`src/latency/fit_math.rs`, included by build.rs), so the figures are
//! bit-for-bit those of the run-time fit. `fitted::tests` in the crate proves it: if the
//! data, the rule or a parameter changes on one side only, that test fails.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

/// Parameters the fits use, as in `Params::default()` (src/latency/model.rs), `offsets.rs`,
/// `measured.rs` and `geo`; the crate's test fails if they drift apart.
const OFFSET_FIT_KM: f64 = 1000.0;
const MARGINAL_INFLATION: f64 = 1.3;
const SAME_METRO_PAIR_KM: f64 = 100.0;
const AWS_TRUNCATION_CORRECTION_MS: f64 = 0.5;
const FIBRE_KM_PER_MS: f64 = 200.0;
const EARTH_RADIUS_KM: f64 = 6371.0;

/// Provider slugs in `Provider::ALL` order.
const PROVIDERS: [&str; 3] = ["aws", "gcp", "azure"];

/// The median matrices of each provider, newest first (`measured::median_datasets`), and
/// whether the file publishes a mean (p50 = mean + 0.5 ms).
const MEDIAN_FILES: [&[(&str, bool)]; 3] = [
    &[
        ("data/latency_aws_cloudping_p50_1y_2025-05.csv", false),
        ("data/latency_aws_cloudping_mean_2020-04.csv", true),
    ],
    &[("data/latency_gcp_perfdashboard_p50_2023-11-27.csv", false)],
    &[("data/latency_azure_msdocs_p50_2026-07-30.csv", false)],
];
const AZURE_P50: &str = "data/latency_azure_msdocs_p50_2026-07-30.csv";
const AZURE_P95: &str = "data/latency_azure_msdocs_p95_2026-07-30.csv";

#[derive(serde::Deserialize)]
struct Row {
    provider: String,
    code: String,
    lat: Option<f64>,
    lon: Option<f64>,
}

struct Place {
    provider: String,
    lat: f64,
    lon: f64,
}

/// One measured link on the p50 scale, as `latency::observations` builds it.
struct Obs {
    a: usize,
    b: usize,
    p50_ms: f64,
    km: f64,
    provider: usize,
}

fn haversine_km(a: &Place, b: &Place) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dl = (b.lon - a.lon).to_radians();
    let h = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

fn floor_ms(km: f64) -> f64 {
    2.0 * km / FIBRE_KM_PER_MS
}

fn read_places() -> (Vec<Place>, HashMap<(String, String), usize>) {
    let mut rdr = csv::Reader::from_path("data/regions.csv").expect("data/regions.csv");
    let mut places = Vec::new();
    let mut index = HashMap::new();
    for row in rdr.deserialize::<Row>() {
        let r = row.expect("data/regions.csv row");
        if let (Some(lat), Some(lon)) = (r.lat, r.lon) {
            index.insert((r.provider.clone(), r.code), places.len());
            places.push(Place {
                provider: r.provider,
                lat,
                lon,
            });
        }
    }
    (places, index)
}

/// One matrix after the asymmetry rule: (lo, hi) → (ms as the run-time table stores it, km).
fn symmetric(
    path: &str,
    places: &[Place],
    index: &HashMap<(String, String), usize>,
) -> BTreeMap<(usize, usize), (f32, f32)> {
    let mut rdr = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut acc: BTreeMap<(usize, usize), (f64, u8)> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.unwrap_or_else(|e| panic!("{path}: {e}"));
        let ms: f64 = rec[3].parse().unwrap_or_else(|e| panic!("{path}: {e}"));
        let idx = |code: &str| index.get(&(rec[0].to_string(), code.to_string())).copied();
        if let (Some(a), Some(b)) = (idx(&rec[1]), idx(&rec[2])) {
            if a != b {
                let e = acc.entry((a.min(b), a.max(b))).or_insert((0.0, 0));
                e.0 += f64::from(ms as f32);
                e.1 += 1;
            }
        }
    }
    acc.into_iter()
        .map(|((a, b), (sum, n))| {
            let km = haversine_km(&places[a], &places[b]) as f32;
            ((a, b), ((sum / f64::from(n)) as f32, km))
        })
        .collect()
}

fn observations(places: &[Place], index: &HashMap<(String, String), usize>) -> Vec<Obs> {
    let mut out = Vec::new();
    for (provider, files) in MEDIAN_FILES.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for &(path, mean) in files.iter() {
            for ((a, b), (ms, km)) in symmetric(path, places, index) {
                if !seen.insert((a, b)) {
                    continue;
                }
                let published = f64::from(ms);
                out.push(Obs {
                    a,
                    b,
                    p50_ms: if mean {
                        published + AWS_TRUNCATION_CORRECTION_MS
                    } else {
                        published
                    },
                    km: f64::from(km),
                    provider,
                });
            }
        }
    }
    out
}

/// `DistanceFit::fit`: least squares on relative error.
fn distance_fit(obs: &[Obs]) -> (f64, f64) {
    let points = obs.iter().map(|o| (floor_ms(o.km), o.p50_ms.max(0.5)));
    crate::fit_math::relative_line(points).expect("distance fit: degenerate training set")
}

/// `ProviderOffsets::fit`: per ordered provider pair, the median of one's figure minus the
/// other's length-adjusted figure for the same metro pair, on links under 1,000 km; each
/// provider's mean over the others, centred on zero.
fn offsets(obs: &[Obs], places: &[Place]) -> [Option<f64>; 3] {
    let near = |i: usize, j: usize| {
        (places[i].lat - places[j].lat).abs() <= SAME_METRO_PAIR_KM / 111.0
            && haversine_km(&places[i], &places[j]) <= SAME_METRO_PAIR_KM
    };
    let mut diffs: [[Vec<f64>; 3]; 3] = Default::default();
    for x in obs.iter().filter(|o| o.km < OFFSET_FIT_KM) {
        for y in obs.iter().filter(|y| y.provider != x.provider) {
            let same = (near(x.a, y.a) && near(x.b, y.b)) || (near(x.a, y.b) && near(x.b, y.a));
            if same {
                let adjusted = y.p50_ms + MARGINAL_INFLATION * (floor_ms(x.km) - floor_ms(y.km));
                diffs[x.provider][y.provider].push(x.p50_ms - adjusted);
            }
        }
    }
    let present: Vec<usize> = (0..3)
        .filter(|&p| obs.iter().any(|o| o.provider == p))
        .collect();
    crate::fit_math::centred_offsets(&diffs, &present)
}

/// `tail::fit_tail`: `p95 − p50 = a + b·p50` by least squares over Azure's links.
fn tail_fit(places: &[Place], index: &HashMap<(String, String), usize>) -> (f64, f64, usize) {
    let p95 = symmetric(AZURE_P95, places, index);
    let xs: Vec<(f64, f64)> = symmetric(AZURE_P50, places, index)
        .into_iter()
        .filter_map(|(k, (ms, _))| Some((f64::from(ms), f64::from(p95.get(&k)?.0 - ms))))
        .collect();
    let (intercept, slope) = crate::fit_math::line(&xs);
    (intercept, slope, xs.len())
}

/// The Rust source of `OUT_DIR/latency_fit.rs`.
pub fn source() -> String {
    println!("cargo:rerun-if-changed=build/latency_fit.rs");
    let (places, index) = read_places();
    assert!(
        places
            .iter()
            .all(|p| PROVIDERS.contains(&p.provider.as_str())),
        "data/regions.csv: unknown provider"
    );
    let obs = observations(&places, &index);
    let (c0, k) = distance_fit(&obs);
    let off = offsets(&obs, &places);
    let (intercept, slope, pairs) = tail_fit(&places, &index);
    let mut src = String::new();
    writeln!(src, "/// Training links of the fits below.").unwrap();
    writeln!(src, "pub const LINKS: usize = {};", obs.len()).unwrap();
    writeln!(
        src,
        "pub const DISTANCE_FIT: DistanceFit = DistanceFit {{ c0_ms: {c0:?}, k: {k:?} }};"
    )
    .unwrap();
    writeln!(
        src,
        "/// Per provider, in `Provider::ALL` order.\npub const OFFSETS: ProviderOffsets = ProviderOffsets::from_fit({off:?});"
    )
    .unwrap();
    writeln!(
        src,
        "pub const TAIL_FIT: TailFit = TailFit {{ intercept_ms: {intercept:?}, slope: {slope:?}, pairs: {pairs} }};"
    )
    .unwrap();
    src
}
