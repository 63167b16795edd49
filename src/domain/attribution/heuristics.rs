//! The rule-based models: first touch, last touch, linear (each touch of a converting
//! path an equal share; a channel touched twice gets two shares).

use super::journeys::Journeys;
use super::Credits;

/// Which rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    FirstTouch,
    LastTouch,
    Linear,
}

/// Credits under `rule`: conversions and conversion value per channel. Both sum to the
/// attributed totals.
pub fn heuristic(journeys: &Journeys, rule: Rule) -> Credits {
    let mut credits = Credits::zero(journeys.channels.len());
    for p in journeys.paths.iter().filter(|p| p.conversions > 0) {
        let (conv, value) = (p.conversions as f64, p.value as f64);
        let mut give = |c: u16, share: f64| {
            credits.conversions[usize::from(c)] += conv * share;
            credits.value[usize::from(c)] += value * share;
        };
        match rule {
            Rule::FirstTouch => give(p.touches[0], 1.0),
            Rule::LastTouch => give(p.touches[p.touches.len() - 1], 1.0),
            Rule::Linear => {
                let share = 1.0 / p.touches.len() as f64;
                for &c in &p.touches {
                    give(c, share);
                }
            }
        }
    }
    credits
}

#[cfg(test)]
mod tests {
    use super::super::tests::three_channels;
    use super::*;

    #[test]
    fn first_last_and_linear_on_the_three_channel_example() {
        let j = three_channels();
        // Converting paths: A B (¥100), C (¥50), B (¥150).
        let f = heuristic(&j, Rule::FirstTouch);
        assert_eq!(f.conversions, [1.0, 1.0, 1.0]);
        assert_eq!(f.value, [10_000.0, 15_000.0, 5_000.0]);
        let l = heuristic(&j, Rule::LastTouch);
        assert_eq!(l.conversions, [0.0, 2.0, 1.0]);
        assert_eq!(l.value, [0.0, 25_000.0, 5_000.0]);
        let lin = heuristic(&j, Rule::Linear);
        assert_eq!(lin.conversions, [0.5, 1.5, 1.0]);
        assert_eq!(lin.value, [5_000.0, 20_000.0, 5_000.0]);
        // A repeated touch gets two shares.
        let mut j2 = j.clone();
        j2.paths[0].touches = vec![0, 0, 1];
        assert_eq!(heuristic(&j2, Rule::Linear).conversions[0], 2.0 / 3.0);
    }
}
