//! The archive: plan documents that are not open, in the browser's database (IndexedDB),
//! which holds far more than `localStorage`'s 5 MB per site (`PlanLibrary`, README
//! "Two places for plans"). Its code is a module of its own, fetched when the archive is
//! first used (a second after the start, or opening a plan that is not open), so it costs
//! the first load nothing.
//!
//! Every call is asynchronous. While the module cannot be fetched (offline on a first
//! visit), every call answers [`StorageError::Unavailable`]: nothing is moved, and the
//! working copies stay where they are.

mod indexed_db;

use super::storage::StorageError;
use leptos::wasm_split::SplitLoaderError;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

type Fut<T> = Pin<Box<dyn Future<Output = Result<T, StorageError>>>>;

/// The archive's calls, as its module provides them.
pub struct Database {
    get: fn(String) -> Fut<Option<String>>,
    put: fn(String, String) -> Fut<()>,
    remove: fn(String) -> Fut<()>,
    ids: fn() -> Fut<Vec<String>>,
}

#[leptos::wasm_split::wasm_split(archive, wasm_split_path = ::leptos::wasm_split, fallible)]
fn archive_module() -> Result<&'static Database, SplitLoaderError> {
    Ok(&indexed_db::INDEXED_DB)
}

type Loading = Pin<Box<dyn Future<Output = Result<&'static Database, SplitLoaderError>>>>;

thread_local! {
    /// The split loader, named only by the app's start (see
    /// `plan_data::enable_plan_modules` for why).
    static LOADER: Cell<Option<fn() -> Loading>> = const { Cell::new(None) };
    static LOADED: Cell<Option<&'static Database>> = const { Cell::new(None) };
}

/// Makes the archive's module reachable; `app::mount` calls it.
pub fn enable_archive_module() {
    LOADER.set(Some(|| Box::pin(archive_module())));
}

async fn database() -> Result<&'static Database, StorageError> {
    if let Some(database) = LOADED.get() {
        return Ok(database);
    }
    let load = LOADER.get().ok_or(StorageError::Unavailable)?;
    let database = load().await.map_err(|_| StorageError::Unavailable)?;
    LOADED.set(Some(database));
    Ok(database)
}

/// The archived document of plan `id`, if any.
pub async fn get(id: &str) -> Result<Option<String>, StorageError> {
    (database().await?.get)(id.to_string()).await
}

/// Writes plan `id`'s document; settles once it is committed.
pub async fn put(id: &str, json: &str) -> Result<(), StorageError> {
    (database().await?.put)(id.to_string(), json.to_string()).await
}

/// Removes plan `id`'s document (nothing to remove is fine).
pub async fn remove(id: &str) -> Result<(), StorageError> {
    (database().await?.remove)(id.to_string()).await
}

/// The ids of every archived document.
pub async fn ids() -> Result<Vec<String>, StorageError> {
    (database().await?.ids)().await
}
