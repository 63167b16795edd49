//! Customer journeys from a touchpoint export: one row per touch (journey or customer id,
//! time, channel, online / offline) and conversion rows (type 转化 / conversion, or the
//! channel written as 转化 / conversion) with an optional value.
//!
//! Each journey's rows are put in time order (equal times keep file order); every
//! conversion closes a path of the touches since the previous conversion, and touches
//! left at the end form a path that did not convert. A conversion with no touch before
//! it cannot be attributed and is only counted. Identical paths are merged, so the models
//! run on distinct paths with counts.

use crate::domain::customers::orders::parse_day;
use crate::domain::formats::csv::{restore, Cells, CsvReader};
use crate::domain::formats::stepped_read::{
    csv_progress, keep_bad, open_with_columns, ColumnsError, Progress, SteppedRead,
};
use crate::domain::funnel::event_log::parse_timestamp;
use crate::domain::values::entry::{CellValue, InputError};
use crate::domain::values::money::Fen;
use crate::domain::values::names::Names;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JourneyColumn {
    Journey,
    Time,
    Channel,
    Kind,
    Value,
}

const JOURNEY_COLUMNS: [JourneyColumn; 5] = [
    JourneyColumn::Journey,
    JourneyColumn::Time,
    JourneyColumn::Channel,
    JourneyColumn::Kind,
    JourneyColumn::Value,
];

fn header_names() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "journey",
            "journey id",
            "journey_id",
            "path id",
            "customer",
            "customer id",
            "customer_id",
            "user id",
            "user_id",
            "客户",
            "客户id",
            "用户id",
            "旅程",
            "旅程id",
            "会员id",
        ],
        vec![
            "time",
            "timestamp",
            "date",
            "datetime",
            "时间",
            "时间戳",
            "日期",
            "触点时间",
        ],
        vec!["channel", "source", "touchpoint", "渠道", "触点", "来源"],
        vec![
            "type",
            "kind",
            "online/offline",
            "类型",
            "线上线下",
            "触点类型",
        ],
        vec!["value", "amount", "revenue", "金额", "转化金额", "价值"],
    ]
}

/// Online or offline touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TouchKind {
    Online,
    Offline,
}

/// Called twice a row: compared without allocating (ASCII case-insensitively).
fn is_conversion(text: &str) -> bool {
    const WORDS: [&str; 9] = [
        "conversion",
        "convert",
        "converted",
        "purchase",
        "order",
        "转化",
        "成交",
        "购买",
        "下单",
    ];
    let t = text.trim();
    WORDS.iter().any(|w| t.eq_ignore_ascii_case(w))
}

fn touch_kind(text: &str) -> Option<TouchKind> {
    crate::domain::customers::orders::parse_channel(text).map(|c| match c {
        crate::domain::customers::orders::Channel::Online => TouchKind::Online,
        crate::domain::customers::orders::Channel::Offline => TouchKind::Offline,
    })
}

/// Why a row was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JourneyRowError {
    MissingJourney,
    BadTime(String),
    MissingChannel,
    /// The type cell: neither online, offline nor conversion.
    BadKind(String),
    BadValue(String, InputError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadJourneyRow {
    pub line: usize,
    pub reason: JourneyRowError,
}

/// Why the file cannot be read as journeys at all: empty, or without the required
/// columns (journey, time, channel).
pub type JourneysHeaderError = ColumnsError<JourneyColumn>;

/// A distinct path and how often it ended each way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// Channel ids in order (repeats kept).
    pub touches: Vec<u16>,
    pub conversions: u64,
    /// Conversion value in fen.
    pub value: i64,
    /// Times the path ended without a conversion.
    pub nulls: u64,
}

/// The journeys, ready for the models.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Journeys {
    pub channels: Vec<String>,
    /// Online / offline per channel, as first given in the file.
    pub kinds: Vec<Option<TouchKind>>,
    pub paths: Vec<Path>,
    /// Paths in all (converted or not), before merging.
    pub journeys: u64,
    pub conversions: u64,
    pub value: i64,
    /// Conversions with no touch before them (not attributed).
    pub unattributed: u64,
    pub rows: usize,
    pub bad: Vec<BadJourneyRow>,
    pub bad_total: usize,
}

/// One good row. `channel` is `None` for a conversion.
#[derive(Debug, Clone, Copy)]
struct Row {
    journey: u32,
    time: i64,
    channel: Option<u16>,
    value: i64,
}

/// Reads a journeys file a chunk at a time.
#[derive(Debug)]
pub struct JourneysReader {
    csv: CsvReader<'static>,
    cols: [Option<usize>; 5],
    journey_ids: Names,
    channel_ids: HashMap<String, u16>,
    rows: Vec<Row>,
    out: Journeys,
}

/// Days from 0001-01-01 to 1970-01-01.
const UNIX_EPOCH_DAY: i64 = 719_163;

/// A timestamp (see [`parse_timestamp`]) or a date alone (midnight).
fn parse_time(text: &str) -> Option<i64> {
    parse_timestamp(text)
        .or_else(|| parse_day(text).map(|d| (i64::from(d) - UNIX_EPOCH_DAY) * 86_400))
}

impl JourneysReader {
    /// Reads the header from decoded `text` (the delimiter is guessed from it).
    pub fn new(text: String) -> Result<JourneysReader, JourneysHeaderError> {
        let opened = open_with_columns(text, JOURNEY_COLUMNS, &header_names(), 3)?;
        let mut reader = JourneysReader {
            csv: opened.csv,
            cols: opened.cols,
            journey_ids: Names::default(),
            channel_ids: HashMap::new(),
            rows: Vec::new(),
            out: Journeys::default(),
        };
        if let Some(first) = opened.first_row {
            reader.take(first.line, first.fields.as_slice());
        }
        Ok(reader)
    }

    fn take(&mut self, line: usize, fields: &(impl Cells + ?Sized)) {
        self.out.rows += 1;
        if let Err(reason) = self.read_row(fields) {
            let bad = BadJourneyRow { line, reason };
            keep_bad(&mut self.out.bad, &mut self.out.bad_total, bad);
        }
    }

    fn read_row(&mut self, fields: &(impl Cells + ?Sized)) -> Result<(), JourneyRowError> {
        let cell = |c: usize| {
            self.cols[c]
                .and_then(|i| fields.cell(i))
                .map(|s| restore(s.trim()))
                .unwrap_or("")
        };
        let journey = cell(0);
        if journey.is_empty() {
            return Err(JourneyRowError::MissingJourney);
        }
        let time_text = cell(1);
        let time =
            parse_time(time_text).ok_or_else(|| JourneyRowError::BadTime(time_text.into()))?;
        let (channel, kind_text) = (cell(2), cell(3));
        let conversion = is_conversion(kind_text) || is_conversion(channel);
        let kind = if conversion || kind_text.is_empty() {
            None
        } else {
            Some(touch_kind(kind_text).ok_or_else(|| JourneyRowError::BadKind(kind_text.into()))?)
        };
        if !conversion && channel.is_empty() {
            return Err(JourneyRowError::MissingChannel);
        }
        let value_text = cell(4);
        let value = if conversion && !value_text.is_empty() {
            Fen::parse(value_text)
                .map_err(|e| JourneyRowError::BadValue(value_text.into(), e))?
                .0
        } else {
            0
        };
        let channel = if conversion {
            None
        } else {
            let next = self.out.channels.len();
            let id = match self.channel_ids.get(channel) {
                Some(id) => *id,
                None => {
                    let id = u16::try_from(next).unwrap_or(u16::MAX);
                    self.channel_ids.insert(channel.to_string(), id);
                    id
                }
            };
            if usize::from(id) == next {
                self.out.channels.push(channel.to_string());
                self.out.kinds.push(kind);
            } else if self.out.kinds[usize::from(id)].is_none() {
                self.out.kinds[usize::from(id)] = kind;
            }
            Some(id)
        };
        // Interned without allocating per row (or per journey: one string holds them).
        let journey = self.journey_ids.intern(journey);
        self.rows.push(Row {
            journey,
            time,
            channel,
            value,
        });
        Ok(())
    }

    /// Builds the paths once every row is read (one sort of the rows).
    fn into_journeys(mut self) -> Journeys {
        let mut rows = std::mem::take(&mut self.rows);
        rows.sort_by_key(|r| (r.journey, r.time));
        self.journey_ids = Names::default();
        let mut out = self.out;
        let mut index: HashMap<Vec<u16>, usize> = HashMap::new();
        let mut record = |out: &mut Journeys, touches: &mut Vec<u16>, conv: Option<i64>| {
            let i = *index
                .entry(std::mem::take(touches))
                .or_insert_with_key(|k| {
                    out.paths.push(Path {
                        touches: k.clone(),
                        conversions: 0,
                        value: 0,
                        nulls: 0,
                    });
                    out.paths.len() - 1
                });
            let p = &mut out.paths[i];
            out.journeys += 1;
            match conv {
                Some(v) => {
                    p.conversions += 1;
                    p.value = p.value.saturating_add(v);
                    out.conversions += 1;
                    out.value = out.value.saturating_add(v);
                }
                None => p.nulls += 1,
            }
        };
        let mut touches: Vec<u16> = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            match r.channel {
                Some(c) => touches.push(c),
                None if touches.is_empty() => out.unattributed += 1,
                None => record(&mut out, &mut touches, Some(r.value)),
            }
            let last_of_journey = rows.get(i + 1).is_none_or(|n| n.journey != r.journey);
            if last_of_journey && !touches.is_empty() {
                record(&mut out, &mut touches, None);
            }
        }
        out
    }
}

impl SteppedRead for JourneysReader {
    type Out = Journeys;

    fn step(&mut self, max_rows: usize) -> Progress {
        // The rows are taken as the file is read: the file is lent out meanwhile.
        let mut csv = std::mem::take(&mut self.csv);
        csv.for_each(max_rows, |line, fields| self.take(line, &fields));
        self.csv = csv;
        csv_progress(&self.csv, self.out.rows)
    }

    fn finish(mut self) -> Journeys {
        while !self.step(100_000).finished {}
        self.into_journeys()
    }
}

/// Reads the whole of `text` (tests and the bench; the page reads in steps).
pub fn read_journeys(text: &str) -> Result<Journeys, JourneysHeaderError> {
    Ok(JourneysReader::new(text.to_string())?.finish())
}

/// Fewer journeys or conversions than these and the page warns that the credits are
/// not to be trusted (a removal effect or a Shapley value from a handful of paths moves
/// a lot with one journey more or less).
pub const MIN_JOURNEYS: u64 = 1_000;
pub const MIN_CONVERSIONS: u64 = 100;

impl Journeys {
    /// Whether there is too little data to trust the models (see [`MIN_JOURNEYS`]).
    pub fn too_few(&self) -> bool {
        self.journeys < MIN_JOURNEYS || self.conversions < MIN_CONVERSIONS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journeys_split_at_conversions_and_merge_identical_paths() {
        let text = "journey_id,timestamp,channel,type,value\n\
            j1,2026-03-01 10:00,KOL,online,\n\
            j1,2026-03-01 09:00,搜索广告,online,\n\
            j1,2026-03-02,转化,,¥120\n\
            j1,2026-03-05,门店,offline,\n\
            j2,2026-03-01 08:00,搜索广告,线上,\n\
            j2,2026-03-01 11:00,KOL,,\n\
            j2,2026-03-03,,conversion,80\n\
            j3,2026-03-01,conversion,,\n\
            j4,2026-03-01,KOL,wechat,\n\
            j4,bad,KOL,online,\n\
            ,2026-03-01,KOL,online,\n\
            j4,2026-03-02,,online,\n\
            j5,2026-03-09,转化,,12.345\n";
        let j = read_journeys(text).unwrap();
        assert_eq!(j.channels, ["KOL", "搜索广告", "门店"]);
        assert_eq!(
            j.kinds,
            [
                Some(TouchKind::Online),
                Some(TouchKind::Online),
                Some(TouchKind::Offline)
            ]
        );
        // j1: 搜索广告 → KOL → conversion ¥120, then 门店 without conversion;
        // j2: 搜索广告 → KOL → conversion ¥80 (merged with j1's); j3: unattributed.
        assert_eq!(
            j.paths,
            [
                Path {
                    touches: vec![1, 0],
                    conversions: 2,
                    value: 20_000,
                    nulls: 0
                },
                Path {
                    touches: vec![2],
                    conversions: 0,
                    value: 0,
                    nulls: 1
                },
            ]
        );
        assert_eq!(
            (j.journeys, j.conversions, j.value, j.unattributed),
            (3, 2, 20_000, 1)
        );
        assert_eq!(j.rows, 13);
        let reasons: Vec<(usize, JourneyRowError)> =
            j.bad.iter().map(|b| (b.line, b.reason.clone())).collect();
        assert_eq!(
            reasons,
            [
                (10, JourneyRowError::BadKind("wechat".into())),
                (11, JourneyRowError::BadTime("bad".into())),
                (12, JourneyRowError::MissingJourney),
                (13, JourneyRowError::MissingChannel),
                (
                    14,
                    JourneyRowError::BadValue("12.345".into(), InputError::TooManyDecimals)
                ),
            ]
        );
        assert!(j.too_few());
        assert_eq!(
            read_journeys("channel,value\nA,1\n"),
            Err(JourneysHeaderError::Missing(vec![
                JourneyColumn::Journey,
                JourneyColumn::Time
            ]))
        );
    }
}
