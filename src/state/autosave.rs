//! Saves the plan shortly after every change, and reports how that went.

use super::plans::Plans;
use super::storage::{StorageError, PLAN_KEY};
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

/// Starts autosave of the open plan: every change is written to that plan's own key,
/// and its entry in the list (name, industry, updated time) follows.
pub fn start_autosave(plans: Plans) {
    let store = plans.store;
    Effect::new(move |first_run: Option<()>| {
        store.changes(); // track every change the merchant makes
        if first_run.is_none() {
            return; // the plan just loaded is what storage already has (or the demo)
        }
        plans.schedule(SAVE_DELAY);
    });
    // A reload or a closed tab must not lose the last keystrokes; with nothing pending it
    // writes nothing (another tab may have saved since).
    let flush = window_event_listener(leptos::ev::pagehide, move |_| plans.flush());
    // Another tab saved a plan: the open one follows it (see `adopt_from_other_tab`).
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        let (Some(key), Some(json)) = (ev.key(), ev.new_value()) else {
            return;
        };
        if let Some(id) = key.strip_prefix(PLAN_KEY).and_then(|k| k.strip_prefix('.')) {
            plans.adopt_from_other_tab(id, &json);
        }
    });
    on_cleanup(move || {
        flush.remove();
        other_tab.remove();
    });
    // Plans that are not open belong in the archive: move those an earlier version (or
    // an interrupted move) left in `localStorage`. A moment after the start, never in
    // the way of the first paint; with nothing to move, the archive's module is not even
    // fetched.
    set_timeout(
        move || {
            if plans.has_loose_copies() {
                plans.tidy();
            }
        },
        ARCHIVE_DELAY,
    );
}

/// How long after the start the archive is tidied.
const ARCHIVE_DELAY: Duration = Duration::from_secs(1);
