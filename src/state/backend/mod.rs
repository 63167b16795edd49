//! The JSON backend at run time: settings in this browser, uploads after each local
//! save (queued in storage while the backend is away), conflicts held until the merchant
//! chooses, and plans opened from the backend. What to do at each step is decided by
//! `domain::sync`; `http` does the requests.
//!
//! Storage keys: `omo-planner.backend` (the settings; never part of a plan),
//! `omo-planner.sync` (per plan: the server revision it is based on, changes waiting) and
//! `omo-planner.sync.taken-in` (per plan: the server revision this browser last took in,
//! shared by its tabs; see `domain::sync::taken_in`).

mod http;

pub use http::test_connection;

use super::autosave::SaveStatus;
use super::plans::{OpenError, Plans};
use super::storage::{local_storage, set_item};
use crate::domain::plan_list::copy_name;
use crate::domain::schema::{load_plan, LoadError};
use crate::domain::sync::diff::{diff, same_plan, Difference};
use crate::domain::sync::document::{
    from_backend, list_entries, to_backend, RemoteEntry, RemotePlan,
};
use crate::domain::sync::problem::{classify_status, parse_list, parse_object, Problem};
use crate::domain::sync::queue::{retry_delay_ms, view, Event, Phase, SyncBook, SyncView};
use crate::domain::sync::revision::{
    conditional_put, decide, write_outcome, SaveStep, ServerCopy, WriteOutcome,
};
use crate::domain::sync::settings::BackendSettings;
use crate::domain::sync::taken_in::TakenIn;
use gloo_net::http::Method;
use http::send;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

pub const SETTINGS_KEY: &str = "omo-planner.backend";
pub const SYNC_KEY: &str = "omo-planner.sync";
pub const TAKEN_IN_KEY: &str = "omo-planner.sync.taken-in";

/// A save that found the server copy changed: both versions and their differences.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub theirs: RemotePlan,
    pub differences: Vec<Difference>,
}

/// Why a plan could not be opened from the backend.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenRemoteError {
    Backend(Problem),
    Unreadable(LoadError),
    Local(OpenError),
}

enum Upload {
    Done { revision: u64, etag: Option<String> },
    Conflict(RemotePlan),
}

#[derive(Clone, Copy)]
pub struct Backend {
    plans: Plans,
    settings: RwSignal<BackendSettings>,
    book: RwSignal<SyncBook>,
    phase: RwSignal<Phase>,
    conflict: RwSignal<Option<Conflict>>,
    retry: StoredValue<Option<TimeoutHandle>>,
}

fn read_key(key: &str) -> Option<String> {
    local_storage().ok()?.get_item(key).ok().flatten()
}

fn taken_in() -> TakenIn {
    read_key(TAKEN_IN_KEY)
        .map(|json| TakenIn::from_json(&json))
        .unwrap_or_default()
}

/// The stored plan `id` now holds the server's `revision` (read fresh: other tabs note too).
fn note_taken_in(id: &str, revision: u64) {
    let mut taken = taken_in();
    taken.note(id, revision);
    // Lost only if storage fails: the next change of the server is then a conflict.
    let _ = set_item(TAKEN_IN_KEY, &taken.to_json());
}

/// Reads one plan from the backend; `None` = 404.
async fn fetch(settings: &BackendSettings, id: &str) -> Result<Option<RemotePlan>, Problem> {
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

impl Backend {
    /// The settings (tracked).
    pub fn settings(&self) -> BackendSettings {
        self.settings.get()
    }

    pub fn enabled(&self) -> bool {
        self.settings.with(BackendSettings::enabled)
    }

    fn enabled_untracked(&self) -> bool {
        self.settings.with_untracked(BackendSettings::enabled)
    }

    /// What the header shows (tracked). An edit autosave has not yet written counts as a
    /// change waiting: it is uploaded only once written, so until then the header must not
    /// say that the backend has everything.
    pub fn view(&self) -> SyncView {
        let unwritten = self.plans.status().with(|s| *s != SaveStatus::Saved);
        let pending = self.book.with(SyncBook::total_pending) + u32::from(unwritten);
        self.phase.with(|p| view(self.enabled(), p, pending))
    }

    /// The conflict waiting for a choice (tracked).
    pub fn conflict(&self) -> Option<Conflict> {
        self.conflict.get()
    }

    fn persist(&self) {
        // Lost only if storage itself fails; autosave's banner tells about that.
        let _ = set_item(SYNC_KEY, &self.book.with_untracked(SyncBook::to_json));
    }

    fn set_phase(&self, event: Event) {
        self.phase.update(|p| *p = p.step(event));
    }

    /// Saves new settings in this browser and starts syncing with them.
    pub fn set_settings(&self, settings: BackendSettings) {
        let _ = set_item(SETTINGS_KEY, &settings.to_json());
        let before = self.settings.get_untracked();
        if before.collection_url() != settings.collection_url() {
            // Revisions belong to the server they came from.
            self.book.set(SyncBook::default());
            self.persist();
            let _ = set_item(TAKEN_IN_KEY, &TakenIn::default().to_json());
        }
        self.cancel_retry();
        self.conflict.set(None);
        self.phase.set(Phase::Idle);
        self.settings.set(settings);
        if self.enabled_untracked() {
            self.follow(self.plans.current_untracked());
        }
    }

    fn cancel_retry(&self) {
        if let Some(h) = self.retry.get_value() {
            h.clear();
            self.retry.set_value(None);
        }
    }

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
                this.kick();
            },
            delay,
        );
        self.retry.set_value(handle.ok());
    }

    /// A plan became the open one (or the backend was just configured): upload it if the
    /// backend has never seen it, else fetch a newer server copy.
    fn follow(&self, id: String) {
        let record = self.book.with_untracked(|b| b.record(&id));
        if record.base.is_none() && record.pending == 0 {
            self.book.update(|b| b.edited(&id));
            self.persist();
            self.kick();
        } else if record.pending == 0 {
            self.pull(id);
        } else {
            self.kick();
        }
    }

    /// Takes the server copy of plan `id` when it is newer and nothing local waits.
    fn pull(&self, id: String) {
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
                                this.book.update(|b| b.in_step(&id, remote.revision, None));
                                this.persist();
                                note_taken_in(&id, remote.revision);
                            }
                        }
                    }
                    this.set_phase(Event::Uploaded);
                    this.kick();
                }
                Ok(None) => {
                    // Gone from the server: put it back.
                    this.book.update(|b| b.edited(&id));
                    this.persist();
                    this.set_phase(Event::Uploaded);
                    this.kick();
                }
                Err(p) => {
                    this.set_phase(Event::Problem(p));
                    this.schedule_retry();
                }
            }
        });
    }

    /// Starts the next upload, unless one runs or a conflict waits.
    pub fn kick(&self) {
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
        let Some(json) = self.plans.stored(&id) else {
            // Deleted on this device: nothing left to upload.
            self.book.update(|b| {
                b.plans.remove(&id);
            });
            self.persist();
            self.set_phase(Event::Uploaded);
            self.kick();
            return;
        };
        let record = self.book.with_untracked(|b| b.record(&id));
        match try_upload(&settings, &id, &json, record.base, record.etag.as_deref()).await {
            Ok(Upload::Done { revision, etag }) => {
                self.book.update(|b| b.uploaded(&id, sent, revision, etag));
                self.persist();
                note_taken_in(&id, revision);
                self.set_phase(Event::Uploaded);
                self.kick();
            }
            Ok(Upload::Conflict(theirs)) if taken_in().holds(&id, theirs.revision) => {
                // Another tab of this browser uploaded it from the stored plan, which
                // still holds it: replaced as their revision + 1, nobody asked.
                self.book.update(|b| b.keep_mine(&id, theirs.revision));
                self.persist();
                self.set_phase(Event::Uploaded);
                self.kick();
            }
            Ok(Upload::Conflict(theirs)) => {
                let mine: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
                let differences = diff(&mine, &theirs.plan);
                let revision = theirs.revision;
                self.conflict.set(Some(Conflict {
                    id: id.clone(),
                    theirs,
                    differences,
                }));
                self.set_phase(Event::Conflict {
                    id,
                    theirs: revision,
                });
            }
            Err(p) => {
                self.set_phase(Event::Problem(p));
                self.schedule_retry();
            }
        }
    }

    /// Another tab of this browser noted an upload of its own: a conflict waiting here
    /// with that revision or an older one was that tab's doing (its answer came after
    /// this tab fetched the server copy). Uploading again checks the server's copy afresh:
    /// one this browser holds is replaced, any other is still a conflict.
    fn settle_if_taken_in(&self) {
        let stale = self.conflict.with_untracked(|c| {
            c.as_ref()
                .is_some_and(|c| taken_in().reached(&c.id, c.theirs.revision))
        });
        if stale {
            self.keep_mine();
        }
    }

    fn resolved(&self) {
        self.persist();
        self.conflict.set(None);
        self.set_phase(Event::Resolved);
        self.kick();
    }

    /// Conflict: take the server's version here (my changes are dropped).
    pub fn keep_theirs(&self) -> Result<(), LoadError> {
        let Some(c) = self.conflict.get_untracked() else {
            return Ok(());
        };
        let plan = load_plan(&c.theirs.plan.to_string())?;
        if self.plans.put_plan(&c.id, plan).is_ok() {
            self.book
                .update(|b| b.in_step(&c.id, c.theirs.revision, None));
            note_taken_in(&c.id, c.theirs.revision);
            self.resolved();
        }
        Ok(())
    }

    /// Conflict: replace the server's version with mine (as their revision + 1).
    pub fn keep_mine(&self) {
        let Some(c) = self.conflict.get_untracked() else {
            return;
        };
        self.book.update(|b| b.keep_mine(&c.id, c.theirs.revision));
        self.resolved();
    }

    /// Conflict: my version becomes a new plan, its name + `suffix` ("副本"), uploaded as
    /// a new document; this plan takes the server's version.
    pub fn save_mine_as_copy(&self, suffix: &str) -> Result<(), LoadError> {
        let Some(c) = self.conflict.get_untracked() else {
            return Ok(());
        };
        let json = self.plans.stored(&c.id).unwrap_or_default();
        let mut mine = load_plan(&json)?;
        load_plan(&c.theirs.plan.to_string())?;
        let names = self.plans.names();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        mine.header.name = copy_name(&mine.header.name, suffix, &names);
        if let Ok(copy) = self.plans.add_plan(&mine) {
            self.book.update(|b| b.new_plan(&copy));
            self.keep_theirs()?;
        }
        Ok(())
    }

    /// The backend's list of plans.
    pub async fn list(&self) -> Result<Vec<RemoteEntry>, Problem> {
        let settings = self.settings.get_untracked();
        let reply = send(
            &settings,
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

    /// Opens a plan from the backend: stored on this device under the same id (unless
    /// changes made here still wait to be uploaded) and made the open plan.
    pub async fn open_remote(&self, id: &str) -> Result<(), OpenRemoteError> {
        let settings = self.settings.get_untracked();
        let remote = fetch(&settings, id)
            .await
            .map_err(OpenRemoteError::Backend)?
            .ok_or(OpenRemoteError::Backend(Problem::NotFound))?;
        let plan = load_plan(&remote.plan.to_string()).map_err(OpenRemoteError::Unreadable)?;
        let waiting = self.book.with_untracked(|b| b.record(id).pending) > 0;
        if !(waiting && self.plans.is_listed(id)) {
            self.plans
                .put_plan(id, plan)
                .map_err(|e| OpenRemoteError::Local(OpenError::Storage(e)))?;
            self.book.update(|b| b.in_step(id, remote.revision, None));
            self.persist();
            note_taken_in(id, remote.revision);
        }
        self.plans.open(id).map_err(OpenRemoteError::Local)
    }
}

/// Reads the settings and the pending uploads, and starts syncing if a backend is set.
pub fn start_backend(plans: Plans) -> Backend {
    let settings = read_key(SETTINGS_KEY)
        .map(|json| BackendSettings::from_json(&json))
        .map(|s| match s.validate() {
            // Unusable settings mean no backend (the rest, e.g. the timeout, stays).
            Err(_) if s.enabled() => BackendSettings {
                base_url: String::new(),
                ..s
            },
            _ => s,
        })
        .unwrap_or_default();
    let book = read_key(SYNC_KEY)
        .map(|json| SyncBook::from_json(&json))
        .unwrap_or_default();
    let backend = Backend {
        plans,
        settings: RwSignal::new(settings),
        book: RwSignal::new(book),
        phase: RwSignal::new(Phase::Idle),
        conflict: RwSignal::new(None),
        retry: StoredValue::new(None),
    };
    // Each local save of the open plan is one more change to upload.
    Effect::new(move |first: Option<()>| {
        plans.writes();
        if first.is_none() || !backend.enabled_untracked() {
            return;
        }
        let id = plans.current_untracked();
        backend.book.update(|b| b.edited(&id));
        backend.persist();
        backend.kick();
    });
    // The open plan (at start, and each time another one opens).
    Effect::new(move |_| {
        let id = plans.current();
        if backend.enabled_untracked() {
            untrack(|| backend.follow(id));
        }
    });
    // Back online: retry at once instead of waiting for the backoff.
    let online = window_event_listener(leptos::ev::online, move |_| backend.kick());
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(TAKEN_IN_KEY) {
            backend.settle_if_taken_in();
        }
    });
    on_cleanup(move || {
        online.remove();
        other_tab.remove();
    });
    backend
}

pub fn use_backend() -> Backend {
    expect_context::<Backend>()
}
