//! How much of the browser's per-site key-value store this site's data takes, counted as
//! browsers count it, and when Settings warns that it is filling. Plain arithmetic; the
//! browser calls that measure are in `state::storage_use`, the figures are formatted in
//! `i18n::format`.

use crate::domain::values::ratio::Ratio;

/// What browsers keep per site in `localStorage`: Chromium 10 MiB counted as two bytes per
/// UTF-16 unit, Firefox 5 MiB counted per unit, Safari about 5 MB. One limit in UTF-16
/// units serves them all: 5 Mi units.
pub const LOCAL_LIMIT_UNITS: u64 = 5 * 1024 * 1024;

/// Four fifths of `limit` (rounded down, never overflowing): from there on, Settings warns
/// and suggests moving plans out.
pub fn filling_from(limit: u64) -> u64 {
    limit / 5 * 4 + limit % 5 * 4 / 5
}

/// The key-value store's use: UTF-16 units of every key and value the site stores
/// (how browsers count it), against the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalUse {
    pub units: u64,
    pub limit: u64,
}

/// How full a store is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fullness {
    Roomy,
    /// From [`filling_from`] the limit on: the next large plan may not fit.
    Filling,
}

impl LocalUse {
    /// Sums `(key, value)` lengths in UTF-16 units, as the browser counts them.
    pub fn of<'a>(items: impl IntoIterator<Item = (&'a str, &'a str)>) -> LocalUse {
        let units = items
            .into_iter()
            .map(|(k, v)| utf16_len(k) + utf16_len(v))
            .sum();
        LocalUse {
            units,
            limit: LOCAL_LIMIT_UNITS,
        }
    }

    /// The share of the limit in use (shown with `format_rate`, "—" without a limit).
    pub fn share(&self) -> Option<Ratio> {
        Ratio::new(self.units, self.limit)
    }

    pub fn fullness(&self) -> Fullness {
        if self.limit > 0 && self.units >= filling_from(self.limit) {
            Fullness::Filling
        } else {
            Fullness::Roomy
        }
    }
}

fn utf16_len(s: &str) -> u64 {
    // A char outside the BMP is two UTF-16 units; every other char is one.
    s.chars().map(|c| c.len_utf16() as u64).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_count_in_utf16_units() {
        let used = LocalUse::of([("ab", "计划"), ("k", "😀")]);
        // "ab" 2 + "计划" 2 + "k" 1 + an emoji as a surrogate pair 2.
        assert_eq!(used.units, 7);
        assert_eq!(used.limit, LOCAL_LIMIT_UNITS);
    }

    #[test]
    fn an_empty_store_is_roomy_and_reads_zero() {
        let used = LocalUse::of([]);
        assert_eq!(used.units, 0);
        assert_eq!(used.fullness(), Fullness::Roomy);
        assert_eq!(used.share().map(Ratio::basis_points), Some(0));
    }

    #[test]
    fn four_fifths_of_the_limit_is_filling() {
        assert_eq!(filling_from(LOCAL_LIMIT_UNITS), LOCAL_LIMIT_UNITS * 4 / 5);
        assert_eq!(filling_from(u64::MAX), (u64::MAX as u128 * 4 / 5) as u64);
        let just_under = LocalUse {
            units: LOCAL_LIMIT_UNITS * 4 / 5 - 1,
            limit: LOCAL_LIMIT_UNITS,
        };
        let at = LocalUse {
            units: LOCAL_LIMIT_UNITS * 4 / 5,
            limit: LOCAL_LIMIT_UNITS,
        };
        assert_eq!(just_under.fullness(), Fullness::Roomy);
        assert_eq!(at.fullness(), Fullness::Filling);
    }

    #[test]
    fn the_share_is_a_ratio_of_the_limit_and_none_without_one() {
        let used = LocalUse {
            units: LOCAL_LIMIT_UNITS / 4,
            limit: LOCAL_LIMIT_UNITS,
        };
        assert_eq!(used.share().map(Ratio::basis_points), Some(2500));
        let no_limit = LocalUse { units: 5, limit: 0 };
        assert_eq!(no_limit.share(), None);
        assert_eq!(no_limit.fullness(), Fullness::Roomy);
    }
}
