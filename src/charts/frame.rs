//! Layout and axes drawn from primitives (text, lines, rectangles), shared by the charts.
//!
//! Plotters' `ChartBuilder` measures text to lay out labels, which on wasm32 asks the DOM
//! and natively guesses; laying out here with one estimate keeps the SVG identical on both
//! and lets the row charts put two-line posture labels on a categorical axis.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{self, GRID, TEXT};
use super::ChartError;

pub type Area<DB> = DrawingArea<DB, Shift>;

/// Caption and note text size (px).
pub const SMALL: f64 = 11.0;
/// Axis labels and row labels (px).
pub const NORMAL: f64 = 12.0;
/// Line height of caption text (px).
pub const LINE: i32 = 14;
/// Top of the plot: below the title, subtitle and legend.
pub const PLOT_TOP: i32 = 70;
/// Room under the plot for tick labels and the axis title.
pub const AXIS_H: i32 = 34;
/// At most this many caption lines; more would squeeze the plot (the table has them all).
const MAX_CAPTION_LINES: usize = 6;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Rect {
    pub fn w(&self) -> i32 {
        self.x1 - self.x0
    }
    pub fn h(&self) -> i32 {
        self.y1 - self.y0
    }
}

/// A linear map from data to pixels; values outside the domain are clamped to its ends
/// (callers label anything cut off) and non-finite values land on the start.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: i32,
    pub r1: i32,
}

impl Scale {
    pub fn map(&self, v: f64) -> i32 {
        let span = self.d1 - self.d0;
        if !v.is_finite() || span <= 0.0 || !span.is_finite() {
            return self.r0;
        }
        let t = ((v - self.d0) / span).clamp(0.0, 1.0);
        self.r0 + (t * f64::from(self.r1 - self.r0)).round() as i32
    }
}

/// A 1-2-5 tick step giving about `n` intervals up to `max`, and the axis end (a multiple
/// of the step, at least `max`). Degenerate input (≤ 0, NaN) gives the axis 0..1.
pub fn nice_ticks(max: f64, n: usize) -> (f64, Vec<f64>) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let count = (max / step).ceil().max(1.0) as usize;
    let ticks = (0..=count).map(|i| i as f64 * step).collect();
    (count as f64 * step, ticks)
}

/// Greedy word wrap to `width` pixels at `px`.
pub fn wrap(text: &str, px: f64, width: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if style::text_width(&candidate, px) > width && !cur.is_empty() {
            lines.push(std::mem::replace(&mut cur, word.to_string()));
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

thread_local! {
    static CAPTION_OUTSIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Draws with `f` leaving the caption out of the SVG: the page sets the same lines (each
/// module's `footnotes`) as text under the chart, where they wrap and stay readable at
/// any width. Exports and snapshots keep the caption inside.
pub fn without_caption<T>(f: impl FnOnce() -> T) -> T {
    CAPTION_OUTSIDE.with(|c| c.set(true));
    let out = f();
    CAPTION_OUTSIDE.with(|c| c.set(false));
    out
}

/// The caption (sources, notes) wrapped to the chart width, capped at a quarter of the
/// chart height (and [`MAX_CAPTION_LINES`]) so the plot keeps most of the room; none
/// inside [`without_caption`].
pub fn caption_lines(items: &[String], width: i32, height: i32) -> Vec<String> {
    if CAPTION_OUTSIDE.with(|c| c.get()) {
        return Vec::new();
    }
    let mut lines: Vec<String> = items
        .iter()
        .flat_map(|s| wrap(s, SMALL, width - 16))
        .collect();
    let max = ((height / 4 / LINE).max(1) as usize).min(MAX_CAPTION_LINES);
    if lines.len() > max {
        lines.truncate(max - 1);
        lines.push("… (the full list is in the chart's table)".to_string());
    }
    lines
}

/// Height the caption needs.
pub fn caption_h(lines: &[String]) -> i32 {
    if lines.is_empty() {
        return 0;
    }
    lines.len() as i32 * LINE + 8
}

pub fn label<DB: DrawingBackend>(
    root: &Area<DB>,
    s: &str,
    at: (i32, i32),
    style: &TextStyle<'static>,
) -> Result<(), ChartError> {
    if !s.is_empty() {
        root.draw(&Text::new(s.to_string(), at, style.clone()))?;
    }
    Ok(())
}

/// Title (and a subtitle line) at the top left.
pub fn title<DB: DrawingBackend>(
    root: &Area<DB>,
    title: &str,
    sub: &str,
) -> Result<(), ChartError> {
    let bold = style::text_styled(15.0, TEXT, HPos::Left, VPos::Top, FontStyle::Bold);
    label(root, title, (8, 6), &bold)?;
    label(
        root,
        sub,
        (8, 26),
        &style::text(SMALL, TEXT, HPos::Left, VPos::Top),
    )
}

/// The caption lines at the bottom of the chart.
pub fn caption<DB: DrawingBackend>(root: &Area<DB>, lines: &[String]) -> Result<(), ChartError> {
    let (_, h) = root.dim_in_pixel();
    let y0 = h as i32 - caption_h(lines) + 4;
    let st = style::text(SMALL, TEXT, HPos::Left, VPos::Top);
    for (i, l) in lines.iter().enumerate() {
        label(root, l, (8, y0 + i as i32 * LINE), &st)?;
    }
    Ok(())
}

/// A legend entry's mark.
#[derive(Clone, Copy, Debug)]
pub enum Mark {
    Swatch(RGBColor),
    Dot(RGBColor),
    Ring(RGBColor),
    Line(RGBColor),
    Dashed(RGBColor),
}

/// One row of legend entries from `x` at `y`; returns nothing, entries that do not fit the
/// width are dropped (the table has every series).
pub fn legend<DB: DrawingBackend>(
    root: &Area<DB>,
    (x, y): (i32, i32),
    items: &[(Mark, String)],
) -> Result<(), ChartError> {
    let (w, _) = root.dim_in_pixel();
    let st = style::text(SMALL, TEXT, HPos::Left, VPos::Center);
    let mut cx = x;
    for (mark, text) in items {
        let need = 18 + style::text_width(text, SMALL) + 14;
        if cx + need > w as i32 {
            break;
        }
        match *mark {
            Mark::Swatch(c) => {
                root.draw(&Rectangle::new([(cx, y - 5), (cx + 12, y + 5)], c.filled()))?
            }
            Mark::Dot(c) => root.draw(&Circle::new((cx + 6, y), 4, c.filled()))?,
            Mark::Ring(c) => root.draw(&Circle::new((cx + 6, y), 4, c.stroke_width(2)))?,
            Mark::Line(c) => root.draw(&PathElement::new(
                vec![(cx, y), (cx + 12, y)],
                c.stroke_width(2),
            ))?,
            Mark::Dashed(c) => dashed(root, (cx, y), (cx + 14, y), c)?,
        }
        label(root, text, (cx + 18, y), &st)?;
        cx += need;
    }
    Ok(())
}

/// A dashed straight line (4 on, 3 off), horizontal or vertical.
pub fn dashed<DB: DrawingBackend>(
    root: &Area<DB>,
    (xa, ya): (i32, i32),
    (xb, yb): (i32, i32),
    color: RGBColor,
) -> Result<(), ChartError> {
    let len = (xb - xa).abs().max((yb - ya).abs());
    let (dx, dy) = ((xb - xa).signum(), (yb - ya).signum());
    let mut t = 0;
    while t < len {
        let e = (t + 4).min(len);
        root.draw(&PathElement::new(
            vec![(xa + dx * t, ya + dy * t), (xa + dx * e, ya + dy * e)],
            color.stroke_width(2),
        ))?;
        t += 7;
    }
    Ok(())
}

/// Vertical grid lines at `ticks`, their labels under the plot, and the axis title.
pub fn x_axis<DB: DrawingBackend>(
    root: &Area<DB>,
    plot: Rect,
    scale: &Scale,
    ticks: &[(f64, String)],
    title: &str,
) -> Result<(), ChartError> {
    let st = style::text(SMALL, TEXT, HPos::Center, VPos::Top);
    for (v, text) in ticks {
        let x = scale.map(*v);
        root.draw(&PathElement::new(vec![(x, plot.y0), (x, plot.y1)], GRID))?;
        label(root, text, (x, plot.y1 + 4), &st)?;
    }
    root.draw(&PathElement::new(
        vec![(plot.x0, plot.y1), (plot.x1, plot.y1)],
        TEXT.stroke_width(1),
    ))?;
    let mid = (plot.x0 + plot.x1) / 2;
    label(
        root,
        title,
        (mid, plot.y1 + 19),
        &style::text(NORMAL, TEXT, HPos::Center, VPos::Top),
    )
}

/// Ticks 0..max as (value, label) pairs.
pub fn linear_ticks(ticks: &[f64]) -> Vec<(f64, String)> {
    ticks.iter().map(|v| (*v, style::num(*v))).collect()
}

/// A chart with nothing to plot: the title and why, centred, so the page still explains
/// itself.
pub fn no_data<DB: DrawingBackend>(
    root: &Area<DB>,
    heading: &str,
    message: &str,
) -> Result<(), ChartError> {
    let (w, h) = root.dim_in_pixel();
    title(root, heading, "")?;
    let st = style::text(NORMAL, TEXT, HPos::Center, VPos::Center);
    let lines = wrap(message, NORMAL, w as i32 - 24);
    let y0 = h as i32 / 2 - lines.len() as i32 * 8;
    for (i, l) in lines.iter().enumerate() {
        label(root, l, (w as i32 / 2, y0 + i as i32 * 16), &st)?;
    }
    Ok(())
}

/// Posture rows: a label column on the left, each row with a name and a status line.
pub struct Rows {
    pub plot: Rect,
    pub row_h: i32,
}

impl Rows {
    /// Lays out `n` rows whose names are `names`, the plot from `PLOT_TOP` to above the axis
    /// and caption.
    pub fn layout(w: i32, h: i32, names: &[String], caption: &[String], n: usize) -> Rows {
        let label_w = names
            .iter()
            .map(|s| style::text_width(s, NORMAL))
            .max()
            .unwrap_or(0)
            .max(60)
            .min(w * 2 / 5);
        let x0 = 8 + label_w + 10;
        let y1 = (h - caption_h(caption) - AXIS_H).max(PLOT_TOP + 20);
        let plot = Rect {
            x0,
            y0: PLOT_TOP,
            x1: (w - 24).max(x0 + 20),
            y1,
        };
        let row_h = (plot.h() / n.max(1) as i32).max(1);
        Rows { plot, row_h }
    }

    /// Top of row `i`.
    pub fn top(&self, i: usize) -> i32 {
        self.plot.y0 + i as i32 * self.row_h
    }

    /// The row's name (bold when chosen) and status under it.
    pub fn row_label<DB: DrawingBackend>(
        &self,
        root: &Area<DB>,
        i: usize,
        name: &str,
        status: &str,
        chosen: bool,
    ) -> Result<(), ChartError> {
        let font = if chosen {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let mid = self.top(i) + self.row_h / 2;
        let right = self.plot.x0 - 10;
        let name_st = style::text_styled(NORMAL, TEXT, HPos::Right, VPos::Bottom, font);
        let status_st = style::text(SMALL, TEXT, HPos::Right, VPos::Top);
        let room = right - 8;
        label(
            root,
            &style::fit(name, NORMAL, room),
            (right, mid + 1),
            &name_st,
        )?;
        label(
            root,
            &style::fit(status, SMALL - 1.0, room),
            (right, mid + 1),
            &status_st,
        )?;
        // A faint separator between rows keeps a row's marks with its label.
        if i > 0 {
            let y = self.top(i);
            root.draw(&PathElement::new(vec![(8, y), (self.plot.x1, y)], GRID))?;
        }
        Ok(())
    }
}
