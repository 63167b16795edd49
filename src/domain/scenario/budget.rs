//! The campaign budget (spec §1.4): a total, typed or derived from revenue × a rate,
//! split into category shares; amounts in integer fen that add up exactly; cost lines of
//! the scenarios rolled up per category against what was allocated.

use crate::domain::values::entry::{Entry, InputError};
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::Measure;
use crate::domain::values::money::Fen;
use serde::{Deserialize, Serialize};

/// 100% in hundredths of a percent, the unit of shares and rates.
pub const WHOLE: i64 = 10_000;

/// Where the budget's total comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TotalSource {
    /// The planner types the total.
    #[default]
    Typed,
    /// Seed 001: a yearly budget of 3-5% of revenue.
    FromRevenue,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    pub source: TotalSource,
    pub total: Entry<Fen>,
    pub revenue: Entry<Fen>,
    /// A percentage of revenue, in hundredths of a percent (4% → 400).
    pub rate: Entry<Measure>,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            source: TotalSource::Typed,
            total: Entry::Empty,
            revenue: Entry::Empty,
            rate: Entry::Value(Measure(400)),
        }
    }
}

impl Budget {
    /// The total to split: as typed, or revenue × rate rounded half up to the fen.
    /// `None` while the inputs it needs are missing or invalid.
    pub fn total(&self) -> Option<Fen> {
        match self.source {
            TotalSource::Typed => self.total.value().copied().filter(|t| t.0 >= 0),
            TotalSource::FromRevenue => {
                let revenue = i128::from(self.revenue.value()?.0);
                let rate = i128::from(self.rate.value()?.0);
                if revenue < 0 || rate < 0 {
                    return None;
                }
                let whole = i128::from(WHOLE);
                i64::try_from((revenue * rate + whole / 2) / whole)
                    .ok()
                    .map(Fen)
            }
        }
    }

    pub fn total_error(&self) -> Option<InputError> {
        self.total
            .error()
            .or_else(|| negative(self.total.value()?.0))
    }

    pub fn revenue_error(&self) -> Option<InputError> {
        self.revenue
            .error()
            .or_else(|| negative(self.revenue.value()?.0))
    }

    pub fn rate_error(&self) -> Option<InputError> {
        self.rate.error().or_else(|| negative(self.rate.value()?.0))
    }
}

fn negative(v: i64) -> Option<InputError> {
    (v < 0).then_some(InputError::Negative)
}

/// One category of the split: 线下活动 40%, 线上广告 30%, 工具采购 20%, 备用金 10%.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub id: RowId,
    pub category: String,
    /// In hundredths of a percent (40% → 4000).
    pub share: Entry<Measure>,
}

impl BudgetLine {
    pub fn new(id: RowId) -> BudgetLine {
        BudgetLine {
            id,
            category: String::new(),
            share: Entry::Empty,
        }
    }

    /// A share that takes part in the split: valid and not negative.
    pub fn share(&self) -> Option<i64> {
        self.share.value().map(|m| m.0).filter(|&s| s >= 0)
    }

    pub fn share_error(&self) -> Option<InputError> {
        self.share
            .error()
            .or_else(|| negative(self.share.value()?.0))
    }
}

/// A resource a scenario needs, with its cost, booked against a budget category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostLine {
    pub id: RowId,
    /// The scenario the cost serves (its scenario type), free text.
    pub scenario: String,
    pub item: String,
    /// A budget line's category name.
    pub category: String,
    pub amount: Entry<Fen>,
}

impl CostLine {
    pub fn new(id: RowId) -> CostLine {
        CostLine {
            id,
            scenario: String::new(),
            item: String::new(),
            category: String::new(),
            amount: Entry::Empty,
        }
    }

    pub fn amount_error(&self) -> Option<InputError> {
        self.amount
            .error()
            .or_else(|| negative(self.amount.value()?.0))
    }
}

/// The split of a total over shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Per line; `None` for a line whose share is missing or invalid.
    pub amounts: Vec<Option<Fen>>,
    /// The sum of the valid shares, in hundredths of a percent.
    pub share_sum: i64,
}

impl Allocation {
    /// 100% − the sum of the shares: positive when some is left to allocate, negative
    /// when the shares ask for more than the whole.
    pub fn remainder_share(&self) -> i64 {
        WHOLE - self.share_sum
    }

    pub fn is_complete(&self) -> bool {
        self.share_sum == WHOLE
    }

    pub fn allocated(&self) -> Fen {
        // Saturating: amounts of absurd shares may each be near i64::MAX.
        Fen(self
            .amounts
            .iter()
            .flatten()
            .fold(0i64, |sum, a| sum.saturating_add(a.0)))
    }
}

/// Splits `total` by `shares` (hundredths of a percent) with the largest-remainder
/// method: each line gets `total × share` rounded down, and the fen left over go one by
/// one to the lines with the largest fractions (the earlier line on a tie). The amounts
/// add up to `total × Σshares` rounded down, which is exactly `total` when the shares
/// make 100%. Negative shares or totals are input errors and take no part.
pub fn allocate(total: Fen, shares: &[Option<i64>]) -> Allocation {
    let whole = i128::from(WHOLE);
    let total_fen = i128::from(total.0.max(0));
    let valid = |s: &Option<i64>| s.filter(|&s| s >= 0).map(i128::from);
    let share_sum: i128 = shares.iter().filter_map(valid).sum();
    // Absurd shares (far over 100% of a huge total) would overflow even i128: saturate.
    let target = total_fen
        .checked_mul(share_sum)
        .map_or(i128::MAX, |t| t / whole);
    let mut amounts: Vec<Option<i128>> = Vec::with_capacity(shares.len());
    let mut fractions: Vec<(i128, usize)> = Vec::new();
    for (i, share) in shares.iter().enumerate() {
        match valid(share) {
            Some(s) => {
                let quota = total_fen * s;
                amounts.push(Some(quota / whole));
                fractions.push((quota % whole, i));
            }
            None => amounts.push(None),
        }
    }
    let floor_sum: i128 = amounts.iter().flatten().sum();
    // Largest fraction first; the sort is stable, so ties keep the lines' order.
    fractions.sort_by_key(|f| std::cmp::Reverse(f.0));
    let left = usize::try_from(target - floor_sum).unwrap_or(0);
    for &(_, i) in fractions.iter().take(left) {
        if let Some(a) = amounts[i].as_mut() {
            *a += 1;
        }
    }
    Allocation {
        amounts: amounts
            .into_iter()
            // An amount past i64 (a share over 100% of a huge total) saturates, never wraps.
            .map(|a| a.map(|a| Fen(i64::try_from(a).unwrap_or(i64::MAX))))
            .collect(),
        share_sum: share_sum.min(i128::from(i64::MAX)) as i64,
    }
}

/// A budget category against what its cost lines commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryUse {
    pub category: String,
    /// Whether a budget line names this category. A line without an amount (no total
    /// yet, or its share invalid) is still a budget category.
    pub budgeted: bool,
    pub allocated: Option<Fen>,
    pub committed: Fen,
}

impl CategoryUse {
    /// Allocated − committed; negative when over-allocated.
    pub fn remaining(&self) -> Option<Fen> {
        Some(Fen(self.allocated?.0 - self.committed.0))
    }

    pub fn is_over(&self) -> bool {
        self.remaining().is_some_and(|r| r.0 < 0)
    }

    /// Costs booked against a category no budget line names.
    pub fn is_unbudgeted(&self) -> bool {
        !self.budgeted && self.committed.0 > 0
    }
}

/// Rolls the cost lines up per budget category, in the budget's order. Cost lines whose
/// category is not a budget line's come last under their own name, with nothing
/// allocated, so no cost disappears from the total.
pub fn category_use<L, C>(lines: &[L], allocation: &Allocation, costs: &[C]) -> Vec<CategoryUse>
where
    L: std::borrow::Borrow<BudgetLine>,
    C: std::borrow::Borrow<CostLine>,
{
    let mut uses: Vec<CategoryUse> = lines
        .iter()
        .zip(&allocation.amounts)
        .map(|(line, amount)| CategoryUse {
            category: line.borrow().category.trim().to_string(),
            budgeted: true,
            allocated: *amount,
            committed: Fen(0),
        })
        .collect();
    for cost in costs {
        let cost = cost.borrow();
        let Some(amount) = cost.amount.value().filter(|a| a.0 >= 0) else {
            continue;
        };
        let category = cost.category.trim();
        match uses.iter_mut().find(|u| u.category == category) {
            Some(u) => u.committed.0 += amount.0,
            None => uses.push(CategoryUse {
                category: category.to_string(),
                budgeted: false,
                allocated: None,
                committed: *amount,
            }),
        }
    }
    uses
}

impl crate::domain::plan::Plan {
    /// The split of the plan's budget over its lines; `None` while the total is unknown.
    pub fn budget_allocation(&self) -> Option<Allocation> {
        let total = self.budget.total()?;
        let shares: Vec<Option<i64>> = self.budget_lines.iter().map(|l| l.share()).collect();
        Some(allocate(total, &shares))
    }

    /// Each budget category against its cost lines (nothing allocated while the total is
    /// unknown), as the budget section and the overview show them.
    pub fn budget_uses(&self) -> Vec<CategoryUse> {
        let allocation = self.budget_allocation().unwrap_or_else(|| Allocation {
            amounts: vec![None; self.budget_lines.len()],
            share_sum: 0,
        });
        category_use(&self.budget_lines, &allocation, &self.cost_lines)
    }
}

/// The default split of spec §1.4, in whole percent.
pub const DEFAULT_SPLIT: [(&str, i64); 4] = [
    ("线下活动", 40),
    ("线上广告", 30),
    ("工具采购", 20),
    ("备用金", 10),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn fen(v: &[i64]) -> Vec<Option<Fen>> {
        v.iter().map(|&v| Some(Fen(v))).collect()
    }

    #[test]
    fn the_default_split_of_an_even_total() {
        let a = allocate(
            Fen(10_000_000),
            &[Some(4000), Some(3000), Some(2000), Some(1000)],
        );
        assert_eq!(
            a.amounts,
            fen(&[4_000_000, 3_000_000, 2_000_000, 1_000_000])
        );
        assert!(a.is_complete());
    }

    #[test]
    fn awkward_totals_add_up_to_the_fen() {
        // ¥0.01 in thirds: one fen to the first line, none lost.
        let a = allocate(Fen(1), &[Some(3334), Some(3333), Some(3333)]);
        assert_eq!(a.amounts, fen(&[1, 0, 0]));
        // ¥100.00 in thirds: 33.34 + 33.33 + 33.33.
        let a = allocate(Fen(10_000), &[Some(3334), Some(3333), Some(3333)]);
        assert_eq!(a.amounts, fen(&[3334, 3333, 3333]));
        // ¥999.99 by 40/30/20/10: quotas 39999.6, 29999.7, 19999.8, 9999.9 → the three
        // largest fractions (.9, .8, .7) take the three spare fen.
        let a = allocate(
            Fen(99_999),
            &[Some(4000), Some(3000), Some(2000), Some(1000)],
        );
        assert_eq!(a.amounts, fen(&[39_999, 30_000, 20_000, 10_000]));
        assert_eq!(a.allocated(), Fen(99_999));
    }

    #[test]
    fn shares_short_of_the_whole_leave_a_flagged_remainder() {
        let a = allocate(Fen(100_000), &[Some(4000), Some(3000), Some(2000)]);
        assert_eq!(a.remainder_share(), 1000);
        assert_eq!(a.allocated(), Fen(90_000));
        let over = allocate(Fen(100_000), &[Some(6000), Some(5000)]);
        assert_eq!(over.remainder_share(), -1000);
        assert_eq!(over.allocated(), Fen(110_000));
    }

    #[test]
    fn invalid_shares_take_no_part() {
        let a = allocate(Fen(100_000), &[Some(5000), None, Some(-100), Some(5000)]);
        assert_eq!(
            a.amounts,
            vec![Some(Fen(50_000)), None, None, Some(Fen(50_000))]
        );
        assert_eq!(a.share_sum, WHOLE);
    }

    #[test]
    fn total_from_revenue_times_rate() {
        let budget = Budget {
            source: TotalSource::FromRevenue,
            revenue: Entry::Value(Fen(1_000_000_000)), // ¥10,000,000
            rate: Entry::Value(Measure(350)),          // 3.5%
            ..Budget::default()
        };
        assert_eq!(budget.total(), Some(Fen(35_000_000)));
        // ¥0.15 × 3.33% = 0.004995 yuan → 0.4995 fen → rounds to 0.
        let tiny = Budget {
            revenue: Entry::Value(Fen(15)),
            rate: Entry::Value(Measure(333)),
            ..budget.clone()
        };
        assert_eq!(tiny.total(), Some(Fen(0)));
        let negative = Budget {
            revenue: Entry::Value(Fen(-1)),
            ..budget
        };
        assert_eq!(negative.total(), None);
        assert_eq!(negative.revenue_error(), Some(InputError::Negative));
    }

    #[test]
    fn costs_roll_up_per_category_and_flag_over_allocation() {
        let lines: Vec<BudgetLine> = DEFAULT_SPLIT
            .iter()
            .enumerate()
            .map(|(i, (c, s))| BudgetLine {
                category: (*c).into(),
                share: Entry::Value(Measure(*s * 100)),
                ..BudgetLine::new(RowId(i as u64))
            })
            .collect();
        let shares: Vec<Option<i64>> = lines.iter().map(BudgetLine::share).collect();
        let allocation = allocate(Fen(1_000_000), &shares);
        let cost = |category: &str, amount: i64| CostLine {
            category: category.into(),
            amount: Entry::Value(Fen(amount)),
            ..CostLine::new(RowId(9))
        };
        let costs = [
            cost("线下活动", 300_000),
            cost("线下活动", 150_000),
            cost("线上广告", 100_000),
            cost("KOL", 5_000),
        ];
        let uses = category_use(&lines, &allocation, &costs);
        assert_eq!(uses[0].committed, Fen(450_000));
        assert!(uses[0].is_over());
        assert_eq!(uses[0].remaining(), Some(Fen(-50_000)));
        assert!(!uses[1].is_over());
        assert_eq!(uses[4].category, "KOL");
        assert_eq!(uses[4].allocated, None);
        assert_eq!(uses[4].committed, Fen(5_000));
        assert!(uses[4].is_unbudgeted() && !uses[0].is_unbudgeted());
    }

    /// Regression (issue 29): with no total yet, every category had no amount and its
    /// costs were reported as "not a budget category" although the line was listed.
    #[test]
    fn a_listed_category_without_a_total_is_still_budgeted() {
        let line = BudgetLine {
            category: "线下活动".into(),
            share: Entry::Value(Measure(4000)),
            ..BudgetLine::new(RowId(1))
        };
        let no_total = Allocation {
            amounts: vec![None],
            share_sum: 0,
        };
        let cost = CostLine {
            category: " 线下活动 ".into(),
            amount: Entry::Value(Fen(60_000)),
            ..CostLine::new(RowId(2))
        };
        let uses = category_use(&[line], &no_total, &[cost]);
        assert_eq!(uses.len(), 1);
        assert!(uses[0].budgeted && !uses[0].is_unbudgeted() && !uses[0].is_over());
        assert_eq!(uses[0].committed, Fen(60_000));
    }
}

/// Property tests run natively (proptest is a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Shares that make 100% split any total exactly, with no negative amount and no
        /// amount more than a fen away from its exact quota.
        #[test]
        fn complete_shares_always_sum_to_the_total(
            total in 0i64..=1_000_000_000_000,
            cuts in proptest::collection::vec(0i64..=WHOLE, 0..8),
        ) {
            let mut cuts = cuts;
            cuts.sort();
            let mut shares = Vec::new();
            let mut last = 0;
            for c in cuts.iter().chain(std::iter::once(&WHOLE)) {
                shares.push(Some(c - last));
                last = *c;
            }
            let a = allocate(Fen(total), &shares);
            prop_assert_eq!(a.allocated(), Fen(total));
            for (amount, share) in a.amounts.iter().zip(&shares) {
                let amount = amount.unwrap().0;
                prop_assert!(amount >= 0);
                let exact = i128::from(total) * i128::from(share.unwrap());
                let diff = i128::from(amount) * i128::from(WHOLE) - exact;
                prop_assert!(diff.abs() < i128::from(WHOLE));
            }
        }

        /// Any shares: never negative, and the amounts add up to the total × Σshares, rounded down.
        #[test]
        fn any_shares_never_negative(
            total in -1_000i64..=1_000_000_000,
            shares in proptest::collection::vec(proptest::option::of(-5_000i64..=20_000), 0..10),
        ) {
            let a = allocate(Fen(total), &shares);
            prop_assert!(a.amounts.iter().flatten().all(|f| f.0 >= 0));
            let expected = i128::from(total.max(0)) * i128::from(a.share_sum) / i128::from(WHOLE);
            prop_assert_eq!(i128::from(a.allocated().0), expected);
        }
    }

    /// Regression: a share over 100% of i64::MAX wrapped to a negative amount, and huge
    /// shares overflowed the target in i128.
    #[test]
    fn extreme_totals_and_shares_saturate() {
        let a = allocate(Fen(i64::MAX), &[Some(i64::MAX)]);
        assert_eq!(a.amounts, [Some(Fen(i64::MAX))]);
        let a = allocate(Fen(i64::MAX), &[Some(i64::MAX); 4]);
        assert!(a.amounts.iter().flatten().all(|f| f.0 >= 0));
        assert_eq!(a.allocated(), Fen(i64::MAX));
    }
}
