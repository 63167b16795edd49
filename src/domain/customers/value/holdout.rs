//! The model checked on data it has not seen, as `lifetimes`'
//! `calibration_and_holdout_data` and `plot_calibration_purchases_vs_holdout_purchases`
//! do it: fit on the orders up to the calibration end, then compare, per calibration
//! repeat-purchase count, the mean predicted and the mean actual purchase days of the
//! holdout (calibration end, analysis day].

use super::bg_nbd::{self, BgNbdFit, History};
use super::summary::{purchase_days_between, summarize};
use crate::domain::customers::orders::Order;

/// Calibration repeat counts 0 … `BUCKETS - 1` (the last also holds every higher count).
pub const BUCKETS: usize = 7;

#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// Calibration repeat purchase days (the last bucket: this many or more).
    pub frequency: u32,
    pub customers: usize,
    pub actual: f64,
    pub predicted: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Holdout {
    pub calibration_end: i32,
    /// Days in the holdout period.
    pub days: i32,
    /// Days from the first order to the calibration end.
    pub calibration_days: i32,
    pub fit: BgNbdFit,
    /// Customers with a purchase in the calibration period.
    pub customers: usize,
    /// Non-empty buckets only.
    pub buckets: Vec<Bucket>,
}

/// Why no holdout comparison could be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldoutError {
    /// The calibration end is not strictly between the first order day and the analysis day.
    OutOfRange,
    /// No customer bought in the calibration period.
    NoCalibrationCustomers,
}

pub fn holdout(
    orders: &[Order],
    customers: usize,
    calibration_end: i32,
    as_of: i32,
) -> Result<Holdout, HoldoutError> {
    let first = orders
        .iter()
        .filter(|o| !o.is_refund())
        .map(|o| o.day)
        .min();
    let Some(first) = first else {
        return Err(HoldoutError::NoCalibrationCustomers);
    };
    if calibration_end < first || calibration_end >= as_of {
        return Err(HoldoutError::OutOfRange);
    }
    let cal = summarize(orders, calibration_end);
    let histories: Vec<History> = cal
        .customers
        .iter()
        .map(|s| History {
            x: f64::from(s.frequency),
            t_x: s.recency,
            age: s.age,
        })
        .collect();
    let fit = bg_nbd::fit(&histories).ok_or(HoldoutError::NoCalibrationCustomers)?;
    let actual = purchase_days_between(orders, customers, calibration_end, as_of);
    let days = as_of - calibration_end;
    let mut sums = [(0usize, 0.0f64, 0.0f64); BUCKETS];
    for (s, h) in cal.customers.iter().zip(&histories) {
        let k = (s.frequency as usize).min(BUCKETS - 1);
        let e = &mut sums[k];
        e.0 += 1;
        e.1 += f64::from(actual[s.customer as usize]);
        e.2 += fit.params.expected_purchases(f64::from(days), *h);
    }
    let buckets = sums
        .iter()
        .enumerate()
        .filter(|(_, s)| s.0 > 0)
        .map(|(k, s)| Bucket {
            frequency: k as u32,
            customers: s.0,
            actual: s.1 / s.0 as f64,
            predicted: s.2 / s.0 as f64,
        })
        .collect();
    Ok(Holdout {
        calibration_end,
        days,
        calibration_days: calibration_end - first,
        fit,
        customers: cal.customers.len(),
        buckets,
    })
}
