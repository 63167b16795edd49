//! The application: loads the list of plans and the open plan, provides the stores, routes to the pages.

use crate::components::shell::Shell;
use crate::pages::not_found::NotFoundPage;
use crate::state::autosave::start_autosave;
use crate::state::backend::start_backend;
use crate::state::plans::{start_plans, Started};
use crate::state::storage::LocalPlanLibrary;
use crate::state::{provide_lang, provide_today};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{lazy_route, path, Lazy, LazyRoute};

/// A page fetched as its own wasm chunk the first time it is visited, so the first load
/// carries only the shell and the page it opens on (see README "Size").
macro_rules! lazy_page {
    ($route:ident, $page:path) => {
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

lazy_page!(TasksRoute, crate::pages::tasks::TasksPage);
lazy_page!(FunnelRoute, crate::pages::funnel::FunnelPage);
lazy_page!(ChannelsRoute, crate::pages::channels::ChannelsPage);
lazy_page!(ToolkitsRoute, crate::pages::toolkits::ToolkitsPage);
lazy_page!(SettingsRoute, crate::pages::settings::SettingsPage);
lazy_page!(PlansRoute, crate::pages::plans::PlansPage);
lazy_page!(PrintRoute, crate::pages::print::PrintPage);
lazy_page!(CustomersRoute, crate::pages::customers::CustomersPage);

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
                    <Route path=path!("/") view=crate::pages::scenario::ScenarioPage />
                    <Route path=path!("/scenario") view=crate::pages::scenario::ScenarioPage />
                    <Route path=path!("/tasks") view={Lazy::<TasksRoute>::new()} />
                    <Route path=path!("/funnel") view={Lazy::<FunnelRoute>::new()} />
                    <Route path=path!("/channels") view={Lazy::<ChannelsRoute>::new()} />
                    <Route path=path!("/toolkits") view={Lazy::<ToolkitsRoute>::new()} />
                    <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} />
                    <Route path=path!("/plans") view={Lazy::<PlansRoute>::new()} />
                    <Route path=path!("/print") view={Lazy::<PrintRoute>::new()} />
                    <Route path=path!("/customers") view={Lazy::<CustomersRoute>::new()} />
                </Routes>
            </Shell>
        </Router>
    }
}

pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
