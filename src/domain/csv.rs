//! Reading CSV text as spreadsheets write it (RFC 4180): quoted fields with doubled
//! quotes, line breaks inside quotes, CRLF or LF, a UTF-8 byte-order mark, and the
//! delimiter guessed from the header line (comma, tab, semicolon; Chinese Excel exports
//! sometimes use the full-width comma).

/// One record and the line it starts on (1-based, counting the header), so that a
/// message can point at the line the user sees in their editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// The delimiter that splits the first line into the most fields.
pub fn detect_delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    [',', '\t', ';', ',']
        .into_iter()
        .max_by_key(|d| first.matches(*d).count())
        .filter(|d| first.contains(*d))
        .unwrap_or(',')
}

/// Every record of `text`, blank lines skipped. An unterminated quote runs to the end of
/// the text (the record is kept, so a caller can report it rather than lose it).
pub fn parse(text: &str, delimiter: char) -> Vec<Record> {
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
                if c == '\n' {
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
}
