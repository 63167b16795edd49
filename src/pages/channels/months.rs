//! The KPI history's raw inputs (spec §4.1), one row per month. The same months are
//! shown as four tables, one per dimension, each ending with the metrics it derives.

use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::channels::history::KpiMonth;
use crate::domain::channels::kpi_system::Metric;
use crate::domain::plan::parts::Part;
use crate::domain::values::measure::Unit;
use crate::i18n::{format_measure, Msg, NO_VALUE};
use crate::pages::options::metric_name;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

// A month is named by itself: "线下活动人数 2026-10".
table_row!(KpiMonth, |m| m.month.text());

type C = Column<KpiMonth>;

/// An input column: `$field` of the month's inputs, typed as `$kind`.
macro_rules! input {
    ($header:expr, $kind:expr, $($field:tt)+) => {
        C::entry($header, $kind, |r: &KpiMonth| &r.inputs.$($field)+, |r: &mut KpiMonth| &mut r.inputs.$($field)+)
    };
}

fn month_column() -> C {
    C::entry(
        Msg::ColMonth,
        ColumnKind::Text,
        |r| &r.month,
        |r| &mut r.month,
    )
}

fn metric_column(metric: Metric) -> C {
    C::derived(metric_name(metric), move |r, ctx| {
        metric.compute(&r.inputs).map_or(NO_VALUE.into(), |v| {
            format_measure(v, metric.unit(), ctx.currency, ctx.lang)
        })
    })
}

pub(crate) fn source(key: &'static str) -> TableSource<KpiMonth> {
    TableSource {
        key,
        part: Part::KpiMonths,
        rows: |p| &p.kpi.months,
        rows_mut: |p| &mut p.kpi.months,
        new_row: |id, _| KpiMonth::new(id),
    }
}

pub(crate) fn traffic_columns() -> Vec<C> {
    use ColumnKind::Integer as N;
    vec![
        month_column(),
        input!(Msg::InEventAttendees, N, event_attendees),
        input!(Msg::InEventQrFollows, N, event_qr_follows),
        input!(Msg::InOnlineImpressions, N, online_impressions),
        input!(Msg::InOnlineBookedVisits, N, online_booked_visits),
        input!(Msg::InNewUsersOnline, N, new_users_online),
        input!(Msg::InNewUsersOffline, N, new_users_offline),
        input!(Msg::InNewUsersOverlap, N, new_users_overlap),
        metric_column(Metric::OfflineToOnline),
        metric_column(Metric::OnlineToOffline),
        metric_column(Metric::NewUsers),
    ]
}

pub(crate) fn conversion_columns() -> Vec<C> {
    use ColumnKind::{Integer as N, Money as M, Percent as D};
    vec![
        month_column(),
        input!(Msg::InReachedUsers, N, reached_users),
        input!(Msg::InLinkedOrders, N, linked_orders),
        input!(Msg::InAovOmo, M, aov_omo),
        input!(Msg::InAovSingle, M, aov_single_channel),
        input!(Msg::InRepurchaseBefore, D, repurchase_days_before).unit(|_, _| Some(Unit::Days)),
        input!(Msg::InRepurchaseAfter, D, repurchase_days_after).unit(|_, _| Some(Unit::Days)),
        metric_column(Metric::LinkedConversion),
        metric_column(Metric::AovUplift),
        metric_column(Metric::RepurchaseCycleCut),
    ]
}

pub(crate) fn efficiency_columns() -> Vec<C> {
    use ColumnKind::{Integer as N, Money as M};
    vec![
        month_column(),
        input!(Msg::InMarketingSpend, M, marketing_spend),
        input!(Msg::InNewPayingCustomers, N, new_paying_customers),
        input!(Msg::InSales, M, sales),
        input!(Msg::InOrders, N, orders),
        input!(Msg::InHeadcountOnline, N, headcount_online),
        input!(Msg::InHeadcountOffline, N, headcount_offline),
        input!(Msg::InAverageInventory, M, average_inventory_value),
        metric_column(Metric::Cac),
        metric_column(Metric::SalesPerStaff),
        metric_column(Metric::InventoryTurnover),
        metric_column(Metric::Gmv),
        metric_column(Metric::Roi),
        metric_column(Metric::Aov),
    ]
}

const NPS_HEADERS: [Msg; 11] = [
    Msg::InNps0,
    Msg::InNps1,
    Msg::InNps2,
    Msg::InNps3,
    Msg::InNps4,
    Msg::InNps5,
    Msg::InNps6,
    Msg::InNps7,
    Msg::InNps8,
    Msg::InNps9,
    Msg::InNps10,
];

pub(crate) fn value_columns() -> Vec<C> {
    use ColumnKind::Integer as N;
    let mut columns = vec![
        month_column(),
        input!(Msg::InPrivateDomainUsers, N, private_domain_users),
        input!(Msg::InPrivateDomainActive, N, private_domain_active),
        input!(Msg::InCustomers, N, customers),
        input!(Msg::InHighValueCustomers, N, high_value_customers),
    ];
    // One column per answer 0-10 of the NPS survey.
    for (score, header) in NPS_HEADERS.into_iter().enumerate() {
        columns.push(C::entry(
            header,
            N,
            move |r: &KpiMonth| &r.inputs.nps_answers[score],
            move |r: &mut KpiMonth| &mut r.inputs.nps_answers[score],
        ));
    }
    columns.extend([
        metric_column(Metric::PrivateDomainActive),
        metric_column(Metric::HighValueShare),
        metric_column(Metric::Nps),
    ]);
    columns
}

#[component]
pub fn MonthsSection() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let repeated = Memo::new(move |_| {
        store.read_parts(&[Part::KpiMonths], |p| {
            p.kpi
                .repeated_months()
                .into_iter()
                .map(|m| m.month.text())
                .collect::<Vec<_>>()
        })
    });
    let count = Memo::new(move |_| store.read_parts(&[Part::KpiMonths], |p| p.kpi.months.len()));
    // Closed at first: a year of months is several hundred inputs, and the tables above
    // already show what they add up to.
    let open = RwSignal::new(false);
    let toggle_text = move || {
        let lang = lang.get();
        if open.get() {
            lang.t(Msg::HideMonths).to_string()
        } else {
            lang.t(Msg::ShowMonths)
                .replace("{}", &count.get().to_string())
        }
    };
    view! {
        <section class="section print-skip" id="kpi-months" aria-labelledby="kpi-months-title">
            <h2 id="kpi-months-title">{lang.t(Msg::KpiMonthsTitle)}</h2>
            <p class="hint">{lang.t(Msg::KpiMonthsHint)}</p>
            <super::from_orders::FromOrders />
            <button type="button" class="btn" aria-expanded=move || open.get().to_string() aria-controls="kpi-month-tables" on:click=move |_| open.update(|o| *o = !*o)>
                {toggle_text}
            </button>
            {move || {
                let months = repeated.get();
                (!months.is_empty()).then(|| view! {
                    <p class="error" role="alert" data-testid="repeated-months">
                        {lang.get().t(Msg::RepeatedMonths).replace("{}", &months.join("、"))}
                    </p>
                })
            }}
            <div id="kpi-month-tables">
                <Show when=move || open.get()>
                    <EditableTable caption=Msg::KpiTrafficTitle source=source("kpi-traffic") columns=traffic_columns() add_label=Msg::AddMonth />
                    <EditableTable caption=Msg::KpiConversionTitle source=source("kpi-conversion") columns=conversion_columns() add_label=Msg::AddMonth />
                    <EditableTable caption=Msg::KpiEfficiencyTitle source=source("kpi-efficiency") columns=efficiency_columns() add_label=Msg::AddMonth />
                    <EditableTable caption=Msg::KpiValueTitle source=source("kpi-value") columns=value_columns() add_label=Msg::AddMonth />
                </Show>
            </div>
        </section>
    }
}
