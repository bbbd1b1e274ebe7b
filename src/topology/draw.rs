//! Where everything on a topology map goes, in map units (x = longitude, y = -latitude,
//! plain equirectangular): links along great circles, the frame around the plan's places,
//! and labels placed clear of every dot, diamond and other label. Pure, so the layout is
//! tested natively; the UI only draws it.

use crate::engine::report::LinkKind;
use crate::geo::LatLon;

use super::{LabelSpot, Topology};

/// A box (x0, x1, top, bottom) in map units.
pub type Rect = (f64, f64, f64, f64);

pub fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.1 && b.0 < a.1 && a.2 < b.3 && b.2 < a.3
}

#[derive(Clone, Debug, PartialEq)]
pub struct DrawnNode {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub spot: LabelSpot,
    pub label_box: Rect,
    /// A line from the dot to a label that slid away from it.
    pub leader: Option<(f64, f64, f64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DrawnLink {
    pub kind: LinkKind,
    /// The great-circle route, continuous in x (it may run past ±180 to cross the
    /// antimeridian the short way; the land is drawn again beside itself there).
    pub path: Vec<(f64, f64)>,
    pub text: String,
    /// Centre of the label's baseline.
    pub label_at: (f64, f64),
    pub label_box: Rect,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// View box: x, y, width, height.
    pub frame: Rect,
    /// Horizontal offsets at which to draw the land (0, and ±360 when the frame runs past
    /// the antimeridian).
    pub land_offsets: Vec<f64>,
    pub nodes: Vec<DrawnNode>,
    pub links: Vec<DrawnLink>,
    /// Populations: name, x, y.
    pub users: Vec<(String, f64, f64)>,
    pub dot_r: f64,
    pub diamond_half: f64,
    pub font: f64,
    pub link_font: f64,
}

impl Drawing {
    /// Every dot and diamond as a box, for label placement and tests.
    pub fn mark_boxes(&self) -> Vec<Rect> {
        let (r, d) = (self.dot_r, self.diamond_half * std::f64::consts::SQRT_2);
        let dots = self
            .nodes
            .iter()
            .map(|n| (n.x - r, n.x + r, n.y - r, n.y + r));
        let users = self
            .users
            .iter()
            .map(|u| (u.1 - d, u.1 + d, u.2 - d, u.2 + d));
        dots.chain(users).collect()
    }

    pub fn label_boxes(&self) -> Vec<Rect> {
        let links = self.links.iter().map(|l| l.label_box);
        links
            .chain(self.nodes.iter().map(|n| n.label_box))
            .collect()
    }
}

fn unit(p: LatLon) -> [f64; 3] {
    let (la, lo) = (p.lat.to_radians(), p.lon.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

/// Points along the great circle from `a` to `b` as (lon, lat), longitudes continuous from
/// `a.lon` (so a route over the Pacific runs past 180 rather than jumping back).
pub fn great_circle(a: LatLon, b: LatLon, steps: usize) -> Vec<(f64, f64)> {
    let (u, v) = (unit(a), unit(b));
    let dot = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]).clamp(-1.0, 1.0);
    let omega = dot.acos();
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(steps + 1);
    for k in 0..=steps {
        let t = k as f64 / steps as f64;
        let (wa, wb) = if omega.abs() < 1e-9 {
            (1.0 - t, t)
        } else {
            (
                ((1.0 - t) * omega).sin() / omega.sin(),
                (t * omega).sin() / omega.sin(),
            )
        };
        let p: Vec<f64> = (0..3).map(|i| wa * u[i] + wb * v[i]).collect();
        let lat = p[2].atan2(p[0].hypot(p[1])).to_degrees();
        let mut lon = p[1].atan2(p[0]).to_degrees();
        let prev = out.last().map_or(a.lon, |q| q.0);
        while lon - prev > 180.0 {
            lon -= 360.0;
        }
        while prev - lon > 180.0 {
            lon += 360.0;
        }
        out.push((lon, lat));
    }
    out
}

/// The longitude where the map is cut: the middle of the widest gap between the places,
/// so that a plan around the Pacific is drawn in one piece. Longitudes are then drawn in
/// [cut, cut + 360).
pub fn cut_longitude(lons: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = lons.iter().map(|l| l.rem_euclid(360.0)).collect();
    sorted.sort_by(f64::total_cmp);
    if sorted.len() < 2 {
        return -180.0;
    }
    let mut best = (
        sorted[0] + 360.0 - sorted[sorted.len() - 1],
        sorted[sorted.len() - 1],
    );
    for w in sorted.windows(2) {
        if w[1] - w[0] > best.0 {
            best = (w[1] - w[0], w[0]);
        }
    }
    // Prefer the usual cut at 180 when it lies inside the widest gap.
    let (gap, from) = best;
    if (180.0 - from).rem_euclid(360.0) < gap {
        return -180.0;
    }
    from + gap / 2.0 - 360.0
}

fn shift(lon: f64, cut: f64) -> f64 {
    cut + (lon - cut).rem_euclid(360.0)
}

/// A view box around the points, padded, at least 40 degrees wide, and between 3:1 and
/// 1.5:1, so a plan spread east to west is not framed with half a globe of sky.
fn frame(points: &[(f64, f64)]) -> Rect {
    if points.is_empty() {
        return (-180.0, 180.0, -75.0, 56.0);
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in points {
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let w = ((x1 - x0) * 1.3 + 16.0).clamp(40.0, 360.0);
    let h = ((y1 - y0) * 1.3 + 12.0).max(w / 3.0);
    let w = w.max(h * 1.5);
    (cx - w / 2.0, cx + w / 2.0, cy - h / 2.0, cy + h / 2.0)
}

/// `r` grown to an aspect between 3:1 and 1.5:1 about its centre.
fn aspect(r: Rect) -> Rect {
    let (w, h) = (r.1 - r.0, r.3 - r.2);
    let (cx, cy) = ((r.0 + r.1) / 2.0, (r.2 + r.3) / 2.0);
    let h2 = h.max(w / 3.0);
    let w2 = w.max(h2 * 1.5);
    (cx - w2 / 2.0, cx + w2 / 2.0, cy - h2 / 2.0, cy + h2 / 2.0)
}

fn text_box(cx: f64, baseline: f64, width: f64, font: f64, anchor: Anchor) -> Rect {
    let x0 = match anchor {
        Anchor::Start => cx,
        Anchor::Middle => cx - width / 2.0,
        Anchor::End => cx - width,
    };
    (
        x0,
        x0 + width,
        baseline - font * 0.8,
        baseline + font * 0.25,
    )
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Middle,
    End,
}

/// Estimated width of text in map units (sans-serif averages about 0.56 em a character).
fn width(text: &str, font: f64) -> f64 {
    text.chars().count() as f64 * font * 0.56
}

/// Lays out `t` with its populations (name, place). `texts` are the node labels, in node
/// order; `link_texts` the link labels, in link order.
pub fn draw(
    t: &Topology,
    users: &[(String, LatLon)],
    texts: &[String],
    link_texts: &[String],
) -> Drawing {
    // Text is sized from the frame's width, and the frame grows to take in the labels:
    // lay out again at the grown width until the text is at least a 60th of the frame
    // (11 px on a map shown 660 px wide).
    let mut wide = None;
    let mut d = layout(t, users, texts, link_texts, wide);
    for _ in 0..6 {
        if d.font >= d.frame.2 * MIN_FONT {
            break;
        }
        wide = Some(d.frame.2 * 1.05);
        d = layout(t, users, texts, link_texts, wide);
    }
    d
}

/// Text size as a share of the frame's width.
pub const MIN_FONT: f64 = 2.0 / 120.0;

fn layout(
    t: &Topology,
    users: &[(String, LatLon)],
    texts: &[String],
    link_texts: &[String],
    min_width: Option<f64>,
) -> Drawing {
    let lons: Vec<f64> = t
        .nodes
        .iter()
        .map(|n| n.at.lon)
        .chain(users.iter().map(|u| u.1.lon))
        .collect();
    let cut = cut_longitude(&lons);
    let xy = |p: LatLon| (shift(p.lon, cut), -p.lat);
    let node_xy: Vec<(f64, f64)> = t.nodes.iter().map(|n| xy(n.at)).collect();
    let user_xy: Vec<(String, f64, f64)> = users
        .iter()
        .map(|(name, at)| {
            let (x, y) = xy(*at);
            (name.clone(), x, y)
        })
        .collect();
    let mut all: Vec<(f64, f64)> = node_xy.clone();
    all.extend(user_xy.iter().map(|u| (u.1, u.2)));
    let mut fr = frame(&all);
    // Text and markers are sized in map degrees, so they scale with the frame.
    if let Some(w) = min_width.filter(|w| *w > fr.1 - fr.0) {
        let c = (fr.0 + fr.1) / 2.0;
        fr = (c - w / 2.0, c + w / 2.0, fr.2, fr.3);
    }
    let s = (fr.1 - fr.0) / 120.0;
    // A diamond smaller than a dot: a population in a region's city shows inside its dot.
    // Text at 2 units a 120th of the frame: 11 px or more on a map shown 660 px wide or more
    // (the page never shows it narrower; it scrolls instead).
    let (dot_r, diamond_half, font, link_font) = (1.6 * s, 0.8 * s, 2.0 * s, 2.0 * s);
    let mut d = Drawing {
        frame: fr,
        land_offsets: Vec::new(),
        nodes: Vec::new(),
        links: Vec::new(),
        users: user_xy,
        dot_r,
        diamond_half,
        font,
        link_font,
    };
    let mut taken = d_marks(&node_xy, &d);
    // Link labels first, at the first spot along the route clear of marks and labels.
    for (l, text) in t.links.iter().zip(link_texts) {
        let (a, b) = (t.nodes[l.from].at, t.nodes[l.to].at);
        let mut path: Vec<(f64, f64)> = great_circle(a, b, 32)
            .into_iter()
            .map(|(lon, lat)| (lon, -lat))
            .collect();
        // Start the route at its node's drawn x (the great circle starts from a.lon).
        let dx = node_xy[l.from].0 - path[0].0;
        path.iter_mut().for_each(|p| p.0 += dx);
        let w = width(text, link_font);
        let mut best = None;
        'search: for k in [16, 13, 19, 10, 22, 7, 25, 4, 28] {
            let (p, q) = (path[k], path[(k + 1).min(32)]);
            let (tx, ty) = (q.0 - p.0, q.1 - p.1);
            let len = tx.hypot(ty).max(1e-9);
            for side in [1.0, -1.0, 2.5, -2.5] {
                let off = side * 1.8 * s;
                let (cx, cy) = (
                    p.0 - ty / len * off,
                    p.1 + tx / len * off + link_font * 0.35,
                );
                let bx = text_box(cx, cy, w, link_font, Anchor::Middle);
                if inside(bx, fr) && !taken.iter().any(|&o| overlaps(o, bx)) {
                    best = Some(((cx, cy), bx));
                    break 'search;
                }
            }
        }
        let (label_at, label_box) = best.unwrap_or_else(|| {
            let p = path[16];
            let at = (p.0, p.1 - 2.0 * s);
            (at, text_box(at.0, at.1, w, link_font, Anchor::Middle))
        });
        taken.push(label_box);
        d.links.push(DrawnLink {
            kind: l.kind,
            path,
            text: text.clone(),
            label_at,
            label_box,
        });
    }
    // Node labels beside their dot on the side facing the centre, else the other side,
    // sliding down a line at a time past anything already there.
    let center = (fr.0 + fr.1) / 2.0;
    let line = font * 1.25;
    let mut order: Vec<usize> = (0..node_xy.len()).collect();
    crate::sort::sort_indices_by(&mut order, &|a, b| node_xy[a].1.total_cmp(&node_xy[b].1));
    let mut nodes: Vec<Option<DrawnNode>> = vec![None; node_xy.len()];
    for i in order {
        let (px, py) = node_xy[i];
        let text = texts.get(i).cloned().unwrap_or_default();
        let w = width(&text, font);
        let gap = dot_r + font * 0.4;
        let sides = if px > center {
            [true, false]
        } else {
            [false, true]
        };
        let mut chosen = None;
        'slide: for step in 0..16 {
            let y = py + font * 0.3 + step as f64 * line;
            for end in sides {
                let x = if end { px - gap } else { px + gap };
                let anchor = if end { Anchor::End } else { Anchor::Start };
                let bx = text_box(x, y, w, font, anchor);
                if inside(bx, fr) && !taken.iter().any(|&o| overlaps(o, bx)) {
                    chosen = Some((
                        LabelSpot {
                            x,
                            y,
                            anchor_end: end,
                        },
                        bx,
                    ));
                    break 'slide;
                }
            }
        }
        let (spot, bx) = chosen.unwrap_or_else(|| {
            let y = py + font * 0.3 + 16.0 * line;
            let spot = LabelSpot {
                x: px + gap,
                y,
                anchor_end: false,
            };
            (spot, text_box(spot.x, y, w, font, Anchor::Start))
        });
        taken.push(bx);
        let leader = (spot.y - py > font * 1.2).then_some((px, py, spot.x, bx.2));
        nodes[i] = Some(DrawnNode {
            x: px,
            y: py,
            text,
            spot,
            label_box: bx,
            leader,
        });
    }
    d.nodes = nodes.into_iter().flatten().collect();
    // Grow the frame to take in every label, then draw the land beside
    // itself wherever the frame runs past the antimeridian.
    for b in d.label_boxes() {
        fr = (
            fr.0.min(b.0 - s),
            fr.1.max(b.1 + s),
            fr.2.min(b.2 - s),
            fr.3.max(b.3 + s),
        );
    }
    let fr = aspect(fr);
    d.frame = (fr.0, fr.2, fr.1 - fr.0, fr.3 - fr.2);
    d.land_offsets = [-360.0, 0.0, 360.0]
        .into_iter()
        .filter(|o| fr.0 < 180.0 + o && -180.0 + o < fr.1)
        .collect();
    d
}

/// Labels stay inside the frame, so it need not grow (and the text shrink) to show them.
fn inside(b: Rect, fr: Rect) -> bool {
    fr.0 <= b.0 && b.1 <= fr.1 && fr.2 <= b.2 && b.3 <= fr.3
}

fn d_marks(node_xy: &[(f64, f64)], d: &Drawing) -> Vec<Rect> {
    let r = d.dot_r;
    let q = d.diamond_half * std::f64::consts::SQRT_2;
    node_xy
        .iter()
        .map(|&(x, y)| (x - r, x + r, y - r, y + r))
        .chain(d.users.iter().map(|u| (u.1 - q, u.1 + q, u.2 - q, u.2 + q)))
        .collect()
}
