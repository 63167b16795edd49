//! A table as a CSV file: exported for Excel and WPS (UTF-8 with BOM, no formula can
//! run), and imported with a preview that lists every cell needing attention before
//! anything is applied. Applying is one undo step.

use super::column::ColumnKind;
use super::editable_table::{Grid, Notice};
use crate::components::files::{download, read_bytes};
use crate::domain::formats::csv::{
    detect_delimiter, detect_encoding, parse, restore, write_csv, TextEncoding,
};
use crate::domain::plan::schema::export_file_name_with;
use crate::domain::values::entry::InputError;
use crate::i18n::{input_error_message, Lang, Msg};
use crate::sheet::import::{map_headers, HeaderMap};
use leptos::prelude::*;
use std::sync::Arc;

/// Cells listed in the preview; the rest are counted.
const BAD_CELLS_SHOWN: usize = 50;

/// A cell that will not read cleanly.
#[derive(Clone)]
pub(super) struct BadCell {
    line: usize,
    col: usize,
    text: String,
    error: InputError,
}

/// Where the previewed rows come from.
#[derive(Clone)]
pub(super) enum Source {
    Csv(TextEncoding),
    /// A workbook's sheet (see `xlsx_io`): lines are the sheet's row numbers.
    Sheet(SheetSource),
}

#[derive(Clone)]
pub(super) struct SheetSource {
    pub(super) index: usize,
    pub(super) names: Arc<[String]>,
    pub(super) bytes: Arc<[u8]>,
    pub(super) merged: usize,
    pub(super) formulas: usize,
}

#[derive(Clone)]
pub(super) struct ImportPreview {
    file: String,
    source: Source,
    map: HeaderMap,
    /// Per data row, the (column, text) it writes, as in the file.
    rows: Vec<Vec<(usize, String)>>,
    bad: Vec<BadCell>,
    /// The file could not be read (or a workbook written): said instead of a preview.
    problem: Option<String>,
}

impl ImportPreview {
    /// A file that cannot be read, or an export that failed: its message, nothing else.
    pub(super) fn problem(file: String, message: String) -> ImportPreview {
        ImportPreview {
            file,
            source: Source::Csv(TextEncoding::Utf8),
            map: HeaderMap {
                targets: Vec::new(),
                has_header: false,
                unknown: Vec::new(),
                derived: Vec::new(),
            },
            rows: Vec::new(),
            bad: Vec::new(),
            problem: Some(message),
        }
    }
}

/// Downloads the shown rows as the table shows them (choices by their label).
pub(super) fn export(grid: Grid, caption: Msg) {
    let lang = grid.lang.get_untracked();
    let columns = grid.columns.get_value();
    let mut rows = vec![columns
        .iter()
        .map(|c| lang.t(c.header).to_string())
        .collect::<Vec<_>>()];
    rows.extend((0..grid.len()).map(|r| {
        (0..columns.len())
            .map(|c| grid.display_text(r, c))
            .collect()
    }));
    let plan_name = grid.store.read_untracked(|p| p.header.name.clone());
    let name = export_file_name_with(&format!("{}-{}", plan_name.trim(), lang.t(caption)), "csv");
    let _ = download(&name, "text/csv;charset=utf-8", &write_csv(&rows));
}

/// Reads the chosen file (any of the encodings Chinese spreadsheets write) and builds
/// the preview.
pub(super) fn read(grid: Grid, file: web_sys::File, preview: RwSignal<Option<ImportPreview>>) {
    leptos::task::spawn_local(async move {
        let Some(bytes) = read_bytes(&file).await else {
            return;
        };
        // Headers match in either language (a file exported in English): the English
        // texts first, if they are not here yet. Offline, the Chinese headers still match.
        crate::state::lang::load_english().await;
        let encoding = detect_encoding(&bytes);
        // The browser decodes (GB18030 tables would weigh on the page); it drops a BOM.
        let text = web_sys::TextDecoder::new_with_label(encoding.label())
            .and_then(|d| d.decode_with_u8_array(&bytes))
            .unwrap_or_default();
        let records = parse(&text, detect_delimiter(&text))
            .into_iter()
            .map(|r| {
                (
                    r.line,
                    r.fields.iter().map(|f| restore(f).to_string()).collect(),
                )
            })
            .collect::<Vec<_>>();
        preview.set(Some(build(
            grid,
            file.name(),
            Source::Csv(encoding),
            &records,
        )));
    });
}

/// How the file's first row maps onto the table's columns (headers in either language).
pub(super) fn header_map(grid: Grid, first: &[String]) -> HeaderMap {
    let columns = grid.columns.get_value();
    let names: Vec<Vec<&str>> = columns
        .iter()
        .map(|c| vec![Lang::Zh.t(c.header), Lang::En.t(c.header)])
        .collect();
    let editable: Vec<bool> = columns.iter().map(|c| c.editable()).collect();
    map_headers(first, &names, &editable)
}

/// The preview of `records` (line, fields as the column parsers read them) added at the
/// end of the table: each cell tried on a copy of the plan, exactly as the table judges it.
pub(super) fn build(
    grid: Grid,
    file: String,
    source: Source,
    records: &[(usize, Vec<String>)],
) -> ImportPreview {
    let columns = grid.columns.get_value();
    let first = records.first().map(|r| r.1.clone()).unwrap_or_default();
    let map = header_map(grid, &first);
    let data = &records[usize::from(map.has_header && !records.is_empty())..];
    let mut bad = Vec::new();
    let mut rows = Vec::with_capacity(data.len());
    let mut lines = Vec::with_capacity(data.len());
    grid.store.read_untracked(|plan| {
        for (line, fields) in data {
            let mut writes = Vec::new();
            for (i, field) in fields.iter().enumerate() {
                let Some(col) = map.targets.get(i).copied().flatten() else {
                    continue;
                };
                let text = field.clone();
                // An empty choice leaves the new row's default; any other text is kept as
                // it is, and flagged below when it is none of the options.
                if columns[col].kind != ColumnKind::Choice || !text.trim().is_empty() {
                    writes.push((col, text));
                }
            }
            rows.push(writes);
            lines.push(*line);
        }
        // Try the rows on a copy of the plan (rows are shared, so the copy is cheap) to
        // find the cells that will not parse, exactly as the table will judge them.
        let mut trial = plan.clone();
        let lang = grid.lang.get_untracked();
        grid.access.with_value(|a| {
            let at = a.ids(&trial).len();
            a.insert(&mut trial, at, rows.len(), lang);
            for (r, writes) in rows.iter().enumerate() {
                for (col, text) in writes {
                    a.write(&mut trial, at + r, *col, text);
                    if let Some(error) = a.error(&trial, at + r, *col) {
                        bad.push(BadCell {
                            line: lines[r],
                            col: *col,
                            text: text.clone(),
                            error,
                        });
                    }
                }
            }
        });
    });
    bad.sort_by_key(|b| (b.line, b.col));
    ImportPreview {
        file,
        source,
        map,
        rows,
        bad,
        problem: None,
    }
}

/// Adds the previewed rows at the end of the table: one undo step.
fn apply(grid: Grid, preview: ImportPreview) {
    let count = preview.rows.len();
    let lang = grid.lang.get_untracked();
    grid.store.edit(None, move |p| {
        grid.access.with_value(|a| {
            let at = a.ids(p).len();
            a.insert(p, at, preview.rows.len(), lang);
            let mut cells = preview.rows.iter().enumerate().flat_map(|(r, writes)| {
                writes
                    .iter()
                    .map(move |(col, text)| (at + r, *col, text.as_str()))
            });
            a.write_block(p, &mut cells);
        })
    });
    grid.notify(Notice::Imported { rows: count });
}

pub(super) fn preview_view(grid: Grid, preview: RwSignal<Option<ImportPreview>>) -> impl IntoView {
    move || {
        let p = preview.get()?;
        let lang = grid.lang.get();
        let columns = grid.columns.get_value();
        let title = lang.t(Msg::CsvPreviewTitle).replace("{}", &p.file);
        if let Some(problem) = p.problem.clone() {
            return Some(view! {
                <div class="import-preview" role="region" aria-label=title.clone() data-testid="csv-preview">
                    <p><strong>{title.clone()}</strong></p>
                    <p class="flag-text" role="alert">{problem}</p>
                    <div class="button-row">
                        <button type="button" class="btn" on:click=move |_| preview.set(None)>{lang.t(Msg::OrdersCancel)}</button>
                    </div>
                </div>
            }
            .into_any());
        }
        let how = lang.t(if p.map.has_header {
            Msg::CsvWithHeader
        } else {
            Msg::CsvNoHeader
        });
        let rows = p.rows.len().to_string();
        let (summary, sheet) = match &p.source {
            Source::Csv(encoding) => (
                lang.t(Msg::CsvPreviewRows)
                    .replace("{0}", &rows)
                    .replace("{1}", &encoding.label().to_uppercase())
                    .replace("{2}", how),
                None,
            ),
            Source::Sheet(s) => (
                lang.t(Msg::XlsxPreviewRows)
                    .replace("{0}", &rows)
                    .replace("{1}", &s.names[s.index])
                    .replace("{2}", how),
                Some(s.clone()),
            ),
        };
        let list = |items: &[String], msg: Msg| {
            (!items.is_empty()).then(|| view! { <p class="hint">{lang.t(msg).replace("{}", &items.join(lang.t(Msg::ListSeparator)))}</p> })
        };
        let cells = p
            .bad
            .iter()
            .take(BAD_CELLS_SHOWN)
            .map(|b| {
                let why = input_error_message(b.error, lang);
                let text = match &sheet {
                    None => lang
                        .t(Msg::CsvBadCell)
                        .replace("{0}", &b.line.to_string())
                        .replace("{1}", lang.t(columns[b.col].header))
                        .replace("{2}", &b.text)
                        .replace("{3}", why),
                    Some(s) => {
                        let file_col = p.map.targets.iter().position(|t| *t == Some(b.col));
                        lang.t(Msg::XlsxBadCell)
                            .replace("{0}", &s.names[s.index])
                            .replace("{1}", &b.line.to_string())
                            .replace("{2}", &file_col.map(column_letters).unwrap_or_default())
                            .replace("{3}", lang.t(columns[b.col].header))
                            .replace("{4}", &b.text)
                            .replace("{5}", why)
                    }
                };
                view! { <li>{text}</li> }
            })
            .collect_view();
        let more = p.bad.len().saturating_sub(BAD_CELLS_SHOWN);
        let empty = p.rows.is_empty();
        let sheet_notes = sheet.clone().map(|s| {
            let choose = (s.names.len() > 1).then(|| {
                let options = s
                    .names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| view! { <option value=i.to_string() selected=i == s.index>{name.clone()}</option> })
                    .collect_view();
                let source = s.clone();
                let file = p.file.clone();
                view! {
                    <label class="field">
                        <span>{lang.t(Msg::XlsxSheet)}</span>
                        <select on:change=move |ev| {
                            if let Ok(index) = event_target_value(&ev).parse::<usize>() {
                                super::xlsx_io::choose_sheet(grid, file.clone(), source.clone(), index, preview);
                            }
                        }>{options}</select>
                    </label>
                }
            });
            let note = |n: usize, msg: Msg| {
                (n > 0).then(|| view! { <p class="hint">{lang.t(msg).replace("{}", &n.to_string())}</p> })
            };
            view! { {choose} {note(s.merged, Msg::XlsxMerged)} {note(s.formulas, Msg::XlsxFormulas)} }
        });
        let apply_now = p.clone();
        Some(view! {
            <div class="import-preview" role="region" aria-label=title.clone() data-testid="csv-preview">
                <p><strong>{title.clone()}</strong></p>
                {sheet_notes}
                <p>{if empty { lang.t(Msg::CsvEmpty).to_string() } else { summary }}</p>
                {list(&p.map.unknown, Msg::CsvUnknownColumns)}
                {list(&p.map.derived, Msg::CsvDerivedColumns)}
                <p class="hint">{if p.bad.is_empty() { lang.t(Msg::CsvAllGood).to_string() } else { lang.t(Msg::CsvBadCells).replace("{}", &p.bad.len().to_string()) }}</p>
                <ul class="flags">{cells}</ul>
                {(more > 0).then(|| view! { <p class="hint">{lang.t(Msg::CsvMoreBad).replace("{}", &more.to_string())}</p> })}
                <div class="button-row">
                    <button type="button" class="btn btn-primary" disabled=empty
                        on:click=move |_| { apply(grid, apply_now.clone()); preview.set(None); }>
                        {lang.t(Msg::CsvApply)}
                    </button>
                    <button type="button" class="btn" on:click=move |_| preview.set(None)>{lang.t(Msg::OrdersCancel)}</button>
                </div>
            </div>
        }
        .into_any())
    }
}

/// A spreadsheet's column name: 0 → A, 25 → Z, 26 → AA.
fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}
