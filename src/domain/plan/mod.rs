//! The plan document: one campaign plan, the whole state of the app. Serialized as JSON
//! with a schema version (see `schema`); later sections are added as new fields.

pub mod choice;
pub mod demo;
pub mod list;
pub mod parts;
pub mod playbooks;
pub mod samples;
pub mod schema;
pub mod share_link;
pub mod storage_use;

use crate::domain::channels::effectiveness::EffectivenessRow;
use crate::domain::channels::response::ResponseBook;
use crate::domain::channels::KpiBook;
use crate::domain::funnel::Funnel;
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
use crate::domain::values::money::Currency;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Always [`crate::domain::plan::schema::CURRENT_VERSION`] in memory; older documents are migrated on load.
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
    /// Since schema 7: the channel × month history, response curves' channels and limits,
    /// the optimiser's form and the named scenarios (issue 27).
    pub mix: ResponseBook,
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
        skip_serializing_if = "crate::domain::plan::choice::ChoiceTexts::is_empty"
    )]
    pub choice_texts: crate::domain::plan::choice::ChoiceTexts,
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
            .chain(self.kpi.row_ids())
            .chain(self.mix.row_ids());
        RowId(ids.max().unwrap_or(0) + 1)
    }
}
