//! A decoded CSV text read a bounded number of records at a time, so a million-row
//! export can be read between turns of the browser's event loop with a progress bar.
//!
//! It is the same reader as [`crate::domain::formats::csv::parse`], stopped and resumed at record
//! boundaries, so the records and their line numbers are the same as parsing the whole
//! text at once; the cells are read into one reused buffer.

use crate::domain::formats::csv::{Cursor, Next, Record};

/// Reads `text` chunk by chunk. See the module docs.
#[derive(Debug, Default)]
pub struct ChunkedCsv {
    text: String,
    delimiter: char,
    cursor: Cursor,
    /// The cells of the record being handed out, reused from record to record.
    fields: Vec<String>,
}

impl ChunkedCsv {
    pub fn new(text: String, delimiter: char) -> ChunkedCsv {
        // A byte-order mark is no part of the first record (as in `parse`).
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        ChunkedCsv {
            text,
            delimiter,
            cursor: Cursor { pos, line: 1 },
            fields: Vec::new(),
        }
    }

    /// Bytes read so far and in all, for a progress bar.
    pub fn progress(&self) -> (usize, usize) {
        (self.cursor.pos, self.text.len())
    }

    pub fn finished(&self) -> bool {
        self.cursor.pos >= self.text.len()
    }

    /// Hands up to `max_records` more records to `take` (the line each starts on, its
    /// cells). Blank lines count toward the budget but are skipped, as `parse` skips them.
    pub fn for_each(&mut self, max_records: usize, mut take: impl FnMut(usize, &[String])) {
        for _ in 0..max_records.max(1) {
            match self
                .cursor
                .next_into(&self.text, self.delimiter, &mut self.fields)
            {
                None => break,
                Some(Next::Blank) => {}
                Some(Next::Record(line)) => take(line, &self.fields),
            }
        }
    }

    /// Up to `max_records` more records, as [`ChunkedCsv::for_each`] hands them out.
    /// Empty once everything is read.
    pub fn next_chunk(&mut self, max_records: usize) -> Vec<Record> {
        let mut records = Vec::new();
        self.for_each(max_records, |line, fields| {
            records.push(Record {
                line,
                fields: fields.to_vec(),
            })
        });
        records
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::formats::csv::parse;

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

/// Natively only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod chunks_match_one_parse {
    use super::*;
    use crate::domain::formats::csv::parse;
    use proptest::prelude::*;

    proptest! {
        /// Any text made of the characters that matter, any chunk size, any delimiter:
        /// the same records and lines as parsing it whole.
        #[test]
        fn chunked_equals_whole(text in "\u{feff}?[a\"\r\n,;\t，门\u{feff}]{0,40}", chunk in 1usize..5) {
            for d in [',', '\t', ';', '，'] {
                let mut c = ChunkedCsv::new(text.clone(), d);
                let mut out = Vec::new();
                while !c.finished() {
                    out.extend(c.next_chunk(chunk));
                }
                prop_assert_eq!(out, parse(&text, d));
            }
        }
    }
}
