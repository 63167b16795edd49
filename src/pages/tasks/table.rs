//! The task table: what is done by whom and when (spec §2), with the next due date,
//! overdue, status, and the deliverable judged against its actual value.

use super::filter::TaskView;
use crate::components::table::{
    table_row, CellCtx, Column, ColumnKind, EditableTable, TableSource,
};
use crate::domain::plan::parts::{self, Part};
use crate::domain::plan::Plan;
use crate::domain::scenario::goals::FigureRef;
use crate::domain::tasks::deliverable::Outcome;
use crate::domain::tasks::schedule::DeadlineRule;
use crate::domain::tasks::Task;
use crate::domain::values::entry::{CellValue, Entry};
use crate::i18n::{format_date, Lang, Msg, NO_VALUE};
use crate::pages::options::{
    figure_options, COMPARATORS, COMPARATOR_VALUES, TASK_STATUSES, TASK_STATUS_VALUES,
};
use leptos::prelude::*;

table_row!(Task, monthly_task);

pub(crate) fn task_source() -> TableSource<Task> {
    TableSource {
        key: "tasks",
        part: Part::Tasks,
        rows: |p| &p.tasks,
        rows_mut: |p| &mut p.tasks,
        new_row: |id, lang| Task {
            monthly_task: lang.t(Msg::NewTask).into(),
            ..Task::new(id)
        },
    }
}

/// The plan's phases by name ("" for none).
fn phase_options(plan: &Plan, _lang: Lang) -> Vec<(String, String)> {
    crate::pages::options::distinct_name_options(
        (String::new(), NO_VALUE.to_string()),
        plan.phases.iter().map(|p| p.name.as_str()),
    )
}

/// A rule in the UI language; what was typed when it is not a rule.
fn deadline_text(deadline: &Entry<DeadlineRule>, lang: Lang) -> String {
    match (deadline, lang) {
        (Entry::Value(rule), Lang::Zh) => rule.text_zh(),
        (Entry::Value(rule), Lang::En) => rule.text_en(),
        (other, _) => other.text(),
    }
}

fn next_due_text(task: &Task, plan: &Plan, ctx: &CellCtx) -> String {
    let timing = plan.task_timing(task, ctx.today);
    let Some(next) = timing.next else {
        return if task.deadline.value().is_some()
            && !matches!(task.deadline, Entry::Value(DeadlineRule::Fixed { .. }))
        {
            ctx.lang.t(Msg::NoPhaseDates).into()
        } else {
            NO_VALUE.into()
        };
    };
    let date = format_date(next, ctx.lang);
    let text = if timing.dates.len() > 1 {
        ctx.lang
            .t(Msg::DueOfMany)
            .replace("{0}", &date)
            .replace("{1}", &timing.dates.len().to_string())
    } else {
        date
    };
    if timing.outside_phase {
        ctx.lang.t(Msg::OutsidePhase).replace("{0}", &text)
    } else {
        text
    }
}

fn outcome_text(task: &Task, plan: &Plan, lang: Lang) -> String {
    let d = &task.deliverable;
    let word = match d.outcome_in(plan) {
        Outcome::Met => Msg::OutcomeMet,
        Outcome::NotMet => Msg::OutcomeNotMet,
        Outcome::Pending => return lang.t(Msg::OutcomePending).into(),
    };
    match d.actual_in(plan) {
        // A linked figure shows what it read, so the verdict can be checked.
        Some(actual) if d.source.is_some() => lang
            .t(Msg::OutcomeWithActual)
            .replace("{0}", lang.t(word))
            .replace("{1}", &format!("{}{}", actual.to_text(), d.unit)),
        _ => lang.t(word).into(),
    }
}

pub(crate) fn task_columns() -> Vec<Column<Task>> {
    type C = Column<Task>;
    vec![
        C::text(
            Msg::ColMonthlyTask,
            |t| &t.monthly_task,
            |t| &mut t.monthly_task,
        ),
        C::choice_from_plan(
            Msg::ColPhase,
            &[Part::Phases],
            phase_options,
            |t| t.phase.trim().to_string(),
            |t, key| t.phase = key.to_string(),
        )
        .phone_first(5),
        C::text(
            Msg::ColWeeklyAction,
            |t| &t.weekly_action,
            |t| &mut t.weekly_action,
        ),
        C::text(Msg::ColOwner, |t| &t.owner, |t| &mut t.owner).phone_first(6),
        C::custom(
            Msg::ColDeadline,
            ColumnKind::Text,
            |t, ctx| deadline_text(&t.deadline, ctx.lang),
            |t, text| t.deadline = Entry::from_text(text),
            |t| t.deadline.error(),
        ),
        C::derived_from_plan(Msg::ColNextDue, parts::SCHEDULE, next_due_text).phone_first(1),
        C::choice(
            Msg::ColStatus,
            TASK_STATUSES,
            TASK_STATUS_VALUES,
            |t| t.status,
            |t, v| t.status = v,
        )
        .phone_first(2),
        C::derived_from_plan(Msg::ColOverdue, parts::SCHEDULE, |t, p, ctx| {
            if p.task_timing(t, ctx.today).overdue {
                ctx.lang.t(Msg::IsOverdue).into()
            } else {
                NO_VALUE.into()
            }
        })
        .phone_first(3),
        C::text(
            Msg::ColDeliverableMetric,
            |t| &t.deliverable.metric,
            |t| &mut t.deliverable.metric,
        ),
        C::choice(
            Msg::ColComparator,
            COMPARATORS,
            COMPARATOR_VALUES,
            |t| t.deliverable.comparator,
            |t, v| t.deliverable.comparator = v,
        ),
        C::entry(
            Msg::ColThreshold,
            ColumnKind::Percent,
            |t| &t.deliverable.threshold,
            |t| &mut t.deliverable.threshold,
        )
        .unit(|t, _| t.deliverable.known_unit()),
        C::text(
            Msg::ColUnit,
            |t| &t.deliverable.unit,
            |t| &mut t.deliverable.unit,
        ),
        C::entry(
            Msg::ColActual,
            ColumnKind::Percent,
            |t| &t.deliverable.actual,
            |t| &mut t.deliverable.actual,
        )
        .unit(|t, _| t.deliverable.known_unit()),
        C::choice_from_plan(
            Msg::ColActualFrom,
            parts::LINKED_FIGURES,
            figure_options,
            |t| t.deliverable.source.map(FigureRef::key).unwrap_or_default(),
            |t, key| t.deliverable.source = FigureRef::from_key(key),
        ),
        C::derived_from_plan(Msg::ColOutcome, parts::LINKED_FIGURES, |t, p, ctx| {
            outcome_text(t, p, ctx.lang)
        })
        .phone_first(4),
    ]
}

#[component]
pub fn TaskTable(view: TaskView) -> impl IntoView {
    view! {
        <EditableTable
            caption=Msg::TasksTitle
            source=task_source()
            columns=task_columns()
            add_label=Msg::AddTask
            selection=view.selection
        />
    }
}
