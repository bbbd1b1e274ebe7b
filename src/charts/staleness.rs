//! Staleness: the probability a read returns a write, against the time since the write was
//! acknowledged (ms), for the chosen posture and every other posture whose reads can be
//! stale. Postures whose reads are always fresh (p = 1 at every time) are named in a note
//! rather than drawn as overlapping flat lines.
//!
//! Time runs on a log(1 + t) axis: the engine samples 0, 10, 25, ... 5000 ms and the action
//! is in the first few hundred milliseconds; the tick labels say the scale.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Area, Mark, Rect, Scale};
use super::style::{self, TEXT};
use super::{render_svg, ChartError, Table};
use crate::engine::report::ClassReport;
use crate::engine::Posture;

#[derive(Clone, Debug, PartialEq)]
pub struct StalenessSeries {
    pub posture: Posture,
    pub chosen: bool,
    /// (time since the acknowledgement in ms, probability the read sees the write); only
    /// finite points, probability clamped to 0..=1, in report order.
    pub points: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StalenessData {
    pub class: String,
    /// The chosen posture first, then others that can serve stale reads.
    pub series: Vec<StalenessSeries>,
    /// Other placeable postures whose every point is p = 1.
    pub always_fresh: Vec<Posture>,
    pub sources: Vec<String>,
}

fn points(e: &crate::engine::Evaluation) -> Vec<(f64, f64)> {
    e.staleness
        .iter()
        .filter(|p| p.t_ms.is_finite() && p.p_consistent.is_finite() && p.t_ms >= 0.0)
        .map(|p| (p.t_ms, p.p_consistent.clamp(0.0, 1.0)))
        .collect()
}

/// `rtt_sources` from the report: the replication lag behind the curve is modeled on them.
pub fn data_from(class: &ClassReport, rtt_sources: &[String]) -> StalenessData {
    let chosen = StalenessSeries {
        posture: class.chosen.posture,
        chosen: true,
        points: points(&class.chosen),
    };
    let mut series = vec![chosen];
    let mut always_fresh = Vec::new();
    for e in &class.evaluations {
        if e.posture == class.chosen.posture || !e.placeable {
            continue;
        }
        let pts = points(e);
        if pts.is_empty() {
            continue;
        }
        if pts.iter().all(|p| p.1 >= 1.0) {
            always_fresh.push(e.posture);
        } else {
            series.push(StalenessSeries {
                posture: e.posture,
                chosen: false,
                points: pts,
            });
        }
    }
    StalenessData {
        class: class.name.clone(),
        series,
        always_fresh,
        sources: rtt_sources.to_vec(),
    }
}

const TITLE: &str = "Probability a read sees the write";

fn caption_items(data: &StalenessData) -> Vec<String> {
    let mut c = Vec::new();
    if !data.always_fresh.is_empty() {
        let names: Vec<&str> = data
            .always_fresh
            .iter()
            .map(|&p| crate::present::posture_name(p))
            .collect();
        c.push(format!("Always 1 (not drawn): {}.", names.join(", ")));
    }
    c.push(
        "Model: PBS-style staleness from replica counts and the replication lag over the RTT links."
            .to_string(),
    );
    c.extend(data.sources.iter().map(|s| format!("RTT {s}")));
    c
}

/// Pixel x of a time on the log(1 + t) axis.
fn time_scale(max_t: f64, plot: Rect) -> impl Fn(f64) -> i32 {
    let s = Scale {
        d0: 0.0,
        d1: (1.0 + max_t).log10(),
        r0: plot.x0,
        r1: plot.x1,
    };
    move |t: f64| s.map((1.0 + t.max(0.0)).log10())
}

/// Draws the curves; "no data" when no posture has staleness points.
pub fn draw<DB: DrawingBackend>(root: Area<DB>, data: &StalenessData) -> Result<(), ChartError> {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    if data.series.iter().all(|s| s.points.is_empty()) {
        frame::no_data(
            &root,
            TITLE,
            &format!("No staleness figures for {:?}.", data.class),
        )?;
        return Ok(root.present()?);
    }
    frame::title(
        &root,
        &format!("{TITLE} — {}", data.class),
        "after the write is acknowledged; 1 = every read returns it",
    )?;
    let legend: Vec<(Mark, String)> = data
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                Mark::Line(style::series(i)),
                super::posture_label(s.posture, s.chosen),
            )
        })
        .collect();
    frame::legend(&root, (8, 50), &legend)?;
    let caption = frame::caption_lines(&caption_items(data), w, h);
    let plot = Rect {
        x0: 70,
        y0: frame::PLOT_TOP,
        x1: (w - 24).max(90),
        y1: (h - frame::caption_h(&caption) - frame::AXIS_H).max(frame::PLOT_TOP + 20),
    };
    let max_t = data
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .fold(0.0, f64::max)
        .max(10.0);
    let x_of = time_scale(max_t, plot);
    let y = Scale {
        d0: 0.0,
        d1: 1.0,
        r0: plot.y1,
        r1: plot.y0,
    };
    let y_title = style::text(frame::NORMAL, TEXT, HPos::Center, VPos::Top)
        .transform(FontTransform::Rotate270);
    let y_mid = (plot.y0 + plot.y1) / 2;
    frame::label(&root, "P(read returns the write)", (8, y_mid), &y_title)?;
    // Horizontal grid and probability labels.
    let st = style::text(frame::SMALL, TEXT, HPos::Right, VPos::Center);
    for k in 0..=4 {
        let v = f64::from(k) / 4.0;
        let py = y.map(v);
        root.draw(&PathElement::new(
            vec![(plot.x0, py), (plot.x1, py)],
            style::GRID,
        ))?;
        frame::label(&root, &style::num(v), (plot.x0 - 6, py), &st)?;
    }
    // Time ticks on the 1-2.5-5 series that fit below max_t.
    let ticks: Vec<(f64, String)> = [
        0.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0, 25000.0,
        50000.0,
    ]
    .into_iter()
    .filter(|t| *t <= max_t)
    .map(|t| (t, style::num(t)))
    .collect();
    let xs = Scale {
        d0: 0.0,
        d1: 1.0,
        r0: plot.x0,
        r1: plot.x1,
    };
    // x_axis maps through a Scale; feed it positions already on the log axis.
    let tick_pos: Vec<(f64, String)> = ticks
        .iter()
        .map(|(t, s)| {
            (
                f64::from(x_of(*t) - plot.x0) / f64::from(plot.w().max(1)),
                s.clone(),
            )
        })
        .collect();
    frame::x_axis(
        &root,
        plot,
        &xs,
        &tick_pos,
        "Time since the write (ms; spaced by log(1 + ms), so 0 ms has a place)",
    )?;
    for (i, s) in data.series.iter().enumerate().rev() {
        let c = style::series(i);
        let pts: Vec<(i32, i32)> = s.points.iter().map(|p| (x_of(p.0), y.map(p.1))).collect();
        let width = if s.chosen { 3 } else { 2 };
        root.draw(&PathElement::new(pts.clone(), c.stroke_width(width)))?;
        for p in pts {
            root.draw(&Circle::new(p, 3, c.filled()))?;
        }
    }
    frame::caption(&root, &caption)?;
    Ok(root.present()?)
}

/// Draws into an SVG string.
/// The caption's lines (notes and sources), for the page to set under the chart.
pub fn footnotes(data: &StalenessData) -> Vec<String> {
    caption_items(data)
}

pub fn svg(data: &StalenessData, width: u32, height: u32) -> String {
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

/// One row per sampled time, one column per drawn posture (blank where a posture has no
/// point at that time).
pub fn table(data: &StalenessData) -> Table {
    let mut times: Vec<f64> = data
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    times.sort_by(f64::total_cmp);
    times.dedup();
    let mut headers = vec!["Time since the write (ms)".to_string()];
    headers.extend(
        data.series
            .iter()
            .map(|s| super::posture_label(s.posture, s.chosen)),
    );
    let rows = times
        .iter()
        .map(|t| {
            let mut r = vec![style::num(*t)];
            r.extend(data.series.iter().map(|s| {
                s.points
                    .iter()
                    .find(|p| p.0 == *t)
                    .map_or(String::new(), |p| style::fixed(p.1, 3))
            }));
            r
        })
        .collect();
    Table {
        caption: format!(
            "Probability a read returns the write, by time since its acknowledgement, for {}. {}",
            data.class,
            caption_items(data).join(" ")
        ),
        headers,
        rows,
    }
}
