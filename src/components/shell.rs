//! The frame around every page: title, navigation (a side bar on desktop, a bottom tab
//! bar on a phone), save state, undo / redo and the language switch.

use crate::components::offline::OfflineIndicator;
use crate::components::plan_file::ExportPlanButton;
use crate::components::sync::{ConflictPanel, SyncIndicator};
use crate::i18n::{load_error_message, Lang, Msg};
use crate::state::autosave::SaveStatus;
use crate::state::plans::LoadProblem;
use crate::state::Part;
use crate::state::{use_lang, use_plan, use_plans};
use leptos::prelude::*;
use leptos_router::components::A;

/// The pages, in navigation order: path, label, the short label of the phone's tab bar
/// (nine tabs share 375 px there), icon.
pub const PAGES: [(&str, Msg, Msg, &str); 9] = [
    ("/", Msg::NavOverview, Msg::NavOverviewShort, "⌂"),
    ("/scenario", Msg::NavScenario, Msg::NavScenarioShort, "◎"),
    ("/tasks", Msg::NavTasks, Msg::NavTasksShort, "☰"),
    ("/funnel", Msg::NavFunnel, Msg::NavFunnelShort, "▽"),
    ("/channels", Msg::NavChannels, Msg::NavChannelsShort, "⇄"),
    ("/toolkits", Msg::NavToolkits, Msg::NavToolkitsShort, "▣"),
    ("/customers", Msg::NavCustomers, Msg::NavCustomersShort, "◔"),
    ("/plans", Msg::NavPlans, Msg::NavPlansShort, "▤"),
    ("/settings", Msg::NavSettings, Msg::NavSettingsShort, "⚙"),
];

#[component]
pub fn Shell(
    status: ReadSignal<SaveStatus>,
    load_problem: Option<LoadProblem>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let plan_name = move || store.read_parts(&[Part::Header], |p| p.header.name.clone());
    // The name a shared plan was saved under, for the notice after "save a copy".
    let saved_as = RwSignal::new(None::<String>);

    // Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo across the whole plan.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => {
                ev.prevent_default();
                store.undo();
            }
            ("z", true) | ("y", false) => {
                ev.prevent_default();
                store.redo();
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let nav = PAGES
        .iter()
        .map(|&(href, label, short, icon)| {
            // The full label names the link everywhere; a phone shows the short one.
            // The overview's "/" is a prefix of every address: only an exact match is it.
            view! {
                <A href=href exact=href == "/">
                    <span class="nav-icon" aria-hidden="true">{icon}</span>
                    <span class="nav-label">{lang.t(label)}</span>
                    <span class="nav-short" aria-hidden="true">{lang.t(short)}</span>
                </A>
            }
        })
        .collect_view();

    view! {
        <div class="app">
            // On a phone the title row scrolls away and the toolbar row stays (style/main.css).
            <header class="topbar">
                // The plan name leads to the list of plans, as the 我的计划 tab does.
                <A href="/plans" attr:class="brand plan-link" attr:title=move || lang.get().t(Msg::PlansTopbarHint)>
                    <span class="app-title">{lang.t(Msg::AppTitle)}</span>
                    <span class="plan-name">{plan_name}</span>
                    <span class="visually-hidden">{move || format!(" {}", lang.get().t(Msg::PlansTitle))}</span>
                </A>
                <A href="/print" attr:class="btn btn-small header-print">{lang.t(Msg::PrintHeaderLink)}</A>
                <div class="toolbar">
                    <SaveIndicator status />
                    <SyncIndicator />
                    <OfflineIndicator />
                    <button type="button" class="btn btn-small" on:click=move |_| store.undo() disabled=move || !store.can_undo()>
                        {lang.t(Msg::Undo)}
                    </button>
                    <button type="button" class="btn btn-small" on:click=move |_| store.redo() disabled=move || !store.can_redo()>
                        {lang.t(Msg::Redo)}
                    </button>
                    <button
                        type="button"
                        class="btn btn-small lang-switch"
                        lang=move || if lang.get() == Lang::Zh { "en" } else { "zh-CN" }
                        on:click=move |_| lang.set(if lang.get_untracked() == Lang::Zh { Lang::En } else { Lang::Zh })
                    >
                        {move || if lang.get() == Lang::Zh { "English" } else { "中文" }}
                    </button>
                </div>
            </header>
            <nav class="nav" aria-label=lang.t(Msg::MainNav)>{nav}</nav>
            <main class="content" id="main">
                {load_problem.map(|LoadProblem { error, opened }| view! {
                    <p class="banner banner-warn" role="alert">
                        {move || match &opened {
                            None => lang.get().t(Msg::LoadFailed).to_string(),
                            Some(name) => lang.get().t(Msg::LoadFailedOpened).replace("{}", name),
                        }}
                        " "
                        {move || load_error_message(&error, lang.get())}
                    </p>
                })}
                <Show when=move || store.read_only()>
                    <SharedPlanBanner saved_as />
                </Show>
                {move || saved_as.get().map(|name| view! {
                    <p class="banner banner-info" role="status">{lang.get().t(Msg::ShareSaved).replace("{}", &name)}</p>
                })}
                <Show when=move || matches!(status.get(), SaveStatus::Failed(_))>
                    <p class="banner banner-error" role="alert">
                        {move || lang.get().t(status.get().message())}
                        " "
                        <ExportPlanButton />
                    </p>
                </Show>
                <ConflictPanel />
                {children()}
            </main>
        </div>
    }
}

/// A plan opened from a share link (pages/share.rs) is shown read-only on every page:
/// this says so, says when an edit was refused, and offers to save a copy (a new plan
/// of the list, opened and editable) or to go back to the merchant's own plan.
#[component]
fn SharedPlanBanner(saved_as: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let plans = use_plans();
    let name = move || store.read_parts(&[Part::Header], |p| p.header.name.clone());
    let unavailable = RwSignal::new(false);
    let save_copy = move |_| {
        let plan = store.read_untracked(|p| p.clone());
        let name = plan.header.name.clone();
        leptos::task::spawn_local(async move {
            // A refusal of storage shows as the save banner (Plans::create reports it).
            match crate::state::shared_copy::save_shared_copy(plans, plan).await {
                Some(true) => saved_as.set(Some(name)),
                Some(false) => {}
                None => unavailable.set(true),
            }
        });
    };
    // The merchant's own plan, read again from storage as on any start.
    let close = move |_| {
        let _ = window().location().set_href("/");
    };
    view! {
        <div class="banner banner-warn shared-plan" role="region" aria-label=move || lang.get().t(Msg::ShareTitle)>
            <p>{move || lang.get().t(Msg::ShareReadOnly).replace("{}", &name())}</p>
            <Show when=move || { store.refused() > 0 }>
                <p role="alert">{move || lang.get().t(Msg::ShareEditRefused)}</p>
            </Show>
            <Show when=move || unavailable.get()>
                <p role="alert">{move || lang.get().t(Msg::PageLoadFailed)}</p>
            </Show>
            <div class="button-row">
                <button type="button" class="btn btn-primary" on:click=save_copy>{move || lang.get().t(Msg::ShareSaveCopy)}</button>
                <button type="button" class="btn" on:click=close>{move || lang.get().t(Msg::ShareClose)}</button>
            </div>
        </div>
    }
}

#[component]
fn SaveIndicator(status: ReadSignal<SaveStatus>) -> impl IntoView {
    let lang = use_lang();
    let text = move || match status.get() {
        SaveStatus::Failed(_) => lang.get().t(Msg::SaveFailedShort),
        ok => lang.get().t(ok.message()),
    };
    let class = move || match status.get() {
        SaveStatus::Saved => "save-state saved",
        SaveStatus::Pending => "save-state pending",
        SaveStatus::Failed(_) => "save-state failed",
    };
    view! { <span class=class role="status" data-testid="save-state">{text}</span> }
}
