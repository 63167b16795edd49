//! Retail member tiers (spec §6.2): tiers with their benefits, the members' annual
//! spend, members per tier and what the benefits cost a month.

use crate::components::field::EntryField;
use crate::components::files::{chosen_file, read_text};
use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::plan::parts::Part;
use crate::domain::plan::Plan;
use crate::domain::toolkits::tiers::{
    spend_from_orders, tier_of, tier_summaries, CustomerSpend, MemberTier, OrderLineError,
    OrdersHeaderError, OrdersSpend, TierSummary,
};
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::Unit;
use crate::domain::values::money::Fen;
use crate::i18n::{format_count, format_money, Msg, NO_VALUE};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

table_row!(MemberTier, name);
table_row!(CustomerSpend, customer);

pub(crate) fn tier_source() -> TableSource<MemberTier> {
    TableSource {
        key: "tiers",
        part: Part::Tiers,
        rows: |p| &p.tiers,
        rows_mut: |p| &mut p.tiers,
        new_row: |id, lang| MemberTier {
            name: lang.t(Msg::NewTier).into(),
            ..MemberTier::new(id)
        },
    }
}

pub(crate) fn customer_source() -> TableSource<CustomerSpend> {
    TableSource {
        key: "customers",
        part: Part::Customers,
        rows: |p| &p.customers,
        rows_mut: |p| &mut p.customers,
        new_row: |id, lang| CustomerSpend {
            customer: lang.t(Msg::NewCustomer).into(),
            ..CustomerSpend::new(id)
        },
    }
}

/// Each tier's members and costs, by the tier's id: computed once for the table (the
/// four figure columns of every row read it), not once per cell.
pub(crate) type Summaries = Memo<HashMap<RowId, TierSummary>>;

pub(crate) fn summaries(plan: &Plan) -> HashMap<RowId, TierSummary> {
    tier_summaries(&plan.tiers, &plan.customers, &plan.tier_assumptions)
        .0
        .into_iter()
        .map(|s| (s.id, s))
        .collect()
}

pub(crate) fn tier_columns(by_tier: Summaries) -> Vec<Column<MemberTier>> {
    type C = Column<MemberTier>;
    let summary = move |t: &MemberTier, _: &Plan| by_tier.with(|s| s.get(&t.id).cloned());
    let money = |fen: Option<Fen>, plan: &Plan, lang| {
        fen.map_or(NO_VALUE.into(), |f| {
            format_money(f, plan.header.currency, lang)
        })
    };
    vec![
        C::text(Msg::ColTier, |t| &t.name, |t| &mut t.name),
        C::entry(
            Msg::ColTierThreshold,
            ColumnKind::Money,
            |t| &t.threshold,
            |t| &mut t.threshold,
        ),
        C::text(
            Msg::ColOfflineBenefit,
            |t| &t.offline_benefit,
            |t| &mut t.offline_benefit,
        ),
        C::text(
            Msg::ColOnlineBenefit,
            |t| &t.online_benefit,
            |t| &mut t.online_benefit,
        ),
        C::text(
            Msg::ColLinkedBenefit,
            |t| &t.linked_benefit,
            |t| &mut t.linked_benefit,
        ),
        C::entry(
            Msg::ColCouponValue,
            ColumnKind::Money,
            |t| &t.coupon_value,
            |t| &mut t.coupon_value,
        ),
        C::entry(
            Msg::ColCouponsPerMonth,
            ColumnKind::Integer,
            |t| &t.coupons_per_month,
            |t| &mut t.coupons_per_month,
        ),
        C::entry(
            Msg::ColPointsEarned,
            ColumnKind::Percent,
            |t| &t.points_earned_per_yuan,
            |t| &mut t.points_earned_per_yuan,
        ),
        C::entry(
            Msg::ColPointsBurned,
            ColumnKind::Integer,
            |t| &t.points_per_yuan_burned,
            |t| &mut t.points_per_yuan_burned,
        ),
        C::derived_from_plan(Msg::ColMembers, &[Part::Header], move |t, p, ctx| {
            summary(t, p).map_or(NO_VALUE.into(), |s| format_count(s.members, ctx.lang))
        }),
        C::derived_from_plan(Msg::ColCouponCost, &[Part::Header], move |t, p, ctx| {
            money(summary(t, p).and_then(|s| s.coupon_cost), p, ctx.lang)
        }),
        C::derived_from_plan(
            Msg::ColPointsLiability,
            &[Part::Header],
            move |t, p, ctx| money(summary(t, p).and_then(|s| s.points_liability), p, ctx.lang),
        ),
        C::derived_from_plan(Msg::ColMonthlyCost, &[Part::Header], move |t, p, ctx| {
            money(summary(t, p).and_then(|s| s.monthly_cost()), p, ctx.lang)
        }),
    ]
}

pub(crate) fn customer_columns() -> Vec<Column<CustomerSpend>> {
    type C = Column<CustomerSpend>;
    vec![
        C::text(Msg::ColCustomer, |c| &c.customer, |c| &mut c.customer),
        C::entry(
            Msg::ColAnnualSpend,
            ColumnKind::Money,
            |c| &c.annual_spend,
            |c| &mut c.annual_spend,
        ),
        C::derived_from_plan(Msg::ColTierOf, &[Part::Tiers], |c, p, ctx| {
            let Some(&spend) = c.annual_spend.value() else {
                return NO_VALUE.into();
            };
            match tier_of(spend, &p.tiers).and_then(|id| p.tiers.iter().find(|t| t.id == id)) {
                Some(t) => t.name.trim().to_string(),
                None => ctx.lang.t(Msg::BelowEveryTier).into(),
            }
        }),
    ]
}

/// The first bad lines listed in the preview; the rest are counted.
const BAD_LINES_SHOWN: usize = 20;

/// An orders CSV summed into the members' annual spend: previewed with its bad lines,
/// applied (as one undo step) only when the user says so.
#[component]
fn OrdersImport() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let preview = RwSignal::new(None::<Result<OrdersSpend, OrdersHeaderError>>);
    let choose = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let text = read_text(&file).await.unwrap_or_default();
            preview.set(Some(spend_from_orders(&text)));
        });
    };
    let apply = move |_| {
        let Some(Ok(orders)) = preview.get_untracked() else {
            return;
        };
        store.edit(None, move |p| {
            let first = p.next_row_id().0;
            p.customers = orders
                .spend
                .iter()
                .zip(first..)
                .map(|((customer, spend), id)| {
                    Arc::new(CustomerSpend {
                        id: RowId(id),
                        customer: customer.clone(),
                        annual_spend: Entry::Value(*spend),
                    })
                })
                .collect();
        });
        preview.set(None);
    };
    let shown = move || {
        let lang = lang.get();
        preview.get().map(|result| match result {
            Err(e) => {
                let msg = match e {
                    OrdersHeaderError::NoCustomerColumn => Msg::OrdersNoCustomerColumn,
                    OrdersHeaderError::NoAmountColumn => Msg::OrdersNoAmountColumn,
                };
                view! { <p class="field-error" role="alert" data-testid="orders-preview">{lang.t(msg)}</p> }.into_any()
            }
            Ok(o) => {
                let counts = |msg: Msg| {
                    lang.t(msg)
                        .replace("{0}", &o.orders.to_string())
                        .replace("{1}", &o.spend.len().to_string())
                        .replace("{2}", &o.bad_lines.len().to_string())
                };
                let summary = if o.bad_lines.is_empty() { counts(Msg::OrdersAllGood) } else { counts(Msg::OrdersPreview) };
                let lines = o
                    .bad_lines
                    .iter()
                    .take(BAD_LINES_SHOWN)
                    .map(|(line, why)| {
                        let msg = match why {
                            OrderLineError::MissingCustomer => Msg::OrderLineMissingCustomer,
                            OrderLineError::BadAmount => Msg::OrderLineBadAmount,
                        };
                        view! { <li>{lang.t(msg).replace("{}", &line.to_string())}</li> }
                    })
                    .collect_view();
                let more = o.bad_lines.len().saturating_sub(BAD_LINES_SHOWN);
                view! {
                    <div class="import-preview" role="status" data-testid="orders-preview">
                        <p>{summary}</p>
                        <ul class="flags">{lines}</ul>
                        {(more > 0).then(|| view! { <p class="hint">{lang.t(Msg::OrdersMoreLines).replace("{}", &more.to_string())}</p> })}
                        <button type="button" class="btn btn-primary" on:click=apply>{lang.t(Msg::OrdersApply)}</button>
                        " "
                        <button type="button" class="btn" on:click=move |_| preview.set(None)>{lang.t(Msg::OrdersCancel)}</button>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="orders-import print-skip">
            <label class="btn file-btn">
                {lang.t(Msg::ImportOrders)}
                <input type="file" accept=".csv,text/csv" class="sr-only" on:change=choose data-testid="orders-file" />
            </label>
            <p class="hint">{lang.t(Msg::ImportOrdersHint)}</p>
            {shown}
        </div>
    }
}

#[component]
pub fn TiersToolkit() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let by_tier: Summaries = Memo::new(move |_| {
        store.read_parts(
            &[Part::Tiers, Part::Customers, Part::TierAssumptions],
            summaries,
        )
    });
    let totals = Memo::new(move |_| {
        store.read_parts(
            &[
                Part::Tiers,
                Part::Customers,
                Part::TierAssumptions,
                Part::Header,
            ],
            |p| {
                let (tiers, untiered) = tier_summaries(&p.tiers, &p.customers, &p.tier_assumptions);
                let cost = tiers
                    .iter()
                    .try_fold(0i64, |sum, t| sum.checked_add(t.monthly_cost()?.0))
                    .map(|fen| format_money(Fen(fen), p.header.currency, lang.get()));
                (cost, untiered)
            },
        )
    });
    view! {
        <section class="section" id="tiers" aria-labelledby="tiers-title">
            <h3 id="tiers-title">{lang.t(Msg::TiersTitle)}</h3>
            <p class="hint">{lang.t(Msg::TierCostRule)}</p>
            <dl class="figures">
                <div class="figure figure-main">
                    <dt>{lang.t(Msg::AllTiersCost)}</dt>
                    <dd data-testid="tiers-cost">{move || totals.get().0.unwrap_or_else(|| NO_VALUE.into())}</dd>
                </div>
            </dl>
            <div class="form-row">
                <EntryField id="coupon-redemption" part=Part::TierAssumptions label=Msg::CouponRedemption unit=Unit::Percent get=|p| &p.tier_assumptions.coupon_redemption get_mut=|p| &mut p.tier_assumptions.coupon_redemption />
            </div>
            <EditableTable caption=Msg::TiersTitle source=tier_source() columns=tier_columns(by_tier) add_label=Msg::AddTier />
            <p class="hint" data-testid="untiered">{move || lang.get().t(Msg::Untiered).replace("{}", &totals.get().1.to_string())}</p>
            <OrdersImport />
            <EditableTable caption=Msg::CustomersTitle source=customer_source() columns=customer_columns() add_label=Msg::AddCustomer />
        </section>
    }
}
