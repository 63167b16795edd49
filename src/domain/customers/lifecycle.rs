//! Lifecycle triggers (seed 003: 30 days without purchase → coupon, 60 days → phone call;
//! seed 000 stock-ops: no repurchase in 90 days and historical AOV > ¥500 → offline
//! service voucher), with editable thresholds kept in the plan.

use super::rfm::CustomerStats;
use crate::domain::values::money::Fen;
use serde::{Deserialize, Serialize};

/// The triggers' thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleRules {
    /// Days without purchase before a coupon.
    pub coupon_days: u32,
    /// Days without purchase before a phone call.
    pub call_days: u32,
    /// Days without purchase before an offline service voucher…
    pub voucher_days: u32,
    /// …for customers whose historical AOV is above this.
    pub voucher_min_aov: Fen,
}

impl Default for LifecycleRules {
    fn default() -> LifecycleRules {
        LifecycleRules {
            coupon_days: 30,
            call_days: 60,
            voucher_days: 90,
            voucher_min_aov: Fen(50_000),
        }
    }
}

/// The three lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    Coupon,
    PhoneCall,
    ServiceVoucher,
}

pub const TRIGGERS: [Trigger; 3] = [Trigger::Coupon, Trigger::PhoneCall, Trigger::ServiceVoucher];

/// The one list a customer is on, the strongest that applies, so nobody gets a coupon,
/// a call and a voucher at once: the voucher when recency ≥ `voucher_days` and AOV >
/// `voucher_min_aov` (strictly above); else a call when recency ≥ `call_days`; else a
/// coupon when recency ≥ `coupon_days`; else none. "N days without purchase" means the
/// last order was N or more days before the analysis day.
pub fn trigger_of(stats: &CustomerStats, as_of: i32, rules: LifecycleRules) -> Option<Trigger> {
    if stats.frequency == 0 {
        return None;
    }
    let days = i64::from(stats.recency(as_of));
    if days >= i64::from(rules.voucher_days) && stats.aov() > rules.voucher_min_aov.0 {
        Some(Trigger::ServiceVoucher)
    } else if days >= i64::from(rules.call_days) {
        Some(Trigger::PhoneCall)
    } else if days >= i64::from(rules.coupon_days) {
        Some(Trigger::Coupon)
    } else {
        None
    }
}

/// Customer ids per list (in [`TRIGGERS`] order), longest without purchase first
/// (ties by customer id, so the lists are stable).
pub fn lifecycle_lists(
    stats: &[CustomerStats],
    as_of: i32,
    rules: LifecycleRules,
) -> [Vec<u32>; 3] {
    let mut lists: [Vec<u32>; 3] = Default::default();
    for (c, s) in stats.iter().enumerate() {
        if let Some(t) = trigger_of(s, as_of, rules) {
            let i = TRIGGERS.iter().position(|&x| x == t).unwrap_or(0);
            lists[i].push(c as u32);
        }
    }
    for list in &mut lists {
        list.sort_by_key(|&c| (stats[c as usize].last_day, c));
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(last_day: i32, frequency: u32, yuan: i64) -> CustomerStats {
        CustomerStats {
            frequency,
            monetary: yuan * 100,
            first_day: last_day,
            last_day,
            ..CustomerStats::default()
        }
    }

    #[test]
    fn each_customer_on_the_strongest_list_that_applies() {
        let as_of = 1000;
        let r = LifecycleRules::default();
        let s = [
            stats(1000, 1, 100),      // 0 days: none
            stats(971, 1, 100),       // 29 days: none
            stats(970, 1, 100),       // 30 days: coupon
            stats(941, 1, 100),       // 59: coupon
            stats(940, 2, 2000),      // 60, AOV 1000: call (not yet 90)
            stats(910, 2, 1000),      // 90, AOV exactly 500: call (needs > 500)
            stats(910, 2, 1002),      // 90, AOV 501: voucher
            stats(500, 1, 80),        // 500 days, AOV 80: call
            CustomerStats::default(), // no orders
        ];
        let got: Vec<Option<Trigger>> = s.iter().map(|x| trigger_of(x, as_of, r)).collect();
        use Trigger::*;
        assert_eq!(
            got,
            [
                None,
                None,
                Some(Coupon),
                Some(Coupon),
                Some(PhoneCall),
                Some(PhoneCall),
                Some(ServiceVoucher),
                Some(PhoneCall),
                None
            ]
        );
        let lists = lifecycle_lists(&s, as_of, r);
        assert_eq!(lists, [vec![3, 2], vec![7, 5, 4], vec![6]]);
        // Thresholds are editable: a 20-day coupon rule catches customer 1.
        let r2 = LifecycleRules {
            coupon_days: 20,
            ..r
        };
        assert_eq!(trigger_of(&s[1], as_of, r2), Some(Coupon));
    }
}
