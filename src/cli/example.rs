//! `meridian example`: prints the built-in example plan as pretty JSON, a starting point
//! for `meridian report`.

use std::ffi::OsString;

use crate::plan::Plan;

pub fn run(args: Vec<OsString>) -> i32 {
    if let Some(a) = args.first() {
        eprintln!(
            "meridian example: unexpected argument {:?}\nusage: meridian example > plan.json",
            a.to_string_lossy()
        );
        return 2;
    }
    println!("{}", Plan::example().to_json_pretty());
    0
}
