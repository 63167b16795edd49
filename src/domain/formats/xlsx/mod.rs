//! Excel workbooks (.xlsx out; .xlsx / .xls / .ods in). Pure: bytes in, bytes out.
//!
//! - writer.rs: sheets described by a table's columns (the texts the CSV export writes)
//!   → a workbook of typed cells: money as numbers in `¥#,##0.00` from the exact fen,
//!   rates in `0.00%`, counts as integers, dates as dates, computed columns marked, any
//!   text that does not read as its column's type kept verbatim as text (never a formula)
//! - reader.rs: a workbook's sheets (calamine) within memory bounds → per cell, the text
//!   the column's own parser reads; clear errors for bad, protected or oversized files
//!
//! Both sides work on [`CellKind`], the spreadsheet-facing type of a table column.

pub mod reader;
pub mod writer;

/// What a table column holds, as a spreadsheet types it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Free text and choices (by their label).
    Text,
    /// Counts: whole numbers.
    Integer,
    /// Amounts in fen, written as yuan.
    Money,
    /// Rates typed in percent ("25" = 25%), written as 0.25 in `0.00%`.
    Percent,
    /// Calendar dates (ISO text in the table).
    Date,
    /// Computed from the row: written as the figure shown, marked as computed; never
    /// imported.
    Computed,
}

/// Excel's day zero for serial dates (the 1900 system, past its leap-year bug).
pub(crate) fn excel_epoch() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid date")
}

/// How wide a text shows in a spreadsheet: CJK and full-width characters count double.
pub fn display_width(text: &str) -> usize {
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| if is_wide(c) { 2 } else { 1 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(display_width("预算 Budget"), 11);
        assert_eq!(display_width("ab\n渠道名称"), 8);
        assert_eq!(display_width(""), 0);
    }
}
