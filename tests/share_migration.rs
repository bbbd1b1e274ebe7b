//! Version-1 plans (files, autosaves, links) open in version 2: jurisdictions that were right
//! stay, stale ones follow the coordinates, and names of moved populations are not kept.

use meridian::geo::{jurisdiction_at, LatLon};
use meridian::plan::{validate, PlaceRef, Plan, PLAN_VERSION};
use meridian::share::{decode_plan, encode_plan, restore, Source};

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn v1_plan_files() -> Vec<String> {
    let dir = format!("{}/tests/fixtures/plans-v1", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            format!(
                "tests/fixtures/plans-v1/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    files.sort();
    files.push("tests/fixtures/links/v1.json".into());
    files
}

/// (lat, lon, v1 jurisdiction) of every custom place in a v1 plan's JSON, in plan order
/// (users, then regions).
fn v1_places(json: &str) -> Vec<(f64, f64, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let users = v["users"].as_array().unwrap().iter().map(|u| &u["place"]);
    let regions = v["regions"].as_array().unwrap().iter();
    users
        .chain(regions)
        .filter(|p| p.is_object())
        .map(|p| {
            (
                p["lat"].as_f64().unwrap(),
                p["lon"].as_f64().unwrap(),
                p["jurisdiction"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn custom_places(plan: &Plan) -> Vec<(f64, f64, String)> {
    let users = plan.users.iter().map(|u| &u.place);
    users
        .chain(plan.regions.iter())
        .filter_map(|p| match p {
            PlaceRef::Custom(c) => Some((c.lat, c.lon, c.jurisdiction().to_string())),
            PlaceRef::Key(_) => None,
        })
        .collect()
}

#[test]
fn every_v1_plan_file_opens_with_the_jurisdictions_it_had_where_they_were_right() {
    let mut checked = 0;
    for file in v1_plan_files() {
        let json = read(&file);
        let plan = Plan::from_json(&json).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(plan.version, PLAN_VERSION, "{file}");
        assert_eq!(validate(&plan), Ok(()), "{file}");
        let (old, new) = (v1_places(&json), custom_places(&plan));
        assert_eq!(old.len(), new.len(), "{file}");
        for ((lat, lon, was), (_, _, now)) in old.iter().zip(&new) {
            // Every v1 fixture's jurisdictions were right: each must be what it was.
            assert_eq!(jurisdiction_at(LatLon::new(*lat, *lon)), was, "{file}");
            assert_eq!(now, was, "{file} {lat},{lon}");
            checked += 1;
        }
    }
    assert!(checked >= 19, "{checked}");
}

#[test]
fn the_examples_are_the_v1_fixtures_in_version_2() {
    for file in v1_plan_files().iter().filter(|f| f.contains("plans-v1")) {
        let example = file.replace("tests/fixtures/plans-v1", "examples");
        let new = Plan::from_json(&read(&example)).unwrap();
        assert_eq!(new, Plan::from_json(&read(file)).unwrap(), "{example}");
        assert!(read(&example).contains("\"version\": 2"), "{example}");
    }
}

/// What the v1 UI wrote after "Add a population" and typing Sydney's coordinates.
const STALE_V1: &str = r#"{"version": 1, "regions": ["aws:ap-southeast-2", "aws:sa-east-1"],
  "users": [{"name": "Australia", "share": 1,
             "place": {"name": "São Paulo", "lat": -33.87, "lon": 151.21, "jurisdiction": "BR"}}],
  "data_classes": []}"#;

#[test]
fn a_stale_v1_population_follows_its_coordinates() {
    let plan = Plan::from_json(STALE_V1).unwrap();
    let place = plan.users[0].place.resolve().unwrap();
    assert_eq!(place.jurisdiction(), "AU");
    assert_eq!(place.label(), "Sydney, AU");
    assert_eq!(plan.users[0].name, "Australia");
    // Written back as version 2, with where the code came from.
    let json = plan.to_json_pretty();
    assert!(
        json.contains("\"jurisdiction\": \"AU\",\n        \"jurisdiction_from\": \"coordinates\""),
        "{json}"
    );
    assert!(
        !json.contains("São Paulo") && !json.contains("BR"),
        "{json}"
    );
}

#[test]
fn a_code_coordinates_cannot_give_stays_as_the_users_choice() {
    let json = STALE_V1.replace("\"BR\"", "\"US-GOV\"");
    let plan = Plan::from_json(&json).unwrap();
    assert_eq!(
        plan.users[0].place.resolve().unwrap().jurisdiction(),
        "US-GOV"
    );
    assert!(plan
        .to_json_pretty()
        .contains("\"jurisdiction_from\": \"user\""));
}

#[test]
fn a_v2_file_keeps_the_users_override_and_recomputes_the_rest() {
    let v2 = r#"{"version": 2, "regions": ["aws:eu-central-1"], "data_classes": [], "users": [
      {"name": "a", "share": 0.5, "place": {"lat": -33.87, "lon": 151.21, "jurisdiction": "BR", "jurisdiction_from": "coordinates"}},
      {"name": "b", "share": 0.5, "place": {"lat": -33.87, "lon": 151.21, "jurisdiction": "EU", "jurisdiction_from": "user"}}]}"#;
    let plan = Plan::from_json(v2).unwrap();
    let j = |i: usize| {
        plan.users[i]
            .place
            .resolve()
            .unwrap()
            .jurisdiction()
            .to_string()
    };
    assert_eq!((j(0), j(1)), ("AU".to_string(), "EU".to_string()));
}

#[test]
fn autosaved_v1_json_and_v1_links_are_migrated_on_load() {
    let r = restore(None, Some(STALE_V1));
    assert_eq!(r.source, Source::Autosave);
    assert_eq!(r.plan.version, PLAN_VERSION);
    assert_eq!(
        r.plan.users[0].place.resolve().unwrap().jurisdiction(),
        "AU"
    );

    let link = read("tests/fixtures/links/v1.txt");
    let plan = decode_plan(link.trim()).unwrap();
    assert_eq!(plan.version, PLAN_VERSION);
    let again = decode_plan(&encode_plan(&plan)).unwrap();
    assert_eq!(again, plan);
    assert!(encode_plan(&plan).starts_with("v3."));
}
