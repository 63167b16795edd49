//! The computing core. Plain Rust only: nothing here may import leptos, web-sys, gloo or
//! wasm-bindgen, so every rule is tested natively with `cargo test`.

pub mod appointments;
pub mod calendar;
pub mod demo;
pub mod entry;
pub mod event_log;
pub mod funnel;
pub mod funnel_analysis;
pub mod kpi;
pub mod money;
pub mod plan;
pub mod ratio;
pub mod schema;
pub mod stats;
pub mod tasks;
