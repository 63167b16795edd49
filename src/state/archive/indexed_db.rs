//! The archive's code (its own wasm module): IndexedDB through web-sys. Database
//! `omo-planner`, object store `plans`: each document under its plan id, as the text
//! `schema::save_plan` writes (the same bytes as in `localStorage`, so moving a plan
//! between the two never changes it).
//!
//! Where the browser has no database or refuses to open it (some private modes,
//! sandboxed webviews), nothing can have been archived: reads find nothing and writes
//! answer [`StorageError::Unavailable`], so the plans all stay in `localStorage`, as
//! before the archive existed.

use crate::state::storage::StorageError;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
};

const DATABASE: &str = "omo-planner";
const VERSION: u32 = 1;
const STORE: &str = "plans";

thread_local! {
    /// The open database, shared by every call (opened once, on first use).
    static DATABASE_OPEN: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// What a failed request or transaction says: the quota, or anything else.
fn error_of(value: &JsValue) -> StorageError {
    let name = value
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        StorageError::Full
    } else {
        StorageError::Unavailable
    }
}

/// Settles when `request` succeeds (with its result) or fails (with its error).
async fn finished(request: &IdbRequest) -> Result<JsValue, StorageError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move || {
            let error = failed.error().ok().flatten().map(JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error.unwrap_or(JsValue::UNDEFINED));
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| error_of(&e))
}

/// Settles when `transaction` is committed (a write is on disk) or aborted (the quota).
async fn committed(transaction: &IdbTransaction) -> Result<(), StorageError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let aborted = transaction.clone();
        let on_abort = Closure::once_into_js(move || {
            let error = aborted.error().map(JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error.unwrap_or(JsValue::UNDEFINED));
        });
        transaction.set_oncomplete(Some(on_complete.unchecked_ref()));
        // An error of one request aborts the transaction too; the abort carries it.
        transaction.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| error_of(&e))
}

/// The open database; `None` where the browser offers none or refuses it.
async fn database() -> Option<IdbDatabase> {
    if let Some(db) = DATABASE_OPEN.with(|d| d.borrow().clone()) {
        return Some(db);
    }
    // `indexedDB` itself throws in some sandboxed webviews.
    let factory = web_sys::window()?.indexed_db().ok().flatten()?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DATABASE, VERSION).ok()?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrading.result().map(IdbDatabase::unchecked_from_js) {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db: IdbDatabase = finished(&request).await.ok()?.unchecked_into();
    // A newer release upgrading the database in another tab: let it (this tab opens it
    // again on its next call).
    let closing = db.clone();
    let on_version_change = Closure::<dyn FnMut()>::new(move || {
        closing.close();
        DATABASE_OPEN.with(|d| d.borrow_mut().take());
    });
    db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    DATABASE_OPEN.with(|d| *d.borrow_mut() = Some(db.clone()));
    Some(db)
}

/// A transaction on the plans and its object store.
fn transaction(
    db: &IdbDatabase,
    mode: IdbTransactionMode,
) -> Result<(IdbTransaction, IdbObjectStore), StorageError> {
    let tx = db
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(|e| error_of(&e))?;
    let store = tx.object_store(STORE).map_err(|e| error_of(&e))?;
    Ok((tx, store))
}

/// The archived document of plan `id`, if any.
pub(super) async fn get(id: &str) -> Result<Option<String>, StorageError> {
    let Some(db) = database().await else {
        return Ok(None);
    };
    let (_, store) = transaction(&db, IdbTransactionMode::Readonly)?;
    let request = store
        .get(&JsValue::from_str(id))
        .map_err(|e| error_of(&e))?;
    Ok(finished(&request).await?.as_string())
}

/// Writes plan `id`'s document; settles once it is committed.
pub(super) async fn put(id: &str, json: &str) -> Result<(), StorageError> {
    let db = database().await.ok_or(StorageError::Unavailable)?;
    let (tx, store) = transaction(&db, IdbTransactionMode::Readwrite)?;
    store
        .put_with_key(&JsValue::from_str(json), &JsValue::from_str(id))
        .map_err(|e| error_of(&e))?;
    committed(&tx).await
}

/// Removes plan `id`'s document (nothing to remove is fine).
pub(super) async fn remove(id: &str) -> Result<(), StorageError> {
    let Some(db) = database().await else {
        return Ok(());
    };
    let (tx, store) = transaction(&db, IdbTransactionMode::Readwrite)?;
    store
        .delete(&JsValue::from_str(id))
        .map_err(|e| error_of(&e))?;
    committed(&tx).await
}

/// The ids of every archived document.
pub(super) async fn ids() -> Result<Vec<String>, StorageError> {
    let Some(db) = database().await else {
        return Ok(Vec::new());
    };
    let (_, store) = transaction(&db, IdbTransactionMode::Readonly)?;
    let request = store.get_all_keys().map_err(|e| error_of(&e))?;
    let keys: js_sys::Array = finished(&request).await?.unchecked_into();
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}
