//! The KPI history: raw inputs per month, the built-in metrics derived from them, and
//! metrics of the merchant's own making with their own inputs.

use super::month::YearMonth;
use super::KpiBook;
use crate::domain::channels::kpi_system::{KpiInputs, Metric};
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::{Dimension, Direction, Measure, Unit};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One month of raw figures (spec §4.1's inputs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiMonth {
    pub id: RowId,
    pub month: Entry<YearMonth>,
    #[serde(flatten)]
    pub inputs: KpiInputs,
}

impl KpiMonth {
    pub fn new(id: RowId) -> KpiMonth {
        KpiMonth {
            id,
            month: Entry::Empty,
            inputs: KpiInputs::default(),
        }
    }
}

/// How a custom metric is computed from its two inputs for a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomFormula {
    /// numerator ÷ denominator × 100%.
    #[default]
    Percent,
    /// numerator ÷ denominator, e.g. sales per m².
    Ratio,
    /// numerator − denominator, e.g. days before − days after.
    Difference,
    /// The numerator as typed (a figure the merchant reads elsewhere).
    Value,
}

/// A metric of the merchant's own: name, unit, direction and a formula over two inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomMetric {
    pub id: RowId,
    pub name: String,
    pub dimension: Dimension,
    pub unit: Unit,
    pub direction: Direction,
    pub formula: CustomFormula,
    /// What the inputs stand for ("爽约人数", "预约人数").
    pub numerator: String,
    pub denominator: String,
}

impl CustomMetric {
    pub fn new(id: RowId) -> CustomMetric {
        CustomMetric {
            id,
            name: String::new(),
            dimension: Dimension::Conversion,
            unit: Unit::Percent,
            direction: Direction::HigherIsBetter,
            formula: CustomFormula::Percent,
            numerator: String::new(),
            denominator: String::new(),
        }
    }

    /// The metric for one month's inputs; `None` when an input is missing, or the
    /// denominator is zero for a division.
    pub fn compute(
        &self,
        numerator: &Entry<Measure>,
        denominator: &Entry<Measure>,
    ) -> Option<Measure> {
        let num = i128::from(numerator.value()?.0);
        let value = match self.formula {
            CustomFormula::Value => num,
            CustomFormula::Difference => num - i128::from(denominator.value()?.0),
            CustomFormula::Percent => divide(num * 10_000, i128::from(denominator.value()?.0))?,
            CustomFormula::Ratio => divide(num * 100, i128::from(denominator.value()?.0))?,
        };
        i64::try_from(value).ok().map(Measure)
    }
}

/// One month's two inputs of a custom metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomValue {
    pub id: RowId,
    /// The custom metric's row id.
    pub metric: RowId,
    pub month: Entry<YearMonth>,
    pub numerator: Entry<Measure>,
    pub denominator: Entry<Measure>,
}

impl CustomValue {
    pub fn new(id: RowId, metric: RowId) -> CustomValue {
        CustomValue {
            id,
            metric,
            month: Entry::Empty,
            numerator: Entry::Empty,
            denominator: Entry::Empty,
        }
    }
}

/// num ÷ den rounded half away from zero; `None` for a zero denominator (shown "—").
fn divide(num: i128, den: i128) -> Option<i128> {
    if den == 0 {
        return None;
    }
    let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
    let half = den / 2;
    Some(if num >= 0 {
        (num + half) / den
    } else {
        (num - half) / den
    })
}

/// Which metric a table row, a chart or an alert follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetricRef {
    Builtin(Metric),
    Custom(RowId),
}

impl MetricRef {
    /// "builtin:cac", "custom:1500": stored in the plan and used as option keys.
    pub fn key(self) -> String {
        match self {
            MetricRef::Builtin(m) => format!("builtin:{}", m.key()),
            MetricRef::Custom(id) => format!("custom:{}", id.0),
        }
    }

    pub fn from_key(key: &str) -> Option<MetricRef> {
        match key.split_once(':')? {
            ("builtin", k) => Metric::from_key(k).map(MetricRef::Builtin),
            ("custom", id) => id.parse().ok().map(|id| MetricRef::Custom(RowId(id))),
            _ => None,
        }
    }
}

impl Serialize for MetricRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for MetricRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        MetricRef::from_key(&key).ok_or_else(|| serde::de::Error::custom("unknown metric"))
    }
}

/// What a metric measures and which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricInfo {
    pub dimension: Dimension,
    pub unit: Unit,
    pub direction: Direction,
}

/// A metric's value this month, last month and the same month last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub info: MetricInfo,
    pub this_month: Option<Measure>,
    pub last_month: Option<Measure>,
    pub last_year: Option<Measure>,
}

impl KpiBook {
    /// `None` for a custom metric that was deleted.
    pub fn info(&self, metric: MetricRef) -> Option<MetricInfo> {
        match metric {
            MetricRef::Builtin(m) => Some(MetricInfo {
                dimension: m.dimension(),
                unit: m.unit(),
                direction: m.direction(),
            }),
            MetricRef::Custom(id) => {
                let c = self.custom_metrics.iter().find(|c| c.id == id)?;
                Some(MetricInfo {
                    dimension: c.dimension,
                    unit: c.unit,
                    direction: c.direction,
                })
            }
        }
    }

    /// The metric's value in `month`; `None` when the month has no (valid) inputs. When a
    /// month was entered twice, the first row counts and the others are flagged.
    pub fn value(&self, metric: MetricRef, month: YearMonth) -> Option<Measure> {
        match metric {
            MetricRef::Builtin(m) => {
                let row = self
                    .months
                    .iter()
                    .find(|r| r.month.value() == Some(&month))?;
                m.compute(&row.inputs)
            }
            MetricRef::Custom(id) => {
                let def = self.custom_metrics.iter().find(|c| c.id == id)?;
                let row = self
                    .custom_values
                    .iter()
                    .find(|v| v.metric == id && v.month.value() == Some(&month))?;
                def.compute(&row.numerator, &row.denominator)
            }
        }
    }

    /// The metric's reading for the report month `month`.
    pub fn reading(&self, metric: MetricRef, month: Option<YearMonth>) -> Option<Reading> {
        let info = self.info(metric)?;
        let at = |m: Option<YearMonth>| m.and_then(|m| self.value(metric, m));
        Some(Reading {
            info,
            this_month: at(month),
            last_month: at(month.and_then(YearMonth::previous)),
            last_year: at(month.and_then(YearMonth::year_before)),
        })
    }

    /// Every month the metric has inputs for, oldest first, with its value there.
    pub fn series(&self, metric: MetricRef) -> Vec<(YearMonth, Option<Measure>)> {
        let mut months: Vec<YearMonth> = match metric {
            MetricRef::Builtin(_) => self
                .months
                .iter()
                .filter_map(|r| r.month.value().copied())
                .collect(),
            MetricRef::Custom(id) => self
                .custom_values
                .iter()
                .filter(|v| v.metric == id)
                .filter_map(|v| v.month.value().copied())
                .collect(),
        };
        months.sort();
        months.dedup();
        months
            .into_iter()
            .map(|m| (m, self.value(metric, m)))
            .collect()
    }

    /// The rows of the month table whose month an earlier row already holds, in table
    /// order, in one pass (asking each row about the rows before it would be a million
    /// comparisons at 1,000 months).
    pub fn repeated_months(&self) -> Vec<&KpiMonth> {
        let mut seen = std::collections::HashSet::new();
        self.months
            .iter()
            .filter(|r| r.month.value().is_some_and(|m| !seen.insert(*m)))
            .map(|r| &**r)
            .collect()
    }

    /// Whether an earlier row already holds this custom metric's month.
    pub fn is_repeated_custom_month(&self, row: &CustomValue) -> bool {
        let Some(month) = row.month.value() else {
            return false;
        };
        self.custom_values
            .iter()
            .take_while(|r| r.id != row.id)
            .any(|r| r.metric == row.metric && r.month.value() == Some(month))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn month(id: u64, m: YearMonth, attendees: u64, follows: u64) -> Arc<KpiMonth> {
        let mut row = KpiMonth::new(RowId(id));
        row.month = Entry::Value(m);
        row.inputs.event_attendees = Entry::Value(attendees);
        row.inputs.event_qr_follows = Entry::Value(follows);
        Arc::new(row)
    }

    #[test]
    fn readings_come_from_the_months_behind_them() {
        let book = KpiBook {
            months: vec![
                month(1, ym(2025, 10), 400, 60),
                month(2, ym(2026, 9), 400, 120),
                month(3, ym(2026, 10), 400, 100),
            ],
            ..KpiBook::default()
        };
        assert_eq!(book.report_month(), Some(ym(2026, 10)));
        let r = book
            .reading(
                MetricRef::Builtin(Metric::OfflineToOnline),
                book.report_month(),
            )
            .unwrap();
        assert_eq!(r.this_month, Some(Measure(2_500)));
        assert_eq!(r.last_month, Some(Measure(3_000)));
        assert_eq!(r.last_year, Some(Measure(1_500)));
        // A month without inputs reads as nothing, not zero.
        let r = book.reading(
            MetricRef::Builtin(Metric::OfflineToOnline),
            Some(ym(2025, 11)),
        );
        assert_eq!(r.unwrap().this_month, None);
        let series = book.series(MetricRef::Builtin(Metric::OfflineToOnline));
        assert_eq!(series.len(), 3);
        assert_eq!(series[0], (ym(2025, 10), Some(Measure(1_500))));
    }

    #[test]
    fn a_repeated_month_is_flagged_and_the_first_counts() {
        let book = KpiBook {
            months: vec![
                month(1, ym(2026, 10), 400, 100),
                month(2, ym(2026, 10), 400, 200),
            ],
            ..KpiBook::default()
        };
        let repeated: Vec<_> = book.repeated_months().iter().map(|r| r.id).collect();
        assert_eq!(repeated, vec![book.months[1].id]);
        let v = book.value(MetricRef::Builtin(Metric::OfflineToOnline), ym(2026, 10));
        assert_eq!(v, Some(Measure(2_500)));
    }

    #[test]
    fn custom_metrics_follow_their_formula() {
        let mut def = CustomMetric::new(RowId(9));
        let v = |x: i64| Entry::Value(Measure(x * 100));
        assert_eq!(def.compute(&v(12), &v(150)), Some(Measure(800))); // 8%
        def.formula = CustomFormula::Ratio;
        assert_eq!(def.compute(&v(300_000), &v(120)), Some(Measure(250_000))); // 2,500
        def.formula = CustomFormula::Difference;
        assert_eq!(def.compute(&v(45), &v(38)), Some(Measure(700)));
        def.formula = CustomFormula::Value;
        assert_eq!(def.compute(&v(7), &Entry::Empty), Some(Measure(700)));
        def.formula = CustomFormula::Percent;
        assert_eq!(def.compute(&v(1), &v(0)), None);
        assert_eq!(def.compute(&Entry::Invalid("x".into()), &v(1)), None);

        let mut value = CustomValue::new(RowId(10), RowId(9));
        value.month = Entry::Value(ym(2026, 10));
        value.numerator = v(12);
        value.denominator = v(150);
        let book = KpiBook {
            custom_metrics: vec![Arc::new(def)],
            custom_values: vec![Arc::new(value)],
            ..KpiBook::default()
        };
        let metric = MetricRef::Custom(RowId(9));
        assert_eq!(book.value(metric, ym(2026, 10)), Some(Measure(800)));
        assert_eq!(book.info(MetricRef::Custom(RowId(99))), None);
    }

    #[test]
    fn metric_refs_round_trip_through_their_keys() {
        for m in Metric::ALL {
            let r = MetricRef::Builtin(m);
            assert_eq!(MetricRef::from_key(&r.key()), Some(r));
        }
        assert_eq!(
            MetricRef::from_key("custom:15"),
            Some(MetricRef::Custom(RowId(15)))
        );
        assert_eq!(MetricRef::from_key("builtin:nope"), None);
        assert_eq!(MetricRef::from_key("cac"), None);
    }
}
