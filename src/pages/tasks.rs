//! 任务拆解: phases as campaign months with their calendar dates, and the task table (spec §2).

use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::tasks::{Phase, Task};
use crate::i18n::{format_date, Lang, Msg, NO_VALUE};
use crate::state::use_lang;
use leptos::prelude::*;

table_row!(Phase, name);

table_row!(Task, monthly_task);

pub fn phase_source() -> TableSource<Phase> {
    TableSource {
        key: "phases",
        rows: |p| &p.phases,
        rows_mut: |p| &mut p.phases,
        new_row: |id, lang| Phase {
            name: lang.t(Msg::NewPhase).into(),
            ..Phase::new(id)
        },
    }
}

/// The phase dates count from the campaign start, which the cell context carries.
fn phase_columns() -> Vec<Column<Phase>> {
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

pub fn task_source() -> TableSource<Task> {
    TableSource {
        key: "tasks",
        rows: |p| &p.tasks,
        rows_mut: |p| &mut p.tasks,
        new_row: |id, lang| Task {
            monthly_task: lang.t(Msg::NewTask).into(),
            ..Task::new(id)
        },
    }
}

fn task_columns() -> Vec<Column<Task>> {
    type C = Column<Task>;
    vec![
        C::text(
            Msg::ColMonthlyTask,
            |t| &t.monthly_task,
            |t| &mut t.monthly_task,
        ),
        C::text(Msg::ColPhase, |t| &t.phase, |t| &mut t.phase),
        C::text(
            Msg::ColWeeklyAction,
            |t| &t.weekly_action,
            |t| &mut t.weekly_action,
        ),
        C::text(Msg::ColOwner, |t| &t.owner, |t| &mut t.owner),
        C::text(Msg::ColDeadline, |t| &t.deadline, |t| &mut t.deadline),
        C::text(
            Msg::ColDeliverable,
            |t| &t.deliverable,
            |t| &mut t.deliverable,
        ),
    ]
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="page">
            <h1>{lang.t(Msg::TasksTitle)}</h1>
            <p class="intro">{lang.t(Msg::TasksIntro)}</p>
            <EditableTable caption=Msg::PhasesTitle source=phase_source() columns=phase_columns() add_label=Msg::AddPhase />
            <EditableTable caption=Msg::TasksTitle source=task_source() columns=task_columns() add_label=Msg::AddTask />
        </section>
    }
}
