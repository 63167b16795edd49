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
//! `<Deferred out_of_sight_only=true>` is built later only while the app builds its page out
//! of sight ([`building_out_of_sight`]), where nobody sees the page before it is complete;
//! otherwise with the page around it: a page's first section, on screen as it opens.
//!
//! `<Deferred on_view=true>` is built only when its placeholder comes near the viewport (or
//! the whole page is needed), never in the idle turns: for a section whose code is a wasm
//! module of its own, fetched only when someone is about to look at it. Its placeholder is
//! not busy (nothing waits for a section nobody scrolled to).
//!
//! [`build_later`] puts a piece of work of a section already built (the rest of a long
//! table's rows) in the same queue, ahead of the sections still waiting: what is on the
//! page is finished before the next section starts.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// A section waiting to be built (its placeholder's number), or the rest of one.
struct Pending {
    id: u64,
    work: Work,
    /// Built only near the viewport or when the whole page is needed, not in idle turns.
    on_view: bool,
}

enum Work {
    /// A section's switch: set, its children are built.
    Section(RwSignal<bool>),
    /// More of a section already built (`build_later`).
    Rest(Box<dyn FnOnce()>),
}

impl Pending {
    /// Does the work; its DOM is in place once the current task's microtasks have run.
    fn run(self) {
        match self.work {
            Work::Section(ready) => {
                ready.try_set(true);
            }
            Work::Rest(job) => job(),
        }
    }
}

thread_local! {
    static OUT_OF_SIGHT: Cell<bool> = const { Cell::new(false) };
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
    /// Built later only while the page is built out of sight ([`building_out_of_sight`]),
    /// otherwise with the page: a page's first section, on screen as the page opens.
    #[prop(optional)]
    out_of_sight_only: bool,
) -> AnyView {
    if out_of_sight_only && !building_out_of_sight() {
        return children().into_any();
    }
    let on_view = on_view && use_context::<BuildAllSections>().is_none();
    let ready = RwSignal::new(false);
    let id = next_id();
    QUEUE.with_borrow_mut(|q| {
        q.push(Pending {
            id,
            work: Work::Section(ready),
            on_view,
        })
    });
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
    (move || {
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
    })
    .into_any()
}

/// Says whether the app builds its page outside the document, to take over a prerendered
/// one (`app::mount`): nobody sees that page until it is complete.
pub fn set_out_of_sight(on: bool) {
    OUT_OF_SIGHT.set(on);
}

/// Whether the page is built outside the document ([`set_out_of_sight`]): a long table may
/// then be built in parts, each a task of its own (`build_later`), since the page waits
/// for it (a part left to build says `aria-busy`).
pub fn building_out_of_sight() -> bool {
    OUT_OF_SIGHT.get()
}

fn next_id() -> u64 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// Runs `job` in a task of its own, before the sections still waiting: the rest of a
/// section built in parts. A job may ask for another.
pub fn build_later(job: impl FnOnce() + 'static) {
    let id = next_id();
    let job = Work::Rest(Box::new(job));
    QUEUE.with_borrow_mut(|q| {
        q.insert(
            0,
            Pending {
                id,
                work: job,
                on_view: false,
            },
        )
    });
    schedule();
}

/// Builds every pending section now (their DOM is in place once the current event's
/// microtasks have run): before printing, or before scrolling to a `#section`.
pub fn render_all_now() {
    // A job may queue the next part of its section: until none is left.
    loop {
        let all = QUEUE.with_borrow_mut(std::mem::take);
        if all.is_empty() {
            break;
        }
        all.into_iter().for_each(Pending::run);
    }
}

fn render(id: u64) {
    let found = QUEUE.with_borrow_mut(|q| {
        let at = q.iter().position(|p| p.id == id)?;
        Some(q.remove(at))
    });
    if let Some(p) = found {
        p.run();
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
        p.run();
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
