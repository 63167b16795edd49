//! What the file readers (event log, orders, journeys) share: they read a bounded number
//! of rows per step, so the page can yield to the browser and move a progress bar between
//! steps, and they keep the rows they could not read with a reason instead of dropping them.

use crate::domain::formats::csv::{detect_delimiter, CsvReader, Record};
use crate::sheet::import::map_headers;

/// How far a stepped read has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Data rows read so far, good and bad (blank lines are not rows).
    pub rows_done: usize,
    /// Bytes of the file read so far, for a progress bar.
    pub bytes_done: usize,
    /// The file's size in bytes.
    pub total_bytes: usize,
    /// Everything has been read; `finish` is now cheap.
    pub finished: bool,
}

impl Progress {
    /// Bytes read as a whole percentage (an empty file is 100% read).
    pub fn percent(&self) -> u32 {
        if self.total_bytes == 0 {
            return 100;
        }
        (self.bytes_done as u64 * 100 / self.total_bytes as u64) as u32
    }
}

/// A reader that works through its file a step at a time.
pub trait SteppedRead {
    /// What the whole file reads as.
    type Out;
    /// Reads up to `max_rows` more rows.
    fn step(&mut self, max_rows: usize) -> Progress;
    /// Reads what is left and returns the result.
    fn finish(self) -> Self::Out;
}

/// Bad rows kept for the preview; a file of garbage must not fill the memory. The total
/// is always counted.
pub const BAD_ROWS_KEPT: usize = 1_000;

/// Counts a bad row and keeps it while fewer than [`BAD_ROWS_KEPT`] are kept.
pub fn keep_bad<B>(kept: &mut Vec<B>, total: &mut usize, row: B) {
    *total += 1;
    if kept.len() < BAD_ROWS_KEPT {
        kept.push(row);
    }
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnsError<K> {
    /// No records, only blank lines.
    Empty,
    /// Required columns that were not found, in column order.
    Missing(Vec<K>),
}

/// A CSV file whose first record was matched against the columns a reader knows.
#[derive(Debug)]
pub struct ColumnsCsv<const N: usize> {
    /// Positioned after the first record.
    pub csv: CsvReader<'static>,
    /// Field index of each column, if present.
    pub cols: [Option<usize>; N],
    /// The first record when it is data (the file has no header row).
    pub first_row: Option<Record>,
}

/// Opens decoded `text` (the delimiter is guessed from it) and maps its first record to
/// `columns` through `names`, one list of accepted header names per column, in any order;
/// with no recognised header the columns are taken in order. The first `required`
/// columns must be present.
pub fn open_with_columns<K: Copy, const N: usize>(
    text: String,
    columns: [K; N],
    names: &[Vec<&str>],
    required: usize,
) -> Result<ColumnsCsv<N>, ColumnsError<K>> {
    let delimiter = detect_delimiter(&text);
    let mut csv = CsvReader::from_text(text, delimiter);
    let mut first = Vec::new();
    while first.is_empty() && !csv.finished() {
        first = csv.next_chunk(1);
    }
    let Some(first) = first.pop() else {
        return Err(ColumnsError::Empty);
    };
    let map = map_headers(&first.fields, names, &[true; N]);
    let mut cols = [None; N];
    for (field, column) in map.targets.iter().enumerate() {
        if let Some(c) = column {
            cols[*c] = Some(field);
        }
    }
    let missing: Vec<K> = columns[..required]
        .iter()
        .zip(cols)
        .filter(|(_, c)| c.is_none())
        .map(|(k, _)| *k)
        .collect();
    if !missing.is_empty() {
        return Err(ColumnsError::Missing(missing));
    }
    Ok(ColumnsCsv {
        csv,
        cols,
        first_row: (!map.has_header).then_some(first),
    })
}

/// Where a chunked CSV read is, counting `rows` read.
pub fn csv_progress(csv: &CsvReader, rows_done: usize) -> Progress {
    let (bytes_done, total_bytes) = csv.progress();
    Progress {
        rows_done,
        bytes_done,
        total_bytes,
        finished: csv.finished(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Col {
        Name,
        Amount,
        Note,
    }

    fn names() -> Vec<Vec<&'static str>> {
        vec![vec!["name", "名称"], vec!["amount", "金额"], vec!["note"]]
    }

    #[test]
    fn headers_in_any_order_or_none() {
        let opened = open_with_columns(
            "\n\nnote,金额,name\nx,5,a\n".into(),
            [Col::Name, Col::Amount, Col::Note],
            &names(),
            2,
        )
        .unwrap();
        assert_eq!(opened.cols, [Some(2), Some(1), Some(0)]);
        assert!(opened.first_row.is_none());
        let opened = open_with_columns(
            "a,5\n".into(),
            [Col::Name, Col::Amount, Col::Note],
            &names(),
            2,
        )
        .unwrap();
        assert_eq!(opened.cols[..2], [Some(0), Some(1)]);
        assert_eq!(opened.first_row.unwrap().fields, ["a", "5"]);
    }

    #[test]
    fn empty_files_and_missing_columns_are_refused() {
        let cols = [Col::Name, Col::Amount, Col::Note];
        assert_eq!(
            open_with_columns("\n\r\n".into(), cols, &names(), 2).unwrap_err(),
            ColumnsError::Empty
        );
        assert_eq!(
            open_with_columns("note,name\n".into(), cols, &names(), 2).unwrap_err(),
            ColumnsError::Missing(vec![Col::Amount])
        );
    }

    #[test]
    fn bad_rows_are_all_counted_and_the_first_kept() {
        let (mut kept, mut total) = (Vec::new(), 0);
        for i in 0..BAD_ROWS_KEPT + 5 {
            keep_bad(&mut kept, &mut total, i);
        }
        assert_eq!((kept.len(), total), (BAD_ROWS_KEPT, BAD_ROWS_KEPT + 5));
        assert_eq!(kept.last(), Some(&(BAD_ROWS_KEPT - 1)));
    }

    #[test]
    fn percent_of_bytes_read() {
        let p = |done, total| Progress {
            rows_done: 0,
            bytes_done: done,
            total_bytes: total,
            finished: done == total,
        };
        assert_eq!(p(0, 0).percent(), 100);
        assert_eq!(p(1, 3).percent(), 33);
        assert_eq!(p(3, 3).percent(), 100);
    }
}
