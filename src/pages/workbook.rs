//! The whole plan as one Excel workbook: a sheet per table, each read through its page's
//! own columns (the texts the table shows and its CSV exports, typed by column kind).
//! Reached only from the lazily fetched `xlsx` module (state/xlsx.rs), so neither the
//! first load nor any page carries it.

use crate::components::table::xlsx_io::table_sheet;
use crate::components::table::CellCtx;
use crate::domain::formats::xlsx::writer::SheetOut;
use crate::domain::plan::parts::Part;
use crate::i18n::Msg;
use crate::pages::channels::{ab_tests, compare, effectiveness, months};
use crate::pages::funnel::table as funnel;
use crate::pages::scenario::{budget, goals, risks, scenarios};
use crate::pages::tasks::{phases, table as tasks};
use crate::pages::toolkits::{appointments, combos, feedback, stock, tiers};
use crate::state::plan_store::PlanStore;
use leptos::prelude::*;

/// Every table of the plan in `ctx`'s language, in the order of the pages.
pub fn plan_sheets(store: PlanStore, ctx: CellCtx) -> Vec<SheetOut> {
    // The budget lines' and member tiers' figures are memos of the plan, as on their
    // pages; they live only while the sheets are read.
    let owner = Owner::new();
    let sheets = owner.with(|| {
        let (_, by_line) = budget::budget_uses(store);
        let by_tier: tiers::Summaries = Memo::new(move |_| {
            store.read_parts(
                &[Part::Tiers, Part::Customers, Part::TierAssumptions],
                tiers::summaries,
            )
        });
        store.read_untracked(|plan| {
            let c = &ctx;
            vec![
                table_sheet(
                    Msg::ScenarioTableTitle,
                    scenarios::scenario_source(),
                    scenarios::scenario_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::GoalsTitle,
                    goals::goal_source(),
                    goals::goal_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::IndicatorsTitle,
                    goals::indicator_source(),
                    goals::indicator_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::BudgetSplitTitle,
                    budget::line_source(),
                    budget::line_columns(by_line),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::CostLinesTitle,
                    budget::cost_source(),
                    budget::cost_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::RisksTitle,
                    risks::risk_source(),
                    risks::risk_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::PhasesTitle,
                    phases::phase_source(),
                    phases::phase_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::TasksTitle,
                    tasks::task_source(),
                    tasks::task_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::FunnelTitle,
                    funnel::funnel_source(),
                    funnel::funnel_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::KpiTrafficTitle,
                    months::source("kpi-traffic"),
                    months::traffic_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::KpiConversionTitle,
                    months::source("kpi-conversion"),
                    months::conversion_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::KpiEfficiencyTitle,
                    months::source("kpi-efficiency"),
                    months::efficiency_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::KpiValueTitle,
                    months::source("kpi-value"),
                    months::value_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::ChannelsTitle,
                    effectiveness::effectiveness_source(),
                    effectiveness::effectiveness_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::ChannelCompareTitle,
                    compare::channel_source(),
                    compare::columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::AbTestsTitle,
                    ab_tests::test_source(),
                    ab_tests::test_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::SopTitle,
                    ab_tests::sop_source(),
                    ab_tests::sop_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::StockTitle,
                    stock::store_source(),
                    stock::store_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::TiersTitle,
                    tiers::tier_source(),
                    tiers::tier_columns(by_tier),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::CustomersTitle,
                    tiers::customer_source(),
                    tiers::customer_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::FeedbackTitle,
                    feedback::feedback_source(),
                    feedback::feedback_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::CombosTitle,
                    combos::combo_source(),
                    combos::combo_columns(),
                    plan,
                    c,
                ),
                table_sheet(
                    Msg::ToolkitsTitle,
                    appointments::appointment_source(),
                    appointments::appointment_columns(),
                    plan,
                    c,
                ),
            ]
        })
    });
    owner.cleanup();
    sheets
}
