//! The P10–P90 band: a residual bootstrap. Each of [`REPS`] replicates adds the fit's
//! residuals, drawn with replacement (fixed seed per channel, so the band is the same at
//! every visit), to the fitted outcomes and refits (β, κ) by LM from the fit, holding
//! the carry-over θ at its fitted value. A curve's band and a scenario's range are the
//! 10th and 90th percentiles (linear interpolation, as numpy's default) over the
//! replicates' curves.

use super::curve::Curve;
use super::fit::{levenberg_marquardt, Fit};
use crate::domain::values::random::SplitMix64;

pub const REPS: usize = 200;

/// A channel's seed: FNV-1a of its name, so adding a channel leaves the others' bands.
pub fn seed_of(name: &str) -> u64 {
    name.trim().bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The replicates' curves (a replicate whose refit fails is left out).
pub fn replicates(fit: &Fit, seed: u64, reps: usize) -> Vec<Curve> {
    let mut rng = SplitMix64::new(seed);
    let n = fit.residuals.len();
    let mut points = fit.points.clone();
    (0..reps)
        .filter_map(|_| {
            for (p, &(a, _)) in points.iter_mut().zip(&fit.points) {
                p.1 = fit.curve.value(a) + fit.residuals[rng.below(n)];
            }
            levenberg_marquardt(&points, fit.curve)
        })
        .collect()
}

/// The q-quantile (0..=1) of `values`, linear between order statistics; sorts in place.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let pos = q.clamp(0.0, 1.0) * (values.len() - 1) as f64;
    let (i, frac) = (pos.floor() as usize, pos.fract());
    let next = values[(i + 1).min(values.len() - 1)];
    Some(values[i] + (next - values[i]) * frac)
}

/// P10 and P90 of `values`.
pub fn p10_p90(mut values: Vec<f64>) -> Option<(f64, f64)> {
    Some((quantile(&mut values, 0.1)?, quantile(&mut values, 0.9)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let mut v = vec![4.0, 1.0, 3.0, 2.0, 5.0];
        assert_eq!(quantile(&mut v, 0.1), Some(1.4));
        assert_eq!(quantile(&mut v, 0.5), Some(3.0));
        assert_eq!(quantile(&mut [], 0.5), None);
    }

    #[test]
    fn the_rng_is_uniform_enough_and_fixed() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let mut counts = [0; 4];
        for _ in 0..4000 {
            let i = a.below(4);
            assert_eq!(i, b.below(4));
            counts[i] += 1;
        }
        assert!(
            counts.iter().all(|&c| (900..1100).contains(&c)),
            "{counts:?}"
        );
    }
}
