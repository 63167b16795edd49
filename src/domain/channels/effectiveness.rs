//! The channel effectiveness table (spec §4.2): a metric's value in the report month
//! against last month, the same month last year and its target, judged by its direction.

use crate::domain::channels::history::{MetricRef, Reading};
use crate::domain::channels::KpiBook;
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::{Direction, Measure};
use serde::{Deserialize, Serialize};

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
    use crate::domain::plan::demo::demo_plan;
    use crate::domain::plan::Plan;

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
