//! Reading a chosen CSV file with progress, for both imports on the page (orders and
//! journeys): the bytes' encoding is detected and the browser decodes them (GB18030
//! exports included), then the reader takes a slice of rows per turn of the event loop
//! so a million-row file never freezes the page.

use crate::components::files::{read_bytes, read_in_turns};
use crate::domain::formats::csv::{detect_encoding, TextEncoding};
use crate::domain::formats::stepped_read::{ColumnsError, Progress, SteppedRead};
use crate::i18n::{format_count, Lang, Msg};
use crate::state::UiLang;
use leptos::prelude::*;

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

/// The file's text in whatever encoding it was written, and that encoding.
async fn decode(file: &web_sys::File) -> Option<(String, TextEncoding)> {
    let bytes = read_bytes(file).await?;
    let encoding = detect_encoding(&bytes);
    let text = web_sys::TextDecoder::new_with_label(encoding.label())
        .and_then(|d| d.decode_with_u8_array(&bytes))
        .ok()?;
    Some((text, encoding))
}

/// One import's reads: where the latest is, and which is the latest (choosing another
/// file abandons the read in progress).
#[derive(Clone, Copy)]
pub struct FileRead {
    pub state: RwSignal<Reading>,
    generation: StoredValue<u64>,
}

impl FileRead {
    pub fn new() -> FileRead {
        FileRead {
            state: RwSignal::new(Reading::Idle),
            generation: StoredValue::new(0),
        }
    }

    /// Decodes `file`, opens it with `open` (a header problem is shown through
    /// `column_name`) and reads it in turns; `done` gets what was read unless a newer
    /// file was chosen or the page was left meanwhile.
    pub fn start<R, K>(
        self,
        file: web_sys::File,
        lang: UiLang,
        open: fn(String) -> Result<R, ColumnsError<K>>,
        column_name: fn(K, Lang) -> &'static str,
        done: impl Fn(R::Out) + 'static,
    ) where
        R: SteppedRead + 'static,
        K: Copy + 'static,
    {
        let gen = self.generation.get_value() + 1;
        self.generation.set_value(gen);
        let state = self.state;
        state.set(Reading::Progress {
            rows: 0,
            percent: 0,
        });
        let generation = self.generation;
        leptos::task::spawn_local(async move {
            let current = move || generation.try_with_value(|g| *g) == Some(gen);
            let fail = |msg: String| drop(state.try_set(Reading::Failed(msg)));
            let Some((text, encoding)) = decode(&file).await else {
                return fail(lang.get_untracked().t(Msg::CsFileUnreadable).into());
            };
            let reader = match open(text) {
                Ok(r) => r,
                Err(e) => return fail(header_error(&e, column_name, lang.get_untracked())),
            };
            let progress = |p: Progress| {
                // `try_set` hands the value back when the signal is gone (the page was left).
                current()
                    && state
                        .try_set(Reading::Progress {
                            rows: p.rows_done,
                            percent: p.percent(),
                        })
                        .is_none()
            };
            if let Some(out) = read_in_turns(reader, progress).await {
                done(out);
                let _ = state.try_set(Reading::Done { encoding });
            }
        });
    }

    /// The encoding of the file last read through, once it is read.
    pub fn encoding(&self) -> Option<TextEncoding> {
        match self.state.get() {
            Reading::Done { encoding } => Some(encoding),
            _ => None,
        }
    }
}

/// Why a file cannot be read at all, naming the missing columns.
fn header_error<K: Copy>(
    e: &ColumnsError<K>,
    column_name: fn(K, Lang) -> &'static str,
    l: Lang,
) -> String {
    match e {
        ColumnsError::Empty => l.t(Msg::CsFileEmpty).into(),
        ColumnsError::Missing(cols) => {
            let names: Vec<&str> = cols.iter().map(|c| column_name(*c, l)).collect();
            fill(l.t(Msg::CsMissingColumns), &[&names.join("、")])
        }
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
    lang: UiLang,
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
