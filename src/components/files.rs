//! Files in and out of the browser: text offered as a download (plan JSON, calendar,
//! CSV) and files the user chooses in an `<input type="file">`, read whole or, when large,
//! a slice per turn of the event loop.

use crate::domain::formats::stepped_read::{Progress, SteppedRead};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `text` as a download named `name`, of MIME type `mime`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let blob = Blob::new_with_str_sequence_and_options(
        &js_sys::Array::of1(&JsValue::from_str(text)),
        &blob_type(mime),
    )?;
    download_blob(name, &blob)
}

/// Offers `bytes` (a workbook) as a download named `name`, of MIME type `mime`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let blob = Blob::new_with_u8_array_sequence_and_options(
        &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)),
        &blob_type(mime),
    )?;
    download_blob(name, &blob)
}

fn blob_type(mime: &str) -> BlobPropertyBag {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    options
}

/// Clicks a link to `blob` that downloads it as `name`.
fn download_blob(name: &str, blob: &Blob) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let link: HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has its own reference by now; free ours on the next turn.
    set_timeout(
        move || drop(Url::revoke_object_url(&url)),
        std::time::Duration::ZERO,
    );
    Ok(())
}

/// The file chosen in an `<input type="file">` change event; the input is cleared so
/// that choosing the same file again is a new choice.
pub fn chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(file)
}

/// The file's text as UTF-8 (`None` if it cannot be read).
pub async fn read_text(file: &web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?
        .as_string()
}

/// The file's bytes, for content whose encoding is still to be found out.
pub async fn read_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Rows read between two turns of the event loop: a few milliseconds of work, so the
/// progress bar moves and the page answers clicks while a million-row file is read.
const ROWS_PER_TURN: usize = 20_000;

/// Resolves on the next macrotask (setTimeout 0), after pending input and paint.
async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Steps `reader` to the end a slice per turn of the event loop, handing each
/// [`Progress`] to `progress`; `None` when `progress` returns false (a newer file was
/// chosen, or the page is gone).
pub async fn read_in_turns<R: SteppedRead>(
    mut reader: R,
    progress: impl Fn(Progress) -> bool,
) -> Option<R::Out> {
    loop {
        let p = reader.step(ROWS_PER_TURN);
        if !progress(p) {
            return None;
        }
        if p.finished {
            return Some(reader.finish());
        }
        next_turn().await;
    }
}
