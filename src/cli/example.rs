//! `meridian example [--large]`: prints the built-in example plan (or the 20-region
//! benchmark plan) as pretty JSON, a starting point for `meridian report`.

use std::ffi::OsString;

use crate::plan::Plan;

pub fn run(args: Vec<OsString>) -> i32 {
    let plan = match args.first().map(|a| a.to_string_lossy()) {
        None => Plan::example(),
        Some(a) if a == "--large" && args.len() == 1 => Plan::large_benchmark(),
        Some(a) => {
            eprintln!(
                "meridian example: unexpected argument {a:?}\nusage: meridian example [--large] > plan.json"
            );
            return 2;
        }
    };
    super::emit("example", &format!("{}\n", plan.to_json_pretty()))
}
