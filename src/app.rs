//! The application: loads the plan, provides the stores, routes to the pages.

use crate::components::shell::Shell;
use crate::domain::demo::demo_plan;
use crate::domain::plan::Plan;
use crate::domain::schema::{load_plan, LoadError};
use crate::pages::{
    channels::ChannelsPage, funnel::FunnelPage, not_found::NotFoundPage, scenario::ScenarioPage,
    settings::SettingsPage, tasks::TasksPage, toolkits::ToolkitsPage,
};
use crate::state::autosave::{start_autosave, SaveStatus};
use crate::state::storage::{LocalPlanStorage, PlanStorage};
use crate::state::{provide_lang, provide_today, PlanStore};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The stored plan, or the demo plan for a first visit; what the autosave starts from;
/// and why a stored plan could not be read (it is kept aside untouched).
fn load_initial(storage: &impl PlanStorage) -> (Plan, SaveStatus, Option<LoadError>) {
    match storage.load() {
        Ok(Some(json)) => match load_plan(&json) {
            Ok(plan) => (plan, SaveStatus::Saved, None),
            Err(e) => {
                let _ = storage.keep_unreadable(&json);
                (demo_plan(), SaveStatus::Saved, Some(e))
            }
        },
        Ok(None) => (demo_plan(), SaveStatus::Saved, None),
        Err(e) => (demo_plan(), SaveStatus::Failed(e), None),
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_lang();
    provide_today();
    let storage = LocalPlanStorage::new();
    let (plan, initial_status, load_problem) = load_initial(&storage);
    let store = PlanStore::new(plan);
    provide_context(store);
    let status = start_autosave(store, storage, initial_status);
    provide_context(status);

    view! {
        <Router>
            <Shell status load_problem>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=ScenarioPage />
                    <Route path=path!("/scenario") view=ScenarioPage />
                    <Route path=path!("/tasks") view=TasksPage />
                    <Route path=path!("/funnel") view=FunnelPage />
                    <Route path=path!("/channels") view=ChannelsPage />
                    <Route path=path!("/toolkits") view=ToolkitsPage />
                    <Route path=path!("/settings") view=SettingsPage />
                </Routes>
            </Shell>
        </Router>
    }
}

pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
