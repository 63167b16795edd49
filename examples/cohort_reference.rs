//! The cohort and migration reference check (`make test-cohorts`), native side: writes
//! generated orders files and, for several analysis days, the app's cohort table
//! (customers, active customers, net revenue and cumulative revenue per customer per
//! month since the first purchase) and its RFM layer migration matrix between two days.
//! `tests/cohorts/check_pandas.py` recomputes both with pandas on the same files and
//! compares exactly.
//!
//! Two files: a generated one (20,000 customers over three years, rows out of date order,
//! refunds, refunds before a customer's first purchase, customers with refunds only,
//! several purchases in a month, orders after the analysis day) and the page's sample
//! orders (src/domain/plan/samples.rs).
//!
//! Run: `cargo run --example cohort_reference -- --out DIR` (writes DIR/generated.csv,
//! DIR/sample.csv and DIR/cases.json).

use omo_planner::domain::customers::cohorts::{cohort_table, month_label};
use omo_planner::domain::customers::migration::migration;
use omo_planner::domain::customers::orders::{day_date, parse_day, read_orders, Orders};
use omo_planner::domain::customers::rfm::LayerCuts;
use omo_planner::domain::plan::samples::orders_csv;
use omo_planner::domain::values::entry::iso_date;
use omo_planner::domain::values::random::XorShift64Star as Rng;
use serde_json::{json, Value};

const CUSTOMERS: u64 = 20_000;

/// A generated orders file: rows (customer, day offset, fen) shuffled.
fn generate() -> String {
    let mut rng = Rng(0x00c0_4a27_5eed_0026);
    let start = chrono::NaiveDate::from_ymd_opt(2023, 4, 1).expect("date");
    let days = 1_100u64;
    let mut rows: Vec<(u64, u64, i64)> = Vec::new();
    for c in 0..CUSTOMERS {
        let first = rng.below(days);
        if rng.chance(1) {
            // Refunds only: in no cohort.
            rows.push((c, first, -(100 + rng.below(20_000) as i64)));
            continue;
        }
        if rng.chance(2) && first > 40 {
            // A refund of a purchase made before the file.
            rows.push((
                c,
                first - 1 - rng.below(40),
                -(100 + rng.below(9_000) as i64),
            ));
        }
        let mut day = first;
        let visits = match rng.below(10) {
            0..=4 => 1,
            5..=7 => 2 + rng.below(4),
            _ => 5 + rng.below(25),
        };
        let gap = 5 + rng.below(120);
        for _ in 0..visits {
            if day >= days {
                break;
            }
            let fen = 100 + rng.below(80_000) as i64;
            rows.push((c, day, fen));
            if rng.chance(4) {
                rows.push((c, (day + rng.below(10)).min(days - 1), -fen / 2));
            }
            day += rng.below(2 * gap + 1);
        }
    }
    // Out of date order, as merged exports are.
    for i in (1..rows.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        rows.swap(i, j);
    }
    let mut csv = String::from("customer,date,amount\n");
    for (c, day, fen) in rows {
        let d = start + chrono::Days::new(day);
        let sign = if fen < 0 { "-" } else { "" };
        csv.push_str(&format!(
            "C{c:05},{},{sign}{}.{:02}\n",
            iso_date(d),
            fen.abs() / 100,
            fen.abs() % 100
        ));
    }
    csv
}

fn case(orders: &Orders, as_of: &str, from: &str, cuts: LayerCuts) -> Value {
    let day = |t: &str| parse_day(t).expect("a date");
    let (as_of_day, from_day) = (day(as_of), day(from));
    let t = cohort_table(&orders.orders, orders.customers.len(), as_of_day);
    let m = migration(
        &orders.orders,
        orders.customers.len(),
        from_day,
        as_of_day,
        cuts,
    )
    .expect("from before to");
    json!({
        "as_of": iso_date(day_date(as_of_day).expect("date")),
        "from": iso_date(day_date(from_day).expect("date")),
        "cuts": [cuts.recent_from, cuts.valuable_from],
        "cohorts": t.cohorts.iter().map(|c| json!({
            "month": month_label(c.month),
            "size": c.size,
            "active": c.active,
            "revenue": c.revenue,
            "ltv": c.ltv(),
        })).collect::<Vec<_>>(),
        "migration": {
            "moved": m.moved,
            "new": m.new,
            "upgrades": m.upgrades,
            "downgrades": m.downgrades,
            "stayed": m.stayed,
            "sideways": m.sideways,
        },
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map_or("target/cohorts", String::as_str);
    std::fs::create_dir_all(out).expect("output folder");
    let generated = generate();
    let sample = orders_csv();
    let g = read_orders(&generated).expect("generated orders");
    let s = read_orders(&sample).expect("sample orders");
    assert_eq!(g.bad_total + s.bad_total, 0);
    let cuts = LayerCuts::default();
    let strict = LayerCuts {
        recent_from: 4,
        valuable_from: 2,
    };
    let cases = json!({
        "generated.csv": [
            case(&g, "2026-04-04", "2026-01-04", cuts),
            case(&g, "2025-07-15", "2024-07-15", strict),
        ],
        "sample.csv": [
            case(&s, "2026-03-31", "2025-12-31", cuts),
            case(&s, "2025-09-30", "2025-03-01", strict),
        ],
    });
    std::fs::write(format!("{out}/generated.csv"), generated).expect("write");
    std::fs::write(format!("{out}/sample.csv"), sample).expect("write");
    std::fs::write(
        format!("{out}/cases.json"),
        serde_json::to_string(&cases).expect("json"),
    )
    .expect("write");
    println!(
        "cohort reference: {} + {} orders, 4 cases written to {out}",
        g.orders.len(),
        s.orders.len()
    );
}
