//! Funnel definitions the way analysts write them: ClickHouse `windowFunnel`'s step-order
//! modes, a window per step beside the overall one, and exclusion steps; the funnel counted
//! from an [`EventLog`] with each user's converting path kept for time to convert and
//! trends (see `timing`).
//!
//! The modes follow ClickHouse's `windowFunnel(window, mode)` exactly (its
//! `AggregateFunctionWindowFunnel`; `make test` compares every mode with chdb):
//! - a user's events are taken in time order, equal times in step order (an event that is
//!   no step first, in `strict_order`);
//! - step 1 starts (or restarts) a path; step k extends the latest path that reached
//!   step k − 1 when it is at most `window` after that path's step 1;
//! - the user counts at the deepest step reached.
//!
//! An event that matches several steps (a name repeated in the steps) stands for each of
//! them, as in ClickHouse.

use super::event_log::EventLog;

/// How strictly the steps must follow each other (ClickHouse's `windowFunnel` modes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FunnelMode {
    /// Steps in order; other events may happen in between; equal times count as in order.
    #[default]
    Default,
    /// `strict_increase`: a step at the same time as the previous step does not count.
    StrictIncrease,
    /// `strict_order`: any other event after the path started stops it (nothing in between).
    StrictOrder,
    /// `strict_deduplication`: a step done again (before the next one) stops the path.
    StrictDeduplication,
}

impl FunnelMode {
    pub const ALL: [FunnelMode; 4] = [
        FunnelMode::Default,
        FunnelMode::StrictIncrease,
        FunnelMode::StrictOrder,
        FunnelMode::StrictDeduplication,
    ];

    /// The mode's parameter in ClickHouse SQL; `None` for the default.
    pub fn clickhouse_name(self) -> Option<&'static str> {
        match self {
            FunnelMode::Default => None,
            FunnelMode::StrictIncrease => Some("strict_increase"),
            FunnelMode::StrictOrder => Some("strict_order"),
            FunnelMode::StrictDeduplication => Some("strict_deduplication"),
        }
    }
}

/// An exclusion step, with PostHog's semantics: a user who did `event` after their
/// `from` step and before their `to` step (0-based step indices, `from < to`) on the path
/// counted for them is removed from the whole funnel, every step included. When they never
/// reached `to`, "before" means up to the end of the conversion window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    pub event: String,
    pub from: usize,
    pub to: usize,
}

/// What to count.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FunnelQuery {
    /// Event names, trimmed before matching.
    pub steps: Vec<String>,
    /// Longest time from step 1 to any later step, seconds (inclusive; negative: step 1 only).
    pub window_secs: i64,
    /// `step_windows[k]`: longest time from step k − 1 to step k (k ≥ 1), seconds; `None`
    /// (or a missing entry) sets no limit beyond the overall window. Entry 0 is unused.
    pub step_windows: Vec<Option<i64>>,
    pub mode: FunnelMode,
    pub exclusions: Vec<Exclusion>,
    /// Only paths whose step-1 event carries this channel (an unknown one gives zeros).
    pub channel: Option<String>,
}

/// The counts and, per counted user, the times of the path that took them deepest.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FunnelReport {
    /// Users reaching each step (excluded users are in none).
    pub counts: Vec<u64>,
    /// Users removed by an exclusion step.
    pub excluded: u64,
    users: Vec<u32>,
    ends: Vec<u32>,
    times: Vec<i64>,
}

impl FunnelReport {
    /// Counted users (reaching at least step 1, not excluded).
    pub fn paths(&self) -> usize {
        self.users.len()
    }

    /// The `i`th counted user's id and the times of their steps 1..=deepest.
    pub fn path(&self, i: usize) -> (u32, &[i64]) {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        (self.users[i], &self.times[start..self.ends[i] as usize])
    }

    /// Every counted path, in user order.
    pub fn iter_paths(&self) -> impl Iterator<Item = (u32, &[i64])> + '_ {
        (0..self.paths()).map(|i| self.path(i))
    }
}

const NONE: u32 = u32::MAX;

/// One path's step: its time and the step before it (an index in the user's node list).
#[derive(Clone, Copy)]
struct Node {
    time: i64,
    parent: u32,
}

/// A level's latest path: its step-1 time, this step's time, its node.
#[derive(Clone, Copy)]
struct Level {
    first: i64,
    last: i64,
    node: u32,
}

/// Counts the funnel of `query` in `log` (sorted by user then time, as read). O(n) over
/// the log plus a sort of each run of equal times.
pub fn analyze_funnel(log: &EventLog, query: &FunnelQuery) -> FunnelReport {
    let n = query.steps.len();
    let mut report = FunnelReport {
        counts: vec![0; n],
        ..FunnelReport::default()
    };
    if n == 0 {
        return report;
    }
    // Steps (1-based, ascending) each event name stands for.
    let names = log.event_names();
    let mut conds: Vec<Vec<u8>> = vec![Vec::new(); names.len()];
    for (k, step) in query.steps.iter().enumerate() {
        if let Some(id) = names.id(step.trim()) {
            conds[id as usize].push(k as u8 + 1);
        }
    }
    let channel = match &query.channel {
        Some(c) => match log.channels().id(c.trim()) {
            Some(id) => Some(id),
            None => return report,
        },
        None => None,
    };
    let excluded_names: Vec<Option<u32>> = query
        .exclusions
        .iter()
        .map(|x| names.id(x.event.trim()))
        .collect();
    let strict_order = query.mode == FunnelMode::StrictOrder;
    let step_window = |k: usize| query.step_windows.get(k).copied().flatten();

    let mut buf: Vec<(i64, u8)> = Vec::new();
    let mut levels: Vec<Option<Level>> = vec![None; n];
    let mut nodes: Vec<Node> = Vec::new();
    let mut chain: Vec<i64> = Vec::new();
    let events = log.events();
    let mut i = 0;
    while i < events.len() {
        let user = events[i].user;
        let end = i + events[i..].iter().take_while(|e| e.user == user).count();
        let mine = &events[i..end];
        i = end;

        buf.clear();
        for e in mine {
            let mut any = false;
            for &k in conds[e.name as usize].iter().rev() {
                if k == 1 && channel.is_some_and(|c| e.channel != Some(c)) {
                    continue;
                }
                buf.push((e.time, k));
                any = true;
            }
            if strict_order && !any {
                buf.push((e.time, 0));
            }
        }
        if buf.is_empty() {
            continue;
        }
        if !buf.is_sorted() {
            buf.sort(); // (time, step): equal times in step order, as ClickHouse sorts
        }

        levels.fill(None);
        nodes.clear();
        let mut started = false;
        for &(time, k) in &buf {
            let k = k as usize;
            if k == 0 {
                // strict_order: an event that is no step ends a started path.
                if started {
                    break;
                }
                continue;
            }
            if k == 1 {
                nodes.push(Node { time, parent: NONE });
                levels[0] = Some(Level {
                    first: time,
                    last: time,
                    node: nodes.len() as u32 - 1,
                });
                started = true;
                continue;
            }
            let at = k - 1;
            if query.mode == FunnelMode::StrictDeduplication && levels[at].is_some() {
                break;
            }
            let Some(prev) = levels[at - 1] else {
                if strict_order && started {
                    break; // a later step before its previous one
                }
                continue;
            };
            let in_window = time - prev.first <= query.window_secs
                && step_window(at).is_none_or(|w| time - prev.last <= w)
                && (query.mode != FunnelMode::StrictIncrease || prev.last < time);
            if in_window {
                nodes.push(Node {
                    time,
                    parent: prev.node,
                });
                levels[at] = Some(Level {
                    first: prev.first,
                    last: time,
                    node: nodes.len() as u32 - 1,
                });
                if k == n {
                    break;
                }
            }
        }
        let Some(deepest) = levels.iter().rposition(Option::is_some) else {
            continue;
        };
        chain.clear();
        let mut node = levels[deepest].map_or(NONE, |l| l.node);
        while node != NONE {
            let Node { time, parent } = nodes[node as usize];
            chain.push(time);
            node = parent;
        }
        chain.reverse();

        let excluded = query.exclusions.iter().zip(&excluded_names).any(|(x, id)| {
            let Some(id) = *id else { return false };
            if x.from >= x.to || x.from >= chain.len() {
                return false;
            }
            let after = chain[x.from];
            let before = |t: i64| match chain.get(x.to) {
                Some(&to) => t < to,
                None => t - chain[0] <= query.window_secs,
            };
            mine.iter()
                .any(|e| e.name == id && e.time > after && before(e.time))
        });
        if excluded {
            report.excluded += 1;
            continue;
        }
        for c in &mut report.counts[..chain.len()] {
            *c += 1;
        }
        report.users.push(user);
        report.times.extend_from_slice(&chain);
        report.ends.push(report.times.len() as u32);
    }
    report
}

/// The funnel once per starting channel (the channel of each path's step-1 event), in the
/// log's channel order: a user who starts in two channels counts in both, as in a
/// `windowFunnel` grouped by channel.
pub fn funnel_by_channel(log: &EventLog, query: &FunnelQuery) -> Vec<(String, Vec<u64>)> {
    log.channels()
        .iter()
        .map(|c| {
            let q = FunnelQuery {
                channel: Some(c.to_string()),
                ..query.clone()
            };
            (c.to_string(), analyze_funnel(log, &q).counts)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::formats::stepped_read::SteppedRead;
    use crate::domain::funnel::event_log::{count_funnel, EventLogReader};

    /// A log from (user, second, event[, channel]) rows.
    fn log(rows: &[(&str, i64, &str)]) -> EventLog {
        let mut text = String::from("user,time,event,channel\n");
        for (u, t, e) in rows {
            text.push_str(&format!("{u},{t},{e},web\n"));
        }
        EventLogReader::new(text).unwrap().finish()
    }

    fn query(steps: &[&str], window: i64, mode: FunnelMode) -> FunnelQuery {
        FunnelQuery {
            steps: steps.iter().map(|s| s.to_string()).collect(),
            window_secs: window,
            mode,
            ..FunnelQuery::default()
        }
    }

    fn counts(log: &EventLog, steps: &[&str], window: i64, mode: FunnelMode) -> Vec<u64> {
        analyze_funnel(log, &query(steps, window, mode)).counts
    }

    const ABCD: [&str; 4] = ["a", "b", "c", "d"];

    #[test]
    fn modes_on_clickhouse_documentation_cases() {
        use FunnelMode::*;
        // A→B→D→C: strict_order stops at D (level 2); the default reaches C (3).
        let l = log(&[("u", 1, "a"), ("u", 2, "b"), ("u", 3, "x"), ("u", 4, "c")]);
        assert_eq!(counts(&l, &ABCD, 100, Default), [1, 1, 1, 0]);
        assert_eq!(counts(&l, &ABCD, 100, StrictOrder), [1, 1, 0, 0]);
        // A→B→C→B→D: strict_deduplication stops at the second B (level 3).
        let l = log(&[
            ("u", 1, "a"),
            ("u", 2, "b"),
            ("u", 3, "c"),
            ("u", 4, "b"),
            ("u", 5, "d"),
        ]);
        assert_eq!(counts(&l, &ABCD, 100, Default), [1, 1, 1, 1]);
        assert_eq!(counts(&l, &ABCD, 100, StrictDeduplication), [1, 1, 1, 0]);
        // Equal times: in order by default, not in strict_increase.
        let l = log(&[("u", 5, "b"), ("u", 5, "a"), ("u", 9, "c")]);
        assert_eq!(counts(&l, &ABCD, 100, Default), [1, 1, 1, 0]);
        assert_eq!(counts(&l, &ABCD, 100, StrictIncrease), [1, 0, 0, 0]);
        // strict_order: an out-of-order step after the start stops the path.
        let l = log(&[("u", 1, "a"), ("u", 2, "c"), ("u", 3, "b"), ("u", 4, "c")]);
        assert_eq!(counts(&l, &ABCD, 100, Default), [1, 1, 1, 0]);
        assert_eq!(counts(&l, &ABCD, 100, StrictOrder), [1, 0, 0, 0]);
        // ... but not before it: events before the first step 1 are ignored.
        let l = log(&[("u", 0, "x"), ("u", 1, "c"), ("u", 2, "a"), ("u", 3, "b")]);
        assert_eq!(counts(&l, &ABCD, 100, StrictOrder), [1, 1, 0, 0]);
    }

    #[test]
    fn windows_overall_and_per_step() {
        let l = log(&[
            ("u", 0, "a"),
            ("u", 50, "b"),
            ("u", 100, "c"),
            ("v", 0, "a"),
            ("v", 90, "b"),
            ("v", 101, "c"),
        ]);
        // Overall 100 s, inclusive: u completes on the edge, v's c is a second late.
        assert_eq!(counts(&l, &ABCD[..3], 100, FunnelMode::Default), [2, 2, 1]);
        // b within 60 s of a: v's b (90 s) is too late.
        let mut q = query(&ABCD[..3], 100, FunnelMode::Default);
        q.step_windows = vec![None, Some(60)];
        assert_eq!(analyze_funnel(&l, &q).counts, [2, 1, 1]);
        // c within 49 s of b: u's c (50 s) too late.
        q.step_windows = vec![None, None, Some(49)];
        assert_eq!(analyze_funnel(&l, &q).counts, [2, 2, 0]);
        // A restart inside the per-step window rescues the path.
        let l = log(&[("u", 0, "a"), ("u", 70, "a"), ("u", 80, "b")]);
        q.step_windows = vec![None, Some(60)];
        q.steps.truncate(2);
        let r = analyze_funnel(&l, &q);
        assert_eq!(r.counts, [1, 1]);
        assert_eq!(r.path(0).1, [70, 80]);
    }

    #[test]
    fn exclusions_remove_the_user_from_the_whole_funnel() {
        let l = log(&[
            // u: refund between b and c: excluded.
            ("u", 0, "a"),
            ("u", 10, "b"),
            ("u", 15, "refund"),
            ("u", 20, "c"),
            // v: refund after c: kept.
            ("v", 0, "a"),
            ("v", 10, "b"),
            ("v", 20, "c"),
            ("v", 25, "refund"),
            // w: never reaches c, refunds within the window: excluded.
            ("w", 0, "a"),
            ("w", 10, "b"),
            ("w", 90, "refund"),
            // z: never reaches c, refunds after the window: kept.
            ("z", 0, "a"),
            ("z", 10, "b"),
            ("z", 101, "refund"),
        ]);
        let mut q = query(&ABCD[..3], 100, FunnelMode::Default);
        assert_eq!(analyze_funnel(&l, &q).counts, [4, 4, 2]);
        q.exclusions = vec![Exclusion {
            event: "refund".into(),
            from: 1,
            to: 2,
        }];
        let r = analyze_funnel(&l, &q);
        assert_eq!((r.counts.clone(), r.excluded), (vec![2, 2, 1], 2));
        // Between steps 1 and 2 nobody refunded.
        q.exclusions[0] = Exclusion {
            event: "refund".into(),
            from: 0,
            to: 1,
        };
        assert_eq!(analyze_funnel(&l, &q).counts, [4, 4, 2]);
        // An unknown event or a reversed pair excludes nobody.
        q.exclusions[0].event = "nope".into();
        assert_eq!(analyze_funnel(&l, &q).excluded, 0);
    }

    #[test]
    fn paths_keep_the_times_of_the_deepest_path() {
        let l = log(&[
            ("u", 0, "a"),
            ("u", 500, "a"),
            ("u", 510, "b"),
            ("u", 530, "c"),
            ("v", 7, "a"),
        ]);
        let r = analyze_funnel(&l, &query(&ABCD[..3], 100, FunnelMode::Default));
        assert_eq!(r.paths(), 2);
        assert_eq!(r.path(0).1, [500, 510, 530]);
        assert_eq!(r.path(1).1, [7]);
    }

    #[test]
    fn the_default_mode_is_the_quick_count_for_distinct_steps() {
        let text = crate::domain::plan::samples::events_csv();
        let l = EventLogReader::new(text).unwrap().finish();
        let steps: Vec<&str> = l.event_names().iter().take(5).collect();
        for window in [0, 3_600, 7 * 86_400] {
            assert_eq!(
                counts(&l, &steps, window, FunnelMode::Default),
                count_funnel(&l, &steps, window, None)
            );
        }
        let q = query(&steps, 7 * 86_400, FunnelMode::Default);
        for (c, by) in funnel_by_channel(&l, &q) {
            assert_eq!(by, count_funnel(&l, &steps, 7 * 86_400, Some(&c)));
        }
    }

    #[test]
    fn a_repeated_step_name_matches_one_event_twice_as_clickhouse_does() {
        let l = log(&[("u", 0, "a"), ("u", 1, "b")]);
        assert_eq!(
            counts(&l, &["a", "a", "b"], 10, FunnelMode::Default),
            [1, 1, 1]
        );
        assert_eq!(counts(&l, &[], 10, FunnelMode::Default), Vec::<u64>::new());
    }
}
