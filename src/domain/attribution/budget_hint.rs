//! A budget hint per channel: attributed revenue ÷ channel spend (return on ad spend).
//! The spend comes from the plan's channel table (matched by name) unless the user types
//! another figure on the attribution page, hence a pure function of both.

use crate::domain::channels::compare::ChannelRow;
use crate::domain::values::entry::Entry;
use crate::domain::values::money::Fen;

/// The spend of the channel table's rows named like an attribution channel (names
/// compared trimmed and case-insensitively, so "Douyin " matches "douyin"); summed when
/// the table lists the same channel twice. `None` when no row matches or none has spend.
pub fn channel_table_spend<'a>(
    rows: impl IntoIterator<Item = &'a ChannelRow>,
    channel: &str,
) -> Option<Fen> {
    let wanted = channel.trim().to_lowercase();
    rows.into_iter()
        .filter(|r| r.name.trim().to_lowercase() == wanted)
        .filter_map(|r| match r.spend {
            Entry::Value(f) => Some(f),
            _ => None,
        })
        .reduce(|a, b| Fen(a.0.saturating_add(b.0)))
}

/// Which way to move a channel's budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    Increase,
    Keep,
    Decrease,
}

/// One channel's hint.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BudgetHint {
    /// Attributed revenue ÷ spend; `None` without spend.
    pub roas: Option<f64>,
    /// Spend ÷ attributed conversions, in fen; `None` without spend or conversions.
    pub cost_per_conversion: Option<f64>,
    pub advice: Option<Advice>,
}

/// A channel returning at least this much more than the average (revenue over spend of
/// every channel with spend) is worth more budget; this much less, less budget.
pub const ADVICE_BAND: f64 = 0.2;

/// Hints from one model's credits (`value` in fen, `conversions`) and each channel's
/// spend (`None`: not entered). Advice compares a channel's ROAS with the average ROAS
/// of the channels with spend: ≥ 1.2 × average → increase, ≤ 0.8 × → decrease, else keep.
pub fn budget_hints(value: &[f64], conversions: &[f64], spend: &[Option<Fen>]) -> Vec<BudgetHint> {
    let spent: Vec<(usize, f64)> = spend
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.filter(|s| s.0 > 0).map(|s| (i, s.0 as f64)))
        .collect();
    let total_spend: f64 = spent.iter().map(|s| s.1).sum();
    let total_value: f64 = spent
        .iter()
        .map(|(i, _)| value.get(*i).copied().unwrap_or(0.0))
        .sum();
    let average = (total_spend > 0.0).then(|| total_value / total_spend);
    (0..value.len())
        .map(|i| {
            let s = spend
                .get(i)
                .copied()
                .flatten()
                .filter(|s| s.0 > 0)
                .map(|s| s.0 as f64);
            let roas = s.map(|s| value[i] / s);
            let conv = conversions.get(i).copied().unwrap_or(0.0);
            let advice = match (roas, average) {
                (Some(r), Some(a)) if a > 0.0 => Some(if r >= a * (1.0 + ADVICE_BAND) {
                    Advice::Increase
                } else if r <= a * (1.0 - ADVICE_BAND) {
                    Advice::Decrease
                } else {
                    Advice::Keep
                }),
                _ => None,
            };
            BudgetHint {
                roas,
                cost_per_conversion: s.filter(|_| conv > 0.0).map(|s| s / conv),
                advice,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roas_and_advice_against_the_average() {
        // Revenue ¥840, ¥1,440, ¥720, ¥0; spend ¥400, ¥400, ¥1,000, none.
        let value = [84_000.0, 144_000.0, 72_000.0, 0.0];
        let conv = [0.84, 1.44, 0.72, 0.0];
        let spend = [
            Some(Fen(40_000)),
            Some(Fen(40_000)),
            Some(Fen(100_000)),
            None,
        ];
        let h = budget_hints(&value, &conv, &spend);
        // Average: ¥3,000 / ¥1,800 = 1.667; A 2.1 (+26%) increase, B 3.6 increase,
        // C 0.72 decrease.
        assert!((h[0].roas.unwrap() - 2.1).abs() < 1e-12);
        assert_eq!(
            h.iter().map(|x| x.advice).collect::<Vec<_>>(),
            [
                Some(Advice::Increase),
                Some(Advice::Increase),
                Some(Advice::Decrease),
                None
            ]
        );
        assert!((h[2].cost_per_conversion.unwrap() - 100_000.0 / 0.72).abs() < 1e-6);
        assert_eq!((h[3].roas, h[3].cost_per_conversion), (None, None));
        let keep = budget_hints(
            &[100.0, 110.0],
            &[1.0, 1.0],
            &[Some(Fen(100)), Some(Fen(100))],
        );
        assert_eq!(keep[0].advice, Some(Advice::Keep));
    }

    #[test]
    fn spend_comes_from_the_channel_table_by_name() {
        let row = |id: u64, name: &str, spend: Entry<Fen>| ChannelRow {
            name: name.into(),
            spend,
            ..ChannelRow::new(crate::domain::values::ids::RowId(id))
        };
        let rows = [
            row(1, "Douyin ", Entry::Value(Fen(50_000))),
            row(2, "门店活动", Entry::Value(Fen(20_000))),
            row(3, "douyin", Entry::Value(Fen(10_000))),
            row(4, "社群", Entry::Empty),
        ];
        assert_eq!(channel_table_spend(&rows, "DOUYIN"), Some(Fen(60_000)));
        assert_eq!(channel_table_spend(&rows, " 门店活动"), Some(Fen(20_000)));
        assert_eq!(channel_table_spend(&rows, "社群"), None);
        assert_eq!(channel_table_spend(&rows, "小红书"), None);
    }
}
