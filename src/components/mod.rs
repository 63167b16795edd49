//! Reusable UI pieces. Thin: they read the plan, call the core, render.

pub mod chart;
pub mod deferred;
pub mod field;
pub mod files;
pub mod lazy_page;
pub mod offline;
pub mod paper;
pub mod plan_file;
pub mod sample;
pub mod shell;
pub mod storage_use;
pub mod summary_table;
pub mod sync;
pub mod table;
