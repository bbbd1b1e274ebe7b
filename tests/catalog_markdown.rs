//! The markdown document when classes choose their database: the decisions, each
//! population's write path with the service's factors, and the runbook and playbook steps
//! named for the service, against reviewed snapshots in `tests/snapshots/`. After an
//! intended change: `UPDATE_SNAPSHOTS=1 cargo test --test catalog_markdown`, read the diff.

use std::path::PathBuf;

use meridian::engine::evaluate;
use meridian::export::document;
use meridian::plan::{PlaceRef, Plan};

fn check(name: &str, plan: &Plan) -> String {
    let report = evaluate(plan).unwrap();
    let md = document(plan, &report, Some("https://meridian.example/"));
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.md"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &md).unwrap();
    } else {
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        let at = want.lines().zip(md.lines()).position(|(a, b)| a != b);
        assert!(
            want == md,
            "{name}: differs from {} at line {:?}; if intended, UPDATE_SNAPSHOTS=1 cargo test --test catalog_markdown",
            path.display(),
            at.map(|i| i + 1)
        );
    }
    md
}

/// The built-in example with Patroni for the ledger and Aurora Global Database for the EU
/// personal data (both fit their postures there).
#[test]
fn builtin_example_with_chosen_databases_matches_its_snapshot() {
    let mut plan = Plan::example();
    plan.data_classes[0].service = Some("self-postgres-patroni".into());
    plan.data_classes[3].service = Some("aws-aurora-global".into());
    let md = check("chosen-services", &plan);
    assert!(md.contains("With PostgreSQL with Patroni:"), "runbook step");
    assert!(md.contains("With Aurora Global Database:"), "runbook step");
}

/// The example's ledger on Azure regions with Cosmos DB strong consistency: its write path
/// works Microsoft's formula, its RTO carries the documented 15 min bound.
#[test]
fn azure_ledger_on_cosmos_db_matches_its_snapshot() {
    let mut plan = Plan::example();
    plan.name = "Azure ledger".into();
    plan.regions = [
        "azure:eastus",
        "azure:eastus2",
        "azure:westeurope",
        "azure:northeurope",
        "azure:japaneast",
    ]
    .iter()
    .map(|k| PlaceRef::key(k))
    .collect();
    plan.data_classes.truncate(1);
    plan.data_classes[0].service = Some("azure-cosmos-strong".into());
    let md = check("chosen-service-cosmos", &plan);
    assert!(md.contains("every region acknowledges, 2 x"), "write path");
    assert!(md.contains("15 min promotion"), "RTO");
}
