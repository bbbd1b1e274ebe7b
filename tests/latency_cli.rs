//! The `meridian` binary's latency commands: answers for measured, modeled, cross-provider and
//! coordinate places; exit code 2 with close matches for an unknown place.

// Native only: reads data files / runs the binary / uses proptest, none of which exist in wasm.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn meridian(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_meridian"))
        .args(args)
        .output()
        .expect("run meridian");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn rtt_measured_pair_names_dataset_and_date() {
    let (code, out, _) = meridian(&["rtt", "azure:westeurope", "azure:eastus"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("measured: Azure network round-trip latency statistics"),
        "{out}"
    );
    assert!(out.contains("2026-07-30"), "{out}");
    assert!(out.contains("p99"), "{out}");
}

#[test]
fn rtt_cross_provider_and_coordinates_are_modeled_with_expected_error() {
    for (a, b) in [
        ("aws:us-east-1", "gcp:europe-west1"),
        ("48.85,2.35", "aws:eu-west-1"),
    ] {
        let (code, out, err) = meridian(&["rtt", a, b]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("modeled:"), "{out}");
        assert!(out.contains("expected error"), "{out}");
    }
}

#[test]
fn rtt_unknown_place_exits_2_with_close_matches() {
    let (code, out, err) = meridian(&["rtt", "aws:eu-west-9", "gcp:europe-west1"]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("did you mean aws:eu-west-1, aws:eu-west-2, aws:eu-west-3?"),
        "{err}"
    );
}

#[test]
fn rtt_needs_two_places() {
    let (code, _, err) = meridian(&["rtt", "aws:us-east-1"]);
    assert_eq!(code, 2);
    assert!(err.contains("expected two places"), "{err}");
}

#[test]
fn regions_lists_the_catalog_and_filters_by_provider() {
    let (code, out, _) = meridian(&["regions"]);
    assert_eq!(code, 0);
    assert!(out.contains("135 regions"), "{out}");
    let (code, out, _) = meridian(&["regions", "--provider", "gcp"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("gcp:europe-west1") && !out.contains("aws:us-east-1"),
        "{out}"
    );
    let (code, _, err) = meridian(&["regions", "--provider", "oci"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown provider"), "{err}");
}

#[test]
fn model_eval_prints_the_table() {
    let (code, out, _) = meridian(&["model-eval"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("| predictor |"), "{out}");
    assert!(
        out.contains("| neighbour model (shipped) | all (2707) |"),
        "{out}"
    );
}

/// docs/latency-model.md must carry the table `model-eval` prints today, so the published
/// error figures cannot drift from the code.
#[test]
fn docs_carry_the_current_model_eval_table() {
    let (_, out, _) = meridian(&["model-eval"]);
    let docs = std::fs::read_to_string("docs/latency-model.md").unwrap();
    assert!(
        docs.contains(out.trim()),
        "regenerate the table in docs/latency-model.md with `meridian model-eval`"
    );
}

#[test]
fn rtt_accepts_southern_and_western_coordinates() {
    let (code, out, err) = meridian(&["rtt", "-33.87,151.21", "-23.55,-46.63"]);
    assert_eq!(code, 0, "{err}");
    // Coordinates are labelled by the nearest catalog city (src/geo).
    assert!(out.starts_with("Sydney, AU <-> Sao Paulo, BR"), "{out}");
    let (code, _, err) = meridian(&["rtt", "-x", "aws:us-east-1"]);
    assert_eq!(code, 2);
    assert!(err.contains("unexpected"), "{err}");
}
