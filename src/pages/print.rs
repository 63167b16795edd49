//! 打印 / PDF: the whole plan on one page for the browser's "print to PDF", laid out for
//! A4 by the print style sheet (style/main.css, `@media print`). It is the weekly
//! report seed 002 asks for: the overview's headline figures, then every page of the
//! plan, charts included, in order.
//!
//! The pages are the live ones, so the report always shows what the app shows; the
//! print style sheet hides what paper cannot use (navigation, buttons, hints, the raw
//! monthly inputs) and turns inputs into plain text. Its figures also go out as one Excel
//! workbook: the overview's headline figures, then every table.

use crate::components::deferred::BuildAllSections;
use crate::components::plan_file::ExportWorkbookButton;
use crate::i18n::{format_date, Msg};
use crate::pages::channels::ChannelsPage;
use crate::pages::funnel::FunnelPage;
use crate::pages::overview::OverviewPage;
use crate::pages::scenario::{industry_name, ScenarioPage};
use crate::pages::tasks::TasksPage;
use crate::pages::toolkits::OwnToolkits;
use crate::state::Part;
use crate::state::{use_lang, use_plan, use_today};
use leptos::prelude::*;

#[component]
pub fn PrintPage() -> impl IntoView {
    // Every page's tables on one sheet: every group's texts.
    crate::i18n::install_texts::all();
    let lang = use_lang();
    let store = use_plan();
    let today = use_today();
    // Paper shows every section: the channels' response curves too, not only once scrolled to.
    provide_context(BuildAllSections);
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="print-report">
            <section class="page print-cover">
                <h1>{move || store.read_parts(&[Part::Header], |p| p.header.name.clone())}</h1>
                <dl class="print-facts">
                    <div>
                        <dt>{lang.t(Msg::PrintIndustry)}</dt>
                        <dd>{move || lang.get().t(industry_name(store.read_parts(&[Part::Header], |p| p.header.industry)))}</dd>
                    </div>
                    <div>
                        <dt>{lang.t(Msg::PrintStart)}</dt>
                        <dd>{move || format_date(store.read_parts(&[Part::Header], |p| p.header.start_date), lang.get())}</dd>
                    </div>
                    <div>
                        <dt>{lang.t(Msg::PrintDate)}</dt>
                        <dd data-testid="print-date">{move || format_date(today.get(), lang.get())}</dd>
                    </div>
                </dl>
                <p class="hint no-print">{lang.t(Msg::PrintHint)}</p>
                <div class="button-row no-print">
                    <button type="button" class="btn btn-primary" on:click=print>{lang.t(Msg::PrintNow)}</button>
                    <ExportWorkbookButton report=true />
                </div>
            </section>
            <div class="print-part"><OverviewPage /></div>
            <div class="print-part"><ScenarioPage /></div>
            <div class="print-part"><TasksPage /></div>
            <div class="print-part"><FunnelPage /></div>
            <div class="print-part"><ChannelsPage /></div>
            <div class="print-part"><OwnToolkits /></div>
        </div>
    }
}
