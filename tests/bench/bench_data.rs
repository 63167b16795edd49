//! The seeded synthetic data of the analytics benchmarks, shared by the native benches
//! (`examples/*_bench.rs`) and the same benches in the browser
//! (`tests/analytics_wasm_bench.rs`), so both measure exactly the same input. The Python
//! comparison (`tests/bench/analytics.py`) reads the files the native bench writes.
//!
//! Deterministic: a fixed-seed xorshift generator, no extra crate.

#![allow(dead_code)] // each includer uses part of it

pub const EVENTS: usize = 1_000_000;
pub const STEPS: [&str; 4] = ["scan", "join", "redeem", "purchase"];
pub const ORDERS: usize = 1_000_000;
pub const CUSTOMERS: u64 = 200_000;
pub const JOURNEYS: usize = 100_000;
pub const CHANNELS: usize = 12;

pub use omo_planner::domain::values::random::XorShift64Star as Rng;

/// A 1,000,000-event log: shoppers scan in store, some join the community, redeem a
/// coupon and buy, within hours or days, mixed with unrelated page views, and written in
/// time order as a real export is.
pub fn events_csv() -> String {
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
    let mut csv = String::with_capacity(EVENTS * 48);
    csv.push_str("user_id,timestamp,event,channel\n");
    for (t, user, event, channel) in rows {
        let time = chrono::DateTime::from_timestamp(t, 0).unwrap();
        csv.push_str(&format!(
            "u{user:07},{},{event},{channel}\n",
            time.format("%Y-%m-%dT%H:%M:%SZ")
        ));
    }
    csv
}

/// The seed of the orders and journeys (drawn one after the other from one generator).
pub fn analytics_rng() -> Rng {
    Rng(0x9e37_79b9_7f4a_7c15)
}

/// 1,000,000 orders of 200,000 customers over two years, skewed so that a few customers
/// order a lot; about 1% are refunds.
pub fn orders_csv(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(ORDERS * 48);
    s.push_str("手机号,下单日期,实付金额,渠道,门店\n");
    for _ in 0..ORDERS {
        let c = rng.below(CUSTOMERS).min(rng.below(CUSTOMERS));
        let day = rng.below(730);
        let (y, rest) = if day < 365 {
            (2025, day)
        } else {
            (2026, day - 365)
        };
        let (m, d) = (rest / 31 % 12 + 1, rest % 28 + 1);
        let amount = 20 + rng.below(2_000);
        let channel = if rng.below(3) == 0 {
            "线下"
        } else {
            "线上"
        };
        let cents = rng.below(100);
        // One order in a hundred is a refund (a negative amount), so the comparisons
        // check the refund rule too; no extra draw, so the rest of the data is unchanged.
        let sign = if cents == 0 { "-" } else { "" };
        s.push_str(&format!(
            "138{c:08},{y}-{m:02}-{d:02},{sign}{amount}.{cents:02},{channel},店{}\n",
            rng.below(30)
        ));
    }
    s
}

/// 100,000 journeys of 1-6 touches over 12 channels; later channels convert more often,
/// so the models have something to find.
pub fn journeys_csv(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(JOURNEYS * 120);
    s.push_str("journey_id,timestamp,channel,type,value\n");
    for j in 0..JOURNEYS {
        let touches = 1 + rng.below(6);
        let mut t = 1_767_225_600 + rng.below(86_400 * 60);
        let mut score = 0;
        for _ in 0..touches {
            let c = rng.below(CHANNELS as u64);
            score += c;
            t += rng.below(86_400);
            let kind = if c < 8 { "online" } else { "offline" };
            s.push_str(&format!("{j},{t},ch{c:02},{kind},\n"));
        }
        if rng.below(100) < 5 + score * 2 {
            t += 60;
            s.push_str(&format!("{j},{t},,conversion,{}\n", 50 + rng.below(500)));
        }
    }
    s
}
