//! Cohort retention: customers grouped by the calendar month of their first purchase,
//! then, for each month since (0 = the first month), how many of them bought (active
//! customers), that as a share of the cohort, and the cohort's net revenue that month;
//! and the cumulative revenue per customer of each cohort (its LTV curve).
//!
//! Rules, as the rest of the page counts (see [`Order::is_refund`]):
//! - a refund is not a purchase: it makes no one active and no one's first purchase, but
//!   it reduces the revenue of the month it is dated in (a refund dated before its
//!   customer's first purchase, of a purchase before the file, counts in month 0);
//! - a customer whose only rows are refunds is in no cohort;
//! - only rows on or before the analysis day count; each cohort has a cell for every
//!   month from its first to the analysis day's month (the last one partial).
//!
//! One pass for first months, one over (customer, month) keys sorted: a million orders
//! in well under the page's 300 ms budget.

use super::orders::Order;
use crate::domain::values::ratio::Ratio;

/// A calendar month as months since year 0 (`year × 12 + month − 1`).
pub type MonthIndex = i32;

/// The month index of a day number (days since 0001-01-01, as orders keep them).
pub fn month_of_day(day: i32) -> Option<MonthIndex> {
    use chrono::Datelike;
    let d = super::orders::day_date(day)?;
    Some(d.year() * 12 + d.month0() as i32)
}

/// "2026-03" of a month index.
pub fn month_label(m: MonthIndex) -> String {
    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
}

/// One cohort: the customers whose first purchase is in `month`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    pub month: MonthIndex,
    /// Customers in the cohort (all active in month 0).
    pub size: u64,
    /// Active customers per month since the first (index 0 = the first month).
    pub active: Vec<u64>,
    /// Net revenue in fen per month since the first.
    pub revenue: Vec<i64>,
}

impl Cohort {
    /// Active customers `k` months after the first, as a share of the cohort (`None` past
    /// the analysis day).
    pub fn share(&self, k: usize) -> Option<Ratio> {
        self.active.get(k).and_then(|&a| Ratio::new(a, self.size))
    }

    /// Cumulative net revenue per customer in fen, months 0..=k, rounded half away from
    /// zero; one value per month observed.
    pub fn ltv(&self) -> Vec<i64> {
        let size = self.size.max(1) as i128;
        let mut sum = 0i128;
        self.revenue
            .iter()
            .map(|&r| {
                sum += i128::from(r);
                let q = (2 * sum.abs() + size) / (2 * size);
                (if sum < 0 { -q } else { q }) as i64
            })
            .collect()
    }
}

/// The cohort table, oldest cohort first (months without a new customer have no row).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CohortTable {
    pub cohorts: Vec<Cohort>,
    /// The analysis day's month: the last month observed.
    pub last_month: MonthIndex,
}

impl CohortTable {
    /// The widest row: months since the oldest cohort's first, plus one.
    pub fn periods(&self) -> usize {
        self.cohorts
            .iter()
            .map(|c| c.active.len())
            .max()
            .unwrap_or(0)
    }

    /// Customers in every cohort together.
    pub fn customers(&self) -> u64 {
        self.cohorts.iter().map(|c| c.size).sum()
    }
}

/// Day → month, read from a table over the days the orders span (no date arithmetic per
/// order).
struct Months {
    first_day: i32,
    months: Vec<MonthIndex>,
}

impl Months {
    fn new(first_day: i32, last_day: i32) -> Months {
        let mut months = Vec::with_capacity((last_day - first_day + 1).max(0) as usize);
        let mut day = first_day;
        while day <= last_day {
            let m = month_of_day(day).unwrap_or(0);
            // The rest of this month in one go.
            let next = super::orders::day_date(day)
                .and_then(|d| {
                    use chrono::Datelike;
                    let (y, mo) = if d.month() == 12 {
                        (d.year() + 1, 1)
                    } else {
                        (d.year(), d.month() + 1)
                    };
                    chrono::NaiveDate::from_ymd_opt(y, mo, 1)
                })
                .map_or(last_day + 1, |d| {
                    use chrono::Datelike;
                    d.num_days_from_ce()
                });
            let end = next.min(last_day + 1);
            months.extend(std::iter::repeat_n(m, (end - day) as usize));
            day = end;
        }
        Months { first_day, months }
    }

    fn of(&self, day: i32) -> MonthIndex {
        self.months[(day - self.first_day) as usize]
    }
}

/// The cohort table of `orders` (customer ids below `customers`) as of day `as_of`.
pub fn cohort_table(orders: &[Order], customers: usize, as_of: i32) -> CohortTable {
    let Some(last_month) = month_of_day(as_of) else {
        return CohortTable::default();
    };
    let seen = orders
        .iter()
        .filter(|o| o.day <= as_of && (o.customer as usize) < customers);
    let Some(first_day) = seen.clone().map(|o| o.day).min() else {
        return CohortTable {
            cohorts: Vec::new(),
            last_month,
        };
    };
    let months = Months::new(first_day, as_of);
    // First purchase month per customer; None: no purchase (refunds only, or no row).
    let mut first: Vec<Option<MonthIndex>> = vec![None; customers];
    for o in seen.clone().filter(|o| !o.is_refund()) {
        let m = months.of(o.day);
        let f = &mut first[o.customer as usize];
        if f.is_none_or(|f| m < f) {
            *f = Some(m);
        }
    }
    let Some(oldest) = first.iter().flatten().copied().min() else {
        return CohortTable {
            cohorts: Vec::new(),
            last_month,
        };
    };
    // Every month from the oldest cohort gets a slot; empty ones are dropped at the end.
    let span = (last_month - oldest + 1) as usize;
    let mut rows: Vec<Cohort> = (0..span)
        .map(|i| {
            let month = oldest + i as i32;
            let periods = (last_month - month + 1) as usize;
            Cohort {
                month,
                size: 0,
                active: vec![0; periods],
                revenue: vec![0; periods],
            }
        })
        .collect();
    for f in first.iter().flatten() {
        rows[(f - oldest) as usize].size += 1;
    }
    // Revenue, and the (month, customer) keys of purchases for the active counts.
    let mut keys: Vec<u64> = Vec::with_capacity(orders.len());
    for o in seen {
        let Some(f) = first[o.customer as usize] else {
            continue;
        };
        let m = months.of(o.day);
        let row = &mut rows[(f - oldest) as usize];
        let k = (m - f).max(0) as usize;
        row.revenue[k] = row.revenue[k].saturating_add(o.amount.0);
        if !o.is_refund() {
            keys.push((((m - oldest) as u64) << 32) | u64::from(o.customer));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let m = oldest + (key >> 32) as i32;
        let c = (key & 0xffff_ffff) as usize;
        if let Some(f) = first[c] {
            rows[(f - oldest) as usize].active[(m - f) as usize] += 1;
        }
    }
    rows.retain(|r| r.size > 0);
    CohortTable {
        cohorts: rows,
        last_month,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customers::orders::read_orders;

    fn day(text: &str) -> i32 {
        crate::domain::customers::orders::parse_day(text).unwrap()
    }

    #[test]
    fn counts_shares_revenue_and_ltv_of_a_small_file() {
        // A: Jan, Feb, Apr (refund in Feb). B: Jan only. C: Feb, Mar twice.
        // D: a refund only (in no cohort). E: after the analysis day (ignored).
        let o = read_orders(
            "customer,date,amount\n\
             A,2026-01-05,100\n\
             B,2026-01-20,50\n\
             A,2026-02-01,30\n\
             A,2026-02-10,-10\n\
             C,2026-02-15,200\n\
             C,2026-03-01,20\n\
             C,2026-03-31,20\n\
             D,2026-03-02,-5\n\
             A,2026-04-02,40\n\
             E,2026-05-01,70\n",
        )
        .unwrap();
        let t = cohort_table(&o.orders, o.customers.len(), day("2026-04-30"));
        assert_eq!(month_label(t.last_month), "2026-04");
        let labels: Vec<String> = t.cohorts.iter().map(|c| month_label(c.month)).collect();
        assert_eq!(labels, ["2026-01", "2026-02"]);
        let jan = &t.cohorts[0];
        assert_eq!(jan.size, 2);
        assert_eq!(jan.active, [2, 1, 0, 1]);
        assert_eq!(jan.revenue, [15_000, 2_000, 0, 4_000]);
        assert_eq!(jan.share(1), Ratio::new(1, 2));
        // Cumulative per customer: 75, 85, 85, 105 yuan.
        assert_eq!(jan.ltv(), [7_500, 8_500, 8_500, 10_500]);
        let feb = &t.cohorts[1];
        // C bought twice in March: one active customer.
        assert_eq!((feb.size, feb.active.clone()), (1, vec![1, 1, 0]));
        assert_eq!(feb.revenue, [20_000, 4_000, 0]);
        assert_eq!(t.periods(), 4);
        assert_eq!(t.customers(), 3);
        // Up to the end of February only.
        let t = cohort_table(&o.orders, o.customers.len(), day("2026-02-28"));
        assert_eq!(t.cohorts[0].active, [2, 1]);
        assert_eq!(t.cohorts[1].active, [1]);
    }

    #[test]
    fn a_refund_before_the_first_purchase_counts_in_month_zero_and_empty_months_drop() {
        let o = read_orders(
            "customer,date,amount\n\
             A,2025-11-30,-20\n\
             A,2025-12-01,100\n\
             B,2026-03-01,10\n",
        )
        .unwrap();
        let t = cohort_table(&o.orders, o.customers.len(), day("2026-03-01"));
        assert_eq!(t.cohorts.len(), 2);
        assert_eq!(t.cohorts[0].revenue, [8_000, 0, 0, 0]);
        assert_eq!(month_label(t.cohorts[1].month), "2026-03");
        assert_eq!(t.cohorts[1].ltv(), [1_000]);
        assert!(cohort_table(&[], 0, day("2026-03-01")).cohorts.is_empty());
    }

    #[test]
    fn ltv_rounds_half_away_from_zero() {
        let c = Cohort {
            month: 0,
            size: 3,
            active: vec![3, 1],
            revenue: vec![100, -302],
        };
        // 33.33 → 33; -202 / 3 = -67.33 → -67.
        assert_eq!(c.ltv(), [33, -67]);
        let c = Cohort {
            size: 2,
            revenue: vec![1, 2],
            ..c
        };
        assert_eq!(c.ltv(), [1, 2]);
    }
}
