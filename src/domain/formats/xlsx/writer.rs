//! A workbook from tables: each sheet is a table's header and the texts its CSV export
//! writes (plain "1234.50" amounts, "25" percents, ISO dates). Every text that reads as
//! its column's type becomes a typed cell; anything else stays the text as typed, a
//! string cell, so a bad entry is neither lost nor turned into a formula.

use super::{display_width, excel_epoch, CellKind};
use crate::domain::values::entry::{
    hundredths_text, normalize_number, parse_hundredths, parse_iso_date, CellValue,
};
use crate::domain::values::money::{Currency, Fen};
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, Note, Workbook, Worksheet};

/// One column of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnOut {
    pub header: String,
    pub kind: CellKind,
}

/// One table as a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetOut {
    /// The table's caption; made a valid, unique sheet name when written.
    pub name: String,
    pub columns: Vec<ColumnOut>,
    /// Per row, per column, the text the table exports.
    pub rows: Vec<Vec<String>>,
}

/// What a workbook needs besides its sheets.
#[derive(Debug, Clone, Copy)]
pub struct BookInfo<'a> {
    pub currency: Currency,
    /// Written as the document's creation date (given, so the core reads no clock).
    pub created: chrono::NaiveDate,
    /// The note on a computed column's header ("计算得出，导入时不读取").
    pub computed_note: &'a str,
}

/// Widths are in characters; a column never shrinks below a short header nor grows
/// past a readable line.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;
/// Excel's sheet-name length limit.
const SHEET_NAME_MAX: usize = 31;

/// The number format of amounts in `currency`.
pub fn money_format(currency: Currency) -> String {
    match currency {
        Currency::CNY => "¥#,##0.00".to_string(),
        other => format!("\"{}\"#,##0.00", other.symbol()),
    }
}
pub const PERCENT_FORMAT: &str = "0.00%";
pub const DATE_FORMAT: &str = "yyyy-mm-dd";
pub const INTEGER_FORMAT: &str = "#,##0";

/// A cell as it is written.
#[derive(Debug, Clone, PartialEq)]
pub enum CellOut {
    Empty,
    /// Verbatim text (a string cell: never a formula).
    Text(String),
    Money(Fen),
    Integer(i64),
    /// Hundredths of a percent: 2500 = 25%.
    Percent(i64),
    /// Days after Excel's day zero.
    Date(i64),
    /// A computed figure that is a plain number, in hundredths.
    Number(i64),
}

/// Integers Excel holds exactly (2^53).
const EXACT: i64 = 1 << 53;

/// How `text` of a `kind` column is written.
pub fn typed_cell(text: &str, kind: CellKind) -> CellOut {
    if text.is_empty() {
        return CellOut::Empty;
    }
    let typed = match kind {
        CellKind::Text => None,
        CellKind::Integer => plain_integer(text).map(CellOut::Integer),
        // Only the plain shapes the table exports ("1234.50", "25"): any other text is
        // an entry as typed, kept as it is.
        CellKind::Money => Fen::parse_export(text)
            .ok()
            .filter(|f| f.0.abs() < EXACT && plain_hundredths(f.0, text))
            .map(CellOut::Money),
        CellKind::Percent => parse_hundredths(text)
            .ok()
            .filter(|&h| plain_hundredths(h, text))
            .map(CellOut::Percent),
        CellKind::Date => parse_iso_date(text)
            .filter(|_| text.trim() == text)
            .map(|d| CellOut::Date((d - excel_epoch()).num_days()))
            // Before 1900-03-01 Excel's serials are off by its phantom 29 February.
            .filter(|c| matches!(c, CellOut::Date(days) if *days >= 61)),
        CellKind::Computed => computed(text),
    };
    typed.unwrap_or_else(|| CellOut::Text(text.to_string()))
}

/// A computed figure as the table shows it: "¥1,234.50", "12.5%", "1,234", "3.5"; "—"
/// and anything else stay text.
fn computed(text: &str) -> Option<CellOut> {
    let n = normalize_number(text);
    if let Some(p) = n.strip_suffix('%') {
        return parse_hundredths(p).ok().map(CellOut::Percent);
    }
    let unsigned = n.trim_start_matches(['-', '+']);
    if ["HK$", "¥", "$"].iter().any(|s| unsigned.starts_with(s)) {
        return Fen::parse(&n).ok().map(CellOut::Money);
    }
    if let Some(i) = plain_integer(&n) {
        return Some(CellOut::Integer(i));
    }
    parse_hundredths(&n).ok().map(CellOut::Number)
}

/// Whether `text` is how hundredths `h` are written plainly ("1234.50" or "1234.5").
fn plain_hundredths(h: i64, text: &str) -> bool {
    hundredths_text(h, true) == text || hundredths_text(h, false) == text
}

/// `-?\d+` that Excel holds exactly.
fn plain_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The workbook's bytes. Fails only if the writer library does (it reports its own
/// limits, e.g. a text longer than a cell holds).
pub fn write_workbook(sheets: &[SheetOut], info: BookInfo) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(chrono::Datelike::year(&info.created)).unwrap_or(2000),
        chrono::Datelike::month(&info.created) as u8,
        chrono::Datelike::day(&info.created) as u8,
    )
    .map_err(|e| e.to_string())?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let styles = Styles::new(info.currency);
    let names = sheet_names(sheets);
    for (sheet, name) in sheets.iter().zip(names) {
        let ws = book.add_worksheet();
        ws.set_name(name).map_err(|e| e.to_string())?;
        write_sheet(ws, sheet, &styles, info.computed_note).map_err(|e| e.to_string())?;
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}

struct Styles {
    header: Format,
    computed_header: Format,
    money: Format,
    percent: Format,
    date: Format,
    integer: Format,
    number: Format,
    text: Format,
}

impl Styles {
    fn new(currency: Currency) -> Styles {
        Styles {
            header: Format::new().set_bold(),
            computed_header: Format::new()
                .set_bold()
                .set_italic()
                .set_font_color(Color::RGB(0x595959)),
            money: Format::new().set_num_format(money_format(currency)),
            percent: Format::new().set_num_format(PERCENT_FORMAT),
            date: Format::new().set_num_format(DATE_FORMAT),
            integer: Format::new().set_num_format(INTEGER_FORMAT),
            number: Format::new().set_num_format("#,##0.##"),
            text: Format::new(),
        }
    }

    /// Computed cells are italic and grey, as the table shows them.
    fn computed(format: &Format) -> Format {
        format
            .clone()
            .set_italic()
            .set_font_color(Color::RGB(0x595959))
    }
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &SheetOut,
    styles: &Styles,
    computed_note: &str,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (c, column) in sheet.columns.iter().enumerate() {
        let col = c as u16;
        let computed = column.kind == CellKind::Computed;
        let header_style = if computed {
            &styles.computed_header
        } else {
            &styles.header
        };
        ws.write_string_with_format(0, col, &column.header, header_style)?;
        if computed && !computed_note.is_empty() {
            ws.insert_note(0, col, &Note::new(computed_note).add_author_prefix(false))?;
        }
        let mut width = display_width(&column.header);
        for (r, row) in sheet.rows.iter().enumerate() {
            let text = row.get(c).map(String::as_str).unwrap_or("");
            let row_no = r as u32 + 1;
            let (value, base) = match typed_cell(text, column.kind) {
                CellOut::Empty => continue,
                CellOut::Text(t) => {
                    width = width.max(display_width(&t));
                    let format = if computed {
                        Styles::computed(&styles.text)
                    } else {
                        styles.text.clone()
                    };
                    ws.write_string_with_format(row_no, col, &t, &format)?;
                    continue;
                }
                CellOut::Money(f) => (f.0 as f64 / 100.0, &styles.money),
                CellOut::Integer(i) => (i as f64, &styles.integer),
                CellOut::Percent(h) => (h as f64 / 10_000.0, &styles.percent),
                CellOut::Date(d) => (d as f64, &styles.date),
                CellOut::Number(h) => (h as f64 / 100.0, &styles.number),
            };
            // The shown figure's width, plus room for a symbol and separators.
            width = width.max(display_width(text) + 4);
            if computed {
                ws.write_number_with_format(row_no, col, value, &Styles::computed(base))?;
            } else {
                ws.write_number_with_format(row_no, col, value, base)?;
            }
        }
        ws.set_column_width(col, (width + 2).clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A sheet name as Excel accepts it: no `[]:*?/\\`, at most 31 characters, not starting
/// or ending with an apostrophe, not empty.
pub fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    clean
        .trim()
        .trim_matches('\'')
        .chars()
        .take(SHEET_NAME_MAX)
        .collect()
}

/// Each sheet's [`sheet_name`], made unique ignoring case (" (2)") and never empty.
pub fn sheet_names(sheets: &[SheetOut]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let clean = sheet_name(&s.name);
            let base = if clean.is_empty() {
                format!("Sheet{}", i + 1)
            } else {
                clean
            };
            let mut name = base.clone();
            let mut n = 2;
            while taken
                .iter()
                .any(|t| t.to_lowercase() == name.to_lowercase())
            {
                let suffix = format!(" ({n})");
                name = base
                    .chars()
                    .take(SHEET_NAME_MAX - suffix.chars().count())
                    .collect::<String>()
                    + &suffix;
                n += 1;
            }
            taken.push(name.clone());
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_become_typed_cells_or_stay_verbatim() {
        use CellKind::*;
        assert_eq!(
            typed_cell("1234567.89", Money),
            CellOut::Money(Fen(123_456_789))
        );
        assert_eq!(typed_cell("-10.5", Money), CellOut::Money(Fen(-1050)));
        assert_eq!(typed_cell("12.3.4", Money), CellOut::Text("12.3.4".into()));
        assert_eq!(typed_cell("25", Percent), CellOut::Percent(2500));
        assert_eq!(typed_cell("12.34", Percent), CellOut::Percent(1234));
        assert_eq!(typed_cell("3000", Integer), CellOut::Integer(3000));
        assert_eq!(typed_cell("3千", Integer), CellOut::Text("3千".into()));
        assert_eq!(typed_cell("2026-03-01", Date), CellOut::Date(46082));
        assert_eq!(typed_cell("下周", Date), CellOut::Text("下周".into()));
        assert_eq!(typed_cell("", Money), CellOut::Empty);
        assert_eq!(
            typed_cell("¥1,234.50", Computed),
            CellOut::Money(Fen(123_450))
        );
        assert_eq!(typed_cell("12.5%", Computed), CellOut::Percent(1250));
        assert_eq!(typed_cell("1,234", Computed), CellOut::Integer(1234));
        assert_eq!(typed_cell("—", Computed), CellOut::Text("—".into()));
        // Formula-looking text is text.
        for t in ["=1+1", "+86 138", "-", "@SUM(A1)"] {
            assert_eq!(typed_cell(t, Text), CellOut::Text(t.into()));
            assert_eq!(typed_cell(t, Money), CellOut::Text(t.into()));
        }
    }

    #[test]
    fn money_round_trips_through_f64_exactly() {
        for fen in [0i64, 1, 99, 123_456_789, -123_456_789, 99_999_999_999_999] {
            let yuan = fen as f64 / 100.0;
            assert_eq!((yuan * 100.0).round() as i64, fen);
        }
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let sheet = |name: &str| SheetOut {
            name: name.into(),
            columns: vec![],
            rows: vec![],
        };
        let names = sheet_names(&[
            sheet("预算 / 成本"),
            sheet("A very long caption that Excel would refuse"),
            sheet("A very long caption that Excel would refuse too"),
            sheet(""),
            sheet("预算 _ 成本"),
        ]);
        assert_eq!(names[0], "预算 _ 成本");
        assert_eq!(names[1].chars().count(), 31);
        assert!(names[2].ends_with(" (2)") && names[2].chars().count() == 31);
        assert_eq!(names[3], "Sheet4");
        assert_eq!(names[4], "预算 _ 成本 (2)");
    }
}
