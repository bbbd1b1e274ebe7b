//! `meridian technologies [--provider P]`: the technology catalog with its sources.

use std::ffi::OsString;
use std::fmt::Write as _;

use crate::catalog::{catalog, Host};
use crate::present::posture_name;
use crate::present::technology::{figure_duration, figure_ms, host};

const USAGE: &str = "usage: meridian technologies [--provider aws|gcp|azure|self-managed]";

pub fn run(args: Vec<OsString>) -> i32 {
    let parse = |v: &str| match v {
        "aws" => Some(Host::Aws),
        "gcp" => Some(Host::Gcp),
        "azure" => Some(Host::Azure),
        "self-managed" => Some(Host::SelfManaged),
        _ => None,
    };
    let only = match super::provider_option("technologies", USAGE, args, parse) {
        Ok(h) => h,
        Err(code) => return code,
    };
    let cat = match catalog() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("meridian technologies: {e}");
            return 1;
        }
    };
    let mut out = String::new();
    let mut n = 0;
    for s in cat
        .services
        .iter()
        .filter(|s| only.is_none_or(|h| s.host == h))
    {
        n += 1;
        let _ = writeln!(out, "{} [{}] ({})", s.name, s.id, host(s.host));
        let postures: Vec<String> = s
            .postures
            .iter()
            .map(|p| posture_name(*p).to_string())
            .collect();
        let _ = writeln!(out, "  postures:    {}", postures.join("; "));
        let _ = writeln!(out, "  consistency: {}", s.consistency);
        let _ = writeln!(
            out,
            "  conflicts:   {}",
            crate::present::technology::conflict_rule(s.conflict)
        );
        let _ = writeln!(
            out,
            "  promotion:   {} {}",
            figure_duration(&s.promotion),
            s.promotion.note
        );
        let _ = writeln!(out, "  lag:         {} {}", figure_ms(&s.lag), s.lag.note);
        for src in &s.sources {
            let _ = writeln!(
                out,
                "  source:      {} (read {}): {}",
                src.url, src.read, src.facts
            );
        }
    }
    let _ = writeln!(
        out,
        "{n} services (data/technologies.json, read {}; see docs/technologies.md)",
        cat.read
    );
    super::emit("technologies", &out)
}
