//! The budget optimiser. Maximise Σ f_i(x_i) subject to Σ x_i = B and lo_i ≤ x_i ≤ hi_i.
//! Every f_i is concave (`curve`), so the optimum equalises marginal returns: for a
//! multiplier λ each channel spends x_i(λ) = clamp(f_i'⁻¹(λ), lo_i, hi_i), and λ is
//! found by bisection so that Σ x_i(λ) = B ("water-filling"). A channel at a limit has a
//! marginal return above (at its maximum) or below (at its minimum) λ.
//!
//! The result is rounded to whole fen by the largest remainder (as the budget split),
//! so it sums exactly to B and stays inside the limits.
//!
//! Inverse questions, both over the budget B in [Σ lo, Σ hi]:
//! - the least B whose optimum reaches a target outcome (the optimum rises with B);
//! - the largest B whose optimum's ROAS (outcome ÷ B) is still at least a target (the
//!   optimum's ROAS falls as B grows, the curves being concave through 0).

use super::curve::Curve;
use crate::domain::values::money::Fen;

/// One channel's limits in fen; `hi` None = no maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub lo: i64,
    pub hi: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Infeasible {
    /// The minimums alone exceed the total (Σ lo).
    BelowMinimums(Fen),
    /// The maximums cannot absorb the total (Σ hi).
    AboveMaximums(Fen),
    /// A minimum above its maximum (the channel's index).
    LimitsCross(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Optimum {
    pub spend: Vec<Fen>,
    /// The equalised marginal return λ (outcome per fen).
    pub lambda: f64,
    /// Σ f_i(x_i) at the rounded spends, fen.
    pub outcome: f64,
}

fn check(limits: &[Limits], total: i64) -> Result<(), Infeasible> {
    if let Some(i) = limits.iter().position(|l| l.hi.is_some_and(|h| h < l.lo)) {
        return Err(Infeasible::LimitsCross(i));
    }
    let lo: i64 = limits.iter().map(|l| l.lo).sum();
    if total < lo {
        return Err(Infeasible::BelowMinimums(Fen(lo)));
    }
    if let Some(hi) = limits.iter().map(|l| l.hi).sum::<Option<i64>>() {
        if total > hi {
            return Err(Infeasible::AboveMaximums(Fen(hi)));
        }
    }
    Ok(())
}

/// The continuous optimum (fen as f64) and λ.
pub fn continuous(
    curves: &[Curve],
    limits: &[Limits],
    total: i64,
) -> Result<(Vec<f64>, f64), Infeasible> {
    check(limits, total)?;
    let b = total as f64;
    let at = |lambda: f64| -> Vec<f64> {
        curves
            .iter()
            .zip(limits)
            .map(|(c, l)| {
                let hi = l.hi.map_or(b, |h| h as f64);
                c.spend_at_marginal(lambda)
                    .clamp(l.lo as f64, hi.max(l.lo as f64))
            })
            .collect()
    };
    let sum = |x: &[f64]| x.iter().sum::<f64>();
    // λ between 0 (everyone at the maximum) and the steepest first return (at minimums).
    let mut hi_l = curves
        .iter()
        .map(|c| c.beta / c.kappa)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE)
        * 2.0;
    let mut lo_l = hi_l;
    for _ in 0..2000 {
        if sum(&at(lo_l)) >= b || lo_l < 1e-300 {
            break;
        }
        lo_l /= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo_l + hi_l);
        if mid <= lo_l || mid >= hi_l {
            break;
        }
        if sum(&at(mid)) >= b {
            lo_l = mid;
        } else {
            hi_l = mid;
        }
    }
    let lambda = 0.5 * (lo_l + hi_l);
    let mut x = at(lo_l);
    // The gap left by bisection's last step goes to the channels not at a limit.
    let gap = b - sum(&x);
    let free: Vec<usize> = (0..x.len())
        .filter(|&i| {
            let hi = limits[i].hi.map_or(f64::INFINITY, |h| h as f64);
            x[i] > limits[i].lo as f64 && x[i] < hi
        })
        .collect();
    if !free.is_empty() {
        for &i in &free {
            x[i] += gap / free.len() as f64;
        }
    }
    Ok((x, lambda))
}

/// Whole fen summing exactly to `total`: each floored, then one fen to the largest
/// fractions (the earlier channel on a tie) that are below their maximum.
pub fn round_to_fen(x: &[f64], limits: &[Limits], total: i64) -> Vec<Fen> {
    let mut out: Vec<i64> = x
        .iter()
        .zip(limits)
        .map(|(&v, l)| (v.floor() as i64).max(l.lo).min(l.hi.unwrap_or(i64::MAX)))
        .collect();
    let mut left = total - out.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| {
        (x[b] - x[b].floor())
            .total_cmp(&(x[a] - x[a].floor()))
            .then(a.cmp(&b))
    });
    while left != 0 {
        let before = left;
        for &i in &order {
            if left > 0 && limits[i].hi.is_none_or(|h| out[i] < h) {
                out[i] += 1;
                left -= 1;
            } else if left < 0 && out[i] > limits[i].lo {
                out[i] -= 1;
                left += 1;
            }
            if left == 0 {
                break;
            }
        }
        if left == before {
            break;
        }
    }
    out.into_iter().map(Fen).collect()
}

pub fn outcome(curves: &[Curve], spend: &[Fen]) -> f64 {
    curves
        .iter()
        .zip(spend)
        .map(|(c, s)| c.value(s.0 as f64))
        .sum()
}

/// The allocation of `total` that maximises the predicted outcome.
pub fn optimise(curves: &[Curve], limits: &[Limits], total: Fen) -> Result<Optimum, Infeasible> {
    let (x, lambda) = continuous(curves, limits, total.0)?;
    let spend = round_to_fen(&x, limits, total.0);
    Ok(Optimum {
        outcome: outcome(curves, &spend),
        spend,
        lambda,
    })
}

fn range(limits: &[Limits]) -> (i64, Option<i64>) {
    (
        limits.iter().map(|l| l.lo).sum(),
        limits.iter().map(|l| l.hi).sum::<Option<i64>>(),
    )
}

/// The least total (whole fen) whose optimum reaches `target`; `None` if even the
/// largest budget the limits allow (or `cap` without maximums) falls short.
pub fn least_spend_for_outcome(
    curves: &[Curve],
    limits: &[Limits],
    target: f64,
    cap: i64,
) -> Option<Optimum> {
    let (lo, hi) = range(limits);
    let hi = hi.unwrap_or(cap).max(lo);
    let value = |b: i64| optimise(curves, limits, Fen(b)).ok();
    if value(hi)?.outcome < target {
        return None;
    }
    let (mut a, mut z) = (lo, hi);
    if value(a)?.outcome >= target {
        return value(a);
    }
    while z - a > 1 {
        let mid = a + (z - a) / 2;
        if value(mid)?.outcome >= target {
            z = mid;
        } else {
            a = mid;
        }
    }
    value(z)
}

/// The largest total whose optimum's ROAS (outcome ÷ total) is at least `target`;
/// `None` if no budget in range reaches it.
pub fn largest_spend_for_roas(
    curves: &[Curve],
    limits: &[Limits],
    target: f64,
    cap: i64,
) -> Option<Optimum> {
    let (lo, hi) = range(limits);
    let hi = hi.unwrap_or(cap).max(lo);
    let roas_ok = |b: i64| {
        optimise(curves, limits, Fen(b))
            .ok()
            .filter(|o| b > 0 && o.outcome >= target * b as f64)
    };
    let lo = lo.max(1);
    if let Some(o) = roas_ok(hi) {
        return Some(o);
    }
    roas_ok(lo)?;
    let (mut a, mut z) = (lo, hi);
    while z - a > 1 {
        let mid = a + (z - a) / 2;
        if roas_ok(mid).is_some() {
            a = mid;
        } else {
            z = mid;
        }
    }
    roas_ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curves() -> Vec<Curve> {
        vec![
            Curve {
                beta: 9e6,
                kappa: 2e6,
            },
            Curve {
                beta: 4e6,
                kappa: 5e5,
            },
            Curve {
                beta: 2e7,
                kappa: 8e6,
            },
        ]
    }

    const FREE: Limits = Limits { lo: 0, hi: None };

    #[test]
    fn marginal_returns_are_equal_where_no_limit_binds() {
        let c = curves();
        let o = optimise(&c, &[FREE; 3], Fen(6_000_000)).unwrap();
        assert_eq!(o.spend.iter().map(|f| f.0).sum::<i64>(), 6_000_000);
        for (c, s) in c.iter().zip(&o.spend) {
            if s.0 > 0 {
                assert!((c.marginal(s.0 as f64) / o.lambda - 1.0).abs() < 1e-5);
            }
        }
    }

    #[test]
    fn limits_hold_and_infeasible_totals_are_named() {
        let c = curves();
        let limits = [
            Limits {
                lo: 3_000_000,
                hi: None,
            },
            FREE,
            Limits {
                lo: 0,
                hi: Some(100_000),
            },
        ];
        let o = optimise(&c, &limits, Fen(5_000_001)).unwrap();
        assert!(o.spend[0].0 >= 3_000_000 && o.spend[2].0 <= 100_000);
        assert_eq!(o.spend.iter().map(|f| f.0).sum::<i64>(), 5_000_001);
        assert_eq!(
            optimise(&c, &limits, Fen(10)),
            Err(Infeasible::BelowMinimums(Fen(3_000_000)))
        );
        let capped = [Limits { lo: 0, hi: Some(5) }; 3];
        assert_eq!(
            optimise(&c, &capped, Fen(16)),
            Err(Infeasible::AboveMaximums(Fen(15)))
        );
    }

    #[test]
    fn inverse_targets_find_the_edge_budget() {
        let c = curves();
        let target = optimise(&c, &[FREE; 3], Fen(4_000_000)).unwrap().outcome;
        let least = least_spend_for_outcome(&c, &[FREE; 3], target, 1_000_000_000).unwrap();
        let total: i64 = least.spend.iter().map(|f| f.0).sum();
        assert!((total - 4_000_000).abs() <= 1, "{total}");
        assert!(least_spend_for_outcome(&c, &[FREE; 3], 1e12, 1_000_000_000).is_none());
        let roas = largest_spend_for_roas(&c, &[FREE; 3], 2.0, 1_000_000_000).unwrap();
        let b: i64 = roas.spend.iter().map(|f| f.0).sum();
        assert!(roas.outcome >= 2.0 * b as f64);
        let more = optimise(&c, &[FREE; 3], Fen(b + 1)).unwrap();
        assert!(more.outcome < 2.0 * (b + 1) as f64);
    }
}
