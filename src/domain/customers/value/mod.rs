//! Predicted customer value from the orders (issue 26): BG/NBD for purchasing and
//! survival, Gamma-Gamma for spend, CLV, churn-risk bands, and the holdout check. Every
//! formula is `lifetimes`' (0.11.3), which `make test-clv` checks on the same orders.
//!
//! - special.rs: ln Γ, ψ, 2F1
//! - optimize.rs: BFGS for the maximum-likelihood fits
//! - summary.rs: orders → frequency / recency / age / monetary value per customer
//! - bg_nbd.rs: the BG/NBD likelihood, fit, P(alive), expected purchases
//! - gamma_gamma.rs: the Gamma-Gamma likelihood, fit, expected spend
//! - clv.rs: the discounted monthly CLV sum
//! - churn.rs: risk bands, top-value share
//! - holdout.rs: calibration / holdout comparison
//! - simulate.rs: purchasing generated from known parameters (tests, reference, bench)
//!
//! [`fit_orders`] is the expensive part (run when the orders or the analysis day change);
//! [`value`] applies the discount rate, bands and share to it cheaply.

pub mod bg_nbd;
pub mod churn;
pub mod clv;
pub mod gamma_gamma;
pub mod holdout;
pub mod optimize;
pub mod simulate;
pub mod special;
pub mod summary;

use crate::domain::customers::orders::Order;
use bg_nbd::{BgNbdFit, History};
use churn::{risk_of, top_count, Bands, Risk};
use clv::{lifetime_value, monthly_purchases, CLV_MONTHS};
use gamma_gamma::GammaGammaFit;
use summary::{summarize, Summary};

/// Below these the page warns that the estimates are shaky.
pub const MIN_CUSTOMERS: usize = 100;
pub const MIN_REPEATERS: usize = 20;
pub const MIN_SPAN_DAYS: i32 = 90;

/// Something the merchant should know before trusting the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueWarning {
    FewCustomers {
        customers: usize,
    },
    FewRepeaters {
        repeaters: usize,
    },
    /// Days from the first order to the analysis day.
    ShortSpan {
        days: i32,
    },
    PurchaseFitNotConverged,
    SpendFitNotConverged,
    /// Gamma-Gamma's q ≤ 1: no population mean spend, so no spend or CLV figures.
    NoSpendMean,
    /// Repeat customers whose repeat days total ¥0 (the spend model needs a positive mean).
    ZeroSpendLeftOut {
        customers: usize,
    },
    RefundsLeftOut {
        rows: usize,
    },
    OrdersAfterAnalysisDay {
        rows: usize,
    },
}

/// One customer's predictions (before the discount rate and bands).
#[derive(Debug, Clone, PartialEq)]
pub struct Predicted {
    pub summary: Summary,
    pub p_alive: f64,
    /// Expected purchases in the next 30 / 90 / 365 days.
    pub expected: [f64; 3],
    /// Expected spend per purchase, yuan (None without a spend model).
    pub spend: Option<f64>,
    pub months: [f64; CLV_MONTHS],
}

/// The models fitted as of the analysis day.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fitted {
    pub as_of: i32,
    pub purchases: Option<BgNbdFit>,
    pub spend: Option<GammaGammaFit>,
    pub customers: usize,
    pub repeaters: usize,
    /// Days from the first order to the analysis day.
    pub span_days: i32,
    pub rows: Vec<Predicted>,
    pub warnings: Vec<ValueWarning>,
}

fn history(s: &Summary) -> History {
    History {
        x: f64::from(s.frequency),
        t_x: s.recency,
        age: s.age,
    }
}

/// Fits both models on the orders as of `as_of` and predicts every customer.
pub fn fit_orders(orders: &[Order], as_of: i32) -> Fitted {
    let sums = summarize(orders, as_of);
    let mut warnings = Vec::new();
    let customers = sums.customers.len();
    let repeaters = sums.customers.iter().filter(|s| s.frequency > 0).count();
    let span_days = sums
        .customers
        .iter()
        .map(|s| as_of - s.first_day)
        .max()
        .unwrap_or(0);
    if customers < MIN_CUSTOMERS {
        warnings.push(ValueWarning::FewCustomers { customers });
    }
    if repeaters < MIN_REPEATERS {
        warnings.push(ValueWarning::FewRepeaters { repeaters });
    }
    if span_days < MIN_SPAN_DAYS {
        warnings.push(ValueWarning::ShortSpan { days: span_days });
    }
    if sums.refunds > 0 {
        warnings.push(ValueWarning::RefundsLeftOut { rows: sums.refunds });
    }
    if sums.after > 0 {
        warnings.push(ValueWarning::OrdersAfterAnalysisDay { rows: sums.after });
    }
    let histories: Vec<History> = sums.customers.iter().map(history).collect();
    let purchases = if repeaters > 0 {
        bg_nbd::fit(&histories)
    } else {
        None
    };
    if purchases.as_ref().is_some_and(|f| !f.converged) {
        warnings.push(ValueWarning::PurchaseFitNotConverged);
    }
    let pairs: Vec<(f64, f64)> = sums
        .customers
        .iter()
        .filter(|s| s.frequency > 0 && s.monetary > 0.0)
        .map(|s| (f64::from(s.frequency), s.monetary))
        .collect();
    if pairs.len() < repeaters {
        warnings.push(ValueWarning::ZeroSpendLeftOut {
            customers: repeaters - pairs.len(),
        });
    }
    let spend = gamma_gamma::fit(&pairs);
    if let Some(f) = &spend {
        if !f.converged {
            warnings.push(ValueWarning::SpendFitNotConverged);
        } else if !f.params.has_mean() {
            warnings.push(ValueWarning::NoSpendMean);
        }
    }
    let spend_model = spend
        .as_ref()
        .filter(|f| f.converged && f.params.has_mean())
        .map(|f| f.params);
    let rows = match &purchases {
        Some(fit) => predict_all(&fit.params, spend_model.as_ref(), &sums.customers),
        None => Vec::new(),
    };
    Fitted {
        as_of,
        purchases,
        spend,
        customers,
        repeaters,
        span_days,
        rows,
        warnings,
    }
}

/// Repeat days, recency and age (as bits): what a customer's predictions depend on.
type HistoryKey = (u32, u64, u64);
/// P(alive), expected purchases in 30 / 90 / 365 days, the CLV's monthly purchases.
type Forecast = (f64, [f64; 3], [f64; CLV_MONTHS]);

/// Predictions of every customer. Expected purchases depend on (x, t_x, T) only, and
/// day-based histories repeat, so each distinct history is computed once.
fn predict_all(
    model: &bg_nbd::BgNbd,
    spend: Option<&gamma_gamma::GammaGamma>,
    customers: &[Summary],
) -> Vec<Predicted> {
    let mut order: Vec<usize> = (0..customers.len()).collect();
    let key = |s: &Summary| (s.frequency, s.recency.to_bits(), s.age.to_bits());
    order.sort_unstable_by_key(|&i| key(&customers[i]));
    let mut out: Vec<Option<Predicted>> = vec![None; customers.len()];
    let mut cached: Option<(HistoryKey, Forecast)> = None;
    for i in order {
        let s = &customers[i];
        let k = key(s);
        let (p_alive, expected, months) = match &cached {
            Some((ck, v)) if *ck == k => *v,
            _ => {
                let h = history(s);
                let e = [30.0, 90.0, 365.0].map(|t| model.expected_purchases(t, h));
                let v = (model.p_alive(h), e, monthly_purchases(model, h));
                cached = Some((k, v));
                v
            }
        };
        out[i] = Some(Predicted {
            summary: *s,
            p_alive,
            expected,
            spend: spend.map(|g| g.expected_spend(f64::from(s.frequency), s.monetary)),
            months,
        });
    }
    out.into_iter().flatten().collect()
}

/// What the merchant sets: monthly discount rate, risk bands, top-value share (fractions).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueSettingsApplied {
    pub monthly_discount: f64,
    pub bands: Bands,
    pub top_share: f64,
}

/// One customer with value and risk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Valued {
    /// Index into [`Fitted::rows`].
    pub row: usize,
    /// Yuan; None without a spend model.
    pub clv: Option<f64>,
    pub risk: Risk,
    /// In the top share by CLV.
    pub high_value: bool,
}

/// Every customer valued, highest CLV first (then highest P(alive), then customer).
pub fn value(fitted: &Fitted, s: ValueSettingsApplied) -> Vec<Valued> {
    let mut out: Vec<Valued> = fitted
        .rows
        .iter()
        .enumerate()
        .map(|(row, p)| Valued {
            row,
            clv: p
                .spend
                .map(|m| lifetime_value(m, &p.months, s.monthly_discount)),
            risk: risk_of(p.p_alive, s.bands),
            high_value: false,
        })
        .collect();
    out.sort_by(|a, b| {
        let (pa, pb) = (&fitted.rows[a.row], &fitted.rows[b.row]);
        b.clv
            .unwrap_or(0.0)
            .total_cmp(&a.clv.unwrap_or(0.0))
            .then(pb.p_alive.total_cmp(&pa.p_alive))
            .then(pa.summary.customer.cmp(&pb.summary.customer))
    });
    if out.iter().any(|v| v.clv.is_some()) {
        let top = top_count(out.len(), s.top_share);
        for v in out.iter_mut().take(top) {
            v.high_value = true;
        }
    }
    out
}

/// Customer ids of the high-value customers at high churn risk, highest CLV first.
pub fn at_risk_list(fitted: &Fitted, valued: &[Valued]) -> Vec<u32> {
    valued
        .iter()
        .filter(|v| v.high_value && v.risk == Risk::High)
        .map(|v| fitted.rows[v.row].summary.customer)
        .collect()
}

#[cfg(test)]
mod tests;
