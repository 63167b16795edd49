//! Column descriptors: what a column shows, how typed text is written back into a row,
//! and what is wrong with a cell.

use crate::domain::plan::parts::Part;
use crate::domain::plan::Plan;
use crate::domain::values::entry::{CellValue, Entry, InputError};
use crate::domain::values::ids::{RowId, Rows};
use crate::domain::values::measure::Unit;
use crate::domain::values::money::Currency;
use crate::i18n::{format_entry, Lang, Msg};
use std::sync::Arc;

/// The kind of a column decides the input (keyboard, alignment) and whether it is editable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Integer,
    Money,
    Percent,
    Date,
    /// One of a fixed set of options, chosen from a list.
    Choice,
    /// Computed from the row: read-only, visibly so.
    Derived,
}

impl ColumnKind {
    /// The on-screen keyboard a phone should bring up.
    pub fn input_mode(self) -> &'static str {
        match self {
            ColumnKind::Integer => "numeric",
            ColumnKind::Money | ColumnKind::Percent => "decimal",
            _ => "text",
        }
    }

    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ColumnKind::Integer | ColumnKind::Money | ColumnKind::Percent
        )
    }

    pub fn css_class(self) -> &'static str {
        match self {
            ColumnKind::Text => "col-text",
            ColumnKind::Date => "col-date",
            ColumnKind::Choice => "col-choice",
            ColumnKind::Derived => "col-derived num",
            _ => "col-input num",
        }
    }
}

/// What a cell needs besides its row to render: the language and the plan header's
/// currency and start date (relative dates count from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellCtx {
    pub lang: Lang,
    pub currency: Currency,
    pub start_date: chrono::NaiveDate,
    /// The browser's date (injectable in tests through the page clock).
    pub today: chrono::NaiveDate,
}

/// The options of a choice column, as (stored key, label).
#[derive(Clone, Copy)]
pub enum Options {
    None,
    Fixed(&'static [(&'static str, Msg)]),
    /// Rows of the plan itself: a goal, a budget category, a funnel stage.
    FromPlan(fn(&Plan, Lang) -> Vec<(String, String)>),
}

/// A column's options (key, label) in Chinese, then in English.
pub type OptionLists = [Vec<(String, String)>; 2];

impl Options {
    pub fn list(self, plan: &Plan, lang: Lang) -> Vec<(String, String)> {
        match self {
            Options::None => Vec::new(),
            Options::Fixed(options) => options
                .iter()
                .map(|(key, label)| (key.to_string(), label.text(lang).to_string()))
                .collect(),
            Options::FromPlan(list) => list(plan, lang),
        }
    }

    /// The stored key for a typed or pasted choice: a key, or a label in either language
    /// (a Chinese label first). A fixed list is searched in place, without listing it: a
    /// pasted block asks once per cell.
    pub fn key_for(self, plan: &Plan, text: &str) -> Option<String> {
        let Options::Fixed(options) = self else {
            return Self::key_among(text, &self.lists(plan));
        };
        let text = text.trim();
        [Lang::Zh, Lang::En].into_iter().find_map(|lang| {
            options
                .iter()
                .find(|(key, label)| *key == text || label.text(lang) == text)
                .map(|(key, _)| key.to_string())
        })
    }

    /// The options in Chinese and in English, for [`Options::key_among`].
    pub fn lists(self, plan: &Plan) -> OptionLists {
        [self.list(plan, Lang::Zh), self.list(plan, Lang::En)]
    }

    /// `key_for` among options listed once beforehand (`lists`), for a pasted block.
    pub fn key_among(text: &str, lists: &OptionLists) -> Option<String> {
        let text = text.trim();
        lists
            .iter()
            .flatten()
            .find(|(key, label)| key == text || label == text)
            .map(|(key, _)| key.clone())
    }

    /// The label shown (and copied) for a stored key; the key itself if it is no option.
    pub fn label_for(self, plan: &Plan, key: &str, lang: Lang) -> String {
        match self {
            Options::Fixed(options) => options.iter().find(|(k, _)| *k == key).map_or_else(
                || key.to_string(),
                |(_, label)| label.text(lang).to_string(),
            ),
            _ => self
                .list(plan, lang)
                .into_iter()
                .find(|(k, _)| k == key)
                .map_or_else(|| key.to_string(), |(_, label)| label),
        }
    }
}

type TextFn<R> = Arc<dyn Fn(&R, &Plan, &CellCtx) -> String + Send + Sync>;
type WriteFn<R> = Arc<dyn Fn(&mut R, &str) + Send + Sync>;
type ErrorFn<R> = Arc<dyn Fn(&R) -> Option<InputError> + Send + Sync>;
type UnitFn<R> = Arc<dyn Fn(&R, &Plan) -> Option<Unit> + Send + Sync>;
/// An entry's input text: plain while it is edited (`true`), else shown in a unit.
type InputFn<R> = Arc<dyn Fn(&R, Option<Unit>, &CellCtx, bool) -> String + Send + Sync>;

pub struct Column<R> {
    pub header: Msg,
    pub kind: ColumnKind,
    /// The input's text for editable columns; the shown figure for derived ones.
    pub text: TextFn<R>,
    /// Writes typed text into the row; `None` for derived columns.
    pub write: Option<WriteFn<R>>,
    /// What is wrong with this cell, if anything (parse or cross-field rule).
    pub error: ErrorFn<R>,
    /// For choice columns: the stored key of each option and its label.
    pub options: Options,
    /// Its place near the top of a row's card on a phone (1 first; 0: after those, in
    /// the table's order).
    pub phone_rank: u8,
    /// For typed entries: what the input holds, edited or not. `None`: `text`.
    pub input: Option<InputFn<R>>,
    /// The unit an entry is shown in when it is not being edited (¥, %, 天).
    pub unit: UnitFn<R>,
    /// The parts of the plan besides its own row that the cell reads (a derived figure's
    /// inputs, a choice's options): the cell re-renders when one of them changes.
    pub reads: &'static [Part],
}

impl<R> Clone for Column<R> {
    fn clone(&self) -> Self {
        Column {
            header: self.header,
            kind: self.kind,
            text: self.text.clone(),
            write: self.write.clone(),
            error: self.error.clone(),
            options: self.options,
            phone_rank: self.phone_rank,
            input: self.input.clone(),
            unit: self.unit.clone(),
            reads: self.reads,
        }
    }
}

impl<R: 'static> Column<R> {
    /// Free text, e.g. a stage name or a measure.
    pub fn text(
        header: Msg,
        get: impl Fn(&R) -> &String + Send + Sync + 'static,
        get_mut: impl Fn(&mut R) -> &mut String + Send + Sync + 'static,
    ) -> Column<R> {
        Column {
            header,
            kind: ColumnKind::Text,
            text: Arc::new(move |r, _, _| get(r).clone()),
            write: Some(Arc::new(move |r, s| *get_mut(r) = s.to_string())),
            error: Arc::new(|_| None),
            options: Options::None,
            phone_rank: 0,
            input: None,
            unit: Arc::new(|_, _| None),
            reads: &[],
        }
    }

    /// A typed entry (count, money, date): kept as typed, flagged when it does not parse.
    /// A money column shows its amounts as ¥1,234.50 when not being edited; other units
    /// are given with [`Column::unit`].
    pub fn entry<T: CellValue + 'static>(
        header: Msg,
        kind: ColumnKind,
        get: impl Fn(&R) -> &Entry<T> + Send + Sync + Copy + 'static,
        get_mut: impl Fn(&mut R) -> &mut Entry<T> + Send + Sync + 'static,
    ) -> Column<R> {
        let money = kind == ColumnKind::Money;
        Column {
            header,
            kind,
            text: Arc::new(move |r, _, _| get(r).text()),
            write: Some(Arc::new(move |r, s| *get_mut(r) = Entry::from_text(s))),
            error: Arc::new(move |r| get(r).error()),
            options: Options::None,
            phone_rank: 0,
            input: Some(Arc::new(move |r, unit, ctx, editing| {
                if editing {
                    get(r).edit_text()
                } else {
                    format_entry(get(r), unit, ctx.currency, ctx.lang)
                }
            })),
            unit: Arc::new(move |_, _| money.then_some(Unit::Money)),
            reads: &[],
        }
    }

    /// A read-only figure computed from the row.
    pub fn derived(
        header: Msg,
        show: impl Fn(&R, &CellCtx) -> String + Send + Sync + 'static,
    ) -> Column<R> {
        Column {
            header,
            kind: ColumnKind::Derived,
            text: Arc::new(move |r, _, ctx| show(r, ctx)),
            write: None,
            error: Arc::new(|_| None),
            options: Options::None,
            phone_rank: 0,
            input: None,
            unit: Arc::new(|_, _| None),
            reads: &[],
        }
    }

    /// One of a fixed set: `options[i]` (stored key, label) stands for `values[i]`. A text
    /// that is no option sets the first value (each list's neutral one: not started, at
    /// least...), so no earlier choice lingers behind it; the table keeps the text itself
    /// in the plan and flags the cell (see `model`).
    pub fn choice<T: Copy + PartialEq + Send + Sync + 'static>(
        header: Msg,
        options: &'static [(&'static str, Msg)],
        values: &'static [T],
        get: impl Fn(&R) -> T + Send + Sync + 'static,
        set: impl Fn(&mut R, T) + Send + Sync + 'static,
    ) -> Column<R> {
        debug_assert_eq!(options.len(), values.len());
        Column {
            header,
            kind: ColumnKind::Choice,
            text: Arc::new(move |r, _, _| {
                let value = get(r);
                values
                    .iter()
                    .position(|v| *v == value)
                    .map(|i| options[i].0.to_string())
                    .unwrap_or_default()
            }),
            write: Some(Arc::new(move |r, key| {
                let i = options.iter().position(|(k, _)| *k == key).unwrap_or(0);
                set(r, values[i]);
            })),
            error: Arc::new(|_| None),
            options: Options::Fixed(options),
            phone_rank: 0,
            input: None,
            unit: Arc::new(|_, _| None),
            reads: &[],
        }
    }

    /// A figure computed from the row and the rest of the plan (a budget line's share of
    /// the total, an indicator's linked funnel rate); `reads`: the parts `show` reads
    /// besides the row (the cell follows them).
    pub fn derived_from_plan(
        header: Msg,
        reads: &'static [Part],
        show: impl Fn(&R, &Plan, &CellCtx) -> String + Send + Sync + 'static,
    ) -> Column<R> {
        Column {
            header,
            kind: ColumnKind::Derived,
            text: Arc::new(show),
            write: None,
            error: Arc::new(|_| None),
            options: Options::None,
            phone_rank: 0,
            input: None,
            unit: Arc::new(|_, _| None),
            reads,
        }
    }

    /// A choice among rows of the plan, stored by key ("" for none). `set` receives a key
    /// of `options`, or a text that is none: a row storing names (a task's phase) keeps
    /// it, flagged; otherwise the table keeps it in the plan (see `model`).
    pub fn choice_from_plan(
        header: Msg,
        reads: &'static [Part],
        options: fn(&Plan, Lang) -> Vec<(String, String)>,
        get: impl Fn(&R) -> String + Send + Sync + 'static,
        set: impl Fn(&mut R, &str) + Send + Sync + 'static,
    ) -> Column<R> {
        Column {
            header,
            kind: ColumnKind::Choice,
            text: Arc::new(move |r, _, _| get(r)),
            write: Some(Arc::new(move |r, key| set(r, key))),
            error: Arc::new(|_| None),
            options: Options::FromPlan(options),
            phone_rank: 0,
            input: None,
            unit: Arc::new(|_, _| None),
            reads,
        }
    }

    /// A column of its own making, e.g. a value shown in the UI language but typed in either.
    pub fn custom(
        header: Msg,
        kind: ColumnKind,
        text: impl Fn(&R, &CellCtx) -> String + Send + Sync + 'static,
        write: impl Fn(&mut R, &str) + Send + Sync + 'static,
        error: impl Fn(&R) -> Option<InputError> + Send + Sync + 'static,
    ) -> Column<R> {
        Column {
            header,
            kind,
            text: Arc::new(move |r, _, ctx| text(r, ctx)),
            write: Some(Arc::new(write)),
            error: Arc::new(error),
            options: Options::None,
            phone_rank: 0,
            input: None,
            unit: Arc::new(|_, _| None),
            reads: &[],
        }
    }

    /// The unit an entry is shown in when it is not being edited: fixed (a share is a
    /// percentage) or the row's own (a goal's unit, a metric's). What it reads of the plan
    /// goes in [`Column::reads`].
    pub fn unit(
        mut self,
        unit: impl Fn(&R, &Plan) -> Option<Unit> + Send + Sync + 'static,
    ) -> Column<R> {
        self.unit = Arc::new(unit);
        self
    }

    /// What the input holds: plain while it is edited, else the value in its unit.
    pub fn input_text(&self, row: &R, plan: &Plan, ctx: &CellCtx, editing: bool) -> String {
        match &self.input {
            Some(input) => input(row, (self.unit)(row, plan), ctx, editing),
            None => (self.text)(row, plan, ctx),
        }
    }

    /// Shows the column near the top of a row's card on a phone: the key figures and the
    /// status right after the row's name (1 first).
    pub fn phone_first(mut self, rank: u8) -> Column<R> {
        self.phone_rank = rank;
        self
    }

    /// More parts of the plan the cell reads (for a unit or a check that looks beyond the
    /// row).
    pub fn reads(mut self, parts: &'static [Part]) -> Column<R> {
        self.reads = parts;
        self
    }

    /// Replaces the cell's check, for rules that look at more than the cell itself.
    pub fn with_error(
        mut self,
        error: impl Fn(&R) -> Option<InputError> + Send + Sync + 'static,
    ) -> Column<R> {
        self.error = Arc::new(error);
        self
    }
}

/// A row of an editable table.
pub trait TableRow: Clone + PartialEq + Send + Sync + 'static {
    fn id(&self) -> RowId;
    /// Gives a duplicated row its own id.
    fn set_id(&mut self, id: RowId);
    /// The row's name, used in accessible names ("转化人数 社群入群"); may be empty.
    fn label(&self) -> String;
}

/// Implements [`TableRow`] for a plan row with an `id` field, named by one of its text
/// fields, `table_row!(FunnelStage, name);`, or by an expression of the row,
/// `table_row!(KpiMonth, |m| m.month.text());`.
macro_rules! table_row {
    ($row:ty, $label:ident) => {
        $crate::components::table::table_row!($row, |r| r.$label.clone());
    };
    ($row:ty, |$r:ident| $label:expr) => {
        impl $crate::components::table::TableRow for $row {
            fn id(&self) -> $crate::domain::values::ids::RowId {
                self.id
            }
            fn set_id(&mut self, id: $crate::domain::values::ids::RowId) {
                self.id = id;
            }
            fn label(&self) -> String {
                let $r = self;
                $label
            }
        }
    };
}
pub(crate) use table_row;

/// Where a table's rows live in the plan, and how to make a new one.
pub struct TableSource<R> {
    /// Names the table in ids and undo steps; unique per page.
    pub key: &'static str,
    /// The part of the plan the rows are (its change signals are the table's).
    pub part: Part,
    pub rows: fn(&Plan) -> &Rows<R>,
    pub rows_mut: fn(&mut Plan) -> &mut Rows<R>,
    pub new_row: fn(RowId, Lang) -> R,
}

impl<R> Clone for TableSource<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for TableSource<R> {}
