//! The customer KPIs (repurchase rate and interval, AOV online / offline, high-value
//! share, online-offline overlap) from [`customer_kpis`].

use super::AnalysisMemo;
use crate::components::sample::SampleBadge;
use crate::domain::customers::customer_kpis::customer_kpis;
use crate::i18n::{format_count, format_money, format_rate, Msg, NO_VALUE};
use crate::state::analysis::use_analysis;
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

/// Hundredths of a day as "12.33".
pub fn centidays(v: i64) -> String {
    format!("{}.{:02}", v / 100, (v % 100).abs())
}

#[component]
pub fn Kpis(analysis: AnalysisMemo) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let kpis = Memo::new(move |_| {
        let line = store.read_parts(&[Part::Segments], |p| p.segments.high_value());
        analysis.with(|a| a.as_ref().map(|a| customer_kpis(&a.stats, line)))
    });
    let figures = move || {
        let l = lang.get();
        let currency = store.read_parts(&[Part::Header], |p| p.header.currency);
        let k = kpis.get()?;
        let money =
            |f: Option<_>| f.map_or_else(|| NO_VALUE.to_string(), |f| format_money(f, currency, l));
        let items = [
            (
                Msg::CsKpiCustomers,
                format_count(k.customers, l),
                "kpi-customers",
            ),
            (
                Msg::CsKpiRepurchase,
                format_rate(k.repurchase_rate, l),
                "kpi-repurchase",
            ),
            (
                Msg::CsKpiInterval,
                k.repurchase_interval_centidays.map_or_else(
                    || NO_VALUE.to_string(),
                    |v| format!("{} {}", centidays(v), l.t(Msg::CsDays)),
                ),
                "kpi-interval",
            ),
            (Msg::CsKpiAovOnline, money(k.aov_online), "kpi-aov-online"),
            (
                Msg::CsKpiAovOffline,
                money(k.aov_offline),
                "kpi-aov-offline",
            ),
            (
                Msg::CsKpiHighValue,
                format_rate(k.high_value_share, l),
                "kpi-high-value",
            ),
            (Msg::CsKpiOverlap, format_rate(k.overlap, l), "kpi-overlap"),
        ];
        Some(
            items
                .into_iter()
                .map(|(label, value, id)| {
                    view! {
                        <div class="figure">
                            <dt>{l.t(label)}</dt>
                            <dd data-testid=id>{value}</dd>
                        </div>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <section id="customers-kpis" aria-labelledby="customers-kpis-title">
            <h2 id="customers-kpis-title">{lang.t(Msg::CsKpisTitle)}<SampleBadge show=use_analysis().showing_sample_orders() /></h2>
            {move || match analysis.with(Option::is_some) {
                true => view! { <dl class="figures">{figures}</dl> }.into_any(),
                false => view! { <p class="hint">{lang.t(Msg::CsNoOrders)}</p> }.into_any(),
            }}
            <p class="hint">{lang.t(Msg::CsKpisHint)}</p>
        </section>
    }
}
