//! Recovery time after losing a region: one horizontal stacked bar per posture (detection,
//! routing, promotion, warm-up, in seconds), the class's RTO target as a dashed red line.
//!
//! A posture with no failover says so in its row; when one bar dwarfs the rest (backup &
//! restore takes hours) the axis stops at three times the target (or the chosen RTO) and
//! the longer bars end in a "▸" with their total written out, rather than flattening every
//! other bar into a sliver.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Area, Mark, Rows, Scale};
use super::style::{self, LIMIT, TEXT};
use super::{posture_label, render_svg, ChartError, PostureStatus, Table};
use crate::engine::report::{ClassReport, RtoBreakdown};
use crate::engine::Posture;

#[derive(Clone, Debug, PartialEq)]
pub struct RtoRow {
    pub posture: Posture,
    pub chosen: bool,
    pub status: PostureStatus,
    /// `None`: no failover (unavailable until the region returns) or not placeable.
    pub breakdown: Option<RtoBreakdown>,
}

impl RtoRow {
    /// The components in drawing order (s); non-finite or negative ones count as 0.
    pub fn parts(&self) -> Option<[f64; 4]> {
        self.breakdown.as_ref().map(|b| {
            [b.detection_s, b.routing_s, b.promotion_s, b.warmup_s].map(|v| {
                if v.is_finite() && v > 0.0 {
                    v
                } else {
                    0.0
                }
            })
        })
    }

    pub fn total_s(&self) -> Option<f64> {
        self.parts().map(|p| p.iter().sum())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RtoData {
    pub class: String,
    /// The class's RTO target (s); `None`: the class has none.
    pub target_s: Option<f64>,
    pub rows: Vec<RtoRow>,
}

/// `rto_target_s` is the data class's `rto_s` (the report keeps targets only in violations).
pub fn data_from(class: &ClassReport, rto_target_s: Option<f64>) -> RtoData {
    let rows = class
        .evaluations
        .iter()
        .map(|e| RtoRow {
            posture: e.posture,
            chosen: e.posture == class.chosen.posture,
            status: PostureStatus::of(e),
            breakdown: if e.placeable { e.rto.clone() } else { None },
        })
        .collect();
    RtoData {
        class: class.name.clone(),
        target_s: rto_target_s.filter(|t| t.is_finite() && *t >= 0.0),
        rows,
    }
}

pub const COMPONENTS: [&str; 4] = ["detection", "routing", "promotion", "warm-up"];
const TITLE: &str = "Recovery time after losing a region";

const CAPTION: &str = "Detection = health-check interval x failure threshold; routing = DNS TTL + \
resolver overstay, or anycast re-route; promotion = managed promotion, manual drill or \
leader election; warm-up = scale-up, cache warm-up or provision + restore. From the plan's \
operations settings and the engine's assumptions (docs/engine.md). ▸: bar cut at the axis \
end, its total written out.";

fn target_text(t: Option<f64>) -> String {
    t.map_or("none".to_string(), |t| format!("{} s", style::num(t)))
}

/// The axis end: every bar, unless one dwarfs the target (or the chosen RTO) more than
/// threefold, then three times that reference.
fn axis_end(data: &RtoData) -> f64 {
    let longest = data
        .rows
        .iter()
        .filter_map(RtoRow::total_s)
        .fold(0.0, f64::max);
    let chosen = data
        .rows
        .iter()
        .find(|r| r.chosen)
        .and_then(RtoRow::total_s)
        .unwrap_or(0.0);
    let reference = data.target_s.unwrap_or(0.0).max(chosen);
    if reference > 0.0 && longest > 3.0 * reference {
        3.0 * reference
    } else {
        longest.max(data.target_s.unwrap_or(0.0))
    }
}

/// Draws the bars; "no data" when no posture fails over.
pub fn draw<DB: DrawingBackend>(root: Area<DB>, data: &RtoData) -> Result<(), ChartError> {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    if data.rows.iter().all(|r| r.breakdown.is_none()) {
        frame::no_data(
            &root,
            TITLE,
            &format!(
                "No posture of {:?} fails over to another region.",
                data.class
            ),
        )?;
        return Ok(root.present()?);
    }
    frame::title(
        &root,
        &format!("{TITLE} — {}", data.class),
        &format!("RTO target: {}", target_text(data.target_s)),
    )?;
    let mut legend: Vec<(Mark, String)> = COMPONENTS
        .iter()
        .enumerate()
        .map(|(i, c)| (Mark::Swatch(style::series(i)), format!("{c} (s)")))
        .collect();
    legend.push((Mark::Dashed(LIMIT), "RTO target".to_string()));
    frame::legend(&root, (8, 50), &legend)?;
    let caption = frame::caption_lines(&[CAPTION.to_string()], w, h);
    let names: Vec<String> = data
        .rows
        .iter()
        .map(|r| posture_label(r.posture, r.chosen))
        .collect();
    let rows = Rows::layout(w, h, &names, &caption, data.rows.len());
    let (axis_max, ticks) = frame::nice_ticks(axis_end(data), 5);
    let scale = Scale {
        d0: 0.0,
        d1: axis_max,
        r0: rows.plot.x0,
        r1: rows.plot.x1 - 70,
    };
    frame::x_axis(
        &root,
        rows.plot,
        &scale,
        &frame::linear_ticks(&ticks),
        "Time to recover (s)",
    )?;
    let note = style::text(frame::SMALL, TEXT, HPos::Left, VPos::Center);
    for (i, (row, name)) in data.rows.iter().zip(&names).enumerate() {
        rows.row_label(&root, i, name, &row.status.describe(), row.chosen)?;
        let mid = rows.top(i) + rows.row_h / 2;
        let half = (rows.row_h / 4).clamp(1, 10);
        let Some(parts) = row.parts() else {
            let text = if row.status.placeable() {
                "no failover: unavailable until the region returns"
            } else {
                "not placeable"
            };
            frame::label(&root, text, (rows.plot.x0 + 4, mid), &note)?;
            continue;
        };
        let mut acc = 0.0;
        for (k, v) in parts.iter().enumerate() {
            let (a, b) = (scale.map(acc), scale.map(acc + v));
            acc += v;
            if b > a {
                let c = style::series(k);
                root.draw(&Rectangle::new(
                    [(a, mid - half), (b, mid + half)],
                    c.filled(),
                ))?;
            }
        }
        let cut = acc > axis_max;
        let end = scale.map(acc);
        let text = format!("{} s{}", style::num(acc), if cut { " ▸" } else { "" });
        frame::label(&root, &text, (end + 4, mid), &note)?;
    }
    if let Some(t) = data.target_s {
        let x = scale.map(t);
        frame::dashed(&root, (x, rows.plot.y0), (x, rows.plot.y1), LIMIT)?;
    }
    frame::caption(&root, &caption)?;
    Ok(root.present()?)
}

/// Draws into an SVG string.
/// The caption's lines, for the page to set under the chart.
pub fn footnotes(_: &RtoData) -> Vec<String> {
    vec![CAPTION.to_string()]
}

pub fn svg(data: &RtoData, width: u32, height: u32) -> String {
    // Not `draw` itself: that names one backend lifetime, and render_svg needs any.
    #[allow(clippy::redundant_closure)]
    render_svg(
        data,
        width,
        height,
        &format!("{TITLE} — {}", data.class),
        |root, d| draw(root, d),
    )
}

/// One row per posture: the components and their sum (s).
pub fn table(data: &RtoData) -> Table {
    let rows = data
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![posture_label(r.posture, r.chosen), r.status.describe()];
            match r.parts() {
                Some(p) => {
                    cells.extend(p.iter().map(|v| style::fixed(*v, 0)));
                    cells.push(style::fixed(p.iter().sum(), 0));
                }
                None => {
                    cells.extend(["—", "—", "—", "—"].map(String::from));
                    cells.push(
                        if r.status.placeable() {
                            "no failover"
                        } else {
                            "—"
                        }
                        .to_string(),
                    );
                }
            }
            cells
        })
        .collect();
    Table {
        caption: format!(
            "Recovery time after losing a region (s) for {}; RTO target {}. {CAPTION}",
            data.class,
            target_text(data.target_s)
        ),
        headers: [
            "Posture",
            "Status",
            "Detection (s)",
            "Routing (s)",
            "Promotion (s)",
            "Warm-up (s)",
            "RTO (s)",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}
