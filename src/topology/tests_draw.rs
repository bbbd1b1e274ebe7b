//! The map layout: routes over the antimeridian, and labels that never cover a mark.

use super::*;
use crate::engine::evaluate;
use crate::plan::templates::Template;
use crate::plan::Plan;

fn node(label: &str) -> Node {
    let place = PlaceRef::key(label).resolve().unwrap();
    Node {
        label: label.into(),
        at: place.location(),
        jurisdiction: place.jurisdiction().into(),
        roles: vec!["primary".into()],
    }
}

/// The route drawn, every 4th point to 1 decimal: what the snapshot holds.
fn route_text(d: &Drawing) -> String {
    d.links
        .iter()
        .map(|l| {
            l.path
                .iter()
                .step_by(4)
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn tokyo_to_us_west_2_crosses_the_pacific() {
    let t = Topology {
        nodes: vec![node("aws:ap-northeast-1"), node("aws:us-west-2")],
        links: vec![Link {
            from: 0,
            to: 1,
            kind: LinkKind::Async,
            rtt_p50_ms: 98.0,
        }],
    };
    let d = t.drawing(&[]);
    let path = &d.links[0].path;
    // Continuous in x: no jump back across the map.
    assert!(path.windows(2).all(|w| (w[1].0 - w[0].0).abs() < 10.0));
    // East from Tokyo past 180 (or west from Oregon past -180), never over Eurasia.
    let (x0, x1) = (path[0].0, path[path.len() - 1].0);
    assert!(
        (x1 - x0).abs() > 100.0 && (x1 - x0).abs() < 130.0,
        "{x0} to {x1}"
    );
    let crosses = path.iter().any(|p| p.0 > 180.0) || path.iter().any(|p| p.0 < -180.0);
    assert!(crosses, "the route does not cross the antimeridian");
    // The great circle bows north of both ends (toward the Aleutians).
    let north = path.iter().map(|p| -p.1).fold(f64::MIN, f64::max);
    assert!(north > 50.0, "northernmost {north}");
    // The land is drawn on both sides of the antimeridian, and the frame holds both ends.
    assert_eq!(d.land_offsets.len(), 2);
    let (fx, _, fw, _) = d.frame;
    assert!(fx < x0.min(x1) && x0.max(x1) < fx + fw);

    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/topology/tokyo-us-west-2.txt");
    let got = route_text(&d);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &got).unwrap();
    }
    let want = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_SNAPSHOTS=1", file.display()));
    assert_eq!(got, want, "UPDATE_SNAPSHOTS=1 to accept");
}

fn example_plans() -> Vec<Plan> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut plans = vec![Plan::example()];
    plans.extend(Template::ALL.map(Template::plan));
    plans.extend(
        files
            .iter()
            .map(|f| Plan::from_json(&std::fs::read_to_string(f).unwrap()).unwrap()),
    );
    plans
}

#[test]
fn no_label_covers_a_dot_a_diamond_or_another_label_in_the_example_plans() {
    let mut checked = 0;
    for plan in example_plans() {
        let report = evaluate(&plan).unwrap();
        let users: Vec<(String, crate::geo::LatLon)> = plan
            .users
            .iter()
            .map(|u| (u.name.clone(), u.place.resolve().unwrap().location()))
            .collect();
        for c in &report.classes {
            for e in c.evaluations.iter().filter(|e| e.placeable) {
                let d = Topology::of(&plan.regions, e).drawing(&users);
                let (marks, labels) = (d.mark_boxes(), d.label_boxes());
                let at = format!("{} / {} / {}", plan.name, c.name, e.posture.slug());
                // Text keeps its share of the frame once the frame has grown for the labels.
                assert!(
                    d.font >= d.frame.2 * draw::MIN_FONT * 0.999,
                    "{at}: text too small"
                );
                assert!(d.link_font >= d.frame.2 * draw::MIN_FONT * 0.999, "{at}");
                for (i, l) in labels.iter().enumerate() {
                    for m in &marks {
                        assert!(!overlaps(*l, *m), "{at}: label {l:?} covers mark {m:?}");
                    }
                    for o in &labels[i + 1..] {
                        assert!(!overlaps(*l, *o), "{at}: labels {l:?} and {o:?} overlap");
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
}
