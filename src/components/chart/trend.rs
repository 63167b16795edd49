//! A metric month by month, with its target (and alert threshold) as flat lines.

use super::bars::{BLUE, GREEN, WARN};
use super::canvas::Area;
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

const AXIS: RGBColor = RGBColor(0x55, 0x5b, 0x66);

pub fn draw_trend(area: &Area, scale: f64, trend: &Trend) {
    let px = |v: f64| (v * scale).round() as i32;
    let font = |size: f64| ("sans-serif", size * scale).into_font().color(&AXIS);
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
    let Ok(mut chart) = ChartBuilder::on(area)
        .margin(px(8.0))
        .margin_top(px(28.0))
        .margin_right(px(16.0))
        .x_label_area_size(px(28.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d(-0.5..(n as f64 - 0.5), lo..hi + pad)
    else {
        return;
    };
    let axis_label = trend.axis_label;
    let _ = chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(5)
        .y_label_formatter(&|v| axis_label(*v))
        .y_label_style(font(11.0))
        .light_line_style(RGBColor(0xee, 0xef, 0xf2))
        .axis_style(AXIS)
        .draw();
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
        if let Ok(drawn) = chart.draw_series(line) {
            drawn.label(name.clone()).legend(move |(x, y)| {
                PathElement::new(
                    [(x, y), (x + px(14.0), y)],
                    color.stroke_width(px(2.0) as u32),
                )
            });
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
    for (k, run) in runs.into_iter().enumerate() {
        if let Ok(drawn) = chart.draw_series(std::iter::once(PathElement::new(
            run,
            BLUE.stroke_width(width),
        ))) {
            if k == 0 {
                drawn.label(trend.legend[0].clone()).legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + px(14.0), y)], BLUE.stroke_width(width))
                });
            }
        }
    }
    let _ = chart.draw_series(
        points
            .iter()
            .map(|&p| Circle::new(p, px(3.0), BLUE.filled())),
    );
    // Month labels: every one when they fit, else every second or third.
    let step = n.div_ceil(8).max(1);
    for (i, month) in trend
        .months
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0)
    {
        let (x, y) = chart.backend_coord(&(i as f64, lo));
        let style = font(11.0).pos(Pos::new(HPos::Center, VPos::Top));
        let _ = area.draw(&Text::new(month.clone(), (x, y + px(6.0)), style));
    }
    let _ = chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(font(12.0))
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(0xdd, 0xdf, 0xe4))
        .draw();
}
