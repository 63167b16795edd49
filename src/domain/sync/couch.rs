//! The CouchDB protocol (CouchDB 2/3, or pouchdb-server) as a second backend kind.
//!
//! A plan is one document: `_id` = the plan's id, `_rev` = CouchDB's revision, and next to
//! them the plan JSON exactly as this app saves it (its top-level fields never start with
//! `_`). A save is `PUT {db}/{id}` carrying the last `_rev` this browser knows (none for a
//! new document): 201 gives the new `_rev`, 409 means someone else saved since. The
//! integer before the dash of a `_rev` (its generation) plays the part of the JSON
//! backend's `revision`: on one server, saves are linear, so equal generations are the
//! same revision. Others' saves are noticed with the `_changes` feed.

use super::document::{RemoteEntry, RemotePlan};
use super::problem::{parse_object, Problem};
use serde_json::{Map, Value};

/// How long the server holds a long-poll of `_changes` open when nothing changes.
pub const LONGPOLL_MS: u32 = 20_000;

/// The generation of a `_rev` (`"3-a1b2…"` → 3).
pub fn generation(rev: &str) -> Option<u64> {
    let (n, hash) = rev.split_once('-')?;
    if hash.is_empty() {
        return None;
    }
    n.parse().ok().filter(|&n| n > 0)
}

/// The body of a `PUT {db}/{id}`: the plan's JSON with `_id`, and `_rev` when this browser
/// knows the revision it is based on.
pub fn to_couch(plan_json: &str, id: &str, rev: Option<&str>) -> String {
    let plan: Map<String, Value> =
        serde_json::from_str(plan_json).expect("a saved plan is a JSON object");
    let mut doc = Map::new();
    doc.insert("_id".into(), Value::String(id.to_string()));
    if let Some(rev) = rev {
        doc.insert("_rev".into(), Value::String(rev.to_string()));
    }
    // CouchDB keeps `_`-prefixed top-level fields for itself; a plan has none.
    doc.extend(plan.into_iter().filter(|(k, _)| !k.starts_with('_')));
    Value::Object(doc).to_string()
}

/// A document as CouchDB returned it. `None` for design documents, deleted ones, and
/// anything without `_id` / a readable `_rev`.
pub fn from_couch(doc: Map<String, Value>) -> Option<RemotePlan> {
    let id = doc.get("_id")?.as_str()?.to_string();
    if id.starts_with("_design/") || doc.get("_deleted") == Some(&Value::Bool(true)) {
        return None;
    }
    let rev = doc.get("_rev")?.as_str()?.to_string();
    let revision = generation(&rev)?;
    let plan = doc
        .into_iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .collect();
    Some(RemotePlan {
        id,
        revision,
        rev: Some(rev),
        plan: Value::Object(plan),
    })
}

/// One document's body (`GET {db}/{id}`).
pub fn parse_document(body: &str) -> Result<RemotePlan, Problem> {
    from_couch(parse_object(body)?).ok_or(Problem::WrongShape)
}

/// The new `_rev` from a successful write's answer (`{"ok":true,"id":…,"rev":…}`).
pub fn saved_rev(body: &str) -> Result<String, Problem> {
    let doc = parse_object(body)?;
    doc.get("rev")
        .and_then(Value::as_str)
        .filter(|rev| generation(rev).is_some())
        .map(str::to_string)
        .ok_or(Problem::WrongShape)
}

/// The list: `GET {db}/_all_docs?include_docs=true`. The whole documents come with it,
/// since a plan's name is inside; design documents are left out.
pub fn all_docs_url(db: &str) -> String {
    format!("{db}/_all_docs?include_docs=true")
}

/// The lines of the list from an `_all_docs` answer.
pub fn parse_all_docs(body: &str) -> Result<Vec<RemoteEntry>, Problem> {
    let doc = parse_object(body)?;
    let Some(Value::Array(rows)) = doc.get("rows") else {
        return Err(Problem::NotCouch);
    };
    Ok(rows
        .iter()
        .filter_map(|row| match row.get("doc") {
            Some(Value::Object(doc)) => from_couch(doc.clone()),
            _ => None,
        })
        .map(|plan| RemoteEntry {
            name: plan
                .plan
                .get("header")
                .and_then(|h| h.get("name"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            id: plan.id,
            revision: plan.revision,
        })
        .collect())
}

/// What `GET {db}` tells: the database's counts and where its change feed is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbInfo {
    pub doc_count: u64,
    /// The `since` that asks for changes after this moment.
    pub update_seq: String,
}

/// A sequence as a `since=` value: CouchDB 1 and PouchDB count with numbers, CouchDB 2+
/// with opaque strings.
fn seq_text(seq: &Value) -> Option<String> {
    match seq {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// `GET {db}` answered: a CouchDB database says its `db_name`.
pub fn parse_db_info(body: &str) -> Result<DbInfo, Problem> {
    let doc = parse_object(body).map_err(|_| Problem::NotCouch)?;
    if !doc.get("db_name").is_some_and(Value::is_string) {
        return Err(Problem::NotCouch);
    }
    Ok(DbInfo {
        doc_count: doc.get("doc_count").and_then(Value::as_u64).unwrap_or(0),
        update_seq: doc
            .get("update_seq")
            .and_then(seq_text)
            .ok_or(Problem::NotCouch)?,
    })
}

/// The long-poll of changes after `since`: the server answers as soon as something
/// changed, or with nothing after `LONGPOLL_MS`.
pub fn changes_url(db: &str, since: &str) -> String {
    format!(
        "{db}/_changes?feed=longpoll&timeout={LONGPOLL_MS}&since={}",
        encode_query(since)
    )
}

/// A batch of the change feed: the documents changed (id and generation of their
/// winning revision; deleted ones left out) and where to go on from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    pub changed: Vec<(String, u64)>,
    pub last_seq: String,
}

pub fn parse_changes(body: &str) -> Result<Changes, Problem> {
    let doc = parse_object(body)?;
    let (Some(Value::Array(results)), Some(last_seq)) =
        (doc.get("results"), doc.get("last_seq").and_then(seq_text))
    else {
        return Err(Problem::NotCouch);
    };
    let changed = results
        .iter()
        .filter(|r| r.get("deleted") != Some(&Value::Bool(true)))
        .filter_map(|r| {
            let id = r.get("id")?.as_str()?;
            if id.starts_with("_design/") {
                return None;
            }
            let rev = r.get("changes")?.get(0)?.get("rev")?.as_str()?;
            Some((id.to_string(), generation(rev)?))
        })
        .collect();
    Ok(Changes { changed, last_seq })
}

/// The plan ids whose server copy is at a generation other than `known` says: those to
/// read again (the last change of each id counts).
pub fn to_pull(changes: &Changes, known: impl Fn(&str) -> Option<u64>) -> Vec<String> {
    let mut latest: Vec<(&str, u64)> = Vec::new();
    for (id, generation) in &changes.changed {
        match latest.iter_mut().find(|(seen, _)| seen == id) {
            Some(entry) => entry.1 = *generation,
            None => latest.push((id, *generation)),
        }
    }
    latest
        .into_iter()
        .filter(|(id, generation)| known(id) != Some(*generation))
        .map(|(id, _)| id.to_string())
        .collect()
}

/// Percent-encodes a query value (a CouchDB 2 sequence has `-` and base64 letters).
fn encode_query(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generations() {
        assert_eq!(generation("3-a1b2"), Some(3));
        assert_eq!(generation("12-x"), Some(12));
        assert_eq!(generation("3-"), None);
        assert_eq!(generation("0-a"), None);
        assert_eq!(generation("abc"), None);
        assert_eq!(generation("x-1"), None);
    }

    #[test]
    fn the_document_is_the_plan_with_id_and_rev() {
        let plan = r#"{"schema_version":7,"header":{"name":"店"}}"#;
        let body: Map<String, Value> = serde_json::from_str(&to_couch(plan, "p1", None)).unwrap();
        assert_eq!(body["_id"], "p1");
        assert!(!body.contains_key("_rev"), "a new document has no _rev");
        assert_eq!(body["header"]["name"], "店");
        let body: Map<String, Value> =
            serde_json::from_str(&to_couch(plan, "p1", Some("2-ab"))).unwrap();
        assert_eq!(body["_rev"], "2-ab");

        let back = from_couch(body).unwrap();
        assert_eq!(back.id, "p1");
        assert_eq!(back.revision, 2);
        assert_eq!(back.rev.as_deref(), Some("2-ab"));
        assert_eq!(back.plan, serde_json::from_str::<Value>(plan).unwrap());
    }

    #[test]
    fn server_fields_are_not_part_of_the_plan() {
        let doc = r#"{"_id":"p","_rev":"4-c","_conflicts":["3-x"],"header":{"name":"a"}}"#;
        let plan = parse_document(doc).unwrap();
        assert_eq!(plan.plan, serde_json::json!({"header":{"name":"a"}}));
        assert_eq!(parse_document(r#"{"_id":"p"}"#), Err(Problem::WrongShape));
        assert_eq!(
            parse_document(r#"{"_id":"_design/x","_rev":"1-a"}"#),
            Err(Problem::WrongShape)
        );
        assert_eq!(parse_document("<html>"), Err(Problem::NotJson));
    }

    #[test]
    fn write_answers() {
        assert_eq!(
            saved_rev(r#"{"ok":true,"id":"p","rev":"5-e"}"#).as_deref(),
            Ok("5-e")
        );
        assert_eq!(saved_rev(r#"{"ok":true}"#), Err(Problem::WrongShape));
    }

    #[test]
    fn the_list_from_all_docs() {
        let body = r#"{"total_rows":3,"offset":0,"rows":[
            {"id":"_design/v","key":"_design/v","value":{"rev":"1-a"},"doc":{"_id":"_design/v","_rev":"1-a"}},
            {"id":"a","key":"a","value":{"rev":"2-b"},"doc":{"_id":"a","_rev":"2-b","header":{"name":"华东"}}},
            {"id":"b","key":"b","value":{"rev":"1-c"},"doc":{"_id":"b","_rev":"1-c"}}]}"#;
        let list = parse_all_docs(body).unwrap();
        assert_eq!(
            list,
            vec![
                RemoteEntry {
                    id: "a".into(),
                    name: "华东".into(),
                    revision: 2
                },
                RemoteEntry {
                    id: "b".into(),
                    name: String::new(),
                    revision: 1
                }
            ]
        );
        assert_eq!(parse_all_docs("[]"), Err(Problem::WrongShape));
        assert_eq!(parse_all_docs(r#"{"plans":[]}"#), Err(Problem::NotCouch));
        assert_eq!(
            all_docs_url("http://h:5984/plans"),
            "http://h:5984/plans/_all_docs?include_docs=true"
        );
    }

    #[test]
    fn database_info() {
        let info = parse_db_info(r#"{"db_name":"plans","doc_count":2,"update_seq":7}"#).unwrap();
        assert_eq!(
            info,
            DbInfo {
                doc_count: 2,
                update_seq: "7".into()
            }
        );
        let couch2 = r#"{"db_name":"plans","doc_count":0,"update_seq":"3-g1AA"}"#;
        assert_eq!(parse_db_info(couch2).unwrap().update_seq, "3-g1AA");
        // A JSON server's list, or a web page: not a CouchDB database.
        assert_eq!(parse_db_info("[]"), Err(Problem::NotCouch));
        assert_eq!(parse_db_info("<html>"), Err(Problem::NotCouch));
        assert_eq!(
            parse_db_info(r#"{"couchdb":"Welcome"}"#),
            Err(Problem::NotCouch)
        );
    }

    #[test]
    fn the_change_feed() {
        assert_eq!(
            changes_url("http://h/db", "3-g1A=="),
            "http://h/db/_changes?feed=longpoll&timeout=20000&since=3-g1A%3D%3D"
        );
        let body = r#"{"results":[
            {"seq":5,"id":"a","changes":[{"rev":"2-x"}]},
            {"seq":6,"id":"gone","changes":[{"rev":"3-y"}],"deleted":true},
            {"seq":7,"id":"_design/v","changes":[{"rev":"1-z"}]},
            {"seq":8,"id":"a","changes":[{"rev":"3-w"}]},
            {"seq":9,"id":"b","changes":[{"rev":"1-v"}]}],"last_seq":9}"#;
        let changes = parse_changes(body).unwrap();
        assert_eq!(changes.last_seq, "9");
        assert_eq!(
            changes.changed,
            vec![("a".into(), 2), ("a".into(), 3), ("b".into(), 1)]
        );
        // This browser holds a at 3 (its own save) and never saw b.
        let known = |id: &str| (id == "a").then_some(3);
        assert_eq!(to_pull(&changes, known), vec!["b".to_string()]);
        let behind = |id: &str| (id == "a").then_some(2);
        assert_eq!(to_pull(&changes, behind), vec!["a".to_string(), "b".into()]);
        assert_eq!(parse_changes(r#"{"results":[]}"#), Err(Problem::NotCouch));
        let empty = parse_changes(r#"{"results":[],"last_seq":"9-abc"}"#).unwrap();
        assert!(empty.changed.is_empty());
        assert_eq!(empty.last_seq, "9-abc");
    }
}
