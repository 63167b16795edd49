//! The CouchDB calls (part of the `sync` module, like the engine): one document per plan
//! written with its last `_rev`, the list from `_all_docs`, the database checked and
//! created, and the `_changes` long-poll that notices others' saves. What the answers mean
//! is `domain::sync::couch`'s.

use super::engine::Upload;
use super::http::send;
use super::Backend;
use crate::domain::sync::couch::{
    all_docs_url, changes_url, parse_all_docs, parse_changes, parse_db_info, parse_document,
    saved_rev, to_couch, to_pull, Changes, DbInfo, LONGPOLL_MS,
};
use crate::domain::sync::diff::same_plan;
use crate::domain::sync::document::{RemoteEntry, RemotePlan};
use crate::domain::sync::problem::{classify_status, Problem};
use crate::domain::sync::queue::retry_delay_ms;
use crate::domain::sync::settings::{BackendKind, BackendSettings};
use crate::state::autosave::SaveStatus;
use crate::state::plan_data::sleep as plan_data_sleep;
use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::time::Duration;

/// Reads one plan's document; `None` = 404 (never saved there, or deleted).
pub(super) async fn fetch(
    settings: &BackendSettings,
    id: &str,
) -> Result<Option<RemotePlan>, Problem> {
    let reply = send(settings, Method::GET, &settings.item_url(id), None, None).await?;
    if reply.status == 404 {
        return Ok(None);
    }
    if let Some(p) = classify_status(reply.status) {
        return Err(p);
    }
    parse_document(&reply.body).map(Some)
}

/// One save of plan `id`: `PUT` with the `_rev` it is based on (none if new here).
pub(super) async fn upload(
    settings: &BackendSettings,
    id: &str,
    json: &str,
    rev: Option<&str>,
) -> Result<Upload, Problem> {
    let mut rev = rev.map(str::to_string);
    // At most twice: a 409 on a document deleted meanwhile is written again as new.
    for _ in 0..2 {
        let body = to_couch(json, id, rev.as_deref());
        let reply = send(
            settings,
            Method::PUT,
            &settings.item_url(id),
            Some(body),
            None,
        )
        .await?;
        if reply.status == 409 {
            let Some(theirs) = fetch(settings, id).await? else {
                rev = None;
                continue;
            };
            let mine: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
            if same_plan(&mine, &theirs.plan) {
                // Already there (an earlier save's answer was lost): now in step.
                return Ok(Upload::Done {
                    revision: theirs.revision,
                    etag: theirs.rev,
                });
            }
            return Ok(Upload::Conflict(theirs));
        }
        if let Some(p) = classify_status(reply.status) {
            return Err(p);
        }
        let rev = saved_rev(&reply.body)?;
        return Ok(Upload::Done {
            revision: crate::domain::sync::couch::generation(&rev).unwrap_or(1),
            etag: Some(rev),
        });
    }
    Err(Problem::Unexpected(409))
}

/// `GET url` of the database, its body read by `parse`: a 404 is a database that does not
/// exist, any other failing status is classified as for every call.
async fn get_from_db<T>(
    settings: &BackendSettings,
    url: &str,
    parse: fn(&str) -> Result<T, Problem>,
) -> Result<T, Problem> {
    let reply = send(settings, Method::GET, url, None, None).await?;
    match reply.status {
        404 => Err(Problem::NoDatabase),
        s => match classify_status(s) {
            Some(p) => Err(p),
            None => parse(&reply.body),
        },
    }
}

/// The plans in the database.
pub(super) async fn list(settings: &BackendSettings) -> Result<Vec<RemoteEntry>, Problem> {
    get_from_db(
        settings,
        &all_docs_url(&settings.collection_url()),
        parse_all_docs,
    )
    .await
}

/// `GET {db}`: is the database there, and is it a CouchDB database.
pub(super) async fn db_info(settings: &BackendSettings) -> Result<DbInfo, Problem> {
    get_from_db(settings, &settings.collection_url(), parse_db_info).await
}

/// "Test connection": the database's document count.
pub(super) async fn test(settings: &BackendSettings) -> Result<usize, Problem> {
    settings.validate().map_err(|_| Problem::BadSettings)?;
    let info = db_info(settings).await?;
    Ok(usize::try_from(info.doc_count).unwrap_or(usize::MAX))
}

/// `PUT {db}`: creates the database (needs an admin's authorization on a real CouchDB).
pub(super) async fn create_database(settings: &BackendSettings) -> Result<(), Problem> {
    let reply = send(
        settings,
        Method::PUT,
        &settings.collection_url(),
        None,
        None,
    )
    .await?;
    match reply.status {
        // 412: it exists already.
        412 => Ok(()),
        s => classify_status(s).map_or(Ok(()), Err),
    }
}

thread_local! {
    /// The database whose change feed this tab follows (one follower at a time).
    static WATCHING: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn still_watching(backend: &Backend, db: &str) -> bool {
    let settings = backend.settings.get_untracked();
    settings.enabled()
        && settings.kind == BackendKind::Couch
        && settings.collection_url() == db
        && WATCHING.with(|w| w.borrow().as_deref() == Some(db))
}

/// Follows the database's `_changes` feed while it stays the configured backend, so a
/// save from another browser is taken in as soon as the server has it (as a reload
/// takes it in on a JSON backend). A long-poll, not a timer: the server answers the
/// moment something changes, and an idle tab costs one request per `LONGPOLL_MS`.
pub(super) fn watch(backend: Backend) {
    let settings = backend.settings.get_untracked();
    let db = settings.collection_url();
    if settings.kind != BackendKind::Couch || !settings.enabled() {
        return;
    }
    if WATCHING.with(|w| w.borrow().as_deref() == Some(db.as_str())) {
        return;
    }
    WATCHING.with(|w| *w.borrow_mut() = Some(db.clone()));
    spawn_local(async move {
        let mut since: Option<String> = None;
        let mut attempt = 0;
        while still_watching(&backend, &db) {
            let settings = backend.settings.get_untracked();
            let batch = match &since {
                // From now on: what is there already, opening a plan takes in.
                None => db_info(&settings).await.map(|info| {
                    let nothing = Changes {
                        changed: vec![],
                        last_seq: info.update_seq.clone(),
                    };
                    (info.update_seq, nothing)
                }),
                Some(seq) => poll(&settings, seq).await,
            };
            match batch {
                Ok((next, changed)) => {
                    attempt = 0;
                    since = Some(next);
                    take_in(backend, changed).await;
                }
                Err(_) => {
                    attempt += 1;
                    plan_data_sleep(Duration::from_millis(retry_delay_ms(attempt).into())).await;
                }
            }
        }
    });
}

/// One long-poll; the request may stay open for `LONGPOLL_MS` before its own timeout.
async fn poll(settings: &BackendSettings, since: &str) -> Result<(String, Changes), Problem> {
    let long = BackendSettings {
        timeout_ms: Some(LONGPOLL_MS + settings.timeout_ms()),
        ..settings.clone()
    };
    let url = changes_url(&settings.collection_url(), since);
    let reply = send(&long, Method::GET, &url, None, None).await?;
    if let Some(p) = classify_status(reply.status) {
        return Err(p);
    }
    let changes = parse_changes(&reply.body)?;
    Ok((changes.last_seq.clone(), changes))
}

/// The open plan changed on the server at a revision this browser does not hold: read it
/// as opening it would (`pull_now`), once nothing of this tab waits to be written or
/// uploaded, since those must meet the server's copy as a conflict instead. Other plans
/// are read when they are opened.
async fn take_in(backend: Backend, changes: Changes) {
    let current = backend.plans.current_untracked();
    let behind = to_pull(&changes, |id| {
        backend.book.with_untracked(|b| b.record(id).base)
    });
    if !behind.contains(&current) {
        return;
    }
    // An upload or a pull runs now: wait for it (a short while) rather than miss this.
    for _ in 0..40 {
        if backend.plans.current_untracked() != current {
            return;
        }
        let unwritten = backend.plans.status().get_untracked() != SaveStatus::Saved;
        let pending = backend.book.with_untracked(|b| b.record(&current).pending) > 0;
        if pending {
            // Its upload will meet the server's copy.
            return;
        }
        if !unwritten && backend.phase.with_untracked(|p| p.can_start()) {
            backend.pull_now(current);
            return;
        }
        plan_data_sleep(Duration::from_millis(250)).await;
    }
}
