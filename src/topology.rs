//! The topology of one data class's placement: which places hold which roles and which
//! replication links join them, each with its RTT. Pure data; the UI draws it on the map.

use crate::engine::report::{Evaluation, LinkKind};
use crate::geo::LatLon;
use crate::place::Place;
use crate::plan::PlaceRef;

mod draw;
#[cfg(test)]
mod tests_draw;

pub use draw::{great_circle, overlaps, Drawing, DrawnLink, DrawnNode, Rect};

/// A place on the topology with every role it holds for this class.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub label: String,
    pub at: LatLon,
    pub jurisdiction: String,
    /// e.g. `["primary"]`, `["leader", "voter"]`, `["home: Europe"]`.
    pub roles: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    pub kind: LinkKind,
    /// p50 round trip between the two ends (ms), from the latency model.
    pub rtt_p50_ms: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Topology {
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
}

impl Topology {
    /// The topology of `eval`'s placement over the plan's `regions`: the copies and links
    /// the engine computed, placed at their coordinates. Labels that do not resolve (a plan
    /// edited since) are skipped rather than drawn in the wrong place.
    pub fn of(regions: &[PlaceRef], eval: &Evaluation) -> Topology {
        let places: Vec<(String, Place)> = regions
            .iter()
            .filter_map(|r| r.resolve().ok().map(|p| (r.label(), p)))
            .collect();
        let mut t = Topology::default();
        let Some(placement) = &eval.placement else {
            return t;
        };
        let node = |t: &mut Topology, label: &str| -> Option<usize> {
            if let Some(i) = t.nodes.iter().position(|n| n.label == label) {
                return Some(i);
            }
            let (_, place) = places.iter().find(|(l, _)| l == label)?;
            t.nodes.push(Node {
                label: label.to_string(),
                at: place.location(),
                jurisdiction: place.jurisdiction().to_string(),
                roles: Vec::new(),
            });
            Some(t.nodes.len() - 1)
        };
        for (role, region) in placement.copies() {
            if let Some(i) = node(&mut t, region) {
                let role = crate::present::role(&role);
                if !t.nodes[i].roles.contains(&role) {
                    t.nodes[i].roles.push(role);
                }
            }
        }
        for l in &eval.links {
            if let (Some(from), Some(to)) = (node(&mut t, &l.from), node(&mut t, &l.to)) {
                t.links.push(Link {
                    from,
                    to,
                    kind: l.kind,
                    rtt_p50_ms: l.rtt_p50_ms,
                });
            }
        }
        t
    }
}

/// Where a node's label goes: its anchor point and whether the text ends there (placed to
/// the node's left) rather than starts there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelSpot {
    pub x: f64,
    pub y: f64,
    pub anchor_end: bool,
}

/// The labels the map shows: one per node ("aws:us-west-2 (standby)"; whose home or
/// standby it is goes in the caption) and one per link ("68 ms sync").
pub fn texts(t: &Topology) -> (Vec<String>, Vec<String>) {
    let nodes = t
        .nodes
        .iter()
        .map(|n| {
            let mut roles: Vec<&str> = n
                .roles
                .iter()
                .map(|r| r.split(':').next().unwrap_or(r))
                .collect();
            roles.dedup();
            format!("{} ({})", n.label, roles.join(", "))
        })
        .collect();
    let links = t
        .links
        .iter()
        .map(|l| {
            format!(
                "{} {}",
                crate::present::ms(l.rtt_p50_ms),
                crate::present::link_kind(l.kind)
            )
        })
        .collect();
    (nodes, links)
}

impl Topology {
    /// The map of this topology with its populations (name, place): see [`draw::draw`].
    pub fn drawing(&self, users: &[(String, LatLon)]) -> Drawing {
        let (nodes, links) = texts(self);
        draw::draw(self, users, &nodes, &links)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{evaluate, Posture};
    use crate::latency::rtt;
    use crate::plan::Plan;

    #[test]
    fn sync_standby_draws_one_sync_link_with_the_models_rtt() {
        let plan = Plan::example();
        let report = evaluate(&plan).unwrap();
        let ledger = report.classes.iter().find(|c| c.name == "ledger").unwrap();
        let e = ledger
            .evaluations
            .iter()
            .find(|e| e.posture == Posture::SyncStandby && e.placeable)
            .unwrap();
        let t = Topology::of(&plan.regions, e);
        let sync: Vec<_> = t
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Sync)
            .collect();
        assert_eq!(sync.len(), 1);
        let (a, b) = (&t.nodes[sync[0].from], &t.nodes[sync[0].to]);
        assert_eq!(
            Some(a.label.as_str()),
            e.placement.as_ref().unwrap().primary()
        );
        assert_eq!(
            Some(b.label.as_str()),
            e.placement.as_ref().unwrap().standby()
        );
        let pa = crate::plan::PlaceRef::key(&a.label).resolve().unwrap();
        let pb = crate::plan::PlaceRef::key(&b.label).resolve().unwrap();
        assert_eq!(sync[0].rtt_p50_ms, rtt(&pa, &pb).p50_ms);
    }

    #[test]
    fn consensus_links_the_leader_to_every_other_voter() {
        let plan = Plan::example();
        let report = evaluate(&plan).unwrap();
        for c in &report.classes {
            for e in c
                .evaluations
                .iter()
                .filter(|e| e.posture == Posture::GlobalConsensus && e.placeable)
            {
                let t = Topology::of(&plan.regions, e);
                let n_sync = t.links.iter().filter(|l| l.kind == LinkKind::Sync).count();
                assert_eq!(
                    n_sync,
                    e.placement.as_ref().unwrap().regions().len() - 1,
                    "{}",
                    c.name
                );
            }
        }
    }
}
