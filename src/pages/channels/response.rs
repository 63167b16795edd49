//! 投放响应曲线 (issue 27): the channels with their monthly budgets and limits, the channel
//! × month history, and per channel its fitted curve (chart, marginal ROI, P10–P90) or
//! why there is none. The fitted model is computed once here and handed to the
//! optimiser and the scenarios (`optimiser.rs`).

use crate::components::chart::{draw_response, ChartCanvas, ResponseChart};
use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::channels::compare::Side;
use crate::domain::channels::response::fit::NoCurve;
use crate::domain::channels::response::history::SpendMonth;
use crate::domain::channels::response::model::{build_default, ChannelModel, Model};
use crate::domain::channels::response::MixChannel;
use crate::domain::plan::parts::Part;
use crate::domain::values::money::{Currency, Fen};
use crate::i18n::{format_money, Lang, Msg};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use std::sync::Arc;

table_row!(MixChannel, name);
table_row!(SpendMonth, |r| format!("{} {}", r.channel, r.month.text()));

const SIDES: &[(&str, Msg)] = &[("online", Msg::SideOnline), ("offline", Msg::SideOffline)];
const SIDE_VALUES: &[Side] = &[Side::Online, Side::Offline];

/// Fen held as f64 by the model, shown as money.
pub(crate) fn money_f(v: f64, currency: Currency, lang: Lang) -> String {
    format_money(Fen(v.round() as i64), currency, lang)
}

/// A ratio such as a marginal ROI or a ROAS: "2.35".
pub(crate) fn ratio_text(v: f64) -> String {
    format!("{v:.2}")
}

fn channel_columns() -> Vec<Column<MixChannel>> {
    type C = Column<MixChannel>;
    let money = |msg, get: fn(&MixChannel) -> &_, set: fn(&mut MixChannel) -> &mut _| {
        C::entry(msg, ColumnKind::Money, get, set)
            .with_error(move |r: &MixChannel| MixChannel::money_error(get(r)))
    };
    vec![
        C::text(Msg::ColChannel, |r| &r.name, |r| &mut r.name),
        C::choice(
            Msg::ColSide,
            SIDES,
            SIDE_VALUES,
            |r| r.side,
            |r, v| r.side = v,
        ),
        money(Msg::ColMonthlyBudget, |r| &r.budget, |r| &mut r.budget),
        money(Msg::ColMinSpend, |r| &r.min, |r| &mut r.min),
        money(Msg::ColMaxSpend, |r| &r.max, |r| &mut r.max),
    ]
}

fn history_columns() -> Vec<Column<SpendMonth>> {
    type C = Column<SpendMonth>;
    vec![
        C::text(Msg::ColChannel, |r| &r.channel, |r| &mut r.channel),
        C::entry(
            Msg::ColMonth,
            ColumnKind::Text,
            |r| &r.month,
            |r| &mut r.month,
        ),
        C::entry(
            Msg::ColSpend,
            ColumnKind::Money,
            |r| &r.spend,
            |r| &mut r.spend,
        )
        .with_error(|r| SpendMonth::money_error(&r.spend)),
        C::entry(
            Msg::ColRevenue,
            ColumnKind::Money,
            |r| &r.revenue,
            |r| &mut r.revenue,
        )
        .with_error(|r| SpendMonth::money_error(&r.revenue)),
        C::entry(
            Msg::ColNewCustomers,
            ColumnKind::Integer,
            |r| &r.new_customers,
            |r| &mut r.new_customers,
        ),
    ]
}

fn channel_source() -> TableSource<MixChannel> {
    TableSource {
        key: "mix-channels",
        part: Part::MixChannels,
        rows: |p| &p.mix.channels,
        rows_mut: |p| &mut p.mix.channels,
        new_row: |id, lang| MixChannel {
            name: lang.t(Msg::NewChannel).into(),
            ..MixChannel::new(id)
        },
    }
}

fn history_source() -> TableSource<SpendMonth> {
    TableSource {
        key: "mix-history",
        part: Part::MixHistory,
        rows: |p| &p.mix.history,
        rows_mut: |p| &mut p.mix.history,
        new_row: |id, _| SpendMonth::new(id),
    }
}

/// What a channel's card says: its fit in words, or why there is none.
fn status(c: &ChannelModel, currency: Currency, lang: Lang) -> String {
    match &c.revenue {
        Ok(f) => {
            let money = |v: f64| money_f(v, currency, lang);
            let today = c.today.map_or(0.0, |t| t.0 as f64);
            let (p10, p90) = f.band(today).unwrap_or((f64::NAN, f64::NAN));
            lang.t(Msg::CurveFitted)
                .replace("{months}", &c.months.to_string())
                .replace("{theta}", &format!("{:.2}", f.fit.theta))
                .replace("{today}", &money(today))
                .replace("{outcome}", &money(f.fit.curve.value(today)))
                .replace("{p10}", &money(p10))
                .replace("{p90}", &money(p90))
                .replace("{marginal}", &ratio_text(f.fit.curve.marginal(today)))
        }
        Err(NoCurve::TooFewMonths(n)) => lang
            .t(Msg::CurveTooFewMonths)
            .replace("{n}", &n.to_string()),
        Err(NoCurve::FlatSpend(cv)) => lang
            .t(Msg::CurveFlatSpend)
            .replace("{cv}", &format!("{:.1}%", cv * 100.0)),
        Err(NoCurve::NoFit) => lang.t(Msg::CurveNoFit).to_string(),
    }
}

/// The chart's data in yuan: the curve and band from 0 to 1.5 × the largest spend seen.
fn chart_data(c: &ChannelModel, lang: Lang) -> Option<ResponseChart> {
    let f = c.revenue.as_ref().ok()?;
    let today = c.today.map(|t| t.0 as f64);
    let top = f
        .fit
        .points
        .iter()
        .map(|p| p.0)
        .chain(today)
        .fold(1.0, f64::max)
        * 1.5;
    let yuan = |v: f64| v / 100.0;
    let curve = (0..=40)
        .map(|i| {
            let x = top * f64::from(i) / 40.0;
            let (p10, p90) = f
                .band(x)
                .unwrap_or((f.fit.curve.value(x), f.fit.curve.value(x)));
            (yuan(x), yuan(f.fit.curve.value(x)), yuan(p10), yuan(p90))
        })
        .collect();
    Some(ResponseChart {
        curve,
        points: f
            .fit
            .points
            .iter()
            .map(|&(a, y)| (yuan(a), yuan(y)))
            .collect(),
        today: today.map(|x| (yuan(x), yuan(f.fit.curve.value(x)))),
        legend: [
            Msg::LegendCurve,
            Msg::LegendBand,
            Msg::LegendMonths,
            Msg::LegendTodaySpend,
        ]
        .map(|m| lang.t(m).to_string()),
    })
}

#[component]
fn CurveCard(model: Memo<Arc<Model>>, name: String) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let key = name.clone();
    let channel =
        Memo::new(move |_| model.with(|m| m.channels.iter().find(|c| c.name == key).cloned()));
    let text = move || {
        let currency = store.read_parts(&[Part::Header], |p| p.header.currency);
        channel.with(|c| c.as_ref().map(|c| status(c, currency, lang.get())))
    };
    let chart = Memo::new(move |_| {
        let lang = lang.get();
        channel.with(|c| c.as_ref().and_then(|c| chart_data(c, lang)))
    });
    let fitted = Memo::new(move |_| chart.with(Option::is_some));
    let title = name.clone();
    let label = Signal::derive(move || {
        lang.get()
            .t(Msg::CurveChartLabel)
            .replace("{channel}", &title)
    });
    let draw = move |area: &crate::components::chart::Area, scale: f64| {
        if let Some(data) = chart.get() {
            draw_response(area, scale, &data);
        }
    };
    let slug = name.clone();
    view! {
        <div class="curve-card" data-channel=slug>
            <h3>{name}</h3>
            <p class="curve-status" data-testid="curve-status" class:warn=move || !fitted.get()>{text}</p>
            <div class="curve-chart" style:display=move || if fitted.get() { "block" } else { "none" }>
                <ChartCanvas label height=260u32 draw test_id="response-chart" />
            </div>
        </div>
    }
}

#[component]
pub fn ResponseSection() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let model = Memo::new(move |_| {
        store.read_parts(&[Part::MixChannels, Part::MixHistory], |p| {
            Arc::new(build_default(&p.mix))
        })
    });
    let names = Memo::new(move |_| {
        model.with(|m| {
            m.channels
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="section" id="response" aria-labelledby="response-title">
            <h2 id="response-title">{lang.t(Msg::ResponseTitle)}</h2>
            <p class="hint">{lang.t(Msg::ResponseHint)}</p>
            <EditableTable caption=Msg::MixChannelsTitle source=channel_source() columns=channel_columns() add_label=Msg::AddChannel />
            <EditableTable caption=Msg::MixHistoryTitle source=history_source() columns=history_columns() add_label=Msg::AddMixMonth />
            <div class="curve-grid" data-testid="curves">
                <For each=move || names.get() key=|n| n.clone() let:name>
                    <CurveCard model name />
                </For>
            </div>
        </section>
        <super::optimiser::OptimiserSection model />
    }
}
