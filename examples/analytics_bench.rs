//! The analytics core at scale, natively: the event-log funnel on 1,000,000 events, RFM
//! on 1,000,000 orders, Markov + exact Shapley attribution on 100,000 journeys over 12
//! channels, printing the time of each phase. Run:
//!   cargo run --release --example analytics_bench [-- --out DIR]
//! With `--out DIR` it also writes the generated files (`events.csv`, `orders.csv`,
//! `journeys.csv`) and the results (`native.json`) there, for the Python and browser
//! comparisons of `make bench-analytics`.
//!
//! The data is deterministic and shared with the browser bench (`tests/bench/bench_data.rs`).

#[path = "../tests/bench/bench_data.rs"]
mod bench_data;

#[path = "../tests/bench/analytics_run.rs"]
mod analytics_run;

#[path = "../tests/bench/counting_alloc.rs"]
mod counting_alloc;

/// Counts bytes live and their peak, for the peak memory of each import.
#[global_allocator]
static ALLOC: counting_alloc::Counting = counting_alloc::Counting;

use std::time::Instant;

fn main() {
    let out = std::env::args()
        .skip_while(|a| a != "--out")
        .nth(1)
        .map(std::path::PathBuf::from);
    let start = Instant::now();
    let now = move || start.elapsed().as_secs_f64() * 1e3;

    let t = now();
    let data = analytics_run::generate();
    println!(
        "generated {} MB of events, {} MB of orders, {} MB of journeys in {:.0} ms",
        data.events.len() / 1_000_000,
        data.orders.len() / 1_000_000,
        data.journeys.len() / 1_000_000,
        now() - t
    );
    let funnel = analytics_run::funnel(&data.events, &now);
    println!("funnel:      {funnel}");
    let rfm = analytics_run::rfm(&data.orders, &now);
    println!("rfm:         {rfm}");
    let cohorts = analytics_run::cohorts(&data.orders, &now);
    println!("cohorts:     {cohorts}");
    let attribution = analytics_run::attribution(&data.journeys, &now);
    println!("attribution: {attribution}");
    let clv = analytics_run::clv(&data.clv_orders, &now);
    println!("clv:         {clv}");
    let response = analytics_run::response(&now);
    println!("response:    {response}");

    if let Some(dir) = out {
        std::fs::create_dir_all(&dir).expect("output directory");
        for (name, text) in [
            ("events.csv", &data.events),
            ("orders.csv", &data.orders),
            ("journeys.csv", &data.journeys),
            ("clv_orders.csv", &data.clv_orders),
        ] {
            std::fs::write(dir.join(name), text).expect("write data");
        }
        let results = serde_json::json!({
            "funnel": funnel, "rfm": rfm, "cohorts": cohorts, "attribution": attribution,
            "clv": clv, "response": response,
        });
        std::fs::write(dir.join("native.json"), results.to_string()).expect("write results");
        println!("wrote the data and native.json to {}", dir.display());
    }
}
