//! The archive: plan documents that are not open, in the browser's database (IndexedDB),
//! which holds far more than `localStorage`'s 5 MB per site (README "Two places for
//! plans"). Working copies (`PlanLibrary`) are moved here by [`tidy`]; [`fetch`] reads a
//! plan from either place.
//!
//! Its code is a module of its own (`indexed_db.rs`, `moving.rs`), fetched when the
//! archive is first used (opening or tidying plans; the start only when the open plan
//! or the index is missing), so it costs the first load nothing. While that module
//! cannot be fetched (offline on a first visit), every call answers
//! [`StorageError::Unavailable`]: nothing is moved, and the working copies stay where
//! they are.

mod indexed_db;
mod moving;

use super::plans::Plans;
use super::storage::{PlanLibrary, StorageError};
use leptos::wasm_split::SplitLoaderError;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

type Fut<T> = Pin<Box<dyn Future<Output = T>>>;
type Library = Arc<dyn PlanLibrary + Send + Sync>;

/// The archive's calls, as its module provides them.
pub struct Archive {
    get: fn(String) -> Fut<Result<Option<String>, StorageError>>,
    store: fn(String, String) -> Fut<Result<bool, StorageError>>,
    park: fn(Library, String) -> Fut<Result<bool, StorageError>>,
    remove: fn(String) -> Fut<Result<(), StorageError>>,
    ids: fn() -> Fut<Result<Vec<String>, StorageError>>,
    tidy: fn(Plans) -> Fut<()>,
}

#[leptos::wasm_split::wasm_split(archive, wasm_split_path = ::leptos::wasm_split, fallible)]
fn archive_module() -> Result<&'static Archive, SplitLoaderError> {
    Ok(&moving::ARCHIVE)
}

type Loading = Pin<Box<dyn Future<Output = Result<&'static Archive, SplitLoaderError>>>>;

thread_local! {
    /// The split loader, named only by the app's start (see
    /// `plan_data::enable_plan_modules` for why).
    static LOADER: Cell<Option<fn() -> Loading>> = const { Cell::new(None) };
    static LOADED: Cell<Option<&'static Archive>> = const { Cell::new(None) };
}

/// Makes the archive's module reachable; `app::mount` calls it.
pub fn enable_archive_module() {
    LOADER.set(Some(|| Box::pin(archive_module())));
}

async fn archive() -> Result<&'static Archive, StorageError> {
    if let Some(archive) = LOADED.get() {
        return Ok(archive);
    }
    let load = LOADER.get().ok_or(StorageError::Unavailable)?;
    let archive = load().await.map_err(|_| StorageError::Unavailable)?;
    LOADED.set(Some(archive));
    Ok(archive)
}

/// The archived document of plan `id`, if any.
pub async fn get(id: &str) -> Result<Option<String>, StorageError> {
    (archive().await?.get)(id.to_string()).await
}

/// Plan `id`'s document wherever it is: its working copy, else the archive.
pub async fn fetch(lib: &dyn PlanLibrary, id: &str) -> Result<Option<String>, StorageError> {
    match lib.load_plan(id)? {
        Some(json) => Ok(Some(json)),
        None => get(id).await,
    }
}

/// Writes plan `id`'s document into the archive and reads it back; whether it holds
/// the very text (`moving.rs`).
pub async fn store(id: &str, json: &str) -> Result<bool, StorageError> {
    (archive().await?.store)(id.to_string(), json.to_string()).await
}

/// Moves plan `id`'s working copy into the archive (`moving.rs`); whether it moved.
pub async fn park(lib: Library, id: &str) -> Result<bool, StorageError> {
    (archive().await?.park)(lib, id.to_string()).await
}

/// Removes plan `id`'s archived document (nothing to remove is fine).
pub async fn remove(id: &str) -> Result<(), StorageError> {
    (archive().await?.remove)(id.to_string()).await
}

/// The ids of every archived document.
pub async fn ids() -> Result<Vec<String>, StorageError> {
    (archive().await?.ids)().await
}

/// Moves the loose working copies of `plans` into the archive, in the background
/// (`Plans::tidy` asks; `moving.rs` does it).
pub fn tidy(plans: Plans) {
    leptos::task::spawn_local(async move {
        match archive().await {
            Ok(archive) => (archive.tidy)(plans).await,
            Err(_) => while plans.take_tidy_request() {},
        }
    });
}
