//! 转化漏斗: the funnel table of spec §3 with its derived rates and the overall conversion.

use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::funnel::{overall_conversion, FunnelStage};
use crate::i18n::{format_count, format_rate, Lang, Msg, NO_VALUE};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

table_row!(FunnelStage, name);

pub fn funnel_source() -> TableSource<FunnelStage> {
    TableSource {
        key: "funnel",
        rows: |p| &p.funnel.stages,
        rows_mut: |p| &mut p.funnel.stages,
        new_row: |id, lang| FunnelStage {
            name: lang.t(Msg::NewStage).to_string(),
            ..FunnelStage::new(id)
        },
    }
}

pub fn funnel_columns() -> Vec<Column<FunnelStage>> {
    type C = Column<FunnelStage>;
    vec![
        C::text(Msg::ColStage, |s| &s.name, |s| &mut s.name),
        C::entry(
            Msg::ColReached,
            ColumnKind::Integer,
            |s| &s.reached,
            |s| &mut s.reached,
        )
        .with_error(FunnelStage::reached_error),
        C::entry(
            Msg::ColConverted,
            ColumnKind::Integer,
            |s| &s.converted,
            |s| &mut s.converted,
        )
        .with_error(FunnelStage::converted_error),
        C::derived(Msg::ColRate, |s, ctx| format_rate(s.rate(), ctx.lang)),
        C::derived(Msg::ColLoss, |s, ctx| {
            s.loss()
                .map_or_else(|| NO_VALUE.into(), |n| format_count(n, ctx.lang))
        }),
        C::text(
            Msg::ColLossReason,
            |s| &s.loss_reason,
            |s| &mut s.loss_reason,
        ),
        C::text(Msg::ColMeasure, |s| &s.measure, |s| &mut s.measure),
    ]
}

#[component]
pub fn FunnelPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let overall = Memo::new(move |_| store.read(|p| overall_conversion(&p.funnel.stages)));
    let first_reached = Memo::new(move |_| {
        store.read(|p| {
            p.funnel
                .stages
                .first()
                .and_then(|s| s.reached.value().copied())
        })
    });
    let last_converted = Memo::new(move |_| {
        store.read(|p| {
            p.funnel
                .stages
                .last()
                .and_then(|s| s.converted.value().copied())
        })
    });
    let count = move |n: Option<u64>, lang: Lang| {
        n.map_or_else(|| NO_VALUE.into(), |n| format_count(n, lang))
    };

    view! {
        <section class="page">
            <h1>{lang.t(Msg::FunnelTitle)}</h1>
            <p class="intro">{lang.t(Msg::FunnelIntro)}</p>
            <dl class="figures">
                <div class="figure figure-main">
                    <dt>{lang.t(Msg::OverallConversion)}</dt>
                    <dd data-testid="overall-conversion">{move || format_rate(overall.get(), lang.get())}</dd>
                    <dd class="figure-hint">{lang.t(Msg::OverallHint)}</dd>
                </div>
                <div class="figure">
                    <dt>{lang.t(Msg::FirstReached)}</dt>
                    <dd>{move || count(first_reached.get(), lang.get())}</dd>
                </div>
                <div class="figure">
                    <dt>{lang.t(Msg::LastConverted)}</dt>
                    <dd>{move || count(last_converted.get(), lang.get())}</dd>
                </div>
            </dl>
            <EditableTable caption=Msg::FunnelTitle source=funnel_source() columns=funnel_columns() add_label=Msg::AddStage />
        </section>
    }
}
