//! The channel comparison (spec §4.3): per channel, spend, reach, new customers, orders
//! and revenue, and what they return.

use crate::domain::values::entry::{Entry, InputError};
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::Measure;
use crate::domain::values::money::Fen;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    #[default]
    Online,
    Offline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelRow {
    pub id: RowId,
    pub name: String,
    pub side: Side,
    /// The budget line (category of the plan's split) this channel's spend comes from.
    pub budget_category: String,
    pub spend: Entry<Fen>,
    pub reach: Entry<u64>,
    pub new_customers: Entry<u64>,
    pub orders: Entry<u64>,
    pub revenue: Entry<Fen>,
}

impl ChannelRow {
    pub fn new(id: RowId) -> ChannelRow {
        ChannelRow {
            id,
            name: String::new(),
            side: Side::Online,
            budget_category: String::new(),
            spend: Entry::Empty,
            reach: Entry::Empty,
            new_customers: Entry::Empty,
            orders: Entry::Empty,
            revenue: Entry::Empty,
        }
    }

    /// Spend and revenue that take part in the sums: valid and not negative.
    pub fn spend(&self) -> Option<Fen> {
        self.spend.value().copied().filter(|f| f.0 >= 0)
    }

    pub fn revenue(&self) -> Option<Fen> {
        self.revenue.value().copied().filter(|f| f.0 >= 0)
    }

    pub fn money_error(entry: &Entry<Fen>) -> Option<InputError> {
        entry.error().or_else(|| {
            entry
                .value()
                .filter(|f| f.0 < 0)
                .map(|_| InputError::Negative)
        })
    }

    /// Orders ÷ reach, in basis points.
    pub fn conversion_rate(&self) -> Option<Measure> {
        ratio(
            *self.orders.value()? as i128 * 10_000,
            *self.reach.value()? as i128,
        )
    }

    /// Spend ÷ new customers, in fen.
    pub fn cac(&self) -> Option<Fen> {
        let n = *self.new_customers.value()? as i128;
        ratio(i128::from(self.spend()?.0), n).map(|m| Fen(m.0))
    }

    /// (revenue − spend) ÷ spend, in basis points.
    pub fn roi(&self) -> Option<Measure> {
        let spend = i128::from(self.spend()?.0);
        ratio((i128::from(self.revenue()?.0) - spend) * 10_000, spend)
    }

    /// Revenue ÷ spend, in hundredths (3.20 → 320).
    pub fn roas(&self) -> Option<Measure> {
        ratio(
            i128::from(self.revenue()?.0) * 100,
            i128::from(self.spend()?.0),
        )
    }
}

/// num ÷ den, rounded half up; `None` for a zero denominator ("—").
fn ratio(num: i128, den: i128) -> Option<Measure> {
    if den <= 0 || num < i128::from(i64::MIN) {
        return None;
    }
    let q = if num >= 0 {
        (num + den / 2) / den
    } else {
        (num - den / 2) / den
    };
    i64::try_from(q).ok().map(Measure)
}

/// A channel's revenue as a share of all channels' revenue, in basis points.
pub fn revenue_share<R: std::borrow::Borrow<ChannelRow>>(
    rows: &[R],
    row: &ChannelRow,
) -> Option<Measure> {
    let total: i128 = rows
        .iter()
        .filter_map(|r| r.borrow().revenue())
        .map(|f| i128::from(f.0))
        .sum();
    ratio(i128::from(row.revenue()?.0) * 10_000, total)
}

/// Online or offline as a whole: the CAC comparison of spec §4.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SideTotals {
    pub spend: Fen,
    pub new_customers: u64,
    pub revenue: Fen,
}

impl SideTotals {
    pub fn cac(&self) -> Option<Fen> {
        ratio(i128::from(self.spend.0), i128::from(self.new_customers)).map(|m| Fen(m.0))
    }

    pub fn roas(&self) -> Option<Measure> {
        ratio(i128::from(self.revenue.0) * 100, i128::from(self.spend.0))
    }
}

/// The sums of one side's channels (a channel's invalid figure is left out of the sum
/// and flagged on its cell).
pub fn side_totals<R: std::borrow::Borrow<ChannelRow>>(rows: &[R], side: Side) -> SideTotals {
    rows.iter()
        .map(|r| r.borrow())
        .filter(|r| r.side == side)
        .fold(
            SideTotals {
                spend: Fen(0),
                new_customers: 0,
                revenue: Fen(0),
            },
            |t, r| SideTotals {
                spend: Fen(t.spend.0.saturating_add(r.spend().map_or(0, |f| f.0))),
                new_customers: t
                    .new_customers
                    .saturating_add(r.new_customers.value().copied().unwrap_or(0)),
                revenue: Fen(t.revenue.0.saturating_add(r.revenue().map_or(0, |f| f.0))),
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(
        side: Side,
        spend: i64,
        reach: u64,
        new: u64,
        orders: u64,
        revenue: i64,
    ) -> ChannelRow {
        ChannelRow {
            side,
            spend: Entry::Value(Fen(spend * 100)),
            reach: Entry::Value(reach),
            new_customers: Entry::Value(new),
            orders: Entry::Value(orders),
            revenue: Entry::Value(Fen(revenue * 100)),
            ..ChannelRow::new(RowId(1))
        }
    }

    #[test]
    fn derived_figures_by_hand() {
        let live = channel(Side::Online, 40_000, 200_000, 500, 1_600, 160_000);
        assert_eq!(live.conversion_rate(), Some(Measure(80))); // 1,600 / 200,000 = 0.8%
        assert_eq!(live.cac(), Some(Fen(8_000))); // ¥40,000 / 500 = ¥80
        assert_eq!(live.roi(), Some(Measure(30_000))); // (160k − 40k) / 40k = 300%
        assert_eq!(live.roas(), Some(Measure(400))); // 4.00
        let street = channel(Side::Offline, 30_000, 10_000, 200, 300, 24_000);
        assert_eq!(street.roi(), Some(Measure(-2_000))); // −20%
        assert_eq!(street.cac(), Some(Fen(15_000)));
        let rows = [live.clone(), street.clone()];
        assert_eq!(revenue_share(&rows, &live), Some(Measure(8_696))); // 160 / 184
        let online = side_totals(&rows, Side::Online);
        assert_eq!(online.cac(), Some(Fen(8_000)));
        assert_eq!(side_totals(&rows, Side::Offline).cac(), Some(Fen(15_000)));
    }

    #[test]
    fn zero_denominators_give_no_value() {
        let mut c = channel(Side::Online, 0, 0, 0, 0, 0);
        assert_eq!(c.conversion_rate(), None);
        assert_eq!(c.cac(), None);
        assert_eq!(c.roi(), None);
        assert_eq!(c.roas(), None);
        assert_eq!(revenue_share(&[c.clone()], &c), None);
        c.spend = Entry::Value(Fen(-5));
        assert_eq!(
            ChannelRow::money_error(&c.spend),
            Some(InputError::Negative)
        );
        assert_eq!(c.spend(), None);
    }
}
