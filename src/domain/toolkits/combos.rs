//! Food-service combos (spec §6.5): a delivery combo and a dine-in combo linked by a
//! coupon (threshold, discount, where it can be used), with the coupon's discount rate
//! and what it costs per dine-in order.

use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::money::Fen;
use crate::domain::values::ratio::Ratio;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Combo {
    pub id: RowId,
    pub combo_type: String,
    pub delivery_items: String,
    pub delivery_price: Entry<Fen>,
    pub dine_in_items: String,
    pub dine_in_price: Entry<Fen>,
    /// The linked coupon: "满50减10" is threshold ¥50, discount ¥10.
    pub coupon_threshold: Entry<Fen>,
    pub coupon_discount: Entry<Fen>,
    /// Where it can be used: "限堂食使用".
    pub coupon_scope: String,
    pub target: String,
}

impl Combo {
    pub fn new(id: RowId) -> Combo {
        Combo {
            id,
            combo_type: String::new(),
            delivery_items: String::new(),
            delivery_price: Entry::Empty,
            dine_in_items: String::new(),
            dine_in_price: Entry::Empty,
            coupon_threshold: Entry::Empty,
            coupon_discount: Entry::Empty,
            coupon_scope: String::new(),
            target: String::new(),
        }
    }

    /// Discount ÷ threshold: how deep the coupon cuts at its minimum spend.
    pub fn coupon_rate(&self) -> Option<Ratio> {
        fraction(
            self.coupon_discount.value()?,
            self.coupon_threshold.value()?,
        )
    }

    /// What the coupon costs on one dine-in combo order, as a share of its price; `None`
    /// when the dine-in combo does not reach the coupon's threshold (it cannot be used).
    pub fn cost_per_dine_in_order(&self) -> Option<Ratio> {
        let price = self.dine_in_price.value()?;
        if price.0 < self.coupon_threshold.value()?.0 {
            return None;
        }
        fraction(self.coupon_discount.value()?, price)
    }
}

fn fraction(part: &Fen, whole: &Fen) -> Option<Ratio> {
    let (part, whole) = (u64::try_from(part.0).ok()?, u64::try_from(whole.0).ok()?);
    (part <= whole).then(|| Ratio::new(part, whole)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::demo::demo_plan;

    #[test]
    fn spec_combo_coupon_figures() {
        let plan = demo_plan();
        let c = &plan.combos[0];
        // ¥10 off ¥50: 20%; on the ¥68 business set for two: 14.71%.
        assert_eq!(c.coupon_rate().unwrap().basis_points(), 2_000);
        assert_eq!(c.cost_per_dine_in_order().unwrap().basis_points(), 1_471);
        // The source is cut off after the second combo's name: nothing to derive.
        assert_eq!(plan.combos[1].coupon_rate(), None);
    }

    #[test]
    fn edge_cases_have_no_rate() {
        let mut c = Combo::new(RowId(1));
        c.coupon_threshold = Entry::Value(Fen(0));
        c.coupon_discount = Entry::Value(Fen(0));
        assert_eq!(c.coupon_rate(), None);
        c.coupon_threshold = Entry::Value(Fen(5_000));
        c.coupon_discount = Entry::Value(Fen(6_000));
        assert_eq!(c.coupon_rate(), None); // a discount above the threshold is not a rate
        c.coupon_discount = Entry::Value(Fen(1_000));
        c.dine_in_price = Entry::Value(Fen(4_000));
        assert_eq!(c.cost_per_dine_in_order(), None); // ¥40 does not reach ¥50
    }
}
