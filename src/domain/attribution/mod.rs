//! Multi-touch attribution (spec §4.4): journeys from a touchpoint export, and per
//! channel the first-touch, last-touch, linear, Markov and Shapley credits side by side,
//! with a budget hint from attributed revenue ÷ spend.

pub mod budget_hint;
pub mod heuristics;
pub mod journeys;
pub mod markov;
pub mod shapley;

use heuristics::{heuristic, Rule};
use journeys::Journeys;

/// Conversions and conversion value (fen) credited to each channel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Credits {
    pub conversions: Vec<f64>,
    pub value: Vec<f64>,
}

impl Credits {
    pub fn zero(channels: usize) -> Credits {
        Credits {
            conversions: vec![0.0; channels],
            value: vec![0.0; channels],
        }
    }
}

/// The five models, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Model {
    FirstTouch,
    LastTouch,
    Linear,
    Markov,
    Shapley,
}

pub const MODELS: [Model; 5] = [
    Model::FirstTouch,
    Model::LastTouch,
    Model::Linear,
    Model::Markov,
    Model::Shapley,
];

/// One model's credits.
pub fn attribute(journeys: &Journeys, model: Model) -> Credits {
    match model {
        Model::FirstTouch => heuristic(journeys, Rule::FirstTouch),
        Model::LastTouch => heuristic(journeys, Rule::LastTouch),
        Model::Linear => heuristic(journeys, Rule::Linear),
        Model::Markov => markov::markov(journeys),
        Model::Shapley => shapley::shapley(journeys),
    }
}

/// Every model, in [`MODELS`] order.
pub fn attribute_all(journeys: &Journeys) -> Vec<Credits> {
    MODELS.iter().map(|&m| attribute(journeys, m)).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::journeys::{read_journeys, Journeys};

    /// The worked example of the Markov test (see `markov.rs`): A→B→conv ¥100,
    /// A→C→null, C→conv ¥50, B→null, B→conv ¥150; read from a CSV as a merchant would
    /// write it.
    pub fn three_channels() -> Journeys {
        let text = "journey_id,timestamp,channel,type,value\n\
            1,2026-03-01 09:00,A,online,\n1,2026-03-01 10:00,B,online,\n1,2026-03-01 11:00,转化,,100\n\
            2,2026-03-01 09:00,A,online,\n2,2026-03-01 10:00,C,offline,\n\
            3,2026-03-01 09:00,C,offline,\n3,2026-03-01 10:00,转化,,50\n\
            4,2026-03-01 09:00,B,online,\n\
            5,2026-03-01 09:00,B,online,\n5,2026-03-01 10:00,转化,,150\n";
        let j = read_journeys(text).unwrap();
        assert_eq!(j.channels, ["A", "B", "C"]);
        assert_eq!((j.journeys, j.conversions, j.value), (5, 3, 30_000));
        j
    }

    pub fn close(got: &[f64], want: &[f64]) {
        assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-9, "{got:?} vs {want:?}");
        }
    }

    #[test]
    fn all_models_credit_every_conversion() {
        let j = three_channels();
        for c in super::attribute_all(&j) {
            let total: f64 = c.conversions.iter().sum();
            assert!((total - 3.0).abs() < 1e-9);
        }
    }
}
