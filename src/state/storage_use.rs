//! The browser's answers about this site's storage: what `localStorage` holds, the site's
//! usage and quota (`navigator.storage.estimate()`), and whether its data is kept safe
//! from the browser's clean-up (`persisted()` / `persist()`). Every call answers `None`
//! where the browser has no such interface (older webviews, pages not served securely).

use super::storage::local_storage;
use crate::domain::plan::storage_use::LocalUse;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Every key and value of this site's `localStorage`, counted as the browser counts them.
pub fn local_use() -> Option<LocalUse> {
    let storage = local_storage().ok()?;
    let len = storage.length().ok()?;
    let items: Vec<(String, String)> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| {
            let value = storage.get_item(&key).ok().flatten()?;
            Some((key, value))
        })
        .collect();
    Some(LocalUse::of(
        items.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    ))
}

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    storage.dyn_into::<web_sys::StorageManager>().ok()
}

/// The site's whole usage (plans, the offline copy of the app, any database) and the
/// quota the browser grants it, in bytes.
pub async fn site_estimate() -> Option<(u64, u64)> {
    let promise = manager()?.estimate().ok()?;
    let estimate: web_sys::StorageEstimate = JsFuture::from(promise).await.ok()?.unchecked_into();
    let usage = estimate.get_usage()?;
    let quota = estimate.get_quota()?;
    (usage.is_finite() && quota.is_finite()).then_some((usage as u64, quota as u64))
}

/// Whether the browser already keeps this site's data through its clean-up.
pub async fn persisted() -> Option<bool> {
    let promise = manager()?.persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Asks the browser to keep this site's data through its clean-up (some browsers ask the
/// merchant, most decide by how the site is used); its answer.
pub async fn request_persist() -> Option<bool> {
    let promise = manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}
