//! Retail omnichannel stock (spec §6.1) and the replenishment rule, which the app owns and
//! explains on screen:
//!
//! 1. Online orders are served from a store's shared stock, so the coming week is expected
//!    to draw `transfers in the last 7 days × units per transfer` from it.
//! 2. Projected stock = shared stock − that draw. A store is short when its projected
//!    stock is below its safety stock; it needs the difference.
//! 3. It is supplied first by stores in the same city that are not short themselves, from
//!    their surplus (projected − safety), the largest surplus first (ties: store code
//!    order); whatever they cannot cover is requested from the warehouse, rounded up to
//!    the warehouse's pack size.

use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoreStock {
    pub id: RowId,
    pub code: String,
    /// The city is what matters for transfers: "北京市朝阳区" is in 北京.
    pub address: String,
    pub online_stock: Entry<u64>,
    pub shared_stock: Entry<u64>,
    pub transfers_7d: Entry<u64>,
    pub safety_stock: Entry<u64>,
}

impl StoreStock {
    pub fn new(id: RowId) -> StoreStock {
        StoreStock {
            id,
            code: String::new(),
            address: String::new(),
            online_stock: Entry::Empty,
            shared_stock: Entry::Empty,
            transfers_7d: Entry::Empty,
            safety_stock: Entry::Empty,
        }
    }

    /// The city of the address: up to and including the first 市 (or the first 省/区 for
    /// addresses without one); the whole trimmed address otherwise.
    pub fn city(&self) -> String {
        let address = self.address.trim();
        for mark in ['市', '省'] {
            if let Some(at) = address.find(mark) {
                return address[..at + mark.len_utf8()].to_string();
            }
        }
        address.to_string()
    }
}

/// The rule's two assumptions, editable on the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockRule {
    pub units_per_transfer: Entry<u64>,
    /// The warehouse ships in packs of this many units (1: exact quantities).
    pub warehouse_pack: Entry<u64>,
}

pub const DEFAULT_UNITS_PER_TRANSFER: u64 = 3;

impl Default for StockRule {
    fn default() -> StockRule {
        StockRule {
            units_per_transfer: Entry::Value(DEFAULT_UNITS_PER_TRANSFER),
            warehouse_pack: Entry::Value(1),
        }
    }
}

/// One store's position and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advice {
    /// A count is missing or invalid.
    Unknown,
    Normal,
    Supply {
        /// (store code, units) from same-city stores.
        from_stores: Vec<(String, u64)>,
        /// Units requested from the warehouse (after pack rounding).
        from_warehouse: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockPosition {
    pub id: RowId,
    pub projected: Option<i64>,
    /// Units below safety stock; 0 when not short.
    pub shortfall: u64,
    pub advice: Advice,
}

impl StockPosition {
    /// Low-stock alert: short after the expected draw.
    pub fn is_low(&self) -> bool {
        self.shortfall > 0
    }
}

fn projected(store: &StoreStock, units_per_transfer: u64) -> Option<i64> {
    let shared = i64::try_from(*store.shared_stock.value()?).ok()?;
    let draw = store
        .transfers_7d
        .value()?
        .checked_mul(units_per_transfer)?;
    shared.checked_sub(i64::try_from(draw).ok()?)
}

/// Rules 1 and 2 per store, and the warehouse's pack size.
struct Levels {
    /// (projected stock, safety stock); `None` when a count is missing or invalid.
    level: Vec<Option<(i64, i64)>>,
    /// What each store can still give: its surplus. A store short of stock has none, so
    /// it is never its own donor.
    spare: Vec<u64>,
    pack: u64,
}

fn levels(stores: &[&StoreStock], rule: &StockRule) -> Levels {
    let units = rule
        .units_per_transfer
        .value()
        .copied()
        .unwrap_or(DEFAULT_UNITS_PER_TRANSFER);
    let pack = rule
        .warehouse_pack
        .value()
        .copied()
        .filter(|&p| p >= 1)
        .unwrap_or(1);
    let level: Vec<Option<(i64, i64)>> = stores
        .iter()
        .map(|s| {
            Some((
                projected(s, units)?,
                i64::try_from(*s.safety_stock.value()?).ok()?,
            ))
        })
        .collect();
    let spare = level
        .iter()
        .map(|l| l.map_or(0, |(p, safety)| u64::try_from(p - safety).unwrap_or(0)))
        .collect();
    Levels { level, spare, pack }
}

/// Every store's projected stock and advice, in table order.
pub fn replenishment(
    stores: &[impl std::borrow::Borrow<StoreStock>],
    rule: &StockRule,
) -> Vec<StockPosition> {
    let stores: Vec<&StoreStock> = stores.iter().map(|s| s.borrow()).collect();
    let Levels { level, spare, pack } = levels(&stores, rule);
    // Each city's donors, the largest surplus on top (ties: store code, then table
    // order). A store in need takes from the top until covered; only the last donor it
    // took from can have surplus left, and goes back with what is left. So a thousand
    // stores cost n log n, not a sort of the city per store in need.
    let mut donors: HashMap<String, BinaryHeap<Donor>> = HashMap::new();
    let cities: Vec<String> = stores.iter().map(|s| s.city()).collect();
    for (j, city) in cities.iter().enumerate() {
        let heap = donors.entry(city.clone()).or_default();
        if spare[j] > 0 {
            heap.push(Donor {
                spare: spare[j],
                code: &stores[j].code,
                at: j,
            });
        }
    }
    let mut out = Vec::with_capacity(stores.len());
    for (i, store) in stores.iter().enumerate() {
        let Some((projected, safety)) = level[i] else {
            out.push(StockPosition {
                id: store.id,
                projected: None,
                shortfall: 0,
                advice: Advice::Unknown,
            });
            continue;
        };
        let shortfall = u64::try_from(safety - projected).unwrap_or(0);
        if shortfall == 0 {
            out.push(StockPosition {
                id: store.id,
                projected: Some(projected),
                shortfall,
                advice: Advice::Normal,
            });
            continue;
        }
        let city = donors
            .get_mut(&cities[i])
            .expect("every store's city has a heap");
        let mut need = shortfall;
        let mut from_stores = Vec::new();
        while need > 0 {
            let Some(mut donor) = city.pop() else { break };
            let give = need.min(donor.spare);
            donor.spare -= give;
            need -= give;
            from_stores.push((donor.code.trim().to_string(), give));
            if donor.spare > 0 {
                city.push(donor);
            }
        }
        let from_warehouse = need.div_ceil(pack) * pack;
        out.push(StockPosition {
            id: store.id,
            projected: Some(projected),
            shortfall,
            advice: Advice::Supply {
                from_stores,
                from_warehouse,
            },
        });
    }
    out
}

/// A store with surplus, ordered so that the heap's top is the next to give: the largest
/// surplus, then the first code, then the first in the table.
#[derive(PartialEq, Eq)]
struct Donor<'a> {
    spare: u64,
    code: &'a str,
    at: usize,
}

impl Ord for Donor<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.spare
            .cmp(&other.spare)
            .then_with(|| other.code.cmp(self.code))
            .then_with(|| other.at.cmp(&self.at))
    }
}

impl PartialOrd for Donor<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(id: u64, code: &str, address: &str, counts: [u64; 4]) -> StoreStock {
        let [online, shared, transfers, safety] = counts;
        StoreStock {
            id: RowId(id),
            code: code.into(),
            address: address.into(),
            online_stock: Entry::Value(online),
            shared_stock: Entry::Value(shared),
            transfers_7d: Entry::Value(transfers),
            safety_stock: Entry::Value(safety),
        }
    }

    fn spec_stores() -> Vec<StoreStock> {
        vec![
            store(1, "MB001", "北京市朝阳区", [50, 120, 15, 80]),
            store(2, "MB002", "上海市浦东区", [30, 80, 8, 50]),
            store(3, "MB003", "北京市海淀区", [100, 200, 25, 150]),
        ]
    }

    #[test]
    fn spec_stores_under_the_default_rule() {
        let out = replenishment(&spec_stores(), &StockRule::default());
        // 120 − 15×3 = 75 < 80; 80 − 8×3 = 56 ≥ 50; 200 − 25×3 = 125 < 150.
        let summary: Vec<(Option<i64>, u64)> =
            out.iter().map(|p| (p.projected, p.shortfall)).collect();
        assert_eq!(summary, [(Some(75), 5), (Some(56), 0), (Some(125), 25)]);
        // Both Beijing stores are short: neither can give, the warehouse supplies.
        assert_eq!(
            out[0].advice,
            Advice::Supply {
                from_stores: vec![],
                from_warehouse: 5
            }
        );
        assert_eq!(out[1].advice, Advice::Normal);
        assert!(out[2].is_low() && !out[1].is_low());
    }

    #[test]
    fn a_same_city_surplus_comes_first_then_the_warehouse_in_packs() {
        let rule = StockRule {
            units_per_transfer: Entry::Value(2),
            warehouse_pack: Entry::Value(10),
        };
        // MB001: 120 − 30 = 90 ≥ 80 → surplus 10; MB003: 200 − 50 = 150 → surplus 0.
        let mut stores = spec_stores();
        stores[1] = store(2, "MB004", "北京市东城区", [0, 40, 5, 60]); // 40 − 10 = 30 → short 30
        let out = replenishment(&stores, &rule);
        assert_eq!(out[1].shortfall, 30);
        assert_eq!(
            out[1].advice,
            Advice::Supply {
                from_stores: vec![("MB001".into(), 10)],
                from_warehouse: 20
            }
        );
        // No same-city donor: all from the warehouse, rounded up to the pack.
        let lone = vec![store(9, "SH01", "上海市静安区", [0, 10, 0, 23])];
        assert_eq!(
            replenishment(&lone, &rule)[0].advice,
            Advice::Supply {
                from_stores: vec![],
                from_warehouse: 20
            }
        );
    }

    #[test]
    fn ties_between_donors_go_by_store_code_and_a_surplus_is_given_once() {
        let rule = StockRule {
            units_per_transfer: Entry::Value(0),
            warehouse_pack: Entry::Value(1),
        };
        let stores = vec![
            store(1, "B2", "杭州市西湖区", [0, 70, 0, 50]), // surplus 20
            store(2, "B1", "杭州市上城区", [0, 70, 0, 50]), // surplus 20
            store(3, "A9", "杭州市滨江区", [0, 0, 0, 15]),  // short 15
            store(4, "A8", "杭州市拱墅区", [0, 0, 0, 15]),  // short 15
        ];
        let out = replenishment(&stores, &rule);
        assert_eq!(
            out[2].advice,
            Advice::Supply {
                from_stores: vec![("B1".into(), 15)],
                from_warehouse: 0
            }
        );
        // B2 now has the larger surplus (20 vs 5).
        assert_eq!(
            out[3].advice,
            Advice::Supply {
                from_stores: vec![("B2".into(), 15)],
                from_warehouse: 0
            }
        );
    }

    #[test]
    fn missing_counts_give_no_advice_and_cities_are_read_from_addresses() {
        let mut s = spec_stores();
        s[0].shared_stock = Entry::Invalid("很多".into());
        let out = replenishment(&s, &StockRule::default());
        assert_eq!((out[0].projected, &out[0].advice), (None, &Advice::Unknown));
        assert_eq!(s[2].city(), "北京市");
        let mut x = store(5, "X", "浙江省杭州市", [0; 4]);
        assert_eq!(x.city(), "浙江省杭州市");
        x.address = "  Shenzhen ".into();
        assert_eq!(x.city(), "Shenzhen");
    }
}

/// The heap gives what the rule says: checked against the rule written out plainly (each
/// store in need sorts its city's stores with surplus left), on random stores.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Rule 3 word for word: for each store in need, its city's other stores with surplus
    /// left, largest surplus first, ties by code, then table order (a stable sort).
    fn plainly(stores: &[StoreStock], rule: &StockRule) -> Vec<Advice> {
        let Levels {
            level,
            mut spare,
            pack,
        } = levels(&stores.iter().collect::<Vec<_>>(), rule);
        (0..stores.len())
            .map(|i| {
                let Some((projected, safety)) = level[i] else {
                    return Advice::Unknown;
                };
                let shortfall = u64::try_from(safety - projected).unwrap_or(0);
                if shortfall == 0 {
                    return Advice::Normal;
                }
                let mut donors: Vec<usize> = (0..stores.len())
                    .filter(|&j| j != i && spare[j] > 0 && stores[j].city() == stores[i].city())
                    .collect();
                donors.sort_by(|&a, &b| {
                    spare[b]
                        .cmp(&spare[a])
                        .then_with(|| stores[a].code.cmp(&stores[b].code))
                });
                let mut need = shortfall;
                let mut from_stores = Vec::new();
                for j in donors {
                    if need == 0 {
                        break;
                    }
                    let give = need.min(spare[j]);
                    spare[j] -= give;
                    need -= give;
                    from_stores.push((stores[j].code.trim().to_string(), give));
                }
                Advice::Supply {
                    from_stores,
                    from_warehouse: need.div_ceil(pack) * pack,
                }
            })
            .collect()
    }

    proptest! {
        #[test]
        fn the_heap_follows_the_rule(
            rows in prop::collection::vec((0u8..3, 0u8..4, 0u64..300, 0u64..40, 0u64..200, prop::bool::weighted(0.1)), 0..40),
            units in 1u64..6,
            pack in 1u64..12,
        ) {
            let cities = ["北京市朝阳区", "上海市浦东区", "广州市天河区"];
            let stores: Vec<StoreStock> = rows
                .iter()
                .enumerate()
                .map(|(i, &(city, code, shared, transfers, safety, missing))| StoreStock {
                    id: RowId(i as u64 + 1),
                    // Few codes, so that ties on surplus and code both happen.
                    code: format!("MB{code}"),
                    address: cities[city as usize].into(),
                    online_stock: Entry::Value(0),
                    shared_stock: if missing { Entry::Empty } else { Entry::Value(shared) },
                    transfers_7d: Entry::Value(transfers),
                    safety_stock: Entry::Value(safety),
                })
                .collect();
            let rule = StockRule { units_per_transfer: Entry::Value(units), warehouse_pack: Entry::Value(pack) };
            let advice: Vec<Advice> = replenishment(&stores, &rule).into_iter().map(|p| p.advice).collect();
            prop_assert_eq!(advice, plainly(&stores, &rule));
        }
    }
}
