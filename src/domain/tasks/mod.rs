//! The phased task breakdown (spec §2): phases as campaign-month ranges, tasks with
//! deadline rules, deliverables and a status, and each task's dates in a plan.
//!
//! Beside it: `schedule` (deadline rules to dates, status), `deliverable` (a measurable
//! outcome judged against its actual value), `rollup` (progress per phase and owner, the
//! filter), `timeline` (the Gantt chart as data) and `calendar` (month arithmetic from
//! the campaign start).

pub mod calendar;
pub mod deliverable;
pub mod rollup;
pub mod schedule;
pub mod timeline;

use crate::domain::formats::ics::CalendarEvent;
use crate::domain::plan::Plan;
use crate::domain::tasks::calendar::{month_end, month_start};
use crate::domain::tasks::deliverable::Deliverable;
use crate::domain::tasks::rollup::TaskFacts;
use crate::domain::tasks::schedule::{
    due_dates, is_overdue, next_due, within, DeadlineRule, TaskStatus,
};
use crate::domain::values::entry::{Entry, InputError};
use crate::domain::values::ids::RowId;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How many campaign months recurring deadlines of an open-ended phase run to, unless
/// the planner sets another horizon.
pub const DEFAULT_HORIZON_MONTHS: u64 = 12;

/// A phase spans campaign months `first_month..=last_month`; an empty last month means
/// it runs on (the spec's 稳定期, "month 6 on").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub id: RowId,
    pub name: String,
    pub first_month: Entry<u64>,
    pub last_month: Entry<u64>,
}

/// A phase's calendar dates; `to` is `None` for an open-ended phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseDates {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Phase {
    pub fn new(id: RowId) -> Phase {
        Phase {
            id,
            name: String::new(),
            first_month: Entry::Empty,
            last_month: Entry::Empty,
        }
    }

    fn months(&self) -> Option<(u32, Option<u32>)> {
        let first = u32::try_from(*self.first_month.value()?)
            .ok()
            .filter(|&m| m >= 1)?;
        let last = match &self.last_month {
            Entry::Empty => None,
            Entry::Value(m) => Some(u32::try_from(*m).ok().filter(|&m| m >= first)?),
            Entry::Invalid(_) => return None,
        };
        Some((first, last))
    }

    /// The phase's dates from the campaign start; `None` while its months are not valid.
    pub fn dates(&self, campaign_start: NaiveDate) -> Option<PhaseDates> {
        let (first, last) = self.months()?;
        Some(PhaseDates {
            from: month_start(campaign_start, first)?,
            to: match last {
                Some(last) => Some(month_end(campaign_start, last)?),
                None => None,
            },
        })
    }

    pub fn first_month_error(&self) -> Option<InputError> {
        self.first_month
            .error()
            .or_else(|| (self.first_month.value() == Some(&0)).then_some(InputError::MonthFromOne))
    }

    pub fn last_month_error(&self) -> Option<InputError> {
        self.last_month.error().or_else(|| {
            let (first, last) = (self.first_month.value()?, self.last_month.value()?);
            (last < first).then_some(InputError::EndBeforeStart)
        })
    }
}

/// One line of the breakdown. `phase` names a phase of the plan (by its name, as the
/// planner reads it); the deadline rule counts from that phase's first day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: RowId,
    pub phase: String,
    pub monthly_task: String,
    pub weekly_action: String,
    pub owner: String,
    /// Since schema 4: a rule, kept as typed when it is not one.
    pub deadline: Entry<DeadlineRule>,
    /// Since schema 4: measurable.
    pub deliverable: Deliverable,
    /// Since schema 4.
    pub status: TaskStatus,
}

impl Task {
    pub fn new(id: RowId) -> Task {
        Task {
            id,
            phase: String::new(),
            monthly_task: String::new(),
            weekly_action: String::new(),
            owner: String::new(),
            deadline: Entry::Empty,
            deliverable: Deliverable::default(),
            status: TaskStatus::NotStarted,
        }
    }
}

/// A task's dates in its plan, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskTiming {
    /// Every due date, ascending; empty while the rule or the phase is missing or invalid.
    pub dates: Vec<NaiveDate>,
    /// The first due date from today on, else the last one.
    pub next: Option<NaiveDate>,
    pub overdue: bool,
    /// A one-off deadline outside its phase's months: shown, and flagged.
    pub outside_phase: bool,
}

impl Plan {
    /// The last day recurring deadlines of an open-ended phase run to: the end of
    /// campaign month `horizon_months` (12 while that is empty or invalid).
    pub fn horizon_end(&self) -> Option<NaiveDate> {
        let months = self
            .horizon_months
            .value()
            .copied()
            .filter(|&m| m >= 1)
            .unwrap_or(DEFAULT_HORIZON_MONTHS);
        month_end(self.header.start_date, u32::try_from(months).ok()?)
    }

    /// The dates of the phase with this name (names compare trimmed; the first wins).
    pub fn phase_dates(&self, name: &str) -> Option<PhaseDates> {
        let name = name.trim();
        self.phases
            .iter()
            .find(|p| p.name.trim() == name)?
            .dates(self.header.start_date)
    }

    /// The task's due dates and where it stands on `today`. A fixed date needs no phase;
    /// the other rules count from the task's phase.
    pub fn task_timing(&self, task: &Task, today: NaiveDate) -> TaskTiming {
        let Some(rule) = task.deadline.value() else {
            return TaskTiming::default();
        };
        let phase = self.phase_dates(&task.phase);
        let dates = match (rule, phase, self.horizon_end()) {
            (DeadlineRule::Fixed { date }, _, _) => vec![*date],
            (rule, Some(phase), Some(horizon)) => due_dates(rule, phase, horizon),
            _ => Vec::new(),
        };
        let outside_phase = matches!(
            rule,
            DeadlineRule::Fixed { .. } | DeadlineRule::EndOfWeek { .. }
        ) && phase.is_some_and(|p| dates.iter().any(|d| !within(*d, p)));
        TaskTiming {
            next: next_due(&dates, today),
            overdue: is_overdue(task.status, &dates, today),
            outside_phase,
            dates,
        }
    }
}

impl Plan {
    /// What the roll-ups and the filter need to know of a task on `today`.
    pub fn task_facts<'t>(&self, task: &'t Task, today: NaiveDate) -> TaskFacts<'t> {
        TaskFacts {
            phase: &task.phase,
            owner: &task.owner,
            status: task.status,
            overdue: self.task_timing(task, today).overdue,
        }
    }
}

/// What the calendar export writes beside each date, in the UI language.
pub struct EventLabels<'a> {
    pub owner: &'a str,
    pub phase: &'a str,
    pub action: &'a str,
    pub deliverable: &'a str,
}

impl Plan {
    /// One all-day calendar event per due date of `tasks`, with the owner, phase, weekly
    /// action and deliverable in its description. Uids stay the same from one export to
    /// the next, so re-importing updates the events instead of doubling them.
    pub fn calendar_events<'a>(
        &self,
        tasks: impl IntoIterator<Item = &'a Task>,
        today: NaiveDate,
        labels: &EventLabels,
    ) -> Vec<CalendarEvent> {
        let mut events = Vec::new();
        for task in tasks {
            let lines: Vec<String> = [
                (labels.owner, task.owner.trim().to_string()),
                (labels.phase, task.phase.trim().to_string()),
                (labels.action, task.weekly_action.trim().to_string()),
                (labels.deliverable, task.deliverable.text()),
            ]
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(label, value)| format!("{label}: {value}"))
            .collect();
            for date in self.task_timing(task, today).dates {
                events.push(CalendarEvent {
                    uid: format!(
                        "task-{}-{:04}{:02}{:02}@omo-planner",
                        task.id.0,
                        date.year(),
                        date.month(),
                        date.day()
                    ),
                    date,
                    summary: task.monthly_task.trim().to_string(),
                    description: lines.join("\n"),
                });
            }
        }
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(first: &str, last: &str) -> Phase {
        Phase {
            first_month: Entry::from_text(first),
            last_month: Entry::from_text(last),
            ..Phase::new(RowId(1))
        }
    }

    #[test]
    fn spec_phases_from_a_september_start() {
        let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let launch = phase("1", "2").dates(start).unwrap();
        assert_eq!(
            (launch.from.to_string(), launch.to.unwrap().to_string()),
            ("2026-09-01".into(), "2026-10-31".into())
        );
        let growth = phase("3", "5").dates(start).unwrap();
        assert_eq!(
            (growth.from.to_string(), growth.to.unwrap().to_string()),
            ("2026-11-01".into(), "2027-01-31".into())
        );
        let steady = phase("6", "").dates(start).unwrap();
        assert_eq!(
            (steady.from.to_string(), steady.to),
            ("2027-02-01".into(), None)
        );
    }

    #[test]
    fn bad_month_ranges_are_flagged() {
        assert_eq!(
            phase("0", "2").first_month_error(),
            Some(InputError::MonthFromOne)
        );
        assert_eq!(
            phase("3", "2").last_month_error(),
            Some(InputError::EndBeforeStart)
        );
        let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(phase("3", "2").dates(start), None);
        assert_eq!(phase("x", "2").dates(start), None);
        assert_eq!(phase("1", "2.5").dates(start), None);
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn demo_tasks_dated_on_an_injected_today() {
        let plan = crate::domain::plan::demo::demo_plan();
        let today = ymd(2026, 11, 23);
        let timing: Vec<TaskTiming> = plan
            .tasks
            .iter()
            .map(|t| plan.task_timing(t, today))
            .collect();
        assert_eq!(timing[0].dates, [ymd(2026, 9, 7)]);
        assert_eq!(timing[1].dates, [ymd(2026, 9, 14)]);
        assert_eq!(
            timing[2].dates,
            [ymd(2026, 11, 7), ymd(2026, 12, 7), ymd(2027, 1, 7)]
        );
        assert_eq!(timing[2].next, Some(ymd(2026, 12, 7)));
        assert_eq!(timing[3].next, Some(ymd(2026, 12, 21)));
        // 稳定期 is open-ended: month ends up to the 12-month horizon (2027-08-31).
        assert_eq!(timing[4].dates.len(), 7);
        assert_eq!(timing[4].dates.first(), Some(&ymd(2027, 2, 28)));
        assert_eq!(timing[4].dates.last(), Some(&ymd(2027, 8, 31)));
        // Launch tasks are done; nothing else is past its shown date.
        assert!(timing.iter().all(|t| !t.overdue && !t.outside_phase));

        // Undone, the launch tasks are overdue.
        let mut undone = (*plan.tasks[1]).clone();
        undone.status = TaskStatus::InProgress;
        assert!(plan.task_timing(&undone, today).overdue);
        assert!(!plan.task_timing(&undone, ymd(2026, 9, 14)).overdue);
    }

    #[test]
    fn timing_needs_a_valid_rule_and_phase_except_for_a_date() {
        let plan = crate::domain::plan::demo::demo_plan();
        let today = ymd(2026, 11, 23);
        let mut task = (*plan.tasks[2]).clone();
        task.phase = "不存在的阶段".into();
        assert_eq!(plan.task_timing(&task, today), TaskTiming::default());
        task.deadline = Entry::from_text("2026-11-20");
        let t = plan.task_timing(&task, today);
        assert_eq!((t.dates.len(), t.overdue), (1, true));
        task.deadline = Entry::from_text("下周");
        assert_eq!(plan.task_timing(&task, today), TaskTiming::default());
        // A date outside the task's phase is kept and flagged.
        let mut early = (*plan.tasks[2]).clone();
        early.deadline = Entry::from_text("2026-10-01");
        assert!(plan.task_timing(&early, today).outside_phase);
        // The horizon moves where an open-ended phase's recurring dates stop.
        let mut short = plan.clone();
        short.horizon_months = Entry::Value(7);
        assert_eq!(short.task_timing(&plan.tasks[4], today).dates.len(), 2);
    }

    #[test]
    fn demo_deliverables_judged_live() {
        use crate::domain::tasks::deliverable::Outcome;
        let plan = crate::domain::plan::demo::demo_plan();
        let outcomes: Vec<Outcome> = plan
            .tasks
            .iter()
            .map(|t| t.deliverable.outcome_in(&plan))
            .collect();
        // 1,800 joined the community (funnel) < 2,000; tag accuracy 92% ≥ 90%.
        assert_eq!(
            outcomes,
            [
                Outcome::NotMet,
                Outcome::Pending,
                Outcome::Pending,
                Outcome::Met,
                Outcome::Pending
            ]
        );
        let mut more = plan.clone();
        let mut stage = (*more.funnel.stages[1]).clone();
        stage.converted = Entry::Value(2_000);
        more.funnel.stages[1] = std::sync::Arc::new(stage);
        assert_eq!(plan.tasks[0].deliverable.outcome_in(&more), Outcome::Met);
    }

    #[test]
    fn every_playbook_task_has_a_valid_rule() {
        use crate::domain::plan::playbooks::playbook_plan;
        use crate::domain::plan::Industry;
        use crate::domain::scenario::Playbook;
        for playbook in Playbook::ALL {
            for industry in Industry::ALL {
                let plan = playbook_plan(playbook, industry, ymd(2027, 1, 31), "p".into());
                for task in plan.tasks.iter() {
                    assert!(task.deadline.value().is_some(), "{:?}", task.deadline);
                    let timing = plan.task_timing(task, ymd(2027, 1, 31));
                    assert!(!timing.dates.is_empty(), "{}", task.monthly_task);
                }
            }
        }
    }

    #[test]
    fn calendar_events_for_every_due_date() {
        let plan = crate::domain::plan::demo::demo_plan();
        let labels = EventLabels {
            owner: "负责人",
            phase: "阶段",
            action: "周度关键动作",
            deliverable: "交付成果",
        };
        let events =
            plan.calendar_events(plan.tasks.iter().map(|t| &**t), ymd(2026, 11, 23), &labels);
        assert_eq!(events.len(), 15);
        assert_eq!(events[0].uid, "task-100-20260907@omo-planner");
        assert_eq!(events[0].summary, "私域社群搭建");
        assert_eq!(
            events[0].description,
            "负责人: 某\n阶段: 启动期\n周度关键动作: 完成5个核心门店社群搭建\n交付成果: 社群用户数≥2000"
        );
        assert_eq!(events[2].date, ymd(2026, 11, 7));
    }
}
