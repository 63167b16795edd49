//! Predicted customer value (issue 26): the BG/NBD and Gamma-Gamma fit as of the analysis
//! day, its honest warnings, the churn-risk bands with their thresholds, the customers
//! with the highest predicted value, the high-value × high-risk list (exportable, and a
//! lifecycle trigger), and the holdout check drawn as a chart.
//!
//! The fit (the slow part: a million orders take a moment) is a memo over the orders and
//! the analysis day only; the discount rate, bands and share work on it live.
//!
//! The section's code (the models and their view, ~30 KB gzip) is its own wasm module,
//! `customer_value`, fetched once orders are read, so the page's first load does not
//! carry it. The results are published to a signal of the page, which the lifecycle
//! lists read for their value trigger.

use super::reading::fill;
use crate::components::chart::{draw_bars, Bars, ChartCanvas, Series, BLUE, GREEN};
use crate::components::field::EntryField;
use crate::components::files::download;
use crate::components::lazy_page::{LazyPage, PageLoadError};
use crate::components::sample::SampleBadge;
use crate::domain::customers::mask::mask_id;
use crate::domain::customers::orders::{day_date, Orders};
use crate::domain::customers::value::churn::{Bands, Risk, RISKS};
use crate::domain::customers::value::holdout::{holdout, Holdout, HoldoutError, BUCKETS};
use crate::domain::customers::value::{
    at_risk_list, fit_orders, value, Fitted, ValueSettingsApplied, ValueWarning, Valued,
    MIN_CUSTOMERS, MIN_REPEATERS, MIN_SPAN_DAYS,
};
use crate::domain::formats::csv::write_csv;
use crate::domain::plan::schema::export_file_name_with;
use crate::domain::plan::Plan;
use crate::domain::values::entry::{iso_date, InputError};
use crate::domain::values::measure::Unit;
use crate::domain::values::money::{Currency, Fen};
use crate::i18n::{format_count, format_money, Lang, Msg};
use crate::state::analysis::{use_analysis, Shared};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Customers shown in the top table and the list; the export has them all.
const SHOWN: usize = 20;

/// The fit and everything the settings make of it.
pub struct ValueView {
    pub fitted: Arc<Fitted>,
    pub valued: Vec<Valued>,
    pub at_risk: Vec<u32>,
    pub settings: ValueSettingsApplied,
}

type FitMemo = Memo<Option<Shared<Fitted>>>;
type ValueMemo = Memo<Option<Shared<ValueView>>>;
/// The section's results as the page holds them (None until the section computed them).
pub type ValueResults = RwSignal<Option<Shared<ValueView>>>;

/// What the section's module is handed.
#[derive(Clone, Copy)]
struct Props {
    as_of: Memo<Option<i32>>,
    results: ValueResults,
}

/// The section, from its module.
#[leptos::wasm_split::wasm_split(customer_value, wasm_split_path = ::leptos::wasm_split, fallible)]
fn value_module(p: Props) -> Result<AnyView, PageLoadError> {
    Ok(untrack(|| {
        let fit = fit_memo(p.as_of);
        let values = value_memo(fit);
        // Published for the lifecycle lists.
        Effect::new(move |_| p.results.set(values.get()));
        view! { <Value as_of=p.as_of fit values /> }.into_any()
    }))
}

type SectionLoader = fn(Props) -> Pin<Box<dyn Future<Output = Result<AnyView, PageLoadError>>>>;

thread_local! {
    static LOADER: Cell<Option<SectionLoader>> = const { Cell::new(None) };
}

/// Names the section's module loader; the app's start (`app::mount`) calls it (only the
/// start names a split function: see `funnel::import::enable_funnel_events_module`).
pub fn enable_customer_value_module() {
    LOADER.set(Some(|p| Box::pin(value_module(p))));
}

fn section(p: Props) -> Pin<Box<dyn Future<Output = Result<AnyView, PageLoadError>>>> {
    match LOADER.get() {
        Some(load) => load(p),
        None => Box::pin(async { Err(PageLoadError) }),
    }
}

/// The section: its heading and, once orders are read, the models from their module.
#[component]
pub fn ValueSection(as_of: Memo<Option<i32>>, results: ValueResults) -> impl IntoView {
    let lang = use_lang();
    let data = use_analysis();
    let has_orders = Memo::new(move |_| data.orders.with(Option::is_some));
    Effect::new(move |_| {
        if !has_orders.get() {
            results.set(None);
        }
    });
    let p = Props { as_of, results };
    view! {
        <section id="customers-value" aria-labelledby="customers-value-title">
            <h2 id="customers-value-title">{lang.t(Msg::CvTitle)}<SampleBadge show=data.showing_sample_orders() /></h2>
            <p class="hint">{lang.t(Msg::CvIntro)}</p>
            {move || if has_orders.get() {
                view! { <LazyPage load=move || section(p) /> }.into_any()
            } else {
                view! { <p class="hint">{lang.t(Msg::CsNoOrders)}</p> }.into_any()
            }}
        </section>
    }
}

/// The fit, redone only when the orders or the analysis day change.
fn fit_memo(as_of: Memo<Option<i32>>) -> FitMemo {
    let data = use_analysis();
    Memo::new(move |_| {
        let as_of = as_of.get()?;
        data.orders.with(|o| {
            let o = o.as_ref()?;
            Some(Shared(Arc::new(fit_orders(&o.orders, as_of))))
        })
    })
}

/// The fit valued with the plan's discount rate, bands and share.
fn value_memo(fit: FitMemo) -> ValueMemo {
    let store = use_plan();
    let settings =
        Memo::new(move |_| store.read_parts(&[Part::Segments], |p| p.segments.value_settings()));
    Memo::new(move |_| {
        let s = settings.get();
        let fitted = fit.get()?.0;
        let valued = value(&fitted, s);
        let at_risk = at_risk_list(&fitted, &valued);
        Some(Shared(Arc::new(ValueView {
            fitted,
            valued,
            at_risk,
            settings: s,
        })))
    })
}

fn pct(f: f64) -> String {
    let v = (f * 1000.0).round() / 10.0;
    format!("{v}%")
}

fn yuan(v: Option<f64>, currency: Currency, lang: Lang) -> String {
    v.filter(|v| v.is_finite()).map_or_else(
        || crate::i18n::NO_VALUE.to_string(),
        |v| format_money(Fen((v * 100.0).round() as i64), currency, lang),
    )
}

fn risk_name(r: Risk) -> Msg {
    match r {
        Risk::High => Msg::CvRiskHigh,
        Risk::Medium => Msg::CvRiskMedium,
        Risk::Low => Msg::CvRiskLow,
    }
}

fn risk_rule(r: Risk, b: Bands) -> String {
    match r {
        Risk::High => format!("P(alive) < {}", pct(b.high_below)),
        Risk::Medium => format!("{} ≤ P(alive) < {}", pct(b.high_below), pct(b.medium_below)),
        Risk::Low => format!("P(alive) ≥ {}", pct(b.medium_below.max(b.high_below))),
    }
}

fn warning_text(w: ValueWarning, lang: Lang) -> String {
    let n = |v: usize| format_count(v as u64, lang);
    match w {
        ValueWarning::FewCustomers { customers } => fill(
            lang.t(Msg::CvWarnFewCustomers),
            &[&n(customers), &n(MIN_CUSTOMERS)],
        ),
        ValueWarning::FewRepeaters { repeaters } => fill(
            lang.t(Msg::CvWarnFewRepeaters),
            &[&n(repeaters), &n(MIN_REPEATERS)],
        ),
        ValueWarning::ShortSpan { days } => fill(
            lang.t(Msg::CvWarnShortSpan),
            &[&days.to_string(), &MIN_SPAN_DAYS.to_string()],
        ),
        ValueWarning::PurchaseFitNotConverged => lang.t(Msg::CvWarnPurchaseNotConverged).into(),
        ValueWarning::SpendFitNotConverged => lang.t(Msg::CvWarnSpendNotConverged).into(),
        ValueWarning::NoSpendMean => lang.t(Msg::CvWarnNoSpendMean).into(),
        ValueWarning::ZeroSpendLeftOut { customers } => {
            fill(lang.t(Msg::CvWarnZeroSpend), &[&n(customers)])
        }
        ValueWarning::RefundsLeftOut { rows } => fill(lang.t(Msg::CvWarnRefunds), &[&n(rows)]),
        ValueWarning::OrdersAfterAnalysisDay { rows } => {
            fill(lang.t(Msg::CvWarnAfter), &[&n(rows)])
        }
    }
}

/// A customer's row: id (masked unless `unmask`), P(alive), expected 30 / 90 / 365,
/// expected order value, CLV, risk.
fn customer_row(
    v: &ValueView,
    item: &Valued,
    orders: &Orders,
    unmask: bool,
    lang: Lang,
    currency: Currency,
) -> Vec<String> {
    let p = &v.fitted.rows[item.row];
    let name = &orders.customers[p.summary.customer as usize];
    vec![
        if unmask {
            name.trim().to_string()
        } else {
            mask_id(name)
        },
        pct(p.p_alive),
        format!("{:.2}", p.expected[0]),
        format!("{:.2}", p.expected[1]),
        format!("{:.2}", p.expected[2]),
        yuan(p.spend, currency, lang),
        yuan(item.clv, currency, lang),
        lang.t(risk_name(item.risk)).to_string(),
    ]
}

const COLUMNS: [Msg; 8] = [
    Msg::CsColCustomer,
    Msg::CvColPAlive,
    Msg::CvColE30,
    Msg::CvColE90,
    Msg::CvColE365,
    Msg::CvColSpend,
    Msg::CvColClv,
    Msg::CvColBand,
];

fn table_view(
    caption: String,
    test_id: &'static str,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
) -> impl IntoView {
    // Focusable so a keyboard can scroll a table wider than a phone (as SummaryTable).
    let label = caption.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            <table class="summary" data-testid=test_id>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {headers.into_iter().enumerate().map(|(c, h)| {
                            let class = if c > 0 { "num" } else { "" };
                            view! { <th scope="col" class=class>{h}</th> }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let mut cells = row.into_iter();
                        let first = cells.next().unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">{first}</th>
                                {cells.map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn params_text(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.4}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn not_negative(
    e: &crate::domain::values::entry::Entry<crate::domain::values::measure::Measure>,
) -> Option<InputError> {
    match e.value() {
        Some(m) if m.0 < 0 => Some(InputError::Negative),
        _ => e.error(),
    }
}

#[component]
fn Value(as_of: Memo<Option<i32>>, fit: FitMemo, values: ValueMemo) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let data = use_analysis();
    let unmask = RwSignal::new(false);
    let currency = Memo::new(move |_| store.read_parts(&[Part::Header], |p| p.header.currency));

    // The holdout check: its own fit on the calibration orders, redone when the orders,
    // the analysis day or the calibration end change.
    let typed_end = Memo::new(move |_| {
        store.read_parts(&[Part::Segments], |p| p.segments.value.holdout_from.clone())
    });
    let check = Memo::new(move |_| {
        let as_of = as_of.get()?;
        let typed = typed_end.get();
        data.orders.with(|o| {
            let o = o.as_ref()?;
            let first = o
                .orders
                .iter()
                .filter(|x| !x.is_refund())
                .map(|x| x.day)
                .min()?;
            let settings = crate::domain::customers::SegmentSettings {
                value: Box::new(crate::domain::customers::ValueSettings {
                    holdout_from: typed,
                    ..Default::default()
                }),
                ..Default::default()
            };
            let end = settings.holdout_end(first, as_of);
            Some(Shared(Arc::new(holdout(
                &o.orders,
                o.customers.len(),
                end,
                as_of,
            ))))
        })
    });

    let warnings = move || {
        let l = lang.get();
        let f = fit.get()?;
        let mut items: Vec<String> = f.warnings.iter().map(|w| warning_text(*w, l)).collect();
        if f.purchases.is_none() {
            items.push(l.t(Msg::CvNoFit).into());
        }
        (!items.is_empty()).then(|| {
            view! {
                <div role="status">
                    <ul class="flags" data-testid="value-warnings">
                        {items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    };

    let fit_table = move || {
        let l = lang.get();
        let f = fit.get()?;
        let state = |c: bool| {
            l.t(if c {
                Msg::CvFitConverged
            } else {
                Msg::CvFitNotConverged
            })
        };
        let mut rows = vec![
            vec![
                l.t(Msg::CvFitCustomers).to_string(),
                format_count(f.customers as u64, l),
            ],
            vec![
                l.t(Msg::CvFitRepeaters).to_string(),
                format_count(f.repeaters as u64, l),
            ],
        ];
        if let Some(bg) = &f.purchases {
            let p = bg.params;
            rows.push(vec![
                l.t(Msg::CvFitPurchase).to_string(),
                format!(
                    "{} ({})",
                    params_text(&[p.r, p.alpha, p.a, p.b]),
                    state(bg.converged)
                ),
            ]);
        }
        if let Some(gg) = &f.spend {
            let p = gg.params;
            rows.push(vec![
                l.t(Msg::CvFitSpend).to_string(),
                format!(
                    "{} ({})",
                    params_text(&[p.p, p.q, p.v]),
                    state(gg.converged)
                ),
            ]);
        }
        Some(table_view(
            l.t(Msg::CvFitCaption).into(),
            "value-fit",
            vec![l.t(Msg::CvColItem).into(), l.t(Msg::CvColValue).into()],
            rows,
        ))
    };

    let bands_table = move || {
        let l = lang.get();
        let c = currency.get();
        let v = values.get()?;
        if v.fitted.rows.is_empty() {
            return None;
        }
        let rows = RISKS
            .iter()
            .map(|&r| {
                let members: Vec<&Valued> = v.valued.iter().filter(|x| x.risk == r).collect();
                let total: Option<f64> = members
                    .iter()
                    .map(|x| x.clv)
                    .try_fold(0.0, |acc, c| c.map(|c| acc + c));
                vec![
                    l.t(risk_name(r)).to_string(),
                    risk_rule(r, v.settings.bands),
                    format_count(members.len() as u64, l),
                    yuan(total, c, l),
                ]
            })
            .collect();
        Some(table_view(
            l.t(Msg::CvBandsCaption).into(),
            "value-bands",
            vec![
                l.t(Msg::CvColBand).into(),
                l.t(Msg::CvColRule).into(),
                l.t(Msg::CsColCustomers).into(),
                l.t(Msg::CvColClvTotal).into(),
            ],
            rows,
        ))
    };

    let headers = move |l: Lang| {
        COLUMNS
            .iter()
            .map(|m| l.t(*m).to_string())
            .collect::<Vec<_>>()
    };

    let top_table = move || {
        let l = lang.get();
        let c = currency.get();
        let v = values.get()?;
        if v.valued.is_empty() {
            return None;
        }
        let rows = data.orders.with(|o| {
            o.as_ref().map(|o| {
                v.valued
                    .iter()
                    .take(SHOWN)
                    .map(|item| customer_row(&v, item, o, false, l, c))
                    .collect::<Vec<_>>()
            })
        })?;
        let caption = fill(
            l.t(Msg::CvTopCaption),
            &[
                &rows.len().to_string(),
                &format_count(v.valued.len() as u64, l),
            ],
        );
        Some(table_view(caption, "value-top", headers(l), rows))
    };

    let list_rows = move |v: &ValueView, o: &Orders, take: usize, unmask: bool, l: Lang, c| {
        v.at_risk
            .iter()
            .take(take)
            .filter_map(|&customer| {
                v.valued
                    .iter()
                    .find(|x| v.fitted.rows[x.row].summary.customer == customer)
                    .map(|item| customer_row(v, item, o, unmask, l, c))
            })
            .collect::<Vec<_>>()
    };

    let export = move |_| {
        let l = lang.get_untracked();
        let c = currency.get_untracked();
        let (Some(v), Some(o)) = (values.get_untracked(), data.orders.get_untracked()) else {
            return;
        };
        let mut rows = vec![headers(l)];
        rows.extend(list_rows(&v, &o, usize::MAX, unmask.get_untracked(), l, c));
        let plan = store.read_untracked(|p: &Plan| p.header.name.clone());
        let name = export_file_name_with(
            &format!("{}-{}", plan.trim(), l.t(Msg::CvTriggerName)),
            "csv",
        );
        let _ = download(&name, "text/csv;charset=utf-8", &write_csv(&rows));
    };

    let list = move || {
        let l = lang.get();
        let c = currency.get();
        let v = values.get()?;
        if v.fitted.rows.is_empty() {
            return None;
        }
        let rows = data
            .orders
            .with(|o| o.as_ref().map(|o| list_rows(&v, o, SHOWN, false, l, c)))?;
        let rule = fill(
            l.t(Msg::CvListRule),
            &[
                &pct(v.settings.top_share),
                &pct(v.settings.bands.high_below),
            ],
        );
        let caption = format!(
            "{} · {}",
            l.t(Msg::CvListTitle),
            fill(
                l.t(Msg::CsNCustomers),
                &[&format_count(v.at_risk.len() as u64, l)]
            )
        );
        let more = (v.at_risk.len() > SHOWN).then(
            || view! { <p class="hint">{fill(l.t(Msg::CsListFirst), &[&SHOWN.to_string()])}</p> },
        );
        Some(view! {
            <p class="hint" data-testid="value-list-rule">{rule}</p>
            {table_view(caption, "value-at-risk", headers(l), rows)}
            {more}
        })
    };

    let holdout_view = move || {
        let l = lang.get();
        let h = check.get()?;
        let h: &Result<Holdout, HoldoutError> = &h.0;
        match h {
            Err(HoldoutError::OutOfRange) => Some(
                view! { <p class="flag" role="status" data-testid="holdout-error">{l.t(Msg::CvHoldoutOutOfRange)}</p> }
                    .into_any(),
            ),
            Err(HoldoutError::NoCalibrationCustomers) => Some(
                view! { <p class="flag" role="status" data-testid="holdout-error">{l.t(Msg::CvHoldoutNoCustomers)}</p> }
                    .into_any(),
            ),
            Ok(h) => {
                let end = day_date(h.calibration_end).map(iso_date).unwrap_or_default();
                let rule = fill(
                    l.t(Msg::CvHoldoutRule),
                    &[&end, &h.days.to_string(), &format_count(h.customers as u64, l)],
                );
                let short = (h.calibration_days < MIN_SPAN_DAYS).then(|| {
                    view! {
                        <p class="flag" role="status">{fill(l.t(Msg::CvHoldoutShort), &[&h.calibration_days.to_string(), &MIN_SPAN_DAYS.to_string()])}</p>
                    }
                });
                let rows = h
                    .buckets
                    .iter()
                    .map(|b| {
                        vec![
                            bucket_label(b.frequency),
                            format_count(b.customers as u64, l),
                            format!("{:.3}", b.actual),
                            format!("{:.3}", b.predicted),
                        ]
                    })
                    .collect();
                Some(
                    view! {
                        <p class="hint" data-testid="holdout-rule">{rule}</p>
                        {short}
                        {table_view(
                            l.t(Msg::CvHoldoutTitle).into(),
                            "value-holdout",
                            vec![
                                l.t(Msg::CvColCalFreq).into(),
                                l.t(Msg::CsColCustomers).into(),
                                l.t(Msg::CvColActual).into(),
                                l.t(Msg::CvColPredicted).into(),
                            ],
                            rows,
                        )}
                    }
                    .into_any(),
                )
            }
        }
    };

    let chart_data = Memo::new(move |_| {
        let h = check.get()?;
        let h = h.0.as_ref().as_ref().ok()?;
        Some((
            h.buckets
                .iter()
                .map(|b| bucket_label(b.frequency))
                .collect::<Vec<_>>(),
            h.buckets.iter().map(|b| b.actual).collect::<Vec<_>>(),
            h.buckets.iter().map(|b| b.predicted).collect::<Vec<_>>(),
        ))
    });
    let draw = move |area: &crate::components::chart::Area, scale: f64| {
        let l = lang.get();
        let Some((names, actual, predicted)) = chart_data.get() else {
            return;
        };
        let n = names.len();
        draw_bars(
            area,
            scale,
            &Bars {
                categories: names,
                series: vec![
                    Series {
                        name: l.t(Msg::CvColActual).into(),
                        color: BLUE,
                        values: actual,
                        warn: vec![false; n],
                    },
                    Series {
                        name: l.t(Msg::CvColPredicted).into(),
                        color: GREEN,
                        values: predicted,
                        warn: vec![false; n],
                    },
                ],
                axis_label: |v| format!("{v:.1}"),
            },
        );
    };
    let chart_label = Signal::derive(move || lang.get().t(Msg::CvHoldoutChartLabel).to_string());
    let has_chart = move || chart_data.with(Option::is_some);

    view! {
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>{lang.t(Msg::CvSettings)}</legend>
                    <EntryField id="value-discount" part=Part::Segments label=Msg::CvDiscount unit=Unit::Percent get=|p| &p.segments.value.discount get_mut=|p| &mut p.segments.value.discount error=|p| not_negative(&p.segments.value.discount) />
                    <EntryField id="value-risk-high" part=Part::Segments label=Msg::CvRiskHighBelow unit=Unit::Percent get=|p| &p.segments.value.risk_high_below get_mut=|p| &mut p.segments.value.risk_high_below error=|p| not_negative(&p.segments.value.risk_high_below) />
                    <EntryField id="value-risk-medium" part=Part::Segments label=Msg::CvRiskMediumBelow unit=Unit::Percent get=|p| &p.segments.value.risk_medium_below get_mut=|p| &mut p.segments.value.risk_medium_below error=|p| not_negative(&p.segments.value.risk_medium_below) />
                    <EntryField id="value-top-share" part=Part::Segments label=Msg::CvTopShare unit=Unit::Percent get=|p| &p.segments.value.top_share get_mut=|p| &mut p.segments.value.top_share error=|p| not_negative(&p.segments.value.top_share) />
                    <EntryField id="value-holdout-from" part=Part::Segments label=Msg::CvHoldoutFrom get=|p| &p.segments.value.holdout_from get_mut=|p| &mut p.segments.value.holdout_from input_mode="text" />
                    <p class="hint wide">{lang.t(Msg::CvHoldoutHint)}</p>
                </fieldset>
            </form>
            {warnings}
            {fit_table}
            {bands_table}
            {top_table}
            <h3>{lang.t(Msg::CvListTitle)}</h3>
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || unmask.get() on:change=move |ev| unmask.set(event_target_checked(&ev)) />
                <span>{lang.t(Msg::CvUnmaskExport)}</span>
            </label>
            {list}
            <div class="button-row">
                <button type="button" class="btn" data-testid="export-value-list" disabled=move || values.with(|v| v.as_ref().is_none_or(|v| v.at_risk.is_empty())) on:click=export>
                    {lang.t(Msg::CsExportList)}
                </button>
            </div>
            <h3>{lang.t(Msg::CvHoldoutTitle)}</h3>
            {holdout_view}
            {move || has_chart().then(|| view! { <ChartCanvas label=chart_label height=240u32 draw test_id="value-holdout-chart" /> })}
    }
}

/// "0" … "5", and "6+" for the last bucket.
fn bucket_label(frequency: u32) -> String {
    if frequency as usize == BUCKETS - 1 {
        format!("{frequency}+")
    } else {
        frequency.to_string()
    }
}
