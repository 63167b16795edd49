//! Customer segmentation from an orders export (spec §5): the orders file, RFM scores
//! and segments, lifecycle triggers, customer KPIs, phone masking, cohort retention
//! (cohorts.rs: first-purchase month × months since, LTV curves), segment migration
//! between two days (migration.rs) and predicted customer value (value/: BG/NBD,
//! Gamma-Gamma, CLV, churn risk, holdout check). The orders stay in memory; the plan
//! keeps only the settings below.

pub mod cohorts;
pub mod customer_kpis;
pub mod lifecycle;
pub mod mask;
pub mod migration;
pub mod orders;
pub mod rfm;
pub mod value;

use crate::domain::values::entry::Entry;
use crate::domain::values::measure::Measure;
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
    /// Predicted value (value/); boxed so the plan's parts stay small.
    pub value: Box<ValueSettings>,
}

/// The predicted-value settings, typed by the user; empty, invalid or negative entries
/// fall back to the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ValueSettings {
    /// The CLV's monthly discount rate, in percent (hundredths).
    pub discount: Entry<Measure>,
    /// Churn risk is high below this P(alive) (percent)…
    pub risk_high_below: Entry<Measure>,
    /// …and medium below this one.
    pub risk_medium_below: Entry<Measure>,
    /// The share of customers, by predicted CLV, that counts as high-value (percent).
    pub top_share: Entry<Measure>,
    /// The holdout check's calibration end; empty: a third of the span before the
    /// analysis day ([`SegmentSettings::holdout_end`]).
    pub holdout_from: Entry<chrono::NaiveDate>,
}

impl Default for ValueSettings {
    fn default() -> ValueSettings {
        ValueSettings {
            discount: Entry::Value(Measure(DEFAULT_VALUE.discount)),
            risk_high_below: Entry::Value(Measure(DEFAULT_VALUE.high_below)),
            risk_medium_below: Entry::Value(Measure(DEFAULT_VALUE.medium_below)),
            top_share: Entry::Value(Measure(DEFAULT_VALUE.top_share)),
            holdout_from: Entry::Empty,
        }
    }
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
            value: Box::default(),
        }
    }
}

/// The predicted-value defaults, in hundredths of a percent: 1 % a month (lifetimes'
/// default), high risk below P(alive) 30 %, medium below 70 %, the top 20 % by CLV.
struct ValueDefaults {
    discount: i64,
    high_below: i64,
    medium_below: i64,
    top_share: i64,
}

const DEFAULT_VALUE: ValueDefaults = ValueDefaults {
    discount: 100,
    high_below: 3_000,
    medium_below: 7_000,
    top_share: 2_000,
};

/// A percentage entry as a fraction; empty, invalid or negative falls back to `default`.
fn fraction(e: &Entry<Measure>, default: i64) -> f64 {
    let h = e
        .value()
        .map_or(default, |m| if m.0 < 0 { default } else { m.0 });
    h as f64 / 10_000.0
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

    /// What the predicted-value figures apply: discount rate, risk bands, top share.
    pub fn value_settings(&self) -> value::ValueSettingsApplied {
        let (d, v) = (&DEFAULT_VALUE, &self.value);
        value::ValueSettingsApplied {
            monthly_discount: fraction(&v.discount, d.discount),
            bands: value::churn::Bands {
                high_below: fraction(&v.risk_high_below, d.high_below),
                medium_below: fraction(&v.risk_medium_below, d.medium_below),
            },
            top_share: fraction(&v.top_share, d.top_share),
        }
    }

    /// The holdout's calibration end: the typed date, or two thirds of the way from the
    /// first order day to the analysis day.
    pub fn holdout_end(&self, first_day: i32, as_of: i32) -> i32 {
        use chrono::Datelike;
        match self.value.holdout_from.value() {
            Some(d) => d.num_days_from_ce(),
            None => as_of - (as_of - first_day) / 3,
        }
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
        // Plans saved before the value settings existed read them as defaults.
        let old = r#"{"as_of":null,"recent_from":4,"coupon_days":20}"#;
        let s: SegmentSettings = serde_json::from_str(old).unwrap();
        assert_eq!(s.value_settings().monthly_discount, 0.01);
        assert_eq!(s.value_settings().bands.high_below, 0.3);
        assert_eq!(s.value_settings().top_share, 0.2);
        let s = SegmentSettings {
            value: Box::new(ValueSettings {
                discount: Entry::Value(Measure(250)),
                risk_high_below: Entry::Invalid("x".into()),
                top_share: Entry::Value(Measure(-5)),
                ..ValueSettings::default()
            }),
            ..SegmentSettings::default()
        };
        let v = s.value_settings();
        assert_eq!(
            (v.monthly_discount, v.bands.high_below, v.top_share),
            (0.025, 0.3, 0.2)
        );
        assert_eq!(s.holdout_end(100, 400), 300);
    }
}
