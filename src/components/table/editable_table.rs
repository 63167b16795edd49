//! The editable table. A real `<table>`: column header cells, the row-label column as
//! pinned row headers, every input named "column row". Behaves like a spreadsheet
//! (see `sheet::keys`); events are handled once at the table, not per cell. Past
//! [`VIRTUAL_FROM`] rows only the visible rows are in the DOM, except on paper, where
//! every row is (`components::paper`).

use super::cell_flag::CellFlag;
use super::column::{CellCtx, Column, ColumnKind, TableRow, TableSource};
use super::model::{erase, ColumnInfo, RowAccess, RowSelection, ShownRows};
use super::{csv_io, xlsx_io};
use crate::components::deferred::{build_later, building_out_of_sight};
use crate::components::field::{has_focus, show_plain_on_focus};
use crate::components::files::chosen_file;
use crate::components::paper::whole_tables;
use crate::domain::plan::parts::Part;
use crate::domain::plan::Plan;
use crate::domain::values::entry::InputError;
use crate::domain::values::ids::RowId;
use crate::i18n::{input_error_message, Lang, Msg};
use crate::sheet::keys::{key_action, step, KeyAction, Mode, Modifiers, Move};
use crate::sheet::paste::{plan_paste, PastePlan};
use crate::sheet::tsv::{parse_tsv, to_tsv};
use crate::sheet::{Cursor, Range};
use crate::state::{use_lang, use_plan, use_today, EditKey, PlanStore, UiLang};
use leptos::html;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

/// How many times cells computed what they show, for the component tests: typing into
/// one cell must re-render that row's cells only.
static CELL_RENDERS: AtomicUsize = AtomicUsize::new(0);

fn count_cell_render() {
    CELL_RENDERS.fetch_add(1, Ordering::Relaxed);
}

/// See [`CELL_RENDERS`].
pub fn cell_renders() -> usize {
    CELL_RENDERS.load(Ordering::Relaxed)
}

/// Tables longer than this render only the rows in view.
pub const VIRTUAL_FROM: usize = 100;
/// Row height in a virtual table (px); fixed so positions can be computed.
const ROW_H: f64 = 45.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 8;
/// Tables with more columns than this show a card per row on a phone.
const CARDS_FROM_COLUMNS: usize = 5;
/// How long a notice (row deleted, paste report) stays.
const NOTICE_FOR: Duration = Duration::from_secs(10);
/// The editable cells built in one task when a table is built in parts: about 40 ms on a
/// phone-class CPU (a cell with its input, value and message is 3–4 ms at 4× slowdown).
const CELLS_PER_PART: usize = 12;

#[component]
pub fn EditableTable<R: TableRow>(
    /// The table's title: its caption and the name of its scroll region.
    caption: Msg,
    source: TableSource<R>,
    /// The first column is the row's label: pinned, and a row header.
    columns: Vec<Column<R>>,
    /// The text of the "add a row" button.
    add_label: Msg,
    /// Shows only some rows (a page's filter); all by default.
    #[prop(optional, into)]
    selection: Option<Signal<RowSelection>>,
    /// Off where the page offers its own, more complete CSV of the same rows (the funnel):
    /// one page, one export.
    #[prop(default = true)]
    csv_export: bool,
) -> impl IntoView {
    let key = source.key;
    let (columns, access) = erase(source, columns);
    table_view(Table {
        key,
        caption,
        add_label,
        columns: columns.into(),
        access,
        selection: selection.unwrap_or_default(),
        csv_export,
    })
}

/// One table, row type erased.
struct Table {
    key: &'static str,
    caption: Msg,
    add_label: Msg,
    columns: Arc<[ColumnInfo]>,
    access: Arc<dyn RowAccess>,
    selection: Signal<RowSelection>,
    csv_export: bool,
}

#[derive(Clone)]
pub(super) enum Notice {
    Deleted,
    Imported {
        rows: usize,
    },
    Pasted {
        values: usize,
        /// The rows and columns written.
        area: Option<Range>,
        /// Columns outside the paste that kept values in the rows written over.
        kept: Option<(Vec<usize>, (usize, usize))>,
        need_fixing: usize,
        read_only: usize,
        beyond: usize,
        unknown_choice: usize,
    },
}

/// A choice column's options (key, label), listed for all its cells.
type ChoiceList = Memo<Vec<(String, String)>>;

/// Everything the table's handlers share. Copy, so closures can take it freely.
#[derive(Clone, Copy)]
pub(super) struct Grid {
    pub(super) store: PlanStore,
    pub(super) lang: UiLang,
    key: &'static str,
    pub(super) columns: StoredValue<Arc<[ColumnInfo]>>,
    pub(super) access: StoredValue<Arc<dyn RowAccess>>,
    /// The plan position of each shown row (all rows unless a filter hides some).
    plan_rows: Memo<Vec<usize>>,
    /// How many rows the plan has, shown or not.
    total: Memo<usize>,
    /// The shown rows, in order; every position below counts these.
    ids: Memo<Vec<RowId>>,
    positions: Memo<HashMap<RowId, usize>>,
    /// Each choice column's options, listed once for all its cells: a list read from
    /// the plan (budget categories, goals) is re-listed once per change, not once per
    /// cell in view, and a cell re-runs only when the list itself changed.
    choice_lists: StoredValue<Arc<[Option<ChoiceList>]>>,
    ctx: Memo<CellCtx>,
    cursor: RwSignal<Option<Cursor>>,
    anchor: RwSignal<Option<Cursor>>,
    mode: RwSignal<Mode>,
    /// The text being typed into one cell, shown exactly as typed until the cell is left.
    draft: RwSignal<Option<(RowId, usize, String)>>,
    /// The cell of `draft`: only that cell follows the text, and a keystroke wakes no
    /// other cell. Set together with `draft` ([`Grid::set_draft`]).
    draft_at: CellFlag,
    /// The cell's text when editing began, for Escape.
    before_edit: StoredValue<Option<(RowId, usize, String)>>,
    /// The cell that has the focus: its input holds the plain value (10000000), the
    /// others show theirs with its unit (¥10,000,000.00).
    focused: CellFlag,
    /// The next focus comes from the keyboard navigation (Select mode), not a click.
    focus_by_keys: StoredValue<bool>,
    notice: RwSignal<Option<Notice>>,
    scroll_top: RwSignal<f64>,
    viewport: RwSignal<f64>,
    scroller: NodeRef<html::Div>,
    table: NodeRef<html::Table>,
    menu_for: RwSignal<Option<RowId>>,
    drag_from: StoredValue<Option<usize>>,
    /// How often each row was dragged over other rows: part of its key in the list of
    /// rows, so that a dragged row is rebuilt at its new place. Leptos' keyed list would
    /// instead move in the page every row it passed over (it moves each row whose index
    /// changed by other than the rows added and removed): eight rows re-inserted, styled
    /// and laid out again to move one row down seven places.
    dragged: StoredValue<HashMap<RowId, u32>>,
    /// Every row in the page however long the table: on paper (`components::paper`).
    whole: Signal<bool>,
    /// How many rows are built so far: all (`usize::MAX`) but while a long table is built
    /// in parts ([`build_in_parts`]).
    built: RwSignal<usize>,
}

impl Grid {
    /// The browser's date (the page clock in tests).
    pub(super) fn today(self) -> chrono::NaiveDate {
        self.ctx.get_untracked().today
    }

    pub(super) fn len(self) -> usize {
        self.ids.with(Vec::len)
    }

    /// What a cell shows and copies: the text, or a choice's label.
    pub(super) fn display_text(self, row: usize, col: usize) -> String {
        let text = self.cell_text(row, col);
        let info = self.columns.with_value(|c| c[col]);
        if info.kind == ColumnKind::Choice {
            let lang = self.lang.get_untracked();
            self.store
                .read_untracked(|p| info.options.label_for(p, &text, lang))
        } else {
            text
        }
    }

    /// Runs `f` on the rows as shown: positions in, plan positions out. Read untracked:
    /// what changes the mapping (the plan, the filter) also re-runs whoever calls this.
    fn rows<T>(self, f: impl FnOnce(&dyn RowAccess) -> T) -> T {
        let total = self.total.get_untracked();
        self.plan_rows.with_untracked(|plan_rows| {
            self.access.with_value(|a| {
                f(&ShownRows {
                    inner: &**a,
                    plan_rows,
                    total,
                })
            })
        })
    }

    fn is_virtual(self) -> bool {
        self.len() > VIRTUAL_FROM && !self.whole.get()
    }

    fn editable(self) -> Vec<bool> {
        self.columns
            .with_value(|c| c.iter().map(ColumnInfo::editable).collect())
    }

    fn position(self, id: RowId) -> Option<usize> {
        self.positions.with(|p| p.get(&id).copied())
    }

    fn position_untracked(self, id: RowId) -> Option<usize> {
        self.positions.with_untracked(|p| p.get(&id).copied())
    }

    fn edit_key(self, id: RowId, col: usize) -> Option<EditKey> {
        Some(EditKey {
            table: self.key,
            row: id,
            column: col,
        })
    }

    fn cell_text(self, row: usize, col: usize) -> String {
        let ctx = self.ctx.get_untracked();
        self.store
            .read_untracked(|p| self.rows(|a| a.text(p, row, col, &ctx)))
    }

    /// Writes typed text into one cell: a change of that row only, announced to that
    /// row's cells and to what reads the table. A choice may also keep its text in the
    /// plan (see `model`), so it goes through a plain edit.
    fn write_cell(self, id: RowId, row: usize, col: usize, text: String) {
        let key = self.edit_key(id, col);
        let write = move |p: &mut Plan| self.rows(|a| a.write(p, row, col, &text));
        if self.columns.with_value(|c| c[col].kind) == ColumnKind::Choice {
            self.store.edit(key, write);
        } else {
            let part = self.access.with_value(|a| a.part());
            self.store.edit_row(part, id, key, write);
        }
    }

    /// The text typed into a cell, or none when no cell is being typed into.
    fn set_draft(self, draft: Option<(RowId, usize, String)>) {
        self.draft_at
            .set(draft.as_ref().map(|(id, col, _)| (*id, *col)));
        self.draft.set(draft);
    }

    /// Ends the edit of the focused cell: what was typed stays, as one undo step.
    fn finish(self) {
        self.set_draft(None);
        self.store.seal();
        self.mode.set(Mode::Select);
    }

    pub(super) fn notify(self, notice: Notice) {
        self.notice.set(Some(notice));
        set_timeout(move || self.notice.set(None), NOTICE_FOR);
    }

    /// The rows rendered now: all (those built so far, [`build_in_parts`]), or the
    /// visible window of a virtual table.
    fn window(self) -> (usize, usize) {
        let len = self.len();
        if !self.is_virtual() {
            return (0, len.min(self.built.get()));
        }
        let first = (self.scroll_top.get() / ROW_H) as usize;
        let start = first.saturating_sub(OVERSCAN).min(len);
        let count = (self.viewport.get() / ROW_H).ceil() as usize + 2 * OVERSCAN;
        (start, (start + count).min(len))
    }

    /// Moves the keyboard focus to a cell, scrolling it into a virtual table's window.
    fn focus(self, at: Cursor) {
        self.focus_cell(at, true);
    }

    /// Focuses a cell once the rows have re-rendered: after rows were added, removed or
    /// moved (moving a row's DOM node would drop a focus given before).
    fn focus_after_render(self, at: Cursor) {
        self.focus_cell(at, false);
    }

    fn focus_cell(self, at: Cursor, at_once: bool) {
        self.cursor.set(Some(at));
        if self.is_virtual() {
            if let Some(scroller) = self.scroller.get_untracked() {
                let (top, height) = (
                    scroller.scroll_top() as f64,
                    scroller.client_height() as f64,
                );
                let row_top = at.row as f64 * ROW_H;
                let visible = height - 2.0 * ROW_H; // header and caption
                if row_top < top || row_top > top + visible {
                    let target = (row_top - visible / 2.0).max(0.0);
                    scroller.set_scroll_top(target as i32);
                    self.scroll_top.set(target);
                }
            }
        }
        let Some(id) = self.ids.with_untracked(|ids| ids.get(at.row).copied()) else {
            return;
        };
        let grid = self;
        let focus_now = move || {
            let selector = format!("tr[data-row-id=\"{}\"] [data-col=\"{}\"]", id.0, at.col);
            let found = grid
                .table
                .get_untracked()
                .and_then(|t| t.query_selector(&selector).ok().flatten());
            let Some(el) = found.and_then(|e| e.dyn_into::<HtmlElement>().ok()) else {
                return false;
            };
            grid.focus_by_keys.set_value(true);
            let _ = el.focus();
            true
        };
        // At once when the cell is on screen, so that the next key lands on it; after the
        // next render when its row is new or was just scrolled into a virtual window.
        if !(at_once && focus_now()) {
            request_animation_frame(move || {
                focus_now();
            });
        }
    }

    fn selection(self) -> Option<Range> {
        Some(Range::between(self.anchor.get()?, self.cursor.get()?))
    }
}

/// The cell an event happened in: its row id, position and column.
fn event_cell(grid: Grid, ev: &web_sys::Event) -> Option<(HtmlElement, RowId, usize, usize)> {
    let el = ev.target()?.dyn_into::<HtmlElement>().ok()?;
    let col = el.get_attribute("data-col")?.parse().ok()?;
    let tr = el.closest("tr").ok()??;
    let id = RowId(tr.get_attribute("data-row-id")?.parse().ok()?);
    let row = grid.position_untracked(id)?;
    Some((el, id, row, col))
}

fn table_view(table: Table) -> AnyView {
    let store = use_plan();
    let lang = use_lang();
    let Table {
        key,
        caption,
        add_label,
        columns,
        access,
        selection,
        csv_export,
    } = table;
    let today = use_today();
    let access = StoredValue::new(access);
    // The table's rows follow only rows added, removed or moved: typing into a cell does
    // not list them again.
    let part = access.with_value(|a| a.part());
    let all_ids = Memo::new(move |_| {
        store.track_rows(part);
        store.read_untracked(|p| access.with_value(|a| a.ids(p)))
    });
    let total = Memo::new(move |_| all_ids.with(Vec::len));
    let plan_rows = Memo::new(move |_| {
        let selection = selection.get();
        all_ids.with(|all| {
            (0..all.len())
                .filter(|&i| selection.shows(all[i]))
                .collect::<Vec<usize>>()
        })
    });
    let ids = Memo::new(move |_| {
        all_ids
            .with(|all| plan_rows.with(|rows| rows.iter().map(|&i| all[i]).collect::<Vec<RowId>>()))
    });
    let positions = Memo::new(move |_| {
        ids.with(|ids| ids.iter().enumerate().map(|(i, id)| (*id, i)).collect())
    });
    let choice_lists: Arc<[Option<ChoiceList>]> = columns
        .iter()
        .map(|info| {
            let info = *info;
            (info.kind == ColumnKind::Choice).then(|| {
                Memo::new(move |_| {
                    store.read_parts(info.reads, |p| info.options.list(p, lang.get()))
                })
            })
        })
        .collect();
    let grid = Grid {
        store,
        lang,
        key,
        columns: StoredValue::new(columns.clone()),
        access,
        plan_rows,
        total,
        ids,
        positions,
        choice_lists: StoredValue::new(choice_lists),
        ctx: Memo::new(move |_| {
            let (currency, start_date) = store.read_parts(&[Part::Header], |p| {
                (p.header.currency, p.header.start_date)
            });
            CellCtx {
                lang: lang.get(),
                currency,
                start_date,
                today: today.get(),
            }
        }),
        cursor: RwSignal::new(None),
        anchor: RwSignal::new(None),
        mode: RwSignal::new(Mode::Select),
        draft: RwSignal::new(None),
        draft_at: CellFlag::new(),
        before_edit: StoredValue::new(None),
        focused: CellFlag::new(),
        focus_by_keys: StoredValue::new(false),
        notice: RwSignal::new(None),
        scroll_top: RwSignal::new(0.0),
        viewport: RwSignal::new(600.0),
        scroller: NodeRef::new(),
        table: NodeRef::new(),
        menu_for: RwSignal::new(None),
        drag_from: StoredValue::new(None),
        dragged: StoredValue::new(HashMap::new()),
        whole: whole_tables(),
        built: RwSignal::new(usize::MAX),
    };
    build_in_parts(grid);
    // Undo / redo replace what a cell shows, even mid-edit.
    Effect::new(move |_| {
        store.history_jumps();
        grid.set_draft(None);
    });

    let headers = columns
        .iter()
        .map(|c| {
            let derived = !c.editable();
            view! {
                <th scope="col" class=c.kind.css_class() title=move || derived.then(|| lang.get().t(Msg::DerivedColumn))>
                    {lang.t(c.header)}
                    {derived.then(|| view! { <span class="sr-only">{move || format!(" ({})", lang.get().t(Msg::DerivedColumn))}</span> })}
                </th>
            }
        })
        .collect_view();

    let add_row = move |_| {
        let len = grid.len();
        store.edit(None, move |p| {
            grid.rows(|a| a.insert(p, len, 1, lang.get_untracked()))
        });
        grid.focus_after_render(Cursor { row: len, col: 0 });
    };
    let on_scroll = move |_| {
        if let Some(s) = grid.scroller.get_untracked() {
            grid.scroll_top.set(s.scroll_top() as f64);
            grid.viewport.set(s.client_height() as f64);
        }
    };
    let spacer = move |rows: usize| {
        (rows > 0).then(|| view! { <tr class="spacer" aria-hidden="true" style=format!("height:{}px", rows * ROW_H as usize)></tr> })
    };
    let columns_for_rows = columns.clone();
    // Wide tables become a card per row on a phone (CSS); not once virtual, whose
    // window needs rows of one fixed height.
    let many_columns = columns.len() > CARDS_FROM_COLUMNS;
    let import_preview = RwSignal::new(None);

    view! {
        <div class="table-block">
            <div
                class="table-scroll"
                class:virtual=move || grid.is_virtual()
                role="region"
                aria-label=lang.t(caption)
                tabindex="0"
                node_ref=grid.scroller
                on:scroll=on_scroll
            >
                <table
                    class="grid"
                    class:card-rows=move || many_columns && !grid.is_virtual()
                    data-table=key
                    data-mode=move || match grid.mode.get() { Mode::Select => "select", Mode::Typing => "typing", Mode::Edit => "edit" }
                    aria-rowcount=move || grid.len() + 1
                    aria-busy=move || (grid.built.get() < grid.len()).then_some("true")
                    node_ref=grid.table
                    on:focusin=move |ev| on_focus_in(grid, ev.unchecked_into())
                    on:focusout=move |ev: web_sys::FocusEvent| on_focus_out(grid, ev)
                    on:pointerdown=move |_| grid.focus_by_keys.set_value(false)
                    on:input=move |ev| on_input(grid, ev)
                    on:change=move |ev| on_choice(grid, ev)
                    on:keydown=move |ev| on_key(grid, ev)
                    on:copy=move |ev| on_copy(grid, ev)
                    on:paste=move |ev| on_paste(grid, ev)
                    on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                    on:drop=move |ev| on_drop(grid, ev)
                >
                    <caption>{lang.t(caption)}</caption>
                    <thead>
                        <tr aria-rowindex="1">
                            {headers}
                            <th scope="col" class="col-actions"><span class="sr-only">{lang.t(Msg::RowActions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || spacer(grid.window().0)}
                        <For
                            each=move || {
                                let look = RowLook { lang: lang.get(), paper: grid.whole.get() };
                                let (a, b) = grid.window();
                                ids.with(|ids| ids[a..b].iter().map(|id| (*id, look)).collect::<Vec<_>>())
                            }
                            key=move |(id, look)| (*id, *look, grid.dragged.with_value(|d| d.get(id).copied().unwrap_or(0)))
                            children=move |(id, look)| row_view(grid, id, look, columns_for_rows.clone())
                        />
                        {move || spacer(grid.len() - grid.window().1)}
                    </tbody>
                </table>
            </div>
            <div class="table-actions">
                // One text node, as the prerendered copy parses it: two would be shaped apart,
                // and the takeover would move the label by a fraction of a pixel.
                <button type="button" class="btn" on:click=add_row>{move || format!("+ {}", lang.get().t(add_label))}</button>
                {csv_export.then(|| view! {
                    <button type="button" class="btn" on:click=move |_| csv_io::export(grid, caption)
                        aria-label=move || format!("{} {}", lang.get().t(Msg::ExportCsv), lang.get().t(caption))>
                        {lang.t(Msg::ExportCsv)}
                    </button>
                    <button type="button" class="btn" on:click=move |_| xlsx_io::export(grid, caption, import_preview)
                        aria-label=move || format!("{} {}", lang.get().t(Msg::ExportXlsx), lang.get().t(caption))>
                        {lang.t(Msg::ExportXlsx)}
                    </button>
                })}
                <label class="btn file-btn">
                    <span aria-hidden="true">{lang.t(Msg::ImportCsv)}</span>
                    <input type="file" accept=".csv,.tsv,.txt,text/csv" class="sr-only"
                        aria-label=move || format!("{} {}", lang.get().t(Msg::ImportCsv), lang.get().t(caption))
                        on:change=move |ev| { if let Some(file) = chosen_file(&ev) { csv_io::read(grid, file, import_preview); } } />
                </label>
                <label class="btn file-btn">
                    <span aria-hidden="true">{lang.t(Msg::ImportXlsx)}</span>
                    <input type="file" accept=".xlsx,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet" class="sr-only"
                        aria-label=move || format!("{} {}", lang.get().t(Msg::ImportXlsx), lang.get().t(caption))
                        on:change=move |ev| { if let Some(file) = chosen_file(&ev) { xlsx_io::read(grid, file, import_preview); } } />
                </label>
                <p class="hint keys-hint">{lang.t(Msg::TableKeysHint)}</p>
            </div>
            {csv_io::preview_view(grid, import_preview)}
            {move || grid.notice.get().map(|n| notice_view(grid, n))}
        </div>
    }
    .into_any()
}

/// Builds a long table a few rows per task while the app builds its page out of sight
/// (`deferred::building_out_of_sight`): the first rows with the table, the rest each in a task
/// of its own ahead of the page's later sections (`deferred::build_later`). The table says
/// it is busy until then, so the page takes over once the table is complete. On /scenario
/// the goals section was one task of 188 ms at 4× slowdown.
fn build_in_parts(grid: Grid) {
    let rows = grid.ids.with_untracked(Vec::len);
    if !building_out_of_sight() || grid.whole.get_untracked() || rows > VIRTUAL_FROM {
        return;
    }
    let editable = grid.editable().iter().filter(|e| **e).count();
    let per_part = (CELLS_PER_PART / editable.max(1)).max(1);
    if rows <= per_part {
        return;
    }
    grid.built.set(per_part);
    build_next_part(grid, per_part);
}

fn build_next_part(grid: Grid, per_part: usize) {
    build_later(move || {
        let Some(built) = grid.built.try_get_untracked() else {
            return;
        };
        let next = built.saturating_add(per_part);
        if next >= grid.ids.with_untracked(Vec::len) {
            grid.built.try_set(usize::MAX);
        } else {
            grid.built.try_set(next);
            build_next_part(grid, per_part);
        }
    });
}

fn notice_view(grid: Grid, notice: Notice) -> impl IntoView {
    let lang = grid.lang.get();
    let text = match notice {
        Notice::Deleted => lang.t(Msg::DeletedRow).to_string(),
        Notice::Imported { rows } => lang.t(Msg::CsvImported).replace("{}", &rows.to_string()),
        Notice::Pasted {
            values,
            area,
            kept,
            need_fixing,
            read_only,
            beyond,
            unknown_choice,
        } => {
            let header = |c: usize| grid.columns.with_value(|cols| lang.t(cols[c].header));
            let (rows, cols) = area.map_or((0, String::new()), |a| {
                (
                    a.rows.1 - a.rows.0 + 1,
                    span(a.cols, |c| header(c).to_string()),
                )
            });
            let mut parts = vec![lang
                .t(Msg::PastedValues)
                .replace("{0}", &values.to_string())
                .replace("{1}", &rows.to_string())
                .replace("{2}", &cols)];
            for (n, msg) in [
                (need_fixing, Msg::PasteNeedFixing),
                (read_only, Msg::PasteReadOnly),
                (beyond, Msg::PasteBeyond),
                (unknown_choice, Msg::PasteUnknownChoice),
            ] {
                if n > 0 {
                    parts.push(lang.t(msg).replace("{}", &n.to_string()));
                }
            }
            // Last: what the paste did not change in the rows it wrote over.
            if let Some((kept_cols, kept_rows)) = kept {
                let names: Vec<&str> = kept_cols.iter().map(|&c| header(c)).collect();
                parts.push(
                    lang.t(Msg::PasteKept)
                        .replace("{0}", &span(kept_rows, |r| (r + 1).to_string()))
                        .replace("{1}", &names.join(lang.t(Msg::NameSeparator))),
                );
            }
            parts.join(lang.t(Msg::ListSeparator))
        }
    };
    view! {
        <div class="notice" role="status">
            <span>{text}</span>
            <button type="button" class="btn btn-link" on:click=move |_| { grid.store.undo(); grid.notice.set(None); }>
                {lang.t(Msg::Undo)}
            </button>
        </div>
    }
}

/// Flags a cell's control while its value is wrong: `aria-invalid` (what screen readers
/// announce and what the style sheet colours) and `aria-describedby`, the id of the
/// message shown with it.
fn flag_control(control: &web_sys::Element, message_id: Option<&str>) {
    let invalid = if message_id.is_some() {
        "true"
    } else {
        "false"
    };
    let _ = control.set_attribute("aria-invalid", invalid);
    let _ = match message_id {
        Some(id) => control.set_attribute("aria-describedby", id),
        None => control.remove_attribute("aria-describedby"),
    };
}

/// An editable cell's input or select.
#[derive(Clone, Copy)]
enum Control {
    Input(NodeRef<html::Input>),
    Choice(NodeRef<html::Select>),
}

impl Control {
    fn element(self) -> Option<web_sys::Element> {
        match self {
            Control::Input(r) => r.get_untracked().map(JsCast::unchecked_into),
            Control::Choice(r) => r.get_untracked().map(JsCast::unchecked_into),
        }
    }
}

/// A cell's classes: its kind's, and `selected` inside a selection of more cells.
fn cell_class(col: usize, info: ColumnInfo, selected: bool) -> String {
    // The row's label cell is its row header, pinned while the table scrolls sideways.
    let pinned = if col == 0 && info.editable() {
        " pinned"
    } else {
        ""
    };
    let selected = if selected { " selected" } else { "" };
    format!("{}{pinned}{selected}", info.kind.css_class())
}

/// Whether column `col` is inside a row's selected columns.
fn in_cols(cols: Option<(usize, usize)>, col: usize) -> bool {
    cols.is_some_and(|(a, b)| (a..=b).contains(&col))
}

/// A row's cells, for what the row sets on all of them at once.
#[derive(Clone)]
struct RowCells {
    tr: NodeRef<html::Tr>,
    columns: Arc<[ColumnInfo]>,
    lang: Lang,
}

impl RowCells {
    /// Applies `apply` whenever `source` changes from `built`, the value the cells were
    /// built with (also if it changed before the effect's first run, a tick later).
    fn follow<T: Clone + PartialEq + Send + Sync + 'static>(
        &self,
        source: Memo<T>,
        built: T,
        apply: fn(&RowCells, &T),
    ) {
        let cells = self.clone();
        Effect::watch(
            move || source.get(),
            move |now, before, _| {
                if before.unwrap_or(&built) != now {
                    apply(&cells, now);
                }
            },
            true,
        );
    }

    /// The row's cells in column order (the row's actions after them are not a column).
    fn each_cell(&self, mut f: impl FnMut(usize, ColumnInfo, web_sys::Element)) {
        let Some(tr) = self.tr.get_untracked() else {
            return;
        };
        let mut cell = tr.first_element_child();
        for (col, info) in self.columns.iter().enumerate() {
            let Some(el) = cell else {
                return;
            };
            cell = el.next_element_sibling();
            f(col, *info, el);
        }
    }

    /// Names the controls of the columns `which` picks "column row".
    fn name_controls(&self, which: impl Fn(usize) -> bool, row_name: &str) {
        let lang = self.lang;
        self.each_cell(|col, info, cell| {
            if info.editable() && which(col) {
                if let Some(control) = cell.first_element_child() {
                    let _ = control
                        .set_attribute("aria-label", &control_name(lang.t(info.header), row_name));
                }
            }
        });
    }

    /// Marks the cells of the selected columns `selected`.
    fn mark_selected(&self, cols: Option<(usize, usize)>) {
        self.each_cell(|col, info, cell| {
            let _ = cell.set_attribute("class", &cell_class(col, info, in_cols(cols, col)));
        });
    }
}

/// A control's accessible name: its column and its row ("转化人数 社群入群"), which tests
/// and screen readers rely on.
fn control_name(column: &str, row_name: &str) -> String {
    format!("{column} {row_name}")
}

/// "第 3 行" for a row in the table, nothing for one no longer in it.
fn row_number_or_none(lang: Lang, row: Option<usize>) -> String {
    row.map(|r| row_number(lang, r)).unwrap_or_default()
}

/// "3–7" or "3": a span of rows or columns, each end named by `name`.
fn span(ends: (usize, usize), name: impl Fn(usize) -> String) -> String {
    if ends.0 == ends.1 {
        name(ends.0)
    } else {
        format!("{}–{}", name(ends.0), name(ends.1))
    }
}

/// "第 3 行" / "row 3".
fn row_number(lang: Lang, row: usize) -> String {
    lang.t(Msg::RowNumber).replace("{}", &(row + 1).to_string())
}

/// What every row in view is built for: a row is built again when it changes (rare: a
/// language switch, printing), so that its cells need no effect of their own for it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct RowLook {
    lang: Lang,
    /// On paper (`components::paper`): each value also as text (`printed_copy`).
    paper: bool,
}

fn row_view(grid: Grid, id: RowId, look: RowLook, columns: Arc<[ColumnInfo]>) -> impl IntoView {
    let Grid { store, ctx, .. } = grid;
    let part = grid.access.with_value(|a| a.part());
    let row = Memo::new(move |_| grid.position(id));
    // The row's name, or its number while it has none.
    let name = Memo::new(move |_| {
        let Some(r) = row.get() else {
            return String::new();
        };
        let label = store.read_row(part, id, &[], |p| grid.rows(|a| a.label(p, r)));
        if label.trim().is_empty() {
            row_number(look.lang, r)
        } else {
            label.trim().to_string()
        }
    });
    // The columns of this row inside a selection of more than one cell: one memo per row,
    // so that moving the cursor wakes a row's cells only when their part of it changed.
    let selected_cols = Memo::new(move |_| {
        let range = grid.selection().filter(|s| !s.is_single())?;
        let r = row.get()?;
        (range.rows.0..=range.rows.1)
            .contains(&r)
            .then_some(range.cols)
    });
    // What changes for a whole row at once (its name, its number, its part of a selection)
    // is set on its cells by three effects of the row. An effect per cell for each made a
    // row of 14 cells build 25 more effects, a tenth of building the rows in view.
    let tr = NodeRef::<html::Tr>::new();
    let (name_now, row_now, selected_now) = (
        name.get_untracked(),
        row.get_untracked(),
        selected_cols.get_untracked(),
    );
    let row_cells = RowCells {
        tr,
        columns: columns.clone(),
        lang: look.lang,
    };
    row_cells.follow(name, name_now.clone(), |cells, name| {
        cells.name_controls(|col| col != 0, name)
    });
    row_cells.follow(row, row_now, |cells, r| {
        cells.name_controls(|col| col == 0, &row_number_or_none(cells.lang, *r));
    });
    row_cells.follow(selected_cols, selected_now, |cells, cols| {
        cells.mark_selected(*cols)
    });
    let cells = columns
        .iter()
        .enumerate()
        .map(|(col, info)| {
            let info = *info;
            // What the cell reads: its row, and the parts of the plan its column names. Not
            // the row's position, read untracked: a row's values do not change when rows
            // are added, removed or moved around it, so its cells do not re-run then (nor
            // does Leptos walk their effects each time the positions change).
            let is_choice = info.kind == ColumnKind::Choice;
            let read = move |f: &dyn Fn(&Plan, usize) -> String| {
                grid.position_untracked(id).map(|r| {
                    if is_choice {
                        // A choice shows its stored key, or a kept text instead; the parts
                        // its column reads are its options, which only the list follows.
                        store.read_parts(&[Part::ChoiceTexts], |_| ());
                        store.read_row(part, id, &[], |p| f(p, r))
                    } else {
                        store.read_row(part, id, info.reads, |p| f(p, r))
                    }
                }).unwrap_or_default()
            };
            let text = move || {
                count_cell_render();
                read(&|p, r| grid.rows(|a| a.text(p, r, col, &ctx.get())))
            };
            // A phone shows each row as a card: every value under its column's name, the
            // columns the page puts first right after the row's name.
            let label = look.lang.t(info.header);
            let phone_order = (info.phone_rank > 0).then(|| format!("--phone-order:{}", info.phone_rank));
            let class = cell_class(col, info, in_cols(selected_now, col));
            if !info.editable() {
                return view! { <td class=class data-label=label style=phone_order>{text}</td> }.into_any();
            }
            let choices = grid.choice_lists.with_value(|lists| lists[col]);
            let error = Memo::new(move |_| {
                grid.position_untracked(id).and_then(|r| match choices {
                    // The row and its column's options, not what the options are read from.
                    Some(list) => {
                        store.read_parts(&[Part::ChoiceTexts], |_| ());
                        list.with(|options| {
                            store.read_row(part, id, &[], |p| grid.rows(|a| a.error_among(p, r, col, options)))
                        })
                    }
                    None => store.read_row(part, id, info.reads, |p| grid.rows(|a| a.error(p, r, col))),
                })
            });
            let error_id = format!("{}-{}-{}-error", grid.key, id.0, col);
            // The label column is named by row number: its own text changes as you type.
            let aria_label = if col == 0 {
                control_name(label, &row_number_or_none(look.lang, row_now))
            } else {
                control_name(label, &name_now)
            };
            let (field, control) = if info.kind == ColumnKind::Choice {
                let choice_ref = NodeRef::<html::Select>::new();
                let current = Memo::new(move |_| text());
                // Options may come from the plan (goals, categories): re-listed only when they change.
                let listed = choices.expect("a choice column has its list");
                let options = Memo::new(move |_| {
                    let mut list = listed.get();
                    let current = current.get();
                    if !list.iter().any(|(k, _)| *k == current) {
                        // A text that is no option (pasted, imported, or a key whose row is
                        // gone) stays visible as it is, flagged, never silently replaced.
                        list.push((current.clone(), current));
                    }
                    list
                });
                // The chosen option is marked when the list is drawn, and the select's value
                // follows the choice: no effect per option (a list of 1,000 goals would be
                // 1,000 of them per row, all re-run on every change).
                let option_views = move || {
                    let now = current.get_untracked();
                    options.get().into_iter().map(|(key, label)| {
                        let selected = key == now;
                        view! { <option value=key selected=selected>{label}</option> }
                    }).collect_view()
                };
                let select = view! {
                    <select data-col=col aria-label=aria_label prop:value=move || current.get() node_ref=choice_ref>
                        {option_views}
                    </select>
                };
                if look.paper {
                    // On paper the chosen option's label, without the select's arrow.
                    let chosen = move || {
                        let key = current.get();
                        options.with(|o| o.iter().find(|(k, _)| *k == key).map(|(_, label)| label.clone())).unwrap_or_default()
                    };
                    (view! { {select} {printed_copy(chosen)} }.into_any(), Control::Choice(choice_ref))
                } else {
                    (select.into_any(), Control::Choice(choice_ref))
                }
            } else {
                let input_ref = NodeRef::<html::Input>::new();
                // The value as the screen shows it when not edited, read once for the input
                // and its printed copy.
                let shown = Memo::new(move |_| {
                    count_cell_render();
                    read(&|p, r| grid.rows(|a| a.input_text(p, r, col, &ctx.get(), false)))
                });
                grid.draft_at.watch((id, col));
                grid.focused.watch((id, col));
                let value = move || {
                    // Only the cell being typed into follows the typed text.
                    if grid.draft_at.is_on((id, col)) {
                        if let Some(typed) = grid.draft.with(|d| d.as_ref().map(|(_, _, t)| t.clone())) {
                            return typed;
                        }
                    }
                    let has_focus = || input_ref.get_untracked().is_some_and(|i| has_focus(&i));
                    let editing = grid.focused.is_on((id, col)) || has_focus();
                    if editing {
                        count_cell_render();
                        read(&|p, r| grid.rows(|a| a.input_text(p, r, col, &ctx.get(), true)))
                    } else {
                        shown.get()
                    }
                };
                let input = view! {
                    <input
                        type=if info.kind == ColumnKind::Date { "date" } else { "text" }
                        inputmode=info.kind.input_mode()
                        data-col=col
                        aria-label=aria_label
                        prop:value=value
                        node_ref=input_ref
                    />
                };
                if look.paper {
                    (view! { {input} {printed_copy(move || shown.get())} }.into_any(), Control::Input(input_ref))
                } else {
                    (input.into_any(), Control::Input(input_ref))
                }
            };
            // One effect per cell for its message, which also flags the control
            // (`aria-invalid`, what the style sheet colours, and `aria-describedby`): the
            // control is built before it, so it is there on the first run.
            let message = move || {
                let e = error.get();
                if let Some(control) = control.element() {
                    flag_control(&control, e.is_some().then_some(error_id.as_str()));
                }
                e.map(|e| view! {
                    <span class="cell-error" id=error_id.clone()>{input_error_message(e, look.lang)}</span>
                })
            };
            // The control and its message are the cell's direct children: each nested
            // fragment or empty optional child would be one more marker comment per cell.
            if col == 0 {
                view! { <th scope="row" class=class data-label=label>{field}{message}</th> }.into_any()
            } else {
                view! { <td class=class data-label=label style=phone_order>{field}{message}</td> }.into_any()
            }
        })
        .collect_view();

    view! {
        <tr data-row-id=id.0.to_string() aria-rowindex=move || row.get().map(|r| r + 2) node_ref=tr>
            {cells}
            <td class="col-actions">{row_actions(grid, id, row, name)}</td>
        </tr>
    }
}

/// On paper a control cannot wrap its text, nor show a select's label without its arrow:
/// the print style sheet shows this copy of the value instead (screen readers never see
/// it). Only on paper: on screen it would be one more element and text per cell, made and
/// styled for every row added.
fn printed_copy(value: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    view! { <span class="print-value" aria-hidden="true">{value}</span> }
}

/// The drag handle and the row menu: insert, duplicate, move, delete.
fn row_actions(
    grid: Grid,
    id: RowId,
    row: Memo<Option<usize>>,
    name: Memo<String>,
) -> impl IntoView {
    let Grid { lang, .. } = grid;
    let open = move || grid.menu_for.get() == Some(id);
    let act = move |action: RowOp| {
        grid.menu_for.set(None);
        if let Some(r) = row.get_untracked() {
            row_op(grid, r, action);
        }
    };
    let item = move |label: Msg, op: RowOp| {
        view! { <button type="button" role="menuitem" on:click=move |_| act(op)>{lang.t(label)}</button> }
    };
    view! {
        <div class="row-actions">
            <span
                class="drag-handle"
                draggable="true"
                title=lang.t(Msg::DragRow)
                aria-hidden="true"
                on:dragstart=move |ev: web_sys::DragEvent| {
                    grid.drag_from.set_value(row.get_untracked());
                    if let Some(dt) = ev.data_transfer() {
                        let _ = dt.set_data("text/plain", "");
                        dt.set_effect_allowed("move");
                    }
                }
            >
                "⠿"
            </span>
            <button
                type="button"
                class="icon-btn"
                aria-haspopup="menu"
                aria-expanded=move || if open() { "true" } else { "false" }
                aria-label=move || format!("{} {}", lang.get().t(Msg::RowMenu), name.get())
                on:click=move |_| grid.menu_for.set(if open() { None } else { Some(id) })
            >
                "⋯"
            </button>
            <Show when=open>
                <div
                    class="row-menu"
                    role="menu"
                    on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { grid.menu_for.set(None) }
                >
                    {item(Msg::InsertAbove, RowOp::InsertAbove)}
                    {item(Msg::InsertBelow, RowOp::InsertBelow)}
                    {item(Msg::DuplicateRow, RowOp::Duplicate)}
                    {item(Msg::MoveUp, RowOp::MoveUp)}
                    {item(Msg::MoveDown, RowOp::MoveDown)}
                    {item(Msg::DeleteRow, RowOp::Delete)}
                </div>
            </Show>
        </div>
    }
}

#[derive(Clone, Copy)]
enum RowOp {
    InsertAbove,
    InsertBelow,
    Duplicate,
    MoveUp,
    MoveDown,
    Delete,
}

fn row_op(grid: Grid, r: usize, op: RowOp) {
    let len = grid.len();
    let col = grid.cursor.get_untracked().map_or(0, |c| c.col);
    let lang = grid.lang.get_untracked();
    // One undoable step on the table's rows.
    let edit = |change: &dyn Fn(&dyn RowAccess, &mut Plan)| {
        grid.store.edit(None, |p| grid.rows(|a| change(a, p)))
    };
    let target = match op {
        RowOp::InsertAbove => {
            edit(&|a, p| a.insert(p, r, 1, lang));
            Some(r)
        }
        RowOp::InsertBelow => {
            edit(&|a, p| a.insert(p, r + 1, 1, lang));
            Some(r + 1)
        }
        RowOp::Duplicate => {
            edit(&|a, p| a.duplicate(p, r));
            Some(r + 1)
        }
        RowOp::MoveUp if r > 0 => {
            edit(&|a, p| a.move_row(p, r, r - 1));
            Some(r - 1)
        }
        RowOp::MoveDown if r + 1 < len => {
            edit(&|a, p| a.move_row(p, r, r + 1));
            Some(r + 1)
        }
        RowOp::MoveUp | RowOp::MoveDown => None,
        RowOp::Delete => {
            grid.finish();
            edit(&|a, p| a.remove(p, r));
            grid.notify(Notice::Deleted);
            (len > 1).then(|| r.min(len - 2))
        }
    };
    if let Some(row) = target {
        grid.anchor.set(Some(Cursor { row, col }));
        grid.focus_after_render(Cursor { row, col });
    }
}

fn on_focus_in(grid: Grid, ev: web_sys::FocusEvent) {
    // A typed or pasted option label matches in either language: the English texts
    // are fetched once the merchant is in the table (before a paste or typing needs them).
    crate::state::preload_english();
    let Some((el, id, row, col)) = event_cell(grid, &ev) else {
        return;
    };
    let at = Cursor { row, col };
    let by_keys = grid.focus_by_keys.get_value();
    grid.focus_by_keys.set_value(false);
    if grid.cursor.get_untracked() != Some(at) || !by_keys {
        // A click or a tap edits in place; arriving by keys selects the cell.
        let extend = by_keys && grid.anchor.get_untracked().is_some();
        if !extend {
            grid.anchor.set(Some(at));
        }
    }
    grid.cursor.set(Some(at));
    grid.mode
        .set(if by_keys { Mode::Select } else { Mode::Edit });
    grid.before_edit
        .set_value(Some((id, col, grid.cell_text(row, col))));
    if let Ok(input) = el.dyn_into::<HtmlInputElement>() {
        if by_keys {
            input.select();
        }
        // The plain value to edit (20000, not ¥20,000.00) while the cell has the focus.
        let ctx = grid.ctx.get_untracked();
        let plain = grid
            .store
            .read_untracked(|p| grid.rows(|a| a.input_text(p, row, col, &ctx, true)));
        show_plain_on_focus(input, plain, by_keys, move || {
            grid.focused.set(Some((id, col)))
        });
    }
}

fn on_focus_out(grid: Grid, ev: web_sys::FocusEvent) {
    grid.focused.set(None);
    let inside = ev
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .zip(grid.table.get_untracked())
        .is_some_and(|(to, table)| table.contains(Some(&to)));
    if !inside {
        grid.finish();
    }
}

fn on_input(grid: Grid, ev: web_sys::Event) {
    let Some((el, id, row, col)) = event_cell(grid, &ev) else {
        return;
    };
    let Ok(input) = el.dyn_into::<HtmlInputElement>() else {
        return;
    };
    let mut text = input.value();
    if grid.mode.get_untracked() == Mode::Select {
        if let Some(typed) = typed_without_key(&ev) {
            input.set_value(&typed);
            text = typed;
        }
        grid.mode.set(Mode::Typing);
    }
    grid.set_draft(Some((id, col, text.clone())));
    grid.write_cell(id, row, col, text);
}

/// Text that reached a selected cell with no key press before it (an input method's
/// commit, dictation): in Select mode it replaces the cell, as typed keys do, however
/// the caret stood.
fn typed_without_key(ev: &web_sys::Event) -> Option<String> {
    // `InputEvent.data`, read without the web-sys feature.
    let data = js_sys::Reflect::get(ev, &wasm_bindgen::JsValue::from_str("data")).ok()?;
    data.as_string().filter(|d| !d.is_empty())
}

fn on_choice(grid: Grid, ev: web_sys::Event) {
    let Some((el, _, row, col)) = event_cell(grid, &ev) else {
        return;
    };
    let Ok(select) = el.dyn_into::<web_sys::HtmlSelectElement>() else {
        return;
    };
    let key = select.value();
    grid.store
        .edit(None, move |p| grid.rows(|a| a.write(p, row, col, &key)));
}

fn on_key(grid: Grid, ev: web_sys::KeyboardEvent) {
    let Some((el, id, row, col)) = event_cell(grid, &ev) else {
        return;
    };
    let mods = Modifiers {
        shift: ev.shift_key(),
        ctrl: ev.ctrl_key() || ev.meta_key(),
        alt: ev.alt_key(),
    };
    // Row shortcuts: Alt+Enter inserts below, Alt+D duplicates, Alt+Delete deletes.
    if mods.alt && !mods.ctrl {
        let op = match ev.key().as_str() {
            "Enter" => Some(RowOp::InsertBelow),
            "d" | "D" | "∂" => Some(RowOp::Duplicate),
            "Delete" | "Backspace" => Some(RowOp::Delete),
            _ => None,
        };
        if let Some(op) = op {
            ev.prevent_default();
            grid.finish();
            // The logical cursor, even if the focus has not caught up with a moved row yet.
            let row = grid.cursor.get_untracked().map_or(row, |c| c.row);
            row_op(grid, row, op);
            return;
        }
    }
    let is_select = el.tag_name() == "SELECT";
    let mode = if is_select {
        Mode::Edit
    } else {
        grid.mode.get_untracked()
    };
    match key_action(mode, &ev.key(), mods) {
        KeyAction::Default => {}
        KeyAction::StartTyping => start_typing(grid, el),
        KeyAction::Edit => {
            if let Ok(input) = el.dyn_into::<HtmlInputElement>() {
                ev.prevent_default();
                grid.mode.set(Mode::Edit);
                let end = input.value().encode_utf16().count() as u32;
                let _ = input.set_selection_range(end, end);
            }
        }
        KeyAction::Move { to, extend } => {
            if is_select && matches!(to, Move::Up | Move::Down) {
                return; // arrows choose an option in a list
            }
            // From where the cursor is, even if the focus has not caught up with it yet.
            let from = grid.cursor.get_untracked().unwrap_or(Cursor { row, col });
            let next = step(from, to, grid.len(), &grid.editable());
            if next == from && matches!(to, Move::Next | Move::Previous) {
                grid.finish();
                return; // Tab out of the table at its ends: no keyboard trap
            }
            ev.prevent_default();
            grid.finish();
            if !extend {
                grid.anchor.set(Some(next));
            }
            grid.focus(next);
        }
        KeyAction::Cancel => {
            ev.prevent_default();
            if let Some((b_id, b_col, text)) = grid
                .before_edit
                .get_value()
                .filter(|(i, c, _)| *i == id && *c == col)
            {
                grid.write_cell(b_id, row, b_col, text);
            }
            grid.finish();
            if let Ok(input) = el.dyn_into::<HtmlInputElement>() {
                input.select();
            }
        }
        KeyAction::ClearSelection => {
            ev.prevent_default();
            let at = Cursor { row, col };
            let range = grid
                .selection()
                .filter(|r| !r.is_single() && r.contains(at))
                .unwrap_or(Range::between(at, at));
            clear_cells(grid, range);
        }
        KeyAction::ClearActive => {
            // Only the cell in focus, whatever else is selected; the selection shrinks to it.
            let at = Cursor { row, col };
            grid.anchor.set(Some(at));
            grid.cursor.set(Some(at));
            start_typing(grid, el); // the browser deletes the selected text
        }
        KeyAction::MoveRow { up } => {
            ev.prevent_default();
            grid.finish();
            row_op(grid, row, if up { RowOp::MoveUp } else { RowOp::MoveDown });
        }
    }
}

/// Typing over a selected cell replaces all of its text, as in a spreadsheet, even when
/// its text is no longer selected in the input (a paste or a re-render moves the caret).
fn start_typing(grid: Grid, el: HtmlElement) {
    grid.mode.set(Mode::Typing);
    if let Ok(input) = el.dyn_into::<HtmlInputElement>() {
        input.select();
    }
}

/// Empties the editable cells of `range` (a choice keeps its value: a list has no
/// blank), as one undo step.
fn clear_cells(grid: Grid, range: Range) {
    let editable = grid.editable();
    let is_text = grid.columns.with_value(|c| {
        c.iter()
            .map(|c| c.kind != ColumnKind::Choice)
            .collect::<Vec<_>>()
    });
    grid.set_draft(None);
    grid.store.edit(None, move |p| {
        grid.rows(|a| {
            for r in range.rows.0..=range.rows.1 {
                for c in range.cols.0..=range.cols.1 {
                    if editable[c] && is_text[c] {
                        a.write(p, r, c, "");
                    }
                }
            }
        })
    });
}

/// Copies the selection (or the selected cell) as TSV, the way spreadsheets read it.
fn on_copy(grid: Grid, ev: web_sys::ClipboardEvent) {
    let Some(range) = grid.selection() else {
        return;
    };
    if range.is_single() && grid.mode.get_untracked() != Mode::Select {
        return; // copying part of a cell's text: the browser's own copy
    }
    let rows: Vec<Vec<String>> = (range.rows.0..=range.rows.1)
        .map(|r| {
            (range.cols.0..=range.cols.1)
                .map(|c| grid.display_text(r, c))
                .collect()
        })
        .collect();
    if let Some(data) = ev.clipboard_data() {
        let _ = data.set_data("text/plain", &to_tsv(&rows));
        ev.prevent_default();
    }
}

/// Pastes a block copied from Excel, WPS or Google Sheets at the cursor, adding rows as
/// needed. Every value goes through the same parsing as typing; what cannot land is
/// reported, never dropped silently. One undo step.
fn on_paste(grid: Grid, ev: web_sys::ClipboardEvent) {
    let Some((_, _, row, col)) = event_cell(grid, &ev) else {
        return;
    };
    let Some(text) = ev
        .clipboard_data()
        .and_then(|d| d.get_data("text/plain").ok())
    else {
        return;
    };
    let is_block = text
        .trim_end_matches(['\r', '\n'])
        .contains(['\t', '\n', '\r']);
    if !is_block && grid.mode.get_untracked() != Mode::Select {
        return; // a value pasted into the text being edited: the browser's own paste
    }
    ev.prevent_default();
    grid.finish();
    let block = parse_tsv(&text);
    let block = if block.is_empty() {
        vec![vec![String::new()]]
    } else {
        block
    };
    let len = grid.len();
    let editable = grid.editable();
    let mut plan = plan_paste(block, Cursor { row, col }, len, &editable);
    let lang = grid.lang.get_untracked();
    // What the notice says of the block, found before its values move into the plan.
    let area = plan.area();
    let kept = kept_values(grid, &plan, len, &editable);
    // Every value is written as pasted: a choice that is no option is kept and flagged.
    let writes = std::mem::take(&mut plan.writes);
    let cells: Vec<(usize, usize)> = writes.iter().map(|&(r, c, _)| (r, c)).collect();
    let new_rows = plan.new_rows;
    grid.store.edit(None, move |p| {
        grid.rows(|a| {
            a.insert(p, len, new_rows, lang);
            a.write_block(p, &mut writes.iter().map(|(r, c, v)| (*r, *c, v.as_str())));
        })
    });
    let (need_fixing, unknown_choice) = grid.store.read_untracked(|p| {
        // Each choice column's options listed once for the block, as the cells do.
        let options: Vec<Vec<(String, String)>> = grid.columns.with_value(|columns| {
            columns
                .iter()
                .map(|info| match info.kind {
                    ColumnKind::Choice => info.options.list(p, Lang::Zh),
                    _ => Vec::new(),
                })
                .collect()
        });
        grid.rows(|a| {
            cells.iter().fold((0, 0), |(bad, unknown), &(r, c)| {
                match a.error_among(p, r, c, &options[c]) {
                    Some(InputError::NotAnOption) => (bad, unknown + 1),
                    Some(_) => (bad + 1, unknown),
                    None => (bad, unknown),
                }
            })
        })
    });
    grid.notify(Notice::Pasted {
        values: cells.len(),
        area,
        kept,
        need_fixing,
        read_only: plan.on_read_only,
        beyond: plan.beyond_last_column,
        unknown_choice,
    });
    let last = cells.iter().fold(Cursor { row, col }, |m, &(r, c)| Cursor {
        row: m.row.max(r),
        col: m.col.max(c),
    });
    // The pasted block stays selected with its first cell active (where the focus is),
    // as in Excel: keys go on from there.
    grid.anchor.set(Some(last));
    grid.focus(Cursor { row, col });
}

/// The columns the paste did not reach that still hold values of their own in the rows
/// it wrote over (values a new row would not have), and those rows: what the notice
/// must name, so that old and new values are not taken for one pasted row.
fn kept_values(
    grid: Grid,
    paste: &PastePlan,
    rows_before: usize,
    editable: &[bool],
) -> Option<(Vec<usize>, (usize, usize))> {
    let (cols, rows) = paste.kept(rows_before, editable)?;
    let ctx = grid.ctx.get_untracked();
    let lang = grid.lang.get_untracked();
    let cols: Vec<usize> = grid.store.read_untracked(|p| {
        grid.rows(|a| {
            let fresh = a.new_row_texts(p, &cols, lang, &ctx);
            cols.iter()
                .zip(&fresh)
                .filter(|(&c, fresh)| (rows.0..=rows.1).any(|r| a.text(p, r, c, &ctx) != **fresh))
                .map(|(&c, _)| c)
                .collect()
        })
    });
    (!cols.is_empty()).then_some((cols, rows))
}

fn on_drop(grid: Grid, ev: web_sys::DragEvent) {
    let Some(from) = grid.drag_from.get_value() else {
        return;
    };
    grid.drag_from.set_value(None);
    ev.prevent_default();
    let target = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let id = target
        .and_then(|t| t.closest("tr[data-row-id]").ok().flatten())
        .and_then(|tr| tr.get_attribute("data-row-id"))
        .and_then(|id| id.parse().ok())
        .map(RowId);
    let Some(to) = id.and_then(|id| grid.position_untracked(id)) else {
        return;
    };
    if to != from {
        if from.abs_diff(to) > 1 {
            if let Some(id) = grid.ids.with_untracked(|ids| ids.get(from).copied()) {
                grid.dragged
                    .update_value(|d| *d.entry(id).or_default() += 1);
            }
        }
        grid.store
            .edit(None, move |p| grid.rows(|a| a.move_row(p, from, to)));
    }
}
