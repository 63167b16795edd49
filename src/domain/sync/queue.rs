//! Pending uploads and the sync state.
//!
//! The [`SyncBook`] is kept in browser storage (`omo-planner.sync`), so edits made while
//! the backend is away are still waiting after a reload: per plan, the server revision
//! the local copy was last in step with, how many saved edits are not uploaded yet, and
//! which uploads failed without an answer (the server may hold them all the same).
//! The [`Phase`] is the running state (saving, offline, conflict); the header shows
//! [`SyncView`], derived from both.

use super::problem::Problem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SyncRecord {
    /// The server revision the local copy is based on; `None` = never uploaded.
    #[serde(default)]
    pub base: Option<u64>,
    /// The server's ETag for that revision, when it exposes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// Local saves since the last successful upload.
    #[serde(default)]
    pub pending: u32,
    /// Fingerprints (`fingerprint`) of the uploads since then that failed without an
    /// answer, newest last: the server may hold any of them (written, the answer lost).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unanswered: Vec<u64>,
}

/// How many unanswered uploads are remembered: enough for a backend that keeps dropping
/// answers while edits go on; older ones were replaced on the server by newer ones anyway.
const UNANSWERED_KEPT: usize = 8;

impl SyncRecord {
    /// Is a server copy with this fingerprint one of this browser's unanswered uploads?
    pub fn sent_from_here(&self, fingerprint: u64) -> bool {
        self.unanswered.contains(&fingerprint)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SyncBook {
    #[serde(default)]
    pub plans: BTreeMap<String, SyncRecord>,
}

impl SyncBook {
    /// Unreadable storage counts as empty (the plans themselves are elsewhere).
    pub fn from_json(json: &str) -> SyncBook {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the sync book serializes")
    }

    pub fn record(&self, id: &str) -> SyncRecord {
        self.plans.get(id).cloned().unwrap_or_default()
    }

    /// A local save of plan `id`: one more change to upload.
    pub fn edited(&mut self, id: &str) {
        self.plans.entry(id.to_string()).or_default().pending += 1;
    }

    /// All changes waiting, over every plan.
    pub fn total_pending(&self) -> u32 {
        self.plans.values().map(|r| r.pending).sum()
    }

    /// The plan to upload next (`prefer`, the open one, first) and how many changes that
    /// upload carries.
    pub fn next_upload(&self, prefer: &str) -> Option<(String, u32)> {
        let waiting = |(_, r): &(&String, &SyncRecord)| r.pending > 0;
        self.plans
            .get_key_value(prefer)
            .filter(|e| waiting(e))
            .or_else(|| self.plans.iter().find(waiting))
            .map(|(id, r)| (id.clone(), r.pending))
    }

    /// An upload of `sent` changes went through as `revision`. Edits made during the
    /// upload stay pending.
    pub fn uploaded(&mut self, id: &str, sent: u32, revision: u64, etag: Option<String>) {
        let r = self.plans.entry(id.to_string()).or_default();
        r.pending = r.pending.saturating_sub(sent);
        r.base = Some(revision);
        r.etag = etag;
        r.unanswered.clear();
    }

    /// An upload of plan `id` with this content fingerprint failed without an answer.
    pub fn unanswered(&mut self, id: &str, fingerprint: u64) {
        let r = self.plans.entry(id.to_string()).or_default();
        if r.unanswered.last() == Some(&fingerprint) {
            return;
        }
        r.unanswered.retain(|f| *f != fingerprint);
        r.unanswered.push(fingerprint);
        let over = r.unanswered.len().saturating_sub(UNANSWERED_KEPT);
        r.unanswered.drain(..over);
    }

    /// The local copy now equals the server's `revision` (opened from the backend, or
    /// "keep theirs" in a conflict): nothing to upload.
    pub fn in_step(&mut self, id: &str, revision: u64, etag: Option<String>) {
        self.plans.insert(
            id.to_string(),
            SyncRecord {
                base: Some(revision),
                etag,
                pending: 0,
                unanswered: Vec::new(),
            },
        );
    }

    /// "Keep mine" in a conflict: the next upload replaces `theirs` with revision
    /// theirs + 1.
    pub fn keep_mine(&mut self, id: &str, theirs: u64) {
        let r = self.plans.entry(id.to_string()).or_default();
        r.base = Some(theirs);
        r.etag = None;
        r.pending = r.pending.max(1);
        r.unanswered.clear();
    }

    /// A plan new to the backend (a copy): uploaded as a new document.
    pub fn new_plan(&mut self, id: &str) {
        self.plans.insert(
            id.to_string(),
            SyncRecord {
                base: None,
                etag: None,
                pending: 1,
                unanswered: Vec::new(),
            },
        );
    }
}

/// The running state of the uploader.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Idle,
    /// An upload is under way; `attempt` = failed tries before it (kept for the backoff).
    Saving {
        attempt: u32,
    },
    /// The backend cannot be reached; `attempt` failed tries so far (for the backoff).
    Offline {
        attempt: u32,
    },
    /// The backend answered with an error.
    Failed {
        problem: Problem,
        attempt: u32,
    },
    /// Plan `id` changed on the server since; nothing is uploaded until the merchant
    /// chooses.
    Conflict {
        id: String,
        theirs: u64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Start,
    Uploaded,
    Problem(Problem),
    Conflict { id: String, theirs: u64 },
    Resolved,
}

impl Phase {
    fn attempt(&self) -> u32 {
        match self {
            Phase::Saving { attempt }
            | Phase::Offline { attempt }
            | Phase::Failed { attempt, .. } => *attempt,
            _ => 0,
        }
    }

    /// May an upload start now? Not during one, and not while a conflict waits.
    pub fn can_start(&self) -> bool {
        !matches!(self, Phase::Saving { .. } | Phase::Conflict { .. })
    }

    pub fn step(&self, event: Event) -> Phase {
        match (self, event) {
            (Phase::Conflict { .. }, Event::Start | Event::Uploaded | Event::Problem(_)) => {
                self.clone()
            }
            (prev, Event::Start) => Phase::Saving {
                attempt: prev.attempt(),
            },
            (_, Event::Uploaded) | (_, Event::Resolved) => Phase::Idle,
            (_, Event::Conflict { id, theirs }) => Phase::Conflict { id, theirs },
            (prev, Event::Problem(problem)) => {
                let attempt = prev.attempt() + 1;
                if problem.is_offline() {
                    Phase::Offline { attempt }
                } else {
                    Phase::Failed { problem, attempt }
                }
            }
        }
    }
}

/// Milliseconds before retry number `attempt` (1, 2, ...): doubling from 1 s, at most
/// 5 s, so a backend that comes back is found quickly. The `online` event retries at once.
pub fn retry_delay_ms(attempt: u32) -> u32 {
    1_000u32
        .saturating_mul(1 << attempt.saturating_sub(1).min(10))
        .min(5_000)
}

/// What the header shows.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncView {
    /// No backend configured: nothing is shown.
    Off,
    Saved,
    Saving,
    /// Changes waiting for the upload that is about to start.
    Waiting(u32),
    Offline(u32),
    Failed(Problem, u32),
    Conflict,
}

pub fn view(enabled: bool, phase: &Phase, pending: u32) -> SyncView {
    if !enabled {
        return SyncView::Off;
    }
    match phase {
        Phase::Conflict { .. } => SyncView::Conflict,
        Phase::Saving { .. } => SyncView::Saving,
        Phase::Offline { .. } => SyncView::Offline(pending),
        Phase::Failed { problem, .. } => SyncView::Failed(*problem, pending),
        Phase::Idle if pending > 0 => SyncView::Waiting(pending),
        Phase::Idle => SyncView::Saved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_wait_until_uploaded() {
        let mut book = SyncBook::default();
        book.edited("a");
        book.edited("a");
        assert_eq!(book.total_pending(), 2);
        assert_eq!(book.next_upload("a"), Some(("a".into(), 2)));
        // An edit during the upload stays pending after it.
        book.edited("a");
        book.uploaded("a", 2, 1, None);
        assert_eq!(book.record("a").pending, 1);
        assert_eq!(book.record("a").base, Some(1));
        book.uploaded("a", 1, 2, None);
        assert_eq!(book.next_upload("a"), None);
    }

    #[test]
    fn pending_survives_a_reload() {
        let mut book = SyncBook::default();
        book.uploaded("a", 0, 3, Some("\"e3\"".into()));
        book.edited("a");
        book.edited("b");
        let reloaded = SyncBook::from_json(&book.to_json());
        assert_eq!(reloaded, book);
        assert_eq!(reloaded.total_pending(), 2);
        assert_eq!(reloaded.next_upload("b"), Some(("b".into(), 1)));
        assert_eq!(reloaded.next_upload("zzz"), Some(("a".into(), 1)));
        assert_eq!(SyncBook::from_json("garbage"), SyncBook::default());
    }

    #[test]
    fn conflict_choices() {
        let mut book = SyncBook::default();
        book.uploaded("a", 0, 2, None);
        book.edited("a");
        let mut theirs = book.clone();
        theirs.in_step("a", 5, None);
        assert_eq!(
            theirs.record("a"),
            SyncRecord {
                base: Some(5),
                etag: None,
                pending: 0,
                unanswered: Vec::new(),
            }
        );
        book.keep_mine("a", 5);
        assert_eq!(book.record("a").base, Some(5));
        assert_eq!(book.next_upload("a"), Some(("a".into(), 1)));
        book.new_plan("copy");
        assert_eq!(
            book.record("copy"),
            SyncRecord {
                base: None,
                etag: None,
                pending: 1,
                unanswered: Vec::new(),
            }
        );
    }

    #[test]
    fn unanswered_uploads_are_remembered_until_one_goes_through() {
        let mut book = SyncBook::default();
        book.uploaded("a", 0, 2, None);
        book.edited("a");
        book.unanswered("a", 11);
        book.unanswered("a", 11); // the same content retried
        book.edited("a");
        book.unanswered("a", 12);
        let r = book.record("a");
        assert_eq!(r.unanswered, vec![11, 12]);
        assert!(r.sent_from_here(11) && r.sent_from_here(12) && !r.sent_from_here(13));
        // Kept across a reload, and nothing else changed by them.
        let reloaded = SyncBook::from_json(&book.to_json());
        assert_eq!(reloaded, book);
        assert_eq!((r.base, r.pending), (Some(2), 2));
        // Only the newest few are kept.
        for f in 100..120 {
            book.unanswered("a", f);
        }
        assert_eq!(
            book.record("a").unanswered,
            (112..120).collect::<Vec<u64>>()
        );
        // An upload that went through, or a conflict answered, forgets them.
        let mut answered = book.clone();
        answered.uploaded("a", 2, 3, None);
        assert!(answered.record("a").unanswered.is_empty());
        book.keep_mine("a", 4);
        assert!(book.record("a").unanswered.is_empty());
        // A book written before unanswered uploads were kept still reads.
        let old = SyncBook::from_json(r#"{"plans":{"a":{"base":2,"pending":1}}}"#);
        assert_eq!(old.record("a").unanswered, Vec::<u64>::new());
        assert_eq!(old.record("a").pending, 1);
    }

    #[test]
    fn phases() {
        let p = Phase::Idle.step(Event::Start);
        assert_eq!(p, Phase::Saving { attempt: 0 });
        assert!(!p.can_start());
        let p = p.step(Event::Problem(Problem::Unreachable));
        assert_eq!(p, Phase::Offline { attempt: 1 });
        let p = p.step(Event::Start).step(Event::Problem(Problem::Timeout));
        // The count of failed tries goes through the retry.
        assert_eq!(p, Phase::Offline { attempt: 2 });
        let p = Phase::Offline { attempt: 2 }.step(Event::Problem(Problem::Unreachable));
        assert_eq!(p, Phase::Offline { attempt: 3 });
        let p = Phase::Idle.step(Event::Problem(Problem::Server(500)));
        assert_eq!(
            p,
            Phase::Failed {
                problem: Problem::Server(500),
                attempt: 1
            }
        );
        let c = p.step(Event::Conflict {
            id: "a".into(),
            theirs: 4,
        });
        assert!(!c.can_start());
        assert_eq!(c.step(Event::Start), c);
        assert_eq!(c.step(Event::Resolved), Phase::Idle);
        let saving = Phase::Offline { attempt: 4 }.step(Event::Start);
        assert_eq!(saving.step(Event::Uploaded), Phase::Idle);
    }

    #[test]
    fn backoff_doubles_up_to_five_seconds() {
        let delays: Vec<u32> = (1..=6).map(retry_delay_ms).collect();
        assert_eq!(delays, vec![1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
        assert_eq!(retry_delay_ms(100), 5_000);
    }

    #[test]
    fn header_state() {
        assert_eq!(view(false, &Phase::Idle, 3), SyncView::Off);
        assert_eq!(view(true, &Phase::Idle, 0), SyncView::Saved);
        assert_eq!(view(true, &Phase::Idle, 2), SyncView::Waiting(2));
        assert_eq!(
            view(true, &Phase::Saving { attempt: 0 }, 2),
            SyncView::Saving
        );
        assert_eq!(
            view(true, &Phase::Offline { attempt: 1 }, 3),
            SyncView::Offline(3)
        );
        let conflict = Phase::Conflict {
            id: "a".into(),
            theirs: 2,
        };
        assert_eq!(view(true, &conflict, 1), SyncView::Conflict);
    }
}
