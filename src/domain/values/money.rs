//! Money as integer fen (1/100 of the currency unit). Never binary floating point.

use crate::domain::values::entry::{
    hundredths_text, normalize_number, parse_hundredths, parse_scaled, strip_prefix_any, CellValue,
    InputError,
};
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

/// Amounts are typed as "1234.5", "¥1,234.50", "￥75", "1234元", "-¥10", full-width
/// digits, or in 万 ("7.5万" = 75,000); at most two decimals of a yuan.
impl CellValue for Fen {
    fn parse(text: &str) -> Result<Fen, InputError> {
        let plain = normalize_number(text);
        let s = strip_prefix_any(&plain, CURRENCY_SYMBOLS);
        let s = s.strip_suffix('元').unwrap_or(&s);
        match s.strip_suffix('万') {
            // Fen are 10^-6 万: the 万 figure read at six places is the amount in fen.
            Some(wan) => parse_scaled(wan, 6).map(Fen),
            None => parse_hundredths(s).map(Fen),
        }
    }

    /// Plain "1234.50" for exports and copies (no symbol, no separators).
    fn to_text(&self) -> String {
        hundredths_text(self.0, true)
    }

    /// "1234.5", "1234": nothing to delete before editing the yuan.
    fn edit_text(&self) -> String {
        hundredths_text(self.0, false)
    }

    fn hundredths(&self) -> Option<i64> {
        Some(self.0)
    }
}

impl Fen {
    /// [`CellValue::parse`] for a file of a million amounts: the shape exports write,
    /// `-?\d{1,15}(\.\d{1,2})?`, is read without the general path's copies; anything
    /// else goes the general way. (Not in `parse` itself, which every page loads: the
    /// importers that need the speed are lazily loaded.)
    pub fn parse_export(text: &str) -> Result<Fen, InputError> {
        plain_fen(text).map_or_else(|| Fen::parse(text), |fen| Ok(Fen(fen)))
    }
}

/// An amount in the shape exports write it, in fen; `None` for anything else.
fn plain_fen(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let (negative, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let (whole, frac) = match b.iter().position(|&c| c == b'.') {
        Some(dot) if dot + 1 < b.len() => (&b[..dot], &b[dot + 1..]),
        Some(_) => return None,
        None => (b, &b[..0]),
    };
    if whole.is_empty() || whole.len() > 15 || frac.len() > 2 {
        return None;
    }
    let mut v: i64 = 0;
    for &c in whole.iter().chain(frac) {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    if frac.len() < 2 {
        v *= if frac.is_empty() { 100 } else { 10 };
    }
    Some(if negative { -v } else { v })
}

/// Currency symbols an amount may start with (full-width ones are folded first).
pub(crate) const CURRENCY_SYMBOLS: &[&str] = &["HK$", "RMB", "CNY", "¥", "$"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_amounts_read_as_the_general_path_reads_them() {
        for text in [
            "0",
            "-0",
            "5",
            "5.",
            ".5",
            "12.3",
            "12.34",
            "12.345",
            "-7.05",
            "999999999999999",
            "9999999999999999",
            "1e5",
            "--1",
            "-",
            "",
            " 5",
            "1.2.3",
            "０",
        ] {
            let general = {
                let plain = normalize_number(text);
                let s = strip_prefix_any(&plain, CURRENCY_SYMBOLS);
                parse_hundredths(&s).map(Fen)
            };
            if let Some(fen) = plain_fen(text) {
                assert_eq!(Ok(Fen(fen)), general, "{text:?}");
            }
            assert_eq!(Fen::parse_export(text), general, "{text:?}");
        }
    }

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
    fn parses_symbols_units_full_width_and_wan() {
        for (text, fen) in [
            ("75", 7_500),
            ("¥75", 7_500),
            ("￥75", 7_500),
            ("75元", 7_500),
            ("¥ 75 元", 7_500),
            ("７５", 7_500),
            ("￥７５．５", 7_550),
            ("１，２３４．５０", 123_450),
            ("1,234.50", 123_450),
            ("  200000  ", 20_000_000),
            ("¥10,000,000.00", 1_000_000_000),
            ("-¥10", -1_000),
            ("¥-10", -1_000),
            ("HK$12.5", 1_250),
            ("RMB 5", 500),
            ("7.5万", 7_500_000),
            ("7.5万元", 7_500_000),
            ("¥1.23万", 1_230_000),
            ("0.000001万", 1),
        ] {
            assert_eq!(Fen::parse(text), Ok(Fen(fen)), "{text}");
        }
        for (text, why) in [
            ("0.0000001万", InputError::TooManyDecimals),
            ("75%", InputError::NotANumber),
            ("万", InputError::NotANumber),
            ("¥", InputError::NotANumber),
            ("7.5万万", InputError::NotANumber),
            ("--5", InputError::NotANumber),
        ] {
            assert_eq!(Fen::parse(text), Err(why), "{text}");
        }
    }

    #[test]
    fn edit_text_is_plain_and_short() {
        assert_eq!(Fen(1_000_000_000).edit_text(), "10000000");
        assert_eq!(Fen(1_000_000_050).edit_text(), "10000000.5");
        assert_eq!(Fen(7).edit_text(), "0.07");
        assert_eq!(Fen(1_000_000_000).to_text(), "10000000.00");
        for fen in [0, 7, 100, 123_456, -1_000, i64::MIN, i64::MAX] {
            assert_eq!(Fen::parse(&Fen(fen).edit_text()), Ok(Fen(fen)));
        }
    }

    #[test]
    fn edit_text_round_trips() {
        // i64::MIN and MAX: the ends of the range read back too (regression: MIN was "too large").
        for fen in [0, 7, 100, 123_456, -1_000, i64::MIN, i64::MAX] {
            assert_eq!(Fen::parse(&Fen(fen).to_text()), Ok(Fen(fen)));
        }
    }
}
