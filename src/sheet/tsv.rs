//! Tab-separated text as Excel, WPS and Google Sheets put it on the clipboard: rows end
//! in CRLF or LF, and a cell holding a tab, a newline or a quote is quoted with `"`
//! (a quote inside doubled).

/// Splits clipboard text into rows of cells. A final line break does not add a row.
/// Each cell is one copy of its slice of the text (a block of 10,000 rows is 130,000
/// cells).
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut at = 0;
    loop {
        let (cell, end) = cell_at(text, at);
        match bytes.get(end) {
            None => {
                if !cell.is_empty() || !row.is_empty() {
                    row.push(cell);
                    rows.push(row);
                }
                return rows;
            }
            Some(b'\t') => {
                row.push(cell);
                at = end + 1;
            }
            Some(&b) => {
                row.push(cell);
                rows.push(std::mem::take(&mut row));
                let crlf = b == b'\r' && bytes.get(end + 1) == Some(&b'\n');
                at = end + if crlf { 2 } else { 1 };
            }
        }
    }
}

/// The cell starting at byte `at`, and where it ends: at the tab or line break after it,
/// or at the end of the text. A quoted cell runs to its closing quote ("" is a literal
/// quote); what follows that quote up to the next tab or line break is kept as it is.
fn cell_at(text: &str, at: usize) -> (String, usize) {
    let bytes = text.as_bytes();
    // Tabs and line breaks are ASCII, so never inside a character's UTF-8 bytes.
    let delimiter = |from: usize| {
        bytes[from..]
            .iter()
            .position(|b| matches!(b, b'\t' | b'\n' | b'\r'))
            .map_or(bytes.len(), |i| from + i)
    };
    if bytes.get(at) != Some(&b'"') {
        let end = delimiter(at);
        return (text[at..end].to_string(), end);
    }
    let mut cell = String::new();
    let mut i = at + 1;
    loop {
        let Some(quote) = text[i..].find('"') else {
            // Not really quoted (a lone leading quote): keep the text as it was.
            cell.insert(0, '"');
            cell.push_str(&text[i..]);
            return (cell, bytes.len());
        };
        cell.push_str(&text[i..i + quote]);
        i += quote + 1;
        if bytes.get(i) == Some(&b'"') {
            cell.push('"');
            i += 1;
        } else {
            break;
        }
    }
    let end = delimiter(i);
    cell.push_str(&text[i..end]);
    (cell, end)
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
        // What follows a closing quote stays in the cell; an unclosed cell still reads a
        // doubled quote as one; a lone CR ends a row as LF does.
        assert_eq!(parse_tsv("\"a\"b\tc"), rows(&[&["ab", "c"]]));
        assert_eq!(parse_tsv("\"x\"\"y\tz"), rows(&[&["\"x\"y\tz"]]));
        assert_eq!(parse_tsv("a\rb\r"), rows(&[&["a"], &["b"]]));
        assert_eq!(parse_tsv("一\t二\r\n三"), rows(&[&["一", "二"], &["三"]]));
    }

    #[test]
    fn round_trip() {
        let block = rows(&[&["a\tb", "say \"hi\""], &["x\ny", ""], &["关注即送", "30%"]]);
        assert_eq!(parse_tsv(&to_tsv(&block)), block);
    }
}
