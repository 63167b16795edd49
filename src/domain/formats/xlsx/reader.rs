//! Reading a workbook a merchant drops into a table: .xlsx (streamed, so a sheet's size
//! is checked as it is read), .xls and .ods. Each cell becomes the text the target
//! column's own parser reads (the same texts a CSV of the table holds), so the import
//! preview judges a workbook exactly as it judges a CSV. Bad, protected, oversized or
//! truncated files give a [`ReadError`], never a panic.

use super::{excel_epoch, CellKind};
use crate::domain::values::entry::{hundredths_text, parse_iso_date};
use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx, XlsxError};
use std::io::Cursor;

/// What a file may hold before it is refused. The table import holds every row in the
/// page, so these are far below Excel's own limits (1,048,576 rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The file as chosen.
    pub file_bytes: usize,
    /// All parts of the zip unpacked, as the file declares them (a zip bomb says so).
    pub unpacked_bytes: u64,
    /// The last row a cell with a value may be on.
    pub rows: u32,
    /// Cells with a value in the sheet.
    pub cells: usize,
}

pub const LIMITS: Limits = Limits {
    file_bytes: 20 << 20,
    unpacked_bytes: 200 << 20,
    rows: 100_000,
    cells: 2_000_000,
};

/// Why a workbook cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The file is bigger than [`Limits::file_bytes`].
    FileTooLarge { bytes: usize, limit: usize },
    /// The zip would unpack to more than [`Limits::unpacked_bytes`] (a zip bomb).
    UnpacksTooLarge { limit: u64 },
    /// A sheet has values past row [`Limits::rows`].
    TooManyRows { sheet: String, limit: u32 },
    /// A sheet has more than [`Limits::cells`] values.
    TooManyCells { sheet: String, limit: usize },
    /// Encrypted with a password: it must be saved without one first.
    Protected,
    /// Not a workbook at all (not a zip or an old Excel file).
    NotAWorkbook,
    /// A workbook that cannot be read: truncated or damaged. The reader's words.
    Damaged(String),
    /// No sheet at that position, or a workbook without sheets.
    NoSheet,
}

/// A cell as read, before it meets a column.
#[derive(Debug, Clone, PartialEq)]
pub enum CellIn {
    Empty,
    Text(String),
    /// A number; `percent` when its format shows it as a percentage (0.25 as 25%).
    Number {
        value: f64,
        percent: bool,
    },
    /// A date-formatted number: days (and a fraction of a day) after Excel's day zero.
    Date(f64),
    Bool(bool),
    /// An error value such as `#DIV/0!`.
    Error(String),
}

/// One sheet's cells with a value, in rows.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetIn {
    pub name: String,
    /// Rows that hold a value, in order: (the sheet's row number from 1, its cells from
    /// column A).
    pub rows: Vec<(usize, Vec<CellIn>)>,
    /// Merged ranges: their value is in the top-left cell, the others read empty.
    pub merged: usize,
    /// Cells holding a formula whose value was never calculated (read empty).
    pub formulas: usize,
}

/// The workbook's sheet names, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    let names = open(bytes)?.names();
    if names.is_empty() {
        return Err(ReadError::NoSheet);
    }
    Ok(names)
}

/// The `index`th sheet (from 0).
pub fn read_sheet(bytes: &[u8], index: usize) -> Result<SheetIn, ReadError> {
    let mut book = open(bytes)?;
    let name = book.names().get(index).cloned().ok_or(ReadError::NoSheet)?;
    let mut cells = Cells::new(&name);
    let (merged, formulas) = match &mut book {
        Book::Xlsx(x) => {
            {
                let mut reader = x.worksheet_cells_reader(&name).map_err(damaged)?;
                while let Some(cell) = reader.next_cell().map_err(damaged)? {
                    let (row, col) = cell.get_position();
                    cells.push(row, col, from_ref(cell.get_value()))?;
                }
            }
            // Which numbers are percentages: only the styles say (0.25 shown as 25%).
            if cells.any_number {
                let styles = x.worksheet_style(&name).map_err(damaged)?;
                for (row, col, cell) in &mut cells.cells {
                    if let CellIn::Number { percent, .. } = cell {
                        *percent = styles
                            .get((*row, *col))
                            .and_then(|s| s.number_format.as_ref())
                            .is_some_and(|f| is_percent_format(&f.format_code));
                    }
                }
            }
            let merged = x.merge_cells_by_sheet_name(&name).map_or(0, |m| m.len());
            (merged, uncalculated_formulas(x, &name, &cells))
        }
        Book::Xls(x) => {
            let range = x.worksheet_range(&name).map_err(damaged)?;
            cells.push_range(&range)?;
            (x.merge_cells_by_sheet_name(&name).map_or(0, |m| m.len()), 0)
        }
        Book::Ods(x) => {
            let range = x.worksheet_range(&name).map_err(damaged)?;
            cells.push_range(&range)?;
            (0, 0)
        }
    };
    Ok(SheetIn {
        name,
        rows: cells.into_rows(),
        merged,
        formulas,
    })
}

/// The text a cell gives a column of `kind`: what that column's parser reads (and what
/// the table's CSV export would hold). Nothing is rounded away: a figure the column
/// cannot hold exactly is given in full, so the column flags it.
pub fn cell_text(cell: &CellIn, kind: CellKind) -> String {
    match cell {
        CellIn::Empty => String::new(),
        CellIn::Text(s) => match kind {
            CellKind::Date => iso_midnight(s).unwrap_or(s).to_string(),
            _ => s.clone(),
        },
        CellIn::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        CellIn::Error(e) => e.clone(),
        CellIn::Date(serial) => match kind {
            CellKind::Date | CellKind::Text | CellKind::Computed => serial_date(*serial),
            _ => number_text(*serial),
        },
        CellIn::Number { value, percent } => {
            let v = *value;
            match kind {
                CellKind::Money => scaled(v, 100.0)
                    .map_or_else(|| number_text(v), |fen| hundredths_text(fen, true)),
                // A rate the sheet shows as a percentage is a fraction (0.25); a plain
                // number is in percent already ("25" as the CSV writes it).
                CellKind::Percent => {
                    let pct = if *percent { v * 100.0 } else { v };
                    scaled(pct, 100.0)
                        .map_or_else(|| number_text(pct), |h| hundredths_text(h, false))
                }
                CellKind::Date => serial_date(v),
                _ if *percent => scaled(v * 100.0, 100.0)
                    .map_or_else(|| number_text(v), |h| hundredths_text(h, false) + "%"),
                _ => number_text(v),
            }
        }
    }
}

/// A header cell's text.
pub fn header_text(cell: &CellIn) -> String {
    cell_text(cell, CellKind::Text).trim().to_string()
}

/// `v × scale` when it is a whole number (within float noise) Excel holds exactly.
fn scaled(v: f64, scale: f64) -> Option<i64> {
    let x = v * scale;
    let r = x.round();
    ((x - r).abs() < 1e-6 && r.abs() < (1u64 << 53) as f64).then_some(r as i64)
}

/// The shortest text that reads back as `v` ("3000", "0.1", "1.005").
fn number_text(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

/// A serial date as ISO; the time of day, if any, is dropped (a date column holds days).
fn serial_date(serial: f64) -> String {
    let days = serial.floor();
    if !(1.0..=2_958_465.0).contains(&days) {
        return number_text(serial);
    }
    // Serials up to 60 count Excel's phantom 29 February 1900.
    let days = if days < 61.0 { days + 1.0 } else { days } as i64;
    (excel_epoch() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// "2026-03-01T00:00:00" (how .ods stores a date) → "2026-03-01".
fn iso_midnight(s: &str) -> Option<&str> {
    let (date, time) = s.split_once('T')?;
    (parse_iso_date(date).is_some() && time.trim_start_matches(['0', ':', '.']).is_empty())
        .then_some(date)
}

/// Whether a number format shows a percentage (a `%` outside quotes and escapes).
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => {
                chars.next();
            }
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

enum Book<'a> {
    Xlsx(Box<Xlsx<Cursor<&'a [u8]>>>),
    Xls(Box<Xls<Cursor<&'a [u8]>>>),
    Ods(Box<Ods<Cursor<&'a [u8]>>>),
}

impl Book<'_> {
    fn names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(x) => x.sheet_names(),
            Book::Xls(x) => x.sheet_names(),
            Book::Ods(x) => x.sheet_names(),
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn open(bytes: &[u8]) -> Result<Book<'_>, ReadError> {
    if bytes.len() > LIMITS.file_bytes {
        return Err(ReadError::FileTooLarge {
            bytes: bytes.len(),
            limit: LIMITS.file_bytes,
        });
    }
    if bytes.starts_with(ZIP_MAGIC) {
        check_zip(bytes, LIMITS.unpacked_bytes)?;
        return match Xlsx::new(Cursor::new(bytes)) {
            Ok(x) => Ok(Book::Xlsx(Box::new(x))),
            Err(xlsx) => match Ods::new(Cursor::new(bytes)) {
                Ok(o) => Ok(Book::Ods(Box::new(o))),
                Err(_) => Err(damaged(xlsx)),
            },
        };
    }
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted .xlsx is an old-style compound file holding the encrypted package.
        if let Err(XlsxError::Password) = Xlsx::new(Cursor::new(bytes)) {
            return Err(ReadError::Protected);
        }
        return match Xls::new(Cursor::new(bytes)) {
            Ok(x) => Ok(Book::Xls(Box::new(x))),
            Err(calamine::XlsError::Password) => Err(ReadError::Protected),
            Err(e) => Err(damaged(e)),
        };
    }
    Err(ReadError::NotAWorkbook)
}

fn damaged(e: impl std::fmt::Display) -> ReadError {
    match e.to_string() {
        s if s.contains("password") => ReadError::Protected,
        s => ReadError::Damaged(s),
    }
}

/// Sums what the zip's central directory says its parts unpack to, before anything is
/// unpacked. A truncated zip (no directory) is damaged; one that claims too much, or a
/// ZIP64 size, is refused.
pub fn check_zip(bytes: &[u8], limit: u64) -> Result<(), ReadError> {
    let truncated = || ReadError::Damaged("the zip directory is missing: truncated file".into());
    let u16_at = |at: usize| -> Option<u64> {
        bytes
            .get(at..at + 2)
            .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |at: usize| -> Option<u64> {
        bytes
            .get(at..at + 4)
            .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    };
    // The end-of-directory record: in the last 22 + 65,535 bytes (its comment).
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let eocd = (from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(truncated)?;
    let entries = u16_at(eocd + 10).ok_or_else(truncated)?;
    let mut at = u32_at(eocd + 16).ok_or_else(truncated)? as usize;
    let mut total = 0u64;
    for _ in 0..entries {
        if !bytes
            .get(at..)
            .is_some_and(|b| b.starts_with(b"PK\x01\x02"))
        {
            return Err(truncated());
        }
        let size = u32_at(at + 24).ok_or_else(truncated)?;
        if size == u64::from(u32::MAX) {
            return Err(ReadError::UnpacksTooLarge { limit });
        }
        total += size;
        if total > limit {
            return Err(ReadError::UnpacksTooLarge { limit });
        }
        let name = u16_at(at + 28).ok_or_else(truncated)?;
        let extra = u16_at(at + 30).ok_or_else(truncated)?;
        let comment = u16_at(at + 32).ok_or_else(truncated)?;
        at += 46 + (name + extra + comment) as usize;
    }
    Ok(())
}

/// Cells with a value, checked against the limits as they come.
struct Cells {
    sheet: String,
    cells: Vec<(u32, u32, CellIn)>,
    any_number: bool,
}

impl Cells {
    fn new(sheet: &str) -> Cells {
        Cells {
            sheet: sheet.to_string(),
            cells: Vec::new(),
            any_number: false,
        }
    }

    fn push(&mut self, row: u32, col: u32, cell: CellIn) -> Result<(), ReadError> {
        if cell == CellIn::Empty {
            return Ok(());
        }
        if row >= LIMITS.rows {
            return Err(ReadError::TooManyRows {
                sheet: self.sheet.clone(),
                limit: LIMITS.rows,
            });
        }
        if self.cells.len() >= LIMITS.cells || col >= 16_384 {
            return Err(ReadError::TooManyCells {
                sheet: self.sheet.clone(),
                limit: LIMITS.cells,
            });
        }
        self.any_number |= matches!(cell, CellIn::Number { .. });
        self.cells.push((row, col, cell));
        Ok(())
    }

    fn push_range(&mut self, range: &calamine::Range<Data>) -> Result<(), ReadError> {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, value) in range.used_cells() {
            self.push(r0 + r as u32, c0 + c as u32, from_data(value))?;
        }
        Ok(())
    }

    fn into_rows(mut self) -> Vec<(usize, Vec<CellIn>)> {
        self.cells.sort_by_key(|(r, c, _)| (*r, *c));
        let mut rows: Vec<(usize, Vec<CellIn>)> = Vec::new();
        for (r, c, cell) in self.cells {
            let number = r as usize + 1;
            if rows.last().is_none_or(|(n, _)| *n != number) {
                rows.push((number, Vec::new()));
            }
            let cells = &mut rows.last_mut().expect("pushed above").1;
            cells.resize(c as usize, CellIn::Empty);
            cells.push(cell);
        }
        rows
    }
}

fn from_ref(v: &DataRef<'_>) -> CellIn {
    match v {
        DataRef::Int(i) => number(*i as f64),
        DataRef::Float(f) => number(*f),
        DataRef::String(s) => CellIn::Text(s.clone()),
        DataRef::SharedString(s) => CellIn::Text(s.to_string()),
        DataRef::Bool(b) => CellIn::Bool(*b),
        DataRef::DateTime(d) if d.is_datetime() => CellIn::Date(d.as_f64()),
        DataRef::DateTime(d) => number(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => CellIn::Text(s.clone()),
        DataRef::Error(e) => CellIn::Error(e.to_string()),
        DataRef::Empty => CellIn::Empty,
    }
}

fn from_data(v: &Data) -> CellIn {
    match v {
        Data::Int(i) => number(*i as f64),
        Data::Float(f) => number(*f),
        Data::String(s) => CellIn::Text(s.clone()),
        Data::Bool(b) => CellIn::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => CellIn::Date(d.as_f64()),
        Data::DateTime(d) => number(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => CellIn::Text(s.clone()),
        Data::Error(e) => CellIn::Error(e.to_string()),
        Data::Empty => CellIn::Empty,
    }
}

fn number(value: f64) -> CellIn {
    CellIn::Number {
        value,
        percent: false,
    }
}

/// Formula cells without a stored value read empty; they are counted so the preview
/// can say so (their cached value, when there is one, is what was read).
fn uncalculated_formulas(x: &mut Xlsx<Cursor<&[u8]>>, name: &str, cells: &Cells) -> usize {
    let Ok(formulas) = x.worksheet_formula(name) else {
        return 0;
    };
    let (r0, c0) = formulas.start().unwrap_or((0, 0));
    formulas
        .used_cells()
        .filter(|(r, c, f)| {
            let at = (r0 + *r as u32, c0 + *c as u32);
            !f.is_empty() && !cells.cells.iter().any(|(cr, cc, _)| (*cr, *cc) == at)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::super::writer::{write_workbook, BookInfo, ColumnOut, SheetOut};
    use super::*;
    use crate::domain::values::money::Currency;

    fn book(sheets: &[SheetOut]) -> Vec<u8> {
        write_workbook(
            sheets,
            BookInfo {
                currency: Currency::CNY,
                created: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
                computed_note: "计算得出",
            },
        )
        .unwrap()
    }

    fn sheet(name: &str, columns: &[(&str, CellKind)], rows: &[&[&str]]) -> SheetOut {
        SheetOut {
            name: name.into(),
            columns: columns
                .iter()
                .map(|(h, k)| ColumnOut {
                    header: h.to_string(),
                    kind: *k,
                })
                .collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
        }
    }

    /// What a sheet reads back as, per row, in the columns' kinds.
    fn texts(s: &SheetIn, kinds: &[CellKind]) -> Vec<Vec<String>> {
        s.rows
            .iter()
            .map(|(_, cells)| {
                kinds
                    .iter()
                    .enumerate()
                    .map(|(c, k)| cells.get(c).map_or(String::new(), |x| cell_text(x, *k)))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_kind_reads_back_as_the_text_it_was_written_from() {
        use CellKind::*;
        let columns = [
            ("名称", Text),
            ("金额", Money),
            ("转化率", Percent),
            ("人数", Integer),
            ("日期", Date),
            ("计算", Computed),
        ];
        let rows: &[&[&str]] = &[
            &[
                "门店",
                "1234567.89",
                "25",
                "3000",
                "2026-03-01",
                "¥1,234.50",
            ],
            &["=SUM(A1)", "-0.01", "12.34", "0", "2000-02-29", "12.5%"],
            &["+86 138", "12.3.4", "abc", "3千", "下周", "—"],
            &["@x", "0.00", "0", "9007199254740", "1900-03-01", "7"],
        ];
        let bytes = book(&[sheet("表", &columns, rows)]);
        assert_eq!(sheet_names(&bytes).unwrap(), ["表"]);
        let s = read_sheet(&bytes, 0).unwrap();
        let kinds: Vec<CellKind> = columns.iter().map(|c| c.1).collect();
        let got = texts(&s, &kinds);
        assert_eq!(got[0], ["名称", "金额", "转化率", "人数", "日期", "计算"]);
        for (r, row) in rows.iter().enumerate() {
            for c in 0..5 {
                assert_eq!(got[r + 1][c], row[c], "row {r} col {c}");
            }
        }
        // Computed figures come back as numbers in their formats.
        assert_eq!(got[1][5], "1234.5");
        assert_eq!(got[2][5], "12.5%");
        assert_eq!(got[3][5], "—");
        assert_eq!(s.rows[1].0, 2); // sheet row numbers count the header
                                    // Formula-looking text was written as text and reads back as text.
        assert_eq!(s.rows[2].1[0], CellIn::Text("=SUM(A1)".into()));
    }

    #[test]
    fn dates_read_from_serials_and_from_text() {
        use CellKind::Date;
        assert_eq!(cell_text(&CellIn::Date(46082.0), Date), "2026-03-01");
        assert_eq!(cell_text(&CellIn::Date(46082.75), Date), "2026-03-01");
        assert_eq!(cell_text(&number(46082.0), Date), "2026-03-01");
        assert_eq!(cell_text(&number(61.0), Date), "1900-03-01");
        assert_eq!(
            cell_text(&CellIn::Text("2026/3/1".into()), Date),
            "2026/3/1"
        );
        assert_eq!(
            cell_text(&CellIn::Text("2026-03-01T00:00:00".into()), Date),
            "2026-03-01"
        );
        assert_eq!(cell_text(&number(-3.0), Date), "-3");
    }

    #[test]
    fn figures_a_column_cannot_hold_are_given_in_full() {
        assert_eq!(cell_text(&number(1.005), CellKind::Money), "1.005");
        assert_eq!(cell_text(&number(3.5), CellKind::Money), "3.50");
        assert_eq!(cell_text(&number(2.5), CellKind::Integer), "2.5");
        let pct = CellIn::Number {
            value: 0.123456,
            percent: true,
        };
        assert_eq!(cell_text(&pct, CellKind::Percent), "12.3456");
        // A plain number in a rate column is in percent, as the CSV writes it.
        assert_eq!(cell_text(&number(25.0), CellKind::Percent), "25");
        assert!(is_percent_format("0.00%") && !is_percent_format("\"%\"0"));
    }

    #[test]
    fn bad_files_give_clear_errors() {
        assert_eq!(sheet_names(b"not a workbook"), Err(ReadError::NotAWorkbook));
        assert_eq!(sheet_names(b""), Err(ReadError::NotAWorkbook));
        let bytes = book(&[sheet("a", &[("x", CellKind::Text)], &[&["1"]])]);
        for cut in [10, bytes.len() / 2, bytes.len() - 10] {
            assert!(
                matches!(sheet_names(&bytes[..cut]), Err(ReadError::Damaged(_))),
                "cut at {cut}"
            );
        }
        assert_eq!(read_sheet(&bytes, 3), Err(ReadError::NoSheet));
        let big = vec![0u8; LIMITS.file_bytes + 1];
        assert!(matches!(
            sheet_names(&big),
            Err(ReadError::FileTooLarge { .. })
        ));
    }
}
