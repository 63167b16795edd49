//! The channel effectiveness table (spec §4.2): a metric's value in the report month
//! against last month, the same month last year and its target, judged by its direction.

use super::entry::{
    hundredths_text, normalize_number, parse_hundredths, parse_scaled, strip_prefix_any,
    strip_suffix_any, CellValue, Entry, InputError, COUNT_UNITS,
};
use super::money::CURRENCY_SYMBOLS;
use super::monitoring::history::{MetricRef, Reading};
use super::monitoring::KpiBook;
use super::plan::RowId;
use serde::{Deserialize, Serialize};

/// A metric value in hundredths of its unit, exact: 25% → 2500, ¥80 → 8000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Measure(pub i64);

/// Typed as "25", "25%", "３０％", "80元", "¥80", "-3.5", "12天", "1.2万"; at most two
/// decimals.
impl CellValue for Measure {
    fn parse(text: &str) -> Result<Measure, InputError> {
        let s = strip_prefix_any(&normalize_number(text), CURRENCY_SYMBOLS);
        if let Some(percent) = s.strip_suffix('%') {
            return parse_hundredths(percent).map(Measure);
        }
        let s = strip_suffix_any(&s, COUNT_UNITS);
        let s = s.strip_suffix('元').unwrap_or(s);
        match s.strip_suffix('万') {
            // Hundredths are 10^-6 万.
            Some(wan) => parse_scaled(wan, 6).map(Measure),
            None => parse_hundredths(s).map(Measure),
        }
    }

    fn to_text(&self) -> String {
        hundredths_text(self.0, false)
    }

    fn hundredths(&self) -> Option<i64> {
        Some(self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Traffic,
    Conversion,
    Efficiency,
    Value,
}

/// The metric's unit. Changes of a percentage are in percentage points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    Money,
    Count,
    Days,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    /// CAC, repurchase interval, fulfilment time.
    LowerIsBetter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    OnTrack,
    OffTrack,
}

/// A row of the effectiveness table: a metric of the history with its target and the
/// team's reading of it. The figures are derived from the months behind them (schema 6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EffectivenessRow {
    pub id: RowId,
    /// The name the team uses for it ("单客获客成本(CAC)").
    pub metric: String,
    pub source: MetricRef,
    pub target: Entry<Measure>,
    pub gap_analysis: String,
    pub action: String,
}

impl EffectivenessRow {
    pub fn new(id: RowId, source: MetricRef) -> EffectivenessRow {
        EffectivenessRow {
            id,
            metric: String::new(),
            source,
            target: Entry::Empty,
            gap_analysis: String::new(),
            action: String::new(),
        }
    }
}

/// A row's figures for the report month, against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowFigures {
    pub reading: Reading,
    pub target: Option<Measure>,
}

impl RowFigures {
    fn delta(a: Option<Measure>, b: Option<Measure>) -> Option<Measure> {
        Some(Measure(a?.0.checked_sub(b?.0)?))
    }

    /// This month − last month, in the metric's unit (points for a percentage).
    pub fn month_on_month(&self) -> Option<Measure> {
        Self::delta(self.reading.this_month, self.reading.last_month)
    }

    /// This month − the same month last year.
    pub fn year_on_year(&self) -> Option<Measure> {
        Self::delta(self.reading.this_month, self.reading.last_year)
    }

    /// This month − target, signed; whether that is good depends on the direction.
    pub fn gap_to_target(&self) -> Option<Measure> {
        Self::delta(self.reading.this_month, self.target)
    }

    /// On track when the target is met in the metric's direction (CAC ¥80 vs ¥75 is off).
    pub fn status(&self) -> Option<Status> {
        let gap = self.gap_to_target()?.0;
        let met = match self.reading.info.direction {
            Direction::HigherIsBetter => gap >= 0,
            Direction::LowerIsBetter => gap <= 0,
        };
        Some(if met {
            Status::OnTrack
        } else {
            Status::OffTrack
        })
    }
}

/// The row's figures for the book's report month; `None` when its custom metric is gone.
pub fn row_figures(book: &KpiBook, row: &EffectivenessRow) -> Option<RowFigures> {
    Some(RowFigures {
        reading: book.reading(row.source, book.report_month())?,
        target: row.target.value().copied(),
    })
}

/// How many rows are on track and off track (rows without a status are not counted).
pub fn status_counts<R: std::borrow::Borrow<EffectivenessRow>>(
    book: &KpiBook,
    rows: &[R],
) -> (usize, usize) {
    rows.iter()
        .filter_map(|r| row_figures(book, r.borrow())?.status())
        .fold((0, 0), |(on, off), s| match s {
            Status::OnTrack => (on + 1, off),
            Status::OffTrack => (on, off + 1),
        })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::demo::demo_plan;
    use crate::domain::plan::Plan;

    #[test]
    fn measures_parse_with_their_units() {
        assert_eq!(Measure::parse("25%"), Ok(Measure(2500)));
        assert_eq!(Measure::parse("80元"), Ok(Measure(8000)));
        assert_eq!(Measure::parse("¥1,234.5"), Ok(Measure(123_450)));
        assert_eq!(Measure::parse("-3.25"), Ok(Measure(-325)));
        assert_eq!(Measure::parse("1.234"), Err(InputError::TooManyDecimals));
        assert_eq!(Measure::parse("abc"), Err(InputError::NotANumber));
        for v in [0, 5, 50, 2500, -325, 123_456] {
            assert_eq!(Measure::parse(&Measure(v).to_text()), Ok(Measure(v)));
        }
    }

    #[test]
    fn measures_parse_as_people_type_them() {
        for (text, v) in [
            ("30", 3000),
            ("30%", 3000),
            ("３０％", 3000),
            (" 30 % ", 3000),
            ("12.5%", 1250),
            ("-5%", -500),
            ("¥75", 7500),
            ("￥75", 7500),
            ("75元", 7500),
            ("-¥10", -1000),
            ("12天", 1200),
            ("3.5 days", 350),
            ("2.5次", 250),
            ("1.2万", 1_200_000),
            ("1.2万人", 1_200_000),
            ("１，２３４．５", 123_450),
        ] {
            assert_eq!(Measure::parse(text), Ok(Measure(v)), "{text}");
        }
        for (text, why) in [
            ("30%%", InputError::NotANumber),
            ("%", InputError::NotANumber),
            ("30万%", InputError::NotANumber),
            ("3.555%", InputError::TooManyDecimals),
        ] {
            assert_eq!(Measure::parse(text), Err(why), "{text}");
        }
    }

    /// Spec §4.2's five rows, as `plan` derives them: this month, MoM and YoY come from
    /// the months behind them, the gap from the target, and all five are off track (the
    /// status respects each metric's direction). Also checks migrated documents.
    pub(crate) fn assert_spec_rows(plan: &Plan) {
        let book = &plan.kpi;
        let figures: Vec<RowFigures> = plan
            .effectiveness
            .iter()
            .map(|r| row_figures(book, r).unwrap())
            .collect();
        let column = |f: fn(&RowFigures) -> Option<Measure>| -> Vec<i64> {
            figures.iter().map(|r| f(r).unwrap().0).collect()
        };
        assert_eq!(
            column(|f| f.reading.this_month),
            [2_500, 800, 1_200, 8_000, 4_000]
        );
        assert_eq!(
            column(RowFigures::month_on_month),
            [-500, 200, 300, -1000, 500]
        );
        assert_eq!(
            column(RowFigures::year_on_year),
            [1000, 500, 800, -2000, 1500]
        );
        assert_eq!(
            column(RowFigures::gap_to_target),
            [-500, -200, -300, 500, -500]
        );
        assert!(figures.iter().all(|f| f.status() == Some(Status::OffTrack)));
        assert_eq!(status_counts(book, &plan.effectiveness), (0, 5));
    }

    #[test]
    fn spec_worked_figures() {
        assert_spec_rows(&demo_plan());
    }

    #[test]
    fn direction_decides_the_status() {
        let plan = demo_plan();
        let cac = row_figures(&plan.kpi, &plan.effectiveness[3]).unwrap(); // lower is better
        let mut f = RowFigures {
            reading: Reading {
                this_month: Some(Measure(7000)),
                ..cac.reading
            },
            ..cac
        };
        assert_eq!(f.status(), Some(Status::OnTrack));
        f.reading.info.direction = Direction::HigherIsBetter;
        assert_eq!(f.status(), Some(Status::OffTrack));
        f.target = None;
        assert_eq!(f.status(), None);
    }
}
