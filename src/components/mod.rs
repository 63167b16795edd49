//! Reusable UI pieces. Thin: they read the plan, call the core, render.

pub mod chart;
pub mod download;
pub mod field;
pub mod plan_file;
pub mod shell;
pub mod table;
