//! 任务拆解 (spec §2): phases as campaign months, the tasks with deadline rules, status
//! and measurable deliverables; progress roll-ups, a timeline and a calendar export,
//! all following one filter.

mod calendar;
mod filter;
pub(crate) mod phases;
mod rollup;
pub(crate) mod table;
mod timeline;

use crate::components::deferred::Deferred;
use crate::components::field::PlanField;
use crate::domain::tasks::DEFAULT_HORIZON_MONTHS;
use crate::domain::values::entry::Entry;
use crate::i18n::{format_date, Msg, NO_VALUE};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use calendar::CalendarExport;
use filter::{FilterBar, TaskView};
use leptos::prelude::*;
use phases::PhaseTable;
use rollup::Rollups;
use table::TaskTable;
use timeline::TaskTimeline;

#[component]
pub fn TasksPage() -> impl IntoView {
    crate::i18n::install_texts::tasks();
    let lang = use_lang();
    let store = use_plan();
    let view = TaskView::new();
    let horizon_hint = move || {
        store.read_parts(&[Part::Horizon, Part::Header], |p| {
            let months = p
                .horizon_months
                .value()
                .copied()
                .filter(|&m| m >= 1)
                .unwrap_or(DEFAULT_HORIZON_MONTHS);
            let end = p
                .horizon_end()
                .map_or(NO_VALUE.into(), |d| format_date(d, lang.get()));
            lang.get()
                .t(Msg::HorizonHint)
                .replace("{0}", &months.to_string())
                .replace("{1}", &end)
        })
    };
    view! {
        <section class="page">
            <h1>{lang.t(Msg::TasksTitle)}</h1>
            <p class="intro">{lang.t(Msg::TasksIntro)}</p>
            <div class="form-row">
                <PlanField id="horizon-months" part=Part::Horizon label=Msg::HorizonMonths input_mode="numeric"
                    text=|p| p.horizon_months.text()
                    write=|p, v| p.horizon_months = Entry::from_text(v)
                    error=|p| p.horizon_months.error().or_else(|| (p.horizon_months.value() == Some(&0)).then_some(crate::domain::values::entry::InputError::MonthFromOne)) />
                <p class="hint" data-testid="horizon-hint">{horizon_hint}</p>
            </div>
            <PhaseTable />
            <FilterBar view />
            <Deferred><TaskTable view /></Deferred>
            <Deferred><Rollups view /></Deferred>
            <Deferred><TaskTimeline view /></Deferred>
            <Deferred><CalendarExport view /></Deferred>
        </section>
    }
}
