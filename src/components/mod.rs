//! Reusable UI pieces. Thin: they read the plan, call the core, render.

pub mod shell;
pub mod table;
