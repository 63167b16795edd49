//! One row's value of a table-wide figure: a memo per row over the table's keyed memo.

use crate::domain::values::ids::RowId;
use leptos::prelude::*;
use std::collections::HashMap;

/// A table-wide figure computed in one pass (a roll-up keyed by row id), read a row at a
/// time. A cell reads its row's memo, which holds only that row's value: when the
/// table's memo changes, every row memo re-runs (a lookup and a comparison) but only
/// the rows whose value changed notify their cells. Reading the keyed map itself, every
/// figure cell of every row re-rendered on any edit of the table.
///
/// Row memos are made on first read, under the owner that made this (the section), so
/// they live as long as the table and not as long as the cell that asked first.
pub struct RowMemos<V: Send + Sync + 'static> {
    all: Memo<HashMap<RowId, V>>,
    rows: StoredValue<HashMap<RowId, Memo<Option<V>>>>,
    owner: StoredValue<Option<Owner>>,
}

impl<V: Send + Sync + 'static> Clone for RowMemos<V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V: Send + Sync + 'static> Copy for RowMemos<V> {}

impl<V: Clone + PartialEq + Send + Sync + 'static> RowMemos<V> {
    pub fn new(all: Memo<HashMap<RowId, V>>) -> Self {
        RowMemos {
            all,
            rows: StoredValue::new(HashMap::new()),
            owner: StoredValue::new(Owner::current()),
        }
    }

    /// Row `id`'s value, following that row's value only.
    pub fn get(&self, id: RowId) -> Option<V> {
        self.row(id).get()
    }

    fn row(&self, id: RowId) -> Memo<Option<V>> {
        if let Some(memo) = self.rows.with_value(|rows| rows.get(&id).copied()) {
            return memo;
        }
        let all = self.all;
        let make = move || Memo::new(move |_| all.with(|all| all.get(&id).cloned()));
        let memo = match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.rows.update_value(|rows| {
            rows.insert(id, memo);
        });
        memo
    }
}
