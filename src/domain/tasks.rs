//! The phased task breakdown (spec §2): phases as campaign-month ranges, and tasks.

use super::calendar::{month_end, month_start};
use super::entry::{Entry, InputError};
use super::plan::RowId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A phase spans campaign months `first_month..=last_month`; an empty last month means
/// it runs on (the spec's 稳定期, "month 6 on").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub id: RowId,
    pub name: String,
    pub first_month: Entry<u64>,
    pub last_month: Entry<u64>,
}

/// A phase's calendar dates; `to` is `None` for an open-ended phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseDates {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Phase {
    pub fn new(id: RowId) -> Phase {
        Phase {
            id,
            name: String::new(),
            first_month: Entry::Empty,
            last_month: Entry::Empty,
        }
    }

    fn months(&self) -> Option<(u32, Option<u32>)> {
        let first = u32::try_from(*self.first_month.value()?)
            .ok()
            .filter(|&m| m >= 1)?;
        let last = match &self.last_month {
            Entry::Empty => None,
            Entry::Value(m) => Some(u32::try_from(*m).ok().filter(|&m| m >= first)?),
            Entry::Invalid(_) => return None,
        };
        Some((first, last))
    }

    /// The phase's dates from the campaign start; `None` while its months are not valid.
    pub fn dates(&self, campaign_start: NaiveDate) -> Option<PhaseDates> {
        let (first, last) = self.months()?;
        Some(PhaseDates {
            from: month_start(campaign_start, first)?,
            to: match last {
                Some(last) => Some(month_end(campaign_start, last)?),
                None => None,
            },
        })
    }

    pub fn first_month_error(&self) -> Option<InputError> {
        self.first_month
            .error()
            .or_else(|| (self.first_month.value() == Some(&0)).then_some(InputError::MonthFromOne))
    }

    pub fn last_month_error(&self) -> Option<InputError> {
        self.last_month.error().or_else(|| {
            let (first, last) = (self.first_month.value()?, self.last_month.value()?);
            (last < first).then_some(InputError::EndBeforeStart)
        })
    }
}

/// One line of the breakdown. Deadlines and deliverables are the planner's words for now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: RowId,
    pub phase: String,
    pub monthly_task: String,
    pub weekly_action: String,
    pub owner: String,
    pub deadline: String,
    pub deliverable: String,
}

impl Task {
    pub fn new(id: RowId) -> Task {
        Task {
            id,
            phase: String::new(),
            monthly_task: String::new(),
            weekly_action: String::new(),
            owner: String::new(),
            deadline: String::new(),
            deliverable: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(first: &str, last: &str) -> Phase {
        Phase {
            first_month: Entry::from_text(first),
            last_month: Entry::from_text(last),
            ..Phase::new(RowId(1))
        }
    }

    #[test]
    fn spec_phases_from_a_september_start() {
        let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let launch = phase("1", "2").dates(start).unwrap();
        assert_eq!(
            (launch.from.to_string(), launch.to.unwrap().to_string()),
            ("2026-09-01".into(), "2026-10-31".into())
        );
        let growth = phase("3", "5").dates(start).unwrap();
        assert_eq!(
            (growth.from.to_string(), growth.to.unwrap().to_string()),
            ("2026-11-01".into(), "2027-01-31".into())
        );
        let steady = phase("6", "").dates(start).unwrap();
        assert_eq!(
            (steady.from.to_string(), steady.to),
            ("2027-02-01".into(), None)
        );
    }

    #[test]
    fn bad_month_ranges_are_flagged() {
        assert_eq!(
            phase("0", "2").first_month_error(),
            Some(InputError::MonthFromOne)
        );
        assert_eq!(
            phase("3", "2").last_month_error(),
            Some(InputError::EndBeforeStart)
        );
        let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(phase("3", "2").dates(start), None);
        assert_eq!(phase("x", "2").dates(start), None);
        assert_eq!(phase("1", "2.5").dates(start), None);
    }
}
