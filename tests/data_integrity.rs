//! Integrity of the reference data as embedded by build.rs: the catalog's coordinates, the
//! matrices against the fibre floor and against each other, and which regions each matrix
//! lacks. The expected lists are explicit so a data change fails here until it is reviewed.

// Native only: reads data files / runs the binary / uses proptest, none of which exist in wasm.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use meridian::data::matrices::{
    missing_regions, region_index, Dataset, DatasetId, AWS_MEAN, AWS_P50, AZURE_P50, AZURE_P95,
    DATASETS, GCP_P50,
};
use meridian::data::{find_region, regions, Provider};
use meridian::geo::fibre_floor_rtt_ms;

/// Measured figures allowed below the fibre floor, each with the reason. Empty today: every
/// published figure is at or above 2 × great-circle / 200 km/ms with the catalog's
/// coordinates. Add (dataset, from, to, reason) here rather than loosening the test.
const BELOW_FLOOR_ALLOWED: &[(DatasetId, &str, &str, &str)] = &[];

#[test]
fn coordinates_are_in_range_and_not_null_island() {
    assert_eq!(regions().len(), 135, "data/regions.csv has 135 regions");
    for r in regions() {
        assert!((-90.0..=90.0).contains(&r.lat), "{} lat {}", r.key(), r.lat);
        assert!(
            (-180.0..=180.0).contains(&r.lon),
            "{} lon {}",
            r.key(),
            r.lon
        );
        assert!(r.lat != 0.0 || r.lon != 0.0, "{} at (0, 0)", r.key());
        assert!(
            !r.jurisdiction.is_empty(),
            "{} has no jurisdiction",
            r.key()
        );
    }
}

#[test]
fn region_keys_are_unique() {
    let keys: BTreeSet<String> = regions().iter().map(|r| r.key()).collect();
    assert_eq!(keys.len(), regions().len());
}

#[test]
fn no_measured_rtt_below_the_fibre_floor_unless_allowed() {
    let regs = regions();
    let mut offenders = Vec::new();
    for ds in DATASETS {
        for row in ds.raw() {
            let (a, b) = (&regs[usize::from(row.from)], &regs[usize::from(row.to)]);
            let floor = fibre_floor_rtt_ms(a.location(), b.location());
            let allowed = BELOW_FLOOR_ALLOWED
                .iter()
                .any(|x| x.0 == ds.id && x.1 == a.code && x.2 == b.code);
            if f64::from(row.ms) < floor && !allowed {
                offenders.push(format!(
                    "{:?} {} -> {}: {} < {floor:.1}",
                    ds.id, a.code, b.code, row.ms
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "below the fibre floor: {offenders:#?}"
    );
}

#[test]
fn matrix_regions_missing_from_the_catalog_are_exactly_the_restricted_gcp_ones() {
    let missing: BTreeSet<(Provider, &str)> = missing_regions()
        .iter()
        .map(|m| (m.provider, m.code))
        .collect();
    let expected: BTreeSet<(Provider, &str)> =
        ["europe-west5", "us-central2", "us-east7", "us-west8"]
            .into_iter()
            .map(|c| (Provider::Gcp, c))
            .collect();
    assert_eq!(missing, expected);
    for m in missing_regions() {
        assert!(
            find_region(m.provider, m.code).is_none(),
            "{m:?} is in the catalog"
        );
    }
}

/// Catalog regions their provider's matrix does not measure (newer regions; the model covers
/// them). Listed so the README and docs can say which links are modeled.
#[test]
fn catalog_regions_without_measurements_are_the_known_ones() {
    let expected: &[(Provider, &[&str])] = &[
        (Provider::Aws, &["cn-north-1", "cn-northwest-1"]),
        (
            Provider::Gcp,
            &["asia-southeast3", "europe-north2", "northamerica-south1"],
        ),
        (
            Provider::Azure,
            &[
                "brazilsoutheast",
                "chilecentral",
                "jioindiacentral",
                "westindia",
            ],
        ),
    ];
    for (prov, codes) in expected {
        let sets: &[&Dataset] = match prov {
            Provider::Aws => &[&AWS_P50, &AWS_MEAN],
            Provider::Gcp => &[&GCP_P50],
            Provider::Azure => &[&AZURE_P50],
        };
        let measured: BTreeSet<u16> = sets
            .iter()
            .flat_map(|ds| ds.links().iter().flat_map(|l| [l.a, l.b]))
            .collect();
        let unmeasured: Vec<&str> = regions()
            .iter()
            .filter(|r| r.provider == *prov)
            .filter(|r| !measured.contains(&(region_index(r).unwrap() as u16)))
            .map(|r| r.code)
            .collect();
        let mut want = codes.to_vec();
        want.sort();
        let mut got = unmeasured.clone();
        got.sort();
        assert_eq!(got, want, "{prov:?}");
    }
}

#[test]
fn matrices_only_link_regions_of_their_own_provider() {
    let regs = regions();
    for ds in DATASETS {
        for l in ds.links() {
            assert!(l.a < l.b);
            assert_eq!(regs[usize::from(l.a)].provider, ds.provider, "{:?}", ds.id);
            assert_eq!(regs[usize::from(l.b)].provider, ds.provider, "{:?}", ds.id);
        }
    }
}

#[test]
fn azure_p95_is_never_below_p50() {
    for row in AZURE_P50.raw() {
        let q = AZURE_P95
            .raw()
            .iter()
            .find(|q| q.from == row.from && q.to == row.to)
            .expect("every P50 row has a P95 row");
        assert!(q.ms >= row.ms, "{row:?} vs {q:?}");
    }
    assert_eq!(AZURE_P50.raw().len(), AZURE_P95.raw().len());
}

/// Row counts match the CSV files (read directly, independent of build.rs), minus the rows
/// of regions the catalog lacks.
#[test]
fn embedded_rows_match_the_csv_files() {
    for ds in DATASETS {
        let text = std::fs::read_to_string(ds.file).unwrap();
        let rows = text
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .filter(|l| {
                let f: Vec<&str> = l.split(',').collect();
                !missing_regions()
                    .iter()
                    .any(|m| m.code == f[1] || m.code == f[2])
            })
            .count();
        assert_eq!(rows, ds.raw().len(), "{}", ds.file);
    }
}

#[test]
fn symmetrised_links_are_the_mean_of_both_directions() {
    let raw = GCP_P50.raw();
    for l in GCP_P50.links().iter().take(200) {
        let ab = raw
            .iter()
            .find(|r| r.from == l.a && r.to == l.b)
            .unwrap()
            .ms;
        let ba = raw
            .iter()
            .find(|r| r.from == l.b && r.to == l.a)
            .unwrap()
            .ms;
        assert_eq!(l.directions, 2);
        assert!((l.ms - (ab + ba) / 2.0).abs() < 1e-4, "{l:?} {ab} {ba}");
    }
}

#[test]
fn asymmetry_is_small_for_most_links() {
    // The rule averages directions; that is only sound if they mostly agree. Today at most
    // ~5 % of rows (Azure P95, short links) differ by more than 10 % from the reverse row.
    for ds in DATASETS {
        let raw = ds.raw();
        let mut big = 0;
        for r in raw {
            if let Some(back) = raw.iter().find(|x| x.from == r.to && x.to == r.from) {
                let rel = (r.ms - back.ms).abs() / r.ms.max(back.ms).max(1.0);
                if rel > 0.1 {
                    big += 1;
                }
            }
        }
        assert!(
            big * 10 < raw.len(),
            "{:?}: {big} of {} rows differ >10 % by direction",
            ds.id,
            raw.len()
        );
    }
}

/// The provider-wide price rules coded in src/data/prices.rs must match data/egress_prices.csv
/// (provider, a phrase of the scope, the value the code uses).
#[test]
fn price_rules_in_code_match_egress_prices_csv() {
    let rules: &[(&str, &str, &str)] = &[
        ("aws", "us-east-1 <-> us-east-2", "0.01"),
        ("aws", "from US/CA/EU regions to any AWS region", "0.02"),
        (
            "aws",
            "from APAC/SA/ME/AF regions to any AWS region",
            "0.08-0.147",
        ),
        ("aws", "from US/CA/EU regions, first paid tier", "0.09"),
        ("aws", "from other regions, first paid tier", "0.1093-0.154"),
        ("gcp", "same region, different zone", "0.01"),
        ("gcp", "within North America", "0.01"),
        ("gcp", "within Europe", "0.02"),
        ("gcp", "within Asia", "0.05"),
        ("gcp", "within South America / within Australia", "0.08"),
        ("gcp", "any other pair", "0.08"),
        ("gcp", "pairs involving Oceania or Jakarta", "0.15"),
        ("gcp", "0-1 TiB, most source regions", "0.12"),
        ("azure", "within North America or within Europe", "0.02"),
        (
            "azure",
            "within Asia, Oceania, Middle East or Africa",
            "0.08",
        ),
        ("azure", "within South America", "0.181"),
        ("azure", "from North America or Europe", "0.05"),
        ("azure", "from Asia, Oceania, Middle East, Africa", "0.08"),
        ("azure", "from South America", "0.16"),
        (
            "azure",
            "from North America / Europe (first paid tier)",
            "0.0875",
        ),
        ("azure", "from Asia, Oceania, Middle East, Africa", "0.12"),
        ("azure", "from South America", "0.181"),
    ];
    let text = std::fs::read_to_string("data/egress_prices.csv").unwrap();
    for (prov, scope, value) in rules {
        let found = text.lines().any(|l| {
            l.starts_with(&format!("{prov},"))
                && l.contains(scope)
                && l.contains(&format!(",{value},"))
        });
        assert!(
            found,
            "no row {prov} / {scope} / {value} in data/egress_prices.csv"
        );
    }
}

#[test]
fn link_distances_from_build_rs_match_geo() {
    let regs = regions();
    for ds in DATASETS {
        for l in ds.links() {
            let km = meridian::geo::great_circle_km(
                regs[usize::from(l.a)].location(),
                regs[usize::from(l.b)].location(),
            );
            assert!(
                (f64::from(l.km) - km).abs() <= 1e-3 * km.max(1.0),
                "{l:?} vs {km}"
            );
        }
    }
}

/// Regions placed at a data-centre metro (coord_derived = metro) carry exactly the point of
/// data/region_metro_coords.csv, so regions of one metro are a few km apart.
#[test]
fn metro_coordinates_match_their_source_and_put_one_metro_together() {
    let text = std::fs::read_to_string("data/region_metro_coords.csv").unwrap();
    let mut n = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let prov = Provider::from_slug(f[0]).unwrap();
        let r = find_region(prov, f[1]).unwrap();
        assert_eq!(
            (r.lat, r.lon),
            (f[2].parse().unwrap(), f[3].parse().unwrap())
        );
        assert_eq!(r.coord_derived, "metro", "{}", r.key());
        n += 1;
    }
    assert_eq!(n, 9);
    let metro = regions()
        .iter()
        .filter(|r| r.coord_derived == "metro")
        .count();
    assert_eq!(metro, n);
    for (a, b, max_km) in [
        (
            (Provider::Aws, "us-east-1"),
            (Provider::Gcp, "us-east4"),
            10.0,
        ),
        (
            (Provider::Aws, "us-east-2"),
            (Provider::Gcp, "us-east5"),
            25.0,
        ),
        (
            (Provider::Aws, "eu-west-1"),
            (Provider::Azure, "northeurope"),
            5.0,
        ),
        (
            (Provider::Aws, "us-east-1"),
            (Provider::Azure, "eastus"),
            1.0,
        ),
        (
            (Provider::Aws, "mx-central-1"),
            (Provider::Azure, "mexicocentral"),
            5.0,
        ),
        (
            (Provider::Azure, "francecentral"),
            (Provider::Gcp, "europe-west9"),
            5.0,
        ),
    ] {
        let (ra, rb) = (
            find_region(a.0, a.1).unwrap(),
            find_region(b.0, b.1).unwrap(),
        );
        let km = meridian::geo::great_circle_km(ra.location(), rb.location());
        assert!(km < max_km, "{} {} {km}", ra.key(), rb.key());
    }
}

/// The 2025 AWS matrix covers every pair of the 2020 one, so it supersedes it entirely for
/// the catalog; the 2020 file stays for provenance and for pairs 2025 might lack.
#[test]
fn aws_2025_covers_every_2020_pair() {
    for l in AWS_MEAN.links() {
        assert!(
            AWS_P50.lookup(l.a.into(), l.b.into()).is_some(),
            "{l:?} only in 2020"
        );
    }
}
