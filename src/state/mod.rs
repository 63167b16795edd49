//! Reactive application state: the plan store, where it is kept, and the UI language.

pub mod analysis;
pub mod archive;
pub mod autosave;
pub mod backend;
pub mod lang;
pub mod offline;
pub mod plan_data;
pub mod plan_reader;
pub mod plan_store;
pub mod plans;
pub mod row_memo;
pub mod share;
pub mod shared_copy;
pub mod storage;
pub mod storage_use;
pub mod today;
pub mod xlsx;

pub use crate::domain::plan::parts::Part;
pub use lang::{preload_english, provide_lang, use_lang, UiLang};
pub use plan_store::{use_plan, EditKey, PlanStore};
pub use plans::{use_plans, Plans};
pub use row_memo::RowMemos;
pub use today::{provide_today, use_today, Today};
