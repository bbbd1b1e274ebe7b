//! The whole path under hostile input (issue 15): link text -> decode -> validate ->
//! evaluate -> markdown, and plan JSON -> the same, with plans near and past every limit
//! (counts, name lengths, numbers at their edges, NaN, infinities, 1e308, negative prices).
//! Nothing may panic, and no evaluated plan may print NaN or an infinity. 500 cases per
//! property by default; `WHOLE_PATH_CASES=100000` for a longer run. The fuzzing record is
//! the ignored `record` test, run in release mode (docs/share-link.md has the command).

#[path = "support/whole_path.rs"]
mod support;

use std::time::Instant;

use meridian::export::plan_from_file;
use meridian::plan::Plan;
use meridian::share::{decode_plan_unvalidated, encode_plan};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use support::{
    body_of, link_of, mutated_body, mutated_json, plan, seed_plans, valid_plan, whole_path, Tally,
};

fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("WHOLE_PATH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn through_link(p: &Plan, t: &Tally) -> Result<(), TestCaseError> {
    let opened = decode_plan_unvalidated(&format!("#plan={}", encode_plan(p)));
    prop_assert!(opened.is_ok(), "{opened:?}");
    whole_path(&opened.unwrap(), t)
}

fn through_json(p: &Plan, t: &Tally) -> Result<(), TestCaseError> {
    // JSON has no NaN: serde writes null, which the reader refuses with a message.
    match plan_from_file(&format!("\u{feff}{}", p.to_json_pretty())) {
        Ok(opened) => whole_path(&opened, t),
        Err(_) => Ok(()),
    }
}

fn link_text(s: &str, t: &Tally) -> Result<(), TestCaseError> {
    for text in [
        s.to_string(),
        format!("#plan=v3.{s}"),
        format!("#plan=v1.{s}"),
    ] {
        if let Ok(p) = decode_plan_unvalidated(&text) {
            whole_path(&p, t)?;
        }
    }
    Ok(())
}

fn json_text(s: &str, t: &Tally) -> Result<(), TestCaseError> {
    match plan_from_file(s) {
        Ok(p) => whole_path(&p, t),
        Err(_) => Ok(()),
    }
}

fn link_body(b: &[u8], t: &Tally) -> Result<(), TestCaseError> {
    match decode_plan_unvalidated(&link_of(b)) {
        Ok(p) => whole_path(&p, t),
        Err(_) => Ok(()),
    }
}

const LINK_TEXT: &str = ".{0,400}";
const JSON_TEXT: &str = "[{}\\[\\]\",:0-9a-z_ .e-]{0,300}";

fn seed_bodies() -> Vec<Vec<u8>> {
    seed_plans().iter().map(body_of).collect()
}
fn seed_json() -> Vec<String> {
    seed_plans().iter().map(Plan::to_json_pretty).collect()
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn plans_near_the_limits_through_a_link(p in plan()) {
        through_link(&p, &Tally::default())?;
    }

    #[test]
    fn plans_near_the_limits_through_json(p in plan()) {
        through_json(&p, &Tally::default())?;
    }

    #[test]
    fn arbitrary_link_text_through_the_whole_path(s in LINK_TEXT) {
        link_text(&s, &Tally::default())?;
    }

    #[test]
    fn arbitrary_json_through_the_whole_path(s in JSON_TEXT) {
        json_text(&s, &Tally::default())?;
    }

    #[test]
    fn mutated_link_bodies_through_the_whole_path(b in mutated_body(seed_bodies())) {
        link_body(&b, &Tally::default())?;
    }

    #[test]
    fn mutated_plan_json_through_the_whole_path(s in mutated_json(seed_json())) {
        json_text(&s, &Tally::default())?;
    }
}

proptest! {
    // The slowest shape the limits allow (up to 0.3 s each natively in release): few cases
    // in the normal suite; the record runs thousands.
    #![proptest_config(config(12))]

    #[test]
    fn valid_plans_at_the_limits_evaluate_without_nan(p in valid_plan()) {
        let t = Tally::default();
        through_link(&p, &t)?;
        prop_assert_eq!(t.evaluated.load(std::sync::atomic::Ordering::Relaxed), 1, "{:?}", meridian::plan::validate(&p));
    }
}

/// Runs `count` inputs of one target and prints how far they got and the time taken.
fn record<S: Strategy>(
    name: &str,
    count: u32,
    strategy: S,
    check: impl Fn(&S::Value, &Tally) -> Result<(), TestCaseError>,
) {
    let tally = Tally::default();
    let start = Instant::now();
    let mut runner = TestRunner::new(ProptestConfig {
        cases: count,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let result = runner.run(&strategy, |v| {
        tally.input();
        check(&v, &tally)
    });
    println!(
        "{name}: {} in {:.0} s: {:?}",
        tally.line(),
        start.elapsed().as_secs_f64(),
        result.as_ref().map(|_| "0 failures")
    );
    assert!(result.is_ok(), "{name} failed");
}

/// Random text for the bulk of the record: each character from `alphabet`, one in eight any
/// Unicode scalar. The regex strategies above cost ~100 µs an input (mostly generation);
/// this costs ~2, so the millions of inputs that stop at decode are cheap.
fn quick_text(rng: &mut impl Rng, alphabet: &[char], max: u32) -> String {
    let n = rng.next_u32() % (max + 1);
    (0..n)
        .map(|_| {
            let r = rng.next_u32();
            match r % 8 {
                0 => char::from_u32((r >> 3) % 0x11_0000).unwrap_or('\u{fffd}'),
                _ => alphabet[(r >> 3) as usize % alphabet.len()],
            }
        })
        .collect()
}

/// Runs `count` inputs of [`quick_text`] through `check`; a panic names its input.
fn record_quick(
    name: &str,
    count: u32,
    alphabet: &str,
    max: u32,
    forms: &[&str],
    check: impl Fn(&str, &Tally) -> Result<(), TestCaseError>,
) {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let tally = Tally::default();
    let start = Instant::now();
    let mut runner = TestRunner::default();
    for i in 0..count as usize {
        let text = format!(
            "{}{}",
            forms[i % forms.len()],
            quick_text(runner.rng(), &alphabet, max)
        );
        tally.input();
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&text, &tally)));
        assert!(
            matches!(outcome, Ok(Ok(()))),
            "{name} failed on {text:?}: {outcome:?}"
        );
    }
    println!(
        "{name}: {} in {:.0} s: 0 failures",
        tally.line(),
        start.elapsed().as_secs_f64()
    );
}

const BASE64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The fuzzing record (docs/share-link.md). `WHOLE_PATH_RECORD="target=count,..."` picks
/// targets and counts; unset, every target runs with its recorded count. Run in release
/// mode: `cargo test --release --test fuzz_whole_path -- --ignored --nocapture`.
#[test]
#[ignore = "long: the fuzzing record, run in release mode"]
fn record_whole_path() {
    let spec = std::env::var("WHOLE_PATH_RECORD").unwrap_or_else(|_| {
        "quick_link_text=5000000,quick_json_text=5000000,link_text=20000,json_text=20000,\
         link_body=600000,plan_json=500000,limits_link=200000,limits_json=4000,valid_limits=1000"
            .into()
    });
    for part in spec.split(',') {
        let (name, n) = part.split_once('=').expect("target=count");
        let n: u32 = n.trim().parse().expect("a count");
        match name.trim() {
            "quick_link_text" => record_quick(
                name,
                n,
                &format!("{BASE64URL}.#=&%+/ \n"),
                400,
                &[
                    "",
                    "#plan=v3.",
                    "#plan=v1.",
                    "plan=v2.",
                    "https://x.test/#a=b&plan=v3.",
                ],
                |s, t| match decode_plan_unvalidated(s) {
                    Ok(p) => whole_path(&p, t),
                    Err(_) => Ok(()),
                },
            ),
            "quick_json_text" => record_quick(
                name,
                n,
                "{}[]\",:0123456789abcdefghijklmnopqrstuvwxyz_ .e-",
                300,
                &["", "{\"version\":2,", "\u{feff}{"],
                json_text,
            ),
            "link_text" => record(name, n, LINK_TEXT, |s, t| link_text(s, t)),
            "json_text" => record(name, n, JSON_TEXT, |s, t| json_text(s, t)),
            "link_body" => record(name, n, mutated_body(seed_bodies()), |b, t| link_body(b, t)),
            "plan_json" => record(name, n, mutated_json(seed_json()), |s, t| json_text(s, t)),
            "limits_link" => record(name, n, plan(), through_link),
            "limits_json" => record(name, n, plan(), through_json),
            "valid_limits" => record(name, n, valid_plan(), through_link),
            other => panic!("unknown target {other}"),
        }
    }
}
