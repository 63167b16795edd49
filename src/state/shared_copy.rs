//! "保存副本到我的计划" on the shared plan's banner (components/shell.rs): adding a plan to
//! the list (`Plans::create`) was code only lazily loaded pages used, so the banner
//! fetches it as a small module of its own, `shared_copy`, on the click, rather than
//! carry it in the first load.

use crate::domain::plan::Plan;
use crate::state::plans::Plans;
use leptos::wasm_split::SplitLoaderError;
use std::cell::Cell;

/// Adds the plan to the list and opens it (editable); `false` when storage refused it
/// (the save banner says why).
type SaveCopy = fn(Plans, Plan) -> bool;

fn save_copy(plans: Plans, plan: Plan) -> bool {
    plans.create(plan).is_ok()
}

#[leptos::wasm_split::wasm_split(shared_copy, wasm_split_path = ::leptos::wasm_split, fallible)]
fn shared_copy_module() -> Result<SaveCopy, SplitLoaderError> {
    Ok(save_copy)
}

type Loader = fn() -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<SaveCopy, SplitLoaderError>>>,
>;

thread_local! {
    static LOADER: Cell<Option<Loader>> = const { Cell::new(None) };
}

/// Makes the module reachable; `app::mount` calls it (see `plan_data::enable_plan_modules`).
pub fn enable_shared_copy_module() {
    LOADER.set(Some(|| Box::pin(shared_copy_module())));
}

/// Saves a copy of `plan`: `None` when the module cannot be fetched (offline).
pub async fn save_shared_copy(plans: Plans, plan: Plan) -> Option<bool> {
    let save = (LOADER.get()?)().await.ok()?;
    Some(save(plans, plan))
}
