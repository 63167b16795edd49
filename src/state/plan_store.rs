//! The plan document as a reactive store, with whole-plan undo / redo.
//!
//! Every change goes through [`PlanStore::edit`], so every page gets undo for free and
//! autosave sees every change. Keystrokes in one cell are merged into a single undo step
//! (same [`EditKey`] in a row), as in a spreadsheet.

use crate::domain::plan::{Plan, RowId};
use leptos::prelude::*;

/// The most undo steps kept.
const HISTORY_LIMIT: usize = 200;

/// Identifies "the same cell being typed into", to merge keystrokes into one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditKey {
    pub table: &'static str,
    pub row: RowId,
    pub column: usize,
}

#[derive(Clone, Copy)]
pub struct PlanStore {
    plan: RwSignal<Plan>,
    undo: RwSignal<Vec<Plan>>,
    redo: RwSignal<Vec<Plan>>,
    /// The cell of the last edit, while it may still be merged with the next one.
    last_key: StoredValue<Option<EditKey>>,
    /// Bumped by undo / redo, so cells being typed in drop what they were showing.
    jumps: RwSignal<u64>,
    /// Bumped by every change the merchant makes (edit, undo, redo), not by opening
    /// another plan: autosave follows this, so opening a plan does not mark it changed.
    changes: RwSignal<u64>,
}

impl PlanStore {
    pub fn new(plan: Plan) -> PlanStore {
        PlanStore {
            plan: RwSignal::new(plan),
            undo: RwSignal::new(Vec::new()),
            redo: RwSignal::new(Vec::new()),
            last_key: StoredValue::new(None),
            jumps: RwSignal::new(0),
            changes: RwSignal::new(0),
        }
    }

    /// Reads the plan, tracking it: the caller re-runs when the plan changes.
    pub fn read<T>(&self, f: impl FnOnce(&Plan) -> T) -> T {
        self.plan.with(f)
    }

    pub fn read_untracked<T>(&self, f: impl FnOnce(&Plan) -> T) -> T {
        self.plan.with_untracked(f)
    }

    /// Changes the plan as one undoable step. `key` merges consecutive edits of one cell.
    pub fn edit(&self, key: Option<EditKey>, f: impl FnOnce(&mut Plan)) {
        let merge = key.is_some() && self.last_key.with_value(|last| *last == key);
        if !merge {
            let before = self.plan.get_untracked();
            self.undo.update(|stack| {
                stack.push(before);
                if stack.len() > HISTORY_LIMIT {
                    stack.remove(0);
                }
            });
        }
        self.redo.update(Vec::clear);
        self.last_key.set_value(key);
        self.plan.update(f);
        self.changes.update(|n| *n += 1);
    }

    /// Replaces the whole plan (undoable).
    pub fn replace(&self, plan: Plan) {
        self.edit(None, move |p| *p = plan);
    }

    /// Opens another plan: its own history starts empty, so undo never jumps back into
    /// the plan that was open before. Not a change: autosave does not write it.
    pub fn reset(&self, plan: Plan) {
        self.last_key.set_value(None);
        self.undo.set(Vec::new());
        self.redo.set(Vec::new());
        self.plan.set(plan);
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

    fn step(&self, from: RwSignal<Vec<Plan>>, to: RwSignal<Vec<Plan>>) {
        let Some(target) = from.try_update(Vec::pop).flatten() else {
            return;
        };
        self.last_key.set_value(None);
        let current = self.plan.get_untracked();
        to.update(|s| s.push(current));
        self.plan.set(target);
        self.jumps.update(|n| *n += 1);
        self.changes.update(|n| *n += 1);
    }

    /// Changes whenever undo or redo moved the plan (tracked).
    pub fn history_jumps(&self) -> u64 {
        self.jumps.get()
    }
}

pub fn use_plan() -> PlanStore {
    expect_context::<PlanStore>()
}
