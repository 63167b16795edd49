//! 渠道分析 (spec §4): crossed alerts first, then the effectiveness table derived from
//! the KPI history, the history itself, custom metrics, the trend chart, the alert
//! rules, the channel comparison with its budget suggestion, the A/B tests, and the response
//! curves with the budget optimiser and the scenarios side by side (issue 27).

pub(crate) mod ab_tests;
mod alerts;
pub(crate) mod compare;
mod custom;
pub(crate) mod effectiveness;
mod from_orders;
pub(crate) mod months;
mod optimiser;
mod response;
mod trend;

use crate::components::deferred::Deferred;
use crate::i18n::Msg;
use crate::state::use_lang;
use leptos::prelude::*;

const SECTIONS: &[(&str, Msg)] = &[
    ("effectiveness", Msg::ChannelsTitle),
    ("kpi-months", Msg::KpiMonthsTitle),
    ("custom-metrics", Msg::CustomMetricsTitle),
    ("trend", Msg::TrendTitle),
    ("alerts", Msg::AlertsTitle),
    ("channel-compare", Msg::ChannelCompareTitle),
    ("ab-tests", Msg::AbTestsTitle),
    ("response", Msg::ResponseTitle),
    ("budget-optimiser", Msg::OptimiserTitle),
    ("mix-scenarios", Msg::MixScenariosTitle),
];

#[component]
pub fn ChannelsPage() -> impl IntoView {
    let lang = use_lang();
    let toc = SECTIONS
        .iter()
        .map(|(anchor, title)| view! { <a href=format!("#{anchor}")>{lang.t(*title)}</a> })
        .collect_view();
    view! {
        <section class="page">
            <h1>{lang.t(Msg::ChannelsPageTitle)}</h1>
            <p class="intro">{lang.t(Msg::ChannelsIntro)}</p>
            <alerts::AlertBanner />
            <nav class="page-toc" aria-label=lang.t(Msg::OnThisPage)>{toc}</nav>
            <effectiveness::EffectivenessSection />
            <Deferred><months::MonthsSection /></Deferred>
            <Deferred><custom::CustomMetricsSection /></Deferred>
            <Deferred><trend::TrendSection /></Deferred>
            <Deferred><alerts::AlertsSection /></Deferred>
            <Deferred><compare::ChannelCompareSection /></Deferred>
            <Deferred><ab_tests::AbTestsSection /></Deferred>
            <Deferred><response::ResponseSection /></Deferred>
        </section>
    }
}
