//! The plan cut into parts, so that a change can say what it touched.
//!
//! Every field of [`Plan`] belongs to exactly one [`Part`]: a table of rows (tasks, funnel
//! stages...) or a value (the header, the budget settings...). The app's store keeps one
//! change signal per part and one per row in view; a reader names the parts it reads and
//! re-runs only when one of them changes (see `state::plan_store`). This module is the
//! pure half: which parts and rows differ between two plans, and how to copy a part or a
//! row out of the plan and back (undo steps keep those, not whole plans).

use crate::domain::channels::ab_test::{AbTest, SopEntry};
use crate::domain::channels::alerts::AlertRule;
use crate::domain::channels::compare::ChannelRow;
use crate::domain::channels::effectiveness::EffectivenessRow;
use crate::domain::channels::history::{CustomMetric, CustomValue, KpiMonth};
use crate::domain::channels::month::YearMonth;
use crate::domain::channels::response::history::SpendMonth;
use crate::domain::channels::response::scenarios::ScenarioSpend;
use crate::domain::channels::response::{MixChannel, MixSettings, ResponseBook};
use crate::domain::channels::KpiBook;
use crate::domain::customers::SegmentSettings;
use crate::domain::funnel::Funnel;
use crate::domain::funnel::{ComparisonKind, FunnelStage};
use crate::domain::plan::choice::ChoiceTexts;
use crate::domain::plan::{CampaignHeader, Plan};
use crate::domain::scenario::budget::{Budget, BudgetLine, CostLine};
use crate::domain::scenario::goals::{Goal, Indicator};
use crate::domain::scenario::{Playbook, ResourceInventory, Risk, ScenarioRow};
use crate::domain::tasks::{Phase, Task};
use crate::domain::toolkits::appointments::{AppointmentAlerts, AppointmentSlot};
use crate::domain::toolkits::combos::Combo;
use crate::domain::toolkits::feedback::FeedbackItem;
use crate::domain::toolkits::stock::{StockRule, StoreStock};
use crate::domain::toolkits::tiers::{CustomerSpend, MemberTier, TierAssumptions};
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::{RowId, Rows};
use crate::domain::values::money::Fen;
use std::collections::HashMap;
use std::sync::Arc;

/// What differs between two plans: the parts, the parts whose rows were added, removed
/// or reordered, and each row whose content changed (by id).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Changes {
    pub parts: Vec<Part>,
    pub structure: Vec<Part>,
    pub rows: Vec<(Part, RowId)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// Declares the parts once; everything below is generated from the list, so a part
/// cannot be diffed but not restored, or restored but not diffed.
macro_rules! plan_parts {
    (
        rows { $($rows:ident: $row:ty => $($rpath:ident).+;)* }
        values { $($value:ident: $vty:ty => $($vpath:ident).+;)* }
    ) => {
        /// One part of the plan: a table of rows or a value.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Part { $($rows,)* $($value,)* }

        impl Part {
            pub const ALL: &'static [Part] = &[$(Part::$rows,)* $(Part::$value,)*];

            /// Its place in [`Part::ALL`].
            pub const fn index(self) -> usize {
                self as usize
            }

            /// A table of rows (rather than a value).
            pub fn has_rows(self) -> bool {
                matches!(self, $(Part::$rows)|*)
            }
        }

        /// A copy of one part, to put back later (undo).
        #[derive(Debug, Clone)]
        pub enum PartValue { $($rows(Rows<$row>),)* $($value($vty),)* }

        /// A copy of one row of a table part.
        #[derive(Debug, Clone)]
        pub enum RowValue { $($rows(Arc<$row>),)* }

        impl PartValue {
            pub fn part(&self) -> Part {
                match self { $(PartValue::$rows(_) => Part::$rows,)* $(PartValue::$value(_) => Part::$value,)* }
            }
        }

        impl RowValue {
            pub fn part(&self) -> Part {
                match self { $(RowValue::$rows(_) => Part::$rows,)* }
            }

            pub fn id(&self) -> RowId {
                match self { $(RowValue::$rows(r) => r.id,)* }
            }
        }

        /// Copies a part out of the plan (a table's rows are shared, not copied).
        pub fn take_part(plan: &Plan, part: Part) -> PartValue {
            match part {
                $(Part::$rows => PartValue::$rows(plan.$($rpath).+.clone()),)*
                $(Part::$value => PartValue::$value(plan.$($vpath).+.clone()),)*
            }
        }

        /// Puts a copied part back, returning what it replaced.
        pub fn put_part(plan: &mut Plan, value: PartValue) -> PartValue {
            match value {
                $(PartValue::$rows(v) => PartValue::$rows(std::mem::replace(&mut plan.$($rpath).+, v)),)*
                $(PartValue::$value(v) => PartValue::$value(std::mem::replace(&mut plan.$($vpath).+, v)),)*
            }
        }

        /// Copies one row out of a table part; `None` for a value part or a missing row.
        pub fn take_row(plan: &Plan, part: Part, id: RowId) -> Option<RowValue> {
            match part {
                $(Part::$rows => plan.$($rpath).+.iter().find(|r| r.id == id).cloned().map(RowValue::$rows),)*
                _ => None,
            }
        }

        /// Puts a copied row back in place of the row with its id, returning what it
        /// replaced; `None` (and nothing changed) if that row is no longer in the plan.
        pub fn put_row(plan: &mut Plan, value: RowValue) -> Option<RowValue> {
            match value {
                $(RowValue::$rows(v) => {
                    let slot = plan.$($rpath).+.iter_mut().find(|r| r.id == v.id)?;
                    Some(RowValue::$rows(std::mem::replace(slot, v)))
                })*
            }
        }

        /// What differs between `old` and `new`. Rows are compared by pointer first, so
        /// an unchanged table of 10,000 shared rows costs 10,000 pointer comparisons.
        pub fn changes(old: &Plan, new: &Plan) -> Changes {
            let mut changes = Changes::default();
            $(diff_rows(Part::$rows, &old.$($rpath).+, &new.$($rpath).+, |r: &$row| r.id, &mut changes);)*
            $(if old.$($vpath).+ != new.$($vpath).+ { changes.parts.push(Part::$value); })*
            changes
        }
    };
}

plan_parts! {
    rows {
        FunnelStages: FunnelStage => funnel.stages;
        Phases: Phase => phases;
        Tasks: Task => tasks;
        Effectiveness: EffectivenessRow => effectiveness;
        Appointments: AppointmentSlot => appointments;
        Scenarios: ScenarioRow => scenarios;
        Goals: Goal => goals;
        Indicators: Indicator => indicators;
        BudgetLines: BudgetLine => budget_lines;
        CostLines: CostLine => cost_lines;
        Risks: Risk => risks;
        Stores: StoreStock => stores;
        Tiers: MemberTier => tiers;
        Customers: CustomerSpend => customers;
        Feedback: FeedbackItem => feedback;
        Combos: Combo => combos;
        KpiMonths: KpiMonth => kpi.months;
        CustomMetrics: CustomMetric => kpi.custom_metrics;
        CustomValues: CustomValue => kpi.custom_values;
        Alerts: AlertRule => kpi.alerts;
        Channels: ChannelRow => kpi.channels;
        AbTests: AbTest => kpi.ab_tests;
        Sops: SopEntry => kpi.sops;
        MixChannels: MixChannel => mix.channels;
        MixHistory: SpendMonth => mix.history;
        MixScenarios: ScenarioSpend => mix.scenarios;
    }
    values {
        Header: CampaignHeader => header;
        AvgOrderValue: Entry<Fen> => funnel.avg_order_value;
        Comparison: ComparisonKind => funnel.comparison;
        Playbook: Option<Playbook> => playbook;
        Budget: Budget => budget;
        Resources: ResourceInventory => resources;
        Horizon: Entry<u64> => horizon_months;
        StockRule: StockRule => stock_rule;
        TierAssumptions: TierAssumptions => tier_assumptions;
        AppointmentAlerts: AppointmentAlerts => appointment_alerts;
        ReportMonth: Entry<YearMonth> => kpi.report_month;
        Segments: SegmentSettings => segments;
        ChoiceTexts: ChoiceTexts => choice_texts;
        MixSettings: MixSettings => mix.settings;
    }
}

/// `first`, then `then`: a part set built on another, so that no list of parts is written
/// twice. `N` is the sum of their lengths (checked when compiled).
pub const fn join<const N: usize>(first: &[Part], then: &[Part]) -> [Part; N] {
    assert!(
        first.len() + then.len() == N,
        "join: N is not the sum of the lengths"
    );
    let mut out = [Part::Header; N];
    let mut i = 0;
    while i < first.len() {
        out[i] = first[i];
        i += 1;
    }
    let mut j = 0;
    while j < then.len() {
        out[i + j] = then[j];
        j += 1;
    }
    out
}

/// What a month's KPI value reads (`KpiBook::value`, `report_month`, a custom metric's
/// definition).
pub const KPI_HISTORY: &[Part] = &[
    Part::ReportMonth,
    Part::KpiMonths,
    Part::CustomMetrics,
    Part::CustomValues,
];

/// What the effectiveness table's figures read (`kpi::row_figures`): its rows and the
/// KPI history.
pub const KPI_FIGURES: &[Part] = &join::<5>(&[Part::Effectiveness], KPI_HISTORY);

/// What a linked figure reads (`goals::FigureRef::current`): a funnel stage, or a KPI row
/// of the effectiveness table with its history.
pub const LINKED_FIGURES: &[Part] = &join::<6>(&[Part::FunnelStages], KPI_FIGURES);

/// What an indicator's progress reads (`goals::Indicator::progress`): its goal (the unit),
/// the currency and its linked figure.
pub const INDICATOR_PROGRESS: &[Part] = &join::<8>(&[Part::Goals, Part::Header], LINKED_FIGURES);

/// What the response curves, the optimiser and the scenarios read: the section's own
/// tables and form, and for the default total the budget, its split, the categories the
/// channel comparison draws on and the horizon (`response::advice`).
pub const RESPONSE: &[Part] = &[
    Part::MixChannels,
    Part::MixHistory,
    Part::MixScenarios,
    Part::MixSettings,
    Part::Budget,
    Part::BudgetLines,
    Part::Channels,
    Part::Horizon,
];

/// What a task's dates read (`Plan::task_timing`): the start date, the phases and the
/// horizon.
pub const SCHEDULE: &[Part] = &[Part::Header, Part::Phases, Part::Horizon];

fn diff_rows<T: PartialEq>(
    part: Part,
    old: &[Arc<T>],
    new: &[Arc<T>],
    id: impl Fn(&T) -> RowId,
    changes: &mut Changes,
) {
    let changed = |a: &Arc<T>, b: &Arc<T>| !Arc::ptr_eq(a, b) && **a != **b;
    let same_order = old.len() == new.len() && old.iter().zip(new).all(|(a, b)| id(a) == id(b));
    let before = changes.rows.len();
    if same_order {
        for (a, b) in old.iter().zip(new) {
            if changed(a, b) {
                changes.rows.push((part, id(b)));
            }
        }
    } else {
        changes.structure.push(part);
        let old_by_id: HashMap<RowId, &Arc<T>> = old.iter().map(|r| (id(r), r)).collect();
        for b in new {
            if old_by_id.get(&id(b)).is_some_and(|a| changed(a, b)) {
                changes.rows.push((part, id(b)));
            }
        }
    }
    if !same_order || changes.rows.len() > before {
        changes.parts.push(part);
    }
}

/// Does not run: it stops the build when a field is added to the plan without a part
/// (add it to `plan_parts!` above, then here).
#[allow(dead_code)]
fn every_field_has_a_part(plan: &Plan) {
    let Plan {
        schema_version: _, // fixed in memory (migrations run on load)
        header: _,
        funnel:
            Funnel {
                stages: _,
                avg_order_value: _,
                comparison: _,
            },
        phases: _,
        tasks: _,
        effectiveness: _,
        appointments: _,
        playbook: _,
        scenarios: _,
        goals: _,
        indicators: _,
        budget: _,
        budget_lines: _,
        cost_lines: _,
        resources: _,
        risks: _,
        horizon_months: _,
        stores: _,
        stock_rule: _,
        tiers: _,
        customers: _,
        tier_assumptions: _,
        appointment_alerts: _,
        feedback: _,
        combos: _,
        kpi:
            KpiBook {
                report_month: _,
                months: _,
                custom_metrics: _,
                custom_values: _,
                alerts: _,
                channels: _,
                ab_tests: _,
                sops: _,
            },
        mix:
            ResponseBook {
                channels: _,
                history: _,
                scenarios: _,
                settings: _,
            },
        segments: _,
        choice_texts: _,
    } = plan;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::demo::demo_plan;

    #[test]
    fn an_unchanged_copy_has_no_changes() {
        let plan = demo_plan();
        assert!(changes(&plan, &plan.clone()).is_empty());
    }

    #[test]
    fn a_changed_row_names_its_part_and_only_that_row() {
        let old = demo_plan();
        let mut new = old.clone();
        let id = new.funnel.stages[1].id;
        Arc::make_mut(&mut new.funnel.stages[1]).name.push('!');
        let c = changes(&old, &new);
        assert_eq!(c.parts, vec![Part::FunnelStages]);
        assert_eq!(c.rows, vec![(Part::FunnelStages, id)]);
        assert!(c.structure.is_empty());
    }

    #[test]
    fn a_row_copied_but_equal_is_no_change() {
        let old = demo_plan();
        let mut new = old.clone();
        new.tasks[0] = Arc::new((*new.tasks[0]).clone());
        assert!(changes(&old, &new).is_empty());
    }

    #[test]
    fn added_removed_or_reordered_rows_change_the_structure() {
        let old = demo_plan();
        let mut new = old.clone();
        new.tasks.swap(0, 1);
        let c = changes(&old, &new);
        assert_eq!(
            (c.parts.clone(), c.structure.clone()),
            (vec![Part::Tasks], vec![Part::Tasks])
        );
        assert!(c.rows.is_empty(), "moved rows are the same rows");

        let mut new = old.clone();
        new.tasks.pop();
        assert_eq!(changes(&old, &new).structure, vec![Part::Tasks]);
    }

    #[test]
    fn a_value_part_is_found_nested_in_its_section() {
        let old = demo_plan();
        let mut new = old.clone();
        new.funnel.comparison = match old.funnel.comparison {
            ComparisonKind::Periods => ComparisonKind::Variants,
            ComparisonKind::Variants => ComparisonKind::Periods,
        };
        new.header.name.push('!');
        let c = changes(&old, &new);
        assert_eq!(c.parts, vec![Part::Header, Part::Comparison]);
    }

    #[test]
    fn every_part_is_taken_and_put_back() {
        let old = demo_plan();
        for &part in Part::ALL {
            let mut plan = old.clone();
            let taken = take_part(&plan, part);
            assert_eq!(taken.part(), part);
            let back = put_part(&mut plan, taken);
            assert_eq!(back.part(), part);
            assert_eq!(plan, old);
        }
        let mut other = old.clone();
        other.header.name = "另一个".into();
        let mut plan = old.clone();
        put_part(&mut plan, take_part(&other, Part::Header));
        assert_eq!(plan.header.name, "另一个");
        assert_eq!(changes(&old, &plan).parts, vec![Part::Header]);
    }

    #[test]
    fn a_row_is_put_back_in_place() {
        let old = demo_plan();
        let id = old.tasks[2].id;
        let copy = take_row(&old, Part::Tasks, id).unwrap();
        let mut plan = old.clone();
        Arc::make_mut(&mut plan.tasks[2]).owner = "新负责人".into();
        let edited = put_row(&mut plan, copy).unwrap();
        assert_eq!(plan, old);
        assert_eq!((edited.part(), edited.id()), (Part::Tasks, id));
        assert!(take_row(&old, Part::Header, id).is_none());
        plan.tasks.remove(2);
        assert!(
            put_row(&mut plan, edited).is_none(),
            "a deleted row is not resurrected"
        );
    }

    #[test]
    fn parts_are_numbered_in_order() {
        for (i, part) in Part::ALL.iter().enumerate() {
            assert_eq!(part.index(), i);
        }
        assert!(Part::Tasks.has_rows() && !Part::Header.has_rows());
    }
}
