//! The application: loads the list of plans and the open plan, provides the stores, routes to the pages.

use crate::components::lazy_page::{lazy_page, LazyPage};
use crate::components::shell::Shell;
use crate::pages::not_found::NotFoundPage;
use crate::pages::overview::OverviewPage;
use crate::state::autosave::start_autosave;
use crate::state::backend::start_backend;
use crate::state::plans::{read_start, start_plans, Start, Started};
use crate::state::storage::LocalPlanLibrary;
use crate::state::{provide_lang, provide_today};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::{JsCast, JsValue};

// Every page but the overview (the landing page) is its own wasm module, fetched the
// first time it is shown, so the first load carries only the shell and the overview.
lazy_page!(
    scenario,
    scenario_page,
    crate::pages::scenario::ScenarioPage
);
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
// A share link opens here (its plan read-only); the sealing code comes with it.
lazy_page!(share, share_page, crate::pages::share::SharePage);
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
                    <Route path=path!("/") view=OverviewPage />
                    <Route path=path!("/scenario") view=|| view! { <LazyPage load=scenario_page /> } />
                    <Route path=path!("/tasks") view=|| view! { <LazyPage load=tasks_page /> } />
                    <Route path=path!("/funnel") view=|| view! { <LazyPage load=funnel_page /> } />
                    <Route path=path!("/channels") view=|| view! { <LazyPage load=channels_page /> } />
                    <Route path=path!("/toolkits") view=|| view! { <LazyPage load=toolkits_page /> } />
                    <Route path=path!("/settings") view=|| view! { <LazyPage load=settings_page /> } />
                    <Route path=path!("/plans") view=|| view! { <LazyPage load=plans_page /> } />
                    <Route path=path!("/print") view=|| view! { <LazyPage load=print_page /> } />
                    <Route path=path!("/share") view=|| view! { <LazyPage load=share_page /> } />
                    <Route path=path!("/customers") view=|| view! { <LazyPage load=customers_page /> } />
                </Routes>
            </Shell>
        </Router>
    }
}

/// Starts the app. A page prerendered at build time (`.ci/prerender.mjs`: the HTML of this
/// address, marked `data-prerendered`) stays on screen while the app builds its own copy
/// outside the document; once that copy is complete, it replaces the prerendered one in a
/// single frame, so the page does not visibly change, and what the visitor did meanwhile
/// (focus, typed text, scroll) carries over. `<html data-app="live">` says it is done.
pub fn mount() {
    console_error_panic_hook::set_once();
    // A page's texts read before its module installed them would show empty: a bug the
    // console names (the end-to-end tests fail on it, tests/e2e/specs/fixtures.js).
    crate::i18n::report_missing_texts_with(|group| {
        leptos::logging::error!("missing UI texts: {group:?} not installed")
    });
    // What the first render needs and the first load leaves out arrives before the app
    // starts: the English texts for a merchant who chose English, the demo plan on a
    // first visit. (Leptos sets up its own task executor only when it mounts.)
    // The lazily loaded data and engines, named here only (see enable_plan_modules).
    crate::state::lang::enable_english_module();
    crate::state::plan_data::enable_plan_modules();
    crate::state::backend::enable_sync_module();
    crate::state::plan_reader::enable_plan_reader();
    crate::state::archive::enable_archive_module();
    crate::pages::funnel::import::enable_funnel_events_module();
    crate::pages::customers::value::enable_customer_value_module();
    crate::pages::customers::enable_customer_sections_module();
    crate::state::xlsx::enable_xlsx_module();
    crate::state::shared_copy::enable_shared_copy_module();
    crate::pages::channels::enable_channel_response_module();
    wasm_bindgen_futures::spawn_local(async {
        crate::state::lang::load_stored_language().await;
        let start = read_start(LocalPlanLibrary).await;
        // Reading the plan and building the app are two tasks, not one long one.
        crate::state::plan_data::sleep(std::time::Duration::ZERO).await;
        let app = move || view! { <App start /> };
        let document = document();
        let prerendered = document.query_selector("[data-prerendered]").ok().flatten();
        let host = document.create_element("div").ok();
        match (prerendered, host) {
            (Some(prerendered), Some(host)) => {
                let host: web_sys::HtmlElement = host.unchecked_into();
                crate::components::deferred::set_out_of_sight(true);
                leptos::mount::mount_to(host.clone(), app).forget();
                take_over_when_complete(prerendered, host);
            }
            _ => {
                leptos::mount::mount_to_body(app);
                // Marked live once the page is complete too (what prerendering waits for).
                let live = || {
                    mark_live();
                    skip_offscreen_sections_soon();
                };
                match document.body() {
                    Some(body) => when_complete(body.into(), live),
                    None => live(),
                }
            }
        }
    });
}

fn take_over_when_complete(prerendered: web_sys::Element, host: web_sys::HtmlElement) {
    let root = host.clone().into();
    when_complete(root, move || take_over(&prerendered, &host));
}

/// Checks once a frame (before it is painted) whether the app's page under `root` is
/// complete: a lazily loaded page's module has arrived (no loading line) and no section
/// says it is still being built (`aria-busy="true"`: components/deferred.rs builds the
/// sections below the fold one per task), then runs `then`.
fn when_complete<F: FnOnce() + 'static>(root: web_sys::Element, then: F) {
    request_animation_frame(move || {
        let busy = root
            .query_selector(".page-loading, [aria-busy=\"true\"]")
            .ok()
            .flatten();
        if busy.is_none() {
            then();
        } else {
            when_complete(root, then);
        }
    });
}

/// A form field of the prerendered page and its live counterpart share a name: the tag,
/// the id or else the aria-label (every editable cell has one), and which of the fields
/// with that name it is.
fn field_key(
    fields: &[web_sys::Element],
    field: &web_sys::Element,
) -> Option<(String, String, usize)> {
    let name_of = |e: &web_sys::Element| {
        e.get_attribute("id")
            .filter(|id| !id.is_empty())
            .or_else(|| e.get_attribute("aria-label"))
            .or_else(|| e.get_attribute("name"))
    };
    let name = name_of(field)?;
    let tag = field.tag_name();
    let nth = fields
        .iter()
        .take_while(|e| *e != field)
        .filter(|e| e.tag_name() == tag && name_of(e).as_deref() == Some(name.as_str()))
        .count();
    Some((tag, name, nth))
}

fn fields_in(root: &web_sys::Element) -> Vec<web_sys::Element> {
    elements_in(root, "input, textarea, select")
}

/// The elements under `root` that `selector` matches, in document order.
fn elements_in<T: JsCast>(root: &web_sys::Element, selector: &str) -> Vec<T> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<T>().ok())
        .collect()
}

fn prop(target: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
}

fn take_over(prerendered: &web_sys::Element, host: &web_sys::HtmlElement) {
    let document = document();
    let window = window();
    let scroll = (
        window.scroll_x().unwrap_or(0.0),
        window.scroll_y().unwrap_or(0.0),
    );
    let old_fields = fields_in(prerendered);
    // Text typed into the prerendered fields (a field's value differs from its markup).
    let typed: Vec<_> = old_fields
        .iter()
        .filter(|f| {
            let value = prop(f, "value");
            value.is_some() && value != prop(f, "defaultValue") && f.tag_name() != "SELECT"
        })
        .filter_map(|f| Some((field_key(&old_fields, f)?, prop(f, "value")?)))
        .collect();
    let focused = document
        .active_element()
        .filter(|e| prerendered.contains(Some(e)));
    let focus = focused.as_ref().and_then(|f| {
        let input = f.dyn_ref::<web_sys::HtmlInputElement>();
        let selection =
            input.and_then(|i| Some((i.selection_start().ok()??, i.selection_end().ok()??)));
        Some((field_key(&old_fields, f)?, selection))
    });

    // The swap: the app's nodes take the prerendered page's place, in one go.
    // From here on a table is built whole, whether or not the swap can be made.
    crate::components::deferred::set_out_of_sight(false);
    let Some(parent) = prerendered.parent_node() else {
        return;
    };
    let held = hold_offscreen_sections(prerendered, host, focused.as_ref());
    while let Some(child) = host.first_child() {
        let _ = parent.insert_before(&child, Some(prerendered));
    }
    prerendered.remove();

    let live_root = document.document_element();
    let live_fields = live_root.as_ref().map(fields_in).unwrap_or_default();
    let find = |key: &(String, String, usize)| {
        live_fields
            .iter()
            .find(|f| field_key(&live_fields, f).as_ref() == Some(key))
            .cloned()
    };
    for (key, value) in typed {
        if let Some(field) = find(&key) {
            // Set, then announced as typing is, so the app's own input handler takes it in.
            let _ = js_sys::Reflect::set(
                &field,
                &JsValue::from_str("value"),
                &JsValue::from_str(&value),
            );
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
                let _ = field.dispatch_event(&event);
            }
        }
    }
    if let Some((key, selection)) = focus {
        if let Some(field) = find(&key) {
            let _ = field.unchecked_ref::<web_sys::HtmlElement>().focus();
            if let (Some((start, end)), Some(input)) =
                (selection, field.dyn_ref::<web_sys::HtmlInputElement>())
            {
                let _ = input.set_selection_range(start, end);
            }
        }
    }
    window.scroll_to_with_x_and_y(scroll.0, scroll.1);
    mark_live();
    release_one_per_frame(held.into(), skip_offscreen_sections_soon);
}

/// A section of the page to hold: its style is the stylesheet's `.page .section`.
const SECTION: &str = ".page .section";

/// A held section's mark: its content is neither styled nor laid out (style/main.css).
const HELD: &str = "data-held";

/// Holds the live page's sections that are off screen (none of the prerendered twin in the
/// viewport, no focused field in it): each keeps its twin's height and its content is not
/// styled or laid out (`display: none` under `data-held`), so that the swap's frame lays
/// out what is on screen only (on /channels, CPU 4×: the whole page was one task of
/// 255–436 ms) and nothing moves. Returns the sections held; none when the two pages'
/// sections do not pair up or the prerendered page takes no room.
///
/// Not `content-visibility: auto`, which the takeover used before: a page with a
/// `<select>` gets a task from the browser's autofill right after the swap that measures
/// every field, and a field under `content-visibility` is laid out to be measured, so all
/// the held sections were laid out in that one task (134–232 ms on /channels at 4×). A
/// field under `display: none` has no box to measure.
///
/// Under a merchant's own plan or English the prerendered page is laid out but invisible,
/// with the demo's sizes: a section the demo's page showed is live at once, a held one
/// takes its own size when let go, and the browser's scroll anchoring keeps what is on
/// screen where it is.
fn hold_offscreen_sections(
    prerendered: &web_sys::Element,
    host: &web_sys::Element,
    focused: Option<&web_sys::Element>,
) -> Vec<web_sys::HtmlElement> {
    let old: Vec<web_sys::HtmlElement> = elements_in(prerendered, SECTION);
    let new: Vec<web_sys::HtmlElement> = elements_in(host, SECTION);
    if old.is_empty() || old.len() != new.len() {
        return Vec::new();
    }
    let screen = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let mut held = Vec::new();
    for (twin, section) in old.iter().zip(new) {
        let rect = twin.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return Vec::new();
        }
        let on_screen = rect.bottom() > 0.0 && rect.top() < screen;
        let has_focus = focused.is_some_and(|f| twin.contains(Some(f)));
        if !on_screen && !has_focus {
            held.push((section, rect.height()));
        }
    }
    for (section, height) in &held {
        // The border box, as measured. The number is written by the browser's own string
        // conversion: Rust's float formatting would come into the main module (+22 KB gzip).
        let height = js_sys::JsString::from("")
            .concat(&JsValue::from_f64(*height))
            .concat(&JsValue::from_str("px"));
        let style = section.style();
        let _ = style.set_property("box-sizing", "border-box");
        let _ = style.set_property("height", &String::from(height));
        let _ = section.set_attribute(HELD, "");
    }
    held.into_iter().map(|(section, _)| section).collect()
}

/// Lets the held sections be laid out as the stylesheet says, one per frame, so that the
/// page's layout is several short tasks after the swap instead of one long one; then runs
/// `then`.
fn release_one_per_frame(mut held: std::collections::VecDeque<web_sys::HtmlElement>, then: fn()) {
    request_animation_frame(move || match held.pop_front() {
        Some(section) => {
            let _ = section.remove_attribute(HELD);
            let style = section.style();
            let _ = style.remove_property("box-sizing");
            let _ = style.remove_property("height");
            release_one_per_frame(held, then);
        }
        None => then(),
    });
}

/// Whether the app has taken over the page (`mark_live`).
pub fn is_live() -> bool {
    document()
        .document_element()
        .is_some_and(|html| html.get_attribute("data-app").as_deref() == Some("live"))
}

fn mark_live() {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", "live");
    }
    // A first visit read no stored plan; the reader comes now, after the page is live, in
    // a task of its own (the swap's is long enough).
    set_timeout(
        crate::state::plan_reader::fetch_in_background,
        std::time::Duration::ZERO,
    );
    // The service worker that opens the app offline, once the browser is idle.
    crate::state::offline::register_service_worker();
}

/// Lets the sections far from the screen skip their layout and paint while a field of the
/// page has focus (style/main.css). Two frames after the page is live and no section is
/// held (`release_one_per_frame`): the first lays out every section and remembers its
/// size, so a section skipped afterwards keeps its place and the page never moves (the
/// prerendered page's scroll position and focus carry over).
fn skip_offscreen_sections_soon() {
    request_animation_frame(|| {
        request_animation_frame(|| {
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("data-skip-offscreen", "");
            }
        })
    });
}
