//! Colours, fonts and number formats shared by the charts.
//!
//! Every mark colour is a mid tone (neither near white nor near black) so it reads on a
//! light and on a dark page; the background stays transparent.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Text and axis colour. `svg` output rewrites text in this colour to `currentColor`.
pub const TEXT: RGBColor = RGBColor(0x6b, 0x77, 0x85);
/// Grid lines: the text grey, faint.
pub const GRID: RGBAColor = RGBAColor(0x6b, 0x77, 0x85, 0.3);
/// Budgets and targets: a red that stands out from the series colours.
pub const LIMIT: RGBColor = RGBColor(0xd6, 0x45, 0x45);

/// Series colours: mid-tone, distinct for the common forms of colour blindness (after
/// Okabe & Ito, lightened or darkened to sit between the two page themes).
pub const SERIES: [RGBColor; 6] = [
    RGBColor(0x3d, 0x8b, 0xd9), // blue
    RGBColor(0xe0, 0x8a, 0x1e), // orange
    RGBColor(0x2f, 0xa8, 0x7e), // bluish green
    RGBColor(0xb8, 0x6b, 0xc9), // reddish purple
    RGBColor(0xc9, 0xa2, 0x27), // yellow, darkened
    RGBColor(0x8a, 0x94, 0xa3), // grey
];

pub fn series(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// The font size plotters needs for `px` pixels: its SVG backend divides by 1.24 (and
/// may leave `13.000000000000002`; [`tidy_svg`] rounds that away).
fn size(px: f64) -> f64 {
    px * 1.24
}

/// A text style anchored at its top-left (or as `h`/`v` say). The family is the variant, not
/// the string "sans-serif": plotters lowercases a family given as text, which pulled the
/// Unicode case tables into the browser build (issue 16).
pub fn text(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FontFamily::SansSerif, size(px))
        .into_font()
        .color(&color)
        .pos(Pos::new(h, v))
}

pub fn text_styled(
    px: f64,
    color: RGBColor,
    h: HPos,
    v: VPos,
    font_style: FontStyle,
) -> TextStyle<'static> {
    (FontFamily::SansSerif, size(px), font_style)
        .into_font()
        .color(&color)
        .pos(Pos::new(h, v))
}

/// Estimated width of `s` at `px` (sans-serif averages about 0.55 em per character). Used
/// for layout instead of plotters' measurement, which differs between native and wasm32.
pub fn text_width(s: &str, px: f64) -> i32 {
    (s.chars().count() as f64 * px * 0.55).ceil() as i32
}

/// `s` cut to `width` pixels with a trailing "…" (labels must not run off the chart).
pub fn fit(s: &str, px: f64, width: i32) -> String {
    if text_width(s, px) <= width {
        return s.to_string();
    }
    let mut out: String = s.to_string();
    while !out.is_empty() && text_width(&out, px) + text_width("…", px) > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// A number for an axis or a cell: no decimals from 100 up, one below, two below 1.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let a = v.abs();
    let s = if a >= 100.0 || v == v.trunc() {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    };
    // "-0" reads as a mistake.
    if s.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        "0".to_string()
    } else {
        s
    }
}

/// A number for a table: fixed decimals, "n/a" when not finite.
pub fn fixed(v: f64, decimals: usize) -> String {
    if v.is_finite() {
        format!("{v:.decimals$}")
    } else {
        "n/a".to_string()
    }
}

/// Rewrites the text colour to `currentColor` so inline SVG follows the page theme (only
/// `<text>` elements use `fill` with this colour; lines use `stroke`, so marks keep theirs),
/// and rounds font sizes to two decimals (plotters' division by 1.24 leaves float noise).
pub fn tidy_svg(svg: &str) -> String {
    let (r, g, b) = (TEXT.0, TEXT.1, TEXT.2);
    let svg = svg.replace(
        &format!("fill=\"#{r:02X}{g:02X}{b:02X}\""),
        "fill=\"currentColor\"",
    );
    let key = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg.as_str();
    while let Some(i) = rest.find(key) {
        let start = i + key.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        match rest[..end].parse::<f64>() {
            Ok(v) => {
                let s = format!("{v:.2}");
                out.push_str(s.trim_end_matches('0').trim_end_matches('.'));
            }
            Err(_) => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(num(5550.0), "5550");
        assert_eq!(num(123.456), "123");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(0.25), "0.25");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(20.0), "20");
        assert_eq!(num(f64::NAN), "n/a");
        assert_eq!(fixed(f64::INFINITY, 1), "n/a");
        assert_eq!(fixed(1.26, 1), "1.3");
    }

    #[test]
    fn tidy_svg_rounds_font_sizes_and_themes_text() {
        let svg = "<text font-size=\"13.000000000000002\" fill=\"#6B7785\">a</text>\
                   <rect fill=\"#3D8BD9\" font-size=\"10.5\"/><text font-size=\"x\">";
        assert_eq!(
            tidy_svg(svg),
            "<text font-size=\"13\" fill=\"currentColor\">a</text>\
             <rect fill=\"#3D8BD9\" font-size=\"10.5\"/><text font-size=\"x\">"
        );
    }

    #[test]
    fn fit_cuts_long_labels_only() {
        assert_eq!(fit("Pilot light", 12.0, 200), "Pilot light");
        let cut = fit("Active-active, partitioned by home region", 12.0, 100);
        assert!(cut.ends_with('…') && text_width(&cut, 12.0) <= 100, "{cut}");
        assert_eq!(fit("abc", 12.0, 0), "…");
    }
}
