//! The backend settings: kept only in this browser (never in the plan document), and the
//! authorization value goes only to the configured origin.

use serde::{Deserialize, Serialize};

/// The collection path when none is given.
pub const DEFAULT_COLLECTION: &str = "plans";

/// How long a request may take before it counts as a timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 8_000;

/// Which protocol the backend speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    /// Any REST server with the README's contract (json-server included).
    #[default]
    Json,
    /// A CouchDB database (or pouchdb-server): `base_url` is the database's URL.
    Couch,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BackendSettings {
    /// Settings stored before there was a choice are a JSON backend's.
    #[serde(default)]
    pub kind: BackendKind,
    /// e.g. `https://api.example.com/v1`; empty = no backend (the app works as before).
    #[serde(default)]
    pub base_url: String,
    #[serde(default)]
    pub collection: String,
    /// The whole `Authorization` header value (e.g. `Bearer abc`); empty = none.
    #[serde(default)]
    pub authorization: String,
    /// Not shown in the UI: tests set a short one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u32>,
}

/// Why the settings cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsError {
    /// Not an absolute `http://` or `https://` address.
    BadUrl,
    /// The collection path has characters other than letters, digits, `-`, `_`, `/`.
    BadCollection,
}

impl BackendSettings {
    /// Read from storage; anything unreadable means "no backend".
    pub fn from_json(json: &str) -> BackendSettings {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("settings serialize")
    }

    pub fn enabled(&self) -> bool {
        !self.base_url.trim().is_empty()
    }

    pub fn timeout_ms(&self) -> u32 {
        self.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS)
    }

    /// The base without a trailing slash.
    fn base(&self) -> &str {
        self.base_url.trim().trim_end_matches('/')
    }

    fn collection_path(&self) -> &str {
        let c = self.collection.trim().trim_matches('/');
        if c.is_empty() {
            DEFAULT_COLLECTION
        } else {
            c
        }
    }

    pub fn validate(&self) -> Result<(), SettingsError> {
        origin(self.base()).ok_or(SettingsError::BadUrl)?;
        if self.kind == BackendKind::Couch {
            // The database URL says it all; the collection path is not used.
            return Ok(());
        }
        let ok = self
            .collection_path()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'));
        if !ok {
            return Err(SettingsError::BadCollection);
        }
        Ok(())
    }

    /// `GET` (list) and `POST` (create) go here; for CouchDB, the database.
    pub fn collection_url(&self) -> String {
        match self.kind {
            BackendKind::Json => format!("{}/{}", self.base(), self.collection_path()),
            BackendKind::Couch => self.base().to_string(),
        }
    }

    /// Where the plans' revisions come from: another place, or another protocol at the
    /// same place, starts the bookkeeping afresh.
    pub fn same_store(&self, other: &BackendSettings) -> bool {
        self.kind == other.kind && self.collection_url() == other.collection_url()
    }

    /// `GET`, `PUT`, `DELETE` of one plan.
    pub fn item_url(&self, id: &str) -> String {
        format!("{}/{}", self.collection_url(), encode_segment(id))
    }

    /// The authorization value to attach to a request for `url`: only when one is set
    /// and `url` is on the configured origin, so it never leaks elsewhere.
    pub fn authorization_for(&self, url: &str) -> Option<&str> {
        let value = self.authorization.trim();
        if value.is_empty() {
            return None;
        }
        let mine = origin(self.base())?;
        (origin(url)? == mine).then_some(value)
    }

    /// A page on `https:` cannot call an `http:` backend (the browser blocks it), so
    /// this is told before any request.
    pub fn is_mixed_content(&self, page_url: &str) -> bool {
        scheme(page_url) == Some("https") && scheme(self.base()) == Some("http")
    }
}

fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once("://")?;
    Some(scheme).filter(|s| matches!(*s, "http" | "https"))
}

/// `scheme://host[:port]` of an absolute http(s) URL, lower-cased, default ports
/// dropped; `None` for anything else.
pub fn origin(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // user:password@ in a URL is refused: the header is the only way to authenticate.
    if authority.is_empty() || authority.contains('@') || authority.contains(char::is_whitespace) {
        return None;
    }
    let authority = authority.to_ascii_lowercase();
    let default_port = if scheme == "http" { ":80" } else { ":443" };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    Some(format!("{scheme}://{authority}"))
}

/// Percent-encodes what may not appear in a path segment (plan ids are plain already).
fn encode_segment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~') {
                c.to_string()
            } else {
                let mut buf = [0u8; 4];
                c.encode_utf8(&mut buf)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(base: &str) -> BackendSettings {
        BackendSettings {
            base_url: base.into(),
            authorization: "Bearer s3cret".into(),
            ..BackendSettings::default()
        }
    }

    #[test]
    fn off_by_default_and_when_unreadable() {
        assert!(!BackendSettings::default().enabled());
        assert!(!BackendSettings::from_json("not json").enabled());
        let s = settings("http://127.0.0.1:4292/");
        assert_eq!(BackendSettings::from_json(&s.to_json()), s);
    }

    #[test]
    fn urls_follow_the_contract() {
        let mut s = settings("http://127.0.0.1:4292/");
        assert_eq!(s.collection_url(), "http://127.0.0.1:4292/plans");
        assert_eq!(s.item_url("p1a-2"), "http://127.0.0.1:4292/plans/p1a-2");
        s.collection = "/api/plans/".into();
        assert_eq!(s.item_url("a b"), "http://127.0.0.1:4292/api/plans/a%20b");
    }

    #[test]
    fn couchdb_is_a_database_url() {
        // Settings saved before the choice existed read as a JSON backend.
        let old = BackendSettings::from_json(r#"{"base_url":"http://h:1","collection":"plans"}"#);
        assert_eq!(old.kind, BackendKind::Json);
        let couch = BackendSettings {
            kind: BackendKind::Couch,
            collection: "ignored?".into(),
            ..settings("http://127.0.0.1:5984/plans/")
        };
        assert_eq!(couch.validate(), Ok(()));
        assert_eq!(couch.collection_url(), "http://127.0.0.1:5984/plans");
        assert_eq!(couch.item_url("p 1"), "http://127.0.0.1:5984/plans/p%201");
        assert_eq!(BackendSettings::from_json(&couch.to_json()), couch);
        assert!(couch.to_json().contains(r#""kind":"couch""#));
        // The same address as a JSON API is another store.
        let json = BackendSettings {
            kind: BackendKind::Json,
            collection: "plans".into(),
            ..settings("http://127.0.0.1:5984")
        };
        assert_eq!(json.collection_url(), couch.collection_url());
        assert!(!json.same_store(&couch));
        assert!(couch.same_store(&couch.clone()));
    }

    #[test]
    fn validation() {
        assert_eq!(settings("ftp://x").validate(), Err(SettingsError::BadUrl));
        assert_eq!(
            settings("example.com").validate(),
            Err(SettingsError::BadUrl)
        );
        assert_eq!(
            settings("https://u:p@x.com").validate(),
            Err(SettingsError::BadUrl)
        );
        let mut s = settings("https://x.com/v1");
        assert_eq!(s.validate(), Ok(()));
        s.collection = "plans?x=1".into();
        assert_eq!(s.validate(), Err(SettingsError::BadCollection));
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin("HTTPS://Api.X.com:443/a").as_deref(),
            Some("https://api.x.com")
        );
        assert_eq!(
            origin("http://x.com:8080?q").as_deref(),
            Some("http://x.com:8080")
        );
        assert_eq!(origin("/plans"), None);
        assert_eq!(origin("javascript:alert(1)"), None);
    }

    #[test]
    fn authorization_goes_only_to_the_configured_origin() {
        let s = settings("http://127.0.0.1:4292/api");
        assert_eq!(
            s.authorization_for("http://127.0.0.1:4292/api/plans/1"),
            Some("Bearer s3cret")
        );
        assert_eq!(s.authorization_for("http://127.0.0.1:4293/api/plans"), None);
        assert_eq!(
            s.authorization_for("https://127.0.0.1:4292/api/plans"),
            None
        );
        assert_eq!(
            s.authorization_for("http://evil.com/?http://127.0.0.1:4292"),
            None
        );
        let none = BackendSettings {
            authorization: " ".into(),
            ..s
        };
        assert_eq!(none.authorization_for("http://127.0.0.1:4292/api"), None);
    }

    #[test]
    fn mixed_content_is_known_before_fetching() {
        assert!(settings("http://x.com").is_mixed_content("https://app.com/settings"));
        assert!(!settings("https://x.com").is_mixed_content("https://app.com/"));
        assert!(!settings("http://x.com").is_mixed_content("http://app.com/"));
    }
}
