//! The customer-value reference check (`make test-clv`), native side. The Python script
//! `tests/clv/check_lifetimes.py` drives it and compares with `lifetimes` 0.11.3:
//!
//! - `generate ORDERS.csv [CUSTOMERS]`: simulated orders (6,000 customers by default) (known BG/NBD and Gamma-Gamma parameters,
//!   fixed seed) as a merchant's export: customer (a phone number), date, amount in yuan.
//! - `fit ORDERS.csv AS_OF CAL_END OUT_DIR`: the orders read by the app's reader, the
//!   app's summary, fits and predictions as of AS_OF (OUT_DIR/app_params.json,
//!   app_customers.csv), and its holdout comparison with calibration end CAL_END
//!   (app_holdout.csv).
//! - `evaluate ORDERS.csv AS_OF PARAMS.json OUT.csv`: the app's per-customer formulas at
//!   given parameters (`lifetimes`' own), so predictions compare at equal parameters.
//! - `fit-summary SUMMARY.csv OUT.json`: the BG/NBD fit of a summary file (ID,
//!   frequency, recency, T: lifetimes' CDNOW summary in weeks).

use chrono::NaiveDate;
use omo_planner::domain::customers::orders::read_orders;
use omo_planner::domain::customers::value::bg_nbd::{self, BgNbd, History};
use omo_planner::domain::customers::value::clv::{lifetime_value, monthly_purchases};
use omo_planner::domain::customers::value::gamma_gamma::GammaGamma;
use omo_planner::domain::customers::value::holdout::holdout;
use omo_planner::domain::customers::value::simulate;
use omo_planner::domain::customers::value::summary::summarize;
use omo_planner::domain::customers::value::{fit_orders, Fitted};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// lifetimes' default monthly discount rate.
const DISCOUNT: f64 = 0.01;

fn day(text: &str) -> i32 {
    use chrono::Datelike;
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .expect("a YYYY-MM-DD date")
        .num_days_from_ce()
}

fn date(day: i32) -> String {
    NaiveDate::from_num_days_from_ce_opt(day)
        .expect("a date")
        .format("%Y-%m-%d")
        .to_string()
}

fn read(path: &str) -> omo_planner::domain::customers::orders::Orders {
    let text = std::fs::read_to_string(path).expect("the orders file");
    let orders = read_orders(&text).expect("an orders file");
    assert_eq!(
        orders.bad_total, 0,
        "rows the reader refused: {:?}",
        orders.bad
    );
    orders
}

fn generate(path: &str, customers: usize) {
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
    let start = day("2024-01-01");
    let orders = simulate::orders(&bg, &gg, customers, start, 600, 450, 26);
    let mut out = String::from("customer_id,date,amount\n");
    for o in &orders {
        let _ = writeln!(
            out,
            "139{:08},{},{}.{:02}",
            o.customer,
            date(o.day),
            o.amount.0 / 100,
            o.amount.0 % 100
        );
    }
    std::fs::write(path, out).expect("write the orders");
    println!("{}", date(start + 600));
}

fn customer_rows(fitted: &Fitted, names: &[String]) -> String {
    let mut out =
        String::from("customer,frequency,recency,T,monetary,p_alive,e30,e90,e365,spend,clv\n");
    for p in &fitted.rows {
        let s = &p.summary;
        let spend = p.spend.unwrap_or(f64::NAN);
        let _ = writeln!(
            out,
            "{},{},{},{},{:.17e},{:.17e},{:.17e},{:.17e},{:.17e},{:.17e},{:.17e}",
            names[s.customer as usize],
            s.frequency,
            s.recency,
            s.age,
            s.monetary,
            p.p_alive,
            p.expected[0],
            p.expected[1],
            p.expected[2],
            spend,
            lifetime_value(spend, &p.months, DISCOUNT)
        );
    }
    out
}

fn fit(path: &str, as_of: &str, cal_end: &str, dir: &str) {
    let orders = read(path);
    let fitted = fit_orders(&orders.orders, day(as_of));
    let bg = fitted.purchases.as_ref().expect("a purchase fit");
    let gg = fitted.spend.as_ref().expect("a spend fit");
    std::fs::create_dir_all(dir).expect("the output folder");
    let params = json!({
        "r": bg.params.r, "alpha": bg.params.alpha, "a": bg.params.a, "b": bg.params.b,
        "bg_converged": bg.converged, "bg_mean_nll": bg.mean_nll,
        "p": gg.params.p, "q": gg.params.q, "v": gg.params.v,
        "gg_converged": gg.converged, "gg_mean_nll": gg.mean_nll,
        "warnings": format!("{:?}", fitted.warnings),
    });
    std::fs::write(format!("{dir}/app_params.json"), params.to_string()).expect("write");
    std::fs::write(
        format!("{dir}/app_customers.csv"),
        customer_rows(&fitted, &orders.customers),
    )
    .expect("write");
    let h = holdout(
        &orders.orders,
        orders.customers.len(),
        day(cal_end),
        day(as_of),
    )
    .expect("a holdout");
    let mut out = String::from("frequency_cal,customers,actual,predicted\n");
    for b in &h.buckets {
        let _ = writeln!(
            out,
            "{},{},{:.17e},{:.17e}",
            b.frequency, b.customers, b.actual, b.predicted
        );
    }
    let _ = writeln!(
        out,
        "# r={} alpha={} a={} b={}",
        h.fit.params.r, h.fit.params.alpha, h.fit.params.a, h.fit.params.b
    );
    std::fs::write(format!("{dir}/app_holdout.csv"), out).expect("write");
}

fn evaluate(path: &str, as_of: &str, params: &str, out_path: &str) {
    let orders = read(path);
    let p: Value = serde_json::from_str(&std::fs::read_to_string(params).expect("params"))
        .expect("params JSON");
    let f = |k: &str| p[k].as_f64().expect("a number");
    let bg = BgNbd {
        r: f("r"),
        alpha: f("alpha"),
        a: f("a"),
        b: f("b"),
    };
    let gg = GammaGamma {
        p: f("p"),
        q: f("q"),
        v: f("v"),
    };
    let sums = summarize(&orders.orders, day(as_of));
    let mut out = String::from("customer,p_alive,e30,e90,e365,spend,clv\n");
    for s in &sums.customers {
        let h = History {
            x: f64::from(s.frequency),
            t_x: s.recency,
            age: s.age,
        };
        let spend = gg.expected_spend(f64::from(s.frequency), s.monetary);
        let _ = writeln!(
            out,
            "{},{:.17e},{:.17e},{:.17e},{:.17e},{:.17e},{:.17e}",
            orders.customers[s.customer as usize],
            bg.p_alive(h),
            bg.expected_purchases(30.0, h),
            bg.expected_purchases(90.0, h),
            bg.expected_purchases(365.0, h),
            spend,
            lifetime_value(spend, &monthly_purchases(&bg, h), DISCOUNT)
        );
    }
    std::fs::write(out_path, out).expect("write");
}

fn fit_summary(path: &str, out_path: &str) {
    let text = std::fs::read_to_string(path).expect("the summary file");
    let hs: Vec<History> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Vec<f64> = l
                .split(',')
                .skip(1)
                .map(|c| c.trim().parse().expect("a number"))
                .collect();
            History {
                x: v[0],
                t_x: v[1],
                age: v[2],
            }
        })
        .collect();
    let fit = bg_nbd::fit(&hs).expect("a fit");
    let p = fit.params;
    let out = json!({"r": p.r, "alpha": p.alpha, "a": p.a, "b": p.b, "converged": fit.converged});
    std::fs::write(out_path, out.to_string()).expect("write");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    match a.as_slice() {
        ["generate", path] => generate(path, 6_000),
        ["generate", path, n] => generate(path, n.parse().expect("a customer count")),
        ["fit", path, as_of, cal_end, dir] => fit(path, as_of, cal_end, dir),
        ["evaluate", path, as_of, params, out] => evaluate(path, as_of, params, out),
        ["fit-summary", path, out] => fit_summary(path, out),
        _ => {
            eprintln!(
                "usage: clv_reference generate ORDERS.csv [CUSTOMERS] | fit ORDERS.csv AS_OF CAL_END DIR | \
                 evaluate ORDERS.csv AS_OF PARAMS.json OUT.csv | fit-summary SUMMARY.csv OUT.json"
            );
            std::process::exit(2);
        }
    }
}
