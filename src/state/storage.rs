//! Where plans are kept. One small interface; browser storage is the first backend.

use wasm_bindgen::JsCast;

/// Why a plan could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No storage at all: disabled, private mode, a sandboxed webview.
    Unavailable,
    /// The quota is used up.
    Full,
}

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
