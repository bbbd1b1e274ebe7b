//! Per-class topology map: roles on the map, replication links labelled with RTT and
//! sync/async, user populations, and the residency rule that binds the copies.

use leptos::prelude::*;

use crate::engine::report::Evaluation;
use crate::geo::LatLon;
use crate::plan::{PlaceRef, Residency, UserPopulation};
use crate::topology::Topology;

use super::map::Land;

#[component]
pub fn TopologyMap(
    regions: Vec<PlaceRef>,
    users: Vec<UserPopulation>,
    eval: Evaluation,
    residency: Residency,
    index: usize,
) -> impl IntoView {
    let t = Topology::of(&regions, &eval);
    let users: Vec<(String, LatLon)> = users
        .iter()
        .filter_map(|u| {
            u.place
                .resolve()
                .ok()
                .map(|p| (u.name.clone(), p.location()))
        })
        .collect();
    let d = t.drawing(&users);
    let (x, y, w, h) = d.frame;
    let binding = crate::present::residency_requirement(&residency);
    let land = d
        .land_offsets
        .iter()
        .map(|o| view! { <g transform=format!("translate({o} 0)")><Land /></g> })
        .collect_view();
    let links = d.links.iter().map(|l| {
        let points = l.path.iter().map(|(px, py)| format!("{px:.2},{py:.2}")).collect::<Vec<_>>().join(" ");
        view! {
            <polyline class=format!("link {}", crate::present::link_kind(l.kind)) points=points />
            <text class="link-label" x=l.label_at.0 y=l.label_at.1 font-size=d.link_font text-anchor="middle">{l.text.clone()}</text>
        }
    }).collect_view();
    let font = d.font;
    let nodes = d.nodes.iter().map(|n| view! {
        <circle class="node" cx=n.x cy=n.y r=d.dot_r />
        // A label pushed down past others gets a leader line back to its place.
        {n.leader.map(|(x1, y1, x2, y2)| view! { <line class="leader" x1=x1 y1=y1 x2=x2 y2=y2 /> })}
        <text class="node-label" x=n.spot.x y=n.spot.y font-size=font text-anchor=if n.spot.anchor_end { "end" } else { "start" }>
            {n.text.clone()}
        </text>
    }).collect_view();
    // Where the map is wider than the screen, start it scrolled to its middle (the
    // plan's places), not at its left edge. Read in the next animation frame, when the
    // browser lays the page out anyway: read straight after building, each map forced a
    // layout of its own while the rest of the results were still being patched.
    // Once per map: an edit patches the open card's map in place (the same element, a new
    // effect), and reading its width again would lay out the card's body each edit, which is
    // otherwise skipped while off screen (style/main.css). A scroll the reader made is kept.
    let scroller = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            let centred = wasm_bindgen::JsValue::from_str("meridianCentred");
            if js_sys::Reflect::has(&el, &centred).unwrap_or(false) {
                return;
            }
            let _ = js_sys::Reflect::set(&el, &centred, &wasm_bindgen::JsValue::TRUE);
            request_animation_frame(move || {
                let over = el.scroll_width() - el.client_width();
                if over > 0 {
                    el.set_scroll_left(over / 2);
                }
            });
        }
    });
    let q = d.diamond_half;
    let user_marks = d.users.iter().map(|(name, ux, uy)| view! {
        <rect class="user" x=ux - q y=uy - q width=2.0 * q height=2.0 * q transform=format!("rotate(45 {ux} {uy})")>
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
            // Never narrower than 660 px, so its text stays at 11 px or more; it scrolls.
            <div class="map-scroll" tabindex="0" node_ref=scroller>
            <svg class="map" viewBox=format!("{x:.1} {y:.1} {w:.1} {h:.1}") role="img"
                aria-label=format!("Topology of the {} posture", eval.posture.slug())>
                {land}
                {links}
                {nodes}
                // Populations above the regions, so a region never hides them.
                {user_marks}
            </svg>
            </div>
            <figcaption>
                "Solid: synchronous (the write waits); dashed: asynchronous; dotted: backups. RTT labels are p50 from the latency model (see About the numbers). Residency: "
                {binding} "." {(!copies.is_empty()).then(|| format!(" Copies: {copies}."))}
            </figcaption>
        </figure>
    }
}
