//! Per-class topology map: roles on the map, replication links labelled with RTT and
//! sync/async, user populations, and the residency rule that binds the copies.

use leptos::prelude::*;

use crate::engine::report::Evaluation;
use crate::plan::{PlaceRef, Residency, UserPopulation};
use crate::topology::Topology;

use super::map::Land;

/// A view box around the points, padded, at least 40° wide and 2:1 like the world map.
fn frame(points: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in points {
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    if points.is_empty() {
        return (-180.0, -75.0, 360.0, 131.0);
    }
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let w = ((x1 - x0) * 1.3 + 16.0)
        .max(40.0)
        .max((y1 - y0) * 2.6 + 16.0)
        .min(360.0);
    let h = w / 2.0;
    (cx - w / 2.0, cy - h / 2.0, w, h)
}

#[component]
pub fn TopologyMap(
    regions: Vec<PlaceRef>,
    users: Vec<UserPopulation>,
    eval: Evaluation,
    residency: Residency,
    index: usize,
) -> impl IntoView {
    let t = Topology::of(&regions, &eval);
    let users: Vec<(String, f64, f64)> = users
        .iter()
        .filter_map(|u| {
            u.place
                .resolve()
                .ok()
                .map(|p| (u.name.clone(), p.location().lon, -p.location().lat))
        })
        .collect();
    let mut pts: Vec<(f64, f64)> = t.nodes.iter().map(|n| (n.at.lon, -n.at.lat)).collect();
    pts.extend(users.iter().map(|u| (u.1, u.2)));
    let (x, y, w, h) = frame(&pts);
    // Text and markers are sized in map degrees, so scale them with the frame.
    let s = w / 120.0;
    let binding = match &residency {
        Residency::None => "no residency constraint".to_string(),
        Residency::Pinned { jurisdictions } => {
            format!("every copy must stay in {}", jurisdictions.join(", "))
        }
        Residency::PerOwner => {
            "each record stays in its owner population's jurisdiction".to_string()
        }
    };
    let links = t.links.iter().map(|l| {
        let (a, b) = (&t.nodes[l.from], &t.nodes[l.to]);
        let (mx, my) = ((a.at.lon + b.at.lon) / 2.0, -(a.at.lat + b.at.lat) / 2.0);
        view! {
            <line class=format!("link {}", l.kind.label()) x1=a.at.lon y1=-a.at.lat x2=b.at.lon y2=-b.at.lat />
            <text class="link-label" x=mx y=my - 1.2 * s font-size=2.6 * s text-anchor="middle">
                {format!("{:.0} ms {}", l.rtt_p50_ms, l.kind.label())}
            </text>
        }
    }).collect_view();
    let nodes = t.nodes.iter().map(|n| view! {
        <circle class="node" cx=n.at.lon cy=-n.at.lat r=1.6 * s />
        <text class="node-label" x=n.at.lon + 2.2 * s y=-n.at.lat + 1.0 * s font-size=2.6 * s>
            {format!("{} ({})", n.label, n.roles.join(", "))}
        </text>
    }).collect_view();
    let user_marks = users.iter().map(|(name, ux, uy)| view! {
        <rect class="user" x=ux - 1.2 * s y=uy - 1.2 * s width=2.4 * s height=2.4 * s transform=format!("rotate(45 {ux} {uy})")>
            <title>{format!("Users: {name}")}</title>
        </rect>
    }).collect_view();
    let copies = eval
        .residency
        .iter()
        .map(|c| {
            format!(
                "{} {} in {}{}",
                c.role,
                c.place,
                c.jurisdiction,
                if c.compliant {
                    ""
                } else {
                    " (outside the allowed jurisdictions)"
                }
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <figure class="topology" data-testid=format!("topology-{index}")>
            <svg class="map" viewBox=format!("{x:.1} {y:.1} {w:.1} {h:.1}") role="img"
                aria-label=format!("Topology of the {} posture", eval.posture.slug())>
                <Land />
                {links}
                {user_marks}
                {nodes}
            </svg>
            <figcaption>
                "Solid: synchronous (the write waits); dashed: asynchronous; dotted: backups. RTT labels are p50 from the latency model (see About the numbers). Residency: "
                {binding} "." {(!copies.is_empty()).then(|| format!(" Copies: {copies}."))}
            </figcaption>
        </figure>
    }
}
