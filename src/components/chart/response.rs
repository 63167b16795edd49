//! A channel's response curve: predicted monthly revenue against steady monthly spend,
//! its P10–P90 band shaded, the months' points (at their carried-over spend) and today's
//! spend marked by a vertical line and a dot on the curve.

use super::bars::{BLUE, GREEN, WARN};
use super::canvas::Area;
use super::frame::{axis_font, draw_legend, px, value_chart, Corner, Swatch};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResponseChart {
    /// (spend, predicted, P10, P90), spend ascending, yuan.
    pub curve: Vec<(f64, f64, f64, f64)>,
    /// The months: (carried-over spend, revenue), yuan.
    pub points: Vec<(f64, f64)>,
    /// Today's spend and its predicted revenue, yuan.
    pub today: Option<(f64, f64)>,
    /// Curve, band, months, today.
    pub legend: [String; 4],
}

pub fn draw_response(area: &Area, scale: f64, chart: &ResponseChart) {
    let px = |v: f64| px(scale, v);
    let x_hi = chart
        .curve
        .iter()
        .map(|c| c.0)
        .chain(chart.points.iter().map(|p| p.0))
        .fold(1.0, f64::max);
    let y_hi = chart
        .curve
        .iter()
        .map(|c| c.3.max(c.1))
        .chain(chart.points.iter().map(|p| p.1))
        .fold(1.0, f64::max)
        * 1.15;
    let Some(mut plot) = value_chart(area, scale, 0.0..x_hi, 0.0..y_hi, 16.0, |v| {
        format!("¥{:.1}万", v / 10_000.0)
    }) else {
        return;
    };
    let band_color = BLUE.mix(0.18);
    let band: Vec<(f64, f64)> = chart
        .curve
        .iter()
        .map(|c| (c.0, c.3))
        .chain(chart.curve.iter().rev().map(|c| (c.0, c.2)))
        .collect();
    let _ = plot.draw_series(std::iter::once(Polygon::new(band, band_color.filled())));
    let line: Vec<(f64, f64)> = chart.curve.iter().map(|c| (c.0, c.1)).collect();
    let _ = plot.draw_series(std::iter::once(PathElement::new(
        line,
        BLUE.stroke_width(px(2.0) as u32),
    )));
    let _ = plot.draw_series(
        chart
            .points
            .iter()
            .map(|&p| Circle::new(p, px(3.5), GREEN.filled())),
    );
    if let Some((x, y)) = chart.today {
        let _ = plot.draw_series(std::iter::once(PathElement::new(
            vec![(x, 0.0), (x, y_hi)],
            WARN.stroke_width(px(1.5) as u32),
        )));
        let _ = plot.draw_series(std::iter::once(Circle::new((x, y), px(5.0), WARN.filled())));
    }
    // The spend axis: five labels under the plotting area.
    let style = axis_font(scale, 11.0).pos(Pos::new(HPos::Center, VPos::Top));
    for i in 0..=4 {
        let v = x_hi * f64::from(i) / 4.0;
        let (x, y) = plot.backend_coord(&(v, 0.0));
        let _ = area.draw(&Text::new(
            format!("¥{:.1}万", v / 10_000.0),
            (x, y + px(6.0)),
            style.clone(),
        ));
    }
    let [curve, band, months, today] = chart.legend.clone();
    draw_legend(
        &plot,
        scale,
        &[
            (curve, Swatch::Line(BLUE)),
            (band, Swatch::Bar(RGBColor(0xd5, 0xdf, 0xf5))),
            (months, Swatch::Bar(GREEN)),
            (today, Swatch::Line(WARN)),
        ],
        Corner::UpperLeft,
    );
}
