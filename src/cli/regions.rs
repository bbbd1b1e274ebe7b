//! `meridian regions [--provider P]`: the region catalog as a table.

use std::ffi::OsString;
use std::fmt::Write as _;

use crate::data::{regions, Provider};

const USAGE: &str = "usage: meridian regions [--provider aws|gcp|azure]";

pub fn run(args: Vec<OsString>) -> i32 {
    let mut provider: Option<Provider> = None;
    let mut parser = lexopt::Parser::from_args(args);
    loop {
        let arg = match parser.next() {
            Ok(None) => break,
            Ok(Some(a)) => a,
            Err(e) => {
                eprintln!("meridian regions: {e}\n{USAGE}");
                return 2;
            }
        };
        match arg {
            lexopt::Arg::Long("provider") | lexopt::Arg::Short('p') => {
                let v = match parser.value() {
                    Ok(v) => v.to_string_lossy().to_ascii_lowercase(),
                    Err(e) => {
                        eprintln!("meridian regions: {e}\n{USAGE}");
                        return 2;
                    }
                };
                match Provider::from_slug(&v) {
                    Some(p) => provider = Some(p),
                    None => {
                        eprintln!("meridian regions: unknown provider {v:?}\n{USAGE}");
                        return 2;
                    }
                }
            }
            other => {
                eprintln!(
                    "meridian regions: unexpected {}\n{USAGE}",
                    other.unexpected()
                );
                return 2;
            }
        }
    }
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
