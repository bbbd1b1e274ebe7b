//! Round-trip times between the plan's regions: a matrix of p50 RTT (ms), the number in
//! every cell, coloured on one scale with its legend. Modeled cells are italic with a "~"
//! prefix; measured ones upright; the diagonal (same region) is the cross-AZ figure, grey.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{self, Area};
use super::style::{self, TEXT};
use super::{render_svg, ChartError, Table};
use crate::latency::{self, RttSource};
use crate::plan::Plan;

/// How a cell's figure was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    SameRegion,
    Measured,
    Modeled,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RttCell {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub kind: CellKind,
    /// Index of the cell's source in [`RttData::sources`].
    pub source: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RttData {
    /// Region labels in plan order.
    pub labels: Vec<String>,
    /// `cells[from][to]`; `None` where a region does not resolve.
    pub cells: Vec<Vec<Option<RttCell>>>,
    /// Each distinct [`RttSource::describe`] line, in first-use order (row-major).
    pub sources: Vec<String>,
}

/// Resolves the plan's regions and asks [`latency::rtt`] for every ordered pair.
pub fn data_from(plan: &Plan) -> RttData {
    let places: Vec<_> = plan.regions.iter().map(|r| r.resolve().ok()).collect();
    let mut sources: Vec<String> = Vec::new();
    let cells = places
        .iter()
        .map(|a| {
            places
                .iter()
                .map(|b| {
                    let (a, b) = (a.as_ref()?, b.as_ref()?);
                    let l = latency::rtt(a, b);
                    let d = l.source.describe();
                    let source = sources.iter().position(|s| *s == d).unwrap_or_else(|| {
                        sources.push(d);
                        sources.len() - 1
                    });
                    let kind = match l.source {
                        RttSource::SameRegion => CellKind::SameRegion,
                        RttSource::Measured { .. } => CellKind::Measured,
                        RttSource::Modeled { .. } => CellKind::Modeled,
                    };
                    Some(RttCell {
                        p50_ms: l.p50_ms,
                        p99_ms: l.p99_ms,
                        kind,
                        source,
                    })
                })
                .collect()
        })
        .collect();
    RttData {
        labels: plan.regions.iter().map(|r| r.label()).collect(),
        cells,
        sources,
    }
}

/// A cell's text: "~" marks a modeled figure.
pub fn cell_text(c: &RttCell) -> String {
    match c.kind {
        CellKind::Modeled => format!("~{}", style::num(c.p50_ms)),
        _ => style::num(c.p50_ms),
    }
}

/// Viridis stops from 10 % to 90 %: the ends (near black, near white) would vanish into
/// one page theme or the other.
const RAMP: [(u8, u8, u8); 5] = [
    (0x48, 0x28, 0x78),
    (0x3e, 0x4a, 0x89),
    (0x26, 0x82, 0x8e),
    (0x35, 0xb7, 0x79),
    (0xbd, 0xdf, 0x26),
];

/// The colour for `t` in 0..=1 (piecewise-linear through [`RAMP`]).
fn ramp(t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (RAMP.len() - 1) as f64;
    let i = (x.floor() as usize).min(RAMP.len() - 2);
    let f = x - i as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (RAMP[i], RAMP[i + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Dark text on the light end of the ramp, white on the dark end.
fn ink(c: RGBColor) -> RGBColor {
    let lum = 0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2);
    if lum > 140.0 {
        RGBColor(0x1a, 0x1a, 0x1a)
    } else {
        RGBColor(0xff, 0xff, 0xff)
    }
}

const TITLE: &str = "Round-trip time between regions (p50, ms)";
const SAME: RGBColor = RGBColor(0x8a, 0x94, 0xa3);

fn caption_items(data: &RttData) -> Vec<String> {
    let mut c = vec![
        "~ and italic: modeled pair; upright: measured; grey diagonal: same region (cross-AZ)."
            .to_string(),
    ];
    c.extend(data.sources.iter().map(|s| format!("RTT {s}")));
    c
}

/// Draws the matrix; "no data" without regions.
pub fn draw<DB: DrawingBackend>(root: Area<DB>, data: &RttData) -> Result<(), ChartError> {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let n = data.labels.len().min(data.cells.len());
    if n == 0 {
        frame::no_data(&root, TITLE, "The plan has no regions.")?;
        return Ok(root.present()?);
    }
    frame::title(&root, TITLE, "from row to column; colour by p50")?;
    let caption = frame::caption_lines(&caption_items(data), w, h);
    let widest = data
        .labels
        .iter()
        .map(|l| style::text_width(l, frame::SMALL))
        .max()
        .unwrap_or(0);
    let label_w = widest.max(20).min(w / 3);
    let legend_w = 90;
    let x0 = 8 + label_w + 8;
    let n_i = n as i32;
    let cell_w = ((w - x0 - legend_w) / n_i).clamp(4, 120);
    // Column labels read horizontally when they fit over a cell, else they stand rotated.
    let horizontal = widest <= cell_w - 6;
    let head_h = if horizontal {
        20
    } else {
        (widest + 8).min(h / 4)
    };
    let y0 = 48 + head_h;
    let avail_h = h - y0 - frame::caption_h(&caption) - 8;
    let cell_h = (avail_h / n_i).clamp(4, 90);

    let finite: Vec<f64> = data
        .cells
        .iter()
        .flatten()
        .flatten()
        .filter(|c| c.kind != CellKind::SameRegion && c.p50_ms.is_finite())
        .map(|c| c.p50_ms)
        .collect();
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let t_of = |v: f64| {
        if hi > lo {
            (v - lo) / (hi - lo)
        } else {
            0.5
        }
    };

    let row_st = style::text(frame::SMALL, TEXT, HPos::Right, VPos::Center);
    let col_st = if horizontal {
        style::text(frame::SMALL, TEXT, HPos::Center, VPos::Bottom)
    } else {
        style::text(frame::SMALL, TEXT, HPos::Left, VPos::Center)
            .transform(FontTransform::Rotate270)
    };
    for (i, lab) in data.labels.iter().take(n).enumerate() {
        let (cx, cy) = (
            i as i32 * cell_w + cell_w / 2,
            i as i32 * cell_h + cell_h / 2,
        );
        let row_lab = style::fit(lab, frame::SMALL, label_w);
        frame::label(&root, &row_lab, (x0 - 6, y0 + cy), &row_st)?;
        let col_lab = style::fit(lab, frame::SMALL, head_h - 6);
        frame::label(&root, &col_lab, (x0 + cx, y0 - 6), &col_st)?;
    }
    let px = (f64::from(cell_h) / 3.0).clamp(7.0, 13.0);
    for (i, row) in data.cells.iter().take(n).enumerate() {
        for (j, c) in row.iter().take(n).enumerate() {
            let (cx, cy) = (x0 + j as i32 * cell_w, y0 + i as i32 * cell_h);
            let rect = [(cx + 1, cy + 1), (cx + cell_w - 1, cy + cell_h - 1)];
            let centre = (cx + cell_w / 2, cy + cell_h / 2);
            let (fill, text, font) = match c {
                None => (None, "?".to_string(), FontStyle::Normal),
                Some(c) => (
                    Some(match c.kind {
                        CellKind::SameRegion => SAME,
                        _ => ramp(t_of(c.p50_ms)),
                    }),
                    cell_text(c),
                    if c.kind == CellKind::Modeled {
                        FontStyle::Italic
                    } else {
                        FontStyle::Normal
                    },
                ),
            };
            match fill {
                Some(f) => root.draw(&Rectangle::new(rect, f.filled()))?,
                None => root.draw(&Rectangle::new(rect, SAME.stroke_width(1)))?,
            }
            // Numbers that would not fit are left to the table rather than overprinted.
            if cell_h >= 12 && style::text_width(&text, px) <= cell_w - 4 {
                let ink = fill.map_or(TEXT, ink);
                let st = style::text_styled(px, ink, HPos::Center, VPos::Center, font);
                frame::label(&root, &text, centre, &st)?;
            }
        }
    }
    if lo.is_finite() {
        legend(&root, (x0 + n_i * cell_w + 16, y0), cell_h * n_i, lo, hi)?;
    }
    frame::caption(&root, &caption)?;
    Ok(root.present()?)
}

/// A vertical colour bar from `lo` (top) to `hi` (bottom) with its end values.
fn legend<DB: DrawingBackend>(
    root: &Area<DB>,
    (x, y): (i32, i32),
    height: i32,
    lo: f64,
    hi: f64,
) -> Result<(), ChartError> {
    let steps = 10;
    let step_h = (height / steps).max(1);
    for s in 0..steps {
        let c = ramp(f64::from(s) / f64::from(steps - 1));
        let top = y + s * step_h;
        root.draw(&Rectangle::new(
            [(x, top), (x + 14, top + step_h)],
            c.filled(),
        ))?;
    }
    let st = style::text(frame::SMALL, TEXT, HPos::Left, VPos::Center);
    frame::label(
        root,
        &format!("{} ms", style::num(lo)),
        (x + 18, y + 4),
        &st,
    )?;
    let bottom = y + steps * step_h - 4;
    frame::label(
        root,
        &format!("{} ms", style::num(hi)),
        (x + 18, bottom),
        &st,
    )
}

/// Draws into an SVG string.
pub fn svg(data: &RttData, width: u32, height: u32) -> String {
    // Not `draw` itself: that names one backend lifetime, and render_svg needs any.
    #[allow(clippy::redundant_closure)]
    render_svg(data, width, height, TITLE, |root, d| draw(root, d))
}

/// A cell's background and text colours as CSS hex, on the same scale as the chart (the
/// diagonal grey), for the page's sortable matrix.
pub fn cell_colours(data: &RttData, c: &RttCell) -> (String, String) {
    let hex = |c: RGBColor| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
    if c.kind == CellKind::SameRegion {
        return (hex(SAME), hex(best_ink(SAME)));
    }
    let off: Vec<f64> = data
        .cells
        .iter()
        .flatten()
        .flatten()
        .filter(|c| c.kind != CellKind::SameRegion)
        .map(|c| c.p50_ms)
        .collect();
    let (lo, hi) = off
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let t = if hi > lo {
        (c.p50_ms - lo) / (hi - lo)
    } else {
        0.5
    };
    let bg = ramp(t);
    (hex(bg), hex(best_ink(bg)))
}

/// Black or white, whichever contrasts more with `bg` (WCAG relative luminance): the
/// ramp's middle is too dark for grey text and too light for a dim white.
fn best_ink(bg: RGBColor) -> RGBColor {
    let lin = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(bg.0) + 0.7152 * lin(bg.1) + 0.0722 * lin(bg.2);
    if (l + 0.05) / 0.05 > 1.05 / (l + 0.05) {
        RGBColor(0, 0, 0)
    } else {
        RGBColor(0xff, 0xff, 0xff)
    }
}

/// What a cell says on hover and focus: the pair, p50 and p99, and the figure's source.
pub fn cell_tip(data: &RttData, from: usize, to: usize) -> String {
    match data
        .cells
        .get(from)
        .and_then(|r| r.get(to))
        .and_then(|c| c.as_ref())
    {
        Some(c) => format!(
            "{} to {}: p50 {} ms, p99 {} ms. {}",
            data.labels[from],
            data.labels[to],
            cell_text(c),
            style::num(c.p99_ms),
            data.sources.get(c.source).map_or("", |s| s.as_str())
        ),
        None => "This region does not resolve.".to_string(),
    }
}

/// Row order sorted by the round trip to column `by` (fastest first; unknown last), or
/// the plan's order.
pub fn row_order(data: &RttData, by: Option<usize>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..data.labels.len().min(data.cells.len())).collect();
    if let Some(col) = by {
        let key = |r: usize| {
            data.cells[r]
                .get(col)
                .and_then(|c| c.as_ref())
                .map_or(f64::INFINITY, |c| c.p50_ms)
        };
        crate::sort::sort_indices_by(&mut order, &|a, b| key(a).total_cmp(&key(b)));
    }
    order
}

/// The matrix as CSV (p50 ms, "~" on modeled figures), rows in `order`.
pub fn csv(data: &RttData, order: &[usize]) -> String {
    // A label starting with = + - @ would be a formula in a spreadsheet: a leading ' keeps
    // it text (the OWASP advice for CSV injection).
    let quote = |s: &str| {
        let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
        format!(
            "\"{}{}\"",
            if formula { "'" } else { "" },
            s.replace('"', "\"\"")
        )
    };
    let mut out = std::iter::once(quote("from \\ to (p50 ms)"))
        .chain(data.labels.iter().map(|l| quote(l)))
        .collect::<Vec<_>>()
        .join(",");
    for &r in order {
        out.push('\n');
        let cells = data.cells[r]
            .iter()
            .map(|c| c.as_ref().map_or("?".to_string(), cell_text));
        out.push_str(
            &std::iter::once(quote(&data.labels[r]))
                .chain(cells)
                .collect::<Vec<_>>()
                .join(","),
        );
    }
    out.push('\n');
    out
}

/// The matrix as text: p50 / p99 per cell, "~" marking a modeled pair.
pub fn table(data: &RttData) -> Table {
    let mut headers = vec!["From \\ to".to_string()];
    headers.extend(data.labels.iter().cloned());
    let rows = data
        .labels
        .iter()
        .zip(&data.cells)
        .map(|(lab, row)| {
            let mut r = vec![lab.clone()];
            r.extend(row.iter().map(|c| match c {
                Some(c) => {
                    let tilde = if c.kind == CellKind::Modeled { "~" } else { "" };
                    format!(
                        "{tilde}{} / {tilde}{}",
                        style::fixed(c.p50_ms, 1),
                        style::fixed(c.p99_ms, 1)
                    )
                }
                None => "unknown region".to_string(),
            }));
            r
        })
        .collect();
    Table {
        caption: format!(
            "Round-trip time between regions, p50 / p99 (ms), from row to column. {}",
            caption_items(data).join(" ")
        ),
        headers,
        rows,
    }
}
