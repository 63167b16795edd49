//! The Excel workbook writer and reader (rust_xlsxwriter, calamine: most of a megabyte)
//! are their own wasm module, `xlsx`, fetched the first time a table is exported or
//! imported as a workbook, so the first load does not grow. The whole-plan workbook
//! (pages/workbook.rs) is in it too.

use crate::components::table::CellCtx;
use crate::domain::formats::xlsx::reader::{self, CellIn, ReadError, SheetIn};
use crate::domain::formats::xlsx::writer::{self, BookInfo, SheetOut};
use crate::domain::formats::xlsx::CellKind;
use crate::i18n::{Lang, Msg};
use crate::pages::workbook::Applied;
use crate::state::plan_store::PlanStore;
use leptos::wasm_split::SplitLoaderError;
use std::sync::OnceLock;

/// What the module offers, as plain functions of the core.
pub struct XlsxEngine {
    pub write: for<'a> fn(&[SheetOut], BookInfo<'a>) -> Result<Vec<u8>, String>,
    pub sheet_names: fn(&[u8]) -> Result<Vec<String>, ReadError>,
    pub read_sheet: fn(&[u8], usize) -> Result<SheetIn, ReadError>,
    pub cell_text: fn(&CellIn, CellKind) -> String,
    /// The whole plan, a sheet per table, in the context's language.
    pub plan_workbook: fn(PlanStore, CellCtx) -> Result<Vec<u8>, String>,
    /// The print view's figures: the overview's headline figures, then every table.
    pub report_workbook: fn(PlanStore, CellCtx) -> Result<Vec<u8>, String>,
    /// A whole-plan workbook written back over the plan's tables, one undo step.
    pub apply_workbook: fn(PlanStore, &[u8], Lang) -> Result<Applied, ReadError>,
}

static ENGINE: XlsxEngine = XlsxEngine {
    write: writer::write_workbook,
    sheet_names: reader::sheet_names,
    read_sheet: reader::read_sheet,
    cell_text: reader::cell_text,
    plan_workbook,
    report_workbook,
    apply_workbook: crate::pages::workbook::apply_workbook,
};

fn plan_workbook(store: PlanStore, ctx: CellCtx) -> Result<Vec<u8>, String> {
    write_sheets(&crate::pages::workbook::plan_sheets(store, ctx), ctx)
}

fn report_workbook(store: PlanStore, ctx: CellCtx) -> Result<Vec<u8>, String> {
    write_sheets(&crate::pages::workbook::report_sheets(store, ctx), ctx)
}

fn write_sheets(sheets: &[SheetOut], ctx: CellCtx) -> Result<Vec<u8>, String> {
    writer::write_workbook(
        sheets,
        BookInfo {
            currency: ctx.currency,
            created: ctx.today,
            computed_note: ctx.lang.t(Msg::XlsxComputedNote),
        },
    )
}

static LOADED: OnceLock<&'static XlsxEngine> = OnceLock::new();

#[leptos::wasm_split::wasm_split(xlsx, wasm_split_path = ::leptos::wasm_split, fallible)]
fn xlsx_module() -> Result<&'static XlsxEngine, SplitLoaderError> {
    // The whole-plan workbook names the columns of every page's tables.
    use crate::i18n::install_texts;
    install_texts::scenario();
    install_texts::tasks();
    install_texts::funnel();
    install_texts::channels();
    install_texts::toolkits();
    Ok(&ENGINE)
}

type EngineLoader = fn() -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<&'static XlsxEngine, SplitLoaderError>>>,
>;

thread_local! {
    static LOADER: std::cell::Cell<Option<EngineLoader>> = const { std::cell::Cell::new(None) };
}

/// Makes the module reachable; `app::mount` calls it. Only the start names the split
/// function (see `plan_data::enable_plan_modules` for why).
pub fn enable_xlsx_module() {
    LOADER.set(Some(|| Box::pin(xlsx_module())));
}

/// The engine, fetched once; `None` while its module cannot be fetched (offline) or in a
/// build without the split (the component tests).
pub async fn xlsx_engine() -> Option<&'static XlsxEngine> {
    if let Some(engine) = LOADED.get() {
        return Some(engine);
    }
    let engine = (LOADER.get()?)().await.ok()?;
    Some(LOADED.get_or_init(|| engine))
}
