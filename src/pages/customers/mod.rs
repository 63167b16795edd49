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
pub(crate) mod value;

use crate::components::deferred::Deferred;
use crate::components::lazy_page::{LazyPage, PageLoadError};
use crate::components::sample::SampleBadge;
use crate::domain::customers::rfm::{customer_stats, score, CustomerStats, Scored};
use crate::i18n::Msg;
use crate::state::analysis::{use_analysis, Shared};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

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

/// Which body of the `customer_sections` module.
#[derive(Clone, Copy)]
enum Body {
    Cohorts,
    Migration,
}

/// The cohort and migration sections' bodies: their own wasm module, fetched once orders
/// are read, so the page's first visit does not carry them.
#[leptos::wasm_split::wasm_split(customer_sections, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sections_module(as_of: Memo<Option<i32>>, body: Body) -> Result<AnyView, PageLoadError> {
    Ok(untrack(|| match body {
        Body::Cohorts => view! { <cohorts::CohortsBody as_of /> }.into_any(),
        Body::Migration => view! { <migration::MigrationBody as_of /> }.into_any(),
    }))
}

type SectionsLoader =
    fn(Memo<Option<i32>>, Body) -> Pin<Box<dyn Future<Output = Result<AnyView, PageLoadError>>>>;

thread_local! {
    static SECTIONS_LOADER: Cell<Option<SectionsLoader>> = const { Cell::new(None) };
}

/// Names the sections' module loader; the app's start (`app::mount`) calls it (as
/// `enable_funnel_events_module`: only the start names split functions).
pub fn enable_customer_sections_module() {
    SECTIONS_LOADER.set(Some(|as_of, body| Box::pin(sections_module(as_of, body))));
}

fn section_body(
    as_of: Memo<Option<i32>>,
    body: Body,
) -> Pin<Box<dyn Future<Output = Result<AnyView, PageLoadError>>>> {
    match SECTIONS_LOADER.get() {
        Some(load) => load(as_of, body),
        None => Box::pin(async { Err(PageLoadError) }),
    }
}

/// A section whose heading and rule are always there (the page's table of contents links
/// them) and whose body comes from the `customer_sections` module once orders are read.
fn lazy_section(
    (id, title_id): (&'static str, &'static str),
    title: Msg,
    rule: Msg,
    as_of: Memo<Option<i32>>,
    body: Body,
) -> impl IntoView {
    let lang = use_lang();
    let data = use_analysis();
    // Once built, the body stays: a new file empties the orders for a moment, and the
    // body shows its own "no orders" line then (unmounting it mid-update raced its
    // pending effects into disposed values).
    let has_orders = Memo::new(move |built: Option<&bool>| {
        built.copied().unwrap_or(false) || as_of.with(Option::is_some)
    });
    view! {
        <section id=id aria-labelledby=title_id>
            <h2 id=title_id>{lang.t(title)}<SampleBadge show=data.showing_sample_orders() /></h2>
            <p class="hint">{lang.t(rule)}</p>
            {move || if has_orders.get() {
                view! { <LazyPage load=move || section_body(as_of, body) /> }.into_any()
            } else {
                view! { <p class="hint">{lang.t(Msg::CsNoOrders)}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn CohortsSection(as_of: Memo<Option<i32>>) -> impl IntoView {
    lazy_section(
        ("customers-cohorts", "customers-cohorts-title"),
        Msg::CsCohortsTitle,
        Msg::CsCohortsRule,
        as_of,
        Body::Cohorts,
    )
}

#[component]
fn MigrationSection(as_of: Memo<Option<i32>>) -> impl IntoView {
    lazy_section(
        ("customers-migration", "customers-migration-title"),
        Msg::CsMigrationTitle,
        Msg::CsMigrationRule,
        as_of,
        Body::Migration,
    )
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    crate::i18n::install_texts::customers();
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

    // Predicted value: computed in its section's module, read by the lifecycle lists too.
    let values: value::ValueResults = RwSignal::new(None);

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
                <a href="#customers-value">{lang.t(Msg::CvTitle)}</a>
                <a href="#customers-cohorts">{lang.t(Msg::CsCohortsTitle)}</a>
                <a href="#customers-migration">{lang.t(Msg::CsMigrationTitle)}</a>
                <a href="#attribution">{lang.t(Msg::AtTitle)}</a>
            </nav>
            <import_orders::OrdersImport />
            <Deferred><settings::Settings as_of typed_date=Signal::derive(move || typed.with(|t| t.value().is_some())) /></Deferred>
            <Deferred><kpis::Kpis analysis /></Deferred>
            <Deferred><segments::Segments analysis /></Deferred>
            <Deferred><lifecycle::Lifecycle analysis values /></Deferred>
            <Deferred><value::ValueSection as_of results=values /></Deferred>
            <Deferred><CohortsSection as_of /></Deferred>
            <Deferred><MigrationSection as_of /></Deferred>
            <Deferred><attribution::Attribution /></Deferred>
        </section>
    }
}
