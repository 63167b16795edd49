//! Service appointments (spec §6.3): booked, reserved and arrived per slot, and the
//! vacancy and no-show rates the source's figures fix.

use super::entry::Entry;
use super::plan::RowId;
use super::ratio::Ratio;
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

fn shortfall(expected: &u64, arrived: &u64) -> Option<Ratio> {
    Ratio::new(expected.saturating_sub(*arrived), *expected)
}

#[cfg(test)]
mod tests {
    use crate::domain::demo::demo_plan;

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
}
