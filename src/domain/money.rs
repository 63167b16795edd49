//! Money as integer fen (1/100 of the currency unit). Never binary floating point.

use super::entry::{normalize_number, CellValue, InputError};
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
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !all_digits(whole) || !all_digits(frac) {
            return Err(InputError::NotANumber);
        }
        if frac.len() > 2 {
            return Err(InputError::TooManyDecimals);
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| InputError::TooLarge)?
        };
        let frac: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        let fen = whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(frac))
            .ok_or(InputError::TooLarge)?;
        Ok(Fen(if negative { -fen } else { fen }))
    }

    /// Plain "1234.50" for editing (no symbol, no separators).
    fn to_text(&self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
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
        for fen in [0, 7, 100, 123_456, -1_000] {
            assert_eq!(Fen::parse(&Fen(fen).to_text()), Ok(Fen(fen)));
        }
    }
}
