//! The JSON backend's pieces of UI: the sync state in the header, the conflict choice,
//! the settings form, and the backend's plan list.

mod conflict;
mod indicator;
mod remote_plans;
mod settings_form;

pub use conflict::ConflictPanel;
pub use indicator::SyncIndicator;
pub use remote_plans::RemotePlans;
pub use settings_form::BackendSettingsForm;
