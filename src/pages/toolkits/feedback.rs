//! Service feedback (spec §6.4): items with score, words, improvement, owner department
//! and deadline; averages per dimension and the items past their deadline.

use crate::components::summary_table::{SummaryRow, SummaryTable};
use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::plan::parts::Part;
use crate::domain::toolkits::feedback::{average_tenths, dimension_scores, FeedbackItem};
use crate::i18n::{format_count, Msg, NO_VALUE};
use crate::state::{use_lang, use_plan, use_today};
use leptos::prelude::*;

table_row!(FeedbackItem, dimension);

const SCORE_COLUMNS: &[Msg] = &[Msg::ColAnswers, Msg::ColAverage];

const PROGRESS: &[(&str, Msg)] = &[("open", Msg::FeedbackOpen), ("done", Msg::StatusDone)];
const PROGRESS_VALUES: &[bool] = &[false, true];

pub(crate) fn feedback_source() -> TableSource<FeedbackItem> {
    TableSource {
        key: "feedback",
        part: Part::Feedback,
        rows: |p| &p.feedback,
        rows_mut: |p| &mut p.feedback,
        new_row: |id, lang| FeedbackItem {
            dimension: lang.t(Msg::NewFeedback).into(),
            ..FeedbackItem::new(id)
        },
    }
}

pub(crate) fn feedback_columns() -> Vec<Column<FeedbackItem>> {
    type C = Column<FeedbackItem>;
    vec![
        C::text(
            Msg::ColFeedbackDimension,
            |f| &f.dimension,
            |f| &mut f.dimension,
        ),
        C::entry(
            Msg::ColScore,
            ColumnKind::Integer,
            |f| &f.score,
            |f| &mut f.score,
        )
        .with_error(FeedbackItem::score_error),
        C::text(Msg::ColWords, |f| &f.words, |f| &mut f.words),
        C::text(
            Msg::ColImprovement,
            |f| &f.improvement,
            |f| &mut f.improvement,
        ),
        C::text(Msg::ColDepartment, |f| &f.department, |f| &mut f.department),
        C::entry(
            Msg::ColDueBy,
            ColumnKind::Date,
            |f| &f.deadline,
            |f| &mut f.deadline,
        ),
        C::choice(
            Msg::ColProgress,
            PROGRESS,
            PROGRESS_VALUES,
            |f| f.done,
            |f, v| f.done = v,
        ),
        C::derived(Msg::ColLate, |f, ctx| {
            if f.is_late(ctx.today) {
                ctx.lang.t(Msg::IsOverdue).into()
            } else {
                NO_VALUE.into()
            }
        }),
    ]
}

/// "3.5": an average in tenths, shown with one decimal.
fn tenths(n: u64) -> String {
    format!("{}.{}", n / 10, n % 10)
}

#[component]
pub fn FeedbackToolkit() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let today = use_today();
    let scores =
        Memo::new(move |_| store.read_parts(&[Part::Feedback], |p| dimension_scores(&p.feedback)));
    let late = Memo::new(move |_| {
        let today = today.get();
        store.read_parts(&[Part::Feedback], |p| {
            p.feedback.iter().filter(|f| f.is_late(today)).count()
        })
    });
    let rows = Signal::derive(move || {
        let lang = lang.get();
        scores
            .get()
            .into_iter()
            .map(|s| SummaryRow {
                name: s.dimension,
                figures: vec![
                    format_count(s.answers, lang),
                    s.average
                        .map_or(NO_VALUE.into(), |a| tenths(average_tenths(a))),
                ],
                warn: false,
            })
            .collect()
    });
    view! {
        <section class="section" id="feedback" aria-labelledby="feedback-title">
            <h3 id="feedback-title">{lang.t(Msg::FeedbackTitle)}</h3>
            <p class=move || { if late.get() > 0 { "flag" } else { "hint" } } role="status" data-testid="late-feedback">
                {move || lang.get().t(Msg::LateItems).replace("{}", &late.get().to_string())}
            </p>
            <EditableTable caption=Msg::FeedbackTitle source=feedback_source() columns=feedback_columns() add_label=Msg::AddFeedback />
            <SummaryTable caption=Msg::AvgScoresTitle first=Msg::ColFeedbackDimension columns=SCORE_COLUMNS rows test_id="dimension-scores" />
        </section>
    }
}
