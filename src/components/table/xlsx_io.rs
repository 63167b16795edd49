//! A table as an Excel workbook: exported beside its CSV (one sheet of typed cells), and
//! imported from .xlsx / .xls / .ods through the CSV import's preview, with a choice of
//! sheet. The writer and reader are the lazily fetched `xlsx` module (state/xlsx.rs);
//! the preview, the header matching and the cell checks are the CSV import's own.

use super::column::{CellCtx, Column, ColumnKind, TableRow, TableSource};
use super::csv_io::{build, header_map, ImportPreview, SheetSource, Source};
use super::editable_table::Grid;
use super::model::{erase, ColumnInfo, RowAccess};
use crate::components::files::{download_bytes, read_bytes};
use crate::domain::formats::xlsx::reader::ReadError;
use crate::domain::formats::xlsx::reader::{cell_text, header_text, SheetIn};
use crate::domain::formats::xlsx::writer::sheet_name;
use crate::domain::formats::xlsx::writer::{BookInfo, ColumnOut, SheetOut};
use crate::domain::formats::xlsx::CellKind;
use crate::domain::plan::schema::export_file_name_with;
use crate::domain::plan::Plan;
use crate::i18n::{Lang, Msg};
use crate::sheet::import::map_headers;
use crate::state::xlsx::{xlsx_engine, XlsxEngine};
use leptos::prelude::*;
use std::sync::Arc;

pub(crate) const XLSX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// How a spreadsheet types a column of this kind.
pub(crate) fn cell_kind(kind: ColumnKind) -> CellKind {
    match kind {
        ColumnKind::Text | ColumnKind::Choice => CellKind::Text,
        ColumnKind::Integer => CellKind::Integer,
        ColumnKind::Money => CellKind::Money,
        ColumnKind::Percent => CellKind::Percent,
        ColumnKind::Date => CellKind::Date,
        ColumnKind::Derived => CellKind::Computed,
    }
}

/// The shown rows as one sheet: the texts the CSV export writes, typed by column.
fn sheet(grid: Grid, caption: Msg, lang: Lang) -> SheetOut {
    let columns = grid.columns.get_value();
    SheetOut {
        name: lang.t(caption).to_string(),
        columns: columns
            .iter()
            .map(|c| ColumnOut {
                header: lang.t(c.header).to_string(),
                kind: cell_kind(c.kind),
            })
            .collect(),
        rows: (0..grid.len())
            .map(|r| {
                (0..columns.len())
                    .map(|c| grid.display_text(r, c))
                    .collect()
            })
            .collect(),
    }
}

/// Downloads the table as a one-sheet workbook, once the module is here.
pub(super) fn export(grid: Grid, caption: Msg, preview: RwSignal<Option<ImportPreview>>) {
    let lang = grid.lang.get_untracked();
    let sheet = sheet(grid, caption, lang);
    let (plan_name, currency) = grid
        .store
        .read_untracked(|p| (p.header.name.clone(), p.header.currency));
    let name = export_file_name_with(&format!("{}-{}", plan_name.trim(), lang.t(caption)), "xlsx");
    let created = grid.today();
    leptos::task::spawn_local(async move {
        let written = match xlsx_engine().await {
            None => Err(lang.t(Msg::XlsxErrModule).to_string()),
            Some(engine) => (engine.write)(
                &[sheet],
                BookInfo {
                    currency,
                    created,
                    computed_note: lang.t(Msg::XlsxComputedNote),
                },
            )
            .map_err(|e| lang.t(Msg::XlsxErrWrite).replace("{}", &e)),
        };
        match written {
            Ok(bytes) => {
                let _ = download_bytes(&name, XLSX_MIME, &bytes);
            }
            Err(message) => preview.set(Some(ImportPreview::problem(name, message))),
        }
    });
}

/// Reads the chosen workbook's first sheet into the preview.
pub(super) fn read(grid: Grid, file: web_sys::File, preview: RwSignal<Option<ImportPreview>>) {
    leptos::task::spawn_local(async move {
        let name = file.name();
        let Some(bytes) = read_bytes(&file).await else {
            return;
        };
        crate::state::lang::load_english().await;
        let lang = grid.lang.get_untracked();
        let Some(engine) = xlsx_engine().await else {
            let message = lang.t(Msg::XlsxErrModule).to_string();
            preview.set(Some(ImportPreview::problem(name, message)));
            return;
        };
        let bytes: Arc<[u8]> = bytes.into();
        let names = match (engine.sheet_names)(&bytes) {
            Ok(names) => names,
            Err(e) => {
                preview.set(Some(ImportPreview::problem(name, error_text(&e, lang))));
                return;
            }
        };
        let source = SheetSource {
            index: 0,
            names: names.into(),
            bytes,
            merged: 0,
            formulas: 0,
        };
        preview.set(Some(sheet_preview(grid, engine, name, source, 0)));
    });
}

/// Another sheet of the same workbook chosen in the preview.
pub(super) fn choose_sheet(
    grid: Grid,
    file: String,
    source: SheetSource,
    index: usize,
    preview: RwSignal<Option<ImportPreview>>,
) {
    leptos::task::spawn_local(async move {
        if let Some(engine) = xlsx_engine().await {
            preview.set(Some(sheet_preview(grid, engine, file, source, index)));
        }
    });
}

fn sheet_preview(
    grid: Grid,
    engine: &XlsxEngine,
    file: String,
    mut source: SheetSource,
    index: usize,
) -> ImportPreview {
    let lang = grid.lang.get_untracked();
    let sheet = match (engine.read_sheet)(&source.bytes, index) {
        Ok(sheet) => sheet,
        Err(e) => return ImportPreview::problem(file, error_text(&e, lang)),
    };
    source.index = index;
    source.merged = sheet.merged;
    source.formulas = sheet.formulas;
    // The header row decides which column each cell goes to, and so how it is read.
    let header: Vec<String> = sheet
        .rows
        .first()
        .map(|(_, cells)| {
            cells
                .iter()
                .map(|c| (engine.cell_text)(c, CellKind::Text).trim().to_string())
                .collect()
        })
        .unwrap_or_default();
    let map = header_map(grid, &header);
    let columns = grid.columns.get_value();
    let kind_of = |i: usize| {
        map.targets
            .get(i)
            .copied()
            .flatten()
            .map_or(CellKind::Text, |c| cell_kind(columns[c].kind))
    };
    let records: Vec<(usize, Vec<String>)> = sheet
        .rows
        .iter()
        .enumerate()
        .map(|(r, (line, cells))| {
            let fields = if r == 0 && map.has_header {
                header.clone()
            } else {
                cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (engine.cell_text)(c, kind_of(i)))
                    .collect()
            };
            (*line, fields)
        })
        .collect();
    build(grid, file, Source::Sheet(source), &records)
}

/// What a reader error says to the merchant.
pub(crate) fn error_text(e: &ReadError, lang: Lang) -> String {
    let mb = |bytes: u64| (bytes >> 20).to_string();
    match e {
        ReadError::FileTooLarge { bytes, limit } => lang
            .t(Msg::XlsxErrTooLarge)
            .replace("{0}", &mb(*bytes as u64))
            .replace("{1}", &mb(*limit as u64)),
        ReadError::UnpacksTooLarge { limit } => {
            lang.t(Msg::XlsxErrUnpacks).replace("{}", &mb(*limit))
        }
        ReadError::TooManyRows { sheet, limit } => lang
            .t(Msg::XlsxErrRows)
            .replace("{0}", sheet)
            .replace("{1}", &limit.to_string()),
        ReadError::TooManyCells { sheet, limit } => lang
            .t(Msg::XlsxErrCells)
            .replace("{0}", sheet)
            .replace("{1}", &limit.to_string()),
        ReadError::Protected => lang.t(Msg::XlsxErrProtected).to_string(),
        ReadError::NotAWorkbook => lang.t(Msg::XlsxErrNotBook).to_string(),
        ReadError::Damaged(why) => lang.t(Msg::XlsxErrDamaged).replace("{}", why),
        ReadError::NoSheet => lang.t(Msg::XlsxErrNoSheet).to_string(),
    }
}

/// A table of the plan with its row type erased: what the whole-plan workbook reads and
/// writes through (pages/workbook.rs lists them).
pub struct PlanTable {
    pub caption: Msg,
    columns: Vec<ColumnInfo>,
    access: Arc<dyn RowAccess>,
}

impl PlanTable {
    pub fn new<R: TableRow>(caption: Msg, source: TableSource<R>, columns: Vec<Column<R>>) -> Self {
        let (columns, access) = erase(source, columns);
        PlanTable {
            caption,
            columns,
            access,
        }
    }

    /// The table as a sheet, exactly as it shows and exports it (choices by label).
    pub fn sheet(&self, plan: &Plan, ctx: &CellCtx) -> SheetOut {
        let lang = ctx.lang;
        SheetOut {
            name: lang.t(self.caption).to_string(),
            columns: self
                .columns
                .iter()
                .map(|c| ColumnOut {
                    header: lang.t(c.header).to_string(),
                    kind: cell_kind(c.kind),
                })
                .collect(),
            rows: (0..self.access.ids(plan).len())
                .map(|r| {
                    self.columns
                        .iter()
                        .enumerate()
                        .map(|(c, column)| {
                            let text = self.access.text(plan, r, c, ctx);
                            if column.kind == ColumnKind::Choice {
                                column.options.label_for(plan, &text, lang)
                            } else {
                                text
                            }
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// Whether a sheet is this table's: its name in either language, as written.
    pub fn is_named(&self, sheet: &str) -> bool {
        [Lang::Zh, Lang::En]
            .iter()
            .any(|l| sheet_name(l.t(self.caption)) == sheet)
    }

    /// The sheet's rows written into the table, row for row over the rows it has (their
    /// ids and anything no column shows stay), rows added or removed at the end to match.
    /// `None` if the sheet's header names none of the table's columns. Returns the rows
    /// written and the cells that need fixing.
    pub fn apply(&self, plan: &mut Plan, sheet: &SheetIn, lang: Lang) -> Option<(usize, usize)> {
        let (first, data) = sheet.rows.split_first()?;
        let header: Vec<String> = first.1.iter().map(header_text).collect();
        let names: Vec<Vec<&str>> = self
            .columns
            .iter()
            .map(|c| vec![Lang::Zh.t(c.header), Lang::En.t(c.header)])
            .collect();
        let editable: Vec<bool> = self.columns.iter().map(ColumnInfo::editable).collect();
        let map = map_headers(&header, &names, &editable);
        if !map.has_header {
            return None;
        }
        let had = self.access.ids(plan).len();
        if data.len() > had {
            self.access.insert(plan, had, data.len() - had, lang);
        }
        for at in (data.len()..had).rev() {
            self.access.remove(plan, at);
        }
        let mut bad = 0;
        for (r, (_, cells)) in data.iter().enumerate() {
            for (i, target) in map.targets.iter().enumerate() {
                let Some(col) = *target else { continue };
                let kind = self.columns[col].kind;
                let text = cells
                    .get(i)
                    .map_or(String::new(), |c| cell_text(c, cell_kind(kind)));
                if kind == ColumnKind::Choice && text.trim().is_empty() {
                    continue;
                }
                self.access.write(plan, r, col, &text);
                bad += usize::from(self.access.error(plan, r, col).is_some());
            }
        }
        Some((data.len(), bad))
    }
}
