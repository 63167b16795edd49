//! The budget (spec §1.4): the total, its split by category share into exact fen, the
//! scenarios' cost lines rolled up against it, and a chart of allocated vs committed.

use crate::components::chart::{draw_bars, Bars, ChartCanvas, Series, BLUE, GREEN};
use crate::components::field::EntryField;
use crate::components::table::{table_row, Column, ColumnKind, EditableTable, TableSource};
use crate::domain::plan::parts::Part;
use crate::domain::plan::Plan;
use crate::domain::scenario::budget::{
    Allocation, BudgetLine, CategoryUse, CostLine, TotalSource, WHOLE,
};
use crate::domain::values::ids::RowId;
use crate::domain::values::measure::Measure;
use crate::domain::values::measure::Unit;
use crate::domain::values::money::{Currency, Fen};
use crate::i18n::{format_measure, format_money, Lang, Msg, NO_VALUE};
use crate::state::{use_lang, use_plan, PlanStore, RowMemos};
use leptos::prelude::*;
use std::collections::HashMap;

table_row!(BudgetLine, category);
table_row!(CostLine, item);

fn allocation(plan: &Plan) -> Option<Allocation> {
    plan.budget_allocation()
}

fn uses(plan: &Plan) -> Vec<CategoryUse> {
    plan.budget_uses()
}

pub fn line_source() -> TableSource<BudgetLine> {
    TableSource {
        key: "budget_lines",
        part: Part::BudgetLines,
        rows: |p| &p.budget_lines,
        rows_mut: |p| &mut p.budget_lines,
        new_row: |id, lang| BudgetLine {
            category: lang.t(Msg::NewCategory).into(),
            ..BudgetLine::new(id)
        },
    }
}

/// Each budget line's roll-up of its category, by the line's id (categories may repeat:
/// a line's is the use at its position). One pass for the whole table, where each cell
/// computing the split itself would be a thousand splits at a thousand lines; the three
/// figure columns of a row read their row's memo of it, so an edit re-renders the
/// figures of the lines whose use changed, not the 3,000 cells of a thousand lines.
pub type LineUses = RowMemos<CategoryUse>;

fn line_uses(plan: &Plan, uses: Vec<CategoryUse>) -> HashMap<RowId, CategoryUse> {
    plan.budget_lines.iter().map(|l| l.id).zip(uses).collect()
}

/// Each category's use (the chart, the over-allocation lines), and each line's, read a
/// row at a time by the table.
pub fn budget_uses(store: PlanStore) -> (Memo<Vec<CategoryUse>>, LineUses) {
    let category_uses = Memo::new(move |_| {
        store.read_parts(&[Part::Budget, Part::BudgetLines, Part::CostLines], uses)
    });
    let by_line = RowMemos::new(Memo::new(move |_| {
        let uses = category_uses.get();
        store.read_parts(&[Part::BudgetLines], |p| line_uses(p, uses))
    }));
    (category_uses, by_line)
}

fn money_or_dash(amount: Option<Fen>, plan: &Plan, lang: Lang) -> String {
    amount.map_or(NO_VALUE.into(), |a| {
        format_money(a, plan.header.currency, lang)
    })
}

pub fn line_columns(by_line: LineUses) -> Vec<Column<BudgetLine>> {
    type C = Column<BudgetLine>;
    let line_use = move |l: &BudgetLine, _: &Plan| by_line.get(l.id);
    vec![
        C::text(Msg::ColCategory, |l| &l.category, |l| &mut l.category),
        C::entry::<Measure>(
            Msg::ColShare,
            ColumnKind::Percent,
            |l| &l.share,
            |l| &mut l.share,
        )
        .unit(|_, _| Some(Unit::Percent))
        .with_error(BudgetLine::share_error),
        C::derived_from_plan(Msg::ColAllocated, &[Part::Header], move |l, plan, ctx| {
            money_or_dash(line_use(l, plan).and_then(|u| u.allocated), plan, ctx.lang)
        }),
        C::derived_from_plan(Msg::ColCommitted, &[Part::Header], move |l, plan, ctx| {
            money_or_dash(line_use(l, plan).map(|u| u.committed), plan, ctx.lang)
        }),
        C::derived_from_plan(
            Msg::ColRemaining,
            &[Part::Header],
            move |l, plan, ctx| match line_use(l, plan) {
                Some(u) if u.is_over() => format!(
                    "{} {}",
                    ctx.lang.t(Msg::OverBy),
                    format_money(
                        Fen(-u.remaining().unwrap_or_default().0),
                        plan.header.currency,
                        ctx.lang
                    )
                ),
                u => money_or_dash(u.and_then(|u| u.remaining()), plan, ctx.lang),
            },
        ),
    ]
}

pub fn cost_source() -> TableSource<CostLine> {
    TableSource {
        key: "cost_lines",
        part: Part::CostLines,
        rows: |p| &p.cost_lines,
        rows_mut: |p| &mut p.cost_lines,
        new_row: |id, lang| CostLine {
            item: lang.t(Msg::NewCostItem).into(),
            ..CostLine::new(id)
        },
    }
}

/// The budget categories, by name.
pub fn category_options(plan: &Plan, lang: Lang) -> Vec<(String, String)> {
    crate::pages::options::distinct_name_options(
        (String::new(), lang.t(Msg::NotChosen).to_string()),
        plan.budget_lines.iter().map(|l| l.category.as_str()),
    )
}

pub fn cost_columns() -> Vec<Column<CostLine>> {
    type C = Column<CostLine>;
    vec![
        C::text(Msg::ColCostItem, |c| &c.item, |c| &mut c.item),
        C::text(Msg::ColScenarioType, |c| &c.scenario, |c| &mut c.scenario),
        C::choice_from_plan(
            Msg::ColCategory,
            &[Part::BudgetLines],
            category_options,
            |c| c.category.clone(),
            |c, key| c.category = key.to_string(),
        ),
        C::entry::<Fen>(
            Msg::ColAmount,
            ColumnKind::Money,
            |c| &c.amount,
            |c| &mut c.amount,
        )
        .with_error(CostLine::amount_error),
    ]
}

/// ¥120,000 → "¥12万" / "¥120k": short enough for an axis.
fn axis_yuan(fen: f64) -> String {
    let yuan = fen / 100.0;
    if yuan >= 10_000.0 {
        format!("{}万", (yuan / 10_000.0 * 10.0).round() / 10.0)
    } else {
        format!("{}", yuan.round())
    }
}

#[component]
pub fn BudgetSection() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let total = Memo::new(move |_| store.read_parts(&[Part::Budget], |p| p.budget.total()));
    let split =
        Memo::new(move |_| store.read_parts(&[Part::Budget, Part::BudgetLines], allocation));
    let (category_uses, by_line) = budget_uses(store);
    let from_revenue = Memo::new(move |_| {
        store.read_parts(&[Part::Budget], |p| {
            p.budget.source == TotalSource::FromRevenue
        })
    });
    let set_source = move |source: TotalSource| store.edit(None, |p| p.budget.source = source);
    let money = move |fen: Fen| {
        store.read_parts(&[Part::Header], |p| {
            format_money(fen, p.header.currency, lang.get())
        })
    };

    // The shares' remainder, when they do not make 100% (whether or not a total is known).
    // A memo, so that the note is kept while it shows and only its text follows the shares.
    let remainder = Memo::new(move |_| {
        let share_sum: i64 = store.read_parts(&[Part::BudgetLines], |p| {
            p.budget_lines.iter().filter_map(|l| l.share()).sum()
        });
        let rest = WHOLE - share_sum;
        if rest == 0 {
            return None;
        }
        let points = format_measure(
            Measure(rest.abs()),
            Unit::Percent,
            Currency::default(),
            lang.get(),
        );
        let text = lang
            .get()
            .t(if rest > 0 {
                Msg::SharesShort
            } else {
                Msg::SharesOver
            })
            .replace("{}", &points);
        let unallocated = split
            .get()
            .zip(total.get())
            .map(|(a, t)| Fen(t.0 - a.allocated().0));
        Some(match unallocated {
            Some(amount) if rest > 0 => format!("{text} ({})", money(amount)),
            _ => text,
        })
    });
    // The categories over their allocation, as lines: unchanged lines (most keystrokes
    // change an allocation, not which categories are over) leave the list alone.
    let over_lines = Memo::new(move |_| {
        category_uses
            .get()
            .into_iter()
            .filter(|u| u.is_over() || u.is_unbudgeted())
            .map(|u| {
                let name = if u.category.is_empty() {
                    lang.get().t(Msg::Uncategorized).to_string()
                } else {
                    u.category.clone()
                };
                match u.remaining() {
                    Some(r) => lang
                        .get()
                        .t(Msg::CategoryOver)
                        .replace("{0}", &name)
                        .replace("{1}", &money(Fen(-r.0))),
                    None => lang
                        .get()
                        .t(Msg::CategoryUnbudgeted)
                        .replace("{0}", &name)
                        .replace("{1}", &money(u.committed)),
                }
            })
            .collect::<Vec<_>>()
    });
    let overs = move || {
        over_lines
            .get()
            .into_iter()
            .map(|text| view! { <li>{text}</li> })
            .collect_view()
    };
    let chart_label = Signal::derive(move || {
        let parts: Vec<String> = category_uses
            .get()
            .iter()
            .map(|u| {
                format!(
                    "{} {} {} / {} {}",
                    u.category,
                    lang.get().t(Msg::ColAllocated),
                    u.allocated.map_or(NO_VALUE.into(), money),
                    lang.get().t(Msg::ColCommitted),
                    money(u.committed)
                )
            })
            .collect();
        format!(
            "{}: {}",
            lang.get().t(Msg::BudgetChartTitle),
            parts.join("; ")
        )
    });
    let draw = move |area: &crate::components::chart::Area, scale: f64| {
        let uses = category_uses.get();
        let lang = lang.get();
        let bars = Bars {
            categories: uses
                .iter()
                .map(|u| {
                    if u.category.is_empty() {
                        lang.t(Msg::Uncategorized).into()
                    } else {
                        u.category.clone()
                    }
                })
                .collect(),
            series: vec![
                Series {
                    name: lang.t(Msg::ColAllocated).into(),
                    color: BLUE,
                    values: uses
                        .iter()
                        .map(|u| u.allocated.map_or(0.0, |a| a.0 as f64))
                        .collect(),
                    warn: Vec::new(),
                },
                Series {
                    name: lang.t(Msg::ColCommitted).into(),
                    color: GREEN,
                    values: uses.iter().map(|u| u.committed.0 as f64).collect(),
                    warn: uses
                        .iter()
                        .map(|u| u.is_over() || u.is_unbudgeted())
                        .collect(),
                },
            ],
            axis_label: axis_yuan,
        };
        draw_bars(area, scale, &bars);
    };

    view! {
        <section class="section" id="budget" aria-labelledby="budget-title">
            <h2 id="budget-title">{lang.t(Msg::BudgetTitle)}</h2>
            <p class="hint">{lang.t(Msg::BudgetHint)}</p>
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>{lang.t(Msg::BudgetTotal)}</legend>
                    <div class="radio-row" role="radiogroup" aria-label=lang.t(Msg::BudgetTotalSource)>
                        <label class="radio">
                            <input type="radio" name="budget-source" prop:checked=move || !from_revenue.get() on:change=move |_| set_source(TotalSource::Typed) />
                            <span>{lang.t(Msg::TotalTyped)}</span>
                        </label>
                        <label class="radio">
                            <input type="radio" name="budget-source" prop:checked=move || from_revenue.get() on:change=move |_| set_source(TotalSource::FromRevenue) />
                            <span>{lang.t(Msg::TotalFromRevenue)}</span>
                        </label>
                    </div>
                    <Show
                        when=move || from_revenue.get()
                        fallback=move || view! {
                            <EntryField id="budget-total" part=Part::Budget label=Msg::BudgetTotalAmount unit=Unit::Money
                                get=|p| &p.budget.total get_mut=|p| &mut p.budget.total
                                error=|p| p.budget.total_error() />
                        }
                    >
                        <EntryField id="budget-revenue" part=Part::Budget label=Msg::AnnualRevenue unit=Unit::Money
                            get=|p| &p.budget.revenue get_mut=|p| &mut p.budget.revenue
                            error=|p| p.budget.revenue_error() />
                        <EntryField id="budget-rate" part=Part::Budget label=Msg::BudgetRate unit=Unit::Percent
                            get=|p| &p.budget.rate get_mut=|p| &mut p.budget.rate
                            error=|p| p.budget.rate_error() />
                    </Show>
                    <p class="figure-inline">
                        <span>{lang.t(Msg::BudgetTotalIs)}</span>
                        <strong data-testid="budget-total">{move || total.get().map_or(NO_VALUE.into(), money)}</strong>
                    </p>
                </fieldset>
            </form>
            <EditableTable caption=Msg::BudgetSplitTitle source=line_source() columns=line_columns(by_line) add_label=Msg::AddCategory />
            <Show when=move || remainder.with(Option::is_some)>
                <p class="flag" role="status" data-testid="share-remainder">{move || remainder.get().unwrap_or_default()}</p>
            </Show>
            <div role="status"><ul class="flags" data-testid="over-allocation">{overs}</ul></div>
            <ChartCanvas label=chart_label height=260 draw=draw test_id="budget-chart" />
            <EditableTable caption=Msg::CostLinesTitle source=cost_source() columns=cost_columns() add_label=Msg::AddCostLine />
        </section>
    }
}
