//! The table with its row type erased. `EditableTable<R>` turns a page's typed columns
//! into a [`RowAccess`] object once; everything that renders and handles events works on
//! that object and is compiled once, not once per row type (which kept the bundle small).

use super::column::{CellCtx, Column, ColumnKind, Options, TableRow, TableSource};
use crate::domain::entry::InputError;
use crate::domain::plan::{Plan, RowId};
use crate::i18n::{Lang, Msg};
use std::collections::HashSet;
use std::sync::Arc;

/// What the renderer needs to know of a column, besides reading and writing cells.
#[derive(Clone, Copy)]
pub struct ColumnInfo {
    pub header: Msg,
    pub kind: ColumnKind,
    pub options: Options,
}

impl ColumnInfo {
    pub fn editable(&self) -> bool {
        self.kind != ColumnKind::Derived
    }
}

/// Rows and cells of one table inside the plan, by position in the table's current order.
pub trait RowAccess: Send + Sync {
    fn ids(&self, plan: &Plan) -> Vec<RowId>;
    /// The row's name for accessible names; may be empty.
    fn label(&self, plan: &Plan, row: usize) -> String;
    fn text(&self, plan: &Plan, row: usize, col: usize, ctx: &CellCtx) -> String;
    /// What the cell's input holds: plain while it is edited, else with its unit.
    fn input_text(
        &self,
        plan: &Plan,
        row: usize,
        col: usize,
        ctx: &CellCtx,
        editing: bool,
    ) -> String;
    fn error(&self, plan: &Plan, row: usize, col: usize) -> Option<InputError>;
    fn write(&self, plan: &mut Plan, row: usize, col: usize, text: &str);
    /// `count` new, empty rows at `at` (which may be the length: append).
    fn insert(&self, plan: &mut Plan, at: usize, count: usize, lang: Lang);
    /// A copy of row `at` (with a new id) right below it.
    fn duplicate(&self, plan: &mut Plan, at: usize);
    fn remove(&self, plan: &mut Plan, at: usize);
    fn move_row(&self, plan: &mut Plan, from: usize, to: usize);
}

struct Typed<R> {
    source: TableSource<R>,
    columns: Vec<Column<R>>,
}

impl<R: TableRow> RowAccess for Typed<R> {
    fn ids(&self, plan: &Plan) -> Vec<RowId> {
        (self.source.rows)(plan).iter().map(|r| r.id()).collect()
    }

    fn label(&self, plan: &Plan, row: usize) -> String {
        (self.source.rows)(plan)
            .get(row)
            .map(|r| r.label())
            .unwrap_or_default()
    }

    fn text(&self, plan: &Plan, row: usize, col: usize, ctx: &CellCtx) -> String {
        match ((self.source.rows)(plan).get(row), self.columns.get(col)) {
            (Some(r), Some(c)) => (c.text)(r, plan, ctx),
            _ => String::new(),
        }
    }

    fn input_text(
        &self,
        plan: &Plan,
        row: usize,
        col: usize,
        ctx: &CellCtx,
        editing: bool,
    ) -> String {
        match ((self.source.rows)(plan).get(row), self.columns.get(col)) {
            (Some(r), Some(c)) => c.input_text(r, plan, ctx, editing),
            _ => String::new(),
        }
    }

    fn error(&self, plan: &Plan, row: usize, col: usize) -> Option<InputError> {
        let r = (self.source.rows)(plan).get(row)?;
        (self.columns.get(col)?.error)(r)
    }

    fn write(&self, plan: &mut Plan, row: usize, col: usize, text: &str) {
        let Some(write) = self.columns.get(col).and_then(|c| c.write.clone()) else {
            return;
        };
        if let Some(r) = (self.source.rows_mut)(plan).get_mut(row) {
            // Copies only this row if an undo snapshot still shares it.
            write(Arc::make_mut(r), text);
        }
    }

    fn insert(&self, plan: &mut Plan, at: usize, count: usize, lang: Lang) {
        let first = plan.next_row_id().0; // one scan of the plan, however many rows
        let rows = (self.source.rows_mut)(plan);
        let at = at.min(rows.len());
        let new = (first..first + count as u64)
            .map(|id| Arc::new((self.source.new_row)(RowId(id), lang)));
        rows.splice(at..at, new);
    }

    fn duplicate(&self, plan: &mut Plan, at: usize) {
        let id = plan.next_row_id();
        let rows = (self.source.rows_mut)(plan);
        if let Some(original) = rows.get(at) {
            let mut copy = (**original).clone();
            copy.set_id(id);
            rows.insert(at + 1, Arc::new(copy));
        }
    }

    fn remove(&self, plan: &mut Plan, at: usize) {
        let rows = (self.source.rows_mut)(plan);
        if at < rows.len() {
            rows.remove(at);
        }
    }

    fn move_row(&self, plan: &mut Plan, from: usize, to: usize) {
        let rows = (self.source.rows_mut)(plan);
        if from < rows.len() && to < rows.len() && from != to {
            let row = rows.remove(from);
            rows.insert(to, row);
        }
    }
}

/// Erases the row type of a page's table description.
pub fn erase<R: TableRow>(
    source: TableSource<R>,
    columns: Vec<Column<R>>,
) -> (Vec<ColumnInfo>, Arc<dyn RowAccess>) {
    let info = columns
        .iter()
        .map(|c| ColumnInfo {
            header: c.header,
            kind: c.kind,
            options: c.options,
        })
        .collect();
    (info, Arc::new(Typed { source, columns }))
}

/// Which rows a table shows: all of them, or only some (a page's filter). Hidden rows
/// stay in the plan untouched.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RowSelection {
    #[default]
    All,
    Only(Arc<HashSet<RowId>>),
}

impl RowSelection {
    pub fn shows(&self, id: RowId) -> bool {
        match self {
            RowSelection::All => true,
            RowSelection::Only(ids) => ids.contains(&id),
        }
    }
}

/// The rows as shown: positions count shown rows only and are mapped to the plan's
/// positions here, so that the table's handlers never need to know about a filter.
/// A position past the shown rows means past the plan's rows (appending, pasting).
pub struct ShownRows<'a> {
    pub inner: &'a dyn RowAccess,
    /// The plan position of each shown row, in order.
    pub plan_rows: &'a [usize],
    /// How many rows the plan has.
    pub total: usize,
}

impl ShownRows<'_> {
    fn at(&self, row: usize) -> usize {
        match self.plan_rows.get(row) {
            Some(&at) => at,
            None => self.total + (row - self.plan_rows.len()),
        }
    }
}

impl RowAccess for ShownRows<'_> {
    fn ids(&self, plan: &Plan) -> Vec<RowId> {
        let all = self.inner.ids(plan);
        self.plan_rows
            .iter()
            .filter_map(|&i| all.get(i).copied())
            .collect()
    }
    fn label(&self, plan: &Plan, row: usize) -> String {
        self.inner.label(plan, self.at(row))
    }
    fn text(&self, plan: &Plan, row: usize, col: usize, ctx: &CellCtx) -> String {
        self.inner.text(plan, self.at(row), col, ctx)
    }
    fn input_text(
        &self,
        plan: &Plan,
        row: usize,
        col: usize,
        ctx: &CellCtx,
        editing: bool,
    ) -> String {
        self.inner.input_text(plan, self.at(row), col, ctx, editing)
    }
    fn error(&self, plan: &Plan, row: usize, col: usize) -> Option<InputError> {
        self.inner.error(plan, self.at(row), col)
    }
    fn write(&self, plan: &mut Plan, row: usize, col: usize, text: &str) {
        self.inner.write(plan, self.at(row), col, text)
    }
    fn insert(&self, plan: &mut Plan, at: usize, count: usize, lang: Lang) {
        self.inner.insert(plan, self.at(at), count, lang)
    }
    fn duplicate(&self, plan: &mut Plan, at: usize) {
        self.inner.duplicate(plan, self.at(at))
    }
    fn remove(&self, plan: &mut Plan, at: usize) {
        self.inner.remove(plan, self.at(at))
    }
    fn move_row(&self, plan: &mut Plan, from: usize, to: usize) {
        self.inner.move_row(plan, self.at(from), self.at(to))
    }
}
