//! Service appointments (spec §6.3): booked, reserved and arrived per slot, and the
//! vacancy and no-show rates the source's figures fix.

use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::Measure;
use crate::domain::values::ratio::Ratio;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppointmentSlot {
    pub id: RowId,
    pub date: Entry<NaiveDate>,
    pub slot: String,
    pub booked: Entry<u64>,
    pub reserved: Entry<u64>,
    pub arrived: Entry<u64>,
    pub action: String,
}

impl AppointmentSlot {
    pub fn new(id: RowId) -> AppointmentSlot {
        AppointmentSlot {
            id,
            date: Entry::Empty,
            slot: String::new(),
            booked: Entry::Empty,
            reserved: Entry::Empty,
            arrived: Entry::Empty,
            action: String::new(),
        }
    }

    /// (reserved − arrived) ÷ reserved; 0 when walk-ins fill more than was reserved.
    pub fn vacancy(&self) -> Option<Ratio> {
        shortfall(self.reserved.value()?, self.arrived.value()?)
    }

    /// (booked − arrived) ÷ booked, floored at 0 when arrivals exceed bookings.
    pub fn no_show(&self) -> Option<Ratio> {
        shortfall(self.booked.value()?, self.arrived.value()?)
    }
}

/// All no-shows ÷ all bookings, over the slots whose counts are valid.
pub fn overall_no_show<S: Borrow<AppointmentSlot>>(slots: &[S]) -> Option<Ratio> {
    let counted = slots
        .iter()
        .map(Borrow::borrow)
        .filter_map(|s: &AppointmentSlot| Some((*s.booked.value()?, *s.arrived.value()?)));
    let (missed, booked) = counted.fold((0u64, 0u64), |(missed, booked), (b, a)| {
        (
            missed.saturating_add(b.saturating_sub(a)),
            booked.saturating_add(b),
        )
    });
    Ratio::new(missed, booked)
}

/// Booked and arrived over all slots whose counts are valid.
pub fn totals<S: Borrow<AppointmentSlot>>(slots: &[S]) -> (u64, u64) {
    slots
        .iter()
        .map(Borrow::borrow)
        .fold((0, 0), |(booked, arrived), s: &AppointmentSlot| {
            (
                booked.saturating_add(s.booked.value().copied().unwrap_or(0)),
                arrived.saturating_add(s.arrived.value().copied().unwrap_or(0)),
            )
        })
}

/// When a slot's rates call for action (editable on the page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppointmentAlerts {
    /// Percent hundredths: 25% = 2500.
    pub vacancy_above: Entry<Measure>,
    pub no_show_above: Entry<Measure>,
}

impl Default for AppointmentAlerts {
    fn default() -> AppointmentAlerts {
        AppointmentAlerts {
            vacancy_above: Entry::Value(Measure(2_500)),
            no_show_above: Entry::Value(Measure(1_000)),
        }
    }
}

/// What a slot's rates suggest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggestion {
    /// A count is missing or a threshold is not set.
    Unknown,
    Normal,
    /// Seats left empty: fill them (wait-list, a push for the slot).
    FillSeats,
    /// Bookings not kept: remind and ask for a deposit.
    CutNoShows,
    Both,
}

impl AppointmentSlot {
    /// Compares the slot's vacancy and no-show with the alert thresholds (strictly above).
    pub fn suggestion(&self, alerts: &AppointmentAlerts) -> Suggestion {
        let above = |rate: Option<Ratio>, limit: &Entry<Measure>| -> Option<bool> {
            let limit = u64::try_from(limit.value()?.0).ok()?;
            Some(rate?.basis_points() > limit)
        };
        match (
            above(self.vacancy(), &alerts.vacancy_above),
            above(self.no_show(), &alerts.no_show_above),
        ) {
            (Some(true), Some(true)) => Suggestion::Both,
            (Some(true), Some(false)) => Suggestion::FillSeats,
            (Some(false), Some(true)) => Suggestion::CutNoShows,
            (Some(false), Some(false)) => Suggestion::Normal,
            _ => Suggestion::Unknown,
        }
    }
}

/// One day's slots added up; rates floor walk-ins per slot, as the slot rates do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayTotal {
    pub date: NaiveDate,
    pub booked: u64,
    pub reserved: u64,
    pub arrived: u64,
    pub vacancy: Option<Ratio>,
    pub no_show: Option<Ratio>,
}

/// Totals per day, in date order; slots without a valid date or counts are left out.
pub fn day_totals<S: Borrow<AppointmentSlot>>(slots: &[S]) -> Vec<DayTotal> {
    // (date, booked, reserved, arrived, empty seats, missed bookings)
    let mut days: Vec<(NaiveDate, [u64; 5])> = Vec::new();
    for s in slots.iter().map(Borrow::borrow) {
        let (Some(&date), Some(&b), Some(&r), Some(&a)) = (
            s.date.value(),
            s.booked.value(),
            s.reserved.value(),
            s.arrived.value(),
        ) else {
            continue;
        };
        let add = [b, r, a, r.saturating_sub(a), b.saturating_sub(a)];
        match days.iter_mut().find(|(d, _)| *d == date) {
            Some((_, sums)) => {
                for (sum, v) in sums.iter_mut().zip(add) {
                    *sum = sum.saturating_add(v);
                }
            }
            None => days.push((date, add)),
        }
    }
    days.sort_by_key(|(d, _)| *d);
    days.into_iter()
        .map(
            |(date, [booked, reserved, arrived, empty, missed])| DayTotal {
                date,
                booked,
                reserved,
                arrived,
                vacancy: Ratio::new(empty, reserved),
                no_show: Ratio::new(missed, booked),
            },
        )
        .collect()
}

fn shortfall(expected: &u64, arrived: &u64) -> Option<Ratio> {
    Ratio::new(expected.saturating_sub(*arrived), *expected)
}

#[cfg(test)]
mod tests {
    use crate::domain::plan::demo::demo_plan;

    #[test]
    fn spec_worked_figures() {
        let plan = demo_plan();
        let bp: Vec<(u64, u64)> = plan
            .appointments
            .iter()
            .map(|a| {
                (
                    a.vacancy().unwrap().basis_points(),
                    a.no_show().unwrap().basis_points(),
                )
            })
            .collect();
        assert_eq!(bp, [(3000, 1250), (2667, 833), (0, 0)]);
    }

    #[test]
    fn overall_no_show_floors_walk_ins_per_slot() {
        // 1 + 1 + 0 missed of 8 + 12 + 5 booked: walk-ins in one slot do not offset another.
        assert_eq!(
            super::overall_no_show(&demo_plan().appointments)
                .unwrap()
                .basis_points(),
            800
        );
        assert_eq!(super::overall_no_show::<super::AppointmentSlot>(&[]), None);
    }

    #[test]
    fn zero_reserved_or_booked_has_no_rate() {
        let mut slot = (*demo_plan().appointments[0]).clone();
        slot.reserved = 0.into();
        slot.booked = 0.into();
        assert_eq!(slot.vacancy(), None);
        assert_eq!(slot.no_show(), None);
    }

    #[test]
    fn suggestions_against_the_default_thresholds() {
        use super::{AppointmentAlerts, Suggestion};
        let plan = demo_plan();
        let alerts = AppointmentAlerts::default();
        let s: Vec<Suggestion> = plan
            .appointments
            .iter()
            .map(|a| a.suggestion(&alerts))
            .collect();
        // 30% / 12.5% → both; 26.7% / 8.3% → fill seats; 0% / 0% → normal.
        assert_eq!(
            s,
            [Suggestion::Both, Suggestion::FillSeats, Suggestion::Normal]
        );
        let mut zero = (*plan.appointments[2]).clone();
        zero.reserved = 0.into();
        assert_eq!(zero.suggestion(&alerts), Suggestion::Unknown);
    }

    #[test]
    fn day_totals_floor_walk_ins_per_slot() {
        let days = super::day_totals(&demo_plan().appointments);
        let figures: Vec<(u64, u64, u64, u64, u64)> = days
            .iter()
            .map(|d| {
                (
                    d.booked,
                    d.reserved,
                    d.arrived,
                    d.vacancy.unwrap().basis_points(),
                    d.no_show.unwrap().basis_points(),
                )
            })
            .collect();
        // Oct 15: 7 of 25 seats empty (28%), 2 of 20 bookings missed (10%).
        assert_eq!(figures, [(20, 25, 18, 2_800, 1_000), (5, 8, 8, 0, 0)]);
    }
}
