//! OMO market-expansion planner.
//!
//! `domain` and `i18n` are the pure core (no web imports; tested natively). Everything
//! that touches the browser is compiled for wasm32 only.

pub mod domain;
pub mod i18n;
pub mod sheet;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod state;
