//! Reads a synthetic 1,000,000-event log and counts a 4-step funnel, printing the time
//! of each phase. Run: `cargo run --release --example event_funnel_bench`.
//!
//! The log is deterministic (a fixed-seed xorshift generator, no extra crate): shoppers
//! scan in store, some join the community, redeem a coupon and buy, within hours or days,
//! mixed with unrelated page views, and written in time order as a real export is.

use omo_planner::domain::event_log::{count_funnel, EventLogReader};
use std::time::Instant;

const EVENTS: usize = 1_000_000;
const STEPS: [&str; 4] = ["scan", "join", "redeem", "purchase"];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn synthetic_csv() -> String {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let start = 1_790_000_000i64; // October 2026
    let mut rows: Vec<(i64, u32, &str, &str)> = Vec::with_capacity(EVENTS);
    let mut user = 0u32;
    while rows.len() < EVENTS {
        user += 1;
        let mut t = start + rng.below(30 * 86_400) as i64;
        let channel = ["store", "wechat", "meituan"][rng.below(3) as usize];
        for (k, step) in STEPS.iter().enumerate() {
            rows.push((t, user, step, channel));
            // Some shoppers repeat a step; then most drop out, as in the spec's funnel.
            if rng.below(5) == 0 {
                rows.push((t + rng.below(600) as i64, user, step, channel));
            }
            let keep = [30, 60, 30, 0][k];
            if rng.below(100) >= keep {
                break;
            }
            let gap = if rng.below(10) == 0 {
                3 * 86_400
            } else {
                3_600
            };
            t += rng.below(gap) as i64;
        }
        for _ in 0..rng.below(3) {
            rows.push((t + rng.below(86_400) as i64, user, "view", channel));
        }
    }
    rows.truncate(EVENTS);
    rows.sort_by_key(|r| r.0);
    let mut csv = String::from("user_id,timestamp,event,channel\n");
    for (t, user, event, channel) in rows {
        let time = chrono::DateTime::from_timestamp(t, 0).unwrap();
        csv.push_str(&format!(
            "u{user:07},{},{event},{channel}\n",
            time.format("%Y-%m-%dT%H:%M:%SZ")
        ));
    }
    csv
}

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
        "{:.2} M events/s parsing, {:.1} M events/s counting",
        EVENTS as f64 / parse / 1e6,
        EVENTS as f64 / count / 1e6
    );
}
