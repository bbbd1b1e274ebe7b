//! Jurisdiction codes are case-insensitive wherever a plan is read (issue 15): a plan file or
//! a link that says "eu" or " de " means EU and DE, and evaluates as if it said so.

use meridian::engine::evaluate;
use meridian::export::document;
use meridian::plan::{PlaceRef, Plan, Residency};
use meridian::share::{decode_plan, decode_plan_unvalidated, encode_plan};

/// The example with its first class pinned to `pinned` and a custom region whose jurisdiction
/// the user set to `site`.
fn plan(pinned: &str, site: &str) -> Plan {
    let mut p = Plan::example();
    p.data_classes[0].residency = Residency::Pinned {
        jurisdictions: vec![pinned.into()],
    };
    p.regions
        .push(PlaceRef::custom("Frankfurt DC", 50.1, 8.7, "placeholder"));
    if let Some(PlaceRef::Custom(c)) = p.regions.last_mut() {
        c.jurisdiction_override = Some(site.into());
    }
    p
}

fn markdown(p: &Plan) -> String {
    document(p, &evaluate(p).expect("a valid plan"), None)
}

#[test]
fn a_plan_file_in_lower_case_reads_as_capitals() {
    let read = Plan::from_json(&plan("eu", " de ").to_json_pretty()).unwrap();
    assert_eq!(read, plan("EU", "DE"));
    assert_eq!(markdown(&read), markdown(&plan("EU", "DE")));
}

#[test]
fn a_link_in_lower_case_opens_in_capitals() {
    let link = format!("#plan={}", encode_plan(&plan("eu", "de")));
    assert_eq!(decode_plan(&link), Ok(plan("EU", "DE")));
    assert_eq!(decode_plan_unvalidated(&link), Ok(plan("EU", "DE")));
}

#[test]
fn the_cli_reads_lower_case_codes_as_capitals() {
    let dir = std::env::temp_dir().join(format!("meridian-juris-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |p: &Plan, name: &str| {
        let path = dir.join(name);
        std::fs::write(&path, p.to_json_pretty()).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_meridian"))
            .args(["report", "--format", "markdown"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let lower = run(&plan("eu", "de"), "lower.json");
    assert!(lower.contains("pinned to EU"), "{lower}");
    assert_eq!(lower, run(&plan("EU", "DE"), "upper.json"));
}
