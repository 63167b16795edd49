//! SMART goals and their decomposition (spec §1.2, §1.3): a goal is a metric with a
//! baseline, a target and a deadline; each goal breaks down into indicators along the
//! loop 获客 → 转化 → 留存 → 裂变, and an indicator can read its current value live from
//! a funnel stage or a KPI of the plan.

use crate::domain::plan::Plan;
use crate::domain::values::entry::{
    normalize_number, parse_iso_date, parse_small_number, CellValue, Entry, InputError,
};
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::{Direction, Measure, Unit};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// When a goal is due: relative to the campaign start ("3个月内") or on a fixed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalDeadline {
    WithinMonths(u32),
    On(NaiveDate),
}

impl GoalDeadline {
    /// The calendar date: "within 3 months" is the start date + 3 months (spec §1.2); a
    /// start on the 31st lands on the last day of a shorter month.
    pub fn date(self, campaign_start: NaiveDate) -> Option<NaiveDate> {
        match self {
            GoalDeadline::WithinMonths(n) => campaign_start.checked_add_months(Months::new(n)),
            GoalDeadline::On(d) => Some(d),
        }
    }
}

/// "3", "3个月", "3个月内", "三个月内", "within 3 months", "3 months", or a date.
impl CellValue for GoalDeadline {
    fn parse(text: &str) -> Result<GoalDeadline, InputError> {
        if let Some(d) = parse_iso_date(text) {
            return Ok(GoalDeadline::On(d));
        }
        let lower = text.trim().to_lowercase();
        let core = lower
            .trim_start_matches("within")
            .trim_end_matches('内')
            .trim_end_matches("个月")
            .trim_end_matches("months")
            .trim_end_matches("month")
            .trim();
        let months = parse_small_number(&normalize_number(core));
        match months {
            Some(n) if (1..=120).contains(&n) => Ok(GoalDeadline::WithinMonths(n)),
            Some(_) => Err(InputError::MonthFromOne),
            None => Err(InputError::NotADeadline),
        }
    }

    /// Language-neutral edit text; the table shows the localized form.
    fn to_text(&self) -> String {
        match self {
            GoalDeadline::WithinMonths(n) => format!("{n}个月内"),
            GoalDeadline::On(d) => crate::domain::values::entry::iso_date(*d),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: RowId,
    /// What is measured, e.g. "私域用户数".
    pub metric: String,
    pub unit: Unit,
    pub baseline: Entry<Measure>,
    pub target: Entry<Measure>,
    pub deadline: Entry<GoalDeadline>,
}

impl Goal {
    pub fn new(id: RowId) -> Goal {
        Goal {
            id,
            metric: String::new(),
            unit: Unit::Count,
            baseline: Entry::Empty,
            target: Entry::Empty,
            deadline: Entry::Empty,
        }
    }

    /// Target − baseline in the goal's unit (points for a percentage).
    pub fn change(&self) -> Option<Measure> {
        Some(Measure(
            self.target
                .value()?
                .0
                .checked_sub(self.baseline.value()?.0)?,
        ))
    }

    pub fn due(&self, campaign_start: NaiveDate) -> Option<NaiveDate> {
        self.deadline.value()?.date(campaign_start)
    }
}

/// The four stages of the growth loop (spec §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoopStage {
    Acquisition,
    Conversion,
    Retention,
    Referral,
}

impl LoopStage {
    pub const ALL: [LoopStage; 4] = [
        LoopStage::Acquisition,
        LoopStage::Conversion,
        LoopStage::Retention,
        LoopStage::Referral,
    ];
}

/// A figure of the plan an indicator can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "figure", content = "row", rename_all = "snake_case")]
pub enum FigureRef {
    /// A funnel stage's conversion rate.
    StageRate(RowId),
    /// A funnel stage's converted count.
    StageConverted(RowId),
    /// A KPI's value this month (effectiveness table).
    Kpi(RowId),
}

impl FigureRef {
    /// A stable text key for option lists: "stage_rate:12".
    pub fn key(self) -> String {
        let (kind, id) = match self {
            FigureRef::StageRate(id) => ("stage_rate", id),
            FigureRef::StageConverted(id) => ("stage_converted", id),
            FigureRef::Kpi(id) => ("kpi", id),
        };
        format!("{kind}:{}", id.0)
    }

    pub fn from_key(key: &str) -> Option<FigureRef> {
        let (kind, id) = key.split_once(':')?;
        let id = RowId(id.parse().ok()?);
        match kind {
            "stage_rate" => Some(FigureRef::StageRate(id)),
            "stage_converted" => Some(FigureRef::StageConverted(id)),
            "kpi" => Some(FigureRef::Kpi(id)),
            _ => None,
        }
    }

    /// The figure's current value, unit and direction; `None` when the row is gone or
    /// its inputs are missing or invalid.
    pub fn current(self, plan: &Plan) -> Option<(Measure, Unit, Direction)> {
        let stage = |id: RowId| plan.funnel.stages.iter().find(|s| s.id == id);
        match self {
            FigureRef::StageRate(id) => {
                let rate = stage(id)?.rate()?;
                let bp = i64::try_from(rate.basis_points()).ok()?;
                Some((Measure(bp), Unit::Percent, Direction::HigherIsBetter))
            }
            FigureRef::StageConverted(id) => {
                let n = i64::try_from(*stage(id)?.converted.value()?).ok()?;
                Some((
                    Measure(n.checked_mul(100)?),
                    Unit::Count,
                    Direction::HigherIsBetter,
                ))
            }
            FigureRef::Kpi(id) => {
                let row = plan.effectiveness.iter().find(|r| r.id == id)?;
                let figures = crate::domain::channels::effectiveness::row_figures(&plan.kpi, row)?;
                let info = figures.reading.info;
                Some((figures.reading.this_month?, info.unit, info.direction))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: RowId,
    /// The goal it decomposes; `None` until one is chosen.
    pub goal: Option<RowId>,
    pub stage: LoopStage,
    pub name: String,
    pub unit: Unit,
    pub target: Entry<Measure>,
    /// Where its current value comes from; `None` for an indicator tracked elsewhere.
    pub source: Option<FigureRef>,
}

/// Where an indicator stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub current: Measure,
    pub unit: Unit,
    /// Current − target, signed; `None` without a target or when the units differ.
    pub gap: Option<Measure>,
    pub met: Option<bool>,
    /// The figure is in another unit than the indicator's target (a rate against a count).
    pub unit_mismatch: bool,
}

impl Indicator {
    pub fn new(id: RowId) -> Indicator {
        Indicator {
            id,
            goal: None,
            stage: LoopStage::Acquisition,
            name: String::new(),
            unit: Unit::Count,
            target: Entry::Empty,
            source: None,
        }
    }

    /// The live value of its linked figure against the target, in the figure's direction
    /// (a lower CAC is better).
    pub fn progress(&self, plan: &Plan) -> Option<Progress> {
        let (current, unit, direction) = self.source?.current(plan)?;
        let unit_mismatch = unit != self.unit;
        let gap = (self.target.value())
            .filter(|_| !unit_mismatch)
            .and_then(|t| current.0.checked_sub(t.0))
            .map(Measure);
        let met = gap.map(|g| match direction {
            Direction::HigherIsBetter => g.0 >= 0,
            Direction::LowerIsBetter => g.0 <= 0,
        });
        Some(Progress {
            current,
            unit,
            gap,
            met,
            unit_mismatch,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::demo::demo_plan;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn deadlines_parse_as_merchants_write_them() {
        for text in [
            "3",
            "3个月",
            "3个月内",
            "三个月内",
            "within 3 months",
            "3 Months",
        ] {
            assert_eq!(
                GoalDeadline::parse(text),
                Ok(GoalDeadline::WithinMonths(3)),
                "{text}"
            );
        }
        assert_eq!(
            GoalDeadline::parse("十二个月内"),
            Ok(GoalDeadline::WithinMonths(12))
        );
        assert_eq!(
            GoalDeadline::parse("两个月"),
            Ok(GoalDeadline::WithinMonths(2))
        );
        assert_eq!(
            GoalDeadline::parse("2026-12-31"),
            Ok(GoalDeadline::On(d(2026, 12, 31)))
        );
        assert_eq!(GoalDeadline::parse("0"), Err(InputError::MonthFromOne));
        assert_eq!(GoalDeadline::parse("soon"), Err(InputError::NotADeadline));
        let three = GoalDeadline::WithinMonths(3);
        assert_eq!(GoalDeadline::parse(&three.to_text()), Ok(three));
    }

    #[test]
    fn relative_deadlines_across_month_ends() {
        let three = GoalDeadline::WithinMonths(3);
        assert_eq!(three.date(d(2026, 9, 1)), Some(d(2026, 12, 1)));
        // Nov 30 + 3 months: Feb has no 30th, so the last day of Feb.
        assert_eq!(three.date(d(2026, 11, 30)), Some(d(2027, 2, 28)));
        assert_eq!(three.date(d(2027, 11, 30)), Some(d(2028, 2, 29)));
        let one = GoalDeadline::WithinMonths(1);
        assert_eq!(one.date(d(2028, 1, 31)), Some(d(2028, 2, 29)));
        assert_eq!(
            GoalDeadline::WithinMonths(12).date(d(2028, 2, 29)),
            Some(d(2029, 2, 28))
        );
        assert_eq!(
            GoalDeadline::On(d(2027, 3, 1)).date(d(2026, 9, 1)),
            Some(d(2027, 3, 1))
        );
    }

    #[test]
    fn figure_keys_round_trip() {
        for f in [
            FigureRef::StageRate(RowId(3)),
            FigureRef::StageConverted(RowId(4)),
            FigureRef::Kpi(RowId(200)),
        ] {
            assert_eq!(FigureRef::from_key(&f.key()), Some(f));
        }
        assert_eq!(FigureRef::from_key("stage_rate:x"), None);
        assert_eq!(FigureRef::from_key(""), None);
    }

    #[test]
    fn an_indicator_follows_its_figure_live() {
        let mut plan = demo_plan();
        let stage = plan.funnel.stages[1].id; // 社群入群 3000 → 1800, 60%
        let indicator = Indicator {
            stage: LoopStage::Conversion,
            name: "入群率".into(),
            unit: Unit::Percent,
            target: Entry::Value(Measure(6500)),
            source: Some(FigureRef::StageRate(stage)),
            ..Indicator::new(RowId(900))
        };
        let p = indicator.progress(&plan).unwrap();
        assert_eq!(p.current, Measure(6000));
        assert_eq!(p.gap, Some(Measure(-500)));
        assert_eq!(p.met, Some(false));
        std::sync::Arc::make_mut(&mut plan.funnel.stages[1]).converted = Entry::Value(2000);
        let p = indicator.progress(&plan).unwrap();
        assert_eq!((p.current, p.met), (Measure(6667), Some(true)));
        // A KPI where lower is better: CAC ¥80 against a ¥75 target is not met.
        let cac = plan.effectiveness[3].id;
        let cac_indicator = Indicator {
            unit: Unit::Money,
            target: Entry::Value(Measure(7500)),
            source: Some(FigureRef::Kpi(cac)),
            ..indicator.clone()
        };
        assert_eq!(cac_indicator.progress(&plan).unwrap().met, Some(false));
        // A rate against a count target compares nothing.
        let count_target = Indicator {
            unit: Unit::Count,
            ..indicator.clone()
        };
        let p = count_target.progress(&plan).unwrap();
        assert!(p.unit_mismatch && p.gap.is_none() && p.met.is_none());
        // A deleted stage: no value, never a stale one.
        plan.funnel.stages.remove(1);
        assert_eq!(indicator.progress(&plan), None);
    }
}
