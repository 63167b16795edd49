//! Alert thresholds (seed 003: GMV, ROI, AOV): a metric that crosses its threshold in the
//! report month is listed at the top of the page.

use super::history::MetricRef;
use super::month::YearMonth;
use super::KpiBook;
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::Measure;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertCondition {
    /// Alert when the value falls below the threshold (GMV, ROI, AOV).
    #[default]
    Below,
    /// Alert when it rises above (CAC, refund rate).
    Above,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertRule {
    pub id: RowId,
    pub metric: MetricRef,
    pub condition: AlertCondition,
    pub threshold: Entry<Measure>,
}

/// A rule whose metric crossed its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrossedAlert {
    pub rule: RowId,
    pub metric: MetricRef,
    pub month: YearMonth,
    pub value: Measure,
    pub threshold: Measure,
    pub condition: AlertCondition,
}

impl AlertRule {
    /// Strictly past the threshold: a value right on it is not an alert.
    pub fn is_crossed(&self, value: Measure) -> Option<bool> {
        let threshold = *self.threshold.value()?;
        Some(match self.condition {
            AlertCondition::Below => value < threshold,
            AlertCondition::Above => value > threshold,
        })
    }
}

/// The rules crossed in the report month, in the rules' order. A rule without a
/// threshold, or a metric without a value that month, raises nothing.
pub fn crossed_alerts(book: &KpiBook) -> Vec<CrossedAlert> {
    let Some(month) = book.report_month() else {
        return Vec::new();
    };
    book.alerts
        .iter()
        .filter_map(|rule| {
            let value = book.value(rule.metric, month)?;
            rule.is_crossed(value)?.then_some(CrossedAlert {
                rule: rule.id,
                metric: rule.metric,
                month,
                value,
                threshold: *rule.threshold.value()?,
                condition: rule.condition,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channels::kpi_system::Metric;
    use crate::domain::plan::demo::demo_plan;
    use std::sync::Arc;

    #[test]
    fn the_demo_flags_its_order_value_only() {
        let plan = demo_plan();
        let crossed = crossed_alerts(&plan.kpi);
        assert_eq!(crossed.len(), 1);
        assert_eq!(crossed[0].metric, MetricRef::Builtin(Metric::Aov));
        assert_eq!(crossed[0].condition, AlertCondition::Below);
    }

    #[test]
    fn thresholds_are_strict_and_follow_the_condition() {
        let mut plan = demo_plan();
        let month = plan.kpi.report_month().unwrap();
        let gmv = MetricRef::Builtin(Metric::Gmv);
        let value = plan.kpi.value(gmv, month).unwrap();
        let rule = |condition, threshold: i64| AlertRule {
            id: RowId(1),
            metric: gmv,
            condition,
            threshold: Entry::Value(Measure(threshold)),
        };
        assert_eq!(
            rule(AlertCondition::Below, value.0).is_crossed(value),
            Some(false)
        );
        assert_eq!(
            rule(AlertCondition::Below, value.0 + 1).is_crossed(value),
            Some(true)
        );
        assert_eq!(
            rule(AlertCondition::Above, value.0 - 1).is_crossed(value),
            Some(true)
        );
        plan.kpi.alerts = vec![Arc::new(rule(AlertCondition::Above, value.0 - 1))];
        assert_eq!(crossed_alerts(&plan.kpi)[0].value, value);
        plan.kpi.alerts = vec![Arc::new(AlertRule {
            threshold: Entry::Invalid("高".into()),
            ..rule(AlertCondition::Above, 0)
        })];
        assert!(crossed_alerts(&plan.kpi).is_empty());
    }
}
