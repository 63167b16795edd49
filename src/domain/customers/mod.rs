//! Customer segmentation from an orders export (spec §5): the orders file, RFM scores
//! and segments, lifecycle triggers, customer KPIs, phone masking, cohort retention
//! (cohorts.rs: first-purchase month × months since, LTV curves) and segment migration
//! between two days (migration.rs). The orders stay in
//! memory; the plan keeps only the settings below.

pub mod cohorts;
pub mod customer_kpis;
pub mod lifecycle;
pub mod mask;
pub mod migration;
pub mod orders;
pub mod rfm;

use crate::domain::values::entry::Entry;
use crate::domain::values::money::Fen;
use lifecycle::LifecycleRules;
use rfm::LayerCuts;
use serde::{Deserialize, Serialize};

/// The analysis settings kept in the plan (never the orders themselves). Each is typed
/// by the user; an empty or invalid entry falls back to the default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SegmentSettings {
    /// The day recency is counted to; empty: the last order day in the file.
    pub as_of: Entry<chrono::NaiveDate>,
    /// Four layers: "recent" from this R score (1-5).
    pub recent_from: Entry<u64>,
    /// Four layers: "valuable" from this FM score (1-5).
    pub valuable_from: Entry<u64>,
    pub coupon_days: Entry<u64>,
    pub call_days: Entry<u64>,
    pub voucher_days: Entry<u64>,
    pub voucher_min_aov: Entry<Fen>,
    /// Annual spend above which a customer is high-value (¥5,000 in seed 001).
    pub high_value: Entry<Fen>,
}

impl Default for SegmentSettings {
    fn default() -> SegmentSettings {
        let rules = LifecycleRules::default();
        let cuts = LayerCuts::default();
        SegmentSettings {
            as_of: Entry::Empty,
            recent_from: Entry::Value(u64::from(cuts.recent_from)),
            valuable_from: Entry::Value(u64::from(cuts.valuable_from)),
            coupon_days: Entry::Value(u64::from(rules.coupon_days)),
            call_days: Entry::Value(u64::from(rules.call_days)),
            voucher_days: Entry::Value(u64::from(rules.voucher_days)),
            voucher_min_aov: Entry::Value(rules.voucher_min_aov),
            high_value: Entry::Value(DEFAULT_HIGH_VALUE),
        }
    }
}

/// Seed 001: high-value users spend more than ¥5,000 a year.
pub const DEFAULT_HIGH_VALUE: Fen = Fen(500_000);

fn days(e: &Entry<u64>, default: u32) -> u32 {
    e.value()
        .map_or(default, |v| u32::try_from(*v).unwrap_or(u32::MAX))
}

fn score(e: &Entry<u64>, default: u8) -> u8 {
    e.value().map_or(default, |v| (*v).clamp(1, 6) as u8)
}

impl SegmentSettings {
    /// Whether nothing was changed (the plan then leaves the settings out).
    pub fn is_default(&self) -> bool {
        *self == SegmentSettings::default()
    }

    /// The layer cut-offs (scores above 5 leave the upper side empty).
    pub fn cuts(&self) -> LayerCuts {
        let d = LayerCuts::default();
        LayerCuts {
            recent_from: score(&self.recent_from, d.recent_from),
            valuable_from: score(&self.valuable_from, d.valuable_from),
        }
    }

    pub fn rules(&self) -> LifecycleRules {
        let d = LifecycleRules::default();
        LifecycleRules {
            coupon_days: days(&self.coupon_days, d.coupon_days),
            call_days: days(&self.call_days, d.call_days),
            voucher_days: days(&self.voucher_days, d.voucher_days),
            voucher_min_aov: self
                .voucher_min_aov
                .value()
                .copied()
                .unwrap_or(d.voucher_min_aov),
        }
    }

    pub fn high_value(&self) -> Fen {
        self.high_value
            .value()
            .copied()
            .unwrap_or(DEFAULT_HIGH_VALUE)
    }

    /// The analysis day as a day number: the typed date, or the last order day.
    pub fn as_of_day(&self, orders: &orders::Orders) -> Option<i32> {
        use chrono::Datelike;
        match self.as_of.value() {
            Some(d) => Some(d.num_days_from_ce()),
            None => orders.orders.iter().map(|o| o.day).max(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_fall_back_to_defaults_and_survive_a_round_trip() {
        let mut s = SegmentSettings::default();
        assert_eq!(s.rules(), LifecycleRules::default());
        s.coupon_days = Entry::Invalid("abc".into());
        s.recent_from = Entry::Value(9);
        assert_eq!(s.rules().coupon_days, 30);
        assert_eq!(s.cuts().recent_from, 6);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<SegmentSettings>(&json).unwrap(), s);
        assert_eq!(
            serde_json::from_str::<SegmentSettings>("{}").unwrap(),
            SegmentSettings::default()
        );
    }
}
