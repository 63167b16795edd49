//! Retail member tiers (spec §6.2): thresholds of annual spend with their offline, online
//! and linked benefits; members per tier from customers' annual spend, and what the
//! benefits cost each month.
//!
//! Cost rules (stated on the page): a coupon costs its face value when redeemed, at the
//! assumed redemption rate; points are earned on spend (points per ¥1) and are a
//! liability worth their burn value (points per ¥1 of discount). Spend per month is the
//! member's annual spend ÷ 12.

use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::Measure;
use crate::domain::values::money::Fen;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberTier {
    pub id: RowId,
    pub name: String,
    /// Annual spend from which a customer is in this tier.
    pub threshold: Entry<Fen>,
    pub offline_benefit: String,
    pub online_benefit: String,
    pub linked_benefit: String,
    /// The monthly coupon: face value and how many per member per month.
    pub coupon_value: Entry<Fen>,
    pub coupons_per_month: Entry<u64>,
    /// Points earned per ¥1 spent (hundredths allowed: 1.5 points per ¥1).
    pub points_earned_per_yuan: Entry<Measure>,
    /// Points worth ¥1 when used (100 points = ¥1).
    pub points_per_yuan_burned: Entry<u64>,
}

impl MemberTier {
    pub fn new(id: RowId) -> MemberTier {
        MemberTier {
            id,
            name: String::new(),
            threshold: Entry::Empty,
            offline_benefit: String::new(),
            online_benefit: String::new(),
            linked_benefit: String::new(),
            coupon_value: Entry::Empty,
            coupons_per_month: Entry::Empty,
            points_earned_per_yuan: Entry::Empty,
            points_per_yuan_burned: Entry::Empty,
        }
    }
}

/// A customer's annual spend, typed or summed from an orders file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerSpend {
    pub id: RowId,
    pub customer: String,
    pub annual_spend: Entry<Fen>,
}

impl CustomerSpend {
    pub fn new(id: RowId) -> CustomerSpend {
        CustomerSpend {
            id,
            customer: String::new(),
            annual_spend: Entry::Empty,
        }
    }
}

/// The assumptions behind the cost figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierAssumptions {
    /// Share of coupons redeemed, in percent hundredths (30% = 3000).
    pub coupon_redemption: Entry<Measure>,
}

impl Default for TierAssumptions {
    fn default() -> TierAssumptions {
        TierAssumptions {
            coupon_redemption: Entry::Value(Measure(3_000)),
        }
    }
}

/// One tier's members and monthly cost; `None` figures while an input is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierSummary {
    pub id: RowId,
    pub members: u64,
    /// Sum of the members' annual spend.
    pub spend: Fen,
    pub coupon_cost: Option<Fen>,
    pub points_liability: Option<Fen>,
}

impl TierSummary {
    pub fn monthly_cost(&self) -> Option<Fen> {
        Some(Fen(self
            .coupon_cost?
            .0
            .checked_add(self.points_liability?.0)?))
    }
}

/// The tier a spend falls in: the highest threshold at or below it. Tiers with a missing
/// threshold take no one; a spend under every threshold has no tier.
pub fn tier_of(spend: Fen, tiers: &[impl std::borrow::Borrow<MemberTier>]) -> Option<RowId> {
    tiers
        .iter()
        .map(|t| t.borrow())
        .filter_map(|t| Some((t.threshold.value()?.0, t.id)))
        .filter(|(threshold, _)| *threshold <= spend.0)
        .max_by_key(|(threshold, _)| *threshold)
        .map(|(_, id)| id)
}

/// Members and monthly cost per tier (in tier order), and how many customers are in no
/// tier. Customers with an invalid spend are counted in neither.
pub fn tier_summaries(
    tiers: &[impl std::borrow::Borrow<MemberTier>],
    customers: &[impl std::borrow::Borrow<CustomerSpend>],
    assumptions: &TierAssumptions,
) -> (Vec<TierSummary>, u64) {
    let mut out: Vec<TierSummary> = tiers
        .iter()
        .map(|t| TierSummary {
            id: t.borrow().id,
            members: 0,
            spend: Fen(0),
            coupon_cost: None,
            points_liability: None,
        })
        .collect();
    let mut untiered = 0;
    for c in customers.iter().map(|c| c.borrow()) {
        let Some(&spend) = c.annual_spend.value() else {
            continue;
        };
        match tier_of(spend, tiers).and_then(|id| out.iter_mut().find(|s| s.id == id)) {
            Some(s) => {
                s.members += 1;
                s.spend = Fen(s.spend.0.saturating_add(spend.0));
            }
            None => untiered += 1,
        }
    }
    let redemption = assumptions.coupon_redemption.value().map(|m| m.0);
    for (s, t) in out.iter_mut().zip(tiers.iter().map(|t| t.borrow())) {
        s.coupon_cost = (|| {
            let face = i128::from(t.coupon_value.value()?.0);
            let count = i128::from(*t.coupons_per_month.value()?);
            let rate = i128::from(redemption?);
            // members × coupons × face × rate (percent hundredths → ÷ 10000), to the fen.
            let fen = rounded_div(i128::from(s.members) * count * face * rate, 10_000);
            Some(Fen(i64::try_from(fen).ok()?))
        })();
        s.points_liability = (|| {
            let earn = i128::from(t.points_earned_per_yuan.value()?.0); // hundredths of a point per ¥1
            let burn = i128::from(*t.points_per_yuan_burned.value()?);
            if burn == 0 {
                return None;
            }
            // Monthly spend (fen ÷ 12) → points (× earn ÷ 100 per ¥ = per 100 fen) → ¥ value (÷ burn).
            // fen of liability = spend_fen/12 × earn/100 /100 points-per-fen… kept in one division:
            let fen = rounded_div(i128::from(s.spend.0) * earn, 12 * 100 * burn);
            Some(Fen(i64::try_from(fen).ok()?))
        })();
    }
    (out, untiered)
}

/// Why an order line was not counted; the line is listed, never dropped silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderLineError {
    MissingCustomer,
    BadAmount,
}

/// What an orders file adds up to: annual spend per customer (in first-seen order), the
/// orders counted, and the lines that could not be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrdersSpend {
    pub spend: Vec<(String, Fen)>,
    pub orders: usize,
    pub bad_lines: Vec<(usize, OrderLineError)>,
}

/// The header lacks a column the sum needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrdersHeaderError {
    NoCustomerColumn,
    NoAmountColumn,
}

const CUSTOMER_HEADERS: [&str; 8] = [
    "客户", "会员", "手机", "customer", "member", "phone", "user", "用户",
];
const AMOUNT_HEADERS: [&str; 6] = ["金额", "实付", "消费", "amount", "total", "spend"];

/// Sums an orders CSV (a customer column and an amount column, found by their header
/// names; other columns ignored) into each customer's spend; the file is taken to hold
/// one year of orders. Amounts read like typed money ("¥1,280.50"); a negative amount is
/// a refund and is counted.
pub fn spend_from_orders(text: &str) -> Result<OrdersSpend, OrdersHeaderError> {
    use crate::domain::formats::csv::{detect_delimiter, parse};
    use crate::domain::values::entry::CellValue;
    let records = parse(text, detect_delimiter(text));
    let header = records
        .first()
        .map(|r| r.fields.clone())
        .unwrap_or_default();
    let find = |names: &[&str]| {
        header.iter().position(|h| {
            let h = h.trim().to_lowercase();
            names.iter().any(|n| h.contains(n))
        })
    };
    let customer = find(&CUSTOMER_HEADERS).ok_or(OrdersHeaderError::NoCustomerColumn)?;
    let amount = find(&AMOUNT_HEADERS).ok_or(OrdersHeaderError::NoAmountColumn)?;
    let mut out = OrdersSpend {
        spend: Vec::new(),
        orders: 0,
        bad_lines: Vec::new(),
    };
    for record in records.iter().skip(1) {
        let who = record.fields.get(customer).map(|c| c.trim()).unwrap_or("");
        if who.is_empty() {
            out.bad_lines
                .push((record.line, OrderLineError::MissingCustomer));
            continue;
        }
        let Some(Ok(value)) = record.fields.get(amount).map(|a| Fen::parse(a)) else {
            out.bad_lines.push((record.line, OrderLineError::BadAmount));
            continue;
        };
        out.orders += 1;
        match out.spend.iter_mut().find(|(c, _)| c == who) {
            Some((_, total)) => *total = Fen(total.0.saturating_add(value.0)),
            None => out.spend.push((who.to_string(), value)),
        }
    }
    Ok(out)
}

/// n ÷ d rounded half away from zero (d > 0).
fn rounded_div(n: i128, d: i128) -> i128 {
    if n >= 0 {
        (n + d / 2) / d
    } else {
        (n - d / 2) / d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::demo::demo_plan;

    fn customer(id: u64, yuan: i64) -> CustomerSpend {
        CustomerSpend {
            id: RowId(id),
            customer: format!("C{id}"),
            annual_spend: Entry::Value(Fen(yuan * 100)),
        }
    }

    #[test]
    fn spec_tiers_by_annual_spend() {
        let plan = demo_plan();
        let ids: Vec<RowId> = plan.tiers.iter().map(|t| t.id).collect();
        assert_eq!(tier_of(Fen(199_999), &plan.tiers), None);
        assert_eq!(tier_of(Fen(200_000), &plan.tiers), Some(ids[0]));
        assert_eq!(tier_of(Fen(499_999), &plan.tiers), Some(ids[0]));
        assert_eq!(tier_of(Fen(500_000), &plan.tiers), Some(ids[1]));
        assert_eq!(tier_of(Fen(5_000_000), &plan.tiers), Some(ids[2]));
    }

    #[test]
    fn members_and_monthly_cost_by_hand() {
        let plan = demo_plan();
        let customers = [
            customer(1, 1_000),
            customer(2, 2_400),
            customer(3, 3_600),
            customer(4, 6_000),
            customer(5, 12_000),
        ];
        let (s, untiered) = tier_summaries(&plan.tiers, &customers, &TierAssumptions::default());
        assert_eq!(untiered, 1);
        assert_eq!(s.iter().map(|t| t.members).collect::<Vec<_>>(), [2, 1, 1]);
        // Silver: 2 members × 1 coupon × ¥20 × 30% = ¥12; points: ¥6,000 a year → ¥500 a
        // month → 500 points at 1 per ¥1 → worth ¥5 at 100 points per ¥1.
        assert_eq!(s[0].coupon_cost, Some(Fen(1_200)));
        assert_eq!(s[0].points_liability, Some(Fen(500)));
        assert_eq!(s[0].monthly_cost(), Some(Fen(1_700)));
        // Gold: 1 × 2 × ¥50 × 30% = ¥30; ¥500 a month → ¥5.
        assert_eq!(s[1].coupon_cost, Some(Fen(3_000)));
        assert_eq!(s[1].points_liability, Some(Fen(500)));
    }

    #[test]
    fn missing_inputs_leave_costs_unknown_and_zero_burn_is_no_figure() {
        let mut plan = demo_plan();
        let mut t = (*plan.tiers[0]).clone();
        t.coupon_value = Entry::Invalid("二十".into());
        t.points_per_yuan_burned = Entry::Value(0);
        plan.tiers[0] = std::sync::Arc::new(t);
        let (s, _) = tier_summaries(
            &plan.tiers,
            &[customer(1, 2_000)],
            &TierAssumptions::default(),
        );
        assert_eq!(
            (s[0].coupon_cost, s[0].points_liability, s[0].monthly_cost()),
            (None, None, None)
        );
        // Nobody in a tier: zero cost, not unknown.
        assert_eq!(s[1].coupon_cost, Some(Fen(0)));
    }

    #[test]
    fn orders_file_sums_per_customer_and_lists_bad_lines() {
        let text = "订单号,会员ID,下单时间,实付金额\n1,C01,2026-01-02,1280.50\n2,C02,2026-01-03,\"¥2,000\"\n3,C01,2026-02-01,719.50\n4,,2026-02-02,10\n5,C03,2026-02-03,十元\n6,C02,2026-03-01,-100\n";
        let s = spend_from_orders(text).unwrap();
        assert_eq!(s.orders, 4);
        assert_eq!(
            s.spend,
            [
                ("C01".to_string(), Fen(200_000)),
                ("C02".to_string(), Fen(190_000))
            ]
        );
        assert_eq!(
            s.bad_lines,
            [
                (5, OrderLineError::MissingCustomer),
                (6, OrderLineError::BadAmount)
            ]
        );
        assert_eq!(
            spend_from_orders("id,amount\n1,2"),
            Err(OrdersHeaderError::NoCustomerColumn)
        );
        assert_eq!(
            spend_from_orders("customer;date\nA;x"),
            Err(OrdersHeaderError::NoAmountColumn)
        );
        assert_eq!(
            spend_from_orders(""),
            Err(OrdersHeaderError::NoCustomerColumn)
        );
    }
}
