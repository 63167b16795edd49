//! The computing core. Plain Rust only: nothing here may import leptos, web-sys, gloo or
//! wasm-bindgen, so every rule is tested natively with `cargo test`.
//!
//! A folder per concern, mirroring the pages; the shared value types and the file formats
//! have their own folders. Section modules import `values` and `formats`, never the plan
//! document, so the only module that knows every section is `plan`.

pub mod attribution;
pub mod channels;
pub mod customers;
pub mod formats;
pub mod funnel;
pub mod overview;
pub mod plan;
pub mod scenario;
pub mod sync;
pub mod tasks;
pub mod toolkits;
pub mod values;
