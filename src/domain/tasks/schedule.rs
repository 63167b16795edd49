//! Task deadlines (spec §2): rules such as "第1周末" or "每月底" turned into concrete
//! calendar dates inside a phase, the next due date, status and overdue.
//!
//! Definitions used throughout:
//! - **Week N of a phase** is days `7(N−1)+1 ..= 7N` counted from the phase's first day,
//!   so "end of week N" is `phase start + 7N − 1` days.
//! - **Week N of a month** is days `7(N−1)+1 ..= 7N` of the *calendar* month, due on day
//!   `7N`. Week 5 is the tail of the month (days 29 to the end) and is due on the month's
//!   last day; in a 28-day February it has no days of its own and falls on Feb 28, the
//!   same day as week 4.
//! - Recurring rules (every month) yield only dates inside the phase. Single-date rules
//!   (end of week N, a fixed date) always yield their date, even outside the phase: it is
//!   the deadline the planner wrote, and dropping it would hide it from "next due" and
//!   "overdue". The UI flags such a date with [`within`].

use crate::domain::tasks::PhaseDates;
use crate::domain::values::entry::{
    iso_date, parse_iso_date, parse_small_number, CellValue, InputError,
};
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The highest week of a month: week 5 is days 29 to the month's end.
pub const MAX_WEEK_OF_MONTH: u32 = 5;

/// When a task is due, relative to its phase or on a fixed date. JSON form is tagged and
/// readable: `{"rule":"week_of_every_month","week":1}`, `{"rule":"fixed","date":"2026-10-15"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum DeadlineRule {
    /// End of week `week` (≥ 1) of the phase: 第N周末.
    EndOfWeek { week: u32 },
    /// Week `week` (1..=5) of every calendar month in the phase, due at that week's end: 每月第N周.
    WeekOfEveryMonth { week: u32 },
    /// The last day of every calendar month in the phase: 每月底.
    EndOfEveryMonth,
    /// One calendar date.
    Fixed { date: NaiveDate },
}

/// Why a deadline text is not a rule. The UI turns these into localized messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleError {
    /// Nothing typed.
    Empty,
    /// Not one of the known forms (nor a valid ISO date).
    Unrecognized,
    /// Week 0, or a week of the month above 5.
    WeekOutOfRange,
}

impl DeadlineRule {
    /// Reads a deadline as written in a plan. Chinese: "第1周末", "每月第3周", "每月底",
    /// Chinese numerals allowed ("第二周末"); English (any case): "end of week 1",
    /// "week 1 of every month" / "of each month", "end of every month" / "of each month";
    /// a date "2026-10-15" or "2026/10/15". Full-width digits and spaces are tolerated.
    pub fn parse(text: &str) -> Result<DeadlineRule, RuleError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(RuleError::Empty);
        }
        if let Some(date) = parse_iso_date(text) {
            return Ok(DeadlineRule::Fixed { date });
        }
        // Compact form: no spaces, ASCII digits, lower case.
        let s: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                c => c.to_ascii_lowercase(),
            })
            .collect();
        let rule = if matches!(
            s.as_str(),
            "每月底" | "每月末" | "每月月底" | "每月月末" | "endofeverymonth" | "endofeachmonth"
        ) {
            DeadlineRule::EndOfEveryMonth
        } else if let Some(n) = strip(&s, "每月第", &["周末", "周"]) {
            DeadlineRule::WeekOfEveryMonth { week: n? }
        } else if let Some(n) = strip(&s, "第", &["周末", "周"]) {
            DeadlineRule::EndOfWeek { week: n? }
        } else if let Some(n) = strip(&s, "week", &["ofeverymonth", "ofeachmonth"]) {
            DeadlineRule::WeekOfEveryMonth { week: n? }
        } else if let Some(n) = strip(&s, "endofweek", &[""]) {
            DeadlineRule::EndOfWeek { week: n? }
        } else {
            return Err(RuleError::Unrecognized);
        };
        rule.check()
    }

    /// Week numbers in range; also the check for rules read from JSON.
    pub fn check(self) -> Result<DeadlineRule, RuleError> {
        let ok = match self {
            DeadlineRule::EndOfWeek { week } => week >= 1,
            DeadlineRule::WeekOfEveryMonth { week } => (1..=MAX_WEEK_OF_MONTH).contains(&week),
            DeadlineRule::EndOfEveryMonth | DeadlineRule::Fixed { .. } => true,
        };
        if ok {
            Ok(self)
        } else {
            Err(RuleError::WeekOutOfRange)
        }
    }

    /// Canonical Chinese text; `parse(&r.text_zh()) == Ok(r)`.
    pub fn text_zh(&self) -> String {
        match self {
            DeadlineRule::EndOfWeek { week } => format!("第{week}周末"),
            DeadlineRule::WeekOfEveryMonth { week } => format!("每月第{week}周"),
            DeadlineRule::EndOfEveryMonth => "每月底".to_string(),
            DeadlineRule::Fixed { date } => iso_date(*date),
        }
    }

    /// Canonical English text; `parse(&r.text_en()) == Ok(r)`.
    pub fn text_en(&self) -> String {
        match self {
            DeadlineRule::EndOfWeek { week } => format!("end of week {week}"),
            DeadlineRule::WeekOfEveryMonth { week } => format!("week {week} of every month"),
            DeadlineRule::EndOfEveryMonth => "end of every month".to_string(),
            DeadlineRule::Fixed { date } => iso_date(*date),
        }
    }
}

/// A deadline cell: typed in either language, stored in the canonical Chinese form (the
/// table shows it in the UI language).
impl CellValue for DeadlineRule {
    fn parse(text: &str) -> Result<DeadlineRule, InputError> {
        DeadlineRule::parse(text).map_err(|e| match e {
            RuleError::WeekOutOfRange => InputError::WeekOutOfRange,
            RuleError::Empty | RuleError::Unrecognized => InputError::NotADeadlineRule,
        })
    }

    fn to_text(&self) -> String {
        self.text_zh()
    }
}

/// `prefix` + a week number + one of `suffixes` → the number; `None` when the shape does
/// not match, `Some(Err)` when it matches but the number is unreadable.
fn strip(s: &str, prefix: &str, suffixes: &[&str]) -> Option<Result<u32, RuleError>> {
    let rest = s.strip_prefix(prefix)?;
    suffixes.iter().find_map(|suffix| {
        let n = rest.strip_suffix(suffix)?;
        (!n.is_empty()).then(|| parse_small_number(n).ok_or(RuleError::Unrecognized))
    })
}

/// Whether `date` falls inside the phase (an open-ended phase has no end).
pub fn within(date: NaiveDate, phase: PhaseDates) -> bool {
    date >= phase.from && phase.to.is_none_or(|to| date <= to)
}

/// Every concrete due date of `rule` in `phase`, ascending. Recurring rules run to the
/// phase's end, or to `horizon_end` when the phase is open-ended (稳定期, "month 6 on").
/// Single-date rules give their one date wherever it falls (see the module docs); an
/// out-of-range week gives nothing.
pub fn due_dates(rule: &DeadlineRule, phase: PhaseDates, horizon_end: NaiveDate) -> Vec<NaiveDate> {
    let end = phase.to.unwrap_or(horizon_end);
    let in_range = |d: &NaiveDate| *d >= phase.from && *d <= end;
    match *rule {
        DeadlineRule::Fixed { date } => vec![date],
        DeadlineRule::EndOfWeek { week } if week >= 1 => phase
            .from
            .checked_add_days(Days::new(7 * u64::from(week) - 1))
            .into_iter()
            .collect(),
        DeadlineRule::EndOfWeek { .. } => Vec::new(),
        DeadlineRule::WeekOfEveryMonth { week } if (1..=MAX_WEEK_OF_MONTH).contains(&week) => {
            calendar_months(phase.from, end)
                .filter_map(|first| {
                    // Day 35 does not exist: week 5 is due on the month's last day.
                    first.with_day(7 * week).or_else(|| month_last_day(first))
                })
                .filter(in_range)
                .collect()
        }
        DeadlineRule::WeekOfEveryMonth { .. } => Vec::new(),
        DeadlineRule::EndOfEveryMonth => calendar_months(phase.from, end)
            .filter_map(month_last_day)
            .filter(in_range)
            .collect(),
    }
}

/// The first day of every calendar month overlapping `from..=to`.
fn calendar_months(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    let first = from.with_day(1);
    std::iter::successors(first, |m| m.checked_add_months(Months::new(1)))
        .take_while(move |m| *m <= to)
}

fn month_last_day(first: NaiveDate) -> Option<NaiveDate> {
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// The date to show as "next due": the first due date on or after `today`; when every
/// date has passed, the last one, so a finished schedule still shows its final deadline.
/// `None` only without dates. The dates need not be sorted.
pub fn next_due(dates: &[NaiveDate], today: NaiveDate) -> Option<NaiveDate> {
    dates
        .iter()
        .filter(|d| **d >= today)
        .min()
        .or_else(|| dates.iter().max())
        .copied()
}

/// Overdue (spec: "not done and its due date is before today"), where "its due date" is
/// the one the table shows, [`next_due`]: a one-off task is overdue the day after its
/// date; a recurring task while it runs always has a next date ahead, and is overdue
/// once its last date has passed without it being done. A blocked task can be overdue;
/// a date equal to today is not yet overdue.
pub fn is_overdue(status: TaskStatus, dates: &[NaiveDate], today: NaiveDate) -> bool {
    status != TaskStatus::Done && next_due(dates, today).is_some_and(|d| d < today)
}

/// Where a task stands; set by the planner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Blocked,
}

impl TaskStatus {
    /// Every status, in the order a picker lists them.
    pub const ALL: [TaskStatus; 4] = [
        TaskStatus::NotStarted,
        TaskStatus::InProgress,
        TaskStatus::Done,
        TaskStatus::Blocked,
    ];

    /// Stable key for choice cells and translations (same as the JSON form).
    pub fn key(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
            TaskStatus::Blocked => "blocked",
        }
    }

    /// The status with this key.
    pub fn from_key(key: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tasks::calendar::{month_end, month_start};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn phase(start: NaiveDate, first: u32, last: Option<u32>) -> PhaseDates {
        PhaseDates {
            from: month_start(start, first).unwrap(),
            to: last.map(|l| month_end(start, l).unwrap()),
        }
    }

    fn rule(text: &str) -> DeadlineRule {
        DeadlineRule::parse(text).unwrap()
    }

    fn dates(text: &str, phase: PhaseDates, horizon: NaiveDate) -> Vec<NaiveDate> {
        due_dates(&rule(text), phase, horizon)
    }

    #[test]
    fn spec_rules_parse_in_both_languages() {
        use DeadlineRule::*;
        for (zh, en, r) in [
            ("第1周末", "end of week 1", EndOfWeek { week: 1 }),
            ("第2周末", "end of week 2", EndOfWeek { week: 2 }),
            (
                "每月第1周",
                "week 1 of every month",
                WeekOfEveryMonth { week: 1 },
            ),
            (
                "每月第3周",
                "week 3 of every month",
                WeekOfEveryMonth { week: 3 },
            ),
            ("每月底", "end of every month", EndOfEveryMonth),
            (
                "2026-10-15",
                "2026-10-15",
                Fixed {
                    date: d(2026, 10, 15),
                },
            ),
        ] {
            assert_eq!(DeadlineRule::parse(zh), Ok(r), "{zh}");
            assert_eq!(DeadlineRule::parse(en), Ok(r), "{en}");
            assert_eq!(r.text_zh(), zh);
            assert_eq!(r.text_en(), en);
        }
    }

    #[test]
    fn tolerated_variants() {
        use DeadlineRule::*;
        for (text, r) in [
            (" 第 ２ 周末 ", EndOfWeek { week: 2 }),
            ("第二周末", EndOfWeek { week: 2 }),
            ("第十二周", EndOfWeek { week: 12 }),
            ("第十周末", EndOfWeek { week: 10 }),
            ("第二十周末", EndOfWeek { week: 20 }),
            ("第二十一周末", EndOfWeek { week: 21 }),
            ("每月第三周", WeekOfEveryMonth { week: 3 }),
            ("每月末", EndOfEveryMonth),
            ("End Of Week 3", EndOfWeek { week: 3 }),
            ("week 5 of each month", WeekOfEveryMonth { week: 5 }),
            ("end of each month", EndOfEveryMonth),
            (
                "2026/10/5",
                Fixed {
                    date: d(2026, 10, 5),
                },
            ),
        ] {
            assert_eq!(DeadlineRule::parse(text), Ok(r), "{text}");
        }
    }

    #[test]
    fn bad_rules_are_refused_with_a_reason() {
        for (text, why) in [
            ("", RuleError::Empty),
            ("  ", RuleError::Empty),
            ("第0周末", RuleError::WeekOutOfRange),
            ("每月第6周", RuleError::WeekOutOfRange),
            ("每月第0周", RuleError::WeekOutOfRange),
            ("end of week 0", RuleError::WeekOutOfRange),
            ("第x周末", RuleError::Unrecognized),
            ("第周末", RuleError::Unrecognized),
            ("第一百周", RuleError::Unrecognized),
            ("下周", RuleError::Unrecognized),
            ("2027-02-29", RuleError::Unrecognized),
            ("end of week", RuleError::Unrecognized),
            ("week 1", RuleError::Unrecognized),
        ] {
            assert_eq!(DeadlineRule::parse(text), Err(why), "{text}");
        }
    }

    #[test]
    fn text_round_trips_for_every_shape() {
        let mut rules = vec![
            DeadlineRule::EndOfEveryMonth,
            DeadlineRule::Fixed {
                date: d(2028, 2, 29),
            },
        ];
        for week in 1..=5 {
            rules.push(DeadlineRule::WeekOfEveryMonth { week });
        }
        for week in [1, 9, 10, 11, 52, 100] {
            rules.push(DeadlineRule::EndOfWeek { week });
        }
        for r in rules {
            assert_eq!(DeadlineRule::parse(&r.text_zh()), Ok(r));
            assert_eq!(DeadlineRule::parse(&r.text_en()), Ok(r));
        }
    }

    #[test]
    fn json_form_is_tagged_and_readable() {
        let rules = vec![
            DeadlineRule::EndOfWeek { week: 2 },
            DeadlineRule::WeekOfEveryMonth { week: 1 },
            DeadlineRule::EndOfEveryMonth,
            DeadlineRule::Fixed {
                date: d(2026, 10, 15),
            },
        ];
        let json = serde_json::to_string(&rules).unwrap();
        assert_eq!(
            json,
            r#"[{"rule":"end_of_week","week":2},{"rule":"week_of_every_month","week":1},{"rule":"end_of_every_month"},{"rule":"fixed","date":"2026-10-15"}]"#
        );
        let back: Vec<DeadlineRule> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rules);
        let bad: DeadlineRule =
            serde_json::from_str(r#"{"rule":"week_of_every_month","week":9}"#).unwrap();
        assert_eq!(bad.check(), Err(RuleError::WeekOutOfRange));
    }

    /// Spec §2 from a 2026-09-01 start: 启动期 months 1-2, 增长期 3-5, 稳定期 6 on.
    #[test]
    fn spec_schedule_from_a_september_start() {
        let start = d(2026, 9, 1);
        let horizon = d(2027, 6, 30);
        let launch = phase(start, 1, Some(2));
        let growth = phase(start, 3, Some(5));
        let steady = phase(start, 6, None);
        assert_eq!(dates("第1周末", launch, horizon), [d(2026, 9, 7)]);
        assert_eq!(dates("第2周末", launch, horizon), [d(2026, 9, 14)]);
        assert_eq!(
            dates("每月第1周", growth, horizon),
            [d(2026, 11, 7), d(2026, 12, 7), d(2027, 1, 7)]
        );
        assert_eq!(
            dates("每月第3周", growth, horizon),
            [d(2026, 11, 21), d(2026, 12, 21), d(2027, 1, 21)]
        );
        assert_eq!(
            dates("每月底", steady, horizon),
            [
                d(2027, 2, 28),
                d(2027, 3, 31),
                d(2027, 4, 30),
                d(2027, 5, 31),
                d(2027, 6, 30)
            ]
        );
        // The horizon bounds only an open-ended phase.
        assert_eq!(dates("每月底", growth, d(2026, 11, 15)).len(), 3);
        assert_eq!(dates("每月底", steady, d(2027, 1, 31)), []);
        assert_eq!(dates("每月底", steady, d(2027, 3, 30)), [d(2027, 2, 28)]);
    }

    #[test]
    fn a_start_on_the_31st_follows_chrono_clamping() {
        let start = d(2027, 1, 31);
        assert_eq!(month_start(start, 2), Some(d(2027, 2, 28)));
        let first_two = phase(start, 1, Some(2)); // 2027-01-31 ..= 2027-03-30
        assert_eq!(first_two.to, Some(d(2027, 3, 30)));
        let h = d(2030, 1, 1);
        assert_eq!(
            dates("每月底", first_two, h),
            [d(2027, 1, 31), d(2027, 2, 28)]
        );
        assert_eq!(
            dates("每月第1周", first_two, h),
            [d(2027, 2, 7), d(2027, 3, 7)]
        );
        assert_eq!(dates("第1周末", first_two, h), [d(2027, 2, 6)]);
        let second = phase(start, 2, Some(2)); // 2027-02-28 ..= 2027-03-30
        assert_eq!(second.from, d(2027, 2, 28));
        assert_eq!(dates("第1周末", second, h), [d(2027, 3, 6)]);
        assert_eq!(dates("每月底", second, h), [d(2027, 2, 28)]);
        // Week 4 and week 5 of a 28-day February both fall on its last day.
        assert_eq!(
            dates("每月第4周", second, h),
            [d(2027, 2, 28), d(2027, 3, 28)]
        );
        assert_eq!(dates("每月第5周", second, h), [d(2027, 2, 28)]);
    }

    #[test]
    fn a_start_on_leap_day() {
        let start = d(2028, 2, 29);
        let first_two = phase(start, 1, Some(2)); // 2028-02-29 ..= 2028-04-28
        assert_eq!(first_two.to, Some(d(2028, 4, 28)));
        let h = d(2030, 1, 1);
        assert_eq!(dates("第1周末", first_two, h), [d(2028, 3, 6)]);
        assert_eq!(
            dates("每月底", first_two, h),
            [d(2028, 2, 29), d(2028, 3, 31)]
        );
        assert_eq!(
            dates("每月第1周", first_two, h),
            [d(2028, 3, 7), d(2028, 4, 7)]
        );
        // Week 5 of a leap February is its 29th; of March, the 31st; April's is past the phase.
        assert_eq!(
            dates("每月第5周", first_two, h),
            [d(2028, 2, 29), d(2028, 3, 31)]
        );
    }

    #[test]
    fn month_ends_across_february() {
        let leap = PhaseDates {
            from: d(2028, 1, 1),
            to: Some(d(2028, 4, 30)),
        };
        let h = d(2030, 1, 1);
        assert_eq!(
            dates("每月底", leap, h),
            [
                d(2028, 1, 31),
                d(2028, 2, 29),
                d(2028, 3, 31),
                d(2028, 4, 30)
            ]
        );
        let common = PhaseDates {
            from: d(2027, 1, 1),
            to: Some(d(2027, 3, 31)),
        };
        assert_eq!(
            dates("每月底", common, h),
            [d(2027, 1, 31), d(2027, 2, 28), d(2027, 3, 31)]
        );
        // The end of December rolls into the next year.
        let winter = PhaseDates {
            from: d(2026, 12, 10),
            to: Some(d(2027, 1, 9)),
        };
        assert_eq!(dates("每月底", winter, h), [d(2026, 12, 31)]);
        assert_eq!(dates("每月第1周", winter, h), [d(2027, 1, 7)]);
        assert_eq!(dates("每月第2周", winter, h), [d(2026, 12, 14)]);
    }

    #[test]
    fn open_ended_phase_runs_to_the_horizon() {
        let steady = PhaseDates {
            from: d(2027, 2, 1),
            to: None,
        };
        let got = dates("每月第1周", steady, d(2027, 12, 31));
        assert_eq!(got.len(), 11);
        assert_eq!(got.first(), Some(&d(2027, 2, 7)));
        assert_eq!(got.last(), Some(&d(2027, 12, 7)));
        // A horizon date that is itself a due date counts.
        assert_eq!(dates("每月第1周", steady, d(2027, 3, 7)).len(), 2);
        assert_eq!(dates("每月第1周", steady, d(2027, 3, 6)).len(), 1);
    }

    #[test]
    fn single_dates_outside_the_phase_are_kept_and_flagged() {
        let launch = phase(d(2026, 9, 1), 1, Some(2)); // 09-01 ..= 10-31
        let h = d(2027, 1, 1);
        let late = dates("第10周末", launch, h);
        assert_eq!(late, [d(2026, 11, 9)]);
        assert!(!within(late[0], launch));
        let early = dates("2026-08-20", launch, h);
        assert_eq!(early, [d(2026, 8, 20)]);
        assert!(!within(early[0], launch));
        assert!(within(d(2026, 10, 31), launch));
        assert!(within(
            d(2099, 1, 1),
            PhaseDates {
                from: d(2026, 9, 1),
                to: None
            }
        ));
        // Out-of-range weeks read from a hand-edited file give nothing rather than panic.
        for r in [
            DeadlineRule::EndOfWeek { week: 0 },
            DeadlineRule::EndOfWeek { week: u32::MAX },
            DeadlineRule::WeekOfEveryMonth { week: 0 },
            DeadlineRule::WeekOfEveryMonth { week: 6 },
        ] {
            assert_eq!(due_dates(&r, launch, h), [], "{r:?}");
        }
    }

    #[test]
    fn next_due_and_overdue_with_an_injected_today() {
        let due = [d(2026, 11, 7), d(2026, 12, 7), d(2027, 1, 7)];
        assert_eq!(next_due(&due, d(2026, 10, 1)), Some(d(2026, 11, 7)));
        assert_eq!(next_due(&due, d(2026, 11, 7)), Some(d(2026, 11, 7)));
        assert_eq!(next_due(&due, d(2026, 11, 8)), Some(d(2026, 12, 7)));
        assert_eq!(next_due(&due, d(2027, 2, 1)), Some(d(2027, 1, 7)));
        assert_eq!(
            next_due(&[d(2027, 1, 7), d(2026, 11, 7)], d(2026, 12, 1)),
            Some(d(2027, 1, 7))
        );
        assert_eq!(next_due(&[], d(2026, 12, 1)), None);

        use TaskStatus::*;
        // A one-off date: due today is not overdue; the day after, it is, unless done.
        let once = [d(2026, 11, 7)];
        assert!(!is_overdue(InProgress, &once, d(2026, 11, 7)));
        assert!(is_overdue(InProgress, &once, d(2026, 11, 8)));
        assert!(is_overdue(NotStarted, &once, d(2026, 11, 8)));
        assert!(is_overdue(Blocked, &once, d(2026, 11, 8)));
        assert!(!is_overdue(Done, &once, d(2027, 6, 1)));
        assert!(!is_overdue(InProgress, &due, d(2026, 11, 8)));
        assert!(is_overdue(InProgress, &due, d(2027, 1, 8)));
        assert!(!is_overdue(Done, &due, d(2027, 6, 1)));
        assert!(!is_overdue(NotStarted, &due, d(2026, 10, 1)));
        assert!(!is_overdue(NotStarted, &[], d(2026, 10, 1)));
        // A recurring task with a date still ahead is running, not overdue…
        assert!(!is_overdue(
            InProgress,
            &[d(2026, 12, 7), d(2026, 11, 7)],
            d(2026, 11, 30)
        ));
        // …until its last date has passed.
        assert!(is_overdue(
            InProgress,
            &[d(2026, 12, 7), d(2026, 11, 7)],
            d(2026, 12, 8)
        ));
    }

    #[test]
    fn status_keys() {
        for s in TaskStatus::ALL {
            assert_eq!(TaskStatus::from_key(s.key()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.key())
            );
        }
        assert_eq!(TaskStatus::from_key("finished"), None);
        assert_eq!(TaskStatus::default(), TaskStatus::NotStarted);
    }
}
