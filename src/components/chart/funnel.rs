//! A funnel: one row per stage, a centred bar as wide as the people reached with the
//! people converted inside it, and under it the stage's rate and drop-off. A comparison
//! period is overlaid as outlines at the same scale.

use super::bars::{BLUE, WARN};
use super::canvas::Area;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One stage of the chart. Counts a stage cannot show (missing, invalid) are 0.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelBar {
    pub name: String,
    pub reached: u64,
    pub converted: u64,
    /// Under the bar: rate and drop-off, e.g. "30% · 流失 7,000".
    pub caption: String,
    /// A bottleneck: drawn in the warning colour.
    pub highlight: bool,
    /// The comparison period's (reached, converted), overlaid as outlines.
    pub previous: Option<(u64, u64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FunnelChart {
    pub stages: Vec<FunnelBar>,
    /// Legend entries: reached, converted, and the comparison period when overlaid.
    pub legend_reached: String,
    pub legend_converted: String,
    pub legend_previous: Option<String>,
}

/// CSS pixels per stage row, and above the rows for the legend.
pub const FUNNEL_ROW: u32 = 64;
pub const FUNNEL_TOP: u32 = 36;

const LIGHT_BLUE: RGBColor = RGBColor(0xc9, 0xd8, 0xf5);
const LIGHT_WARN: RGBColor = RGBColor(0xf6, 0xc9, 0xc4);
const INK: RGBColor = RGBColor(0x1f, 0x29, 0x33);
const OUTLINE: RGBColor = RGBColor(0x55, 0x5b, 0x66);

/// The most stages the chart draws: a row is 64 CSS px, and a funnel of hundreds of
/// stages (a pasted event list) would be a canvas taller than browsers can hold, redrawn
/// whole on each keystroke. The table holds every stage.
pub const FUNNEL_MAX_STAGES: usize = 30;

/// The canvas height (CSS pixels) for `stages` rows.
pub fn funnel_height(stages: usize) -> u32 {
    FUNNEL_TOP + FUNNEL_ROW * stages.max(1) as u32 + 8
}

/// At most `max` characters, with an ellipsis: long stage names must not run into bars.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        text.chars().take(max - 1).chain(['…']).collect()
    }
}

/// Draws `chart` filling `area`; `scale` is device pixels per CSS pixel.
pub fn draw_funnel(area: &Area, scale: f64, chart: &FunnelChart) {
    let px = |v: f64| (v * scale).round() as i32;
    let font = |size: f64, color: RGBColor| ("sans-serif", size * scale).into_font().color(&color);
    let (width, _) = area.dim_in_pixel();
    let width = width as i32;
    // The name column: a third of a phone, at most 150 CSS px on a wide screen.
    let name_w = (width / 3).min(px(150.0));
    let (bars_x, bars_w) = (name_w + px(8.0), (width - name_w - px(16.0)).max(px(40.0)));
    let centre = bars_x + bars_w / 2;
    let max = chart
        .stages
        .iter()
        .flat_map(|s| [s.reached, s.converted, s.previous.map_or(0, |p| p.0)])
        .max()
        .unwrap_or(0)
        .max(1);
    // Width in device pixels of `n` people; at least 1 px when anyone is there.
    let span = |n: u64| {
        let w = (u128::from(n) * bars_w as u128 / u128::from(max)) as i32;
        if n > 0 {
            w.max(1)
        } else {
            0
        }
    };
    let bar = |n: u64, top: i32, bottom: i32| {
        let half = span(n) / 2;
        [(centre - half, top), (centre + half.max(1), bottom)]
    };

    // Legend.
    let mut x = px(8.0);
    let legend_y = px(16.0);
    let mut entries: Vec<(&str, ShapeStyle)> = vec![
        (&chart.legend_reached, LIGHT_BLUE.filled()),
        (&chart.legend_converted, BLUE.filled()),
    ];
    if let Some(previous) = &chart.legend_previous {
        entries.push((previous, OUTLINE.stroke_width(px(2.0).max(1) as u32)));
    }
    for (label, style) in entries {
        let _ = area.draw(&Rectangle::new(
            [(x, legend_y - px(6.0)), (x + px(12.0), legend_y + px(6.0))],
            style,
        ));
        let text_style = font(12.0, INK).pos(Pos::new(HPos::Left, VPos::Center));
        let _ = area.draw(&Text::new(
            label.to_string(),
            (x + px(18.0), legend_y),
            text_style,
        ));
        x += px(18.0) + px(12.0 * label.chars().count() as f64 + 16.0);
    }

    for (i, stage) in chart.stages.iter().enumerate() {
        let top = px(FUNNEL_TOP as f64) + px(FUNNEL_ROW as f64) * i as i32;
        let (bar_top, bar_bottom) = (top + px(4.0), top + px(34.0));
        let (light, solid) = if stage.highlight {
            (LIGHT_WARN, WARN)
        } else {
            (LIGHT_BLUE, BLUE)
        };
        let name_style = font(13.0, INK).pos(Pos::new(HPos::Left, VPos::Center));
        let _ = area.draw(&Text::new(
            clip(&stage.name, 9),
            (px(8.0), (bar_top + bar_bottom) / 2),
            name_style,
        ));
        if stage.reached > 0 {
            let _ = area.draw(&Rectangle::new(
                bar(stage.reached, bar_top, bar_bottom),
                light.filled(),
            ));
        }
        if stage.converted > 0 {
            let _ = area.draw(&Rectangle::new(
                bar(stage.converted, bar_top + px(5.0), bar_bottom - px(5.0)),
                solid.filled(),
            ));
        }
        if let Some((reached, converted)) = stage.previous {
            let stroke = OUTLINE.stroke_width(px(2.0).max(1) as u32);
            if reached > 0 {
                let _ = area.draw(&Rectangle::new(bar(reached, bar_top, bar_bottom), stroke));
            }
            if converted > 0 {
                let _ = area.draw(&Rectangle::new(
                    bar(converted, bar_top + px(5.0), bar_bottom - px(5.0)),
                    stroke,
                ));
            }
        }
        let caption_style = font(12.0, INK).pos(Pos::new(HPos::Center, VPos::Top));
        let _ = area.draw(&Text::new(
            stage.caption.clone(),
            (centre, bar_bottom + px(6.0)),
            caption_style,
        ));
    }
}
