//! Arbitrary bytes as the unpacked body of a well-formed v1 link (valid base64, zlib and
//! checksum), so the fuzzer reaches the wire decoder and the validator instead of stopping
//! at the checksum.
#![no_main]

use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use meridian::share::{decode_plan, decode_plan_unvalidated, encode_plan};

fuzz_target!(|data: &[u8]| {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(data, 1);
    let link = format!(
        "v1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    );
    let _ = decode_plan(&link);
    if let Ok(plan) = decode_plan_unvalidated(&link) {
        let again = decode_plan_unvalidated(&encode_plan(&plan)).expect("re-encoded link opens");
        assert_eq!(format!("{plan:?}"), format!("{again:?}"));
    }
});
