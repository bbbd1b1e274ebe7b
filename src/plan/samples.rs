//! Sample plans beyond the built-in example.

use super::{DataClass, PlaceRef, Plan, Preset, UserPopulation};

impl Plan {
    /// The benchmark plan: 20 regions on three providers and five continents, 6 user
    /// populations and 12 data classes (every preset plus three variants with tighter write
    /// budgets). Used by the criterion bench, the browser timing test
    /// (`e2e/fixtures/large-plan.json`, printed by `meridian example --large`) and tests.
    pub fn large_benchmark() -> Plan {
        let regions = [
            "aws:us-east-1",
            "aws:us-east-2",
            "aws:us-west-1",
            "aws:us-west-2",
            "aws:ca-central-1",
            "aws:sa-east-1",
            "aws:eu-west-1",
            "aws:eu-west-2",
            "aws:eu-west-3",
            "aws:eu-central-1",
            "aws:eu-north-1",
            "aws:ap-northeast-1",
            "aws:ap-northeast-2",
            "aws:ap-southeast-1",
            "aws:ap-southeast-2",
            "aws:ap-south-1",
            "gcp:us-central1",
            "gcp:europe-west4",
            "azure:westeurope",
            "azure:eastus",
        ];
        let users = [
            ("US East", 40.71, -74.01, 0.3),
            ("US West", 37.77, -122.42, 0.15),
            ("Europe", 52.52, 13.40, 0.25),
            ("India", 19.08, 72.88, 0.1),
            ("Japan", 35.68, 139.69, 0.1),
            ("Australia", -33.87, 151.21, 0.1),
        ];
        let mut classes: Vec<DataClass> =
            Preset::ALL.iter().map(|&p| DataClass::preset(p)).collect();
        for (i, p) in [Preset::Ledger, Preset::Carts, Preset::UserProfiles]
            .into_iter()
            .enumerate()
        {
            let mut c = DataClass::preset(p);
            c.name = format!("{}-{}", c.name, i + 2);
            c.write_p99_budget_ms = c.write_p99_budget_ms.map(|b| b * 0.8);
            classes.push(c);
        }
        Plan {
            name: "large".into(),
            regions: regions.iter().map(|k| PlaceRef::key(k)).collect(),
            users: users
                .iter()
                .map(|&(name, lat, lon, share)| UserPopulation {
                    name: name.into(),
                    place: PlaceRef::at(lat, lon),
                    share,
                    access: Default::default(),
                })
                .collect(),
            data_classes: classes,
            ..Plan::example()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::validate;

    #[test]
    fn the_benchmark_plan_has_the_advertised_size_and_is_valid() {
        let p = Plan::large_benchmark();
        assert_eq!(
            (p.regions.len(), p.data_classes.len(), p.users.len()),
            (20, 12, 6)
        );
        assert_eq!(validate(&p), Ok(()));
    }

    /// The browser timing test uploads this file; it must stay the plan the bench measures.
    #[test]
    fn the_e2e_fixture_is_the_benchmark_plan() {
        let fixture = include_str!("../../e2e/fixtures/large-plan.json");
        assert_eq!(
            Plan::from_json(fixture).unwrap(),
            Plan::large_benchmark(),
            "regenerate: cargo run --bin meridian -- example --large > e2e/fixtures/large-plan.json"
        );
    }
}
