//! Saves the plan shortly after every change, and reports how that went.

use super::plan_store::PlanStore;
use super::storage::{PlanStorage, StorageError};
use crate::domain::schema::save_plan;
use crate::i18n::Msg;
use leptos::prelude::*;
use std::time::Duration;

/// Edits are written this long after the last keystroke (well within the one second
/// the product promises), so fast typing costs one write, not one per key.
const SAVE_DELAY: Duration = Duration::from_millis(300);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    Pending,
    Failed(StorageError),
}

impl SaveStatus {
    /// What the user is told, with the way forward when saving fails.
    pub fn message(&self) -> Msg {
        match self {
            SaveStatus::Saved => Msg::SaveSaved,
            SaveStatus::Pending => Msg::SavePending,
            SaveStatus::Failed(StorageError::Full) => Msg::SaveFull,
            SaveStatus::Failed(StorageError::Unavailable) => Msg::SaveUnavailable,
        }
    }
}

/// Starts autosave; the returned signal tells the shell what to show.
pub fn start_autosave(
    store: PlanStore,
    storage: impl PlanStorage + Send + Sync + 'static,
    initial: SaveStatus,
) -> ReadSignal<SaveStatus> {
    let (status, set_status) = signal(initial);
    let storage = StoredValue::new(storage);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let write = move || {
        let json = store.read_untracked(save_plan);
        let result = storage.with_value(|s| s.save(&json));
        set_status.set(match result {
            Ok(()) => SaveStatus::Saved,
            Err(e) => SaveStatus::Failed(e),
        });
    };
    Effect::new(move |first_run: Option<()>| {
        store.read(|_| ()); // track every change of the plan
        if first_run.is_none() {
            return; // the plan just loaded is what storage already has (or the demo)
        }
        set_status.set(SaveStatus::Pending);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let fire = move || {
            pending.set_value(None);
            write();
        };
        pending.set_value(set_timeout_with_handle(fire, SAVE_DELAY).ok());
    });
    // A reload or a closed tab must not lose the last keystrokes; with nothing pending it
    // writes nothing (another tab may have saved since).
    let flush = window_event_listener(leptos::ev::pagehide, move |_| {
        if let Some(h) = pending.get_value() {
            pending.set_value(None);
            h.clear();
            write();
        }
    });
    on_cleanup(move || flush.remove());
    status
}
