//! The application: loads the list of plans and the open plan, provides the stores, routes to the pages.

use crate::components::lazy_page::{lazy_page, LazyPage};
use crate::components::shell::Shell;
use crate::pages::not_found::NotFoundPage;
use crate::pages::scenario::ScenarioPage;
use crate::state::autosave::start_autosave;
use crate::state::backend::start_backend;
use crate::state::plans::{read_start, start_plans, Start, Started};
use crate::state::storage::LocalPlanLibrary;
use crate::state::{provide_lang, provide_today};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

// Every page but the scenario planner (the landing page) is its own wasm module, fetched
// the first time it is shown, so the first load carries only the shell and that page.
lazy_page!(tasks, tasks_page, crate::pages::tasks::TasksPage);
lazy_page!(funnel, funnel_page, crate::pages::funnel::FunnelPage);
lazy_page!(
    channels,
    channels_page,
    crate::pages::channels::ChannelsPage
);
lazy_page!(
    toolkits,
    toolkits_page,
    crate::pages::toolkits::ToolkitsPage
);
lazy_page!(
    settings,
    settings_page,
    crate::pages::settings::SettingsPage
);
lazy_page!(plans, plans_page, crate::pages::plans::PlansPage);
lazy_page!(print, print_page, crate::pages::print::PrintPage);
lazy_page!(
    customers,
    customers_page,
    crate::pages::customers::CustomersPage
);

/// `start`: what storage held, read before the app mounts (`mount`).
#[component]
pub fn App(start: Start) -> impl IntoView {
    provide_lang();
    provide_today();
    crate::state::analysis::provide_analysis();
    // The list of plans, the old single plan migrated into it, the open plan.
    let Started {
        plans,
        problem: load_problem,
    } = start_plans(start);
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
                    <Route path=path!("/tasks") view=|| view! { <LazyPage load=tasks_page /> } />
                    <Route path=path!("/funnel") view=|| view! { <LazyPage load=funnel_page /> } />
                    <Route path=path!("/channels") view=|| view! { <LazyPage load=channels_page /> } />
                    <Route path=path!("/toolkits") view=|| view! { <LazyPage load=toolkits_page /> } />
                    <Route path=path!("/settings") view=|| view! { <LazyPage load=settings_page /> } />
                    <Route path=path!("/plans") view=|| view! { <LazyPage load=plans_page /> } />
                    <Route path=path!("/print") view=|| view! { <LazyPage load=print_page /> } />
                    <Route path=path!("/customers") view=|| view! { <LazyPage load=customers_page /> } />
                </Routes>
            </Shell>
        </Router>
    }
}

pub fn mount() {
    console_error_panic_hook::set_once();
    // What the first render needs and the first load leaves out arrives before the app
    // starts: the English texts for a merchant who chose English, the demo plan on a
    // first visit. (Leptos sets up its own task executor only when it mounts.)
    wasm_bindgen_futures::spawn_local(async {
        crate::state::lang::load_stored_language().await;
        let start = read_start(LocalPlanLibrary).await;
        leptos::mount::mount_to_body(move || view! { <App start /> });
    });
}
