//! 渠道分析: the effectiveness table of spec §4.2, with changes, gap and status derived.

use crate::components::table::{
    table_row, CellCtx, Column, ColumnKind, EditableTable, TableSource,
};
use crate::domain::kpi::{status_counts, EffectivenessRow, Measure, Status};
use crate::i18n::{format_change, Msg, NO_VALUE};
use crate::pages::options::{
    DIMENSIONS, DIMENSION_VALUES, DIRECTIONS, DIRECTION_VALUES, UNITS, UNIT_VALUES,
};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

table_row!(EffectivenessRow, metric);

fn change(row: &EffectivenessRow, delta: Option<Measure>, ctx: &CellCtx) -> String {
    delta.map_or(NO_VALUE.into(), |d| {
        format_change(d, row.unit, ctx.currency, ctx.lang)
    })
}

pub fn effectiveness_source() -> TableSource<EffectivenessRow> {
    TableSource {
        key: "effectiveness",
        rows: |p| &p.effectiveness,
        rows_mut: |p| &mut p.effectiveness,
        new_row: |id, lang| EffectivenessRow {
            metric: lang.t(Msg::NewMetric).into(),
            ..EffectivenessRow::new(id)
        },
    }
}

fn effectiveness_columns() -> Vec<Column<EffectivenessRow>> {
    type C = Column<EffectivenessRow>;
    let value =
        |header, get: fn(&EffectivenessRow) -> &_, get_mut: fn(&mut EffectivenessRow) -> &mut _| {
            C::entry::<Measure>(header, ColumnKind::Percent, get, get_mut)
        };
    vec![
        C::text(Msg::ColMetric, |r| &r.metric, |r| &mut r.metric),
        C::choice(
            Msg::ColDimension,
            DIMENSIONS,
            DIMENSION_VALUES,
            |r| r.dimension,
            |r, v| r.dimension = v,
        ),
        C::choice(
            Msg::ColUnit,
            UNITS,
            UNIT_VALUES,
            |r| r.unit,
            |r, v| r.unit = v,
        ),
        C::choice(
            Msg::ColDirection,
            DIRECTIONS,
            DIRECTION_VALUES,
            |r| r.direction,
            |r, v| r.direction = v,
        ),
        value(Msg::ColThisMonth, |r| &r.this_month, |r| &mut r.this_month),
        value(Msg::ColLastMonth2, |r| &r.last_month, |r| &mut r.last_month),
        value(Msg::ColLastYear, |r| &r.last_year, |r| &mut r.last_year),
        C::derived(Msg::ColMoM, |r, ctx| change(r, r.month_on_month(), ctx)),
        C::derived(Msg::ColYoY, |r, ctx| change(r, r.year_on_year(), ctx)),
        value(Msg::ColTarget, |r| &r.target, |r| &mut r.target),
        C::derived(Msg::ColGap, |r, ctx| change(r, r.gap_to_target(), ctx)),
        C::derived(Msg::ColStatus, |r, ctx| match r.status() {
            Some(Status::OnTrack) => ctx.lang.t(Msg::OnTrack).into(),
            Some(Status::OffTrack) => ctx.lang.t(Msg::OffTrack).into(),
            None => NO_VALUE.into(),
        }),
        C::text(
            Msg::ColGapAnalysis,
            |r| &r.gap_analysis,
            |r| &mut r.gap_analysis,
        ),
        C::text(Msg::ColAction, |r| &r.action, |r| &mut r.action),
    ]
}

#[component]
pub fn ChannelsPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let counts = Memo::new(move |_| store.read(|p| status_counts(&p.effectiveness)));
    view! {
        <section class="page">
            <h1>{lang.t(Msg::ChannelsTitle)}</h1>
            <p class="intro">{lang.t(Msg::ChannelsIntro)}</p>
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
