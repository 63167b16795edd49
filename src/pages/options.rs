//! The option lists of choice columns shared by several pages: each stored key with its
//! label, and beside it the values the options stand for, in the same order.

use crate::domain::plan::Plan;
use crate::domain::scenario::goals::FigureRef;
use crate::domain::scenario::goals::LoopStage;
use crate::domain::scenario::RiskStatus;
use crate::domain::tasks::deliverable::Comparator;
use crate::domain::tasks::schedule::TaskStatus;
use crate::domain::values::measure::{Dimension, Direction, Unit};
use crate::i18n::{Lang, Msg};

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

pub const TASK_STATUSES: &[(&str, Msg)] = &[
    ("not_started", Msg::StatusNotStarted),
    ("in_progress", Msg::StatusInProgress),
    ("done", Msg::StatusDone),
    ("blocked", Msg::StatusBlocked),
];
pub const TASK_STATUS_VALUES: &[TaskStatus] = &TaskStatus::ALL;

pub const COMPARATORS: &[(&str, Msg)] = &[
    ("at_least", Msg::ComparatorAtLeast),
    ("at_most", Msg::ComparatorAtMost),
    ("equal", Msg::ComparatorEqual),
];
pub const COMPARATOR_VALUES: &[Comparator] = &Comparator::ALL;

/// The figures an indicator or a deliverable can follow: each funnel stage's rate and converted count,
/// and each KPI's value this month.
pub fn figure_options(plan: &Plan, lang: Lang) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), lang.t(Msg::NotLinked).to_string())];
    for stage in plan.funnel.stages.iter() {
        for (figure, label) in [
            (FigureRef::StageRate(stage.id), Msg::FigureStageRate),
            (
                FigureRef::StageConverted(stage.id),
                Msg::FigureStageConverted,
            ),
        ] {
            options.push((
                figure.key(),
                format!("{} · {}", lang.t(label), stage.name.trim()),
            ));
        }
    }
    for kpi in plan.effectiveness.iter() {
        let figure = FigureRef::Kpi(kpi.id);
        options.push((
            figure.key(),
            format!("{} · {}", lang.t(Msg::FigureKpi), kpi.metric.trim()),
        ));
    }
    options
}

/// The name of a built-in metric (spec §4.1, seed 003).
pub fn metric_name(metric: crate::domain::channels::kpi_system::Metric) -> Msg {
    use crate::domain::channels::kpi_system::Metric::*;
    match metric {
        OfflineToOnline => Msg::MetOfflineToOnline,
        OnlineToOffline => Msg::MetOnlineToOffline,
        NewUsers => Msg::MetNewUsers,
        LinkedConversion => Msg::MetLinkedConversion,
        AovUplift => Msg::MetAovUplift,
        RepurchaseCycleCut => Msg::MetRepurchaseCycleCut,
        Cac => Msg::MetCac,
        SalesPerStaff => Msg::MetSalesPerStaff,
        InventoryTurnover => Msg::MetInventoryTurnover,
        PrivateDomainActive => Msg::MetPrivateDomainActive,
        HighValueShare => Msg::MetHighValueShare,
        Nps => Msg::MetNps,
        Gmv => Msg::MetGmv,
        Roi => Msg::MetRoi,
        Aov => Msg::MetAov,
    }
}

/// A metric's name: the built-in name, or the custom metric's own.
pub fn metric_label(
    plan: &Plan,
    metric: crate::domain::channels::history::MetricRef,
    lang: Lang,
) -> String {
    use crate::domain::channels::history::MetricRef;
    match metric {
        MetricRef::Builtin(m) => lang.t(metric_name(m)).to_string(),
        MetricRef::Custom(id) => plan
            .kpi
            .custom_metrics
            .iter()
            .find(|c| c.id == id)
            .map_or_else(
                || lang.t(Msg::MetricDeleted).to_string(),
                |c| c.name.clone(),
            ),
    }
}

/// Every metric a row, an alert or the trend chart can follow: the built-in ones, then
/// the plan's own.
pub fn metric_options(plan: &Plan, lang: Lang) -> Vec<(String, String)> {
    use crate::domain::channels::history::MetricRef;
    use crate::domain::channels::kpi_system::Metric;
    let builtin = Metric::ALL.into_iter().map(|m| {
        (
            MetricRef::Builtin(m).key(),
            lang.t(metric_name(m)).to_string(),
        )
    });
    let custom = plan
        .kpi
        .custom_metrics
        .iter()
        .map(|c| (MetricRef::Custom(c.id).key(), c.name.clone()));
    builtin.chain(custom).collect()
}

/// The plan's custom metrics, by row id ("0": none chosen yet, as a new month row has).
pub fn custom_metric_options(plan: &Plan, lang: Lang) -> Vec<(String, String)> {
    std::iter::once(("0".to_string(), lang.t(Msg::NotLinked).to_string()))
        .chain(
            plan.kpi
                .custom_metrics
                .iter()
                .map(|c| (c.id.0.to_string(), c.name.clone())),
        )
        .collect()
}

/// The budget split's categories, for a channel's budget line.
pub fn budget_category_options(plan: &Plan, lang: Lang) -> Vec<(String, String)> {
    std::iter::once((String::new(), lang.t(Msg::NotLinked).to_string()))
        .chain(
            plan.budget_lines
                .iter()
                .map(|l| (l.category.clone(), l.category.clone())),
        )
        .collect()
}

/// Options named by the distinct trimmed names of some rows (phases, budget categories),
/// in first-seen order after `none`: one set lookup per row, so a list built from 1,000
/// rows costs 1,000 lookups, not half a million comparisons.
pub fn distinct_name_options<'a>(
    none: (String, String),
    names: impl Iterator<Item = &'a str>,
) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    std::iter::once(none)
        .chain(
            names
                .map(str::trim)
                .filter(|name| !name.is_empty() && seen.insert(*name))
                .map(|name| (name.to_string(), name.to_string())),
        )
        .collect()
}
