//! Share by link in the browser (issue 28): the plan's JSON deflated with the browser's
//! own `CompressionStream("deflate-raw")` and sealed with AES-GCM by WebCrypto, and the
//! way back. The link's format and limit are plain logic (domain/plan/share_link.rs).
//!
//! Why the browser's compressor rather than a crate: it costs no wasm at all (miniz_oxide
//! would add its inflate and deflate to whichever module shares plans), and every browser
//! that has WebCrypto's AES-GCM in a secure context and ships since 2023 has it
//! (Chromium 80 / `deflate-raw` 103, Firefox 113, Safari 16.4). Only the pages that share
//! or open a link (我的计划, /share) call this, so it is in their lazily loaded modules.

use crate::domain::plan::schema::save_plan;
use crate::domain::plan::schema::LoadError;
use crate::domain::plan::share_link::{
    parse_fragment, share_link, LinkError, TooLong, IV_LEN, KEY_LEN,
};
use crate::domain::plan::Plan;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why no link was made.
#[derive(Debug)]
pub enum SealError {
    TooLong(TooLong),
    /// The browser lacks or refused a step (message for the merchant's report).
    Browser(String),
}

/// Why a link did not open. Nothing of the merchant's plans is touched in any case.
#[derive(Debug)]
pub enum OpenError {
    Link(LinkError),
    /// AES-GCM's authentication failed: the link was changed or cut.
    Tampered,
    Browser(String),
    Plan(LoadError),
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

fn subtle() -> Result<(web_sys::Crypto, web_sys::SubtleCrypto), String> {
    let crypto = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(describe)?;
    let subtle = crypto.subtle();
    // `crypto.subtle` is undefined outside a secure context (plain http on a LAN address).
    if JsValue::from(subtle.clone()).is_undefined() {
        return Err("crypto.subtle is unavailable (not a secure context)".into());
    }
    Ok((crypto, subtle))
}

/// Runs `bytes` through a `CompressionStream` or `DecompressionStream` ("deflate-raw").
async fn transform(class: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let constructor = Reflect::get(&js_sys::global(), &JsValue::from_str(class))
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("{class} is unavailable"))?;
    let stream = Reflect::construct(&constructor, &Array::of1(&JsValue::from_str("deflate-raw")))
        .map_err(describe)?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(describe)?;
    // A (De)CompressionStream is a readable / writable pair, as pipeThrough wants.
    let out = blob
        .stream()
        .pipe_through(stream.unchecked_ref::<web_sys::ReadableWritablePair>());
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&out)).map_err(describe)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(describe)?)
        .await
        .map_err(describe)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

async fn aes_key(
    subtle: &web_sys::SubtleCrypto,
    raw: &[u8],
    usage: &str,
) -> Result<web_sys::CryptoKey, String> {
    let usages = Array::of1(&JsValue::from_str(usage));
    let key = subtle
        .import_key_with_str("raw", &Uint8Array::from(raw), "AES-GCM", false, &usages)
        .map_err(describe)?;
    Ok(JsFuture::from(key)
        .await
        .map_err(describe)?
        .unchecked_into())
}

/// The share link of `plan` at `origin` (the page's `location.origin`).
pub async fn seal(plan_json: &str, origin: &str) -> Result<String, SealError> {
    let browser = SealError::Browser;
    let (crypto, subtle) = subtle().map_err(browser)?;
    let compressed = transform("CompressionStream", plan_json.as_bytes())
        .await
        .map_err(browser)?;
    // A fresh random key and IV for every link.
    let mut key = [0u8; KEY_LEN];
    let mut iv = [0u8; IV_LEN];
    crypto
        .get_random_values_with_u8_array(&mut key)
        .and_then(|_| crypto.get_random_values_with_u8_array(&mut iv))
        .map_err(|e| browser(describe(e)))?;
    let crypto_key = aes_key(&subtle, &key, "encrypt").await.map_err(browser)?;
    let params = web_sys::AesGcmParams::new("AES-GCM", &Uint8Array::from(&iv[..]));
    let sealed = subtle
        .encrypt_with_object_and_u8_array(&params, &crypto_key, &compressed)
        .map_err(|e| browser(describe(e)))?;
    let ciphertext = JsFuture::from(sealed)
        .await
        .map_err(|e| browser(describe(e)))?;
    let mut payload = iv.to_vec();
    payload.extend(Uint8Array::new(&ciphertext).to_vec());
    share_link(origin, &payload, &key).map_err(SealError::TooLong)
}

/// The share link of the plan as it is now.
pub async fn seal_plan(plan: &Plan, origin: &str) -> Result<String, SealError> {
    let json = save_plan(plan);
    seal(&json, origin).await
}

/// The plan a link's fragment holds: decrypted (authenticated), inflated and read by the
/// plan reader like any stored plan (earlier schemas migrate, a newer one is refused).
pub async fn open(fragment: &str) -> Result<Plan, OpenError> {
    let sealed = parse_fragment(fragment).map_err(OpenError::Link)?;
    let browser = OpenError::Browser;
    let (_, subtle) = subtle().map_err(browser)?;
    let crypto_key = aes_key(&subtle, &sealed.key, "decrypt")
        .await
        .map_err(browser)?;
    let params = web_sys::AesGcmParams::new("AES-GCM", &Uint8Array::from(sealed.iv()));
    let ciphertext = sealed.ciphertext().to_vec();
    let opened = subtle
        .decrypt_with_object_and_u8_array(&params, &crypto_key, &ciphertext)
        .map_err(|e| browser(describe(e)))?;
    // WebCrypto rejects with an OperationError when the tag does not match.
    let compressed = match JsFuture::from(opened).await {
        Ok(plain) => Uint8Array::new(&plain).to_vec(),
        Err(e) if error_name(&e).as_deref() == Some("OperationError") => {
            return Err(OpenError::Tampered)
        }
        Err(e) => return Err(browser(describe(e))),
    };
    let json = transform("DecompressionStream", &compressed)
        .await
        .map_err(browser)?;
    let json =
        String::from_utf8(json).map_err(|e| OpenError::Plan(LoadError::Invalid(e.to_string())))?;
    crate::state::plan_reader::read(&json)
        .await
        .map_err(OpenError::Plan)
}

fn error_name(e: &JsValue) -> Option<String> {
    Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
}

/// Writes `text` to the clipboard; `false` when the browser refuses (no permission,
/// no user gesture left, an insecure context or a webview without the API).
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator: Object = window.navigator().into();
    let has_clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        return false;
    }
    JsFuture::from(window.navigator().clipboard().write_text(text))
        .await
        .is_ok()
}
