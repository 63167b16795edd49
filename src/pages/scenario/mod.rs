//! 场景规划: the campaign header every other page counts from, the plan's key figures,
//! the stage playbooks (spec §1.1), scenarios, SMART goals and their indicators, the
//! budget, the resources on hand and the risks (spec §1, §7).

pub mod budget;
pub(crate) mod goals;
mod playbook;
pub(crate) mod risks;
pub(crate) mod scenarios;

use crate::components::deferred::Deferred;
use crate::domain::funnel::overall_conversion;
use crate::domain::plan::Industry;
use crate::domain::values::entry::{iso_date, parse_iso_date};
use crate::domain::values::ids::RowId;
use crate::domain::values::money::Currency;
use crate::i18n::{format_date, format_money, format_rate, Msg, NO_VALUE};
use crate::state::Part;
use crate::state::{use_lang, use_plan, EditKey};
use budget::BudgetSection;
use goals::GoalsSection;
use leptos::prelude::*;
use playbook::PlaybookChooser;
use risks::RiskRegister;
use scenarios::{ResourcesForm, ScenarioTable};

pub(crate) fn industry_name(industry: Industry) -> Msg {
    match industry {
        Industry::Retail => Msg::IndustryRetail,
        Industry::Services => Msg::IndustryServices,
        Industry::FoodService => Msg::IndustryFoodService,
    }
}

#[component]
pub fn ScenarioPage() -> impl IntoView {
    crate::i18n::install_texts::scenario();
    let lang = use_lang();
    let store = use_plan();
    let header_key = |column| {
        Some(EditKey {
            table: "header",
            row: RowId(0),
            column,
        })
    };
    let date_missing = RwSignal::new(false);
    let overall = Memo::new(move |_| {
        store.read_parts(&[Part::FunnelStages], |p| {
            overall_conversion(&p.funnel.stages)
        })
    });
    // The header's values, read once each and shared by its inputs, their printed copies
    // and the key figures: each re-renders only when its own value changes.
    let name = Memo::new(move |_| store.read_parts(&[Part::Header], |p| p.header.name.clone()));
    let industry = Memo::new(move |_| store.read_parts(&[Part::Header], |p| p.header.industry));
    let start_date = Memo::new(move |_| store.read_parts(&[Part::Header], |p| p.header.start_date));
    let currency = Memo::new(move |_| store.read_parts(&[Part::Header], |p| p.header.currency));

    let industries = Industry::ALL
        .into_iter()
        .map(|i| view! { <option value=i.key() selected=move || industry.get() == i>{lang.t(industry_name(i))}</option> })
        .collect_view();
    let currencies = Currency::ALL
        .into_iter()
        .map(|c| view! { <option value=c.code() selected=move || currency.get() == c>{format!("{} {}", c.symbol(), c.code())}</option> })
        .collect_view();
    view! {
        <section class="page">
            <h1>{lang.t(Msg::ScenarioTitle)}</h1>
            <p class="intro">{lang.t(Msg::ScenarioIntro)}</p>
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>{lang.t(Msg::CampaignSection)}</legend>
                    <label>
                        <span>{lang.t(Msg::CampaignName)}</span>
                        <input
                            type="text"
                            prop:value=name
                            on:input=move |ev| { let v = event_target_value(&ev); store.edit(header_key(0), |p| p.header.name = v) }
                            on:blur=move |_| store.seal()
                        />
                        <span class="print-value" aria-hidden="true">{name}</span>
                    </label>
                    <label>
                        <span>{lang.t(Msg::Industry)}</span>
                        <select on:change=move |ev| {
                            if let Some(i) = Industry::from_key(&event_target_value(&ev)) {
                                store.edit(None, |p| p.header.industry = i);
                            }
                        }>{industries}</select>
                        <span class="print-value" aria-hidden="true">{move || lang.get().t(industry_name(industry.get()))}</span>
                    </label>
                    <label>
                        <span>{lang.t(Msg::StartDate)}</span>
                        <input
                            type="date"
                            aria-invalid=move || if date_missing.get() { "true" } else { "false" }
                            aria-describedby=move || date_missing.get().then_some("start-date-error")
                            prop:value=move || iso_date(start_date.get())
                            on:change=move |ev| match parse_iso_date(&event_target_value(&ev)) {
                                Some(d) => { date_missing.set(false); store.edit(None, |p| p.header.start_date = d) }
                                None => date_missing.set(true),
                            }
                        />
                        <span class="print-value" aria-hidden="true">{move || format_date(start_date.get(), lang.get())}</span>
                        <Show when=move || date_missing.get()>
                            <span class="field-error" id="start-date-error">{lang.t(Msg::DateRequired)}</span>
                        </Show>
                    </label>
                    <label>
                        <span>{lang.t(Msg::Currency)}</span>
                        <select on:change=move |ev| {
                            if let Some(c) = Currency::from_code(&event_target_value(&ev)) {
                                store.edit(None, |p| p.header.currency = c);
                            }
                        }>{currencies}</select>
                        <span class="print-value" aria-hidden="true">{move || { let c = currency.get(); format!("{} {}", c.symbol(), c.code()) }}</span>
                    </label>
                </fieldset>
            </form>
            <h2>{lang.t(Msg::KeyFigures)}</h2>
            <dl class="figures">
                <div class="figure figure-main">
                    <dt>{lang.t(Msg::OverallConversion)}</dt>
                    <dd>{move || format_rate(overall.get(), lang.get())}</dd>
                </div>
                <div class="figure">
                    <dt>{lang.t(Msg::StartDate)}</dt>
                    <dd>{move || format_date(start_date.get(), lang.get())}</dd>
                </div>
                <div class="figure">
                    <dt>{lang.t(Msg::BudgetTotal)}</dt>
                    <dd>{move || store.read_parts(&[Part::Budget, Part::Header], |p| p.budget.total().map_or(NO_VALUE.into(), |t| format_money(t, p.header.currency, lang.get())))}</dd>
                </div>
                <div class="figure">
                    <dt>{lang.t(Msg::Industry)}</dt>
                    <dd>{move || lang.get().t(industry_name(industry.get()))}</dd>
                </div>
            </dl>
            <nav class="page-toc" aria-label=lang.t(Msg::OnThisPage)>
                <a href="#playbooks">{lang.t(Msg::PlaybooksShort)}</a>
                <a href="#scenarios">{lang.t(Msg::ScenarioTableShort)}</a>
                <a href="#goals">{lang.t(Msg::GoalsShort)}</a>
                <a href="#budget">{lang.t(Msg::BudgetShort)}</a>
                <a href="#resources">{lang.t(Msg::ResourcesShort)}</a>
                <a href="#risks">{lang.t(Msg::RisksShort)}</a>
            </nav>
            <Deferred><PlaybookChooser /></Deferred>
            <Deferred><ScenarioTable /></Deferred>
            <Deferred><GoalsSection /></Deferred>
            <Deferred><BudgetSection /></Deferred>
            <Deferred><ResourcesForm /></Deferred>
            <Deferred><RiskRegister /></Deferred>
        </section>
    }
}
