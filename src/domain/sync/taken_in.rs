//! The server revision of each plan that this browser last took in: uploaded from its
//! stored plan, or stored from the server. Every tab of the browser merges its edits into
//! that one stored plan, so a server copy at exactly that revision holds nothing the
//! stored plan lacks. When another tab of the same browser uploaded it, an upload here
//! meets it as a changed server copy; it is no rival version, and replacing it loses
//! nothing (asking the merchant to choose, and "keep theirs", could).
//!
//! Kept under its own storage key, apart from the `SyncBook` that each tab writes whole,
//! so that one tab cannot roll back what another noted. Two tabs noting at the same
//! moment may still lose one note; that only brings back the conflict question.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TakenIn {
    #[serde(default)]
    pub plans: BTreeMap<String, u64>,
}

impl TakenIn {
    /// Unreadable storage counts as empty: every server change is then a conflict again.
    pub fn from_json(json: &str) -> TakenIn {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("revisions serialize")
    }

    /// Plan `id` is in step with the server's `revision`; an older note never replaces a
    /// newer one (tabs may report out of order).
    pub fn note(&mut self, id: &str, revision: u64) {
        let last = self.plans.entry(id.to_string()).or_default();
        *last = (*last).max(revision);
    }

    /// Does the stored plan already hold the server's copy of `id` at `theirs`?
    pub fn holds(&self, id: &str, theirs: u64) -> bool {
        self.plans.get(id) == Some(&theirs)
    }

    /// Has this browser taken in `theirs` or a later revision of `id`? A conflict that
    /// waits with such a revision is out of date: another tab has uploaded since, so
    /// uploading again (which checks the server's current copy afresh) settles it.
    pub fn reached(&self, id: &str, theirs: u64) -> bool {
        self.plans.get(id).is_some_and(|&last| last >= theirs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_revision_last_taken_in_is_held() {
        let mut taken = TakenIn::default();
        assert!(!taken.holds("p", 1));
        taken.note("p", 2);
        taken.note("p", 1); // a late report of an older upload
        assert!(taken.holds("p", 2));
        // Written since by someone else, or an older copy brought back: a real conflict.
        assert!(!taken.holds("p", 3));
        assert!(!taken.holds("p", 1));
        assert!(!taken.holds("q", 2));
        // A conflict with revision 1 or 2 is out of date once 2 is taken in; 3 is not.
        assert!(taken.reached("p", 1) && taken.reached("p", 2));
        assert!(!taken.reached("p", 3) && !taken.reached("q", 1));
    }

    #[test]
    fn survives_storage_and_forgives_garbage() {
        let mut taken = TakenIn::default();
        taken.note("p", 7);
        assert_eq!(TakenIn::from_json(&taken.to_json()), taken);
        assert_eq!(TakenIn::from_json("{not json"), TakenIn::default());
    }
}
