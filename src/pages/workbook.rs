//! The whole plan as one Excel workbook: a sheet per table, each read through its page's
//! own columns (the texts the table shows and its CSV exports, typed by column kind).
//! Such a workbook imports back into the plan, each sheet over its table, as one undo
//! step: the demo plan's workbook gives back the identical plan (xlsx.spec.js). Reached
//! only from the lazily fetched `xlsx` module (state/xlsx.rs), so neither the first load
//! nor any page carries it.

use crate::components::table::xlsx_io::PlanTable;
use crate::components::table::CellCtx;
use crate::domain::formats::xlsx::reader::{read_sheet, sheet_names, ReadError};
use crate::domain::formats::xlsx::writer::SheetOut;
use crate::domain::plan::parts::Part;
use crate::i18n::{Lang, Msg};
use crate::pages::channels::{ab_tests, compare, effectiveness, months};
use crate::pages::funnel::table as funnel;
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

/// Every table of the plan as a sheet, in `ctx`'s language.
pub fn plan_sheets(store: PlanStore, ctx: CellCtx) -> Vec<SheetOut> {
    let owner = Owner::new();
    let sheets = store.read_untracked(|plan| {
        plan_tables(store, &owner)
            .iter()
            .map(|t| t.sheet(plan, &ctx))
            .collect()
    });
    owner.cleanup();
    sheets
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
