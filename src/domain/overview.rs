//! The overview (概览), the page a merchant lands on: the open plan's headline figures and
//! what needs attention now. Every figure is the one its own page shows, computed by the
//! same core: the funnel's overall conversion, the budget's category roll-up, the tasks'
//! due dates against today, the channel page's crossed alerts and the goals' indicators.
//! Each reader names the plan parts it reads, so the page re-runs only what changed.

use crate::domain::channels::alerts::crossed_alerts;
use crate::domain::channels::history::MetricRef;
use crate::domain::funnel::overall_conversion;
use crate::domain::plan::parts::{join, Part, INDICATOR_PROGRESS, KPI_HISTORY, SCHEDULE};
use crate::domain::plan::Plan;
use crate::domain::scenario::budget::CategoryUse;
use crate::domain::tasks::schedule::TaskStatus;
use crate::domain::values::ids::RowId;
use crate::domain::values::money::Fen;
use crate::domain::values::ratio::Ratio;
use chrono::{Datelike, Days, NaiveDate};

/// What [`conversion`] reads.
pub const CONVERSION_PARTS: &[Part] = &[Part::FunnelStages];

/// What [`budget_summary`] reads.
pub const BUDGET_PARTS: &[Part] = &[Part::Budget, Part::BudgetLines, Part::CostLines];

/// What [`task_attention`] reads: the tasks and their schedule.
pub const TASK_PARTS: &[Part] = &join::<4>(&[Part::Tasks], SCHEDULE);

/// What [`alerts_crossed`] reads: the rules and the KPI history.
pub const ALERT_PARTS: &[Part] = &join::<5>(&[Part::Alerts], KPI_HISTORY);

/// What [`goals_off_track`] reads: the indicators and what an indicator's progress reads.
pub const GOAL_PARTS: &[Part] = &join::<9>(&[Part::Indicators], INDICATOR_PROGRESS);

/// The funnel's overall conversion, as the funnel page shows it (`None`: "—").
pub fn conversion(plan: &Plan) -> Option<Ratio> {
    overall_conversion(&plan.funnel.stages)
}

/// The budget at a glance: what the split allocates, what the cost lines commit, and
/// what is left of the allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetSummary {
    /// The sum of the lines' amounts; `None` while the total is unknown.
    pub allocated: Option<Fen>,
    /// Every cost line with a valid amount, whichever category it names (a cost booked
    /// against no budget line still counts: nothing disappears from the total).
    pub committed: Fen,
    /// Allocated − committed; negative when more is committed than allocated.
    pub left: Option<Fen>,
    /// The categories committed past their allocation or booked with no budget line, in
    /// the budget's order ("" for costs with no category).
    pub over: Vec<String>,
}

pub fn budget_summary(plan: &Plan) -> BudgetSummary {
    let uses = plan.budget_uses();
    let allocated = plan.budget_allocation().map(|a| a.allocated());
    let committed = Fen(uses
        .iter()
        .fold(0i64, |sum, u| sum.saturating_add(u.committed.0)));
    BudgetSummary {
        allocated,
        committed,
        left: allocated.map(|a| Fen(a.0.saturating_sub(committed.0))),
        over: uses
            .iter()
            .filter(|u| u.is_over() || u.is_unbudgeted())
            .map(|u: &CategoryUse| u.category.clone())
            .collect(),
    }
}

/// The last day of `today`'s week, the week running Monday to Sunday.
pub fn week_end(today: NaiveDate) -> NaiveDate {
    let left = 6 - u64::from(today.weekday().num_days_from_monday());
    today.checked_add_days(Days::new(left)).unwrap_or(today)
}

/// A task that needs attention, with the date the task table shows for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskDue {
    pub id: RowId,
    /// Its monthly task, else its weekly action (the first that is filled in).
    pub name: String,
    pub date: NaiveDate,
}

/// The tasks to look at this week, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskAttention {
    /// Not done, next due from today to the end of the week (Sunday).
    pub due_this_week: Vec<TaskDue>,
    /// Overdue as the task table marks it (spec §2: not done, its due date before today).
    pub overdue: Vec<TaskDue>,
    pub week_end: NaiveDate,
}

/// The tasks due this week and the overdue ones, by the task table's own dates
/// (`Plan::task_timing`); a task is in one list at most, in the table's order.
pub fn task_attention(plan: &Plan, today: NaiveDate) -> TaskAttention {
    let week_end = week_end(today);
    let mut out = TaskAttention {
        due_this_week: Vec::new(),
        overdue: Vec::new(),
        week_end,
    };
    for task in plan.tasks.iter().filter(|t| t.status != TaskStatus::Done) {
        let timing = plan.task_timing(task, today);
        let Some(date) = timing.next else { continue };
        let name = [&task.monthly_task, &task.weekly_action]
            .into_iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .unwrap_or_default()
            .to_string();
        let due = TaskDue {
            id: task.id,
            name,
            date,
        };
        if timing.overdue {
            out.overdue.push(due);
        } else if (today..=week_end).contains(&date) {
            out.due_this_week.push(due);
        }
    }
    out
}

/// The metrics whose alert rule is crossed in the report month, in the rules' order, as
/// the channel page's banner lists them.
pub fn alerts_crossed(plan: &Plan) -> Vec<MetricRef> {
    crossed_alerts(&plan.kpi)
        .into_iter()
        .map(|a| a.metric)
        .collect()
}

/// A goal with at least one linked indicator short of its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalOffTrack {
    pub goal: RowId,
    /// The goal's metric, trimmed; empty when none is typed.
    pub metric: String,
    /// Its place in the goals table, from 1 (names a goal with no metric typed).
    pub number: usize,
    /// Its indicators whose progress is "not met" (`Indicator::progress`).
    pub behind: usize,
    /// Its indicators with a status at all (met or not).
    pub measured: usize,
}

/// The goals off track, in the goals' order, and how many goals there are. An indicator
/// without a figure, a target, or in another unit than its figure has no status and
/// puts no goal off track.
pub fn goals_off_track(plan: &Plan) -> (Vec<GoalOffTrack>, usize) {
    let off = plan
        .goals
        .iter()
        .enumerate()
        .filter_map(|(at, goal)| {
            let statuses: Vec<bool> = plan
                .indicators
                .iter()
                .filter(|i| i.goal == Some(goal.id))
                .filter_map(|i| i.progress(plan)?.met)
                .collect();
            let behind = statuses.iter().filter(|met| !**met).count();
            (behind > 0).then(|| GoalOffTrack {
                goal: goal.id,
                metric: goal.metric.trim().to_string(),
                number: at + 1,
                behind,
                measured: statuses.len(),
            })
        })
        .collect();
    (off, plan.goals.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channels::kpi_system::Metric;
    use crate::domain::plan::demo::demo_plan;
    use crate::domain::plan::parts::changes;
    use crate::domain::values::entry::Entry;
    use crate::domain::values::measure::Measure;
    use std::sync::Arc;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn names(tasks: &[TaskDue]) -> Vec<(&str, NaiveDate)> {
        tasks.iter().map(|t| (t.name.as_str(), t.date)).collect()
    }

    #[test]
    fn the_demo_converts_three_point_two_four_percent() {
        let plan = demo_plan();
        assert_eq!(conversion(&plan), Ratio::new(324, 10_000));
        let mut plan = plan;
        Arc::make_mut(&mut plan.funnel.stages[0]).reached = Entry::Value(0);
        assert_eq!(conversion(&plan), None, "a zero denominator has no rate");
    }

    #[test]
    fn the_demo_budget_allocates_four_hundred_thousand_and_commits_three_hundred_twenty() {
        // ¥10,000,000 × 4% = ¥400,000, split 40/30/20/10; costs: 线下活动 ¥160,000,
        // 工具采购 ¥30,000, 线上广告 ¥130,000 (¥10,000 over its ¥120,000).
        let summary = budget_summary(&demo_plan());
        assert_eq!(
            summary,
            BudgetSummary {
                allocated: Some(Fen(40_000_000)),
                committed: Fen(32_000_000),
                left: Some(Fen(8_000_000)),
                over: vec!["线上广告".to_string()],
            }
        );
    }

    #[test]
    fn a_budget_without_a_total_allocates_nothing_known_but_keeps_its_commitments() {
        let mut plan = demo_plan();
        plan.budget.revenue = Entry::Invalid("一千万".into());
        let summary = budget_summary(&plan);
        assert_eq!(summary.allocated, None);
        assert_eq!(summary.left, None);
        assert_eq!(summary.committed, Fen(32_000_000));
        // A cost booked against no budget line is committed and flagged.
        Arc::make_mut(&mut plan.cost_lines[0]).category = "临时".into();
        plan.budget.revenue = Entry::Value(Fen(1_000_000_000));
        let summary = budget_summary(&plan);
        assert_eq!(summary.committed, Fen(32_000_000));
        assert_eq!(summary.left, Some(Fen(8_000_000)));
        assert_eq!(
            summary.over,
            vec!["线上广告".to_string(), "临时".to_string()]
        );
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        assert_eq!(week_end(d(2027, 2, 22)), d(2027, 2, 28)); // a Monday
        assert_eq!(week_end(d(2027, 2, 24)), d(2027, 2, 28));
        assert_eq!(week_end(d(2027, 2, 28)), d(2027, 2, 28)); // a Sunday
    }

    #[test]
    fn the_demo_tasks_due_this_week_and_overdue_follow_the_task_table() {
        let plan = demo_plan();
        // 2027-02-24, a Wednesday of the steady phase (month 6 on): the growth phase
        // (months 3-5, Nov-Jan) ended with its two tasks in progress, so both are overdue
        // since their last dates (Jan 2027, week 1 and week 3); 全域ROI优化 is due at the
        // end of the month, Sunday 28 February. The launch tasks are done.
        let now = task_attention(&plan, d(2027, 2, 24));
        assert_eq!(
            names(&now.due_this_week),
            vec![("全域ROI优化", d(2027, 2, 28))]
        );
        let overdue = names(&now.overdue);
        assert_eq!(overdue.len(), 2);
        assert_eq!(overdue[0].0, "线上活动策划");
        assert_eq!(overdue[1].0, "数据标签体系完善");
        for (name, date) in &overdue {
            let task = plan.tasks.iter().find(|t| t.monthly_task == *name).unwrap();
            let timing = plan.task_timing(task, d(2027, 2, 24));
            assert!(timing.overdue);
            assert_eq!(Some(*date), timing.next);
            assert!(*date < d(2027, 2, 1), "{name} last due in January");
        }
        assert_eq!(now.week_end, d(2027, 2, 28));

        // Marked done, a task leaves both lists.
        let mut plan = plan;
        for t in plan.tasks.iter_mut() {
            Arc::make_mut(t).status = TaskStatus::Done;
        }
        let done = task_attention(&plan, d(2027, 2, 24));
        assert!(done.due_this_week.is_empty() && done.overdue.is_empty());
    }

    #[test]
    fn a_task_due_today_is_due_this_week_not_overdue() {
        let plan = demo_plan();
        let now = task_attention(&plan, d(2027, 2, 28));
        assert_eq!(
            names(&now.due_this_week),
            vec![("全域ROI优化", d(2027, 2, 28))]
        );
        let next_day = task_attention(&plan, d(2027, 3, 1));
        assert!(next_day
            .due_this_week
            .iter()
            .all(|t| t.name != "全域ROI优化"));
        assert!(next_day.overdue.iter().all(|t| t.name != "全域ROI优化"));
    }

    #[test]
    fn the_demo_crosses_its_order_value_alert_only() {
        let plan = demo_plan();
        assert_eq!(alerts_crossed(&plan), vec![MetricRef::Builtin(Metric::Aov)]);
        let mut plan = plan;
        plan.kpi.alerts = Vec::new();
        assert!(alerts_crossed(&plan).is_empty());
    }

    #[test]
    fn the_demo_has_two_of_three_goals_off_track() {
        // 私域用户数: 扫码关注 3,000 of 10,000 and 活跃率 40% of 45% not met, 入群率 60%
        // met, 拼团 not linked. 季度复购率: 核销率 30% of 35% and OMO 12% of 15% not met.
        // 新区域月销售额 has no indicator.
        let plan = demo_plan();
        let (off, goals) = goals_off_track(&plan);
        assert_eq!(goals, 3);
        assert_eq!(
            off,
            vec![
                GoalOffTrack {
                    goal: RowId(500),
                    metric: "私域用户数".into(),
                    number: 1,
                    behind: 2,
                    measured: 3,
                },
                GoalOffTrack {
                    goal: RowId(501),
                    metric: "季度复购率".into(),
                    number: 2,
                    behind: 2,
                    measured: 2,
                },
            ]
        );
        // Targets lowered to what the figures show: nothing off track.
        let mut plan = plan;
        for i in plan.indicators.iter_mut() {
            Arc::make_mut(i).target = Entry::Value(Measure(0));
        }
        assert_eq!(goals_off_track(&plan).0, vec![]);
    }

    #[test]
    fn each_figure_names_every_part_it_reads() {
        // The page re-runs a figure only when a part it names changes: every edit that
        // changes a figure must touch one of its parts.
        let base = demo_plan();
        let today = d(2027, 2, 24);
        type Edit = (&'static str, fn(&mut Plan));
        let edits: Vec<Edit> = vec![
            ("funnel", |p| {
                Arc::make_mut(&mut p.funnel.stages[3]).converted = Entry::Value(300)
            }),
            ("budget", |p| p.budget.rate = Entry::Value(Measure(500))),
            ("cost", |p| {
                Arc::make_mut(&mut p.cost_lines[0]).amount = Entry::Value(Fen(1))
            }),
            ("share", |p| {
                Arc::make_mut(&mut p.budget_lines[0]).share = Entry::Value(Measure(1000))
            }),
            ("start", |p| p.header.start_date = d(2026, 12, 1)),
            ("status", |p| {
                Arc::make_mut(&mut p.tasks[2]).status = TaskStatus::Done
            }),
            ("alert", |p| {
                Arc::make_mut(&mut p.kpi.alerts[0]).threshold = Entry::Value(Measure(0))
            }),
            ("indicator", |p| {
                Arc::make_mut(&mut p.indicators[0]).target = Entry::Value(Measure(0))
            }),
            ("kpi", |p| p.kpi.report_month = Entry::Invalid("?".into())),
        ];
        for (name, edit) in edits {
            let mut plan = base.clone();
            edit(&mut plan);
            let touched = changes(&base, &plan).parts;
            let reads = |parts: &[Part]| parts.iter().any(|p| touched.contains(p));
            if conversion(&plan) != conversion(&base) {
                assert!(reads(CONVERSION_PARTS), "{name}: conversion");
            }
            if budget_summary(&plan) != budget_summary(&base) {
                assert!(reads(BUDGET_PARTS), "{name}: budget");
            }
            if task_attention(&plan, today) != task_attention(&base, today) {
                assert!(reads(TASK_PARTS), "{name}: tasks");
            }
            if alerts_crossed(&plan) != alerts_crossed(&base) {
                assert!(reads(ALERT_PARTS), "{name}: alerts");
            }
            if goals_off_track(&plan) != goals_off_track(&base) {
                assert!(reads(GOAL_PARTS), "{name}: goals");
            }
        }
    }
}
