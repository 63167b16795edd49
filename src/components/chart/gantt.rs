//! The task timeline as a Gantt chart: phases as bands, each task's phase as a bar with
//! its due dates as diamonds, today as a line, overdue in the warning colour.

use super::canvas::Area;
use super::frame::text_width;
use crate::domain::tasks::timeline::{month_label_step, MarkState, Timeline};
use chrono::{Datelike, Months, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// CSS pixels.
pub const ROW_HEIGHT: u32 = 30;
const TOP: u32 = 46;
const BOTTOM: u32 = 16;
const GUTTER: f64 = 150.0;
const RIGHT: f64 = 16.0;

const INK: RGBColor = RGBColor(0x2b, 0x30, 0x38);
const MUTED: RGBColor = RGBColor(0x8a, 0x90, 0x9a);
const GRID: RGBColor = RGBColor(0xe6, 0xe8, 0xec);
const BANDS: [RGBColor; 3] = [
    RGBColor(0xee, 0xf3, 0xfc),
    RGBColor(0xec, 0xf7, 0xf1),
    RGBColor(0xfb, 0xf4, 0xe8),
];
const SPAN: RGBColor = RGBColor(0xc9, 0xd6, 0xf2);
const AHEAD: RGBColor = RGBColor(0x3b, 0x6e, 0xd8);
const DONE: RGBColor = RGBColor(0x2e, 0x9d, 0x6b);
/// Orange, not red: overdue is a warning, and red is today's line.
pub const OVERDUE: RGBColor = RGBColor(0xe0, 0x7b, 0x00);
const TODAY: RGBColor = RGBColor(0xd9, 0x3b, 0x2f);

/// The chart's height in CSS pixels for `rows` tasks.
pub fn gantt_height(rows: usize) -> u32 {
    TOP + ROW_HEIGHT * rows.max(1) as u32 + BOTTOM
}

/// Labels in the UI language: a month ("9月", "Sep"), a year prefix at January.
pub struct GanttText {
    pub month: fn(NaiveDate) -> String,
    pub today: String,
}

/// `text` as drawn in `style`, cut with "…" to fit `max` device pixels; `None` when not
/// even one character fits.
fn fit(text: &str, style: &TextStyle, max: i32) -> Option<String> {
    let wide = |t: &str| text_width(t, style);
    if wide(text) <= max {
        return Some(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    (1..chars.len())
        .rev()
        .map(|n| format!("{}…", chars[..n].iter().collect::<String>()))
        .find(|t| wide(t) <= max)
}

/// Draws `tl` filling `area`; `scale` is device pixels per CSS pixel.
pub fn draw_gantt(area: &Area, scale: f64, tl: &Timeline, text: &GanttText) {
    let px = |v: f64| (v * scale).round() as i32;
    let font = |size: f64, color: &RGBColor| ("sans-serif", size * scale).into_font().color(color);
    let (width, height) = area.dim_in_pixel();
    let (left, right) = (px(GUTTER), width as i32 - px(RIGHT));
    let (top, bottom) = (px(TOP as f64), height as i32 - px(BOTTOM as f64));
    let days = (tl.to - tl.from).num_days().max(1) as f64 + 1.0;
    let x = |d: NaiveDate| {
        let offset = (d - tl.from).num_days() as f64;
        left + ((right - left) as f64 * offset / days).round() as i32
    };
    let row_y = |i: usize| top + px(ROW_HEIGHT as f64) * i as i32;
    let line = |points: Vec<(i32, i32)>, color: RGBColor, w: f64| {
        let _ = area.draw(&PathElement::new(
            points,
            color.stroke_width(px(w).max(1) as u32),
        ));
    };

    // Phase bands behind everything, named along the top.
    for (i, band) in tl.bands.iter().enumerate() {
        let (x0, x1) = (x(band.from), x(band.to.succ_opt().unwrap_or(band.to)));
        let _ = area.draw(&Rectangle::new(
            [(x0, px(4.0)), (x1, bottom)],
            BANDS[i % BANDS.len()].filled(),
        ));
        // A short phase keeps its name inside its band.
        let style = font(12.0, &INK).pos(Pos::new(HPos::Left, VPos::Top));
        if let Some(name) = fit(&band.name, &style, x1 - x0 - px(8.0)) {
            let _ = area.draw(&Text::new(name, (x0 + px(4.0), px(6.0)), style));
        }
    }
    // Month starts: a light rule each, and month names thinned out so that none overlaps
    // the next (a year on a phone's 720 px names every other month).
    let mut starts = Vec::new();
    let mut month = tl.from.with_day(1).unwrap_or(tl.from);
    while month <= tl.to {
        if month >= tl.from {
            starts.push(month);
        }
        let Some(next) = month.checked_add_months(Months::new(1)) else {
            break;
        };
        month = next;
    }
    let month_style = font(11.0, &MUTED).pos(Pos::new(HPos::Left, VPos::Top));
    let name_width = |m: NaiveDate| text_width(&(text.month)(m), &month_style);
    // The narrowest month is the one that must hold a name; a lone month has to the end.
    let narrowest = starts
        .windows(2)
        .map(|w| x(w[1]) - x(w[0]))
        .min()
        .or_else(|| starts.first().map(|&m| right - x(m)))
        .unwrap_or(0);
    let widest = starts.iter().map(|&m| name_width(m)).max().unwrap_or(0);
    let step = month_label_step(narrowest as f64, (widest + px(3.0 + 6.0)) as f64);
    for &month in &starts {
        let mx = x(month);
        line(vec![(mx, px(24.0)), (mx, bottom)], GRID, 1.0);
        // The last name may not run off the canvas.
        if month.month0() % step == 0 && mx + px(3.0) + name_width(month) <= width as i32 {
            let _ = area.draw(&Text::new(
                (text.month)(month),
                (mx + px(3.0), px(26.0)),
                month_style.clone(),
            ));
        }
    }
    // One row per task: its name, its phase as a bar, its due dates as diamonds.
    for (i, row) in tl.rows.iter().enumerate() {
        let (y0, mid) = (row_y(i), row_y(i) + px(ROW_HEIGHT as f64 / 2.0));
        line(vec![(0, y0), (right, y0)], GRID, 1.0);
        let color = if row.overdue { OVERDUE } else { INK };
        let style = font(12.0, &color).pos(Pos::new(HPos::Left, VPos::Center));
        if let Some(label) = fit(&row.label, &style, left - px(12.0)) {
            let _ = area.draw(&Text::new(label, (px(6.0), mid), style));
        }
        if let Some((from, to)) = row.span {
            let (x0, x1) = (x(from), x(to.succ_opt().unwrap_or(to)));
            let _ = area.draw(&Rectangle::new(
                [(x0, mid - px(4.0)), (x1, mid + px(4.0))],
                SPAN.filled(),
            ));
        }
        let r = px(6.0);
        for &(date, state) in &row.marks {
            let fill = match state {
                MarkState::Done => DONE,
                MarkState::Ahead => AHEAD,
                MarkState::Passed => MUTED,
                MarkState::Overdue => OVERDUE,
            };
            // The middle of the due day.
            let cx = (x(date) + x(date.succ_opt().unwrap_or(date))) / 2;
            let diamond = vec![(cx, mid - r), (cx + r, mid), (cx, mid + r), (cx - r, mid)];
            let _ = area.draw(&Polygon::new(diamond, fill.filled()));
        }
    }
    // Today, over the rows.
    if tl.today >= tl.from && tl.today <= tl.to {
        let tx = x(tl.today);
        line(vec![(tx, top), (tx, bottom)], TODAY, 2.0);
        let style = font(11.0, &TODAY).pos(Pos::new(HPos::Center, VPos::Top));
        let _ = area.draw(&Text::new(text.today.clone(), (tx, bottom), style));
    }
}
