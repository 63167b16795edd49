//! Reading a chosen CSV file in turns of the event loop, with progress, for both imports
//! on the page (orders and journeys): the bytes' encoding is detected and the browser
//! decodes them (GB18030 exports included), then the reader takes a chunk of rows per
//! turn so a million-row file never freezes the page.

use crate::components::files::read_bytes;
use crate::domain::attribution::journeys::{Journeys, JourneysReader};
use crate::domain::csv::{detect_encoding, TextEncoding};
use crate::domain::customers::orders::{Orders, OrdersReader};
use crate::i18n::{format_count, Lang, Msg};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Rows per turn: a few milliseconds of work.
pub const CHUNK_ROWS: usize = 20_000;

/// A reader that works in steps.
pub trait Stepped {
    type Out;
    /// (bytes done, bytes in all, finished)
    fn step(&mut self, rows: usize) -> (usize, usize, bool);
    fn rows(&self) -> usize;
    fn finish(self) -> Self::Out;
}

impl Stepped for OrdersReader {
    type Out = Orders;
    fn step(&mut self, rows: usize) -> (usize, usize, bool) {
        OrdersReader::step(self, rows)
    }
    fn rows(&self) -> usize {
        OrdersReader::rows(self)
    }
    fn finish(self) -> Orders {
        OrdersReader::finish(self)
    }
}

impl Stepped for JourneysReader {
    type Out = Journeys;
    fn step(&mut self, rows: usize) -> (usize, usize, bool) {
        JourneysReader::step(self, rows)
    }
    fn rows(&self) -> usize {
        JourneysReader::rows(self)
    }
    fn finish(self) -> Journeys {
        JourneysReader::finish(self)
    }
}

/// Where a read is.
#[derive(Clone, PartialEq)]
pub enum Reading {
    Idle,
    Progress {
        rows: usize,
        percent: u32,
    },
    /// A message to show (already localized).
    Failed(String),
    Done {
        encoding: TextEncoding,
    },
}

/// Resolves on the next macrotask, after pending input and paint.
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The file's text in whatever encoding it was written, and that encoding.
pub async fn decode(file: &web_sys::File) -> Option<(String, TextEncoding)> {
    let bytes = read_bytes(file).await?;
    let encoding = detect_encoding(&bytes);
    let text = web_sys::TextDecoder::new_with_label(encoding.label())
        .and_then(|d| d.decode_with_u8_array(&bytes))
        .ok()?;
    Some((text, encoding))
}

/// Steps `reader` to the end, reporting progress in `reading`; `None` when `current`
/// turns false (a newer file was chosen, or the page is gone).
pub async fn read_in_turns<R: Stepped>(
    mut reader: R,
    reading: RwSignal<Reading>,
    current: impl Fn() -> bool,
) -> Option<R::Out> {
    loop {
        let (done, total, finished) = reader.step(CHUNK_ROWS);
        if !current() {
            return None;
        }
        let percent = (done as u64 * 100 / total.max(1) as u64) as u32;
        // `try_set` hands the value back when the signal is gone (the page was left).
        if reading
            .try_set(Reading::Progress {
                rows: reader.rows(),
                percent,
            })
            .is_some()
        {
            return None;
        }
        if finished {
            return Some(reader.finish());
        }
        next_tick().await;
    }
}

pub fn fill(template: &str, values: &[&str]) -> String {
    values
        .iter()
        .enumerate()
        .fold(template.to_string(), |text, (i, v)| {
            text.replace(&format!("{{{i}}}"), v)
        })
}

/// The progress bar or the failure while reading.
pub fn reading_view(
    reading: RwSignal<Reading>,
    lang: crate::state::UiLang,
    test_id: &'static str,
) -> impl IntoView {
    move || {
        let l = lang.get();
        match reading.get() {
            Reading::Progress { rows, percent } => view! {
                <div class="progress-row">
                    <progress max="100" value=percent aria-label=l.t(Msg::CsReadProgress) data-testid=test_id></progress>
                    <span>{fill(l.t(Msg::CsReading), &[&format_count(rows as u64, l), &percent.to_string()])}</span>
                </div>
            }
            .into_any(),
            Reading::Failed(msg) => view! { <p class="flag" role="alert">{msg}</p> }.into_any(),
            Reading::Idle | Reading::Done { .. } => ().into_any(),
        }
    }
}

/// The bad rows: line and reason, the first `shown` of `total`.
pub fn bad_rows_view(
    rows: Vec<(usize, String)>,
    total: usize,
    lang: Lang,
    test_id: &'static str,
) -> impl IntoView {
    (total > 0).then(|| {
        let more = (total > rows.len()).then(|| fill(lang.t(Msg::CsBadRowsFirst), &[&rows.len().to_string()]));
        let body = rows
            .into_iter()
            .map(|(line, reason)| view! { <tr><td class="num">{line}</td><td>{reason}</td></tr> })
            .collect_view();
        view! {
            <div class="bad-rows" data-testid=test_id>
                <p class="flag">{fill(lang.t(Msg::CsBadRowsCount), &[&format_count(total as u64, lang)])} {more}</p>
                <div class="plain-scroll" role="region" tabindex="0" aria-label=lang.t(Msg::CsBadRowsTitle)>
                    <table class="plain">
                        <caption>{lang.t(Msg::CsBadRowsTitle)}</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="num">{lang.t(Msg::CsColLine)}</th>
                                <th scope="col">{lang.t(Msg::CsColReason)}</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </div>
        }
    })
}

/// The encoding's name for the summary line.
pub fn encoding_name(e: TextEncoding) -> &'static str {
    match e {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Utf16Le => "UTF-16LE",
        TextEncoding::Utf16Be => "UTF-16BE",
        TextEncoding::Gb18030 => "GB18030",
    }
}
