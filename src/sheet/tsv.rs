//! Tab-separated text as Excel, WPS and Google Sheets put it on the clipboard: rows end
//! in CRLF or LF, and a cell holding a tab, a newline or a quote is quoted with `"`
//! (a quote inside doubled).

/// Splits clipboard text into rows of cells. A final line break does not add a row.
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // A quoted cell runs to the closing quote; "" is a literal quote.
                at_cell_start = false;
                let mut closed = false;
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                if !closed {
                    // Not really quoted (a lone leading quote): keep the text as it was.
                    cell.insert(0, '"');
                }
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Rows of cells as clipboard text that spreadsheets read back cell for cell.
pub fn to_tsv(rows: &[Vec<String>]) -> String {
    let quote = |cell: &String| {
        if cell.contains(['\t', '\n', '\r', '"']) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.clone()
        }
    };
    rows.iter()
        .map(|row| row.iter().map(quote).collect::<Vec<_>>().join("\t"))
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(v: &[&[&str]]) -> Vec<Vec<String>> {
        v.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn excel_blocks() {
        assert_eq!(
            parse_tsv("a\tb\r\nc\td\r\n"),
            rows(&[&["a", "b"], &["c", "d"]])
        );
        assert_eq!(parse_tsv("a\tb\nc\td"), rows(&[&["a", "b"], &["c", "d"]]));
        assert_eq!(parse_tsv("10000\r\n"), rows(&[&["10000"]]));
        assert_eq!(parse_tsv("a\t\tc\n"), rows(&[&["a", "", "c"]]));
        assert_eq!(parse_tsv("\n\n"), rows(&[&[""], &[""]]));
        assert_eq!(parse_tsv(""), Vec::<Vec<String>>::new());
    }

    #[test]
    fn quoted_cells_keep_tabs_newlines_and_quotes() {
        assert_eq!(
            parse_tsv("\"line1\nline2\"\tx\n"),
            rows(&[&["line1\nline2", "x"]])
        );
        assert_eq!(
            parse_tsv("\"say \"\"hi\"\"\"\t1"),
            rows(&[&["say \"hi\"", "1"]])
        );
        assert_eq!(parse_tsv("\"unclosed\tx"), rows(&[&["\"unclosed\tx"]]));
        assert_eq!(parse_tsv("5\"\t6"), rows(&[&["5\"", "6"]]));
    }

    #[test]
    fn round_trip() {
        let block = rows(&[&["a\tb", "say \"hi\""], &["x\ny", ""], &["关注即送", "30%"]]);
        assert_eq!(parse_tsv(&to_tsv(&block)), block);
    }
}
