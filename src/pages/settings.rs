//! 设置: language, and what is kept on this device.

use crate::components::plan_file::{
    ExportPlanButton, ExportWorkbookButton, ImportPlanButton, ImportWorkbookButton,
};
use crate::components::storage_use::StorageUsePanel;
use crate::components::sync::BackendSettingsForm;
use crate::i18n::{Lang, Msg};
use crate::state::autosave::SaveStatus;
use crate::state::plan_data::{load_demo, preload_demo};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SettingsPage() -> impl IntoView {
    crate::i18n::install_texts::settings();
    let lang = use_lang();
    let store = use_plan();
    let status = expect_context::<ReadSignal<SaveStatus>>();
    let reset_done = RwSignal::new(false);
    let reset_unavailable = RwSignal::new(false);
    // The demo plan is its own module: fetched while the page is read, so the reset
    // finds it here.
    preload_demo();
    let reset = move |_| {
        leptos::task::spawn_local(async move {
            match load_demo().await {
                Ok(plan) => {
                    store.replace(plan);
                    reset_unavailable.set(false);
                    reset_done.set(true);
                }
                Err(_) => reset_unavailable.set(true),
            }
        });
    };
    let choice = move |value: Lang, label: Msg| {
        view! {
            <label class="radio">
                <input
                    type="radio"
                    name="language"
                    prop:checked=move || lang.get() == value
                    on:change=move |_| lang.set(value)
                />
                <span lang=value.tag()>{lang.t(label)}</span>
            </label>
        }
    };
    view! {
        <section class="page">
            <h1>{lang.t(Msg::SettingsTitle)}</h1>
            <fieldset class="settings-group">
                <legend>{lang.t(Msg::LanguageLabel)}</legend>
                {choice(Lang::Zh, Msg::LanguageZh)}
                {choice(Lang::En, Msg::LanguageEn)}
            </fieldset>
            <fieldset class="settings-group">
                <legend>{lang.t(Msg::PlansTitle)}</legend>
                <p>{lang.t(Msg::SettingsPlansHint)}</p>
                <A href="/plans" attr:class="btn btn-link-like">{lang.t(Msg::PlansTitle)}</A>
            </fieldset>
            <fieldset class="settings-group">
                <legend>{lang.t(Msg::PrintSection)}</legend>
                <p>{lang.t(Msg::PrintSectionHint)}</p>
                <A href="/print" attr:class="btn btn-link-like">{lang.t(Msg::PrintOpen)}</A>
            </fieldset>
            <fieldset class="settings-group">
                <legend>{lang.t(Msg::PlanFileSection)}</legend>
                <p>{lang.t(Msg::PlanFileHint)}</p>
                <div class="button-row">
                    <ExportPlanButton />
                    <ExportWorkbookButton />
                    <ImportPlanButton />
                    <ImportWorkbookButton />
                </div>
            </fieldset>
            <fieldset class="settings-group">
                <legend>{lang.t(Msg::StorageSection)}</legend>
                <p>{lang.t(Msg::StorageHint)}</p>
                <p>
                    {lang.t(Msg::StorageStatus)} ": "
                    {move || lang.get().t(status.get().message())}
                </p>
                <StorageUsePanel />
                <p class="hint">{lang.t(Msg::ResetDemoHint)}</p>
                <button type="button" class="btn" on:click=reset>
                    {lang.t(Msg::ResetDemo)}
                </button>
                <Show when=move || reset_done.get()>
                    <p role="status">{lang.t(Msg::ResetDone)}</p>
                </Show>
                <Show when=move || reset_unavailable.get()>
                    <p class="field-error" role="alert">{lang.t(Msg::PlanDataUnavailable)}</p>
                </Show>
            </fieldset>
            <BackendSettingsForm />
        </section>
    }
}
