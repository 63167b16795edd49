//! Counting where the log lives (issue 25): the funnel defined on the page as ClickHouse
//! and DuckDB SQL with the merchant's table and column names, each with a copy button, and
//! the import of the query's result (level counts as CSV) into the funnel table, rows that
//! cannot be read listed with their line, as the event-log import does.

use crate::components::files::{chosen_file, read_bytes};
use crate::domain::funnel::modes::FunnelQuery;
use crate::domain::funnel::tools::{apply_step_counts, CountsInto};
use crate::domain::funnel::warehouse::{
    clickhouse_sql, duckdb_sql, read_level_counts, repeated_steps, LevelCounts, LevelRowError,
    WarehouseNames,
};
use crate::i18n::{format_count, Msg};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Copies `text` with the asynchronous clipboard API (looked up by name: the web-sys
/// feature is not enabled for this one call). Whether it worked is not awaited; the text
/// stays selectable on screen either way.
fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else {
        return false;
    };
    write.call1(&clipboard, &text.into()).is_ok()
}

#[derive(Clone, Copy, PartialEq)]
enum Which {
    ClickHouse,
    DuckDb,
}

#[component]
pub fn WarehouseSql(
    query: Memo<Option<FunnelQuery>>,
    steps: RwSignal<Vec<String>>,
    into: RwSignal<CountsInto>,
) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let names = RwSignal::new(WarehouseNames::default());
    let copied = RwSignal::new(None::<Which>);
    let result = RwSignal::new(None::<Result<LevelCounts, ()>>);
    let sql = move |which: Which| {
        let q = query.get()?;
        let n = names.get();
        Some(match which {
            Which::ClickHouse => clickhouse_sql(&q, &n),
            Which::DuckDb => duckdb_sql(&q, &n, false),
        })
    };
    let name_field = move |label: Msg,
                           get: fn(&WarehouseNames) -> &String,
                           set: fn(&mut WarehouseNames, String)| {
        view! {
            <label>
                <span>{lang.t(label)}</span>
                <input type="text" prop:value=move || names.with(|n| get(n).clone())
                    on:input=move |ev| { let v = event_target_value(&ev); names.update(|n| set(n, v)); copied.set(None); } />
            </label>
        }
    };
    let block = move |which: Which, title: Msg, test_id: &'static str| {
        view! {
            <div class="sql-block wide">
                <div class="button-row">
                    <strong>{lang.t(title)}</strong>
                    <button type="button" class="btn" on:click=move |_| {
                        if let Some(text) = sql(which) {
                            if copy_text(&text) { copied.set(Some(which)); }
                        }
                    }>{lang.t(Msg::FaSqlCopy)}" "{lang.t(title)}</button>
                    <span role="status">{move || (copied.get() == Some(which)).then(|| lang.get().t(Msg::FaSqlCopied))}</span>
                </div>
                <pre class="sql" tabindex="0" data-testid=test_id>{move || sql(which).unwrap_or_default()}</pre>
            </div>
        }
    };
    let notes = move || {
        let l = lang.get();
        query.with(|q| {
            let q = q.as_ref()?;
            let mut notes = Vec::new();
            if !q.exclusions.is_empty() || q.step_windows.iter().any(Option::is_some) {
                notes.push(l.t(Msg::FaSqlChNote));
            }
            if repeated_steps(&q.steps) {
                notes.push(l.t(Msg::FaSqlRepeated));
            }
            Some(
                notes
                    .into_iter()
                    .map(|n| view! { <p class="hint wide flag">{n}</p> })
                    .collect_view(),
            )
        })
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        let n = steps.get_untracked().len();
        leptos::task::spawn_local(async move {
            let text = read_bytes(&file)
                .await
                .and_then(|b| String::from_utf8(b).ok());
            let read = text.and_then(|t| read_level_counts(&t, n).ok()).ok_or(());
            let _ = result.try_set(Some(read));
        });
    };
    let all_users = Memo::new(move |_| {
        result.with(|r| {
            r.as_ref()?
                .as_ref()
                .ok()?
                .funnels
                .iter()
                .find(|(c, _)| c.is_empty())
                .map(|(_, c)| c.clone())
        })
    });
    let apply = move |_| {
        let Some(counts) = all_users.get_untracked() else {
            return;
        };
        let names = steps.get_untracked();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let target = into.get_untracked();
        store.edit(None, |p| {
            let first = p.next_row_id();
            apply_step_counts(&mut p.funnel.stages, &counts, &refs, target, first);
        });
    };
    let result_view = move || {
        let l = lang.get();
        result.get().map(|r| match r {
            Err(()) => view! { <p class="flag" role="alert">{l.t(Msg::FaSqlResultMissing)}</p> }.into_any(),
            Ok(read) => {
                let rows = read.funnels.iter().map(|(c, counts)| {
                    let c = if c.is_empty() { l.t(Msg::FaAllChannels).to_string() } else { c.clone() };
                    let list: Vec<String> = counts.iter().map(|&n| format_count(n, l)).collect();
                    view! { <tr><th scope="row">{c}</th><td>{list.join(" → ")}</td></tr> }
                }).collect_view();
                let errors = read.errors.iter().map(|(line, text, why)| {
                    let why = l.t(match why {
                        LevelRowError::BadLevel => Msg::FaSqlBadLevel,
                        LevelRowError::BadUsers => Msg::FaSqlBadUsers,
                        LevelRowError::MissingField => Msg::FaSqlMissingField,
                    });
                    view! { <tr><td class="num">{*line}</td><td>{text.clone()}</td><td>{why}</td></tr> }
                }).collect_view();
                let has_errors = !read.errors.is_empty();
                view! {
                    <div data-testid="sql-result">
                        <table class="plain">
                            <caption>{l.t(Msg::FaSqlResultRead)}</caption>
                            <thead><tr><th scope="col">{l.t(Msg::FaChannel)}</th><th scope="col">{l.t(Msg::FaColUsers)}</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                        {has_errors.then(|| view! {
                            <table class="plain">
                                <caption>{l.t(Msg::FaBadRowsTitle)}</caption>
                                <thead><tr>
                                    <th scope="col" class="num">{l.t(Msg::FaColLine)}</th>
                                    <th scope="col">{l.t(Msg::FaSqlResult)}</th>
                                    <th scope="col">{l.t(Msg::FaColReason)}</th>
                                </tr></thead>
                                <tbody>{errors}</tbody>
                            </table>
                        })}
                        <div class="button-row">
                            <button type="button" class="btn" disabled=move || all_users.with(Option::is_none) on:click=apply>
                                {l.t(Msg::FaSqlApply)}
                            </button>
                        </div>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="subsection" aria-labelledby="funnel-sql-title">
            <h3 id="funnel-sql-title">{lang.t(Msg::FaSqlTitle)}</h3>
            <p class="hint">{lang.t(Msg::FaSqlHint)}</p>
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                {name_field(Msg::FaSqlTable, |n| &n.table, |n, v| n.table = v)}
                {name_field(Msg::FaSqlUser, |n| &n.user, |n, v| n.user = v)}
                {name_field(Msg::FaSqlTime, |n| &n.time, |n, v| n.time = v)}
                {name_field(Msg::FaSqlEvent, |n| &n.event, |n, v| n.event = v)}
                {name_field(Msg::FaSqlChannel, |n| &n.channel, |n, v| n.channel = v)}
                {notes}
                {block(Which::ClickHouse, Msg::FaSqlClickhouse, "sql-clickhouse")}
                {block(Which::DuckDb, Msg::FaSqlDuckdb, "sql-duckdb")}
            </form>
            <label class="btn file-btn">
                {lang.t(Msg::FaSqlResult)}
                <input type="file" accept=".csv,.tsv,text/csv,text/plain" class="sr-only" on:change=on_file data-testid="sql-result-file" />
            </label>
            {result_view}
        </section>
    }
}
