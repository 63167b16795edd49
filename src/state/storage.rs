//! Where plans are kept. One small interface; browser storage is the first backend.

use crate::domain::plan::list::is_plan_id;
use wasm_bindgen::JsCast;

/// Why a plan could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No storage at all: disabled, private mode, a sandboxed webview.
    Unavailable,
    /// The quota is used up.
    Full,
}

/// One plan document under one key. The app itself keeps several plans through
/// [`PlanLibrary`]; this single-document interface stays for one-document backends.
pub trait PlanStorage {
    /// The stored document, if any.
    fn load(&self) -> Result<Option<String>, StorageError>;
    fn save(&self, json: &str) -> Result<(), StorageError>;
    /// Keeps a document that could not be read, so that nothing is ever lost.
    fn keep_unreadable(&self, json: &str) -> Result<(), StorageError>;
}

/// `window.localStorage`, one key for the current plan.
pub struct LocalPlanStorage {
    pub key: &'static str,
}

pub const PLAN_KEY: &str = "omo-planner.plan";

impl LocalPlanStorage {
    pub fn new() -> LocalPlanStorage {
        LocalPlanStorage { key: PLAN_KEY }
    }
}

impl Default for LocalPlanStorage {
    fn default() -> Self {
        LocalPlanStorage::new()
    }
}

impl PlanStorage for LocalPlanStorage {
    fn load(&self) -> Result<Option<String>, StorageError> {
        local_storage()?
            .get_item(self.key)
            .map_err(|_| StorageError::Unavailable)
    }

    fn save(&self, json: &str) -> Result<(), StorageError> {
        set_item(self.key, json)
    }

    fn keep_unreadable(&self, json: &str) -> Result<(), StorageError> {
        let stamp = js_sys::Date::now() as u64;
        set_item(&format!("{}.unreadable.{stamp}", self.key), json)
    }
}

/// Several plans, an index of them and which one is open: the storage behind the plan
/// list (`state::plans`). Browser storage is the first backend; a JSON backend can
/// implement the same calls. Documents are opaque text here; parsing is the caller's.
///
/// These calls are synchronous, so that the open plan can be written at any moment
/// (autosave, `pagehide`). The documents they hold are *working copies*: the open plan's
/// always, and a plan another tab has open. Every other plan is in the archive
/// (`state::archive`, the browser's database, asynchronous); a working copy is the newer
/// when both hold one.
pub trait PlanLibrary {
    /// The index document (`domain::plan::list::index_json`), if any.
    fn load_index(&self) -> Result<Option<String>, StorageError>;
    fn save_index(&self, json: &str) -> Result<(), StorageError>;
    /// Plan `id`'s working copy, if it has one.
    fn load_plan(&self, id: &str) -> Result<Option<String>, StorageError>;
    fn save_plan(&self, id: &str, json: &str) -> Result<(), StorageError>;
    fn remove_plan(&self, id: &str) -> Result<(), StorageError>;
    /// The ids of every working copy, listed in the index or not.
    fn plan_ids(&self) -> Result<Vec<String>, StorageError>;
    /// The id of the plan that is open.
    fn load_current(&self) -> Result<Option<String>, StorageError>;
    fn save_current(&self, id: &str) -> Result<(), StorageError>;
    /// The single plan older versions kept (before the list existed).
    fn load_legacy(&self) -> Result<Option<String>, StorageError>;
    fn remove_legacy(&self) -> Result<(), StorageError>;
    /// Keeps a document that could not be read (a plan or an index), so that nothing is
    /// ever lost.
    fn keep_unreadable(&self, json: &str) -> Result<(), StorageError>;
}

/// `window.localStorage`: `omo-planner.plans` (index), `omo-planner.plan.<id>` (each
/// working copy), `omo-planner.current` (open plan id); `omo-planner.plan` is the old
/// single plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalPlanLibrary;

pub const INDEX_KEY: &str = "omo-planner.plans";
pub const CURRENT_KEY: &str = "omo-planner.current";

pub fn plan_key(id: &str) -> String {
    format!("{PLAN_KEY}.{id}")
}

fn get_item(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)
}

impl PlanLibrary for LocalPlanLibrary {
    fn load_index(&self) -> Result<Option<String>, StorageError> {
        get_item(INDEX_KEY)
    }

    fn save_index(&self, json: &str) -> Result<(), StorageError> {
        set_item(INDEX_KEY, json)
    }

    fn load_plan(&self, id: &str) -> Result<Option<String>, StorageError> {
        get_item(&plan_key(id))
    }

    fn save_plan(&self, id: &str, json: &str) -> Result<(), StorageError> {
        set_item(&plan_key(id), json)
    }

    fn remove_plan(&self, id: &str) -> Result<(), StorageError> {
        local_storage()?
            .remove_item(&plan_key(id))
            .map_err(|_| StorageError::Unavailable)
    }

    fn plan_ids(&self) -> Result<Vec<String>, StorageError> {
        let storage = local_storage()?;
        let len = storage.length().map_err(|_| StorageError::Unavailable)?;
        let prefix = format!("{PLAN_KEY}.");
        Ok((0..len)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter_map(|key| key.strip_prefix(&prefix).map(str::to_string))
            .filter(|id| is_plan_id(id))
            .collect())
    }

    fn load_current(&self) -> Result<Option<String>, StorageError> {
        get_item(CURRENT_KEY)
    }

    fn save_current(&self, id: &str) -> Result<(), StorageError> {
        set_item(CURRENT_KEY, id)
    }

    fn load_legacy(&self) -> Result<Option<String>, StorageError> {
        get_item(PLAN_KEY)
    }

    fn remove_legacy(&self) -> Result<(), StorageError> {
        local_storage()?
            .remove_item(PLAN_KEY)
            .map_err(|_| StorageError::Unavailable)
    }

    fn keep_unreadable(&self, json: &str) -> Result<(), StorageError> {
        // Never overwrite a document kept earlier in the same millisecond.
        let stamp = js_sys::Date::now() as u64;
        let base = format!("{PLAN_KEY}.unreadable.{stamp}");
        let mut key = base.clone();
        let mut n = 2;
        while get_item(&key)?.is_some() {
            key = format!("{base}-{n}");
            n += 1;
        }
        set_item(&key, json)
    }
}

pub(crate) fn local_storage() -> Result<web_sys::Storage, StorageError> {
    // Accessing localStorage itself throws in some sandboxed webviews.
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

pub(crate) fn set_item(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?.set_item(key, value).map_err(|e| {
        let name = e
            .dyn_ref::<web_sys::DomException>()
            .map(|d| d.name())
            .unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            StorageError::Full
        } else {
            StorageError::Unavailable
        }
    })
}
