//! Geometric carry-over between months, normalised: a_t = θ·a_(t−1) + (1 − θ)·x_t with
//! θ in [0, 1). A constant spend x gives the level x (steady state), so a response curve
//! reads in "spend per month, kept up": the convention the optimiser and the scenarios
//! use. The first month starts at its own steady state (as if that spend had run
//! before). A month missing inside the history counts as no spend for the carry-over.

/// The adstocked level of each month of `spend` (one entry per calendar month, `None`
/// for a month with no row, carried as zero spend).
pub fn adstock(spend: &[f64], theta: f64) -> Vec<f64> {
    let mut level = spend.first().copied().unwrap_or(0.0);
    spend
        .iter()
        .map(|&x| {
            level = theta * level + (1.0 - theta) * x;
            level
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_spend_is_its_own_level_and_a_pulse_decays() {
        assert_eq!(adstock(&[5.0, 5.0, 5.0], 0.6), vec![5.0, 5.0, 5.0]);
        let a = adstock(&[0.0, 10.0, 0.0, 0.0], 0.5);
        assert_eq!(a, vec![0.0, 5.0, 2.5, 1.25]);
        assert_eq!(adstock(&[3.0, 7.0], 0.0), vec![3.0, 7.0]);
    }
}
