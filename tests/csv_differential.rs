//! The product's CSV reader (domain/formats/csv, on `csv-core`) against the `csv` crate's
//! reader on generated files: the same records with the same cells, whole or read a few
//! records at a time, and each record on the physical line where it starts.
//!
//! Deliberate differences, kept out of the comparison:
//! - a record of one cell that is empty or all white space (a blank line, a `""` line) is
//!   skipped by the product (nothing to import), and kept by the `csv` crate;
//! - line numbers: the `csv` crate counts LF only; the product counts CRLF, LF and a lone
//!   CR once each, as an editor does, so lines are checked against the generator here.
#![cfg(not(target_arch = "wasm32"))]

use omo_planner::domain::formats::csv::{parse, CsvReader};
use proptest::prelude::*;

/// Cell text: letters, CJK, an accent, spaces, quotes, every delimiter, CR and LF.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-c0-9门店é ]{1,6}",
        "[a\"门,;\t\r\n ]{0,8}",
    ]
}

/// One generated file: its text, the delimiter, and the rows it holds with the line
/// each starts on.
#[derive(Debug, Clone)]
struct File {
    text: String,
    delimiter: char,
    rows: Vec<(usize, Vec<String>)>,
}

fn file() -> impl Strategy<Value = File> {
    let row = (
        proptest::collection::vec((cell(), any::<bool>()), 1..5),
        0usize..3,
    );
    (
        proptest::collection::vec(row, 0..8),
        0usize..3,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(rows, d, bom, last_end)| {
            let delimiter = [',', '\t', ';'][d];
            let mut text = String::from(if bom { "\u{feff}" } else { "" });
            let mut out = Vec::new();
            let count = rows.len();
            for (i, (cells, end)) in rows.into_iter().enumerate() {
                let line = 1 + line_breaks(&text);
                let written: Vec<String> = cells
                    .iter()
                    .map(|(c, force)| {
                        let special = c.contains(['"', delimiter, '\r', '\n'])
                            || c.is_empty() && cells.len() == 1;
                        if *force || special {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            c.clone()
                        }
                    })
                    .collect();
                text.push_str(&written.join(&delimiter.to_string()));
                if i + 1 < count || last_end {
                    text.push_str(["\n", "\r\n", "\r"][end]);
                }
                out.push((line, cells.into_iter().map(|(c, _)| c).collect()));
            }
            File {
                text,
                delimiter,
                rows: out,
            }
        })
}

/// Line ends as the product counts them: CRLF, LF and a lone CR once each.
fn line_breaks(text: &str) -> usize {
    text.replace("\r\n", "\n").matches(['\r', '\n']).count()
}

fn blank(cells: &[String]) -> bool {
    cells.len() == 1 && cells[0].trim().is_empty()
}

/// The `csv` crate's records, blank ones dropped (see the module docs).
fn reference(text: &str, delimiter: char) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter as u8)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid UTF-8").iter().map(str::to_string).collect())
        .filter(|cells: &Vec<String>| !blank(cells))
        .collect()
}

fn chunked(text: &str, delimiter: char, chunk: usize) -> Vec<(usize, Vec<String>)> {
    let mut reader = CsvReader::from_text(text, delimiter);
    let mut out = Vec::new();
    while !reader.finished() {
        out.extend(
            reader
                .next_chunk(chunk)
                .into_iter()
                .map(|r| (r.line, r.fields)),
        );
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Well-formed files (quoting as spreadsheets write it, CR / LF / CRLF, ragged rows,
    /// empty cells, line breaks and delimiters in quotes, a BOM): the product reads the
    /// rows written, as the `csv` crate does, on the lines they start on.
    #[test]
    fn same_records_as_the_csv_crate(f in file(), chunk in 1usize..4) {
        let ours: Vec<(usize, Vec<String>)> = parse(&f.text, f.delimiter)
            .into_iter()
            .map(|r| (r.line, r.fields))
            .collect();
        let written: Vec<(usize, Vec<String>)> =
            f.rows.iter().filter(|(_, c)| !blank(c)).cloned().collect();
        prop_assert_eq!(&ours, &written);
        let cells: Vec<Vec<String>> = ours.iter().map(|(_, c)| c.clone()).collect();
        prop_assert_eq!(cells, reference(&f.text, f.delimiter));
        prop_assert_eq!(chunked(&f.text, f.delimiter, chunk), ours);
    }

    /// Any text of the characters that matter, malformed quoting included (a quote inside
    /// an unquoted cell, text after a closing quote, a quote never closed, a lone CR): the
    /// same cells as the `csv` crate.
    #[test]
    fn same_cells_on_malformed_text(text in "\u{feff}?[a\"门,;\t\r\n ]{0,60}", d in 0usize..3) {
        let delimiter = [',', '\t', ';'][d];
        let ours: Vec<Vec<String>> =
            parse(&text, delimiter).into_iter().map(|r| r.fields).collect();
        prop_assert_eq!(ours, reference(&text, delimiter));
    }
}
