//! The deadlines as an .ics file (RFC 5545) for phone calendars, Outlook and Google.

use super::filter::TaskView;
use crate::components::files::download;
use crate::domain::formats::ics::ics_calendar;
use crate::domain::tasks::EventLabels;
use crate::i18n::Msg;
use crate::state::{use_lang, use_plan, use_today};
use leptos::prelude::*;

#[component]
pub fn CalendarExport(view: TaskView) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let today = use_today();
    let result = RwSignal::new(None::<String>);
    let export = move |_| {
        let lang = lang.get_untracked();
        let labels = EventLabels {
            owner: lang.t(Msg::ColOwner),
            phase: lang.t(Msg::ColPhase),
            action: lang.t(Msg::ColWeeklyAction),
            deliverable: lang.t(Msg::ColDeliverable),
        };
        let (events, name) = store.read_untracked(|p| {
            let tasks = view.selection.with_untracked(|s| {
                p.tasks
                    .iter()
                    .filter(|t| s.shows(t.id))
                    .map(|t| &**t)
                    .collect::<Vec<_>>()
            });
            (
                p.calendar_events(tasks, today.get_untracked(), &labels),
                p.header.name.clone(),
            )
        });
        if events.is_empty() {
            result.set(Some(lang.t(Msg::CalendarNothing).into()));
            return;
        }
        let stamp = chrono::Utc::now().naive_utc();
        let ics = ics_calendar(&events, stamp, "-//OMO Planner//Task deadlines//ZH");
        let file = crate::domain::plan::schema::export_file_name_with(&name, "ics");
        let _ = download(&file, "text/calendar;charset=utf-8", &ics);
        result.set(Some(
            lang.t(Msg::CalendarDone)
                .replace("{}", &events.len().to_string()),
        ));
    };
    view! {
        <section class="section print-skip" aria-labelledby="calendar-title">
            <h2 id="calendar-title">{lang.t(Msg::CalendarTitle)}</h2>
            <p class="hint">{lang.t(Msg::CalendarHint)}</p>
            <button type="button" class="btn btn-primary" on:click=export>{lang.t(Msg::CalendarExport)}</button>
            <p class="hint" role="status" data-testid="calendar-result">{move || result.get()}</p>
        </section>
    }
}
