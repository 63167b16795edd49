//! Logs too large for a browser are counted where they live: the page writes the funnel as
//! ClickHouse SQL (`windowFunnel` with the window and mode) and as DuckDB SQL (the same rule
//! spelled out as a walk over each user's events, with the per-step windows and exclusion
//! steps ClickHouse's function has no parameter for), both per starting channel, and reads
//! their result, level counts as CSV, back into step counts.
//!
//! Both queries print `start_channel,level,users`: users whose deepest step is `level`,
//! `start_channel` empty for all users. `make test` runs both on a generated log (chdb and
//! DuckDB) and compares them with [`super::modes::analyze_funnel`].

use super::modes::{FunnelMode, FunnelQuery};
use crate::domain::formats::csv::{detect_delimiter, parse};

/// Table and column names in the merchant's warehouse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarehouseNames {
    /// The events table, optionally `database.table`.
    pub table: String,
    pub user: String,
    /// A date-time column (ClickHouse `DateTime`/`DateTime64`, DuckDB `TIMESTAMP`).
    pub time: String,
    pub event: String,
    /// Empty when the table has no channel column (then only the all-users rows).
    pub channel: String,
}

impl Default for WarehouseNames {
    fn default() -> Self {
        WarehouseNames {
            table: "events".into(),
            user: "user_id".into(),
            time: "event_time".into(),
            event: "event".into(),
            channel: "channel".into(),
        }
    }
}

/// `a.b` → quoted parts joined by dots.
fn ident(name: &str, quote: char) -> String {
    name.trim()
        .split('.')
        .map(|part| {
            let doubled = format!("{quote}{quote}");
            format!("{quote}{}{quote}", part.replace(quote, &doubled))
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// A ClickHouse string literal (backslash is an escape there).
fn ch_str(text: &str) -> String {
    format!(
        "'{}'",
        text.trim().replace('\\', "\\\\").replace('\'', "\\'")
    )
}

/// A DuckDB (standard SQL) string literal.
fn duck_str(text: &str) -> String {
    format!("'{}'", text.trim().replace('\'', "''"))
}

/// Step names used twice: one event then stands for both steps in ClickHouse and the
/// app, but only for the first in the DuckDB walk, so the page warns before its SQL.
pub fn repeated_steps(steps: &[String]) -> bool {
    steps
        .iter()
        .enumerate()
        .any(|(i, s)| steps[..i].iter().any(|t| t.trim() == s.trim()))
}

fn window(secs: i64) -> i64 {
    secs.max(0)
}

/// ClickHouse SQL counting `query` (steps, window, mode) over all users and per starting
/// channel. Per-step windows and exclusions are not expressible with `windowFunnel`;
/// the page says so beside this query.
pub fn clickhouse_sql(query: &FunnelQuery, names: &WarehouseNames) -> String {
    let q = |s: &str| ident(s, '`');
    let (table, user, time, event) = (
        q(&names.table),
        q(&names.user),
        q(&names.time),
        q(&names.event),
    );
    let mode = query
        .mode
        .clickhouse_name()
        .map(|m| format!(", '{m}'"))
        .unwrap_or_default();
    let head = format!("windowFunnel({}{mode})", window(query.window_secs));
    let conds = |first_extra: &str| {
        query
            .steps
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let extra = if k == 0 { first_extra } else { "" };
                format!("\n            e.{event} = {}{extra}", ch_str(s))
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    // strict_order needs every event (one that is no step stops a path); otherwise only
    // the steps' events are read.
    let only_steps = if query.mode == FunnelMode::StrictOrder {
        String::new()
    } else {
        let list: Vec<String> = query.steps.iter().map(|s| ch_str(s)).collect();
        format!("\n        WHERE e.{event} IN ({})", list.join(", "))
    };
    let mut parts = vec![format!(
        "    SELECT '' AS start_channel, e.{user} AS uid,\n        {head}(toDateTime(e.{time}),{}) AS level\n        FROM {table} AS e{only_steps}\n        GROUP BY uid",
        conds("")
    )];
    if !names.channel.trim().is_empty() {
        let channel = q(&names.channel);
        parts.push(format!(
            "    SELECT c.ch AS start_channel, e.{user} AS uid,\n        {head}(toDateTime(e.{time}),{}) AS level\n        FROM {table} AS e\n        CROSS JOIN (SELECT DISTINCT toString({channel}) AS ch FROM {table} WHERE toString({channel}) != '') AS c{only_steps}\n        GROUP BY start_channel, uid",
            conds(&format!(" AND toString(e.{channel}) = c.ch"))
        ));
    }
    format!(
        "-- Funnel: users whose deepest step is `level`, per starting channel ('' = all users).\nSELECT start_channel, level, count() AS users\nFROM (\n{}\n)\nWHERE level > 0\nGROUP BY start_channel, level\nORDER BY start_channel, level\nFORMAT CSVWithNames",
        parts.join("\n    UNION ALL\n")
    )
}

/// DuckDB SQL counting `query` (steps, window, per-step windows, mode, exclusions) over all
/// users and per starting channel. With `paths`, it lists each counted user's path instead
/// (`start_channel, uid, level, path`: the times of steps 1..=level, epoch seconds).
pub fn duckdb_sql(query: &FunnelQuery, names: &WarehouseNames, paths: bool) -> String {
    let q = |s: &str| ident(s, '"');
    let (table, user, time, event) = (
        q(&names.table),
        q(&names.user),
        q(&names.time),
        q(&names.event),
    );
    let n = query.steps.len();
    let w = window(query.window_secs);
    let strict_order = query.mode == FunnelMode::StrictOrder;
    let has_channel = !names.channel.trim().is_empty();
    let channel = q(&names.channel);

    let starts = if has_channel {
        format!("SELECT DISTINCT CAST({channel} AS VARCHAR) AS ch FROM {table} WHERE CAST({channel} AS VARCHAR) <> ''\n    UNION ALL SELECT ''")
    } else {
        "SELECT '' AS ch".to_string()
    };
    let mut case = String::from("CASE");
    for (k, s) in query.steps.iter().enumerate() {
        let extra = if k == 0 && has_channel {
            format!(" AND (s.ch = '' OR CAST(e.{channel} AS VARCHAR) = s.ch)")
        } else {
            String::new()
        };
        case.push_str(&format!(
            " WHEN e.{event} = {}{extra} THEN {}",
            duck_str(s),
            k + 1
        ));
    }
    case.push_str(" ELSE 0 END");
    let only_steps = if strict_order {
        ""
    } else {
        "\n    WHERE k > 0"
    };

    // The walk: one row per user and event, carrying for each step the step-1 time (f),
    // this step's time (l) and the path's times (c) of the latest path reaching it.
    let mut anchor = vec![
        "start_channel".to_string(),
        "uid".into(),
        "CAST(0 AS BIGINT) AS rn".into(),
        "false AS done".into(),
    ];
    for k in 1..=n {
        anchor.push(format!("CAST(NULL AS BIGINT) AS f{k}"));
        anchor.push(format!("CAST(NULL AS BIGINT) AS l{k}"));
        anchor.push(format!("CAST(NULL AS BIGINT[]) AS c{k}"));
    }
    let matches = |k: usize| -> String {
        if k == 1 {
            return "s.k = 1".into();
        }
        let p = k - 1;
        let mut m = format!("s.k = {k} AND w.l{p} IS NOT NULL AND s.t - w.f{p} <= {w}");
        if let Some(sw) = query.step_windows.get(p).copied().flatten() {
            m.push_str(&format!(" AND s.t - w.l{p} <= {}", window(sw)));
        }
        if query.mode == FunnelMode::StrictIncrease {
            m.push_str(&format!(" AND w.l{p} < s.t"));
        }
        if query.mode == FunnelMode::StrictDeduplication {
            m.push_str(&format!(" AND w.l{k} IS NULL"));
        }
        m
    };
    let mut stops = Vec::new();
    if strict_order {
        stops.push("(s.k = 0 AND w.l1 IS NOT NULL)".to_string());
        for k in 2..=n {
            stops.push(format!(
                "(s.k = {k} AND w.l1 IS NOT NULL AND w.l{} IS NULL)",
                k - 1
            ));
        }
    }
    if query.mode == FunnelMode::StrictDeduplication {
        for k in 2..=n {
            stops.push(format!("(s.k = {k} AND w.l{k} IS NOT NULL)"));
        }
    }
    if n >= 2 {
        stops.push(format!("({})", matches(n)));
    }
    let done = if stops.is_empty() {
        "false".to_string()
    } else {
        stops.join("\n            OR ")
    };
    let mut step = vec![
        "w.start_channel".to_string(),
        "w.uid".into(),
        "s.rn".into(),
        format!("{done} AS done"),
    ];
    for k in 1..=n {
        let m = matches(k);
        let (f, c) = if k == 1 {
            ("s.t".to_string(), "[s.t]".to_string())
        } else {
            (
                format!("w.f{}", k - 1),
                format!("list_append(w.c{}, s.t)", k - 1),
            )
        };
        step.push(format!("CASE WHEN {m} THEN {f} ELSE w.f{k} END AS f{k}"));
        step.push(format!("CASE WHEN {m} THEN s.t ELSE w.l{k} END AS l{k}"));
        step.push(format!("CASE WHEN {m} THEN {c} ELSE w.c{k} END AS c{k}"));
    }
    let mut level = String::from("CASE");
    let mut path = String::from("CASE");
    for k in (1..=n).rev() {
        level.push_str(&format!(" WHEN l{k} IS NOT NULL THEN {k}"));
        path.push_str(&format!(" WHEN l{k} IS NOT NULL THEN c{k}"));
    }
    level.push_str(" ELSE 0 END");
    path.push_str(" END");

    // Exclusion steps (PostHog's rule): the event after the path's `from` step and before
    // its `to` step (or, short of `to`, within the window from step 1) drops the user.
    let mut excluded = Vec::new();
    for x in &query.exclusions {
        if x.from >= x.to || x.to >= n {
            continue;
        }
        let (a, b) = (x.from + 1, x.to + 1);
        excluded.push(format!(
            "EXISTS (SELECT 1 FROM {table} AS x WHERE x.{user} = p.uid AND x.{event} = {}\n            AND p.level >= {a} AND CAST(floor(epoch(x.{time})) AS BIGINT) > p.path[{a}]\n            AND CASE WHEN p.level >= {b} THEN CAST(floor(epoch(x.{time})) AS BIGINT) < p.path[{b}]\n                     ELSE CAST(floor(epoch(x.{time})) AS BIGINT) - p.path[1] <= {w} END)",
            duck_str(&x.event)
        ));
    }
    let kept = if excluded.is_empty() {
        String::new()
    } else {
        format!("\n    AND NOT ({})", excluded.join("\n        OR "))
    };
    let tail = if paths {
        "SELECT start_channel, uid, level, path FROM counted ORDER BY start_channel, uid"
            .to_string()
    } else {
        "SELECT start_channel, level, count(*) AS users FROM counted\nGROUP BY start_channel, level\nORDER BY start_channel, level".to_string()
    };
    format!(
        "-- Funnel: users whose deepest step is `level`, per starting channel ('' = all users).
WITH RECURSIVE
starts AS (
    {starts}
),
tagged AS (
    SELECT s.ch AS start_channel, e.{user} AS uid,
        CAST(floor(epoch(e.{time})) AS BIGINT) AS t,
        {case} AS k
    FROM {table} AS e CROSS JOIN starts AS s
),
seq AS (
    SELECT *, row_number() OVER (PARTITION BY start_channel, uid ORDER BY t, k) AS rn
    FROM tagged{only_steps}
),
walk AS (
    SELECT DISTINCT {anchor}
    FROM seq
    UNION ALL
    SELECT {step}
    FROM walk AS w JOIN seq AS s
        ON s.start_channel = w.start_channel AND s.uid = w.uid AND s.rn = w.rn + 1
    WHERE NOT w.done
),
final AS (
    SELECT * FROM walk
    QUALIFY row_number() OVER (PARTITION BY start_channel, uid ORDER BY rn DESC) = 1
),
p AS (
    SELECT start_channel, uid, {level} AS level, {path} AS path FROM final
),
counted AS (
    SELECT * FROM p WHERE level > 0{kept}
)
{tail};",
        anchor = anchor.join(", "),
        step = step.join(",\n        "),
    )
}

/// Why a row of a level-count result was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelRowError {
    /// `level` is not a whole number from 1 to the number of steps.
    BadLevel,
    /// `users` is not a whole number.
    BadUsers,
    /// The row has fewer fields than the header.
    MissingField,
}

/// A level-count result read back: step counts per starting channel.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LevelCounts {
    /// `(start channel, users reaching each step)`, in the file's order of first
    /// appearance; the empty channel is all users.
    pub funnels: Vec<(String, Vec<u64>)>,
    /// Rows not taken: line, the row as written, and why.
    pub errors: Vec<(usize, String, LevelRowError)>,
}

/// Why a level-count file cannot be read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelFileError {
    /// No `level` or no `users` column in the header.
    MissingColumns,
}

/// Reads `start_channel,level,users` (any column order; `start_channel` optional, also
/// `channel`; `count` / `users` / `count()` for users) into step counts for `steps` steps.
pub fn read_level_counts(text: &str, steps: usize) -> Result<LevelCounts, LevelFileError> {
    let records = parse(text, detect_delimiter(text));
    let Some(header) = records.first() else {
        return Err(LevelFileError::MissingColumns);
    };
    let find = |names: &[&str]| {
        header
            .fields
            .iter()
            .position(|f| names.contains(&f.trim().to_lowercase().as_str()))
    };
    let (Some(level_col), Some(users_col)) = (
        find(&["level", "step", "层级"]),
        find(&["users", "count", "count()", "用户数"]),
    ) else {
        return Err(LevelFileError::MissingColumns);
    };
    let channel_col = find(&["start_channel", "channel", "渠道"]);
    let mut out = LevelCounts::default();
    for r in &records[1..] {
        let field = |i: usize| r.fields.get(i).map(|f| f.trim());
        let row_text = || r.fields.join(",");
        let (Some(level), Some(users)) = (field(level_col), field(users_col)) else {
            out.errors
                .push((r.line, row_text(), LevelRowError::MissingField));
            continue;
        };
        let Some(level) = level
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=steps).contains(l))
        else {
            out.errors
                .push((r.line, row_text(), LevelRowError::BadLevel));
            continue;
        };
        let Ok(users) = users.parse::<u64>() else {
            out.errors
                .push((r.line, row_text(), LevelRowError::BadUsers));
            continue;
        };
        let channel = channel_col.and_then(field).unwrap_or("").to_string();
        let at = match out.funnels.iter().position(|(c, _)| *c == channel) {
            Some(at) => at,
            None => {
                out.funnels.push((channel, vec![0; steps]));
                out.funnels.len() - 1
            }
        };
        // A user at level L reached steps 1..=L.
        for c in &mut out.funnels[at].1[..level] {
            *c = c.saturating_add(users);
        }
    }
    Ok(out)
}

/// A log file over this size is counted where it lives, unless the merchant asks to read
/// it anyway: about five million events of some fifty bytes, more than a phone's browser
/// should hold and walk (the 1M-event read takes a third of a second natively and a
/// whole copy of the file in memory).
pub const BROWSER_LOG_LIMIT_BYTES: u64 = 256 * 1024 * 1024;

/// Whether a log file of `file_bytes` is better counted in the warehouse than read here.
pub fn counted_where_it_lives(file_bytes: u64) -> bool {
    file_bytes > BROWSER_LOG_LIMIT_BYTES
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::funnel::modes::Exclusion;

    fn query(mode: FunnelMode) -> FunnelQuery {
        FunnelQuery {
            steps: vec!["进店".into(), "it's".into(), "pay".into()],
            window_secs: 3600,
            mode,
            ..FunnelQuery::default()
        }
    }

    #[test]
    fn clickhouse_sql_names_the_window_mode_and_steps() {
        let names = WarehouseNames {
            table: "db.my events".into(),
            ..WarehouseNames::default()
        };
        let sql = clickhouse_sql(&query(FunnelMode::StrictOrder), &names);
        assert!(sql.contains("windowFunnel(3600, 'strict_order')(toDateTime(e.`event_time`),"));
        assert!(sql.contains("FROM `db`.`my events` AS e"));
        assert!(sql.contains("e.`event` = 'it\\'s'"));
        assert!(sql.contains("AND toString(e.`channel`) = c.ch"));
        // strict_order reads every event; the others only the steps'.
        assert!(!sql.contains("WHERE e.`event` IN"));
        let sql = clickhouse_sql(&query(FunnelMode::Default), &names);
        assert!(sql.contains("windowFunnel(3600)("));
        assert!(sql.contains("WHERE e.`event` IN ('进店', 'it\\'s', 'pay')"));
        let no_channel = WarehouseNames {
            channel: String::new(),
            ..WarehouseNames::default()
        };
        assert!(!clickhouse_sql(&query(FunnelMode::Default), &no_channel).contains("CROSS JOIN"));
    }

    #[test]
    fn duckdb_sql_carries_per_step_windows_and_exclusions() {
        let mut q = query(FunnelMode::StrictIncrease);
        q.step_windows = vec![None, Some(600)];
        q.exclusions = vec![Exclusion {
            event: "refund".into(),
            from: 0,
            to: 2,
        }];
        let sql = duckdb_sql(&q, &WarehouseNames::default(), false);
        assert!(sql.contains("s.t - w.l1 <= 600"));
        assert!(sql.contains("w.l1 < s.t"));
        assert!(sql.contains("x.\"event\" = 'refund'"));
        assert!(sql.contains("e.\"event\" = 'it''s'"));
        assert!(
            duckdb_sql(&q, &WarehouseNames::default(), true).contains("level, path FROM counted")
        );
        assert!(!repeated_steps(&q.steps));
        assert!(repeated_steps(&["a".into(), " a".into()]));
    }

    #[test]
    fn level_counts_read_back_into_step_counts() {
        let text = "start_channel,level,users\n,1,5\n,3,2\nstore,2,4\n,2,3\nstore,9,1\nstore,x,1\nweb,1,many\n";
        let r = read_level_counts(text, 3).unwrap();
        assert_eq!(
            r.funnels,
            [
                (String::new(), vec![10, 5, 2]),
                ("store".into(), vec![4, 4, 0])
            ]
        );
        assert_eq!(
            r.errors,
            [
                (6, "store,9,1".into(), LevelRowError::BadLevel),
                (7, "store,x,1".into(), LevelRowError::BadLevel),
                (8, "web,1,many".into(), LevelRowError::BadUsers),
            ]
        );
        // ClickHouse's own header for the count, tab-separated, no channel column.
        let r = read_level_counts("level\tcount()\n1\t7\n2\t3\n", 2).unwrap();
        assert_eq!(r.funnels, [(String::new(), vec![10, 3])]);
        assert_eq!(
            read_level_counts("a,b\n1,2\n", 2),
            Err(LevelFileError::MissingColumns)
        );
        assert_eq!(
            read_level_counts("", 2),
            Err(LevelFileError::MissingColumns)
        );
    }

    #[test]
    fn a_log_over_a_quarter_gigabyte_is_counted_where_it_lives() {
        assert!(!counted_where_it_lives(0));
        assert!(!counted_where_it_lives(BROWSER_LOG_LIMIT_BYTES));
        assert!(counted_where_it_lives(BROWSER_LOG_LIMIT_BYTES + 1));
        // Five million events of fifty bytes.
        assert!(!counted_where_it_lives(5_000_000 * 50));
        assert!(counted_where_it_lives(6_000_000 * 50));
    }
}
