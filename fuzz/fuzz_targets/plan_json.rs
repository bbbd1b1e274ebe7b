//! Arbitrary text as plan JSON (what the CLI and the upload read): parsing and validation
//! must never panic; a valid plan must survive a link round trip, and the engine and the
//! markdown export must never panic on it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meridian::plan::{validate, Plan};
use meridian::share::{decode_plan, encode_plan};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(plan) = Plan::from_json(text) {
        if validate(&plan).is_ok() {
            assert_eq!(decode_plan(&encode_plan(&plan)).as_ref(), Ok(&plan));
            let report = meridian::engine::evaluate(&plan).expect("a valid plan evaluates");
            let _ = meridian::engine::report::to_markdown(&plan, &report);
        }
    }
});
