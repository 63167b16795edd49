//! Calendar arithmetic relative to the campaign start ("month 3" of the campaign).

use chrono::{Months, NaiveDate};

/// The first day of campaign month `n` (month 1 starts on the start date itself).
/// A start on the 31st lands on the last day of shorter months, as chrono clamps.
pub fn month_start(campaign_start: NaiveDate, n: u32) -> Option<NaiveDate> {
    campaign_start.checked_add_months(Months::new(n.checked_sub(1)?))
}

/// The last day of campaign month `n`: the day before month `n + 1` starts.
pub fn month_end(campaign_start: NaiveDate, n: u32) -> Option<NaiveDate> {
    campaign_start
        .checked_add_months(Months::new(n))?
        .pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_count_from_the_start_date() {
        let start = d(2026, 9, 1);
        assert_eq!(month_start(start, 1), Some(start));
        assert_eq!(month_end(start, 2), Some(d(2026, 10, 31)));
        assert_eq!(month_start(start, 3), Some(d(2026, 11, 1)));
        assert_eq!(month_end(start, 5), Some(d(2027, 1, 31)));
        assert_eq!(month_start(start, 0), None);
    }

    #[test]
    fn mid_month_starts_and_leap_years() {
        let start = d(2027, 12, 15);
        assert_eq!(month_end(start, 2), Some(d(2028, 2, 14)));
        assert_eq!(month_start(d(2028, 1, 31), 2), Some(d(2028, 2, 29)));
        assert_eq!(month_end(d(2028, 1, 31), 1), Some(d(2028, 2, 28)));
    }
}
