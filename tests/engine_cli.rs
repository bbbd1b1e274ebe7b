//! The CLI front door: `meridian example` round-trips through `meridian report`; bad input
//! exits 2 with a message that names the field and the allowed values.

use std::io::Write;
use std::process::{Command, Output};

fn meridian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meridian"))
        .args(args)
        .output()
        .unwrap()
}

fn temp_plan(name: &str, body: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("meridian-engine-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    path
}

#[test]
fn example_output_is_a_plan_the_report_accepts() {
    let ex = meridian(&["example"]);
    assert!(ex.status.success());
    let path = temp_plan("example.json", &String::from_utf8(ex.stdout).unwrap());
    let out = meridian(&["report", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["classes"].as_array().unwrap().len(), 4);
}

#[test]
fn invalid_plan_names_the_field_and_exits_2() {
    let mut plan = meridian::plan::Plan::example();
    plan.data_classes[1].rto_s = Some(-5.0);
    let path = temp_plan("bad.json", &plan.to_json_pretty());
    let out = meridian(&["report", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "data_classes[1].rto_s: -5 is out of range; allowed: a number from 0 to 31536000, or null"
        ),
        "{err}"
    );
}

#[test]
fn bad_enum_value_lists_the_allowed_values_and_exits_2() {
    let json = Command::new(env!("CARGO_BIN_EXE_meridian"))
        .arg("example")
        .output()
        .unwrap()
        .stdout;
    let text = String::from_utf8(json)
        .unwrap()
        .replacen("\"linearizable\"", "\"strong\"", 1);
    let path = temp_plan("enum.json", &text);
    let out = meridian(&["report", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("data_classes[0].consistency"), "{err}");
    assert!(
        err.contains("unknown variant `strong`, expected one of `linearizable`, `read-your-writes`, `causal`, `eventual`"),
        "{err}"
    );
}

#[test]
fn bad_format_exits_2() {
    let out = meridian(&["report", "x.json", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("allowed: json, markdown"));
}
