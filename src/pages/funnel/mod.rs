//! 转化漏斗: the funnel table of spec §3 with its derived rates and the overall
//! conversion, then its analysis (issue 6), a file per section: the chain check, the
//! chart, the bottleneck, what-if projections, the period comparison, counting the
//! funnel from a raw event log (its definition: modes, per-step windows, exclusions; its
//! time to convert, trends and channels; the warehouse SQL), and the CSV export.

mod bottleneck;
mod chain;
mod chart;
mod compare;
mod definition;
mod event_insights;
mod export;
pub(crate) mod import;
pub(crate) mod table;
mod warehouse_sql;
mod what_if;

use crate::components::deferred::Deferred;
use crate::components::table::EditableTable;
use crate::domain::funnel::overall_conversion;
use crate::i18n::{format_count, format_rate, Lang, Msg, NO_VALUE};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
pub use table::{funnel_columns, funnel_source};

#[component]
pub fn FunnelPage() -> impl IntoView {
    crate::i18n::install_texts::funnel();
    let lang = use_lang();
    let store = use_plan();
    let overall = Memo::new(move |_| {
        store.read_parts(&[Part::FunnelStages], |p| {
            overall_conversion(&p.funnel.stages)
        })
    });
    let first_reached = Memo::new(move |_| {
        store.read_parts(&[Part::FunnelStages], |p| {
            p.funnel
                .stages
                .first()
                .and_then(|s| s.reached.value().copied())
        })
    });
    let last_converted = Memo::new(move |_| {
        store.read_parts(&[Part::FunnelStages], |p| {
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
            <nav class="page-toc" aria-label=lang.t(Msg::FaOnThisPage)>
                <a href="#funnel-chain">{lang.t(Msg::FaChainShort)}</a>
                <a href="#funnel-chart">{lang.t(Msg::FaChartShort)}</a>
                <a href="#funnel-bottleneck">{lang.t(Msg::FaBottleneckShort)}</a>
                <a href="#funnel-what-if">{lang.t(Msg::FaWhatIfShort)}</a>
                <a href="#funnel-compare">{lang.t(Msg::FaCompareShort)}</a>
                <a href="#funnel-import">{lang.t(Msg::FaImportShort)}</a>
            </nav>
            <Deferred out_of_sight_only=true>
                <EditableTable caption=Msg::FunnelTitle source=funnel_source() columns=funnel_columns() add_label=Msg::AddStage csv_export=false />
            </Deferred>
            <Deferred><export::ExportCsv /></Deferred>
            <Deferred><chain::ChainCheck /></Deferred>
            <Deferred><chart::FunnelChartSection /></Deferred>
            <Deferred><bottleneck::Bottleneck /></Deferred>
            <Deferred><what_if::WhatIf /></Deferred>
            <Deferred><compare::Comparison /></Deferred>
            <Deferred><import::EventImport /></Deferred>
        </section>
    }
}

/// A button that shows or hides a part of a section (WAI-ARIA disclosure). The content
/// is rendered only while open: the analysis tables stay out of the page until wanted.
#[component]
fn Disclosure(id: &'static str, label: Msg, children: ChildrenFn) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    view! {
        <div class="disclosure">
            <button
                type="button"
                class="btn disclosure-btn"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=id
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">{move || if open.get() { "▾ " } else { "▸ " }}</span>
                {lang.t(label)}
            </button>
            <div id=id>
                <Show when=move || open.get()>{children()}</Show>
            </div>
        </div>
    }
}

/// A message with numbered holes ("{0}", "{1}"…) filled in order.
fn fill(template: &str, values: &[&str]) -> String {
    values
        .iter()
        .enumerate()
        .fold(template.to_string(), |text, (i, v)| {
            text.replace(&format!("{{{i}}}"), v)
        })
}
