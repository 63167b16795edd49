//! Histories generated from known curves: the demo plan's, the reference check's
//! (examples/response_reference.rs) and the benchmark's. The rule, per channel:
//!
//! - spend of month t (whole yuan) = base × (1 + 0.35·sin(2π(t + 2·k)/12) + 0.15·u_t),
//!   a yearly swing shifted per channel k plus a draw u_t uniform in [−1, 1];
//! - revenue = β·(1 − e^(−a_t/κ)) × (1 + noise·v_t), a_t the normalised adstock of the
//!   spend with carry-over θ, v_t uniform in [−1, 1], rounded to the yuan;
//! - new customers = revenue ÷ the channel's order value, rounded.
//!
//! u and v come from SplitMix64 seeded with the channel's index, so the figures are the
//! same in every build.

use super::adstock::adstock;
use super::curve::Curve;
use super::history::SpendMonth;
use crate::domain::channels::month::YearMonth;
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::money::Fen;
use crate::domain::values::random::SplitMix64;

/// A channel's true response, in yuan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Truth {
    pub base_yuan: f64,
    pub beta_yuan: f64,
    pub kappa_yuan: f64,
    pub theta: f64,
    /// Order value per new customer, yuan.
    pub order_value_yuan: f64,
}

impl Truth {
    /// The true curve in fen.
    pub fn curve(&self) -> Curve {
        Curve {
            beta: self.beta_yuan * 100.0,
            kappa: self.kappa_yuan * 100.0,
        }
    }
}

fn uniform(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
}

/// (spend, revenue, new customers) per month, fen / count, for channel `k`.
pub fn months(truth: &Truth, k: usize, n: usize, noise: f64) -> Vec<(i64, i64, u64)> {
    let mut rng = SplitMix64::new(k as u64 + 1);
    let spend: Vec<f64> = (0..n)
        .map(|t| {
            let season = (std::f64::consts::TAU * (t + 2 * k) as f64 / 12.0).sin();
            (truth.base_yuan * (1.0 + 0.35 * season + 0.15 * uniform(&mut rng))).round()
        })
        .collect();
    let curve = Curve {
        beta: truth.beta_yuan,
        kappa: truth.kappa_yuan,
    };
    adstock(&spend, truth.theta)
        .iter()
        .zip(&spend)
        .map(|(&a, &x)| {
            let revenue = (curve.value(a) * (1.0 + noise * uniform(&mut rng))).round();
            let customers = (revenue / truth.order_value_yuan).round() as u64;
            (x as i64 * 100, revenue as i64 * 100, customers)
        })
        .collect()
}

/// The rows of channel `k` named `name`, months from `first`, ids from `ids`.
pub fn rows(
    name: &str,
    truth: &Truth,
    k: usize,
    first: YearMonth,
    n: usize,
    noise: f64,
    ids: &mut impl FnMut() -> RowId,
) -> Vec<SpendMonth> {
    months(truth, k, n, noise)
        .into_iter()
        .enumerate()
        .map(|(t, (spend, revenue, customers))| SpendMonth {
            id: ids(),
            channel: name.into(),
            month: Entry::Value(first.add_months(t as i64).expect("a month in range")),
            spend: Entry::Value(Fen(spend)),
            revenue: Entry::Value(Fen(revenue)),
            new_customers: Entry::Value(customers),
        })
        .collect()
}

/// The demo plan's six channels: (name, online, truth, today's monthly budget in fen).
/// Budgets sum to ¥23,333.33, the demo's 线上广告 + 线下活动 (¥280,000 a year) ÷ 12.
pub const DEMO: [(&str, bool, Truth, i64); 6] = [
    (
        "公众号",
        true,
        t(3_000.0, 30_000.0, 4_000.0, 0.3, 150.0),
        300_000,
    ),
    (
        "直播",
        true,
        t(6_000.0, 45_000.0, 9_000.0, 0.5, 90.0),
        600_000,
    ),
    (
        "本地生活平台",
        true,
        t(4_000.0, 20_000.0, 6_000.0, 0.2, 75.0),
        400_000,
    ),
    (
        "快闪店",
        false,
        t(5_000.0, 36_000.0, 12_000.0, 0.6, 120.0),
        500_000,
    ),
    (
        "门店",
        false,
        t(3_333.33, 40_000.0, 5_000.0, 0.4, 100.0),
        333_333,
    ),
    (
        "地推",
        false,
        t(2_000.0, 8_000.0, 3_000.0, 0.1, 60.0),
        200_000,
    ),
];

/// The demo's revenue noise: ±6 %.
pub const DEMO_NOISE: f64 = 0.06;
/// The demo's months: 24, ending the month before the campaign starts.
pub const DEMO_MONTHS: usize = 24;

const fn t(base: f64, beta: f64, kappa: f64, theta: f64, order_value: f64) -> Truth {
    Truth {
        base_yuan: base,
        beta_yuan: beta,
        kappa_yuan: kappa,
        theta,
        order_value_yuan: order_value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channels::response::fit::fit;

    /// The fit recovers the true curves of generated data: exactly without noise (within
    /// 0.5 %), and at ±6 % noise over 24 months the fitted curve is within 15 % of the
    /// true one at the channel's usual spend.
    #[test]
    fn the_fit_recovers_known_curves() {
        for (k, (name, _, truth, _)) in DEMO.iter().enumerate() {
            let m = months(truth, k, 36, 0.0);
            let spend: Vec<f64> = m.iter().map(|r| r.0 as f64).collect();
            let revenue: Vec<Option<f64>> = m.iter().map(|r| Some(r.1 as f64)).collect();
            let f = fit(&spend, &revenue).unwrap();
            let c = truth.curve();
            // Rounding to the yuan is the only noise.
            assert!((f.curve.beta / c.beta - 1.0).abs() < 5e-3, "{name} {f:?}");
            assert!((f.curve.kappa / c.kappa - 1.0).abs() < 5e-3, "{name} {f:?}");
            assert!((f.theta - truth.theta).abs() < 5e-3, "{name} θ {}", f.theta);

            let m = months(truth, k, DEMO_MONTHS, DEMO_NOISE);
            let spend: Vec<f64> = m.iter().map(|r| r.0 as f64).collect();
            let revenue: Vec<Option<f64>> = m.iter().map(|r| Some(r.1 as f64)).collect();
            let f = fit(&spend, &revenue).unwrap();
            let x = truth.base_yuan * 100.0;
            let rel = f.curve.value(x) / c.value(x) - 1.0;
            assert!(rel.abs() < 0.15, "{name}: {rel} {f:?}");
        }
    }
}
