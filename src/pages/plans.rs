//! 我的计划: every plan kept in this browser, most recently changed first; open, copy,
//! rename, delete (with undo), new demo plan or a plan from a playbook.

use crate::components::sync::RemotePlans;
use crate::domain::plan::list::{copy_name, PlanEntry};
use crate::domain::plan::Industry;
use crate::i18n::{format_date, load_error_message, Lang, Msg};
use crate::pages::scenario::industry_name;
use crate::pages::share::CopyShareLink;
use crate::state::plan_data::{load_demo, preload_demo};
use crate::state::plans::OpenError;
use crate::state::{use_lang, use_plans};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// "2026年11月23日 09:40" in the browser's time zone.
fn format_updated(ms: i64, lang: Lang) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let date = NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date());
    match date {
        Some(date) => format!(
            "{} {:02}:{:02}",
            format_date(date, lang),
            d.get_hours(),
            d.get_minutes()
        ),
        None => String::new(),
    }
}

fn open_error(e: &OpenError, lang: Lang) -> String {
    let why = match e {
        OpenError::Storage(_) => lang.t(Msg::SaveUnavailable).to_string(),
        OpenError::Missing => lang.t(Msg::PlanMissing).to_string(),
        OpenError::NotReady => lang.t(Msg::PlanReaderNotReady).to_string(),
        OpenError::Unreadable(e) => load_error_message(e, lang),
    };
    format!("{}{}", lang.t(Msg::OpenFailed), why)
}

#[component]
pub fn PlansPage() -> impl IntoView {
    // The share button (pages/share.rs) sits on this page.
    crate::i18n::install_texts::plans();
    crate::i18n::install_texts::share();
    let lang = use_lang();
    let plans = use_plans();
    let problem = RwSignal::new(None::<OpenError>);
    let done = RwSignal::new(None::<String>);
    let renaming = RwSignal::new(None::<String>);
    let draft = RwSignal::new(String::new());

    let outcome = move |result: Result<(), OpenError>, message: Option<String>| match result {
        Ok(()) => {
            problem.set(None);
            done.set(message);
        }
        Err(e) => {
            done.set(None);
            problem.set(Some(e));
        }
    };

    // The demo plan is its own module: fetched while the list is read, so "new demo
    // plan" (and deleting the last plan, which opens one) finds it here.
    preload_demo();
    crate::state::plan_reader::fetch_in_background();
    // Plans in the database the index lost (written over by another tab) show again.
    spawn_local(async move { plans.relist_archived().await });
    let demo_unavailable = RwSignal::new(false);
    let new_demo = move |_| {
        leptos::task::spawn_local(async move {
            let Ok(plan) = load_demo().await else {
                demo_unavailable.set(true);
                return;
            };
            demo_unavailable.set(false);
            plans.dismiss_deleted();
            let _ = plans.create(plan);
            done.set(None);
        });
    };

    let row = move |entry: PlanEntry| {
        let id = StoredValue::new(entry.id.clone());
        let name = entry.name.clone();
        let is_current = move || plans.current() == id.get_value();
        let industry = Industry::from_key(&entry.industry);
        let updated = entry.updated;
        let label = move |msg: Msg| format!("{} {}", lang.get().t(msg), name);
        let (open_label, copy_label, rename_label, delete_label, field_label) = (
            label.clone(),
            label.clone(),
            label.clone(),
            label.clone(),
            label,
        );
        let shown_name = entry.name.clone();
        let plan_name = StoredValue::new(entry.name.clone());
        let open = move |_| {
            plans.dismiss_deleted();
            let message = lang
                .get_untracked()
                .t(Msg::PlanOpened)
                .replace("{}", &plan_name.get_value());
            spawn_local(async move {
                outcome(plans.open(&id.get_value()).await, Some(message));
            });
        };
        let duplicate = move |_| {
            plans.dismiss_deleted();
            let names = plans.names();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let copy = copy_name(
                &plan_name.get_value(),
                lang.get_untracked().t(Msg::CopySuffix),
                &names,
            );
            let message = lang
                .get_untracked()
                .t(Msg::PlanDuplicated)
                .replace("{}", &copy);
            spawn_local(async move {
                let copied = plans.duplicate(&id.get_value(), copy).await;
                outcome(copied.map(|_| ()), Some(message));
            });
        };
        let start_rename = move |_| {
            draft.set(plan_name.get_value());
            renaming.set(Some(id.get_value()));
        };
        let save_name = move || {
            let name = draft.get_untracked().trim().to_string();
            renaming.set(None);
            if !name.is_empty() && name != plan_name.get_value() {
                spawn_local(async move {
                    outcome(plans.rename(&id.get_value(), name).await, None);
                });
            }
        };
        let delete = move |_| {
            done.set(None);
            renaming.set(None);
            spawn_local(async move { outcome(plans.delete(&id.get_value()).await, None) });
        };
        let editing = move || renaming.get().as_deref() == Some(id.get_value().as_str());
        view! {
            <tr data-plan-id=entry.id.clone() class:current=is_current>
                <th scope="row">
                    <Show
                        when=editing
                        fallback=move || view! {
                            <span class="plan-list-name">{shown_name.clone()}</span>
                            <Show when=is_current>
                                " " <span class="badge">{move || lang.get().t(Msg::PlanOpenNow)}</span>
                            </Show>
                        }
                    >
                        <form class="rename-form" on:submit=move |ev| { ev.prevent_default(); save_name(); }>
                            <input
                                type="text"
                                aria-label=field_label.clone()(Msg::NewPlanName)
                                prop:value=move || draft.get()
                                on:input=move |ev| draft.set(event_target_value(&ev))
                                on:keydown=move |ev| if ev.key() == "Escape" { renaming.set(None) }
                            />
                            <button type="submit" class="btn">
                                {lang.get_untracked().t(Msg::SaveName)}
                                <span class="visually-hidden">{format!(" {}", plan_name.get_value())}</span>
                            </button>
                            <button type="button" class="btn" on:click=move |_| renaming.set(None)>
                                {move || lang.get().t(Msg::Cancel)}
                            </button>
                        </form>
                    </Show>
                </th>
                <td>{move || industry.map(|i| lang.get().t(industry_name(i))).unwrap_or_default()}</td>
                <td class="num">{move || format_updated(updated, lang.get())}</td>
                <td class="plan-actions">
                    <Show when=move || !is_current()>
                        <button type="button" class="btn btn-primary" aria-label=open_label.clone()(Msg::OpenPlan) on:click=open>
                            {move || lang.get().t(Msg::OpenPlan)}
                        </button>
                    </Show>
                    <button type="button" class="btn" aria-label=move || copy_label(Msg::DuplicatePlan) on:click=duplicate>
                        {move || lang.get().t(Msg::DuplicatePlan)}
                    </button>
                    <button type="button" class="btn" aria-label=move || rename_label(Msg::RenamePlan) on:click=start_rename>
                        {move || lang.get().t(Msg::RenamePlan)}
                    </button>
                    <button type="button" class="btn btn-danger" aria-label=move || delete_label(Msg::DeletePlan) on:click=delete>
                        {move || lang.get().t(Msg::DeletePlan)}
                    </button>
                </td>
            </tr>
        }
    };

    view! {
        <section class="page">
            <h1>{move || lang.get().t(Msg::PlansTitle)}</h1>
            <p class="intro">{move || lang.get().t(Msg::PlansIntro)}</p>
            <div class="button-row">
                <button type="button" class="btn" on:click=new_demo>{move || lang.get().t(Msg::NewDemoPlan)}</button>
                <A href="/scenario#playbooks" attr:class="btn btn-link-like">{move || lang.get().t(Msg::NewFromPlaybook)}</A>
            </div>
            <CopyShareLink />
            {move || problem.get().map(|e| view! {
                <p class="field-error" role="alert">{open_error(&e, lang.get())}</p>
            })}
            <Show when=move || demo_unavailable.get()>
                <p class="field-error" role="alert">{move || lang.get().t(Msg::PlanDataUnavailable)}</p>
            </Show>
            {move || done.get().map(|text| view! { <p role="status">{text}</p> })}
            {move || plans.deleted().map(|d| {
                let name = d.entry.name.clone();
                view! {
                    <div class="notice" role="status">
                        <span>{lang.get().t(Msg::PlanDeleted).replace("{}", &name)}</span>
                        <button type="button" class="btn btn-link" on:click=move |_| spawn_local(async move { outcome(plans.undo_delete().await, None) })>
                            {lang.get().t(Msg::UndoDelete)}
                            <span class="visually-hidden">{format!(" {name}")}</span>
                        </button>
                    </div>
                }
            })}
            <div class="table-scroll">
                <table class="plan-list">
                    <caption class="visually-hidden">{move || lang.get().t(Msg::PlansTitle)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || lang.get().t(Msg::ColPlanName)}</th>
                            <th scope="col">{move || lang.get().t(Msg::ColPlanIndustry)}</th>
                            <th scope="col">{move || lang.get().t(Msg::ColPlanUpdated)}</th>
                            <th scope="col">{move || lang.get().t(Msg::ColPlanActions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || plans.list()
                            key=|e| (e.id.clone(), e.name.clone(), e.industry.clone(), e.updated)
                            children=row
                        />
                    </tbody>
                </table>
            </div>
            <RemotePlans />
        </section>
    }
}
