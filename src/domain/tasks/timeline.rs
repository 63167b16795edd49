//! The task timeline (Gantt) as data: the date span, the phases as bands, and per task
//! its phase's span and its due dates marked by state. Drawing is the UI's job; what is
//! late, done or ahead is decided here, where it is tested.

use crate::domain::plan::Plan;
use crate::domain::tasks::schedule::TaskStatus;
use crate::domain::tasks::Task;
use crate::domain::values::ids::RowId;
use chrono::NaiveDate;

/// How a due date is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkState {
    /// The task is done.
    Done,
    /// Today or later, task not done.
    Ahead,
    /// Passed while the task still runs (a recurring task's earlier months).
    Passed,
    /// Passed and the task is overdue.
    Overdue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub name: String,
    pub from: NaiveDate,
    /// An open-ended phase runs to the timeline's end.
    pub to: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRow {
    pub id: RowId,
    pub label: String,
    /// The task's phase on the calendar, when it has one.
    pub span: Option<(NaiveDate, NaiveDate)>,
    pub marks: Vec<(NaiveDate, MarkState)>,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub today: NaiveDate,
    pub bands: Vec<Band>,
    pub rows: Vec<TimelineRow>,
}

impl Timeline {
    pub fn due_count(&self) -> usize {
        self.rows.iter().map(|r| r.marks.len()).sum()
    }

    pub fn overdue_count(&self) -> usize {
        self.rows.iter().filter(|r| r.overdue).count()
    }
}

/// Every how many months a time axis names a month so that names do not overlap: the
/// smallest divisor of a year whose run of months (`month_width` each, the narrowest
/// month) holds the widest name. A divisor of a year, so that naming the months with
/// `month0 % step == 0` always names January, which carries the year (the Gantt).
pub fn month_label_step(month_width: f64, widest_label: f64) -> u32 {
    [1, 2, 3, 4, 6]
        .into_iter()
        .find(|&step| month_width * step as f64 >= widest_label)
        .unwrap_or(12)
}

/// The timeline of `tasks` (already filtered) in `plan` on `today`. It spans the campaign
/// start to the horizon, widened to take in every due date and today.
pub fn timeline<'a>(
    plan: &Plan,
    tasks: impl IntoIterator<Item = &'a Task>,
    today: NaiveDate,
) -> Timeline {
    let start = plan.header.start_date;
    let horizon = plan.horizon_end().unwrap_or(start);
    let rows: Vec<TimelineRow> = tasks
        .into_iter()
        .map(|task| {
            let timing = plan.task_timing(task, today);
            let phase = plan.phase_dates(&task.phase);
            let marks = timing
                .dates
                .iter()
                .map(|&d| {
                    let state = if task.status == TaskStatus::Done {
                        MarkState::Done
                    } else if d >= today {
                        MarkState::Ahead
                    } else if timing.overdue {
                        MarkState::Overdue
                    } else {
                        MarkState::Passed
                    };
                    (d, state)
                })
                .collect();
            TimelineRow {
                id: task.id,
                label: task.monthly_task.trim().to_string(),
                span: phase.map(|p| (p.from, p.to.unwrap_or(horizon).max(p.from))),
                marks,
                overdue: timing.overdue,
            }
        })
        .collect();
    let dates = rows.iter().flat_map(|r| r.marks.iter().map(|m| m.0));
    let from = dates.clone().chain([start, today]).min().unwrap_or(start);
    let to = dates.chain([horizon, today]).max().unwrap_or(horizon);
    let bands = plan
        .phases
        .iter()
        .filter_map(|p| {
            let d = p.dates(start)?;
            Some(Band {
                name: p.name.trim().to_string(),
                from: d.from,
                to: d.to.unwrap_or(to).min(to),
            })
        })
        .filter(|b| b.from <= b.to)
        .collect();
    Timeline {
        from,
        to,
        today,
        bands,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::demo::demo_plan;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn demo_timeline_on_an_injected_today() {
        let plan = demo_plan();
        let t = timeline(&plan, plan.tasks.iter().map(|t| &**t), ymd(2026, 11, 23));
        assert_eq!((t.from, t.to), (ymd(2026, 9, 1), ymd(2027, 8, 31)));
        let names: Vec<&str> = t.bands.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, ["启动期", "增长期", "稳定期"]);
        assert_eq!(t.bands[2].to, ymd(2027, 8, 31));
        assert_eq!(t.due_count(), 1 + 1 + 3 + 3 + 7);
        assert_eq!(t.overdue_count(), 0);
        assert_eq!(t.rows[0].marks, [(ymd(2026, 9, 7), MarkState::Done)]);
        // The growth task runs: November passed, December and January ahead.
        let states: Vec<MarkState> = t.rows[2].marks.iter().map(|m| m.1).collect();
        assert_eq!(
            states,
            [MarkState::Passed, MarkState::Ahead, MarkState::Ahead]
        );
        assert_eq!(t.rows[2].span, Some((ymd(2026, 11, 1), ymd(2027, 1, 31))));
    }

    #[test]
    fn month_names_thin_out_when_months_are_narrow() {
        // A desktop's year: 72 px a month holds "2027年1月" (about 55 px).
        assert_eq!(month_label_step(72.0, 58.0), 1);
        // The same year on 554 px: 46 px a month, every other month.
        assert_eq!(month_label_step(46.0, 58.0), 2);
        assert_eq!(month_label_step(19.0, 58.0), 4);
        assert_eq!(month_label_step(29.0, 58.0), 2);
        // Exactly wide enough is enough.
        assert_eq!(month_label_step(58.0, 58.0), 1);
        // Never thinner than once a year, even when nothing fits.
        assert_eq!(month_label_step(1.0, 58.0), 12);
        assert_eq!(month_label_step(0.0, 58.0), 12);
    }

    #[test]
    fn overdue_marks_and_a_span_widened_by_a_late_date() {
        let mut plan = demo_plan();
        let mut late = (*plan.tasks[1]).clone();
        late.status = TaskStatus::InProgress;
        plan.tasks[1] = std::sync::Arc::new(late);
        let mut far = (*plan.tasks[4]).clone();
        far.deadline = crate::domain::values::entry::Entry::from_text("2028-01-15");
        plan.tasks[4] = std::sync::Arc::new(far);
        let t = timeline(&plan, plan.tasks.iter().map(|t| &**t), ymd(2026, 11, 23));
        assert_eq!(t.rows[1].marks, [(ymd(2026, 9, 14), MarkState::Overdue)]);
        assert_eq!(t.overdue_count(), 1);
        assert_eq!(t.to, ymd(2028, 1, 15));
        // Filtered to no tasks: still the campaign's span, and today.
        let empty = timeline(&plan, [], ymd(2026, 11, 23));
        assert_eq!(
            (empty.from, empty.to, empty.rows.len()),
            (ymd(2026, 9, 1), ymd(2027, 8, 31), 0)
        );
    }
}
