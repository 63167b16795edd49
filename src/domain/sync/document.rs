//! The plan document as the backend keeps it: the plan JSON exactly as this app saves
//! it, plus `id` (the plan's id in the list) and `revision` (1 on create, +1 per save).

use serde_json::{Map, Value};

/// A plan as the backend returned it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemotePlan {
    pub id: String,
    /// 0 when the document has none (written by something else than this app).
    pub revision: u64,
    /// CouchDB's `_rev` of this copy (the whole string; `revision` is its generation).
    /// `None` on a JSON backend.
    pub rev: Option<String>,
    /// The plan document without `id` and `revision`, for `schema::load_plan`.
    pub plan: Value,
}

/// One line of the backend's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteEntry {
    pub id: String,
    pub name: String,
    pub revision: u64,
}

/// An id as json-server and others give it: a string, or a number.
fn id_of(doc: &Map<String, Value>) -> Option<String> {
    match doc.get("id")? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn revision_of(doc: &Map<String, Value>) -> u64 {
    doc.get("revision").and_then(Value::as_u64).unwrap_or(0)
}

/// The body to send: the plan's JSON with `id` and `revision` set.
pub fn to_backend(plan_json: &str, id: &str, revision: u64) -> String {
    let mut doc: Map<String, Value> =
        serde_json::from_str(plan_json).expect("a saved plan is a JSON object");
    doc.insert("id".into(), Value::String(id.to_string()));
    doc.insert("revision".into(), Value::from(revision));
    Value::Object(doc).to_string()
}

/// A plan the backend returned. `None` without an id.
pub fn from_backend(mut doc: Map<String, Value>) -> Option<RemotePlan> {
    let id = id_of(&doc)?;
    let revision = revision_of(&doc);
    doc.remove("id");
    doc.remove("revision");
    Some(RemotePlan {
        id,
        revision,
        rev: None,
        plan: Value::Object(doc),
    })
}

/// The list, skipping objects without an id; the name is the plan header's.
pub fn list_entries(items: &[Map<String, Value>]) -> Vec<RemoteEntry> {
    items
        .iter()
        .filter_map(|doc| {
            Some(RemoteEntry {
                id: id_of(doc)?,
                name: doc
                    .get("header")
                    .and_then(|h| h.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                revision: revision_of(doc),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_the_plan_untouched() {
        let plan = r#"{"schema_version":5,"header":{"name":"店"}}"#;
        let body = to_backend(plan, "p1", 3);
        let doc: Map<String, Value> = serde_json::from_str(&body).unwrap();
        assert_eq!(doc["id"], "p1");
        assert_eq!(doc["revision"], 3);
        let back = from_backend(doc).unwrap();
        assert_eq!(back.id, "p1");
        assert_eq!(back.revision, 3);
        assert_eq!(back.plan, serde_json::from_str::<Value>(plan).unwrap());
    }

    #[test]
    fn foreign_documents() {
        let doc: Map<String, Value> = serde_json::from_str(r#"{"id":7}"#).unwrap();
        let remote = from_backend(doc).unwrap();
        assert_eq!((remote.id.as_str(), remote.revision), ("7", 0));
        let doc: Map<String, Value> = serde_json::from_str(r#"{"name":"x"}"#).unwrap();
        assert_eq!(from_backend(doc), None);
    }

    #[test]
    fn list_lines() {
        let items: Vec<Map<String, Value>> = serde_json::from_str(
            r#"[{"id":"a","revision":2,"header":{"name":"华东"}},{"x":1},{"id":"b"}]"#,
        )
        .unwrap();
        let list = list_entries(&items);
        assert_eq!(list.len(), 2);
        assert_eq!(
            list[0],
            RemoteEntry {
                id: "a".into(),
                name: "华东".into(),
                revision: 2
            }
        );
        assert_eq!(list[1].revision, 0);
    }
}
