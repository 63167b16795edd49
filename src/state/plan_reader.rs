//! Reading a stored plan document (JSON of any schema version, migrated step by step) is
//! its own wasm module, `plan_reader`. The plan's deserializers and the migrations are
//! about a fifth of the app's code, and a first visit, which opens the demo plan built in
//! Rust, reads no document: it fetches the reader in the background once the app is live.
//! A returning merchant's start waits for it (the address's HTML preloads it beside the
//! main module when the browser holds plans, see .ci/wasm-split.mjs).
//!
//! Natively (tests) and in a build without the split, `load_plan` is a plain call.

use crate::domain::plan::schema::LoadError;
use crate::domain::plan::Plan;
use leptos::wasm_split::SplitLoaderError;
use std::cell::Cell;
use std::time::Duration;

/// `domain::plan::schema::load_plan`, reached through the module that holds it.
pub type Reader = fn(&str) -> Result<Plan, LoadError>;

type Loading =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Reader, SplitLoaderError>>>>;

#[leptos::wasm_split::wasm_split(plan_reader, wasm_split_path = ::leptos::wasm_split, fallible)]
fn reader_module() -> Result<Reader, SplitLoaderError> {
    Ok(crate::domain::plan::schema::load_plan)
}

thread_local! {
    /// The split loader, named only by the app's start (`enable_plan_reader`), as the
    /// other lazily loaded modules are (see `plan_data::enable_plan_modules`).
    static LOADER: Cell<Option<fn() -> Loading>> = const { Cell::new(None) };
    /// The reader once its module has arrived.
    static READER: Cell<Option<Reader>> = const { Cell::new(None) };
}

/// Makes the reader's module reachable; `app::mount` calls it.
pub fn enable_plan_reader() {
    LOADER.set(Some(|| Box::pin(reader_module())));
}

/// Natively nothing is split: the reader is always here.
#[cfg(not(target_arch = "wasm32"))]
pub fn reader_now() -> Option<Reader> {
    Some(crate::domain::plan::schema::load_plan)
}

/// The reader if it is here already: always natively; in the browser once `ready` (or the
/// background fetch) has brought its module.
#[cfg(target_arch = "wasm32")]
pub fn reader_now() -> Option<Reader> {
    READER.get()
}

/// The reader, once its module is here. A failed fetch (offline) is tried again, a little
/// later each time: a stored plan cannot be opened without it, and nothing stored is
/// touched meanwhile.
pub async fn ready() -> Reader {
    let mut wait = Duration::from_millis(250);
    loop {
        if let Some(reader) = reader_now() {
            return reader;
        }
        match LOADER.get() {
            Some(load) => {
                if let Ok(reader) = load().await {
                    READER.set(Some(reader));
                    return reader;
                }
            }
            // Only a build that never starts the app (the component tests) has no
            // loader; naming `load_plan` here would pull it back into the main module.
            None => std::future::pending::<()>().await,
        }
        super::plan_data::sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(8));
    }
}

/// Reads `json` as a plan, waiting for the reader's module if needed.
pub async fn read(json: &str) -> Result<Plan, LoadError> {
    ready().await(json)
}

/// Fetches the reader in the background (a first visit, once the app is live), so that
/// opening another plan or following another tab's save finds it here.
pub fn fetch_in_background() {
    leptos::task::spawn_local(async {
        ready().await;
    });
}
