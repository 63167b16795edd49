//! How much of the browser's storage this site's plans take, in figures a merchant reads
//! in Settings: the share of the key-value store's limit, and the site's other data
//! against its quota. Plain arithmetic and formatting; the browser calls that measure are
//! in `state::storage_use`.

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

// Integer arithmetic throughout: formatting a float would bring the float printer (about
// 18 KB gzip) into the Settings module for two figures.

/// A share as a whole percent for people ("0%" only when nothing is used; a tiny use
/// reads "<1%"), or "—" without a limit.
pub fn format_share(used: u64, limit: u64) -> String {
    if limit == 0 {
        return "—".to_string();
    }
    let hundredfold = used as u128 * 100;
    let limit = limit as u128;
    if used == 0 {
        "0%".to_string()
    } else if hundredfold < limit {
        "<1%".to_string()
    } else {
        format!("{}%", (hundredfold + limit / 2) / limit)
    }
}

/// A size in binary units as storage settings show them: "512 B", "1.5 KB", "12 MB",
/// "2.3 GB" (one decimal below ten, none above; halves round up).
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let bytes = bytes as u128;
    let (mut unit, mut div) = (0, 1024u128);
    while bytes >= div * 1024 && unit < UNITS.len() - 1 {
        div *= 1024;
        unit += 1;
    }
    let tenths = (bytes * 10 + div / 2) / div;
    if tenths < 100 {
        format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
    } else {
        format!("{} {}", (bytes + div / 2) / div, UNITS[unit])
    }
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
        assert_eq!(format_share(used.units, used.limit), "0%");
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
    fn shares_read_as_whole_percents_and_a_zero_limit_as_a_dash() {
        assert_eq!(format_share(1, 1000), "<1%");
        assert_eq!(format_share(10, 1000), "1%");
        assert_eq!(format_share(234, 1000), "23%");
        assert_eq!(format_share(1000, 1000), "100%");
        assert_eq!(format_share(5, 0), "—");
        assert_eq!(format_share(LOCAL_LIMIT_UNITS, LOCAL_LIMIT_UNITS), "100%");
        assert_eq!(format_share(u64::MAX, u64::MAX), "100%");
    }

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(1023), "1023 B");
        assert_eq!(format_size(1024), "1.0 KB");
        assert_eq!(format_size(1536), "1.5 KB");
        assert_eq!(format_size(10 * 1024 - 40), "10 KB");
        assert_eq!(format_size(5 * 1024 * 1024), "5.0 MB");
        assert_eq!(format_size(123_456_789), "118 MB");
        assert_eq!(format_size(3 * 1024 * 1024 * 1024), "3.0 GB");
        assert_eq!(format_size(1024 * 1024 - 41), "1024 KB");
        assert_eq!(format_size(u64::MAX), "16777216 TB");
    }
}
