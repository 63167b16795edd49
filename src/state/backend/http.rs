//! The HTTP glue: one request with a timeout, the authorization header only for the
//! configured origin, and a failed fetch told apart (unreachable vs. CORS refused).
//! Every decision is `domain::sync`'s; this file only talks to the browser.

use crate::domain::sync::problem::{classify, parse_list, Attempt, Problem};
use crate::domain::sync::settings::BackendSettings;
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::set_timeout_with_handle;
use std::time::Duration;
use web_sys::{AbortController, RequestMode};

/// What came back.
pub struct Reply {
    pub status: u16,
    pub body: String,
    /// Only when the server exposes it to this page (Access-Control-Expose-Headers).
    pub etag: Option<String>,
}

fn browser_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Aborts `controller` after `ms`; the returned handle cancels that.
fn arm(controller: &AbortController, ms: u32) -> Option<leptos::prelude::TimeoutHandle> {
    let c = controller.clone();
    set_timeout_with_handle(move || c.abort(), Duration::from_millis(ms.into())).ok()
}

/// Sends one request. `Err` only when no HTTP status arrived.
pub async fn send(
    settings: &BackendSettings,
    method: Method,
    url: &str,
    body: Option<String>,
    if_match: Option<&str>,
) -> Result<Reply, Problem> {
    if browser_offline() {
        return Err(Problem::Offline);
    }
    // The browser would block it and only say "failed": tell why instead.
    if settings.is_mixed_content(&page_url()) {
        return Err(Problem::MixedContent);
    }
    let controller = AbortController::new().map_err(|_| Problem::Unreachable)?;
    let mut builder = RequestBuilder::new(url)
        .method(method)
        .header("Accept", "application/json")
        .abort_signal(Some(&controller.signal()));
    if let Some(auth) = settings.authorization_for(url) {
        builder = builder.header("Authorization", auth);
    }
    if let Some(tag) = if_match {
        builder = builder.header("If-Match", tag);
    }
    let request = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    }
    .map_err(|_| Problem::Unreachable)?;
    let timer = arm(&controller, settings.timeout_ms());
    let sent = request.send().await;
    let outcome = match sent {
        Ok(response) => {
            let status = response.status();
            let etag = response.headers().get("etag");
            match response.text().await {
                Ok(body) => Ok(Reply { status, body, etag }),
                Err(_) if controller.signal().aborted() => Err(Problem::Timeout),
                Err(_) => Err(Problem::Unreachable),
            }
        }
        Err(_) if controller.signal().aborted() => Err(Problem::Timeout),
        Err(_) => Err(classify(Attempt::Failed {
            opaque_reached: reached_without_cors(settings, url).await,
        })
        .unwrap_or(Problem::Unreachable)),
    };
    if let Some(t) = timer {
        t.clear();
    }
    outcome
}

/// The same URL with `mode: "no-cors"`: an opaque response means a server is there but
/// did not allow this page's origin. No credentials or custom headers go with it.
async fn reached_without_cors(settings: &BackendSettings, url: &str) -> bool {
    let Ok(controller) = AbortController::new() else {
        return false;
    };
    let Ok(request) = RequestBuilder::new(url)
        .mode(RequestMode::NoCors)
        .abort_signal(Some(&controller.signal()))
        .build()
    else {
        return false;
    };
    let timer = arm(&controller, settings.timeout_ms());
    let reached = request.send().await.is_ok();
    if let Some(t) = timer {
        t.clear();
    }
    reached
}

/// "Test connection" of a JSON API: the settings, mixed content, then the list. Ok = how
/// many plans.
pub(super) async fn test_json(settings: &BackendSettings) -> Result<usize, Problem> {
    settings.validate().map_err(|_| Problem::BadSettings)?;
    if settings.is_mixed_content(&page_url()) {
        return Err(Problem::MixedContent);
    }
    let reply = send(
        settings,
        Method::GET,
        &settings.collection_url(),
        None,
        None,
    )
    .await?;
    if let Some(problem) = classify(Attempt::Status(reply.status)) {
        return Err(problem);
    }
    parse_list(&reply.body).map(|list| list.len())
}
