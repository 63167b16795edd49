//! Reads a synthetic 1,000,000-event log and counts a 4-step funnel, printing the time
//! of each phase. Run: `cargo run --release --example event_funnel_bench`.
//!
//! The log is deterministic and shared with the other benches (`tests/bench/bench_data.rs`):
//! shoppers scan in store, some join the community, redeem a coupon and buy, within
//! hours or days, mixed with unrelated page views, in time order as a real export is.

use omo_planner::domain::formats::stepped_read::SteppedRead;
use omo_planner::domain::funnel::event_log::{count_funnel, EventLogReader};
use omo_planner::domain::funnel::modes::{analyze_funnel, FunnelMode, FunnelQuery};
use omo_planner::domain::funnel::timing::{step_timings, trends, Period};
use std::time::Instant;

#[path = "../tests/bench/bench_data.rs"]
mod bench_data;

use bench_data::{events_csv as synthetic_csv, EVENTS, STEPS};

fn main() {
    let csv = synthetic_csv();
    let bytes = csv.len();
    println!("{EVENTS} events, {:.1} MB of CSV", bytes as f64 / 1e6);

    let t0 = Instant::now();
    let mut reader = EventLogReader::new(csv).expect("header");
    let mut chunks = 0;
    let mut slowest = 0.0f64;
    loop {
        let c = Instant::now();
        let p = reader.step(50_000);
        slowest = slowest.max(c.elapsed().as_secs_f64());
        chunks += 1;
        if p.finished {
            break;
        }
    }
    let read = t0.elapsed().as_secs_f64();
    let s = Instant::now();
    let log = reader.finish();
    let sort = s.elapsed().as_secs_f64();
    let parse = t0.elapsed().as_secs_f64();

    let c = Instant::now();
    let counts = count_funnel(&log, &STEPS, 7 * 86_400, None);
    let count = c.elapsed().as_secs_f64();
    let c2 = Instant::now();
    let by_channel = count_funnel(&log, &STEPS, 3_600, Some("store"));
    let count_channel = c2.elapsed().as_secs_f64();
    let total = t0.elapsed().as_secs_f64();
    // What the page runs since issue 25: the mode-aware count that keeps each user's path,
    // then time to convert and weekly trends from those paths.
    let query = FunnelQuery {
        steps: STEPS.iter().map(|s| s.to_string()).collect(),
        window_secs: 7 * 86_400,
        ..FunnelQuery::default()
    };
    let a = Instant::now();
    let report = analyze_funnel(&log, &query);
    let analyze = a.elapsed().as_secs_f64();
    assert_eq!(report.counts, counts, "the default mode is the quick count");
    let a = Instant::now();
    let timings = step_timings(&report, STEPS.len());
    let weeks = trends(&report, STEPS.len(), Period::Week);
    let extras = a.elapsed().as_secs_f64();
    let strict = FunnelQuery {
        mode: FunnelMode::StrictOrder,
        ..query.clone()
    };
    let a = Instant::now();
    let strict_counts = analyze_funnel(&log, &strict).counts;
    let analyze_strict = a.elapsed().as_secs_f64();

    println!(
        "{} good rows, {} errors, {} users, {} channels",
        log.events().len(),
        log.errors().len(),
        log.users().len(),
        log.channels().len()
    );
    println!("funnel, 7-day window:        {counts:?}");
    println!("funnel, 1 h, started in store: {by_channel:?}");
    let ms = |s: f64| s * 1e3;
    println!(
        "parse {:.0} ms ({chunks} chunks of 50k rows, slowest {:.1} ms) + sort {:.0} ms = {:.0} ms",
        ms(read),
        ms(slowest),
        ms(sort),
        ms(parse)
    );
    println!(
        "count {:.1} ms (channel filter {:.1} ms); total {:.0} ms",
        ms(count),
        ms(count_channel),
        ms(total)
    );
    println!(
        "analyze (default mode, paths) {:.1} ms, strict_order {:.1} ms {strict_counts:?}; time to convert + {} weekly trends {:.1} ms (median step 2: {:?} s)",
        ms(analyze),
        ms(analyze_strict),
        weeks.len(),
        ms(extras),
        timings.first().and_then(|t| t.median)
    );
    println!(
        "read + analyze {:.0} ms (read + quick count {:.0} ms)",
        ms(parse + analyze),
        ms(parse + count)
    );
    println!(
        "{:.2} M events/s parsing, {:.1} M events/s counting",
        EVENTS as f64 / parse / 1e6,
        EVENTS as f64 / count / 1e6
    );
}
