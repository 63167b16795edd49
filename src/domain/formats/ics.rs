//! Calendar export (RFC 5545 `.ics`) of task due dates, for Outlook, Google or Apple
//! calendars.
//!
//! Every concrete due date becomes its own all-day VEVENT rather than one event with an
//! RRULE: deadlines are clipped to their phase and "week 5" clamps to the month's last
//! day, which RRULE cannot express exactly (BYMONTHDAY=35 does not exist, and COUNT/UNTIL
//! would have to be recomputed anyway). Expanded events match the app's dates exactly.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// RFC 5545 §3.1: content lines are folded to at most 75 octets, excluding the CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Globally unique and stable across exports, so re-importing updates instead of
    /// duplicating; e.g. `task-7-20261107@omo-planner` (task id and due date).
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    /// Omitted from the file when empty.
    pub description: String,
}

/// A complete VCALENDAR with one all-day VEVENT per event, in the given order. `stamp`
/// is the export time in UTC (DTSTAMP); `product` names the exporting app (PRODID).
/// Lines end in CRLF and are folded at 75 UTF-8 octets without splitting a character.
pub fn ics_calendar(events: &[CalendarEvent], stamp: NaiveDateTime, product: &str) -> String {
    let mut out = String::new();
    let mut line = |text: &str| push_folded(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{}", escape_text(product)));
    line("CALSCALE:GREGORIAN");
    let stamp = format!(
        "{}T{:02}{:02}{:02}Z",
        ics_date(stamp.date()),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape_text(&event.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", ics_date(event.date)));
        // DTEND is exclusive: the next day. Without one (the last representable date)
        // an all-day event still lasts one day (RFC 5545 §3.6.1).
        if let Some(end) = event.date.succ_opt() {
            line(&format!("DTEND;VALUE=DATE:{}", ics_date(end)));
        }
        line(&format!("SUMMARY:{}", escape_text(&event.summary)));
        if !event.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape_text(&event.description)));
        }
        // A deadline does not make the day busy.
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// `20261007`, by hand rather than through chrono's format engine (page weight).
fn ics_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`.
/// Other control characters are not allowed in TEXT and are dropped. Full-width
/// punctuation (，；) is ordinary text and stays as it is.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line with CRLF, folding before any character that would take the
/// physical line past 75 octets; a continuation line starts with one space, which counts.
fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn stamp() -> NaiveDateTime {
        d(2026, 9, 1).and_hms_opt(8, 5, 9).unwrap()
    }

    fn event(summary: &str, description: &str) -> CalendarEvent {
        CalendarEvent {
            uid: "task-1-20261107@omo-planner".into(),
            date: d(2026, 11, 7),
            summary: summary.into(),
            description: description.into(),
        }
    }

    /// RFC 5545 §3.1 unfolding: drop every CRLF followed by a space.
    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    /// The logical lines of a file, without their CRLF.
    fn logical_lines(ics: &str) -> Vec<String> {
        let unfolded = unfold(ics);
        let body = unfolded.strip_suffix("\r\n").expect("ends with CRLF");
        body.split("\r\n").map(str::to_string).collect()
    }

    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') | Some('N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn assert_wire_format(ics: &str) {
        assert!(ics.ends_with("\r\n"));
        for (i, b) in ics.bytes().enumerate() {
            if b == b'\n' {
                assert_eq!(ics.as_bytes()[i - 1], b'\r', "bare LF at byte {i}");
            }
            if b == b'\r' {
                assert_eq!(
                    ics.as_bytes().get(i + 1),
                    Some(&b'\n'),
                    "bare CR at byte {i}"
                );
            }
        }
        for physical in ics.split("\r\n") {
            assert!(
                physical.len() <= MAX_LINE_OCTETS,
                "{} octets: {physical}",
                physical.len()
            );
        }
    }

    #[test]
    fn calendar_structure() {
        let events = [
            event("线上活动策划", "3场直播+2期社群秒杀"),
            CalendarEvent {
                uid: "task-2-20270228@omo-planner".into(),
                date: d(2027, 2, 28),
                summary: "全域ROI优化".into(),
                description: String::new(),
            },
        ];
        let ics = ics_calendar(&events, stamp(), "-//OMO Planner//ZH");
        assert_wire_format(&ics);
        assert_eq!(
            logical_lines(&ics),
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//OMO Planner//ZH",
                "CALSCALE:GREGORIAN",
                "BEGIN:VEVENT",
                "UID:task-1-20261107@omo-planner",
                "DTSTAMP:20260901T080509Z",
                "DTSTART;VALUE=DATE:20261107",
                "DTEND;VALUE=DATE:20261108",
                "SUMMARY:线上活动策划",
                "DESCRIPTION:3场直播+2期社群秒杀",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:task-2-20270228@omo-planner",
                "DTSTAMP:20260901T080509Z",
                "DTSTART;VALUE=DATE:20270228",
                "DTEND;VALUE=DATE:20270301",
                "SUMMARY:全域ROI优化",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
                "END:VCALENDAR",
            ]
        );
        let empty = ics_calendar(&[], stamp(), "-//OMO Planner//ZH");
        assert_eq!(
            empty,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//OMO Planner//ZH\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n"
        );
    }

    #[test]
    fn dtend_crosses_year_and_leap_day() {
        let mut e = event("x", "");
        e.date = d(2026, 12, 31);
        assert!(ics_calendar(&[e.clone()], stamp(), "p").contains("DTEND;VALUE=DATE:20270101\r\n"));
        e.date = d(2028, 2, 28);
        assert!(ics_calendar(&[e], stamp(), "p").contains("DTEND;VALUE=DATE:20280229\r\n"));
    }

    #[test]
    fn long_chinese_lines_fold_on_character_boundaries() {
        let summary: String = "分析各渠道转化率并调整预算".repeat(8); // 104 chars, 312 octets
        let description = format!("{summary}\n第二行 with ASCII, and; more");
        let ics = ics_calendar(&[event(&summary, &description)], stamp(), "p");
        assert_wire_format(&ics);
        // "SUMMARY:" is 8 octets; 22 three-octet characters fit (74), a 23rd would not.
        let first = ics
            .split("\r\n")
            .find(|l| l.starts_with("SUMMARY:"))
            .unwrap();
        assert_eq!(first.len(), 74);
        let continuation: Vec<&str> = ics.split("\r\n").filter(|l| l.starts_with(' ')).collect();
        assert!(continuation.len() >= 8);
        let lines = logical_lines(&ics);
        let get = |name: &str| {
            let prefix = format!("{name}:");
            unescape(lines.iter().find_map(|l| l.strip_prefix(&prefix)).unwrap())
        };
        assert_eq!(get("SUMMARY"), summary);
        assert_eq!(get("DESCRIPTION"), description);
    }

    #[test]
    fn ascii_lines_fold_at_exactly_75_octets() {
        let fits = "x".repeat(75 - "SUMMARY:".len());
        let ics = ics_calendar(&[event(&fits, "")], stamp(), "p");
        assert!(ics.contains(&format!("SUMMARY:{fits}\r\nTRANSP")));
        let over = "x".repeat(76 - "SUMMARY:".len());
        let ics = ics_calendar(&[event(&over, "")], stamp(), "p");
        assert!(ics.contains(&format!("SUMMARY:{}\r\n x\r\n", &over[..67])));
        assert_wire_format(&ics);
    }

    #[test]
    fn text_is_escaped() {
        let summary = "海报，话术；终稿, v2; a\\b";
        let description = "第一行\r\n第二行\n第三行\rend\u{7}";
        let ics = ics_calendar(&[event(summary, description)], stamp(), "OMO, Inc; planner");
        assert_wire_format(&ics);
        let lines = logical_lines(&ics);
        assert!(lines.contains(&"SUMMARY:海报，话术；终稿\\, v2\\; a\\\\b".to_string()));
        assert!(lines.contains(&"DESCRIPTION:第一行\\n第二行\\n第三行\\nend".to_string()));
        assert!(lines.contains(&"PRODID:OMO\\, Inc\\; planner".to_string()));
        let summary_line = lines
            .iter()
            .find_map(|l| l.strip_prefix("SUMMARY:"))
            .unwrap();
        assert_eq!(unescape(summary_line), summary);
    }
}
