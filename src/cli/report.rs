//! `meridian report PLAN.json [--format json|markdown]`: evaluates a plan and prints the
//! report. Exit codes: 0 success, 2 bad input (usage, unreadable file, invalid JSON or plan),
//! with messages that name the field and the allowed values.

use std::ffi::OsString;

use std::io::Read;

use crate::engine::evaluate;
use crate::export::{strip_bom, MAX_UPLOAD_BYTES};
use crate::plan::Plan;

const USAGE: &str = "usage: meridian report PLAN.json [--format json|markdown]";

#[derive(Clone, Copy, PartialEq, Debug)]
enum Format {
    Json,
    Markdown,
}

fn parse_args(args: Vec<OsString>) -> Result<(String, Format), String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut path = None;
    let mut format = Format::Json;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("format") | Short('f') => {
                let v = parser.value().map_err(|e| e.to_string())?;
                format = match v.to_string_lossy().as_ref() {
                    "json" => Format::Json,
                    "markdown" | "md" => Format::Markdown,
                    other => {
                        return Err(format!(
                            "--format: {other:?} is not a format; allowed: json, markdown"
                        ))
                    }
                };
            }
            Value(v) if path.is_none() => path = Some(v.to_string_lossy().into_owned()),
            Value(v) => return Err(format!("unexpected argument {:?}", v.to_string_lossy())),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let path = path.ok_or_else(|| "missing PLAN.json".to_string())?;
    Ok((path, format))
}

pub fn run(args: Vec<OsString>) -> i32 {
    let (path, format) = match parse_args(args) {
        Ok(x) => x,
        Err(m) => {
            eprintln!("meridian report: {m}\n{USAGE}");
            return 2;
        }
    };
    let src = match read_capped(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("meridian report: cannot read {path}: {e}");
            return 2;
        }
    };
    let plan = match Plan::from_json(strip_bom(&src)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("meridian report: {path}: invalid plan JSON: {e}");
            return 2;
        }
    };
    let report = match evaluate(&plan) {
        Ok(r) => r,
        Err(errs) => {
            eprintln!("meridian report: {path}: invalid plan:");
            for e in &errs.0 {
                eprintln!("  {e}");
            }
            return 2;
        }
    };
    let out = match format {
        Format::Json => format!("{}\n", crate::export::report_json(&report)),
        Format::Markdown => crate::export::document(&plan, &report, None),
    };
    super::emit("report", &out)
}

/// The file as text, refusing more than a plan file may hold (the browser's upload limit)
/// before reading it all: `report /dev/zero` ends at once instead of filling memory.
fn read_capped(path: &str) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_UPLOAD_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(format!(
            "the file is larger than {} KiB, the most a plan file may be",
            MAX_UPLOAD_BYTES / 1024
        ));
    }
    String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())
}
