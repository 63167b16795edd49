//! The option lists of choice columns shared by several pages: each stored key with its
//! label, and beside it the values the options stand for, in the same order.

use crate::domain::goals::LoopStage;
use crate::domain::kpi::{Dimension, Direction, Unit};
use crate::domain::scenario::RiskStatus;
use crate::i18n::Msg;

pub const DIMENSIONS: &[(&str, Msg)] = &[
    ("traffic", Msg::DimTraffic),
    ("conversion", Msg::DimConversion),
    ("efficiency", Msg::DimEfficiency),
    ("value", Msg::DimValue),
];
pub const UNITS: &[(&str, Msg)] = &[
    ("percent", Msg::UnitPercent),
    ("money", Msg::UnitMoney),
    ("count", Msg::UnitCount),
    ("days", Msg::UnitDays),
];
pub const DIRECTIONS: &[(&str, Msg)] =
    &[("higher", Msg::HigherBetter), ("lower", Msg::LowerBetter)];
pub const DIMENSION_VALUES: &[Dimension] = &[
    Dimension::Traffic,
    Dimension::Conversion,
    Dimension::Efficiency,
    Dimension::Value,
];
pub const UNIT_VALUES: &[Unit] = &[Unit::Percent, Unit::Money, Unit::Count, Unit::Days];
pub const DIRECTION_VALUES: &[Direction] = &[Direction::HigherIsBetter, Direction::LowerIsBetter];

pub const LOOP_STAGES: &[(&str, Msg)] = &[
    ("acquisition", Msg::LoopAcquisition),
    ("conversion", Msg::LoopConversion),
    ("retention", Msg::LoopRetention),
    ("referral", Msg::LoopReferral),
];
pub const LOOP_STAGE_VALUES: &[LoopStage] = &LoopStage::ALL;

pub const RISK_STATUSES: &[(&str, Msg)] = &[
    ("open", Msg::RiskOpen),
    ("watching", Msg::RiskWatching),
    ("mitigated", Msg::RiskMitigated),
];
pub const RISK_STATUS_VALUES: &[RiskStatus] = &RiskStatus::ALL;
