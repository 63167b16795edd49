//! The computing core. Plain Rust only: nothing here may import leptos, web-sys, gloo or
//! wasm-bindgen, so every rule is tested natively with `cargo test`.

pub mod appointments;
pub mod attribution;
pub mod budget;
pub mod calendar;
pub mod choice;
pub mod csv;
pub mod csv_chunks;
pub mod customers;
pub mod deliverable;
pub mod demo;
pub mod entry;
pub mod event_log;
pub mod funnel;
pub mod funnel_analysis;
pub mod funnel_tools;
pub mod goals;
pub mod ics;
pub mod kpi;
pub mod kpi_system;
pub mod money;
pub mod monitoring;
pub mod plan;
pub mod plan_list;
pub mod playbooks;
pub mod ratio;
pub mod rollup;
pub mod scenario;
pub mod schedule;
pub mod schema;
pub mod stats;
pub mod stepped_read;
pub mod sync;
pub mod tasks;
pub mod timeline;
pub mod toolkits;
