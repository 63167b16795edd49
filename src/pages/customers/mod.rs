//! 客户分层 / Customers: customer segmentation and multi-touch attribution computed in
//! the browser from exports (spec §4.4, §5). The orders and journeys stay in this tab's
//! memory ([`crate::state::analysis`]); the plan keeps only the settings.

mod attribution;
mod import_orders;
mod kpis;
mod lifecycle;
mod reading;
mod segments;
mod settings;
pub(crate) mod value;

use crate::components::deferred::Deferred;
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

    // Predicted value: computed in its section's module, read by the lifecycle lists too.
    let values: value::ValueResults = RwSignal::new(None);

    view! {
        <section class="page">
            <h1>{lang.t(Msg::CsTitle)}</h1>
            <p class="intro">{lang.t(Msg::CsIntro)}</p>
            <nav class="page-toc" aria-label=lang.t(Msg::CsOnThisPage)>
                <a href="#customers-import">{lang.t(Msg::CsImportTitle)}</a>
                <a href="#customers-kpis">{lang.t(Msg::CsKpisTitle)}</a>
                <a href="#customers-rfm">{lang.t(Msg::CsRfmTitle)}</a>
                <a href="#customers-lifecycle">{lang.t(Msg::CsLifecycleTitle)}</a>
                <a href="#customers-value">{lang.t(Msg::CvTitle)}</a>
                <a href="#attribution">{lang.t(Msg::AtTitle)}</a>
            </nav>
            <import_orders::OrdersImport />
            <Deferred><settings::Settings as_of typed_date=Signal::derive(move || typed.with(|t| t.value().is_some())) /></Deferred>
            <Deferred><kpis::Kpis analysis /></Deferred>
            <Deferred><segments::Segments analysis /></Deferred>
            <Deferred><lifecycle::Lifecycle analysis values /></Deferred>
            <Deferred><value::ValueSection as_of results=values /></Deferred>
            <Deferred><attribution::Attribution /></Deferred>
        </section>
    }
}
