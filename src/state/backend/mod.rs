//! The JSON backend at run time: settings in this browser, uploads after each local
//! save (queued in storage while the backend is away), conflicts held until the merchant
//! chooses, and plans opened from the backend. What to do at each step is decided by
//! `domain::sync`; `http` does the requests.
//!
//! Storage keys: `omo-planner.backend` (the settings; never part of a plan),
//! `omo-planner.sync` (per plan: the server revision it is based on, changes waiting) and
//! `omo-planner.sync.taken-in` (per plan: the server revision this browser last took in,
//! shared by its tabs; see `domain::sync::taken_in`).

mod couch;
mod engine;
mod http;

use super::autosave::SaveStatus;
use super::plan_data::sleep;
use super::plans::{OpenError, Plans};
use super::storage::{local_storage, set_item};
use crate::domain::plan::schema::{load_plan, LoadError};
use crate::domain::sync::diff::Difference;
use crate::domain::sync::document::{RemoteEntry, RemotePlan};
use crate::domain::sync::problem::Problem;
use crate::domain::sync::queue::{retry_delay_ms, view, Event, Phase, SyncBook, SyncView};
use crate::domain::sync::settings::{BackendKind, BackendSettings};
use crate::domain::sync::taken_in::TakenIn;
use engine::SyncEngine;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;
use std::sync::OnceLock;
use std::time::Duration;

/// The sync engine once its module is here.
static LOADED: OnceLock<&'static SyncEngine> = OnceLock::new();

/// The module holding the sync engine.
#[leptos::wasm_split::wasm_split(sync, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sync_engine_module() -> Result<&'static SyncEngine, SplitLoaderError> {
    Ok(&engine::ENGINE)
}

type EngineLoader = fn() -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<&'static SyncEngine, SplitLoaderError>>>,
>;

thread_local! {
    static ENGINE_LOADER: std::cell::Cell<Option<EngineLoader>> = const { std::cell::Cell::new(None) };
}

/// Makes the sync engine's module reachable; `app::mount` calls it. Only the start
/// names the split function (see `plan_data::enable_plan_modules` for why).
pub fn enable_sync_module() {
    ENGINE_LOADER.set(Some(|| Box::pin(sync_engine_module())));
}

/// The sync engine, `None` while its module cannot be fetched (or was never enabled).
async fn sync_engine() -> Option<&'static SyncEngine> {
    let load = ENGINE_LOADER.get()?;
    load().await.ok()
}

/// The sync engine for a request the merchant asked for (a list, a test): fetched now if
/// need be; offline while its module cannot be fetched.
async fn engine_now() -> Result<&'static SyncEngine, Problem> {
    if let Some(engine) = LOADED.get() {
        return Ok(engine);
    }
    let engine = sync_engine().await.ok_or(Problem::Offline)?;
    let _ = LOADED.set(engine);
    Ok(engine)
}

/// A future of the sync engine's module.
pub(crate) type Fut<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T>>>;

/// "Test connection" with these settings (not yet saved). Ok = how many plans (for
/// CouchDB, documents) the backend holds.
pub async fn test_connection(settings: &BackendSettings) -> Result<usize, Problem> {
    (engine_now().await?.test)(settings.clone()).await
}

/// CouchDB: creates the database the settings name (after a test found none).
pub async fn create_database(settings: &BackendSettings) -> Result<(), Problem> {
    (engine_now().await?.create_database)(settings.clone()).await
}

pub const SETTINGS_KEY: &str = "omo-planner.backend";
pub const SYNC_KEY: &str = "omo-planner.sync";
pub const TAKEN_IN_KEY: &str = "omo-planner.sync.taken-in";

/// A save that found the server copy changed: both versions and their differences.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub theirs: RemotePlan,
    pub differences: Vec<Difference>,
    /// This device's document as it was uploaded: what "save mine as a copy" keeps if the
    /// plan has been put away in the archive since (the open plan's latest is read then).
    pub mine: String,
}

/// Why a plan could not be opened from the backend.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenRemoteError {
    Backend(Problem),
    Unreadable(LoadError),
    Local(OpenError),
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
        if !before.same_store(&settings) {
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

    /// Runs `f` with the sync engine, fetching its module the first time. While it
    /// cannot be fetched, the header says offline and the fetch is tried again, as an
    /// upload would be.
    fn with_engine(self, f: impl FnOnce(&'static SyncEngine) + 'static) {
        if let Some(engine) = LOADED.get() {
            f(engine);
            return;
        }
        spawn_local(async move {
            let mut attempt = 0;
            loop {
                if let Some(engine) = LOADED.get() {
                    return f(engine);
                }
                match sync_engine().await {
                    Some(engine) => {
                        let _ = LOADED.set(engine);
                        return f(engine);
                    }
                    None => {
                        attempt += 1;
                        self.set_phase(Event::Problem(Problem::Offline));
                        sleep(Duration::from_millis(retry_delay_ms(attempt).into())).await;
                    }
                }
            }
        });
    }

    /// A plan became the open one (or the backend was just configured): upload it if the
    /// backend has never seen it, else fetch a newer server copy.
    /// (The bookkeeping is done here at once, so the header counts the upload as waiting
    /// while the engine's module arrives.)
    fn follow(&self, id: String) {
        if self
            .settings
            .with_untracked(|s| s.kind == BackendKind::Couch)
        {
            let this = *self;
            this.with_engine(move |e| (e.watch)(this));
        }
        let record = self.book.with_untracked(|b| b.record(&id));
        if record.base.is_none() && record.pending == 0 {
            self.book.update(|b| b.edited(&id));
            self.persist();
            self.kick();
        } else if record.pending == 0 {
            let this = *self;
            this.with_engine(move |e| (e.pull)(this, id));
        } else {
            self.kick();
        }
    }

    /// Starts the next upload, unless one runs or a conflict waits.
    pub fn kick(&self) {
        if self.enabled_untracked() {
            let this = *self;
            this.with_engine(move |e| (e.kick)(this));
        }
    }

    /// Another tab of this browser noted an upload of its own: a conflict waiting here
    /// may have been that tab's doing.
    fn settle_if_taken_in(&self) {
        if self.conflict.with_untracked(Option::is_some) {
            let this = *self;
            this.with_engine(move |e| (e.settle)(this));
        }
    }

    /// Conflict: take the server's version here (my changes are dropped). A conflict
    /// comes from the sync engine, so its module is here whenever one waits.
    pub fn keep_theirs(&self) -> Result<(), LoadError> {
        LOADED.get().map_or(Ok(()), |e| (e.keep_theirs)(*self))
    }

    /// Conflict: replace the server's version with mine (as their revision + 1).
    pub fn keep_mine(&self) {
        if let Some(e) = LOADED.get() {
            (e.keep_mine)(*self);
        }
    }

    /// Conflict: my version becomes a new plan, its name + `suffix` ("副本"), uploaded as
    /// a new document; this plan takes the server's version.
    pub fn save_mine_as_copy(&self, suffix: &str) -> Result<(), LoadError> {
        LOADED
            .get()
            .map_or(Ok(()), |e| (e.save_mine_as_copy)(*self, suffix))
    }

    /// The backend's list of plans.
    pub async fn list(&self) -> Result<Vec<RemoteEntry>, Problem> {
        let settings = self.settings.get_untracked();
        (engine_now().await?.list)(settings).await
    }

    /// Opens a plan from the backend: stored on this device under the same id (unless
    /// changes made here still wait to be uploaded) and made the open plan.
    pub async fn open_remote(&self, id: &str) -> Result<(), OpenRemoteError> {
        let settings = self.settings.get_untracked();
        let engine = engine_now().await.map_err(OpenRemoteError::Backend)?;
        let remote = (engine.fetch)(settings, id.to_string())
            .await
            .map_err(OpenRemoteError::Backend)?
            .ok_or(OpenRemoteError::Backend(Problem::NotFound))?;
        let plan = load_plan(&remote.plan.to_string()).map_err(OpenRemoteError::Unreadable)?;
        let waiting = self.book.with_untracked(|b| b.record(id).pending) > 0;
        if !(waiting && self.plans.is_listed(id)) {
            self.plans
                .put_plan(id, plan)
                .map_err(|e| OpenRemoteError::Local(OpenError::Storage(e)))?;
            self.book
                .update(|b| b.in_step(id, remote.revision, remote.rev.clone()));
            self.persist();
            note_taken_in(id, remote.revision);
        }
        self.plans.open(id).await.map_err(OpenRemoteError::Local)
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
