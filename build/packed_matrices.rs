//! The RTT matrices as the browser downloads them (issue 16): per matrix, the catalog indices
//! of its regions and, for every pair `i < j` of them, the `i → j` figure in whole units of the
//! CSV's own precision (`u16`) and the `j → i` figure as a wrapping difference from it (`i16`:
//! the directions mostly agree, so the column is small numbers that compress well). No float
//! is stored: `src/data/matrices/packed.rs` rebuilds every link's mean and distance at start,
//! bit for bit what the `*_SYM` tables hold (tests/packed_matrices.rs compares them).
//!
//! The unit is the finest decimal the file uses (1, 0.1 or 0.01 ms), so every figure is an
//! exact integer of units and `units / per_ms` is the same `f64` as parsing the CSV text
//! (division is correctly rounded); this module asserts it for every row.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

/// "Not measured" in either direction column.
const NONE: u16 = u16::MAX;

/// `pub static <ident>_PACKED: PackedMatrix = ...;` for one matrix file.
pub fn source(
    ident: &str,
    path: &str,
    provider: &str,
    index: &HashMap<(String, String), u16>,
) -> String {
    println!("cargo:rerun-if-changed=build/packed_matrices.rs");
    let mut rdr = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut texts: Vec<(u16, u16, String)> = Vec::new();
    for rec in rdr.records() {
        let rec = rec.unwrap_or_else(|e| panic!("{path}: {e}"));
        let idx = |code: &str| {
            index
                .get(&(provider.to_string(), code.to_string()))
                .copied()
        };
        if let (Some(from), Some(to)) = (idx(&rec[1]), idx(&rec[2])) {
            if from != to {
                texts.push((from, to, rec[3].to_string()));
            }
        }
    }
    let decimals = texts
        .iter()
        .map(|(_, _, t)| t.split_once('.').map_or(0, |(_, f)| f.len()))
        .max()
        .unwrap_or(0);
    assert!(
        decimals <= 2,
        "{path}: {decimals} decimals; the packing keeps at most 2"
    );
    let per_ms = 10u32.pow(decimals as u32);
    let mut units: BTreeMap<(u16, u16), u16> = BTreeMap::new();
    for (from, to, text) in &texts {
        let ms: f64 = text
            .parse()
            .unwrap_or_else(|e| panic!("{path}: {text:?}: {e}"));
        let u = (ms * f64::from(per_ms)).round();
        assert!(
            u >= 0.0 && u < f64::from(NONE) && u / f64::from(per_ms) == ms,
            "{path}: {text} ms is not a whole number of 1/{per_ms} ms below {}",
            NONE
        );
        let earlier = units.insert((*from, *to), u as u16);
        assert!(earlier.is_none(), "{path}: {from} -> {to} twice");
    }
    let regions: BTreeSet<u16> = units.keys().flat_map(|&(a, b)| [a, b]).collect();
    let regions: Vec<u16> = regions.into_iter().collect();
    let (mut there, mut back) = (Vec::new(), Vec::new());
    for (i, &a) in regions.iter().enumerate() {
        for &b in &regions[i + 1..] {
            let ab = units.get(&(a, b)).copied().unwrap_or(NONE);
            let ba = units.get(&(b, a)).copied().unwrap_or(NONE);
            there.push(ab);
            back.push(ba.wrapping_sub(ab) as i16);
        }
    }
    let list = |v: &[String]| v.join(",");
    let mut src = String::new();
    writeln!(
        src,
        "pub static {ident}_PACKED: PackedMatrix = PackedMatrix {{ per_ms: {per_ms}.0, regions: &[{}], there: &[{}], back_minus_there: &[{}] }};",
        list(&regions.iter().map(u16::to_string).collect::<Vec<_>>()),
        list(&there.iter().map(u16::to_string).collect::<Vec<_>>()),
        list(&back.iter().map(i16::to_string).collect::<Vec<_>>()),
    )
    .unwrap();
    src
}
