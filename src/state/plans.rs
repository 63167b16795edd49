//! Several plans in storage: the list, which one is open, and the operations on them
//! (open, create, duplicate, rename, delete with undo). The open plan lives in the
//! [`PlanStore`]; autosave writes it to its own key and refreshes its index entry. The
//! other plans are in the archive (`state::archive`), so the operations on them are
//! asynchronous; `tidy` moves what is left in `localStorage` there.
//!
//! The rules (ordering, ids, copy names, the migration of the old single-key plan) are
//! plain logic in `domain::plan::list`; this module wires them to storage and signals.

use super::archive;
use super::autosave::SaveStatus;
use super::plan_data::demo_when_available;
use super::plan_reader::{self, reader_now};
use super::plan_store::PlanStore;
use super::storage::{PlanLibrary, StorageError};
use crate::domain::plan::list::{
    index_json, legacy_step, new_id, orphans, parse_index, pick_current, restore_entry,
    sorted_by_recent, LegacyStep, PlanEntry,
};
use crate::domain::plan::schema::{save_plan, LoadError};
use crate::domain::plan::Plan;
use crate::domain::sync::merge::{base_for_incoming, merge3};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::sync::Arc;

type Library = Arc<dyn PlanLibrary + Send + Sync>;

/// Why a plan of the list could not be opened (it stays stored, untouched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    Storage(StorageError),
    /// The index lists it but its document is gone.
    Missing,
    /// The reader of stored plans has not arrived yet (a first visit, moments after the
    /// start, or offline); nothing changed, trying again later works.
    NotReady,
    Unreadable(LoadError),
}

/// A deleted plan, kept in memory until the merchant undoes or moves on.
#[derive(Debug, Clone, PartialEq)]
pub struct Deleted {
    pub entry: PlanEntry,
    pub json: String,
    pub was_current: bool,
}

#[derive(Clone, Copy)]
pub struct Plans {
    pub store: PlanStore,
    entries: RwSignal<Vec<PlanEntry>>,
    current: RwSignal<String>,
    status: RwSignal<SaveStatus>,
    pending: StoredValue<Option<TimeoutHandle>>,
    storage: StoredValue<Library>,
    deleted: RwSignal<Option<Deleted>>,
    /// Bumped by each successful autosave write (the backend uploads after it).
    writes: RwSignal<u64>,
    /// The open plan's document as this tab last read or wrote it: the common base when
    /// another tab saved the same plan meanwhile (see `merge_other_tab`).
    base: StoredValue<Option<Value>>,
    /// When `base` is this tab's own last write: the version this tab last read, which
    /// its writes since started from (the other tab's copy may have started from it too,
    /// see `base_for_incoming`).
    written_from: StoredValue<Option<Value>>,
    /// Whether `tidy` is moving working copies into the archive (and whether it was
    /// asked again meanwhile).
    tidying: StoredValue<(bool, bool)>,
}

/// A plan as the JSON value its stored document holds.
fn document(plan: &Plan) -> Option<Value> {
    serde_json::from_str(&save_plan(plan)).ok()
}

/// What opening the app found in storage.
pub struct Started {
    pub plans: Plans,
    /// Why a stored document could not be read (it is kept, never overwritten).
    pub problem: Option<LoadProblem>,
}

/// A stored plan that could not be read, and what opened instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub error: LoadError,
    /// The name of the plan that opened instead, unless it is a new demo plan.
    pub opened: Option<String>,
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn known_ids(entries: &[PlanEntry], extra: &[String]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e.id.clone())
        .chain(extra.iter().cloned())
        .collect()
}

fn fresh_id(entries: &[PlanEntry]) -> String {
    let ids = known_ids(entries, &[]);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    new_id(now_ms(), &refs)
}

/// What opening the app read from storage, before any signal exists (`start_plans`).
pub struct Start {
    plan: Plan,
    entries: Vec<PlanEntry>,
    id: String,
    status: SaveStatus,
    storage: Library,
    problem: Option<LoadProblem>,
}

/// Reads the list, migrates the old single plan into it, and picks the current plan (or
/// the demo plan on a first visit, fetched with its module). Writes only what changed; a
/// failed write shows the storage banner and the plan stays on screen.
pub async fn read_start(storage: impl PlanLibrary + Send + Sync + 'static) -> Start {
    let storage: Library = Arc::new(storage);
    let mut problem = None;
    let mut failure: Option<StorageError> = None;
    // Records the first failed write; true if it went through.
    let fail = |r: Result<(), StorageError>, failure: &mut Option<StorageError>| match r {
        Ok(()) => true,
        Err(e) => {
            failure.get_or_insert(e);
            false
        }
    };
    let now = now_ms();
    let mut dirty = false;

    // Without a readable index, the archive is asked too before a plan is picked
    // (otherwise only in the background, after the start).
    let mut index_lost = false;
    let mut entries = match storage.load_index() {
        Ok(Some(json)) => match parse_index(&json) {
            Ok(entries) => entries,
            Err(_) => {
                index_lost = true;
                // Kept aside before it is rewritten; the plans themselves stay under
                // their own keys.
                fail(storage.keep_unreadable(&json), &mut failure);
                dirty = true;
                Vec::new()
            }
        },
        Ok(None) => {
            // A first visit has no open plan either (and no database to ask).
            index_lost = storage.load_current().ok().flatten().is_some();
            Vec::new()
        }
        Err(e) => {
            // No storage at all: the demo plan, in memory only.
            let plan = demo_when_available().await;
            let id = new_id(now, &[]);
            let entries = vec![PlanEntry::for_plan(&id, &plan, now)];
            return Start {
                plan,
                entries,
                id,
                status: SaveStatus::Failed(e),
                storage,
                problem: None,
            };
        }
    };

    // Plans stored under their own key but missing from the index are listed again.
    let mut stored_ids = storage.plan_ids().unwrap_or_default();
    if index_lost {
        stored_ids.extend(archive::ids().await.unwrap_or_default());
    }
    for id in orphans(&entries, &stored_ids) {
        if let Ok(Some(json)) = archive::fetch(&*storage, &id).await {
            if let Ok(plan) = plan_reader::read(&json).await {
                entries.push(PlanEntry::for_plan(&id, &plan, now));
                dirty = true;
            }
        }
    }

    // The plan older versions kept under one key.
    let mut current = storage.load_current().ok().flatten();
    let legacy = storage.load_legacy().ok().flatten();
    let legacy_plan = match legacy.as_deref() {
        Some(json) => Some(plan_reader::read(json).await),
        None => None,
    };
    let mut legacy_done = None;
    match legacy_step(legacy.as_deref(), matches!(legacy_plan, Some(Ok(_)))) {
        LegacyStep::Nothing => {}
        LegacyStep::Import => {
            let Some(Ok(plan)) = legacy_plan else {
                unreachable!("Import only for a readable plan")
            };
            let id = fresh_id(&entries);
            if fail(storage.save_plan(&id, &save_plan(&plan)), &mut failure) {
                entries.push(PlanEntry::for_plan(&id, &plan, now));
                current = Some(id);
                dirty = true;
                legacy_done = Some(true);
            }
        }
        LegacyStep::KeepAside => {
            if let Some(Err(e)) = legacy_plan {
                problem = Some(e);
            }
            if fail(
                storage.keep_unreadable(legacy.as_deref().unwrap_or_default()),
                &mut failure,
            ) {
                legacy_done = Some(false);
            }
        }
    }

    // The plan to open: the current one, else the most recent one that reads.
    let mut opened = None;
    while let Some(id) = pick_current(&entries, current.as_deref()) {
        match archive::fetch(&*storage, &id).await {
            Ok(Some(json)) => match plan_reader::read(&json).await {
                Ok(plan) => {
                    opened = Some((id, plan, json));
                    break;
                }
                Err(e) => {
                    // Listed and kept under its key; another plan opens for now.
                    problem.get_or_insert(e);
                    // Try the others, most recent first, without dropping this one.
                    let others: Vec<PlanEntry> =
                        entries.iter().filter(|x| x.id != id).cloned().collect();
                    for x in sorted_by_recent(&others) {
                        let Some(json) = archive::fetch(&*storage, &x.id).await.ok().flatten()
                        else {
                            continue;
                        };
                        if let Ok(plan) = plan_reader::read(&json).await {
                            opened = Some((x.id, plan, json));
                            break;
                        }
                    }
                    break;
                }
            },
            // Listed, but in neither place (a failed first save): nothing to keep.
            Ok(None) => {
                entries.retain(|x| x.id != id);
                current = None;
                dirty = true;
            }
            Err(e) => {
                failure.get_or_insert(e);
                break;
            }
        }
    }
    let opened_existing = opened.is_some();
    let (id, plan) = match opened {
        Some((id, plan, json)) => {
            // The open plan always has a working copy (autosave and the first paint read
            // it there); one taken from the archive gets it back.
            if storage.load_plan(&id).ok().flatten().is_none() {
                fail(storage.save_plan(&id, &json), &mut failure);
            }
            (id, plan)
        }
        None => {
            let plan = demo_when_available().await;
            let id = fresh_id(&entries);
            if fail(storage.save_plan(&id, &save_plan(&plan)), &mut failure) {
                dirty = true;
            }
            entries.push(PlanEntry::for_plan(&id, &plan, now));
            (id, plan)
        }
    };
    let index_written = !dirty || fail(storage.save_index(&index_json(&entries)), &mut failure);
    // The old key goes only once its plan and the index are both written (or, for an
    // unreadable one, once it is kept aside).
    if index_written && legacy_done.is_some() {
        fail(storage.remove_legacy(), &mut failure);
    }
    if storage.load_current().ok().flatten().as_deref() != Some(id.as_str()) {
        fail(storage.save_current(&id), &mut failure);
    }
    let status = match failure {
        Some(e) => SaveStatus::Failed(e),
        None => SaveStatus::Saved,
    };
    let problem = problem.map(|error| LoadProblem {
        error,
        opened: opened_existing.then(|| plan.header.name.clone()),
    });
    Start {
        plan,
        entries,
        id,
        status,
        storage,
        problem,
    }
}

/// The plans' signals from what `read_start` found.
pub fn start_plans(start: Start) -> Started {
    let Start {
        plan,
        entries,
        id,
        status,
        storage,
        problem,
    } = start;
    Started {
        plans: Plans::new(plan, entries, id, status, storage),
        problem,
    }
}

impl Plans {
    fn new(
        plan: Plan,
        entries: Vec<PlanEntry>,
        current: String,
        status: SaveStatus,
        storage: Library,
    ) -> Plans {
        let base = document(&plan);
        Plans {
            base: StoredValue::new(base),
            written_from: StoredValue::new(None),
            tidying: StoredValue::new((false, false)),
            store: PlanStore::new(plan),
            entries: RwSignal::new(entries),
            current: RwSignal::new(current),
            status: RwSignal::new(status),
            pending: StoredValue::new(None),
            storage: StoredValue::new(storage),
            deleted: RwSignal::new(None),
            writes: RwSignal::new(0),
        }
    }

    pub fn status(&self) -> ReadSignal<SaveStatus> {
        self.status.read_only()
    }

    /// The list, most recently changed first (tracked).
    pub fn list(&self) -> Vec<PlanEntry> {
        self.entries.with(|e| sorted_by_recent(e))
    }

    pub fn names(&self) -> Vec<String> {
        self.entries
            .with_untracked(|e| e.iter().map(|x| x.name.clone()).collect())
    }

    /// The id of the open plan (tracked).
    pub fn current(&self) -> String {
        self.current.get()
    }

    pub fn current_untracked(&self) -> String {
        self.current.get_untracked()
    }

    /// The last deleted plan, while it can be restored (tracked).
    pub fn deleted(&self) -> Option<Deleted> {
        self.deleted.get()
    }

    /// Where the plans are kept (the archive's mover reads the working copies too).
    pub(crate) fn lib(&self) -> Library {
        self.storage.get_value()
    }

    fn report<T>(&self, result: Result<T, StorageError>) -> Result<T, StorageError> {
        match &result {
            Ok(_) => {}
            Err(e) => self.status.set(SaveStatus::Failed(e.clone())),
        }
        result
    }

    fn write_index(&self) -> Result<(), StorageError> {
        let json = self.entries.with_untracked(|e| index_json(e));
        self.report(self.lib().save_index(&json))
    }

    /// Autosave's write: the open plan to its key, then its index entry (name, industry,
    /// updated time).
    pub(crate) fn write_current(&self) {
        let id = self.current.get_untracked();
        // Another tab may have saved this plan since this tab last read it (its event not
        // delivered yet): merge rather than write over it.
        if let Ok(Some(stored)) = self.lib().load_plan(&id) {
            if reader_now().is_none() && !self.is_base(&stored) {
                // Merging the other tab's version needs the reader (a first visit, moments
                // after the start): write once it is here, never over that version.
                let this = *self;
                spawn_local(async move {
                    plan_reader::ready().await;
                    this.write_current();
                });
                return;
            }
            self.merge_other_tab(&stored);
        }
        let json = self.store.read_untracked(save_plan);
        let result = self.lib().save_plan(&id, &json).and_then(|()| {
            let now = now_ms();
            self.entries.update(|es| {
                if let Some(e) = es.iter_mut().find(|e| e.id == id) {
                    self.store.read_untracked(|p| e.touch(p, now));
                }
            });
            let index = self.entries.with_untracked(|e| index_json(e));
            self.lib().save_index(&index)
        });
        self.status.set(match result {
            Ok(()) => {
                // The first write since the last read remembers what it started from;
                // later writes keep it (the other tab may have seen none of them).
                if self.written_from.with_value(Option::is_none) {
                    self.written_from.set_value(self.base.get_value());
                }
                self.base.set_value(serde_json::from_str(&json).ok());
                self.writes.update(|n| *n += 1);
                SaveStatus::Saved
            }
            Err(e) => SaveStatus::Failed(e),
        });
    }

    /// Schedules `write_current` after `delay`, replacing a write already scheduled.
    pub(crate) fn schedule(&self, delay: std::time::Duration) {
        // Set once per burst of typing, not per keystroke: the indicator reads it.
        if self.status.with_untracked(|s| *s != SaveStatus::Pending) {
            self.status.set(SaveStatus::Pending);
        }
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        let this = *self;
        let fire = move || {
            this.pending.set_value(None);
            this.write_current();
        };
        self.pending
            .set_value(set_timeout_with_handle(fire, delay).ok());
    }

    /// Writes a scheduled save now (before switching plans, on `pagehide`); with nothing
    /// pending it writes nothing (another tab may have saved since).
    pub fn flush(&self) {
        if let Some(h) = self.pending.get_value() {
            self.pending.set_value(None);
            h.clear();
            self.write_current();
        }
    }

    /// Whether `stored` is the version this tab last read or wrote.
    fn is_base(&self, stored: &str) -> bool {
        let stored = serde_json::from_str::<Value>(stored).ok();
        self.base.with_value(|b| b.is_some() && *b == stored)
    }

    /// `doc` is the open plan as this tab just read it: the base of the next merge.
    fn read_base(&self, doc: Option<Value>) {
        self.base.set_value(doc);
        self.written_from.set_value(None);
    }

    async fn read_plan(&self, id: &str) -> Result<(String, Plan), OpenError> {
        if id == self.current.get_untracked() {
            let json = self.store.read_untracked(save_plan);
            let plan = self.store.read_untracked(Plan::clone);
            return Ok((json, plan));
        }
        let json = archive::fetch(&*self.lib(), id)
            .await
            .map_err(OpenError::Storage)?
            .ok_or(OpenError::Missing)?;
        let read = reader_now().ok_or(OpenError::NotReady)?;
        let plan = read(&json).map_err(OpenError::Unreadable)?;
        Ok((json, plan))
    }

    /// Makes plan `id` the open one; `json`, its document, is written as its working
    /// copy when it comes from the archive. The plan open before goes to the archive.
    fn show(&self, id: &str, plan: Plan, json: Option<&str>) {
        if let Some(json) = json {
            // Rewriting an unchanged working copy is free: no write, no event for other
            // tabs.
            let _ = self.report(self.lib().save_plan(id, json));
        }
        self.read_base(document(&plan));
        self.store.reset(plan);
        self.current.set(id.to_string());
        let _ = self.report(self.lib().save_current(id));
        self.tidy();
    }

    /// Makes another plan of the list the working plan everywhere; its undo history
    /// starts empty.
    pub async fn open(&self, id: &str) -> Result<(), OpenError> {
        self.flush();
        if id == self.current.get_untracked() {
            return Ok(());
        }
        let (json, plan) = self.read_plan(id).await?;
        // Room first: the plan open until now goes to the archive (one plan of 10,000
        // tasks takes half of `localStorage`).
        let _ = archive::park(self.lib(), &self.current.get_untracked()).await;
        // Typed while the archive answered: written to the plan it was typed in.
        self.flush();
        self.show(id, plan, Some(&json));
        Ok(())
    }

    /// Moves every loose working copy (`is_loose`) into the archive, in the background
    /// (after a plan operation, and at start: the migration of plans kept in
    /// `localStorage` by earlier versions). Without an archive, or if it refuses, they
    /// stay where they are, read as before.
    pub fn tidy(&self) {
        let (running, _) = self.tidying.get_value();
        self.tidying.set_value((running, true));
        if !running {
            self.tidying.set_value((true, true));
            archive::tidy(*self);
        }
    }

    /// For the archive's mover: whether `tidy` was asked (again) since the last pass;
    /// `false` ends the move.
    pub(crate) fn take_tidy_request(&self) -> bool {
        let (_, asked) = self.tidying.get_value();
        self.tidying.set_value((asked, false));
        asked
    }

    /// Whether a listed plan other than the open one has a working copy (`tidy` would
    /// move it).
    pub fn has_loose_copies(&self) -> bool {
        let ids = self.lib().plan_ids().unwrap_or_default();
        ids.iter().any(|id| self.is_loose(id))
    }

    /// Whether plan `id`'s working copy belongs in the archive: a listed plan that is
    /// neither open here nor the one opened last in any tab (most likely open there).
    pub(crate) fn is_loose(&self, id: &str) -> bool {
        id != self.current.get_untracked()
            && self.lib().load_current().ok().flatten().as_deref() != Some(id)
            && self.is_listed(id)
    }

    /// Lists again the archived plans the index lost (another tab wrote the index from
    /// its own list meanwhile), as `read_start` does for working copies. The plans page
    /// asks when it opens.
    pub async fn relist_archived(&self) {
        let Ok(ids) = archive::ids().await else {
            return;
        };
        let lost: Vec<String> = self.entries.with_untracked(|e| orphans(e, &ids));
        if lost.is_empty() {
            return;
        }
        plan_reader::ready().await;
        let mut found = Vec::new();
        for id in lost {
            let Ok(Some(json)) = archive::get(&id).await else {
                continue;
            };
            if let Ok(plan) = plan_reader::read(&json).await {
                found.push(PlanEntry::for_plan(&id, &plan, now_ms()));
            }
        }
        if !found.is_empty() {
            self.entries.update(|e| {
                for entry in found {
                    if !e.iter().any(|x| x.id == entry.id) {
                        e.push(entry);
                    }
                }
            });
            let _ = self.write_index();
        }
    }

    /// Adds `plan` to the list and opens it. Nothing changes if it cannot be stored.
    pub fn create(&self, plan: Plan) -> Result<String, StorageError> {
        self.flush();
        let id = self.add(&plan)?;
        self.show(&id, plan, None);
        Ok(id)
    }

    fn add(&self, plan: &Plan) -> Result<String, StorageError> {
        let id = self.entries.with_untracked(|e| fresh_id(e));
        self.report(self.lib().save_plan(&id, &save_plan(plan)))?;
        let entry = PlanEntry::for_plan(&id, plan, now_ms());
        self.entries.update(|e| e.push(entry));
        self.write_index()?;
        // Written as a working copy (at once, like every synchronous write); unless it
        // is opened next, it moves to the archive.
        self.tidy();
        Ok(id)
    }

    /// Writes plan `id` (not the open one) where it belongs: over its working copy if
    /// it has one, else straight into the archive (a copy of a large open plan would not
    /// fit beside it in `localStorage`); without an archive, or with one that did not
    /// keep the text, as a working copy.
    async fn store_plan(&self, id: &str, json: &str) -> Result<(), StorageError> {
        let lib = self.lib();
        let working = self.report(lib.plan_ids())?.iter().any(|x| x == id);
        if working || !matches!(archive::store(id, json).await, Ok(true)) {
            return self.report(lib.save_plan(id, json));
        }
        Ok(())
    }

    /// Stores a copy of a plan under `name` (not opened). Returns the copy's id.
    pub async fn duplicate(&self, id: &str, name: String) -> Result<String, OpenError> {
        self.flush();
        let (_, mut plan) = self.read_plan(id).await?;
        plan.header.name = name;
        let copy = self.entries.with_untracked(|e| fresh_id(e));
        self.store_plan(&copy, &save_plan(&plan))
            .await
            .map_err(OpenError::Storage)?;
        let entry = PlanEntry::for_plan(&copy, &plan, now_ms());
        self.entries.update(|e| e.push(entry));
        if let Err(e) = self.write_index() {
            // Not listed, so not kept either (it would come back unasked later).
            self.entries.update(|e| e.retain(|x| x.id != copy));
            let _ = self.lib().remove_plan(&copy);
            let _ = archive::remove(&copy).await;
            return Err(OpenError::Storage(e));
        }
        Ok(copy)
    }

    /// Renames a plan: the open one through the store (undoable, autosaved), another one
    /// in storage directly.
    pub async fn rename(&self, id: &str, name: String) -> Result<(), OpenError> {
        if id == self.current.get_untracked() {
            let shown = name.clone();
            self.store.edit(None, move |p| p.header.name = name);
            self.entries.update(|es| {
                if let Some(e) = es.iter_mut().find(|e| e.id == id) {
                    e.name = shown;
                }
            });
            return Ok(());
        }
        let (_, mut plan) = self.read_plan(id).await?;
        plan.header.name = name;
        self.store_plan(id, &save_plan(&plan))
            .await
            .map_err(OpenError::Storage)?;
        let now = now_ms();
        self.entries.update(|es| {
            if let Some(e) = es.iter_mut().find(|e| e.id == id) {
                e.touch(&plan, now);
            }
        });
        self.write_index().map_err(OpenError::Storage)
    }

    /// Deletes a plan; it stays in memory until `undo_delete` or the next delete. If it
    /// was open, the most recent other plan opens (or a new demo plan, for the last one).
    pub async fn delete(&self, id: &str) -> Result<(), OpenError> {
        self.flush();
        let was_current = id == self.current.get_untracked();
        // Deleting the open plan opens another one, which needs the reader: refuse before
        // anything changes if it has not arrived.
        let read = reader_now();
        if was_current && read.is_none() && self.entries.with_untracked(|e| e.len() > 1) {
            return Err(OpenError::NotReady);
        }
        let json = if was_current {
            self.store.read_untracked(save_plan)
        } else {
            // An unreadable document can be deleted too; undo puts back the same text.
            archive::fetch(&*self.lib(), id)
                .await
                .map_err(OpenError::Storage)?
                .unwrap_or_default()
        };
        let Some(entry) = self
            .entries
            .with_untracked(|e| e.iter().find(|e| e.id == id).cloned())
        else {
            return Err(OpenError::Missing);
        };
        self.report(self.lib().remove_plan(id))
            .map_err(OpenError::Storage)?;
        // A copy the archive could not remove (its module not fetched, offline) is
        // listed again when the plans page opens later: never lost, at worst back.
        let _ = archive::remove(id).await;
        self.entries.update(|e| e.retain(|x| x.id != id));
        let _ = self.write_index();
        self.deleted.set(Some(Deleted {
            entry,
            json,
            was_current,
        }));
        if was_current {
            let mut next = None;
            for x in self.entries.with_untracked(|e| sorted_by_recent(e)) {
                let Some(json) = archive::fetch(&*self.lib(), &x.id).await.ok().flatten() else {
                    continue;
                };
                if let Some(Ok(plan)) = read.map(|read| read(&json)) {
                    next = Some((x.id, plan, json));
                    break;
                }
            }
            match next {
                Some((next_id, plan, json)) => self.show(&next_id, plan, Some(&json)),
                None => {
                    // The demo's module may still have to arrive (the plans page fetches
                    // it when it opens, so it usually is here).
                    let this = *self;
                    spawn_local(async move {
                        let plan = demo_when_available().await;
                        // Undone meanwhile: the deleted plan is back and open.
                        if this.entries.with_untracked(|e| !e.is_empty()) {
                            return;
                        }
                        this.show_new_demo(plan);
                    });
                }
            }
        }
        Ok(())
    }

    /// The demo plan as a new plan of the list, opened (after the last plan was deleted).
    fn show_new_demo(&self, plan: Plan) {
        if let Ok(new_id) = self.add(&plan) {
            self.show(&new_id, plan, None);
        } else {
            // Nothing could be stored: the demo plan stays in memory under a listed id,
            // so autosave keeps trying.
            let new_id = self.entries.with_untracked(|e| fresh_id(e));
            let entry = PlanEntry::for_plan(&new_id, &plan, now_ms());
            self.entries.update(|e| e.push(entry));
            self.show(&new_id, plan, None);
        }
    }

    /// Puts the last deleted plan and its index entry back (and reopens it if it was open).
    pub async fn undo_delete(&self) -> Result<(), OpenError> {
        let Some(deleted) = self.deleted.get_untracked() else {
            return Ok(());
        };
        self.flush();
        let id = deleted.entry.id.clone();
        if deleted.was_current {
            // Opened next, from its working copy.
            self.report(self.lib().save_plan(&id, &deleted.json))
        } else {
            self.store_plan(&id, &deleted.json).await
        }
        .map_err(OpenError::Storage)?;
        self.entries
            .update(|e| restore_entry(e, deleted.entry.clone()));
        self.write_index().map_err(OpenError::Storage)?;
        self.deleted.set(None);
        if deleted.was_current {
            self.open(&id).await?;
        }
        Ok(())
    }

    pub fn dismiss_deleted(&self) {
        self.deleted.set(None);
    }
}

/// What the JSON backend (`state::backend`) needs from the list.
impl Plans {
    /// Changes after each autosave write of the open plan (tracked).
    pub fn writes(&self) -> u64 {
        self.writes.get()
    }

    /// A plan's stored document, as it would be uploaded (`None`: deleted).
    pub async fn stored(&self, id: &str) -> Result<Option<String>, StorageError> {
        if id == self.current.get_untracked() {
            self.flush();
        }
        archive::fetch(&*self.lib(), id).await
    }

    /// A plan's working copy, with the open plan's last keystrokes written first; `None`
    /// for a plan in the archive.
    pub fn working_copy(&self, id: &str) -> Option<String> {
        if id == self.current.get_untracked() {
            self.flush();
        }
        self.lib().load_plan(id).ok().flatten()
    }

    pub fn is_listed(&self, id: &str) -> bool {
        self.entries
            .with_untracked(|e| e.iter().any(|x| x.id == id))
    }

    /// Stores `plan` under `id` as it came from the backend (listing it if new); shown at
    /// once if it is the open plan, with its undo history starting empty.
    pub fn put_plan(&self, id: &str, plan: Plan) -> Result<(), StorageError> {
        if id == self.current.get_untracked() {
            // A pending local write must not land on top of the server's copy.
            if let Some(h) = self.pending.get_value() {
                self.pending.set_value(None);
                h.clear();
            }
        }
        self.report(self.lib().save_plan(id, &save_plan(&plan)))?;
        let now = now_ms();
        self.entries
            .update(|es| match es.iter_mut().find(|e| e.id == id) {
                Some(e) => e.touch(&plan, now),
                None => es.push(PlanEntry::for_plan(id, &plan, now)),
            });
        self.write_index()?;
        if id == self.current.get_untracked() {
            self.read_base(document(&plan));
            self.store.reset(plan);
        } else {
            self.tidy();
        }
        self.status.set(SaveStatus::Saved);
        Ok(())
    }

    /// Another tab of this browser saved plan `id` (a `storage` event carrying `json`).
    /// If it is the open plan, this tab takes that version merged with its own unsaved
    /// edits, so neither tab ever writes its older copy over the other's changes.
    pub fn adopt_from_other_tab(&self, id: &str, json: &str) {
        if reader_now().is_none() {
            // Read it once the reader is here: dropping it would let this tab's next save
            // write its older copy over the other tab's edits.
            let (plans, id, json) = (*self, id.to_string(), json.to_string());
            leptos::task::spawn_local(async move {
                plan_reader::ready().await;
                plans.adopt_from_other_tab(&id, &json);
            });
            return;
        }
        if id == self.current.get_untracked()
            && self.merge_other_tab(json)
            && self.pending.get_value().is_none()
        {
            // Edits of this tab the other has not got: write them.
            self.schedule(std::time::Duration::ZERO);
        }
    }

    /// Merges `stored` (the open plan as another tab saved it) into the plan on screen:
    /// every change of either tab since this one last read or wrote the plan is kept; a
    /// value both changed differently keeps this tab's (it is written next). The undo
    /// history restarts, as when a plan is opened: undoing past the merge would silently
    /// take back the other tab's edits. Returns whether this tab now holds edits that
    /// `stored` lacks.
    fn merge_other_tab(&self, stored: &str) -> bool {
        let Ok(theirs) = serde_json::from_str::<Value>(stored) else {
            return false; // not a document this tab can read: keep what is on screen
        };
        if self.base.with_value(|b| b.as_ref() == Some(&theirs)) {
            return false; // nothing new from the other tab
        }
        let Some(mine) = self.store.read_untracked(document) else {
            return false;
        };
        let last = self.base.get_value().unwrap_or_else(|| mine.clone());
        let written_from = self.written_from.get_value();
        let base = match &written_from {
            Some(before) => base_for_incoming(before, &last, &theirs),
            None => &last,
        };
        let merged = merge3(base, &mine, &theirs).value;
        let Some(Ok(plan)) = reader_now().map(|read| read(&merged.to_string())) else {
            return false; // e.g. a newer schema from an updated tab: keep ours
        };
        let unsaved = merged != theirs;
        self.read_base(Some(theirs));
        if merged != mine {
            self.store.reset(plan);
        }
        unsaved
    }

    /// Adds a plan to the list under a new id, without opening it.
    pub fn add_plan(&self, plan: &Plan) -> Result<String, StorageError> {
        self.add(plan)
    }
}

pub fn use_plans() -> Plans {
    expect_context::<Plans>()
}
