//! The demo plan and the playbooks' plans are their own wasm modules (`demo`,
//! `playbooks`), fetched when one is needed: a first visit with no stored plan, the
//! demo reset, choosing a playbook. The first load of a returning merchant carries
//! neither their builders nor their texts.
//!
//! Natively (tests) the split functions are plain calls.

use crate::domain::plan::demo::demo_plan;
use crate::domain::plan::playbooks::playbook_plan;
use crate::domain::plan::{Industry, Plan};
use crate::domain::scenario::Playbook;
use chrono::NaiveDate;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;
use std::time::Duration;

/// A plan's module could not be fetched (offline); nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanDataUnavailable;

#[leptos::wasm_split::wasm_split(
    demo,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(demo_module_preload)
)]
fn demo_module() -> Result<Plan, SplitLoaderError> {
    Ok(demo_plan())
}

#[leptos::wasm_split::wasm_split(
    playbooks,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(playbook_module_preload)
)]
fn playbook_module(
    playbook: Playbook,
    industry: Industry,
    start: NaiveDate,
    name: String,
) -> Result<Plan, SplitLoaderError> {
    Ok(playbook_plan(playbook, industry, start, name))
}

type Loading<T> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, SplitLoaderError>>>>;

/// The split functions, as the app's start names them (`enable_plan_modules`). Only the
/// start names them: a page reached from a component (the table) is also built without
/// the wasm split (the component tests), where a module importing a split loader that
/// nothing provides could not even be instantiated.
#[derive(Clone, Copy)]
struct Modules {
    demo: fn() -> Loading<Plan>,
    demo_preload: fn() -> Loading<()>,
    playbook: fn(Playbook, Industry, NaiveDate, String) -> Loading<Plan>,
    playbook_preload: fn() -> Loading<()>,
}

thread_local! {
    static MODULES: std::cell::Cell<Option<Modules>> = const { std::cell::Cell::new(None) };
}

/// Makes the demo's and the playbooks' modules reachable; `app::mount` calls it.
pub fn enable_plan_modules() {
    MODULES.set(Some(Modules {
        demo: || Box::pin(demo_module()),
        demo_preload: || Box::pin(demo_module_preload()),
        playbook: |playbook, industry, start, name| {
            Box::pin(playbook_module(playbook, industry, start, name))
        },
        playbook_preload: || Box::pin(playbook_module_preload()),
    }));
}

/// The demo plan, once its module is here.
pub async fn load_demo() -> Result<Plan, PlanDataUnavailable> {
    let modules = MODULES.get().ok_or(PlanDataUnavailable)?;
    (modules.demo)().await.map_err(|_| PlanDataUnavailable)
}

/// The demo plan where the app cannot go on without a plan (a first visit, the last plan
/// deleted): a failed fetch is tried again, a little later each time, until it arrives.
pub async fn demo_when_available() -> Plan {
    let mut wait = Duration::from_millis(250);
    loop {
        if let Ok(plan) = load_demo().await {
            return plan;
        }
        sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(8));
    }
}

/// A playbook's plan, once the playbooks' module is here.
pub async fn load_playbook(
    playbook: Playbook,
    industry: Industry,
    start: NaiveDate,
    name: String,
) -> Result<Plan, PlanDataUnavailable> {
    let modules = MODULES.get().ok_or(PlanDataUnavailable)?;
    (modules.playbook)(playbook, industry, start, name)
        .await
        .map_err(|_| PlanDataUnavailable)
}

/// Fetches the demo's module in the background (a page that offers the demo), so a
/// click finds it here.
pub fn preload_demo() {
    spawn_local(async {
        if let Some(modules) = MODULES.get() {
            let _ = (modules.demo_preload)().await;
        }
    });
}

/// Fetches the playbooks' module in the background (the page that offers them).
pub fn preload_playbooks() {
    spawn_local(async {
        if let Some(modules) = MODULES.get() {
            let _ = (modules.playbook_preload)().await;
        }
    });
}

/// Resolves after `wait` (a timer of the browser).
pub(crate) async fn sleep(wait: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                wait.as_millis() as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
