//! The topology of one data class's placement: which places hold which roles and which
//! replication links join them, each with its RTT. Pure data; the UI draws it on the map.

use crate::engine::posture::Posture;
use crate::engine::report::Evaluation;
use crate::geo::LatLon;
use crate::latency::rtt;
use crate::place::Place;
use crate::plan::PlaceRef;

/// A place on the topology with every role it holds for this class.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub label: String,
    pub at: LatLon,
    pub jurisdiction: String,
    /// e.g. `["primary"]`, `["leader", "voter"]`, `["home: Europe"]`.
    pub roles: Vec<String>,
}

/// How a link replicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// The write waits for this link (synchronous standby, consensus quorum).
    Sync,
    /// Replicated after the acknowledgement.
    Async,
    /// Periodic backup copies.
    Backup,
}

impl LinkKind {
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Sync => "sync",
            LinkKind::Async => "async",
            LinkKind::Backup => "backup",
        }
    }
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
    /// Builds the topology of `eval`'s placement over the plan's `regions`. Labels that do
    /// not resolve (a plan edited since) are skipped rather than drawn in the wrong place.
    pub fn of(regions: &[PlaceRef], eval: &Evaluation) -> Topology {
        let places: Vec<(String, Place)> = regions
            .iter()
            .filter_map(|r| r.resolve().ok().map(|p| (r.label(), p)))
            .collect();
        let mut t = Topology::default();
        let idx = |t: &mut Topology, label: &str, role: String| -> Option<usize> {
            let (_, place) = places.iter().find(|(l, _)| l == label)?;
            let i = match t.nodes.iter().position(|n| n.label == label) {
                Some(i) => i,
                None => {
                    t.nodes.push(Node {
                        label: label.to_string(),
                        at: place.location(),
                        jurisdiction: place.jurisdiction().to_string(),
                        roles: Vec::new(),
                    });
                    t.nodes.len() - 1
                }
            };
            if !t.nodes[i].roles.contains(&role) {
                t.nodes[i].roles.push(role);
            }
            Some(i)
        };
        let p = &eval.placement;
        let sync_standby = eval.posture == Posture::SyncStandby;
        let multi_writer = eval.posture == Posture::ActiveActiveMultiWriter;
        let mut pairs: Vec<(usize, usize, LinkKind)> = Vec::new();

        let primary = p
            .primary
            .as_deref()
            .and_then(|l| idx(&mut t, l, "primary".into()));
        if let Some(s) = p
            .standby
            .as_deref()
            .and_then(|l| idx(&mut t, l, "standby".into()))
        {
            let kind = if sync_standby {
                LinkKind::Sync
            } else {
                LinkKind::Async
            };
            if let Some(pr) = primary {
                pairs.push((pr, s, kind));
            }
        }
        let leader = p
            .leader
            .as_deref()
            .and_then(|l| idx(&mut t, l, "leader".into()));
        let replica_role = if multi_writer { "writer" } else { "replica" };
        let replicas: Vec<usize> = p
            .replicas
            .iter()
            .filter_map(|l| idx(&mut t, l, replica_role.into()))
            .collect();
        for v in &p.voters {
            if let (Some(vi), Some(li)) = (idx(&mut t, v, "voter".into()), leader) {
                if vi != li {
                    pairs.push((li, vi, LinkKind::Sync));
                }
            }
        }
        if multi_writer {
            for (a, &x) in replicas.iter().enumerate() {
                for &y in &replicas[a + 1..] {
                    pairs.push((x, y, LinkKind::Async));
                }
            }
        } else if let Some(pr) = primary {
            pairs.extend(replicas.iter().map(|&r| (pr, r, LinkKind::Async)));
        }
        for h in &p.homes {
            let home = idx(&mut t, &h.region, format!("home: {}", h.population));
            let standby = h
                .standby
                .as_deref()
                .and_then(|s| idx(&mut t, s, format!("standby: {}", h.population)));
            if let (Some(a), Some(b)) = (home, standby) {
                pairs.push((a, b, LinkKind::Async));
            }
        }
        if let Some(b) = p
            .backup
            .as_deref()
            .and_then(|l| idx(&mut t, l, "backup".into()))
        {
            if let Some(src) = primary.or(leader) {
                if src != b && !pairs.iter().any(|&(x, y, _)| (x, y) == (src, b)) {
                    pairs.push((src, b, LinkKind::Backup));
                }
            }
        }
        for (from, to, kind) in pairs {
            if from == to
                || t.links
                    .iter()
                    .any(|l| (l.from, l.to) == (from, to) || (l.from, l.to) == (to, from))
            {
                continue;
            }
            let a = &places
                .iter()
                .find(|(l, _)| *l == t.nodes[from].label)
                .map(|x| x.1.clone());
            let b = &places
                .iter()
                .find(|(l, _)| *l == t.nodes[to].label)
                .map(|x| x.1.clone());
            if let (Some(a), Some(b)) = (a, b) {
                t.links.push(Link {
                    from,
                    to,
                    kind,
                    rtt_p50_ms: rtt(a, b).p50_ms,
                });
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
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
        assert_eq!(Some(&a.label), e.placement.primary.as_ref());
        assert_eq!(Some(&b.label), e.placement.standby.as_ref());
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
                assert_eq!(n_sync, e.placement.voters.len() - 1, "{}", c.name);
            }
        }
    }
}
