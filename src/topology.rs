//! The topology of one data class's placement: which places hold which roles and which
//! replication links join them, each with its RTT. Pure data; the UI draws it on the map.

use crate::engine::report::{Evaluation, LinkKind};
use crate::geo::LatLon;
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

/// Places one label per point (map units) so that no two label boxes overlap: labels sit
/// beside their point, on the side facing the frame's centre, and slide down a line at a
/// time past any label already placed and any `fixed` box (x0, x1, top, bottom), such as
/// the links' RTT labels. `widths` are the labels' estimated widths, `line` the line height,
/// `center_x` the frame's centre.
pub fn layout_labels(
    points: &[(f64, f64)],
    widths: &[f64],
    line: f64,
    center_x: f64,
    fixed: &[(f64, f64, f64, f64)],
) -> Vec<LabelSpot> {
    let gap = line * 0.8;
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| {
        points[a]
            .1
            .total_cmp(&points[b].1)
            .then(points[a].0.total_cmp(&points[b].0))
    });
    let mut placed: Vec<(f64, f64, f64, f64)> = fixed.to_vec(); // x0, x1, top, bottom
    let mut spots = vec![
        LabelSpot {
            x: 0.0,
            y: 0.0,
            anchor_end: false
        };
        points.len()
    ];
    for i in order {
        let (px, py) = points[i];
        let anchor_end = px > center_x;
        let x = if anchor_end { px - gap } else { px + gap };
        let (x0, x1) = if anchor_end {
            (x - widths[i], x)
        } else {
            (x, x + widths[i])
        };
        let mut y = py + line * 0.35; // baseline: text centred on the point
        for _ in 0..12 {
            let (t, b) = (y - line * 0.8, y + line * 0.2);
            let clash = placed
                .iter()
                .any(|&(a0, a1, at, ab)| x0 < a1 && a0 < x1 && t < ab && at < b);
            if !clash {
                break;
            }
            y += line;
        }
        placed.push((x0, x1, y - line * 0.8, y + line * 0.2));
        spots[i] = LabelSpot { x, y, anchor_end };
    }
    spots
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

    #[test]
    fn labels_of_nearby_places_do_not_overlap() {
        // Frankfurt, Ireland and London: three labels within a few degrees of each other.
        let pts = [(8.7, -50.1), (-6.3, -53.3), (-0.1, -51.5)];
        let widths = [30.0, 30.0, 30.0];
        let spots = layout_labels(&pts, &widths, 3.0, 0.0, &[]);
        let boxes: Vec<(f64, f64, f64, f64)> = spots
            .iter()
            .zip(widths)
            .map(|(s, w)| {
                let (x0, x1) = if s.anchor_end {
                    (s.x - w, s.x)
                } else {
                    (s.x, s.x + w)
                };
                (x0, x1, s.y - 2.4, s.y + 0.6)
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap = a.0 < b.1 && b.0 < a.1 && a.2 < b.3 && b.2 < a.3;
                assert!(!overlap, "{a:?} overlaps {b:?}");
            }
        }
        // East of the centre the label sits to the left of its point.
        assert!(spots[0].anchor_end && spots[0].x < 8.7);
    }
}
