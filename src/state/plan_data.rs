//! The demo plan and the playbooks' plans are their own wasm modules (`demo`,
//! `playbooks`), fetched when one is needed: a first visit with no stored plan, the
//! demo reset, choosing a playbook. The first load of a returning merchant carries
//! neither their builders nor their texts.
//!
//! Natively (tests) the split functions are plain calls.

use crate::domain::demo::demo_plan;
use crate::domain::plan::{Industry, Plan};
use crate::domain::playbooks::playbook_plan;
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

/// The demo plan, once its module is here.
pub async fn load_demo() -> Result<Plan, PlanDataUnavailable> {
    demo_module().await.map_err(|_| PlanDataUnavailable)
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
    playbook_module(playbook, industry, start, name)
        .await
        .map_err(|_| PlanDataUnavailable)
}

/// Fetches the demo's module in the background (a page that offers the demo), so a
/// click finds it here.
pub fn preload_demo() {
    spawn_local(async {
        let _ = demo_module_preload().await;
    });
}

/// Fetches the playbooks' module in the background (the page that offers them).
pub fn preload_playbooks() {
    spawn_local(async {
        let _ = playbook_module_preload().await;
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
