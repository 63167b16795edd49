//! The effectiveness table (spec §4.2): each row follows a metric of the history; this
//! month, last month and the same month last year are read from the months behind them.

use crate::components::field::EntryField;
use crate::components::table::{
    table_row, CellCtx, Column, ColumnKind, EditableTable, TableSource,
};
use crate::domain::channels::effectiveness::{
    row_figures, status_counts, EffectivenessRow, RowFigures, Status,
};
use crate::domain::channels::history::MetricRef;
use crate::domain::channels::kpi_system::Metric;
use crate::domain::plan::parts::{self, Part};
use crate::domain::plan::Plan;
use crate::domain::values::measure::Measure;
use crate::i18n::{format_change, format_measure, Msg, NO_VALUE};
use crate::pages::options::{
    metric_options, DIMENSIONS, DIMENSION_VALUES, DIRECTIONS, DIRECTION_VALUES,
};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

table_row!(EffectivenessRow, metric);

fn figures(row: &EffectivenessRow, plan: &Plan) -> Option<RowFigures> {
    row_figures(&plan.kpi, row)
}

/// A derived cell: the figure picked by `pick`, in the metric's unit.
fn value_column(header: Msg, pick: fn(&RowFigures) -> Option<Measure>) -> Column<EffectivenessRow> {
    Column::derived_from_plan(header, parts::KPI_HISTORY, move |r, p, ctx| {
        figures(r, p)
            .and_then(|f| Some((pick(&f)?, f.reading.info.unit)))
            .map_or(NO_VALUE.into(), |(v, unit)| {
                format_measure(v, unit, ctx.currency, ctx.lang)
            })
    })
}

/// A derived change: points for a rate, the unit for an amount.
fn change_column(
    header: Msg,
    pick: fn(&RowFigures) -> Option<Measure>,
) -> Column<EffectivenessRow> {
    Column::derived_from_plan(header, parts::KPI_HISTORY, move |r, p, ctx: &CellCtx| {
        figures(r, p)
            .and_then(|f| Some((pick(&f)?, f.reading.info.unit)))
            .map_or(NO_VALUE.into(), |(d, unit)| {
                format_change(d, unit, ctx.currency, ctx.lang)
            })
    })
}

fn label_of(
    options: &'static [(&'static str, Msg)],
    index: Option<usize>,
    ctx: &CellCtx,
) -> String {
    index.map_or(NO_VALUE.into(), |i| ctx.lang.t(options[i].1).into())
}

pub fn effectiveness_source() -> TableSource<EffectivenessRow> {
    TableSource {
        key: "effectiveness",
        part: Part::Effectiveness,
        rows: |p| &p.effectiveness,
        rows_mut: |p| &mut p.effectiveness,
        new_row: |id, lang| EffectivenessRow {
            metric: lang.t(Msg::NewMetric).into(),
            ..EffectivenessRow::new(id, MetricRef::Builtin(Metric::OfflineToOnline))
        },
    }
}

pub(crate) fn effectiveness_columns() -> Vec<Column<EffectivenessRow>> {
    type C = Column<EffectivenessRow>;
    vec![
        C::text(Msg::ColMetric, |r| &r.metric, |r| &mut r.metric),
        C::choice_from_plan(
            Msg::ColMetricSource,
            &[Part::CustomMetrics],
            metric_options,
            |r| r.source.key(),
            |r, key| {
                if let Some(m) = MetricRef::from_key(key) {
                    r.source = m;
                }
            },
        ),
        C::derived_from_plan(Msg::ColDimension, parts::KPI_HISTORY, |r, p, ctx| {
            let dim = figures(r, p).map(|f| f.reading.info.dimension);
            label_of(
                DIMENSIONS,
                dim.and_then(|d| DIMENSION_VALUES.iter().position(|v| *v == d)),
                ctx,
            )
        }),
        C::derived_from_plan(Msg::ColDirection, parts::KPI_HISTORY, |r, p, ctx| {
            let dir = figures(r, p).map(|f| f.reading.info.direction);
            label_of(
                DIRECTIONS,
                dir.and_then(|d| DIRECTION_VALUES.iter().position(|v| *v == d)),
                ctx,
            )
        }),
        value_column(Msg::ColThisMonth, |f| f.reading.this_month),
        value_column(Msg::ColLastMonth2, |f| f.reading.last_month),
        value_column(Msg::ColLastYear, |f| f.reading.last_year),
        change_column(Msg::ColMoM, RowFigures::month_on_month),
        change_column(Msg::ColYoY, RowFigures::year_on_year),
        C::entry(
            Msg::ColTarget,
            ColumnKind::Percent,
            |r| &r.target,
            |r| &mut r.target,
        )
        .unit(|r, p| Some(p.kpi.info(r.source)?.unit))
        .reads(&[Part::CustomMetrics]),
        change_column(Msg::ColGap, RowFigures::gap_to_target),
        C::derived_from_plan(
            Msg::ColStatus,
            parts::KPI_HISTORY,
            |r, p, ctx| match figures(r, p).and_then(|f| f.status()) {
                Some(Status::OnTrack) => ctx.lang.t(Msg::OnTrack).into(),
                Some(Status::OffTrack) => ctx.lang.t(Msg::OffTrack).into(),
                None => NO_VALUE.into(),
            },
        )
        .phone_first(1),
        C::text(
            Msg::ColGapAnalysis,
            |r| &r.gap_analysis,
            |r| &mut r.gap_analysis,
        ),
        C::text(Msg::ColAction, |r| &r.action, |r| &mut r.action),
    ]
}

#[component]
pub fn EffectivenessSection() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let counts = Memo::new(move |_| {
        store.read_parts(parts::KPI_FIGURES, |p| {
            status_counts(&p.kpi, &p.effectiveness)
        })
    });
    let shown_month =
        Memo::new(move |_| store.read_parts(parts::KPI_HISTORY, |p| p.kpi.report_month()));
    view! {
        <section class="section" id="effectiveness" aria-labelledby="effectiveness-title">
            <h2 id="effectiveness-title">{lang.t(Msg::ChannelsTitle)}</h2>
            <p class="hint">{lang.t(Msg::EffectivenessHint)}</p>
            <div class="form-row">
                <EntryField id="report-month" part=Part::ReportMonth label=Msg::ReportMonth input_mode="text" get=|p| &p.kpi.report_month get_mut=|p| &mut p.kpi.report_month />
                <p class="hint" data-testid="report-month-shown">
                    {lang.t(Msg::ReportMonthShown)} " "
                    {move || shown_month.get().map_or(NO_VALUE.to_string(), |m| m.to_string())}
                </p>
            </div>
            <dl class="figures">
                <div class="figure">
                    <dt>{lang.t(Msg::MetricsOffTrack)}</dt>
                    <dd data-testid="off-track">{move || counts.get().1}</dd>
                </div>
                <div class="figure">
                    <dt>{lang.t(Msg::MetricsOnTrack)}</dt>
                    <dd>{move || counts.get().0}</dd>
                </div>
            </dl>
            <EditableTable caption=Msg::ChannelsTitle source=effectiveness_source() columns=effectiveness_columns() add_label=Msg::AddMetric />
        </section>
    }
}
