//! The channel × month history the curves are fitted on: one row per channel and month
//! with its spend and outcomes, online and offline channels together, and the series a
//! channel's fit reads from it.

use crate::domain::channels::month::YearMonth;
use crate::domain::values::entry::{Entry, InputError};
use crate::domain::values::ids::RowId;
use crate::domain::values::money::Fen;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpendMonth {
    pub id: RowId,
    /// A channel's name, as in the channel table of the same section.
    pub channel: String,
    pub month: Entry<YearMonth>,
    pub spend: Entry<Fen>,
    pub revenue: Entry<Fen>,
    /// Optional: new customers won that month (gives the CAC).
    pub new_customers: Entry<u64>,
}

impl SpendMonth {
    pub fn new(id: RowId) -> SpendMonth {
        SpendMonth {
            id,
            channel: String::new(),
            month: Entry::Empty,
            spend: Entry::Empty,
            revenue: Entry::Empty,
            new_customers: Entry::Empty,
        }
    }

    pub fn money_error(entry: &Entry<Fen>) -> Option<InputError> {
        entry.error().or_else(|| {
            entry
                .value()
                .filter(|f| f.0 < 0)
                .map(|_| InputError::Negative)
        })
    }
}

/// One channel's history as the fit reads it: calendar months from the first to the last
/// usable row, spend per month (0 where no row), and the observed outcome per month.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    pub first: Option<YearMonth>,
    /// Spend in fen, one per calendar month.
    pub spend: Vec<f64>,
    /// Revenue in fen where the month has a usable row.
    pub revenue: Vec<Option<f64>>,
    /// New customers where typed for that month.
    pub new_customers: Vec<Option<f64>>,
    /// Months inside the range without a usable row (counted as no spend).
    pub gaps: usize,
    /// Rows left out: a bad or missing month, spend or revenue, or a repeated month.
    pub skipped: usize,
}

impl Series {
    /// Months with both spend and revenue.
    pub fn observed(&self) -> usize {
        self.revenue.iter().flatten().count()
    }

    /// The spend of the latest month.
    pub fn latest_spend(&self) -> Option<f64> {
        self.spend.last().copied()
    }
}

/// `channel`'s rows of `history` (names compared trimmed), in calendar order.
pub fn series(history: &[std::sync::Arc<SpendMonth>], channel: &str) -> Series {
    let channel = channel.trim();
    let mut rows: Vec<(YearMonth, f64, f64, Option<f64>)> = Vec::new();
    let mut skipped = 0;
    for r in history.iter().filter(|r| r.channel.trim() == channel) {
        let usable = |e: &Entry<Fen>| e.value().filter(|f| f.0 >= 0).map(|f| f.0 as f64);
        match (r.month.value(), usable(&r.spend), usable(&r.revenue)) {
            (Some(&m), Some(s), Some(v)) if !rows.iter().any(|row| row.0 == m) => {
                rows.push((m, s, v, r.new_customers.value().map(|&n| n as f64)))
            }
            _ => skipped += 1,
        }
    }
    rows.sort_by_key(|r| r.0);
    let (Some(first), Some(last)) = (rows.first().map(|r| r.0), rows.last().map(|r| r.0)) else {
        return Series {
            skipped,
            ..Series::default()
        };
    };
    let mut out = Series {
        first: Some(first),
        skipped,
        ..Series::default()
    };
    let mut month = first;
    let mut next = rows.iter().peekable();
    loop {
        match next.peek() {
            Some(r) if r.0 == month => {
                out.spend.push(r.1);
                out.revenue.push(Some(r.2));
                out.new_customers.push(r.3);
                next.next();
            }
            _ => {
                out.spend.push(0.0);
                out.revenue.push(None);
                out.new_customers.push(None);
                out.gaps += 1;
            }
        }
        if month >= last {
            break;
        }
        match month.add_months(1) {
            Some(m) => month = m,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::values::entry::CellValue;
    use std::sync::Arc;

    fn row(id: u64, channel: &str, month: &str, spend: i64, revenue: i64) -> Arc<SpendMonth> {
        Arc::new(SpendMonth {
            channel: channel.into(),
            month: Entry::Value(YearMonth::parse(month).unwrap()),
            spend: Entry::Value(Fen(spend)),
            revenue: Entry::Value(Fen(revenue)),
            ..SpendMonth::new(RowId(id))
        })
    }

    #[test]
    fn a_channel_series_is_in_calendar_order_with_gaps_as_no_spend() {
        let mut bad = (*row(9, "直播", "2026-05", 1, 1)).clone();
        bad.spend = Entry::Invalid("很多".into());
        let history = vec![
            row(1, "直播", "2026-03", 300, 900),
            row(2, "社群", "2026-01", 5, 5),
            row(3, "直播", "2026-01", 100, 400),
            Arc::new(bad),
            row(4, " 直播 ", "2026-01", 7, 7),
        ];
        let s = series(&history, "直播");
        assert_eq!(s.first, YearMonth::parse("2026-01").ok());
        assert_eq!(s.spend, vec![100.0, 0.0, 300.0]);
        assert_eq!(s.revenue, vec![Some(400.0), None, Some(900.0)]);
        assert_eq!((s.gaps, s.skipped, s.observed()), (1, 2, 2));
    }
}
