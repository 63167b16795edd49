//! The sync itself: uploads, pulls, retries and the answers to a conflict. Its own wasm
//! module (`sync`), fetched once a backend is configured (`Backend::with_engine`): a
//! merchant who keeps plans on this device only never loads it.

use super::http::{send, test_json};
use super::{couch, note_taken_in, taken_in, Backend, Conflict, Fut};
use crate::domain::plan::list::copy_name;
use crate::domain::plan::schema::{load_plan, LoadError};
use crate::domain::sync::diff::{diff, same_plan};
use crate::domain::sync::document::{
    from_backend, list_entries, to_backend, RemoteEntry, RemotePlan,
};
use crate::domain::sync::fingerprint::{fingerprint, fingerprint_of_text};
use crate::domain::sync::problem::{classify_status, parse_list, parse_object, Problem};
use crate::domain::sync::queue::{retry_delay_ms, Event, Phase, SyncBook};
use crate::domain::sync::revision::{
    conditional_put, decide, write_outcome, SaveStep, ServerCopy, WriteOutcome,
};
use crate::domain::sync::settings::{BackendKind, BackendSettings};
use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// One plan read from the backend; `None` = not there.
pub type Fetched = Result<Option<RemotePlan>, Problem>;

/// What the main module calls once this module is here.
pub struct SyncEngine {
    pub pull: fn(Backend, String),
    pub kick: fn(Backend),
    pub settle: fn(Backend),
    pub keep_theirs: fn(Backend) -> Result<(), LoadError>,
    pub keep_mine: fn(Backend),
    pub save_mine_as_copy: fn(Backend, &str) -> Result<(), LoadError>,
    /// Follows the backend's changes (CouchDB's `_changes`; nothing for a JSON API).
    pub watch: fn(Backend),
    pub fetch: fn(BackendSettings, String) -> Fut<Fetched>,
    pub list: fn(BackendSettings) -> Fut<Result<Vec<RemoteEntry>, Problem>>,
    /// "Test connection": Ok = how many plans (documents, for CouchDB).
    pub test: fn(BackendSettings) -> Fut<Result<usize, Problem>>,
    /// CouchDB: `PUT {db}`.
    pub create_database: fn(BackendSettings) -> Fut<Result<(), Problem>>,
}

pub static ENGINE: SyncEngine = SyncEngine {
    pull: |b, id| b.pull_now(id),
    kick: |b| b.kick_now(),
    settle: |b| b.settle_now(),
    keep_theirs: |b| b.keep_theirs_now(),
    keep_mine: |b| b.keep_mine_now(),
    save_mine_as_copy: |b, suffix| b.save_mine_as_copy_now(suffix),
    watch: couch::watch,
    fetch: |settings, id| Box::pin(async move { fetch(&settings, &id).await }),
    list: |settings| Box::pin(async move { list(&settings).await }),
    test: |settings| {
        Box::pin(async move {
            match settings.kind {
                BackendKind::Json => test_json(&settings).await,
                BackendKind::Couch => couch::test(&settings).await,
            }
        })
    },
    create_database: |settings| Box::pin(async move { couch::create_database(&settings).await }),
};

pub(super) enum Upload {
    Done { revision: u64, etag: Option<String> },
    Conflict(RemotePlan),
}

/// Reads one plan from the backend; `None` = 404.
async fn fetch(settings: &BackendSettings, id: &str) -> Result<Option<RemotePlan>, Problem> {
    if settings.kind == BackendKind::Couch {
        return couch::fetch(settings, id).await;
    }
    let reply = send(settings, Method::GET, &settings.item_url(id), None, None).await?;
    if reply.status == 404 {
        return Ok(None);
    }
    if let Some(p) = classify_status(reply.status) {
        return Err(p);
    }
    let doc = parse_object(&reply.body)?;
    from_backend(doc).map(Some).ok_or(Problem::WrongShape)
}

/// The backend's list of plans.
async fn list(settings: &BackendSettings) -> Result<Vec<RemoteEntry>, Problem> {
    if settings.kind == BackendKind::Couch {
        return couch::list(settings).await;
    }
    let reply = send(
        settings,
        Method::GET,
        &settings.collection_url(),
        None,
        None,
    )
    .await?;
    if let Some(p) = classify_status(reply.status) {
        return Err(p);
    }
    Ok(list_entries(&parse_list(&reply.body)?))
}

/// Sends `json` as `revision` with `method` (POST to create, PUT to replace).
async fn write(
    settings: &BackendSettings,
    id: &str,
    json: &str,
    revision: u64,
    create: bool,
    if_match: Option<&str>,
) -> Result<Upload, Problem> {
    let (method, url) = if create {
        (Method::POST, settings.collection_url())
    } else {
        (Method::PUT, settings.item_url(id))
    };
    let body = to_backend(json, id, revision);
    let reply = send(settings, method, &url, Some(body), if_match).await?;
    match write_outcome(reply.status) {
        WriteOutcome::Saved => Ok(Upload::Done {
            revision,
            etag: reply.etag,
        }),
        WriteOutcome::Conflict => match fetch(settings, id).await? {
            Some(theirs) => Ok(Upload::Conflict(theirs)),
            None => Err(Problem::NotFound),
        },
        WriteOutcome::Failed(p) => Err(p),
    }
}

/// One upload of plan `id`, never overwriting a server copy it was not based on.
async fn try_upload(
    settings: &BackendSettings,
    id: &str,
    json: &str,
    base: Option<u64>,
    etag: Option<&str>,
) -> Result<Upload, Problem> {
    if settings.kind == BackendKind::Couch {
        // The server checks the `_rev` (kept in the etag's place): no read first.
        return couch::upload(settings, id, json, etag.filter(|_| base.is_some())).await;
    }
    if let Some((revision, tag)) = conditional_put(base, etag) {
        return write(settings, id, json, revision, false, Some(&tag)).await;
    }
    let server = fetch(settings, id).await?;
    let copy = match &server {
        None => ServerCopy::Missing,
        Some(r) => ServerCopy::Found {
            revision: r.revision,
        },
    };
    match decide(base, copy) {
        SaveStep::Create { revision } => write(settings, id, json, revision, true, None).await,
        SaveStep::Replace { revision } => write(settings, id, json, revision, false, None).await,
        SaveStep::Conflict { .. } => {
            let theirs = server.expect("a conflict needs a server copy");
            let mine: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
            if same_plan(&mine, &theirs.plan) {
                // Already there (an earlier upload's answer was lost): now in step.
                return Ok(Upload::Done {
                    revision: theirs.revision,
                    etag: None,
                });
            }
            Ok(Upload::Conflict(theirs))
        }
    }
}

/// "Keep mine": the next upload replaces `theirs`; on CouchDB it carries their `_rev`.
fn keep_mine_over(book: &mut SyncBook, id: &str, theirs: &RemotePlan) {
    book.keep_mine(id, theirs.revision);
    if let Some(r) = book.plans.get_mut(id) {
        r.etag = theirs.rev.clone();
    }
}

impl Backend {
    fn schedule_retry(&self) {
        let attempt = match self.phase.get_untracked() {
            Phase::Offline { attempt } | Phase::Failed { attempt, .. } => attempt,
            _ => return,
        };
        self.cancel_retry();
        let this = *self;
        let delay = Duration::from_millis(retry_delay_ms(attempt).into());
        let handle = set_timeout_with_handle(
            move || {
                this.retry.set_value(None);
                this.kick_now();
            },
            delay,
        );
        self.retry.set_value(handle.ok());
    }

    /// Takes the server copy of plan `id` when it is newer and nothing local waits.
    pub(super) fn pull_now(&self, id: String) {
        if !self.phase.with_untracked(Phase::can_start) {
            return;
        }
        self.set_phase(Event::Start);
        let this = *self;
        let settings = self.settings.get_untracked();
        spawn_local(async move {
            match fetch(&settings, &id).await {
                Ok(Some(remote)) => {
                    let record = this.book.with_untracked(|b| b.record(&id));
                    if record.pending == 0 && record.base != Some(remote.revision) {
                        if let Ok(plan) = load_plan(&remote.plan.to_string()) {
                            if this.plans.put_plan(&id, plan).is_ok() {
                                this.book
                                    .update(|b| b.in_step(&id, remote.revision, remote.rev));
                                this.persist();
                                note_taken_in(&id, remote.revision);
                            }
                        }
                    }
                    this.set_phase(Event::Uploaded);
                    this.kick_now();
                }
                Ok(None) => {
                    // Gone from the server: put it back.
                    this.book.update(|b| b.edited(&id));
                    this.persist();
                    this.set_phase(Event::Uploaded);
                    this.kick_now();
                }
                Err(p) => {
                    this.set_phase(Event::Problem(p));
                    this.schedule_retry();
                }
            }
        });
    }

    /// Starts the next upload, unless one runs or a conflict waits.
    pub(super) fn kick_now(&self) {
        if !self.enabled_untracked() || !self.phase.with_untracked(Phase::can_start) {
            return;
        }
        self.cancel_retry();
        let current = self.plans.current_untracked();
        let Some((id, sent)) = self.book.with_untracked(|b| b.next_upload(&current)) else {
            self.phase.set(Phase::Idle);
            return;
        };
        self.set_phase(Event::Start);
        let this = *self;
        spawn_local(async move { this.upload(id, sent).await });
    }

    async fn upload(self, id: String, sent: u32) {
        let settings = self.settings.get_untracked();
        let json = match self.plans.stored(&id).await {
            Ok(Some(json)) => json,
            // Not readable just now: the change stays queued for the next attempt (the
            // next save, coming back online).
            Err(_) => {
                self.phase.set(Phase::Idle);
                return;
            }
            // Deleted on this device: nothing left to upload.
            Ok(None) => {
                self.book.update(|b| {
                    b.plans.remove(&id);
                });
                self.persist();
                self.set_phase(Event::Uploaded);
                self.kick_now();
                return;
            }
        };
        let record = self.book.with_untracked(|b| b.record(&id));
        match try_upload(&settings, &id, &json, record.base, record.etag.as_deref()).await {
            Ok(Upload::Done { revision, etag }) => {
                self.book.update(|b| b.uploaded(&id, sent, revision, etag));
                self.persist();
                note_taken_in(&id, revision);
                self.set_phase(Event::Uploaded);
                self.kick_now();
            }
            Ok(Upload::Conflict(theirs))
                if taken_in().holds(&id, theirs.revision)
                    || record.sent_from_here(fingerprint(&theirs.plan)) =>
            {
                // Another tab of this browser uploaded it from the stored plan, which
                // still holds it, or it is this tab's own upload whose answer was lost
                // (edited since): replaced as their revision + 1, nobody asked.
                self.book.update(|b| keep_mine_over(b, &id, &theirs));
                self.persist();
                self.set_phase(Event::Uploaded);
                self.kick_now();
            }
            Ok(Upload::Conflict(theirs)) => {
                let mine: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
                let differences = diff(&mine, &theirs.plan);
                let revision = theirs.revision;
                self.conflict.set(Some(Conflict {
                    id: id.clone(),
                    theirs,
                    differences,
                    mine: json,
                }));
                self.set_phase(Event::Conflict {
                    id,
                    theirs: revision,
                });
            }
            Err(p) => {
                // The body may have been written before the failure (a crash, a dropped
                // answer): its content is remembered so the retry knows it again.
                if let Some(f) = fingerprint_of_text(&json) {
                    self.book.update(|b| b.unanswered(&id, f));
                    self.persist();
                }
                self.set_phase(Event::Problem(p));
                self.schedule_retry();
            }
        }
    }

    /// Another tab of this browser noted an upload of its own: a conflict waiting here
    /// with that revision or an older one was that tab's doing (its answer came after
    /// this tab fetched the server copy). Uploading again checks the server's copy afresh:
    /// one this browser holds is replaced, any other is still a conflict.
    pub(super) fn settle_now(&self) {
        let stale = self.conflict.with_untracked(|c| {
            c.as_ref()
                .is_some_and(|c| taken_in().reached(&c.id, c.theirs.revision))
        });
        if stale {
            self.keep_mine_now();
        }
    }

    fn resolved(&self) {
        self.persist();
        self.conflict.set(None);
        self.set_phase(Event::Resolved);
        self.kick_now();
    }

    /// Conflict: take the server's version here (my changes are dropped).
    pub(super) fn keep_theirs_now(&self) -> Result<(), LoadError> {
        let Some(c) = self.conflict.get_untracked() else {
            return Ok(());
        };
        let plan = load_plan(&c.theirs.plan.to_string())?;
        if self.plans.put_plan(&c.id, plan).is_ok() {
            self.book
                .update(|b| b.in_step(&c.id, c.theirs.revision, c.theirs.rev.clone()));
            note_taken_in(&c.id, c.theirs.revision);
            self.resolved();
        }
        Ok(())
    }

    /// Conflict: replace the server's version with mine (as their revision + 1).
    pub(super) fn keep_mine_now(&self) {
        let Some(c) = self.conflict.get_untracked() else {
            return;
        };
        self.book.update(|b| keep_mine_over(b, &c.id, &c.theirs));
        self.resolved();
    }

    /// Conflict: my version becomes a new plan, its name + `suffix` ("副本"), uploaded as
    /// a new document; this plan takes the server's version.
    pub(super) fn save_mine_as_copy_now(&self, suffix: &str) -> Result<(), LoadError> {
        let Some(c) = self.conflict.get_untracked() else {
            return Ok(());
        };
        let json = self.plans.working_copy(&c.id).unwrap_or(c.mine);
        let mut mine = load_plan(&json)?;
        load_plan(&c.theirs.plan.to_string())?;
        let names = self.plans.names();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        mine.header.name = copy_name(&mine.header.name, suffix, &names);
        if let Ok(copy) = self.plans.add_plan(&mine) {
            self.book.update(|b| b.new_plan(&copy));
            self.keep_theirs_now()?;
        }
        Ok(())
    }
}
