//! Several plans kept side by side: the index of stored plans and its rules, as plain
//! logic (no storage, no clock). The reactive list in `state::plans` calls these with the
//! browser's storage and clock.
//!
//! Layout in storage (see `state::storage::LocalPlanLibrary`):
//! - `omo-planner.plans`: the index, `{"version": 1, "plans": [PlanEntry, ...]}`;
//! - `omo-planner.plan.<id>`: the working copy of a plan that is open (here or in another
//!   tab), exactly as `schema::save_plan` writes it; every other plan is in IndexedDB
//!   under the same id, the same text (`state::archive`);
//! - `omo-planner.current`: the id of the plan that is open;
//! - `omo-planner.plan`: the single plan of older versions, migrated into the list on start.

use crate::domain::plan::Plan;
use serde::{Deserialize, Serialize};

/// The version of the index layout (not of the plan documents).
pub const INDEX_VERSION: u32 = 1;

/// One plan of the list, as the list shows it without opening the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEntry {
    pub id: String,
    pub name: String,
    /// `Industry::key()` of the plan ("retail", ...).
    pub industry: String,
    /// Last change, epoch milliseconds.
    pub updated: i64,
    /// When the plan entered the list, epoch milliseconds.
    #[serde(default)]
    pub created: i64,
}

impl PlanEntry {
    /// An entry describing `plan`, stored under `id`, changed at `now`.
    pub fn for_plan(id: &str, plan: &Plan, now: i64) -> PlanEntry {
        PlanEntry {
            id: id.to_string(),
            name: plan.header.name.clone(),
            industry: plan.header.industry.key().to_string(),
            updated: now,
            created: now,
        }
    }

    /// Takes the name and industry of `plan`, changed at `now`.
    pub fn touch(&mut self, plan: &Plan, now: i64) {
        self.name = plan.header.name.clone();
        self.industry = plan.header.industry.key().to_string();
        self.updated = now;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct IndexDoc {
    version: u32,
    plans: Vec<PlanEntry>,
}

/// Why a stored index could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexError {
    NotJson(String),
    NewerVersion(u32),
}

pub fn parse_index(json: &str) -> Result<Vec<PlanEntry>, IndexError> {
    let doc: IndexDoc =
        serde_json::from_str(json).map_err(|e| IndexError::NotJson(e.to_string()))?;
    if doc.version > INDEX_VERSION {
        return Err(IndexError::NewerVersion(doc.version));
    }
    Ok(doc.plans)
}

pub fn index_json(entries: &[PlanEntry]) -> String {
    serde_json::to_string(&IndexDoc {
        version: INDEX_VERSION,
        plans: entries.to_vec(),
    })
    .expect("an index always serializes")
}

/// The list as shown: most recently changed first; ties by newest created, then by id,
/// so the order never depends on how the index happens to be stored.
pub fn sorted_by_recent(entries: &[PlanEntry]) -> Vec<PlanEntry> {
    let mut list = entries.to_vec();
    list.sort_by(|a, b| {
        b.updated
            .cmp(&a.updated)
            .then(b.created.cmp(&a.created))
            .then(a.id.cmp(&b.id))
    });
    list
}

/// A fresh id from the clock, unlike every id in `existing`: "p" + epoch ms in base 36,
/// with "-2", "-3", ... if that is taken (two plans made in one millisecond).
/// Ids contain only [a-z0-9-], so `omo-planner.plan.<id>` never looks like another key.
pub fn new_id(now_ms: i64, existing: &[&str]) -> String {
    let base = format!("p{}", base36(now_ms.max(0) as u64));
    if !existing.contains(&base.as_str()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !existing.contains(&id.as_str()))
        .expect("an unused id exists")
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii digits")
}

/// The name of a copy: "华东新店开业计划 副本", then "… 副本 2", "… 副本 3" while taken.
/// `suffix` is the word of the UI language ("副本", "copy").
pub fn copy_name(name: &str, suffix: &str, existing: &[&str]) -> String {
    let name = name.trim_end();
    let first = if name.is_empty() {
        suffix.to_string()
    } else {
        format!("{name} {suffix}")
    };
    if !existing.contains(&first.as_str()) {
        return first;
    }
    (2..)
        .map(|n| format!("{first} {n}"))
        .find(|candidate| !existing.contains(&candidate.as_str()))
        .expect("an unused name exists")
}

/// What to do on start with the single plan older versions kept under one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegacyStep {
    /// No old plan: nothing to migrate.
    Nothing,
    /// The old plan becomes a new entry of the list (and the open plan); the old key is
    /// removed only after the plan and the index were both written.
    Import,
    /// The old document cannot be read: it is kept aside, then the old key is removed
    /// (only if keeping it aside succeeded).
    KeepAside,
}

/// Whether the old single-key plan is imported. It is imported whenever it is present,
/// even next to an existing list: an older app in another tab may have written it, and
/// nothing may be lost (a duplicate is better than a loss).
pub fn legacy_step(legacy: Option<&str>, readable: bool) -> LegacyStep {
    match legacy {
        None => LegacyStep::Nothing,
        Some(_) if readable => LegacyStep::Import,
        Some(_) => LegacyStep::KeepAside,
    }
}

/// Which plan opens on start: the stored current one if it is still listed, otherwise the
/// most recently changed; `None` for an empty list.
pub fn pick_current(entries: &[PlanEntry], stored_current: Option<&str>) -> Option<String> {
    if let Some(id) = stored_current {
        if entries.iter().any(|e| e.id == id) {
            return Some(id.to_string());
        }
    }
    sorted_by_recent(entries).first().map(|e| e.id.clone())
}

/// Whether `id` could be a plan id (what `new_id` makes): `omo-planner.plan.<id>` keys
/// with anything else after the prefix (e.g. `unreadable.<stamp>`) are not plans.
pub fn is_plan_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Plans stored under their own key but missing from the index (an index that could not
/// be read, or a write that failed half-way): they are listed again, never lost. Sorted.
pub fn orphans(entries: &[PlanEntry], stored_ids: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = stored_ids
        .iter()
        .filter(|id| is_plan_id(id) && !entries.iter().any(|e| &e.id == *id))
        .cloned()
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Puts a deleted entry back (undo of a delete), unless an entry with its id is there.
pub fn restore_entry(entries: &mut Vec<PlanEntry>, entry: PlanEntry) {
    if !entries.iter().any(|e| e.id == entry.id) {
        entries.push(entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::demo::demo_plan;

    fn entry(id: &str, updated: i64, created: i64) -> PlanEntry {
        PlanEntry {
            id: id.into(),
            name: format!("plan {id}"),
            industry: "retail".into(),
            updated,
            created,
        }
    }

    #[test]
    fn most_recent_first_with_stable_ties() {
        let list = vec![
            entry("a", 10, 1),
            entry("b", 30, 1),
            entry("c", 20, 5),
            entry("d", 20, 7),
            entry("e", 20, 7),
        ];
        let ids: Vec<_> = sorted_by_recent(&list).into_iter().map(|e| e.id).collect();
        assert_eq!(ids, ["b", "d", "e", "c", "a"]);
    }

    #[test]
    fn ids_are_unique_and_storage_safe() {
        assert_eq!(new_id(0, &[]), "p0");
        assert_eq!(new_id(35, &[]), "pz");
        assert_eq!(new_id(36, &[]), "p10");
        let id = new_id(1_779_000_000_000, &[]);
        assert!(id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
        assert_eq!(new_id(36, &["p10"]), "p10-2");
        assert_eq!(new_id(36, &["p10", "p10-2"]), "p10-3");
        assert_eq!(new_id(-5, &[]), "p0");
    }

    #[test]
    fn copy_names_count_up() {
        assert_eq!(
            copy_name("华东新店开业计划", "副本", &[]),
            "华东新店开业计划 副本"
        );
        let taken = ["华东新店开业计划 副本"];
        assert_eq!(
            copy_name("华东新店开业计划", "副本", &taken),
            "华东新店开业计划 副本 2"
        );
        let taken = ["A copy", "A copy 2"];
        assert_eq!(copy_name("A ", "copy", &taken), "A copy 3");
        assert_eq!(copy_name("", "副本", &[]), "副本");
    }

    #[test]
    fn the_index_round_trips_and_refuses_a_newer_layout() {
        let list = vec![entry("a", 10, 1), entry("b", 30, 2)];
        assert_eq!(parse_index(&index_json(&list)), Ok(list));
        assert_eq!(
            parse_index(r#"{"version": 9, "plans": []}"#),
            Err(IndexError::NewerVersion(9))
        );
        assert!(matches!(parse_index("{oops"), Err(IndexError::NotJson(_))));
        // An entry without `created` (written by hand, or by a first version) still reads.
        let old =
            r#"{"version":1,"plans":[{"id":"x","name":"n","industry":"retail","updated":5}]}"#;
        assert_eq!(parse_index(old).unwrap()[0].created, 0);
    }

    #[test]
    fn the_old_single_plan_is_imported_when_present() {
        assert_eq!(legacy_step(None, false), LegacyStep::Nothing);
        assert_eq!(legacy_step(Some("{}"), true), LegacyStep::Import);
        assert_eq!(legacy_step(Some("{oops"), false), LegacyStep::KeepAside);
    }

    #[test]
    fn plans_missing_from_the_index_are_found() {
        let list = vec![entry("a", 10, 1)];
        let stored: Vec<String> = ["b", "a", "unreadable.123", "", "c-2", "b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(orphans(&list, &stored), ["b", "c-2"]);
        assert!(is_plan_id(&new_id(1_779_000_000_000, &["x"])));
        assert!(!is_plan_id("unreadable.1"));
        assert!(!is_plan_id("P1"));
    }

    #[test]
    fn the_stored_current_plan_opens_if_listed() {
        let list = vec![entry("a", 10, 1), entry("b", 30, 2)];
        assert_eq!(pick_current(&list, Some("a")).as_deref(), Some("a"));
        assert_eq!(pick_current(&list, Some("gone")).as_deref(), Some("b"));
        assert_eq!(pick_current(&list, None).as_deref(), Some("b"));
        assert_eq!(pick_current(&[], Some("a")), None);
    }

    #[test]
    fn an_entry_describes_its_plan_and_restores_once() {
        let plan = demo_plan();
        let mut e = PlanEntry::for_plan("p1", &plan, 42);
        assert_eq!(e.name, plan.header.name);
        assert_eq!(e.industry, plan.header.industry.key());
        assert_eq!((e.created, e.updated), (42, 42));
        let mut renamed = plan.clone();
        renamed.header.name = "新名字".into();
        e.touch(&renamed, 50);
        assert_eq!((e.name.as_str(), e.created, e.updated), ("新名字", 42, 50));

        let mut list = vec![entry("a", 1, 1)];
        restore_entry(&mut list, e.clone());
        restore_entry(&mut list, e);
        assert_eq!(list.len(), 2);
    }
}
