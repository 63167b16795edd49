//! Numbers as a merchant reads them: thousands separators, currency symbols, percentages
//! with at most two decimals, and "—" where there is no value.

use super::{Lang, Msg};
use crate::domain::plan::schema::LoadError;
use crate::domain::values::entry::{CellValue, Entry, InputError};
use crate::domain::values::measure::{Measure, Unit};
use crate::domain::values::money::{Currency, Fen};
use crate::domain::values::ratio::Ratio;
use chrono::{Datelike, NaiveDate};

/// What is shown where a figure cannot be computed (zero denominator, invalid input).
pub const NO_VALUE: &str = "—";

/// 10000 → "10,000". Both locales group by thousands with a comma.
pub fn format_count(n: u64, _lang: Lang) -> String {
    group_thousands(&n.to_string())
}

/// A rate as a percentage with up to two decimals: 3.24%, 30%, 26.67%; `None` → "—".
pub fn format_rate(rate: Option<Ratio>, _lang: Lang) -> String {
    let Some(rate) = rate else {
        return NO_VALUE.into();
    };
    let bp = rate.basis_points();
    let (whole, frac) = (bp / 100, bp % 100);
    let whole = group_thousands(&whole.to_string());
    match frac {
        0 => format!("{whole}%"),
        f if f.is_multiple_of(10) => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

/// A size in binary units as storage settings show them: "512 B", "1.5 KB", "12 MB",
/// "2.3 GB" (one decimal below ten, none above; halves round up). Integers only: the
/// float printer would add about 8 KB gzip to the module that shows a size.
pub fn format_size(bytes: u64, _lang: Lang) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let bytes = bytes as u128;
    let (mut unit, mut div) = (0, 1024u128);
    while bytes >= div * 1024 && unit < UNITS.len() - 1 {
        div *= 1024;
        unit += 1;
    }
    let tenths = (bytes * 10 + div / 2) / div;
    if tenths < 100 {
        format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
    } else {
        format!("{} {}", (bytes + div / 2) / div, UNITS[unit])
    }
}

/// ¥1,234.56 (always two decimals: it is money).
pub fn format_money(amount: Fen, currency: Currency, _lang: Lang) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    let abs = amount.0.unsigned_abs();
    let whole = group_thousands(&(abs / 100).to_string());
    format!("{sign}{}{whole}.{:02}", currency.symbol(), abs % 100)
}

/// 2026年9月1日 / 1 Sep 2026.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!(
                "{} {} {}",
                date.day(),
                MONTHS[date.month0() as usize],
                date.year()
            )
        }
    }
}

/// A metric value with its unit: 25%, ¥80.00, 1,200, 12天 / 12 days.
pub fn format_measure(value: Measure, unit: Unit, currency: Currency, lang: Lang) -> String {
    let sign = if value.0 < 0 { "-" } else { "" };
    let abs = Measure(value.0.abs());
    match unit {
        Unit::Percent => format!("{sign}{}%", group_decimal(&abs.to_text())),
        Unit::Money => format_money(Fen(value.0), currency, lang),
        Unit::Count => format!("{sign}{}", group_decimal(&abs.to_text())),
        Unit::Days => match lang {
            Lang::Zh => format!("{sign}{}天", group_decimal(&abs.to_text())),
            Lang::En => format!("{sign}{} days", group_decimal(&abs.to_text())),
        },
    }
}

/// A typed entry as its computed neighbours read: ¥10,000,000.00, 30%, 12天; bad input
/// verbatim, and a value without a unit as typed. The input shows this while it is not
/// being edited.
pub fn format_entry<T: CellValue>(
    entry: &Entry<T>,
    unit: Option<Unit>,
    currency: Currency,
    lang: Lang,
) -> String {
    match (entry, unit) {
        (Entry::Value(v), Some(unit)) => v.hundredths().map_or_else(
            || entry.text(),
            |h| format_measure(Measure(h), unit, currency, lang),
        ),
        _ => entry.text(),
    }
}

/// A change of a metric, always signed: a percentage changes by points (+10个百分点 /
/// +10pp), an amount by its unit (-¥10.00).
pub fn format_change(delta: Measure, unit: Unit, currency: Currency, lang: Lang) -> String {
    let plus = if delta.0 > 0 { "+" } else { "" };
    match unit {
        Unit::Percent => {
            let sign = if delta.0 < 0 { "-" } else { plus };
            format_points(
                &format!("{sign}{}", group_decimal(&Measure(delta.0.abs()).to_text())),
                lang,
            )
        }
        _ => format!("{plus}{}", format_measure(delta, unit, currency, lang)),
    }
}

/// Percentage points: "+5" → "+5个百分点" / "+5pp".
pub fn format_points(number: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{number}个百分点"),
        Lang::En => format!("{number}pp"),
    }
}

/// "1234.5" → "1,234.5".
fn group_decimal(text: &str) -> String {
    match text.split_once('.') {
        Some((whole, frac)) => format!("{}.{frac}", group_thousands(whole)),
        None => group_thousands(text),
    }
}

/// Why a plan (stored or imported) could not be opened, in words a merchant reads.
pub fn load_error_message(error: &LoadError, lang: Lang) -> String {
    match error {
        LoadError::NewerVersion(v) => lang.t(Msg::LoadNewer).replace("{}", &v.to_string()),
        LoadError::NotJson(_) | LoadError::NotAPlan => lang.t(Msg::LoadNotAPlan).to_string(),
        LoadError::Invalid(_) => lang.t(Msg::LoadDamaged).to_string(),
    }
}

/// The message shown on a cell whose input is rejected.
pub fn input_error_message(error: InputError, lang: Lang) -> &'static str {
    let msg = match error {
        InputError::NotANumber => Msg::ErrNotANumber,
        InputError::Negative => Msg::ErrNegative,
        InputError::NotWhole => Msg::ErrNotWhole,
        InputError::TooLarge => Msg::ErrTooLarge,
        InputError::TooManyDecimals => Msg::ErrTooManyDecimals,
        InputError::NotADate => Msg::ErrNotADate,
        InputError::ConvertedExceedsReached => Msg::ErrConvertedExceedsReached,
        InputError::MonthFromOne => Msg::ErrMonthFromOne,
        InputError::EndBeforeStart => Msg::ErrEndBeforeStart,
        InputError::NotADeadline => Msg::ErrNotADeadline,
        InputError::NotADeadlineRule => Msg::ErrNotADeadlineRule,
        InputError::WeekOutOfRange => Msg::ErrWeekOutOfRange,
        InputError::ScoreOneToFive => Msg::ErrScoreOneToFive,
        InputError::NotAMonth => Msg::ErrNotAMonth,
        InputError::NotAnOption => Msg::ErrNotAnOption,
    };
    msg.text(lang)
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(n: u64, d: u64) -> String {
        format_rate(Ratio::new(n, d), Lang::Zh)
    }

    #[test]
    fn rates_as_in_the_spec() {
        assert_eq!(rate(324, 10_000), "3.24%");
        assert_eq!(rate(3_000, 10_000), "30%");
        assert_eq!(rate(4, 15), "26.67%");
        assert_eq!(rate(1, 8), "12.5%");
        assert_eq!(rate(1, 12), "8.33%");
        assert_eq!(rate(0, 5), "0%");
        assert_eq!(rate(5, 0), "—");
        assert_eq!(rate(200, 1), "20,000%");
    }

    fn size(bytes: u64) -> String {
        format_size(bytes, Lang::Zh)
    }

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(1023), "1023 B");
        assert_eq!(size(1024), "1.0 KB");
        assert_eq!(size(1536), "1.5 KB");
        assert_eq!(size(10 * 1024 - 40), "10 KB");
        assert_eq!(size(5 * 1024 * 1024), "5.0 MB");
        assert_eq!(size(123_456_789), "118 MB");
        assert_eq!(size(3 * 1024 * 1024 * 1024), "3.0 GB");
        assert_eq!(size(1024 * 1024 - 41), "1024 KB");
        assert_eq!(size(u64::MAX), "16777216 TB");
    }

    #[test]
    fn counts_and_money_are_grouped() {
        assert_eq!(format_count(0, Lang::En), "0");
        assert_eq!(format_count(999, Lang::En), "999");
        assert_eq!(format_count(10_000, Lang::Zh), "10,000");
        assert_eq!(format_count(1_234_567, Lang::Zh), "1,234,567");
        assert_eq!(
            format_money(Fen(50_000_000), Currency::CNY, Lang::Zh),
            "¥500,000.00"
        );
        assert_eq!(
            format_money(Fen(-1_005), Currency::USD, Lang::En),
            "-$10.05"
        );
        assert_eq!(
            format_money(Fen(i64::MIN), Currency::CNY, Lang::En),
            "-¥92,233,720,368,547,758.08"
        );
    }

    #[test]
    fn measures_and_changes_follow_the_source_conventions() {
        let cny = Currency::CNY;
        assert_eq!(
            format_measure(Measure(2500), Unit::Percent, cny, Lang::Zh),
            "25%"
        );
        assert_eq!(
            format_measure(Measure(8000), Unit::Money, cny, Lang::Zh),
            "¥80.00"
        );
        assert_eq!(
            format_measure(Measure(120_000), Unit::Count, cny, Lang::Zh),
            "1,200"
        );
        assert_eq!(
            format_measure(Measure(350), Unit::Days, cny, Lang::En),
            "3.5 days"
        );
        assert_eq!(
            format_change(Measure(-500), Unit::Percent, cny, Lang::Zh),
            "-5个百分点"
        );
        assert_eq!(
            format_change(Measure(1000), Unit::Percent, cny, Lang::Zh),
            "+10个百分点"
        );
        assert_eq!(
            format_change(Measure(0), Unit::Percent, cny, Lang::Zh),
            "0个百分点"
        );
        assert_eq!(
            format_change(Measure(-250), Unit::Percent, cny, Lang::En),
            "-2.5pp"
        );
        assert_eq!(
            format_change(Measure(-1000), Unit::Money, cny, Lang::Zh),
            "-¥10.00"
        );
        assert_eq!(
            format_change(Measure(500), Unit::Money, cny, Lang::Zh),
            "+¥5.00"
        );
        assert_eq!(
            format_change(Measure(-300), Unit::Days, cny, Lang::Zh),
            "-3天"
        );
    }

    #[test]
    fn typed_entries_read_like_computed_figures() {
        use crate::domain::values::entry::Entry;
        let cny = Currency::CNY;
        let money: Entry<Fen> = Entry::from_text("10000000");
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(
                format_entry(&money, Some(Unit::Money), cny, lang),
                "¥10,000,000.00"
            );
        }
        let share: Entry<Measure> = Entry::from_text("３０％");
        assert_eq!(
            format_entry(&share, Some(Unit::Percent), cny, Lang::Zh),
            "30%"
        );
        let days: Entry<u64> = Entry::from_text("30");
        assert_eq!(format_entry(&days, Some(Unit::Days), cny, Lang::Zh), "30天");
        assert_eq!(
            format_entry(&days, Some(Unit::Days), cny, Lang::En),
            "30 days"
        );
        // No unit: as typed; bad input: verbatim, never formatted.
        assert_eq!(format_entry(&days, None, cny, Lang::Zh), "30");
        let bad: Entry<Fen> = Entry::from_text("12.345");
        assert_eq!(
            format_entry(&bad, Some(Unit::Money), cny, Lang::Zh),
            "12.345"
        );
        let empty: Entry<Fen> = Entry::Empty;
        assert_eq!(format_entry(&empty, Some(Unit::Money), cny, Lang::Zh), "");
        let date: Entry<NaiveDate> = Entry::from_text("2026-09-01");
        assert_eq!(
            format_entry(&date, Some(Unit::Days), cny, Lang::Zh),
            "2026-09-01"
        );
    }

    #[test]
    fn dates_per_locale() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(format_date(d, Lang::Zh), "2026年9月1日");
        assert_eq!(format_date(d, Lang::En), "1 Sep 2026");
    }
}
