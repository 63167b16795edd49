//! Several lines over the same categories (e.g. each funnel step's conversion by week).

use super::bars::{BLUE, GREEN, WARN};
use super::canvas::Area;
use super::frame::{axis_font, draw_legend, px, value_chart, widest_label, Corner, Swatch};
use crate::domain::tasks::timeline::month_label_step;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Series colours, in order (then repeated).
pub const PALETTE: [RGBColor; 5] = [
    BLUE,
    GREEN,
    RGBColor(0xe0, 0x8a, 0x1e),
    RGBColor(0x8a, 0x4f, 0xc8),
    WARN,
];

pub struct LineSeries {
    pub name: String,
    /// `None` where there is no value: the line breaks there.
    pub values: Vec<Option<f64>>,
}

pub struct Lines {
    pub categories: Vec<String>,
    pub series: Vec<LineSeries>,
    pub axis_label: fn(f64) -> String,
}

/// Draws `lines` filling `area`; `scale` is device pixels per CSS pixel.
pub fn draw_lines(area: &Area, scale: f64, lines: &Lines) {
    let px = |v: f64| px(scale, v);
    let hi = lines
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .fold(0.0_f64, f64::max);
    let top = if hi > 0.0 { hi * 1.15 } else { 1.0 };
    let n = lines.categories.len().max(1);
    let Some(mut chart) = value_chart(
        area,
        scale,
        -0.5..(n as f64 - 0.5),
        0.0..top,
        16.0,
        lines.axis_label,
    ) else {
        return;
    };
    let mut legend = Vec::new();
    for (s, series) in lines.series.iter().enumerate() {
        let color = PALETTE[s % PALETTE.len()];
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        for (i, v) in series.values.iter().enumerate() {
            let Some(v) = v else { continue };
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|p| p.0 == i as f64 - 1.0) => {
                    run.push((i as f64, *v))
                }
                _ => runs.push(vec![(i as f64, *v)]),
            }
        }
        for run in &runs {
            let _ = chart.draw_series(std::iter::once(PathElement::new(
                run.clone(),
                color.stroke_width(px(2.0) as u32),
            )));
            let _ = chart.draw_series(run.iter().map(|&p| Circle::new(p, px(3.0), color.filled())));
        }
        legend.push((series.name.clone(), Swatch::Line(color)));
    }
    let style = axis_font(scale, 11.0).pos(Pos::new(HPos::Center, VPos::Top));
    let slot = chart.backend_coord(&(1.0, 0.0)).0 - chart.backend_coord(&(0.0, 0.0)).0;
    let widest = widest_label(lines.categories.iter().map(String::as_str), &style);
    let step = month_label_step(slot as f64, (widest + px(8.0)) as f64) as usize;
    for (i, label) in lines
        .categories
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step.max(1) == 0)
    {
        let (x, y) = chart.backend_coord(&(i as f64, 0.0));
        let _ = area.draw(&Text::new(label.clone(), (x, y + px(6.0)), style.clone()));
    }
    draw_legend(&chart, scale, &legend, Corner::UpperRight);
}
