//! The whole plan as a file: export (download) and import (validated and migrated
//! exactly like a stored plan; replacing the plan is one undo step); and exported as an
//! Excel workbook, a sheet per table.

use crate::components::files::{chosen_file, download, download_bytes, read_bytes, read_text};
use crate::components::table::xlsx_io::{error_text, XLSX_MIME};
use crate::components::table::CellCtx;
use crate::domain::plan::schema::{export_file_name, export_file_name_with, load_plan, save_plan};
use crate::i18n::{load_error_message, Msg};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

#[component]
pub fn ExportPlanButton() -> impl IntoView {
    let store = use_plan();
    let lang = use_lang();
    let export = move |_| {
        let (json, name) = store.read_untracked(|p| (save_plan(p), export_file_name(p)));
        let _ = download(&name, "application/json", &json);
    };
    view! { <button type="button" class="btn btn-on-light" on:click=export>{lang.t(Msg::ExportPlan)}</button> }
}

/// The whole plan as an Excel workbook, a sheet per table, in the UI language (the
/// `xlsx` module, fetched on the first click); with `report`, the print view's figures:
/// the overview's headline figures first.
#[component]
pub fn ExportWorkbookButton(#[prop(optional)] report: bool) -> impl IntoView {
    let store = use_plan();
    let lang = use_lang();
    let today = crate::state::today::use_today();
    let problem = RwSignal::new(None::<String>);
    let export = move |_| {
        let lang = lang.get_untracked();
        let (ctx, name) = store.read_untracked(|p| {
            let ctx = CellCtx {
                lang,
                currency: p.header.currency,
                start_date: p.header.start_date,
                today: today.get_untracked(),
            };
            let name = p.header.name.trim();
            let name = if report {
                format!("{name} {}", lang.t(Msg::ReportFileSuffix))
            } else {
                name.to_string()
            };
            (ctx, export_file_name_with(name.trim(), "xlsx"))
        });
        leptos::task::spawn_local(async move {
            let written = match crate::state::xlsx::xlsx_engine().await {
                None => Err(lang.t(Msg::XlsxErrModule).to_string()),
                Some(engine) => (if report {
                    engine.report_workbook
                } else {
                    engine.plan_workbook
                })(store, ctx)
                .map_err(|e| lang.t(Msg::XlsxErrWrite).replace("{}", &e)),
            };
            match written {
                Ok(bytes) => {
                    problem.set(None);
                    let _ = download_bytes(&name, XLSX_MIME, &bytes);
                }
                Err(why) => problem.set(Some(why)),
            }
        });
    };
    view! {
        <button type="button" class="btn btn-on-light" on:click=export>
            {lang.t(if report { Msg::XlsxReport } else { Msg::XlsxWorkbook })}
        </button>
        {move || problem.get().map(|why| view! { <p class="field-error" role="alert">{why}</p> })}
    }
}

/// A whole-plan workbook (as exported above, or edited in Excel) written back over the
/// plan's tables, each sheet over the table of its name: one undo step.
#[component]
pub fn ImportWorkbookButton() -> impl IntoView {
    let store = use_plan();
    let lang = use_lang();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let lang = lang.get_untracked();
            let Some(bytes) = read_bytes(&file).await else {
                return;
            };
            crate::state::lang::load_english().await;
            let result = match crate::state::xlsx::xlsx_engine().await {
                None => Err(lang.t(Msg::XlsxErrModule).to_string()),
                Some(engine) => (engine.apply_workbook)(store, &bytes, lang)
                    .map_err(|e| error_text(&e, lang))
                    .map(|a| {
                        let mut text = lang
                            .t(Msg::XlsxWorkbookApplied)
                            .replace("{0}", &a.tables.to_string())
                            .replace("{1}", &a.rows.to_string())
                            .replace("{2}", &a.need_fixing.to_string());
                        if !a.skipped.is_empty() {
                            text.push(' ');
                            text += &lang
                                .t(Msg::XlsxWorkbookSkipped)
                                .replace("{}", &a.skipped.join(lang.t(Msg::ListSeparator)));
                        }
                        text
                    }),
            };
            outcome.set(Some(result));
        });
    };
    view! {
        <label class="btn file-btn">
            {lang.t(Msg::XlsxImportWorkbook)}
            <input type="file" accept=".xlsx,.xls,.ods" class="sr-only" on:change=import />
        </label>
        {move || outcome.get().map(|o| match o {
            Ok(text) => view! { <p role="status">{text}</p> }.into_any(),
            Err(why) => view! { <p class="field-error" role="alert">{why}</p> }.into_any(),
        })}
    }
}

#[component]
pub fn ImportPlanButton() -> impl IntoView {
    let store = use_plan();
    let lang = use_lang();
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let loaded = read_text(&file)
                .await
                .ok_or_else(|| lang.get_untracked().t(Msg::LoadNotAPlan).to_string())
                .and_then(|text| {
                    load_plan(&text).map_err(|e| load_error_message(&e, lang.get_untracked()))
                });
            outcome.set(Some(loaded.map(|plan| store.replace(plan))));
        });
    };
    view! {
        <label class="btn file-btn">
            {lang.t(Msg::ImportPlan)}
            <input type="file" accept=".json,application/json" class="sr-only" on:change=import />
        </label>
        {move || outcome.get().map(|o| match o {
            Ok(()) => view! { <p role="status">{lang.get().t(Msg::Imported)}</p> }.into_any(),
            Err(why) => view! { <p class="field-error" role="alert">{lang.get().t(Msg::ImportFailed)} {why}</p> }.into_any(),
        })}
    }
}
