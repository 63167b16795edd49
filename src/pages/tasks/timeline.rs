//! The timeline of the shown tasks (a Gantt chart); the figures are in the table above.

use super::filter::TaskView;
use crate::components::chart::{draw_gantt, gantt_height, ChartCanvas, GanttText};
use crate::domain::tasks::timeline::timeline;
use crate::i18n::{Lang, Msg};
use crate::state::Part;
use crate::state::{use_lang, use_plan, use_today};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

/// Wide enough for a year of months to stay readable; a phone scrolls sideways.
const MIN_WIDTH: u32 = 720;
/// A canvas cannot be arbitrarily tall; past this many tasks the filter narrows it.
const MAX_ROWS: usize = 80;

fn month_zh(d: NaiveDate) -> String {
    if d.month() == 1 {
        format!("{}年1月", d.year())
    } else {
        format!("{}月", d.month())
    }
}

fn month_en(d: NaiveDate) -> String {
    // By hand: chrono's format engine would add weight to the page for one word.
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let name = NAMES[d.month0() as usize];
    if d.month() == 1 {
        format!("{name} {}", d.year())
    } else {
        name.to_string()
    }
}

#[component]
pub fn TaskTimeline(view: TaskView) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let today = use_today();
    let shown = Memo::new(move |_| store.read_parts(&[Part::Tasks], |p| view.shown(p).len()));
    let data = Memo::new(move |_| {
        let today = today.get();
        store.read_parts(
            &[Part::Tasks, Part::Header, Part::Phases, Part::Horizon],
            |p| timeline(p, view.shown(p).into_iter().take(MAX_ROWS), today),
        )
    });
    let truncated = move || {
        let n = shown.get();
        (n > MAX_ROWS).then(|| {
            lang.get()
                .t(Msg::TimelineTruncated)
                .replace("{0}", &MAX_ROWS.to_string())
                .replace("{1}", &n.to_string())
        })
    };
    let label = Signal::derive(move || {
        data.with(|tl| {
            lang.get()
                .t(Msg::TimelineLabel)
                .replace("{0}", &tl.rows.len().to_string())
                .replace("{1}", &tl.due_count().to_string())
                .replace("{2}", &tl.overdue_count().to_string())
        })
    });
    let height = Signal::derive(move || data.with(|tl| gantt_height(tl.rows.len())));
    let draw = move |area: &crate::components::chart::Area, scale: f64| {
        let lang = lang.get();
        let text = GanttText {
            month: if lang == Lang::Zh { month_zh } else { month_en },
            today: lang.t(Msg::LegendToday).to_string(),
        };
        data.with(|tl| draw_gantt(area, scale, tl, &text));
    };
    view! {
        <section class="section" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{lang.t(Msg::TimelineTitle)}</h2>
            <p class="hint">{lang.t(Msg::TimelineHint)}</p>
            <p class="hint" role="status">{truncated}</p>
            <ChartCanvas label height draw test_id="task-timeline" min_width=MIN_WIDTH />
        </section>
    }
}
