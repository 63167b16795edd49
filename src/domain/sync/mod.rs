//! Keeping plans on a JSON backend (any REST server with the contract in the README,
//! json-server 0.17 included) without ever losing a write. Plain logic only: the HTTP
//! glue in `state::backend` asks these functions what to do and reports what happened.
//!
//! - `settings`: where the backend is, and whom the authorization header may go to;
//! - `problem`: what a failed request means, in words the merchant can act on;
//! - `document`: the plan document as the backend keeps it (`id` + `revision`);
//! - `revision`: whether a save may go ahead or is a conflict;
//! - `queue`: the pending uploads (kept across reloads) and the state the header shows;
//! - `diff`: the readable differences between my version and theirs.

pub mod diff;
pub mod document;
pub mod problem;
pub mod queue;
pub mod revision;
pub mod settings;
