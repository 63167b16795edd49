//! Reading and writing the plan document, with its schema version.
//!
//! A stored document is read as untyped JSON first, so that an older version can be
//! migrated step by step (`MIGRATIONS[i]` turns version `i + 1` into `i + 2`) before it
//! is deserialized into the current [`Plan`]. A document from a newer app is refused,
//! never truncated to what this version understands.

use crate::domain::plan::Plan;
use serde_json::Value;
use std::fmt;

/// The version this build writes.
pub const CURRENT_VERSION: u32 = 7;

/// One migration step: upgrades a document of version `n` to `n + 1` in place.
type Migration = fn(&mut serde_json::Map<String, Value>) -> Result<(), LoadError>;

/// Steps from version 1 upward; `MIGRATIONS.len() + 1 == CURRENT_VERSION`.
const MIGRATIONS: &[Migration] = &[v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5, v5_to_v6, v6_to_v7];

/// Schema 2 adds phases, tasks, the effectiveness table and appointments. A plan from
/// schema 1 keeps everything it had and gets the standard three phases (spec §2), with
/// ids after its own, and empty tables for the rest.
fn v1_to_v2(doc: &mut serde_json::Map<String, Value>) -> Result<(), LoadError> {
    let max_id = doc
        .get("funnel")
        .and_then(|f| f.get("stages"))
        .and_then(Value::as_array)
        .map(|stages| {
            stages
                .iter()
                .filter_map(|s| s.get("id").and_then(Value::as_u64))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    let phases = crate::domain::plan::demo::standard_phases(max_id + 1);
    doc.insert(
        "phases".into(),
        serde_json::to_value(phases).map_err(|e| LoadError::Invalid(e.to_string()))?,
    );
    for section in ["tasks", "effectiveness", "appointments"] {
        doc.entry(section)
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    Ok(())
}

/// The largest row id anywhere in a stored document (rows are objects with an "id").
/// The largest row id a stored plan may hold: room for 2⁶³ more rows after it.
const MAX_ROW_ID: u64 = u64::MAX / 2;

fn max_row_id(value: &Value) -> u64 {
    match value {
        Value::Array(items) => items.iter().map(max_row_id).max().unwrap_or(0),
        Value::Object(fields) => {
            let own = fields.get("id").and_then(Value::as_u64).unwrap_or(0);
            fields.values().map(max_row_id).max().unwrap_or(0).max(own)
        }
        _ => 0,
    }
}

fn to_value<T: serde::Serialize>(v: T) -> Result<Value, LoadError> {
    serde_json::to_value(v).map_err(|e| LoadError::Invalid(e.to_string()))
}

/// Schema 3 adds the scenario planner: scenarios, goals and indicators, the budget with
/// its lines and costs, the resource inventory and the risk register. A schema 2 plan
/// keeps everything and gets the default 40/30/20/10 split (spec §1.4), ids after its
/// own; the other tables start empty, since only the merchant knows them.
fn v2_to_v3(doc: &mut serde_json::Map<String, Value>) -> Result<(), LoadError> {
    use crate::domain::plan::playbooks::{budget_lines, Ids};
    use crate::domain::scenario::budget::{Budget, DEFAULT_SPLIT};
    use crate::domain::scenario::ResourceInventory;
    let first = max_row_id(&Value::Object(doc.clone())) + 1;
    doc.insert("playbook".into(), Value::Null);
    for section in ["scenarios", "goals", "indicators", "cost_lines", "risks"] {
        doc.insert(section.into(), Value::Array(Vec::new()));
    }
    doc.insert("budget".into(), to_value(Budget::default())?);
    doc.insert(
        "budget_lines".into(),
        to_value(budget_lines(&mut Ids::from(first), &DEFAULT_SPLIT))?,
    );
    doc.insert("resources".into(), to_value(ResourceInventory::default())?);
    Ok(())
}

/// Schema 4 turns the task breakdown into dated, measurable work: a deadline written as
/// text becomes a rule ("第1周末" → end of week 1), kept as typed when it is not one; a
/// deliverable becomes metric, comparator, threshold and unit ("社群用户数≥2000"), its
/// whole text kept as the metric when it has no target; every task starts not started;
/// the schedule covers 12 campaign months.
fn v3_to_v4(doc: &mut serde_json::Map<String, Value>) -> Result<(), LoadError> {
    use crate::domain::tasks::deliverable::Deliverable;
    use crate::domain::tasks::schedule::{DeadlineRule, TaskStatus};
    use crate::domain::tasks::DEFAULT_HORIZON_MONTHS;
    use crate::domain::values::entry::Entry;
    let text = |task: &serde_json::Map<String, Value>, field: &str| {
        task.get(field)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    if let Some(tasks) = doc.get_mut("tasks").and_then(Value::as_array_mut) {
        for task in tasks.iter_mut().filter_map(Value::as_object_mut) {
            let deadline = Entry::<DeadlineRule>::from_text(&text(task, "deadline"));
            let deliverable = Deliverable::parse_text(&text(task, "deliverable"));
            task.insert("deadline".into(), to_value(deadline)?);
            task.insert("deliverable".into(), to_value(deliverable)?);
            task.insert("status".into(), to_value(TaskStatus::NotStarted)?);
        }
    }
    doc.insert("horizon_months".into(), Value::from(DEFAULT_HORIZON_MONTHS));
    Ok(())
}

/// Schema 5 adds the industry toolkits: stores and the stock rule, member tiers and
/// customers' spend, feedback, combos, and the appointment alert thresholds. A schema 4
/// plan keeps everything and gets empty toolkit tables with the default assumptions.
/// The funnel's analysis fields of schema 5 (side entries, target and what-if rates, a
/// comparison period, the order value) default to empty when absent, so they need no step.
fn v4_to_v5(doc: &mut serde_json::Map<String, Value>) -> Result<(), LoadError> {
    use crate::domain::toolkits::appointments::AppointmentAlerts;
    use crate::domain::toolkits::stock::StockRule;
    use crate::domain::toolkits::tiers::TierAssumptions;
    for section in ["stores", "tiers", "customers", "feedback", "combos"] {
        doc.insert(section.into(), Value::Array(Vec::new()));
    }
    doc.insert("stock_rule".into(), to_value(StockRule::default())?);
    doc.insert(
        "tier_assumptions".into(),
        to_value(TierAssumptions::default())?,
    );
    doc.insert(
        "appointment_alerts".into(),
        to_value(AppointmentAlerts::default())?,
    );
    Ok(())
}

/// Schema 6 derives the effectiveness table from a month-by-month KPI history. Rows of
/// schema 5 held their three values as typed; each becomes a metric of the plan's own
/// (formula "value", same name, unit, direction and dimension) whose values sit in the
/// report month (the campaign's first month), the month before and the month a year
/// before, so every figure, change and status reads exactly as it did.
fn v5_to_v6(doc: &mut serde_json::Map<String, Value>) -> Result<(), LoadError> {
    use crate::domain::channels::month::YearMonth;
    use crate::domain::values::entry::CellValue;
    let start = doc
        .get("header")
        .and_then(|h| h.get("start_date"))
        .and_then(Value::as_str)
        .and_then(|d| YearMonth::parse(d).ok())
        .ok_or_else(|| LoadError::Invalid("header.start_date is not a date".into()))?;
    let mut next_id = max_row_id(&Value::Object(doc.clone())) + 1;
    let mut fresh = || {
        next_id += 1;
        next_id - 1
    };
    let rows = doc
        .get("effectiveness")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let (mut metrics, mut values, mut converted) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows {
        let Value::Object(row) = row else {
            return Err(LoadError::Invalid(
                "an effectiveness row is not an object".into(),
            ));
        };
        let field = |k: &str| row.get(k).cloned().unwrap_or(Value::Null);
        let metric_id = fresh();
        metrics.push(serde_json::json!({
            "id": metric_id,
            "name": field("metric"),
            "dimension": field("dimension"),
            "unit": field("unit"),
            "direction": field("direction"),
            "formula": "value",
            "numerator": "",
            "denominator": "",
        }));
        for (key, month) in [
            ("this_month", Some(start)),
            ("last_month", start.previous()),
            ("last_year", start.year_before()),
        ] {
            let (value, Some(month)) = (field(key), month) else {
                continue;
            };
            if value.is_null() {
                continue;
            }
            values.push(serde_json::json!({
                "id": fresh(),
                "metric": metric_id,
                "month": month.to_string(),
                "numerator": value,
                "denominator": null,
            }));
        }
        converted.push(serde_json::json!({
            "id": field("id"),
            "metric": field("metric"),
            "source": format!("custom:{metric_id}"),
            "target": field("target"),
            "gap_analysis": field("gap_analysis"),
            "action": field("action"),
        }));
    }
    doc.insert("effectiveness".into(), Value::Array(converted));
    doc.insert(
        "kpi".into(),
        serde_json::json!({
            "report_month": start.to_string(),
            "custom_metrics": metrics,
            "custom_values": values,
        }),
    );
    Ok(())
}

/// Schema 7 adds the response analysis (channel × month history, the channels' monthly
/// budgets and limits, the optimiser's form, named scenarios). A schema 6 plan keeps
/// everything and starts with an empty analysis: only the merchant knows its history.
fn v6_to_v7(doc: &mut serde_json::Map<String, Value>) -> Result<(), LoadError> {
    use crate::domain::channels::response::ResponseBook;
    doc.insert("mix".into(), to_value(ResponseBook::default())?);
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The text is not JSON at all.
    NotJson(String),
    /// JSON, but not a plan document (no object, no version).
    NotAPlan,
    /// Saved by a newer version of the app; loading it here would lose data.
    NewerVersion(u32),
    /// The right version, but a field has the wrong shape.
    Invalid(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson(e) => write!(f, "not JSON: {e}"),
            LoadError::NotAPlan => write!(f, "not a plan document (no schema_version)"),
            LoadError::NewerVersion(v) => write!(
                f,
                "saved by a newer app (schema version {v}, this app reads up to {CURRENT_VERSION})"
            ),
            LoadError::Invalid(e) => write!(f, "invalid plan: {e}"),
        }
    }
}

/// Parses a stored plan of any known version into the current one.
pub fn load_plan(json: &str) -> Result<Plan, LoadError> {
    let value: Value = serde_json::from_str(json).map_err(|e| LoadError::NotJson(e.to_string()))?;
    let Value::Object(mut doc) = value else {
        return Err(LoadError::NotAPlan);
    };
    let version = doc
        .get("schema_version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .filter(|&v| v >= 1)
        .ok_or(LoadError::NotAPlan)?;
    if version > CURRENT_VERSION {
        return Err(LoadError::NewerVersion(version));
    }
    // Ids are handed out as max + 1 (here in migrations, later for every new row): a file
    // with an id near u64::MAX would overflow that, so it is refused rather than crash.
    if doc.values().map(max_row_id).max().unwrap_or(0) > MAX_ROW_ID {
        return Err(LoadError::Invalid(format!(
            "a row id is larger than {MAX_ROW_ID}"
        )));
    }
    if version == CURRENT_VERSION {
        return serde_json::from_str(json).map_err(|e| LoadError::Invalid(e.to_string()));
    }
    for step in &MIGRATIONS[(version - 1) as usize..] {
        step(&mut doc)?;
    }
    doc.insert("schema_version".into(), Value::from(CURRENT_VERSION));
    // Typed parsing only ever reads text: one deserializer per type in the bundle, not two.
    serde_json::from_str(&Value::Object(doc).to_string())
        .map_err(|e| LoadError::Invalid(e.to_string()))
}

/// The document as stored: compact JSON (browser storage quotas are small), current version.
pub fn save_plan(plan: &Plan) -> String {
    debug_assert_eq!(plan.schema_version, CURRENT_VERSION);
    serde_json::to_string(plan).expect("a plan always serializes")
}

/// A file name for an exported plan: its name without characters that file systems
/// refuse, e.g. "华东新店开业计划.omo.json".
pub fn export_file_name(plan: &Plan) -> String {
    export_file_name_with(&plan.header.name, "omo.json")
}

/// A safe file name from a plan's name and an extension: "华东新店开业计划.ics".
pub fn export_file_name_with(name: &str, extension: &str) -> String {
    let name: String = name
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
        .collect();
    let name = name.trim().trim_matches('.');
    format!(
        "{}.{extension}",
        if name.is_empty() { "plan" } else { name }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::demo::demo_plan;

    #[test]
    fn migrations_cover_every_version() {
        assert_eq!(MIGRATIONS.len() as u32 + 1, CURRENT_VERSION);
    }

    #[test]
    fn export_names_are_safe() {
        let mut plan = demo_plan();
        plan.header.name = "华东/新店: 开业?".into();
        assert_eq!(export_file_name(&plan), "华东新店 开业.omo.json");
        plan.header.name = " ../ ".into();
        assert_eq!(export_file_name(&plan), "plan.omo.json");
    }

    #[test]
    fn round_trip_is_identical() {
        let plan = demo_plan();
        assert_eq!(load_plan(&save_plan(&plan)), Ok(plan));
    }

    #[test]
    fn refuses_what_it_cannot_read_faithfully() {
        assert!(matches!(load_plan("{"), Err(LoadError::NotJson(_))));
        assert_eq!(load_plan("[]"), Err(LoadError::NotAPlan));
        assert_eq!(load_plan("{\"header\":{}}"), Err(LoadError::NotAPlan));
        let newer = save_plan(&demo_plan()).replace(
            &format!("\"schema_version\":{CURRENT_VERSION}"),
            "\"schema_version\":99",
        );
        assert_eq!(load_plan(&newer), Err(LoadError::NewerVersion(99)));
        assert!(matches!(
            load_plan(&format!("{{\"schema_version\":{CURRENT_VERSION}}}")),
            Err(LoadError::Invalid(_))
        ));
    }

    /// Documents saved by every released schema version, kept forever: each must load.
    #[test]
    fn fixtures_of_every_version_load() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/plans");
        for version in 1..=CURRENT_VERSION {
            let path = format!("{dir}/v{version}.json");
            let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let plan = load_plan(&json).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(plan.schema_version, CURRENT_VERSION);
            assert!(!plan.funnel.stages.is_empty(), "{path}: funnel lost");
        }
    }

    /// Schema 5's typed effectiveness rows read exactly as before, now from the history.
    #[test]
    fn v5_effectiveness_rows_keep_their_figures() {
        use crate::domain::values::entry::Entry;
        let plan = load_plan(include_str!("../../../tests/fixtures/plans/v5.json")).unwrap();
        let book = &plan.kpi;
        assert_eq!(book.report_month().unwrap().to_string(), "2026-09");
        crate::domain::channels::effectiveness::tests::assert_spec_rows(&plan);
        assert_eq!(plan.effectiveness[3].metric, "单客获客成本(CAC)");
        assert_eq!(
            plan.effectiveness[3].target,
            Entry::Value(crate::domain::values::measure::Measure(7_500))
        );
        // New rows get ids after every id of the old document.
        let max_old = plan.effectiveness.iter().map(|r| r.id.0).max().unwrap();
        assert!(book.custom_metrics.iter().all(|m| m.id.0 > max_old));
        assert_eq!(
            plan.next_row_id().0,
            book.custom_values.iter().map(|v| v.id.0).max().unwrap() + 1
        );
    }

    #[test]
    fn v1_gains_the_standard_phases_and_keeps_everything() {
        use crate::domain::values::entry::Entry;
        let v1 = include_str!("../../../tests/fixtures/plans/v1.json");
        let plan = load_plan(v1).unwrap();
        assert_eq!(plan.funnel.stages.len(), 4);
        // Bad input saved under v1 is still there, verbatim.
        assert_eq!(
            plan.funnel.stages[1].converted,
            Entry::Invalid("1800.5".into())
        );
        assert_eq!(plan.funnel.stages[2].reached, Entry::Empty);
        let names: Vec<&str> = plan.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["启动期", "增长期", "稳定期"]);
        let ids: Vec<u64> = plan.phases.iter().map(|p| p.id.0).collect();
        assert_eq!(ids, [5, 6, 7]);
        assert!(
            plan.tasks.is_empty() && plan.effectiveness.is_empty() && plan.appointments.is_empty()
        );
    }

    #[test]
    fn v2_gains_the_default_budget_split_after_its_own_ids() {
        let v2 = include_str!("../../../tests/fixtures/plans/v2.json");
        let plan = load_plan(v2).unwrap();
        assert_eq!(plan.tasks.len(), 5);
        assert_eq!(plan.appointments.len(), 3);
        let split: Vec<(&str, i64)> = plan
            .budget_lines
            .iter()
            .map(|l| (l.category.as_str(), l.share().unwrap() / 100))
            .collect();
        assert_eq!(split, crate::domain::scenario::budget::DEFAULT_SPLIT);
        let max_v2_id = plan.appointments.iter().map(|a| a.id.0).max().unwrap();
        assert_eq!(plan.budget_lines[0].id.0, max_v2_id + 1);
        assert!(plan.scenarios.is_empty() && plan.goals.is_empty() && plan.risks.is_empty());
        assert_eq!(plan.playbook, None);
    }

    #[test]
    fn v3_keeps_a_share_typed_in_words() {
        use crate::domain::values::entry::Entry;
        let plan = load_plan(include_str!("../../../tests/fixtures/plans/v3.json")).unwrap();
        assert_eq!(plan.budget_lines[2].share, Entry::Invalid("两成".into()));
        assert_eq!(plan.goals.len(), 3);
        assert_eq!(plan.risks.len(), 4);
    }

    #[test]
    fn v3_tasks_become_rules_and_measurable_deliverables() {
        use crate::domain::tasks::deliverable::Comparator;
        use crate::domain::tasks::schedule::{DeadlineRule, TaskStatus};
        use crate::domain::values::entry::Entry;
        use crate::domain::values::measure::Measure;
        let v3 = include_str!("../../../tests/fixtures/plans/v3.json");
        // A deadline typed in words the rules do not know stays, verbatim.
        let v3 = v3.replacen("\"第2周末\"", "\"开业前两天\"", 1);
        let plan = load_plan(&v3).unwrap();
        let rules: Vec<_> = plan.tasks.iter().map(|t| t.deadline.clone()).collect();
        assert_eq!(
            rules,
            [
                Entry::Value(DeadlineRule::EndOfWeek { week: 1 }),
                Entry::Invalid("开业前两天".into()),
                Entry::Value(DeadlineRule::WeekOfEveryMonth { week: 1 }),
                Entry::Value(DeadlineRule::WeekOfEveryMonth { week: 3 }),
                Entry::Value(DeadlineRule::EndOfEveryMonth),
            ]
        );
        let first = &plan.tasks[0].deliverable;
        assert_eq!(
            (
                first.metric.as_str(),
                first.comparator,
                first.threshold.clone()
            ),
            (
                "社群用户数",
                Comparator::AtLeast,
                Entry::Value(Measure(200_000))
            )
        );
        assert!(plan
            .tasks
            .iter()
            .all(|t| t.status == TaskStatus::NotStarted));
        assert_eq!(plan.horizon_months, Entry::Value(12));
    }

    #[test]
    fn v4_keeps_rules_typed_in_words_and_linked_deliverables() {
        use crate::domain::scenario::goals::FigureRef;
        use crate::domain::tasks::schedule::{DeadlineRule, TaskStatus};
        use crate::domain::values::entry::Entry;
        use crate::domain::values::ids::RowId;
        let plan = load_plan(include_str!("../../../tests/fixtures/plans/v4.json")).unwrap();
        assert_eq!(plan.tasks[1].deadline, Entry::Invalid("开业前两天".into()));
        let fixed = chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
        assert_eq!(
            plan.tasks[4].deadline,
            Entry::Value(DeadlineRule::Fixed { date: fixed })
        );
        assert_eq!(
            plan.tasks[0].deliverable.source,
            Some(FigureRef::StageConverted(RowId(2)))
        );
        assert_eq!(plan.tasks[0].status, TaskStatus::Done);
        assert_eq!(plan.tasks[2].owner, "明");
    }

    #[test]
    fn v4_gains_empty_toolkits_with_default_assumptions() {
        let plan = load_plan(include_str!("../../../tests/fixtures/plans/v4.json")).unwrap();
        assert_eq!(plan.tasks.len(), 5);
        assert!(plan.stores.is_empty() && plan.tiers.is_empty() && plan.combos.is_empty());
        assert!(plan.customers.is_empty() && plan.feedback.is_empty());
        assert_eq!(
            plan.stock_rule,
            crate::domain::toolkits::stock::StockRule::default()
        );
        assert_eq!(plan.appointments.len(), 3);
    }

    #[test]
    fn v5_keeps_toolkit_cells_typed_wrong() {
        use crate::domain::values::entry::Entry;
        let plan = load_plan(include_str!("../../../tests/fixtures/plans/v5.json")).unwrap();
        assert_eq!(plan.stores[1].safety_stock, Entry::Invalid("五十".into()));
        assert_eq!(plan.feedback[0].score, Entry::Invalid("很好".into()));
        assert_eq!(
            (plan.tiers.len(), plan.combos.len(), plan.customers.len()),
            (3, 2, 8)
        );
    }

    /// Schema 6's fixture gains an empty response analysis and nothing else changes.
    #[test]
    fn v6_fixture_gains_an_empty_response_analysis() {
        let text = include_str!("../../../tests/fixtures/plans/v6.json");
        let plan = load_plan(text).unwrap();
        assert_eq!(plan.mix, Default::default());
        let mut saved: Value = serde_json::from_str(&save_plan(&plan)).unwrap();
        let mut fixture: Value = serde_json::from_str(text).unwrap();
        saved.as_object_mut().unwrap().remove("mix");
        saved["schema_version"] = Value::from(6);
        fixture["schema_version"] = Value::from(6);
        assert_eq!(saved, fixture);
        assert_eq!(
            (plan.kpi.months.len(), plan.kpi.custom_metrics.len()),
            (13, 1)
        );
    }

    /// The current version's fixture loads and saves back to the same document: no
    /// field dropped, renamed or rewritten (values compared as JSON, not as text); bad
    /// input of the response analysis is kept verbatim.
    #[test]
    fn v7_fixture_round_trips_unchanged() {
        use crate::domain::values::entry::Entry;
        let text = include_str!("../../../tests/fixtures/plans/v7.json");
        let plan = load_plan(text).unwrap();
        let saved: Value = serde_json::from_str(&save_plan(&plan)).unwrap();
        let fixture: Value = serde_json::from_str(text).unwrap();
        assert_eq!(saved, fixture);
        let mix = &plan.mix;
        assert_eq!(
            (mix.channels.len(), mix.history.len(), mix.scenarios.len()),
            (2, 13, 2)
        );
        assert_eq!(mix.channels[1].max, Entry::Invalid("五千".into()));
        assert_eq!(mix.history[12].revenue, Entry::Invalid("约一万".into()));
        assert_eq!(mix.settings.target_roas, Entry::Invalid("三倍".into()));
        assert!(plan.next_row_id().0 > mix.scenarios[1].id.0);
    }

    /// Regression: a v5 file with a row id of u64::MAX overflowed the migration's fresh
    /// ids (a panic); any such file is now refused with an error value.
    #[test]
    fn huge_row_ids_are_refused() {
        let mut v5: Value =
            serde_json::from_str(include_str!("../../../tests/fixtures/plans/v5.json")).unwrap();
        v5["funnel"]["stages"][0]["id"] = Value::from(u64::MAX);
        assert!(matches!(
            load_plan(&v5.to_string()),
            Err(LoadError::Invalid(_))
        ));
        let mut v6: Value = serde_json::from_str(&save_plan(&demo_plan())).unwrap();
        v6["tasks"][0]["id"] = Value::from(u64::MAX);
        assert!(matches!(
            load_plan(&v6.to_string()),
            Err(LoadError::Invalid(_))
        ));
    }
}
