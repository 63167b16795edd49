//! A short fingerprint of a plan's content. An upload that fails without an answer may
//! still have been written (the server crashed or the connection dropped after the body
//! arrived); the queue keeps the fingerprints of such uploads, and a server copy with one
//! of them is this browser's own write, not somebody else's change.

use serde_json::Value;

/// FNV-1a (64 bit) over a canonical form of `plan`: object keys sorted, the backend's
/// bookkeeping (`id`, `revision`) left out at the top. Plans equal as JSON values have
/// equal fingerprints, whatever the key order of the text they were read from.
pub fn fingerprint(plan: &Value) -> u64 {
    let mut hash = Fnv::new();
    match plan {
        Value::Object(fields) => {
            let plan_fields = fields
                .iter()
                .filter(|(key, _)| !matches!(key.as_str(), "id" | "revision"));
            object(&mut hash, plan_fields);
        }
        other => value(&mut hash, other),
    }
    hash.0
}

/// The fingerprint of a stored plan's text; `None` when it is not JSON.
pub fn fingerprint_of_text(plan_json: &str) -> Option<u64> {
    serde_json::from_str(plan_json)
        .ok()
        .map(|v| fingerprint(&v))
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Every value is written with its own delimiters, so two different values never write
/// the same bytes (strings are JSON-escaped, numbers end with `;`).
fn value(hash: &mut Fnv, v: &Value) {
    match v {
        Value::Null => hash.bytes(b"n"),
        Value::Bool(true) => hash.bytes(b"t"),
        Value::Bool(false) => hash.bytes(b"f"),
        Value::Number(n) => {
            hash.bytes(b"#");
            hash.bytes(n.to_string().as_bytes());
            hash.bytes(b";");
        }
        Value::String(s) => string(hash, s),
        Value::Array(items) => {
            hash.bytes(b"[");
            for item in items {
                value(hash, item);
                hash.bytes(b",");
            }
            hash.bytes(b"]");
        }
        Value::Object(fields) => object(hash, fields.iter()),
    }
}

fn object<'a>(hash: &mut Fnv, fields: impl Iterator<Item = (&'a String, &'a Value)>) {
    let mut fields: Vec<_> = fields.collect();
    fields.sort_unstable_by(|a, b| a.0.cmp(b.0));
    hash.bytes(b"{");
    for (key, v) in fields {
        string(hash, key);
        hash.bytes(b":");
        value(hash, v);
        hash.bytes(b",");
    }
    hash.bytes(b"}");
}

fn string(hash: &mut Fnv, s: &str) {
    let escaped = serde_json::to_string(s).expect("a string serializes");
    hash.bytes(escaped.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_order_and_bookkeeping_do_not_count() {
        let mine = fingerprint_of_text(r#"{"kpi":{"a":1,"b":[1,2]},"name":"x"}"#).unwrap();
        let theirs = json!({"revision": 7, "name": "x", "id": "p1", "kpi": {"b": [1, 2], "a": 1}});
        assert_eq!(mine, fingerprint(&theirs));
    }

    #[test]
    fn any_change_of_content_counts() {
        let base = json!({"kpi": {"months": [{"month": "2026-01", "event_attendees": 5000}]}});
        let changed = json!({"kpi": {"months": [{"month": "2026-01", "event_attendees": 5001}]}});
        let reordered = json!({"kpi": {"months": [{"event_attendees": 5000, "month": "2026-01"}]}});
        assert_ne!(fingerprint(&base), fingerprint(&changed));
        assert_eq!(fingerprint(&base), fingerprint(&reordered));
        // Delimiters keep neighbouring values apart.
        assert_ne!(
            fingerprint(&json!(["ab", "c"])),
            fingerprint(&json!(["a", "bc"]))
        );
        assert_ne!(fingerprint(&json!([1, 23])), fingerprint(&json!([12, 3])));
        assert_ne!(
            fingerprint(&json!({"a": null})),
            fingerprint(&json!({"a": "n"}))
        );
        // Nested ids are the plan's rows, not bookkeeping.
        assert_ne!(
            fingerprint(&json!({"rows": [{"id": 1}]})),
            fingerprint(&json!({"rows": [{"id": 2}]}))
        );
    }

    #[test]
    fn not_json_has_none() {
        assert_eq!(fingerprint_of_text("{not json"), None);
    }
}
