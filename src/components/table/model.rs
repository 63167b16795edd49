//! The table with its row type erased. `EditableTable<R>` turns a page's typed columns
//! into a [`RowAccess`] object once; everything that renders and handles events works on
//! that object and is compiled once, not once per row type (which kept the bundle small).

use super::column::{CellCtx, Column, ColumnKind, OptionLists, Options, TableRow, TableSource};
use crate::domain::plan::parts::Part;
use crate::domain::plan::Plan;
use crate::domain::values::entry::InputError;
use crate::domain::values::ids::RowId;
use crate::i18n::{Lang, Msg};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

/// What the renderer needs to know of a column, besides reading and writing cells.
#[derive(Clone, Copy)]
pub struct ColumnInfo {
    pub header: Msg,
    pub kind: ColumnKind,
    pub options: Options,
    pub phone_rank: u8,
    /// What a cell reads besides its row; see [`Column::reads`].
    pub reads: &'static [Part],
}

impl ColumnInfo {
    pub fn editable(&self) -> bool {
        self.kind != ColumnKind::Derived
    }
}

/// One cell's write of a pasted block: row, column, text.
pub type Write<'t> = (usize, usize, &'t str);

/// Rows and cells of one table inside the plan, by position in the table's current order.
pub trait RowAccess: Send + Sync {
    /// The part of the plan the rows are.
    fn part(&self) -> Part;
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
    /// The same, a choice checked against its column's options listed once for every
    /// cell of the column (`options`: keys with their labels in any language).
    fn error_among(
        &self,
        plan: &Plan,
        row: usize,
        col: usize,
        options: &[(String, String)],
    ) -> Option<InputError>;
    fn write(&self, plan: &mut Plan, row: usize, col: usize, text: &str);
    /// A pasted block of `(row, col, text)`, each written as `write` would. A choice
    /// column whose options are other rows of the plan lists them once for the block,
    /// not once per cell (a block of 10,000 rows asked 20,000 times).
    fn write_block(&self, plan: &mut Plan, writes: &mut dyn Iterator<Item = Write<'_>>);
    /// `count` new, empty rows at `at` (which may be the length: append).
    fn insert(&self, plan: &mut Plan, at: usize, count: usize, lang: Lang);
    /// What the columns `cols` of a row `insert` would add show, without adding it.
    fn new_row_texts(&self, plan: &Plan, cols: &[usize], lang: Lang, ctx: &CellCtx) -> Vec<String>;
    /// A copy of row `at` (with a new id) right below it.
    fn duplicate(&self, plan: &mut Plan, at: usize);
    fn remove(&self, plan: &mut Plan, at: usize);
    fn move_row(&self, plan: &mut Plan, from: usize, to: usize);
}

struct Typed<R> {
    source: TableSource<R>,
    columns: Vec<Column<R>>,
    /// Each column's stable name in the plan document (`column_name`), made once: a
    /// choice cell's kept text is looked up by it on every read.
    names: Vec<String>,
}

impl<R: TableRow> RowAccess for Typed<R> {
    fn part(&self) -> Part {
        self.source.part
    }

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
            (Some(r), Some(c)) if c.kind == ColumnKind::Choice => self
                .kept_text(plan, r.id(), col)
                .map_or_else(|| (c.text)(r, plan, ctx), str::to_string),
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
        self.cell_error(plan, row, col, |column| {
            Cow::Owned(column.options.list(plan, Lang::Zh))
        })
    }

    fn error_among(
        &self,
        plan: &Plan,
        row: usize,
        col: usize,
        options: &[(String, String)],
    ) -> Option<InputError> {
        self.cell_error(plan, row, col, |_| Cow::Borrowed(options))
    }

    fn write(&self, plan: &mut Plan, row: usize, col: usize, text: &str) {
        self.write_with(plan, row, col, text, None);
    }

    fn write_block(&self, plan: &mut Plan, writes: &mut dyn Iterator<Item = Write<'_>>) {
        let mut listed: Vec<Option<OptionLists>> = vec![None; self.columns.len()];
        for (row, col, text) in writes {
            let Some(column) = self.columns.get(col) else {
                continue;
            };
            // Options read from this very table would change with the block: those are
            // looked up per cell, as typing does.
            let lists = match column.options {
                Options::FromPlan(_) if !column.reads.contains(&self.source.part) => {
                    Some(&*listed[col].get_or_insert_with(|| column.options.lists(plan)))
                }
                _ => None,
            };
            self.write_with(plan, row, col, text, lists);
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

    fn new_row_texts(&self, plan: &Plan, cols: &[usize], lang: Lang, ctx: &CellCtx) -> Vec<String> {
        // A new row has no kept choice texts: its columns' own texts are what it shows.
        let row = (self.source.new_row)(plan.next_row_id(), lang);
        cols.iter()
            .map(|&c| {
                self.columns
                    .get(c)
                    .map_or_else(String::new, |column| (column.text)(&row, plan, ctx))
            })
            .collect()
    }

    fn duplicate(&self, plan: &mut Plan, at: usize) {
        let id = plan.next_row_id();
        let rows = (self.source.rows_mut)(plan);
        if let Some(original) = rows.get(at) {
            let mut copy = (**original).clone();
            let from = copy.id();
            copy.set_id(id);
            rows.insert(at + 1, Arc::new(copy));
            plan.choice_texts.copy_row(self.source.key, from, id);
        }
    }

    fn remove(&self, plan: &mut Plan, at: usize) {
        let rows = (self.source.rows_mut)(plan);
        if at < rows.len() {
            let id = rows.remove(at).id();
            plan.choice_texts.remove_row(self.source.key, id);
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

impl<R: TableRow> Typed<R> {
    /// `write`, a choice's options listed beforehand (`lists`) or looked up now.
    fn write_with(
        &self,
        plan: &mut Plan,
        row: usize,
        col: usize,
        text: &str,
        lists: Option<&OptionLists>,
    ) {
        let Some(column) = self.columns.get(col) else {
            return;
        };
        let Some(write) = column.write.clone() else {
            return;
        };
        // A choice takes a key or a label in either language; any other text is kept as is.
        let key = match lists {
            _ if column.kind != ColumnKind::Choice => None,
            Some(lists) => Options::key_among(text, lists),
            None => column.options.key_for(plan, text),
        };
        let Some(r) = (self.source.rows_mut)(plan).get_mut(row) else {
            return;
        };
        // Copies only this row if an undo snapshot still shares it.
        write(Arc::make_mut(r), key.as_deref().unwrap_or(text));
        if column.kind == ColumnKind::Choice {
            self.keep_choice_text(plan, row, col, text, key.is_some());
        }
    }

    /// What is wrong with a cell: its column's own check, then, for a choice, a text
    /// that is none of the options (`options`: the column's list): kept, and flagged
    /// until one is picked.
    fn cell_error<'o>(
        &self,
        plan: &Plan,
        row: usize,
        col: usize,
        options: impl FnOnce(&Column<R>) -> Cow<'o, [(String, String)]>,
    ) -> Option<InputError> {
        let r = (self.source.rows)(plan).get(row)?;
        let column = self.columns.get(col)?;
        let own = (column.error)(r);
        if own.is_some() || column.kind != ColumnKind::Choice {
            return own;
        }
        let options = options(column);
        let is_option = |text: &str| options.iter().any(|(key, _)| key == text);
        // A kept text is read where it is, not copied (a pasted block checks every cell).
        let known = match self.kept_text(plan, r.id(), col) {
            Some(kept) => is_option(kept),
            None => is_option(&(column.text)(r, plan, &choice_ctx(plan))),
        };
        (!known).then_some(InputError::NotAnOption)
    }

    /// The text kept for a choice cell whose row cannot store it.
    fn kept_text<'p>(&self, plan: &'p Plan, id: RowId, col: usize) -> Option<&'p str> {
        if plan.choice_texts.is_empty() {
            return None; // almost always: no lookup
        }
        plan.choice_texts.get(self.source.key, id, &self.names[col])
    }

    /// After a choice was written: a text that is no option and that the row could not
    /// store (a status, a linked figure) is kept in the plan; a real option clears it.
    fn keep_choice_text(
        &self,
        plan: &mut Plan,
        row: usize,
        col: usize,
        text: &str,
        is_option: bool,
    ) {
        let (Some(r), Some(column)) = ((self.source.rows)(plan).get(row), self.columns.get(col))
        else {
            return;
        };
        let id = r.id();
        let kept = !is_option && (column.text)(r, plan, &choice_ctx(plan)).trim() != text.trim();
        let name = &self.names[col];
        if kept {
            plan.choice_texts.set(self.source.key, id, name, text);
        } else if !plan.choice_texts.is_empty() {
            plan.choice_texts.remove(self.source.key, id, name);
        }
    }
}

/// A column's stable name in the plan document: its header's name in the code.
fn column_name<R>(column: &Column<R>) -> String {
    format!("{:?}", column.header)
}

/// Choice columns show their stored key, which depends on no language or date.
fn choice_ctx(plan: &Plan) -> CellCtx {
    CellCtx {
        lang: Lang::Zh,
        currency: plan.header.currency,
        start_date: plan.header.start_date,
        today: plan.header.start_date,
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
            phone_rank: c.phone_rank,
            reads: c.reads,
        })
        .collect();
    let names = columns.iter().map(column_name).collect();
    (
        info,
        Arc::new(Typed {
            source,
            columns,
            names,
        }),
    )
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
    fn part(&self) -> Part {
        self.inner.part()
    }
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
    fn error_among(
        &self,
        plan: &Plan,
        row: usize,
        col: usize,
        options: &[(String, String)],
    ) -> Option<InputError> {
        self.inner.error_among(plan, self.at(row), col, options)
    }
    fn write(&self, plan: &mut Plan, row: usize, col: usize, text: &str) {
        self.inner.write(plan, self.at(row), col, text)
    }
    fn write_block(&self, plan: &mut Plan, writes: &mut dyn Iterator<Item = Write<'_>>) {
        let mut at_plan = writes.map(|(row, col, text)| (self.at(row), col, text));
        self.inner.write_block(plan, &mut at_plan)
    }
    fn insert(&self, plan: &mut Plan, at: usize, count: usize, lang: Lang) {
        self.inner.insert(plan, self.at(at), count, lang)
    }
    fn new_row_texts(&self, plan: &Plan, cols: &[usize], lang: Lang, ctx: &CellCtx) -> Vec<String> {
        self.inner.new_row_texts(plan, cols, lang, ctx)
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
