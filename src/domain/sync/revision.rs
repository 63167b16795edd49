//! No lost writes: a save replaces the backend copy only when that copy is the one the
//! local copy was based on. With an ETag the server checks (`If-Match`, 412 = conflict);
//! without one (json-server 0.17) the client reads the server copy first and compares
//! `revision`s.

/// What the server holds for a plan, read just before saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerCopy {
    /// 404: not there (never uploaded, or deleted there).
    Missing,
    Found {
        revision: u64,
    },
}

/// What to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    /// `POST {collection}` with this revision.
    Create { revision: u64 },
    /// `PUT {collection}/{id}` with this revision.
    Replace { revision: u64 },
    /// Someone else saved since: show both versions, send nothing.
    Conflict { theirs: u64 },
}

/// The step after reading the server copy; `base` = the server revision the local
/// copy was last in step with (`None` = never uploaded).
pub fn decide(base: Option<u64>, server: ServerCopy) -> SaveStep {
    match (base, server) {
        (None, ServerCopy::Missing) => SaveStep::Create { revision: 1 },
        // Gone from the server: creating it again overwrites nothing.
        (Some(b), ServerCopy::Missing) => SaveStep::Create { revision: b + 1 },
        (Some(b), ServerCopy::Found { revision }) if b == revision => SaveStep::Replace {
            revision: revision + 1,
        },
        // A different revision, or a plan with this id this browser never saw.
        (_, ServerCopy::Found { revision }) => SaveStep::Conflict { theirs: revision },
    }
}

/// With a known ETag of the copy we are based on, the save is a conditional `PUT`
/// (`If-Match`) and needs no read first.
pub fn conditional_put(base: Option<u64>, etag: Option<&str>) -> Option<(u64, String)> {
    match (base, etag) {
        (Some(b), Some(tag)) if !tag.is_empty() => Some((b + 1, tag.to_string())),
        _ => None,
    }
}

/// What a `PUT`/`POST` status means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Saved,
    /// 412 (the `If-Match` failed) or 409: changed on the server meanwhile.
    Conflict,
    Failed(super::problem::Problem),
}

pub fn write_outcome(status: u16) -> WriteOutcome {
    match status {
        412 | 409 => WriteOutcome::Conflict,
        s => match super::problem::classify_status(s) {
            None => WriteOutcome::Saved,
            Some(p) => WriteOutcome::Failed(p),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sync::problem::Problem;

    #[test]
    fn first_upload_creates() {
        assert_eq!(
            decide(None, ServerCopy::Missing),
            SaveStep::Create { revision: 1 }
        );
    }

    #[test]
    fn same_revision_replaces_with_the_next_one() {
        let step = decide(Some(4), ServerCopy::Found { revision: 4 });
        assert_eq!(step, SaveStep::Replace { revision: 5 });
    }

    #[test]
    fn another_revision_is_a_conflict() {
        let step = decide(Some(4), ServerCopy::Found { revision: 5 });
        assert_eq!(step, SaveStep::Conflict { theirs: 5 });
        // Even an older one: the server copy is never overwritten silently.
        let step = decide(Some(4), ServerCopy::Found { revision: 2 });
        assert_eq!(step, SaveStep::Conflict { theirs: 2 });
        let step = decide(None, ServerCopy::Found { revision: 1 });
        assert_eq!(step, SaveStep::Conflict { theirs: 1 });
    }

    #[test]
    fn deleted_on_the_server_is_created_again() {
        assert_eq!(
            decide(Some(3), ServerCopy::Missing),
            SaveStep::Create { revision: 4 }
        );
    }

    #[test]
    fn etag_makes_the_put_conditional() {
        assert_eq!(
            conditional_put(Some(2), Some("W/\"a\"")),
            Some((3, "W/\"a\"".into()))
        );
        assert_eq!(conditional_put(Some(2), None), None);
        assert_eq!(conditional_put(None, Some("x")), None);
        assert_eq!(write_outcome(412), WriteOutcome::Conflict);
        assert_eq!(write_outcome(200), WriteOutcome::Saved);
        assert_eq!(write_outcome(201), WriteOutcome::Saved);
        assert_eq!(
            write_outcome(500),
            WriteOutcome::Failed(Problem::Server(500))
        );
    }
}
