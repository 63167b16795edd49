//! Service appointments (spec §6.3): vacancy and no-show per slot, totals per day, and
//! a suggested action when a rate crosses its alert line.

use crate::components::field::EntryField;
use crate::components::summary_table::{SummaryRow, SummaryTable};
use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::plan::parts::Part;
use crate::domain::toolkits::appointments::{
    day_totals, overall_no_show, totals, AppointmentSlot, Suggestion,
};
use crate::domain::values::measure::Unit;
use crate::i18n::{format_count, format_date, format_rate, Msg};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

// "2026-10-15 14:00-15:00": a slot is named by its day and time.
table_row!(AppointmentSlot, |s| format!("{} {}", s.date.text(), s.slot)
    .trim()
    .to_string());

const DAY_COLUMNS: &[Msg] = &[
    Msg::ColBooked,
    Msg::ColReserved,
    Msg::ColArrived,
    Msg::ColVacancy,
    Msg::ColNoShow,
];

pub(crate) fn appointment_source() -> TableSource<AppointmentSlot> {
    TableSource {
        key: "appointments",
        part: Part::Appointments,
        rows: |p| &p.appointments,
        rows_mut: |p| &mut p.appointments,
        new_row: |id, _| AppointmentSlot::new(id),
    }
}

fn suggestion_text(s: Suggestion) -> Option<Msg> {
    match s {
        Suggestion::Unknown => None,
        Suggestion::Normal => Some(Msg::SuggestNormal),
        Suggestion::FillSeats => Some(Msg::SuggestFillSeats),
        Suggestion::CutNoShows => Some(Msg::SuggestCutNoShows),
        Suggestion::Both => Some(Msg::SuggestBoth),
    }
}

pub(crate) fn appointment_columns() -> Vec<Column<AppointmentSlot>> {
    type C = Column<AppointmentSlot>;
    vec![
        C::text(Msg::ColSlot, |a| &a.slot, |a| &mut a.slot),
        C::entry(Msg::ColDate, ColumnKind::Date, |a| &a.date, |a| &mut a.date),
        C::entry(
            Msg::ColBooked,
            ColumnKind::Integer,
            |a| &a.booked,
            |a| &mut a.booked,
        ),
        C::entry(
            Msg::ColReserved,
            ColumnKind::Integer,
            |a| &a.reserved,
            |a| &mut a.reserved,
        ),
        C::entry(
            Msg::ColArrived,
            ColumnKind::Integer,
            |a| &a.arrived,
            |a| &mut a.arrived,
        ),
        C::derived(Msg::ColVacancy, |a, ctx| format_rate(a.vacancy(), ctx.lang)),
        C::derived(Msg::ColNoShow, |a, ctx| format_rate(a.no_show(), ctx.lang)),
        C::derived_from_plan(
            Msg::ColSuggestion,
            &[Part::AppointmentAlerts],
            |a, p, ctx| {
                suggestion_text(a.suggestion(&p.appointment_alerts))
                    .map_or(crate::i18n::NO_VALUE.into(), |m| ctx.lang.t(m).into())
            },
        ),
        C::text(Msg::ColResponse, |a| &a.action, |a| &mut a.action),
    ]
}

#[component]
pub fn AppointmentsToolkit() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let totals =
        Memo::new(move |_| store.read_parts(&[Part::Appointments], |p| totals(&p.appointments)));
    let days = Memo::new(move |_| {
        store.read_parts(&[Part::Appointments], |p| day_totals(&p.appointments))
    });
    let day_rows = Signal::derive(move || {
        let lang = lang.get();
        days.get()
            .into_iter()
            .map(|d| SummaryRow {
                name: format_date(d.date, lang),
                figures: vec![
                    format_count(d.booked, lang),
                    format_count(d.reserved, lang),
                    format_count(d.arrived, lang),
                    format_rate(d.vacancy, lang),
                    format_rate(d.no_show, lang),
                ],
                warn: false,
            })
            .collect()
    });
    view! {
        <section class="section" id="appointments" aria-labelledby="appointments-title">
            <h3 id="appointments-title">{lang.t(Msg::ToolkitsTitle)}</h3>
            <p class="hint">{lang.t(Msg::ToolkitsIntro)}</p>
            <dl class="figures">
                <div class="figure">
                    <dt>{lang.t(Msg::TotalBooked)}</dt>
                    <dd>{move || format_count(totals.get().0, lang.get())}</dd>
                </div>
                <div class="figure">
                    <dt>{lang.t(Msg::TotalArrived)}</dt>
                    <dd>{move || format_count(totals.get().1, lang.get())}</dd>
                </div>
                <div class="figure figure-main">
                    <dt>{lang.t(Msg::OverallNoShow)}</dt>
                    <dd data-testid="overall-no-show">{move || format_rate(store.read_parts(&[Part::Appointments], |p| overall_no_show(&p.appointments)), lang.get())}</dd>
                </div>
            </dl>
            <div class="form-row">
                <EntryField id="alert-vacancy" part=Part::AppointmentAlerts label=Msg::AlertVacancy unit=Unit::Percent get=|p| &p.appointment_alerts.vacancy_above get_mut=|p| &mut p.appointment_alerts.vacancy_above />
                <EntryField id="alert-no-show" part=Part::AppointmentAlerts label=Msg::AlertNoShow unit=Unit::Percent get=|p| &p.appointment_alerts.no_show_above get_mut=|p| &mut p.appointment_alerts.no_show_above />
            </div>
            <EditableTable caption=Msg::ToolkitsTitle source=appointment_source() columns=appointment_columns() add_label=Msg::AddSlot />
            <SummaryTable caption=Msg::DayTotalsTitle first=Msg::ColDate columns=DAY_COLUMNS rows=day_rows test_id="day-totals" />
        </section>
    }
}
