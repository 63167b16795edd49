//! What the campaign is (spec §1, §7): the stage playbook it follows, its scenario rows,
//! the resources on hand and the risks being watched.
//!
//! The scenario page's other sections have their own files: `goals` (SMART goals and the
//! loop indicators linked to plan figures) and `budget` (the total, its split to the fen,
//! cost lines rolled up per category).

pub mod budget;
pub mod goals;

use crate::domain::values::entry::{Entry, InputError};
use crate::domain::values::ids::RowId;
use serde::{Deserialize, Serialize};

/// The three stage scenarios of spec §1.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Playbook {
    NewBrand,
    StockOps,
    CrossRegion,
}

impl Playbook {
    pub const ALL: [Playbook; 3] = [
        Playbook::NewBrand,
        Playbook::StockOps,
        Playbook::CrossRegion,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Playbook::NewBrand => "new_brand",
            Playbook::StockOps => "stock_ops",
            Playbook::CrossRegion => "cross_region",
        }
    }

    pub fn from_key(key: &str) -> Option<Playbook> {
        Playbook::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// A row of the scenario planning table (spec §1.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioRow {
    pub id: RowId,
    /// 场景类型, e.g. 新客引流.
    pub kind: String,
    pub offline_action: String,
    pub online_follow_up: String,
    /// The goal in the planner's words; the structured SMART goal is in the goals table.
    pub core_goal: String,
    /// The resources in words; their costs are cost lines of the budget.
    pub resources: String,
}

impl ScenarioRow {
    pub fn new(id: RowId) -> ScenarioRow {
        ScenarioRow {
            id,
            kind: String::new(),
            offline_action: String::new(),
            online_follow_up: String::new(),
            core_goal: String::new(),
            resources: String::new(),
        }
    }
}

/// Spec §1.5: what the merchant already has. Team size feeds the staff-efficiency KPI.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ResourceInventory {
    pub stores: Entry<u64>,
    /// Regions covered, in words (e.g. "北京、上海").
    pub regions: String,
    pub team_size: Entry<u64>,
    /// Online tools on hand: member system, CRM, content accounts.
    pub tools: String,
}

impl ResourceInventory {
    pub fn stores_error(&self) -> Option<InputError> {
        self.stores.error()
    }

    pub fn team_size_error(&self) -> Option<InputError> {
        self.team_size.error()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    Open,
    Watching,
    Mitigated,
}

impl RiskStatus {
    pub const ALL: [RiskStatus; 3] = [
        RiskStatus::Open,
        RiskStatus::Watching,
        RiskStatus::Mitigated,
    ];
}

/// A line of the risk register (spec §7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub id: RowId,
    pub risk: String,
    pub symptoms: String,
    pub mitigation: String,
    pub owner: String,
    pub status: RiskStatus,
}

impl Risk {
    pub fn new(id: RowId) -> Risk {
        Risk {
            id,
            risk: String::new(),
            symptoms: String::new(),
            mitigation: String::new(),
            owner: String::new(),
            status: RiskStatus::Open,
        }
    }
}

/// How many risks are still open (not mitigated).
pub fn open_risks<R: std::borrow::Borrow<Risk>>(risks: &[R]) -> usize {
    risks
        .iter()
        .filter(|r| r.borrow().status != RiskStatus::Mitigated)
        .count()
}
