//! What an imported event log shows beyond the step counts (issue 25): the time to convert
//! per step (histogram, median, p90, the slowest step), each week's or month's starters'
//! conversion as a line per step, and the funnel per starting channel side by side. The
//! figures come from `domain::funnel::{modes, timing}`; every chart's figures are in a
//! table beside it.

use super::fill;
use crate::components::chart::{
    draw_bars, draw_lines, Area, Bars, ChartCanvas, LineSeries, Lines, Series, PALETTE,
};
use crate::domain::funnel::event_log::EventLog;
use crate::domain::funnel::modes::{analyze_funnel, FunnelQuery, FunnelReport};
use crate::domain::funnel::timing::{slowest_step, step_timings, trends, Period};
use crate::domain::values::ratio::Ratio;
use crate::i18n::{format_count, format_rate, Lang, Msg, NO_VALUE};
use crate::state::use_lang;
use leptos::prelude::*;
use std::sync::Arc;

/// Channels compared side by side (a log can hold hundreds of store ids).
const MAX_CHANNELS: usize = 12;

const BUCKETS: [Msg; 8] = [
    Msg::FaBucket1m,
    Msg::FaBucket10m,
    Msg::FaBucket1h,
    Msg::FaBucket6h,
    Msg::FaBucket1d,
    Msg::FaBucket3d,
    Msg::FaBucket7d,
    Msg::FaBucketMore,
];

/// "45 秒", "12.5 分钟", "3.2 小时", "1.5 天".
fn duration_text(secs: Option<f64>, lang: Lang) -> String {
    let Some(secs) = secs else {
        return NO_VALUE.into();
    };
    let (value, msg) = if secs < 60.0 {
        (secs, Msg::FaSeconds)
    } else if secs < 3_600.0 {
        (secs / 60.0, Msg::FaMinutesN)
    } else if secs < 86_400.0 {
        (secs / 3_600.0, Msg::FaHoursN)
    } else {
        (secs / 86_400.0, Msg::FaDaysN)
    };
    let number = format!("{value:.1}");
    let number = number.strip_suffix(".0").unwrap_or(&number);
    fill(lang.t(msg), &[number])
}

fn count_axis(v: f64) -> String {
    format!("{v:.0}")
}

fn percent_axis(v: f64) -> String {
    format!("{v:.0}%")
}

#[component]
pub fn EventInsights(
    log: RwSignal<Option<Arc<EventLog>>>,
    query: Memo<Option<FunnelQuery>>,
    report: Memo<Option<Arc<FunnelReport>>>,
) -> impl IntoView {
    let lang = use_lang();
    let steps =
        Memo::new(move |_| query.with(|q| q.as_ref().map(|q| q.steps.clone()).unwrap_or_default()));
    let timings = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| step_timings(r, steps.with(Vec::len)))
                .unwrap_or_default()
        })
    });
    let period = RwSignal::new(Period::Week);
    let trend_rows = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| trends(r, steps.with(Vec::len), period.get()))
                .unwrap_or_default()
        })
    });
    let by_channel = Memo::new(move |_| {
        let log = log.get()?;
        let q = query.get()?;
        let rows: Vec<(String, Vec<u64>)> = log
            .channels()
            .iter()
            .take(MAX_CHANNELS)
            .map(|c| {
                let q = FunnelQuery {
                    channel: Some(c.to_string()),
                    ..q.clone()
                };
                (c.to_string(), analyze_funnel(&log, &q).counts)
            })
            .collect();
        (!rows.is_empty()).then_some(rows)
    });
    let step_name = move |k: usize| steps.with(|s| s.get(k).cloned().unwrap_or_default());

    // ---- time to convert
    let histogram = move || {
        let l = lang.get();
        Bars {
            categories: BUCKETS.iter().map(|m| l.t(*m).to_string()).collect(),
            series: timings.with(|t| {
                t.iter()
                    .map(|t| Series {
                        name: format!("{} → {}", step_name(t.step - 1), step_name(t.step)),
                        color: PALETTE[(t.step - 1) % PALETTE.len()],
                        values: t.histogram.iter().map(|&n| n as f64).collect(),
                        warn: Vec::new(),
                    })
                    .collect()
            }),
            axis_label: count_axis,
        }
    };
    let draw_histogram = move |area: &Area, scale: f64| draw_bars(area, scale, &histogram());
    let histogram_label = Signal::derive(move || {
        let l = lang.get();
        let parts: Vec<String> = timings.with(|t| {
            t.iter()
                .map(|t| format!("{} {}", step_name(t.step), duration_text(t.median, l)))
                .collect()
        });
        format!(
            "{}: {}",
            l.t(Msg::FaTimeChartLabel),
            parts.join(l.t(Msg::ListSeparator))
        )
    });
    let time_rows = move || {
        let l = lang.get();
        timings
            .get()
            .into_iter()
            .map(|t| {
                view! {
                    <tr>
                        <th scope="row">{format!("{} → {}", step_name(t.step - 1), step_name(t.step))}</th>
                        <td class="num">{format_count(t.users as u64, l)}</td>
                        <td class="num">{duration_text(t.median, l)}</td>
                        <td class="num">{duration_text(t.p90, l)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let slowest = move || {
        let l = lang.get();
        timings.with(|t| {
            let step = slowest_step(t)?;
            let median = t.iter().find(|x| x.step == step)?.median;
            Some(fill(
                l.t(Msg::FaSlowest),
                &[&step_name(step), &duration_text(median, l)],
            ))
        })
    };

    // ---- trends
    let share = |reached: &[u64], k: usize| -> Option<Ratio> {
        Ratio::new(
            reached.get(k).copied().unwrap_or(0),
            reached.first().copied().unwrap_or(0),
        )
    };
    let lines = Memo::new(move |_| {
        let rows = trend_rows.get();
        let n = steps.with(Vec::len);
        (
            rows.iter().map(|r| r.label.clone()).collect::<Vec<_>>(),
            (1..n)
                .map(|k| {
                    rows.iter()
                        .map(|r| share(&r.reached, k).map(|x| x.basis_points() as f64 / 100.0))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>(),
        )
    });
    let draw_trend = move |area: &Area, scale: f64| {
        lines.with(|(categories, values)| {
            let chart = Lines {
                categories: categories.clone(),
                series: values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| LineSeries {
                        name: step_name(i + 1),
                        values: v.clone(),
                    })
                    .collect(),
                axis_label: percent_axis,
            };
            draw_lines(area, scale, &chart)
        })
    };
    let trend_label = Signal::derive(move || lang.get().t(Msg::FaTrendChartLabel).to_string());
    let period_radio = move |value: Period, label: Msg| {
        view! {
            <label class="radio">
                <input type="radio" name="funnel-trend-period" prop:checked=move || period.get() == value on:change=move |_| period.set(value) />
                <span>{lang.t(label)}</span>
            </label>
        }
    };
    let step_headers = move |from: usize| {
        steps
            .get()
            .into_iter()
            .skip(from)
            .map(|s| view! { <th scope="col" class="num">{s}</th> })
            .collect_view()
    };
    let trend_table = move || {
        let l = lang.get();
        trend_rows
            .get()
            .into_iter()
            .map(|r| {
                let cells = (1..r.reached.len())
                    .map(|k| view! { <td class="num">{format_rate(share(&r.reached, k), l)}</td> })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{r.label.clone()}</th>
                        <td class="num">{format_count(r.reached.first().copied().unwrap_or(0), l)}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };

    // ---- channels
    let channel_table = move || {
        let l = lang.get();
        by_channel.get().map(|rows| {
            let body = rows
                .into_iter()
                .map(|(c, counts)| {
                    let overall = Ratio::new(counts.last().copied().unwrap_or(0), counts.first().copied().unwrap_or(0));
                    view! {
                        <tr>
                            <th scope="row">{c}</th>
                            {counts.iter().map(|&n| view! { <td class="num">{format_count(n, l)}</td> }).collect_view()}
                            <td class="num">{format_rate(overall, l)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="subsection" aria-labelledby="funnel-channels-title">
                    <h3 id="funnel-channels-title">{l.t(Msg::FaBreakdownTitle)}</h3>
                    <p class="hint">{l.t(Msg::FaBreakdownHint)}</p>
                    <div class="plain-scroll" role="region" tabindex="0" aria-label=l.t(Msg::FaBreakdownTitle)>
                        <table class="plain" data-testid="funnel-channels">
                            <caption class="sr-only">{l.t(Msg::FaBreakdownTitle)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{l.t(Msg::FaChannel)}</th>
                                    {step_headers(0)}
                                    <th scope="col" class="num">{l.t(Msg::OverallConversion)}</th>
                                </tr>
                            </thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                </section>
            }
        })
    };

    view! {
        {move || report.with(Option::is_some).then(|| {
            let l = lang.get();
            view! {
                <section class="subsection" aria-labelledby="funnel-time-title">
                    <h3 id="funnel-time-title">{l.t(Msg::FaTimeTitle)}</h3>
                    <p class="hint">{l.t(Msg::FaTimeHint)}</p>
                    <p data-testid="funnel-slowest">{slowest}</p>
                    <ChartCanvas label=histogram_label height=220u32 draw=draw_histogram test_id="funnel-time-chart" />
                    <div class="plain-scroll" role="region" tabindex="0" aria-label=l.t(Msg::FaTimeTitle)>
                        <table class="plain" data-testid="funnel-time">
                            <caption class="sr-only">{l.t(Msg::FaTimeTitle)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{l.t(Msg::FaColStep)}</th>
                                    <th scope="col" class="num">{l.t(Msg::FaColUsers)}</th>
                                    <th scope="col" class="num">{l.t(Msg::FaColMedian)}</th>
                                    <th scope="col" class="num">{l.t(Msg::FaColP90)}</th>
                                </tr>
                            </thead>
                            <tbody>{time_rows}</tbody>
                        </table>
                    </div>
                </section>
                <section class="subsection" aria-labelledby="funnel-trend-title">
                    <h3 id="funnel-trend-title">{l.t(Msg::FaTrendTitle)}</h3>
                    <p class="hint">{l.t(Msg::FaTrendHint)}</p>
                    <div class="radio-row" role="radiogroup" aria-label=l.t(Msg::FaTrendTitle)>
                        {period_radio(Period::Week, Msg::FaByWeek)}
                        {period_radio(Period::Month, Msg::FaByMonth)}
                    </div>
                    <ChartCanvas label=trend_label height=240u32 draw=draw_trend test_id="funnel-trend-chart" />
                    <div class="plain-scroll" role="region" tabindex="0" aria-label=l.t(Msg::FaTrendTitle)>
                        <table class="plain" data-testid="funnel-trend">
                            <caption class="sr-only">{l.t(Msg::FaTrendTitle)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{l.t(Msg::FaColStarted)}</th>
                                    <th scope="col" class="num">{move || steps.with(|s| s.first().cloned().unwrap_or_default())}</th>
                                    {move || step_headers(1)}
                                </tr>
                            </thead>
                            <tbody>{trend_table}</tbody>
                        </table>
                    </div>
                </section>
                {channel_table}
            }
        })}
    }
}
