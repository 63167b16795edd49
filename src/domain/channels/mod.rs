//! The channel & KPI page's core (spec §4): the month-by-month KPI history, custom
//! metrics, alert thresholds, the channel comparison with its budget suggestion, and A/B
//! tests with the SOP they feed. Everything here is plain data plus pure functions over it.
//!
//! `kpi_system` derives the twelve metrics from a month's raw figures, `effectiveness` is
//! the report month against last month, last year and the target; `history`, `month`,
//! `alerts`, `compare`, `reallocation` and `ab_test` are one concept each.

pub mod ab_test;
pub mod alerts;
pub mod compare;
pub mod effectiveness;
pub mod history;
pub mod kpi_system;
pub mod month;
pub mod reallocation;
pub mod response;

use crate::domain::values::entry::Entry;
use crate::domain::values::ids::Rows;
use ab_test::{AbTest, SopEntry};
use alerts::AlertRule;
use compare::ChannelRow;
use history::{CustomMetric, CustomValue, KpiMonth};
use month::YearMonth;
use serde::{Deserialize, Serialize};

/// Everything the channel & KPI page keeps in the plan (schema 6).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct KpiBook {
    /// The month the effectiveness table reports on; empty = the latest month with inputs.
    pub report_month: Entry<YearMonth>,
    /// Raw inputs, one row per month.
    pub months: Rows<KpiMonth>,
    pub custom_metrics: Rows<CustomMetric>,
    pub custom_values: Rows<CustomValue>,
    pub alerts: Rows<AlertRule>,
    pub channels: Rows<ChannelRow>,
    pub ab_tests: Rows<AbTest>,
    pub sops: Rows<SopEntry>,
}

impl KpiBook {
    /// The typed report month, else the latest month of the history.
    pub fn report_month(&self) -> Option<YearMonth> {
        self.report_month.value().copied().or_else(|| {
            let months = self.months.iter().filter_map(|m| m.month.value().copied());
            let custom = self
                .custom_values
                .iter()
                .filter_map(|v| v.month.value().copied());
            months.chain(custom).max()
        })
    }

    /// Every row id in the book, for the plan's fresh-id counter.
    pub fn row_ids(&self) -> impl Iterator<Item = u64> + '_ {
        (self.months.iter().map(|r| r.id.0))
            .chain(self.custom_metrics.iter().map(|r| r.id.0))
            .chain(self.custom_values.iter().map(|r| r.id.0))
            .chain(self.alerts.iter().map(|r| r.id.0))
            .chain(self.channels.iter().map(|r| r.id.0))
            .chain(self.ab_tests.iter().map(|r| r.id.0))
            .chain(self.sops.iter().map(|r| r.id.0))
    }
}
