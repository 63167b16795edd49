//! Which one cell of a table holds something (the text being typed, the focus), told to
//! that cell alone. One signal read by every cell would wake all of them at each change,
//! to compare; here a change wakes the cell it leaves and the cell it enters.

use leptos::prelude::*;
use std::collections::HashMap;

/// A cell: its row's id and its column.
pub(super) type CellKey = (crate::domain::values::ids::RowId, usize);

#[derive(Default)]
struct Flag {
    at: Option<CellKey>,
    /// A trigger per cell shown, with how many views of that cell follow it.
    watchers: HashMap<CellKey, (ArcTrigger, usize)>,
}

/// A flag on at most one cell of a table.
#[derive(Clone, Copy)]
pub(super) struct CellFlag(StoredValue<Flag>);

impl CellFlag {
    pub(super) fn new() -> CellFlag {
        CellFlag(StoredValue::new(Flag::default()))
    }

    /// Whether the flag is on `cell`; the reactive reader re-runs when that changes.
    /// The cell's view calls [`CellFlag::watch`] first.
    pub(super) fn is_on(self, cell: CellKey) -> bool {
        self.0
            .try_with_value(|f| {
                if let Some((trigger, _)) = f.watchers.get(&cell) {
                    trigger.track();
                }
                f.at == Some(cell)
            })
            .unwrap_or(false)
    }

    /// Moves the flag (or takes it off): the cells it leaves and enters are told.
    pub(super) fn set(self, at: Option<CellKey>) {
        let told = self.0.try_update_value(|f| {
            if f.at == at {
                return Vec::new();
            }
            let old = std::mem::replace(&mut f.at, at);
            [old, at]
                .into_iter()
                .flatten()
                .filter_map(|cell| f.watchers.get(&cell).map(|(t, _)| t.clone()))
                .collect()
        });
        // Told outside the borrow: a reader may run at once and ask again.
        for trigger in told.into_iter().flatten() {
            trigger.notify();
        }
    }

    /// Registers a view of `cell` for as long as the current reactive owner lives (the
    /// cell's row), so that a cell scrolled out of a virtual table leaves nothing behind.
    pub(super) fn watch(self, cell: CellKey) {
        self.0.update_value(|f| {
            f.watchers
                .entry(cell)
                .or_insert_with(|| (ArcTrigger::new(), 0))
                .1 += 1;
        });
        on_cleanup(move || {
            self.0.try_update_value(|f| {
                if let Some(entry) = f.watchers.get_mut(&cell) {
                    entry.1 -= 1;
                    if entry.1 == 0 {
                        f.watchers.remove(&cell);
                    }
                }
            });
        });
    }
}
