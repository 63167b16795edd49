//! Segment migration: each customer's four-layer RFM layer (rfm.rs, with the plan's
//! cut-offs) as of two days, and how many moved from each layer to each other (seed
//! 002's membership upgrades and downgrades).
//!
//! Each day is scored on its own: the quintiles of that day's customers (those with a
//! purchase on or before it), as the segments table does for the analysis day. A customer
//! whose first purchase falls between the two days is "new" (a row of its own). Every
//! customer of the first day is still a customer on the second (purchases only
//! accumulate), so the matrix has four columns.
//!
//! Upgrade and downgrade follow how many of the two conditions (recent, valuable) the
//! layer meets: 高价值 both, 潜力 and 沉默 one, 流失 none. Moving between 潜力 and
//! 沉默 is sideways (one condition traded for the other).

use super::orders::Order;
use super::rfm::{customer_stats, layer_of, score, Layer, LayerCuts, LAYERS};

/// How many of the two conditions a layer meets.
fn level(l: Layer) -> u8 {
    match l {
        Layer::HighValue => 2,
        Layer::Potential | Layer::Silent => 1,
        Layer::Lost => 0,
    }
}

/// The index of a layer in [`LAYERS`].
fn slot(l: Layer) -> usize {
    LAYERS.iter().position(|&x| x == l).unwrap_or(0)
}

/// The migration matrix between two days.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Migration {
    pub from_day: i32,
    pub to_day: i32,
    /// `moved[i][j]`: customers in layer `LAYERS[i]` on the first day and `LAYERS[j]`
    /// on the second.
    pub moved: [[u64; 4]; 4],
    /// Customers new between the days (first purchase after the first day, on or before
    /// the second), per layer on the second day.
    pub new: [u64; 4],
    pub upgrades: u64,
    pub downgrades: u64,
    /// Same layer on both days.
    pub stayed: u64,
    /// 潜力 ↔ 沉默.
    pub sideways: u64,
}

impl Migration {
    /// Customers on the first day (the matrix rows without "new").
    pub fn from_total(&self) -> u64 {
        self.moved.iter().flatten().sum()
    }

    /// Customers on the second day (every cell, "new" included).
    pub fn to_total(&self) -> u64 {
        self.from_total() + self.new.iter().sum::<u64>()
    }

    /// Customers per layer on the first day, in [`LAYERS`] order.
    pub fn from_sizes(&self) -> [u64; 4] {
        self.moved.map(|row| row.iter().sum())
    }

    /// Customers per layer on the second day.
    pub fn to_sizes(&self) -> [u64; 4] {
        std::array::from_fn(|j| self.moved.iter().map(|r| r[j]).sum::<u64>() + self.new[j])
    }
}

/// Each customer's layer on `day`, `None` without a purchase by then.
pub fn layers_on(
    orders: &[Order],
    customers: usize,
    day: i32,
    cuts: LayerCuts,
) -> Vec<Option<Layer>> {
    let stats = customer_stats(orders, customers, day);
    let mut out = vec![None; customers];
    for s in score(&stats, day) {
        out[s.customer as usize] = Some(layer_of(s.r, s.fm(), cuts));
    }
    out
}

/// Why there is no matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MigrationError {
    /// The first day is after the second.
    Reversed,
}

/// The matrix from `from_day` to `to_day` (the first on or before the second).
pub fn migration(
    orders: &[Order],
    customers: usize,
    from_day: i32,
    to_day: i32,
    cuts: LayerCuts,
) -> Result<Migration, MigrationError> {
    if from_day > to_day {
        return Err(MigrationError::Reversed);
    }
    let before = layers_on(orders, customers, from_day, cuts);
    let after = layers_on(orders, customers, to_day, cuts);
    let mut m = Migration {
        from_day,
        to_day,
        ..Migration::default()
    };
    for (b, a) in before.iter().zip(&after) {
        let Some(a) = *a else { continue };
        let Some(b) = *b else {
            m.new[slot(a)] += 1;
            continue;
        };
        m.moved[slot(b)][slot(a)] += 1;
        match level(a).cmp(&level(b)) {
            std::cmp::Ordering::Greater => m.upgrades += 1,
            std::cmp::Ordering::Less => m.downgrades += 1,
            std::cmp::Ordering::Equal if a == b => m.stayed += 1,
            std::cmp::Ordering::Equal => m.sideways += 1,
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customers::orders::{parse_day, read_orders};

    #[test]
    fn a_hand_made_matrix() {
        // As of 2026-01-31 (five customers): recency a 1, b 11, c 21, d 31, e 61 days.
        // R (negated, ascending: e d c b a) = e 1, d 2, c 3, b 4, a 5.
        // F: a 1, b 1, c 1, d 3, e 2 → values 1 1 1 2 3 → a b c 1, e 4, d 5.
        // M: a 10, b 20, c 30, d 300, e 500 → 1 2 3 4 5.
        // FM ⌈(F+M)/2⌉: a 1, b 2, c 2, d 5, e 5.
        // Layers (R ≥ 3 recent, FM ≥ 3 valuable): a b c potential, d silent, e silent.
        // As of 2026-03-31, f is new; a buys big twice, e comes back.
        let text = "customer,date,amount\n\
            e,2025-11-20,250\n\
            e,2025-12-01,250\n\
            d,2025-12-05,100\n\
            d,2025-12-10,100\n\
            d,2025-12-31,100\n\
            c,2026-01-10,30\n\
            b,2026-01-20,20\n\
            a,2026-01-30,10\n\
            a,2026-03-01,900\n\
            a,2026-03-20,900\n\
            e,2026-03-30,250\n\
            f,2026-03-31,5\n";
        let o = read_orders(text).unwrap();
        let from = parse_day("2026-01-31").unwrap();
        let to = parse_day("2026-03-31").unwrap();
        let cuts = LayerCuts::default();
        // Customer ids follow first appearance in the file: e d c b a f.
        assert_eq!(
            layers_on(&o.orders, o.customers.len(), from, cuts),
            [
                Some(Layer::Silent),
                Some(Layer::Silent),
                Some(Layer::Potential),
                Some(Layer::Potential),
                Some(Layer::Potential),
                None
            ]
        );
        // As of 03-31: recency e 1, d 90, c 80, b 70, a 11, f 0 → negated ascending:
        // d c b a e f → d 1, c 1 (k 1 → 1 + 5/6 = 1), b 2, a 3, e 4, f 5.
        // F: a 3, b 1, c 1, d 3, e 3, f 1 → 1 1 1 3 3 3 → b c f 1, a d e 1 + 15/6 = 3.
        // M: a 1810, b 20, c 30, d 300, e 750, f 5 → f 1, b 1 (k 1), c 2, d 3, e 4, a 5.
        // FM: a 4, b 1, c 2, d 3, e 4, f 1.
        // Layers: a high, b lost, c lost, d silent, e high, f potential.
        let after = layers_on(&o.orders, o.customers.len(), to, cuts);
        let of = |name: &str| after[o.customers.iter().position(|c| c == name).unwrap()];
        assert_eq!(of("a"), Some(Layer::HighValue));
        assert_eq!(of("b"), Some(Layer::Lost));
        assert_eq!(of("c"), Some(Layer::Lost));
        assert_eq!(of("d"), Some(Layer::Silent));
        assert_eq!(of("e"), Some(Layer::HighValue));
        assert_eq!(of("f"), Some(Layer::Potential));
        let m = migration(&o.orders, o.customers.len(), from, to, cuts).unwrap();
        // Rows high, potential, silent, lost; columns the same.
        // potential → high: a; potential → lost: b, c; silent → high: e; silent → silent: d.
        assert_eq!(m.moved, [[0; 4], [1, 0, 0, 2], [1, 0, 1, 0], [0; 4]]);
        assert_eq!(m.new, [0, 1, 0, 0]);
        assert_eq!(
            (m.upgrades, m.downgrades, m.stayed, m.sideways),
            (2, 2, 1, 0)
        );
        assert_eq!((m.from_total(), m.to_total()), (5, 6));
        assert_eq!(m.from_sizes(), [0, 3, 2, 0]);
        assert_eq!(m.to_sizes(), [2, 1, 1, 2]);
        assert_eq!(
            migration(&o.orders, o.customers.len(), to, from, cuts),
            Err(MigrationError::Reversed)
        );
        // The same day twice: everyone stays.
        let same = migration(&o.orders, o.customers.len(), to, to, cuts).unwrap();
        assert_eq!(same.stayed, 6);
        assert_eq!(same.new, [0; 4]);
    }

    #[test]
    fn the_e2e_file_moves_as_its_comments_say() {
        // tests/e2e/specs/cohorts.spec.js works these out by hand.
        let o = read_orders(
            "customer,date,amount\nA,2026-01-05,100\nB,2026-01-20,50\nC,2026-01-25,80\n\
             A,2026-02-01,30\nC,2026-02-03,-20\nD,2026-02-15,200\nA,2026-03-10,40\n\
             B,2026-03-12,60\nE,2026-03-20,10\nD,2026-03-31,20\nA,2026-04-02,70\n\
             F,2026-04-30,90\n",
        )
        .unwrap();
        let n = o.customers.len();
        let to = parse_day("2026-04-30").unwrap();
        let cuts = LayerCuts::default();
        let m = migration(&o.orders, n, parse_day("2026-01-30").unwrap(), to, cuts).unwrap();
        assert_eq!(m.moved, [[0; 4], [0, 0, 0, 1], [1, 0, 0, 0], [0, 0, 1, 0]]);
        assert_eq!(m.new, [1, 1, 0, 1]);
        assert_eq!(
            (m.upgrades, m.downgrades, m.stayed, m.sideways),
            (2, 1, 0, 0)
        );
        let m = migration(&o.orders, n, parse_day("2026-03-15").unwrap(), to, cuts).unwrap();
        assert_eq!(m.moved, [[1, 0, 1, 0], [0; 4], [1, 0, 0, 0], [0, 0, 0, 1]]);
        assert_eq!(m.new, [0, 1, 0, 1]);
        assert_eq!(
            (m.upgrades, m.downgrades, m.stayed, m.sideways),
            (1, 1, 2, 0)
        );
        let t = crate::domain::customers::cohorts::cohort_table(&o.orders, n, to);
        assert_eq!(t.cohorts[0].active, [3, 1, 2, 1]);
        assert_eq!(t.cohorts[0].revenue, [23_000, 1_000, 10_000, 7_000]);
        assert_eq!(t.cohorts[0].ltv(), [7_667, 8_000, 11_333, 13_667]);
        assert_eq!(t.cohorts[1].active, [1, 1, 0]);
        assert_eq!(t.cohorts[1].ltv(), [20_000, 22_000, 22_000]);
        assert_eq!(t.cohorts[2].ltv(), [1_000, 1_000]);
        assert_eq!(t.cohorts[3].ltv(), [9_000]);
    }
}
