//! Exact rates. A rate is kept as the two counts it came from, so nothing is rounded
//! until it is shown, and a zero denominator is simply "no rate" (shown as "—").

/// `num / den` with `den > 0`, built only through [`Ratio::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    num: u64,
    den: u64,
}

impl Ratio {
    /// `None` when the denominator is zero: there is no rate to show.
    pub fn new(num: u64, den: u64) -> Option<Ratio> {
        (den > 0).then_some(Ratio { num, den })
    }

    pub fn num(self) -> u64 {
        self.num
    }

    pub fn den(self) -> u64 {
        self.den
    }

    /// The rate in hundredths of a percent (basis points), rounded half up:
    /// 324 / 10000 → 324 (3.24%), 4 / 15 → 2667 (26.67%).
    pub fn basis_points(self) -> u64 {
        let scaled = u128::from(self.num) * 10_000;
        let den = u128::from(self.den);
        // Fits: num ≤ u64::MAX, so the quotient ≤ u64::MAX × 10⁴ / 1; saturate just in case.
        u64::try_from((scaled + den / 2) / den).unwrap_or(u64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_denominator_has_no_rate() {
        assert_eq!(Ratio::new(5, 0), None);
        assert_eq!(Ratio::new(0, 0), None);
    }

    #[test]
    fn basis_points_round_half_up() {
        assert_eq!(Ratio::new(324, 10_000).unwrap().basis_points(), 324);
        assert_eq!(Ratio::new(4, 15).unwrap().basis_points(), 2667);
        assert_eq!(Ratio::new(1, 8).unwrap().basis_points(), 1250);
        assert_eq!(Ratio::new(1, 3).unwrap().basis_points(), 3333);
        assert_eq!(Ratio::new(2, 3).unwrap().basis_points(), 6667);
        assert_eq!(Ratio::new(1, 20_000).unwrap().basis_points(), 1); // 0.5 bp rounds up
    }

    #[test]
    fn huge_counts_do_not_overflow() {
        let r = Ratio::new(u64::MAX, u64::MAX).unwrap();
        assert_eq!(r.basis_points(), 10_000);
        let r = Ratio::new(u64::MAX, 1).unwrap();
        assert_eq!(r.basis_points(), u64::MAX);
    }
}
