//! Raw event logs: reading a CSV export of user events and counting a funnel from it.
//!
//! A merchant exports events (user, time, event, optional channel) from a mini-program,
//! POS or CRM and drops the file on the page. Files can hold a million rows, so reading
//! is incremental: [`EventLogReader::step`] reads a bounded number of rows and reports
//! progress, and the UI calls it between animation frames.
//!
//! CSV is read by the product's one reader ([`CsvReader`], on `csv-core`), as bytes with
//! a comma delimiter: quoted fields, `""` escapes, line breaks inside quotes, CRLF / LF /
//! CR line ends and a UTF-8 BOM. A row whose quoting is malformed (a quote never closed,
//! text after a closing quote) is refused with that reason. Leniencies, all deliberate:
//! a quote inside an unquoted field is kept as text; blank lines are skipped; values are
//! trimmed; extra columns are ignored.

use crate::domain::formats::csv::{CsvReader, QuoteProblem, RecordInfo};
use crate::domain::formats::stepped_read::{Progress, SteppedRead};
pub use crate::domain::values::names::Names;

/// A column the reader needs (user, time, event) or uses when present (channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Who did it (user id, member id…).
    User,
    /// When (see [`parse_timestamp`]).
    Time,
    /// What (the event name funnel steps refer to).
    Event,
    /// Where, optional (store, WeChat, Meituan…).
    Channel,
}

/// Header names per column, compared after [`header_key`] (lowercase, without spaces,
/// `_` and `-`), so "User ID", "user_id" and "USERID" are one name.
const HEADER_NAMES: [(Column, &[&str]); 4] = [
    (
        Column::User,
        &[
            "userid",
            "user",
            "uid",
            "distinctid",
            "customerid",
            "memberid",
            "用户id",
            "用户",
            "用户编号",
            "会员id",
            "客户id",
        ],
    ),
    (
        Column::Time,
        &[
            "timestamp",
            "time",
            "eventtime",
            "datetime",
            "时间",
            "时间戳",
            "事件时间",
            "发生时间",
        ],
    ),
    (
        Column::Event,
        &["event", "eventname", "事件", "事件名", "事件名称", "行为"],
    ),
    (
        Column::Channel,
        &["channel", "source", "渠道", "来源", "来源渠道"],
    ),
];

fn header_key(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\u{3000}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why a file cannot be read as an event log at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// The file is empty or holds only blank lines.
    NoHeader,
    /// Required columns not found in the header row, in [`Column`] order.
    MissingColumns(Vec<Column>),
}

/// Why one row was not taken. The UI turns these into localized messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventRowError {
    /// The row has a different number of fields than the header.
    WrongColumnCount {
        /// Fields in the header row.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// A quoted field is never closed: the rest of the file was read into it.
    UnclosedQuote,
    /// Text follows a closing quote inside one field (`"a"b`).
    TextAfterQuote,
    /// A needed field is not valid UTF-8 (e.g. a GBK export).
    NotUtf8,
    /// The user field is empty.
    EmptyUser,
    /// The event field is empty.
    EmptyEvent,
    /// The time field is empty.
    EmptyTime,
    /// The time is in none of the accepted forms (see [`parse_timestamp`]).
    BadTime,
}

/// A row that was not taken, with the 1-based physical line where it starts in the file
/// (a quoted field spanning lines moves later rows' numbers down, as in an editor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowError {
    /// 1-based physical line.
    pub line: usize,
    /// Why the row was not taken.
    pub reason: EventRowError,
}

/// One event. Names are interned: look them up in the [`EventLog`]'s tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    /// Id in [`EventLog::users`].
    pub user: u32,
    /// Id in [`EventLog::event_names`].
    pub name: u32,
    /// Id in [`EventLog::channels`]; `None` when the row has no channel.
    pub channel: Option<u32>,
    /// UTC seconds since 1970-01-01.
    pub time: i64,
}

/// A fully read event log.
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    events: Vec<Event>,
    errors: Vec<RowError>,
    users: Names,
    event_names: Names,
    channels: Names,
}

impl EventLog {
    /// The good rows, sorted by user, then time; equal times keep file order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The rows not taken, in file order.
    pub fn errors(&self) -> &[RowError] {
        &self.errors
    }

    /// The user ids, by interned id.
    pub fn users(&self) -> &Names {
        &self.users
    }

    /// The event names, by interned id.
    pub fn event_names(&self) -> &Names {
        &self.event_names
    }

    /// The distinct non-empty channels (empty when the file has no channel column).
    pub fn channels(&self) -> &Names {
        &self.channels
    }
}

/// Reads an event log a chunk at a time. See the module docs.
#[derive(Debug)]
pub struct EventLogReader {
    csv: CsvReader<'static>,
    columns: usize,
    user_col: usize,
    time_col: usize,
    event_col: usize,
    channel_col: Option<usize>,
    rows_done: usize,
    log: EventLog,
}

impl EventLogReader {
    /// Takes the file's bytes (a `String` or `Vec<u8>` moves in without a copy) and reads
    /// the header row: the first non-blank line. When several columns match one name,
    /// the leftmost is used.
    pub fn new(data: impl Into<Vec<u8>>) -> Result<EventLogReader, HeaderError> {
        let mut csv = CsvReader::from_bytes(data.into(), b',');
        loop {
            match csv.next_record() {
                None => return Err(HeaderError::NoHeader),
                Some(info) if is_blank(&csv, info) => continue,
                Some(_) => break,
            }
        }
        let keys: Vec<String> = (0..csv.len())
            .map(|i| header_key(&String::from_utf8_lossy(csv.field_bytes(i))))
            .collect();
        let find = |col: Column| {
            let names = HEADER_NAMES.iter().find(|(c, _)| *c == col)?.1;
            keys.iter().position(|k| names.contains(&k.as_str()))
        };
        let (user, time, event) = (find(Column::User), find(Column::Time), find(Column::Event));
        let (Some(user_col), Some(time_col), Some(event_col)) = (user, time, event) else {
            let missing = [
                (Column::User, user),
                (Column::Time, time),
                (Column::Event, event),
            ]
            .into_iter()
            .filter_map(|(c, found)| found.is_none().then_some(c))
            .collect();
            return Err(HeaderError::MissingColumns(missing));
        };
        Ok(EventLogReader {
            columns: keys.len(),
            user_col,
            time_col,
            event_col,
            channel_col: find(Column::Channel),
            csv,
            rows_done: 0,
            log: EventLog::default(),
        })
    }

    /// Where the reader is, without reading anything.
    pub fn progress(&self) -> Progress {
        let (bytes_done, total_bytes) = self.csv.progress();
        Progress {
            rows_done: self.rows_done,
            bytes_done,
            total_bytes,
            finished: self.csv.finished(),
        }
    }

    fn take_row(&mut self, problem: Option<QuoteProblem>) -> Result<(), EventRowError> {
        match problem {
            Some(QuoteProblem::Unclosed) => return Err(EventRowError::UnclosedQuote),
            Some(QuoteProblem::TextAfter) => return Err(EventRowError::TextAfterQuote),
            None => {}
        }
        let csv = &self.csv;
        if csv.len() != self.columns {
            return Err(EventRowError::WrongColumnCount {
                expected: self.columns,
                found: csv.len(),
            });
        }
        let text = |i: usize| {
            // Trim ASCII on bytes first (cheap); full Unicode trim only when needed
            // (e.g. a full-width space from a Chinese spreadsheet).
            let bytes = csv.field_bytes(i).trim_ascii();
            let s = std::str::from_utf8(bytes).map_err(|_| EventRowError::NotUtf8)?;
            let plain = |b: Option<&u8>| b.is_none_or(u8::is_ascii);
            Ok(if plain(bytes.first()) && plain(bytes.last()) {
                s
            } else {
                s.trim()
            })
        };
        let user = text(self.user_col)?;
        if user.is_empty() {
            return Err(EventRowError::EmptyUser);
        }
        let name = text(self.event_col)?;
        if name.is_empty() {
            return Err(EventRowError::EmptyEvent);
        }
        let time = text(self.time_col)?;
        if time.is_empty() {
            return Err(EventRowError::EmptyTime);
        }
        let time = parse_timestamp(time).ok_or(EventRowError::BadTime)?;
        let channel = match self.channel_col {
            Some(i) => Some(text(i)?).filter(|c| !c.is_empty()),
            None => None,
        };
        let log = &mut self.log;
        let event = Event {
            user: log.users.intern(user),
            name: log.event_names.intern(name),
            channel: channel.map(|c| log.channels.intern(c)),
            time,
        };
        log.events.push(event);
        Ok(())
    }
}

impl SteppedRead for EventLogReader {
    type Out = EventLog;

    /// Reads up to `max_rows` more rows. Blank lines count toward the budget but not as
    /// rows, so one call's work stays bounded whatever the file holds.
    fn step(&mut self, max_rows: usize) -> Progress {
        for _ in 0..max_rows {
            let Some(record) = self.csv.next_record() else {
                break;
            };
            if is_blank(&self.csv, record) {
                continue;
            }
            self.rows_done += 1;
            if let Err(reason) = self.take_row(record.problem) {
                self.log.errors.push(RowError {
                    line: record.line,
                    reason,
                });
            }
        }
        self.progress()
    }

    /// Reads whatever is left and sorts the events by user, then time (stable), which
    /// [`count_funnel`] relies on. The sort (by user with a counting sort, then each
    /// user's events by time) runs once per file: about 50 ms for a million events natively.
    fn finish(mut self) -> EventLog {
        self.step(usize::MAX);
        let mut log = self.log;
        log.events = sort_by_user_then_time(log.events, log.users.len());
        log
    }
}

/// A counting sort by user (ids are dense), then a stable sort of each user's few events
/// by time: O(n) plus small sorts, several times faster than one sort of a million
/// events, and usually a no-op per user because exports are already in time order.
fn sort_by_user_then_time(events: Vec<Event>, users: usize) -> Vec<Event> {
    let mut next = vec![0usize; users + 1];
    for e in &events {
        next[e.user as usize + 1] += 1;
    }
    for u in 1..next.len() {
        next[u] += next[u - 1];
    }
    let starts = next.clone();
    let mut sorted = events.clone();
    for e in events {
        let slot = &mut next[e.user as usize];
        sorted[*slot] = e;
        *slot += 1;
    }
    for w in starts.windows(2) {
        sorted[w[0]..w[1]].sort_by_key(|e| e.time);
    }
    sorted
}

/// A line with one cell of ASCII white space and no quotes: skipped, not a row.
fn is_blank(csv: &CsvReader, info: RecordInfo) -> bool {
    !info.quoted && csv.len() == 1 && csv.field_bytes(0).iter().all(u8::is_ascii_whitespace)
}

/// Reads a timestamp as UTC seconds since 1970. Accepted forms:
/// - Unix seconds (up to 10 digits, optionally with a fraction) or milliseconds
///   (exactly 13 digits);
/// - ISO 8601 / spreadsheet date-times: `2026-10-15T09:30:00Z`, `2026-10-15 09:30:00`,
///   `2026/10/15 9:30`, with optional fractional seconds and an optional offset
///   (`Z`, `+08:00`, `+0800`, `+08`).
///
/// A date-time without an offset is read as UTC. Only differences between events
/// matter to a funnel, so a file written in one local zone is counted correctly.
/// Fractions of a second are dropped, so events within one second are ties.
/// A date alone is rejected: it cannot order a customer's steps within the day.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    if let Some(time) = iso_utc(b) {
        return time;
    }
    let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int_len == b.len() || b.get(int_len) == Some(&b'.') {
        return unix_time(b, int_len);
    }
    date_time(b)
}

/// `YYYY-MM-DDTHH:MM:SSZ` (or with a space, or without the Z), the shape most exports
/// write, read at fixed places: `Some(time)` for that shape (the time `None` if it is no
/// real date or time), `None` to leave the text to the general path.
fn iso_utc(b: &[u8]) -> Option<Option<i64>> {
    let shape = match b.len() {
        19 => true,
        20 => b[19] == b'Z',
        _ => false,
    };
    if !shape
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let mut n = [0i64; 6];
    for (v, at) in n
        .iter_mut()
        .zip([0..4, 5..7, 8..10, 11..13, 14..16, 17..19])
    {
        for &c in &b[at] {
            if !c.is_ascii_digit() {
                return None;
            }
            *v = *v * 10 + i64::from(c - b'0');
        }
    }
    let [year, month, day, hour, minute, second] = n;
    let valid = (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour <= 23
        && minute <= 59
        && second <= 59;
    Some(
        valid.then(|| {
            days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        }),
    )
}

fn unix_time(b: &[u8], int_len: usize) -> Option<i64> {
    let int: i64 = std::str::from_utf8(&b[..int_len]).ok()?.parse().ok()?;
    let frac = &b[(int_len + 1).min(b.len())..];
    let fraction_ok =
        int_len == b.len() || (!frac.is_empty() && frac.iter().all(u8::is_ascii_digit));
    match int_len {
        1..=10 if fraction_ok => Some(int),
        13 if int_len == b.len() => Some(int / 1000),
        _ => None,
    }
}

/// Reads `min..=max` ASCII digits at `*i`.
fn digits(b: &[u8], i: &mut usize, min: usize, max: usize) -> Option<i64> {
    let n = b[*i..]
        .iter()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n < min {
        return None;
    }
    let v = b[*i..*i + n].iter().fold(0i64, |v, c| {
        v.wrapping_mul(10).wrapping_add(i64::from(c - b'0'))
    });
    *i += n;
    Some(v)
}

fn expect(b: &[u8], i: &mut usize, c: u8) -> Option<()> {
    (b.get(*i) == Some(&c)).then(|| *i += 1)
}

fn date_time(b: &[u8]) -> Option<i64> {
    let mut i = 0;
    let year = digits(b, &mut i, 4, 4)?;
    let sep = *b.get(i).filter(|c| matches!(c, b'-' | b'/'))?;
    i += 1;
    let month = digits(b, &mut i, 1, 2)?;
    expect(b, &mut i, sep)?;
    let day = digits(b, &mut i, 1, 2)?;
    if !matches!(b.get(i), Some(b'T' | b't' | b' ')) {
        return None;
    }
    i += 1;
    let hour = digits(b, &mut i, 1, 2)?;
    expect(b, &mut i, b':')?;
    let minute = digits(b, &mut i, 2, 2)?;
    let second = if expect(b, &mut i, b':').is_some() {
        digits(b, &mut i, 2, 2)?
    } else {
        0
    };
    if matches!(b.get(i), Some(b'.' | b',')) {
        i += 1;
        digits(b, &mut i, 1, usize::MAX)?;
    }
    if b.get(i) == Some(&b' ') {
        i += 1;
    }
    let offset = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') => {
            i += 1;
            0
        }
        Some(&sign @ (b'+' | b'-')) => {
            i += 1;
            let h = digits(b, &mut i, 2, 2)?;
            let colon = expect(b, &mut i, b':').is_some();
            let m = if colon || i < b.len() {
                digits(b, &mut i, 2, 2)?
            } else {
                0
            };
            if h > 23 || m > 59 {
                return None;
            }
            let secs = h * 3600 + m * 60;
            if sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        Some(_) => return None,
    };
    if i != b.len()
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Counts how many users reached each step of a funnel, like the funnel reports of
/// Mixpanel or Amplitude.
///
/// `steps` are event names (exact match after trimming). A user reaches step k when they
/// did step 1, then step 2, …, then step k, each at a time ≥ the previous step's time,
/// with step k at most `window_secs` after that step 1 (inclusive; a negative window
/// allows step 1 only). Every occurrence of step 1 is tried as a start and the user
/// counts at the deepest step any start reaches, so a user who starts over later and
/// completes is counted as completing. Each user counts at most once per step, however
/// often they repeat an event.
///
/// Equal timestamps count as in order whatever the file order, since exports often
/// have only whole seconds. A step name that appears twice in `steps` needs two
/// separate events.
///
/// `channel` keeps only users whose starting step-1 event carries that channel; later
/// steps may happen in any channel, because an OMO funnel crosses channels (scan in the
/// store, redeem online). An unknown channel or step-1 name gives zeros.
///
/// Runs in O(n) over the sorted log (each user's events are scanned once, keeping for
/// every step the latest start that reached it, which leaves the most window for the
/// next step).
pub fn count_funnel(
    log: &EventLog,
    steps: &[&str],
    window_secs: i64,
    channel: Option<&str>,
) -> Vec<u64> {
    let mut counts = vec![0u64; steps.len()];
    // Which steps each event name stands for, ascending.
    let mut steps_of: Vec<Vec<usize>> = vec![Vec::new(); log.event_names.len()];
    for (k, name) in steps.iter().enumerate() {
        if let Some(id) = log.event_names.id(name.trim()) {
            steps_of[id as usize].push(k);
        }
    }
    let channel = match channel {
        Some(c) => match log.channels.id(c.trim()) {
            Some(id) => Some(id),
            None => return counts,
        },
        None => None,
    };
    // best[k]: the latest step-1 time of any path that has reached step k for this user.
    let mut best: Vec<Option<i64>> = vec![None; steps.len()];
    let mut ties: Vec<(usize, Event)> = Vec::new();
    let visit = |best: &mut [Option<i64>], e: &Event| {
        // Highest step first, so one event never serves two consecutive steps.
        for &k in steps_of[e.name as usize].iter().rev() {
            if k == 0 {
                if channel.is_none_or(|c| e.channel == Some(c)) {
                    best[0] = Some(e.time); // times never decrease within a user
                }
            } else if let Some(start) = best[k - 1] {
                if e.time - start <= window_secs && best[k].is_none_or(|s| s < start) {
                    best[k] = Some(start);
                }
            }
        }
    };
    let events = &log.events;
    let mut i = 0;
    while i < events.len() {
        let user = events[i].user;
        best.fill(None);
        while i < events.len() && events[i].user == user {
            let time = events[i].time;
            let end = i + events[i..]
                .iter()
                .take_while(|e| e.user == user && e.time == time)
                .count();
            if end - i == 1 {
                visit(&mut best, &events[i]);
            } else {
                // Ties: take the events in step order, so any order of the file counts.
                ties.clear();
                ties.extend(events[i..end].iter().filter_map(|e| {
                    let first = *steps_of[e.name as usize].first()?;
                    Some((first, *e))
                }));
                ties.sort_by_key(|(k, _)| *k);
                for (_, e) in &ties {
                    visit(&mut best, e);
                }
            }
            i = end;
        }
        if let Some(deepest) = best.iter().rposition(Option::is_some) {
            for c in &mut counts[..=deepest] {
                *c += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> EventLog {
        EventLogReader::new(text).unwrap().finish()
    }

    const STEPS: [&str; 4] = ["scan", "join", "redeem", "purchase"];

    #[test]
    fn timestamps_in_every_accepted_form() {
        // 2026-10-15 09:30:00 UTC, checked against chrono.
        let want = chrono::NaiveDate::from_ymd_opt(2026, 10, 15)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap()
            .and_utc()
            .timestamp();
        assert_eq!(want, 1_792_056_600);
        for text in [
            "2026-10-15T09:30:00Z",
            "2026-10-15 09:30:00",
            "2026-10-15T17:30:00+08:00",
            "2026-10-15T17:30:00+0800",
            "2026-10-15 17:30:00 +08",
            "2026-10-15T04:00:00-05:30",
            "2026-10-15T09:30:00.999Z",
            "2026/10/15 9:30",
            " 2026-10-15t09:30:00z ",
            "1792056600",
            "1792056600.75",
            "1792056600123",
        ] {
            assert_eq!(parse_timestamp(text), Some(want), "{text}");
        }
        assert_eq!(parse_timestamp("0"), Some(0));
        assert_eq!(parse_timestamp("2028-02-29 00:00:00"), Some(1_835_395_200));
        assert_eq!(parse_timestamp("1969-12-31T23:59:59Z"), Some(-1));
        for bad in [
            "",
            "2026-10-15",
            "2027-02-29 10:00:00",
            "2026-13-01 10:00:00",
            "2026-10-15 24:00:00",
            "2026-10-15 10:60:00",
            "2026-10-15 10:00:00+24:00",
            "2026-10-15 10:00:00 CST",
            "2026-10/15 10:00:00",
            "12345678901",
            "179205660012",
            "17920566001234",
            "1792056600.",
            "1.2.3",
            "yesterday",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_fixed_iso_shape_reads_as_the_general_path() {
        for text in [
            "2026-10-15T09:30:00Z",
            "2026-10-15 09:30:00",
            "2024-02-29T23:59:59Z",
            "1969-12-31T23:59:59Z",
            "2026-02-29T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-10-15T24:00:00Z",
            "2026-10-15T10:60:00Z",
            "2026-10-15T10:00:60Z",
            "2026-10-15t10:00:00Z",
            "2026-10-15T10:00:00z",
            "2026-1a-15T10:00:00Z",
        ] {
            let b = text.as_bytes();
            if let Some(fast) = iso_utc(b) {
                assert_eq!(fast, date_time(b), "{text}");
            }
        }
        assert_eq!(
            iso_utc(b"2026-10-15T09:30:00Z"),
            Some(date_time(b"2026-10-15T09:30:00Z"))
        );
        assert_eq!(parse_timestamp("2026-10-15T09:30:00Z"), Some(1_792_056_600));
    }

    #[test]
    fn headers_in_english_and_chinese() {
        let log = read("\u{feff}用户ID,时间,事件,渠道\nu1,2026-10-15 10:00:00,scan,门店\n");
        assert_eq!(log.events().len(), 1);
        assert_eq!(log.channels().iter().collect::<Vec<_>>(), ["门店"]);
        // Values are trimmed, full-width spaces included.
        let log = read(
            "user,time,event
\u{3000}u1\u{3000}, 0 ,\tscan \n",
        );
        assert_eq!(log.users().id("u1"), Some(0));
        assert_eq!(log.event_names().id("scan"), Some(0));
        let log = read("Event Name,USER_ID,Timestamp,extra\nscan,u1,0,x\n");
        assert_eq!(log.events()[0].time, 0);
        assert_eq!(log.event_names().name(0), Some("scan"));
        assert_eq!(log.users().name(log.events()[0].user), Some("u1"));
        assert!(log.channels().is_empty());
        assert_eq!(
            EventLogReader::new("user,event,channel\nu1,scan,web\n").err(),
            Some(HeaderError::MissingColumns(vec![Column::Time]))
        );
        assert_eq!(
            EventLogReader::new("a,b\n").err(),
            Some(HeaderError::MissingColumns(vec![
                Column::User,
                Column::Time,
                Column::Event
            ]))
        );
        assert_eq!(
            EventLogReader::new("\n\r\n").err(),
            Some(HeaderError::NoHeader)
        );
        assert_eq!(EventLogReader::new("").err(), Some(HeaderError::NoHeader));
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let text = "\u{feff}user_id,timestamp,event,channel\r\n\
            u1,2026-10-15 10:00:00,scan,\"store, Beijing\"\r\n\
            u2,2026-10-15 10:00:00,scan\r\n\
            ,2026-10-15 10:00:00,scan,web\r\n\
            u3,not a time,scan,web\r\n\
            \r\n\
            u4,\"2026-10-15 10:00:00\",\"say \"\"hi\"\"\nthere\",web\r\n\
            u5,,join,web\r\n\
            u6,2026-10-15 10:00:00,,web\r\n\
            u7,\"2026\"x,scan,web\r\n\
            u8,1792056600,purchase,\r\n\
            u9,1792056600,scan,\"never closed\r\nu10,1,scan,web\r\n";
        let mut reader = EventLogReader::new(text).unwrap();
        let log = {
            let p = reader.step(3);
            assert_eq!(p.rows_done, 3);
            assert!(!p.finished && p.bytes_done < p.total_bytes);
            reader.finish()
        };
        use EventRowError::*;
        let errors: Vec<(usize, EventRowError)> =
            log.errors().iter().map(|e| (e.line, e.reason)).collect();
        assert_eq!(
            errors,
            [
                (
                    3,
                    WrongColumnCount {
                        expected: 4,
                        found: 3
                    }
                ),
                (4, EmptyUser),
                (5, BadTime),
                (9, EmptyTime),
                (10, EmptyEvent),
                (11, TextAfterQuote),
                (13, UnclosedQuote),
            ]
        );
        // Good rows keep their fields exactly: the comma inside quotes, the escaped
        // quotes and the line break inside a quoted field.
        let channels: Vec<&str> = log.channels().iter().collect();
        assert_eq!(channels, ["store, Beijing", "web"]);
        assert_eq!(log.event_names().id("say \"hi\"\nthere"), Some(1));
        assert_eq!(log.events().len(), 3);
        // u8's empty channel is "no channel", not an error.
        let u8_id = log.users().id("u8").unwrap();
        let e = log.events().iter().find(|e| e.user == u8_id).unwrap();
        assert_eq!(e.channel, None);
    }

    #[test]
    fn non_utf8_fields_are_reported() {
        let mut bytes = b"user,time,event\nu1,0,".to_vec();
        bytes.extend_from_slice(&[0xc9, 0xa8, 0xc2, 0xeb]); // "扫码" in GBK
        bytes.extend_from_slice(b"\nu2,0,scan");
        let log = EventLogReader::new(bytes).unwrap().finish();
        assert_eq!(
            log.errors(),
            [RowError {
                line: 2,
                reason: EventRowError::NotUtf8
            }]
        );
        assert_eq!(log.events().len(), 1); // the last line needs no line end
    }

    #[test]
    fn names_round_trip_through_growth() {
        let mut names = Names::default();
        assert_eq!(names.id("u1"), None);
        let ids: Vec<u32> = (0..10_000)
            .map(|i| names.intern(&format!("u{i}")))
            .collect();
        assert_eq!(ids, (0..10_000).collect::<Vec<u32>>());
        assert_eq!(names.intern("u42"), 42);
        assert_eq!(names.intern("用户"), 10_000);
        assert_eq!(names.len(), 10_001);
        assert_eq!(names.id("u9999"), Some(9999));
        assert_eq!(names.name(10_000), Some("用户"));
        assert_eq!(names.name(10_001), None);
        assert_eq!(names.id("u10000"), None);
        assert_eq!(names.iter().nth(7), Some("u7"));
    }

    #[test]
    fn reading_in_chunks_gives_the_same_log() {
        let mut text = String::from("user,time,event\n");
        for i in 0..1000 {
            text.push_str(&format!("u{},{},{}\n", i % 37, 1000 - i, STEPS[i % 4]));
        }
        let whole = read(&text);
        let mut reader = EventLogReader::new(text.clone()).unwrap();
        let mut calls = 0;
        while !reader.step(64).finished {
            calls += 1;
        }
        assert_eq!(calls, 15); // 1000 rows / 64 per call
        let p = reader.progress();
        assert_eq!((p.rows_done, p.bytes_done), (1000, text.len()));
        let chunked = reader.finish();
        assert_eq!(chunked.events(), whole.events());
        assert!(whole
            .events()
            .windows(2)
            .all(|w| (w[0].user, w[0].time) <= (w[1].user, w[1].time)));
    }

    /// Minutes after 10:00 as an ISO time, to keep the test log readable.
    fn at(minute: u32) -> String {
        use chrono::{Datelike, Timelike};
        let t = chrono::NaiveDate::from_ymd_opt(2026, 10, 15)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
            + chrono::Duration::minutes(minute.into());
        let (d, h, m) = (t.day(), t.hour(), t.minute());
        format!("2026-10-{d:02}T{h:02}:{m:02}:00Z")
    }

    fn funnel_log() -> EventLog {
        let rows: &[(&str, u32, &str, &str)] = &[
            // a: complete, written out of order, with repeats.
            ("a", 30, "purchase", "store"),
            ("a", 0, "scan", "store"),
            ("a", 10, "join", "online"),
            ("a", 20, "redeem", "online"),
            ("a", 5, "scan", "store"),
            ("a", 12, "join", "online"),
            ("a", 40, "purchase", "store"),
            // b: redeems too late for a 60-minute window (start 0, redeem at 61).
            ("b", 0, "scan", "online"),
            ("b", 30, "join", "online"),
            ("b", 61, "redeem", "online"),
            // c: all four steps in the same second, listed backwards.
            ("c", 7, "purchase", "store"),
            ("c", 7, "redeem", "store"),
            ("c", 7, "join", "store"),
            ("c", 7, "scan", "store"),
            // d: stalls, then scans again a day later and completes in the window.
            ("d", 0, "scan", "store"),
            ("d", 100, "join", "store"),
            ("d", 1440, "scan", "online"),
            ("d", 1450, "redeem", "online"),
            ("d", 1460, "join", "online"),
            ("d", 1470, "redeem", "online"),
            ("d", 1480, "purchase", "store"),
            // e: joins before ever scanning (out of funnel order): step 1 only.
            ("e", 0, "join", "store"),
            ("e", 1, "scan", "store"),
            // f: never starts the funnel.
            ("f", 0, "redeem", "online"),
            ("f", 1, "purchase", "online"),
        ];
        let mut text = String::from("user_id,timestamp,event,channel\n");
        for (user, minute, event, channel) in rows {
            text.push_str(&format!("{user},{},{event},{channel}\n", at(*minute)));
        }
        read(&text)
    }

    #[test]
    fn funnel_counts_each_user_once_at_their_deepest_step() {
        let log = funnel_log();
        assert!(log.errors().is_empty());
        // Reached scan: a b c d e; join: a b c d; redeem: a c d; purchase: a c d.
        assert_eq!(count_funnel(&log, &STEPS, 3600, None), [5, 4, 3, 3]);
        // One more minute and b redeems.
        assert_eq!(count_funnel(&log, &STEPS, 3660, None), [5, 4, 4, 3]);
        // Within 10 minutes: a joins 5 minutes after its second scan, c does it all in
        // one second; nobody else gets past step 1.
        assert_eq!(count_funnel(&log, &STEPS, 600, None), [5, 2, 1, 1]);
        // A zero window still counts same-second steps.
        assert_eq!(count_funnel(&log, &STEPS, 0, None), [5, 1, 1, 1]);
        assert_eq!(count_funnel(&log, &STEPS, -1, None), [5, 0, 0, 0]);
        // With no window b redeems too; d, reaching redeem from both scans, counts once.
        assert_eq!(count_funnel(&log, &STEPS, i64::MAX, None), [5, 4, 4, 3]);
    }

    #[test]
    fn funnel_by_starting_channel() {
        let log = funnel_log();
        // Starting in store: a, c, d (whose store scan never gets a timely join), e.
        assert_eq!(
            count_funnel(&log, &STEPS, 3600, Some("store")),
            [4, 2, 2, 2]
        );
        // Starting online: b, and d's second scan completes across channels.
        assert_eq!(
            count_funnel(&log, &STEPS, 3600, Some("online")),
            [2, 2, 1, 1]
        );
        assert_eq!(count_funnel(&log, &STEPS, 3600, Some("tv")), [0, 0, 0, 0]);
    }

    #[test]
    fn funnel_edge_cases() {
        let log = funnel_log();
        assert!(count_funnel(&log, &[], 3600, None).is_empty());
        assert_eq!(
            count_funnel(&log, &["scan", "nope", "purchase"], 3600, None),
            [5, 0, 0]
        );
        assert_eq!(count_funnel(&log, &["nope", "scan"], 3600, None), [0, 0]);
        assert_eq!(count_funnel(&log, &[" join "], 3600, None), [5]);
        // A repeated step needs a second event: a and d scan twice (d's 24 h apart).
        assert_eq!(count_funnel(&log, &["scan", "scan"], 3600, None), [5, 1]);
        assert_eq!(count_funnel(&log, &["scan", "scan"], 86_400, None), [5, 2]);
        assert_eq!(
            count_funnel(&EventLog::default(), &STEPS, 3600, None),
            [0; 4]
        );
    }
}
