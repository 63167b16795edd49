//! Moving working copies into the archive (part of the archive's module): written, read
//! back, compared, and only then removed from `localStorage`.

use super::indexed_db;
use super::{Archive, Fut};
use crate::state::plans::Plans;
use crate::state::storage::{PlanLibrary, StorageError};

/// The calls the app reaches through the module (`super::archive`).
pub static ARCHIVE: Archive = Archive {
    get: |id| Box::pin(async move { indexed_db::get(&id).await }),
    store: |id, json| Box::pin(async move { store(&id, &json).await }),
    park: |lib, id| Box::pin(async move { park(&*lib, &id).await }),
    remove: |id| Box::pin(async move { indexed_db::remove(&id).await }),
    ids: || Box::pin(indexed_db::ids()),
    tidy,
};

/// Moves every loose working copy of `plans` (`Plans::is_loose`), one at a time, for as
/// long as `Plans::tidy` keeps asking. Without an archive, or with a full one, the rest
/// stay where they are, read as before.
fn tidy(plans: Plans) -> Fut<()> {
    Box::pin(async move {
        let lib = plans.lib();
        while plans.take_tidy_request() {
            for id in lib.plan_ids().unwrap_or_default() {
                // Asked again each time: an open in between changes which one stays.
                if plans.is_loose(&id) && park(&*lib, &id).await.is_err() {
                    break;
                }
            }
        }
    })
}

/// Writes plan `id`'s document and reads it back: whether the archive holds the very
/// text (committed; not another text, as a failing disk or a buggy webview may give).
async fn store(id: &str, json: &str) -> Result<bool, StorageError> {
    indexed_db::put(id, json).await?;
    Ok(indexed_db::get(id).await?.as_deref() == Some(json))
}

/// Moves plan `id`'s working copy into the archive: written, read back, and only then
/// removed from the working copies, unless it changed meanwhile (another tab saved it;
/// it stays, the newer). Whether it moved.
async fn park(lib: &dyn PlanLibrary, id: &str) -> Result<bool, StorageError> {
    let Some(json) = lib.load_plan(id)? else {
        return Ok(false);
    };
    if !store(id, &json).await? || lib.load_plan(id)?.as_deref() != Some(json.as_str()) {
        return Ok(false);
    }
    lib.remove_plan(id)?;
    Ok(true)
}
