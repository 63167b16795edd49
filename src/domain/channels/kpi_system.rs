//! The four-dimension KPI system (spec §4.1): twelve metrics derived from the raw
//! figures a merchant has each month, each with its dimension, unit and direction.
//! Every result is exact to the hundredth of its unit (rounded half away from zero);
//! a zero denominator gives no value ("—"), never NaN.

use crate::domain::values::entry::Entry;
use crate::domain::values::measure::{Dimension, Direction, Measure, Unit};
use crate::domain::values::money::Fen;
use serde::{Deserialize, Serialize};

/// One month's raw figures. Counts are people or orders; amounts are fen; repurchase
/// intervals are days in hundredths (Measure).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct KpiInputs {
    pub event_attendees: Entry<u64>,
    pub event_qr_follows: Entry<u64>,
    pub online_impressions: Entry<u64>,
    pub online_booked_visits: Entry<u64>,
    pub new_users_online: Entry<u64>,
    pub new_users_offline: Entry<u64>,
    /// New users counted on both sides (same phone number).
    pub new_users_overlap: Entry<u64>,
    pub reached_users: Entry<u64>,
    /// Orders that crossed channels: online traffic bought offline, or the reverse.
    pub linked_orders: Entry<u64>,
    pub aov_omo: Entry<Fen>,
    pub aov_single_channel: Entry<Fen>,
    pub repurchase_days_before: Entry<Measure>,
    pub repurchase_days_after: Entry<Measure>,
    pub marketing_spend: Entry<Fen>,
    pub new_paying_customers: Entry<u64>,
    pub sales: Entry<Fen>,
    /// Orders of the month, for the average order value (seed 003 alerts).
    #[serde(default)]
    pub orders: Entry<u64>,
    pub headcount_online: Entry<u64>,
    pub headcount_offline: Entry<u64>,
    pub average_inventory_value: Entry<Fen>,
    pub private_domain_users: Entry<u64>,
    /// Users with three or more interactions a week on average.
    pub private_domain_active: Entry<u64>,
    pub customers: Entry<u64>,
    /// Customers whose annual spend is over the high-value threshold.
    pub high_value_customers: Entry<u64>,
    /// How many answered 0, 1, …, 10 to "would you recommend us?".
    pub nps_answers: [Entry<u64>; 11],
}

/// The twelve metrics of spec §4.1, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    OfflineToOnline,
    OnlineToOffline,
    NewUsers,
    LinkedConversion,
    AovUplift,
    RepurchaseCycleCut,
    Cac,
    SalesPerStaff,
    InventoryTurnover,
    PrivateDomainActive,
    HighValueShare,
    Nps,
    /// Seed 003 watches these three with alert thresholds.
    Gmv,
    Roi,
    Aov,
}

impl Metric {
    /// The twelve of spec §4.1, then the three of seed 003's alerts.
    pub const ALL: [Metric; 15] = [
        Metric::OfflineToOnline,
        Metric::OnlineToOffline,
        Metric::NewUsers,
        Metric::LinkedConversion,
        Metric::AovUplift,
        Metric::RepurchaseCycleCut,
        Metric::Cac,
        Metric::SalesPerStaff,
        Metric::InventoryTurnover,
        Metric::PrivateDomainActive,
        Metric::HighValueShare,
        Metric::Nps,
        Metric::Gmv,
        Metric::Roi,
        Metric::Aov,
    ];

    /// A stable key for storage and option lists.
    pub fn key(self) -> &'static str {
        use Metric::*;
        match self {
            OfflineToOnline => "offline_to_online",
            OnlineToOffline => "online_to_offline",
            NewUsers => "new_users",
            LinkedConversion => "linked_conversion",
            AovUplift => "aov_uplift",
            RepurchaseCycleCut => "repurchase_cycle_cut",
            Cac => "cac",
            SalesPerStaff => "sales_per_staff",
            InventoryTurnover => "inventory_turnover",
            PrivateDomainActive => "private_domain_active",
            HighValueShare => "high_value_share",
            Nps => "nps",
            Gmv => "gmv",
            Roi => "roi",
            Aov => "aov",
        }
    }

    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key)
    }

    pub fn dimension(self) -> Dimension {
        use Metric::*;
        match self {
            OfflineToOnline | OnlineToOffline | NewUsers => Dimension::Traffic,
            LinkedConversion | AovUplift | RepurchaseCycleCut => Dimension::Conversion,
            Cac | SalesPerStaff | InventoryTurnover | Roi => Dimension::Efficiency,
            PrivateDomainActive | HighValueShare | Nps | Gmv | Aov => Dimension::Value,
        }
    }

    /// Turnover ("times") and NPS (a score) are plain numbers: `Count` in hundredths.
    pub fn unit(self) -> Unit {
        use Metric::*;
        match self {
            OfflineToOnline | OnlineToOffline | LinkedConversion | AovUplift
            | PrivateDomainActive | HighValueShare | Roi => Unit::Percent,
            Cac | SalesPerStaff | Gmv | Aov => Unit::Money,
            RepurchaseCycleCut => Unit::Days,
            NewUsers | InventoryTurnover | Nps => Unit::Count,
        }
    }

    /// Only the cost of a new customer is better low (the days cut from the repurchase
    /// cycle are already "more is better").
    pub fn direction(self) -> Direction {
        match self {
            Metric::Cac => Direction::LowerIsBetter,
            _ => Direction::HigherIsBetter,
        }
    }

    /// The metric for `m`; `None` while an input is missing or invalid, or a
    /// denominator is zero.
    pub fn compute(self, m: &KpiInputs) -> Option<Measure> {
        let n = |e: &Entry<u64>| e.value().map(|v| i128::from(*v));
        let fen = |e: &Entry<Fen>| e.value().map(|v| i128::from(v.0));
        let value = match self {
            Metric::OfflineToOnline => percent(n(&m.event_qr_follows)?, n(&m.event_attendees)?)?,
            Metric::OnlineToOffline => {
                percent(n(&m.online_booked_visits)?, n(&m.online_impressions)?)?
            }
            Metric::NewUsers => {
                let all = n(&m.new_users_online)? + n(&m.new_users_offline)?;
                (all - n(&m.new_users_overlap)?).max(0) * 100
            }
            Metric::LinkedConversion => percent(n(&m.linked_orders)?, n(&m.reached_users)?)?,
            Metric::AovUplift => {
                let single = fen(&m.aov_single_channel)?;
                percent(fen(&m.aov_omo)? - single, single)?
            }
            Metric::RepurchaseCycleCut => {
                i128::from(m.repurchase_days_before.value()?.0)
                    - i128::from(m.repurchase_days_after.value()?.0)
            }
            Metric::Cac => divide(fen(&m.marketing_spend)?, n(&m.new_paying_customers)?)?,
            Metric::SalesPerStaff => {
                let staff = n(&m.headcount_online)? + n(&m.headcount_offline)?;
                divide(fen(&m.sales)?, staff)?
            }
            Metric::InventoryTurnover => {
                divide(fen(&m.sales)? * 100, fen(&m.average_inventory_value)?)?
            }
            Metric::PrivateDomainActive => {
                percent(n(&m.private_domain_active)?, n(&m.private_domain_users)?)?
            }
            Metric::HighValueShare => percent(n(&m.high_value_customers)?, n(&m.customers)?)?,
            Metric::Nps => {
                let counts: Vec<i128> = m.nps_answers.iter().map(n).collect::<Option<_>>()?;
                let total: i128 = counts.iter().sum();
                let promoters: i128 = counts[9..].iter().sum();
                let detractors: i128 = counts[..7].iter().sum();
                // (promoters% − detractors%) × 100 is a score from −100 to 100.
                divide((promoters - detractors) * 10_000, total)?
            }
            Metric::Gmv => fen(&m.sales)?,
            // Seed 003: ROI = (revenue − cost) ÷ cost, the month's sales against its spend.
            Metric::Roi => {
                let spend = fen(&m.marketing_spend)?;
                percent(fen(&m.sales)? - spend, spend)?
            }
            Metric::Aov => divide(fen(&m.sales)?, n(&m.orders)?)?,
        };
        Some(Measure(i64::try_from(value).ok()?))
    }
}

/// num ÷ den in hundredths of a percent (basis points).
fn percent(num: i128, den: i128) -> Option<i128> {
    divide(num * 10_000, den)
}

/// num ÷ den rounded half away from zero; `None` for a zero (or negative) denominator.
fn divide(num: i128, den: i128) -> Option<i128> {
    if den <= 0 {
        return None;
    }
    let half = den / 2;
    Some(if num >= 0 {
        (num + half) / den
    } else {
        (num - half) / den
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(v: u64) -> Entry<u64> {
        Entry::Value(v)
    }

    fn yuan(v: i64) -> Entry<Fen> {
        Entry::Value(Fen(v * 100))
    }

    /// Hand-computed month: every formula of spec §4.1.
    fn month() -> KpiInputs {
        let mut nps = std::array::from_fn(|_| count(0));
        nps[10] = count(30); // promoters 30 + 20 = 50
        nps[9] = count(20);
        nps[8] = count(25); // passives 25
        nps[3] = count(25); // detractors 25
        KpiInputs {
            event_attendees: count(400),
            event_qr_follows: count(100),
            online_impressions: count(50_000),
            online_booked_visits: count(4_000),
            new_users_online: count(1_200),
            new_users_offline: count(800),
            new_users_overlap: count(150),
            reached_users: count(3_000),
            linked_orders: count(360),
            aov_omo: yuan(230),
            aov_single_channel: yuan(200),
            repurchase_days_before: Entry::Value(Measure(4_500)),
            repurchase_days_after: Entry::Value(Measure(3_850)),
            marketing_spend: yuan(24_000),
            new_paying_customers: count(300),
            sales: yuan(1_800_000),
            orders: count(12_000),
            headcount_online: count(6),
            headcount_offline: count(30),
            average_inventory_value: yuan(600_000),
            private_domain_users: count(5_000),
            private_domain_active: count(2_000),
            customers: count(8_000),
            high_value_customers: count(600),
            nps_answers: nps,
        }
    }

    #[test]
    fn every_formula_by_hand() {
        let m = month();
        let got: Vec<(Metric, i64)> = Metric::ALL
            .iter()
            .map(|&k| (k, k.compute(&m).unwrap().0))
            .collect();
        use Metric::*;
        assert_eq!(
            got,
            [
                (OfflineToOnline, 2_500),     // 100 / 400 = 25%
                (OnlineToOffline, 800),       // 4,000 / 50,000 = 8%
                (NewUsers, 185_000),          // 1,200 + 800 − 150 = 1,850
                (LinkedConversion, 1_200),    // 360 / 3,000 = 12%
                (AovUplift, 1_500),           // (230 − 200) / 200 = 15%
                (RepurchaseCycleCut, 650),    // 45 − 38.5 = 6.5 days
                (Cac, 8_000),                 // ¥24,000 / 300 = ¥80
                (SalesPerStaff, 5_000_000),   // ¥1,800,000 / 36 = ¥50,000
                (InventoryTurnover, 300),     // 1,800,000 / 600,000 = 3.00 times
                (PrivateDomainActive, 4_000), // 2,000 / 5,000 = 40%
                (HighValueShare, 750),        // 600 / 8,000 = 7.5%
                (Nps, 2_500),                 // 50% − 25% → 25
                (Gmv, 180_000_000),           // ¥1,800,000
                (Roi, 740_000),               // (1,800,000 − 24,000) / 24,000 = 7400%
                (Aov, 15_000),                // ¥1,800,000 / 12,000 = ¥150
            ]
        );
    }

    #[test]
    fn units_directions_and_no_value_cases() {
        assert_eq!(Metric::Cac.direction(), Direction::LowerIsBetter);
        assert_eq!(Metric::Cac.unit(), Unit::Money);
        assert_eq!(Metric::Nps.dimension(), Dimension::Value);
        let mut m = month();
        m.event_attendees = count(0);
        assert_eq!(Metric::OfflineToOnline.compute(&m), None);
        m.new_paying_customers = Entry::Invalid("三百".into());
        assert_eq!(Metric::Cac.compute(&m), None);
        m.nps_answers = std::array::from_fn(|_| count(0));
        assert_eq!(Metric::Nps.compute(&m), None);
        m.orders = count(0);
        assert_eq!(Metric::Aov.compute(&m), None);
        for metric in Metric::ALL {
            assert_eq!(Metric::from_key(metric.key()), Some(metric));
        }
        // A lower OMO order value is a negative uplift, rounded away from zero.
        m.aov_omo = Entry::Value(Fen(19_999));
        assert_eq!(Metric::AovUplift.compute(&m), Some(Measure(-1)));
        // Overlap larger than the sum (bad input) does not go below zero users.
        m.new_users_overlap = count(5_000);
        assert_eq!(Metric::NewUsers.compute(&m), Some(Measure(0)));
    }
}
