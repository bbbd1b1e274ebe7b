//! Generators and the check for the whole-path fuzzing (tests/fuzz_whole_path.rs): plans near
//! and past every limit, real link bodies and plan JSON with a few changes, and the path
//! itself (validate -> evaluate -> markdown) with a tally of how far each input got.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use base64::Engine as _;
use meridian::engine::evaluate;
use meridian::export::document;
use meridian::plan::{DataClass, PlaceRef, Plan, Preset, UserPopulation};
use meridian::share::encode_plan;
use proptest::prelude::*;

/// How far inputs got: opened as a plan (reached validate and evaluate), evaluated (valid,
/// a report and its markdown written).
#[derive(Default)]
pub struct Tally {
    pub inputs: AtomicU64,
    pub opened: AtomicU64,
    pub evaluated: AtomicU64,
}

impl Tally {
    pub fn input(&self) {
        self.inputs.fetch_add(1, Relaxed);
    }
    pub fn line(&self) -> String {
        let (i, o, e) = (
            self.inputs.load(Relaxed),
            self.opened.load(Relaxed),
            self.evaluated.load(Relaxed),
        );
        format!("{i} inputs, {o} opened as a plan and reached evaluate, {e} evaluated to a report and markdown")
    }
}

/// Numbers at and past the edges of the documented ranges.
pub fn edgy() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.0..1e4,
        1 => prop::sample::select(vec![
            0.0, -0.0, -1.0, 1.0, 0.5, 1e-300, 60.0, 86_400.0, 86_401.0, 3_600.0, 43_200.0,
            1e8, 1e8 + 1.0, 1e9, 1e15, 31_536_000.0, 60_000.0, 1e308, -1e308,
            f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE,
        ]),
    ]
}

prop_compose! {
    /// Plans with counts up to and just past every limit (24 regions, 12 populations,
    /// 16 classes), names at and past their lengths, and numbers from [`edgy`].
    pub fn plan()(
        regions in prop::collection::vec((-95.0..95.0f64, -185.0..185.0f64, any::<bool>()), 0..27),
        users in prop::collection::vec((-90.0..90.0f64, -180.0..180.0f64), 0..14),
        classes in prop::collection::vec((0..9usize, edgy(), edgy(), edgy(), edgy()), 0..18),
        ops in (edgy(), edgy(), 0u32..12),
        price in (edgy(), edgy()),
        name_len in prop::sample::select(vec![0usize, 5, 120, 121, 200, 201, 5000]),
    ) -> Plan {
        let mut p = Plan::example();
        p.name = "n".repeat(name_len);
        p.regions = regions.iter().enumerate().map(|(i, &(lat, lon, key))| {
            if key { PlaceRef::key(["aws:us-east-1", "gcp:europe-west1", "azure:westeurope", "aws:mars-1"][i % 4]) }
            else { PlaceRef::at(lat, lon) }
        }).collect();
        let n = users.len().max(1) as f64;
        p.users = users.iter().enumerate().map(|(i, &(lat, lon))| UserPopulation {
            name: format!("u{i}"), place: PlaceRef::at(lat, lon), share: 1.0 / n, access: Default::default(),
        }).collect();
        p.data_classes = classes.iter().enumerate().map(|(i, &(k, a, b, c, d))| {
            let mut x = DataClass::preset(Preset::ALL[k % Preset::ALL.len()]);
            x.name = format!("c{i}");
            (x.writes_per_s, x.record_bytes, x.data_gb) = (a, b, c);
            x.rpo_s = x.rpo_s.map(|_| d);
            x
        }).collect();
        (p.operations.dns_ttl_s, p.operations.cache_warmup_s, p.operations.health_check_failure_threshold) = ops;
        p.prices.vm_usd_per_month.insert("aws".into(), price.0);
        p.prices.transfer_usd_per_gb.insert("intercontinental".into(), price.1);
        p
    }
}

/// Validate, evaluate and export: no panic, and no NaN or infinity in what a user reads.
pub fn whole_path(p: &Plan, tally: &Tally) -> Result<(), TestCaseError> {
    tally.opened.fetch_add(1, Relaxed);
    if let Ok(report) = evaluate(p) {
        tally.evaluated.fetch_add(1, Relaxed);
        let md = document(p, &report, Some("https://x.test/"));
        let bad: Vec<&str> = md
            .lines()
            // The plan link's base64 may spell "NaN"; names cannot (see `name`).
            .filter(|l| !l.contains("#plan=") && (l.contains("NaN") || l.contains("inf ")))
            .collect();
        prop_assert!(
            bad.is_empty(),
            "NaN or an infinity in the markdown: {bad:#?}"
        );
    }
    Ok(())
}

/// The built-in example and every plan under examples/.
pub fn seed_plans() -> Vec<Plan> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut out = vec![Plan::example()];
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    files.sort_by_key(|f| f.path());
    for f in files {
        out.push(Plan::from_json(&std::fs::read_to_string(f.path()).unwrap()).unwrap());
    }
    out
}

/// The uncompressed link body of a plan (what the wire decoder reads).
pub fn body_of(p: &Plan) -> Vec<u8> {
    let link = encode_plan(p);
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&link[3..])
        .expect("our own link is base64");
    miniz_oxide::inflate::decompress_to_vec_zlib(&packed).expect("our own link inflates")
}

/// A current-format link around `body`.
pub fn link_of(body: &[u8]) -> String {
    format!(
        "#plan=v3.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(miniz_oxide::deflate::compress_to_vec_zlib(body, 1))
    )
}

/// A seed plan's body with 1-5 bytes changed, inserted or removed (so that changes reach the
/// wire decoder and the engine, where random text stops at base64 or the checksum).
pub fn mutated_body(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(seeds),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    )
        .prop_map(|(mut body, edits)| {
            for (at, byte, kind) in edits {
                if body.is_empty() {
                    break;
                }
                let i = at.index(body.len());
                match kind {
                    0 => body[i] = byte,
                    1 => body.insert(i, byte),
                    _ => {
                        body.remove(i);
                    }
                }
            }
            body
        })
}

/// A seed plan's JSON with one value replaced by another JSON value.
pub fn mutated_json(seeds: Vec<String>) -> impl Strategy<Value = String> {
    let with = prop_oneof![
        Just("null".to_string()),
        Just("-1".to_string()),
        Just("1e308".to_string()),
        Just("\"\"".to_string()),
        Just("[]".to_string()),
        Just("0".to_string()),
        Just("\"eu\"".to_string()),
        Just("\"aws:xx-1\"".to_string()),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        "\"[a-zA-Z|<>`=:]{0,8}\"",
    ];
    (
        prop::sample::select(seeds),
        any::<prop::sample::Index>(),
        with,
    )
        .prop_map(|(json, at, with)| {
            let colons: Vec<usize> = json.match_indices(':').map(|(i, _)| i).collect();
            let c = colons[at.index(colons.len())];
            let end = json[c..]
                .find([',', '}', '\n'])
                .map_or(json.len(), |e| c + e);
            format!("{}: {}{}", &json[..c], with, &json[end..])
        })
}

/// A number in `range_of(field)`: its bounds (or just inside an open one) or anywhere between.
fn in_range(field: &'static str) -> impl Strategy<Value = f64> {
    let r = meridian::plan::limits::range_of(field).expect("a documented range");
    let low = if r.min_open { r.max * 1e-9 } else { r.min };
    let max = r.max;
    prop_oneof![
        Just(low),
        Just(max),
        (low..=max).prop_map(move |v| if r.whole { v.round() } else { v })
    ]
}

/// A name of up to 120 characters, with the characters a table or a spreadsheet could
/// misread (`=`, `|`, U+202E, markup); without the letters of "NaN" and "inf", which the
/// check looks for.
fn name() -> impl Strategy<Value = String> {
    "[=+@|<>`*_b-hj-mo-zB-HJ-MO-Z\u{202e}\u{e9} -]{0,116}"
}

prop_compose! {
    /// A valid plan at or near every count limit, with numbers at the ends of their
    /// ranges and names at their longest: what the engine must evaluate without a panic
    /// or a NaN, in its slowest shape (24 regions, 16 classes, 12 populations).
    pub fn valid_plan()(
        regions in prop::sample::subsequence(
            (0..meridian::data::regions().len()).collect::<Vec<_>>(), 1..=24),
        customs in prop::collection::vec((-60.0..70.0f64, -180.0..180.0f64, any::<bool>()), 24),
        users in prop::collection::vec((-60.0..70.0f64, -180.0..180.0f64, name()), 1..=12),
        classes in prop::collection::vec((0..9usize, in_range("writes_per_s"), in_range("reads_per_s"),
            in_range("record_bytes"), in_range("data_gb"), in_range("rpo_s"), in_range("write_p99_budget_ms"),
            name()), 1..=16),
        ops in (in_range("dns_ttl_s"), in_range("cache_warmup_s"), in_range("health_check_failure_threshold")),
        price in (in_range("vm_usd_per_month"), in_range("transfer_usd_per_gb")),
    ) -> Plan {
        let mut p = Plan::example();
        p.name = "P".repeat(200);
        let all = meridian::data::regions();
        p.regions = regions.iter().zip(&customs).enumerate().map(|(i, (&k, &(lat, lon, custom)))| {
            let r = &all[k];
            if custom { PlaceRef::custom(&format!("site {i}"), lat, lon, "") }
            else { PlaceRef::key(&format!("{}:{}", r.provider.slug(), r.code)) }
        }).collect();
        let n = users.len() as f64;
        p.users = users.into_iter().enumerate().map(|(i, (lat, lon, name))| UserPopulation {
            name: format!("{name}{i}"), place: PlaceRef::at(lat, lon), share: 1.0 / n, access: Default::default(),
        }).collect();
        p.data_classes = classes.into_iter().enumerate().map(|(i, (k, w, r, b, g, rpo, budget, name))| {
            let mut x = DataClass::preset(Preset::ALL[k % Preset::ALL.len()]);
            x.name = format!("{name}{i}");
            (x.writes_per_s, x.reads_per_s, x.record_bytes, x.data_gb) = (w, r, b, g);
            x.rpo_s = x.rpo_s.map(|_| rpo);
            x.write_p99_budget_ms = x.write_p99_budget_ms.map(|_| budget);
            x
        }).collect();
        (p.operations.dns_ttl_s, p.operations.cache_warmup_s) = (ops.0, ops.1);
        p.operations.health_check_failure_threshold = ops.2 as u32;
        p.prices.vm_usd_per_month.insert("aws".into(), price.0);
        p.prices.transfer_usd_per_gb.insert("intercontinental".into(), price.1);
        p
    }
}
