//! 概览, the landing page: the open plan's headline figures and what needs attention now
//! (`domain::overview`), each item a link to the page and section that shows it.
//!
//! It is the page of the first load, so it stays light: plain links and text, no table,
//! chart or other page's code; each item reads only the plan parts its figure needs.

use crate::domain::overview::{
    alerts_crossed, budget_summary, conversion, goals_off_track, task_attention, GoalOffTrack,
    TaskDue, ALERT_PARTS, BUDGET_PARTS, CONVERSION_PARTS, GOAL_PARTS, TASK_PARTS,
};
use crate::domain::plan::Plan;
use crate::domain::values::money::Fen;
use crate::i18n::{format_count, format_date, format_money, format_rate, Lang, Msg, NO_VALUE};
use crate::pages::options::metric_label;
use crate::state::{use_lang, use_plan, use_today, Part};
use leptos::prelude::*;

/// How many names an item lists before "…": the page is read on a phone.
const NAMES_SHOWN: usize = 3;

/// "a、b、c…" (Chinese) / "a, b, c…" (English).
fn name_list(names: impl IntoIterator<Item = String>, lang: Lang) -> String {
    let names: Vec<String> = names.into_iter().collect();
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    let mut text = names
        .iter()
        .take(NAMES_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(sep);
    if names.len() > NAMES_SHOWN {
        text.push('…');
    }
    text
}

fn task_names(tasks: &[TaskDue], lang: Lang) -> String {
    name_list(
        tasks
            .iter()
            .map(|t| format!("{} ({})", t.name, format_date(t.date, lang))),
        lang,
    )
}

fn count(n: usize, lang: Lang) -> String {
    format_count(n as u64, lang)
}

// What each item says beside its figure; the report workbook (pages/workbook.rs) writes
// the same words.

/// The budget categories committed past their allocation, or that none are.
pub(crate) fn budget_note(over: Vec<String>, lang: Lang) -> String {
    if over.is_empty() {
        return lang.t(Msg::OverviewNoOver).to_string();
    }
    let names = over.into_iter().map(|c| {
        if c.is_empty() {
            lang.t(Msg::Uncategorized).to_string()
        } else {
            c
        }
    });
    lang.t(Msg::OverviewOverCategories)
        .replace("{}", &name_list(names, lang))
}

/// The tasks due this week, or that none are.
pub(crate) fn due_note(due: &[TaskDue], lang: Lang) -> String {
    if due.is_empty() {
        lang.t(Msg::OverviewNoDueThisWeek).to_string()
    } else {
        lang.t(Msg::OverviewDueList)
            .replace("{}", &task_names(due, lang))
    }
}

/// The overdue tasks, or that none are.
pub(crate) fn overdue_note(overdue: &[TaskDue], lang: Lang) -> String {
    if overdue.is_empty() {
        lang.t(Msg::OverviewNoOverdue).to_string()
    } else {
        lang.t(Msg::OverviewOverdueList)
            .replace("{}", &task_names(overdue, lang))
    }
}

/// The KPI metrics past their alert line, named as the KPI page names them.
pub(crate) fn alert_names(plan: &Plan, lang: Lang) -> Vec<String> {
    alerts_crossed(plan)
        .into_iter()
        .map(|m| metric_label(plan, m, lang))
        .collect()
}

/// The crossed alerts' names, or that none are.
pub(crate) fn alerts_note(crossed: Vec<String>, lang: Lang) -> String {
    if crossed.is_empty() {
        lang.t(Msg::OverviewNoAlerts).to_string()
    } else {
        name_list(crossed, lang)
    }
}

/// The goals off track with how many of their measures are behind, or that all are on
/// track.
pub(crate) fn goals_note(off: Vec<GoalOffTrack>, lang: Lang) -> String {
    if off.is_empty() {
        return lang.t(Msg::OverviewGoalsOnTrack).to_string();
    }
    let names = off.into_iter().map(|g| {
        let name = if g.metric.is_empty() {
            lang.t(Msg::GoalNumber).replace("{}", &g.number.to_string())
        } else {
            g.metric
        };
        lang.t(Msg::OverviewGoalBehind)
            .replace("{0}", &name)
            .replace("{1}", &g.behind.to_string())
    });
    name_list(names, lang)
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let today = use_today();

    let rate = Memo::new(move |_| store.read_parts(CONVERSION_PARTS, conversion));
    let currency = Memo::new(move |_| store.read_parts(&[Part::Header], |p| p.header.currency));
    let budget = Memo::new(move |_| store.read_parts(BUDGET_PARTS, budget_summary));
    let tasks = Memo::new(move |_| {
        let today = today.get();
        store.read_parts(TASK_PARTS, |p| task_attention(p, today))
    });
    let alerts = Memo::new(move |_| {
        let lang = lang.get();
        store.read_parts(ALERT_PARTS, |p| alert_names(p, lang))
    });
    let goals = Memo::new(move |_| store.read_parts(GOAL_PARTS, goals_off_track));

    let money = move |amount: Option<Fen>| {
        amount.map_or(NO_VALUE.into(), |a| {
            format_money(a, currency.get(), lang.get())
        })
    };
    let budget_note = move || budget_note(budget.get().over, lang.get());
    let week = move || {
        let lang = lang.get();
        lang.t(Msg::OverviewWeek)
            .replace("{0}", &format_date(today.get(), lang))
            .replace("{1}", &format_date(tasks.get().week_end, lang))
    };
    let due_note = move || tasks.with(|t| due_note(&t.due_this_week, lang.get()));
    let overdue_note = move || tasks.with(|t| overdue_note(&t.overdue, lang.get()));
    let alerts_note = move || alerts_note(alerts.get(), lang.get());
    let goals_figure = move || {
        let (off, total) = goals.get();
        format!(
            "{} / {}",
            count(off.len(), lang.get()),
            count(total, lang.get())
        )
    };
    let goals_note = move || goals_note(goals.get().0, lang.get());

    view! {
        <section class="page overview">
            <h1>{lang.t(Msg::OverviewTitle)}</h1>
            <p class="intro">{lang.t(Msg::OverviewIntro)}</p>
            <ul class="overview-items">
                <li>
                    <a class="overview-item" href="/funnel" data-testid="overview-conversion">
                        <span class="overview-title">{lang.t(Msg::OverallConversion)}</span>
                        <span class="overview-figures">
                            <span class="overview-figure overview-main" data-testid="overview-rate">{move || format_rate(rate.get(), lang.get())}</span>
                        </span>
                    </a>
                </li>
                <li>
                    <a class="overview-item" href="/scenario#budget" data-testid="overview-budget">
                        <span class="overview-title">{lang.t(Msg::OverviewBudget)}</span>
                        <span class="overview-figures">
                            <span class="overview-figure">
                                <span class="overview-label">{lang.t(Msg::ColAllocated)}</span>
                                <span data-testid="overview-allocated">{move || money(budget.get().allocated)}</span>
                            </span>
                            <span class="overview-figure">
                                <span class="overview-label">{lang.t(Msg::ColCommitted)}</span>
                                <span data-testid="overview-committed">{move || money(Some(budget.get().committed))}</span>
                            </span>
                            <span class="overview-figure">
                                <span class="overview-label">{lang.t(Msg::ColRemaining)}</span>
                                <span data-testid="overview-left">{move || money(budget.get().left)}</span>
                            </span>
                        </span>
                        <span class="overview-note" class:overview-warn=move || !budget.get().over.is_empty() data-testid="overview-budget-note">{budget_note}</span>
                    </a>
                </li>
                <li>
                    <a class="overview-item" href="/tasks" data-testid="overview-tasks">
                        <span class="overview-title">{lang.t(Msg::OverviewTasks)}</span>
                        // What is due depends on the visitor's day, which a page
                        // prerendered at build time cannot know: the app fills it in.
                        <span class="overview-figures" data-live-only="">
                            <span class="overview-figure">
                                <span class="overview-label">{lang.t(Msg::OverviewDueThisWeek)}</span>
                                <span data-testid="overview-due">{move || count(tasks.get().due_this_week.len(), lang.get())}</span>
                            </span>
                            <span class="overview-figure">
                                <span class="overview-label">{lang.t(Msg::OverviewOverdue)}</span>
                                <span data-testid="overview-overdue">{move || count(tasks.get().overdue.len(), lang.get())}</span>
                            </span>
                        </span>
                        <span class="overview-note" data-live-only="" data-testid="overview-due-note">{due_note}</span>
                        <span class="overview-note" data-live-only="" class:overview-warn=move || !tasks.get().overdue.is_empty() data-testid="overview-overdue-note">{overdue_note}</span>
                        <span class="overview-note" data-live-only="">{week}</span>
                    </a>
                </li>
                <li>
                    <a class="overview-item" href="/channels#alerts" data-testid="overview-alerts">
                        <span class="overview-title">{lang.t(Msg::OverviewAlerts)}</span>
                        <span class="overview-figures">
                            <span class="overview-figure">
                                <span class="overview-label">{lang.t(Msg::OverviewAlertsCrossed)}</span>
                                <span data-testid="overview-alerts-crossed">{move || count(alerts.get().len(), lang.get())}</span>
                            </span>
                        </span>
                        <span class="overview-note" class:overview-warn=move || !alerts.get().is_empty() data-testid="overview-alerts-note">{alerts_note}</span>
                    </a>
                </li>
                <li>
                    <a class="overview-item" href="/scenario#goals" data-testid="overview-goals">
                        <span class="overview-title">{lang.t(Msg::OverviewGoals)}</span>
                        <span class="overview-figures">
                            <span class="overview-figure">
                                <span class="overview-label">{lang.t(Msg::OverviewGoalsOff)}</span>
                                <span data-testid="overview-goals-off">{goals_figure}</span>
                            </span>
                        </span>
                        <span class="overview-note" class:overview-warn=move || !goals.get().0.is_empty() data-testid="overview-goals-note">{goals_note}</span>
                    </a>
                </li>
            </ul>
        </section>
    }
}
