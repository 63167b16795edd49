//! Food-service combos (spec §6.5): delivery and dine-in combos linked by a coupon, with
//! the coupon's discount rate and its cost on a dine-in order.

use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::plan::parts::Part;
use crate::domain::toolkits::combos::Combo;
use crate::i18n::{format_rate, Msg};
use crate::state::use_lang;
use leptos::prelude::*;

table_row!(Combo, combo_type);

pub(crate) fn combo_source() -> TableSource<Combo> {
    TableSource {
        key: "combos",
        part: Part::Combos,
        rows: |p| &p.combos,
        rows_mut: |p| &mut p.combos,
        new_row: |id, lang| Combo {
            combo_type: lang.t(Msg::NewCombo).into(),
            ..Combo::new(id)
        },
    }
}

pub(crate) fn combo_columns() -> Vec<Column<Combo>> {
    type C = Column<Combo>;
    vec![
        C::text(Msg::ColComboType, |c| &c.combo_type, |c| &mut c.combo_type),
        C::text(
            Msg::ColDeliveryCombo,
            |c| &c.delivery_items,
            |c| &mut c.delivery_items,
        ),
        C::entry(
            Msg::ColDeliveryPrice,
            ColumnKind::Money,
            |c| &c.delivery_price,
            |c| &mut c.delivery_price,
        ),
        C::text(
            Msg::ColDineInCombo,
            |c| &c.dine_in_items,
            |c| &mut c.dine_in_items,
        ),
        C::entry(
            Msg::ColDineInPrice,
            ColumnKind::Money,
            |c| &c.dine_in_price,
            |c| &mut c.dine_in_price,
        ),
        C::entry(
            Msg::ColCouponThreshold,
            ColumnKind::Money,
            |c| &c.coupon_threshold,
            |c| &mut c.coupon_threshold,
        ),
        C::entry(
            Msg::ColCouponDiscount,
            ColumnKind::Money,
            |c| &c.coupon_discount,
            |c| &mut c.coupon_discount,
        ),
        C::text(
            Msg::ColCouponScope,
            |c| &c.coupon_scope,
            |c| &mut c.coupon_scope,
        ),
        C::text(Msg::ColTargetCustomers, |c| &c.target, |c| &mut c.target),
        C::derived(Msg::ColCouponRate, |c, ctx| {
            format_rate(c.coupon_rate(), ctx.lang)
        }),
        C::derived(Msg::ColCouponCostPerOrder, |c, ctx| {
            format_rate(c.cost_per_dine_in_order(), ctx.lang)
        }),
    ]
}

#[component]
pub fn CombosToolkit() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="section" id="combos" aria-labelledby="combos-title">
            <h3 id="combos-title">{lang.t(Msg::CombosTitle)}</h3>
            <p class="hint">{lang.t(Msg::CombosRule)}</p>
            <EditableTable caption=Msg::CombosTitle source=combo_source() columns=combo_columns() add_label=Msg::AddCombo />
        </section>
    }
}
