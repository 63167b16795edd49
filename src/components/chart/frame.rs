//! The frame the value charts (bars, trend) share: margins, a y axis of formatted values
//! with light grid lines, and the legend box, in one look.

use super::canvas::Area;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::ops::Range;

pub const AXIS: RGBColor = RGBColor(0x55, 0x5b, 0x66);

pub type ValueChart<'a> =
    ChartContext<'a, CanvasBackend, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Device pixels for `css` CSS pixels at `scale`.
pub fn px(scale: f64, css: f64) -> i32 {
    (css * scale).round() as i32
}

/// The axis font at `size` CSS pixels.
/// The widest of `labels` as drawn in `style`, measuring one label per length in
/// characters: the browser lays out every text measured (a forced layout each), and
/// labels of one shape (months, dates) differ by a pixel or two, which the gap between
/// labels absorbs. A year of months is then 2 measures, not 12; 1,000 months, not 1,000.
pub fn widest_label<'a>(
    area: &Area,
    labels: impl Iterator<Item = &'a str>,
    style: &TextStyle,
) -> i32 {
    let mut measured = std::collections::HashSet::new();
    labels
        .filter(|label| measured.insert(label.chars().count()))
        .map(|label| text_width(area, label, style))
        .max()
        .unwrap_or(0)
}

/// The width of `text` drawn in `style`, in device pixels. plotters measures a text by
/// adding it to the page and reading its size, a layout of the whole page each time; a
/// chart redrawn after every keystroke would do that for each of its labels, so widths
/// are remembered by font and text (labels rarely change between two drawings).
pub fn text_width(area: &Area, text: &str, style: &TextStyle) -> i32 {
    type Key = (String, u64, String, String);
    thread_local! {
        static WIDTHS: std::cell::RefCell<std::collections::HashMap<Key, i32>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    let font = &style.font;
    let key = (
        font.get_family().as_str().to_string(),
        font.get_size().to_bits(),
        font.get_style().as_str().to_string(),
        text.to_string(),
    );
    if let Some(width) = WIDTHS.with(|w| w.borrow().get(&key).copied()) {
        return width;
    }
    let width = area
        .estimate_text_size(text, style)
        .map_or(0, |(w, _)| w as i32);
    WIDTHS.with(|w| {
        let mut widths = w.borrow_mut();
        if widths.len() >= 4096 {
            widths.clear(); // plenty for the labels of every chart; never grows unbounded
        }
        widths.insert(key, width);
    });
    width
}

pub fn axis_font(scale: f64, size: f64) -> TextStyle<'static> {
    ("sans-serif", size * scale).into_font().color(&AXIS)
}

/// A chart over `x` × `y` on `area` with its y axis drawn (values through `axis_label`);
/// the x labels are the caller's. `None` when the area is too small to draw in.
pub fn value_chart<'a>(
    area: &'a Area,
    scale: f64,
    x: Range<f64>,
    y: Range<f64>,
    margin_right: f64,
    axis_label: fn(f64) -> String,
) -> Option<ValueChart<'a>> {
    let mut chart = ChartBuilder::on(area)
        .margin(px(scale, 8.0))
        .margin_top(px(scale, 28.0))
        .margin_right(px(scale, margin_right))
        .x_label_area_size(px(scale, 28.0))
        .y_label_area_size(px(scale, 64.0))
        .build_cartesian_2d(x, y)
        .ok()?;
    let _ = chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(5)
        .y_label_formatter(&|v| axis_label(*v))
        .y_label_style(axis_font(scale, 11.0))
        .light_line_style(RGBColor(0xee, 0xef, 0xf2))
        .axis_style(AXIS)
        .draw();
    Some(chart)
}

/// The legend of the labelled series, boxed at `position`.
pub fn draw_legend(chart: &mut ValueChart<'_>, scale: f64, position: SeriesLabelPosition) {
    let _ = chart
        .configure_series_labels()
        .position(position)
        .label_font(axis_font(scale, 12.0))
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(0xdd, 0xdf, 0xe4))
        .draw();
}
