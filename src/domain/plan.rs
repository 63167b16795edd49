//! The plan document: one campaign plan, the whole state of the app. Serialized as JSON
//! with a schema version (see `schema`); later sections are added as new fields.

use super::appointments::{AppointmentAlerts, AppointmentSlot};
use super::budget::{Budget, BudgetLine, CostLine};
use super::entry::Entry;
use super::funnel::{ComparisonKind, FunnelStage};
use super::goals::{Goal, Indicator};
use super::kpi::EffectivenessRow;
use super::money::{Currency, Fen};
use super::monitoring::KpiBook;
use super::scenario::{Playbook, ResourceInventory, Risk, ScenarioRow};
use super::tasks::{Phase, Task};
use super::toolkits::combos::Combo;
use super::toolkits::feedback::FeedbackItem;
use super::toolkits::stock::{StockRule, StoreStock};
use super::toolkits::tiers::{CustomerSpend, MemberTier, TierAssumptions};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A row's identity inside the plan: stable across edits and reorders, so the UI can
/// key rows and undo can find them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RowId(pub u64);

/// A table's rows. Each row is shared, so an undo snapshot of a 10,000-row table copies
/// pointers, not rows, and an edit copies only the row it changes.
pub type Rows<T> = Vec<Arc<T>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Industry {
    Retail,
    Services,
    FoodService,
}

impl Industry {
    pub const ALL: [Industry; 3] = [Industry::Retail, Industry::Services, Industry::FoodService];

    pub fn key(self) -> &'static str {
        match self {
            Industry::Retail => "retail",
            Industry::Services => "services",
            Industry::FoodService => "food_service",
        }
    }

    pub fn from_key(key: &str) -> Option<Industry> {
        Industry::ALL.into_iter().find(|i| i.key() == key)
    }
}

/// Who the campaign is for and when it starts; every relative date counts from `start_date`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignHeader {
    pub name: String,
    pub industry: Industry,
    pub start_date: NaiveDate,
    pub currency: Currency,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Funnel {
    pub stages: Rows<FunnelStage>,
    /// Average order value of a final conversion, for the what-if revenue.
    #[serde(default)]
    pub avg_order_value: Entry<Fen>,
    /// What the stages' second set of counts (`previous_*`) stands for.
    #[serde(default)]
    pub comparison: ComparisonKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Always [`super::schema::CURRENT_VERSION`] in memory; older documents are migrated on load.
    pub schema_version: u32,
    pub header: CampaignHeader,
    pub funnel: Funnel,
    /// Since schema 2.
    pub phases: Rows<Phase>,
    pub tasks: Rows<Task>,
    pub effectiveness: Rows<EffectivenessRow>,
    pub appointments: Rows<AppointmentSlot>,
    /// Since schema 3: the scenario planner (spec §1, §7).
    pub playbook: Option<Playbook>,
    pub scenarios: Rows<ScenarioRow>,
    pub goals: Rows<Goal>,
    pub indicators: Rows<Indicator>,
    pub budget: Budget,
    pub budget_lines: Rows<BudgetLine>,
    pub cost_lines: Rows<CostLine>,
    pub resources: ResourceInventory,
    pub risks: Rows<Risk>,
    /// Since schema 4: how many campaign months the schedule covers (recurring deadlines
    /// of an open-ended phase stop there).
    pub horizon_months: Entry<u64>,
    /// Since schema 5: the industry toolkits (spec §6).
    pub stores: Rows<StoreStock>,
    pub stock_rule: StockRule,
    pub tiers: Rows<MemberTier>,
    pub customers: Rows<CustomerSpend>,
    pub tier_assumptions: TierAssumptions,
    pub appointment_alerts: AppointmentAlerts,
    pub feedback: Rows<FeedbackItem>,
    pub combos: Rows<Combo>,
    /// Since schema 6: the KPI history, custom metrics, alerts, channels, A/B tests, SOPs.
    pub kpi: KpiBook,
    /// Customer segmentation settings (as-of date, cut-offs, lifecycle thresholds); the
    /// orders themselves are never stored. Added without a schema bump: defaults when
    /// absent, and left out of the document while at their defaults (so a plan that never
    /// touched them is saved exactly as before).
    #[serde(
        default,
        skip_serializing_if = "crate::domain::customers::SegmentSettings::is_default"
    )]
    pub segments: crate::domain::customers::SegmentSettings,
    /// Choice cells holding a text that is none of their options, kept verbatim (see
    /// `choice`). Added without a schema bump, like `segments`: absent means none, and
    /// left out of the document while empty.
    #[serde(
        default,
        skip_serializing_if = "crate::domain::choice::ChoiceTexts::is_empty"
    )]
    pub choice_texts: crate::domain::choice::ChoiceTexts,
}

impl Plan {
    /// A fresh id, larger than any row id in the plan.
    pub fn next_row_id(&self) -> RowId {
        let ids = (self.funnel.stages.iter().map(|r| r.id))
            .chain(self.phases.iter().map(|r| r.id))
            .chain(self.tasks.iter().map(|r| r.id))
            .chain(self.effectiveness.iter().map(|r| r.id))
            .chain(self.appointments.iter().map(|r| r.id))
            .chain(self.scenarios.iter().map(|r| r.id))
            .chain(self.goals.iter().map(|r| r.id))
            .chain(self.indicators.iter().map(|r| r.id))
            .chain(self.budget_lines.iter().map(|r| r.id))
            .chain(self.cost_lines.iter().map(|r| r.id))
            .chain(self.risks.iter().map(|r| r.id))
            .chain(self.stores.iter().map(|r| r.id))
            .chain(self.tiers.iter().map(|r| r.id))
            .chain(self.customers.iter().map(|r| r.id))
            .chain(self.feedback.iter().map(|r| r.id))
            .chain(self.combos.iter().map(|r| r.id))
            .map(|id| id.0)
            .chain(self.kpi.row_ids());
        RowId(ids.max().unwrap_or(0) + 1)
    }
}
