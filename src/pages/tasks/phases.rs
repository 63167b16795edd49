//! The phases: campaign-month ranges and the calendar dates they cover.

use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::plan::parts::Part;
use crate::domain::tasks::Phase;
use crate::i18n::{format_date, Lang, Msg, NO_VALUE};
use leptos::prelude::*;

table_row!(Phase, name);

pub(crate) fn phase_source() -> TableSource<Phase> {
    TableSource {
        key: "phases",
        part: Part::Phases,
        rows: |p| &p.phases,
        rows_mut: |p| &mut p.phases,
        new_row: |id, lang| Phase {
            name: lang.t(Msg::NewPhase).into(),
            ..Phase::new(id)
        },
    }
}

/// The phase dates count from the campaign start, which the cell context carries.
pub(crate) fn phase_columns() -> Vec<Column<Phase>> {
    type C = Column<Phase>;
    let show = move |lang: Lang, date: Option<chrono::NaiveDate>| {
        date.map_or(NO_VALUE.into(), |d| format_date(d, lang))
    };
    vec![
        C::text(Msg::ColPhase, |p| &p.name, |p| &mut p.name),
        C::entry(
            Msg::ColFirstMonth,
            ColumnKind::Integer,
            |p| &p.first_month,
            |p| &mut p.first_month,
        )
        .with_error(Phase::first_month_error),
        C::entry(
            Msg::ColLastMonth,
            ColumnKind::Integer,
            |p| &p.last_month,
            |p| &mut p.last_month,
        )
        .with_error(Phase::last_month_error),
        C::derived(Msg::ColFromDate, move |p, ctx| {
            show(ctx.lang, p.dates(ctx.start_date).map(|d| d.from))
        }),
        C::derived(Msg::ColToDate, move |p, ctx| {
            match p.dates(ctx.start_date) {
                Some(d) if d.to.is_none() => ctx.lang.t(Msg::OpenEnded).into(),
                d => show(ctx.lang, d.and_then(|d| d.to)),
            }
        }),
    ]
}

#[component]
pub fn PhaseTable() -> impl IntoView {
    view! {
        <EditableTable caption=Msg::PhasesTitle source=phase_source() columns=phase_columns() add_label=Msg::AddPhase />
    }
}
