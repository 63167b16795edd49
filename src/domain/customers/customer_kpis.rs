//! Customer KPIs from an orders export (spec §4.1 value dimension, §5 "derived"):
//! repurchase rate, average repurchase interval, AOV online / offline, high-value share
//! and online-offline overlap, all as of the analysis day. One pure function, so the
//! KPI page can show the same figures.

use super::orders::Order;
use super::rfm::{customer_stats, CustomerStats};
use crate::domain::channels::kpi_system::KpiInputs;
use crate::domain::channels::month::YearMonth;
use crate::domain::values::entry::Entry;
use crate::domain::values::measure::Measure;
use crate::domain::values::money::Fen;
use crate::domain::values::ratio::Ratio;
use chrono::{Datelike, NaiveDate};

/// The figures; `None` (shown "—") when there is nothing to divide by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomerKpis {
    /// Customers with a purchase by the analysis day.
    pub customers: u64,
    /// Purchases (refunds are not orders: see [`Order::is_refund`]).
    pub orders: u64,
    /// Customers with 2 or more orders ÷ customers.
    pub repurchase_rate: Option<Ratio>,
    /// Mean days between consecutive orders of repeat customers:
    /// Σ (last − first) ÷ Σ (orders − 1), in hundredths of a day (rounded half up).
    pub repurchase_interval_centidays: Option<i64>,
    /// Online amount ÷ online orders, rounded half up to the fen.
    pub aov_online: Option<Fen>,
    pub aov_offline: Option<Fen>,
    /// All orders' AOV.
    pub aov: Option<Fen>,
    /// Customers whose spend in the 365 days to the analysis day is above the
    /// threshold (strictly) ÷ customers.
    pub high_value_share: Option<Ratio>,
    /// Customers with both online and offline orders ÷ customers with an order of
    /// known channel.
    pub overlap: Option<Ratio>,
}

fn div_half_up(num: i64, den: u64) -> Option<i64> {
    if den == 0 {
        return None;
    }
    let (n, d) = (i128::from(num), i128::from(den));
    let q = if n >= 0 {
        (2 * n + d) / (2 * d)
    } else {
        -((-2 * n + d) / (2 * d))
    };
    i64::try_from(q).ok()
}

/// The KPIs of per-customer figures (see [`super::rfm::customer_stats`]).
pub fn customer_kpis(stats: &[CustomerStats], high_value_threshold: Fen) -> CustomerKpis {
    let (mut customers, mut orders, mut repeaters, mut high, mut both, mut known) =
        (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    let (mut span_days, mut gaps) = (0i64, 0u64);
    let (mut on_amt, mut on_n, mut off_amt, mut off_n, mut amt) = (0i64, 0u64, 0i64, 0u64, 0i64);
    for s in stats.iter().filter(|s| s.frequency > 0) {
        customers += 1;
        orders += u64::from(s.frequency);
        amt = amt.saturating_add(s.monetary);
        if s.frequency >= 2 {
            repeaters += 1;
            span_days += i64::from(s.last_day - s.first_day);
            gaps += u64::from(s.frequency - 1);
        }
        if s.annual_spend > high_value_threshold.0 {
            high += 1;
        }
        if s.online_orders > 0 || s.offline_orders > 0 {
            known += 1;
        }
        if s.online_orders > 0 && s.offline_orders > 0 {
            both += 1;
        }
        on_amt = on_amt.saturating_add(s.online_amount);
        on_n += u64::from(s.online_orders);
        off_amt = off_amt.saturating_add(s.offline_amount);
        off_n += u64::from(s.offline_orders);
    }
    CustomerKpis {
        customers,
        orders,
        repurchase_rate: Ratio::new(repeaters, customers),
        repurchase_interval_centidays: div_half_up(span_days.saturating_mul(100), gaps),
        aov_online: div_half_up(on_amt, on_n).map(Fen),
        aov_offline: div_half_up(off_amt, off_n).map(Fen),
        aov: div_half_up(amt, orders).map(Fen),
        high_value_share: Ratio::new(high, customers),
        overlap: Ratio::new(both, known),
    }
}

/// What an orders export says about one month of the KPI page's inputs (spec §4.1):
/// the customer base and its high-value part at the month's end (the high-value share),
/// the month's orders and sales (GMV, AOV), and the repurchase interval so far (the
/// "after" side of the repurchase-cycle metric).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthFromOrders {
    pub month: YearMonth,
    /// Customers with an order on or before the month's last day.
    pub customers: u64,
    /// Of those, spend in the 365 days to the month's last day over the threshold.
    pub high_value_customers: u64,
    /// Purchases dated within the month, and the month's net sales (refunds subtracted).
    pub orders: u64,
    pub sales: Fen,
    /// Mean days between repeat orders up to the month's end, in hundredths of a day.
    pub repurchase_interval_centidays: Option<i64>,
}

fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The figures of `month`; `None` when the month has no calendar day range (out of
/// chrono's range).
pub fn month_from_orders(
    orders: &[Order],
    customers: usize,
    month: YearMonth,
    high_value_threshold: Fen,
) -> Option<MonthFromOrders> {
    let first = NaiveDate::from_ymd_opt(month.year, month.month, 1)?;
    let next = month.add_months(1)?;
    let last = NaiveDate::from_ymd_opt(next.year, next.month, 1)?.pred_opt()?;
    let (from, to) = (day_number(first), day_number(last));
    let stats = customer_stats(orders, customers, to);
    let kpis = customer_kpis(&stats, high_value_threshold);
    let high = stats
        .iter()
        .filter(|s| s.frequency > 0 && s.annual_spend > high_value_threshold.0)
        .count() as u64;
    let (mut count, mut sales) = (0u64, 0i64);
    for o in orders.iter().filter(|o| (from..=to).contains(&o.day)) {
        count += u64::from(!o.is_refund());
        sales = sales.saturating_add(o.amount.0);
    }
    Some(MonthFromOrders {
        month,
        customers: kpis.customers,
        high_value_customers: high,
        orders: count,
        sales: Fen(sales),
        repurchase_interval_centidays: kpis.repurchase_interval_centidays,
    })
}

impl MonthFromOrders {
    /// Writes the figures into a month's inputs, leaving every other input as typed.
    /// The repurchase interval is written only when there are repeat customers.
    pub fn fill(&self, inputs: &mut KpiInputs) {
        inputs.customers = Entry::Value(self.customers);
        inputs.high_value_customers = Entry::Value(self.high_value_customers);
        inputs.orders = Entry::Value(self.orders);
        inputs.sales = Entry::Value(self.sales);
        if let Some(v) = self.repurchase_interval_centidays {
            inputs.repurchase_days_after = Entry::Value(Measure(v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customers::orders::read_orders;

    #[test]
    fn kpis_of_a_small_export() {
        let text = "customer,date,amount,channel\n\
            A,2026-01-01,100,online\n\
            A,2026-01-11,300,offline\n\
            A,2026-01-31,200,online\n\
            B,2026-01-05,6000,offline\n\
            C,2026-01-20,50,online\n\
            C,2026-01-27,50,online\n\
            D,2026-02-10,999,offline\n";
        let o = read_orders(text).unwrap();
        let as_of = crate::domain::customers::orders::parse_day("2026-02-01").unwrap();
        let stats = customer_stats(&o.orders, o.customers.len(), as_of);
        let k = customer_kpis(&stats, Fen(500_000));
        // D's order is after the analysis day.
        assert_eq!((k.customers, k.orders), (3, 6));
        // A and C repeat: 2 of 3.
        assert_eq!(k.repurchase_rate, Ratio::new(2, 3));
        // A: 30 days over 2 gaps, C: 7 days over 1 gap → 37 / 3 = 12.33 days.
        assert_eq!(k.repurchase_interval_centidays, Some(1233));
        // Online: 100 + 200 + 50 + 50 = 400 over 4 → ¥100; offline: 6300 over 2 → ¥3150.
        assert_eq!(k.aov_online, Some(Fen(10_000)));
        assert_eq!(k.aov_offline, Some(Fen(315_000)));
        assert_eq!(k.aov, Some(Fen(111_667)));
        // B spent ¥6,000 > ¥5,000.
        assert_eq!(k.high_value_share, Ratio::new(1, 3));
        // A bought both ways.
        assert_eq!(k.overlap, Ratio::new(1, 3));
        let empty = customer_kpis(&[], Fen(0));
        assert_eq!((empty.repurchase_rate, empty.aov_online), (None, None));
    }

    #[test]
    fn refunds_are_no_repurchase_and_no_order() {
        // A buys once and returns part of it; B buys twice; C only has a refund.
        let text = "customer,date,amount\n\
            A,2026-01-01,300\n\
            A,2026-01-20,-100\n\
            B,2026-01-05,100\n\
            B,2026-01-15,100\n\
            C,2026-01-10,-50\n";
        let o = read_orders(text).unwrap();
        let as_of = crate::domain::customers::orders::parse_day("2026-01-31").unwrap();
        let stats = customer_stats(&o.orders, o.customers.len(), as_of);
        let k = customer_kpis(&stats, Fen(500_000));
        assert_eq!((k.customers, k.orders), (2, 3));
        // Only B repurchased; B's interval is 10 days.
        assert_eq!(k.repurchase_rate, Ratio::new(1, 2));
        assert_eq!(k.repurchase_interval_centidays, Some(1000));
        // Net spend of the customers in the analysis, ¥400, over 3 purchases (C, with no
        // purchase, is not in it).
        assert_eq!(k.aov, Some(Fen(13_333)));
        let jan = YearMonth::new(2026, 1).unwrap();
        let m = month_from_orders(&o.orders, o.customers.len(), jan, Fen(500_000)).unwrap();
        // The month's sales are net of every refund dated in it, C's included.
        assert_eq!((m.customers, m.orders, m.sales), (2, 3, Fen(35_000)));
    }

    #[test]
    fn a_month_of_kpi_inputs_from_orders() {
        let text = "customer,date,amount\n\
            A,2025-12-20,100\n\
            A,2026-01-11,300\n\
            B,2026-01-05,6000\n\
            B,2026-01-31,1000\n\
            C,2026-02-01,50\n";
        let o = read_orders(text).unwrap();
        let jan = YearMonth::new(2026, 1).unwrap();
        let m = month_from_orders(&o.orders, o.customers.len(), jan, Fen(500_000)).unwrap();
        // C's first order is in February: two customers at January's end, B over ¥5,000.
        assert_eq!((m.customers, m.high_value_customers), (2, 1));
        // January's own orders: A's second, B's two.
        assert_eq!((m.orders, m.sales), (3, Fen(730_000)));
        // A: 22 days, B: 26 days → 48 / 2 = 24 days.
        assert_eq!(m.repurchase_interval_centidays, Some(2400));
        let mut inputs = KpiInputs {
            marketing_spend: Entry::Value(Fen(1)),
            ..KpiInputs::default()
        };
        m.fill(&mut inputs);
        assert_eq!(inputs.customers, Entry::Value(2));
        assert_eq!(inputs.sales, Entry::Value(Fen(730_000)));
        assert_eq!(inputs.repurchase_days_after, Entry::Value(Measure(2400)));
        assert_eq!(
            inputs.marketing_spend,
            Entry::Value(Fen(1)),
            "other inputs kept"
        );
        // December 2026 (a year end) has no orders but the whole base.
        let dec = month_from_orders(
            &o.orders,
            3,
            YearMonth::new(2026, 12).unwrap(),
            Fen(500_000),
        )
        .unwrap();
        assert_eq!((dec.customers, dec.orders, dec.sales), (3, 0, Fen(0)));
    }
}
