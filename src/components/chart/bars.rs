//! Grouped bars: one group per category, one bar per series (e.g. allocated vs committed).

use super::canvas::Area;
use super::frame::{axis_font, draw_legend, px, value_chart, Corner, Swatch};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub struct Series {
    pub name: String,
    pub color: RGBColor,
    pub values: Vec<f64>,
    /// Bars drawn in the warning colour (e.g. committed over the allocation).
    pub warn: Vec<bool>,
}

pub struct Bars {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Formats an axis value, e.g. "¥12万".
    pub axis_label: fn(f64) -> String,
}

pub const BLUE: RGBColor = RGBColor(0x3b, 0x6e, 0xd8);
pub const GREEN: RGBColor = RGBColor(0x2e, 0x9d, 0x6b);
pub const WARN: RGBColor = RGBColor(0xd9, 0x3b, 0x2f);

/// Draws `bars` filling `area`; `scale` is device pixels per CSS pixel.
pub fn draw_bars(area: &Area, scale: f64, bars: &Bars) {
    let px = |v: f64| px(scale, v);
    let font = |size: f64| axis_font(scale, size);
    let groups = bars.categories.len().max(1);
    let max = bars
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0_f64, f64::max);
    let top = if max > 0.0 { max * 1.15 } else { 1.0 };
    let Some(mut chart) = value_chart(
        area,
        scale,
        0.0..groups as f64,
        0.0..top,
        8.0,
        bars.axis_label,
    ) else {
        return;
    };
    let n = bars.series.len().max(1) as f64;
    let slot = 0.8 / n;
    for (s, series) in bars.series.iter().enumerate() {
        let rects = series.values.iter().enumerate().map(|(i, &v)| {
            let x0 = i as f64 + 0.1 + s as f64 * slot;
            let color = if series.warn.get(i).copied().unwrap_or(false) {
                WARN
            } else {
                series.color
            };
            Rectangle::new([(x0, 0.0), (x0 + slot * 0.92, v)], color.filled())
        });
        let _ = chart.draw_series(rects);
    }
    // Category names under their groups.
    for (i, name) in bars.categories.iter().enumerate() {
        let (x, y) = chart.backend_coord(&(i as f64 + 0.5, 0.0));
        let style = font(12.0).pos(Pos::new(HPos::Center, VPos::Top));
        let _ = area.draw(&Text::new(name.clone(), (x, y + px(6.0)), style));
    }
    let legend: Vec<_> = bars
        .series
        .iter()
        .map(|series| (series.name.clone(), Swatch::Bar(series.color)))
        .collect();
    // The legend sits over the lower end of the chart, so it hides none of the tallest
    // bars (they reach 87 % of the height).
    let third = (groups / 3).max(1);
    let peak = |from: usize, to: usize| {
        bars.series
            .iter()
            .flat_map(|s| s.values.iter().skip(from).take(to - from).copied())
            .fold(0.0_f64, f64::max)
    };
    let corner = if peak(0, third) < peak(groups.saturating_sub(third), groups) {
        Corner::UpperLeft
    } else {
        Corner::UpperRight
    };
    draw_legend(&chart, scale, &legend, corner);
}
