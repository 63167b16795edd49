//! Money as integer fen (1/100 of the currency unit). Never binary floating point.

use super::entry::{hundredths_text, normalize_number, parse_hundredths, CellValue, InputError};
use serde::{Deserialize, Serialize};

/// An amount in fen (cents). ¥1.00 = `Fen(100)`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

/// The plan's currency; amounts are shown with its symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Currency {
    #[default]
    CNY,
    HKD,
    USD,
}

impl Currency {
    pub const ALL: [Currency; 3] = [Currency::CNY, Currency::HKD, Currency::USD];

    pub fn code(self) -> &'static str {
        match self {
            Currency::CNY => "CNY",
            Currency::HKD => "HKD",
            Currency::USD => "USD",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::CNY => "¥",
            Currency::HKD => "HK$",
            Currency::USD => "$",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Amounts are typed as "1234.5", "¥1,234.50", "1234元"; at most two decimals.
impl CellValue for Fen {
    fn parse(text: &str) -> Result<Fen, InputError> {
        let s = normalize_number(text);
        let s = s
            .trim_start_matches(['¥', '￥', '$'])
            .trim_start_matches("HK$")
            .trim_end_matches('元');
        parse_hundredths(s).map(Fen)
    }

    /// Plain "1234.50" for editing (no symbol, no separators).
    fn to_text(&self) -> String {
        hundredths_text(self.0, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_amounts_as_merchants_type_them() {
        assert_eq!(Fen::parse("1234.5"), Ok(Fen(123_450)));
        assert_eq!(Fen::parse("¥1,234.56"), Ok(Fen(123_456)));
        assert_eq!(Fen::parse("500000元"), Ok(Fen(50_000_000)));
        assert_eq!(Fen::parse("0.07"), Ok(Fen(7)));
        assert_eq!(Fen::parse("-10"), Ok(Fen(-1_000)));
        assert_eq!(Fen::parse("1.234"), Err(InputError::TooManyDecimals));
        assert_eq!(Fen::parse("abc"), Err(InputError::NotANumber));
        assert_eq!(Fen::parse("999999999999999999"), Err(InputError::TooLarge));
    }

    #[test]
    fn edit_text_round_trips() {
        // i64::MIN and MAX: the ends of the range read back too (regression: MIN was "too large").
        for fen in [0, 7, 100, 123_456, -1_000, i64::MIN, i64::MAX] {
            assert_eq!(Fen::parse(&Fen(fen).to_text()), Ok(Fen(fen)));
        }
    }
}
