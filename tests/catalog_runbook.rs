//! Runbooks and region playbooks name the chosen database's own failover, with its
//! published promotion time and source (docs/technologies.md, docs/markdown-export.md).

use meridian::engine::{evaluate, Posture};
use meridian::export::{playbook, runbook};
use meridian::plan::{PlaceRef, Plan};

fn ledger(regions: &[&str], pin: Posture, service: &str) -> Plan {
    let mut p = Plan::example();
    p.regions = regions.iter().map(|k| PlaceRef::key(k)).collect();
    p.data_classes.truncate(1);
    p.data_classes[0].pin = Some(pin);
    p.data_classes[0].service = Some(service.into());
    p
}

/// The runbook's step for the chosen service, and the promoting (or recovering) playbook
/// lines of the region that held the writer.
fn steps(plan: &Plan) -> (String, Vec<String>) {
    let report = evaluate(plan).unwrap();
    let rb = &runbook::runbooks(plan, &report)[0];
    let step = rb
        .steps
        .iter()
        .find(|s| s.title == "Use the chosen database's failover")
        .unwrap_or_else(|| panic!("no service step in {:?}", rb.steps));
    let writer = report.classes[0]
        .chosen
        .placement
        .as_ref()
        .and_then(|p| p.primary())
        .unwrap()
        .to_string();
    let pb = playbook::playbook_for(plan, &report, &writer);
    (
        step.detail.clone(),
        pb.steps.iter().flat_map(|s| s.lines.clone()).collect(),
    )
}

const AWS: [&str; 3] = ["aws:us-east-1", "aws:us-east-2", "aws:eu-west-1"];

#[test]
fn aurora_global_runbook_names_failover_and_managed_switchover_with_its_time() {
    let (step, lines) = steps(&ledger(&AWS, Posture::WarmStandby, "aws-aurora-global"));
    assert!(
        step.starts_with("With Aurora Global Database: unplanned: fail over"),
        "{step}"
    );
    assert!(step.contains("managed switchover"), "{step}");
    assert!(
        step.contains("Promotion time 60 s (published typical)"),
        "{step}"
    );
    assert!(step.contains("wellarchitectedlabs.com"), "{step}");
    assert!(lines.iter().any(|l| l == &step), "{lines:?}");
}

#[test]
fn azure_sql_failover_group_runbook_names_the_forced_failover_and_the_grace_period() {
    let azure = ["azure:eastus", "azure:westus2"];
    let (step, _) = steps(&ledger(
        &azure,
        Posture::PilotLight,
        "azure-sql-failover-group",
    ));
    assert!(step.contains("forced failover"), "{step}");
    assert!(step.contains("-AllowDataLoss"), "{step}");
    assert!(
        step.contains("Promotion time 1 h (documented minimum)"),
        "{step}"
    );
}

#[test]
fn spanner_and_cockroach_runbooks_say_no_promotion_the_quorum_survives() {
    let gcp = ["gcp:us-east4", "gcp:us-east1", "gcp:us-central1"];
    let mut plan = ledger(&gcp, Posture::GlobalConsensus, "gcp-spanner-multi-region");
    plan.data_classes[0].home_hints = vec![PlaceRef::key("gcp:us-east4")];
    let (step, lines) = steps(&plan);
    assert!(step.contains("no promotion: the quorum survives"), "{step}");
    assert!(step.contains("Promotion time unknown"), "{step}");
    assert!(lines.iter().any(|l| l == &step), "{lines:?}");
    let (step, _) = steps(&ledger(
        &AWS,
        Posture::GlobalConsensus,
        "self-cockroachdb-region-survival",
    ));
    assert!(step.contains("none: leaseholders move"), "{step}");
}

#[test]
fn a_service_that_cannot_take_the_placement_adds_no_steps() {
    // DynamoDB strong consistency across the US and EU region sets does not fit.
    let plan = ledger(&AWS, Posture::GlobalConsensus, "aws-dynamodb-mrsc");
    let report = evaluate(&plan).unwrap();
    let rb = &runbook::runbooks(&plan, &report)[0];
    assert!(rb
        .steps
        .iter()
        .all(|s| s.title != "Use the chosen database's failover"));
}
