//! Funnel analysis (spec §3): where the chain breaks, which stage is the bottleneck,
//! what the funnel would yield with better rates, and whether two periods really differ.
//!
//! Rates are compared exactly or in whole basis points (1 bp = 0.01%), never as floats;
//! f64 appears only in the statistical estimates of [`compare`].

use crate::domain::funnel::FunnelStage;
use crate::domain::values::ratio::Ratio;
use crate::domain::values::stats::{two_proportion_z_test, wilson_interval, ZTest, Z_95};
use std::borrow::Borrow;

/// 100% in basis points.
const FULL_BP: u64 = 10_000;

fn stage<S: Borrow<FunnelStage>>(s: &S) -> &FunnelStage {
    s.borrow()
}

/// Indexes of the stages whose reached differs from the previous stage's converted
/// (spec §3: "flag when it is not"). A pair is checked only when both cells hold valid
/// numbers; an empty or invalid cell is already flagged on its own.
pub fn chain_breaks<S: Borrow<FunnelStage>>(stages: &[S]) -> Vec<usize> {
    stages
        .windows(2)
        .enumerate()
        .filter_map(|(i, pair)| {
            let prev = stage(&pair[0]).converted.value()?;
            let reached = stage(&pair[1]).reached.value()?;
            (prev != reached).then_some(i + 1)
        })
        .collect()
}

/// The stage losing the most people (largest reached − converted). Ties go to the
/// earlier stage, since fixing a loss upstream feeds every later stage. `None` when no
/// stage has valid counts or no stage loses anyone.
pub fn largest_loss<S: Borrow<FunnelStage>>(stages: &[S]) -> Option<usize> {
    let mut best: Option<(usize, u64)> = None;
    for (i, s) in stages.iter().enumerate() {
        if let Some(loss) = stage(s).loss() {
            if loss > 0 && best.is_none_or(|(_, b)| loss > b) {
                best = Some((i, loss));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// The stage furthest below its target rate, with the gap in basis points.
///
/// `targets[i]` is stage i's target in basis points (3000 = 30%); a missing entry or a
/// stage without a valid rate is skipped. Actual rates are the basis points the table
/// shows (rounded half up), so a stage shown at 30.00% is never called below a 30% target.
/// Only stages strictly below target count; ties go to the earlier stage.
pub fn furthest_below_target<S: Borrow<FunnelStage>>(
    stages: &[S],
    targets: &[Option<u32>],
) -> Option<(usize, u32)> {
    let mut best: Option<(usize, u32)> = None;
    for (i, (s, target)) in stages.iter().zip(targets).enumerate() {
        let (Some(target), Some(rate)) = (*target, stage(s).rate()) else {
            continue;
        };
        let actual = rate.basis_points();
        if actual < u64::from(target) {
            // actual < target ≤ u32::MAX, so the gap fits.
            let gap = target - actual as u32;
            if best.is_none_or(|(_, g)| gap > g) {
                best = Some((i, gap));
            }
        }
    }
    best
}

/// One stage of a [`Projection`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectedStage {
    /// People entering the stage.
    pub reached: u64,
    /// People converting, rounded down.
    pub converted: u64,
}

/// What the funnel yields with some stage rates changed, next to today's rates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projection {
    /// The projected chain, one entry per stage.
    pub stages: Vec<ProjectedStage>,
    /// The last projected stage's converted.
    pub final_conversions: u64,
    /// `final_conversions` × average order value, in fen.
    pub revenue_fen: Option<i64>,
    /// The same chain with today's rates and no overrides.
    pub baseline_final_conversions: u64,
    /// `baseline_final_conversions` × average order value, in fen.
    pub baseline_revenue_fen: Option<i64>,
}

/// A what-if projection of the funnel.
///
/// The first stage's reached is taken as is; every later stage's reached is the previous
/// stage's projected converted (a projected chain, even where today's table breaks it).
/// A stage converts at `overrides[i]` basis points when given (values above 10000 are
/// read as 100%), otherwise at its current exact rate converted / reached.
///
/// Rounding: each stage's converted is rounded down to whole people with exact integer
/// maths, `reached × bp / 10000` or `reached × converted / reached_today`, so the
/// projection never promises a fraction of a customer, and with no overrides on an
/// unbroken chain (see [`chain_breaks`]) the baseline equals today's last converted.
///
/// Revenue is final conversions × `avg_order_value_fen`; `None` without an order value
/// or if the product overflows. Returns `None` when there are no stages, the first
/// stage's reached is not a valid count, or a stage without an override has no valid
/// rate (the chain cannot be carried through it).
pub fn project<S: Borrow<FunnelStage>>(
    stages: &[S],
    overrides: &[Option<u32>],
    avg_order_value_fen: Option<i64>,
) -> Option<Projection> {
    let start = *stage(stages.first()?).reached.value()?;
    let chain = |use_overrides: bool| -> Option<Vec<ProjectedStage>> {
        let mut reached = start;
        let mut out = Vec::with_capacity(stages.len());
        for (i, s) in stages.iter().enumerate() {
            let override_bp = overrides
                .get(i)
                .copied()
                .flatten()
                .filter(|_| use_overrides);
            let (num, den) = match override_bp {
                Some(bp) => (u64::from(bp).min(FULL_BP), FULL_BP),
                None => {
                    let rate = stage(s).rate()?;
                    (rate.num(), rate.den())
                }
            };
            // num ≤ den, so the result ≤ reached and fits in u64.
            let converted = (u128::from(reached) * u128::from(num) / u128::from(den)) as u64;
            out.push(ProjectedStage { reached, converted });
            reached = converted;
        }
        Some(out)
    };
    let projected = chain(true)?;
    let baseline = chain(false)?;
    let last = |c: &[ProjectedStage]| c.last().map_or(0, |s| s.converted);
    let revenue = |n: u64| {
        let aov = avg_order_value_fen?;
        i64::try_from(n).ok()?.checked_mul(aov)
    };
    let (final_conversions, baseline_final_conversions) = (last(&projected), last(&baseline));
    Some(Projection {
        stages: projected,
        final_conversions,
        revenue_fen: revenue(final_conversions),
        baseline_final_conversions,
        baseline_revenue_fen: revenue(baseline_final_conversions),
    })
}

/// A plain-words reading of a period comparison, for the UI to translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Period B's rate is higher, and the difference is significant at 95%.
    SignificantlyHigher,
    /// Period B's rate is lower, and the difference is significant at 95%.
    SignificantlyLower,
    /// The rates differ by no more than chance would explain.
    NoClearDifference,
    /// A rate is missing, or the counts are too small for the test to be trusted.
    NotEnoughData,
}

/// One stage compared across two periods. "A" is the earlier or reference period.
#[derive(Debug, Clone, PartialEq)]
pub struct StageComparison {
    /// Period A's exact rate; `None` ("—") when missing or invalid.
    pub rate_a: Option<Ratio>,
    /// Period B's exact rate.
    pub rate_b: Option<Ratio>,
    /// B's rate − A's rate in basis points (percentage points × 100), from the rates as
    /// shown (each rounded to a basis point) so the row adds up on screen.
    pub change_bp: Option<i64>,
    /// 95% Wilson interval of each rate, as fractions of 1.
    pub ci_a: Option<(f64, f64)>,
    /// See `ci_a`.
    pub ci_b: Option<(f64, f64)>,
    /// The z-test of B against A: `z > 0` means B is higher.
    pub test: Option<ZTest>,
    /// The comparison in plain words.
    pub verdict: Verdict,
}

/// Fewest successes and fewest failures in each period for a verdict: below this the
/// normal approximation behind the z-test is unreliable (the usual np ≥ 5 rule).
const MIN_COUNT_FOR_VERDICT: u64 = 5;

/// Compares two periods of the same funnel stage by stage. Stages are matched by
/// position (stage 1 with stage 1, …), not by name, because names are free text and may
/// be reworded between periods; the result has one entry per stage of the longer list,
/// and a stage missing from one period gets [`Verdict::NotEnoughData`].
pub fn compare<A: Borrow<FunnelStage>, B: Borrow<FunnelStage>>(
    a: &[A],
    b: &[B],
) -> Vec<StageComparison> {
    (0..a.len().max(b.len()))
        .map(|i| {
            let rate_a = a.get(i).and_then(|s| stage(s).rate());
            let rate_b = b.get(i).and_then(|s| stage(s).rate());
            compare_rates(rate_a, rate_b)
        })
        .collect()
}

fn compare_rates(rate_a: Option<Ratio>, rate_b: Option<Ratio>) -> StageComparison {
    let ci = |r: Option<Ratio>| r.and_then(|r| wilson_interval(r.num(), r.den(), Z_95));
    let bp = |r: Ratio| i64::try_from(r.basis_points()).unwrap_or(i64::MAX);
    let (change_bp, test) = match (rate_a, rate_b) {
        (Some(ra), Some(rb)) => (
            Some(bp(rb).saturating_sub(bp(ra))),
            two_proportion_z_test(rb.num(), rb.den(), ra.num(), ra.den()),
        ),
        _ => (None, None),
    };
    let enough =
        |r: Ratio| r.num() >= MIN_COUNT_FOR_VERDICT && r.den() - r.num() >= MIN_COUNT_FOR_VERDICT;
    let verdict = match (rate_a, rate_b, test) {
        (Some(ra), Some(rb), Some(t)) if enough(ra) && enough(rb) => {
            if !t.significant_at_95 {
                Verdict::NoClearDifference
            } else if t.z > 0.0 {
                Verdict::SignificantlyHigher
            } else {
                Verdict::SignificantlyLower
            }
        }
        _ => Verdict::NotEnoughData,
    };
    StageComparison {
        rate_a,
        rate_b,
        change_bp,
        ci_a: ci(rate_a),
        ci_b: ci(rate_b),
        test,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::demo::demo_plan;
    use crate::domain::values::entry::Entry;
    use crate::domain::values::ids::RowId;

    fn stage(reached: &str, converted: &str) -> FunnelStage {
        FunnelStage {
            reached: Entry::from_text(reached),
            converted: Entry::from_text(converted),
            ..FunnelStage::new(RowId(1))
        }
    }

    fn funnel(counts: &[(&str, &str)]) -> Vec<FunnelStage> {
        counts.iter().map(|(r, c)| stage(r, c)).collect()
    }

    /// The spec's demo: 10000→3000, 3000→1800, 1800→540, 540→324.
    fn demo() -> Vec<FunnelStage> {
        funnel(&[
            ("10000", "3000"),
            ("3000", "1800"),
            ("1800", "540"),
            ("540", "324"),
        ])
    }

    #[test]
    fn the_shipped_demo_is_the_spec_funnel() {
        let plan = demo_plan();
        let counts = |s: &[FunnelStage]| -> Vec<_> {
            s.iter()
                .map(|s| (s.reached.clone(), s.converted.clone()))
                .collect()
        };
        let shipped: Vec<FunnelStage> = plan.funnel.stages.iter().map(|s| (**s).clone()).collect();
        assert_eq!(counts(&shipped), counts(&demo()));
        // Rows<FunnelStage> (shared rows) are accepted as they are.
        assert!(chain_breaks(&plan.funnel.stages).is_empty());
        assert_eq!(largest_loss(&plan.funnel.stages), Some(0));
    }

    #[test]
    fn chain_breaks_only_between_valid_numbers() {
        assert!(chain_breaks(&demo()).is_empty());
        let f = funnel(&[
            ("10000", "3000"),
            ("2900", "1800"), // break: 3000 converted, 2900 reached
            ("", "540"),      // empty reached: not a break, flagged elsewhere
            ("abc", "300"),   // invalid: not a break
            ("300", "100"),
        ]);
        assert_eq!(chain_breaks(&f), vec![1]);
        assert!(chain_breaks::<FunnelStage>(&[]).is_empty());
    }

    #[test]
    fn largest_loss_is_the_first_stage_of_the_demo() {
        // Losses 7000, 1200, 1260, 216.
        assert_eq!(largest_loss(&demo()), Some(0));
        let f = funnel(&[("100", "50"), ("50", "0"), ("0", "0")]);
        assert_eq!(largest_loss(&f), Some(0)); // 50 and 50: the earlier wins
        assert_eq!(largest_loss(&funnel(&[("10", "10"), ("x", "1")])), None);
        assert_eq!(largest_loss(&funnel(&[("10", "20"), ("5", "4")])), Some(1));
    }

    #[test]
    fn furthest_below_target_in_basis_points() {
        // Demo rates 30%, 60%, 30%, 60%; targets 35%, 60%, 40%, none → stage 2, 10 points.
        let targets = [Some(3500), Some(6000), Some(4000), None];
        assert_eq!(furthest_below_target(&demo(), &targets), Some((2, 1000)));
        // Meeting every target is no bottleneck; fewer targets than stages is fine.
        assert_eq!(furthest_below_target(&demo(), &[Some(3000)]), None);
        // Equal gaps: the earlier stage.
        let targets = [Some(3100), None, Some(3100)];
        assert_eq!(furthest_below_target(&demo(), &targets), Some((0, 100)));
        // Shown rate, rounded half up: 2/3 = 66.67% meets 6667 but not 6668.
        let f = funnel(&[("3", "2")]);
        assert_eq!(furthest_below_target(&f, &[Some(6667)]), None);
        assert_eq!(furthest_below_target(&f, &[Some(6668)]), Some((0, 1)));
    }

    #[test]
    fn projection_with_no_overrides_reproduces_today() {
        let p = project(&demo(), &[], Some(8_800)).unwrap();
        let chain: Vec<(u64, u64)> = p.stages.iter().map(|s| (s.reached, s.converted)).collect();
        assert_eq!(
            chain,
            [(10000, 3000), (3000, 1800), (1800, 540), (540, 324)]
        );
        assert_eq!(p.final_conversions, 324);
        assert_eq!(p.baseline_final_conversions, 324);
        // 324 orders × ¥88.00.
        assert_eq!(p.revenue_fen, Some(2_851_200));
        assert_eq!(p.baseline_revenue_fen, Some(2_851_200));
    }

    #[test]
    fn projection_carries_an_improved_rate_down_the_chain() {
        // Coupon redemption 30% → 40%: 1800 × 0.4 = 720, then 720 × 0.6 = 432.
        let p = project(&demo(), &[None, None, Some(4000)], Some(10_000)).unwrap();
        assert_eq!(
            p.stages[2],
            ProjectedStage {
                reached: 1800,
                converted: 720
            }
        );
        assert_eq!(
            p.stages[3],
            ProjectedStage {
                reached: 720,
                converted: 432
            }
        );
        assert_eq!(p.final_conversions, 432);
        assert_eq!(p.revenue_fen, Some(4_320_000));
        assert_eq!(p.baseline_final_conversions, 324);
        assert_eq!(p.baseline_revenue_fen, Some(3_240_000));
        // Scan 30% → 33.33%: 10000 × 3333 / 10000 = 3333; × 0.6 = 1999.8 → 1999 (floor);
        // × 0.3 = 599.7 → 599; × 0.6 = 359.4 → 359.
        let p = project(&demo(), &[Some(3333)], None).unwrap();
        let conv: Vec<u64> = p.stages.iter().map(|s| s.converted).collect();
        assert_eq!(conv, [3333, 1999, 599, 359]);
        assert_eq!(p.revenue_fen, None);
        // Above 100% reads as 100%.
        let p = project(&demo(), &[Some(20_000)], None).unwrap();
        assert_eq!(p.stages[0].converted, 10_000);
    }

    #[test]
    fn projection_needs_a_start_and_a_rate_for_every_stage() {
        assert_eq!(project::<FunnelStage>(&[], &[], None), None);
        assert_eq!(project(&funnel(&[("", "5")]), &[Some(5000)], None), None);
        let gap = funnel(&[("100", "50"), ("50", "x")]);
        assert_eq!(project(&gap, &[], None), None);
        // An override stands in for a stage with bad counts (the baseline still needs
        // today's rate, so the whole projection is unavailable).
        assert_eq!(project(&gap, &[None, Some(5000)], None), None);
        let ok = funnel(&[("100", "50"), ("60", "30")]);
        let p = project(&ok, &[], None).unwrap();
        // A broken chain is projected as a chain: 50 × 30/60 = 25, not today's 30.
        assert_eq!(p.final_conversions, 25);
        // Revenue overflow is "no figure", never a wrapped number.
        let p = project(&ok, &[], Some(i64::MAX)).unwrap();
        assert_eq!(p.revenue_fen, None);
    }

    #[test]
    fn compare_periods_stage_by_stage() {
        let a = demo();
        let b = funnel(&[
            ("10000", "2500"), // 25% vs 30%: significantly lower
            ("2500", "1520"),  // 60.8% vs 60%: no clear difference
            ("1520", "760"),   // 50% vs 30%: significantly higher
            ("760", "3"),      // 3 conversions: not enough data
            ("3", "3"),        // no stage 5 in period A
        ]);
        let c = compare(&a, &b);
        assert_eq!(c.len(), 5);
        let verdicts: Vec<Verdict> = c.iter().map(|s| s.verdict).collect();
        assert_eq!(
            verdicts,
            [
                Verdict::SignificantlyLower,
                Verdict::NoClearDifference,
                Verdict::SignificantlyHigher,
                Verdict::NotEnoughData,
                Verdict::NotEnoughData,
            ]
        );
        assert_eq!(c[0].change_bp, Some(-500));
        assert_eq!(c[1].change_bp, Some(80));
        assert_eq!(c[2].change_bp, Some(2000));
        // Stage 1: B = 2500/10000 against A = 3000/10000 → z = −7.918076.
        let t = c[0].test.unwrap();
        assert!((t.z + 7.918_076).abs() < 1e-5);
        let (lo, hi) = c[0].ci_a.unwrap();
        assert!(lo < 0.3 && 0.3 < hi);
        assert_eq!(c[4].rate_a, None);
        assert_eq!(c[4].change_bp, None);
        assert!(c[4].ci_b.is_some());
        assert_eq!(c[4].test, None);
    }

    #[test]
    fn compare_identical_periods_and_degenerate_rates() {
        let c = compare(&demo(), &demo());
        assert!(c
            .iter()
            .all(|s| s.verdict == Verdict::NoClearDifference && s.change_bp == Some(0)));
        // Both 0%: no spread, no test.
        let zero = funnel(&[("100", "0")]);
        let c = compare(&zero, &zero);
        assert_eq!(c[0].test, None);
        assert_eq!(c[0].verdict, Verdict::NotEnoughData);
        assert_eq!(c[0].change_bp, Some(0));
    }
}
