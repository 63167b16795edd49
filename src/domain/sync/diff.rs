//! The differences between my version of a plan and theirs, as a readable list: which
//! table, which row (by its id, so reordered rows still match), which field, and both
//! values. Works on the JSON documents, so every table of the plan is covered.

use serde_json::Value;

/// Shown for a side that has no value there (a row only one side has).
pub const ABSENT: &str = "—";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// e.g. `funnel › stages › #3 › name`.
    pub place: String,
    pub mine: String,
    pub theirs: String,
}

/// The differences, in document order. `id` and `revision` (the backend's bookkeeping)
/// are not part of the plan and are skipped.
pub fn diff(mine: &Value, theirs: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    let strip = |v: &Value| match v {
        Value::Object(m) => {
            let mut m = m.clone();
            m.remove("id");
            m.remove("revision");
            Value::Object(m)
        }
        other => other.clone(),
    };
    walk(&mut Vec::new(), &strip(mine), &strip(theirs), &mut out);
    out
}

/// The same plan on both sides (the backend's `id` / `revision` aside): e.g. an upload
/// whose answer was lost to a reload. Not a conflict: the server copy is simply mine.
pub fn same_plan(mine: &Value, theirs: &Value) -> bool {
    diff(mine, theirs).is_empty()
}

fn show(value: Option<&Value>) -> String {
    const MAX: usize = 80;
    let text = match value {
        None | Some(Value::Null) => return ABSENT.to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn row_id(v: &Value) -> Option<String> {
    match v.get("id")? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn push(path: &[String], mine: Option<&Value>, theirs: Option<&Value>, out: &mut Vec<Difference>) {
    out.push(Difference {
        place: path.join(" › "),
        mine: show(mine),
        theirs: show(theirs),
    });
}

fn walk(path: &mut Vec<String>, mine: &Value, theirs: &Value, out: &mut Vec<Difference>) {
    if mine == theirs {
        return;
    }
    match (mine, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
            for key in keys {
                path.push(key.clone());
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => walk(path, x, y, out),
                    (x, y) => push(path, x, y, out),
                }
                path.pop();
            }
        }
        (Value::Array(a), Value::Array(b)) if is_rows(a) && is_rows(b) => {
            // Rows matched by id: edits show per field, added / removed rows as a whole.
            let ids = |rows: &[Value]| rows.iter().filter_map(row_id).collect::<Vec<_>>();
            let (ida, idb) = (ids(a), ids(b));
            let order = ida.iter().chain(idb.iter().filter(|id| !ida.contains(id)));
            for id in order {
                let x = a.iter().find(|r| row_id(r).as_ref() == Some(id));
                let y = b.iter().find(|r| row_id(r).as_ref() == Some(id));
                path.push(format!("#{id}"));
                match (x, y) {
                    (Some(x), Some(y)) => walk(path, x, y, out),
                    (x, y) => push(path, x, y, out),
                }
                path.pop();
            }
            if ida == idb {
                return;
            }
            let same_set = ida.len() == idb.len() && ida.iter().all(|id| idb.contains(id));
            if same_set {
                path.push("order".into());
                push(
                    path,
                    Some(&Value::from(ida.join(", "))),
                    Some(&Value::from(idb.join(", "))),
                    out,
                );
                path.pop();
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                path.push(format!("{}", i + 1));
                match (a.get(i), b.get(i)) {
                    (Some(x), Some(y)) => walk(path, x, y, out),
                    (x, y) => push(path, x, y, out),
                }
                path.pop();
            }
        }
        (x, y) => push(path, Some(x), Some(y), out),
    }
}

/// An array of objects that all carry an id: a table's rows.
fn is_rows(items: &[Value]) -> bool {
    !items.is_empty() && items.iter().all(|v| v.is_object() && row_id(v).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_plans_have_no_differences() {
        let plan = json!({"header": {"name": "A"}, "funnel": {"stages": [{"id": 1}]}});
        assert!(diff(&plan, &plan).is_empty());
        // The backend's bookkeeping is not a difference.
        let mut served = plan.clone();
        served["revision"] = json!(4);
        served["id"] = json!("p1");
        assert!(diff(&plan, &served).is_empty());
    }

    #[test]
    fn an_upload_whose_answer_was_lost_is_the_same_plan() {
        let mine = json!({"header": {"name": "A"}});
        let served = json!({"header": {"name": "A"}, "id": "p1", "revision": 1});
        assert!(same_plan(&mine, &served));
        assert!(!same_plan(
            &mine,
            &json!({"header": {"name": "B"}, "revision": 1})
        ));
    }

    #[test]
    fn a_field_of_a_row_matched_by_id() {
        let mine = json!({"funnel": {"stages": [{"id": 1, "name": "到店"}, {"id": 2, "name": "下单", "reached": 10}]}});
        let theirs = json!({"funnel": {"stages": [{"id": 2, "name": "下单", "reached": 12}, {"id": 1, "name": "到店"}]}});
        let d = diff(&mine, &theirs);
        assert_eq!(
            d,
            vec![
                Difference {
                    place: "funnel › stages › #2 › reached".into(),
                    mine: "10".into(),
                    theirs: "12".into()
                },
                Difference {
                    place: "funnel › stages › order".into(),
                    mine: "1, 2".into(),
                    theirs: "2, 1".into()
                },
            ]
        );
    }

    #[test]
    fn rows_only_one_side_has() {
        let mine = json!({"tasks": [{"id": 1, "name": "a"}, {"id": 3, "name": "new"}]});
        let theirs = json!({"tasks": [{"id": 1, "name": "a"}, {"id": 2, "name": "theirs"}]});
        let d = diff(&mine, &theirs);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].place, "tasks › #3");
        assert_eq!(d[0].theirs, ABSENT);
        assert!(d[0].mine.contains("new"));
        assert_eq!(d[1].place, "tasks › #2");
        assert_eq!(d[1].mine, ABSENT);
    }

    #[test]
    fn plain_fields_and_lists() {
        let mine = json!({"header": {"name": "华东新店"}, "tags": ["a", "b"], "x": null});
        let theirs = json!({"header": {"name": "华东旗舰店"}, "tags": ["a"], "y": 1});
        let d = diff(&mine, &theirs);
        let places: Vec<&str> = d.iter().map(|x| x.place.as_str()).collect();
        assert_eq!(places, vec!["header › name", "tags › 2", "x", "y"]);
        assert_eq!(
            (d[0].mine.as_str(), d[0].theirs.as_str()),
            ("华东新店", "华东旗舰店")
        );
        assert_eq!(d[2].mine, ABSENT);
        let long = json!("x".repeat(200));
        assert!(show(Some(&long)).ends_with('…'));
    }
}
