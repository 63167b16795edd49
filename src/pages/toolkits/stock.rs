//! Retail omnichannel stock (spec §6.1): the stores, the rule on screen, the advice it
//! gives and the stores low on stock.

use crate::components::field::EntryField;
use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::plan::parts::Part;
use crate::domain::plan::Plan;
use crate::domain::toolkits::stock::{replenishment, Advice, StockPosition, StockRule, StoreStock};
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::{RowId, Rows};
use crate::i18n::{Lang, Msg, NO_VALUE};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

table_row!(StoreStock, code);

pub(crate) fn store_source() -> TableSource<StoreStock> {
    TableSource {
        key: "stores",
        part: Part::Stores,
        rows: |p| &p.stores,
        rows_mut: |p| &mut p.stores,
        new_row: |id, lang| StoreStock {
            code: lang.t(Msg::NewStore).into(),
            ..StoreStock::new(id)
        },
    }
}

/// Reads every store's position, computed once per change of the stores or the rule.
fn with_positions<T>(plan: &Plan, read: impl FnOnce(&HashMap<RowId, StockPosition>) -> T) -> T {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        let fresh = last.as_ref().is_some_and(|(stores, rule, _)| {
            *rule == plan.stock_rule
                && stores.len() == plan.stores.len()
                && stores
                    .iter()
                    .zip(plan.stores.iter())
                    .all(|(a, b)| Arc::ptr_eq(a, b))
        });
        if !fresh {
            let positions = replenishment(&plan.stores, &plan.stock_rule)
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
            *last = Some((plan.stores.clone(), plan.stock_rule.clone(), positions));
        }
        let (_, _, positions) = last.as_ref().expect("computed above");
        read(positions)
    })
}

/// How many low stores the alert names before the rest fold away.
const LOW_SHOWN: usize = 8;

/// The rows and rule positions were computed from, and the positions by store.
type Computed = (Rows<StoreStock>, StockRule, HashMap<RowId, StockPosition>);

thread_local! {
    /// The positions last computed, with the rows they were computed from: every cell in
    /// view of the two derived columns reads them after one edit, and the table is
    /// shared out as a whole, so it is computed once per change, not once per cell. A
    /// row edited since is a new `Arc` (this copy keeps the old one alive), so pointer
    /// equality is enough to tell.
    static LAST: RefCell<Option<Computed>> = const { RefCell::new(None) };
}

fn advice_text(advice: &Advice, lang: Lang) -> String {
    match advice {
        Advice::Unknown => NO_VALUE.into(),
        Advice::Normal => lang.t(Msg::AdviceNormal).into(),
        Advice::Supply {
            from_stores,
            from_warehouse,
        } => {
            let mut parts: Vec<String> = from_stores
                .iter()
                .map(|(code, n)| {
                    lang.t(Msg::AdviceFromStore)
                        .replace("{0}", code)
                        .replace("{1}", &n.to_string())
                })
                .collect();
            if *from_warehouse > 0 {
                parts.push(
                    lang.t(Msg::AdviceFromWarehouse)
                        .replace("{}", &from_warehouse.to_string()),
                );
            }
            parts.join(lang.t(Msg::ListSeparator))
        }
    }
}

pub(crate) fn store_columns() -> Vec<Column<StoreStock>> {
    type C = Column<StoreStock>;
    let count = |header,
                 get: fn(&StoreStock) -> &Entry<u64>,
                 get_mut: fn(&mut StoreStock) -> &mut Entry<u64>| {
        C::entry(header, ColumnKind::Integer, get, get_mut)
    };
    vec![
        C::text(Msg::ColStoreCode, |s| &s.code, |s| &mut s.code),
        C::text(Msg::ColAddress, |s| &s.address, |s| &mut s.address),
        count(
            Msg::ColOnlineStock,
            |s| &s.online_stock,
            |s| &mut s.online_stock,
        ),
        count(
            Msg::ColSharedStock,
            |s| &s.shared_stock,
            |s| &mut s.shared_stock,
        ),
        count(
            Msg::ColTransfers7d,
            |s| &s.transfers_7d,
            |s| &mut s.transfers_7d,
        ),
        count(
            Msg::ColSafetyStock,
            |s| &s.safety_stock,
            |s| &mut s.safety_stock,
        ),
        C::derived_from_plan(
            Msg::ColProjectedStock,
            &[Part::Stores, Part::StockRule],
            |s, p, _| {
                with_positions(p, |all| all.get(&s.id).and_then(|p| p.projected))
                    .map_or(NO_VALUE.into(), |n| n.to_string())
            },
        ),
        C::derived_from_plan(
            Msg::ColAdvice,
            &[Part::Stores, Part::StockRule],
            |s, p, ctx| {
                with_positions(p, |all| {
                    all.get(&s.id)
                        .map_or(NO_VALUE.into(), |p| advice_text(&p.advice, ctx.lang))
                })
            },
        ),
    ]
}

#[component]
pub fn StockToolkit() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    // The stores low on stock, in table order; past LOW_SHOWN, the furthest below safety
    // stock unless all are asked for (a thousand stores' alert would be a wall of text,
    // and rewriting it cost every keystroke a long paragraph's layout).
    let show_all = RwSignal::new(false);
    let low = Memo::new(move |_| {
        let all = show_all.get();
        store.read_parts(&[Part::Stores, Part::StockRule], |p| {
            // The positions the table's cells read, not a second computation.
            with_positions(p, |positions| {
                let mut low: Vec<(usize, &StoreStock, u64)> = p
                    .stores
                    .iter()
                    .enumerate()
                    .filter_map(|(at, s)| {
                        let pos = positions.get(&s.id).filter(|pos| pos.is_low())?;
                        Some((at, s.as_ref(), pos.shortfall))
                    })
                    .collect();
                let folded = if all || low.len() <= LOW_SHOWN {
                    0
                } else {
                    // Largest shortfall first; equal ones keep the table's order.
                    low.sort_by_key(|&(at, _, shortfall)| (std::cmp::Reverse(shortfall), at));
                    let folded = low.len() - LOW_SHOWN;
                    low.truncate(LOW_SHOWN);
                    folded
                };
                let named = low
                    .into_iter()
                    .map(|(_, s, shortfall)| format!("{} −{}", s.code.trim(), shortfall))
                    .collect::<Vec<_>>();
                (named, folded)
            })
        })
    });
    let alert = move || {
        let lang = lang.get();
        let (low, folded) = low.get();
        if low.is_empty() {
            view! { <p class="hint" role="status" data-testid="low-stock">{lang.t(Msg::NoLowStock)}</p> }.into_any()
        } else {
            let text = lang
                .t(Msg::LowStock)
                .replace("{}", &low.join(lang.t(Msg::ListSeparator)));
            view! {
                <p class="flag" role="status" data-testid="low-stock">{text}</p>
                {(folded > 0).then(|| view! {
                    <p class="hint" data-testid="low-stock-folded">
                        {lang.t(Msg::LowStockFolded).replace("{shown}", &LOW_SHOWN.to_string()).replace("{n}", &folded.to_string())} " "
                        <button type="button" class="btn btn-link" on:click=move |_| show_all.set(true)>
                            {lang.t(Msg::LowStockShowAll)}
                        </button>
                    </p>
                })}
            }
            .into_any()
        }
    };
    view! {
        <section class="section" id="stock" aria-labelledby="stock-title">
            <h3 id="stock-title">{lang.t(Msg::StockTitle)}</h3>
            {alert}
            <details class="rule" open>
                <summary>{lang.t(Msg::StockRuleTitle)}</summary>
                <p class="hint">{lang.t(Msg::StockRuleText)}</p>
                <div class="form-row">
                    <EntryField id="units-per-transfer" part=Part::StockRule label=Msg::UnitsPerTransfer input_mode="numeric" get=|p| &p.stock_rule.units_per_transfer get_mut=|p| &mut p.stock_rule.units_per_transfer />
                    <EntryField id="warehouse-pack" part=Part::StockRule label=Msg::WarehousePack input_mode="numeric" get=|p| &p.stock_rule.warehouse_pack get_mut=|p| &mut p.stock_rule.warehouse_pack />
                </div>
            </details>
            <EditableTable caption=Msg::StockTitle source=store_source() columns=store_columns() add_label=Msg::AddStore />
        </section>
    }
}
