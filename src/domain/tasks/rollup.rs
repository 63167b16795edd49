//! Progress roll-ups of the task breakdown: done / total / overdue per phase and per
//! owner, and the filter behind the task view.
//!
//! Groups are listed in the order they are first seen, so the output is stable and
//! follows the table. Phase and owner names are compared without surrounding spaces;
//! tasks with no owner form their own group under the empty name ("unassigned").

use crate::domain::tasks::schedule::TaskStatus;
use crate::domain::values::ratio::Ratio;
use serde::{Deserialize, Serialize};

/// What a roll-up needs to know about one task; `overdue` comes from
/// [`crate::domain::tasks::schedule::is_overdue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskFacts<'a> {
    pub phase: &'a str,
    pub owner: &'a str,
    pub status: TaskStatus,
    pub overdue: bool,
}

/// The counts of one group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    /// The phase or owner name, trimmed; empty for the overall tally.
    pub key: String,
    pub done: usize,
    pub total: usize,
    pub overdue: usize,
}

impl Tally {
    fn add(&mut self, task: &TaskFacts) {
        self.total += 1;
        self.done += usize::from(task.status == TaskStatus::Done);
        self.overdue += usize::from(task.overdue);
    }

    /// Share done; `None` for an empty group.
    pub fn done_ratio(&self) -> Option<Ratio> {
        Ratio::new(self.done as u64, self.total as u64)
    }
}

/// Counts over all tasks, per phase and per owner.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rollup {
    pub overall: Tally,
    pub by_phase: Vec<Tally>,
    pub by_owner: Vec<Tally>,
}

/// Tallies the tasks (filter them first with [`TaskFilter`] to roll up a selection).
pub fn rollup<'a>(tasks: impl IntoIterator<Item = TaskFacts<'a>>) -> Rollup {
    let mut out = Rollup::default();
    for task in tasks {
        out.overall.add(&task);
        group(&mut out.by_phase, task.phase).add(&task);
        group(&mut out.by_owner, task.owner).add(&task);
    }
    out
}

/// The tally for `key`, appended when first seen. A linear scan: a plan has a handful
/// of phases and owners.
fn group<'t>(tallies: &'t mut Vec<Tally>, key: &str) -> &'t mut Tally {
    let key = key.trim();
    let at = match tallies.iter().position(|t| t.key == key) {
        Some(at) => at,
        None => {
            tallies.push(Tally {
                key: key.to_string(),
                ..Tally::default()
            });
            tallies.len() - 1
        }
    };
    &mut tallies[at]
}

/// Which tasks to show; an unset field matches everything. Names compare trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaskFilter {
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub phase: Option<String>,
    #[serde(default)]
    pub status: Option<TaskStatus>,
}

impl TaskFilter {
    /// Whether the task passes every set field.
    pub fn matches(&self, task: &TaskFacts) -> bool {
        let same = |want: &Option<String>, have: &str| {
            want.as_deref().is_none_or(|w| w.trim() == have.trim())
        };
        same(&self.owner, task.owner)
            && same(&self.phase, task.phase)
            && self.status.is_none_or(|s| s == task.status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TaskStatus::*;

    fn facts() -> Vec<TaskFacts<'static>> {
        let t = |phase, owner, status, overdue| TaskFacts {
            phase,
            owner,
            status,
            overdue,
        };
        vec![
            t("启动期", "明", Done, false),
            t("启动期", "华", InProgress, true),
            t("增长期", "明", NotStarted, false),
            t("增长期 ", "雪", Blocked, true),
            t("稳定期", "", InProgress, false),
            t("增长期", " 华", Done, false),
        ]
    }

    fn tally(key: &str, done: usize, total: usize, overdue: usize) -> Tally {
        Tally {
            key: key.to_string(),
            done,
            total,
            overdue,
        }
    }

    #[test]
    fn per_phase_and_owner_in_first_seen_order() {
        let r = rollup(facts());
        assert_eq!(r.overall, tally("", 2, 6, 2));
        assert_eq!(
            r.by_phase,
            [
                tally("启动期", 1, 2, 1),
                tally("增长期", 1, 3, 1),
                tally("稳定期", 0, 1, 0)
            ]
        );
        assert_eq!(
            r.by_owner,
            [
                tally("明", 1, 2, 0),
                tally("华", 1, 2, 1),
                tally("雪", 0, 1, 1),
                tally("", 0, 1, 0)
            ]
        );
        assert_eq!(r.by_phase[1].done_ratio().unwrap().basis_points(), 3333);
        assert_eq!(rollup(Vec::new()), Rollup::default());
        assert_eq!(Rollup::default().overall.done_ratio(), None);
    }

    #[test]
    fn filters_combine() {
        let all = facts();
        let count = |f: &TaskFilter| all.iter().filter(|t| f.matches(t)).count();
        assert_eq!(count(&TaskFilter::default()), 6);
        let by_owner = TaskFilter {
            owner: Some("华".into()),
            ..TaskFilter::default()
        };
        assert_eq!(count(&by_owner), 2);
        let growth_done = TaskFilter {
            phase: Some("增长期".into()),
            status: Some(Done),
            ..TaskFilter::default()
        };
        assert_eq!(count(&growth_done), 1);
        let unassigned = TaskFilter {
            owner: Some(String::new()),
            ..TaskFilter::default()
        };
        assert_eq!(count(&unassigned), 1);
        let nobody = TaskFilter {
            owner: Some("磊".into()),
            ..TaskFilter::default()
        };
        assert_eq!(count(&nobody), 0);
        // A roll-up of a filtered selection.
        let r = rollup(all.iter().copied().filter(|t| by_owner.matches(t)));
        assert_eq!(r.overall, tally("", 1, 2, 1));
        assert_eq!(r.by_owner, [tally("华", 1, 2, 1)]);
    }

    #[test]
    fn filter_json_tolerates_missing_fields() {
        let f: TaskFilter = serde_json::from_str(r#"{"status":"blocked"}"#).unwrap();
        assert_eq!(
            f,
            TaskFilter {
                status: Some(Blocked),
                ..TaskFilter::default()
            }
        );
    }
}
