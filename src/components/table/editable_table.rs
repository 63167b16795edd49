//! The editable table component. Rows are keyed by id; each row reads its own slice of
//! the plan through a memo, so typing in one row re-renders only that row's cells.

use super::column::{CellCtx, Column, ColumnKind, TableRow, TableSource};
use crate::domain::plan::RowId;
use crate::i18n::{input_error_message, Lang, Msg};
use crate::state::{use_lang, use_plan, EditKey, PlanStore, UiLang};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// How long the "row deleted — undo" notice stays.
const UNDO_NOTICE: Duration = Duration::from_secs(10);

#[component]
pub fn EditableTable<R: TableRow>(
    /// The table's title, also its caption and the name of its scroll region.
    caption: Msg,
    source: TableSource<R>,
    /// The first column is the row's label: pinned, and a row header.
    columns: Vec<Column<R>>,
    /// The text of the "add a row" button.
    add_label: Msg,
) -> impl IntoView {
    let store = use_plan();
    let lang = use_lang();
    let columns = Arc::new(columns);
    let ids = Memo::new(move |_| {
        store.read(|p| {
            (source.rows)(p)
                .iter()
                .map(TableRow::id)
                .collect::<Vec<_>>()
        })
    });
    let positions = Memo::new(move |_| {
        ids.with(|ids| {
            ids.iter()
                .enumerate()
                .map(|(i, id)| (*id, i))
                .collect::<HashMap<_, _>>()
        })
    });
    let ctx = Memo::new(move |_| CellCtx {
        lang: lang.get(),
        currency: store.read(|p| p.header.currency),
    });
    let undo_notice = RwSignal::new(false);

    let headers = columns
        .iter()
        .map(|c| {
            let derived = c.kind == ColumnKind::Derived;
            view! {
                <th scope="col" class=c.kind.css_class() title=move || derived.then(|| lang.get().t(Msg::DerivedColumn))>
                    {lang.t(c.header)}
                    {derived.then(|| view! { <span class="sr-only">{move || format!(" ({})", lang.get().t(Msg::DerivedColumn))}</span> })}
                </th>
            }
        })
        .collect_view();

    let add_row = move |_| {
        let id = store.read_untracked(|p| p.next_row_id());
        let row = (source.new_row)(id, lang.get_untracked());
        store.edit(None, move |p| (source.rows_mut)(p).push(row));
    };
    let on_deleted = move || {
        undo_notice.set(true);
        set_timeout(move || undo_notice.set(false), UNDO_NOTICE);
    };

    let row_columns = columns.clone();
    view! {
        <div class="table-block">
            <div class="table-scroll" role="region" aria-label=lang.t(caption) tabindex="0">
                <table class="grid" data-table=source.key>
                    <caption>{lang.t(caption)}</caption>
                    <thead>
                        <tr>
                            {headers}
                            <th scope="col" class="col-actions"><span class="sr-only">{lang.t(Msg::RowActions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || ids.get()
                            key=|id| *id
                            children=move |id| {
                                let position = Signal::derive(move || positions.with(|p| p.get(&id).copied().unwrap_or(0)));
                                view! { <RowView id source columns=row_columns.clone() position ctx on_deleted /> }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <div class="table-actions">
                <button type="button" class="btn" on:click=add_row>"+ " {lang.t(add_label)}</button>
            </div>
            <Show when=move || undo_notice.get()>
                <div class="notice" role="status">
                    {lang.t(Msg::DeletedRow)}
                    <button type="button" class="btn btn-link" on:click=move |_| { store.undo(); undo_notice.set(false); }>
                        {lang.t(Msg::Undo)}
                    </button>
                </div>
            </Show>
        </div>
    }
}

/// "门店扫码关注", or "第 3 行" for a row without a name yet.
fn row_label<R: TableRow>(row: &R, position: usize, lang: Lang) -> String {
    let name = row.label();
    let name = name.trim();
    if name.is_empty() {
        lang.t(Msg::RowNumber)
            .replace("{}", &(position + 1).to_string())
    } else {
        name.to_string()
    }
}

#[component]
fn RowView<R: TableRow>(
    id: RowId,
    source: TableSource<R>,
    columns: Arc<Vec<Column<R>>>,
    position: Signal<usize>,
    ctx: Memo<CellCtx>,
    on_deleted: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let store = use_plan();
    let lang = use_lang();
    let row = Memo::new(move |_| {
        let index = position.get();
        store.read(|p| {
            (source.rows)(p)
                .get(index)
                .filter(|r| r.id() == id)
                .cloned()
        })
    });
    let label = Memo::new(move |_| {
        row.with(|r| {
            r.as_ref()
                .map(|r| row_label(r, position.get(), lang.get()))
                .unwrap_or_default()
        })
    });
    let number_label = Memo::new(move |_| {
        lang.get()
            .t(Msg::RowNumber)
            .replace("{}", &(position.get() + 1).to_string())
    });

    let cells = columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            // The label column is named by row number: its own text changes as you type.
            let row_name = if index == 0 { number_label } else { label };
            let cell = CellView {
                id,
                index,
                column: column.clone(),
                source,
                row,
                row_name,
                ctx,
                store,
            };
            cell.render(lang, index == 0)
        })
        .collect_view();

    let delete = move |_| {
        store.edit(None, move |p| (source.rows_mut)(p).retain(|r| r.id() != id));
        on_deleted();
    };
    view! {
        <tr data-row-id=id.0.to_string()>
            {cells}
            <td class="col-actions">
                <button
                    type="button"
                    class="icon-btn"
                    aria-label=move || format!("{} {}", lang.get().t(Msg::DeleteRow), label.get())
                    title=lang.t(Msg::DeleteRow)
                    on:click=delete
                >
                    "×"
                </button>
            </td>
        </tr>
    }
}

/// One cell: an input for editable columns, the figure for derived ones.
struct CellView<R: TableRow> {
    id: RowId,
    index: usize,
    column: Column<R>,
    source: TableSource<R>,
    row: Memo<Option<R>>,
    row_name: Memo<String>,
    ctx: Memo<CellCtx>,
    store: PlanStore,
}

impl<R: TableRow> CellView<R> {
    fn render(self, lang: UiLang, is_row_header: bool) -> AnyView {
        let CellView {
            id,
            index,
            column,
            source,
            row,
            row_name,
            ctx,
            store,
        } = self;
        let kind = column.kind;
        let text_fn = column.text.clone();
        let text = move || {
            row.with(|r| {
                r.as_ref()
                    .map(|r| text_fn(r, &ctx.get()))
                    .unwrap_or_default()
            })
        };

        let Some(write) = column.write.clone() else {
            return view! { <td class=kind.css_class()>{text}</td> }.into_any();
        };

        let error_fn = column.error.clone();
        let error = Memo::new(move |_| row.with(|r| r.as_ref().and_then(|r| error_fn(r))));
        let error_id = format!("{}-{}-{}-error", source.key, id.0, index);
        // While a cell is being typed in, it shows exactly what was typed; the stored
        // (possibly normalized) text is shown again once the cell is left.
        let draft = RwSignal::new(None::<String>);
        let before_edit = StoredValue::new(None::<String>);
        Effect::new(move |_| {
            store.history_jumps();
            draft.set(None);
        });
        let commit = move |value: String| {
            let write = write.clone();
            let key = EditKey {
                table: source.key,
                row: id,
                column: index,
            };
            store.edit(Some(key), move |p| {
                if let Some(r) = (source.rows_mut)(p).iter_mut().find(|r| r.id() == id) {
                    write(r, &value);
                }
            });
        };
        let commit_on_input = commit.clone();
        let header = column.header;
        let label = move || format!("{} {}", lang.get().t(header), row_name.get());
        let field = if kind == ColumnKind::Choice {
            let options = column
                .options
                .iter()
                .map(|&(key, option)| view! { <option value=key>{lang.t(option)}</option> })
                .collect_view();
            let text = text.clone();
            view! {
                <select
                    aria-label=label
                    prop:value=text
                    on:change=move |ev| {
                        commit(event_target_value(&ev));
                        store.seal();
                    }
                >
                    {options}
                </select>
            }
            .into_any()
        } else {
            view! {
                <input
                    type=if kind == ColumnKind::Date { "date" } else { "text" }
                    inputmode=kind.input_mode()
                    class:invalid=move || error.with(Option::is_some)
                    aria-label=label
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby={
                        let error_id = error_id.clone();
                        move || error.with(Option::is_some).then(|| error_id.clone())
                    }
                    prop:value=move || draft.get().unwrap_or_else(&text)
                    on:focus=move |ev| before_edit.set_value(Some(event_target_value(&ev)))
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        draft.set(Some(value.clone()));
                        commit_on_input(value);
                    }
                    on:blur=move |_| {
                        draft.set(None);
                        store.seal();
                    }
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                        "Escape" => {
                            if let Some(original) = before_edit.get_value() {
                                draft.set(None);
                                commit(original);
                                store.seal();
                            }
                        }
                        "Enter" => {
                            draft.set(None);
                            store.seal();
                        }
                        _ => {}
                    }
                />
            }
            .into_any()
        };
        let input = view! {
            {field}
            <Show when=move || error.with(Option::is_some)>
                <span class="cell-error" id=error_id.clone()>
                    {move || error.get().map(|e| input_error_message(e, lang.get()))}
                </span>
            </Show>
        };
        let class = if is_row_header {
            format!("{} pinned", kind.css_class())
        } else {
            kind.css_class().to_string()
        };
        if is_row_header {
            view! { <th scope="row" class=class>{input}</th> }.into_any()
        } else {
            view! { <td class=class>{input}</td> }.into_any()
        }
    }
}
