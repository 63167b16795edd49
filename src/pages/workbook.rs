//! The whole plan as one Excel workbook: a sheet per table, each read through its page's
//! own columns (the texts the table shows and its CSV exports, typed by column kind).
//! Such a workbook imports back into the plan, each sheet over its table, as one undo
//! step: the demo plan's workbook gives back the identical plan (xlsx.spec.js). Reached
//! only from the lazily fetched `xlsx` module (state/xlsx.rs), so neither the first load
//! nor any page carries it. The print view's figures are the same workbook with the
//! overview's headline figures first (`report_sheets`).

use crate::components::table::xlsx_io::PlanTable;
use crate::components::table::CellCtx;
use crate::domain::formats::xlsx::reader::{
    cell_text, header_text, read_sheet, sheet_names, ReadError, SheetIn,
};
use crate::domain::formats::xlsx::writer::{sheet_name, ColumnOut, SheetOut};
use crate::domain::formats::xlsx::CellKind;
use crate::domain::overview::{budget_summary, conversion, goals_off_track, task_attention};
use crate::domain::plan::parts::Part;
use crate::domain::plan::Plan;
use crate::domain::values::entry::Entry;
use crate::domain::values::money::Fen;
use crate::i18n::{format_count, format_money, format_rate, Lang, Msg, NO_VALUE};
use crate::pages::channels::{ab_tests, compare, effectiveness, months};
use crate::pages::funnel::table as funnel;
use crate::pages::overview;
use crate::pages::scenario::{budget, goals, risks, scenarios};
use crate::pages::tasks::{phases, table as tasks};
use crate::pages::toolkits::{appointments, combos, feedback, stock, tiers};
use crate::state::plan_store::PlanStore;
use leptos::prelude::*;

/// Every table of the plan, in the order of the pages. The budget lines' and member
/// tiers' figures are memos of the plan, as on their pages: they live as long as `owner`.
fn plan_tables(store: PlanStore, owner: &Owner) -> Vec<PlanTable> {
    owner.with(|| {
        let (_, by_line) = budget::budget_uses(store);
        let by_tier: tiers::Summaries = Memo::new(move |_| {
            store.read_parts(
                &[Part::Tiers, Part::Customers, Part::TierAssumptions],
                tiers::summaries,
            )
        });
        vec![
            PlanTable::new(
                Msg::ScenarioTableTitle,
                scenarios::scenario_source(),
                scenarios::scenario_columns(),
            ),
            PlanTable::new(Msg::GoalsTitle, goals::goal_source(), goals::goal_columns()),
            PlanTable::new(
                Msg::IndicatorsTitle,
                goals::indicator_source(),
                goals::indicator_columns(),
            ),
            PlanTable::new(
                Msg::BudgetSplitTitle,
                budget::line_source(),
                budget::line_columns(by_line),
            ),
            PlanTable::new(
                Msg::CostLinesTitle,
                budget::cost_source(),
                budget::cost_columns(),
            ),
            PlanTable::new(Msg::RisksTitle, risks::risk_source(), risks::risk_columns()),
            PlanTable::new(
                Msg::PhasesTitle,
                phases::phase_source(),
                phases::phase_columns(),
            ),
            PlanTable::new(Msg::TasksTitle, tasks::task_source(), tasks::task_columns()),
            PlanTable::new(
                Msg::FunnelTitle,
                funnel::funnel_source(),
                funnel::funnel_columns(),
            ),
            PlanTable::new(
                Msg::KpiTrafficTitle,
                months::source("kpi-traffic"),
                months::traffic_columns(),
            ),
            PlanTable::new(
                Msg::KpiConversionTitle,
                months::source("kpi-conversion"),
                months::conversion_columns(),
            ),
            PlanTable::new(
                Msg::KpiEfficiencyTitle,
                months::source("kpi-efficiency"),
                months::efficiency_columns(),
            ),
            PlanTable::new(
                Msg::KpiValueTitle,
                months::source("kpi-value"),
                months::value_columns(),
            ),
            PlanTable::new(
                Msg::ChannelsTitle,
                effectiveness::effectiveness_source(),
                effectiveness::effectiveness_columns(),
            ),
            PlanTable::new(
                Msg::ChannelCompareTitle,
                compare::channel_source(),
                compare::columns(),
            ),
            PlanTable::new(
                Msg::AbTestsTitle,
                ab_tests::test_source(),
                ab_tests::test_columns(),
            ),
            PlanTable::new(
                Msg::SopTitle,
                ab_tests::sop_source(),
                ab_tests::sop_columns(),
            ),
            PlanTable::new(
                Msg::StockTitle,
                stock::store_source(),
                stock::store_columns(),
            ),
            PlanTable::new(
                Msg::TiersTitle,
                tiers::tier_source(),
                tiers::tier_columns(by_tier),
            ),
            PlanTable::new(
                Msg::CustomersTitle,
                tiers::customer_source(),
                tiers::customer_columns(),
            ),
            PlanTable::new(
                Msg::FeedbackTitle,
                feedback::feedback_source(),
                feedback::feedback_columns(),
            ),
            PlanTable::new(
                Msg::CombosTitle,
                combos::combo_source(),
                combos::combo_columns(),
            ),
            PlanTable::new(
                Msg::ToolkitsTitle,
                appointments::appointment_source(),
                appointments::appointment_columns(),
            ),
        ]
    })
}

/// Every table of the plan as a sheet, in `ctx`'s language, with the resource inventory
/// after the cost lines, where the scenario page shows it.
pub fn plan_sheets(store: PlanStore, ctx: CellCtx) -> Vec<SheetOut> {
    let owner = Owner::new();
    let sheets = store.read_untracked(|plan| {
        let mut sheets: Vec<SheetOut> = plan_tables(store, &owner)
            .iter()
            .map(|t| t.sheet(plan, &ctx))
            .collect();
        let costs = ctx.lang.t(Msg::CostLinesTitle);
        let at = sheets
            .iter()
            .position(|s| s.name == costs)
            .map_or(sheets.len(), |i| i + 1);
        sheets.insert(at, resources_sheet(plan, ctx.lang));
        sheets
    });
    owner.cleanup();
    sheets
}

/// The resource inventory's fields (a form on the scenario page, not a table), with
/// how each is written and read back.
const RESOURCE_FIELDS: [(Msg, CellKind); 4] = [
    (Msg::StoreCount, CellKind::Integer),
    (Msg::RegionsCovered, CellKind::Text),
    (Msg::TeamSize, CellKind::Integer),
    (Msg::ToolsOnHand, CellKind::Text),
];

/// The resource inventory as a sheet of one row, its fields as typed.
fn resources_sheet(plan: &Plan, lang: Lang) -> SheetOut {
    let r = &plan.resources;
    SheetOut {
        name: lang.t(Msg::ResourcesTitle).to_string(),
        columns: RESOURCE_FIELDS
            .iter()
            .map(|&(header, kind)| ColumnOut {
                header: lang.t(header).to_string(),
                kind,
            })
            .collect(),
        rows: vec![vec![
            r.stores.text(),
            r.regions.clone(),
            r.team_size.text(),
            r.tools.clone(),
        ]],
    }
}

/// A resource inventory sheet's first row written into the plan, each field found by
/// its header in either language (a field the sheet lacks stays). `None` if the header
/// names none of them; else how many fields need fixing.
fn apply_resources(plan: &mut Plan, sheet: &SheetIn) -> Option<usize> {
    let (first, data) = sheet.rows.split_first()?;
    let header: Vec<String> = first.1.iter().map(header_text).collect();
    let column = |name: Msg| {
        header
            .iter()
            .position(|h| [Lang::Zh, Lang::En].iter().any(|l| h.trim() == l.t(name)))
    };
    let at: Vec<Option<usize>> = RESOURCE_FIELDS.iter().map(|&(m, _)| column(m)).collect();
    if at.iter().all(Option::is_none) {
        return None;
    }
    let cells = data
        .first()
        .map(|(_, cells)| cells.as_slice())
        .unwrap_or(&[]);
    let text = |field: usize| {
        at[field].map(|i| {
            cells
                .get(i)
                .map_or(String::new(), |c| cell_text(c, RESOURCE_FIELDS[field].1))
        })
    };
    let r = &mut plan.resources;
    if let Some(t) = text(0) {
        r.stores = Entry::from_text(&t);
    }
    if let Some(t) = text(1) {
        r.regions = t;
    }
    if let Some(t) = text(2) {
        r.team_size = Entry::from_text(&t);
    }
    if let Some(t) = text(3) {
        r.tools = t;
    }
    Some(usize::from(r.stores_error().is_some()) + usize::from(r.team_size_error().is_some()))
}

/// The print view's figures: the overview's headline figures (the report's first page)
/// as a sheet of item, figure and what the overview says beside it, in `ctx`'s
/// language. The figures are the texts the overview shows, typed by the writer (a rate
/// as a percentage, an amount as money, a count as a whole number, "—" as text).
pub fn overview_sheet(plan: &Plan, ctx: &CellCtx) -> SheetOut {
    let lang = ctx.lang;
    let money = |amount: Option<Fen>| {
        amount.map_or(NO_VALUE.to_string(), |a| {
            format_money(a, ctx.currency, lang)
        })
    };
    let count = |n: usize| format_count(n as u64, lang);
    let item = |group: Msg, label: Msg| format!("{} · {}", lang.t(group), lang.t(label));
    let budget = budget_summary(plan);
    let tasks = task_attention(plan, ctx.today);
    let alerts = overview::alert_names(plan, lang);
    let (goals_off, _) = goals_off_track(plan);
    let rows = vec![
        vec![
            lang.t(Msg::OverallConversion).to_string(),
            format_rate(conversion(plan), lang),
            String::new(),
        ],
        vec![
            item(Msg::OverviewBudget, Msg::ColAllocated),
            money(budget.allocated),
            String::new(),
        ],
        vec![
            item(Msg::OverviewBudget, Msg::ColCommitted),
            money(Some(budget.committed)),
            String::new(),
        ],
        vec![
            item(Msg::OverviewBudget, Msg::ColRemaining),
            money(budget.left),
            overview::budget_note(budget.over, lang),
        ],
        vec![
            item(Msg::OverviewTasks, Msg::OverviewDueThisWeek),
            count(tasks.due_this_week.len()),
            overview::due_note(&tasks.due_this_week, lang),
        ],
        vec![
            item(Msg::OverviewTasks, Msg::OverviewOverdue),
            count(tasks.overdue.len()),
            overview::overdue_note(&tasks.overdue, lang),
        ],
        vec![
            item(Msg::OverviewAlerts, Msg::OverviewAlertsCrossed),
            count(alerts.len()),
            overview::alerts_note(alerts, lang),
        ],
        vec![
            item(Msg::OverviewGoals, Msg::OverviewGoalsOff),
            count(goals_off.len()),
            overview::goals_note(goals_off, lang),
        ],
    ];
    let column = |header: Msg, kind: CellKind| ColumnOut {
        header: lang.t(header).to_string(),
        kind,
    };
    SheetOut {
        name: lang.t(Msg::OverviewTitle).to_string(),
        columns: vec![
            column(Msg::ReportItem, CellKind::Text),
            column(Msg::ReportFigure, CellKind::Computed),
            column(Msg::ReportNote, CellKind::Text),
        ],
        rows,
    }
}

/// The print view's figures as one workbook: the overview's headline figures first, then
/// every table of the plan with its computed columns, as the report prints them.
pub fn report_sheets(store: PlanStore, ctx: CellCtx) -> Vec<SheetOut> {
    let overview = store.read_untracked(|plan| overview_sheet(plan, &ctx));
    std::iter::once(overview)
        .chain(plan_sheets(store, ctx))
        .collect()
}

/// What importing a whole workbook did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Tables written from a sheet of their name.
    pub tables: usize,
    pub rows: usize,
    /// Cells kept as written and flagged, as in a table import.
    pub need_fixing: usize,
    /// Sheets that are no table of the plan (or whose header names none of its columns).
    pub skipped: Vec<String>,
}

/// Writes each sheet of the workbook over the table of its name (either language), all
/// tables in one undo step. Nothing changes if the workbook cannot be read.
pub fn apply_workbook(store: PlanStore, bytes: &[u8], lang: Lang) -> Result<Applied, ReadError> {
    let names = sheet_names(bytes)?;
    let sheets = (0..names.len())
        .map(|i| read_sheet(bytes, i))
        .collect::<Result<Vec<_>, _>>()?;
    let owner = Owner::new();
    let tables = plan_tables(store, &owner);
    let mut applied = Applied {
        tables: 0,
        rows: 0,
        need_fixing: 0,
        skipped: Vec::new(),
    };
    let mut used = vec![false; sheets.len()];
    store.edit(None, |plan| {
        let resources = [Lang::Zh, Lang::En].map(|l| sheet_name(l.t(Msg::ResourcesTitle)));
        if let Some(i) = sheets.iter().position(|s| resources.contains(&s.name)) {
            if let Some(bad) = apply_resources(plan, &sheets[i]) {
                used[i] = true;
                applied.tables += 1;
                applied.rows += 1;
                applied.need_fixing += bad;
            }
        }
        for table in &tables {
            let Some(i) = sheets.iter().position(|s| table.is_named(&s.name)) else {
                continue;
            };
            if let Some((rows, bad)) = table.apply(plan, &sheets[i], lang) {
                used[i] = true;
                applied.tables += 1;
                applied.rows += rows;
                applied.need_fixing += bad;
            }
        }
    });
    owner.cleanup();
    applied.skipped = sheets
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(s, _)| s.name.clone())
        .collect();
    Ok(applied)
}
