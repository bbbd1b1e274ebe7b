//! `meridian technologies [--provider P]`: the catalog with its sources; bad input exits 2.

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
fn technologies_lists_every_service_with_sources_and_dates() {
    let (code, out, err) = meridian(&["technologies"]);
    assert_eq!(code, 0, "{err}");
    for name in [
        "Aurora Global Database",
        "Spanner, multi-region",
        "Cosmos DB",
        "CockroachDB",
    ] {
        assert!(out.contains(name), "{name} missing:\n{out}");
    }
    assert!(out.contains("source:      https://"), "{out}");
    assert!(out.contains("(read 2026-11-29)"), "{out}");
    assert!(
        out.contains("promotion:   unknown"),
        "unknown figures are said: {out}"
    );
    assert!(out.contains("21 services (data/technologies.json"), "{out}");
}

#[test]
fn technologies_filters_by_provider() {
    let (code, out, _) = meridian(&["technologies", "--provider", "gcp"]);
    assert_eq!(code, 0);
    assert!(out.contains("(Google Cloud)"), "{out}");
    assert!(!out.contains("(AWS)") && !out.contains("(Azure)"), "{out}");
    let (code, out, _) = meridian(&["technologies", "-p", "self-managed"]);
    assert_eq!(code, 0);
    assert!(out.contains("PostgreSQL with Patroni"), "{out}");
    assert!(!out.contains("Aurora"), "{out}");
}

#[test]
fn technologies_rejects_an_unknown_provider_with_exit_2() {
    let (code, out, err) = meridian(&["technologies", "--provider", "oracle"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("unknown provider \"oracle\""), "{err}");
    assert!(err.contains("usage: meridian technologies"), "{err}");
}
