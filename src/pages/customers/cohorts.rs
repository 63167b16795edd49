//! Cohort retention: the heat map table (first-purchase month × months since, as active
//! customers, retention, revenue or cumulative revenue per customer) and the LTV curves.
//! Computed once per orders file and analysis day (domain/customers/cohorts.rs); the
//! choice of figure only re-renders the table. The section's heading and rule are the
//! page's (mod.rs); this body is in the `customer_sections` module, fetched once orders
//! are read.

use super::reading::fill;
use crate::components::chart::{draw_curves, Area, ChartCanvas, Curves};
use crate::domain::customers::cohorts::{cohort_table, month_label, CohortTable};
use crate::domain::values::money::{Currency, Fen};
use crate::i18n::{format_count, format_money, format_rate, Lang, Msg};
use crate::state::analysis::{use_analysis, Shared};
use crate::state::{use_lang, use_plan, Part};
use leptos::prelude::*;

/// Which figure the heat map shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Active,
    Share,
    Revenue,
    Ltv,
}

const FIGURES: [(Figure, Msg, &str); 4] = [
    (Figure::Share, Msg::CsCohortsShare, "share"),
    (Figure::Active, Msg::CsCohortsActive, "active"),
    (Figure::Revenue, Msg::CsCohortsRevenue, "revenue"),
    (Figure::Ltv, Msg::CsCohortsLtv, "ltv"),
];

/// A cell's shade, 0-10: retention for counts and shares, the value against the table's
/// largest for money (negative: 0).
fn shade(value: i64, max: i64) -> u8 {
    if max <= 0 || value <= 0 {
        0
    } else {
        ((value as i128 * 10 + max as i128 / 2) / max as i128).clamp(0, 10) as u8
    }
}

/// One row's texts and shades, and the row's header (its month) and size.
struct HeatRow {
    month: String,
    size: String,
    cells: Vec<Option<(String, u8)>>,
}

fn heat_rows(t: &CohortTable, figure: Figure, currency: Currency, l: Lang) -> Vec<HeatRow> {
    let periods = t.periods();
    let ltvs: Vec<Vec<i64>> = t.cohorts.iter().map(|c| c.ltv()).collect();
    let max_money = match figure {
        Figure::Revenue => t
            .cohorts
            .iter()
            .flat_map(|c| c.revenue.iter().copied())
            .max(),
        Figure::Ltv => ltvs.iter().flatten().copied().max(),
        _ => None,
    }
    .unwrap_or(0);
    t.cohorts
        .iter()
        .zip(&ltvs)
        .map(|(c, ltv)| HeatRow {
            month: month_label(c.month),
            size: format_count(c.size, l),
            cells: (0..periods)
                .map(|k| {
                    let active = *c.active.get(k)?;
                    let retention = shade(active as i64, c.size as i64);
                    Some(match figure {
                        Figure::Active => (format_count(active, l), retention),
                        Figure::Share => (format_rate(c.share(k), l), retention),
                        Figure::Revenue => (
                            format_money(Fen(c.revenue[k]), currency, l),
                            shade(c.revenue[k], max_money),
                        ),
                        Figure::Ltv => (
                            format_money(Fen(ltv[k]), currency, l),
                            shade(ltv[k], max_money),
                        ),
                    })
                })
                .collect(),
        })
        .collect()
}

fn axis_yuan(fen: f64) -> String {
    let yuan = fen / 100.0;
    if yuan.abs() >= 10_000.0 {
        format!("{}万", (yuan / 10_000.0 * 10.0).round() / 10.0)
    } else {
        format!("{}", yuan.round())
    }
}

#[component]
pub fn CohortsBody(as_of: Memo<Option<i32>>) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let data = use_analysis();
    let figure = RwSignal::new(Figure::Share);
    // Recomputed only when the orders or the analysis day change.
    let table = Memo::new(move |_| {
        let as_of = as_of.get()?;
        data.orders.with(|o| {
            let o = o.as_ref()?;
            Some(Shared(std::sync::Arc::new(cohort_table(
                &o.orders,
                o.customers.len(),
                as_of,
            ))))
        })
    });
    let currency = Memo::new(move |_| store.read_parts(&[Part::Header], |p| p.header.currency));
    let periods = Memo::new(move |_| table.with(|t| t.as_ref().map_or(0, |t| t.periods())));

    let radio = move |(value, label, id): (Figure, Msg, &'static str)| {
        view! {
            <label class="radio">
                <input type="radio" name="cohort-figure" data-testid=format!("cohort-show-{id}") prop:checked=move || figure.get() == value on:change=move |_| figure.set(value) />
                <span>{lang.t(label)}</span>
            </label>
        }
    };
    let caption = move || {
        let l = lang.get();
        let name = FIGURES
            .iter()
            .find(|f| f.0 == figure.get())
            .map_or("", |f| l.t(f.1));
        fill(l.t(Msg::CsCohortsCaption), &[name])
    };
    let head = move || {
        let l = lang.get();
        (0..periods.get())
            .map(|k| view! { <th scope="col" class="num">{fill(l.t(Msg::CsMonthN), &[&k.to_string()])}</th> })
            .collect_view()
    };
    let body = move || {
        let l = lang.get();
        let f = figure.get();
        let cur = currency.get();
        table.with(|t| {
            let Some(t) = t else { return Vec::new() };
            heat_rows(t, f, cur, l)
                .into_iter()
                .map(|row| {
                    let cells = row
                        .cells
                        .into_iter()
                        .map(|c| match c {
                            Some((text, level)) => {
                                view! { <td class=format!("num heat heat-{level}")>{text}</td> }
                                    .into_any()
                            }
                            None => view! { <td class="heat-none"></td> }.into_any(),
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{row.month}</th>
                            <td class="num">{row.size}</td>
                            {cells}
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    // One line per cohort: cumulative revenue per customer in fen by month since.
    let curves = Memo::new(move |_| {
        table.with(|t| {
            t.as_ref().map(|t| {
                let first = t
                    .cohorts
                    .first()
                    .map(|c| month_label(c.month))
                    .unwrap_or_default();
                let last = t
                    .cohorts
                    .last()
                    .map(|c| month_label(c.month))
                    .unwrap_or_default();
                let series: Vec<Vec<Option<f64>>> = t
                    .cohorts
                    .iter()
                    .map(|c| c.ltv().into_iter().map(|v| Some(v as f64)).collect())
                    .collect();
                (t.periods(), series, first, last)
            })
        })
    });
    let draw = move |area: &Area, scale: f64| {
        let l = lang.get();
        curves.with(|c| {
            let Some((periods, series, first, last)) = c else {
                return;
            };
            let chart = Curves {
                categories: (0..*periods)
                    .map(|k| fill(l.t(Msg::CsMonthN), &[&k.to_string()]))
                    .collect(),
                series: series.clone(),
                first_label: fill(l.t(Msg::CsLtvOldest), &[first]),
                last_label: fill(l.t(Msg::CsLtvNewest), &[last]),
                axis_label: axis_yuan,
            };
            draw_curves(area, scale, &chart);
        })
    };
    let chart_label = Signal::derive(move || lang.get().t(Msg::CsLtvChartLabel).to_string());
    let has_table = move || table.with(|t| t.as_ref().is_some_and(|t| !t.cohorts.is_empty()));

    view! {
        {move || (!has_table()).then(|| view! { <p class="hint">{lang.t(Msg::CsNoOrders)}</p> })}
        <Show when=has_table>
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <div class="radio-row" role="radiogroup" aria-label=lang.t(Msg::CsCohortsShow)>
                        {FIGURES.into_iter().map(radio).collect_view()}
                    </div>
                </fieldset>
            </form>
            <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
                <table class="summary heat-map" data-testid="cohort-table">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{lang.t(Msg::CsColCohort)}</th>
                            <th scope="col" class="num">{lang.t(Msg::CsColCohortSize)}</th>
                            {head}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <h3>{lang.t(Msg::CsLtvTitle)}</h3>
            <ChartCanvas label=chart_label height=320u32 draw=draw test_id="ltv-chart" />
        </Show>
    }
}
