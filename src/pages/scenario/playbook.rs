//! The three stage playbooks (spec §1.1), each with what it is for, and starting a whole
//! new plan from one of them for an industry, on a start date the merchant picks (today
//! unless changed): it joins the list of plans and opens; the plan that was open stays in
//! the list.

use super::industry_name;
use crate::domain::plan::Industry;
use crate::domain::scenario::Playbook;
use crate::domain::values::entry::{iso_date, parse_iso_date};
use crate::i18n::{Lang, Msg};
use crate::state::plan_data::{load_playbook, preload_playbooks};
use crate::state::Part;
use crate::state::{use_lang, use_plan, use_plans, use_today};
use chrono::NaiveDate;
use leptos::prelude::*;

pub fn playbook_name(playbook: Playbook) -> Msg {
    match playbook {
        Playbook::NewBrand => Msg::PlaybookNewBrand,
        Playbook::StockOps => Msg::PlaybookStockOps,
        Playbook::CrossRegion => Msg::PlaybookCrossRegion,
    }
}

fn playbook_texts(playbook: Playbook) -> (Msg, Msg) {
    match playbook {
        Playbook::NewBrand => (Msg::PlaybookNewBrandWhen, Msg::PlaybookNewBrandHow),
        Playbook::StockOps => (Msg::PlaybookStockOpsWhen, Msg::PlaybookStockOpsHow),
        Playbook::CrossRegion => (Msg::PlaybookCrossRegionWhen, Msg::PlaybookCrossRegionHow),
    }
}

/// "新品牌快速启动 · 零售".
fn plan_name(playbook: Playbook, industry: Industry, lang: Lang) -> String {
    format!(
        "{} · {}",
        lang.t(playbook_name(playbook)),
        lang.t(industry_name(industry))
    )
}

#[component]
pub fn PlaybookChooser() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let plans = use_plans();
    let today = use_today();
    let industry = RwSignal::new(store.read_untracked(|p| p.header.industry));
    // The playbook waiting for the merchant's confirmation, and the plan just created
    // (with the id and name of the plan that was open before).
    let pending = RwSignal::new(None::<Playbook>);
    let applied = RwSignal::new(None::<(Playbook, Industry, String, String)>);
    // The new plan's first day: phases, deadlines and goals count from it. `None` while
    // the date box does not hold a whole date.
    let start_date = RwSignal::new(None::<NaiveDate>);
    // Flagged once the box is left without a whole date, not while it is being typed.
    let date_flagged = RwSignal::new(false);
    // The playbooks' module could not be fetched for the last "create".
    let unavailable = RwSignal::new(false);
    let ask = move |playbook: Playbook| {
        // The playbooks' plans are their own module: fetched while the date is confirmed.
        preload_playbooks();
        applied.set(None);
        unavailable.set(false);
        start_date.set(Some(today.get_untracked()));
        date_flagged.set(false);
        pending.set(Some(playbook));
    };

    let start = move |playbook: Playbook| {
        let Some(start_date) = start_date.get_untracked() else {
            date_flagged.set(true);
            return;
        };
        let industry = industry.get_untracked();
        let previous_name = store.read_untracked(|p| p.header.name.clone());
        let previous = plans.current_untracked();
        let name = plan_name(playbook, industry, lang.get_untracked());
        leptos::task::spawn_local(async move {
            let Ok(plan) = load_playbook(playbook, industry, start_date, name).await else {
                // Offline: the choice stays open to try again.
                unavailable.set(true);
                return;
            };
            // Cancelled meanwhile.
            if pending.get_untracked() != Some(playbook) {
                return;
            }
            pending.set(None);
            unavailable.set(false);
            // A storage failure shows the banner; the open plan stays as it was.
            if plans.create(plan).is_ok() {
                applied.set(Some((playbook, industry, previous, previous_name)));
            }
        });
    };

    let industry_options = Industry::ALL
        .into_iter()
        .map(|i| view! { <option value=i.key() selected=move || industry.get() == i>{move || lang.get().t(industry_name(i))}</option> })
        .collect_view();

    let cards = Playbook::ALL
        .into_iter()
        .map(|playbook| {
            let (when, how) = playbook_texts(playbook);
            let current = move || store.read_parts(&[Part::Playbook], |p| p.playbook == Some(playbook));
            let name = move || lang.get().t(playbook_name(playbook));
            view! {
                <article class="card playbook" class:current=current data-playbook=playbook.key()>
                    <h3>{name}</h3>
                    <Show when=current>
                        <p class="badge">{move || lang.get().t(Msg::CurrentPlaybook)}</p>
                    </Show>
                    <h4>{move || lang.get().t(Msg::WhenItFits)}</h4>
                    <p>{move || lang.get().t(when)}</p>
                    <h4>{move || lang.get().t(Msg::CoreStrategy)}</h4>
                    <p>{move || lang.get().t(how)}</p>
                    <Show
                        when=move || pending.get() == Some(playbook)
                        fallback=move || view! {
                            <button type="button" class="btn" on:click=move |_| ask(playbook)>
                                {move || lang.get().t(Msg::StartFromPlaybook)}
                                <span class="visually-hidden">{move || format!(" {}", lang.get().t(playbook_name(playbook)))}</span>
                            </button>
                        }
                    >
                        <div class="confirm" role="group" aria-label=move || lang.get().t(Msg::ConfirmNewPlan)>
                            <p>{move || lang.get().t(Msg::NewPlanWarning).replace("{}", &plan_name(playbook, industry.get(), lang.get()))}</p>
                            <label class="inline-field">
                                <span>{move || lang.get().t(Msg::NewPlanStartDate)}</span>
                                <input
                                    type="date"
                                    required
                                    aria-invalid=move || if date_flagged.get() { "true" } else { "false" }
                                    aria-describedby=move || {
                                        let hint = format!("new-plan-start-{}", playbook.key());
                                        if date_flagged.get() { format!("{hint} {hint}-error") } else { hint }
                                    }
                                    prop:value=move || start_date.get_untracked().map(iso_date).unwrap_or_default()
                                    on:input=move |ev| {
                                        let date = parse_iso_date(&event_target_value(&ev));
                                        start_date.set(date);
                                        if date.is_some() { date_flagged.set(false) }
                                    }
                                    on:blur=move |_| date_flagged.set(start_date.get_untracked().is_none())
                                />
                            </label>
                            <p class="hint" id=format!("new-plan-start-{}", playbook.key())>{move || lang.get().t(Msg::NewPlanStartHint)}</p>
                            <Show when=move || date_flagged.get()>
                                <p class="field-error" role="alert" id=format!("new-plan-start-{}-error", playbook.key())>{move || lang.get().t(Msg::DateRequired)}</p>
                            </Show>
                            <Show when=move || unavailable.get()>
                                <p class="field-error" role="alert">{move || lang.get().t(Msg::PlanDataUnavailable)}</p>
                            </Show>
                            <button type="button" class="btn btn-primary" on:click=move |_| start(playbook)>{move || lang.get().t(Msg::CreatePlan)}</button>
                            <button type="button" class="btn" on:click=move |_| pending.set(None)>{move || lang.get().t(Msg::Cancel)}</button>
                        </div>
                    </Show>
                </article>
            }
        })
        .collect_view();

    view! {
        <section class="section" id="playbooks" aria-labelledby="playbooks-title">
            <h2 id="playbooks-title">{move || lang.get().t(Msg::PlaybooksTitle)}</h2>
            <p class="hint">{move || lang.get().t(Msg::PlaybooksHint)}</p>
            // Chooses a new plan's industry: nothing for the printed report.
            <label class="inline-field print-skip">
                <span>{move || lang.get().t(Msg::PlaybookIndustry)}</span>
                <select on:change=move |ev| {
                    if let Some(i) = Industry::from_key(&event_target_value(&ev)) {
                        industry.set(i);
                    }
                }>{industry_options}</select>
            </label>
            <div class="cards">{cards}</div>
            {move || applied.get().map(|(playbook, industry, previous, previous_name)| view! {
                // Fixed in view (above the phone's tab bar): the button that made the plan
                // may sit far down a phone's page.
                <div class="notice notice-toast" role="status">
                    <span>{lang.get().t(Msg::PlanCreated).replace("{}", &plan_name(playbook, industry, lang.get()))}</span>
                    <button type="button" class="btn btn-link" on:click=move |_| {
                        let previous = previous.clone();
                        leptos::task::spawn_local(async move { let _ = plans.open(&previous).await; });
                        applied.set(None);
                    }>
                        {lang.get().t(Msg::BackToPrevious)}
                        <span class="visually-hidden">{format!(" {previous_name}")}</span>
                    </button>
                    <button type="button" class="btn btn-link" on:click=move |_| applied.set(None)>
                        {lang.get().t(Msg::DismissNotice)}
                    </button>
                </div>
            })}
        </section>
    }
}
