//! What went wrong talking to the backend, told in words the merchant can act on
//! (the words are `i18n` messages; see `Problem::message`).

use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The browser says it is offline (`navigator.onLine` is false).
    Offline,
    /// Nothing answers at that address (the request failed even without CORS).
    Unreachable,
    /// The server answers but refuses requests from this page's origin.
    Cors,
    /// An `http:` backend from an `https:` page: the browser blocks it.
    MixedContent,
    /// 401 or 403: the authorization value is missing or wrong.
    Unauthorized(u16),
    /// 404 on the collection: wrong base URL or collection path.
    NotFound,
    /// 5xx.
    Server(u16),
    /// Any other status that is not a success.
    Unexpected(u16),
    Timeout,
    /// The body is not JSON.
    NotJson,
    /// JSON, but not what the contract says (a list of objects, a plan object).
    WrongShape,
    /// The settings themselves are unusable (bad address or collection path).
    BadSettings,
    /// CouchDB: 404 on the database URL: the server is there, the database is not.
    NoDatabase,
    /// CouchDB: the address answers, but not as a CouchDB database does.
    NotCouch,
}

impl Problem {
    /// Worth retrying by itself later (the server may come back); the others need the
    /// merchant to change something, though they are retried too, more slowly.
    pub fn is_offline(self) -> bool {
        matches!(
            self,
            Problem::Offline | Problem::Unreachable | Problem::Timeout
        )
    }
}

/// How a request ended, as far as the browser lets us see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// `navigator.onLine` was false: nothing was sent.
    BrowserOffline,
    /// Aborted by the timeout.
    TimedOut,
    /// `fetch` threw. `opaque_reached` = the same URL fetched with `mode: "no-cors"`
    /// resolved (with an opaque response): the server is there but refuses CORS.
    Failed { opaque_reached: bool },
    /// An HTTP status arrived.
    Status(u16),
}

/// A status to a problem (`None` = success, 2xx).
pub fn classify_status(status: u16) -> Option<Problem> {
    match status {
        200..=299 => None,
        401 | 403 => Some(Problem::Unauthorized(status)),
        404 => Some(Problem::NotFound),
        500..=599 => Some(Problem::Server(status)),
        _ => Some(Problem::Unexpected(status)),
    }
}

/// A finished attempt to a problem (`None` = a 2xx arrived).
pub fn classify(attempt: Attempt) -> Option<Problem> {
    match attempt {
        Attempt::BrowserOffline => Some(Problem::Offline),
        Attempt::TimedOut => Some(Problem::Timeout),
        Attempt::Failed {
            opaque_reached: true,
        } => Some(Problem::Cors),
        Attempt::Failed {
            opaque_reached: false,
        } => Some(Problem::Unreachable),
        Attempt::Status(s) => classify_status(s),
    }
}

/// The list body of `GET {base}/{collection}`: a JSON array of objects.
pub fn parse_list(body: &str) -> Result<Vec<serde_json::Map<String, Value>>, Problem> {
    let value: Value = serde_json::from_str(body).map_err(|_| Problem::NotJson)?;
    let Value::Array(items) = value else {
        return Err(Problem::WrongShape);
    };
    items
        .into_iter()
        .map(|item| match item {
            Value::Object(map) => Ok(map),
            _ => Err(Problem::WrongShape),
        })
        .collect()
}

/// One plan's body: a JSON object.
pub fn parse_object(body: &str) -> Result<serde_json::Map<String, Value>, Problem> {
    match serde_json::from_str(body).map_err(|_| Problem::NotJson)? {
        Value::Object(map) => Ok(map),
        _ => Err(Problem::WrongShape),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_to_problems() {
        assert_eq!(classify(Attempt::BrowserOffline), Some(Problem::Offline));
        assert_eq!(classify(Attempt::TimedOut), Some(Problem::Timeout));
        let cors = Attempt::Failed {
            opaque_reached: true,
        };
        assert_eq!(classify(cors), Some(Problem::Cors));
        let down = Attempt::Failed {
            opaque_reached: false,
        };
        assert_eq!(classify(down), Some(Problem::Unreachable));
        assert_eq!(classify(Attempt::Status(200)), None);
        assert_eq!(classify(Attempt::Status(201)), None);
        assert_eq!(
            classify(Attempt::Status(401)),
            Some(Problem::Unauthorized(401))
        );
        assert_eq!(
            classify(Attempt::Status(403)),
            Some(Problem::Unauthorized(403))
        );
        assert_eq!(classify(Attempt::Status(404)), Some(Problem::NotFound));
        assert_eq!(classify(Attempt::Status(500)), Some(Problem::Server(500)));
        assert_eq!(classify(Attempt::Status(503)), Some(Problem::Server(503)));
        assert_eq!(
            classify(Attempt::Status(418)),
            Some(Problem::Unexpected(418))
        );
    }

    #[test]
    fn only_network_trouble_counts_as_offline() {
        assert!(Problem::Unreachable.is_offline());
        assert!(Problem::Timeout.is_offline());
        assert!(Problem::Offline.is_offline());
        assert!(!Problem::Cors.is_offline());
        assert!(!Problem::Server(500).is_offline());
    }

    #[test]
    fn list_bodies() {
        assert_eq!(parse_list("[]").map(|l| l.len()), Ok(0));
        assert_eq!(
            parse_list(r#"[{"id":"a"},{"id":1}]"#).map(|l| l.len()),
            Ok(2)
        );
        assert_eq!(parse_list("<html>"), Err(Problem::NotJson));
        assert_eq!(parse_list(r#"{"plans":[]}"#), Err(Problem::WrongShape));
        assert_eq!(parse_list("[1,2]"), Err(Problem::WrongShape));
        assert_eq!(parse_object("[]"), Err(Problem::WrongShape));
        assert!(parse_object(r#"{"id":"a"}"#).is_ok());
    }
}
