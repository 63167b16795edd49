//! The conversion funnel (spec §3): stages with reached / converted counts, and the
//! rates and losses derived from them.
//!
//! Beside it: `analysis` (chain breaks, largest loss, what-if, period comparison),
//! `tools` (the page's analysis read from the funnel section), `event_log` (stage
//! counts from a raw event export), `modes` (ClickHouse's step-order modes, per-step
//! windows, exclusion steps, each user's path), `timing` (time to convert, trends by the
//! week or month of the start), `step_defaults` (the steps offered after reading a file)
//! and `warehouse` (ClickHouse / DuckDB SQL for logs counted where they live, and reading
//! their level counts back).

pub mod analysis;
pub mod event_log;
pub mod modes;
pub mod step_defaults;
pub mod timing;
pub mod tools;
pub mod warehouse;

use crate::domain::values::entry::{Entry, InputError};
use crate::domain::values::ids::{RowId, Rows};
use crate::domain::values::measure::Measure;
use crate::domain::values::money::Fen;
use crate::domain::values::ratio::Ratio;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelStage {
    pub id: RowId,
    pub name: String,
    pub reached: Entry<u64>,
    pub converted: Entry<u64>,
    #[serde(default)]
    pub loss_reason: String,
    #[serde(default)]
    pub measure: String,
    /// An intended side entry: people join here from outside the previous stage (a
    /// separate campaign), so reached ≠ the previous converted is not flagged.
    #[serde(default)]
    pub side_entry: bool,
    /// The rate this stage should reach, in hundredths of a percent (35% → 3500).
    #[serde(default)]
    pub target_rate: Entry<Measure>,
    /// A what-if rate for this stage (same unit), projected down the funnel.
    #[serde(default)]
    pub what_if_rate: Entry<Measure>,
    /// The same stage in the comparison period (last month, or variant A).
    #[serde(default)]
    pub previous_reached: Entry<u64>,
    /// See `previous_reached`.
    #[serde(default)]
    pub previous_converted: Entry<u64>,
}

/// What the second set of counts stands for: an earlier period or another variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonKind {
    /// This month against last month.
    #[default]
    Periods,
    /// Variant B (the main counts) against variant A (the second set).
    Variants,
}

impl FunnelStage {
    pub fn new(id: RowId) -> FunnelStage {
        FunnelStage {
            id,
            name: String::new(),
            reached: Entry::Empty,
            converted: Entry::Empty,
            loss_reason: String::new(),
            measure: String::new(),
            side_entry: false,
            target_rate: Entry::Empty,
            what_if_rate: Entry::Empty,
            previous_reached: Entry::Empty,
            previous_converted: Entry::Empty,
        }
    }

    /// Both counts, when both are valid and consistent (converted ≤ reached).
    fn counts(&self) -> Option<(u64, u64)> {
        let (&reached, &converted) = (self.reached.value()?, self.converted.value()?);
        (converted <= reached).then_some((reached, converted))
    }

    /// converted / reached; `None` ("—") when a count is missing or invalid, reached is
    /// zero, or converted exceeds reached.
    pub fn rate(&self) -> Option<Ratio> {
        let (reached, converted) = self.counts()?;
        Ratio::new(converted, reached)
    }

    /// reached − converted, the people lost at this stage.
    pub fn loss(&self) -> Option<u64> {
        let (reached, converted) = self.counts()?;
        Some(reached - converted)
    }

    /// The share of reached lost at this stage (1 − rate).
    pub fn loss_rate(&self) -> Option<Ratio> {
        Ratio::new(self.loss()?, *self.reached.value()?)
    }

    /// The error to show on the reached cell, if any.
    pub fn reached_error(&self) -> Option<InputError> {
        self.reached.error()
    }

    /// The error to show on the converted cell: its own parse error, or the cross-field
    /// rule that converted may not exceed reached.
    pub fn converted_error(&self) -> Option<InputError> {
        self.converted.error().or_else(|| {
            let (&reached, &converted) = (self.reached.value()?, self.converted.value()?);
            (converted > reached).then_some(InputError::ConvertedExceedsReached)
        })
    }

    /// The comparison period's converted cell: as `converted_error`, against its reached.
    pub fn previous_converted_error(&self) -> Option<InputError> {
        self.previous_converted.error().or_else(|| {
            let (&reached, &converted) = (
                self.previous_reached.value()?,
                self.previous_converted.value()?,
            );
            (converted > reached).then_some(InputError::ConvertedExceedsReached)
        })
    }

    /// A target or what-if rate cell: its parse error, or a rate outside 0-100%.
    pub fn rate_entry_error(entry: &Entry<Measure>) -> Option<InputError> {
        entry.error().or_else(|| {
            let v = entry.value()?.0;
            if v < 0 {
                Some(InputError::Negative)
            } else {
                (v > 10_000).then_some(InputError::TooLarge)
            }
        })
    }

    /// The target rate in basis points, when it is a valid rate (0-100%).
    pub fn target_bp(&self) -> Option<u32> {
        rate_bp(&self.target_rate)
    }

    /// The what-if rate in basis points, when it is a valid rate (0-100%).
    pub fn what_if_bp(&self) -> Option<u32> {
        rate_bp(&self.what_if_rate)
    }
}

/// A percentage typed in hundredths of a percent is already basis points (35.5% → 3550).
fn rate_bp(entry: &Entry<Measure>) -> Option<u32> {
    let v = entry.value()?.0;
    u32::try_from(v).ok().filter(|&bp| bp <= 10_000)
}

/// last stage's converted / first stage's reached (324 / 10000 = 3.24%).
/// `None` when there are no stages, a needed count is missing, or any stage is invalid:
/// an overall figure built on a flagged cell would be misleading.
pub fn overall_conversion<S: Borrow<FunnelStage>>(stages: &[S]) -> Option<Ratio> {
    fn stage<S: Borrow<FunnelStage>>(s: &S) -> &FunnelStage {
        s.borrow()
    }
    if stages
        .iter()
        .map(stage)
        .any(|s| s.reached_error().is_some() || s.converted_error().is_some())
    {
        return None;
    }
    let first = *stage(stages.first()?).reached.value()?;
    let last = *stage(stages.last()?).converted.value()?;
    if last > first {
        return None;
    }
    Ratio::new(last, first)
}

/// The funnel section of the plan: its stages, the order value and what the comparison
/// counts stand for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Funnel {
    pub stages: Rows<FunnelStage>,
    /// Average order value of a final conversion, for the what-if revenue.
    #[serde(default)]
    pub avg_order_value: Entry<Fen>,
    /// What the stages' second set of counts (`previous_*`) stands for.
    #[serde(default)]
    pub comparison: ComparisonKind,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::demo::demo_plan;

    fn stage(reached: &str, converted: &str) -> FunnelStage {
        FunnelStage {
            reached: Entry::from_text(reached),
            converted: Entry::from_text(converted),
            ..FunnelStage::new(RowId(1))
        }
    }

    #[test]
    fn spec_worked_figures() {
        let plan = demo_plan();
        let stages = &plan.funnel.stages;
        let bp: Vec<u64> = stages
            .iter()
            .map(|s| s.rate().unwrap().basis_points())
            .collect();
        assert_eq!(bp, [3000, 6000, 3000, 6000]);
        let losses: Vec<u64> = stages.iter().map(|s| s.loss().unwrap()).collect();
        assert_eq!(losses, [7000, 1200, 1260, 216]);
        assert_eq!(overall_conversion(stages).unwrap().basis_points(), 324);
    }

    #[test]
    fn zero_reached_has_no_rate() {
        let s = stage("0", "0");
        assert_eq!(s.rate(), None);
        assert_eq!(s.loss(), Some(0));
        assert_eq!(s.loss_rate(), None);
        assert_eq!(overall_conversion(&[s]), None);
    }

    #[test]
    fn converted_above_reached_is_flagged_and_excluded() {
        let s = stage("100", "150");
        assert_eq!(
            s.converted_error(),
            Some(InputError::ConvertedExceedsReached)
        );
        assert_eq!(s.reached_error(), None);
        assert_eq!(s.rate(), None);
        assert_eq!(s.loss(), None);
        // Kept exactly as typed: it is the user's to fix.
        assert_eq!(s.converted, Entry::Value(150));
    }

    #[test]
    fn invalid_counts_are_flagged_on_their_own_cell() {
        let s = stage("-5", "3.5");
        assert_eq!(s.reached_error(), Some(InputError::Negative));
        assert_eq!(s.converted_error(), Some(InputError::NotWhole));
        assert_eq!(s.rate(), None);
    }

    #[test]
    fn overall_needs_every_stage_valid() {
        let good = stage("10000", "3000");
        let last = stage("3000", "324");
        assert_eq!(
            overall_conversion(&[good.clone(), last.clone()])
                .unwrap()
                .basis_points(),
            324
        );
        let bad = stage("3000", "abc");
        assert_eq!(overall_conversion(&[good.clone(), bad, last]), None);
        assert_eq!(overall_conversion::<FunnelStage>(&[]), None);
        assert_eq!(overall_conversion(&[stage("", "5")]), None);
    }
}
