//! Hostile input in the normal suite: arbitrary text into the link decoder, arbitrary
//! bodies behind a well-formed link envelope, mutated real links, and arbitrary JSON into
//! `Plan::from_json` + `validate`. Nothing may panic; whatever opens must re-encode to the
//! same plan. 2,000 cases per property by default; `SHARE_FUZZ_CASES=200000` for a longer
//! run (the cargo-fuzz targets in `fuzz/` go further).

use base64::Engine as _;
use meridian::plan::{validate, Plan};
use meridian::share::{decode_plan, decode_plan_unvalidated, encode_plan, LinkError};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("SHARE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn pack(body: &[u8]) -> String {
    format!(
        "v1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(miniz_oxide::deflate::compress_to_vec_zlib(body, 1))
    )
}

fn example_body() -> Vec<u8> {
    let link = encode_plan(&Plan::example());
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(&link[3..])
        .expect("our own link is base64");
    miniz_oxide::inflate::decompress_to_vec_zlib(&packed).expect("our own link inflates")
}

/// Whatever a link opens to must encode to a link that opens to the same plan.
fn check_stable(link: &str) -> Result<(), TestCaseError> {
    let _ = decode_plan(link);
    if let Ok(plan) = decode_plan_unvalidated(link) {
        let again = decode_plan_unvalidated(&encode_plan(&plan));
        prop_assert!(again.is_ok(), "{again:?}");
        prop_assert_eq!(format!("{plan:?}"), format!("{:?}", again.unwrap()));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics_the_decoder(s in any::<String>()) {
        check_stable(&s)?;
        check_stable(&format!("#plan=v1.{s}"))?;
    }

    #[test]
    fn arbitrary_base64_never_panics_the_decoder(s in "[A-Za-z0-9_-]{0,200}") {
        let e = decode_plan(&format!("v1.{s}"));
        prop_assert!(e.is_err());
    }

    #[test]
    fn arbitrary_bodies_behind_a_valid_envelope_never_panic(body in prop::collection::vec(any::<u8>(), 0..600)) {
        check_stable(&pack(&body))?;
    }

    /// Real bodies with a few bytes changed, inserted or cut: reaches deep into the wire
    /// decoder (hostile lengths, enum codes, numbers) where random bytes stop early.
    #[test]
    fn mutated_bodies_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut body = example_body();
        for (at, byte, kind) in edits {
            let i = at.index(body.len());
            match kind {
                0 => body[i] = byte,
                1 => body.insert(i, byte),
                _ => { body.remove(i); }
            }
            if body.is_empty() { break; }
        }
        if let Some(c) = cut {
            body.truncate(c.index(body.len() + 1));
        }
        check_stable(&pack(&body))?;
    }

    #[test]
    fn mutated_links_never_panic(at in any::<prop::sample::Index>(), ch in any::<char>()) {
        let link = encode_plan(&Plan::example());
        let mut chars: Vec<char> = link.chars().collect();
        let i = at.index(chars.len());
        chars[i] = ch;
        let s: String = chars.into_iter().collect();
        check_stable(&s)?;
    }

    #[test]
    fn arbitrary_json_never_panics_parse_or_validate(s in any::<String>()) {
        if let Ok(p) = Plan::from_json(&s) {
            let _ = validate(&p);
        }
    }

    /// The example's JSON with one token replaced by another JSON value: the parser and
    /// the validator see near-valid plans with wrong types, huge numbers, negative counts.
    #[test]
    fn mutated_plan_json_never_panics_and_valid_results_share(
        at in any::<prop::sample::Index>(),
        with in prop_oneof![
            Just("null".to_string()), Just("-1".to_string()), Just("1e308".to_string()),
            Just("\"\"".to_string()), Just("[]".to_string()), Just("{}".to_string()),
            Just("0".to_string()), Just("\"aws:xx-1\"".to_string()),
            any::<f64>().prop_map(|f| format!("{f:?}")),
            "\"[a-z|<>`]{0,8}\"",
        ],
    ) {
        let json = serde_json::to_string(&Plan::example()).expect("example serialises");
        // Replace the value after the chosen ':' (up to the next ',' or '}').
        let colons: Vec<usize> = json.match_indices(':').map(|(i, _)| i).collect();
        let c = colons[at.index(colons.len())];
        let end = json[c..].find([',', '}']).map_or(json.len(), |e| c + e);
        let mutated = format!("{}:{}{}", &json[..c], with, &json[end..]);
        if let Ok(p) = Plan::from_json(&mutated) {
            if validate(&p).is_ok() {
                prop_assert_eq!(decode_plan(&encode_plan(&p)), Ok(p));
            }
        }
    }
}

/// The structural limits hold for inputs the generators above are unlikely to hit.
#[test]
fn hostile_lengths_in_the_body_are_refused_without_allocating() {
    // version 1, then a name claiming u64::MAX bytes.
    let mut body = vec![1u8];
    body.extend([0xff; 9]);
    body.push(0x01);
    let e = decode_plan(&pack(&body)).unwrap_err();
    assert!(
        matches!(e, LinkError::Malformed(_) | LinkError::Truncated),
        "{e:?}"
    );
    // version 1, empty name, 2^32 regions.
    let e = decode_plan(&pack(&[1, 0, 0x80, 0x80, 0x80, 0x80, 0x10])).unwrap_err();
    assert!(
        matches!(e, LinkError::Malformed(_) | LinkError::Truncated),
        "{e:?}"
    );
}
