//! Small statistics for comparing conversion rates: the Wilson score interval, the
//! two-proportion z-test and the standard normal CDF.
//!
//! These are estimates shown next to exact figures, so f64 is fine here; counts stay u64
//! and nothing in this module touches money.

/// The z value of a two-sided 95% confidence level (the 97.5th normal percentile).
pub const Z_95: f64 = 1.959_963_984_540_054;

/// The Wilson score interval for `successes` out of `trials` at critical value `z`
/// (use [`Z_95`] for 95%). Unlike the textbook "p ± z·SE" interval it stays inside
/// [0, 1] and behaves at 0% and 100%, which small stages often hit.
///
/// `None` when `trials` is zero, `successes > trials`, or `z` is negative or not finite.
pub fn wilson_interval(successes: u64, trials: u64, z: f64) -> Option<(f64, f64)> {
    if trials == 0 || successes > trials || !z.is_finite() || z < 0.0 {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // Rounding can push a bound a hair outside [0, 1] at 0% or 100%.
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// The outcome of a two-proportion z-test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZTest {
    /// (p1 − p2) / pooled SE: positive when the first proportion is the higher one.
    pub z: f64,
    /// Two-sided p-value: the chance of a difference at least this large if both groups
    /// had the same true rate.
    pub p_value: f64,
    /// `p_value < 0.05`.
    pub significant_at_95: bool,
}

/// Tests whether `x1 / n1` and `x2 / n2` differ, using the pooled standard error
/// √(p̂(1 − p̂)(1/n1 + 1/n2)) with p̂ = (x1 + x2) / (n1 + n2).
///
/// `None` when a denominator is zero, a numerator exceeds its denominator, or the pooled
/// SE is zero (both groups at 0% or both at 100%: there is no spread to test against).
/// The normal approximation needs a handful of successes and failures in each group;
/// callers decide how many (see `funnel::analysis::compare`).
pub fn two_proportion_z_test(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<ZTest> {
    if n1 == 0 || n2 == 0 || x1 > n1 || x2 > n2 {
        return None;
    }
    let (fx1, fn1, fx2, fn2) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    let pooled = (fx1 + fx2) / (fn1 + fn2);
    let se = (pooled * (1.0 - pooled) * (1.0 / fn1 + 1.0 / fn2)).sqrt();
    if se <= 0.0 || !se.is_finite() {
        return None;
    }
    let z = (fx1 / fn1 - fx2 / fn2) / se;
    // Two-sided: P(|Z| ≥ |z|) = erfc(|z| / √2), computed directly so tiny p-values keep
    // their relative precision instead of becoming 1 − 0.999…
    let p_value = erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0);
    Some(ZTest {
        z,
        p_value,
        significant_at_95: p_value < 0.05,
    })
}

/// The standard normal cumulative distribution function Φ(x), with a relative error
/// below 1.2 × 10⁻⁷ everywhere (see [`erfc`]).
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// The complementary error function, by the Chebyshev fit `erfcc` of Press et al.,
/// *Numerical Recipes* (2nd ed., §6.2): fractional error below 1.2 × 10⁻⁷ for every x.
/// Chosen over Abramowitz–Stegun 7.1.26 because that one bounds the *absolute* error
/// (1.5 × 10⁻⁷), which is useless for p-values far below 10⁻⁷.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn wilson_matches_hand_computed_figures() {
        // 30/100, z = 1.96: p = 0.3, z²/n = 0.038416, centre = 0.319208 / 1.038416,
        // half = 1.96 × √(0.0021 + 0.00009604) / 1.038416 → (0.218948, 0.395850).
        let (lo, hi) = wilson_interval(30, 100, 1.96).unwrap();
        assert!((lo - 0.218_948).abs() < 1e-6, "{lo}");
        assert!((hi - 0.395_850).abs() < 1e-6, "{hi}");
        // The spec's overall 324/10000 → (0.029105, 0.036054).
        let (lo, hi) = wilson_interval(324, 10_000, 1.96).unwrap();
        assert!((lo - 0.029_105).abs() < 1e-6 && (hi - 0.036_054).abs() < 1e-6);
    }

    #[test]
    fn wilson_stays_inside_zero_and_one() {
        // 0/10 → (0, 0.277540); 10/10 → (0.722460, 1).
        let (lo, hi) = wilson_interval(0, 10, 1.96).unwrap();
        assert_eq!(lo, 0.0);
        assert!((hi - 0.277_540).abs() < 1e-6);
        let (lo, hi) = wilson_interval(10, 10, 1.96).unwrap();
        assert!((lo - 0.722_460).abs() < 1e-6);
        assert_eq!(hi, 1.0);
    }

    #[test]
    fn wilson_rejects_impossible_input() {
        assert_eq!(wilson_interval(0, 0, 1.96), None);
        assert_eq!(wilson_interval(5, 4, 1.96), None);
        assert_eq!(wilson_interval(1, 4, f64::NAN), None);
        assert_eq!(wilson_interval(1, 4, -1.0), None);
    }

    #[test]
    fn z_test_matches_hand_computed_figures() {
        // 3000/10000 vs 2500/10000: p̂ = 0.275, SE = √(0.275 × 0.725 × 2/10000)
        // = 0.00631466, z = 0.05 / SE = 7.918076, two-sided p = 2.4121e-15.
        let t = two_proportion_z_test(3000, 10_000, 2500, 10_000).unwrap();
        assert!((t.z - 7.918_076).abs() < 1e-5, "{}", t.z);
        assert!(close(t.p_value, 2.412_142_6e-15, 1e-6), "{}", t.p_value);
        assert!(t.significant_at_95);
        // The same rates on 100 each: z = 0.791808, p = 0.428473, not significant.
        let t = two_proportion_z_test(30, 100, 25, 100).unwrap();
        assert!((t.z - 0.791_808).abs() < 1e-5);
        assert!((t.p_value - 0.428_473).abs() < 1e-6);
        assert!(!t.significant_at_95);
        // Order flips the sign only: 540/1800 vs 500/1800 → z = 1.470871, p = 0.141326.
        let t = two_proportion_z_test(500, 1800, 540, 1800).unwrap();
        assert!((t.z + 1.470_871).abs() < 1e-5);
        assert!((t.p_value - 0.141_326).abs() < 1e-6);
    }

    #[test]
    fn z_test_needs_spread_and_denominators() {
        assert_eq!(two_proportion_z_test(0, 0, 1, 2), None);
        assert_eq!(two_proportion_z_test(1, 2, 0, 0), None);
        assert_eq!(two_proportion_z_test(0, 50, 0, 80), None);
        assert_eq!(two_proportion_z_test(50, 50, 80, 80), None);
        assert_eq!(two_proportion_z_test(3, 2, 1, 2), None);
    }

    #[test]
    fn normal_cdf_reference_values() {
        // Reference Φ values (to 10+ digits): Φ(1) = 0.8413447461, Φ(1.96) = 0.9750021049,
        // Φ(−3) = 0.0013498980, Φ(−6) = 9.865876e-10.
        assert!(close(normal_cdf(0.0), 0.5, 1.2e-7));
        assert!(close(normal_cdf(1.0), 0.841_344_746_1, 1.2e-7));
        assert!(close(normal_cdf(1.96), 0.975_002_104_9, 1.2e-7));
        assert!(close(normal_cdf(-1.96), 0.024_997_895_1, 1.2e-7));
        assert!(close(normal_cdf(-3.0), 0.001_349_898_0, 1.2e-7));
        assert!(close(normal_cdf(-6.0), 9.865_876_45e-10, 1.2e-7));
        assert_eq!(normal_cdf(f64::INFINITY), 1.0);
        assert_eq!(normal_cdf(f64::NEG_INFINITY), 0.0);
    }
}
