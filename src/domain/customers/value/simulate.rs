//! Purchasing simulated from known BG/NBD and Gamma-Gamma parameters, from a fixed seed:
//! the tests check the fits recover the parameters, and the reference check and the
//! bench feed the same orders to `lifetimes`.

use super::bg_nbd::{BgNbd, History};
use super::gamma_gamma::GammaGamma;
use crate::domain::customers::orders::Order;
use crate::domain::values::money::Fen;

pub use crate::domain::values::random::SplitMix64 as Rng;

/// The distributions the simulations draw from (ln and cos of the platform's libm: a
/// simulation is checked by what it recovers, not by its bytes).
pub trait Draws {
    fn normal(&mut self) -> f64;
    /// Gamma(shape, rate) (Marsaglia & Tsang; shape < 1 by the u^(1/shape) boost).
    fn gamma(&mut self, shape: f64, rate: f64) -> f64;
    fn beta(&mut self, a: f64, b: f64) -> f64;
    fn exponential(&mut self, rate: f64) -> f64;
}

impl Draws for Rng {
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }

    fn gamma(&mut self, shape: f64, rate: f64) -> f64 {
        if shape < 1.0 {
            let u = self.uniform();
            return self.gamma(shape + 1.0, rate) * u.powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.uniform();
            if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v / rate;
            }
        }
    }

    fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a, 1.0);
        let y = self.gamma(b, 1.0);
        x / (x + y)
    }

    fn exponential(&mut self, rate: f64) -> f64 {
        -self.uniform().ln() / rate
    }
}

/// One customer's purchase times (from their first, at 0) over `age` time units.
fn purchase_times(rng: &mut Rng, m: &BgNbd, age: f64) -> Vec<f64> {
    let lambda = rng.gamma(m.r, m.alpha);
    let p = rng.beta(m.a, m.b);
    let mut times = vec![0.0];
    let mut t = 0.0;
    loop {
        t += rng.exponential(lambda);
        if t > age {
            break;
        }
        times.push(t);
        // After each repeat purchase the customer may leave for good (BG/NBD: not after
        // the first, which only starts the observation).
        if rng.uniform() < p {
            break;
        }
    }
    times
}

/// Continuous-time histories of customers with ages uniform in [age_min, age_max].
pub fn histories(m: &BgNbd, n: usize, age_min: f64, age_max: f64, seed: u64) -> Vec<History> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let age = age_min + (age_max - age_min) * rng.uniform();
            let times = purchase_times(&mut rng, m, age);
            History {
                x: (times.len() - 1) as f64,
                t_x: *times.last().unwrap_or(&0.0),
                age,
            }
        })
        .collect()
}

/// Mean spend over `x` purchases of a customer drawn from the Gamma-Gamma model.
pub fn mean_spends(gg: &GammaGamma, xs: &[u32], seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    xs.iter()
        .map(|&x| {
            let nu = rng.gamma(gg.q, gg.v);
            let total: f64 = (0..x).map(|_| rng.gamma(gg.p, nu)).sum();
            total / f64::from(x.max(1))
        })
        .collect()
}

/// Orders of `n` customers whose first purchase falls uniformly in the first
/// `acquisition_days` of `[start, start + days)`; purchase days are the simulated times'
/// whole days (several purchases on a day stay several orders), amounts in fen from the
/// Gamma-Gamma model (at least 1 fen).
pub fn orders(
    m: &BgNbd,
    gg: &GammaGamma,
    n: usize,
    start: i32,
    days: i32,
    acquisition_days: i32,
    seed: u64,
) -> Vec<Order> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for c in 0..n {
        let first = rng.uniform() * f64::from(acquisition_days);
        let age = f64::from(days) - first;
        let nu = rng.gamma(gg.q, gg.v);
        for t in purchase_times(&mut rng, m, age) {
            let yuan = rng.gamma(gg.p, nu);
            out.push(Order {
                customer: c as u32,
                day: start + (first + t).floor() as i32,
                amount: Fen(((yuan * 100.0).round() as i64).max(1)),
                channel: None,
                store: None,
            });
        }
    }
    out
}
