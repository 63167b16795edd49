//! Fuzz-style: thousands of malformed files fed to every importer of the core. Each
//! input must be rejected with an error value, or accepted with its bad rows listed:
//! never a panic, never a row dropped without a word (rows in = rows taken + rows
//! reported, wherever the API shows both). Inputs start from real files (the plan
//! fixtures, the demo plan, typical exports) and are corrupted by a seeded generator, so
//! every run tests the same inputs and a failure names the case that broke.
#![cfg(not(target_arch = "wasm32"))]

use omo_planner::domain::attribution::attribute_all;
use omo_planner::domain::attribution::journeys::read_journeys;
use omo_planner::domain::customers::customer_kpis::customer_kpis;
use omo_planner::domain::customers::orders::read_orders;
use omo_planner::domain::customers::rfm::{customer_stats, score};
use omo_planner::domain::formats::csv::{detect_delimiter, detect_encoding, parse, write_csv};
use omo_planner::domain::formats::stepped_read::{SteppedRead, BAD_ROWS_KEPT};
use omo_planner::domain::formats::xlsx::reader::{self as xlsx_reader, ReadError};
use omo_planner::domain::formats::xlsx::writer::{write_workbook, BookInfo, ColumnOut, SheetOut};
use omo_planner::domain::formats::xlsx::CellKind;
use omo_planner::domain::funnel::event_log::{count_funnel, parse_timestamp, EventLogReader};
use omo_planner::domain::plan::demo::demo_plan;
use omo_planner::domain::plan::list::{index_json, parse_index, PlanEntry};
use omo_planner::domain::plan::schema::{load_plan, save_plan, LoadError};
use omo_planner::domain::toolkits::tiers::spend_from_orders;
use omo_planner::domain::values::money::Fen;
use omo_planner::domain::values::random::XorShift64Star;
use omo_planner::sheet::import::map_headers;
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A small deterministic generator (the core's xorshift64*): the same cases on every run.
struct Rng(XorShift64Star);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Runs `f`, turning a panic into a test failure that names the case.
fn no_panic<R>(what: &str, case: usize, input: &[u8], f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => {
            let shown = String::from_utf8_lossy(&input[..input.len().min(300)]).into_owned();
            panic!("{what} panicked on case {case}; input starts {shown:?}");
        }
    }
}

/// Byte strings that break text readers.
const NASTY: &[&[u8]] = &[
    b"\0",
    b"\xEF\xBB\xBF",     // UTF-8 BOM (also mid-file)
    b"\xFF\xFE",         // UTF-16 LE BOM
    b"\xFE\xFF",         // UTF-16 BE BOM
    b"\xC3\xC5\xB5\xEA", // "门店" in GBK
    b"\xBF\xCD\xBB\xA7", // "客户" in GBK
    b"\x81\x30\x81\x30", // a GB18030 four-byte sequence
    b"\xE9\x97",         // a UTF-8 character cut in two
    b"k\x00e\x00y\x00",  // UTF-16 LE text
    b"\"",
    b"\"\"",
    b",",
    b"\r",
    b"\n",
    b"\r\n",
    b"\t",
    b";",
    "\u{ff0c}".as_bytes(), // full-width comma
    b"1e400",
    b"-1",
    b"99999999999999999999999999999999999999999",
    b"NaN",
    b"=cmd|' /C calc'!A0",
    "\u{202e}".as_bytes(),
];

/// A corrupted copy of `base`: truncated, bytes flipped, nasty bytes inserted, a slice
/// duplicated or cut, a very long line added. One to three corruptions.
fn corrupt(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut out = base.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(8) {
            0 => out.truncate(at),
            1 => {
                if !out.is_empty() {
                    let i = rng.below(out.len());
                    out[i] ^= 1 << rng.below(8);
                }
            }
            2 | 3 => {
                let nasty = rng.pick(NASTY);
                out.splice(at..at, nasty.iter().copied());
            }
            4 => {
                let end = (at + rng.below(200)).min(out.len());
                let slice = out[at..end].to_vec();
                out.splice(at..at, slice);
            }
            5 => {
                let end = (at + rng.below(200)).min(out.len());
                out.drain(at..end);
            }
            // A very long line (≥ 100 KB) in the middle; rare, since it is slow in debug.
            6 if rng.chance(6) => {
                let c = *rng.pick(b"x,\"9 ");
                out.splice(at..at, std::iter::repeat_n(c, 100_000 + rng.below(1000)));
            }
            _ => {
                let c = *rng.pick(b"a0.-{[}]:");
                out.insert(at, c);
            }
        }
    }
    out
}

// ---------- plan JSON ----------

fn fixtures() -> Vec<(&'static str, String)> {
    vec![
        ("v1", include_str!("fixtures/plans/v1.json").to_string()),
        ("v2", include_str!("fixtures/plans/v2.json").to_string()),
        ("v3", include_str!("fixtures/plans/v3.json").to_string()),
        ("v4", include_str!("fixtures/plans/v4.json").to_string()),
        ("v5", include_str!("fixtures/plans/v5.json").to_string()),
        ("v6", include_str!("fixtures/plans/v6.json").to_string()),
        ("demo", save_plan(&demo_plan())),
    ]
}

/// How many nodes `v` has, and a mutable reference to node `n` in pre-order.
fn node_count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(node_count).sum(),
        Value::Object(o) => o.values().map(node_count).sum(),
        _ => 0,
    }
}

fn node_mut(v: &mut Value, mut n: usize) -> Option<(&mut Value, usize)> {
    if n == 0 {
        return Some((v, 0));
    }
    n -= 1;
    let children: Vec<&mut Value> = match v {
        Value::Array(a) => a.iter_mut().collect(),
        Value::Object(o) => o.values_mut().collect(),
        _ => return None,
    };
    for child in children {
        let size = node_count(child);
        if n < size {
            return node_mut(child, n);
        }
        n -= size;
    }
    None
}

/// Placeholders replaced in the text after serialising (serde_json cannot hold them).
const HUGE_FLOAT: &str = "\"@@HUGE_FLOAT@@\"";
const HUGE_INT: &str = "\"@@HUGE_INT@@\"";

/// The demo plan or a fixture with one field given the wrong type, removed, or replaced
/// by a huge value; sometimes a newer or nonsense schema version.
fn mutate_value(rng: &mut Rng, doc: &mut Value) {
    for _ in 0..=rng.below(3) {
        let n = rng.below(node_count(doc));
        let Some((node, _)) = node_mut(doc, n) else {
            continue;
        };
        let replacement = match rng.below(12) {
            0 => Value::Null,
            1 => Value::Bool(rng.chance(2)),
            2 => Value::from(-1),
            3 => Value::from(u64::MAX),
            4 => Value::from(1.5),
            5 if rng.chance(3) => Value::String("x".repeat(100_000 + rng.below(100))),
            6 => Value::String(String::new()),
            7 => Value::Array(vec![node.clone(), Value::Null]),
            8 => serde_json::json!({ "invalid": node.to_string() }),
            9 => Value::String(HUGE_FLOAT.trim_matches('"').into()),
            10 => Value::String(HUGE_INT.trim_matches('"').into()),
            _ => match &mut *node {
                // Remove a field, or swap an object for an array and back.
                Value::Object(o) if !o.is_empty() => {
                    let key = o
                        .keys()
                        .nth(rng.below(o.len()))
                        .cloned()
                        .unwrap_or_default();
                    o.remove(&key);
                    continue;
                }
                Value::Array(a) if !a.is_empty() => {
                    let i = rng.below(a.len());
                    let row = a[i].clone();
                    if rng.chance(2) {
                        a.remove(i);
                    } else {
                        a.push(row);
                    }
                    continue;
                }
                Value::String(s) => Value::from(s.len()),
                Value::Number(_) => Value::String("12".into()),
                other => Value::Array(vec![other.clone()]),
            },
        };
        *node = replacement;
    }
    if rng.chance(6) {
        if let Value::Object(o) = doc {
            let versions = [
                Value::from(7),
                Value::from(0),
                Value::from(-3),
                Value::from(u64::MAX),
                Value::from(u64::from(u32::MAX) + 1),
                Value::from("6"),
                Value::from(6.0),
                Value::Null,
            ];
            let v = rng.pick(&versions).clone();
            o.insert("schema_version".into(), v);
        }
    }
}

/// Loads `json`: an error value, or a plan that saves and loads back unchanged.
fn check_plan(case: usize, json: &str, stats: &mut [usize; 2]) {
    let loaded = no_panic("load_plan", case, json.as_bytes(), || load_plan(json));
    match loaded {
        Ok(plan) => {
            stats[0] += 1;
            let again = no_panic("save_plan", case, json.as_bytes(), || {
                load_plan(&save_plan(&plan))
            });
            assert_eq!(
                again,
                Ok(plan),
                "case {case}: an accepted plan must round-trip"
            );
        }
        Err(e) => {
            stats[1] += 1;
            // A message for the user, whatever went wrong.
            assert!(!e.to_string().is_empty());
        }
    }
}

#[test]
fn plan_json_never_panics() {
    let mut rng = Rng(XorShift64Star(0x5eed_0001));
    let bases = fixtures();
    let mut stats = [0usize; 2];
    let mut case = 0;
    // Text-level corruption of every fixture and the demo plan.
    for _ in 0..1_200 {
        let base = rng.pick(&bases).1.clone();
        let bytes = corrupt(&mut rng, base.as_bytes());
        check_plan(case, &String::from_utf8_lossy(&bytes), &mut stats);
        case += 1;
    }
    // Structure-level: wrong types, missing fields, huge values, other versions.
    let parsed: Vec<Value> = bases
        .iter()
        .map(|(_, s)| serde_json::from_str(s).unwrap())
        .collect();
    for _ in 0..500 {
        let mut doc = rng.pick(&parsed).clone();
        mutate_value(&mut rng, &mut doc);
        let json = doc
            .to_string()
            .replace(
                HUGE_FLOAT,
                rng.pick::<&str>(&["1e400", "-1e400", "1e308", "4.9e-324"]),
            )
            .replace(
                HUGE_INT,
                rng.pick::<&str>(&[
                    "1234567890123456789012345678901234567890",
                    "-1234567890123456789012345678901234567890",
                    "18446744073709551616",
                    "-9223372036854775809",
                ]),
            );
        check_plan(case, &json, &mut stats);
        case += 1;
    }
    // Whole-document oddities.
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    for json in [
        "",
        " ",
        "null",
        "[]",
        "{}",
        "\"plan\"",
        "{\"schema_version\":1e400}",
        "{\"schema_version\":8}",
        "{\"schema_version\":7}",
        "{\"schema_version\":1}",
        "{\"schema_version\":6}",
        "\u{feff}{}",
        &deep,
    ] {
        check_plan(case, json, &mut stats);
        case += 1;
    }
    assert_eq!(
        load_plan("{\"schema_version\":8}"),
        Err(LoadError::NewerVersion(8))
    );
    // Both outcomes were exercised, so the generator is not trivially all-bad.
    assert!(stats[0] > 0 && stats[1] > 0, "{stats:?}");
    eprintln!(
        "plan JSON: {case} inputs, {} accepted, {} rejected",
        stats[0], stats[1]
    );
}

// ---------- CSV, headers ----------

fn demo_csv() -> String {
    let plan = demo_plan();
    let mut rows = vec![vec![
        "阶段".to_string(),
        "触达人数".to_string(),
        "转化人数".to_string(),
        "流失原因".to_string(),
    ]];
    for s in &plan.funnel.stages {
        rows.push(vec![
            s.name.clone(),
            s.reached.text(),
            s.converted.text(),
            s.loss_reason.clone(),
        ]);
    }
    write_csv(&rows)
}

const ORDERS_CSV: &str = "订单号,客户手机,实付金额,下单时间\r\n\
A1,13800000001,¥1,280.50,2026-01-03\r\n\
A2,13800000002,\"¥2,000\",2026-01-04\r\n\
A3,13800000001,-80,2026-02-01\r\n\
A4,,99,2026-02-02\r\n\
A5,13800000003,abc,2026-02-03\r\n";

const EVENTS_CSV: &str = "user_id,event_time,event_name,channel\n\
u1,2026-10-01 09:00:00,visit,小程序\n\
u1,2026-10-01 09:05:00,add_to_cart,小程序\n\
u2,1759300000,visit,\n\
\"u3\",\"2026-10-01T10:00:00+08:00\",purchase,门店\n\
u4,not a time,visit,门店\n\
u5,2026-10-01 10:00:00\n";

/// Structural CSV corruptions on top of byte corruption: another delimiter, a column
/// duplicated or removed, header only, empty.
fn corrupt_csv(rng: &mut Rng, base: &str) -> Vec<u8> {
    let text = match rng.below(7) {
        0 => base.replace(',', rng.pick::<&str>(&[";", "\t", "\u{ff0c}", "|"])),
        1 => base
            .lines()
            .map(|l| {
                let mut cells: Vec<&str> = l.split(',').collect();
                if !cells.is_empty() {
                    let i = cells.len() / 2;
                    cells.insert(i, cells[i]);
                }
                cells.join(",")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        2 => base
            .lines()
            .map(|l| l.split(',').skip(1).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
            .join("\r\n"),
        3 => base.lines().next().unwrap_or("").to_string(),
        4 => String::new(),
        _ => base.to_string(),
    };
    let mut bytes = text.into_bytes();
    if rng.chance(5) {
        // The whole file as UTF-16 LE with a BOM, fed as if it were UTF-8.
        let utf16: Vec<u8> = String::from_utf8_lossy(&bytes)
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        bytes = [b"\xFF\xFE".as_slice(), &utf16].concat();
    }
    if rng.chance(2) {
        bytes = corrupt(rng, &bytes);
    }
    bytes
}

/// Records a reader must produce from quote-free text: one per line that is not blank.
fn expected_records(text: &str, delimiter: char) -> usize {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .filter(|l| !(l.split(delimiter).count() == 1 && l.trim().is_empty()))
        .count()
}

#[test]
fn csv_and_header_mapping_never_panic() {
    let mut rng = Rng(XorShift64Star(0x5eed_0002));
    let bases = [demo_csv(), ORDERS_CSV.to_string(), EVENTS_CSV.to_string()];
    let names: Vec<Vec<&str>> = vec![
        vec!["阶段", "stage"],
        vec!["触达人数", "reached"],
        vec!["转化人数", "converted"],
        vec!["转化率", "rate"],
        vec!["流失原因", "loss reason"],
    ];
    let editable = [true, true, true, false, true];
    let cases = 2_000;
    for case in 0..cases {
        let base = rng.pick(&bases).clone();
        let bytes = corrupt_csv(&mut rng, &base);
        let (records, delimiter, text) = no_panic("csv", case, &bytes, || {
            let _ = detect_encoding(&bytes);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let delimiter = detect_delimiter(&text);
            (parse(&text, delimiter), delimiter, text)
        });
        assert!([',', '\t', ';', '\u{ff0c}'].contains(&delimiter));
        assert!(records.windows(2).all(|w| w[0].line < w[1].line));
        if !text.contains('"') {
            // Without quotes every non-blank line is a record: none dropped.
            assert_eq!(
                records.len(),
                expected_records(&text, delimiter),
                "case {case}"
            );
        }
        if let Some(first) = records.first() {
            let map = no_panic("map_headers", case, &bytes, || {
                map_headers(&first.fields, &names, &editable)
            });
            assert_eq!(map.targets.len(), first.fields.len());
            let mut used = vec![false; names.len()];
            for t in map.targets.iter().flatten() {
                assert!(editable[*t], "case {case}: a computed column filled");
                assert!(!used[*t], "case {case}: a column filled twice");
                used[*t] = true;
            }
        }
    }
}

// ---------- orders CSV (member tiers) ----------

#[test]
fn orders_csv_lists_every_line() {
    let mut rng = Rng(XorShift64Star(0x5eed_0003));
    let mut accepted = 0;
    for case in 0..2_000 {
        let bytes = corrupt_csv(&mut rng, ORDERS_CSV);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let result = no_panic("spend_from_orders", case, &bytes, || {
            spend_from_orders(&text)
        });
        let Ok(spend) = result else { continue };
        accepted += 1;
        // Every line after the header is counted or listed.
        let lines = parse(&text, detect_delimiter(&text))
            .len()
            .saturating_sub(1);
        assert_eq!(
            spend.orders + spend.bad_lines.len(),
            lines,
            "case {case}: a line neither counted nor listed"
        );
        let customers: std::collections::HashSet<&str> =
            spend.spend.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            customers.len(),
            spend.spend.len(),
            "case {case}: a customer twice"
        );
        assert!(spend.spend.len() <= spend.orders);
    }
    assert!(accepted > 100, "only {accepted} files accepted");
    // The clean file: 3 orders, 2 lines listed (no customer, bad amount).
    let clean = spend_from_orders(ORDERS_CSV).unwrap();
    assert_eq!((clean.orders, clean.bad_lines.len()), (3, 2));
}

// ---------- customer orders and touchpoint journeys (segments, attribution) ----------

const CUSTOMER_ORDERS_CSV: &str = "手机号,下单日期,实付金额,渠道,门店\n\
13800000001,2026-03-30,800,线上,\n\
13800000001,2026-03-01,\"1,700.50\",线下,南京西路店\n\
13800000002,2026/3/25 14:30,100,online,\n\
13800000007,2026-02-30,100,线上,\n\
13800000008,2026-03-02,十,线下,徐家汇店\n\
VIP-0006,20260331,-50,,\n";

const JOURNEYS_CSV: &str = "客户id,时间,渠道,类型,转化金额\n\
1,2026-03-01 09:00,A,线上,\n\
1,2026-03-01 10:00,B,线下,\n\
1,2026-03-01 11:00,转化,,100\n\
2,2026-03-01 09:00,C,线上,\n\
3,not a time,B,线上,\n\
3,2026-03-01 10:00,,转化,abc\n";

#[test]
fn customer_orders_count_or_list_every_row_and_analyse_without_panic() {
    let mut rng = Rng(XorShift64Star(0x5eed_0007));
    let mut accepted = 0;
    for case in 0..1_500 {
        let bytes = corrupt_csv(&mut rng, CUSTOMER_ORDERS_CSV);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let Ok(orders) = no_panic("read_orders", case, &bytes, || read_orders(&text)) else {
            continue;
        };
        accepted += 1;
        assert_eq!(
            orders.orders.len() + orders.bad_total,
            orders.rows,
            "case {case}: a row neither taken nor listed"
        );
        assert_eq!(orders.bad.len(), orders.bad_total.min(BAD_ROWS_KEPT));
        // The analyses on whatever was taken, as of the last order day.
        let as_of = orders.orders.iter().map(|o| o.day).max().unwrap_or(0);
        no_panic("rfm", case, &bytes, || {
            let stats = customer_stats(&orders.orders, orders.customers.len(), as_of);
            let scored = score(&stats, as_of);
            let kpis = customer_kpis(&stats, Fen(500_000));
            assert!(scored.len() <= stats.len());
            assert!(kpis.orders as usize <= orders.orders.len());
        });
    }
    assert!(accepted > 100, "only {accepted} files accepted");
    let clean = read_orders(CUSTOMER_ORDERS_CSV).unwrap();
    assert_eq!((clean.rows, clean.orders.len(), clean.bad_total), (6, 4, 2));
}

#[test]
fn journeys_list_bad_rows_and_credits_stay_finite() {
    let mut rng = Rng(XorShift64Star(0x5eed_0008));
    let mut accepted = 0;
    for case in 0..1_500 {
        let bytes = corrupt_csv(&mut rng, JOURNEYS_CSV);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let Ok(journeys) = no_panic("read_journeys", case, &bytes, || read_journeys(&text)) else {
            continue;
        };
        accepted += 1;
        assert!(journeys.bad_total <= journeys.rows, "case {case}");
        let credits = no_panic("attribute_all", case, &bytes, || attribute_all(&journeys));
        for c in &credits {
            assert!(
                c.conversions.iter().chain(&c.value).all(|x| x.is_finite()),
                "case {case}: a credit that is not a number"
            );
        }
    }
    assert!(accepted > 100, "only {accepted} files accepted");
    let clean = read_journeys(JOURNEYS_CSV).unwrap();
    assert_eq!((clean.rows, clean.bad_total, clean.conversions), (6, 2, 1));
}

// ---------- event log ----------

#[test]
fn event_log_lists_every_row() {
    let mut rng = Rng(XorShift64Star(0x5eed_0004));
    let mut accepted = 0;
    for case in 0..2_000 {
        let bytes = corrupt_csv(&mut rng, EVENTS_CSV);
        let chunk = 1 + rng.below(5);
        let result = no_panic("EventLogReader", case, &bytes, || {
            let mut reader = EventLogReader::new(bytes.clone()).ok()?;
            let mut last = reader.progress();
            while !last.finished {
                let p = reader.step(chunk);
                assert!(p.rows_done >= last.rows_done && p.bytes_done <= p.total_bytes);
                if p == last {
                    break;
                }
                last = p;
            }
            let rows = reader.progress().rows_done;
            let log = reader.finish();
            let funnel = count_funnel(&log, &["visit", "add_to_cart", "purchase"], 3_600, None);
            Some((rows, log, funnel))
        });
        let Some((rows, log, funnel)) = result else {
            continue;
        };
        accepted += 1;
        assert_eq!(
            log.events().len() + log.errors().len(),
            rows,
            "case {case}: a row neither taken nor listed"
        );
        assert!(
            funnel.windows(2).all(|w| w[0] >= w[1]),
            "case {case}: {funnel:?}"
        );
        let text = String::from_utf8_lossy(&bytes);
        if !text.contains('"') && std::str::from_utf8(&bytes).is_ok() {
            // Rows in: every non-blank line after the header.
            let lines: Vec<&str> = text
                .strip_prefix('\u{feff}')
                .unwrap_or(&text)
                .split("\r\n")
                .flat_map(|l| l.split(['\n', '\r']))
                .filter(|l| l.contains(',') || !l.bytes().all(|b| b.is_ascii_whitespace()))
                .collect();
            assert_eq!(rows, lines.len().saturating_sub(1), "case {case}");
        }
    }
    assert!(accepted > 100, "only {accepted} files accepted");
}

#[test]
fn timestamps_never_panic() {
    let mut rng = Rng(XorShift64Star(0x5eed_0005));
    let bases = [
        "2026-10-15T09:30:00Z",
        "2026-10-15 09:30:00.123+08:00",
        "2026/10/15 9:30",
        "1759300000",
        "1759300000123",
        "1759300000.5",
        "9999-12-31T23:59:59-23:59",
    ];
    for case in 0..3_000 {
        let base = *rng.pick(&bases);
        let bytes = corrupt(&mut rng, base.as_bytes());
        let text = String::from_utf8_lossy(&bytes);
        let text = &text[..text.len().min(2_000)];
        no_panic("parse_timestamp", case, text.as_bytes(), || {
            parse_timestamp(text)
        });
    }
}

// ---------- plan index ----------

#[test]
fn plan_index_never_panics() {
    let mut rng = Rng(XorShift64Star(0x5eed_0006));
    let entries: Vec<PlanEntry> = (0..4)
        .map(|i| PlanEntry::for_plan(&format!("p{i}"), &demo_plan(), 1_700_000_000_000 + i))
        .collect();
    let base = index_json(&entries);
    assert_eq!(parse_index(&base).unwrap(), entries);
    let parsed: Value = serde_json::from_str(&base).unwrap();
    for case in 0..2_000 {
        let json = if rng.chance(2) {
            String::from_utf8_lossy(&corrupt(&mut rng, base.as_bytes())).into_owned()
        } else {
            let mut doc = parsed.clone();
            mutate_value(&mut rng, &mut doc);
            doc.to_string()
                .replace(HUGE_FLOAT, "1e400")
                .replace(HUGE_INT, "99999999999999999999999999999999")
        };
        let result = no_panic("parse_index", case, json.as_bytes(), || parse_index(&json));
        if let Ok(list) = result {
            // What is accepted writes back and reads the same.
            assert_eq!(parse_index(&index_json(&list)), Ok(list), "case {case}");
        }
    }
}

// ---------- Excel workbooks ----------

fn workbook(sheets: &[SheetOut]) -> Vec<u8> {
    write_workbook(
        sheets,
        BookInfo {
            currency: omo_planner::domain::values::money::Currency::CNY,
            created: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            computed_note: "计算得出",
        },
    )
    .unwrap()
}

fn demo_sheet() -> SheetOut {
    SheetOut {
        name: "预算".into(),
        columns: [
            ("类别", CellKind::Text),
            ("金额", CellKind::Money),
            ("占比", CellKind::Percent),
            ("日期", CellKind::Date),
            ("剩余", CellKind::Computed),
        ]
        .iter()
        .map(|(h, k)| ColumnOut {
            header: h.to_string(),
            kind: *k,
        })
        .collect(),
        rows: (0..40)
            .map(|i| {
                vec![
                    format!("类别{i}"),
                    format!("{}.{:02}", i * 1234, i % 100),
                    format!("{}", i % 100),
                    format!("2026-03-{:02}", i % 28 + 1),
                    format!("¥{i},000.00"),
                ]
            })
            .collect(),
    }
}

/// Reads every sheet of `bytes`; never panics, whatever the bytes.
fn read_all(bytes: &[u8]) -> Result<usize, ReadError> {
    let names = xlsx_reader::sheet_names(bytes)?;
    let mut rows = 0;
    for i in 0..names.len() {
        rows += xlsx_reader::read_sheet(bytes, i)?.rows.len();
    }
    Ok(rows)
}

#[test]
fn corrupted_workbooks_never_panic() {
    let mut rng = Rng(XorShift64Star(0x5eed_0007));
    let base = workbook(&[demo_sheet()]);
    assert_eq!(read_all(&base), Ok(41));
    for case in 0..400 {
        let bytes = corrupt(&mut rng, &base);
        let _ = no_panic("xlsx reader", case, &bytes, || read_all(&bytes));
    }
}

#[test]
fn a_truncated_workbook_is_damaged() {
    let base = workbook(&[demo_sheet()]);
    for cut in [4, 100, base.len() / 3, base.len() - 1] {
        assert!(
            matches!(read_all(&base[..cut]), Err(ReadError::Damaged(_))),
            "cut at {cut}"
        );
    }
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    // 210 MB of one byte: a few hundred KB packed.
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..210 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
    let bytes = out.into_inner();
    assert!(bytes.len() < 1 << 20, "packed to {} bytes", bytes.len());
    assert_eq!(
        read_all(&bytes),
        Err(ReadError::UnpacksTooLarge {
            limit: xlsx_reader::LIMITS.unpacked_bytes
        })
    );
}

#[test]
fn a_sheet_of_a_million_rows_is_refused() {
    let mut sheet = demo_sheet();
    sheet.rows.resize(1_048_575, Vec::new());
    // Excel's last row holds a value: the sheet is 1,048,576 rows long.
    sheet.rows[1_048_574] = vec!["last".into()];
    let bytes = workbook(&[sheet]);
    match read_all(&bytes) {
        Err(ReadError::TooManyRows { sheet, limit }) => {
            assert_eq!((sheet.as_str(), limit), ("预算", xlsx_reader::LIMITS.rows));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn formulas_give_their_cached_values_and_merged_cells_their_top_left() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "名称").unwrap();
    ws.write_string(0, 1, "金额").unwrap();
    ws.write_formula(1, 1, "=2*21").unwrap();
    ws.set_formula_result(1, 1, "42");
    ws.merge_range(2, 0, 3, 1, "合并", &rust_xlsxwriter::Format::new())
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let sheet = xlsx_reader::read_sheet(&bytes, 0).unwrap();
    assert_eq!(sheet.merged, 1);
    let rows: Vec<(usize, Vec<String>)> = sheet
        .rows
        .iter()
        .map(|(n, cells)| {
            (
                *n,
                cells
                    .iter()
                    .map(|c| xlsx_reader::cell_text(c, CellKind::Money))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, vec!["名称".to_string(), "金额".to_string()]),
            (2, vec![String::new(), "42.00".to_string()]),
            (3, vec!["合并".to_string()]),
        ]
    );
}

#[test]
fn a_password_protected_workbook_says_so() {
    // An encrypted .xlsx: a compound file with the encryption info and the package.
    let mut cfb = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    {
        use std::io::Write;
        let mut info = cfb.create_stream("/EncryptionInfo").unwrap();
        info.write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0]).unwrap();
        let mut package = cfb.create_stream("/EncryptedPackage").unwrap();
        package.write_all(&[0x55; 4096]).unwrap();
    }
    cfb.flush().unwrap();
    let bytes = cfb.into_inner().into_inner();
    assert_eq!(read_all(&bytes), Err(ReadError::Protected));
}
