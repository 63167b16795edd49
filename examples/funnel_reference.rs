//! The funnel's reference check (`make test-funnel-sql`), native side: writes a generated
//! event log of ~200k rows (ties, repeated steps, restarts, events that are no step, steps
//! out of order, paths ending exactly on the window's edge or a second past it) and, for
//! every funnel definition checked, the app's counts per starting channel, its time to
//! convert and the ClickHouse and DuckDB SQL the page writes. `tests/funnel_sql/check.py`
//! runs that SQL in chdb and DuckDB on the same file and compares.
//!
//! Run: `cargo run --example funnel_reference -- --out DIR` (writes DIR/events.csv and
//! DIR/cases.json).

use omo_planner::domain::formats::stepped_read::SteppedRead;
use omo_planner::domain::funnel::event_log::EventLogReader;
use omo_planner::domain::funnel::modes::{
    analyze_funnel, funnel_by_channel, Exclusion, FunnelMode, FunnelQuery,
};
use omo_planner::domain::funnel::timing::step_timings;
use omo_planner::domain::funnel::warehouse::{clickhouse_sql, duckdb_sql, WarehouseNames};
use omo_planner::domain::values::random::XorShift64Star as Rng;
use serde_json::{json, Value};

const USERS: u64 = 33_000;
const STEPS: [&str; 4] = ["visit", "signup", "cart", "pay"];
const NOISE: [&str; 3] = ["scroll", "refund", "share"];
const CHANNELS: [&str; 4] = ["store", "web", "app", ""];
const WINDOW: i64 = 3_600;

fn time_text(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .expect("in range")
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// Rows (user, time, event, channel), in the order the file lists them.
fn generate() -> Vec<(u64, i64, &'static str, &'static str)> {
    let mut rng = Rng(0xf0e1_d2c3_b4a5_9687);
    let start = 1_772_323_200; // 2026-03-01 00:00:00 UTC
    let mut rows = Vec::new();
    for user in 0..USERS {
        let mut mine = Vec::new();
        let sessions = 1 + rng.below(3);
        for _ in 0..sessions {
            let channel = CHANNELS[rng.below(4) as usize];
            let first = start + rng.below(92 * 86_400) as i64;
            let mut t = first;
            let depth = 1 + rng.below(STEPS.len() as u64) as usize;
            for (k, step) in STEPS.iter().enumerate().take(depth) {
                if k > 0 {
                    t += match rng.below(10) {
                        0 | 1 => 0,                  // a tie with the previous step
                        2 => first + WINDOW - t,     // exactly on the window's edge
                        3 => first + WINDOW + 1 - t, // a second past it
                        4 => 1_200 + rng.below(3_000) as i64,
                        _ => 1 + rng.below(900) as i64,
                    }
                    .max(0);
                }
                let ch = if k == 0 {
                    channel
                } else {
                    CHANNELS[rng.below(4) as usize]
                };
                mine.push((user, t, *step, ch));
                if rng.chance(8) {
                    // The same step again, now or a little later.
                    mine.push((
                        user,
                        t + rng.below(2) as i64 * rng.below(600) as i64,
                        *step,
                        ch,
                    ));
                }
                if rng.chance(10) {
                    let noise = NOISE[rng.below(3) as usize];
                    mine.push((user, t + rng.below(3) as i64 * 60, noise, ch));
                }
            }
            if rng.chance(6) && depth < STEPS.len() {
                // A later step before its turn.
                mine.push((user, first + 30, STEPS[depth], channel));
            }
        }
        // File order: mostly as exported, some users reversed (ties then come backwards).
        if rng.chance(30) {
            mine.reverse();
        }
        rows.extend(mine);
    }
    rows
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out = std::path::PathBuf::from("target/funnel-sql");
    while let Some(a) = args.next() {
        if a == "--out" {
            out = args.next().expect("--out DIR").into();
        }
    }
    std::fs::create_dir_all(&out).expect("output folder");
    let rows = generate();
    let mut csv = String::from("user_id,event_time,event,channel\n");
    for (user, t, event, channel) in &rows {
        csv.push_str(&format!("u{user},{},{event},{channel}\n", time_text(*t)));
    }
    std::fs::write(out.join("events.csv"), &csv).expect("events.csv");
    let log = EventLogReader::new(csv).expect("header").finish();
    assert!(log.errors().is_empty(), "{:?}", &log.errors()[..1]);

    let steps: Vec<String> = STEPS.iter().map(|s| s.to_string()).collect();
    let base = FunnelQuery {
        steps: steps.clone(),
        window_secs: WINDOW,
        ..FunnelQuery::default()
    };
    let mut cases: Vec<(String, FunnelQuery, bool)> = Vec::new();
    for mode in FunnelMode::ALL {
        for window in [0, WINDOW, 7 * 86_400] {
            let name = format!(
                "{} window {window}",
                mode.clickhouse_name().unwrap_or("default")
            );
            cases.push((
                name,
                FunnelQuery {
                    mode,
                    window_secs: window,
                    ..base.clone()
                },
                true,
            ));
        }
    }
    let step_windows = vec![None, Some(600), Some(1_200), None];
    let exclusion = vec![Exclusion {
        event: "refund".into(),
        from: 1,
        to: 3,
    }];
    for mode in [FunnelMode::Default, FunnelMode::StrictDeduplication] {
        let name = mode.clickhouse_name().unwrap_or("default");
        let q = FunnelQuery {
            mode,
            step_windows: step_windows.clone(),
            ..base.clone()
        };
        cases.push((format!("{name} per-step windows"), q, false));
        let q = FunnelQuery {
            mode,
            exclusions: exclusion.clone(),
            ..base.clone()
        };
        cases.push((format!("{name} exclusion"), q, false));
    }
    let q = FunnelQuery {
        mode: FunnelMode::StrictIncrease,
        step_windows,
        exclusions: exclusion,
        ..base.clone()
    };
    cases.push((
        "strict_increase per-step windows and exclusion".into(),
        q,
        false,
    ));

    let names = WarehouseNames::default();
    let json_cases: Vec<Value> = cases
        .iter()
        .map(|(name, q, clickhouse)| {
            let all = analyze_funnel(&log, q);
            let mut counts = serde_json::Map::new();
            counts.insert(String::new(), json!(all.counts));
            for (channel, c) in funnel_by_channel(&log, q) {
                counts.insert(channel, json!(c));
            }
            let timing: Vec<Value> = step_timings(&all, q.steps.len())
                .iter()
                .map(|t| json!({"step": t.step, "users": t.users, "median": t.median, "p90": t.p90}))
                .collect();
            json!({
                "name": name,
                "counts": counts,
                "timing": timing,
                "clickhouse": clickhouse.then(|| clickhouse_sql(q, &names)),
                "duckdb": duckdb_sql(q, &names, false),
                "duckdb_paths": duckdb_sql(&FunnelQuery { channel: None, ..q.clone() }, &WarehouseNames { channel: String::new(), ..names.clone() }, true),
            })
        })
        .collect();
    let doc = json!({"rows": rows.len(), "users": log.users().len(), "cases": json_cases});
    std::fs::write(
        out.join("cases.json"),
        serde_json::to_string_pretty(&doc).unwrap(),
    )
    .expect("cases.json");
    println!(
        "{} rows, {} cases → {}",
        rows.len(),
        cases.len(),
        out.display()
    );
}
