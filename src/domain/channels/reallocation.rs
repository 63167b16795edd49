//! A budget suggestion (spec §4.3): within each category of the plan's budget split, move
//! spend from channels that return less than the category's average toward those that
//! return more. Average return (revenue ÷ spend) stands in for marginal return, which a
//! month of figures cannot measure; every move says why, so a planner can overrule it.
//!
//! The rules, per category with budget B (the category's allocation, or the channels'
//! current spend when the plan's split has no such category):
//! 1. Over budget (Σ spend > B): cut the excess from the lowest-return channels first.
//! 2. Each channel below the category's average return gives up `step` of its spend.
//! 3. The freed spend, plus any budget left unused, goes to the channels above the
//!    average, in proportion to their revenue (largest remainder, exact to the fen).
//!    With no channel above the average nothing moves in steps 2-3.
//!
//! Hence: no channel goes below zero, and a category never exceeds B.

use crate::domain::values::ids::RowId;
use crate::domain::values::money::Fen;

/// A channel as the suggestion sees it: valid, non-negative figures only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelFigures {
    pub id: RowId,
    pub category: String,
    pub spend: Fen,
    pub revenue: Fen,
}

/// Why a channel's spend changes (or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Part of the category's overspend, taken from the weakest return first.
    OverBudget,
    /// Returns less than the category's average.
    BelowAverage,
    /// Returns more than the average: receives freed or unused budget.
    AboveAverage,
    /// At the average, or no channel to move spend to.
    Unchanged,
    /// No spend yet: its return is unknown.
    NoSpend,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub id: RowId,
    pub current: Fen,
    pub suggested: Fen,
    pub reason: Reason,
}

/// One category's suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryPlan {
    pub category: String,
    /// B: the allocation, or the current spend when the split has no such category.
    pub budget: Fen,
    pub from_split: bool,
    pub current: Fen,
    pub suggested: Fen,
    /// Revenue ÷ spend of the whole category, in hundredths.
    pub average_roas: Option<i64>,
    pub moves: Vec<Move>,
}

/// Suggests new spends for `channels`, category by category, in the channels' order.
/// `budgets` are the split's (category, amount); `step_bp` is the share a weaker channel
/// gives up, in basis points (2000 = 20%).
pub fn suggest(
    channels: &[ChannelFigures],
    budgets: &[(String, Fen)],
    step_bp: i64,
) -> Vec<CategoryPlan> {
    let mut categories: Vec<&str> = Vec::new();
    for c in channels {
        if !categories.contains(&c.category.as_str()) {
            categories.push(&c.category);
        }
    }
    let step = i128::from(step_bp.clamp(0, 10_000));
    categories
        .into_iter()
        .map(|category| {
            let group: Vec<&ChannelFigures> =
                channels.iter().filter(|c| c.category == category).collect();
            let budget = budgets
                .iter()
                .find(|(name, _)| name == category)
                .map(|b| b.1 .0.max(0));
            plan_category(category, &group, budget, step)
        })
        .collect()
}

fn plan_category(
    category: &str,
    group: &[&ChannelFigures],
    budget: Option<i64>,
    step: i128,
) -> CategoryPlan {
    let spend: Vec<i128> = group.iter().map(|c| i128::from(c.spend.0.max(0))).collect();
    let revenue: Vec<i128> = group
        .iter()
        .map(|c| i128::from(c.revenue.0.max(0)))
        .collect();
    let total_spend: i128 = spend.iter().sum();
    let total_revenue: i128 = revenue.iter().sum();
    let b = budget.map_or(total_spend, i128::from);
    // Compare each channel's return with the average exactly: r_i / s_i vs R / S.
    let versus_average = |i: usize| (revenue[i] * total_spend).cmp(&(total_revenue * spend[i]));
    let mut new = spend.clone();
    let mut reasons: Vec<Reason> = (0..group.len())
        .map(|i| {
            if spend[i] == 0 {
                Reason::NoSpend
            } else {
                Reason::Unchanged
            }
        })
        .collect();

    // 1. Overspend, weakest return first (revenue_i / spend_i ascending).
    let mut excess = (total_spend - b).max(0);
    let mut by_return: Vec<usize> = (0..group.len()).filter(|&i| spend[i] > 0).collect();
    by_return.sort_by(|&i, &j| (revenue[i] * spend[j]).cmp(&(revenue[j] * spend[i])));
    for &i in &by_return {
        if excess == 0 {
            break;
        }
        let cut = excess.min(new[i]);
        new[i] -= cut;
        excess -= cut;
        reasons[i] = Reason::OverBudget;
    }

    // 2-3. Only when some channel returns more than the average.
    let above: Vec<usize> = (0..group.len())
        .filter(|&i| spend[i] > 0 && versus_average(i).is_gt())
        .collect();
    if !above.is_empty() {
        let mut freed: i128 = (b - new.iter().sum::<i128>()).max(0);
        for i in 0..group.len() {
            if spend[i] > 0 && versus_average(i).is_lt() && new[i] > 0 {
                let cut = new[i] * step / 10_000;
                new[i] -= cut;
                freed += cut;
                if reasons[i] == Reason::Unchanged {
                    reasons[i] = Reason::BelowAverage;
                }
            }
        }
        let weights: Vec<i128> = above.iter().map(|&i| revenue[i]).collect();
        for (k, share) in split(freed, &weights).into_iter().enumerate() {
            new[above[k]] += share;
            reasons[above[k]] = Reason::AboveAverage;
        }
    }

    let to_fen = |v: i128| Fen(i64::try_from(v).unwrap_or(i64::MAX));
    CategoryPlan {
        category: category.to_string(),
        budget: to_fen(b),
        from_split: budget.is_some(),
        current: to_fen(total_spend),
        suggested: to_fen(new.iter().sum()),
        average_roas: (total_spend > 0)
            .then(|| i64::try_from(total_revenue * 100 / total_spend).unwrap_or(i64::MAX)),
        moves: group
            .iter()
            .enumerate()
            .map(|(i, c)| Move {
                id: c.id,
                current: to_fen(spend[i]),
                suggested: to_fen(new[i]),
                reason: reasons[i],
            })
            .collect(),
    }
}

/// Splits `amount` in proportion to `weights` by largest remainder; the parts sum to
/// `amount` exactly (evenly when every weight is zero).
fn split(amount: i128, weights: &[i128]) -> Vec<i128> {
    if weights.is_empty() {
        return Vec::new();
    }
    let total: i128 = weights.iter().sum();
    let (weights, total) = if total > 0 {
        (weights.to_vec(), total)
    } else {
        (vec![1; weights.len()], weights.len() as i128)
    };
    let mut parts: Vec<i128> = weights.iter().map(|w| amount * w / total).collect();
    let mut order: Vec<(i128, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| (amount * w % total, i))
        .collect();
    order.sort_by_key(|o| std::cmp::Reverse(o.0));
    let left = amount - parts.iter().sum::<i128>();
    for &(_, i) in order.iter().take(usize::try_from(left).unwrap_or(0)) {
        parts[i] += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(id: u64, category: &str, spend: i64, revenue: i64) -> ChannelFigures {
        ChannelFigures {
            id: RowId(id),
            category: category.into(),
            spend: Fen(spend),
            revenue: Fen(revenue),
        }
    }

    #[test]
    fn spend_moves_toward_the_better_return() {
        // Average return (100 + 400) / (100 + 100) = 2.5: A is below, B above.
        let plans = suggest(
            &[
                ch(1, "线上广告", 10_000, 10_000),
                ch(2, "线上广告", 10_000, 40_000),
            ],
            &[("线上广告".into(), Fen(20_000))],
            2_000,
        );
        let moves = &plans[0].moves;
        assert_eq!(
            (moves[0].suggested, moves[0].reason),
            (Fen(8_000), Reason::BelowAverage)
        );
        assert_eq!(
            (moves[1].suggested, moves[1].reason),
            (Fen(12_000), Reason::AboveAverage)
        );
        assert_eq!(plans[0].suggested, Fen(20_000));
        assert_eq!(plans[0].average_roas, Some(250));
    }

    #[test]
    fn overspend_is_cut_from_the_weakest_first() {
        let plans = suggest(
            &[ch(1, "线下活动", 300, 300), ch(2, "线下活动", 300, 900)],
            &[("线下活动".into(), Fen(400))],
            0,
        );
        // ¥2 over: the weaker channel (return 1 against 3) gives up all of it.
        let m = &plans[0].moves;
        assert_eq!(
            (m[0].suggested, m[0].reason),
            (Fen(100), Reason::OverBudget)
        );
        // Nothing is freed (step 0) and nothing left unused: the stronger one keeps its spend.
        assert_eq!(m[1].suggested, Fen(300));
        assert_eq!(plans[0].suggested, Fen(400));
    }

    #[test]
    fn without_a_split_the_category_keeps_its_spend_and_equal_returns_stay() {
        let plans = suggest(
            &[
                ch(1, "", 500, 1_000),
                ch(2, "", 500, 1_000),
                ch(3, "", 0, 0),
            ],
            &[],
            2_000,
        );
        assert!(!plans[0].from_split);
        let reasons: Vec<Reason> = plans[0].moves.iter().map(|m| m.reason).collect();
        assert_eq!(
            reasons,
            [Reason::Unchanged, Reason::Unchanged, Reason::NoSpend]
        );
        assert_eq!(plans[0].suggested, Fen(1_000));
    }

    #[test]
    fn unused_budget_goes_to_the_better_channel() {
        let plans = suggest(
            &[ch(1, "x", 100, 100), ch(2, "x", 100, 300)],
            &[("x".into(), Fen(1_000))],
            2_000,
        );
        assert_eq!(plans[0].moves[0].suggested, Fen(80));
        assert_eq!(plans[0].moves[1].suggested, Fen(920));
        assert_eq!(plans[0].suggested, Fen(1_000));
    }
}

/// Property tests run natively (proptest is a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn ch(id: u64, category: &str, spend: i64, revenue: i64) -> ChannelFigures {
        ChannelFigures {
            id: RowId(id),
            category: category.into(),
            spend: Fen(spend),
            revenue: Fen(revenue),
        }
    }

    proptest! {
        /// Never negative, never over the category's budget (or its current spend when the
        /// split has no such category), exact to the fen.
        #[test]
        fn never_negative_never_over_budget(
            channels in prop::collection::vec((0u8..3, 0i64..10_000_000, 0i64..50_000_000), 0..12),
            budgets in prop::collection::vec(prop::option::of(0i64..50_000_000), 3),
            step in 0i64..=10_000,
        ) {
            let names = ["线上广告", "线下活动", "会员运营"];
            let figures: Vec<ChannelFigures> = channels
                .iter()
                .enumerate()
                .map(|(i, &(c, s, r))| ch(i as u64, names[c as usize], s, r))
                .collect();
            let split: Vec<(String, Fen)> = budgets
                .iter()
                .enumerate()
                .filter_map(|(i, b)| b.map(|b| (names[i].to_string(), Fen(b))))
                .collect();
            for plan in suggest(&figures, &split, step) {
                let sum: i64 = plan.moves.iter().map(|m| m.suggested.0).sum();
                prop_assert_eq!(sum, plan.suggested.0);
                prop_assert!(plan.moves.iter().all(|m| m.suggested.0 >= 0));
                prop_assert!(plan.suggested.0 <= plan.budget.0);
                if !plan.from_split {
                    prop_assert!(plan.suggested.0 <= plan.current.0);
                }
            }
        }
    }
}
