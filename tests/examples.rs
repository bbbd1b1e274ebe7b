//! Every example plan under examples/ is named for the posture the engine must choose for
//! its data class, and `meridian report` runs on each (JSON and markdown).

use std::path::PathBuf;
use std::process::Command;

use meridian::engine::{evaluate, Posture};
use meridian::plan::Plan;

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn load(slug: &str) -> Plan {
    let path = examples_dir().join(format!("{slug}.json"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&src).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

#[test]
fn every_posture_has_an_example_that_chooses_it() {
    for posture in Posture::ALL {
        let plan = load(posture.slug());
        let report = evaluate(&plan).unwrap();
        for class in &report.classes {
            assert!(class.feasible, "{}: {:?}", posture.slug(), class.relax);
            assert_eq!(
                class.chosen.posture,
                posture,
                "{}: chose {} because {:#?}",
                posture.slug(),
                class.chosen.posture.slug(),
                class.reasons
            );
        }
    }
}

#[test]
fn there_are_no_stray_example_plans() {
    for entry in std::fs::read_dir(examples_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(Posture::from_slug(&stem).is_some(), "{path:?}");
        }
    }
}

#[test]
fn meridian_report_runs_on_every_example() {
    let bin = env!("CARGO_BIN_EXE_meridian");
    for posture in Posture::ALL {
        let path = examples_dir().join(format!("{}.json", posture.slug()));
        let out = Command::new(bin).arg("report").arg(&path).output().unwrap();
        assert!(
            out.status.success(),
            "{path:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let class = &json["classes"][0];
        assert_eq!(class["posture"], posture.slug());
        for key in [
            "name",
            "placement",
            "latency",
            "rpo_s",
            "rto_s",
            "monthly_cost_usd",
            "reasons",
            "rejected",
        ] {
            assert!(class.get(key).is_some(), "{key} missing");
        }
        let md = Command::new(bin)
            .args(["report", "--format", "markdown"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(md.status.success());
        let text = String::from_utf8(md.stdout).unwrap();
        assert!(text.contains(&format!("`{}`", posture.slug())), "{text}");
    }
}
