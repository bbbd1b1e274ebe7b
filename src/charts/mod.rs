//! Charts of a report, as SVG strings (for the UI to embed inline) and as tables (for
//! screen readers, copy-paste and the markdown export).
//!
//! Data apart from drawing, chart by chart: each module has a small data struct built from
//! the report by `data_from(..)` (plain numbers, unit-tested against the report), a
//! `draw<DB: DrawingBackend>(root, &data)` that draws it with plotters, an `svg(&data,
//! width, height) -> String` that draws into an in-memory string, and `table(&data) ->
//! Table`.
//!
//! | module        | shows                                                        | `data_from` input                         |
//! |---------------|--------------------------------------------------------------|-------------------------------------------|
//! | [`latency`]   | write and read p50/p99 per population, per posture, budgets   | `&ClassReport`, `&Report::rtt_sources`    |
//! | [`rtt`]       | p50 RTT matrix between the plan's regions                     | `&Plan`                                   |
//! | [`staleness`] | P(read sees the write) vs time since the write                | `&ClassReport`, `&Report::rtt_sources`    |
//! | [`rto`]       | detection + routing + promotion + warm-up vs the RTO target   | `&ClassReport`, `DataClass::rto_s`        |
//! | [`cost`]      | compute + storage + transfer + backup per posture (USD/month) | `&ClassReport`, `&Report::price_sources`  |
//!
//! ```
//! use meridian::{charts::latency, engine, plan::Plan};
//! let report = engine::evaluate(&Plan::example()).unwrap();
//! let data = latency::data_from(&report.classes[0], &report.rtt_sources);
//! let svg = latency::svg(&data, 900, 500);
//! assert!(svg.starts_with("<svg") && svg.contains("Synchronous standby (chosen)"));
//! assert_eq!(latency::table(&data).headers[0], "Posture");
//! ```
//!
//! Pure: no browser imports, so it builds natively (snapshot tests) and for wasm32 alike.
//! Deterministic: the same data gives the same SVG string, byte for byte.
//!
//! Text goes through the backend's own `draw_text` (no font files; plotters' default
//! features are off). SVG and the browser canvas backends implement that; a bitmap backend
//! without plotters' `ttf`/`ab_glyph` features cannot draw text, so use `draw` with those
//! two only. Layout never asks plotters to measure text (that would measure in the DOM on
//! wasm32 and crudely natively, giving different layouts): widths are estimated here.
//!
//! Colours: the background is transparent, marks use mid-tone colours readable on light and
//! dark pages, and [`svg`](latency::svg) output writes text as `fill="currentColor"` so it
//! takes the page's text colour when embedded inline (a standalone file shows it black).
//! See docs/charts.md.

use std::fmt;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::engine::report::Evaluation;
use crate::engine::Posture;

pub mod cost;
pub mod latency;
pub mod rto;
pub mod rtt;
pub mod staleness;

mod frame;
pub use frame::without_caption;
mod style;

#[cfg(test)]
mod tests;

/// A chart as a table: the same numbers, for screen readers and copy-paste.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// What the table shows, with units and sources.
    pub caption: String,
    pub headers: Vec<String>,
    /// Each as long as `headers`.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// GitHub-flavoured markdown: the caption as a paragraph, then the table.
    pub fn to_markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = format!("{}\n\n", esc(&self.caption));
        let line = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| esc(c)).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        out.push_str(&line(&self.headers));
        out.push_str(&format!("|{}\n", "---|".repeat(self.headers.len())));
        for r in &self.rows {
            out.push_str(&line(r));
        }
        out
    }
}

/// Drawing failed (the backend refused a primitive).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartError(pub String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "chart drawing failed: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}

/// How a posture fared, for row labels and tables.
#[derive(Clone, Debug, PartialEq)]
pub enum PostureStatus {
    /// Met every requirement.
    Feasible,
    /// Placeable but broke these requirements (slugs, worst first).
    Infeasible(Vec<String>),
    /// No placement exists; the requirements that ruled it out (slugs).
    Unplaceable(Vec<String>),
}

impl PostureStatus {
    pub fn of(e: &Evaluation) -> PostureStatus {
        let slugs: Vec<String> = e
            .violations
            .iter()
            .map(|v| v.requirement.slug().to_string())
            .collect();
        if !e.placeable {
            PostureStatus::Unplaceable(slugs)
        } else if e.violations.is_empty() {
            PostureStatus::Feasible
        } else {
            PostureStatus::Infeasible(slugs)
        }
    }

    /// "meets all requirements", "breaks rto, rpo", "not placeable (residency)".
    pub fn describe(&self) -> String {
        match self {
            PostureStatus::Feasible => "meets all requirements".to_string(),
            PostureStatus::Infeasible(v) => format!("breaks {}", v.join(", ")),
            PostureStatus::Unplaceable(v) if v.is_empty() => "not placeable".to_string(),
            PostureStatus::Unplaceable(v) => format!("not placeable ({})", v.join(", ")),
        }
    }

    pub fn placeable(&self) -> bool {
        !matches!(self, PostureStatus::Unplaceable(_))
    }
}

/// The posture's name with "(chosen)" appended for the recommendation.
pub(crate) fn posture_label(p: Posture, chosen: bool) -> String {
    if chosen {
        format!("{} (chosen)", crate::present::posture_name(p))
    } else {
        crate::present::posture_name(p).to_string()
    }
}

/// Renders with `draw` into an SVG string of `width` x `height` (each at least 120 px),
/// text in `currentColor`, labelled `role="img"` with `label` for assistive technology (the
/// numbers themselves are in the chart's table). A drawing error yields an SVG that says so
/// (never a panic).
pub(crate) fn render_svg<T>(
    data: &T,
    width: u32,
    height: u32,
    label: &str,
    draw: impl for<'b> FnOnce(DrawingArea<SVGBackend<'b>, Shift>, &T) -> Result<(), ChartError>,
) -> String {
    let (w, h) = (width.max(120), height.max(120));
    let mut buf = String::new();
    let result = {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        draw(root, data)
    };
    if let Err(e) = result {
        buf.clear();
        {
            let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
            // The error chart is text only; if even that fails there is nothing left to try.
            let _ = frame::no_data(&root, "Chart unavailable", &e.to_string());
            let _ = root.present();
        }
    }
    let label = label
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    style::tidy_svg(&buf).replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" "),
        1,
    )
}
