//! The Gamma-Gamma model of spend per transaction (Fader & Hardie's note 025; Fader,
//! Hardie & Lee 2005), as `lifetimes`' `GammaGammaFitter`: the log-likelihood of equation
//! (1a) on customers with repeat purchases, fitted on the log-parameters from every
//! log-parameter 0.1, no penalizer; the conditional expected average spend (equation 5).

use super::optimize::bfgs;
use super::special::{digamma, ln_gamma};

/// p, q, v.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GammaGammaFit {
    pub params: GammaGamma,
    pub mean_nll: f64,
    pub converged: bool,
}

impl GammaGamma {
    /// E(M | x, m̄): the customer's mean pulled toward the population mean, the more the
    /// fewer repeat purchases. Needs q > 1 (the population mean is v p / (q - 1)).
    pub fn expected_spend(&self, x: f64, monetary: f64) -> f64 {
        let GammaGamma { p, q, v } = *self;
        let weight = p * x / (p * x + q - 1.0);
        let population = v * p / (q - 1.0);
        (1.0 - weight) * population + weight * monetary
    }

    /// Whether the population mean exists (q > 1); without it spend predictions are
    /// meaningless.
    pub fn has_mean(&self) -> bool {
        self.q > 1.0
    }
}

fn nll(log_params: &[f64], data: &[(f64, f64)]) -> (f64, Vec<f64>) {
    let (p, q, v) = (
        log_params[0].exp(),
        log_params[1].exp(),
        log_params[2].exp(),
    );
    let (lg_q, dg_q, ln_v) = (ln_gamma(q), digamma(q), v.ln());
    let mut ll = 0.0;
    let mut g = [0.0f64; 3];
    for &(x, m) in data {
        let px = p * x;
        let (ln_m, ln_x, ln_xmv) = (m.ln(), x.ln(), (x * m + v).ln());
        ll += ln_gamma(px + q) - ln_gamma(px) - lg_q + q * ln_v + (px - 1.0) * ln_m + px * ln_x
            - (px + q) * ln_xmv;
        let dg_pxq = digamma(px + q);
        g[0] += x * (dg_pxq - digamma(px) + ln_m + ln_x - ln_xmv) * p;
        g[1] += (dg_pxq - dg_q + ln_v - ln_xmv) * q;
        g[2] += (q / v - (px + q) / (x * m + v)) * v;
    }
    let n = data.len() as f64;
    (-ll / n, g.iter().map(|d| -d / n).collect())
}

/// Fits on (repeat purchases, mean repeat spend) pairs with x > 0 and spend > 0 (the
/// caller filters and says how many it left out). `None` without such pairs.
pub fn fit(pairs: &[(f64, f64)]) -> Option<GammaGammaFit> {
    if pairs.is_empty() {
        return None;
    }
    let m = bfgs(|p| nll(p, pairs), &[0.1; 3], 1e-10);
    let p: Vec<f64> = m.x.iter().map(|v| v.exp()).collect();
    Some(GammaGammaFit {
        params: GammaGamma {
            p: p[0],
            q: p[1],
            v: p[2],
        },
        mean_nll: m.value,
        converged: m.converged && p.iter().all(|v| v.is_finite() && *v > 0.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_matches_finite_differences() {
        let data = [(1.0, 20.5), (3.0, 41.0), (7.0, 12.25)];
        let p = [0.9, 1.2, 2.5];
        let (_, g) = nll(&p, &data);
        for i in 0..3 {
            let h = 1e-6;
            let mut up = p;
            up[i] += h;
            let mut down = p;
            down[i] -= h;
            let num = (nll(&up, &data).0 - nll(&down, &data).0) / (2.0 * h);
            assert!((num - g[i]).abs() < 1e-7, "{i}: {num} vs {}", g[i]);
        }
    }

    #[test]
    fn expected_spend_shrinks_toward_the_population_mean() {
        // Fader & Hardie's CDNOW estimates (note 025): p 6.25, q 3.74, v 15.44.
        let m = GammaGamma {
            p: 6.25,
            q: 3.74,
            v: 15.44,
        };
        let population = 15.44 * 6.25 / 2.74;
        let one = m.expected_spend(1.0, 100.0);
        let many = m.expected_spend(50.0, 100.0);
        assert!(one > population && one < many && many < 100.0);
    }
}
