//! Many lines over the same categories, coloured light to dark in series order (e.g.
//! one cumulative revenue curve per cohort, oldest to newest): the legend names the two
//! ends of the scale instead of every line.

use super::canvas::Area;
use super::frame::{axis_font, draw_legend, px, value_chart, widest_label, Corner, Swatch};
use crate::domain::tasks::timeline::month_label_step;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The first series' colour and the last one's; those between are mixed in proportion.
pub const CURVE_LIGHT: RGBColor = RGBColor(0x9e, 0xc5, 0xfe);
pub const CURVE_DARK: RGBColor = RGBColor(0x1d, 0x3f, 0xa8);

pub struct Curves {
    pub categories: Vec<String>,
    /// One line per series, oldest first; `None` where the series has no value (its
    /// line ends there).
    pub series: Vec<Vec<Option<f64>>>,
    /// Legend texts for the first and the last series.
    pub first_label: String,
    pub last_label: String,
    pub axis_label: fn(f64) -> String,
}

/// The colour of series `i` of `n`.
pub fn curve_color(i: usize, n: usize) -> RGBColor {
    let t = if n <= 1 {
        1.0
    } else {
        i as f64 / (n - 1) as f64
    };
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(
        mix(CURVE_LIGHT.0, CURVE_DARK.0),
        mix(CURVE_LIGHT.1, CURVE_DARK.1),
        mix(CURVE_LIGHT.2, CURVE_DARK.2),
    )
}

/// Draws `curves` filling `area`; `scale` is device pixels per CSS pixel. The y axis
/// starts at zero (or below it, when a value is negative).
pub fn draw_curves(area: &Area, scale: f64, curves: &Curves) {
    let px = |v: f64| px(scale, v);
    let values = || {
        curves
            .series
            .iter()
            .flat_map(|s| s.iter().flatten().copied())
    };
    let hi = values().fold(0.0_f64, f64::max);
    let lo = values().fold(0.0_f64, f64::min);
    let top = if hi > 0.0 { hi * 1.15 } else { 1.0 };
    let bottom = if lo < 0.0 { lo * 1.15 } else { 0.0 };
    let n = curves.categories.len().max(1);
    let Some(mut chart) = value_chart(
        area,
        scale,
        -0.5..(n as f64 - 0.5),
        bottom..top,
        16.0,
        curves.axis_label,
    ) else {
        return;
    };
    let count = curves.series.len();
    // Oldest first, so the newest lines are drawn on top.
    for (s, series) in curves.series.iter().enumerate() {
        let color = curve_color(s, count);
        let points: Vec<(f64, f64)> = series
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
            .collect();
        let _ = chart.draw_series(std::iter::once(PathElement::new(
            points.clone(),
            color.stroke_width(px(2.0) as u32),
        )));
        let _ = chart.draw_series(
            points
                .iter()
                .map(|&p| Circle::new(p, px(2.5), color.filled())),
        );
    }
    let style = axis_font(scale, 11.0).pos(Pos::new(HPos::Center, VPos::Top));
    let slot = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
    let widest = widest_label(curves.categories.iter().map(String::as_str), &style);
    let step = month_label_step(slot as f64, (widest + px(8.0)) as f64) as usize;
    for (i, label) in curves
        .categories
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step.max(1) == 0)
    {
        let (x, y) = chart.backend_coord(&(i as f64, bottom));
        let _ = area.draw(&Text::new(label.clone(), (x, y + px(6.0)), style.clone()));
    }
    let mut legend = Vec::new();
    if count > 0 {
        legend.push((
            curves.first_label.clone(),
            Swatch::Line(curve_color(0, count)),
        ));
    }
    if count > 1 {
        legend.push((
            curves.last_label.clone(),
            Swatch::Line(curve_color(count - 1, count)),
        ));
    }
    draw_legend(&chart, scale, &legend, Corner::UpperLeft);
}
