//! Keeping plans on a JSON backend (any REST server with the contract in the README,
//! json-server 0.17 included) without ever losing a write. Plain logic only: the HTTP
//! glue in `state::backend` asks these functions what to do and reports what happened.
//!
//! - `settings`: which kind of backend (a JSON API or CouchDB), where it is, and whom the
//!   authorization header may go to;
//! - `couch`: the CouchDB protocol: the document shape, `_rev` handling, the list and the
//!   change feed;
//! - `problem`: what a failed request means, in words the merchant can act on;
//! - `document`: the plan document as the backend keeps it (`id` + `revision`);
//! - `revision`: whether a save may go ahead or is a conflict;
//! - `queue`: the pending uploads (kept across reloads) and the state the header shows;
//! - `diff`: the readable differences between my version and theirs;
//! - `fingerprint`: a plan's content in 64 bits, to know an unanswered upload of this
//!   browser again when the server holds it;
//! - `merge`: two tabs' versions of one plan merged, every change of either kept;
//! - `taken_in`: the server revision this browser last took in, so that two tabs of one
//!   browser never meet each other's uploads as conflicts;
//! - `offline_app`: which browsers get the service worker that opens the app offline.

pub mod couch;
pub mod diff;
pub mod document;
pub mod fingerprint;
pub mod merge;
pub mod offline_app;
pub mod problem;
pub mod queue;
pub mod revision;
pub mod settings;
pub mod taken_in;

#[cfg(test)]
mod tests {
    //! Two browsers and one server, played through the queue and the revision check: no
    //! save replaces a server copy it was not based on.
    use super::queue::SyncBook;
    use super::revision::{decide, SaveStep, ServerCopy};

    /// The server: the plan's revision and who wrote it.
    type Server = Option<(u64, &'static str)>;

    /// One upload attempt of `who`; returns true if it was a conflict.
    fn upload(book: &mut SyncBook, server: &mut Server, who: &'static str) -> bool {
        let Some((id, sent)) = book.next_upload("p") else {
            return false;
        };
        let copy = match server {
            None => ServerCopy::Missing,
            Some((revision, _)) => ServerCopy::Found {
                revision: *revision,
            },
        };
        match decide(book.record(&id).base, copy) {
            SaveStep::Create { revision } | SaveStep::Replace { revision } => {
                *server = Some((revision, who));
                book.uploaded(&id, sent, revision, None);
                false
            }
            SaveStep::Conflict { .. } => true,
        }
    }

    #[test]
    fn two_browsers_never_overwrite_each_other_silently() {
        let mut server: Server = None;
        let mut a = SyncBook::default();
        a.edited("p");
        assert!(!upload(&mut a, &mut server, "a"));
        assert_eq!(server, Some((1, "a")));

        // B opens revision 1; both edit; A uploads first.
        let mut b = SyncBook::default();
        b.in_step("p", 1, None);
        a.edited("p");
        b.edited("p");
        assert!(!upload(&mut a, &mut server, "a"));
        assert_eq!(server, Some((2, "a")));
        assert!(upload(&mut b, &mut server, "b"), "B must see a conflict");
        assert_eq!(server, Some((2, "a")), "nothing overwritten");
        assert_eq!(b.total_pending(), 1, "B's change still waits");

        // B keeps its version: it replaces revision 2 knowingly.
        b.keep_mine("p", 2);
        assert!(!upload(&mut b, &mut server, "b"));
        assert_eq!(server, Some((3, "b")));
        // A, still on revision 2, now conflicts in turn.
        a.edited("p");
        assert!(upload(&mut a, &mut server, "a"));
    }

    #[test]
    fn offline_edits_wait_across_a_reload_then_go_in_one_upload() {
        let mut server: Server = Some((4, "a"));
        let mut book = SyncBook::default();
        book.in_step("p", 4, None);
        book.edited("p");
        book.edited("p");
        // The backend is away: nothing changes but the count; the page reloads.
        let mut book = SyncBook::from_json(&book.to_json());
        assert_eq!(book.total_pending(), 2);
        assert!(!upload(&mut book, &mut server, "a"));
        assert_eq!(server, Some((5, "a")));
        assert_eq!(book.total_pending(), 0);
    }
}
