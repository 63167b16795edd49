//! The plan document as a reactive store, with undo / redo across every page.
//!
//! The plan itself is a plain value, not a signal: nothing can subscribe to all of it by
//! accident. What changes is announced per part of the plan (see `domain::plan::parts`):
//!
//! - a reader names the parts it reads, [`PlanStore::read_parts`], and re-runs only when one of
//!   them changes (the funnel's chain check does not run when a task is edited);
//! - a table cell reads its own row, [`PlanStore::read_row`], and re-runs only when that
//!   row changes; a table's list of rows follows [`PlanStore::track_rows`], which changes
//!   only when rows are added, removed or moved, not when a cell is typed into;
//! - the few readers that do want every change (autosave, the print view) say so with
//!   [`PlanStore::read_whole`].
//!
//! Every change goes through one of the `edit` methods, so every page gets undo for free
//! and autosave sees every change. Keystrokes in one cell are merged into a single undo
//! step (same [`EditKey`] in a row), as in a spreadsheet. An undo step keeps only what
//! the change replaced: a row for a cell edit, a part for a form field, the whole plan
//! (its rows shared, not copied) for anything else.

use crate::domain::plan::parts::{
    changes, put_part, put_row, take_part, take_row, Changes, Part, PartValue, RowValue,
};
use crate::domain::plan::Plan;
use crate::domain::values::ids::RowId;
use leptos::prelude::*;
use std::collections::HashMap;

/// The most undo steps kept.
const HISTORY_LIMIT: usize = 200;

/// Identifies "the same cell being typed into", to merge keystrokes into one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditKey {
    pub table: &'static str,
    pub row: RowId,
    pub column: usize,
}

/// What an undo (or redo) step puts back.
enum Step {
    Row(RowValue),
    Part(PartValue),
    Plan(Box<Plan>),
}

/// The change signals: one per part, one per part's list of rows, one per row being shown.
struct Signals {
    parts: Vec<ArcTrigger>,
    rows_of: Vec<ArcTrigger>,
    rows: HashMap<(Part, RowId), ArcTrigger>,
    /// Every change, for [`PlanStore::read_whole`].
    any: ArcTrigger,
}

impl Signals {
    fn new() -> Signals {
        let per_part = || Part::ALL.iter().map(|_| ArcTrigger::new()).collect();
        Signals {
            parts: per_part(),
            rows_of: per_part(),
            rows: HashMap::new(),
            any: ArcTrigger::new(),
        }
    }

    fn notify(&self, changes: &Changes) {
        if changes.is_empty() {
            return;
        }
        for part in &changes.parts {
            self.parts[part.index()].notify();
        }
        for part in &changes.structure {
            self.rows_of[part.index()].notify();
        }
        for key in &changes.rows {
            if let Some(row) = self.rows.get(key) {
                row.notify();
            }
        }
        self.any.notify();
    }
}

#[derive(Clone, Copy)]
pub struct PlanStore {
    plan: StoredValue<Plan>,
    signals: StoredValue<Signals>,
    undo: RwSignal<Vec<Step>>,
    redo: RwSignal<Vec<Step>>,
    /// The cell of the last edit, while it may still be merged with the next one.
    last_key: StoredValue<Option<EditKey>>,
    /// Bumped by undo / redo, so cells being typed in drop what they were showing.
    jumps: RwSignal<u64>,
    /// Bumped by every change the merchant makes (edit, undo, redo), not by opening
    /// another plan: autosave follows this, so opening a plan does not mark it changed.
    changes: RwSignal<u64>,
    /// A plan opened from a share link: shown, never changed (no edit, undo or
    /// autosave) until a copy is saved. Cleared by `reset` (another plan opened).
    read_only: RwSignal<bool>,
    /// Bumped by each edit refused while read-only, so the app can say why.
    refused: RwSignal<u64>,
}

impl PlanStore {
    pub fn new(plan: Plan) -> PlanStore {
        PlanStore {
            plan: StoredValue::new(plan),
            signals: StoredValue::new(Signals::new()),
            undo: RwSignal::new(Vec::new()),
            redo: RwSignal::new(Vec::new()),
            last_key: StoredValue::new(None),
            jumps: RwSignal::new(0),
            changes: RwSignal::new(0),
            read_only: RwSignal::new(false),
            refused: RwSignal::new(0),
        }
    }

    /// Shows `plan` read-only (a shared plan): as `reset`, then every edit is refused.
    pub fn show_read_only(&self, plan: Plan) {
        self.reset(plan);
        self.refused.set(0);
        self.read_only.set(true);
    }

    /// Whether the plan shown is read-only (tracked).
    pub fn read_only(&self) -> bool {
        self.read_only.get()
    }

    /// Counts the edits refused because the plan is read-only (tracked).
    pub fn refused(&self) -> u64 {
        self.refused.get()
    }

    /// A read-only plan refuses the edit: cells and fields drop what was typed (as after
    /// an undo) and show the plan's value again. One check here covers every input,
    /// since every change goes through the `edit` methods.
    fn refuse(&self) -> bool {
        if !self.read_only.get_untracked() {
            return false;
        }
        self.refused.update(|n| *n += 1);
        self.jumps.update(|n| *n += 1);
        true
    }

    /// Reads the plan, re-running the caller when one of `parts` changes. Read nothing
    /// else of the plan in `f`: a change elsewhere would not reach the caller.
    pub fn read_parts<T>(&self, parts: &[Part], f: impl FnOnce(&Plan) -> T) -> T {
        self.signals.with_value(|s| {
            for part in parts {
                s.parts[part.index()].track();
            }
        });
        self.plan.with_value(f)
    }

    /// Reads one row's part of the plan (`f` finds the row), re-running the caller when
    /// that row changes. `also`: other parts the caller reads (a derived cell's inputs).
    pub fn read_row<T>(
        &self,
        part: Part,
        id: RowId,
        also: &[Part],
        f: impl FnOnce(&Plan) -> T,
    ) -> T {
        self.signals.update_value(|s| {
            s.rows.entry((part, id)).or_default().track();
            for part in also {
                s.parts[part.index()].track();
            }
        });
        self.plan.with_value(f)
    }

    /// Re-runs the caller when rows of `part` are added, removed or moved.
    pub fn track_rows(&self, part: Part) {
        self.signals.with_value(|s| s.rows_of[part.index()].track());
    }

    /// Reads the plan, re-running the caller on any change at all. Only for what really
    /// depends on everything (the print view); a page reads its parts.
    pub fn read_whole<T>(&self, f: impl FnOnce(&Plan) -> T) -> T {
        self.signals.with_value(|s| s.any.track());
        self.plan.with_value(f)
    }

    pub fn read_untracked<T>(&self, f: impl FnOnce(&Plan) -> T) -> T {
        self.plan.with_value(f)
    }

    /// Changes the plan as one undoable step. `key` merges consecutive edits of one cell.
    /// Whatever `f` changes is found by comparing the plan before and after (rows by
    /// pointer): for actions (add, paste, import), not for keystrokes, which use
    /// [`Self::edit_row`] or [`Self::edit_part`].
    pub fn edit(&self, key: Option<EditKey>, f: impl FnOnce(&mut Plan)) {
        if self.refuse() {
            return;
        }
        let before = self.plan.with_value(Plan::clone);
        self.plan.update_value(f);
        let changed = self.plan.with_value(|after| changes(&before, after));
        if self.merges(key) {
            self.clear_redo();
        } else {
            self.push_undo(Step::Plan(Box::new(before)));
        }
        self.announce(&changed);
    }

    /// Changes one value part of the plan (a form field): `f` may change nothing else.
    pub fn edit_part(&self, part: Part, key: Option<EditKey>, f: impl FnOnce(&mut Plan)) {
        debug_assert!(
            !part.has_rows(),
            "a table's rows change through edit or edit_row"
        );
        if self.refuse() {
            return;
        }
        if self.merges(key) {
            self.clear_redo();
        } else {
            let before = self.plan.with_value(|p| take_part(p, part));
            self.push_undo(Step::Part(before));
        }
        self.plan.update_value(f);
        self.announce(&Changes {
            parts: vec![part],
            ..Changes::default()
        });
    }

    /// Changes one row of a table (a cell): `f` may change nothing else.
    pub fn edit_row(&self, part: Part, id: RowId, key: Option<EditKey>, f: impl FnOnce(&mut Plan)) {
        if self.refuse() {
            return;
        }
        if self.merges(key) {
            self.clear_redo();
        } else if let Some(before) = self.plan.with_value(|p| take_row(p, part, id)) {
            self.push_undo(Step::Row(before));
        }
        self.plan.update_value(f);
        self.announce(&Changes {
            parts: vec![part],
            rows: vec![(part, id)],
            ..Changes::default()
        });
    }

    /// Whether this edit continues the last one (same cell): no new undo step. Either
    /// way it becomes the last one.
    fn merges(&self, key: Option<EditKey>) -> bool {
        let merge = key.is_some() && self.last_key.with_value(|last| *last == key);
        self.last_key.set_value(key);
        merge
    }

    fn push_undo(&self, step: Step) {
        self.undo.update(|stack| {
            stack.push(step);
            if stack.len() > HISTORY_LIMIT {
                stack.remove(0);
            }
        });
        self.clear_redo();
    }

    /// A new change drops what could be redone (telling the redo button only when there
    /// was something: not on every keystroke).
    fn clear_redo(&self) {
        if self.redo.with_untracked(|s| !s.is_empty()) {
            self.redo.update(Vec::clear);
        }
    }

    /// Tells the readers of what changed, and autosave.
    fn announce(&self, changed: &Changes) {
        self.signals.with_value(|s| s.notify(changed));
        self.changes.update(|n| *n += 1);
    }

    /// Replaces the whole plan (undoable).
    pub fn replace(&self, plan: Plan) {
        self.edit(None, move |p| *p = plan);
    }

    /// Opens another plan: its own history starts empty, so undo never jumps back into
    /// the plan that was open before. Not a change: autosave does not write it.
    pub fn reset(&self, plan: Plan) {
        self.read_only.set(false);
        self.last_key.set_value(None);
        self.undo.set(Vec::new());
        self.redo.set(Vec::new());
        let old = self.plan.with_value(Plan::clone);
        self.plan.set_value(plan);
        let changed = self.plan.with_value(|new| changes(&old, new));
        // Row signals are kept: a row in both plans may still be shown (they are small,
        // and only rows that were shown have one).
        self.signals.with_value(|s| s.notify(&changed));
        self.jumps.update(|n| *n += 1);
    }

    /// Changes whenever the merchant changed the plan (tracked); see `changes`.
    pub fn changes(&self) -> u64 {
        self.changes.get()
    }

    /// Ends the merging of keystrokes: the next edit starts a new undo step.
    pub fn seal(&self) {
        self.last_key.set_value(None);
    }

    pub fn can_undo(&self) -> bool {
        self.undo.with(|s| !s.is_empty())
    }

    pub fn can_redo(&self) -> bool {
        self.redo.with(|s| !s.is_empty())
    }

    pub fn undo(&self) {
        self.step(self.undo, self.redo);
    }

    pub fn redo(&self) {
        self.step(self.redo, self.undo);
    }

    /// Puts back what a step kept, and keeps what it replaced on the other stack.
    fn step(&self, from: RwSignal<Vec<Step>>, to: RwSignal<Vec<Step>>) {
        let Some(step) = from.try_update(Vec::pop).flatten() else {
            return;
        };
        self.last_key.set_value(None);
        let (inverse, changed) = self
            .plan
            .try_update_value(|plan| apply(plan, step))
            .flatten()
            .unwrap_or_default();
        if let Some(inverse) = inverse {
            to.update(|s| s.push(inverse));
        }
        self.signals.with_value(|s| s.notify(&changed));
        self.jumps.update(|n| *n += 1);
        self.changes.update(|n| *n += 1);
    }

    /// Changes whenever undo or redo moved the plan (tracked).
    pub fn history_jumps(&self) -> u64 {
        self.jumps.get()
    }
}

/// Puts a step's copy back into the plan: the step that undoes that, and what changed.
fn apply(plan: &mut Plan, step: Step) -> Option<(Option<Step>, Changes)> {
    Some(match step {
        Step::Row(row) => {
            let (part, id) = (row.part(), row.id());
            let replaced = put_row(plan, row)?;
            let changed = Changes {
                parts: vec![part],
                rows: vec![(part, id)],
                ..Changes::default()
            };
            (Some(Step::Row(replaced)), changed)
        }
        Step::Part(value) => {
            let part = value.part();
            let replaced = put_part(plan, value);
            let changed = Changes {
                parts: vec![part],
                ..Changes::default()
            };
            (Some(Step::Part(replaced)), changed)
        }
        Step::Plan(other) => {
            let replaced = std::mem::replace(plan, *other);
            let changed = changes(&replaced, plan);
            (Some(Step::Plan(Box::new(replaced))), changed)
        }
    })
}

pub fn use_plan() -> PlanStore {
    expect_context::<PlanStore>()
}
