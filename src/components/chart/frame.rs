//! The frame the value charts (bars, trend) share: margins, a y axis of formatted values
//! with light grid lines, and the legend box, in one look.

use super::canvas::Area;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
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
/// The widest of `labels` as drawn in `style`, in device pixels.
pub fn widest_label<'a>(labels: impl Iterator<Item = &'a str>, style: &TextStyle) -> i32 {
    labels
        .map(|label| text_width(label, style))
        .max()
        .unwrap_or(0)
}

/// The width of `text` drawn in `style`, in device pixels, measured by a canvas of its
/// own that is never in the page. plotters measures a text by adding a `<span>` to the
/// page and reading its size: a forced layout of the whole page per text, which made a
/// chart redrawn after a keystroke cost more than everything else the keystroke did.
/// Widths are remembered by font and text too (labels rarely change between drawings).
pub fn text_width(text: &str, style: &TextStyle) -> i32 {
    type Key = (String, String);
    thread_local! {
        static MEASURE: Option<web_sys::CanvasRenderingContext2d> = measuring_context();
        static WIDTHS: std::cell::RefCell<std::collections::HashMap<Key, i32>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    let font = &style.font;
    // The font as plotters-canvas sets it before drawing the text.
    let css_font = format!(
        "{} {}px {}",
        font.get_style().as_str(),
        font.get_size(),
        font.get_family().as_str()
    );
    let key = (css_font, text.to_string());
    if let Some(width) = WIDTHS.with(|w| w.borrow().get(&key).copied()) {
        return width;
    }
    let width = MEASURE.with(|context| {
        context.as_ref().map_or(0, |context| {
            context.set_font(&key.0);
            context
                .measure_text(text)
                .map_or(0, |metrics| metrics.width().ceil() as i32)
        })
    });
    WIDTHS.with(|w| {
        let mut widths = w.borrow_mut();
        if widths.len() >= 4096 {
            widths.clear(); // plenty for the labels of every chart; never grows unbounded
        }
        widths.insert(key, width);
    });
    width
}

/// A 2D context on a canvas that is never attached: measuring text on it lays out nothing.
fn measuring_context() -> Option<web_sys::CanvasRenderingContext2d> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()?
        .get_context("2d")
        .ok()??
        .dyn_into()
        .ok()
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

/// What a legend line shows before its label: the series' bar colour or its line.
#[derive(Clone, Copy)]
pub enum Swatch {
    Bar(RGBColor),
    Line(RGBColor),
}

/// Where the legend box sits in the plotting area.
#[derive(Clone, Copy)]
pub enum Corner {
    UpperLeft,
    UpperRight,
}

/// The legend: a box in `corner` of the plotting area, a line per series (its swatch,
/// its name). Drawn here rather than by plotters, whose legend measures its labels in
/// the page (see `text_width`).
pub fn draw_legend(
    chart: &ValueChart<'_>,
    scale: f64,
    entries: &[(String, Swatch)],
    corner: Corner,
) {
    if entries.is_empty() {
        return;
    }
    let px = |css: f64| px(scale, css);
    let area = chart.plotting_area().strip_coord_spec();
    let style = axis_font(scale, 12.0).pos(Pos::new(HPos::Left, VPos::Center));
    let (margin, swatch, gap, line) = (px(6.0), px(14.0), px(6.0), px(17.0));
    let text = entries
        .iter()
        .map(|(label, _)| text_width(label, &style))
        .max()
        .unwrap_or(0);
    let (w, h) = (
        margin * 2 + swatch + gap + text,
        margin * 2 + line * entries.len() as i32,
    );
    let (area_w, _) = area.dim_in_pixel();
    let x0 = match corner {
        Corner::UpperLeft => px(4.0),
        Corner::UpperRight => area_w as i32 - w - px(4.0),
    };
    let y0 = px(4.0);
    let corners = [(x0, y0), (x0 + w, y0 + h)];
    let _ = area.draw(&Rectangle::new(corners, WHITE.mix(0.9).filled()));
    let _ = area.draw(&Rectangle::new(corners, RGBColor(0xdd, 0xdf, 0xe4)));
    for (i, (label, kind)) in entries.iter().enumerate() {
        let (x, y) = (x0 + margin, y0 + margin + line * i as i32 + line / 2);
        let _ = match *kind {
            Swatch::Bar(color) => area.draw(&Rectangle::new(
                [(x, y - px(5.0)), (x + px(12.0), y + px(5.0))],
                color.filled(),
            )),
            Swatch::Line(color) => area.draw(&PathElement::new(
                [(x, y), (x + swatch, y)],
                color.stroke_width(px(2.0) as u32),
            )),
        };
        let _ = area.draw(&Text::new(
            label.clone(),
            (x + swatch + gap, y),
            style.clone(),
        ));
    }
}
