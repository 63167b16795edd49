//! What a user typed into a cell, kept faithfully.
//!
//! A cell holds a valid value, nothing, or the exact text that failed to parse. Bad input
//! is never coerced into something else and never dropped: it is stored as typed, shown
//! on the cell with its error, and left out of every calculation.

use serde::{de::DeserializeOwned, Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// Why a cell's text is not a valid value. The UI turns these into localized messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputError {
    /// Not a number at all ("abc", "1,2,3x").
    NotANumber,
    /// A count or amount below zero.
    Negative,
    /// A count with a fractional part ("3.5").
    NotWhole,
    /// Larger than the app can hold exactly.
    TooLarge,
    /// Money with more than two decimals (fen is the smallest unit).
    TooManyDecimals,
    /// Not a calendar date in YYYY-MM-DD form.
    NotADate,
    /// A cross-field rule: converted is larger than reached.
    ConvertedExceedsReached,
    /// Campaign months count from 1.
    MonthFromOne,
    /// A range that ends before it starts.
    EndBeforeStart,
    /// Neither a number of months nor a date.
    NotADeadline,
    /// Not a task deadline rule ("第1周末", "每月第3周", "每月底" or a date).
    NotADeadlineRule,
    /// Week 0, or a week of the month above 5.
    WeekOutOfRange,
    /// A feedback score outside 1-5.
    ScoreOneToFive,
    /// Not a month such as 2026-10.
    NotAMonth,
    /// A choice cell's text that is none of its options (kept as typed).
    NotAnOption,
}

/// A value type a cell can hold: how it reads from and writes to text.
pub trait CellValue: Sized + Clone + PartialEq {
    fn parse(text: &str) -> Result<Self, InputError>;
    /// The plain value, as exported and copied ("1234.50").
    fn to_text(&self) -> String;
    /// What an input holds while it is being edited: plain, no symbol or separators
    /// ("1234.5"). The exported text unless a type has a shorter form.
    fn edit_text(&self) -> String {
        self.to_text()
    }
    /// The value in hundredths of its unit, for showing it with a unit (¥, %, 天);
    /// `None` for values that are not amounts (dates, months, rules).
    fn hundredths(&self) -> Option<i64> {
        None
    }
}

/// A cell's content. See the module docs.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Entry<T> {
    #[default]
    Empty,
    Value(T),
    Invalid(String),
}

impl<T: CellValue> Entry<T> {
    /// Reads typed or pasted text. Surrounding whitespace is not part of a value.
    pub fn from_text(text: &str) -> Entry<T> {
        if text.trim().is_empty() {
            return Entry::Empty;
        }
        match T::parse(text) {
            Ok(v) => Entry::Value(v),
            Err(_) => Entry::Invalid(text.to_string()),
        }
    }

    /// The text to put back in the cell's input: the value, or exactly what was typed.
    pub fn text(&self) -> String {
        match self {
            Entry::Empty => String::new(),
            Entry::Value(v) => v.to_text(),
            Entry::Invalid(raw) => raw.clone(),
        }
    }

    /// The text an input holds while it is edited: the value's edit form, or exactly what
    /// was typed.
    pub fn edit_text(&self) -> String {
        match self {
            Entry::Value(v) => v.edit_text(),
            other => other.text(),
        }
    }

    pub fn value(&self) -> Option<&T> {
        match self {
            Entry::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The parse error of an invalid entry.
    pub fn error(&self) -> Option<InputError> {
        match self {
            Entry::Invalid(raw) => T::parse(raw).err().or(Some(InputError::NotANumber)),
            _ => None,
        }
    }
}

impl<T> From<T> for Entry<T> {
    fn from(v: T) -> Self {
        Entry::Value(v)
    }
}

/// A count of people, orders, visits: a whole number ≥ 0. Thousands separators and
/// full-width digits pasted from Chinese spreadsheets are accepted; "3.0" is whole; a
/// unit word may follow ("30天", "200人"), and "1.2万" is 12000.
impl CellValue for u64 {
    fn parse(text: &str) -> Result<u64, InputError> {
        let s = normalize_number(text);
        let s = strip_suffix_any(&s, COUNT_UNITS);
        if let Some(wan) = s.strip_suffix('万') {
            let v = parse_scaled(wan, 4).map_err(|e| match e {
                InputError::TooManyDecimals => InputError::NotWhole,
                e => e,
            })?;
            return u64::try_from(v).map_err(|_| InputError::Negative);
        }
        let s = s.to_string();
        if s.is_empty() {
            return Err(InputError::NotANumber);
        }
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(&s)),
        };
        let (whole, frac) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        let all_digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !all_digits(whole) || !all_digits(frac) {
            return Err(InputError::NotANumber);
        }
        let is_zero = whole.chars().chain(frac.chars()).all(|c| c == '0');
        if negative && !is_zero {
            return Err(InputError::Negative);
        }
        if frac.chars().any(|c| c != '0') {
            return Err(InputError::NotWhole);
        }
        if whole.is_empty() {
            return Ok(0);
        }
        whole.parse::<u64>().map_err(|_| InputError::TooLarge)
    }

    fn to_text(&self) -> String {
        self.to_string()
    }

    fn hundredths(&self) -> Option<i64> {
        i64::try_from(*self).ok()?.checked_mul(100)
    }
}

/// Unit words that may follow a count or a measure as people type them ("30天", "3 days").
pub(crate) const COUNT_UNITS: &[&str] = &[
    "天", "人", "次", "个", "件", "单", "days", "day", "times", "Days", "Times",
];

/// `s` without one of `suffixes` at its end (the first that matches).
pub(crate) fn strip_suffix_any<'a>(s: &'a str, suffixes: &[&str]) -> &'a str {
    suffixes.iter().find_map(|x| s.strip_suffix(x)).unwrap_or(s)
}

/// `s` without one of `prefixes` at its start, a sign kept in front: "-¥10" → "-10".
/// Borrowed unless a sign had to be moved (every cell of a pasted block goes through it).
pub(crate) fn strip_prefix_any<'s>(s: &'s str, prefixes: &[&str]) -> Cow<'s, str> {
    let (sign, rest) = match s.strip_prefix(['-', '+']) {
        Some(rest) => (&s[..1], rest),
        None => ("", s),
    };
    match prefixes.iter().find_map(|p| rest.strip_prefix(p)) {
        Some(bare) if sign.is_empty() => Cow::Borrowed(bare),
        Some(bare) => Cow::Owned(format!("{sign}{bare}")),
        None => Cow::Borrowed(s),
    }
}

/// Dates as ISO `2026-10-15` (what a date input gives) or `2026/10/15`.
impl CellValue for chrono::NaiveDate {
    fn parse(text: &str) -> Result<chrono::NaiveDate, InputError> {
        parse_iso_date(text).ok_or(InputError::NotADate)
    }

    fn to_text(&self) -> String {
        iso_date(*self)
    }
}

/// `2026-10-15` or `2026/10/15` → a calendar date (None for 2026-02-30). Hand-written
/// rather than chrono's format engine, which would add to every page load.
pub fn parse_iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    let sep = if text.contains('/') { '/' } else { '-' };
    let mut parts = text.split(sep);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(y, 4..=4) || !digits(m, 1..=2) || !digits(d, 1..=2) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A date as `2026-10-15`.
pub fn iso_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// A decimal with at most two places, in hundredths: "-3.5" → -350. Shared by money
/// (fen) and metric values; the caller strips symbols and units first.
pub(crate) fn parse_hundredths(s: &str) -> Result<i64, InputError> {
    parse_scaled(s, 2)
}

/// A decimal with at most `places` places, times 10^`places`: ("1.25", 4) → 12500. "万"
/// amounts read exactly this way (7.5万 yuan in fen is "7.5" at six places).
pub(crate) fn parse_scaled(s: &str, places: usize) -> Result<i64, InputError> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !all_digits(whole) || !all_digits(frac) {
        return Err(InputError::NotANumber);
    }
    if frac.len() > places {
        return Err(InputError::TooManyDecimals);
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| InputError::TooLarge)?
    };
    let scale = 10_i64.pow(u32::try_from(places).unwrap_or(0));
    // At most `places` digits (checked above), read as if padded with zeros to `places`.
    let frac = frac
        .bytes()
        .fold(0_i64, |v, d| v * 10 + i64::from(d - b'0'))
        * 10_i64.pow(u32::try_from(places - frac.len()).unwrap_or(0));
    // A negative amount is built downwards, so i64::MIN (which has no positive twin) reads.
    let v = if negative {
        whole.checked_mul(-scale).and_then(|w| w.checked_sub(frac))
    } else {
        whole.checked_mul(scale).and_then(|w| w.checked_add(frac))
    };
    v.ok_or(InputError::TooLarge)
}

/// Hundredths back to text: "1234.50" with `both_places`, else "1234.5" / "1234".
pub(crate) fn hundredths_text(v: i64, both_places: bool) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let (whole, frac) = (v.unsigned_abs() / 100, v.unsigned_abs() % 100);
    match frac {
        _ if both_places => format!("{sign}{whole}.{frac:02}"),
        0 => format!("{sign}{whole}"),
        f if f.is_multiple_of(10) => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// Trims, folds full-width digits, signs and symbols to ASCII, and drops thousands
/// separators and spaces ("￥ １，２００．５" → "¥1200.5").
pub(crate) fn normalize_number(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    let fold = |c: char| match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '．' | '。' => Some('.'),
        '－' | '−' => Some('-'),
        '＋' => Some('+'),
        '％' => Some('%'),
        '￥' => Some('¥'),
        '＄' => Some('$'),
        ',' | '，' | '_' | ' ' | '\u{a0}' | '\u{3000}' => None,
        c => Some(c),
    };
    // Almost every cell is already plain ("1200.5"): no copy then.
    if text.chars().all(|c| fold(c) == Some(c)) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter_map(fold).collect())
    }
}

// JSON form: a value as itself, an empty cell as null, bad input as {"invalid": "<text>"}.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum EntryRepr<T> {
    Invalid { invalid: String },
    Value(T),
}

impl<T: Serialize + Clone> Serialize for Entry<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Entry::Empty => s.serialize_none(),
            Entry::Value(v) => v.serialize(s),
            Entry::Invalid(raw) => EntryRepr::<T>::Invalid {
                invalid: raw.clone(),
            }
            .serialize(s),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Entry<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<EntryRepr<T>>::deserialize(d)? {
            None => Entry::Empty,
            Some(EntryRepr::Value(v)) => Entry::Value(v),
            Some(EntryRepr::Invalid { invalid }) => Entry::Invalid(invalid),
        })
    }
}

/// A small count as people write it: "12", or a Chinese numeral below 100 ("三", "两",
/// "十", "十二", "二十一"). For week numbers and months in deadlines.
pub fn parse_small_number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or((c == '两').then_some(2))
            .and_then(|v| u32::try_from(v).ok())
    };
    match s.chars().collect::<Vec<char>>().as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> Entry<u64> {
        Entry::from_text(text)
    }

    #[test]
    fn counts_parse_as_typed_in_spreadsheets() {
        assert_eq!(count("10000"), Entry::Value(10_000));
        assert_eq!(count(" 10,000 "), Entry::Value(10_000));
        assert_eq!(count("１０，０００"), Entry::Value(10_000));
        assert_eq!(count("3.00"), Entry::Value(3));
        assert_eq!(count("+7"), Entry::Value(7));
        assert_eq!(count("-0"), Entry::Value(0));
        assert_eq!(count(""), Entry::Empty);
        assert_eq!(count("   "), Entry::Empty);
        assert_eq!(count("３０"), Entry::Value(30));
        assert_eq!(count("30天"), Entry::Value(30));
        assert_eq!(count("30 days"), Entry::Value(30));
        assert_eq!(count("200人"), Entry::Value(200));
        assert_eq!(count("1.2万"), Entry::Value(12_000));
        assert_eq!(count("１．２万"), Entry::Value(12_000));
    }

    #[test]
    fn counts_in_wan_are_whole_and_not_negative() {
        for (text, why) in [
            ("1.23456万", InputError::NotWhole),
            ("-1万", InputError::Negative),
            ("万", InputError::NotANumber),
        ] {
            assert_eq!(count(text).error(), Some(why), "{text}");
            assert_eq!(count(text).text(), text);
        }
    }

    #[test]
    fn scaled_decimals_are_exact() {
        assert_eq!(parse_scaled("1.25", 4), Ok(12_500));
        assert_eq!(parse_scaled("-0.5", 6), Ok(-500_000));
        assert_eq!(parse_scaled("1.2345", 4), Ok(12_345));
        assert_eq!(parse_scaled("1.23456", 4), Err(InputError::TooManyDecimals));
        assert_eq!(parse_hundredths("3.5"), Ok(350));
    }

    #[test]
    fn bad_counts_are_kept_verbatim_with_their_reason() {
        for (text, why) in [
            ("-5", InputError::Negative),
            ("3.5", InputError::NotWhole),
            ("abc", InputError::NotANumber),
            ("1e3", InputError::NotANumber),
            (".", InputError::NotANumber),
            ("-", InputError::NotANumber),
            ("99999999999999999999999", InputError::TooLarge),
        ] {
            let e = count(text);
            assert_eq!(e, Entry::Invalid(text.to_string()), "{text}");
            assert_eq!(e.error(), Some(why), "{text}");
            assert_eq!(e.text(), text);
            assert_eq!(e.value(), None);
        }
    }

    #[test]
    fn dates_parse_strictly() {
        use chrono::NaiveDate;
        let d = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        assert_eq!(parse_iso_date("2028-02-29"), Some(d));
        assert_eq!(parse_iso_date(" 2028/2/29 "), Some(d));
        assert_eq!(iso_date(d), "2028-02-29");
        for bad in [
            "2027-02-29",
            "2028-13-01",
            "28-02-01",
            "2028-02",
            "2028-02-01-01",
            "2028-0a-01",
            "",
            "2028-02/01",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
        assert_eq!(
            Entry::<NaiveDate>::from_text("2027-02-29").error(),
            Some(InputError::NotADate)
        );
    }

    #[test]
    fn json_form_round_trips() {
        let cells = vec![count("12"), count(""), count("-5")];
        let json = serde_json::to_string(&cells).unwrap();
        assert_eq!(json, r#"[12,null,{"invalid":"-5"}]"#);
        let back: Vec<Entry<u64>> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, cells);
    }

    #[test]
    fn json_rejects_a_wrong_type_instead_of_guessing() {
        assert!(serde_json::from_str::<Entry<u64>>("\"12\"").is_err());
        assert!(serde_json::from_str::<Entry<u64>>("-3").is_err());
    }

    #[test]
    fn small_numbers_in_digits_or_chinese() {
        let read: Vec<Option<u32>> = [
            "12",
            "三",
            "两",
            "十",
            "十二",
            "二十",
            "二十一",
            "",
            "百",
            "3a",
        ]
        .iter()
        .map(|s| parse_small_number(s))
        .collect();
        assert_eq!(
            read,
            [
                Some(12),
                Some(3),
                Some(2),
                Some(10),
                Some(12),
                Some(20),
                Some(21),
                None,
                None,
                None
            ]
        );
    }
}
