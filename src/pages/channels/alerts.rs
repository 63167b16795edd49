//! Alert thresholds (seed 003: GMV, ROI, AOV): the rules, and the crossed ones listed
//! at the top of the page.

use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::channels::alerts::{crossed_alerts, AlertCondition, AlertRule};
use crate::domain::channels::history::MetricRef;
use crate::domain::channels::kpi_system::Metric;
use crate::domain::plan::parts::Part;
use crate::domain::plan::Plan;
use crate::i18n::{format_measure, Lang, Msg, NO_VALUE};
use crate::pages::options::{metric_label, metric_options};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

// Named by its metric ("客单价"); a row has no plan to look a custom name up in.
table_row!(AlertRule, |rule| match rule.metric {
    MetricRef::Builtin(m) => crate::pages::options::metric_name(m)
        .text(Lang::Zh)
        .to_string(),
    MetricRef::Custom(id) => format!("{} {}", Msg::CustomMetricsTitle.text(Lang::Zh), id.0),
});

const CONDITIONS: &[(&str, Msg)] = &[("below", Msg::AlertBelow), ("above", Msg::AlertAbove)];
const CONDITION_VALUES: &[AlertCondition] = &[AlertCondition::Below, AlertCondition::Above];

fn current(rule: &AlertRule, plan: &Plan, lang: Lang) -> String {
    let book = &plan.kpi;
    book.report_month()
        .and_then(|m| Some((book.value(rule.metric, m)?, book.info(rule.metric)?.unit)))
        .map_or(NO_VALUE.into(), |(v, unit)| {
            format_measure(v, unit, plan.header.currency, lang)
        })
}

fn columns() -> Vec<Column<AlertRule>> {
    type C = Column<AlertRule>;
    vec![
        C::choice_from_plan(
            Msg::ColMetricSource,
            &[Part::CustomMetrics],
            metric_options,
            |r| r.metric.key(),
            |r, key| {
                if let Some(m) = MetricRef::from_key(key) {
                    r.metric = m;
                }
            },
        ),
        C::choice(
            Msg::ColCondition,
            CONDITIONS,
            CONDITION_VALUES,
            |r| r.condition,
            |r, v| r.condition = v,
        ),
        C::entry(
            Msg::AlertThreshold,
            ColumnKind::Percent,
            |r| &r.threshold,
            |r| &mut r.threshold,
        )
        .unit(|r, p| Some(p.kpi.info(r.metric)?.unit))
        .reads(&[Part::CustomMetrics]),
        C::derived_from_plan(
            Msg::ColThisMonth,
            &[
                Part::Header,
                Part::ReportMonth,
                Part::KpiMonths,
                Part::CustomMetrics,
                Part::CustomValues,
            ],
            |r, p, ctx| current(r, p, ctx.lang),
        ),
        C::derived_from_plan(
            Msg::ColAlertState,
            &[
                Part::Header,
                Part::ReportMonth,
                Part::KpiMonths,
                Part::CustomMetrics,
                Part::CustomValues,
            ],
            |r, p, ctx| {
                let crossed = p
                    .kpi
                    .report_month()
                    .and_then(|m| r.is_crossed(p.kpi.value(r.metric, m)?));
                match crossed {
                    Some(true) => ctx.lang.t(Msg::AlertCrossed).into(),
                    Some(false) => ctx.lang.t(Msg::AlertClear).into(),
                    None => NO_VALUE.into(),
                }
            },
        ),
    ]
}

/// The crossed alerts, for the top of the page.
#[component]
pub fn AlertBanner() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let crossed = Memo::new(move |_| {
        let lang = lang.get();
        store.read_parts(
            &[
                Part::Alerts,
                Part::Header,
                Part::ReportMonth,
                Part::KpiMonths,
                Part::CustomMetrics,
                Part::CustomValues,
            ],
            |p| {
                crossed_alerts(&p.kpi)
                    .into_iter()
                    .map(|a| {
                        let unit = p.kpi.info(a.metric).map(|i| i.unit);
                        let show = |v| {
                            unit.map_or(NO_VALUE.into(), |u| {
                                format_measure(v, u, p.header.currency, lang)
                            })
                        };
                        let template = match a.condition {
                            AlertCondition::Below => Msg::AlertFellBelow,
                            AlertCondition::Above => Msg::AlertRoseAbove,
                        };
                        lang.t(template)
                            .replace("{metric}", &metric_label(p, a.metric, lang))
                            .replace("{month}", &a.month.to_string())
                            .replace("{value}", &show(a.value))
                            .replace("{threshold}", &show(a.threshold))
                    })
                    .collect::<Vec<_>>()
            },
        )
    });
    view! {
        <Show when=move || !crossed.get().is_empty()>
            <div class="banner banner-warn alert-banner" role="alert" data-testid="crossed-alerts">
                <strong>{lang.t(Msg::AlertsCrossedTitle)}</strong>
                <ul>{move || crossed.get().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                <a href="#alerts">{lang.t(Msg::AlertsEdit)}</a>
            </div>
        </Show>
    }
}

#[component]
pub fn AlertsSection() -> impl IntoView {
    let lang = use_lang();
    let source = TableSource {
        key: "alerts",
        part: Part::Alerts,
        rows: |p| &p.kpi.alerts,
        rows_mut: |p| &mut p.kpi.alerts,
        new_row: |id, _| AlertRule {
            id,
            metric: MetricRef::Builtin(Metric::Gmv),
            condition: AlertCondition::Below,
            threshold: crate::domain::values::entry::Entry::Empty,
        },
    };
    view! {
        <section class="section" id="alerts" aria-labelledby="alerts-title">
            <h2 id="alerts-title">{lang.t(Msg::AlertsTitle)}</h2>
            <p class="hint">{lang.t(Msg::AlertsHint)}</p>
            <EditableTable caption=Msg::AlertsTitle source columns=columns() add_label=Msg::AddAlert />
        </section>
    }
}
