//! The funnel counted from a raw event log: a CSV file read in the browser in chunks
//! (a million rows must not freeze the page), steps picked in order with a conversion
//! window, the counts written into the funnel table as one undoable edit. Rows that
//! could not be read are listed with their line and reason, never silently dropped.

use super::definition::{Definition, Exclusions, ModePicker, StepWindows, WindowPresets};
use super::event_insights::EventInsights;
use super::fill;
use super::warehouse_sql::WarehouseSql;
use crate::components::files::{chosen_file, read_bytes, read_in_turns};
use crate::components::lazy_page::{LazyPage, PageLoadError};
use crate::components::sample::{SampleBadge, SampleTools};
use crate::domain::formats::stepped_read::Progress;
use crate::domain::funnel::event_log::{
    Column, EventLog, EventLogReader, EventRowError, HeaderError,
};
use crate::domain::funnel::modes::{analyze_funnel, FunnelQuery, FunnelReport};
use crate::domain::funnel::step_defaults::default_steps;
use crate::domain::funnel::tools::{apply_step_counts, Applied, CountsInto};
use crate::domain::funnel::warehouse::counted_where_it_lives;
use crate::domain::plan::samples::SampleFile;
use crate::domain::values::entry::CellValue;
use crate::i18n::{format_count, input_error_message, Lang, Msg};
use crate::state::{use_lang, use_plan, Part};
use leptos::prelude::*;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Bad rows listed one by one; the total is always given.
const SHOWN_ERRORS: usize = 100;
/// Event names offered as steps (a funnel has a handful; a column of ids would not do).
const MAX_NAMES: usize = 200;

#[derive(Clone, PartialEq)]
enum Reading {
    Idle,
    Progress {
        rows: usize,
        percent: u32,
    },
    Failed(Failure),
    Done {
        rows: usize,
    },
    /// Not read: a file this large is counted in the warehouse, unless read anyway.
    TooLarge {
        megabytes: u64,
    },
}

#[derive(Clone, PartialEq)]
enum Failure {
    Header(HeaderError),
    Unreadable,
}

fn row_error_text(reason: EventRowError, lang: Lang) -> String {
    let msg = match reason {
        EventRowError::WrongColumnCount { expected, found } => {
            return fill(
                lang.t(Msg::FaRowColumns),
                &[&expected.to_string(), &found.to_string()],
            )
        }
        EventRowError::UnclosedQuote => Msg::FaRowUnclosedQuote,
        EventRowError::TextAfterQuote => Msg::FaRowTextAfterQuote,
        EventRowError::NotUtf8 => Msg::FaRowNotUtf8,
        EventRowError::EmptyUser => Msg::FaRowEmptyUser,
        EventRowError::EmptyEvent => Msg::FaRowEmptyEvent,
        EventRowError::EmptyTime => Msg::FaRowEmptyTime,
        EventRowError::BadTime => Msg::FaRowBadTime,
    };
    lang.t(msg).to_string()
}

fn failure_text(failure: &Failure, lang: Lang) -> String {
    match failure {
        Failure::Unreadable => lang.t(Msg::FaFileUnreadable).into(),
        Failure::Header(HeaderError::NoHeader) => lang.t(Msg::FaFileEmpty).into(),
        Failure::Header(HeaderError::MissingColumns(columns)) => {
            let names: Vec<&str> = columns
                .iter()
                .map(|c| {
                    lang.t(match c {
                        Column::User => Msg::FaColUser,
                        Column::Time => Msg::FaColTime,
                        // The channel is optional: never reported missing.
                        Column::Event | Column::Channel => Msg::FaColEvent,
                    })
                })
                .collect();
            fill(
                lang.t(Msg::FaMissingColumns),
                &[&names.join(lang.t(Msg::ListSeparator))],
            )
        }
    }
}

/// What the time to convert, trends, channels and warehouse SQL read from the import.
#[derive(Clone, Copy)]
struct Extras {
    log: RwSignal<Option<Arc<EventLog>>>,
    query: Memo<Option<FunnelQuery>>,
    report: Memo<Option<Arc<FunnelReport>>>,
    steps: RwSignal<Vec<String>>,
    into: RwSignal<CountsInto>,
}

/// The sections shown once a log is read (or the SQL is asked for without one): their
/// own wasm module, fetched then, so the funnel page's first load does not carry them.
#[leptos::wasm_split::wasm_split(funnel_events, wasm_split_path = ::leptos::wasm_split, fallible)]
fn event_extras_module(x: Extras) -> Result<AnyView, PageLoadError> {
    Ok(untrack(|| {
        view! {
            {move || x.log.with(Option::is_some).then(|| view! { <EventInsights log=x.log query=x.query report=x.report /> })}
            <WarehouseSql query=x.query steps=x.steps into=x.into />
        }
        .into_any()
    }))
}

type ExtrasLoader = fn(Extras) -> Pin<Box<dyn Future<Output = Result<AnyView, PageLoadError>>>>;

thread_local! {
    static EXTRAS_LOADER: Cell<Option<ExtrasLoader>> = const { Cell::new(None) };
}

/// Names the sections' module loader; the app's start (`app::mount`) calls it. Only the
/// start names the split function: the funnel's columns are also built without the wasm
/// split (the component tests), and a module importing a split loader that nothing
/// provides could not even be instantiated there.
pub fn enable_funnel_events_module() {
    EXTRAS_LOADER.set(Some(|x| Box::pin(event_extras_module(x))));
}

/// The sections, from their module; without the split (no loader named), the message of
/// a module that could not be fetched.
fn event_extras(x: Extras) -> Pin<Box<dyn Future<Output = Result<AnyView, PageLoadError>>>> {
    match EXTRAS_LOADER.get() {
        Some(load) => load(x),
        None => Box::pin(async { Err(PageLoadError) }),
    }
}

/// Window units: (seconds, label).
const UNITS: [(u64, Msg); 3] = [
    (60, Msg::FaMinutes),
    (3600, Msg::FaHours),
    (86_400, Msg::FaDays),
];

#[component]
pub fn EventImport() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let reading = RwSignal::new(Reading::Idle);
    let log = RwSignal::new(None::<Arc<EventLog>>);
    // Bumped for each file: a read still running for an older file stops.
    let generation = StoredValue::new(0u64);
    let steps = RwSignal::new(Vec::<String>::new());
    let window_text = RwSignal::new("7".to_string());
    let unit = RwSignal::new(86_400u64);
    let channel = RwSignal::new(String::new());
    let into = RwSignal::new(CountsInto::Current);
    let applied = RwSignal::new(None::<(Applied, CountsInto)>);
    // Whether the log read (or being read) is the generated sample.
    let sample = RwSignal::new(false);
    let showing_sample = Signal::derive(move || sample.get() && log.with(Option::is_some));

    let window_secs = Memo::new(move |_| {
        window_text
            .with(|t| u64::parse(t))
            .map(|n| i64::try_from(n.saturating_mul(unit.get())).unwrap_or(i64::MAX))
    });
    let definition = Definition::new();
    // The funnel as defined on the page, for every channel (the channel filter applies to
    // the counts only; the breakdown and the SQL cover every channel).
    let query = Memo::new(move |_| {
        let window = window_secs.get().ok()?;
        let steps = steps.get();
        if steps.len() < 2 {
            return None;
        }
        let step_windows = definition.step_window_secs(unit.get()).ok()?;
        let exclusions = definition
            .exclusions
            .get()
            .into_iter()
            .filter(|x| x.from < x.to && x.to < steps.len())
            .collect();
        Some(FunnelQuery {
            steps,
            window_secs: window,
            step_windows,
            mode: definition.mode.get(),
            exclusions,
            channel: None,
        })
    });
    let report = Memo::new(move |_| {
        let log = log.get()?;
        let mut query = query.get()?;
        let channel = channel.get();
        query.channel = (!channel.is_empty()).then_some(channel);
        Some(Arc::new(analyze_funnel(&log, &query)))
    });
    let counts = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.counts.clone())));
    let excluded = Signal::derive(move || report.with(|r| r.as_ref().map(|r| r.excluded)));
    // A log too large for the browser is counted where it lives: the merchant writes the
    // SQL without reading a file, the funnel table's stage names as the steps.
    let warehouse_only = RwSignal::new(false);
    let stage_names = move || {
        store.read_parts(&[Part::FunnelStages], |p| {
            p.funnel
                .stages
                .iter()
                .map(|s| s.name.trim().to_string())
                .collect::<Vec<_>>()
        })
    };
    let names = Memo::new(move |_| {
        log.with(|l| match l {
            Some(l) => l
                .event_names()
                .iter()
                .take(MAX_NAMES)
                .map(String::from)
                .collect::<Vec<_>>(),
            None if warehouse_only.get() => stage_names(),
            None => Vec::new(),
        })
    });
    let shown = Memo::new(move |_| log.with(Option::is_some) || warehouse_only.get());

    // A file too large to read here, kept while the page offers to read it anyway.
    let held_file = StoredValue::new_local(None::<web_sys::File>);
    // A chosen file and the sample take this same path; only the label differs. A chosen
    // file larger than a browser should read is not read (unless `anyway`): the page
    // offers the warehouse SQL for it instead.
    let read_file = move |file: web_sys::File, is_sample: bool, anyway: bool| {
        let gen = generation.get_value() + 1;
        generation.set_value(gen);
        sample.set(is_sample);
        log.set(None);
        applied.set(None);
        let size = file.size().max(0.0) as u64;
        if !is_sample && !anyway && counted_where_it_lives(size) {
            warehouse_only.set(true);
            steps.set(stage_names());
            held_file.set_value(Some(file));
            reading.set(Reading::TooLarge {
                megabytes: size.div_ceil(1024 * 1024),
            });
            return;
        }
        held_file.set_value(None);
        warehouse_only.set(false);
        reading.set(Reading::Progress {
            rows: 0,
            percent: 0,
        });
        leptos::task::spawn_local(async move {
            let bytes = read_bytes(&file).await;
            // A newer file was chosen, or the page is gone: this read is over.
            let current = move || generation.try_with_value(|g| *g) == Some(gen);
            if !current() {
                return;
            }
            let Some(bytes) = bytes else {
                let _ = reading.try_set(Reading::Failed(Failure::Unreadable));
                return;
            };
            let reader = match EventLogReader::new(bytes) {
                Ok(reader) => reader,
                Err(e) => {
                    let _ = reading.try_set(Reading::Failed(Failure::Header(e)));
                    return;
                }
            };
            let rows = std::cell::Cell::new(0);
            let progress = |p: Progress| {
                rows.set(p.rows_done);
                // `try_set` hands the value back when the signal is gone (the page was left).
                current()
                    && reading
                        .try_set(Reading::Progress {
                            rows: p.rows_done,
                            percent: p.percent(),
                        })
                        .is_none()
            };
            let Some(read) = read_in_turns(reader, progress).await else {
                return;
            };
            let rows = rows.get();
            // Default steps: the funnel table's stage names that are events, else the
            // most frequent events in journey order (never a noise event), as many as
            // the funnel has stages + 1.
            let stages: Vec<String> =
                store.read_untracked(|p| p.funnel.stages.iter().map(|s| s.name.clone()).collect());
            let _ = steps.try_set(default_steps(&read, &stages, (stages.len() + 1).max(2)));
            let _ = definition.step_windows.try_set(Vec::new());
            let _ = definition.exclusions.try_set(Vec::new());
            let _ = channel.try_set(String::new());
            let _ = log.try_set(Some(Arc::new(read)));
            let _ = reading.try_set(Reading::Done { rows });
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(file) = chosen_file(&ev) {
            read_file(file, false, false);
        }
    };

    let apply = move |_| {
        let Some(counts) = counts.get_untracked() else {
            return;
        };
        let names = steps.get_untracked();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let target = into.get_untracked();
        let mut outcome = None;
        store.edit(None, |p| {
            let first = p.next_row_id();
            outcome = Some(apply_step_counts(
                &mut p.funnel.stages,
                &counts,
                &refs,
                target,
                first,
            ));
        });
        applied.set(outcome.map(|a| (a, target)));
    };

    let status = move || {
        let l = lang.get();
        match reading.get() {
            Reading::Idle => ().into_any(),
            Reading::Progress { rows, percent } => view! {
                <div class="progress-row">
                    <progress max="100" value=percent aria-label=l.t(Msg::FaReadProgress) data-testid="import-progress"></progress>
                    <span>{fill(l.t(Msg::FaReading), &[&format_count(rows as u64, l), &percent.to_string()])}</span>
                </div>
            }
            .into_any(),
            Reading::Failed(f) => view! { <p class="flag" role="alert">{failure_text(&f, l)}</p> }.into_any(),
            Reading::TooLarge { megabytes } => view! {
                <p data-testid="event-log-too-large">{fill(l.t(Msg::FaLogTooLarge), &[&format_count(megabytes, l)])}</p>
                <button type="button" class="btn" on:click=move |_| {
                    if let Some(file) = held_file.get_value() {
                        read_file(file, false, true);
                    }
                }>{l.t(Msg::FaReadAnyway)}</button>
            }
            .into_any(),
            Reading::Done { rows } => {
                let summary = log.with(|log| {
                    log.as_ref().map(|log| {
                        fill(
                            l.t(Msg::FaRead),
                            &[
                                &format_count(rows as u64, l),
                                &format_count(log.events().len() as u64, l),
                                &format_count(log.users().len() as u64, l),
                                &format_count(log.event_names().len() as u64, l),
                            ],
                        )
                    })
                });
                view! { <p data-testid="import-summary"><SampleBadge show=showing_sample />{summary}</p> }.into_any()
            }
        }
    };

    let bad_rows = move || {
        let l = lang.get();
        log.with(|log| {
            let log = log.as_ref()?;
            let errors = log.errors();
            if errors.is_empty() {
                return None;
            }
            let rows = errors
                .iter()
                .take(SHOWN_ERRORS)
                .map(|e| {
                    view! {
                        <tr>
                            <td class="num">{e.line}</td>
                            <td>{row_error_text(e.reason, l)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let more = (errors.len() > SHOWN_ERRORS).then(|| {
                fill(l.t(Msg::FaBadRowsFirst), &[&SHOWN_ERRORS.to_string()])
            });
            Some(view! {
                <div class="bad-rows" data-testid="bad-rows">
                    <p class="flag">{fill(l.t(Msg::FaBadRowsCount), &[&format_count(errors.len() as u64, l)])} {more}</p>
                    <div class="plain-scroll" role="region" tabindex="0" aria-label=l.t(Msg::FaBadRowsTitle)>
                        <table class="plain">
                            <caption>{l.t(Msg::FaBadRowsTitle)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col" class="num">{l.t(Msg::FaColLine)}</th>
                                    <th scope="col">{l.t(Msg::FaColReason)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </div>
            })
        })
    };

    let step_select = move |i: usize| {
        let current = move || steps.with(|s| s.get(i).cloned().unwrap_or_default());
        view! {
            <label class="step">
                <span>{move || fill(lang.get().t(Msg::FaStepN), &[&(i + 1).to_string()])}</span>
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    steps.update(|s| if let Some(step) = s.get_mut(i) { *step = v });
                }>
                    {move || names.get().into_iter().map(|name| {
                        let (value, compare) = (name.clone(), name.clone());
                        view! { <option value=value prop:selected=move || current() == compare>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };

    let setup = move || {
        shown.get().then(|| {
            let l = lang.get();
            let channels: Vec<String> = log.with(|log| {
                log.as_ref()
                    .map(|log| log.channels().iter().take(MAX_NAMES).map(String::from).collect())
                    .unwrap_or_default()
            });
            let many = log.with(|log| log.as_ref().is_some_and(|log| log.event_names().len() > MAX_NAMES));
            let window_error = move || window_secs.get().err().map(|e| input_error_message(e, lang.get()));
            let into_radio = move |value: CountsInto, label: Msg| view! {
                <label class="radio">
                    <input type="radio" name="funnel-import-into" prop:checked=move || into.get() == value on:change=move |_| into.set(value) />
                    <span>{lang.t(label)}</span>
                </label>
            };
            view! {
                <form class="form-grid import-form" on:submit=|ev| ev.prevent_default()>
                    <fieldset>
                        <legend>{l.t(Msg::FaSteps)}</legend>
                        {many.then(|| view! { <p class="hint wide">{fill(l.t(Msg::FaManyNames), &[&MAX_NAMES.to_string()])}</p> })}
                        <For each=move || 0..steps.with(Vec::len) key=|i| *i children=step_select />
                        <div class="button-row align-end">
                            <button type="button" class="btn" disabled=move || names.with(Vec::is_empty) on:click=move |_| {
                                let next = names.with(|n| n.first().cloned()).unwrap_or_default();
                                steps.update(|s| s.push(next));
                            }>{l.t(Msg::FaAddStep)}</button>
                            <button type="button" class="btn" disabled=move || steps.with(|s| s.len() <= 2) on:click=move |_| steps.update(|s| { s.pop(); })>
                                {l.t(Msg::FaRemoveStep)}
                            </button>
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>{l.t(Msg::FaWindow)}</legend>
                        <label>
                            <span>{l.t(Msg::FaWindowLength)}</span>
                            <input type="text" inputmode="numeric" aria-describedby="funnel-window-hint"
                                aria-invalid=move || if window_secs.get().is_err() { "true" } else { "false" }
                                prop:value=move || window_text.get()
                                on:input=move |ev| window_text.set(event_target_value(&ev)) />
                            {move || window_error().map(|e| view! { <span class="field-error">{e}</span> })}
                        </label>
                        <label>
                            <span>{l.t(Msg::FaWindowUnit)}</span>
                            <select on:change=move |ev| unit.set(event_target_value(&ev).parse().unwrap_or(86_400))>
                                {UNITS.iter().map(|&(secs, label)| view! {
                                    <option value=secs.to_string() prop:selected=move || unit.get() == secs>{lang.t(label)}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <WindowPresets window_text=window_text unit=unit />
                        <p class="hint wide" id="funnel-window-hint">{l.t(Msg::FaWindowHint)}</p>
                        {(!channels.is_empty()).then(|| view! {
                            <label>
                                <span>{l.t(Msg::FaChannel)}</span>
                                <select on:change=move |ev| channel.set(event_target_value(&ev))>
                                    <option value="" prop:selected=move || channel.with(String::is_empty)>{lang.t(Msg::FaAllChannels)}</option>
                                    {channels.into_iter().map(|c| {
                                        let (value, compare) = (c.clone(), c.clone());
                                        view! { <option value=value prop:selected=move || channel.with(|ch| *ch == compare)>{c}</option> }
                                    }).collect_view()}
                                </select>
                            </label>
                        })}
                    </fieldset>
                    <ModePicker mode=definition.mode />
                    <StepWindows definition=definition steps=steps />
                    <Exclusions definition=definition steps=steps names=names excluded=excluded />
                    <fieldset>
                        <legend>{l.t(Msg::FaFillInto)}</legend>
                        <div class="radio-row" role="radiogroup" aria-label=l.t(Msg::FaFillInto)>
                            {into_radio(CountsInto::Current, Msg::FaFillCurrent)}
                            {into_radio(CountsInto::Previous, Msg::FaFillPrevious)}
                        </div>
                        <p class="wide" data-testid="import-preview">
                            {move || match counts.get() {
                                Some(c) => {
                                    let l = lang.get();
                                    let list: Vec<String> = c.iter().map(|&n| format_count(n, l)).collect();
                                    fill(l.t(Msg::FaPreview), &[&list.join(" → ")])
                                }
                                None if log.with(Option::is_none) => lang.get().t(Msg::FaSqlNoCounts).to_string(),
                                None => lang.get().t(Msg::FaNeedTwoSteps).to_string(),
                            }}
                        </p>
                        <div class="button-row wide">
                            <button type="button" class="btn btn-primary" disabled=move || counts.with(Option::is_none) on:click=apply>
                                {l.t(Msg::FaApply)}
                            </button>
                        </div>
                    </fieldset>
                </form>
            }
        })
    };

    let applied_text = move || {
        applied.get().map(|(a, target)| {
            let l = lang.get();
            let mut text = fill(l.t(Msg::FaApplied), &[&a.filled.to_string()]);
            if a.added > 0 {
                text.push_str(&fill(l.t(Msg::FaAppliedAdded), &[&a.added.to_string()]));
            }
            if a.beyond > 0 {
                let msg = match target {
                    CountsInto::Current => Msg::FaAppliedRemoved,
                    CountsInto::Previous => Msg::FaAppliedCleared,
                };
                text.push_str(&fill(l.t(msg), &[&a.beyond.to_string()]));
            }
            view! { <p class="ok" data-testid="import-applied"><SampleBadge show=showing_sample />{text}</p> }
        })
    };

    view! {
        <section class="section print-skip" id="funnel-import" aria-labelledby="funnel-import-title">
            <h2 id="funnel-import-title">{lang.t(Msg::FaImportTitle)}</h2>
            <p class="hint">{lang.t(Msg::FaImportHint)}</p>
            <SampleTools sample=SampleFile::Events on_try=move |f| read_file(f, true, false) test_id="events-sample">
                <label class="btn file-btn">
                    {lang.t(Msg::FaChooseLog)}
                    <input type="file" accept=".csv,text/csv,text/plain" class="sr-only" on:change=on_file data-testid="event-log-file" />
                </label>
            </SampleTools>
            <div class="button-row">
                <button type="button" class="btn" aria-pressed=move || if warehouse_only.get() { "true" } else { "false" }
                    on:click=move |_| {
                        generation.update_value(|g| *g += 1); // a read under way stops
                        log.set(None);
                        reading.set(Reading::Idle);
                        applied.set(None);
                        warehouse_only.set(true);
                        steps.set(stage_names());
                    }>{lang.t(Msg::FaSqlWithoutFile)}</button>
            </div>
            <div role="status">{status}</div>
            {setup}
            <div role="status">{applied_text}</div>
            {bad_rows}
            {move || shown.get().then(|| {
                let extras = Extras { log, query, report, steps, into };
                view! { <LazyPage load=move || event_extras(extras) /> }
            })}
        </section>
    }
}
