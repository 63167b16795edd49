//! The analytics benchmark proper, shared by the native bench (`examples/analytics_bench.rs`)
//! and the browser one (`tests/analytics_wasm_bench.rs`): each phase timed with the
//! caller's clock (milliseconds), the results kept beside the times so that the Python
//! comparison can check agreement. Reads through the same readers as the page.

use super::bench_data::*;
use omo_planner::domain::attribution::journeys::read_journeys;
use omo_planner::domain::attribution::{markov, shapley};
use omo_planner::domain::customers::orders::read_orders;
use omo_planner::domain::customers::rfm::{customer_stats, group_sizes, score, LayerCuts};
use omo_planner::domain::event_log::{count_funnel, EventLogReader};
use serde_json::{json, Value};

/// The generated files, in the order [`run`] takes them.
pub struct Data {
    pub events: String,
    pub orders: String,
    pub journeys: String,
}

pub fn generate() -> Data {
    let events = events_csv();
    let mut rng = analytics_rng();
    let orders = orders_csv(&mut rng);
    let journeys = journeys_csv(&mut rng);
    Data {
        events,
        orders,
        journeys,
    }
}

/// Event-log funnel: read the CSV in chunks of 50,000 rows as the page does, sort, then
/// count the 4-step funnel with a 7-day window (and 1 h, started in store).
pub fn funnel(csv: &str, now: &dyn Fn() -> f64) -> Value {
    let t0 = now();
    let mut reader = EventLogReader::new(csv.as_bytes().to_vec()).expect("header");
    while !reader.step(50_000).finished {}
    let log = reader.finish();
    let t1 = now();
    let counts = count_funnel(&log, &STEPS, 7 * 86_400, None);
    let t2 = now();
    let store = count_funnel(&log, &STEPS, 3_600, Some("store"));
    let t3 = now();
    json!({
        "events": log.events().len(),
        "users": log.users().len(),
        "parse_ms": t1 - t0,
        "compute_ms": t2 - t1,
        "compute_store_ms": t3 - t2,
        "counts_7d": counts,
        "counts_1h_store": store,
    })
}

/// RFM: read the orders, per-customer stats, quintile scores, layer and segment sizes.
pub fn rfm(csv: &str, now: &dyn Fn() -> f64) -> Value {
    let t0 = now();
    let orders = read_orders(csv).expect("header");
    let t1 = now();
    let as_of = orders.orders.iter().map(|o| o.day).max().unwrap_or(0);
    let stats = customer_stats(&orders.orders, orders.customers.len(), as_of);
    let scored = score(&stats, as_of);
    let (layers, segments) = group_sizes(&scored, &stats, LayerCuts::default());
    let t2 = now();
    let sum = |f: &dyn Fn(&omo_planner::domain::customers::rfm::Scored) -> u8| -> u64 {
        scored.iter().map(|s| u64::from(f(s))).sum()
    };
    json!({
        "orders": orders.orders.len(),
        "customers": scored.len(),
        "parse_ms": t1 - t0,
        "compute_ms": t2 - t1,
        "score_sums": [sum(&|s| s.r), sum(&|s| s.f), sum(&|s| s.m)],
        "layers": layers.map(|l| l.customers),
        "segments": segments.map(|s| s.customers),
        "segment_spend": segments.map(|s| s.monetary),
    })
}

/// Attribution: read the journeys, then Markov (removal effects, exact solve) and exact
/// Shapley (2^12 coalitions).
pub fn attribution(csv: &str, now: &dyn Fn() -> f64) -> Value {
    let t0 = now();
    let journeys = read_journeys(csv).expect("header");
    let t1 = now();
    let m = markov::markov(&journeys);
    let t2 = now();
    let s = shapley::shapley_exact(&journeys);
    let t3 = now();
    json!({
        "journeys": journeys.journeys,
        "paths": journeys.paths.len(),
        "conversions": journeys.conversions,
        "value": journeys.value,
        "channels": journeys.channels,
        "parse_ms": t1 - t0,
        "markov_ms": t2 - t1,
        "shapley_ms": t3 - t2,
        "markov_conversions": m.conversions,
        "markov_value": m.value,
        "shapley_conversions": s.conversions,
        "shapley_value": s.value,
    })
}
