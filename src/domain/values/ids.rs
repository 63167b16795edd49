//! Row identity and row storage, shared by every table of the plan. Kept apart from the
//! plan document so a section's rows can name their ids without importing the plan.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A row's identity inside the plan: stable across edits and reorders, so the UI can
/// key rows and undo can find them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RowId(pub u64);

/// A table's rows. Each row is shared, so an undo snapshot of a 10,000-row table copies
/// pointers, not rows, and an edit copies only the row it changes.
pub type Rows<T> = Vec<Arc<T>>;
