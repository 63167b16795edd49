//! 客户分层 / Customers: customer segmentation, cohort retention, segment migration and
//! multi-touch attribution computed in the browser from exports (spec §4.4, §5); one
//! button loads both sample files. The orders and journeys stay in this tab's
//! memory ([`crate::state::analysis`]); the plan keeps only the settings.

mod attribution;
mod cohorts;
mod import_orders;
mod kpis;
mod lifecycle;
mod migration;
mod reading;
mod segments;
mod settings;

use crate::components::deferred::Deferred;
use crate::components::sample::SampleBadge;
use crate::domain::customers::rfm::{customer_stats, score, CustomerStats, Scored};
use crate::i18n::Msg;
use crate::state::analysis::{use_analysis, Shared};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

/// Everything computed from the orders and the analysis day (the slow part, redone only
/// when one of those changes; cut-offs and thresholds work on it live).
pub struct Analysis {
    pub as_of: i32,
    pub stats: Vec<CustomerStats>,
    pub scored: Vec<Scored>,
}

/// The page's shared analysis memo.
pub type AnalysisMemo = Memo<Option<Shared<Analysis>>>;

/// The top "try with sample data" button asks both imports to read their sample through
/// their own path; each takes its request once it is built (attribution is deferred).
#[derive(Clone, Copy)]
pub struct SampleRequest {
    pub orders: RwSignal<bool>,
    pub journeys: RwSignal<bool>,
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let data = use_analysis();
    let typed =
        Memo::new(move |_| store.read_parts(&[Part::Segments], |p| p.segments.as_of.clone()));
    let as_of = Memo::new(move |_| {
        let typed = typed.get();
        data.orders.with(|o| {
            let o = o.as_ref()?;
            let settings = crate::domain::customers::SegmentSettings {
                as_of: typed,
                ..Default::default()
            };
            settings.as_of_day(o)
        })
    });
    let analysis: AnalysisMemo = Memo::new(move |_| {
        let as_of = as_of.get()?;
        data.orders.with(|o| {
            let o = o.as_ref()?;
            let stats = customer_stats(&o.orders, o.customers.len(), as_of);
            let scored = score(&stats, as_of);
            Some(Shared(std::sync::Arc::new(Analysis {
                as_of,
                stats,
                scored,
            })))
        })
    });

    let request = SampleRequest {
        orders: RwSignal::new(false),
        journeys: RwSignal::new(false),
    };
    provide_context(request);
    let try_samples = move |_| {
        request.orders.set(true);
        request.journeys.set(true);
    };
    let showing_sample = Signal::derive(move || {
        data.showing_sample_orders().get() || data.showing_sample_journeys().get()
    });

    view! {
        <section class="page">
            <h1>{lang.t(Msg::CsTitle)}</h1>
            <p class="intro">{lang.t(Msg::CsIntro)}</p>
            <div class="button-row" data-testid="customers-sample">
                <button type="button" class="btn btn-primary" on:click=try_samples data-testid="customers-sample-try">
                    {lang.t(Msg::CsSampleAllTry)}
                </button>
                <SampleBadge show=showing_sample />
            </div>
            <p class="hint">{lang.t(Msg::CsSampleAllHint)}</p>
            <nav class="page-toc" aria-label=lang.t(Msg::CsOnThisPage)>
                <a href="#customers-import">{lang.t(Msg::CsImportTitle)}</a>
                <a href="#customers-kpis">{lang.t(Msg::CsKpisTitle)}</a>
                <a href="#customers-rfm">{lang.t(Msg::CsRfmTitle)}</a>
                <a href="#customers-lifecycle">{lang.t(Msg::CsLifecycleTitle)}</a>
                <a href="#customers-cohorts">{lang.t(Msg::CsCohortsTitle)}</a>
                <a href="#customers-migration">{lang.t(Msg::CsMigrationTitle)}</a>
                <a href="#attribution">{lang.t(Msg::AtTitle)}</a>
            </nav>
            <import_orders::OrdersImport />
            <Deferred><settings::Settings as_of typed_date=Signal::derive(move || typed.with(|t| t.value().is_some())) /></Deferred>
            <Deferred><kpis::Kpis analysis /></Deferred>
            <Deferred><segments::Segments analysis /></Deferred>
            <Deferred><lifecycle::Lifecycle analysis /></Deferred>
            <Deferred><cohorts::Cohorts as_of /></Deferred>
            <Deferred><migration::MigrationSection as_of /></Deferred>
            <Deferred><attribution::Attribution /></Deferred>
        </section>
    }
}
