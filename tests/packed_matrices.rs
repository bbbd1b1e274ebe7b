//! The packed RTT tables (build/packed_matrices.rs, issue 16) lose nothing: every figure a
//! CSV shows comes back with the same digits, and the links the app decodes equal, bit for
//! bit, the `f32` links build.rs computes from the same files (so no shown figure moves).

// Native only: reads the CSV files.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/packed_links.rs"]
mod support_packed_links;

use std::collections::BTreeMap;

use meridian::data::matrices::{region_index, DATASETS};
use meridian::data::{find_region, Provider};

/// The CSV's text of a figure with trailing zeros of a decimal dropped ("4.50" -> "4.5").
fn shown(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

#[test]
fn every_csv_figure_round_trips_with_its_shown_digits() {
    for ds in DATASETS {
        let packed: BTreeMap<(u16, u16), f64> = ds
            .packed()
            .directed()
            .map(|(a, b, ms)| ((a, b), ms))
            .collect();
        let text = std::fs::read_to_string(ds.file).unwrap();
        let mut checked = 0;
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let f: Vec<&str> = line.split(',').collect();
            let provider = Provider::from_slug(f[0]).unwrap();
            let idx = |code| find_region(provider, code).and_then(region_index);
            let (Some(a), Some(b)) = (idx(f[1]), idx(f[2])) else {
                continue; // a region the catalog lacks (tests/data_integrity.rs lists them)
            };
            if a == b {
                continue; // same-region rows are not links
            }
            let ms = packed[&(a as u16, b as u16)];
            assert_eq!(format!("{ms}"), shown(f[3]), "{}: {line}", ds.file);
            assert_eq!(ms, f[3].parse::<f64>().unwrap(), "{}: {line}", ds.file);
            checked += 1;
        }
        assert_eq!(
            checked,
            packed.len(),
            "{}: every packed figure is a CSV row",
            ds.file
        );
    }
}

#[test]
fn decoded_links_equal_the_f32_tables_bit_for_bit() {
    support_packed_links::assert_decoded_links_equal_build_time_tables();
}
