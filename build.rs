//! Parses the reference CSVs under `data/` at build time into static Rust tables, so the
//! browser pays nothing to load the catalog: it is already in the binary as plain data.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

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

fn provider_variant(slug: &str) -> &'static str {
    match slug {
        "aws" => "Provider::Aws",
        "gcp" => "Provider::Gcp",
        "azure" => "Provider::Azure",
        other => panic!("data/regions.csv: unknown provider {other:?}"),
    }
}

fn main() {
    println!("cargo:rerun-if-changed=data");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("regions_table.rs");
    let mut rdr = csv::Reader::from_path("data/regions.csv").expect("data/regions.csv");
    let mut src = String::from("pub static REGIONS: &[Region] = &[\n");
    for row in rdr.deserialize::<RegionRow>() {
        let r = row.expect("data/regions.csv row");
        // Restricted regions without published coordinates are left out of the catalog
        // (the integrity tests report them as missing from the matrices' point of view).
        let (Some(lat), Some(lon)) = (r.lat, r.lon) else {
            continue;
        };
        writeln!(
            src,
            "    Region {{ provider: {}, code: {:?}, name: {:?}, city: {:?}, country: {:?}, continent: {:?}, jurisdiction: {:?}, geo_group: {:?}, lat: {lat:?}, lon: {lon:?}, coord_derived: {:?} }},",
            provider_variant(&r.provider), r.code, r.name, r.city, r.country, r.continent,
            r.jurisdiction, r.geo_group, r.coord_derived
        )
        .unwrap();
    }
    src.push_str("];\n");
    fs::write(out, src).unwrap();
}
