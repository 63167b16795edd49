//! Scenarios side by side: today's allocation, the optimised one and any number of named
//! ones the planner types (a row per scenario and channel). Each is judged by the fitted
//! curves: predicted outcome, ROAS (outcome ÷ spend) and CAC (spend ÷ predicted new
//! customers), each with its P10–P90 over the bootstrap replicates.

use super::model::Model;
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::money::Fen;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioSpend {
    pub id: RowId,
    pub scenario: String,
    pub channel: String,
    /// Monthly spend.
    pub spend: Entry<Fen>,
}

impl ScenarioSpend {
    pub fn new(id: RowId) -> ScenarioSpend {
        ScenarioSpend {
            id,
            scenario: String::new(),
            channel: String::new(),
            spend: Entry::Empty,
        }
    }
}

/// A figure with its P10–P90.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranged {
    pub value: f64,
    pub p10: f64,
    pub p90: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// Spend per channel of the model, in its order (`None`: not given in the scenario).
    pub spend: Vec<Option<Fen>>,
    pub total: Fen,
    /// Channels with spend but no curve: their outcome is not predicted.
    pub unpredicted: Vec<String>,
    pub outcome: Option<Ranged>,
    /// Outcome ÷ spend of the predicted channels.
    pub roas: Option<Ranged>,
    /// Spend ÷ predicted new customers, fen per customer; `None` (shown "—") when no
    /// new-customer curve or zero customers.
    pub cac: Option<Ranged>,
}

fn ranged(value: f64, mut reps: Vec<f64>) -> Ranged {
    let (p10, p90) = super::bootstrap::p10_p90(std::mem::take(&mut reps)).unwrap_or((value, value));
    Ranged { value, p10, p90 }
}

/// Judges a per-channel allocation (in the model's channel order).
pub fn judge(model: &Model, spend: &[Option<Fen>]) -> Judged {
    let total = Fen(spend.iter().flatten().map(|f| f.0).sum());
    let mut unpredicted = Vec::new();
    let mut predicted_spend = 0.0;
    let (mut outcome, mut customers) = (0.0, Some(0.0));
    let reps = model.reps();
    let (mut rep_out, mut rep_cust) = (vec![0.0; reps], vec![Some(0.0); reps]);
    for (ch, s) in model.channels.iter().zip(spend) {
        let Some(s) = s.filter(|s| s.0 > 0) else {
            continue;
        };
        let x = s.0 as f64;
        let Ok(fitted) = &ch.revenue else {
            unpredicted.push(ch.name.clone());
            continue;
        };
        predicted_spend += x;
        outcome += fitted.fit.curve.value(x);
        for (r, c) in rep_out.iter_mut().zip(&fitted.replicates) {
            *r += c.value(x);
        }
        match &ch.customers {
            Some(Ok(cf)) => {
                customers = customers.map(|n| n + cf.fit.curve.value(x));
                for (r, c) in rep_cust.iter_mut().zip(&cf.replicates) {
                    *r = r.map(|n| n + c.value(x));
                }
            }
            _ => {
                customers = None;
                rep_cust.iter_mut().for_each(|r| *r = None);
            }
        }
    }
    let any = predicted_spend > 0.0;
    let roas = any.then(|| {
        ranged(
            outcome / predicted_spend,
            rep_out.iter().map(|o| o / predicted_spend).collect(),
        )
    });
    let cac = customers.filter(|&n| any && n > 0.0).map(|n| {
        ranged(
            predicted_spend / n,
            rep_cust
                .iter()
                .flatten()
                .filter(|&&n| n > 0.0)
                .map(|n| predicted_spend / n)
                .collect(),
        )
    });
    Judged {
        spend: spend.to_vec(),
        total,
        unpredicted,
        outcome: any.then(|| ranged(outcome, rep_out)),
        roas,
        cac,
    }
}

/// The named scenarios of the table, in order of first appearance, each with its spend
/// per channel of the model (a channel the model does not know is listed apart).
pub fn named(
    rows: &[std::sync::Arc<ScenarioSpend>],
    model: &Model,
) -> Vec<(String, Vec<Option<Fen>>, Vec<String>)> {
    let mut out: Vec<(String, Vec<Option<Fen>>, Vec<String>)> = Vec::new();
    for r in rows {
        let name = r.scenario.trim();
        if name.is_empty() {
            continue;
        }
        let i = match out.iter().position(|s| s.0 == name) {
            Some(i) => i,
            None => {
                out.push((
                    name.to_string(),
                    vec![None; model.channels.len()],
                    Vec::new(),
                ));
                out.len() - 1
            }
        };
        match model
            .channels
            .iter()
            .position(|c| c.name == r.channel.trim())
        {
            Some(c) => {
                if let Some(&v) = r.spend.value().filter(|f| f.0 >= 0) {
                    let slot = &mut out[i].1[c];
                    *slot = Some(Fen(slot.map_or(0, |f| f.0) + v.0));
                }
            }
            // A row whose channel is not typed yet names nothing to flag.
            None if r.channel.trim().is_empty() => {}
            None => out[i].2.push(r.channel.clone()),
        }
    }
    out
}
