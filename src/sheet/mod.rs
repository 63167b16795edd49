//! How tables behave like a spreadsheet, as plain logic: clipboard TSV, which key does
//! what, where the cursor goes, and where a pasted block lands. No web imports; the
//! table component only wires these to DOM events.

pub mod import;
pub mod keys;
pub mod paste;
pub mod tsv;

/// A cell position: row index in the table's current order, column index among all
/// columns (derived ones included, so a copied block pastes back where it came from).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cursor {
    pub row: usize,
    pub col: usize,
}

/// The rectangle between an anchor and the cursor (a selection), inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub rows: (usize, usize),
    pub cols: (usize, usize),
}

impl Range {
    pub fn between(a: Cursor, b: Cursor) -> Range {
        Range {
            rows: (a.row.min(b.row), a.row.max(b.row)),
            cols: (a.col.min(b.col), a.col.max(b.col)),
        }
    }

    pub fn contains(&self, c: Cursor) -> bool {
        (self.rows.0..=self.rows.1).contains(&c.row) && (self.cols.0..=self.cols.1).contains(&c.col)
    }

    pub fn is_single(&self) -> bool {
        self.rows.0 == self.rows.1 && self.cols.0 == self.cols.1
    }
}
