//! Customer KPIs feeding the KPI history: with orders imported on 客户分层, one click
//! writes a month's customer base, high-value customers, orders, sales and repurchase
//! interval (see [`month_from_orders`]); every other input stays as typed, and undo
//! takes the fill back like any edit.

use crate::domain::channels::month::YearMonth;
use crate::domain::customers::customer_kpis::{month_from_orders, MonthFromOrders};
use crate::domain::values::entry::Entry;
use crate::domain::values::ids::RowId;
use crate::i18n::{format_count, format_money, Msg};
use crate::state::analysis::use_analysis;
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn FromOrders() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let data = use_analysis();
    // The months of the history, latest first (only rows with a valid month).
    let months = Memo::new(move |_| {
        let mut m: Vec<(RowId, YearMonth)> = store.read_parts(&[Part::KpiMonths], |p| {
            p.kpi
                .months
                .iter()
                .filter_map(|r| match r.month {
                    Entry::Value(ym) => Some((r.id, ym)),
                    _ => None,
                })
                .collect()
        });
        m.sort_by_key(|&(_, ym)| std::cmp::Reverse(ym));
        m
    });
    let chosen = RwSignal::new(None::<RowId>);
    let done = RwSignal::new(None::<MonthFromOrders>);

    let fill = move |_| {
        let Some((row, month)) = chosen
            .get_untracked()
            .and_then(|id| months.get_untracked().into_iter().find(|m| m.0 == id))
            .or_else(|| months.get_untracked().first().copied())
        else {
            return;
        };
        let line = store.read_untracked(|p| p.segments.high_value());
        let Some(figures) = data.orders.with_untracked(|o| {
            o.as_ref()
                .and_then(|o| month_from_orders(&o.orders, o.customers.len(), month, line))
        }) else {
            return;
        };
        store.edit(None, move |p| {
            if let Some(r) = p.kpi.months.iter_mut().find(|r| r.id == row) {
                figures.fill(&mut std::sync::Arc::make_mut(r).inputs);
            }
        });
        done.set(Some(figures));
    };

    let done_text = move || {
        let l = lang.get();
        let currency = store.read_parts(&[Part::Header], |p| p.header.currency);
        done.get().map(|f| {
            l.t(Msg::FilledFromOrders)
                .replacen("{}", &f.month.to_string(), 1)
                .replacen("{}", &format_count(f.customers, l), 1)
                .replacen("{}", &format_count(f.high_value_customers, l), 1)
                .replacen("{}", &format_count(f.orders, l), 1)
                .replacen("{}", &format_money(f.sales, currency, l), 1)
        })
    };

    view! {
        <div class="from-orders print-skip" data-testid="from-orders">
            {move || match data.orders.with(Option::is_some) {
                false => view! {
                    <p class="hint">
                        {lang.t(Msg::FromOrdersNone)} " "
                        <A href="/customers">{move || lang.get().t(Msg::NavCustomers)}</A>
                    </p>
                }.into_any(),
                true => view! {
                    <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                        <fieldset>
                            <legend>{lang.t(Msg::FromOrdersTitle)}</legend>
                            <p class="hint">{lang.t(Msg::FromOrdersHint)}</p>
                            <label>
                                <span>{lang.t(Msg::ColMonth)}</span>
                                <select on:change=move |ev| {
                                    chosen.set(event_target_value(&ev).parse().ok().map(RowId));
                                }>
                                    {move || months.get().into_iter().map(|(id, ym)| view! {
                                        <option value=id.0.to_string() selected=move || chosen.get() == Some(id)>{ym.to_string()}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                            <button type="button" class="btn" on:click=fill disabled=move || months.with(Vec::is_empty)>
                                {lang.t(Msg::FillFromOrders)}
                            </button>
                        </fieldset>
                    </form>
                }.into_any(),
            }}
            <p role="status" data-testid="filled-from-orders">{done_text}</p>
        </div>
    }
}
