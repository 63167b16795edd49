//! Three-way merge of two versions of one plan document that both started from `base`:
//! two tabs of one browser editing the same plan. Every change of either side is kept;
//! only where both changed the same value differently does one side win (`mine`), and
//! those clashes are counted so the caller can say so.
//!
//! Rows are matched by `id` (every table of the plan is an array of objects with an `id`),
//! so a row added, removed or edited on one side does not disturb the others; any other
//! array (the NPS answer counts) is one value.

use serde_json::{Map, Value};

/// The merged document and how many values both sides changed differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub value: Value,
    pub clashes: usize,
}

/// Merges `mine` and `theirs`, both edited from `base`.
pub fn merge3(base: &Value, mine: &Value, theirs: &Value) -> Merged {
    let mut clashes = 0;
    let value = merge_value(Some(base), mine, theirs, &mut clashes);
    Merged { value, clashes }
}

/// The version another tab's saved copy (`theirs`) started from, when this tab has
/// written since it last read the plan: `written` (its last write) if `theirs` already
/// holds every change of it, otherwise `before` (the version this tab last read, which
/// its writes started from). The second case is two tabs saving at the same moment,
/// neither having seen the other's copy (browser storage reaches other tabs
/// asynchronously): merged against `written`, each change of that write would look taken
/// back by `theirs` and be dropped, in both tabs at once.
pub fn base_for_incoming<'a>(before: &'a Value, written: &'a Value, theirs: &Value) -> &'a Value {
    if merge3(before, written, theirs).value == *theirs {
        written
    } else {
        before
    }
}

fn merge_value(base: Option<&Value>, mine: &Value, theirs: &Value, clashes: &mut usize) -> Value {
    if mine == theirs || base == Some(theirs) {
        return mine.clone();
    }
    if base == Some(mine) {
        return theirs.clone();
    }
    match (mine, theirs) {
        (Value::Object(m), Value::Object(t)) => {
            let b = base.and_then(Value::as_object);
            Value::Object(merge_objects(b, m, t, clashes))
        }
        (Value::Array(m), Value::Array(t)) if is_table(m) && is_table(t) => {
            let b = base
                .and_then(Value::as_array)
                .filter(|b| is_table(b))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            Value::Array(merge_rows(b, m, t, clashes))
        }
        _ => {
            *clashes += 1;
            mine.clone()
        }
    }
}

fn merge_objects(
    base: Option<&Map<String, Value>>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    clashes: &mut usize,
) -> Map<String, Value> {
    let in_base = |k: &str| base.and_then(|b| b.get(k));
    let mut out = Map::new();
    for (k, m) in mine {
        match theirs.get(k) {
            Some(t) => {
                out.insert(k.clone(), merge_value(in_base(k), m, t, clashes));
            }
            // They removed it: gone, unless I changed it since.
            None if in_base(k) == Some(m) => {}
            None => {
                out.insert(k.clone(), m.clone());
            }
        }
    }
    for (k, t) in theirs {
        if mine.contains_key(k) {
            continue;
        }
        // I removed it: gone, unless they changed it since.
        if in_base(k) != Some(t) {
            out.insert(k.clone(), t.clone());
        }
    }
    out
}

/// An array of objects, each with a distinct `id`: one of the plan's tables.
fn is_table(rows: &[Value]) -> bool {
    let mut ids = std::collections::HashSet::new();
    rows.iter()
        .all(|r| r.get("id").is_some_and(|id| ids.insert(id.to_string())))
}

fn row_id(row: &Value) -> String {
    row.get("id").map(Value::to_string).unwrap_or_default()
}

fn merge_rows(base: &[Value], mine: &[Value], theirs: &[Value], clashes: &mut usize) -> Vec<Value> {
    let by_id = |rows: &[Value]| -> std::collections::HashMap<String, usize> {
        rows.iter()
            .enumerate()
            .map(|(i, r)| (row_id(r), i))
            .collect()
    };
    let (b, m, t) = (by_id(base), by_id(mine), by_id(theirs));
    let mut out = Vec::with_capacity(mine.len().max(theirs.len()));
    // My order first: my rows, merged with theirs where both have them.
    for row in mine {
        let id = row_id(row);
        let was = b.get(&id).map(|&i| &base[i]);
        match t.get(&id) {
            Some(&j) => out.push(merge_value(was, row, &theirs[j], clashes)),
            // They deleted it: gone, unless I changed it since.
            None if was == Some(row) => {}
            None => out.push(row.clone()),
        }
    }
    // Then their rows I do not have: added by them, or deleted by me but changed by them,
    // each placed after the row it follows in their order.
    for (j, row) in theirs.iter().enumerate() {
        let id = row_id(row);
        if m.contains_key(&id) {
            continue;
        }
        let was = b.get(&id).map(|&i| &base[i]);
        if was == Some(row) {
            continue; // I deleted it and they did not touch it
        }
        let after = theirs[..j]
            .iter()
            .rev()
            .find_map(|p| out.iter().position(|o| row_id(o) == row_id(p)));
        out.insert(after.map_or(0, |i| i + 1), row.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(rows: Value) -> Value {
        json!({ "schema_version": 6, "header": { "name": "计划" }, "tasks": rows })
    }

    /// Tab A wrote `a` (from `before`), tab B wrote `b` (from `before`) at the same
    /// moment; then each receives the other's copy.
    #[test]
    fn two_tabs_saving_at_once_keep_both_edits() {
        let before = doc(json!([{ "id": 1, "owner": "", "status": "todo" }, { "id": 2 }]));
        let a = doc(json!([{ "id": 1, "owner": "王", "status": "todo" }, { "id": 2 }]));
        let b = doc(json!([{ "id": 1, "owner": "", "status": "done" }]));
        let both = doc(json!([{ "id": 1, "owner": "王", "status": "done" }]));
        // In A: B's copy lacks A's write, so it started from `before`.
        let base = base_for_incoming(&before, &a, &b);
        assert_eq!(base, &before);
        assert_eq!(merge3(base, &a, &b).value, both);
        // In B, the same: B's deleted row stays deleted, A's owner is kept.
        let base = base_for_incoming(&before, &b, &a);
        assert_eq!(merge3(base, &b, &a).value, both);
        // What the old choice (the tab's own write as the base) did: each tab lost its edit.
        assert_eq!(merge3(&a, &a, &b).value, b);
    }

    #[test]
    fn a_copy_made_after_this_tabs_write_is_merged_against_that_write() {
        let before = doc(json!([{ "id": 1, "owner": "", "status": "todo" }]));
        let written = doc(json!([{ "id": 1, "owner": "王", "status": "todo" }]));
        // The other tab read this write, then changed the owner again and the status.
        let theirs = doc(json!([{ "id": 1, "owner": "李", "status": "done" }]));
        // Holding a different owner, `theirs` does not hold this write's change: it is
        // taken as concurrent, and the owner is a clash this tab wins (as any clash).
        assert_eq!(base_for_incoming(&before, &written, &theirs), &before);
        // A copy that kept the write and changed something else descends from it.
        let theirs = doc(json!([{ "id": 1, "owner": "王", "status": "done" }]));
        assert_eq!(base_for_incoming(&before, &written, &theirs), &written);
        let mine = doc(json!([{ "id": 1, "owner": "王", "status": "todo", "note": "x" }]));
        assert_eq!(
            merge3(&written, &mine, &theirs).value,
            doc(json!([{ "id": 1, "owner": "王", "status": "done", "note": "x" }]))
        );
    }

    #[test]
    fn edits_of_different_cells_are_both_kept() {
        let base =
            doc(json!([{ "id": 1, "owner": "", "status": "todo" }, { "id": 2, "owner": "" }]));
        let mine =
            doc(json!([{ "id": 1, "owner": "王", "status": "todo" }, { "id": 2, "owner": "" }]));
        let theirs =
            doc(json!([{ "id": 1, "owner": "", "status": "done" }, { "id": 2, "owner": "李" }]));
        let m = merge3(&base, &mine, &theirs);
        assert_eq!(m.clashes, 0);
        assert_eq!(
            m.value,
            doc(json!([{ "id": 1, "owner": "王", "status": "done" }, { "id": 2, "owner": "李" }]))
        );
    }

    #[test]
    fn rows_added_and_deleted_on_either_side() {
        let base = doc(json!([{ "id": 1 }, { "id": 2 }, { "id": 3 }]));
        // I add 4 after 1 and delete 3; they add 5 after 2 and delete 1.
        let mine = doc(json!([{ "id": 1 }, { "id": 4 }, { "id": 2 }]));
        let theirs = doc(json!([{ "id": 2 }, { "id": 5 }, { "id": 3 }]));
        let m = merge3(&base, &mine, &theirs);
        assert_eq!(m.value, doc(json!([{ "id": 4 }, { "id": 2 }, { "id": 5 }])));
        assert_eq!(m.clashes, 0);
    }

    #[test]
    fn a_row_deleted_on_one_side_and_edited_on_the_other_is_kept() {
        let base = doc(json!([{ "id": 1, "owner": "" }, { "id": 2, "owner": "" }]));
        let mine = doc(json!([{ "id": 2, "owner": "" }]));
        let theirs = doc(json!([{ "id": 1, "owner": "李" }, { "id": 2, "owner": "" }]));
        assert_eq!(merge3(&base, &mine, &theirs).value, theirs);
        assert_eq!(merge3(&base, &theirs, &mine).value, theirs);
    }

    #[test]
    fn the_same_value_changed_both_ways_is_a_clash_mine_wins() {
        let base = json!({ "header": { "name": "A" }, "nps": [1, 2, 3] });
        let mine = json!({ "header": { "name": "B" }, "nps": [1, 9, 3] });
        let theirs = json!({ "header": { "name": "C" }, "nps": [1, 2, 7] });
        let m = merge3(&base, &mine, &theirs);
        assert_eq!(m.value, mine);
        assert_eq!(m.clashes, 2);
        // The same change on both sides is no clash.
        assert_eq!(
            merge3(&base, &mine, &mine),
            Merged {
                value: mine.clone(),
                clashes: 0
            }
        );
    }

    #[test]
    fn one_side_unchanged_gives_the_other() {
        let base = doc(json!([{ "id": 1, "owner": "" }]));
        let edited = doc(json!([{ "id": 1, "owner": "王" }, { "id": 2 }]));
        assert_eq!(merge3(&base, &base, &edited).value, edited);
        assert_eq!(merge3(&base, &edited, &base).value, edited);
    }

    #[test]
    fn fields_added_or_removed_on_one_side() {
        let base = json!({ "a": 1, "b": 2 });
        let mine = json!({ "a": 1, "b": 2, "c": 3 });
        let theirs = json!({ "a": 1 });
        assert_eq!(
            merge3(&base, &mine, &theirs).value,
            json!({ "a": 1, "c": 3 })
        );
    }

    /// Property tests run natively (proptest is a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A table of 1-8 rows, each with an id and two cells.
        fn table() -> impl Strategy<Value = Vec<(u8, u8)>> {
            prop::collection::vec((0u8..4, 0u8..4), 1..8)
        }

        fn rows(cells: &[(u8, u8)]) -> Value {
            Value::Array(
                cells
                    .iter()
                    .enumerate()
                    .map(|(i, (a, b))| json!({ "id": i, "a": a, "b": b }))
                    .collect(),
            )
        }

        proptest! {
            /// Tab one edits only column a, tab two only column b: every edit survives
            /// the merge, whichever side merges.
            #[test]
            fn disjoint_edits_all_survive(
                base in table(),
                a_edits in prop::collection::vec(0u8..4, 8),
                b_edits in prop::collection::vec(0u8..4, 8),
            ) {
                let mine: Vec<(u8, u8)> = base.iter().enumerate().map(|(i, c)| (a_edits[i], c.1)).collect();
                let theirs: Vec<(u8, u8)> = base.iter().enumerate().map(|(i, c)| (c.0, b_edits[i])).collect();
                let expected: Vec<(u8, u8)> = base.iter().enumerate().map(|(i, _)| (a_edits[i], b_edits[i])).collect();
                let (b, m, t) = (doc(rows(&base)), doc(rows(&mine)), doc(rows(&theirs)));
                let one = merge3(&b, &m, &t);
                let two = merge3(&b, &t, &m);
                prop_assert_eq!(one.clashes, 0);
                prop_assert_eq!(&one.value, &doc(rows(&expected)));
                prop_assert_eq!(&two.value, &one.value);
            }

            /// Whatever the edits: one side unchanged gives the other exactly, and the
            /// result always holds every row either side added.
            #[test]
            fn unchanged_side_and_added_rows(base in table(), other in table()) {
                let (b, o) = (doc(rows(&base)), doc(rows(&other)));
                prop_assert_eq!(&merge3(&b, &b, &o).value, &o);
                prop_assert_eq!(&merge3(&b, &o, &b).value, &o);
                let merged = merge3(&b, &o, &o).value;
                prop_assert_eq!(merged, o);
            }
        }
    }
}
