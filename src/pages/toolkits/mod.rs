//! 行业工具 (spec §6): each industry's toolkit as editable tables with derived columns;
//! the plan's own industry first, the others below it.

pub(crate) mod appointments;
pub(crate) mod combos;
pub(crate) mod feedback;
pub(crate) mod stock;
pub(crate) mod tiers;

use crate::components::deferred::Deferred;
use crate::domain::plan::Industry;
use crate::i18n::Msg;
use crate::pages::scenario::industry_name;
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

/// The toolkits of an industry, as (anchor, title) for the page's table of contents.
fn toolkits_of(industry: Industry) -> &'static [(&'static str, Msg)] {
    match industry {
        Industry::Retail => &[("stock", Msg::StockTitle), ("tiers", Msg::TiersTitle)],
        Industry::Services => &[
            ("appointments", Msg::ToolkitsTitle),
            ("feedback", Msg::FeedbackTitle),
        ],
        Industry::FoodService => &[("combos", Msg::CombosTitle)],
    }
}

/// A toolkit below the first one is built after the page is shown: only the plan's own
/// industry's first toolkit is on screen when the page opens (built with the page, or in a
/// task of its own while the page is built out of sight, see `components::deferred`).
fn industry_view(industry: Industry, mine: bool) -> AnyView {
    match (industry, mine) {
        (Industry::Retail, true) => {
            view! { <Deferred out_of_sight_only=true><stock::StockToolkit /></Deferred> <Deferred><tiers::TiersToolkit /></Deferred> }
                .into_any()
        }
        (Industry::Retail, false) => view! {
            <Deferred><stock::StockToolkit /></Deferred>
            <Deferred><tiers::TiersToolkit /></Deferred>
        }
        .into_any(),
        (Industry::Services, true) => view! {
            <Deferred out_of_sight_only=true><appointments::AppointmentsToolkit /></Deferred>
            <Deferred><feedback::FeedbackToolkit /></Deferred>
        }
        .into_any(),
        (Industry::Services, false) => view! {
            <Deferred><appointments::AppointmentsToolkit /></Deferred>
            <Deferred><feedback::FeedbackToolkit /></Deferred>
        }
        .into_any(),
        (Industry::FoodService, true) => {
            view! { <Deferred out_of_sight_only=true><combos::CombosToolkit /></Deferred> }.into_any()
        }
        (Industry::FoodService, false) => {
            view! { <Deferred><combos::CombosToolkit /></Deferred> }.into_any()
        }
    }
}

#[component]
pub fn ToolkitsPage() -> impl IntoView {
    crate::i18n::install_texts::toolkits();
    toolkits_view(false)
}

/// The print view's report: this plan's industry toolkit alone.
#[component]
pub fn OwnToolkits() -> impl IntoView {
    toolkits_view(true)
}

fn toolkits_view(own_only: bool) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let own = Memo::new(move |_| store.read_parts(&[Part::Header], |p| p.header.industry));
    // The plan's industry first, then the others in their usual order.
    let order = move || {
        let own = own.get();
        std::iter::once(own)
            .chain(
                Industry::ALL
                    .into_iter()
                    .filter(move |i| !own_only && *i != own),
            )
            .collect::<Vec<_>>()
    };
    let toc = move || {
        order()
            .into_iter()
            .flat_map(|i| toolkits_of(i).iter())
            .map(|(anchor, title)| view! { <a href=format!("#{anchor}")>{lang.t(*title)}</a> })
            .collect_view()
    };
    view! {
        <section class="page">
            <p class="hint">{lang.t(Msg::ToolkitForIndustry)} {move || lang.get().t(industry_name(own.get()))}</p>
            <h1>{lang.t(Msg::ToolkitsPageTitle)}</h1>
            <p class="intro">{lang.t(Msg::ToolkitsPageIntro)}</p>
            <nav class="page-toc" aria-label=lang.t(Msg::OnThisPage)>{toc}</nav>
            {move || {
                order()
                    .into_iter()
                    .map(|industry| {
                        let mine = industry == own.get_untracked();
                        view! {
                            <div class="industry-group" data-industry=industry.key()>
                                <h2 class="industry-heading">
                                    {lang.t(industry_name(industry))}
                                    {mine.then(|| view! { <span class="badge">{lang.t(Msg::ForThisIndustry)}</span> })}
                                </h2>
                                {industry_view(industry, mine)}
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}
