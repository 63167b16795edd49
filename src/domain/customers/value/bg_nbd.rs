//! The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"),
//! written as `lifetimes`' `BetaGeoFitter`: the same log-likelihood (section 7 of the
//! paper), fitted on the log-parameters with time scaled so the oldest customer's age is
//! 1, from the same starting point (every log-parameter 0.1), no penalizer; P(alive)
//! (Hardie's note 021) and the conditional expected purchases (equation 10).

use super::optimize::bfgs;
use super::special::{digamma, hyp2f1, ln_gamma};

/// The four parameters, time in days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// A customer's history: repeat purchase days, recency, age (days).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct History {
    pub x: f64,
    pub t_x: f64,
    pub age: f64,
}

/// The result of a fit.
#[derive(Debug, Clone, PartialEq)]
pub struct BgNbdFit {
    pub params: BgNbd,
    /// Mean negative log-likelihood per customer (scaled time, as `lifetimes` reports it).
    pub mean_nll: f64,
    pub converged: bool,
}

impl BgNbd {
    /// P(alive | x, t_x, T); 1 for a customer without repeat purchases.
    pub fn p_alive(&self, h: History) -> f64 {
        if h.x == 0.0 {
            return 1.0;
        }
        let log_div = (self.r + h.x) * ((self.alpha + h.age) / (self.alpha + h.t_x)).ln()
            + (self.a / (self.b + h.x - 1.0)).ln();
        1.0 / (1.0 + log_div.exp())
    }

    /// Expected repeat purchases in the next `t` days given the history (equation 10).
    /// The hypergeometric term is taken through Euler's transformation,
    /// 2F1(r+x, b+x; a+b+x-1; z) (1-z)^(r+x) = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z),
    /// an identity whose series stays small for any x (the raw one overflows for frequent
    /// buyers; `lifetimes` switches to the same form when it does).
    pub fn expected_purchases(&self, t: f64, h: History) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let x = h.x;
        let z = t / (alpha + h.age + t);
        let c = a + b + x - 1.0;
        let hyp = hyp2f1(a + b - 1.0 - r, a - 1.0, c, z);
        let second = 1.0 - (1.0 - z).powf(a - 1.0) * hyp;
        let first = c / (a - 1.0);
        let denominator = if x > 0.0 {
            1.0 + (a / (b + x - 1.0)) * ((alpha + h.age) / (alpha + h.t_x)).powf(r + x)
        } else {
            1.0
        };
        first * second / denominator
    }
}

/// Distinct histories with their counts: the likelihood is a weighted sum over them, and
/// day-based histories repeat a lot (a million orders hold far fewer distinct triples).
fn condense(histories: &[History]) -> Vec<(History, f64)> {
    let mut keyed: Vec<([u64; 3], History)> = histories
        .iter()
        .map(|h| ([h.x.to_bits(), h.t_x.to_bits(), h.age.to_bits()], *h))
        .collect();
    keyed.sort_unstable_by_key(|(k, _)| *k);
    let mut out: Vec<(History, f64)> = Vec::new();
    let mut last = None;
    for (k, h) in keyed {
        if last == Some(k) {
            if let Some(e) = out.last_mut() {
                e.1 += 1.0;
            }
        } else {
            out.push((h, 1.0));
            last = Some(k);
        }
    }
    out
}

/// Mean negative log-likelihood and its gradient in the log-parameters, time scaled.
fn nll(log_params: &[f64], data: &[(History, f64)], total: f64) -> (f64, Vec<f64>) {
    let (r, alpha, a, b) = (
        log_params[0].exp(),
        log_params[1].exp(),
        log_params[2].exp(),
        log_params[3].exp(),
    );
    let (lg_r, lg_ab, lg_b) = (ln_gamma(r), ln_gamma(a + b), ln_gamma(b));
    let (dg_r, dg_ab, dg_b) = (digamma(r), digamma(a + b), digamma(b));
    let (ln_alpha, ln_a) = (alpha.ln(), a.ln());
    // Everything that depends on x alone, once per repeat count (x is a small integer):
    // a1 + a2, and the digamma parts of the r, a, b derivatives.
    let max_x = data.iter().map(|(h, _)| h.x as usize).max().unwrap_or(0);
    let per_x: Vec<[f64; 4]> = (0..=max_x)
        .map(|x| {
            let x = x as f64;
            let dg_abx = digamma(a + b + x);
            [
                ln_gamma(r + x) - lg_r + r * ln_alpha + lg_ab + ln_gamma(b + x)
                    - lg_b
                    - ln_gamma(a + b + x),
                digamma(r + x) - dg_r + ln_alpha,
                dg_ab - dg_abx,
                dg_ab + digamma(b + x) - dg_b - dg_abx,
            ]
        })
        .collect();
    let mut ll = 0.0;
    let mut g = [0.0f64; 4];
    for &(h, w) in data {
        let x = h.x;
        let [a12, dr_x, da_x, db_x] = per_x[x as usize];
        let ln_at = (alpha + h.age).ln();
        let ln_ar = (alpha + h.t_x).ln();
        let a3 = -(r + x) * ln_at;
        let bx = b + x.max(1.0) - 1.0;
        let a4 = ln_a - bx.ln() - (r + x) * ln_ar;
        let (l, w3, w4) = if x > 0.0 {
            let m = a3.max(a4);
            let (e3, e4) = ((a3 - m).exp(), (a4 - m).exp());
            let s = e3 + e4;
            (m + s.ln(), e3 / s, e4 / s)
        } else {
            (a3, 1.0, 0.0)
        };
        ll += w * (a12 + l);
        let d_r = dr_x - w3 * ln_at - w4 * ln_ar;
        let d_alpha = r / alpha - w3 * (r + x) / (alpha + h.age) - w4 * (r + x) / (alpha + h.t_x);
        let d_a = da_x + w4 / a;
        let d_b = db_x - w4 / bx;
        g[0] += w * d_r * r;
        g[1] += w * d_alpha * alpha;
        g[2] += w * d_a * a;
        g[3] += w * d_b * b;
    }
    (-ll / total, g.iter().map(|v| -v / total).collect())
}

/// Maximum-likelihood fit. `None` without customers or without any age.
pub fn fit(histories: &[History]) -> Option<BgNbdFit> {
    let max_age = histories.iter().map(|h| h.age).fold(0.0f64, f64::max);
    if histories.is_empty() || max_age <= 0.0 {
        return None;
    }
    let scale = 1.0 / max_age;
    let scaled: Vec<History> = histories
        .iter()
        .map(|h| History {
            x: h.x,
            t_x: h.t_x * scale,
            age: h.age * scale,
        })
        .collect();
    let data = condense(&scaled);
    let total = histories.len() as f64;
    let m = bfgs(|p| nll(p, &data, total), &[0.1; 4], 1e-10);
    let p: Vec<f64> = m.x.iter().map(|v| v.exp()).collect();
    Some(BgNbdFit {
        params: BgNbd {
            r: p[0],
            alpha: p[1] / scale,
            a: p[2],
            b: p[3],
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
        let hs = [
            History {
                x: 0.0,
                t_x: 0.0,
                age: 0.8,
            },
            History {
                x: 3.0,
                t_x: 0.5,
                age: 0.9,
            },
            History {
                x: 1.0,
                t_x: 0.1,
                age: 1.0,
            },
            History {
                x: 12.0,
                t_x: 0.95,
                age: 1.0,
            },
        ];
        let data = condense(&hs);
        let p = [-0.3, 0.4, -0.2, 0.7];
        let (_, g) = nll(&p, &data, 4.0);
        for i in 0..4 {
            let h = 1e-6;
            let mut up = p;
            up[i] += h;
            let mut down = p;
            down[i] -= h;
            let num = (nll(&up, &data, 4.0).0 - nll(&down, &data, 4.0).0) / (2.0 * h);
            assert!((num - g[i]).abs() < 1e-7, "{i}: {num} vs {}", g[i]);
        }
    }

    #[test]
    fn expected_purchases_equal_the_raw_hypergeometric_form() {
        // Equation 10 as written (2F1(r+x, b+x; a+b+x-1; z)), where its series is safe.
        let m = BgNbd {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
        };
        for (t, h) in [
            (
                30.0,
                History {
                    x: 0.0,
                    t_x: 0.0,
                    age: 38.86,
                },
            ),
            (
                10.0,
                History {
                    x: 2.0,
                    t_x: 30.43,
                    age: 38.86,
                },
            ),
            (
                39.0,
                History {
                    x: 5.0,
                    t_x: 20.0,
                    age: 32.0,
                },
            ),
        ] {
            let (x, c) = (h.x, m.a + m.b + h.x - 1.0);
            let z = t / (m.alpha + h.age + t);
            let raw = hyp2f1(m.r + x, m.b + x, c, z);
            let second = 1.0 - raw * ((m.alpha + h.age) / (m.alpha + h.age + t)).powf(m.r + x);
            let den = if x > 0.0 {
                1.0 + m.a / (m.b + x - 1.0) * ((m.alpha + h.age) / (m.alpha + h.t_x)).powf(m.r + x)
            } else {
                1.0
            };
            let want = c / (m.a - 1.0) * second / den;
            let got = m.expected_purchases(t, h);
            assert!(
                (got - want).abs() < 1e-12 * want.abs().max(1.0),
                "{got} vs {want}"
            );
        }
        assert_eq!(
            m.expected_purchases(
                0.0,
                History {
                    x: 3.0,
                    t_x: 5.0,
                    age: 9.0
                }
            ),
            0.0
        );
    }

    #[test]
    fn p_alive_is_one_without_repeats_and_falls_with_silence() {
        let m = BgNbd {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
        };
        assert_eq!(
            m.p_alive(History {
                x: 0.0,
                t_x: 0.0,
                age: 30.0
            }),
            1.0
        );
        let recent = m.p_alive(History {
            x: 4.0,
            t_x: 29.0,
            age: 30.0,
        });
        let silent = m.p_alive(History {
            x: 4.0,
            t_x: 5.0,
            age: 30.0,
        });
        assert!(recent > 0.8 && silent < recent, "{recent} {silent}");
    }
}
