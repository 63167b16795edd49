//! The application: loads the list of plans and the open plan, provides the stores, routes to the pages.

use crate::components::shell::Shell;
use crate::pages::{
    channels::ChannelsPage, funnel::FunnelPage, not_found::NotFoundPage, plans::PlansPage,
    print::PrintPage, scenario::ScenarioPage, settings::SettingsPage, tasks::TasksPage,
    toolkits::ToolkitsPage,
};
use crate::state::autosave::start_autosave;
use crate::state::backend::start_backend;
use crate::state::plans::{start_plans, Started};
use crate::state::storage::LocalPlanLibrary;
use crate::state::{provide_lang, provide_today};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_lang();
    provide_today();
    crate::state::analysis::provide_analysis();
    // The list of plans, the old single plan migrated into it, the open plan.
    let Started {
        plans,
        problem: load_problem,
    } = start_plans(LocalPlanLibrary);
    provide_context(plans);
    provide_context(plans.store);
    start_autosave(plans);
    // The optional JSON backend: uploads after each local save, conflicts, offline queue.
    provide_context(start_backend(plans));
    let status = plans.status();
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
                    <Route path=path!("/plans") view=PlansPage />
                    <Route path=path!("/print") view=PrintPage />
                    <Route path=path!("/customers") view=crate::pages::customers::CustomersPage />
                </Routes>
            </Shell>
        </Router>
    }
}

pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
