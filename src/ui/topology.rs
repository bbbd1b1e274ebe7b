//! Per-class topology map: roles on the map, replication links labelled with RTT and
//! sync/async, user populations, and the residency rule that binds the copies.

use leptos::prelude::*;

use crate::engine::report::Evaluation;
use crate::plan::{PlaceRef, Residency, UserPopulation};
use crate::topology::{layout_labels, Topology};

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
    // Keep the frame on the land outline's extent (75° N to 56° S) rather than empty sky.
    let y = (cy - h / 2.0).min(56.0 - h).max(-75.0);
    (cx - w / 2.0, y, w, h)
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
    let binding = crate::present::residency_requirement(&residency);
    // Link labels first (midpoint, nudged off the line); node labels then avoid them.
    let link_font = 2.2 * s;
    let link_labels: Vec<(f64, f64, String)> = t
        .links
        .iter()
        .map(|l| {
            let (a, b) = (&t.nodes[l.from], &t.nodes[l.to]);
            let (dx, dy) = (b.at.lon - a.at.lon, -(b.at.lat - a.at.lat));
            let len = dx.hypot(dy).max(1e-9);
            let mx = (a.at.lon + b.at.lon) / 2.0 - dy / len * 1.6 * s;
            let my = -(a.at.lat + b.at.lat) / 2.0 + dx / len * 1.6 * s;
            (
                mx,
                my,
                format!(
                    "{} {}",
                    crate::present::ms(l.rtt_p50_ms),
                    crate::present::link_kind(l.kind)
                ),
            )
        })
        .collect();
    let link_boxes: Vec<(f64, f64, f64, f64)> = link_labels
        .iter()
        .map(|(mx, my, text)| {
            let half = text.chars().count() as f64 * link_font * 0.28;
            (mx - half, mx + half, my - link_font, my + link_font * 0.2)
        })
        .collect();
    let links = t.links.iter().zip(&link_labels).map(|(l, (mx, my, text))| {
        let (a, b) = (&t.nodes[l.from], &t.nodes[l.to]);
        view! {
            <line class=format!("link {}", crate::present::link_kind(l.kind)) x1=a.at.lon y1=-a.at.lat x2=b.at.lon y2=-b.at.lat />
            <text class="link-label" x=*mx y=*my font-size=link_font text-anchor="middle">{text.clone()}</text>
        }
    }).collect_view();
    // Labels are laid out together so that nearby regions' labels do not overlap.
    let font = 2.6 * s;
    // Short labels ("aws:us-west-2 (standby)"); whose home or standby it is goes in the caption.
    let texts: Vec<String> = t
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
    let widths: Vec<f64> = texts
        .iter()
        .map(|l| l.chars().count() as f64 * font * 0.56)
        .collect();
    let points: Vec<(f64, f64)> = t.nodes.iter().map(|n| (n.at.lon, -n.at.lat)).collect();
    let spots = layout_labels(&points, &widths, font * 1.25, x + w / 2.0, &link_boxes);
    let nodes = t.nodes.iter().zip(spots).zip(texts).map(|((n, spot), text)| view! {
        <circle class="node" cx=n.at.lon cy=-n.at.lat r=1.6 * s />
        // A label pushed down past others gets a leader line back to its place.
        {(spot.y - (-n.at.lat) > font).then(|| view! {
            <line class="leader" x1=n.at.lon y1=-n.at.lat x2=spot.x y2=spot.y - font * 0.35 />
        })}
        <text class="node-label" x=spot.x y=spot.y font-size=font text-anchor=if spot.anchor_end { "end" } else { "start" }>
            {text}
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
