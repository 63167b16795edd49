//! Whether the page is going on paper: the print view (`/print`), or the browser printing
//! whatever page is open. On paper a long table prints every row, not the screenful a
//! virtual table keeps in the page (`table::editable_table`).

use super::deferred::BuildAllSections;
use leptos::prelude::*;
use std::cell::OnceCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// Between the browser's `beforeprint` and `afterprint`, for the app's lifetime.
    static PRINTING: OnceCell<ArcRwSignal<bool>> = const { OnceCell::new() };
}

/// Whether every row of every table must be in the page: a tracked read, so a table
/// renders all its rows when printing starts and goes back to its window after.
pub fn whole_tables() -> Signal<bool> {
    if use_context::<BuildAllSections>().is_some() {
        return Signal::stored(true);
    }
    printing().into()
}

/// Reference-counted rather than owned by the table that asked first: it outlives it.
fn printing() -> ArcRwSignal<bool> {
    PRINTING.with(|p| {
        p.get_or_init(|| {
            let printing = ArcRwSignal::new(false);
            let listen = |event: &str, on: bool| {
                let printing = printing.clone();
                let set = Closure::<dyn Fn()>::new(move || printing.set(on));
                if let Some(w) = web_sys::window() {
                    let _ = w.add_event_listener_with_callback(event, set.as_ref().unchecked_ref());
                }
                set.forget();
            };
            listen("beforeprint", true);
            listen("afterprint", false);
            printing
        })
        .clone()
    })
}
