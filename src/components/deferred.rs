//! A page section built after the first paint, so that opening a page is not one long task.
//!
//! `<Deferred>…</Deferred>` puts a placeholder where its children go and builds them in a
//! later task: one pending section per turn of the event loop, in page order, starting
//! after the next frame (so what is above the fold is painted first), or at once when the
//! placeholder comes near the viewport. Every pending section is built at once when
//! something needs the whole page: before printing (`beforeprint`), when a link names a
//! `#section` (a click on an anchor link, `hashchange`, a lazy page opened at an address
//! with a hash: [`render_all_now`]).
//!
//! A placeholder says `aria-busy="true"`: the takeover of a prerendered page (`app::mount`)
//! waits until none is left, so the prerendered page is replaced by a complete one while
//! its sections were built in several short tasks.
//!
//! `<Deferred on_view=true>` is built only when its placeholder comes near the viewport (or
//! the whole page is needed), never in the idle turns: for a section whose code is a wasm
//! module of its own, fetched only when someone is about to look at it. Its placeholder is
//! not busy (nothing waits for a section nobody scrolled to).

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// A section waiting to be built: its switch and its placeholder's number.
struct Pending {
    id: u64,
    ready: RwSignal<bool>,
    /// Built only near the viewport or when the whole page is needed, not in idle turns.
    on_view: bool,
}

thread_local! {
    static QUEUE: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
    static OBSERVER: RefCell<Option<IntersectionObserver>> = const { RefCell::new(None) };
}

/// The attribute naming a placeholder's pending section (read by the viewport observer).
const ID_ATTR: &str = "data-deferred";

/// Provided by a page that shows everything at once (the print view): there, sections
/// built on view are built in the idle turns like the others.
#[derive(Clone, Copy)]
pub struct BuildAllSections;

/// Children built in a later task than the page around them (see the module's doc).
#[component]
pub fn Deferred(
    children: Children,
    /// Built only near the viewport (or for the whole page), not in the idle turns.
    #[prop(optional)]
    on_view: bool,
) -> impl IntoView {
    let on_view = on_view && use_context::<BuildAllSections>().is_none();
    let ready = RwSignal::new(false);
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    QUEUE.with_borrow_mut(|q| q.push(Pending { id, ready, on_view }));
    listen_once();
    if !on_view {
        schedule();
    }
    let place = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = place.get() {
            with_observer(|o| o.observe(&el));
        }
    });
    on_cleanup(move || {
        QUEUE.with_borrow_mut(|q| q.retain(|p| p.id != id));
        if let Some(el) = place.get_untracked() {
            with_observer(|o| o.unobserve(&el));
        }
    });
    let children = StoredValue::new_local(Some(children));
    move || {
        if ready.get() {
            if let Some(el) = place.get_untracked() {
                with_observer(|o| o.unobserve(&el));
            }
            let children = children.try_update_value(Option::take).flatten();
            // Built untracked, as a component is: the section's reads must not rebuild it.
            untrack(|| children.map(|c| c()).into_any())
        } else {
            view! {
                <div class="deferred" aria-busy=(!on_view).then_some("true") data-deferred=id.to_string() node_ref=place></div>
            }
            .into_any()
        }
    }
}

/// Builds every pending section now (their DOM is in place once the current event's
/// microtasks have run): before printing, or before scrolling to a `#section`.
pub fn render_all_now() {
    let all = QUEUE.with_borrow_mut(std::mem::take);
    for p in all {
        p.ready.try_set(true);
    }
}

fn render(id: u64) {
    let found = QUEUE.with_borrow_mut(|q| {
        let at = q.iter().position(|p| p.id == id)?;
        Some(q.remove(at))
    });
    if let Some(p) = found {
        p.ready.try_set(true);
    }
}

/// One pending section per turn of the event loop, the first after the next frame
/// (sections built on view excepted).
fn schedule() {
    if SCHEDULED.replace(true) {
        return;
    }
    request_animation_frame(|| set_timeout(step, Duration::ZERO));
}

fn step() {
    let next = QUEUE.with_borrow_mut(|q| {
        let at = q.iter().position(|p| !p.on_view)?;
        Some(q.remove(at))
    });
    if let Some(p) = next {
        p.ready.try_set(true);
    }
    if QUEUE.with_borrow(|q| q.iter().all(|p| p.on_view)) {
        SCHEDULED.set(false);
    } else {
        set_timeout(step, Duration::ZERO);
    }
}

/// The shared observer: a placeholder within a screen of the viewport is built at once.
fn with_observer(f: impl FnOnce(&IntersectionObserver)) {
    OBSERVER.with_borrow_mut(|o| {
        if o.is_none() {
            let callback = Closure::<dyn Fn(js_sys::Array)>::new(|entries: js_sys::Array| {
                for entry in entries.iter() {
                    let entry: IntersectionObserverEntry = entry.unchecked_into();
                    let id = entry
                        .target()
                        .get_attribute(ID_ATTR)
                        .and_then(|id| id.parse().ok());
                    if let (true, Some(id)) = (entry.is_intersecting(), id) {
                        render(id);
                    }
                }
            });
            let options = IntersectionObserverInit::new();
            options.set_root_margin("100% 0px");
            // A browser without IntersectionObserver builds each section in its turn.
            let Ok(observer) =
                IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
            else {
                return;
            };
            *o = Some(observer);
            // One observer for the app's lifetime.
            callback.forget();
        }
        if let Some(o) = o.as_ref() {
            f(o);
        }
    });
}

/// Printing, a link to a `#section` and a new hash need the whole page.
fn listen_once() {
    thread_local!(static LISTENING: Cell<bool> = const { Cell::new(false) });
    if LISTENING.replace(true) {
        return;
    }
    let window = window();
    let all = Closure::<dyn Fn()>::new(render_all_now);
    let _ = window.add_event_listener_with_callback("beforeprint", all.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("hashchange", all.as_ref().unchecked_ref());
    all.forget();
    // Capture phase: the sections are built before the router scrolls to the anchor
    // (a user's click runs the microtasks that build them between the two listeners).
    let click = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let anchor = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("a[href*=\"#\"]").ok().flatten());
        if anchor.is_some() {
            render_all_now();
        }
    });
    let _ = document().add_event_listener_with_callback_and_bool(
        "click",
        click.as_ref().unchecked_ref(),
        true,
    );
    click.forget();
}
