//! Predicted customer lifetime value as `lifetimes`' `customer_lifetime_value` computes
//! it with freq "D": over `CLV_MONTHS` months of 30 days, the expected purchases of each
//! month times the expected spend per purchase, discounted by the monthly rate:
//! Σ_i spend · (E(30 i) − E(30 (i − 1))) / (1 + d)^i.

use super::bg_nbd::{BgNbd, History};

/// `lifetimes`' default horizon: a year.
pub const CLV_MONTHS: usize = 12;

/// Expected purchases in each of the next months (the increments the CLV sums).
pub fn monthly_purchases(model: &BgNbd, h: History) -> [f64; CLV_MONTHS] {
    let mut out = [0.0; CLV_MONTHS];
    let mut before = model.expected_purchases(0.0, h);
    for (i, slot) in out.iter_mut().enumerate() {
        let now = model.expected_purchases(30.0 * (i + 1) as f64, h);
        *slot = now - before;
        before = now;
    }
    out
}

/// The discounted sum, yuan. `monthly_discount` is a fraction (0.01 for 1 % a month).
pub fn lifetime_value(spend: f64, months: &[f64; CLV_MONTHS], monthly_discount: f64) -> f64 {
    let mut factor = 1.0;
    let mut sum = 0.0;
    for m in months {
        factor *= 1.0 + monthly_discount;
        sum += spend * m / factor;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn increments_add_up_to_the_year_and_discounting_lowers_value() {
        let m = BgNbd {
            r: 0.243,
            alpha: 4.414 * 7.0,
            a: 0.793,
            b: 2.426,
        };
        let h = History {
            x: 4.0,
            t_x: 200.0,
            age: 250.0,
        };
        let months = monthly_purchases(&m, h);
        let year: f64 = months.iter().sum();
        assert!((year - m.expected_purchases(360.0, h)).abs() < 1e-12);
        let plain = lifetime_value(50.0, &months, 0.0);
        assert!((plain - 50.0 * year).abs() < 1e-9);
        assert!(lifetime_value(50.0, &months, 0.05) < plain);
    }
}
