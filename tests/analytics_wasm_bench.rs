//! The analytics benchmark in the browser: the same seeded data and phases as
//! `examples/analytics_bench.rs` (shared code under `tests/bench/`), compiled to wasm
//! and run in headless Chromium. A benchmark, not a test: it asserts nothing about time
//! and prints one `BENCH {json}` line per part for `tests/bench/analytics.py`.
//!   make bench-analytics   (or: cargo test --release --target wasm32-unknown-unknown
//!                           --test analytics_wasm_bench)
#![cfg(target_arch = "wasm32")]

#[path = "bench/bench_data.rs"]
mod bench_data;

#[path = "bench/analytics_run.rs"]
mod analytics_run;

#[path = "bench/counting_alloc.rs"]
mod counting_alloc;

/// Counts bytes live and their peak, for the peak memory of each import.
#[global_allocator]
static ALLOC: counting_alloc::Counting = counting_alloc::Counting;

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`, without enabling web-sys's Performance feature for the app.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

#[wasm_bindgen_test]
fn analytics_in_the_browser() {
    let now = || performance_now();
    let t = now();
    let data = analytics_run::generate();
    console_log!("BENCH {{\"generate_ms\": {}}}", now() - t);
    let funnel = analytics_run::funnel(&data.events, &now);
    console_log!("BENCH {{\"funnel\": {funnel}}}");
    let rfm = analytics_run::rfm(&data.orders, &now);
    console_log!("BENCH {{\"rfm\": {rfm}}}");
    let cohorts = analytics_run::cohorts(&data.orders, &now);
    console_log!("BENCH {{\"cohorts\": {cohorts}}}");
    let attribution = analytics_run::attribution(&data.journeys, &now);
    console_log!("BENCH {{\"attribution\": {attribution}}}");
    let clv = analytics_run::clv(&data.clv_orders, &now);
    console_log!("BENCH {{\"clv\": {clv}}}");
}

/// Response curves (issue 27): 12 channels × 36 months fitted with bootstrap, then
/// optimised; the target is 500 ms.
#[wasm_bindgen_test]
fn response_curves_in_the_browser() {
    let now = || performance_now();
    let response = analytics_run::response(&now);
    console_log!("BENCH {{\"response\": {response}}}");
}
