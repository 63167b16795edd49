//! A metric month by month (plotters-canvas), with its target and alert threshold as
//! lines; the same figures are in the table under it.

use crate::components::chart::{draw_trend, ChartCanvas, Trend};
use crate::components::summary_table::{SummaryRow, SummaryTable};
use crate::domain::channels::history::MetricRef;
use crate::domain::channels::kpi_system::Metric;
use crate::domain::values::measure::Unit;
use crate::i18n::{format_measure, Msg, NO_VALUE};
use crate::pages::options::{metric_label, metric_options};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

fn axis_label(unit: Unit) -> fn(f64) -> String {
    match unit {
        Unit::Percent => |v| format!("{v:.0}%"),
        Unit::Money => |v| format!("¥{v:.0}"),
        Unit::Count | Unit::Days => |v| format!("{v:.0}"),
    }
}

#[component]
pub fn TrendSection() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    // The first row of the effectiveness table to begin with.
    let initial = store.read_untracked(|p| {
        p.effectiveness
            .first()
            .map_or(MetricRef::Builtin(Metric::OfflineToOnline), |r| r.source)
    });
    let chosen = RwSignal::new(initial);
    let data = Memo::new(move |_| {
        let metric = chosen.get();
        store.read_parts(
            &[
                Part::ReportMonth,
                Part::KpiMonths,
                Part::CustomMetrics,
                Part::CustomValues,
                Part::Effectiveness,
                Part::Alerts,
                Part::Header,
            ],
            |p| {
                let unit = p.kpi.info(metric).map(|i| i.unit);
                let target = p
                    .effectiveness
                    .iter()
                    .find(|r| r.source == metric)
                    .and_then(|r| r.target.value().copied());
                let threshold = p
                    .kpi
                    .alerts
                    .iter()
                    .find(|a| a.metric == metric)
                    .and_then(|a| a.threshold.value().copied());
                (
                    unit,
                    p.kpi.series(metric),
                    target,
                    threshold,
                    p.header.currency,
                )
            },
        )
    });
    let rows = Signal::derive(move || {
        let lang = lang.get();
        let (unit, series, target, threshold, currency) = data.get();
        let show = |v: Option<crate::domain::values::measure::Measure>| match (v, unit) {
            (Some(v), Some(unit)) => format_measure(v, unit, currency, lang),
            _ => NO_VALUE.to_string(),
        };
        // The same target and threshold on every month: written once, not once a month.
        let (target, threshold) = (show(target), show(threshold));
        series
            .into_iter()
            .map(|(month, value)| SummaryRow {
                name: month.to_string(),
                figures: vec![show(value), target.clone(), threshold.clone()],
                warn: false,
            })
            .collect::<Vec<_>>()
    });
    let chosen_name = Memo::new(move |_| {
        store.read_parts(&[Part::CustomMetrics], |p| {
            metric_label(p, chosen.get(), lang.get())
        })
    });
    let label = Signal::derive(move || {
        format!("{} · {}", lang.get().t(Msg::TrendTitle), chosen_name.get())
    });
    let draw = move |area: &crate::components::chart::Area, scale: f64| {
        let lang = lang.get();
        let (unit, series, target, threshold, _) = data.get();
        let unit = unit.unwrap_or(Unit::Count);
        let f = |m: crate::domain::values::measure::Measure| m.0 as f64 / 100.0;
        let trend = Trend {
            months: series.iter().map(|(m, _)| m.to_string()).collect(),
            values: series.iter().map(|(_, v)| v.map(f)).collect(),
            target: target.map(f),
            threshold: threshold.map(f),
            legend: [
                lang.t(Msg::ColValue).to_string(),
                lang.t(Msg::ColTarget).to_string(),
                lang.t(Msg::AlertThreshold).to_string(),
            ],
            axis_label: axis_label(unit),
        };
        draw_trend(area, scale, &trend);
    };
    view! {
        <section class="section" id="trend" aria-labelledby="trend-title">
            <h2 id="trend-title">{lang.t(Msg::TrendTitle)}</h2>
            <label class="inline-field">
                <span>{lang.t(Msg::TrendMetric)}</span>
                <select
                    data-testid="trend-metric"
                    prop:value=move || chosen.get().key()
                    on:change=move |ev| {
                        if let Some(m) = MetricRef::from_key(&event_target_value(&ev)) {
                            chosen.set(m);
                        }
                    }
                >
                    {move || {
                        store
                            .read_parts(&[Part::CustomMetrics], |p| metric_options(p, lang.get()))
                            .into_iter()
                            .map(|(key, name)| view! { <option value=key>{name}</option> })
                            .collect_view()
                    }}
                </select>
                <span class="print-value" aria-hidden="true">{chosen_name}</span>
            </label>
            <ChartCanvas label height=280u32 draw test_id="trend-chart" />
            <SummaryTable caption=Msg::TrendTitle first=Msg::ColMonth columns=&[Msg::ColValue, Msg::ColTarget, Msg::AlertThreshold] rows test_id="trend-table" />
        </section>
    }
}
