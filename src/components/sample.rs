//! Sample data beside a file button: "try with sample data" loads a generated file
//! through the same import as a chosen file, a download shows the merchant the file
//! itself, and a three-line example (header + 2 rows) shows its columns.

use crate::components::files::download;
use crate::domain::plan::samples::{head, SampleFile};
use crate::i18n::Msg;
use crate::state::use_lang;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The sample as a chosen file would be: a `File` of its text, read by the page's own
/// import path (decoding included).
pub fn as_file(sample: SampleFile) -> Option<web_sys::File> {
    let text = sample.csv();
    web_sys::File::new_with_str_sequence(
        &js_sys::Array::of1(&JsValue::from_str(&text)),
        sample.file_name(),
    )
    .ok()
}

/// The label shown wherever sample data is on screen, until real data replaces it.
#[component]
pub fn SampleBadge(#[prop(into)] show: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    move || {
        show.get()
            .then(|| view! { <span class="sample-badge" data-testid="sample-badge">{lang.t(Msg::SampleLabel)}</span> })
    }
}

/// The page's file button (`children`) with "try with sample data" and download buttons
/// beside it, and the example of the columns. `on_try` gets the sample as a file.
#[component]
pub fn SampleTools(
    sample: SampleFile,
    on_try: impl Fn(web_sys::File) + 'static,
    test_id: &'static str,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let example = head(&sample.csv(), 2).join("\n");
    let try_sample = move |_| {
        if let Some(file) = as_file(sample) {
            on_try(file);
        }
    };
    let save = move |_| {
        // With a BOM, as generated: Excel and WPS open it as UTF-8.
        let _ = download(sample.file_name(), "text/csv;charset=utf-8", &sample.csv());
    };
    view! {
        <div class="button-row">
        {children()}
        <button type="button" class="btn" on:click=try_sample data-testid=format!("{test_id}-try")>
            {lang.t(Msg::SampleTry)}
        </button>
        <button type="button" class="btn" on:click=save data-testid=format!("{test_id}-download")>
            {lang.t(Msg::SampleDownload)}
        </button>
        </div>
        <figure class="sample-example" data-testid=format!("{test_id}-example")>
            <figcaption>{lang.t(Msg::SampleFormat)}</figcaption>
            <pre>{example}</pre>
        </figure>
    }
}
