//! The one editable table every page uses. A page describes its columns and where its
//! rows live in the plan; the table renders, edits, validates and derives. Its files:
//! CSV (csv_io.rs) and Excel workbooks (xlsx_io.rs), through one import preview.

mod cell_flag;
mod column;
mod csv_io;
mod editable_table;
mod model;
pub mod xlsx_io;

pub(crate) use column::table_row;
pub use column::{CellCtx, Column, ColumnKind, Options, TableRow, TableSource};
pub use editable_table::{cell_renders, EditableTable, VIRTUAL_FROM};
pub use model::RowSelection;
