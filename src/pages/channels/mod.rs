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
use crate::components::lazy_page::{LazyPage, PageLoadError};
use crate::i18n::Msg;
use crate::state::use_lang;
use leptos::prelude::*;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

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

/// The response curves, the budget optimiser and the scenarios (their views, the fitting,
/// bootstrap and optimiser core they call, the response chart): their own wasm module,
/// `channel_response`, fetched when the section comes near the viewport, so the page's
/// own download does not carry them.
#[leptos::wasm_split::wasm_split(channel_response, wasm_split_path = ::leptos::wasm_split, fallible)]
fn response_module() -> Result<AnyView, PageLoadError> {
    Ok(untrack(|| {
        view! { <response::ResponseSection /> }.into_any()
    }))
}

type ResponseLoader = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, PageLoadError>>>>;

thread_local! {
    static RESPONSE_LOADER: Cell<Option<ResponseLoader>> = const { Cell::new(None) };
}

/// Names the response module's loader; the app's start (`app::mount`) calls it. Only the
/// start names the split function (see `funnel::import::enable_funnel_events_module`).
pub fn enable_channel_response_module() {
    RESPONSE_LOADER.set(Some(|| Box::pin(response_module())));
}

/// The response sections, from their module; without the split (no loader named), the
/// message of a module that could not be fetched.
fn response_sections() -> Pin<Box<dyn Future<Output = Result<AnyView, PageLoadError>>>> {
    match RESPONSE_LOADER.get() {
        Some(load) => load(),
        None => Box::pin(async { Err(PageLoadError) }),
    }
}

#[component]
pub fn ChannelsPage() -> impl IntoView {
    crate::i18n::install_texts::channels();
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
            <Deferred out_of_sight_only=true><effectiveness::EffectivenessSection /></Deferred>
            <Deferred><months::MonthsSection /></Deferred>
            <Deferred><custom::CustomMetricsSection /></Deferred>
            <Deferred><trend::TrendSection /></Deferred>
            <Deferred><alerts::AlertsSection /></Deferred>
            <Deferred><compare::ChannelCompareSection /></Deferred>
            <Deferred><ab_tests::AbTestsSection /></Deferred>
            <Deferred on_view=true><LazyPage load=response_sections /></Deferred>
        </section>
    }
}
