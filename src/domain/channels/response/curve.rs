//! The saturating response of one channel: negative-exponential in steady-state spend,
//! f(x) = β·(1 − e^(−x/κ)). β is the most the channel can return per month, κ the spend
//! at which it returns 63 % of that. Concave for every β, κ > 0, so the allocation
//! problem is solved exactly by equalising marginal returns (`optimiser`).
//!
//! Units: fen per month for x, f(x), β and κ (computed in f64; the plan keeps fen).

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Curve {
    pub beta: f64,
    pub kappa: f64,
}

impl Curve {
    /// Predicted outcome at a steady monthly spend `x`.
    pub fn value(&self, x: f64) -> f64 {
        -self.beta * (-x.max(0.0) / self.kappa).exp_m1()
    }

    /// Marginal return f'(x): outcome per extra fen at spend `x` (the marginal ROAS).
    pub fn marginal(&self, x: f64) -> f64 {
        self.beta / self.kappa * (-x.max(0.0) / self.kappa).exp()
    }

    /// The spend whose marginal return is `lambda`: f'(x) = λ ⇔ x = κ·ln(β / (κλ));
    /// 0 when even the first fen returns less than λ.
    pub fn spend_at_marginal(&self, lambda: f64) -> f64 {
        let first = self.beta / self.kappa;
        if lambda >= first {
            0.0
        } else if lambda <= 0.0 {
            f64::INFINITY
        } else {
            self.kappa * (first / lambda).ln()
        }
    }

    pub fn is_valid(&self) -> bool {
        self.beta.is_finite() && self.kappa.is_finite() && self.beta > 0.0 && self.kappa > 0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturates_and_its_derivative_inverts() {
        let c = Curve {
            beta: 100_000.0,
            kappa: 20_000.0,
        };
        assert_eq!(c.value(0.0), 0.0);
        assert!((c.value(20_000.0) - 100_000.0 * (1.0 - (-1.0f64).exp())).abs() < 1e-6);
        assert!(c.value(1e9) <= 100_000.0);
        let x = 13_000.0;
        assert!((c.spend_at_marginal(c.marginal(x)) - x).abs() < 1e-6);
        let h = 1e-3;
        let numeric = (c.value(x + h) - c.value(x - h)) / (2.0 * h);
        assert!((numeric - c.marginal(x)).abs() < 1e-6);
        assert_eq!(c.spend_at_marginal(10.0), 0.0);
    }
}
