//! Churn-risk bands from P(alive), and the list that acts on them: the customers with
//! the highest predicted value who are at high risk.

/// A customer's churn risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Risk {
    High,
    Medium,
    Low,
}

pub const RISKS: [Risk; 3] = [Risk::High, Risk::Medium, Risk::Low];

/// High risk below `high_below`, medium below `medium_below`, low otherwise (P(alive) as
/// a fraction). A medium bound under the high one leaves the medium band empty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bands {
    pub high_below: f64,
    pub medium_below: f64,
}

impl Default for Bands {
    fn default() -> Bands {
        Bands {
            high_below: 0.3,
            medium_below: 0.7,
        }
    }
}

pub fn risk_of(p_alive: f64, bands: Bands) -> Risk {
    if p_alive < bands.high_below {
        Risk::High
    } else if p_alive < bands.medium_below {
        Risk::Medium
    } else {
        Risk::Low
    }
}

/// How many customers make the top `share` (a fraction) of `n`: rounded up, so any
/// positive share of a non-empty base holds someone.
pub fn top_count(n: usize, share: f64) -> usize {
    if share <= 0.0 || n == 0 {
        return 0;
    }
    ((n as f64 * share.min(1.0)).ceil() as usize).min(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_and_top_share() {
        let b = Bands::default();
        assert_eq!(risk_of(0.29, b), Risk::High);
        assert_eq!(risk_of(0.3, b), Risk::Medium);
        assert_eq!(risk_of(0.69, b), Risk::Medium);
        assert_eq!(risk_of(0.7, b), Risk::Low);
        let odd = Bands {
            high_below: 0.5,
            medium_below: 0.4,
        };
        assert_eq!(risk_of(0.45, odd), Risk::High);
        assert_eq!(risk_of(0.55, odd), Risk::Low);
        assert_eq!(top_count(10, 0.2), 2);
        assert_eq!(top_count(11, 0.2), 3);
        assert_eq!(top_count(5, 0.0), 0);
        assert_eq!(top_count(5, 2.0), 5);
    }
}
