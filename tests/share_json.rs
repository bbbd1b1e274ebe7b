//! JSON download/upload: the plan file the app downloads is the file the CLI reads, an
//! uploaded file is size-capped, parsed with field paths and validated, and the report JSON
//! is the CLI's `--format json`.

use meridian::engine::evaluate;
use meridian::export::{plan_from_upload, plan_json, report_json, UploadError, MAX_UPLOAD_BYTES};
use meridian::plan::Plan;

#[test]
fn a_downloaded_plan_uploads_back_to_the_same_plan() {
    let plan = Plan::example();
    assert_eq!(plan_from_upload(&plan_json(&plan)), Ok(plan));
}

#[test]
fn every_example_file_uploads() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let plan = plan_from_upload(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(plan_from_upload(&plan_json(&plan)), Ok(plan));
    }
}

#[test]
fn upload_errors_are_sentences_with_the_field() {
    let bad = plan_json(&Plan::example()).replacen("\"linearizable\"", "\"strong\"", 1);
    let e = plan_from_upload(&bad).unwrap_err();
    assert!(matches!(e, UploadError::Parse(_)));
    assert!(
        e.to_string().starts_with(
            "The file is not a Meridian plan: data_classes[0].consistency: unknown variant `strong`"
        ),
        "{e}"
    );

    let mut p = Plan::example();
    p.users[0].share = 0.2;
    assert_eq!(
        plan_from_upload(&plan_json(&p)).unwrap_err().to_string(),
        "The plan in the file is not valid: users[*].share: shares add up to 0.700; allowed: a total of 1 (within 0.01)"
    );

    let huge = " ".repeat(MAX_UPLOAD_BYTES + 1);
    assert_eq!(
        plan_from_upload(&huge).unwrap_err().to_string(),
        "The file is 1025 KiB; a plan file is at most 1024 KiB."
    );
    assert!(matches!(
        plan_from_upload("not json").unwrap_err(),
        UploadError::Parse(_)
    ));
}

#[test]
fn report_json_is_the_report() {
    let plan = Plan::example();
    let report = evaluate(&plan).unwrap();
    let json = report_json(&report);
    // Byte for byte what `meridian report --format json` prints.
    assert_eq!(json, serde_json::to_string_pretty(&report).unwrap());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["classes"].as_array().unwrap().len(), 4);
    assert_eq!(v["classes"][0]["name"], "ledger");
    assert!(v["price_sources"].as_array().unwrap().len() > 1);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Any finite number in a plan survives download and upload bit for bit (serde_json's
    /// `float_roundtrip`; without it about 30 % of arbitrary f64s came back one ulp off).
    #[test]
    fn numbers_survive_a_json_round_trip(
        bits in proptest::prelude::any::<u64>(),
        lat in -90.0f64..90.0,
    ) {
        let v = f64::from_bits(bits);
        proptest::prop_assume!(v.is_finite());
        let mut plan = Plan::example();
        plan.data_classes[0].writes_per_s = v;
        plan.data_classes[1].rpo_s = Some(v);
        if let meridian::plan::PlaceRef::Custom(c) = &mut plan.users[0].place {
            c.lat = lat;
        }
        let back = Plan::from_json(&plan_json(&plan)).unwrap();
        proptest::prop_assert_eq!(back.data_classes[0].writes_per_s.to_bits(), v.to_bits());
        proptest::prop_assert_eq!(back, plan);
    }
}
