//! Write and read latency per user population, per posture of one data class.
//!
//! A dot plot, one row per posture and two panels (writes, reads): for each population a
//! dot at p99 and a tick at p50 joined by a line, in the population's colour; the class's
//! p99 budget is a dashed red line across the rows. Unplaceable postures keep their row,
//! marked "not placeable", so the list of postures is the same in every chart.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Area, Mark, Rect, Rows, Scale};
use super::style::{self, LIMIT, TEXT};
use super::{posture_label, render_svg, ChartError, PostureStatus, Table};
use crate::engine::report::ClassReport;
use crate::engine::Posture;

/// One population's latency under one posture (ms).
#[derive(Clone, Debug, PartialEq)]
pub struct LatencyPoint {
    pub population: String,
    pub write_p50_ms: f64,
    pub write_p99_ms: f64,
    pub read_p50_ms: f64,
    pub read_p99_ms: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LatencyRow {
    pub posture: Posture,
    pub chosen: bool,
    pub status: PostureStatus,
    /// In the order of [`LatencyData::populations`]; empty when unplaceable.
    pub points: Vec<LatencyPoint>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LatencyData {
    pub class: String,
    /// Every population that appears, in report order (fixes the colours).
    pub populations: Vec<String>,
    pub rows: Vec<LatencyRow>,
    pub write_budget_ms: Option<f64>,
    pub read_budget_ms: Option<f64>,
    /// Where the RTT figures behind the latencies came from (`Report::rtt_sources`).
    pub sources: Vec<String>,
}

/// The class's evaluations, in report order; `rtt_sources` from the report
/// ([`Report::rtt_sources`](crate::engine::Report::rtt_sources)).
pub fn data_from(class: &ClassReport, rtt_sources: &[String]) -> LatencyData {
    let mut populations: Vec<String> = Vec::new();
    let mut write_budget_ms = None;
    let mut read_budget_ms = None;
    let rows = class
        .evaluations
        .iter()
        .map(|e| {
            for l in &e.latency {
                if !populations.contains(&l.population) {
                    populations.push(l.population.clone());
                }
                write_budget_ms = write_budget_ms.or(l.write_budget_ms.filter(|b| b.is_finite()));
                read_budget_ms = read_budget_ms.or(l.read_budget_ms.filter(|b| b.is_finite()));
            }
            let status = PostureStatus::of(e);
            let points = if status.placeable() {
                e.latency
                    .iter()
                    .map(|l| LatencyPoint {
                        population: l.population.clone(),
                        write_p50_ms: l.write_p50_ms,
                        write_p99_ms: l.write_p99_ms,
                        read_p50_ms: l.read_p50_ms,
                        read_p99_ms: l.read_p99_ms,
                    })
                    .collect()
            } else {
                Vec::new()
            };
            LatencyRow {
                posture: e.posture,
                chosen: e.posture == class.chosen.posture,
                status,
                points,
            }
        })
        .collect();
    LatencyData {
        class: class.name.clone(),
        populations,
        rows,
        write_budget_ms,
        read_budget_ms,
        sources: rtt_sources.to_vec(),
    }
}

fn budget_text(b: Option<f64>) -> String {
    b.map_or("none".to_string(), |b| format!("{} ms", style::num(b)))
}

const TITLE: &str = "Latency per user population";

/// Draws the dot plot; "no data" when no posture has a latency.
pub fn draw<DB: DrawingBackend>(root: Area<DB>, data: &LatencyData) -> Result<(), ChartError> {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let has_points = data.rows.iter().any(|r| !r.points.is_empty());
    if !has_points {
        frame::no_data(
            &root,
            TITLE,
            &format!("No posture of {:?} has latency figures.", data.class),
        )?;
        return Ok(root.present()?);
    }
    frame::title(
        &root,
        &format!("{TITLE} — {}", data.class),
        &format!(
            "p99 budget: writes {}, reads {}",
            budget_text(data.write_budget_ms),
            budget_text(data.read_budget_ms)
        ),
    )?;
    let mut legend: Vec<(Mark, String)> = data
        .populations
        .iter()
        .enumerate()
        .map(|(i, p)| (Mark::Dot(style::series(i)), p.clone()))
        .collect();
    legend.push((Mark::Line(TEXT), "dot p99, tick p50".to_string()));
    legend.push((Mark::Ring(TEXT), "breaks a requirement".to_string()));
    legend.push((Mark::Dashed(LIMIT), "p99 budget".to_string()));
    frame::legend(&root, (8, 50), &legend)?;

    let caption = frame::caption_lines(&sources_caption(&data.sources), w, h);
    let names: Vec<String> = data
        .rows
        .iter()
        .map(|r| posture_label(r.posture, r.chosen))
        .collect();
    let rows = Rows::layout(w, h, &names, &caption, data.rows.len());
    let gap = 24;
    let half = (rows.plot.w() - gap) / 2;
    let panels = [
        (
            Rect {
                x1: rows.plot.x0 + half,
                ..rows.plot
            },
            "Write latency (ms)",
            data.write_budget_ms,
            true,
        ),
        (
            Rect {
                x0: rows.plot.x1 - half,
                ..rows.plot
            },
            "Read latency (ms)",
            data.read_budget_ms,
            false,
        ),
    ];
    for (i, (row, name)) in data.rows.iter().zip(&names).enumerate() {
        rows.row_label(&root, i, name, &row.status.describe(), row.chosen)?;
    }
    for (panel, axis_title, budget, write) in panels {
        draw_panel(&root, data, &rows, panel, axis_title, budget, write)?;
    }
    frame::caption(&root, &caption)?;
    Ok(root.present()?)
}

fn sources_caption(sources: &[String]) -> Vec<String> {
    let mut c: Vec<String> = sources.iter().map(|s| format!("RTT {s}")).collect();
    if c.is_empty() {
        c.push("RTT: no source recorded".to_string());
    }
    c
}

fn draw_panel<DB: DrawingBackend>(
    root: &Area<DB>,
    data: &LatencyData,
    rows: &Rows,
    panel: Rect,
    axis_title: &str,
    budget: Option<f64>,
    write: bool,
) -> Result<(), ChartError> {
    let pick = |p: &LatencyPoint| {
        if write {
            (p.write_p50_ms, p.write_p99_ms)
        } else {
            (p.read_p50_ms, p.read_p99_ms)
        }
    };
    let max = data
        .rows
        .iter()
        .flat_map(|r| r.points.iter().map(|p| pick(p).1))
        .chain(budget)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let (axis_max, ticks) = frame::nice_ticks(max, 4);
    let scale = Scale {
        d0: 0.0,
        d1: axis_max,
        r0: panel.x0,
        r1: panel.x1,
    };
    frame::x_axis(
        root,
        panel,
        &scale,
        &frame::linear_ticks(&ticks),
        axis_title,
    )?;
    let note = style::text(frame::SMALL, TEXT, HPos::Left, VPos::Center);
    for (i, row) in data.rows.iter().enumerate() {
        let top = rows.top(i);
        if row.points.is_empty() {
            frame::label(
                root,
                "not placeable",
                (panel.x0 + 4, top + rows.row_h / 2),
                &note,
            )?;
            continue;
        }
        let n = data.populations.len().max(1) as i32;
        for p in &row.points {
            let k = data
                .populations
                .iter()
                .position(|q| *q == p.population)
                .unwrap_or(0);
            let y = top + (2 * k as i32 + 1) * rows.row_h / (2 * n);
            let (p50, p99) = pick(p);
            let (x50, x99) = (scale.map(p50), scale.map(p99));
            let c = style::series(k);
            root.draw(&PathElement::new(
                vec![(x50, y), (x99, y)],
                c.stroke_width(2),
            ))?;
            root.draw(&PathElement::new(
                vec![(x50, y - 4), (x50, y + 4)],
                c.stroke_width(2),
            ))?;
            // Broken requirements show as hollow dots: the number is real, the posture is out.
            let dot = if matches!(row.status, PostureStatus::Feasible) {
                c.filled()
            } else {
                c.stroke_width(2)
            };
            root.draw(&Circle::new((x99, y), 4, dot))?;
        }
    }
    if let Some(b) = budget {
        let x = scale.map(b);
        frame::dashed(root, (x, panel.y0), (x, panel.y1), LIMIT)?;
    }
    Ok(())
}

/// Draws into an SVG string.
/// The caption's lines (sources), for the page to set under the chart.
pub fn footnotes(data: &LatencyData) -> Vec<String> {
    sources_caption(&data.sources)
}

pub fn svg(data: &LatencyData, width: u32, height: u32) -> String {
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

/// One row per posture and population: p50 and p99 for writes and reads (ms).
pub fn table(data: &LatencyData) -> Table {
    let mut rows = Vec::new();
    for r in &data.rows {
        let name = posture_label(r.posture, r.chosen);
        if r.points.is_empty() {
            rows.push(vec![
                name.clone(),
                r.status.describe(),
                "—".into(),
                "—".into(),
                "—".into(),
                "—".into(),
                "—".into(),
            ]);
        }
        for p in &r.points {
            rows.push(vec![
                name.clone(),
                r.status.describe(),
                p.population.clone(),
                style::fixed(p.write_p50_ms, 1),
                style::fixed(p.write_p99_ms, 1),
                style::fixed(p.read_p50_ms, 1),
                style::fixed(p.read_p99_ms, 1),
            ]);
        }
    }
    Table {
        caption: format!(
            "Latency per user population (ms) for {}; p99 budget: writes {}, reads {}. {}",
            data.class,
            budget_text(data.write_budget_ms),
            budget_text(data.read_budget_ms),
            sources_caption(&data.sources).join("; ")
        ),
        headers: [
            "Posture",
            "Status",
            "Population",
            "Write p50 (ms)",
            "Write p99 (ms)",
            "Read p50 (ms)",
            "Read p99 (ms)",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}
