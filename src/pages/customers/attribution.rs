//! 归因分析 / Attribution: a touchpoint export read in turns, then per channel the
//! first-touch, last-touch, linear, Markov and Shapley credits side by side (table and
//! bars), a warning when there are too few journeys to trust, and a budget hint from
//! attributed revenue ÷ each channel's spend: the plan's channel table (渠道对比) by name,
//! unless another figure is typed here.

use super::reading::{bad_rows_view, encoding_name, fill, reading_view, FileRead};
use crate::components::chart::{draw_bars, Area, Bars, ChartCanvas, Series};
use crate::components::files::chosen_file;
use crate::components::sample::{as_file, SampleBadge, SampleTools};
use crate::components::summary_table::{SummaryRow, SummaryTable};
use crate::domain::attribution::budget_hint::{budget_hints, channel_table_spend, Advice};
use crate::domain::attribution::journeys::{
    JourneyColumn, JourneyRowError, JourneysReader, TouchKind, MIN_CONVERSIONS, MIN_JOURNEYS,
};
use crate::domain::attribution::{attribute_all, Credits, Model, MODELS};
use crate::domain::plan::samples::SampleFile;
use crate::domain::values::entry::{CellValue, Entry};
use crate::domain::values::money::Fen;
use crate::i18n::{format_count, format_money, input_error_message, Lang, Msg, NO_VALUE};
use crate::state::analysis::{use_analysis, Shared};
use crate::state::Part;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use plotters::style::RGBColor;
use std::collections::HashMap;

const MODEL_COLORS: [RGBColor; 5] = [
    RGBColor(0x9a, 0xa5, 0xb8),
    RGBColor(0x5b, 0x8d, 0xef),
    RGBColor(0x2e, 0x9d, 0x6b),
    RGBColor(0xe0, 0x8a, 0x1e),
    RGBColor(0x8e, 0x44, 0xad),
];

fn model_name(m: Model) -> Msg {
    match m {
        Model::FirstTouch => Msg::AtFirstTouch,
        Model::LastTouch => Msg::AtLastTouch,
        Model::Linear => Msg::AtLinear,
        Model::Markov => Msg::AtMarkov,
        Model::Shapley => Msg::AtShapley,
    }
}

const MODEL_COLUMNS: [Msg; 5] = [
    Msg::AtFirstTouch,
    Msg::AtLastTouch,
    Msg::AtLinear,
    Msg::AtMarkov,
    Msg::AtShapley,
];
const HINT_COLUMNS: [Msg; 5] = [
    Msg::AtColSpend,
    Msg::AtColRevenue,
    Msg::AtColRoas,
    Msg::AtColCpa,
    Msg::AtColAdvice,
];

/// A journeys column's name, for the missing-columns message.
fn column_name(c: JourneyColumn, l: Lang) -> &'static str {
    l.t(match c {
        JourneyColumn::Journey => Msg::AtColJourney,
        JourneyColumn::Time => Msg::AtColTime,
        JourneyColumn::Channel | JourneyColumn::Kind | JourneyColumn::Value => Msg::AtColChannel,
    })
}

fn row_error(e: &JourneyRowError, l: Lang) -> String {
    match e {
        JourneyRowError::MissingJourney => l.t(Msg::AtRowNoJourney).into(),
        JourneyRowError::BadTime(t) => fill(l.t(Msg::AtRowBadTime), &[t]),
        JourneyRowError::MissingChannel => l.t(Msg::AtRowNoChannel).into(),
        JourneyRowError::BadKind(t) => fill(l.t(Msg::AtRowBadKind), &[t]),
        JourneyRowError::BadValue(t, e) => format!("{} ({t})", input_error_message(*e, l)),
    }
}

/// Credits with two decimals (conversions) or as money (value).
fn credit_text(
    v: f64,
    value: bool,
    l: Lang,
    currency: crate::domain::values::money::Currency,
) -> String {
    if value {
        format_money(Fen(v.round() as i64), currency, l)
    } else {
        format!("{v:.2}")
    }
}

fn axis_plain(v: f64) -> String {
    format!("{v:.1}")
}

fn axis_money(v: f64) -> String {
    format!("¥{:.0}", v / 100.0)
}

#[component]
pub fn Attribution() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let data = use_analysis();
    let read = FileRead::new();
    // Show conversions (false) or conversion value (true).
    let by_value = RwSignal::new(false);
    // Spend typed per channel name, overriding the channel table's; kept for this tab
    // only, like the journeys.
    let spend = RwSignal::new(HashMap::<String, String>::new());
    let hint_model = RwSignal::new(Model::Markov);

    let credits = Memo::new(move |_| {
        data.journeys.with(|j| {
            j.as_ref()
                .map(|j| Shared(std::sync::Arc::new(attribute_all(j))))
        })
    });

    // A chosen file and the sample take the same path; only the label differs.
    let read_file = move |file: web_sys::File, sample: bool| {
        data.journeys.set(None);
        data.journeys_sample.set(sample);
        read.start(file, lang, JourneysReader::new, column_name, move |j| {
            let _ = data.journeys.try_set(Some(Shared(std::sync::Arc::new(j))));
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        if let Some(file) = chosen_file(&ev) {
            read_file(file, false);
        }
    };
    // The page's one button for both samples (super::SampleRequest); this section is
    // deferred, so a request made before it was built is taken when it is.
    if let Some(request) = use_context::<super::SampleRequest>() {
        Effect::new(move |_| {
            if request.journeys.get() {
                request.journeys.set(false);
                if let Some(file) = as_file(SampleFile::Touchpoints) {
                    read_file(file, true);
                }
            }
        });
    }

    let summary = move || {
        let l = lang.get();
        let currency = store.read_parts(&[Part::Header], |p| p.header.currency);
        let encoding = read.encoding();
        data.journeys.with(|j| {
            j.as_ref().map(|j| {
                let text = fill(
                    l.t(Msg::AtRead),
                    &[
                        &format_count(j.rows as u64, l),
                        &format_count(j.journeys, l),
                        &format_count(j.conversions, l),
                        &format_money(Fen(j.value), currency, l),
                        &format_count(j.channels.len() as u64, l),
                    ],
                );
                let enc = encoding.map(|e| format!(" ({})", encoding_name(e)));
                let unattributed = (j.unattributed > 0)
                    .then(|| view! { <p class="hint">{fill(l.t(Msg::AtUnattributed), &[&format_count(j.unattributed, l)])}</p> });
                let warning = j.too_few().then(|| {
                    view! {
                        <p class="flag" role="status" data-testid="attribution-warning">
                            {fill(l.t(Msg::AtTooFew), &[&format_count(MIN_JOURNEYS, l), &format_count(MIN_CONVERSIONS, l)])}
                        </p>
                    }
                });
                let bad: Vec<(usize, String)> = j.bad.iter().take(100).map(|b| (b.line, row_error(&b.reason, l))).collect();
                view! {
                    <p data-testid="journeys-summary"><SampleBadge show=data.showing_sample_journeys() />{text}{enc}</p>
                    {unattributed}
                    {warning}
                    {bad_rows_view(bad, j.bad_total, l, "journeys-bad-rows")}
                }
            })
        })
    };

    let channel_label = move |name: &str, kind: Option<TouchKind>, l: Lang| match kind {
        Some(TouchKind::Online) => format!("{name} · {}", l.t(Msg::AtOnline)),
        Some(TouchKind::Offline) => format!("{name} · {}", l.t(Msg::AtOffline)),
        None => name.to_string(),
    };

    let credit_rows = Signal::derive(move || {
        let l = lang.get();
        let value = by_value.get();
        let currency = store.read_parts(&[Part::Header], |p| p.header.currency);
        let Some(all) = credits.get() else {
            return Vec::new();
        };
        data.journeys.with(|j| {
            let Some(j) = j.as_ref() else {
                return Vec::new();
            };
            j.channels
                .iter()
                .enumerate()
                .map(|(c, name)| SummaryRow {
                    name: channel_label(name, j.kinds[c], l),
                    figures: all
                        .iter()
                        .map(|cr: &Credits| {
                            let v = if value {
                                cr.value[c]
                            } else {
                                cr.conversions[c]
                            };
                            credit_text(v, value, l, currency)
                        })
                        .collect(),
                    warn: false,
                })
                .collect()
        })
    });

    let chart = move || {
        credits.with(Option::is_some).then(|| {
            let label = Signal::derive(move || lang.get().t(Msg::AtChartLabel).to_string());
            let draw = move |area: &Area, scale: f64| {
                let l = lang.get();
                let value = by_value.get();
                let (Some(all), Some(j)) = (credits.get(), data.journeys.get()) else {
                    return;
                };
                let bars = Bars {
                    categories: j.channels.clone(),
                    series: MODELS
                        .iter()
                        .enumerate()
                        .map(|(m, &model)| Series {
                            name: l.t(model_name(model)).into(),
                            color: MODEL_COLORS[m],
                            values: if value { all[m].value.clone() } else { all[m].conversions.clone() },
                            warn: Vec::new(),
                        })
                        .collect(),
                    axis_label: if value { axis_money } else { axis_plain },
                };
                draw_bars(area, scale, &bars);
            };
            view! { <ChartCanvas label=label height=300u32 draw=draw test_id="attribution-chart" /> }
        })
    };

    // Budget hints from the chosen model's credits and the typed spend.
    let table_spend = move |name: &str| {
        store.read_parts(&[Part::Channels], |p| {
            channel_table_spend(p.kpi.channels.iter().map(|r| &**r), name)
        })
    };
    let spend_of = move |name: &str| -> Entry<Fen> {
        match spend.with(|s| {
            s.get(name)
                .filter(|t| !t.trim().is_empty())
                .map(|t| Entry::from_text(t))
        }) {
            Some(typed) => typed,
            None => table_spend(name).map_or(Entry::Empty, Entry::Value),
        }
    };
    let hint_rows = Signal::derive(move || {
        let l = lang.get();
        let currency = store.read_parts(&[Part::Header], |p| p.header.currency);
        let model = hint_model.get();
        let Some(all) = credits.get() else {
            return Vec::new();
        };
        let m = MODELS.iter().position(|&x| x == model).unwrap_or(3);
        data.journeys.with(|j| {
            let Some(j) = j.as_ref() else {
                return Vec::new();
            };
            let spends: Vec<Option<Fen>> = j
                .channels
                .iter()
                .map(|c| spend_of(c).value().copied())
                .collect();
            let hints = budget_hints(&all[m].value, &all[m].conversions, &spends);
            j.channels
                .iter()
                .zip(hints)
                .enumerate()
                .map(|(c, (name, h))| SummaryRow {
                    name: name.clone(),
                    figures: vec![
                        spends[c].map_or_else(|| NO_VALUE.into(), |s| format_money(s, currency, l)),
                        format_money(Fen(all[m].value[c].round() as i64), currency, l),
                        h.roas
                            .map_or_else(|| NO_VALUE.into(), |r| format!("{r:.2}")),
                        h.cost_per_conversion.map_or_else(
                            || NO_VALUE.into(),
                            |v| format_money(Fen(v.round() as i64), currency, l),
                        ),
                        h.advice
                            .map_or(NO_VALUE, |a| {
                                l.t(match a {
                                    Advice::Increase => Msg::AtIncrease,
                                    Advice::Keep => Msg::AtKeep,
                                    Advice::Decrease => Msg::AtDecrease,
                                })
                            })
                            .to_string(),
                    ],
                    warn: h.advice == Some(Advice::Decrease),
                })
                .collect()
        })
    });

    let spend_inputs = move || {
        let l = lang.get();
        let channels = data
            .journeys
            .with(|j| j.as_ref().map(|j| j.channels.clone()))?;
        let rows = channels
            .into_iter()
            .map(|name| {
                let label = format!("{} {name}", l.t(Msg::AtColSpend));
                let (n1, n2, n3) = (name.clone(), name.clone(), name.clone());
                let n3 = StoredValue::new(n3);
                // The channel table's figure shows as the placeholder: empty input = that.
                let from_table = table_spend(&name).map(|f| f.to_text()).unwrap_or_default();
                let error = move || match n3.with_value(|n| spend_of(n)) {
                    Entry::Invalid(t) => Some(input_error_message(Fen::parse(&t).err()?, lang.get())),
                    _ => None,
                };
                view! {
                    <tr>
                        <th scope="row">{name.clone()}</th>
                        <td>
                            <input type="text" inputmode="decimal" aria-label=label
                                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                                placeholder=from_table
                                prop:value=move || spend.with(|s| s.get(&n1).cloned().unwrap_or_default())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    spend.update(|s| { s.insert(n2.clone(), v); });
                                } />
                            {move || error().map(|e| view! { <span class="field-error">{e}</span> })}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="table-scroll">
                <table class="plain" data-testid="spend-inputs">
                    <caption>{l.t(Msg::AtSpendCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{l.t(Msg::AtColChannel)}</th>
                            <th scope="col">{l.t(Msg::AtColSpend)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };

    view! {
        <section id="attribution" aria-labelledby="attribution-title">
            <h2 id="attribution-title">{lang.t(Msg::AtTitle)}<SampleBadge show=data.showing_sample_journeys() /></h2>
            <p class="hint">{lang.t(Msg::AtImportHint)}</p>
            <SampleTools sample=SampleFile::Touchpoints on_try=move |f| read_file(f, true) test_id="journeys-sample">
                <label class="btn file-btn">
                    {lang.t(Msg::AtChooseJourneys)}
                    <input type="file" accept=".csv,text/csv,text/plain" class="sr-only" on:change=on_file data-testid="journeys-file" />
                </label>
            </SampleTools>
            {reading_view(read.state, lang, "journeys-progress")}
            {summary}
            <p class="hint">{lang.t(Msg::AtModelsHint)}</p>
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <div class="radio-row" role="radiogroup" aria-label=lang.t(Msg::AtShow)>
                        <label class="radio">
                            <input type="radio" name="attribution-metric" prop:checked=move || !by_value.get() on:change=move |_| by_value.set(false) />
                            <span>{lang.t(Msg::AtShowConversions)}</span>
                        </label>
                        <label class="radio">
                            <input type="radio" name="attribution-metric" prop:checked=move || by_value.get() on:change=move |_| by_value.set(true) />
                            <span>{lang.t(Msg::AtShowValue)}</span>
                        </label>
                    </div>
                </fieldset>
            </form>
            <SummaryTable caption=Msg::AtCreditsCaption first=Msg::AtColChannel columns=&MODEL_COLUMNS rows=credit_rows test_id="attribution-credits" />
            {chart}
            <h3>{lang.t(Msg::AtBudgetTitle)}</h3>
            <p class="hint">{lang.t(Msg::AtBudgetHint)}</p>
            {spend_inputs}
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <label>
                        <span>{lang.t(Msg::AtHintModel)}</span>
                        <select on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(3);
                            hint_model.set(MODELS[i.min(4)]);
                        }>
                            {MODELS.iter().enumerate().map(|(i, &m)| view! {
                                <option value=i.to_string() prop:selected=move || hint_model.get() == m>{lang.t(model_name(m))}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </fieldset>
            </form>
            <SummaryTable caption=Msg::AtHintsCaption first=Msg::AtColChannel columns=&HINT_COLUMNS rows=hint_rows test_id="budget-hints" />
        </section>
    }
}
