//! The funnel chart: every stage's reached and converted, its rate and drop-off, the
//! bottlenecks in the warning colour and, when comparison counts are typed, the
//! comparison period overlaid. Redrawn as the table is edited.

use super::bottleneck::bottlenecks;
use super::compare::period_labels;
use crate::components::chart::{
    draw_funnel, funnel_height, Area, ChartCanvas, FunnelBar, FunnelChart, FUNNEL_MAX_STAGES,
};
use crate::domain::funnel::tools::has_comparison;
use crate::domain::plan::Plan;
use crate::i18n::{format_count, format_rate, Lang, Msg};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

fn chart_data(plan: &Plan, lang: Lang) -> FunnelChart {
    let stages = &plan.funnel.stages;
    let comparing = has_comparison(stages);
    let (loss, below) = bottlenecks(plan);
    let (_, previous_label) = period_labels(plan.funnel.comparison, lang);
    let bars = stages
        .iter()
        .take(FUNNEL_MAX_STAGES)
        .enumerate()
        .map(|(i, s)| {
            // Counts drawn only when the stage's cells are valid and consistent.
            let (reached, converted) = match (s.rate(), s.reached.value()) {
                (Some(r), _) => (r.den(), r.num()),
                (None, Some(&reached)) if s.converted_error().is_none() => (reached, 0),
                _ => (0, 0),
            };
            let lost = s.loss().map_or_else(
                || crate::i18n::NO_VALUE.to_string(),
                |n| format_count(n, lang),
            );
            let mut caption = format!(
                "{} · {} {}",
                format_rate(s.rate(), lang),
                lang.t(Msg::FaChartLost),
                lost
            );
            let previous = comparing.then(|| {
                let p = (
                    s.previous_reached.value().copied().unwrap_or(0),
                    s.previous_converted.value().copied().unwrap_or(0),
                );
                let rate = (p.1 <= p.0)
                    .then(|| crate::domain::values::ratio::Ratio::new(p.1, p.0))
                    .flatten();
                caption.push_str(&format!(" · {previous_label} {}", format_rate(rate, lang)));
                p
            });
            FunnelBar {
                name: s.name.clone(),
                reached,
                converted,
                caption,
                highlight: loss == Some(i) || below.is_some_and(|(b, _)| b == i),
                previous,
            }
        })
        .collect();
    FunnelChart {
        stages: bars,
        legend_reached: lang.t(Msg::ColReached).into(),
        legend_converted: lang.t(Msg::ColConverted).into(),
        legend_previous: comparing.then(|| previous_label.to_string()),
    }
}

#[component]
pub fn FunnelChartSection() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let count =
        Memo::new(move |_| store.read_parts(&[Part::FunnelStages], |p| p.funnel.stages.len()));
    let shown = Memo::new(move |_| count.get().min(FUNNEL_MAX_STAGES));
    // The words of the chart, for screen readers: the figures are in the table above.
    let label = Signal::derive(move || {
        let l = lang.get();
        let parts: Vec<String> = store.read_parts(&[Part::FunnelStages], |p| {
            p.funnel
                .stages
                .iter()
                .take(FUNNEL_MAX_STAGES)
                .map(|s| {
                    format!(
                        "{} {} / {} {}",
                        s.name,
                        s.reached.text(),
                        s.converted.text(),
                        format_rate(s.rate(), l)
                    )
                })
                .collect()
        });
        format!(
            "{}: {}",
            l.t(Msg::FaChartLabel),
            parts.join(l.t(Msg::ListSeparator))
        )
    });
    // The chart's figures as a memo: typing a stage's loss reason changes the stages but
    // not the chart, which then is not redrawn.
    let chart = Memo::new(move |_| {
        store.read_parts(&[Part::FunnelStages, Part::Comparison], |p| {
            chart_data(p, lang.get())
        })
    });
    let draw = move |area: &Area, scale: f64| chart.with(|c| draw_funnel(area, scale, c));
    view! {
        <section class="section" id="funnel-chart" aria-labelledby="funnel-chart-title">
            <h2 id="funnel-chart-title">{lang.t(Msg::FaChartTitle)}</h2>
            <p class="hint">{lang.t(Msg::FaChartHint)}</p>
            {move || {
                let n = count.get();
                (n > FUNNEL_MAX_STAGES).then(|| {
                    view! {
                        <p class="hint" data-testid="funnel-chart-first">
                            {lang.get().t(Msg::FaChartFirst)
                                .replace("{0}", &FUNNEL_MAX_STAGES.to_string())
                                .replace("{1}", &n.to_string())}
                        </p>
                    }
                })
            }}
            // A new canvas when the number of stages drawn changes: its height follows them.
            {move || {
                let height = funnel_height(shown.get());
                view! { <ChartCanvas label=label height=height draw=draw test_id="funnel-chart" /> }
            }}
        </section>
    }
}
