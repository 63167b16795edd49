//! The one CSV reader of the product: BurntSushi's `csv-core` state machine (RFC 4180,
//! no_std, no allocation of its own) driven over a whole file, a record at a time, so
//! the same reader serves a whole-text parse ([`super::parse`]) and the importers that
//! read a million rows a few thousand at a time between turns of the event loop.
//!
//! What this layer adds to `csv-core`, so that the importers keep their behaviour:
//! - the physical line (1-based) each record starts on: CRLF, LF and a lone CR each end
//!   one line, inside quotes too, as an editor counts them;
//! - a delimiter of several bytes (the full-width comma of Chinese spreadsheets), read
//!   as one byte that valid UTF-8 never holds and put back into quoted text;
//! - a byte-order mark skipped at the start of the file only;
//! - what a record's quotes looked like ([`RecordInfo`]), for a reader that refuses a
//!   quote left open or text after a closing quote rather than guessing.
//!
//! Semantics are `csv-core`'s: a quote opens a quoted field only at the start of a
//! field (elsewhere it is text), `""` inside quotes is one quote, text after a closing
//! quote is appended to the field, an unclosed quote runs to the end of the file, and
//! lines holding nothing but a line end are skipped.

use csv_core::{ReadRecordResult, Reader as Core, ReaderBuilder};
use std::borrow::Cow;

/// Stands for a delimiter of several bytes while `csv-core` reads: never in UTF-8.
const WIDE: u8 = 0xFF;

/// How a record's quoting went wrong (a reader may refuse such a row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteProblem {
    /// A quoted field is never closed: the rest of the file was read into it.
    Unclosed,
    /// Text follows a closing quote inside one field (`"a"b`).
    TextAfter,
}

/// What the reader knows about the record it just read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordInfo {
    /// The physical line the record starts on, 1-based.
    pub line: usize,
    /// Some field of it was quoted.
    pub quoted: bool,
    /// Its quoting was malformed (see [`QuoteProblem`]); the fields are still read.
    pub problem: Option<QuoteProblem>,
}

/// The cells of the current record as text.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    text: &'a str,
    ends: &'a [usize],
}

impl<'a> Fields<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// One cell that is empty or all white space: a blank line, which the text readers skip.
    pub fn is_blank(&self) -> bool {
        self.len() == 1 && self.text.trim().is_empty()
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

/// Cells by index: a record being read ([`Fields`]) or one kept as strings (a header
/// row that turned out to be data).
pub trait Cells {
    fn cell(&self, i: usize) -> Option<&str>;
}

impl Cells for Fields<'_> {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
}

impl Cells for [String] {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).map(String::as_str)
    }
}

/// Reads CSV data record by record. See the module docs.
#[derive(Debug)]
pub struct CsvReader<'a> {
    data: Cow<'a, [u8]>,
    /// Where the next record (or the blank lines before it) starts.
    pos: usize,
    /// The physical line at `pos`, 1-based.
    line: usize,
    core: Core,
    /// The byte `csv-core` splits cells at.
    delimiter: u8,
    /// The delimiter `csv-core` was given stands for this character.
    wide: Option<char>,
    /// The current record's cells back to back (`used` bytes); `ends[i]` is where
    /// cell i ends. Reused from record to record: no allocation per cell or record.
    buf: Vec<u8>,
    used: usize,
    ends: Vec<usize>,
    fields: usize,
}

impl Default for CsvReader<'_> {
    fn default() -> Self {
        CsvReader::from_bytes(Vec::new(), b',')
    }
}

/// A fresh `csv-core` reader for `delimiter`, past its own start-of-file handling: it
/// would skip a byte-order mark at the first byte it is given, which after ours is
/// cell text.
fn core(delimiter: u8) -> Core {
    let mut core = ReaderBuilder::new().delimiter(delimiter).build();
    // A line end at the start of a record is skipped: this reads nothing.
    let _ = core.read_record(b"\n", &mut [0; 1], &mut [0; 1]);
    core
}

impl<'a> CsvReader<'a> {
    /// Reads decoded text; `delimiter` may be any character.
    pub fn from_text(text: impl Into<Cow<'a, str>>, delimiter: char) -> CsvReader<'a> {
        let text = text.into();
        if delimiter.is_ascii() {
            let data = match text {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            };
            return CsvReader::new(data, delimiter as u8, None);
        }
        // Each delimiter becomes one byte that UTF-8 never holds (a copy, for this rare
        // case only); a cell keeps it only inside quotes, where it is put back.
        let mut wide = [0; 4];
        let wide = delimiter.encode_utf8(&mut wide);
        let mut data = Vec::with_capacity(text.len());
        let mut rest = text.as_ref();
        while let Some(at) = rest.find(&*wide) {
            data.extend_from_slice(&rest.as_bytes()[..at]);
            data.push(WIDE);
            rest = &rest[at + wide.len()..];
        }
        data.extend_from_slice(rest.as_bytes());
        CsvReader::new(Cow::Owned(data), WIDE, Some(delimiter))
    }

    /// Reads raw bytes (cells may be any bytes; see [`CsvReader::field_bytes`]).
    pub fn from_bytes(data: impl Into<Cow<'a, [u8]>>, delimiter: u8) -> CsvReader<'a> {
        CsvReader::new(data.into(), delimiter, None)
    }

    fn new(data: Cow<'a, [u8]>, delimiter: u8, wide: Option<char>) -> CsvReader<'a> {
        let pos = if data.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        CsvReader {
            data,
            pos,
            line: 1,
            core: core(delimiter),
            delimiter,
            wide,
            buf: vec![0; 1024],
            used: 0,
            ends: vec![0; 32],
            fields: 0,
        }
    }

    /// Bytes read so far and in all, for a progress bar.
    pub fn progress(&self) -> (usize, usize) {
        (self.pos, self.data.len())
    }

    pub fn finished(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// Reads the next record; `None` at the end of the data. Its cells are then
    /// [`CsvReader::fields`] (or [`CsvReader::field_bytes`]) until the next call.
    pub fn next_record(&mut self) -> Option<RecordInfo> {
        let data: &[u8] = &self.data;
        let mut pos = self.pos;
        // Empty lines: counted, skipped (as csv-core would skip them).
        while let Some(&b) = data.get(pos) {
            match b {
                b'\n' => self.line += 1,
                b'\r' => self.line += usize::from(data.get(pos + 1) != Some(&b'\n')),
                _ => break,
            }
            pos += 1;
        }
        self.pos = pos;
        if pos >= data.len() {
            return None;
        }
        let start = pos;
        let (mut nin, mut nout, mut nend) = (0, 0, 0);
        let at_end = loop {
            let input = &data[start + nin..];
            let (result, i, o, e) =
                self.core
                    .read_record(input, &mut self.buf[nout..], &mut self.ends[nend..]);
            (nin, nout, nend) = (nin + i, nout + o, nend + e);
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.buf.resize(self.buf.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => break input.is_empty(),
                // Not reached: a record starts at `start`, which is no line end.
                ReadRecordResult::End => return None,
            }
        };
        let info = RecordInfo {
            line: self.line,
            quoted: false,
            problem: None,
        };
        self.pos = start + nin;
        self.used = nout;
        self.fields = nend;
        // Without quotes, only the delimiters and the line end are not copied to the
        // cells; then nothing inside the record can be a line end (the common case,
        // checked without looking at the bytes again).
        let plain = nin == nout + (nend - 1) + usize::from(!at_end);
        let info = if plain {
            if !at_end {
                let end = self.pos - 1;
                self.line += match data[end] {
                    b'\r' => usize::from(data.get(end + 1) != Some(&b'\n')),
                    _ => 1,
                };
            }
            info
        } else {
            let raw = &data[start..self.pos];
            self.line += line_breaks(raw, data.get(self.pos).copied());
            RecordInfo {
                quoted: true,
                problem: quote_problem(raw, self.delimiter),
                ..info
            }
        };
        if let Some(wide) = self.wide {
            self.put_back(wide);
        }
        Some(info)
    }

    /// Puts the wide delimiter back where a quoted cell held it.
    fn put_back(&mut self, wide: char) {
        if !self.buf[..self.used].contains(&WIDE) {
            return;
        }
        let mut char_buf = [0; 4];
        let wide = wide.encode_utf8(&mut char_buf).as_bytes();
        let mut out = Vec::with_capacity(self.used + 8);
        let mut start = 0;
        for end in &mut self.ends[..self.fields] {
            for &b in &self.buf[start..*end] {
                if b == WIDE {
                    out.extend_from_slice(wide);
                } else {
                    out.push(b);
                }
            }
            start = *end;
            *end = out.len();
        }
        self.used = out.len();
        if self.buf.len() < out.len() {
            self.buf.resize(out.len(), 0);
        }
        self.buf[..out.len()].copy_from_slice(&out);
    }

    /// Cells in the current record.
    pub fn len(&self) -> usize {
        self.fields
    }

    pub fn is_empty(&self) -> bool {
        self.fields == 0
    }

    /// Cell `i` of the current record as bytes (empty past the last cell).
    pub fn field_bytes(&self, i: usize) -> &[u8] {
        if i >= self.fields {
            return &[];
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.buf[start..self.ends[i]]
    }

    /// The current record's cells as text; `None` if they are not valid UTF-8 (only
    /// possible when reading bytes: text in gives text out).
    pub fn fields(&self) -> Option<Fields<'_>> {
        let text = std::str::from_utf8(&self.buf[..self.used]).ok()?;
        Some(Fields {
            text,
            ends: &self.ends[..self.fields],
        })
    }

    /// Hands up to `max_records` more records to `take` (the line each starts on, its
    /// cells), blank ones skipped ([`Fields::is_blank`]); a blank one counts toward the
    /// budget, so one call's work stays bounded whatever the file holds.
    pub fn for_each(&mut self, max_records: usize, mut take: impl FnMut(usize, Fields<'_>)) {
        for _ in 0..max_records.max(1) {
            let Some(info) = self.next_record() else {
                break;
            };
            if let Some(fields) = self.fields() {
                if !fields.is_blank() {
                    take(info.line, fields);
                }
            }
        }
    }

    /// Up to `max_records` more records, as [`CsvReader::for_each`] hands them out.
    pub fn next_chunk(&mut self, max_records: usize) -> Vec<super::Record> {
        let mut records = Vec::new();
        self.for_each(max_records, |line, fields| {
            records.push(super::Record {
                line,
                fields: fields.to_vec(),
            })
        });
        records
    }
}

/// Line ends in a record's raw bytes: CRLF, LF and a lone CR count once each (`next` is
/// the byte after the record, which decides whether its last CR is half of a CRLF).
fn line_breaks(raw: &[u8], next: Option<u8>) -> usize {
    raw.iter()
        .enumerate()
        .filter(|&(i, &b)| match b {
            b'\n' => true,
            b'\r' => raw.get(i + 1).copied().or(next) != Some(b'\n'),
            _ => false,
        })
        .count()
}

/// Whether a record's quotes are malformed (see [`QuoteProblem`]); an unclosed quote
/// wins over text after a quote earlier in the record.
fn quote_problem(raw: &[u8], delimiter: u8) -> Option<QuoteProblem> {
    let ends_field = |b: u8| b == delimiter || b == b'\r' || b == b'\n';
    let mut problem = None;
    let mut i = 0;
    loop {
        if raw.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let Some(k) = raw[i..].iter().position(|&b| b == b'"') else {
                    return Some(QuoteProblem::Unclosed);
                };
                i += k + 1;
                if raw.get(i) == Some(&b'"') {
                    i += 1;
                } else {
                    break;
                }
            }
            if raw.get(i).is_some_and(|&b| !ends_field(b)) {
                problem.get_or_insert(QuoteProblem::TextAfter);
            }
        }
        match raw[i..].iter().position(|&b| ends_field(b)) {
            Some(k) if raw[i + k] == delimiter => i += k + 1,
            _ => return problem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse, Record};
    use super::*;

    fn all(text: &str, chunk: usize) -> Vec<Record> {
        let mut c = CsvReader::from_text(text.to_string(), ',');
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
        assert_eq!(whole.len(), 7);
        assert_eq!(whole[2].fields, ["2", "q\"", "z"]);
        assert_eq!((whole[3].line, whole[3].fields[1].as_str()), (6, "a,\r\nb"));
        assert_eq!((whole[4].line, whole[4].fields[1].as_str()), (8, "c\"d\""));
        assert_eq!(whole[5].fields, ["\"", "5"]);
        for chunk in 1..6 {
            assert_eq!(all(text, chunk), whole, "chunk {chunk}");
        }
    }

    #[test]
    fn lines_quotes_and_problems() {
        let text = "a,\"x\ry\"\r\n\r\n\"b\"c,d\rq,\"open\n";
        let mut r = CsvReader::from_text(text, ',');
        let mut seen = Vec::new();
        while let Some(info) = r.next_record() {
            seen.push((
                info.line,
                info.quoted,
                info.problem,
                r.fields().unwrap().to_vec(),
            ));
        }
        use QuoteProblem::*;
        assert_eq!(
            seen,
            [
                (1, true, None, vec!["a".to_string(), "x\ry".into()]),
                (4, true, Some(TextAfter), vec!["bc".into(), "d".into()]),
                (5, true, Some(Unclosed), vec!["q".into(), "open\n".into()]),
            ]
        );
        assert!(r.finished());
    }

    #[test]
    fn a_wide_delimiter_splits_and_stays_in_quotes() {
        let r = parse("客户，备注\r\n张三，\"一，二\"\n", '，');
        assert_eq!(r[0].fields, ["客户", "备注"]);
        assert_eq!(
            (r[1].line, r[1].fields.clone()),
            (2, vec!["张三".to_string(), "一，二".into()])
        );
        // A BOM after the first is text; long records grow the buffers.
        let long = "x".repeat(5000);
        let text = format!("\u{feff}\u{feff}a\n{long},{}\n", ",".repeat(100));
        let r = parse(&text, ',');
        assert_eq!(r[0].fields, ["\u{feff}a"]);
        assert_eq!((r[1].fields.len(), r[1].fields[0].len()), (102, 5000));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_read_as_bytes() {
        let mut r = CsvReader::from_bytes(&b"a,\xC3\xC5\n"[..], b',');
        assert!(r.next_record().is_some());
        assert!(r.fields().is_none());
        assert_eq!(r.field_bytes(1), b"\xC3\xC5");
        assert_eq!(r.field_bytes(2), b"");
    }
}

/// Natively only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod chunks_match_one_parse {
    use super::super::parse;
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text made of the characters that matter, any chunk size, any delimiter:
        /// the same records and lines as parsing it whole.
        #[test]
        fn chunked_equals_whole(text in "\u{feff}?[a\"\r\n,;\t，门\u{feff}]{0,40}", chunk in 1usize..5) {
            for d in [',', '\t', ';', '，'] {
                let mut c = CsvReader::from_text(text.clone(), d);
                let mut out = Vec::new();
                while !c.finished() {
                    out.extend(c.next_chunk(chunk));
                }
                prop_assert_eq!(out, parse(&text, d));
            }
        }
    }
}
