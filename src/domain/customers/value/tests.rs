//! The fits against known truths: published CDNOW estimates, and simulated purchasing
//! from known parameters.

use super::bg_nbd::{self, BgNbd, History};
use super::gamma_gamma::{self, GammaGamma};
use super::*;

fn rel(got: f64, want: f64) -> f64 {
    (got - want).abs() / want.abs()
}

/// lifetimes' bundled CDNOW summary (2,357 customers, time in weeks).
fn cdnow() -> Vec<History> {
    include_str!("../../../../tests/clv/cdnow_customers_summary.csv")
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<f64> = l.split(',').skip(1).map(|v| v.parse().unwrap()).collect();
            History {
                x: f[0],
                t_x: f[1],
                age: f[2],
            }
        })
        .collect()
}

#[test]
fn bg_nbd_fit_reproduces_the_published_cdnow_estimates() {
    // Fader, Hardie & Lee (2005), table: r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4.
    let fit = bg_nbd::fit(&cdnow()).unwrap();
    assert!(fit.converged);
    let p = fit.params;
    for (got, want) in [(p.r, 0.243), (p.alpha, 4.414), (p.a, 0.793), (p.b, 2.426)] {
        assert!(rel(got, want) < 2e-3, "{p:?}");
    }
}

#[test]
fn bg_nbd_fit_recovers_simulated_parameters() {
    let truth = BgNbd {
        r: 0.8,
        alpha: 20.0,
        a: 0.9,
        b: 4.0,
    };
    let hs = simulate::histories(&truth, 50_000, 100.0, 500.0, 7);
    let fit = bg_nbd::fit(&hs).unwrap();
    assert!(fit.converged);
    let p = fit.params;
    // 50k customers: r and α within 5 %, a and b (fewer dropouts seen) within 15 %.
    assert!(rel(p.r, truth.r) < 0.05, "{p:?}");
    assert!(rel(p.alpha, truth.alpha) < 0.05, "{p:?}");
    assert!(rel(p.a, truth.a) < 0.15, "{p:?}");
    assert!(rel(p.b, truth.b) < 0.15, "{p:?}");
}

#[test]
fn gamma_gamma_fit_recovers_simulated_parameters() {
    let truth = GammaGamma {
        p: 6.0,
        q: 4.0,
        v: 15.0,
    };
    let xs: Vec<u32> = (0..50_000).map(|i| 1 + (i % 8)).collect();
    let ms = simulate::mean_spends(&truth, &xs, 11);
    let pairs: Vec<(f64, f64)> = xs
        .iter()
        .zip(&ms)
        .map(|(x, m)| (f64::from(*x), *m))
        .collect();
    let fit = gamma_gamma::fit(&pairs).unwrap();
    assert!(fit.converged);
    let p = fit.params;
    assert!(rel(p.p, truth.p) < 0.05, "{p:?}");
    assert!(rel(p.q, truth.q) < 0.05, "{p:?}");
    assert!(rel(p.v, truth.v) < 0.08, "{p:?}");
}

#[test]
fn orders_fit_values_and_lists() {
    let bg = BgNbd {
        r: 0.9,
        alpha: 25.0,
        a: 0.7,
        b: 3.0,
    };
    let gg = GammaGamma {
        p: 5.0,
        q: 3.0,
        v: 40.0,
    };
    let orders = simulate::orders(&bg, &gg, 3_000, 700_000, 400, 300, 3);
    let fitted = fit_orders(&orders, 700_400);
    assert!(fitted.warnings.is_empty(), "{:?}", fitted.warnings);
    assert_eq!(fitted.rows.len(), 3_000);
    assert!(fitted.purchases.as_ref().unwrap().converged);
    let s = ValueSettingsApplied {
        monthly_discount: 0.01,
        bands: Bands::default(),
        top_share: 0.2,
    };
    let valued = value(&fitted, s);
    assert_eq!(valued.iter().filter(|v| v.high_value).count(), 600);
    // Highest CLV first; a higher discount lowers every CLV.
    assert!(valued.windows(2).all(|w| w[0].clv >= w[1].clv));
    let dearer = value(
        &fitted,
        ValueSettingsApplied {
            monthly_discount: 0.05,
            ..s
        },
    );
    assert!(dearer
        .iter()
        .zip(&valued)
        .all(|(d, v)| d.row != v.row || d.clv < v.clv));
    let list = at_risk_list(&fitted, &valued);
    assert!(!list.is_empty());
    for c in &list {
        let v = valued
            .iter()
            .find(|v| fitted.rows[v.row].summary.customer == *c)
            .unwrap();
        assert!(v.high_value && fitted.rows[v.row].p_alive < 0.3);
    }
    // The holdout's predictions follow the actual purchases on model-generated data.
    let h = holdout::holdout(&orders, 3_000, 700_250, 700_400).unwrap();
    assert_eq!(h.days, 150);
    let (pred, act): (f64, f64) = h
        .buckets
        .iter()
        .map(|b| {
            (
                b.predicted * b.customers as f64,
                b.actual * b.customers as f64,
            )
        })
        .fold((0.0, 0.0), |(p, a), (x, y)| (p + x, a + y));
    assert!(rel(pred, act) < 0.15, "{pred} vs {act}");
}

#[test]
fn a_tiny_file_is_flagged() {
    let bg = BgNbd {
        r: 0.9,
        alpha: 25.0,
        a: 0.7,
        b: 3.0,
    };
    let gg = GammaGamma {
        p: 5.0,
        q: 3.0,
        v: 40.0,
    };
    let orders = simulate::orders(&bg, &gg, 12, 700_000, 40, 30, 3);
    let fitted = fit_orders(&orders, 700_040);
    assert!(fitted
        .warnings
        .contains(&ValueWarning::FewCustomers { customers: 12 }));
    assert!(fitted
        .warnings
        .iter()
        .any(|w| matches!(w, ValueWarning::ShortSpan { .. })));
}
