//! Customer analytics at scale: RFM, lifecycle lists and KPIs on 1,000,000 orders, and
//! Markov + Shapley attribution on 100,000 journeys over 12 channels, printing the time
//! of each phase. Run: `cargo run --release --example analytics_bench`.
//!
//! The data is deterministic (a fixed-seed xorshift generator, no extra crate) and goes
//! through the same CSV readers as the page, so parsing is measured too.

use omo_planner::domain::attribution::journeys::read_journeys;
use omo_planner::domain::attribution::{markov, shapley};
use omo_planner::domain::customers::customer_kpis::customer_kpis;
use omo_planner::domain::customers::lifecycle::{lifecycle_lists, LifecycleRules};
use omo_planner::domain::customers::orders::read_orders;
use omo_planner::domain::customers::rfm::{customer_stats, group_sizes, score, LayerCuts};
use omo_planner::domain::money::Fen;
use std::time::Instant;

const ORDERS: usize = 1_000_000;
const CUSTOMERS: u64 = 200_000;
const JOURNEYS: usize = 100_000;
const CHANNELS: usize = 12;

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

fn orders_csv(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(ORDERS * 48);
    s.push_str("手机号,下单日期,实付金额,渠道,门店\n");
    for _ in 0..ORDERS {
        // Skewed: a few customers order a lot.
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
        s.push_str(&format!(
            "138{c:08},{y}-{m:02}-{d:02},{amount}.{:02},{channel},店{}\n",
            rng.below(100),
            rng.below(30)
        ));
    }
    s
}

fn journeys_csv(rng: &mut Rng) -> String {
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
        // Later channels convert more often, so the models have something to find.
        if rng.below(100) < 5 + score * 2 {
            t += 60;
            s.push_str(&format!("{j},{t},,conversion,{}\n", 50 + rng.below(500)));
        }
    }
    s
}

fn main() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let t = Instant::now();
    let text = orders_csv(&mut rng);
    println!(
        "generated {ORDERS} orders ({} MB) in {:?}",
        text.len() / 1_000_000,
        t.elapsed()
    );

    let t = Instant::now();
    let orders = read_orders(&text).expect("header");
    println!(
        "read orders: {} orders, {} customers, {} bad rows in {:?}",
        orders.orders.len(),
        orders.customers.len(),
        orders.bad_total,
        t.elapsed()
    );
    let as_of = orders.orders.iter().map(|o| o.day).max().unwrap_or(0);
    let t = Instant::now();
    let stats = customer_stats(&orders.orders, orders.customers.len(), as_of);
    let scored = score(&stats, as_of);
    let (layers, segments) = group_sizes(&scored, &stats, LayerCuts::default());
    println!(
        "RFM on {ORDERS} orders: {} customers scored in {:?} (layers {:?}, segments {:?})",
        scored.len(),
        t.elapsed(),
        layers.map(|l| l.customers),
        segments.map(|s| s.customers)
    );
    let t = Instant::now();
    let lists = lifecycle_lists(&stats, as_of, LifecycleRules::default());
    let kpis = customer_kpis(&stats, Fen(500_000));
    println!(
        "lifecycle lists {:?} and KPIs (repurchase {:?}) in {:?}",
        lists.iter().map(Vec::len).collect::<Vec<_>>(),
        kpis.repurchase_rate.map(|r| r.basis_points()),
        t.elapsed()
    );

    let t = Instant::now();
    let text = journeys_csv(&mut rng);
    println!(
        "generated {JOURNEYS} journeys ({} MB) in {:?}",
        text.len() / 1_000_000,
        t.elapsed()
    );
    let t = Instant::now();
    let journeys = read_journeys(&text).expect("header");
    println!(
        "read journeys: {} paths ({} distinct), {} conversions, {} channels in {:?}",
        journeys.journeys,
        journeys.paths.len(),
        journeys.conversions,
        journeys.channels.len(),
        t.elapsed()
    );
    let t = Instant::now();
    let m = markov::markov(&journeys);
    println!(
        "Markov on {JOURNEYS} journeys, {CHANNELS} channels: {:?}",
        t.elapsed()
    );
    let t = Instant::now();
    let s = shapley::shapley_exact(&journeys);
    println!(
        "Shapley (exact, 2^{CHANNELS} coalitions): {:?}",
        t.elapsed()
    );
    let t = Instant::now();
    let s2 = shapley::shapley_simplified(&journeys);
    println!("Shapley (simplified form): {:?}", t.elapsed());
    for (i, name) in journeys.channels.iter().enumerate() {
        println!(
            "  {name}: Markov {:.1}, Shapley {:.1} (simplified {:.1})",
            m.conversions[i], s.conversions[i], s2.conversions[i]
        );
    }
}
