//! Starting points: three templates shaped like common products, a fresh plan near a place
//! the user picks, and the population edits that keep the shares adding up to 100 %, so a
//! plan opened or edited from the start page always has a recommendation on screen.

use crate::data::{regions, Provider};
use crate::geo::{great_circle_km, LatLon};

use super::{DataClass, PlaceRef, Plan, Preset, Residency, UserPopulation};

/// A plan to start from, shaped like a common product.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// A business app sold in the United States: two coasts, billing, admin tools.
    UsB2b,
    /// A consumer app on three continents: profiles, sessions, carts, likes.
    GlobalConsumer,
    /// A SaaS whose customers' personal data must stay in the EU.
    EuSaas,
}

impl Template {
    pub const ALL: [Template; 3] = [Template::UsB2b, Template::GlobalConsumer, Template::EuSaas];

    pub fn slug(self) -> &'static str {
        match self {
            Template::UsB2b => "us-b2b",
            Template::GlobalConsumer => "global-consumer",
            Template::EuSaas => "eu-saas",
        }
    }

    pub fn display_name(self) -> &'static str {
        match self {
            Template::UsB2b => "US-only B2B app",
            Template::GlobalConsumer => "Global consumer app",
            Template::EuSaas => "EU-resident SaaS",
        }
    }

    pub fn plan(self) -> Plan {
        match self {
            Template::UsB2b => us_b2b(),
            Template::GlobalConsumer => global_consumer(),
            Template::EuSaas => eu_saas(),
        }
    }
}

fn users(list: &[(&str, f64, f64, f64)]) -> Vec<UserPopulation> {
    list.iter()
        .map(|&(name, lat, lon, share)| UserPopulation {
            name: name.into(),
            place: PlaceRef::at(lat, lon),
            share,
            access: Default::default(),
        })
        .collect()
}

fn plan(
    name: &str,
    regions: &[&str],
    people: Vec<UserPopulation>,
    classes: Vec<DataClass>,
) -> Plan {
    Plan {
        name: name.into(),
        regions: regions.iter().map(|k| PlaceRef::key(k)).collect(),
        users: people,
        data_classes: classes,
        ..Plan::example()
    }
}

fn us_b2b() -> Plan {
    plan(
        "US-only B2B app",
        &["aws:us-east-1", "aws:us-east-2", "aws:us-west-2"],
        users(&[
            ("US East", 40.71, -74.01, 0.6),
            ("US West", 37.77, -122.42, 0.4),
        ]),
        vec![
            DataClass::preset(Preset::Ledger),
            DataClass::preset(Preset::UserProfiles),
            DataClass::preset(Preset::Sessions),
            DataClass::preset(Preset::AdminTooling),
        ],
    )
}

fn global_consumer() -> Plan {
    plan(
        "Global consumer app",
        &[
            "aws:us-east-1",
            "aws:us-west-2",
            "aws:eu-west-1",
            "aws:eu-central-1",
            "aws:ap-northeast-1",
            "aws:ap-southeast-1",
        ],
        users(&[
            ("North America", 41.88, -87.63, 0.4),
            ("Europe", 52.52, 13.40, 0.35),
            ("Asia-Pacific", 35.68, 139.69, 0.25),
        ]),
        vec![
            DataClass::preset(Preset::UserProfiles),
            DataClass::preset(Preset::Sessions),
            DataClass::preset(Preset::Carts),
            DataClass::preset(Preset::LikesPresence),
        ],
    )
}

fn eu_saas() -> Plan {
    // Everything a customer stores stays in the EU, not only the personal data.
    let mut profiles = DataClass::preset(Preset::UserProfiles);
    profiles.residency = Residency::Pinned {
        jurisdictions: vec!["EU".into()],
    };
    plan(
        "EU-resident SaaS",
        &["aws:eu-central-1", "aws:eu-west-1", "aws:eu-west-3"],
        users(&[
            ("Germany", 52.52, 13.40, 0.4),
            ("France", 48.86, 2.35, 0.35),
            ("Spain", 40.42, -3.70, 0.25),
        ]),
        vec![
            DataClass::preset(Preset::EuPersonalData),
            profiles,
            DataClass::preset(Preset::Sessions),
            DataClass::preset(Preset::AnalyticsEvents),
        ],
    )
}

/// Places a fresh plan can start near: (name, latitude, longitude).
pub const START_PLACES: [(&str, f64, f64); 8] = [
    ("New York", 40.71, -74.01),
    ("San Francisco", 37.77, -122.42),
    ("São Paulo", -23.55, -46.63),
    ("London", 51.51, -0.13),
    ("Frankfurt", 50.11, 8.68),
    ("Mumbai", 19.08, 72.88),
    ("Tokyo", 35.68, 139.69),
    ("Sydney", -33.87, 151.21),
];

impl Plan {
    /// A fresh plan near (lat, lon): the provider's two regions nearest to it, one
    /// population there and one class (user profiles), so a recommendation is on screen
    /// from the start.
    pub fn new_near(provider: Provider, lat: f64, lon: f64) -> Plan {
        let at = LatLon::new(lat, lon);
        let mut near: Vec<_> = regions()
            .iter()
            .filter(|r| r.provider == provider)
            .collect();
        crate::sort::sort_by(&mut near, |a, b| {
            great_circle_km(at, a.location()).total_cmp(&great_circle_km(at, b.location()))
        });
        Plan {
            name: "New plan".into(),
            regions: near
                .iter()
                .take(2)
                .map(|r| PlaceRef::Key(r.key()))
                .collect(),
            users: vec![UserPopulation {
                name: "Users".into(),
                place: PlaceRef::at(lat, lon),
                share: 1.0,
                access: Default::default(),
            }],
            data_classes: vec![DataClass::preset(Preset::UserProfiles)],
            ..Plan::example()
        }
    }

    /// Adds a population with an even share (1 / n of the traffic), taken from the others
    /// in proportion to their shares, so the shares still add up and results stay on screen.
    pub fn add_population(&mut self, place: PlaceRef) {
        let n = self.users.len() as f64 + 1.0;
        let total: f64 = self.users.iter().map(|u| u.share).sum();
        let share = if self.users.is_empty() {
            1.0
        } else {
            total / n
        };
        let keep = (n - 1.0) / n;
        for u in &mut self.users {
            u.share *= keep;
        }
        let name = (self.users.len() + 1..)
            .map(|k| format!("Users {k}"))
            .find(|c| self.users.iter().all(|u| &u.name != c))
            .unwrap_or_default();
        self.users.push(UserPopulation {
            name,
            place,
            share,
            access: Default::default(),
        });
        self.round_shares();
    }

    /// Removes population `i` and gives its share to the others in proportion to theirs
    /// (evenly if they had none). The last population cannot go: a plan needs users.
    pub fn remove_population(&mut self, i: usize) -> Option<UserPopulation> {
        if i >= self.users.len() || self.users.len() == 1 {
            return None;
        }
        let gone = self.users.remove(i);
        let rest: f64 = self.users.iter().map(|u| u.share).sum();
        let n = self.users.len() as f64;
        for u in &mut self.users {
            u.share = if rest > 0.0 {
                u.share + gone.share * u.share / rest
            } else {
                (rest + gone.share) / n
            };
        }
        self.round_shares();
        Some(gone)
    }

    /// Scales the shares so they add up to 100 % (evenly when they are all zero).
    pub fn rebalance_shares(&mut self) {
        let total: f64 = self.users.iter().map(|u| u.share).sum();
        let n = self.users.len() as f64;
        for u in &mut self.users {
            u.share = if total > 0.0 {
                u.share / total
            } else {
                1.0 / n
            };
        }
        self.round_shares();
    }

    /// Rounds shares to 0.1 % (what a user reads and types) and puts the rounding
    /// remainder on the largest, so the sum stays exactly what it was.
    fn round_shares(&mut self) {
        let total: f64 = self.users.iter().map(|u| u.share).sum();
        for u in &mut self.users {
            u.share = (u.share * 1000.0).round() / 1000.0;
        }
        let rounded: f64 = self.users.iter().map(|u| u.share).sum();
        let target = (total * 1000.0).round() / 1000.0;
        if let Some(big) = self
            .users
            .iter_mut()
            .max_by(|a, b| a.share.total_cmp(&b.share))
        {
            big.share = ((big.share + target - rounded) * 1000.0).round() / 1000.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;

    fn infeasible(p: &Plan) -> Vec<String> {
        let r = evaluate(p).unwrap_or_else(|e| panic!("{}: {e:?}", p.name));
        r.classes
            .iter()
            .filter(|c| !c.feasible)
            .map(|c| format!("{}: {}", c.name, c.chosen.posture.slug()))
            .collect()
    }

    #[test]
    fn every_template_has_a_feasible_recommendation_for_every_class() {
        for t in Template::ALL {
            let p = t.plan();
            assert_eq!(infeasible(&p), Vec::<String>::new(), "{}", t.slug());
            assert_eq!(crate::plan::validate(&p), Ok(()));
        }
    }

    #[test]
    fn a_new_plan_near_any_start_place_on_any_provider_is_feasible() {
        for provider in Provider::ALL {
            for (name, lat, lon) in START_PLACES {
                let p = Plan::new_near(provider, lat, lon);
                assert_eq!(p.regions.len(), 2);
                assert_eq!(
                    infeasible(&p),
                    Vec::<String>::new(),
                    "{name} on {provider:?}"
                );
            }
        }
    }

    #[test]
    fn adding_and_removing_populations_keeps_the_shares_at_100_percent() {
        let mut p = Plan::example();
        let sum = |p: &Plan| p.users.iter().map(|u| u.share).sum::<f64>();
        p.add_population(PlaceRef::at(-23.55, -46.63));
        assert_eq!(p.users.len(), 4);
        assert!((sum(&p) - 1.0).abs() < 1e-9, "{}", sum(&p));
        assert!((p.users[3].share - 0.25).abs() < 1e-9);
        assert_eq!(p.users[3].name, "Users 4");
        assert!(evaluate(&p).is_ok());
        p.remove_population(0);
        assert!((sum(&p) - 1.0).abs() < 1e-9, "{}", sum(&p));
        assert!(evaluate(&p).is_ok());
        while p.users.len() > 1 {
            p.remove_population(0);
        }
        assert_eq!(p.remove_population(0), None, "the last population stays");
        assert!((p.users[0].share - 1.0).abs() < 1e-9);
    }

    #[test]
    fn rebalance_scales_shares_to_100_percent() {
        let mut p = Plan::example();
        p.users[0].share = 0.0;
        p.users[1].share = 0.3;
        p.users[2].share = 0.3;
        p.rebalance_shares();
        assert_eq!(
            p.users.iter().map(|u| u.share).collect::<Vec<_>>(),
            [0.0, 0.5, 0.5]
        );
    }
}
