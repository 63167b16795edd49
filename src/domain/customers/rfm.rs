//! RFM (recency, frequency, monetary) per customer as of a chosen day, scored 1-5 by
//! quintiles, and the two segment schemes: the source's four layers (高价值 / 潜力 /
//! 沉默 / 流失) and the common ten-name scheme (Champions … Hibernating).

use super::orders::{Channel, Order};
use serde::{Deserialize, Serialize};

/// One customer's figures as of the analysis day (orders after it are ignored).
///
/// Refunds (see [`Order::is_refund`]) are not purchases: they count in no order count
/// or purchase day below, and they reduce every amount (net spend).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CustomerStats {
    /// Purchases on or before the analysis day; 0: the customer is not in the analysis.
    pub frequency: u32,
    /// Net spend in fen: purchases minus refunds.
    pub monetary: i64,
    /// First and last purchase day (refunds left out).
    pub first_day: i32,
    pub last_day: i32,
    pub online_orders: u32,
    pub offline_orders: u32,
    /// Net spend online / offline.
    pub online_amount: i64,
    pub offline_amount: i64,
    /// Net spend in the 365 days ending on the analysis day.
    pub annual_spend: i64,
}

impl CustomerStats {
    /// Days from the last purchase to the analysis day.
    pub fn recency(&self, as_of: i32) -> i32 {
        as_of - self.last_day
    }

    /// Average order value in fen (net spend ÷ purchases), rounded down; 0 without
    /// purchases.
    pub fn aov(&self) -> i64 {
        if self.frequency == 0 {
            0
        } else {
            self.monetary.div_euclid(i64::from(self.frequency))
        }
    }
}

/// Per customer id, their figures as of `as_of` (one pass over the orders).
pub fn customer_stats(orders: &[Order], customers: usize, as_of: i32) -> Vec<CustomerStats> {
    let mut stats = vec![CustomerStats::default(); customers];
    for o in orders.iter().filter(|o| o.day <= as_of) {
        let Some(s) = stats.get_mut(o.customer as usize) else {
            continue;
        };
        let amount = o.amount.0;
        s.monetary = s.monetary.saturating_add(amount);
        if o.day > as_of - 365 {
            s.annual_spend = s.annual_spend.saturating_add(amount);
        }
        match o.channel {
            Some(Channel::Online) => s.online_amount = s.online_amount.saturating_add(amount),
            Some(Channel::Offline) => s.offline_amount = s.offline_amount.saturating_add(amount),
            None => {}
        }
        if o.is_refund() {
            continue;
        }
        if s.frequency == 0 {
            s.first_day = o.day;
            s.last_day = o.day;
        }
        s.first_day = s.first_day.min(o.day);
        s.last_day = s.last_day.max(o.day);
        s.frequency += 1;
        match o.channel {
            Some(Channel::Online) => s.online_orders += 1,
            Some(Channel::Offline) => s.offline_orders += 1,
            None => {}
        }
    }
    stats
}

/// Scores 1-5 by quintiles, a higher value scoring higher (pass recency negated so the
/// most recent customers score 5).
///
/// **Ties:** equal values always get the same score, the score of their first occurrence
/// in ascending order: a value whose first 0-based rank among `n` values is `k` scores
/// `1 + ⌊5k / n⌋`. So a quintile can hold more or fewer than a fifth of the customers, and
/// when most customers ordered once they all share F = 1. Sorting once: O(n log n).
pub fn quintile_scores(values: &[i64]) -> Vec<u8> {
    let n = values.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_unstable_by_key(|&i| values[i as usize]);
    let mut scores = vec![0u8; n];
    let mut run_start = 0;
    for (rank, &i) in order.iter().enumerate() {
        if rank > 0 && values[i as usize] != values[order[rank - 1] as usize] {
            run_start = rank;
        }
        scores[i as usize] = (1 + 5 * run_start / n) as u8;
    }
    scores
}

/// The source's four customer layers (seed 000 §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// 高价值客户: recent and valuable.
    HighValue,
    /// 潜力客户: recent, not yet valuable.
    Potential,
    /// 沉默客户: valuable, gone quiet.
    Silent,
    /// 流失客户: neither recent nor valuable.
    Lost,
}

pub const LAYERS: [Layer; 4] = [
    Layer::HighValue,
    Layer::Potential,
    Layer::Silent,
    Layer::Lost,
];

/// The ten-name scheme. Mapping from R and FM (FM = ⌈(F + M) / 2⌉, i.e. the mean of
/// the frequency and monetary scores rounded half up), the widely used R × F grid of
/// RFM tutorials (the "seg_map" of the Kaggle / Medium RFM notebooks) with FM on the
/// second axis so that spend counts too:
///
/// | R \ FM | 1-2 | 3 | 4 | 5 |
/// |---|---|---|---|---|
/// | 1-2 | Hibernating | At Risk | At Risk | Can't Lose Them |
/// | 3 | About to Sleep | Need Attention | Loyal | Loyal |
/// | 4 | Promising (FM 1) / Potential Loyalist (FM 2) | Potential Loyalist | Loyal | Loyal |
/// | 5 | New Customers (FM 1) / Potential Loyalist (FM 2) | Potential Loyalist | Champions | Champions |
///
/// Every one of the 25 cells has exactly one name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Segment {
    Champions,
    Loyal,
    PotentialLoyalist,
    NewCustomers,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLoseThem,
    Hibernating,
}

pub const SEGMENTS: [Segment; 10] = [
    Segment::Champions,
    Segment::Loyal,
    Segment::PotentialLoyalist,
    Segment::NewCustomers,
    Segment::Promising,
    Segment::NeedAttention,
    Segment::AboutToSleep,
    Segment::AtRisk,
    Segment::CantLoseThem,
    Segment::Hibernating,
];

/// The ten-name segment of an R and FM score (see [`Segment`]).
pub fn segment_of(r: u8, fm: u8) -> Segment {
    match r {
        0..=2 => match fm {
            0..=2 => Segment::Hibernating,
            3..=4 => Segment::AtRisk,
            _ => Segment::CantLoseThem,
        },
        3 => match fm {
            0..=2 => Segment::AboutToSleep,
            3 => Segment::NeedAttention,
            _ => Segment::Loyal,
        },
        4 => match fm {
            0..=1 => Segment::Promising,
            2..=3 => Segment::PotentialLoyalist,
            _ => Segment::Loyal,
        },
        _ => match fm {
            0..=1 => Segment::NewCustomers,
            2..=3 => Segment::PotentialLoyalist,
            _ => Segment::Champions,
        },
    }
}

/// A rectangle of the R × FM grid: R from `r.0` to `r.1`, FM from `fm.0` to `fm.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridArea {
    pub r: (u8, u8),
    pub fm: (u8, u8),
}

impl GridArea {
    /// "R3–4 × FM4–5", the same in both languages.
    pub fn label(&self) -> String {
        let span = |(lo, hi): (u8, u8)| {
            if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}–{hi}")
            }
        };
        format!("R{} × FM{}", span(self.r), span(self.fm))
    }
}

/// Where `segment` lies on the 5 × 5 grid, read from [`segment_of`] itself so that any
/// text describing the grid says what the table counts: runs of FM per R, then equal
/// runs of consecutive R merged, lowest R first.
pub fn segment_areas(segment: Segment) -> Vec<GridArea> {
    let mut per_r: Vec<GridArea> = Vec::new();
    for r in 1..=5u8 {
        let mut fm = 1u8;
        while fm <= 5 {
            if segment_of(r, fm) != segment {
                fm += 1;
                continue;
            }
            let lo = fm;
            while fm < 5 && segment_of(r, fm + 1) == segment {
                fm += 1;
            }
            per_r.push(GridArea {
                r: (r, r),
                fm: (lo, fm),
            });
            fm += 1;
        }
    }
    let mut merged: Vec<GridArea> = Vec::new();
    for a in per_r {
        match merged
            .iter_mut()
            .find(|m| m.fm == a.fm && m.r.1 + 1 == a.r.0)
        {
            Some(m) => m.r.1 = a.r.1,
            None => merged.push(a),
        }
    }
    merged
}

/// What to do for a group of customers (the seeds' four levers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// 发券: a coupon pushed online.
    Coupon,
    /// 线下服务券: an offline-only service voucher, to bring them to the store.
    ServiceVoucher,
    /// 电话回访: a staff phone call.
    PhoneCall,
    /// 升级引导: a nudge toward the next member tier.
    TierUpgrade,
}

impl Segment {
    /// The suggested action: keep the best growing (tier upgrade), bring the new and
    /// cooling back with a coupon, call the valuable ones slipping away, and give the
    /// most valuable lapsed an offline service voucher.
    pub fn action(self) -> Action {
        match self {
            Segment::Champions | Segment::Loyal | Segment::PotentialLoyalist => Action::TierUpgrade,
            Segment::NewCustomers
            | Segment::Promising
            | Segment::NeedAttention
            | Segment::AboutToSleep
            | Segment::Hibernating => Action::Coupon,
            Segment::AtRisk => Action::PhoneCall,
            Segment::CantLoseThem => Action::ServiceVoucher,
        }
    }
}

impl Layer {
    pub fn action(self) -> Action {
        match self {
            Layer::HighValue => Action::TierUpgrade,
            Layer::Potential => Action::Coupon,
            Layer::Silent => Action::ServiceVoucher,
            Layer::Lost => Action::PhoneCall,
        }
    }
}

/// The four layers' cut-offs, editable on the page and kept in the plan: a customer is
/// "recent" when R ≥ `recent_from`, "valuable" when FM ≥ `valuable_from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerCuts {
    pub recent_from: u8,
    pub valuable_from: u8,
}

impl Default for LayerCuts {
    fn default() -> LayerCuts {
        LayerCuts {
            recent_from: 3,
            valuable_from: 3,
        }
    }
}

/// The layer of an R and FM score under `cuts`.
pub fn layer_of(r: u8, fm: u8, cuts: LayerCuts) -> Layer {
    match (r >= cuts.recent_from, fm >= cuts.valuable_from) {
        (true, true) => Layer::HighValue,
        (true, false) => Layer::Potential,
        (false, true) => Layer::Silent,
        (false, false) => Layer::Lost,
    }
}

/// One scored customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scored {
    pub customer: u32,
    pub recency: i32,
    pub r: u8,
    pub f: u8,
    pub m: u8,
}

impl Scored {
    /// ⌈(F + M) / 2⌉.
    pub fn fm(&self) -> u8 {
        (self.f + self.m).div_ceil(2)
    }
}

/// Scores every customer with at least one order by `as_of`.
pub fn score(stats: &[CustomerStats], as_of: i32) -> Vec<Scored> {
    let active: Vec<u32> = (0..stats.len() as u32)
        .filter(|&c| stats[c as usize].frequency > 0)
        .collect();
    let pick = |f: &dyn Fn(&CustomerStats) -> i64| -> Vec<i64> {
        active.iter().map(|&c| f(&stats[c as usize])).collect()
    };
    let r = quintile_scores(&pick(&|s| -i64::from(s.recency(as_of))));
    let f = quintile_scores(&pick(&|s| i64::from(s.frequency)));
    let m = quintile_scores(&pick(&|s| s.monetary));
    active
        .iter()
        .enumerate()
        .map(|(i, &c)| Scored {
            customer: c,
            recency: stats[c as usize].recency(as_of),
            r: r[i],
            f: f[i],
            m: m[i],
        })
        .collect()
}

/// Customers and their spend per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupSize {
    pub customers: u64,
    pub monetary: i64,
}

/// Sizes of the four layers (in [`LAYERS`] order) and ten segments ([`SEGMENTS`] order).
pub fn group_sizes(
    scored: &[Scored],
    stats: &[CustomerStats],
    cuts: LayerCuts,
) -> ([GroupSize; 4], [GroupSize; 10]) {
    let mut layers = [GroupSize::default(); 4];
    let mut segments = [GroupSize::default(); 10];
    for s in scored {
        let spend = stats[s.customer as usize].monetary;
        let l = LAYERS
            .iter()
            .position(|&l| l == layer_of(s.r, s.fm(), cuts));
        let g = SEGMENTS.iter().position(|&g| g == segment_of(s.r, s.fm()));
        for slot in [l.map(|i| &mut layers[i]), g.map(|i| &mut segments[i])]
            .into_iter()
            .flatten()
        {
            slot.customers += 1;
            slot.monetary = slot.monetary.saturating_add(spend);
        }
    }
    (layers, segments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::values::money::Fen;

    #[test]
    fn quintiles_with_ties_take_the_first_occurrence() {
        // Ten values, three tied at the bottom: ranks 0..9, score = 1 + ⌊5k/10⌋ where k
        // is the first rank of the value.
        let v = [5, 1, 1, 2, 3, 4, 1, 6, 7, 8];
        // sorted: 1 1 1 2 3 4 5 6 7 8 → first ranks 0 0 0 3 4 5 6 7 8 9
        //                              → scores   1 1 1 2 3 3 4 4 5 5
        assert_eq!(quintile_scores(&v), [4, 1, 1, 2, 3, 3, 1, 4, 5, 5]);
        // All equal: all 1.
        assert_eq!(quintile_scores(&[7, 7, 7]), [1, 1, 1]);
        // Five distinct values: 1..5.
        assert_eq!(quintile_scores(&[50, 40, 30, 20, 10]), [5, 4, 3, 2, 1]);
        // Ties at a boundary: six values, the 2nd..4th equal (first rank 1 → 1 + 5/6 = 1).
        assert_eq!(quintile_scores(&[1, 2, 2, 2, 3, 4]), [1, 1, 1, 1, 4, 5]);
        assert!(quintile_scores(&[]).is_empty());
    }

    fn order(customer: u32, day: i32, yuan: i64) -> Order {
        Order {
            customer,
            day,
            amount: Fen(yuan * 100),
            channel: None,
            store: None,
        }
    }

    #[test]
    fn rfm_of_a_hand_made_set() {
        // Five customers, as of day 100; customer 5 only orders after it (ignored).
        let orders = [
            order(0, 99, 100),
            order(0, 90, 100),
            order(0, 80, 100), // c0: R 1 day, F 3, M 300
            order(1, 99, 50),  // c1: R 1 day (tied with c0), F 1, M 50
            order(2, 40, 800),
            order(2, 30, 800), // c2: R 60, F 2, M 1600
            order(3, 10, 20),  // c3: R 90, F 1, M 20
            order(4, 70, 300), // c4: R 30, F 1, M 300 (tied M with c0)
            order(5, 101, 999),
        ];
        let stats = customer_stats(&orders, 6, 100);
        let s = score(&stats, 100);
        assert_eq!(s.len(), 5);
        // Recency negated, ascending: -90 -60 -30 -1 -1 → first ranks 0 1 2 3 3
        //   → R scores c3 1, c2 2, c4 3, c0 = c1 = 1 + ⌊15/5⌋ = 4.
        // F ascending: 1 1 1 2 3 → c1 c3 c4 score 1, c2 = 1 + ⌊15/5⌋ = 4, c0 = 5.
        // M ascending: 20 50 300 300 1600 → c3 1, c1 2, c0 = c4 = 3, c2 5.
        let rfm: Vec<(u8, u8, u8)> = s.iter().map(|x| (x.r, x.f, x.m)).collect();
        assert_eq!(rfm, [(4, 5, 3), (4, 1, 2), (2, 4, 5), (1, 1, 1), (3, 1, 3)]);
        // FM: c0 ⌈8/2⌉ = 4, c1 ⌈3/2⌉ = 2, c2 ⌈9/2⌉ = 5, c3 1, c4 2.
        let segs: Vec<Segment> = s.iter().map(|x| segment_of(x.r, x.fm())).collect();
        assert_eq!(
            segs,
            [
                Segment::Loyal,
                Segment::PotentialLoyalist,
                Segment::CantLoseThem,
                Segment::Hibernating,
                Segment::AboutToSleep
            ]
        );
        let cuts = LayerCuts::default();
        let layers: Vec<Layer> = s.iter().map(|x| layer_of(x.r, x.fm(), cuts)).collect();
        assert_eq!(
            layers,
            [
                Layer::HighValue,
                Layer::Potential,
                Layer::Silent,
                Layer::Lost,
                Layer::Potential
            ]
        );
        let (l, g) = group_sizes(&s, &stats, cuts);
        assert_eq!(l.map(|x| x.customers), [1, 2, 1, 1]);
        assert_eq!(l[1].monetary, 35_000);
        assert_eq!(g.iter().map(|x| x.customers).sum::<u64>(), 5);
        // Raising the recency cut-off moves c4 (R 3) from potential to lost.
        let (l, _) = group_sizes(
            &s,
            &stats,
            LayerCuts {
                recent_from: 4,
                valuable_from: 3,
            },
        );
        assert_eq!(l.map(|x| x.customers), [1, 1, 1, 2]);
    }

    #[test]
    fn a_refund_is_not_a_purchase_but_reduces_spend() {
        let refund = |customer, day, yuan: i64| Order {
            channel: Some(Channel::Online),
            ..order(customer, day, -yuan)
        };
        let orders = [
            Order {
                channel: Some(Channel::Online),
                ..order(0, 10, 300)
            },
            refund(0, 40, 100), // c0: one purchase, a later partial refund
            order(1, 20, 50),
            order(1, 30, 70),  // c1: two purchases
            refund(2, 35, 80), // c2: a refund only (bought before the file)
        ];
        let s = customer_stats(&orders, 3, 50);
        // The refund neither counts as an order nor moves the last purchase day.
        assert_eq!((s[0].frequency, s[0].first_day, s[0].last_day), (1, 10, 10));
        assert_eq!((s[0].monetary, s[0].annual_spend), (20_000, 20_000));
        assert_eq!((s[0].online_orders, s[0].online_amount), (1, 20_000));
        assert_eq!(s[0].recency(50), 40);
        assert_eq!(s[0].aov(), 20_000);
        assert_eq!(s[1].frequency, 2);
        // A customer with only a refund has no purchase: not in the analysis.
        assert_eq!((s[2].frequency, s[2].monetary), (0, -8_000));
        assert_eq!(score(&s, 50).len(), 2);
    }

    #[test]
    fn the_grid_text_is_read_from_the_segment_rule() {
        let labels = |s| {
            segment_areas(s)
                .iter()
                .map(GridArea::label)
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(Segment::Champions), ["R5 × FM4–5"]);
        // R3 × FM4–5 is Loyal, as the table counts it.
        assert_eq!(labels(Segment::Loyal), ["R3–4 × FM4–5"]);
        assert_eq!(labels(Segment::PotentialLoyalist), ["R4–5 × FM2–3"]);
        assert_eq!(labels(Segment::NeedAttention), ["R3 × FM3"]);
        assert_eq!(labels(Segment::Hibernating), ["R1–2 × FM1–2"]);
        // The areas cover the 25 cells exactly once.
        let cells: u32 = SEGMENTS
            .iter()
            .flat_map(|&s| segment_areas(s))
            .map(|a| u32::from(a.r.1 - a.r.0 + 1) * u32::from(a.fm.1 - a.fm.0 + 1))
            .sum();
        assert_eq!(cells, 25);
    }

    #[test]
    fn every_cell_of_the_grid_has_one_segment_and_an_action() {
        let mut seen = std::collections::HashSet::new();
        for r in 1..=5 {
            for fm in 1..=5 {
                let s = segment_of(r, fm);
                seen.insert(s);
                let _ = s.action();
            }
        }
        assert_eq!(seen.len(), 10);
        assert_eq!(segment_of(5, 5), Segment::Champions);
        assert_eq!(segment_of(5, 1), Segment::NewCustomers);
        assert_eq!(segment_of(4, 1), Segment::Promising);
        assert_eq!(segment_of(1, 5), Segment::CantLoseThem);
        assert_eq!(segment_of(3, 3), Segment::NeedAttention);
    }
}
