//! Time to convert and trends, read from the paths of a [`FunnelReport`]: for each step,
//! the time from the previous step on the path that took each user deepest (histogram,
//! median, p90, the slowest step), and the conversion of each week's or month's starters.
//!
//! Median and p90 interpolate linearly between the two nearest values, as pandas'
//! `median()` and `quantile(0.9)` do (`make test` compares them on a generated log).

use super::modes::FunnelReport;

/// Upper bounds (inclusive, seconds) of the histogram's buckets; the last is open.
pub const BUCKET_LIMITS: [i64; 7] = [60, 600, 3_600, 6 * 3_600, 86_400, 3 * 86_400, 7 * 86_400];

/// The time from step `step − 1` to `step`, over the users who reached `step`.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTiming {
    /// 1-based index of the step reached (≥ 1: step 0 has no previous step).
    pub step: usize,
    pub users: usize,
    /// Seconds; `None` when nobody reached the step.
    pub median: Option<f64>,
    pub p90: Option<f64>,
    /// Users per bucket of [`BUCKET_LIMITS`], plus one for longer times.
    pub histogram: Vec<u64>,
}

/// The `q` quantile of sorted values, linear between neighbours (pandas' default).
pub fn quantile(sorted: &[i64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let pos = q.clamp(0.0, 1.0) * last as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(last);
    let frac = pos - lo as f64;
    Some(sorted[lo] as f64 + (sorted[hi] - sorted[lo]) as f64 * frac)
}

/// One [`StepTiming`] per step after the first (0-based step `k` ≥ 1 in `steps`).
pub fn step_timings(report: &FunnelReport, steps: usize) -> Vec<StepTiming> {
    let mut gaps: Vec<Vec<i64>> = vec![Vec::new(); steps];
    for (_, times) in report.iter_paths() {
        for (k, pair) in times.windows(2).enumerate() {
            gaps[k + 1].push(pair[1] - pair[0]);
        }
    }
    gaps.into_iter()
        .enumerate()
        .skip(1)
        .map(|(step, mut g)| {
            g.sort_unstable();
            let mut histogram = vec![0u64; BUCKET_LIMITS.len() + 1];
            for &t in &g {
                histogram[BUCKET_LIMITS.partition_point(|&limit| limit < t)] += 1;
            }
            StepTiming {
                step,
                users: g.len(),
                median: quantile(&g, 0.5),
                p90: quantile(&g, 0.9),
                histogram,
            }
        })
        .collect()
}

/// The step with the longest median time from its previous step (the first of equals).
pub fn slowest_step(timings: &[StepTiming]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for t in timings {
        if let Some(m) = t.median {
            if best.is_none_or(|(_, b)| m > b) {
                best = Some((t.step, m));
            }
        }
    }
    best.map(|(s, _)| s)
}

/// How starters are grouped for trends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    /// ISO weeks, Monday to Sunday, UTC.
    #[default]
    Week,
    Month,
}

/// The users starting (step 1 of their counted path) in one period, and how far they got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendRow {
    /// The period's first day: `2026-10-12` (a Monday) or `2026-10`.
    pub label: String,
    /// Users reaching each step.
    pub reached: Vec<u64>,
}

/// (year, month, day) of days since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Rows per period of the path's start, oldest first.
pub fn trends(report: &FunnelReport, steps: usize, period: Period) -> Vec<TrendRow> {
    let mut rows: std::collections::BTreeMap<(i64, i64, i64), Vec<u64>> = Default::default();
    for (_, times) in report.iter_paths() {
        let Some(&start) = times.first() else {
            continue;
        };
        let day = start.div_euclid(86_400);
        let key = match period {
            // 1970-01-01 was a Thursday: Monday is 3 days before it.
            Period::Week => civil_from_days(day - (day + 3).rem_euclid(7)),
            Period::Month => {
                let (y, m, _) = civil_from_days(day);
                (y, m, 1)
            }
        };
        let reached = rows.entry(key).or_insert_with(|| vec![0; steps]);
        for c in &mut reached[..times.len().min(steps)] {
            *c += 1;
        }
    }
    rows.into_iter()
        .map(|((y, m, d), reached)| TrendRow {
            label: match period {
                Period::Week => format!("{y:04}-{m:02}-{d:02}"),
                Period::Month => format!("{y:04}-{m:02}"),
            },
            reached,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::formats::stepped_read::SteppedRead;
    use crate::domain::funnel::event_log::EventLogReader;
    use crate::domain::funnel::modes::{analyze_funnel, FunnelMode, FunnelQuery};

    fn report(rows: &[(&str, &str, &str)], window: i64) -> FunnelReport {
        let mut text = String::from("user,time,event\n");
        for (u, t, e) in rows {
            text.push_str(&format!("{u},{t},{e}\n"));
        }
        let log = EventLogReader::new(text).unwrap().finish();
        let q = FunnelQuery {
            steps: vec!["a".into(), "b".into(), "c".into()],
            window_secs: window,
            mode: FunnelMode::Default,
            ..FunnelQuery::default()
        };
        analyze_funnel(&log, &q)
    }

    #[test]
    fn quantiles_as_pandas_computes_them() {
        // pandas: Series([1, 2, 3, 10]).median() == 2.5, .quantile(0.9) == 7.9
        assert_eq!(quantile(&[1, 2, 3, 10], 0.5), Some(2.5));
        let p90 = quantile(&[1, 2, 3, 10], 0.9).unwrap();
        assert!((p90 - 7.9).abs() < 1e-9);
        assert_eq!(quantile(&[4], 0.9), Some(4.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn time_to_convert_per_step_and_the_slowest() {
        let r = report(
            &[
                ("u", "2026-10-12 10:00:00", "a"),
                ("u", "2026-10-12 10:00:30", "b"),
                ("u", "2026-10-12 12:00:30", "c"),
                ("v", "2026-10-12 10:00:00", "a"),
                ("v", "2026-10-12 10:20:00", "b"),
                ("w", "2026-10-20 10:00:00", "a"),
            ],
            86_400,
        );
        let t = step_timings(&r, 3);
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].step, t[0].users), (1, 2));
        assert_eq!(t[0].median, Some((30.0 + 1_200.0) / 2.0));
        assert_eq!(t[0].histogram, [1, 0, 1, 0, 0, 0, 0, 0]);
        assert_eq!((t[1].users, t[1].median), (1, Some(7_200.0)));
        assert_eq!(t[1].histogram, [0, 0, 0, 1, 0, 0, 0, 0]);
        assert_eq!(slowest_step(&t), Some(2));
        assert_eq!(slowest_step(&[]), None);
    }

    #[test]
    fn trends_by_the_week_and_month_of_the_start() {
        let r = report(
            &[
                // Sunday 2026-10-18 belongs to the week of Monday 10-12.
                ("u", "2026-10-18 23:00:00", "a"),
                ("u", "2026-10-19 01:00:00", "b"),
                ("v", "2026-10-19 00:00:00", "a"),
                ("w", "2026-11-02 09:00:00", "a"),
                ("w", "2026-11-02 09:10:00", "b"),
                ("w", "2026-11-02 09:20:00", "c"),
            ],
            86_400,
        );
        let weeks = trends(&r, 3, Period::Week);
        let got: Vec<(&str, &[u64])> = weeks
            .iter()
            .map(|t| (t.label.as_str(), t.reached.as_slice()))
            .collect();
        assert_eq!(
            got,
            [
                ("2026-10-12", &[1, 1, 0][..]),
                ("2026-10-19", &[1, 0, 0][..]),
                ("2026-11-02", &[1, 1, 1][..]),
            ]
        );
        let months = trends(&r, 3, Period::Month);
        assert_eq!(months[0].label, "2026-10");
        assert_eq!(months[0].reached, [2, 1, 0]);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
