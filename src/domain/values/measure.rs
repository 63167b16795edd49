//! Measures: a metric value in hundredths of its unit, exact, with the unit, dimension and
//! direction that say how to read it. Shared by the KPI history, the effectiveness table,
//! the alerts and every toolkit figure that is "a metric", so none of them imports another.

use crate::domain::values::entry::{
    hundredths_text, normalize_number, parse_hundredths, parse_scaled, strip_prefix_any,
    strip_suffix_any, CellValue, InputError, COUNT_UNITS,
};
use crate::domain::values::money::CURRENCY_SYMBOLS;
use serde::{Deserialize, Serialize};

/// A metric value in hundredths of its unit, exact: 25% → 2500, ¥80 → 8000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Measure(pub i64);

/// Typed as "25", "25%", "３０％", "80元", "¥80", "-3.5", "12天", "1.2万"; at most two
/// decimals.
impl CellValue for Measure {
    fn parse(text: &str) -> Result<Measure, InputError> {
        let plain = normalize_number(text);
        let s = strip_prefix_any(&plain, CURRENCY_SYMBOLS);
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
