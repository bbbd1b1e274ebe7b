//! Parses the reference CSVs under `data/` at build time into static Rust tables, so the
//! browser parses nothing to load the catalog or the RTT matrices: they are already in the
//! binary as plain data (the matrices as integers in each file's unit, decoded into links on
//! first use; build/packed_matrices.rs).
//!
//! Generated into `OUT_DIR`:
//! * `regions_table.rs`: `REGIONS`, one row per catalog region that has coordinates.
//! * `matrices_table.rs`: per matrix, the raw directed rows (`*_RAW`), the symmetrised pairs
//!   (`*_SYM`, see [`symmetrise`] for the rule) and `MATRIX_MISSING`, the matrix regions the
//!   catalog does not have (reported, never silently dropped). The app reads neither row
//!   table: it decodes `*_PACKED` (build/packed_matrices.rs), the same links in fewer bytes.
//! * `prices_table.rs`: per-region prices from `egress_prices_by_region.csv` and
//!   `vm_price_gcp_n2-standard-4.csv` (the provider-wide rules live in `src/data/prices.rs`).
//! * `cost_tables.rs`: the reference VM of each provider per region (`vm_price_*.csv`) and
//!   block storage per region (`block_storage_prices.csv`), see [`cost_source`].
//! * `carbon_tables.rs`: Google's CFE % and grid intensity per GCP region and the grid
//!   intensity per country (`carbon_*.csv`), see [`carbon_source`].
//! * `technologies_table.rs`: the technology catalog, `data/technologies.json`, as static
//!   data (build/technologies_table.rs).
//! * `countries_index.rs`: where each arc and country starts in `assets/countries-50m.bin`
//!   and each country's box, so a lookup decodes only the countries near the point
//!   (build/countries_index.rs).

use std::collections::{BTreeMap, HashMap};
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/geo/countries/asset.rs"]
mod countries_asset;
#[path = "build/countries_index.rs"]
mod countries_index;
#[path = "src/latency/fit_math.rs"]
mod fit_math;
#[path = "build/latency_fit.rs"]
mod latency_fit;
#[path = "build/packed_matrices.rs"]
mod packed_matrices;
#[path = "build/technologies_table.rs"]
mod technologies_table;

#[derive(serde::Deserialize)]
struct RegionRow {
    provider: String,
    code: String,
    name: String,
    city: String,
    country: String,
    continent: String,
    jurisdiction: String,
    geo_group: String,
    lat: Option<f64>,
    lon: Option<f64>,
    coord_derived: String,
}

/// One RTT matrix file: the Rust name of its tables and the CSV it comes from.
struct MatrixFile {
    ident: &'static str,
    provider: &'static str,
    path: &'static str,
}

const MATRICES: &[MatrixFile] = &[
    MatrixFile {
        ident: "AZURE_P50",
        provider: "azure",
        path: "data/latency_azure_msdocs_p50_2026-07-30.csv",
    },
    MatrixFile {
        ident: "AZURE_P95",
        provider: "azure",
        path: "data/latency_azure_msdocs_p95_2026-07-30.csv",
    },
    MatrixFile {
        ident: "GCP_P50",
        provider: "gcp",
        path: "data/latency_gcp_perfdashboard_p50_2023-11-27.csv",
    },
    MatrixFile {
        ident: "AWS_P50",
        provider: "aws",
        path: "data/latency_aws_cloudping_p50_1y_2025-05.csv",
    },
    MatrixFile {
        ident: "AWS_MEAN",
        provider: "aws",
        path: "data/latency_aws_cloudping_mean_2020-04.csv",
    },
];

fn provider_variant(slug: &str) -> &'static str {
    match slug {
        "aws" => "Provider::Aws",
        "gcp" => "Provider::Gcp",
        "azure" => "Provider::Azure",
        other => panic!("data/regions.csv: unknown provider {other:?}"),
    }
}

/// Reads the catalog, keeping only regions with coordinates (restricted regions without
/// published coordinates are left out; the integrity tests report them as missing).
fn read_regions() -> Vec<RegionRow> {
    let mut rdr = csv::Reader::from_path("data/regions.csv").expect("data/regions.csv");
    rdr.deserialize::<RegionRow>()
        .map(|row| row.expect("data/regions.csv row"))
        .filter(|r| r.lat.is_some() && r.lon.is_some())
        .collect()
}

fn regions_source(regions: &[RegionRow]) -> String {
    let mut src = String::from("pub static REGIONS: &[Region] = &[\n");
    for r in regions {
        let (lat, lon) = (r.lat.unwrap(), r.lon.unwrap());
        writeln!(
            src,
            "    Region {{ provider: {}, code: {:?}, name: {:?}, city: {:?}, country: {:?}, continent: {:?}, jurisdiction: {:?}, geo_group: {:?}, lat: {lat:?}, lon: {lon:?}, coord_derived: {:?} }},",
            provider_variant(&r.provider), r.code, r.name, r.city, r.country, r.continent,
            r.jurisdiction, r.geo_group, r.coord_derived
        )
        .unwrap();
    }
    src.push_str("];\n");
    src
}

/// Directed rows of one matrix as (from index, to index, ms), plus the codes that are not
/// in the catalog. (Most figures are whole ms; GCP gives a decimal below 10 ms.)
fn read_matrix(
    m: &MatrixFile,
    index: &HashMap<(String, String), u16>,
) -> (Vec<(u16, u16, f32)>, Vec<String>) {
    let mut rdr = csv::Reader::from_path(m.path).unwrap_or_else(|e| panic!("{}: {e}", m.path));
    let mut rows = Vec::new();
    let mut missing = Vec::new();
    for rec in rdr.records() {
        let rec = rec.unwrap_or_else(|e| panic!("{}: {e}", m.path));
        assert_eq!(&rec[0], m.provider, "{}: provider column", m.path);
        let ms: f64 = rec[3]
            .parse()
            .unwrap_or_else(|e| panic!("{}: {:?}: {e}", m.path, &rec[3]));
        assert!(
            ms.is_finite() && ms >= 0.0,
            "{}: RTT {ms} is not a duration",
            m.path
        );
        let mut idx = |code: &str| match index.get(&(m.provider.to_string(), code.to_string())) {
            Some(&i) => Some(i),
            None => {
                if !missing.iter().any(|c: &String| c == code) {
                    missing.push(code.to_string());
                }
                None
            }
        };
        let (from, to) = (idx(&rec[1]), idx(&rec[2]));
        if let (Some(from), Some(to)) = (from, to) {
            rows.push((from, to, ms as f32));
        }
    }
    missing.sort();
    (rows, missing)
}

/// The asymmetry rule: a link's figure is the mean of both directions when both are
/// measured, else the one direction that is. Returns (lo, hi, ms, directions) sorted by
/// (lo, hi) with lo < hi, so the run-time lookup is a binary search.
fn symmetrise(rows: &[(u16, u16, f32)]) -> Vec<(u16, u16, f32, u8)> {
    let mut acc: BTreeMap<(u16, u16), (f64, u8)> = BTreeMap::new();
    for &(a, b, ms) in rows {
        if a == b {
            continue;
        }
        let e = acc.entry((a.min(b), a.max(b))).or_insert((0.0, 0));
        e.0 += f64::from(ms);
        e.1 += 1;
    }
    acc.into_iter()
        .map(|((a, b), (sum, n))| (a, b, (sum / f64::from(n)) as f32, n))
        .collect()
}

/// Great-circle km between two catalog rows: the haversine of `src/geo.rs` (same radius),
/// so the model needs no trigonometry at start-up for the measured links.
fn great_circle_km(a: &RegionRow, b: &RegionRow) -> f64 {
    let (p1, p2) = (a.lat.unwrap().to_radians(), b.lat.unwrap().to_radians());
    let dl = (b.lon.unwrap() - a.lon.unwrap()).to_radians();
    let h = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

fn matrices_source(regions: &[RegionRow]) -> String {
    let index: HashMap<(String, String), u16> = regions
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.provider.clone(), r.code.clone()), i as u16))
        .collect();
    let mut src = String::new();
    let mut missing_all = Vec::new();
    for m in MATRICES {
        let (rows, missing) = read_matrix(m, &index);
        writeln!(src, "pub static {}_RAW: &[RawRtt] = &[", m.ident).unwrap();
        for (a, b, ms) in &rows {
            writeln!(src, "RawRtt{{from:{a},to:{b},ms:{ms:?}}},").unwrap();
        }
        src.push_str("];\n");
        writeln!(src, "pub static {}_SYM: &[SymRtt] = &[", m.ident).unwrap();
        for (a, b, ms, n) in symmetrise(&rows) {
            let km = great_circle_km(&regions[usize::from(a)], &regions[usize::from(b)]) as f32;
            writeln!(
                src,
                "SymRtt{{a:{a},b:{b},ms:{ms:?},directions:{n},km:{km:?}}},"
            )
            .unwrap();
        }
        src.push_str("];\n");
        src.push_str(&packed_matrices::source(
            m.ident, m.path, m.provider, &index,
        ));
        for code in missing {
            missing_all.push((m.path, m.provider, code));
        }
    }
    src.push_str("pub static MATRIX_MISSING: &[MissingRegion] = &[\n");
    for (path, provider, code) in missing_all {
        writeln!(
            src,
            "MissingRegion{{file:{path:?},provider:{},code:{code:?}}},",
            provider_variant(provider)
        )
        .unwrap();
    }
    src.push_str("];\n");
    src
}

#[derive(serde::Deserialize)]
struct EgressRow {
    provider: String,
    src_region: String,
    category: String,
    usd: f64,
    unit: String,
}

#[derive(serde::Deserialize)]
struct VmRow {
    region: String,
    usd_per_hour_ondemand: f64,
    usd_per_month_ondemand: f64,
}

/// `EGRESS_BY_REGION` (provider, source region, internet or inter-region, price, unit) and
/// `GCP_VM_N2_STANDARD_4` (region, $/hour, $/month on demand).
fn prices_source() -> String {
    let mut src = String::from("pub static EGRESS_BY_REGION: &[RegionEgress] = &[\n");
    let path = "data/egress_prices_by_region.csv";
    let mut rdr = csv::Reader::from_path(path).expect(path);
    for row in rdr.deserialize::<EgressRow>() {
        let r = row.expect(path);
        let kind = if r.category.starts_with("internet egress") {
            "EgressKind::Internet"
        } else if r.category.starts_with("inter-region") {
            "EgressKind::InterRegion"
        } else {
            panic!("{path}: unknown category {:?}", r.category)
        };
        writeln!(
            src,
            "RegionEgress{{provider:{},region:{:?},kind:{kind},category:{:?},usd:{:?},unit:{:?}}},",
            provider_variant(&r.provider),
            r.src_region,
            r.category,
            r.usd,
            r.unit
        )
        .unwrap();
    }
    src.push_str("];\npub static GCP_VM_N2_STANDARD_4: &[RegionVm] = &[\n");
    let path = "data/vm_price_gcp_n2-standard-4.csv";
    let mut rdr = csv::Reader::from_path(path).expect(path);
    for row in rdr.deserialize::<VmRow>() {
        let r = row.expect(path);
        writeln!(
            src,
            "RegionVm{{region:{:?},usd_per_hour:{:?},usd_per_month:{:?}}},",
            r.region, r.usd_per_hour_ondemand, r.usd_per_month_ondemand
        )
        .unwrap();
    }
    src.push_str("];\n");
    src
}

/// One provider's reference-VM price file (all share provider, region, usd_per_hour,
/// source_date, instance_type columns, except GCP's, which has its own layout).
const VM_FILES: &[&str] = &[
    "data/vm_price_aws_m6i.xlarge.csv",
    "data/vm_price_azure_D4s_v5.csv",
];

#[derive(serde::Deserialize)]
struct VmPriceRow {
    provider: String,
    region: String,
    usd_per_hour: f64,
    source_date: String,
    instance_type: String,
}

#[derive(serde::Deserialize)]
struct StorageRow {
    provider: String,
    region_or_config: String,
    item: String,
    unit: String,
    usd: f64,
    source_date: String,
}

fn positive(path: &str, what: &str, v: f64) -> f64 {
    assert!(
        v.is_finite() && v > 0.0,
        "{path}: {what} {v} is not a price"
    );
    v
}

/// `VM_PRICES` (provider, region, instance, $/hour, as-of, file) from every VM price file,
/// and `BLOCK_STORAGE` (provider, region, item, $/unit, unit, as-of) for the block-storage
/// class each provider's database disks use (EBS gp3, pd-balanced).
fn cost_source() -> String {
    let mut src = String::from("pub static VM_PRICES: &[VmPrice] = &[\n");
    for path in VM_FILES {
        let mut rdr = csv::Reader::from_path(path).expect(path);
        for row in rdr.deserialize::<VmPriceRow>() {
            let r = row.expect(path);
            writeln!(
                src,
                "VmPrice{{provider:{},region:{:?},instance:{:?},usd_per_hour:{:?},as_of:{:?},file:{:?}}},",
                provider_variant(&r.provider), r.region, r.instance_type,
                positive(path, "usd_per_hour", r.usd_per_hour), r.source_date, path
            )
            .unwrap();
        }
    }
    let path = "data/vm_price_gcp_n2-standard-4.csv";
    let mut rdr = csv::Reader::from_path(path).expect(path);
    for row in rdr.deserialize::<VmRow>() {
        let r = row.expect(path);
        writeln!(
            src,
            "VmPrice{{provider:Provider::Gcp,region:{:?},instance:\"n2-standard-4\",usd_per_hour:{:?},as_of:\"2026-07-30\",file:{path:?}}},",
            r.region, positive(path, "usd_per_hour", r.usd_per_hour_ondemand)
        )
        .unwrap();
    }
    src.push_str("];\npub static BLOCK_STORAGE: &[BlockStorage] = &[\n");
    let path = "data/block_storage_prices.csv";
    let mut rdr = csv::Reader::from_path(path).expect(path);
    for row in rdr.deserialize::<StorageRow>() {
        let r = row.expect(path);
        writeln!(
            src,
            "BlockStorage{{provider:{},region:{:?},item:{:?},usd:{:?},unit:{:?},as_of:{:?}}},",
            provider_variant(&r.provider),
            r.region_or_config,
            r.item,
            positive(path, "usd", r.usd),
            r.unit,
            r.source_date
        )
        .unwrap();
    }
    src.push_str("];\n");
    src
}

#[derive(serde::Deserialize)]
struct GcpCarbonRow {
    region: String,
    year: u16,
    cfe_pct: f64,
    grid_gco2_per_kwh: f64,
}

#[derive(serde::Deserialize)]
struct GridRow {
    iso2: String,
    year: u16,
    gco2_per_kwh: f64,
    country: String,
}

/// `GCP_CARBON` (region, year, CFE %, grid g/kWh) and `COUNTRY_GRID` (ISO code, country
/// name as in regions.csv, year, g/kWh).
fn carbon_source() -> String {
    let mut src = String::from("pub static GCP_CARBON: &[GcpCarbon] = &[\n");
    let path = "data/carbon_gcp_region.csv";
    let mut rdr = csv::Reader::from_path(path).expect(path);
    for row in rdr.deserialize::<GcpCarbonRow>() {
        let r = row.expect(path);
        assert!(
            (0.0..=100.0).contains(&r.cfe_pct),
            "{path}: CFE {}",
            r.cfe_pct
        );
        writeln!(
            src,
            "GcpCarbon{{region:{:?},year:{},cfe_pct:{:?},grid_g_per_kwh:{:?}}},",
            r.region,
            r.year,
            r.cfe_pct,
            positive(path, "grid", r.grid_gco2_per_kwh)
        )
        .unwrap();
    }
    src.push_str("];\npub static COUNTRY_GRID: &[CountryGrid] = &[\n");
    let path = "data/carbon_grid_by_country.csv";
    let mut rdr = csv::Reader::from_path(path).expect(path);
    for row in rdr.deserialize::<GridRow>() {
        let r = row.expect(path);
        writeln!(
            src,
            "CountryGrid{{iso2:{:?},country:{:?},year:{},g_per_kwh:{:?}}},",
            r.iso2,
            r.country,
            r.year,
            positive(path, "grid", r.gco2_per_kwh)
        )
        .unwrap();
    }
    src.push_str("];\n");
    src
}

fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=build.rs");
    let out_dir = env::var("OUT_DIR").unwrap();
    let out = Path::new(&out_dir);
    let regions = read_regions();
    assert!(
        regions.len() < usize::from(u16::MAX),
        "region index must fit u16"
    );
    fs::write(out.join("regions_table.rs"), regions_source(&regions)).unwrap();
    fs::write(out.join("matrices_table.rs"), matrices_source(&regions)).unwrap();
    fs::write(out.join("prices_table.rs"), prices_source()).unwrap();
    fs::write(out.join("cost_tables.rs"), cost_source()).unwrap();
    fs::write(out.join("carbon_tables.rs"), carbon_source()).unwrap();
    fs::write(out.join("latency_fit.rs"), latency_fit::source()).unwrap();
    fs::write(out.join("countries_index.rs"), countries_index::source()).unwrap();
    fs::write(
        out.join("technologies_table.rs"),
        technologies_table::source(),
    )
    .unwrap();
}
