//! Arbitrary text as a link: decoding must never panic, and whatever opens must re-encode
//! to a link that opens to the same plan.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meridian::share::{decode_plan, decode_plan_unvalidated, encode_plan};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = decode_plan(&text);
    if let Ok(plan) = decode_plan_unvalidated(&text) {
        let again = decode_plan_unvalidated(&encode_plan(&plan)).expect("re-encoded link opens");
        // NaN != NaN: compare the debug form, which prints every field.
        assert_eq!(format!("{plan:?}"), format!("{again:?}"));
    }
});
