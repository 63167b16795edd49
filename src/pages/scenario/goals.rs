//! SMART goals and their decomposition into loop indicators, each following a figure of
//! the plan live (spec §1.2, §1.3).

use crate::components::table::{
    table_row, CellCtx, Column, ColumnKind, EditableTable, TableSource,
};
use crate::domain::plan::parts::{self, Part};
use crate::domain::plan::Plan;
use crate::domain::scenario::goals::{FigureRef, Goal, GoalDeadline, Indicator};
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::{Measure, Unit};
use crate::i18n::{format_change, format_date, format_measure, Lang, Msg, NO_VALUE};
use crate::pages::options::{figure_options, LOOP_STAGES, LOOP_STAGE_VALUES, UNITS, UNIT_VALUES};
use crate::state::use_lang;
use leptos::prelude::*;

table_row!(Goal, metric);
table_row!(Indicator, name);

pub(crate) fn goal_source() -> TableSource<Goal> {
    TableSource {
        key: "goals",
        part: Part::Goals,
        rows: |p| &p.goals,
        rows_mut: |p| &mut p.goals,
        new_row: |id, lang| Goal {
            metric: lang.t(Msg::NewGoal).into(),
            ..Goal::new(id)
        },
    }
}

/// "3个月内" / "within 3 months"; a fixed date or bad input as typed.
fn deadline_text(goal: &Goal, lang: Lang) -> String {
    match (&goal.deadline, lang) {
        (Entry::Value(GoalDeadline::WithinMonths(n)), Lang::Zh) => format!("{n}个月内"),
        (Entry::Value(GoalDeadline::WithinMonths(1)), Lang::En) => "within 1 month".into(),
        (Entry::Value(GoalDeadline::WithinMonths(n)), Lang::En) => format!("within {n} months"),
        (entry, _) => entry.text(),
    }
}

/// A figure in the row's own unit (30%, ¥75.00, 10,000).
fn measure_column<R: 'static>(
    header: Msg,
    get: fn(&R) -> &Entry<Measure>,
    get_mut: fn(&mut R) -> &mut Entry<Measure>,
    unit: fn(&R) -> Unit,
) -> Column<R> {
    Column::entry(header, ColumnKind::Percent, get, get_mut).unit(move |r, _| Some(unit(r)))
}

pub(crate) fn goal_columns() -> Vec<Column<Goal>> {
    type C = Column<Goal>;
    vec![
        C::text(Msg::ColGoalMetric, |g| &g.metric, |g| &mut g.metric),
        C::choice(
            Msg::ColUnit,
            UNITS,
            UNIT_VALUES,
            |g| g.unit,
            |g, v| g.unit = v,
        ),
        measure_column(
            Msg::ColBaseline,
            |g| &g.baseline,
            |g| &mut g.baseline,
            |g| g.unit,
        ),
        measure_column(Msg::ColTarget, |g| &g.target, |g| &mut g.target, |g| g.unit),
        C::derived(Msg::ColChange, |g, ctx| {
            g.change().map_or(NO_VALUE.into(), |d| {
                format_change(d, g.unit, ctx.currency, ctx.lang)
            })
        }),
        C::custom(
            Msg::ColDeadlineWithin,
            ColumnKind::Text,
            |g, ctx| deadline_text(g, ctx.lang),
            |g, text| g.deadline = Entry::from_text(text),
            |g| g.deadline.error(),
        ),
        C::derived(Msg::ColDueDate, |g, ctx| {
            g.due(ctx.start_date)
                .map_or(NO_VALUE.into(), |d| format_date(d, ctx.lang))
        }),
    ]
}

pub(crate) fn indicator_source() -> TableSource<Indicator> {
    TableSource {
        key: "indicators",
        part: Part::Indicators,
        rows: |p| &p.indicators,
        rows_mut: |p| &mut p.indicators,
        new_row: |id, lang| Indicator {
            name: lang.t(Msg::NewIndicator).into(),
            ..Indicator::new(id)
        },
    }
}

/// The goals to decompose, by id; "" for none yet.
fn goal_options(plan: &Plan, lang: Lang) -> Vec<(String, String)> {
    std::iter::once((String::new(), lang.t(Msg::NotChosen).to_string()))
        .chain(plan.goals.iter().enumerate().map(|(i, g)| {
            let name = if g.metric.trim().is_empty() {
                lang.t(Msg::GoalNumber).replace("{}", &(i + 1).to_string())
            } else {
                g.metric.trim().to_string()
            };
            (g.id.0.to_string(), name)
        }))
        .collect()
}

fn progress_text(
    i: &Indicator,
    plan: &Plan,
    ctx: &CellCtx,
    show: fn(&crate::domain::scenario::goals::Progress, &CellCtx) -> String,
) -> String {
    i.progress(plan).map_or(NO_VALUE.into(), |p| show(&p, ctx))
}

pub(crate) fn indicator_columns() -> Vec<Column<Indicator>> {
    type C = Column<Indicator>;
    vec![
        C::text(Msg::ColIndicator, |i| &i.name, |i| &mut i.name),
        C::choice_from_plan(
            Msg::ColGoal,
            &[Part::Goals],
            goal_options,
            |i| i.goal.map(|g| g.0.to_string()).unwrap_or_default(),
            |i, key| i.goal = key.parse().ok().map(RowId),
        ),
        C::choice(
            Msg::ColLoopStage,
            LOOP_STAGES,
            LOOP_STAGE_VALUES,
            |i| i.stage,
            |i, v| i.stage = v,
        ),
        C::choice(
            Msg::ColUnit,
            UNITS,
            UNIT_VALUES,
            |i| i.unit,
            |i, v| i.unit = v,
        ),
        measure_column(Msg::ColTarget, |i| &i.target, |i| &mut i.target, |i| i.unit),
        C::choice_from_plan(
            Msg::ColSource,
            parts::LINKED_FIGURES,
            figure_options,
            |i| i.source.map(FigureRef::key).unwrap_or_default(),
            |i, key| i.source = FigureRef::from_key(key),
        ),
        C::derived_from_plan(
            Msg::ColCurrent,
            parts::INDICATOR_PROGRESS,
            |i, plan, ctx| {
                progress_text(i, plan, ctx, |p, ctx| {
                    format_measure(p.current, p.unit, ctx.currency, ctx.lang)
                })
            },
        ),
        C::derived_from_plan(Msg::ColGap, parts::INDICATOR_PROGRESS, |i, plan, ctx| {
            progress_text(i, plan, ctx, |p, ctx| match p.gap {
                Some(gap) => format_change(gap, p.unit, ctx.currency, ctx.lang),
                None if p.unit_mismatch => ctx.lang.t(Msg::UnitMismatch).into(),
                None => NO_VALUE.into(),
            })
        }),
        C::derived_from_plan(Msg::ColStatus, parts::INDICATOR_PROGRESS, |i, plan, ctx| {
            progress_text(i, plan, ctx, |p, ctx| match p.met {
                Some(true) => ctx.lang.t(Msg::TargetMet).into(),
                Some(false) => ctx.lang.t(Msg::TargetNotMet).into(),
                None => NO_VALUE.into(),
            })
        }),
    ]
}

#[component]
pub fn GoalsSection() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="section" id="goals" aria-labelledby="goals-title">
            <h2 id="goals-title">{lang.t(Msg::GoalsTitle)}</h2>
            <p class="hint">{lang.t(Msg::GoalsHint)}</p>
            <EditableTable caption=Msg::GoalsTitle source=goal_source() columns=goal_columns() add_label=Msg::AddGoal />
            <p class="hint">{lang.t(Msg::IndicatorsHint)}</p>
            <EditableTable caption=Msg::IndicatorsTitle source=indicator_source() columns=indicator_columns() add_label=Msg::AddIndicator />
        </section>
    }
}
