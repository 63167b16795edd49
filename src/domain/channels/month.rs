//! A calendar month, the unit of the KPI history ("2026-10").

use crate::domain::values::entry::{CellValue, InputError};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar month. Ordered by time, so a history sorts by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    /// 1-12.
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        ((1..=12).contains(&month) && (1900..=9999).contains(&year))
            .then_some(YearMonth { year, month })
    }

    pub fn of(date: chrono::NaiveDate) -> YearMonth {
        use chrono::Datelike;
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Months since year 0: makes month arithmetic plain integer arithmetic.
    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_index(i: i64) -> Option<YearMonth> {
        YearMonth::new(
            i32::try_from(i.div_euclid(12)).ok()?,
            u32::try_from(i.rem_euclid(12)).ok()? + 1,
        )
    }

    /// `n` months later (earlier when negative); `None` outside the years we accept.
    pub fn add_months(self, n: i64) -> Option<YearMonth> {
        YearMonth::from_index(self.index() + n)
    }

    /// The month before: the "vs last month" comparison.
    pub fn previous(self) -> Option<YearMonth> {
        self.add_months(-1)
    }

    /// The same month a year earlier: the "vs same month last year" comparison.
    pub fn year_before(self) -> Option<YearMonth> {
        self.add_months(-12)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Typed as "2026-10", "2026/10", "2026.10", "2026年10月" (a day, as in "2026-10-01", is
/// accepted and dropped: a month input or a spreadsheet may add it).
impl CellValue for YearMonth {
    fn parse(text: &str) -> Result<YearMonth, InputError> {
        let t = text.trim().trim_end_matches('月');
        let parts: Vec<&str> = t.split(['-', '/', '.', '年']).map(str::trim).collect();
        let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        let ok = match parts.as_slice() {
            [y, m] => digits(y, 4..=4) && digits(m, 1..=2),
            [y, m, d] => digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2),
            _ => false,
        };
        if !ok {
            return Err(InputError::NotAMonth);
        }
        let (y, m) = (parts[0].parse().ok(), parts[1].parse().ok());
        y.zip(m)
            .and_then(|(y, m)| YearMonth::new(y, m))
            .ok_or(InputError::NotAMonth)
    }

    fn to_text(&self) -> String {
        self.to_string()
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        YearMonth::parse(&text).map_err(|_| serde::de::Error::custom("not a month (YYYY-MM)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_in_common_forms() {
        let oct = YearMonth::new(2026, 10).unwrap();
        for text in [
            "2026-10",
            "2026/10",
            "2026.10",
            "2026年10月",
            " 2026-10-01 ",
        ] {
            assert_eq!(YearMonth::parse(text), Ok(oct), "{text}");
        }
        for text in ["2026-13", "2026-0", "26-10", "October", "2026-10-01-02", ""] {
            assert_eq!(YearMonth::parse(text), Err(InputError::NotAMonth), "{text}");
        }
        assert_eq!(oct.to_text(), "2026-10");
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        let jan = YearMonth::new(2026, 1).unwrap();
        assert_eq!(jan.previous(), YearMonth::new(2025, 12));
        assert_eq!(jan.year_before(), YearMonth::new(2025, 1));
        assert_eq!(jan.add_months(13), YearMonth::new(2027, 2));
        assert!(YearMonth::new(1900, 1).unwrap().previous().is_none());
    }

    #[test]
    fn serde_uses_the_text_form() {
        let m = YearMonth::new(2025, 3).unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"2025-03\"");
        assert_eq!(serde_json::from_str::<YearMonth>("\"2025-03\"").unwrap(), m);
        assert!(serde_json::from_str::<YearMonth>("\"2025-3x\"").is_err());
    }
}
