//! CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel on Windows reads Chinese
//! text), CRLF line ends, RFC 4180 quoting, and formula injection neutralised.

/// The byte-order mark Excel needs to read a CSV file as UTF-8.
const BOM: char = '\u{feff}';

/// One cell. A cell starting with `=`, `+`, `-`, `@`, tab or CR would be run as a
/// formula by Excel / WPS (OWASP "CSV injection"): it gets a leading `'`, which the
/// spreadsheet shows as text. A cell with a comma, quote or line break is quoted, quotes
/// doubled.
pub fn cell(text: &str) -> String {
    let neutral = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// A whole file: the BOM, then each row's cells joined by commas, each row ending CRLF.
pub fn document<R: AsRef<[String]>>(rows: &[R]) -> String {
    let mut out = String::from(BOM);
    for row in rows {
        let cells: Vec<String> = row.as_ref().iter().map(|c| cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+86 138"), "'+86 138");
        assert_eq!(cell("-5"), "'-5");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "\"'\rx\"");
        // Only at the start: a formula sign inside a cell is plain text.
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell("30%"), "30%");
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(
            cell("简化扫码步骤,增加“关注即送小礼品”"),
            "\"简化扫码步骤,增加“关注即送小礼品”\""
        );
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell(""), "");
        assert_eq!(cell("门店扫码关注"), "门店扫码关注");
    }

    #[test]
    fn a_document_has_a_bom_and_crlf_lines() {
        let rows = vec![
            vec!["环节".to_string(), "人数".to_string()],
            vec!["a,b".to_string(), "=1+1".to_string()],
        ];
        let text = document(&rows);
        assert_eq!(text, "\u{feff}环节,人数\r\n\"a,b\",'=1+1\r\n");
        assert!(text.as_bytes().starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(document::<Vec<String>>(&[]), "\u{feff}");
    }
}
