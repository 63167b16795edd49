//! The per-customer summary the models read, counted as `lifetimes`'
//! `summary_data_from_transaction_data` counts it (freq "D"): purchases on one day are
//! one purchase day; frequency = purchase days − 1 (repeat days); recency t_x = last −
//! first purchase day; age T = analysis day − first purchase day; monetary value = the
//! mean of the repeat days' totals (the first day's excluded), 0 without repeats.
//!
//! Orders after the analysis day are not seen. Refund rows (negative amounts) are not
//! purchases (as everywhere on the page) and are counted in [`Summaries::refunds`] so the
//! page can say so. Money becomes f64 yuan here: the models estimate, they keep no books.

use crate::domain::customers::orders::Order;

/// One customer as the models see them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Index into the orders' customers.
    pub customer: u32,
    pub first_day: i32,
    /// Repeat purchase days (x).
    pub frequency: u32,
    /// Days from the first to the last purchase day (t_x).
    pub recency: f64,
    /// Days from the first purchase day to the analysis day (T).
    pub age: f64,
    /// Mean total of the repeat purchase days, yuan.
    pub monetary: f64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summaries {
    pub customers: Vec<Summary>,
    /// Refund rows on or before the analysis day, left out of the model.
    pub refunds: usize,
    /// Orders after the analysis day, left out of the model.
    pub after: usize,
}

/// Summaries of every customer with a purchase on or before `as_of`, in customer order.
pub fn summarize(orders: &[Order], as_of: i32) -> Summaries {
    let mut out = Summaries::default();
    let mut rows: Vec<(u32, i32, i64)> = Vec::with_capacity(orders.len());
    for o in orders {
        if o.day > as_of {
            out.after += 1;
        } else if o.is_refund() {
            out.refunds += 1;
        } else {
            rows.push((o.customer, o.day, o.amount.0));
        }
    }
    rows.sort_unstable_by_key(|&(c, d, _)| (c, d));
    let mut i = 0;
    while i < rows.len() {
        let customer = rows[i].0;
        let first_day = rows[i].1;
        let mut last_day = first_day;
        let mut days = 0u32;
        let mut repeat_total = 0i64;
        while i < rows.len() && rows[i].0 == customer {
            let day = rows[i].1;
            let mut total = 0i64;
            while i < rows.len() && rows[i].0 == customer && rows[i].1 == day {
                total += rows[i].2;
                i += 1;
            }
            if days > 0 {
                repeat_total += total;
            }
            days += 1;
            last_day = day;
        }
        let frequency = days - 1;
        out.customers.push(Summary {
            customer,
            first_day,
            frequency,
            recency: f64::from(last_day - first_day),
            age: f64::from(as_of - first_day),
            monetary: if frequency > 0 {
                repeat_total as f64 / 100.0 / f64::from(frequency)
            } else {
                0.0
            },
        });
    }
    out
}

/// Distinct purchase days of each customer in (`from`, `to`] (refunds excluded), indexed
/// by customer: the holdout's actual repeat purchases, as `lifetimes`'
/// `calibration_and_holdout_data` counts them.
pub fn purchase_days_between(orders: &[Order], customers: usize, from: i32, to: i32) -> Vec<u32> {
    let mut pairs: Vec<(u32, i32)> = orders
        .iter()
        .filter(|o| o.day > from && o.day <= to && !o.is_refund())
        .map(|o| (o.customer, o.day))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut counts = vec![0u32; customers];
    for (c, _) in pairs {
        if let Some(n) = counts.get_mut(c as usize) {
            *n += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::values::money::Fen;

    fn order(customer: u32, day: i32, fen: i64) -> Order {
        Order {
            customer,
            day,
            amount: Fen(fen),
            channel: None,
            store: None,
        }
    }

    #[test]
    fn same_day_purchases_are_one_and_the_first_day_is_not_monetary() {
        let orders = [
            order(0, 10, 1000),
            order(0, 10, 500), // same day as the first: merged, excluded from monetary
            order(0, 15, 2000),
            order(0, 15, 1000), // one repeat day of ¥30
            order(0, 20, 1000), // a second of ¥10
            order(0, 21, -500), // refund: not a purchase
            order(1, 18, 800),
            order(2, 40, 900), // after the analysis day
        ];
        let s = summarize(&orders, 30);
        assert_eq!(s.refunds, 1);
        assert_eq!(s.after, 1);
        assert_eq!(
            s.customers,
            vec![
                Summary {
                    customer: 0,
                    first_day: 10,
                    frequency: 2,
                    recency: 10.0,
                    age: 20.0,
                    monetary: 20.0,
                },
                Summary {
                    customer: 1,
                    first_day: 18,
                    frequency: 0,
                    recency: 0.0,
                    age: 12.0,
                    monetary: 0.0,
                },
            ]
        );
        assert_eq!(purchase_days_between(&orders, 3, 12, 40), vec![2, 1, 1]);
    }
}
