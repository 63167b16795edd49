//! CSV as spreadsheets read and write it (RFC 4180): quoted fields with doubled quotes,
//! line breaks inside quotes, CRLF or LF, a byte-order mark, the delimiter guessed from
//! the header line (comma, tab, semicolon; Chinese Excel exports sometimes use the
//! full-width comma), the text encoding guessed from the bytes. Writing is for Excel and
//! WPS: UTF-8 with a BOM, CRLF, and no cell that a spreadsheet would run as a formula.
//!
//! Reading is [`reader::CsvReader`], on `csv-core`: whole texts ([`parse`]) and files
//! read a bounded number of records at a time (the importers) go through it.

pub mod reader;

pub use reader::{Cells, CsvReader, Fields, QuoteProblem, RecordInfo};
use std::borrow::Cow;

/// What a spreadsheet may treat as the start of a formula (OWASP, CSV injection).
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` would start a formula, or is one of ours neutralised already (quotes
/// then a trigger): both get one more quote, so that [`restore`] is exact.
fn needs_quote_prefix(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_TRIGGERS)
}

/// OWASP's defence: a cell that starts with = + - @ tab or CR is written with a leading
/// single quote, which spreadsheets show as text and never evaluate.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if needs_quote_prefix(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`neutralize`], for reading our own files back unchanged.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote_prefix(rest) => rest,
        _ => cell,
    }
}

/// A CSV file for Excel and WPS: BOM, CRLF, fields quoted when they hold a comma, quote
/// or line break, every cell neutralised.
pub fn write_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .map(|cell| {
                let cell = neutralize(cell);
                // Every delimiter a reader may guess is quoted, so the guess stays ','.
                if cell.contains([',', '"', '\n', '\r', '\t', ';', '，']) {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell.into_owned()
                }
            })
            .collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The text encodings an imported file may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Chinese Excel's "CSV" without a BOM: GBK, read as its superset GB18030.
    Gb18030,
}

impl TextEncoding {
    /// The WHATWG label (the browser's TextDecoder decodes what is not UTF-8).
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Gb18030 => "gb18030",
        }
    }
}

/// A byte-order mark decides; otherwise bytes that are valid UTF-8 are UTF-8 (GBK text
/// of any length is almost never valid UTF-8), and anything else is taken as GB18030.
pub fn detect_encoding(bytes: &[u8]) -> TextEncoding {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => TextEncoding::Utf8,
        [0xFF, 0xFE, ..] => TextEncoding::Utf16Le,
        [0xFE, 0xFF, ..] => TextEncoding::Utf16Be,
        _ if std::str::from_utf8(bytes).is_ok() => TextEncoding::Utf8,
        _ => TextEncoding::Gb18030,
    }
}

/// One record and the line it starts on (1-based, counting the header), so that a
/// message can point at the line the user sees in their editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// The delimiters [`detect_delimiter`] recognises (the last is the full-width comma).
const DELIMITERS: [char; 4] = [',', '\t', ';', '，'];

/// The delimiter that splits the first record into the most fields; a tie goes to the
/// earlier of [`DELIMITERS`]. Characters inside quotes are cell text, not delimiters.
pub fn detect_delimiter(text: &str) -> char {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            c if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|d| *d == c) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let (best, n) = counts
        .iter()
        .enumerate()
        .fold((0, 0), |acc, (i, &n)| if n > acc.1 { (i, n) } else { acc });
    if n == 0 {
        ','
    } else {
        DELIMITERS[best]
    }
}

/// Every record of `text`, blank lines skipped. An unterminated quote runs to the end of
/// the text (the record is kept, so a caller can report it rather than lose it).
pub fn parse(text: &str, delimiter: char) -> Vec<Record> {
    let mut reader = CsvReader::from_text(text, delimiter);
    let mut records = Vec::new();
    while let Some(info) = reader.next_record() {
        if let Some(fields) = reader.fields().filter(|f| !f.is_blank()) {
            records.push(Record {
                line: info.line,
                fields: fields.to_vec(),
            });
        }
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_breaks_and_delimiters() {
        let text = "\u{feff}客户,金额\r\n\"王,小明\",\"12\"\"3\"\r\n\r\n\"多行\n备注\",5\nlast,7";
        let r = parse(text, detect_delimiter(text));
        assert_eq!(r.len(), 4);
        assert_eq!(r[0].fields, ["客户", "金额"]);
        assert_eq!(r[1].fields, ["王,小明", "12\"3"]);
        assert_eq!((r[2].line, r[2].fields[0].as_str()), (4, "多行\n备注"));
        assert_eq!((r[3].line, r[3].fields[1].as_str()), (6, "7"));
        assert_eq!(detect_delimiter("a\tb\tc"), '\t');
        assert_eq!(detect_delimiter("a;b"), ';');
        assert_eq!(detect_delimiter("单列"), ',');
        assert_eq!(
            parse("a,\"open", ','),
            [Record {
                line: 1,
                fields: vec!["a".into(), "open".into()]
            }]
        );
    }

    #[test]
    fn formula_cells_are_neutralised_and_read_back_exactly() {
        for cell in [
            "=1+1", "+86 138", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''-1",
        ] {
            let written = neutralize(cell);
            assert!(written.starts_with('\''), "{cell:?}");
            assert_eq!(restore(&written), cell);
        }
        for cell in ["普通", "1.5", "'quoted", "", "a=b"] {
            assert_eq!(neutralize(cell), cell);
            assert_eq!(restore(cell), cell);
        }
    }

    #[test]
    fn written_files_open_in_excel_and_read_back() {
        let rows = vec![
            vec!["名称".to_string(), "备注".to_string()],
            vec!["=HYPERLINK(\"x\")".to_string(), "a,b\n第二行".to_string()],
            vec!["-10".to_string(), "".to_string()],
        ];
        let text = write_csv(&rows);
        assert!(text.starts_with('\u{feff}') && text.ends_with("\r\n"));
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""));
        let back: Vec<Vec<String>> = parse(&text, detect_delimiter(&text))
            .into_iter()
            .map(|r| r.fields.iter().map(|f| restore(f).to_string()).collect())
            .collect();
        assert_eq!(back, rows);
    }

    /// Regression: the full-width comma was listed as an ASCII one (never detected), and a
    /// tab or comma inside a quoted header cell was counted as a delimiter.
    #[test]
    fn delimiter_guess_ignores_quoted_text() {
        assert_eq!(detect_delimiter("客户，金额，备注\n张三，5，无"), '，');
        assert_eq!(detect_delimiter("\"a\tb\tc\",x"), ',');
        assert_eq!(detect_delimiter("\"a,b,c\";x"), ';');
        assert_eq!(detect_delimiter("\"多行\n表头\"\tb"), '\t');
        let rows = vec![vec![String::new(), "\t\t".to_string()]];
        let text = write_csv(&rows);
        let back: Vec<Vec<String>> = parse(&text, detect_delimiter(&text))
            .into_iter()
            .map(|r| r.fields.iter().map(|f| restore(f).to_string()).collect())
            .collect();
        assert_eq!(back, rows);
    }

    #[test]
    fn encodings_by_bom_and_validity() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFa"), TextEncoding::Utf8);
        assert_eq!(detect_encoding("门店".as_bytes()), TextEncoding::Utf8);
        assert_eq!(detect_encoding(b"\xFF\xFEa\0"), TextEncoding::Utf16Le);
        assert_eq!(detect_encoding(b"\xFE\xFF\0a"), TextEncoding::Utf16Be);
        // "门店" in GBK.
        assert_eq!(detect_encoding(b"\xC3\xC5\xB5\xEA"), TextEncoding::Gb18030);
        assert_eq!(detect_encoding(b"plain ascii"), TextEncoding::Utf8);
    }
}

/// Natively only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod reads_as_char_by_char {
    use super::*;
    use proptest::prelude::*;

    /// The reader as first written, a character at a time: the reference the csv-core
    /// reader must match record for record.
    fn parse_char_by_char(text: &str, delimiter: char) -> Vec<Record> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut records = Vec::new();
        let mut fields: Vec<String> = Vec::new();
        let mut field = String::new();
        let (mut line, mut start_line) = (1, 1);
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        let mut end_record = |fields: &mut Vec<String>, field: &mut String, start: usize| {
            fields.push(std::mem::take(field));
            let record = std::mem::take(fields);
            if !(record.len() == 1 && record[0].trim().is_empty()) {
                records.push(Record {
                    line: start,
                    fields: record,
                });
            }
        };
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => {
                    // A lone CR inside quotes ends a line too (as outside quotes, and as
                    // an editor shows it); the hand-written reader before csv-core
                    // counted only LF there.
                    if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                        line += 1;
                    }
                    field.push(c);
                }
                (false, '"') if field.is_empty() => quoted = true,
                (false, '\r') if chars.peek() == Some(&'\n') => {}
                (false, '\n') | (false, '\r') => {
                    end_record(&mut fields, &mut field, start_line);
                    line += 1;
                    start_line = line;
                }
                (false, c) if c == delimiter => fields.push(std::mem::take(&mut field)),
                (false, c) => field.push(c),
            }
        }
        if !field.is_empty() || !fields.is_empty() {
            end_record(&mut fields, &mut field, start_line);
        }
        records
    }

    proptest! {
        /// On text made of the characters that matter (quotes, every delimiter, CR, LF,
        /// a multi-byte character), the fast reader gives the reference's records and lines.
        #[test]
        fn runs_read_as_char_by_char(text in "\u{feff}?[a\"\r\n,;\t，门\u{feff}]{0,40}") {
            for d in DELIMITERS {
                prop_assert_eq!(parse(&text, d), parse_char_by_char(&text, d));
            }
        }
    }
}
