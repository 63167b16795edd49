//! The task filter (owner, phase, status) that the table, the roll-ups, the timeline and
//! the calendar export all follow.

use crate::components::table::RowSelection;
use crate::domain::plan::Plan;
use crate::domain::tasks::rollup::TaskFilter;
use crate::domain::tasks::schedule::TaskStatus;
use crate::domain::tasks::Task;
use crate::domain::values::ids::RowId;
use crate::i18n::{format_date, Msg};
use crate::pages::options::TASK_STATUSES;
use crate::state::Part;
use crate::state::{use_lang, use_plan, use_today, PlanStore};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// The filter and the rows it shows. Rows added while a filter is on stay visible (they
/// start empty and would otherwise vanish the moment they are added) until it changes.
#[derive(Clone, Copy)]
pub struct TaskView {
    store: PlanStore,
    pub filter: RwSignal<TaskFilter>,
    /// Ids from this one on were added under the current filter.
    since: RwSignal<RowId>,
    pub selection: Memo<RowSelection>,
}

impl TaskView {
    pub fn new() -> TaskView {
        let store = use_plan();
        let today = use_today();
        let filter = RwSignal::new(TaskFilter::default());
        let since = RwSignal::new(RowId(u64::MAX));
        let selection = Memo::new(move |_| {
            let filter = filter.get();
            if filter == TaskFilter::default() {
                return RowSelection::All;
            }
            let (since, today) = (since.get(), today.get());
            store.read_parts(
                &[Part::Tasks, Part::Header, Part::Phases, Part::Horizon],
                |p| {
                    let ids: HashSet<RowId> = p
                        .tasks
                        .iter()
                        .filter(|t| t.id >= since || filter.matches(&p.task_facts(t, today)))
                        .map(|t| t.id)
                        .collect();
                    RowSelection::Only(Arc::new(ids))
                },
            )
        });
        TaskView {
            store,
            filter,
            since,
            selection,
        }
    }

    fn set(self, change: impl FnOnce(&mut TaskFilter)) {
        self.since.set(self.store.read_untracked(Plan::next_row_id));
        self.filter.update(change);
    }

    /// The shown tasks of `plan`, in table order (tracks the filter).
    pub fn shown(self, plan: &Plan) -> Vec<&Task> {
        let selection = self.selection.get();
        plan.tasks
            .iter()
            .filter(|t| selection.shows(t.id))
            .map(|t| &**t)
            .collect()
    }
}

/// Distinct trimmed values in first-seen order; empty names last as "unassigned".
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for v in values.map(str::trim) {
        if !seen.iter().any(|s| s == v) {
            seen.push(v.to_string());
        }
    }
    seen.sort_by_key(String::is_empty);
    seen
}

/// A select's value: "" for all, "=name" for one name (so no name can mean "all").
fn name_value(name: &Option<String>) -> String {
    name.as_ref()
        .map_or(String::new(), |n| format!("={}", n.trim()))
}

fn name_from_value(value: &str) -> Option<String> {
    value.strip_prefix('=').map(str::to_string)
}

#[component]
pub fn FilterBar(view: TaskView) -> impl IntoView {
    let lang = use_lang();
    let store = use_plan();
    let today = use_today();
    let owners = Memo::new(move |_| {
        store.read_parts(&[Part::Tasks], |p| {
            distinct(p.tasks.iter().map(|t| t.owner.as_str()))
        })
    });
    let phases = Memo::new(move |_| {
        store.read_parts(&[Part::Phases, Part::Tasks], |p| {
            distinct(
                p.phases
                    .iter()
                    .map(|x| x.name.as_str())
                    .chain(p.tasks.iter().map(|t| t.phase.as_str())),
            )
        })
    });
    let name_options = move |names: Vec<String>| {
        names
            .into_iter()
            .map(|n| {
                let label = if n.is_empty() {
                    lang.get().t(Msg::Unassigned).to_string()
                } else {
                    n.clone()
                };
                view! { <option value=format!("={n}")>{label}</option> }
            })
            .collect_view()
    };
    let counts = move || {
        let total = store.read_parts(&[Part::Tasks], |p| p.tasks.len());
        let shown = store.read_parts(&[Part::Tasks], |p| view.shown(p).len());
        lang.get()
            .t(Msg::FilterShowing)
            .replace("{0}", &shown.to_string())
            .replace("{1}", &total.to_string())
    };
    view! {
        <form class="filter-bar" aria-label=lang.t(Msg::FilterTitle) on:submit=|ev| ev.prevent_default()>
            <h2 class="visually-hidden">{lang.t(Msg::FilterTitle)}</h2>
            <label>
                <span>{lang.t(Msg::ColOwner)}</span>
                <select
                    data-testid="filter-owner"
                    prop:value=move || name_value(&view.filter.get().owner)
                    on:change=move |ev| { let v = event_target_value(&ev); view.set(|f| f.owner = name_from_value(&v)); }
                >
                    <option value="">{lang.t(Msg::FilterAll)}</option>
                    {move || name_options(owners.get())}
                </select>
            </label>
            <label>
                <span>{lang.t(Msg::ColPhase)}</span>
                <select
                    data-testid="filter-phase"
                    prop:value=move || name_value(&view.filter.get().phase)
                    on:change=move |ev| { let v = event_target_value(&ev); view.set(|f| f.phase = name_from_value(&v)); }
                >
                    <option value="">{lang.t(Msg::FilterAll)}</option>
                    {move || name_options(phases.get())}
                </select>
            </label>
            <label>
                <span>{lang.t(Msg::ColStatus)}</span>
                <select
                    data-testid="filter-status"
                    prop:value=move || view.filter.get().status.map_or("", TaskStatus::key)
                    on:change=move |ev| { let v = event_target_value(&ev); view.set(|f| f.status = TaskStatus::from_key(&v)); }
                >
                    <option value="">{lang.t(Msg::FilterAll)}</option>
                    {TASK_STATUSES.iter().map(|(key, msg)| view! { <option value=*key>{lang.t(*msg)}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="btn" on:click=move |_| view.set(|f| *f = TaskFilter::default())>
                {lang.t(Msg::FilterClear)}
            </button>
            <p class="hint" role="status" data-testid="filter-count">{counts}</p>
            <p class="hint" data-testid="today">{move || lang.get().t(Msg::TodayIs).replace("{}", &format_date(today.get(), lang.get()))}</p>
        </form>
    }
}
