//! One service against one deployment: the layout it would use, or the first constraint the
//! deployment breaks (typed; [`crate::present::technology`] words it).

use super::data::{Configuration, Host, RegionRule, Service, VoterCounts};
use super::units::{split, Unit};
use crate::data::Provider;

/// The constraint a deployment breaks.
#[derive(Clone, Debug, PartialEq)]
pub enum Broken {
    /// The service does not deliver the posture at all.
    PostureNotOffered,
    /// A copy sits outside the service's provider (another cloud or a custom place).
    NotOnProvider { place: String, provider: Provider },
    /// Fewer regions than the service needs.
    TooFewRegions { have: usize, min: u32 },
    /// More regions than the service allows.
    TooManyRegions { have: usize, max: u32 },
    /// The service is not offered in this region.
    RegionNotOffered { region: String },
    /// Not exactly the replica count a region-set service needs.
    WrongCopyCount {
        have: usize,
        copies: u32,
        witness: bool,
    },
    /// A region that belongs to no region set.
    NotInAnySet { region: String },
    /// Two regions in different region sets (names sorted, each with its set).
    AcrossSets {
        a: String,
        a_set: String,
        b: String,
        b_set: String,
    },
    /// No fixed configuration holds every region; the closest and what it lacks.
    NoConfiguration {
        closest: String,
        missing: Vec<String>,
    },
    /// Two regions farther apart than the service allows by default (great circle, km).
    SpanTooWide {
        a: String,
        b: String,
        km: f64,
        max_km: f64,
    },
    /// The writer would sit in a region of the configuration that cannot lead.
    LeaderNotWritable {
        configuration: String,
        leader: String,
    },
}

/// Who votes on a write and how many acknowledgements it waits for.
#[derive(Clone, Debug, PartialEq)]
pub struct Voters {
    pub leader: String,
    /// The other voting regions (replicas or witnesses), nearest-first is for the engine.
    pub others: Vec<String>,
    /// Voting replicas in total and in the leader's region.
    pub total: u32,
    pub in_leader_region: u32,
    /// Acknowledgements a write needs, the leader's own included.
    pub quorum: u32,
    /// How many of `others` (regions) a write waits for: it waits for the `n`-th fastest
    /// of them. One for a majority whose leader region holds all but one of the votes it
    /// needs; every other region when the service needs replicas in each region.
    pub wait_regions: u32,
}

impl Voters {
    /// How many acknowledgements must come from other regions: the write waits for the
    /// `n`-th fastest of them (0: the write stays in the leader's region).
    pub fn acks_from_other_regions(&self) -> u32 {
        self.quorum.saturating_sub(self.in_leader_region)
    }

    /// A majority of `total` voters. The acknowledgements still needed from other regions
    /// are counted as regions: exact when each other region's replicas answer together
    /// (they share one round trip) and one region's answer is enough, as for every
    /// majority service in the catalog; an upper bound otherwise.
    fn majority(leader: String, others: Vec<String>, total: u32, in_leader: u32) -> Voters {
        let quorum = total / 2 + 1;
        let wait = quorum.saturating_sub(in_leader).min(others.len() as u32);
        Voters {
            leader,
            others,
            total,
            in_leader_region: in_leader,
            quorum,
            wait_regions: wait,
        }
    }

    /// A write that needs replicas in every voting region (Spanner dual-region).
    fn every_region(leader: String, others: Vec<String>, total: u32, in_leader: u32) -> Voters {
        let wait = others.len() as u32;
        Voters {
            quorum: total / 2 + 1,
            wait_regions: wait,
            leader,
            others,
            total,
            in_leader_region: in_leader,
        }
    }
}

/// How the service would be laid out on the deployment.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The regions of the deployment (place labels), as given.
    pub regions: Vec<String>,
    /// The fixed configuration used (Spanner `nam3`), when the service has them.
    pub configuration: Option<String>,
    /// Regions the configuration adds beyond the placement (cost and reads, no choice).
    pub extra_regions: Vec<String>,
    /// The witness region the service adds (DynamoDB MRSC with two replicas).
    pub witness: Option<String>,
    pub voters: Option<Voters>,
    /// The documented default leader when it differs from the placement's writer.
    pub default_leader: Option<String>,
}

/// Checks `unit` against `service`'s provider and region rule.
pub fn check(service: &Service, unit: &Unit) -> Result<Layout, Broken> {
    let mut codes: Vec<&str> = Vec::with_capacity(unit.regions.len());
    for place in &unit.regions {
        match (service.host.provider(), split(place)) {
            (Some(want), Some((got, code))) if want == got => codes.push(code),
            (Some(want), _) => {
                return Err(Broken::NotOnProvider {
                    place: place.clone(),
                    provider: want,
                })
            }
            (None, _) => codes.push(place),
        }
    }
    let leader_code = unit
        .leader
        .as_deref()
        .and_then(|l| unit.regions.iter().position(|r| r == l))
        .map(|i| codes[i]);
    let mut layout = Layout {
        regions: unit.regions.clone(),
        configuration: None,
        extra_regions: Vec::new(),
        witness: None,
        voters: None,
        default_leader: None,
    };
    match &service.regions {
        RegionRule::Any { min, max, only } => {
            any_rule(&codes, *min, *max, only.as_deref())?;
            layout.voters = counted_voters(service, unit);
        }
        RegionRule::Sets {
            copies,
            witness,
            sets,
        } => {
            let w = sets_rule(&codes, *copies, *witness, sets)?;
            layout.witness = w.map(|w| relabel(service.host, w));
            let mut others: Vec<String> = unit.regions.iter().skip(1).cloned().collect();
            others.extend(layout.witness.clone());
            layout.voters = unit
                .leader
                .clone()
                .map(|l| Voters::majority(l, others, *copies, 1));
        }
        RegionRule::Configurations {
            configurations,
            leader_replicas,
            voters,
            every_region,
        } => {
            let c = configurations_rule(&codes, leader_code, configurations)?;
            layout.configuration = Some(c.name.clone());
            layout.extra_regions = c
                .regions()
                .filter(|r| !codes.contains(r))
                .map(|r| relabel(service.host, r))
                .collect();
            layout.default_leader = c
                .default_leader
                .as_deref()
                .filter(|d| Some(*d) != leader_code)
                .map(|d| relabel(service.host, d));
            if let Some(leader) = leader_code {
                let others: Vec<String> = c
                    .voting()
                    .filter(|r| *r != leader)
                    .map(|r| relabel(service.host, r))
                    .collect();
                let regions = others.len() as u32 + 1;
                let in_leader = leader_replicas.unwrap_or(1);
                let total = voters.unwrap_or(regions);
                let make = if *every_region {
                    Voters::every_region
                } else {
                    Voters::majority
                };
                layout.voters = Some(make(
                    relabel(service.host, leader),
                    others,
                    total,
                    in_leader,
                ));
            }
        }
    }
    if let Some(limit) = &service.max_span {
        super::span::check(&unit.regions, limit)?;
    }
    Ok(layout)
}

fn relabel(host: Host, code: &str) -> String {
    match host.provider() {
        Some(p) => format!("{}:{code}", p.slug()),
        None => code.to_string(),
    }
}

fn any_rule(
    codes: &[&str],
    min: u32,
    max: Option<u32>,
    only: Option<&[String]>,
) -> Result<(), Broken> {
    let have = codes.len();
    if have < min as usize {
        return Err(Broken::TooFewRegions { have, min });
    }
    if let Some(max) = max.filter(|m| have > *m as usize) {
        return Err(Broken::TooManyRegions { have, max });
    }
    if let Some(only) = only {
        if let Some(r) = codes.iter().find(|c| !only.iter().any(|o| o == *c)) {
            return Err(Broken::RegionNotOffered {
                region: r.to_string(),
            });
        }
    }
    Ok(())
}

/// Voters for a service with fixed per-range counts (CockroachDB) or a plain majority over
/// one replica per region (consensus services without counts).
fn counted_voters(service: &Service, unit: &Unit) -> Option<Voters> {
    let leader = unit.leader.clone()?;
    let others: Vec<String> = unit.regions.iter().skip(1).cloned().collect();
    match (service.voters, &service.write) {
        (Some(VoterCounts { home, total }), _) => {
            Some(Voters::majority(leader, others, total, home))
        }
        (None, super::data::WriteRule::Quorum { .. }) => {
            let n = others.len() as u32 + 1;
            Some(Voters::majority(leader, others, n, 1))
        }
        _ => None,
    }
}

/// Checks that all regions share one set; returns the witness region the set adds when one
/// copy is missing (the set's first region not in the placement).
fn sets_rule<'s>(
    codes: &[&str],
    copies: u32,
    witness: bool,
    sets: &'s [super::data::RegionSet],
) -> Result<Option<&'s str>, Broken> {
    let have = codes.len();
    let ok_count = have == copies as usize || (witness && have + 1 == copies as usize);
    let set_of = |code: &str| sets.iter().find(|s| s.regions.iter().any(|r| r == code));
    let mut first: Option<(&str, &super::data::RegionSet)> = None;
    for code in codes {
        let Some(set) = set_of(code) else {
            return Err(Broken::NotInAnySet {
                region: code.to_string(),
            });
        };
        match first {
            None => first = Some((code, set)),
            Some((a, a_set)) if a_set.name != set.name => {
                let (mut x, mut y) = ((a, &a_set.name), (*code, &set.name));
                if y.0 < x.0 {
                    std::mem::swap(&mut x, &mut y);
                }
                return Err(Broken::AcrossSets {
                    a: x.0.to_string(),
                    a_set: x.1.clone(),
                    b: y.0.to_string(),
                    b_set: y.1.clone(),
                });
            }
            _ => {}
        }
    }
    if !ok_count {
        return Err(Broken::WrongCopyCount {
            have,
            copies,
            witness,
        });
    }
    let Some((_, set)) = first else {
        return Err(Broken::WrongCopyCount {
            have,
            copies,
            witness,
        });
    };
    Ok((have + 1 == copies as usize)
        .then(|| {
            set.regions
                .iter()
                .map(String::as_str)
                .find(|r| !codes.contains(r))
        })
        .flatten())
}

fn configurations_rule<'c>(
    codes: &[&str],
    leader: Option<&str>,
    configs: &'c [Configuration],
) -> Result<&'c Configuration, Broken> {
    let holds = |c: &Configuration| codes.iter().all(|r| c.regions().any(|x| x == *r));
    let mut leader_problem = None;
    for c in configs.iter().filter(|c| holds(c)) {
        match leader {
            Some(l) if !c.read_write.iter().any(|r| r == l) => {
                leader_problem.get_or_insert(Broken::LeaderNotWritable {
                    configuration: c.name.clone(),
                    leader: l.to_string(),
                });
            }
            _ => return Ok(c),
        }
    }
    if let Some(p) = leader_problem {
        return Err(p);
    }
    // The closest: the configuration missing the fewest of the placement's regions.
    let missing = |c: &Configuration| -> Vec<String> {
        codes
            .iter()
            .filter(|r| !c.regions().any(|x| x == **r))
            .map(|r| r.to_string())
            .collect()
    };
    let closest = configs
        .iter()
        .min_by_key(|c| missing(c).len())
        .map(|c| (c.name.clone(), missing(c)))
        .unwrap_or_default();
    Err(Broken::NoConfiguration {
        closest: closest.0,
        missing: closest.1,
    })
}
