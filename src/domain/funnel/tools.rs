//! The funnel page's analysis read from the plan: the plan's own fields (side entries,
//! targets, what-if rates, the comparison counts, the order value) fed to
//! [`crate::domain::funnel::analysis`], and a funnel counted from an event log written back into
//! the stages.

use crate::domain::funnel::analysis::{
    chain_breaks, compare, project, Projection, StageComparison,
};
use crate::domain::funnel::Funnel;
use crate::domain::funnel::FunnelStage;
use crate::domain::values::entry::InputError;
use crate::domain::values::ids::{RowId, Rows};
use std::sync::Arc;

/// Chain breaks that still need the user's attention: a stage marked as an intended
/// side entry is not flagged.
pub fn open_chain_breaks(stages: &[Arc<FunnelStage>]) -> Vec<usize> {
    chain_breaks(stages)
        .into_iter()
        .filter(|&i| !stages[i].side_entry)
        .collect()
}

/// Each stage's target in basis points, for `furthest_below_target`.
pub fn targets(stages: &[Arc<FunnelStage>]) -> Vec<Option<u32>> {
    stages.iter().map(|s| s.target_bp()).collect()
}

/// The what-if projection: the typed what-if rates and the order value, against today.
/// A negative order value is an input error (see [`avg_order_value_error`]): no revenue.
pub fn what_if(funnel: &Funnel) -> Option<Projection> {
    let overrides: Vec<Option<u32>> = funnel.stages.iter().map(|s| s.what_if_bp()).collect();
    let aov = funnel
        .avg_order_value
        .value()
        .map(|f| f.0)
        .filter(|&f| f >= 0);
    project(&funnel.stages, &overrides, aov)
}

/// The order value's cell error: its parse error, or a negative amount.
pub fn avg_order_value_error(funnel: &Funnel) -> Option<InputError> {
    let aov = &funnel.avg_order_value;
    aov.error()
        .or_else(|| (aov.value()?.0 < 0).then_some(InputError::Negative))
}

/// Whether any what-if rate is typed (valid or not).
pub fn has_what_if(stages: &[Arc<FunnelStage>]) -> bool {
    stages
        .iter()
        .any(|s| !matches!(s.what_if_rate, crate::domain::values::entry::Entry::Empty))
}

/// "Set all to target": every stage with a target gets it as its what-if rate; a stage
/// without one keeps today's rate (its what-if is cleared).
pub fn what_if_to_targets(stages: &mut Rows<FunnelStage>) {
    for s in stages.iter_mut() {
        if s.what_if_rate != s.target_rate {
            let target = s.target_rate.clone();
            Arc::make_mut(s).what_if_rate = target;
        }
    }
}

/// Clears every what-if rate: back to today.
pub fn clear_what_ifs(stages: &mut Rows<FunnelStage>) {
    for s in stages.iter_mut() {
        if s.what_if_rate != Default::default() {
            Arc::make_mut(s).what_if_rate = Default::default();
        }
    }
}

/// The comparison period as stages of its own (their counts are the `previous_*` cells).
pub fn previous_period(stages: &[Arc<FunnelStage>]) -> Vec<FunnelStage> {
    stages
        .iter()
        .map(|s| FunnelStage {
            reached: s.previous_reached.clone(),
            converted: s.previous_converted.clone(),
            ..FunnelStage::new(s.id)
        })
        .collect()
}

/// Whether any comparison count is typed.
pub fn has_comparison(stages: &[Arc<FunnelStage>]) -> bool {
    use crate::domain::values::entry::Entry::Empty;
    stages
        .iter()
        .any(|s| !matches!(s.previous_reached, Empty) || !matches!(s.previous_converted, Empty))
}

/// Stage by stage: the comparison period ("A") against the main counts ("B").
pub fn period_comparison(stages: &[Arc<FunnelStage>]) -> Vec<StageComparison> {
    compare(&previous_period(stages), stages)
}

/// One stage's comparison (a row of the comparison table).
pub fn stage_comparison(stage: &FunnelStage) -> StageComparison {
    let previous = FunnelStage {
        reached: stage.previous_reached.clone(),
        converted: stage.previous_converted.clone(),
        ..FunnelStage::new(stage.id)
    };
    compare(&[previous], std::slice::from_ref(stage)).remove(0)
}

/// Which counts an event-log funnel fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountsInto {
    /// The main reached / converted columns.
    Current,
    /// The comparison period's columns.
    Previous,
}

/// What writing step counts into the stages did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Stages whose counts were written.
    pub filled: usize,
    /// Stages added because the log has more steps than the table has stages.
    pub added: usize,
    /// Stages beyond the last step: removed (main counts) or with their comparison
    /// counts cleared.
    pub beyond: usize,
}

/// Writes the users reaching each step (`counts[k]`, from `count_funnel`) into the
/// stages: stage k goes from step k to step k + 1, so reached = `counts[k]` and converted
/// = `counts[k + 1]`, an unbroken chain. N steps make N − 1 stages; missing stages are
/// added, named after the step they convert to, with ids from `first_new_id`. Stages
/// beyond the last step are removed when the main counts are filled (the log now defines
/// the funnel; one undo brings them back), or have their comparison counts cleared.
/// Names, reasons, measures and targets of existing stages are kept.
pub fn apply_step_counts(
    stages: &mut Rows<FunnelStage>,
    counts: &[u64],
    step_names: &[&str],
    into: CountsInto,
    first_new_id: RowId,
) -> Applied {
    let needed = counts.len().saturating_sub(1);
    let mut added = 0;
    while stages.len() < needed {
        let k = stages.len();
        let name = step_names.get(k + 1).copied().unwrap_or_default();
        stages.push(Arc::new(FunnelStage {
            name: name.to_string(),
            ..FunnelStage::new(RowId(first_new_id.0 + added as u64))
        }));
        added += 1;
    }
    for (k, stage) in stages.iter_mut().take(needed).enumerate() {
        let s = Arc::make_mut(stage);
        let (reached, converted) = (counts[k].into(), counts[k + 1].into());
        match into {
            CountsInto::Current => {
                s.reached = reached;
                s.converted = converted;
            }
            CountsInto::Previous => {
                s.previous_reached = reached;
                s.previous_converted = converted;
            }
        }
    }
    let beyond = stages.len() - needed;
    match into {
        CountsInto::Current => stages.truncate(needed),
        CountsInto::Previous => {
            for stage in stages.iter_mut().skip(needed) {
                let s = Arc::make_mut(stage);
                s.previous_reached = Default::default();
                s.previous_converted = Default::default();
            }
        }
    }
    Applied {
        filled: needed,
        added,
        beyond,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::funnel::analysis::{furthest_below_target, largest_loss, Verdict};
    use crate::domain::plan::demo::demo_plan;
    use crate::domain::values::entry::Entry;
    use crate::domain::values::measure::Measure;
    use crate::domain::values::money::Fen;

    #[test]
    fn a_side_entry_silences_its_chain_flag() {
        let mut plan = demo_plan();
        let stages = &mut plan.funnel.stages;
        assert!(open_chain_breaks(stages).is_empty());
        Arc::make_mut(&mut stages[2]).reached = Entry::Value(2_000);
        assert_eq!(open_chain_breaks(stages), [2]);
        Arc::make_mut(&mut stages[2]).side_entry = true;
        assert!(open_chain_breaks(stages).is_empty());
        // The core still sees the break; only the flag is silenced.
        assert_eq!(chain_breaks(stages), [2]);
    }

    #[test]
    fn the_demo_bottlenecks() {
        let plan = demo_plan();
        let stages = &plan.funnel.stages;
        // Largest loss: scanning (7,000 lost); furthest below target: coupons, 30% vs 40%.
        assert_eq!(largest_loss(stages), Some(0));
        assert_eq!(
            targets(stages),
            [Some(3500), Some(6000), Some(4000), Some(6500)]
        );
        assert_eq!(
            furthest_below_target(stages, &targets(stages)),
            Some((2, 1000))
        );
    }

    #[test]
    fn target_and_what_if_rates_must_be_rates() {
        let mut s = FunnelStage::new(RowId(1));
        for (text, bp, error) in [
            ("35", Some(3500), None),
            ("35.5%", Some(3550), None),
            ("100", Some(10_000), None),
            ("0", Some(0), None),
            (
                "101",
                None,
                Some(crate::domain::values::entry::InputError::TooLarge),
            ),
            (
                "-1",
                None,
                Some(crate::domain::values::entry::InputError::Negative),
            ),
            (
                "abc",
                None,
                Some(crate::domain::values::entry::InputError::NotANumber),
            ),
            ("", None, None),
        ] {
            s.target_rate = Entry::from_text(text);
            assert_eq!(s.target_bp(), bp, "{text}");
            assert_eq!(
                FunnelStage::rate_entry_error(&s.target_rate),
                error,
                "{text}"
            );
        }
    }

    #[test]
    fn what_if_revenue_is_in_fen() {
        let mut plan = demo_plan();
        let funnel = &mut plan.funnel;
        assert_eq!(funnel.avg_order_value, Entry::Value(Fen(8_800)));
        let today = what_if(funnel).unwrap();
        assert_eq!(today.final_conversions, 324);
        assert_eq!(today.revenue_fen, Some(2_851_200)); // 324 × ¥88.00
        assert!(!has_what_if(&funnel.stages));
        // Coupons 30% → 40%: 720 redeem, 432 buy; 432 × ¥88.00 = ¥38,016.00.
        Arc::make_mut(&mut funnel.stages[2]).what_if_rate = Entry::Value(Measure(4_000));
        let p = what_if(funnel).unwrap();
        assert_eq!(p.final_conversions, 432);
        assert_eq!(p.revenue_fen, Some(3_801_600));
        assert_eq!(p.baseline_revenue_fen, Some(2_851_200));
        // An odd order value stays exact to the fen: 432 × ¥0.07.
        funnel.avg_order_value = Entry::Value(Fen(7));
        assert_eq!(what_if(funnel).unwrap().revenue_fen, Some(3_024));
        // No order value: conversions, but no revenue figure.
        funnel.avg_order_value = Entry::Invalid("abc".into());
        assert_eq!(what_if(funnel).unwrap().revenue_fen, None);
        assert_eq!(
            avg_order_value_error(funnel),
            Some(crate::domain::values::entry::InputError::NotANumber)
        );
        funnel.avg_order_value = Entry::from_text("-88");
        assert_eq!(what_if(funnel).unwrap().revenue_fen, None);
        assert_eq!(
            avg_order_value_error(funnel),
            Some(crate::domain::values::entry::InputError::Negative)
        );
    }

    #[test]
    fn set_all_to_target_then_clear() {
        let mut plan = demo_plan();
        let stages = &mut plan.funnel.stages;
        Arc::make_mut(&mut stages[3]).target_rate = Entry::Empty;
        what_if_to_targets(stages);
        let rates: Vec<Option<u32>> = stages.iter().map(|s| s.what_if_bp()).collect();
        assert_eq!(rates, [Some(3500), Some(6000), Some(4000), None]);
        // 10000 × 35% = 3500; × 60% = 2100; × 40% = 840; × 60% (today) = 504.
        assert_eq!(what_if(&plan.funnel).unwrap().final_conversions, 504);
        clear_what_ifs(&mut plan.funnel.stages);
        assert!(!has_what_if(&plan.funnel.stages));
        assert_eq!(what_if(&plan.funnel).unwrap().final_conversions, 324);
    }

    #[test]
    fn the_demo_compares_with_last_month() {
        let plan = demo_plan();
        let stages = &plan.funnel.stages;
        assert!(has_comparison(stages));
        let c = period_comparison(stages);
        let verdicts: Vec<Verdict> = c.iter().map(|s| s.verdict).collect();
        // 30% vs 25%, 60% vs 60%, 30% vs 26% (n = 1800 / 1500), 60% vs 57.95%.
        assert_eq!(
            verdicts,
            [
                Verdict::SignificantlyHigher,
                Verdict::NoClearDifference,
                Verdict::SignificantlyHigher,
                Verdict::NoClearDifference,
            ]
        );
        for (row, stage) in c.iter().zip(stages.iter()) {
            assert_eq!(*row, stage_comparison(stage));
        }
        let changes: Vec<Option<i64>> = c.iter().map(|s| s.change_bp).collect();
        assert_eq!(changes, [Some(500), Some(0), Some(400), Some(205)]);
        let mut plain = plan.funnel.stages.clone();
        for s in plain.iter_mut() {
            let s = Arc::make_mut(s);
            s.previous_reached = Entry::Empty;
            s.previous_converted = Entry::Empty;
        }
        assert!(!has_comparison(&plain));
        assert!(period_comparison(&plain)
            .iter()
            .all(|s| s.verdict == Verdict::NotEnoughData));
    }

    #[test]
    fn previous_counts_are_checked_like_the_main_ones() {
        let mut s = FunnelStage::new(RowId(1));
        s.previous_reached = Entry::from_text("100");
        s.previous_converted = Entry::from_text("120");
        assert_eq!(
            s.previous_converted_error(),
            Some(crate::domain::values::entry::InputError::ConvertedExceedsReached)
        );
        s.previous_converted = Entry::from_text("3.5");
        assert_eq!(
            s.previous_converted_error(),
            Some(crate::domain::values::entry::InputError::NotWhole)
        );
    }

    #[test]
    fn step_counts_fill_the_stages_as_a_chain() {
        let mut plan = demo_plan();
        let stages = &mut plan.funnel.stages;
        let names = ["expose", "scan", "join", "redeem", "buy", "return"];
        // Six steps: five stages; the fifth is added and named after its step.
        let a = apply_step_counts(
            stages,
            &[900, 500, 300, 120, 80, 20],
            &names,
            CountsInto::Current,
            RowId(50),
        );
        assert_eq!(
            a,
            Applied {
                filled: 5,
                added: 1,
                beyond: 0
            }
        );
        let counts: Vec<(u64, u64)> = stages
            .iter()
            .map(|s| (*s.reached.value().unwrap(), *s.converted.value().unwrap()))
            .collect();
        assert_eq!(
            counts,
            [(900, 500), (500, 300), (300, 120), (120, 80), (80, 20)]
        );
        assert_eq!(stages[0].name, "门店扫码关注"); // kept
        assert_eq!(
            (stages[4].id, stages[4].name.as_str()),
            (RowId(50), "return")
        );
        assert!(chain_breaks(stages).is_empty());
        // Three steps into the comparison: two stages filled, the rest cleared, kept.
        let a = apply_step_counts(
            stages,
            &[60, 30, 10],
            &names,
            CountsInto::Previous,
            RowId(60),
        );
        assert_eq!((a.filled, a.added, a.beyond), (2, 0, 3));
        assert_eq!(stages.len(), 5);
        assert_eq!(stages[1].previous_converted, Entry::Value(10));
        assert_eq!(stages[2].previous_reached, Entry::Empty);
        assert_eq!(stages[0].reached, Entry::Value(900)); // main counts untouched
                                                          // Three steps into the main counts: the funnel becomes two stages.
        let a = apply_step_counts(
            stages,
            &[60, 30, 10],
            &names,
            CountsInto::Current,
            RowId(70),
        );
        assert_eq!((a.filled, a.added, a.beyond), (2, 0, 3));
        assert_eq!(stages.len(), 2);
    }
}
