//! A decoded CSV text read a bounded number of records at a time, so a million-row
//! export can be read between turns of the browser's event loop with a progress bar.
//!
//! Each chunk is cut at a record boundary found by a scanner that mirrors
//! [`crate::domain::csv::parse`] exactly (a quote opens a field only at its start, `""`
//! inside quotes is a quote, CRLF is one line end), and then handed to `parse` itself, so
//! the records and their line numbers are the same as parsing the whole text at once.

use crate::domain::csv::{parse, Record};

/// Reads `text` chunk by chunk. See the module docs.
#[derive(Debug)]
pub struct ChunkedCsv {
    text: String,
    delimiter: char,
    /// Byte offset of the next unread record.
    pos: usize,
    /// Physical line (1-based) where the next chunk starts.
    line: usize,
}

impl ChunkedCsv {
    pub fn new(text: String, delimiter: char) -> ChunkedCsv {
        ChunkedCsv {
            text,
            delimiter,
            pos: 0,
            line: 1,
        }
    }

    /// Bytes read so far and in all, for a progress bar.
    pub fn progress(&self) -> (usize, usize) {
        (self.pos, self.text.len())
    }

    pub fn finished(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// Up to `max_records` more records (blank lines count toward the budget but are
    /// skipped, as `parse` skips them). Empty once everything is read.
    pub fn next_chunk(&mut self, max_records: usize) -> Vec<Record> {
        if self.finished() {
            return Vec::new();
        }
        let (end, lines) = self.scan(max_records.max(1));
        let mut records = parse(&self.text[self.pos..end], self.delimiter);
        for r in &mut records {
            r.line += self.line - 1;
        }
        self.pos = end;
        self.line += lines;
        records
    }

    /// Where the `max_records`-th record after `pos` ends, and the line breaks before it.
    fn scan(&self, max_records: usize) -> (usize, usize) {
        let rest = &self.text[self.pos..];
        let mut chars = rest.char_indices().peekable();
        let (mut quoted, mut field_empty) = (false, true);
        let (mut records, mut lines) = (0, 0);
        while let Some((i, c)) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek().map(|p| p.1) == Some('"') => {
                        chars.next();
                        field_empty = false;
                    }
                    '"' => quoted = false,
                    c => {
                        if c == '\n' {
                            lines += 1;
                        }
                        field_empty = false;
                    }
                }
                continue;
            }
            match c {
                '"' if field_empty => quoted = true,
                '\r' if chars.peek().map(|p| p.1) == Some('\n') => {}
                '\n' | '\r' => {
                    lines += 1;
                    records += 1;
                    field_empty = true;
                    if records == max_records {
                        return (self.pos + i + c.len_utf8(), lines);
                    }
                }
                c if c == self.delimiter => field_empty = true,
                _ => field_empty = false,
            }
        }
        (self.text.len(), lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, chunk: usize) -> Vec<Record> {
        let mut c = ChunkedCsv::new(text.to_string(), ',');
        let mut out = Vec::new();
        while !c.finished() {
            out.extend(c.next_chunk(chunk));
        }
        out
    }

    #[test]
    fn chunks_give_the_same_records_and_lines_as_one_parse() {
        let text =
            "\u{feff}a,b\r\n1,\"x\ny\"\n\n2,\"q\"\"\",z\r3,\"a,\r\nb\"\n4,c\"d\"\n\"\"\"\",5\n6,7";
        let whole = parse(text, ',');
        for chunk in 1..6 {
            assert_eq!(all(text, chunk), whole, "chunk {chunk}");
        }
    }
}
