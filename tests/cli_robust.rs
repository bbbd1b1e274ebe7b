//! Issue 15's command-line reproductions: a closed pipe, a full disk, endless input, a BOM,
//! prices and sizes past their limits, and thousands of regions. Each exits with a code and
//! a message, never a panic or an abort.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn meridian() -> Command {
    Command::new(env!("CARGO_BIN_EXE_meridian"))
}

fn run(args: &[&str]) -> Output {
    meridian().args(args).output().unwrap()
}

fn temp_plan(name: &str, body: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("meridian-cli-robust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(body)
        .unwrap();
    path.to_string_lossy().into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `meridian example | head -1`: the reader is gone before the output is written.
#[test]
fn a_closed_pipe_ends_quietly() {
    let plan = temp_plan(
        "pipe.json",
        Plan::large_benchmark().to_json_pretty().as_bytes(),
    );
    for args in [
        vec!["example", "--large"],
        vec!["report", plan.as_str()],
        vec!["regions"],
    ] {
        let mut child = meridian()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // close the read end at once
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

#[test]
fn a_full_disk_is_a_message_and_exit_1() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = meridian().args(["example"]).stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "meridian example: cannot write the output: No space left on device (os error 28)\n"
    );
}

#[test]
fn endless_input_is_refused_at_the_upload_limit() {
    let out = run(&["report", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "meridian report: cannot read /dev/zero: the file is larger than 1024 KiB, the most a \
         plan file may be\n"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut body = "\u{feff}".as_bytes().to_vec();
    body.extend(Plan::example().to_json_pretty().bytes());
    let path = temp_plan("bom.json", &body);
    let out = run(&["report", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        meridian::export::plan_from_upload(std::str::from_utf8(&body).unwrap()),
        Ok(Plan::example())
    );
}

use meridian::plan::{PlaceRef, Plan};

/// A negative price override and `record_bytes: 1e308` printed `$NaN/month` and exited 0.
#[test]
fn prices_and_sizes_past_their_limits_exit_2_and_print_no_nan() {
    let mut p = Plan::example();
    p.prices.vm_usd_per_month.insert("aws".into(), -40.0);
    p.data_classes[0].record_bytes = 1e308;
    let path = temp_plan("prices.json", p.to_json_pretty().as_bytes());
    for format in ["json", "markdown"] {
        let out = run(&["report", &path, "--format", format]);
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        assert_eq!(
            stderr(&out),
            format!(
                "meridian report: {path}: invalid plan:\n  \
                 data_classes[0].record_bytes: 1e308 is out of range; allowed: a number from 1 to 100000000\n  \
                 prices.vm_usd_per_month[\"aws\"]: -40 is out of range; allowed: a number from 0 to 1000000\n"
            )
        );
    }
}

/// 1,000 regions took 80 s; 6,000 overflowed the engine's matrix.
#[test]
fn thousands_of_regions_are_refused_at_once() {
    for n in [1000, 6000] {
        let mut p = Plan::example();
        p.regions = (0..n)
            .map(|i| PlaceRef::at(-60.0 + (i % 120) as f64, -179.0 + (i / 120) as f64 * 0.5))
            .collect();
        let path = temp_plan(&format!("regions-{n}.json"), p.to_json_pretty().as_bytes());
        let out = run(&["report", &path]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            format!("meridian report: {path}: invalid plan:\n  regions: {n} entries; allowed: at most 24\n")
        );
    }
}
