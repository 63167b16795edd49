//! The response curves' reference check (`make test-response`), native side: writes
//! histories generated from known curves (`response::synthetic`: the demo's six channels
//! over 24 months, and twelve channels over 36 months), the app's fit of each (θ, and
//! (β, κ) from the stated starting points at that θ), and the app's optimal allocations
//! for several totals and limits. `tests/response/check_scipy.py` refits with
//! `scipy.optimize.curve_fit` from the same starts and solves each allocation with
//! `scipy.optimize.minimize(method="SLSQP")`.
//!
//! Run: `cargo run --example response_reference -- --out DIR` (writes DIR/cases.json).

use omo_planner::domain::channels::response::curve::Curve;
use omo_planner::domain::channels::response::fit::{fit, points_at, starts};
use omo_planner::domain::channels::response::optimiser::{optimise, Limits};
use omo_planner::domain::channels::response::synthetic::{
    months, Truth, DEMO, DEMO_MONTHS, DEMO_NOISE,
};
use omo_planner::domain::values::money::Fen;
use serde_json::{json, Value};

/// Twelve channels for the second case: the demo's six, and six more with other shapes.
fn twelve() -> Vec<Truth> {
    let mut out: Vec<Truth> = DEMO.iter().map(|d| d.2).collect();
    for k in 0..6 {
        let k = k as f64;
        out.push(Truth {
            base_yuan: 1_500.0 + 900.0 * k,
            beta_yuan: 12_000.0 + 7_000.0 * k,
            kappa_yuan: 2_500.0 + 1_800.0 * k,
            theta: 0.05 + 0.13 * k,
            order_value_yuan: 80.0 + 10.0 * k,
        });
    }
    out
}

fn channel(truth: &Truth, k: usize, n: usize, noise: f64) -> (Value, Option<Curve>) {
    let m = months(truth, k, n, noise);
    let spend: Vec<f64> = m.iter().map(|r| r.0 as f64).collect();
    let revenue: Vec<Option<f64>> = m.iter().map(|r| Some(r.1 as f64)).collect();
    let fitted = fit(&spend, &revenue).ok();
    let value = json!({
        "spend": spend,
        "revenue": revenue,
        "truth": {"beta": truth.curve().beta, "kappa": truth.curve().kappa, "theta": truth.theta},
        "fit": fitted.as_ref().map(|f| json!({
            "theta": f.theta,
            "beta": f.curve.beta,
            "kappa": f.curve.kappa,
            "sse": f.sse,
            "starts": starts(&points_at(&spend, &revenue, f.theta))
                .iter().map(|c| [c.beta, c.kappa]).collect::<Vec<_>>(),
        })),
    });
    (value, fitted.map(|f| f.curve))
}

fn allocations(curves: &[Curve], today: &[i64]) -> Vec<Value> {
    let total: i64 = today.iter().sum();
    let free = vec![Limits { lo: 0, hi: None }; curves.len()];
    // Limits: the first channel at least today's + 20 %, the second at most half of today's.
    let mut limited = free.clone();
    limited[0].lo = today[0] * 6 / 5;
    limited[1].hi = Some(today[1] / 2);
    let mut out = Vec::new();
    for (name, limits) in [("free", &free), ("limited", &limited)] {
        for scale in [0.5, 1.0, 1.7] {
            let b = (total as f64 * scale).round() as i64;
            let o = optimise(curves, limits, Fen(b)).expect("feasible");
            out.push(json!({
                "limits": name,
                "lo": limits.iter().map(|l| l.lo).collect::<Vec<_>>(),
                "hi": limits.iter().map(|l| l.hi).collect::<Vec<_>>(),
                "total": b,
                "spend": o.spend.iter().map(|f| f.0).collect::<Vec<_>>(),
                "outcome": o.outcome,
                "today": today,
            }));
        }
    }
    out
}

fn case(name: &str, truths: &[Truth], n: usize, noise: f64) -> Value {
    let (channels, curves): (Vec<Value>, Vec<Option<Curve>>) = truths
        .iter()
        .enumerate()
        .map(|(k, t)| channel(t, k, n, noise))
        .unzip();
    let curves: Vec<Curve> = curves
        .into_iter()
        .map(|c| c.expect("every generated channel fits"))
        .collect();
    let today: Vec<i64> = truths
        .iter()
        .map(|t| (t.base_yuan * 100.0).round() as i64)
        .collect();
    json!({
        "name": name,
        "channels": channels,
        "curves": curves.iter().map(|c| [c.beta, c.kappa]).collect::<Vec<_>>(),
        "allocations": allocations(&curves, &today),
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .expect("usage: response_reference --out DIR");
    std::fs::create_dir_all(out).expect("output directory");
    let demo: Vec<Truth> = DEMO.iter().map(|d| d.2).collect();
    let cases = json!([
        case(
            "demo: 6 channels × 24 months, ±6 % noise",
            &demo,
            DEMO_MONTHS,
            DEMO_NOISE
        ),
        case("12 channels × 36 months, ±10 % noise", &twelve(), 36, 0.10),
        case("6 channels × 36 months, no noise", &demo, 36, 0.0),
    ]);
    let path = format!("{out}/cases.json");
    std::fs::write(&path, serde_json::to_string(&cases).expect("json")).expect("write");
    println!("wrote {path}");
}
