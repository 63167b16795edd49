//! A metric month by month, with its target (and alert threshold) as flat lines.

use super::bars::{BLUE, GREEN, WARN};
use super::canvas::Area;
use super::frame::{axis_font, draw_legend, px, value_chart, widest_label, Corner, Swatch};
use crate::domain::tasks::timeline::month_label_step;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub struct Trend {
    /// "2025-10" … one per month, oldest first.
    pub months: Vec<String>,
    /// `None` where the month has no value: the line breaks there.
    pub values: Vec<Option<f64>>,
    pub target: Option<f64>,
    pub threshold: Option<f64>,
    pub legend: [String; 3],
    pub axis_label: fn(f64) -> String,
}

pub fn draw_trend(area: &Area, scale: f64, trend: &Trend) {
    let px = |v: f64| px(scale, v);
    let font = |size: f64| axis_font(scale, size);
    let all = trend
        .values
        .iter()
        .flatten()
        .chain(trend.target.iter())
        .chain(trend.threshold.iter())
        .copied();
    let (lo, hi) = all.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (lo, hi) = if lo > hi {
        (0.0, 1.0)
    } else {
        (lo.min(0.0), hi)
    };
    let pad = ((hi - lo) * 0.12).max(1e-9);
    let n = trend.months.len().max(1);
    let x = -0.5..(n as f64 - 0.5);
    let Some(mut chart) = value_chart(area, scale, x, lo..hi + pad, 16.0, trend.axis_label) else {
        return;
    };
    let mut legend = Vec::new();
    // Flat lines first, so the metric's own line stays on top.
    for (value, color, name) in [
        (trend.target, GREEN, &trend.legend[1]),
        (trend.threshold, WARN, &trend.legend[2]),
    ] {
        let Some(v) = value else { continue };
        let line = std::iter::once(PathElement::new(
            vec![(-0.5, v), (n as f64 - 0.5, v)],
            color.stroke_width(px(1.5) as u32),
        ));
        if chart.draw_series(line).is_ok() {
            legend.push((name.clone(), Swatch::Line(color)));
        }
    }
    // The metric: a line through each run of months with values, a dot on each month.
    let points: Vec<(f64, f64)> = trend
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
        .collect();
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    for (i, v) in trend.values.iter().enumerate() {
        let Some(v) = v else { continue };
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|p| p.0 == i as f64 - 1.0) => {
                run.push((i as f64, *v))
            }
            _ => runs.push(vec![(i as f64, *v)]),
        }
    }
    let width = px(2.0) as u32;
    for run in runs {
        let _ = chart.draw_series(std::iter::once(PathElement::new(
            run,
            BLUE.stroke_width(width),
        )));
    }
    if !points.is_empty() {
        legend.push((trend.legend[0].clone(), Swatch::Line(BLUE)));
    }
    let _ = chart.draw_series(
        points
            .iter()
            .map(|&p| Circle::new(p, px(3.0), BLUE.filled())),
    );
    // Month labels: every one when they fit, else every second, third… so that none
    // overlaps the next at this width.
    let style = font(11.0).pos(Pos::new(HPos::Center, VPos::Top));
    let slot = chart.backend_coord(&(1.0, lo)).0 - chart.backend_coord(&(0.0, lo)).0;
    let widest = widest_label(trend.months.iter().map(String::as_str), &style);
    let step = month_label_step(slot as f64, (widest + px(8.0)) as f64) as usize;
    for (i, month) in trend
        .months
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0)
    {
        let (x, y) = chart.backend_coord(&(i as f64, lo));
        let _ = area.draw(&Text::new(month.clone(), (x, y + px(6.0)), style.clone()));
    }
    draw_legend(&chart, scale, &legend, Corner::UpperLeft);
}
