//! Channel comparison (spec §4.3): what each channel costs and returns, online against
//! offline, with a chart and a budget suggestion explained line by line.

use crate::components::chart::{draw_bars, Bars, ChartCanvas, Series, BLUE, GREEN};
use crate::components::summary_table::{SummaryRow, SummaryTable};
use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::channels::compare::{revenue_share, side_totals, ChannelRow, Side};
use crate::domain::channels::reallocation::{suggest, ChannelFigures, Reason};
use crate::domain::plan::parts::Part;
use crate::domain::plan::Plan;
use crate::domain::scenario::budget::allocate;
use crate::domain::values::measure::{Measure, Unit};
use crate::domain::values::money::Fen;
use crate::i18n::{format_measure, format_money, Lang, Msg, NO_VALUE};
use crate::pages::options::budget_category_options;
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;

table_row!(ChannelRow, name);

const SIDES: &[(&str, Msg)] = &[("online", Msg::SideOnline), ("offline", Msg::SideOffline)];
const SIDE_VALUES: &[Side] = &[Side::Online, Side::Offline];
/// A channel that returns less than its category's average gives up this share.
const STEP_BP: i64 = 2_000;
/// How many moves a category lists before the rest fold away: with hundreds of channels a
/// planner reads the largest moves first, and the others, written out only on demand, cost
/// a keystroke nothing.
const MOVES_SHOWN: usize = 8;

/// A category's suggestion: its heading, the moves written out, and how many are folded.
type CategoryAdvice = (String, Vec<String>, usize);

fn pct(v: Option<Measure>, lang: Lang) -> String {
    v.map_or(NO_VALUE.into(), |v| {
        format_measure(v, Unit::Percent, Default::default(), lang)
    })
}

fn times(v: Option<Measure>) -> String {
    v.map_or(NO_VALUE.into(), |v| {
        format!("{}.{:02}", v.0 / 100, (v.0 % 100).abs())
    })
}

pub(crate) fn columns() -> Vec<Column<ChannelRow>> {
    type C = Column<ChannelRow>;
    vec![
        C::text(Msg::ColChannel, |r| &r.name, |r| &mut r.name),
        C::choice(
            Msg::ColSide,
            SIDES,
            SIDE_VALUES,
            |r| r.side,
            |r, v| r.side = v,
        ),
        C::choice_from_plan(
            Msg::ColBudgetCategory,
            &[Part::BudgetLines],
            budget_category_options,
            |r| r.budget_category.clone(),
            |r, key| r.budget_category = key.to_string(),
        ),
        C::entry(
            Msg::ColSpend,
            ColumnKind::Money,
            |r| &r.spend,
            |r| &mut r.spend,
        )
        .with_error(|r| ChannelRow::money_error(&r.spend)),
        C::entry(
            Msg::ColReach,
            ColumnKind::Integer,
            |r| &r.reach,
            |r| &mut r.reach,
        ),
        C::entry(
            Msg::ColNewCustomers,
            ColumnKind::Integer,
            |r| &r.new_customers,
            |r| &mut r.new_customers,
        ),
        C::entry(
            Msg::ColOrders,
            ColumnKind::Integer,
            |r| &r.orders,
            |r| &mut r.orders,
        ),
        C::entry(
            Msg::ColRevenue,
            ColumnKind::Money,
            |r| &r.revenue,
            |r| &mut r.revenue,
        )
        .with_error(|r| ChannelRow::money_error(&r.revenue)),
        C::derived(Msg::ColConversionRate, |r, ctx| {
            pct(r.conversion_rate(), ctx.lang)
        }),
        C::derived(Msg::ColCac, |r, ctx| {
            r.cac()
                .map_or(NO_VALUE.into(), |f| format_money(f, ctx.currency, ctx.lang))
        }),
        C::derived(Msg::ColRoi, |r, ctx| pct(r.roi(), ctx.lang)),
        C::derived(Msg::ColRoas, |r, _| times(r.roas())),
        C::derived_from_plan(Msg::ColRevenueShare, &[Part::Channels], |r, p, ctx| {
            pct(revenue_share(&p.kpi.channels, r), ctx.lang)
        }),
    ]
}

/// The split's amount per category, for the suggestion's budgets.
fn category_budgets(plan: &Plan) -> Vec<(String, Fen)> {
    let Some(total) = plan.budget.total() else {
        return Vec::new();
    };
    let shares: Vec<Option<i64>> = plan.budget_lines.iter().map(|l| l.share()).collect();
    let allocation = allocate(total, &shares);
    plan.budget_lines
        .iter()
        .zip(allocation.amounts)
        .filter_map(|(l, a)| Some((l.category.clone(), a?)))
        .collect()
}

/// The suggestion as sentences, one per channel whose spend changes, per category. Unless
/// `all`, a category with more than [`MOVES_SHOWN`] moves writes out only its largest
/// (by amount moved, largest first) and counts the rest.
fn suggestion_lines(plan: &Plan, lang: Lang, all: bool) -> Vec<CategoryAdvice> {
    let rows = &plan.kpi.channels;
    let figures: Vec<ChannelFigures> = rows
        .iter()
        .filter_map(|r| {
            Some(ChannelFigures {
                id: r.id,
                category: r.budget_category.clone(),
                spend: r.spend()?,
                revenue: r.revenue()?,
            })
        })
        .collect();
    let money = |f: Fen| format_money(f, plan.header.currency, lang);
    // Each suggested move names its channel: found by id, not by a search per move.
    let by_id: std::collections::HashMap<_, _> = rows.iter().map(|r| (r.id, r)).collect();
    suggest(&figures, &category_budgets(plan), STEP_BP)
        .into_iter()
        .map(|cat| {
            let name = if cat.category.is_empty() {
                lang.t(Msg::NotLinked).to_string()
            } else {
                cat.category.clone()
            };
            let average = times(cat.average_roas.map(Measure));
            let budget_note = if cat.from_split {
                Msg::SuggestBudgetFromSplit
            } else {
                Msg::SuggestBudgetIsSpend
            };
            let heading = lang
                .t(Msg::SuggestCategory)
                .replace("{category}", &name)
                .replace("{budget}", &money(cat.budget))
                .replace("{note}", lang.t(budget_note))
                .replace("{current}", &money(cat.current))
                .replace("{suggested}", &money(cat.suggested))
                .replace("{average}", &average);
            let mut moves: Vec<_> = cat
                .moves
                .iter()
                .filter(|m| m.suggested != m.current)
                .collect();
            let folded = if all || moves.len() <= MOVES_SHOWN {
                0
            } else {
                // Largest first; equal amounts keep the table's order (a stable sort).
                moves.sort_by_key(|m| std::cmp::Reverse((m.suggested.0 - m.current.0).abs()));
                let folded = moves.len() - MOVES_SHOWN;
                moves.truncate(MOVES_SHOWN);
                folded
            };
            let lines = moves
                .into_iter()
                .map(|m| {
                    let row = by_id.get(&m.id);
                    let channel = row.map_or(String::new(), |r| r.name.clone());
                    let roas = times(row.and_then(|r| r.roas()));
                    let template = match m.reason {
                        Reason::OverBudget => Msg::SuggestOverBudget,
                        Reason::BelowAverage => Msg::SuggestBelowAverage,
                        Reason::AboveAverage => Msg::SuggestAboveAverage,
                        Reason::Unchanged | Reason::NoSpend => Msg::SuggestUnchanged,
                    };
                    let delta = Fen(m.suggested.0 - m.current.0);
                    let sign = if delta.0 > 0 { "+" } else { "-" };
                    lang.t(template)
                        .replace("{channel}", &channel)
                        .replace("{from}", &money(m.current))
                        .replace("{to}", &money(m.suggested))
                        .replace("{delta}", &format!("{sign}{}", money(Fen(delta.0.abs()))))
                        .replace("{roas}", &roas)
                        .replace("{average}", &average)
                })
                .collect();
            (heading, lines, folded)
        })
        .collect()
}

pub(crate) fn channel_source() -> TableSource<ChannelRow> {
    TableSource {
        key: "channels",
        part: Part::Channels,
        rows: |p| &p.kpi.channels,
        rows_mut: |p| &mut p.kpi.channels,
        new_row: |id, lang| ChannelRow {
            name: lang.t(Msg::NewChannel).into(),
            ..ChannelRow::new(id)
        },
    }
}

#[component]
pub fn ChannelCompareSection() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let source = channel_source();
    let sides = Signal::derive(move || {
        let lang = lang.get();
        store.read_parts(&[Part::Header, Part::Channels], |p| {
            let currency = p.header.currency;
            [
                (Side::Online, Msg::SideOnline),
                (Side::Offline, Msg::SideOffline),
            ]
            .into_iter()
            .map(|(side, name)| {
                let t = side_totals(&p.kpi.channels, side);
                SummaryRow {
                    name: lang.t(name).to_string(),
                    figures: vec![
                        format_money(t.spend, currency, lang),
                        t.new_customers.to_string(),
                        format_money(t.revenue, currency, lang),
                        t.cac()
                            .map_or(NO_VALUE.into(), |f| format_money(f, currency, lang)),
                        times(t.roas()),
                    ],
                    warn: false,
                }
            })
            .collect::<Vec<_>>()
        })
    });
    // Every move written out, once the planner asks for them.
    let show_all = RwSignal::new(false);
    let suggestion = Memo::new(move |_| {
        let all = show_all.get();
        store.read_parts(
            &[
                Part::Channels,
                Part::Budget,
                Part::BudgetLines,
                Part::Header,
            ],
            |p| suggestion_lines(p, lang.get(), all),
        )
    });
    let bars = Memo::new(move |_| {
        store.read_parts(&[Part::Channels], |p| {
            let rows = &p.kpi.channels;
            let yuan = |f: Option<Fen>| f.map_or(0.0, |f| f.0 as f64 / 100.0);
            (
                rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
                rows.iter().map(|r| yuan(r.spend())).collect::<Vec<_>>(),
                rows.iter().map(|r| yuan(r.revenue())).collect::<Vec<_>>(),
                rows.iter()
                    .map(|r| r.roi().is_some_and(|m| m.0 < 0))
                    .collect::<Vec<_>>(),
            )
        })
    });
    let draw = move |area: &crate::components::chart::Area, scale: f64| {
        let lang = lang.get();
        let (names, spend, revenue, losing) = bars.get();
        let n = names.len();
        draw_bars(
            area,
            scale,
            &Bars {
                categories: names,
                series: vec![
                    Series {
                        name: lang.t(Msg::ColSpend).into(),
                        color: BLUE,
                        values: spend,
                        warn: vec![false; n],
                    },
                    Series {
                        name: lang.t(Msg::ColRevenue).into(),
                        color: GREEN,
                        values: revenue,
                        warn: losing,
                    },
                ],
                axis_label: |v| format!("¥{:.0}万", v / 10_000.0),
            },
        );
    };
    let label = Signal::derive(move || lang.get().t(Msg::ChannelChartLabel).to_string());
    view! {
        <section class="section" id="channel-compare" aria-labelledby="channel-compare-title">
            <h2 id="channel-compare-title">{lang.t(Msg::ChannelCompareTitle)}</h2>
            <p class="hint">{lang.t(Msg::ChannelCompareHint)}</p>
            <EditableTable caption=Msg::ChannelCompareTitle source columns=columns() add_label=Msg::AddChannel />
            <SummaryTable caption=Msg::SideTotalsTitle first=Msg::ColSide columns=&[Msg::ColSpend, Msg::ColNewCustomers, Msg::ColRevenue, Msg::ColCac, Msg::ColRoas] rows=sides test_id="side-totals" />
            <ChartCanvas label height=300u32 draw test_id="channel-chart" min_width=640 />
            <h3>{lang.t(Msg::SuggestionTitle)}</h3>
            <p class="hint">{lang.t(Msg::SuggestionHint)}</p>
            <div data-testid="reallocation">
                {move || suggestion.get().into_iter().map(|(heading, lines, folded)| view! {
                    <div class="suggestion">
                        <p><strong>{heading}</strong></p>
                        {if lines.is_empty() {
                            view! { <p class="hint">{lang.get().t(Msg::SuggestNothing)}</p> }.into_any()
                        } else {
                            view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
                        }}
                        {(folded > 0).then(|| view! {
                            <p class="hint">
                                {lang.get().t(Msg::SuggestFolded).replace("{shown}", &MOVES_SHOWN.to_string()).replace("{n}", &folded.to_string())} " "
                                <button type="button" class="btn btn-link" data-testid="suggestion-show-all" on:click=move |_| show_all.set(true)>
                                    {lang.get().t(Msg::SuggestShowAll)}
                                </button>
                            </p>
                        })}
                    </div>
                }).collect_view()}
            </div>
        </section>
    }
}
