//! Where the next yuan goes (issue 27): response curves fitted per channel on a channel ×
//! month history, a budget optimiser and scenarios side by side. Plain data plus pure
//! functions, one concept per file:
//!
//! - `history`    the channel × month rows and one channel's series
//! - `adstock`    geometric carry-over, normalised (steady-state spend x → level x)
//! - `curve`      the negative-exponential response β·(1 − e^(−x/κ)) and its marginal
//! - `fit`        Levenberg–Marquardt from stated starts, θ profiled; too little data
//! - `bootstrap`  residual bootstrap (200 replicates, fixed seed): P10–P90
//! - `model`      every channel of the book fitted, today's spend and limits
//! - `optimiser`  water-filling on equal marginal returns, whole fen; inverse targets
//! - `advice`     the optimiser run on a model: default total, explanation per channel
//! - `scenarios`  named allocations judged side by side (outcome, ROAS, CAC, ranges)
//! - `synthetic`  histories generated from known curves (demo, reference check, bench)

pub mod adstock;
pub mod advice;
pub mod bootstrap;
pub mod curve;
pub mod fit;
pub mod history;
pub mod model;
pub mod optimiser;
pub mod scenarios;
pub mod synthetic;

use crate::domain::channels::compare::Side;
use crate::domain::values::entry::{Entry, InputError};
use crate::domain::values::ids::{RowId, Rows};
use crate::domain::values::measure::Measure;
use crate::domain::values::money::Fen;
use history::SpendMonth;
use optimiser::Limits;
use scenarios::ScenarioSpend;
use serde::{Deserialize, Serialize};

/// A channel of the response analysis: its monthly budget in the plan and its limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MixChannel {
    pub id: RowId,
    pub name: String,
    pub side: Side,
    /// The plan's monthly budget for this channel ("today's" spend).
    pub budget: Entry<Fen>,
    pub min: Entry<Fen>,
    pub max: Entry<Fen>,
}

impl MixChannel {
    pub fn new(id: RowId) -> MixChannel {
        MixChannel {
            id,
            name: String::new(),
            side: Side::Online,
            budget: Entry::Empty,
            min: Entry::Empty,
            max: Entry::Empty,
        }
    }

    /// The limits the optimiser keeps: typed, non-negative values only.
    pub fn limits(&self) -> Limits {
        let ok = |e: &Entry<Fen>| e.value().filter(|f| f.0 >= 0).map(|f| f.0);
        Limits {
            lo: ok(&self.min).unwrap_or(0),
            hi: ok(&self.max),
        }
    }

    pub fn money_error(entry: &Entry<Fen>) -> Option<InputError> {
        SpendMonth::money_error(entry)
    }
}

/// The optimiser's form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MixSettings {
    /// Monthly total to allocate; empty = the plan's default (see `advice`).
    pub total: Entry<Fen>,
    /// The least spend reaching this monthly revenue.
    pub target_revenue: Entry<Fen>,
    /// The largest spend keeping this ROAS, in hundredths (3.00 → 300).
    pub target_roas: Entry<Measure>,
}

/// What the response analysis keeps in the plan (schema 7).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ResponseBook {
    pub channels: Rows<MixChannel>,
    pub history: Rows<SpendMonth>,
    pub scenarios: Rows<ScenarioSpend>,
    pub settings: MixSettings,
}

impl ResponseBook {
    pub fn row_ids(&self) -> impl Iterator<Item = u64> + '_ {
        (self.channels.iter().map(|r| r.id.0))
            .chain(self.history.iter().map(|r| r.id.0))
            .chain(self.scenarios.iter().map(|r| r.id.0))
    }
}
