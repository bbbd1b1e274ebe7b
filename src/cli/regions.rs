//! `meridian regions [--provider P]`: the region catalog as a table.

use std::ffi::OsString;
use std::fmt::Write as _;

use crate::data::{regions, Provider};

const USAGE: &str = "usage: meridian regions [--provider aws|gcp|azure]";

pub fn run(args: Vec<OsString>) -> i32 {
    let provider = match super::provider_option("regions", USAGE, args, Provider::from_slug) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<32} {:<38} {:<18} {:<5} {:>9} {:>10}",
        "place", "name", "city", "juris", "lat", "lon"
    );
    let mut n = 0;
    for r in regions()
        .iter()
        .filter(|r| provider.is_none_or(|p| r.provider == p))
    {
        n += 1;
        let _ = writeln!(
            out,
            "{:<32} {:<38} {:<18} {:<5} {:>9.4} {:>10.4}",
            r.key(),
            r.name,
            r.city,
            r.jurisdiction,
            r.lat,
            r.lon
        );
    }
    let _ = writeln!(out, "{n} regions (data/regions.csv; see data/SOURCES.md)");
    super::emit("regions", &out)
}
