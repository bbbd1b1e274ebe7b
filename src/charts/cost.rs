//! Monthly cost by component (compute, database, storage, transfer, backup, platform;
//! USD/month), one
//! horizontal stacked bar per posture, with the class's single-region cost as a dashed
//! reference line: how much each posture multiplies the bill.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Area, Mark, Rows, Scale};
use super::style::{self, TEXT};
use super::{posture_label, render_svg, ChartError, PostureStatus, Table};
use crate::engine::report::ClassReport;
use crate::engine::Posture;

#[derive(Clone, Debug, PartialEq)]
pub struct CostRow {
    pub posture: Posture,
    pub chosen: bool,
    pub status: PostureStatus,
    /// [`COMPONENTS`] in order (USD/month); `None` when not placeable.
    pub parts_usd: Option<[f64; 6]>,
}

impl CostRow {
    pub fn total_usd(&self) -> Option<f64> {
        self.parts_usd.map(|p| p.iter().sum())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CostData {
    pub class: String,
    pub rows: Vec<CostRow>,
    /// The single-region posture's monthly cost (the reference); `None` if unknown.
    pub single_region_usd: Option<f64>,
    /// Where each price came from (`Report::price_sources`).
    pub sources: Vec<String>,
}

pub const COMPONENTS: [&str; 6] = [
    "compute", "database", "storage", "transfer", "backup", "platform",
];

/// `price_sources` from the [`Report`](crate::engine::Report).
pub fn data_from(class: &ClassReport, price_sources: &[String]) -> CostData {
    let clean = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    let rows: Vec<CostRow> = class
        .evaluations
        .iter()
        .map(|e| CostRow {
            posture: e.posture,
            chosen: e.posture == class.chosen.posture,
            status: PostureStatus::of(e),
            parts_usd: e.cost.as_ref().map(|c| {
                [
                    c.lines.compute_usd,
                    c.lines.database_usd,
                    c.lines.storage_usd,
                    c.lines.transfer_usd,
                    c.lines.backup_usd,
                    c.lines.platform_usd,
                ]
                .map(clean)
            }),
        })
        .collect();
    // The bars are the bill of materials at list prices, and so is the reference line
    // (with the plan's own bill, the class card's cost is that bill scaled by these bars).
    let single_region_usd = rows
        .iter()
        .find(|r| r.posture == Posture::SingleRegion)
        .and_then(CostRow::total_usd)
        .filter(|v| v.is_finite() && *v > 0.0);
    CostData {
        class: class.name.clone(),
        rows,
        single_region_usd,
        sources: price_sources.to_vec(),
    }
}

const TITLE: &str = "Monthly cost by component";

fn caption_items(data: &CostData) -> Vec<String> {
    let mut c = vec![
        "List prices unless the plan overrides them; each with its source and date:".to_string(),
    ];
    c.extend(data.sources.iter().map(|s| format!("Price {s}")));
    c
}

fn reference_text(v: Option<f64>) -> String {
    v.map_or("unknown".to_string(), |v| {
        format!("{} USD/month", style::fixed(v, 0))
    })
}

/// Draws the bars; "no data" when no posture is placeable.
pub fn draw<DB: DrawingBackend>(root: Area<DB>, data: &CostData) -> Result<(), ChartError> {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    if data.rows.iter().all(|r| r.parts_usd.is_none()) {
        frame::no_data(
            &root,
            TITLE,
            &format!(
                "No posture of {:?} can be placed, so none has a cost.",
                data.class
            ),
        )?;
        return Ok(root.present()?);
    }
    frame::title(
        &root,
        &format!("{TITLE} — {}", data.class),
        &format!("single region: {}", reference_text(data.single_region_usd)),
    )?;
    let mut legend: Vec<(Mark, String)> = COMPONENTS
        .iter()
        .enumerate()
        .map(|(i, c)| (Mark::Swatch(style::series(i)), c.to_string()))
        .collect();
    legend.push((Mark::Dashed(TEXT), "single-region cost".to_string()));
    frame::legend(&root, (8, 50), &legend)?;
    let caption = frame::caption_lines(&caption_items(data), w, h);
    let names: Vec<String> = data
        .rows
        .iter()
        .map(|r| posture_label(r.posture, r.chosen))
        .collect();
    let rows = Rows::layout(w, h, &names, &caption, data.rows.len());
    let longest = data
        .rows
        .iter()
        .filter_map(CostRow::total_usd)
        .chain(data.single_region_usd)
        .fold(0.0, f64::max);
    let (axis_max, ticks) = frame::nice_ticks(longest, 5);
    let scale = Scale {
        d0: 0.0,
        d1: axis_max,
        r0: rows.plot.x0,
        r1: rows.plot.x1 - 60,
    };
    frame::x_axis(
        &root,
        rows.plot,
        &scale,
        &frame::linear_ticks(&ticks),
        "USD per month",
    )?;
    let note = style::text(frame::SMALL, TEXT, HPos::Left, VPos::Center);
    for (i, (row, name)) in data.rows.iter().zip(&names).enumerate() {
        rows.row_label(&root, i, name, &row.status.describe(), row.chosen)?;
        let mid = rows.top(i) + rows.row_h / 2;
        let half = (rows.row_h / 4).clamp(1, 10);
        let Some(parts) = row.parts_usd else {
            frame::label(&root, "not placeable", (rows.plot.x0 + 4, mid), &note)?;
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
        let multiple = data.single_region_usd.map_or(String::new(), |s| {
            format!(" ({})", crate::present::multiple(acc / s))
        });
        let text = format!("{}{multiple}", crate::present::usd(acc));
        frame::label(&root, &text, (scale.map(acc) + 4, mid), &note)?;
    }
    if let Some(s) = data.single_region_usd {
        let x = scale.map(s);
        frame::dashed(&root, (x, rows.plot.y0), (x, rows.plot.y1), TEXT)?;
    }
    frame::caption(&root, &caption)?;
    Ok(root.present()?)
}

/// Draws into an SVG string.
/// The caption's lines (notes and sources), for the page to set under the chart.
pub fn footnotes(data: &CostData) -> Vec<String> {
    caption_items(data)
}

pub fn svg(data: &CostData, width: u32, height: u32) -> String {
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

/// One row per posture: the components, the total and its multiple of single region.
pub fn table(data: &CostData) -> Table {
    let rows = data
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![posture_label(r.posture, r.chosen), r.status.describe()];
            match r.parts_usd {
                Some(p) => {
                    let total: f64 = p.iter().sum();
                    cells.extend(p.iter().map(|v| style::fixed(*v, 2)));
                    cells.push(style::fixed(total, 2));
                    cells.push(
                        data.single_region_usd
                            .map_or("—".to_string(), |s| style::fixed(total / s, 2)),
                    );
                }
                None => cells.extend(["—"; COMPONENTS.len() + 2].map(String::from)),
            }
            cells
        })
        .collect();
    Table {
        caption: format!(
            "Monthly cost by component (USD/month) for {}; single region: {}. {}",
            data.class,
            reference_text(data.single_region_usd),
            caption_items(data).join(" ")
        ),
        headers: [
            "Posture",
            "Status",
            "Compute (USD/month)",
            "Database (USD/month)",
            "Storage (USD/month)",
            "Transfer (USD/month)",
            "Backup (USD/month)",
            "Platform (USD/month)",
            "Total (USD/month)",
            "x single region",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}
