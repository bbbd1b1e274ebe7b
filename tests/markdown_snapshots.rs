//! The markdown export for every example plan (and the built-in example) against a
//! reviewed snapshot in `tests/snapshots/<name>.md`. After an intended change, regenerate
//! with `UPDATE_SNAPSHOTS=1 cargo test --test markdown_snapshots`, read the diff, commit.

use std::path::PathBuf;

use meridian::engine::evaluate;
use meridian::export::{document, escape};
use meridian::plan::Plan;

const APP_URL: &str = "https://meridian.example/";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check(name: &str, plan: &Plan) {
    let report = evaluate(plan).unwrap_or_else(|e| panic!("{name}: {e}"));
    let md = document(plan, &report, Some(APP_URL));
    let path = root().join("tests/snapshots").join(format!("{name}.md"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &md).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run UPDATE_SNAPSHOTS=1 cargo test --test markdown_snapshots",
            path.display()
        )
    });
    if want != md {
        let line = want
            .lines()
            .zip(md.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(md.lines().count()));
        panic!(
            "{name}: the markdown differs from {} from line {}:\n  snapshot: {:?}\n  now:      {:?}\n\
             If the change is intended: UPDATE_SNAPSHOTS=1 cargo test --test markdown_snapshots, \
             then review the diff.",
            path.display(),
            line + 1,
            want.lines().nth(line),
            md.lines().nth(line)
        );
    }
}

#[test]
fn every_example_plan_matches_its_snapshot() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 9, "{names:?}");
    for p in names {
        let plan = Plan::from_json(&std::fs::read_to_string(&p).unwrap()).unwrap();
        check(p.file_stem().unwrap().to_str().unwrap(), &plan);
    }
}

#[test]
fn builtin_example_matches_its_snapshot() {
    check("builtin-example", &Plan::example());
}

/// Pipes that end a cell: those not preceded by an odd run of backslashes.
fn cell_separators(line: &str) -> usize {
    let b = line.as_bytes();
    line.match_indices('|')
        .filter(|(i, _)| b[..*i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 0)
        .count()
}

#[test]
fn hostile_names_cannot_break_a_table_or_inject_html() {
    let mut plan = Plan::example();
    let hostile = "x | injected | cell |\n| a | row |<script>alert(1)</script><img src=x onerror=alert(1)>[click](javascript:alert(1))";
    plan.name = format!("# {hostile}");
    plan.data_classes[0].name = hostile.to_string();
    plan.users[0].name = format!("`{hostile}`");
    if let meridian::plan::PlaceRef::Custom(c) = &mut plan.users[1].place {
        c.name = Some(hostile.to_string());
    }
    let report = evaluate(&plan).unwrap();
    let md = document(&plan, &report, Some("https://meridian.example/\"><script>"));
    assert!(!md.contains("<script"), "raw tag in output");
    assert!(!md.contains("<img"), "raw tag in output");
    // `[click](javascript:…)` only appears with its brackets escaped: text, not a link.
    for (i, _) in md.match_indices("](javascript:") {
        assert!(md[..i].ends_with('\\'), "live link in output near {i}");
    }
    // Every table row has as many cell separators as its header.
    let mut header = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let n = cell_separators(line);
        match header {
            None => header = Some(n),
            Some(h) => assert_eq!(n, h, "row breaks its table: {line}"),
        }
    }
    // The hostile name appears once escaped in the decisions table.
    assert!(md.contains(&format!("| {} | ", escape::text(hostile))));
    // The title is one line and not a second heading.
    assert!(md.starts_with("# \\# x \\| injected"), "{}", &md[..80]);
    // The link target is percent-encoded, so the injected quote and tag stay inside it.
    assert!(md.contains("(https://meridian.example/%22%3E%3Cscript%3E#plan=v3."));
}

#[test]
fn the_document_links_to_the_exact_plan() {
    let plan = Plan::example();
    let report = evaluate(&plan).unwrap();
    let md = document(&plan, &report, Some(APP_URL));
    let start = md.find("(https://meridian.example/#plan=").unwrap() + 1;
    let end = start + md[start..].find(')').unwrap();
    assert_eq!(
        meridian::share::decode_plan(&md[start..end]),
        Ok(plan.clone())
    );
    // Without an app address (the CLI), the fragment is printed for pasting.
    let md = document(&plan, &report, None);
    assert!(md.contains(&format!(
        "append `#plan={}`",
        meridian::share::encode_plan(&plan)
    )));
}
