//! The analytics benchmark proper, shared by the native bench (`examples/analytics_bench.rs`)
//! and the browser one (`tests/analytics_wasm_bench.rs`): each phase timed with the
//! caller's clock (milliseconds; computations as the median of [`REPEAT`] runs), the
//! results kept beside the times so that the Python comparison can check agreement.
//! Reads through the same readers as the page, and reports the peak memory of each read
//! (the bench's counting allocator, `counting_alloc.rs`: the reader's copy of the file
//! included).

use super::bench_data::*;
use super::counting_alloc;
use omo_planner::domain::attribution::journeys::read_journeys;
use omo_planner::domain::attribution::{markov, shapley};
use omo_planner::domain::customers::cohorts::cohort_table;
use omo_planner::domain::customers::migration::migration;
use omo_planner::domain::customers::orders::read_orders;
use omo_planner::domain::customers::rfm::{customer_stats, group_sizes, score, LayerCuts};
use omo_planner::domain::customers::value::churn::Bands;
use omo_planner::domain::customers::value::{fit_orders, value, ValueSettingsApplied};
use omo_planner::domain::formats::stepped_read::SteppedRead;
use omo_planner::domain::funnel::event_log::{count_funnel, EventLogReader};
use omo_planner::domain::funnel::modes::{analyze_funnel, FunnelQuery};
use serde_json::{json, Value};

/// Times of the computations (not the reads) are the median of this many runs: they
/// take milliseconds, so one run is mostly noise on a shared machine.
pub const REPEAT: usize = 7;

/// Runs `f` [`REPEAT`] times: the median time in ms and the last result.
fn timed<T>(now: &dyn Fn() -> f64, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::with_capacity(REPEAT);
    let mut out = None;
    for _ in 0..REPEAT {
        let t = now();
        out = Some(f());
        times.push(now() - t);
    }
    times.sort_by(f64::total_cmp);
    (times[REPEAT / 2], out.expect("REPEAT > 0"))
}

/// The generated files, in the order [`run`] takes them.
pub struct Data {
    pub events: String,
    pub orders: String,
    pub journeys: String,
    /// About a million orders simulated from BG/NBD and Gamma-Gamma (the RFM orders are
    /// uniform draws with no dropout, on which the models have no proper optimum).
    pub clv_orders: String,
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
        clv_orders: clv_orders_csv(),
    }
}

/// Event-log funnel: read the CSV in chunks of 50,000 rows as the page does, sort, then
/// count the 4-step funnel with a 7-day window (and 1 h, started in store).
pub fn funnel(csv: &str, now: &dyn Fn() -> f64) -> Value {
    let mem = counting_alloc::start();
    let t0 = now();
    let mut reader = EventLogReader::new(csv.as_bytes().to_vec()).expect("header");
    while !reader.step(50_000).finished {}
    let log = reader.finish();
    let t1 = now();
    let peak_mb = counting_alloc::peak_mb_since(mem);
    let (compute, counts) = timed(now, || count_funnel(&log, &STEPS, 7 * 86_400, None));
    let (compute_store, store) = timed(now, || count_funnel(&log, &STEPS, 3_600, Some("store")));
    // What the page runs since issue 25: the mode-aware count keeping each user's path.
    let query = FunnelQuery {
        steps: STEPS.iter().map(|s| s.to_string()).collect(),
        window_secs: 7 * 86_400,
        ..FunnelQuery::default()
    };
    let (analyze, report) = timed(now, || analyze_funnel(&log, &query));
    assert_eq!(report.counts, counts, "the default mode is the quick count");
    json!({
        "events": log.events().len(),
        "users": log.users().len(),
        "parse_ms": t1 - t0,
        "parse_peak_mb": peak_mb,
        "compute_ms": compute,
        "compute_store_ms": compute_store,
        "analyze_ms": analyze,
        "counts_7d": counts,
        "counts_1h_store": store,
    })
}

/// RFM: read the orders, per-customer stats, quintile scores, layer and segment sizes.
pub fn rfm(csv: &str, now: &dyn Fn() -> f64) -> Value {
    let mem = counting_alloc::start();
    let t0 = now();
    let orders = read_orders(csv).expect("header");
    let t1 = now();
    let peak_mb = counting_alloc::peak_mb_since(mem);
    let (compute, (scored, layers, segments)) = timed(now, || {
        let as_of = orders.orders.iter().map(|o| o.day).max().unwrap_or(0);
        let stats = customer_stats(&orders.orders, orders.customers.len(), as_of);
        let scored = score(&stats, as_of);
        let (layers, segments) = group_sizes(&scored, &stats, LayerCuts::default());
        (scored, layers, segments)
    });
    let sum = |f: &dyn Fn(&omo_planner::domain::customers::rfm::Scored) -> u8| -> u64 {
        scored.iter().map(|s| u64::from(f(s))).sum()
    };
    json!({
        "orders": orders.orders.len(),
        "customers": scored.len(),
        "parse_ms": t1 - t0,
        "parse_peak_mb": peak_mb,
        "compute_ms": compute,
        "score_sums": [sum(&|s| s.r), sum(&|s| s.f), sum(&|s| s.m)],
        "layers": layers.map(|l| l.customers),
        "segments": segments.map(|s| s.customers),
        "segment_spend": segments.map(|s| s.monetary),
    })
}

/// Cohorts: the cohort table (first-purchase month × months since: active customers and
/// net revenue) of the 1M orders as of the last order day, and the layer migration from
/// 90 days before it. The read is not timed here (the RFM part times it).
pub fn cohorts(csv: &str, now: &dyn Fn() -> f64) -> Value {
    let orders = read_orders(csv).expect("header");
    let as_of = orders.orders.iter().map(|o| o.day).max().unwrap_or(0);
    let n = orders.customers.len();
    let (compute, table) = timed(now, || cohort_table(&orders.orders, n, as_of));
    let (migration_ms, moved) = timed(now, || {
        migration(&orders.orders, n, as_of - 90, as_of, LayerCuts::default()).expect("in order")
    });
    json!({
        "cohorts": table.cohorts.len(),
        "customers": table.customers(),
        "active_sum": table.cohorts.iter().flat_map(|c| c.active.iter()).sum::<u64>(),
        "revenue_sum": table.cohorts.iter().flat_map(|c| c.revenue.iter()).sum::<i64>(),
        "month0_active": table.cohorts.iter().map(|c| c.active[0]).collect::<Vec<_>>(),
        "compute_ms": compute,
        "migration_ms": migration_ms,
        "upgrades": moved.upgrades,
        "downgrades": moved.downgrades,
    })
}

/// Attribution: read the journeys, then Markov (removal effects, exact solve) and exact
/// Shapley (2^12 coalitions).
pub fn attribution(csv: &str, now: &dyn Fn() -> f64) -> Value {
    let mem = counting_alloc::start();
    let t0 = now();
    let journeys = read_journeys(csv).expect("header");
    let t1 = now();
    let peak_mb = counting_alloc::peak_mb_since(mem);
    let (markov_ms, m) = timed(now, || markov::markov(&journeys));
    let (shapley_ms, s) = timed(now, || shapley::shapley_exact(&journeys));
    json!({
        "journeys": journeys.journeys,
        "paths": journeys.paths.len(),
        "conversions": journeys.conversions,
        "value": journeys.value,
        "channels": journeys.channels,
        "parse_ms": t1 - t0,
        "parse_peak_mb": peak_mb,
        "markov_ms": markov_ms,
        "shapley_ms": shapley_ms,
        "markov_conversions": m.conversions,
        "markov_value": m.value,
        "shapley_conversions": s.conversions,
        "shapley_value": s.value,
    })
}

/// The CLV case's orders: 150,000 customers over 600 days (first purchases in the first
/// 450), about a million orders, as `examples/clv_reference.rs generate` writes them.
pub fn clv_orders_csv() -> String {
    use omo_planner::domain::customers::value::bg_nbd::BgNbd;
    use omo_planner::domain::customers::value::gamma_gamma::GammaGamma;
    use omo_planner::domain::customers::value::simulate;
    use std::fmt::Write as _;
    let bg = BgNbd {
        r: 0.9,
        alpha: 25.0,
        a: 0.7,
        b: 3.0,
    };
    let gg = GammaGamma {
        p: 5.0,
        q: 3.5,
        v: 60.0,
    };
    // 2024-01-01 as days from the common era.
    let start = 738_886;
    let orders = simulate::orders(&bg, &gg, 150_000, start, 600, 450, 26);
    let mut out = String::with_capacity(orders.len() * 32);
    out.push_str("customer_id,date,amount\n");
    for o in &orders {
        let date = chrono::NaiveDate::from_num_days_from_ce_opt(o.day).expect("a date");
        let _ = writeln!(
            out,
            "139{:08},{},{}.{:02}",
            o.customer,
            date.format("%Y-%m-%d"),
            o.amount.0 / 100,
            o.amount.0 % 100
        );
    }
    out
}

/// Predicted customer value (issue 26) on simulated orders: the BG/NBD and Gamma-Gamma fits
/// and every customer's P(alive), expected purchases and 12-month CLV at 1 % a month, as
/// the page computes them (the read is not timed). The parameters and sums go to the
/// comparison with `lifetimes` on the same file.
pub fn clv(csv: &str, now: &dyn Fn() -> f64) -> Value {
    let orders = read_orders(csv).expect("header");
    let as_of = orders.orders.iter().map(|o| o.day).max().unwrap_or(0);
    let (fit_ms, fitted) = timed(now, || fit_orders(&orders.orders, as_of));
    let settings = ValueSettingsApplied {
        monthly_discount: 0.01,
        bands: Bands::default(),
        top_share: 0.2,
    };
    let (value_ms, valued) = timed(now, || value(&fitted, settings));
    let bg = fitted.purchases.as_ref().map(|f| f.params);
    let gg = fitted.spend.as_ref().map(|f| f.params);
    let sum = |f: &dyn Fn(&omo_planner::domain::customers::value::Predicted) -> f64| -> f64 {
        fitted.rows.iter().map(f).sum()
    };
    json!({
        "orders": orders.orders.len(),
        "customers": fitted.customers,
        "repeaters": fitted.repeaters,
        "fit_ms": fit_ms,
        "value_ms": value_ms,
        "as_of_day": as_of,
        "bg": bg.map(|p| json!({"r": p.r, "alpha": p.alpha, "a": p.a, "b": p.b})),
        "gg": gg.map(|p| json!({"p": p.p, "q": p.q, "v": p.v})),
        "p_alive_sum": sum(&|p| p.p_alive),
        "e90_sum": sum(&|p| p.expected[1]),
        "clv_sum": valued.iter().filter_map(|v| v.clv).sum::<f64>(),
    })
}

/// Response curves (issue 27): 12 channels × 36 months generated from known curves
/// (`response::synthetic`), every channel fitted with its 200 bootstrap replicates, then
/// the optimum of today's total. One run (it is the whole page's work after an edit);
/// target ≤ 500 ms in wasm.
pub fn response(now: &dyn Fn() -> f64) -> Value {
    use omo_planner::domain::channels::month::YearMonth;
    use omo_planner::domain::channels::response::advice::advise;
    use omo_planner::domain::channels::response::model::build_default;
    use omo_planner::domain::channels::response::synthetic::{rows, Truth};
    use omo_planner::domain::channels::response::{MixChannel, ResponseBook};
    use omo_planner::domain::values::entry::Entry;
    use omo_planner::domain::values::ids::RowId;
    use omo_planner::domain::values::money::Fen;
    use std::sync::Arc;
    let mut next = 0;
    let mut fresh = || {
        next += 1;
        RowId(next)
    };
    let first = YearMonth::new(2023, 1).expect("a month");
    let mut book = ResponseBook::default();
    for k in 0..12 {
        let kf = k as f64;
        let truth = Truth {
            base_yuan: 2_000.0 + 700.0 * kf,
            beta_yuan: 15_000.0 + 4_000.0 * kf,
            kappa_yuan: 3_000.0 + 900.0 * kf,
            theta: 0.05 + 0.07 * kf,
            order_value_yuan: 80.0 + 5.0 * kf,
        };
        let name = format!("渠道{}", k + 1);
        book.channels.push(Arc::new(MixChannel {
            name: name.clone(),
            budget: Entry::Value(Fen((truth.base_yuan * 100.0) as i64)),
            ..MixChannel::new(fresh())
        }));
        book.history.extend(
            rows(&name, &truth, k, first, 36, 0.08, &mut fresh)
                .into_iter()
                .map(Arc::new),
        );
    }
    let t = now();
    let model = build_default(&book);
    let fit_ms = now() - t;
    let total = Fen(model.today().iter().flatten().map(|f| f.0).sum());
    let t = now();
    let advice = advise(&model, total).expect("a feasible total");
    let optimise_ms = now() - t;
    json!({
        "channels": model.channels.len(),
        "months": 36,
        "replicates": model.reps(),
        "fit_ms": fit_ms,
        "optimise_ms": optimise_ms,
        "total_ms": fit_ms + optimise_ms,
        "uplift": advice.optimal.outcome.map(|o| o.value) .zip(advice.today.outcome.map(|o| o.value)).map(|(o, t)| o / t - 1.0),
    })
}
