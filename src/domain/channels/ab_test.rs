//! A/B tests of the optimisation loop (spec §4.5): test vs control → uplift and
//! significance → the SOP's decision (roll out, or adjust) → the winning action written
//! down as a versioned SOP entry ("门店引流话术V2.0").

use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::Measure;
use crate::domain::values::stats::two_proportion_z_test;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbTest {
    pub id: RowId,
    pub name: String,
    /// What the test group got that the control group did not.
    pub change: String,
    pub control_size: Entry<u64>,
    pub control_conversions: Entry<u64>,
    pub test_size: Entry<u64>,
    pub test_conversions: Entry<u64>,
    /// The rate the test group must reach to be rolled out (optional).
    pub target_rate: Entry<Measure>,
    /// The SOP the winning action goes into ("门店引流话术").
    pub sop_name: String,
}

impl AbTest {
    pub fn new(id: RowId) -> AbTest {
        AbTest {
            id,
            name: String::new(),
            change: String::new(),
            control_size: Entry::Empty,
            control_conversions: Entry::Empty,
            test_size: Entry::Empty,
            test_conversions: Entry::Empty,
            target_rate: Entry::Empty,
            sop_name: String::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    RollOut,
    Adjust,
}

/// Why the SOP decides as it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Significantly better, and at or over the target when there is one.
    MeetsTarget,
    /// Better, but the difference could be chance (p ≥ 0.05).
    NotSignificant,
    /// Significantly better, but still under the target rate.
    BelowTarget,
    /// The test group did no better than the control.
    NoBetter,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AbResult {
    /// Rates in basis points.
    pub control_rate: Measure,
    pub test_rate: Measure,
    /// Test − control, in basis points (percentage points × 100).
    pub uplift_points: Measure,
    /// (test − control) ÷ control, in basis points; `None` when the control converted nobody.
    pub uplift_relative: Option<Measure>,
    pub p_value: Option<f64>,
    pub significant: bool,
    pub decision: Decision,
    pub why: Why,
}

/// Why a test cannot be judged yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbIncomplete {
    /// A size or count is missing or not a whole number.
    MissingFigures,
    /// A group of size zero.
    EmptyGroup,
    /// More conversions than people in a group.
    ConversionsExceedSize,
}

fn bp(num: u64, den: u64) -> Measure {
    let (num, den) = (u128::from(num), u128::from(den));
    Measure(((num * 10_000 + den / 2) / den) as i64)
}

/// (xt/nt − xc/nc) / (xc/nc) in basis points, exact while the products fit i128 (any
/// realistic group); past that (counts near u64::MAX) from the rates in f64. Saturates
/// at the ends of i64 instead of wrapping.
fn relative_uplift(xc: u64, nc: u64, xt: u64, nt: u64) -> Measure {
    let exact = || {
        let num = i128::from(xt)
            .checked_mul(i128::from(nc))?
            .checked_sub(i128::from(xc).checked_mul(i128::from(nt))?)?;
        let den = i128::from(xc).checked_mul(i128::from(nt))?;
        let q = num.checked_mul(10_000)?;
        Some((if q >= 0 { q + den / 2 } else { q - den / 2 }) / den)
    };
    let bp = exact().unwrap_or_else(|| {
        let ratio = (xt as f64 / nt as f64) / (xc as f64 / nc as f64);
        // `as` saturates for floats; the ratio is finite since xc, nt > 0.
        ((ratio - 1.0) * 10_000.0).round() as i128
    });
    Measure(i64::try_from(bp).unwrap_or(if bp < 0 { i64::MIN } else { i64::MAX }))
}

pub fn evaluate(test: &AbTest) -> Result<AbResult, AbIncomplete> {
    let get = |e: &Entry<u64>| e.value().copied().ok_or(AbIncomplete::MissingFigures);
    let (nc, xc) = (get(&test.control_size)?, get(&test.control_conversions)?);
    let (nt, xt) = (get(&test.test_size)?, get(&test.test_conversions)?);
    if nc == 0 || nt == 0 {
        return Err(AbIncomplete::EmptyGroup);
    }
    if xc > nc || xt > nt {
        return Err(AbIncomplete::ConversionsExceedSize);
    }
    let (control_rate, test_rate) = (bp(xc, nc), bp(xt, nt));
    // Relative uplift from the exact counts: (xt/nt − xc/nc) / (xc/nc) = (xt·nc − xc·nt) / (xc·nt).
    let uplift_relative = (xc > 0).then(|| relative_uplift(xc, nc, xt, nt));
    let z = two_proportion_z_test(xt, nt, xc, nc);
    let better = u128::from(xt) * u128::from(nc) > u128::from(xc) * u128::from(nt);
    let significant = better && z.is_some_and(|z| z.significant_at_95);
    let meets_target = test.target_rate.value().is_none_or(|t| test_rate >= *t);
    let why = if !better {
        Why::NoBetter
    } else if !significant {
        Why::NotSignificant
    } else if !meets_target {
        Why::BelowTarget
    } else {
        Why::MeetsTarget
    };
    Ok(AbResult {
        control_rate,
        test_rate,
        uplift_points: Measure(test_rate.0 - control_rate.0),
        uplift_relative,
        p_value: z.map(|z| z.p_value),
        significant,
        decision: if why == Why::MeetsTarget {
            Decision::RollOut
        } else {
            Decision::Adjust
        },
        why,
    })
}

/// A standard way of working, written down when a test wins; versions count up per name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SopEntry {
    pub id: RowId,
    pub name: String,
    /// "V2.0".
    pub version: String,
    pub action: String,
    /// The test it came from, by name (kept as text so deleting the test loses nothing).
    pub source: String,
    pub recorded: Entry<NaiveDate>,
}

impl SopEntry {
    pub fn new(id: RowId) -> SopEntry {
        SopEntry {
            id,
            name: String::new(),
            version: String::new(),
            action: String::new(),
            source: String::new(),
            recorded: Entry::Empty,
        }
    }
}

/// "V2.0" → 2; "v3" → 3; anything else → None.
fn major(version: &str) -> Option<u32> {
    let v = version.trim();
    let v = v.strip_prefix(['V', 'v']).unwrap_or(v);
    v.split('.').next()?.trim().parse().ok()
}

/// The version a new entry of `name` gets: one above the highest so far, "V1.0" first.
pub fn next_version<R: std::borrow::Borrow<SopEntry>>(entries: &[R], name: &str) -> String {
    let highest = entries
        .iter()
        .map(|e| e.borrow())
        .filter(|e| e.name.trim() == name.trim())
        .filter_map(|e| major(&e.version))
        .max()
        .unwrap_or(0);
    // u64: a typed "V4294967295" must not overflow.
    format!("V{}.0", u64::from(highest) + 1)
}

/// The SOP entry a rolled-out test writes.
pub fn sop_entry_for(
    test: &AbTest,
    entries: &[std::sync::Arc<SopEntry>],
    id: RowId,
    today: NaiveDate,
) -> SopEntry {
    let name = if test.sop_name.trim().is_empty() {
        test.name.trim().to_string()
    } else {
        test.sop_name.trim().to_string()
    };
    SopEntry {
        id,
        version: next_version(entries, &name),
        name,
        action: test.change.clone(),
        source: test.name.clone(),
        recorded: Entry::Value(today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn test(nc: u64, xc: u64, nt: u64, xt: u64, target: Option<i64>) -> AbTest {
        AbTest {
            control_size: Entry::Value(nc),
            control_conversions: Entry::Value(xc),
            test_size: Entry::Value(nt),
            test_conversions: Entry::Value(xt),
            target_rate: target.map_or(Entry::Empty, |t| Entry::Value(Measure(t))),
            ..AbTest::new(RowId(1))
        }
    }

    #[test]
    fn a_clear_winner_over_target_is_rolled_out() {
        // 25% vs 31% on 2,000 each: z ≈ 4.2, p < 0.001.
        let r = evaluate(&test(2_000, 500, 2_000, 620, Some(3_000))).unwrap();
        assert_eq!(r.control_rate, Measure(2_500));
        assert_eq!(r.test_rate, Measure(3_100));
        assert_eq!(r.uplift_points, Measure(600));
        assert_eq!(r.uplift_relative, Some(Measure(2_400))); // +24%
        assert!(r.significant && r.p_value.unwrap() < 0.001);
        assert_eq!((r.decision, r.why), (Decision::RollOut, Why::MeetsTarget));
    }

    #[test]
    fn the_sop_asks_for_adjustment_otherwise() {
        let r = evaluate(&test(200, 50, 200, 56, None)).unwrap(); // 25% vs 28%: chance
        assert_eq!((r.decision, r.why), (Decision::Adjust, Why::NotSignificant));
        let r = evaluate(&test(2_000, 500, 2_000, 620, Some(3_500))).unwrap();
        assert_eq!((r.decision, r.why), (Decision::Adjust, Why::BelowTarget));
        let r = evaluate(&test(2_000, 620, 2_000, 500, None)).unwrap();
        assert_eq!((r.decision, r.why), (Decision::Adjust, Why::NoBetter));
        assert!(!r.significant);
        let r = evaluate(&test(100, 0, 100, 0, None)).unwrap();
        assert_eq!((r.uplift_relative, r.p_value), (None, None));
        assert_eq!(
            evaluate(&test(0, 0, 10, 1, None)),
            Err(AbIncomplete::EmptyGroup)
        );
        assert_eq!(
            evaluate(&test(10, 11, 10, 1, None)),
            Err(AbIncomplete::ConversionsExceedSize)
        );
        assert_eq!(
            evaluate(&AbTest::new(RowId(2))),
            Err(AbIncomplete::MissingFigures)
        );
    }

    #[test]
    fn sop_versions_count_up_per_name() {
        let entry = |name: &str, version: &str| {
            Arc::new(SopEntry {
                name: name.into(),
                version: version.into(),
                ..SopEntry::new(RowId(1))
            })
        };
        let entries = vec![
            entry("门店引流话术", "V1.0"),
            entry("社群运营", "V3.0"),
            entry("门店引流话术", "v1.5"),
        ];
        assert_eq!(next_version(&entries, "门店引流话术"), "V2.0");
        assert_eq!(next_version(&entries, "社群运营 "), "V4.0");
        assert_eq!(next_version(&entries, "新SOP"), "V1.0");
        let mut t = test(2_000, 500, 2_000, 620, None);
        t.name = "关注即送9折券".into();
        t.change = "关注即送线下9折券".into();
        t.sop_name = "门店引流话术".into();
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let e = sop_entry_for(&t, &entries, RowId(9), day);
        assert_eq!(
            (e.name.as_str(), e.version.as_str()),
            ("门店引流话术", "V2.0")
        );
        assert_eq!(e.source, "关注即送9折券");
    }

    /// Regression: huge counts overflowed i128 in the relative uplift, and a version
    /// "V4294967295" overflowed the next version number.
    #[test]
    fn huge_counts_and_versions_do_not_overflow() {
        let mut t = AbTest::new(RowId(1));
        t.control_size = Entry::Value(u64::MAX);
        t.control_conversions = Entry::Value(1);
        t.test_size = Entry::Value(u64::MAX);
        t.test_conversions = Entry::Value(u64::MAX);
        let r = evaluate(&t).unwrap();
        assert_eq!(r.test_rate, Measure(10_000));
        assert_eq!(r.uplift_relative, Some(Measure(i64::MAX)));
        t.test_conversions = Entry::Value(u64::MAX / 2);
        t.control_conversions = Entry::Value(u64::MAX / 4);
        // Rates 50% vs 25%: +100%, from the f64 path.
        assert_eq!(evaluate(&t).unwrap().uplift_relative, Some(Measure(10_000)));
        let mut e = SopEntry::new(RowId(1));
        e.name = "话术".into();
        e.version = "V4294967295.0".into();
        assert_eq!(next_version(&[e], "话术"), "V4294967296.0");
    }
}
