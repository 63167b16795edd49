//! 预算优化 and 方案对比 (issue 27): the optimiser's form (monthly total, target revenue,
//! target ROAS; limits are the channel table's), the optimal allocation explained line
//! by line, the inverse targets, and the scenarios side by side with their ranges; any
//! scenario is written into the channels' monthly budgets as one undo step.

use super::response::{money_f, ratio_text};
use crate::components::field::EntryField;
use crate::components::summary_table::{SummaryRow, SummaryTable};
use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::channels::response::advice::{
    advise, default_total, for_target_outcome, for_target_roas, Why,
};
use crate::domain::channels::response::model::Model;
use crate::domain::channels::response::optimiser::Infeasible;
use crate::domain::channels::response::scenarios::{judge, named, Judged, Ranged, ScenarioSpend};
use crate::domain::plan::parts::Part;
use crate::domain::plan::Plan;
use crate::domain::values::money::{Currency, Fen};
use crate::i18n::{format_money, Lang, Msg, NO_VALUE};
use crate::state::{use_lang, use_plan};
use leptos::prelude::*;
use std::sync::Arc;

table_row!(ScenarioSpend, |r| format!("{} {}", r.scenario, r.channel));

fn scenario_columns() -> Vec<Column<ScenarioSpend>> {
    type C = Column<ScenarioSpend>;
    vec![
        C::text(Msg::ColMixScenario, |r| &r.scenario, |r| &mut r.scenario),
        C::text(Msg::ColChannel, |r| &r.channel, |r| &mut r.channel),
        C::entry(
            Msg::ColMonthlyBudget,
            ColumnKind::Money,
            |r| &r.spend,
            |r| &mut r.spend,
        )
        .with_error(|r| {
            crate::domain::channels::response::history::SpendMonth::money_error(&r.spend)
        }),
    ]
}

fn scenario_source() -> TableSource<ScenarioSpend> {
    TableSource {
        key: "mix-scenarios",
        part: Part::MixScenarios,
        rows: |p| &p.mix.scenarios,
        rows_mut: |p| &mut p.mix.scenarios,
        new_row: |id, lang| ScenarioSpend {
            scenario: lang.t(Msg::NewMixScenario).into(),
            ..ScenarioSpend::new(id)
        },
    }
}

/// The categories the channel comparison draws on, with their amounts in the split.
fn category_amounts(plan: &Plan) -> (Vec<String>, Vec<Fen>) {
    let mut names: Vec<String> = Vec::new();
    for c in plan.kpi.channels.iter() {
        let name = c.budget_category.trim();
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    let Some(allocation) = plan.budget_allocation() else {
        return (names, Vec::new());
    };
    let amounts = plan
        .budget_lines
        .iter()
        .zip(allocation.amounts)
        .filter(|(l, _)| names.iter().any(|n| n == l.category.trim()))
        .filter_map(|(_, a)| a)
        .collect();
    (names, amounts)
}

/// What the optimiser's form reads from the plan.
#[derive(Debug, Clone, PartialEq)]
struct Form {
    total: Option<Fen>,
    default: Option<Fen>,
    categories: Vec<String>,
    months: u64,
    target_revenue: Option<Fen>,
    target_roas: Option<f64>,
    currency: Currency,
}

fn form(p: &Plan) -> Form {
    let (categories, amounts) = category_amounts(p);
    let months = p.horizon_months.value().copied().unwrap_or(12);
    let s = &p.mix.settings;
    Form {
        total: s.total.value().copied().filter(|f| f.0 >= 0),
        default: default_total(&amounts, months),
        categories,
        months,
        target_revenue: s.target_revenue.value().copied().filter(|f| f.0 > 0),
        target_roas: s
            .target_roas
            .value()
            .map(|m| m.0 as f64 / 100.0)
            .filter(|&r| r > 0.0),
        currency: p.header.currency,
    }
}

fn ranged(r: Option<Ranged>, text: impl Fn(f64) -> String) -> String {
    r.map_or(NO_VALUE.into(), |r| {
        format!("{} ({}–{})", text(r.value), text(r.p10), text(r.p90))
    })
}

fn infeasible_text(e: Infeasible, model: &Model, currency: Currency, lang: Lang) -> String {
    match e {
        Infeasible::BelowMinimums(f) => lang
            .t(Msg::InfeasibleBelow)
            .replace("{amount}", &format_money(f, currency, lang)),
        Infeasible::AboveMaximums(f) => lang
            .t(Msg::InfeasibleAbove)
            .replace("{amount}", &format_money(f, currency, lang)),
        Infeasible::LimitsCross(i) => {
            // `i` counts the channels with a curve.
            let name = model
                .channels
                .iter()
                .filter(|c| c.revenue.is_ok())
                .nth(i)
                .map_or(String::new(), |c| c.name.clone());
            lang.t(Msg::InfeasibleCross).replace("{channel}", &name)
        }
    }
}

fn why_text(
    line: &crate::domain::channels::response::advice::Line,
    lambda: f64,
    lang: Lang,
) -> String {
    let m = line.marginal_today.map_or(NO_VALUE.into(), ratio_text);
    let msg = match line.why {
        Why::Gains => Msg::WhyGains,
        Why::Loses => Msg::WhyLoses,
        Why::AtLimit => Msg::WhyAtLimit,
        Why::Same => Msg::WhySame,
        Why::NoCurve => Msg::WhyNoCurve,
    };
    lang.t(msg)
        .replace("{m}", &m)
        .replace("{lambda}", &ratio_text(lambda))
}

/// One column of the side-by-side table.
#[derive(Debug, Clone, PartialEq)]
struct Column3 {
    name: String,
    judged: Judged,
    /// The spend to write into the budgets (per channel of the model).
    writable: bool,
    unknown: Vec<String>,
}

#[component]
pub fn OptimiserSection(model: Memo<Arc<Model>>) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let form = Memo::new(move |_| {
        store.read_parts(
            &[
                Part::MixSettings,
                Part::Budget,
                Part::BudgetLines,
                Part::Channels,
                Part::Horizon,
                Part::Header,
            ],
            form,
        )
    });
    let advice = Memo::new(move |_| {
        let f = form.get();
        model.with(|m| {
            if m.channels.iter().all(|c| c.revenue.is_err()) {
                return None;
            }
            let total =
                f.total
                    .or(f.default)
                    .unwrap_or(Fen(m.today().iter().flatten().map(|f| f.0).sum()));
            Some(advise(m, total).map_err(|e| (e, total)))
        })
    });
    let summary = move || {
        let lang = lang.get();
        let f = form.get();
        let money = |v: f64| money_f(v, f.currency, lang);
        match advice.get() {
            None => lang.t(Msg::NoCurvesYet).to_string(),
            Some(Err((e, _))) => model.with(|m| infeasible_text(e, m, f.currency, lang)),
            Some(Ok(a)) => {
                let o = a.optimal.outcome;
                lang.t(Msg::OptimiserSummary)
                    .replace("{total}", &format_money(a.total, f.currency, lang))
                    .replace("{outcome}", &o.map_or(NO_VALUE.into(), |o| money(o.value)))
                    .replace("{p10}", &o.map_or(NO_VALUE.into(), |o| money(o.p10)))
                    .replace("{p90}", &o.map_or(NO_VALUE.into(), |o| money(o.p90)))
                    .replace(
                        "{today}",
                        &a.today.outcome.map_or(NO_VALUE.into(), |o| money(o.value)),
                    )
                    .replace("{lambda}", &ratio_text(a.lambda))
            }
        }
    };
    let default_note = move || {
        let lang = lang.get();
        let f = form.get();
        lang.t(Msg::MixTotalDefault)
            .replace("{categories}", &f.categories.join(" + "))
            .replace("{months}", &f.months.to_string())
            .replace(
                "{total}",
                &f.default
                    .map_or(NO_VALUE.into(), |d| format_money(d, f.currency, lang)),
            )
    };
    let lines = Signal::derive(move || {
        let lang = lang.get();
        let currency = form.with(|f| f.currency);
        let Some(Ok(a)) = advice.get() else {
            return Vec::new();
        };
        let money = |f: Fen| format_money(f, currency, lang);
        a.lines
            .iter()
            .map(|l| {
                let today = l.today.unwrap_or(Fen(0));
                let delta = l.optimal.0 - today.0;
                let sign = if delta > 0 {
                    "+"
                } else if delta < 0 {
                    "-"
                } else {
                    ""
                };
                SummaryRow {
                    name: l.channel.clone(),
                    figures: vec![
                        l.today.map_or(NO_VALUE.into(), money),
                        money(l.optimal),
                        format!("{sign}{}", money(Fen(delta.abs()))),
                        l.marginal_today.map_or(NO_VALUE.into(), ratio_text),
                        why_text(l, a.lambda, lang),
                    ],
                    warn: false,
                }
            })
            .collect::<Vec<_>>()
    });
    let total_row = Signal::derive(move || {
        let lang = lang.get();
        let currency = form.with(|f| f.currency);
        let money = |f: Fen| format_money(f, currency, lang);
        let (today, optimal) = match advice.get() {
            Some(Ok(a)) => (a.today.total, a.optimal.total),
            _ => (Fen(0), Fen(0)),
        };
        SummaryRow {
            name: lang.t(Msg::RowMonthlyTotal).to_string(),
            figures: vec![
                money(today),
                money(optimal),
                String::new(),
                String::new(),
                String::new(),
            ],
            warn: false,
        }
    });
    let targets = move || {
        let lang = lang.get();
        let f = form.get();
        let money = |v: f64| money_f(v, f.currency, lang);
        // Without maximums the search stops at ten times the total.
        let cap = Fen(f
            .total
            .or(f.default)
            .map_or(100_000_000, |t| t.0.saturating_mul(10).max(100)));
        let mut out = Vec::new();
        model.with(|m| {
            if m.channels.iter().all(|c| c.revenue.is_err()) {
                return;
            }
            if let Some(target) = f.target_revenue {
                let t = format_money(target, f.currency, lang);
                out.push(match for_target_outcome(m, target, cap) {
                    Some(a) => lang
                        .t(Msg::TargetRevenueResult)
                        .replace("{target}", &t)
                        .replace("{total}", &format_money(a.total, f.currency, lang))
                        .replace(
                            "{outcome}",
                            &a.optimal
                                .outcome
                                .map_or(NO_VALUE.into(), |o| money(o.value)),
                        ),
                    None => lang
                        .t(Msg::TargetRevenueUnreachable)
                        .replace("{target}", &t),
                });
            }
            if let Some(target) = f.target_roas {
                let t = ratio_text(target);
                out.push(match for_target_roas(m, target, cap) {
                    Some(a) => lang
                        .t(Msg::TargetRoasResult)
                        .replace("{target}", &t)
                        .replace("{total}", &format_money(a.total, f.currency, lang))
                        .replace(
                            "{outcome}",
                            &a.optimal
                                .outcome
                                .map_or(NO_VALUE.into(), |o| money(o.value)),
                        )
                        .replace(
                            "{roas}",
                            &a.optimal
                                .roas
                                .map_or(NO_VALUE.into(), |r| ratio_text(r.value)),
                        ),
                    None => lang.t(Msg::TargetRoasUnreachable).replace("{target}", &t),
                });
            }
        });
        out.into_iter()
            .map(|t| view! { <li>{t}</li> })
            .collect_view()
    };

    // Scenarios side by side.
    let columns = Memo::new(move |_| {
        let lang = lang.get();
        let rows = store.read_parts(&[Part::MixScenarios], |p| p.mix.scenarios.clone());
        let optimal = advice.get().and_then(Result::ok).map(|a| a.optimal);
        model.with(|m| {
            let mut out = vec![Column3 {
                name: lang.t(Msg::ScenarioToday).to_string(),
                judged: judge(m, &m.today()),
                writable: false,
                unknown: Vec::new(),
            }];
            if let Some(o) = optimal {
                out.push(Column3 {
                    name: lang.t(Msg::ScenarioOptimal).to_string(),
                    judged: o,
                    writable: true,
                    unknown: Vec::new(),
                });
            }
            for (name, spend, unknown) in named(&rows, m) {
                out.push(Column3 {
                    name,
                    judged: judge(m, &spend),
                    writable: true,
                    unknown,
                });
            }
            out
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
    let write = move |i: usize| {
        let Some(col) = columns.with_untracked(|c| c.get(i).cloned()) else {
            return;
        };
        let names = names.get_untracked();
        // One edit: every channel's budget at once, so one undo restores them all.
        store.edit(None, move |p| {
            for ch in p.mix.channels.iter_mut() {
                let Some(k) = names.iter().position(|n| n == ch.name.trim()) else {
                    continue;
                };
                if let Some(Some(spend)) = col.judged.spend.get(k) {
                    if ch.budget.value() != Some(spend) {
                        Arc::make_mut(ch).budget =
                            crate::domain::values::entry::Entry::Value(*spend);
                    }
                }
            }
        });
    };
    let side_by_side = move || {
        let lang = lang.get();
        let currency = store.read_parts(&[Part::Header], |p| p.header.currency);
        let money = |v: f64| money_f(v, currency, lang);
        let cols = columns.get();
        let names = names.get();
        let head = cols
            .iter()
            .map(|c| view! { <th scope="col" class="num">{c.name.clone()}</th> })
            .collect_view();
        let channel_rows = names
            .iter()
            .enumerate()
            .map(|(k, n)| {
                let cells = cols
                    .iter()
                    .map(|c| {
                        let v = c.judged.spend.get(k).copied().flatten();
                        view! { <td class="num">{v.map_or(NO_VALUE.into(), |f| format_money(f, currency, lang))}</td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{n.clone()}</th>{cells}</tr> }
            })
            .collect_view();
        let figure = |label: Msg, f: &dyn Fn(&Judged) -> String| {
            let cells = cols
                .iter()
                .map(|c| view! { <td class="num">{f(&c.judged)}</td> })
                .collect_view();
            view! { <tr class="figure-row"><th scope="row">{lang.t(label)}</th>{cells}</tr> }
        };
        let buttons = cols
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let name = c.name.clone();
                let aria = format!("{} {}", lang.t(Msg::WriteToBudget), name);
                view! {
                    <td>{c.writable.then(|| view! {
                        <button type="button" class="secondary" aria-label=aria on:click=move |_| write(i)>{lang.t(Msg::WriteToBudget)}</button>
                    })}</td>
                }
            })
            .collect_view();
        let unknown = cols
            .iter()
            .filter(|c| !c.unknown.is_empty())
            .map(|c| {
                let text = lang
                    .t(Msg::ScenarioUnknownChannels)
                    .replace("{scenario}", &c.name)
                    .replace("{names}", &c.unknown.join("、"));
                view! { <p class="warn">{text}</p> }
            })
            .collect_view();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.t(Msg::MixScenariosTitle)>
                <table class="summary" data-testid="scenario-compare">
                    <caption>{lang.t(Msg::MixScenariosTitle)}</caption>
                    <thead><tr><th scope="col">{lang.t(Msg::ColChannel)}</th>{head}</tr></thead>
                    <tbody>
                        {channel_rows}
                        {figure(Msg::RowMonthlyTotal, &|j| format_money(j.total, currency, lang))}
                        {figure(Msg::RowPredicted, &|j| ranged(j.outcome, money))}
                        {figure(Msg::ColRoas, &|j| ranged(j.roas, ratio_text))}
                        {figure(Msg::ColCac, &|j| ranged(j.cac, money))}
                        <tr><th scope="row"></th>{buttons}</tr>
                    </tbody>
                </table>
            </div>
            {unknown}
        }
    };

    view! {
        <section class="section" id="budget-optimiser" aria-labelledby="budget-optimiser-title">
            <h2 id="budget-optimiser-title">{lang.t(Msg::OptimiserTitle)}</h2>
            <p class="hint">{lang.t(Msg::OptimiserHint)}</p>
            <div class="form-row">
                <EntryField id="mix-total" part=Part::MixSettings label=Msg::FieldMixTotal unit=crate::domain::values::measure::Unit::Money get=|p| &p.mix.settings.total get_mut=|p| &mut p.mix.settings.total />
                <EntryField id="mix-target-revenue" part=Part::MixSettings label=Msg::FieldTargetRevenue unit=crate::domain::values::measure::Unit::Money get=|p| &p.mix.settings.target_revenue get_mut=|p| &mut p.mix.settings.target_revenue />
                <EntryField id="mix-target-roas" part=Part::MixSettings label=Msg::FieldTargetRoas get=|p| &p.mix.settings.target_roas get_mut=|p| &mut p.mix.settings.target_roas />
            </div>
            <p class="hint" data-testid="mix-default-total">{default_note}</p>
            <p data-testid="optimiser-summary">{summary}</p>
            <SummaryTable caption=Msg::OptimalSplitTitle first=Msg::ColChannel columns=&[Msg::ColToday, Msg::ColOptimal, Msg::ColSpendChange, Msg::ColMarginalToday, Msg::ColWhy] rows=lines total=total_row test_id="optimal-split" />
            <ul data-testid="optimiser-targets">{targets}</ul>
        </section>
        <section class="section" id="mix-scenarios" aria-labelledby="mix-scenarios-title">
            <h2 id="mix-scenarios-title">{lang.t(Msg::MixScenariosTitle)}</h2>
            <p class="hint">{lang.t(Msg::MixScenariosHint)}</p>
            <EditableTable caption=Msg::MixScenariosTitle source=scenario_source() columns=scenario_columns() add_label=Msg::AddMixMonth />
            {side_by_side}
        </section>
    }
}
